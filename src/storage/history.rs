//! The recorded history of municipalities (renames, transformations, merges).

use super::{Db, StorageError};
use crate::model::history::{ChangeKind, HistoryEntry};
use chrono::NaiveDate;
use rusqlite::params;

impl Db {
    /// Every recorded change, of one region or of all, by date.
    pub fn municipality_history(&self, region: Option<&str>) -> Result<Vec<HistoryEntry>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT region, kind, changed_on, old_name, new_name, basis FROM municipality_changes
             WHERE ?1 IS NULL OR region = ?1 ORDER BY changed_on, new_name, id",
        )?;
        let mut rows = stmt.query([region])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let kind: String = row.get(1)?;
            let date: String = row.get(2)?;
            out.push(HistoryEntry {
                region: row.get(0)?,
                kind: ChangeKind::from_code(&kind)
                    .ok_or_else(|| StorageError::Corrupt(format!("вид изменения муниципалитета «{kind}»")))?,
                changed_on: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| StorageError::Corrupt(format!("дата «{date}»")))?,
                old_name: row.get(3)?,
                new_name: row.get(4)?,
                basis: row.get(5)?,
            });
        }
        Ok(out)
    }

    /// Records a change; the same change twice is refused.
    pub fn add_municipality_change(&mut self, e: &HistoryEntry) -> Result<(), StorageError> {
        self.add_municipality_changes(std::slice::from_ref(e))
    }

    /// Records changes in one transaction (every entry of a merge, or none); a change already
    /// recorded is refused.
    pub fn add_municipality_changes(&mut self, entries: &[HistoryEntry]) -> Result<(), StorageError> {
        self.add_changes_in_transaction(entries).map_err(|e| self.explain(e))
    }

    fn add_changes_in_transaction(&mut self, entries: &[HistoryEntry]) -> Result<(), StorageError> {
        let tx = self.conn.transaction()?;
        for e in entries {
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO municipality_changes (region, kind, changed_on, old_name, new_name, basis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![e.region, e.kind.code(), e.changed_on.to_string(), e.old_name, e.new_name, e.basis],
            )?;
            if inserted == 0 {
                return Err(StorageError::Conflict(format!(
                    "изменение «{}» на «{}» ({}) уже записано",
                    e.old_name, e.new_name, e.region
                )));
            }
        }
        tx.commit()?;
        Ok(())
    }
}

impl Db {
    /// What identifies the state of a campaign's change log: the number of entries and the time
    /// of the newest (typing extends an entry, moving its time). Cheap, for screens that cache it.
    pub fn change_log_stamp(&self, campaign_id: i64) -> Result<(i64, Option<String>), StorageError> {
        Ok(self.conn.query_row(
            "SELECT count(*), max(l.at) FROM change_log l JOIN campaigns c ON c.uuid = l.campaign_uuid WHERE c.id = ?1",
            [campaign_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}
