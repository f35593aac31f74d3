//! The real binary, run in temporary directories.

use crate::util::{Cli, SAMPLE, assert_reference_levels, expected, levels_of_json, s};
use serde_json::Value;

#[test]
fn assess_prints_every_municipality_with_levels_and_reasons() {
    let cli = Cli::new();
    let out = cli.ok(&["assess", "--input", SAMPLE]);
    for row in expected() {
        assert!(out.contains(&row.municipality), "{} missing", row.municipality);
    }
    assert!(out.contains("34. Шкотовский МР"));
    assert!(out.contains("1 из 3 сотрудников (33,3 %) имеет высшее педагогическое образование — менее 50 %"));
    assert!(out.contains("Кадровый потенциал достаточный: 11 (32,4 %)"));
}

fn municipalities(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["municipalities"].as_array().unwrap().clone()
}

#[test]
fn assess_json_reproduces_the_reference_through_the_binary() {
    let cli = Cli::new();
    let json: Value = serde_json::from_str(&cli.ok(&["assess", "--input", SAMPLE, "--json"])).unwrap();
    assert_reference_levels(&levels_of_json(&json));
    for got in municipalities(&json.to_string()) {
        let declared = got["service_declared"].as_bool().unwrap();
        assert_eq!(got["service_level"] != "red", declared, "{}", got["municipality"]);
        assert!(got["missing_functions"].is_array() && got["duties_outdated"].is_boolean());
    }
}

#[test]
fn import_campaigns_assess_export_round_trip() {
    let cli = Cli::new();
    let db = cli.db();
    let out = cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    assert!(out.contains("Анкет добавлено: 34"), "{out}");
    let list = cli.ok(&["campaigns", "--db", s(&db)]);
    assert!(list.contains("Приморский край") && list.contains("31.12.2021"), "{list}");
    let from_db = cli.ok(&["assess", "--db", s(&db), "--campaign", "1", "--json"]);
    let from_file = cli.ok(&["assess", "--input", SAMPLE, "--json"]);
    assert_eq!(municipalities(&from_db), municipalities(&from_file));

    let again = cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    assert!(again.contains("Изменений нет"), "{again}");

    let exported = cli.path("export.json");
    let out = cli.ok(&["export", "--campaign", "1", "--out", s(&exported), "--db", s(&db)]);
    assert!(out.contains("ФИО сотрудников не выгружены"));
    let text = std::fs::read_to_string(&exported).unwrap();
    let sample = mms_monitor::interchange::read_file(SAMPLE.as_ref()).unwrap();
    let names: Vec<String> =
        sample.responses.iter().flat_map(|r| r.staff.iter().flatten()).filter_map(|p| p.name.clone()).collect();
    assert!(names.len() > 10, "the sample has staff names to withhold");
    assert!(names.iter().all(|name| !text.contains(name.as_str())), "names withheld by default");
    let back = cli.ok(&["import", s(&exported), "--db", s(&db)]);
    assert!(back.contains("Изменений нет"), "{back}");

    let named = cli.path("named.json");
    cli.ok(&["export", "--campaign", "1", "--out", s(&named), "--db", s(&db), "--with-names"]);
    let sample_names = std::fs::read_to_string(SAMPLE).unwrap().matches("\"name\":").count();
    assert!(std::fs::read_to_string(&named).unwrap().matches("\"name\":").count() >= sample_names);
}

#[test]
fn default_database_is_created_and_seeded() {
    let cli = Cli::new();
    let list = cli.ok(&["campaigns"]);
    assert!(list.contains("default.db"), "{list}");
    assert!(list.contains("Приморский край"), "{list}");
    assert!(cli.path("default.db").exists());
    assert!(cli.ok(&["assess", "--campaign", "1"]).contains("34. Шкотовский МР"));
}

