//! The methodology as data: the shipped file, a campaign's own copy, and titles, reasons,
//! the note's annex and the workbook following a changed threshold.

use crate::util::{Cli, SAMPLE, assert_reference_levels, levels_of_json, s};
use mms_monitor::interchange;
use mms_monitor::methodology::file::PRIMORYE_2022_JSON;
use mms_monitor::methodology::{Methodology, assess};
use mms_monitor::report::{NoteTexts, ReportOptions, note};
use serde_json::Value;

/// The shipped file with the service-experience threshold moved from 5 to 4 years.
fn four_years() -> String {
    let mut v: Value = serde_json::from_str(PRIMORYE_2022_JSON).unwrap();
    v["id"] = "primorye-2022-4y".into();
    v["thresholds"]["service_experience"]["years_over"] = 4.into();
    v.to_string()
}

#[test]
fn default_export_is_the_shipped_file_and_assesses_like_the_built_in() {
    let cli = Cli::new();
    let file = cli.path("методика.json");
    let out = cli.ok(&["methodology", "export", "--default", "--out", s(&file)]);
    assert!(out.contains("primorye-2022"), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PRIMORYE_2022_JSON);
    let json: Value =
        serde_json::from_str(&cli.ok(&["assess", "--input", SAMPLE, "--methodology", s(&file), "--json"])).unwrap();
    assert_reference_levels(&levels_of_json(&json));
}

#[test]
fn a_campaign_methodology_set_from_a_file_changes_levels_titles_and_reasons() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let file = cli.write("четыре.json", four_years());

    // What the change does, counted the way the command counts it.
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let changed = mms_monitor::methodology::file::parse(&four_years()).unwrap();
    let expected = mms_monitor::methodology::changed_levels(
        &assess(&campaign, &Methodology::default()),
        &assess(&campaign, &changed),
    );
    assert!(expected > 0, "moving the threshold to 4 years changes some levels of the sample");

    let out = cli.ok(&["methodology", "set", "--campaign", "1", "--file", s(&file), "--db", s(&db)]);
    assert!(out.contains(&format!("уровней изменилось: {expected}")), "{out}");
    assert!(out.contains("$.thresholds.service_experience.years_over: 5 → 4"), "{out}");

    let table = cli.ok(&["assess", "--campaign", "1", "--db", s(&db)]);
    assert!(table.contains("методика: primorye-2022-4y"), "{table}");
    assert!(table.contains("Стаж работы в ММС более 4 лет"), "the title follows the threshold");
    assert!(table.contains("стаж работы в ММС более 4 лет"), "the reasons follow the threshold");
    assert!(!table.contains("ММС более 5 лет"), "no static «более 5 лет» is left");

    // The stored copy comes back out, and a file given on the command line wins over it.
    let back = cli.path("обратно.json");
    cli.ok(&["methodology", "export", "--campaign", "1", "--out", s(&back), "--db", s(&db)]);
    assert_eq!(mms_monitor::methodology::file::read_file(&back).unwrap(), changed);
    let default = cli.path("default.json");
    cli.ok(&["methodology", "export", "--default", "--out", s(&default)]);
    let json: Value = serde_json::from_str(&cli.ok(&[
        "assess",
        "--campaign",
        "1",
        "--db",
        s(&db),
        "--methodology",
        s(&default),
        "--json",
    ]))
    .unwrap();
    assert_reference_levels(&levels_of_json(&json));

    // The workbook's headings follow the campaign's methodology.
    let book = cli.path("таблицы.xlsx");
    cli.ok(&["export", "--campaign", "1", "--out", s(&book), "--db", s(&db)]);
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let cells: Vec<String> = workbook
        .worksheets()
        .into_iter()
        .flat_map(|(_, range)| range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>())
        .collect();
    assert!(cells.iter().any(|c| c == "Стаж работы в ММС более 4 лет"), "workbook heading");
    assert!(!cells.iter().any(|c| c.contains("ММС более 5 лет")), "no static heading in the workbook");
}

