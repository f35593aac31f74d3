//! `word/document.xml`, written straight from the document tree into one pre-sized buffer.
//! The body is nearly all of the package (480 KB of the sample's 500): docx-rs would build a
//! tree of its thousands of elements, move its XML writer by value through every one and copy
//! the result, which was half of the whole process. Elements are written in the schema's order.
//!
//! The contents' page numbers come from a layout run on another thread ([`super::write_with_pages`]):
//! the body is written without them, and the contents are inserted where they stand once the
//! pages are known ([`Body::finish`]).

use super::{BODY_WIDTH_PT, BULLETS, EMU, FIRST_NUMBERED, HEADER_DEFAULT, HEADER_FIRST, half_points, twips};
use crate::palette::Rgb;
use crate::report::doc::{Align, BarChart, Block, Cell, ContentsEntry, Heading, Paragraph, Table, Weight};
use std::fmt::Write as _;

const ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#,
    r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
    r#" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#,
    r#" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#,
    r#" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"#,
);

/// The section's page: A4 (twips) with the margins of ГОСТ Р 7.0.97 — left 30 mm, right
/// 10 mm, top and bottom 20 mm — and the page number 10 mm from the top edge; written after
/// the references to the headers (the title page has its own, empty one).
const PAGE: &str = concat!(
    r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
    r#"<w:pgMar w:top="1134" w:right="567" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>"#,
    r#"<w:cols w:space="425" w:num="1"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
);

/// Borders of an ordinary table: thin black lines around and between the cells.
const TABLE_BORDERS: &str = concat!(
    r#"<w:tblBorders><w:top w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:left w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:bottom w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:right w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:insideH w:val="single" w:sz="2" w:space="0" w:color="000000"/>"#,
    r#"<w:insideV w:val="single" w:sz="2" w:space="0" w:color="000000"/></w:tblBorders>"#,
);

/// A chart is a table without borders.
const CHART_TABLE: &str = concat!(
    r#"<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="left"/><w:tblBorders>"#,
    r#"<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>"#,
    r#"<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr>"#,
);

const CHART_CELL_BORDERS: &str = concat!(
    r#"<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>"#,
    r#"<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>"#,
    r#"<w:tl2br w:val="nil"/><w:tr2bl w:val="nil"/></w:tcBorders>"#,
);

/// The relationship id and the media file name of the `n`-th distinct bar colour.
pub(super) fn bar_media(n: usize) -> (String, String) {
    (format!("rIdBar{n}"), format!("bar{n}"))
}

/// Appends `text` as XML character data or attribute value: `&`, `<`, `>` and `"` escaped,
/// characters XML 1.0 does not allow (C0 controls but tab and line feed, U+FFFE, U+FFFF)
/// dropped, and carriage returns dropped as well (docx-rs did the same: LibreOffice
/// mishandles an escaped one).
pub(super) fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' | '\n' => continue,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => "",
            _ => continue,
        };
        out.push_str(text.get(copied..at).unwrap_or_default());
        out.push_str(replacement);
        copied = at + c.len_utf8();
    }
    out.push_str(text.get(copied..).unwrap_or_default());
}

/// Where a contents block goes and what it holds; written by [`Body::finish`].
struct ContentsSlot<'a> {
    /// Byte offset in the body.
    at: usize,
    entries: &'a [ContentsEntry],
    /// The contents begin a page.
    page_break: bool,
}

/// The body as it is written, and what the other package parts need from it.
pub(super) struct Body<'a> {
    xml: String,
    /// Space (points) to add before the next paragraph (from `Block::Space`).
    pending_space: f32,
    page_break: bool,
    bookmarks: usize,
    pictures: usize,
    contents: Vec<ContentsSlot<'a>>,
    /// Each numbered list's numbering instance: its id and the number it starts at.
    pub numbered: Vec<(usize, usize)>,
    /// Some paragraph is a list item (`numbering.xml` is then linked from the body).
    pub lists: bool,
    /// The text sizes of the tables (half-points), each with its paragraph style.
    pub table_sizes: Vec<usize>,
    /// The bars' colours, each written once as `word/media/bar{n}.png` (n from 1).
    pub bars: Vec<Rgb>,
}

