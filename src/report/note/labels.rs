//! Short labels and legend wording of the levels, and small Russian word forms.

use super::*;

/// "в муниципалитете" / "в муниципалитетах" after a count.
pub(super) fn municipalities_loc(k: usize) -> &'static str {
    if k % 10 == 1 && k % 100 != 11 { "муниципалитете" } else { "муниципалитетах" }
}

/// "муниципалитета" / "муниципалитетов" after a count in the genitive ("ММС 2 муниципалитетов").
pub(super) fn municipalities_gen(k: usize) -> &'static str {
    if k % 10 == 1 && k % 100 != 11 { "муниципалитета" } else { "муниципалитетов" }
}

/// "А, Б и В".
pub(super) fn join_and(parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} и {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

pub(super) fn municipalities_nom(k: usize) -> &'static str {
    plural(k, "муниципалитет", "муниципалитета", "муниципалитетов")
}

/// Short label of a table cell, so the table also reads in black and white.
pub(super) fn service_short(m: &MunicipalityAssessment) -> &'static str {
    match (m.service.level, m.service_form) {
        (ServiceLevel::Green, _) => "Отдельная организация",
        (ServiceLevel::Yellow, ServiceForm::MoouoDepartment) => "Методический отдел МОУО",
        (ServiceLevel::Yellow, _) => "Специалисты МОУО",
        (ServiceLevel::Red, _) => "Не заявлена",
    }
}

pub(super) fn staff_short(m: &MunicipalityAssessment) -> String {
    let n = m.staff_count.unwrap_or(0);
    match m.staff_count_level.level {
        StaffCountLevel::Optimal => format!("{n} — оптимальное"),
        StaffCountLevel::Admissible => format!("{n} — допустимое"),
        StaffCountLevel::Insufficient => format!("{n} — недостаточное"),
        StaffCountLevel::None => "Отсутствуют".to_string(),
        StaffCountLevel::NotAssessed => format!("{n} — не оценивается"),
        StaffCountLevel::NoInfo => "Нет сведений".to_string(),
    }
}

/// Short label and meaning of an indicator level, both from the methodology's thresholds.
pub(super) fn indicator_legend(i: Indicator, level: IndicatorLevel, m: &Methodology) -> Option<(String, String)> {
    let e = m.education_yellow_min_percent;
    let x = m.experience_green_over_percent;
    let t = m.training_yellow_min_percent;
    let (short, meaning) = match (i, level) {
        (_, IndicatorLevel::NoStaff) => ("Нет сотрудников".into(), m.text(IndicatorLevel::NoStaff).into()),
        (_, IndicatorLevel::NoInfo) => ("Нет сведений".into(), m.text(IndicatorLevel::NoInfo).into()),
        (Indicator::HigherPedEducation, IndicatorLevel::Green) => {
            ("Все".into(), "Все сотрудники имеют высшее педагогическое образование".into())
        }
        (Indicator::HigherPedEducation, IndicatorLevel::Yellow) => {
            (format!("≥ {e} %"), format!("Не менее {e} %, но не все"))
        }
        (Indicator::HigherPedEducation, IndicatorLevel::Red) => (format!("< {e} %"), format!("Менее {e} %")),
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Green) => {
            let what = if i == Indicator::ServiceExperience {
                format!("стаж работы в ММС более {} лет", crate::methodology::text::years(m.service_years_over))
            } else {
                "стаж работы в ОО".to_string()
            };
            (format!("> {x} %"), format!("Более {x} % сотрудников имеют {what}"))
        }
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Yellow) => {
            (format!("≤ {x} %"), format!("Не более {x} %, но не менее одного"))
        }
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Red) => {
            ("Нет".into(), "Ни один сотрудник".into())
        }
        (Indicator::Training, IndicatorLevel::Green) => (
            "Все".into(),
            format!(
                "Все сотрудники прошли ППК (не менее {} ч) в течение {} лет",
                m.training_min_hours, m.training_window_years
            ),
        ),
        (Indicator::Training, IndicatorLevel::Yellow) => (format!("≥ {t} %"), format!("Не менее {t} %, но не все")),
        (Indicator::Training, IndicatorLevel::Red) => (format!("< {t} %"), format!("Менее {t} %, но не менее одного")),
        (Indicator::Training, IndicatorLevel::Blue) => ("Никто".into(), "Ни один сотрудник не проходил ППК".into()),
        (_, IndicatorLevel::Blue) => return None,
    };
    Some((short, meaning))
}

/// Chart labels in the words of the text («Оптимальное количество сотрудников»).
pub(super) fn staff_chart_label(level: StaffCountLevel) -> String {
    match level {
        StaffCountLevel::Optimal => "Оптимальное количество",
        StaffCountLevel::Admissible => "Допустимое количество",
        StaffCountLevel::Insufficient => "Недостаточное количество",
        StaffCountLevel::None => "Сотрудники отсутствуют",
        StaffCountLevel::NotAssessed => "Не оценивается (ММС не заявлена)",
        StaffCountLevel::NoInfo => "Сведения не предоставлены",
    }
    .to_string()
}

pub(super) fn potential_short(m: &Methodology, level: PotentialLevel) -> String {
    capitalise(m.text(level))
}

pub(super) fn duties_short(m: &MunicipalityAssessment) -> String {
    let label = match m.duties.level {
        DutiesLevel::Complies => "Соответствуют",
        DutiesLevel::Partial => "Частично",
        DutiesLevel::Not => "Не соответствуют",
        DutiesLevel::NoInfo => "Нет сведений",
    };
    match (m.duties_outdated, m.duties_approved_year) {
        (true, Some(year)) => format!("{label} (утв. в {year} г.)"),
        _ => label.to_string(),
    }
}

pub(super) fn associations_short(level: AssociationsLevel) -> &'static str {
    match level {
        AssociationsLevel::MmoAndOther => "ММО и другие",
        AssociationsLevel::MmoOnly => "Только ММО",
        AssociationsLevel::OtherOnly => "Другие без ММО",
        AssociationsLevel::None => "Отсутствуют",
        AssociationsLevel::NoInfo => "Нет сведений",
    }
}

pub(super) fn colour_name(c: Colour) -> String {
    capitalise(c.label())
}

/// "допустимый" → "Допустимый".
pub(super) fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

pub(super) fn filled(text: impl Into<String>, colour: Colour) -> Cell {
    Cell::filled(text, level_fill(colour))
}

/// "Наличие ММС не заявлено" → "наличие ММС не заявлено" (for use after a dash).
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !text.starts_with("ММС") => c.to_lowercase().collect::<String>() + chars.as_str(),
        Some(c) => c.to_string() + chars.as_str(),
        None => String::new(),
    }
}
