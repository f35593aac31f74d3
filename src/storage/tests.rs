use super::*;
use crate::interchange;
use crate::model::{Campaign, Education};

const SAMPLE: &str = include_str!("../../sample_data/primorye-2022.json");

fn sample() -> Campaign {
    interchange::parse(SAMPLE).unwrap()
}

fn temp_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    (dir, db)
}

/// Row counts of every content table, to prove that nothing changed.
fn counts(db: &Db) -> Vec<i64> {
    ["campaigns", "responses", "staff", "courses", "duties", "associations", "change_log", "imports", "campaign_texts"]
        .iter()
        .map(|t| db.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
        .collect()
}

#[test]
fn new_database_is_at_the_latest_schema() {
    let (_dir, db) = temp_db();
    assert_eq!(db.schema_version().unwrap(), migrations::latest());
    let fk: bool = db.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(fk);
    let mode: String = db.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Db::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", migrations::latest() + 1).unwrap();
    drop(conn);
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StorageError::TooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("более новой версией программы"), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "это не база данных, а просто текст достаточной длины").unwrap();
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StorageError::NotADatabase { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "это не база данных, а просто текст достаточной длины");
}

#[test]
fn import_then_load_gives_the_same_campaign() {
    let (_dir, mut db) = temp_db();
    let summary = db.import_campaign(&sample(), "test").unwrap();
    assert!(summary.campaign_created);
    assert_eq!((summary.added, summary.updated, summary.unchanged), (34, 0, 0));
    let mut expected = sample();
    expected.assign_ids();
    assert_eq!(db.load_campaign(summary.campaign_id).unwrap(), expected);
}

#[test]
fn importing_twice_changes_nothing() {
    let (_dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let before = counts(&db);
    let again = db.import_campaign(&sample(), "second").unwrap();
    assert_eq!((again.added, again.updated, again.unchanged, again.changes), (0, 0, 34, 0));
    assert!(!again.campaign_created);
    assert_eq!(counts(&db), before);
}

#[test]
fn exported_file_imports_back_without_changes() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let exported = interchange::to_json_string(&db.load_campaign(id).unwrap());
    let before = counts(&db);
    let summary = db.import_campaign(&interchange::parse(&exported).unwrap(), "back").unwrap();
    assert_eq!(summary.changes, 0);
    assert_eq!(counts(&db), before);
}

#[test]
fn export_without_names_keeps_stored_names_on_reimport() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let mut withheld = db.load_campaign(id).unwrap();
    withheld.withhold_names();
    assert!(withheld.responses.iter().flat_map(|r| r.staff.iter().flatten()).all(|s| s.name.is_none()));
    assert_eq!(db.import_campaign(&withheld, "back").unwrap().changes, 0);
    let loaded = db.load_campaign(id).unwrap();
    assert!(loaded.responses[0].staff.as_ref().unwrap()[0].name.is_some());
}

#[test]
fn a_changed_answer_is_updated_and_logged() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let mut changed = sample();
    let staff = changed.responses[1].staff.as_mut().unwrap();
    let old = staff[0].education;
    staff[0].education = Education::Other;
    let summary = db.import_campaign(&changed, "second").unwrap();
    assert_eq!((summary.added, summary.updated, summary.unchanged, summary.changes), (0, 1, 33, 1));
    let log = db.change_log(id).unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.path, "staff[0].education");
    assert_eq!(last.old_value.as_deref(), Some(old.code()));
    assert_eq!(last.new_value.as_deref(), Some("other"));
    assert_eq!(last.municipality.as_deref(), Some(changed.responses[1].municipality.as_str()));
    assert_eq!(last.source, "second");
    assert_eq!(db.load_campaign(id).unwrap().responses[1].staff.as_ref().unwrap()[0].education, Education::Other);
}

