//! Writing a programme back to its JSON format; `read(write(p)) == p`.

use super::model::{Activity, Entry, EntryValue, Indicator, Programme, TargetValue};
use super::{FORMAT, ProgrammeError, VERSION};
use serde_json::{Map, Value, json};
use std::path::Path;

fn put(map: &mut Map<String, Value>, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        map.insert(name.into(), Value::String(v.clone()));
    }
}

fn number(n: f64) -> Value {
    // Whole numbers are written without «.0», as people type them.
    if n.fract() == 0.0 && n.abs() < 1e15 { json!(n as i64) } else { json!(n) }
}

/// The keys a value is written with (`numerator`/`denominator`, `percent`, `value`, `text`/`achieved`).
pub(crate) fn value_map(value: &EntryValue) -> Map<String, Value> {
    let mut map = Map::new();
    value_keys(&mut map, value);
    map
}

fn value_keys(map: &mut Map<String, Value>, value: &EntryValue) {
    match value {
        EntryValue::Share { numerator, denominator } => {
            map.insert("numerator".into(), number(*numerator));
            map.insert("denominator".into(), number(*denominator));
        }
        EntryValue::Percent(p) => {
            map.insert("percent".into(), number(*p));
        }
        EntryValue::Count(n) => {
            map.insert("value".into(), number(*n));
        }
        EntryValue::YesNo(b) => {
            map.insert("value".into(), json!(b));
        }
        EntryValue::Text { text, achieved } => {
            map.insert("text".into(), json!(text));
            if let Some(a) = achieved {
                map.insert("achieved".into(), json!(a));
            }
        }
    }
}

fn indicator(i: &Indicator) -> Value {
    let mut map = Map::new();
    map.insert("code".into(), json!(i.code));
    map.insert("title".into(), json!(i.title));
    map.insert("kind".into(), json!(i.kind.code()));
    put(&mut map, "unit", &i.unit);
    map.insert("direction".into(), json!(i.direction.code()));
    if i.per_organisation {
        map.insert("per_organisation".into(), json!(true));
    }
    let targets: Vec<Value> = i
        .targets
        .iter()
        .map(|t| {
            let mut m = Map::new();
            if let Some(p) = t.period {
                m.insert("period".into(), json!(p.code()));
            }
            let v = match &t.value {
                TargetValue::Number(n) => number(*n),
                TargetValue::YesNo(b) => json!(b),
                TargetValue::Text(s) => json!(s),
            };
            m.insert("value".into(), v);
            put(&mut m, "wording", &t.wording);
            Value::Object(m)
        })
        .collect();
    map.insert("targets".into(), Value::Array(targets));
    if let Some(b) = &i.baseline {
        let mut m = Map::new();
        value_keys(&mut m, b);
        map.insert("baseline".into(), Value::Object(m));
    }
    put(&mut map, "collection_method", &i.collection_method);
    put(&mut map, "evidence", &i.evidence);
    put(&mut map, "responsible", &i.responsible);
    Value::Object(map)
}

fn entry(e: &Entry) -> Value {
    let mut map = Map::new();
    map.insert("indicator".into(), json!(e.indicator));
    map.insert("period".into(), json!(e.period.code()));
    put(&mut map, "municipality", &e.municipality);
    put(&mut map, "organisation", &e.organisation);
    value_keys(&mut map, &e.value);
    put(&mut map, "source", &e.source);
    Value::Object(map)
}

fn activity(a: &Activity) -> Value {
    let mut map = Map::new();
    if !a.number.is_empty() {
        map.insert("number".into(), json!(a.number));
    }
    map.insert("title".into(), json!(a.title));
    put(&mut map, "term", &a.term);
    put(&mut map, "deadline", &a.deadline.map(|d| d.to_string()));
    put(&mut map, "responsible", &a.responsible);
    put(&mut map, "participants", &a.participants);
    put(&mut map, "expected_result", &a.expected_result);
    put(&mut map, "done_on", &a.done_on.map(|d| d.to_string()));
    Value::Object(map)
}

pub fn to_value(p: &Programme) -> Value {
    let mut owner = Map::new();
    owner.insert("kind".into(), json!(p.owner.kind.code()));
    owner.insert("name".into(), json!(p.owner.name));
    put(&mut owner, "region", &p.owner.region);
    let mut head = Map::new();
    head.insert("code".into(), json!(p.code));
    head.insert("title".into(), json!(p.title));
    head.insert("owner".into(), Value::Object(owner));
    put(&mut head, "source", &p.source);
    head.insert("reporting".into(), json!(p.reporting.code()));
    head.insert("periods".into(), p.periods.iter().map(|x| json!(x.code())).collect());
    if !p.municipalities.is_empty() {
        head.insert("municipalities".into(), json!(p.municipalities));
    }
    json!({
        "format": FORMAT,
        "version": VERSION,
        "programme": Value::Object(head),
        "indicators": p.indicators.iter().map(indicator).collect::<Vec<_>>(),
        "values": p.values.iter().map(entry).collect::<Vec<_>>(),
        "plan": p.plan.iter().map(activity).collect::<Vec<_>>(),
    })
}

pub fn to_json_string(p: &Programme) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(p)).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the file atomically: a failed write leaves the previous file as it was.
pub fn write_file(p: &Programme, path: &Path) -> Result<(), ProgrammeError> {
    crate::files::write_atomic(path, to_json_string(p).as_bytes(), crate::files::Access::Shared)
        .map_err(|error| ProgrammeError::Write { path: path.to_path_buf(), error })
}