#[test]
fn the_note_follows_a_changed_threshold() {
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let m = Methodology { service_years_over: 4.0, training_window_years: 2, ..Methodology::default() };
    let a = assess(&campaign, &m);
    let blocks = note::build(&campaign, &a, &NoteTexts::defaults_for(&campaign), &ReportOptions::default());
    // The note binds short words with no-break spaces; compare with plain ones.
    let text = format!("{blocks:?}").replace("\\u{a0}", " ");
    assert!(text.contains("Стаж работы в ММС более 4 лет"), "table heading and chart title");
    assert!(text.contains("ППК в течение 2 лет"), "training heading");
    assert!(text.contains("Стаж работы в ММС более 4 лет и"), "the annex states the threshold");
    assert!(!text.contains("ММС более 5 лет"), "no static «более 5 лет» in the note");
}

#[test]
fn invalid_methodology_files_are_refused_with_their_place() {
    let cli = Cli::new();
    let mut v: Value = serde_json::from_str(PRIMORYE_2022_JSON).unwrap();
    v["thresholds"]["staff_count"]["optimal_min"] = 2.into();
    v["thresholds"]["training"]["min_hourz"] = 16.into();
    let file = cli.write("плохая.json", v.to_string());
    let err = cli.fails(&["assess", "--input", SAMPLE, "--methodology", s(&file)]);
    assert!(err.contains("плохая.json"), "{err}");
    assert!(err.contains("$.thresholds.staff_count.optimal_min"), "{err}");
    assert!(err.contains("пересекаются"), "{err}");
    assert!(err.contains("$.thresholds.training.min_hourz"), "{err}");
    assert!(err.contains("возможно, имелся в виду «min_hours»"), "{err}");

    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let err = cli.fails(&["methodology", "set", "--campaign", "1", "--file", s(&file), "--db", s(&db)]);
    assert!(err.contains("$.thresholds.staff_count.optimal_min"), "{err}");
    let table = cli.ok(&["assess", "--campaign", "1", "--db", s(&db)]);
    assert!(table.contains("методика: primorye-2022"), "a refused file changes nothing");
}

#[test]
fn the_methodology_screen_counts_the_changes_then_applies_them() {
    use crate::ui::{sample_app, type_into};
    use egui_kittest::kittest::Queryable;
    let (_dir, db, mut h) = sample_app();
    h.get_by_label("Методика").click();
    h.run();
    assert!(h.query_by_label("Изменений нет").is_some());
    type_into(&mut h, "Стаж работы в ММС: более, лет", "4");

    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let four = Methodology { service_years_over: 4.0, ..Methodology::default() };
    let expected = mms_monitor::methodology::changed_levels(
        &assess(&campaign, &Methodology::default()),
        &assess(&campaign, &four),
    );
    assert!(expected > 0);
    assert!(h.query_by_label(&format!("Уровней изменится: {expected}")).is_some(), "the count before applying");

    // A value out of range is refused with its place, and cannot be applied.
    type_into(&mut h, "ППК: жёлтый — не менее, %", "100");
    assert!(h.query_by_label_contains("$.thresholds.training.yellow_min_percent").is_some());
    type_into(&mut h, "ППК: жёлтый — не менее, %", "50");

    h.get_by_label("Применить").click();
    h.run();
    assert!(h.query_by_label_contains(&format!("уровней изменилось: {expected}")).is_some(), "the notice");
    let stored = mms_monitor::storage::Db::open(&db).unwrap().campaign_methodology(1).unwrap();
    assert_eq!(stored.service_years_over, 4.0);
    h.get_by_label("Результаты").click();
    h.run();
    h.get_by_label("Таблица 2. Квалификация сотрудников").click();
    h.run();
    assert!(h.query_all_by_label_contains("Стаж работы в ММС более 4 лет").count() > 0, "the table heading follows");
}

/// The shipped file with two level texts reworded.
fn reworded() -> String {
    let mut v: Value = serde_json::from_str(PRIMORYE_2022_JSON).unwrap();
    v["id"] = "primorye-2022-words".into();
    v["levels"]["potential"]["critical"] = "тревожный".into();
    v["levels"]["associations"]["mmo_only"] = "Работают только ММО".into();
    v.to_string()
}

