//! The only place the app's colours and spacing live. Level fills come from the shared
//! [`crate::palette`], so the screen and the PDF agree.

use crate::methodology::Colour;
use crate::palette;
use egui::{Color32, Stroke};

/// Fill of a cell or chip of the given level colour.
pub fn level_fill(colour: Colour) -> Color32 {
    let palette::Rgb { r, g, b } = palette::level_fill(colour);
    Color32::from_rgb(r, g, b)
}

/// Text drawn on a level fill: every fill is light enough for black.
pub const ON_LEVEL: Color32 = Color32::BLACK;

/// Outline of a field whose text is invalid.
pub fn invalid_stroke() -> Stroke {
    Stroke::new(1.5, ERROR)
}

/// Error text and outlines.
pub const ERROR: Color32 = Color32::from_rgb(200, 30, 30);

/// Informational notices (where a file went).
pub const INFO: Color32 = Color32::from_rgb(30, 90, 160);

/// Background of a notice.
pub const NOTICE_FILL: Color32 = Color32::from_rgb(245, 245, 235);

/// Size of a colour chip in the municipality list.
pub const CHIP_SIZE: f32 = 12.0;

/// Height of one row of the results tables and the municipality list.
pub const ROW_HEIGHT: f32 = 22.0;

/// Width of the left panel.
pub const SIDE_PANEL_WIDTH: f32 = 300.0;

/// The window follows the system's light or dark theme; light when the system does not say
/// (egui's own fallback is dark).
pub fn follow_system(ctx: &egui::Context) {
    ctx.options_mut(|o| {
        o.theme_preference = egui::ThemePreference::System;
        o.fallback_theme = egui::Theme::Light;
    });
}