/// Every kind of bad file: clear error naming the file and the place, non-zero exit, nothing written.
#[test]
fn bad_files_give_clear_errors_and_write_nothing() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "syntax.json",
            sample.replacen("\"version\": 1,", "\"version\": 1", 1).into_bytes(),
            "строка 4, столбец 3: синтаксическая ошибка JSON",
        ),
        (
            "type.json",
            sample.replacen("\"hours\": 72", "\"hours\": \"много\"", 1).into_bytes(),
            "hours: ожидалось целое число",
        ),
        (
            "enum.json",
            sample.replacen("\"separate_org\"", "\"separate\"", 1).into_bytes(),
            "service.form: неизвестное значение «separate»",
        ),
        (
            "negative.json",
            sample.replacen("\"school_years\": ", "\"school_years\": -", 1).into_bytes(),
            "school_years: -",
        ),
        ("date.json", sample.replacen("\"2021-12-31\"", "\"2021-02-30\"", 1).into_bytes(), "такой даты не существует"),
        (
            "dup.json",
            sample.replacen("Арсеньевский ГО", "Артемовский ГО", 1).into_bytes(),
            "встречается в файле повторно",
        ),
        ("key.json", sample.replacen("\"relevant\"", "\"relevent\"", 1).into_bytes(), "неизвестный ключ «relevent»"),
        (
            "version.json",
            sample.replacen("\"version\": 1", "\"version\": 2", 1).into_bytes(),
            "версия 2 не поддерживается",
        ),
        ("empty.json", Vec::new(), "файл пуст"),
        ("garbage.json", vec![0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0x13, 0x37], "не является текстом в кодировке UTF-8"),
    ];
    for (name, contents, message) in cases {
        let file = cli.write(name, contents);
        let err = cli.fails(&["import", s(&file), "--db", s(&db)]);
        assert!(err.contains(name), "{name}: the error names the file: {err}");
        assert!(err.contains(message), "{name}: expected «{message}» in: {err}");
        assert!(err.lines().count() <= 3, "{name}: short message: {err}");
        let err = cli.fails(&["assess", "--input", s(&file)]);
        assert!(err.contains(message), "{name}: assess: {err}");
    }
    let list = cli.ok(&["campaigns", "--db", s(&db)]);
    assert!(list.contains("    34  "), "still one campaign of 34: {list}");
}

#[test]
fn several_problems_are_reported_together() {
    let cli = Cli::new();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let bad = sample.replacen("\"higher_pedagogical\"", "\"higher\"", 1).replacen("\"hours\": 72", "\"hours\": 0", 1);
    let file = cli.write("two.json", bad);
    let err = cli.fails(&["assess", "--input", s(&file)]);
    assert!(err.contains("ошибок: 2"), "{err}");
    assert!(err.contains("$.responses[0].staff[0].education"), "{err}");
}

#[test]
fn unknown_municipality_suggests_names() {
    let cli = Cli::new();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let file = cli.write("name.json", sample.replacen("Кавалеровский МР", "Кавалеровскй район", 1));
    let err = cli.fails(&["assess", "--input", s(&file)]);
    assert!(err.contains("Кавалеровский МР"), "{err}");
}

#[test]
fn missing_file_and_campaign_are_errors() {
    let cli = Cli::new();
    let err = cli.fails(&["assess", "--input", "nowhere.json"]);
    assert!(err.contains("nowhere.json") && err.contains("не удалось прочитать"), "{err}");
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let err = cli.fails(&["assess", "--db", s(&db), "--campaign", "9"]);
    assert!(err.contains("кампания «9» не найдена"), "{err}");
    let err = cli.fails(&["assess"]);
    assert!(err.contains("--input"), "{err}");
}

#[test]
fn a_database_that_is_not_sqlite_is_refused_by_the_cli() {
    let cli = Cli::new();
    let fake = cli.write("fake.db", "просто текст, а не база данных SQLite");
    let err = cli.fails(&["campaigns", "--db", s(&fake)]);
    assert!(err.contains("не является базой данных"), "{err}");
    assert_eq!(std::fs::read_to_string(&fake).unwrap(), "просто текст, а не база данных SQLite");
}

