//! The command line: `assess`, `import`, `export`, `report`, `campaigns`, on the same core as the app.

mod campaign_date;
mod dynamics;
pub mod help;
mod methodology;
mod municipalities;
mod new_campaign;
mod output;
pub mod programme;
mod registry;
mod review;

use crate::interchange;
use crate::methodology::{Methodology, assess};
use crate::report::{self, NoteTexts, ReportOptions};
use crate::sheets::{self, TemplateHead};
use crate::storage::{Db, MergeChoices, MergePlan, Side};
use crate::workspace::{self, Access, ImportFile, read_import_file, read_questionnaires};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

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
        /// Только проверенные анкеты (статус «проверена», см. `review`)
        #[arg(long, conflicts_with = "field")]
        checked_only: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Записать шаблон для заполнения анкет (.xlsx, или .csv)
    Template(TemplateArgs),
    /// Сформировать аналитическую справку в PDF
    Report(ReportArgs),
    /// Методика оценки кампании: выгрузить в файл или заменить из файла
    Methodology(methodology::MethodologyArgs),
    /// Список кампаний в базе данных
    Campaigns {
        #[command(flatten)]
        db: DbArg,
    },
    /// Динамика: кампания в сравнении с предыдущей кампанией региона (или с указанной)
    Dynamics(dynamics::DynamicsArgs),
    /// Новая кампания из анкет прошлой: сотрудники переносятся с их историей, прошлая кампания не меняется
    NewCampaign(new_campaign::NewCampaignArgs),
    /// Исправить дату мониторинга кампании (например, сохранённую прежней версией с годом из одной цифры)
    CampaignDate(campaign_date::CampaignDateArgs),
    /// Реестр работников ММС по всем кампаниям; --due — у кого обучение истекает до следующего мониторинга
    Registry(registry::RegistryArgs),
    /// История муниципалитетов: переименования, преобразования МР → МО, объединения (список или --add)
    Municipalities(municipalities::MunicipalitiesArgs),
    /// Проверка анкет: статусы «черновик», «на доработке», «проверена» (список или --status)
    Review(review::ReviewArgs),
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
    #[arg(long, value_name = "ДАТА", value_parser = date_argument)]
    pub reference_date: Option<crate::model::Date>,
}

/// A date on the command line: ГГГГ-ММ-ДД, checked like a date in a file.
pub(crate) fn date_argument(text: &str) -> Result<crate::model::Date, String> {
    crate::model::Date::parse_iso(text)
}

/// The same check for the options whose date is kept as chrono's (`--next-date`, a
/// municipality's change, a programme's date): chrono alone reads «2-09-01» as the year 2.
pub(crate) fn calendar_date_argument(text: &str) -> Result<chrono::NaiveDate, String> {
    date_argument(text).map(crate::model::Date::get)
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
    /// Оценить по методике из файла JSON (формат mms-monitor.methodology) вместо методики кампании
    #[arg(long, value_name = "FILE")]
    pub methodology: Option<PathBuf>,
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
    /// Куда записать справку: .pdf или .docx (формат — по расширению)
    #[arg(long, value_name = "NOTE.pdf|NOTE.docx")]
    pub out: PathBuf,
    /// Указать ФИО сотрудников в адресных рекомендациях (персональные данные)
    #[arg(long)]
    pub with_names: bool,
    /// Только проверенные анкеты (статус «проверена», см. `review`)
    #[arg(long, requires = "campaign")]
    pub checked_only: bool,
    /// Справка по методике из файла JSON (формат mms-monitor.methodology) вместо методики кампании
    #[arg(long, value_name = "FILE")]
    pub methodology: Option<PathBuf>,
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
                    let choose = parse_choices(&choose)?;
                    let mut db = open_for_writing(db.db.as_deref(), out)?;
                    return import_package(&mut db, &file, &sha256, &package, (resolve, &choose), out);
                }
                ImportFile::Questionnaires(campaign) => campaign,
            };
            if resolve.is_some() || !choose.is_empty() {
                anyhow::bail!(
                    "{}: --resolve и --choose относятся только к пакетам «Экспорт для выезда» (export --field)",
                    file.display()
                );
            }
            let mut db = open_for_writing(db.db.as_deref(), out)?;
            let source = format!("импорт {}", file.display());
            let summary = db
                .import_campaign_file(&campaign, &source, Some(&sha256))
                .with_context(|| format!("{}: импорт не выполнен", file.display()))?;
            output::import_summary(out, &file, &campaign, &summary)?;
            Ok(())
        }
        Command::Export { campaign, out: path, with_names, field, municipality, checked_only, db } => {
            let mut db = open_for_reading(db.db.as_deref())?;
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
            if checked_only {
                review::keep_checked(&db, row.id, &mut c, out)?;
            }
            if !with_names {
                c.withhold_names();
            }
            let m = db.campaign_methodology(row.id)?;
            let dynamics = crate::dynamics::load::for_note(&db, row.id, checked_only)?;
            workspace::export_file(&path, &c, &assess(&c, &m), dynamics.as_deref())?;
            if let (Some(d), Some(sheets::FileKind::Xlsx)) = (&dynamics, sheets::FileKind::of(&path)) {
                writeln!(out, "Лист «Динамика»: в сравнении с кампанией {} «{}»", d.against.number, d.against.title)?;
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
            head.reference_date = args.reference_date.map(crate::model::Date::get);
            sheets::write_template(&args.out, &head)?;
            writeln!(out, "Шаблон записан в {}", args.out.display())?;
            Ok(())
        }
        Command::Report(args) => run_report(args, out),
        Command::Methodology(args) => methodology::run(args, out),
        Command::Dynamics(args) => dynamics::run(args, out),
        Command::NewCampaign(args) => new_campaign::run(args, out),
        Command::CampaignDate(args) => campaign_date::run(args, out),
        Command::Registry(args) => registry::run(args, out),
        Command::Municipalities(args) => municipalities::run(args, out),
        Command::Review(args) => review::run(args, out),
        Command::Programme(command) => programme::run(command, out),
        Command::Campaigns { db } => {
            let db = open_for_reading(db.db.as_deref())?;
            output::campaigns(out, db.path(), &db.campaigns()?)?;
            Ok(())
        }
    }
}

