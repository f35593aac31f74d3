//! The XLSX template of a programme's values and its import back. The template has a sheet
//! «Программа» (the programme's code, which the import finds it by) and a sheet «Значения», one
//! row per indicator, reporting unit and period, filled with the values already known. Filled
//! in, it is read back as `.xlsx` (Excel, LibreOffice) or `.ods` (LibreOffice's own format).
//!
//! Reading turns the rows into the programme file's `values` and runs the programme reader on
//! them, so a value from a workbook passes exactly the rules of a value from a JSON file; each
//! problem is reported at its row.

use super::grid::Cell;
use super::{CellProblem, SheetError};
use crate::programme::{self, Entry, EntryValue, Kind, Programme};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde_json::{Map, Value, json};
use std::path::Path;

pub const PROGRAMME_SHEET: &str = "Программа";
pub const VALUES_SHEET: &str = "Значения";

/// The columns of «Значения», in order.
const HEADERS: &[&str] = &[
    "Код показателя",
    "Показатель",
    "Период",
    "Муниципалитет",
    "Организация",
    "Числитель",
    "Знаменатель",
    "Значение",
    "Достигнуто (для текста: да/нет)",
    "Источник",
    "Целевое значение",
];
const CODE: usize = 0;
const PERIOD: usize = 2;
const MUNICIPALITY: usize = 3;
const ORGANISATION: usize = 4;
const NUMERATOR: usize = 5;
const DENOMINATOR: usize = 6;
const VALUE: usize = 7;
const ACHIEVED: usize = 8;
const SOURCE: usize = 9;

fn write_error(path: &Path, e: impl std::fmt::Display) -> SheetError {
    SheetError::Write { path: path.to_path_buf(), detail: e.to_string() }
}

/// Writes the template with the values the programme already has.
pub fn write_template(path: &Path, p: &Programme) -> Result<(), SheetError> {
    let bytes = template_bytes(p).map_err(|e| write_error(path, e))?;
    crate::files::write_atomic(path, &bytes, crate::files::Access::Shared)
        .map_err(|e| write_error(path, crate::files::describe(&e)))
}

pub fn template_bytes(p: &Programme) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let header = Format::new().set_bold().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let head = workbook.add_worksheet().set_name(PROGRAMME_SHEET)?;
    let lines = [
        ("Код программы", p.code.clone()),
        ("Программа", p.title.clone()),
        ("Владелец", p.owner.name.clone()),
        ("Периоды", p.periods.iter().map(|x| x.code()).collect::<Vec<_>>().join(", ")),
        (
            "Как заполнять",
            "На листе «Значения» для долей укажите числитель и знаменатель, для количества — значение, \
             для «да/нет» — да или нет, для текста — текст и «Достигнуто». Пустые строки пропускаются. \
             Для показателей по организациям добавьте строку на каждую организацию."
                .to_string(),
        ),
    ];
    head.set_column_width(0, 18)?;
    head.set_column_width(1, 90)?;
    for (row, (label, value)) in lines.iter().enumerate() {
        head.write_with_format(row as u32, 0, *label, &bold)?;
        head.write_with_format(row as u32, 1, value, &wrap)?;
    }
    let sheet = workbook.add_worksheet().set_name(VALUES_SHEET)?;
    for (column, text) in HEADERS.iter().enumerate() {
        sheet.write_with_format(0, column as u16, *text, &header)?;
    }
    for (column, width) in [10, 60, 9, 28, 28, 11, 12, 12, 14, 30, 30].iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut row = 1u32;
    for indicator in &p.indicators {
        for unit in p.units() {
            let municipality = (unit != p.owner.name).then_some(unit.clone());
            for period in &p.periods {
                let known: Vec<&Entry> = p
                    .values
                    .iter()
                    .filter(|e| e.indicator == indicator.code && e.period == *period && e.municipality == municipality)
                    .collect();
                let blank: [Option<&Entry>; 1] = [None];
                let items: Vec<Option<&Entry>> =
                    if known.is_empty() { blank.to_vec() } else { known.into_iter().map(Some).collect() };
                for entry in items {
                    sheet.write(row, CODE as u16, &indicator.code)?;
                    sheet.write_with_format(row, 1, &indicator.title, &wrap)?;
                    sheet.write(row, PERIOD as u16, period.code())?;
                    sheet.write(row, MUNICIPALITY as u16, &unit)?;
                    if let Some(org) = entry.and_then(|e| e.organisation.as_ref()) {
                        sheet.write(row, ORGANISATION as u16, org)?;
                    }
                    match entry.map(|e| &e.value) {
                        Some(EntryValue::Share { numerator, denominator }) => {
                            sheet.write(row, NUMERATOR as u16, *numerator)?;
                            sheet.write(row, DENOMINATOR as u16, *denominator)?;
                        }
                        Some(EntryValue::Percent(x) | EntryValue::Count(x)) => {
                            sheet.write(row, VALUE as u16, *x)?;
                        }
                        Some(EntryValue::YesNo(b)) => {
                            sheet.write(row, VALUE as u16, programme_yes_no(*b))?;
                        }
                        Some(EntryValue::Text { text, achieved }) => {
                            sheet.write(row, VALUE as u16, text)?;
                            if let Some(a) = achieved {
                                sheet.write(row, ACHIEVED as u16, programme_yes_no(*a))?;
                            }
                        }
                        None => {}
                    }
                    if let Some(source) = entry.and_then(|e| e.source.as_ref()) {
                        sheet.write(row, SOURCE as u16, source)?;
                    }
                    if let Some(target) = indicator.target(*period) {
                        sheet.write_with_format(row, 10, target_text(indicator, target), &wrap)?;
                    }
                    row += 1;
                }
            }
        }
    }
    workbook.save_to_buffer()
}

