//! The staff table of «Анкета»: one row per person (name, position, education, years in the
//! service and in schools), each person's courses as a nested list, and a row to add a course.
//! Enter in the last row adds a person.

use super::questionnaire::{Edit, level_line, section, show_text};
use super::widgets::{Buffers, field_id, row_messages};
use crate::methodology::{Indicator, MunicipalityAssessment, text};
use crate::model::{Course, Education, Hours, Staff, values};
use crate::ui::parse;
use crate::ui::theme;
use chrono::NaiveDate;
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct StaffForm {
    /// The person whose courses are open.
    expanded: Option<Uuid>,
    new_course: NewCourse,
    /// A person being added: stored only once an education is chosen, so that an empty row
    /// changes no level.
    pending: Option<NewPerson>,
}

/// The fields of a person being added.
#[derive(Debug)]
struct NewPerson {
    name: String,
    position: String,
    education: Option<Education>,
    service_years: String,
    school_years: String,
    /// The name field gets the keyboard focus once, when the row appears.
    focused: bool,
}

impl Default for NewPerson {
    fn default() -> Self {
        NewPerson {
            name: String::new(),
            position: String::new(),
            education: None,
            service_years: "0".into(),
            school_years: "0".into(),
            focused: false,
        }
    }
}

/// The fields of a course being added; it is stored only once they are all valid.
#[derive(Debug, Default)]
struct NewCourse {
    title: String,
    hours: String,
    date: String,
    relevant: bool,
}

/// Column headings of the staff table.
const COLUMNS: [&str; 6] = ["ФИО", "Должность", "Образование", "Стаж в ММС, лет", "Стаж в ОО, лет", "Курсы"];

impl StaffForm {
    /// Forgets a person being added (another municipality, undo, import).
    pub(super) fn reset(&mut self) {
        self.pending = None;
    }

    pub(super) fn ui(
        &mut self,
        ui: &mut egui::Ui,
        buffers: &mut Buffers,
        edit: &mut Edit,
        assessed: &MunicipalityAssessment,
        reference_date: NaiveDate,
        methodology: &crate::methodology::Methodology,
    ) {
        section(ui, "Сотрудники (блоки 1 и 2)");
        let mut provided = edit.draft.staff.is_some();
        if ui.checkbox(&mut provided, "Сведения о сотрудниках предоставлены").changed()
        {
            edit.draft.staff = provided.then(Vec::new);
            edit.structural = true;
        }
        let Some(staff) = &mut edit.draft.staff else {
            level_line(ui, methodology, "Кадровый потенциал", &assessed.potential);
            return;
        };
        let mut remove = None;
        let mut add_after_enter = false;
        let count = staff.len();
        if count > 0 || self.pending.is_some() {
            // Messages of invalid fields go right under the table: the table is wider than a small
            // window, and its rows' ends may be out of sight. Below it, they move no field of it.
            let mut notes: Vec<String> = Vec::new();
            let grid = egui::Grid::new("staff").num_columns(COLUMNS.len() + 2).striped(true).spacing([8.0, 4.0]);
            grid.show(ui, |ui| {
                ui.strong("№");
                let headers: Vec<egui::Id> = COLUMNS.iter().map(|c| ui.strong(*c).id).collect();
                ui.label("");
                ui.end_row();
                for (row, person) in staff.iter_mut().enumerate() {
                    let id = *person.id.get_or_insert_with(Uuid::new_v4);
                    ui.label(format!("{}", row + 1));
                    let (enter, messages) =
                        self.person_row(ui, buffers, &mut edit.field, &headers, (row + 1, id), person);
                    if ui.small_button("Удалить").on_hover_text("Удалить сотрудника (Ctrl+Z вернёт)").clicked()
                    {
                        remove = Some(row);
                    }
                    if !messages.is_empty() {
                        notes.push(format!("Сотрудник {}: {}", row + 1, messages.join("; ")));
                    }
                    ui.end_row();
                    if enter && row + 1 == count {
                        add_after_enter = true;
                    }
                }
                if let Some(person) = self.new_person_row(ui, &headers, count + 1, &mut notes) {
                    staff.push(person);
                    edit.structural = true;
                }
            });
            for note in &notes {
                ui.colored_label(theme::ERROR, note);
            }
            // The open person's courses go below the table, so the table's columns keep their widths.
            let open = self.expanded.and_then(|id| staff.iter_mut().find(|p| p.id == Some(id)));
            if let Some(person) = open
                && let Some(id) = person.id
            {
                ui.indent("courses", |ui| {
                    self.courses(ui, buffers, &mut edit.field, &mut edit.structural, id, person, reference_date);
                });
            }
        } else {
            ui.label("Сотрудников нет");
        }
        if let Some(row) = remove {
            staff.remove(row);
            edit.structural = true;
        }
        if ui.button("Добавить сотрудника").clicked() || add_after_enter {
            self.pending.get_or_insert_with(NewPerson::default);
        }
        for indicator in Indicator::ALL {
            level_line(ui, methodology, &indicator.title(methodology), assessed.indicator(indicator));
        }
        level_line(ui, methodology, "Кадровый потенциал", &assessed.potential);
    }

