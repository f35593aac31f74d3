//! Spreadsheets: the fill-in template, import of `.xlsx`/`.ods`/`.csv` in the same layout, and
//! the XLSX export of a campaign with its colour tables (`docs/spreadsheets.md`).
//!
//! One layout ([`layout`]) drives all of them: the template writer, the reader that turns a
//! filled workbook into a validated [`crate::model::Campaign`] (every problem at once, with its
//! cell), the CSV form and the export. The reader produces exactly what the JSON reader
//! produces, so the rest of the program never knows where a campaign came from.

mod csv;
pub mod dynamics;
mod export;
mod grid;
mod layout;
mod list;
pub mod programme;
mod read;
mod workbook;
mod write;

pub use export::{export_sheet_names, export_xlsx, export_xlsx_with, write_export, write_export_with};
pub use layout::SheetName;
pub use list::write_list;
pub use read::{WorkbookFailure, parse_csv, parse_file, parse_workbook, read_bytes, read_file};
pub use workbook::{MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_SHARED_STRINGS, MAX_UNPACKED_BYTES};
pub use write::{TemplateHead, template_csv, template_xlsx, write_template};

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with a spreadsheet: the sheet, the cell (Excel-style) and the rule broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub sheet: String,
    /// 1-based row as the spreadsheet shows it; `None` for a problem with the whole sheet.
    pub row: Option<u32>,
    /// 0-based column; `None` for a problem with the whole row.
    pub column: Option<u32>,
    pub message: String,
}

impl CellProblem {
    /// «Сотрудники!D7», «Сотрудники, строка 7» or «Сотрудники».
    pub fn place(&self) -> String {
        match (self.row, self.column) {
            (Some(row), Some(column)) => format!("{}!{}{row}", self.sheet, column_letters(column)),
            (Some(row), None) => format!("{}, строка {row}", self.sheet),
            _ => format!("лист «{}»", self.sheet),
        }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
}

/// Excel column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A spreadsheet could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{}: не удалось прочитать файл: {}", path.display(), crate::files::describe(error))]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{}: файл не читается как таблица {kind}: {detail}", path.display())]
    Open { path: PathBuf, kind: &'static str, detail: String },
    #[error("{}: не удалось записать файл: {detail}", path.display())]
    Write { path: PathBuf, detail: String },
    #[error("{}", describe(file, problems))]
    Invalid { file: String, problems: Vec<CellProblem> },
}

impl SheetError {
    /// The problems of an invalid file (empty for the other errors).
    pub fn problems(&self) -> &[CellProblem] {
        match self {
            SheetError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

fn describe(file: &str, problems: &[CellProblem]) -> String {
    let mut text = match problems {
        [one] => return format!("{file}: файл не принят: {one}"),
        _ => format!("{file}: файл не принят, ошибок: {}", problems.len()),
    };
    for p in problems {
        text.push_str("\n  - ");
        text.push_str(&p.to_string());
    }
    text
}

/// What kind of file a path names, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Xlsx,
    Ods,
    Csv,
}

impl FileKind {
    /// The kind by extension (case-insensitive); `None` for anything else.
    pub fn of(path: &std::path::Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "json" => Some(FileKind::Json),
            "xlsx" | "xlsm" => Some(FileKind::Xlsx),
            "ods" => Some(FileKind::Ods),
            "csv" | "txt" => Some(FileKind::Csv),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(column_letters(u32::MAX), "MWLQKWV");
    }

    #[test]
    fn places_are_excel_style() {
        let p = |row, column| CellProblem { sheet: "Сотрудники".into(), row, column, message: "x".into() };
        assert_eq!(p(Some(7), Some(3)).place(), "Сотрудники!D7");
        assert_eq!(p(Some(7), None).place(), "Сотрудники, строка 7");
        assert_eq!(p(None, None).place(), "лист «Сотрудники»");
        assert_eq!(p(Some(7), Some(3)).to_string(), "Сотрудники!D7: x");
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(FileKind::of("a/b.XLSX".as_ref()), Some(FileKind::Xlsx));
        assert_eq!(FileKind::of("b.ods".as_ref()), Some(FileKind::Ods));
        assert_eq!(FileKind::of("b.csv".as_ref()), Some(FileKind::Csv));
        assert_eq!(FileKind::of("b.json".as_ref()), Some(FileKind::Json));
        assert_eq!(FileKind::of("b".as_ref()), None);
        assert_eq!(FileKind::of("b.pdf".as_ref()), None);
    }
}
