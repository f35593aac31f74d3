use super::*;
use crate::model::{Date, ExperienceYears, Hours};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn course(completed: NaiveDate, hours: u32, relevant: bool) -> Course {
    let (hours, completed) = (Hours::new(hours.into()).unwrap(), Date::new(completed).unwrap());
    Course { title: format!("Курс {completed}"), hours, completed, relevant }
}

/// A record of staff `staff` (person `person`) in campaign `campaign` of the year.
fn record(staff: u128, person: u128, campaign: i64, year: i32, municipality: &str, name: &str) -> StaffRecord {
    StaffRecord {
        staff: id(staff),
        person: id(person),
        campaign,
        region: "Край".into(),
        reference_date: day(year, 12, 31),
        municipality: municipality.into(),
        name: Some(name.into()),
        position: Some("Методист".into()),
        education: Education::HigherPedagogical,
        service_years: ExperienceYears::of::<6>(),
        school_years: ExperienceYears::of::<2>(),
        courses: vec![],
    }
}

#[test]
fn elapsed_time_between_reference_dates() {
    assert_eq!(elapsed_years(day(2022, 12, 31), day(2023, 12, 31)), 1.0);
    assert_eq!(elapsed_years(day(2021, 12, 31), day(2023, 12, 31)), 2.0);
    assert_eq!(elapsed_years(day(2023, 12, 31), day(2023, 6, 30)), 0.0);
    assert_eq!(elapsed_years(day(2023, 1, 1), day(2023, 7, 2)), 0.5);
    assert_eq!(add_years(ExperienceYears::new(5.75).unwrap(), 1.0).map(ExperienceYears::get), Ok(6.75));
    assert_eq!(
        add_years(ExperienceYears::new(79.5).unwrap(), 1.0),
        Err("80,5 — стаж должен быть от 0 до 80 лет".into())
    );
}

#[test]
fn carried_records_are_one_person_and_look_alikes_are_only_proposed() {
    let records = vec![
        record(1, 1, 1, 2022, "Артёмовский ГО", "Иванова Анна Петровна"),
        // Carried into 2023: the same person.
        record(2, 1, 2, 2023, "Артёмовский ГО", "Иванова Анна Петровна"),
        // Entered anew in 2023 in the same municipality, same name and position: proposed.
        record(3, 3, 1, 2022, "Находкинский ГО", "Петров Иван"),
        record(4, 4, 2, 2023, "Находкинский ГО", "петров  иван"),
        // The same name in another municipality: another person, never proposed.
        record(5, 5, 2, 2023, "Уссурийский ГО", "Иванова Анна Петровна"),
    ];
    let r = build(records, &HashSet::new());
    assert_eq!(r.people.len(), 4);
    let anna = r.people.iter().find(|p| p.id == id(1)).unwrap();
    assert_eq!(anna.records.len(), 2);
    assert_eq!(anna.latest().unwrap().campaign, 2);
    assert_eq!(r.proposals.len(), 1, "{:#?}", r.proposals);
    let p = &r.proposals[0];
    assert_eq!((p.staff, p.person, p.campaign, p.earlier_campaign), (id(4), id(3), 2, 1));
    assert_eq!(p.municipality, "Находкинский ГО");
    // A rejected proposal is not made again.
    let r = build(
        vec![
            record(3, 3, 1, 2022, "Находкинский ГО", "Петров Иван"),
            record(4, 4, 2, 2023, "Находкинский ГО", "Петров Иван"),
        ],
        &HashSet::from([(id(4), id(3))]),
    );
    assert!(r.proposals.is_empty());
}

#[test]
fn two_people_with_one_name_in_different_municipalities_are_never_matched() {
    let r = build(
        vec![
            record(1, 1, 1, 2022, "Артёмовский ГО", "Иванова Анна"),
            record(2, 2, 2, 2023, "Уссурийский ГО", "Иванова Анна"),
            record(3, 3, 2, 2023, "Артёмовский ГО", "Иванова Анна Сергеевна"),
        ],
        &HashSet::new(),
    );
    assert_eq!(r.people.len(), 3);
    assert!(r.proposals.is_empty(), "{:#?}", r.proposals);
    // Nor two people of one campaign with the same name.
    let same_year = build(
        vec![record(1, 1, 1, 2022, "А", "Иванова Анна"), record(2, 2, 1, 2022, "А", "Иванова Анна")],
        &HashSet::new(),
    );
    assert!(same_year.proposals.is_empty());
}

