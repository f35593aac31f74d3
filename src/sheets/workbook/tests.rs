//! The workbook readers against hostile files, built in the test (none is committed): a cell
//! at XFD1048576, an announced 99 999 999 shared strings, a zip bomb, a million repeated rows.

use super::*;
use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;

fn all(_: &str) -> bool {
    true
}

fn xlsx_with(fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Сотрудники").unwrap();
    fill(sheet);
    workbook.save_to_buffer().unwrap()
}

/// The same archive with the entries `change` returns replaced (deflated).
fn rezip(bytes: &[u8], change: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&change(&name, data)).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    out.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

#[test]
fn a_cell_at_xfd1048576_is_reported_not_allocated() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "Муниципалитет").unwrap();
        s.write_number(1_048_575, 16_383, 1.0).unwrap();
    });
    let book = read(&bytes, "XLSX", &all).unwrap();
    let grid = &book["Сотрудники"];
    assert_eq!(grid.rows.len(), 1);
    assert_eq!(grid.problems.len(), 1);
    assert_eq!((grid.problems[0].row, grid.problems[0].column), (1_048_576, 16_383));
    assert!(grid.problems[0].message.contains("правее столбца BL"), "{}", grid.problems[0].message);
}

#[test]
fn an_announced_flood_of_shared_strings_is_refused_before_reading() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "Муниципалитет").unwrap();
    });
    let forged = rezip(&bytes, |name, data| {
        if !name.ends_with("sharedStrings.xml") {
            return data;
        }
        let text = String::from_utf8(data).unwrap();
        let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + text[at..].find('"').unwrap();
        format!("{}99999999{}", &text[..at], &text[end..]).into_bytes()
    });
    let err = read(&forged, "XLSX", &all).unwrap_err();
    assert!(err.contains("99999999") && err.contains("строк"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_by_its_unpacked_size() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "Муниципалитет").unwrap();
    });
    let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
    bomb.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(MAX_UNPACKED_BYTES / (1 << 20) + 1) {
        bomb.write_all(&zeros).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "a small file: {} bytes", bomb.len());
    let err = read(&bomb, "XLSX", &all).unwrap_err();
    assert!(err.contains("257 МБ") && err.contains("256 МБ"), "{err}");
    // The same limit guards `.ods`.
    assert_eq!(read(&bomb, "ODS", &all).unwrap_err(), err);
    assert!(read(&bytes, "XLSX", &all).is_ok());
}

#[test]
fn formulas_merges_and_values_of_xlsx() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "Муниципалитет").unwrap();
        s.write_formula(1, 3, "=2*18").unwrap();
        s.merge_range(1, 0, 5, 0, "Артемовский ГО", &Format::new()).unwrap();
        s.write_number(2, 1, 6.5).unwrap();
        s.write_boolean(2, 2, true).unwrap();
    });
    let book = read(&bytes, "XLSX", &all).unwrap();
    let grid = &book["Сотрудники"];
    assert_eq!(grid.merged, [Merged { first_row: 2, last_row: 6, first_column: 0, last_column: 0 }]);
    assert_eq!(grid.rows[1].number, 2);
    assert_eq!(grid.rows[1].cells[0], Cell::Text("Артемовский ГО".into()));
    assert!(matches!(&grid.rows[1].cells[3], Cell::Formula(f) if f.contains("2*18")));
    assert_eq!(grid.rows[2].cells[1..3], [Cell::Number(6.5), Cell::Bool(true)]);
}

#[test]
fn only_wanted_sheets_are_read() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "x").unwrap();
    });
    assert!(read(&bytes, "XLSX", &|_| false).unwrap().is_empty());
}

#[test]
fn not_a_workbook_says_what_it_is_in_russian() {
    let text = read(b"just text", "XLSX", &all).unwrap_err();
    assert!(text.contains("не ZIP-архив") && text.contains(".xlsx"), "{text}");
    let xls = read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "XLSX", &all).unwrap_err();
    assert!(xls.contains(".xls"), "{xls}");
    let cut = xlsx_with(|s| {
        s.write_string(0, 0, "x").unwrap();
    });
    let cut = read(&cut[..cut.len() / 2], "XLSX", &all).unwrap_err();
    assert!(cut.contains("повреждён"), "{cut}");
    for message in [text, xls, cut] {
        assert!(!message.contains("EOCD") && !message.contains("Zip"), "{message}");
    }
}