fn programme_yes_no(b: bool) -> &'static str {
    if b { "да" } else { "нет" }
}

fn target_text(indicator: &programme::Indicator, target: &programme::Target) -> String {
    programme::target_text(indicator, target)
}

fn text_of(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) if t.trim().is_empty() => None,
        Cell::Text(t) => Some(t.trim().to_string()),
        Cell::Number(n) if n.fract() == 0.0 => Some(format!("{}", *n as i64)),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Bool(b) => Some(programme_yes_no(*b).to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Bad(b) | Cell::Formula(b) => Some(b.clone()),
    }
}

/// A formula's stored result may be stale, so it is never taken as a value.
fn formula(f: &str) -> String {
    format!("в ячейке формула «{f}» — введите само значение")
}

/// A number typed in a cell: a number, or text with a decimal comma or point.
fn number_of(cell: &Cell) -> Result<Option<f64>, String> {
    match cell {
        Cell::Number(n) => Ok(Some(*n)),
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => {
            let cleaned = t.trim().trim_end_matches('%').trim().replace(',', ".").replace(['\u{a0}', ' '], "");
            cleaned.parse::<f64>().map(Some).map_err(|_| format!("«{}» — не число", t.trim()))
        }
        Cell::Formula(f) => Err(formula(f)),
        other => Err(format!("«{}» — не число", text_of(other).unwrap_or_default())),
    }
}

fn yes_no_of(cell: &Cell) -> Result<Option<bool>, String> {
    match cell {
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Empty => Ok(None),
        Cell::Formula(f) => Err(formula(f)),
        other => match text_of(other).map(|t| t.to_lowercase()) {
            None => Ok(None),
            Some(t) if ["да", "yes", "1", "истина"].contains(&t.as_str()) => Ok(Some(true)),
            Some(t) if ["нет", "no", "0", "ложь"].contains(&t.as_str()) => Ok(Some(false)),
            Some(t) => Err(format!("«{t}» — ожидалось «да» или «нет»")),
        },
    }
}

/// The programme code a filled template belongs to.
fn template_code(path: &Path) -> Result<(String, super::grid::Book), SheetError> {
    let bytes = super::read::read_bytes(path)?;
    let wanted = |name: &str| name == PROGRAMME_SHEET || name == VALUES_SHEET;
    // Saved from LibreOffice in its own format, the template is an `.ods`.
    let kind = super::read::kind_name(super::FileKind::of(path));
    let book = super::workbook::read(&bytes, kind, &wanted).map_err(|detail| SheetError::Open {
        path: path.to_path_buf(),
        kind,
        detail,
    })?;
    let invalid = |message: String, sheet: &str| SheetError::Invalid {
        file: path.display().to_string(),
        problems: vec![CellProblem { sheet: sheet.to_string(), row: None, column: None, message }],
    };
    let Some(head) = book.get(PROGRAMME_SHEET) else {
        return Err(invalid(
            format!(
                "нет листа «{PROGRAMME_SHEET}» — это не шаблон значений программы (его пишет `programme template`)"
            ),
            PROGRAMME_SHEET,
        ));
    };
    let code = head
        .rows
        .iter()
        .find(|r| text_of(r.cell(0)).as_deref() == Some("Код программы"))
        .and_then(|r| text_of(r.cell(1)));
    let Some(code) = code else {
        return Err(invalid("не указан код программы (ячейка B1)".to_string(), PROGRAMME_SHEET));
    };
    if !book.contains_key(VALUES_SHEET) {
        return Err(invalid(format!("нет листа «{VALUES_SHEET}»"), VALUES_SHEET));
    }
    Ok((code, book))
}

/// The code of the programme a filled template belongs to.
pub fn template_programme_code(path: &Path) -> Result<String, SheetError> {
    template_code(path).map(|(code, _)| code)
}

