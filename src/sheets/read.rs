//! A filled workbook (or its CSV form) → a validated [`Campaign`], in one step that collects
//! every problem with its cell. Nothing is returned unless the whole file is valid.

use super::grid::Merged;
use super::grid::{Book, Cell, Grid, Row};
use super::layout::{self, CAMPAIGN_ROWS, Column, Kind, SheetName, normalize};
use super::{CellProblem, FileKind, SheetError, csv, workbook};
use crate::model::registry::Registry;
use crate::model::values::{Date, Hours, MunicipalityName, Year};
use crate::model::{
    Associations, Campaign, Course, Duties, Education, Function, Response, Service, ServiceForm, Staff,
};
use cells::{describe_cell, number_text};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// The bytes of a workbook or CSV file, refused before reading when larger than
/// [`workbook::MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SheetError> {
    let io = |error| SheetError::Io { path: path.to_path_buf(), error };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > workbook::MAX_FILE_BYTES {
        let detail = format!(
            "файл занимает {} МБ, больше предела {} МБ для книги анкет",
            size / (1024 * 1024),
            workbook::MAX_FILE_BYTES / (1024 * 1024)
        );
        return Err(SheetError::Open { path: path.to_path_buf(), kind: kind_name(FileKind::of(path)), detail });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(workbook::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Reads and validates a filled workbook (`.xlsx`, `.ods`) or its CSV form. Errors name the file.
pub fn read_file(path: &Path) -> Result<Campaign, SheetError> {
    let bytes = read_bytes(path)?;
    parse_file(path, &bytes)
}

/// Validates a file's bytes already read, of the kind its extension names. Errors name the file.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Campaign, SheetError> {
    let kind = FileKind::of(path).unwrap_or(FileKind::Xlsx);
    parse_workbook(bytes, kind).map_err(|failure| match failure {
        WorkbookFailure::Unreadable(detail) => {
            SheetError::Open { path: path.to_path_buf(), kind: kind_name(Some(kind)), detail }
        }
        WorkbookFailure::Invalid(problems) => SheetError::Invalid { file: path.display().to_string(), problems },
    })
}

/// The name of a file's kind in messages and for [`workbook::read`] («XLSX» when not known).
pub(crate) fn kind_name(kind: Option<FileKind>) -> &'static str {
    match kind {
        Some(FileKind::Ods) => "ODS",
        Some(FileKind::Csv) => "CSV",
        _ => "XLSX",
    }
}

/// Why a workbook was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkbookFailure {
    /// The file is not a readable workbook, or is beyond a limit: a Russian sentence.
    Unreadable(String),
    /// It was read; these answers are wrong.
    Invalid(Vec<CellProblem>),
}

/// Validates a workbook (`Xlsx`, `Ods`) or CSV (`Csv`; `Json` is read as `Xlsx`) given as bytes.
pub fn parse_workbook(bytes: &[u8], kind: FileKind) -> Result<Campaign, WorkbookFailure> {
    let wanted = |name: &str| SheetName::DATA.iter().any(|s| normalize(s.title()) == normalize(name));
    let book = match kind {
        FileKind::Csv => csv::parse(&csv::decode(bytes)),
        FileKind::Ods => workbook::read(bytes, "ODS", &wanted).map_err(WorkbookFailure::Unreadable)?,
        FileKind::Xlsx | FileKind::Json => {
            workbook::read(bytes, "XLSX", &wanted).map_err(WorkbookFailure::Unreadable)?
        }
    };
    parse_book(&book).map_err(WorkbookFailure::Invalid)
}

/// Validates the CSV form given as bytes (UTF-8 or Windows-1251).
pub fn parse_csv(bytes: &[u8]) -> Result<Campaign, Vec<CellProblem>> {
    parse_book(&csv::parse(&csv::decode(bytes)))
}

/// A cell's parsed value: empty, wrong (already reported) or a value.
enum Got<T> {
    Empty,
    Bad,
    Value(T),
}

impl<T> Got<T> {
    fn value(self) -> Option<T> {
        match self {
            Got::Value(v) => Some(v),
            _ => None,
        }
    }

    fn is_bad(&self) -> bool {
        matches!(self, Got::Bad)
    }
}