/// How a list item's marker maps to Word numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListMark {
    Bullet(usize),
    Number(usize),
}

pub(super) fn list_mark(marker: &str) -> Option<ListMark> {
    match marker {
        "–" => Some(ListMark::Bullet(0)),
        "•" => Some(ListMark::Bullet(1)),
        _ => marker.strip_suffix('.').and_then(|n| n.parse().ok()).map(ListMark::Number),
    }
}

/// The paragraph style of table text of `half` half-points (see [`super::write_with_pages`]).
pub(super) fn table_style(half: usize) -> String {
    format!("TableText{half}")
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => r#"<w:jc w:val="left"/>"#,
        Align::Centre => r#"<w:jc w:val="center"/>"#,
        Align::Right => r#"<w:jc w:val="right"/>"#,
        Align::Justify => r#"<w:jc w:val="both"/>"#,
    }
}

/// An upper bound of the body's length, so that its buffer never grows (each growth of a
/// buffer this large is a copy into freshly mapped pages).
fn capacity(blocks: &[Block]) -> usize {
    let paragraph = |p: &Paragraph| 420 + p.spans.iter().map(|s| 120 + s.text.len()).sum::<usize>();
    let cells = |cells: &[Cell]| cells.iter().map(|c| 260 + c.text.len()).sum::<usize>();
    let size: usize = blocks
        .iter()
        .map(|block| match block {
            Block::Heading(h) => 300 + h.text.len(),
            Block::Paragraph(p) => paragraph(p),
            Block::AtFoot(p) => 200 + paragraph(p),
            Block::Table(t) => {
                900 + 30 * t.columns.len() + 60 + cells(&t.header) + t.rows.iter().map(|r| 60 + cells(r)).sum::<usize>()
            }
            Block::Chart(c) => {
                1200 + c.title.len() + c.bars.iter().map(|b| 2300 + b.label.len() + b.value.len()).sum::<usize>()
            }
            Block::Contents(entries) => 300 + entries.iter().map(|e| 360 + e.text.len()).sum::<usize>(),
            Block::Space(_) | Block::PageBreak => 600,
        })
        .sum();
    ROOT.len() + 200 + PAGE.len() + size
}

