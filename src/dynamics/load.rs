//! Reading what the dynamics compare from a database: the campaign, the one it is compared
//! with, both assessed. The only part of `dynamics` that reads anything, through [`Db`]'s API.

use super::{CampaignInfo, CheckedScope, Dynamics, Lineage, compare, previous};
use crate::methodology::{Assessment, assess};
use crate::model::review::{CheckedOnly, keep_checked};
use crate::storage::{CampaignRow, Db, StorageError};

impl From<&CampaignRow> for CampaignInfo {
    fn from(row: &CampaignRow) -> Self {
        CampaignInfo {
            number: row.id,
            title: row.title.clone(),
            region: row.region.clone(),
            reference_date: row.reference_date.get(),
        }
    }
}

/// What comparing a campaign gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Compared {
    Dynamics(Box<Dynamics>),
    /// The campaign has no earlier one of its region, and none was chosen.
    NoPrevious(CampaignInfo),
}

/// Every campaign of the database, as the dynamics name them.
pub fn campaigns(db: &Db) -> Result<Vec<CampaignInfo>, StorageError> {
    Ok(db.campaigns()?.iter().map(CampaignInfo::from).collect())
}

/// Compares campaign `number` with `against`, or with the previous campaign of its region.
pub fn for_campaign(db: &Db, number: i64, against: Option<i64>) -> Result<Compared, StorageError> {
    for_campaign_in(db, number, against, false)
}

/// What the note's «Динамика» section and the workbook's sheet compare: campaign `number`
/// against the previous one of its region, `None` when there is none. With `checked_only`,
/// both sides count only their own checked questionnaires, as the rest of the note does.
pub fn for_note(db: &Db, number: i64, checked_only: bool) -> Result<Option<Box<Dynamics>>, StorageError> {
    Ok(match for_campaign_in(db, number, None, checked_only)? {
        Compared::Dynamics(d) => Some(d),
        Compared::NoPrevious(_) => None,
    })
}

/// [`for_campaign`], with both sides limited to their checked questionnaires if asked.
pub fn for_campaign_in(
    db: &Db,
    number: i64,
    against: Option<i64>,
    checked_only: bool,
) -> Result<Compared, StorageError> {
    let all = campaigns(db)?;
    let this =
        all.iter().find(|c| c.number == number).ok_or_else(|| StorageError::CampaignNotFound(number.to_string()))?;
    let other = match against {
        Some(n) if n == number => {
            return Err(StorageError::Conflict(format!(
                "кампания {number} не сравнивается сама с собой — укажите другую"
            )));
        }
        Some(n) => all.iter().find(|c| c.number == n).ok_or_else(|| StorageError::CampaignNotFound(n.to_string()))?,
        None => match previous(&all, number) {
            Some(c) => c,
            None => return Ok(Compared::NoPrevious(this.clone())),
        },
    };
    let (after, kept_now) = assessed_in(db, number, checked_only)?;
    let (before, kept_then) = assessed_in(db, other.number, checked_only)?;
    let lineage =
        Lineage::from_history(&db.municipality_history(Some(&this.region))?, &this.region, this.reference_date);
    let mut d = compare(this.clone(), &after, other.clone(), &before, &lineage);
    d.checked_only = kept_now.zip(kept_then).map(|(campaign, against)| CheckedScope { campaign, against });
    Ok(Compared::Dynamics(Box::new(d)))
}

/// A stored campaign assessed by its own methodology, limited to its checked questionnaires if
/// asked (with how many it kept).
fn assessed_in(db: &Db, number: i64, checked_only: bool) -> Result<(Assessment, Option<CheckedOnly>), StorageError> {
    let mut campaign = db.load_campaign(number)?;
    let kept = if checked_only { Some(keep_checked(&mut campaign, &db.reviews(number)?)) } else { None };
    Ok((assess(&campaign, &db.campaign_methodology(number)?), kept))
}

/// A stored campaign, assessed by its own stored methodology (as every other view of it is).
pub fn assessed(db: &Db, number: i64) -> Result<Assessment, StorageError> {
    Ok(assess(&db.load_campaign(number)?, &db.campaign_methodology(number)?))
}

/// Every campaign of `region`, assessed, for the chart of the shares over the years.
pub fn region_history(db: &Db, region: &str) -> Result<Vec<(CampaignInfo, Assessment)>, StorageError> {
    campaigns(db)?
        .into_iter()
        .filter(|c| c.region == region)
        .map(|c| {
            let a = assessed(db, c.number)?;
            Ok((c, a))
        })
        .collect()
}