/// Reads the values of a filled template against the programme they belong to.
pub fn read_values_for(path: &Path, p: &Programme) -> Result<Vec<Entry>, SheetError> {
    let (code, book) = template_code(path)?;
    let file = path.display().to_string();
    let cell_problem = |row: u32, column: Option<usize>, message: String| CellProblem {
        sheet: VALUES_SHEET.to_string(),
        row: Some(row),
        column: column.map(|c| c as u32),
        message,
    };
    if code != p.code {
        return Err(SheetError::Invalid {
            file,
            problems: vec![CellProblem {
                sheet: PROGRAMME_SHEET.into(),
                row: Some(1),
                column: Some(1),
                message: format!("шаблон программы «{code}», а не «{}»", p.code),
            }],
        });
    }
    let grid = book.get(VALUES_SHEET).cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let mut values = Vec::new();
    let mut rows = Vec::new();
    for row in grid.rows.iter().filter(|r| r.number > 1) {
        let filled = [NUMERATOR, DENOMINATOR, VALUE, ACHIEVED].iter().any(|c| !row.cell(*c).is_empty());
        if !filled {
            continue;
        }
        let mut map = Map::new();
        let code = text_of(row.cell(CODE)).unwrap_or_default();
        map.insert("indicator".into(), json!(code));
        map.insert("period".into(), json!(text_of(row.cell(PERIOD)).unwrap_or_default()));
        for (column, name) in [(MUNICIPALITY, "municipality"), (ORGANISATION, "organisation"), (SOURCE, "source")] {
            if let Some(t) = text_of(row.cell(column)) {
                map.insert(name.into(), json!(t));
            }
        }
        let kind = p.indicator(&code).map(|i| i.kind);
        let mut put_number = |column: usize, name: &str, map: &mut Map<String, Value>| match number_of(row.cell(column))
        {
            Ok(Some(n)) => {
                map.insert(name.into(), json!(n));
            }
            Ok(None) => {}
            Err(e) => problems.push(cell_problem(row.number, Some(column), e)),
        };
        match kind {
            Some(Kind::Share) if row.cell(NUMERATOR).is_empty() && row.cell(DENOMINATOR).is_empty() => {
                put_number(VALUE, "percent", &mut map)
            }
            Some(Kind::Share) => {
                put_number(NUMERATOR, "numerator", &mut map);
                put_number(DENOMINATOR, "denominator", &mut map);
            }
            Some(Kind::Count) => put_number(VALUE, "value", &mut map),
            Some(Kind::YesNo) => match yes_no_of(row.cell(VALUE)) {
                Ok(Some(b)) => {
                    map.insert("value".into(), json!(b));
                }
                Ok(None) => problems.push(cell_problem(row.number, Some(VALUE), "укажите «да» или «нет»".into())),
                Err(e) => problems.push(cell_problem(row.number, Some(VALUE), e)),
            },
            Some(Kind::Text) => {
                if let Some(t) = text_of(row.cell(VALUE)) {
                    map.insert("text".into(), json!(t));
                }
                match yes_no_of(row.cell(ACHIEVED)) {
                    Ok(Some(b)) => {
                        map.insert("achieved".into(), json!(b));
                    }
                    Ok(None) => {}
                    Err(e) => problems.push(cell_problem(row.number, Some(ACHIEVED), e)),
                }
            }
            None => {}
        }
        values.push(Value::Object(map));
        rows.push(row.number);
    }
    if !problems.is_empty() {
        return Err(SheetError::Invalid { file, problems });
    }
    // The programme reader checks each row as it checks a JSON value.
    let mut doc = programme::to_value(p);
    if let Some(map) = doc.as_object_mut() {
        map.insert("values".into(), Value::Array(values));
    }
    programme::parse(&doc.to_string()).map(|parsed| parsed.values).map_err(|found| SheetError::Invalid {
        file,
        problems: found
            .into_iter()
            .map(|problem| {
                let (row, column) = locate(&problem.path, &rows);
                CellProblem { sheet: VALUES_SHEET.to_string(), row, column, message: problem.message }
            })
            .collect(),
    })
}

/// `$.values[3].numerator` → (the row of the fourth value, the column «Числитель»).
fn locate(path: &str, rows: &[u32]) -> (Option<u32>, Option<u32>) {
    let Some(rest) = path.strip_prefix("$.values[") else { return (None, None) };
    let Some((index, field)) = rest.split_once(']') else { return (None, None) };
    let row = index.parse::<usize>().ok().and_then(|i| rows.get(i).copied());
    let column = match field.trim_start_matches('.') {
        "indicator" => Some(CODE),
        "period" => Some(PERIOD),
        "municipality" => Some(MUNICIPALITY),
        "organisation" => Some(ORGANISATION),
        "numerator" => Some(NUMERATOR),
        "denominator" => Some(DENOMINATOR),
        "percent" | "value" | "text" => Some(VALUE),
        "achieved" => Some(ACHIEVED),
        "source" => Some(SOURCE),
        _ => None,
    };
    (row, column.map(|c| c as u32))
}