/// A `--choose` as typed: (municipality, field, side).
type RawChoice = (String, String, Side);

/// Parses `--choose «Муниципалитет/поле=ours|theirs»`; matching against the package's conflicts
/// happens once the merge is planned.
fn parse_choices(choose: &[String]) -> Result<Vec<RawChoice>> {
    choose
        .iter()
        .map(|item| {
            let parsed = item.rsplit_once('=').and_then(|(place, side)| {
                let (municipality, field) = place.split_once('/')?;
                let side = match side.trim() {
                    "ours" | "здесь" => Side::Ours,
                    "theirs" | "там" => Side::Theirs,
                    _ => return None,
                };
                Some((municipality.trim().to_string(), field.trim().to_string(), side))
            });
            parsed.ok_or_else(|| {
                anyhow::anyhow!(
                    "--choose «{item}»: ожидалось «Муниципалитет/поле=ours» или «Муниципалитет/поле=theirs»"
                )
            })
        })
        .collect()
}

/// The merge choices for a plan: `--resolve` for every conflict, each `--choose` matched to
/// a conflict of the plan (an error naming the nearest when it matches none).
fn merge_choices(plan: &MergePlan, resolve: Option<ResolveSide>, choose: &[RawChoice]) -> Result<MergeChoices> {
    let mut choices = MergeChoices { all: resolve.map(Side::from), ..MergeChoices::default() };
    for (municipality, field, side) in choose {
        let key = plan
            .find_conflict(municipality, field)
            .map_err(|e| anyhow::anyhow!("--choose «{municipality}/{field}»: {e}"))?;
        choices.fields.insert(key, *side);
    }
    Ok(choices)
}

/// Exit code of an import of a field package that left conflicts unresolved (the rest is
/// imported; the file can be imported again with choices).
pub const EXIT_CONFLICTS: u8 = 3;

/// The import of a package finished with conflicts nobody chose a side for.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}: импорт не завершён — анкет с нерешёнными конфликтами: {count}; выберите сторону (--resolve или --choose) и импортируйте файл ещё раз"
)]
pub struct ConflictsLeft {
    pub file: String,
    pub count: usize,
}

/// The process exit code for an error `run` returned: [`EXIT_CONFLICTS`] for unresolved
/// conflicts, 1 otherwise.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<ConflictsLeft>().is_some() { EXIT_CONFLICTS } else { 1 }
}

