//! Reading campaigns back into the model.

use super::bounds::{self, APPROVED_YEAR, MUNICIPALITY, Place, SCHOOL_YEARS, SERVICE_YEARS, STARTED, checked};
use super::{Db, StorageError, texts};
use crate::model::{
    Associations, Campaign, Course, Date, Duties, Education, Function, MunicipalityName, Response, Service,
    ServiceForm, Staff, Year,
};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;
use uuid::Uuid;

/// A campaign as listed by `mms-monitor campaigns`.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignRow {
    pub id: i64,
    pub uuid: Uuid,
    pub title: String,
    pub region: String,
    pub reference_date: Date,
    pub responses: usize,
}

fn corrupt(what: impl Into<String>) -> StorageError {
    StorageError::Corrupt(what.into())
}

fn uuid(text: &str) -> Result<Uuid, StorageError> {
    Uuid::parse_str(text).map_err(|_| corrupt(format!("идентификатор «{text}»")))
}

/// Which responses to read.
#[derive(Clone, Copy)]
pub(super) enum Scope {
    Campaign(i64),
    Response(i64),
}

impl Scope {
    fn clause(self) -> (&'static str, i64) {
        match self {
            Scope::Campaign(id) => ("r.campaign_id = ?1", id),
            Scope::Response(id) => ("r.id = ?1", id),
        }
    }
}

fn campaign_row(r: &Row) -> rusqlite::Result<(i64, String, String, String, String, usize)> {
    let responses: i64 = r.get(5)?;
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, usize::try_from(responses).unwrap_or(0)))
}

impl Db {
    /// Every campaign, newest reference date first.
    pub fn campaigns(&self) -> Result<Vec<CampaignRow>, StorageError> {
        self.campaigns_unmapped().map_err(|e| self.explain(e))
    }

    fn campaigns_unmapped(&self) -> Result<Vec<CampaignRow>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.uuid, c.title, c.region, c.reference_date,
                    (SELECT count(*) FROM responses r WHERE r.campaign_id = c.id)
             FROM campaigns c ORDER BY c.reference_date DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([], campaign_row)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, u, title, region, d, responses)| {
                let reference_date = bounds::reference_date(&self.conn, id, &d)?;
                Ok(CampaignRow { id, uuid: uuid(&u)?, title, region, reference_date, responses })
            })
            .collect()
    }

    /// A campaign by its number (as `campaigns` lists it) or its UUID.
    pub fn find_campaign(&self, spec: &str) -> Result<CampaignRow, StorageError> {
        self.find_campaign_unmapped(spec).map_err(|e| self.explain(e))
    }

    fn find_campaign_unmapped(&self, spec: &str) -> Result<CampaignRow, StorageError> {
        let spec = spec.trim();
        self.campaigns_unmapped()?
            .into_iter()
            .find(|c| c.id.to_string() == spec || c.uuid.to_string().eq_ignore_ascii_case(spec))
            .ok_or_else(|| StorageError::CampaignNotFound(spec.to_string()))
    }

    /// The whole campaign with every id, in table order.
    pub fn load_campaign(&self, campaign_id: i64) -> Result<Campaign, StorageError> {
        self.load_campaign_unmapped(campaign_id).map_err(|e| self.explain(e))
    }

    pub(super) fn load_campaign_unmapped(&self, campaign_id: i64) -> Result<Campaign, StorageError> {
        let head = self
            .conn
            .query_row(
                "SELECT id, uuid, title, region, reference_date, 0 FROM campaigns WHERE id = ?1",
                [campaign_id],
                campaign_row,
            )
            .optional()?
            .ok_or_else(|| StorageError::CampaignNotFound(campaign_id.to_string()))?;
        let (_, u, title, region, d, _) = head;
        Ok(Campaign {
            id: Some(uuid(&u)?),
            title,
            region,
            reference_date: bounds::reference_date(&self.conn, campaign_id, &d)?,
            document: texts::document_from_texts(&texts::read(&self.conn, campaign_id)?),
            responses: read_responses(&self.conn, Scope::Campaign(campaign_id))?.into_iter().map(|(_, r)| r).collect(),
        })
    }
}