    /// One person's fields; returns whether Enter was pressed in one of them, and the messages
    /// of its invalid fields.
    fn person_row(
        &mut self,
        ui: &mut egui::Ui,
        buffers: &mut Buffers,
        field: &mut Option<String>,
        headers: &[egui::Id],
        (number, id): (usize, Uuid),
        person: &mut Staff,
    ) -> (bool, Vec<String>) {
        let header = |i: usize| headers.get(i).copied().unwrap_or(egui::Id::NULL);
        let mut enter = false;
        let mut messages = Vec::new();
        let mut note = |key: String, response: &egui::Response, problem: Option<String>| {
            enter |= response.lost_focus() && response.ctx.input(|i| i.key_pressed(egui::Key::Enter));
            messages.extend(problem);
            key
        };
        let key = format!("staff.{id}.name");
        let out = buffers
            .field(ui, &key, "ФИО", header(0), 190.0, &person.name, show_text, |t| Ok(parse::optional_text(t)));
        let key = note(key, &out.response, out.problem);
        if let Some(v) = out.value {
            person.name = v;
            *field = Some(key);
        }
        let key = format!("staff.{id}.position");
        let out = buffers.field(ui, &key, "Должность", header(1), 120.0, &person.position, show_text, |t| {
            Ok(parse::optional_text(t))
        });
        let key = note(key, &out.response, out.problem);
        if let Some(v) = out.value {
            person.position = v;
            *field = Some(key);
        }
        egui::ComboBox::from_id_salt(format!("staff.{id}.education"))
            .selected_text(person.education.label())
            .width(190.0)
            .show_ui(ui, |ui| {
                for e in Education::ALL {
                    ui.selectable_value(&mut person.education, *e, e.label());
                }
            })
            .response
            .labelled_by(header(2));
        for (column, caption, value) in
            [(3, "Стаж в ММС", &mut person.service_years), (4, "Стаж в ОО", &mut person.school_years)]
        {
            let key = format!("staff.{id}.{column}");
            let caption = format!("{caption} (сотрудник {number})");
            let out = buffers.field(
                ui,
                &key,
                &caption,
                header(column),
                60.0,
                value,
                |v| values::number(v.get()),
                parse::years,
            );
            let key = note(key, &out.response, out.problem);
            if let Some(v) = out.value {
                *value = v;
                *field = Some(key);
            }
        }
        let open = self.expanded == Some(id);
        let label = format!("{} ({})", person.courses.len(), if open { "скрыть" } else { "показать" });
        let toggle = ui.selectable_label(open, label).labelled_by(header(5)).on_hover_text("Показать курсы");
        if toggle.clicked() {
            self.expanded = if open { None } else { Some(id) };
            self.new_course = NewCourse { relevant: true, ..NewCourse::default() };
        }
        (enter, messages)
    }

