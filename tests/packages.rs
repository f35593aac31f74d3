//! Field packages through the real binary: export for the field, change answers «offline»,
//! merge back with conflicts shown side by side; the same package twice is a no-op.

use crate::util::{Cli, SAMPLE, s};
use serde_json::Value;
use std::path::Path;

const A: &str = "Артемовский ГО";

/// Runs and returns (exit code, stdout, stderr).
fn run(cli: &Cli, args: &[&str]) -> (i32, String, String) {
    let out = cli.run(args);
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn response<'a>(doc: &'a mut Value, municipality: &str) -> &'a mut Value {
    doc["responses"].as_array_mut().unwrap().iter_mut().find(|r| r["municipality"] == municipality).unwrap()
}

/// The stored response of a municipality, as the plain JSON export shows it.
fn stored(cli: &Cli, municipality: &str) -> Value {
    let out = cli.path("check.json");
    cli.ok(&["export", "--campaign", "1", "--with-names", "--out", s(&out), "--db", s(&cli.db())]);
    response(&mut read_json(&out), municipality).clone()
}

fn setup() -> (Cli, std::path::PathBuf) {
    let cli = Cli::new();
    cli.ok(&["import", SAMPLE, "--db", s(&cli.db())]);
    let package = cli.path("field.json");
    let out = cli.ok(&["export", "--campaign", "1", "--field", "--out", s(&package), "--db", s(&cli.db())]);
    assert!(out.contains("Пакет для выезда"), "{out}");
    (cli, package)
}

#[test]
fn package_carries_base_hashes_and_a_head() {
    let (_cli, package) = setup();
    let doc = read_json(&package);
    assert!(doc["campaign"]["package"]["id"].is_string());
    assert_eq!(doc["campaign"]["package"]["with_names"], false);
    let responses = doc["responses"].as_array().unwrap();
    assert_eq!(responses.len(), 34);
    assert!(responses.iter().all(|r| r["base"].as_str().unwrap().starts_with("sha256:")));
    assert!(
        responses.iter().flat_map(|r| r["staff"].as_array().into_iter().flatten()).all(|p| p.get("name").is_none())
    );
}

#[test]
fn changes_made_in_the_field_are_taken_and_a_second_import_does_nothing() {
    let (cli, package) = setup();
    let mut doc = read_json(&package);
    response(&mut doc, A)["notes"] = Value::from("уточнено на выезде");
    write_json(&package, &doc);
    let out = cli.ok(&["import", s(&package), "--db", s(&cli.db())]);
    assert!(out.contains(&format!("{A} — изменена только в пакете — принимается")), "{out}");
    assert!(out.contains("обновлено: 1, без изменений: 33"), "{out}");
    assert_eq!(stored(&cli, A)["notes"], "уточнено на выезде");
    assert!(stored(&cli, A)["staff"][0]["name"].is_string(), "names kept although the package has none");
    let again = cli.ok(&["import", s(&package), "--db", s(&cli.db())]);
    assert!(again.contains("уже импортирован"), "{again}");
}

