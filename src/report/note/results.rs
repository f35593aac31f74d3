//! Blocks 1 and 2 of the results — legends, colour tables and the prose of counts — and the
//! staffing-potential conclusion.

use super::*;

impl Note<'_> {
    pub(super) fn legend(&mut self, rows: Vec<Vec<Cell>>, columns: Vec<f32>, header: Vec<Cell>) {
        let mut p = Paragraph::plain(LEGEND, TextStyle::new(Weight::Bold, 12.0), Align::Left);
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
            continued: None,
        }));
    }

    pub(super) fn table(&mut self, caption: String, columns: Vec<f32>, header: Vec<&str>, rows: Vec<Vec<Cell>>) {
        // "Таблица 1. …" → "Продолжение таблицы 1".
        let number = caption.strip_prefix("Таблица ").and_then(|r| r.split('.').next()).unwrap_or_default();
        let continued = Some(format!("Продолжение таблицы {number}"));
        self.caption(caption);
        let header = header.into_iter().map(|h| Cell { weight: Weight::Bold, ..Cell::centred(h) }).collect::<Vec<_>>();
        self.blocks.push(Block::Table(Table {
            columns,
            header,
            rows,
            size: TABLE_SIZE,
            space_after: 10.0,
            keep_together: false,
            continued,
        }));
    }

    pub(super) fn rows(&self, cells: impl Fn(&MunicipalityAssessment) -> Vec<Cell>) -> Vec<Vec<Cell>> {
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

    pub(super) fn block1(&mut self) {
        let m = self.m;
        let (opt, adm) = (m.staff_optimal_min, m.staff_admissible_min);
        let insufficient_range = format!("1–{}", adm.saturating_sub(1));
        let admissible_range = format!("{adm}–{}", opt.saturating_sub(1));
        self.legend(
            vec![
                vec![
                    filled("Зелёный", Colour::Green),
                    Cell::text(m.text(ServiceLevel::Green)),
                    Cell::text(format!("Оптимальное количество (от {opt} и более сотрудников)")),
                ],
                vec![
                    filled("Жёлтый", Colour::Yellow),
                    Cell::text(m.text(ServiceLevel::Yellow)),
                    Cell::text(format!("Допустимое ({admissible_range} сотрудника)")),
                ],
                vec![
                    filled("Красный", Colour::Red),
                    Cell::text(m.text(ServiceLevel::Red)),
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
        self.optimal_by_type();
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

    pub(super) fn block2(&mut self) {
        let m = self.m;
        self.body(
            "Качественный состав ММС оценивался по четырем показателям: наличие у сотрудников высшего \
             педагогического образования, стаж работы в ММС, опыт работы в образовательных организациях (далее — \
             ОО) и освоение программ повышения квалификации (далее — ППК). По их совокупности с количественным \
             составом определяется уровень кадрового потенциала ММС.",
        );
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
        // The potential column of table 2 is coloured too: its legend is the last column.
        let potential = [
            Some(PotentialLevel::Sufficient),
            Some(PotentialLevel::Admissible),
            Some(PotentialLevel::Critical),
            None,
            Some(PotentialLevel::Undetermined),
        ];
        for (row, level) in rows.iter_mut().zip(potential) {
            row.push(match level {
                Some(level) => Cell::text(format!("«{}»", potential_short(m, level))),
                None => Cell::centred("—"),
            });
        }
        let mut header = vec![Cell { weight: Weight::Bold, ..Cell::centred("Цвет") }];
        header.extend(Indicator::ALL.map(|i| Cell { weight: Weight::Bold, ..Cell::centred(i.title(m)) }));
        header.push(Cell { weight: Weight::Bold, ..Cell::centred("Кадровый потенциал") });
        self.legend(rows, vec![1.1, 2.0, 2.0, 2.0, 2.0, 1.6], header);

        let rows = self.rows(|a| {
            let mut cells: Vec<Cell> = Indicator::ALL
                .iter()
                .map(|i| {
                    let level = a.indicator(*i).level;
                    let short = indicator_legend(*i, level, m).map(|(s, _)| s).unwrap_or_default();
                    filled(short, level.colour())
                })
                .collect();
            cells.push(filled(potential_short(m, a.potential.level), a.potential.level.colour()));
            cells
        });
        let titles = Indicator::ALL.map(|i| i.title(m));
        self.table(
            "Таблица 2. Качественный состав ММС".to_string(),
            vec![0.5, 2.3, 1.4, 1.4, 1.4, 1.4, 1.5],
            // "педагогическое" does not fit a fifth of the page in bold: the header abbreviates it.
            ["№", "Территория", "Высшее пед. образование"]
                .into_iter()
                .chain(titles[1..].iter().map(String::as_str))
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
             сотрудников, опыта работы в ММС и в ОО, освоения методистами ППК показала следующее:",
        );
        self.item(format!(
            "{} все либо большая часть сотрудников имеют высшее педагогическое образование;",
            self.in_units(ind(Indicator::HigherPedEducation, &[Green, Yellow]))
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
        self.without_education();
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

    pub(super) fn potential(&mut self) {
        self.lead(
            "Таким образом, по совокупности результатов мониторинга 1 и 2 направлений можно сделать вывод о \
             наличии следующих уровней кадрового потенциала сотрудников ММС:",
        );
        let m = self.m;
        for level in [PotentialLevel::Sufficient, PotentialLevel::Admissible, PotentialLevel::Critical] {
            let text = self.counted(|a| a.potential.level == level);
            self.item(format!("{} уровень кадрового потенциала — {text};", m.text(level)));
        }
        let none = self.names(|a| a.potential.level == PotentialLevel::Undetermined);
        if !none.is_empty() {
            self.item(format!(
                "кадровый потенциал {} — в {} {} ({}), где нет сотрудников или сведений о них: {}.",
                m.text(PotentialLevel::Undetermined),
                none.len(),
                municipalities_loc(none.len()),
                percent(none.len(), self.n),
                none.join(", ")
            ));
        }
        self.body(format!(
            "Уровень определяется так: {} — {} и более показателя блока 2 красные или синие; \
             {} — нет красных и синих показателей, не менее {} зелёных и количество сотрудников \
             оптимальное или допустимое; {} — в остальных случаях.",
            m.text(PotentialLevel::Critical),
            m.potential_critical_min_red,
            m.text(PotentialLevel::Sufficient),
            m.potential_sufficient_min_green,
            m.text(PotentialLevel::Admissible)
        ));
    }

    /// The seed's observation that optimal staffing does not depend on the kind of
    /// municipality, counted by the kind each name states (`MunicipalityKind::of_name`: ГО,
    /// МР, МО, ЗАТО), and the largest staff. The 2022 note counted Ханкайский МО, a municipal
    /// okrug, with the city okrugs («6 городских округов и 6 муниципальных районов»); the kind
    /// in its own table 1 is МО, so it is counted as one here (docs/report.md).
    fn optimal_by_type(&mut self) {
        use crate::model::registry::MunicipalityKind;
        let optimal = self.names(|a| a.staff_count_level.level == StaffCountLevel::Optimal);
        let kinds: Vec<(usize, &str)> = [
            (MunicipalityKind::Go, ("городского округа", "городских округов")),
            (MunicipalityKind::Mr, ("муниципального района", "муниципальных районов")),
            (MunicipalityKind::Mo, ("муниципального округа", "муниципальных округов")),
            (
                MunicipalityKind::Zato,
                (
                    "закрытого административно-территориального образования",
                    "закрытых административно-территориальных образований",
                ),
            ),
        ]
        .into_iter()
        .map(|(kind, (one, many))| {
            let k = optimal.iter().filter(|name| MunicipalityKind::of_name(name) == Some(kind)).count();
            (k, if k % 10 == 1 && k % 100 != 11 { one } else { many })
        })
        .filter(|(k, _)| *k > 0)
        .collect();
        if kinds.len() >= 2 {
            let parts: Vec<String> = kinds.iter().map(|(k, what)| format!("{k} {what}")).collect();
            self.body(format!(
                "Оптимальное количество сотрудников имеют ММС {}: оно не зависит от того, городской это округ \
                 или муниципальный район.",
                join_and(&parts)
            ));
        }
        let largest = self
            .a
            .municipalities
            .iter()
            .filter(|a| a.service_declared)
            .filter_map(|a| Some((a.staff_count?, a.municipality.as_str())))
            .max_by_key(|(k, _)| *k);
        if let Some((k, name)) = largest {
            self.body(format!(
                "Избыточное количество сотрудников ММС не было зафиксировано нигде: наибольший штат — {} \
                 ({name}).",
                crate::methodology::text::staff_count(k)
            ));
        }
    }

    /// Services where no one has higher pedagogical education, counted from the staff lists.
    fn without_education(&mut self) {
        let none: Vec<&str> = self
            .campaign
            .responses
            .iter()
            .filter(|r| {
                let Some(staff) = &r.staff else { return false };
                !staff.is_empty() && staff.iter().all(|s| s.education != crate::model::Education::HigherPedagogical)
            })
            .map(|r| r.municipality.as_str())
            .collect();
        if !none.is_empty() {
            let text = self.counted(|a| none.contains(&a.municipality.as_str()));
            self.body(format!("Нет ни одного сотрудника с высшим педагогическим образованием {text}."));
        }
    }
}
