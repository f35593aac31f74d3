//! Unit tests of the spreadsheet reader: a small valid book, then one broken cell at a time.

use super::parse_book;
use crate::model::{Date, Education, Function, ServiceForm, Year};
use crate::sheets::grid::{Book, Cell, Grid, Row};
use chrono::NaiveDate;

type Sheet = Vec<Vec<String>>;

fn strings(rows: &[&[&str]]) -> Sheet {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

/// A valid book: one answered municipality, one listed without an answer.
fn sheets() -> Vec<(&'static str, Sheet)> {
    let mut duties_header = vec!["Муниципалитет", "Документы представлены", "Год утверждения должностных инструкций"];
    duties_header.extend(Function::ALL.iter().map(|f| f.label()));
    let mut duties_row = vec!["Артемовский ГО", "да", "2019", "да", "нет"];
    duties_row.resize(duties_header.len(), "");
    vec![
        (
            "Кампания",
            strings(&[
                &["Параметр", "Значение"],
                &["Название мониторинга", "Мониторинг"],
                &["Регион", "Приморский край"],
                &["Дата мониторинга", "31.12.2021"],
            ]),
        ),
        (
            "Службы",
            strings(&[
                &[
                    "Муниципалитет",
                    "Форма ММС",
                    "Наименование службы",
                    "Дата создания службы",
                    "Сведения о сотрудниках представлены",
                    "Примечания",
                ],
                &["Артёмовский  ГО", "отдельная организация", "МБУ «ИМЦ»", "01.09.2003", "", ""],
                &["Арсеньевский ГО", "", "", "", "", ""],
            ]),
        ),
        (
            "Сотрудники",
            strings(&[
                &[
                    "Муниципалитет",
                    "№ сотрудника",
                    "ФИО",
                    "Должность",
                    "Образование",
                    "Стаж работы в ММС, лет",
                    "Стаж работы в ОО, лет",
                ],
                &["Артемовский ГО", "1", "Иванова И. И.", "методист", "высшее педагогическое", "6,5", "12"],
                &["Артемовский ГО", "2", "", "", "Высшее непедагогическое", "1", "0"],
            ]),
        ),
        (
            "Курсы",
            strings(&[
                &[
                    "Муниципалитет",
                    "№ сотрудника",
                    "Название программы повышения квалификации",
                    "Объём, часов",
                    "Дата окончания",
                    "Засчитывается (не только ГИА)",
                ],
                &["Артемовский ГО", "1", "Наставничество", "36", "15.04.2021", ""],
                &["Артемовский ГО", "1", "ГИА", "18", "2021-03-01", "нет"],
            ]),
        ),
        ("Обязанности", vec![duties_header.iter().map(|s| s.to_string()).collect(), strings(&[&duties_row]).remove(0)]),
        (
            "Объединения",
            strings(&[
                &["Муниципалитет", "ММО организованы", "Другие структуры (через «;» или с новой строки)"],
                &["Артемовский ГО", "да", "методический совет; творческие группы\nпроблемные группы"],
                &["Арсеньевский ГО", "", ""],
            ]),
        ),
    ]
}

/// The book as a workbook would give it: headers on row 1, every cell text.
fn book(sheets: &[(&str, Sheet)]) -> Book {
    sheets
        .iter()
        .map(|(name, rows)| {
            let rows = rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i as u32 + 1,
                    cells: cells
                        .iter()
                        .map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.clone()) })
                        .collect(),
                })
                .collect();
            (name.to_string(), Grid { rows, ..Grid::default() })
        })
        .collect()
}

fn set(sheets: &mut [(&str, Sheet)], sheet: &str, row: usize, column: usize, value: &str) {
    let rows = &mut sheets.iter_mut().find(|(n, _)| *n == sheet).unwrap().1;
    rows[row - 1][column] = value.to_string();
}

