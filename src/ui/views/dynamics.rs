//! «Динамика»: the campaign on screen against an earlier one of its region — per block, a table
//! of every municipality's levels then → now (two colours and an arrow), filtered to those that
//! improved or worsened; the region's counts and shares then → now; and a chart of the headline
//! shares over every campaign of the region.

use crate::dynamics::series::headline_series;
use crate::dynamics::{CampaignInfo, Change, Dynamics, LevelChange, LevelKey, previous};
use crate::methodology::Colour;
use crate::methodology::text::date;
use crate::ui::session::{Loaded, Session};
use crate::ui::theme;
use egui_extras::Column;
use egui_plot::{Line, Plot, PlotPoints};

/// What part of the comparison is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    #[default]
    Block1,
    Block2,
    Block3,
    Region,
}

impl Part {
    const ALL: [Part; 4] = [Part::Block1, Part::Block2, Part::Block3, Part::Region];

    pub fn title(self) -> &'static str {
        match self {
            Part::Block1 => "Блок 1. Наличие и численность ММС",
            Part::Block2 => "Блок 2. Квалификация сотрудников",
            Part::Block3 => "Блок 3. Функционал и объединения",
            Part::Region => "Регион",
        }
    }

    fn keys(self) -> Vec<LevelKey> {
        let block = match self {
            Part::Block1 => 1,
            Part::Block2 => 2,
            Part::Block3 => 3,
            Part::Region => return Vec::new(),
        };
        LevelKey::ALL.into_iter().filter(|k| k.block() == block).collect()
    }
}

/// Which municipalities a block table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Improved,
    Worsened,
}

impl Filter {
    const ALL: [Filter; 3] = [Filter::All, Filter::Improved, Filter::Worsened];

    pub fn title(self) -> &'static str {
        match self {
            Filter::All => "все",
            Filter::Improved => "улучшилось",
            Filter::Worsened => "ухудшилось",
        }
    }

    fn keeps(self, levels: &[&LevelChange]) -> bool {
        match self {
            Filter::All => true,
            Filter::Improved => levels.iter().any(|l| l.change == Change::Improved),
            Filter::Worsened => levels.iter().any(|l| l.change == Change::Worsened),
        }
    }
}

#[derive(Debug, Default)]
pub struct DynamicsState {
    pub part: Part,
    pub filter: Filter,
    /// The campaign to compare with; `None` = the previous one of the region.
    pub against: Option<i64>,
}

