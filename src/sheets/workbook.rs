//! Opening `.xlsx` and `.ods` files with every limit checked before the file can make the
//! program allocate: the archive's unpacked size, the shared-string count an `.xlsx` announces,
//! the number of cells and the last column. Cells are read one at a time (calamine's cell
//! reader for `.xlsx`, our own reader of `content.xml` for `.ods`), never as the dense grid a
//! sheet's stated dimension would ask for (a cell at XFD1048576 asked for 512 GB).
//!
//! Errors are Russian sentences; no message of the zip or XML library reaches the user.

use super::column_letters;
use super::grid::{Book, Cell, Grid, GridProblem, Merged, Row};
use calamine::{DataRef, DataType, Reader};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The largest workbook or CSV file read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest total unpacked size of a workbook's archive (a federal campaign is ~40 MB).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most shared strings an `.xlsx` may announce.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// The most non-empty cells read from the questionnaire's sheets together (a federal campaign
/// has under a million).
pub const MAX_CELLS: usize = 2_000_000;
/// Columns from this one (0-based; 64 is BM) on are not part of any sheet of the layout.
pub const MAX_COLUMNS: u32 = 64;

const MB: u64 = 1024 * 1024;

/// Reads the sheets whose name `wanted` accepts. `kind` is «XLSX» or «ODS».
pub(crate) fn read(bytes: &[u8], kind: &'static str, wanted: &dyn Fn(&str) -> bool) -> Result<Book, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_an_archive(bytes, kind))?;
    check_archive(&mut zip, kind)?;
    let mut budget = MAX_CELLS;
    match kind {
        "ODS" => ods::read(&mut zip, wanted, &mut budget),
        _ => xlsx(bytes, wanted, &mut budget),
    }
}

fn not_an_archive(bytes: &[u8], kind: &str) -> String {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return "это книга старого формата (.xls); откройте её в Excel или LibreOffice и сохраните как .xlsx".into();
    }
    if bytes.starts_with(b"PK") {
        return format!("архив книги {kind} повреждён (файл записан не до конца?); сохраните книгу заново");
    }
    format!("файл не является книгой {kind} (это не ZIP-архив); сохраните таблицу в формате .{}", kind.to_lowercase())
}

/// The limits that need no reading of the sheets: the sizes the archive declares, and the
/// shared-string count an `.xlsx` announces (calamine reserves memory for that many).
fn check_archive(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, kind: &str) -> Result<(), String> {
    let broken = || format!("архив книги {kind} повреждён; сохраните книгу заново");
    let mut unpacked: u64 = 0;
    let mut shared_strings = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| broken())?;
        unpacked = unpacked.saturating_add(entry.size());
        let name = entry.name().map_err(|_| broken())?;
        if name.to_lowercase().ends_with("sharedstrings.xml") {
            shared_strings.push((i, entry.size()));
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(format!(
            "в распакованном виде книга занимает {} МБ, больше предела {} МБ (возможно, это «ZIP-бомба»); книга анкеты столько не занимает",
            unpacked / MB,
            MAX_UNPACKED_BYTES / MB
        ));
    }
    if kind == "XLSX" {
        for i in 0..zip.len() {
            let entry = zip.by_index(i).map_err(|_| broken())?;
            let name = entry.name().map_err(|_| broken())?.to_lowercase();
            if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
                check_references(std::io::BufReader::new(entry)).map_err(|_| broken())?;
            }
        }
    }
    for (i, size) in shared_strings {
        let mut head = Vec::with_capacity(4096);
        let entry = zip.by_index(i).map_err(|_| broken())?;
        entry.take(4096).read_to_end(&mut head).map_err(|_| broken())?;
        let head = String::from_utf8_lossy(&head);
        let announced = ["uniqueCount=\"", "count=\""].iter().filter_map(|attr| number_after(&head, attr)).max();
        // Each string takes at least `<si><t/></si>`, 13 bytes, in the part.
        if let Some(n) = announced.filter(|n| *n > MAX_SHARED_STRINGS || *n > size / 13 + 16) {
            return Err(format!(
                "книга объявляет {n} строк в общей таблице строк, больше предела {MAX_SHARED_STRINGS} или больше, чем помещается в её {size} байт; книга повреждена или подделана"
            ));
        }
    }
    Ok(())
}

/// Refuses cell references calamine cannot take: its parser of `r="…"` and `ref="…"` overflows
/// (a panic where overflow is checked) on more than 6 column letters or 9 row digits, where a
/// real sheet has at most 3 (XFD) and 7 (1048576).
fn check_references(mut part: impl Read) -> Result<(), ()> {
    let mut last = [0u8; 5];
    let mut value: Option<(u8, Vec<u8>)> = None;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = part.read(&mut chunk).map_err(|_| ())?;
        let Some(bytes) = chunk.get(..n).filter(|b| !b.is_empty()) else { return Ok(()) };
        for &byte in bytes {
            scan(byte, &mut last, &mut value)?;
        }
    }
}

/// One byte of [`check_references`]: `last` holds the bytes before it, `value` the attribute
/// value being read (with its quote).
fn scan(byte: u8, last: &mut [u8; 5], value: &mut Option<(u8, Vec<u8>)>) -> Result<(), ()> {
    if let Some((quote, text)) = value {
        if byte == *quote {
            if !reference_ok(text) {
                return Err(());
            }
            *value = None;
        } else if text.len() < 256 {
            text.push(byte);
        } else {
            return Err(());
        }
        return Ok(());
    }
    if byte == b'"' || byte == b'\'' {
        let opens = |attr: &[u8]| {
            let before = last.len().checked_sub(attr.len() + 1).and_then(|i| last.get(i));
            last.ends_with(attr) && before.is_some_and(u8::is_ascii_whitespace)
        };
        if opens(b"r=") || opens(b"ref=") {
            *value = Some((byte, Vec::new()));
        }
    }
    last.rotate_left(1);
    last[4] = byte;
    Ok(())
}