/// The problems after one change, as «place: message» lines.
fn problems_after(change: impl FnOnce(&mut Vec<(&'static str, Sheet)>)) -> Vec<String> {
    let mut s = sheets();
    change(&mut s);
    parse_book(&book(&s)).unwrap_err().iter().map(|p| p.to_string()).collect()
}

fn assert_one(problems: &[String], place: &str, words: &str) {
    assert!(
        problems.iter().any(|p| p.starts_with(&format!("{place}: ")) && p.contains(words)),
        "expected «{place}: …{words}…» in {problems:#?}"
    );
}

#[test]
fn valid_book_becomes_a_campaign() {
    let c = parse_book(&book(&sheets())).unwrap();
    assert_eq!(c.title, "Мониторинг");
    assert_eq!(c.reference_date.get(), NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
    assert_eq!(c.responses.len(), 1, "a name alone is no answer");
    let r = &c.responses[0];
    assert_eq!(r.municipality, "Артемовский ГО", "matched as the registry does");
    assert_eq!(r.service.form, ServiceForm::SeparateOrg);
    assert_eq!(r.service.started.map(Date::get), NaiveDate::from_ymd_opt(2003, 9, 1));
    let staff = r.staff.as_ref().unwrap();
    assert_eq!(staff.len(), 2, "staff rows make staff provided when the column is empty");
    assert_eq!(staff[0].service_years.get(), 6.5, "decimal comma");
    assert_eq!(staff[1].education, Education::HigherOther);
    assert_eq!(staff[1].name, None);
    assert_eq!(staff[0].courses.len(), 2);
    assert!(staff[0].courses[0].relevant, "empty means counted");
    assert!(!staff[0].courses[1].relevant);
    assert_eq!(staff[0].courses[1].completed.get(), NaiveDate::from_ymd_opt(2021, 3, 1).unwrap());
    let duties = r.duties.as_ref().unwrap();
    assert_eq!(duties.approved_year.map(Year::get), Some(2019));
    assert_eq!(duties.functions, vec![Function::ALL[0]]);
    let a = r.associations.as_ref().unwrap();
    assert!(a.mmo);
    assert_eq!(a.other, ["методический совет", "творческие группы", "проблемные группы"]);
}

#[test]
fn typed_cells_are_accepted() {
    let mut b = book(&sheets());
    let staff = b.get_mut("Сотрудники").unwrap();
    staff.rows[1].cells[1] = Cell::Number(1.0);
    staff.rows[1].cells[5] = Cell::Number(6.5);
    let courses = b.get_mut("Курсы").unwrap();
    courses.rows[1].cells[4] = Cell::Date(NaiveDate::from_ymd_opt(2021, 4, 15).unwrap());
    courses.rows[1].cells[5] = Cell::Bool(true);
    let c = parse_book(&b).unwrap();
    let person = &c.responses[0].staff.as_ref().unwrap()[0];
    assert_eq!(person.courses.len(), 2, "key 1 as a number matches key «1» as text");
    assert_eq!(person.courses[0].completed.get(), NaiveDate::from_ymd_opt(2021, 4, 15).unwrap());
}

#[test]
fn staff_provided_states() {
    let c = parse_book(&book(&{
        let mut s = sheets();
        set(&mut s, "Службы", 2, 4, "да");
        s.iter_mut().find(|(n, _)| *n == "Сотрудники").unwrap().1.truncate(1);
        s.iter_mut().find(|(n, _)| *n == "Курсы").unwrap().1.truncate(1);
        s
    }))
    .unwrap();
    assert_eq!(c.responses[0].staff, Some(vec![]), "«да» without rows: the service has no staff");
    let c = parse_book(&book(&{
        let mut s = sheets();
        s.iter_mut().find(|(n, _)| *n == "Сотрудники").unwrap().1.truncate(1);
        s.iter_mut().find(|(n, _)| *n == "Курсы").unwrap().1.truncate(1);
        s
    }))
    .unwrap();
    assert_eq!(c.responses[0].staff, None, "empty and no rows: not provided");
}

#[test]
fn duties_and_associations_can_be_not_provided_or_empty() {
    let mut s = sheets();
    let duties = &mut s.iter_mut().find(|(n, _)| *n == "Обязанности").unwrap().1;
    for cell in duties[1].iter_mut().skip(3) {
        cell.clear();
    }
    set(&mut s, "Объединения", 2, 1, "");
    set(&mut s, "Объединения", 2, 2, "");
    let c = parse_book(&book(&s)).unwrap();
    let duties = c.responses[0].duties.as_ref().unwrap();
    assert!(duties.functions.is_empty(), "documents provided that name no function");
    assert_eq!(c.responses[0].associations, None);
    set(&mut s, "Обязанности", 2, 1, "нет");
    set(&mut s, "Обязанности", 2, 2, "");
    assert_eq!(parse_book(&book(&s)).unwrap().responses[0].duties, None);
}

#[test]
fn cell_errors_name_sheet_cell_and_rule() {
    let cases: Vec<(&str, usize, usize, &str, &str, &str)> = vec![
        ("Службы", 2, 0, "Артемовскй ГО", "Службы!A2", "ближайшие: Артемовский ГО"),
        ("Службы", 2, 1, "филиал", "Службы!B2", "выберите из списка"),
        ("Службы", 2, 1, "", "Службы!B2", "обязательное значение не заполнено"),
        ("Службы", 2, 3, "32.13.2003", "Службы!D2", "такой даты не существует"),
        ("Службы", 2, 3, "31.02.2021", "Службы!D2", "такой даты не существует: в феврале 2021 года 28 дней"),
        ("Службы", 2, 3, "01.09.2", "Службы!D2", "год пишется четырьмя цифрами"),
        ("Службы", 2, 3, "01.09.1812", "Службы!D2", "не раньше 01.01.1900"),
        ("Службы", 2, 4, "возможно", "Службы!E2", "ожидалось «да» или «нет»"),
        ("Сотрудники", 2, 5, "шесть", "Сотрудники!F2", "не число"),
        ("Сотрудники", 2, 5, "-1", "Сотрудники!F2", "-1 — стаж должен быть от 0 до 80 лет"),
        ("Сотрудники", 2, 5, "85", "Сотрудники!F2", "85 — стаж должен быть от 0 до 80 лет"),
        ("Сотрудники", 2, 4, "высшее", "Сотрудники!E2", "выберите из списка"),
        ("Сотрудники", 3, 1, "1", "Сотрудники!B3", "уже указан в строке 2"),
        ("Сотрудники", 2, 6, "", "Сотрудники!G2", "обязательное значение не заполнено"),
        ("Сотрудники", 2, 0, "Арсеньевский ГО", "Сотрудники!A2", "не заполнен на листе «Службы»"),
        ("Курсы", 2, 3, "36,5", "Курсы!D2", "целым числом"),
        ("Курсы", 2, 3, "0", "Курсы!D2", "от 1 до 10000"),
        ("Курсы", 2, 3, "20000", "Курсы!D2", "20000 — число часов должно быть от 1 до 10000"),
        ("Курсы", 2, 1, "7", "Курсы!B2", "нет на листе «Сотрудники»"),
        ("Курсы", 2, 4, "", "Курсы!E2", "обязательное значение не заполнено"),
        ("Обязанности", 2, 2, "1800", "Обязанности!C2", "от 1900 до 2100"),
        ("Обязанности", 2, 2, "2202", "Обязанности!C2", "от 1900 до 2100"),
        ("Обязанности", 2, 1, "нет", "Обязанности!B2", "указано «нет», но год или функции заполнены"),
        ("Обязанности", 2, 3, "частично", "Обязанности!D2", "ожидалось «да» или «нет»"),
        ("Объединения", 2, 1, "", "Объединения!B2", "не указано, организованы ли ММО"),
        ("Кампания", 4, 1, "вчера", "Кампания!B4", "не дата"),
        ("Кампания", 3, 1, "", "Кампания!B3", "обязательное значение не заполнено"),
        ("Кампания", 2, 0, "Заголовок", "Кампания!A2", "неизвестный параметр"),
    ];
    for (sheet, row, column, value, place, words) in cases {
        let problems = problems_after(|s| set(s, sheet, row, column, value));
        assert_one(&problems, place, words);
    }
}

#[test]
fn staff_marked_not_provided_but_listed_is_an_error() {
    let problems = problems_after(|s| set(s, "Службы", 2, 4, "нет"));
    assert_one(&problems, "Службы!E2", "на листе «Сотрудники» для «Артемовский ГО» есть строк: 2");
}

#[test]
fn a_municipality_missing_from_services_is_reported_once_per_sheet() {
    let problems = problems_after(|s| set(s, "Службы", 2, 0, "Арсеньевский ГО"));
    let staff: Vec<&String> = problems.iter().filter(|p| p.starts_with("Сотрудники!")).collect();
    assert_eq!(staff.len(), 1, "{problems:#?}");
    assert_one(&problems, "Сотрудники!A2", "«Артемовский ГО» не заполнен на листе «Службы»");
    assert_one(&problems, "Курсы!A2", "«Артемовский ГО» не заполнен на листе «Службы»");
}

#[test]
fn duplicate_municipality_is_an_error() {
    let problems = problems_after(|s| set(s, "Службы", 3, 0, "Артемовский ГО"));
    assert_one(&problems, "Службы!A3", "уже указан в строке 2");
}

#[test]
fn sheet_and_column_errors() {
    let problems = problems_after(|s| s.retain(|(n, _)| *n != "Курсы"));
    assert_one(&problems, "лист «Курсы»", "лист отсутствует");
    let problems = problems_after(|s| set(s, "Сотрудники", 1, 2, "Фамилия"));
    assert_one(&problems, "Сотрудники!C1", "неизвестный столбец «Фамилия»");
    assert_one(&problems, "Сотрудники, строка 1", "нет столбцов: «ФИО»");
    let problems = problems_after(|s| set(s, "Службы", 1, 5, "Форма ММС"));
    assert_one(&problems, "Службы!F1", "столбец «Форма ММС» повторяется");
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = problems_after(|s| {
        set(s, "Службы", 2, 3, "вчера");
        set(s, "Сотрудники", 2, 5, "много");
        set(s, "Курсы", 3, 3, "пять");
        set(s, "Объединения", 2, 1, "наверное");
    });
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn columns_may_be_reordered() {
    let mut s = sheets();
    let staff = &mut s.iter_mut().find(|(n, _)| *n == "Сотрудники").unwrap().1;
    for row in staff.iter_mut() {
        row.swap(2, 6);
    }
    let c = parse_book(&book(&s)).unwrap();
    assert_eq!(c.responses[0].staff.as_ref().unwrap()[0].school_years.get(), 12.0);
}

#[test]
fn other_regions_keep_their_names() {
    let mut s = sheets();
    set(&mut s, "Кампания", 3, 1, "Московская область");
    for sheet in ["Службы", "Сотрудники", "Курсы", "Обязанности", "Объединения"]
    {
        set(&mut s, sheet, 2, 0, "Город  Подольск");
    }
    set(&mut s, "Сотрудники", 3, 0, "Город Подольск");
    set(&mut s, "Курсы", 3, 0, "Город Подольск");
    let c = parse_book(&book(&s)).unwrap();
    assert_eq!(c.responses[0].municipality, "Город Подольск");
}
