//! «Результаты»: the note's three colour tables for the whole campaign. Hovering a cell shows
//! the reason behind its level; clicking it keeps the reason below the table. Only the visible
//! rows are built, so 2,500 municipalities scroll as smoothly as 34.

use super::widgets::level_cell;
use crate::methodology::{Colour, Indicator, Methodology, MunicipalityAssessment};
use crate::ui::command::Command;
use crate::ui::session::Loaded;
use crate::ui::theme;
use egui_extras::{Column, TableBuilder};

/// The note's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    #[default]
    Presence,
    Qualification,
    Duties,
}

impl Table {
    const ALL: [Table; 3] = [Table::Presence, Table::Qualification, Table::Duties];

    fn title(self) -> &'static str {
        match self {
            Table::Presence => "Таблица 1. Наличие и численность ММС",
            Table::Qualification => "Таблица 2. Квалификация сотрудников",
            Table::Duties => "Таблица 3. Функционал и объединения педагогов",
        }
    }

    fn columns(self, m: &crate::methodology::Methodology) -> Vec<String> {
        match self {
            Table::Presence => vec!["Форма ММС".into(), "Численность".into()],
            Table::Qualification => {
                let mut c: Vec<String> = Indicator::ALL.iter().map(|i| i.title(m)).collect();
                c.push("Кадровый потенциал".into());
                c
            }
            Table::Duties => vec!["Должностные обязанности".into(), "Объединения педагогов".into()],
        }
    }
}

/// One cell: colour, short text, and the reason.
struct Cell<'a> {
    colour: Colour,
    text: String,
    reason: &'a str,
}

fn cells<'a>(table: Table, m: &'a MunicipalityAssessment, methodology: &Methodology) -> Vec<Cell<'a>> {
    match table {
        Table::Presence => vec![
            Cell {
                colour: m.service.level.colour(),
                // A declared service that started after the reference date counts as not declared.
                text: if m.service_declared || !m.service_form.is_declared() {
                    m.service_form.label().to_string()
                } else {
                    format!("{} (позже даты мониторинга)", m.service_form.label())
                },
                reason: &m.service.reason,
            },
            Cell {
                colour: m.staff_count_level.level.colour(),
                text: match m.staff_count {
                    Some(n) => format!("{n} — {}", methodology.text(m.staff_count_level.level)),
                    None => methodology.text(m.staff_count_level.level).to_string(),
                },
                reason: &m.staff_count_level.reason,
            },
        ],
        Table::Qualification => {
            let mut c: Vec<Cell> = m
                .indicators
                .iter()
                .map(|a| Cell {
                    colour: a.level.colour(),
                    text: methodology.text(a.level).to_string(),
                    reason: &a.reason,
                })
                .collect();
            c.push(Cell {
                colour: m.potential.level.colour(),
                text: methodology.text(m.potential.level).to_string(),
                reason: &m.potential.reason,
            });
            c
        }
        Table::Duties => vec![
            Cell {
                colour: m.duties.level.colour(),
                text: methodology.text(m.duties.level).to_string(),
                reason: &m.duties.reason,
            },
            Cell {
                colour: m.associations.level.colour(),
                text: methodology.text(m.associations.level).to_string(),
                reason: &m.associations.reason,
            },
        ],
    }
}

#[derive(Debug, Default)]
pub struct ResultsState {
    pub table: Table,
    /// The clicked cell: (row, column).
    picked: Option<(usize, usize)>,
}

impl ResultsState {
    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &Loaded, commands: &mut Vec<Command>) {
        // Wrapped: in a narrow window the three titles take two lines rather than widen the tab.
        ui.horizontal_wrapped(|ui| {
            for table in Table::ALL {
                if ui.selectable_label(self.table == table, table.title()).clicked() {
                    self.table = table;
                    self.picked = None;
                }
            }
        });
        let municipalities = &loaded.assessment.municipalities;
        let methodology = &loaded.assessment.methodology;
        let picked = self.picked.and_then(|(row, column)| {
            let m = municipalities.get(row)?;
            let cell = cells(self.table, m, &loaded.assessment.methodology).into_iter().nth(column)?;
            let heading = self.table.columns(&loaded.assessment.methodology).get(column).cloned().unwrap_or_default();
            Some(format!("{} — {heading}: {}. {}", m.municipality, cell.text, cell.reason))
        });
        egui::Panel::bottom("reason").show(ui, |ui| {
            ui.add_space(4.0);
            match &picked {
                Some(text) => ui.add(egui::Label::new(text.as_str()).wrap()),
                None => ui.label("Наведите указатель на ячейку или щёлкните её, чтобы увидеть обоснование уровня"),
            };
            ui.add_space(4.0);
        });
        let columns = self.table.columns(&loaded.assessment.methodology);
        // In a narrow window the table scrolls sideways rather than cutting its cells' texts.
        egui::ScrollArea::horizontal().auto_shrink([false, false]).show(ui, |ui| {
            self.table(ui, &columns, municipalities, methodology, commands);
        });
    }

    fn table(
        &mut self,
        ui: &mut egui::Ui,
        columns: &[String],
        municipalities: &[MunicipalityAssessment],
        methodology: &Methodology,
        commands: &mut Vec<Command>,
    ) {
        let mut builder = municipality_table(ui, self.table.title());
        // Each column at least as wide as its widest text (the cells report it).
        for _ in columns {
            builder = builder.column(Column::auto().at_least(110.0));
        }
        builder
            .header(44.0, |mut header| {
                municipality_header(&mut header);
                for c in columns {
                    header.col(|ui| {
                        ui.add(egui::Label::new(egui::RichText::new(c).strong()).wrap());
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, municipalities.len(), |mut row| {
                    let index = row.index();
                    let Some(m) = municipalities.get(index) else { return };
                    row.col(|ui| {
                        ui.label((index + 1).to_string());
                    });
                    row.col(|ui| {
                        if ui.link(&m.municipality).on_hover_text("Открыть анкету").clicked() {
                            commands.push(Command::SelectMunicipality(index));
                            commands.push(Command::RevealMunicipality(index));
                            commands.push(Command::SelectTab(crate::ui::command::Tab::Questionnaire));
                        }
                    });
                    for (column, cell) in cells(self.table, m, methodology).into_iter().enumerate() {
                        let heading = columns.get(column).map(String::as_str).unwrap_or_default();
                        row.col(|ui| {
                            let name = format!("{} — {heading}: {}", m.municipality, cell.text);
                            if level_cell(ui, cell.colour, &cell.text, &name, cell.reason).clicked() {
                                self.picked = Some((index, column));
                            }
                        });
                    }
                });
            });
    }
}

/// A table of municipalities as every tab draws it: striped, «№» and a resizable
/// «Муниципалитет» column first; the caller adds its own columns.
pub(super) fn municipality_table(ui: &mut egui::Ui, id: impl std::hash::Hash + std::fmt::Debug) -> TableBuilder<'_> {
    TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .auto_shrink([false, false])
        .column(Column::exact(40.0))
        .column(Column::initial(220.0).at_least(120.0).resizable(true).clip(true))
}

/// The header cells of `municipality_table`'s first two columns.
pub(super) fn municipality_header(header: &mut egui_extras::TableRow<'_, '_>) {
    header.col(|ui| {
        ui.strong("№");
    });
    header.col(|ui| {
        ui.strong("Муниципалитет");
    });
}
