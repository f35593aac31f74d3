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

/// The arrow of a level that improved, worsened, or neither («Динамика»).
pub fn change_colour(improved: bool, worsened: bool) -> Color32 {
    match (improved, worsened) {
        (true, _) => Color32::from_rgb(20, 120, 40),
        (_, true) => ERROR,
        _ => Color32::GRAY,
    }
}

/// Colours of the lines of the «Динамика» chart, one per headline share (none is a level colour,
/// so a line is not read as a level).
pub const SERIES: [Color32; 8] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(227, 119, 194),
];

/// The window follows the system's light or dark theme; light when the system does not say
/// (egui's own fallback is dark).
pub fn follow_system(ctx: &egui::Context) {
    ctx.options_mut(|o| {
        o.theme_preference = egui::ThemePreference::System;
        o.fallback_theme = egui::Theme::Light;
    });
}
