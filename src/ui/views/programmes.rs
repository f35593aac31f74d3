//! «Программы»: the target-indicator programmes of the database — the list, the indicator table
//! with the value and target of every period coloured by result (hover a cell for the reason),
//! the plan with its overdue activities first, and a chart of one indicator against its targets.
//!
//! The view reads the database (the list, the chosen programme) and caches what it read; a
//! value typed in below the table (`programme_value.rs`) is saved by a command.

use super::programme_value::ValueForm;
use crate::programme::{ActivityStatus, Programme, ProgrammeAssessment, assess};
use crate::storage::{Db, ProgrammeRow};
use crate::ui::command::Command;
use crate::ui::theme;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

/// What the «Программы» tab shows.
#[derive(Default)]
pub struct ProgrammesState {
    rows: Option<Vec<ProgrammeRow>>,
    current: Option<Shown>,
    error: Option<String>,
    unit: usize,
    chart: Option<String>,
    form: ValueForm,
    /// The programme to show once the list is read again (the one just imported).
    wanted: Option<String>,
    /// Set after a change: the next frame reads the list and the programme on screen again.
    stale: bool,
}

struct Shown {
    id: i64,
    programme: Programme,
    assessment: ProgrammeAssessment,
}

impl ProgrammesState {
    /// Forgets what was read, so the next frame reads the database again (after an import).
    pub fn invalidate(&mut self) {
        self.rows = None;
        self.current = None;
        self.form.reset();
    }

    /// After a value was saved or a programme imported: read again, keeping the programme and
    /// the municipality on screen (or showing the programme `code`, when given).
    pub fn refresh(&mut self, code: Option<&str>) {
        self.rows = None;
        self.stale = true;
        if let Some(code) = code {
            self.current = self.current.take().filter(|c| c.programme.code == code);
            self.wanted = Some(code.to_string());
        }
        self.form.reset();
    }

    fn open(&mut self, db: &Db, row: &ProgrammeRow) {
        match db.load_programme(&row.id.to_string()) {
            Ok(programme) => {
                let today = chrono::Local::now().date_naive();
                let assessment = assess(&programme, None, today);
                let same = self.current.as_ref().is_some_and(|c| c.id == row.id);
                if !same {
                    self.chart = programme.indicators.first().map(|i| i.code.clone());
                    self.unit = 0;
                    self.form.reset();
                }
                self.current = Some(Shown { id: row.id, programme, assessment });
                self.error = None;
            }
            Err(e) => self.error = Some(format!("Программу не удалось открыть: {e:#}")),
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, db: &Db, commands: &mut Vec<Command>) {
        if self.rows.is_none() {
            match db.programmes() {
                Ok(rows) => self.rows = Some(rows),
                Err(e) => {
                    self.error = Some(format!("Список программ не прочитан: {e:#}"));
                    self.rows = Some(Vec::new());
                }
            }
        }
        let rows = self.rows.clone().unwrap_or_default();
        if let Some(error) = &self.error {
            ui.colored_label(theme::ERROR, error);
        }
        if rows.is_empty() {
            ui.label(
                "В базе нет программ с целевыми показателями. Импортируйте файл программы: \
                 меню «Файл», «Импорт программы…» (примеры — в sample_data/programmes)",
            );
            return;
        }
        if let Some(code) = self.wanted.take()
            && let Some(row) = rows.iter().find(|r| r.code == code)
        {
            self.open(db, row);
        }
        if self.stale {
            self.stale = false;
            let id = self.current.as_ref().map(|c| c.id);
            if let Some(row) = rows.iter().find(|r| Some(r.id) == id) {
                self.open(db, row);
            }
        }
        if self.current.is_none()
            && let Some(first) = rows.first()
        {
            self.open(db, first);
        }
        ui.horizontal_wrapped(|ui| {
            for row in &rows {
                let chosen = self.current.as_ref().is_some_and(|c| c.id == row.id);
                if ui.selectable_label(chosen, format!("{} — {}", row.owner, row.title)).clicked() && !chosen {
                    self.open(db, row);
                }
            }
        });
        ui.separator();
        let Some(shown) = &self.current else { return };
        let a = &shown.assessment;
        ui.heading(&a.title);
        ui.label(format!("{}, {}", a.owner, a.span));
        if a.units.len() > 1 {
            egui::ComboBox::from_label("Муниципалитет")
                .selected_text(a.units.get(self.unit).cloned().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, unit) in a.units.iter().enumerate() {
                        ui.selectable_value(&mut self.unit, i, unit);
                    }
                });
        }
        let unit = a.units.get(self.unit).cloned().unwrap_or_default();
        egui::ScrollArea::vertical().id_salt("programme").show(ui, |ui| {
            for s in a.summaries.iter().filter(|s| s.municipality == unit) {
                ui.label(format!("{}: {}", s.period.label(), s.reason));
            }
            ui.add_space(6.0);
            indicator_table(ui, shown, &unit, &mut self.chart);
            self.form.ui(ui, &shown.programme, &unit, commands);
            ui.add_space(8.0);
            if let Some(code) = &self.chart {
                chart(ui, shown, &unit, code);
            }
            plan(ui, a);
        });
    }
}

