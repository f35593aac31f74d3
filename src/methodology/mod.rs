//! The rules of `shared/methodology.md` as pure functions: a [`Campaign`] goes in, an
//! [`Assessment`] comes out — every level with the Russian sentence that explains it.
//!
//! Thresholds are fields of one [`Methodology`] value; the rules never use literals.

pub mod file;
pub mod levels;
mod rules;
pub mod text;

pub use levels::{
    AssociationsLevel, Colour, DutiesLevel, IndicatorLevel, Level, PotentialLevel, ServiceLevel, StaffCountLevel,
};
pub use rules::{CourseRejection, assess, assess_response};

use crate::model::{Campaign, Function, ServiceForm};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The thresholds of one methodology. Shares are whole percentages and compared in integer
/// arithmetic, so "exactly 50 %" is exact.
#[derive(Debug, Clone, PartialEq)]
pub struct Methodology {
    /// Name of the methodology, such as `primorye-2022` (`docs/methodology-format.md`).
    pub id: Cow<'static, str>,
    /// The Russian title printed in documents (the id is for files and programs).
    pub title: Cow<'static, str>,
    /// Staff count at or above this is `optimal`.
    pub staff_optimal_min: usize,
    /// Staff count at or above this (and below optimal) is `admissible`.
    pub staff_admissible_min: usize,
    /// Share of higher pedagogical education at or above this (below 100 %) is yellow.
    pub education_yellow_min_percent: usize,
    /// Service experience counts when strictly greater than this many years.
    pub service_years_over: f64,
    /// Experience shares strictly above this are green.
    pub experience_green_over_percent: usize,
    /// School experience counts when strictly greater than this many years.
    pub school_years_over: f64,
    /// Courses count within this many years before the reference date (both ends inclusive).
    pub training_window_years: u32,
    /// A course counts only with at least this many hours.
    pub training_min_hours: u32,
    /// Training share at or above this (below 100 %) is yellow.
    pub training_yellow_min_percent: usize,
    /// At least this many of the 8 functions (and not all) is `partial`.
    pub duties_partial_min: usize,
    /// Job descriptions approved more than this many years before the reference year are outdated.
    pub duties_outdated_after_years: i32,
    /// This many red or blue block-2 indicators make the potential critical.
    pub potential_critical_min_red: usize,
    /// A sufficient potential needs at least this many green block-2 indicators.
    pub potential_sufficient_min_green: usize,
    /// Level texts that differ from the built-in ones, keyed `group.code` (`service.green`);
    /// empty for the built-in methodology. Read them through [`Methodology::text`].
    pub level_texts: BTreeMap<String, String>,
}

impl Methodology {
    /// The rules of the 2022 Primorye note (`shared/methodology.md`).
    pub const PRIMORYE_2022: Methodology = Methodology {
        id: Cow::Borrowed("primorye-2022"),
        title: Cow::Borrowed(
            "Методика оценки состояния и деятельности муниципальных методических служб Приморского края (2022)",
        ),
        staff_optimal_min: 5,
        staff_admissible_min: 3,
        education_yellow_min_percent: 50,
        service_years_over: 5.0,
        experience_green_over_percent: 50,
        school_years_over: 0.0,
        training_window_years: 3,
        training_min_hours: 16,
        training_yellow_min_percent: 50,
        duties_partial_min: 4,
        duties_outdated_after_years: 5,
        potential_critical_min_red: 2,
        potential_sufficient_min_green: 2,
        level_texts: BTreeMap::new(),
    };
}

impl Methodology {
    /// What users read for `level`: this methodology's text, else the built-in one. The screens,
    /// the note, the workbook, the command line and the reasons all print levels through this.
    pub fn text<L: Level>(&self, level: L) -> &str {
        self.text_by_code(L::GROUP, level.code(), level.builtin_text())
    }

    /// [`Methodology::text`] for a level known by its group and code (`builtin` when this
    /// methodology has no text of its own).
    pub fn text_by_code<'a>(&'a self, group: &str, code: &str, builtin: &'a str) -> &'a str {
        if self.level_texts.is_empty() {
            return builtin;
        }
        self.level_texts.get(&format!("{group}.{code}")).map_or(builtin, String::as_str)
    }
}

impl Default for Methodology {
    fn default() -> Self {
        Self::PRIMORYE_2022
    }
}

/// A level together with the sentence that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed<L> {
    pub level: L,
    pub reason: String,
}

/// The four qualification indicators of block 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indicator {
    HigherPedEducation,
    ServiceExperience,
    SchoolExperience,
    Training,
}

impl Indicator {
    pub const ALL: [Indicator; 4] =
        [Indicator::HigherPedEducation, Indicator::ServiceExperience, Indicator::SchoolExperience, Indicator::Training];

