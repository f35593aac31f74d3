//! The editable texts of the note: title page, introduction, deadlines and recommendation
//! wording. Defaults are the wording of the 2022 Primorye note; each text is stored per
//! campaign under its key (`Db::texts` / `Db::set_text`). Multi-line texts hold one list
//! item or paragraph a line. `{deadline}`, `{year}`, `{functions}`, `{approved}` and `{what}` are
//! filled in.

use crate::model::Campaign;
use chrono::{Datelike, Days};
use std::collections::BTreeMap;

/// Declares the text fields once: struct, key → field mapping and the list for editors.
macro_rules! note_texts {
    ($($field:ident => $key:literal, $label:literal;)+) => {
        /// The editable texts of the analytical note.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct NoteTexts {
            $(#[doc = $label] pub $field: String,)+
        }

        /// Every editable text: its storage key and a Russian label for the editor.
        pub const FIELDS: &[(&str, &str)] = &[$(($key, $label)),+];

        impl NoteTexts {
            /// The text stored under `key`.
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $($key => Some(&self.$field),)+
                    _ => None,
                }
            }

            /// Sets the text stored under `key`; false for an unknown key.
            pub fn set(&mut self, key: &str, value: &str) -> bool {
                match key {
                    $($key => self.$field = value.to_string(),)+
                    _ => return false,
                }
                true
            }
        }
    };
}

note_texts! {
    institution => "document.institution", "Полное наименование учреждения";
    institution_short => "document.institution_short", "Краткое наименование учреждения";
    approver_position => "document.approver.position", "Утверждает: должность";
    approver_name => "document.approver.name", "Утверждает: инициалы и фамилия";
    executor_position => "document.executor.position", "Выполнил: должность";
    executor_name => "document.executor.name", "Выполнил: инициалы и фамилия";
    agreed_position => "document.agreed.position", "Согласовано: должность";
    agreed_name => "document.agreed.name", "Согласовано: инициалы и фамилия";
    city => "document.city", "Город";
    year => "document.year", "Год";
    subject => "note.subject", "Предмет справки (после слов «по результатам»)";
    region_genitive => "note.region_genitive", "Регион в родительном падеже";
    basis => "note.introduction.basis", "Введение: основание проведения";
    purpose => "note.introduction.purpose", "Введение: цель мониторинга";
    tasks => "note.introduction.tasks", "Введение: задачи (первая строка — вводная, далее по строке на задачу)";
    object => "note.introduction.object", "Введение: объект мониторинга";
    general => "note.general", "Общие сведения (по абзацу на строку)";
    deadline => "note.deadline", "Срок в рекомендациях";
    moouo => "note.recommendations.moouo", "Рекомендации МОУО (по строке на пункт)";
    mms => "note.recommendations.mms", "Рекомендации ММС (по строке на пункт; после первого — пункт о функциях)";
    duties_lead => "note.recommendations.duties", "Рекомендация ММС о должностных обязанностях (перед списком функций)";
    create_service => "note.targeted.create_service", "Адресная: ММС не заявлена";
    hire_staff => "note.targeted.hire_staff", "Адресная: сотрудники отсутствуют";
    increase_staff => "note.targeted.increase_staff", "Адресная: недостаточное количество сотрудников";
    education => "note.targeted.education", "Адресная: высшее педагогическое образование — красный уровень";
    school => "note.targeted.school", "Адресная: ни у кого нет опыта работы в ОО";
    training => "note.targeted.training", "Адресная: повышение квалификации (красный или синий)";
    potential => "note.targeted.potential", "Адресная: критический кадровый потенциал";
    duties => "note.targeted.duties", "Адресная: должностные инструкции без функций РСНМС ({functions}, {approved} — год устаревших)";
    outdated => "note.targeted.outdated", "Адресная: устаревшие должностные инструкции ({year})";
    mmo_only => "note.targeted.mmo_only", "Адресная: действуют только ММО";
    no_mmo => "note.targeted.no_mmo", "Адресная: нет ММО";
    missing_data => "note.targeted.missing_data", "Адресная: сведения не предоставлены ({what})";
}

