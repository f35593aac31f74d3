//! Writing the layout: the fill-in template (`.xlsx` with drop-down lists, or its CSV form) and
//! the answer sheets of an export, all from the same tables.

use super::SheetError;
use super::csv;
use super::layout::{self, CAMPAIGN_HEADERS, CAMPAIGN_ROWS, Column, Kind, SheetName, yes_no};
use crate::model::registry::Registry;
use crate::model::values::{ExperienceYears, FIRST_YEAR, Hours, LAST_YEAR};
use crate::model::{Function, Response};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

/// What the template's campaign sheet is prefilled with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TemplateHead {
    pub title: Option<String>,
    pub region: String,
    pub reference_date: Option<NaiveDate>,
}

impl TemplateHead {
    /// The head for a region; Primorye gets the title of its monitoring.
    pub fn for_region(region: &str) -> TemplateHead {
        let title = Registry::for_region(region).map(|_| {
            "Мониторинг состояния и деятельности муниципальных методических служб в Приморском крае".to_string()
        });
        TemplateHead { title, region: region.to_string(), reference_date: None }
    }
}

/// A value to put in a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<&String>) -> Value {
        s.map_or(Value::Empty, |s| Value::Text(s.clone()))
    }

    /// The value as CSV text: dates as ДД.ММ.ГГГГ, numbers with a decimal comma.
    fn csv_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string().replace('.', ","),
            Value::Date(d) => d.format("%d.%m.%Y").to_string(),
        }
    }
}

