//! Each merge case: new, same, changed there, changed here, changed on both sides (different
//! fields and the same field), per-field choices, and idempotent re-import.

use super::*;
use crate::interchange::{self, FieldPackage};
use crate::model::{Campaign, Course, Education, ExperienceYears, Hours, Staff};

const SAMPLE: &str = include_str!("../../../sample_data/primorye-2022.json");

/// A database holding the first three municipalities of the sample.
fn db() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("m.db")).unwrap();
    let mut campaign: Campaign = interchange::parse(SAMPLE).unwrap();
    campaign.responses.truncate(3);
    let id = db.import_campaign(&campaign, "test").unwrap().campaign_id;
    (dir, db, id)
}

fn response<'a>(p: &'a mut FieldPackage, name: &str) -> &'a mut Response {
    p.campaign.responses.iter_mut().find(|r| r.municipality == name).unwrap()
}

fn stored(db: &Db, id: i64, name: &str) -> Response {
    db.load_campaign(id).unwrap().responses.into_iter().find(|r| r.municipality == name).unwrap()
}

fn outcome(plan: &MergePlan, name: &str) -> Outcome {
    plan.responses.iter().find(|r| r.municipality == name).unwrap().outcome
}

const A: &str = "Артемовский ГО";
const B: &str = "Арсеньевский ГО";

#[test]
fn unchanged_package_is_all_same_and_writes_nothing_but_the_record() {
    let (_dir, mut db, id) = db();
    let package = db.field_package(id, &[], false).unwrap();
    let plan = db.plan_merge(&package, "f1", "пакет").unwrap();
    assert_eq!(plan.count(Outcome::Same), 3);
    let log_before = db.change_log(id).unwrap().len();
    let summary = db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!((summary.added, summary.updated, summary.unchanged), (0, 0, 3));
    assert_eq!(db.change_log(id).unwrap().len(), log_before);
    assert_eq!(db.imports().unwrap()[0].sha256.as_deref(), Some("f1"));
}

#[test]
fn new_response_is_added() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], true).unwrap();
    let mut extra = interchange::parse(SAMPLE).unwrap().responses.remove(5);
    extra.id = None;
    package.campaign.responses.push(extra.clone());
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(outcome(&plan, &extra.municipality), Outcome::New);
    let summary = db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!(summary.added, 1);
    assert_eq!(db.load_campaign(id).unwrap().responses.len(), 4);
}

#[test]
fn changed_only_there_is_taken() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    response(&mut package, A).service.name = Some("МАУ «Новое имя»".into());
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(outcome(&plan, A), Outcome::TakeTheirs);
    db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    let r = stored(&db, id, A);
    assert_eq!(r.service.name.as_deref(), Some("МАУ «Новое имя»"));
    assert!(r.staff.iter().flatten().all(|p| p.name.is_some()), "names withheld in the package are kept here");
}

#[test]
fn changed_only_here_is_kept() {
    let (_dir, mut db, id) = db();
    let package = db.field_package(id, &[], false).unwrap();
    let mut ours = stored(&db, id, A);
    ours.notes = Some("уточнено по телефону".into());
    db.save_response(id, &ours, "правка").unwrap();
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(outcome(&plan, A), Outcome::KeepOurs);
    let summary = db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!(summary.kept, 1);
    assert_eq!(stored(&db, id, A).notes.as_deref(), Some("уточнено по телефону"));
}