/// The columns of one sheet found by their headers: key → 0-based index.
struct Header {
    sheet: SheetName,
    columns: HashMap<&'static str, (usize, Column)>,
}

/// The cell of a row under the column `key` (a column the header check found).
fn cell_at<'a>(header: &'a Header, row: &'a Row, key: &str) -> At<'a> {
    let (column, header_text) = header.columns.get(key).map_or((usize::MAX, ""), |(i, c)| (*i, c.header));
    At { sheet: header.sheet, row, column, header: header_text }
}

/// Where a cell is; what the reader reports problems against.
#[derive(Clone, Copy)]
struct At<'a> {
    sheet: SheetName,
    row: &'a Row,
    column: usize,
    header: &'a str,
}

impl At<'_> {
    fn cell(&self) -> &Cell {
        self.row.cell(self.column)
    }
}

/// One line of the services sheet that declares a response.
struct ServiceLine {
    row: u32,
    staff_provided: Option<(bool, usize)>,
    response: Response,
}

#[derive(Default)]
struct Reader {
    problems: Vec<CellProblem>,
    /// (sheet, municipality) already reported as missing from «Службы».
    undeclared: HashSet<(SheetName, String)>,
    /// Merged ranges of several rows on each sheet, each reported once; cells they cover are
    /// not reported again as empty.
    merged: HashMap<SheetName, Vec<Merged>>,
}

pub(crate) fn parse_book(book: &Book) -> Result<Campaign, Vec<CellProblem>> {
    let mut reader = Reader::default();
    let campaign = reader.book(book);
    match campaign {
        Some(c) if reader.problems.is_empty() => Ok(c),
        _ => Err(reader.problems),
    }
}

impl Reader {
    fn problem(&mut self, sheet: SheetName, row: Option<u32>, column: Option<usize>, message: impl Into<String>) {
        self.problems.push(CellProblem {
            sheet: sheet.title().to_string(),
            row,
            column: column.map(|c| c as u32),
            message: message.into(),
        });
    }

    fn at(&mut self, at: At, message: impl Into<String>) {
        self.problem(at.sheet, Some(at.row.number), Some(at.column), format!("«{}»: {}", at.header, message.into()));
    }

    fn book(&mut self, book: &Book) -> Option<Campaign> {
        let sheet = |name: SheetName| -> Option<&Grid> {
            book.iter().find(|(n, _)| normalize(n) == normalize(name.title())).map(|(_, g)| g)
        };
        if let Some(stray) = book.get("").and_then(|g| g.rows.first()) {
            let message = "строки до первого раздела; файл CSV должен начинаться со строки «[Кампания]»";
            self.problems.push(CellProblem {
                sheet: "CSV".into(),
                row: Some(stray.number),
                column: None,
                message: message.into(),
            });
        }
        let mut grids = HashMap::new();
        for name in SheetName::DATA {
            match sheet(name) {
                Some(grid) => {
                    grids.insert(name, grid);
                    for p in &grid.problems {
                        self.problem(name, Some(p.row), Some(p.column as usize), p.message.clone());
                    }
                    self.merged_ranges(name, grid);
                }
                None => self.problem(
                    name,
                    None,
                    None,
                    "лист отсутствует; возьмите книгу из `mms-monitor template` и не переименовывайте листы",
                ),
            }
        }
        let head = grids.get(&SheetName::Campaign).and_then(|g| self.campaign_sheet(g));
        let registry = head.as_ref().and_then(|(_, region, _)| Registry::for_region(region));
        let (mut services, attempted) =
            grids.get(&SheetName::Services).map(|g| self.services(g, registry)).unwrap_or_default();
        let mut known: HashMap<MunicipalityName, Option<usize>> = attempted.into_iter().map(|m| (m, None)).collect();
        known.extend(services.iter().enumerate().map(|(i, s)| (s.response.municipality.clone(), Some(i))));
        if let Some(grid) = grids.get(&SheetName::Staff) {
            self.staff(grid, registry, &known, &grids, &mut services);
        }
        if let Some(grid) = grids.get(&SheetName::Duties) {
            self.duties(grid, registry, &known, &mut services);
        }
        if let Some(grid) = grids.get(&SheetName::Associations) {
            self.associations(grid, registry, &known, &mut services);
        }
        for line in &services {
            if let Some((false, n)) = line.staff_provided.filter(|(_, n)| *n > 0) {
                let column = layout::SERVICES.iter().position(|c| c.key == "staff_provided");
                self.problem(
                    SheetName::Services,
                    Some(line.row),
                    column,
                    format!(
                        "указано «нет», но на листе «Сотрудники» для «{}» есть строк: {n}; исправьте на «да» или удалите строки",
                        line.response.municipality
                    ),
                );
            }
        }
        let (title, region, reference_date) = head?;
        Some(Campaign {
            id: None,
            title,
            region,
            reference_date,
            document: None,
            responses: services.into_iter().map(|s| s.response).collect(),
        })
    }