#[test]
fn conflicts_are_shown_side_by_side_and_resolved_per_field() {
    let (cli, package) = setup();
    // Here: the institute corrects the notes after the package left.
    let mut here = read_json(SAMPLE.as_ref());
    response(&mut here, A)["notes"] = Value::from("исправлено в институте");
    let here_file = cli.path("here.json");
    write_json(&here_file, &here);
    cli.ok(&["import", s(&here_file), "--db", s(&cli.db())]);
    // There: the analyst on the road changes the same field and another one.
    let mut doc = read_json(&package);
    response(&mut doc, A)["notes"] = Value::from("исправлено на выезде");
    response(&mut doc, A)["service"]["name"] = Value::from("МБУ «Новое название»");
    write_json(&package, &doc);

    let (code, out, err) = run(&cli, &["import", s(&package), "--db", s(&cli.db())]);
    assert_eq!(code, 3, "unresolved conflicts have their own exit code: {err}");
    assert!(err.contains("импорт не завершён") && err.contains("нерешёнными конфликтами: 1"), "{err}");
    assert!(out.contains(&format!("{A} — изменена с обеих сторон — конфликт")), "{out}");
    assert!(out.contains(&format!("конфликт «Примечания» [{A}/notes]")), "{out}");
    assert!(out.contains("здесь: исправлено в институте"), "{out}");
    assert!(out.contains("там:   исправлено на выезде"), "{out}");
    assert!(out.contains("Не записано анкет с нерешёнными конфликтами: 1"), "{out}");
    assert_eq!(stored(&cli, A)["notes"], "исправлено в институте", "nothing written for the conflict");
    assert_ne!(stored(&cli, A)["service"]["name"], "МБУ «Новое название»");

    // A typo in the field is an error naming the nearest fields; nothing is written.
    let err = cli.fails(&["import", s(&package), "--choose", "Артемовский ГО/nots=theirs", "--db", s(&cli.db())]);
    assert!(err.contains("нет конфликта в поле «nots»") && err.contains("ближайшие: «notes»"), "{err}");
    let err = cli.fails(&["import", s(&package), "--choose", "Артемовск ГО/notes=theirs", "--db", s(&cli.db())]);
    assert!(err.contains("муниципалитета «Артемовск ГО» нет в пакете") && err.contains(A), "{err}");
    let err = cli.fails(&["import", s(&package), "--choose", "Хасанский МР/notes=ours", "--db", s(&cli.db())]);
    assert!(err.contains("нет конфликтов"), "{err}");
    assert_eq!(stored(&cli, A)["notes"], "исправлено в институте");
    // ё and е are the same letter here as everywhere else.
    let out = cli.ok(&["import", s(&package), "--choose", "Артёмовский ГО/notes=theirs", "--db", s(&cli.db())]);
    assert!(out.contains("обновлено: 1"), "{out}");
    let r = stored(&cli, A);
    assert_eq!(r["notes"], "исправлено на выезде");
    assert_eq!(r["service"]["name"], "МБУ «Новое название»", "the one-sided change merges in");
    let again = cli.ok(&["import", s(&package), "--resolve", "ours", "--db", s(&cli.db())]);
    assert!(again.contains("уже импортирован"), "{again}");
}

#[test]
fn resolve_applies_to_every_conflict() {
    let (cli, package) = setup();
    let mut here = read_json(SAMPLE.as_ref());
    response(&mut here, A)["notes"] = Value::from("здесь");
    let here_file = cli.path("here.json");
    write_json(&here_file, &here);
    cli.ok(&["import", s(&here_file), "--db", s(&cli.db())]);
    let mut doc = read_json(&package);
    response(&mut doc, A)["notes"] = Value::from("там");
    write_json(&package, &doc);
    cli.ok(&["import", s(&package), "--resolve", "ours", "--db", s(&cli.db())]);
    assert_eq!(stored(&cli, A)["notes"], "здесь");
}

#[test]
fn package_of_one_municipality_and_bad_choices() {
    let cli = Cli::new();
    cli.ok(&["import", SAMPLE, "--db", s(&cli.db())]);
    let package = cli.path("one.json");
    let db = cli.db();
    cli.ok(&[
        "export",
        "--campaign",
        "1",
        "--field",
        "--municipality",
        "артёмовский го",
        "--with-names",
        "--out",
        s(&package),
        "--db",
        s(&db),
    ]);
    let doc = read_json(&package);
    assert_eq!(doc["responses"].as_array().unwrap().len(), 1);
    assert!(doc["responses"][0]["staff"][0]["name"].is_string());
    let err = cli.fails(&["import", s(&package), "--choose", "нет знака равенства", "--db", s(&cli.db())]);
    assert!(err.contains("--choose"), "{err}");
    let err = cli.fails(&["import", SAMPLE, "--resolve", "theirs", "--db", s(&cli.db())]);
    assert!(err.contains("только к пакетам"), "{err}");
}

