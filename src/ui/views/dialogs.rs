//! Modal dialogs (the file path field, «Новая кампания…») and the screen shown when no
//! database could be opened.

use crate::storage::{CampaignRow, MergeChoices, MergePlan, Side};
use crate::ui::command::{Command, FilePurpose};
use crate::ui::parse;
use crate::ui::session::{Loaded, NewCampaign};
use crate::ui::theme;
use std::path::PathBuf;

pub enum Dialog {
    Path(PathPrompt),
    NewCampaign(NewCampaignDraft),
    Merge(Box<MergeDialog>),
}

impl Dialog {
    /// «Новая кампания…», pre-filled from the campaign on screen.
    pub fn new_campaign(current: Option<&Loaded>) -> Dialog {
        // The next round is usually a year later, on the same day.
        let next_year = current.map(|l| l.campaign.reference_date.year() + 1);
        Dialog::NewCampaign(NewCampaignDraft {
            title: current.map(|l| l.campaign.title.clone()).unwrap_or_default(),
            region: current.map(|l| l.campaign.region.clone()).unwrap_or_else(|| "Приморский край".into()),
            date_text: next_year.map(|y| format!("31.12.{y}")).unwrap_or_default(),
            copy_from: current.map(|l| l.id),
            add_elapsed_years: false,
        })
    }

    pub fn ui(&mut self, ctx: &egui::Context, campaigns: &[CampaignRow], commands: &mut Vec<Command>) {
        let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| match self {
            Dialog::Path(prompt) => prompt.ui(ui, commands),
            Dialog::NewCampaign(draft) => draft.ui(ui, campaigns, commands),
            Dialog::Merge(merge) => merge.ui(ui, commands),
        });
        if modal.should_close() {
            commands.push(Command::CloseDialog);
        }
    }
}

/// The path field that stands in for a native file dialog.
pub struct PathPrompt {
    pub purpose: FilePurpose,
    pub text: String,
    pub with_names: bool,
    /// The native dialog was tried and gave nothing back.
    pub after_native: bool,
    /// The field has been given the keyboard focus once.
    focused: bool,
}

impl PathPrompt {
    /// The field starts with `folder` and, for a file to write, the suggested name.
    pub fn new(purpose: FilePurpose, folder: &std::path::Path, suggested: &str, after_native: bool) -> PathPrompt {
        let text = if suggested.is_empty() {
            format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR)
        } else {
            folder.join(suggested).display().to_string()
        };
        PathPrompt { purpose, text, with_names: false, after_native, focused: false }
    }

    fn ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.set_width(560.0);
        ui.heading(self.purpose.title());
        if self.after_native {
            ui.label("Системное окно выбора файла недоступно или было закрыто — введите путь здесь.");
        }
        let label = ui.label("Путь к файлу");
        let edit =
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(f32::INFINITY)).labelled_by(label.id);
        if !std::mem::replace(&mut self.focused, true) {
            edit.request_focus();
        }
        let (formats, extensions) = self.purpose.filter();
        let listed = extensions.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ");
        ui.label(format!("Форматы: {formats} — {listed}"));
        if self.purpose == FilePurpose::Export {
            ui.checkbox(&mut self.with_names, "Включить ФИО сотрудников (персональные данные)");
        }
        let path = self.resolved();
        let problem = self.problem(&path);
        if let Some(problem) = &problem {
            ui.colored_label(theme::ERROR, problem);
        } else if path.as_os_str() != self.text.trim() {
            ui.label(format!("Будет записан файл {}", path.display()));
        }
        let replaces = problem.is_none() && self.purpose.writes() && path.is_file();
        if replaces {
            ui.colored_label(theme::ERROR, "Такой файл уже есть — он будет заменён");
        }
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let caption = if replaces { "Заменить" } else { "ОК" };
            let ok = ui.add_enabled(problem.is_none(), egui::Button::new(caption)).clicked();
            if (ok || enter) && problem.is_none() {
                commands.push(Command::FileChosen {
                    purpose: self.purpose,
                    path: path.clone(),
                    with_names: self.with_names,
                });
            }
            if ui.button("Отмена").clicked() {
                commands.push(Command::CloseDialog);
            }
        });
    }

    /// The typed path; a file to write without an extension gets the first one of its formats.
    fn resolved(&self) -> PathBuf {
        let path = PathBuf::from(self.text.trim());
        let (_, extensions) = self.purpose.filter();
        match (self.purpose.writes(), path.extension(), extensions.first()) {
            (true, None, Some(extension))
                if path.file_name().is_some() && !self.text.ends_with(std::path::MAIN_SEPARATOR) =>
            {
                path.with_extension(extension)
            }
            _ => path,
        }
    }

    fn problem(&self, path: &std::path::Path) -> Option<String> {
        if self.text.trim().is_empty() || path.file_name().is_none() || self.text.ends_with(std::path::MAIN_SEPARATOR) {
            return Some("укажите имя файла".into());
        }
        if self.purpose == FilePurpose::NewDatabase && path.exists() {
            return Some("такой файл уже есть — выберите другое имя".into());
        }
        let must_exist = matches!(self.purpose, FilePurpose::Import | FilePurpose::OpenDatabase);
        if must_exist && !path.is_file() {
            return Some("такого файла нет".into());
        }
        if self.purpose.writes() && path.parent().is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
            return Some("такой папки нет".into());
        }
        None
    }
}

