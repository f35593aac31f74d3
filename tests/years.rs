//! Monitoring over the years through the real CLI and the app: three synthetic campaigns
//! (2021, 2022, 2023) with known changes, the «Динамика» sheet of the workbook, next year's
//! campaign with its people carried forward, and the staff registry.

use crate::util::{Cli, s, three_campaigns};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mms_monitor::interchange;
use mms_monitor::model::history::{ChangeKind, HistoryEntry};
use mms_monitor::model::synthetic::three_years;
use mms_monitor::storage::Db;
use mms_monitor::ui::{App, Remembered};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn municipality<'a>(d: &'a Value, name: &str) -> &'a Value {
    d["municipalities"].as_array().unwrap().iter().find(|m| m["municipality"] == name).unwrap()
}

#[test]
fn dynamics_json_against_the_previous_campaign() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let d = json(&cli.ok(&["dynamics", "--campaign", "2", "--json", "--db", &db]));
    assert_eq!(d["campaign"]["number"], 2);
    assert_eq!(d["against"]["number"], 1);
    assert_eq!(d["against"]["reference_date"], "2021-12-31");
    let north = municipality(&d, "Северный МО");
    assert_eq!(north["staff_count_level"]["before"], "insufficient");
    assert_eq!(north["staff_count_level"]["after"], "optimal");
    assert_eq!(north["staff_count_level"]["change"], "improved");
    assert_eq!(north["duties"]["change"], "improved");
    assert_eq!(north["service_level"]["change"], "same");
    assert_eq!(municipality(&d, "Восточный ГО")["service_level"]["change"], "improved");
    assert_eq!(municipality(&d, "Западный МО")["staff_count_level"]["change"], "no_data");
    // Every level key of `assess --json` is there.
    let assess = json(&cli.ok(&["assess", "--campaign", "2", "--json", "--db", &db]));
    let first = &assess["municipalities"][0];
    for key in
        ["service_level", "staff_count_level", "training_within_3y", "staffing_potential", "duties", "associations"]
    {
        assert!(first.get(key).is_some(), "{key} in assess --json");
        assert!(north.get(key).is_some(), "{key} in dynamics --json");
    }
    let optimal = &d["region"]["staff_count_level"]["optimal"];
    assert_eq!((optimal["before"]["count"].as_u64(), optimal["after"]["count"].as_u64()), (Some(1), Some(3)));
    assert_eq!((optimal["before"]["share"].as_f64(), optimal["after"]["share"].as_f64()), (Some(16.7), Some(50.0)));
    assert_eq!(d["region"]["municipalities"]["before"], 6);

    // The nearest earlier campaign of 2023 is 2022; --against picks 2021.
    let later = json(&cli.ok(&["dynamics", "--campaign", "3", "--json", "--db", &db]));
    assert_eq!(later["against"]["number"], 2);
    assert_eq!(municipality(&later, "Речно-Лесной МО")["staff_count_level"]["change"], "new");
    assert_eq!(municipality(&later, "Северный МО")["staff_count_level"]["change"], "worsened");
    let chosen = json(&cli.ok(&["dynamics", "--campaign", "3", "--against", "1", "--json", "--db", &db]));
    assert_eq!(chosen["against"]["number"], 1);
}

#[test]
fn dynamics_as_text_and_without_a_previous_campaign() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let text = cli.ok(&["dynamics", "--campaign", "2", "--db", &db]);
    assert!(text.contains("Северный МО"), "{text}");
    assert!(text.contains("недостаточная → оптимальная"), "{text}");
    assert!(text.contains("Доля ММС с оптимальной численностью выросла с 16,7 % до 50,0 %"), "{text}");
    assert!(
        text.contains("Из «красной» зоны по показателю «Форма ММС» вышел 1 муниципалитет: Восточный ГО."),
        "{text}"
    );
    let first = cli.ok(&["dynamics", "--campaign", "1", "--db", &db]);
    assert!(first.starts_with("Сравнивать не с чем: у кампании 1"), "{first}");
    let none = json(&cli.ok(&["dynamics", "--campaign", "1", "--json", "--db", &db]));
    assert_eq!(none["against"], Value::Null);
    let error = cli.fails(&["dynamics", "--campaign", "2", "--against", "2", "--db", &db]);
    assert!(error.contains("не сравнивается сама с собой"), "{error}");
    let error = cli.fails(&["dynamics", "--campaign", "9", "--db", &db]);
    assert!(error.contains("кампания «9» не найдена"), "{error}");
}