#[test]
fn round_trip_through_a_field_laptop() {
    let (cli, package) = setup();
    let laptop = cli.path("laptop.db");
    let out = cli.ok(&["import", s(&package), "--db", s(&laptop)]);
    assert!(out.contains("добавлено: 34"), "{out}");
    // Offline work on the laptop: a corrected questionnaire for one municipality.
    let mut edit = read_json(&package);
    edit["campaign"].as_object_mut().unwrap().remove("package");
    for r in edit["responses"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("base");
    }
    response(&mut edit, A)["service"]["name"] = Value::from("МБУ «Изменено на выезде»");
    let edit_file = cli.path("edit.json");
    write_json(&edit_file, &edit);
    cli.ok(&["import", s(&edit_file), "--db", s(&laptop)]);
    let back = cli.path("back.json");
    cli.ok(&["export", "--campaign", "1", "--field", "--out", s(&back), "--db", s(&laptop)]);
    let out = cli.ok(&["import", s(&back), "--db", s(&cli.db())]);
    assert!(out.contains(&format!("{A} — изменена только в пакете — принимается")), "{out}");
    assert!(out.contains("обновлено: 1, без изменений: 33"), "{out}");
    assert_eq!(stored(&cli, A)["service"]["name"], "МБУ «Изменено на выезде»");
}

/// One database of the exchange: the institute's or a field laptop's.
struct Site<'a> {
    cli: &'a Cli,
    name: &'static str,
}

impl Site<'_> {
    fn db(&self) -> std::path::PathBuf {
        self.cli.path(&format!("{}.db", self.name))
    }

    /// «Экспорт для выезда» of the whole campaign; the file is named after the site and `round`.
    fn package(&self, round: &str) -> std::path::PathBuf {
        let file = self.cli.path(&format!("{}-{round}.json", self.name));
        self.cli.ok(&["export", "--campaign", "1", "--field", "--out", s(&file), "--db", s(&self.db())]);
        file
    }

    /// Imports a package; it must merge with no conflict left.
    fn import(&self, package: &Path) -> String {
        self.cli.ok(&["import", s(package), "--db", s(&self.db())])
    }

    /// An analyst's edit of one questionnaire: the campaign exported, changed, imported back.
    fn edit(&self, municipality: &str, change: impl FnOnce(&mut Value)) {
        let file = self.cli.path(&format!("{}-edit.json", self.name));
        self.cli.ok(&["export", "--campaign", "1", "--with-names", "--out", s(&file), "--db", s(&self.db())]);
        let mut doc = read_json(&file);
        change(response(&mut doc, municipality));
        write_json(&file, &doc);
        self.cli.ok(&["import", s(&file), "--db", s(&self.db())]);
    }

    /// Every answer, without staff names (the laptops never see them).
    fn answers(&self) -> Value {
        let file = self.cli.path(&format!("{}-answers.json", self.name));
        self.cli.ok(&["export", "--campaign", "1", "--out", s(&file), "--db", s(&self.db())]);
        read_json(&file)["responses"].clone()
    }

    fn answer(&self, municipality: &str, pointer: &str) -> Value {
        let mut answers = json!({ "responses": self.answers() });
        response(&mut answers, municipality).pointer(pointer).cloned().unwrap_or(Value::Null)
    }
}

use serde_json::json;

const KHASAN: &str = "Хасанский МР";
const ARSENYEV: &str = "Арсеньевский ГО";

/// The case: a second package from the institute updates what the laptop left alone.
#[test]
fn a_second_package_from_the_institute_updates_the_laptop() {
    let cli = Cli::new();
    let (institute, laptop) = (Site { cli: &cli, name: "institute" }, Site { cli: &cli, name: "laptop" });
    cli.ok(&["import", SAMPLE, "--db", s(&institute.db())]);
    laptop.import(&institute.package("a"));
    institute.edit(KHASAN, |r| r["notes"] = Value::from("новый ответ института"));
    let out = laptop.import(&institute.package("b"));
    assert!(out.contains(&format!("{KHASAN} — изменена только в пакете — принимается")), "{out}");
    assert_eq!(laptop.answer(KHASAN, "/notes"), "новый ответ института");
    assert_eq!(laptop.answers(), institute.answers());
}

