//! The methodology as a file: every threshold of a [`Methodology`] in the documented JSON format
//! `mms-monitor.methodology` version 1 (`docs/methodology-format.md`), read with located errors
//! and the questionnaire reader's strictness. `primorye-2022` ships as such a file.

use super::Methodology;
use crate::interchange::Problem;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// The value of the `format` key.
pub const FORMAT: &str = "mms-monitor.methodology";
pub const VERSION: u64 = 1;

/// The shipped default, as a file.
pub const PRIMORYE_2022_JSON: &str = include_str!("../../sample_data/methodology/primorye-2022.json");

/// Sections and keys of `thresholds`, in file order.
const SECTIONS: &[(&str, &[&str])] = &[
    ("staff_count", &["optimal_min", "admissible_min"]),
    ("higher_ped_education", &["yellow_min_percent"]),
    ("service_experience", &["years_over", "green_over_percent"]),
    ("school_experience", &["years_over"]),
    ("training", &["window_years", "min_hours", "yellow_min_percent"]),
    ("duties", &["partial_min", "outdated_after_years"]),
    ("potential", &["critical_min_red", "sufficient_min_green"]),
];

/// Writes a methodology in the file format.
pub fn to_json_string(m: &Methodology) -> String {
    let value = json!({
        "format": FORMAT,
        "version": VERSION,
        "id": m.id,
        "title": m.title,
        "thresholds": {
            "staff_count": {"optimal_min": m.staff_optimal_min, "admissible_min": m.staff_admissible_min},
            "higher_ped_education": {"yellow_min_percent": m.education_yellow_min_percent},
            "service_experience": {"years_over": m.service_years_over, "green_over_percent": m.experience_green_over_percent},
            "school_experience": {"years_over": m.school_years_over},
            "training": {
                "window_years": m.training_window_years,
                "min_hours": m.training_min_hours,
                "yellow_min_percent": m.training_yellow_min_percent
            },
            "duties": {"partial_min": m.duties_partial_min, "outdated_after_years": m.duties_outdated_after_years},
            "potential": {"critical_min_red": m.potential_critical_min_red, "sufficient_min_green": m.potential_sufficient_min_green}
        }
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn problem(out: &mut Vec<Problem>, path: &str, message: impl Into<String>) {
    out.push(Problem { path: path.to_string(), line_column: None, message: message.into() });
}

fn check_keys(out: &mut Vec<Problem>, map: &Map<String, Value>, path: &str, allowed: &[&str]) {
    for k in map.keys() {
        if !allowed.contains(&k.as_str()) {
            let nearest = allowed
                .iter()
                .map(|a| (strsim::levenshtein(a, k), *a))
                .min()
                .filter(|(d, _)| *d <= 2)
                .map(|(_, a)| format!(" — возможно, имелся в виду «{a}»"))
                .unwrap_or_default();
            problem(
                out,
                &format!("{path}.{k}"),
                format!("неизвестный ключ «{k}»{nearest}; допустимые ключи: {}", allowed.join(", ")),
            );
        }
    }
}

/// Reads a methodology file; every problem is returned with its JSON path.
pub fn parse(text: &str) -> Result<Methodology, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
        vec![Problem {
            path: "$".into(),
            line_column: Some((e.line(), e.column())),
            message: format!("синтаксическая ошибка JSON ({detail})"),
        }]
    })?;
    let mut out = Vec::new();
    let Some(map) = root.as_object() else {
        return Err(vec![Problem {
            path: "$".into(), line_column: None, message: "ожидался объект".into()
        }]);
    };
    check_keys(&mut out, map, "$", &["format", "version", "id", "title", "thresholds"]);
    if map.get("format").and_then(Value::as_str) != Some(FORMAT) {
        problem(&mut out, "$.format", format!("ожидалось «{FORMAT}»"));
    }
    if map.get("version").and_then(Value::as_u64) != Some(VERSION) {
        problem(&mut out, "$.version", format!("поддерживается версия {VERSION}"));
    }
    let id = match map.get("id").and_then(Value::as_str).map(str::trim) {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => {
            problem(&mut out, "$.id", "обязательное поле: идентификатор методики (строка)");
            String::new()
        }
    };
    let title = match map.get("title").and_then(Value::as_str).map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            problem(&mut out, "$.title", "обязательное поле: название методики для документов (строка)");
            String::new()
        }
    };
    let empty = Map::new();
    let thresholds = match map.get("thresholds") {
        Some(Value::Object(t)) => t,
        _ => {
            problem(&mut out, "$.thresholds", "обязательное поле: объект с порогами");
            &empty
        }
    };
    let names: Vec<&str> = SECTIONS.iter().map(|(s, _)| *s).collect();
    check_keys(&mut out, thresholds, "$.thresholds", &names);
    let mut m = Methodology { id: Cow::Owned(id), title: Cow::Owned(title), ..Methodology::PRIMORYE_2022 };
    let mut number = |section: &str, key: &str, min: f64, max: f64, whole: bool| -> f64 {
        let path = format!("$.thresholds.{section}.{key}");
        let Some(Value::Object(s)) = thresholds.get(section) else {
            return f64::NAN;
        };
        match s.get(key).and_then(Value::as_f64) {
            Some(v) if whole && v.fract() != 0.0 => {
                problem(&mut out, &path, format!("{v} — ожидалось целое число"));
                f64::NAN
            }
            Some(v) if v < min || v > max => {
                problem(&mut out, &path, format!("{v} — допустимо от {min} до {max}"));
                f64::NAN
            }
            Some(v) => v,
            None => {
                problem(&mut out, &path, "обязательное поле: число");
                f64::NAN
            }
        }
    };
    let optimal = number("staff_count", "optimal_min", 1.0, 1000.0, true);
    let admissible = number("staff_count", "admissible_min", 1.0, 1000.0, true);
    let education = number("higher_ped_education", "yellow_min_percent", 0.0, 100.0, true);
    let service_years = number("service_experience", "years_over", 0.0, 80.0, false);
    let experience = number("service_experience", "green_over_percent", 0.0, 100.0, true);
    let school_years = number("school_experience", "years_over", 0.0, 80.0, false);
    let window = number("training", "window_years", 1.0, 20.0, true);
    let hours = number("training", "min_hours", 1.0, 10000.0, true);
    let training = number("training", "yellow_min_percent", 0.0, 100.0, true);
    let partial = number("duties", "partial_min", 1.0, 8.0, true);
    let outdated = number("duties", "outdated_after_years", 0.0, 100.0, true);
    let critical = number("potential", "critical_min_red", 1.0, 4.0, true);
    let sufficient = number("potential", "sufficient_min_green", 0.0, 4.0, true);
    for (section, keys) in SECTIONS {
        let path = format!("$.thresholds.{section}");
        match thresholds.get(*section) {
            Some(Value::Object(s)) => check_keys(&mut out, s, &path, keys),
            Some(_) => problem(&mut out, &path, "ожидался объект"),
            None if !thresholds.is_empty() => problem(&mut out, &path, "обязательное поле: раздел порогов"),
            None => {}
        }
    }
    // Ranges must not overlap or turn round: admissible 3–4 lies below optimal 5 and up.
    if admissible >= optimal {
        problem(
            &mut out,
            "$.thresholds.staff_count.admissible_min",
            format!(
                "{admissible} — допустимая численность должна начинаться ниже оптимальной ({optimal}): диапазоны уровней пересекаются"
            ),
        );
    }
    if !out.is_empty() {
        return Err(out);
    }
    m.staff_optimal_min = optimal as usize;
    m.staff_admissible_min = admissible as usize;
    m.education_yellow_min_percent = education as usize;
    m.service_years_over = service_years;
    m.experience_green_over_percent = experience as usize;
    m.school_years_over = school_years;
    m.training_window_years = window as u32;
    m.training_min_hours = hours as u32;
    m.training_yellow_min_percent = training as usize;
    m.duties_partial_min = partial as usize;
    m.duties_outdated_after_years = outdated as i32;
    m.potential_critical_min_red = critical as usize;
    m.potential_sufficient_min_green = sufficient as usize;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_default_and_writes_back_the_same() {
        assert_eq!(parse(PRIMORYE_2022_JSON).unwrap(), Methodology::PRIMORYE_2022);
        assert_eq!(to_json_string(&Methodology::PRIMORYE_2022), PRIMORYE_2022_JSON);
    }

    #[test]
    fn a_changed_threshold_is_read() {
        let text = PRIMORYE_2022_JSON.replace("\"optimal_min\": 5", "\"optimal_min\": 4");
        let m = parse(&text).unwrap();
        assert_eq!(m.staff_optimal_min, 4);
        assert_eq!(parse(&to_json_string(&m)).unwrap(), m);
    }

    #[test]
    fn invalid_files_are_refused_with_their_paths() {
        let mut v: Value = serde_json::from_str(PRIMORYE_2022_JSON).unwrap();
        v["thresholds"]["staff_count"]["admissible_min"] = json!(6);
        v["thresholds"]["training"]["min_hour"] = json!(1);
        v["thresholds"]["higher_ped_education"]["yellow_min_percent"] = json!(150);
        v["thresholds"]["duties"]["partial_min"] = json!(4.5);
        v["extra"] = json!(1);
        let problems: Vec<String> = parse(&v.to_string()).unwrap_err().iter().map(|p| p.to_string()).collect();
        let expected = [
            "$.extra: неизвестный ключ «extra»; допустимые ключи: format, version, id, title, thresholds",
            "$.thresholds.staff_count.admissible_min: 6 — допустимая численность должна начинаться ниже оптимальной (5): диапазоны уровней пересекаются",
            "$.thresholds.training.min_hour: неизвестный ключ «min_hour» — возможно, имелся в виду «min_hours»; допустимые ключи: window_years, min_hours, yellow_min_percent",
            "$.thresholds.higher_ped_education.yellow_min_percent: 150 — допустимо от 0 до 100",
            "$.thresholds.duties.partial_min: 4.5 — ожидалось целое число",
        ];
        for e in expected {
            assert!(problems.iter().any(|p| p == e), "missing «{e}» in {problems:#?}");
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
        assert!(parse("{").unwrap_err()[0].line_column.is_some());
    }
}
