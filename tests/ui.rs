//! The desktop app driven headless through egui_kittest: no display, no GPU.

use crate::util::{Cli, SAMPLE};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mms_monitor::interchange;
use mms_monitor::model::Education;
use mms_monitor::storage::Db;
use mms_monitor::ui::{App, AppOptions, Remembered};
use std::path::{Path, PathBuf};

const OPTIONS: AppOptions = AppOptions { native_dialogs: false };

/// A temporary database holding the sample campaign.
pub(crate) fn sample_db(dir: &Cli) -> PathBuf {
    let path = dir.db();
    let mut db = Db::open(&path).unwrap();
    db.import_campaign(&interchange::read_file(SAMPLE.as_ref()).unwrap(), "тест").unwrap();
    path
}

pub(crate) fn harness(db: &Path, remembered: &Remembered) -> Harness<'static, App> {
    harness_sized(db, remembered, [1400.0, 1000.0])
}

/// The app in a window of `size` points.
pub(crate) fn harness_sized(db: &Path, remembered: &Remembered, size: [f32; 2]) -> Harness<'static, App> {
    let app = App::open(Some(db.to_path_buf()), remembered, OPTIONS);
    Harness::builder().with_size(size).build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// The app on a temporary copy of the sample campaign, its first frame drawn. Keep the
/// directory alive as long as the harness.
pub(crate) fn sample_app() -> (Cli, PathBuf, Harness<'static, App>) {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let mut h = harness(&db, &Remembered::default());
    h.run();
    (dir, db, h)
}

/// Lets an import running in the background finish (bounded; this asserts no speed).
pub(crate) fn wait_for_import(h: &mut Harness<'_, App>) {
    h.step();
    for _ in 0..600 {
        if !h.state().importing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().importing(), "the import finished");
    h.run();
}

/// Clicks the municipality in the left list.
pub(crate) fn select(h: &mut Harness<'_, App>, municipality: &str) {
    h.get_by_role_and_label(Role::Button, municipality).click();
    h.run();
}

pub(crate) fn staff_of(db: &Path, municipality: &str) -> Vec<mms_monitor::model::Staff> {
    let db = Db::open(db).unwrap();
    let id = db.campaigns().unwrap()[0].id;
    let campaign = db.load_campaign(id).unwrap();
    campaign.responses.into_iter().find(|r| r.municipality == municipality).unwrap().staff.unwrap()
}

/// Replaces the text of the field labelled `label`.
pub(crate) fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

pub(crate) fn open_results_table_2(h: &mut Harness<'_, App>) {
    h.get_by_label("Результаты").click();
    h.run();
    h.get_by_label("Таблица 2. Квалификация сотрудников").click();
    h.run();
}

#[test]
fn add_a_person_set_education_see_the_level_and_find_it_after_a_restart() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Ольгинский МР");
    // One person with higher pedagogical education: green.
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — Высшее педагогическое образование: зелёный");
    h.get_by_label("Анкета").click();
    h.run();

    h.get_by_label("Добавить сотрудника").click();
    h.run();
    assert_eq!(staff_of(&db, "Ольгинский МР").len(), 1, "a row without an education is not stored yet");
    let combos = h.query_all_by_label("Образование").collect::<Vec<_>>();
    combos.last().unwrap().click();
    h.run();
    h.get_all_by_label("высшее педагогическое").last().unwrap().click();
    h.run();
    let staff = staff_of(&db, "Ольгинский МР");
    assert_eq!(staff[1].education, Education::HigherPedagogical);
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — Высшее педагогическое образование: зелёный");

    // Restart on the same database with what the window remembered.
    let remembered = h.state().remembered();
    assert_eq!(remembered.municipality.as_deref(), Some("Ольгинский МР"));
    drop(h);
    let mut h = harness(&db, &remembered);
    h.run();
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — Высшее педагогическое образование: зелёный");
    h.get_by_label("Анкета").click();
    h.run();
    assert_eq!(h.query_all_by_label("Образование").count(), 2, "both people are on the form");
}

#[test]
fn delete_a_person_then_undo_and_redo() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Дальнегорский ГО");
    assert_eq!(staff_of(&db, "Дальнегорский ГО").len(), 3);
    h.get_all_by_label("Удалить").next().unwrap().click();
    h.run();
    assert_eq!(staff_of(&db, "Дальнегорский ГО").len(), 2, "deleted at once");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let staff = staff_of(&db, "Дальнегорский ГО");
    assert_eq!(staff.len(), 3, "Ctrl+Z brings the person back");
    assert_eq!(staff[0].education, Education::HigherOther);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(staff_of(&db, "Дальнегорский ГО").len(), 2, "Ctrl+Shift+Z deletes again");
}

