//! mms-monitor: monitoring of municipal methodical services (ММС).
//!
//! ```text
//! questionnaire file / form ──► model (validated types) ──► methodology::assess (pure rules)
//!                                                              │
//!                                          storage · cli · ui · (report: later)
//! ```
//!
//! - [`model`]: campaign, responses, staff, courses; the municipality registry.
//! - [`methodology`]: the levels and their reasons, as `shared/methodology.md` defines them.
//! - [`interchange`]: the questionnaire JSON format v1 with located errors.
//! - [`sheets`]: the spreadsheet template, `.xlsx`/`.ods`/`.csv` import and the XLSX export.
//! - [`palette`]: the level colours as plain RGB, shared by the files the program writes and the screen.
//! - [`storage`]: the SQLite database with migrations, backups and a change log.
//! - [`cli`]: the command line.
//! - [`ui`]: the desktop app (eframe/egui).

pub mod cli;
pub mod interchange;
pub mod methodology;
pub mod model;
pub mod palette;
pub mod sheets;
pub mod storage;
pub mod ui;
