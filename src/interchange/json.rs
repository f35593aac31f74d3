//! A lean JSON tree for reading: strings borrow from the file's bytes where they can, objects
//! keep their keys in file order *with* duplicates (so the reader can report them with their
//! path), and a document's responses are read one at a time (see `read.rs`), so memory stays
//! near the size of the file instead of eight times it (`serde_json::Value` with
//! `preserve_order` builds a hash table per object and owns every string).
//!
//! Syntax errors come from `serde_json`; [`syntax_message`] turns its English text into Russian.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON number as written: integers stay exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

/// One JSON value. The variant names follow `serde_json::Value`, so the reader reads like it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// An object: its entries in file order, duplicate keys included.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Map<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Map<'a> {
    /// The value of the first entry named `name`.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    pub fn insert(&mut self, name: Cow<'a, str>, value: Value<'a>) {
        self.entries.push((name, value));
    }

    /// Keys that occur more than once, each named once, in file order.
    pub fn duplicate_keys(&self) -> Vec<&str> {
        let mut repeated: Vec<&str> = Vec::new();
        if self.entries.len() <= 32 {
            for (i, (k, _)) in self.entries.iter().enumerate() {
                let seen_before = self.entries.get(..i).is_some_and(|before| before.iter().any(|(b, _)| b == k));
                if seen_before && !repeated.contains(&k.as_ref()) {
                    repeated.push(k);
                }
            }
        } else {
            let mut seen = std::collections::HashSet::new();
            let mut reported = std::collections::HashSet::new();
            for (k, _) in &self.entries {
                if !seen.insert(k.as_ref()) && reported.insert(k.as_ref()) {
                    repeated.push(k);
                }
            }
        }
        repeated
    }
}

impl Value<'_> {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Self>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map<'_>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Unsigned(n)) => Some(*n),
            Value::Number(Number::Signed(n)) => u64::try_from(*n).ok(),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(Number::Unsigned(n)) => i64::try_from(*n).ok(),
            Value::Number(Number::Signed(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(Number::Unsigned(n)) => Some(*n as f64),
            Value::Number(Number::Signed(n)) => Some(*n as f64),
            Value::Number(Number::Float(f)) => Some(*f),
            _ => None,
        }
    }
}

pub(crate) use crate::model::values::shorten;

/// Compact JSON text, cut for messages (a value quoted in an error never floods the terminal).
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(Number::Unsigned(n)) => n.to_string(),
            Value::Number(Number::Signed(n)) => n.to_string(),
            Value::Number(Number::Float(x)) => x.to_string(),
            Value::String(s) => format!("\"{}\"", shorten(s)),
            Value::Array(items) if items.is_empty() => "[]".to_string(),
            Value::Array(_) => "[…]".to_string(),
            Value::Object(map) if map.entries.is_empty() => "{}".to_string(),
            Value::Object(_) => "{…}".to_string(),
        };
        f.write_str(&text)
    }
}

impl<'a> From<&'a serde_json::Value> for Value<'a> {
    fn from(value: &'a serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::Unsigned(u),
                (None, Some(i)) => Number::Signed(i),
                _ => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            serde_json::Value::String(s) => Value::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => Value::Object(Map {
                entries: map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Value::from(v))).collect(),
            }),
        }
    }
}

impl<'de> de::Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("значение JSON")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(if n >= 0 { Number::Unsigned(n as u64) } else { Number::Signed(n) }))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::Unsigned(n)))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::Float(x)))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        de::Deserialize::deserialize(d)
    }

    // No `shrink_to_fit`: a response's tree lives only while that response is validated.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value<'de>, A::Error> {
        // Most objects of the format have up to eight keys: one allocation each.
        let mut map = Map { entries: Vec::with_capacity(8) };
        while let Some(Key(k)) = access.next_key()? {
            let v = access.next_value()?;
            map.entries.push((k, v));
        }
        Ok(Value::Object(map))
    }
}

/// An object key, borrowed when it has no escapes.
pub(crate) struct Key<'a>(pub Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ключ объекта")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the elements of an array one at a time, handing each to `each` and dropping it, so a
/// large array never lives in memory as a tree. Anything other than an array is returned whole.
pub(crate) struct EachElement<F>(pub F);

impl<'de, F: FnMut(usize, Value<'de>)> DeserializeSeed<'de> for EachElement<F> {
    type Value = Option<Value<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F: FnMut(usize, Value<'de>)> Visitor<'de> for EachElement<F> {
    type Value = Option<Value<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("массив")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut i = 0;
        while let Some(item) = seq.next_element()? {
            (self.0)(i, item);
            i += 1;
        }
        Ok(None)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Some(Value::Bool(b)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        ValueVisitor.visit_i64(n).map(Some)
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(Number::Unsigned(n))))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Self::Value, E> {
        Ok(Some(Value::Number(Number::Float(x))))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Value::String(Cow::Borrowed(s))))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(Value::String(Cow::Owned(s.to_string()))))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Some(Value::Null))
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        ValueVisitor.visit_map(access).map(Some)
    }
}

/// The message for a key given twice in one object: the one wording every reader uses.
pub(crate) fn repeated_key(k: &str) -> String {
    format!("ключ «{k}» повторяется в объекте; оставьте одно значение")
}

