//! `mms-monitor programme import|list|assess|report|export|template`: target-indicator
//! programmes on the command line.

use crate::programme::{self, Period, Programme, ProgrammeAssessment};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::DbArg;

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Импортировать программу (.json) или значения из заполненного шаблона (.xlsx, .ods) в базу данных
    Import {
        /// Файл программы (.json, формат mms-monitor.programme) или шаблон значений (.xlsx, .ods)
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Список программ в базе данных
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// Оценить программу: каждый показатель за каждый период с обоснованием, план мероприятий
    Assess {
        #[command(flatten)]
        which: Which,
        #[command(flatten)]
        when: When,
        /// Вывести результат в JSON (docs/programmes.md)
        #[arg(long)]
        json: bool,
    },
    /// Сформировать краткий отчёт по программе в PDF или DOCX
    Report {
        #[command(flatten)]
        which: Which,
        #[command(flatten)]
        when: When,
        /// Куда записать отчёт (.pdf или .docx)
        #[arg(long, value_name = "ОТЧЁТ.pdf")]
        out: PathBuf,
    },
    /// Выгрузить программу из базы со всеми значениями: .json или .xlsx (шаблон с внесёнными значениями)
    Export {
        /// Номер или код программы (см. `programme list`)
        #[arg(long)]
        programme: String,
        /// Куда записать файл (.json или .xlsx)
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Записать шаблон XLSX для ввода значений программы
    Template {
        #[command(flatten)]
        which: Which,
        /// Куда записать шаблон (.xlsx)
        #[arg(long)]
        out: PathBuf,
    },
}

/// A programme from a file or from the database.
#[derive(Debug, Args)]
pub struct Which {
    /// Файл программы (.json) — без базы данных
    #[arg(long, conflicts_with_all = ["programme", "db"])]
    pub input: Option<PathBuf>,
    /// Номер или код программы в базе данных
    #[arg(long)]
    pub programme: Option<String>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct When {
    /// Только этот отчётный период: 2021 (год) или 2022-1, 2022-2 (полугодие)
    #[arg(long, value_name = "ПЕРИОД")]
    pub period: Option<String>,
    /// Дата, на которую определяется выполнение плана (ГГГГ-ММ-ДД); по умолчанию — конец
    /// периода, если он уже прошёл, иначе сегодня
    #[arg(long, value_name = "ДАТА", value_parser = super::calendar_date_argument)]
    pub date: Option<NaiveDate>,
}

pub fn run(command: ProgrammeCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        ProgrammeCommand::Import { file, db } => import(&file, db.db.as_deref(), out),
        ProgrammeCommand::List { db } => {
            let db = super::open_for_reading(db.db.as_deref())?;
            let rows = db.programmes()?;
            if rows.is_empty() {
                writeln!(
                    out,
                    "В базе {} нет программ; импортируйте файл: mms-monitor programme import ФАЙЛ.json",
                    db.path().display()
                )?;
            }
            for r in rows {
                writeln!(out, "{:>3}  {}  «{}» — {} (значений: {})", r.id, r.code, r.title, r.owner, r.values)?;
            }
            Ok(())
        }
        ProgrammeCommand::Assess { which, when, json } => {
            let p = load(&which)?;
            let a = assess(&p, &when)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&assessment_json(&p, &a))?)?;
            } else {
                table(out, &a)?;
            }
            Ok(())
        }
        ProgrammeCommand::Report { which, when, out: path } => {
            let format = crate::report::Format::from_path(&path).with_context(|| {
                format!("{}: неизвестный формат отчёта — укажите файл с расширением .pdf или .docx", path.display())
            })?;
            let p = load(&which)?;
            let a = assess(&p, &when)?;
            let pdf = crate::report::programme::render(format, &p, &a, None)?;
            crate::files::write_atomic(&path, &pdf, crate::files::Access::Shared).map_err(|e| {
                anyhow::anyhow!("{}: не удалось записать отчёт: {}", path.display(), crate::files::describe(&e))
            })?;
            writeln!(
                out,
                "Отчёт по программе «{}» записан в {} ({} КБ)",
                p.title,
                path.display(),
                pdf.len().div_ceil(1024)
            )?;
            Ok(())
        }
        ProgrammeCommand::Export { programme: spec, out: path, db } => {
            let db = super::open_for_reading(db.db.as_deref())?;
            let p = db.load_programme(&spec)?;
            if is_xlsx(&path) {
                crate::sheets::programme::write_template(&path, &p)?;
            } else {
                programme::write_file(&p, &path)?;
            }
            writeln!(out, "Программа «{}» выгружена в {} (значений: {})", p.title, path.display(), p.values.len())?;
            Ok(())
        }
        ProgrammeCommand::Template { which, out: path } => {
            let mut p = load(&which)?;
            if !is_xlsx(&path) {
                anyhow::bail!("{}: шаблон записывается только в формате .xlsx", path.display());
            }
            p.values.clear();
            crate::sheets::programme::write_template(&path, &p)?;
            writeln!(
                out,
                "Шаблон значений программы «{}» записан в {}; заполненный импортируйте командой mms-monitor programme import {}",
                p.title,
                path.display(),
                path.display()
            )?;
            Ok(())
        }
    }
}

