//! The review status of the questionnaire on screen («черновик», «на доработке» with a comment
//! to the municipality, «проверена»), above the form, and its mark in the municipality list.

use crate::model::review::{Review, ReviewStatus};
use crate::ui::command::Command;
use crate::ui::session::Loaded;
use crate::ui::theme;

#[derive(Debug, Default)]
pub struct ReviewState {
    /// The comment being typed, for this municipality.
    comment: Option<(String, String)>,
}

impl ReviewState {
    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, selected: Option<usize>, commands: &mut Vec<Command>) {
        let Some(response) = selected.and_then(|i| loaded.campaign.responses.get(i)) else { return };
        let municipality = response.municipality.as_str();
        let review = loaded.review(municipality);
        if self.comment.as_ref().is_none_or(|(m, _)| m != municipality) {
            self.comment = Some((municipality.to_string(), review.comment.clone().unwrap_or_default()));
        }
        ui.horizontal(|ui| {
            let label = ui.label("Статус анкеты");
            let mut status = review.status;
            egui::ComboBox::from_id_salt("review_status")
                .selected_text(status.label())
                .show_ui(ui, |ui| {
                    for s in ReviewStatus::ALL {
                        ui.selectable_value(&mut status, *s, s.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if status != review.status {
                let comment = if status == ReviewStatus::NeedsWork { review.comment.clone() } else { None };
                commands.push(Command::SetReview {
                    municipality: municipality.to_string(),
                    review: Review { status, comment },
                });
            }
            if review.status == ReviewStatus::NeedsWork
                && let Some((_, text)) = &mut self.comment
            {
                let label = ui.label("Что доработать");
                let edit = ui
                    .add(egui::TextEdit::singleline(text).desired_width(ui.available_width() - 8.0))
                    .labelled_by(label.id);
                if edit.lost_focus() && Some(text.trim()) != review.comment.as_deref() {
                    commands.push(Command::SetReview {
                        municipality: municipality.to_string(),
                        review: Review { status: review.status, comment: Some(text.trim().to_string()) },
                    });
                }
            }
        });
        ui.separator();
    }
}

/// The status beside a municipality in the list; nothing for a draft.
pub fn status_mark(ui: &mut egui::Ui, review: Review) {
    let (text, colour) = match review.status {
        ReviewStatus::Draft => return,
        ReviewStatus::NeedsWork => ("на доработке", theme::ERROR),
        ReviewStatus::Checked => ("проверена", theme::INFO),
    };
    let mark = ui.small(egui::RichText::new(text).color(colour));
    if let Some(comment) = review.comment {
        mark.on_hover_text(comment);
    }
}