/// The fields of «Новая кампания…».
pub struct NewCampaignDraft {
    pub title: String,
    pub region: String,
    pub date_text: String,
    /// Start from the answers of this campaign.
    pub copy_from: Option<i64>,
    /// Add the elapsed time to the staff's years of experience (off unless asked).
    pub add_elapsed_years: bool,
}

impl NewCampaignDraft {
    fn ui(&mut self, ui: &mut egui::Ui, campaigns: &[CampaignRow], commands: &mut Vec<Command>) {
        ui.set_width(560.0);
        ui.heading("Новая кампания");
        let date = parse::date(&self.date_text);
        egui::Grid::new("new_campaign").num_columns(2).show(ui, |ui| {
            let label = ui.label("Название кампании");
            ui.add(egui::TextEdit::singleline(&mut self.title).desired_width(400.0)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Регион");
            ui.add(egui::TextEdit::singleline(&mut self.region).desired_width(400.0)).labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Дата мониторинга");
            let edit =
                ui.add(egui::TextEdit::singleline(&mut self.date_text).desired_width(120.0)).labelled_by(label.id);
            if let Err(message) = &date {
                ui.painter().rect_stroke(edit.rect, 2.0, theme::invalid_stroke(), egui::StrokeKind::Outside);
                ui.end_row();
                ui.label("");
                ui.colored_label(theme::ERROR, message);
            }
            ui.end_row();
            let label = ui.label("Начать с ответов");
            let chosen = self
                .copy_from
                .and_then(|id| campaigns.iter().find(|c| c.id == id))
                .map(|c| format!("{} ({})", c.title, c.reference_date.format("%Y")))
                .unwrap_or_else(|| "пустые анкеты".into());
            egui::ComboBox::from_id_salt("copy_from")
                .selected_text(chosen)
                .width(400.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.copy_from, None, "пустые анкеты");
                    for c in campaigns {
                        let text = format!("{} ({})", c.title, c.reference_date.format("%Y"));
                        ui.selectable_value(&mut self.copy_from, Some(c.id), text);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });
        if self.copy_from.is_some() {
            ui.checkbox(
                &mut self.add_elapsed_years,
                "Прибавить к стажу сотрудников время, прошедшее между датами мониторинга",
            );
            ui.label(if self.add_elapsed_years {
                "Стаж каждого сотрудника увеличится на срок между датами мониторинга; проверьте его в анкетах"
            } else {
                "Стаж сотрудников останется таким, как в прошлой кампании (по умолчанию)"
            });
            ui.label("Сотрудники переносятся с их историей курсов; прошлая кампания не изменится");
        }
        let title = self.title.trim();
        let ready = !title.is_empty() && !self.region.trim().is_empty();
        if !ready {
            ui.colored_label(theme::ERROR, "укажите название и регион");
        }
        ui.horizontal(|ui| {
            if ui.add_enabled(ready && date.is_ok(), egui::Button::new("Создать")).clicked()
                && let Ok(reference_date) = date
            {
                commands.push(Command::NewCampaign(NewCampaign {
                    title: title.to_string(),
                    region: self.region.trim().to_string(),
                    reference_date,
                    copy_from: self.copy_from,
                    add_elapsed_years: self.copy_from.is_some() && self.add_elapsed_years,
                }));
            }
            if ui.button("Отмена").clicked() {
                commands.push(Command::CloseDialog);
            }
        });
    }
}

/// The conflicts of a field package, side by side, with the analyst's choice per field.
pub struct MergeDialog {
    /// The package file.
    pub path: PathBuf,
    pub plan: MergePlan,
    /// Per conflict, in the order of [`MergePlan::conflicts`]: the side chosen, if any.
    pub chosen: Vec<Option<Side>>,
}

impl MergeDialog {
    pub fn new(path: PathBuf, plan: MergePlan) -> MergeDialog {
        let chosen = vec![None; plan.conflicts().count()];
        MergeDialog { path, plan, chosen }
    }

    /// The choices to apply, once every conflict has a side.
    pub fn choices(&self) -> Option<MergeChoices> {
        let mut choices = MergeChoices::default();
        for ((municipality, conflict), side) in self.plan.conflicts().zip(&self.chosen) {
            choices.fields.insert((municipality.to_string(), conflict.field.clone()), (*side)?);
        }
        Some(choices)
    }

    fn ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.set_width(1000.0);
        ui.heading("Конфликты при импорте пакета с выезда");
        let file =
            self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into());
        ui.label(format!(
            "В пакете {file} поля ниже изменены и здесь, и на выезде. Выберите для каждого поля, какое значение оставить. \
             Остальные изменения пакета будут приняты. Пока не нажато «Применить», в базу ничего не записано."
        ));
        ui.horizontal(|ui| {
            if ui.button("всё здесь").clicked() {
                self.chosen.fill(Some(Side::Ours));
            }
            if ui.button("всё из пакета").clicked() {
                self.chosen.fill(Some(Side::Theirs));
            }
        });
        ui.separator();
        const WIDTH: f32 = 190.0;
        let absent = "—";
        egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
            egui::Grid::new("merge_conflicts").num_columns(6).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
                for title in ["Муниципалитет", "Поле", "было при выдаче", "здесь", "в пакете", "оставить"]
                {
                    ui.strong(title);
                }
                ui.end_row();
                for ((municipality, conflict), side) in self.plan.conflicts().zip(self.chosen.iter_mut()) {
                    cell(ui, municipality, 150.0);
                    cell(ui, &conflict.label, 150.0);
                    cell(ui, conflict.base.as_deref().unwrap_or("неизвестно"), WIDTH);
                    cell(ui, conflict.ours.as_deref().unwrap_or(absent), WIDTH);
                    cell(ui, conflict.theirs.as_deref().unwrap_or(absent), WIDTH);
                    ui.vertical(|ui| {
                        ui.radio_value(side, Some(Side::Ours), "оставить здесь");
                        ui.radio_value(side, Some(Side::Theirs), "взять из пакета");
                    });
                    ui.end_row();
                }
            });
        });
        ui.separator();
        let choices = self.choices();
        let left = self.chosen.iter().filter(|s| s.is_none()).count();
        if left > 0 {
            ui.colored_label(theme::ERROR, format!("Не выбрано полей: {left}"));
        }
        ui.horizontal(|ui| {
            if ui.add_enabled(choices.is_some(), egui::Button::new("Применить")).clicked()
                && let Some(choices) = choices
            {
                commands.push(Command::ApplyMerge(choices));
            }
            if ui.button("Отмена").clicked() {
                commands.push(Command::CloseDialog);
            }
        });
    }
}

/// A wrapped value in a column of the given width.
fn cell(ui: &mut egui::Ui, text: &str, width: f32) {
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(text).wrap());
    });
}

/// Shown instead of the tabs when no database is open: what is wrong and the ways out.
pub fn no_database(ui: &mut egui::Ui, problem: Option<&str>, commands: &mut Vec<Command>) {
    ui.add_space(24.0);
    ui.heading("База данных не открыта");
    if let Some(problem) = problem {
        ui.add(egui::Label::new(egui::RichText::new(problem).color(theme::ERROR)).wrap());
    }
    ui.label("Откройте другую базу данных или создайте новую. Если база была занята другой копией программы, закройте ту копию и повторите.");
    ui.horizontal(|ui| {
        if ui.button("Повторить").clicked() {
            commands.push(Command::RetryDatabase);
        }
        if ui.button("Открыть другую базу…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::OpenDatabase));
        }
        if ui.button("Создать новую базу…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::NewDatabase));
        }
    });
}
