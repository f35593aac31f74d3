//! Reading interchange JSON into validated types, collecting every problem with its place.

use super::{FORMAT, InterchangeError, Problem, VERSION};
use crate::model::registry::Registry;
use crate::model::values::{Date, ExperienceYears, Hours, MunicipalityName, Year};
use crate::model::{
    Associations, Campaign, Course, DocumentInfo, Duties, Education, Function, Official, Response, Service,
    ServiceForm, Staff,
};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::path::Path;
use uuid::Uuid;

/// Reads and validates a questionnaire file. Errors name the file.
pub fn read_file(path: &Path) -> Result<Campaign, InterchangeError> {
    let bytes = std::fs::read(path).map_err(|error| InterchangeError::Io { path: path.to_path_buf(), error })?;
    parse_bytes(&bytes).map_err(|problems| InterchangeError::Invalid { file: path.display().to_string(), problems })
}

/// Validates questionnaire text; every problem found is returned.
pub fn parse(text: &str) -> Result<Campaign, Vec<Problem>> {
    parse_bytes(text.as_bytes())
}

/// One response from its JSON value (merging rebuilds responses this way, so they pass the
/// same validation as a file).
pub(crate) fn response_from_value(value: &Value, region: &str) -> Result<Response, Vec<Problem>> {
    let mut reader = Reader::default();
    let response = reader.response(value, "$", Registry::for_region(region));
    match response {
        Some(r) if reader.problems.is_empty() => Ok(r),
        _ => Err(reader.problems),
    }
}

fn whole(message: impl Into<String>) -> Vec<Problem> {
    vec![Problem { path: "$".into(), line_column: None, message: message.into() }]
}

pub(super) fn parse_bytes(bytes: &[u8]) -> Result<Campaign, Vec<Problem>> {
    parse_document(bytes).map(|(campaign, _)| campaign)
}

