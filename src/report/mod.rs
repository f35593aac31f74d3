//! The analytical note as a PDF: the only module that imports printpdf.
//!
//! ```text
//! Campaign + Assessment + NoteTexts ──► note (blocks) ──► layout (pages of positioned items) ──► pdf (bytes)
//! ```
//! The note never recomputes a level; it counts and words what the [`Assessment`] holds.
//! Layout is pure and measured with the embedded fonts' own advance widths.

pub mod layout;
pub mod note;
mod pdf;
pub mod texts;

pub use texts::NoteTexts;

use crate::methodology::Assessment;
use crate::model::Campaign;

/// What can go wrong while making the note.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReportError {
    #[error("встроенный шрифт не читается: {0}")]
    Font(String),
}

/// Choices for one rendering of the note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportOptions {
    /// Print staff names in the targeted recommendations (personal data: off by default).
    pub show_staff_names: bool,
    /// Creation date written into the PDF, seconds since 1970; `None` = now.
    pub created_unix: Option<i64>,
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
    let title = format!("Аналитическая справка по результатам {}", texts.subject);
    let meta = pdf::Metadata {
        title: &title,
        author: if texts.institution_short.is_empty() { &texts.institution } else { &texts.institution_short },
        created_unix: options.created_unix.unwrap_or_else(|| chrono::Utc::now().timestamp()),
    };
    Ok(pdf::write(&pages, geometry, &meta, fonts))
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
