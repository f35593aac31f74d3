//! The rules themselves, one function per indicator, each returning its level and reason.

use super::text::{agree, date, of_staff, percent, plural, staff_count, years};
use super::{
    Assessed, Assessment, AssociationsLevel, DutiesLevel, Indicator, IndicatorLevel, Methodology,
    MunicipalityAssessment, PotentialLevel, ServiceLevel, StaffCountLevel,
};
use crate::model::{
    Associations, Campaign, Course, Duties, Education, Function, Response, Service, ServiceForm, Staff, Year,
};
use chrono::{Months, NaiveDate};

/// Assesses every response of a campaign, in its order.
pub fn assess(campaign: &Campaign, methodology: &Methodology) -> Assessment {
    Assessment {
        title: campaign.title.clone(),
        region: campaign.region.clone(),
        reference_date: campaign.reference_date.get(),
        methodology: methodology.clone(),
        municipalities: campaign
            .responses
            .iter()
            .map(|r| assess_response(r, campaign.reference_date.get(), methodology))
            .collect(),
    }
}

/// Assesses one municipality as of `reference_date`.
pub fn assess_response(response: &Response, reference_date: NaiveDate, m: &Methodology) -> MunicipalityAssessment {
    let (service, service_declared) = service_level(&response.service, reference_date, m);
    let staff = response.staff.as_deref();
    let staff_count_level = staff_count_level(staff, service_declared, m);
    let indicators = Indicator::ALL.map(|i| indicator_level(i, staff, reference_date, m));
    let potential = potential_level(staff, &staff_count_level.level, &indicators, m);
    let (duties, missing_functions, duties_outdated) = duties_level(response.duties.as_ref(), reference_date, m);
    let associations = associations_level(response.associations.as_ref());
    MunicipalityAssessment {
        municipality: response.municipality.to_string(),
        service_form: response.service.form,
        service_declared,
        service,
        staff_count: response.staff_count(),
        staff_count_level,
        indicators,
        potential,
        duties,
        missing_functions,
        duties_approved_year: response.duties.as_ref().and_then(|d| d.approved_year).map(Year::get),
        duties_outdated,
        associations,
        other_structures: response.associations.as_ref().map(|a| a.other.clone()).unwrap_or_default(),
        complete: response.staff.is_some() && response.duties.is_some() && response.associations.is_some(),
    }
}

fn assessed<L>(level: L, reason: impl Into<String>) -> Assessed<L> {
    Assessed { level, reason: reason.into() }
}

/// Block 1: the form, with a service started after the reference date counted as not declared.
fn service_level(service: &Service, reference_date: NaiveDate, m: &Methodology) -> (Assessed<ServiceLevel>, bool) {
    let named = service.name.as_deref().map(|n| format!(" («{n}»)")).unwrap_or_default();
    if let Some(started) = service.started.filter(|s| service.form.is_declared() && s.get() > reference_date) {
        let reason = format!(
            "Служба начала работу {} — после даты мониторинга {}, поэтому считается незаявленной",
            date(started),
            date(reference_date)
        );
        return (assessed(ServiceLevel::Red, reason), false);
    }
    let level = match service.form {
        ServiceForm::SeparateOrg => assessed(ServiceLevel::Green, format!("{}{named}", m.text(ServiceLevel::Green))),
        ServiceForm::MoouoDepartment => {
            assessed(ServiceLevel::Yellow, format!("ММС входит в состав МОУО в виде методического отдела{named}"))
        }
        ServiceForm::MoouoSpecialists => {
            assessed(ServiceLevel::Yellow, format!("ММС входит в состав МОУО в виде отдельных специалистов{named}"))
        }
        ServiceForm::NotDeclared => assessed(ServiceLevel::Red, m.text(ServiceLevel::Red)),
    };
    (level, service.form.is_declared())
}

