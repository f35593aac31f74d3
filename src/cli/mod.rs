//! The command line: `assess`, `import`, `export`, `campaigns`, on the same core as the app.

mod output;

use crate::interchange;
use crate::methodology::{Methodology, assess};
use crate::sheets::{self, FileKind, TemplateHead};
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
    /// Импортировать анкеты из файла JSON, XLSX, ODS или CSV в базу данных (всё или ничего)
    Import {
        /// Файл анкет: .json (формат mms-monitor.questionnaire), .xlsx/.ods (книга по шаблону) или .csv
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Выгрузить кампанию из базы: .json (анкеты), .xlsx (цветные таблицы и ответы) или .csv (ответы)
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
    /// Записать шаблон для заполнения анкет (.xlsx, или .csv)
    Template(TemplateArgs),
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
pub struct TemplateArgs {
    /// Куда записать шаблон (.xlsx или .csv)
    #[arg(long)]
    pub out: PathBuf,
    /// Регион; для Приморского края листы заполнены названиями 34 муниципалитетов
    #[arg(long, default_value = "Приморский край")]
    pub region: String,
    /// Название мониторинга (по умолчанию — стандартное для Приморского края)
    #[arg(long)]
    pub title: Option<String>,
    /// Дата мониторинга, ГГГГ-ММ-ДД
    #[arg(long, value_name = "ДАТА")]
    pub reference_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Файл анкет JSON, XLSX, ODS или CSV (без базы данных)
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

/// Runs a parsed command line, writing results to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Assess(args) => run_assess(args, out),
        Command::Import { file, db } => {
            let campaign = read_questionnaires(&file)?;
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
            match FileKind::of(&path) {
                Some(FileKind::Xlsx | FileKind::Csv) => {
                    let assessment = assess(&c, &Methodology::default());
                    sheets::write_export(&path, &c, &assessment)?;
                }
                Some(FileKind::Json) | None => interchange::write_file(&c, &path)?,
                Some(FileKind::Ods) => anyhow::bail!(
                    "{}: выгрузка в ODS не поддерживается — укажите файл .xlsx (LibreOffice его открывает), .json или .csv",
                    path.display()
                ),
            }
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
        Command::Template(args) => {
            let mut head = TemplateHead::for_region(&args.region);
            if let Some(title) = args.title {
                head.title = Some(title);
            }
            head.reference_date = args.reference_date;
            sheets::write_template(&args.out, &head)?;
            writeln!(out, "Шаблон записан в {}", args.out.display())?;
            Ok(())
        }
        Command::Campaigns { db } => {
            let db = open_db(db.db.as_deref())?;
            output::campaigns(out, db.path(), &db.campaigns()?)?;
            Ok(())
        }
    }
}

/// Reads a questionnaire file of any supported kind, by its extension.
pub fn read_questionnaires(file: &Path) -> Result<crate::model::Campaign> {
    Ok(match FileKind::of(file) {
        Some(FileKind::Xlsx | FileKind::Ods | FileKind::Csv) => sheets::read_file(file)?,
        Some(FileKind::Json) | None => interchange::read_file(file)?,
    })
}

fn run_assess(args: AssessArgs, out: &mut dyn Write) -> Result<()> {
    let campaign = match (&args.input, &args.campaign) {
        (Some(file), _) => read_questionnaires(file)?,
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
