//! The analytical note as a PDF and a DOCX: the only module that writes either format.
//!
//! ```text
//! Campaign + Assessment + NoteTexts ──► note (blocks) ──► layout (pages of positioned items) ──► pdf (bytes)
//! ```
//! The note never recomputes a level; it counts and words what the [`Assessment`] holds.
//! Layout is pure and measured with the embedded fonts' own advance widths.

pub mod doc;
mod docx;
pub mod dynamics;
pub mod layout;
pub mod note;
mod pdf;
pub mod programme;
pub mod texts;
pub mod typo;

pub use texts::NoteTexts;

use crate::methodology::Assessment;
use crate::model::Campaign;

/// What can go wrong while making the note.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReportError {
    #[error("встроенный шрифт не читается: {0}")]
    Font(String),
    #[error("не удалось собрать DOCX: {0}")]
    Docx(String),
}

/// The file formats of the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// The format a file name asks for by its extension (`.pdf` or `.docx`, any case).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_lowercase();
        match extension.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// The note in a format.
pub fn render(
    format: Format,
    campaign: &Campaign,
    assessment: &Assessment,
    texts: &NoteTexts,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Pdf => render_pdf(campaign, assessment, texts, options),
        Format::Docx => render_docx(campaign, assessment, texts, options),
    }
}

/// Choices for one rendering of the note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportOptions {
    /// Print staff names in the targeted recommendations (personal data: off by default).
    pub show_staff_names: bool,
    /// Creation date written into the PDF, seconds since 1970; `None` = now.
    pub created_unix: Option<i64>,
    /// The «Динамика» section (a comparison with earlier campaigns), made by its own module
    /// and inserted whole after the results; `None` leaves it out.
    pub dynamics: Option<doc::Section>,
}

/// The file's properties, the same in both formats: the title, the institution as author (its
/// short name when there is one), the creation time.
struct DocumentInfo<'a> {
    title: String,
    author: &'a str,
    created_unix: i64,
}