/// Block 1: the number of staff records.
fn staff_count_level(staff: Option<&[Staff]>, declared: bool, m: &Methodology) -> Assessed<StaffCountLevel> {
    let Some(staff) = staff else {
        return assessed(StaffCountLevel::NoInfo, "Сведения о сотрудниках не предоставлены");
    };
    let n = staff.len();
    if n == 0 {
        return assessed(StaffCountLevel::None, "Сотрудники отсутствуют");
    }
    if !declared {
        return assessed(
            StaffCountLevel::NotAssessed,
            format!("{} — служба не заявлена, поэтому численность не оценивается", staff_count(n)),
        );
    }
    let (optimal, admissible) = (m.staff_optimal_min, m.staff_admissible_min);
    if n >= optimal {
        assessed(StaffCountLevel::Optimal, format!("{} — {optimal} и более", staff_count(n)))
    } else if n >= admissible {
        assessed(StaffCountLevel::Admissible, format!("{} — от {admissible} до {}", staff_count(n), optimal - 1))
    } else {
        assessed(StaffCountLevel::Insufficient, format!("{} — менее {admissible}", staff_count(n)))
    }
}

/// Why a course does not count towards the training indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseRejection {
    NotRelevant,
    TooShort,
    OutsideWindow,
}

impl Methodology {
    /// First day of the training window: the reference date minus the window, inclusive.
    pub fn training_window_start(&self, reference_date: NaiveDate) -> NaiveDate {
        reference_date.checked_sub_months(Months::new(12 * self.training_window_years)).unwrap_or(NaiveDate::MIN)
    }

    /// `Ok` when the course counts as advanced training within the window.
    pub fn course_qualifies(&self, course: &Course, reference_date: NaiveDate) -> Result<(), CourseRejection> {
        if !course.relevant {
            Err(CourseRejection::NotRelevant)
        } else if course.hours.get() < self.training_min_hours {
            Err(CourseRejection::TooShort)
        } else if course.completed.get() < self.training_window_start(reference_date)
            || course.completed.get() > reference_date
        {
            Err(CourseRejection::OutsideWindow)
        } else {
            Ok(())
        }
    }

    /// The last reference date at which a course completed on `completed` is still inside the
    /// training window (the staff registry's «действует до»): the inverse of
    /// [`Methodology::training_window_start`], month ends included.
    pub fn training_valid_until(&self, completed: NaiveDate) -> NaiveDate {
        let inside = |reference: NaiveDate| self.training_window_start(reference) <= completed;
        let mut last =
            completed.checked_add_months(Months::new(12 * self.training_window_years)).unwrap_or(NaiveDate::MAX);
        while last > completed && !inside(last) {
            last = last.pred_opt().unwrap_or(completed);
        }
        while let Some(next) = last.succ_opt().filter(|d| inside(*d)) {
            last = next;
        }
        last
    }

    fn at_least(k: usize, n: usize, percent: usize) -> bool {
        k * 100 >= percent * n
    }

    fn more_than(k: usize, n: usize, percent: usize) -> bool {
        k * 100 > percent * n
    }
}

/// Block 2: one indicator.
fn indicator_level(
    indicator: Indicator,
    staff: Option<&[Staff]>,
    reference_date: NaiveDate,
    m: &Methodology,
) -> Assessed<IndicatorLevel> {
    let Some(staff) = staff else {
        return assessed(IndicatorLevel::NoInfo, m.text(IndicatorLevel::NoInfo));
    };
    let n = staff.len();
    if n == 0 {
        return assessed(IndicatorLevel::NoStaff, m.text(IndicatorLevel::NoStaff));
    }
    let count = |pred: &dyn Fn(&Staff) -> bool| staff.iter().filter(|s| pred(s)).count();
    let share = |k: usize, verb: (&str, &str), what: &str| {
        format!("{k} {} ({}) {} {what}", of_staff(n), percent(k, n), agree(k, verb.0, verb.1))
    };
    match indicator {
        Indicator::HigherPedEducation => {
            let k = count(&|s| s.education == Education::HigherPedagogical);
            let text = share(k, ("имеет", "имеют"), "высшее педагогическое образование");
            let threshold = m.education_yellow_min_percent;
            if k == n {
                assessed(IndicatorLevel::Green, format!("{text} — все"))
            } else if Methodology::at_least(k, n, threshold) {
                assessed(IndicatorLevel::Yellow, format!("{text} — не менее {threshold} %, но не все"))
            } else {
                assessed(IndicatorLevel::Red, format!("{text} — менее {threshold} %"))
            }
        }
        Indicator::ServiceExperience => {
            let over = m.service_years_over;
            let k = count(&|s| s.service_years.get() > over);
            let what = format!("стаж работы в ММС более {} лет", years(over));
            experience_level(k, n, share(k, ("имеет", "имеют"), &what), &what, m)
        }
        Indicator::SchoolExperience => {
            let over = m.school_years_over;
            let k = count(&|s| s.school_years.get() > over);
            let what = if over > 0.0 {
                format!("стаж работы в ОО более {} лет", years(over))
            } else {
                "стаж работы в ОО".to_string()
            };
            experience_level(k, n, share(k, ("имеет", "имеют"), &what), &what, m)
        }
        Indicator::Training => training_level(staff, reference_date, m),
    }
}

