//! `mms-monitor registry`: the staff registry (реестр работников ММС) over all campaigns — every
//! person with their course history, the proposed matches to confirm, and with `--due` the
//! people whose training lapses before the next monitoring. Names only with `--with-names`.

use super::{DbArg, open_for_reading};
use crate::methodology::Methodology;
use crate::methodology::text::{date, years};
use crate::people::{Due, Person, Registry, StaffRecord, build, training_due};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// Только сотрудники, у которых обучение (ППК) выходит из трёхлетнего окна до следующего мониторинга
    #[arg(long)]
    pub due: bool,
    /// Дата следующего мониторинга для --due, ГГГГ-ММ-ДД (по умолчанию — через год после последней кампании)
    #[arg(long, value_name = "ДАТА", requires = "due", value_parser = super::calendar_date_argument)]
    pub next_date: Option<NaiveDate>,
    /// Только этот муниципалитет
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub municipality: Option<String>,
    /// Только эта должность (без учёта регистра)
    #[arg(long, value_name = "ДОЛЖНОСТЬ")]
    pub position: Option<String>,
    /// Только это образование: higher_pedagogical, higher_other, secondary_vocational, other
    #[arg(long, value_name = "КОД")]
    pub education: Option<String>,
    /// Вывести результат в JSON
    #[arg(long)]
    pub json: bool,
    /// Показать ФИО сотрудников (персональные данные)
    #[arg(long)]
    pub with_names: bool,
    /// Записать список в файл .xlsx или .csv
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Подтвердить совпадение: «СОТРУДНИК=ЧЕЛОВЕК» (идентификаторы из списка возможных совпадений)
    #[arg(long, value_name = "СОТРУДНИК=ЧЕЛОВЕК")]
    pub confirm: Vec<String>,
    /// Отклонить совпадение: «СОТРУДНИК=ЧЕЛОВЕК»; оно больше не предлагается
    #[arg(long, value_name = "СОТРУДНИК=ЧЕЛОВЕК")]
    pub reject: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
}

fn pair(flag: &str, text: &str) -> Result<(Uuid, Uuid)> {
    let parsed = text
        .split_once('=')
        .and_then(|(s, p)| Some((Uuid::parse_str(s.trim()).ok()?, Uuid::parse_str(p.trim()).ok()?)));
    parsed.with_context(|| {
        format!("{flag} «{text}»: ожидалось «СОТРУДНИК=ЧЕЛОВЕК» — два идентификатора из списка возможных совпадений")
    })
}

