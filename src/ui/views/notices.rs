//! Messages at the top of the central area: errors in red, information in blue, each
//! dismissed by its own button.

use crate::ui::app::Notice;
use crate::ui::command::Command;
use crate::ui::theme;

pub fn ui(ui: &mut egui::Ui, notices: &[Notice], commands: &mut Vec<Command>) {
    for (index, notice) in notices.iter().enumerate() {
        egui::Frame::new().fill(theme::NOTICE_FILL).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.small_button("×").on_hover_text("Закрыть сообщение").clicked() {
                    commands.push(Command::DismissNotice(index));
                }
                let colour = if notice.error { theme::ERROR } else { theme::INFO };
                ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(colour)).wrap());
            });
        });
    }
    if !notices.is_empty() {
        ui.add_space(4.0);
    }
}

/// An import running: its stage, the file and the seconds so far (no spinner: it would repaint
/// the window every frame; the count is refreshed ten times a second).
pub fn progress(ui: &mut egui::Ui, stage: &str, path: &std::path::Path, started: std::time::Instant) {
    egui::Frame::new().fill(theme::NOTICE_FILL).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let seconds = started.elapsed().as_secs();
            ui.colored_label(theme::INFO, format!("Импорт: {stage} {} — {seconds} с", path.display()));
        });
    });
    ui.add_space(4.0);
}
