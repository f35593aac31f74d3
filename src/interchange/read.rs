//! Reading interchange JSON into validated types, collecting every problem with its place.
//!
//! The text is parsed into the lean tree of [`super::json`]; the responses are validated one at
//! a time while the parser walks the array, so a federal file never lives in memory as a tree.

use super::json::{self, EachElement, Key, Map, Value, shorten};
use super::package::PackageHead;
use super::{FORMAT, InterchangeError, Problem, VERSION};
use crate::model::registry::Registry;
use crate::model::values::{Date, ExperienceYears, Hours, MunicipalityName, Year};
use crate::model::{
    Associations, Campaign, Course, DocumentInfo, Duties, Education, Function, Official, Response, Service,
    ServiceForm, Staff,
};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;
use uuid::Uuid;

/// The largest questionnaire file read (a federal campaign of 2,500 municipalities is ~16 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The bytes of a file to read, refused before reading when larger than [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InterchangeError> {
    let io = |error| InterchangeError::Io { path: path.to_path_buf(), error };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        let problem = Problem {
            path: "$".into(),
            line_column: None,
            message: format!(
                "файл занимает {} МБ, больше предела {} МБ для файла анкет",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        };
        return Err(InterchangeError::Invalid { file: path.display().to_string(), problems: vec![problem] });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Reads and validates a questionnaire file. Errors name the file.
pub fn read_file(path: &Path) -> Result<Campaign, InterchangeError> {
    let bytes = read_bytes(path)?;
    parse_bytes(&bytes).map_err(|problems| InterchangeError::Invalid { file: path.display().to_string(), problems })
}

/// Validates questionnaire text; every problem found is returned.
pub fn parse(text: &str) -> Result<Campaign, Vec<Problem>> {
    parse_bytes(text.as_bytes())
}

/// One response from its JSON value (merging rebuilds responses this way, so they pass the
/// same validation as a file).
pub(crate) fn response_from_value(value: &serde_json::Value, region: &str) -> Result<Response, Vec<Problem>> {
    let mut reader = Reader::default();
    let response = reader.response(&Value::from(value), "$", Registry::for_region(region));
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

/// What a document holds besides the campaign: the field-package keys (`docs/interchange.md`).
#[derive(Debug, Default)]
pub(super) struct Extras {
    pub package: Option<PackageHead>,
    /// Base hash of each response by municipality.
    pub bases: HashMap<MunicipalityName, String>,
}

/// Validates the text, with the optional keys of field packages (validated for every reader,
/// so `assess --input` and `import` accept the same files).
pub(super) fn parse_document(bytes: &[u8]) -> Result<(Campaign, Extras), Vec<Problem>> {
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
    let mut reader = Reader::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let root = Root { reader: &mut reader }.deserialize(&mut deserializer).and_then(|root| {
        deserializer.end()?;
        Ok(root)
    });
    let root = root.map_err(|e| {
        vec![Problem { path: "$".into(), line_column: Some((e.line(), e.column())), message: json::syntax_message(&e) }]
    })?;
    let campaign = reader.document(root);
    match campaign {
        Some(c) if reader.problems.is_empty() => Ok((c, std::mem::take(&mut reader.extras))),
        _ => Err(reader.problems),
    }
}

/// The document's top level as the parser left it: the responses already validated when the
/// head came first (as this program writes it), else kept as a tree.
enum RootValue<'a> {
    Object { map: Map<'a>, head: Option<Box<Head>>, responses: Option<Responses<'a>> },
    Other(Value<'a>),
}

enum Responses<'a> {
    Read(Vec<(usize, Response)>),
    Raw(Value<'a>),
}

/// The campaign head, validated.
#[derive(Default)]
struct Head {
    id: Option<Uuid>,
    title: Option<String>,
    region: Option<String>,
    reference_date: Option<Date>,
    document: Option<DocumentInfo>,
    registry: Option<Registry>,
}

struct Root<'r> {
    reader: &'r mut Reader,
}

impl<'de> DeserializeSeed<'de> for Root<'_> {
    type Value = RootValue<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Root<'_> {
    type Value = RootValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("документ JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let reader = self.reader;
        let mut map = Map::default();
        let mut head = None;
        let mut responses = None;
        while let Some(Key(k)) = access.next_key()? {
            if k != "responses" {
                map.insert(k, access.next_value()?);
                continue;
            }
            if responses.is_some() {
                reader.problem("$.responses", "ключ «responses» повторяется; в документе он может быть только один");
                access.next_value::<IgnoredAny>()?;
                continue;
            }
            let head_known = ["format", "version", "campaign"].iter().all(|n| map.get(n).is_some());
            if !head_known {
                responses = Some(Responses::Raw(access.next_value()?));
                continue;
            }
            let known = reader.head(&map);
            let registry = known.registry;
            head = Some(Box::new(known));
            let mut read = Vec::new();
            let raw = access.next_value_seed(EachElement(|i, item: Value<'de>| {
                if let Some(r) = reader.response_item(i, &item, registry) {
                    read.push(r);
                }
            }))?;
            responses = Some(match raw {
                None => Responses::Read(read),
                Some(other) => Responses::Raw(other),
            });
        }
        Ok(RootValue::Object { map, head, responses })
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        de::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RootValue::Other)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::Number(json::Number::Signed(n))))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::Number(json::Number::Unsigned(n))))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::Number(json::Number::Float(x))))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::String(s.to_string().into())))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(RootValue::Other(Value::Null))
    }
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    extras: Extras,
}

