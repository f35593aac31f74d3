//! mms-monitor: monitoring of municipal methodical services (ММС).
//!
//! ```text
//! questionnaire file / form ──► model (validated types) ──► methodology::assess (pure rules)
//!                                                              │
//!                                          storage · report · cli · ui
//! ```
//!
//! - [`model`]: campaign, responses, staff, courses; the municipality registry.
//! - [`methodology`]: the levels and their reasons, as `shared/methodology.md` defines them.
//! - [`dynamics`]: a campaign compared with an earlier one: every level then → now, every share.
//! - [`interchange`]: the questionnaire JSON format v1 with located errors.
//! - [`sheets`]: the spreadsheet template, `.xlsx`/`.ods`/`.csv` import and the XLSX export.
//! - [`storage`]: the SQLite database with migrations, backups and a change log.
//! - [`report`]: the analytical note as a PDF and a DOCX (pdf-writer, subsetter and docx-rs live only there).
//! - [`people`]: the staff registry: people across campaigns, proposed matches, training due.
//! - [`programme`]: target-indicator programmes: targets per period, results with reasons, plans.
//! - [`files`]: atomic writes of the user's files; Russian text for file errors.
//! - [`palette`]: the level colours shared by the PDF, the spreadsheets and the screen.
//! - [`workspace`]: the core the command line and the app share: opening (and seeding) the
//!   database, reading a file to import.
//! - [`cli`]: the command line.
//! - `ui`: the desktop app (eframe/egui), with the default feature `app`.

pub mod cli;
pub mod dynamics;
pub mod files;
pub mod interchange;
pub mod methodology;
pub mod model;
pub mod palette;
pub mod people;
pub mod programme;
pub mod report;
pub mod sheets;
pub mod storage;
#[cfg(feature = "app")]
pub mod ui;
pub mod workspace;
