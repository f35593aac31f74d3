//! Spreadsheets end to end: the template filled programmatically with the sample's answers (as
//! XLSX, ODS and CSV) reproduces the reference levels; errors name their cells; nothing is
//! written on any error; the XLSX export carries the colour tables and imports back.

use crate::util::{Cli, SAMPLE, assert_reference_levels, levels_of_json, s};
use calamine::{Data, Reader};
use chrono::{Datelike, NaiveDate};
use mms_monitor::interchange;
use mms_monitor::model::{Campaign, Function, Response};
use rust_xlsxwriter::{ExcelDateTime, Workbook};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;

/// A value as a user would type it.
#[derive(Debug, Clone)]
pub(crate) enum V {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

pub(crate) fn t(s: impl Into<String>) -> V {
    V::Text(s.into())
}

fn yes_no(b: bool) -> V {
    t(if b { "да" } else { "нет" })
}

pub(crate) type Sheets = Vec<(String, Vec<Vec<V>>)>;

/// The headers and first-column names of every sheet of the template, read as a user sees them.
fn template_layout(path: &Path) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let names = book.sheet_names();
    names
        .iter()
        .filter(|n| *n != "Инструкция")
        .map(|name| {
            let range = book.worksheet_range(name).unwrap();
            let mut rows = range.rows();
            let headers = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
            let first_column = rows.map(|r| r.first().map(Data::to_string).unwrap_or_default()).collect();
            (name.clone(), headers, first_column)
        })
        .collect()
}

/// The sample's answers laid into the template's sheets by header name, with a user's habits:
/// years and hours partly typed as text with decimal commas, dates partly as text, names in
/// other spellings on the staff sheet.
fn fill(layout: &[(String, Vec<String>, Vec<String>)], campaign: &Campaign) -> Sheets {
    let find = |name: &str| campaign.responses.iter().find(|r| r.municipality == name);
    let mut out = Vec::new();
    for (sheet, headers, first_column) in layout {
        let mut rows: Vec<Vec<V>> = Vec::new();
        let row_of = |values: &dyn Fn(&str) -> V| headers.iter().map(|h| values(h)).collect::<Vec<V>>();
        match sheet.as_str() {
            "Кампания" => {
                rows.push(vec![t("Название мониторинга"), t(campaign.title.clone())]);
                rows.push(vec![t("Регион"), t(campaign.region.clone())]);
                rows.push(vec![t("Дата мониторинга"), V::Date(campaign.reference_date.get())]);
            }
            "Службы" => {
                assert_eq!(first_column.len(), 34, "the template lists the 34 municipalities");
                for name in first_column {
                    let r = find(name);
                    rows.push(row_of(&|h| match (h, r) {
                        ("Муниципалитет", _) => t(name.clone()),
                        (_, None) => V::Empty,
                        ("Форма ММС", Some(r)) => t(r.service.form.label()),
                        ("Наименование службы", Some(r)) => {
                            r.service.name.clone().map_or(V::Empty, t)
                        }
                        ("Дата создания службы", Some(r)) => {
                            r.service.started.map_or(V::Empty, |d| t(d.format("%d.%m.%Y").to_string()))
                        }
                        ("Сведения о сотрудниках представлены", Some(r)) => {
                            yes_no(r.staff.is_some())
                        }
                        ("Примечания", Some(r)) => r.notes.clone().map_or(V::Empty, t),
                        (other, _) => panic!("unexpected header {other}"),
                    }));
                }
            }
            "Сотрудники" => {
                for r in &campaign.responses {
                    for (i, p) in r.staff.iter().flatten().enumerate() {
                        let municipality =
                            if i % 2 == 1 { r.municipality.to_lowercase() } else { r.municipality.to_string() };
                        rows.push(row_of(&|h| match h {
                            "Муниципалитет" => t(municipality.clone()),
                            "№ сотрудника" => V::Number(i as f64 + 1.0),
                            "ФИО" => p.name.clone().map_or(V::Empty, t),
                            "Должность" => p.position.clone().map_or(V::Empty, t),
                            "Образование" => t(p.education.label()),
                            "Стаж работы в ММС, лет" if p.service_years.get().fract() != 0.0 => {
                                t(p.service_years.get().to_string().replace('.', ","))
                            }
                            "Стаж работы в ММС, лет" => V::Number(p.service_years.get()),
                            "Стаж работы в ОО, лет" if i % 3 == 0 => {
                                t(p.school_years.get().to_string().replace('.', ","))
                            }
                            "Стаж работы в ОО, лет" => V::Number(p.school_years.get()),
                            other => panic!("unexpected header {other}"),
                        }));
                    }
                }
            }
            "Курсы" => {
                for r in &campaign.responses {
                    for (i, p) in r.staff.iter().flatten().enumerate() {
                        for (j, c) in p.courses.iter().enumerate() {
                            rows.push(row_of(&|h| match h {
                                "Муниципалитет" => t(r.municipality.clone()),
                                "№ сотрудника" => t((i + 1).to_string()),
                                "Название программы повышения квалификации" => {
                                    t(c.title.clone())
                                }
                                "Объём, часов" if j % 2 == 0 => t(c.hours.to_string()),
                                "Объём, часов" => V::Number(f64::from(c.hours)),
                                "Дата окончания" => V::Date(c.completed.get()),
                                "Засчитывается (не только ГИА)" if c.relevant => V::Empty,
                                "Засчитывается (не только ГИА)" => yes_no(false),
                                other => panic!("unexpected header {other}"),
                            }));
                        }
                    }
                }
            }
            "Обязанности" => {
                for name in first_column {
                    let d = find(name).and_then(|r| r.duties.as_ref());
                    rows.push(row_of(&|h| match (h, d) {
                        ("Муниципалитет", _) => t(name.clone()),
                        (_, None) => V::Empty,
                        ("Документы представлены", Some(_)) => yes_no(true),
                        ("Год утверждения должностных инструкций", Some(d)) => {
                            d.approved_year.map_or(V::Empty, |y| V::Number(f64::from(y)))
                        }
                        (label, Some(d)) => {
                            let f = Function::ALL.iter().find(|f| f.label() == label).expect(label);
                            if d.functions.contains(f) { yes_no(true) } else { V::Empty }
                        }
                    }));
                }
            }
            "Объединения" => {
                for name in first_column {
                    let a = find(name).and_then(|r| r.associations.as_ref());
                    rows.push(row_of(&|h| match (h, a) {
                        ("Муниципалитет", _) => t(name.clone()),
                        (_, None) => V::Empty,
                        ("ММО организованы", Some(a)) => yes_no(a.mmo),
                        (_, Some(a)) => t(a.other.join("\n")),
                    }));
                }
            }
            other => panic!("unexpected sheet {other}"),
        }
        let header_row = headers.iter().map(|h| t(h.clone())).collect();
        rows.insert(0, header_row);
        out.push((sheet.clone(), rows));
    }
    out
}