/// A mistyped `--db`: commands that only read refuse it and create nothing; `import` creates
/// the database and its folders and says so.
#[test]
fn a_missing_database_is_refused_for_reading_and_announced_for_writing() {
    let cli = Cli::new();
    let typo = cli.path("бзаы").join("мониторинг.db");
    let note = cli.path("note.pdf");
    let out = cli.path("out.json");
    let reading: [Vec<&str>; 4] = [
        vec!["campaigns"],
        vec!["assess", "--campaign", "1"],
        vec!["export", "--campaign", "1", "--out", s(&out)],
        vec!["report", "--campaign", "1", "--out", s(&note)],
    ];
    for args in &reading {
        let mut all = args.clone();
        all.extend(["--db", s(&typo)]);
        let err = cli.fails(&all);
        assert!(err.contains("базы данных нет") && err.contains("бзаы") && err.contains("не существует"), "{err}");
        assert!(!cli.path("бзаы").exists(), "{args:?} created nothing");
        assert!(!out.exists() && !note.exists());
    }
    let missing_file = cli.path("нет.db");
    let err = cli.fails(&["campaigns", "--db", s(&missing_file)]);
    assert!(err.contains("базы данных нет") && err.contains("проверьте путь"), "{err}");
    assert!(!missing_file.exists());

    let created = cli.ok(&["import", SAMPLE, "--db", s(&typo)]);
    assert!(created.contains(&format!("Создана новая база данных {}", typo.display())), "{created}");
    assert!(created.contains("созданы каталоги") && created.contains("Анкет добавлено: 34"), "{created}");
    let again = cli.ok(&["import", SAMPLE, "--db", s(&typo)]);
    assert!(!again.contains("Создана"), "{again}");
    assert!(cli.ok(&["campaigns", "--db", s(&typo)]).contains("Приморский край"));
}

/// A new database with the sample imported, then `sql` run on it as an earlier version or a
/// hand edit left it.
fn imported_and_edited(cli: &Cli, sql: &str) -> std::path::PathBuf {
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    rusqlite::Connection::open(&db).unwrap().execute_batch(sql).unwrap();
    db
}

#[test]
fn a_stored_value_outside_the_limits_is_named_and_a_corrected_import_repairs_it() {
    let cli = Cli::new();
    // An earlier version took «01.09.2» for a date and stored the year 2.
    let db = imported_and_edited(&cli, "UPDATE responses SET service_started = '0002-09-01' WHERE ord = 0");
    let municipality: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT m.name FROM responses r JOIN municipalities m ON m.id = r.municipality_id WHERE r.ord = 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let err = cli.fails(&["assess", "--db", s(&db), "--campaign", "1"]);
    assert!(err.contains("в базе данных повреждена запись: кампания «Мониторинг"), "{err}");
    assert!(
        err.contains(&format!(
            "муниципалитет «{municipality}», дата создания службы: 01.09.0002 — дата должна быть не раньше 01.01.1900"
        )),
        "{err}"
    );
    let out = cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    assert!(out.contains("Анкет добавлено: 0, обновлено: 1"), "{out}");
    cli.ok(&["assess", "--db", s(&db), "--campaign", "1"]);
}

#[test]
fn date_options_want_a_four_digit_year() {
    // chrono alone reads «2-09-01» as the year 2; these options took it before.
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    for args in [
        vec!["registry", "--due", "--next-date", "2-09-01"],
        vec!["new-campaign", "--from", "1", "--reference-date", "2-09-01"],
    ] {
        let out = cli.run(&[&args[..], &["--db", s(&db)]].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("недопустимое значение «2-09-01»"), "{args:?}: {err}");
        assert!(err.contains("ожидается существующая дата ГГГГ-ММ-ДД"), "{args:?}: {err}");
    }
}

#[test]
fn a_reference_date_with_a_short_year_from_an_earlier_version_is_corrected_with_campaign_date() {
    let cli = Cli::new();
    // The «Новая кампания» dialog of an earlier version took «31.12.2» and stored the year 2.
    let db = imported_and_edited(&cli, "UPDATE campaigns SET reference_date = '0002-12-31'");
    let err = cli.fails(&["campaigns", "--db", s(&db)]);
    assert!(err.contains("дата мониторинга: 31.12.0002 — дата должна быть не раньше 01.01.1900"), "{err}");
    assert!(err.contains("исправьте её: mms-monitor campaign-date --campaign 1 --reference-date ГГГГ-ММ-ДД"), "{err}");
    let out = cli.ok(&["campaign-date", "--campaign", "1", "--reference-date", "2022-12-31", "--db", s(&db)]);
    assert_eq!(out.trim(), "Дата мониторинга кампании 1: 31.12.2022");
    assert!(cli.ok(&["campaigns", "--db", s(&db)]).contains("31.12.2022"));
    let err = cli.fails(&["campaign-date", "--campaign", "7", "--reference-date", "2022-12-31", "--db", s(&db)]);
    assert!(err.contains("кампания «7» не найдена"), "{err}");
}
