//! The merge's own encoding of a response: named fields, and the base hash over them.
//!
//! The hashes travel in field packages and are kept in databases for years, so they must not
//! move when the JSON writer gains an optional key or orders keys differently: the encoding is
//! written out here, key by key, from the model, and a golden test pins it. Changing it turns
//! every package already handed out into "changed on both sides" — bump [`ENCODING`] only on
//! purpose.

use crate::model::{Course, Response, Staff};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// A response as named fields; absent fields are missing keys.
///
/// Keys: `service.form`, `service.name`, `service.started`, `notes`, `staff` (present when
/// staff was provided), `staff.<uuid>` per person, `duties`, `associations`.
pub type Fields = BTreeMap<String, Value>;

/// Names the encoding inside every hash, so a deliberate change can never collide with the old.
const ENCODING: &str = "mms-monitor/merge-fields/1";

/// The response's fields; staff names only `with_names` (a package without names must not
/// see every name as changed).
pub fn fields(r: &Response, with_names: bool) -> Fields {
    let mut out = Fields::new();
    out.insert("service.form".into(), json!(r.service.form.code()));
    if let Some(name) = &r.service.name {
        out.insert("service.name".into(), json!(name));
    }
    if let Some(started) = r.service.started {
        out.insert("service.started".into(), json!(started.to_string()));
    }
    if let Some(staff) = &r.staff {
        out.insert("staff".into(), Value::Bool(true));
        for person in staff {
            let id = person.id.map(|id| id.to_string()).unwrap_or_default();
            out.insert(format!("staff.{id}"), person_value(person, with_names));
        }
    }
    if let Some(d) = &r.duties {
        let mut duties = Map::new();
        if let Some(year) = d.approved_year {
            duties.insert("approved_year".into(), json!(year.get()));
        }
        duties.insert("functions".into(), d.functions.iter().map(|f| json!(f.code())).collect());
        out.insert("duties".into(), Value::Object(duties));
    }
    if let Some(a) = &r.associations {
        out.insert("associations".into(), json!({ "mmo": a.mmo, "other": a.other }));
    }
    if let Some(notes) = &r.notes {
        out.insert("notes".into(), json!(notes));
    }
    out
}

fn person_value(p: &Staff, with_names: bool) -> Value {
    let mut map = Map::new();
    if let Some(name) = p.name.as_ref().filter(|_| with_names) {
        map.insert("name".into(), json!(name));
    }
    if let Some(position) = &p.position {
        map.insert("position".into(), json!(position));
    }
    map.insert("education".into(), json!(p.education.code()));
    map.insert("service_years".into(), json!(p.service_years.get()));
    map.insert("school_years".into(), json!(p.school_years.get()));
    map.insert("courses".into(), p.courses.iter().map(course_value).collect());
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

/// The base hash of a response's fields: `sha256:` and 64 hex digits over [`canonical_text`].
pub fn fields_hash(fields: &Fields) -> String {
    format!("sha256:{}", super::sha256_hex(canonical_text(fields).as_bytes()))
}

/// What the hash is taken over: the encoding's name on the first line, then one line per field,
/// `key=value` with the value as compact JSON whose object keys are sorted — so neither the order
/// keys were inserted in nor a snapshot's stored order ever matters.
pub fn canonical_text(fields: &Fields) -> String {
    let mut text = String::from(ENCODING);
    for (key, value) in fields {
        text.push('\n');
        text.push_str(key);
        text.push('=');
        write_sorted(&mut text, value);
    }
    text
}

fn write_sorted(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_sorted(out, v);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(out, item);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Drops staff names from fields (a snapshot taken with names, compared without).
pub fn without_names(mut fields: Fields) -> Fields {
    for (key, value) in &mut fields {
        if let (true, Value::Object(person)) = (key.starts_with("staff."), value) {
            person.remove("name");
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Associations, Date, Duties, Education, ExperienceYears, Function, Hours, Service, ServiceForm, Year,
    };
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(NaiveDate::from_ymd_opt(y, m, d).unwrap()).unwrap()
    }

    /// Every kind of field, with values that test the escaping and the number format.
    fn golden_response() -> Response {
        Response {
            id: Some(Uuid::from_u128(1)),
            municipality: crate::model::values::name("Артемовский ГО"),
            service: Service {
                form: ServiceForm::SeparateOrg,
                name: Some("МБУ «Методический центр» \"ИМЦ\"".into()),
                started: Some(date(2005, 9, 1)),
            },
            staff: Some(vec![Staff {
                id: Some(Uuid::from_u128(2)),
                person: None,
                name: Some("Иванова Анна Петровна".into()),
                position: Some("методист".into()),
                education: Education::HigherPedagogical,
                service_years: ExperienceYears::new(5.5).unwrap(),
                school_years: ExperienceYears::of::<12>(),
                courses: vec![Course {
                    title: "Функциональная грамотность".into(),
                    hours: Hours::of::<72>(),
                    completed: date(2021, 11, 1),
                    relevant: true,
                }],
            }]),
            duties: Some(Duties { approved_year: Some(Year::of::<2019>()), functions: vec![Function::Mentoring] }),
            associations: Some(Associations {
                mmo: true, other: vec!["Совет молодых педагогов".into()]
            }),
            notes: Some("строка 1\nстрока 2".into()),
        }
    }

    /// Fails when the encoding changes by accident: every package already handed out would then
    /// meet its bases as "changed on both sides". Change the expected text only together with
    /// [`ENCODING`].
    #[test]
    fn the_encoding_is_pinned() {
        let fields = fields(&golden_response(), true);
        let expected = concat!(
            "mms-monitor/merge-fields/1\n",
            "associations={\"mmo\":true,\"other\":[\"Совет молодых педагогов\"]}\n",
            "duties={\"approved_year\":2019,\"functions\":[\"mentoring\"]}\n",
            "notes=\"строка 1\\nстрока 2\"\n",
            "service.form=\"separate_org\"\n",
            "service.name=\"МБУ «Методический центр» \\\"ИМЦ\\\"\"\n",
            "service.started=\"2005-09-01\"\n",
            "staff=true\n",
            "staff.00000000-0000-0000-0000-000000000002={\"courses\":[{\"completed\":\"2021-11-01\",",
            "\"hours\":72,\"relevant\":true,\"title\":\"Функциональная грамотность\"}],",
            "\"education\":\"higher_pedagogical\",\"name\":\"Иванова Анна Петровна\",\"position\":\"методист\",",
            "\"school_years\":12.0,\"service_years\":5.5}",
        );
        assert_eq!(canonical_text(&fields), expected);
        assert_eq!(fields_hash(&fields), format!("sha256:{}", super::super::sha256_hex(expected.as_bytes())));
        assert_eq!(fields_hash(&fields), "sha256:b2126633caac09808e756c059d80c41ad55d99455f1ea2bd16eab5e5d431ebc6");
    }

    #[test]
    fn names_are_left_out_without_names_and_stored_order_does_not_matter() {
        let r = golden_response();
        let named = fields(&r, true);
        let unnamed = fields(&r, false);
        assert_ne!(fields_hash(&named), fields_hash(&unnamed));
        assert_eq!(without_names(named.clone()), unnamed);
        let reordered: Fields = serde_json::from_str(&serde_json::to_string(&named).unwrap().replace(
            "\"mmo\":true,\"other\":[\"Совет молодых педагогов\"]",
            "\"other\":[\"Совет молодых педагогов\"],\"mmo\":true",
        ))
        .unwrap();
        assert_eq!(fields_hash(&reordered), fields_hash(&named));
    }
}
