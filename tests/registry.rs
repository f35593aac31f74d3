//! The staff registry's proposed matches and the history of municipalities in the app, the
//! app's exports and note limited to checked questionnaires, the person links of the JSON file,
//! and the note's «Динамика» limited on both sides — each the way a user does it.

use crate::ui::{file_menu, harness, type_into};
use crate::util::{Cli, s, three_campaigns};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mms_monitor::model::history::ChangeKind;
use mms_monitor::people::{Proposal, build};
use mms_monitor::storage::Db;
use mms_monitor::ui::{App, Remembered};
use serde_json::Value;
use std::path::Path;

fn proposals_of(db: &Path, municipality: &str) -> Vec<Proposal> {
    let store = Db::open(db).unwrap();
    let registry = build(store.staff_records().unwrap(), &store.person_rejections().unwrap());
    registry.proposals.into_iter().filter(|p| p.municipality == municipality).collect()
}

fn registry_tab(db: &Path) -> Harness<'static, App> {
    let mut h = harness(db, &Remembered::default());
    h.run();
    h.get_by_label("Реестр работников").click();
    h.run();
    h
}

#[test]
fn a_proposed_match_is_confirmed_or_rejected_in_the_registry_tab() {
    let cli = Cli::new();
    three_campaigns(&cli);
    let db = cli.db();
    let before = proposals_of(&db, "Северный МО");
    assert!(before.len() >= 2, "{before:#?}");
    let mut h = registry_tab(&db);
    // The block follows the municipality filter, typed key by key.
    h.get_by_label("Найти муниципалитет").focus();
    h.run();
    h.get_by_label("Найти муниципалитет").type_text("Северный");
    h.run();
    h.get_by_label(&format!("Предложенные совпадения: {}", before.len()));
    assert!(h.query_by_label_contains("Сотрудник 0 (Северный МО)").is_none(), "no names until asked");
    assert!(h.query_all_by_label_contains("Северный МО · ФИО совпадает · ").count() >= 2);

    let first = &before[0];
    h.query_all_by_role_and_label(Role::Button, "Тот же человек").next().unwrap().click();
    h.run();
    h.run();
    h.get_by_label_contains("Совпадение подтверждено — один человек реестра: Северный МО · ФИО совпадает");
    let store = Db::open(&db).unwrap();
    let record = store.staff_records().unwrap().into_iter().find(|r| r.staff == first.staff).unwrap();
    assert_eq!(record.person, first.person, "the later record is now the earlier person");
    drop(store);
    let after = proposals_of(&db, "Северный МО");
    assert_eq!(after.len(), before.len() - 1, "the confirmed match is no longer proposed");
    h.get_by_label(&format!("Предложенные совпадения: {}", after.len()));

    let second = &after[0];
    h.query_all_by_role_and_label(Role::Button, "Разные люди").next().unwrap().click();
    h.run();
    h.run();
    h.get_by_label_contains("Совпадение отклонено, больше не предлагается");
    let store = Db::open(&db).unwrap();
    assert!(store.person_rejections().unwrap().contains(&(second.staff, second.person)));
    let record = store.staff_records().unwrap().into_iter().find(|r| r.staff == second.staff).unwrap();
    assert_eq!(record.person, second.staff, "a rejected record stays a person of its own");
    drop(store);
    assert_eq!(proposals_of(&db, "Северный МО").len(), before.len() - 2);

    // With «Показать ФИО» the proposals name the person, as the table does.
    h.get_by_label("Показать ФИО").click();
    h.run();
    assert!(h.query_all_by_label_contains("Северный МО · Сотрудник ").count() >= 1);
}

