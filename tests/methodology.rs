//! The methodology as a file through the real CLI: export, a changed threshold for one
//! campaign, refused files.

use crate::util::{Cli, SAMPLE, s};
use serde_json::Value;

fn level(json: &str, municipality: &str) -> String {
    let v: Value = serde_json::from_str(json).unwrap();
    let m = v["municipalities"].as_array().unwrap().iter().find(|m| m["municipality"] == municipality).unwrap();
    m["staff_count_level"].as_str().unwrap().to_string()
}

#[test]
fn a_threshold_changed_for_one_campaign_moves_its_levels_and_is_kept_with_it() {
    let cli = Cli::new();
    let default = cli.path("default.json");
    cli.ok(&["methodology", "export", "--default", "--out", s(&default)]);
    let text = std::fs::read_to_string(&default).unwrap();
    assert_eq!(text, mms_monitor::methodology::file::PRIMORYE_2022_JSON);

    // Four staff are «admissible» by the default (optimal from 5) and «optimal» from 4.
    let four = cli.write("four.json", text.replace("\"optimal_min\": 5", "\"optimal_min\": 4"));
    let before = cli.ok(&["assess", "--input", SAMPLE, "--json"]);
    assert_eq!(level(&before, "Арсеньевский ГО"), "admissible");
    let with_file = cli.ok(&["assess", "--input", SAMPLE, "--json", "--methodology", s(&four)]);
    assert_eq!(level(&with_file, "Арсеньевский ГО"), "optimal");

    let db = cli.db();
    cli.ok(&["import", SAMPLE, "--db", s(&db)]);
    let out = cli.ok(&["methodology", "set", "--campaign", "1", s(&four), "--db", s(&db)]);
    assert!(out.contains("оценивается по методике"), "{out}");
    let stored = cli.ok(&["assess", "--campaign", "1", "--json", "--db", s(&db)]);
    assert_eq!(level(&stored, "Арсеньевский ГО"), "optimal");
    let back = cli.path("back.json");
    cli.ok(&["methodology", "export", "--campaign", "1", "--out", s(&back), "--db", s(&db)]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), std::fs::read_to_string(&four).unwrap());
    let again = cli.ok(&["methodology", "set", "--campaign", "1", s(&four), "--db", s(&db)]);
    assert!(again.contains("ничего не изменено"), "{again}");
}

#[test]
fn an_invalid_methodology_is_refused_with_its_path() {
    let cli = Cli::new();
    let text = mms_monitor::methodology::file::PRIMORYE_2022_JSON
        .replace("\"admissible_min\": 3", "\"admissible_min\": 7")
        .replace("\"window_years\": 3", "\"window_year\": 3");
    let bad = cli.write("bad.json", text);
    let err = cli.fails(&["assess", "--input", SAMPLE, "--methodology", s(&bad)]);
    assert!(err.contains("bad.json"), "{err}");
    assert!(
        err.contains(
            "$.thresholds.staff_count.admissible_min: 7 — допустимая численность должна начинаться ниже оптимальной (5)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "$.thresholds.training.window_year: неизвестный ключ «window_year» — возможно, имелся в виду «window_years»"
        ),
        "{err}"
    );
    assert!(err.contains("$.thresholds.training.window_years: обязательное поле"), "{err}");
}
