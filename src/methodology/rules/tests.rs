//! Every boundary of methodology.md, one test each.

use super::*;
use crate::methodology::text;
use crate::model::{Date, ExperienceYears, Hours, Year};

const M: Methodology = Methodology::PRIMORYE_2022;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn reference() -> NaiveDate {
    day(2021, 12, 31)
}

fn course(hours: u32, completed: NaiveDate) -> Course {
    let (hours, completed) = (Hours::new(hours.into()).unwrap(), Date::new(completed).unwrap());
    Course { title: "Курс".into(), hours, completed, relevant: true }
}

fn person(education: Education, service_years: f64, school_years: f64, courses: Vec<Course>) -> Staff {
    let (service_years, school_years) =
        (ExperienceYears::new(service_years).unwrap(), ExperienceYears::new(school_years).unwrap());
    Staff { id: None, person: None, name: None, position: None, education, service_years, school_years, courses }
}

fn trained() -> Staff {
    person(Education::HigherPedagogical, 6.0, 3.0, vec![course(36, day(2021, 4, 15))])
}

fn untrained() -> Staff {
    person(Education::HigherOther, 1.0, 0.0, vec![])
}

fn response(form: ServiceForm, staff: Option<Vec<Staff>>) -> Response {
    Response {
        id: None,
        municipality: crate::model::values::name("Тестовый МР"),
        service: Service { form, name: None, started: None },
        staff,
        duties: None,
        associations: None,
        notes: None,
    }
}

fn run(r: &Response) -> MunicipalityAssessment {
    assess_response(r, reference(), &M)
}

fn staffed(staff: Vec<Staff>) -> MunicipalityAssessment {
    run(&response(ServiceForm::SeparateOrg, Some(staff)))
}

fn level(a: &MunicipalityAssessment, i: Indicator) -> IndicatorLevel {
    a.indicator(i).level
}

// --- Block 1 -------------------------------------------------------------------------

#[test]
fn service_forms_map_to_colours() {
    let level_of = |form| run(&response(form, Some(vec![]))).service.level;
    assert_eq!(level_of(ServiceForm::SeparateOrg), ServiceLevel::Green);
    assert_eq!(level_of(ServiceForm::MoouoDepartment), ServiceLevel::Yellow);
    assert_eq!(level_of(ServiceForm::MoouoSpecialists), ServiceLevel::Yellow);
    assert_eq!(level_of(ServiceForm::NotDeclared), ServiceLevel::Red);
}

#[test]
fn service_started_after_reference_date_is_not_declared() {
    let mut r = response(ServiceForm::SeparateOrg, Some(vec![trained()]));
    r.service.started = Some(Date::ymd::<2022, 1, 10>());
    let a = run(&r);
    assert_eq!(a.service.level, ServiceLevel::Red);
    assert!(!a.service_declared);
    assert!(a.service.reason.contains("10.01.2022"), "{}", a.service.reason);
    assert_eq!(a.staff_count_level.level, StaffCountLevel::NotAssessed);
}

#[test]
fn service_started_on_reference_date_is_declared() {
    let mut r = response(ServiceForm::MoouoDepartment, Some(vec![]));
    r.service.started = Some(Date::new(reference()).unwrap());
    let a = run(&r);
    assert_eq!(a.service.level, ServiceLevel::Yellow);
    assert!(a.service_declared);
}

#[test]
fn staff_count_boundaries() {
    let level_of = |n: usize| staffed(vec![trained(); n]).staff_count_level.level;
    assert_eq!(level_of(0), StaffCountLevel::None);
    assert_eq!(level_of(1), StaffCountLevel::Insufficient);
    assert_eq!(level_of(2), StaffCountLevel::Insufficient);
    assert_eq!(level_of(3), StaffCountLevel::Admissible);
    assert_eq!(level_of(4), StaffCountLevel::Admissible);
    assert_eq!(level_of(5), StaffCountLevel::Optimal);
    assert_eq!(level_of(12), StaffCountLevel::Optimal);
}

#[test]
fn undeclared_service_count_is_shown_not_assessed() {
    let a = run(&response(ServiceForm::NotDeclared, Some(vec![trained(); 6])));
    assert_eq!(a.staff_count, Some(6));
    assert_eq!(a.staff_count_level.level, StaffCountLevel::NotAssessed);
    let empty = run(&response(ServiceForm::NotDeclared, Some(vec![])));
    assert_eq!(empty.staff_count_level.level, StaffCountLevel::None);
}

#[test]
fn staff_not_provided_is_no_info_everywhere() {
    let a = run(&response(ServiceForm::SeparateOrg, None));
    assert_eq!(a.staff_count, None);
    assert_eq!(a.staff_count_level.level, StaffCountLevel::NoInfo);
    for i in Indicator::ALL {
        assert_eq!(level(&a, i), IndicatorLevel::NoInfo);
    }
    assert_eq!(a.potential.level, PotentialLevel::Undetermined);
    assert!(!a.complete);
}

