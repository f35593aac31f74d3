//! People across campaigns: the person behind each staff record, carried into the next
//! campaign or confirmed by the analyst, and every staff record with its campaign for the
//! registry. A staff record with no row in `staff_persons` is a person of its own.

use super::save::{save_in, upsert_campaign};
use super::{Db, StorageError, now};
use crate::model::registry::Registry;
use crate::model::{Campaign, Course, Education};
use crate::people::StaffRecord;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// What the next campaign is to be.
#[derive(Debug, Clone, PartialEq)]
pub struct NextCampaign {
    pub title: String,
    pub reference_date: NaiveDate,
    /// Add the time between the two reference dates to every person's years of experience.
    pub add_elapsed_years: bool,
}

fn parse_uuid(text: &str) -> Result<Uuid, StorageError> {
    Uuid::parse_str(text).map_err(|_| StorageError::Corrupt(format!("идентификатор «{text}»")))
}

fn parse_date(text: &str) -> Result<NaiveDate, StorageError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| StorageError::Corrupt(format!("дата «{text}»")))
}

impl Db {
    /// Creates the next round of campaign `from`: the same questionnaires under new ids, each
    /// person carried forward (their records in both campaigns are one person), optionally with
    /// the elapsed time added to their years of experience. Campaign `from` is not changed.
    /// Returns the new campaign's number.
    pub fn new_campaign_from(&mut self, from: i64, next: &NextCampaign) -> Result<i64, StorageError> {
        self.new_campaign_in_transaction(from, next).map_err(|e| self.explain(e))
    }

