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
    PotentialLevel, ServiceLevel, StaffCountLevel,
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

fn paragraph(text: impl Into<String>, style: TextStyle, align: Align) -> Paragraph {
    Paragraph {
        text: text.into(),
        style,
        align,
        first_indent: 0.0,
        left: 0.0,
        marker: None,
        space_before: 0.0,
        space_after: 0.0,
        keep_with_next: false,
    }
}

/// "в муниципалитете" / "в муниципалитетах" after a count.
fn municipalities_loc(k: usize) -> &'static str {
    if k % 10 == 1 && k % 100 != 11 { "муниципалитете" } else { "муниципалитетах" }
}

fn municipalities_nom(k: usize) -> &'static str {
    plural(k, "муниципалитет", "муниципалитета", "муниципалитетов")
}

/// Short label of a table cell, so the table also reads in black and white.
fn service_short(m: &MunicipalityAssessment) -> &'static str {
    match (m.service.level, m.service_form) {
        (ServiceLevel::Green, _) => "Отдельная организация",
        (ServiceLevel::Yellow, ServiceForm::MoouoDepartment) => "Методический отдел МОУО",
        (ServiceLevel::Yellow, _) => "Специалисты МОУО",
        (ServiceLevel::Red, _) => "Не заявлена",
    }
}

fn staff_short(m: &MunicipalityAssessment) -> String {
    let n = m.staff_count.unwrap_or(0);
    match m.staff_count_level.level {
        StaffCountLevel::Optimal => format!("{n} — оптимальное"),
        StaffCountLevel::Admissible => format!("{n} — допустимое"),
        StaffCountLevel::Insufficient => format!("{n} — недостаточное"),
        StaffCountLevel::None => "Отсутствуют".to_string(),
        StaffCountLevel::NotAssessed => format!("{n} — не оценивается"),
        StaffCountLevel::NoInfo => "Нет сведений".to_string(),
    }
}

/// Short label and meaning of an indicator level, both from the methodology's thresholds.
fn indicator_legend(i: Indicator, level: IndicatorLevel, m: &Methodology) -> Option<(String, String)> {
    let e = m.education_yellow_min_percent;
    let x = m.experience_green_over_percent;
    let t = m.training_yellow_min_percent;
    let (short, meaning) = match (i, level) {
        (_, IndicatorLevel::NoStaff) => ("Нет сотрудников".into(), "Сотрудники отсутствуют".into()),
        (_, IndicatorLevel::NoInfo) => ("Нет сведений".into(), "Информация не предоставлена".into()),
        (Indicator::HigherPedEducation, IndicatorLevel::Green) => {
            ("Все".into(), "Все сотрудники имеют высшее педагогическое образование".into())
        }
        (Indicator::HigherPedEducation, IndicatorLevel::Yellow) => {
            (format!("≥ {e} %"), format!("Не менее {e} %, но не все"))
        }
        (Indicator::HigherPedEducation, IndicatorLevel::Red) => (format!("< {e} %"), format!("Менее {e} %")),
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Green) => {
            let what = if i == Indicator::ServiceExperience {
                format!("стаж работы в ММС более {} лет", crate::methodology::text::years(m.service_years_over))
            } else {
                "стаж работы в ОО".to_string()
            };
            (format!("> {x} %"), format!("Более {x} % сотрудников имеют {what}"))
        }
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Yellow) => {
            (format!("≤ {x} %"), format!("Не более {x} %, но не менее одного"))
        }
        (Indicator::ServiceExperience | Indicator::SchoolExperience, IndicatorLevel::Red) => {
            ("Нет".into(), "Ни один сотрудник".into())
        }
        (Indicator::Training, IndicatorLevel::Green) => (
            "Все".into(),
            format!(
                "Все сотрудники прошли ППК (не менее {} ч) в течение {} лет",
                m.training_min_hours, m.training_window_years
            ),
        ),
        (Indicator::Training, IndicatorLevel::Yellow) => (format!("≥ {t} %"), format!("Не менее {t} %, но не все")),
        (Indicator::Training, IndicatorLevel::Red) => (format!("< {t} %"), format!("Менее {t} %, но не менее одного")),
        (Indicator::Training, IndicatorLevel::Blue) => ("Никто".into(), "Ни один сотрудник не проходил ППК".into()),
        (_, IndicatorLevel::Blue) => return None,
    };
    Some((short, meaning))
}

fn potential_short(level: PotentialLevel) -> String {
    capitalise(level.label())
}

fn duties_short(m: &MunicipalityAssessment) -> String {
    let label = match m.duties.level {
        DutiesLevel::Complies => "Соответствуют",
        DutiesLevel::Partial => "Частично",
        DutiesLevel::Not => "Не соответствуют",
        DutiesLevel::NoInfo => "Нет сведений",
    };
    match (m.duties_outdated, m.duties_approved_year) {
        (true, Some(year)) => format!("{label} (утв. в {year} г.)"),
        _ => label.to_string(),
    }
}

fn associations_short(level: AssociationsLevel) -> &'static str {
    match level {
        AssociationsLevel::MmoAndOther => "ММО и другие",
        AssociationsLevel::MmoOnly => "Только ММО",
        AssociationsLevel::OtherOnly => "Другие без ММО",
        AssociationsLevel::None => "Отсутствуют",
        AssociationsLevel::NoInfo => "Нет сведений",
    }
}

fn colour_name(c: Colour) -> String {
    capitalise(c.label())
}

/// "допустимый" → "Допустимый".
fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

fn filled(text: impl Into<String>, colour: Colour) -> Cell {
    Cell::filled(text, level_fill(colour))
}