#[test]
fn no_staff_is_no_staff_everywhere() {
    let a = staffed(vec![]);
    for i in Indicator::ALL {
        assert_eq!(level(&a, i), IndicatorLevel::NoStaff);
        assert_eq!(a.indicator(i).reason, "Сотрудники отсутствуют");
    }
    assert_eq!(a.potential.level, PotentialLevel::Undetermined);
}

// --- Block 2 -------------------------------------------------------------------------

fn with_education(higher_ped: usize, other: usize) -> IndicatorLevel {
    let mut staff = vec![person(Education::HigherPedagogical, 0.0, 0.0, vec![]); higher_ped];
    staff.extend(vec![person(Education::HigherOther, 0.0, 0.0, vec![]); other]);
    level(&staffed(staff), Indicator::HigherPedEducation)
}

#[test]
fn education_boundaries() {
    assert_eq!(with_education(3, 0), IndicatorLevel::Green);
    assert_eq!(with_education(1, 1), IndicatorLevel::Yellow, "exactly 50 % is yellow");
    assert_eq!(with_education(2, 2), IndicatorLevel::Yellow, "exactly 50 % is yellow");
    assert_eq!(with_education(4, 1), IndicatorLevel::Yellow);
    assert_eq!(with_education(1, 2), IndicatorLevel::Red, "33 % is red");
    assert_eq!(with_education(0, 3), IndicatorLevel::Red);
}

#[test]
fn education_counts_only_higher_pedagogical() {
    for other in [Education::HigherOther, Education::SecondaryVocational, Education::Other] {
        let a = staffed(vec![person(other, 0.0, 0.0, vec![])]);
        assert_eq!(level(&a, Indicator::HigherPedEducation), IndicatorLevel::Red);
    }
}

#[test]
fn education_reason_names_the_numbers() {
    let mut staff = vec![person(Education::HigherPedagogical, 0.0, 0.0, vec![])];
    staff.extend(vec![person(Education::Other, 0.0, 0.0, vec![]); 2]);
    let a = staffed(staff);
    assert_eq!(
        a.indicator(Indicator::HigherPedEducation).reason,
        "1 из 3 сотрудников (33,3 %) имеет высшее педагогическое образование — менее 50 %"
    );
}

fn with_service_years(values: &[f64]) -> IndicatorLevel {
    let staff = values.iter().map(|y| person(Education::Other, *y, 0.0, vec![])).collect();
    level(&staffed(staff), Indicator::ServiceExperience)
}

#[test]
fn service_experience_is_strictly_over_five_years() {
    assert_eq!(with_service_years(&[5.0]), IndicatorLevel::Red, "exactly 5 years does not count");
    assert_eq!(with_service_years(&[5.01]), IndicatorLevel::Green);
    assert_eq!(with_service_years(&[5.0, 5.0, 5.0]), IndicatorLevel::Red);
}

#[test]
fn service_experience_share_boundaries() {
    assert_eq!(with_service_years(&[6.0, 1.0]), IndicatorLevel::Yellow, "exactly 50 % is yellow");
    assert_eq!(with_service_years(&[6.0, 6.0, 1.0]), IndicatorLevel::Green, "over 50 % is green");
    assert_eq!(with_service_years(&[6.0, 1.0, 1.0]), IndicatorLevel::Yellow, "one person is enough for yellow");
    assert_eq!(with_service_years(&[1.0, 1.0]), IndicatorLevel::Red);
    assert_eq!(with_service_years(&[6.0, 6.0]), IndicatorLevel::Green);
}

fn with_school_years(values: &[f64]) -> IndicatorLevel {
    let staff = values.iter().map(|y| person(Education::Other, 0.0, *y, vec![])).collect();
    level(&staffed(staff), Indicator::SchoolExperience)
}

#[test]
fn school_experience_boundaries() {
    assert_eq!(with_school_years(&[0.0, 0.0]), IndicatorLevel::Red);
    assert_eq!(with_school_years(&[0.5, 0.0]), IndicatorLevel::Yellow, "exactly 50 % is yellow");
    assert_eq!(with_school_years(&[0.5, 1.0, 0.0]), IndicatorLevel::Green);
    assert_eq!(with_school_years(&[0.1]), IndicatorLevel::Green, "any school experience counts");
    let a = staffed(vec![person(Education::Other, 0.0, 0.0, vec![]); 2]);
    assert_eq!(a.indicator(Indicator::SchoolExperience).reason, "Ни один из 2 сотрудников не имеет стажа работы в ОО");
}

fn with_course(c: Course) -> IndicatorLevel {
    level(&staffed(vec![person(Education::Other, 0.0, 0.0, vec![c])]), Indicator::Training)
}

