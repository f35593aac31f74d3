//! An open database and the campaign on screen: everything the views read, and the few
//! operations the app's commands perform on them. No egui here.

use crate::methodology::{Assessment, Methodology, assess, assess_response};
use crate::model::registry::Registry;
use crate::model::{Campaign, Date, MunicipalityName, Response, Service, ServiceForm};
use crate::storage::{CampaignRow, Db, StorageError};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Source recorded in the change log for edits made in the window.
pub const EDIT_SOURCE: &str = "приложение";

/// The campaign on screen with its assessment, kept in step with the database.
#[derive(Debug)]
pub struct Loaded {
    pub id: i64,
    pub campaign: Campaign,
    pub assessment: Assessment,
    pub texts: BTreeMap<String, String>,
    /// Lower-case municipality names, for searching Cyrillic (SQLite folds ASCII only).
    pub search_names: Vec<String>,
    /// The review of each questionnaire that is not a draft, by municipality.
    pub reviews: BTreeMap<String, crate::model::review::Review>,
    /// The other campaigns of the database, assessed: read when «Динамика» first needs them.
    others: std::cell::OnceCell<Result<BTreeMap<i64, Assessment>, String>>,
}

impl Loaded {
    pub(super) fn new(db: &Db, id: i64) -> Result<Loaded, StorageError> {
        let campaign = db.load_campaign(id)?;
        let assessment = assess(&campaign, &db.campaign_methodology(id)?);
        let search_names = campaign.responses.iter().map(|r| r.municipality.to_lowercase()).collect();
        Ok(Loaded {
            id,
            texts: db.texts(id)?,
            reviews: db.reviews(id)?,
            campaign,
            assessment,
            search_names,
            others: Default::default(),
        })
    }

    /// The review of a municipality's questionnaire (a draft when none was set).
    pub fn review(&self, municipality: &str) -> crate::model::review::Review {
        self.reviews.get(municipality).cloned().unwrap_or_default()
    }

    fn others(&self, db: &Db) -> Result<&BTreeMap<i64, Assessment>, String> {
        let others = self.others.get_or_init(|| {
            let rows = db.campaigns().map_err(|e| format!("{e:#}"))?;
            rows.iter()
                .filter(|c| c.id != self.id)
                .map(|c| Ok((c.id, crate::dynamics::load::assessed(db, c.id).map_err(|e| format!("{e:#}"))?)))
                .collect()
        });
        others.as_ref().map_err(Clone::clone)
    }

    /// The assessment of campaign `number` (this one's is kept up to date with every edit).
    pub fn assessment_of(&self, db: &Db, number: i64) -> Result<&Assessment, String> {
        if number == self.id {
            return Ok(&self.assessment);
        }
        self.others(db)?.get(&number).ok_or_else(|| format!("кампания {number} не найдена"))
    }

    /// This campaign against `against` (or the previous one of its region); `None` when there
    /// is nothing to compare with.
    pub fn dynamics(
        &self,
        db: &Db,
        campaigns: &[CampaignRow],
        against: Option<i64>,
    ) -> Result<Option<crate::dynamics::Dynamics>, String> {
        use crate::dynamics::{CampaignInfo, Lineage, compare, previous};
        let infos: Vec<CampaignInfo> = campaigns.iter().map(CampaignInfo::from).collect();
        let Some(this) = infos.iter().find(|c| c.number == self.id) else { return Ok(None) };
        let chosen = against.and_then(|n| infos.iter().find(|c| c.number == n && n != self.id));
        let Some(other) = chosen.or_else(|| previous(&infos, self.id)) else { return Ok(None) };
        let before = self.assessment_of(db, other.number)?;
        let history = db.municipality_history(Some(&this.region)).map_err(|e| format!("{e:#}"))?;
        let lineage = Lineage::from_history(&history, &this.region, this.reference_date);
        Ok(Some(compare(this.clone(), &self.assessment, other.clone(), before, &lineage)))
    }

    /// Every campaign of this one's region with its assessment, for the chart of the years.
    pub fn region_history(&self, db: &Db) -> Result<Vec<(crate::dynamics::CampaignInfo, &Assessment)>, String> {
        let rows = db.campaigns().map_err(|e| format!("{e:#}"))?;
        let others = self.others(db)?;
        Ok(rows
            .iter()
            .filter(|c| c.region == self.campaign.region)
            .filter_map(|c| {
                let a = if c.id == self.id { Some(&self.assessment) } else { others.get(&c.id) };
                a.map(|a| (crate::dynamics::CampaignInfo::from(c), a))
            })
            .collect())
    }

    /// Index of the response of the named municipality.
    pub fn position(&self, municipality: &str) -> Option<usize> {
        self.campaign.responses.iter().position(|r| r.municipality == municipality)
    }
}

