//! Pure page layout: measures text with a [`Measure`], wraps and justifies paragraphs, breaks
//! pages, splits tables with the header repeated, keeps headings with what follows them and
//! draws bar charts from rectangles. It knows nothing of PDF: it returns positioned items.
//!
//! Coordinates are points from the top-left corner of the page.

use crate::palette::{self, Rgb};

/// Points in a millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
    Justify,
}

/// Face, size and line spacing of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl TextStyle {
    pub const fn new(weight: Weight, size: f32) -> TextStyle {
        TextStyle { weight, size, leading: 1.2 }
    }

    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }

    /// Distance from the top of a line box to the baseline (Liberation Serif: ascent 0.891 em,
    /// descent 0.216 em), centring the glyphs in the line box.
    fn baseline(&self) -> f32 {
        self.size * 0.891 + (self.line_height() - self.size * 1.107) / 2.0
    }
}

/// A paragraph (or, with a marker, a list item with a hanging marker).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub style: TextStyle,
    pub align: Align,
    /// Indent of the first line (after `left`).
    pub first_indent: f32,
    /// Extra left margin of every line.
    pub left: f32,
    /// Marker set in the `left` margin before the first line (a list dash or number).
    pub marker: Option<String>,
    pub space_before: f32,
    pub space_after: f32,
    /// Never end a page on this paragraph (captions, lead-ins of lists).
    pub keep_with_next: bool,
}

impl Paragraph {
    /// A paragraph with no indents, markers or spacing; callers set what differs.
    pub fn plain(text: impl Into<String>, style: TextStyle, align: Align) -> Paragraph {
        Paragraph {
            text: text.into(),
            style,
            align,
            first_indent: 0.0,
            left: 0.0,
            marker: None,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
        }
    }
}

/// A section heading; it is never left alone at the foot of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub text: String,
    /// 1 = section, 2 = subsection.
    pub level: u8,
    /// Listed in the contents (and in the PDF outline).
    pub in_contents: bool,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub fill: Option<Rgb>,
    pub align: Align,
    pub weight: Weight,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), fill: None, align: Align::Left, weight: Weight::Regular }
    }

    pub fn centred(text: impl Into<String>) -> Cell {
        Cell { align: Align::Centre, ..Cell::text(text) }
    }

    pub fn filled(text: impl Into<String>, fill: Rgb) -> Cell {
        Cell { fill: Some(fill), ..Cell::centred(text) }
    }
}

/// A table with an optional header row that is repeated on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths.
    pub columns: Vec<f32>,
    /// Empty for a table without a header.
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    pub space_after: f32,
    /// Never split (legends): the whole table moves to the next page if it does not fit.
    pub keep_together: bool,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub count: usize,
    /// What is printed after the bar, e.g. "12 (35,3 %)".
    pub value: String,
    pub fill: Rgb,
}

/// A horizontal bar chart; bars are scaled to `total` so charts compare with each other.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    pub total: usize,
}

/// A line of the contents; `page` is filled in by the second layout pass.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    pub text: String,
    pub level: u8,
    pub page: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Table(Table),
    Chart(BarChart),
    Contents(Vec<ContentsEntry>),
    /// Vertical space (dropped at the top of a page).
    Space(f32),
    /// A paragraph set at the foot of the current page (the city and year of a title page).
    AtFoot(Paragraph),
    PageBreak,
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
            for piece in pieces {
                let limit = if lines.is_empty() { first_width } else { width };
                let piece_width = measure.width(&piece, style.weight, style.size);
                if started && current.width + space + piece_width > limit {
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
