//! Our own reader of an `.ods` file's `content.xml`, cell by cell: repeated rows and columns
//! (`table:number-rows-repeated`, LibreOffice writes a million empty ones) only advance the
//! position, so memory follows the filled cells, never a stated size. It also sees what the
//! layout needs and calamine does not give for `.ods`: formulas and merged ranges.

use super::{MAX_COLUMNS, far_cell, rows, spend};
use crate::sheets::grid::{Book, Cell, Grid, Merged};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::io::{BufReader, Cursor, Read};

type Xml<R> = quick_xml::Reader<BufReader<R>>;

fn broken() -> String {
    "книга ODS повреждена: её содержимое (content.xml) — не правильный XML; сохраните книгу заново в LibreOffice".into()
}

pub(super) fn read(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    wanted: &dyn Fn(&str) -> bool,
    budget: &mut usize,
) -> Result<Book, String> {
    let content = zip.by_name("content.xml").map_err(|_| {
        "в архиве нет content.xml — это не книга ODS; сохраните таблицу в LibreOffice как .ods".to_string()
    })?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    let mut book = Book::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| broken())? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").unwrap_or_default();
                if wanted(&name) {
                    let grid = table(&mut xml, budget)?;
                    book.insert(name, grid);
                } else {
                    xml.read_to_end_into(e.name(), &mut Vec::new()).map_err(|_| broken())?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(book)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
}

/// A count attribute (repeats, spans), at least 1, capped where counting further means nothing.
fn count(e: &BytesStart, name: &str) -> u32 {
    attr(e, name).and_then(|v| v.trim().parse::<u64>().ok()).map_or(1, |n| n.clamp(1, u64::from(u32::MAX)) as u32)
}

/// One `table:table` up to its end.
fn table<R: Read>(xml: &mut Xml<R>, budget: &mut usize) -> Result<Grid, String> {
    let mut grid = Grid::default();
    let mut cells: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut row: u32 = 1;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| broken())? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let repeats = count(&e, "table:number-rows-repeated");
                let line = table_row(xml, row, &mut grid, budget)?;
                if !line.is_empty() {
                    for r in 0..repeats {
                        let number = row.saturating_add(r);
                        if r > 0 {
                            for _ in line.iter().filter(|c| **c != Cell::Empty) {
                                spend(budget)?;
                            }
                        }
                        cells.insert(number, line.clone());
                    }
                }
                row = row.saturating_add(repeats);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => break,
            Event::Eof => return Err(broken()),
            _ => {}
        }
    }
    grid.rows = rows(cells);
    Ok(grid)
}

/// The cells of one row (0-based columns), up to the row's end.
fn table_row<R: Read>(xml: &mut Xml<R>, row: u32, grid: &mut Grid, budget: &mut usize) -> Result<Vec<Cell>, String> {
    let mut line = Vec::new();
    let mut column: u32 = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| broken())? {
            Event::Start(e) if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") => {
                let e = e.into_owned();
                let repeats = count(&e, "table:number-columns-repeated");
                let (rows_spanned, columns_spanned) =
                    (count(&e, "table:number-rows-spanned"), count(&e, "table:number-columns-spanned"));
                if rows_spanned > 1 || columns_spanned > 1 {
                    grid.merged.push(Merged {
                        first_row: row,
                        last_row: row.saturating_add(rows_spanned - 1),
                        first_column: column,
                        last_column: column.saturating_add(columns_spanned - 1),
                    });
                }
                let cell = cell(xml, &e)?;
                if cell != Cell::Empty {
                    for c in 0..repeats {
                        let at = column.saturating_add(c);
                        if at >= MAX_COLUMNS {
                            if grid.problems.is_empty() {
                                grid.problems.push(far_cell(row, at));
                            }
                            break;
                        }
                        spend(budget)?;
                        super::put(&mut line, at, cell.clone());
                    }
                }
                column = column.saturating_add(repeats);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => break,
            Event::Eof => return Err(broken()),
            _ => {}
        }
    }
    Ok(line)
}

/// One cell's value from its attributes and text, reading up to the cell's end.
fn cell<R: Read>(xml: &mut Xml<R>, e: &BytesStart) -> Result<Cell, String> {
    let text = cell_text(xml)?;
    if let Some(formula) = attr(e, "table:formula").filter(|f| !f.trim().is_empty()) {
        return Ok(Cell::Formula(formula.strip_prefix("of:").unwrap_or(&formula).to_string()));
    }
    if attr(e, "calcext:value-type").as_deref() == Some("error") {
        return Ok(Cell::Bad(text));
    }
    let value = |name| attr(e, name).unwrap_or_default();
    Ok(match attr(e, "office:value-type").as_deref() {
        Some("float" | "percentage" | "currency") => match value("office:value").trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Cell::Number(n),
            _ => Cell::Bad(text),
        },
        Some("boolean") => Cell::Bool(value("office:boolean-value").trim() == "true"),
        Some("date") => {
            let date = value("office:date-value");
            let day = date.split('T').next().unwrap_or_default();
            match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Bad(date),
            }
        }
        Some("time") => Cell::Bad(text),
        Some(_) => Cell::Text(attr(e, "office:string-value").unwrap_or(text)),
        None if text.is_empty() => Cell::Empty,
        None => Cell::Text(text),
    })
}

/// The text of a cell: paragraphs joined by line breaks, `text:s` spaces, comments left out.
fn cell_text<R: Read>(xml: &mut Xml<R>) -> Result<String, String> {
    let mut text = String::new();
    let mut paragraphs = 0;
    let mut depth = 0usize;
    let mut annotation = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|_| broken())? {
            Event::Start(e) => {
                depth += 1;
                if annotation.is_some() {
                    continue;
                }
                match e.name().as_ref() {
                    "office:annotation" => annotation = Some(depth),
                    "text:p" => {
                        if paragraphs > 0 {
                            text.push('\n');
                        }
                        paragraphs += 1;
                    }
                    "text:s" => {
                        let n = count(&e, "text:c").min(1000);
                        text.extend(std::iter::repeat_n(' ', n as usize));
                    }
                    "text:tab" => text.push('\t'),
                    "text:line-break" => text.push('\n'),
                    _ => {}
                }
            }
            Event::End(_) if depth == 0 => return Ok(text),
            Event::End(_) => {
                if annotation == Some(depth) {
                    annotation = None;
                }
                depth -= 1;
            }
            Event::Text(t) if annotation.is_none() => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if annotation.is_none() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                    text.push_str(s);
                }
            }
            Event::Eof => return Err(broken()),
            _ => {}
        }
    }
}
