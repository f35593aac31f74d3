//! The window at an ordinary size (1024×768) and the keyboard: nothing important is cut off,
//! everything is reachable, the path field helps, notices replace each other.

use crate::ui::{file_menu, harness_sized, sample_app, sample_db, select, type_into, wait_for_import};
use crate::util::Cli;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mms_monitor::interchange;
use mms_monitor::storage::Db;
use mms_monitor::ui::command::Command;
use mms_monitor::ui::{App, Remembered};
use std::path::PathBuf;

const WIDTH: f32 = 1024.0;

fn small_window() -> (Cli, PathBuf, Harness<'static, App>) {
    let dir = Cli::new();
    let db = sample_db(&dir);
    let mut h = harness_sized(&db, &Remembered::default(), [WIDTH, 768.0]);
    h.run();
    (dir, db, h)
}

fn inside_the_window(rect: egui::Rect) -> bool {
    rect.left() >= 0.0 && rect.right() <= WIDTH
}

#[test]
fn every_column_of_the_staff_table_can_be_scrolled_to() {
    let (_dir, _db, mut h) = small_window();
    select(&mut h, "Дальнегорский ГО");
    // The last column: the courses toggle, and the row's «Удалить».
    for label in ["Курсы", "Удалить"] {
        let node = h.get_all_by_label(label).next().unwrap();
        node.scroll_to_me();
        h.run();
        let rect = h.get_all_by_label(label).next().unwrap().rect();
        assert!(inside_the_window(rect), "«{label}» is reachable: {rect:?}");
    }
    // Reason lines wrap to the window instead of running off it.
    let reason = h.get_by_label_contains("Кадровый потенциал:").rect();
    assert!(reason.right() <= WIDTH, "{reason:?}");
}

#[test]
fn a_message_about_a_staff_field_is_in_sight_in_a_small_window() {
    // The first municipality of the list, on screen from the start.
    let (_dir, _db, mut h) = small_window();
    h.get_all_by_label("Стаж в ОО, лет").next().unwrap().focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_label("Стаж в ОО, лет").next().unwrap().type_text("99");
    h.run();
    let message = h.get_by_label("Сотрудник 1: 99 — стаж должен быть от 0 до 80 лет").rect();
    assert!(inside_the_window(message), "{message:?}");
}

#[test]
fn a_long_message_next_to_a_service_field_ends_inside_the_window_without_moving_the_field() {
    let (_dir, _db, mut h) = small_window();
    let field = h.get_by_label("Начало работы");
    let before = field.rect();
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Начало работы").type_text("31.02.2021");
    h.run();
    h.run();
    let message = h.get_by_label("«31.02.2021» — такой даты не существует: в феврале 2021 года 28 дней").rect();
    assert!(inside_the_window(message), "the message ends in the window: {message:?}");
    assert_eq!(h.get_by_label("Начало работы").rect(), before, "the field stays where it was");
}

#[test]
fn a_results_cell_shows_its_whole_text() {
    let (_dir, _db, mut h) = small_window();
    h.get_by_label("Результаты").click();
    h.run();
    h.get_by_label("Таблица 2. Квалификация сотрудников").click();
    h.run();
    let text = "Сотрудники отсутствуют";
    let label = format!(": {text}");
    let cell = h.get_all_by_label_contains(&label).next().unwrap();
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    let needed = h.ctx.fonts_mut(|f| f.layout_no_wrap(text.into(), font, egui::Color32::BLACK).size().x);
    assert!(cell.rect().width() >= needed, "«{text}» fits its cell: {} < {needed}", cell.rect().width());
    // The last column is reachable by scrolling sideways (the wheel over the table).
    let last = |h: &Harness<'_, App>| h.get_all_by_label_contains("— Кадровый потенциал:").next().unwrap().rect();
    assert!(!inside_the_window(last(&h)), "the last column starts out of sight: {:?}", last(&h));
    let over_the_table = cell.rect().center();
    {
        h.hover_at(over_the_table);
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-2000.0, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(12); // the scroll is animated
        h.run();
    }
    assert!(inside_the_window(last(&h)), "{:?}", last(&h));
}

#[test]
fn the_campaign_selector_shows_the_date_first() {
    let (_dir, _db, h) = small_window();
    let selector = h.get_by_role_and_label(Role::ComboBox, "Кампания");
    let shown = selector.value().unwrap_or_default();
    assert!(shown.starts_with("на 31.12.2021"), "a long title is cut after the date: {shown}");
}

