//! Hostile and awkward input files through the real CLI: limits refused before allocation,
//! formulas, merged cells, out-of-range dates, errors on several sheets, LibreOffice's CSV,
//! formula injection in the CSV export, duplicate JSON keys and Russian syntax errors.
//! The worst files are generated here, never committed.

use crate::sheets::{Sheets, V, assess_json, comparable, filled_sheets, sample, t, write_csv, write_xlsx_with};
use crate::util::{Cli, SAMPLE, assert_reference_levels, levels_of_json, s};
use mms_monitor::interchange;
use rust_xlsxwriter::{Format, Worksheet};
use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

/// The 0-based column of a header on a sheet, and the sheet's rows.
fn column(sheets: &Sheets, sheet: &str, header: &str) -> usize {
    let rows = &sheets.iter().find(|(n, _)| n == sheet).unwrap().1;
    rows[0].iter().position(|v| matches!(v, V::Text(h) if h == header)).unwrap()
}

fn rows_mut<'a>(sheets: &'a mut Sheets, sheet: &str) -> &'a mut Vec<Vec<V>> {
    &mut sheets.iter_mut().find(|(n, _)| n == sheet).unwrap().1
}

/// Imports a file that must be refused; returns stderr and checks the process ended normally.
fn refused(cli: &Cli, file: &std::path::Path) -> String {
    let out = cli.run(&["import", s(file), "--db", s(&cli.db())]);
    assert!(!out.status.success());
    assert!(out.status.code().is_some_and(|c| c != 101), "a signal or a panic: {:?}", out.status);
    String::from_utf8(out.stderr).unwrap()
}

fn xlsx(cli: &Cli, name: &str, finish: impl Fn(&str, &mut Worksheet)) -> std::path::PathBuf {
    let path = cli.path(name);
    write_xlsx_with(&filled_sheets(cli), &path, finish);
    path
}

#[test]
fn a_cell_at_xfd1048576_is_an_error_with_its_cell_not_an_abort() {
    let cli = Cli::new();
    let file = xlsx(&cli, "far.xlsx", |name, sheet| {
        if name == "Сотрудники" {
            sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
        }
    });
    let err = refused(&cli, &file);
    assert!(err.contains("Сотрудники!XFD1048576: данные правее столбца BL"), "{err}");
}

#[test]
fn an_announced_flood_of_shared_strings_is_refused_naming_the_limit() {
    let cli = Cli::new();
    let file = xlsx(&cli, "strings.xlsx", |_, _| {});
    let bytes = std::fs::read(&file).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        if name.ends_with("sharedStrings.xml") {
            let at = data.find("uniqueCount=\"").unwrap() + 13;
            let end = at + data[at..].find('"').unwrap();
            data.replace_range(at..end, "99999999");
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(data.as_bytes()).unwrap();
    }
    std::fs::write(&file, out.finish().unwrap().into_inner()).unwrap();
    let err = refused(&cli, &file);
    assert!(err.contains("strings.xlsx") && err.contains("99999999") && err.contains("2000000"), "{err}");
}

#[test]
fn a_date_serial_beyond_the_year_2100_is_refused_with_its_cell() {
    let cli = Cli::new();
    let sheets = filled_sheets(&cli);
    let completed = column(&sheets, "Курсы", "Дата окончания") as u16;
    let file = cli.path("serial.xlsx");
    write_xlsx_with(&sheets, &file, |name, sheet| {
        if name == "Курсы" {
            let date = Format::new().set_num_format("dd.mm.yyyy");
            sheet.write_number_with_format(3, completed, 2_958_466.0, &date).unwrap();
        }
    });
    let err = refused(&cli, &file);
    let cell = format!("Курсы!{}4", (b'A' + completed as u8) as char);
    assert!(err.contains(&cell) && err.contains("не позже 31.12.2100"), "{err}");
}

