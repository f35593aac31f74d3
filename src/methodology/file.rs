//! The methodology file (`docs/methodology-format.md`): every threshold and every level text
//! of a [`Methodology`] as JSON, read with the strictness of the questionnaire reader —
//! every problem with its JSON path in Russian, unknown keys refused with a suggestion,
//! duplicate keys refused, values out of range and inverted or overlapping ranges refused.

use super::Methodology;
use super::levels::{
    AssociationsLevel, DutiesLevel, IndicatorLevel, Level, PotentialLevel, ServiceLevel, StaffCountLevel,
};
use crate::interchange::{InterchangeError, JsonMap, JsonValue, Problem, syntax_message};
use serde::de::Deserialize;
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// The value of the `format` key.
pub const FORMAT: &str = "mms-monitor.methodology";
/// The only version this program reads and writes.
pub const VERSION: u64 = 1;
/// The shipped default, `primorye-2022`.
pub const PRIMORYE_2022_JSON: &str = include_str!("primorye-2022.json");
/// A methodology file is small; anything larger is not one.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The level groups of the file: key, then (code, built-in label) of each level.
pub fn level_groups() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    fn group<L: Level>() -> (&'static str, Vec<(&'static str, &'static str)>) {
        (L::GROUP, L::all().iter().map(|l| (l.code(), l.builtin_text())).collect())
    }
    vec![
        group::<ServiceLevel>(),
        group::<StaffCountLevel>(),
        group::<IndicatorLevel>(),
        group::<PotentialLevel>(),
        group::<DutiesLevel>(),
        group::<AssociationsLevel>(),
    ]
}

impl Methodology {
    /// The shipped default parsed from its file.
    pub fn shipped() -> Methodology {
        parse(PRIMORYE_2022_JSON).unwrap_or_default()
    }

    /// The methodology as a document of the file format.
    pub fn to_value(&self) -> Value {
        let mut levels = Map::new();
        for (group, items) in level_groups() {
            let mut texts = Map::new();
            for (code, builtin) in items {
                let text = self.level_texts.get(&format!("{group}.{code}")).map_or(builtin, String::as_str);
                texts.insert(code.into(), json!(text));
            }
            levels.insert(group.into(), Value::Object(texts));
        }
        json!({
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "title": self.title,
            "thresholds": {
                "staff_count": {"optimal_min": self.staff_optimal_min, "admissible_min": self.staff_admissible_min},
                "higher_ped_education": {"yellow_min_percent": self.education_yellow_min_percent},
                "service_experience": {"years_over": years_value(self.service_years_over)},
                "school_experience": {"years_over": years_value(self.school_years_over)},
                "experience": {"green_over_percent": self.experience_green_over_percent},
                "training": {
                    "window_years": self.training_window_years,
                    "min_hours": self.training_min_hours,
                    "yellow_min_percent": self.training_yellow_min_percent
                },
                "duties": {
                    "partial_min": self.duties_partial_min,
                    "outdated_after_years": self.duties_outdated_after_years
                },
                "potential": {
                    "critical_min_red": self.potential_critical_min_red,
                    "sufficient_min_green": self.potential_sufficient_min_green
                }
            },
            "levels": levels,
        })
    }

    /// The file text (pretty JSON, ending with a newline).
    pub fn to_json_string(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_value()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The thresholds whose values differ from `other`, as `(JSON path, old, new)`.
    pub fn differences(&self, other: &Methodology) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        diff("$", &self.to_value(), &other.to_value(), &mut out);
        out
    }
}

/// Whole years as an integer (`5`, not `5.0`).
fn years_value(y: f64) -> Value {
    if y.fract() == 0.0 && (0.0..=60.0).contains(&y) { json!(y as u64) } else { json!(y) }
}

fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<(String, String, String)>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                diff(&format!("{path}.{k}"), v, y.get(k).unwrap_or(&Value::Null), out);
            }
        }
        _ if a != b => out.push((path.to_string(), plain(a), plain(b))),
        _ => {}
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads and validates a methodology file. Errors name the file.
pub fn read_file(path: &Path) -> Result<Methodology, InterchangeError> {
    let io = |error| InterchangeError::Io { path: path.to_path_buf(), error };
    let size = std::fs::metadata(path).map_err(io)?.len();
    let invalid = |problems| InterchangeError::Invalid { file: path.display().to_string(), problems };
    if size > MAX_FILE_BYTES {
        return Err(invalid(whole(format!(
            "файл занимает {} КБ — это не файл методики (предел {} КБ)",
            size / 1024,
            MAX_FILE_BYTES / 1024
        ))));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        invalid(whole(format!("файл не является текстом в кодировке UTF-8 (позиция {})", e.utf8_error().valid_up_to())))
    })?;
    parse(&text).map_err(invalid)
}