#[test]
fn training_hours_boundary() {
    assert_eq!(with_course(course(16, day(2021, 3, 1))), IndicatorLevel::Green, "16 hours count");
    assert_eq!(with_course(course(15, day(2021, 3, 1))), IndicatorLevel::Blue, "15 hours do not");
}

#[test]
fn training_window_is_inclusive_at_both_ends() {
    assert_eq!(with_course(course(36, day(2018, 12, 31))), IndicatorLevel::Green, "first day of the window");
    assert_eq!(with_course(course(36, day(2018, 12, 30))), IndicatorLevel::Blue, "the day before");
    assert_eq!(with_course(course(36, day(2021, 12, 31))), IndicatorLevel::Green, "the reference date");
    assert_eq!(with_course(course(36, day(2022, 1, 1))), IndicatorLevel::Blue, "after the reference date");
}

#[test]
fn training_window_of_a_leap_day() {
    assert_eq!(M.training_window_start(day(2024, 2, 29)), day(2021, 2, 28));
}

#[test]
fn irrelevant_courses_do_not_count() {
    let mut c = course(72, day(2021, 3, 1));
    c.relevant = false;
    let a = staffed(vec![person(Education::Other, 0.0, 0.0, vec![c])]);
    assert_eq!(level(&a, Indicator::Training), IndicatorLevel::Blue);
    let reason = &a.indicator(Indicator::Training).reason;
    assert!(reason.contains("1 курс не по профилю"), "{reason}");
}

#[test]
fn training_share_boundaries() {
    let share = |k: usize, n: usize| {
        let mut staff = vec![trained(); k];
        staff.extend(vec![untrained(); n - k]);
        level(&staffed(staff), Indicator::Training)
    };
    assert_eq!(share(2, 2), IndicatorLevel::Green);
    assert_eq!(share(1, 2), IndicatorLevel::Yellow, "exactly 50 % is yellow");
    assert_eq!(share(3, 4), IndicatorLevel::Yellow);
    assert_eq!(share(1, 3), IndicatorLevel::Red, "below 50 % but at least one");
    assert_eq!(share(0, 3), IndicatorLevel::Blue);
}

#[test]
fn one_qualifying_course_is_enough_per_person() {
    let p = person(
        Education::Other,
        0.0,
        0.0,
        vec![course(8, day(2021, 1, 1)), course(72, day(2015, 1, 1)), course(16, day(2020, 1, 1))],
    );
    assert_eq!(level(&staffed(vec![p]), Indicator::Training), IndicatorLevel::Green);
}

// --- Staffing potential ---------------------------------------------------------------

/// Builds staff whose four indicators are exactly the given levels, with `n` staff.
fn potential_of(staff: Vec<Staff>) -> (PotentialLevel, [IndicatorLevel; 4]) {
    let a = staffed(staff);
    (a.potential.level, Indicator::ALL.map(|i| level(&a, i)))
}

#[test]
fn potential_critical_with_two_red_or_blue() {
    // Education red, service experience red, school green, training blue: critical.
    let staff = vec![person(Education::Other, 1.0, 2.0, vec![]); 5];
    let (p, levels) = potential_of(staff);
    assert_eq!(levels, [IndicatorLevel::Red, IndicatorLevel::Red, IndicatorLevel::Green, IndicatorLevel::Blue]);
    assert_eq!(p, PotentialLevel::Critical);
}

#[test]
fn potential_one_red_is_admissible() {
    // All green except service experience (red).
    let staff = vec![person(Education::HigherPedagogical, 1.0, 2.0, vec![course(36, day(2021, 1, 1))]); 5];
    let (p, levels) = potential_of(staff);
    assert_eq!(levels[1], IndicatorLevel::Red);
    assert_eq!(p, PotentialLevel::Admissible);
}

#[test]
fn potential_sufficient_needs_two_greens_and_enough_staff() {
    let good = trained();
    let (p, _) = potential_of(vec![good.clone(); 3]);
    assert_eq!(p, PotentialLevel::Sufficient, "all green, admissible staff");
    let (p, _) = potential_of(vec![good.clone(); 2]);
    assert_eq!(p, PotentialLevel::Admissible, "all green but insufficient staff");
    // Exactly two greens (school, training), two yellows.
    let mixed = vec![
        person(Education::HigherPedagogical, 6.0, 1.0, vec![course(36, day(2021, 1, 1))]),
        person(Education::HigherPedagogical, 6.0, 1.0, vec![course(36, day(2021, 1, 1))]),
        person(Education::Other, 1.0, 1.0, vec![course(36, day(2021, 1, 1))]),
        person(Education::Other, 1.0, 1.0, vec![course(36, day(2021, 1, 1))]),
    ];
    let (p, levels) = potential_of(mixed);
    assert_eq!(levels, [IndicatorLevel::Yellow, IndicatorLevel::Yellow, IndicatorLevel::Green, IndicatorLevel::Green]);
    assert_eq!(p, PotentialLevel::Sufficient);
}

