//! Field packages («Экспорт для выезда»): an ordinary v1 file plus two optional keys
//! (`docs/interchange.md`): `campaign.package` says which export the file is, and each
//! response's `base` is the hash of that response as it was when the package was made.
//! A v1 file without them is still valid, and is read as a package with no bases.

use super::read::parse_document;
use super::write::to_value;
use super::{InterchangeError, Problem};
use crate::model::Campaign;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;
use uuid::Uuid;

/// Which export a field package is.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageHead {
    pub id: Uuid,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// Whether staff names travel in the package (they are part of the hashes only then).
    pub with_names: bool,
}

/// A questionnaire file read with its field-package keys.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPackage {
    pub campaign: Campaign,
    /// `None` for a plain v1 file.
    pub head: Option<PackageHead>,
    /// Base hash (`sha256:…`) of each response by municipality, as written in the file.
    pub bases: HashMap<String, String>,
}

/// Validates a questionnaire file together with its optional field-package keys.
pub fn parse_package(bytes: &[u8]) -> Result<FieldPackage, Vec<Problem>> {
    let (campaign, value) = match parse_document(bytes) {
        Ok((campaign, value)) => (Ok(campaign), value),
        Err(problems) => (Err(problems), Value::Null),
    };
    let mut problems = Vec::new();
    let head = value.pointer("/campaign/package").filter(|v| !v.is_null()).and_then(|v| head(v, &mut problems));
    let mut bases = HashMap::new();
    if let (Ok(c), Some(items)) = (&campaign, value.get("responses").and_then(Value::as_array)) {
        for (i, (item, response)) in items.iter().zip(&c.responses).enumerate() {
            match item.get("base") {
                None | Some(Value::Null) => {}
                Some(Value::String(h)) if is_hash(h) => {
                    bases.insert(response.municipality.clone(), h.clone());
                }
                Some(other) => problems.push(Problem {
                    path: format!("$.responses[{i}].base"),
                    line_column: None,
                    message: format!("{other} — ожидалась строка вида «sha256:» и 64 шестнадцатеричные цифры"),
                }),
            }
        }
    }
    match campaign {
        Ok(campaign) if problems.is_empty() => Ok(FieldPackage { campaign, head, bases }),
        Ok(_) => Err(problems),
        Err(mut first) => {
            first.extend(problems);
            Err(first)
        }
    }
}

fn is_hash(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

fn head(value: &Value, problems: &mut Vec<Problem>) -> Option<PackageHead> {
    let mut problem = |key: &str, message: String| {
        problems.push(Problem { path: format!("$.campaign.package{key}"), line_column: None, message })
    };
    let Some(map) = value.as_object() else {
        problem("", "ожидался объект".into());
        return None;
    };
    for k in map.keys().filter(|k| !["id", "created_at", "with_names"].contains(&k.as_str())) {
        problem(&format!(".{k}"), format!("неизвестный ключ «{k}»; допустимые ключи: id, created_at, with_names"));
    }
    let id = map.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
    if id.is_none() {
        problem(".id", "обязательный идентификатор пакета (UUID) отсутствует или неверен".into());
    }
    let created_at = map.get("created_at").and_then(Value::as_str).map(str::to_string);
    if created_at.is_none() {
        problem(".created_at", "обязательное поле отсутствует".into());
    }
    let with_names = map.get("with_names").and_then(Value::as_bool);
    if with_names.is_none() {
        problem(".with_names", "ожидалось true или false".into());
    }
    Some(PackageHead { id: id?, created_at: created_at?, with_names: with_names? })
}

/// The package as JSON: the v1 document plus `campaign.package` and each response's `base`.
pub fn package_value(package: &FieldPackage) -> Value {
    let mut value = to_value(&package.campaign);
    if let (Some(head), Some(campaign)) = (&package.head, value.get_mut("campaign").and_then(Value::as_object_mut)) {
        campaign.insert(
            "package".into(),
            json!({ "id": head.id.to_string(), "created_at": head.created_at, "with_names": head.with_names }),
        );
    }
    if let Some(items) = value.get_mut("responses").and_then(Value::as_array_mut) {
        for (item, response) in items.iter_mut().zip(&package.campaign.responses) {
            if let (Some(map), Some(base)) = (item.as_object_mut(), package.bases.get(&response.municipality)) {
                map.insert("base".into(), Value::String(base.clone()));
            }
        }
    }
    value
}

/// Writes a field package atomically (a failed write keeps the previous file).
pub fn write_package(package: &FieldPackage, path: &Path) -> Result<(), InterchangeError> {
    let err = |error| InterchangeError::Write { path: path.to_path_buf(), error };
    let mut text = serde_json::to_string_pretty(&package_value(package)).unwrap_or_default();
    text.push('\n');
    let access = crate::files::Access::for_names(package.campaign.has_names());
    crate::files::write_atomic(path, text.as_bytes(), access).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../sample_data/primorye-2022.json");

    fn package() -> FieldPackage {
        let campaign = super::super::parse(SAMPLE).unwrap();
        let head = PackageHead { id: Uuid::new_v4(), created_at: "2024-05-01T10:00:00Z".into(), with_names: false };
        let bases = [("Артемовский ГО".to_string(), format!("sha256:{}", "ab".repeat(32)))].into_iter().collect();
        FieldPackage { campaign, head: Some(head), bases }
    }

    #[test]
    fn package_keys_round_trip() {
        let p = package();
        let text = serde_json::to_string(&package_value(&p)).unwrap();
        assert_eq!(parse_package(text.as_bytes()).unwrap(), p);
    }

    #[test]
    fn plain_v1_file_is_a_package_without_bases() {
        let p = parse_package(SAMPLE.as_bytes()).unwrap();
        assert_eq!(p.head, None);
        assert!(p.bases.is_empty());
    }

    #[test]
    fn bad_package_keys_are_located() {
        let mut value = package_value(&package());
        value["responses"][0]["base"] = json!("md5:123");
        value["campaign"]["package"]["with_names"] = json!("да");
        let problems = parse_package(value.to_string().as_bytes()).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.campaign.package.with_names", "$.responses[0].base"]);
    }
}
