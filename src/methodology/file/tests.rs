use super::*;
use crate::methodology::Indicator;

fn problems(text: &str) -> Vec<Problem> {
    parse(text).expect_err("the file must be refused")
}

/// The shipped file with one JSON edit applied.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(PRIMORYE_2022_JSON).unwrap();
    edit(&mut v);
    v.to_string()
}

fn only(text: &str) -> Problem {
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:?}");
    p.into_iter().next().unwrap()
}

#[test]
fn shipped_file_equals_the_built_in_thresholds() {
    assert_eq!(parse(PRIMORYE_2022_JSON).unwrap(), Methodology::PRIMORYE_2022);
    assert_eq!(Methodology::shipped(), Methodology::default());
    assert_eq!(Methodology::PRIMORYE_2022.to_json_string(), PRIMORYE_2022_JSON, "the shipped file is the export");
}

#[test]
fn round_trip_keeps_changed_thresholds_and_texts() {
    let mut m = Methodology { staff_optimal_min: 4, service_years_over: 4.5, ..Methodology::default() };
    m.level_texts.insert("potential.critical".into(), "низкий".into());
    let back = parse(&m.to_json_string()).unwrap();
    assert_eq!(back, m);
    assert_eq!(back.text(PotentialLevel::Critical), "низкий");
    assert_eq!(back.text(PotentialLevel::Sufficient), "достаточный");
}

#[test]
fn differences_name_the_paths() {
    let m = Methodology { staff_optimal_min: 4, ..Methodology::default() };
    let d = Methodology::default().differences(&m);
    assert_eq!(d, vec![("$.thresholds.staff_count.optimal_min".to_string(), "5".to_string(), "4".to_string())]);
}

#[test]
fn unknown_key_names_its_path_and_nearest_key() {
    let all = problems(&edited(|v| v["thresholds"]["staff_count"]["optimal_mn"] = json!(5)));
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].path, "$.thresholds.staff_count.optimal_mn");
    assert!(all[0].message.contains("возможно, имелся в виду «optimal_min»"), "{}", all[0].message);
}

#[test]
fn duplicate_keys_are_refused() {
    let text = PRIMORYE_2022_JSON.replacen("\"min_hours\": 16,", "\"min_hours\": 16, \"min_hours\": 1,", 1);
    let p = only(&text);
    assert_eq!(p.path, "$.thresholds.training.min_hours");
    assert!(p.message.contains("повторяется"), "{}", p.message);
}

#[test]
fn inverted_staff_ranges_are_refused() {
    let p = only(&edited(|v| v["thresholds"]["staff_count"] = json!({"optimal_min": 3, "admissible_min": 5})));
    assert_eq!(p.path, "$.thresholds.staff_count.optimal_min");
    assert!(p.message.contains("пересекаются"), "{}", p.message);
    let p = only(&edited(|v| v["thresholds"]["staff_count"] = json!({"optimal_min": 3, "admissible_min": 3})));
    assert!(p.message.contains("пересекаются"), "equal bounds overlap: {}", p.message);
}

#[test]
fn values_out_of_range_are_refused() {
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        ("higher_ped_education", "yellow_min_percent", json!(100), "от 1 до 99"),
        ("experience", "green_over_percent", json!(0), "от 1 до 99"),
        ("training", "window_years", json!(0), "от 1 до 10"),
        ("training", "min_hours", json!(-4), "целым числом"),
        ("duties", "partial_min", json!(8), "от 1 до 7"),
        ("potential", "critical_min_red", json!(5), "от 1 до 4"),
        ("service_experience", "years_over", json!(-1), "от 0 до 60"),
        ("school_experience", "years_over", json!("пять"), "от 0 до 60"),
        ("training", "yellow_min_percent", json!(50.5), "целым числом"),
    ];
    for (group, name, value, says) in cases {
        let p = only(&edited(|v| v["thresholds"][group][name] = value.clone()));
        assert_eq!(p.path, format!("$.thresholds.{group}.{name}"));
        assert!(p.message.contains(says), "{group}.{name} = {value}: {}", p.message);
    }
}

#[test]
fn missing_fields_and_texts_are_refused() {
    let p = only(&edited(|v| {
        v["levels"]["potential"].as_object_mut().unwrap().shift_remove("critical");
    }));
    assert_eq!(p.path, "$.levels.potential.critical");
    assert_eq!(p.message, "обязательное поле отсутствует");
    let p = only(&edited(|v| v["levels"]["duties"]["not"] = json!("  ")));
    assert_eq!(p.path, "$.levels.duties.not");
    let p = only(&edited(|v| {
        v.as_object_mut().unwrap().shift_remove("thresholds");
    }));
    assert_eq!(p.path, "$.thresholds");
}

#[test]
fn wrong_format_and_version_and_syntax() {
    let p = only(&edited(|v| v["format"] = json!("mms-monitor.questionnaire")));
    assert_eq!(p.path, "$.format");
    let p = only(&edited(|v| v["version"] = json!(2)));
    assert_eq!(p.path, "$.version");
    let p = only("{\"format\": ");
    assert!(p.line_column.is_some());
    let p = only("");
    assert!(p.message.contains("файл пуст"), "{}", p.message);
}

#[test]
fn changed_threshold_changes_titles() {
    let m = Methodology { service_years_over: 4.0, training_window_years: 2, ..Methodology::default() };
    assert_eq!(Indicator::ServiceExperience.title(&m), "Стаж работы в ММС более 4 лет");
    assert_eq!(Indicator::Training.title(&m), "ППК в течение 2 лет");
    assert_eq!(Indicator::ServiceExperience.title(&Methodology::default()), "Стаж работы в ММС более 5 лет");
}

#[test]
fn read_and_write_a_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    let m = Methodology { staff_optimal_min: 4, ..Methodology::default() };
    write_file(&m, &path).unwrap();
    assert_eq!(read_file(&path).unwrap(), m);
    std::fs::write(&path, "{}").unwrap();
    let e = read_file(&path).unwrap_err().to_string();
    assert!(e.starts_with(&path.display().to_string()), "{e}");
    assert!(e.contains("$.thresholds: обязательное поле отсутствует"), "{e}");
}