#[test]
fn potential_one_green_is_admissible() {
    let staff = vec![
        person(Education::HigherPedagogical, 6.0, 1.0, vec![course(36, day(2021, 1, 1))]),
        person(Education::Other, 1.0, 1.0, vec![]),
        person(Education::Other, 1.0, 1.0, vec![]),
        person(Education::HigherPedagogical, 1.0, 1.0, vec![course(36, day(2021, 1, 1))]),
    ];
    let (p, levels) = potential_of(staff);
    assert_eq!(levels, [IndicatorLevel::Yellow, IndicatorLevel::Yellow, IndicatorLevel::Green, IndicatorLevel::Yellow]);
    assert_eq!(p, PotentialLevel::Admissible);
}

#[test]
fn potential_of_undeclared_service_with_staff_is_graded() {
    let a = run(&response(ServiceForm::NotDeclared, Some(vec![trained(); 6])));
    assert_eq!(a.potential.level, PotentialLevel::Admissible, "staff count not assessed cannot be sufficient");
}

// --- Block 3 -------------------------------------------------------------------------

fn with_functions(count: usize, approved_year: Option<i32>) -> MunicipalityAssessment {
    let approved_year = approved_year.map(|y| Year::new(y.into()).unwrap());
    let mut r = response(ServiceForm::SeparateOrg, Some(vec![]));
    r.duties = Some(Duties { approved_year, functions: Function::ALL[..count].to_vec() });
    run(&r)
}

#[test]
fn duties_boundaries() {
    assert_eq!(with_functions(8, None).duties.level, DutiesLevel::Complies);
    assert_eq!(with_functions(7, None).duties.level, DutiesLevel::Partial);
    assert_eq!(with_functions(4, None).duties.level, DutiesLevel::Partial);
    assert_eq!(with_functions(3, None).duties.level, DutiesLevel::Not);
    assert_eq!(with_functions(0, None).duties.level, DutiesLevel::Not);
    assert_eq!(run(&response(ServiceForm::SeparateOrg, None)).duties.level, DutiesLevel::NoInfo);
}

#[test]
fn missing_functions_are_listed() {
    let a = with_functions(6, None);
    assert_eq!(a.missing_functions, vec![Function::HorizontalLearning, Function::Infrastructure]);
    assert!(a.duties.reason.contains(Function::Infrastructure.label()));
    assert!(with_functions(8, None).missing_functions.is_empty());
}

#[test]
fn outdated_job_descriptions() {
    assert!(with_functions(2, Some(2010)).duties_outdated);
    assert!(with_functions(2, Some(2015)).duties_outdated, "6 years before 2021");
    assert!(!with_functions(2, Some(2016)).duties_outdated, "exactly 5 years is not outdated");
    assert!(!with_functions(2, Some(2021)).duties_outdated);
    assert!(!with_functions(2, None).duties_outdated);
    assert!(with_functions(2, Some(2007)).duties.reason.contains("2007"));
}

#[test]
fn associations_levels() {
    let level_of = |a: Option<Associations>| {
        let mut r = response(ServiceForm::SeparateOrg, Some(vec![]));
        r.associations = a;
        run(&r).associations.level
    };
    let other = vec!["Методический совет".to_string()];
    assert_eq!(level_of(Some(Associations { mmo: true, other: other.clone() })), AssociationsLevel::MmoAndOther);
    assert_eq!(level_of(Some(Associations { mmo: true, other: vec![] })), AssociationsLevel::MmoOnly);
    assert_eq!(level_of(Some(Associations { mmo: false, other })), AssociationsLevel::OtherOnly);
    assert_eq!(level_of(Some(Associations { mmo: false, other: vec![] })), AssociationsLevel::None);
    assert_eq!(level_of(None), AssociationsLevel::NoInfo);
}

#[test]
fn complete_needs_all_three_parts() {
    use crate::methodology::Part;
    let mut r = response(ServiceForm::SeparateOrg, None);
    assert_eq!(run(&r).missing_parts(), [Part::Staff, Part::Duties, Part::Associations]);
    r.staff = Some(vec![]);
    r.duties = Some(Duties { approved_year: None, functions: vec![] });
    assert!(!run(&r).complete);
    assert_eq!(run(&r).missing_parts(), [Part::Associations]);
    r.associations = Some(Associations { mmo: true, other: vec![] });
    assert!(run(&r).complete);
    assert!(run(&r).missing_parts().is_empty());
}

#[test]
fn percent_helper_is_used_in_reasons() {
    let a = staffed(vec![trained(), untrained()]);
    assert!(a.indicator(Indicator::Training).reason.contains(&text::percent(1, 2)));
}