#[test]
fn changed_on_both_sides_in_different_fields_merges() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    let mut ours = stored(&db, id, A);
    ours.notes = Some("здесь".into());
    let new_person = Staff {
        id: None,
        person: None,
        name: Some("Новая Сотрудница".into()),
        position: None,
        education: Education::HigherPedagogical,
        service_years: ExperienceYears::of::<1>(),
        school_years: ExperienceYears::of::<2>(),
        courses: vec![],
    };
    ours.staff.as_mut().unwrap().push(new_person);
    db.save_response(id, &ours, "правка").unwrap();
    let theirs = response(&mut package, A);
    theirs.service.name = Some("там".into());
    let first = &mut theirs.staff.as_mut().unwrap()[0];
    first.school_years = ExperienceYears::new(first.school_years.get() + 1.0).unwrap();
    first.courses.push(Course {
        title: "Функциональная грамотность".into(),
        hours: Hours::of::<72>(),
        completed: crate::model::Date::ymd::<2021, 11, 1>(),
        relevant: true,
    });
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(outcome(&plan, A), Outcome::Merged);
    db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    let r = stored(&db, id, A);
    assert_eq!(r.notes.as_deref(), Some("здесь"));
    assert_eq!(r.service.name.as_deref(), Some("там"));
    let staff = r.staff.unwrap();
    assert_eq!(staff.len(), 7, "the person added here stays");
    assert_eq!(staff[0].courses.last().unwrap().title, "Функциональная грамотность", "their edit of a person is taken");
    assert!(staff[0].name.is_some(), "names stay");
    assert_eq!(staff[6].name.as_deref(), Some("Новая Сотрудница"));
}

#[test]
fn same_field_changed_on_both_sides_is_a_conflict_resolved_per_field() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    let base_name = stored(&db, id, A).service.name;
    let mut ours = stored(&db, id, A);
    ours.service.name = Some("здесь".into());
    ours.notes = Some("заметка здесь".into());
    db.save_response(id, &ours, "правка").unwrap();
    let theirs = response(&mut package, A);
    theirs.service.name = Some("там".into());
    theirs.notes = Some("заметка там".into());
    response(&mut package, B).service.name = Some("Б там".into());

    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(outcome(&plan, A), Outcome::Conflict);
    let conflicts: Vec<(&str, &FieldConflict)> = plan.conflicts().collect();
    assert_eq!(conflicts.len(), 2);
    let (municipality, name) = conflicts.iter().find(|(_, c)| c.field == "service.name").unwrap();
    assert_eq!(*municipality, A);
    assert_eq!(name.label, "Наименование службы");
    assert_eq!((name.ours.as_deref(), name.theirs.as_deref()), (Some("здесь"), Some("там")));
    assert_eq!(name.base, base_name, "the base is shown when this database made the package");

    // No choice: the conflicting response is not written, the rest is, and the file is not done.
    let summary = db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!((summary.conflicts_left, summary.updated), (1, 1));
    assert_eq!(stored(&db, id, A).service.name.as_deref(), Some("здесь"));
    assert_eq!(stored(&db, id, B).service.name.as_deref(), Some("Б там"));
    assert!(!db.imports().unwrap()[0].complete);

    // The same file again: still a conflict; now chosen per field.
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert_eq!(plan.already_imported, None);
    assert_eq!(outcome(&plan, A), Outcome::Conflict);
    assert_eq!(outcome(&plan, B), Outcome::Same);
    let mut choices = MergeChoices::default();
    choices.fields.insert((A.into(), "service.name".into()), Side::Theirs);
    choices.fields.insert((A.into(), "notes".into()), Side::Ours);
    let summary = db.apply_merge(&plan, &choices).unwrap();
    assert_eq!(summary.conflicts_left, 0);
    let r = stored(&db, id, A);
    assert_eq!((r.service.name.as_deref(), r.notes.as_deref()), (Some("там"), Some("заметка здесь")));

    // Complete now: importing the same file is a no-op.
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    assert!(plan.already_imported.is_some());
    let log = db.change_log(id).unwrap().len();
    let summary = db.apply_merge(&plan, &MergeChoices { all: Some(Side::Theirs), ..MergeChoices::default() }).unwrap();
    assert!(summary.already_imported.is_some());
    assert_eq!(stored(&db, id, A).notes.as_deref(), Some("заметка здесь"));
    assert_eq!(db.change_log(id).unwrap().len(), log);
}