#[test]
fn the_workbook_has_a_dynamics_sheet_only_with_a_previous_campaign() {
    use calamine::{Reader, Xlsx, open_workbook};
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let out = cli.path("2022.xlsx");
    let said = cli.ok(&["export", "--campaign", "2", "--out", s(&out), "--db", &db]);
    assert!(said.contains("Лист «Динамика»: в сравнении с кампанией 1"), "{said}");
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert!(book.sheet_names().contains(&"Динамика".to_string()));
    let sheet = book.worksheet_range("Динамика").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let row = rows
        .iter()
        .find(|r| {
            r.first().is_some_and(|c| c == "Северный МО") && r.get(1).is_some_and(|c| c == "Численность сотрудников")
        })
        .expect("Северный МО in the municipal table");
    assert_eq!(&row[2..5], ["недостаточная", "оптимальная", "улучшилось"]);
    let optimal = rows
        .iter()
        .find(|r| {
            r.first().is_some_and(|c| c == "Численность сотрудников") && r.get(1).is_some_and(|c| c == "оптимальная")
        })
        .unwrap();
    assert_eq!(&optimal[2..6], ["1", "16.7", "3", "50"]);
    // The first campaign has nothing to compare with: no such sheet.
    let first = cli.path("2021.xlsx");
    cli.ok(&["export", "--campaign", "1", "--out", s(&first), "--db", &db]);
    let book: Xlsx<_> = open_workbook(&first).unwrap();
    assert!(!book.sheet_names().contains(&"Динамика".to_string()));
}

#[test]
fn next_years_campaign_carries_people_and_leaves_the_previous_one_alone() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let before = Db::open(cli.db().as_path()).unwrap().load_campaign(3).unwrap();
    let number = cli.ok(&["new-campaign", "--from", "3", "--reference-date", "2024-12-31", "--db", &db]);
    assert_eq!(number.trim(), "4");
    let plus = cli.ok(&[
        "new-campaign",
        "--from",
        "3",
        "--reference-date",
        "2025-12-31",
        "--title",
        "С прибавленным стажем",
        "--add-elapsed-years",
        "--db",
        &db,
    ]);
    assert_eq!(plus.trim(), "5");
    let store = Db::open(cli.db().as_path()).unwrap();
    assert_eq!(store.load_campaign(3).unwrap(), before, "the previous campaign is untouched");
    let next = store.load_campaign(4).unwrap();
    assert_eq!(next.title, "Мониторинг ММС Синтетического края, 2024");
    assert_eq!(next.responses.len(), before.responses.len());
    let years = |c: &mms_monitor::model::Campaign| c.responses[0].staff.as_ref().unwrap()[0].service_years.get();
    assert_eq!(years(&next), years(&before), "experience unchanged by default");
    assert_eq!(years(&store.load_campaign(5).unwrap()), years(&before) + 2.0);
    // Each person of 2023 is one person with records in 2023 and 2024 (and 2025).
    let registry = json(&cli.ok(&["registry", "--json", "--db", &db]));
    let people = registry["people"].as_array().unwrap();
    let south: Vec<&Value> = people.iter().filter(|p| p["municipality"] == "Южный МО").collect();
    assert_eq!(south.len(), 3);
    assert!(south.iter().all(|p| p["records"].as_array().unwrap().len() == 3), "{south:#?}");
    assert!(people.iter().all(|p| p["name"].is_null()), "no names without --with-names");
    let error = cli.fails(&["new-campaign", "--from", "3", "--reference-date", "2023-12-31", "--db", &db]);
    assert!(error.contains("уже есть"), "{error}");
}

