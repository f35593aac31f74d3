//! Target-indicator programmes: the four seed programmes against the seeds' own wording, and
//! the real CLI (assess, import, export, template, report) in temporary directories.

use crate::util::{Cli, s};
use mms_monitor::programme::{self, Direction, Programme, TargetValue};
use serde_json::{Value, json};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_data/programmes");

/// (file in sample_data/programmes, the seed it is transcribed from, in tests/data/seeds).
const SEEDS: &[(&str, &str)] = &[
    ("komsomolsky-2021-2024.json", "000_25c6e5fd9749600a.txt"),
    ("kovrov-2021-2023.json", "001_d03e784623ec01f1.txt"),
    ("dubna-2022.json", "002_7b15093edf76ef05.txt"),
    ("slavyansky-2020-2024.json", "003_59f67a972f2f051b.txt"),
];

/// Indicators the seeds state in one row with two targets: split in two, the second titled by us.
const DERIVED_TITLES: &[(&str, &str)] = &[
    ("dubna-2022", "2.2"),
    ("kovrov-2021-2023", "1.2"),
    ("slavyansky-2020-2024", "6.1"),
    ("slavyansky-2020-2024", "6.2"),
];

fn seed_text(name: &str) -> String {
    let text = std::fs::read_to_string(format!("{}/tests/data/seeds/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    ["<i>", "</i>", "<p>", "</p>"].iter().fold(text, |t, tag| t.replace(tag, ""))
}

/// Lower case without whitespace, hyphens and soft breaks, so that a seed's line breaks and
/// typos of spacing («вФР», «до35») do not hide a match.
fn normal(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—')).flat_map(char::to_lowercase).collect()
}

fn load(file: &str) -> Programme {
    programme::read_file(format!("{DIR}/{file}").as_ref()).unwrap()
}

#[test]
fn every_seed_target_is_the_seeds_own_wording_and_number() {
    let mut targets = 0;
    for (file, seed) in SEEDS {
        let p = load(file);
        let text = normal(&seed_text(seed));
        for i in &p.indicators {
            assert!(!i.targets.is_empty(), "{file} {}: no target", i.code);
            for t in &i.targets {
                targets += 1;
                let wording =
                    t.wording.as_deref().unwrap_or_else(|| panic!("{file} {}: a target without wording", i.code));
                assert!(text.contains(&normal(wording)), "{file} {}: «{wording}» is not in the seed", i.code);
                // The number of the target is the number the wording states.
                let TargetValue::Number(n) = t.value else { panic!("{file} {}: seeds have numeric targets", i.code) };
                let number = programme::number(n);
                let words: Vec<String> = wording
                    .split(|c: char| !c.is_ascii_digit() && c != ',')
                    .map(|w| w.trim_matches(',').to_string())
                    .collect();
                assert!(words.contains(&number), "{file} {}: {number} is not the number of «{wording}»", i.code);
                // «не менее» is at least; the seeds have no «не более».
                assert_eq!(i.direction, Direction::AtLeast, "{file} {}", i.code);
                if let Some(period) = t.period {
                    let year = period.year.to_string();
                    let named = wording.contains(&year);
                    let per_year = p.periods.iter().filter(|x| x.half.is_none()).count() > 1 && !wording.contains("20");
                    assert!(named || per_year || wording.contains("в год"), "{file} {}: {wording} for {year}", i.code);
                }
            }
            if !DERIVED_TITLES.contains(&(p.code.as_str(), i.code.as_str())) {
                let title = normal(&i.title);
                // A title broken across table rows in the seed is matched in its two halves.
                let found = text.contains(&title)
                    || title
                        .split_once("дополнительного")
                        .is_some_and(|(a, b)| text.contains(&format!("{a}дополнительного")) && text.contains(b));
                assert!(found, "{file} {}: title «{}» is not in the seed", i.code, i.title);
            }
            for method in [&i.collection_method, &i.evidence].into_iter().flatten() {
                assert!(text.contains(&normal(method)), "{file} {}: «{method}» is not in the seed", i.code);
            }
        }
        for a in &p.plan {
            assert!(text.contains(&normal(&a.title)) || a.number == "9", "{file} plan {}: «{}»", a.number, a.title);
            if let Some(term) = &a.term {
                assert!(text.contains(&normal(term)), "{file} plan {}: «{term}»", a.number);
            }
        }
    }
    assert_eq!(targets, 8 + 3 + 14 + 12);
}

#[test]
fn the_seeds_carry_no_invented_values_only_the_komsomolsky_facts() {
    for (file, _) in SEEDS {
        assert!(load(file).values.is_empty(), "{file}: values that no seed gives");
    }
    let k = load("komsomolsky-2021-2024.json");
    let baselines: Vec<String> =
        k.indicators.iter().filter_map(|i| i.baseline.as_ref()).map(|b| format!("{b:?}")).collect();
    assert_eq!(baselines, ["Percent(61.0)", "Count(22.0)"]);
    // The yearly commitments 2021–2024 of the seed.
    let targets = |code: &str| -> Vec<(String, f64)> {
        let i = k.indicator(code).unwrap();
        i.targets
            .iter()
            .map(|t| match t.value {
                TargetValue::Number(n) => (t.period.unwrap().code(), n),
                _ => unreachable!(),
            })
            .collect()
    };
    let years = |v: [f64; 4]| -> Vec<(String, f64)> {
        ["2021", "2022", "2023", "2024"].iter().map(|y| y.to_string()).zip(v).collect()
    };
    assert_eq!(targets("1"), years([70.0, 80.0, 90.0, 100.0]));
    assert_eq!(targets("2"), years([23.0, 23.0, 25.0, 25.0]));
}

fn with_values(cli: &Cli, file: &str, values: Value) -> std::path::PathBuf {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/{file}")).unwrap()).unwrap();
    doc["values"] = values;
    cli.write(&format!("filled-{file}"), serde_json::to_string_pretty(&doc).unwrap())
}

#[test]
fn komsomolsky_fact_against_the_2021_commitment_through_the_binary() {
    let cli = Cli::new();
    let file = with_values(
        &cli,
        "komsomolsky-2021-2024.json",
        json!([
            {"indicator": "1", "period": "2021", "percent": 61, "source": "факт из Концепции, перенесённый на 2021 г. для проверки"},
            {"indicator": "2", "period": "2021", "value": 22}
        ]),
    );
    let out =
        cli.ok(&["programme", "assess", "--input", s(&file), "--period", "2021", "--date", "2022-09-01", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["programme"]["code"], "komsomolsky-2021-2024");
    let first = &v["indicators"][0];
    assert_eq!(first["code"], "1");
    assert_eq!(first["period"], "2021");
    assert_eq!(first["target"], "не менее 70 %");
    assert_eq!(first["value"], "61 %");
    assert_eq!(first["result"], "not_achieved");
    assert_eq!(first["reason"], "61 % при целевом значении не менее 70 % — не достигнуто");
    assert_eq!(v["indicators"][1]["reason"], "22 при целевом значении не менее 23 — не достигнуто");
    assert_eq!(v["indicators"].as_array().unwrap().len(), 2);
    assert_eq!(v["summary"][0]["achieved"], 0);
    assert_eq!(v["baselines"][0]["value"], "61 %");
    // On 01.09.2022 the May and June–August 2022 activities are overdue (nothing is marked done).
    let overdue: Vec<&str> = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "overdue")
        .map(|a| a["number"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["1", "2"]);

    let table = cli.ok(&["programme", "assess", "--input", s(&file), "--date", "2022-09-01"]);
    assert!(table.contains("61 % при целевом значении не менее 70 % — не достигнуто"), "{table}");
    assert!(table.contains("нет значения за 2022 г. при целевом значении не менее 80 %"), "{table}");
    assert!(table.contains("просрочено 2"), "{table}");
    let bad = cli.fails(&["programme", "assess", "--input", s(&file), "--period", "2030"]);
    assert!(bad.contains("--period «2030»") && bad.contains("2021, 2022, 2023, 2024"), "{bad}");
}

#[test]
fn every_seed_programme_runs_through_assess_and_report() {
    let cli = Cli::new();
    for (file, _) in SEEDS {
        let path = format!("{DIR}/{file}");
        let out = cli.ok(&["programme", "assess", "--input", &path, "--date", "2023-01-01", "--json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let results = v["indicators"].as_array().unwrap();
        assert!(!results.is_empty());
        assert!(results.iter().all(|r| r["result"] == "no_data"), "{file}: results without values");
        let pdf = cli.path(&format!("{file}.pdf"));
        cli.ok(&["programme", "report", "--input", &path, "--out", s(&pdf), "--date", "2023-01-01"]);
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }
}

#[test]
fn import_export_and_xlsx_round_trip_through_the_database() {
    let cli = Cli::new();
    let db = cli.db();
    let values = json!([
        {"indicator": "1", "period": "2021", "numerator": 140, "denominator": 200, "source": "отчёт УО"},
        {"indicator": "1", "period": "2022", "numerator": 150, "denominator": 200},
        {"indicator": "2", "period": "2021", "value": 23}
    ]);
    let file = with_values(&cli, "komsomolsky-2021-2024.json", values);
    let out = cli.ok(&["programme", "import", s(&file), "--db", s(&db)]);
    assert!(out.contains("добавлена; значений: новых 3"), "{out}");
    let again = cli.ok(&["programme", "import", s(&file), "--db", s(&db)]);
    assert!(again.contains("уже была в базе; значений: новых 0, изменённых 0, без изменений 3"), "{again}");
    let list = cli.ok(&["programme", "list", "--db", s(&db)]);
    assert!(list.contains("komsomolsky-2021-2024") && list.contains("значений: 3"), "{list}");

    // JSON export is the imported file again.
    let json_out = cli.path("export.json");
    cli.ok(&["programme", "export", "--programme", "komsomolsky-2021-2024", "--out", s(&json_out), "--db", s(&db)]);
    assert_eq!(programme::read_file(&json_out).unwrap(), programme::read_file(&file).unwrap());

    // XLSX: the exported workbook imported into a database that has the programme without values.
    let xlsx = cli.path("values.xlsx");
    cli.ok(&["programme", "export", "--programme", "1", "--out", s(&xlsx), "--db", s(&db)]);
    let fresh = cli.path("fresh.db");
    cli.ok(&["programme", "import", &format!("{DIR}/komsomolsky-2021-2024.json"), "--db", s(&fresh)]);
    let out = cli.ok(&["programme", "import", s(&xlsx), "--db", s(&fresh)]);
    assert!(out.contains("новых 3"), "{out}");
    let back = cli.path("back.json");
    cli.ok(&["programme", "export", "--programme", "1", "--out", s(&back), "--db", s(&fresh)]);
    assert_eq!(programme::read_file(&back).unwrap(), programme::read_file(&file).unwrap());

    let report = cli.path("report.pdf");
    let out =
        cli.ok(&["programme", "report", "--programme", "1", "--db", s(&db), "--period", "2022", "--out", s(&report)]);
    assert!(out.contains("report.pdf"), "{out}");
    let docx = cli.path("report.docx");
    cli.ok(&["programme", "report", "--programme", "1", "--db", s(&db), "--period", "2022", "--out", s(&docx)]);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a DOCX is a zip archive");
}

/// A filled template opened and saved by LibreOffice Calc, as `.xlsx` and in its own `.ods`:
/// LibreOffice writes the workbook its own way (its shared strings and styles, numbers as it
/// stores them), and both import with every value as it was.
#[test]
fn a_template_saved_by_libreoffice_imports_as_xlsx_and_as_ods() {
    let cli = Cli::new();
    let db = cli.db();
    let values = json!([
        {"indicator": "1", "period": "2021", "numerator": 140, "denominator": 200, "source": "отчёт УО «Итоги года»"},
        {"indicator": "1", "period": "2022", "percent": 72.5},
        {"indicator": "2", "period": "2021", "value": 23},
        {"indicator": "2", "period": "2023", "value": 0, "source": "мониторинг; данные уточняются"}
    ]);
    let file = with_values(&cli, "komsomolsky-2021-2024.json", values);
    cli.ok(&["programme", "import", s(&file), "--db", s(&db)]);
    let xlsx = cli.path("values.xlsx");
    cli.ok(&["programme", "export", "--programme", "1", "--out", s(&xlsx), "--db", s(&db)]);
    for format in ["xlsx", "ods"] {
        let saved = cli.libreoffice_convert(&xlsx, format);
        let fresh = cli.path(&format!("fresh-{format}.db"));
        cli.ok(&["programme", "import", &format!("{DIR}/komsomolsky-2021-2024.json"), "--db", s(&fresh)]);
        let out = cli.ok(&["programme", "import", s(&saved), "--db", s(&fresh)]);
        assert!(out.contains("значений: новых 4, изменённых 0"), "{format}: {out}");
        let back = cli.path(&format!("back-{format}.json"));
        cli.ok(&["programme", "export", "--programme", "1", "--out", s(&back), "--db", s(&fresh)]);
        assert_eq!(programme::read_file(&back).unwrap(), programme::read_file(&file).unwrap(), "{format}");
    }
}

#[test]
fn a_template_with_bad_cells_is_refused_at_its_cells() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["programme", "import", &format!("{DIR}/komsomolsky-2021-2024.json"), "--db", s(&db)]);
    let template = cli.path("template.xlsx");
    cli.ok(&["programme", "template", "--programme", "1", "--db", s(&db), "--out", s(&template)]);
    // The template's first row of values is indicator 1 for 2021 (columns F and G: numerator, denominator).
    let mut book = rust_xlsxwriter::Workbook::new();
    let head = book.add_worksheet().set_name("Программа").unwrap();
    head.write(0, 0, "Код программы").unwrap();
    head.write(0, 1, "komsomolsky-2021-2024").unwrap();
    let sheet = book.add_worksheet().set_name("Значения").unwrap();
    for (row, cells) in [
        ["1", "x", "2021", "", "", "семь", "10"],
        ["1", "x", "2022", "", "", "12", "10"],
        ["2", "x", "2035", "", "", "", ""],
    ]
    .iter()
    .enumerate()
    {
        for (column, text) in cells.iter().enumerate() {
            sheet.write(row as u32 + 1, column as u16, *text).unwrap();
        }
    }
    sheet.write(3, 7, 5).unwrap();
    let bad = cli.path("bad.xlsx");
    book.save(&bad).unwrap();
    let err = cli.fails(&["programme", "import", s(&bad), "--db", s(&db)]);
    assert!(err.contains("Значения!F2: «семь» — не число"), "{err}");
    let mut book = rust_xlsxwriter::Workbook::new();
    let head = book.add_worksheet().set_name("Программа").unwrap();
    head.write(0, 0, "Код программы").unwrap();
    head.write(0, 1, "komsomolsky-2021-2024").unwrap();
    let sheet = book.add_worksheet().set_name("Значения").unwrap();
    sheet.write(1, 0, "1").unwrap();
    sheet.write(1, 2, "2022").unwrap();
    sheet.write(1, 5, 12).unwrap();
    sheet.write(1, 6, 10).unwrap();
    sheet.write(2, 0, "2").unwrap();
    sheet.write(2, 2, "2035").unwrap();
    sheet.write(2, 7, 5).unwrap();
    book.save(&bad).unwrap();
    let err = cli.fails(&["programme", "import", s(&bad), "--db", s(&db)]);
    assert!(err.contains("Значения!F2: числитель 12 больше знаменателя 10"), "{err}");
    assert!(err.contains("Значения!C3: период «2035» не объявлен"), "{err}");
    let list = cli.ok(&["programme", "list", "--db", s(&db)]);
    assert!(list.contains("значений: 0"), "nothing was written: {list}");
}

#[test]
fn an_invalid_programme_file_is_refused_with_its_path() {
    let cli = Cli::new();
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/dubna-2022.json")).unwrap()).unwrap();
    doc["indicators"][0]["targets"][0]["value"] = json!(160);
    doc["programme"]["reportin"] = json!("year");
    let file = cli.write("bad.json", doc.to_string());
    let err = cli.fails(&["programme", "assess", "--input", s(&file)]);
    assert!(err.contains("$.indicators[0].targets[0].value: 160 — процент не может быть больше 100"), "{err}");
    assert!(
        err.contains("$.programme.reportin: неизвестный ключ «reportin» — возможно, имелся в виду «reporting»"),
        "{err}"
    );
    assert!(err.contains("bad.json"), "{err}");
}

#[test]
fn a_region_asks_all_its_municipalities_and_sees_them_side_by_side() {
    let cli = Cli::new();
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/dubna-2022.json")).unwrap()).unwrap();
    doc["programme"]["code"] = json!("primorye-dubna-like");
    doc["programme"]["owner"] = json!({"kind": "region", "name": "Приморский край"});
    doc["programme"]["municipalities"] = json!(["Артемовский ГО", "Дальнегорский ГО", "Находкинский ГО"]);
    doc["values"] = json!([
        {"indicator": "1", "period": "2022-2", "municipality": "Артемовский ГО", "numerator": 70, "denominator": 100},
        {"indicator": "1", "period": "2022-2", "municipality": "Дальнегорский ГО", "numerator": 59, "denominator": 100}
    ]);
    let db = cli.db();
    let file = cli.write("region.json", doc.to_string());
    cli.ok(&["programme", "import", s(&file), "--db", s(&db)]);
    let out = cli.ok(&[
        "programme",
        "assess",
        "--programme",
        "primorye-dubna-like",
        "--db",
        s(&db),
        "--period",
        "2022-2",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let first: Vec<(String, String)> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "1")
        .map(|r| (r["municipality"].as_str().unwrap().to_string(), r["result"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        first,
        [
            ("Артемовский ГО".to_string(), "achieved".to_string()),
            ("Дальнегорский ГО".to_string(), "not_achieved".to_string()),
            ("Находкинский ГО".to_string(), "no_data".to_string())
        ]
    );
    assert_eq!(v["summary"].as_array().unwrap().len(), 3);
    // A value for a municipality the programme does not ask is refused.
    doc["values"][0]["municipality"] = json!("Владивостокский ГО");
    let file = cli.write("region-bad.json", doc.to_string());
    let err = cli.fails(&["programme", "import", s(&file), "--db", s(&db)]);
    assert!(
        err.contains("$.values[0].municipality: «Владивостокский ГО»: его нет в programme.municipalities"),
        "{err}"
    );
}

#[test]
fn the_app_shows_the_programme_coloured_by_result_with_the_overdue_plan() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use mms_monitor::storage::Db;
    use mms_monitor::ui::{App, AppOptions, Remembered};

    let cli = Cli::new();
    let path = cli.db();
    let mut p = load("komsomolsky-2021-2024.json");
    p.values.push(programme::Entry {
        indicator: "1".into(),
        period: programme::Period::parse("2021").unwrap(),
        municipality: None,
        organisation: None,
        value: programme::EntryValue::Percent(61.0),
        source: None,
    });
    p.values.push(programme::Entry {
        indicator: "2".into(),
        period: programme::Period::parse("2021").unwrap(),
        municipality: None,
        organisation: None,
        value: programme::EntryValue::Count(23.0),
        source: None,
    });
    Db::open(&path).unwrap().import_programme(&p, "тест").unwrap();
    let app = App::open(Some(path), &Remembered::default(), AppOptions { native_dialogs: false });
    // The grid settles its column widths over a few frames.
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h.get_by_label("Программы").click();
    h.run();
    h.get_by_label("1 — 2021: не достигнуто");
    h.get_by_label("2 — 2021: достигнуто");
    h.get_by_label("1 — 2022: нет данных");
    // The deadlines of May and August 2022 are long past and nothing is marked done.
    h.get_by_label("Мероприятие 1: просрочено");
    h.get_by_label("Мероприятие 3: выполняется");
    // The chart of indicator 2 is one click away.
    h.query_all_by_label("2").next().unwrap().click();
    h.run();
    h.get_by_label("График показателя 2: значения и целевые значения по периодам");
}

/// The value rows of programme `code` in the database, and their change-log entries.
fn stored_values(db: &std::path::Path, code: &str) -> (Vec<programme::Entry>, Vec<(String, String, String)>) {
    let values = mms_monitor::storage::Db::open(db).unwrap().load_programme(code).unwrap().values;
    let conn = rusqlite::Connection::open(db).unwrap();
    let log = conn
        .prepare("SELECT source, path, new_value FROM change_log WHERE path LIKE 'values/%' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (values, log)
}

#[test]
fn the_app_imports_a_programme_from_the_menu_and_edits_its_values_key_by_key() {
    use crate::ui::{file_menu, sample_db, type_into};
    use egui_kittest::kittest::Queryable;
    let cli = Cli::new();
    let db = sample_db(&cli);
    let app = mms_monitor::ui::App::open(
        Some(db.clone()),
        &mms_monitor::ui::Remembered::default(),
        mms_monitor::ui::AppOptions { native_dialogs: false },
    );
    // The grids settle their column widths over a few frames.
    let mut h = egui_kittest::Harness::builder()
        .with_size([1400.0, 1200.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut mms_monitor::ui::App| app.ui(ui), app);
    h.run();

    // A refused file: every problem listed in Russian, nothing written.
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/komsomolsky-2021-2024.json")).unwrap()).unwrap();
    doc["indicators"][0]["targets"][0]["value"] = json!(160);
    doc["programme"]["reportin"] = json!("year");
    let bad = cli.write("плохая.json", doc.to_string());
    file_menu(&mut h, "Импорт программы…");
    type_into(&mut h, "Путь к файлу", s(&bad));
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains("Программа не импортирована, в базу ничего не записано");
    h.get_by_label_contains("$.indicators[0].targets[0].value: 160 — процент не может быть больше 100");
    h.get_by_label_contains("возможно, имелся в виду «reporting»");
    assert!(mms_monitor::storage::Db::open(&db).unwrap().programmes().unwrap().is_empty(), "nothing partial");

    // The seed's file: imported and shown on «Программы».
    file_menu(&mut h, "Импорт программы…");
    type_into(&mut h, "Путь к файлу", &format!("{DIR}/komsomolsky-2021-2024.json"));
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains("Программа «");
    h.get_by_label("1 — 2021: нет данных");
    let code = load("komsomolsky-2021-2024.json").code;
    let (before, _) = stored_values(&db, &code);

    // A share above one: refused with the reader's own rule, nothing stored.
    type_into(&mut h, "Числитель", "12");
    type_into(&mut h, "Знаменатель", "10");
    h.get_by_label("Сохранить значение").click();
    h.run();
    h.get_by_label("Числитель: числитель 12 больше знаменателя 10");
    type_into(&mut h, "Числитель", "семь");
    h.get_by_label("Сохранить значение").click();
    h.run();
    h.get_by_label("Числитель: «семь» — не число");
    assert_eq!(stored_values(&db, &code).0, before, "a refused value changes nothing");

    // 7 of 10 with its source: stored, logged, and the cell follows.
    type_into(&mut h, "Числитель", "7");
    type_into(&mut h, "Источник", "отчёт УО за 2021 г.");
    h.get_by_label("Сохранить значение").click();
    h.run();
    h.get_by_label_contains("Значение показателя 1 за 2021 г. сохранено");
    h.get_by_label("1 — 2021: достигнуто");
    let (values, log) = stored_values(&db, &code);
    let entry = values.iter().find(|e| e.indicator == "1" && e.period.code() == "2021").unwrap();
    assert_eq!(entry.value, programme::EntryValue::Share { numerator: 7.0, denominator: 10.0 });
    assert_eq!(entry.source.as_deref(), Some("отчёт УО за 2021 г."));
    assert_eq!(
        log.last().unwrap(),
        &("приложение".to_string(), "values/1/2021".to_string(), r#"{"numerator":7,"denominator":10}"#.to_string())
    );
}
