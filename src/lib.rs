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
//! - [`interchange`]: the questionnaire JSON format v1 with located errors.
//! - [`sheets`]: the spreadsheet template, `.xlsx`/`.ods`/`.csv` import and the XLSX export.
//! - [`storage`]: the SQLite database with migrations, backups and a change log.
//! - [`report`]: the analytical note as a PDF (printpdf lives only there).
//! - [`files`]: atomic writes of the user's files; Russian text for file errors.
//! - [`palette`]: the level colours shared by the PDF, the spreadsheets and the screen.
//! - [`workspace`]: the core the command line and the app share: opening (and seeding) the
//!   database, reading a file to import.
//! - [`cli`]: the command line.
//! - [`ui`]: the desktop app (eframe/egui).

pub mod cli;
pub mod files;
pub mod interchange;
pub mod methodology;
pub mod model;
pub mod palette;
pub mod report;
pub mod sheets;
pub mod storage;
pub mod ui;
pub mod workspace;