fn write_xlsx(sheets: &Sheets, path: &Path) {
    write_xlsx_with(sheets, path, |_, _| {});
}

/// [`write_xlsx`], then `finish` on each sheet by name (to add what users do beyond typing).
pub(crate) fn write_xlsx_with(sheets: &Sheets, path: &Path, finish: impl Fn(&str, &mut rust_xlsxwriter::Worksheet)) {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        let date_format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::Empty => {}
                    V::Text(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    V::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    V::Date(d) => {
                        let d = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                        sheet.write_date_with_format(r, c, &d, &date_format).unwrap();
                    }
                }
            }
        }
        finish(name, sheet);
    }
    workbook.save(path).unwrap();
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A minimal OpenDocument spreadsheet, as LibreOffice's format stores one.
pub(crate) fn write_ods(sheets: &Sheets, path: &Path) {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, xml_escape(name)));
        for row in rows {
            content.push_str("<table:table-row>");
            for v in row {
                let cell = match v {
                    V::Empty => "<table:table-cell/>".to_string(),
                    V::Text(s) => {
                        let paragraphs: String =
                            s.split('\n').map(|p| format!("<text:p>{}</text:p>", xml_escape(p))).collect();
                        format!(r#"<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>"#)
                    }
                    V::Number(n) => format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    ),
                    V::Date(d) => format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
                    ),
                };
                content.push_str(&cell);
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// The CSV form as Russian Excel saves it: `;`, quotes where needed, Windows line ends.
pub(crate) fn write_csv(sheets: &Sheets, path: &Path) {
    let mut text = String::new();
    for (name, rows) in sheets {
        text.push_str(&format!("[{name}];;\r\n"));
        for row in rows {
            let fields: Vec<String> = row
                .iter()
                .map(|v| match v {
                    V::Empty => String::new(),
                    V::Text(s) if s.contains([';', '"', '\n']) => format!("\"{}\"", s.replace('"', "\"\"")),
                    V::Text(s) => s.clone(),
                    V::Number(n) => n.to_string().replace('.', ","),
                    V::Date(d) => d.format("%d.%m.%Y").to_string(),
                })
                .collect();
            text.push_str(&fields.join(";"));
            text.push_str("\r\n");
        }
        text.push_str("\r\n");
    }
    std::fs::write(path, text).unwrap();
}

pub(crate) fn sample() -> Campaign {
    interchange::read_file(SAMPLE.as_ref()).unwrap()
}

pub(crate) fn filled_sheets(cli: &Cli) -> Sheets {
    let template = cli.path("template.xlsx");
    cli.ok(&["template", "--out", s(&template)]);
    fill(&template_layout(&template), &sample())
}

pub(crate) fn assess_json(cli: &Cli, args: &[&str]) -> Value {
    let mut all = vec!["assess", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&cli.ok(&all)).unwrap()
}

#[test]
fn filled_xlsx_template_imports_with_the_reference_levels() {
    let cli = Cli::new();
    let filled = cli.path("filled.xlsx");
    write_xlsx(&filled_sheets(&cli), &filled);
    let out = cli.ok(&["import", s(&filled), "--db", s(&cli.db())]);
    assert!(out.contains("Анкет добавлено: 34"), "{out}");
    assert_reference_levels(&levels_of_json(&assess_json(&cli, &["--campaign", "1", "--db", s(&cli.db())])));
    let again = cli.ok(&["import", s(&filled), "--db", s(&cli.db())]);
    assert!(again.contains("Изменений нет"), "{again}");
    let imports = mms_monitor::storage::Db::open(&cli.db()).unwrap().imports().unwrap();
    let sha = mms_monitor::storage::sha256_hex(&std::fs::read(&filled).unwrap());
    assert_eq!(imports.len(), 2, "both imports are recorded");
    assert!(imports.iter().all(|i| i.sha256.as_deref() == Some(sha.as_str())));
}

/// The filled questionnaire opened and saved by LibreOffice Calc, as `.xlsx` and as `.ods`
/// (LibreOffice's own writing of dates, numbers, shared strings and validations): both import
/// with the reference levels and give the assessment of the JSON.
#[test]
fn a_workbook_saved_by_libreoffice_imports_as_xlsx_and_as_ods() {
    let cli = Cli::new();
    let from_json = assess_json(&cli, &["--input", SAMPLE]);
    let filled = cli.path("filled.xlsx");
    write_xlsx(&filled_sheets(&cli), &filled);
    for format in ["xlsx", "ods"] {
        let saved = cli.libreoffice_convert(&filled, format);
        assert_eq!(assess_json(&cli, &["--input", s(&saved)]), from_json, "{format}");
        let db = cli.path(&format!("{format}.db"));
        let out = cli.ok(&["import", s(&saved), "--db", s(&db)]);
        assert!(out.contains("Анкет добавлено: 34"), "{format}: {out}");
        assert_reference_levels(&levels_of_json(&assess_json(&cli, &["--campaign", "1", "--db", s(&db)])));
    }
}

#[test]
fn spreadsheet_gives_the_same_assessment_as_json() {
    let cli = Cli::new();
    let from_json = assess_json(&cli, &["--input", SAMPLE]);
    let sheets = filled_sheets(&cli);
    let (xlsx, ods, csv) = (cli.path("a.xlsx"), cli.path("a.ods"), cli.path("a.csv"));
    write_xlsx(&sheets, &xlsx);
    write_ods(&sheets, &ods);
    write_csv(&sheets, &csv);
    for file in [&xlsx, &ods, &csv] {
        assert_eq!(assess_json(&cli, &["--input", s(file)]), from_json, "{}", file.display());
    }
}

/// Responses without ids, functions in methodology order: what a spreadsheet can express.
pub(crate) fn comparable(mut c: Campaign) -> Vec<Response> {
    c.responses.sort_by(|a, b| a.municipality.cmp(&b.municipality));
    for r in &mut c.responses {
        r.id = None;
        for p in r.staff.iter_mut().flatten() {
            p.id = None;
        }
        if let Some(d) = &mut r.duties {
            d.functions.sort();
        }
    }
    c.responses
}

#[test]
fn exported_workbook_imports_back_unchanged() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let exported = cli.path("export.xlsx");
    let out = cli.ok(&["export", "--campaign", "1", "--out", s(&exported), "--with-names", "--db", s(&db)]);
    assert!(out.contains("export.xlsx"), "{out}");
    let names = calamine::open_workbook_auto(&exported).unwrap().sheet_names();
    assert_eq!(names, mms_monitor::sheets::export_sheet_names());
    let other_db = cli.path("other.db");
    cli.ok(&["import", s(&exported), "--db", s(&other_db)]);
    let back = mms_monitor::storage::Db::open(&other_db).unwrap().load_campaign(1).unwrap();
    assert_eq!(comparable(back), comparable(sample()));
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn export_has_coloured_cells_with_reasons_and_withholds_names() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let exported = cli.path("export.xlsx");
    cli.ok(&["export", "--campaign", "1", "--out", s(&exported), "--db", s(&db)]);
    let styles = zip_entry(&exported, "xl/styles.xml");
    use mms_monitor::methodology::Colour;
    for colour in [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue] {
        let fill = format!("FF{:06X}", mms_monitor::palette::level_fill(colour).hex());
        assert!(styles.contains(&fill), "fill {fill} of {colour:?} missing");
    }
    let assessment = assess_json(&cli, &["--input", SAMPLE]);
    let reason = assessment["municipalities"][0]["reasons"]["training_within_3y"].as_str().unwrap();
    let comments = zip_entry(&exported, "xl/comments2.xml");
    assert!(comments.contains(&xml_escape(reason).replace('"', "&quot;")) || comments.contains(reason), "{reason}");
    let mut book = calamine::open_workbook_auto(&exported).unwrap();
    let staff = book.worksheet_range("Сотрудники").unwrap();
    let name_column = staff.rows().next().unwrap().iter().position(|c| *c == "ФИО").unwrap();
    assert!(staff.rows().count() > 100, "every staff member is exported");
    assert!(staff.rows().skip(1).all(|r| r[name_column] == Data::Empty), "names withheld without --with-names");
    let courses = book.worksheet_range("Курсы").unwrap();
    let course_count: usize =
        sample().responses.iter().flat_map(|r| r.staff.iter().flatten()).map(|p| p.courses.len()).sum();
    assert_eq!(courses.rows().count() - 1, course_count, "every course is exported");
}

