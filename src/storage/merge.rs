//! Field packages: «Экспорт для выезда» records what each response looked like when the package
//! was made; importing the package back merges it field by field against a base.
//!
//! A response is compared as named fields ([`canonical`]): the service's form, name and start
//! date, notes, whether staff was provided, each staff member (by id), the duties and the
//! associations. Changed only in the package → taken; changed only here → kept; changed on both
//! sides → a conflict per field, resolved by the analyst's [`MergeChoices`]. Nothing unresolved
//! is written.
//!
//! The base is the last version both sides are known to share. The institute (where the
//! campaign was made) takes it from the package: the hash the package carries names a snapshot
//! the institute stored when it made the package. A field laptop (a database whose campaign
//! arrived by package) records, for every response it imports from a package, the package's
//! version as its new base (`received_bases`, with the snapshot), merges the next package from
//! the institute against that, and sends it back as the base of the packages it makes. So any
//! number of rounds with any number of laptops update what one side changed and conflict only
//! what both changed.

mod canonical;

use super::save::{save_in, stored_responses, upsert_campaign};
use super::{Db, SaveOutcome, StorageError, now};
pub use canonical::{Fields, canonical_text, fields, fields_hash};

use crate::interchange::{FieldPackage, PackageHead, response_from_value};
use crate::model::registry::{Registry, folded, same_name};
use crate::model::{Campaign, Education, MunicipalityName, Response, ServiceForm};
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use uuid::Uuid;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What merging does with one response of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not in the database: added.
    New,
    /// Identical on both sides: skipped.
    Same,
    /// Changed only in the package since it was made: taken.
    TakeTheirs,
    /// Changed only here since the package was made: kept.
    KeepOurs,
    /// Changed on both sides in different fields: merged without conflict.
    Merged,
    /// Changed on both sides in the same field: the analyst chooses per field.
    Conflict,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::New => "новая анкета — будет добавлена",
            Outcome::Same => "совпадает — пропущена",
            Outcome::TakeTheirs => "изменена только в пакете — принимается",
            Outcome::KeepOurs => "изменена только здесь — остаётся как есть",
            Outcome::Merged => "изменена с обеих сторон в разных полях — объединяется",
            Outcome::Conflict => "изменена с обеих сторон — конфликт",
        }
    }
}

/// One field changed on both sides, shown side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    /// Field key, e.g. `service.form` or `staff.<uuid>`; used in [`MergeChoices`].
    pub field: String,
    /// Russian name of the field.
    pub label: String,
    /// The value when the package was made, when this database knows it.
    pub base: Option<String>,
    /// The value here; `None` = absent.
    pub ours: Option<String>,
    /// The value in the package; `None` = absent.
    pub theirs: Option<String>,
}

/// The plan for one response of the package.
#[derive(Debug, Clone)]
pub struct ResponsePlan {
    pub municipality: String,
    pub outcome: Outcome,
    /// Fields taken from the package automatically (changed only there).
    pub taken: Vec<String>,
    pub conflicts: Vec<FieldConflict>,
    theirs: Response,
    ours: Option<Response>,
    /// Ours with the package's one-sided changes applied; conflicting fields keep ours.
    merged: Fields,
    theirs_fields: Fields,
}

/// Everything an import of a package would do, before anything is written.
#[derive(Debug, Clone)]
pub struct MergePlan {
    pub source: String,
    pub file_sha256: String,
    /// The campaign in this database; `None` when the package brings a new campaign.
    pub campaign_id: Option<i64>,
    /// When the same file was already imported completely: importing it again does nothing.
    pub already_imported: Option<String>,
    pub responses: Vec<ResponsePlan>,
    campaign: Campaign,
    head: Option<PackageHead>,
    /// This database is a field laptop for the campaign: it records each package's version as
    /// its new base.
    field_laptop: bool,
}

impl MergePlan {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.responses.iter().filter(|r| r.outcome == outcome).count()
    }

    /// Every field conflict: (municipality, conflict).
    pub fn conflicts(&self) -> impl Iterator<Item = (&str, &FieldConflict)> {
        self.responses.iter().flat_map(|r| r.conflicts.iter().map(move |c| (r.municipality.as_str(), c)))
    }
}

