//! The «Методика» screen: the thresholds of the campaign on screen, editable, with how many
//! levels a change would alter before it is applied. The draft is checked by the methodology
//! file's own reader, so the screen refuses exactly what a file would.

use crate::methodology::{Methodology, assess, changed_levels, file};
use crate::ui::command::Command;
use crate::ui::session::Loaded;

/// One editable threshold: its label, whether it is whole, and how to read and write it.
struct Field {
    label: &'static str,
    whole: bool,
    get: fn(&Methodology) -> f64,
    set: fn(&mut Methodology, f64),
}

const FIELDS: &[Field] = &[
    Field {
        label: "Оптимальная численность — от, чел.",
        whole: true,
        get: |m| m.staff_optimal_min as f64,
        set: |m, v| m.staff_optimal_min = v as usize,
    },
    Field {
        label: "Допустимая численность — от, чел.",
        whole: true,
        get: |m| m.staff_admissible_min as f64,
        set: |m, v| m.staff_admissible_min = v as usize,
    },
    Field {
        label: "Высшее пед. образование: жёлтый — не менее, %",
        whole: true,
        get: |m| m.education_yellow_min_percent as f64,
        set: |m, v| m.education_yellow_min_percent = v as usize,
    },
    Field {
        label: "Стаж работы в ММС: более, лет",
        whole: false,
        get: |m| m.service_years_over,
        set: |m, v| m.service_years_over = v,
    },
    Field {
        label: "Стаж работы в ОО: более, лет",
        whole: false,
        get: |m| m.school_years_over,
        set: |m, v| m.school_years_over = v,
    },
    Field {
        label: "Стаж: зелёный — доля более, %",
        whole: true,
        get: |m| m.experience_green_over_percent as f64,
        set: |m, v| m.experience_green_over_percent = v as usize,
    },
    Field {
        label: "ППК: период, лет",
        whole: true,
        get: |m| m.training_window_years as f64,
        set: |m, v| m.training_window_years = v as u32,
    },
    Field {
        label: "ППК: объём курса не менее, ч",
        whole: true,
        get: |m| m.training_min_hours as f64,
        set: |m, v| m.training_min_hours = v as u32,
    },
    Field {
        label: "ППК: жёлтый — не менее, %",
        whole: true,
        get: |m| m.training_yellow_min_percent as f64,
        set: |m, v| m.training_yellow_min_percent = v as usize,
    },
    Field {
        label: "Обязанности: частично — от, функций",
        whole: true,
        get: |m| m.duties_partial_min as f64,
        set: |m, v| m.duties_partial_min = v as usize,
    },
    Field {
        label: "Инструкции устарели: более, лет",
        whole: true,
        get: |m| m.duties_outdated_after_years as f64,
        set: |m, v| m.duties_outdated_after_years = v as i32,
    },
    Field {
        label: "Потенциал критический: красных или синих от",
        whole: true,
        get: |m| m.potential_critical_min_red as f64,
        set: |m, v| m.potential_critical_min_red = v as usize,
    },
    Field {
        label: "Потенциал достаточный: зелёных от",
        whole: true,
        get: |m| m.potential_sufficient_min_green as f64,
        set: |m, v| m.potential_sufficient_min_green = v as usize,
    },
];

/// The draft of the campaign on screen.
#[derive(Debug, Default)]
pub struct MethodologyState {
    campaign: Option<i64>,
    draft: Option<Methodology>,
    texts: Vec<String>,
    /// (draft, levels it changes, problems) of the last check, so a frame recomputes nothing.
    checked: Option<(Methodology, usize, Vec<String>)>,
}

fn shown(value: f64) -> String {
    crate::methodology::text::years(value)
}

impl MethodologyState {
    /// Forgets the draft (after it was applied, or for another campaign).
    pub fn reset(&mut self) {
        *self = MethodologyState::default();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, commands: &mut Vec<Command>) {
        let current = &loaded.assessment.methodology;
        if self.campaign != Some(loaded.id) || self.draft.is_none() {
            self.campaign = Some(loaded.id);
            self.draft = Some(current.clone());
            self.texts = FIELDS.iter().map(|f| shown((f.get)(current))).collect();
            self.checked = None;
        }
        let Some(draft) = self.draft.as_mut() else { return };
        ui.heading("Методика оценки кампании");
        ui.label(format!("{} ({})", draft.title, draft.id));
        ui.add_space(6.0);
        let mut typing_errors = Vec::new();
        egui::Grid::new("methodology").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            for (field, text) in FIELDS.iter().zip(self.texts.iter_mut()) {
                let label = ui.label(field.label);
                if ui.add(egui::TextEdit::singleline(text).desired_width(80.0)).labelled_by(label.id).changed() {
                    match text.trim().replace(',', ".").parse::<f64>() {
                        Ok(v) if v.is_finite() && (!field.whole || v.fract() == 0.0) => (field.set)(draft, v),
                        _ => {}
                    }
                }
                let parsed = text.trim().replace(',', ".").parse::<f64>();
                if !matches!(parsed, Ok(v) if v.is_finite() && v >= 0.0 && (!field.whole || v.fract() == 0.0)) {
                    let what = if field.whole { "целое число" } else { "число" };
                    typing_errors.push(format!("«{}»: ожидалось {what}, введено «{text}»", field.label));
                }
                ui.end_row();
            }
        });
        if self.checked.as_ref().is_none_or(|(m, _, _)| m != draft) {
            let problems = match file::parse(&draft.to_json_string()) {
                Ok(_) => Vec::new(),
                Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
            };
            let count = changed_levels(&loaded.assessment, &assess(&loaded.campaign, draft));
            self.checked = Some((draft.clone(), count, problems));
        }
        let Some((_, count, problems)) = &self.checked else { return };
        ui.add_space(6.0);
        for problem in typing_errors.iter().chain(problems) {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        let changed = draft != current;
        let valid = typing_errors.is_empty() && problems.is_empty();
        if changed && valid {
            ui.label(format!("Уровней изменится: {count}"));
        } else if !changed {
            ui.label("Изменений нет");
        }
        let mut reset = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(changed && valid, egui::Button::new("Применить")).clicked() {
                commands.push(Command::SetMethodology(Box::new(draft.clone())));
                reset = true;
            }
            if ui.add_enabled(changed, egui::Button::new("Отменить изменения")).clicked() {
                reset = true;
            }
        });
        if reset {
            self.reset();
        }
    }
}
