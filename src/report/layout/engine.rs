//! The layout engine: places blocks on pages, breaking paragraphs, tables and charts.

use super::*;
use foldhash::fast::FixedState;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Lines already broken, by what was broken. A layout breaks each paragraph and cell several
/// times (its height, the look-ahead of a heading kept with its text, drawing), and the note
/// repeats its cells' texts; every later time is a look-up.
#[derive(Default)]
pub(super) struct Wraps {
    known: RefCell<Known>,
    /// The key of the look-up under way, kept so that a look-up allocates nothing.
    key: RefCell<Vec<u8>>,
}

/// Lines by their key; foldhash rather than SipHash, as the keys hold whole paragraphs.
type Known = HashMap<Box<[u8]>, Rc<[Line]>, FixedState>;

impl Wraps {
    /// The lines of a paragraph's spans.
    fn lines(
        &self,
        measure: &dyn Measure,
        spans: &[Span],
        size: f32,
        first_width: f32,
        width: f32,
        hyphenate: bool,
    ) -> Rc<[Line]> {
        let pieces = spans.iter().map(|s| (s.text.as_str(), s.weight));
        self.find_or_wrap(pieces, size, first_width, width, hyphenate, || {
            wrap_spans(measure, spans, size, first_width, width, hyphenate)
        })
    }

    /// The lines of a text of one weight (a cell, a label), not hyphenated.
    fn text_lines(
        &self,
        measure: &dyn Measure,
        text: &str,
        style: TextStyle,
        first_width: f32,
        width: f32,
    ) -> Rc<[Line]> {
        let pieces = std::iter::once((text, style.weight));
        self.find_or_wrap(pieces, style.size, first_width, width, false, || {
            wrap_spans(measure, &[Span::new(text, style.weight)], style.size, first_width, width, false)
        })
    }

    /// The lines remembered for what is broken, or `wrap`'s, then remembered. The key holds
    /// the size and widths' bits and each piece's weight, length and bytes.
    fn find_or_wrap<'t>(
        &self,
        pieces: impl Iterator<Item = (&'t str, Weight)>,
        size: f32,
        first_width: f32,
        width: f32,
        hyphenate: bool,
        wrap: impl FnOnce() -> Vec<Line>,
    ) -> Rc<[Line]> {
        let mut key = self.key.borrow_mut();
        key.clear();
        for number in [size, first_width, width] {
            key.extend_from_slice(&number.to_bits().to_le_bytes());
        }
        key.push(u8::from(hyphenate));
        for (text, weight) in pieces {
            key.push(match weight {
                Weight::Regular => 0,
                Weight::Bold => 1,
            });
            key.extend_from_slice(&text.len().to_le_bytes());
            key.extend_from_slice(text.as_bytes());
        }
        if let Some(lines) = self.known.borrow().get(key.as_slice()) {
            return lines.clone();
        }
        let lines: Rc<[Line]> = wrap().into();
        self.known.borrow_mut().insert(key.as_slice().into(), lines.clone());
        lines
    }
}

pub(super) struct Layouter<'a> {
    measure: &'a dyn Measure,
    wraps: &'a Wraps,
    g: PageGeometry,
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Current vertical position, from the top of the page.
    y: f32,
    headings: Vec<PlacedHeading>,
    /// What of the contents waits for the headings' page numbers, in the order placed.
    pending: Vec<Pending>,
}

/// A piece of a contents line that depends on its heading's page number, left for the end
/// of the run: the leader and the number after an entry's last line, the link over a line.
struct Pending {
    /// Index of the page, and of the item on it, the piece goes before.
    page: usize,
    at: usize,
    /// The entry's position in its contents block (the n-th heading of the contents).
    entry: usize,
    x: f32,
    y: f32,
    kind: PendingKind,
}

enum PendingKind {
    /// Leader dots from `x + width + 4`, then the number at the right edge.
    Number { line_width: f32 },
    /// A link over the line, `indent` from the left margin.
    Link { indent: f32 },
}

impl<'a> Layouter<'a> {
    pub(super) fn new(measure: &'a dyn Measure, wraps: &'a Wraps, g: PageGeometry) -> Self {
        Layouter {
            measure,
            wraps,
            g,
            pages: Vec::new(),
            items: Vec::new(),
            y: g.top,
            headings: Vec::new(),
            pending: Vec::new(),
        }
    }