#[test]
fn level_texts_of_the_methodology_reach_the_app_the_note_the_workbook_and_the_cli() {
    let cli = Cli::new();
    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let file = cli.write("слова.json", reworded());
    let out = cli.ok(&["methodology", "set", "--campaign", "1", "--file", s(&file), "--db", s(&db)]);
    assert!(out.contains("уровней изменилось: 0"), "texts change no level: {out}");

    // The command line's table, its counts and the reasons that name a level.
    let table = cli.ok(&["assess", "--campaign", "1", "--db", s(&db)]);
    let line = |l: &&str| l.trim_start().starts_with("Кадровый потенциал ") && l.contains(" тревожный — ");
    assert_eq!(table.lines().filter(line).count(), 5, "{table}");
    assert!(table.contains("Кадровый потенциал тревожный: 5 (14,7 %)"), "{table}");
    assert_eq!(table.matches("Работают только ММО").count(), 22, "{table}");
    assert!(!table.contains("Кадровый потенциал критический"), "no built-in text of a reworded level: {table}");

    // The note, read through its document tree.
    let campaign = interchange::read_file(SAMPLE.as_ref()).unwrap();
    let m = mms_monitor::methodology::file::parse(&reworded()).unwrap();
    let a = assess(&campaign, &m);
    let blocks = note::build(&campaign, &a, &NoteTexts::defaults_for(&campaign), &ReportOptions::default());
    let text = format!("{blocks:?}").replace("\\u{a0}", " ");
    assert!(text.contains("«Тревожный»"), "the legend of table 2");
    assert!(text.contains("тревожный уровень кадрового потенциала — в 5"), "the count of the conclusion");
    assert!(text.contains("Кадровый потенциал: тревожный — не менее 2"), "the annex states the rule");
    assert!(text.contains("Работают только ММО; либо объединения педагогов без ММО"), "the legend of table 3");
    assert_eq!(text.matches("Работают только ММО").count(), 2, "the legend of table 3 and the chart of appendix 2");
    assert!(!text.contains("«Критический»"), "no built-in label left in the legends");

    // `report --input … --methodology FILE`, like `assess`: the PDF says it too.
    let pdf = cli.path("справка.pdf");
    cli.ok(&["report", "--input", SAMPLE, "--methodology", s(&file), "--out", s(&pdf)]);
    let output = std::process::Command::new("pdftotext").args(["-enc", "UTF-8", s(&pdf), "-"]).output().unwrap();
    let pdf_text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pdf_text.contains("Тревожный"), "the PDF of --methodology");
    let bad = cli.write("плохая.json", "{\"format\": \"mms-monitor.methodology\"}");
    let err = cli.fails(&["report", "--input", SAMPLE, "--methodology", s(&bad), "--out", s(&cli.path("нет.pdf"))]);
    assert!(err.contains("плохая.json") && err.contains("$.version: обязательное поле отсутствует"), "{err}");
    assert!(!cli.path("нет.pdf").exists(), "a refused methodology writes no note");

    // The workbook's colour tables.
    let book = cli.path("таблицы.xlsx");
    cli.ok(&["export", "--campaign", "1", "--out", s(&book), "--db", s(&db)]);
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let cells: Vec<String> = workbook
        .worksheets()
        .into_iter()
        .flat_map(|(_, range)| range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect::<Vec<_>>())
        .collect();
    assert_eq!(cells.iter().filter(|c| *c == "тревожный").count(), 5, "the potential column of table 2");
    assert_eq!(cells.iter().filter(|c| *c == "Работают только ММО").count(), 22, "table 3");

    // The app: the results table and the questionnaire of a municipality with that level.
    use crate::ui::{harness, select};
    use egui_kittest::kittest::Queryable;
    let mut h = harness(&db, &mms_monitor::ui::Remembered::default());
    h.run();
    h.get_by_label("Результаты").click();
    h.run();
    h.get_by_label("Таблица 2. Квалификация сотрудников").click();
    h.run();
    assert!(h.query_all_by_label_contains("Кадровый потенциал: тревожный").count() > 0, "a cell of table 2");
    h.get_by_label("Сводка").click();
    h.run();
    assert!(h.query_all_by_label_contains("тревожный — 5").count() > 0, "the summary's list");
    let critical = a.names_where(|x| x.potential.level == mms_monitor::methodology::PotentialLevel::Critical);
    h.get_by_label("Анкета").click();
    select(&mut h, critical[0]);
    assert!(h.query_all_by_label_contains("Кадровый потенциал: тревожный").count() > 0, "the form's level line");
}
