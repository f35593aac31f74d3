//! The note as DOCX for finishing in Word or LibreOffice: the same document tree as the PDF,
//! drawn with Word's own structures — heading styles (so Word's contents and navigation work),
//! a contents field, numbered and bulleted lists, tables with shaded cells and repeated header
//! rows, the charts' bars as images, page numbers in the header from page 2.
//!
//! docx-rs has no switch for a repeated header row or for automatic hyphenation; the few
//! XML elements it cannot write are added to its output parts by [`finish`].

use super::ReportError;
use super::doc::{Align, BarChart, Block, Cell, ContentsEntry, Heading, Paragraph, Table, TextStyle, Weight};
use crate::palette::Rgb;
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Header, IndentLevel, InstrText, InstrToC, Level,
    LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style, StyleType, Tab, TabLeaderType,
    TabValueType, TableCell, TableRow, VAlignType, WidthType,
};

const FONT: &str = "Liberation Serif";
/// Twips (twentieths of a point) in a point.
const TWIPS: f32 = 20.0;
/// English Metric Units in a point (picture sizes).
const EMU: f32 = 12_700.0;
/// Written as the height of header rows and replaced by `<w:tblHeader/>` in [`finish`].
const HEADER_ROW_MARK: f32 = 1.5;
/// Numbering ids clear of the default numbering docx-rs writes (id 1).
const BULLETS: usize = 20;
const BULLET_LEVELS: usize = 20;
const DECIMAL_LEVELS: usize = 21;
/// Numbered lists restart at 1: each gets its own numbering instance from this id on.
const FIRST_NUMBERED: usize = 30;

/// Document properties written into the DOCX.
pub struct DocxMeta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// Seconds since 1970.
    pub created_unix: i64,
}

