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
        self.blocks.push(Block::Space(90.0));
        self.push(Paragraph::plain("Аналитическая справка", TextStyle::new(Weight::Bold, 16.0), Align::Centre));
        self.push(Paragraph::plain(format!("по результатам {}", t.subject), bold, Align::Centre));
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
        self.blocks.push(Block::AtFoot(Paragraph::plain(place.trim().to_string(), BODY, Align::Centre)));
        self.blocks.push(Block::PageBreak);
    }

    pub(super) fn contents(&mut self, headings: &[(u8, String)]) {
        self.blocks.push(Block::Heading(Heading { text: CONTENTS.to_string(), level: 1, in_contents: false }));
        let entries = headings
            .iter()
            .map(|(level, text)| ContentsEntry { text: text.clone(), level: *level, page: None })
            .collect();
        self.blocks.push(Block::Contents(entries));
        self.blocks.push(Block::PageBreak);
    }

    pub(super) fn introduction(&mut self) {
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

    pub(super) fn general(&mut self) {
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
