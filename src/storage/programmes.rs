//! Programmes in the database: the definition (everything but the values) as its own JSON
//! document, the values one row each, so that values can arrive from many files (a region
//! collecting from its municipalities) and every change goes to the change log.
//!
//! Loading rebuilds the programme file and runs it through the one reader, so a stored
//! programme is validated by the same rules as a file.

use super::{Db, StorageError, now};
use crate::programme::{self, Entry, Programme};
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};

/// A programme as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub owner: String,
    pub values: usize,
}

/// What one import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgrammeImport {
    /// The programme was new to the database.
    pub created: bool,
    /// The definition (indicators, targets, plan) changed.
    pub definition_changed: bool,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The key of a value row: (indicator, period, municipality, organisation); '' for none.
fn row_key(e: &Entry) -> (String, String, String, String) {
    (
        e.indicator.clone(),
        e.period.code(),
        e.municipality.clone().unwrap_or_default(),
        e.organisation.clone().unwrap_or_default(),
    )
}

/// The value keys of an entry (numerator/denominator, value, text…) as compact JSON.
fn value_json(e: &Entry) -> String {
    Value::Object(programme::value_map(&e.value)).to_string()
}

/// The definition document: the programme file with no values.
fn definition(p: &Programme) -> String {
    let mut value = programme::to_value(p);
    if let Some(map) = value.as_object_mut() {
        map.insert("values".into(), Value::Array(vec![]));
    }
    value.to_string()
}