/// A `--choose` place that names no conflict of the plan, with the nearest that exist.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UnknownChoice {
    #[error("муниципалитета «{name}» нет в пакете{}", nearest_list(nearest))]
    Municipality { name: String, nearest: Vec<String> },
    #[error("у анкеты «{municipality}» нет конфликтов — выбор для неё не нужен")]
    NoConflicts { municipality: String },
    #[error("у анкеты «{municipality}» нет конфликта в поле «{field}»{}", nearest_list(nearest))]
    Field { municipality: String, field: String, nearest: Vec<String> },
}

fn nearest_list(nearest: &[String]) -> String {
    if nearest.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = nearest.iter().map(|n| format!("«{n}»")).collect();
    format!("; ближайшие: {}", quoted.join(", "))
}

/// The (up to three) candidates nearest to `wanted`, best first, compared folded.
fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = folded(wanted);
    let mut scored: Vec<(f64, &str)> =
        candidates.map(|c| (strsim::normalized_levenshtein(&wanted, &folded(c)), c)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c.to_string()).collect()
}

impl MergePlan {
    /// Finds the conflict a choice names: the municipality matched as names are everywhere
    /// (case, ё/е…), the field by its key (`notes`, `service.name`, `staff.<id>`) or its Russian
    /// label. Returns the plan's own (municipality, field key).
    pub fn find_conflict(&self, municipality: &str, field: &str) -> Result<(String, String), UnknownChoice> {
        let Some(response) = self.responses.iter().find(|r| same_name(&r.municipality, municipality)) else {
            return Err(UnknownChoice::Municipality {
                name: municipality.trim().to_string(),
                nearest: nearest(municipality, self.responses.iter().map(|r| r.municipality.as_str())),
            });
        };
        if response.conflicts.is_empty() {
            return Err(UnknownChoice::NoConflicts { municipality: response.municipality.clone() });
        }
        let wanted = folded(field);
        let by_key = response.conflicts.iter().find(|c| folded(&c.field) == wanted);
        let by_label = || {
            let mut labelled = response.conflicts.iter().filter(|c| folded(&c.label) == wanted);
            labelled.next().filter(|_| labelled.next().is_none())
        };
        match by_key.or_else(by_label) {
            Some(c) => Ok((response.municipality.clone(), c.field.clone())),
            None => Err(UnknownChoice::Field {
                municipality: response.municipality.clone(),
                field: field.trim().to_string(),
                nearest: nearest(field, response.conflicts.iter().map(|c| c.field.as_str())),
            }),
        }
    }
}

/// Which side wins a conflicting field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This database.
    Ours,
    /// The package.
    Theirs,
}

/// The analyst's decisions: per field, and optionally one side for every other conflict.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeChoices {
    pub all: Option<Side>,
    /// (municipality, field key) → side.
    pub fields: HashMap<(String, String), Side>,
}

impl MergeChoices {
    fn side(&self, municipality: &str, field: &str) -> Option<Side> {
        self.fields.get(&(municipality.to_string(), field.to_string())).copied().or(self.all)
    }
}

/// What applying a plan did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeSummary {
    pub campaign_id: Option<i64>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept: usize,
    /// Responses not written because a conflict had no choice.
    pub conflicts_left: usize,
    /// Change-log entries written.
    pub changes: usize,
    /// Set when the file had already been imported: nothing was done.
    pub already_imported: Option<String>,
    pub backup: Option<PathBuf>,
}

/// Three-way merge of field maps; `base` is `None` when this database does not know it.
fn three_way(ours: &Fields, theirs: &Fields, base: Option<&Fields>) -> (Fields, Vec<String>, Vec<String>) {
    let mut merged = ours.clone();
    let (mut taken, mut conflicts) = (Vec::new(), Vec::new());
    let keys: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for key in keys {
        let (o, t) = (ours.get(key), theirs.get(key));
        if o == t {
            continue;
        }
        match base.map(|b| b.get(key)) {
            Some(b) if o == b => {
                match t {
                    Some(v) => merged.insert(key.clone(), v.clone()),
                    None => merged.remove(key),
                };
                taken.push(key.clone());
            }
            Some(b) if t == b => {}
            _ => conflicts.push(key.clone()),
        }
    }
    (merged, taken, conflicts)
}