#[test]
fn reimporting_a_complete_package_is_a_no_op() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    response(&mut package, A).service.name = Some("там".into());
    let plan = db.plan_merge(&package, "same-file", "пакет").unwrap();
    db.apply_merge(&plan, &MergeChoices::default()).unwrap();
    let mut ours = stored(&db, id, A);
    ours.service.name = Some("исправлено здесь после импорта".into());
    db.save_response(id, &ours, "правка").unwrap();
    let again = db.plan_merge(&package, "same-file", "пакет").unwrap();
    let summary = db.apply_merge(&again, &MergeChoices { all: Some(Side::Theirs), ..MergeChoices::default() }).unwrap();
    assert!(summary.already_imported.is_some());
    assert_eq!(stored(&db, id, A).service.name.as_deref(), Some("исправлено здесь после импорта"));
}

#[test]
fn without_the_base_snapshot_every_differing_field_is_a_conflict() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    let (_other_dir, mut other, other_id) = self::db();
    let mut ours = stored(&other, other_id, A);
    ours.notes = Some("в другой базе".into());
    other.save_response(other_id, &ours, "правка").unwrap();
    response(&mut package, A).service.name = Some("там".into());
    let plan = other.plan_merge(&package, "f", "пакет").unwrap();
    let fields: Vec<&str> = plan.conflicts().map(|(_, c)| c.field.as_str()).collect();
    assert_eq!(fields, ["notes", "service.name"]);
    assert!(plan.conflicts().all(|(_, c)| c.base.is_none()));
    let _ = db.field_package(id, &[], false);
}

#[test]
fn package_of_chosen_municipalities() {
    let (_dir, mut db, id) = db();
    let package = db.field_package(id, &["артёмовский го".into()], false).unwrap();
    assert_eq!(package.campaign.responses.len(), 1);
    assert_eq!(package.bases.len(), 1);
    assert!(package.campaign.responses[0].staff.iter().flatten().all(|p| p.name.is_none()));
    assert!(matches!(db.field_package(id, &["Хасанский МР".into()], false), Err(StorageError::NotInCampaign(_))));
}

#[test]
fn hashes_ignore_names_only_without_names() {
    let mut r = interchange::parse(SAMPLE).unwrap().responses.remove(0);
    r.assign_staff_ids_for_test();
    let with = fields_hash(&fields(&r, true));
    let without = fields_hash(&fields(&r, false));
    r.staff.as_mut().unwrap()[0].name = Some("Другое Имя".into());
    assert_ne!(fields_hash(&fields(&r, true)), with);
    assert_eq!(fields_hash(&fields(&r, false)), without);
}

impl Response {
    fn assign_staff_ids_for_test(&mut self) {
        for p in self.staff.iter_mut().flatten() {
            p.id = Some(Uuid::new_v4());
        }
    }
}

#[test]
fn hash_does_not_depend_on_key_order() {
    let (_dir, mut db, id) = db();
    let package = db.field_package(id, &[], false).unwrap();
    // Stored with names, hashed without: the names are dropped from the middle of each person.
    assert_eq!(fields_hash(&fields(&stored(&db, id, A), false)), package.bases[A]);
}

#[test]
fn version_1_database_gains_the_package_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(crate::storage::migrations::MIGRATIONS[0]).unwrap();
        conn.execute(
            "INSERT INTO imports (at, source, campaign_id, added, updated, unchanged) VALUES ('t', 's', NULL, 1, 0, 0)",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), crate::storage::migrations::latest());
    let imports = db.imports().unwrap();
    assert_eq!((imports.len(), imports[0].complete, imports[0].sha256.clone()), (1, true, None));
}