#[test]
fn a_failed_import_leaves_the_database_unchanged() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let stored = db.load_campaign(id).unwrap();
    // A second campaign whose second response claims a response id of the first campaign:
    // the first response is written before the conflict is found, and must be rolled back.
    let mut other = sample();
    other.title = "Другая кампания".into();
    other.responses[1].id = stored.responses[5].id;
    let before = counts(&db);
    let err = db.import_campaign(&other, "bad").unwrap_err();
    assert!(matches!(err, StorageError::Conflict(_)), "{err:?}");
    assert_eq!(counts(&db), before);
    assert_eq!(db.load_campaign(id).unwrap(), stored);
}

#[test]
fn each_import_into_a_used_database_is_backed_up() {
    let (dir, mut db) = temp_db();
    let first = db.import_campaign(&sample(), "first").unwrap();
    assert_eq!(first.backup, None, "an empty database needs no copy");
    let second = db.import_campaign(&sample(), "second").unwrap();
    let copy = second.backup.unwrap();
    assert!(copy.starts_with(dir.path().join("backups")));
    let restored = Db::open(&copy).unwrap();
    assert_eq!(restored.campaigns().unwrap().len(), 1);
    assert_eq!(restored.load_campaign(1).unwrap(), db.load_campaign(1).unwrap());
}

#[test]
fn old_backups_are_pruned() {
    let (dir, mut db) = temp_db();
    for round in 0..backup::KEEP + 3 {
        let mut campaign = sample();
        campaign.title = format!("Раунд {round}");
        db.import_campaign(&campaign, "round").unwrap();
        db.backup("manual").unwrap();
    }
    let kept = backup::list(&dir.path().join("t.db"));
    assert_eq!(kept.len(), backup::KEEP);
    assert_eq!(backup::newest(&dir.path().join("t.db")).as_ref(), kept.last());
}

#[test]
fn a_copy_identical_to_the_newest_is_not_stored_twice() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let first = db.backup("manual").unwrap();
    for _ in 0..3 {
        assert_eq!(db.backup("manual").unwrap(), first, "nothing changed: the same copy");
    }
    assert_eq!(backup::list(&dir.path().join("t.db")), vec![first]);
}

#[test]
fn backups_are_checked_private_and_leave_no_temporary() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("t-20260101-000000.000-manual.db.tmp"), b"half a copy").unwrap();
    std::fs::write(folder.join("t-20250101-000000.000-manual.db"), b"").unwrap();
    std::fs::write(folder.join("other-20250101-000000.000-manual.db.tmp"), b"another database's").unwrap();
    let copy = db.backup("manual").unwrap();
    let names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "the orphan and the empty copy are gone, the other database's file stays: {names:?}");
    let check = rusqlite::Connection::open(&copy).unwrap();
    let verdict: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&copy), 0o600);
        assert_eq!(mode(&dir.path().join("t.db")), 0o600, "a new database is the owner's only");
    }
}

#[test]
fn a_failed_copy_keeps_the_good_ones() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let good = db.backup("manual").unwrap();
    // A file where a copy would go: the copy cannot be made, the import is refused.
    let folder = dir.path().join("backups");
    let mut campaign = sample();
    campaign.title = "Другая".into();
    for _ in 0..3 {
        std::fs::rename(&folder, dir.path().join("aside")).unwrap();
        std::fs::write(&folder, b"not a folder").unwrap();
        let err = db.import_campaign(&campaign, "refused").unwrap_err();
        assert!(matches!(err, StorageError::Backup { .. }), "{err:?}");
        assert!(err.to_string().contains("база данных не изменена"), "{err}");
        std::fs::remove_file(&folder).unwrap();
        std::fs::rename(dir.path().join("aside"), &folder).unwrap();
    }
    assert_eq!(backup::list(&dir.path().join("t.db")), vec![good]);
    assert_eq!(db.campaigns().unwrap()[0].title, sample().title, "nothing imported");
}

