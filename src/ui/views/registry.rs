//! «Реестр работников»: every person of the staff registry over all campaigns, with filters by
//! municipality, position, education and training status, and a person's card with the whole
//! course history, and the proposed matches to confirm or reject (`proposals.rs`). Names are
//! personal data: shown only when «Показать ФИО» is ticked.

use crate::methodology::Methodology;
use crate::methodology::text::{date, years};
use crate::model::Education;
use crate::people::{Registry, build, next_reference_date, training_due};
use crate::ui::command::Command;
use crate::ui::session::{Loaded, Session};
use crate::ui::theme;
use chrono::NaiveDate;
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;
use uuid::Uuid;

/// What the registry was built from: the campaigns and the state of the one on screen.
type Stamp = (Vec<(i64, usize)>, (i64, Option<String>));

#[derive(Debug, Default)]
pub struct RegistryState {
    pub municipality: String,
    pub position: String,
    pub education: Option<Education>,
    /// Only those whose training lapses before the next monitoring.
    pub only_due: bool,
    pub show_names: bool,
    /// The person whose card is open.
    pub picked: Option<Uuid>,
    cache: Option<(Stamp, Registry)>,
}

impl RegistryState {
    /// Reads the registry again on the next frame (a match was confirmed or rejected).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, loaded: &Loaded, commands: &mut Vec<Command>) {
        let stamp: Stamp = match session.db.change_log_stamp(loaded.id) {
            Ok(s) => (session.campaigns.iter().map(|c| (c.id, c.responses)).collect(), s),
            Err(e) => {
                ui.colored_label(theme::ERROR, format!("Реестр не прочитан: {e:#}"));
                return;
            }
        };
        if self.cache.as_ref().is_none_or(|(s, _)| *s != stamp) {
            let built =
                session.db.staff_records().and_then(|records| Ok(build(records, &session.db.person_rejections()?)));
            match built {
                Ok(registry) => self.cache = Some((stamp, registry)),
                Err(e) => {
                    ui.colored_label(theme::ERROR, format!("Реестр не прочитан: {e:#}"));
                    return;
                }
            }
        }
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Найти муниципалитет");
            ui.add(egui::TextEdit::singleline(&mut self.municipality).desired_width(160.0)).labelled_by(label.id);
            let label = ui.label("должность");
            ui.add(egui::TextEdit::singleline(&mut self.position).desired_width(140.0)).labelled_by(label.id);
            let label = ui.label("образование");
            egui::ComboBox::from_id_salt("registry_education")
                .selected_text(self.education.map(|e| e.label()).unwrap_or("любое"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.education, None, "любое");
                    for e in Education::ALL {
                        ui.selectable_value(&mut self.education, Some(*e), e.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.only_due, "Обучение истекает до следующего мониторинга");
            ui.checkbox(&mut self.show_names, "Показать ФИО");
        });
        let Some((_, registry)) = &self.cache else { return };
        // The window of the campaign on screen, as its own assessment uses it.
        let m = &loaded.assessment.methodology;
        let due: HashMap<Uuid, Option<NaiveDate>> =
            training_due(registry, m, None).into_iter().map(|d| (d.person.id, d.valid_until)).collect();
        let wanted_place = self.municipality.trim().to_lowercase();
        let wanted_position = self.position.trim().to_lowercase();
        let rows: Vec<&crate::people::Person> = registry
            .people
            .iter()
            .filter(|p| {
                let Some(r) = p.latest() else { return false };
                (wanted_place.is_empty() || r.municipality.to_lowercase().contains(&wanted_place))
                    && (wanted_position.is_empty()
                        || r.position.as_deref().is_some_and(|x| x.to_lowercase().contains(&wanted_position)))
                    && self.education.is_none_or(|e| r.education == e)
                    && (!self.only_due || due.contains_key(&p.id))
            })
            .collect();
        let newest = registry.people.iter().filter_map(|p| p.latest()).map(|r| r.reference_date).max();
        let next = newest.map(next_reference_date).map(date).unwrap_or_default();
        ui.label(format!(
            "Человек: {} из {}; обучение истекает до {next}: {}",
            rows.len(),
            registry.people.len(),
            due.len(),
        ));
        let proposals: Vec<&crate::people::Proposal> = registry
            .proposals
            .iter()
            .filter(|p| wanted_place.is_empty() || p.municipality.to_lowercase().contains(&wanted_place))
            .collect();
        super::proposals::ui(ui, registry, &proposals, self.show_names, commands);
        let picked = self.picked.and_then(|id| registry.people.iter().find(|p| p.id == id));
        if let Some(p) = picked {
            egui::Panel::bottom("person_card").resizable(true).show(ui, |ui| {
                card(ui, p, self.show_names, m);
            });
        }
        let names = self.show_names;
        let mut clicked = None;
        let mut builder = TableBuilder::new(ui)
            .id_salt("registry")
            .striped(true)
            .auto_shrink([false, false])
            .column(Column::initial(180.0).clip(true).resizable(true));
        if names {
            builder = builder.column(Column::initial(200.0).clip(true).resizable(true));
        }
        builder = builder
            .column(Column::initial(150.0).clip(true).resizable(true))
            .column(Column::initial(170.0).clip(true).resizable(true))
            .column(Column::exact(90.0))
            .column(Column::initial(110.0).clip(true))
            .column(Column::remainder().clip(true));
        builder
            .header(24.0, |mut header| {
                let mut titles = vec!["Муниципалитет"];
                if names {
                    titles.push("ФИО");
                }
                titles.extend(["Должность", "Образование", "Стаж ММС/ОО", "Кампании", "Обучение"]);
                for t in titles {
                    header.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                    let Some(p) = rows.get(row.index()) else { return };
                    let Some(r) = p.latest() else { return };
                    row.col(|ui| {
                        if ui.link(&r.municipality).on_hover_text("Карточка работника").clicked() {
                            clicked = Some(p.id);
                        }
                    });
                    if names {
                        row.col(|ui| {
                            ui.label(r.name.as_deref().unwrap_or("—"));
                        });
                    }
                    let training = match due.get(&p.id) {
                        Some(Some(until)) => format!("истекает: действует до {}", date(*until)),
                        Some(None) => "нет учитываемых курсов".to_string(),
                        None => p
                            .last_qualifying_course(m, r.reference_date)
                            .map(|c| format!("действует до {}", date(m.training_valid_until(c.completed.get()))))
                            .unwrap_or_else(|| "—".into()),
                    };
                    let campaigns: Vec<String> =
                        p.records.iter().map(|r| r.reference_date.format("%Y").to_string()).collect();
                    for text in [
                        r.position.clone().unwrap_or_default(),
                        r.education.label().to_string(),
                        format!("{} / {}", years(r.service_years), years(r.school_years)),
                        campaigns.join(", "),
                        training,
                    ] {
                        row.col(|ui| {
                            ui.label(&text);
                        });
                    }
                });
            });
        if let Some(id) = clicked {
            self.picked = Some(id);
        }
    }
}

