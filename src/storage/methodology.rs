//! The methodology a campaign is assessed with: a copy in `campaigns.methodology`, so that
//! changing a threshold for one campaign never rewrites another (or a published year). The
//! column holds the id `primorye-2022` for the shipped default, or the whole methodology file.

use super::{Db, StorageError, now};
use crate::methodology::{Methodology, file};
use rusqlite::params;

impl Db {
    /// The methodology stored for the campaign.
    pub fn campaign_methodology(&self, campaign_id: i64) -> Result<Methodology, StorageError> {
        let stored: String =
            self.conn.query_row("SELECT methodology FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))?;
        if stored == Methodology::PRIMORYE_2022.id {
            return Ok(Methodology::PRIMORYE_2022);
        }
        file::parse(&stored).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            StorageError::Corrupt(format!("методика кампании {campaign_id}: {}", list.join("; ")))
        })
    }

    /// Stores a copy of `m` for the campaign and records the change in the change log;
    /// returns whether anything changed.
    pub fn set_campaign_methodology(
        &mut self,
        campaign_id: i64,
        m: &Methodology,
        source: &str,
    ) -> Result<bool, StorageError> {
        let old = self.campaign_methodology(campaign_id)?;
        if old == *m {
            return Ok(false);
        }
        let text = if *m == Methodology::PRIMORYE_2022 { m.id.to_string() } else { file::to_json_string(m) };
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE campaigns SET methodology = ?2 WHERE id = ?1", params![campaign_id, text])?;
        tx.execute(
            "INSERT INTO change_log (at, source, campaign_uuid, response_uuid, municipality, path, old_value, new_value)
             VALUES (?1, ?2, (SELECT uuid FROM campaigns WHERE id = ?3), NULL, NULL, 'methodology', ?4, ?5)",
            params![now(), source, campaign_id, file::to_json_string(&old), file::to_json_string(m)],
        )?;
        tx.commit()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange;

    #[test]
    fn a_campaign_keeps_its_own_copy_and_the_change_is_logged() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("m.db")).unwrap();
        let sample = interchange::parse(crate::workspace::SAMPLE_JSON).unwrap();
        db.import_campaign(&sample, "тест").unwrap();
        let id = db.campaigns().unwrap()[0].id;
        assert_eq!(db.campaign_methodology(id).unwrap(), Methodology::PRIMORYE_2022);
        let four = Methodology { staff_optimal_min: 4, ..Methodology::PRIMORYE_2022 };
        assert!(db.set_campaign_methodology(id, &four, "правка").unwrap());
        assert!(!db.set_campaign_methodology(id, &four, "правка").unwrap());
        assert_eq!(db.campaign_methodology(id).unwrap(), four);
        let log = db.change_log(id).unwrap();
        let entry = log.iter().find(|e| e.path == "methodology").unwrap();
        assert!(entry.new_value.as_deref().unwrap().contains("\"optimal_min\": 4"));
    }
}