#[test]
fn the_window_ends_exactly_three_years_after_the_course() {
    let m = Methodology::default();
    assert_eq!(m.training_valid_until(day(2021, 12, 31)), day(2024, 12, 31));
    assert_eq!(m.training_valid_until(day(2021, 2, 28)), day(2024, 2, 29), "a leap year keeps the month end");
    assert_eq!(m.training_valid_until(day(2020, 2, 29)), day(2023, 2, 28));
    // The rule of the assessment agrees on both sides of the boundary.
    let c = course(day(2021, 12, 31), 72, true);
    assert!(m.course_qualifies(&c, day(2024, 12, 31)).is_ok());
    assert!(m.course_qualifies(&c, day(2025, 1, 1)).is_err());
}

#[test]
fn training_due_at_the_boundaries_of_the_window() {
    let m = Methodology::default();
    let with = |staff: u128, courses: Vec<Course>| {
        let mut r = record(staff, staff, 1, 2023, "А", &format!("Сотрудник {staff}"));
        r.courses = courses;
        r
    };
    let records = vec![
        // Counts on 31.12.2024, the next reference date: not due.
        with(1, vec![course(day(2021, 12, 31), 72, true)]),
        // One day earlier: lapses on 30.12.2024, before the next monitoring.
        with(2, vec![course(day(2021, 12, 30), 72, true)]),
        // No course at all.
        with(3, vec![]),
        // Only a short course and an irrelevant one: they do not count.
        with(4, vec![course(day(2023, 5, 1), 8, true), course(day(2023, 5, 1), 72, false)]),
        // The newest qualifying course wins over an older one.
        with(5, vec![course(day(2019, 1, 1), 72, true), course(day(2023, 3, 1), 36, true)]),
    ];
    let r = build(records, &HashSet::new());
    let due = training_due(&r, &m, None);
    let ids: Vec<Uuid> = due.iter().map(|d| d.person.id).collect();
    assert_eq!(ids, [id(2), id(3), id(4)]);
    let second = due.iter().find(|d| d.person.id == id(2)).unwrap();
    assert_eq!(second.valid_until, Some(day(2024, 12, 30)));
    assert!(due.iter().find(|d| d.person.id == id(3)).unwrap().last_course.is_none());
    // With an explicit next date a day earlier, person 2 is still covered.
    let earlier = training_due(&r, &m, Some(day(2024, 12, 30)));
    assert!(!earlier.iter().any(|d| d.person.id == id(2)));
}

#[test]
fn only_the_newest_campaign_of_the_region_is_due() {
    let m = Methodology::default();
    // Person 1 left after 2022; person 2 is in 2023.
    let r = build(vec![record(1, 1, 1, 2022, "А", "Первый"), record(2, 2, 2, 2023, "А", "Второй")], &HashSet::new());
    let due = training_due(&r, &m, None);
    assert_eq!(due.iter().map(|d| d.person.id).collect::<Vec<_>>(), [id(2)]);
}

#[test]
fn a_course_history_over_campaigns_lists_each_course_once() {
    let mut a = record(1, 1, 1, 2022, "А", "Первый");
    a.courses = vec![course(day(2021, 3, 1), 72, true)];
    let mut b = record(2, 1, 2, 2023, "А", "Первый");
    b.courses = vec![course(day(2021, 3, 1), 72, true), course(day(2023, 4, 1), 36, true)];
    let r = build(vec![b, a], &HashSet::new());
    let person = &r.people[0];
    assert_eq!(person.records.len(), 2);
    let dates: Vec<NaiveDate> = person.courses().iter().map(|c| c.completed.get()).collect();
    assert_eq!(dates, [day(2021, 3, 1), day(2023, 4, 1)]);
}