#[test]
fn template_has_drop_downs_and_dates() {
    let cli = Cli::new();
    let template = cli.path("t.xlsx");
    cli.ok(&["template", "--out", s(&template), "--reference-date", "2021-12-31"]);
    let layout = template_layout(&template);
    let names: Vec<&str> = layout.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Кампания", "Службы", "Сотрудники", "Курсы", "Обязанности", "Объединения"]);
    let services = zip_entry(&template, "xl/worksheets/sheet3.xml");
    assert!(services.contains("type=\"list\""), "drop-down on «Службы»");
    assert!(services.contains("отдельная организация"), "form labels in the list");
    let staff = zip_entry(&template, "xl/worksheets/sheet4.xml");
    assert!(staff.contains("высшее педагогическое"), "education labels in the list");
    let mut book = calamine::open_workbook_auto(&template).unwrap();
    let campaign = book.worksheet_range("Кампания").unwrap();
    assert!(matches!(campaign.get_value((3, 1)), Some(Data::DateTime(_))), "the reference date is a date");
    let csv = cli.path("t.csv");
    cli.ok(&["template", "--out", s(&csv)]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("[Сотрудники]\r\nМуниципалитет;№ сотрудника;ФИО"), "{text}");
}

#[test]
fn bad_workbook_reports_every_cell_and_writes_nothing() {
    let cli = Cli::new();
    let mut sheets = filled_sheets(&cli);
    let set = |sheets: &mut Sheets, sheet: &str, row: usize, column: usize, v: V| {
        sheets.iter_mut().find(|(n, _)| n == sheet).unwrap().1[row - 1][column] = v;
    };
    set(&mut sheets, "Сотрудники", 7, 3, V::Empty);
    set(&mut sheets, "Сотрудники", 7, 4, t("высшее"));
    set(&mut sheets, "Сотрудники", 9, 5, t("шесть с половиной"));
    set(&mut sheets, "Курсы", 4, 4, t("31.02.2021"));
    set(&mut sheets, "Службы", 3, 3, t("вчера"));
    let bad = cli.path("bad.xlsx");
    write_xlsx(&sheets, &bad);
    let err = cli.fails(&["import", s(&bad), "--db", s(&cli.db())]);
    for place in ["Сотрудники!E7", "Сотрудники!F9", "Курсы!E4", "Службы!D3"] {
        assert!(err.contains(&format!("{place}: ")), "{place} missing in {err}");
    }
    assert!(err.contains("bad.xlsx"), "the file is named: {err}");
    assert!(err.contains("ошибок: 4"), "{err}");
    assert!(!cli.db().exists(), "nothing written, not even an empty database");
}

#[test]
fn not_a_workbook_is_a_clear_error() {
    let cli = Cli::new();
    let fake = cli.write("fake.xlsx", "это не книга");
    let err = cli.fails(&["import", s(&fake), "--db", s(&cli.db())]);
    assert!(err.contains("fake.xlsx") && err.contains("не читается как таблица XLSX"), "{err}");
}

#[test]
fn template_needs_a_known_extension() {
    let cli = Cli::new();
    let err = cli.fails(&["template", "--out", s(&cli.path("t.ods"))]);
    assert!(err.contains("t.ods") && err.contains(".xlsx"), "{err}");
    assert!(!cli.path("t.ods").exists());
}
