//! `mms-monitor campaign-date`: corrects a campaign's reference date — the way out when an
//! earlier version stored one outside the limits («31.12.2» as the year 2), which keeps the list
//! of campaigns from being read.

use super::{DbArg, open_for_reading};
use crate::model::Date;
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct CampaignDateArgs {
    /// Номер кампании (его называет сообщение об ошибке или команда `campaigns`)
    #[arg(long, value_name = "N")]
    pub campaign: i64,
    /// Новая дата мониторинга, ГГГГ-ММ-ДД
    #[arg(long, value_name = "ДАТА", value_parser = super::date_argument)]
    pub reference_date: Date,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: CampaignDateArgs, out: &mut dyn Write) -> Result<()> {
    // The campaign exists already: the database must too.
    let mut db = open_for_reading(args.db.db.as_deref())?;
    db.set_reference_date(args.campaign, args.reference_date, "командная строка: campaign-date")?;
    writeln!(
        out,
        "Дата мониторинга кампании {}: {}",
        args.campaign,
        crate::methodology::text::date(args.reference_date)
    )?;
    Ok(())
}
