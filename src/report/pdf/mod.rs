//! Drawing laid-out pages as a PDF (pdf-writer, Typst's PDF writer): the embedded Liberation Serif
//! faces, their advance widths for [`Measure`], their subsets (subsetter), and the conversion of
//! [`Item`]s into PDF operators.

use super::ReportError;
use super::layout::{Item, Layout, Measure, PageGeometry, Weight};
use pdf_writer::Finish;
use read_fonts::tables::cmap::CmapSubtable;
use read_fonts::tables::hmtx::Hmtx;
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

mod content;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");

/// Characters whose advances are kept in a table: Latin, Cyrillic and general punctuation
/// cover every character the note prints; anything else is looked up in the font.
const TABLE_END: usize = 0x2200;

/// Within the table, the characters looked up when the face is read: Basic Latin and Latin-1,
/// Cyrillic, general punctuation (dashes, quotes, the ellipsis, no-break spaces), «№».
const TABLE_BLOCKS: [std::ops::Range<usize>; 4] = [0..0x180, 0x400..0x460, 0x2000..0x2070, 0x2100..0x2130];

/// One face with its glyph ids and advance widths in ems, read in place from the embedded
/// bytes (read-fonts, no copy).
pub struct Face {
    bytes: &'static [u8],
    cmap: CmapSubtable<'static>,
    hmtx: Hmtx<'static>,
    /// Glyph id of each character below [`TABLE_END`] in [`TABLE_BLOCKS`].
    glyphs: Vec<u16>,
    advances: Vec<f32>,
    per_em: f32,
    /// The bounding box (x and y minimum, x and y maximum), ascender and descender, in font units.
    bbox: [i16; 4],
    ascender: i16,
    descender: i16,
}

impl Face {
    fn parse(bytes: &'static [u8], name: &'static str) -> Result<Face, ReportError> {
        let unreadable = || ReportError::Font(format!("шрифт {name} не читается"));
        let font = FontRef::new(bytes).map_err(|_| unreadable())?;
        let (head, hhea) = (font.head().map_err(|_| unreadable())?, font.hhea().map_err(|_| unreadable())?);
        let cmap = font.cmap().ok().and_then(|cmap| cmap.best_subtable()).ok_or_else(unreadable)?.2;
        let mut face = Face {
            bytes,
            cmap,
            hmtx: font.hmtx().map_err(|_| unreadable())?,
            glyphs: Vec::new(),
            advances: Vec::new(),
            per_em: f32::from(head.units_per_em().max(1)),
            bbox: [head.x_min(), head.y_min(), head.x_max(), head.y_max()],
            ascender: hhea.ascender().to_i16(),
            descender: hhea.descender().to_i16(),
        };
        // Only the blocks the note prints are looked up now; the rest of the table is filled
        // in as NaN, «not looked up».
        let (glyphs, advances) = (0..TABLE_END)
            .map(|code| match char::from_u32(code as u32) {
                Some(c) if TABLE_BLOCKS.iter().any(|b| b.contains(&code)) => {
                    let glyph = face.lookup_glyph(c);
                    (glyph, face.glyph_advance(glyph))
                }
                Some(_) => (0, f32::NAN),
                None => (0, 0.0),
            })
            .unzip();
        face.glyphs = glyphs;
        face.advances = advances;
        Ok(face)
    }

    /// Characters missing from the font render as .notdef, glyph 0.
    fn lookup_glyph(&self, c: char) -> u16 {
        self.cmap.map_codepoint(c).and_then(|glyph| u16::try_from(glyph.to_u32()).ok()).unwrap_or(0)
    }

    /// Advance of a glyph in font units.
    fn units(&self, glyph: u16) -> u16 {
        self.hmtx.advance(GlyphId::new(u32::from(glyph))).unwrap_or(0)
    }

    fn glyph_advance(&self, glyph: u16) -> f32 {
        f32::from(self.units(glyph)) / self.per_em
    }

    /// Glyph id of `c`.
    fn glyph(&self, c: char) -> u16 {
        match self.advances.get(c as usize) {
            Some(width) if !width.is_nan() => self.glyphs.get(c as usize).copied().unwrap_or(0),
            _ => self.lookup_glyph(c),
        }
    }

