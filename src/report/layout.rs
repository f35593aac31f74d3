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

struct Layouter<'a> {
    measure: &'a dyn Measure,
    g: PageGeometry,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Current vertical position, from the top of the page.
    y: f32,
    headings: Vec<PlacedHeading>,
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

impl<'a> Layouter<'a> {
    fn new(measure: &'a dyn Measure, g: PageGeometry) -> Self {
        Layouter { measure, g, pages: Vec::new(), items: Vec::new(), y: g.top, headings: Vec::new() }
    }

    fn run(mut self, blocks: &[Block]) -> Layout {
        for (index, block) in blocks.iter().enumerate() {
            let rest = blocks.get(index + 1..).unwrap_or_default();
            match block {
                Block::Heading(h) => self.heading(h, rest),
                Block::Paragraph(p) => {
                    let keep = if p.keep_with_next { self.first_chunk_height(rest) } else { 0.0 };
                    self.paragraph(p, keep)
                }
                Block::Table(t) => self.table(t),
                Block::Chart(c) => self.chart(c),
                Block::Contents(entries) => self.contents(entries),
                Block::Space(h) => {
                    if !self.at_top() {
                        self.y = (self.y + h).min(self.g.body_bottom());
                    }
                }
                Block::AtFoot(p) => self.at_foot(p),
                Block::PageBreak => self.new_page(),
            }
        }
        self.finish_page();
        let mut pages = self.pages;
        for (index, page) in pages.iter_mut().enumerate().skip(1) {
            let text = (index + 1).to_string();
            let width = self.measure.width(&text, PAGE_NUMBER.weight, PAGE_NUMBER.size);
            page.items.push(Item::Text(TextRun {
                x: self.g.left + (self.g.body_width() - width) / 2.0,
                y: self.g.top / 2.0 + PAGE_NUMBER.size * 0.35,
                text,
                weight: PAGE_NUMBER.weight,
                size: PAGE_NUMBER.size,
                word_extra: 0.0,
            }));
        }
        Layout { pages, headings: self.headings }
    }

    fn at_top(&self) -> bool {
        self.y <= self.g.top + f32::EPSILON
    }

    fn remaining(&self) -> f32 {
        self.g.body_bottom() - self.y
    }

    fn finish_page(&mut self) {
        self.pages.push(Page { items: std::mem::take(&mut self.items) });
        self.y = self.g.top;
    }

    fn new_page(&mut self) {
        self.finish_page();
    }

    /// Breaks the page unless `height` still fits (never on an empty page).
    fn ensure(&mut self, height: f32) {
        if height > self.remaining() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, line: &Line, style: TextStyle, extra: f32) {
        if line.text.is_empty() {
            return;
        }
        self.items.push(Item::Text(TextRun {
            x,
            y: top + style.baseline(),
            text: line.text.clone(),
            weight: style.weight,
            size: style.size,
            word_extra: extra,
        }));
    }

    fn heading_paragraph(h: &Heading) -> Paragraph {
        Paragraph {
            text: h.text.clone(),
            style: HEADING,
            align: Align::Centre,
            first_indent: 0.0,
            left: 0.0,
            marker: None,
            space_before: if h.level == 1 { 12.0 } else { 9.0 },
            space_after: 6.0,
            keep_with_next: true,
        }
    }

    fn heading(&mut self, h: &Heading, rest: &[Block]) {
        let p = Self::heading_paragraph(h);
        self.paragraph(&p, self.first_chunk_height(rest));
        // The heading's lines were the last placed, so it ends on the current page.
        let page = self.pages.len() + 1;
        self.headings.push(PlacedHeading { text: h.text.clone(), level: h.level, page, in_contents: h.in_contents });
    }

