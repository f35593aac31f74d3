//! The questionnaire data model: a campaign and its municipalities' responses.
//!
//! These are validated types: everything here has passed the interchange reader (or the
//! storage layer, which only stores what the reader accepted). Nothing in this module knows
//! about files, databases or the screen.

pub mod enums;
pub mod history;
pub mod registry;
pub mod review;
pub mod synthetic;
pub mod values;

pub use enums::{Education, Function, ServiceForm};
pub use values::{Date, ExperienceYears, Hours, MunicipalityName, Year};

use uuid::Uuid;

/// One monitoring round of one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    /// Stable identity; derived from region, title and reference date when a file has none.
    pub id: Option<Uuid>,
    pub title: String,
    pub region: String,
    /// Every rule is evaluated as of this date.
    pub reference_date: Date,
    /// What the title page of the analytical note needs.
    pub document: Option<DocumentInfo>,
    pub responses: Vec<Response>,
}

/// Title-page data of the analytical note (our documented extension of format v1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentInfo {
    pub institution: Option<String>,
    pub institution_short: Option<String>,
    pub city: Option<String>,
    pub year: Option<Year>,
    pub approver: Option<Official>,
    pub executor: Option<Official>,
    pub agreed: Option<Official>,
}

/// A person named on the title page: a position and a name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Official {
    pub position: Option<String>,
    pub name: Option<String>,
}

/// One municipality's questionnaire in a campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub id: Option<Uuid>,
    pub municipality: MunicipalityName,
    pub service: Service,
    /// `None` = not provided; `Some(vec![])` = the service has no staff.
    pub staff: Option<Vec<Staff>>,
    /// `None` = job descriptions not provided.
    pub duties: Option<Duties>,
    /// `None` = not provided.
    pub associations: Option<Associations>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub form: ServiceForm,
    pub name: Option<String>,
    pub started: Option<Date>,
}

/// One staff member of a service. Names are personal data.
#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub id: Option<Uuid>,
    /// The person of the staff registry this record belongs to, when it was carried from or
    /// confirmed as an earlier record (`None`: a person of its own). Not part of the answers:
    /// the assessment and the field-package merge ignore it.
    pub person: Option<Uuid>,
    pub name: Option<String>,
    pub position: Option<String>,
    pub education: Education,
    /// Years worked in the methodical service (fractions allowed).
    pub service_years: ExperienceYears,
    /// Years worked in schools and other educational organisations.
    pub school_years: ExperienceYears,
    pub courses: Vec<Course>,
}

/// An advanced-training course (ППК) a staff member completed.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub title: String,
    pub hours: Hours,
    pub completed: Date,
    /// False for courses that do not count (e.g. only about organising state exams, ГИА).
    pub relevant: bool,
}

/// What the job descriptions of the service cover.
#[derive(Debug, Clone, PartialEq)]
pub struct Duties {
    pub approved_year: Option<Year>,
    pub functions: Vec<Function>,
}

/// Teacher associations in the municipality.
#[derive(Debug, Clone, PartialEq)]
pub struct Associations {
    /// Municipal methodical associations of teachers (ММО) exist.
    pub mmo: bool,
    /// Names of the other structures (councils, expert, creative and problem groups…).
    pub other: Vec<String>,
}

/// Namespace of the ids the program derives when a file carries none.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6d6d_7300_6d6f_6e69_746f_7200_0000_0001);

impl Campaign {
    /// The stored id, or one derived from region, title and reference date, so that
    /// the same file imported twice lands in the same campaign.
    pub fn effective_id(&self) -> Uuid {
        self.id.unwrap_or_else(|| {
            let key = format!("campaign|{}|{}|{}", self.region, self.title, self.reference_date);
            Uuid::new_v5(&ID_NAMESPACE, key.as_bytes())
        })
    }

    /// Fills in every missing id (campaign, responses, staff) with its derived value.
    pub fn assign_ids(&mut self) {
        let campaign_id = self.effective_id();
        self.id = Some(campaign_id);
        for response in &mut self.responses {
            let response_id = *response.id.get_or_insert_with(|| {
                let key = format!("response|{}", response.municipality);
                Uuid::new_v5(&campaign_id, key.as_bytes())
            });
            for (index, staff) in response.staff.iter_mut().flatten().enumerate() {
                staff.id.get_or_insert_with(|| Uuid::new_v5(&response_id, format!("staff|{index}").as_bytes()));
            }
        }
    }
}

impl Campaign {
    /// Removes staff names (personal data) from every response.
    pub fn withhold_names(&mut self) {
        for person in self.responses.iter_mut().flat_map(|r| r.staff.iter_mut().flatten()) {
            person.name = None;
        }
    }

    /// Whether any response names a staff member (personal data: such files are private).
    pub fn has_names(&self) -> bool {
        self.responses.iter().flat_map(|r| r.staff.iter().flatten()).any(|p| p.name.is_some())
    }
}

impl Campaign {
    /// The title of the next round on `reference_date`: this title with its year replaced
    /// («Мониторинг … 2022 года» → «… 2023 года»), or with the new year added in brackets.
    pub fn next_title(&self, reference_date: Date) -> String {
        let (old, new) = (self.reference_date.year().to_string(), reference_date.year().to_string());
        if self.title.contains(&old) { self.title.replace(&old, &new) } else { format!("{} ({new})", self.title) }
    }
}

impl Response {
    /// Number of staff records, `None` when staff was not provided.
    pub fn staff_count(&self) -> Option<usize> {
        self.staff.as_ref().map(Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> Campaign {
        Campaign {
            id: None,
            title: "T".into(),
            region: "R".into(),
            reference_date: Date::ymd::<2021, 12, 31>(),
            document: None,
            responses: vec![Response {
                id: None,
                municipality: values::name("A"),
                service: Service { form: ServiceForm::SeparateOrg, name: None, started: None },
                staff: Some(vec![Staff {
                    id: None,
                    person: None,
                    name: None,
                    position: None,
                    education: Education::Other,
                    service_years: ExperienceYears::of::<1>(),
                    school_years: ExperienceYears::of::<0>(),
                    courses: vec![],
                }]),
                duties: None,
                associations: None,
                notes: None,
            }],
        }
    }

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        let mut a = campaign();
        let mut b = campaign();
        a.assign_ids();
        b.assign_ids();
        assert_eq!(a, b);
        let response_id = a.responses[0].id.unwrap();
        let staff_id = a.responses[0].staff.as_ref().unwrap()[0].id.unwrap();
        assert_ne!(response_id, staff_id);
        assert_ne!(a.id.unwrap(), response_id);
    }

    #[test]
    fn given_ids_are_kept() {
        let mut c = campaign();
        let id = Uuid::new_v4();
        c.responses[0].id = Some(id);
        c.assign_ids();
        assert_eq!(c.responses[0].id, Some(id));
    }
}
