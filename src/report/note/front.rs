//! Title page, contents, introduction, general information and the lead-in of the results.

use super::*;

impl Note<'_> {
    pub(super) fn title_page(&mut self) {
        let t = self.t;
        let bold = TextStyle::new(Weight::Bold, 14.0);
        let institution = if t.institution_short.is_empty() {
            t.institution.to_uppercase()
        } else {
            format!("{}\n({})", t.institution.to_uppercase(), t.institution_short)
        };
        if !institution.trim().is_empty() {
            self.push(Paragraph::plain(institution, bold, Align::Centre));
        }
        self.blocks.push(Block::Space(30.0));
        let right = |text: String| {
            let mut p = Paragraph::plain(text, BODY, Align::Left);
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
            "М.П.".to_string(),
        ] {
            if !text.trim().is_empty() {
                self.push(right(text));
            }
        }
        self.blocks.push(Block::Space(60.0));
        self.push(Paragraph::plain("Аналитическая справка", TextStyle::new(Weight::Bold, 16.0), Align::Centre));
        self.push(Paragraph::plain(format!("по результатам {}", t.subject), bold, Align::Centre));
        self.blocks.push(Block::Space(36.0));
        for (role, name, position) in [
            ("Выполнил:", &t.executor_name, &t.executor_position),
            ("Согласовано:", &t.agreed_name, &t.agreed_position),
        ] {
            if name.is_empty() && position.is_empty() {
                continue;
            }
            let lines: Vec<String> =
                [position.clone(), format!("_______________ {name}"), format!("«___» _______________ {year} г.")]
                    .into_iter()
                    .filter(|l| !l.trim().is_empty())
                    .collect();
            let mut p = right(String::new());
            p.spans = Span::lead_in(role, format!("\n{}", lines.join("\n")));
            p.space_after = 12.0;
            self.push(p);
        }
        let place = format!("{} {}", t.city, t.year);
        self.blocks.push(Block::AtFoot(Paragraph::plain(place.trim().to_string(), BODY, Align::Centre)));
        self.blocks.push(Block::PageBreak);
    }

    /// The contents; [`fill_contents`] lists the headings once the tree is complete.
    pub(super) fn contents(&mut self) {
        self.blocks.push(Block::Heading(Heading { text: CONTENTS.to_string(), level: 1, in_contents: false }));
        self.blocks.push(Block::Contents(Vec::new()));
        self.blocks.push(Block::PageBreak);
    }

    /// The list of abbreviations the note uses, each with its expansion.
    pub(super) fn abbreviations(&self, title: String) -> Vec<Block> {
        // Each word of the note looked up once among the abbreviations, as the note is made.
        let mut used = [false; ABBREVIATION_LIST.len()];
        self.each_text(&mut |text| mark_abbreviations(text, &mut used));
        let mut blocks = vec![Block::Heading(Heading { text: title, level: 1, in_contents: true })];
        for ((abbreviation, meaning), used) in ABBREVIATION_LIST.iter().zip(used) {
            if used {
                let mut p = Paragraph::plain(format!("{abbreviation} — {meaning}"), BODY, Align::Left);
                p.left = INDENT * 2.4;
                p.first_indent = -INDENT * 2.4;
                p.space_after = 2.0;
                blocks.push(Block::Paragraph(p));
            }
        }
        blocks
    }

    /// Every paragraph, heading, cell, chart title and label of the note so far (a
    /// paragraph's spans joined).
    fn each_text(&self, visit: &mut dyn FnMut(&str)) {
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) | Block::AtFoot(p) => match p.spans.as_slice() {
                    [one] => visit(&one.text),
                    _ => visit(&p.text()),
                },
                Block::Heading(h) => visit(&h.text),
                Block::Table(t) => t.header.iter().chain(t.rows.iter().flatten()).for_each(|cell| visit(&cell.text)),
                Block::Chart(c) => {
                    visit(&c.title);
                    c.bars.iter().for_each(|bar| visit(&bar.label));
                }
                _ => {}
            }
        }
    }

    /// One page of the key counts and shares, before the introduction.
    pub(super) fn summary(&mut self) {
        let n = self.n;
        let region = self.t.region_genitive.clone();
        let declared = self.count(|a| a.service_declared);
        self.body(format!(
            "В мониторинге участвовали {n} {} {region}. Муниципальная методическая служба (ММС) заявлена в {} \
             из них ({}).",
            municipalities_nom(n),
            declared,
            percent(declared, n)
        ));
        let share = |note: &Self, pick: &dyn Fn(&MunicipalityAssessment) -> bool| {
            let k = note.count(pick);
            format!("{k} ({})", percent(k, n))
        };
        let rows: Vec<(String, String)> = vec![
            ("ММС — отдельная организация".into(), share(self, &|a| a.service.level == ServiceLevel::Green)),
            ("ММС в составе МОУО".into(), share(self, &|a| a.service.level == ServiceLevel::Yellow)),
            ("ММС не созданы".into(), share(self, &|a| !a.service_declared)),
            (
                "Оптимальное количество сотрудников".into(),
                share(self, &|a| a.staff_count_level.level == StaffCountLevel::Optimal),
            ),
            (
                "Недостаточное количество сотрудников".into(),
                share(self, &|a| a.staff_count_level.level == StaffCountLevel::Insufficient),
            ),
            (
                "Достаточный кадровый потенциал".into(),
                share(self, &|a| a.potential.level == PotentialLevel::Sufficient),
            ),
            ("Критический кадровый потенциал".into(), share(self, &|a| a.potential.level == PotentialLevel::Critical)),
            (
                "Должностные обязанности соответствуют функциям РСНМС".into(),
                share(self, &|a| a.duties.level == DutiesLevel::Complies),
            ),
            (
                "Должностные обязанности не соответствуют функциям РСНМС".into(),
                share(self, &|a| a.duties.level == DutiesLevel::Not),
            ),
            (
                "Действуют ММО и другие объединения педагогов".into(),
                share(self, &|a| a.associations.level == AssociationsLevel::MmoAndOther),
            ),
            ("Действуют только ММО".into(), share(self, &|a| a.associations.level == AssociationsLevel::MmoOnly)),
        ];
        let header = ["Показатель", "Муниципалитетов (доля)"]
            .into_iter()
            .map(|h| Cell { weight: Weight::Bold, ..Cell::centred(h) })
            .collect();
        let rows = rows.into_iter().map(|(what, value)| vec![Cell::text(what), Cell::centred(value)]).collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![3.0, 1.4],
            header,
            rows,
            size: 12.0,
            space_after: 8.0,
            keep_together: true,
            continued: None,
        }));
        self.body(format!(
            "Доли вычислены от всех {n} участников мониторинга. Подробные результаты — в разделе «Результаты \
             мониторинга», уровни каждого муниципалитета — в приложении 4, адресные рекомендации — в приложении 1."
        ));
    }

    pub(super) fn introduction(&mut self) {
        let t = self.t;
        self.heading(1, INTRODUCTION.to_string());
        self.body(t.basis.clone());
        let lead_in = |bold: &str, rest: String| Span::lead_in(bold, rest);
        self.body_spans(lead_in("Цель мониторинга:", format!(" {}", t.purpose)));
        let tasks = NoteTexts::lines(&t.tasks);
        if let Some((first, rest)) = tasks.split_first() {
            self.lead_spans(lead_in("Задачи мониторинга:", format!(" {first}")));
            for task in rest {
                self.item(*task);
            }
        }
        self.body_spans(lead_in("Объект мониторинга:", format!(" {}", t.object)));
    }

    pub(super) fn general(&mut self) {
        for line in NoteTexts::lines(&self.t.general) {
            self.body(line);
        }
        self.body(format!(
            "Дата, на которую оценивались сведения, — {}. Правила оценки и пороговые значения («{}») \
             приведены в приложении 3.",
            date(self.a.reference_date),
            self.m.title
        ));
    }

    pub(super) fn results_intro(&mut self) {
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
}

