//! Reading a programme file into validated types, collecting every problem with its JSON path,
//! with the questionnaire reader's strictness: unknown keys are refused, nearest key suggested.

use super::model::{
    Activity, Direction, Entry, EntryValue, Indicator, Kind, Owner, OwnerKind, Period, Programme, Reporting, Target,
    TargetValue,
};
use super::{FORMAT, ProgrammeError, VERSION};
use crate::interchange::{Fields, JsonMap as Map, JsonValue as Value, Problem, index, key, syntax_message, type_name};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// Reads and validates a programme file. Errors name the file.
pub fn read_file(path: &Path) -> Result<Programme, ProgrammeError> {
    let bytes = std::fs::read(path).map_err(|error| ProgrammeError::Io { path: path.to_path_buf(), error })?;
    parse_bytes(&bytes).map_err(|problems| ProgrammeError::Invalid { file: path.display().to_string(), problems })
}

/// Validates programme text; every problem found is returned.
pub fn parse(text: &str) -> Result<Programme, Vec<Problem>> {
    parse_bytes(text.as_bytes())
}

fn whole(message: impl Into<String>) -> Vec<Problem> {
    vec![Problem { path: "$".into(), line_column: None, message: message.into() }]
}

pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<Programme, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole(format!("файл пуст — ожидался документ JSON формата {FORMAT}")));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "файл не является текстом в кодировке UTF-8 (недопустимый байт в позиции {}) — ожидался документ JSON",
            e.valid_up_to()
        ))
    })?;
    // The questionnaire reader's lean tree: strings borrow from the text, and every entry of an
    // object is kept, so a key given twice is reported with its path (by `Reader::object`).
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(&mut deserializer).and_then(|v| deserializer.end().map(|()| v)).map_err(|e| {
        vec![Problem { path: "$".into(), line_column: Some((e.line(), e.column())), message: syntax_message(&e) }]
    })?;
    let mut reader = Reader::default();
    match reader.document(&value) {
        Some(p) if reader.problems.is_empty() => Ok(p),
        _ => Err(reader.problems),
    }
}

