//! «Журнал изменений»: every change of the campaign on screen — what changed, old → new, when and
//! from where (the form, an import, a field package) — newest first, filtered by questionnaire,
//! origin and text. The log is never cleared: imports only add to it.

use crate::storage::ChangeEntry;
use crate::ui::session::{Loaded, Session};
use crate::ui::theme;
use egui_extras::{Column, TableBuilder};

/// Where a change came from, as the log's `source` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    All,
    Form,
    Import,
    Package,
    Other,
}

impl Origin {
    const ALL: [Origin; 5] = [Origin::All, Origin::Form, Origin::Import, Origin::Package, Origin::Other];

    pub fn title(self) -> &'static str {
        match self {
            Origin::All => "всё",
            Origin::Form => "форма",
            Origin::Import => "импорт",
            Origin::Package => "пакеты с выезда",
            Origin::Other => "прочее",
        }
    }

    fn of(source: &str) -> Origin {
        if source == crate::ui::session::EDIT_SOURCE {
            Origin::Form
        } else if source.starts_with("импорт") {
            Origin::Import
        } else if source.starts_with("пакет") {
            Origin::Package
        } else {
            Origin::Other
        }
    }
}

/// The log as read: campaign, the stamp it was read at, the entries.
type Cached = (i64, (i64, Option<String>), Vec<ChangeEntry>);

#[derive(Debug, Default)]
pub struct LogState {
    /// Only the questionnaire selected in the list.
    pub only_selected: bool,
    pub origin: Origin,
    pub search: String,
    /// The log as read, with the campaign and stamp it was read at.
    cache: Option<Cached>,
}

impl LogState {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, loaded: &Loaded, selected: Option<usize>) {
        let stamp = match session.db.change_log_stamp(loaded.id) {
            Ok(stamp) => stamp,
            Err(e) => {
                ui.colored_label(theme::ERROR, format!("Журнал изменений не прочитан: {e:#}"));
                return;
            }
        };
        let fresh = self.cache.as_ref().is_some_and(|(id, s, _)| *id == loaded.id && *s == stamp);
        if !fresh {
            match session.db.change_log(loaded.id) {
                Ok(entries) => self.cache = Some((loaded.id, stamp, entries)),
                Err(e) => {
                    ui.colored_label(theme::ERROR, format!("Журнал изменений не прочитан: {e:#}"));
                    return;
                }
            }
        }
        let municipality = selected.and_then(|i| loaded.campaign.responses.get(i)).map(|r| r.municipality.as_str());
        ui.horizontal(|ui| {
            let label = match municipality {
                Some(m) => format!("Только анкета «{m}»"),
                None => "Только выбранная анкета".to_string(),
            };
            ui.checkbox(&mut self.only_selected, label);
            ui.separator();
            ui.label("Откуда:");
            for origin in Origin::ALL {
                if ui.selectable_label(self.origin == origin, origin.title()).clicked() {
                    self.origin = origin;
                }
            }
            ui.separator();
            let label = ui.label("Найти");
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(200.0)).labelled_by(label.id);
        });
        let Some((_, _, entries)) = &self.cache else { return };
        let needle = self.search.trim().to_lowercase();
        let rows: Vec<&ChangeEntry> = entries
            .iter()
            .rev()
            .filter(|e| !self.only_selected || (municipality.is_some() && e.municipality.as_deref() == municipality))
            .filter(|e| self.origin == Origin::All || Origin::of(&e.source) == self.origin)
            .filter(|e| {
                needle.is_empty()
                    || [
                        Some(&e.path),
                        e.old_value.as_ref(),
                        e.new_value.as_ref(),
                        e.municipality.as_ref(),
                        Some(&e.source),
                    ]
                    .into_iter()
                    .flatten()
                    .any(|t| t.to_lowercase().contains(&needle))
            })
            .collect();
        ui.label(format!("Записей: {} из {}", rows.len(), entries.len()));
        if rows.is_empty() {
            ui.label("Нет изменений, подходящих под условия");
            return;
        }
        TableBuilder::new(ui)
            .id_salt("change_log")
            .striped(true)
            .auto_shrink([false, false])
            .column(Column::exact(150.0))
            .column(Column::initial(150.0).clip(true).resizable(true))
            .column(Column::initial(170.0).clip(true).resizable(true))
            .column(Column::initial(200.0).clip(true).resizable(true))
            .column(Column::initial(160.0).clip(true).resizable(true))
            .column(Column::remainder().clip(true))
            .header(24.0, |mut header| {
                for title in ["Когда", "Откуда", "Анкета", "Что", "Было", "Стало"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                    let Some(e) = rows.get(row.index()) else { return };
                    let when = e.at.replace('T', " ").trim_end_matches('Z').to_string();
                    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
                    for text in [
                        when,
                        e.source.clone(),
                        e.municipality.clone().unwrap_or_else(|| "кампания".into()),
                        if e.path.is_empty() { "анкета".into() } else { e.path.clone() },
                        show(&e.old_value),
                        show(&e.new_value),
                    ] {
                        row.col(|ui| {
                            ui.label(&text).on_hover_text(&text);
                        });
                    }
                });
            });
    }
}
