//! «Муниципалитеты»: the recorded history of the municipalities of the region on screen —
//! renames, transformations (МР → МО) and merges, each with its date and basis — and a form to
//! record one, checked as it is typed by the same rules as `mms-monitor municipalities --add`
//! (`model::history::entries`). The dynamics follow what is recorded here.

use crate::methodology::text::date;
use crate::model::history::{ChangeKind, HistoryEntry, entries};
use crate::ui::command::Command;
use crate::ui::parse;
use crate::ui::session::{Loaded, Session};
use crate::ui::theme;

#[derive(Debug)]
pub struct MunicipalitiesState {
    pub kind: ChangeKind,
    /// The former name; for a merge every former name, separated by «;».
    pub old_names: String,
    pub new_name: String,
    pub date_text: String,
    pub basis: String,
    /// The region and its history as read.
    cache: Option<(String, Result<Vec<HistoryEntry>, String>)>,
}

impl Default for MunicipalitiesState {
    fn default() -> Self {
        MunicipalitiesState {
            kind: ChangeKind::Transformation,
            old_names: String::new(),
            new_name: String::new(),
            date_text: String::new(),
            basis: String::new(),
            cache: None,
        }
    }
}

impl MunicipalitiesState {
    /// Reads the history again on the next frame.
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// A change was recorded: the form starts afresh and the list is read again.
    pub fn recorded(&mut self) {
        *self = MunicipalitiesState { kind: self.kind, ..Default::default() };
    }

    /// What the form would record, or why it cannot yet.
    fn typed(&self, region: &str) -> Result<Vec<HistoryEntry>, String> {
        let changed_on = parse::date(&self.date_text).map_err(|e| format!("Дата изменения: {e}"))?.get();
        let old: Vec<&str> = if self.kind == ChangeKind::Merge {
            self.old_names.split(';').collect()
        } else {
            vec![self.old_names.as_str()]
        };
        entries(region, self.kind, changed_on, &old, &self.new_name, parse::optional_text(&self.basis).as_deref())
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, loaded: &Loaded, commands: &mut Vec<Command>) {
        let region = loaded.campaign.region.clone();
        if self.cache.as_ref().is_none_or(|(r, _)| *r != region) {
            let history = session.db.municipality_history(Some(&region)).map_err(|e| format!("{e:#}"));
            self.cache = Some((region.clone(), history));
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(format!("Муниципалитеты: история изменений — {region}"));
            ui.label(
                "Переименования, преобразования муниципальных районов в муниципальные округа и объединения. \
                 «Динамика» сравнивает муниципалитет с его прежним названием, объединённый — со всеми его частями.",
            );
            self.history(ui);
            ui.separator();
            self.form(ui, &region, commands);
        });
    }

    fn history(&self, ui: &mut egui::Ui) {
        let Some((_, history)) = &self.cache else { return };
        let history = match history {
            Ok(h) => h,
            Err(e) => {
                ui.colored_label(theme::ERROR, format!("История муниципалитетов не прочитана: {e}"));
                return;
            }
        };
        if history.is_empty() {
            ui.label("Изменений не записано. Записывайте только изменения, подтверждённые документом.");
            return;
        }
        egui::Grid::new("municipality_history").striped(true).num_columns(5).show(ui, |ui| {
            for title in ["Дата", "Изменение", "Название до", "Название после", "Основание"]
            {
                ui.strong(title);
            }
            ui.end_row();
            for e in history {
                ui.label(date(e.changed_on));
                ui.label(kind_label(e.kind));
                ui.label(&e.old_name);
                ui.label(&e.new_name);
                ui.label(e.basis.as_deref().unwrap_or("—"));
                ui.end_row();
            }
        });
    }

    fn form(&mut self, ui: &mut egui::Ui, region: &str, commands: &mut Vec<Command>) {
        ui.strong("Новое изменение");
        egui::Grid::new("municipality_change_form").num_columns(2).show(ui, |ui| {
            let label = ui.label("Вид изменения");
            egui::ComboBox::from_id_salt("municipality_change_kind")
                .selected_text(kind_label(self.kind))
                .show_ui(ui, |ui| {
                    for kind in ChangeKind::ALL {
                        ui.selectable_value(&mut self.kind, *kind, kind_label(*kind));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let caption = if self.kind == ChangeKind::Merge {
                "Прежние названия (через «;»)"
            } else {
                "Прежнее название"
            };
            for (caption, text) in [
                (caption, &mut self.old_names),
                ("Новое название", &mut self.new_name),
                ("Дата изменения", &mut self.date_text),
                ("Основание (закон, решение)", &mut self.basis),
            ] {
                let label = ui.label(caption);
                ui.add(egui::TextEdit::singleline(text).desired_width(360.0)).labelled_by(label.id);
                ui.end_row();
            }
        });
        let typed = self.typed(region);
        let blank = self.old_names.trim().is_empty() && self.new_name.trim().is_empty() && self.date_text.is_empty();
        if let Err(problem) = &typed
            && !blank
        {
            ui.colored_label(theme::ERROR, problem);
        }
        if ui.add_enabled(typed.is_ok(), egui::Button::new("Записать изменение")).clicked()
            && let Ok(entries) = typed
        {
            commands.push(Command::AddMunicipalityChanges(entries));
        }
    }
}

/// The kind as the window shows it: [`ChangeKind::label`] without its arrow, which the window's
/// font does not have.
pub fn kind_label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Rename => "переименование",
        ChangeKind::Transformation => "преобразование МР в МО",
        ChangeKind::Merge => "объединение",
    }
}

/// What the window says once a change is recorded.
pub fn recorded(e: &HistoryEntry) -> String {
    let verb = if e.kind == ChangeKind::Merge { "вошёл в" } else { "стал" };
    format!("Записано ({}): «{}» {verb} «{}» с {}", kind_label(e.kind), e.old_name, e.new_name, date(e.changed_on))
}