/// Marks in `used` each abbreviation of [`ABBREVIATION_LIST`] that is a word of `text` (a run
/// of letters with no letter touching it). The abbreviations are capital Russian letters, А to
/// Я, in alphabetical order (a test checks both), so only runs of those are looked up, found by
/// their bytes (D0 90 to D0 AF in UTF-8): asking every letter of the note whether it is one
/// was a tenth of making the note.
pub(super) fn mark_abbreviations(text: &str, used: &mut [bool; ABBREVIATION_LIST.len()]) {
    let bytes = text.as_bytes();
    let capital =
        |at: usize| bytes.get(at) == Some(&0xD0) && bytes.get(at + 1).is_some_and(|b| (0x90..=0xAF).contains(b));
    let mut at = 0;
    while at < bytes.len() {
        // 0xD0 only ever starts a character, so `at` is at one whenever a run starts.
        if !capital(at) {
            at += 1;
            continue;
        }
        let start = at;
        while capital(at) {
            at += 2;
        }
        let (Some(before), Some(run), Some(after)) = (text.get(..start), text.get(start..at), text.get(at..)) else {
            continue;
        };
        let touching = |c: Option<char>| c.is_some_and(typo::is_letter);
        if !touching(before.chars().next_back())
            && !touching(after.chars().next())
            && let Ok(found) = ABBREVIATION_LIST.binary_search_by(|(abbreviation, _)| (*abbreviation).cmp(run))
            && let Some(slot) = used.get_mut(found)
        {
            *slot = true;
        }
    }
}
