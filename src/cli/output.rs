//! What the command line prints: readable tables and the `assess --json` contract.

use crate::methodology::text::{date, percent};
use crate::methodology::{Assessment, Indicator, Methodology, MunicipalityAssessment, PotentialLevel};
use crate::model::Campaign;
use crate::storage::{CampaignRow, ImportSummary, MergePlan, MergeSummary};
use serde_json::{Map, Value, json};
use std::io::{self, Write};
use std::path::Path;

/// Every municipality with every level and its reason.
pub fn assessment_table(out: &mut dyn Write, a: &Assessment) -> io::Result<()> {
    writeln!(out, "{}", a.title)?;
    writeln!(
        out,
        "Регион: {} · дата мониторинга: {} · методика: {} · муниципалитетов: {}",
        a.region,
        date(a.reference_date),
        a.methodology.id,
        a.municipalities.len()
    )?;
    for (i, m) in a.municipalities.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{:>2}. {}", i + 1, m.municipality)?;
        for (name, level, reason) in rows(m, &a.methodology) {
            writeln!(out, "    {name:<34} {level} — {reason}")?;
        }
    }
    writeln!(out)?;
    let n = a.municipalities.len();
    for level in
        [PotentialLevel::Sufficient, PotentialLevel::Admissible, PotentialLevel::Critical, PotentialLevel::Undetermined]
    {
        let k = a.count_where(|m| m.potential.level == level);
        writeln!(out, "Кадровый потенциал {}: {k} ({})", a.methodology.text(level), percent(k, n))?;
    }
    Ok(())
}

/// (indicator name, level label, reason) for each line of a municipality.
/// The service is shown by its colour: its reason already begins with the level's text.
fn rows<'a>(m: &'a MunicipalityAssessment, methodology: &'a Methodology) -> Vec<(String, &'a str, &'a str)> {
    let mut rows = vec![
        ("Служба".to_string(), m.service.level.colour().label(), m.service.reason.as_str()),
        (
            "Численность сотрудников".to_string(),
            methodology.text(m.staff_count_level.level),
            m.staff_count_level.reason.as_str(),
        ),
    ];
    for i in Indicator::ALL {
        let a = m.indicator(i);
        rows.push((i.title(methodology), methodology.text(a.level), a.reason.as_str()));
    }
    rows.push(("Кадровый потенциал".to_string(), methodology.text(m.potential.level), m.potential.reason.as_str()));
    rows.push(("Должностные обязанности".to_string(), methodology.text(m.duties.level), m.duties.reason.as_str()));
    rows.push((
        "Объединения педагогов".to_string(),
        methodology.text(m.associations.level),
        m.associations.reason.as_str(),
    ));
    rows
}

/// The machine-readable contract of `shared/interchange.md` (plus reasons).
pub fn assessment_value(a: &Assessment) -> Value {
    let municipalities: Vec<Value> = a
        .municipalities
        .iter()
        .map(|m| {
            let mut o = Map::new();
            o.insert("municipality".into(), json!(m.municipality));
            o.insert("service".into(), json!(m.service_form.code()));
            o.insert("service_level".into(), json!(m.service.level.code()));
            o.insert("service_declared".into(), json!(m.service_declared));
            o.insert("staff_count".into(), json!(m.staff_count));
            o.insert("staff_count_level".into(), json!(m.staff_count_level.level.code()));
            for i in Indicator::ALL {
                o.insert(i.code().into(), json!(m.indicator(i).level.code()));
            }
            o.insert("staffing_potential".into(), json!(m.potential.level.code()));
            o.insert("duties".into(), json!(m.duties.level.code()));
            o.insert(
                "missing_functions".into(),
                json!(m.missing_functions.iter().map(|f| f.code()).collect::<Vec<_>>()),
            );
            o.insert("duties_outdated".into(), json!(m.duties_outdated));
            o.insert("duties_approved_year".into(), json!(m.duties_approved_year));
            o.insert("associations".into(), json!(m.associations.level.code()));
            o.insert("other_structures".into(), json!(m.other_structures));
            let mut reasons = Map::new();
            reasons.insert("service_level".into(), json!(m.service.reason));
            reasons.insert("staff_count_level".into(), json!(m.staff_count_level.reason));
            for i in Indicator::ALL {
                reasons.insert(i.code().into(), json!(m.indicator(i).reason));
            }
            reasons.insert("staffing_potential".into(), json!(m.potential.reason));
            reasons.insert("duties".into(), json!(m.duties.reason));
            reasons.insert("associations".into(), json!(m.associations.reason));
            o.insert("reasons".into(), Value::Object(reasons));
            Value::Object(o)
        })
        .collect();
    json!({
        "campaign": { "title": a.title, "region": a.region, "reference_date": a.reference_date.to_string() },
        "methodology": a.methodology.id,
        "municipalities": municipalities,
    })
}