    /// Height of what must stay with a preceding heading: the first two lines of a
    /// paragraph, a table's header and first row, a whole chart, and through further headings.
    fn first_chunk_height(&self, rest: &[Block]) -> f32 {
        let Some(next) = rest.first() else { return 0.0 };
        let width = self.g.body_width();
        match next {
            Block::Heading(h) => {
                let p = Self::heading_paragraph(h);
                self.paragraph_lines(&p).len() as f32 * p.style.line_height()
                    + p.space_before
                    + p.space_after
                    + self.first_chunk_height(rest.get(1..).unwrap_or_default())
            }
            Block::Paragraph(p) => {
                let lines = self.paragraph_lines(p).len().min(2) as f32;
                let own = lines * p.style.line_height() + p.space_before;
                if p.keep_with_next {
                    own + p.space_after + self.first_chunk_height(rest.get(1..).unwrap_or_default())
                } else {
                    own
                }
            }
            Block::Table(t) if t.keep_together => self.table_height(t),
            Block::Table(t) => {
                let widths = column_widths(t, width);
                let header = if t.header.is_empty() { 0.0 } else { self.row_height(&t.header, &widths, t.size) };
                header + t.rows.first().map(|r| self.row_height(r, &widths, t.size)).unwrap_or(0.0)
            }
            Block::Chart(c) => self.chart_height(c),
            Block::Contents(_) => BODY.line_height() * 2.0,
            Block::Space(_) | Block::AtFoot(_) | Block::PageBreak => 0.0,
        }
    }

    fn paragraph_lines(&self, p: &Paragraph) -> Vec<Line> {
        let width = self.g.body_width() - p.left;
        wrap(self.measure, &p.text, p.style, width - p.first_indent, width)
    }

    /// Places a paragraph; `keep` is the height that must follow it on the same page.
    fn paragraph(&mut self, p: &Paragraph, keep: f32) {
        let lines = self.paragraph_lines(p);
        let lh = p.style.line_height();
        if !self.at_top() {
            self.y += p.space_before;
        }
        let total = lines.len() as f32 * lh;
        if p.keep_with_next {
            self.ensure(total + p.space_after + keep);
        } else if lines.len() <= 3 {
            self.ensure(total);
        } else {
            // At least two lines at the foot of a page.
            self.ensure(2.0 * lh);
        }
        let width = self.g.body_width() - p.left;
        let count = lines.len();
        for (index, line) in lines.iter().enumerate() {
            // At least two lines at the top of the next page.
            let left_over = count - index;
            let needs = if left_over == 2 && index > 0 && count > 3 { 2.0 * lh } else { lh };
            if needs > self.remaining() + 0.01 {
                self.new_page();
            }
            let indent = if index == 0 { p.first_indent } else { 0.0 };
            let avail = width - indent;
            let last = index + 1 == count;
            let (dx, extra) = match p.align {
                Align::Left => (0.0, 0.0),
                Align::Centre => ((avail - line.width) / 2.0, 0.0),
                Align::Right => (avail - line.width, 0.0),
                Align::Justify if !last && line.gaps > 0 => (0.0, (avail - line.width) / line.gaps as f32),
                Align::Justify => (0.0, 0.0),
            };
            let x = self.g.left + p.left + indent + dx;
            if index == 0
                && let Some(marker) = &p.marker
            {
                let marker_width = self.measure.width(marker, p.style.weight, p.style.size);
                let marker_line = Line { text: marker.clone(), width: marker_width, gaps: 0 };
                let mx = self.g.left + p.left - marker_width - p.style.size * 0.35;
                self.text(mx, self.y, &marker_line, p.style, 0.0);
            }
            self.text(x, self.y, line, p.style, extra);
            self.y += lh;
        }
        self.y += p.space_after;
    }

    fn at_foot(&mut self, p: &Paragraph) {
        let height = self.paragraph_lines(p).len() as f32 * p.style.line_height();
        self.ensure(height);
        self.y = self.g.body_bottom() - height;
        let p = Paragraph { space_before: 0.0, space_after: 0.0, ..p.clone() };
        self.paragraph(&p, 0.0);
    }

    fn cell_lines(&self, cell: &Cell, width: f32, size: f32) -> Vec<Line> {
        let style = TextStyle { weight: cell.weight, size, leading: 1.15 };
        let inner = (width - 2.0 * CELL_PAD_X).max(size);
        wrap(self.measure, &cell.text, style, inner, inner)
    }

