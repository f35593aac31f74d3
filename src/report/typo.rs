//! Russian typography of the note's text, in one place: no-break spaces where a line must
//! not break, «е» for «ё» throughout (the spelling of the 2022 note and of most official
//! documents, where «ё» is optional), and the hyphenation points of a word.
//!
//! No-break spaces go between a number and the word after it («31 муниципалитете», «5 лет»,
//! «9 (26,5 %)»), between ГО/МР/МО/ЗАТО and the name they belong to, between initials and a
//! surname, before «%» and before a dash, and after a one-letter preposition or conjunction.

const NBSP: char = '\u{a0}';

/// Municipality types written next to the name («Анучинский МО», «ГО Спасск-Дальний»).
const MUNICIPALITY_TYPES: [&str; 5] = ["ГО", "МР", "МО", "ЗАТО", "ГП"];

/// The note's spelling: «ё» written as «е».
pub fn plain(text: &str) -> String {
    if !text.contains(['ё', 'Ё']) {
        return text.to_string();
    }
    text.replace('ё', "е").replace('Ё', "Е")
}

fn core(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '«' | '»'))
}

fn is_number(word: &str) -> bool {
    let core = core(word);
    !core.is_empty()
        && core.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '–' || c == '-')
        && core.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_initials(word: &str) -> bool {
    // «В.Б.» or «В.»: letters each followed by a full stop.
    let mut chars = word.chars().peekable();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_uppercase() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters > 0
}

fn ends_clause(word: &str) -> bool {
    word.ends_with([',', ';', ':', '.', ')', '»'])
}

/// Whether the space between `left` and `right` must not break.
fn tied(left: &str, right: &str) -> bool {
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    right.starts_with('%')
        || matches!(right, "—" | "–")
        || (is_number(left) && !ends_clause(left))
        || is_initials(left) && starts_upper(right)
        || (MUNICIPALITY_TYPES.contains(&core(right)) && starts_upper(left) && !ends_clause(left))
        || (MUNICIPALITY_TYPES.contains(&left) && starts_upper(right))
        || (left.chars().count() == 1 && left.chars().all(char::is_alphabetic))
}

/// The note's spelling with no-break spaces where Russian typography wants them.
pub fn tie(text: &str) -> String {
    let text = plain(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut previous: Option<&str> = None;
        for word in line.split(' ') {
            if let Some(left) = previous {
                out.push(if !left.is_empty() && !word.is_empty() && tied(left, word) { NBSP } else { ' ' });
            }
            out.push_str(word);
            // A no-break chain is judged by its last word.
            previous = Some(word.rsplit(NBSP).next().unwrap_or(word));
        }
    }
    out
}

/// `char::is_alphabetic`, with Russian letters answered without the Unicode tables (the
/// hyphenation and the list of abbreviations ask it for every letter of the note).
pub(crate) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('А'..='я').contains(&c) || c == 'ё' || c == 'Ё' || (!c.is_ascii() && c.is_alphabetic())
}

/// [`tie`] over a paragraph's spans, judged across their boundaries as if they were one text
/// («Для 22» in bold, « муниципалитетов» after it): each span keeps its characters.
pub fn tie_spans(spans: &mut [super::doc::Span]) {
    if let [one] = spans {
        one.text = tie(&one.text);
        return;
    }
    let whole: String = spans.iter().map(|s| s.text.as_str()).collect();
    // `tie` replaces characters one for one (a space by a no-break space, «ё» by «е»).
    let mut tied = tie(&whole).chars().collect::<Vec<char>>().into_iter();
    for span in spans {
        let count = span.text.chars().count();
        span.text = tied.by_ref().take(count).collect();
    }
}

