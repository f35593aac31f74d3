//! The note's content as data: headings, paragraphs, lists, colour tables and charts in the
//! structure of the 2022 Primorye note. Every number is counted from the [`Assessment`] and
//! written with [`percent`]; no level is recomputed here.

use super::ReportOptions;
use super::layout::{
    Align, BODY, Bar, BarChart, Block, Cell, ContentsEntry, Heading, PT_PER_MM, Paragraph, Span, Table, TextStyle,
    Weight,
};
use super::texts::NoteTexts;
use super::typo;
use crate::methodology::text::{date, percent, plural};
use crate::methodology::{
    Assessment, AssociationsLevel, Colour, DutiesLevel, Indicator, IndicatorLevel, Methodology, MunicipalityAssessment,
    Part, PotentialLevel, ServiceLevel, StaffCountLevel,
};
use crate::model::{Campaign, Function, ServiceForm};
use crate::palette::level_fill;

/// Paragraph indent of ГОСТ Р 7.0.97: 1.25 cm.
const INDENT: f32 = 12.5 * PT_PER_MM;
const TABLE_SIZE: f32 = 11.0;
const LEGEND_SIZE: f32 = 10.5;

pub const CONTENTS: &str = "Содержание";
pub const INTRODUCTION: &str = "Введение";
pub const CONCLUSIONS: &str = "Общие выводы по итогам мониторинга";
pub const RECOMMENDATIONS: &str = "Рекомендации по итогам мониторинга";
pub const POTENTIAL: &str = "Уровни кадрового потенциала ММС";
pub const APPENDIX_TARGETED: &str = "Приложение 1. Адресные рекомендации муниципалитетам";
pub const APPENDIX_CHARTS: &str = "Приложение 2. Распределение муниципалитетов по уровням показателей";
pub const APPENDIX_METHOD: &str = "Приложение 3. Методика оценки";
pub const LEGEND: &str = "Условные обозначения:";

mod annex;
mod closing;
mod duties;
mod front;
mod labels;
mod results;

use labels::*;

/// Abbreviations the note may use, in alphabetical order; the list prints those it does use.
pub const ABBREVIATION_LIST: [(&str, &str); 13] = [
    ("ГИА", "государственная итоговая аттестация"),
    ("ГО", "городской округ"),
    ("ЗАТО", "закрытое административно-территориальное образование"),
    ("ММО", "муниципальное методическое объединение педагогов"),
    ("ММС", "муниципальная методическая служба"),
    ("МО", "муниципальный округ"),
    ("МОУО", "муниципальный орган управления образованием"),
    ("МР", "муниципальный район"),
    ("ОО", "образовательная организация"),
    ("ППК", "программа повышения квалификации"),
    (
        "РСНМС",
        "региональная система научно-методического сопровождения педагогических работников и управленческих кадров",
    ),
    ("ФГБУ", "федеральное государственное бюджетное учреждение"),
    ("ФИОКО", "Федеральный институт оценки качества образования"),
];

pub const ABBREVIATIONS: &str = "Список сокращений";
pub const SUMMARY: &str = "Основные результаты мониторинга";
pub const APPENDIX_SUMMARY: &str = "Приложение 4. Сводная таблица уровней муниципалитетов";

/// The headings of the note for a campaign, in order (the contents lists these). A
/// «Динамика» section given in [`ReportOptions::dynamics`] comes after the results.
pub fn headings(texts: &NoteTexts) -> Vec<(u8, String)> {
    let region = &texts.region_genitive;
    let about = match texts.subject.strip_prefix("мониторинга ") {
        Some(rest) => format!("Общие сведения о мониторинге {rest}"),
        None => "Общие сведения о мониторинге".to_string(),
    };
    vec![
        (1, ABBREVIATIONS.to_string()),
        (1, SUMMARY.to_string()),
        (1, INTRODUCTION.to_string()),
        (1, about),
        (1, format!("Результаты {}", texts.subject)),
        (2, format!("1. Наличие и количественный состав ММС в муниципалитетах {region}")),
        (2, format!("2. Качественный состав ММС в муниципалитетах {region}")),
        (2, POTENTIAL.to_string()),
        (
            2,
            format!(
                "3. Содержание должностных обязанностей сотрудников ММС и организация системы \
                 научно-методического сопровождения педагогических работников в муниципалитетах {region}"
            ),
        ),
        (1, format!("Общие выводы и рекомендации по итогам {}", texts.subject)),
        (2, CONCLUSIONS.to_string()),
        (2, RECOMMENDATIONS.to_string()),
        (1, APPENDIX_TARGETED.to_string()),
        (1, APPENDIX_CHARTS.to_string()),
        (1, APPENDIX_METHOD.to_string()),
        (1, APPENDIX_SUMMARY.to_string()),
    ]
}