#[test]
fn a_transformation_and_a_merge_are_recorded_in_the_municipalities_tab() {
    let cli = Cli::new();
    three_campaigns(&cli);
    let db = cli.db();
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_label("Муниципалитеты").click();
    h.run();
    h.get_by_label_contains("Изменений не записано");
    // «преобразование МР в МО» is the default kind.
    type_into(&mut h, "Прежнее название", "Южный МР");
    type_into(&mut h, "Новое название", "Южный МО");
    type_into(&mut h, "Дата изменения", "31.02.2023");
    h.get_by_label_contains("Дата изменения: ");
    assert!(h.get_by_label("Записать изменение").accesskit_node().is_disabled(), "a wrong date is refused");
    type_into(&mut h, "Дата изменения", "01.01.2023");
    h.get_by_label("Записать изменение").click();
    h.run();
    h.run();
    h.get_by_label("Записано (преобразование МР в МО): «Южный МР» стал «Южный МО» с 01.01.2023");
    // The same change again is refused with the storage's message, and nothing is added.
    type_into(&mut h, "Прежнее название", "Южный МР");
    type_into(&mut h, "Новое название", "Южный МО");
    type_into(&mut h, "Дата изменения", "01.01.2023");
    h.get_by_label("Записать изменение").click();
    h.run();
    h.get_by_label_contains("уже записано");
    assert_eq!(Db::open(&db).unwrap().municipality_history(None).unwrap().len(), 1);

    h.get_by_label("Вид изменения").click();
    h.run();
    h.get_by_label("объединение").click();
    h.run();
    type_into(&mut h, "Прежние названия (через «;»)", "Речной МО");
    type_into(&mut h, "Новое название", "Речно-Лесной МО");
    type_into(&mut h, "Дата изменения", "01.06.2023");
    type_into(&mut h, "Основание (закон, решение)", "Закон края № 1");
    h.get_by_label_contains("не меньше двух");
    type_into(&mut h, "Прежние названия (через «;»)", "Речной МО; Лесной МО");
    h.get_by_label("Записать изменение").click();
    h.run();
    h.run();
    h.get_by_label_contains("Записано (объединение): «Речной МО» вошёл в «Речно-Лесной МО» с 01.06.2023");
    assert!(h.query_all_by_label("Закон края № 1").count() >= 2, "the list shows both entries of the merge");

    let store = Db::open(&db).unwrap();
    let history = store.municipality_history(Some("Синтетический край")).unwrap();
    let recorded: Vec<(ChangeKind, &str, &str)> =
        history.iter().map(|e| (e.kind, e.old_name.as_str(), e.new_name.as_str())).collect();
    assert_eq!(
        recorded,
        [
            (ChangeKind::Transformation, "Южный МР", "Южный МО"),
            (ChangeKind::Merge, "Речной МО", "Речно-Лесной МО"),
            (ChangeKind::Merge, "Лесной МО", "Речно-Лесной МО"),
        ]
    );
    drop(store);
    // «Динамика» follows the merge at once.
    h.get_by_label("Динамика").click();
    h.run();
    // (Without the record, Речно-Лесной МО would be new, with no level before.)
    h.get_by_label_contains("Речно-Лесной МО — Численность сотрудников: недостаточная → ");
}

/// Marks questionnaires of a campaign «проверена» through the CLI.
fn check(cli: &Cli, campaign: &str, municipalities: &[&str]) {
    let db = cli.db();
    for m in municipalities {
        cli.ok(&["review", "--campaign", campaign, "--municipality", m, "--status", "checked", "--db", s(&db)]);
    }
}