/// Service and school experience share one scale: green above the threshold, red at zero.
fn experience_level(k: usize, n: usize, text: String, what: &str, m: &Methodology) -> Assessed<IndicatorLevel> {
    let threshold = m.experience_green_over_percent;
    if k == 0 {
        let genitive = what.replacen("стаж ", "стажа ", 1);
        assessed(IndicatorLevel::Red, format!("Ни один {} не имеет {genitive}", of_staff(n)))
    } else if Methodology::more_than(k, n, threshold) {
        assessed(IndicatorLevel::Green, format!("{text} — более {threshold} %"))
    } else {
        assessed(IndicatorLevel::Yellow, format!("{text} — не более {threshold} %, но не менее одного"))
    }
}

fn training_level(staff: &[Staff], reference_date: NaiveDate, m: &Methodology) -> Assessed<IndicatorLevel> {
    let n = staff.len();
    let mut rejected = [0usize; 3];
    let mut trained = 0;
    for person in staff {
        let mut qualifies = false;
        for course in &person.courses {
            match m.course_qualifies(course, reference_date) {
                Ok(()) => qualifies = true,
                Err(why) => rejected[why as usize] += 1,
            }
        }
        trained += usize::from(qualifies);
    }
    let window = format!(
        "ППК не менее {} ч в период {}–{}",
        m.training_min_hours,
        date(m.training_window_start(reference_date)),
        date(reference_date)
    );
    let mut not_counted = Vec::new();
    let outside = format!(
        "вне периода {} {}",
        m.training_window_years,
        plural(m.training_window_years as usize, "года", "лет", "лет")
    );
    for (index, what) in
        ["не по профилю (например, только по ГИА)", "менее установленного объёма часов", outside.as_str()]
            .iter()
            .enumerate()
    {
        let c = rejected[index];
        if c > 0 {
            not_counted.push(format!("{c} {} {what}", plural(c, "курс", "курса", "курсов")));
        }
    }
    let suffix =
        if not_counted.is_empty() { String::new() } else { format!(". Не учтены: {}", not_counted.join(", ")) };
    let threshold = m.training_yellow_min_percent;
    if trained == 0 {
        return assessed(IndicatorLevel::Blue, format!("Ни один {} не прошёл {window}{suffix}", of_staff(n)));
    }
    let text =
        format!("{trained} {} ({}) {} {window}", of_staff(n), percent(trained, n), agree(trained, "прошёл", "прошли"));
    let (level, verdict) = if trained == n {
        (IndicatorLevel::Green, "все".to_string())
    } else if Methodology::at_least(trained, n, threshold) {
        (IndicatorLevel::Yellow, format!("не менее {threshold} %, но не все"))
    } else {
        (IndicatorLevel::Red, format!("менее {threshold} %, но не менее одного"))
    };
    assessed(level, format!("{text} — {verdict}{suffix}"))
}

