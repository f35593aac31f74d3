//! One validator: questionnaires generated at random go through the form's parsing path, the
//! JSON export and import, and the database, and come back identical; and for any typed or
//! written number or date, the form accepts it exactly when the file reader does.

use chrono::NaiveDate;
use mms_monitor::interchange;
use mms_monitor::methodology::text;
use mms_monitor::model::values::{FIRST_YEAR, LAST_YEAR, number};
use mms_monitor::model::{
    Associations, Campaign, Course, Date, Duties, Education, ExperienceYears, Function, Hours, MunicipalityName,
    Response, Service, ServiceForm, Staff, Year,
};
use mms_monitor::storage::Db;
use mms_monitor::ui::parse;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Date> {
    (FIRST_YEAR..=LAST_YEAR, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).and_then(|d| Date::new(d).ok()))
}

/// Years as people type them (6,5) and as any float in range.
fn years() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0..=2 * ExperienceYears::MAX as u32).prop_map(|h| f64::from(h) / 2.0),
        ExperienceYears::MIN..=ExperienceYears::MAX
    ]
}

/// A trimmed, non-empty text (what the readers keep of a string).
fn words() -> impl Strategy<Value = String> {
    "[А-Яа-яё0-9«»\\-]{1,12}( [А-Яа-я0-9]{1,10}){0,3}"
}

fn course() -> impl Strategy<Value = Course> {
    (words(), Hours::MIN..=Hours::MAX, date(), any::<bool>()).prop_map(|(title, hours, completed, relevant)| Course {
        title,
        hours: Hours::new(hours.into()).unwrap(),
        completed,
        relevant,
    })
}

fn staff() -> impl Strategy<Value = Staff> {
    (
        proptest::option::of(words()),
        proptest::option::of(words()),
        proptest::sample::select(Education::ALL.to_vec()),
        years(),
        years(),
        proptest::collection::vec(course(), 0..3),
    )
        .prop_map(|(name, position, education, service_years, school_years, courses)| Staff {
            id: None,
            person: None,
            name,
            position,
            education,
            service_years: ExperienceYears::new(service_years).unwrap(),
            school_years: ExperienceYears::new(school_years).unwrap(),
            courses,
        })
}

fn response(index: usize) -> impl Strategy<Value = Response> {
    (
        proptest::sample::select(ServiceForm::ALL.to_vec()),
        proptest::option::of(words()),
        proptest::option::of(date()),
        proptest::option::of(proptest::collection::vec(staff(), 0..3)),
        proptest::option::of((
            proptest::option::of(FIRST_YEAR..=LAST_YEAR),
            proptest::sample::subsequence(Function::ALL.to_vec(), 0..=Function::ALL.len()),
        )),
        proptest::option::of((any::<bool>(), proptest::collection::vec(words(), 0..3))),
        proptest::option::of(words()),
    )
        .prop_map(move |(form, name, started, staff, duties, associations, notes)| Response {
            id: None,
            municipality: MunicipalityName::new(&format!("Муниципалитет № {}", index + 1)).unwrap(),
            service: Service { form, name, started },
            staff,
            duties: duties.map(|(approved_year, functions)| Duties {
                approved_year: approved_year.map(|y: i32| Year::new(y.into()).unwrap()),
                functions,
            }),
            associations: associations.map(|(mmo, other)| Associations { mmo, other }),
            notes,
        })
}

fn campaign() -> impl Strategy<Value = Campaign> {
    let responses = (1usize..4).prop_flat_map(|n| (0..n).map(response).collect::<Vec<_>>());
    (date(), responses).prop_map(|(reference_date, responses)| Campaign {
        id: None,
        title: "Мониторинг".into(),
        region: "Тестовая область".into(),
        reference_date,
        document: None,
        responses,
    })
}