#[test]
fn the_registry_proposes_look_alikes_and_confirming_joins_them() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    // The three imported campaigns carry no person links: the same names in the same
    // municipality are only proposed.
    let registry = json(&cli.ok(&["registry", "--json", "--with-names", "--db", &db]));
    let proposals = registry["proposals"].as_array().unwrap();
    assert!(!proposals.is_empty());
    let north: Vec<&Value> = proposals
        .iter()
        .filter(|p| {
            p["municipality"] == "Северный МО" && p["name"] == "Сотрудник 0 (Северный МО)" && p["campaign"] == 2
        })
        .collect();
    assert_eq!(north.len(), 1, "{north:#?}");
    let pair = format!("{}={}", north[0]["staff"].as_str().unwrap(), north[0]["person"].as_str().unwrap());
    let said = cli.ok(&["registry", "--confirm", &pair, "--db", &db]);
    assert!(said.contains("Подтверждено"), "{said}");
    let after = json(&cli.ok(&["registry", "--json", "--with-names", "--db", &db]));
    let person = after["people"].as_array().unwrap().iter().find(|p| p["person"] == north[0]["person"]).unwrap();
    assert_eq!(person["records"].as_array().unwrap().len(), 2);
    let filtered =
        json(&cli.ok(&["registry", "--json", "--municipality", "Северный МО", "--position", "Методист", "--db", &db]));
    assert!(filtered["people"].as_array().unwrap().iter().all(|p| p["municipality"] == "Северный МО"));
    assert!(!filtered["people"].as_array().unwrap().is_empty());
    let none = json(&cli.ok(&["registry", "--json", "--education", "other", "--db", &db]));
    assert!(none["people"].as_array().unwrap().is_empty());
    let error = cli.fails(&["registry", "--education", "высшее", "--db", &db]);
    assert!(error.contains("ожидалось одно из: higher_pedagogical"), "{error}");
    let text = cli.ok(&["registry", "--db", &db]);
    assert!(!text.contains("Сотрудник 0"), "names only with --with-names: {text}");
    assert!(text.contains("ФИО сотрудников не показаны"), "{text}");
}

#[test]
fn training_due_list_and_its_export() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    // Every synthetic course is a year before its campaign: in 2023 they were done on 31.12.2022
    // and count until 31.12.2025, so none lapses before 31.12.2024.
    let due = cli.ok(&["registry", "--due", "--db", &db]);
    assert!(due.starts_with("Обучение истекает до следующего мониторинга (31.12.2024): 0 чел."), "{due}");
    let later = cli.ok(&["registry", "--due", "--next-date", "2026-01-01", "--db", &db]);
    assert!(later.contains("действует до 31.12.2025"), "{later}");
    let out = cli.path("обучение.csv");
    let said = cli.ok(&["registry", "--due", "--next-date", "2026-01-01", "--out", s(&out), "--db", &db]);
    assert!(said.contains("Список записан"), "{said}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("Муниципалитет;Должность;Последний курс"), "{csv}");
    assert!(!csv.contains("Сотрудник 0"), "{csv}");
}

#[test]
fn training_due_follows_the_newest_campaigns_own_methodology() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let file = cli.path("методика.json");
    cli.ok(&["methodology", "export", "--default", "--out", s(&file)]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"window_years\": 3"), "{text}");
    std::fs::write(&file, text.replace("\"window_years\": 3", "\"window_years\": 2")).unwrap();
    cli.ok(&["methodology", "set", "--campaign", "3", "--file", s(&file), "--db", &db]);
    // The 2023 campaign's courses (31.12.2022) now count for two years, until 31.12.2024.
    let due = cli.ok(&["registry", "--due", "--next-date", "2026-01-01", "--db", &db]);
    assert!(due.contains("действует до 31.12.2024") && !due.contains("действует до 31.12.2025"), "{due}");
}

/// Южный МО's service in «Динамика», 2022 → 2023.
const SOUTH: &str = "Южный МО — Форма ММС: ММС входит в состав МОУО в виде методического отдела или отдельных \
                     специалистов → ММС функционирует в виде отдельной организации, улучшилось";

fn harness(db: &std::path::Path) -> Harness<'static, App> {
    crate::ui::harness(db, &Remembered::default())
}

