//! The note's content as data: headings, paragraphs, lists, colour tables and charts in the
//! structure of the 2022 Primorye note. Every number is counted from the [`Assessment`] and
//! written with [`percent`]; no level is recomputed here.

use super::ReportOptions;
use super::layout::{
    Align, BODY, Bar, BarChart, Block, Cell, ContentsEntry, Heading, PT_PER_MM, Paragraph, Table, TextStyle, Weight,
};
use super::texts::NoteTexts;
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

/// The headings of the note for a campaign, in order (the contents lists these).
pub fn headings(texts: &NoteTexts) -> Vec<(u8, String)> {
    let region = &texts.region_genitive;
    let about = match texts.subject.strip_prefix("мониторинга ") {
        Some(rest) => format!("Общие сведения о мониторинге {rest}"),
        None => "Общие сведения о мониторинге".to_string(),
    };
    vec![
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
    ]
}

/// Builds the blocks of the whole note.
pub fn build(campaign: &Campaign, a: &Assessment, texts: &NoteTexts, options: &ReportOptions) -> Vec<Block> {
    let mut note =
        Note { campaign, a, t: texts, options, m: &a.methodology, n: a.municipalities.len(), blocks: vec![] };
    let headings = headings(texts);
    let title = |i: usize| headings.get(i).map(|(_, t)| t.clone()).unwrap_or_default();
    note.title_page();
    note.contents(&headings);
    note.introduction();
    note.heading(1, title(1));
    note.general();
    note.heading(1, title(2));
    note.results_intro();
    note.heading(2, title(3));
    note.block1();
    note.heading(2, title(4));
    note.block2();
    note.heading(2, title(5));
    note.potential();
    note.heading(2, title(6));
    note.block3();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(7));
    note.heading(2, title(8));
    note.conclusions();
    note.heading(2, title(9));
    note.recommendations();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(10));
    note.targeted();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(11));
    note.charts();
    note.blocks.push(Block::PageBreak);
    note.heading(1, title(12));
    note.method();
    note.blocks
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
        let mut p = Paragraph::plain(text, BODY, Align::Justify);
        p.first_indent = INDENT;
        p.space_after = 2.0;
        self.push(p);
    }

    /// A lead-in kept with what follows (a list or a table).
    fn lead(&mut self, text: impl Into<String>) {
        let mut p = Paragraph::plain(text, BODY, Align::Justify);
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

    /// "в 12 ММС (35,3 %)".
    fn in_mms(&self, k: usize) -> String {
        format!("в {k} ММС ({})", percent(k, self.n))
    }

    /// "в 12 ММС (35,3 %): А, Б, В" — nothing after the count when the list is empty.
    fn counted(&self, pick: impl Fn(&MunicipalityAssessment) -> bool) -> String {
        let names = self.names(pick);
        let count = self.in_mms(names.len());
        if names.is_empty() { count } else { format!("{count}: {}", names.join(", ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::assess_default;

    fn sample() -> (Campaign, Assessment) {
        let campaign = crate::interchange::parse(crate::workspace::SAMPLE_JSON).unwrap();
        let a = assess_default(&campaign);
        (campaign, a)
    }

    fn text_of(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) | Block::AtFoot(p) => out.push_str(&p.text),
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
        out
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
            "в 29 ММС (85,3 %) все либо большая часть",
            "в 14 ММС (41,2 %)",
            "соответствуют РСНМС в 4 ММС (11,8 %)",
            "в 6 ММС (17,6 %)",
            "в 22 ММС (64,7 %)",
            "в 3 (8,8 %) муниципалитетах ММС не созданы",
        ] {
            assert!(text.contains(needle), "missing «{needle}»");
        }
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
        assert_eq!(tables.len(), 3);
        for t in tables {
            for (row, m) in t.rows.iter().zip(&a.municipalities) {
                assert_eq!(row[1].text, m.municipality);
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
        let terney = note.targeted_for(by_name("Тернейский МР"));
        assert!(terney[0].starts_with("обеспечить создание и функционирование ММС в срок до 21.02.2022"));
        assert!(terney.iter().any(|r| r.contains("должностные инструкции сотрудников")));
        let chernigovka = note.targeted_for(by_name("Черниговский МР"));
        assert!(chernigovka.iter().any(|r| r.contains("увеличения штатного состава")));
        assert!(chernigovka.iter().any(|r| r.contains("взять на контроль обучение")));
        assert!(chernigovka.iter().any(|r| r.contains("утверждены в 2007 году")));
        assert!(chernigovka.iter().any(|r| r.contains("создать дополнительные структуры")));
        let artem = note.targeted_for(by_name("Артемовский ГО"));
        assert!(artem.is_empty(), "{artem:?}");
    }
}