#[test]
fn a_formula_is_refused_with_its_cell_saying_its_value_may_be_stale() {
    let cli = Cli::new();
    let sheets = filled_sheets(&cli);
    let hours = column(&sheets, "Курсы", "Объём, часов") as u16;
    let file = cli.path("formula.xlsx");
    write_xlsx_with(&sheets, &file, |name, sheet| {
        if name == "Курсы" {
            sheet.write_formula(4, hours, "=2*18").unwrap();
        }
    });
    let err = refused(&cli, &file);
    let cell = format!("Курсы!{}5", (b'A' + hours as u8) as char);
    assert!(err.contains(&cell) && err.contains("формула «2*18»") && err.contains("устаревшим"), "{err}");
}

#[test]
fn merged_municipality_cells_are_named_as_merged_once() {
    let cli = Cli::new();
    let sheets = filled_sheets(&cli);
    let staff = &sheets.iter().find(|(n, _)| n == "Сотрудники").unwrap().1;
    let V::Text(first) = &staff[1][0] else { panic!() };
    let same = |v: &V| matches!(v, V::Text(n) if n.to_lowercase() == first.to_lowercase());
    let last_row = staff.iter().skip(1).take_while(|r| same(&r[0])).count() as u32;
    assert!(last_row > 2, "the first municipality has several staff");
    let file = cli.path("merged.xlsx");
    let name = first.clone();
    write_xlsx_with(&sheets, &file, |sheet_name, sheet| {
        if sheet_name == "Сотрудники" {
            sheet.merge_range(1, 0, last_row, 0, &name, &Format::new()).unwrap();
        }
    });
    let err = refused(&cli, &file);
    let range = format!("Сотрудники!A2: ячейки A2:A{} объединены", last_row + 1);
    assert_eq!(err.matches("объединены").count(), 1, "{err}");
    assert!(err.contains(&range), "{err}");
    assert!(!err.contains("обязательное значение не заполнено"), "{err}");
}

#[test]
fn errors_on_several_sheets_of_one_municipality_are_all_listed() {
    let cli = Cli::new();
    let mut sheets = filled_sheets(&cli);
    let name = "Артемовский ГО";
    let row_of = |sheets: &Sheets, sheet: &str| {
        let rows = &sheets.iter().find(|(n, _)| n == sheet).unwrap().1;
        rows.iter().position(|r| matches!(&r[0], V::Text(n) if n == name)).unwrap()
    };
    let edits = [
        ("Службы", "Дата создания службы", "вчера"),
        ("Сотрудники", "Образование", "высшее"),
        ("Обязанности", "Год утверждения должностных инструкций", "тысяча"),
        ("Объединения", "ММО организованы", "может быть"),
    ];
    let mut places = Vec::new();
    for (sheet, header, text) in edits {
        let (row, col) = (row_of(&sheets, sheet), column(&sheets, sheet, header));
        rows_mut(&mut sheets, sheet)[row][col] = t(text);
        places.push(format!("{sheet}!{}{}", (b'A' + col as u8) as char, row + 1));
    }
    let file = cli.path("several.xlsx");
    write_xlsx_with(&sheets, &file, |_, _| {});
    let err = refused(&cli, &file);
    for place in &places {
        assert!(err.contains(&format!("{place}: ")), "{place} missing in {err}");
    }
}

#[test]
fn a_csv_resaved_by_libreoffice_with_two_digit_years_imports() {
    let cli = Cli::new();
    let file = cli.path("libreoffice.csv");
    write_csv(&filled_sheets(&cli), &file);
    let text = std::fs::read_to_string(&file).unwrap();
    // LibreOffice (ru-RU) writes the dates of a CSV as «31.12.21».
    let short: Vec<String> = text
        .split("\r\n")
        .map(|line| {
            let fields = line.split(';').map(|f| {
                let b = f.as_bytes();
                let dated = b.len() == 10 && b[2] == b'.' && b[5] == b'.' && f[6..].bytes().all(|c| c.is_ascii_digit());
                if dated { format!("{}{}", &f[..6], &f[8..]) } else { f.to_string() }
            });
            fields.collect::<Vec<_>>().join(";")
        })
        .collect();
    let short = short.join("\r\n");
    assert!(short.contains(";31.12.21") && !short.contains("31.12.2021"), "dates were shortened");
    std::fs::write(&file, short).unwrap();
    assert_reference_levels(&levels_of_json(&assess_json(&cli, &["--input", s(&file)])));
}

