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
        let m = self.m;
        self.chart("Наличие ММС", ServiceLevel::ALL, |a| a.service.level, |l| m.text(l).to_string(), |l| l.colour());
        self.chart(
            "Количественный состав сотрудников",
            StaffCountLevel::ALL,
            |a| a.staff_count_level.level,
            staff_chart_label,
            |l| l.colour(),
        );
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
        self.chart(
            "Кадровый потенциал",
            PotentialLevel::ALL,
            |a| a.potential.level,
            |l| potential_short(m, l),
            |l| l.colour(),
        );
        self.chart(
            "Соответствие должностных обязанностей функциям РСНМС",
            DutiesLevel::ALL,
            |a| a.duties.level,
            |l| m.text(l).to_string(),
            |l| l.colour(),
        );
        self.chart(
            "Объединения педагогов",
            AssociationsLevel::ALL,
            |a| a.associations.level,
            |l| m.text(l).to_string(),
            |l| l.colour(),
        );
    }

    pub(super) fn method(&mut self) {
        let m = self.m;
        let a = self.a;
        let complete = self.count(|x| x.complete);
        self.body(format!(
            "{}. Все правила применяются на дату мониторинга {}. Доли муниципалитетов в справке \
             вычисляются от всех {} участников мониторинга и округляются до десятых.",
            m.title,
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
                "Кадровый потенциал: {} — не менее {} красных или синих показателей блока 2; \
                 {} — нет красных и синих, не менее {} зелёных и количество сотрудников оптимальное или \
                 допустимое; {} — в остальных случаях; {} — если сотрудников нет или \
                 сведения о них не предоставлены.",
                m.text(PotentialLevel::Critical),
                m.potential_critical_min_red,
                m.text(PotentialLevel::Sufficient),
                m.potential_sufficient_min_green,
                m.text(PotentialLevel::Admissible),
                m.text(PotentialLevel::Undetermined)
            ),
            format!(
                "Блок 3. Должностные обязанности сравниваются с {} функциями РСНМС: все — «{}», от {} \
                 до {} — «{}», менее {} — «{}». Инструкции, утверждённые более \
                 чем за {} лет до года мониторинга, отмечаются как устаревшие.",
                Function::ALL.len(),
                lower_first(m.text(DutiesLevel::Complies)),
                m.duties_partial_min,
                Function::ALL.len() - 1,
                lower_first(m.text(DutiesLevel::Partial)),
                m.duties_partial_min,
                lower_first(m.text(DutiesLevel::Not)),
                m.duties_outdated_after_years
            ),
            "Объединения педагогов: ММО и другие структуры — зелёный; только ММО или только другие структуры — \
             жёлтый; нет объединений — красный."
                .to_string(),
        ];
        for rule in rules {
            self.body(rule);
        }
        self.lead("Функции ММС, определяемые РСНМС (адресные рекомендации ссылаются на их номера):");
        for (index, function) in Function::ALL.iter().enumerate() {
            let end = if index + 1 == Function::ALL.len() { "." } else { ";" };
            self.numbered(index + 1, vec![Span::new(format!("{}{end}", function.label()), Weight::Regular)]);
        }
        self.lead("Адресные рекомендации (приложение 1) даются по следующим правилам:");
        self.items(
            [
                "муниципалитету, где ММС не создана, рекомендуется только ее создание: остальные рекомендации \
                 относятся к службе и ее сотрудникам",
                "ММС без сотрудников рекомендуется укомплектовать, с недостаточным количеством сотрудников — \
                 рассмотреть увеличение штата; рекомендации о сотрудниках и их должностных инструкциях даются \
                 только службе, у которой есть сотрудники",
                "красный уровень высшего педагогического образования или опыта работы в ОО, красный или синий \
                 уровень ППК и критический кадровый потенциал дают по рекомендации каждый",
                "должностные обязанности, в которых нет функций РСНМС, рекомендуется переработать с указанием \
                 недостающих функций (и года утверждения, если инструкции устарели); устаревшие инструкции без \
                 недостающих функций — обновить",
                "при действующих только ММО рекомендуется создать другие структуры методической поддержки, при \
                 отсутствии ММО — организовать их",
                "непредоставленные сведения рекомендуется предоставить к следующему мониторингу",
            ]
            .map(String::from)
            .to_vec(),
        );
    }

    /// Appendix 4: every level of every municipality in one compact table.
    pub(super) fn summary_table(&mut self) {
        let m = self.m;
        self.body(
            "Цвет ячейки — уровень показателя, как в таблицах 1–3; надпись повторяет его кратко, чтобы таблица \
             читалась и в черно-белой печати.",
        );
        let rows = self.rows(|a| {
            let mut cells = vec![
                filled(
                    match a.service.level {
                        ServiceLevel::Green => "Отд.",
                        ServiceLevel::Yellow => "МОУО",
                        ServiceLevel::Red => "Нет",
                    },
                    a.service.level.colour(),
                ),
                filled(
                    match a.staff_count {
                        Some(k) if a.staff_count_level.level != StaffCountLevel::NoInfo => k.to_string(),
                        _ => "—".to_string(),
                    },
                    a.staff_count_level.level.colour(),
                ),
            ];
            for i in Indicator::ALL {
                let level = a.indicator(i).level;
                let short = match level {
                    IndicatorLevel::NoStaff | IndicatorLevel::NoInfo => "—".to_string(),
                    _ => indicator_legend(i, level, m).map(|(s, _)| s).unwrap_or_default(),
                };
                cells.push(filled(short, level.colour()));
            }
            let potential = match a.potential.level {
                PotentialLevel::Sufficient => "Дост.",
                PotentialLevel::Admissible => "Доп.",
                PotentialLevel::Critical => "Крит.",
                PotentialLevel::Undetermined => "—",
            };
            cells.push(filled(potential, a.potential.level.colour()));
            let duties = match a.duties.level {
                DutiesLevel::Complies => "Соотв.",
                DutiesLevel::Partial => "Частич.",
                DutiesLevel::Not => "Не соотв.",
                DutiesLevel::NoInfo => "—",
            };
            cells.push(filled(duties, a.duties.level.colour()));
            let associations = match a.associations.level {
                AssociationsLevel::MmoAndOther => "ММО и др.",
                AssociationsLevel::MmoOnly => "ММО",
                AssociationsLevel::OtherOnly => "Др.",
                AssociationsLevel::None => "Нет",
                AssociationsLevel::NoInfo => "—",
            };
            cells.push(filled(associations, a.associations.level.colour()));
            cells
        });
        self.caption("Таблица 4. Уровни муниципалитетов по всем показателям".to_string());
        let header = [
            "№",
            "Территория",
            "ММС",
            "Сотр.",
            "Высш. пед.",
            "Стаж в ММС",
            "Опыт в ОО",
            "ППК",
            "Потен-\nциал",
            "Обязан-\nности",
            "Объеди-\nнения",
        ]
        .into_iter()
        .map(|h| Cell { weight: Weight::Bold, ..Cell::centred(h) })
        .collect();
        self.blocks.push(Block::Table(Table {
            columns: vec![0.45, 2.2, 0.85, 0.7, 0.9, 0.9, 0.9, 0.9, 0.9, 1.05, 1.05],
            header,
            rows,
            size: 8.5,
            space_after: 6.0,
            keep_together: false,
            continued: Some("Продолжение таблицы 4".to_string()),
        }));
        self.body(
            "Обозначения: Отд. — отдельная организация; МОУО — ММС в составе МОУО; Сотр. — количество \
             сотрудников; Дост., Доп., Крит. — достаточный, допустимый, критический кадровый потенциал; Соотв., \
             Частич., Не соотв. — должностные обязанности соответствуют, частично соответствуют, не соответствуют \
             функциям РСНМС; ММО и др. — ММО и другие объединения; Др. — объединения педагогов без ММО; \
             «—» — не оценивается или сведения не предоставлены.",
        );
    }
}