    fn row_height(&self, row: &[Cell], widths: &[f32], size: f32) -> f32 {
        let lines = row.iter().zip(widths).map(|(c, w)| self.cell_lines(c, *w, size).len()).max().unwrap_or(1);
        lines as f32 * size * 1.15 + 2.0 * CELL_PAD_Y
    }

    /// Draws one row (or the part of it given by `lines`), returning its height.
    fn draw_row(&mut self, cells: &[(Cell, Vec<Line>)], widths: &[f32], size: f32, fill_all: Option<Rgb>) -> f32 {
        let style = |weight| TextStyle { weight, size, leading: 1.15 };
        let lines = cells.iter().map(|(_, l)| l.len()).max().unwrap_or(1).max(1);
        let height = lines as f32 * size * 1.15 + 2.0 * CELL_PAD_Y;
        let mut x = self.g.left;
        for ((cell, cell_lines), width) in cells.iter().zip(widths) {
            if let Some(colour) = cell.fill.or(fill_all) {
                self.items.push(Item::Fill { x, y: self.y, width: *width, height, colour });
            }
            self.items.push(Item::Frame { x, y: self.y, width: *width, height, line: RULE });
            let inner = width - 2.0 * CELL_PAD_X;
            // Cells are vertically centred.
            let mut top = self.y + CELL_PAD_Y + (lines - cell_lines.len()) as f32 * size * 1.15 / 2.0;
            for line in cell_lines {
                let dx = match cell.align {
                    Align::Left | Align::Justify => 0.0,
                    Align::Centre => (inner - line.width) / 2.0,
                    Align::Right => inner - line.width,
                };
                self.text(x + CELL_PAD_X + dx, top, line, style(cell.weight), 0.0);
                top += size * 1.15;
            }
            x += width;
        }
        self.y += height;
        height
    }

    fn table_height(&self, t: &Table) -> f32 {
        let widths = column_widths(t, self.g.body_width());
        let rows: f32 = t.rows.iter().map(|r| self.row_height(r, &widths, t.size)).sum();
        let header = if t.header.is_empty() { 0.0 } else { self.row_height(&t.header, &widths, t.size) };
        header + rows
    }

    fn table(&mut self, t: &Table) {
        if t.keep_together {
            self.ensure(self.table_height(t));
        }
        let widths = column_widths(t, self.g.body_width());
        let line_height = t.size * 1.15;
        let header: Vec<(Cell, Vec<Line>)> =
            t.header.iter().zip(&widths).map(|(c, w)| (c.clone(), self.cell_lines(c, *w, t.size))).collect();
        let header_height = if header.is_empty() { 0.0 } else { self.row_height(&t.header, &widths, t.size) };
        let first_row = t.rows.first().map(|r| self.row_height(r, &widths, t.size)).unwrap_or(0.0);
        self.ensure(header_height + first_row.min(line_height + 2.0 * CELL_PAD_Y));
        if !header.is_empty() {
            self.draw_row(&header, &widths, t.size, Some(palette::HEADER));
        }
        for row in &t.rows {
            let mut cells: Vec<(Cell, Vec<Line>)> =
                row.iter().zip(&widths).map(|(c, w)| (c.clone(), self.cell_lines(c, *w, t.size))).collect();
            loop {
                let lines = cells.iter().map(|(_, l)| l.len()).max().unwrap_or(1).max(1);
                let fits = ((self.remaining() - 2.0 * CELL_PAD_Y) / line_height + 0.01).floor().max(0.0) as usize;
                if lines <= fits {
                    self.draw_row(&cells, &widths, t.size, None);
                    break;
                }
                // Split a row taller than what is left of the page, but only if the page
                // holds nothing but the header: otherwise move the row to a new page.
                let page_is_fresh = self.y <= self.g.top + header_height + 0.01;
                if fits >= 1 && page_is_fresh {
                    let head: Vec<(Cell, Vec<Line>)> =
                        cells.iter().map(|(c, l)| (c.clone(), l.iter().take(fits).cloned().collect())).collect();
                    self.draw_row(&head, &widths, t.size, None);
                    for (_, l) in &mut cells {
                        let keep = l.len().min(fits);
                        l.drain(..keep);
                    }
                }
                self.new_page();
                if !header.is_empty() {
                    self.draw_row(&header, &widths, t.size, Some(palette::HEADER));
                }
            }
        }
        self.y += t.space_after;
    }