impl Default for NoteTexts {
    /// The wording of the 2022 Primorye note, with empty title-page people.
    fn default() -> Self {
        let s = |t: &str| t.to_string();
        NoteTexts {
            institution: String::new(),
            institution_short: String::new(),
            approver_position: String::new(),
            approver_name: String::new(),
            executor_position: String::new(),
            executor_name: String::new(),
            agreed_position: String::new(),
            agreed_name: String::new(),
            city: String::new(),
            year: String::new(),
            subject: s("мониторинга состояния и деятельности муниципальных методических служб в Приморском крае"),
            region_genitive: s("Приморского края"),
            basis: s("Мониторинг состояния и деятельности муниципальных методических служб в Приморском крае \
                проводился во исполнение приказа министерства образования Приморского края от 05.02.2021 \
                № 23-а-119 «Об утверждении содержания показателей в рамках выполнения государственного задания \
                государственного автономного учреждения дополнительного профессионального образования \
                «Приморский краевой институт развития образования» на 2021 год»."),
            purpose: s("определение состояния и деятельности муниципальных методических служб в Приморском крае, \
                а также ведение реестра работников муниципальных методических служб (в соответствии с Положением \
                о региональной системе научно-методического сопровождения педагогических работников и \
                управленческих кадров, содержанием Соглашений о сотрудничестве с муниципалитетами от 15.09.2021, \
                а также Критериями оценки механизмов управления качеством образования органов местного \
                самоуправления муниципальных районов, городских и муниципальных округов и иных органов, \
                реализующих данные полномочия)."),
            tasks: s("оценить организацию деятельности муниципальных методических служб в Приморском крае по \
                следующим показателям:\n\
                по наличию муниципальной службы в муниципалитете;\n\
                по типу организационной формы (отдельное учреждение, методический кабинет при муниципальном \
                органе управления образованием и т. д.);\n\
                по количеству и должностному составу сотрудников;\n\
                по наличию и содержанию должностных обязанностей сотрудников;\n\
                по уровню и особенностям образования сотрудников;\n\
                по наличию и содержанию дополнительного профессионального образования сотрудников;\n\
                по наличию муниципальных методических объединений и муниципальных методических советов;\n\
                по наличию системы муниципального методического сопровождения профессионального роста педагогов."),
            object: s("состояние и деятельность муниципальных методических служб муниципальных образований \
                Приморского края."),
            general: s("Мониторинг состояния и деятельности муниципальных методических служб в Приморском крае \
                предполагал сбор объективных данных с их последующей верификацией, статистическую обработку и \
                анализ результатов для принятия управленческих решений в виде итогового документа — \
                аналитической справки, в которой содержится информация о состоянии и деятельности \
                муниципальных методических служб в Приморском крае.\n\
                Сбор данных проводился путем заполнения анкеты «Мониторинг состояния и деятельности \
                муниципальных методических служб в Приморском крае».\n\
                Источники получения информации: информационно-диагностический материал.\n\
                В мониторинге состояния и деятельности муниципальных методических служб в Приморском крае \
                принимали участие муниципальные органы управления образованием (далее — МОУО)."),
            deadline: s("21.02.2022"),
            moouo: s("исполнить в полном объеме требования протокола совещания министерства образования \
                Приморского края с руководителями МОУО от 26.10.2021 года в части необходимости создания и \
                обновления содержания работы ММС, а также в части пересмотра должностных обязанностей \
                сотрудников с учетом ведущих отраслевых документов;"),
            mms: s("провести анализ и выявить причины недостаточного включения сотрудников в процесс повышения \
                собственной квалификации, взять на контроль обучение сотрудников по программам дополнительного \
                профессионального образования 1 раз в три года (чаще при необходимости);\n\
                с целью повышения кадровых возможностей ММС разработать инструменты привлечения педагогов, \
                имеющих высокий уровень методических компетенций, в качестве муниципальных тьюторов, \
                муниципального методического актива;\n\
                провести анализ деятельности ММО учителей-предметников с целью оценки эффективности \
                функционирования указанных объединений, выявить потребность и создать эффективные структурные \
                компоненты методической поддержки педагогов на муниципальном уровне (творческие группы по \
                актуальным направлениям развития образования, экспертные сообщества, ассоциации, методические \
                активы, методические советы и т. д.);\n\
                разработать систему оказания адресной (персонифицированной) практической помощи педагогам в \
                решении конкретных методических и предметных затруднений;\n\
                разработать систему выявления лучших педагогических практик по ведущим направлениям развития \
                образования, создать открытый муниципальный банк указанных практик, а также систему работы с \
                банком (проведение открытых уроков — презентаций лучшей практики, организация мастер-классов и т. д.)."),
            duties_lead: s("провести анализ нормативно-правовой базы, регламентирующей деятельность ММС (в том числе \
                должностных обязанностей сотрудников), переработать и привести ее в соответствие с РСНМС, отразив \
                в должностных обязанностях специалистов следующие функции:"),
            create_service: s("обеспечить создание и функционирование ММС в срок до {deadline}"),
            hire_staff: s("укомплектовать ММС сотрудниками в срок до {deadline}"),
            increase_staff: s("рассмотреть возможность увеличения штатного состава службы в срок до {deadline}"),
            education: s("при подборе сотрудников ММС учитывать наличие высшего педагогического образования, \
                сотрудникам без него рекомендовать профессиональную переподготовку"),
            school: s("привлекать к работе ММС специалистов с опытом работы в образовательных организациях \
                (в том числе в качестве муниципальных тьюторов)"),
            training: s("взять на контроль обучение сотрудников по программам дополнительного профессионального \
                образования не реже 1 раза в три года"),
            potential: s("разработать программу профессионального развития сотрудников ММС"),
            duties: s("переработать должностные инструкции сотрудников{approved}, отразив в них недостающие функции \
                РСНМС: {functions}"),
            outdated: s("обновить должностные инструкции (утверждены в {year} году)"),
            mmo_only: s("создать дополнительные структуры методической поддержки педагогов (творческие, \
                экспертные, проблемные группы, советы, ассоциации)"),
            no_mmo: s("организовать деятельность муниципальных методических объединений педагогов (ММО)"),
            missing_data: s("предоставить {what} к следующему мониторингу"),
        }
    }
}