    fn new_campaign_in_transaction(&mut self, from: i64, next: &NextCampaign) -> Result<i64, StorageError> {
        let source = self.load_campaign(from)?;
        // Next year is assessed by the same rules as this one unless the analyst changes them.
        let methodology = self.campaign_methodology(from)?;
        let elapsed = crate::people::elapsed_years(source.reference_date, next.reference_date);
        let mut campaign = Campaign {
            id: Some(Uuid::new_v4()),
            title: next.title.clone(),
            reference_date: next.reference_date,
            ..source.clone()
        };
        if let Some(document) = &mut campaign.document {
            use chrono::Datelike;
            document.year = document.year.map(|_| next.reference_date.year());
        }
        let mut carried: Vec<(Uuid, Uuid)> = Vec::new();
        for response in &mut campaign.responses {
            response.id = Some(Uuid::new_v4());
            for person in response.staff.iter_mut().flatten() {
                let new_id = Uuid::new_v4();
                // The link is made below, from the record it is carried from.
                person.person = None;
                if let Some(old) = person.id {
                    carried.push((new_id, old));
                }
                person.id = Some(new_id);
                if next.add_elapsed_years && elapsed > 0.0 {
                    person.service_years = crate::people::add_years(person.service_years, elapsed);
                    person.school_years = crate::people::add_years(person.school_years, elapsed);
                }
            }
        }
        self.backup("before-new-campaign")?;
        let tx = self.conn.transaction()?;
        let origin = format!("новая кампания из кампании {from}");
        let (id, _, _) = upsert_campaign(&tx, &campaign, &origin)?;
        tx.execute(
            "UPDATE campaigns SET methodology = ?1, methodology_json = ?2 WHERE id = ?3",
            params![methodology.id, methodology.to_json_string(), id],
        )?;
        let registry = Registry::for_region(&campaign.region);
        for (index, response) in campaign.responses.iter().enumerate() {
            let ord = registry.and_then(|r| r.position(&response.municipality)).unwrap_or(index) as i64;
            save_in(&tx, id, &campaign.region, ord, response, &origin, false)?;
        }
        {
            let mut person_of = tx.prepare_cached("SELECT person_uuid FROM staff_persons WHERE staff_uuid = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO staff_persons (staff_uuid, person_uuid, how, at) VALUES (?1, ?2, 'carried', ?3)",
            )?;
            let at = now();
            for (new_id, old) in carried {
                let old = old.to_string();
                let person: Option<String> = person_of.query_row([&old], |r| r.get(0)).optional()?;
                insert.execute(params![new_id.to_string(), person.unwrap_or(old), at])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// Every staff record of every campaign with its person, oldest campaign first.
    pub fn staff_records(&self) -> Result<Vec<StaffRecord>, StorageError> {
        let mut courses: HashMap<i64, Vec<Course>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT staff_id, title, hours, completed, relevant FROM courses ORDER BY staff_id, ord",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let completed: String = row.get(3)?;
                courses.entry(row.get(0)?).or_default().push(Course {
                    title: row.get(1)?,
                    hours: row.get(2)?,
                    completed: parse_date(&completed)?,
                    relevant: row.get(4)?,
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.uuid, coalesce(p.person_uuid, s.uuid), c.id, c.region, c.reference_date, m.name,
                    s.name, s.job_title, s.education, s.service_years, s.school_years
             FROM staff s
             JOIN responses r ON r.id = s.response_id
             JOIN campaigns c ON c.id = r.campaign_id
             JOIN municipalities m ON m.id = r.municipality_id
             LEFT JOIN staff_persons p ON p.staff_uuid = s.uuid
             ORDER BY c.reference_date, c.id, r.ord, m.name, s.ord",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let staff_id: i64 = row.get(0)?;
            let staff: String = row.get(1)?;
            let person: String = row.get(2)?;
            let date: String = row.get(5)?;
            let education: String = row.get(9)?;
            out.push(StaffRecord {
                staff: parse_uuid(&staff)?,
                person: parse_uuid(&person)?,
                campaign: row.get(3)?,
                region: row.get(4)?,
                reference_date: parse_date(&date)?,
                municipality: row.get(6)?,
                name: row.get(7)?,
                position: row.get(8)?,
                education: Education::from_code(&education)
                    .ok_or_else(|| StorageError::Corrupt(format!("образование «{education}»")))?,
                service_years: row.get(10)?,
                school_years: row.get(11)?,
                courses: courses.remove(&staff_id).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// The analyst confirmed that staff record `staff` (the first record of its own person) is
    /// person `person`: it and every record carried from it become that person's.
    pub fn confirm_person(&mut self, staff: Uuid, person: Uuid) -> Result<(), StorageError> {
        self.confirm_in_transaction(staff, person).map_err(|e| self.explain(e))
    }

    fn confirm_in_transaction(&mut self, staff: Uuid, person: Uuid) -> Result<(), StorageError> {
        let tx = self.conn.transaction()?;
        let known: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE uuid = ?1)", [staff.to_string()], |r| r.get(0))?;
        if !known {
            return Err(StorageError::Conflict(format!("сотрудника {staff} нет в базе")));
        }
        let at = now();
        let own = tx
            .query_row("SELECT person_uuid FROM staff_persons WHERE staff_uuid = ?1", [staff.to_string()], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .unwrap_or_else(|| staff.to_string());
        tx.execute(
            "UPDATE staff_persons SET person_uuid = ?2, how = 'confirmed', at = ?3 WHERE person_uuid = ?1",
            params![own, person.to_string(), at],
        )?;
        tx.execute(
            "INSERT INTO staff_persons (staff_uuid, person_uuid, how, at) VALUES (?1, ?2, 'confirmed', ?3)
             ON CONFLICT (staff_uuid) DO UPDATE SET person_uuid = excluded.person_uuid, how = 'confirmed', at = excluded.at",
            params![staff.to_string(), person.to_string(), at],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The analyst said staff record `staff` is not person `person`: never propose it again.
    pub fn reject_person(&mut self, staff: Uuid, person: Uuid) -> Result<(), StorageError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO person_rejections (staff_uuid, person_uuid, at) VALUES (?1, ?2, ?3)",
                params![staff.to_string(), person.to_string(), now()],
            )
            .map_err(|e| self.explain(e.into()))?;
        Ok(())
    }

    /// Every rejected (staff record, person) pair.
    pub fn person_rejections(&self) -> Result<HashSet<(Uuid, Uuid)>, StorageError> {
        let mut stmt = self.conn.prepare_cached("SELECT staff_uuid, person_uuid FROM person_rejections")?;
        let mut rows = stmt.query([])?;
        let mut out = HashSet::new();
        while let Some(row) = rows.next()? {
            let (s, p): (String, String) = (row.get(0)?, row.get(1)?);
            out.insert((parse_uuid(&s)?, parse_uuid(&p)?));
        }
        Ok(out)
    }
}
