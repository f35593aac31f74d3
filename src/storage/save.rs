//! Writing campaigns and responses: one transaction per import, a change log of every
//! difference, and no write at all when nothing changed.

use super::load::{Scope, read_responses};
use super::{Db, StorageError, now, texts};
use crate::interchange::response_value;
use crate::model::registry::Registry;
use crate::model::{Campaign, Response, Year};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use uuid::Uuid;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSummary {
    pub campaign_id: i64,
    pub campaign_created: bool,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Number of change-log entries written.
    pub changes: usize,
    /// The copy of the database taken before the import.
    pub backup: Option<PathBuf>,
}

/// What saving one response did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Added,
    /// Updated, with this many changed fields.
    Updated(usize),
    Unchanged,
}

impl Db {
    /// Whether the database holds any campaign.
    pub fn has_data(&self) -> Result<bool, StorageError> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM campaigns)", [], |r| r.get(0))
            .map_err(|e| self.explain(e.into()))
    }

    /// Imports a whole campaign in one transaction, after a backup copy of the database.
    /// Responses are matched by id, then by municipality; unchanged ones are not touched.
    pub fn import_campaign(&mut self, campaign: &Campaign, source: &str) -> Result<ImportSummary, StorageError> {
        self.import_campaign_file(campaign, source, None)
    }

    /// [`Db::import_campaign`] of a file: the import is recorded with the file's SHA-256 even
    /// when nothing changed (a plain file is applied again on re-import; packages are merged).
    pub fn import_campaign_file(
        &mut self,
        campaign: &Campaign,
        source: &str,
        sha256: Option<&str>,
    ) -> Result<ImportSummary, StorageError> {
        self.import_in_transaction(campaign, source, sha256).map_err(|e| self.explain(e))
    }

    fn import_in_transaction(
        &mut self,
        campaign: &Campaign,
        source: &str,
        sha256: Option<&str>,
    ) -> Result<ImportSummary, StorageError> {
        let (tx, backup) = self.begin_import()?;
        let mut campaign = campaign.clone();
        campaign.assign_ids();
        let mut summary = ImportSummary { backup, ..ImportSummary::default() };
        let (campaign_id, created, head_changes) = upsert_campaign(&tx, &campaign, source)?;
        summary.campaign_id = campaign_id;
        summary.campaign_created = created;
        summary.changes += head_changes;
        let registry = Registry::for_region(&campaign.region);
        let mut stored = if created { HashMap::new() } else { stored_responses(&tx, campaign_id)? };
        for (index, response) in campaign.responses.iter().enumerate() {
            let ord = registry.and_then(|r| r.position(&response.municipality)).unwrap_or(index) as i64;
            match save_in(&tx, campaign_id, &campaign.region, ord, response, source, false, Some(&mut stored))? {
                SaveOutcome::Added => {
                    summary.added += 1;
                    summary.changes += 1;
                }
                SaveOutcome::Updated(n) => {
                    summary.updated += 1;
                    summary.changes += n;
                }
                SaveOutcome::Unchanged => summary.unchanged += 1,
            }
        }
        if summary.changes > 0 || sha256.is_some() {
            tx.execute(
                "INSERT INTO imports (at, source, campaign_id, added, updated, unchanged, sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    now(),
                    source,
                    campaign_id,
                    summary.added as i64,
                    summary.updated as i64,
                    summary.unchanged as i64,
                    sha256
                ],
            )?;
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Saves one response of a stored campaign (the app's every edit), logging what changed.
    /// Typed text arrives keystroke by keystroke: an edit of the same text field of the same
    /// response, right after the previous one (within [`COALESCE_SECONDS`]), updates that
    /// change-log entry's new value instead of adding an entry. The response itself is saved
    /// every time.
    pub fn save_response(
        &mut self,
        campaign_id: i64,
        response: &Response,
        source: &str,
    ) -> Result<SaveOutcome, StorageError> {
        self.save_in_transaction(campaign_id, response, source).map_err(|e| self.explain(e))
    }

    fn save_in_transaction(
        &mut self,
        campaign_id: i64,
        response: &Response,
        source: &str,
    ) -> Result<SaveOutcome, StorageError> {
        let tx = self.conn.transaction()?;
        let (region,): (String,) = tx
            .query_row("SELECT region FROM campaigns WHERE id = ?1", [campaign_id], |r| Ok((r.get(0)?,)))
            .optional()?
            .ok_or_else(|| StorageError::CampaignNotFound(campaign_id.to_string()))?;
        let ord = match Registry::for_region(&region).and_then(|r| r.position(&response.municipality)) {
            Some(p) => p as i64,
            None => tx.query_row(
                "SELECT coalesce(max(ord) + 1, 0) FROM responses WHERE campaign_id = ?1",
                [campaign_id],
                |r| r.get(0),
            )?,
        };
        let mut response = response.clone();
        response.id.get_or_insert_with(Uuid::new_v4);
        for s in response.staff.iter_mut().flatten() {
            s.id.get_or_insert_with(Uuid::new_v4);
        }
        let outcome = save_in(&tx, campaign_id, &region, ord, &response, source, true, None)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// The change log of a campaign, oldest first: (when, source, municipality, path, old, new).
    pub fn change_log(&self, campaign_id: i64) -> Result<Vec<ChangeEntry>, StorageError> {
        self.change_log_unmapped(campaign_id).map_err(|e| self.explain(e))
    }

    fn change_log_unmapped(&self, campaign_id: i64) -> Result<Vec<ChangeEntry>, StorageError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.at, l.source, l.municipality, l.path, l.old_value, l.new_value FROM change_log l
             JOIN campaigns c ON c.uuid = l.campaign_uuid WHERE c.id = ?1 ORDER BY l.id",
        )?;
        let rows = stmt.query_map([campaign_id], |r| {
            Ok(ChangeEntry {
                at: r.get(0)?,
                source: r.get(1)?,
                municipality: r.get(2)?,
                path: r.get(3)?,
                old_value: r.get(4)?,
                new_value: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEntry {
    pub at: String,
    pub source: String,
    pub municipality: Option<String>,
    pub path: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Inserts or updates the campaign row and its title-page texts; returns (id, created, changes).
pub(super) fn upsert_campaign(
    tx: &Transaction,
    c: &Campaign,
    source: &str,
) -> Result<(i64, bool, usize), StorageError> {
    let uuid = c.effective_id().to_string();
    let existing: Option<(i64, String, String, String)> = tx
        .query_row("SELECT id, title, region, reference_date FROM campaigns WHERE uuid = ?1", [&uuid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let reference_date = c.reference_date.to_string();
    let (id, created, mut changes) = match existing {
        None => {
            // A new campaign keeps its own copy of the methodology: a later release or edit of
            // the default never rewrites its levels.
            let default = crate::methodology::Methodology::default();
            tx.execute(
                "INSERT INTO campaigns (uuid, title, region, reference_date, created_at, methodology, methodology_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![uuid, c.title, c.region, reference_date, now(), default.id, default.to_json_string()],
            )?;
            let id = tx.last_insert_rowid();
            log_change(tx, source, id, None, None, "campaign", None, Some("добавлена"))?;
            (id, true, 1)
        }
        Some((id, title, region, date)) => {
            let mut n = 0;
            for (field, old, new) in [
                ("title", &title, &c.title),
                ("region", &region, &c.region),
                ("reference_date", &date, &reference_date),
            ] {
                if old != new {
                    log_change(tx, source, id, None, None, &format!("campaign.{field}"), Some(old), Some(new))?;
                    n += 1;
                }
            }
            if n > 0 {
                tx.execute(
                    "UPDATE campaigns SET title = ?2, region = ?3, reference_date = ?4 WHERE id = ?1",
                    params![id, c.title, c.region, reference_date],
                )?;
            }
            (id, false, n)
        }
    };
    if let Some(document) = &c.document {
        let stored = texts::read(tx, id)?;
        for (key, value) in texts::document_texts(document) {
            if stored.get(&key) != Some(&value) {
                tx.execute(
                    "INSERT INTO campaign_texts (campaign_id, key, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (campaign_id, key) DO UPDATE SET value = excluded.value",
                    params![id, key, value],
                )?;
                if !created {
                    log_change(
                        tx,
                        source,
                        id,
                        None,
                        None,
                        &format!("texts.{key}"),
                        stored.get(&key).map(String::as_str),
                        Some(&value),
                    )?;
                    changes += 1;
                }
            }
        }
    }
    Ok((id, created, changes))
}

/// [`rusqlite::Connection::execute`] through the statement cache: an import runs each of
/// these statements thousands of times, and preparing one costs more than running it.
fn run(tx: &rusqlite::Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// [`rusqlite::Connection::query_row`] through the statement cache.
fn one<T>(
    tx: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    tx.prepare_cached(sql)?.query_row(params, f)
}

fn municipality_id(tx: &Transaction, region: &str, name: &str) -> Result<i64, StorageError> {
    let kind = Registry::for_region(region).and_then(|r| r.find(name).ok()).map(|(_, m)| m.kind.code());
    run(
        tx,
        "INSERT OR IGNORE INTO municipalities (region, name, kind) VALUES (?1, ?2, ?3)",
        params![region, name, kind],
    )?;
    Ok(one(tx, "SELECT id FROM municipalities WHERE region = ?1 AND name = ?2", params![region, name], |r| r.get(0))?)
}

/// The campaign's stored questionnaires by row id, in one read, for [`save_in`]'s `preloaded`:
/// read one by one, each took five joined statements that SQLite prepared again every time
/// (rusqlite's statement cache clears the bindings, which expires a statement whose plan used
/// them). A campaign with a damaged record gives none, so that each is read on its own and the
/// damaged one replaced.
pub(super) fn stored_responses(tx: &Transaction, campaign_id: i64) -> Result<HashMap<i64, Response>, StorageError> {
    match read_responses(tx, Scope::Campaign(campaign_id)) {
        Ok(list) => Ok(list.into_iter().collect()),
        Err(StorageError::Corrupt(_)) => Ok(HashMap::new()),
        Err(e) => Err(e),
    }
}

/// How long after the previous keystroke an edit of the same text field still extends the
/// previous change-log entry (see [`Db::save_response`]).
pub const COALESCE_SECONDS: i64 = 10;

/// Saves one response (ids already assigned) inside the caller's transaction; `coalesce`
/// lets a single text-field edit extend the previous change-log entry (see [`Db::save_response`]).
/// `preloaded` holds stored responses already read, by row id (taken out as they are used);
/// a response not in it is read from the database.
#[allow(clippy::too_many_arguments)]
pub(super) fn save_in(
    tx: &Transaction,
    campaign_id: i64,
    region: &str,
    ord: i64,
    response: &Response,
    source: &str,
    coalesce: bool,
    preloaded: Option<&mut HashMap<i64, Response>>,
) -> Result<SaveOutcome, StorageError> {
    let municipality_id = municipality_id(tx, region, &response.municipality)?;
    let uuid = response.id.map(|u| u.to_string()).unwrap_or_default();
    let by_uuid: Option<(i64, i64)> =
        one(tx, "SELECT id, campaign_id FROM responses WHERE uuid = ?1", [&uuid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
    let existing = match by_uuid {
        Some((_, other)) if other != campaign_id => {
            return Err(StorageError::Conflict(format!(
                "анкета «{}» ({uuid}) уже принадлежит другой кампании",
                response.municipality
            )));
        }
        Some((id, _)) => Some(id),
        None => one(
            tx,
            "SELECT id FROM responses WHERE campaign_id = ?1 AND municipality_id = ?2",
            params![campaign_id, municipality_id],
            |r| r.get(0),
        )
        .optional()?,
    };
    let Some(row_id) = existing else {
        run(
            tx,
            "INSERT INTO responses (uuid, campaign_id, municipality_id, ord, service_form, staff_provided,
                                    duties_provided, associations_provided, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'not_declared', 0, 0, 0, ?5)",
            params![uuid, campaign_id, municipality_id, ord, now()],
        )?;
        let row_id = tx.last_insert_rowid();
        write_response(tx, row_id, municipality_id, ord, response)?;
        log_change(tx, source, campaign_id, Some(response), Some(&uuid), "", None, Some("анкета добавлена"))?;
        return Ok(SaveOutcome::Added);
    };
    let read = match preloaded.and_then(|known| known.remove(&row_id)) {
        Some(known) => Ok(vec![(row_id, known)]),
        None => read_responses(tx, Scope::Response(row_id)),
    };
    let stored = match read {
        Ok(list) => list.into_iter().next().map(|(_, r)| r),
        // A stored value outside its limits (an earlier version's, or a hand edit) cannot be read
        // back: the incoming questionnaire, which passed a reader or the form, replaces it whole,
        // and the log says what was wrong. Without this, the campaign could never be repaired.
        Err(StorageError::Corrupt(detail)) => {
            let why = format!("анкета заменена целиком: в базе была повреждённая запись ({detail})");
            log_change(tx, source, campaign_id, Some(response), Some(&uuid), "", None, Some(&why))?;
            rewrite_response(tx, row_id, municipality_id, ord, response)?;
            return Ok(SaveOutcome::Updated(1));
        }
        Err(e) => return Err(e),
    };
    let Some(stored) = stored else {
        return Err(StorageError::Corrupt(format!("анкета {uuid}")));
    };
    let incoming = keep_stored_names(response, &stored);
    if incoming == stored {
        return Ok(SaveOutcome::Unchanged);
    }
    let mut differences = Vec::new();
    diff("", &response_value(&stored), &response_value(&incoming), &mut differences);
    let stored_uuid = stored.id.map(|u| u.to_string()).unwrap_or(uuid);
    let extended = match differences.as_slice() {
        [(path, Some(old), Some(new), true)] if coalesce => {
            extend_last_change(tx, source, &stored_uuid, path, old, new)?
        }
        _ => false,
    };
    if !extended {
        for (path, old, new, _) in &differences {
            log_change(
                tx,
                source,
                campaign_id,
                Some(&incoming),
                Some(&stored_uuid),
                path,
                old.as_deref(),
                new.as_deref(),
            )?;
        }
    }
    rewrite_response(tx, row_id, municipality_id, ord, &incoming)?;
    Ok(SaveOutcome::Updated(differences.len()))
}

/// Stored response `row_id` replaced by `r`: its staff, duties and associations dropped, then
/// everything written again.
fn rewrite_response(
    tx: &Transaction,
    row_id: i64,
    municipality_id: i64,
    ord: i64,
    r: &Response,
) -> Result<(), StorageError> {
    run(tx, "DELETE FROM staff WHERE response_id = ?1", [row_id])?;
    run(tx, "DELETE FROM duties WHERE response_id = ?1", [row_id])?;
    run(tx, "DELETE FROM associations WHERE response_id = ?1", [row_id])?;
    write_response(tx, row_id, municipality_id, ord, r)
}

/// A file without staff names (names are withheld on export) keeps the names stored for the
/// same people; the stored response's id also wins over a freshly derived one.
fn keep_stored_names(incoming: &Response, stored: &Response) -> Response {
    let mut merged = incoming.clone();
    merged.id = stored.id;
    for person in merged.staff.iter_mut().flatten() {
        let same = stored.staff.iter().flatten().find(|s| s.id.is_some() && s.id == person.id);
        if person.name.is_none() {
            person.name = same.and_then(|s| s.name.clone());
        }
        // A link made in this database wins over the file's (and a file without links keeps them).
        if let Some(stored_person) = same.and_then(|s| s.person) {
            person.person = Some(stored_person);
        }
    }
    merged
}

/// Records that staff record `staff` is person `person` (a link that came with the record, from
/// a file's `person` key or the form's copy of a loaded record), unless the record already has
/// one: a link made in this database wins. A person who is a record carried from another is
/// that one's person.
fn link_person(tx: &Transaction, staff: &str, person: Uuid) -> Result<(), StorageError> {
    let person = person.to_string();
    let resolved: Option<String> = tx
        .prepare_cached("SELECT person_uuid FROM staff_persons WHERE staff_uuid = ?1")?
        .query_row([&person], |r| r.get(0))
        .optional()?;
    let person = resolved.unwrap_or(person);
    if person == staff {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO staff_persons (staff_uuid, person_uuid, how, at) VALUES (?1, ?2, 'carried', ?3)
         ON CONFLICT (staff_uuid) DO NOTHING",
    )?
    .execute(params![staff, person, now()])?;
    Ok(())
}

/// Writes the response row's fields and all its children (the children must not exist).
fn write_response(
    tx: &Transaction,
    row_id: i64,
    municipality_id: i64,
    ord: i64,
    r: &Response,
) -> Result<(), StorageError> {
    run(
        tx,
        "UPDATE responses SET municipality_id = ?2, ord = ?3, service_form = ?4, service_name = ?5,
                service_started = ?6, staff_provided = ?7, duties_provided = ?8, duties_approved_year = ?9,
                associations_provided = ?10, mmo = ?11, notes = ?12, updated_at = ?13
         WHERE id = ?1",
        params![
            row_id,
            municipality_id,
            ord,
            r.service.form.code(),
            r.service.name,
            r.service.started.map(|d| d.to_string()),
            r.staff.is_some(),
            r.duties.is_some(),
            r.duties.as_ref().and_then(|d| d.approved_year).map(Year::get),
            r.associations.is_some(),
            r.associations.as_ref().map(|a| a.mmo),
            r.notes,
            now(),
        ],
    )?;
    let mut insert_staff = tx.prepare_cached(
        "INSERT INTO staff (uuid, response_id, ord, name, job_title, education, service_years, school_years)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut insert_course = tx.prepare_cached(
        "INSERT INTO courses (staff_id, ord, title, hours, completed, relevant) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in r.staff.iter().flatten().enumerate() {
        let uuid = s.id.unwrap_or_else(Uuid::new_v4).to_string();
        insert_staff
            .execute(params![
                uuid,
                row_id,
                i as i64,
                s.name,
                s.position,
                s.education.code(),
                s.service_years.get(),
                s.school_years.get()
            ])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => StorageError::Conflict(format!(
                    "сотрудник {uuid} анкеты «{}» уже записан в другой анкете",
                    r.municipality
                )),
                _ => StorageError::Sqlite(e),
            })?;
        let staff_id = tx.last_insert_rowid();
        if let Some(person) = s.person.filter(|p| Some(*p) != s.id) {
            link_person(tx, &uuid, person)?;
        }
        for (j, c) in s.courses.iter().enumerate() {
            insert_course.execute(params![
                staff_id,
                j as i64,
                c.title,
                c.hours.get(),
                c.completed.to_string(),
                c.relevant
            ])?;
        }
    }
    if let Some(d) = &r.duties {
        let mut stmt = tx.prepare_cached("INSERT INTO duties (response_id, ord, function) VALUES (?1, ?2, ?3)")?;
        for (i, f) in d.functions.iter().enumerate() {
            stmt.execute(params![row_id, i as i64, f.code()])?;
        }
    }
    if let Some(a) = &r.associations {
        let mut stmt = tx.prepare_cached("INSERT INTO associations (response_id, ord, name) VALUES (?1, ?2, ?3)")?;
        for (i, name) in a.other.iter().enumerate() {
            stmt.execute(params![row_id, i as i64, name])?;
        }
    }
    Ok(())
}

/// When the newest change-log entry is the previous step of this same text edit (same source,
/// response and field, its new value is this edit's old one, made within [`COALESCE_SECONDS`]),
/// moves its new value and time on; returns whether it did.
fn extend_last_change(
    tx: &rusqlite::Connection,
    source: &str,
    response_uuid: &str,
    path: &str,
    old: &str,
    new: &str,
) -> Result<bool, StorageError> {
    type Last = (i64, String, String, Option<String>, String, Option<String>);
    let last: Option<Last> = tx
        .prepare_cached(
            "SELECT id, at, source, response_uuid, path, new_value FROM change_log ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .optional()?;
    let Some((id, at, last_source, last_uuid, last_path, last_new)) = last else { return Ok(false) };
    let recent = chrono::DateTime::parse_from_rfc3339(&at)
        .is_ok_and(|at| chrono::Utc::now().signed_duration_since(at).num_seconds() <= COALESCE_SECONDS);
    let same = last_source == source
        && last_uuid.as_deref() == Some(response_uuid)
        && last_path == path
        && last_new.as_deref() == Some(old);
    if !(recent && same) {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE change_log SET at = ?2, new_value = ?3 WHERE id = ?1")?.execute(params![
        id,
        now(),
        new
    ])?;
    Ok(true)
}

/// Appends one change-log entry.
#[allow(clippy::too_many_arguments)]
pub(super) fn log_change(
    tx: &rusqlite::Connection,
    source: &str,
    campaign_id: i64,
    response: Option<&Response>,
    response_uuid: Option<&str>,
    path: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<(), StorageError> {
    tx.prepare_cached(
        "INSERT INTO change_log (at, source, campaign_uuid, response_uuid, municipality, path, old_value, new_value)
         VALUES (?1, ?2, (SELECT uuid FROM campaigns WHERE id = ?3), ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        now(),
        source,
        campaign_id,
        response_uuid,
        response.map(|r| r.municipality.as_str()),
        path,
        old,
        new
    ])?;
    Ok(())
}

/// Leaf differences between two JSON values, as (path, old, new); `None` = absent.
/// The differing leaves: (path, old, new, whether both sides are text).
type Difference = (String, Option<String>, Option<String>, bool);

fn diff(path: &str, old: &Value, new: &Value, out: &mut Vec<Difference>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match b.get(k) {
                    Some(vb) => diff(&p, va, vb, out),
                    None => out.push((p, Some(text(va)), None, false)),
                }
            }
            for (k, vb) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.push((p, None, Some(text(vb)), false));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(va), Some(vb)) => diff(&p, va, vb, out),
                    (Some(va), None) => out.push((p, Some(text(va)), None, false)),
                    (None, Some(vb)) => out.push((p, None, Some(text(vb)), false)),
                    (None, None) => {}
                }
            }
        }
        _ if old != new => {
            let typed = matches!((old, new), (Value::String(_), Value::String(_)));
            out.push((path.to_string(), Some(text(old)), Some(text(new)), typed));
        }
        _ => {}
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
