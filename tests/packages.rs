//! Field packages through the real binary: export for the field, change answers «offline»,
//! merge back with conflicts shown side by side; the same package twice is a no-op.

use crate::util::{Cli, SAMPLE, s};
use serde_json::Value;
use std::path::Path;

const A: &str = "Артемовский ГО";

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

    let out = cli.ok(&["import", s(&package), "--db", s(&cli.db())]);
    assert!(out.contains(&format!("{A} — изменена с обеих сторон — конфликт")), "{out}");
    assert!(out.contains(&format!("конфликт «Примечания» [{A}/notes]")), "{out}");
    assert!(out.contains("здесь: исправлено в институте"), "{out}");
    assert!(out.contains("там:   исправлено на выезде"), "{out}");
    assert!(out.contains("Не записано анкет с нерешёнными конфликтами: 1"), "{out}");
    assert_eq!(stored(&cli, A)["notes"], "исправлено в институте", "nothing written for the conflict");
    assert_ne!(stored(&cli, A)["service"]["name"], "МБУ «Новое название»");

    let choice = format!("{A}/notes=theirs");
    let out = cli.ok(&["import", s(&package), "--choose", &choice, "--db", s(&cli.db())]);
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
