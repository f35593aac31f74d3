//! The region's headline shares over every campaign, for the «Динамика» chart.

use super::text::HEADLINES;
use super::{CampaignInfo, LevelKey, share};
use crate::methodology::Assessment;

/// One line of the chart: a headline share in every campaign, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: LevelKey,
    pub code: &'static str,
    /// What the line shows, as a legend: «ММС с оптимальной численностью».
    pub label: String,
    /// (the reference date as a year, see `year_fraction`; percentage) per campaign.
    pub points: Vec<(f64, f64)>,
}

/// The headline shares of `history` (one region's campaigns, any order), oldest first.
pub fn headline_series(history: &[(CampaignInfo, &Assessment)]) -> Vec<Series> {
    let mut sorted: Vec<&(CampaignInfo, &Assessment)> = history.iter().collect();
    sorted.sort_by_key(|(c, _)| (c.reference_date, c.number));
    HEADLINES
        .iter()
        .map(|(key, code, phrase)| Series {
            key: *key,
            code,
            label: phrase.strip_prefix("доля ").unwrap_or(phrase).to_string(),
            points: sorted
                .iter()
                .map(|(c, a)| (year_fraction(c), share(a, *key, code).tenths() as f64 / 10.0))
                .collect(),
        })
        .collect()
}

/// The year of the reference date, less the part of the year still to go: 2022-12-31 → 2022,
/// 2022-06-30 → 2021.5…, so campaigns of one year stay apart and a year-end one sits on its year.
fn year_fraction(c: &CampaignInfo) -> f64 {
    use chrono::Datelike;
    let d = c.reference_date;
    let year_end = chrono::NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d);
    f64::from(d.year()) - year_end.signed_duration_since(d).num_days() as f64 / 366.0
}
