//! The questionnaire form typed into the way people type: one key at a time, a frame after each,
//! through valid, invalid and valid text again. Each test checks the text the field shows, that
//! it kept the keyboard focus, and what the database holds.

use crate::ui::{open_results_table_2, sample_app, select, staff_of};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mms_monitor::ui::App;

const OLGA: &str = "Ольгинский МР";

/// Presses the key of each character and sends its text, a frame after each keystroke.
fn type_slowly(h: &mut Harness<'_, App>, text: &str) {
    for ch in text.chars() {
        let key = Key::from_name(&ch.to_string());
        if let Some(key) = key {
            h.key_down(key);
        }
        h.event(Event::Text(ch.to_string()));
        if let Some(key) = key {
            h.key_up(key);
        }
        h.run();
    }
}

fn backspace(h: &mut Harness<'_, App>, times: usize) {
    for _ in 0..times {
        h.key_press(Key::Backspace);
        h.run();
    }
}

/// Focuses the `nth` field labelled `label` and selects its text, so that typing replaces it.
fn start_typing(h: &mut Harness<'_, App>, label: &str, nth: usize) {
    h.get_all_by_label(label).nth(nth).unwrap().focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
}

/// The text of the `nth` field labelled `label`, asserting that it has the keyboard focus.
fn focused_text(h: &Harness<'_, App>, label: &str, nth: usize) -> String {
    let node = h.get_all_by_label(label).nth(nth).unwrap();
    assert!(node.is_focused(), "«{label}» kept the keyboard focus");
    node.value().unwrap_or_default()
}

/// Opens the courses of the first person of Ольгинский МР.
fn open_courses(h: &mut Harness<'_, App>) {
    select(h, OLGA);
    h.get_by_label("Курсы").click();
    h.run();
}

#[test]
fn hours_typed_key_by_key_store_every_keystroke() {
    let (_dir, db, mut h) = sample_app();
    open_courses(&mut h);
    start_typing(&mut h, "Часов", 0);
    for (typed, stored) in [("1", 1), ("4", 14), ("4", 144)] {
        type_slowly(&mut h, typed);
        assert_eq!(focused_text(&h, "Часов", 0), stored.to_string());
        assert_eq!(staff_of(&db, OLGA)[0].courses[0].hours.get(), stored, "after «{typed}»");
    }
}

#[test]
fn minus_five_hours_stays_visible_with_its_message_and_stores_nothing() {
    let (_dir, db, mut h) = sample_app();
    open_courses(&mut h);
    let before = staff_of(&db, OLGA)[0].courses[0].hours;
    start_typing(&mut h, "Часов", 0);
    type_slowly(&mut h, "-5");
    assert_eq!(focused_text(&h, "Часов", 0), "-5");
    h.get_by_label("-5 — число часов должно быть от 1 до 10000");
    h.get_by_label_contains("Не сохранено: поле «Часов»");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].hours, before, "nothing invalid is stored");

    // Valid again: the message goes, the value is stored, the field still has the focus.
    backspace(&mut h, 2);
    type_slowly(&mut h, "72");
    assert_eq!(focused_text(&h, "Часов", 0), "72");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].hours.get(), 72);
    assert!(h.query_by_label_contains("число часов должно быть").is_none(), "the message is gone");
    h.get_by_label("Все изменения сохранены");
}

#[test]
fn a_date_typed_digit_by_digit_is_stored_once_complete() {
    let (_dir, db, mut h) = sample_app();
    open_courses(&mut h);
    let before = staff_of(&db, OLGA)[0].courses[0].completed;
    start_typing(&mut h, "Дата окончания", 0);
    type_slowly(&mut h, "01.09.2");
    assert_eq!(focused_text(&h, "Дата окончания", 0), "01.09.2");
    h.get_by_label_contains("год пишется четырьмя цифрами");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].completed, before, "«01.09.2» is not the year 2");
    type_slowly(&mut h, "003");
    assert_eq!(focused_text(&h, "Дата окончания", 0), "01.09.2003");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].completed.to_string(), "2003-09-01");
}

#[test]
fn the_31st_of_february_says_the_day_does_not_exist() {
    let (_dir, db, mut h) = sample_app();
    open_courses(&mut h);
    let before = staff_of(&db, OLGA)[0].courses[0].completed;
    start_typing(&mut h, "Дата окончания", 0);
    type_slowly(&mut h, "31.02.2021");
    assert_eq!(focused_text(&h, "Дата окончания", 0), "31.02.2021");
    h.get_by_label("«31.02.2021» — такой даты не существует: в феврале 2021 года 28 дней");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].completed, before);
    // Fix the day: the last keystrokes make it valid and it is stored.
    h.key_press(Key::Home);
    h.run();
    h.key_press(Key::Delete);
    h.key_press(Key::Delete);
    h.run();
    type_slowly(&mut h, "28");
    assert_eq!(focused_text(&h, "Дата окончания", 0), "28.02.2021");
    assert_eq!(staff_of(&db, OLGA)[0].courses[0].completed.to_string(), "2021-02-28");
}

