//! Generated campaigns of any size, for benchmarks and load tests.
//!
//! Deterministic (a fixed pseudo-random sequence), so two runs measure the same work.

use super::{
    Associations, Campaign, Course, Duties, Education, ExperienceYears, Function, Hours, MunicipalityName, Response,
    Service, ServiceForm, Staff, Year,
};
use crate::model::Date;
use chrono::Days;

/// A small deterministic generator (SplitMix64); quality is irrelevant, repeatability is not.
/// Shared by the generated campaigns and the tests' mutation run.
pub struct Sequence(u64);

impl Sequence {
    pub fn new(seed: u64) -> Sequence {
        Sequence(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// An index below `n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
}

/// A campaign of `municipalities` responses with `staff` people of `courses` courses each.
pub fn generate(municipalities: usize, staff: usize, courses: usize) -> Campaign {
    let mut seq = Sequence(2022);
    let reference_date = Date::ymd::<2024, 12, 31>();
    // A name the constructor refused (never, for these) would leave its municipality out.
    let responses = (0..municipalities)
        .filter_map(|i| {
            let form = ServiceForm::ALL[seq.below(4) as usize];
            let staff = (0..staff)
                .map(|s| Staff {
                    id: None,
                    person: None,
                    name: Some(format!("Сотрудник {i}-{s}")),
                    position: Some("методист".to_string()),
                    education: Education::ALL[seq.below(4) as usize],
                    service_years: tenths(seq.below(200)),
                    school_years: tenths(seq.below(300)),
                    courses: (0..courses)
                        .map(|c| Course {
                            title: format!("Программа повышения квалификации № {c}"),
                            hours: [Hours::of::<8>(), Hours::of::<16>(), Hours::of::<36>(), Hours::of::<72>()]
                                [seq.below(4) as usize],
                            completed: days_before(reference_date, seq.below(1800)),
                            relevant: seq.below(10) > 0,
                        })
                        .collect(),
                })
                .collect();
            Some(Response {
                id: None,
                municipality: MunicipalityName::new(&format!("Муниципалитет № {}", i + 1)).ok()?,
                service: Service {
                    form, name: Some(format!("Методический центр № {}", i + 1)), started: None
                },
                staff: Some(staff),
                duties: Some(Duties {
                    approved_year: Year::new((2015 + seq.below(10)) as f64).ok(),
                    functions: Function::ALL.iter().copied().filter(|_| seq.below(2) == 0).collect(),
                }),
                associations: Some(Associations {
                    mmo: seq.below(5) > 0,
                    other: (0..seq.below(3)).map(|k| format!("Творческая группа № {k}")).collect(),
                }),
                notes: None,
            })
        })
        .collect();
    Campaign {
        id: None,
        title: "Сгенерированная кампания".to_string(),
        region: "Тестовая федерация".to_string(),
        reference_date,
        document: None,
        responses,
    }
}

/// What a municipality of [`three_years`] answers in one campaign.
#[derive(Debug, Clone, Copy)]
struct Answers {
    form: ServiceForm,
    /// `None`: staff not provided.
    staff: Option<usize>,
    /// Functions in the job descriptions; `None`: not provided.
    functions: Option<usize>,
    /// (ММО, other structures); `None`: not provided.
    associations: Option<(bool, usize)>,
}

/// `days` before `date` (the generator's dates stay far inside the range: never `date` itself).
fn days_before(date: Date, days: u64) -> Date {
    date.get().checked_sub_days(Days::new(days)).and_then(|d| Date::new(d).ok()).unwrap_or(date)
}

/// `n` tenths of a year; past the limit (never, for the `n` the generator draws), none.
fn tenths(n: u64) -> ExperienceYears {
    ExperienceYears::new(n as f64 / 10.0).unwrap_or(ExperienceYears::of::<0>())
}

const fn answers(
    form: ServiceForm,
    staff: Option<usize>,
    functions: Option<usize>,
    associations: Option<(bool, usize)>,
) -> Answers {
    Answers { form, staff, functions, associations }
}

/// Person `k` of a municipality: stable name, higher pedagogical education, experienced, with
/// one relevant 72-hour course a year before the reference date.
fn person(municipality: &str, k: usize, reference_date: Date) -> Staff {
    Staff {
        id: None,
        person: None,
        name: Some(format!("Сотрудник {k} ({municipality})")),
        position: Some("методист".to_string()),
        education: Education::HigherPedagogical,
        service_years: ExperienceYears::of::<6>(),
        school_years: ExperienceYears::of::<3>(),
        courses: vec![Course {
            title: "Наставничество в образовательной организации".to_string(),
            hours: Hours::of::<72>(),
            completed: days_before(reference_date, 365),
            relevant: true,
        }],
    }
}

/// `None` if the constructor refused `municipality` (never, for the names of [`three_years`]).
fn response(municipality: &str, a: Answers, reference_date: Date) -> Option<Response> {
    Some(Response {
        id: None,
        municipality: MunicipalityName::new(municipality).ok()?,
        service: Service { form: a.form, name: None, started: None },
        staff: a.staff.map(|n| (0..n).map(|k| person(municipality, k, reference_date)).collect()),
        duties: a.functions.map(|n| Duties {
            approved_year: Some(Year::of::<2020>()),
            functions: Function::ALL.iter().copied().take(n).collect(),
        }),
        associations: a.associations.map(|(mmo, other)| Associations {
            mmo,
            other: (0..other).map(|k| format!("Творческая группа № {}", k + 1)).collect(),
        }),
        notes: None,
    })
}

/// Three campaigns of one synthetic region, 2021, 2022 and 2023, with known changes (the
/// expected figures are spelled out in the tests of `dynamics`):
/// - «Южный МР» becomes «Южный МО» in 2023 (a МР → МО transformation);
/// - «Северный МО» grows from 2 staff (insufficient) to 5 (optimal) in 2022, 4 (admissible) in 2023;
/// - «Восточный ГО» declares no service in 2021, a separate organisation from 2022;
/// - «Западный МО» gives no staff data in 2022;
/// - «Речной МО» and «Лесной МО» merge into «Речно-Лесной МО» in 2023.
pub fn three_years() -> [Campaign; 3] {
    use ServiceForm::{MoouoDepartment as Department, NotDeclared, SeparateOrg as Separate};
    let full = Some((true, 1));
    let rows: [(&str, [Option<Answers>; 3]); 7] = [
        (
            "Южный МР",
            [
                Some(answers(Department, Some(3), Some(8), full)),
                Some(answers(Department, Some(3), Some(8), full)),
                None,
            ],
        ),
        ("Южный МО", [None, None, Some(answers(Separate, Some(3), Some(8), full))]),
        (
            "Северный МО",
            [
                Some(answers(Separate, Some(2), Some(3), Some((true, 0)))),
                Some(answers(Separate, Some(5), Some(8), full)),
                Some(answers(Separate, Some(4), Some(8), full)),
            ],
        ),
        (
            "Восточный ГО",
            [
                Some(answers(NotDeclared, None, None, Some((false, 0)))),
                Some(answers(Separate, Some(5), Some(8), full)),
                Some(answers(Separate, Some(5), Some(8), full)),
            ],
        ),
        (
            "Западный МО",
            [
                Some(answers(Department, Some(3), Some(5), full)),
                Some(answers(Department, None, Some(5), full)),
                Some(answers(Department, Some(3), Some(5), full)),
            ],
        ),
        (
            "Речной МО",
            [
                Some(answers(Department, Some(1), Some(4), Some((true, 0)))),
                Some(answers(Department, Some(1), Some(4), Some((true, 0)))),
                None,
            ],
        ),
        (
            "Лесной МО",
            [Some(answers(Separate, Some(5), Some(8), full)), Some(answers(Separate, Some(5), Some(8), full)), None],
        ),
    ];
    let merged = ("Речно-Лесной МО", answers(Separate, Some(6), Some(8), full));
    [2021, 2022, 2023].map(|year| {
        let reference_date = match year {
            2021 => Date::ymd::<2021, 12, 31>(),
            2022 => Date::ymd::<2022, 12, 31>(),
            _ => Date::ymd::<2023, 12, 31>(),
        };
        let index = (year - 2021) as usize;
        let mut responses: Vec<Response> = rows
            .iter()
            .filter_map(|(name, years)| {
                years.get(index).copied().flatten().and_then(|a| response(name, a, reference_date))
            })
            .collect();
        if year == 2023 {
            responses.extend(response(merged.0, merged.1, reference_date));
        }
        Campaign {
            id: None,
            title: format!("Мониторинг ММС Синтетического края, {year}"),
            region: "Синтетический край".to_string(),
            reference_date,
            document: None,
            responses,
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_and_repeatability() {
        let a = super::generate(7, 3, 2);
        assert_eq!(a.responses.len(), 7);
        assert!(a.responses.iter().all(|r| r.staff.as_ref().unwrap().iter().all(|s| s.courses.len() == 2)));
        assert_eq!(a, super::generate(7, 3, 2));
    }
}