/// Imports a field package: plans the merge, reports it, applies what is decided.
fn import_package(
    db: &mut Db,
    file: &Path,
    sha256: &str,
    package: &interchange::FieldPackage,
    (resolve, choose): (Option<ResolveSide>, &[RawChoice]),
    out: &mut dyn Write,
) -> Result<()> {
    let source = format!("пакет с выезда {}", file.display());
    let plan = db.plan_merge(package, sha256, &source)?;
    if let Some(at) = &plan.already_imported {
        writeln!(out, "{}: этот пакет уже импортирован ({at}); ничего не изменено", file.display())?;
        return Ok(());
    }
    output::merge_plan(out, file, &plan)?;
    let choices =
        merge_choices(&plan, resolve, choose).with_context(|| format!("{}: импорт не выполнен", file.display()))?;
    let summary = db.apply_merge(&plan, &choices).with_context(|| format!("{}: импорт не выполнен", file.display()))?;
    output::merge_summary(out, &plan, &summary)?;
    if summary.conflicts_left > 0 {
        return Err(ConflictsLeft { file: file.display().to_string(), count: summary.conflicts_left }.into());
    }
    Ok(())
}

fn run_assess(args: AssessArgs, out: &mut dyn Write) -> Result<()> {
    let chosen = args.methodology.as_deref().map(methodology::read).transpose()?;
    let (campaign, stored) = match (&args.input, &args.campaign) {
        (Some(file), _) => (read_questionnaires(file)?, Methodology::default()),
        (None, Some(spec)) => {
            let db = open_for_reading(args.db.db.as_deref())?;
            let row = db.find_campaign(spec)?;
            (db.load_campaign(row.id)?, db.campaign_methodology(row.id)?)
        }
        (None, None) => anyhow::bail!("укажите --input ФАЙЛ или --campaign НОМЕР (с --db ПУТЬ)"),
    };
    let assessment = assess(&campaign, &chosen.unwrap_or(stored));
    if args.json {
        output::assessment_json(out, &assessment)?;
    } else {
        output::assessment_table(out, &assessment)?;
    }
    exiting(campaign);
    exiting(assessment);
    Ok(())
}

/// A value the process no longer needs just before it exits: the system frees its memory at
/// once, where freeing a federal campaign's million allocations one by one took a tenth of
/// `assess --input`.
fn exiting<T>(value: T) {
    std::mem::forget(value);
}

fn run_report(args: ReportArgs, out: &mut dyn Write) -> Result<()> {
    // Read first, as `assess` does: a refused methodology file stops before anything else.
    let chosen = args.methodology.as_deref().map(methodology::read).transpose()?;
    let (campaign, texts, stored, compared) = match (&args.input, &args.campaign) {
        (Some(file), _) => {
            let campaign = interchange::read_file(file)?;
            let texts = NoteTexts::defaults_for(&campaign);
            (campaign, texts, Methodology::default(), None)
        }
        (None, Some(spec)) => {
            let db = open_for_reading(args.db.db.as_deref())?;
            let row = db.find_campaign(spec)?;
            let mut campaign = db.load_campaign(row.id)?;
            if args.checked_only {
                review::keep_checked(&db, row.id, &mut campaign, out)?;
            }
            let texts = NoteTexts::defaults_for(&campaign).with_texts(&db.texts(row.id)?);
            // The «Динамика» section compares with the previous campaign, when there is one.
            let compared = crate::dynamics::load::for_note(&db, row.id, args.checked_only)?;
            (campaign, texts, db.campaign_methodology(row.id)?, compared)
        }
        (None, None) => anyhow::bail!("укажите --input ФАЙЛ или --campaign НОМЕР (с --db ПУТЬ)"),
    };
    let format = report::Format::from_path(&args.out).with_context(|| {
        format!("{}: неизвестный формат справки — укажите файл с расширением .pdf или .docx", args.out.display())
    })?;
    let assessment = assess(&campaign, &chosen.unwrap_or(stored));
    let options = ReportOptions {
        show_staff_names: args.with_names,
        dynamics: compared.as_deref().map(report::dynamics::section),
        ..ReportOptions::default()
    };
    let pdf = report::render(format, &campaign, &assessment, &texts, &options)?;
    crate::files::write_atomic(&args.out, &pdf, crate::files::Access::for_names(args.with_names)).map_err(|e| {
        anyhow::anyhow!("{}: не удалось записать справку: {}", args.out.display(), crate::files::describe(&e))
    })?;
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
    exiting((campaign, assessment, pdf));
    Ok(())
}

/// Opens a database that is only read: a `--db` that does not exist is an error.
fn open_for_reading(path: Option<&Path>) -> Result<Db> {
    Ok(workspace::open_db(path, Access::Read)?.db)
}

/// Opens a database to write to, saying on `out` what had to be created for it.
fn open_for_writing(path: Option<&Path>, out: &mut dyn Write) -> Result<Db> {
    let opened = workspace::open_db(path, Access::Write)?;
    if let Some(message) = opened.created_message().filter(|_| path.is_some()) {
        writeln!(out, "{message}")?;
    }
    Ok(opened.db)
}