/// Responses in the scope, each with its row id, in table order.
pub(super) fn read_responses(conn: &Connection, scope: Scope) -> Result<Vec<(i64, Response)>, StorageError> {
    let (clause, key) = scope.clause();
    let mut courses: HashMap<i64, Vec<Course>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT c.staff_id, c.title, c.hours, c.completed, c.relevant, c.ord FROM courses c
             JOIN staff s ON s.id = c.staff_id JOIN responses r ON r.id = s.response_id
             WHERE {clause} ORDER BY c.staff_id, c.ord"
        ))?;
        let mut rows = stmt.query([key])?;
        while let Some(row) = rows.next()? {
            let completed: String = row.get(3)?;
            let staff_id: i64 = row.get(0)?;
            let course =
                bounds::course(conn, (staff_id, row.get(5)?), row.get(1)?, row.get(2)?, &completed, row.get(4)?)?;
            courses.entry(staff_id).or_default().push(course);
        }
    }
    let mut staff: HashMap<i64, Vec<Staff>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT s.response_id, s.id, s.uuid, s.name, s.job_title, s.education, s.service_years, s.school_years,
                    p.person_uuid
             FROM staff s JOIN responses r ON r.id = s.response_id
             LEFT JOIN staff_persons p ON p.staff_uuid = s.uuid
             WHERE {clause} ORDER BY s.response_id, s.ord"
        ))?;
        let mut rows = stmt.query([key])?;
        while let Some(row) = rows.next()? {
            let education: String = row.get(5)?;
            let staff_id: i64 = row.get(1)?;
            let id: String = row.get(2)?;
            let person: Option<String> = row.get(8)?;
            staff.entry(row.get(0)?).or_default().push(Staff {
                id: Some(uuid(&id)?),
                person: person.as_deref().map(uuid).transpose()?,
                name: row.get(3)?,
                position: row.get(4)?,
                education: Education::from_code(&education)
                    .ok_or_else(|| corrupt(format!("образование «{education}»")))?,
                service_years: bounds::years(conn, staff_id, SERVICE_YEARS, row.get(6)?)?,
                school_years: bounds::years(conn, staff_id, SCHOOL_YEARS, row.get(7)?)?,
                courses: courses.remove(&staff_id).unwrap_or_default(),
            });
        }
    }
    let mut functions: HashMap<i64, Vec<Function>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT d.response_id, d.function FROM duties d JOIN responses r ON r.id = d.response_id
             WHERE {clause} ORDER BY d.response_id, d.ord"
        ))?;
        let mut rows = stmt.query([key])?;
        while let Some(row) = rows.next()? {
            let code: String = row.get(1)?;
            let f = Function::from_code(&code).ok_or_else(|| corrupt(format!("функция «{code}»")))?;
            functions.entry(row.get(0)?).or_default().push(f);
        }
    }
    let mut others: HashMap<i64, Vec<String>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.response_id, a.name FROM associations a JOIN responses r ON r.id = a.response_id
             WHERE {clause} ORDER BY a.response_id, a.ord"
        ))?;
        let mut rows = stmt.query([key])?;
        while let Some(row) = rows.next()? {
            others.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.id, r.uuid, m.name, r.service_form, r.service_name, r.service_started, r.staff_provided,
                r.duties_provided, r.duties_approved_year, r.associations_provided, r.mmo, r.notes
         FROM responses r JOIN municipalities m ON m.id = r.municipality_id
         WHERE {clause} ORDER BY r.ord, m.name"
    ))?;
    let mut rows = stmt.query([key])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let u: String = row.get(1)?;
        let form: String = row.get(3)?;
        let started: Option<String> = row.get(5)?;
        let staff_provided: bool = row.get(6)?;
        let duties_provided: bool = row.get(7)?;
        let associations_provided: bool = row.get(9)?;
        let mmo: Option<bool> = row.get(10)?;
        let started = started.as_deref().map(|d| bounds::date(conn, Place::Response(id), STARTED, d)).transpose()?;
        let name: String = row.get(2)?;
        let municipality = checked(conn, Place::Name(id), MUNICIPALITY, MunicipalityName::new(&name))?;
        let approved_year: Option<f64> = row.get(8)?;
        let approved_year =
            approved_year.map(|y| checked(conn, Place::Response(id), APPROVED_YEAR, Year::new(y))).transpose()?;
        out.push((
            id,
            Response {
                id: Some(uuid(&u)?),
                municipality,
                service: Service {
                    form: ServiceForm::from_code(&form).ok_or_else(|| corrupt(format!("форма службы «{form}»")))?,
                    name: row.get(4)?,
                    started,
                },
                staff: staff_provided.then(|| staff.remove(&id).unwrap_or_default()),
                duties: duties_provided
                    .then(|| Duties { approved_year, functions: functions.remove(&id).unwrap_or_default() }),
                associations: associations_provided
                    .then(|| Associations { mmo: mmo.unwrap_or(false), other: others.remove(&id).unwrap_or_default() }),
                notes: row.get(11)?,
            },
        ));
    }
    Ok(out)
}
