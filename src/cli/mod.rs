//! The command line: `assess`, `import`, `export`, `report`, `campaigns`, on the same core as the app.

mod output;

use crate::interchange;
use crate::methodology::{Methodology, assess};
use crate::report::{self, NoteTexts, ReportOptions};
use crate::storage::Db;
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The sample campaign every new default database starts with.
pub const SAMPLE_JSON: &str = include_str!("../../sample_data/primorye-2022.json");

/// Environment variable that overrides the location of the default database.
pub const DB_ENV: &str = "MMS_MONITOR_DB";

#[derive(Debug, Parser)]
#[command(
    name = "mms-monitor",
    version,
    about = "Мониторинг муниципальных методических служб: анкеты, уровни, аналитическая справка",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Оценить кампанию: уровни каждого муниципалитета с обоснованием
    Assess(AssessArgs),
    /// Импортировать анкеты из файла JSON в базу данных (всё или ничего)
    Import {
        /// Файл анкет (формат mms-monitor.questionnaire, версия 1)
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Выгрузить кампанию из базы в файл JSON
    Export {
        /// Номер или идентификатор кампании (см. `campaigns`)
        #[arg(long)]
        campaign: String,
        /// Куда записать файл
        #[arg(long)]
        out: PathBuf,
        /// Включить ФИО сотрудников (персональные данные)
        #[arg(long)]
        with_names: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Сформировать аналитическую справку в PDF
    Report(ReportArgs),
    /// Список кампаний в базе данных
    Campaigns {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, Args)]
pub struct DbArg {
    /// Файл базы данных (по умолчанию — в каталоге данных пользователя)
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Файл анкет JSON (без базы данных)
    #[arg(long, conflicts_with_all = ["campaign", "db"])]
    pub input: Option<PathBuf>,
    /// Номер или идентификатор кампании в базе данных
    #[arg(long)]
    pub campaign: Option<String>,
    /// Вывести результат в JSON (контракт interchange.md)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Файл анкет JSON (без базы данных; тексты справки — по умолчанию)
    #[arg(long, conflicts_with_all = ["campaign", "db"])]
    pub input: Option<PathBuf>,
    /// Номер или идентификатор кампании в базе данных (тексты справки — сохранённые для кампании)
    #[arg(long)]
    pub campaign: Option<String>,
    /// Куда записать PDF
    #[arg(long, value_name = "NOTE.pdf")]
    pub out: PathBuf,
    /// Указать ФИО сотрудников в адресных рекомендациях (персональные данные)
    #[arg(long)]
    pub with_names: bool,
    #[command(flatten)]
    pub db: DbArg,
}

/// Runs a parsed command line, writing results to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Assess(args) => run_assess(args, out),
        Command::Import { file, db } => {
            let campaign = interchange::read_file(&file)?;
            let mut db = open_db(db.db.as_deref())?;
            let source = format!("импорт {}", file.display());
            let summary = db
                .import_campaign(&campaign, &source)
                .with_context(|| format!("{}: импорт не выполнен", file.display()))?;
            output::import_summary(out, &file, &campaign, &summary)?;
            Ok(())
        }
        Command::Export { campaign, out: path, with_names, db } => {
            let db = open_db(db.db.as_deref())?;
            let row = db.find_campaign(&campaign)?;
            let mut c = db.load_campaign(row.id)?;
            if !with_names {
                c.withhold_names();
            }
            interchange::write_file(&c, &path)?;
            writeln!(
                out,
                "Кампания {} «{}» выгружена в {} (анкет: {})",
                row.id,
                row.title,
                path.display(),
                c.responses.len()
            )?;
            if !with_names {
                writeln!(out, "ФИО сотрудников не выгружены; чтобы включить их, добавьте --with-names")?;
            }
            Ok(())
        }
        Command::Report(args) => run_report(args, out),
        Command::Campaigns { db } => {
            let db = open_db(db.db.as_deref())?;
            output::campaigns(out, db.path(), &db.campaigns()?)?;
            Ok(())
        }
    }
}

fn run_assess(args: AssessArgs, out: &mut dyn Write) -> Result<()> {
    let campaign = match (&args.input, &args.campaign) {
        (Some(file), _) => interchange::read_file(file)?,
        (None, Some(spec)) => {
            let db = open_db(args.db.db.as_deref())?;
            let row = db.find_campaign(spec)?;
            db.load_campaign(row.id)?
        }
        (None, None) => anyhow::bail!("укажите --input ФАЙЛ или --campaign НОМЕР (с --db ПУТЬ)"),
    };
    let assessment = assess(&campaign, &Methodology::default());
    if args.json {
        output::assessment_json(out, &assessment)?;
    } else {
        output::assessment_table(out, &assessment)?;
    }
    Ok(())
}

fn run_report(args: ReportArgs, out: &mut dyn Write) -> Result<()> {
    let (campaign, texts) = match (&args.input, &args.campaign) {
        (Some(file), _) => {
            let campaign = interchange::read_file(file)?;
            let texts = NoteTexts::defaults_for(&campaign);
            (campaign, texts)
        }
        (None, Some(spec)) => {
            let db = open_db(args.db.db.as_deref())?;
            let row = db.find_campaign(spec)?;
            let campaign = db.load_campaign(row.id)?;
            let texts = NoteTexts::defaults_for(&campaign).with_texts(&db.texts(row.id)?);
            (campaign, texts)
        }
        (None, None) => anyhow::bail!("укажите --input ФАЙЛ или --campaign НОМЕР (с --db ПУТЬ)"),
    };
    let assessment = assess(&campaign, &Methodology::default());
    let options = ReportOptions { show_staff_names: args.with_names, ..ReportOptions::default() };
    let pdf = report::render_pdf(&campaign, &assessment, &texts, &options)?;
    std::fs::write(&args.out, &pdf).with_context(|| format!("{}: не удалось записать справку", args.out.display()))?;
    writeln!(
        out,
        "Аналитическая справка записана в {} ({} КБ, муниципалитетов: {})",
        args.out.display(),
        pdf.len().div_ceil(1024),
        assessment.municipalities.len()
    )?;
    if !args.with_names {
        writeln!(out, "ФИО сотрудников в справку не включены; чтобы включить их, добавьте --with-names")?;
    }
    Ok(())
}

/// Where the default database lives: `$MMS_MONITOR_DB`, else the user's data directory
/// (`%APPDATA%\pkiro\mms-monitor\data` on Windows, `~/.local/share/mms-monitor` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("ru", "pkiro", "mms-monitor")
        .context("не удалось определить каталог данных пользователя; укажите базу явно: --db ПУТЬ")?;
    Ok(dirs.data_dir().join("mms-monitor.db"))
}

/// Opens the given database, or the default one — created and seeded with the sample
/// campaign on first use.
pub fn open_db(path: Option<&Path>) -> Result<Db> {
    if let Some(path) = path {
        return Ok(Db::open(path)?);
    }
    let path = default_db_path()?;
    let fresh = !path.exists();
    let mut db = Db::open(&path)?;
    if fresh && !db.has_data()? {
        let sample = interchange::parse(SAMPLE_JSON).map_err(|problems| interchange::InterchangeError::Invalid {
            file: "встроенный пример".into(),
            problems,
        })?;
        db.import_campaign(&sample, "встроенный пример Приморье 2022")?;
    }
    Ok(db)
}