/// Builds the document tree of the whole note.
pub fn build(campaign: &Campaign, a: &Assessment, texts: &NoteTexts, options: &ReportOptions) -> Vec<Block> {
    let mut note =
        Note { campaign, a, t: texts, options, m: &a.methodology, n: a.municipalities.len(), blocks: vec![] };
    let headings = headings(texts);
    let title = |i: usize| headings.get(i).map(|(_, t)| t.clone()).unwrap_or_default();
    note.title_page();
    note.contents();
    let abbreviations_at = note.blocks.len();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(1));
    note.summary();
    note.blocks.push(Block::PageBreak);
    note.introduction();
    note.heading(1, title(3));
    note.general();
    note.heading(1, title(4));
    note.results_intro();
    note.heading(2, title(5));
    note.block1();
    note.heading(2, title(6));
    note.block2();
    note.heading(2, title(7));
    note.potential();
    note.heading(2, title(8));
    note.block3();
    if let Some(section) = &options.dynamics {
        note.blocks.push(Block::PageBreak);
        note.heading(1, section.title.clone());
        note.blocks.extend(section.blocks.iter().cloned());
    }
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(9));
    note.heading(2, title(10));
    note.conclusions();
    note.heading(2, title(11));
    note.recommendations();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(12));
    note.targeted();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(13));
    note.charts();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(14));
    note.method();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(15));
    note.summary_table();
    // The list of abbreviations holds those the text uses, so it is made last.
    let list = note.abbreviations(title(0));
    note.blocks.splice(abbreviations_at..abbreviations_at, list);
    let mut blocks = note.blocks;
    fill_contents(&mut blocks);
    typeset(&mut blocks);
    blocks
}

/// The tree as plain text, for reading and for snapshots: headings marked with `#`, list
/// items with their markers, bold runs inside a paragraph as `**…**`, table rows as `| … |` cells, charts as their bars.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(h) => out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(h.level)), h.text)),
            Block::Paragraph(p) | Block::AtFoot(p) => {
                if let Some(marker) = &p.marker {
                    out.push_str(marker);
                    out.push(' ');
                }
                // Bold inside a paragraph of mixed weights is marked `**…**`.
                let mixed = p.spans.iter().any(|s| s.weight != p.spans[0].weight);
                for span in &p.spans {
                    if mixed && span.weight == Weight::Bold && !span.text.trim().is_empty() {
                        out.push_str(&format!("**{}**", span.text));
                    } else {
                        out.push_str(&span.text);
                    }
                }
                out.push_str("\n\n");
            }
            Block::Table(t) => {
                for row in std::iter::once(&t.header).filter(|h| !h.is_empty()).chain(&t.rows) {
                    let cells: Vec<String> = row.iter().map(|c| c.text.replace('\n', " ")).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
            Block::Chart(c) => {
                out.push_str(&format!("[{}]\n", c.title));
                for bar in &c.bars {
                    out.push_str(&format!("  {}: {}\n", bar.label, bar.value));
                }
                out.push('\n');
            }
            Block::Contents(entries) => {
                for entry in entries {
                    out.push_str(&format!(
                        "{}{}\n",
                        "  ".repeat(usize::from(entry.level.saturating_sub(1))),
                        entry.text
                    ));
                }
                out.push('\n');
            }
            Block::Space(_) => {}
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    out.replace('\u{a0}', " ")
}

/// The contents list every heading marked for it, in order.
fn fill_contents(blocks: &mut [Block]) {
    let entries: Vec<ContentsEntry> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.in_contents => {
                Some(ContentsEntry { text: h.text.clone(), level: h.level, page: None })
            }
            _ => None,
        })
        .collect();
    for block in blocks {
        if let Block::Contents(list) = block {
            *list = entries.clone();
        }
    }
}

