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
//! - [`storage`]: the SQLite database with migrations, backups and a change log.
//! - [`cli`]: the command line.
//! - [`ui`]: the desktop app (eframe/egui).
//! - [`palette`]: the level colours shared by the screen and the PDF.

pub mod cli;
pub mod interchange;
pub mod methodology;
pub mod model;
pub mod palette;
pub mod storage;
pub mod ui;