impl NoteTexts {
    /// The defaults for a campaign: the seed's wording, with the title page from
    /// `campaign.document` and subject, region and deadline derived from the campaign.
    pub fn defaults_for(campaign: &Campaign) -> NoteTexts {
        let mut texts = NoteTexts::default();
        if let Some(d) = &campaign.document {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            texts.institution = text(&d.institution);
            texts.institution_short = text(&d.institution_short);
            texts.city = text(&d.city);
            texts.year = d.year.map(|y| y.to_string()).unwrap_or_default();
            for (official, (position, name)) in [&d.approver, &d.executor, &d.agreed].into_iter().zip([
                (&mut texts.approver_position, &mut texts.approver_name),
                (&mut texts.executor_position, &mut texts.executor_name),
                (&mut texts.agreed_position, &mut texts.agreed_name),
            ]) {
                if let Some(o) = official {
                    *position = text(&o.position);
                    *name = text(&o.name);
                }
            }
        }
        let after =
            campaign.reference_date.get().checked_add_days(Days::new(1)).unwrap_or(campaign.reference_date.get());
        if texts.year.is_empty() {
            texts.year = after.year().to_string();
        }
        texts.subject = match campaign.title.strip_prefix("Мониторинг ") {
            Some(rest) => format!("мониторинга {rest}"),
            None => format!("мониторинга «{}»", campaign.title),
        };
        texts.region_genitive = genitive(&campaign.region);
        // The seed gave 52 days after its reference date (31.12.2021 → 21.02.2022).
        let deadline =
            campaign.reference_date.get().checked_add_days(Days::new(52)).unwrap_or(campaign.reference_date.get());
        texts.deadline = crate::methodology::text::date(deadline);
        texts
    }

    /// The seed's wording overridden by stored texts.
    pub fn from_texts(stored: &BTreeMap<String, String>) -> NoteTexts {
        NoteTexts::default().with_texts(stored)
    }

    /// These texts overridden by stored ones (unknown keys are ignored).
    pub fn with_texts(mut self, stored: &BTreeMap<String, String>) -> NoteTexts {
        for (key, value) in stored {
            self.set(key, value);
        }
        self
    }

    /// Every text as key → value, for `Db::set_text`.
    pub fn to_texts(&self) -> BTreeMap<String, String> {
        FIELDS.iter().filter_map(|(key, _)| Some((key.to_string(), self.get(key)?.to_string()))).collect()
    }

