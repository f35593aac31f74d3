//! Pure page layout: measures text with a [`Measure`], wraps and justifies paragraphs, breaks
//! pages, splits tables with the header repeated, keeps headings with what follows them and
//! draws bar charts from rectangles. It knows nothing of PDF: it returns positioned items.
//!
//! Coordinates are points from the top-left corner of the page.

pub use super::doc::*;
use crate::palette::{self, Rgb};
use std::borrow::Cow;

/// Points in a millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Text measurement: the width of a string set in a face at a size.
pub trait Measure {
    fn width(&self, text: &str, weight: Weight, size: f32) -> f32;
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl PageGeometry {
    /// A4 with the margins of ГОСТ Р 7.0.97: left 30 mm, right 10 mm, top and bottom 20 mm.
    pub fn a4_gost() -> PageGeometry {
        PageGeometry {
            width: 210.0 * PT_PER_MM,
            height: 297.0 * PT_PER_MM,
            left: 30.0 * PT_PER_MM,
            right: 10.0 * PT_PER_MM,
            top: 20.0 * PT_PER_MM,
            bottom: 20.0 * PT_PER_MM,
        }
    }

    pub fn body_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    pub fn body_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// A run of text on one line; `word_extra` is added to every space (justification).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    pub text: String,
    pub weight: Weight,
    pub size: f32,
    pub word_extra: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A filled rectangle; `y` is its top edge.
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Rgb,
    },
    /// A stroked rectangle outline.
    Frame {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        line: f32,
    },
    /// A clickable area that jumps to a 1-based page (lines of the contents).
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        page: usize,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A heading as placed: its text, level and 1-based page number.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedHeading {
    pub text: String,
    pub level: u8,
    pub page: usize,
    pub in_contents: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    pub headings: Vec<PlacedHeading>,
}

/// A wrapped line: its text and natural width; `gaps` is the number of stretchable spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
    pub gaps: usize,
    /// Where the weight changes: byte offsets into `text`, each with the weight from there
    /// on; the first is at 0. Empty for a line made by hand (all in the style's weight).
    pub weights: Vec<(usize, Weight)>,
}

impl Line {
    /// A line of one weight, measured by the caller.
    pub fn plain(text: String, width: f32) -> Line {
        Line { text, width, gaps: 0, weights: Vec::new() }
    }

    fn empty() -> Line {
        Line::plain(String::new(), 0.0)
    }

    /// The line's pieces of one weight: byte range and weight (`style` where none is recorded).
    pub fn segments(&self, style: Weight) -> Vec<(std::ops::Range<usize>, Weight)> {
        self.pieces(style).collect()
    }

    /// [`Line::segments`] without collecting them.
    fn pieces(&self, style: Weight) -> impl Iterator<Item = (std::ops::Range<usize>, Weight)> {
        let first = if self.weights.is_empty() { Some((0, style)) } else { None };
        let starts = first.into_iter().chain(self.weights.iter().copied());
        let ends = self.weights.iter().skip(1).map(|(at, _)| *at).chain(std::iter::once(self.text.len()));
        starts.zip(ends).map(|((start, weight), end)| (start..end, weight))
    }

    /// Appends `text` set in `weight`, recording a change of weight.
    fn push(&mut self, text: &str, weight: Weight) {
        if self.weights.last().map(|(_, w)| *w) != Some(weight) {
            self.weights.push((self.text.len(), weight));
        }
        self.text.push_str(text);
    }
}

/// A word to set: its text (borrowed from its span when it lies in one) and its weights:
/// `first` from the start, then each change (byte offset, weight).
#[derive(Debug, Clone, PartialEq)]
struct Word<'a> {
    text: Cow<'a, str>,
    first: Weight,
    changes: Vec<(usize, Weight)>,
}

