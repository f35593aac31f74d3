//! `mms-monitor review`: the review status of a campaign's questionnaires — list them, or set
//! one («черновик», «на доработке» with a comment, «проверена»). `export` and `report` take
//! `--checked-only` to leave out questionnaires that are not checked.

use super::{DbArg, open_for_reading};
use crate::model::Campaign;
use crate::model::review::{Review, ReviewStatus};
use crate::storage::Db;
use anyhow::Result;
use clap::Args;
use std::io::Write;

/// A status as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Черновик
    Draft,
    /// На доработке (с комментарием для муниципалитета: --comment)
    NeedsWork,
    /// Проверена
    Checked,
}

impl From<StatusArg> for ReviewStatus {
    fn from(s: StatusArg) -> ReviewStatus {
        match s {
            StatusArg::Draft => ReviewStatus::Draft,
            StatusArg::NeedsWork => ReviewStatus::NeedsWork,
            StatusArg::Checked => ReviewStatus::Checked,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Номер или идентификатор кампании
    #[arg(long)]
    pub campaign: String,
    /// Муниципалитет, статус анкеты которого меняется
    #[arg(long, value_name = "НАЗВАНИЕ", requires = "status")]
    pub municipality: Option<String>,
    /// Новый статус: draft (черновик), needs-work (на доработке), checked (проверена)
    #[arg(long, value_name = "СТАТУС", requires = "municipality")]
    pub status: Option<StatusArg>,
    /// Комментарий для муниципалитета (к статусу «на доработке»)
    #[arg(long, value_name = "ТЕКСТ", requires = "status")]
    pub comment: Option<String>,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: ReviewArgs, out: &mut dyn Write) -> Result<()> {
    let mut db = open_for_reading(args.db.db.as_deref())?;
    let row = db.find_campaign(&args.campaign)?;
    if let (Some(municipality), Some(status)) = (&args.municipality, args.status) {
        let review = Review { status: status.into(), comment: args.comment.clone() };
        db.set_review(row.id, municipality.trim(), &review, "командная строка")?;
        let comment = review.comment.as_deref().map(|c| format!(" («{}»)", c.trim())).unwrap_or_default();
        writeln!(out, "{}: анкета — {}{comment}", municipality.trim(), review.status.label())?;
        return Ok(());
    }
    let campaign = db.load_campaign(row.id)?;
    let reviews = db.reviews(row.id)?;
    writeln!(out, "Кампания {} «{}»: проверка анкет", row.id, row.title)?;
    for status in ReviewStatus::ALL {
        let k = campaign
            .responses
            .iter()
            .filter(|r| reviews.get(r.municipality.as_str()).map(|v| v.status).unwrap_or_default() == *status)
            .count();
        writeln!(out, "  {}: {k}", status.label())?;
    }
    for r in &campaign.responses {
        let review = reviews.get(r.municipality.as_str()).cloned().unwrap_or_default();
        let comment = review.comment.map(|c| format!(" — {c}")).unwrap_or_default();
        writeln!(out, "{} — {}{comment}", r.municipality, review.status.label())?;
    }
    Ok(())
}

/// Leaves only the checked questionnaires in `campaign` (`model::review::keep_checked`, as the
/// app does); says on `out` how many were left out.
pub fn keep_checked(db: &Db, campaign_id: i64, campaign: &mut Campaign, out: &mut dyn Write) -> Result<()> {
    let kept = crate::model::review::keep_checked(campaign, &db.reviews(campaign_id)?);
    writeln!(out, "{}", kept.sentence())?;
    Ok(())
}