/// The keys of an object that are not `allowed` (with the nearest allowed one, when a typo is
/// likely) and the keys given twice, each with its JSON path: the one rule for every JSON file
/// the program reads (questionnaires, methodologies).
pub(crate) fn key_problems(map: &Map, path: &str, allowed: &[&str]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for k in map.keys() {
        if !allowed.contains(&k) {
            let nearest = allowed
                .iter()
                .filter(|_| k.len() <= 64)
                .map(|a| (strsim::levenshtein(a, k), *a))
                .min()
                .filter(|(d, _)| *d <= 2)
                .map(|(_, a)| format!(" — возможно, имелся в виду «{a}»"))
                .unwrap_or_default();
            let k = shorten(k);
            problems.push((
                key(path, &k),
                format!("неизвестный ключ «{k}»{nearest}; допустимые ключи: {}", allowed.join(", ")),
            ));
        }
    }
    for k in map.duplicate_keys() {
        let k = shorten(k);
        problems.push((key(path, &k), json::repeated_key(&k)));
    }
    problems
}

/// Appends `.key` to a JSON path.
pub(crate) fn key(path: &str, key: &str) -> String {
    // Built for every field of every response: plain appends, not the formatting machinery.
    let mut out = String::with_capacity(path.len() + key.len() + 1);
    out.push_str(path);
    out.push('.');
    out.push_str(key);
    out
}

pub(crate) fn index(path: &str, i: usize) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    out.push_str(path);
    out.push('[');
    push_decimal(&mut out, i);
    out.push(']');
    out
}

/// `n` in decimal digits appended to `out`.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|d| char::from(*d)));
}

fn is_hash(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "логическое значение",
        Value::Number(_) => "число",
        Value::String(_) => "строка",
        Value::Array(_) => "массив",
        Value::Object(_) => "объект",
    }
}

/// The field readers every JSON reader of the program shares (questionnaires, programmes):
/// one wording of each problem and one JSON path for it.
pub(crate) trait Fields {
    /// Where this reader collects its problems.
    fn problems(&mut self) -> &mut Vec<Problem>;

    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems().push(Problem { path: path.to_string(), line_column: None, message: message.into() });
    }

    /// An object whose keys are all in `allowed`; unknown keys are reported.
    /// Duplicate keys are reported too: the file would mean one thing to us and another to a
    /// reader that keeps the last value (`"hours": 144, "hours": 1`).
    fn object<'m, 'v>(&mut self, value: &'m Value<'v>, path: &str, allowed: &[&str]) -> Option<&'m Map<'v>> {
        let Value::Object(map) = value else {
            self.problem(path, format!("ожидался объект, найдено: {}", type_name(value)));
            return None;
        };
        self.keys(map, path, allowed);
        Some(map)
    }

    fn keys(&mut self, map: &Map, path: &str, allowed: &[&str]) {
        // The usual case, checked without building any message.
        if map.keys().all(|k| allowed.contains(&k)) && map.duplicate_keys().is_empty() {
            return;
        }
        for (place, message) in key_problems(map, path, allowed) {
            self.problem(&place, message);
        }
    }

    /// A present, non-null field; reports a missing one.
    fn required<'m, 'v>(&mut self, map: &'m Map<'v>, path: &str, name: &str) -> Option<&'m Value<'v>> {
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

    fn required_string(&mut self, map: &Map, path: &str, name: &str) -> Option<String> {
        self.required(map, path, name).and_then(|v| self.string(v, &key(path, name)))
    }

    /// An optional string: absent or null is `None`; an empty string is also `None`.
    fn optional_string(&mut self, map: &Map, path: &str, name: &str) -> Option<String> {
        match map.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => self.string(v, &key(path, name)),
        }
    }
}