impl<'a> Word<'a> {
    fn new() -> Word<'a> {
        Word { text: Cow::Borrowed(""), first: Weight::Regular, changes: Vec::new() }
    }

    /// Appends `text` set in `weight`, recording a change of weight.
    fn push(&mut self, text: &'a str, weight: Weight) {
        if text.is_empty() {
            return;
        }
        if self.text.is_empty() {
            self.text = Cow::Borrowed(text);
            self.first = weight;
            return;
        }
        if self.last_weight() != weight {
            self.changes.push((self.text.len(), weight));
        }
        self.text.to_mut().push_str(text);
    }

    fn weight_at(&self, at: usize) -> Weight {
        self.changes.iter().rev().find(|(start, _)| *start <= at).map_or(self.first, |(_, w)| *w)
    }

    fn last_weight(&self) -> Weight {
        self.changes.last().map_or(self.first, |(_, w)| *w)
    }

    /// The pieces of one weight, in order.
    fn pieces(&self) -> impl Iterator<Item = (&str, Weight)> {
        let starts = std::iter::once((0, self.first)).chain(self.changes.iter().copied());
        let ends = self.changes.iter().map(|(at, _)| *at).chain(std::iter::once(self.text.len()));
        let pieces = if self.text.is_empty() { 0 } else { self.changes.len() + 1 };
        starts.zip(ends).take(pieces).map(|((start, weight), end)| (self.text.get(start..end).unwrap_or(""), weight))
    }

    fn width(&self, measure: &dyn Measure, size: f32) -> f32 {
        self.pieces().map(|(text, weight)| measure.width(text, weight, size)).sum()
    }

    /// The bytes `range` of the text, borrowed if the text is.
    fn slice(&self, range: std::ops::Range<usize>) -> Cow<'a, str> {
        match &self.text {
            Cow::Borrowed(text) => Cow::Borrowed(text.get(range).unwrap_or_default()),
            Cow::Owned(text) => Cow::Owned(text.get(range).unwrap_or_default().to_string()),
        }
    }

    /// The word from byte `at` on.
    fn tail(&self, at: usize) -> Word<'a> {
        Word {
            text: self.slice(at..self.text.len()),
            first: self.weight_at(at),
            changes: self.changes.iter().filter(|(start, _)| *start > at).map(|(start, w)| (start - at, *w)).collect(),
        }
    }

    /// The word up to byte `at`, followed by `suffix` in the weight before it.
    fn head(&self, at: usize, suffix: &'a str) -> Word<'a> {
        let mut head = Word {
            text: self.slice(0..at),
            first: self.first,
            changes: self.changes.iter().filter(|(start, _)| *start < at).copied().collect(),
        };
        let weight = head.last_weight();
        head.push(suffix, weight);
        head
    }
}

/// Tokens that must not begin a line: they are glued to the word before with a no-break space.
fn is_glued(word: &str) -> bool {
    word.starts_with('%') || matches!(word, "—" | "–")
}

/// The spans' words, one list per hard line (`\n`), gluing `%` and dashes to the word before.
fn words(spans: &[Span]) -> Vec<Vec<Word<'_>>> {
    let mut lines: Vec<Vec<Word>> = vec![Vec::new()];
    let mut current = Word::new();
    fn end<'a>(lines: &mut [Vec<Word<'a>>], current: &mut Word<'a>) {
        if current.text.is_empty() {
            return;
        }
        let word = std::mem::replace(current, Word::new());
        let Some(line) = lines.last_mut() else { return };
        match line.last_mut() {
            Some(last) if is_glued(&word.text) => {
                let weight = last.last_weight();
                last.push("\u{a0}", weight);
                for (piece, weight) in word.pieces() {
                    push_owned(last, piece, weight);
                }
            }
            _ => line.push(word),
        }
    }
    /// [`Word::push`] of a text that does not live as long as the word.
    fn push_owned(word: &mut Word, text: &str, weight: Weight) {
        if text.is_empty() {
            return;
        }
        if word.last_weight() != weight {
            word.changes.push((word.text.len(), weight));
        }
        word.text.to_mut().push_str(text);
    }
    for span in spans {
        let mut rest = span.text.as_str();
        loop {
            let cut = rest.find([' ', '\n']);
            let piece = cut.and_then(|at| rest.get(..at)).unwrap_or(rest);
            current.push(piece, span.weight);
            let Some(at) = cut else { break };
            end(&mut lines, &mut current);
            if rest.as_bytes().get(at) == Some(&b'\n') {
                lines.push(Vec::new());
            }
            rest = rest.get(at + 1..).unwrap_or_default();
        }
    }
    end(&mut lines, &mut current);
    lines
}

/// Breaks a word wider than `width` into pieces that fit (names in narrow cells).
fn split_long<'a>(measure: &dyn Measure, word: &Word<'a>, size: f32, width: f32) -> Vec<Word<'a>> {
    let mut pieces = Vec::new();
    let mut rest = word.clone();
    loop {
        let mut cut = None;
        let mut used = 0.0;
        for (at, c) in rest.text.char_indices() {
            let mut buffer = [0; 4];
            used += measure.width(c.encode_utf8(&mut buffer), rest.weight_at(at), size);
            if used > width && at > 0 {
                cut = Some(at);
                break;
            }
        }
        match cut {
            Some(at) => {
                pieces.push(rest.head(at, ""));
                rest = rest.tail(at);
            }
            None => break,
        }
    }
    pieces.push(rest);
    pieces
}

/// Greedy line breaking: the first line is `first_width` wide, the rest `width`.
/// Explicit `\n` starts a new line.
pub fn wrap(measure: &dyn Measure, text: &str, style: TextStyle, first_width: f32, width: f32) -> Vec<Line> {
    wrap_spans(measure, &[Span::new(text, style.weight)], style.size, first_width, width, false)
}

/// [`wrap`] that hyphenates a word which does not fit at the end of a line (justified text).
pub fn wrap_hyphenated(measure: &dyn Measure, text: &str, style: TextStyle, first_width: f32, width: f32) -> Vec<Line> {
    wrap_spans(measure, &[Span::new(text, style.weight)], style.size, first_width, width, true)
}

