//! People across campaigns: the person behind each staff record, carried into the next
//! campaign or confirmed by the analyst, and every staff record with its campaign for the
//! registry. A staff record with no row in `staff_persons` is a person of its own.

use super::bounds::{self, SCHOOL_YEARS, SERVICE_YEARS};
use super::save::{save_in, upsert_campaign};
use super::{Db, StorageError, now};
use crate::model::registry::Registry;
use crate::model::{Campaign, Course, Date, Education, Year};
use crate::people::StaffRecord;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// What the next campaign is to be.
#[derive(Debug, Clone, PartialEq)]
pub struct NextCampaign {
    pub title: String,
    pub reference_date: Date,
    /// Add the time between the two reference dates to every person's years of experience.
    pub add_elapsed_years: bool,
}

fn parse_uuid(text: &str) -> Result<Uuid, StorageError> {
    Uuid::parse_str(text).map_err(|_| StorageError::Corrupt(format!("идентификатор «{text}»")))
}

/// Column `i` as text without copying it.
fn text_at<'r>(row: &'r rusqlite::Row, i: usize) -> Result<&'r str, StorageError> {
    let value = row.get_ref(i)?;
    value
        .as_str()
        .map_err(|_| StorageError::Sqlite(rusqlite::Error::InvalidColumnType(i, String::new(), value.data_type())))
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
        let elapsed = crate::people::elapsed_years(source.reference_date.get(), next.reference_date.get());
        let mut campaign = Campaign {
            id: Some(Uuid::new_v4()),
            title: next.title.clone(),
            reference_date: next.reference_date,
            ..source.clone()
        };
        if let Some(document) = &mut campaign.document {
            document.year = document.year.map(|_| Year::from(next.reference_date));
        }
        let mut carried: Vec<(Uuid, Uuid)> = Vec::new();
        for response in &mut campaign.responses {
            response.id = Some(Uuid::new_v4());
            for (k, person) in response.staff.iter_mut().flatten().enumerate() {
                let new_id = Uuid::new_v4();
                // The link is made below, from the record it is carried from.
                person.person = None;
                if let Some(old) = person.id {
                    carried.push((new_id, old));
                }
                person.id = Some(new_id);
                if next.add_elapsed_years && elapsed > 0.0 {
                    // Past 80 years is a wrong answer in the source campaign: said, not capped.
                    let added = |field: &str, years| {
                        crate::people::add_years(years, elapsed).map_err(|rule| {
                            StorageError::Conflict(format!(
                                "стаж не прибавлен: кампания «{}», муниципалитет «{}», сотрудник № {}, {field}: {rule} — \
                                 исправьте стаж или создайте кампанию без прибавки стажа",
                                source.title,
                                response.municipality,
                                k + 1
                            ))
                        })
                    };
                    person.service_years = added(SERVICE_YEARS, person.service_years)?;
                    person.school_years = added(SCHOOL_YEARS, person.school_years)?;
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
            save_in(&tx, id, &campaign.region, ord, response, &origin, false, None)?;
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

    /// Every staff record of every campaign with its person, oldest campaign first (then in
    /// the campaign's order of municipalities, by municipality name, then in the response's
    /// order of staff).
    ///
    /// Each table is read once in its own order and joined here: SQLite's sorter on 225,000
    /// joined rows (and a `staff_persons` look-up per row) took most of the registry's time.
    pub fn staff_records(&self) -> Result<Vec<StaffRecord>, StorageError> {
        let campaigns: HashMap<i64, (String, NaiveDate)> = {
            let mut stmt = self.conn.prepare_cached("SELECT id, region, reference_date FROM campaigns")?;
            let mut rows = stmt.query([])?;
            let mut out = HashMap::new();
            while let Some(row) = rows.next()? {
                let id = row.get(0)?;
                let date = bounds::reference_date(&self.conn, id, text_at(row, 2)?)?;
                out.insert(id, (row.get(1)?, date.get()));
            }
            out
        };
        let municipalities: HashMap<i64, String> = {
            let mut stmt = self.conn.prepare_cached("SELECT id, name FROM municipalities")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        // Response id → (campaign, its place in the campaign, municipality).
        let responses: HashMap<i64, (i64, i64, i64)> = {
            let mut stmt = self.conn.prepare_cached("SELECT id, campaign_id, ord, municipality_id FROM responses")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
            rows.collect::<Result<_, _>>()?
        };
        let persons: HashMap<String, String> = {
            let mut stmt = self.conn.prepare_cached("SELECT staff_uuid, person_uuid FROM staff_persons")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        // Courses by staff id, each person's in their order.
        let mut courses: Vec<(i64, i64, Course)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT staff_id, ord, title, hours, completed, relevant FROM courses ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let (staff, ord) = (row.get(0)?, row.get(1)?);
                let course =
                    bounds::course(&self.conn, (staff, ord), row.get(2)?, row.get(3)?, text_at(row, 4)?, row.get(5)?)?;
                courses.push((staff, ord, course));
            }
        }
        // Stable and usually already in order (courses are written person by person).
        courses.sort_by_key(|(staff, ord, _)| (*staff, *ord));
        let mut courses = courses.into_iter().peekable();
        // (reference date, campaign, response's place, staff's place), with the municipality's
        // name between the last two, orders them.
        type Key = (NaiveDate, i64, i64, i64);
        let mut keyed: Vec<(Key, StaffRecord)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, response_id, ord, name, job_title, education, service_years, school_years
             FROM staff ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let staff_id: i64 = row.get(0)?;
            let mut own = Vec::new();
            // Courses of no staff record (there are none: they cascade) are passed over.
            while courses.next_if(|(s, _, _)| *s < staff_id).is_some() {}
            while let Some((_, _, course)) = courses.next_if(|(s, _, _)| *s == staff_id) {
                own.push(course);
            }
            let Some(&(campaign, response_ord, municipality_id)) = responses.get(&row.get::<_, i64>(2)?) else {
                continue;
            };
            let (Some((region, reference_date)), Some(municipality)) =
                (campaigns.get(&campaign), municipalities.get(&municipality_id))
            else {
                continue;
            };
            let staff_text = text_at(row, 1)?;
            let staff = parse_uuid(staff_text)?;
            let person = match persons.get(staff_text) {
                Some(person) => parse_uuid(person)?,
                None => staff,
            };
            let education = text_at(row, 6)?;
            let record = StaffRecord {
                staff,
                person,
                campaign,
                region: region.clone(),
                reference_date: *reference_date,
                municipality: municipality.clone(),
                name: row.get(4)?,
                position: row.get(5)?,
                education: Education::from_code(education)
                    .ok_or_else(|| StorageError::Corrupt(format!("образование «{education}»")))?,
                service_years: bounds::years(&self.conn, staff_id, SERVICE_YEARS, row.get(7)?)?,
                school_years: bounds::years(&self.conn, staff_id, SCHOOL_YEARS, row.get(8)?)?,
                courses: own,
            };
            keyed.push(((*reference_date, campaign, response_ord, row.get(3)?), record));
        }
        keyed.sort_by(|(a, ra), (b, rb)| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then_with(|| ra.municipality.cmp(&rb.municipality))
                .then(a.3.cmp(&b.3))
        });
        Ok(keyed.into_iter().map(|(_, r)| r).collect())
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