/// Every value shown as the form shows it and parsed back as the form parses typed text.
fn through_the_form(campaign: &Campaign) -> Campaign {
    let mut c = campaign.clone();
    let date = |d: Date| parse::date(&text::date(d)).unwrap();
    let optional = |t: &Option<String>| parse::optional_text(t.as_deref().unwrap_or_default());
    c.reference_date = date(c.reference_date);
    for r in &mut c.responses {
        r.service.name = optional(&r.service.name);
        r.service.started = parse::optional_date(&r.service.started.map(text::date).unwrap_or_default()).unwrap();
        r.notes = optional(&r.notes);
        for s in r.staff.iter_mut().flatten() {
            s.name = optional(&s.name);
            s.position = optional(&s.position);
            s.service_years = parse::years(&number(s.service_years.get())).unwrap();
            s.school_years = parse::years(&number(s.school_years.get())).unwrap();
            for course in &mut s.courses {
                course.title = parse::required(&course.title).unwrap();
                course.hours = parse::hours(&course.hours.to_string()).unwrap();
                course.completed = date(course.completed);
            }
        }
        if let Some(d) = &mut r.duties {
            d.approved_year =
                parse::optional_year(&d.approved_year.map(|y| y.to_string()).unwrap_or_default()).unwrap();
        }
        for other in r.associations.iter_mut().flat_map(|a| a.other.iter_mut()) {
            *other = parse::required(other).unwrap();
        }
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_form_the_export_and_the_import_keep_every_answer(original in campaign()) {
        let typed = through_the_form(&original);
        prop_assert_eq!(&typed, &original, "the form gives back what it shows");
        let json = interchange::to_json_string(&typed);
        let imported = interchange::parse(&json).map_err(|p| TestCaseError::fail(format!("{p:#?}\n{json}")))?;
        prop_assert_eq!(&imported, &typed, "export → import is the identity");
        prop_assert_eq!(interchange::to_json_string(&imported), json, "import → export is the identity");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_database_keeps_every_answer(original in campaign()) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.db")).unwrap();
        let mut expected = through_the_form(&original);
        db.import_campaign(&expected, "тест").unwrap();
        let id = db.campaigns().unwrap()[0].id;
        let stored = db.load_campaign(id).unwrap();
        expected.assign_ids();
        prop_assert_eq!(stored, expected);
    }
}

/// A one-person file whose course has `hours` and whose person has `years` of service.
fn file_with(hours: &str, years: &str, approved_year: &str, completed: &str) -> String {
    format!(
        r#"{{"format":"mms-monitor.questionnaire","version":1,
"campaign":{{"title":"T","region":"Тестовая область","reference_date":"2021-12-31"}},
"responses":[{{"municipality":"М","service":{{"form":"separate_org"}},
"duties":{{"approved_year":{approved_year},"functions":[]}},
"staff":[{{"education":"other","service_years":{years},"school_years":0,
"courses":[{{"title":"К","hours":{hours},"completed":"{completed}"}}]}}]}}]}}"#
    )
}

const OK_HOURS: &str = "36";
const OK_YEARS: &str = "5";
const OK_YEAR: &str = "2019";
const OK_DATE: &str = "2021-04-15";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn hours_are_accepted_by_the_form_exactly_when_by_the_reader(tenths in -200i64..200_200) {
        let value = tenths as f64 / 10.0;
        let json = format!("{value:?}");
        let form = parse::hours(&number(value)).is_ok();
        let file = interchange::parse(&file_with(&json, OK_YEARS, OK_YEAR, OK_DATE)).is_ok();
        prop_assert_eq!(form, file, "{} hours", value);
    }

    #[test]
    fn years_are_accepted_by_the_form_exactly_when_by_the_reader(hundredths in -2_000i64..20_000) {
        let value = hundredths as f64 / 100.0;
        let form = parse::years(&number(value)).is_ok();
        let file = interchange::parse(&file_with(OK_HOURS, &format!("{value:?}"), OK_YEAR, OK_DATE)).is_ok();
        prop_assert_eq!(form, file, "{} years", value);
    }

    #[test]
    fn approval_years_are_accepted_by_the_form_exactly_when_by_the_reader(year in 0i32..10_000) {
        let form = parse::optional_year(&format!("{year:04}")).is_ok();
        let file = interchange::parse(&file_with(OK_HOURS, OK_YEARS, &year.to_string(), OK_DATE)).is_ok();
        prop_assert_eq!(form, file, "year {}", year);
    }

    #[test]
    fn dates_are_accepted_by_the_form_exactly_when_by_the_reader(
        year in 0i32..10_000, month in 0u32..14, day in 0u32..33
    ) {
        let form = parse::date(&format!("{day:02}.{month:02}.{year:04}")).is_ok();
        let file = interchange::parse(&file_with(OK_HOURS, OK_YEARS, OK_YEAR, &format!("{year:04}-{month:02}-{day:02}")))
            .is_ok();
        prop_assert_eq!(form, file, "{}-{}-{}", year, month, day);
    }
}