#[test]
fn years_of_experience_through_invalid_and_back() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, OLGA);
    start_typing(&mut h, "Стаж в ММС, лет", 0);
    type_slowly(&mut h, "8");
    assert_eq!(staff_of(&db, OLGA)[0].service_years.get(), 8.0);
    type_slowly(&mut h, "5");
    assert_eq!(focused_text(&h, "Стаж в ММС, лет", 0), "85");
    h.get_by_label("Сотрудник 1: 85 — стаж должен быть от 0 до 80 лет");
    assert_eq!(staff_of(&db, OLGA)[0].service_years.get(), 8.0, "85 years are not stored");
    backspace(&mut h, 1);
    type_slowly(&mut h, ",5");
    assert_eq!(focused_text(&h, "Стаж в ММС, лет", 0), "8,5");
    assert_eq!(staff_of(&db, OLGA)[0].service_years.get(), 8.5);
}

#[test]
fn the_status_line_keeps_the_form_in_place() {
    let (_dir, _db, mut h) = sample_app();
    open_courses(&mut h);
    let place = |h: &Harness<'_, App>| h.get_all_by_label("Часов").next().unwrap().rect();
    let before = place(&h);
    start_typing(&mut h, "Часов", 0);
    type_slowly(&mut h, "x");
    h.get_by_label_contains("Не сохранено");
    assert_eq!(place(&h), before, "an error appearing does not move the field");
    backspace(&mut h, 1);
    type_slowly(&mut h, "3");
    h.get_by_label("Все изменения сохранены");
    assert_eq!(place(&h), before, "the error going does not move it back");
}

#[test]
fn a_new_person_changes_no_level_until_the_education_is_chosen() {
    let (_dir, db, mut h) = sample_app();
    select(&mut h, OLGA);
    h.get_by_label("Добавить сотрудника").click();
    h.run();
    assert!(h.get_all_by_label("ФИО").last().unwrap().is_focused(), "the new row's name is ready for typing");
    assert_eq!(staff_of(&db, OLGA).len(), 1, "an empty row is not stored");
    h.get_by_label_contains("выберите образование");
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — Высшее педагогическое образование: зелёный");
    h.get_by_label("Анкета").click();
    h.run();
    // The row is still there after visiting another tab; choose its education.
    let combo = h.get_all_by_label("Образование").last().unwrap();
    assert_eq!(combo.value().as_deref(), Some("выберите…"));
    combo.click();
    h.run();
    h.get_all_by_label("высшее непедагогическое").last().unwrap().click();
    h.run();
    let staff = staff_of(&db, OLGA);
    assert_eq!(staff.len(), 2, "stored once the education is chosen");
    assert_eq!(staff[1].education, mms_monitor::model::Education::HigherOther);
    open_results_table_2(&mut h);
    h.get_by_label("Ольгинский МР — Высшее педагогическое образование: жёлтый");
}

#[test]
fn the_new_campaign_dialog_refuses_a_short_year() {
    let (_dir, _db, mut h) = sample_app();
    crate::ui::file_menu(&mut h, "Новая кампания…");
    start_typing(&mut h, "Дата мониторинга", 0);
    type_slowly(&mut h, "31.12.2");
    h.get_by_label_contains("год пишется четырьмя цифрами");
    assert!(h.get_by_label("Создать").accesskit_node().is_disabled(), "«Создать» waits for a real date");
    type_slowly(&mut h, "022");
    assert!(!h.get_by_label("Создать").accesskit_node().is_disabled());
}

#[test]
fn a_stored_value_outside_the_limits_is_reported_with_its_place() {
    let (_dir, db, h) = sample_app();
    drop(h);
    // An earlier version accepted 85 years; the database still holds it. The model cannot
    // hold it: loading says where it is instead of showing or clamping it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let changed = conn
        .execute(
            "UPDATE staff SET service_years = 85 WHERE id = (SELECT s.id FROM staff s
             JOIN responses r ON r.id = s.response_id JOIN municipalities m ON m.id = r.municipality_id
             WHERE m.name = ?1 ORDER BY s.ord LIMIT 1)",
            [OLGA],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let mut h = crate::ui::harness(&db, &mms_monitor::ui::Remembered::default());
    h.run();
    h.get_by_label_contains(
        "муниципалитет «Ольгинский МР», сотрудник № 1, стаж в методической службе: 85 — стаж должен быть от 0 до 80 лет",
    );
}
