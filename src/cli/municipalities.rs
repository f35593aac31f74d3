//! `mms-monitor municipalities`: the recorded history of municipalities — list it, or add a
//! rename, a transformation (МР → МО) or a merge. The dynamics follow these changes.

use super::{DbArg, open_for_reading, open_for_writing};
use crate::methodology::text::date;
use crate::model::history::ChangeKind;
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;

/// The kind of change, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// Переименование
    Rename,
    /// Преобразование муниципального района в муниципальный округ (МР → МО)
    Transformation,
    /// Объединение нескольких муниципалитетов в один
    Merge,
}

impl From<KindArg> for ChangeKind {
    fn from(k: KindArg) -> ChangeKind {
        match k {
            KindArg::Rename => ChangeKind::Rename,
            KindArg::Transformation => ChangeKind::Transformation,
            KindArg::Merge => ChangeKind::Merge,
        }
    }
}

#[derive(Debug, Args)]
pub struct MunicipalitiesArgs {
    /// Записать изменение: rename (переименование), transformation (МР → МО), merge (объединение)
    #[arg(long, value_name = "ВИД", requires_all = ["old", "new", "date"])]
    pub add: Option<KindArg>,
    /// Прежнее название (для объединения — каждого из объединённых, можно повторять)
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub old: Vec<String>,
    /// Новое название
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub new: Option<String>,
    /// Дата изменения, ГГГГ-ММ-ДД
    #[arg(long, value_name = "ДАТА", value_parser = super::calendar_date_argument)]
    pub date: Option<NaiveDate>,
    /// Регион (по умолчанию — единственный регион кампаний базы)
    #[arg(long)]
    pub region: Option<String>,
    /// Основание (закон, решение)
    #[arg(long, value_name = "ТЕКСТ")]
    pub basis: Option<String>,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: MunicipalitiesArgs, out: &mut dyn Write) -> Result<()> {
    let mut db = match args.add {
        Some(_) => open_for_writing(args.db.db.as_deref(), out)?,
        None => open_for_reading(args.db.db.as_deref())?,
    };
    let region = match &args.region {
        Some(r) => Some(r.trim().to_string()),
        None => {
            let mut regions: Vec<String> = db.campaigns()?.into_iter().map(|c| c.region).collect();
            regions.sort();
            regions.dedup();
            match regions.as_slice() {
                [one] => Some(one.clone()),
                _ if args.add.is_some() => anyhow::bail!(
                    "--region: в базе кампании нескольких регионов ({}) — укажите регион",
                    regions.join(", ")
                ),
                _ => None,
            }
        }
    };
    if let (Some(kind), Some(new), Some(changed_on), Some(region)) = (args.add, &args.new, args.date, &region) {
        let kind = ChangeKind::from(kind);
        let old: Vec<&str> = args.old.iter().map(String::as_str).collect();
        let entries = crate::model::history::entries(region, kind, changed_on, &old, new, args.basis.as_deref())
            .map_err(|message| anyhow::anyhow!("--old: {message}"))?;
        db.add_municipality_changes(&entries)?;
        for entry in &entries {
            writeln!(out, "{}", crate::model::history::recorded(entry))?;
        }
        return Ok(());
    }
    let history = db.municipality_history(region.as_deref())?;
    if history.is_empty() {
        writeln!(
            out,
            "Изменений муниципалитетов не записано. Записать: mms-monitor municipalities --add transformation --old «… МР» --new «… МО» --date ГГГГ-ММ-ДД"
        )?;
        return Ok(());
    }
    for e in &history {
        let basis = e.basis.as_deref().map(|b| format!(" (основание: {b})")).unwrap_or_default();
        writeln!(
            out,
            "{} · {} · {}: «{}» → «{}»{basis}",
            e.region,
            date(e.changed_on),
            e.kind.label(),
            e.old_name,
            e.new_name
        )?;
    }
    Ok(())
}