    /// The row of a person being added (when there is one); gives the person once an education
    /// is chosen and the years are valid.
    fn new_person_row(
        &mut self,
        ui: &mut egui::Ui,
        headers: &[egui::Id],
        number: usize,
        notes: &mut Vec<String>,
    ) -> Option<Staff> {
        let header = |i: usize| headers.get(i).copied().unwrap_or(egui::Id::NULL);
        let p = self.pending.as_mut()?;
        ui.label(format!("{number}"));
        let text = |ui: &mut egui::Ui, text: &mut String, key: &str, width: f32, column: usize| {
            let edit = egui::TextEdit::singleline(text).id(field_id(key)).desired_width(width);
            ui.add(edit).labelled_by(header(column))
        };
        let name = text(ui, &mut p.name, "staff.new.name", 190.0, 0);
        if !std::mem::replace(&mut p.focused, true) {
            name.request_focus();
        }
        text(ui, &mut p.position, "staff.new.position", 120.0, 1);
        egui::ComboBox::from_id_salt("staff.new.education")
            .selected_text(p.education.map_or("выберите…", Education::label))
            .width(190.0)
            .show_ui(ui, |ui| {
                for e in Education::ALL {
                    ui.selectable_value(&mut p.education, Some(*e), e.label());
                }
            })
            .response
            .labelled_by(header(2));
        let service_edit = text(ui, &mut p.service_years, "staff.new.3", 60.0, 3);
        let school_edit = text(ui, &mut p.school_years, "staff.new.4", 60.0, 4);
        ui.label("—");
        let cancel = ui.small_button("Отменить").on_hover_text("Не добавлять сотрудника").clicked();
        let (service_years, school_years) = (parse::years(&p.service_years), parse::years(&p.school_years));
        let mut messages: Vec<String> = Vec::new();
        for (years, edit) in [(&service_years, &service_edit), (&school_years, &school_edit)] {
            if let Err(message) = years {
                ui.painter().rect_stroke(edit.rect, 2.0, theme::invalid_stroke(), egui::StrokeKind::Outside);
                messages.push(message.clone());
            }
        }
        if p.education.is_none() {
            messages.push("выберите образование — до этого сотрудник не сохранён и не учитывается".into());
        }
        if !messages.is_empty() {
            notes.push(format!("Сотрудник {number} (новый): {}", messages.join("; ")));
        }
        ui.end_row();
        if cancel {
            self.pending = None;
            return None;
        }
        let (Some(education), Ok(service_years), Ok(school_years)) = (p.education, service_years, school_years) else {
            return None;
        };
        let person = Staff {
            id: Some(Uuid::new_v4()),
            person: None,
            name: parse::optional_text(&p.name),
            position: parse::optional_text(&p.position),
            education,
            service_years,
            school_years,
            courses: Vec::new(),
        };
        self.pending = None;
        Some(person)
    }