/// Where a word may be hyphenated: byte offsets inside it, for words of letters only
/// (numbers, abbreviations and compounds with a hyphen are never broken). Remembered per word:
/// the layout measures a paragraph more than once and the note repeats its words.
pub fn hyphen_points(word: &str) -> Vec<usize> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static KNOWN: RefCell<HashMap<String, Vec<usize>, foldhash::fast::FixedState>> = RefCell::default();
    }
    if let Some(points) = KNOWN.with(|k| k.borrow().get(word).cloned()) {
        return points;
    }
    let points = hyphen_points_of(word);
    KNOWN.with(|k| {
        let mut known = k.borrow_mut();
        // A bound on the memory of a long-running app; a note has a few thousand words.
        if known.len() > 100_000 {
            known.clear();
        }
        known.insert(word.to_string(), points.clone());
    });
    points
}

fn hyphen_points_of(word: &str) -> Vec<usize> {
    // In a chain of words tied by no-break spaces only the first word may be broken
    // («Дальнеречен-|ский ГО»).
    let first = word.split(NBSP).next().unwrap_or(word);
    let letters = first.trim_end_matches([',', ';', ':', '.', ')', '»']);
    if letters.chars().count() < 5
        || !letters.chars().all(is_letter)
        || letters.chars().filter(|c| c.is_uppercase()).count() > 1
    {
        return Vec::new();
    }
    let mut points = Vec::new();
    let mut at = 0;
    let syllables: Vec<&str> = hypher::hyphenate(letters, hypher::Lang::Russian).collect();
    for syllable in syllables.iter().take(syllables.len().saturating_sub(1)) {
        at += syllable.len();
        points.push(at);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    fn shown(text: &str) -> String {
        tie(text).replace(NBSP, "~")
    }

    #[test]
    fn numbers_names_and_signs_are_tied() {
        assert_eq!(shown("в 31 муниципалитете"), "в~31~муниципалитете");
        assert_eq!(shown("более 5 лет"), "более 5~лет");
        assert_eq!(shown("Оптимальное — 9 (26,5 %)"), "Оптимальное~— 9~(26,5~%)");
        assert_eq!(shown("ГО Спасск-Дальний, Анучинский МО;"), "ГО~Спасск-Дальний, Анучинский~МО;");
        assert_eq!(shown("_______________ В.Б. Яглинский"), "_______________ В.Б.~Яглинский");
        assert_eq!(shown("ЗАТО Фокино и ГО Большой Камень"), "ЗАТО~Фокино и~ГО~Большой Камень");
        assert_eq!(shown("2, 3 и 4"), "2, 3~и~4");
    }

    #[test]
    fn spans_are_tied_across_their_boundaries() {
        use crate::report::doc::{Span, Weight};
        let mut spans =
            vec![Span::new("Для 22", Weight::Bold), Span::new(" муниципалитетов в ГО Партизанский", Weight::Regular)];
        tie_spans(&mut spans);
        assert_eq!(spans[0].text, "Для 22");
        assert_eq!(spans[1].text, "~муниципалитетов в~ГО~Партизанский".replace('~', "\u{a0}"));
    }

    #[test]
    fn yo_is_written_as_ye() {
        assert_eq!(plain("Зелёный, жёлтый, Ёлкин"), "Зеленый, желтый, Елкин");
        assert!(!tie("утверждённые").contains('ё'));
    }

    #[test]
    fn only_plain_words_are_hyphenated() {
        let word = "муниципалитетах";
        let points = hyphen_points(word);
        assert!(!points.is_empty());
        assert!(points.iter().all(|p| word.is_char_boundary(*p) && *p >= 4 && *p <= word.len() - 4));
        assert!(hyphen_points("Спасск-Дальний").is_empty());
        assert!(hyphen_points("МОУО").is_empty());
        assert!(hyphen_points("РСНМС,").is_empty());
        assert!(hyphen_points("2021").is_empty());
        assert!(!hyphen_points("сотрудников;").is_empty());
        let chain = "Дальнереченский\u{a0}ГО,";
        assert!(hyphen_points(chain).iter().all(|p| *p < "Дальнереченский".len()));
        assert!(!hyphen_points(chain).is_empty());
    }
}
