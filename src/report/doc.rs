//! The note as a document tree: headings, paragraphs, lists, tables with level-coloured
//! cells, charts, the contents, and page-break and keep-together hints. The note builder
//! (`note`) makes it once; the PDF renderer (through `layout`) and the DOCX renderer (`docx`)
//! both draw it and neither recomputes a number. Sizes are in points.

use crate::palette::Rgb;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
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
    pub(crate) fn baseline(&self) -> f32 {
        self.size * 0.891 + (self.line_height() - self.size * 1.107) / 2.0
    }
}

/// A run of a paragraph's text set in one weight («Цель мониторинга:» in bold, then the rest).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub weight: Weight,
}

impl Span {
    pub fn new(text: impl Into<String>, weight: Weight) -> Span {
        Span { text: text.into(), weight }
    }

    /// A bold lead-in and the regular text after it («Цель мониторинга:» then the purpose).
    pub fn lead_in(bold: impl Into<String>, rest: impl Into<String>) -> Vec<Span> {
        vec![Span::new(bold, Weight::Bold), Span::new(rest, Weight::Regular)]
    }
}

/// A paragraph (or, with a marker, a list item with a hanging marker). Its text is a list of
/// spans; both renderers break lines, justify and hyphenate across them, so a bold lead-in
/// and the regular text after it form one paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// Size and line height of every span, the weight of the marker and of [`Paragraph::plain`].
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
        Paragraph::spans(vec![Span::new(text, style.weight)], style, align)
    }

    /// A paragraph of several spans.
    pub fn spans(spans: Vec<Span>, style: TextStyle, align: Align) -> Paragraph {
        Paragraph {
            spans,
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

    /// The whole text, spans joined.
    pub fn text(&self) -> String {
        match self.spans.as_slice() {
            [one] => one.text.clone(),
            spans => spans.iter().map(|s| s.text.as_str()).collect(),
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
    /// Printed above the repeated header on every further page («Продолжение таблицы 1»).
    pub continued: Option<String>,
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

/// A section the note does not make itself: a heading and its blocks, inserted whole (the
/// «Динамика» section comparing campaigns goes after the results, see
/// [`super::ReportOptions::dynamics`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// A level-1 heading, listed in the contents.
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Section {
    pub fn new(title: impl Into<String>) -> Section {
        Section { title: title.into(), blocks: Vec::new() }
    }

    /// A body paragraph in the note's style: 14 pt, justified, 1.25 cm first-line indent.
    pub fn body(&mut self, text: impl Into<String>) {
        self.body_spans(vec![Span::new(text, Weight::Regular)]);
    }

    /// A body paragraph of several spans (a bold figure or lead-in inside it).
    pub fn body_spans(&mut self, spans: Vec<Span>) {
        let mut p = Paragraph::spans(spans, TextStyle::new(Weight::Regular, 14.0), Align::Justify);
        p.first_indent = BODY_INDENT;
        p.space_after = 2.0;
        self.blocks.push(Block::Paragraph(p));
    }

    /// A list item with a dash, as the note's lists.
    pub fn item(&mut self, text: impl Into<String>) {
        let mut p = Paragraph::plain(text, TextStyle::new(Weight::Regular, 14.0), Align::Justify);
        p.left = BODY_INDENT;
        p.marker = Some("–".to_string());
        p.space_after = 1.0;
        self.blocks.push(Block::Paragraph(p));
    }
}

/// Paragraph indent of ГОСТ Р 7.0.97: 1.25 cm, in points.
pub const BODY_INDENT: f32 = 12.5 * 72.0 / 25.4;