fn log(
    tx: &rusqlite::Connection,
    source: &str,
    uuid: &str,
    municipality: Option<&str>,
    path: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<(), StorageError> {
    tx.prepare_cached(
        "INSERT INTO change_log (at, source, campaign_uuid, response_uuid, municipality, path, old_value, new_value)
         VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![now(), source, uuid, municipality, path, old, new])?;
    Ok(())
}

impl Db {
    /// Imports a programme file in one transaction, after a backup copy: the definition is
    /// replaced when it differs, values are added or updated; values stored before and absent
    /// from the file are kept (each municipality sends its own). Importing twice changes nothing.
    pub fn import_programme(&mut self, p: &Programme, source: &str) -> Result<ProgrammeImport, StorageError> {
        self.import_programme_inner(p, source).map_err(|e| self.explain(e))
    }

    fn import_programme_inner(&mut self, p: &Programme, source: &str) -> Result<ProgrammeImport, StorageError> {
        if self.has_data()? || self.programmes()?.iter().any(|_| true) {
            self.backup("before-programme-import")?;
        }
        let tx = self.conn.transaction()?;
        let mut summary = ProgrammeImport::default();
        let definition = definition(p);
        let existing: Option<(i64, String, String)> = tx
            .query_row("SELECT id, uuid, definition FROM programmes WHERE code = ?1", [&p.code], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (id, uuid) = match existing {
            None => {
                let uuid = uuid::Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO programmes (code, uuid, title, definition, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![p.code, uuid, p.title, definition, now()],
                )?;
                summary.created = true;
                let id = tx.last_insert_rowid();
                log(&tx, source, &uuid, None, "programme", None, Some(&p.title))?;
                (id, uuid)
            }
            Some((id, uuid, old)) => {
                if old != definition {
                    tx.execute(
                        "UPDATE programmes SET title = ?2, definition = ?3, updated_at = ?4 WHERE id = ?1",
                        params![id, p.title, definition, now()],
                    )?;
                    summary.definition_changed = true;
                    log(&tx, source, &uuid, None, "programme.definition", Some(&old), Some(&definition))?;
                }
                (id, uuid)
            }
        };
        for e in &p.values {
            let (indicator, period, municipality, organisation) = row_key(e);
            let value = value_json(e);
            let old: Option<(String, Option<String>)> = tx
                .prepare_cached(
                    "SELECT value, source FROM programme_values
                     WHERE programme_id = ?1 AND indicator = ?2 AND period = ?3 AND municipality = ?4 AND organisation = ?5",
                )?
                .query_row(params![id, indicator, period, municipality, organisation], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if old.as_ref().is_some_and(|(v, s)| *v == value && *s == e.source) {
                summary.unchanged += 1;
                continue;
            }
            tx.prepare_cached(
                "INSERT INTO programme_values (programme_id, indicator, period, municipality, organisation, value, source, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (programme_id, indicator, period, municipality, organisation)
                 DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at",
            )?
            .execute(params![id, indicator, period, municipality, organisation, value, e.source, now()])?;
            let mut path = format!("values/{indicator}/{period}");
            if !organisation.is_empty() {
                path.push('/');
                path.push_str(&organisation);
            }
            let unit = e.municipality.as_deref().unwrap_or(&p.owner.name);
            log(&tx, source, &uuid, Some(unit), &path, old.as_ref().map(|(v, _)| v.as_str()), Some(&value))?;
            if old.is_some() {
                summary.updated += 1;
            } else {
                summary.added += 1;
            }
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Sets one value (the app's editing); returns whether anything changed.
    pub fn set_programme_value(&mut self, code: &str, entry: &Entry, source: &str) -> Result<bool, StorageError> {
        let mut p = self.load_programme(code)?;
        p.values = vec![entry.clone()];
        let summary = self.import_programme(&p, source)?;
        Ok(summary.added + summary.updated > 0)
    }

    pub fn programmes(&self) -> Result<Vec<ProgrammeRow>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.code, p.title, p.definition,
                    (SELECT COUNT(*) FROM programme_values v WHERE v.programme_id = p.id)
             FROM programmes p ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let definition: String = r.get(3)?;
            let owner = serde_json::from_str::<Value>(&definition)
                .ok()
                .and_then(|v| v.pointer("/programme/owner/name").and_then(Value::as_str).map(str::to_string))
                .unwrap_or_default();
            Ok(ProgrammeRow {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                owner,
                values: r.get::<_, i64>(4)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Finds a programme by its number in the list or its code.
    pub fn find_programme(&self, spec: &str) -> Result<ProgrammeRow, StorageError> {
        let rows = self.programmes()?;
        let by_id = spec.parse::<i64>().ok().and_then(|n| rows.iter().find(|r| r.id == n));
        by_id
            .or_else(|| rows.iter().find(|r| r.code == spec))
            .cloned()
            .ok_or_else(|| StorageError::ProgrammeNotFound(spec.to_string()))
    }

    /// The stored programme with all its values, through the file reader's validation.
    pub fn load_programme(&self, spec: &str) -> Result<Programme, StorageError> {
        let row = self.find_programme(spec)?;
        let definition: String =
            self.conn.query_row("SELECT definition FROM programmes WHERE id = ?1", [row.id], |r| r.get(0))?;
        let mut doc: Value = serde_json::from_str(&definition)
            .map_err(|e| StorageError::Corrupt(format!("программа «{}»: {e}", row.code)))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT indicator, period, municipality, organisation, value, source FROM programme_values
             WHERE programme_id = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map([row.id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut values = Vec::new();
        for item in rows {
            let (indicator, period, municipality, organisation, value, source) = item?;
            let mut map: Map<String, Value> = serde_json::from_str(&value)
                .map_err(|e| StorageError::Corrupt(format!("значение программы «{}»: {e}", row.code)))?;
            map.insert("indicator".into(), Value::String(indicator));
            map.insert("period".into(), Value::String(period));
            if !municipality.is_empty() {
                map.insert("municipality".into(), Value::String(municipality));
            }
            if !organisation.is_empty() {
                map.insert("organisation".into(), Value::String(organisation));
            }
            if let Some(s) = source {
                map.insert("source".into(), Value::String(s));
            }
            values.push(Value::Object(map));
        }
        if let Some(map) = doc.as_object_mut() {
            map.insert("values".into(), Value::Array(values));
        }
        programme::parse(&doc.to_string()).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            StorageError::Corrupt(format!("программа «{}»: {}", row.code, list.join("; ")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOMSOMOLSKY: &str = include_str!("../../sample_data/programmes/komsomolsky-2021-2024.json");

    fn value(p: &Programme, code: &str, period: &str, percent: f64) -> Entry {
        let _ = p;
        Entry {
            indicator: code.into(),
            period: programme::Period::parse(period).unwrap(),
            municipality: None,
            organisation: None,
            value: programme::EntryValue::Percent(percent),
            source: Some("отчёт УО".into()),
        }
    }

    #[test]
    fn import_twice_changes_nothing_and_values_are_logged() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("p.db")).unwrap();
        let mut p = programme::parse(KOMSOMOLSKY).unwrap();
        p.values.push(value(&p, "1", "2021", 65.0));
        let first = db.import_programme(&p, "импорт").unwrap();
        assert!(first.created);
        assert_eq!(first.added, 1);
        let again = db.import_programme(&p, "импорт").unwrap();
        assert_eq!(again, ProgrammeImport { unchanged: 1, ..ProgrammeImport::default() });
        assert_eq!(db.load_programme(&p.code).unwrap(), p);

        // A file with another value adds it and keeps the first one.
        let mut other = programme::parse(KOMSOMOLSKY).unwrap();
        other.values.push(value(&other, "1", "2022", 81.0));
        db.import_programme(&other, "второй файл").unwrap();
        assert!(db.set_programme_value(&p.code, &value(&p, "1", "2021", 66.0), "правка").unwrap());
        let loaded = db.load_programme("1").unwrap();
        assert_eq!(loaded.values.len(), 2);
        let log: Vec<(String, Option<String>, Option<String>)> = db
            .conn
            .prepare("SELECT path, old_value, new_value FROM change_log WHERE path LIKE 'values/%' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            log,
            vec![
                ("values/1/2021".into(), None, Some(r#"{"percent":65}"#.into())),
                ("values/1/2022".into(), None, Some(r#"{"percent":81}"#.into())),
                ("values/1/2021".into(), Some(r#"{"percent":65}"#.into()), Some(r#"{"percent":66}"#.into())),
            ]
        );
        assert_eq!(db.programmes().unwrap()[0].owner, "Комсомольский муниципальный район");
        assert!(matches!(db.load_programme("нет такой"), Err(StorageError::ProgrammeNotFound(_))));
    }
}