/// Greedy line breaking of text in spans of different weights at one size; with `hyphenate`,
/// a word that does not fit at the end of a line is hyphenated (justified text). Words, and
/// hyphenation points, run across the spans' boundaries.
pub fn wrap_spans(
    measure: &dyn Measure,
    spans: &[Span],
    size: f32,
    first_width: f32,
    width: f32,
    hyphenate: bool,
) -> Vec<Line> {
    let space = |weight| measure.width(" ", weight, size);
    let mut breaker = Breaker {
        measure,
        size,
        first_width,
        width,
        hyphenate,
        spaces: [space(Weight::Regular), space(Weight::Bold)],
        lines: Vec::new(),
        current: Line::empty(),
        started: false,
        last_weight: Weight::Regular,
    };
    for hard_line in words(spans) {
        for word in hard_line {
            let limit = breaker.limit().min(width);
            let word_width = word.width(measure, size);
            if word_width > limit {
                for piece in split_long(measure, &word, size, limit) {
                    let piece_width = piece.width(measure, size);
                    breaker.set(piece, piece_width);
                }
            } else {
                breaker.set(word, word_width);
            }
        }
        breaker.end_line();
    }
    breaker.lines
}

/// The state of [`wrap_spans`]: the lines so far and the line being filled.
struct Breaker<'m> {
    measure: &'m dyn Measure,
    size: f32,
    first_width: f32,
    width: f32,
    hyphenate: bool,
    /// The width of a space in each weight.
    spaces: [f32; 2],
    lines: Vec<Line>,
    current: Line,
    /// Whether `current` holds a word.
    started: bool,
    last_weight: Weight,
}

impl Breaker<'_> {
    fn limit(&self) -> f32 {
        if self.lines.is_empty() { self.first_width } else { self.width }
    }

    /// Sets a word (or a piece of a long one) `piece_width` wide after the words before it,
    /// breaking the line first (and hyphenating the word) if it does not fit.
    fn set(&mut self, mut piece: Word, mut piece_width: f32) {
        let (measure, size) = (self.measure, self.size);
        let limit = self.limit();
        let space = match self.last_weight {
            Weight::Regular => self.spaces[0],
            Weight::Bold => self.spaces[1],
        };
        if self.started && self.current.width + space + piece_width > limit {
            if self.hyphenate {
                let room = limit - self.current.width - space;
                let head = super::typo::hyphen_points(&piece.text).into_iter().rev().find_map(|at| {
                    let head = piece.head(at, "-");
                    let head_width = head.width(measure, size);
                    (head_width <= room).then_some((at, head, head_width))
                });
                if let Some((at, head, head_width)) = head {
                    self.current.push(" ", self.last_weight);
                    for (text, weight) in head.pieces() {
                        self.current.push(text, weight);
                    }
                    self.current.width += space + head_width;
                    self.current.gaps += 1;
                    piece = piece.tail(at);
                    piece_width = piece.width(measure, size);
                }
            }
            self.lines.push(std::mem::replace(&mut self.current, Line::empty()));
            self.started = false;
        }
        if self.started {
            self.current.push(" ", self.last_weight);
            self.current.width += space;
            self.current.gaps += 1;
        }
        for (text, weight) in piece.pieces() {
            self.current.push(text, weight);
        }
        self.current.width += piece_width;
        self.last_weight = piece.last_weight();
        self.started = true;
    }

    /// Ends a hard line (`\n` or the end of the text).
    fn end_line(&mut self) {
        self.lines.push(std::mem::replace(&mut self.current, Line::empty()));
        self.started = false;
        self.last_weight = Weight::Regular;
    }
}

/// The page of each heading the contents list, in their order: what the PDF's contents print
/// and the DOCX's contents carry.
pub fn contents_pages(headings: &[PlacedHeading]) -> Vec<usize> {
    headings.iter().filter(|h| h.in_contents).map(|h| h.page).collect()
}

/// Lays the blocks out on pages in one run. The contents carry the headings' real page
/// numbers: the numbers sit in a reserved column, so they move nothing, and the run leaves
/// room for them in the contents' items and fills them in once every heading is placed (the
/// page numbers a [`ContentsEntry`] brings are not used).
pub fn layout(measure: &dyn Measure, geometry: PageGeometry, blocks: &[Block]) -> Layout {
    let wraps = engine::Wraps::default();
    Layouter::new(measure, &wraps, geometry).run(blocks)
}

/// Padding inside table cells.
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.0;
const RULE: f32 = 0.5;

pub const BODY: TextStyle = TextStyle::new(Weight::Regular, 14.0);
pub const HEADING: TextStyle = TextStyle::new(Weight::Bold, 14.0);
const PAGE_NUMBER: TextStyle = TextStyle::new(Weight::Regular, 12.0);
const CHART_TITLE: TextStyle = TextStyle::new(Weight::Bold, 12.0);
const CHART_LABEL: TextStyle = TextStyle::new(Weight::Regular, 11.0);
const CHART_SPACE_BEFORE: f32 = 8.0;

mod engine;

use engine::Layouter;

#[cfg(test)]
mod tests;
