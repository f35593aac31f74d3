//! «Отчёт»: the note's editable texts (title-page people and the note's sections), saved as
//! they are typed, and «Сохранить PDF…», which writes the note in a background thread.

use crate::ui::command::{Command, FilePurpose};
use crate::ui::session::Loaded;
use crate::ui::theme;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

/// The title-page texts, with their labels, in the order of the title page.
pub const DOCUMENT_TEXTS: [(&str, &str); 10] = [
    ("document.institution", "Учреждение"),
    ("document.institution_short", "Краткое название учреждения"),
    ("document.city", "Город"),
    ("document.year", "Год"),
    ("document.approver.position", "Утверждает: должность"),
    ("document.approver.name", "Утверждает: ФИО"),
    ("document.agreed.position", "Согласовано: должность"),
    ("document.agreed.name", "Согласовано: ФИО"),
    ("document.executor.position", "Исполнитель: должность"),
    ("document.executor.name", "Исполнитель: ФИО"),
];

/// A PDF being written in the background.
struct Job {
    path: PathBuf,
    started: std::time::Instant,
    done: Receiver<Result<(), String>>,
}

#[derive(Default)]
pub struct ReportState {
    /// Texts as typed, for the campaign they belong to.
    buffers: BTreeMap<String, String>,
    buffers_for: Option<i64>,
    job: Option<Job>,
    /// The last PDF written, to open on request.
    written: Option<PathBuf>,
    failure: Option<String>,
    pub show_staff_names: bool,
}

impl std::fmt::Debug for ReportState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportState").field("written", &self.written).finish_non_exhaustive()
    }
}

impl ReportState {
    #[allow(dead_code)] // used once `report::render_pdf` lands
    /// Starts writing a PDF to `path`; `render` runs in a background thread.
    pub fn start(&mut self, path: PathBuf, render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static) {
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let result = render().and_then(|bytes| {
                std::fs::write(&target, bytes)
                    .map_err(|e| format!("{}: не удалось записать файл: {e}", target.display()))
            });
            let _ = tx.send(result);
        });
        self.failure = None;
        self.job = Some(Job { path, started: std::time::Instant::now(), done: rx });
    }

    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Picks up a finished PDF; keeps the window repainting while one is being written.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        match job.done.try_recv() {
            Ok(Ok(())) => {
                self.written = Some(job.path.clone());
                self.job = None;
            }
            Ok(Err(message)) => {
                self.failure = Some(message);
                self.job = None;
            }
            Err(TryRecvError::Disconnected) => {
                self.failure = Some("формирование PDF прервалось".into());
                self.job = None;
            }
            Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, commands: &mut Vec<Command>) {
        if self.buffers_for != Some(loaded.id) {
            self.buffers.clear();
            self.buffers_for = Some(loaded.id);
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading("Аналитическая справка");
            self.pdf_controls(ui, commands);
            ui.separator();
            ui.strong("Титульный лист");
            egui::Grid::new("document_texts").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                for (key, caption) in DOCUMENT_TEXTS {
                    let label = ui.label(caption);
                    self.text_field(ui, loaded, key, label.id, false, commands);
                    ui.end_row();
                }
            });
            let others: Vec<String> =
                note_keys(loaded).into_iter().filter(|k| !DOCUMENT_TEXTS.iter().any(|(d, _)| d == k)).collect();
            if !others.is_empty() {
                ui.separator();
                ui.strong("Тексты справки");
                for key in others {
                    let label = ui.label(note_caption(&key));
                    self.text_field(ui, loaded, &key, label.id, true, commands);
                    ui.add_space(4.0);
                }
            }
        });
    }

    fn text_field(
        &mut self,
        ui: &mut egui::Ui,
        loaded: &Loaded,
        key: &str,
        label: egui::Id,
        multiline: bool,
        commands: &mut Vec<Command>,
    ) {
        let text =
            self.buffers.entry(key.to_string()).or_insert_with(|| loaded.texts.get(key).cloned().unwrap_or_default());
        let edit = if multiline {
            egui::TextEdit::multiline(text).desired_rows(4).desired_width(f32::INFINITY)
        } else {
            egui::TextEdit::singleline(text).desired_width(460.0)
        };
        let response = ui.add(edit).labelled_by(label);
        if response.changed() {
            let value = text.trim();
            let value = (!value.is_empty()).then(|| value.to_string());
            if value.as_ref() != loaded.texts.get(key) {
                commands.push(Command::SetText { key: key.to_string(), value });
            }
        }
    }

    fn pdf_controls(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.checkbox(&mut self.show_staff_names, "Указывать ФИО сотрудников в справке");
        ui.horizontal(|ui| {
            let saving = ui.add_enabled(!self.busy(), egui::Button::new("Сохранить PDF…"));
            if saving.clicked() {
                commands.push(Command::ChooseFile(FilePurpose::SavePdf));
            }
            if let Some(job) = &self.job {
                ui.spinner();
                ui.label(format!(
                    "Справка формируется… {:.1} с, файл {}",
                    job.started.elapsed().as_secs_f32(),
                    job.path.display()
                ));
            }
        });
        if let Some(path) = &self.written {
            ui.horizontal(|ui| {
                ui.colored_label(theme::INFO, format!("Справка сохранена: {}", path.display()));
                if ui.button("Открыть").clicked() {
                    commands.push(Command::OpenPath(path.clone()));
                }
            });
        }
        if let Some(message) = &self.failure {
            ui.colored_label(theme::ERROR, format!("PDF не сохранён: {message}"));
        }
    }
}

/// Keys of the note's own texts: the stored ones, whatever their name.
fn note_keys(loaded: &Loaded) -> Vec<String> {
    loaded.texts.keys().cloned().collect()
}

/// A readable caption for a text key.
fn note_caption(key: &str) -> String {
    key.to_string()
}