/// One sheet's content: its columns and rows of values.
pub(crate) struct Table {
    pub sheet: SheetName,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

/// The tables of the layout filled with `responses`; with `prefill`, the services, duties and
/// associations sheets also list every municipality of the region that has no response yet.
pub(crate) fn tables(head: &TemplateHead, responses: &[Response], prefill: Option<Registry>) -> Vec<Table> {
    let campaign_values = [
        head.title.as_ref().map_or(Value::Empty, |t| Value::text(t.clone())),
        Value::text(head.region.clone()),
        head.reference_date.map_or(Value::Empty, Value::Date),
    ];
    let campaign = Table {
        sheet: SheetName::Campaign,
        columns: CAMPAIGN_HEADERS
            .iter()
            .map(|h| Column { key: "", header: h, kind: Kind::Text, width: 44.0 })
            .collect(),
        rows: CAMPAIGN_ROWS
            .iter()
            .zip(campaign_values)
            .map(|((_, label, _), v)| vec![Value::text(*label), v])
            .collect(),
    };
    let answered: Vec<&str> = responses.iter().map(|r| r.municipality.as_str()).collect();
    let unanswered: Vec<&str> = prefill
        .map(|reg| reg.municipalities.iter().map(|m| m.name).filter(|n| !answered.contains(n)).collect())
        .unwrap_or_default();
    let name_only = |name: &str, width: usize| {
        let mut row = vec![Value::text(name)];
        row.resize(width, Value::Empty);
        row
    };
    let mut services = Vec::new();
    let mut staff = Vec::new();
    let mut courses = Vec::new();
    let mut duties = Vec::new();
    let mut associations = Vec::new();
    for r in responses {
        let m = || Value::text(r.municipality.clone());
        services.push(vec![
            m(),
            Value::text(r.service.form.label()),
            Value::opt_text(r.service.name.as_ref()),
            r.service.started.map_or(Value::Empty, |d| Value::Date(d.get())),
            Value::text(yes_no(r.staff.is_some())),
            Value::opt_text(r.notes.as_ref()),
        ]);
        for (i, s) in r.staff.iter().flatten().enumerate() {
            let key = Value::Number(i as f64 + 1.0);
            staff.push(vec![
                m(),
                key.clone(),
                Value::opt_text(s.name.as_ref()),
                Value::opt_text(s.position.as_ref()),
                Value::text(s.education.label()),
                Value::Number(s.service_years.get()),
                Value::Number(s.school_years.get()),
            ]);
            for c in &s.courses {
                courses.push(vec![
                    m(),
                    key.clone(),
                    Value::text(c.title.clone()),
                    Value::Number(f64::from(c.hours)),
                    Value::Date(c.completed.get()),
                    Value::text(yes_no(c.relevant)),
                ]);
            }
        }
        let mut duty_row = vec![m(), Value::text(yes_no(r.duties.is_some()))];
        match &r.duties {
            Some(d) => {
                duty_row.push(d.approved_year.map_or(Value::Empty, |y| Value::Number(f64::from(y))));
                duty_row.extend(Function::ALL.iter().map(|f| Value::text(yes_no(d.functions.contains(f)))));
            }
            None => duty_row.resize(3 + Function::ALL.len(), Value::Empty),
        }
        duties.push(duty_row);
        associations.push(match &r.associations {
            Some(a) => vec![m(), Value::text(yes_no(a.mmo)), Value::text(a.other.join("; "))],
            None => name_only(&r.municipality, 3),
        });
    }
    for name in unanswered {
        services.push(name_only(name, layout::SERVICES.len()));
        duties.push(name_only(name, 3 + Function::ALL.len()));
        associations.push(name_only(name, layout::ASSOCIATIONS.len()));
    }
    let table = |sheet, rows| Table { sheet, columns: layout::columns(sheet), rows };
    vec![
        campaign,
        table(SheetName::Services, services),
        table(SheetName::Staff, staff),
        table(SheetName::Courses, courses),
        table(SheetName::Duties, duties),
        table(SheetName::Associations, associations),
    ]
}

/// The instructions sheet, one paragraph per row.
const INSTRUCTIONS: &[&str] = &[
    "Анкета мониторинга муниципальных методических служб (ММС)",
    "",
    "1. Лист «Кампания»: проверьте название, регион и дату мониторинга — на эту дату оцениваются все ответы.",
    "2. Лист «Службы»: одна строка на муниципалитет. Выберите форму ММС из списка. Строка, где заполнено только название муниципалитета, означает, что ответа нет.",
    "   «Сведения о сотрудниках представлены»: «да» — сотрудники перечислены на листе «Сотрудники» (если строк нет — в службе нет сотрудников); «нет» — сведения не представлены. Пусто — «да», если на листе «Сотрудники» есть строки муниципалитета.",
    "3. Лист «Сотрудники»: одна строка на сотрудника. «№ сотрудника» — номер внутри муниципалитета (1, 2, 3…), по нему к сотруднику привязываются курсы. Стаж — в годах, можно с дробной частью (6,5).",
    "4. Лист «Курсы»: одна строка на программу повышения квалификации: муниципалитет, № сотрудника, название, часы, дата окончания. «Засчитывается» — «нет» для курсов только по организации ГИА; пусто — «да».",
    "5. Лист «Обязанности»: год утверждения должностных инструкций и по одному столбцу «да/нет» на каждую функцию РСНМС (пусто — «нет»). «Документы представлены»: «нет» или пустая строка — документы не представлены.",
    "6. Лист «Объединения»: организованы ли ММО («да/нет») и другие структуры (советы, экспертные, творческие, проблемные группы…) через «;» или с новой строки. Пустая строка — сведения не представлены.",
    "",
    "Названия муниципалитетов можно писать в привычном виде («Артёмовский ГО», «ГО Спасск - Дальний»): программа сопоставит их со списком региона.",
    "Даты вводите как даты (ДД.ММ.ГГГГ). Числа можно вводить с запятой; числа, сохранённые как текст, тоже принимаются.",
    "Не переименовывайте листы и заголовки столбцов. Импорт: mms-monitor import ФАЙЛ.xlsx — при любой ошибке в базу не записывается ничего, а программа перечисляет все ошибки с адресами ячеек (например, Сотрудники!D7).",
];

/// Writes the fill-in template for `head` to `path` (`.xlsx`, or `.csv` for the CSV form).
pub fn write_template(path: &Path, head: &TemplateHead) -> Result<(), SheetError> {
    let write_err = |detail: String| SheetError::Write { path: path.to_path_buf(), detail };
    let bytes = match super::FileKind::of(path) {
        Some(super::FileKind::Csv) => template_csv(head).into_bytes(),
        Some(super::FileKind::Xlsx) => template_xlsx(head).map_err(|e| write_err(e.to_string()))?,
        _ => {
            return Err(write_err(
                "шаблон записывается в файл .xlsx (его открывают Excel и LibreOffice) или .csv".into(),
            ));
        }
    };
    crate::files::write_atomic(path, &bytes, crate::files::Access::Shared)
        .map_err(|e| write_err(crate::files::describe(&e)))
}

/// The template workbook as bytes.
pub fn template_xlsx(head: &TemplateHead) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let instructions = workbook.add_worksheet();
    instructions.set_name(SheetName::Instructions.title())?;
    instructions.set_column_width(0, 130)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (i, line) in INSTRUCTIONS.iter().enumerate() {
        let format = if i == 0 { Format::new().set_bold().set_font_size(14) } else { wrap.clone() };
        instructions.write_string_with_format(i as u32, 0, *line, &format)?;
    }
    for table in tables(head, &[], Registry::for_region(&head.region)) {
        add_table(&mut workbook, &table)?;
    }
    workbook.save_to_buffer()
}

/// The template's CSV form (sections, `;`, UTF-8 with BOM).
pub fn template_csv(head: &TemplateHead) -> String {
    tables_csv(&tables(head, &[], Registry::for_region(&head.region)))
}

pub(crate) fn tables_csv(tables: &[Table]) -> String {
    let sections: Vec<(&str, Vec<Vec<String>>)> = tables
        .iter()
        .map(|t| {
            let mut rows = vec![t.columns.iter().map(|c| c.header.to_string()).collect::<Vec<_>>()];
            rows.extend(t.rows.iter().map(|r| r.iter().map(Value::csv_text).collect()));
            (t.sheet.title(), rows)
        })
        .collect();
    csv::write(&sections)
}

