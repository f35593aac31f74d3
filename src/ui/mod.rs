//! The desktop app (eframe/egui) — the only module that imports egui or eframe.
//!
//! The views draw from the open [`session::Session`] and push [`command::Command`]s; the app
//! applies them after the frame (`logic.rs`), saving every valid change at once. Colours live
//! in [`theme`] only.

mod app;
pub mod command;
mod files;
mod history;
mod import;
mod logic;
pub mod parse;
mod programmes;
pub mod session;
pub mod theme;
mod views;

pub use app::{App, AppOptions, Notice, Remembered, STORAGE_KEY};

use std::path::PathBuf;

/// Title of the window.
const TITLE: &str = "Мониторинг ММС";

/// Opens the window on the database at `db` (or the remembered / default one) and runs
/// until it is closed. Fails when no window can be opened (no display, no OpenGL).
pub fn run(db: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(TITLE)
            .with_app_id("mms-monitor")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        TITLE,
        options,
        Box::new(move |cc| {
            let remembered: Remembered = cc.storage.and_then(|s| eframe::get_value(s, STORAGE_KEY)).unwrap_or_default();
            // An explicit --db wins for this run only; else the database last opened through
            // the menu, if it is still there; else the default one.
            let explicit = db.is_some();
            let path = db.or_else(|| remembered.db_path.clone().filter(|p| p.is_file()));
            let mut app = App::open(path, &remembered, AppOptions::default());
            if explicit {
                app.set_remembered_database(remembered.db_path.clone());
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}