    fn chart_label_width(&self) -> f32 {
        self.g.body_width() * 0.42
    }

    fn chart_rows(&self, c: &BarChart) -> Vec<Vec<Line>> {
        let width = self.chart_label_width() - 6.0;
        c.bars.iter().map(|b| wrap(self.measure, &b.label, CHART_LABEL, width, width)).collect()
    }

    fn chart_height(&self, c: &BarChart) -> f32 {
        let title = wrap(self.measure, &c.title, CHART_TITLE, self.g.body_width(), self.g.body_width()).len() as f32
            * CHART_TITLE.line_height();
        let rows: f32 = self.chart_rows(c).iter().map(|l| chart_row_height(l.len())).sum();
        title + 4.0 + rows + 14.0
    }

    fn chart(&mut self, c: &BarChart) {
        if !self.at_top() {
            self.y += CHART_SPACE_BEFORE;
        }
        self.ensure(self.chart_height(c));
        let width = self.g.body_width();
        for line in wrap(self.measure, &c.title, CHART_TITLE, width, width) {
            let x = self.g.left + (width - line.width) / 2.0;
            self.text(x, self.y, &line, CHART_TITLE, 0.0);
            self.y += CHART_TITLE.line_height();
        }
        self.y += 4.0;
        let label_width = self.chart_label_width();
        let value_reserve = self.measure.width("0000 (100,0 %)", CHART_LABEL.weight, CHART_LABEL.size) + 6.0;
        let bar_area = (width - label_width - value_reserve).max(10.0);
        let axis_x = self.g.left + label_width;
        let top = self.y;
        let total = c.total.max(1) as f32;
        for (bar, label) in c.bars.iter().zip(self.chart_rows(c)) {
            let height = chart_row_height(label.len());
            let mut line_top = self.y + (height - label.len() as f32 * CHART_LABEL.line_height()) / 2.0;
            for line in &label {
                self.text(axis_x - 6.0 - line.width, line_top, line, CHART_LABEL, 0.0);
                line_top += CHART_LABEL.line_height();
            }
            let bar_width = bar_area * bar.count as f32 / total;
            let bar_height = 12.0;
            let bar_top = self.y + (height - bar_height) / 2.0;
            if bar.count > 0 {
                self.items.push(Item::Fill {
                    x: axis_x,
                    y: bar_top,
                    width: bar_width,
                    height: bar_height,
                    colour: bar.fill,
                });
                self.items.push(Item::Frame { x: axis_x, y: bar_top, width: bar_width, height: bar_height, line: 0.3 });
            }
            let value = Line {
                text: bar.value.clone(),
                width: self.measure.width(&bar.value, CHART_LABEL.weight, CHART_LABEL.size),
                gaps: 0,
            };
            self.text(
                axis_x + bar_width + 4.0,
                self.y + (height - CHART_LABEL.line_height()) / 2.0,
                &value,
                CHART_LABEL,
                0.0,
            );
            self.y += height;
        }
        self.items.push(Item::Fill { x: axis_x - 0.4, y: top, width: 0.8, height: self.y - top, colour: palette::INK });
        self.y += 14.0;
    }

