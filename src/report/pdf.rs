//! Drawing laid-out pages with printpdf: the embedded Liberation Serif faces, their advance
//! widths for [`Measure`], and the conversion of [`Item`]s into PDF operators.

use super::ReportError;
use super::layout::{Item, Layout, Measure, PageGeometry, Weight};
use crate::palette::{self, Rgb};
use printpdf::{
    Actions, BorderArray, Color, Destination, FontId, LinkAnnotation, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, Rect, TextItem, TextMatrix,
};
use std::collections::HashMap;
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");

/// Characters whose advances are kept in a table: Latin, Cyrillic and general punctuation
/// cover every character the note prints; anything else is looked up in the font.
const TABLE_END: usize = 0x2200;

/// Within the table, the characters looked up when the face is read: Basic Latin and Latin-1,
/// Cyrillic, general punctuation (dashes, quotes, the ellipsis, no-break spaces), «№».
const TABLE_BLOCKS: [std::ops::Range<usize>; 4] = [0..0x180, 0x400..0x460, 0x2000..0x2070, 0x2100..0x2130];

/// One face with its advance widths in ems.
pub struct Face {
    font: ParsedFont,
    advances: Vec<f32>,
    per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Result<Face, ReportError> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| ReportError::Font(format!("шрифт {name} не читается")))?;
        let per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let mut face = Face { font, advances: Vec::new(), per_em };
        // Only the blocks the note prints are looked up now (each look-up walks the cmap and a
        // process draws one note); the rest of the table is filled in as NaN, «not looked up».
        face.advances = (0..TABLE_END)
            .map(|code| match char::from_u32(code as u32) {
                Some(c) if TABLE_BLOCKS.iter().any(|b| b.contains(&code)) => face.lookup(c),
                Some(_) => f32::NAN,
                None => 0.0,
            })
            .collect();
        Ok(face)
    }

    fn lookup(&self, c: char) -> f32 {
        // Characters missing from the font render as .notdef, whose advance is that of glyph 0.
        let glyph = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(glyph)) / self.per_em
    }

    /// Advance of `c` in ems.
    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(width) if !width.is_nan() => *width,
            _ => self.lookup(c),
        }
    }

    fn width_em(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }
}

/// The regular and bold faces of the note.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// The embedded faces, parsed once per process.
    pub fn get() -> Result<&'static Fonts, ReportError> {
        static FONTS: OnceLock<Result<Fonts, ReportError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Face::parse(REGULAR, "LiberationSerif-Regular")?,
                    bold: Face::parse(BOLD, "LiberationSerif-Bold")?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

impl Measure for Fonts {
    fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        self.face(weight).width_em(text) * size
    }
}

/// Document metadata written into the PDF.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// Seconds since 1970 (the creation date; printpdf would otherwise write 1970).
    pub created_unix: i64,
}

fn colour(rgb: Rgb) -> Color {
    let [r, g, b] = rgb.fractions();
    Color::Rgb(printpdf::Rgb::new(r, g, b, None))
}

/// Converts one laid-out page into PDF operators.
fn page_ops(items: &[Item], g: PageGeometry, font_ids: &HashMap<Weight, FontId>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 3);
    let mut fill: Option<Rgb> = None;
    let mut set_fill = |ops: &mut Vec<Op>, rgb: Rgb| {
        if fill != Some(rgb) {
            ops.push(Op::SetFillColor { col: colour(rgb) });
            fill = Some(rgb);
        }
    };
    // Shapes first, so fills never cover text.
    ops.push(Op::SetOutlineColor { col: colour(palette::INK) });
    let mut line_width = None;
    for item in items {
        match item {
            Item::Fill { x, y, width, height, colour: rgb } => {
                set_fill(&mut ops, *rgb);
                ops.push(Op::DrawRectangle { rectangle: rect(*x, *y, *width, *height, g, PaintMode::Fill) });
            }
            Item::Frame { x, y, width, height, line } => {
                if line_width != Some(*line) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*line) });
                    line_width = Some(*line);
                }
                ops.push(Op::DrawRectangle { rectangle: rect(*x, *y, *width, *height, g, PaintMode::Stroke) });
            }
            Item::Link { x, y, width, height, page } => {
                let area = Rect { mode: None, ..rect(*x, *y, *width, *height, g, PaintMode::Fill) };
                let target = Destination::Xyz { page: *page, left: None, top: None, zoom: None };
                let hidden = Some(BorderArray::Solid([0.0, 0.0, 0.0]));
                let link = LinkAnnotation::new(area, Actions::Goto(target), hidden, None, None);
                ops.push(Op::LinkAnnotation { link });
            }
            Item::Text(_) => {}
        }
    }
    set_fill(&mut ops, palette::INK);
    ops.push(Op::StartTextSection);
    let mut current: Option<(Weight, f32)> = None;
    for item in items {
        let Item::Text(run) = item else { continue };
        let Some(font) = font_ids.get(&run.weight) else { continue };
        if current != Some((run.weight, run.size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(run.size) });
            current = Some((run.weight, run.size));
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(run.x), Pt(g.height - run.y)) });
        ops.push(Op::ShowText { items: text_items(&run.text, run.word_extra, run.size) });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A line as TJ items: justification adds `word_extra` after every space as a glyph offset
/// (word spacing `Tw` does not apply to the two-byte codes of an embedded font).
fn text_items(text: &str, word_extra: f32, size: f32) -> Vec<TextItem> {
    if word_extra.abs() < 0.001 {
        return vec![TextItem::Text(text.to_string())];
    }
    let offset = -word_extra * 1000.0 / size;
    let mut items = Vec::new();
    let mut parts = text.split(' ').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_some() {
            items.push(TextItem::Text(format!("{part} ")));
            items.push(TextItem::Offset(offset));
        } else if !part.is_empty() {
            items.push(TextItem::Text(part.to_string()));
        }
    }
    items
}