/// An open database.
#[derive(Debug)]
pub struct Session {
    pub db: Db,
    pub campaigns: Vec<CampaignRow>,
    pub current: Option<Loaded>,
}

impl Session {
    pub fn new(db: Db) -> Result<Session, StorageError> {
        let campaigns = db.campaigns()?;
        Ok(Session { db, campaigns, current: None })
    }

    /// Shows the campaign with this number.
    pub fn load(&mut self, campaign_id: i64) -> Result<(), StorageError> {
        self.current = Some(Loaded::new(&self.db, campaign_id)?);
        Ok(())
    }

    /// Re-reads the campaign list and the campaign on screen (after an import).
    pub fn reload(&mut self) -> Result<(), StorageError> {
        self.campaigns = self.db.campaigns()?;
        if let Some(id) = self.current.as_ref().map(|l| l.id) {
            self.load(id)?;
        }
        Ok(())
    }

    /// Saves one response of the campaign on screen and re-assesses that municipality only.
    pub fn save_response(&mut self, index: usize, response: &Response) -> Result<(), StorageError> {
        let Some(loaded) = self.current.as_mut() else {
            return Err(StorageError::CampaignNotFound("не выбрана".into()));
        };
        let (Some(slot), Some(assessed)) =
            (loaded.campaign.responses.get_mut(index), loaded.assessment.municipalities.get_mut(index))
        else {
            return Err(StorageError::Conflict(format!("анкета № {} не найдена", index + 1)));
        };
        self.db.save_response(loaded.id, response, EDIT_SOURCE)?;
        *slot = response.clone();
        *assessed = assess_response(response, loaded.campaign.reference_date.get(), &loaded.assessment.methodology);
        if let Some(name) = loaded.search_names.get_mut(index) {
            *name = response.municipality.to_lowercase();
        }
        Ok(())
    }

    /// Stores `m` as the methodology of the campaign on screen and re-assesses every
    /// municipality with it; returns how many levels changed.
    pub fn set_methodology(&mut self, m: &Methodology) -> Result<usize, StorageError> {
        let Some(loaded) = self.current.as_mut() else {
            return Ok(0);
        };
        self.db.set_campaign_methodology(loaded.id, m, EDIT_SOURCE)?;
        let after = assess(&loaded.campaign, m);
        let changed = crate::methodology::changed_levels(&loaded.assessment, &after);
        loaded.assessment = after;
        Ok(changed)
    }

    /// Sets the review of a questionnaire of the campaign on screen.
    pub fn set_review(
        &mut self,
        municipality: &str,
        review: &crate::model::review::Review,
    ) -> Result<(), StorageError> {
        let Some(loaded) = self.current.as_mut() else {
            return Err(StorageError::CampaignNotFound("не выбрана".into()));
        };
        self.db.set_review(loaded.id, municipality, review, EDIT_SOURCE)?;
        loaded.reviews = self.db.reviews(loaded.id)?;
        Ok(())
    }

    /// Sets one editable text of the campaign on screen.
    pub fn set_text(&mut self, key: &str, value: Option<&str>) -> Result<(), StorageError> {
        let Some(loaded) = self.current.as_mut() else {
            return Ok(());
        };
        self.db.set_text(loaded.id, key, value)?;
        match value {
            Some(v) => loaded.texts.insert(key.to_string(), v.to_string()),
            None => loaded.texts.remove(key),
        };
        Ok(())
    }

    /// Adds an empty questionnaire for a municipality to the campaign on screen.
    pub fn add_municipality(&mut self, name: MunicipalityName) -> Result<usize, StorageError> {
        let Some(id) = self.current.as_ref().map(|l| l.id) else {
            return Err(StorageError::CampaignNotFound("не выбрана".into()));
        };
        self.db.save_response(id, &blank_response(name.clone()), EDIT_SOURCE)?;
        self.reload()?;
        let position = self.current.as_ref().and_then(|l| l.position(&name));
        position.ok_or_else(|| StorageError::Conflict(format!("анкета «{name}» не сохранилась")))
    }

