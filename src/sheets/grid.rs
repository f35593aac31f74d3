//! A sheet as plain cells with their spreadsheet row numbers, whatever file it came from.

use chrono::NaiveDate;
use std::collections::HashMap;

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
    /// A formula (its text): the value stored beside it is whatever the last program to save
    /// the file computed, possibly stale, so it is never taken as an answer.
    Formula(String),
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

/// A sheet: every non-empty row, in order, with what the file reader saw around the cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Row>,
    /// Merged ranges of cells.
    pub merged: Vec<Merged>,
    /// Problems found while reading the sheet (cells beyond the last column read).
    pub problems: Vec<GridProblem>,
}

/// A merged range: 1-based rows, 0-based columns, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merged {
    pub first_row: u32,
    pub last_row: u32,
    pub first_column: u32,
    pub last_column: u32,
}

impl Merged {
    pub fn contains(&self, row: u32, column: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row) && (self.first_column..=self.last_column).contains(&column)
    }
}

/// A problem with a sheet's file rather than with an answer: 1-based row, 0-based column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridProblem {
    pub row: u32,
    pub column: u32,
    pub message: String,
}

/// The named sheets of a workbook.
pub(crate) type Book = HashMap<String, Grid>;
