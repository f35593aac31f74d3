//! The enumerations of the questionnaire, each with its interchange code and Russian label.

/// Declares an enum whose variants map one-to-one onto interchange codes and Russian labels.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order of the methodology.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in files and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Russian label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The accepted codes, for error messages.
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

pub(crate) use coded_enum;

coded_enum! {
    /// Organisational form of the municipal methodical service.
    ServiceForm {
        SeparateOrg => "separate_org", "отдельная организация";
        MoouoDepartment => "moouo_department", "методический отдел в составе МОУО";
        MoouoSpecialists => "moouo_specialists", "отдельные специалисты в составе МОУО";
        NotDeclared => "not_declared", "наличие ММС не заявлено";
    }
}

coded_enum! {
    /// Education of a staff member.
    Education {
        HigherPedagogical => "higher_pedagogical", "высшее педагогическое";
        HigherOther => "higher_other", "высшее непедагогическое";
        SecondaryVocational => "secondary_vocational", "среднее профессиональное";
        Other => "other", "иное";
    }
}

coded_enum! {
    /// A function of a municipal service defined by the regional support system (РСНМС).
    Function {
        FiokoAssessment => "fioko_assessment",
            "подготовка и сопровождение оценки механизмов управления качеством образования (ФИОКО)";
        QualityAssessment => "quality_assessment", "участие в оценке качества общего образования";
        TargetedSupport => "targeted_support",
            "адресная (персонифицированная) помощь педагогам, испытывающим трудности";
        PracticesBank => "practices_bank",
            "формирование открытого муниципального банка лучших образовательных практик";
        Mentoring => "mentoring", "сопровождение региональной модели наставничества";
        GrowthPoints => "growth_points",
            "методическое сопровождение педагогов центров «Точка роста»";
        HorizontalLearning => "horizontal_learning",
            "организация горизонтального обучения (стажировки, мастер-классы, обмен опытом)";
        Infrastructure => "infrastructure",
            "формирование методической инфраструктуры помимо ММО (группы, ассоциации, советы)";
    }
}

impl ServiceForm {
    /// Whether the form itself declares a service (before looking at the start date).
    pub fn is_declared(self) -> bool {
        self != ServiceForm::NotDeclared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for f in ServiceForm::ALL {
            assert_eq!(ServiceForm::from_code(f.code()), Some(*f));
        }
        for e in Education::ALL {
            assert_eq!(Education::from_code(e.code()), Some(*e));
        }
        for f in Function::ALL {
            assert_eq!(Function::from_code(f.code()), Some(*f));
        }
        assert_eq!(Function::ALL.len(), 8);
        assert_eq!(Education::from_code("higher"), None);
    }

    #[test]
    fn only_not_declared_is_undeclared() {
        assert!(ServiceForm::SeparateOrg.is_declared());
        assert!(ServiceForm::MoouoDepartment.is_declared());
        assert!(ServiceForm::MoouoSpecialists.is_declared());
        assert!(!ServiceForm::NotDeclared.is_declared());
    }
}