pub fn assessment_json(out: &mut dyn Write, a: &Assessment) -> io::Result<()> {
    let text = serde_json::to_string_pretty(&assessment_value(a)).map_err(io::Error::other)?;
    writeln!(out, "{text}")
}

pub fn import_summary(out: &mut dyn Write, file: &Path, c: &Campaign, s: &ImportSummary) -> io::Result<()> {
    let verb = if s.campaign_created { "создана" } else { "дополнена" };
    writeln!(out, "{}: кампания {} «{}» {verb}", file.display(), s.campaign_id, c.title)?;
    if s.changes == 0 {
        writeln!(out, "Изменений нет: все {} анкет совпадают с базой", s.unchanged)?;
    } else {
        writeln!(
            out,
            "Анкет добавлено: {}, обновлено: {}, без изменений: {}; записей в журнале изменений: {}",
            s.added, s.updated, s.unchanged, s.changes
        )?;
    }
    if let Some(backup) = &s.backup {
        writeln!(out, "Резервная копия базы до импорта: {}", backup.display())?;
    }
    Ok(())
}

pub fn campaigns(out: &mut dyn Write, db: &Path, rows: &[CampaignRow]) -> io::Result<()> {
    writeln!(out, "База данных: {}", db.display())?;
    if rows.is_empty() {
        return writeln!(out, "Кампаний нет; загрузите анкеты командой `mms-monitor import ФАЙЛ`");
    }
    writeln!(out, "{:>4}  {:<10}  {:>6}  {:<24}  Название", "№", "Дата", "Анкет", "Регион")?;
    for r in rows {
        writeln!(
            out,
            "{:>4}  {:<10}  {:>6}  {:<24}  {}",
            r.id,
            date(r.reference_date),
            r.responses,
            r.region,
            r.title
        )?;
        writeln!(out, "      id: {}", r.uuid)?;
    }
    Ok(())
}

/// What a field package will do, response by response, with every conflict side by side.
pub fn merge_plan(out: &mut dyn Write, file: &Path, plan: &MergePlan) -> io::Result<()> {
    writeln!(out, "{}: пакет с выезда, анкет: {}", file.display(), plan.responses.len())?;
    for r in &plan.responses {
        writeln!(out, "  {} — {}", r.municipality, r.outcome.label())?;
        if !r.taken.is_empty() {
            writeln!(out, "      из пакета принимаются поля: {}", r.taken.join(", "))?;
        }
        for c in &r.conflicts {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(нет)".into());
            writeln!(out, "      конфликт «{}» [{}/{}]", c.label, r.municipality, c.field)?;
            if let Some(base) = &c.base {
                writeln!(out, "        было:  {base}")?;
            }
            writeln!(out, "        здесь: {}", show(&c.ours))?;
            writeln!(out, "        там:   {}", show(&c.theirs))?;
        }
    }
    Ok(())
}

pub fn merge_summary(out: &mut dyn Write, plan: &MergePlan, s: &MergeSummary) -> io::Result<()> {
    writeln!(
        out,
        "Анкет добавлено: {}, обновлено: {}, без изменений: {}, оставлено как здесь: {}; записей в журнале изменений: {}",
        s.added, s.updated, s.unchanged, s.kept, s.changes
    )?;
    if s.conflicts_left > 0 {
        let example =
            plan.conflicts().next().map(|(m, c)| format!("--choose \"{m}/{}=theirs\"", c.field)).unwrap_or_default();
        writeln!(
            out,
            "Не записано анкет с нерешёнными конфликтами: {}. Повторите импорт с --resolve ours|theirs или с выбором по полю, например {example}",
            s.conflicts_left
        )?;
    }
    if let Some(backup) = &s.backup {
        writeln!(out, "Резервная копия базы до импорта: {}", backup.display())?;
    }
    Ok(())
}
