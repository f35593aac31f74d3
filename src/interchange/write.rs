//! Writing a campaign as interchange JSON (with every id the program holds).

use super::{FORMAT, InterchangeError, VERSION};
use crate::model::{Campaign, Course, DocumentInfo, Official, Response, Staff, Year};
use serde_json::{Map, Value, json};
use std::path::Path;

/// The campaign as a JSON value in format v1.
pub fn to_value(campaign: &Campaign) -> Value {
    let mut head = Map::new();
    if let Some(id) = campaign.id {
        head.insert("id".into(), json!(id.to_string()));
    }
    head.insert("title".into(), json!(campaign.title));
    head.insert("region".into(), json!(campaign.region));
    head.insert("reference_date".into(), json!(campaign.reference_date.to_string()));
    if let Some(document) = &campaign.document {
        head.insert("document".into(), document_value(document));
    }
    json!({
        "format": FORMAT,
        "version": VERSION,
        "campaign": head,
        "responses": campaign.responses.iter().map(response_value).collect::<Vec<_>>(),
    })
}

/// Pretty-printed JSON text, UTF-8, ending with a newline.
pub fn to_json_string(campaign: &Campaign) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(campaign)).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the campaign to `path` (atomically: a failed write keeps the previous file).
pub fn write_file(campaign: &Campaign, path: &Path) -> Result<(), InterchangeError> {
    let err = |error| InterchangeError::Write { path: path.to_path_buf(), error };
    let access = crate::files::Access::for_names(campaign.has_names());
    crate::files::write_atomic(path, to_json_string(campaign).as_bytes(), access).map_err(err)
}

fn insert_opt<T: Into<Value>>(map: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        map.insert(key.into(), v.into());
    }
}

fn document_value(d: &DocumentInfo) -> Value {
    let mut map = Map::new();
    insert_opt(&mut map, "institution", d.institution.clone());
    insert_opt(&mut map, "institution_short", d.institution_short.clone());
    insert_opt(&mut map, "city", d.city.clone());
    insert_opt(&mut map, "year", d.year.map(Year::get));
    for (key, official) in [("approver", &d.approver), ("executor", &d.executor), ("agreed", &d.agreed)] {
        insert_opt(&mut map, key, official.as_ref().map(official_value));
    }
    Value::Object(map)
}

fn official_value(o: &Official) -> Value {
    let mut map = Map::new();
    insert_opt(&mut map, "position", o.position.clone());
    insert_opt(&mut map, "name", o.name.clone());
    Value::Object(map)
}

pub(crate) fn response_value(r: &Response) -> Value {
    let mut map = Map::new();
    insert_opt(&mut map, "id", r.id.map(|id| id.to_string()));
    map.insert("municipality".into(), json!(r.municipality.as_str()));
    let mut service = Map::new();
    service.insert("form".into(), json!(r.service.form.code()));
    insert_opt(&mut service, "name", r.service.name.clone());
    insert_opt(&mut service, "started", r.service.started.map(|d| d.to_string()));
    map.insert("service".into(), Value::Object(service));
    if let Some(staff) = &r.staff {
        map.insert("staff".into(), Value::Array(staff.iter().map(staff_value).collect()));
    }
    if let Some(d) = &r.duties {
        let mut duties = Map::new();
        insert_opt(&mut duties, "approved_year", d.approved_year.map(Year::get));
        duties.insert("functions".into(), json!(d.functions.iter().map(|f| f.code()).collect::<Vec<_>>()));
        map.insert("duties".into(), Value::Object(duties));
    }
    if let Some(a) = &r.associations {
        map.insert("associations".into(), json!({ "mmo": a.mmo, "other": a.other }));
    }
    insert_opt(&mut map, "notes", r.notes.clone());
    Value::Object(map)
}

fn staff_value(s: &Staff) -> Value {
    let mut map = Map::new();
    insert_opt(&mut map, "id", s.id.map(|id| id.to_string()));
    insert_opt(&mut map, "person", s.person.map(|id| id.to_string()));
    insert_opt(&mut map, "name", s.name.clone());
    insert_opt(&mut map, "position", s.position.clone());
    map.insert("education".into(), json!(s.education.code()));
    map.insert("service_years".into(), json!(s.service_years.get()));
    map.insert("school_years".into(), json!(s.school_years.get()));
    map.insert("courses".into(), Value::Array(s.courses.iter().map(course_value).collect()));
    Value::Object(map)
}

fn course_value(c: &Course) -> Value {
    json!({
        "title": c.title,
        "hours": c.hours.get(),
        "completed": c.completed.to_string(),
        "relevant": c.relevant,
    })
}