/// Writes the methodology file atomically.
pub fn write_file(m: &Methodology, path: &Path) -> Result<(), InterchangeError> {
    crate::files::write_atomic(path, m.to_json_string().as_bytes(), crate::files::Access::Shared)
        .map_err(|error| InterchangeError::Write { path: path.to_path_buf(), error })
}

fn whole(message: String) -> Vec<Problem> {
    vec![Problem { path: "$".into(), line_column: None, message }]
}

/// Validates a methodology document; every problem found is returned.
pub fn parse(text: &str) -> Result<Methodology, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(whole(format!("файл пуст — ожидался документ JSON формата {FORMAT}")));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let root = JsonValue::deserialize(&mut deserializer).and_then(|v| deserializer.end().map(|()| v));
    let root = root.map_err(|e| {
        vec![Problem { path: "$".into(), line_column: Some((e.line(), e.column())), message: syntax_message(&e) }]
    })?;
    let mut r = Reader::default();
    let m = r.document(&root);
    match m {
        Some(m) if r.problems.is_empty() => Ok(m),
        _ => Err(r.problems),
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

fn key(path: &str, k: &str) -> String {
    format!("{path}.{k}")
}

const THRESHOLD_GROUPS: &[&str] = &[
    "staff_count",
    "higher_ped_education",
    "service_experience",
    "school_experience",
    "experience",
    "training",
    "duties",
    "potential",
];

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_string(), line_column: None, message: message.into() });
    }

    fn object<'m>(&mut self, value: &'m JsonValue<'m>, path: &str, allowed: &[&str]) -> Option<&'m JsonMap<'m>> {
        let Some(map) = value.as_object() else {
            self.problem(path, format!("ожидался объект, найдено: {value}"));
            return None;
        };
        for (place, message) in crate::interchange::key_problems(map, path, allowed) {
            self.problem(&place, message);
        }
        for name in allowed {
            if map.get(name).is_none_or(JsonValue::is_null) {
                self.problem(&key(path, name), "обязательное поле отсутствует");
            }
        }
        Some(map)
    }

    fn group<'m>(
        &mut self,
        map: &'m JsonMap<'m>,
        path: &str,
        name: &str,
        allowed: &[&str],
    ) -> Option<(&'m JsonMap<'m>, String)> {
        let value = map.get(name).filter(|v| !v.is_null())?;
        let path = key(path, name);
        self.object(value, &path, allowed).map(|m| (m, path))
    }

    fn whole(&mut self, map: &JsonMap, path: &str, name: &str, min: u64, max: u64, what: &str) -> Option<u64> {
        let value = map.get(name).filter(|v| !v.is_null())?;
        let path = key(path, name);
        match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.problem(&path, format!("{n} — {what} должно быть от {min} до {max}"));
                None
            }
            None => {
                self.problem(&path, format!("{value} — {what} должно быть целым числом от {min} до {max}"));
                None
            }
        }
    }

    fn years(&mut self, map: &JsonMap, path: &str, name: &str) -> Option<f64> {
        let value = map.get(name).filter(|v| !v.is_null())?;
        let path = key(path, name);
        match value.as_f64() {
            Some(y) if y.is_finite() && (0.0..=60.0).contains(&y) => Some(y),
            _ => {
                self.problem(&path, format!("{value} — число лет должно быть от 0 до 60"));
                None
            }
        }
    }

    fn document(&mut self, root: &JsonValue) -> Option<Methodology> {
        let map = self.object(root, "$", &["format", "version", "id", "title", "thresholds", "levels"])?;
        if let Some(format) = map.get("format").filter(|v| !v.is_null())
            && format.as_str() != Some(FORMAT)
        {
            self.problem("$.format", format!("{format} — ожидалось «{FORMAT}»: это не файл методики"));
        }
        if let Some(version) = map.get("version").filter(|v| !v.is_null())
            && version.as_u64() != Some(VERSION)
        {
            self.problem(
                "$.version",
                format!("{version} — эта версия программы читает версию {VERSION} формата методики"),
            );
        }
        let id = match map.get("id").filter(|v| !v.is_null()) {
            Some(v) => match v.as_str().map(str::trim) {
                Some(id) if !id.is_empty() && id.chars().count() <= 64 => Some(id.to_string()),
                _ => {
                    self.problem("$.id", format!("{v} — название методики: непустая строка до 64 знаков"));
                    None
                }
            },
            None => None,
        };
        let title = match map.get("title").filter(|v| !v.is_null()) {
            Some(v) => match v.as_str().map(str::trim) {
                Some(title) if !title.is_empty() && title.chars().count() <= 300 => Some(title.to_string()),
                _ => {
                    self.problem("$.title", format!("{v} — заглавие методики: непустая строка до 300 знаков"));
                    None
                }
            },
            None => None,
        };
        let thresholds = self.group(map, "$", "thresholds", THRESHOLD_GROUPS);
        let levels = self.levels(map);
        let mut m = Methodology {
            id: Cow::Owned(id.unwrap_or_default()),
            title: Cow::Owned(title.unwrap_or_default()),
            ..Methodology::PRIMORYE_2022
        };
        if let Some((t, path)) = thresholds {
            self.thresholds(t, &path, &mut m);
        }
        m.level_texts = levels.unwrap_or_default();
        Some(m)
    }

    fn thresholds(&mut self, t: &JsonMap, path: &str, m: &mut Methodology) {
        let set = |field: &mut usize, value: Option<u64>| {
            if let Some(v) = value {
                *field = v as usize;
            }
        };
        if let Some((g, p)) = self.group(t, path, "staff_count", &["optimal_min", "admissible_min"]) {
            let optimal = self.whole(g, &p, "optimal_min", 2, 1000, "наименьшая оптимальная численность");
            let admissible = self.whole(g, &p, "admissible_min", 1, 999, "наименьшая допустимая численность");
            if let (Some(o), Some(a)) = (optimal, admissible)
                && o <= a
            {
                self.problem(
                    &key(&p, "optimal_min"),
                    format!("{o} — диапазоны численности пересекаются: оптимальная (от {o}) должна начинаться выше допустимой (от {a})"),
                );
            }
            set(&mut m.staff_optimal_min, optimal);
            set(&mut m.staff_admissible_min, admissible);
        }
        if let Some((g, p)) = self.group(t, path, "higher_ped_education", &["yellow_min_percent"]) {
            let v = self.whole(g, &p, "yellow_min_percent", 1, 99, "нижняя граница жёлтого уровня, %,");
            set(&mut m.education_yellow_min_percent, v);
        }
        if let Some((g, p)) = self.group(t, path, "service_experience", &["years_over"])
            && let Some(y) = self.years(g, &p, "years_over")
        {
            m.service_years_over = y;
        }
        if let Some((g, p)) = self.group(t, path, "school_experience", &["years_over"])
            && let Some(y) = self.years(g, &p, "years_over")
        {
            m.school_years_over = y;
        }
        if let Some((g, p)) = self.group(t, path, "experience", &["green_over_percent"]) {
            let v = self.whole(g, &p, "green_over_percent", 1, 99, "граница зелёного уровня, %,");
            set(&mut m.experience_green_over_percent, v);
        }
        if let Some((g, p)) = self.group(t, path, "training", &["window_years", "min_hours", "yellow_min_percent"]) {
            if let Some(v) = self.whole(g, &p, "window_years", 1, 10, "период обучения в годах") {
                m.training_window_years = v as u32;
            }
            if let Some(v) = self.whole(g, &p, "min_hours", 1, 1000, "наименьший объём курса в часах")
            {
                m.training_min_hours = v as u32;
            }
            let v = self.whole(g, &p, "yellow_min_percent", 1, 99, "нижняя граница жёлтого уровня, %,");
            set(&mut m.training_yellow_min_percent, v);
        }
        if let Some((g, p)) = self.group(t, path, "duties", &["partial_min", "outdated_after_years"]) {
            let total = crate::model::Function::ALL.len() as u64;
            let v =
                self.whole(g, &p, "partial_min", 1, total - 1, "наименьшее число функций для частичного соответствия");
            set(&mut m.duties_partial_min, v);
            if let Some(v) =
                self.whole(g, &p, "outdated_after_years", 1, 50, "срок, после которого инструкции устарели, в годах,")
            {
                m.duties_outdated_after_years = v as i32;
            }
        }
        if let Some((g, p)) = self.group(t, path, "potential", &["critical_min_red", "sufficient_min_green"]) {
            let v = self.whole(
                g,
                &p,
                "critical_min_red",
                1,
                4,
                "число красных или синих показателей для критического уровня",
            );
            set(&mut m.potential_critical_min_red, v);
            let v =
                self.whole(g, &p, "sufficient_min_green", 1, 4, "число зелёных показателей для достаточного уровня");
            set(&mut m.potential_sufficient_min_green, v);
        }
    }

    /// The level texts that differ from the built-in labels.
    fn levels(&mut self, map: &JsonMap) -> Option<BTreeMap<String, String>> {
        let groups = level_groups();
        let names: Vec<&str> = groups.iter().map(|(g, _)| *g).collect();
        let (levels, path) = self.group(map, "$", "levels", &names)?;
        let mut texts = BTreeMap::new();
        for (group, items) in &groups {
            let codes: Vec<&str> = items.iter().map(|(c, _)| *c).collect();
            let Some((g, p)) = self.group(levels, &path, group, &codes) else { continue };
            for (code, label) in items {
                let Some(value) = g.get(code).filter(|v| !v.is_null()) else { continue };
                match value.as_str().map(str::trim) {
                    Some(text) if !text.is_empty() => {
                        if text != *label {
                            texts.insert(format!("{group}.{code}"), text.to_string());
                        }
                    }
                    _ => self.problem(&key(&p, code), format!("{value} — текст уровня: непустая строка")),
                }
            }
        }
        Some(texts)
    }
}

#[cfg(test)]
mod tests;