#[test]
fn csv_export_makes_formula_text_inert_and_imports_back() {
    let cli = Cli::new();
    let mut campaign = sample();
    campaign.responses[0].notes = Some("=HYPERLINK(\"http://example.org\";\"нажмите\")".into());
    campaign.responses[1].service.name = Some("+1+2".into());
    campaign.responses[2].notes = Some("@SUM(A1)".into());
    campaign.responses[3].notes = Some("-5 сотрудников".into());
    let json = cli.path("injected.json");
    std::fs::write(&json, interchange::to_json_string(&campaign)).unwrap();
    cli.ok(&["import", s(&json), "--db", s(&cli.db())]);
    let csv = cli.path("export.csv");
    cli.ok(&["export", "--campaign", "1", "--out", s(&csv), "--with-names", "--db", s(&cli.db())]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("'+1+2") && text.contains("'@SUM(A1)") && text.contains("'-5 сотрудников"), "{text}");
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    for field in text.split(['\n', ';']) {
        let field = field.trim_start_matches('\u{FEFF}').trim_start_matches('"');
        assert!(!field.starts_with(['=', '+', '-', '@']), "an active field: {field}");
    }
    let other = cli.path("other.db");
    cli.ok(&["import", s(&csv), "--db", s(&other)]);
    let back = mms_monitor::storage::Db::open(&other).unwrap().load_campaign(1).unwrap();
    assert_eq!(comparable(back), comparable(campaign));
}

#[test]
fn a_malformed_base_is_refused_by_assess_as_by_import() {
    let cli = Cli::new();
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    value["responses"][2]["base"] = serde_json::json!("md5:123");
    let file = cli.write("base.json", value.to_string());
    let assess = cli.fails(&["assess", "--input", s(&file)]);
    let import = cli.fails(&["import", s(&file), "--db", s(&cli.db())]);
    for err in [&assess, &import] {
        assert!(err.contains("$.responses[2].base"), "{err}");
    }
}

#[test]
fn duplicate_json_keys_are_an_error_with_their_path() {
    let cli = Cli::new();
    let text = interchange::to_json_string(&sample());
    let at = text.find("\"hours\": ").unwrap();
    let doubled = format!("{}\"hours\": 1,\n{}", &text[..at], &text[at..]);
    let file = cli.write("double.json", doubled);
    let err = cli.fails(&["import", s(&file), "--db", s(&cli.db())]);
    assert!(err.contains(".courses[0].hours: ключ «hours» повторяется"), "{err}");
}

#[test]
fn a_megabyte_municipality_name_is_refused_quickly_and_quoted_short() {
    let cli = Cli::new();
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    value["responses"][0]["municipality"] = serde_json::json!("Ж".repeat(1 << 20));
    let file = cli.write("long.json", value.to_string());
    let started = Instant::now();
    let err = cli.fails(&["assess", "--input", s(&file)]);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(err.len() < 2000 && err.contains("ЖЖЖ…"), "{} bytes", err.len());
}

#[test]
fn json_syntax_errors_are_russian_with_line_and_column() {
    let cli = Cli::new();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let cut = cli.write("cut.json", &text[..text.len() / 2]);
    let err = cli.fails(&["assess", "--input", s(&cut)]);
    assert!(err.contains("cut.json: строка ") && err.contains("файл оборвался"), "{err}");
    let odd = cli.write("odd.json", "{\"format\": }");
    let err = cli.fails(&["import", s(&odd), "--db", s(&cli.db())]);
    assert!(err.contains("строка 1, столбец 12") && err.contains("ожидалось значение"), "{err}");
    for err in [cli.fails(&["assess", "--input", s(&cut)]), err] {
        assert!(!err.contains("EOF") && !err.contains("expected"), "{err}");
    }
}

#[test]
fn a_broken_workbook_is_described_in_russian() {
    let cli = Cli::new();
    let file = xlsx(&cli, "cut.xlsx", |_, _| {});
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = refused(&cli, &file);
    assert!(err.contains("cut.xlsx") && err.contains("повреждён"), "{err}");
    assert!(!err.contains("Zip") && !err.contains("EOCD") && !err.contains("error"), "{err}");
}