#[test]
fn the_dynamics_tab_shows_changes_and_filters_them() {
    let cli = Cli::new();
    three_campaigns(&cli);
    let mut db = Db::open(&cli.db()).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let change =
        HistoryEntry::new("Синтетический край", ChangeKind::Transformation, date, "Южный МР", "Южный МО", None);
    db.add_municipality_change(&change.unwrap()).unwrap();
    drop(db);
    // Opens on the newest campaign (2023), compared with 2022.
    let mut h = harness(&cli.db());
    h.run();
    h.get_by_label("Динамика").click();
    h.run();
    h.get_by_label("Северный МО — Численность сотрудников: оптимальная → допустимая, ухудшилось");
    h.get_by_label(SOUTH);
    h.get_by_role_and_label(Role::Button, "ухудшилось").click();
    h.run();
    assert!(h.query_by_label(SOUTH).is_none());
    h.get_by_label("Северный МО — Численность сотрудников: оптимальная → допустимая, ухудшилось");
    h.get_by_role_and_label(Role::Button, "улучшилось").click();
    h.run();
    h.get_by_label(SOUTH);
    h.get_by_label("Регион").click();
    h.run();
    h.get_by_label("Динамика по сравнению с 2022 годом");
    h.get_by_label("Доля ММС с оптимальной численностью снизилась с 50,0 % до 40,0 %;");
}

#[test]
fn the_dynamics_tab_of_a_first_campaign_says_there_is_nothing_to_compare() {
    let cli = Cli::new();
    let path = cli.db();
    let mut db = Db::open(&path).unwrap();
    db.import_campaign(&three_years()[0], "тест").unwrap();
    drop(db);
    let mut h = harness(&path);
    h.run();
    h.get_by_label("Динамика").click();
    h.run();
    assert!(
        h.query_by_label_contains("нет более ранней кампании региона «Синтетический край»: сравнивать не с чем")
            .is_some()
    );
}

#[test]
fn dynamics_follow_a_transformation_and_a_merge_recorded_in_the_history() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let empty = cli.ok(&["municipalities", "--db", &db]);
    assert!(empty.starts_with("Изменений муниципалитетов не записано"), "{empty}");
    let transformation = [
        "municipalities",
        "--add",
        "transformation",
        "--old",
        "Южный МР",
        "--new",
        "Южный МО",
        "--date",
        "2023-01-01",
        "--db",
        &db,
    ];
    let said = cli.ok(&transformation);
    assert!(said.contains("Записано: преобразование (МР → МО) «Южный МР» → «Южный МО» с 01.01.2023"), "{said}");
    cli.ok(&[
        "municipalities",
        "--add",
        "merge",
        "--old",
        "Речной МО",
        "--old",
        "Лесной МО",
        "--new",
        "Речно-Лесной МО",
        "--date",
        "2023-06-01",
        "--basis",
        "Закон края № 1",
        "--db",
        &db,
    ]);
    let list = cli.ok(&["municipalities", "--db", &db]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("объединение: «Лесной МО» → «Речно-Лесной МО» (основание: Закон края № 1)"), "{list}");
    let again = cli.fails(&transformation);
    assert!(again.contains("уже записано"), "{again}");
    let one = cli.fails(&[
        "municipalities",
        "--add",
        "merge",
        "--old",
        "А",
        "--new",
        "Б",
        "--date",
        "2023-01-01",
        "--db",
        &db,
    ]);
    assert!(one.contains("не меньше двух"), "{one}");

    let d = json(&cli.ok(&["dynamics", "--campaign", "3", "--json", "--db", &db]));
    let south = municipality(&d, "Южный МО");
    assert_eq!(south["compared_with"], serde_json::json!(["Южный МР"]));
    assert_eq!(south["service_level"]["before"], "yellow");
    assert_eq!(south["service_level"]["change"], "improved");
    let merged = municipality(&d, "Речно-Лесной МО");
    assert_eq!(merged["compared_with"], serde_json::json!(["Речной МО", "Лесной МО"]));
    assert_eq!(merged["staff_count_level"]["before"], "insufficient");
    assert_eq!(merged["staff_count_level"]["change"], "improved");
    let names: Vec<&str> =
        d["municipalities"].as_array().unwrap().iter().map(|m| m["municipality"].as_str().unwrap()).collect();
    assert_eq!(names, ["Южный МО", "Северный МО", "Восточный ГО", "Западный МО", "Речно-Лесной МО"]);
    let text = cli.ok(&["dynamics", "--campaign", "3", "--db", &db]);
    assert!(text.contains("Речно-Лесной МО (в сравнении с: Речной МО, Лесной МО)"), "{text}");
}

