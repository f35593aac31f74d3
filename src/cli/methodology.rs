//! `mms-monitor methodology export|set`: the methodology as a file (docs/methodology-format.md).

use crate::methodology::{Methodology, file};
use anyhow::{Context, Result};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::DbArg;

#[derive(Debug, Subcommand)]
pub enum MethodologyCommand {
    /// Выгрузить методику в файл JSON: встроенную (--default) или сохранённую для кампании
    Export {
        /// Встроенная методика primorye-2022
        #[arg(long, conflicts_with = "campaign")]
        default: bool,
        /// Номер или идентификатор кампании
        #[arg(long)]
        campaign: Option<String>,
        /// Куда записать файл
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Сохранить для кампании копию методики из файла (изменение записывается в журнал)
    Set {
        /// Номер или идентификатор кампании
        #[arg(long)]
        campaign: String,
        /// Файл методики (.json, формат mms-monitor.methodology)
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

/// Reads a methodology file; errors name the file and the JSON path.
pub fn read_file(path: &Path) -> Result<Methodology> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!("{}: не удалось прочитать файл: {}", path.display(), crate::files::describe(&e))
    })?;
    file::parse(&text).map_err(|problems| {
        let file = path.display().to_string();
        anyhow::anyhow!("{}", crate::interchange::InterchangeError::Invalid { file, problems })
    })
}

pub fn run(command: MethodologyCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        MethodologyCommand::Export { default, campaign, out: path, db } => {
            let m = match (default, campaign) {
                (true, _) => Methodology::PRIMORYE_2022,
                (false, Some(spec)) => {
                    let db = super::open_for_reading(db.db.as_deref())?;
                    let row = db.find_campaign(&spec)?;
                    db.campaign_methodology(row.id)?
                }
                (false, None) => anyhow::bail!("укажите --default или --campaign НОМЕР"),
            };
            crate::files::write_atomic(&path, file::to_json_string(&m).as_bytes(), crate::files::Access::Shared)
                .map_err(|e| {
                    anyhow::anyhow!("{}: не удалось записать файл: {}", path.display(), crate::files::describe(&e))
                })?;
            writeln!(out, "Методика «{}» записана в {}", m.id, path.display())?;
            Ok(())
        }
        MethodologyCommand::Set { campaign, file: path, db } => {
            let m = read_file(&path)?;
            let mut db = super::open_for_writing(db.db.as_deref(), out)?;
            let row = db.find_campaign(&campaign)?;
            let source = format!("методика из {}", path.display());
            let changed = db
                .set_campaign_methodology(row.id, &m, &source)
                .with_context(|| format!("{}: методика не сохранена", path.display()))?;
            if changed {
                writeln!(
                    out,
                    "Кампания {} «{}» оценивается по методике «{}» из {}",
                    row.id,
                    row.title,
                    m.id,
                    path.display()
                )?;
            } else {
                writeln!(
                    out,
                    "Кампания {} «{}» уже оценивается по этой методике; ничего не изменено",
                    row.id, row.title
                )?;
            }
            Ok(())
        }
    }
}