impl Note<'_> {
    fn push(&mut self, p: Paragraph) {
        self.blocks.push(Block::Paragraph(p));
    }

    /// A body paragraph: justified, 1.25 cm first-line indent.
    fn body(&mut self, text: impl Into<String>) {
        let mut p = paragraph(text, BODY, Align::Justify);
        p.first_indent = INDENT;
        p.space_after = 2.0;
        self.push(p);
    }

    /// A lead-in kept with what follows (a list or a table).
    fn lead(&mut self, text: impl Into<String>) {
        let mut p = paragraph(text, BODY, Align::Justify);
        p.first_indent = INDENT;
        p.space_after = 2.0;
        p.keep_with_next = true;
        self.push(p);
    }

    fn item_at(&mut self, text: impl Into<String>, depth: u8) {
        let mut p = paragraph(text, BODY, Align::Justify);
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
        let mut p = paragraph(text, TextStyle::new(Weight::Bold, 12.0), Align::Left);
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

    fn title_page(&mut self) {
        let t = self.t;
        let bold = TextStyle::new(Weight::Bold, 14.0);
        let institution = if t.institution_short.is_empty() {
            t.institution.to_uppercase()
        } else {
            format!("{}\n({})", t.institution.to_uppercase(), t.institution_short)
        };
        if !institution.trim().is_empty() {
            self.push(paragraph(institution, bold, Align::Centre));
        }
        self.blocks.push(Block::Space(30.0));
        let right = |text: String| {
            let mut p = paragraph(text, BODY, Align::Left);
            p.left = 95.0 * PT_PER_MM - 30.0 * PT_PER_MM;
            p.space_after = 6.0;
            p
        };
        let year = &t.year;
        for text in [
            "УТВЕРЖДАЮ".to_string(),
            t.approver_position.clone(),
            format!("_______________ {}", t.approver_name),
            format!("«___» _______________ {year} г."),
        ] {
            if !text.trim().is_empty() {
                self.push(right(text));
            }
        }
        self.blocks.push(Block::Space(90.0));
        self.push(paragraph("Аналитическая справка", TextStyle::new(Weight::Bold, 16.0), Align::Centre));
        self.push(paragraph(format!("по результатам {}", t.subject), bold, Align::Centre));
        self.blocks.push(Block::Space(60.0));
        for (role, name, position) in [
            ("Выполнил:", &t.executor_name, &t.executor_position),
            ("Согласовано:", &t.agreed_name, &t.agreed_position),
        ] {
            if name.is_empty() && position.is_empty() {
                continue;
            }
            let mut p = right(format!("{role}\n{name}\n{position}"));
            p.space_after = 14.0;
            self.push(p);
        }
        let place = format!("{} {}", t.city, t.year);
        self.blocks.push(Block::AtFoot(paragraph(place.trim().to_string(), BODY, Align::Centre)));
        self.blocks.push(Block::PageBreak);
    }

    fn contents(&mut self, headings: &[(u8, String)]) {
        self.blocks.push(Block::Heading(Heading { text: CONTENTS.to_string(), level: 1, in_contents: false }));
        let entries = headings
            .iter()
            .map(|(level, text)| ContentsEntry { text: text.clone(), level: *level, page: None })
            .collect();
        self.blocks.push(Block::Contents(entries));
        self.blocks.push(Block::PageBreak);
    }

    fn introduction(&mut self) {
        let t = self.t;
        self.heading(1, INTRODUCTION.to_string());
        self.body(t.basis.clone());
        self.body(format!("Цель мониторинга: {}", t.purpose));
        let tasks = NoteTexts::lines(&t.tasks);
        if let Some((first, rest)) = tasks.split_first() {
            self.lead(format!("Задачи мониторинга: {first}"));
            for task in rest {
                self.item(*task);
            }
        }
        self.body(format!("Объект мониторинга: {}", t.object));
    }

    fn general(&mut self) {
        for line in NoteTexts::lines(&self.t.general) {
            self.body(line);
        }
        self.body(format!(
            "Дата, на которую оценивались сведения, — {}. Оценка выполнена по методике «{}» \
             (правила и пороговые значения — в приложении 3).",
            date(self.a.reference_date),
            self.m.id
        ));
    }

    fn results_intro(&mut self) {
        let region = self.t.region_genitive.clone();
        self.body(format!("В мониторинге приняли участие {} МОУО {region}.", self.n));
        self.lead(
            "Результаты мониторинга представлены в трех информационно-аналитических блоках по следующим показателям:",
        );
        self.item(format!(
            "наличие и количественный состав муниципальных методических служб (далее — ММС) в муниципалитетах {region} (таблица 1);"
        ));
        self.item(format!("качественный состав ММС в муниципалитетах {region} (таблица 2);"));
        self.item(format!(
            "содержание должностных обязанностей сотрудников ММС и организация системы научно-методического \
             сопровождения педагогических работников специалистами ММС в муниципалитетах {region} (таблица 3)."
        ));
        self.body(
            "По каждому показателю муниципалитет относится к одному из уровней состояния и деятельности ММС \
             (не менее трех уровней). Уровень определяется с учетом влияния показателя на эффективность \
             деятельности ММС в муниципалитете. Основанием для определения уровня является Положение о \
             региональной системе научно-методического сопровождения педагогических работников и управленческих \
             кадров в части определения функций ММС, а также Критерии оценки механизмов управления качеством \
             образования органов местного самоуправления муниципальных районов, городских и муниципальных \
             округов, разработанные ФГБУ «ФИОКО».",
        );
    }

    fn legend(&mut self, rows: Vec<Vec<Cell>>, columns: Vec<f32>, header: Vec<Cell>) {
        let mut p = paragraph(LEGEND, TextStyle::new(Weight::Bold, 12.0), Align::Left);
        p.space_before = 4.0;
        p.space_after = 3.0;
        p.keep_with_next = true;
        self.push(p);
        self.blocks.push(Block::Table(Table {
            columns,
            header,
            rows,
            size: LEGEND_SIZE,
            space_after: 8.0,
            keep_together: true,
        }));
    }

    fn table(&mut self, caption: String, columns: Vec<f32>, header: Vec<&str>, rows: Vec<Vec<Cell>>) {
        self.caption(caption);
        let header = header.into_iter().map(|h| Cell { weight: Weight::Bold, ..Cell::centred(h) }).collect::<Vec<_>>();
        self.blocks.push(Block::Table(Table {
            columns,
            header,
            rows,
            size: TABLE_SIZE,
            space_after: 10.0,
            keep_together: false,
        }));
    }

    fn rows(&self, cells: impl Fn(&MunicipalityAssessment) -> Vec<Cell>) -> Vec<Vec<Cell>> {
        self.a
            .municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut row = vec![Cell::centred((i + 1).to_string()), Cell::text(m.municipality.clone())];
                row.extend(cells(m));
                row
            })
            .collect()
    }

    fn block1(&mut self) {
        let m = self.m;
        let (opt, adm) = (m.staff_optimal_min, m.staff_admissible_min);
        let insufficient_range = format!("1–{}", adm.saturating_sub(1));
        let admissible_range = format!("{adm}–{}", opt.saturating_sub(1));
        self.legend(
            vec![
                vec![
                    filled("Зелёный", Colour::Green),
                    Cell::text(ServiceLevel::Green.label()),
                    Cell::text(format!("Оптимальное количество (от {opt} и более сотрудников)")),
                ],
                vec![
                    filled("Жёлтый", Colour::Yellow),
                    Cell::text(ServiceLevel::Yellow.label()),
                    Cell::text(format!("Допустимое ({admissible_range} сотрудника)")),
                ],
                vec![
                    filled("Красный", Colour::Red),
                    Cell::text(ServiceLevel::Red.label()),
                    Cell::text(format!("Недостаточное ({insufficient_range} сотрудника)")),
                ],
                vec![
                    filled("Серый", Colour::Grey),
                    Cell::text("—"),
                    Cell::text("Сотрудники отсутствуют, не оцениваются (служба не заявлена) или нет сведений"),
                ],
            ],
            vec![1.1, 3.0, 3.0],
            vec![],
        );
        let rows = self.rows(|m| {
            vec![
                filled(service_short(m), m.service.level.colour()),
                filled(staff_short(m), m.staff_count_level.level.colour()),
            ]
        });
        self.table(
            "Таблица 1. Наличие и количественный состав ММС".to_string(),
            vec![0.5, 2.4, 2.2, 2.0],
            vec!["№", "Территория", "Наличие ММС", "Количественный состав сотрудников"],
            rows,
        );

        let declared = self.count(|m| m.service_declared);
        self.lead(format!(
            "Результаты мониторинга показали, что наличие ММС заявляется в {declared} {}:",
            municipalities_loc(declared)
        ));
        let separate = self.count(|m| m.service.level == ServiceLevel::Green);
        let inside = self.count(|m| m.service.level == ServiceLevel::Yellow);
        self.item(format!("в виде отдельных организаций — {};", self.share(separate)));
        self.item(format!(
            "в виде методических отделов в составе МОУО и отдельных специалистов в составе МОУО — {}.",
            self.share(inside)
        ));
        let undeclared: Vec<&MunicipalityAssessment> =
            self.a.municipalities.iter().filter(|m| !m.service_declared).collect();
        if !undeclared.is_empty() {
            self.lead(format!(
                "Наличие ММС не заявлено в {} {} ({}):",
                undeclared.len(),
                municipalities_loc(undeclared.len()),
                percent(undeclared.len(), self.n)
            ));
            let items: Vec<String> = undeclared
                .iter()
                .map(|m| {
                    let staff = match (m.staff_count_level.level, m.staff_count) {
                        (StaffCountLevel::NotAssessed, Some(k)) => format!(
                            "; методическую поддержку педагогов осуществляют специалисты МОУО ({})",
                            crate::methodology::text::staff_count(k)
                        ),
                        _ => String::new(),
                    };
                    format!("{} — {}{staff}", m.municipality, lower_first(&m.service.reason))
                })
                .collect();
            self.items(items);
        }
        self.body(format!(
            "Оценка количества сотрудников ММС с точки зрения успешной реализации всего объема методической \
             деятельности в соответствии с рекомендациями о создании и функционировании региональной системы \
             научно-методического сопровождения педагогических работников и управленческих кадров позволила \
             выделить группы муниципалитетов, в которых количество специалистов является недостаточным \
             ({insufficient_range} сотрудника), допустимым ({admissible_range} сотрудника), оптимальным (от {opt} и более человек)."
        ));
        for (level, what) in [
            (StaffCountLevel::Insufficient, "Недостаточное количество сотрудников"),
            (StaffCountLevel::Admissible, "Допустимое количество сотрудников"),
            (StaffCountLevel::Optimal, "Оптимальное количество сотрудников"),
        ] {
            let text = self.counted(|m| m.staff_count_level.level == level);
            self.body(format!("{what} {text}."));
        }
        for (level, what) in [
            (StaffCountLevel::None, "Сотрудники отсутствуют"),
            (StaffCountLevel::NotAssessed, "Количество сотрудников не оценивается, так как ММС не заявлена,"),
            (StaffCountLevel::NoInfo, "Сведения о сотрудниках не предоставлены"),
        ] {
            let names = self.names(|m| m.staff_count_level.level == level);
            if !names.is_empty() {
                let k = names.len();
                self.body(format!(
                    "{what} в {k} {} ({}): {}.",
                    municipalities_loc(k),
                    percent(k, self.n),
                    names.join(", ")
                ));
            }
        }
    }

    fn block2(&mut self) {
        let m = self.m;
        let levels = [IndicatorLevel::Green, IndicatorLevel::Yellow, IndicatorLevel::Red, IndicatorLevel::Blue];
        let mut rows = Vec::new();
        for level in levels {
            let mut row = vec![filled(colour_name(level.colour()), level.colour())];
            for i in Indicator::ALL {
                row.push(match indicator_legend(i, level, m) {
                    Some((short, meaning)) => Cell::text(format!("«{short}» — {meaning}")),
                    None => Cell::centred("—"),
                });
            }
            rows.push(row);
        }
        let mut grey = vec![filled("Серый", Colour::Grey)];
        grey.extend(Indicator::ALL.map(|_| Cell::text("«Нет сотрудников» или «Нет сведений» (не предоставлены)")));
        rows.push(grey);
        let mut header = vec![Cell { weight: Weight::Bold, ..Cell::centred("Цвет") }];
        header.extend(Indicator::ALL.map(|i| Cell { weight: Weight::Bold, ..Cell::centred(i.title()) }));
        self.legend(rows, vec![1.1, 2.0, 2.0, 2.0, 2.0], header);

        let rows = self.rows(|a| {
            let mut cells: Vec<Cell> = Indicator::ALL
                .iter()
                .map(|i| {
                    let level = a.indicator(*i).level;
                    let short = indicator_legend(*i, level, m).map(|(s, _)| s).unwrap_or_default();
                    filled(short, level.colour())
                })
                .collect();
            cells.push(filled(potential_short(a.potential.level), a.potential.level.colour()));
            cells
        });
        self.table(
            "Таблица 2. Качественный состав ММС".to_string(),
            vec![0.5, 2.3, 1.4, 1.4, 1.4, 1.4, 1.5],
            // "педагогическое" does not fit a fifth of the page in bold: the header abbreviates it.
            ["№", "Территория", "Высшее пед. образование"]
                .into_iter()
                .chain(Indicator::ALL[1..].iter().map(|i| i.title()))
                .chain(["Кадровый потенциал"])
                .collect(),
            rows,
        );

        let ind = |i: Indicator, levels: &'static [IndicatorLevel]| {
            move |a: &MunicipalityAssessment| levels.contains(&a.indicator(i).level)
        };
        use IndicatorLevel::{Blue, Green, Red, Yellow};
        self.lead(
            "Оценка кадрового состава ММС с точки зрения наличия высшего педагогического образования у \
             сотрудников, опыта работы в ММС и в ОО, освоения методистами программ повышения квалификации \
             показала следующее:",
        );
        let most = self.count(ind(Indicator::HigherPedEducation, &[Green, Yellow]));
        self.item(format!(
            "{} все либо большая часть сотрудников имеют высшее педагогическое образование;",
            self.in_mms(most)
        ));
        let e = m.education_yellow_min_percent;
        let few = self.counted(ind(Indicator::HigherPedEducation, &[Red]));
        self.item(format!("менее {e} % сотрудников имеют высшее педагогическое образование {few};"));
        let years = crate::methodology::text::years(m.service_years_over);
        let text = self.counted(ind(Indicator::ServiceExperience, &[Green]));
        self.item(format!(
            "работают в основном специалисты, имеющие стаж методической деятельности более {years} лет, {text};"
        ));
        let text = self.counted(ind(Indicator::ServiceExperience, &[Yellow]));
        self.item(format!("стаж методической деятельности более {years} лет имеет меньшая часть сотрудников {text};"));
        let text = self.counted(ind(Indicator::ServiceExperience, &[Red]));
        self.item(format!(
            "ни один сотрудник не имеет стажа методической деятельности более {years} лет {text}, что позволяет \
             сделать предположение о существенной потребности указанных муниципальных команд в программах \
             профессионального развития;"
        ));
        let text = self.counted(ind(Indicator::SchoolExperience, &[Red]));
        self.item(format!(
            "специалисты не имеют опыта работы в образовательных организациях {text} (отсутствие собственного \
             опыта работы может стать причиной недопонимания сотрудниками профессиональных дефицитов и \
             потребностей педагогов муниципалитета);"
        ));
        let text = self.counted(ind(Indicator::Training, &[Green]));
        self.item(format!(
            "все сотрудники своевременно осваивают программы повышения квалификации по актуальным вопросам \
             развития образования {text};"
        ));
        let text = self.counted(ind(Indicator::Training, &[Yellow]));
        self.item(format!("большинство сотрудников регулярно осваивают указанные программы {text};"));
        let text = self.counted(ind(Indicator::Training, &[Red]));
        self.item(format!("программы повышения квалификации освоили менее половины сотрудников {text};"));
        let text = self.counted(ind(Indicator::Training, &[Blue]));
        self.item(format!(
            "сотрудники не повышают квалификацию по программам дополнительного профессионального образования \
             (либо проходят их только по вопросам организации ГИА) {text}."
        ));
        for (level, what) in [
            (IndicatorLevel::NoStaff, "сотрудники отсутствуют"),
            (IndicatorLevel::NoInfo, "сведения о сотрудниках не предоставлены"),
        ] {
            let names = self.names(|a| a.indicators.iter().all(|i| i.level == level));
            if !names.is_empty() {
                self.body(format!(
                    "Показатели качественного состава не оцениваются в {} {}, где {what}: {}.",
                    names.len(),
                    municipalities_loc(names.len()),
                    names.join(", ")
                ));
            }
        }
    }

    fn potential(&mut self) {
        self.lead(
            "Таким образом, по совокупности результатов мониторинга 1 и 2 направлений можно сделать вывод о \
             наличии следующих уровней кадрового потенциала сотрудников ММС:",
        );
        for (level, what) in [
            (PotentialLevel::Sufficient, "достаточный уровень кадрового потенциала"),
            (PotentialLevel::Admissible, "допустимый уровень кадрового потенциала"),
            (PotentialLevel::Critical, "критический уровень кадрового потенциала"),
        ] {
            let text = self.counted(|a| a.potential.level == level);
            self.item(format!("{what} — {text};"));
        }
        let none = self.names(|a| a.potential.level == PotentialLevel::Undetermined);
        if !none.is_empty() {
            self.item(format!(
                "кадровый потенциал не определяется — в {} {} ({}), где нет сотрудников или сведений о них: {}.",
                none.len(),
                municipalities_loc(none.len()),
                percent(none.len(), self.n),
                none.join(", ")
            ));
            self.body(
                "В справке 2022 года такие муниципалитеты входили в число «остальных» с допустимым уровнем; \
                 служба без сотрудников не имеет кадрового потенциала, который можно оценить, поэтому они \
                 показаны отдельно.",
            );
        }
        let m = self.m;
        self.body(format!(
            "Уровень определяется так: критический — {} и более показателя блока 2 красные или синие; \
             достаточный — нет красных и синих показателей, не менее {} зелёных и количество сотрудников \
             оптимальное или допустимое; допустимый — в остальных случаях.",
            m.potential_critical_min_red, m.potential_sufficient_min_green
        ));
    }

    fn block3(&mut self) {
        let m = self.m;
        let total = Function::ALL.len();
        self.legend(
            vec![
                vec![
                    filled("Зелёный", Colour::Green),
                    Cell::text(format!("Соответствуют (отражены все {total} функций РСНМС)")),
                    Cell::text(AssociationsLevel::MmoAndOther.label()),
                ],
                vec![
                    filled("Жёлтый", Colour::Yellow),
                    Cell::text(format!(
                        "Частично соответствуют (от {} до {} функций)",
                        m.duties_partial_min,
                        total - 1
                    )),
                    Cell::text(format!("{}; либо объединения педагогов без ММО", AssociationsLevel::MmoOnly.label())),
                ],
                vec![
                    filled("Красный", Colour::Red),
                    Cell::text(format!("Не соответствуют (менее {} функций)", m.duties_partial_min)),
                    Cell::text(AssociationsLevel::None.label()),
                ],
                vec![
                    filled("Серый", Colour::Grey),
                    Cell::text("Информация не предоставлена"),
                    Cell::text("Информация не предоставлена"),
                ],
            ],
            vec![1.1, 3.0, 3.0],
            vec![],
        );
        let rows = self.rows(|a| {
            vec![
                filled(duties_short(a), a.duties.level.colour()),
                filled(associations_short(a.associations.level), a.associations.level.colour()),
            ]
        });
        self.table(
            "Таблица 3. Должностные обязанности сотрудников ММС и объединения педагогов".to_string(),
            vec![0.5, 2.4, 2.6, 2.1],
            vec![
                "№",
                "Территория",
                "Соответствие должностных обязанностей сотрудников ММС функциям РСНМС",
                "Наличие ММО и других профессиональных объединений педагогов",
            ],
            rows,
        );
        self.body(
            "В ходе анализа предоставленных документов с должностными обязанностями сотрудников ММС \
             (должностные инструкции, выписки из трудовых договоров) выявлялось соответствие нормативно \
             закреплённой деятельности специалистов и методистов ММС функциям, определяемым региональной \
             системой научно-методического сопровождения педагогических работников и управленческих кадров \
             (далее — РСНМС) для муниципальных методических служб.",
        );
        self.lead("Установлено следующее:");
        let duties = |level: DutiesLevel| move |a: &MunicipalityAssessment| a.duties.level == level;
        let text = self.counted(duties(DutiesLevel::Complies));
        self.item(format!("должностные обязанности сотрудников соответствуют РСНМС {text};"));
        let text = self.counted(duties(DutiesLevel::Partial));
        self.item(format!("частично соответствуют требованиям РСНМС должностные обязанности {text};"));
        let text = self.counted(duties(DutiesLevel::Not));
        self.item(format!("должностные инструкции сотрудников не соответствуют функциям РСНМС {text};"));
        let text = self.counted(duties(DutiesLevel::NoInfo));
        self.item(format!("документы с должностными обязанностями не предоставлены {text}."));

        let provided = self.count(|a| a.duties.level != DutiesLevel::NoInfo);
        let mut missing: Vec<(Function, usize)> = Function::ALL
            .iter()
            .map(|f| (*f, self.count(|a| a.missing_functions.contains(f))))
            .filter(|(_, k)| *k > 0)
            .collect();
        missing.sort_by_key(|(_, k)| std::cmp::Reverse(*k));
        if !missing.is_empty() {
            self.lead(format!(
                "В должностных обязанностях сотрудников ММС отсутствуют указания на выполнение следующих функций \
                 (документы предоставили {provided} из {} ММС; в скобках — доля от всех участников мониторинга):",
                self.n
            ));
            let items = missing.into_iter().map(|(function, k)| format!("{} — {}", function.label(), self.share(k)));
            self.items(items.collect());
        }
        let outdated: Vec<(String, Option<i32>)> = self
            .a
            .municipalities
            .iter()
            .filter(|a| a.duties_outdated)
            .map(|a| (a.municipality.clone(), a.duties_approved_year))
            .collect();
        if !outdated.is_empty() {
            self.lead(format!(
                "Кроме того, в {} ММС должностные инструкции не обновлялись более {} лет:",
                outdated.len(),
                m.duties_outdated_after_years
            ));
            let items = outdated
                .into_iter()
                .map(|(name, year)| name + &year.map(|y| format!(" — утверждены в {y} году")).unwrap_or_default());
            self.items(items.collect());
        }
        let with_mmo =
            self.count(|a| matches!(a.associations.level, AssociationsLevel::MmoAndOther | AssociationsLevel::MmoOnly));
        self.body(format!(
            "По результатам анализа документов, представленных ММС (положения о муниципальном методическом \
             объединении (далее — ММО), планы работы ММС и ММО, «дорожные карты» и т. д.), установлено, что ММО \
             организованы и функционируют в {} {}.",
            self.share(with_mmo),
            municipalities_loc(with_mmo)
        ));
        let further: Vec<(String, String)> = self
            .a
            .municipalities
            .iter()
            .filter(|a| !a.other_structures.is_empty())
            .map(|a| (a.municipality.clone(), a.other_structures.join("; ")))
            .collect();
        if !further.is_empty() {
            self.lead(format!(
                "Дополнительные структурные компоненты методической поддержки педагогов на муниципальном уровне \
                 организованы и функционируют в {} {}:",
                self.share(further.len()),
                municipalities_loc(further.len())
            ));
            self.items(further.into_iter().map(|(name, what)| format!("{name} ({what})")).collect());
        }
        for (level, what) in [
            (AssociationsLevel::MmoOnly, "Действуют только ММО"),
            (AssociationsLevel::OtherOnly, "Действуют объединения педагогов без ММО"),
            (AssociationsLevel::None, "Объединения педагогов отсутствуют"),
            (AssociationsLevel::NoInfo, "Сведения об объединениях педагогов не предоставлены"),
        ] {
            let names = self.names(|a| a.associations.level == level);
            if !names.is_empty() {
                let text = self.counted(|a| a.associations.level == level);
                self.body(format!("{what} {text}."));
            }
        }
    }

    fn conclusions(&mut self) {
        let undeclared = self.names(|a| !a.service_declared);
        let insufficient = self.count(|a| a.staff_count_level.level == StaffCountLevel::Insufficient);
        let sufficient = self.count(|a| a.potential.level == PotentialLevel::Sufficient);
        let admissible = self.count(|a| a.potential.level == PotentialLevel::Admissible);
        let critical = self.count(|a| a.potential.level == PotentialLevel::Critical);
        let not = self.count(|a| a.duties.level == DutiesLevel::Not);
        let mmo_only = self.count(|a| a.associations.level == AssociationsLevel::MmoOnly);
        let (k, n) = (undeclared.len(), self.n);
        self.item(format!(
            "результаты мониторинга показывают, что в {k} ({}) {} ММС не созданы{};",
            percent(k, n),
            municipalities_loc(k),
            if undeclared.is_empty() { String::new() } else { format!(" ({})", undeclared.join(", ")) }
        ));
        self.item(format!(
            "{} ММС не имеют достаточного количества сотрудников для выполнения всех методических функций в \
             соответствии с РСНМС;",
            self.share(insufficient)
        ));
        self.item(format!(
            "анализ совокупности количественных и качественных характеристик кадрового состава ММС позволяет \
             сделать вывод о том, что достаточным уровнем кадрового потенциала обладают {} {}, допустимым — {}, \
             критическим — {}; допустимый и критический уровни требуют анализа состояния показателей и \
             организации профессионального развития сотрудников ММС;",
            self.share(sufficient),
            municipalities_nom(sufficient),
            self.share(admissible),
            self.share(critical)
        ));
        self.item(format!(
            "должностные инструкции, нормирующие деятельность специалистов и методистов ММС, в {} {} не \
             приведены в соответствие с РСНМС и оценкой механизмов управления качеством образования, а значит \
             требуют серьезной проработки и обновления;",
            self.share(not),
            municipalities_loc(not)
        ));
        self.item(format!(
            "{} {} в качестве структурных компонентов методической поддержки педагогов организовали \
             деятельность только ММО, тогда как современной системе методической поддержки требуется \
             разнообразие форм горизонтального (в том числе сетевого) взаимодействия между педагогами.",
            self.share(mmo_only),
            municipalities_nom(mmo_only)
        ));
    }

    fn recommendations(&mut self) {
        let t = self.t;
        let bold = TextStyle::new(Weight::Bold, 14.0);
        let to = |note: &mut Self, who: &str| {
            let mut p = paragraph(who, bold, Align::Left);
            p.first_indent = INDENT;
            p.space_before = 4.0;
            p.keep_with_next = true;
            note.push(p);
        };
        to(self, "МОУО:");
        for line in NoteTexts::lines(&t.moouo) {
            self.item(t.fill(line));
        }
        let undeclared = self.names(|a| !a.service_declared);
        if !undeclared.is_empty() {
            self.item(format!("{}: {};", undeclared.join(", "), t.fill(&t.create_service)));
        }
        let insufficient = self.names(|a| a.staff_count_level.level == StaffCountLevel::Insufficient);
        if !insufficient.is_empty() {
            self.item(format!(
                "муниципалитетам, вошедшим в группу ММС с недостаточным количеством сотрудников ({}), — {}.",
                insufficient.join(", "),
                t.fill(&t.increase_staff)
            ));
        }
        to(self, "ММС:");
        let lines = NoteTexts::lines(&t.mms);
        let (first, rest) = lines.split_first().map(|(f, r)| (Some(*f), r)).unwrap_or((None, &[]));
        if let Some(first) = first {
            self.item(t.fill(first));
        }
        let missing: Vec<(Function, usize)> = Function::ALL
            .iter()
            .map(|f| (*f, self.count(|a| a.missing_functions.contains(f))))
            .filter(|(_, k)| *k > 0)
            .collect();
        if !missing.is_empty() {
            self.item(t.fill(&t.duties_lead));
            for (function, k) in missing {
                self.item_at(format!("{} (не отражено в {k} ММС);", function.label()), 1);
            }
        }
        for line in rest {
            self.item(t.fill(line));
        }
        self.body("Адресные рекомендации каждому муниципалитету приведены в приложении 1.");
    }

    /// The targeted recommendations of one municipality (methodology.md, "Recommendations").
    fn targeted_for(&self, a: &MunicipalityAssessment) -> Vec<String> {
        let t = self.t;
        let mut out = Vec::new();
        if !a.service_declared {
            out.push(t.fill(&t.create_service));
        } else {
            match a.staff_count_level.level {
                StaffCountLevel::None => out.push(t.fill(&t.hire_staff)),
                StaffCountLevel::Insufficient => out.push(t.fill(&t.increase_staff)),
                _ => {}
            }
        }
        if a.indicator(Indicator::Training).level.is_red_or_blue() {
            out.push(t.fill(&t.training));
        }
        if a.potential.level == PotentialLevel::Critical {
            out.push(t.fill(&t.potential));
        }
        if matches!(a.duties.level, DutiesLevel::Not | DutiesLevel::Partial) && !a.missing_functions.is_empty() {
            let functions: Vec<&str> = a.missing_functions.iter().map(|f| f.label()).collect();
            out.push(t.fill(&t.duties).replace("{functions}", &functions.join("; ")));
        }
        if let (true, Some(year)) = (a.duties_outdated, a.duties_approved_year) {
            out.push(t.fill(&t.outdated).replace("{year}", &year.to_string()));
        }
        match a.associations.level {
            AssociationsLevel::MmoOnly => out.push(t.fill(&t.mmo_only)),
            AssociationsLevel::OtherOnly | AssociationsLevel::None => out.push(t.fill(&t.no_mmo)),
            _ => {}
        }
        let mut what = Vec::new();
        if a.staff_count_level.level == StaffCountLevel::NoInfo {
            what.push("сведения о сотрудниках");
        }
        if a.duties.level == DutiesLevel::NoInfo {
            what.push("должностные инструкции сотрудников");
        }
        if a.associations.level == AssociationsLevel::NoInfo {
            what.push("сведения об объединениях педагогов");
        }
        if !what.is_empty() {
            out.push(t.fill(&t.missing_data).replace("{what}", &what.join(", ")));
        }
        out
    }

    fn targeted(&mut self) {
        self.body(
            "Рекомендации сформированы по уровням каждого муниципалитета по правилам, изложенным в приложении 3; \
             муниципалитеты перечислены в порядке таблиц.",
        );
        let mut without = Vec::new();
        let name_style = TextStyle::new(Weight::Bold, 14.0);
        for (index, a) in self.a.municipalities.iter().enumerate() {
            let items = self.targeted_for(a);
            if items.is_empty() {
                without.push(a.municipality.as_str());
                continue;
            }
            let mut p = paragraph(format!("{}. {}", index + 1, a.municipality), name_style, Align::Left);
            p.space_before = 6.0;
            p.space_after = 2.0;
            p.keep_with_next = true;
            self.push(p);
            if self.options.show_staff_names {
                let staff = self.staff_names(&a.municipality);
                if !staff.is_empty() {
                    let mut p = paragraph(
                        format!("Сотрудники ММС: {staff}"),
                        TextStyle::new(Weight::Regular, 12.0),
                        Align::Justify,
                    );
                    p.space_after = 2.0;
                    p.keep_with_next = true;
                    self.push(p);
                }
            }
            self.items(items);
        }
        if !without.is_empty() {
            self.body(format!("Адресные рекомендации не требуются: {}.", without.join(", ")));
        }
    }

    /// Names and positions of a municipality's staff (personal data: only on request).
    fn staff_names(&self, municipality: &str) -> String {
        let Some(response) = self.campaign.responses.iter().find(|r| r.municipality == municipality) else {
            return String::new();
        };
        response
            .staff
            .iter()
            .flatten()
            .filter_map(|s| {
                let name = s.name.as_deref()?;
                Some(match &s.position {
                    Some(position) => format!("{name} ({position})"),
                    None => name.to_string(),
                })
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn chart<L: Copy + PartialEq>(
        &mut self,
        title: &str,
        levels: &[L],
        level_of: impl Fn(&MunicipalityAssessment) -> L,
        label: impl Fn(L) -> String,
        colour: impl Fn(L) -> Colour,
    ) {
        let bars = levels
            .iter()
            .map(|level| {
                let count = self.count(|a| level_of(a) == *level);
                (level, count)
            })
            .filter(|(level, count)| *count > 0 || colour(**level) != Colour::Grey)
            .map(|(level, count)| Bar {
                label: label(*level),
                count,
                value: format!("{count} ({})", percent(count, self.n)),
                fill: level_fill(colour(*level)),
            })
            .collect();
        self.blocks.push(Block::Chart(BarChart { title: title.to_string(), bars, total: self.n }));
    }

    fn charts(&mut self) {
        self.body(format!(
            "Длина столбца — доля муниципалитетов с этим уровнем от всех {} участников мониторинга.",
            self.n
        ));
        self.chart("Наличие ММС", ServiceLevel::ALL, |a| a.service.level, |l| l.label().to_string(), |l| l.colour());
        self.chart(
            "Количественный состав сотрудников",
            StaffCountLevel::ALL,
            |a| a.staff_count_level.level,
            |l| capitalise(l.label()),
            |l| l.colour(),
        );
        let m = self.m;
        for i in Indicator::ALL {
            let levels: &[IndicatorLevel] = if i == Indicator::Training {
                IndicatorLevel::ALL
            } else {
                &[
                    IndicatorLevel::Green,
                    IndicatorLevel::Yellow,
                    IndicatorLevel::Red,
                    IndicatorLevel::NoStaff,
                    IndicatorLevel::NoInfo,
                ]
            };
            self.chart(
                i.title(),
                levels,
                |a| a.indicator(i).level,
                |l| indicator_legend(i, l, m).map(|(_, meaning)| meaning).unwrap_or_default(),
                |l| l.colour(),
            );
        }
        self.chart("Кадровый потенциал", PotentialLevel::ALL, |a| a.potential.level, potential_short, |l| l.colour());
        self.chart(
            "Соответствие должностных обязанностей функциям РСНМС",
            DutiesLevel::ALL,
            |a| a.duties.level,
            |l| l.label().to_string(),
            |l| l.colour(),
        );
        self.chart(
            "Объединения педагогов",
            AssociationsLevel::ALL,
            |a| a.associations.level,
            |l| l.label().to_string(),
            |l| l.colour(),
        );
    }

    fn method(&mut self) {
        let m = self.m;
        let a = self.a;
        let complete = self.count(|x| x.complete);
        self.body(format!(
            "Методика «{}». Все правила применяются на дату мониторинга {}. Доли муниципалитетов в справке \
             вычисляются от всех {} участников мониторинга и округляются до десятых.",
            m.id,
            date(a.reference_date),
            self.n
        ));
        self.body(format!(
            "Полностью заполнены (сведения о сотрудниках, должностные обязанности и объединения педагогов) \
             {} из {} анкет ({}).",
            complete,
            self.n,
            percent(complete, self.n)
        ));
        let incomplete: Vec<String> = a
            .municipalities
            .iter()
            .filter(|x| !x.complete)
            .map(|x| {
                let mut what = Vec::new();
                if x.staff_count_level.level == StaffCountLevel::NoInfo {
                    what.push("сведения о сотрудниках");
                }
                if x.duties.level == DutiesLevel::NoInfo {
                    what.push("должностные обязанности");
                }
                if x.associations.level == AssociationsLevel::NoInfo {
                    what.push("объединения педагогов");
                }
                format!("{} (не предоставлены: {})", x.municipality, what.join(", "))
            })
            .collect();
        if !incomplete.is_empty() {
            self.body(format!("Неполные анкеты: {}.", incomplete.join("; ")));
        }
        let (opt, adm) = (m.staff_optimal_min, m.staff_admissible_min);
        let start = m.training_window_start(a.reference_date);
        let rules = [
            "Блок 1. Наличие ММС: отдельная организация — зелёный; методический отдел или отдельные \
                 специалисты в составе МОУО — жёлтый; наличие не заявлено — красный. Служба, начавшая работу \
                 после даты мониторинга, считается незаявленной."
                .to_string(),
            format!(
                "Количество сотрудников: {opt} и более — оптимальное (зелёный); от {adm} до {} — допустимое \
                 (жёлтый); 1–{} — недостаточное (красный). Если ММС не заявлена, количество показывается, но не \
                 оценивается.",
                opt.saturating_sub(1),
                adm.saturating_sub(1)
            ),
            format!(
                "Блок 2. Для каждого показателя считается доля сотрудников. Высшее педагогическое образование: \
                 все — зелёный, не менее {e} % — жёлтый, менее {e} % — красный. Стаж работы в ММС более {y} лет и \
                 стаж работы в ОО: более {x} % — зелёный, не более {x} %, но не менее одного — жёлтый, ни одного — \
                 красный. ППК: все — зелёный, не менее {t} % — жёлтый, менее {t} % — красный, никто — синий.",
                e = m.education_yellow_min_percent,
                y = crate::methodology::text::years(m.service_years_over),
                x = m.experience_green_over_percent,
                t = m.training_yellow_min_percent
            ),
            format!(
                "Курс повышения квалификации учитывается, если он по профилю (не только по организации ГИА), \
                 объёмом не менее {} ч и завершён в период с {} по {} включительно.",
                m.training_min_hours,
                date(start),
                date(a.reference_date)
            ),
            format!(
                "Кадровый потенциал: критический — не менее {} красных или синих показателей блока 2; \
                 достаточный — нет красных и синих, не менее {} зелёных и количество сотрудников оптимальное или \
                 допустимое; допустимый — в остальных случаях; не определяется — если сотрудников нет или \
                 сведения о них не предоставлены.",
                m.potential_critical_min_red, m.potential_sufficient_min_green
            ),
            format!(
                "Блок 3. Должностные обязанности сравниваются с {} функциями РСНМС: все — «соответствуют», от {} \
                 до {} — «частично соответствуют», менее {} — «не соответствуют». Инструкции, утверждённые более \
                 чем за {} лет до года мониторинга, отмечаются как устаревшие.",
                Function::ALL.len(),
                m.duties_partial_min,
                Function::ALL.len() - 1,
                m.duties_partial_min,
                m.duties_outdated_after_years
            ),
            "Объединения педагогов: ММО и другие структуры — зелёный; только ММО или только другие структуры — \
             жёлтый; нет объединений — красный."
                .to_string(),
        ];
        for rule in rules {
            self.body(rule);
        }
        self.lead("Функции ММС, определяемые РСНМС:");
        self.items(Function::ALL.iter().map(|f| f.label().to_string()).collect());
    }
}

/// "Наличие ММС не заявлено" → "наличие ММС не заявлено" (for use after a dash).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !text.starts_with("ММС") => c.to_lowercase().collect::<String>() + chars.as_str(),
        Some(c) => c.to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::assess_default;

    fn sample() -> (Campaign, Assessment) {
        let campaign = crate::interchange::parse(crate::cli::SAMPLE_JSON).unwrap();
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