#[test]
fn every_sqlite_condition_names_the_file_and_what_to_do() {
    use rusqlite::ffi;
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    db.import_campaign(&sample(), "second").unwrap();
    let newest = backup::newest(db.path()).unwrap();
    let error = |code| StorageError::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None));
    let text = |code| db.explain(error(code)).to_string();
    let path = dir.path().join("t.db").display().to_string();
    let corrupt = text(ffi::SQLITE_CORRUPT);
    assert!(corrupt.starts_with(&path) && corrupt.contains("повреждена"), "{corrupt}");
    assert!(corrupt.contains(&newest.display().to_string()), "the backup to restore from: {corrupt}");
    let io = text(ffi::SQLITE_IOERR_WRITE);
    assert!(io.contains("ошибка чтения или записи диска") && io.contains(&newest.display().to_string()), "{io}");
    assert!(text(ffi::SQLITE_FULL).contains("на диске нет места"));
    assert!(text(ffi::SQLITE_READONLY).contains("только для чтения"));
    assert!(text(ffi::SQLITE_CANTOPEN).contains("не удалось открыть файл базы данных"));
    assert!(text(ffi::SQLITE_BUSY).contains("занята"));
    for code in [ffi::SQLITE_CORRUPT, ffi::SQLITE_IOERR, ffi::SQLITE_FULL, ffi::SQLITE_READONLY, ffi::SQLITE_CANTOPEN] {
        assert!(text(code).starts_with(&path), "{}", text(code));
    }
    let bare = error(ffi::SQLITE_CONSTRAINT).to_string();
    assert!(bare.starts_with("данные нарушают ограничение") && !bare.contains("constraint"), "{bare}");
    let all: Vec<String> = [
        ffi::SQLITE_BUSY,
        ffi::SQLITE_NOTADB,
        ffi::SQLITE_CORRUPT,
        ffi::SQLITE_IOERR_WRITE,
        ffi::SQLITE_FULL,
        ffi::SQLITE_READONLY,
        ffi::SQLITE_CANTOPEN,
    ]
    .into_iter()
    .map(|code| text(code).replace(&newest.display().to_string(), "[НОВЕЙШАЯ КОПИЯ]").replace(&path, "[БАЗА]"))
    .collect();
    insta::assert_snapshot!("sqlite_conditions", all.join("\n"));
}

#[test]
fn a_read_only_connection_is_explained() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let path = dir.path().join("t.db");
    let conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let e = conn.execute("DELETE FROM imports", []).unwrap_err();
    let text = classify(e, &path).to_string();
    assert!(text.contains("только для чтения") && !text.contains("readonly"), "{text}");
}

#[test]
fn a_locked_database_gives_a_clear_error() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "before the lock").unwrap();
    let other = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    db.conn.busy_timeout(std::time::Duration::from_millis(50)).unwrap();
    let copies = backup::list(db.path());
    for _ in 0..10 {
        let err = db.import_campaign(&sample(), "locked").unwrap_err();
        assert!(matches!(err, StorageError::Locked { .. }), "{err:?}");
        assert!(err.to_string().contains("занята другой копией программы"));
    }
    assert_eq!(backup::list(db.path()), copies, "refused before any copy was taken");
    assert!(matches!(db.backup("manual").unwrap_err(), StorageError::Locked { .. }));
    let mut response = db.load_campaign(1).unwrap().responses[0].clone();
    response.notes = Some("правка при блокировке".into());
    let err = db.save_response(1, &response, "ui").unwrap_err();
    assert!(matches!(err, StorageError::Locked { .. }), "an edit meets the lock: {err:?}");
    let err = db.set_text(1, "note.deadline", Some("01.03.2022")).unwrap_err();
    assert!(matches!(err, StorageError::Locked { .. }), "a text edit meets the lock: {err:?}");
}

#[test]
fn a_merge_meets_the_lock_with_the_same_error_as_a_save() {
    let (dir, mut db) = temp_db();
    db.import_campaign(&sample(), "before the lock").unwrap();
    let mut package = db.field_package(1, &[], false).unwrap();
    package.campaign.responses[0].notes = Some("с выезда".into());
    let plan = db.plan_merge(&package, "sha", "пакет").unwrap();
    let other = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    db.conn.busy_timeout(std::time::Duration::from_millis(50)).unwrap();
    let err = db.apply_merge(&plan, &MergeChoices::default()).unwrap_err();
    assert!(matches!(err, StorageError::Locked { .. }), "{err:?}");
    let err = db.field_package(1, &[], false).unwrap_err();
    assert!(matches!(err, StorageError::Locked { .. }), "{err:?}");
}