    pub(super) fn run(mut self, blocks: &[Block]) -> Layout {
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
        self.fill_contents();
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

    /// Places a line (see [`place_text`]).
    fn text(&mut self, x: f32, top: f32, line: &Line, style: TextStyle, extra: f32) {
        place_text(self.measure, &mut self.items, x, top, line, style, extra);
    }

    fn heading_paragraph(h: &Heading) -> Paragraph {
        Paragraph {
            spans: vec![Span::new(h.text.clone(), HEADING.weight)],
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
                // A paragraph of up to three lines is never split (see `paragraph`).
                let count = self.paragraph_lines(p).len();
                let lines = if count <= 3 { count } else { 2 } as f32;
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
            Block::Space(_) => self.first_chunk_height(rest.get(1..).unwrap_or_default()),
            Block::AtFoot(_) | Block::PageBreak => 0.0,
        }
    }

    fn paragraph_lines(&self, p: &Paragraph) -> Rc<[Line]> {
        let width = self.g.body_width() - p.left;
        let hyphenate = p.align == Align::Justify;
        self.wraps.lines(self.measure, &p.spans, p.style.size, width - p.first_indent, width, hyphenate)
    }

    /// [`wrap`] through the memo.
    fn wrap(&self, text: &str, style: TextStyle, first_width: f32, width: f32) -> Rc<[Line]> {
        self.wraps.text_lines(self.measure, text, style, first_width, width)
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
                let marker_line = Line::plain(marker.clone(), marker_width);
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

    fn cell_lines(&self, cell: &Cell, width: f32, size: f32) -> Rc<[Line]> {
        let style = TextStyle { weight: cell.weight, size, leading: 1.15 };
        let inner = (width - 2.0 * CELL_PAD_X).max(size);
        self.wrap(&cell.text, style, inner, inner)
    }

    fn row_height(&self, row: &[Cell], widths: &[f32], size: f32) -> f32 {
        let lines = row.iter().zip(widths).map(|(c, w)| self.cell_lines(c, *w, size).len()).max().unwrap_or(1);
        lines as f32 * size * 1.15 + 2.0 * CELL_PAD_Y
    }

    /// Draws one row (or the part of it given by `lines`), returning its height.
    fn draw_row(&mut self, cells: &[(&Cell, &[Line])], widths: &[f32], size: f32, fill_all: Option<Rgb>) -> f32 {
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
            for line in cell_lines.iter() {
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
        let header: Vec<(&Cell, Rc<[Line]>)> =
            t.header.iter().zip(&widths).map(|(c, w)| (c, self.cell_lines(c, *w, t.size))).collect();
        let header: Vec<(&Cell, &[Line])> = header.iter().map(|(c, l)| (*c, &l[..])).collect();
        let header_height = if header.is_empty() { 0.0 } else { self.row_height(&t.header, &widths, t.size) };
        let first_row = t.rows.first().map(|r| self.row_height(r, &widths, t.size)).unwrap_or(0.0);
        self.ensure(header_height + first_row.min(line_height + 2.0 * CELL_PAD_Y));
        if !header.is_empty() {
            self.draw_row(&header, &widths, t.size, Some(palette::HEADER));
        }
        for row in &t.rows {
            let wrapped: Vec<(&Cell, Rc<[Line]>)> =
                row.iter().zip(&widths).map(|(c, w)| (c, self.cell_lines(c, *w, t.size))).collect();
            let mut cells: Vec<(&Cell, &[Line])> = wrapped.iter().map(|(c, l)| (*c, &l[..])).collect();
            loop {
                let lines = cells.iter().map(|(_, l)| l.len()).max().unwrap_or(1).max(1);
                let fits = ((self.remaining() - 2.0 * CELL_PAD_Y) / line_height + 0.01).floor().max(0.0) as usize;
                if lines <= fits {
                    self.draw_row(&cells, &widths, t.size, None);
                    break;
                }
                // Split a row taller than what is left of the page, but only if the page
                // holds nothing but the header: otherwise move the row to a new page.
                let continued =
                    if t.continued.is_some() { TextStyle::new(Weight::Regular, 12.0).line_height() + 2.0 } else { 0.0 };
                let page_is_fresh = self.y <= self.g.top + continued + header_height + 0.01;
                if fits == 0 && page_is_fresh {
                    // Not even one line fits under the header of a fresh page: a page cannot
                    // hold this table as configured, so draw the row rather than loop forever.
                    self.draw_row(&cells, &widths, t.size, None);
                    break;
                }
                if fits >= 1 && page_is_fresh {
                    let head: Vec<(&Cell, &[Line])> =
                        cells.iter().map(|(c, l)| (*c, l.get(..fits).unwrap_or(l))).collect();
                    self.draw_row(&head, &widths, t.size, None);
                    for (_, l) in &mut cells {
                        *l = l.get(fits..).unwrap_or_default();
                    }
                }
                self.new_page();
                self.continuation(t);
                if !header.is_empty() {
                    self.draw_row(&header, &widths, t.size, Some(palette::HEADER));
                }
            }
        }
        self.y += t.space_after;
    }

    /// «Продолжение таблицы N» at the top of a page a table continues on, set to the right.
    fn continuation(&mut self, t: &Table) {
        let Some(text) = &t.continued else { return };
        let style = TextStyle::new(Weight::Regular, 12.0);
        let line = Line::plain(text.clone(), self.measure.width(text, style.weight, style.size));
        let x = self.g.left + self.g.body_width() - line.width;
        self.text(x, self.y, &line, style, 0.0);
        self.y += style.line_height() + 2.0;
    }

    fn chart_label_width(&self) -> f32 {
        self.g.body_width() * 0.42
    }

    fn chart_rows(&self, c: &BarChart) -> Vec<Rc<[Line]>> {
        let width = self.chart_label_width() - 6.0;
        c.bars.iter().map(|b| self.wrap(&b.label, CHART_LABEL, width, width)).collect()
    }

    fn chart_height(&self, c: &BarChart) -> f32 {
        let title = self.wrap(&c.title, CHART_TITLE, self.g.body_width(), self.g.body_width()).len() as f32
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
        for line in self.wrap(&c.title, CHART_TITLE, width, width).iter() {
            let x = self.g.left + (width - line.width) / 2.0;
            self.text(x, self.y, line, CHART_TITLE, 0.0);
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
            for line in label.iter() {
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
            let value =
                Line::plain(bar.value.clone(), self.measure.width(&bar.value, CHART_LABEL.weight, CHART_LABEL.size));
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
        for (entry, contents_entry) in entries.iter().enumerate() {
            let indent = f32::from(contents_entry.level.saturating_sub(1)) * 15.0;
            let width = self.g.body_width() - indent - number_column;
            let lines = self.wrap(&contents_entry.text, BODY, width, width);
            self.ensure(lines.len() as f32 * BODY.line_height());
            let count = lines.len();
            for (index, line) in lines.iter().enumerate() {
                if BODY.line_height() > self.remaining() + 0.01 {
                    self.new_page();
                }
                let x = self.g.left + indent;
                self.text(x, self.y, line, BODY, 0.0);
                let (page, at, y) = (self.pages.len(), self.items.len(), self.y);
                if index + 1 == count {
                    let kind = PendingKind::Number { line_width: line.width };
                    self.pending.push(Pending { page, at, entry, x, y, kind });
                }
                self.pending.push(Pending { page, at, entry, x, y, kind: PendingKind::Link { indent } });
                self.y += BODY.line_height();
            }
            self.y += 3.0;
        }
    }

    /// Puts the headings' page numbers into the contents: each entry gets the page of the
    /// heading of the contents in its position.
    fn fill_contents(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let numbers = super::contents_pages(&self.headings);
        let pending = std::mem::take(&mut self.pending);
        let mut pending = pending.iter().peekable();
        let mut pages = std::mem::take(&mut self.pages);
        for (index, page) in pages.iter_mut().enumerate() {
            if pending.peek().is_none_or(|p| p.page != index) {
                continue;
            }
            let old = std::mem::take(&mut page.items);
            let mut items = Vec::with_capacity(old.len() + 16);
            let mut old = old.into_iter();
            let mut taken = 0;
            while let Some(p) = pending.next_if(|p| p.page == index) {
                let before = p.at.saturating_sub(taken);
                items.extend(old.by_ref().take(before));
                taken += before;
                let number = numbers.get(p.entry).copied();
                self.place(&mut items, p, number);
            }
            items.extend(old);
            page.items = items;
        }
        self.pages = pages;
    }

    /// The items of one pending piece of the contents, for the page `number` (if known).
    fn place(&self, items: &mut Vec<Item>, p: &Pending, number: Option<usize>) {
        match p.kind {
            PendingKind::Number { line_width } => {
                let number = number.map(|n| n.to_string()).unwrap_or_default();
                let number_width = self.measure.width(&number, BODY.weight, BODY.size);
                let dot = self.measure.width(".", BODY.weight, BODY.size).max(0.1);
                let from = p.x + line_width + 4.0;
                let to = self.g.left + self.g.body_width() - number_width - 4.0;
                let dots = ((to - from) / dot).floor().max(0.0) as usize;
                if dots > 0 {
                    let leader = Line::plain(".".repeat(dots), dots as f32 * dot);
                    place_text(self.measure, items, to - leader.width, p.y, &leader, BODY, 0.0);
                }
                let number_line = Line::plain(number, number_width);
                let x = self.g.left + self.g.body_width() - number_width;
                place_text(self.measure, items, x, p.y, &number_line, BODY, 0.0);
            }
            PendingKind::Link { indent } => {
                if let Some(page) = number {
                    let (width, height) = (self.g.body_width() - indent, BODY.line_height());
                    items.push(Item::Link { x: p.x, y: p.y, width, height, page });
                }
            }
        }
    }
}

/// Places a line: one run per piece of one weight, each after the pieces before it and
/// the justification `extra` of their spaces.
fn place_text(
    measure: &dyn Measure,
    items: &mut Vec<Item>,
    x: f32,
    top: f32,
    line: &Line,
    style: TextStyle,
    extra: f32,
) {
    if line.text.is_empty() {
        return;
    }
    let mut x = x;
    let count = line.weights.len().max(1);
    for (index, (range, weight)) in line.pieces(style.weight).enumerate() {
        let Some(text) = line.text.get(range) else { continue };
        if text.is_empty() {
            continue;
        }
        items.push(Item::Text(TextRun {
            x,
            y: top + style.baseline(),
            text: text.to_string(),
            weight,
            size: style.size,
            word_extra: extra,
        }));
        // The next piece starts after this one (nothing follows the last).
        if index + 1 < count {
            x += measure.width(text, weight, style.size) + extra * text.matches(' ').count() as f32;
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
