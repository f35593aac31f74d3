//! Appendix 2 (bar charts of every indicator) and appendix 3 (the methodology with its thresholds).

use super::*;

impl Note<'_> {
    pub(super) fn chart<L: Copy + PartialEq>(
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

    pub(super) fn charts(&mut self) {
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
                &i.title(m),
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

    pub(super) fn method(&mut self) {
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
                let what: Vec<&str> = x
                    .missing_parts()
                    .into_iter()
                    .map(|part| match part {
                        Part::Staff => "сведения о сотрудниках",
                        Part::Duties => "должностные обязанности",
                        Part::Associations => "объединения педагогов",
                    })
                    .collect();
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