/// Rows a drop-down or check covers below the header.
const VALIDATED_ROWS: u32 = 2000;

pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xE7_E6_E6))
        .set_border(FormatBorder::Thin)
}

pub(crate) fn date_format() -> Format {
    Format::new().set_num_format("dd.mm.yyyy")
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// Writes one value; dates get the date format.
pub(crate) fn write_value(sheet: &mut Worksheet, row: u32, col: u16, value: &Value) -> Result<(), XlsxError> {
    match value {
        Value::Empty => {}
        Value::Text(t) => {
            sheet.write_string(row, col, t)?;
        }
        Value::Number(n) => {
            sheet.write_number(row, col, *n)?;
        }
        Value::Date(d) => {
            sheet.write_date_with_format(row, col, &excel_date(*d)?, &date_format())?;
        }
    }
    Ok(())
}

/// The check (drop-down list or range) a column kind gets.
fn validation(kind: Kind) -> Result<Option<DataValidation>, XlsxError> {
    let v = match kind {
        Kind::YesNo | Kind::ServiceForm | Kind::Education => {
            let list = layout::choices(kind).unwrap_or_default();
            DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_title("Значение не из списка")?
                .set_error_message("Выберите значение из раскрывающегося списка")?
        }
        Kind::Years => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(ExperienceYears::MIN, ExperienceYears::MAX))
            .set_error_title("Стаж")?
            .set_error_message("Стаж — число лет от 0 до 80, например 6,5")?,
        Kind::Hours => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(Hours::MIN as i32, Hours::MAX as i32))
            .set_error_title("Часы")?
            .set_error_message(format!("Объём программы — целое число часов от {} до {}", Hours::MIN, Hours::MAX))?,
        Kind::Year => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(FIRST_YEAR, LAST_YEAR))
            .set_error_title("Год")?
            .set_error_message(format!("Год — четыре цифры, от {FIRST_YEAR} до {LAST_YEAR}"))?,
        Kind::Date => DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(FIRST_YEAR as u16, 1, 1)?,
                ExcelDateTime::from_ymd(LAST_YEAR as u16, 12, 31)?,
            ))
            .set_error_title("Дата")?
            .set_error_message(format!(
                "Введите дату в формате ДД.ММ.ГГГГ, от 01.01.{FIRST_YEAR} до 31.12.{LAST_YEAR}"
            ))?,
        Kind::Text | Kind::List | Kind::Municipality | Kind::Key => return Ok(None),
    };
    Ok(Some(v.set_error_style(DataValidationErrorStyle::Stop)))
}

/// Adds a data sheet: headers, values, column widths, drop-downs and checks, frozen header.
pub(crate) fn add_table(workbook: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.sheet.title())?;
    let header = header_format();
    sheet.set_row_height(0, 45)?;
    for (c, column) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, column.header, &header)?;
        sheet.set_column_width(c, column.width)?;
        if column.kind == Kind::Date {
            sheet.set_column_format(c, &date_format())?;
        }
        if let Some(v) = validation(column.kind)? {
            sheet.add_data_validation(1, c, VALIDATED_ROWS, c, &v)?;
        }
    }
    if table.sheet == SheetName::Campaign {
        let date_row = CAMPAIGN_ROWS.iter().position(|(_, _, k)| *k == Kind::Date).unwrap_or(2) as u32 + 1;
        if let Some(v) = validation(Kind::Date)? {
            sheet.add_data_validation(date_row, 1, date_row, 1, &v)?;
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            write_value(sheet, r as u32 + 1, c as u16, value)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primorye_template_lists_every_municipality() {
        let head = TemplateHead::for_region("Приморский край");
        let tables = tables(&head, &[], Registry::for_region(&head.region));
        let services = tables.iter().find(|t| t.sheet == SheetName::Services).unwrap();
        assert_eq!(services.rows.len(), 34);
        assert_eq!(services.rows[0][0], Value::text("Артемовский ГО"));
        assert_eq!(services.rows[33][0], Value::text("Шкотовский МР"));
        let staff = tables.iter().find(|t| t.sheet == SheetName::Staff).unwrap();
        assert!(staff.rows.is_empty());
    }

    #[test]
    fn other_regions_start_empty() {
        let head = TemplateHead::for_region("Московская область");
        assert_eq!(head.title, None);
        let tables = tables(&head, &[], None);
        assert!(tables.iter().filter(|t| t.sheet != SheetName::Campaign).all(|t| t.rows.is_empty()));
    }

    #[test]
    fn template_workbook_is_written() {
        let bytes = template_xlsx(&TemplateHead::for_region("Приморский край")).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn csv_values_use_russian_conventions() {
        assert_eq!(Value::Number(6.5).csv_text(), "6,5");
        assert_eq!(Value::Number(36.0).csv_text(), "36");
        assert_eq!(Value::Date(NaiveDate::from_ymd_opt(2021, 4, 15).unwrap()).csv_text(), "15.04.2021");
    }
}
