//! The municipalities of a region, in the table order of the analytical note, and
//! matching of the name variants analysts actually type.
//!
//! Only Primorye has a built-in list; a campaign of another region keeps its own names.

use std::sync::OnceLock;

/// Kind of municipality, as abbreviated in the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MunicipalityKind {
    /// городской округ
    Go,
    /// муниципальный район
    Mr,
    /// муниципальный округ
    Mo,
    /// закрытое административно-территориальное образование
    Zato,
}

impl MunicipalityKind {
    pub fn code(self) -> &'static str {
        match self {
            MunicipalityKind::Go => "ГО",
            MunicipalityKind::Mr => "МР",
            MunicipalityKind::Mo => "МО",
            MunicipalityKind::Zato => "ЗАТО",
        }
    }

    /// The kind a name says by its abbreviation («Анучинский МО», «ГО ЗАТО Фокино» is ЗАТО);
    /// `None` when the name carries none. It agrees with the built-in registry.
    pub fn of_name(name: &str) -> Option<MunicipalityKind> {
        let words: Vec<&str> = name.split(|c: char| c.is_whitespace()).collect();
        [MunicipalityKind::Zato, MunicipalityKind::Go, MunicipalityKind::Mr, MunicipalityKind::Mo]
            .into_iter()
            .find(|kind| words.contains(&kind.code()))
    }
}

/// A municipality of the built-in registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Municipality {
    pub name: &'static str,
    pub kind: MunicipalityKind,
}

impl Municipality {
    /// The registry's spelling of its name.
    pub fn canonical_name(&self) -> super::MunicipalityName {
        super::MunicipalityName::registered(self.name)
    }
}

const fn m(name: &'static str, kind: MunicipalityKind) -> Municipality {
    Municipality { name, kind }
}

use MunicipalityKind::{Go, Mo, Mr, Zato};

/// The 34 municipalities of Primorye in the order of the seed note's tables.
pub const PRIMORYE: [Municipality; 34] = [
    m("Артемовский ГО", Go),
    m("Арсеньевский ГО", Go),
    m("Дальнегорский ГО", Go),
    m("Дальнереченский ГО", Go),
    m("Владивостокский ГО", Go),
    m("Лесозаводский ГО", Go),
    m("Находкинский ГО", Go),
    m("Партизанский ГО", Go),
    m("ГО Спасск-Дальний", Go),
    m("Уссурийский ГО", Go),
    m("Анучинский МО", Mo),
    m("ГО ЗАТО Фокино", Zato),
    m("Кавалеровский МР", Mr),
    m("Красноармейский МР", Mr),
    m("Дальнереченский МР", Mr),
    m("Кировский МР", Mr),
    m("Михайловский МР", Mr),
    m("Лазовский МО", Mo),
    m("ГО Большой Камень", Go),
    m("Надеждинский МР", Mr),
    m("Октябрьский МО", Mo),
    m("Пожарский МР", Mr),
    m("Спасский МР", Mr),
    m("Чугуевский МР", Mr),
    m("Ольгинский МР", Mr),
    m("Партизанский МР", Mr),
    m("Яковлевский МР", Mr),
    m("Черниговский МР", Mr),
    m("Хорольский МО", Mo),
    m("Тернейский МР", Mr),
    m("Пограничный МР", Mr),
    m("Хасанский МР", Mr),
    m("Ханкайский МО", Mo),
    m("Шкотовский МР", Mr),
];

/// Misspellings found in real documents, as normalised keys → the normalised correct word.
const WORD_ALIASES: &[(&str, &str)] = &[("дальнереческий", "дальнереченский")];

/// A region with a built-in municipality list.
#[derive(Debug, Clone, Copy)]
pub struct Registry {
    pub region: &'static str,
    pub municipalities: &'static [Municipality],
    /// Each municipality's [`match_key`], made once per process: every response looks its
    /// name up.
    keys: &'static OnceLock<Vec<String>>,
}

static PRIMORYE_KEYS: OnceLock<Vec<String>> = OnceLock::new();

/// The name was not found in the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownMunicipality {
    pub name: String,
    /// The nearest known names, best first.
    pub suggestions: Vec<&'static str>,
}

/// How many characters of an unknown name are compared with the known ones.
const COMPARED_CHARS: usize = 100;

impl Registry {
    /// The built-in registry of a region, if there is one.
    pub fn for_region(region: &str) -> Option<Registry> {
        (folded(region) == folded("Приморский край")).then_some(Registry {
            region: "Приморский край",
            municipalities: &PRIMORYE,
            keys: &PRIMORYE_KEYS,
        })
    }

    /// Finds a municipality by any accepted variant of its name.
    pub fn find(&self, name: &str) -> Result<(usize, &'static Municipality), UnknownMunicipality> {
        // Names are a few words long; normalising or comparing a longer text costs time for
        // nothing (a 1 MB "name" took over a second), so only its beginning is looked at.
        let cut = name.char_indices().nth(COMPARED_CHARS).map(|(end, _)| end);
        if cut.is_none() {
            let key = match_key(name);
            let keys = self.keys.get_or_init(|| self.municipalities.iter().map(|m| match_key(m.name)).collect());
            if let Some(found) =
                keys.iter().position(|k| *k == key).and_then(|at| Some((at, self.municipalities.get(at)?)))
            {
                return Ok(found);
            }
        }
        let start = cut.and_then(|end| name.get(..end)).unwrap_or(name);
        let wanted = folded(start);
        let mut scored: Vec<(f64, &'static str)> = self
            .municipalities
            .iter()
            .map(|m| (strsim::normalized_levenshtein(&wanted, &folded(m.name)), m.name))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        Err(UnknownMunicipality {
            name: name.to_string(),
            suggestions: scored.iter().take(3).map(|(_, n)| *n).collect(),
        })
    }

    /// Position of a canonical name in table order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.municipalities.iter().position(|m| m.name == name)
    }
}