    /// Advance of `c` in ems.
    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(width) if !width.is_nan() => *width,
            _ => self.glyph_advance(self.lookup_glyph(c)),
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
    /// Seconds since 1970 (the creation date).
    pub created_unix: i64,
}

/// One face as embedded: its subset and each original glyph's id in it.
struct Embedded<'f> {
    face: &'f Face,
    weight: Weight,
    /// The subset's bytes (or, if subsetting failed, the whole font).
    bytes: std::borrow::Cow<'f, [u8]>,
    /// Original glyph id → (glyph id in `bytes`, the text it stands for).
    mapping: BTreeMap<u16, (u16, String)>,
    /// The glyph id in `bytes` of each character below [`TABLE_END`] (0 if not printed).
    table: Vec<u16>,
}

impl Embedded<'_> {
    /// The subset of `face` with the `used` glyphs. subsetter numbers them 1, 2, … in the order
    /// they are given (.notdef stays 0) and the components of composite glyphs after them; it
    /// reads the face in place.
    fn new<'f>(face: &'f Face, weight: Weight, used: &BTreeMap<u16, String>) -> Embedded<'f> {
        let mut remapper = subsetter::GlyphRemapper::new();
        let renumbered = used.iter().map(|(old, text)| (*old, (remapper.remap(*old), text.clone()))).collect();
        let (bytes, mapping) = match subsetter::subset(face.bytes, 0, &remapper) {
            Ok(subset) => (subset.into(), renumbered),
            // A face that cannot be read or subset is embedded whole, with its own glyph ids.
            Err(_) => (face.bytes.into(), used.iter().map(|(glyph, text)| (*glyph, (*glyph, text.clone()))).collect()),
        };
        let mut embedded = Embedded { face, weight, bytes, mapping, table: vec![0; TABLE_END] };
        for (_, (new, text)) in embedded.mapping.iter() {
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(slot) = embedded.table.get_mut(c as usize)
            {
                *slot = *new;
            }
        }
        embedded
    }

    /// The glyph id in the embedded font of `c`.
    fn glyph(&self, c: char) -> u16 {
        match self.table.get(c as usize) {
            Some(glyph) if *glyph != 0 => *glyph,
            _ => self.mapping.get(&self.face.glyph(c)).map_or(0, |(new, _)| *new),
        }
    }
}

/// The embedded faces by weight (regular, bold).
struct SubsetGlyphs<'a, 'f>([Option<&'a Embedded<'f>>; 2]);

impl<'a, 'f> SubsetGlyphs<'a, 'f> {
    fn of(embedded: &'a [Embedded<'f>]) -> Self {
        let face = |weight| embedded.iter().find(|e| e.weight == weight);
        SubsetGlyphs([face(Weight::Regular), face(Weight::Bold)])
    }
}

impl content::Glyphs for SubsetGlyphs<'_, '_> {
    fn glyph(&self, weight: Weight, c: char) -> u16 {
        self.0[usize::from(weight == Weight::Bold)].map_or(0, |e| e.glyph(c))
    }
}

/// Subset tags (six capitals and «+», as PDF names subset fonts) and base names of the faces.
fn font_name(weight: Weight) -> &'static str {
    match weight {
        Weight::Regular => "MMSREG+LiberationSerif",
        Weight::Bold => "MMSBLD+LiberationSerif-Bold",
    }
}