impl DynamicsState {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, loaded: &Loaded) {
        let campaigns: Vec<CampaignInfo> = session.campaigns.iter().map(CampaignInfo::from).collect();
        let Some(this) = campaigns.iter().find(|c| c.number == loaded.id) else { return };
        let default = previous(&campaigns, loaded.id);
        let against = self.against.and_then(|n| campaigns.iter().find(|c| c.number == n && n != loaded.id)).or(default);
        ui.horizontal(|ui| {
            let label = ui.label("Сравнить с");
            let shown = against.map(describe).unwrap_or_else(|| "нет более ранней кампании".into());
            egui::ComboBox::from_id_salt("dynamics_against")
                .selected_text(shown)
                .width(420.0)
                .show_ui(ui, |ui| {
                    for c in campaigns.iter().filter(|c| c.number != loaded.id) {
                        let text = if Some(c.number) == default.map(|d| d.number) {
                            format!("{} — предыдущая", describe(c))
                        } else {
                            describe(c)
                        };
                        ui.selectable_value(&mut self.against, Some(c.number), text);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let Some(against) = against else {
            ui.add_space(8.0);
            ui.label(format!(
                "У кампании «{}» нет более ранней кампании региона «{}»: сравнивать не с чем. \
                 Динамика появится, когда в базе будет кампания прошлого года (меню «Файл», «Импорт…»).",
                this.title, this.region
            ));
            return;
        };
        let d = match loaded.dynamics(&session.db, &session.campaigns, Some(against.number)) {
            Ok(Some(d)) => d,
            Ok(None) => return,
            Err(e) => {
                ui.colored_label(theme::ERROR, format!("Кампанию для сравнения не удалось прочитать: {e}"));
                return;
            }
        };
        ui.horizontal(|ui| {
            for part in Part::ALL {
                if ui.selectable_label(self.part == part, part.title()).clicked() {
                    self.part = part;
                }
            }
        });
        ui.separator();
        match self.part {
            Part::Region => region(ui, session, loaded, &d),
            part => {
                ui.horizontal(|ui| {
                    ui.label("Показать:");
                    for filter in Filter::ALL {
                        if ui.selectable_label(self.filter == filter, filter.title()).clicked() {
                            self.filter = filter;
                        }
                    }
                });
                changes_table(ui, &d, &part.keys(), self.filter);
            }
        }
    }
}

fn describe(c: &CampaignInfo) -> String {
    format!("{} ({})", c.title, date(c.reference_date))
}

/// One cell: the colour then, the arrow, the colour now.
fn change_cell(ui: &mut egui::Ui, d: &Dynamics, municipality: &str, l: &LevelChange) {
    let rect = ui.max_rect();
    let response = ui.allocate_rect(rect, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let half = (rect.width() - 24.0).max(8.0) / 2.0;
    let fill = |v: Option<crate::dynamics::LevelValue>| theme::level_fill(v.map(|v| v.colour).unwrap_or(Colour::Grey));
    let left = egui::Rect::from_min_size(rect.min, egui::vec2(half, rect.height())).shrink(1.0);
    let right =
        egui::Rect::from_min_size(rect.min + egui::vec2(half + 24.0, 0.0), egui::vec2(half, rect.height())).shrink(1.0);
    painter.rect_filled(left, 2.0, fill(l.before));
    painter.rect_filled(right, 2.0, fill(l.after));
    let font = egui::TextStyle::Body.resolve(ui.style());
    // Long labels (the service form, the associations) would not fit: their colour's name does.
    let short = |v: Option<crate::dynamics::LevelValue>| -> String {
        match (l.key, v) {
            (LevelKey::Service | LevelKey::Associations, Some(v)) => v.colour.label().to_string(),
            _ => d.level_text(v).to_string(),
        }
    };
    // Each text is clipped to its own colour, so a long label never runs into the arrow.
    for (half, value) in [(left, l.before), (right, l.after)] {
        ui.painter_at(half).text(
            half.left_center() + egui::vec2(3.0, 0.0),
            egui::Align2::LEFT_CENTER,
            short(value),
            font.clone(),
            theme::ON_LEVEL,
        );
    }
    let centre = egui::pos2(rect.left() + half + 12.0, rect.center().y);
    let colour = theme::change_colour(l.change == Change::Improved, l.change == Change::Worsened);
    // The arrows are drawn, not typed: the app's font has no arrow glyphs.
    let triangle = |tip: f32| {
        let points = vec![
            centre + egui::vec2(0.0, tip),
            centre + egui::vec2(-6.0, -tip * 0.8),
            centre + egui::vec2(6.0, -tip * 0.8),
        ];
        egui::Shape::convex_polygon(points, colour, egui::Stroke::NONE)
    };
    match l.change {
        Change::Improved => {
            painter.add(triangle(-7.0));
        }
        Change::Worsened => {
            painter.add(triangle(7.0));
        }
        other => {
            painter.text(centre, egui::Align2::CENTER_CENTER, other.arrow(), font, colour);
        }
    }
    let name = format!(
        "{municipality} — {}: {} → {}, {}",
        l.key.title(&d.methodology),
        d.level_text(l.before),
        d.level_text(l.after),
        l.change.label()
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    // The tooltip is drawn with the app's font, which has no arrow glyph.
    response.on_hover_text(format!(
        "{municipality} — {}: было «{}», стало «{}» ({})",
        l.key.title(&d.methodology),
        d.level_text(l.before),
        d.level_text(l.after),
        l.change.label()
    ));
}

fn changes_table(ui: &mut egui::Ui, d: &Dynamics, keys: &[LevelKey], filter: Filter) {
    let rows: Vec<(&str, &[String], Vec<&LevelChange>)> = d
        .municipalities
        .iter()
        .map(|m| {
            let levels: Vec<&LevelChange> = keys.iter().filter_map(|k| m.level(*k)).collect();
            (m.municipality.as_str(), m.compared_with.as_slice(), levels)
        })
        .filter(|(_, _, levels)| filter.keeps(levels))
        .collect();
    if rows.is_empty() {
        ui.label(match filter {
            Filter::Improved => "Ни один показатель этого блока не улучшился",
            Filter::Worsened => "Ни один показатель этого блока не ухудшился",
            Filter::All => "Нет муниципалитетов",
        });
        return;
    }
    let mut builder = super::results::municipality_table(ui, ("dynamics", keys.first().map(|k| k.code())));
    for _ in keys {
        builder = builder.column(Column::remainder().at_least(160.0).clip(true));
    }
    builder
        .header(44.0, |mut header| {
            super::results::municipality_header(&mut header);
            for k in keys {
                header.col(|ui| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("{}: было, стало", k.title(&d.methodology))).strong(),
                        )
                        .wrap(),
                    );
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                let Some((name, compared_with, levels)) = rows.get(row.index()) else { return };
                let index = row.index();
                row.col(|ui| {
                    ui.label((index + 1).to_string());
                });
                row.col(|ui| {
                    let label = ui.label(*name);
                    if !compared_with.is_empty() {
                        label.on_hover_text(format!("в сравнении с: {}", compared_with.join(", ")));
                    }
                });
                for l in levels {
                    row.col(|ui| change_cell(ui, d, name, l));
                }
            });
        });
}

/// The region's counts and shares then → now, with the chart of the headline shares.
fn region(ui: &mut egui::Ui, session: &Session, loaded: &Loaded, d: &Dynamics) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading(crate::dynamics::text::heading(d));
        for p in crate::dynamics::text::paragraphs(d) {
            ui.add(egui::Label::new(p).wrap());
        }
        ui.add_space(8.0);
        chart(ui, session, loaded);
        ui.add_space(8.0);
        egui::Grid::new("dynamics_region").num_columns(4).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            ui.strong("Показатель");
            ui.strong("Уровень");
            ui.strong(format!("Было ({})", d.against.reference_date.format("%Y")));
            ui.strong(format!("Стало ({})", d.campaign.reference_date.format("%Y")));
            ui.end_row();
            for key in LevelKey::ALL {
                let mut first = true;
                for f in d.region.iter().filter(|f| f.key == key && (f.before.count > 0 || f.after.count > 0)) {
                    ui.label(if first { key.title(&d.methodology) } else { "".into() });
                    first = false;
                    ui.horizontal(|ui| {
                        super::widgets::chip(ui, f.level.colour, f.level.colour.label());
                        ui.label(f.level.text(&d.methodology));
                    });
                    ui.label(format!("{} ({})", f.before.count, f.before.percent()));
                    ui.label(format!("{} ({})", f.after.count, f.after.percent()));
                    ui.end_row();
                }
            }
        });
    });
}