#[test]
fn a_laptop_sends_back_the_bases_it_received() {
    let (_dir, mut institute, id) = db();
    let package = institute.field_package(id, &[], false).unwrap();
    let laptop_dir = tempfile::tempdir().unwrap();
    let mut laptop = Db::open(&laptop_dir.path().join("laptop.db")).unwrap();
    let plan = laptop.plan_merge(&package, "out", "пакет").unwrap();
    assert_eq!(plan.count(Outcome::New), 3);
    let laptop_id = laptop.apply_merge(&plan, &MergeChoices::default()).unwrap().campaign_id.unwrap();
    let mut edited = stored(&laptop, laptop_id, A);
    edited.notes = Some("на выезде".into());
    laptop.save_response(laptop_id, &edited, "правка").unwrap();
    let back = laptop.field_package(laptop_id, &[], true).unwrap();
    assert_eq!(back.bases, package.bases, "the institute's bases travel back");
    assert_eq!(back.head.as_ref().map(|h| h.with_names), Some(false));

    let mut ours = stored(&institute, id, B);
    ours.notes = Some("в институте".into());
    institute.save_response(id, &ours, "правка").unwrap();
    let plan = institute.plan_merge(&back, "back", "пакет").unwrap();
    assert_eq!(outcome(&plan, A), Outcome::TakeTheirs);
    assert_eq!(outcome(&plan, B), Outcome::KeepOurs);
    institute.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!(stored(&institute, id, A).notes.as_deref(), Some("на выезде"));
    assert_eq!(stored(&institute, id, B).notes.as_deref(), Some("в институте"));
}

#[test]
fn a_choice_is_matched_to_a_conflict_as_names_are_everywhere() {
    let (_dir, mut db, id) = db();
    let mut package = db.field_package(id, &[], false).unwrap();
    let mut ours = stored(&db, id, A);
    ours.notes = Some("здесь".into());
    db.save_response(id, &ours, "правка").unwrap();
    response(&mut package, A).notes = Some("там".into());
    let plan = db.plan_merge(&package, "f", "пакет").unwrap();
    let found = (A.to_string(), "notes".to_string());
    assert_eq!(plan.find_conflict("артёмовский  го", "notes"), Ok(found.clone()));
    assert_eq!(plan.find_conflict("ГО Артемовский", "NOTES"), Ok(found.clone()));
    assert_eq!(plan.find_conflict(A, "примечания"), Ok(found), "the Russian label works too");
    let messages: Vec<String> = [("Артемовский ГО", "nots"), ("Артемовск", "notes"), (B, "notes")]
        .iter()
        .map(|(m, f)| plan.find_conflict(m, f).unwrap_err().to_string())
        .collect();
    insta::assert_snapshot!(messages.join("\n"));
}

/// The laptop's base moves with each package it settles, and stays while a conflict is open.
#[test]
fn a_laptop_takes_each_package_as_its_new_base_unless_a_conflict_is_open() {
    let (_dir, mut institute, id) = db();
    let laptop_dir = tempfile::tempdir().unwrap();
    let mut laptop = Db::open(&laptop_dir.path().join("laptop.db")).unwrap();
    let first = institute.field_package(id, &[], false).unwrap();
    let plan = laptop.plan_merge(&first, "1", "пакет").unwrap();
    let laptop_id = laptop.apply_merge(&plan, &MergeChoices::default()).unwrap().campaign_id.unwrap();
    let base_of = |db: &Db, name: &str| db.received_base(stored(db, laptop_id, name).id.unwrap()).unwrap().unwrap().0;
    assert_eq!(base_of(&laptop, A), first.bases[A]);

    // The institute changes A and B; the laptop changes B's same field.
    for (name, notes) in [(A, "институт"), (B, "институт")] {
        let mut r = stored(&institute, id, name);
        r.notes = Some(notes.into());
        institute.save_response(id, &r, "правка").unwrap();
    }
    let mut b = stored(&laptop, laptop_id, B);
    b.notes = Some("ноутбук".into());
    laptop.save_response(laptop_id, &b, "правка").unwrap();
    let second = institute.field_package(id, &[], false).unwrap();
    let plan = laptop.plan_merge(&second, "2", "пакет").unwrap();
    assert_eq!((outcome(&plan, A), outcome(&plan, B)), (Outcome::TakeTheirs, Outcome::Conflict));
    let summary = laptop.apply_merge(&plan, &MergeChoices::default()).unwrap();
    assert_eq!(summary.conflicts_left, 1);
    assert_eq!(stored(&laptop, laptop_id, A).notes.as_deref(), Some("институт"));
    assert_eq!(base_of(&laptop, A), second.bases[A], "settled: the new package is the base");
    assert_eq!(base_of(&laptop, B), first.bases[B], "open conflict: the old base stays");

    let plan = laptop.plan_merge(&second, "2", "пакет").unwrap();
    let choices = MergeChoices { all: Some(Side::Ours), ..MergeChoices::default() };
    laptop.apply_merge(&plan, &choices).unwrap();
    assert_eq!(base_of(&laptop, B), second.bases[B]);
    // Sent back, the laptop's choice is a change only there: the institute takes it.
    let back = laptop.field_package(laptop_id, &[], false).unwrap();
    let plan = institute.plan_merge(&back, "3", "пакет").unwrap();
    assert_eq!(outcome(&plan, B), Outcome::TakeTheirs);
    assert_eq!(outcome(&plan, A), Outcome::Same);
}

