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
    plain_cow(text).into_owned()
}

fn plain_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_yo(text) {
        return text.into();
    }
    text.replace('ё', "е").replace('Ё', "Е").into()
}

/// Whether `text` has a letter [`plain`] changes.
fn has_yo(text: &str) -> bool {
    text.contains('ё') || text.contains('Ё')
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
        if !is_upper(c) || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters > 0
}

/// `char::is_uppercase`, with Russian and ASCII letters answered without the Unicode tables.
fn is_upper(c: char) -> bool {
    if ('А'..='я').contains(&c) {
        c <= 'Я'
    } else if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        c.is_uppercase()
    }
}

fn ends_clause(word: &str) -> bool {
    word.ends_with([',', ';', ':', '.', ')', '»'])
}

/// What [`tied`] asks of a word, found once per word: each word is the right side of one
/// space and the left side of the next.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Facts {
    empty: bool,
    /// As the right side: «%…», or a dash.
    sign: bool,
    starts_upper: bool,
    /// As the right side: ГО/МР/МО/ЗАТО/ГП, punctuation aside.
    has_type: bool,
    /// As the left side: a number not ending a clause.
    open_number: bool,
    initials: bool,
    /// As the left side: a capitalised word not ending a clause.
    open_upper: bool,
    /// As the left side: exactly ГО/МР/МО/ЗАТО/ГП.
    is_type: bool,
    /// As the left side: a one-letter word (a preposition or conjunction).
    one_letter: bool,
}

impl Facts {
    fn of(word: &str) -> Facts {
        let Some(first) = word.chars().next() else { return Facts { empty: true, ..Facts::default() } };
        // Most words begin with a lower-case letter and have more than one: none of the
        // rules applies to them.
        let lower = first.is_ascii_lowercase() || ('а'..='я').contains(&first) || first == 'ё';
        if lower && word.len() > first.len_utf8() {
            return Facts::default();
        }
        Facts::judged(word)
    }

    /// Every rule asked in full (the rules that cannot apply skipped).
    fn judged(word: &str) -> Facts {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return Facts { empty: true, ..Facts::default() } };
        let one_char = chars.next().is_none();
        let starts_upper = is_upper(first);
        let core = core(word);
        // The types are four letters at most, eight bytes.
        let short = word.len() <= 8;
        let open = !ends_clause(word);
        Facts {
            empty: false,
            sign: first == '%' || matches!(word, "—" | "–"),
            starts_upper,
            has_type: short && MUNICIPALITY_TYPES.contains(&core),
            open_number: open && core.starts_with(|c: char| c.is_ascii_digit()) && is_number(word),
            initials: starts_upper
                && word.get(first.len_utf8()..).is_some_and(|rest| rest.starts_with('.'))
                && is_initials(word),
            open_upper: starts_upper && open,
            is_type: short && MUNICIPALITY_TYPES.contains(&word),
            one_letter: one_char && first.is_alphabetic(),
        }
    }

    /// Every rule asked in full, as written (what [`Facts::judged`] must agree with).
    #[cfg(test)]
    fn by_the_rules(word: &str) -> Facts {
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        Facts {
            empty: word.is_empty(),
            sign: word.starts_with('%') || matches!(word, "—" | "–"),
            starts_upper,
            has_type: MUNICIPALITY_TYPES.contains(&core(word)),
            open_number: is_number(word) && !ends_clause(word),
            initials: is_initials(word),
            open_upper: starts_upper && !ends_clause(word),
            is_type: MUNICIPALITY_TYPES.contains(&word),
            one_letter: word.chars().count() == 1 && word.chars().all(char::is_alphabetic),
        }
    }
}

/// Whether the space between `left` and `right` must not break.
fn tied(left: &Facts, right: &Facts) -> bool {
    !left.empty
        && !right.empty
        && (right.sign
            || left.open_number
            || left.initials && right.starts_upper
            || (right.has_type && left.open_upper)
            || (left.is_type && right.starts_upper)
            || left.one_letter)
}

/// [`tie`] in place; a text it would not change (no space, no «ё»: most cells) is left as it is.
pub fn tie_text(text: &mut String) {
    if text.contains(' ') || has_yo(text) {
        *text = tie(text);
    }
}

/// The note's spelling with no-break spaces where Russian typography wants them.
pub fn tie(text: &str) -> String {
    let text = plain_cow(text);
    let chains = text.contains(NBSP);
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut previous: Option<Facts> = None;
        for word in line.split(' ') {
            let facts = Facts::of(word);
            if let Some(left) = previous {
                out.push(if tied(&left, &facts) { NBSP } else { ' ' });
            }
            out.push_str(word);
            // A no-break chain is judged by its last word.
            let last = if chains { word.rfind(NBSP) } else { None };
            previous = Some(match last.and_then(|at| word.get(at + NBSP.len_utf8()..)) {
                Some(last) => Facts::of(last),
                None => facts,
            });
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
        tie_text(&mut one.text);
        return;
    }
    let whole: String = spans.iter().map(|s| s.text.as_str()).collect();
    // `tie` replaces characters one for one (a space by a no-break space, «ё» by «е»).
    let tied = tie(&whole);
    let mut rest = tied.as_str();
    for span in spans {
        let count = span.text.chars().count();
        let end = rest.char_indices().nth(count).map_or(rest.len(), |(at, _)| at);
        let (head, tail) = rest.split_at_checked(end).unwrap_or((rest, ""));
        span.text = head.to_string();
        rest = tail;
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

    #[test]
    fn is_upper_is_is_uppercase() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
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

    /// The quick answer for words of lower-case letters is the full one.
    #[test]
    fn facts_of_plain_words_are_the_rules_answers() {
        let words = "в и с о у к 31 5 лет более муниципалитете ГО МР; МО, ЗАТО Фокино В.Б. Яглинский (26,5 % — – \
                     2, 3 и 4 ёлка Ёлкин word x a1 б. «МР» ммс"
            .split(' ');
        for word in words.chain(["", "\u{a0}"]) {
            assert_eq!(Facts::of(word), Facts::by_the_rules(word), "«{word}»");
            assert_eq!(Facts::judged(word), Facts::by_the_rules(word), "«{word}»");
        }
        // And every word of the sample's note, each piece of a no-break chain too.
        let blocks = crate::report::sample_blocks();
        let text = crate::report::note::plain_text(&blocks);
        for word in text.split([' ', '\n']).flat_map(|w| std::iter::once(w).chain(w.split(NBSP))) {
            assert_eq!(Facts::of(word), Facts::by_the_rules(word), "«{word}»");
        }
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
