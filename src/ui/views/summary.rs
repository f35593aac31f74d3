//! «Сводка»: how many municipalities reached each level of each indicator (with the note's
//! percentages), a bar chart of the colours, and the staffing-potential lists.

use super::widgets::chip;
use crate::methodology::{
    AssociationsLevel, Colour, DutiesLevel, Indicator, IndicatorLevel, MunicipalityAssessment, PotentialLevel,
    ServiceLevel, StaffCountLevel, text,
};
use crate::ui::session::Loaded;
use crate::ui::theme;
use egui_plot::{Bar, BarChart, Legend, Plot};

/// The counts of one indicator.
struct Tally {
    title: String,
    short: &'static str,
    /// (label, colour, count) in the order of the methodology.
    levels: Vec<(&'static str, Colour, usize)>,
}

fn tally<L: Copy + PartialEq>(
    title: impl Into<String>,
    short: &'static str,
    all: &[L],
    describe: impl Fn(L) -> (&'static str, Colour),
    pick: impl Fn(&MunicipalityAssessment) -> L,
    municipalities: &[MunicipalityAssessment],
) -> Tally {
    let levels = all
        .iter()
        .map(|&level| {
            let (label, colour) = describe(level);
            (label, colour, municipalities.iter().filter(|m| pick(m) == level).count())
        })
        .collect();
    Tally { title: title.into(), short, levels }
}

fn tallies(ms: &[MunicipalityAssessment], methodology: &crate::methodology::Methodology) -> Vec<Tally> {
    let mut out = vec![
        tally("Наличие ММС", "ММС", ServiceLevel::ALL, |l| (l.label(), l.colour()), |m| m.service.level, ms),
        tally(
            "Численность сотрудников",
            "Численность",
            StaffCountLevel::ALL,
            |l| (l.label(), l.colour()),
            |m| m.staff_count_level.level,
            ms,
        ),
    ];
    let short = ["Образование", "Стаж ММС", "Стаж ОО", "ППК"];
    for (indicator, short) in Indicator::ALL.into_iter().zip(short) {
        out.push(tally(
            indicator.title(methodology),
            short,
            IndicatorLevel::ALL,
            |l| (l.label(), l.colour()),
            move |m| m.indicator(indicator).level,
            ms,
        ));
    }
    out.push(tally(
        "Кадровый потенциал",
        "Потенциал",
        PotentialLevel::ALL,
        |l| (l.label(), l.colour()),
        |m| m.potential.level,
        ms,
    ));
    out.push(tally(
        "Должностные обязанности",
        "Обязанности",
        DutiesLevel::ALL,
        |l| (l.label(), l.colour()),
        |m| m.duties.level,
        ms,
    ));
    out.push(tally(
        "Объединения педагогов",
        "Объединения",
        AssociationsLevel::ALL,
        |l| (l.label(), l.colour()),
        |m| m.associations.level,
        ms,
    ));
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
                        ui.label(*label);
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
                chip(ui, level.colour(), level.label());
                ui.strong(format!("{} — {} ({})", level.label(), names.len(), text::percent(names.len(), n)));
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
