//! Block 3 of the results: job duties against the РСНМС functions, outdated job descriptions
//! and teacher associations.

use super::*;

impl Note<'_> {
    pub(super) fn block3(&mut self) {
        let m = self.m;
        let total = Function::ALL.len();
        self.body(format!(
            "Должностные обязанности сотрудников ММС сравнивались с {total} функциями, которые региональная \
             система научно-методического сопровождения педагогических работников и управленческих кадров \
             (далее — РСНМС) определяет для муниципальных методических служб; учитывалось также, действуют ли в \
             муниципалитете муниципальные методические объединения педагогов (далее — ММО) и другие \
             профессиональные объединения."
        ));
        self.legend(
            vec![
                vec![
                    filled("Зелёный", Colour::Green),
                    Cell::text(format!("{} (отражены все {total} функций РСНМС)", m.text(DutiesLevel::Complies))),
                    Cell::text(m.text(AssociationsLevel::MmoAndOther)),
                ],
                vec![
                    filled("Жёлтый", Colour::Yellow),
                    Cell::text(format!(
                        "{} (от {} до {} функций)",
                        m.text(DutiesLevel::Partial),
                        m.duties_partial_min,
                        total - 1
                    )),
                    Cell::text(format!("{}; либо объединения педагогов без ММО", m.text(AssociationsLevel::MmoOnly))),
                ],
                vec![
                    filled("Красный", Colour::Red),
                    Cell::text(format!("{} (менее {} функций)", m.text(DutiesLevel::Not), m.duties_partial_min)),
                    Cell::text(m.text(AssociationsLevel::None)),
                ],
                vec![
                    filled("Серый", Colour::Grey),
                    Cell::text(m.text(DutiesLevel::NoInfo)),
                    Cell::text(m.text(AssociationsLevel::NoInfo)),
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
             РСНМС для муниципальных методических служб.",
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

        let provided = self.in_units(|a| a.duties.level != DutiesLevel::NoInfo);
        let mut missing: Vec<(Function, usize)> = Function::ALL
            .iter()
            .map(|f| (*f, self.count(|a| a.missing_functions.contains(f))))
            .filter(|(_, k)| *k > 0)
            .collect();
        missing.sort_by_key(|(_, k)| std::cmp::Reverse(*k));
        if !missing.is_empty() {
            self.lead(format!(
                "В должностных обязанностях сотрудников ММС отсутствуют указания на выполнение следующих функций \
                 (документы с должностными обязанностями предоставлены {provided}; после тире — число и доля от \
                 всех участников мониторинга):"
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
                "Кроме того, {} должностные инструкции не обновлялись более {} лет:",
                self.in_units(|a| a.duties_outdated),
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
            "По результатам анализа документов, представленных ММС (положения о ММО, планы работы ММС и ММО, «дорожные карты» и т. д.), установлено, что ММО \
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
        let network = self.names(|a| a.other_structures.iter().any(|s| s.to_lowercase().contains("сетев")));
        match network.as_slice() {
            [] => {}
            [one] => self
                .body(format!("Сетевое взаимодействие педагогов организовано только в одном муниципалитете — {one}.")),
            many => self.body(format!(
                "Сетевое взаимодействие педагогов организовано {}: {}.",
                self.in_units(|a| many.contains(&a.municipality.as_str())),
                many.join(", ")
            )),
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
}
