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
    /// (reference date's year with its day as a fraction, percentage) per campaign.
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

/// 2022-12-31 → 2022.997…: campaigns of one year stay apart on the time axis.
fn year_fraction(c: &CampaignInfo) -> f64 {
    use chrono::Datelike;
    let d = c.reference_date;
    f64::from(d.year()) + f64::from(d.ordinal0()) / 366.0
}