#[test]
fn a_megabyte_name_in_a_csv_is_refused_quickly_and_quoted_short() {
    let cli = Cli::new();
    let mut sheets = filled_sheets(&cli);
    let form = column(&sheets, "Службы", "Форма ММС");
    let services = rows_mut(&mut sheets, "Службы");
    services[1][0] = t("Ж".repeat(1 << 20));
    services[2][form] = t("Ж".repeat(1 << 20));
    let file = cli.path("long.csv");
    write_csv(&sheets, &file);
    let started = Instant::now();
    let err = cli.fails(&["assess", "--input", s(&file)]);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(
        err.len() < 3000 && err.matches("ЖЖЖ…").count() == 2,
        "{} bytes: {}",
        err.len(),
        &err[..err.len().min(3000)]
    );
}

/// The generated campaigns' deterministic generator drives the mutation run below.
use mms_monitor::model::synthetic::Sequence as Mix;

/// Flips, inserts, deletes and duplicates bytes, and splices in interesting tokens.
fn mutate(mix: &mut Mix, data: &mut Vec<u8>) {
    const TOKENS: [&[u8]; 14] = [
        b"\"",
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"-1e300",
        b"99999999999999999999",
        b"\\u0000",
        b"<",
        b"/>",
        b"table:number-rows-repeated=\"1048576\" ",
        b"r=\"XFD1048576\" ",
    ];
    for _ in 0..1 + mix.index(8) {
        let at = mix.index(data.len() + 1);
        match mix.index(6) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] ^= 1 << mix.index(8);
            }
            1 => data.insert(at, mix.next_u64() as u8),
            2 if !data.is_empty() => {
                let end = (at + 1 + mix.index(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 if !data.is_empty() => {
                let start = mix.index(data.len());
                let end = (start + 1 + mix.index(64)).min(data.len());
                let chunk = data[start..end].to_vec();
                data.splice(at..at, chunk);
            }
            _ => {
                let token = TOKENS[mix.index(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
        }
    }
}

/// The entries of a zip archive, with one XML part mutated, packed again.
fn mutate_inside(mix: &mut Mix, archive: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let target = mix.index(zip.len());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if i == target {
            mutate(mix, &mut data);
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A mutation run over the fuzz seeds (`fuzz/seeds/`): no input may panic or abort a reader.
/// Not coverage-guided like `cargo fuzz` (docs/fuzzing.md), but it runs with the test build:
/// `MMS_MUTATION_SECONDS=600 cargo test --test tests -- --ignored mutated_seeds`.
#[test]
#[ignore]
fn mutated_seeds_never_panic_a_reader() {
    use mms_monitor::sheets::{FileKind, parse_workbook};
    let seconds: u64 = std::env::var("MMS_MUTATION_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds");
    let kinds =
        [("json", None), ("xlsx", Some(FileKind::Xlsx)), ("ods", Some(FileKind::Ods)), ("csv", Some(FileKind::Csv))];
    for (dir, kind) in kinds {
        let seeds: Vec<Vec<u8>> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        let mut mix = Mix::new(u64::from(dir.len() as u32) * 7919);
        let (started, mut runs) = (Instant::now(), 0u64);
        while started.elapsed() < Duration::from_secs(seconds) {
            let seed = &seeds[mix.index(seeds.len())];
            let data = match kind {
                Some(FileKind::Xlsx | FileKind::Ods) if mix.index(4) > 0 => mutate_inside(&mut mix, seed),
                _ => {
                    let mut data = seed.clone();
                    mutate(&mut mix, &mut data);
                    data
                }
            };
            let outcome = std::panic::catch_unwind(|| match kind {
                None => drop(mms_monitor::interchange::parse_package(&data)),
                Some(kind) => drop(parse_workbook(&data, kind)),
            });
            if outcome.is_err() {
                let file = std::env::temp_dir().join(format!("mms-monitor-mutation-{dir}-{runs}"));
                std::fs::write(&file, &data).unwrap();
                panic!("{dir}: a reader panicked on {}", file.display());
            }
            runs += 1;
        }
        println!("{dir}: {runs} inputs in {seconds} s, no panic");
    }
}