    /// The non-empty lines of a multi-line text.
    pub fn lines(text: &str) -> Vec<&str> {
        text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }

    /// `template` with `{deadline}` filled in.
    pub fn fill(&self, template: &str) -> String {
        template.replace("{deadline}", &self.deadline)
    }
}

/// A region name in the genitive: "Приморский край" → "Приморского края". A heuristic for
/// the default only; the text is editable.
pub fn genitive(region: &str) -> String {
    let word = |w: &str| -> String {
        let lower = w.to_lowercase();
        let endings: [(&str, &str); 9] = [
            ("край", "края"),
            ("область", "области"),
            ("округ", "округа"),
            ("республика", "республики"),
            ("ий", "ого"),
            ("ый", "ого"),
            ("ая", "ой"),
            ("ия", "ии"),
            ("ой", "ого"),
        ];
        for (from, to) in endings {
            if lower.ends_with(from) {
                let keep = w.chars().count() - from.chars().count();
                return w.chars().take(keep).collect::<String>() + to;
            }
        }
        w.to_string()
    };
    region.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentInfo, Official};

    fn campaign() -> Campaign {
        Campaign {
            id: None,
            title: "Мониторинг состояния ММС в Приморском крае".into(),
            region: "Приморский край".into(),
            reference_date: crate::model::Date::ymd::<2021, 12, 31>(),
            document: Some(DocumentInfo {
                institution: Some("ГАУ".into()),
                approver: Some(Official {
                    position: Some("ректор".into()), name: Some("А.Б. Иванов".into())
                }),
                ..DocumentInfo::default()
            }),
            responses: vec![],
        }
    }

    #[test]
    fn defaults_come_from_the_campaign() {
        let t = NoteTexts::defaults_for(&campaign());
        assert_eq!(t.institution, "ГАУ");
        assert_eq!(t.approver_position, "ректор");
        assert_eq!(t.approver_name, "А.Б. Иванов");
        assert_eq!(t.executor_name, "");
        assert_eq!(t.year, "2022");
        assert_eq!(t.deadline, "21.02.2022");
        assert_eq!(t.subject, "мониторинга состояния ММС в Приморском крае");
        assert_eq!(t.region_genitive, "Приморского края");
    }

    #[test]
    fn texts_round_trip_through_key_value_pairs() {
        let mut t = NoteTexts::defaults_for(&campaign());
        t.purpose = "новая цель".into();
        let stored = t.to_texts();
        assert_eq!(stored.get("note.introduction.purpose").map(String::as_str), Some("новая цель"));
        assert_eq!(stored.get("document.approver.name").map(String::as_str), Some("А.Б. Иванов"));
        assert_eq!(stored.len(), FIELDS.len());
        assert_eq!(NoteTexts::from_texts(&stored), t);
        let mut partial = BTreeMap::new();
        partial.insert("note.deadline".to_string(), "01.03.2022".to_string());
        partial.insert("unknown.key".to_string(), "x".to_string());
        let merged = NoteTexts::defaults_for(&campaign()).with_texts(&partial);
        assert_eq!(merged.deadline, "01.03.2022");
        assert_eq!(merged.institution, "ГАУ");
    }

    #[test]
    fn keys_are_unique_and_title_keys_match_the_store() {
        let keys: std::collections::HashSet<&str> = FIELDS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), FIELDS.len());
        let doc = crate::storage::texts::document_texts(&campaign().document.unwrap());
        for key in doc.keys() {
            assert!(keys.contains(key.as_str()), "{key}");
        }
    }

    #[test]
    fn region_genitive() {
        assert_eq!(genitive("Приморский край"), "Приморского края");
        assert_eq!(genitive("Амурская область"), "Амурской области");
        assert_eq!(genitive("Тестовая федерация"), "Тестовой федерации");
    }

    #[test]
    fn placeholders_and_lines() {
        let t = NoteTexts::default();
        assert_eq!(t.fill(&t.create_service), "обеспечить создание и функционирование ММС в срок до 21.02.2022");
        assert_eq!(NoteTexts::lines("a\n\n b \n"), ["a", "b"]);
        assert_eq!(NoteTexts::lines(&t.tasks).len(), 9);
    }
}