impl<'a> Body<'a> {
    /// Writes the body of `blocks`; the contents are left out until [`Body::finish`].
    pub fn write(blocks: &'a [Block]) -> Body<'a> {
        let mut body = Body {
            xml: String::with_capacity(capacity(blocks)),
            pending_space: 0.0,
            page_break: false,
            bookmarks: 0,
            pictures: 0,
            contents: Vec::new(),
            numbered: Vec::new(),
            lists: false,
            table_sizes: Vec::new(),
            bars: Vec::new(),
        };
        body.xml.push_str(ROOT);
        let mut previous: Option<&Block> = None;
        for block in blocks {
            match block {
                Block::Heading(h) => body.heading(h),
                Block::Paragraph(p) => body.paragraph(p, false),
                // A frame anchored to the foot of the page (the city and year of the title page).
                Block::AtFoot(p) => body.paragraph(p, true),
                Block::Table(t) => body.table(t),
                Block::Chart(c) => body.chart(c),
                Block::Contents(entries) => {
                    if !entries.is_empty() {
                        let page_break = std::mem::take(&mut body.page_break);
                        body.contents.push(ContentsSlot { at: body.xml.len(), entries, page_break });
                    }
                }
                Block::Space(h) => body.pending_space += h,
                Block::PageBreak => {
                    if matches!(previous, Some(Block::AtFoot(_))) {
                        // A frame belongs to the paragraph after it: keep that one on this page.
                        body.xml.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
                    } else {
                        body.page_break = true;
                    }
                    body.pending_space = 0.0;
                }
            }
            previous = Some(block);
        }
        for part in [
            r#"<w:sectPr><w:headerReference w:type="default" r:id=""#,
            HEADER_DEFAULT,
            r#""/><w:headerReference w:type="first" r:id=""#,
            HEADER_FIRST,
            r#""/>"#,
            PAGE,
        ] {
            body.xml.push_str(part);
        }
        body
    }

    /// The whole `document.xml`: the contents written in their places, entry `i` of each with
    /// page `pages[i]` (or the page it carries, when `pages` is shorter).
    pub fn finish(mut self, pages: &[usize]) -> String {
        // From the last, so that the earlier offsets stay true.
        for slot in self.contents.iter().rev() {
            let mut xml = String::with_capacity(slot.entries.iter().map(|e| 360 + e.text.len()).sum());
            contents(&mut xml, slot.entries, slot.page_break, pages);
            if self.xml.is_char_boundary(slot.at) {
                self.xml.insert_str(slot.at, &xml);
            }
        }
        self.xml
    }

    fn num(&mut self, n: impl itoa::Integer) {
        self.xml.push_str(itoa::Buffer::new().format(n));
    }

    /// `<w:{tag} w:{name}="{value}" …{words}/>`: numeric attributes, then `words`, attributes
    /// written out.
    fn element(&mut self, tag: &str, attributes: &[(&str, i64)], words: &str) {
        self.xml.push_str("<w:");
        self.xml.push_str(tag);
        for (name, value) in attributes {
            self.xml.push_str(" w:");
            self.xml.push_str(name);
            self.xml.push_str("=\"");
            self.num(*value);
            self.xml.push('"');
        }
        self.xml.push_str(words);
        self.xml.push_str("/>");
    }

    /// A run of `text`, its line breaks as `<w:br/>`; `size` (points) is written when given,
    /// otherwise the paragraph's style sets it.
    fn run(&mut self, text: &str, weight: Weight, size: Option<f32>) {
        self.xml.push_str("<w:r>");
        if weight == Weight::Bold || size.is_some() {
            self.xml.push_str("<w:rPr>");
            if weight == Weight::Bold {
                self.xml.push_str("<w:b/><w:bCs/>");
            }
            if let Some(size) = size {
                let half = half_points(size) as i64;
                self.element("sz", &[("val", half)], "");
                self.element("szCs", &[("val", half)], "");
            }
            self.xml.push_str("</w:rPr>");
        }
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                self.xml.push_str("<w:br/>");
            }
            self.xml.push_str(r#"<w:t xml:space="preserve">"#);
            escape_into(&mut self.xml, line);
            self.xml.push_str("</w:t>");
        }
        self.xml.push_str("</w:r>");
    }

    fn paragraph(&mut self, p: &Paragraph, at_foot: bool) {
        let before = twips(p.space_before + std::mem::take(&mut self.pending_space)).max(0);
        let after = twips(p.space_after).max(0);
        let line = twips(p.style.line_height());
        let mark = p.marker.as_deref().and_then(list_mark);
        self.xml.push_str("<w:p><w:pPr>");
        if p.keep_with_next {
            self.xml.push_str("<w:keepNext/>");
        }
        if std::mem::take(&mut self.page_break) {
            self.xml.push_str("<w:pageBreakBefore/>");
        }
        if at_foot {
            let width = twips(BODY_WIDTH_PT);
            self.element(
                "framePr",
                &[("w", i64::from(width))],
                r#" w:wrap="around" w:hAnchor="margin" w:vAnchor="margin" w:xAlign="center" w:yAlign="bottom""#,
            );
        }
        self.xml.push_str("<w:widowControl/>");
        let numbering = match mark {
            Some(ListMark::Bullet(level)) => Some((BULLETS, level)),
            Some(ListMark::Number(n)) => {
                if n == 1 || self.numbered.is_empty() {
                    self.numbered.push((FIRST_NUMBERED + self.numbered.len() + 1, n));
                }
                Some((FIRST_NUMBERED + self.numbered.len(), 0))
            }
            None => None,
        };
        if let Some((id, level)) = numbering {
            self.lists = true;
            self.xml.push_str("<w:numPr>");
            self.element("ilvl", &[("val", level as i64)], "");
            self.element("numId", &[("val", id as i64)], "");
            self.xml.push_str("</w:numPr>");
        }
        self.element(
            "spacing",
            &[("before", i64::from(before)), ("after", i64::from(after)), ("line", i64::from(line))],
            r#" w:lineRule="exact""#,
        );
        // A list item hangs its marker; otherwise the first line is indented (or hangs).
        let first = if mark.is_some() {
            Some(("hanging", twips(p.style.size)))
        } else if p.first_indent > 0.0 {
            Some(("firstLine", twips(p.first_indent)))
        } else if p.first_indent < 0.0 {
            Some(("hanging", twips(-p.first_indent)))
        } else {
            None
        };
        let left = i64::from(twips(p.left));
        match first {
            Some((name, value)) => self.element("ind", &[("left", left), (name, i64::from(value))], ""),
            None if left > 0 => self.element("ind", &[("left", left)], ""),
            None => {}
        }
        self.xml.push_str(jc(p.align));
        self.xml.push_str("</w:pPr>");
        for span in &p.spans {
            self.run(&span.text, span.weight, Some(p.style.size));
        }
        self.xml.push_str("</w:p>");
    }

