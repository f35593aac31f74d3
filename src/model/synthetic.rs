//! Generated campaigns of any size, for benchmarks and load tests.
//!
//! Deterministic (a fixed pseudo-random sequence), so two runs measure the same work.

use super::{Associations, Campaign, Course, Duties, Education, Function, Response, Service, ServiceForm, Staff};
use chrono::{Days, NaiveDate};

/// A small deterministic generator (SplitMix64); quality is irrelevant, repeatability is not.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A campaign of `municipalities` responses with `staff` people of `courses` courses each.
pub fn generate(municipalities: usize, staff: usize, courses: usize) -> Campaign {
    let mut seq = Sequence(2022);
    let reference_date = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default();
    let responses = (0..municipalities)
        .map(|i| {
            let form = ServiceForm::ALL[seq.below(4) as usize];
            let staff = (0..staff)
                .map(|s| Staff {
                    id: None,
                    name: Some(format!("Сотрудник {i}-{s}")),
                    position: Some("методист".to_string()),
                    education: Education::ALL[seq.below(4) as usize],
                    service_years: seq.below(200) as f64 / 10.0,
                    school_years: seq.below(300) as f64 / 10.0,
                    courses: (0..courses)
                        .map(|c| Course {
                            title: format!("Программа повышения квалификации № {c}"),
                            hours: [8, 16, 36, 72][seq.below(4) as usize],
                            completed: reference_date
                                .checked_sub_days(Days::new(seq.below(1800)))
                                .unwrap_or(reference_date),
                            relevant: seq.below(10) > 0,
                        })
                        .collect(),
                })
                .collect();
            Response {
                id: None,
                municipality: format!("Муниципалитет № {}", i + 1),
                service: Service {
                    form, name: Some(format!("Методический центр № {}", i + 1)), started: None
                },
                staff: Some(staff),
                duties: Some(Duties {
                    approved_year: Some(2015 + seq.below(10) as i32),
                    functions: Function::ALL.iter().copied().filter(|_| seq.below(2) == 0).collect(),
                }),
                associations: Some(Associations {
                    mmo: seq.below(5) > 0,
                    other: (0..seq.below(3)).map(|k| format!("Творческая группа № {k}")).collect(),
                }),
                notes: None,
            }
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