fn twips(pt: f32) -> i32 {
    (pt * TWIPS).round() as i32
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn hex(rgb: Rgb) -> String {
    format!("{:06X}", rgb.hex())
}

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A run of `text`; `sized` writes its size (otherwise its paragraph's style gives it).
fn run(text: &str, style: TextStyle, sized: bool) -> Run {
    let mut run = if sized { Run::new().size(half_points(style.size)) } else { Run::new() };
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if style.weight == Weight::Bold { run.bold() } else { run }
}

/// How a list item's marker maps to Word numbering.
enum ListMark {
    Bullet(usize),
    Number(usize),
}

fn list_mark(marker: &str) -> Option<ListMark> {
    match marker {
        "–" => Some(ListMark::Bullet(0)),
        "•" => Some(ListMark::Bullet(1)),
        _ => marker.strip_suffix('.').and_then(|n| n.parse().ok()).map(ListMark::Number),
    }
}

/// A top-level part of the body, in order.
enum Part {
    Paragraph(Box<docx_rs::Paragraph>),
    Table(Box<docx_rs::Table>),
}

struct Writer {
    parts: Vec<Part>,
    numberings: Vec<Numbering>,
    /// Space (points) to add before the next paragraph (from `Block::Space`).
    pending_space: f32,
    page_break: bool,
    numbered_lists: usize,
    bookmarks: usize,
    /// The text sizes of the tables (half-points), each with its paragraph style.
    table_sizes: Vec<usize>,
}

/// The paragraph style of table text of `half` half-points: single spacing, nothing before or
/// after.
fn table_style(half: usize) -> String {
    format!("TableText{half}")
}

impl Writer {
    fn paragraph(&mut self, p: &Paragraph) -> docx_rs::Paragraph {
        let line = twips(p.style.line_height());
        let spacing = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(line)
            .before(twips(p.space_before + std::mem::take(&mut self.pending_space)).max(0) as u32)
            .after(twips(p.space_after).max(0) as u32);
        let mut out = docx_rs::Paragraph::new();
        for span in &p.spans {
            out = out.add_run(run(&span.text, TextStyle { weight: span.weight, ..p.style }, true));
        }
        let mut out =
            out.align(alignment(p.align)).line_spacing(spacing).keep_next(p.keep_with_next).widow_control(true);
        let mark = p.marker.as_deref().and_then(list_mark);
        match mark {
            Some(ListMark::Bullet(level)) => {
                out = out.numbering(NumberingId::new(BULLETS), IndentLevel::new(level));
            }
            Some(ListMark::Number(n)) => {
                if n == 1 || self.numbered_lists == 0 {
                    self.numbered_lists += 1;
                    let id = FIRST_NUMBERED + self.numbered_lists;
                    self.numberings
                        .push(Numbering::new(id, DECIMAL_LEVELS).add_override(LevelOverride::new(0).start(n)));
                }
                out = out.numbering(NumberingId::new(FIRST_NUMBERED + self.numbered_lists), IndentLevel::new(0));
            }
            None => {}
        }
        let hanging = if mark.is_some() { Some(SpecialIndentType::Hanging(twips(p.style.size))) } else { None };
        let first = if p.first_indent > 0.0 {
            Some(SpecialIndentType::FirstLine(twips(p.first_indent)))
        } else if p.first_indent < 0.0 {
            Some(SpecialIndentType::Hanging(twips(-p.first_indent)))
        } else {
            None
        };
        let left = twips(p.left);
        if left > 0 || first.is_some() || hanging.is_some() {
            out = out.indent(Some(left), hanging.or(first), None, None);
        }
        if std::mem::take(&mut self.page_break) {
            out = out.page_break_before(true);
        }
        out
    }

    fn push_paragraph(&mut self, p: docx_rs::Paragraph) {
        self.parts.push(Part::Paragraph(Box::new(p)));
    }

    fn heading(&mut self, h: &Heading) {
        let style = if h.level <= 1 { "Heading1" } else { "Heading2" };
        let mut p = docx_rs::Paragraph::new().style(style).add_run(Run::new().add_text(&h.text)).keep_next(true);
        if h.in_contents {
            self.bookmarks += 1;
            let id = self.bookmarks;
            p = docx_rs::Paragraph::new()
                .style(style)
                .add_bookmark_start(id, format!("_Toc{id:08}"))
                .add_run(Run::new().add_text(&h.text))
                .add_bookmark_end(id)
                .keep_next(true);
        }
        if std::mem::take(&mut self.page_break) {
            p = p.page_break_before(true);
        }
        self.pending_space = 0.0;
        self.push_paragraph(p);
    }

    fn cell(&mut self, cell: &Cell, width: usize, size: f32, header: bool) -> TableCell {
        // The size and spacing of a cell's text come from its table's paragraph style, so that
        // each of the note's thousand cells carries only its alignment and weight.
        let half = half_points(size);
        if !self.table_sizes.contains(&half) {
            self.table_sizes.push(half);
        }
        let text = run(&cell.text, TextStyle { weight: cell.weight, size, leading: 1.15 }, false);
        let p = docx_rs::Paragraph::new()
            .style(&table_style(half))
            .add_run(text)
            .align(alignment(if cell.align == Align::Justify { Align::Left } else { cell.align }));
        let mut out = TableCell::new().add_paragraph(p).width(width, WidthType::Dxa).vertical_align(VAlignType::Center);
        let fill = cell.fill.or(if header { Some(crate::palette::HEADER) } else { None });
        if let Some(rgb) = fill {
            out = out.shading(Shading::new().shd_type(ShdType::Clear).color("auto").fill(hex(rgb)));
        }
        out
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().sum::<f32>().max(f32::EPSILON);
        let body = BODY_WIDTH_PT * TWIPS;
        let widths: Vec<usize> = t.columns.iter().map(|c| (c / total * body).round() as usize).collect();
        let mut rows = Vec::new();
        if !t.header.is_empty() {
            let cells = t.header.iter().zip(&widths).map(|(c, w)| self.cell(c, *w, t.size, true)).collect();
            rows.push(TableRow::new(cells).cant_split().row_height(HEADER_ROW_MARK));
        }
        for row in &t.rows {
            let cells = row.iter().zip(&widths).map(|(c, w)| self.cell(c, *w, t.size, false)).collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let table = docx_rs::Table::new(rows).set_grid(widths).width(body as usize, WidthType::Dxa);
        self.before_block();
        self.parts.push(Part::Table(Box::new(table)));
        self.spacer(t.space_after);
    }

    /// A page break or pending space before a table or chart goes into an empty paragraph.
    fn before_block(&mut self) {
        if self.page_break || self.pending_space > 0.0 {
            let p = self.paragraph(&Paragraph::plain("", TextStyle::new(Weight::Regular, 2.0), Align::Left));
            self.push_paragraph(p);
        }
    }

    /// An empty paragraph `height` points tall.
    fn spacer(&mut self, height: f32) {
        if height <= 0.0 {
            return;
        }
        let spacing = LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips(height)).before(0).after(0);
        let p = docx_rs::Paragraph::new().add_run(Run::new().size(2)).line_spacing(spacing);
        self.push_paragraph(p);
    }

    /// A chart as a borderless table: the label, then the bar as a picture scaled to the count,
    /// then the count and share — the text stays editable.
    fn chart(&mut self, c: &BarChart) {
        let mut title = Paragraph::plain(c.title.clone(), TextStyle::new(Weight::Bold, 12.0), Align::Centre);
        title.space_before = 8.0;
        title.space_after = 4.0;
        title.keep_with_next = true;
        let p = self.paragraph(&title);
        self.push_paragraph(p);
        let body = BODY_WIDTH_PT;
        let (label_width, bar_area) = (body * 0.42, body * 0.40);
        let label_style = TextStyle::new(Weight::Regular, 11.0);
        let total = c.total.max(1) as f32;
        let mut rows = Vec::new();
        for bar in &c.bars {
            let label =
                docx_rs::Paragraph::new().add_run(run(&bar.label, label_style, true)).align(AlignmentType::Right);
            let mut value = docx_rs::Paragraph::new().keep_next(true);
            if bar.count > 0 {
                let width = (bar_area * bar.count as f32 / total * EMU).round() as u32;
                let pic = Pic::new_with_dimensions(solid_png(bar.fill), 1, 1).size(width.max(1), (12.0 * EMU) as u32);
                value = value.add_run(Run::new().add_image(pic));
            }
            value = value.add_run(run(&format!(" {}", bar.value), label_style, true));
            let no_border = |cell: TableCell| cell.clear_all_border().vertical_align(VAlignType::Center);
            rows.push(
                TableRow::new(vec![
                    no_border(TableCell::new().add_paragraph(label).width(twips(label_width) as usize, WidthType::Dxa)),
                    no_border(
                        TableCell::new().add_paragraph(value).width(twips(body - label_width) as usize, WidthType::Dxa),
                    ),
                ])
                .cant_split(),
            );
        }
        let widths = vec![twips(label_width) as usize, twips(body - label_width) as usize];
        let table = docx_rs::Table::new(rows).set_grid(widths).clear_all_border();
        self.parts.push(Part::Table(Box::new(table)));
        self.spacer(10.0);
    }

    /// The contents as a TOC field over the heading styles, holding the entries with the PDF's
    /// page numbers until Word or LibreOffice updates it.
    fn contents(&mut self, entries: &[ContentsEntry]) {
        let instruction = InstrToC::new().heading_styles_range(1, 2).hyperlink();
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(InstrText::TOC(instruction))
            .add_field_char(FieldCharType::Separate, false);
        let tab = Tab::new().val(TabValueType::Right).leader(TabLeaderType::Dot).pos(twips(BODY_WIDTH_PT) as usize);
        let count = entries.len();
        for (index, entry) in entries.iter().enumerate() {
            let style = if entry.level <= 1 { "TOC1" } else { "TOC2" };
            let mut p = docx_rs::Paragraph::new().style(style).add_tab(tab.clone());
            if index == 0 {
                if std::mem::take(&mut self.page_break) {
                    p = p.page_break_before(true);
                }
                p = p.add_run(begin.clone());
            }
            let page = entry.page.map(|p| p.to_string()).unwrap_or_default();
            p = p.add_run(Run::new().add_text(&entry.text)).add_run(Run::new().add_tab().add_text(page));
            if index + 1 == count {
                p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
            }
            self.push_paragraph(p);
        }
    }
}

/// Width of the text column in points: A4 less the margins of ГОСТ Р 7.0.97 (30 + 10 mm).
const BODY_WIDTH_PT: f32 = (210.0 - 40.0) * 72.0 / 25.4;

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize, align: AlignmentType| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(28)
            .fonts(fonts())
            .align(align)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    let toc = |id: &str, name: &str, left: i32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .fonts(fonts())
            .size(28)
            .align(AlignmentType::Left)
            .indent(Some(left), None, None, None)
            .line_spacing(LineSpacing::new().before(0).after(60))
    };
    docx.add_style(heading("Heading1", "heading 1", 0, AlignmentType::Center))
        .add_style(heading("Heading2", "heading 2", 1, AlignmentType::Both))
        .add_style(toc("TOC1", "toc 1", 0))
        .add_style(toc("TOC2", "toc 2", 300))
}