fn cell(ui: &mut egui::Ui, text: &str, fill: egui::Color32, hover: &str, label: String) {
    egui::Frame::new().fill(fill).inner_margin(3.0).show(ui, |ui| {
        ui.colored_label(theme::ON_LEVEL, text)
            .on_hover_text(hover)
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    });
}

fn indicator_table(ui: &mut egui::Ui, shown: &Shown, unit: &str, chart: &mut Option<String>) {
    let a = &shown.assessment;
    egui::Grid::new("indicators").striped(true).min_col_width(60.0).show(ui, |ui| {
        ui.strong("№");
        ui.strong("Показатель");
        ui.strong("Исходное");
        for period in &a.periods {
            ui.strong(period.label());
        }
        ui.end_row();
        for indicator in &shown.programme.indicators {
            let code = &indicator.code;
            if ui
                .selectable_label(chart.as_deref() == Some(code.as_str()), code)
                .on_hover_text("Показать на графике")
                .clicked()
            {
                *chart = Some(code.clone());
            }
            ui.add(egui::Label::new(&indicator.title).wrap())
                .on_hover_text(indicator.collection_method.clone().unwrap_or_default());
            let baseline = a.baselines.iter().find(|(c, _)| c == code).map(|(_, v)| v.as_str()).unwrap_or("—");
            ui.label(baseline);
            for period in &a.periods {
                match a.result(code, *period, unit) {
                    Some(r) => {
                        let text = format!(
                            "{}\nцель: {}",
                            r.value.as_deref().unwrap_or("—"),
                            r.target.as_deref().unwrap_or("не установлена")
                        );
                        let label = format!("{code} — {}: {}", period.code(), r.outcome.label());
                        cell(ui, &text, theme::level_fill(r.outcome.colour()), &r.reason, label);
                    }
                    None => {
                        ui.label("—");
                    }
                }
            }
            ui.end_row();
        }
    });
}

/// The indicator's values per period as a line, its targets as points.
fn chart(ui: &mut egui::Ui, shown: &Shown, unit: &str, code: &str) {
    let a = &shown.assessment;
    let Some(indicator) = shown.programme.indicator(code) else { return };
    ui.label(format!("График показателя {code}: значения и целевые значения по периодам"));
    let mut values = Vec::new();
    let mut targets = Vec::new();
    for (x, period) in a.periods.iter().enumerate() {
        if let Some(r) = a.result(code, *period, unit) {
            if let Some(v) = r.value_number {
                values.push([x as f64, v]);
            }
            if let Some(t) = r.target_number {
                targets.push([x as f64, t]);
            }
        }
    }
    let labels: Vec<String> = a.periods.iter().map(|p| p.code()).collect();
    Plot::new(("programme-chart", code))
        .height(200.0)
        .legend(Legend::default())
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.line(Line::new("Значение", PlotPoints::from(values)));
            plot.points(Points::new("Целевое значение", PlotPoints::from(targets)).radius(4.0));
        });
    let _ = indicator;
}

fn plan(ui: &mut egui::Ui, a: &ProgrammeAssessment) {
    if a.plan.is_empty() {
        return;
    }
    let count = |s| a.plan.iter().filter(|x| x.status == s).count();
    ui.add_space(8.0);
    ui.strong(format!(
        "План мероприятий на {}: выполнено {}, выполняется {}, просрочено {}",
        crate::methodology::text::date(a.date),
        count(ActivityStatus::Done),
        count(ActivityStatus::InProgress),
        count(ActivityStatus::Overdue)
    ));
    let mut items: Vec<_> = a.plan.iter().collect();
    // Overdue first: that is what needs action.
    items.sort_by_key(|x| x.status != ActivityStatus::Overdue);
    egui::Grid::new("plan").striped(true).show(ui, |ui| {
        for x in items {
            ui.label(&x.number);
            ui.add(egui::Label::new(&x.title).wrap());
            let label = format!("Мероприятие {}: {}", x.number, x.status.label());
            cell(ui, x.status.label(), theme::level_fill(x.status.colour()), &x.reason, label);
            ui.label(x.term.as_deref().unwrap_or(""));
            ui.end_row();
        }
    });
}