fn field_label(key: &str, ours: Option<&Value>, theirs: Option<&Value>) -> String {
    match key {
        "service.form" => "Форма ММС".into(),
        "service.name" => "Наименование службы".into(),
        "service.started" => "Дата создания службы".into(),
        "notes" => "Примечания".into(),
        "staff" => "Сведения о сотрудниках".into(),
        "duties" => "Должностные обязанности".into(),
        "associations" => "Объединения педагогов".into(),
        _ => {
            let person = ours.or(theirs);
            let who = person
                .and_then(|p| p.get("name").or_else(|| p.get("position")))
                .and_then(Value::as_str)
                .map_or_else(|| key.trim_start_matches("staff.").chars().take(8).collect(), str::to_string);
            format!("Сотрудник «{who}»")
        }
    }
}

/// A field's value in words.
fn show(key: &str, value: Option<&Value>) -> Option<String> {
    let value = value?;
    Some(match (key, value) {
        ("service.form", Value::String(code)) => {
            ServiceForm::from_code(code).map_or(code.clone(), |f| f.label().into())
        }
        ("staff", _) => "представлены".into(),
        (_, Value::String(s)) => s.clone(),
        (k, Value::Object(p)) if k.starts_with("staff.") => {
            let education = p.get("education").and_then(Value::as_str).and_then(Education::from_code);
            let courses = p.get("courses").and_then(Value::as_array).map_or(0, Vec::len);
            let mut parts: Vec<String> = ["name", "position"]
                .iter()
                .filter_map(|f| p.get(*f).and_then(Value::as_str).map(str::to_string))
                .collect();
            parts.extend(education.map(|e| e.label().to_string()));
            parts.push(format!("стаж в ММС {}", p.get("service_years").unwrap_or(&Value::Null)));
            parts.push(format!("стаж в ОО {}", p.get("school_years").unwrap_or(&Value::Null)));
            parts.push(format!("курсов: {courses}"));
            parts.join(", ")
        }
        (_, other) => other.to_string(),
    })
}

/// Rebuilds a response from fields, staff in `order` (keys `staff.<id>`), through the
/// interchange reader so the result is valid exactly like a file.
fn rebuild(fields: &Fields, like: &Response, order: &[String], region: &str) -> Result<Response, StorageError> {
    let mut service = Map::new();
    for (k, v) in fields {
        if let Some(name) = k.strip_prefix("service.") {
            service.insert(name.to_string(), v.clone());
        }
    }
    let mut object = Map::new();
    if let Some(id) = like.id {
        object.insert("id".into(), json!(id.to_string()));
    }
    object.insert("municipality".into(), json!(like.municipality.as_str()));
    object.insert("service".into(), Value::Object(service));
    if fields.contains_key("staff") {
        let people: Vec<Value> = order
            .iter()
            .filter_map(|key| {
                let Value::Object(mut p) = fields.get(key)?.clone() else { return None };
                p.insert("id".into(), json!(key.trim_start_matches("staff.")));
                Some(Value::Object(p))
            })
            .collect();
        object.insert("staff".into(), Value::Array(people));
    }
    for key in ["duties", "associations", "notes"] {
        if let Some(v) = fields.get(key) {
            object.insert(key.into(), v.clone());
        }
    }
    response_from_value(&Value::Object(object), region).map_err(|problems| {
        let detail = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        StorageError::Corrupt(format!("объединённая анкета «{}»: {detail}", like.municipality))
    })
}

/// Staff keys in the order of ours, then the package's new people in its order.
fn staff_order(ours: Option<&Response>, theirs: &Response) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for person in ours.iter().flat_map(|r| r.staff.iter().flatten()).chain(theirs.staff.iter().flatten()) {
        if let Some(id) = person.id {
            let key = format!("staff.{id}");
            if !order.contains(&key) {
                order.push(key);
            }
        }
    }
    order
}

impl Db {
    /// «Экспорт для выезда»: the campaign (or the named municipalities) with a base hash per
    /// response; the snapshots behind the hashes are kept here for the merge. On a field laptop,
    /// responses that arrived by package keep the base they arrived with (and its names setting),
    /// so the package sent back merges against the institute's version.
    pub fn field_package(
        &mut self,
        campaign_id: i64,
        municipalities: &[String],
        with_names: bool,
    ) -> Result<FieldPackage, StorageError> {
        self.field_package_unmapped(campaign_id, municipalities, with_names).map_err(|e| self.explain(e))
    }