#[test]
fn the_change_log_view_lists_form_edits_and_imports_and_filters_them() {
    let cli = Cli::new();
    let db_path = cli.db();
    let mut campaign = three_years()[0].clone();
    {
        let mut db = Db::open(&db_path).unwrap();
        db.import_campaign(&campaign, "импорт 2021.json").unwrap();
        let stored = db.load_campaign(1).unwrap();
        let mut response = stored.responses[1].clone();
        response.notes = Some("Уточнено по телефону".into());
        db.save_response(1, &response, "приложение").unwrap();
        // A later import changes another answer: the form's entry survives it.
        campaign.responses[0].notes = Some("Из файла".into());
        campaign.responses[1].notes = Some("Уточнено по телефону".into());
        db.import_campaign(&campaign, "импорт 2021-2.json").unwrap();
    }
    let mut h = harness(&db_path);
    h.run();
    h.get_by_label("Журнал изменений").click();
    h.run();
    assert!(h.query_by_label("Уточнено по телефону").is_some());
    assert!(h.query_by_label("Из файла").is_some());
    h.get_by_role_and_label(Role::Button, "форма").click();
    h.run();
    assert!(h.query_by_label("Уточнено по телефону").is_some());
    assert!(h.query_by_label("Из файла").is_none(), "the import is filtered out");
    h.get_by_role_and_label(Role::Button, "всё").click();
    h.run();
    h.get_by_label("Найти").focus();
    h.run();
    h.get_by_label("Найти").type_text("файла");
    h.run();
    assert!(h.query_by_label("Из файла").is_some());
    assert!(h.query_by_label("Уточнено по телефону").is_none());
}

#[test]
fn review_statuses_limit_the_export_and_go_to_the_change_log() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let list = cli.ok(&["review", "--campaign", "2", "--db", &db]);
    assert!(list.contains("черновик: 6"), "{list}");
    cli.ok(&["review", "--campaign", "2", "--municipality", "Северный МО", "--status", "checked", "--db", &db]);
    cli.ok(&["review", "--campaign", "2", "--municipality", "Лесной МО", "--status", "checked", "--db", &db]);
    let said = cli.ok(&[
        "review",
        "--campaign",
        "2",
        "--municipality",
        "Западный МО",
        "--status",
        "needs-work",
        "--comment",
        "Нет сведений о сотрудниках",
        "--db",
        &db,
    ]);
    assert!(said.contains("Западный МО: анкета — на доработке («Нет сведений о сотрудниках»)"), "{said}");
    let list = cli.ok(&["review", "--campaign", "2", "--db", &db]);
    assert!(
        list.contains("проверена: 2") && list.contains("на доработке: 1") && list.contains("черновик: 3"),
        "{list}"
    );
    assert!(list.contains("Западный МО — на доработке — Нет сведений о сотрудниках"), "{list}");
    let error =
        cli.fails(&["review", "--campaign", "2", "--municipality", "Нет такого", "--status", "checked", "--db", &db]);
    assert!(error.contains("муниципалитета «Нет такого» нет среди анкет кампании"), "{error}");

    let out = cli.path("проверенные.json");
    let said = cli.ok(&["export", "--campaign", "2", "--checked-only", "--out", s(&out), "--db", &db]);
    assert!(said.contains("Только проверенные анкеты: 2 из 6; не проверены и не включены: 4"), "{said}");
    let exported = interchange::read_file(&out).unwrap();
    let names: Vec<&str> = exported.responses.iter().map(|r| r.municipality.as_str()).collect();
    assert_eq!(names, ["Северный МО", "Лесной МО"]);
    let note = cli.path("справка.pdf");
    let said = cli.ok(&["report", "--campaign", "2", "--checked-only", "--out", s(&note), "--db", &db]);
    assert!(said.contains("не проверены и не включены: 4"), "{said}");

    let store = Db::open(cli.db().as_path()).unwrap();
    let log = store.change_log(2).unwrap();
    let entry =
        log.iter().find(|e| e.path == "review.status" && e.municipality.as_deref() == Some("Западный МО")).unwrap();
    assert_eq!((entry.old_value.as_deref(), entry.new_value.as_deref()), (Some("черновик"), Some("на доработке")));
    // A re-import keeps the statuses (they belong to the questionnaire, not to its answers).
    let file = cli.path("2022.json");
    cli.ok(&["import", s(&file), "--db", &db]);
    let list = cli.ok(&["review", "--campaign", "2", "--db", &db]);
    assert!(list.contains("проверена: 2"), "{list}");
}