#[test]
fn arrows_move_through_the_list_and_enter_opens_the_single_match() {
    let (_dir, _db, mut h) = sample_app();
    let selected = |h: &Harness<'_, App>| h.state().remembered().municipality.unwrap_or_default();
    let first = selected(&h);
    h.key_press(Key::ArrowDown);
    h.run();
    let second = selected(&h);
    assert_ne!(first, second, "↓ selects the next municipality");
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), first, "↑ goes back");

    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Поиск (Ctrl+F)").type_text("хасан");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(selected(&h), "Хасанский МР", "Enter opens the only match");
    assert_eq!(h.query_all_by_label("Хасанский МР").count(), 2, "its questionnaire is open beside the list");
}

#[test]
fn ctrl_tab_and_ctrl_page_down_switch_tabs() {
    let (_dir, _db, mut h) = sample_app();
    let tab = |h: &Harness<'_, App>| h.state().remembered().tab;
    use mms_monitor::ui::command::Tab;
    assert_eq!(tab(&h), Tab::Questionnaire);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Tab);
    h.run();
    assert_eq!(tab(&h), Tab::Results);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(tab(&h), Tab::Summary);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(tab(&h), Tab::Results);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(tab(&h), Tab::Questionnaire);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(tab(&h), *Tab::ALL.last().unwrap(), "from the first tab back to the last");
}