#[test]
fn an_invalid_number_turns_red_and_is_not_stored() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Ольгинский МР");
    let before = staff_of(&db, "Ольгинский МР");
    let field = h.get_by_label("Стаж в ММС, лет");
    field.focus();
    field.type_text("лет");
    h.run();
    h.get_by_label_contains("Не сохранено");
    h.get_by_label_contains("не число; стаж указывается числом лет");
    assert_eq!(staff_of(&db, "Ольгинский МР"), before, "nothing invalid is stored");
}

#[test]
fn a_valid_number_is_saved_as_typed() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Ольгинский МР");
    type_into(&mut h, "Стаж в ОО, лет", "7,5");
    h.run();
    assert_eq!(staff_of(&db, "Ольгинский МР")[0].school_years.get(), 7.5);
}

#[test]
fn importing_a_file_through_the_menu_adds_its_campaign() {
    let (dir, _db, mut h) = sample_app();
    let file = dir.path("другая.json");
    let mut other = mms_monitor::model::synthetic::generate(3, 2, 1);
    other.title = "Проверка импорта".into();
    interchange::write_file(&other, &file).unwrap();
    h.get_by_label("Файл").click();
    h.run();
    h.get_by_label("Импорт…").click();
    h.run();
    type_into(&mut h, "Путь к файлу", file.to_str().unwrap());
    h.run();
    h.get_by_label("ОК").click();
    wait_for_import(&mut h);
    h.get_by_label_contains("Импортирован файл");
    let titles: Vec<String> = h.state().session().unwrap().campaigns.iter().map(|c| c.title.clone()).collect();
    assert!(titles.contains(&"Проверка импорта".to_string()), "{titles:?}");
    let shown = h.state().session().unwrap().current.as_ref().unwrap();
    assert_eq!(shown.campaign.title, "Проверка импорта", "the imported campaign is on screen");
    h.get_by_role_and_label(Role::Button, "Муниципалитет № 2");
}

#[test]
fn a_broken_import_file_is_explained_and_nothing_changes() {
    let (dir, _db, mut h) = sample_app();
    let file = dir.write("плохой.json", "{ \"format\": 1 ");
    // Dropped on the window, like from a file manager.
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(file.clone())));
    wait_for_import(&mut h);
    h.get_by_label_contains("Импорт не выполнен, в базу ничего не записано");
    assert_eq!(h.state().session().unwrap().campaigns.len(), 1);
}

#[test]
fn a_database_path_that_does_not_exist_is_created_and_announced() {
    let dir = Cli::new();
    let path = dir.path("новый каталог").join("база.db");
    let mut h = harness(&path, &Remembered::default());
    h.run();
    h.get_by_label_contains("Создана новая база данных");
    h.get_by_label_contains("созданы каталоги");
    assert!(path.exists());
}

#[test]
fn a_file_that_is_not_a_database_gets_a_way_out() {
    let dir = Cli::new();
    let bad = dir.write("не-база.db", "это не база данных, а просто текст ".repeat(10));
    let mut h = harness(&bad, &Remembered::default());
    h.run();
    h.get_by_label("База данных не открыта");
    h.get_by_label_contains("не является базой данных");
    h.get_by_label("Открыть другую базу…");
    h.get_by_label("Создать новую базу…").click();
    h.run();
    let fresh = dir.path("новая.db");
    type_into(&mut h, "Путь к файлу", fresh.to_str().unwrap());
    h.run();
    h.get_by_label("ОК").click();
    h.run();
    assert!(h.state().session().is_some(), "the new database is open");
    assert!(fresh.is_file());
}