    fn contents(&mut self, entries: &[ContentsEntry]) {
        let number_column = 30.0;
        for entry in entries {
            let indent = f32::from(entry.level.saturating_sub(1)) * 15.0;
            let width = self.g.body_width() - indent - number_column;
            let lines = wrap(self.measure, &entry.text, BODY, width, width);
            self.ensure(lines.len() as f32 * BODY.line_height());
            let count = lines.len();
            for (index, line) in lines.iter().enumerate() {
                if BODY.line_height() > self.remaining() + 0.01 {
                    self.new_page();
                }
                let x = self.g.left + indent;
                self.text(x, self.y, line, BODY, 0.0);
                if index + 1 == count {
                    let number = entry.page.map(|p| p.to_string()).unwrap_or_default();
                    let number_width = self.measure.width(&number, BODY.weight, BODY.size);
                    let dot = self.measure.width(".", BODY.weight, BODY.size).max(0.1);
                    let from = x + line.width + 4.0;
                    let to = self.g.left + self.g.body_width() - number_width - 4.0;
                    let dots = ((to - from) / dot).floor().max(0.0) as usize;
                    if dots > 0 {
                        let leader = Line { text: ".".repeat(dots), width: dots as f32 * dot, gaps: 0 };
                        self.text(to - leader.width, self.y, &leader, BODY, 0.0);
                    }
                    let number_line = Line { text: number, width: number_width, gaps: 0 };
                    self.text(self.g.left + self.g.body_width() - number_width, self.y, &number_line, BODY, 0.0);
                }
                self.y += BODY.line_height();
            }
            self.y += 3.0;
        }
    }
}

fn chart_row_height(label_lines: usize) -> f32 {
    (label_lines.max(1) as f32 * CHART_LABEL.line_height()).max(14.0) + 4.0
}

