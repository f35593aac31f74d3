//! «Сводка»: how many municipalities reached each level of each indicator (with the note's
//! percentages), a bar chart of the colours, and the staffing-potential lists.

use super::widgets::chip;
use crate::methodology::{
    AssociationsLevel, Colour, DutiesLevel, Indicator, IndicatorLevel, Level, Methodology, MunicipalityAssessment,
    PotentialLevel, ServiceLevel, StaffCountLevel, text,
};
use crate::ui::session::Loaded;
use crate::ui::theme;
use egui_plot::{Bar, BarChart, Legend, Plot};

/// The counts of one indicator.
struct Tally {
    title: String,
    short: &'static str,
    /// (text, colour, count) in the order of the methodology; texts from the campaign's methodology.
    levels: Vec<(String, Colour, usize)>,
}

fn tally<L: Level + PartialEq>(
    title: impl Into<String>,
    short: &'static str,
    methodology: &Methodology,
    pick: impl Fn(&MunicipalityAssessment) -> L,
    municipalities: &[MunicipalityAssessment],
) -> Tally {
    let levels = L::all()
        .iter()
        .map(|&level| {
            let count = municipalities.iter().filter(|m| pick(m) == level).count();
            (methodology.text(level).to_string(), level.colour(), count)
        })
        .collect();
    Tally { title: title.into(), short, levels }
}

fn tallies(ms: &[MunicipalityAssessment], m: &Methodology) -> Vec<Tally> {
    let mut out = vec![
        tally::<ServiceLevel>("Наличие ММС", "ММС", m, |x| x.service.level, ms),
        tally::<StaffCountLevel>("Численность сотрудников", "Численность", m, |x| x.staff_count_level.level, ms),
    ];
    let short = ["Образование", "Стаж ММС", "Стаж ОО", "ППК"];
    for (indicator, short) in Indicator::ALL.into_iter().zip(short) {
        out.push(tally::<IndicatorLevel>(indicator.title(m), short, m, move |x| x.indicator(indicator).level, ms));
    }
    out.push(tally::<PotentialLevel>("Кадровый потенциал", "Потенциал", m, |x| x.potential.level, ms));
    out.push(tally::<DutiesLevel>("Должностные обязанности", "Обязанности", m, |x| x.duties.level, ms));
    out.push(tally::<AssociationsLevel>("Объединения педагогов", "Объединения", m, |x| x.associations.level, ms));
    out
}

const COLOURS: [Colour; 5] = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue, Colour::Grey];

pub fn ui(ui: &mut egui::Ui, loaded: &Loaded) {
    let ms = &loaded.assessment.municipalities;
    let n = ms.len();
    let tallies = tallies(ms, &loaded.assessment.methodology);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading(format!("Сводка: {} {}", n, text::plural(n, "муниципалитет", "муниципалитета", "муниципалитетов")));
        chart(ui, &tallies);
        ui.add_space(8.0);
        egui::Grid::new("summary").num_columns(4).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            ui.strong("Показатель");
            ui.strong("Уровень");
            ui.strong("Муниципалитетов");
            ui.strong("Доля");
            ui.end_row();
            for t in &tallies {
                let mut first = true;
                for (label, colour, count) in t.levels.iter().filter(|l| l.2 > 0) {
                    ui.label(if first { t.title.as_str() } else { "" });
                    first = false;
                    ui.horizontal(|ui| {
                        chip(ui, *colour, colour.label());
                        ui.label(label.as_str());
                    });
                    ui.label(count.to_string());
                    ui.label(text::percent(*count, n));
                    ui.end_row();
                }
            }
        });
        ui.add_space(8.0);
        ui.heading("Кадровый потенциал");
        for level in PotentialLevel::ALL {
            let names = loaded.assessment.names_where(|m| m.potential.level == *level);
            ui.horizontal(|ui| {
                let label = loaded.assessment.methodology.text(*level);
                chip(ui, level.colour(), label);
                ui.strong(format!("{label} — {} ({})", names.len(), text::percent(names.len(), n)));
            });
            if !names.is_empty() {
                ui.add(egui::Label::new(names.join(", ")).wrap());
            }
            ui.add_space(4.0);
        }
    });
}

/// Bars per indicator, one per colour, coloured like the tables.
fn chart(ui: &mut egui::Ui, tallies: &[Tally]) {
    let shorts: Vec<&str> = tallies.iter().map(|t| t.short).collect();
    let width = 0.8 / COLOURS.len() as f64;
    let charts: Vec<BarChart> = COLOURS
        .iter()
        .enumerate()
        .map(|(k, colour)| {
            let bars = tallies
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let count: usize = t.levels.iter().filter(|l| l.1 == *colour).map(|l| l.2).sum();
                    let x = i as f64 - 0.4 + width * (k as f64 + 0.5);
                    Bar::new(x, count as f64).width(width).fill(theme::level_fill(*colour)).name(&t.title)
                })
                .collect();
            BarChart::new(colour.label(), bars).color(theme::level_fill(*colour))
        })
        .collect();
    Plot::new("summary_chart")
        .height(240.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            shorts.get(i as usize).map(|s| s.to_string()).unwrap_or_default()
        })
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
        });
}
