//! A sheet as plain cells with their spreadsheet row numbers, whatever file it came from.

use super::SheetError;
use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// One cell's value as the file stored it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    /// A formula error such as `#DIV/0!`, or a value of a kind the layout never holds.
    Bad(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row: its 1-based number as the spreadsheet shows it, and its cells from column A.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A sheet: every non-empty row, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Row>,
}

/// The named sheets of a workbook.
pub(crate) type Book = HashMap<String, Grid>;

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) => match data.as_date() {
            Some(d) => Cell::Date(d),
            None => Cell::Bad(data.to_string()),
        },
        Data::DurationIso(s) => Cell::Bad(s.clone()),
        Data::Error(e) => Cell::Bad(format!("{e}")),
    }
}

/// Reads every sheet of an `.xlsx` or `.ods` workbook.
pub(crate) fn read_workbook(path: &Path, kind: &'static str) -> Result<Book, SheetError> {
    let open_err = |detail: String| SheetError::Open { path: path.to_path_buf(), kind, detail };
    if !path.exists() {
        let error = std::io::Error::new(std::io::ErrorKind::NotFound, "файл не найден");
        return Err(SheetError::Io { path: path.to_path_buf(), error });
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| open_err(e.to_string()))?;
    let mut book = Book::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|e| open_err(e.to_string()))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Row> = Vec::new();
        for (index, data_row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(data_row.iter().map(cell));
            let row = Row { number: top + index as u32 + 1, cells };
            if !row.is_empty() {
                rows.push(row);
            }
        }
        book.insert(name, Grid { rows });
    }
    Ok(book)
}