impl Fields for Reader {
    fn problems(&mut self) -> &mut Vec<Problem> {
        &mut self.problems
    }
}

impl Reader {
    fn date(&mut self, value: &Value, path: &str) -> Option<Date> {
        let text = self.string(value, path)?;
        Date::parse_iso(&text).map_err(|message| self.problem(path, message)).ok()
    }

    fn optional_date(&mut self, map: &Map, path: &str, name: &str) -> Option<Date> {
        match map.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => self.date(v, &key(path, name)),
        }
    }

    fn years(&mut self, map: &Map, path: &str, name: &str) -> Option<ExperienceYears> {
        let value = self.required(map, path, name)?;
        self.bounded(value, &key(path, name), "число (число лет)", ExperienceYears::new)
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

    fn array<'m, 'v>(&mut self, value: &'m Value<'v>, path: &str) -> Option<&'m Vec<Value<'v>>> {
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
            self.problem(path, format!("неизвестное значение «{}»; допустимые: {codes}", shorten(&text)));
        }
        parsed
    }

    fn id(&mut self, map: &Map, path: &str) -> Option<Uuid> {
        self.uuid(map, path, "id")
    }

    /// An optional UUID under `name`.
    fn uuid(&mut self, map: &Map, path: &str, name: &str) -> Option<Uuid> {
        let text = self.optional_string(map, path, name)?;
        let parsed = Uuid::parse_str(&text).ok();
        if parsed.is_none() {
            self.problem(&key(path, name), format!("«{}» — не идентификатор UUID", shorten(&text)));
        }
        parsed
    }

    /// The top-level keys other than `responses`: format, version and the campaign head.
    fn head(&mut self, map: &Map) -> Head {
        let format = self.required_string(map, "$", "format");
        if let Some(f) = format.filter(|f| f != FORMAT) {
            self.problem("$.format", format!("«{}» — ожидалось «{FORMAT}»", shorten(&f)));
        }
        if let Some(v) = self.required(map, "$", "version").filter(|v| v.as_u64() != Some(VERSION)) {
            let message = format!("версия {v} не поддерживается; эта программа читает версию {VERSION}");
            self.problem("$.version", message);
        }
        let head = self.required(map, "$", "campaign");
        let head = head.and_then(|h| {
            self.object(h, "$.campaign", &["id", "title", "region", "reference_date", "document", "package"])
        });
        let Some(h) = head else { return Head::default() };
        let id = self.id(h, "$.campaign");
        let title = self.required_string(h, "$.campaign", "title");
        let region = self.required_string(h, "$.campaign", "region");
        let reference_date =
            self.required(h, "$.campaign", "reference_date").and_then(|v| self.date(v, "$.campaign.reference_date"));
        let document =
            h.get("document").filter(|d| !d.is_null()).and_then(|d| self.document_info(d, "$.campaign.document"));
        self.extras.package = h.get("package").filter(|v| !v.is_null()).and_then(|v| self.package(v));
        let registry = region.as_deref().and_then(Registry::for_region);
        Head { id, title, region, reference_date, document, registry }
    }

    /// `campaign.package`: which field-package export the file is.
    fn package(&mut self, value: &Value) -> Option<PackageHead> {
        const PATH: &str = "$.campaign.package";
        let Some(map) = value.as_object() else {
            self.problem(PATH, "ожидался объект");
            return None;
        };
        self.keys(map, PATH, &["id", "created_at", "with_names"]);
        let id = map.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
        if id.is_none() {
            self.problem(&key(PATH, "id"), "обязательный идентификатор пакета (UUID) отсутствует или неверен");
        }
        let created_at = map.get("created_at").and_then(Value::as_str).map(str::to_string);
        if created_at.is_none() {
            self.problem(&key(PATH, "created_at"), "обязательное поле отсутствует");
        }
        let with_names = map.get("with_names").and_then(Value::as_bool);
        if with_names.is_none() {
            self.problem(&key(PATH, "with_names"), "ожидалось true или false");
        }
        Some(PackageHead { id: id?, created_at: created_at?, with_names: with_names? })
    }

    /// One element of `responses`, with its field-package `base`.
    fn response_item(&mut self, i: usize, item: &Value, registry: Option<Registry>) -> Option<(usize, Response)> {
        let path = index("$.responses", i);
        let response = self.response(item, &path, registry)?;
        match item.as_object().and_then(|m| m.get("base")) {
            None | Some(Value::Null) => {}
            Some(Value::String(h)) if is_hash(h) => {
                self.extras.bases.insert(response.municipality.clone(), h.to_string());
            }
            Some(other) => self.problem(
                &key(&path, "base"),
                format!("{other} — ожидалась строка вида «sha256:» и 64 шестнадцатеричные цифры"),
            ),
        }
        Some((i, response))
    }

    fn document(&mut self, root: RootValue) -> Option<Campaign> {
        let (map, head, responses) = match root {
            RootValue::Object { map, head, responses } => (map, head, responses),
            RootValue::Other(value) => {
                self.problem("$", format!("ожидался объект, найдено: {}", type_name(&value)));
                return None;
            }
        };
        // Problems with the top-level keys come first, as they would in the file.
        let before = self.problems.len();
        self.keys(&map, "$", &["format", "version", "campaign", "responses"]);
        let top: Vec<Problem> = self.problems.drain(before..).collect();
        self.problems.splice(0..0, top);
        let head = match head {
            Some(head) => *head,
            None => self.head(&map),
        };
        let responses = match responses {
            None => {
                self.problem("$.responses", "обязательное поле отсутствует");
                None
            }
            Some(Responses::Read(read)) => Some(read),
            Some(Responses::Raw(Value::Null)) => {
                self.problem("$.responses", "обязательное поле отсутствует");
                None
            }
            Some(Responses::Raw(value)) => self.array(&value, "$.responses").map(|items| {
                let registry = head.registry;
                items.iter().enumerate().filter_map(|(i, r)| self.response_item(i, r, registry)).collect()
            }),
        };
        if let Some(responses) = &responses {
            self.check_unique(responses);
        }
        let responses = responses?.into_iter().map(|(_, r)| r).collect();
        Some(Campaign {
            id: head.id,
            title: head.title?,
            region: head.region?,
            reference_date: head.reference_date?,
            document: head.document,
            responses,
        })
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
                .and_then(|v| self.bounded(v, &key(path, "year"), "целое число (год)", Year::new)),
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
            MunicipalityName::new(&name).map_err(|message| self.problem(&key(path, "municipality"), message)).ok()
        });
        let municipality = municipality.and_then(|name| match registry {
            None => Some(name),
            Some(reg) => match reg.find(&name) {
                // The registry's spelling.
                Ok((_, m)) => Some(m.canonical_name()),
                Err(unknown) => {
                    self.problem(
                        &key(path, "municipality"),
                        format!(
                            "«{}» — нет такого муниципалитета в списке региона «{}»; ближайшие: {}",
                            shorten(&name),
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
        let allowed = ["id", "person", "name", "position", "education", "service_years", "school_years", "courses"];
        let map = self.object(value, path, &allowed)?;
        let id = self.id(map, path);
        let person = self.uuid(map, path, "person");
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
            // A link to the record itself is no link.
            person: person.filter(|p| Some(*p) != id),
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
            .and_then(|v| self.bounded(v, &key(path, "hours"), "целое число (число часов)", Hours::new));
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
            Some(v) => {
                self.bounded(v, &key(path, "approved_year"), "целое число (год утверждения)", Year::new).map(Some)
            }
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