/// Blocks 1 and 2 together (the rule of methodology.md, "Staffing potential").
fn potential_level(
    staff: Option<&[Staff]>,
    staff_level: &StaffCountLevel,
    indicators: &[Assessed<IndicatorLevel>; 4],
    m: &Methodology,
) -> Assessed<PotentialLevel> {
    match staff {
        None => {
            return assessed(
                PotentialLevel::Undetermined,
                "Сведения о сотрудниках не предоставлены — кадровый потенциал не определяется",
            );
        }
        Some([]) => {
            return assessed(
                PotentialLevel::Undetermined,
                "Сотрудники отсутствуют — кадровый потенциал не определяется",
            );
        }
        Some(_) => {}
    }
    let names = |pick: fn(IndicatorLevel) -> bool| -> Vec<String> {
        Indicator::ALL.iter().filter(|i| pick(indicators[i.index()].level)).map(|i| i.title(m)).collect()
    };
    let red = names(IndicatorLevel::is_red_or_blue);
    let green = names(|l| l == IndicatorLevel::Green);
    let indicators_word = |k: usize| plural(k, "показатель", "показателя", "показателей");
    if red.len() >= m.potential_critical_min_red {
        return assessed(
            PotentialLevel::Critical,
            format!(
                "{} {} блока 2 красные или синие ({}) — {} и более",
                red.len(),
                indicators_word(red.len()),
                red.join("; "),
                m.potential_critical_min_red
            ),
        );
    }
    let staff_ok = matches!(staff_level, StaffCountLevel::Optimal | StaffCountLevel::Admissible);
    if red.is_empty() && green.len() >= m.potential_sufficient_min_green && staff_ok {
        return assessed(
            PotentialLevel::Sufficient,
            format!(
                "Нет красных и синих показателей, зелёных — {} (не менее {}), численность {}",
                green.len(),
                m.potential_sufficient_min_green,
                m.text(*staff_level)
            ),
        );
    }
    let mut why = Vec::new();
    if !red.is_empty() {
        why.push(format!("красный или синий показатель: {}", red.join("; ")));
    }
    if green.len() < m.potential_sufficient_min_green {
        why.push(format!("зелёных показателей {} — менее {}", green.len(), m.potential_sufficient_min_green));
    }
    if !staff_ok {
        why.push(format!("численность {}", m.text(*staff_level)));
    }
    assessed(PotentialLevel::Admissible, format!("Не критический, но не достаточный: {}", why.join("; ")))
}

/// Block 3: job duties, the missing functions and whether the documents are outdated.
fn duties_level(
    duties: Option<&Duties>,
    reference_date: NaiveDate,
    m: &Methodology,
) -> (Assessed<DutiesLevel>, Vec<Function>, bool) {
    let Some(duties) = duties else {
        return (assessed(DutiesLevel::NoInfo, "Должностные инструкции не предоставлены"), Vec::new(), false);
    };
    let missing: Vec<Function> = Function::ALL.iter().copied().filter(|f| !duties.functions.contains(f)).collect();
    let total = Function::ALL.len();
    let present = total - missing.len();
    let mut reason = format!("В должностных обязанностях отражено {present} из {total} функций РСНМС");
    let level = if missing.is_empty() {
        reason.push_str(" — все");
        DutiesLevel::Complies
    } else if present >= m.duties_partial_min {
        reason.push_str(&format!(" — от {} до {}", m.duties_partial_min, total - 1));
        DutiesLevel::Partial
    } else {
        reason.push_str(&format!(" — менее {}", m.duties_partial_min));
        DutiesLevel::Not
    };
    if !missing.is_empty() {
        let list: Vec<&str> = missing.iter().map(|f| f.label()).collect();
        reason.push_str(&format!(". Отсутствуют: {}", list.join("; ")));
    }
    let outdated = duties
        .approved_year
        .is_some_and(|year| chrono::Datelike::year(&reference_date) - year.get() > m.duties_outdated_after_years);
    if let (true, Some(year)) = (outdated, duties.approved_year) {
        reason.push_str(&format!(
            ". Инструкции утверждены в {year} году — более {} лет до даты мониторинга, требуют обновления",
            m.duties_outdated_after_years
        ));
    }
    (assessed(level, reason), missing, outdated)
}

/// Block 3: associations of teachers.
fn associations_level(associations: Option<&Associations>) -> Assessed<AssociationsLevel> {
    let Some(a) = associations else {
        return assessed(AssociationsLevel::NoInfo, "Сведения об объединениях педагогов не предоставлены");
    };
    let others = a.other.join("; ");
    match (a.mmo, a.other.is_empty()) {
        (true, false) => {
            assessed(AssociationsLevel::MmoAndOther, format!("Действуют ММО и другие объединения: {others}"))
        }
        (true, true) => assessed(AssociationsLevel::MmoOnly, "Действуют только ММО, других объединений педагогов нет"),
        (false, false) => {
            assessed(AssociationsLevel::OtherOnly, format!("ММО нет; действуют другие объединения: {others}"))
        }
        (false, true) => assessed(AssociationsLevel::None, "Нет ни ММО, ни других объединений педагогов"),
    }
}

#[cfg(test)]
mod tests;