/// Validates one value of `p` given as the keys of a file's `values[]` item (`indicator`,
/// `period`, `municipality`, `numerator`, …): the app's form builds them from what was typed,
/// so a value entered by hand passes exactly the rules of a file. Paths start at `$`.
pub fn parse_entry(p: &Programme, fields: &serde_json::Value) -> Result<Entry, Vec<Problem>> {
    let value = Value::from(fields);
    let head = Head {
        asked: p.municipalities.iter().cloned().collect(),
        code: p.code.clone(),
        title: p.title.clone(),
        owner: p.owner.clone(),
        source: p.source.clone(),
        reporting: p.reporting,
        periods: p.periods.clone(),
        municipalities: p.municipalities.clone(),
    };
    let mut reader = Reader::default();
    match reader.entry(&value, "$", &head, &p.indicators) {
        Some(entry) if reader.problems.is_empty() => Ok(entry),
        _ => Err(reader.problems),
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

const INDICATOR_KEYS: &[&str] = &[
    "code",
    "title",
    "kind",
    "unit",
    "direction",
    "per_organisation",
    "targets",
    "baseline",
    "collection_method",
    "evidence",
    "responsible",
];
const VALUE_KEYS: &[&str] = &["numerator", "denominator", "percent", "value", "text", "achieved", "source"];
const ENTRY_KEYS: &[&str] = &[
    "indicator",
    "period",
    "municipality",
    "organisation",
    "numerator",
    "denominator",
    "percent",
    "value",
    "text",
    "achieved",
    "source",
];
const ACTIVITY_KEYS: &[&str] =
    &["number", "title", "term", "deadline", "responsible", "participants", "expected_result", "done_on"];

impl Fields for Reader {
    fn problems(&mut self) -> &mut Vec<Problem> {
        &mut self.problems
    }
}

impl Reader {
    fn code<T>(&mut self, value: &Value, path: &str, parse: fn(&str) -> Option<T>, codes: String) -> Option<T> {
        let text = self.string(value, path)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.problem(path, format!("неизвестное значение «{text}»; допустимые: {codes}"));
        }
        parsed
    }

    fn bool(&mut self, value: &Value, path: &str) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.problem(path, format!("ожидалось true или false, найдено: {}", type_name(value)));
        }
        b
    }

    fn optional_bool(&mut self, map: &Map, path: &str, name: &str) -> Option<bool> {
        match map.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => self.bool(v, &key(path, name)),
        }
    }

    /// A finite number not below 0 (and not above `max` where given).
    fn number(&mut self, value: &Value, path: &str, max: Option<f64>, what: &str) -> Option<f64> {
        let Some(n) = value.as_f64().filter(|n| n.is_finite()) else {
            self.problem(path, format!("ожидалось число ({what}), найдено: {}", type_name(value)));
            return None;
        };
        if n < 0.0 {
            self.problem(path, format!("{n} — {what} не может быть меньше 0"));
            return None;
        }
        if let Some(max) = max.filter(|m| n > *m) {
            self.problem(path, format!("{n} — {what} не может быть больше {max}"));
            return None;
        }
        Some(n)
    }

    fn array<'a, 'v>(&mut self, value: &'v Value<'a>, path: &str) -> Option<&'v Vec<Value<'a>>> {
        let a = value.as_array();
        if a.is_none() {
            self.problem(path, format!("ожидался массив, найдено: {}", type_name(value)));
        }
        a
    }

    fn optional_array<'a, 'v>(&mut self, map: &'v Map<'a>, path: &str, name: &str) -> &'v [Value<'a>] {
        match map.get(name) {
            None | Some(Value::Null) => &[],
            Some(v) => self.array(v, &key(path, name)).map(Vec::as_slice).unwrap_or(&[]),
        }
    }

    fn date(&mut self, map: &Map, path: &str, name: &str) -> Option<NaiveDate> {
        let text = self.optional_string(map, path, name)?;
        // The questionnaire's date rule: ГГГГ-ММ-ДД, a real day from 1900 to 2100.
        crate::model::Date::parse_iso(&text)
            .map(crate::model::Date::get)
            .map_err(|m| self.problem(&key(path, name), m))
            .ok()
    }

    fn period(&mut self, value: &Value, path: &str, declared: &[Period]) -> Option<Period> {
        let text = self.string(value, path)?;
        let Some(period) = Period::parse(&text) else {
            self.problem(path, format!("«{text}» — не период: ожидался год (2021) или полугодие (2021-1, 2021-2)"));
            return None;
        };
        if !declared.is_empty() && !declared.contains(&period) {
            let list = declared.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
            self.problem(path, format!("период «{text}» не объявлен в programme.periods ({list})"));
            return None;
        }
        Some(period)
    }

    fn document(&mut self, root: &Value) -> Option<Programme> {
        let map = self.object(root, "$", &["format", "version", "programme", "indicators", "values", "plan"])?;
        let format = self.required_string(map, "$", "format");
        if let Some(f) = format.filter(|f| f != FORMAT) {
            self.problem("$.format", format!("«{f}» — ожидалось «{FORMAT}»"));
        }
        if let Some(v) = self.required(map, "$", "version").filter(|v| v.as_u64() != Some(VERSION)) {
            let message = format!("версия {v} не поддерживается; эта программа читает версию {VERSION}");
            self.problem("$.version", message);
        }
        let head = self.required(map, "$", "programme");
        let head = head.and_then(|h| self.head(h, "$.programme"));
        let periods: Vec<Period> = head.as_ref().map(|h| h.periods.clone()).unwrap_or_default();
        let indicators = self.required(map, "$", "indicators").and_then(|v| self.array(v, "$.indicators"));
        let indicators: Vec<Indicator> = indicators
            .map(|items| {
                let parsed: Vec<_> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i, self.indicator(v, &index("$.indicators", i), &periods)))
                    .collect();
                self.unique_codes(&parsed);
                parsed.into_iter().filter_map(|(_, i)| i).collect()
            })
            .unwrap_or_default();
        if map.get("indicators").and_then(Value::as_array).is_some_and(Vec::is_empty) {
            self.problem("$.indicators", "в программе нет ни одного показателя");
        }
        let values = self.optional_array(map, "$", "values");
        let mut entries = Vec::new();
        let mut seen = HashSet::new();
        if let Some(head) = &head {
            for (i, v) in values.iter().enumerate() {
                let path = index("$.values", i);
                if let Some(entry) = self.entry(v, &path, head, &indicators) {
                    let id =
                        (entry.indicator.clone(), entry.period, entry.municipality.clone(), entry.organisation.clone());
                    if !seen.insert(id) {
                        self.problem(
                            &path,
                            "значение этого показателя за этот период для этой единицы уже указано выше",
                        );
                    } else {
                        entries.push(entry);
                    }
                }
            }
        }
        let plan = self.optional_array(map, "$", "plan");
        let plan: Vec<Activity> =
            plan.iter().enumerate().filter_map(|(i, v)| self.activity(v, &index("$.plan", i))).collect();
        let head = head?;
        Some(Programme {
            code: head.code,
            title: head.title,
            owner: head.owner,
            source: head.source,
            reporting: head.reporting,
            periods: head.periods,
            municipalities: head.municipalities,
            indicators,
            values: entries,
            plan,
        })
    }

    fn head(&mut self, value: &Value, path: &str) -> Option<Head> {
        let allowed = ["code", "title", "owner", "source", "reporting", "periods", "municipalities"];
        let map = self.object(value, path, &allowed)?;
        let code = self.required_string(map, path, "code");
        let title = self.required_string(map, path, "title");
        let owner = self.required(map, path, "owner").and_then(|o| self.owner(o, &key(path, "owner")));
        let source = self.optional_string(map, path, "source");
        let reporting = self
            .required(map, path, "reporting")
            .and_then(|v| self.code(v, &key(path, "reporting"), Reporting::from_code, Reporting::codes()));
        let periods_path = key(path, "periods");
        let list = self.required(map, path, "periods").and_then(|v| self.array(v, &periods_path));
        let mut periods: Vec<Period> = Vec::new();
        for (i, v) in list.map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
            let p = index(&periods_path, i);
            let Some(period) = self.period(v, &p, &[]) else { continue };
            if let Some(r) = reporting.filter(|r| *r != period.reporting()) {
                self.problem(
                    &p,
                    format!("«{}» — период не того вида: программа отчитывается «{}»", period.code(), r.label()),
                );
            } else if periods.last().is_some_and(|last| *last >= period) {
                self.problem(&p, format!("«{}» — периоды должны идти по порядку и не повторяться", period.code()));
            } else {
                periods.push(period);
            }
        }
        if list.is_some_and(Vec::is_empty) {
            self.problem(&periods_path, "не указан ни один отчётный период");
        }
        let municipalities_path = key(path, "municipalities");
        let mut municipalities: Vec<String> = Vec::new();
        for (i, v) in self.optional_array(map, path, "municipalities").iter().enumerate() {
            let p = index(&municipalities_path, i);
            if let Some(name) = self.string(v, &p) {
                if municipalities.contains(&name) {
                    self.problem(&p, format!("муниципалитет «{name}» встречается повторно"));
                } else {
                    municipalities.push(name);
                }
            }
        }
        Some(Head {
            asked: municipalities.iter().cloned().collect(),
            code: code?,
            title: title?,
            owner: owner?,
            source,
            reporting: reporting?,
            periods,
            municipalities,
        })
    }

    fn owner(&mut self, value: &Value, path: &str) -> Option<Owner> {
        let map = self.object(value, path, &["kind", "name", "region"])?;
        let kind = self
            .required(map, path, "kind")
            .and_then(|v| self.code(v, &key(path, "kind"), OwnerKind::from_code, OwnerKind::codes()));
        let name = self.required_string(map, path, "name");
        let region = self.optional_string(map, path, "region");
        Some(Owner { kind: kind?, name: name?, region })
    }

    fn unique_codes(&mut self, parsed: &[(usize, Option<Indicator>)]) {
        let mut seen = HashSet::new();
        for (i, indicator) in parsed {
            if let Some(indicator) = indicator
                && !seen.insert(indicator.code.as_str())
            {
                self.problem(
                    &key(&index("$.indicators", *i), "code"),
                    format!("код показателя «{}» встречается повторно", indicator.code),
                );
            }
        }
    }

    fn indicator(&mut self, value: &Value, path: &str, periods: &[Period]) -> Option<Indicator> {
        let map = self.object(value, path, INDICATOR_KEYS)?;
        let code = self.required_string(map, path, "code");
        let title = self.required_string(map, path, "title");
        let kind = self
            .required(map, path, "kind")
            .and_then(|v| self.code(v, &key(path, "kind"), Kind::from_code, Kind::codes()));
        let unit = self.optional_string(map, path, "unit");
        let direction = match map.get("direction") {
            None | Some(Value::Null) => Some(Direction::AtLeast),
            Some(v) => self.code(v, &key(path, "direction"), Direction::from_code, Direction::codes()),
        };
        let per_organisation = self.optional_bool(map, path, "per_organisation").unwrap_or(false);
        let kind = kind?;
        let targets_path = key(path, "targets");
        let mut targets: Vec<Target> = Vec::new();
        for (i, v) in self.optional_array(map, path, "targets").iter().enumerate() {
            let p = index(&targets_path, i);
            let Some(target) = self.target(v, &p, kind, periods) else { continue };
            if targets.iter().any(|t| t.period == target.period) {
                let which = target
                    .period
                    .map(|p| format!("на {}", p.label()))
                    .unwrap_or_else(|| "без периода (на все периоды)".into());
                self.problem(&p, format!("целевое значение {which} уже указано выше"));
            } else {
                targets.push(target);
            }
        }
        let baseline = map.get("baseline").filter(|v| !v.is_null()).and_then(|v| {
            let p = key(path, "baseline");
            let m = self.object(v, &p, VALUE_KEYS)?;
            self.value(m, &p, kind)
        });
        Some(Indicator {
            code: code?,
            title: title?,
            kind,
            unit,
            direction: direction?,
            per_organisation,
            targets,
            baseline,
            collection_method: self.optional_string(map, path, "collection_method"),
            evidence: self.optional_string(map, path, "evidence"),
            responsible: self.optional_string(map, path, "responsible"),
        })
    }

    fn target(&mut self, value: &Value, path: &str, kind: Kind, periods: &[Period]) -> Option<Target> {
        let map = self.object(value, path, &["period", "value", "wording"])?;
        let period = match map.get("period") {
            None | Some(Value::Null) => None,
            Some(v) => Some(self.period(v, &key(path, "period"), periods)?),
        };
        let raw = self.required(map, path, "value")?;
        let p = key(path, "value");
        let value = match kind {
            Kind::Share => TargetValue::Number(self.number(raw, &p, Some(100.0), "процент")?),
            Kind::Count => TargetValue::Number(self.number(raw, &p, None, "количество")?),
            Kind::YesNo => TargetValue::YesNo(self.bool(raw, &p)?),
            Kind::Text => TargetValue::Text(self.string(raw, &p)?),
        };
        Some(Target { period, value, wording: self.optional_string(map, path, "wording") })
    }

    /// The value keys of an entry or a baseline, as the indicator's kind wants them.
    fn value(&mut self, map: &Map, path: &str, kind: Kind) -> Option<EntryValue> {
        let wanted: &[&str] = match kind {
            Kind::Share => &["numerator", "denominator", "percent"],
            Kind::Count | Kind::YesNo => &["value"],
            Kind::Text => &["text", "achieved"],
        };
        let mut ok = true;
        for k in ["numerator", "denominator", "percent", "value", "text", "achieved"] {
            if map.get(k).is_some_and(|v| !v.is_null()) && !wanted.contains(&k) {
                let hint = match kind {
                    Kind::Share => "numerator и denominator (или percent)",
                    Kind::Count => "value — число",
                    Kind::YesNo => "value — true или false",
                    Kind::Text => "text (и achieved — true или false)",
                };
                self.problem(
                    &key(path, k),
                    format!("ключ «{k}» не относится к показателю вида «{}»: укажите {hint}", kind.code()),
                );
                ok = false;
            }
        }
        let value = match kind {
            Kind::Share => {
                let has = |k: &str| map.get(k).is_some_and(|v| !v.is_null());
                if has("percent") {
                    if has("numerator") || has("denominator") {
                        self.problem(path, "укажите либо numerator и denominator, либо percent, но не всё вместе");
                        return None;
                    }
                    let v = self.required(map, path, "percent")?;
                    EntryValue::Percent(self.number(v, &key(path, "percent"), Some(100.0), "процент")?)
                } else {
                    let n = self.required(map, path, "numerator");
                    let d = self.required(map, path, "denominator");
                    let n = n.and_then(|v| self.number(v, &key(path, "numerator"), None, "числитель"));
                    let d = d.and_then(|v| self.number(v, &key(path, "denominator"), None, "знаменатель"));
                    let (n, d) = (n?, d?);
                    if d > 0.0 && n > d {
                        self.problem(&key(path, "numerator"), format!("числитель {n} больше знаменателя {d}"));
                        return None;
                    }
                    EntryValue::Share { numerator: n, denominator: d }
                }
            }
            Kind::Count => {
                let v = self.required(map, path, "value")?;
                EntryValue::Count(self.number(v, &key(path, "value"), None, "количество")?)
            }
            Kind::YesNo => {
                let v = self.required(map, path, "value")?;
                EntryValue::YesNo(self.bool(v, &key(path, "value"))?)
            }
            Kind::Text => {
                let text = self.required_string(map, path, "text")?;
                EntryValue::Text { text, achieved: self.optional_bool(map, path, "achieved") }
            }
        };
        ok.then_some(value)
    }

    fn entry(&mut self, value: &Value, path: &str, head: &Head, indicators: &[Indicator]) -> Option<Entry> {
        let map = self.object(value, path, ENTRY_KEYS)?;
        let code = self.required_string(map, path, "indicator")?;
        let Some(indicator) = indicators.iter().find(|i| i.code == code) else {
            self.problem(&key(path, "indicator"), format!("показателя с кодом «{code}» в программе нет"));
            return None;
        };
        let period =
            self.required(map, path, "period").and_then(|v| self.period(v, &key(path, "period"), &head.periods));
        let municipality = self.optional_string(map, path, "municipality").filter(|m| *m != head.owner.name);
        if let Some(m) = &municipality
            && !head.asked.contains(m.as_str())
        {
            let known = if head.municipalities.is_empty() {
                format!("программа не опрашивает муниципалитеты — значения относятся к «{}»", head.owner.name)
            } else {
                "его нет в programme.municipalities".to_string()
            };
            self.problem(&key(path, "municipality"), format!("«{m}»: {known}"));
            return None;
        }
        let organisation = self.optional_string(map, path, "organisation");
        match (&organisation, indicator.per_organisation) {
            (None, true) => self.problem(
                &key(path, "organisation"),
                format!("показатель «{code}» заполняется по каждой организации: укажите организацию"),
            ),
            (Some(_), false) => self.problem(
                &key(path, "organisation"),
                format!("показатель «{code}» заполняется в целом, не по организациям: уберите «organisation»"),
            ),
            _ => {}
        }
        let value = self.value(map, path, indicator.kind)?;
        Some(Entry {
            indicator: code,
            period: period?,
            municipality,
            organisation,
            value,
            source: self.optional_string(map, path, "source"),
        })
    }

    fn activity(&mut self, value: &Value, path: &str) -> Option<Activity> {
        let map = self.object(value, path, ACTIVITY_KEYS)?;
        let title = self.required_string(map, path, "title");
        let deadline = self.date(map, path, "deadline");
        let done_on = self.date(map, path, "done_on");
        Some(Activity {
            number: self.optional_string(map, path, "number").unwrap_or_default(),
            title: title?,
            term: self.optional_string(map, path, "term"),
            deadline,
            responsible: self.optional_string(map, path, "responsible"),
            participants: self.optional_string(map, path, "participants"),
            expected_result: self.optional_string(map, path, "expected_result"),
            done_on,
        })
    }
}

struct Head {
    /// `municipalities` as a set: a region's file has a value per municipality.
    asked: HashSet<String>,
    code: String,
    title: String,
    owner: Owner,
    source: Option<String>,
    reporting: Reporting,
    periods: Vec<Period>,
    municipalities: Vec<String>,
}