    /// Merged ranges over several rows lose the answers of every row but the first: each is
    /// named once, instead of its empty cells one by one.
    fn merged_ranges(&mut self, sheet: SheetName, grid: &Grid) {
        let tall: Vec<Merged> = grid.merged.iter().filter(|m| m.last_row > m.first_row).copied().collect();
        for m in &tall {
            let range = format!(
                "{}{}:{}{}",
                super::column_letters(m.first_column),
                m.first_row,
                super::column_letters(m.last_column),
                m.last_row
            );
            self.problem(
                sheet,
                Some(m.first_row),
                Some(m.first_column as usize),
                format!(
                    "ячейки {range} объединены; программа читает только верхнюю ячейку объединения — отмените объединение и заполните каждую строку"
                ),
            );
        }
        self.merged.insert(sheet, tall);
    }

    /// Whether a cell is covered by a merged range already reported (and is not its first cell).
    fn covered(&self, at: At) -> bool {
        let (row, column) = (at.row.number, at.column as u32);
        self.merged.get(&at.sheet).is_some_and(|ranges| {
            ranges.iter().any(|m| m.contains(row, column) && (row, column) != (m.first_row, m.first_column))
        })
    }

    /// The campaign sheet: labels in column A, values in column B.
    fn campaign_sheet(&mut self, grid: &Grid) -> Option<(String, String, Date)> {
        let sheet = SheetName::Campaign;
        let mut title = None;
        let mut region = None;
        let mut date = None;
        let mut seen = HashSet::new();
        for row in &grid.rows {
            let label = match row.cell(0) {
                Cell::Text(t) => t.trim().to_string(),
                _ => String::new(),
            };
            if normalize(&label) == normalize(layout::CAMPAIGN_HEADERS[0]) {
                continue;
            }
            let Some((key, name, kind)) = CAMPAIGN_ROWS.iter().find(|(_, l, _)| normalize(l) == normalize(&label))
            else {
                let expected = CAMPAIGN_ROWS.iter().map(|(_, l, _)| format!("«{l}»")).collect::<Vec<_>>().join(", ");
                self.problem(
                    sheet,
                    Some(row.number),
                    Some(0),
                    format!("неизвестный параметр «{}»; ожидаются: {expected}", crate::interchange::shorten(&label)),
                );
                continue;
            };
            if !seen.insert(*key) {
                self.problem(sheet, Some(row.number), Some(0), format!("параметр «{name}» указан повторно"));
                continue;
            }
            let at = At { sheet, row, column: 1, header: name };
            match kind {
                Kind::Date => date = self.date(at).value(),
                _ if *key == "title" => title = self.text(at).value(),
                _ => region = self.text(at).value(),
            }
            if at.cell().is_empty() {
                self.at(at, "обязательное значение не заполнено");
            }
        }
        for (key, name, _) in CAMPAIGN_ROWS {
            if !seen.contains(key) {
                self.problem(sheet, None, None, format!("нет строки «{name}» (в столбце A)"));
            }
        }
        Some((title?, region?, date?))
    }