/// Whether two spellings name the same municipality: case, ё/е, dashes, spaces and word order
/// («МР»/«МО», «ГО Артёмовский») folded as everywhere names are matched.
pub fn same_name(a: &str, b: &str) -> bool {
    match_key(a) == match_key(b)
}

/// `name` folded the way names are compared: lower-cased words with ё→е, dashes unified and
/// spaces around them removed, misspellings corrected, joined by single spaces.
pub fn folded(name: &str) -> String {
    let lowered: String = name
        .chars()
        .map(|c| match c {
            'ё' | 'Ё' => 'е',
            '–' | '—' | '‑' | '−' => '-',
            '\u{a0}' => ' ',
            c => lower(c),
        })
        .collect();
    let mut joined = String::with_capacity(lowered.len());
    for part in lowered.split('-') {
        if !joined.is_empty() {
            joined.push('-');
        }
        joined.push_str(part.trim());
    }
    let mut words = String::with_capacity(joined.len());
    for word in joined.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(WORD_ALIASES.iter().find(|(wrong, _)| *wrong == word).map_or(word, |(_, right)| right));
    }
    words
}

/// The first character of `c.to_lowercase()`, with Russian and ASCII letters answered
/// without the Unicode tables.
fn lower(c: char) -> char {
    match c {
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        'а'..='я' => c,
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The key two names match on: normalised words, МР and МО treated alike, word order ignored
/// («ГО Спасск-Дальний» = «Спасск-Дальний ГО»); the words sorted, joined by spaces.
fn match_key(name: &str) -> String {
    let normal = folded(name);
    let mut words: Vec<&str> = normal.split(' ').map(|w| if w == "мр" { "мо" } else { w }).collect();
    words.sort_unstable();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn primorye() -> Registry {
        Registry::for_region("Приморский край").unwrap()
    }

    fn canonical(name: &str) -> &'static str {
        primorye().find(name).unwrap().1.name
    }

    #[test]
    fn registry_has_34_in_table_order() {
        assert_eq!(PRIMORYE.len(), 34);
        assert_eq!(PRIMORYE[0].name, "Артемовский ГО");
        assert_eq!(PRIMORYE[33].name, "Шкотовский МР");
        assert_eq!(primorye().position("Тернейский МР"), Some(29));
    }

    #[test]
    fn every_registry_name_is_a_municipality_name_as_written() {
        // The readers take the registry's spelling as it is (`canonical_name`): the constructor
        // must accept it unchanged.
        for m in PRIMORYE.iter() {
            assert_eq!(crate::model::MunicipalityName::new(m.name).unwrap(), m.name);
            assert_eq!(m.canonical_name(), m.name);
        }
    }

    #[test]
    fn seed_variants_match() {
        assert_eq!(canonical("ГО Спасск - Дальний"), "ГО Спасск-Дальний");
        assert_eq!(canonical("Лазовский МР"), "Лазовский МО");
        assert_eq!(canonical("Тернейский МО"), "Тернейский МР");
        assert_eq!(canonical("Дальнереческий МР"), "Дальнереченский МР");
        assert_eq!(canonical("Артёмовский  ГО"), "Артемовский ГО");
        assert_eq!(canonical(" артемовский го "), "Артемовский ГО");
        assert_eq!(canonical("Спасск–Дальний ГО"), "ГО Спасск-Дальний");
    }

    #[test]
    fn kinds_stay_distinct() {
        assert_eq!(canonical("Дальнереченский ГО"), "Дальнереченский ГО");
        assert_eq!(canonical("Дальнереченский МО"), "Дальнереченский МР");
        assert_eq!(canonical("Партизанский ГО"), "Партизанский ГО");
        assert_eq!(canonical("Партизанский МР"), "Партизанский МР");
    }

    #[test]
    fn the_kind_of_a_name_agrees_with_the_registry() {
        for m in PRIMORYE {
            assert_eq!(MunicipalityKind::of_name(m.name), Some(m.kind), "{}", m.name);
        }
        assert_eq!(MunicipalityKind::of_name("город Дубна"), None);
    }

    #[test]
    fn unknown_name_gets_suggestions() {
        let err = primorye().find("Артемовскй ГО").unwrap_err();
        assert_eq!(err.suggestions[0], "Артемовский ГО");
        assert!(primorye().find("Москва").is_err());
    }

    #[test]
    fn a_megabyte_name_is_refused_quickly() {
        let name = format!("Артемовскй ГО {}", "ж".repeat(1 << 20));
        let started = std::time::Instant::now();
        let err = primorye().find(&name).unwrap_err();
        assert_eq!(err.suggestions[0], "Артемовский ГО");
        // Over a second before the cap; milliseconds after it, even in a debug build.
        assert!(started.elapsed() < std::time::Duration::from_millis(300), "{:?}", started.elapsed());
    }

    #[test]
    fn lower_is_the_first_of_to_lowercase() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(lower(c), c.to_lowercase().next().unwrap_or(c), "{c:?}");
        }
    }

    #[test]
    fn other_regions_have_no_registry() {
        assert!(Registry::for_region("Московская область").is_none());
        assert!(Registry::for_region("приморский  край").is_some());
    }
}