#[test]
fn the_app_without_a_display_says_so_and_fails() {
    let cli = Cli::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mms-monitor"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XDG_RUNTIME_DIR")
        .env("MMS_MONITOR_DB", cli.path("default.db"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("не удалось открыть окно"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Opens «Файл» and clicks the item.
pub(crate) fn file_menu(h: &mut Harness<'_, App>, item: &str) {
    h.get_by_label("Файл").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

#[test]
fn a_new_campaign_starts_from_the_previous_answers_under_new_ids() {
    let (_dir, db, mut h) = sample_app();
    file_menu(&mut h, "Новая кампания…");
    type_into(&mut h, "Название кампании", "Мониторинг 2023");
    h.get_by_label("Создать").click();
    h.run();
    h.get_by_label_contains("Создана кампания «Мониторинг 2023»");

    let store = Db::open(&db).unwrap();
    let rows = store.campaigns().unwrap();
    assert_eq!(rows.len(), 2);
    let new = store.load_campaign(rows.iter().find(|r| r.title == "Мониторинг 2023").unwrap().id).unwrap();
    let old = store.load_campaign(rows.iter().find(|r| r.title != "Мониторинг 2023").unwrap().id).unwrap();
    assert_eq!(new.reference_date.to_string(), "2022-12-31", "a year after the previous round");
    assert_eq!(new.responses.len(), old.responses.len());
    for (n, o) in new.responses.iter().zip(&old.responses) {
        assert_eq!(n.municipality, o.municipality);
        assert_eq!(n.staff.as_ref().map(Vec::len), o.staff.as_ref().map(Vec::len), "{}", n.municipality);
        assert_ne!(n.id, o.id, "new ids for {}", n.municipality);
    }
}

#[test]
fn export_writes_the_campaign_without_names_and_says_where() {
    let (dir, _db, mut h) = sample_app();
    let out = dir.path("выгрузка.json");
    file_menu(&mut h, "Экспорт…");
    type_into(&mut h, "Путь к файлу", out.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains(out.to_str().unwrap());
    let written = interchange::read_file(&out).unwrap();
    assert_eq!(written.responses.len(), 34);
    assert!(written.responses.iter().flat_map(|r| r.staff.iter().flatten()).all(|s| s.name.is_none()));
}

#[test]
fn backup_copies_the_database_and_says_where() {
    let (_dir, db, mut h) = sample_app();
    file_menu(&mut h, "Резервная копия…");
    h.get_by_label_contains("Резервная копия базы сохранена");
    assert!(mms_monitor::storage::backup::list(&db).iter().any(|p| p.to_string_lossy().contains("manual")));
}

#[test]
fn ctrl_f_focuses_the_search_and_typing_filters_the_list() {
    let (_dir, _db, mut h) = sample_app();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert!(h.get_by_label("Поиск (Ctrl+F)").is_focused());
    h.get_by_label("Поиск (Ctrl+F)").type_text("хасан");
    h.run();
    h.get_by_label("Муниципалитетов: 1 из 34");
    h.get_by_role_and_label(Role::Button, "Хасанский МР");
}

#[test]
fn enter_in_the_last_staff_row_adds_a_person() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Ольгинский МР");
    let name = h.get_all_by_label("ФИО").last().unwrap();
    name.focus();
    name.type_text(" (методист)");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(staff_of(&db, "Ольгинский МР").len(), 1, "Enter opened a row for a person");
    h.get_all_by_label("Образование").last().unwrap().click();
    h.run();
    h.get_all_by_label("среднее профессиональное").last().unwrap().click();
    h.run();
    let staff = staff_of(&db, "Ольгинский МР");
    assert_eq!(staff.len(), 2, "the person is stored with an education");
    assert!(staff[0].name.as_deref().unwrap_or_default().ends_with("(методист)"), "{:?}", staff[0].name);
}

#[test]
fn an_exported_workbook_imports_into_a_new_database() {
    let (dir, _db, mut h) = sample_app();
    let workbook = dir.path("таблицы.xlsx");
    file_menu(&mut h, "Экспорт…");
    type_into(&mut h, "Путь к файлу", workbook.to_str().unwrap());
    h.get_by_label("Включить ФИО сотрудников (персональные данные)").click();
    h.run();
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains("с ФИО сотрудников");
    assert!(workbook.is_file());

    let fresh = dir.path("вторая.db");
    file_menu(&mut h, "Создать базу…");
    type_into(&mut h, "Путь к файлу", fresh.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.run();
    assert!(h.state().session().unwrap().campaigns.is_empty());
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(workbook.clone())));
    wait_for_import(&mut h);
    h.get_by_label_contains("Импортирован файл");
    let loaded = h.state().session().unwrap().current.as_ref().unwrap();
    assert_eq!(loaded.campaign.responses.len(), 34);
    let names = loaded.campaign.responses.iter().flat_map(|r| r.staff.iter().flatten()).filter(|s| s.name.is_some());
    assert!(names.count() > 100, "names travelled with the workbook");
}

#[test]
fn a_database_from_a_newer_version_is_refused_with_a_way_out() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_label("База данных не открыта");
    h.get_by_label_contains("более новой версией программы");
    h.get_by_label("Открыть другую базу…");
    h.get_by_label("Создать новую базу…");
}

#[test]
fn report_texts_are_saved_as_typed() {
    let (_dir, db, mut h) = sample_app();
    h.get_by_label("Отчёт").click();
    h.run();
    type_into(&mut h, "Город", "Уссурийск");
    let store = Db::open(&db).unwrap();
    let id = store.campaigns().unwrap()[0].id;
    assert_eq!(store.texts(id).unwrap().get("document.city").map(String::as_str), Some("Уссурийск"));
}

#[test]
fn the_note_is_saved_as_pdf_in_the_background_and_the_window_says_where() {
    let (dir, _db, mut h) = sample_app();
    let pdf = dir.path("справка.pdf");
    h.get_by_label("Отчёт").click();
    h.run();
    h.get_by_label("Сохранить PDF…").click();
    h.run();
    type_into(&mut h, "Путь к файлу", pdf.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.step();
    // Wait for the background thread (bounded; this asserts no speed).
    for _ in 0..600 {
        if !h.state().writing_pdf() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    assert_eq!(h.state().written_pdf(), Some(&pdf));
    h.get_by_label_contains("Справка сохранена в файл");
    h.get_by_label("Открыть");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");
}

#[test]
fn the_note_is_saved_as_docx_from_the_report_tab() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let docx = dir.path("справка.docx");
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_label("Отчёт").click();
    h.run();
    h.get_by_label("Сохранить DOCX…").click();
    h.run();
    type_into(&mut h, "Путь к файлу", docx.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.step();
    for _ in 0..600 {
        if !h.state().writing_pdf() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    assert_eq!(h.state().written_pdf(), Some(&docx));
    h.get_by_label_contains("Справка сохранена в файл");
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX (ZIP) package");
}

#[test]
fn clicking_a_results_cell_shows_the_reason_for_its_level() {
    let (_dir, _db, mut h) = sample_app();
    h.get_by_label("Результаты").click();
    h.run();
    h.get_by_label("Анучинский МО — Форма ММС: отдельная организация (позже даты мониторинга)").click();
    h.run();
    h.get_by_label_contains("Служба начала работу 10.01.2022 — после даты мониторинга 31.12.2021");
}

#[test]
fn a_course_is_added_only_when_valid_and_changes_the_training_level() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, "Ольгинский МР");
    let before = staff_of(&db, "Ольгинский МР")[0].courses.len();
    h.get_by_label("Курсы").click();
    h.run();
    let fill = |h: &mut Harness<'_, App>, label: &str, text: &str| {
        h.get_all_by_label(label).last().unwrap().focus();
        h.run();
        h.get_all_by_label(label).last().unwrap().type_text(text);
        h.run();
    };
    fill(&mut h, "Название курса", "Наставничество в образовательной организации");
    fill(&mut h, "Часов", "36");
    fill(&mut h, "Дата окончания", "31.02.2021");
    h.get_by_label_contains("такой даты не существует: в феврале 2021 года 28 дней");
    h.get_by_label("Добавить курс").click();
    h.run();
    assert_eq!(staff_of(&db, "Ольгинский МР")[0].courses.len(), before, "an invalid course is not stored");

    h.get_all_by_label("Дата окончания").last().unwrap().focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_all_by_label("Дата окончания").last().unwrap().type_text("15.04.2021");
    h.run();
    h.get_by_label("Добавить курс").click();
    h.run();
    let courses = &staff_of(&db, "Ольгинский МР")[0].courses;
    assert_eq!(courses.len(), before + 1);
    assert_eq!(courses.last().unwrap().hours.get(), 36);
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — ППК в течение 3 лет: зелёный");
}

#[test]
fn the_summary_counts_levels_with_the_notes_percentages() {
    let (_dir, _db, mut h) = sample_app();
    h.get_by_label("Сводка").click();
    h.run();
    h.get_by_label("Сводка: 34 муниципалитета");
    // 19 separate organisations of 34, as the seed note says.
    assert!(h.query_all_by_label("55,9 %").count() >= 1);
    h.get_by_label("достаточный — 11 (32,4 %)");
    h.get_by_label("критический — 5 (14,7 %)");
}

#[test]
fn a_database_locked_by_another_copy_is_explained_with_a_way_out() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;").unwrap();
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_label("База данных не открыта");
    h.get_by_label_contains("база данных занята другой копией программы — закройте её");
    h.get_by_label("Открыть другую базу…");
    // The other copy closes; «Повторить» opens the same database.
    drop(other);
    h.get_by_label("Повторить").click();
    h.run();
    assert_eq!(h.state().session().unwrap().campaigns.len(), 1);
    h.get_by_role_and_label(Role::Button, "Ольгинский МР");
}

#[test]
fn a_long_list_builds_only_visible_rows_and_shows_the_remembered_municipality() {
    let dir = Cli::new();
    let db = dir.db();
    let campaign = mms_monitor::model::synthetic::generate(300, 2, 1);
    Db::open(&db).unwrap().import_campaign(&campaign, "тест").unwrap();
    let mut h = harness(&db, &Remembered::default());
    h.run();
    h.get_by_role_and_label(Role::Button, "Муниципалитет № 1");
    assert!(h.query_by_label("Муниципалитет № 250").is_none(), "rows out of sight are not built");

    let remembered =
        Remembered { municipality: Some("Муниципалитет № 250".into()), ..h.state().remembered() };
    drop(h);
    let mut h = harness(&db, &remembered);
    h.run();
    h.get_by_role_and_label(Role::Button, "Муниципалитет № 250");
}

const ARTEM: &str = "Артемовский ГО";

/// The notes of a municipality as stored in the database.
fn notes_of(db: &Path, municipality: &str) -> Option<String> {
    let db = Db::open(db).unwrap();
    let id = db.campaigns().unwrap()[0].id;
    let campaign = db.load_campaign(id).unwrap();
    campaign.responses.into_iter().find(|r| r.municipality == municipality).unwrap().notes
}

/// A field package whose notes for Артемовский ГО changed on the road, while the institute
/// changed the same notes here after the package left: one conflict.
fn package_with_a_conflict(dir: &Cli, db: &Path) -> PathBuf {
    let mut store = Db::open(db).unwrap();
    let id = store.campaigns().unwrap()[0].id;
    let package = store.field_package(id, &[], false).unwrap();
    let file = dir.path("выезд.json");
    interchange::write_package(&package, &file).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let road = doc["responses"].as_array_mut().unwrap().iter_mut().find(|r| r["municipality"] == ARTEM).unwrap();
    road["notes"] = "исправлено на выезде".into();
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let mut here = store.load_campaign(id).unwrap().responses.into_iter().find(|r| r.municipality == ARTEM).unwrap();
    here.notes = Some("исправлено в институте".into());
    store.save_response(id, &here, "тест").unwrap();
    file
}

fn import_through_the_menu(h: &mut Harness<'_, App>, file: &Path) {
    file_menu(h, "Импорт…");
    type_into(h, "Путь к файлу", file.to_str().unwrap());
    h.get_by_label("ОК").click();
    wait_for_import(h);
}

#[test]
fn a_package_conflict_is_shown_side_by_side_and_the_chosen_side_is_stored() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let file = package_with_a_conflict(&dir, &db);
    let mut h = harness(&db, &Remembered::default());
    h.run();
    import_through_the_menu(&mut h, &file);
    h.get_by_label("Конфликты при импорте пакета с выезда");
    h.get_by_label("исправлено в институте");
    h.get_by_label("исправлено на выезде");
    assert_eq!(notes_of(&db, ARTEM).as_deref(), Some("исправлено в институте"), "nothing written before «Применить»");
    assert!(h.get_by_label("Применить").accesskit_node().is_disabled(), "a field without a choice blocks «Применить»");

    h.get_by_label("взять из пакета").click();
    h.run();
    h.get_by_label("Применить").click();
    wait_for_import(&mut h); // the merge is written in the background too
    h.get_by_label_contains("Импортирован пакет с выезда");
    assert_eq!(notes_of(&db, ARTEM).as_deref(), Some("исправлено на выезде"));
    assert!(h.query_by_label("Конфликты при импорте пакета с выезда").is_none(), "the dialog is closed");
    let shown = h.state().session().unwrap().current.as_ref().unwrap();
    let artem = shown.campaign.responses.iter().find(|r| r.municipality == ARTEM).unwrap();
    assert_eq!(artem.notes.as_deref(), Some("исправлено на выезде"), "the window shows the stored value");
}