    fn field_package_unmapped(
        &mut self,
        campaign_id: i64,
        municipalities: &[String],
        with_names: bool,
    ) -> Result<FieldPackage, StorageError> {
        let mut campaign = self.load_campaign_unmapped(campaign_id)?;
        if !municipalities.is_empty() {
            let registry = Registry::for_region(&campaign.region);
            let mut wanted = Vec::new();
            for name in municipalities {
                let canonical = match registry.map(|r| r.find(name)) {
                    Some(Ok((_, m))) => m.name.to_string(),
                    _ => name.trim().to_string(),
                };
                if !campaign.responses.iter().any(|r| r.municipality == canonical) {
                    return Err(StorageError::NotInCampaign(name.clone()));
                }
                wanted.push(canonical);
            }
            campaign.responses.retain(|r| wanted.iter().any(|w| r.municipality == *w));
        }
        let mut received: HashMap<MunicipalityName, (String, bool)> = HashMap::new();
        for r in &campaign.responses {
            if let Some(found) = r.id.map(|id| self.received_base(id)).transpose()?.flatten() {
                received.insert(r.municipality.clone(), found);
            }
        }
        // Sending back what arrived by package: its bases, hashed the way they were made.
        let with_names = received.values().next().map_or(with_names, |(_, names)| *names);
        if !with_names {
            campaign.withhold_names();
        }
        let head = PackageHead { id: Uuid::new_v4(), created_at: now(), with_names };
        let tx = self.conn.transaction()?;
        let mut bases = HashMap::new();
        for r in &campaign.responses {
            if let Some((base, _)) = received.get(&r.municipality) {
                bases.insert(r.municipality.clone(), base.clone());
                continue;
            }
            let f = fields(r, with_names);
            let hash = fields_hash(&f);
            tx.execute(
                "INSERT OR IGNORE INTO response_snapshots (hash, body) VALUES (?1, ?2)",
                params![hash, serde_json::to_string(&f).unwrap_or_default()],
            )?;
            bases.insert(r.municipality.clone(), hash);
        }
        tx.execute(
            "INSERT INTO field_packages (uuid, campaign_id, created_at, with_names, responses) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![head.id.to_string(), campaign_id, head.created_at, with_names, campaign.responses.len() as i64],
        )?;
        tx.commit()?;
        Ok(FieldPackage { campaign, head: Some(head), bases })
    }

