//! «Значение показателя» under the indicator table of «Программы»: pick an indicator and a
//! period, type the value (numerator and denominator for a share), its source, and save. What
//! was typed becomes the keys of a file's `values[]` item and goes through the programme
//! reader (`programme::parse_entry`), so a value typed here passes exactly the rules of a file;
//! the saved value is written by a command, with a change-log entry.

use crate::programme::{Entry, EntryValue, Kind, Period, Programme};
use crate::ui::command::Command;
use crate::ui::theme;
use serde_json::{Map, Value, json};

/// What the form holds between frames.
#[derive(Default)]
pub struct ValueForm {
    indicator: String,
    period: Option<Period>,
    organisation: String,
    numerator: String,
    denominator: String,
    percent: String,
    value: String,
    yes: bool,
    text: String,
    /// For a free-text indicator: whether it meets its target (`None`: not judged).
    achieved: Option<bool>,
    source: String,
    /// (indicator, period, unit, organisation) the fields were filled from.
    filled_for: Option<(String, Option<Period>, String, String)>,
    problems: Vec<String>,
}

/// The form's fields, as their labels read (the tests find them by these).
const FIELDS: [(&str, &str); 8] = [
    ("numerator", "Числитель"),
    ("denominator", "Знаменатель"),
    ("percent", "Процент"),
    ("value", "Значение"),
    ("text", "Текст"),
    ("organisation", "Организация"),
    ("source", "Источник"),
    ("period", "Период"),
];

fn label_of(key: &str) -> &str {
    FIELDS.iter().find(|(k, _)| *k == key).map_or(key, |(_, label)| label)
}

