//! «Отчёт»: the note's editable texts (title-page people and the note's sections), saved as
//! they are typed, and «Сохранить PDF…» / «Сохранить DOCX…», which write the note in a background thread.
//! A text equal to its default is not stored, so a later change of the defaults reaches it.

use crate::report::{NoteTexts, texts::FIELDS};
use crate::ui::command::{Command, FilePurpose};
use crate::ui::session::Loaded;
use crate::ui::theme;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

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
    /// The default wording for that campaign.
    defaults: Option<NoteTexts>,
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
    /// Starts writing a PDF to `path`; `render` runs in a background thread.
    pub fn start(&mut self, path: PathBuf, render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static) {
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        let access = crate::files::Access::for_names(self.show_staff_names);
        std::thread::spawn(move || {
            let result = render().and_then(|bytes| {
                crate::files::write_atomic(&target, &bytes, access).map_err(|e| {
                    format!("{}: не удалось записать файл: {}", target.display(), crate::files::describe(&e))
                })
            });
            let _ = tx.send(result);
        });
        self.failure = None;
        self.job = Some(Job { path, started: std::time::Instant::now(), done: rx });
    }

    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Picks up a finished PDF (its path, or why it failed); keeps the window repainting while
    /// one is being written.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Result<PathBuf, String>> {
        let job = self.job.as_ref()?;
        let finished = match job.done.try_recv() {
            Ok(Ok(())) => Ok(job.path.clone()),
            Ok(Err(message)) => Err(message),
            Err(TryRecvError::Disconnected) => Err("формирование PDF прервалось".into()),
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return None;
            }
        };
        self.job = None;
        match &finished {
            Ok(path) => self.written = Some(path.clone()),
            Err(message) => self.failure = Some(message.clone()),
        }
        Some(finished)
    }

    /// The last PDF written.
    pub fn written(&self) -> Option<&PathBuf> {
        self.written.as_ref()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, checked_only: &mut bool, commands: &mut Vec<Command>) {
        if self.buffers_for != Some(loaded.id) {
            self.buffers.clear();
            self.buffers_for = Some(loaded.id);
            self.defaults = Some(NoteTexts::defaults_for(&loaded.campaign));
        }
        let defaults = self.defaults.take().unwrap_or_else(|| NoteTexts::defaults_for(&loaded.campaign));
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading("Аналитическая справка");
            self.pdf_controls(ui, checked_only, commands);
            ui.separator();
            ui.label("Тексты справки сохраняются по мере ввода. Пустое поле — пустой текст; «По умолчанию» возвращает исходную формулировку.");
            for (title, group) in GROUPS {
                let open = *group == Group::TitlePage;
                egui::CollapsingHeader::new(*title).default_open(open).show(ui, |ui| {
                    for (key, caption) in FIELDS.iter().filter(|(key, _)| group_of(key) == *group) {
                        self.text_field(ui, loaded, &defaults, key, caption, commands);
                    }
                });
            }
        });
        self.defaults = Some(defaults);
    }

    fn text_field(
        &mut self,
        ui: &mut egui::Ui,
        loaded: &Loaded,
        defaults: &NoteTexts,
        key: &str,
        caption: &str,
        commands: &mut Vec<Command>,
    ) {
        let default = defaults.get(key).unwrap_or_default();
        let stored = loaded.texts.get(key);
        let text = self
            .buffers
            .entry(key.to_string())
            .or_insert_with(|| stored.cloned().unwrap_or_else(|| default.to_string()));
        let multiline = default.contains('\n') || default.chars().count() > 90;
        let (label, reset) = ui
            .horizontal(|ui| {
                let label = ui.label(caption);
                let differs = stored.is_some_and(|s| s != default);
                let reset = differs && ui.small_button("По умолчанию").on_hover_text(default).clicked();
                (label.id, reset)
            })
            .inner;
        let edit = if multiline {
            egui::TextEdit::multiline(text).desired_rows(3).desired_width(f32::INFINITY)
        } else {
            egui::TextEdit::singleline(text).desired_width(f32::INFINITY)
        };
        if ui.add(edit).labelled_by(label).changed() {
            commands.push(set_text(key, text, default));
        }
        if reset {
            *text = default.to_string();
            commands.push(Command::SetText { key: key.to_string(), value: None });
        }
        ui.add_space(2.0);
    }

    fn pdf_controls(&mut self, ui: &mut egui::Ui, checked_only: &mut bool, commands: &mut Vec<Command>) {
        ui.checkbox(&mut self.show_staff_names, "Указывать ФИО сотрудников в справке");
        ui.checkbox(checked_only, super::menu::CHECKED_ONLY).on_hover_text(super::menu::CHECKED_ONLY_HINT);
        ui.horizontal(|ui| {
            let saving = ui.add_enabled(!self.busy(), egui::Button::new("Сохранить PDF…"));
            if saving.clicked() {
                commands.push(Command::ChooseFile(FilePurpose::SavePdf));
            }
            let saving = ui.add_enabled(!self.busy(), egui::Button::new("Сохранить DOCX…"));
            if saving.clicked() {
                commands.push(Command::ChooseFile(FilePurpose::SaveDocx));
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
            ui.colored_label(theme::ERROR, format!("Справка не сохранена: {message}"));
        }
    }
}

/// Stores a typed text, or forgets the stored one when it is the default again.
fn set_text(key: &str, text: &str, default: &str) -> Command {
    let value = (text != default).then(|| text.to_string());
    Command::SetText { key: key.to_string(), value }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    TitlePage,
    Body,
    Recommendations,
}

const GROUPS: &[(&str, Group)] = &[
    ("Титульный лист", Group::TitlePage),
    ("Введение и общие сведения", Group::Body),
    ("Рекомендации", Group::Recommendations),
];

fn group_of(key: &str) -> Group {
    if key.starts_with("document.") {
        Group::TitlePage
    } else if key.starts_with("note.recommendations") || key.starts_with("note.targeted") || key == "note.deadline" {
        Group::Recommendations
    } else {
        Group::Body
    }
}