#[test]
fn cancelling_the_merge_dialog_stores_nothing() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let file = package_with_a_conflict(&dir, &db);
    let id = Db::open(&db).unwrap().campaigns().unwrap()[0].id;
    let changes = Db::open(&db).unwrap().change_log(id).unwrap().len();
    let imports = Db::open(&db).unwrap().imports().unwrap().len();
    let mut h = harness(&db, &Remembered::default());
    h.run();
    import_through_the_menu(&mut h, &file);
    h.get_by_label("всё из пакета").click();
    h.run();
    h.get_by_label("Отмена").click();
    h.run();
    assert!(h.query_by_label("Конфликты при импорте пакета с выезда").is_none(), "the dialog is closed");
    h.get_by_label_contains("отменён: в базу ничего не записано");
    assert_eq!(notes_of(&db, ARTEM).as_deref(), Some("исправлено в институте"));
    assert_eq!(Db::open(&db).unwrap().change_log(id).unwrap().len(), changes, "no change logged");
    assert_eq!(Db::open(&db).unwrap().imports().unwrap().len(), imports, "no import recorded");
}

#[test]
fn the_template_for_the_campaign_is_written_as_a_workbook() {
    use calamine::Reader;
    let (dir, _db, mut h) = sample_app();
    let out = dir.path("шаблон.xlsx");
    file_menu(&mut h, "Шаблон для заполнения…");
    h.get_by_label("Шаблон для заполнения");
    type_into(&mut h, "Путь к файлу", out.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.run();
    h.get_by_label_contains(&format!("Шаблон для заполнения записан в файл {}", out.display()));

    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let names = book.sheet_names();
    assert!(names.len() > 1, "{names:?}");
    let cells: Vec<String> = names
        .iter()
        .flat_map(|n| book.worksheet_range(n).unwrap().cells().map(|(_, _, c)| c.to_string()).collect::<Vec<_>>())
        .collect();
    let title = h.state().session().unwrap().current.as_ref().unwrap().campaign.title.clone();
    assert!(cells.iter().any(|c| c.contains(&title)), "the campaign's title is in the template");
    assert!(cells.iter().any(|c| c == ARTEM), "the region's municipalities are listed");
}

#[test]
fn a_package_without_conflicts_merges_at_once_and_a_second_import_does_nothing() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let mut store = Db::open(&db).unwrap();
    let id = store.campaigns().unwrap()[0].id;
    let file = dir.path("выезд.json");
    interchange::write_package(&store.field_package(id, &[], false).unwrap(), &file).unwrap();
    drop(store);
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let road = doc["responses"].as_array_mut().unwrap().iter_mut().find(|r| r["municipality"] == ARTEM).unwrap();
    road["notes"] = "уточнено на выезде".into();
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    let mut h = harness(&db, &Remembered::default());
    h.run();
    import_through_the_menu(&mut h, &file);
    assert!(h.query_by_label("Конфликты при импорте пакета с выезда").is_none(), "no dialog without conflicts");
    h.get_by_label_contains("обновлено 1, без изменений 33");
    assert_eq!(notes_of(&db, ARTEM).as_deref(), Some("уточнено на выезде"));
    import_through_the_menu(&mut h, &file);
    h.get_by_label_contains("этот пакет уже импортирован");
}