/// The note's typography (see [`typo`]) applied to every text of the tree.
fn typeset(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(p) | Block::AtFoot(p) => typo::tie_spans(&mut p.spans),
            Block::Heading(h) => typo::tie_text(&mut h.text),
            Block::Table(t) => {
                for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                    typo::tie_text(&mut cell.text);
                }
            }
            Block::Chart(c) => {
                typo::tie_text(&mut c.title);
                for bar in &mut c.bars {
                    typo::tie_text(&mut bar.label);
                }
            }
            Block::Contents(entries) => {
                for entry in entries {
                    typo::tie_text(&mut entry.text);
                }
            }
            Block::Space(_) | Block::PageBreak => {}
        }
    }
}

struct Note<'a> {
    campaign: &'a Campaign,
    a: &'a Assessment,
    t: &'a NoteTexts,
    options: &'a ReportOptions,
    m: &'a Methodology,
    /// The denominator of every percentage: all municipalities of the campaign.
    n: usize,
    blocks: Vec<Block>,
}

impl Note<'_> {
    fn push(&mut self, p: Paragraph) {
        self.blocks.push(Block::Paragraph(p));
    }

    /// A body paragraph: justified, 1.25 cm first-line indent.
    fn body(&mut self, text: impl Into<String>) {
        self.body_spans(vec![Span::new(text, Weight::Regular)]);
    }

    /// A body paragraph of spans (a bold lead-in, then the text).
    fn body_spans(&mut self, spans: Vec<Span>) {
        let mut p = Paragraph::spans(spans, BODY, Align::Justify);
        p.first_indent = INDENT;
        p.space_after = 2.0;
        self.push(p);
    }

    /// A lead-in kept with what follows (a list or a table).
    fn lead(&mut self, text: impl Into<String>) {
        self.lead_spans(vec![Span::new(text, Weight::Regular)]);
    }

    fn lead_spans(&mut self, spans: Vec<Span>) {
        let mut p = Paragraph::spans(spans, BODY, Align::Justify);
        p.first_indent = INDENT;
        p.space_after = 2.0;
        p.keep_with_next = true;
        self.push(p);
    }

    fn item_at(&mut self, text: impl Into<String>, depth: u8) {
        let mut p = Paragraph::plain(text, BODY, Align::Justify);
        p.left = INDENT + f32::from(depth) * INDENT * 0.8;
        p.marker = Some(if depth == 0 { "–" } else { "•" }.to_string());
        p.space_after = 1.0;
        self.push(p);
    }

    /// An item of a numbered list (1, 2, … without gaps; the DOCX numbers it as a list).
    fn numbered(&mut self, number: usize, spans: Vec<Span>) {
        let mut p = Paragraph::spans(spans, BODY, Align::Justify);
        p.left = INDENT + 8.0;
        p.marker = Some(format!("{number}."));
        p.space_after = 2.0;
        self.push(p);
    }

    fn item(&mut self, text: impl Into<String>) {
        self.item_at(text, 0);
    }

    /// A list: items end with a semicolon, the last with a full stop.
    fn items(&mut self, items: Vec<String>) {
        let count = items.len();
        for (index, item) in items.into_iter().enumerate() {
            self.item(format!("{item}{}", if index + 1 == count { "." } else { ";" }));
        }
    }

    fn heading(&mut self, level: u8, text: String) {
        self.blocks.push(Block::Heading(Heading { text, level, in_contents: true }));
    }

    fn caption(&mut self, text: String) {
        let mut p = Paragraph::plain(text, TextStyle::new(Weight::Bold, 12.0), Align::Left);
        p.space_before = 6.0;
        p.space_after = 3.0;
        p.keep_with_next = true;
        self.push(p);
    }

    fn share(&self, k: usize) -> String {
        format!("{k} ({})", percent(k, self.n))
    }

    fn names(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> Vec<&str> {
        self.a.names_where(pick)
    }

    fn count(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> usize {
        self.a.count_where(pick)
    }

    /// "в 12 ММС (35,3 %)" when each counted municipality has a service, otherwise
    /// "в 12 муниципалитетах (35,3 %)": a count of services never includes a municipality
    /// without one.
    fn in_units(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> String {
        let picked: Vec<&MunicipalityAssessment> = self.a.municipalities.iter().filter(|m| pick(m)).collect();
        let k = picked.len();
        if picked.iter().all(|m| m.service_declared) {
            format!("в {k} ММС ({})", percent(k, self.n))
        } else {
            format!("в {k} {} ({})", municipalities_loc(k), percent(k, self.n))
        }
    }

    /// "в 12 ММС (35,3 %): А, Б, В" — nothing after the count when the list is empty.
    fn counted(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> String {
        let names = self.names(&pick);
        let count = self.in_units(&pick);
        if names.is_empty() { count } else { format!("{count}: {}", names.join(", ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::assess_default;

    /// The words of `text` that are abbreviations, by splitting it into runs of letters: what
    /// [`front::mark_abbreviations`] must find.
    fn abbreviations_by_words(text: &str) -> [bool; ABBREVIATION_LIST.len()] {
        let mut used = [false; ABBREVIATION_LIST.len()];
        for word in text.split(|c: char| !typo::is_letter(c)) {
            if let Some(at) = ABBREVIATION_LIST.iter().position(|(abbreviation, _)| *abbreviation == word) {
                used[at] = true;
            }
        }
        used
    }

    #[test]
    fn abbreviations_are_capitals_in_order() {
        for (abbreviation, _) in ABBREVIATION_LIST {
            assert!(abbreviation.chars().all(|c| ('А'..='Я').contains(&c)), "{abbreviation}");
        }
        assert!(ABBREVIATION_LIST.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn abbreviations_are_found_as_words() {
        let cases = [
            ("ММС и МОУО", &["ММС", "МОУО"][..]),
            ("(ММС)", &["ММС"]),
            ("ММСы, аММС, ММСё, ЁММС, ММСR, МMС", &[]),
            ("в ГО Спасск-Дальний, ЗАТО Фокино, МР.", &["ГО", "ЗАТО", "МР"]),
            ("РСНМС—ФИОКО", &["РСНМС", "ФИОКО"]),
            ("ММСМР ОО\u{a0}ППК", &["ОО", "ППК"]),
            ("", &[]),
            ("М", &[]),
        ];
        for (text, expected) in cases {
            let mut found = [false; ABBREVIATION_LIST.len()];
            front::mark_abbreviations(text, &mut found);
            let names: Vec<&str> =
                ABBREVIATION_LIST.iter().zip(found).filter(|(_, f)| *f).map(|((a, _), _)| *a).collect();
            let mut expected = expected.to_vec();
            expected.sort_unstable();
            assert_eq!(names, expected, "{text}");
            assert_eq!(found, abbreviations_by_words(text), "{text}");
        }
    }

    /// Over every text of the sample's note, the byte scan finds what splitting into words does.
    #[test]
    fn abbreviation_scan_agrees_with_words_on_the_sample() {
        let (campaign, a) = sample();
        let blocks = build(&campaign, &a, &NoteTexts::defaults_for(&campaign), &ReportOptions::default());
        let text = text_of(&blocks);
        let mut found = [false; ABBREVIATION_LIST.len()];
        front::mark_abbreviations(&text, &mut found);
        assert_eq!(found, abbreviations_by_words(&text));
        assert!(found.iter().filter(|f| **f).count() >= 8, "{found:?}");
    }

    fn sample() -> (Campaign, Assessment) {
        let campaign = crate::interchange::parse(crate::workspace::SAMPLE_JSON).unwrap();
        let a = assess_default(&campaign);
        (campaign, a)
    }

    fn text_of(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) | Block::AtFoot(p) => out.push_str(&p.text()),
                Block::Heading(h) => out.push_str(&h.text),
                Block::Table(t) => {
                    for row in t.rows.iter().chain(std::iter::once(&t.header)) {
                        for c in row {
                            out.push_str(&c.text);
                            out.push('|');
                        }
                    }
                }
                _ => {}
            }
            out.push('\n');
        }
        out.replace('\u{a0}', " ")
    }

    #[test]
    fn the_sample_note_states_the_seed_counts() {
        let (c, a) = sample();
        let texts = NoteTexts::defaults_for(&c);
        let text = text_of(&build(&c, &a, &texts, &ReportOptions::default()));
        for needle in [
            "в виде отдельных организаций — 19 (55,9 %)",
            "в составе МОУО — 12 (35,3 %)",
            "Недостаточное количество сотрудников в 12 ММС (35,3 %)",
            "Допустимое количество сотрудников в 7 ММС (20,6 %)",
            "достаточный уровень кадрового потенциала — в 11 ММС (32,4 %)",
            "критический уровень кадрового потенциала — в 5 ММС (14,7 %)",
            "(85,3 %) все либо большая часть",
            "в 14 ММС (41,2 %)",
            "соответствуют РСНМС в 4 ММС (11,8 %)",
            "в 6 муниципалитетах (17,6 %)",
            "22 муниципалитетах (64,7 %)",
            "в 3 (8,8 %) муниципалитетах ММС не созданы",
        ] {
            assert!(text.contains(needle), "missing «{needle}»");
        }
    }

    #[test]
    fn the_sample_note_reads_as_approved() {
        let (c, a) = sample();
        let blocks = build(&c, &a, &NoteTexts::defaults_for(&c), &ReportOptions::default());
        insta::assert_snapshot!("sample_note", plain_text(&blocks));
    }

    #[test]
    fn staff_names_appear_only_on_request() {
        let (c, a) = sample();
        let texts = NoteTexts::defaults_for(&c);
        let hidden = text_of(&build(&c, &a, &texts, &ReportOptions::default()));
        assert!(!hidden.contains("Мельникова"));
        let options = ReportOptions { show_staff_names: true, ..ReportOptions::default() };
        let shown = text_of(&build(&c, &a, &texts, &options));
        assert!(shown.contains("Мельникова Людмила Анатольевна (главный специалист)"));
    }

    #[test]
    fn every_table_row_is_a_municipality_in_table_order() {
        let (c, a) = sample();
        let blocks = build(&c, &a, &NoteTexts::defaults_for(&c), &ReportOptions::default());
        let tables: Vec<&Table> = blocks
            .iter()
            .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
            .filter(|t| t.rows.len() == 34)
            .collect();
        assert_eq!(tables.len(), 4, "tables 1–3 and the summary of appendix 4");
        for t in tables {
            for (row, m) in t.rows.iter().zip(&a.municipalities) {
                assert_eq!(row[1].text.replace('\u{a0}', " "), m.municipality);
                assert!(row[2..].iter().all(|cell| cell.fill.is_some() && !cell.text.is_empty()));
            }
        }
    }

    #[test]
    fn targeted_recommendations_follow_the_levels() {
        let (c, a) = sample();
        let texts = NoteTexts::defaults_for(&c);
        let options = ReportOptions::default();
        let note = Note { campaign: &c, a: &a, t: &texts, options: &options, m: &a.methodology, n: 34, blocks: vec![] };
        let by_name = |name: &str| a.municipalities.iter().find(|m| m.municipality == name).unwrap();
        // No service: first create it, nothing about staff, documents or structures.
        let terney = note.targeted_for(by_name("Тернейский МР"));
        assert_eq!(terney, ["обеспечить создание и функционирование ММС в срок до 21.02.2022"]);
        // Without a service only its creation; without staff first staffing, nothing about
        // job descriptions.
        for m in &a.municipalities {
            let advice = note.targeted_for(m);
            if !m.service_declared {
                assert_eq!(advice.len(), 1, "{advice:?}");
            } else if m.staff_count_level.level == StaffCountLevel::None {
                assert!(advice[0].starts_with("укомплектовать ММС сотрудниками"), "{advice:?}");
                assert!(advice.iter().all(|r| !r.contains("инструкци")), "{advice:?}");
            }
        }
        let chernigovka = note.targeted_for(by_name("Черниговский МР"));
        assert!(chernigovka.iter().any(|r| r.contains("увеличения штатного состава")));
        assert!(chernigovka.iter().any(|r| r.contains("взять на контроль обучение")));
        assert!(chernigovka.iter().any(|r| r.contains("утверждены в 2007 году")));
        assert!(chernigovka.iter().any(|r| r.contains("создать дополнительные структуры")));
        // The revision of job descriptions and their age are one piece of advice.
        assert_eq!(chernigovka.iter().filter(|r| r.contains("должностные инструкции")).count(), 1, "{chernigovka:?}");
        let kavalerovo = note.targeted_for(by_name("Кавалеровский МР"));
        assert!(kavalerovo.iter().any(|r| r.contains("высшего педагогического образования")), "{kavalerovo:?}");
        let artem = note.targeted_for(by_name("Артемовский ГО"));
        assert!(artem.is_empty(), "{artem:?}");
    }

    #[test]
    fn appendix_1_says_shared_advice_once_and_numbers_without_gaps() {
        let (c, a) = sample();
        let blocks = build(&c, &a, &NoteTexts::defaults_for(&c), &ReportOptions::default());
        let start = blocks.iter().position(|b| matches!(b, Block::Heading(h) if h.text == APPENDIX_TARGETED)).unwrap();
        let end = blocks.iter().position(|b| matches!(b, Block::Heading(h) if h.text == APPENDIX_CHARTS)).unwrap();
        let appendix = &blocks[start..end];
        let paragraphs: Vec<&Paragraph> =
            appendix.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(p) } else { None }).collect();
        let numbers: Vec<usize> =
            paragraphs.iter().filter_map(|p| p.marker.as_deref()?.strip_suffix('.')?.parse().ok()).collect();
        assert!(!numbers.is_empty());
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        let municipalities: Vec<usize> = paragraphs
            .iter()
            .filter(|p| p.style.weight == Weight::Regular && p.marker.is_none())
            .filter_map(|p| p.text().split_once(". ").and_then(|(n, _)| n.parse().ok()))
            .collect();
        assert_eq!(municipalities, (1..=municipalities.len()).collect::<Vec<_>>());
        let text = text_of(appendix);
        assert_eq!(text.matches("создать дополнительные структуры").count(), 1, "{text}");
        let mmo_only = a.count_where(|m| m.service_declared && m.associations.level == AssociationsLevel::MmoOnly);
        assert!(text.contains(&format!("Для {mmo_only} муниципалитетов (")), "{text}");
    }

    #[test]
    fn counts_of_services_never_include_municipalities_without_one() {
        let (c, a) = sample();
        let text = text_of(&build(&c, &a, &NoteTexts::defaults_for(&c), &ReportOptions::default()));
        let declared = a.count_where(|m| m.service_declared);
        assert!(!text.contains(&format!("из {} ММС", a.municipalities.len())), "services counted as 34");
        // «только ММО» includes municipalities without a service: it counts municipalities.
        let mmo_only = a.count_where(|m| m.associations.level == AssociationsLevel::MmoOnly);
        let without_service =
            a.count_where(|m| m.associations.level == AssociationsLevel::MmoOnly && !m.service_declared);
        if without_service > 0 {
            assert!(!text.contains(&format!("Действуют только ММО в {mmo_only} ММС")), "{text}");
        }
        assert!(declared < a.municipalities.len());
    }

    #[test]
    fn the_dynamics_section_goes_after_the_results() {
        let (c, a) = sample();
        let mut section = crate::report::doc::Section::new("Динамика показателей");
        section.body("Сравнение с прошлым мониторингом.");
        let options = ReportOptions { dynamics: Some(section), ..ReportOptions::default() };
        let blocks = build(&c, &a, &NoteTexts::defaults_for(&c), &options);
        let position = |text: &str| {
            blocks
                .iter()
                .position(|b| matches!(b, Block::Heading(h) if h.text.replace('\u{a0}', " ").starts_with(text)))
                .unwrap()
        };
        assert!(position("3. Содержание") < position("Динамика показателей"));
        assert!(position("Динамика показателей") < position("Общие выводы и рекомендации"));
        let contents = blocks.iter().find_map(|b| if let Block::Contents(e) = b { Some(e) } else { None }).unwrap();
        assert!(contents.iter().any(|e| e.text == "Динамика показателей"));
    }
}