    /// Creates a campaign; with `copy_from`, its answers start as that campaign's answers
    /// (under new ids, so the two rounds stay separate). Returns the new campaign's number.
    pub fn new_campaign(&mut self, draft: &NewCampaign) -> Result<i64, StorageError> {
        if let Some(from) = draft.copy_from
            && self.db.load_campaign(from)?.region == draft.region
        {
            // Next year's round of the same region: each person is carried forward.
            let next = crate::storage::NextCampaign {
                title: draft.title.clone(),
                reference_date: draft.reference_date,
                add_elapsed_years: draft.add_elapsed_years,
            };
            let id = self.db.new_campaign_from(from, &next)?;
            self.campaigns = self.db.campaigns()?;
            self.load(id)?;
            return Ok(id);
        }
        let mut campaign = match draft.copy_from {
            Some(id) => self.db.load_campaign(id)?,
            None => Campaign {
                id: None,
                title: String::new(),
                region: draft.region.clone(),
                reference_date: draft.reference_date,
                document: None,
                responses: Registry::for_region(&draft.region)
                    .map(|r| r.municipalities.iter().map(|m| blank_response(m.canonical_name())).collect())
                    .unwrap_or_default(),
            },
        };
        campaign.id = Some(Uuid::new_v4());
        campaign.title = draft.title.clone();
        campaign.region = draft.region.clone();
        campaign.reference_date = draft.reference_date;
        for response in &mut campaign.responses {
            response.id = None;
            for person in response.staff.iter_mut().flatten() {
                person.id = None;
            }
        }
        let summary = self.db.import_campaign(&campaign, "новая кампания")?;
        self.campaigns = self.db.campaigns()?;
        self.load(summary.campaign_id)?;
        Ok(summary.campaign_id)
    }
}

/// What the «Новая кампания…» dialog asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCampaign {
    pub title: String,
    pub region: String,
    pub reference_date: Date,
    pub copy_from: Option<i64>,
    /// With `copy_from`: add the time between the two reference dates to the years of experience.
    pub add_elapsed_years: bool,
}

/// A questionnaire with nothing answered yet: no service declared, nothing provided.
pub fn blank_response(municipality: MunicipalityName) -> Response {
    Response {
        id: None,
        municipality,
        service: Service { form: ServiceForm::NotDeclared, name: None, started: None },
        staff: None,
        duties: None,
        associations: None,
        notes: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Education, ExperienceYears, Staff};

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.db")).unwrap();
        let sample = crate::interchange::parse(crate::workspace::SAMPLE_JSON).unwrap();
        db.import_campaign(&sample, "тест").unwrap();
        let mut s = Session::new(db).unwrap();
        let id = s.campaigns[0].id;
        s.load(id).unwrap();
        (dir, s)
    }

    #[test]
    fn saving_a_response_reassesses_only_it_and_stores_it() {
        let (_dir, mut s) = session();
        let loaded = s.current.as_ref().unwrap();
        let index = loaded.position("Анучинский МО").unwrap();
        let before = loaded.assessment.clone();
        let mut response = loaded.campaign.responses[index].clone();
        response.staff.get_or_insert_with(Vec::new).push(Staff {
            id: Some(Uuid::new_v4()),
            person: None,
            name: None,
            position: None,
            education: Education::HigherPedagogical,
            service_years: ExperienceYears::of::<6>(),
            school_years: ExperienceYears::of::<1>(),
            courses: Vec::new(),
        });
        s.save_response(index, &response).unwrap();
        let loaded = s.current.as_ref().unwrap();
        assert_eq!(loaded.assessment.municipalities[index].staff_count, Some(1));
        for (i, (a, b)) in loaded.assessment.municipalities.iter().zip(&before.municipalities).enumerate() {
            if i != index {
                assert_eq!(a, b);
            }
        }
        let stored = s.db.load_campaign(loaded.id).unwrap();
        assert_eq!(stored.responses[index], response);
        // The in-memory assessment is what a fresh assessment of the stored campaign gives.
        assert_eq!(assess(&stored, &Methodology::default()).municipalities, loaded.assessment.municipalities);
    }

    #[test]
    fn a_blank_campaign_lists_the_regions_municipalities_with_nothing_answered() {
        let (_dir, mut s) = session();
        let draft = NewCampaign {
            title: "Новая".into(),
            region: "Приморский край".into(),
            reference_date: Date::ymd::<2023, 12, 31>(),
            copy_from: None,
            add_elapsed_years: false,
        };
        s.new_campaign(&draft).unwrap();
        let loaded = s.current.as_ref().unwrap();
        assert_eq!(loaded.campaign.title, "Новая");
        assert_eq!(loaded.campaign.responses.len(), 34);
        assert!(loaded.campaign.responses.iter().all(|r| r.staff.is_none() && r.duties.is_none()));
        assert_eq!(s.campaigns.len(), 2);
    }

    #[test]
    fn a_municipality_can_be_added_once() {
        let (_dir, mut s) = session();
        let index = s.add_municipality(crate::model::values::name("Новый муниципальный округ")).unwrap();
        let loaded = s.current.as_ref().unwrap();
        assert_eq!(loaded.campaign.responses.len(), 35);
        assert_eq!(loaded.campaign.responses[index].municipality, "Новый муниципальный округ");
        assert_eq!(loaded.campaign.responses[index].service.form, ServiceForm::NotDeclared);
    }
}
