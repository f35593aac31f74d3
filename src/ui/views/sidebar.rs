//! The left panel: the campaign selector and the municipality list with a colour chip per
//! block, a search box (Ctrl+F) and a filter by level. Only visible rows are built.

use super::widgets::chip;
use crate::methodology::{Colour, MunicipalityAssessment};
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::theme;

#[derive(Debug, Default)]
pub struct SidebarState {
    pub search: String,
    /// Show only municipalities with at least one level of this colour.
    pub colour: Option<Colour>,
    /// Set by Ctrl+F: focus the search box on the next frame.
    pub focus_search: bool,
    pub new_municipality: String,
    /// Scroll the list so that this municipality shows (after a restart, an undo or an import).
    pub reveal: Option<usize>,
}

/// The colour filter's choices.
const COLOURS: [Colour; 5] = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue, Colour::Grey];

/// The chips of a municipality: block 1 (form of the service), block 2 (staffing potential),
/// block 3 (job duties).
pub fn block_colours(m: &MunicipalityAssessment) -> [(Colour, &'static str); 3] {
    [
        (m.service.level.colour(), "Блок 1: наличие ММС"),
        (m.potential.level.colour(), "Блок 2: кадровый потенциал"),
        (m.duties.level.colour(), "Блок 3: должностные обязанности"),
    ]
}

/// Every level colour of a municipality, for the filter.
fn has_colour(m: &MunicipalityAssessment, colour: Colour) -> bool {
    let mut all = vec![
        m.service.level.colour(),
        m.staff_count_level.level.colour(),
        m.potential.level.colour(),
        m.duties.level.colour(),
        m.associations.level.colour(),
    ];
    all.extend(m.indicators.iter().map(|i| i.level.colour()));
    all.contains(&colour)
}

impl SidebarState {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session, selected: Option<usize>, commands: &mut Vec<Command>) {
        ui.add_space(4.0);
        let current = session.current.as_ref();
        let label = ui.label("Кампания");
        // The date first: a long title is cut at its end, never the date.
        let title = current
            .map(|l| format!("на {} — {}", crate::methodology::text::date(l.campaign.reference_date), l.campaign.title))
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("campaign")
            .selected_text(title)
            .width(ui.available_width() - 8.0)
            .truncate()
            .show_ui(ui, |ui| {
                for c in &session.campaigns {
                    let chosen = current.map(|l| l.id) == Some(c.id);
                    if ui.selectable_label(chosen, campaign_title(&c.title, c.reference_date.get())).clicked()
                        && !chosen
                    {
                        commands.push(Command::SelectCampaign(c.id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let Some(loaded) = current else { return };
        ui.add_space(4.0);
        let label = ui.label("Поиск (Ctrl+F)");
        let search = ui
            .add(egui::TextEdit::singleline(&mut self.search).hint_text("муниципалитет").desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus_search) {
            search.request_focus();
        }
        let in_search = search.has_focus();
        if in_search {
            // Up and down go through the list instead of moving the focus out of the box.
            let filter = egui::EventFilter { vertical_arrows: true, horizontal_arrows: true, ..Default::default() };
            ui.memory_mut(|m| m.set_focus_lock_filter(search.id, filter));
        }
        let enter_in_search = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let label = ui.label("Уровень");
        let shown = self.colour.map(|c| format!("есть {}", c.label())).unwrap_or_else(|| "любой".into());
        egui::ComboBox::from_id_salt("colour_filter")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.colour, None, "любой");
                for c in COLOURS {
                    ui.selectable_value(&mut self.colour, Some(c), format!("есть {}", c.label()));
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        let needle = self.search.trim().to_lowercase();
        let rows: Vec<usize> = (0..loaded.campaign.responses.len())
            .filter(|&i| needle.is_empty() || loaded.search_names.get(i).is_some_and(|n| n.contains(&needle)))
            .filter(|&i| {
                self.colour.is_none_or(|c| loaded.assessment.municipalities.get(i).is_some_and(|m| has_colour(m, c)))
            })
            .collect();
        ui.label(format!("Муниципалитетов: {} из {}", rows.len(), loaded.campaign.responses.len()));
        self.keyboard(ui, &rows, selected, in_search, enter_in_search, commands);
        let list_height = (ui.available_height() - 70.0).max(theme::ROW_HEIGHT * 3.0);
        let mut area = egui::ScrollArea::vertical().max_height(list_height).auto_shrink([false, false]);
        if let Some(position) = self.reveal.take().and_then(|i| rows.iter().position(|&r| r == i)) {
            let row = theme::ROW_HEIGHT + ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset((position as f32 * row - list_height / 2.0).max(0.0));
        }
        area.show_rows(ui, theme::ROW_HEIGHT, rows.len(), |ui, range| {
            for &i in rows.get(range).unwrap_or_default() {
                let (Some(response), Some(m)) =
                    (loaded.campaign.responses.get(i), loaded.assessment.municipalities.get(i))
                else {
                    continue;
                };
                ui.horizontal(|ui| {
                    ui.set_height(theme::ROW_HEIGHT);
                    for (colour, block) in block_colours(m) {
                        chip(ui, colour, block);
                    }
                    let clicked = ui.selectable_label(selected == Some(i), response.municipality.as_str()).clicked();
                    if clicked && selected != Some(i) {
                        commands.push(Command::SelectMunicipality(i));
                    }
                    super::review::status_mark(ui, loaded.review(&response.municipality));
                });
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.new_municipality)
                    .hint_text("новый муниципалитет")
                    .desired_width(ui.available_width() - 90.0),
            );
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let add = ui.add_enabled(!self.new_municipality.trim().is_empty(), egui::Button::new("Добавить"));
            if (add.clicked() || enter) && !self.new_municipality.trim().is_empty() {
                commands.push(Command::AddMunicipality(std::mem::take(&mut self.new_municipality)));
            }
        });
    }
}

impl SidebarState {
    /// Arrows move through the (filtered) list when no text field is being typed in, or from the
    /// search box; Enter in the search box opens the only match.
    fn keyboard(
        &mut self,
        ui: &mut egui::Ui,
        rows: &[usize],
        selected: Option<usize>,
        in_search: bool,
        enter_in_search: bool,
        commands: &mut Vec<Command>,
    ) {
        let mut go = |index: usize| {
            commands.push(Command::SelectMunicipality(index));
            commands.push(Command::RevealMunicipality(index));
        };
        if let ([only], true) = (rows, enter_in_search) {
            go(*only);
            return;
        }
        let free = in_search || !(ui.ctx().text_edit_focused() || ui.ctx().any_popup_open());
        if !free || rows.is_empty() {
            return;
        }
        let none = egui::Modifiers::NONE;
        let (down, up) =
            ui.input_mut(|i| (i.consume_key(none, egui::Key::ArrowDown), i.consume_key(none, egui::Key::ArrowUp)));
        let position = selected.and_then(|s| rows.iter().position(|&r| r == s));
        let next = match (down, up, position) {
            (true, _, Some(p)) => rows.get(p + 1),
            (true, _, None) => rows.first(),
            (_, true, Some(p)) => p.checked_sub(1).and_then(|p| rows.get(p)),
            (_, true, None) => rows.last(),
            _ => None,
        };
        if let Some(&index) = next {
            go(index);
        }
    }
}

fn campaign_title(title: &str, reference_date: chrono::NaiveDate) -> String {
    format!("{} — на {}", title, crate::methodology::text::date(reference_date))
}
