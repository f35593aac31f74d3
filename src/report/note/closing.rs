//! General conclusions, recommendations to МОУО and ММС, and the targeted recommendations of
//! appendix 1.

use super::*;

impl Note<'_> {
    pub(super) fn conclusions(&mut self) {
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

    pub(super) fn recommendations(&mut self) {
        let t = self.t;
        let bold = TextStyle::new(Weight::Bold, 14.0);
        let to = |note: &mut Self, who: &str| {
            let mut p = Paragraph::plain(who, bold, Align::Left);
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
            for (function, _) in missing {
                let units = self.in_units(|a| a.missing_functions.contains(&function));
                self.item_at(format!("{} — не отражена {units};", function.label()), 1);
            }
        }
        for line in rest {
            self.item(t.fill(line));
        }
        self.body("Адресные рекомендации каждому муниципалитету приведены в приложении 1.");
    }

    /// The targeted recommendations of one municipality (methodology.md, "Recommendations"),
    /// in order of need: a municipality without a service is first told to create it, and a
    /// service without staff to staff it; advice about staff and documents follows only when
    /// there are staff and documents to speak of.
    pub(super) fn targeted_for(&self, a: &MunicipalityAssessment) -> Vec<String> {
        let t = self.t;
        if !a.service_declared {
            return vec![t.fill(&t.create_service)];
        }
        let mut out = Vec::new();
        let staffed = !matches!(a.staff_count_level.level, StaffCountLevel::None | StaffCountLevel::NoInfo);
        match a.staff_count_level.level {
            StaffCountLevel::None => out.push(t.fill(&t.hire_staff)),
            StaffCountLevel::Insufficient => out.push(t.fill(&t.increase_staff)),
            _ => {}
        }
        if staffed {
            if a.indicator(Indicator::HigherPedEducation).level == IndicatorLevel::Red {
                out.push(t.fill(&t.education));
            }
            if a.indicator(Indicator::SchoolExperience).level == IndicatorLevel::Red {
                out.push(t.fill(&t.school));
            }
            if a.indicator(Indicator::Training).level.is_red_or_blue() {
                out.push(t.fill(&t.training));
            }
            if a.potential.level == PotentialLevel::Critical {
                out.push(t.fill(&t.potential));
            }
            let revise =
                matches!(a.duties.level, DutiesLevel::Not | DutiesLevel::Partial) && !a.missing_functions.is_empty();
            let outdated = a.duties_approved_year.filter(|_| a.duties_outdated);
            if revise {
                // By their numbers in the list of appendix 3: the names are in the recommendations
                // to ММС, and a list of names repeated for every municipality would drown the advice.
                let numbers: Vec<String> = Function::ALL
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| a.missing_functions.contains(f))
                    .map(|(index, _)| (index + 1).to_string())
                    .collect();
                let functions = [format!("№ {}", join_and(&numbers)), "(перечень — в приложении 3)".to_string()];
                // One piece of advice about the same documents: the year goes with the revision.
                let approved = outdated.map(|year| format!(" (утверждены в {year} году)")).unwrap_or_default();
                let text =
                    t.fill(&t.duties).replace("{functions}", &functions.join(" ")).replace("{approved}", &approved);
                out.push(text);
            } else if let Some(year) = outdated {
                out.push(t.fill(&t.outdated).replace("{year}", &year.to_string()));
            }
        }
        match a.associations.level {
            AssociationsLevel::MmoOnly => out.push(t.fill(&t.mmo_only)),
            AssociationsLevel::OtherOnly | AssociationsLevel::None => out.push(t.fill(&t.no_mmo)),
            _ => {}
        }
        let what: Vec<&str> = a
            .missing_parts()
            .into_iter()
            .filter(|part| staffed || *part != Part::Duties)
            .map(|part| match part {
                Part::Staff => "сведения о сотрудниках",
                Part::Duties => "должностные инструкции сотрудников",
                Part::Associations => "сведения об объединениях педагогов",
            })
            .collect();
        if !what.is_empty() {
            out.push(t.fill(&t.missing_data).replace("{what}", &what.join(", ")));
        }
        out
    }

    /// Appendix 1: advice shared by several municipalities is said once with their list;
    /// what is left is given per municipality. Both lists are numbered from 1 without gaps.
    pub(super) fn targeted(&mut self) {
        let advice: Vec<(&str, Vec<String>)> =
            self.a.municipalities.iter().map(|a| (a.municipality.as_str(), self.targeted_for(a))).collect();
        // Each distinct advice with the municipalities it is given to, in order of first use.
        let mut shared: Vec<(String, Vec<&str>)> = Vec::new();
        for (name, items) in &advice {
            for item in items {
                match shared.iter_mut().find(|(text, _)| text == item) {
                    Some((_, names)) => names.push(name),
                    None => shared.push((item.clone(), vec![name])),
                }
            }
        }
        shared.retain(|(_, names)| names.len() > 1);
        // In the order of the rules (create the service, staff it, … provide data).
        let t = self.t;
        let rules = [
            &t.create_service,
            &t.hire_staff,
            &t.increase_staff,
            &t.education,
            &t.school,
            &t.training,
            &t.potential,
            &t.duties,
            &t.outdated,
            &t.mmo_only,
            &t.no_mmo,
            &t.missing_data,
        ];
        // Each rule's words before its first placeholder, filled once rather than at every comparison.
        let starts: Vec<String> =
            rules.iter().map(|rule| t.fill(rule).split('{').next().unwrap_or_default().to_string()).collect();
        let rank = |text: &str| starts.iter().position(|start| text.starts_with(start.as_str()));
        shared.sort_by_key(|(text, _)| rank(text).unwrap_or(usize::MAX));
        self.body(
            "Рекомендации сформированы по уровням показателей каждого муниципалитета (таблицы 1–3) по правилам, \
             изложенным в приложении 3. Рекомендация, относящаяся к нескольким муниципалитетам, приведена один \
             раз со списком муниципалитетов; ниже — рекомендации отдельным муниципалитетам.",
        );
        let name_style = TextStyle::new(Weight::Bold, 14.0);
        let subheading = |note: &mut Self, text: &str| {
            let mut p = Paragraph::plain(text, name_style, Align::Left);
            p.space_before = 6.0;
            p.space_after = 2.0;
            p.keep_with_next = true;
            note.push(p);
        };
        if !shared.is_empty() {
            subheading(self, "Рекомендации нескольким муниципалитетам");
            for (index, (text, names)) in shared.iter().enumerate() {
                // The lead-in in bold, so the eye finds where each shared advice begins.
                let lead = format!("Для {} {}", names.len(), municipalities_gen(names.len()));
                let rest = format!(" ({}): {}.", names.join(", "), text);
                self.numbered(index + 1, Span::lead_in(lead, rest));
            }
        }
        let specific: Vec<(&str, Vec<&String>)> = advice
            .iter()
            .map(|(name, items)| {
                (*name, items.iter().filter(|i| !shared.iter().any(|(text, _)| text == *i)).collect::<Vec<_>>())
            })
            .filter(|(_, items)| !items.is_empty())
            .collect();
        if !specific.is_empty() {
            subheading(self, "Рекомендации отдельным муниципалитетам");
        }
        for (index, (name, items)) in specific.into_iter().enumerate() {
            let mut p = Paragraph::plain(format!("{}. {name}", index + 1), BODY, Align::Left);
            p.first_indent = INDENT;
            p.space_before = 4.0;
            p.keep_with_next = true;
            self.push(p);
            self.items(items.into_iter().cloned().collect());
        }
        if self.options.show_staff_names {
            // Personal data, on request only: the staff of every service, after the advice.
            let listed: Vec<&str> = self
                .a
                .municipalities
                .iter()
                .filter(|a| !self.staff_names(&a.municipality).is_empty())
                .map(|a| a.municipality.as_str())
                .collect();
            if !listed.is_empty() {
                subheading(self, "Сотрудники ММС");
                for name in listed {
                    let staff = self.staff_names(name);
                    self.item(format!("{name}: {staff}"));
                }
            }
        }
        let without: Vec<&str> = advice.iter().filter(|(_, items)| items.is_empty()).map(|(name, _)| *name).collect();
        if !without.is_empty() {
            self.body(format!("Адресные рекомендации не требуются: {}.", without.join(", ")));
        }
    }

    /// Names and positions of a municipality's staff (personal data: only on request).
    pub(super) fn staff_names(&self, municipality: &str) -> String {
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
}