#[test]
fn keeping_every_conflict_here_stores_ours_and_records_the_import() {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let file = package_with_a_conflict(&dir, &db);
    let mut h = harness(&db, &Remembered::default());
    h.run();
    import_through_the_menu(&mut h, &file);
    h.get_by_label("всё здесь").click();
    h.run();
    h.get_by_label("Применить").click();
    wait_for_import(&mut h);
    h.get_by_label_contains("Импортирован пакет с выезда");
    assert_eq!(notes_of(&db, ARTEM).as_deref(), Some("исправлено в институте"));
    import_through_the_menu(&mut h, &file);
    h.get_by_label_contains("этот пакет уже импортирован");
}

#[test]
fn a_new_municipality_name_goes_through_the_rule_of_names() {
    let (_dir, db, mut h) = sample_app();
    let field =
        h.get_all_by_role(Role::TextInput).find(|n| n.accesskit_node().placeholder() == Some("новый муниципалитет"));
    let field = field.expect("the field for a new municipality");
    field.focus();
    field.type_text(&"я".repeat(201));
    h.run();
    h.get_by_role_and_label(Role::Button, "Добавить").click();
    h.run();
    h.get_by_label_contains("Анкета не добавлена: «яяя");
    h.get_by_label_contains("…» — название муниципалитета длиннее 200 знаков (201)");
    let stored = Db::open(&db).unwrap();
    let id = stored.campaigns().unwrap()[0].id;
    assert_eq!(stored.load_campaign(id).unwrap().responses.len(), 34, "nothing was added");
}