/// The Russian for a `serde_json` syntax error (its English text without « at line … column …»).
pub(crate) fn syntax_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let english = text.split(" at line ").next().unwrap_or(&text);
    let russian = match english {
        "EOF while parsing a list" => "файл оборвался внутри массива — нет закрывающей «]»",
        "EOF while parsing an object" => "файл оборвался внутри объекта — нет закрывающей «}»",
        "EOF while parsing a string" => "файл оборвался внутри строки — нет закрывающей кавычки",
        "EOF while parsing a value" => "файл оборвался там, где ожидалось значение",
        "expected `:`" => "после ключа ожидалось «:»",
        "expected `,` or `]`" => "ожидалась «,» или «]»",
        "expected `,` or `}`" => "ожидалась «,» или «}»",
        "expected ident" => "неизвестное слово; без кавычек пишутся только true, false и null",
        "expected value" => "ожидалось значение: строка в кавычках, число, объект, массив, true, false или null",
        "expected `\"`" => "ожидалась кавычка «\"»",
        "invalid escape" => "недопустимая последовательность с «\\» в строке",
        "invalid number" => "неверная запись числа",
        "number out of range" => "число слишком велико",
        "invalid unicode code point" => "недопустимый код символа в последовательности «\\u»",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "управляющий символ внутри строки (перевод строки и табуляция внутри строки пишутся как \\n и \\t)"
        }
        "key must be a string" => "ключ объекта должен быть строкой в кавычках",
        "lone leading surrogate in hex escape" => "непарный суррогат в последовательности «\\u»",
        "trailing comma" => "лишняя запятая перед закрывающей скобкой",
        "trailing characters" => "лишние символы после конца документа",
        "unexpected end of hex escape" => "незаконченная последовательность «\\u»",
        "recursion limit exceeded" => "слишком глубокая вложенность (больше 128 уровней)",
        _ => "текст не читается как JSON",
    };
    format!("синтаксическая ошибка JSON: {russian}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value<'_> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn strings_without_escapes_borrow_from_the_text() {
        let v = parse(r#"{"a": "просто", "b": "с \"кавычкой\""}"#);
        let Value::Object(map) = &v else { panic!() };
        assert!(matches!(map.get("a"), Some(Value::String(Cow::Borrowed("просто")))));
        assert!(matches!(map.get("b"), Some(Value::String(Cow::Owned(s))) if s == "с \"кавычкой\""));
    }

    #[test]
    fn duplicate_keys_are_kept_and_named_once() {
        let v = parse(r#"{"hours": 144, "title": "x", "hours": 1, "hours": 2}"#);
        let map = v.as_object().unwrap();
        assert_eq!(map.duplicate_keys(), ["hours"]);
        assert_eq!(map.get("hours").and_then(Value::as_u64), Some(144));
        let many: String = (0..40).map(|i| format!("\"k{i}\": 1, ")).collect();
        let text = format!("{{{many}\"k3\": 2, \"k7\": 3, \"k3\": 4}}");
        let v = parse(&text);
        assert_eq!(v.as_object().unwrap().duplicate_keys(), ["k3", "k7"]);
    }

    #[test]
    fn numbers_keep_their_kind() {
        let v = parse("[1, -2, 2.5, 18446744073709551615]");
        let items = v.as_array().unwrap();
        assert_eq!(items[0].as_i64(), Some(1));
        assert_eq!(items[1].as_i64(), Some(-2));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(items[2].as_i64(), None);
        assert_eq!(items[2].as_f64(), Some(2.5));
        assert_eq!(items[3].as_u64(), Some(u64::MAX));
        assert_eq!(items[3].as_i64(), None);
    }

    #[test]
    fn long_values_are_cut_when_quoted() {
        let long = "я".repeat(1000);
        assert_eq!(shorten(&long).chars().count(), crate::model::values::QUOTE_CHARS + 1);
        assert!(shorten(&long).ends_with('…'));
        assert_eq!(shorten("коротко"), "коротко");
        assert_eq!(
            Value::String(Cow::Borrowed(&long)).to_string().chars().count(),
            crate::model::values::QUOTE_CHARS + 3
        );
    }

    #[test]
    fn every_syntax_error_is_in_russian() {
        for text in [
            "[1, 2",
            "{\"a\": 1",
            "\"abc",
            "",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\": 1 \"b\": 2}",
            "tru",
            "[,]",
            "\"\\x\"",
            "-",
            "1e999999",
            "\"\\ud800\"",
            "\"a\u{1}b\"",
            "{1: 2}",
            "[1,]",
            "{} x",
            "\"\\u12",
        ] {
            let error = serde_json::from_str::<Value>(text).unwrap_err();
            let message = syntax_message(&error);
            assert!(!message.contains("текст не читается"), "{text:?}: {error} → {message}");
            for english in ["EOF", "expected", "invalid", "line", "column"] {
                assert!(!message.contains(english), "{message}");
            }
        }
        let deep = "[".repeat(200);
        let error = serde_json::from_str::<Value>(&deep).unwrap_err();
        assert!(syntax_message(&error).contains("вложенность"));
    }
}