    /// Key of the `assess --json` contract.
    pub fn code(self) -> &'static str {
        match self {
            Indicator::HigherPedEducation => "higher_ped_education",
            Indicator::ServiceExperience => "service_experience_over_5y",
            Indicator::SchoolExperience => "school_experience",
            Indicator::Training => "training_within_3y",
        }
    }

    /// Column heading of the note's table 2, following the thresholds of `m`
    /// («Стаж работы в ММС более 4 лет» when the threshold is 4).
    pub fn title(self, m: &Methodology) -> String {
        match self {
            Indicator::HigherPedEducation => "Высшее педагогическое образование".to_string(),
            Indicator::ServiceExperience => {
                format!("Стаж работы в ММС более {} лет", text::years(m.service_years_over))
            }
            Indicator::SchoolExperience if m.school_years_over > 0.0 => {
                format!("Стаж работы в ОО более {} лет", text::years(m.school_years_over))
            }
            Indicator::SchoolExperience => "Стаж работы в ОО".to_string(),
            Indicator::Training => format!(
                "ППК в течение {} {}",
                m.training_window_years,
                text::plural(m.training_window_years as usize, "года", "лет", "лет")
            ),
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Every level of one municipality.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityAssessment {
    pub municipality: String,
    /// The form as answered.
    pub service_form: ServiceForm,
    /// False when the form is `not_declared` or the service started after the reference date.
    pub service_declared: bool,
    pub service: Assessed<ServiceLevel>,
    pub staff_count: Option<usize>,
    pub staff_count_level: Assessed<StaffCountLevel>,
    /// Indexed by [`Indicator::index`].
    pub indicators: [Assessed<IndicatorLevel>; 4],
    pub potential: Assessed<PotentialLevel>,
    pub duties: Assessed<DutiesLevel>,
    pub missing_functions: Vec<Function>,
    pub duties_approved_year: Option<i32>,
    pub duties_outdated: bool,
    pub associations: Assessed<AssociationsLevel>,
    pub other_structures: Vec<String>,
    /// Staff, job duties and associations were all provided.
    pub complete: bool,
}

/// A part of the questionnaire that can be left unanswered («информация не предоставлена»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Staff,
    Duties,
    Associations,
}

impl MunicipalityAssessment {
    /// The parts that were not provided, in questionnaire order (empty when `complete`).
    pub fn missing_parts(&self) -> Vec<Part> {
        [
            (Part::Staff, self.staff_count_level.level == StaffCountLevel::NoInfo),
            (Part::Duties, self.duties.level == DutiesLevel::NoInfo),
            (Part::Associations, self.associations.level == AssociationsLevel::NoInfo),
        ]
        .into_iter()
        .filter_map(|(part, missing)| missing.then_some(part))
        .collect()
    }

    pub fn indicator(&self, indicator: Indicator) -> &Assessed<IndicatorLevel> {
        &self.indicators[indicator.index()]
    }
}

/// The assessment of a whole campaign, in the campaign's table order.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub title: String,
    pub region: String,
    pub reference_date: NaiveDate,
    pub methodology: Methodology,
    pub municipalities: Vec<MunicipalityAssessment>,
}

impl Assessment {
    /// The municipalities for which `pick` holds, in table order.
    pub fn names_where(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> Vec<&str> {
        self.municipalities.iter().filter(|m| pick(m)).map(|m| m.municipality.as_str()).collect()
    }

    /// How many municipalities `pick` holds for.
    pub fn count_where(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> usize {
        self.municipalities.iter().filter(|m| pick(m)).count()
    }
}

/// How many levels differ between two assessments of the same campaign (each municipality's
/// service, staff count, four indicators, potential, duties and associations; an outdated flag
/// of job descriptions counts as a level too) — «levels that would change» before applying a
/// methodology.
pub fn changed_levels(before: &Assessment, after: &Assessment) -> usize {
    before
        .municipalities
        .iter()
        .zip(&after.municipalities)
        .map(|(a, b)| {
            let indicators = Indicator::ALL.iter().filter(|i| a.indicator(**i).level != b.indicator(**i).level).count();
            indicators
                + usize::from(a.service.level != b.service.level)
                + usize::from(a.staff_count_level.level != b.staff_count_level.level)
                + usize::from(a.potential.level != b.potential.level)
                + usize::from(a.duties.level != b.duties.level)
                + usize::from(a.duties_outdated != b.duties_outdated)
                + usize::from(a.associations.level != b.associations.level)
        })
        .sum()
}

/// Assesses a campaign with the methodology named by `id`, or the default.
pub fn assess_default(campaign: &Campaign) -> Assessment {
    assess(campaign, &Methodology::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_titles_follow_the_default_thresholds() {
        let m = Methodology::default();
        let titles = Indicator::ALL.map(|i| i.title(&m));
        assert_eq!(
            titles,
            [
                "Высшее педагогическое образование",
                "Стаж работы в ММС более 5 лет",
                "Стаж работы в ОО",
                "ППК в течение 3 лет"
            ]
        );
    }
}
