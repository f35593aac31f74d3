//! Editable texts of a campaign (title-page people, introduction, deadlines), stored as
//! key → value so that new texts need no schema change.

use super::{Db, StorageError};
use crate::model::{DocumentInfo, Official, Year};
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

/// Keys of the title-page data.
const INSTITUTION: &str = "document.institution";
const INSTITUTION_SHORT: &str = "document.institution_short";
const CITY: &str = "document.city";
const YEAR: &str = "document.year";
const OFFICIALS: [&str; 3] = ["approver", "executor", "agreed"];

/// The title-page data as key → value pairs (absent values are left out).
pub fn document_texts(d: &DocumentInfo) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let mut put = |k: String, v: Option<String>| {
        if let Some(v) = v {
            map.insert(k, v);
        }
    };
    put(INSTITUTION.into(), d.institution.clone());
    put(INSTITUTION_SHORT.into(), d.institution_short.clone());
    put(CITY.into(), d.city.clone());
    put(YEAR.into(), d.year.map(|y| y.to_string()));
    for (role, official) in OFFICIALS.iter().zip([&d.approver, &d.executor, &d.agreed]) {
        if let Some(o) = official {
            put(format!("document.{role}.position"), o.position.clone());
            put(format!("document.{role}.name"), o.name.clone());
        }
    }
    map
}

/// The title-page data back from key → value pairs; `None` when there is none.
pub fn document_from_texts(texts: &BTreeMap<String, String>) -> Option<DocumentInfo> {
    let get = |k: &str| texts.get(k).cloned();
    let official = |role: &str| {
        let position = get(&format!("document.{role}.position"));
        let name = get(&format!("document.{role}.name"));
        (position.is_some() || name.is_some()).then_some(Official { position, name })
    };
    let d = DocumentInfo {
        institution: get(INSTITUTION),
        institution_short: get(INSTITUTION_SHORT),
        city: get(CITY),
        // A free text of the title page: one that is not a year is printed as typed and gives
        // the note no year of its own (the reference date's is used).
        year: get(YEAR).and_then(|y| Year::parse(&y).ok()),
        approver: official("approver"),
        executor: official("executor"),
        agreed: official("agreed"),
    };
    (d != DocumentInfo::default()).then_some(d)
}

pub(super) fn read(conn: &Connection, campaign_id: i64) -> Result<BTreeMap<String, String>, StorageError> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM campaign_texts WHERE campaign_id = ?1")?;
    let rows = stmt.query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Db {
    /// All editable texts of a campaign.
    pub fn texts(&self, campaign_id: i64) -> Result<BTreeMap<String, String>, StorageError> {
        read(&self.conn, campaign_id).map_err(|e| self.explain(e))
    }

    /// Sets (or, with `None`, removes) one editable text, logging the change.
    pub fn set_text(&mut self, campaign_id: i64, key: &str, value: Option<&str>) -> Result<(), StorageError> {
        self.set_text_in_transaction(campaign_id, key, value).map_err(|e| self.explain(e))
    }

    fn set_text_in_transaction(
        &mut self,
        campaign_id: i64,
        key: &str,
        value: Option<&str>,
    ) -> Result<(), StorageError> {
        let tx = self.conn.transaction()?;
        let old: Option<String> = tx
            .query_row(
                "SELECT value FROM campaign_texts WHERE campaign_id = ?1 AND key = ?2",
                params![campaign_id, key],
                |r| r.get(0),
            )
            .ok();
        if old.as_deref() != value {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO campaign_texts (campaign_id, key, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (campaign_id, key) DO UPDATE SET value = excluded.value",
                    params![campaign_id, key, v],
                )?,
                None => tx.execute(
                    "DELETE FROM campaign_texts WHERE campaign_id = ?1 AND key = ?2",
                    params![campaign_id, key],
                )?,
            };
            super::save::log_change(
                &tx,
                "правка",
                campaign_id,
                None,
                None,
                &format!("texts.{key}"),
                old.as_deref(),
                value,
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
