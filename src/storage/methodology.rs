//! The methodology each campaign is assessed with: a copy of its file in
//! `campaigns.methodology_json`, so an edit never rewrites another campaign's levels, and every
//! change of a threshold or level text is recorded in the change log.

use super::{Db, StorageError};
use crate::methodology::{Methodology, file};
use rusqlite::{OptionalExtension, params};

impl Db {
    /// The methodology campaign `campaign_id` is assessed with (the built-in one when the
    /// campaign has no copy yet).
    pub fn campaign_methodology(&self, campaign_id: i64) -> Result<Methodology, StorageError> {
        self.campaign_methodology_unmapped(campaign_id).map_err(|e| self.explain(e))
    }

    fn campaign_methodology_unmapped(&self, campaign_id: i64) -> Result<Methodology, StorageError> {
        let stored: Option<Option<String>> = self
            .conn
            .query_row("SELECT methodology_json FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))
            .optional()?;
        let Some(stored) = stored else {
            return Err(StorageError::CampaignNotFound(campaign_id.to_string()));
        };
        match stored {
            None => Ok(Methodology::default()),
            Some(text) => file::parse(&text).map_err(|problems| {
                let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                StorageError::Corrupt(format!("методика кампании {campaign_id} ({first})"))
            }),
        }
    }

    /// Stores `m` as campaign `campaign_id`'s methodology, logging every changed threshold and
    /// level text (`methodology.thresholds.staff_count.optimal_min`: 5 → 4). Returns the changes.
    pub fn set_campaign_methodology(
        &mut self,
        campaign_id: i64,
        m: &Methodology,
        source: &str,
    ) -> Result<Vec<(String, String, String)>, StorageError> {
        self.set_methodology_unmapped(campaign_id, m, source).map_err(|e| self.explain(e))
    }

    fn set_methodology_unmapped(
        &mut self,
        campaign_id: i64,
        m: &Methodology,
        source: &str,
    ) -> Result<Vec<(String, String, String)>, StorageError> {
        let old = self.campaign_methodology_unmapped(campaign_id)?;
        let changes = old.differences(m);
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE campaigns SET methodology = ?2, methodology_json = ?3 WHERE id = ?1",
            params![campaign_id, m.id, m.to_json_string()],
        )?;
        for (path, before, after) in &changes {
            let path = format!("methodology{}", path.trim_start_matches('$'));
            super::save::log_change(&tx, source, campaign_id, None, None, &path, Some(before), Some(after))?;
        }
        tx.commit()?;
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn each_campaign_keeps_its_own_methodology_and_changes_are_logged() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("m.db")).unwrap();
        let mut first = synthetic::generate(3, 2, 1);
        first.id = Some(uuid::Uuid::new_v4());
        let mut second = synthetic::generate(3, 2, 1);
        second.id = Some(uuid::Uuid::new_v4());
        second.title = "Вторая кампания".into();
        db.import_campaign(&first, "тест").unwrap();
        db.import_campaign(&second, "тест").unwrap();
        let rows = db.campaigns().unwrap();
        let (a, b) = (rows[0].id, rows[1].id);
        assert_eq!(db.campaign_methodology(a).unwrap(), Methodology::default());
        let changed = Methodology { staff_optimal_min: 4, ..Methodology::default() };
        let changes = db.set_campaign_methodology(a, &changed, "правка").unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(db.campaign_methodology(a).unwrap(), changed);
        assert_eq!(db.campaign_methodology(b).unwrap(), Methodology::default(), "the other campaign is untouched");
        let log = db.change_log(a).unwrap();
        let entry = log.iter().find(|e| e.path == "methodology.thresholds.staff_count.optimal_min").expect("logged");
        assert_eq!((entry.old_value.as_deref(), entry.new_value.as_deref()), (Some("5"), Some("4")));
        assert!(matches!(db.campaign_methodology(9999), Err(StorageError::CampaignNotFound(_))));
        // A campaign stored before migration 3 has no copy: the built-in methodology.
        db.conn.execute("UPDATE campaigns SET methodology_json = NULL WHERE id = ?1", [b]).unwrap();
        assert_eq!(db.campaign_methodology(b).unwrap(), Methodology::default());
        // A damaged copy is reported, not replaced silently by the default.
        db.conn.execute("UPDATE campaigns SET methodology_json = '{}' WHERE id = ?1", [b]).unwrap();
        assert!(matches!(db.campaign_methodology(b), Err(StorageError::Corrupt(_))));
    }

    #[test]
    fn next_years_campaign_keeps_the_rules_of_the_one_it_comes_from() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("m.db")).unwrap();
        let mut first = synthetic::generate(3, 2, 1);
        first.id = Some(uuid::Uuid::new_v4());
        db.import_campaign(&first, "тест").unwrap();
        let from = db.campaigns().unwrap()[0].id;
        let changed = Methodology { staff_optimal_min: 4, ..Methodology::default() };
        db.set_campaign_methodology(from, &changed, "правка").unwrap();
        let next = crate::storage::NextCampaign {
            title: "Следующий год".into(),
            reference_date: crate::model::Date::new(first.reference_date.get() + chrono::Days::new(365)).unwrap(),
            add_elapsed_years: false,
        };
        let id = db.new_campaign_from(from, &next).unwrap();
        assert_eq!(db.campaign_methodology(id).unwrap(), changed);
    }
}