#[test]
fn ods_repeats_spans_formulas_and_text() {
    let bytes = ods(concat!(
        r#"<table:table table:name="Сотрудники"><table:table-column table:number-columns-repeated="16384"/>"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Муни&amp;ципалитет</text:p></table:table-cell>"#,
        r#"<table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="6.5"><text:p>6,5</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>А<text:s text:c="2"/>Б</text:p><text:p>В</text:p><office:annotation><text:p>заметка</text:p></office:annotation></table:table-cell>"#,
        r#"<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" office:value="2"/>"#,
        r#"<table:table-cell office:value-type="date" office:date-value="2021-12-31T00:00:00"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="2"><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        r#"</table:table><table:table table:name="Другой"><table:table-row><table:table-cell office:value-type="string"><text:p>y</text:p></table:table-cell></table:table-row></table:table>"#,
    ));
    let book = read(&bytes, "ODS", &|n| n == "Сотрудники").unwrap();
    assert_eq!(book.len(), 1);
    let grid = &book["Сотрудники"];
    let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 1_048_002, 1_048_003, 1_048_004]);
    assert_eq!(
        grid.rows[0].cells,
        [Cell::Text("Муни&ципалитет".into()), Cell::Empty, Cell::Empty, Cell::Empty, Cell::Number(6.5)]
    );
    let third = &grid.rows[1].cells;
    assert_eq!(third[0], Cell::Text("А  Б\nВ".into()));
    assert_eq!(third[1], Cell::Formula("=[.A1]*2".into()));
    assert_eq!(third[2], Cell::Date(chrono::NaiveDate::from_ymd_opt(2021, 12, 31).unwrap()));
    assert_eq!(third[3], Cell::Bool(true));
    assert_eq!(grid.rows[2].cells, [Cell::Empty, Cell::Text("x".into())]);
    assert_eq!(grid.merged, [Merged { first_row: 1_048_002, last_row: 1_048_004, first_column: 0, last_column: 0 }]);
}

#[test]
fn ods_cells_beyond_the_limits_are_refused() {
    let far = ods(concat!(
        r#"<table:table table:name="Курсы"><table:table-row><table:table-cell table:number-columns-repeated="100"/>"#,
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
    ));
    let book = read(&far, "ODS", &all).unwrap();
    assert_eq!(book["Курсы"].problems.len(), 1);
    assert_eq!(book["Курсы"].problems[0].column, 100);
    let flood = ods(concat!(
        r#"<table:table table:name="Курсы"><table:table-row table:number-rows-repeated="1048576">"#,
        r#"<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
    ));
    let err = read(&flood, "ODS", &all).unwrap_err();
    assert!(err.contains(&MAX_CELLS.to_string()), "{err}");
    let broken = ods(r#"<table:table table:name="Курсы"><table:table-row>"#);
    assert!(read(&broken, "ODS", &all).unwrap_err().contains("content.xml"));
}

#[test]
fn a_date_serial_beyond_any_calendar_is_a_bad_cell_not_a_panic() {
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let bytes = xlsx_with(|s| {
        s.write_number_with_format(0, 0, -1e300, &date).unwrap();
        s.write_number_with_format(0, 1, 1e300, &date).unwrap();
        s.write_number_with_format(0, 2, 2_958_466.0, &date).unwrap();
    });
    let book = read(&bytes, "XLSX", &all).unwrap();
    let cells = &book["Сотрудники"].rows[0].cells;
    assert!(matches!(&cells[0], Cell::Bad(m) if m.contains("за пределами календаря")), "{cells:?}");
    assert!(matches!(&cells[1], Cell::Bad(_)), "{cells:?}");
    assert!(matches!(&cells[2], Cell::Date(d) if chrono::Datelike::year(d) == 10_000), "{cells:?}");
}

#[test]
fn a_repeated_column_at_the_end_of_the_sheet_names_its_cell() {
    let far = ods(concat!(
        r#"<table:table table:name="Курсы"><table:table-row><table:table-cell table:number-columns-repeated="4294967295"/>"#,
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
    ));
    let book = read(&far, "ODS", &all).unwrap();
    let problem = &book["Курсы"].problems[0];
    assert_eq!(problem.column, u32::MAX);
    assert_eq!(crate::sheets::column_letters(problem.column), "MWLQKWV");
}

#[test]
fn cell_references_that_overflow_calamine_are_refused_first() {
    let bytes = xlsx_with(|s| {
        s.write_string(0, 0, "Муниципалитет").unwrap();
        s.write_string(1, 0, "x").unwrap();
    });
    for forged in [r#"r="ABCDEFGHIJ2""#, r#"r="A99999999999""#, r#"ref="A1:ZZZZZZZZZ9""#] {
        let bad = rezip(&bytes, |name, data| {
            if !name.starts_with("xl/worksheets/") {
                return data;
            }
            String::from_utf8(data)
                .unwrap()
                .replacen(r#"r="A2""#, forged, 1)
                .replacen(r#"ref="A1:A2""#, forged, 1)
                .into_bytes()
        });
        let err = read(&bad, "XLSX", &all).unwrap_err();
        assert!(err.contains("повреждён"), "{forged}: {err}");
    }
    assert!(reference_ok(b"A1") && reference_ok(b"$XFD$1048576") && reference_ok(b"A1:B2 C3"));
    assert!(!reference_ok(b"AAAA1") && !reference_ok(b"A12345678"));
}
