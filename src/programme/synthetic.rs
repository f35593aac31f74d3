//! A generated programme of any size, for the benchmark and tests: a region asking
//! `municipalities` for `indicators` indicators (shares and counts alternating) over
//! `half_years` half-years from 2021, every value filled in.

use super::model::{
    Direction, Entry, EntryValue, Indicator, Kind, Owner, OwnerKind, Period, Programme, Reporting, Target, TargetValue,
};

pub fn generate(indicators: usize, municipalities: usize, half_years: usize) -> Programme {
    let periods: Vec<Period> =
        (0..half_years).map(|i| Period { year: 2021 + (i / 2) as i32, half: Some(1 + (i % 2) as u8) }).collect();
    let units: Vec<String> = (0..municipalities).map(|i| format!("Муниципалитет {}", i + 1)).collect();
    let indicators: Vec<Indicator> = (0..indicators)
        .map(|i| {
            let kind = if i % 2 == 0 { Kind::Share } else { Kind::Count };
            Indicator {
                code: (i + 1).to_string(),
                title: format!("Показатель {}", i + 1),
                kind,
                unit: None,
                direction: if i % 5 == 4 { Direction::AtMost } else { Direction::AtLeast },
                per_organisation: false,
                targets: periods
                    .iter()
                    .enumerate()
                    .map(|(k, p)| Target {
                        period: Some(*p),
                        value: TargetValue::Number(if kind == Kind::Share {
                            50.0 + k as f64 * 5.0
                        } else {
                            10.0 + k as f64
                        }),
                        wording: None,
                    })
                    .collect(),
                baseline: None,
                collection_method: None,
                evidence: None,
                responsible: None,
            }
        })
        .collect();
    let mut values = Vec::with_capacity(indicators.len() * units.len() * periods.len());
    for (i, indicator) in indicators.iter().enumerate() {
        for (m, unit) in units.iter().enumerate() {
            for (k, period) in periods.iter().enumerate() {
                let spread = ((i * 7 + m * 13 + k * 3) % 41) as f64;
                let value = match indicator.kind {
                    Kind::Share => EntryValue::Share { numerator: 30.0 + spread, denominator: 80.0 },
                    _ => EntryValue::Count(spread / 2.0),
                };
                values.push(Entry {
                    indicator: indicator.code.clone(),
                    period: *period,
                    municipality: Some(unit.clone()),
                    organisation: None,
                    value,
                    source: None,
                });
            }
        }
    }
    Programme {
        code: "synthetic".into(),
        title: "Сгенерированная программа".into(),
        owner: Owner {
            kind: OwnerKind::Region, name: "Сгенерированный регион".into(), region: None
        },
        source: None,
        reporting: Reporting::HalfYear,
        periods,
        municipalities: units,
        indicators,
        values,
        plan: Vec::new(),
    }
}
