//! The questionnaire interchange format, version 1 (`shared/interchange.md`), plus the project's
//! documented optional extensions (`docs/interchange.md`): `campaign.id`, `campaign.document` and,
//! for field packages, `campaign.package` and `responses[].base`.
//!
//! Reading is one step from text to validated [`Campaign`]; it collects every problem with its
//! JSON path (or line and column for a syntax error) instead of stopping at the first.

mod json;
mod package;
mod read;
mod write;

pub(crate) use json::{Map as JsonMap, Value as JsonValue, shorten, syntax_message};
pub use package::{FieldPackage, PackageHead, parse_package, write_package};
pub(crate) use read::{Fields, index, key, key_problems, response_from_value, type_name};
pub use read::{MAX_FILE_BYTES, parse, read_bytes, read_file};
pub(crate) use write::response_value;
pub use write::{to_json_string, to_value, write_file};

use std::fmt;
use std::path::PathBuf;

/// The value of the `format` key.
pub const FORMAT: &str = "mms-monitor.questionnaire";
/// The only version this program reads and writes.
pub const VERSION: u64 = 1;

/// One thing wrong with a file: where and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `$.responses[2].staff[0].education`; `$` for the whole document.
    pub path: String,
    /// Line and column (1-based) for syntax errors.
    pub line_column: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "строка {line}, столбец {column}: {}", self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// A file could not be read as a questionnaire.
#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    #[error("{}: не удалось прочитать файл: {}", path.display(), crate::files::describe(error))]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{}: не удалось записать файл: {}", path.display(), crate::files::describe(error))]
    Write { path: PathBuf, error: std::io::Error },
    #[error("{}", describe_problems(file, "файл", problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

impl InterchangeError {
    /// The problems of an invalid file (empty for I/O errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            InterchangeError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

/// Every problem of a refused file at once: one on the file's line, several as a list. `what`
/// names the kind of file («файл», «файл программы», «файл методики»).
pub(crate) fn describe_problems(file: &str, what: &str, problems: &[Problem]) -> String {
    let mut text = match problems {
        [one] => return format!("{file}: {one}"),
        _ => format!("{file}: {what} не принят, ошибок: {}", problems.len()),
    };
    for p in problems {
        text.push_str("\n  - ");
        text.push_str(&p.to_string());
    }
    text
}

#[cfg(test)]
mod tests;