#[test]
fn only_a_missing_campaign_is_reported_as_not_found() {
    let (_dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    assert!(matches!(db.load_campaign(99), Err(StorageError::CampaignNotFound(_))));
    db.conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE campaign_texts;").unwrap();
    let err = db.load_campaign(1).unwrap_err();
    assert!(!matches!(err, StorageError::CampaignNotFound(_)), "a broken table is not a missing campaign: {err:?}");
}

#[test]
fn campaigns_are_found_by_number_or_uuid() {
    let (_dir, mut db) = temp_db();
    db.import_campaign(&sample(), "first").unwrap();
    let row = db.find_campaign("1").unwrap();
    assert_eq!(row.responses, 34);
    assert_eq!(db.find_campaign(&row.uuid.to_string()).unwrap(), row);
    assert!(matches!(db.find_campaign("7"), Err(StorageError::CampaignNotFound(_))));
}

#[test]
fn save_response_adds_updates_and_skips() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let mut response = db.load_campaign(id).unwrap().responses[2].clone();
    assert_eq!(db.save_response(id, &response, "ui").unwrap(), SaveOutcome::Unchanged);
    response.notes = Some("уточнено на выезде".into());
    assert_eq!(db.save_response(id, &response, "ui").unwrap(), SaveOutcome::Updated(1));
    let mut fresh = response.clone();
    fresh.id = None;
    for s in fresh.staff.iter_mut().flatten() {
        s.id = None;
    }
    fresh.municipality = crate::model::values::name("Новый муниципалитет");
    assert_eq!(db.save_response(id, &fresh, "ui").unwrap(), SaveOutcome::Added);
    let loaded = db.load_campaign(id).unwrap();
    assert_eq!(loaded.responses.len(), 35);
    assert_eq!(loaded.responses[2].notes.as_deref(), Some("уточнено на выезде"));
}

#[test]
fn texts_are_stored_and_logged() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    assert_eq!(db.texts(id).unwrap().get("document.city").map(String::as_str), Some("Владивосток"));
    // The sample carries В.Б. Яглинский; another name is a change.
    db.set_text(id, "document.approver.name", Some("А.Б. Иванов")).unwrap();
    let loaded = db.load_campaign(id).unwrap();
    let approver = loaded.document.unwrap().approver.unwrap();
    assert_eq!(approver.name.as_deref(), Some("А.Б. Иванов"));
    let log = db.change_log(id).unwrap();
    assert_eq!(log.last().unwrap().path, "texts.document.approver.name");
}

/// A database written by the first released schema, with one campaign and a response.
fn version_1_database(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
    conn.execute_batch(
        "INSERT INTO campaigns (uuid, title, region, reference_date, created_at)
             VALUES ('11111111-1111-4111-8111-111111111111', 'Старая кампания', 'Приморский край', '2021-12-31', 'x');
         INSERT INTO municipalities (region, name, kind) VALUES ('Приморский край', 'Артемовский ГО', 'ГО');
         INSERT INTO responses (uuid, campaign_id, municipality_id, ord, service_form, staff_provided,
                                duties_provided, associations_provided, mmo, updated_at)
             VALUES ('22222222-2222-4222-8222-222222222222', 1, 1, 0, 'separate_org', 1, 0, 1, 1, 'x');
         INSERT INTO staff (uuid, response_id, ord, name, education, service_years, school_years)
             VALUES ('33333333-3333-4333-8333-333333333333', 1, 0, 'Иванова И.И.', 'higher_pedagogical', 6.5, 10);
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn an_old_database_is_backed_up_and_migrated_keeping_its_data() {
    assert!(migrations::latest() >= 2, "there is a migration to test");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    version_1_database(&path);
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), migrations::latest());
    let copies = backup::list(&path);
    assert_eq!(copies.len(), 1, "one copy before the migration");
    assert!(copies[0].to_string_lossy().contains("before-migration-2"), "{copies:?}");
    let old = rusqlite::Connection::open(&copies[0]).unwrap();
    let old_version: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(old_version, 1, "the copy is the database as it was");
    let campaign = db.load_campaign(1).unwrap();
    assert_eq!(campaign.title, "Старая кампания");
    let staff = campaign.responses[0].staff.as_ref().unwrap();
    assert_eq!((staff[0].name.as_deref(), staff[0].service_years.get()), (Some("Иванова И.И."), 6.5));
    assert_eq!(campaign.responses[0].associations.as_ref().map(|a| a.mmo), Some(true));
}