impl<'a> DocumentInfo<'a> {
    fn of(texts: &'a NoteTexts, options: &ReportOptions) -> DocumentInfo<'a> {
        DocumentInfo {
            title: format!("Аналитическая справка по результатам {}", texts.subject),
            author: if texts.institution_short.is_empty() { &texts.institution } else { &texts.institution_short },
            created_unix: options.created_unix.unwrap_or_else(|| chrono::Utc::now().timestamp()),
        }
    }
}

/// The note of a campaign as PDF bytes.
pub fn render_pdf(
    campaign: &Campaign,
    assessment: &Assessment,
    texts: &NoteTexts,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    let fonts = pdf::Fonts::get()?;
    let blocks = note::build(campaign, assessment, texts, options);
    let geometry = layout::PageGeometry::a4_gost();
    let pages = layout::layout(fonts, geometry, &blocks);
    let info = DocumentInfo::of(texts, options);
    let meta = pdf::Metadata { title: &info.title, author: info.author, created_unix: info.created_unix };
    Ok(pdf::write(&pages, geometry, &meta, fonts))
}

/// The note of a campaign as DOCX bytes: the same document tree as [`render_pdf`]; the
/// contents carry the PDF's page numbers ([`contents_pages`], laid out on a second thread while
/// the body is written) until Word or LibreOffice updates the field.
pub fn render_docx(
    campaign: &Campaign,
    assessment: &Assessment,
    texts: &NoteTexts,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    let blocks = note::build(campaign, assessment, texts, options);
    let info = DocumentInfo::of(texts, options);
    let meta = docx::DocxMeta { title: &info.title, author: info.author, created_unix: info.created_unix };
    docx::write_with_pages(&blocks, &meta, || contents_pages(&blocks))
}

/// The page of each heading the contents list, in order: the pages of the PDF, from its layout.
fn contents_pages(blocks: &[doc::Block]) -> Result<Vec<usize>, ReportError> {
    let fonts = pdf::Fonts::get()?;
    Ok(layout::contents_pages(&layout::layout(fonts, layout::PageGeometry::a4_gost(), blocks).headings))
}

/// Lays the note out without writing a PDF (page count and heading pages, for previews and tests).
pub fn layout_note(
    campaign: &Campaign,
    assessment: &Assessment,
    texts: &NoteTexts,
    options: &ReportOptions,
) -> Result<layout::Layout, ReportError> {
    let fonts = pdf::Fonts::get()?;
    let blocks = note::build(campaign, assessment, texts, options);
    Ok(layout::layout(fonts, layout::PageGeometry::a4_gost(), &blocks))
}

/// The sample's note as a document tree (for the renderers' tests).
#[cfg(test)]
pub(crate) fn sample_blocks() -> Vec<doc::Block> {
    let campaign = crate::interchange::parse(crate::workspace::SAMPLE_JSON).unwrap();
    let assessment = crate::methodology::assess_default(&campaign);
    let texts = NoteTexts::defaults_for(&campaign);
    note::build(&campaign, &assessment, &texts, &ReportOptions::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::assess_default;
    use crate::model::synthetic;

    fn render(campaign: &Campaign) -> Vec<u8> {
        let assessment = assess_default(campaign);
        let texts = NoteTexts::defaults_for(campaign);
        render_pdf(campaign, &assessment, &texts, &ReportOptions { created_unix: Some(0), ..Default::default() })
            .unwrap()
    }

    #[test]
    fn generated_and_empty_campaigns_render() {
        let campaign = synthetic::generate(60, 4, 2);
        let pdf = render(&campaign);
        assert!(pdf.starts_with(b"%PDF-"));
        let mut empty = campaign.clone();
        empty.responses.clear();
        assert!(render(&empty).starts_with(b"%PDF-"));
    }

    #[test]
    fn every_heading_is_placed_once_in_order() {
        let campaign = synthetic::generate(120, 3, 1);
        let assessment = assess_default(&campaign);
        let texts = NoteTexts::defaults_for(&campaign);
        let layout = layout_note(&campaign, &assessment, &texts, &ReportOptions::default()).unwrap();
        let placed: Vec<String> =
            layout.headings.iter().filter(|h| h.in_contents).map(|h| h.text.replace('\u{a0}', " ")).collect();
        let expected: Vec<String> = note::headings(&texts).into_iter().map(|(_, t)| t).collect();
        assert_eq!(placed, expected);
        assert!(layout.headings.windows(2).all(|w| w[0].page <= w[1].page));
        assert!(layout.pages.len() > 20);
    }

    fn sample() -> Campaign {
        crate::interchange::parse(crate::workspace::SAMPLE_JSON).unwrap()
    }

    struct Line<'a> {
        text: &'a String,
    }

    #[test]
    fn no_line_breaks_where_typography_forbids() {
        let campaign = sample();
        let assessment = assess_default(&campaign);
        let texts = NoteTexts::defaults_for(&campaign);
        let layout = layout_note(&campaign, &assessment, &texts, &ReportOptions::default()).unwrap();
        let mut hyphenated = 0;
        for page in &layout.pages {
            // A line may be set in several runs (a bold lead-in, then regular text): a run that
            // ends in a space goes on with the next one on its baseline.
            let mut lines: Vec<(f32, String)> = Vec::new();
            for item in &page.items {
                let layout::Item::Text(run) = item else { continue };
                match lines.last_mut() {
                    Some((y, text)) if (*y - run.y).abs() < 0.01 && text.ends_with(' ') => text.push_str(&run.text),
                    _ => lines.push((run.y, run.text.clone())),
                }
            }
            for (_, text) in &lines {
                let run = Line { text };
                let words: Vec<&str> = run.text.split(' ').collect();
                let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
                assert!(
                    words.len() == 1 || !["%", "МР", "МР;", "МР,", "МО", "МО;", "МО,", "—"].contains(first),
                    "a line begins «{}»",
                    run.text
                );
                if words.len() > 1 {
                    // A year may end a line («Владивосток 2022»), a count may not.
                    let count = last.chars().all(|c| c.is_ascii_digit())
                        && last.len() < 4
                        && !run.text.starts_with("Продолжение таблицы");
                    assert!(!count, "a line ends with a bare number: «{}»", run.text);
                    assert!(!["в", "и", "с", "к", "о", "у"].contains(last), "a line ends «{}»", run.text);
                }
                if last.ends_with('-') && last.chars().rev().nth(1).is_some_and(char::is_lowercase) {
                    hyphenated += 1;
                }
            }
        }
        assert!(hyphenated > 10, "justified text is hyphenated ({hyphenated} lines)");
    }

    fn sample_docx() -> Vec<u8> {
        let campaign = sample();
        let assessment = assess_default(&campaign);
        let texts = NoteTexts::defaults_for(&campaign);
        let options = ReportOptions { created_unix: Some(0), ..Default::default() };
        render_docx(&campaign, &assessment, &texts, &options).unwrap()
    }

    #[test]
    fn docx_is_a_word_package_with_styles_lists_and_pictures() {
        let bytes = sample_docx();
        assert!(bytes.starts_with(b"PK"));
        let names = zip_names(&bytes);
        for part in ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/header1.xml"] {
            assert!(names.iter().any(|n| n == part), "{part} in {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("word/media/")), "chart bars as pictures: {names:?}");
    }

    /// The contents of the DOCX, laid out on a second thread, carry the pages of the PDF.
    #[test]
    fn docx_contents_carry_the_pdfs_pages() {
        let bytes = sample_docx();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        let pages: Vec<usize> = xml
            .split(r#"<w:pStyle w:val="TOC"#)
            .skip(1)
            .map(|entry| {
                let after_tab = entry.split("<w:tab/>").nth(1).unwrap();
                let (_, page) = after_tab.split_once('>').unwrap();
                page.split('<').next().unwrap().parse().unwrap()
            })
            .collect();
        let campaign = sample();
        let assessment = assess_default(&campaign);
        let texts = NoteTexts::defaults_for(&campaign);
        let pdf = layout_note(&campaign, &assessment, &texts, &ReportOptions::default()).unwrap();
        let expected: Vec<usize> = pdf.headings.iter().filter(|h| h.in_contents).map(|h| h.page).collect();
        assert_eq!(pages, expected);
    }

    /// The file names in a ZIP archive's central directory.
    fn zip_names(bytes: &[u8]) -> Vec<String> {
        let mut names = Vec::new();
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let start = at + found;
            let len = u16::from_le_bytes([bytes[start + 28], bytes[start + 29]]) as usize;
            names.push(String::from_utf8_lossy(&bytes[start + 46..start + 46 + len]).into_owned());
            at = start + 46 + len;
        }
        names
    }
}
