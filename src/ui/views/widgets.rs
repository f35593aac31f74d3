//! Small widgets the views share: a text field that parses as you type, a level cell, a chip.

use crate::methodology::Colour;
use crate::ui::theme;
use std::collections::HashMap;

/// Text typed into the fields of a form, keyed by field. A field's text stays as typed
/// (even when invalid) until the form is reset; only parsed values reach the model.
#[derive(Debug, Default)]
pub struct Buffers {
    texts: HashMap<String, String>,
    /// Fields whose text does not parse, with the message.
    pub problems: Vec<(String, String)>,
}

impl Buffers {
    pub fn clear(&mut self) {
        self.texts.clear();
        self.problems.clear();
    }

    /// A single-line field showing `value`; returns the new value when the user typed a valid one.
    ///
    /// The field's id is its key, not its place: a message or row appearing above it does not
    /// take its keyboard focus. Only text the user changed is checked, so a stored value is never
    /// reported just by being shown.
    #[allow(clippy::too_many_arguments)]
    pub fn field<T: PartialEq>(
        &mut self,
        ui: &mut egui::Ui,
        key: &str,
        caption: &str,
        label: egui::Id,
        width: f32,
        value: &T,
        show: impl Fn(&T) -> String,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> FieldOutcome<T> {
        let shown = show(value);
        let text = self.texts.entry(key.to_string()).or_insert_with(|| shown.clone());
        let edit =
            egui::TextEdit::singleline(text).id(field_id(key)).desired_width(width).min_size(egui::vec2(width, 0.0));
        let response = ui.add(edit).labelled_by(label);
        let mut outcome = FieldOutcome { value: None, problem: None, response: response.clone() };
        if *text == shown {
            return outcome;
        }
        match parse(text) {
            Ok(v) => {
                if response.changed() && v != *value {
                    outcome.value = Some(v);
                }
            }
            Err(message) => {
                ui.painter().rect_stroke(response.rect, 2.0, theme::invalid_stroke(), egui::StrokeKind::Outside);
                let _ = response.clone().on_hover_text(&message);
                self.problems.push((caption.to_string(), message.clone()));
                outcome.problem = Some(message);
            }
        }
        outcome
    }
}

/// The id of a form field: its key, so that it does not depend on what is drawn before it.
pub fn field_id(key: &str) -> egui::Id {
    egui::Id::unique(("form-field", key))
}

/// What a parsed field gave back this frame.
pub struct FieldOutcome<T> {
    /// A new valid value, when the user changed the text to one.
    pub value: Option<T>,
    /// Why the typed text is not stored.
    pub problem: Option<String>,
    pub response: egui::Response,
}

/// The messages of the fields of one row, in the row's last column (after the fields, so that
/// a message appearing moves none of them). A message longer than the room left before the
/// window's edge ends in «…» there and shows whole on hover; wrapping it would make the row
/// taller and move the field being typed in.
pub fn row_messages(ui: &mut egui::Ui, messages: &[String]) {
    if messages.is_empty() {
        ui.label("");
        return;
    }
    let room = (ui.clip_rect().right() - ui.cursor().min.x - 8.0).max(160.0);
    let text = egui::RichText::new(messages.join("; ")).color(theme::ERROR);
    ui.scope(|ui| {
        ui.set_max_width(room);
        ui.add(egui::Label::new(text).truncate());
    });
}

/// A table cell filled with a level's colour; hovering shows `reason`, clicking selects it.
/// Its accessible name is `name` (municipality, column and level), so tests and screen
/// readers find it.
/// The cell is at least as wide as its text, so that a table sized by its content shows it whole.
pub fn level_cell(ui: &mut egui::Ui, colour: Colour, text: &str, name: &str, reason: &str) -> egui::Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(text.to_string(), font, theme::ON_LEVEL);
    let mut rect = ui.max_rect();
    rect.set_width(rect.width().max(galley.size().x + 8.0));
    let response = ui.allocate_rect(rect, egui::Sense::click());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect.shrink(1.0), 2.0, theme::level_fill(colour));
    painter.galley(rect.left_center() + egui::vec2(4.0, -galley.size().y / 2.0), galley, theme::ON_LEVEL);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.on_hover_text(reason)
}

/// A small square of a level's colour.
pub fn chip(ui: &mut egui::Ui, colour: Colour, hover: &str) {
    let (rect, response) = ui.allocate_exact_size(egui::Vec2::splat(theme::CHIP_SIZE), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, theme::level_fill(colour));
    response.on_hover_text(hover);
}