    /// The open person's courses, then a row to add one.
    #[allow(clippy::too_many_arguments)]
    fn courses(
        &mut self,
        ui: &mut egui::Ui,
        buffers: &mut Buffers,
        field: &mut Option<String>,
        structural: &mut bool,
        id: Uuid,
        person: &mut Staff,
        reference_date: NaiveDate,
    ) {
        ui.vertical(|ui| {
            ui.strong(format!("Курсы повышения квалификации: {}", person.name.as_deref().unwrap_or("сотрудник")));
            let mut remove = None;
            egui::Grid::new(format!("courses.{id}")).num_columns(6).spacing([8.0, 4.0]).show(ui, |ui| {
                let title_h = ui.label("Название курса").id;
                let hours_h = ui.label("Часов").id;
                let date_h = ui.label("Дата окончания").id;
                let relevant_h = ui.label("По профилю").id;
                ui.label("");
                ui.end_row();
                for (j, course) in person.courses.iter_mut().enumerate() {
                    let mut messages = Vec::new();
                    let key = format!("staff.{id}.course.{j}.title");
                    let out = buffers.field(
                        ui,
                        &key,
                        "Название курса",
                        title_h,
                        300.0,
                        &course.title,
                        String::clone,
                        parse::required,
                    );
                    messages.extend(out.problem);
                    if let Some(v) = out.value {
                        course.title = v;
                        *field = Some(key);
                    }
                    let key = format!("staff.{id}.course.{j}.hours");
                    let out =
                        buffers.field(ui, &key, "Часов", hours_h, 50.0, &course.hours, Hours::to_string, parse::hours);
                    messages.extend(out.problem);
                    if let Some(v) = out.value {
                        course.hours = v;
                        *field = Some(key);
                    }
                    let key = format!("staff.{id}.course.{j}.date");
                    let out = buffers.field(
                        ui,
                        &key,
                        "Дата окончания",
                        date_h,
                        90.0,
                        &course.completed,
                        |d| text::date(*d),
                        parse::date,
                    );
                    messages.extend(out.problem);
                    if let Some(v) = out.value {
                        course.completed = v;
                        *field = Some(key);
                    }
                    ui.checkbox(&mut course.relevant, "")
                        .labelled_by(relevant_h)
                        .on_hover_text("Курс по профилю (не только об организации ГИА)");
                    if ui.small_button("Удалить курс").clicked() {
                        remove = Some(j);
                    }
                    row_messages(ui, &messages);
                    ui.end_row();
                }
                if let Some(course) = self.new_course_row(ui, reference_date, [title_h, hours_h, date_h, relevant_h]) {
                    person.courses.push(course);
                    *structural = true;
                }
                ui.end_row();
            });
            if let Some(j) = remove {
                person.courses.remove(j);
                *structural = true;
            }
        });
    }

    /// The row for a new course; gives the course when «Добавить курс» is pressed with valid fields.
    fn new_course_row(
        &mut self,
        ui: &mut egui::Ui,
        reference_date: NaiveDate,
        [title_h, hours_h, date_h, relevant_h]: [egui::Id; 4],
    ) -> Option<Course> {
        let c = &mut self.new_course;
        let field = |ui: &mut egui::Ui, text: &mut String, key: &str, hint: String, width: f32, label: egui::Id| {
            let edit = egui::TextEdit::singleline(text).id(field_id(key)).hint_text(hint).desired_width(width);
            ui.add(edit).labelled_by(label)
        };
        field(ui, &mut c.title, "new_course.title", "новый курс".into(), 300.0, title_h);
        field(ui, &mut c.hours, "new_course.hours", "36".into(), 50.0, hours_h);
        field(ui, &mut c.date, "new_course.date", text::date(reference_date), 90.0, date_h);
        ui.checkbox(&mut c.relevant, "").labelled_by(relevant_h);
        let parsed = (parse::required(&c.title), parse::hours(&c.hours), parse::date(&c.date));
        let ready = matches!(parsed, (Ok(_), Ok(_), Ok(_)));
        let untouched = c.title.is_empty() && c.hours.is_empty() && c.date.is_empty();
        let clicked = ui.add_enabled(ready, egui::Button::new("Добавить курс")).clicked();
        let errors = [parsed.0.as_ref().err(), parsed.1.as_ref().err(), parsed.2.as_ref().err()];
        let messages: Vec<String> =
            if untouched { Vec::new() } else { errors.into_iter().flatten().cloned().collect() };
        row_messages(ui, &messages);
        if let (true, (Ok(title), Ok(hours), Ok(completed))) = (clicked, parsed) {
            let relevant = c.relevant;
            *c = NewCourse { relevant: true, ..NewCourse::default() };
            return Some(Course { title, hours, completed, relevant });
        }
        None
    }
}