/// Writes the laid-out pages as a PDF with both faces embedded (subset, with a ToUnicode map,
/// so the text copies out), links of the contents and an outline of the headings. The content
/// streams are written directly from the layout ([`content::page`]); subsetter makes the
/// faces' subsets.
pub fn write(layout: &Layout, g: PageGeometry, meta: &Metadata<'_>, fonts: &Fonts) -> Vec<u8> {
    // The characters each face prints (a flag per character of the table, a set for the rest),
    // then their glyphs, each with the text it stands for.
    let mut printed: [(Vec<bool>, BTreeSet<char>); 2] = Default::default();
    for set in &mut printed {
        set.0 = vec![false; TABLE_END];
    }
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        let Item::Text(run) = item else { continue };
        let (flags, others) = &mut printed[usize::from(run.weight == Weight::Bold)];
        for c in run.text.chars() {
            match flags.get_mut(c as usize) {
                Some(flag) => *flag = true,
                None => {
                    others.insert(c);
                }
            }
        }
    }
    let mut used: [BTreeMap<u16, String>; 2] = Default::default();
    for ((face, glyphs), (flags, others)) in [&fonts.regular, &fonts.bold].into_iter().zip(&mut used).zip(&printed) {
        let table = flags.iter().enumerate().filter(|(_, on)| **on).filter_map(|(code, _)| char::from_u32(code as u32));
        for c in table.chain(others.iter().copied()) {
            glyphs.entry(face.glyph(c)).or_insert_with(|| c.to_string());
        }
    }
    let faces = [(&fonts.regular, Weight::Regular), (&fonts.bold, Weight::Bold)];
    let embedded: Vec<Embedded<'_>> = faces
        .into_iter()
        .zip(&used)
        .filter(|(_, glyphs)| !glyphs.is_empty())
        .map(|((face, weight), glyphs)| Embedded::new(face, weight, glyphs))
        .collect();

    // Objects are numbered as they are written; the page ids are known before the pages are,
    // for the contents' links and the outline.
    let mut next = pdf_writer::Ref::new(1);
    let mut id = move || next.bump();
    let (catalog_id, pages_id, resources_id) = (id(), id(), id());
    let page_ids: Vec<pdf_writer::Ref> = layout.pages.iter().map(|_| id()).collect();
    // The file is its streams and some hundred bytes per other object: sized so, it is written
    // without growing (the compressed subsets, and a page's compressed content with its
    // objects is 2–4 KB).
    let fonts_size: usize = embedded.iter().map(|e| e.bytes.len() / 2 + 8192).sum();
    let capacity = fonts_size + layout.pages.len() * 6144 + 4096;
    // Compact: no indentation or line per dictionary entry.
    let mut pdf = pdf_writer::Pdf::with_settings_and_capacity(pdf_writer::Settings { pretty: false }, capacity);
    pdf.set_version(1, 7);
    let mut deflate = Deflate::new();
    let font_ids: Vec<(Weight, pdf_writer::Ref)> =
        embedded.iter().map(|e| (e.weight, font_objects(&mut pdf, &mut id, e, &mut deflate))).collect();
    {
        let mut resources = pdf.indirect(resources_id).start::<pdf_writer::writers::Resources>();
        let mut fonts = resources.fonts();
        for (weight, font) in &font_ids {
            fonts.pair(pdf_writer::Name(content::font_resource(*weight).as_bytes()), *font);
        }
    }
    let glyphs = SubsetGlyphs::of(&embedded);
    let media_box = pdf_writer::Rect::new(0.0, 0.0, g.width, g.height);
    for (page, page_id) in layout.pages.iter().zip(&page_ids) {
        let contents = id();
        deflate.stream(&mut pdf, contents, &content::page(&page.items, g, &glyphs), |_| {});
        let mut annotations = Vec::new();
        for item in &page.items {
            let Item::Link { x, y, width, height, page } = item else { continue };
            let Some(target) = page_ids.get(page.saturating_sub(1)) else { continue };
            let bottom = g.height - y - height;
            let annotation_id = id();
            let mut annotation = pdf.annotation(annotation_id);
            annotation
                .subtype(pdf_writer::types::AnnotationType::Link)
                .rect(pdf_writer::Rect::new(*x, bottom, x + width, bottom + height))
                .border(0.0, 0.0, 0.0, None);
            destination(&mut annotation, *target);
            annotations.push(annotation_id);
        }
        let mut dict = pdf.page(*page_id);
        dict.parent(pages_id).media_box(media_box).contents(contents);
        dict.pair(pdf_writer::Name(b"Resources"), resources_id);
        if !annotations.is_empty() {
            dict.annotations(annotations);
        }
    }
    pdf.pages(pages_id).kids(page_ids.iter().copied()).count(layout.pages.len() as i32);
    let outlines = outline(&mut pdf, &mut id, layout, &page_ids);
    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(pages_id).lang(pdf_writer::TextStr("ru-RU"));
    if let Some(outlines) = outlines {
        catalog.outlines(outlines).page_mode(pdf_writer::types::PageMode::UseOutlines);
    }
    catalog.finish();
    let date = pdf_date(meta.created_unix);
    let producer = format!("mms-monitor {}", env!("CARGO_PKG_VERSION"));
    pdf.document_info(id())
        .title(pdf_writer::TextStr(meta.title))
        .author(pdf_writer::TextStr(meta.author))
        .creator(pdf_writer::TextStr("mms-monitor"))
        .producer(pdf_writer::TextStr(&producer))
        .creation_date(date)
        .modified_date(date);
    pdf.finish()
}