fn rect(x: f32, top: f32, width: f32, height: f32, g: PageGeometry, mode: PaintMode) -> Rect {
    Rect {
        x: Pt(x),
        y: Pt(g.height - top - height),
        width: Pt(width),
        height: Pt(height),
        mode: Some(mode),
        winding_order: None,
    }
}

/// Writes the laid-out pages as a PDF with both faces embedded (subset, with a ToUnicode map,
/// so the text copies out) and an outline of the headings.
pub fn write(layout: &Layout, g: PageGeometry, meta: &Metadata<'_>, fonts: &Fonts) -> Vec<u8> {
    let mut doc = PdfDocument::new(meta.title);
    doc.metadata.info.author = meta.author.to_string();
    doc.metadata.info.creator = "mms-monitor".to_string();
    doc.metadata.info.producer = format!("mms-monitor {}", env!("CARGO_PKG_VERSION"));
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(meta.created_unix) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    let mut font_ids = HashMap::new();
    font_ids.insert(Weight::Regular, doc.add_font(&fonts.regular.font));
    font_ids.insert(Weight::Bold, doc.add_font(&fonts.bold.font));
    let (width, height) = (Mm(g.width / super::layout::PT_PER_MM), Mm(g.height / super::layout::PT_PER_MM));
    let pages: Vec<PdfPage> =
        layout.pages.iter().map(|p| PdfPage::new(width, height, page_ops(&p.items, g, &font_ids))).collect();
    doc.with_pages(pages);
    for heading in layout.headings.iter().filter(|h| h.in_contents) {
        doc.add_bookmark(&heading.text, heading.page);
    }
    let mut warnings = Vec::new();
    // printpdf's own save compresses every stream at deflate's slowest level (a quarter of
    // the whole run); the lopdf document is compressed here at the fast level instead, and
    // the empty `/GTS_PDFXVersion` printpdf writes (readers then call the file PDF/X) is
    // dropped from the document info.
    let options = PdfSaveOptions { optimize: false, ..PdfSaveOptions::default() };
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    if let Ok(info) = lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference)
        && let Ok(dict) = lo.get_dictionary_mut(info)
    {
        dict.remove(b"GTS_PDFXVersion");
    }
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            compress_fast(stream);
        }
    }
    let mut bytes = Vec::new();
    if lo.save_to(&mut bytes).is_err() {
        // Writing into memory does not fail; fall back to printpdf's own writer all the same.
        bytes = doc.save(&PdfSaveOptions::default(), &mut warnings);
        blank_pdfx_version(&mut bytes);
    }
    bytes
}

/// Deflates a stream that has no filter yet, if that makes it smaller.
fn compress_fast(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    let Ok(compressed) = encoder.finish() else { return };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

/// printpdf always writes `/GTS_PDFXVersion` into the document info, empty for a plain PDF,
/// and readers then call the file PDF/X. The key and its value are overwritten with spaces,
/// which keeps every byte offset of the file valid.
fn blank_pdfx_version(bytes: &mut [u8]) {
    const KEY: &[u8] = b"/GTS_PDFXVersion";
    let Some(start) = bytes.windows(KEY.len()).position(|w| w == KEY) else { return };
    let after = start + KEY.len();
    let rest = bytes.get(after..).unwrap_or_default();
    // The value: an optional space and a literal string without nested brackets.
    let Some(open) = rest.iter().position(|b| !b.is_ascii_whitespace()) else { return };
    if rest.get(open) != Some(&b'(') {
        return;
    }
    let Some(close) = rest.iter().skip(open).position(|b| *b == b')') else { return };
    let end = after + open + close + 1;
    if let Some(span) = bytes.get_mut(start..end) {
        span.fill(b' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_match_liberation_serif() {
        let fonts = Fonts::get().unwrap();
        // Times-compatible metrics: a space is 0.25 em, "М" 0.889 em, bold "А" 0.722 em.
        assert!((fonts.width(" ", Weight::Regular, 14.0) - 3.5).abs() < 0.01);
        assert!((fonts.width("М", Weight::Regular, 10.0) - 8.89).abs() < 0.01);
        assert!((fonts.width("А", Weight::Bold, 10.0) - 7.22).abs() < 0.01);
        assert!(fonts.width("Приморье", Weight::Bold, 14.0) > fonts.width("Приморье", Weight::Regular, 14.0));
    }

    #[test]
    fn the_pdfx_version_is_blanked_in_place() {
        let mut bytes = b"<</Trapped/False/GTS_PDFXVersion()/Title(x)>>".to_vec();
        let length = bytes.len();
        blank_pdfx_version(&mut bytes);
        assert_eq!(bytes.len(), length);
        assert_eq!(String::from_utf8(bytes).unwrap(), "<</Trapped/False                  /Title(x)>>");
    }

    #[test]
    fn justified_text_becomes_offsets_after_spaces() {
        let items = text_items("а б в", 1.4, 14.0);
        assert_eq!(items.len(), 5);
        assert_eq!(items[0], TextItem::Text("а ".into()));
        assert_eq!(items[1], TextItem::Offset(-100.0));
        assert_eq!(items[4], TextItem::Text("в".into()));
        assert_eq!(text_items("а б", 0.0, 14.0), [TextItem::Text("а б".into())]);
    }
}
