//! «Анкета»: the selected municipality's questionnaire. The form edits a copy of the response;
//! when the copy differs from what is stored at the end of the frame, it is sent to be saved —
//! there is no Save button. Fields that do not parse turn red and store nothing.

use super::staff::StaffForm;
use super::widgets::{Buffers, chip, row_messages};
use crate::methodology::{Assessed, Level, Methodology, MunicipalityAssessment, text};
use crate::model::{Associations, Duties, Function, Response, ServiceForm};
use crate::ui::command::Command;
use crate::ui::parse;
use crate::ui::session::Loaded;
use crate::ui::theme;

#[derive(Debug, Default)]
pub struct FormState {
    pub(super) buffers: Buffers,
    pub(super) staff: StaffForm,
    new_structure: String,
}

/// What a frame of the form changed.
pub(super) struct Edit {
    pub draft: Response,
    /// The text field typed into, when the change came from typing.
    pub field: Option<String>,
    /// Rows were added or removed: field texts keyed by position are stale.
    pub structural: bool,
}

impl FormState {
    /// Forgets typed texts (another municipality, undo, import): fields show stored values again.
    pub fn reset(&mut self) {
        self.buffers.clear();
        self.staff.reset();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, selected: Option<usize>, commands: &mut Vec<Command>) {
        let found = selected
            .and_then(|i| Some((i, loaded.campaign.responses.get(i)?, loaded.assessment.municipalities.get(i)?)));
        let Some((index, response, assessed)) = found else {
            ui.label("Выберите муниципалитет в списке слева");
            return;
        };
        let mut edit = Edit { draft: response.clone(), field: None, structural: false };
        let problems = std::mem::take(&mut self.buffers.problems);
        // Both ways: in a small window the staff table scrolls sideways; texts wrap to the window.
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(response.municipality.as_str());
            ui.horizontal(|ui| {
                ui.label(format!("Кампания на {}", text::date(loaded.campaign.reference_date)));
                ui.label("·");
                ui.label(if assessed.complete {
                    "анкета заполнена"
                } else {
                    "в анкете есть непредоставленные разделы"
                });
            });
            status_line(ui, &problems);
            ui.add_space(6.0);
            self.service(ui, &mut edit, assessed, &loaded.assessment.methodology);
            ui.add_space(6.0);
            self.staff.ui(
                ui,
                &mut self.buffers,
                &mut edit,
                assessed,
                loaded.campaign.reference_date.get(),
                &loaded.assessment.methodology,
            );
            ui.add_space(6.0);
            self.duties(ui, &mut edit, assessed, &loaded.assessment.methodology);
            ui.add_space(6.0);
            self.associations(ui, &mut edit, assessed, &loaded.assessment.methodology);
            ui.add_space(6.0);
            self.notes(ui, &mut edit);
        });
        if edit.structural {
            self.buffers.clear();
        }
        if edit.draft != *response {
            commands.push(Command::SaveResponse { index, response: Box::new(edit.draft), field: edit.field });
        }
    }

    fn service(&mut self, ui: &mut egui::Ui, edit: &mut Edit, assessed: &MunicipalityAssessment, m: &Methodology) {
        section(ui, "Служба (блок 1)");
        egui::Grid::new("service").num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Форма ММС");
            let service = &mut edit.draft.service;
            egui::ComboBox::from_id_salt("service_form")
                .selected_text(service.form.label())
                .width(320.0)
                .show_ui(ui, |ui| {
                    for form in ServiceForm::ALL {
                        ui.selectable_value(&mut service.form, *form, form.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Название");
            let out = self.buffers.field(
                ui,
                "service.name",
                "Название",
                label.id,
                420.0,
                &service.name,
                show_text,
                |t| Ok(parse::optional_text(t)),
            );
            if let Some(v) = out.value {
                service.name = v;
                edit.field = Some("service.name".into());
            }
            row_messages(ui, out.problem.as_slice());
            ui.end_row();
            let label = ui.label("Начало работы");
            let out = self.buffers.field(
                ui,
                "service.started",
                "Начало работы",
                label.id,
                120.0,
                &service.started,
                |d| d.map(text::date).unwrap_or_default(),
                parse::optional_date,
            );
            if let Some(v) = out.value {
                service.started = v;
                edit.field = Some("service.started".into());
            }
            row_messages(ui, out.problem.as_slice());
            ui.end_row();
        });
        level_line(ui, m, "Наличие ММС", &assessed.service);
        level_line(ui, m, "Численность", &assessed.staff_count_level);
    }

    fn duties(&mut self, ui: &mut egui::Ui, edit: &mut Edit, assessed: &MunicipalityAssessment, m: &Methodology) {
        section(ui, "Должностные обязанности (блок 3)");
        let mut provided = edit.draft.duties.is_some();
        if ui.checkbox(&mut provided, "Должностные инструкции предоставлены").changed()
        {
            edit.draft.duties = provided.then(|| Duties { approved_year: None, functions: Vec::new() });
            edit.structural = true;
        }
        if let Some(duties) = &mut edit.draft.duties {
            ui.horizontal(|ui| {
                let label = ui.label("Год утверждения");
                let out = self.buffers.field(
                    ui,
                    "duties.approved_year",
                    "Год утверждения",
                    label.id,
                    80.0,
                    &duties.approved_year,
                    |y| y.map(|y| y.to_string()).unwrap_or_default(),
                    parse::optional_year,
                );
                if let Some(v) = out.value {
                    duties.approved_year = v;
                    edit.field = Some("duties.approved_year".into());
                }
                row_messages(ui, out.problem.as_slice());
            });
            ui.label("Функции, закреплённые в должностных инструкциях:");
            for function in Function::ALL {
                let mut present = duties.functions.contains(function);
                if ui.checkbox(&mut present, function.label()).changed() {
                    if present {
                        duties.functions.push(*function);
                        duties.functions.sort();
                    } else {
                        duties.functions.retain(|f| f != function);
                    }
                }
            }
        }
        level_line(ui, m, "Функционал", &assessed.duties);
        if assessed.duties_outdated {
            ui.colored_label(theme::ERROR, "Должностные инструкции устарели — их нужно обновить");
        }
    }

    fn associations(&mut self, ui: &mut egui::Ui, edit: &mut Edit, assessed: &MunicipalityAssessment, m: &Methodology) {
        section(ui, "Объединения педагогов (блок 3)");
        let mut provided = edit.draft.associations.is_some();
        if ui.checkbox(&mut provided, "Сведения об объединениях предоставлены").changed()
        {
            edit.draft.associations = provided.then(|| Associations { mmo: false, other: Vec::new() });
            edit.structural = true;
        }
        if let Some(associations) = &mut edit.draft.associations {
            ui.checkbox(&mut associations.mmo, "Действуют муниципальные методические объединения (ММО)");
            ui.label("Другие объединения и структуры:");
            let mut remove = None;
            for (i, name) in associations.other.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let key = format!("associations.other.{i}");
                    let label = ui.label(format!("{}.", i + 1));
                    let caption = format!("Объединение {}", i + 1);
                    let out =
                        self.buffers.field(ui, &key, &caption, label.id, 420.0, name, String::clone, parse::required);
                    if let Some(v) = out.value {
                        *name = v;
                        edit.field = Some(key);
                    }
                    if ui.small_button("Удалить").clicked() {
                        remove = Some(i);
                    }
                    row_messages(ui, out.problem.as_slice());
                });
            }
            if let Some(i) = remove {
                associations.other.remove(i);
                edit.structural = true;
            }
            ui.horizontal(|ui| {
                let label = ui.label("Новое объединение");
                let field = egui::TextEdit::singleline(&mut self.new_structure).desired_width(320.0);
                let response = ui.add(field).labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let name = self.new_structure.trim().to_string();
                let add = ui.add_enabled(!name.is_empty(), egui::Button::new("Добавить объединение")).clicked();
                if (add || enter) && !name.is_empty() {
                    associations.other.push(name);
                    self.new_structure.clear();
                    edit.structural = true;
                }
            });
        }
        level_line(ui, m, "Объединения", &assessed.associations);
    }

    fn notes(&mut self, ui: &mut egui::Ui, edit: &mut Edit) {
        section(ui, "Примечания");
        let label = ui.label("Примечания аналитика");
        let out = self.buffers.field(
            ui,
            "notes",
            "Примечания",
            label.id,
            520.0,
            &edit.draft.notes,
            show_text,
            |t| Ok(parse::optional_text(t)),
        );
        if let Some(v) = out.value {
            edit.draft.notes = v;
            edit.field = Some("notes".into());
        }
        row_messages(ui, out.problem.as_slice());
    }
}

