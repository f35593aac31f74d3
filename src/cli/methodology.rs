//! `mms-monitor methodology export|set`: a campaign's methodology (thresholds and level texts)
//! as a file of `docs/methodology-format.md`, and `assess --methodology FILE`.

use super::{DbArg, open_for_reading, open_for_writing};
use crate::methodology::{Methodology, assess, changed_levels, file};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct MethodologyArgs {
    #[command(subcommand)]
    pub command: MethodologyCommand,
}

#[derive(Debug, Subcommand)]
pub enum MethodologyCommand {
    /// Записать методику (пороги и тексты уровней) в файл JSON
    Export {
        /// Номер или идентификатор кампании, чья методика выгружается
        #[arg(long, required_unless_present = "default", conflicts_with = "default")]
        campaign: Option<String>,
        /// Выгрузить встроенную методику primorye-2022
        #[arg(long)]
        default: bool,
        /// Куда записать файл методики
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Заменить методику кампании методикой из файла (изменения записываются в журнал)
    Set {
        /// Номер или идентификатор кампании
        #[arg(long)]
        campaign: String,
        /// Файл методики JSON (формат mms-monitor.methodology)
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

/// Reads a methodology file for `--methodology FILE`.
pub fn read(path: &Path) -> Result<Methodology> {
    Ok(file::read_file(path)?)
}

pub fn run(args: MethodologyArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        MethodologyCommand::Export { campaign, default: _, out: path, db } => {
            let (m, whose) = match campaign {
                Some(spec) => {
                    let db = open_for_reading(db.db.as_deref())?;
                    let row = db.find_campaign(&spec)?;
                    (db.campaign_methodology(row.id)?, format!("кампании {} «{}»", row.id, row.title))
                }
                None => (Methodology::default(), "встроенная".to_string()),
            };
            file::write_file(&m, &path)?;
            writeln!(out, "Методика {} ({}) записана в {}", m.id, whose, path.display())?;
            Ok(())
        }
        MethodologyCommand::Set { campaign, file: path, db } => {
            let m = read(&path)?;
            let mut db = open_for_writing(db.db.as_deref(), out)?;
            let row = db.find_campaign(&campaign)?;
            let c = db.load_campaign(row.id)?;
            let before = assess(&c, &db.campaign_methodology(row.id)?);
            let levels = changed_levels(&before, &assess(&c, &m));
            let source = format!("методика из {}", path.display());
            let changes = db
                .set_campaign_methodology(row.id, &m, &source)
                .with_context(|| format!("{}: методика не сохранена", path.display()))?;
            if changes.is_empty() {
                writeln!(
                    out,
                    "Методика кампании {} «{}» уже такая, как в {}; ничего не изменено",
                    row.id,
                    row.title,
                    path.display()
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "Методика кампании {} «{}» заменена методикой {} из {}: изменено значений: {}, уровней изменилось: {}",
                row.id,
                row.title,
                m.id,
                path.display(),
                changes.len(),
                levels
            )?;
            for (place, old, new) in &changes {
                writeln!(out, "  {place}: {old} → {new}")?;
            }
            Ok(())
        }
    }
}