/// Three rounds with two laptops: out to A and B, edits everywhere, back, out again — no
/// answer goes stale anywhere, and only what both sides changed is a conflict.
#[test]
fn three_rounds_with_two_laptops_merge_with_no_stale_answer() {
    let cli = Cli::new();
    let institute = Site { cli: &cli, name: "institute" };
    let (a, b) = (Site { cli: &cli, name: "a" }, Site { cli: &cli, name: "b" });
    cli.ok(&["import", SAMPLE, "--db", s(&institute.db())]);

    // Round 1: out to both laptops; each side edits a different questionnaire.
    let out = institute.package("1");
    assert!(a.import(&out).contains("добавлено: 34"));
    assert!(b.import(&out).contains("добавлено: 34"));
    institute.edit(KHASAN, |r| r["notes"] = Value::from("институт 1"));
    a.edit(A, |r| r["service"]["name"] = Value::from("МБУ «А 1»"));
    b.edit(ARSENYEV, |r| r["notes"] = Value::from("Б 1"));
    let back = institute.import(&a.package("1"));
    assert!(back.contains(&format!("{A} — изменена только в пакете — принимается")), "{back}");
    assert!(back.contains(&format!("{KHASAN} — изменена только здесь — остаётся как есть")), "{back}");
    let back = institute.import(&b.package("1"));
    assert!(back.contains(&format!("{ARSENYEV} — изменена только в пакете — принимается")), "{back}");
    assert!(back.contains(&format!("{A} — изменена только здесь")), "A's answer stays: {back}");

    // Round 2: out again — both laptops now hold everything.
    let out = institute.package("2");
    for laptop in [&a, &b] {
        let merged = laptop.import(&out);
        assert!(!merged.contains("конфликт"), "{}: {merged}", laptop.name);
        assert_eq!(laptop.answers(), institute.answers(), "{} after round 2", laptop.name);
    }
    // Edits everywhere again, B changing the name A changed in round 1 (it has seen it now).
    institute.edit(A, |r| r["notes"] = Value::from("институт 2"));
    a.edit(KHASAN, |r| r["service"]["name"] = Value::from("МБУ «А 2»"));
    b.edit(A, |r| r["service"]["name"] = Value::from("МБУ «Б 2»"));
    institute.import(&a.package("2"));
    let back = institute.import(&b.package("2"));
    assert!(back.contains(&format!("{A} — изменена с обеих сторон в разных полях — объединяется")), "{back}");

    // Round 3: out again; everyone agrees, and an unchanged package back changes nothing.
    let out = institute.package("3");
    a.import(&out);
    b.import(&out);
    let answers = institute.answers();
    assert_eq!(a.answers(), answers);
    assert_eq!(b.answers(), answers);
    assert_eq!(institute.answer(A, "/notes"), "институт 2");
    assert_eq!(institute.answer(A, "/service/name"), "МБУ «Б 2»");
    assert_eq!(institute.answer(KHASAN, "/notes"), "институт 1");
    assert_eq!(institute.answer(KHASAN, "/service/name"), "МБУ «А 2»");
    assert_eq!(institute.answer(ARSENYEV, "/notes"), "Б 1");
    let back = institute.import(&a.package("3"));
    assert!(back.contains("обновлено: 0, без изменений: 34"), "{back}");

    // Both sides change the same field: only that is a conflict, on the laptop too.
    institute.edit(ARSENYEV, |r| r["notes"] = Value::from("институт 3"));
    b.edit(ARSENYEV, |r| r["notes"] = Value::from("Б 3"));
    let (code, merged, _) = run(&cli, &["import", s(&institute.package("4")), "--db", s(&b.db())]);
    assert_eq!(code, 3, "{merged}");
    assert_eq!(merged.matches("конфликт «").count(), 1, "{merged}");
    assert!(merged.contains(&format!("[{ARSENYEV}/notes]")), "{merged}");
}
