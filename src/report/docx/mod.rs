//! The note as DOCX for finishing in Word or LibreOffice: the same document tree as the PDF,
//! drawn with Word's own structures — heading styles (so Word's contents and navigation work),
//! a contents field, numbered and bulleted lists, tables with shaded cells and repeated header
//! rows, the charts' bars as images, page numbers in the header from page 2.
//!
//! The body (`word/document.xml`, nearly all of the file) is written by [`body`] straight from
//! the tree; docx-rs writes the small package parts around it (styles, numbering, headers,
//! settings, properties, relationships) and packs the archive. What docx-rs cannot say in those
//! parts is added by [`finish`].

mod body;

use super::ReportError;
use super::doc::Block;
use crate::palette::Rgb;
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Header, Level, LevelJc, LevelOverride, LevelText, LineSpacing,
    LineSpacingType, NumberFormat, Numbering, PageNum, RunFonts, SpecialIndentType, Start, Style, StyleType,
};

const FONT: &str = "Liberation Serif";
/// Twips (twentieths of a point) in a point.
const TWIPS: f32 = 20.0;
/// English Metric Units in a point (picture sizes).
const EMU: f32 = 12_700.0;
/// Numbering ids clear of the default numbering docx-rs writes (id 1).
const BULLETS: usize = 20;
const BULLET_LEVELS: usize = 20;
const DECIMAL_LEVELS: usize = 21;
/// Numbered lists restart at 1: each gets its own numbering instance from this id on.
const FIRST_NUMBERED: usize = 30;
/// The relationships of the page-number header and of the title page's empty one: docx-rs
/// names headers `rIdHeader{n}` in the order they are added ([`package`]).
const HEADER_DEFAULT: &str = "rIdHeader1";
const HEADER_FIRST: &str = "rIdHeader2";

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

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
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

/// Writes the blocks as a DOCX package; the contents carry the pages their entries hold.
pub fn write(blocks: &[Block], meta: &DocxMeta<'_>) -> Result<Vec<u8>, ReportError> {
    write_with_pages(blocks, meta, || Ok(Vec::new()))
}

/// Writes the blocks as a DOCX package; entry `i` of the contents carries page
/// `contents_pages()[i]` (or its own page when there is none). `contents_pages` runs on a
/// second thread while the body and the other parts are written.
pub fn write_with_pages<F>(blocks: &[Block], meta: &DocxMeta<'_>, contents_pages: F) -> Result<Vec<u8>, ReportError>
where
    F: FnOnce() -> Result<Vec<usize>, ReportError> + Send,
{
    let has_contents = blocks.iter().any(|b| matches!(b, Block::Contents(entries) if !entries.is_empty()));
    std::thread::scope(|scope| {
        let pages = if has_contents {
            // The main thread's stack size: the layout runs there for the PDF.
            let worker = std::thread::Builder::new().name("docx-contents".into()).stack_size(8 << 20);
            let spawned = worker.spawn_scoped(scope, contents_pages);
            let no_thread = |e: std::io::Error| {
                ReportError::Docx(format!("не удалось запустить разметку оглавления: {}", crate::files::describe(&e)))
            };
            Some(spawned.map_err(no_thread)?)
        } else {
            None
        };
        let body = body::Body::write(blocks);
        let mut xml = package(&body, meta).build();
        let pages = match pages {
            Some(worker) => {
                worker.join().map_err(|_| ReportError::Docx("не удалось разметить страницы оглавления".into()))??
            }
            None => Vec::new(),
        };
        add_bars(&mut xml, &body.bars);
        xml.document = body.finish(&pages).into_bytes();
        finish(&mut xml, meta);
        let size = xml.document.len() + xml.styles.len() + xml.numberings.len() + 64 * 1024;
        let mut bytes = std::io::Cursor::new(Vec::with_capacity(size));
        xml.pack(&mut bytes).map_err(|e| ReportError::Docx(e.to_string()))?;
        Ok(bytes.into_inner())
    })
}

/// Every part but the body, written by docx-rs: styles (with a paragraph style per table text
/// size), numbering (an instance per numbered list), the page-number headers, settings, fonts,
/// document properties, content types and relationships.
fn package(body: &body::Body<'_>, meta: &DocxMeta<'_>) -> Docx {
    let page_number = Header::new()
        .add_paragraph(docx_rs::Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()).size(24));
    let created = chrono::DateTime::from_timestamp(meta.created_unix, 0).unwrap_or_default();
    let created = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    // The body refers to these headers as HEADER_DEFAULT and HEADER_FIRST.
    let docx = Docx::new()
        .default_fonts(fonts())
        .default_size(28)
        .header(page_number)
        .first_header(Header::new())
        .created_at(&created)
        .updated_at(&created);
    let mut docx = numberings(styles(docx));
    for half in &body.table_sizes {
        let spacing = LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0);
        let name = body::table_style(*half);
        let style =
            Style::new(&name, StyleType::Paragraph).name(&name).based_on("Normal").size(*half).line_spacing(spacing);
        docx = docx.add_style(style);
    }
    // docx-rs links numbering.xml when a paragraph it writes is numbered; Word Online refuses
    // the link without a numbered paragraph.
    docx.document_rels.has_numberings = body.lists;
    for (id, start) in &body.numbered {
        docx =
            docx.add_numbering(Numbering::new(*id, DECIMAL_LEVELS).add_override(LevelOverride::new(0).start(*start)));
    }
    docx
}