#[test]
fn a_questionnaire_is_marked_checked_in_the_app_and_the_list_shows_it() {
    let cli = Cli::new();
    let path = cli.db();
    let mut db = Db::open(&path).unwrap();
    db.import_campaign(&three_years()[0], "тест").unwrap();
    drop(db);
    let mut h = harness(&path);
    h.run();
    assert!(h.query_by_label("проверена").is_none());
    h.get_by_label("Статус анкеты").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "проверена").click();
    h.run();
    h.run();
    assert!(h.query_all_by_label("проверена").count() >= 1, "the list marks the questionnaire");
    let store = Db::open(&path).unwrap();
    let reviews = store.reviews(1).unwrap();
    assert_eq!(reviews.get("Южный МР").map(|r| r.status), Some(mms_monitor::model::review::ReviewStatus::Checked));
}

#[test]
fn the_new_campaign_dialog_carries_people_and_adds_years_only_when_asked() {
    let cli = Cli::new();
    three_campaigns(&cli);
    let mut h = harness(&cli.db());
    h.run();
    h.get_by_label("Файл").click();
    h.run();
    h.get_by_label("Новая кампания…").click();
    h.run();
    h.get_by_label("Стаж сотрудников останется таким, как в прошлой кампании (по умолчанию)");
    h.get_by_label("Прибавить к стажу сотрудников время, прошедшее между датами мониторинга").click();
    h.run();
    h.get_by_label_contains("Стаж каждого сотрудника увеличится");
    h.get_by_label("Название кампании").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Название кампании").type_text("Мониторинг 2024");
    h.run();
    h.get_by_label("Создать").click();
    h.run();
    let store = Db::open(&cli.db()).unwrap();
    let new = store.campaigns().unwrap().into_iter().find(|c| c.title == "Мониторинг 2024").unwrap();
    assert_eq!(new.reference_date.to_string(), "2024-12-31");
    let years = store.load_campaign(new.id).unwrap().responses[0].staff.as_ref().unwrap()[0].service_years;
    assert_eq!(years.get(), 7.0, "6 years in 2023, one year later");
    // Every person of 2023 continues into 2024: none is proposed, all have two records.
    let registry = mms_monitor::people::build(store.staff_records().unwrap(), &Default::default());
    let south = registry.people.iter().filter(|p| p.latest().unwrap().municipality == "Южный МО").collect::<Vec<_>>();
    assert_eq!(south.len(), 3);
    assert!(south.iter().all(|p| p.records.len() == 2));
}

#[test]
fn the_registry_tab_hides_names_until_asked_and_opens_a_persons_card() {
    let cli = Cli::new();
    three_campaigns(&cli);
    let mut h = harness(&cli.db());
    h.run();
    h.get_by_label("Реестр работников").click();
    h.run();
    h.get_by_label("Найти муниципалитет").focus();
    h.run();
    h.get_by_label("Найти муниципалитет").type_text("Северный");
    h.run();
    h.get_by_label_contains("Человек: 11 из");
    assert!(h.query_by_label("Сотрудник 0 (Северный МО)").is_none(), "no names by default");
    h.get_by_label("Показать ФИО").click();
    h.run();
    assert!(h.query_all_by_label("Сотрудник 0 (Северный МО)").count() >= 1);
    h.query_all_by_role_and_label(Role::Link, "Северный МО").next().unwrap().click();
    h.run();
    h.get_by_label_contains("Карточка работника: Сотрудник");
    h.get_by_label_contains("«Наставничество в образовательной организации», 72 ч; учитывается до");
}

#[test]
fn the_note_has_a_dynamics_section_only_with_an_earlier_campaign() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    let text_of = |pdf: &std::path::Path| {
        let out = std::process::Command::new("pdftotext").args(["-enc", "UTF-8", s(pdf), "-"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let note = cli.path("2022.pdf");
    cli.ok(&["report", "--campaign", "2", "--out", s(&note), "--db", &db]);
    let text = text_of(&note);
    assert!(text.contains("Динамика по сравнению с 2021 годом"), "{text}");
    assert!(text.contains("оптимальной"), "{text}");
    let first = cli.path("2021.pdf");
    cli.ok(&["report", "--campaign", "1", "--out", s(&first), "--db", &db]);
    assert!(!text_of(&first).contains("Динамика по сравнению"));
}