/// Validates the text and also returns the parsed JSON, so that readers of the optional keys
/// (field packages) need not parse the file a second time.
pub(super) fn parse_document(bytes: &[u8]) -> Result<(Campaign, Value), Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole("файл пуст — ожидался документ JSON формата mms-monitor.questionnaire"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "файл не является текстом в кодировке UTF-8 (недопустимый байт в позиции {}) — ожидался документ JSON",
            e.valid_up_to()
        ))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail).to_string();
        vec![Problem {
            path: "$".into(),
            line_column: Some((e.line(), e.column())),
            message: format!("синтаксическая ошибка JSON ({detail})"),
        }]
    })?;
    let mut reader = Reader::default();
    let campaign = reader.document(&value);
    match campaign {
        Some(c) if reader.problems.is_empty() => Ok((c, value)),
        _ => Err(reader.problems),
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

/// Appends `.key` to a JSON path.
fn key(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "логическое значение",
        Value::Number(_) => "число",
        Value::String(_) => "строка",
        Value::Array(_) => "массив",
        Value::Object(_) => "объект",
    }
}

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_string(), line_column: None, message: message.into() });
    }

    /// An object whose keys are all in `allowed`; unknown keys are reported.
    fn object<'v>(&mut self, value: &'v Value, path: &str, allowed: &[&str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = value else {
            self.problem(path, format!("ожидался объект, найдено: {}", type_name(value)));
            return None;
        };
        for k in map.keys() {
            if !allowed.contains(&k.as_str()) {
                let nearest = allowed
                    .iter()
                    .map(|a| (strsim::levenshtein(a, k), *a))
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, a)| format!(" — возможно, имелся в виду «{a}»"))
                    .unwrap_or_default();
                self.problem(
                    &key(path, k),
                    format!("неизвестный ключ «{k}»{nearest}; допустимые ключи: {}", allowed.join(", ")),
                );
            }
        }
        Some(map)
    }

    /// A present, non-null field; reports a missing one.
    fn required<'v>(&mut self, map: &'v Map<String, Value>, path: &str, name: &str) -> Option<&'v Value> {
        match map.get(name) {
            Some(Value::Null) | None => {
                self.problem(&key(path, name), "обязательное поле отсутствует");
                None
            }
            Some(v) => Some(v),
        }
    }

    fn string(&mut self, value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) => {
                self.problem(path, "пустая строка");
                None
            }
            other => {
                self.problem(path, format!("ожидалась строка, найдено: {}", type_name(other)));
                None
            }
        }
    }

    fn required_string(&mut self, map: &Map<String, Value>, path: &str, name: &str) -> Option<String> {
        self.required(map, path, name).and_then(|v| self.string(v, &key(path, name)))
    }

    /// An optional string: absent or null is `None`; an empty string is also `None`.
    fn optional_string(&mut self, map: &Map<String, Value>, path: &str, name: &str) -> Option<String> {
        match map.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => self.string(v, &key(path, name)),
        }
    }

    fn date(&mut self, value: &Value, path: &str) -> Option<NaiveDate> {
        let text = self.string(value, path)?;
        Date::parse_iso(&text).map(Date::get).map_err(|message| self.problem(path, message)).ok()
    }

    fn optional_date(&mut self, map: &Map<String, Value>, path: &str, name: &str) -> Option<NaiveDate> {
        match map.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => self.date(v, &key(path, name)),
        }
    }

    fn years(&mut self, map: &Map<String, Value>, path: &str, name: &str) -> Option<f64> {
        let value = self.required(map, path, name)?;
        self.bounded(value, &key(path, name), "число (число лет)", ExperienceYears::new).map(ExperienceYears::get)
    }

    /// A number checked by the model's constructor for its kind of value.
    fn bounded<T>(&mut self, value: &Value, path: &str, what: &str, new: fn(f64) -> Result<T, String>) -> Option<T> {
        let Some(number) = value.as_f64() else {
            self.problem(path, format!("ожидалось {what}, найдено: {}", type_name(value)));
            return None;
        };
        new(number).map_err(|message| self.problem(path, message)).ok()
    }

    fn bool(&mut self, value: &Value, path: &str) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.problem(path, format!("ожидалось true или false, найдено: {}", type_name(value)));
        }
        b
    }

    fn array<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        let a = value.as_array();
        if a.is_none() {
            self.problem(path, format!("ожидался массив, найдено: {}", type_name(value)));
        }
        a
    }

    fn code<T>(&mut self, value: &Value, path: &str, parse: fn(&str) -> Option<T>, codes: String) -> Option<T> {
        let text = self.string(value, path)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.problem(path, format!("неизвестное значение «{text}»; допустимые: {codes}"));
        }
        parsed
    }

    fn id(&mut self, map: &Map<String, Value>, path: &str) -> Option<Uuid> {
        let text = self.optional_string(map, path, "id")?;
        let parsed = Uuid::parse_str(&text).ok();
        if parsed.is_none() {
            self.problem(&key(path, "id"), format!("«{text}» — не идентификатор UUID"));
        }
        parsed
    }

    fn document(&mut self, root: &Value) -> Option<Campaign> {
        let map = self.object(root, "$", &["format", "version", "campaign", "responses"])?;
        let format = self.required_string(map, "$", "format");
        if let Some(f) = format.filter(|f| f != FORMAT) {
            self.problem("$.format", format!("«{f}» — ожидалось «{FORMAT}»"));
        }
        if let Some(v) = self.required(map, "$", "version").filter(|v| v.as_u64() != Some(VERSION)) {
            let message = format!("версия {v} не поддерживается; эта программа читает версию {VERSION}");
            self.problem("$.version", message);
        }
        let head = self.required(map, "$", "campaign");
        let head = head.and_then(|h| {
            self.object(h, "$.campaign", &["id", "title", "region", "reference_date", "document", "package"])
        });
        let (id, title, region, reference_date, document) = match head {
            Some(h) => (
                self.id(h, "$.campaign"),
                self.required_string(h, "$.campaign", "title"),
                self.required_string(h, "$.campaign", "region"),
                self.required(h, "$.campaign", "reference_date")
                    .and_then(|v| self.date(v, "$.campaign.reference_date")),
                h.get("document").filter(|d| !d.is_null()).and_then(|d| self.document_info(d, "$.campaign.document")),
            ),
            None => (None, None, None, None, None),
        };
        let registry = region.as_deref().and_then(Registry::for_region);
        let responses = self.required(map, "$", "responses").and_then(|v| self.array(v, "$.responses"));
        let responses: Option<Vec<(usize, Response)>> = responses.map(|items| {
            let parsed =
                items.iter().enumerate().map(|(i, r)| (i, self.response(r, &index("$.responses", i), registry)));
            parsed.filter_map(|(i, r)| r.map(|r| (i, r))).collect()
        });
        if let Some(responses) = &responses {
            self.check_unique(responses);
        }
        let responses = responses?.into_iter().map(|(_, r)| r).collect();
        Some(Campaign { id, title: title?, region: region?, reference_date: reference_date?, document, responses })
    }

    fn check_unique(&mut self, responses: &[(usize, Response)]) {
        let mut municipalities = HashSet::new();
        let mut ids = HashSet::new();
        for (i, r) in responses {
            let path = index("$.responses", *i);
            if !municipalities.insert(r.municipality.as_str()) {
                self.problem(
                    &key(&path, "municipality"),
                    format!("муниципалитет «{}» встречается в файле повторно", r.municipality),
                );
            }
            let staff_ids = r.staff.iter().flatten().filter_map(|s| s.id);
            for id in r.id.into_iter().chain(staff_ids) {
                if !ids.insert(id) {
                    self.problem(&path, format!("идентификатор {id} встречается в файле повторно"));
                }
            }
        }
    }

    fn document_info(&mut self, value: &Value, path: &str) -> Option<DocumentInfo> {
        let allowed = ["institution", "institution_short", "city", "year", "approver", "executor", "agreed"];
        let map = self.object(value, path, &allowed)?;
        let mut official = |name: &str| {
            let p = key(path, name);
            let o = map.get(name).filter(|v| !v.is_null())?;
            let m = self.object(o, &p, &["position", "name"])?;
            Some(Official {
                position: self.optional_string(m, &p, "position"),
                name: self.optional_string(m, &p, "name"),
            })
        };
        let (approver, executor, agreed) = (official("approver"), official("executor"), official("agreed"));
        Some(DocumentInfo {
            institution: self.optional_string(map, path, "institution"),
            institution_short: self.optional_string(map, path, "institution_short"),
            city: self.optional_string(map, path, "city"),
            year: map
                .get("year")
                .filter(|v| !v.is_null())
                .and_then(|v| self.bounded(v, &key(path, "year"), "целое число (год)", Year::new))
                .map(Year::get),
            approver,
            executor,
            agreed,
        })
    }

    fn response(&mut self, value: &Value, path: &str, registry: Option<Registry>) -> Option<Response> {
        // `base` belongs to field packages and is read by `super::package`.
        let allowed = ["id", "municipality", "service", "staff", "duties", "associations", "notes", "base"];
        let map = self.object(value, path, &allowed)?;
        let id = self.id(map, path);
        let municipality = self.required_string(map, path, "municipality");
        let municipality = municipality.and_then(|name| {
            MunicipalityName::new(&name)
                .map(MunicipalityName::into_string)
                .map_err(|message| self.problem(&key(path, "municipality"), message))
                .ok()
        });
        let municipality = municipality.and_then(|name| match registry {
            None => Some(name),
            Some(reg) => match reg.find(&name) {
                Ok((_, m)) => Some(m.name.to_string()),
                Err(unknown) => {
                    self.problem(
                        &key(path, "municipality"),
                        format!(
                            "«{name}» — нет такого муниципалитета в списке региона «{}»; ближайшие: {}",
                            reg.region,
                            unknown.suggestions.join(", ")
                        ),
                    );
                    None
                }
            },
        });
        let service = self.required(map, path, "service").and_then(|v| self.service(v, &key(path, "service")));
        let staff = match map.get("staff") {
            None | Some(Value::Null) => Some(None),
            Some(v) => {
                let p = key(path, "staff");
                self.array(v, &p).map(|items| {
                    let people: Vec<Option<Staff>> =
                        items.iter().enumerate().map(|(i, s)| self.staff(s, &index(&p, i))).collect();
                    people.into_iter().collect::<Option<Vec<_>>>()
                })
            }
        };
        let duties = match map.get("duties") {
            None | Some(Value::Null) => Some(None),
            Some(v) => self.duties(v, &key(path, "duties")).map(Some),
        };
        let associations = match map.get("associations") {
            None | Some(Value::Null) => Some(None),
            Some(v) => self.associations(v, &key(path, "associations")).map(Some),
        };
        let notes = self.optional_string(map, path, "notes");
        Some(Response {
            id,
            municipality: municipality?,
            service: service?,
            staff: staff?,
            duties: duties?,
            associations: associations?,
            notes,
        })
    }

    fn service(&mut self, value: &Value, path: &str) -> Option<Service> {
        let map = self.object(value, path, &["form", "name", "started"])?;
        let form = self
            .required(map, path, "form")
            .and_then(|v| self.code(v, &key(path, "form"), ServiceForm::from_code, ServiceForm::codes()));
        let name = self.optional_string(map, path, "name");
        let started = self.optional_date(map, path, "started");
        Some(Service { form: form?, name, started })
    }

    fn staff(&mut self, value: &Value, path: &str) -> Option<Staff> {
        let allowed = ["id", "name", "position", "education", "service_years", "school_years", "courses"];
        let map = self.object(value, path, &allowed)?;
        let id = self.id(map, path);
        let name = self.optional_string(map, path, "name");
        let position = self.optional_string(map, path, "position");
        let education = self
            .required(map, path, "education")
            .and_then(|v| self.code(v, &key(path, "education"), Education::from_code, Education::codes()));
        let service_years = self.years(map, path, "service_years");
        let school_years = self.years(map, path, "school_years");
        let courses = match map.get("courses") {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(v) => {
                let p = key(path, "courses");
                self.array(v, &p).and_then(|items| {
                    let parsed: Vec<Option<Course>> =
                        items.iter().enumerate().map(|(i, c)| self.course(c, &index(&p, i))).collect();
                    parsed.into_iter().collect()
                })
            }
        };
        Some(Staff {
            id,
            name,
            position,
            education: education?,
            service_years: service_years?,
            school_years: school_years?,
            courses: courses?,
        })
    }

    fn course(&mut self, value: &Value, path: &str) -> Option<Course> {
        let map = self.object(value, path, &["title", "hours", "completed", "relevant"])?;
        let title = self.required_string(map, path, "title");
        let hours = self
            .required(map, path, "hours")
            .and_then(|v| self.bounded(v, &key(path, "hours"), "целое число (число часов)", Hours::new))
            .map(Hours::get);
        let completed = self.required(map, path, "completed").and_then(|v| self.date(v, &key(path, "completed")));
        let relevant = match map.get("relevant") {
            None | Some(Value::Null) => Some(true),
            Some(v) => self.bool(v, &key(path, "relevant")),
        };
        Some(Course { title: title?, hours: hours?, completed: completed?, relevant: relevant? })
    }

    fn duties(&mut self, value: &Value, path: &str) -> Option<Duties> {
        let map = self.object(value, path, &["approved_year", "functions"])?;
        let approved_year = match map.get("approved_year") {
            None | Some(Value::Null) => Some(None),
            Some(v) => self
                .bounded(v, &key(path, "approved_year"), "целое число (год утверждения)", Year::new)
                .map(|y| Some(y.get())),
        };
        let p = key(path, "functions");
        let functions = self.required(map, path, "functions").and_then(|v| self.array(v, &p)).and_then(|items| {
            let mut seen = HashSet::new();
            let mut ok = true;
            let mut functions = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let ip = index(&p, i);
                match self.code(item, &ip, Function::from_code, Function::codes()) {
                    Some(f) if !seen.insert(f) => {
                        self.problem(&ip, format!("функция «{}» указана повторно", f.code()));
                        ok = false;
                    }
                    Some(f) => functions.push(f),
                    None => ok = false,
                }
            }
            ok.then_some(functions)
        });
        Some(Duties { approved_year: approved_year?, functions: functions? })
    }

    fn associations(&mut self, value: &Value, path: &str) -> Option<Associations> {
        let map = self.object(value, path, &["mmo", "other"])?;
        let mmo = self.required(map, path, "mmo").and_then(|v| self.bool(v, &key(path, "mmo")));
        let other = match map.get("other") {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(v) => {
                let p = key(path, "other");
                self.array(v, &p).and_then(|items| {
                    let names: Vec<Option<String>> =
                        items.iter().enumerate().map(|(i, s)| self.string(s, &index(&p, i))).collect();
                    names.into_iter().collect()
                })
            }
        };
        Some(Associations { mmo: mmo?, other: other? })
    }
}