/// A person's card: where and what they are now, every campaign, every course.
fn card(ui: &mut egui::Ui, p: &crate::people::Person, names: bool, m: &Methodology) {
    let Some(r) = p.latest() else { return };
    ui.add_space(4.0);
    let who = match (names, &r.name) {
        (true, Some(name)) => format!("{name}, {}", r.position.as_deref().unwrap_or("должность не указана")),
        _ => r.position.clone().unwrap_or_else(|| "должность не указана".into()),
    };
    ui.heading(format!("Карточка работника: {who} — {}", r.municipality));
    ui.label(format!(
        "{}; стаж в ММС {} лет, в ОО {} лет (по анкете на {})",
        r.education.label(),
        years(r.service_years),
        years(r.school_years),
        date(r.reference_date)
    ));
    let campaigns: Vec<String> =
        p.records.iter().map(|x| format!("{} ({})", date(x.reference_date), x.municipality)).collect();
    ui.label(format!("В анкетах: {}", campaigns.join("; ")));
    ui.strong("Курсы повышения квалификации");
    let courses = p.courses();
    if courses.is_empty() {
        ui.label("нет");
    }
    for c in courses {
        let counts = c.relevant && c.hours.get() >= m.training_min_hours;
        let note = if counts {
            format!("учитывается до {}", date(m.training_valid_until(c.completed.get())))
        } else {
            "не учитывается".to_string()
        };
        ui.label(format!("{} — «{}», {} ч; {note}", date(c.completed), c.title, c.hours));
    }
    ui.add_space(4.0);
}
