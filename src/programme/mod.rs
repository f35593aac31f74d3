//! Target-indicator programmes: the municipal methodical systems that set indicators with a
//! target per reporting period and monitor them (the Dubna, Slavyansky, Komsomolsky and Kovrov
//! seeds), as opposed to the Primorye monitoring of [`crate::methodology`].
//!
//! ```text
//! programme JSON / XLSX values ──► Programme (validated) ──► assess(&programme, date) ──► cli · storage · report · ui
//! ```
//! [`assess`] is pure: every result carries its Russian reason, and every printed form (the
//! table on screen, the PDF, `programme assess --json`) shows the same [`ProgrammeAssessment`].
//! The file format is documented in `docs/programmes.md`.

mod assess;
mod model;
mod read;
pub mod synthetic;
mod text;
mod write;

pub use assess::{
    ActivityResult, ActivityStatus, Change, IndicatorResult, Outcome, ProgrammeAssessment, Summary, assess,
};
pub use model::{
    Activity, Direction, Entry, EntryValue, Indicator, Kind, Owner, OwnerKind, Period, Programme, Reporting, Target,
    TargetValue,
};
pub use read::{parse, parse_entry, read_file};
pub use text::{number, target as target_text, value as value_text};
pub(crate) use write::value_map;
pub use write::{to_json_string, to_value, write_file};

use crate::interchange::Problem;
use std::path::PathBuf;

/// The value of the `format` key of a programme file.
pub const FORMAT: &str = "mms-monitor.programme";
/// The only version this program reads and writes.
pub const VERSION: u64 = 1;

/// A programme file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProgrammeError {
    #[error("{}: не удалось прочитать файл: {}", path.display(), crate::files::describe(error))]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{}: не удалось записать файл: {}", path.display(), crate::files::describe(error))]
    Write { path: PathBuf, error: std::io::Error },
    #[error("{}", crate::interchange::describe_problems(file, "файл программы", problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

impl ProgrammeError {
    /// The problems of an invalid file (empty for I/O errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ProgrammeError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests;