/// The bars' pictures: one PNG per colour in `word/media/` and its relationship from the body.
fn add_bars(xml: &mut docx_rs::XMLDocx, bars: &[Rgb]) {
    let mut relationships = String::new();
    for (index, rgb) in bars.iter().enumerate() {
        let (id, name) = body::bar_media(index + 1);
        relationships.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{name}.png"/>"#
        ));
        xml.media.push((name, solid_png(*rgb)));
    }
    if let Ok(rels) = std::str::from_utf8(&xml.document_rels) {
        xml.document_rels =
            rels.replacen("</Relationships>", &format!("{relationships}</Relationships>"), 1).into_bytes();
    }
}

/// What docx-rs cannot say: automatic hyphenation, fields refreshed on opening, the Russian
/// language of the text, and the title and author.
fn finish(xml: &mut docx_rs::XMLDocx, meta: &DocxMeta<'_>) {
    let replace = |bytes: &mut Vec<u8>, from: &str, to: &str| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            *bytes = text.replace(from, to).into_bytes();
        }
    };
    replace(&mut xml.settings, "<w:zoom ", "<w:autoHyphenation /><w:zoom ");
    // Word refreshes the contents field (its page numbers) when the file is opened.
    replace(&mut xml.settings, "<w:compat>", r#"<w:updateFields w:val="true" /><w:compat>"#);
    replace(&mut xml.styles, "<w:rPrDefault><w:rPr>", r#"<w:rPrDefault><w:rPr><w:lang w:val="ru-RU" />"#);
    let escape = |s: &str| {
        let mut out = String::with_capacity(s.len());
        body::escape_into(&mut out, s);
        out
    };
    let (title, author) = (escape(meta.title), escape(meta.author));
    replace(&mut xml.doc_props.core, "<dcterms:created", &format!("<dc:title>{title}</dc:title><dcterms:created"));
    replace(&mut xml.doc_props.core, "<dc:creator>unknown</dc:creator>", &format!("<dc:creator>{author}</dc:creator>"));
    replace(&mut xml.doc_props.core, "<cp:lastModifiedBy>unknown", &format!("<cp:lastModifiedBy>{author}"));
}

/// A one-pixel PNG of a colour (stretched to a bar by its picture size); its checksums and
/// zlib stream by flate2.
fn solid_png(rgb: Rgb) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    // 1×1, 8 bits per sample, truecolour.
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    // The one row: filter type 0, then the pixel. Compressing into memory does not fail.
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = std::io::Write::write_all(&mut zlib, &[0, rgb.r, rgb.g, rgb.b]);
    chunk(&mut out, b"IDAT", &zlib.finish().unwrap_or_default());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_a_png_of_one_pixel_of_its_colour() {
        let png = solid_png(Rgb::new(1, 2, 3));
        // The IEND chunk's CRC is the known AE426082.
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
        let (length, data) = (u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize, &png[41..]);
        assert_eq!(&png[37..41], b"IDAT");
        let mut row = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&data[..length]), &mut row).unwrap();
        assert_eq!(row, [0, 1, 2, 3]);
        let mut crc = flate2::Crc::new();
        crc.update(&png[37..41 + length]);
        assert_eq!(png[41 + length..45 + length], crc.sum().to_be_bytes());
    }

    /// Every relationship the body names is in `document.xml.rels`, and its part is in the
    /// archive: the headers, the numbering and each bar's picture.
    #[test]
    fn the_body_names_only_parts_that_are_in_the_package() {
        let blocks = crate::report::sample_blocks();
        let meta = DocxMeta { title: "Справка", author: "ИРО", created_unix: 0 };
        let bytes = write_with_pages(&blocks, &meta, || Ok(vec![7; 40])).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut bytes).unwrap();
            bytes
        };
        let document = String::from_utf8(read("word/document.xml")).unwrap();
        let rels = String::from_utf8(read("word/_rels/document.xml.rels")).unwrap();
        let mut named: Vec<&str> = document.split(r#"r:id=""#).chain(document.split(r#"r:embed=""#)).skip(1).collect();
        named.retain(|rest| !rest.starts_with('<'));
        let ids: std::collections::BTreeSet<&str> =
            named.iter().filter_map(|rest| rest.split('"').next()).filter(|id| !id.is_empty()).collect();
        assert!(ids.len() >= 2 + 3, "the headers and the bars' colours: {ids:?}");
        for id in ids {
            let at = rels.find(&format!(r#"Id="{id}""#)).unwrap_or_else(|| panic!("{id} in {rels}"));
            let target = rels[at..].split(r#"Target=""#).nth(1).and_then(|t| t.split('"').next()).unwrap();
            assert!(!read(&format!("word/{target}")).is_empty(), "{target}");
        }
        assert!(rels.contains("numbering.xml"), "lists need the numbering: {rels}");
        // The contents carry the pages given.
        assert!(document.contains(r#"<w:tab/><w:t xml:space="preserve">7</w:t>"#));
    }

    #[test]
    fn list_markers_map_to_numbering() {
        use body::{ListMark, list_mark};
        assert_eq!(list_mark("–"), Some(ListMark::Bullet(0)));
        assert_eq!(list_mark("•"), Some(ListMark::Bullet(1)));
        assert_eq!(list_mark("12."), Some(ListMark::Number(12)));
        assert!(list_mark("x").is_none());
    }
}
