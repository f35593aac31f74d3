//! The command line: `assess`, `import`, `export`, `report`, `campaigns`, on the same core as the app.

mod output;
pub mod programme;

use crate::interchange;
use crate::methodology::{Methodology, assess};
use crate::report::{self, NoteTexts, ReportOptions};
use crate::sheets::{self, FileKind, TemplateHead};
use crate::storage::{Db, MergeChoices, Side, sha256_hex};
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
    /// Файл базы данных для окна программы (по умолчанию — в каталоге данных пользователя)
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
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
        /// Для пакета с выезда: чья версия побеждает во всех конфликтах (ours — здесь, theirs — из пакета)
        #[arg(long, value_name = "ours|theirs")]
        resolve: Option<ResolveSide>,
        /// Для пакета с выезда: выбор по одному полю, «Муниципалитет/поле=ours|theirs» (можно повторять)
        #[arg(long, value_name = "ВЫБОР")]
        choose: Vec<String>,
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
        /// «Экспорт для выезда»: пакет JSON, который потом объединяется с базой при импорте
        #[arg(long)]
        field: bool,
        /// Только эти муниципалитеты (для --field; можно повторять)
        #[arg(long, value_name = "НАЗВАНИЕ", requires = "field")]
        municipality: Vec<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Записать шаблон для заполнения анкет (.xlsx, или .csv)
    Template(TemplateArgs),
    /// Сформировать аналитическую справку в PDF
    Report(ReportArgs),
    /// Список кампаний в базе данных
    Campaigns {
        #[command(flatten)]
        db: DbArg,
    },
    /// Программы с целевыми показателями: import, list, assess, report, export, template
    #[command(subcommand)]
    Programme(programme::ProgrammeCommand),
}

/// Whose version wins a conflict, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResolveSide {
    /// Версия в этой базе
    Ours,
    /// Версия из пакета
    Theirs,
}

impl From<ResolveSide> for Side {
    fn from(side: ResolveSide) -> Side {
        match side {
            ResolveSide::Ours => Side::Ours,
            ResolveSide::Theirs => Side::Theirs,
        }
    }
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
        Command::Import { file, resolve, choose, db } => {
            let (contents, sha256) = read_import_file(&file)?;
            let campaign = match contents {
                ImportFile::Package(package) => {
                    let choices = merge_choices(resolve, &choose)?;
                    let mut db = open_db(db.db.as_deref())?;
                    return import_package(&mut db, &file, &sha256, &package, &choices, out);
                }
                ImportFile::Questionnaires(campaign) => campaign,
            };
            if resolve.is_some() || !choose.is_empty() {
                anyhow::bail!(
                    "{}: --resolve и --choose относятся только к пакетам «Экспорт для выезда» (export --field)",
                    file.display()
                );
            }
            let mut db = open_db(db.db.as_deref())?;
            let source = format!("импорт {}", file.display());
            let summary = db
                .import_campaign_file(&campaign, &source, Some(&sha256))
                .with_context(|| format!("{}: импорт не выполнен", file.display()))?;
            output::import_summary(out, &file, &campaign, &summary)?;
            Ok(())
        }
        Command::Export { campaign, out: path, with_names, field, municipality, db } => {
            let mut db = open_db(db.db.as_deref())?;
            let row = db.find_campaign(&campaign)?;
            if field {
                let package = db.field_package(row.id, &municipality, with_names)?;
                interchange::write_package(&package, &path)?;
                writeln!(
                    out,
                    "Пакет для выезда: кампания {} «{}» → {} (анкет: {}). После выезда импортируйте его обратно: mms-monitor import {}",
                    row.id,
                    row.title,
                    path.display(),
                    package.campaign.responses.len(),
                    path.display()
                )?;
                if !with_names {
                    writeln!(out, "ФИО сотрудников не выгружены; чтобы включить их, добавьте --with-names")?;
                }
                return Ok(());
            }
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
        Command::Report(args) => run_report(args, out),
        Command::Programme(command) => programme::run(command, out),
        Command::Campaigns { db } => {
            let db = open_db(db.db.as_deref())?;
            output::campaigns(out, db.path(), &db.campaigns()?)?;
            Ok(())
        }
    }
}

/// Parses `--resolve` and `--choose «Муниципалитет/поле=ours|theirs»` into merge choices.
fn merge_choices(resolve: Option<ResolveSide>, choose: &[String]) -> Result<MergeChoices> {
    let mut choices = MergeChoices { all: resolve.map(Side::from), ..MergeChoices::default() };
    for item in choose {
        let parsed = item.rsplit_once('=').and_then(|(place, side)| {
            let (municipality, field) = place.split_once('/')?;
            let side = match side.trim() {
                "ours" | "здесь" => Side::Ours,
                "theirs" | "там" => Side::Theirs,
                _ => return None,
            };
            Some((municipality.trim().to_string(), field.trim().to_string(), side))
        });
        let Some((municipality, field, side)) = parsed else {
            anyhow::bail!("--choose «{item}»: ожидалось «Муниципалитет/поле=ours» или «Муниципалитет/поле=theirs»");
        };
        choices.fields.insert((municipality, field), side);
    }
    Ok(choices)
}

/// Imports a field package: plans the merge, reports it, applies what is decided.
fn import_package(
    db: &mut Db,
    file: &Path,
    sha256: &str,
    package: &interchange::FieldPackage,
    choices: &MergeChoices,
    out: &mut dyn Write,
) -> Result<()> {
    let source = format!("пакет с выезда {}", file.display());
    let plan = db.plan_merge(package, sha256, &source)?;
    if let Some(at) = &plan.already_imported {
        writeln!(out, "{}: этот пакет уже импортирован ({at}); ничего не изменено", file.display())?;
        return Ok(());
    }
    for (municipality, _) in choices.fields.keys() {
        if !plan.responses.iter().any(|r| r.municipality == *municipality) {
            anyhow::bail!("--choose: муниципалитета «{municipality}» нет в пакете {}", file.display());
        }
    }
    output::merge_plan(out, file, &plan)?;
    let summary = db.apply_merge(&plan, choices).with_context(|| format!("{}: импорт не выполнен", file.display()))?;
    output::merge_summary(out, &plan, &summary)?;
    Ok(())
}

/// Reads a questionnaire file of any supported kind, by its extension.
/// What an import file holds.
#[derive(Debug)]
pub enum ImportFile {
    /// Questionnaires (JSON or a workbook): imported as they are.
    Questionnaires(crate::model::Campaign),
    /// A field package («Экспорт для выезда»): merged against its bases.
    Package(interchange::FieldPackage),
}

/// Reads a file to import once — its bytes for the SHA-256 the import is recorded with, one
/// parse for its contents — for the command line and the app alike.
pub fn read_import_file(file: &Path) -> Result<(ImportFile, String)> {
    let bytes =
        std::fs::read(file).map_err(|error| interchange::InterchangeError::Io { path: file.to_path_buf(), error })?;
    let sha256 = sha256_hex(&bytes);
    let contents = match FileKind::of(file) {
        Some(FileKind::Xlsx | FileKind::Ods | FileKind::Csv) => ImportFile::Questionnaires(sheets::read_file(file)?),
        Some(FileKind::Json) | None => {
            let package = interchange::parse_package(&bytes).map_err(|problems| {
                interchange::InterchangeError::Invalid { file: file.display().to_string(), problems }
            })?;
            match package.head {
                Some(_) => ImportFile::Package(package),
                None => ImportFile::Questionnaires(package.campaign),
            }
        }
    };
    Ok((contents, sha256))
}

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
