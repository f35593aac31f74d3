//! `mms-monitor new-campaign`: next year's campaign from this one — the same questionnaires,
//! each person carried forward, the earlier campaign untouched.

use super::{DbArg, open_for_reading};
use crate::model::Date;
use crate::storage::NextCampaign;
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct NewCampaignArgs {
    /// Номер или идентификатор кампании, анкеты которой берутся за основу (см. `campaigns`)
    #[arg(long, value_name = "N")]
    pub from: String,
    /// Дата мониторинга новой кампании, ГГГГ-ММ-ДД
    #[arg(long, value_name = "ДАТА", value_parser = super::date_argument)]
    pub reference_date: Date,
    /// Название новой кампании (по умолчанию — название исходной с годом новой даты)
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub title: Option<String>,
    /// Прибавить к стажу сотрудников время, прошедшее между датами мониторинга (по умолчанию стаж не меняется)
    #[arg(long)]
    pub add_elapsed_years: bool,
    #[command(flatten)]
    pub db: DbArg,
}

/// Creates the campaign; prints its number alone on standard output (for scripts) and what
/// was done on standard error.
pub fn run(args: NewCampaignArgs, out: &mut dyn Write) -> Result<()> {
    // `--from` names a campaign: the database must exist.
    let mut db = open_for_reading(args.db.db.as_deref())?;
    let from = db.find_campaign(&args.from)?;
    let source = db.load_campaign(from.id)?;
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => anyhow::bail!("--title: название кампании не может быть пустым"),
        Some(title) => title.to_string(),
        None => source.next_title(args.reference_date),
    };
    if args.reference_date == from.reference_date && title == from.title {
        anyhow::bail!(
            "кампания «{title}» с датой {} уже есть (№ {}) — укажите другую дату (--reference-date) или название (--title)",
            crate::methodology::text::date(args.reference_date),
            from.id
        );
    }
    let next = NextCampaign {
        title: title.clone(),
        reference_date: args.reference_date,
        add_elapsed_years: args.add_elapsed_years,
    };
    let id = db.new_campaign_from(from.id, &next)?;
    writeln!(out, "{id}")?;
    let years = if args.add_elapsed_years {
        let elapsed = crate::people::elapsed_years(from.reference_date.get(), args.reference_date.get());
        format!("к стажу сотрудников прибавлено {} г.", crate::methodology::text::years(elapsed))
    } else {
        "стаж сотрудников не изменён (прибавить прошедшее время: --add-elapsed-years)".to_string()
    };
    eprintln!(
        "Создана кампания {id} «{title}» на {} из анкет кампании {} «{}» (анкет: {}); сотрудники перенесены с их историей, {years}",
        crate::methodology::text::date(args.reference_date),
        from.id,
        from.title,
        source.responses.len()
    );
    Ok(())
}