fn reference_ok(value: &[u8]) -> bool {
    value.split(|b| *b == b':' || b.is_ascii_whitespace()).all(|part| {
        let part: Vec<u8> = part.iter().copied().filter(|b| *b != b'$').collect();
        let letters = part.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let digits = part.iter().skip(letters).take_while(|b| b.is_ascii_digit()).count();
        letters <= 3 && digits <= 7
    })
}

fn number_after(text: &str, attr: &str) -> Option<u64> {
    let at = text.find(attr)? + attr.len();
    let digits: String = text.get(at..)?.chars().take_while(char::is_ascii_digit).take(20).collect();
    digits.parse().ok().or(Some(u64::MAX).filter(|_| !digits.is_empty()))
}

fn too_many_cells() -> String {
    format!("в листах анкеты больше {MAX_CELLS} заполненных ячеек — больше, чем бывает в анкете; книга не прочитана")
}

/// Accounts for one more cell kept.
fn spend(budget: &mut usize) -> Result<(), String> {
    *budget = budget.checked_sub(1).ok_or_else(too_many_cells)?;
    Ok(())
}

fn far_cell(row: u32, column: u32) -> GridProblem {
    GridProblem {
        row,
        column,
        message: format!(
            "данные правее столбца {}, где листов анкеты уже нет; удалите содержимое этих столбцов",
            column_letters(MAX_COLUMNS - 1)
        ),
    }
}

/// Sparse rows (1-based numbers) into the grid's rows, in order.
fn rows(cells: BTreeMap<u32, Vec<Cell>>) -> Vec<Row> {
    let rows = cells.into_iter().map(|(number, cells)| Row { number, cells });
    rows.filter(|r| !r.is_empty()).collect()
}

fn xlsx_error(error: calamine::XlsxError) -> String {
    use calamine::XlsxError as E;
    match error {
        E::Password => "книга защищена паролем; снимите защиту и сохраните книгу заново".into(),
        E::Io(_) | E::Zip(_) => "архив книги XLSX повреждён; сохраните книгу заново".into(),
        E::Xml(_) | E::XmlAttr(_) | E::XmlEof(_) => {
            "книга XLSX повреждена: её содержимое — не правильный XML; сохраните книгу заново в Excel или LibreOffice".into()
        }
        _ => "книга XLSX повреждена или сохранена в виде, который программа не читает; сохраните её заново в Excel или LibreOffice".into(),
    }
}

fn xlsx(bytes: &[u8], wanted: &dyn Fn(&str) -> bool, budget: &mut usize) -> Result<Book, String> {
    let mut workbook = calamine::Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let mut book = Book::new();
    for name in workbook.sheet_names().into_iter().filter(|n| wanted(n)) {
        let merged = workbook.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut grid = Grid {
            merged: merged
                .iter()
                .map(|d| Merged {
                    first_row: d.start.0.saturating_add(1),
                    last_row: d.end.0.saturating_add(1),
                    first_column: d.start.1,
                    last_column: d.end.1,
                })
                .collect(),
            ..Grid::default()
        };
        let mut cells: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue, // a chart sheet
            Err(e) => return Err(xlsx_error(e)),
        };
        while let Some(record) = reader.next_cell_with_formula().map_err(xlsx_error)? {
            let (row, column) = record.pos;
            let row = row.saturating_add(1);
            let cell = match record.formula.filter(|f| !f.trim().is_empty()) {
                Some(formula) => Cell::Formula(formula),
                None => xlsx_cell(&record.value),
            };
            if cell == Cell::Empty {
                continue;
            }
            if column >= MAX_COLUMNS {
                if grid.problems.is_empty() {
                    grid.problems.push(far_cell(row, column));
                }
                continue;
            }
            spend(budget)?;
            put(cells.entry(row).or_default(), column, cell);
        }
        grid.rows = rows(cells);
        book.insert(name, grid);
    }
    Ok(book)
}

fn put(row: &mut Vec<Cell>, column: u32, cell: Cell) {
    let column = column as usize;
    if row.len() <= column {
        row.resize(column + 1, Cell::Empty);
    }
    if let Some(slot) = row.get_mut(column) {
        *slot = cell;
    }
}

fn xlsx_cell(data: &DataRef) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        // calamine's conversion panics on a serial of -1e300; no calendar date is that far.
        DataRef::DateTime(dt) if !(-1e7..=1e7).contains(&dt.as_f64()) => {
            Cell::Bad(format!("дата за пределами календаря: {}", dt.as_f64()))
        }
        DataRef::DateTime(dt) => match data.as_date() {
            Some(d) => Cell::Date(d),
            None => Cell::Bad(dt.as_f64().to_string()),
        },
        DataRef::DateTimeIso(s) => match data.as_date() {
            Some(d) => Cell::Date(d),
            None => Cell::Bad(s.clone()),
        },
        DataRef::DurationIso(s) => Cell::Bad(s.clone()),
        DataRef::Error(e) => Cell::Bad(format!("{e}")),
    }
}

mod ods;

#[cfg(test)]
mod tests;