/// Column widths in points from the table's relative widths.
fn column_widths(t: &Table, body_width: f32) -> Vec<f32> {
    let total: f32 = t.columns.iter().sum::<f32>().max(f32::EPSILON);
    t.columns.iter().map(|c| c / total * body_width).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is half the size wide; a space too.
    struct Mono;

    impl Measure for Mono {
        fn width(&self, text: &str, _weight: Weight, size: f32) -> f32 {
            text.chars().count() as f32 * size * 0.5
        }
    }

    /// A small page: body 100 × 100 pt.
    fn page() -> PageGeometry {
        PageGeometry { width: 120.0, height: 120.0, left: 10.0, right: 10.0, top: 10.0, bottom: 10.0 }
    }

    const TEN: TextStyle = TextStyle { weight: Weight::Regular, size: 10.0, leading: 1.0 };

    fn para(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            style: TEN,
            align: Align::Justify,
            first_indent: 0.0,
            left: 0.0,
            marker: None,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wrap_fills_lines_greedily() {
        // 5 pt a character: 20 characters a line.
        let lines = wrap(&Mono, "aaaa bbbb cccc dddd eeee", TEN, 100.0, 100.0);
        let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["aaaa bbbb cccc dddd", "eeee"]);
        assert_eq!(lines[0].width, 95.0);
        assert_eq!(lines[0].gaps, 3);
    }

    #[test]
    fn wrap_respects_a_narrower_first_line_and_hard_breaks() {
        let lines = wrap(&Mono, "aaaa bbbb cccc\nz", TEN, 40.0, 100.0);
        let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["aaaa", "bbbb cccc", "z"]);
    }

    #[test]
    fn wrap_glues_percent_and_dashes_to_the_word_before() {
        // "35,3 %" would fit only with the percent sign on the next line.
        let lines = wrap(&Mono, "aaaaaaaaaaaaaa 35,3 % — x", TEN, 100.0, 100.0);
        let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["aaaaaaaaaaaaaa", "35,3\u{a0}%\u{a0}— x"]);
        let lines = wrap(&Mono, "aaaaaaaaaaaaaa (26,5 %);", TEN, 100.0, 100.0);
        assert_eq!(lines[1].text, "(26,5\u{a0}%);");
    }

    #[test]
    fn wrap_breaks_words_longer_than_the_line() {
        let lines = wrap(&Mono, "abcdefghij", TEN, 30.0, 30.0);
        let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["abcdef", "ghij"]);
        assert!(lines.iter().all(|l| l.width <= 30.0));
    }

    #[test]
    fn justified_lines_reach_the_right_margin_except_the_last() {
        let result = layout(&Mono, page(), &[Block::Paragraph(para("aaaa bbbb cccc ddd eeee"))]);
        let runs: Vec<&TextRun> =
            result.pages[0].items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect();
        assert_eq!(runs.len(), 2);
        // "aaaa bbbb cccc ddd" is 90 pt with 3 gaps: 10 pt spread over them.
        assert!((runs[0].word_extra - 10.0 / 3.0).abs() < 1e-4);
        assert_eq!(runs[1].word_extra, 0.0);
        assert_eq!(runs[0].x, 10.0);
    }

    #[test]
    fn first_line_indent_and_centring() {
        let mut p = para("ab");
        p.first_indent = 20.0;
        p.align = Align::Left;
        let mut c = para("ab");
        c.align = Align::Centre;
        let result = layout(&Mono, page(), &[Block::Paragraph(p), Block::Paragraph(c)]);
        let xs: Vec<f32> =
            result.pages[0].items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t.x) } else { None }).collect();
        // "ab" is 10 pt wide on a 100 pt line: centred at 10 + 45.
        assert_eq!(xs, [30.0, 55.0]);
    }

    #[test]
    fn paragraphs_break_across_pages_with_two_lines_at_least_on_each() {
        // 10 lines a page; 9 one-line paragraphs leave one line for a 4-line paragraph.
        let mut blocks: Vec<Block> = (0..9).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
        blocks.push(Block::Paragraph(para("aaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbb ccccccccccccccccccc ddd")));
        let result = layout(&Mono, page(), &blocks);
        assert_eq!(result.pages.len(), 2);
        assert_eq!(texts(&result.pages[0]).len(), 9, "a single line is not left at the foot");
        // Page 2 starts with the whole paragraph (and carries a page number).
        assert_eq!(texts(&result.pages[1])[0], "aaaaaaaaaaaaaaaaaaa");
        assert_eq!(texts(&result.pages[1]).last().copied(), Some("2"));
    }

    #[test]
    fn no_orphan_heading_at_the_foot_of_a_page() {
        let mut blocks: Vec<Block> = (0..7).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
        blocks.push(Block::Heading(Heading { text: "Head".into(), level: 1, in_contents: true }));
        blocks.push(Block::Paragraph(para("aaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbb ccccccccccccccccccc")));
        // The heading takes 16.8 pt + 18 pt of spacing; with its first two lines it no longer fits.
        let result = layout(&Mono, page(), &blocks);
        assert!(!texts(&result.pages[0]).contains(&"Head"));
        assert_eq!(texts(&result.pages[1])[0], "Head");
        assert_eq!(result.headings[0].page, 2);
    }

    fn table(rows: usize) -> Table {
        Table {
            columns: vec![1.0, 1.0],
            header: vec![Cell::text("H1"), Cell::text("H2")],
            rows: (0..rows).map(|i| vec![Cell::text(format!("r{i}")), Cell::filled("x", palette::GREEN)]).collect(),
            size: 10.0,
            space_after: 0.0,
            keep_together: false,
        }
    }

    #[test]
    fn tables_split_with_the_header_repeated() {
        // Row height: 11.5 + 4 = 15.5 pt; a 100 pt body holds the header and 5 rows.
        let result = layout(&Mono, page(), &[Block::Table(table(8))]);
        assert_eq!(result.pages.len(), 2);
        let first = texts(&result.pages[0]);
        let second = texts(&result.pages[1]);
        assert_eq!(first[..2], ["H1", "H2"]);
        assert_eq!(second[..2], ["H1", "H2"]);
        assert!(first.contains(&"r4") && !first.contains(&"r5"));
        assert_eq!(second[2], "r5");
        assert!(second.contains(&"r7"));
        let fills = result.pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Item::Fill { colour, .. } if *colour == palette::GREEN))
            .count();
        assert_eq!(fills, 5);
    }

    #[test]
    fn tables_kept_together_move_whole_with_their_lead() {
        let mut blocks: Vec<Block> = (0..5).map(|i| Block::Paragraph(para(&format!("p{i}")))).collect();
        let mut lead = para("Legend:");
        lead.keep_with_next = true;
        blocks.push(Block::Paragraph(lead));
        let mut legend = table(3);
        legend.keep_together = true;
        blocks.push(Block::Table(legend));
        // 60 pt used; the legend needs 4 × 15.5 = 62 pt: lead and legend go to page 2.
        let result = layout(&Mono, page(), &blocks);
        assert_eq!(texts(&result.pages[0]).len(), 5);
        assert_eq!(texts(&result.pages[1])[..3], ["Legend:", "H1", "H2"]);
        assert!(texts(&result.pages[1]).contains(&"r2"));
    }

    #[test]
    fn no_text_leaves_its_cell_or_the_page() {
        let mut t = table(3);
        t.rows[1][0] = Cell::text("a very long municipality name that wraps in its narrow cell ".repeat(6));
        let result = layout(&Mono, page(), &[Block::Table(t)]);
        assert!(result.pages.len() >= 2, "a row taller than a page is split");
        for page in &result.pages {
            for item in &page.items {
                if let Item::Text(run) = item {
                    let right = run.x + Mono.width(&run.text, run.weight, run.size);
                    assert!(run.x >= 10.0 - 1e-3 && right <= 110.0 + 1e-3, "{run:?}");
                    assert!(run.y <= 110.0, "{run:?}");
                }
            }
        }
    }

    #[test]
    fn contents_get_the_page_numbers_of_the_headings() {
        let blocks = vec![
            Block::Contents(vec![
                ContentsEntry { text: "One".into(), level: 1, page: None },
                ContentsEntry { text: "Two".into(), level: 1, page: None },
            ]),
            Block::PageBreak,
            Block::Heading(Heading { text: "One".into(), level: 1, in_contents: true }),
            Block::PageBreak,
            Block::Heading(Heading { text: "Two".into(), level: 1, in_contents: true }),
        ];
        let result = layout(&Mono, page(), &blocks);
        let first = texts(&result.pages[0]);
        assert_eq!(first[0], "One");
        assert_eq!(first[2], "2");
        assert_eq!(first[3], "Two");
        assert_eq!(first[5], "3");
        assert!(first[1].chars().all(|c| c == '.'));
    }

    #[test]
    fn charts_are_bars_scaled_to_the_total() {
        let chart = BarChart {
            title: "T".into(),
            bars: vec![
                Bar { label: "a".into(), count: 3, value: "3".into(), fill: palette::GREEN },
                Bar { label: "b".into(), count: 0, value: "0".into(), fill: palette::RED },
            ],
            total: 6,
        };
        let geometry = PageGeometry { width: 420.0, height: 400.0, ..page() };
        let result = layout(&Mono, geometry, &[Block::Chart(chart)]);
        let bars: Vec<f32> = result.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fill { width, colour, .. } if *colour != palette::INK => Some(*width),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 1, "an empty bar is not drawn");
        let area = 400.0 * 0.58 - (Mono.width("0000 (100,0 %)", Weight::Regular, 11.0) + 6.0);
        assert!((bars[0] - area / 2.0).abs() < 1e-3);
    }

    #[test]
    fn page_numbers_start_on_page_two() {
        let result =
            layout(&Mono, page(), &[Block::Paragraph(para("a")), Block::PageBreak, Block::Paragraph(para("b"))]);
        assert_eq!(texts(&result.pages[0]), ["a"]);
        assert_eq!(texts(&result.pages[1]), ["b", "2"]);
    }

    #[test]
    fn a4_gost_margins() {
        let g = PageGeometry::a4_gost();
        assert!((g.width - 595.28).abs() < 0.01 && (g.height - 841.89).abs() < 0.01);
        assert!((g.left - 85.04).abs() < 0.01 && (g.right - 28.35).abs() < 0.01);
        assert!((g.body_width() - 481.89).abs() < 0.01);
    }
}
