//! Field packages («Экспорт для выезда»): an ordinary v1 file plus two optional keys
//! (`docs/interchange.md`): `campaign.package` says which export the file is, and each
//! response's `base` is the hash of that response as it was when the package was made.
//! A v1 file without them is still valid, and is read as a package with no bases.

use super::read::parse_document;
use super::write::to_value;
use super::{InterchangeError, Problem};
use crate::model::{Campaign, MunicipalityName};
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
    pub bases: HashMap<MunicipalityName, String>,
}

/// Validates a questionnaire file together with its optional field-package keys (which every
/// reader validates, so that a file `assess --input` accepts is one `import` accepts).
pub fn parse_package(bytes: &[u8]) -> Result<FieldPackage, Vec<Problem>> {
    let (campaign, extras) = parse_document(bytes)?;
    Ok(FieldPackage { campaign, head: extras.package, bases: extras.bases })
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
        let bases = [(crate::model::values::name("Артемовский ГО"), format!("sha256:{}", "ab".repeat(32)))]
            .into_iter()
            .collect();
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