fn wait_for_note(h: &mut Harness<'_, App>) {
    h.step();
    for _ in 0..600 {
        if !h.state().writing_pdf() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext").args(["-enc", "UTF-8", s(pdf), "-"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_apps_export_and_note_follow_only_checked_questionnaires() {
    let cli = Cli::new();
    three_campaigns(&cli);
    check(&cli, "3", &["Северный МО", "Южный МО"]);
    check(&cli, "2", &["Северный МО", "Южный МР", "Лесной МО"]);
    let db = cli.db();
    // The app opens on the newest campaign (2023, five questionnaires).
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_label("Файл").click();
    h.run();
    h.get_by_label("Только проверенные анкеты").click();
    h.run();
    file_menu(&mut h, "Экспорт…");
    let out = cli.path("проверенные.json");
    type_into(&mut h, "Путь к файлу", s(&out));
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains("Только проверенные анкеты: 2 из 5; не проверены и не включены: 3");
    let exported = mms_monitor::interchange::read_file(&out).unwrap();
    let names: Vec<&str> = exported.responses.iter().map(|r| r.municipality.as_str()).collect();
    assert_eq!(names, ["Южный МО", "Северный МО"]);

    // The «Отчёт» tab shows the same choice, already ticked, and the note follows it.
    h.get_by_label("Отчёт").click();
    h.run();
    h.get_by_label("Сохранить PDF…").click();
    h.run();
    let pdf = cli.path("справка.pdf");
    type_into(&mut h, "Путь к файлу", s(&pdf));
    h.get_by_label("ОК").click();
    wait_for_note(&mut h);
    h.get_by_label_contains("Справка сохранена в файл");
    h.get_by_label_contains("Только проверенные анкеты: 2 из 5");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Сравниваются только проверенные анкеты обеих кампаний: 2 из 5 на 2023 год и 3 из 6 на 2022 год"),
        "{text}"
    );
    assert!(!text.contains("Западный МО"), "an unchecked questionnaire is left out of the note: {text}");

    // Unticked, the export is whole again.
    h.get_by_label("Только проверенные анкеты").click();
    h.run();
    file_menu(&mut h, "Экспорт…");
    let all = cli.path("все.json");
    type_into(&mut h, "Путь к файлу", s(&all));
    h.get_by_label("ОК").click();
    h.run();
    assert!(h.query_by_label_contains("Только проверенные анкеты: ").is_none());
    assert_eq!(mms_monitor::interchange::read_file(&all).unwrap().responses.len(), 5);
}

#[test]
fn the_notes_dynamics_with_checked_only_limit_both_campaigns_and_say_so() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    check(&cli, "2", &["Северный МО", "Лесной МО"]);
    check(&cli, "1", &["Северный МО"]);
    let store = Db::open(cli.db().as_path()).unwrap();
    let d = mms_monitor::dynamics::load::for_note(&store, 2, true).unwrap().unwrap();
    let optimal = d.figure(mms_monitor::dynamics::LevelKey::StaffCount, "optimal").unwrap();
    assert_eq!((optimal.before.total, optimal.after.total), (1, 2), "shares of the checked questionnaires");
    let whole = mms_monitor::dynamics::load::for_note(&store, 2, false).unwrap().unwrap();
    assert_eq!(whole.checked_only, None);
    let optimal = whole.figure(mms_monitor::dynamics::LevelKey::StaffCount, "optimal").unwrap();
    assert_eq!((optimal.before.total, optimal.after.total), (6, 6));
    drop(store);

    let note = cli.path("2022.pdf");
    let said = cli.ok(&["report", "--campaign", "2", "--checked-only", "--out", s(&note), "--db", &db]);
    assert!(said.contains("Только проверенные анкеты: 2 из 6; не проверены и не включены: 4"), "{said}");
    let text = pdf_text(&note);
    assert!(text.contains("Динамика по сравнению с 2021 годом"), "{text}");
    assert!(
        text.contains("Сравниваются только проверенные анкеты обеих кампаний: 2 из 6 на 2022 год и 1 из 6 на 2021 год"),
        "{text}"
    );
    let whole = cli.path("все.pdf");
    cli.ok(&["report", "--campaign", "2", "--out", s(&whole), "--db", &db]);
    assert!(!pdf_text(&whole).contains("Сравниваются только проверенные"));
    // The workbook's «Динамика» sheet is limited the same way and says so.
    use calamine::{Reader, Xlsx, open_workbook};
    let book = cli.path("2022.xlsx");
    cli.ok(&["export", "--campaign", "2", "--checked-only", "--out", s(&book), "--db", &db]);
    let mut book: Xlsx<_> = open_workbook(&book).unwrap();
    let sheet = book.worksheet_range("Динамика").unwrap();
    let said = sheet.get_value((2, 0)).map(|c| c.to_string()).unwrap_or_default();
    assert!(said.starts_with("Сравниваются только проверенные анкеты обеих кампаний: 2 из 6"), "{said}");
}