/// The Type 0 font of one face (Identity-H, glyph ids as codes) with its descendant, descriptor,
/// embedded subset, widths and ToUnicode map; returns the Type 0 font's id.
fn font_objects(
    pdf: &mut pdf_writer::Pdf,
    id: &mut impl FnMut() -> pdf_writer::Ref,
    e: &Embedded<'_>,
    deflate: &mut Deflate,
) -> pdf_writer::Ref {
    use pdf_writer::Name;
    let ([x_min, y_min, x_max, y_max], ascender, descender) = (e.face.bbox, e.face.ascender, e.face.descender);
    let scale = 1000.0 / e.face.per_em;
    let units = |v: i16| (f32::from(v) * scale).round();
    let name = Name(font_name(e.weight).as_bytes());
    let (type0, cid_font, descriptor, file, to_unicode) = (id(), id(), id(), id(), id());
    let length1 = i32::try_from(e.bytes.len()).unwrap_or(i32::MAX);
    deflate.stream(pdf, file, &e.bytes, |stream| {
        stream.pair(Name(b"Length1"), length1);
    });
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(pdf_writer::types::FontFlags::SERIF | pdf_writer::types::FontFlags::NON_SYMBOLIC)
        .bbox(pdf_writer::Rect::new(units(x_min), units(y_min), units(x_max), units(y_max)))
        .italic_angle(0.0)
        .ascent(units(ascender))
        .descent(units(descender))
        .cap_height(units(ascender))
        .stem_v(if e.weight == Weight::Bold { 140.0 } else { 80.0 })
        .font_file2(file);
    // Widths of every glyph of the subset the content can name, in thousandths of an em, in
    // runs of consecutive ids.
    let mut by_new: Vec<(u16, u16)> = e.mapping.iter().map(|(old, (new, _))| (*new, *old)).collect();
    by_new.sort_unstable();
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(pdf_writer::types::CidFontType::Type2)
        .base_font(name)
        .system_info(pdf_writer::types::SystemInfo {
            registry: pdf_writer::Str(b"Adobe"),
            ordering: pdf_writer::Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid.widths();
    for run in by_new.chunk_by(|a, b| b.0 == a.0 + 1) {
        let first = run.first().map_or(0, |(new, _)| *new);
        widths.consecutive(first, run.iter().map(|(_, old)| f32::from(e.face.units(*old)) * scale));
    }
    widths.finish();
    cid.finish();
    deflate.stream(pdf, to_unicode, &to_unicode_map(&e.mapping), |_| {});
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    type0
}

/// The ToUnicode CMap: each glyph of the subset → the text it stands for (UTF-16BE).
fn to_unicode_map(mapping: &BTreeMap<u16, (u16, String)>) -> Vec<u8> {
    let mut out = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        .to_vec();
    let entries: Vec<&(u16, String)> = mapping.values().filter(|(_, text)| !text.is_empty()).collect();
    // At most 100 entries per block.
    for block in entries.chunks(100) {
        content::number(&mut out, block.len() as f32);
        out.extend_from_slice(b" beginbfchar\n");
        for (glyph, text) in block {
            out.push(b'<');
            content::hex(&mut out, *glyph);
            out.extend_from_slice(b"> <");
            for unit in text.encode_utf16() {
                content::hex(&mut out, unit);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The outline (bookmarks) of the headings listed in the contents, flat, in page order.
fn outline(
    pdf: &mut pdf_writer::Pdf,
    id: &mut impl FnMut() -> pdf_writer::Ref,
    layout: &Layout,
    pages: &[pdf_writer::Ref],
) -> Option<pdf_writer::Ref> {
    let headings: Vec<_> = layout
        .headings
        .iter()
        .filter(|h| h.in_contents)
        .filter_map(|h| Some((h, *pages.get(h.page.checked_sub(1)?)?)))
        .collect();
    if headings.is_empty() {
        return None;
    }
    let root = id();
    let ids: Vec<pdf_writer::Ref> = headings.iter().map(|_| id()).collect();
    for (i, (heading, page)) in headings.iter().enumerate() {
        let mut item = pdf.outline_item(ids[i]);
        item.title(pdf_writer::TextStr(&heading.text)).parent(root);
        if let Some(previous) = i.checked_sub(1).and_then(|p| ids.get(p)) {
            item.prev(*previous);
        }
        if let Some(next) = ids.get(i + 1) {
            item.next(*next);
        }
        destination(&mut item, *page);
    }
    let (first, last) = (*ids.first()?, *ids.last()?);
    pdf.outline(root).first(first).last(last).count(ids.len() as i32);
    Some(root)
}

/// `/Dest [page /XYZ null null null]`: the page, at the place and zoom the reader is at.
fn destination(dict: &mut pdf_writer::Dict<'_>, page: pdf_writer::Ref) {
    dict.insert(pdf_writer::Name(b"Dest"))
        .array()
        .item(page)
        .item(pdf_writer::Name(b"XYZ"))
        .item(pdf_writer::Null)
        .item(pdf_writer::Null)
        .item(pdf_writer::Null);
}

/// The date of a Unix time in UTC (written `D:YYYYMMDDHHmmSSZ`).
fn pdf_date(unix: i64) -> pdf_writer::Date {
    use chrono::{Datelike, Timelike};
    let time = chrono::DateTime::from_timestamp(unix, 0).unwrap_or_default();
    let narrow = |v: u32| u8::try_from(v).unwrap_or(0);
    pdf_writer::Date::new(u16::try_from(time.year()).unwrap_or(0))
        .month(narrow(time.month()))
        .day(narrow(time.day()))
        .hour(narrow(time.hour()))
        .minute(narrow(time.minute()))
        .second(narrow(time.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// One deflate state for every stream of a file, reset between streams (setting one up costs
/// more than compressing a page).
struct Deflate {
    state: flate2::Compress,
    /// The stream last compressed: one buffer for every stream of the file (each is copied into
    /// the file as soon as it is compressed).
    out: Vec<u8>,
}

impl Deflate {
    fn new() -> Deflate {
        Deflate { state: flate2::Compress::new(flate2::Compression::fast(), true), out: Vec::new() }
    }

    /// Writes `content` as stream `id`, compressed when that makes it smaller; `dict` adds
    /// entries of its own to the stream's dictionary.
    fn stream(
        &mut self,
        pdf: &mut pdf_writer::Pdf,
        id: pdf_writer::Ref,
        content: &[u8],
        dict: impl FnOnce(&mut pdf_writer::Stream<'_>),
    ) {
        match self.compress(content) {
            Some(compressed) if compressed.len() + 19 < content.len() => {
                let mut stream = pdf.stream(id, compressed);
                stream.filter(pdf_writer::Filter::FlateDecode);
                dict(&mut stream);
            }
            _ => dict(&mut pdf.stream(id, content)),
        }
    }

    fn compress(&mut self, data: &[u8]) -> Option<&[u8]> {
        self.state.reset();
        self.out.clear();
        self.out.reserve(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.state.total_in()).ok()?;
            let input = data.get(consumed..)?;
            let status = self.state.compress_vec(input, &mut self.out, flate2::FlushCompress::Finish).ok()?;
            match status {
                flate2::Status::StreamEnd => return Some(&self.out),
                _ => self.out.reserve(self.out.capacity().max(64)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::{Page, TextRun};
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

    /// The faces are measured with read-fonts; printpdf's font reader (allsorts), an independent
    /// reading, must find the same glyph ids, advances and metrics in them.
    #[test]
    fn read_fonts_agrees_with_printpdf() {
        let fonts = Fonts::get().unwrap();
        for (name, face) in [("regular", &fonts.regular), ("bold", &fonts.bold)] {
            let parsed = printpdf::ParsedFont::from_bytes(face.bytes, 0, &mut Vec::new()).unwrap();
            let mut mapped = 0;
            for code in (0..0x3000).chain(0x1F300..0x1F310) {
                let Some(c) = char::from_u32(code) else { continue };
                let theirs = parsed.lookup_glyph_index(code).unwrap_or(0);
                assert_eq!(face.glyph(c), theirs, "{} U+{code:04X}", name);
                assert_eq!(face.lookup_glyph(c), theirs, "{} U+{code:04X}", name);
                mapped += usize::from(theirs != 0);
            }
            // Latin, Cyrillic and punctuation: hundreds of characters, so the comparison
            // compared something.
            assert!(mapped > 600, "{}: {mapped}", name);
            for glyph in 0..parsed.num_glyphs {
                assert_eq!(face.units(glyph), parsed.get_horizontal_advance(glyph), "{} glyph {glyph}", name);
            }
            let m = &parsed.pdf_font_metrics;
            assert_eq!(face.bbox, [m.x_min, m.y_min, m.x_max, m.y_max]);
            assert_eq!((face.ascender, face.descender), (m.ascender, m.descender));
            assert_eq!(face.per_em, f32::from(m.units_per_em));
        }
    }

    /// The document info's dates: a Unix time as the PDF date of that moment in UTC, each field
    /// in its place.
    #[test]
    fn dates_are_utc() {
        for (unix, expected) in [(0, "(D:19700101000000Z)"), (1_764_626_705, "(D:20251201220505Z)")] {
            let mut chunk = pdf_writer::Chunk::new();
            chunk.indirect(pdf_writer::Ref::new(1)).primitive(pdf_date(unix));
            let text = String::from_utf8_lossy(chunk.as_bytes()).into_owned();
            assert!(text.contains(expected), "{unix}: {text}");
        }
    }

    /// `bytes` with the table `tag` renamed, so that a reader no longer finds it.
    fn without_table(bytes: &[u8], tag: &[u8; 4]) -> &'static [u8] {
        let mut copy = bytes.to_vec();
        let tables = usize::from(u16::from_be_bytes([copy[4], copy[5]]));
        let record = (0..tables).map(|i| 12 + 16 * i).find(|at| &copy[*at..*at + 4] == tag).unwrap();
        copy[record] = b'x';
        Box::leak(copy.into_boxed_slice())
    }

    /// A face subsetter cannot subset (its `glyf` table missing) is embedded whole, with its
    /// own glyph ids: the content names the original glyphs, the file embeds the whole face,
    /// and the ToUnicode map still gives each glyph its text.
    #[test]
    fn a_face_that_cannot_be_subset_is_embedded_whole() {
        let fonts = Fonts::get().unwrap();
        let broken = Face::parse(without_table(fonts.regular.bytes, b"glyf"), "test").unwrap();
        let text = "Приморье 2022";
        let used: BTreeMap<u16, String> = text.chars().map(|c| (broken.glyph(c), c.to_string())).collect();
        assert!(
            subsetter::subset(broken.bytes, 0, &subsetter::GlyphRemapper::new()).is_err(),
            "the face still subsets"
        );
        let embedded = Embedded::new(&broken, Weight::Regular, &used);
        assert_eq!(embedded.bytes.len(), broken.bytes.len(), "the whole face");
        for c in text.chars() {
            assert_eq!(embedded.glyph(c), broken.glyph(c), "«{c}» keeps its glyph id");
            assert_ne!(embedded.glyph(c), 0, "«{c}»");
        }

        let both = Fonts { regular: broken, bold: Face::parse(fonts.bold.bytes, "bold").unwrap() };
        let run = TextRun { x: 10.0, y: 20.0, text: text.into(), weight: Weight::Regular, size: 14.0, word_extra: 0.0 };
        let layout = Layout { pages: vec![Page { items: vec![Item::Text(run)] }], headings: vec![] };
        let meta = Metadata { title: "t", author: "a", created_unix: 0 };
        let pdf = write(&layout, PageGeometry::a4_gost(), &meta, &both);
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let (mut font_file, mut content, mut to_unicode) = (None, Vec::new(), Vec::new());
        for object in document.objects.values() {
            let Ok(stream) = object.as_stream() else { continue };
            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            if let Ok(length) = stream.dict.get(b"Length1") {
                font_file = Some((length.as_i64().unwrap(), data.len()));
            } else if data.starts_with(b"/CIDInit") {
                to_unicode = data;
            } else if data.windows(2).any(|w| w == b"BT") {
                content = data;
            }
        }
        let whole = both.regular.bytes.len();
        assert_eq!(font_file, Some((whole as i64, whole)), "the face embedded whole");
        let codes: Vec<u8> = text.chars().flat_map(|c| both.regular.glyph(c).to_be_bytes()).collect();
        let shown = content.windows(codes.len()).any(|w| w == codes.as_slice());
        assert!(shown, "the original glyph ids in the content: {}", String::from_utf8_lossy(&content));
        let to_unicode = String::from_utf8(to_unicode).unwrap();
        let p = both.regular.glyph('П');
        assert!(to_unicode.contains(&format!("<{p:04X}> <041F>")), "«П» in the ToUnicode map: {to_unicode}");
    }

    /// A glyph's outline as points, composite glyphs expanded into their components' points
    /// (moved by their offsets, with their transforms), so that a renumbered subset compares.
    fn outline(font: &FontRef<'_>, glyph: u16) -> Vec<(i16, i16, bool, [i32; 4])> {
        use read_fonts::tables::glyf::{Anchor, Glyph};
        let (loca, glyf) = (font.loca(None).unwrap(), font.glyf().unwrap());
        match loca.get_glyf(GlyphId::new(u32::from(glyph)), &glyf).unwrap() {
            None => Vec::new(),
            Some(Glyph::Simple(simple)) => simple.points().map(|p| (p.x, p.y, p.on_curve, [0; 4])).collect(),
            Some(Glyph::Composite(composite)) => composite
                .components()
                .flat_map(|c| {
                    let (dx, dy) = match c.anchor {
                        Anchor::Offset { x, y } => (x, y),
                        Anchor::Point { base, component } => (base as i16, component as i16),
                    };
                    let t = c.transform;
                    let matrix = [t.xx, t.yx, t.xy, t.yy].map(|v| i32::from(v.to_bits()));
                    outline(font, c.glyph.to_u16()).into_iter().map(move |(x, y, on, _)| (x + dx, y + dy, on, matrix))
                })
                .collect(),
        }
    }

    /// subsetter's subset keeps every printed glyph under its new id: the same outline (a
    /// composite glyph's components renumbered with it) and the same advance.
    #[test]
    fn subset_keeps_each_glyph() {
        let fonts = Fonts::get().unwrap();
        let text = "Аналитическая справка: ёЁйЙ «№ 1» — 0–9, 55,9 % (ММС), Приморский край; Latin AZaz";
        for (name, face, weight) in [("regular", &fonts.regular, Weight::Regular), ("bold", &fonts.bold, Weight::Bold)]
        {
            let used: BTreeMap<u16, String> = text.chars().map(|c| (face.glyph(c), c.to_string())).collect();
            let embedded = Embedded::new(face, weight, &used);
            assert!(embedded.bytes.len() * 4 < face.bytes.len(), "{name}: not subset ({} bytes)", embedded.bytes.len());
            let (original, subset) = (FontRef::new(face.bytes).unwrap(), FontRef::new(&embedded.bytes).unwrap());
            let hmtx = subset.hmtx().unwrap();
            let mut composites = 0;
            for (old, (new, text)) in &embedded.mapping {
                assert_ne!(*new, 0, "{name}: «{text}» lost");
                let expected = outline(&original, *old);
                assert!(!expected.is_empty() || text == " ", "{name}: «{text}» has no outline");
                assert_eq!(outline(&subset, *new), expected, "{name}: «{text}»");
                assert_eq!(hmtx.advance(GlyphId::new(u32::from(*new))), Some(face.units(*old)), "{name}: «{text}»");
                composites += usize::from(expected.iter().any(|p| p.3 != [0; 4]));
            }
            // «ё» and «й» are composite in Liberation Serif: their components were renumbered.
            assert!(composites >= 2, "{name}: {composites} composite glyphs compared");
            // Every character maps to its glyph in the embedded font.
            for c in text.chars() {
                assert_eq!(embedded.glyph(c), embedded.mapping[&face.glyph(c)].0, "{name}: «{c}»");
            }
        }
    }
}
