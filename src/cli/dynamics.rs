//! `mms-monitor dynamics`: a campaign compared with the previous one of its region (or one the
//! analyst names), as a readable table or as the JSON of docs/interchange.md.

use super::open_for_reading;
use crate::dynamics::load::{Compared, for_campaign};
use crate::dynamics::{CampaignInfo, Change, Dynamics, LevelKey, Share, text};
use crate::methodology::text::date;
use anyhow::Result;
use clap::Args;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

#[derive(Debug, Args)]
pub struct DynamicsArgs {
    /// Номер или идентификатор кампании (см. `campaigns`)
    #[arg(long)]
    pub campaign: String,
    /// С какой кампанией сравнить (по умолчанию — с предыдущей кампанией того же региона)
    #[arg(long, value_name = "M")]
    pub against: Option<String>,
    /// Вывести результат в JSON (контракт interchange.md)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: super::DbArg,
}

pub fn run(args: DynamicsArgs, out: &mut dyn Write) -> Result<()> {
    let db = open_for_reading(args.db.db.as_deref())?;
    let number = db.find_campaign(&args.campaign)?.id;
    let against = args.against.as_deref().map(|spec| db.find_campaign(spec).map(|row| row.id)).transpose()?;
    let compared = for_campaign(&db, number, against)?;
    if args.json {
        let text = serde_json::to_string_pretty(&value(&compared)).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    match &compared {
        Compared::NoPrevious(c) => writeln!(
            out,
            "Сравнивать не с чем: у кампании {} «{}» ({}) нет более ранней кампании региона «{}». \
             Другую кампанию для сравнения можно указать: --against НОМЕР",
            c.number,
            c.title,
            date(c.reference_date),
            c.region
        )?,
        Compared::Dynamics(d) => table(out, d)?,
    }
    Ok(())
}

fn campaign_value(c: &CampaignInfo) -> Value {
    json!({
        "number": c.number,
        "title": c.title,
        "region": c.region,
        "reference_date": c.reference_date.to_string(),
    })
}

fn share_value(s: Share) -> Value {
    json!({ "count": s.count, "total": s.total, "share": s.tenths() as f64 / 10.0 })
}

/// The `dynamics --json` contract (docs/interchange.md).
pub fn value(compared: &Compared) -> Value {
    let d = match compared {
        Compared::NoPrevious(c) => {
            return json!({ "campaign": campaign_value(c), "against": null, "municipalities": [], "region": null });
        }
        Compared::Dynamics(d) => d,
    };
    let municipalities: Vec<Value> = d
        .municipalities
        .iter()
        .map(|m| {
            let mut o = Map::new();
            o.insert("municipality".into(), json!(m.municipality));
            o.insert("compared_with".into(), json!(m.compared_with));
            for l in &m.levels {
                o.insert(
                    l.key.code().into(),
                    json!({
                        "before": l.before.map(|v| v.code),
                        "after": l.after.map(|v| v.code),
                        "change": l.change.code(),
                    }),
                );
            }
            Value::Object(o)
        })
        .collect();
    let mut region = Map::new();
    let total =
        |pick: fn(&crate::dynamics::RegionFigure) -> Share| d.region.first().map(|f| pick(f).total).unwrap_or(0);
    region.insert("municipalities".into(), json!({ "before": total(|f| f.before), "after": total(|f| f.after) }));
    for key in LevelKey::ALL {
        let mut levels = Map::new();
        for f in d.region.iter().filter(|f| f.key == key) {
            levels
                .insert(f.level.code.into(), json!({ "before": share_value(f.before), "after": share_value(f.after) }));
        }
        region.insert(key.code().into(), Value::Object(levels));
    }
    json!({
        "campaign": campaign_value(&d.campaign),
        "against": campaign_value(&d.against),
        "municipalities": municipalities,
        "region": Value::Object(region),
    })
}

/// The readable form: what changed per municipality, the regional figures, the note's sentences.
fn table(out: &mut dyn Write, d: &Dynamics) -> io::Result<()> {
    let name = |c: &CampaignInfo| format!("кампания {} «{}» ({})", c.number, c.title, date(c.reference_date));
    writeln!(out, "Динамика: {}", name(&d.campaign))?;
    writeln!(out, "в сравнении с: {}", name(&d.against))?;
    if d.campaign.region != d.against.region {
        writeln!(out, "Внимание: кампании разных регионов («{}» и «{}»)", d.campaign.region, d.against.region)?;
    }
    writeln!(out)?;
    writeln!(out, "Муниципалитеты")?;
    let mut unchanged = Vec::new();
    let mut i = 0;
    for m in &d.municipalities {
        let moved: Vec<_> = m.levels.iter().filter(|l| l.change != Change::Same).collect();
        if moved.is_empty() {
            unchanged.push(m.municipality.as_str());
            continue;
        }
        i += 1;
        let renamed = if m.compared_with.is_empty() {
            String::new()
        } else {
            format!(" (в сравнении с: {})", m.compared_with.join(", "))
        };
        writeln!(out, "{i:>3}. {}{renamed}", m.municipality)?;
        for l in moved {
            writeln!(
                out,
                "       {:<36} {} → {}  {} {}",
                l.key.title(&d.methodology),
                d.level_text(l.before),
                d.level_text(l.after),
                l.change.arrow(),
                l.change.label()
            )?;
        }
    }
    if !unchanged.is_empty() {
        writeln!(out, "     Без изменений: {}", unchanged.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "Регион{:>58}{:>16}", "было", "стало")?;
    for key in LevelKey::ALL {
        writeln!(out, "{}", key.title(&d.methodology))?;
        for f in d.region.iter().filter(|f| f.key == key && (f.before.count > 0 || f.after.count > 0)) {
            let label: String = f.level.text(&d.methodology).chars().take(50).collect();
            writeln!(
                out,
                "    {label:<50} {:>3} ({:>7}) → {:>3} ({:>7})",
                f.before.count,
                f.before.percent(),
                f.after.count,
                f.after.percent()
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", text::heading(d))?;
    for p in text::paragraphs(d) {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}