#[test]
fn person_links_travel_in_the_json_file_and_old_files_still_import() {
    let cli = Cli::new();
    let db = three_campaigns(&cli);
    assert_eq!(cli.ok(&["new-campaign", "--from", "3", "--reference-date", "2024-12-31", "--db", &db]).trim(), "4");
    let (f3, f4) = (cli.path("3.json"), cli.path("4.json"));
    cli.ok(&["export", "--campaign", "3", "--out", s(&f3), "--db", &db]);
    cli.ok(&["export", "--campaign", "4", "--out", s(&f4), "--db", &db]);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f4).unwrap()).unwrap();
    let earlier: Value = serde_json::from_str(&std::fs::read_to_string(&f3).unwrap()).unwrap();
    let first = &doc["responses"][0]["staff"][0];
    assert_eq!(first["person"], earlier["responses"][0]["staff"][0]["id"], "the person is the 2023 record");
    assert!(earlier["responses"][0]["staff"][0].get("person").is_none(), "a person of its own has no key");

    // Into another database: the two campaigns' records are one person each, as in the first.
    let other = cli.path("другая.db");
    cli.ok(&["import", s(&f4), "--db", s(&other)]);
    cli.ok(&["import", s(&f3), "--db", s(&other)]);
    let registry: Value = serde_json::from_str(&cli.ok(&["registry", "--json", "--db", s(&other)])).unwrap();
    let south: Vec<&Value> =
        registry["people"].as_array().unwrap().iter().filter(|p| p["municipality"] == "Южный МО").collect();
    assert_eq!(south.len(), 3, "{south:#?}");
    assert!(south.iter().all(|p| p["records"].as_array().unwrap().len() == 2), "{south:#?}");
    assert!(registry["proposals"].as_array().unwrap().is_empty(), "linked people are not proposed");
    let again = cli.ok(&["import", s(&f4), "--db", s(&other)]);
    assert!(again.contains("Изменений нет"), "{again}");

    // A file without the key (every file before this version) imports as before.
    let plain = cli.path("без-ссылок.json");
    std::fs::write(&plain, std::fs::read_to_string(&f4).unwrap().replace("\"person\"", "\"id_old\"")).unwrap();
    let error = cli.fails(&["import", s(&plain), "--db", s(&cli.path("третья.db"))]);
    assert!(error.contains("id_old"), "an unknown key is still refused: {error}");
    let mut stripped: Value = doc.clone();
    for r in stripped["responses"].as_array_mut().unwrap() {
        for p in r["staff"].as_array_mut().into_iter().flatten() {
            p.as_object_mut().unwrap().remove("person");
        }
    }
    std::fs::write(&plain, serde_json::to_string(&stripped).unwrap()).unwrap();
    cli.ok(&["import", s(&plain), "--db", s(&cli.path("третья.db"))]);
    // A link that is not an id is refused with its place.
    let mut broken = doc.clone();
    broken["responses"][0]["staff"][0]["person"] = Value::from("не-идентификатор");
    std::fs::write(&plain, serde_json::to_string(&broken).unwrap()).unwrap();
    let error = cli.fails(&["import", s(&plain), "--db", s(&cli.path("четвёртая.db"))]);
    assert!(error.contains("$.responses[0].staff[0].person"), "{error}");
    assert!(error.contains("не идентификатор UUID"), "{error}");
}