    fn snapshot(&self, hash: &str) -> Result<Option<Fields>, StorageError> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM response_snapshots WHERE hash = ?1", [hash], |r| r.get(0))
            .optional()?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }

    /// The base a response of a field laptop was last merged against: (hash, with names).
    fn received_base(&self, response: Uuid) -> Result<Option<(String, bool)>, StorageError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT base, with_names FROM received_bases WHERE response_uuid = ?1")?;
        Ok(stmt.query_row([response.to_string()], |row| Ok((row.get(0)?, row.get(1)?))).optional()?)
    }

    /// Plans the import of a package (or any questionnaire file) without writing anything.
    pub fn plan_merge(
        &self,
        package: &FieldPackage,
        file_sha256: &str,
        source: &str,
    ) -> Result<MergePlan, StorageError> {
        self.plan_merge_unmapped(package, file_sha256, source).map_err(|e| self.explain(e))
    }

    fn plan_merge_unmapped(
        &self,
        package: &FieldPackage,
        file_sha256: &str,
        source: &str,
    ) -> Result<MergePlan, StorageError> {
        let already_imported: Option<String> = self
            .conn
            .query_row(
                "SELECT at FROM imports WHERE sha256 = ?1 AND complete = 1 ORDER BY id LIMIT 1",
                [file_sha256],
                |r| r.get(0),
            )
            .optional()?;
        let mut campaign = package.campaign.clone();
        campaign.assign_ids();
        let uuid = campaign.effective_id().to_string();
        let campaign_id: Option<i64> =
            self.conn.query_row("SELECT id FROM campaigns WHERE uuid = ?1", [&uuid], |r| r.get(0)).optional()?;
        let ours_campaign = campaign_id.map(|id| self.load_campaign_unmapped(id)).transpose()?;
        let with_names = package.head.as_ref().is_none_or(|h| h.with_names);
        let mut received: HashMap<Uuid, String> = HashMap::new();
        for id in ours_campaign.iter().flat_map(|c| &c.responses).filter_map(|r| r.id) {
            if let Some((base, _)) = self.received_base(id)? {
                received.insert(id, base);
            }
        }
        // A campaign that arrives by package, or arrived so before, is a field laptop's.
        let field_laptop = package.head.is_some() && (campaign_id.is_none() || !received.is_empty());
        let mut responses = Vec::new();
        for theirs in &campaign.responses {
            let ours = ours_campaign.as_ref().and_then(|c| {
                let by_id = c.responses.iter().find(|o| o.id.is_some() && o.id == theirs.id);
                by_id.or_else(|| c.responses.iter().find(|o| o.municipality == theirs.municipality))
            });
            let theirs_fields = fields(theirs, with_names);
            let mut plan = ResponsePlan {
                municipality: theirs.municipality.to_string(),
                outcome: Outcome::New,
                taken: Vec::new(),
                conflicts: Vec::new(),
                theirs: theirs.clone(),
                ours: ours.cloned(),
                merged: theirs_fields.clone(),
                theirs_fields: theirs_fields.clone(),
            };
            if let Some(ours) = ours {
                let ours_fields = fields(ours, with_names);
                // The laptop's own record of the last shared version comes first; the package's
                // base is what the sender last shared with this side (the institute's snapshot).
                let base = ours.id.and_then(|id| received.get(&id)).or_else(|| package.bases.get(&theirs.municipality));
                let snapshot = base
                    .map(|h| self.snapshot(h))
                    .transpose()?
                    .flatten()
                    .map(|s| if with_names { s } else { canonical::without_names(s) });
                plan.merged = ours_fields.clone();
                plan.outcome = match base {
                    _ if ours_fields == theirs_fields => Outcome::Same,
                    Some(b) if fields_hash(&theirs_fields) == *b => Outcome::KeepOurs,
                    Some(b) if fields_hash(&ours_fields) == *b => Outcome::TakeTheirs,
                    _ if snapshot.as_ref() == Some(&theirs_fields) => Outcome::KeepOurs,
                    _ if snapshot.as_ref() == Some(&ours_fields) => Outcome::TakeTheirs,
                    _ => {
                        let (merged, taken, conflicts) = three_way(&ours_fields, &theirs_fields, snapshot.as_ref());
                        plan.merged = merged;
                        plan.taken = taken;
                        plan.conflicts = conflicts
                            .iter()
                            .map(|key| {
                                let (o, t) = (ours_fields.get(key), theirs_fields.get(key));
                                FieldConflict {
                                    field: key.clone(),
                                    label: field_label(key, o, t),
                                    base: snapshot.as_ref().and_then(|s| show(key, s.get(key))),
                                    ours: show(key, o),
                                    theirs: show(key, t),
                                }
                            })
                            .collect();
                        match (plan.conflicts.is_empty(), plan.taken.is_empty()) {
                            (false, _) => Outcome::Conflict,
                            (true, false) => Outcome::Merged,
                            (true, true) => Outcome::KeepOurs,
                        }
                    }
                };
            }
            responses.push(plan);
        }
        Ok(MergePlan {
            source: source.to_string(),
            file_sha256: file_sha256.to_string(),
            campaign_id,
            already_imported,
            responses,
            campaign,
            head: package.head.clone(),
            field_laptop,
        })
    }

    /// Applies a plan in one transaction (after a backup copy), with the analyst's choices for
    /// conflicts; a response with a conflict left unchosen is not written. The import is recorded
    /// with the file's SHA-256; once complete, the same file imports as a no-op.
    pub fn apply_merge(&mut self, plan: &MergePlan, choices: &MergeChoices) -> Result<MergeSummary, StorageError> {
        self.apply_merge_unmapped(plan, choices).map_err(|e| self.explain(e))
    }

    fn apply_merge_unmapped(&mut self, plan: &MergePlan, choices: &MergeChoices) -> Result<MergeSummary, StorageError> {
        let mut summary = MergeSummary { campaign_id: plan.campaign_id, ..MergeSummary::default() };
        if let Some(at) = &plan.already_imported {
            summary.already_imported = Some(at.clone());
            return Ok(summary);
        }
        let (tx, backup) = self.begin_import()?;
        summary.backup = backup;
        let (campaign_id, mut stored) = match plan.campaign_id {
            Some(id) => (id, stored_responses(&tx, id)?),
            None => {
                let (id, _, changes) = upsert_campaign(&tx, &plan.campaign, &plan.source)?;
                summary.changes += changes;
                (id, HashMap::new())
            }
        };
        summary.campaign_id = Some(campaign_id);
        let region: String = tx.query_row("SELECT region FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))?;
        let registry = Registry::for_region(&region);
        let mut details: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (index, rp) in plan.responses.iter().enumerate() {
            let write = match rp.outcome {
                Outcome::New | Outcome::TakeTheirs => Some(rp.theirs.clone()),
                Outcome::Same => {
                    summary.unchanged += 1;
                    None
                }
                Outcome::KeepOurs => {
                    summary.kept += 1;
                    details.entry("kept").or_default().push(&rp.municipality);
                    None
                }
                Outcome::Merged | Outcome::Conflict => {
                    let mut fields = rp.merged.clone();
                    let mut unresolved = false;
                    for c in &rp.conflicts {
                        match choices.side(&rp.municipality, &c.field) {
                            Some(Side::Theirs) => match rp.theirs_fields.get(&c.field) {
                                Some(v) => {
                                    fields.insert(c.field.clone(), v.clone());
                                }
                                None => {
                                    fields.remove(&c.field);
                                }
                            },
                            Some(Side::Ours) => {}
                            None => unresolved = true,
                        }
                    }
                    if unresolved {
                        summary.conflicts_left += 1;
                        details.entry("conflicts_left").or_default().push(&rp.municipality);
                        None
                    } else {
                        let like = rp.ours.as_ref().unwrap_or(&rp.theirs);
                        Some(rebuild(&fields, like, &staff_order(rp.ours.as_ref(), &rp.theirs), &region)?)
                    }
                }
            };
            // A field laptop takes the package's version as the version it now shares with the
            // institute: the next package from there is merged against it, and the packages the
            // laptop makes carry it as their base. An unresolved conflict keeps the old base.
            let decided = write.is_some() || matches!(rp.outcome, Outcome::Same | Outcome::KeepOurs);
            let response_id = rp.ours.as_ref().and_then(|o| o.id).or(rp.theirs.id);
            if let (true, true, Some(head), Some(id)) = (plan.field_laptop, decided, &plan.head, response_id) {
                let hash = fields_hash(&rp.theirs_fields);
                tx.execute(
                    "INSERT OR IGNORE INTO response_snapshots (hash, body) VALUES (?1, ?2)",
                    params![hash, serde_json::to_string(&rp.theirs_fields).unwrap_or_default()],
                )?;
                tx.execute(
                    "INSERT OR REPLACE INTO received_bases (response_uuid, base, with_names, package_uuid)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id.to_string(), hash, head.with_names, head.id.to_string()],
                )?;
            }
            let Some(response) = write else { continue };
            let ord = registry.and_then(|r| r.position(&response.municipality)).unwrap_or(index) as i64;
            match save_in(&tx, campaign_id, &region, ord, &response, &plan.source, false, Some(&mut stored))? {
                SaveOutcome::Added => {
                    summary.added += 1;
                    summary.changes += 1;
                    details.entry("added").or_default().push(&rp.municipality);
                }
                SaveOutcome::Updated(n) => {
                    summary.updated += 1;
                    summary.changes += n;
                    details.entry("updated").or_default().push(&rp.municipality);
                }
                SaveOutcome::Unchanged => summary.unchanged += 1,
            }
        }
        tx.execute(
            "INSERT INTO imports (at, source, campaign_id, added, updated, unchanged, sha256, complete, details)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                now(),
                plan.source,
                campaign_id,
                summary.added as i64,
                summary.updated as i64,
                summary.unchanged as i64,
                plan.file_sha256,
                summary.conflicts_left == 0,
                serde_json::to_string(&details).unwrap_or_default(),
            ],
        )?;
        tx.commit()?;
        Ok(summary)
    }

    /// The import register, newest first: (when, source, SHA-256, complete).
    pub fn imports(&self) -> Result<Vec<ImportRecord>, StorageError> {
        self.imports_unmapped().map_err(|e| self.explain(e))
    }

    fn imports_unmapped(&self) -> Result<Vec<ImportRecord>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, source, sha256, complete, added, updated, unchanged, details FROM imports ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ImportRecord {
                at: r.get(0)?,
                source: r.get(1)?,
                sha256: r.get(2)?,
                complete: r.get(3)?,
                added: r.get::<_, i64>(4)? as usize,
                updated: r.get::<_, i64>(5)? as usize,
                unchanged: r.get::<_, i64>(6)? as usize,
                details: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One entry of the import register.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    pub at: String,
    pub source: String,
    pub sha256: Option<String>,
    pub complete: bool,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// JSON: municipalities by what happened to them (`added`, `updated`, `kept`, `conflicts_left`).
    pub details: Option<String>,
}

#[cfg(test)]
mod tests;