pub fn run(args: RegistryArgs, out: &mut dyn Write) -> Result<()> {
    let mut db = open_for_reading(args.db.db.as_deref())?;
    for text in &args.confirm {
        let (staff, person) = pair("--confirm", text)?;
        db.confirm_person(staff, person)?;
        writeln!(out, "Подтверждено: запись {staff} — тот же человек, что {person}")?;
    }
    for text in &args.reject {
        let (staff, person) = pair("--reject", text)?;
        db.reject_person(staff, person)?;
        writeln!(out, "Отклонено: запись {staff} — не {person}; это совпадение больше не предлагается")?;
    }
    let mut registry = build(db.staff_records()?, &db.person_rejections()?);
    if let Some(name) = args.municipality.as_deref() {
        let known = registry.people.iter().any(|p| p.records.iter().any(|r| r.municipality == name));
        if !known {
            anyhow::bail!("--municipality: муниципалитета «{name}» нет среди анкет базы");
        }
        registry.people.retain(|p| p.latest().is_some_and(|r| r.municipality == name));
        registry.proposals.retain(|p| p.municipality == name);
    }
    if let Some(position) = args.position.as_deref() {
        let wanted = position.trim().to_lowercase();
        registry.people.retain(|p| {
            p.latest().and_then(|r| r.position.as_deref()).is_some_and(|x| x.trim().to_lowercase() == wanted)
        });
    }
    if let Some(code) = args.education.as_deref() {
        let Some(education) = crate::model::Education::from_code(code.trim()) else {
            anyhow::bail!("--education «{code}»: ожидалось одно из: {}", crate::model::Education::codes());
        };
        registry.people.retain(|p| p.latest().is_some_and(|r| r.education == education));
    }
    // The training window is the newest campaign's own methodology (the built-in one when the
    // database holds none), as the assessment of that campaign uses it.
    let m = match db.campaigns()?.iter().max_by_key(|c| c.reference_date) {
        Some(newest) => db.campaign_methodology(newest.id)?,
        None => Methodology::default(),
    };
    let due = args.due.then(|| training_due(&registry, &m, args.next_date));
    let names = args.with_names;
    if let Some(path) = &args.out {
        let (sheet, headers, rows) = match &due {
            Some(due) => ("Обучение", DUE_HEADERS, due.iter().map(|d| due_row(d, names)).collect::<Vec<_>>()),
            None => ("Реестр", PERSON_HEADERS, registry.people.iter().map(|p| person_row(p, names)).collect()),
        };
        let headers: Vec<&str> = headers.iter().copied().filter(|h| names || *h != "ФИО").collect();
        crate::sheets::write_list(path, sheet, &headers, &rows, names)?;
        writeln!(out, "Список записан в {} (строк: {})", path.display(), rows.len())?;
        if !names {
            writeln!(out, "ФИО сотрудников не выгружены; чтобы включить их, добавьте --with-names")?;
        }
        return Ok(());
    }
    if args.json {
        let text = serde_json::to_string_pretty(&value(&registry, due.as_deref(), names)).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    match &due {
        Some(due) => due_table(out, due, &registry, args.next_date, names)?,
        None => people_table(out, &registry, names)?,
    }
    Ok(())
}

const PERSON_HEADERS: &[&str] = &[
    "Муниципалитет",
    "ФИО",
    "Должность",
    "Образование",
    "Стаж в ММС, лет",
    "Стаж в ОО, лет",
    "Кампании",
    "Курсы повышения квалификации",
];

const DUE_HEADERS: &[&str] =
    &["Муниципалитет", "ФИО", "Должность", "Последний курс", "Дата окончания курса", "Курс действует до"];

fn latest(p: &Person) -> Option<&StaffRecord> {
    p.latest()
}

fn course_text(c: &crate::model::Course) -> String {
    format!("{} «{}», {} ч{}", date(c.completed), c.title, c.hours, if c.relevant { "" } else { " (не учитывается)" })
}

fn campaigns_text(p: &Person) -> String {
    p.records.iter().map(|r| r.reference_date.format("%Y").to_string()).collect::<Vec<_>>().join(", ")
}

fn person_row(p: &Person, names: bool) -> Vec<String> {
    let Some(r) = latest(p) else { return Vec::new() };
    let mut row = vec![r.municipality.clone()];
    if names {
        row.push(r.name.clone().unwrap_or_default());
    }
    row.extend([
        r.position.clone().unwrap_or_default(),
        r.education.label().to_string(),
        years(r.service_years),
        years(r.school_years),
        campaigns_text(p),
        p.courses().iter().map(|c| course_text(c)).collect::<Vec<_>>().join("; "),
    ]);
    row
}

fn due_row(d: &Due, names: bool) -> Vec<String> {
    let Some(r) = latest(d.person) else { return Vec::new() };
    let mut row = vec![r.municipality.clone()];
    if names {
        row.push(r.name.clone().unwrap_or_default());
    }
    row.extend([
        r.position.clone().unwrap_or_default(),
        d.last_course.map(|c| c.title.clone()).unwrap_or_else(|| "нет".into()),
        d.last_course.map(|c| date(c.completed)).unwrap_or_default(),
        d.valid_until.map(date).unwrap_or_default(),
    ]);
    row
}

fn person_value(p: &Person, names: bool) -> Value {
    let r = latest(p);
    json!({
        "person": p.id.to_string(),
        "name": if names { json!(r.and_then(|r| r.name.clone())) } else { Value::Null },
        "municipality": r.map(|r| r.municipality.clone()),
        "region": r.map(|r| r.region.clone()),
        "position": r.and_then(|r| r.position.clone()),
        "education": r.map(|r| r.education.code()),
        "service_years": r.map(|r| r.service_years.get()),
        "school_years": r.map(|r| r.school_years.get()),
        "records": p.records.iter().map(|r| json!({
            "staff": r.staff.to_string(),
            "campaign": r.campaign,
            "reference_date": r.reference_date.to_string(),
            "municipality": r.municipality,
        })).collect::<Vec<_>>(),
        "courses": p.courses().iter().map(|c| json!({
            "title": c.title, "hours": c.hours.get(), "completed": c.completed.to_string(), "relevant": c.relevant,
        })).collect::<Vec<_>>(),
    })
}

fn value(registry: &Registry, due: Option<&[Due]>, names: bool) -> Value {
    let proposals: Vec<Value> = registry
        .proposals
        .iter()
        .map(|p| {
            json!({
                "staff": p.staff.to_string(),
                "person": p.person.to_string(),
                "municipality": p.municipality,
                "name": if names { json!(p.name) } else { Value::Null },
                "position": p.position,
                "campaign": p.campaign,
                "earlier_campaign": p.earlier_campaign,
            })
        })
        .collect();
    let mut out = json!({
        "people": registry.people.iter().map(|p| person_value(p, names)).collect::<Vec<_>>(),
        "proposals": proposals,
    });
    if let (Some(due), Some(o)) = (due, out.as_object_mut()) {
        let list: Vec<Value> = due
            .iter()
            .map(|d| {
                json!({
                    "person": d.person.id.to_string(),
                    "last_course": d.last_course.map(|c| json!({"title": c.title, "hours": c.hours.get(), "completed": c.completed.to_string()})),
                    "valid_until": d.valid_until.map(|v| v.to_string()),
                })
            })
            .collect();
        o.insert("due".into(), Value::Array(list));
    }
    out
}

/// «Иванова А. П. — методист» with names, «методист» without.
fn who(r: &StaffRecord, names: bool) -> String {
    let position = r.position.clone().unwrap_or_else(|| "должность не указана".into());
    match (names, &r.name) {
        (true, Some(name)) => format!("{name} — {position}"),
        _ => position,
    }
}

fn people_table(out: &mut dyn Write, registry: &Registry, names: bool) -> io::Result<()> {
    writeln!(out, "Реестр работников ММС: {} чел.", registry.people.len())?;
    let mut place: Option<(&str, &str)> = None;
    let mut k = 0;
    for p in &registry.people {
        let Some(r) = latest(p) else { continue };
        if place != Some((r.region.as_str(), r.municipality.as_str())) {
            place = Some((r.region.as_str(), r.municipality.as_str()));
            k = 0;
            writeln!(out)?;
            writeln!(out, "{} · {}", r.region, r.municipality)?;
        }
        k += 1;
        writeln!(
            out,
            "{k:>4}. {} · {} · стаж в ММС {}, в ОО {} · кампании: {}",
            who(r, names),
            r.education.label(),
            years(r.service_years),
            years(r.school_years),
            campaigns_text(p)
        )?;
        for c in p.courses() {
            writeln!(out, "        ППК: {}", course_text(c))?;
        }
    }
    if !registry.proposals.is_empty() {
        writeln!(out)?;
        writeln!(out, "Возможные совпадения — подтвердите (--confirm) или отклоните (--reject):")?;
        for p in &registry.proposals {
            let name = if names { format!("{} — ", p.name) } else { "ФИО совпадает — ".into() };
            writeln!(
                out,
                "  {} · {name}{} · кампания {} и кампания {}: {}={}",
                p.municipality,
                p.position.as_deref().unwrap_or("должность не указана"),
                p.campaign,
                p.earlier_campaign,
                p.staff,
                p.person
            )?;
        }
    }
    if !names {
        writeln!(out)?;
        writeln!(out, "ФИО сотрудников не показаны; чтобы показать их, добавьте --with-names")?;
    }
    Ok(())
}

fn due_table(
    out: &mut dyn Write,
    due: &[Due],
    registry: &Registry,
    next: Option<NaiveDate>,
    names: bool,
) -> io::Result<()> {
    let newest = registry.people.iter().filter_map(|p| p.latest()).map(|r| r.reference_date).max();
    let when = next.or(newest.map(crate::people::next_reference_date));
    let when = when.map(|d| format!(" ({})", date(d))).unwrap_or_default();
    writeln!(out, "Обучение истекает до следующего мониторинга{when}: {} чел.", due.len())?;
    for d in due {
        let Some(r) = latest(d.person) else { continue };
        let course = match (d.last_course, d.valid_until) {
            (Some(c), Some(until)) => format!("последний курс {}, действует до {}", course_text(c), date(until)),
            _ => "курсов повышения квалификации, которые учитываются, нет".to_string(),
        };
        writeln!(out, "  {} · {}: {course}", r.municipality, who(r, names))?;
    }
    if !names {
        writeln!(out, "ФИО сотрудников не показаны; чтобы показать их, добавьте --with-names")?;
    }
    Ok(())
}