/// One line above the form saying whether everything typed is stored. It is always there, with
/// the same height, so that its text changing moves no field.
fn status_line(ui: &mut egui::Ui, problems: &[(String, String)]) {
    let text = match problems {
        [] => egui::RichText::new("Все изменения сохранены").color(ui.visuals().weak_text_color()),
        [(caption, _)] => egui::RichText::new(format!("Не сохранено: поле «{caption}» — исправьте выделенное поле"))
            .color(theme::ERROR),
        many => egui::RichText::new(format!(
            "Не сохранено: {} — исправьте выделенные поля",
            many.iter().map(|(c, _)| format!("«{c}»")).collect::<Vec<_>>().join(", ")
        ))
        .color(theme::ERROR),
    };
    ui.add(egui::Label::new(text).truncate());
}

pub(super) fn show_text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

pub(super) fn section(ui: &mut egui::Ui, title: &str) {
    ui.separator();
    ui.strong(title);
}

/// A level with its colour chip and the sentence explaining it, in the campaign's wording.
pub(super) fn level_line<L: Level>(ui: &mut egui::Ui, m: &Methodology, what: &str, assessed: &Assessed<L>) {
    ui.horizontal_wrapped(|ui| {
        let label = m.text(assessed.level);
        chip(ui, assessed.level.colour(), label);
        // Reasons of block 1 and 3 already begin with the level's wording.
        if assessed.reason.starts_with(label) {
            ui.label(format!("{what}: {}", assessed.reason));
        } else {
            ui.label(format!("{what}: {label} — {}", assessed.reason));
        }
    });
}