    /// Finds the columns of a data sheet by their headers in its first row.
    fn header(&mut self, sheet: SheetName, grid: &Grid) -> Option<Header> {
        let expected = layout::columns(sheet);
        let Some(first) = grid.rows.first() else {
            self.problem(sheet, None, None, "лист пуст: нет строки заголовков");
            return None;
        };
        let mut columns = HashMap::new();
        for (index, cell) in first.cells.iter().enumerate() {
            let text = match cell {
                Cell::Empty => continue,
                Cell::Text(t) => t.clone(),
                Cell::Number(n) => number_text(*n),
                other => describe_cell(other),
            };
            let found = expected.iter().find(|c| normalize(c.header) == normalize(&text) || c.key == text.trim());
            match found {
                Some(column) if columns.contains_key(column.key) => self.problem(
                    sheet,
                    Some(first.number),
                    Some(index),
                    format!("столбец «{}» повторяется", column.header),
                ),
                Some(column) => {
                    columns.insert(column.key, (index, *column));
                }
                None if text.trim().is_empty() => {}
                None => self.problem(
                    sheet,
                    Some(first.number),
                    Some(index),
                    format!(
                        "неизвестный столбец «{}»; удалите его или верните заголовок из шаблона",
                        crate::interchange::shorten(text.trim())
                    ),
                ),
            }
        }
        let missing: Vec<String> =
            expected.iter().filter(|c| !columns.contains_key(c.key)).map(|c| format!("«{}»", c.header)).collect();
        if !missing.is_empty() {
            self.problem(sheet, Some(first.number), None, format!("нет столбцов: {}", missing.join(", ")));
            return None;
        }
        Some(Header { sheet, columns })
    }