fn is_xlsx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn import(file: &Path, db: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let mut db = super::open_for_writing(db, out)?;
    let source = format!("импорт {}", file.display());
    let p = crate::workspace::read_programme_file(&db, file)?;
    let summary =
        db.import_programme(&p, &source).with_context(|| format!("{}: импорт не выполнен", file.display()))?;
    writeln!(out, "{}", crate::workspace::programme_import_summary(&p, &summary))?;
    Ok(())
}

fn load(which: &Which) -> Result<Programme> {
    match (&which.input, &which.programme) {
        (Some(file), _) => Ok(programme::read_file(file)?),
        (None, Some(spec)) => {
            let db = super::open_for_reading(which.db.db.as_deref())?;
            Ok(db.load_programme(spec)?)
        }
        (None, None) => anyhow::bail!("укажите --input ФАЙЛ.json или --programme КОД (с --db ПУТЬ)"),
    }
}

/// The period asked for and the reporting date.
fn assess(p: &Programme, when: &When) -> Result<ProgrammeAssessment> {
    let period = match &when.period {
        None => None,
        Some(code) => {
            let parsed = Period::parse(code).filter(|x| p.periods.contains(x));
            let Some(parsed) = parsed else {
                let list: Vec<String> = p.periods.iter().map(|x| x.code()).collect();
                anyhow::bail!(
                    "--period «{code}»: в программе «{}» нет такого периода; есть: {}",
                    p.title,
                    list.join(", ")
                );
            };
            Some(parsed)
        }
    };
    let today = chrono::Local::now().date_naive();
    let date = when.date.unwrap_or_else(|| period.map(|x| x.end().min(today)).unwrap_or(today));
    Ok(programme::assess(p, period, date))
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map(|s| json!(s)).unwrap_or(Value::Null)
}

/// The `programme assess --json` contract (docs/programmes.md).
pub fn assessment_json(p: &Programme, a: &ProgrammeAssessment) -> Value {
    json!({
        "programme": {
            "code": a.code,
            "title": a.title,
            "owner": a.owner,
            "reporting": p.reporting.code(),
            "periods": p.periods.iter().map(|x| x.code()).collect::<Vec<_>>(),
        },
        "date": a.date.to_string(),
        "indicators": a.results.iter().map(|r| json!({
            "code": &*r.code,
            "title": &*r.title,
            "period": r.period.code(),
            "municipality": &*r.municipality,
            "target": r.target.as_deref(),
            "value": opt(&r.value),
            "result": r.outcome.code(),
            "reason": r.reason,
            "change": r.change.map(|c| json!(c.code())).unwrap_or(Value::Null),
            "source": opt(&r.source),
        })).collect::<Vec<_>>(),
        "summary": a.summaries.iter().map(|s| json!({
            "period": s.period.code(),
            "municipality": s.municipality,
            "achieved": s.achieved,
            "not_achieved": s.not_achieved,
            "no_data": s.no_data,
            "with_target": s.with_target,
            "reason": s.reason,
        })).collect::<Vec<_>>(),
        "baselines": a.baselines.iter().map(|(code, value)| json!({"code": code, "value": value})).collect::<Vec<_>>(),
        "plan": a.plan.iter().map(|x| json!({
            "number": x.number,
            "title": x.title,
            "term": opt(&x.term),
            "deadline": x.deadline.map(|d| json!(d.to_string())).unwrap_or(Value::Null),
            "status": x.status.code(),
            "reason": x.reason,
        })).collect::<Vec<_>>(),
    })
}

/// The readable form: per unit and period, each indicator with its result and reason.
fn table(out: &mut dyn Write, a: &ProgrammeAssessment) -> Result<()> {
    writeln!(out, "Программа «{}» ({}, {})", a.title, a.owner, a.span)?;
    for (code, value) in &a.baselines {
        writeln!(out, "  исходное значение показателя {code}: {value}")?;
    }
    for s in &a.summaries {
        writeln!(out)?;
        if a.units.len() > 1 {
            write!(out, "{} — ", s.municipality)?;
        }
        writeln!(out, "{}: {}", s.period.label(), s.reason)?;
        for r in a.results.iter().filter(|r| r.period == s.period && *r.municipality == *s.municipality) {
            let change = r.change.map(|c| format!(" [{}]", c.label())).unwrap_or_default();
            writeln!(out, "  {:<5} {} — {}{change}", r.code, r.outcome.label(), r.reason)?;
        }
    }
    if !a.plan.is_empty() {
        let count = |s| a.plan.iter().filter(|x| x.status == s).count();
        use programme::ActivityStatus::*;
        writeln!(
            out,
            "\nПлан мероприятий на {}: выполнено {}, выполняется {}, просрочено {}",
            crate::methodology::text::date(a.date),
            count(Done),
            count(InProgress),
            count(Overdue)
        )?;
        for x in a.overdue() {
            writeln!(out, "  просрочено: {} {} — {}", x.number, x.title, x.reason)?;
        }
    }
    Ok(())
}