impl ValueForm {
    /// Starts again from the stored values (after a save, or another programme).
    pub fn reset(&mut self) {
        self.filled_for = None;
        self.problems.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, p: &Programme, unit: &str, commands: &mut Vec<Command>) {
        if p.indicator(&self.indicator).is_none() {
            self.indicator = p.indicators.first().map(|i| i.code.clone()).unwrap_or_default();
        }
        if self.period.is_none_or(|x| !p.periods.contains(&x)) {
            self.period = p.periods.first().copied();
        }
        let Some(indicator) = p.indicator(&self.indicator).cloned() else { return };
        ui.add_space(8.0);
        ui.strong(format!("Значение показателя: {unit}"));
        egui::Grid::new("programme-value").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
            ui.label("");
            egui::ComboBox::from_label("Показатель")
                .width(420.0)
                .selected_text(format!("{} — {}", indicator.code, short(&indicator.title)))
                .show_ui(ui, |ui| {
                    for i in &p.indicators {
                        let text = format!("{} — {}", i.code, short(&i.title));
                        ui.selectable_value(&mut self.indicator, i.code.clone(), text);
                    }
                });
            ui.end_row();
            let label = ui.label("Период");
            egui::ComboBox::from_id_salt("programme-value-period")
                .selected_text(self.period.map(Period::label).unwrap_or_default())
                .show_ui(ui, |ui| {
                    for period in &p.periods {
                        ui.selectable_value(&mut self.period, Some(*period), period.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            if indicator.per_organisation {
                text_row(ui, "Организация", &mut self.organisation);
            }
        });
        let key = (self.indicator.clone(), self.period, unit.to_string(), self.organisation.trim().to_string());
        if self.filled_for.as_ref() != Some(&key) {
            self.fill(p, unit);
            self.filled_for = Some(key);
        }
        egui::Grid::new("programme-value-fields").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
            match indicator.kind {
                Kind::Share => {
                    text_row(ui, "Числитель", &mut self.numerator);
                    text_row(ui, "Знаменатель", &mut self.denominator);
                    text_row(ui, "Процент", &mut self.percent);
                }
                Kind::Count => text_row(ui, "Значение", &mut self.value),
                Kind::YesNo => {
                    ui.label("Значение");
                    ui.checkbox(&mut self.yes, "да");
                    ui.end_row();
                }
                Kind::Text => {
                    text_row(ui, "Текст", &mut self.text);
                    let label = ui.label("Достигнуто");
                    egui::ComboBox::from_id_salt("programme-value-achieved")
                        .selected_text(achieved_text(self.achieved))
                        .show_ui(ui, |ui| {
                            for choice in [None, Some(true), Some(false)] {
                                ui.selectable_value(&mut self.achieved, choice, achieved_text(choice));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
            }
            text_row(ui, "Источник", &mut self.source);
        });
        if indicator.kind == Kind::Share {
            ui.label("Доля: числитель и знаменатель, либо только процент, если известен лишь он");
        }
        if ui.button("Сохранить значение").clicked() {
            match self.entry(p, unit, indicator.kind) {
                Ok(entry) => {
                    self.problems.clear();
                    commands.push(Command::SetProgrammeValue { programme: p.code.clone(), entry: Box::new(entry) });
                }
                Err(problems) => self.problems = problems,
            }
        }
        for problem in &self.problems {
            ui.colored_label(theme::ERROR, problem);
        }
    }

    /// The fields from the stored value of the chosen indicator, period and unit (empty when
    /// there is none).
    fn fill(&mut self, p: &Programme, unit: &str) {
        let organisation = Some(self.organisation.trim()).filter(|o| !o.is_empty());
        let stored = p.values.iter().find(|e| {
            e.indicator == self.indicator
                && Some(e.period) == self.period
                && p.unit_of(e) == unit
                && e.organisation.as_deref() == organisation
        });
        let number = |n: f64| crate::programme::number(n);
        let (mut numerator, mut denominator, mut percent, mut value) =
            (String::new(), String::new(), String::new(), String::new());
        let (mut yes, mut text, mut achieved) = (false, String::new(), None);
        if let Some(e) = stored {
            match &e.value {
                EntryValue::Share { numerator: n, denominator: d } => {
                    (numerator, denominator) = (number(*n), number(*d))
                }
                EntryValue::Percent(x) => percent = number(*x),
                EntryValue::Count(x) => value = number(*x),
                EntryValue::YesNo(b) => yes = *b,
                EntryValue::Text { text: t, achieved: a } => (text, achieved) = (t.clone(), *a),
            }
        }
        self.numerator = numerator;
        self.denominator = denominator;
        self.percent = percent;
        self.value = value;
        self.yes = yes;
        self.text = text;
        self.achieved = achieved;
        self.source = stored.and_then(|e| e.source.clone()).unwrap_or_default();
        self.problems.clear();
    }

    /// What was typed, as a file's `values[]` item, through the programme reader.
    fn entry(&self, p: &Programme, unit: &str, kind: Kind) -> Result<Entry, Vec<String>> {
        let mut fields = Map::new();
        let mut problems = Vec::new();
        fields.insert("indicator".into(), json!(self.indicator));
        fields.insert("period".into(), json!(self.period.map(Period::code)));
        if unit != p.owner.name {
            fields.insert("municipality".into(), json!(unit));
        }
        let mut text = |key: &str, typed: &str| {
            if !typed.trim().is_empty() {
                fields.insert(key.into(), json!(typed.trim()));
            }
        };
        text("organisation", &self.organisation);
        text("source", &self.source);
        let mut number = |key: &str, typed: &str| match parse_number(typed) {
            Ok(Some(n)) => {
                fields.insert(key.into(), n);
            }
            Ok(None) => {}
            Err(message) => problems.push(format!("{}: {message}", label_of(key))),
        };
        match kind {
            Kind::Share => {
                number("numerator", &self.numerator);
                number("denominator", &self.denominator);
                number("percent", &self.percent);
            }
            Kind::Count => number("value", &self.value),
            Kind::YesNo => {
                fields.insert("value".into(), json!(self.yes));
            }
            Kind::Text => {
                if !self.text.trim().is_empty() {
                    fields.insert("text".into(), json!(self.text.trim()));
                }
                if let Some(a) = self.achieved {
                    fields.insert("achieved".into(), json!(a));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        crate::programme::parse_entry(p, &Value::Object(fields)).map_err(|problems| {
            problems
                .iter()
                .map(|x| {
                    let key = x.path.strip_prefix("$.").unwrap_or_default();
                    if key.is_empty() { x.message.clone() } else { format!("{}: {}", label_of(key), x.message) }
                })
                .collect()
        })
    }
}

/// A number as typed: a decimal comma or point; empty is no value.
fn parse_number(typed: &str) -> Result<Option<Value>, String> {
    let typed = typed.trim().replace([' ', '\u{a0}'], "");
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.replace(',', ".").parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(serde_json::Number::from_f64(n).map(Value::Number)),
        _ => Err(format!("«{typed}» — не число")),
    }
}

fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(text).desired_width(260.0)).labelled_by(label.id);
    ui.end_row();
}

fn achieved_text(achieved: Option<bool>) -> &'static str {
    match achieved {
        None => "не оценено",
        Some(true) => "да",
        Some(false) => "нет",
    }
}

/// A long indicator title cut for the list.
fn short(title: &str) -> String {
    let cut: String = title.chars().take(70).collect();
    if cut.len() < title.len() { format!("{cut}…") } else { cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_a_comma_or_a_point_and_say_what_is_wrong() {
        assert_eq!(parse_number(" 61,5 ").unwrap(), Some(json!(61.5)));
        assert_eq!(parse_number("12").unwrap(), Some(json!(12.0)));
        assert_eq!(parse_number("").unwrap(), None);
        assert_eq!(parse_number("много").unwrap_err(), "«много» — не число");
    }
}