/// The headline shares over every campaign of the region, one line each.
fn chart(ui: &mut egui::Ui, session: &Session, loaded: &Loaded) {
    let history = match loaded.region_history(&session.db) {
        Ok(h) => h,
        Err(e) => {
            ui.colored_label(theme::ERROR, format!("Кампании региона не удалось прочитать: {e}"));
            return;
        }
    };
    let series = headline_series(&history);
    let colour = |i: usize| theme::SERIES.get(i % theme::SERIES.len()).copied().unwrap_or(egui::Color32::GRAY);
    ui.strong("Доли муниципалитетов по кампаниям региона, %");
    Plot::new("dynamics_chart")
        .height(240.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(|mark, _| {
            let year = mark.value.round();
            if (mark.value - year).abs() > 1e-6 { String::new() } else { format!("{year:.0}") }
        })
        .show(ui, |plot| {
            for (i, s) in series.iter().enumerate() {
                let points: PlotPoints = s.points.iter().map(|(x, y)| [*x, *y]).collect();
                plot.line(Line::new(s.label.clone(), points).color(colour(i)).width(2.0));
            }
        });
    // The legend under the chart, so it never hides a line.
    ui.horizontal_wrapped(|ui| {
        for (i, s) in series.iter().enumerate() {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
                let stroke = egui::Stroke::new(3.0, colour(i));
                ui.painter().line_segment([rect.left_center(), rect.right_center()], stroke);
                let last = s.points.last().map(|p| format!(" ({:.1} %)", p.1).replace('.', ",")).unwrap_or_default();
                ui.label(format!("{}{last}", s.label));
            });
            ui.add_space(8.0);
        }
    });
}
