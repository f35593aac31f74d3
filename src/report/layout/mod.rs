//! Pure page layout: measures text with a [`Measure`], wraps and justifies paragraphs, breaks
//! pages, splits tables with the header repeated, keeps headings with what follows them and
//! draws bar charts from rectangles. It knows nothing of PDF: it returns positioned items.
//!
//! Coordinates are points from the top-left corner of the page.

pub use super::doc::*;
use crate::palette::{self, Rgb};

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
}

/// Tokens that must not begin a line: they are glued to the word before with a no-break space.
fn is_glued(word: &str) -> bool {
    word.starts_with('%') || matches!(word, "—" | "–")
}

/// Splits `text` into words, gluing `%` and dashes to the word before them.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match out.last_mut() {
            Some(last) if is_glued(word) => {
                last.push('\u{a0}');
                last.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// Breaks a word wider than `width` into pieces that fit (names in narrow cells).
fn split_long(measure: &dyn Measure, word: &str, style: TextStyle, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for ch in word.chars() {
        piece.push(ch);
        if measure.width(&piece, style.weight, style.size) > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(ch);
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Greedy line breaking: the first line is `first_width` wide, the rest `width`.
/// Explicit `\n` starts a new line.
pub fn wrap(measure: &dyn Measure, text: &str, style: TextStyle, first_width: f32, width: f32) -> Vec<Line> {
    wrap_with(measure, text, style, first_width, width, false)
}

/// [`wrap`] that hyphenates a word which does not fit at the end of a line (justified text).
pub fn wrap_hyphenated(measure: &dyn Measure, text: &str, style: TextStyle, first_width: f32, width: f32) -> Vec<Line> {
    wrap_with(measure, text, style, first_width, width, true)
}

fn wrap_with(
    measure: &dyn Measure,
    text: &str,
    style: TextStyle,
    first_width: f32,
    width: f32,
    hyphenate: bool,
) -> Vec<Line> {
    let space = measure.width(" ", style.weight, style.size);
    let mut lines: Vec<Line> = Vec::new();
    for hard_line in text.split('\n') {
        let mut current = Line { text: String::new(), width: 0.0, gaps: 0 };
        let mut started = false;
        for word in words(hard_line) {
            let limit = if lines.is_empty() { first_width } else { width };
            let word_width = measure.width(&word, style.weight, style.size);
            let pieces = if word_width > limit.min(width) {
                split_long(measure, &word, style, limit.min(width))
            } else {
                vec![word]
            };
            for mut piece in pieces {
                let limit = if lines.is_empty() { first_width } else { width };
                let mut piece_width = measure.width(&piece, style.weight, style.size);
                if started && current.width + space + piece_width > limit {
                    if hyphenate {
                        let room = limit - current.width - space;
                        let head = super::typo::hyphen_points(&piece).into_iter().rev().find_map(|at| {
                            let head = format!("{}-", piece.get(..at)?);
                            let head_width = measure.width(&head, style.weight, style.size);
                            (head_width <= room).then_some((at, head, head_width))
                        });
                        if let Some((at, head, head_width)) = head {
                            current.text.push(' ');
                            current.text.push_str(&head);
                            current.width += space + head_width;
                            current.gaps += 1;
                            piece = piece.get(at..).unwrap_or_default().to_string();
                            piece_width = measure.width(&piece, style.weight, style.size);
                        }
                    }
                    lines.push(std::mem::replace(&mut current, Line { text: String::new(), width: 0.0, gaps: 0 }));
                    started = false;
                }
                if started {
                    current.text.push(' ');
                    current.width += space;
                    current.gaps += 1;
                }
                current.text.push_str(&piece);
                current.width += piece_width;
                started = true;
            }
        }
        lines.push(current);
    }
    lines
}

/// Lays the blocks out on pages; runs twice so the contents carry the real page numbers.
pub fn layout(measure: &dyn Measure, geometry: PageGeometry, blocks: &[Block]) -> Layout {
    let mut blocks = blocks.to_vec();
    let mut result = Layouter::new(measure, geometry).run(&blocks);
    // Filling in page numbers cannot change the contents' height (the numbers sit in a
    // reserved column), but iterate anyway until the numbers are stable.
    for _ in 0..3 {
        let before = blocks.clone();
        for block in &mut blocks {
            if let Block::Contents(entries) = block {
                let mut placed = result.headings.iter().filter(|h| h.in_contents);
                for entry in entries.iter_mut() {
                    entry.page = placed.next().map(|h| h.page);
                }
            }
        }
        if blocks == before {
            break;
        }
        result = Layouter::new(measure, geometry).run(&blocks);
    }
    result
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