/// Who edits what in one round: for each (municipality, field) no one or one site
/// (0 the institute, 1 and 2 the laptops).
type RoundEdits = Vec<Option<usize>>;

const EDITED: [&str; 3] = [A, B, "Дальнегорский ГО"];

fn edit(db: &mut Db, campaign_id: i64, slot: usize, value: &str) {
    let mut r = stored(db, campaign_id, EDITED[slot / 2]);
    match slot % 2 {
        0 => r.notes = Some(value.into()),
        _ => r.service.name = Some(value.into()),
    }
    db.save_response(campaign_id, &r, "правка").unwrap();
}

fn import_clean(db: &mut Db, package: &FieldPackage, sha: &str) -> i64 {
    let plan = db.plan_merge(package, sha, "пакет").unwrap();
    assert_eq!(plan.conflicts().count(), 0, "no field was changed on both sides");
    db.apply_merge(&plan, &MergeChoices::default()).unwrap().campaign_id.unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 6, ..Default::default() })]

    /// Any edits in any rounds, by the institute and two laptops, never in the same field in the
    /// same round: after the exchange every database holds every last edit — nothing stale.
    #[test]
    fn rounds_of_edits_never_leave_a_stale_answer(
        rounds in proptest::collection::vec(proptest::collection::vec(proptest::option::of(0usize..3), 6), 1..4)
    ) {
        let (_dir, institute, id) = db();
        let laptop_dir = tempfile::tempdir().unwrap();
        let mut sites = vec![(institute, id)];
        let mut expected: HashMap<usize, String> = HashMap::new();
        for (round, edits) in rounds.iter().enumerate() {
            let out = sites[0].0.field_package(id, &[], false).unwrap();
            for n in 1..3 {
                if sites.len() <= n {
                    let laptop = Db::open(&laptop_dir.path().join(format!("{n}.db"))).unwrap();
                    sites.push((laptop, 0));
                }
                let (db, campaign) = &mut sites[n];
                *campaign = import_clean(db, &out, &format!("out-{round}"));
            }
            let edits: &RoundEdits = edits;
            for (slot, editor) in edits.iter().enumerate() {
                let Some(site) = *editor else { continue };
                let value = format!("раунд {round}, место {site}");
                let (db, campaign) = &mut sites[site];
                edit(db, *campaign, slot, &value);
                expected.insert(slot, value);
            }
            for n in 1..3 {
                let (db, campaign) = &mut sites[n];
                let back = db.field_package(*campaign, &[], false).unwrap();
                import_clean(&mut sites[0].0, &back, &format!("back-{round}-{n}"));
            }
        }
        let out = sites[0].0.field_package(id, &[], false).unwrap();
        for (db, _) in &mut sites[1..] {
            import_clean(db, &out, "final");
        }
        let mut reference = sites[0].0.load_campaign(id).unwrap();
        reference.withhold_names();
        for (db, campaign) in &sites[1..] {
            proptest::prop_assert_eq!(&db.load_campaign(*campaign).unwrap().responses, &reference.responses);
        }
        for (slot, value) in &expected {
            let r = stored(&sites[0].0, id, EDITED[slot / 2]);
            let got = if slot % 2 == 0 { r.notes } else { r.service.name };
            proptest::prop_assert_eq!(got.as_deref(), Some(value.as_str()));
        }
    }
}