    fn heading(&mut self, h: &Heading) {
        self.xml.push_str(if h.level <= 1 {
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/>"#
        } else {
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:keepNext/>"#
        });
        if std::mem::take(&mut self.page_break) {
            self.xml.push_str("<w:pageBreakBefore/>");
        }
        self.xml.push_str("</w:pPr>");
        if h.in_contents {
            // Word's own name for the bookmarks of the contents' headings.
            self.bookmarks += 1;
            let id = self.bookmarks;
            let _ = write!(self.xml, r#"<w:bookmarkStart w:id="{id}" w:name="_Toc{id:08}"/>"#);
            self.run(&h.text, Weight::Regular, None);
            let _ = write!(self.xml, r#"<w:bookmarkEnd w:id="{id}"/>"#);
        } else {
            self.run(&h.text, Weight::Regular, None);
        }
        self.xml.push_str("</w:p>");
        self.pending_space = 0.0;
    }

    fn cell(&mut self, cell: &Cell, width: i64, half: usize, header: bool) {
        // The size and spacing of a cell's text come from its table's paragraph style, so that
        // each of the note's thousand cells carries only its alignment and weight.
        self.xml.push_str("<w:tc><w:tcPr>");
        self.element("tcW", &[("w", width)], r#" w:type="dxa""#);
        if let Some(rgb) = cell.fill.or(if header { Some(crate::palette::HEADER) } else { None }) {
            let _ = write!(self.xml, r#"<w:shd w:val="clear" w:color="auto" w:fill="{:06X}"/>"#, rgb.hex());
        }
        self.xml.push_str(r#"<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"#);
        self.num(half);
        self.xml.push_str(r#""/>"#);
        self.xml.push_str(jc(if cell.align == Align::Justify { Align::Left } else { cell.align }));
        self.xml.push_str("</w:pPr>");
        self.run(&cell.text, cell.weight, None);
        self.xml.push_str("</w:p></w:tc>");
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().sum::<f32>().max(f32::EPSILON);
        let body = BODY_WIDTH_PT * super::TWIPS;
        let widths: Vec<i64> = t.columns.iter().map(|c| (c / total * body).round() as i64).collect();
        let half = half_points(t.size);
        if !self.table_sizes.contains(&half) {
            self.table_sizes.push(half);
        }
        self.before_block();
        self.xml.push_str("<w:tbl><w:tblPr>");
        self.element("tblW", &[("w", body as i64)], r#" w:type="dxa""#);
        self.xml.push_str(r#"<w:jc w:val="left"/>"#);
        self.xml.push_str(TABLE_BORDERS);
        self.xml.push_str("</w:tblPr>");
        self.grid(&widths);
        if !t.header.is_empty() {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (cell, width) in t.header.iter().zip(&widths) {
                self.cell(cell, *width, half, true);
            }
            self.xml.push_str("</w:tr>");
        }
        for row in &t.rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (cell, width) in row.iter().zip(&widths) {
                self.cell(cell, *width, half, false);
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        self.spacer(t.space_after);
    }

    fn grid(&mut self, widths: &[i64]) {
        self.xml.push_str("<w:tblGrid>");
        for width in widths {
            self.element("gridCol", &[("w", *width)], "");
        }
        self.xml.push_str("</w:tblGrid>");
    }

    /// A page break or pending space before a table goes into an empty paragraph.
    fn before_block(&mut self) {
        if self.page_break || self.pending_space > 0.0 {
            let style = crate::report::doc::TextStyle::new(Weight::Regular, 2.0);
            self.paragraph(&Paragraph::plain("", style, Align::Left), false);
        }
    }

    /// An empty paragraph `height` points tall.
    fn spacer(&mut self, height: f32) {
        if height <= 0.0 {
            return;
        }
        self.xml.push_str("<w:p><w:pPr>");
        self.element(
            "spacing",
            &[("before", 0), ("after", 0), ("line", i64::from(twips(height)))],
            r#" w:lineRule="exact""#,
        );
        self.xml.push_str(r#"</w:pPr><w:r><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:r></w:p>"#);
    }

    fn chart_cell(&mut self, width: i64) {
        self.xml.push_str("<w:tc><w:tcPr>");
        self.element("tcW", &[("w", width)], r#" w:type="dxa""#);
        self.xml.push_str(CHART_CELL_BORDERS);
        self.xml.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
    }

    /// A chart as a borderless table: the label, then the bar as a picture scaled to the count,
    /// then the count and share — the text stays editable.
    fn chart(&mut self, c: &BarChart) {
        let style = crate::report::doc::TextStyle::new(Weight::Bold, 12.0);
        let mut title = Paragraph::plain(c.title.clone(), style, Align::Centre);
        title.space_before = 8.0;
        title.space_after = 4.0;
        title.keep_with_next = true;
        self.paragraph(&title, false);
        let body = BODY_WIDTH_PT;
        let (label_width, bar_area) = (body * 0.42, body * 0.40);
        let widths = [i64::from(twips(label_width)), i64::from(twips(body - label_width))];
        let total = c.total.max(1) as f32;
        self.xml.push_str("<w:tbl>");
        self.xml.push_str(CHART_TABLE);
        self.grid(&widths);
        for bar in &c.bars {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            self.chart_cell(widths[0]);
            self.xml.push_str(r#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr>"#);
            self.run(&bar.label, Weight::Regular, Some(11.0));
            self.xml.push_str("</w:p></w:tc>");
            self.chart_cell(widths[1]);
            self.xml.push_str("<w:p><w:pPr><w:keepNext/></w:pPr>");
            if bar.count > 0 {
                let width = (bar_area * bar.count as f32 / total * EMU).round() as u32;
                self.picture(bar.fill, width.max(1), (12.0 * EMU) as u32);
            }
            self.run(&format!(" {}", bar.value), Weight::Regular, Some(11.0));
            self.xml.push_str("</w:p></w:tc></w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        self.spacer(10.0);
    }

    /// A run holding an inline picture of one colour, `width` × `height` EMU.
    fn picture(&mut self, fill: Rgb, width: u32, height: u32) {
        let n = match self.bars.iter().position(|c| *c == fill) {
            Some(index) => index + 1,
            None => {
                self.bars.push(fill);
                self.bars.len()
            }
        };
        self.pictures += 1;
        let (id, pictures) = (bar_media(n).0, self.pictures);
        let _ = write!(
            self.xml,
            concat!(
                r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
                r#"<wp:docPr id="{pictures}" name="Bar {pictures}"/>"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name=""/><pic:cNvPicPr>"#,
                r#"<a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="{id}"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr bwMode="auto"><a:xfrm rot="0"><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>"#,
                r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"#,
                r#"</wp:inline></w:drawing></w:r>"#,
            ),
            w = width,
            h = height,
            pictures = pictures,
            id = id,
        );
    }
}

/// The contents as a TOC field over the heading styles, holding the entries with their page
/// numbers until Word or LibreOffice updates it.
fn contents(xml: &mut String, entries: &[ContentsEntry], page_break: bool, pages: &[usize]) {
    let count = entries.len();
    let tab = twips(BODY_WIDTH_PT);
    for (index, entry) in entries.iter().enumerate() {
        xml.push_str(if entry.level <= 1 {
            r#"<w:p><w:pPr><w:pStyle w:val="TOC1"/>"#
        } else {
            r#"<w:p><w:pPr><w:pStyle w:val="TOC2"/>"#
        });
        if index == 0 && page_break {
            xml.push_str("<w:pageBreakBefore/>");
        }
        let _ = write!(xml, r#"<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tab}"/></w:tabs></w:pPr>"#);
        if index == 0 {
            xml.push_str(concat!(
                r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/>"#,
                r#"<w:instrText xml:space="preserve">TOC \o &quot;1-2&quot; \h</w:instrText>"#,
                r#"<w:fldChar w:fldCharType="separate"/></w:r>"#,
            ));
        }
        xml.push_str(r#"<w:r><w:t xml:space="preserve">"#);
        escape_into(xml, &entry.text);
        xml.push_str(r#"</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">"#);
        if let Some(page) = pages.get(index).copied().or(entry.page) {
            xml.push_str(itoa::Buffer::new().format(page));
        }
        xml.push_str("</w:t></w:r>");
        if index + 1 == count {
            xml.push_str(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#);
        }
        xml.push_str("</w:p>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{Bar, Section, TextStyle};

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(escaped("ГО «Артем» & <МР> \"х\""), "ГО «Артем» &amp; &lt;МР&gt; &quot;х&quot;");
        assert_eq!(escaped("a\u{0}b\u{1}c\u{8}\u{B}\u{C}\u{1F}d\re"), "abcde");
        assert_eq!(escaped("таб\tи\nстрока\u{FFFE}\u{FFFF}\u{FFFD}"), "таб\tи\nстрока\u{FFFD}");
        assert_eq!(escaped("'апостроф' остаётся"), "'апостроф' остаётся");
        assert_eq!(escaped(""), "");
    }

    /// The note's tree with one of each block, and what the XML must hold of it.
    fn sample_blocks() -> Vec<Block> {
        let mut section = Section::new("Раздел");
        section.body("Первый абзац & <второй>\nстрока\u{1}");
        section.item("пункт");
        let mut numbered = Paragraph::plain("совет", TextStyle::new(Weight::Regular, 14.0), Align::Justify);
        numbered.marker = Some("1.".into());
        let cell = |t: &str| Cell::text(t);
        let mut blocks = vec![
            Block::Paragraph(Paragraph::plain("Титул", TextStyle::new(Weight::Bold, 14.0), Align::Centre)),
            Block::AtFoot(Paragraph::plain("Владивосток 2022", TextStyle::new(Weight::Regular, 14.0), Align::Centre)),
            Block::PageBreak,
            Block::Heading(Heading { text: "Содержание".into(), level: 1, in_contents: false }),
            Block::Contents(vec![
                ContentsEntry { text: "Раздел".into(), level: 1, page: None },
                ContentsEntry { text: "Подраздел".into(), level: 2, page: Some(9) },
            ]),
            Block::PageBreak,
            Block::Heading(Heading { text: "Раздел".into(), level: 1, in_contents: true }),
        ];
        blocks.extend(section.blocks);
        blocks.push(Block::Paragraph(numbered));
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Table(Table {
            columns: vec![2.0, 1.0],
            header: vec![cell("Показатель"), cell("Доля")],
            rows: vec![vec![cell("ММС"), Cell::filled("55,9 %", Rgb::new(200, 230, 200))]; 3],
            size: 11.0,
            space_after: 6.0,
            keep_together: false,
            continued: None,
        }));
        let bar = |count: usize, fill: Rgb| Bar { label: "уровень".into(), count, value: "1".into(), fill };
        blocks.push(Block::Chart(BarChart {
            title: "Диаграмма".into(),
            bars: vec![bar(3, Rgb::new(1, 2, 3)), bar(0, Rgb::new(1, 2, 3)), bar(2, Rgb::new(4, 5, 6))],
            total: 5,
        }));
        blocks.push(Block::Heading(Heading { text: "Подраздел".into(), level: 2, in_contents: true }));
        blocks
    }

    /// The elements of a body, counted by name, read back with quick-xml (which fails on XML
    /// that is not well-formed).
    fn read_back(xml: &str) -> std::collections::HashMap<String, usize> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut counts = std::collections::HashMap::new();
        let mut depth = 0i32;
        let name = |name: &str| name.to_string();
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(e) => {
                    depth += 1;
                    *counts.entry(name(e.name().into_inner())).or_default() += 1;
                }
                quick_xml::events::Event::Empty(e) => {
                    *counts.entry(name(e.name().into_inner())).or_default() += 1;
                }
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::Text(t) => {
                    assert!(!t.chars().any(|c| c < ' ' && c != '\t' && c != '\n'), "control character");
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "every element is closed");
        counts
    }

    #[test]
    fn the_body_is_well_formed_and_holds_every_block() {
        let blocks = sample_blocks();
        let body = Body::write(&blocks);
        let capacity = body.xml.capacity();
        let numbered = body.numbered.clone();
        let bars = body.bars.clone();
        let xml = body.finish(&[4]);
        let count =
            |counts: &std::collections::HashMap<String, usize>, name: &str| counts.get(name).copied().unwrap_or(0);
        let counts = read_back(&xml);
        // Paragraphs: title, foot, page break, 2 headings + 1, body, item, numbered, the empty one
        // before the table, 2 spacers, chart title, 2 contents entries; 8 cells and 6 chart cells.
        let top_level = 2 + 1 + 3 + 3 + 1 + 2 + 1 + 2;
        assert_eq!(count(&counts, "w:p"), top_level + 8 + 6, "{xml}");
        assert_eq!(count(&counts, "w:tbl"), 2);
        assert_eq!(count(&counts, "w:tr"), 4 + 3);
        assert_eq!(count(&counts, "w:tc"), 8 + 6);
        assert_eq!(count(&counts, "w:tblHeader"), 1);
        assert_eq!(count(&counts, "w:drawing"), 2, "no picture for a bar of 0");
        assert_eq!(count(&counts, "w:bookmarkStart"), 2);
        assert_eq!(count(&counts, "w:framePr"), 1);
        assert_eq!(count(&counts, "w:fldChar"), 3);
        assert_eq!(count(&counts, "w:sectPr"), 1);
        assert_eq!(count(&counts, "w:headerReference"), 2);
        assert_eq!(count(&counts, "w:numPr"), 2);
        assert!(xml.contains(r#"<w:bookmarkStart w:id="2" w:name="_Toc00000002"/>"#));
        assert!(xml.contains("Первый абзац &amp; &lt;второй&gt;</w:t><w:br/>"), "{xml}");
        // The contents' pages: the first from the layout, the second its own.
        assert!(xml.contains(r#"Раздел</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">4</w:t>"#), "{xml}");
        assert!(xml.contains(r#"Подраздел</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">9</w:t>"#), "{xml}");
        assert_eq!(numbered, [(FIRST_NUMBERED + 1, 1)]);
        assert_eq!(bars, [Rgb::new(1, 2, 3), Rgb::new(4, 5, 6)], "one picture per colour");
        assert!(xml.len() <= capacity, "the estimate {capacity} holds the body ({})", xml.len());
    }

    #[test]
    fn the_sample_body_fits_its_estimate_and_reads_back() {
        let blocks = crate::report::sample_blocks();
        let body = Body::write(&blocks);
        let capacity = body.xml.capacity();
        let xml = body.finish(&[]);
        assert!(xml.len() <= capacity, "the estimate {capacity} holds the body ({})", xml.len());
        let counts = read_back(&xml);
        let tables = blocks.iter().filter(|b| matches!(b, Block::Table(_) | Block::Chart(_))).count();
        assert_eq!(counts.get("w:tbl").copied().unwrap_or(0), tables);
        let cells: usize = blocks
            .iter()
            .map(|b| match b {
                Block::Table(t) => t.header.len() + t.rows.iter().map(Vec::len).sum::<usize>(),
                Block::Chart(c) => 2 * c.bars.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(counts.get("w:tc").copied().unwrap_or(0), cells);
        let headings = blocks.iter().filter(|b| matches!(b, Block::Heading(_))).count();
        let styled = xml.matches(r#"<w:pStyle w:val="Heading"#).count();
        assert_eq!(styled, headings);
    }
}