    /// Data rows of a sheet with their found columns.
    fn rows<'g>(&mut self, sheet: SheetName, grid: &'g Grid) -> Option<(Header, &'g [Row])> {
        let header = self.header(sheet, grid)?;
        Some((header, grid.rows.get(1..).unwrap_or_default()))
    }

    /// The municipality of a row on a sheet other than «Службы», which must declare it there;
    /// `None` when it does not (reported) or its services row is wrong (reported there).
    fn declared(
        &mut self,
        header: &Header,
        row: &Row,
        registry: Option<Registry>,
        known: &HashMap<MunicipalityName, Option<usize>>,
    ) -> Option<usize> {
        let at = cell_at(header, row, "municipality");
        let got = self.municipality(at, registry);
        let name = self.required(at, got).value()?;
        match known.get(&name) {
            Some(index) => *index, // `None`: its services row has an error, already reported
            None => {
                // Once per sheet and municipality: the fix is one row on «Службы».
                if self.undeclared.insert((header.sheet, name.to_string())) {
                    self.at(
                        at,
                        format!(
                            "«{}» не заполнен на листе «Службы» (не указана форма ММС) — сначала заполните строку службы; строки этого муниципалитета на листе не приняты",
                            crate::interchange::shorten(&name)
                        ),
                    );
                }
                None
            }
        }
    }

    /// The answered rows of «Службы», and every name that has a row with answers (valid or not).
    fn services(&mut self, grid: &Grid, registry: Option<Registry>) -> (Vec<ServiceLine>, HashSet<MunicipalityName>) {
        let mut attempted = HashSet::new();
        let Some((header, rows)) = self.rows(SheetName::Services, grid) else { return (Vec::new(), attempted) };
        let mut lines: Vec<ServiceLine> = Vec::new();
        let mut seen: HashMap<MunicipalityName, u32> = HashMap::new();
        for row in rows {
            let at = |key| cell_at(&header, row, key);
            let (m_at, form_at) = (at("municipality"), at("form"));
            let (name_at, started_at, provided_at, notes_at) =
                (at("name"), at("started"), at("staff_provided"), at("notes"));
            let others_filled = [name_at, started_at, provided_at, notes_at].iter().any(|a| !a.cell().is_empty());
            let municipality = self.municipality(m_at, registry);
            if let Got::Value(m) = &municipality
                && let Some(first) = seen.insert(m.clone(), row.number)
            {
                self.at(m_at, format!("«{m}» уже указан в строке {first}; одна строка на муниципалитет"));
                continue;
            }
            if form_at.cell().is_empty() && !others_filled {
                continue; // a prefilled name alone: this municipality has not answered
            }
            if let Got::Value(m) = &municipality {
                attempted.insert(m.clone());
            }
            let municipality = self.required(m_at, municipality);
            let form = self.choice(form_at, ServiceForm::ALL, ServiceForm::label, ServiceForm::code);
            let form = self.required(form_at, form);
            let name = self.text(name_at);
            let started = self.date(started_at);
            let provided = self.yes_no(provided_at);
            let notes = self.text(notes_at);
            if name.is_bad() || started.is_bad() || provided.is_bad() || notes.is_bad() {
                continue;
            }
            let (Some(municipality), Some(form)) = (municipality.value(), form.value()) else { continue };
            lines.push(ServiceLine {
                row: row.number,
                staff_provided: provided.value().map(|p| (p, 0)),
                response: Response {
                    id: None,
                    municipality,
                    service: Service { form, name: name.value(), started: started.value() },
                    staff: None,
                    duties: None,
                    associations: None,
                    notes: notes.value(),
                },
            });
        }
        (lines, attempted)
    }

    fn staff(
        &mut self,
        grid: &Grid,
        registry: Option<Registry>,
        known: &HashMap<MunicipalityName, Option<usize>>,
        grids: &HashMap<SheetName, &Grid>,
        services: &mut [ServiceLine],
    ) {
        let Some((header, rows)) = self.rows(SheetName::Staff, grid) else { return };
        let mut people: Vec<Vec<Staff>> = vec![Vec::new(); services.len()];
        let mut keys: HashMap<(usize, String), (usize, u32)> = HashMap::new();
        for row in rows {
            let at = |key| cell_at(&header, row, key);
            let service = self.declared(&header, row, registry, known);
            let key_got = self.text(at("key"));
            let key = self.required(at("key"), key_got).value();
            let name = self.text(at("name"));
            let position = self.text(at("position"));
            let education = self.choice(at("education"), Education::ALL, Education::label, Education::code);
            let education = self.required(at("education"), education).value();
            let service_years = self.years(at("service_years"));
            let service_years = self.required(at("service_years"), service_years).value();
            let school_years = self.years(at("school_years"));
            let school_years = self.required(at("school_years"), school_years).value();
            let (Some(service), Some(key)) = (service, key) else { continue };
            let key = normalize(&key);
            if let Some((_, first)) = keys.get(&(service, key.clone())) {
                let message = format!("сотрудник № {key} этого муниципалитета уже указан в строке {first}");
                self.at(at("key"), message);
                continue;
            }
            let (Some(education), Some(service_years), Some(school_years)) = (education, service_years, school_years)
            else {
                continue;
            };
            if name.is_bad() || position.is_bad() {
                continue;
            }
            let Some(list) = people.get_mut(service) else { continue };
            keys.insert((service, key), (list.len(), row.number));
            list.push(Staff {
                id: None,
                person: None,
                name: name.value(),
                position: position.value(),
                education,
                service_years,
                school_years,
                courses: Vec::new(),
            });
        }
        if let Some(grid) = grids.get(&SheetName::Courses) {
            self.courses(grid, registry, known, &keys, &mut people);
        }
        for (line, list) in services.iter_mut().zip(people) {
            let n = list.len();
            line.staff_provided = match line.staff_provided {
                Some((provided, _)) => Some((provided, n)),
                None if n > 0 => Some((true, n)),
                None => None,
            };
            if let Some((true, _)) = line.staff_provided {
                line.response.staff = Some(list);
            }
        }
    }

    fn courses(
        &mut self,
        grid: &Grid,
        registry: Option<Registry>,
        known: &HashMap<MunicipalityName, Option<usize>>,
        keys: &HashMap<(usize, String), (usize, u32)>,
        people: &mut [Vec<Staff>],
    ) {
        let Some((header, rows)) = self.rows(SheetName::Courses, grid) else { return };
        for row in rows {
            let at = |key| cell_at(&header, row, key);
            let service = self.declared(&header, row, registry, known);
            let key_got = self.text(at("key"));
            let key = self.required(at("key"), key_got).value();
            let title = self.text(at("title"));
            let title = self.required(at("title"), title).value();
            let hours = self.bounded(at("hours"), "число часов — целое число", Hours::new);
            let hours = self.required(at("hours"), hours).value();
            let completed = self.date(at("completed"));
            let completed = self.required(at("completed"), completed).value();
            let relevant = match self.yes_no(at("relevant")) {
                Got::Empty => Some(true),
                other => other.value(),
            };
            let (Some(service), Some(key)) = (service, key) else { continue };
            let key = normalize(&key);
            let Some((index, _)) = keys.get(&(service, key.clone())) else {
                self.at(
                    at("key"),
                    format!(
                        "сотрудника № {key} этого муниципалитета нет на листе «Сотрудники» (или в его строке ошибка)"
                    ),
                );
                continue;
            };
            let (Some(title), Some(hours), Some(completed), Some(relevant)) = (title, hours, completed, relevant)
            else {
                continue;
            };
            if let Some(person) = people.get_mut(service).and_then(|list| list.get_mut(*index)) {
                person.courses.push(Course { title, hours, completed, relevant });
            }
        }
    }

    fn duties(
        &mut self,
        grid: &Grid,
        registry: Option<Registry>,
        known: &HashMap<MunicipalityName, Option<usize>>,
        services: &mut [ServiceLine],
    ) {
        let Some((header, rows)) = self.rows(SheetName::Duties, grid) else { return };
        let mut seen: HashMap<usize, u32> = HashMap::new();
        for row in rows {
            let at = |key| cell_at(&header, row, key);
            let function_ats: Vec<(Function, At)> = Function::ALL.iter().map(|f| (*f, at(f.code()))).collect();
            let filled =
                !at("approved_year").cell().is_empty() || function_ats.iter().any(|(_, a)| !a.cell().is_empty());
            let provided = self.yes_no(at("provided"));
            // Every cell is checked before the row's municipality, so that an error elsewhere
            // (on «Службы») hides none here.
            let provided = match provided {
                Got::Empty if !filled => continue, // a prefilled name alone: no documents
                Got::Empty => Some(true),
                Got::Value(p) => Some(p),
                Got::Bad => None,
            };
            let (mut ok, mut year, mut functions) = (provided.is_some(), Got::Empty, Vec::new());
            if provided != Some(false) {
                year = self.bounded(at("approved_year"), "год утверждения — четыре цифры", Year::new);
                ok &= !year.is_bad();
                for (function, function_at) in function_ats {
                    match self.yes_no(function_at) {
                        Got::Value(true) => functions.push(function),
                        Got::Bad => ok = false,
                        _ => {}
                    }
                }
            }
            let Some(service) = self.declared(&header, row, registry, known) else { continue };
            if let Some(first) = seen.insert(service, row.number) {
                self.at(at("municipality"), format!("муниципалитет уже указан в строке {first}"));
                continue;
            }
            if provided == Some(false) {
                if filled {
                    self.at(
                        at("provided"),
                        "указано «нет», но год или функции заполнены; исправьте на «да» или очистите строку",
                    );
                }
                continue;
            }
            if let (true, Some(line)) = (ok, services.get_mut(service)) {
                line.response.duties = Some(Duties { approved_year: year.value(), functions });
            }
        }
    }

    fn associations(
        &mut self,
        grid: &Grid,
        registry: Option<Registry>,
        known: &HashMap<MunicipalityName, Option<usize>>,
        services: &mut [ServiceLine],
    ) {
        let Some((header, rows)) = self.rows(SheetName::Associations, grid) else { return };
        let mut seen: HashMap<usize, u32> = HashMap::new();
        for row in rows {
            let at = |key| cell_at(&header, row, key);
            let mmo = self.yes_no(at("mmo"));
            let other = self.text(at("other"));
            let mmo = match (mmo, &other) {
                (Got::Empty, Got::Empty) => continue, // a prefilled name alone: not provided
                (Got::Empty, _) => {
                    self.at(at("mmo"), "не указано, организованы ли ММО («да» или «нет»), а другие структуры указаны");
                    continue;
                }
                (Got::Value(m), _) => m,
                (Got::Bad, _) => continue,
            };
            let Some(service) = self.declared(&header, row, registry, known) else { continue };
            if let Some(first) = seen.insert(service, row.number) {
                self.at(at("municipality"), format!("муниципалитет уже указан в строке {first}"));
                continue;
            }
            let other: Vec<String> = other
                .value()
                .unwrap_or_default()
                .split([';', '\n', '\r'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if let Some(line) = services.get_mut(service) {
                line.response.associations = Some(Associations { mmo, other });
            }
        }
    }
}

mod cells;
#[cfg(test)]
mod tests;