#[test]
fn the_theme_follows_the_system_and_is_light_when_it_is_unknown() {
    let (_dir, _db, mut h) = sample_app();
    assert_eq!(h.ctx.theme(), egui::Theme::Light, "no system theme: light");
    h.input_mut().system_theme = Some(egui::Theme::Dark);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn information_notices_replace_each_other() {
    let (_dir, _db, mut h) = sample_app();
    file_menu(&mut h, "Резервная копия…");
    file_menu(&mut h, "Резервная копия…");
    let notices = h.state().notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(h.query_all_by_label_contains("Резервная копия базы сохранена").count(), 1);
}

#[test]
fn the_path_field_adds_the_extension_lists_the_formats_and_remembers_the_folder() {
    let (dir, _db, mut h) = sample_app();
    let folder = dir.path("выгрузки");
    std::fs::create_dir(&folder).unwrap();
    file_menu(&mut h, "Экспорт…");
    h.get_by_label_contains("Форматы: Анкеты JSON, таблицы XLSX, ответы CSV — .json, .xlsx, .csv");
    type_into(&mut h, "Путь к файлу", folder.join("анкеты").to_str().unwrap());
    let expected = folder.join("анкеты.json");
    h.get_by_label(&format!("Будет записан файл {}", expected.display()));
    h.get_by_label("ОК").click();
    h.run();
    assert!(interchange::read_file(&expected).is_ok(), "written as JSON with its extension");

    // Next time the field starts in that folder, and says the file will be replaced.
    file_menu(&mut h, "Экспорт…");
    let start = h.get_by_label("Путь к файлу").value().unwrap_or_default();
    assert!(start.starts_with(folder.to_str().unwrap()), "{start}");
    type_into(&mut h, "Путь к файлу", expected.to_str().unwrap());
    h.get_by_label("Такой файл уже есть — он будет заменён");
    h.get_by_label("Заменить").click();
    h.run();
    h.get_by_label_contains(&format!("Анкеты выгружены (без ФИО сотрудников) в файл {}", expected.display()));
    assert_eq!(h.state().remembered().folder.as_deref(), Some(folder.as_path()), "remembered for the next run");
}

#[test]
fn a_file_that_cannot_be_opened_is_said_in_the_window() {
    let (dir, _db, mut h) = sample_app();
    let gone = dir.path("удалённая-справка.pdf");
    let ctx = h.ctx.clone();
    h.state_mut().apply(Command::OpenPath(gone.clone()), &ctx);
    h.run();
    h.get_by_label_contains(&format!("{}: не удалось открыть файл", gone.display()));
}

#[test]
fn a_large_import_is_read_in_the_background_with_progress() {
    let (dir, _db, mut h) = sample_app();
    let file = dir.path("большой.json");
    let mut campaign = mms_monitor::model::synthetic::generate(400, 3, 2);
    campaign.title = "Большая кампания".into();
    interchange::write_file(&campaign, &file).unwrap();
    file_menu(&mut h, "Импорт…");
    type_into(&mut h, "Путь к файлу", file.to_str().unwrap());
    h.get_by_label("ОК").click();
    h.step();
    assert!(h.state().importing(), "the file is read off the UI thread");
    h.step();
    h.get_by_label_contains(&format!("Импорт: читается файл {}", file.display()));
    wait_for_import(&mut h);
    h.get_by_label_contains("Импортирован файл");
    assert!(h.query_by_label_contains("Импорт: читается файл").is_none(), "the progress is gone");
    let shown = h.state().session().unwrap().current.as_ref().unwrap();
    assert_eq!(shown.campaign.title, "Большая кампания");
}

/// Steps the window until a line containing `text` is shown (bounded).
fn step_until_shown(h: &mut Harness<'_, App>, text: &str) {
    for _ in 0..500 {
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("«{text}» was never shown");
}

/// Writes a generated campaign of `municipalities` titled `title` to `file`, takes the database's
/// write lock as another program would, and starts importing the file from the menu; returns
/// the other program's connection, which holds the lock.
fn import_while_locked(
    h: &mut Harness<'_, App>,
    db: &std::path::Path,
    file: &std::path::Path,
    title: &str,
    municipalities: usize,
) -> rusqlite::Connection {
    let mut campaign = mms_monitor::model::synthetic::generate(municipalities, 3, 2);
    campaign.title = title.into();
    interchange::write_file(&campaign, file).unwrap();
    let other = rusqlite::Connection::open(db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    file_menu(h, "Импорт…");
    type_into(h, "Путь к файлу", file.to_str().unwrap());
    h.get_by_label("ОК").click();
    other
}

#[test]
fn the_database_write_of_an_import_runs_off_the_ui_thread_and_a_second_import_is_refused() {
    let (dir, db, mut h) = sample_app();
    let file = dir.path("фоновая.json");
    // Another program holds the database's write lock, so the import's write has to wait for it
    // (the program waits up to 3 s for a lock before it gives up).
    let other = import_while_locked(&mut h, &db, &file, "Фоновая запись", 60);
    h.step();
    assert!(h.state().importing());
    file_menu(&mut h, "Импорт…");
    h.get_by_label(&format!("Идёт импорт файла {} — дождитесь окончания", file.display()));
    assert!(h.query_by_label("Путь к файлу").is_none(), "no second file is asked for");

    step_until_shown(&mut h, &format!("Импорт: запись в базу данных из файла {}", file.display()));
    let frame = std::time::Instant::now();
    h.step();
    assert!(frame.elapsed() < std::time::Duration::from_secs(1), "the window draws while the import waits");
    let field = h.get_all_by_label("Стаж в ОО, лет").next().unwrap();
    assert!(field.accesskit_node().is_disabled(), "nothing is typed that could not be saved meanwhile");
    other.execute_batch("COMMIT").unwrap();

    wait_for_import(&mut h);
    h.get_by_label_contains(&format!(
        "Импортирован файл {}: кампания «Фоновая запись», добавлено анкет 60",
        file.display()
    ));
    let stored = Db::open(&db).unwrap().campaigns().unwrap();
    assert!(stored.iter().any(|c| c.title == "Фоновая запись"), "written by the worker");
    let shown = h.state().session().unwrap().current.as_ref().unwrap();
    assert_eq!(shown.campaign.title, "Фоновая запись");
    assert_eq!(shown.campaign.responses.len(), 60, "read back for the window");
    let field = h.get_all_by_label("Стаж в ОО, лет").next().unwrap();
    assert!(!field.accesskit_node().is_disabled(), "the form is open again");
}

#[test]
fn an_import_refused_by_the_database_says_so_and_writes_nothing() {
    let (dir, db, mut h) = sample_app();
    let file = dir.path("занято.json");
    let other = import_while_locked(&mut h, &db, &file, "Не записана", 5);
    wait_for_import(&mut h);
    other.execute_batch("ROLLBACK").unwrap();
    h.get_by_label_contains(&format!("{}: импорт не выполнен", file.display()));
    h.get_by_label_contains("занята другой");
    let stored = Db::open(&db).unwrap().campaigns().unwrap();
    assert_eq!(stored.len(), 1, "nothing written: {stored:?}");
    assert_eq!(h.state().session().unwrap().campaigns.len(), 1);
}
