//! Review statuses of questionnaires, each change written to the change log.

use super::save::log_change;
use super::{Db, StorageError, now};
use crate::model::review::{Review, ReviewStatus};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

impl Db {
    /// The review of every questionnaire of a campaign that has one, by municipality; the
    /// others are drafts.
    pub fn reviews(&self, campaign_id: i64) -> Result<BTreeMap<String, Review>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.name, v.status, v.comment FROM response_reviews v
             JOIN responses r ON r.uuid = v.response_uuid JOIN municipalities m ON m.id = r.municipality_id
             WHERE r.campaign_id = ?1",
        )?;
        let mut rows = stmt.query([campaign_id])?;
        let mut out = BTreeMap::new();
        while let Some(row) = rows.next()? {
            let status: String = row.get(1)?;
            let status = ReviewStatus::from_code(&status)
                .ok_or_else(|| StorageError::Corrupt(format!("статус проверки «{status}»")))?;
            out.insert(row.get(0)?, Review { status, comment: row.get(2)? });
        }
        Ok(out)
    }

    /// Sets the review of a campaign's questionnaire; the change goes to the change log.
    pub fn set_review(
        &mut self,
        campaign_id: i64,
        municipality: &str,
        review: &Review,
        source: &str,
    ) -> Result<(), StorageError> {
        self.review_in_transaction(campaign_id, municipality, review, source).map_err(|e| self.explain(e))
    }

    fn review_in_transaction(
        &mut self,
        campaign_id: i64,
        municipality: &str,
        review: &Review,
        source: &str,
    ) -> Result<(), StorageError> {
        let tx = self.conn.transaction()?;
        let uuid: String = tx
            .query_row(
                "SELECT r.uuid FROM responses r JOIN municipalities m ON m.id = r.municipality_id
                 WHERE r.campaign_id = ?1 AND m.name = ?2",
                params![campaign_id, municipality],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StorageError::NotInCampaign(municipality.to_string()))?;
        let old: Option<(String, Option<String>)> = tx
            .query_row("SELECT status, comment FROM response_reviews WHERE response_uuid = ?1", [&uuid], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (old_status, old_comment) = old.unwrap_or_else(|| (ReviewStatus::Draft.code().to_string(), None));
        let comment = review.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if old_status == review.status.code() && old_comment.as_deref() == comment {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO response_reviews (response_uuid, status, comment, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (response_uuid) DO UPDATE SET status = excluded.status, comment = excluded.comment, at = excluded.at",
            params![uuid, review.status.code(), comment, now()],
        )?;
        let label = |code: &str| ReviewStatus::from_code(code).map(|s| s.label()).unwrap_or("черновик");
        // The change log names the municipality through a response; only its name is read.
        // Found above by this name, so it is a stored questionnaire's name (read through the
        // constructor like every other).
        let name = crate::model::MunicipalityName::new(municipality)
            .map_err(|_| StorageError::NotInCampaign(municipality.to_string()))?;
        let response = crate::model::Response {
            id: None,
            municipality: name,
            service: crate::model::Service { form: crate::model::ServiceForm::NotDeclared, name: None, started: None },
            staff: None,
            duties: None,
            associations: None,
            notes: None,
        };
        if old_status != review.status.code() {
            log_change(
                &tx,
                source,
                campaign_id,
                Some(&response),
                Some(&uuid),
                "review.status",
                Some(label(&old_status)),
                Some(review.status.label()),
            )?;
        }
        if old_comment.as_deref() != comment {
            log_change(
                &tx,
                source,
                campaign_id,
                Some(&response),
                Some(&uuid),
                "review.comment",
                old_comment.as_deref(),
                comment,
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