/// The opcodes SQLite runs for `sql`.
fn plan(db: &Db, sql: &str) -> Vec<String> {
    let mut stmt = db.conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(1)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// Migration 6: a CHECK with an `IN` list of three or more values made SQLite build a temporary
/// b-tree for every row written (a quarter of a federal import); the rules still refuse.
#[test]
fn the_checks_of_every_imported_row_need_no_temporary_table_and_still_refuse() {
    let (_dir, mut db) = temp_db();
    for sql in [
        "INSERT INTO staff (uuid, response_id, ord, education, service_years, school_years)
             VALUES ('s', 1, 0, 'other', 1, 1)",
        "UPDATE responses SET service_form = 'separate_org' WHERE id = 1",
    ] {
        let plan = plan(&db, sql);
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{sql}: {plan:?}");
    }
    let id = db.import_campaign(&sample(), "t").unwrap().campaign_id;
    let response: i64 =
        db.conn.query_row("SELECT id FROM responses WHERE campaign_id = ?1 LIMIT 1", [id], |r| r.get(0)).unwrap();
    let bad_staff = db.conn.execute(
        "INSERT INTO staff (uuid, response_id, ord, education, service_years, school_years)
             VALUES ('s', ?1, 99, 'doctorate', 1, 1)",
        [response],
    );
    assert!(bad_staff.unwrap_err().to_string().contains("CHECK constraint failed: education"));
    let bad_form = db.conn.execute("UPDATE responses SET service_form = 'committee' WHERE id = ?1", [response]);
    assert!(bad_form.unwrap_err().to_string().contains("CHECK constraint failed: service_form"));
    for good in ["higher_pedagogical", "higher_other", "secondary_vocational", "other"] {
        let uuid = format!("staff-{good}");
        db.conn
            .execute(
                "INSERT INTO staff (uuid, response_id, ord, education, service_years, school_years)
                     VALUES (?1, ?2, 99, ?3, 1, 1)",
                rusqlite::params![uuid, response, good],
            )
            .unwrap();
    }
    for good in ["separate_org", "moouo_department", "moouo_specialists", "not_declared"] {
        db.conn
            .execute("UPDATE responses SET service_form = ?2 WHERE id = ?1", rusqlite::params![response, good])
            .unwrap();
    }
}

/// An old database migrated through migration 6 has the same schema as a new one, and its
/// data is whole.
#[test]
fn a_migrated_database_has_the_new_databases_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    version_1_database(&path);
    let old = Db::open(&path).unwrap();
    let (_fresh_dir, fresh) = temp_db();
    let schema = |db: &Db| -> Vec<(String, Option<String>)> {
        let mut stmt = db.conn.prepare("SELECT name, sql FROM sqlite_schema ORDER BY name").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(schema(&old), schema(&fresh));
    let verdict: String = old.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok");
    assert_eq!(old.load_campaign(1).unwrap().responses[0].staff.as_ref().map(Vec::len), Some(1));
}

#[test]
fn typing_into_a_text_field_extends_one_change_log_entry() {
    let (_dir, mut db) = temp_db();
    let id = db.import_campaign(&sample(), "first").unwrap().campaign_id;
    let mut response = db.load_campaign(id).unwrap().responses[2].clone();
    let notes_log = |db: &Db| -> Vec<(Option<String>, Option<String>)> {
        let log = db.change_log(id).unwrap();
        log.into_iter().filter(|e| e.path == "notes").map(|e| (e.old_value, e.new_value)).collect()
    };
    response.notes = Some("исходно".into());
    db.save_response(id, &response, "ui").unwrap();
    let stale = |db: &Db| db.conn.execute("UPDATE change_log SET at = '2020-01-01T00:00:00Z'", []).unwrap();
    stale(&db);
    let earlier = notes_log(&db).len();
    for typed in ["у", "ут", "уто", "уточнено"] {
        response.notes = Some(typed.into());
        assert_eq!(db.save_response(id, &response, "ui").unwrap(), SaveOutcome::Updated(1));
        let stored = db.load_campaign(id).unwrap().responses[2].notes.clone();
        assert_eq!(stored.as_deref(), Some(typed), "every keystroke is saved at once");
    }
    let first = notes_log(&db);
    assert_eq!(first.len(), earlier + 1, "one entry for the typed word: {first:?}");
    assert_eq!(first.last().unwrap(), &(Some("исходно".into()), Some("уточнено".into())));

    // Another field in between: the next typing in the notes is a new entry.
    let position = response.staff.as_ref().and_then(|s| s.first()).map(|p| p.position.clone());
    if let Some(person) = response.staff.as_mut().and_then(|s| s.first_mut()) {
        person.position = Some("методист-тест".into());
    }
    db.save_response(id, &response, "ui").unwrap();
    assert!(position.is_some(), "the sample response has staff");
    response.notes = Some("уточнено!".into());
    db.save_response(id, &response, "ui").unwrap();
    assert_eq!(notes_log(&db).len(), first.len() + 1);

    // Typing again after a pause is a new entry too.
    stale(&db);
    response.notes = Some("уточнено!!".into());
    db.save_response(id, &response, "ui").unwrap();
    let log = notes_log(&db);
    assert_eq!(log.len(), first.len() + 2);
    assert_eq!(log.last().unwrap(), &(Some("уточнено!".into()), Some("уточнено!!".into())));
}

#[test]
fn stored_dates_read_as_chrono_reads_them() {
    let texts = [
        "2021-12-31",
        "2020-02-29",
        "2021-02-29",
        "2021-13-01",
        "2021-00-10",
        "0000-01-01",
        "9999-12-31",
        "2021-1-05",
        "+2021-01-05",
        "2021-01-5",
        "20211-01-05",
        "2021/01/05",
        "２０２１-01-05",
        "2021-01-05 ",
        "",
        "abcd-ef-gh",
    ];
    for text in texts {
        assert_eq!(iso_date(text), chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(), "{text:?}");
    }
}

#[test]
fn staff_records_come_in_the_order_of_one_joined_query() {
    let (_dir, mut db) = temp_db();
    let mut c = crate::model::synthetic::generate(40, 3, 2);
    db.import_campaign(&c, "test").unwrap();
    c.title = "Вторая".into();
    c.reference_date = crate::model::Date::ymd::<2019, 6, 30>();
    c.id = Some(uuid::Uuid::new_v4());
    c.responses.reverse();
    for r in &mut c.responses {
        r.id = None;
        for s in r.staff.iter_mut().flatten() {
            s.id = None;
        }
    }
    db.import_campaign(&c, "test").unwrap();
    let records = db.staff_records().unwrap();
    let mut stmt = db
        .conn
        .prepare(
            "SELECT s.uuid, c.id, m.name, s.ord FROM staff s
             JOIN responses r ON r.id = s.response_id
             JOIN campaigns c ON c.id = r.campaign_id
             JOIN municipalities m ON m.id = r.municipality_id
             ORDER BY c.reference_date, c.id, r.ord, m.name, s.ord",
        )
        .unwrap();
    let expected: Vec<(String, i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let got: Vec<(String, i64, String)> =
        records.iter().map(|r| (r.staff.to_string(), r.campaign, r.municipality.clone())).collect();
    assert_eq!(got, expected);
    assert!(records.iter().all(|r| r.courses.len() == 2));
    assert_eq!(records.first().map(|r| r.reference_date), Some(c.reference_date.get()));
}