fn numberings(docx: Docx) -> Docx {
    let indent = |level: usize| Some(twips(35.4 + level as f32 * 28.0));
    let bullet = |level: usize, text: &str| {
        Level::new(level, Start::new(1), NumberFormat::new("bullet"), LevelText::new(text), LevelJc::new("left"))
            .indent(indent(level), Some(SpecialIndentType::Hanging(280)), None, None)
    };
    let decimal =
        Level::new(0, Start::new(1), NumberFormat::new("decimal"), LevelText::new("%1."), LevelJc::new("left")).indent(
            indent(0),
            Some(SpecialIndentType::Hanging(420)),
            None,
            None,
        );
    docx.add_abstract_numbering(
        AbstractNumbering::new(BULLET_LEVELS).add_level(bullet(0, "–")).add_level(bullet(1, "•")),
    )
    .add_numbering(Numbering::new(BULLETS, BULLET_LEVELS))
    .add_abstract_numbering(AbstractNumbering::new(DECIMAL_LEVELS).add_level(decimal))
}

/// Writes the blocks as a DOCX package.
pub fn write(blocks: &[Block], meta: &DocxMeta<'_>) -> Result<Vec<u8>, ReportError> {
    let page_number = Header::new()
        .add_paragraph(docx_rs::Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()).size(24));
    let created = chrono::DateTime::from_timestamp(meta.created_unix, 0).unwrap_or_default();
    let docx = Docx::new()
        .page_size(11_906, 16_838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1701).right(567).header(567).footer(567))
        .default_fonts(fonts())
        .default_size(28)
        .header(page_number)
        .first_header(Header::new())
        .created_at(&created.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .updated_at(&created.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let mut w = Writer {
        parts: Vec::new(),
        numberings: Vec::new(),
        pending_space: 0.0,
        page_break: false,
        numbered_lists: 0,
        bookmarks: 0,
        table_sizes: Vec::new(),
    };
    let mut previous: Option<&Block> = None;
    for block in blocks {
        match block {
            Block::Heading(h) => w.heading(h),
            Block::Paragraph(p) => {
                let p = w.paragraph(p);
                w.push_paragraph(p);
            }
            // A frame anchored to the foot of the page (the city and year of the title page).
            Block::AtFoot(p) => {
                let p = w
                    .paragraph(p)
                    .wrap("around")
                    .v_anchor("margin")
                    .y_align("bottom")
                    .h_anchor("margin")
                    .x_align("center")
                    .frame_width(twips(BODY_WIDTH_PT) as u32);
                w.push_paragraph(p);
            }
            Block::Table(t) => w.table(t),
            Block::Chart(c) => w.chart(c),
            Block::Contents(entries) => w.contents(entries),
            Block::Space(h) => w.pending_space += h,
            Block::PageBreak => {
                if matches!(previous, Some(Block::AtFoot(_))) {
                    // A frame belongs to the paragraph after it: keep that one on this page.
                    let p = docx_rs::Paragraph::new().add_run(Run::new().add_break(BreakType::Page));
                    w.push_paragraph(p);
                } else {
                    w.page_break = true;
                }
                w.pending_space = 0.0;
            }
        }
        previous = Some(block);
    }
    let mut docx = numberings(styles(docx));
    for half in &w.table_sizes {
        let spacing = LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0);
        let name = table_style(*half);
        let style =
            Style::new(&name, StyleType::Paragraph).name(&name).based_on("Normal").size(*half).line_spacing(spacing);
        docx = docx.add_style(style);
    }
    for numbering in w.numberings {
        docx = docx.add_numbering(numbering);
    }
    for part in w.parts {
        docx = match part {
            Part::Paragraph(p) => docx.add_paragraph(*p),
            Part::Table(t) => docx.add_table(*t),
        };
    }
    let mut xml = docx.build();
    finish(&mut xml, meta);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(|e| ReportError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// What docx-rs cannot say: header rows repeated on every page, automatic hyphenation, fields
/// refreshed on opening, the Russian language of the text, and the title and author.
fn finish(xml: &mut docx_rs::XMLDocx, meta: &DocxMeta<'_>) {
    let replace = |bytes: &mut Vec<u8>, from: &str, to: &str| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            *bytes = text.replace(from, to).into_bytes();
        }
    };
    let mark = format!(r#"<w:trHeight w:val="{HEADER_ROW_MARK}" w:hRule="atLeast" />"#);
    replace(&mut xml.document, &mark, "<w:tblHeader />");
    replace(&mut xml.settings, "<w:zoom ", "<w:autoHyphenation /><w:zoom ");
    // Word refreshes the contents field (its page numbers) when the file is opened.
    replace(&mut xml.settings, "<w:compat>", r#"<w:updateFields w:val="true" /><w:compat>"#);
    replace(&mut xml.styles, "<w:rPrDefault><w:rPr>", r#"<w:rPrDefault><w:rPr><w:lang w:val="ru-RU" />"#);
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let (title, author) = (escape(meta.title), escape(meta.author));
    replace(&mut xml.doc_props.core, "<dcterms:created", &format!("<dc:title>{title}</dc:title><dcterms:created"));
    replace(&mut xml.doc_props.core, "<dc:creator>unknown</dc:creator>", &format!("<dc:creator>{author}</dc:creator>"));
    replace(&mut xml.doc_props.core, "<cp:lastModifiedBy>unknown", &format!("<cp:lastModifiedBy>{author}"));
}

/// A one-pixel PNG of a colour (stretched to a bar by its picture size).
fn solid_png(rgb: Rgb) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(out.get(start..).unwrap_or_default());
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    // 1×1, 8 bits per sample, truecolour.
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    let raw = [0, rgb.r, rgb.g, rgb.b];
    // zlib stream with one stored block.
    let mut zlib = vec![0x78, 0x01, 0x01, raw.len() as u8, 0, !(raw.len() as u8), 0xFF];
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let png = solid_png(Rgb::new(1, 2, 3));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn list_markers_map_to_numbering() {
        assert!(matches!(list_mark("–"), Some(ListMark::Bullet(0))));
        assert!(matches!(list_mark("•"), Some(ListMark::Bullet(1))));
        assert!(matches!(list_mark("12."), Some(ListMark::Number(12))));
        assert!(list_mark("x").is_none());
    }
}
