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
pub mod programme;
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
        let placed: Vec<&str> = layout.headings.iter().filter(|h| h.in_contents).map(|h| h.text.as_str()).collect();
        let expected: Vec<String> = note::headings(&texts).into_iter().map(|(_, t)| t).collect();
        assert_eq!(placed, expected);
        assert!(layout.headings.windows(2).all(|w| w[0].page <= w[1].page));
        assert!(layout.pages.len() > 20);
    }
}
