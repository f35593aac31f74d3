//! The levels the methodology assigns. Each level owns its code (interchange and `assess --json`),
//! its Russian label as the note writes it, and its colour role.

/// Colour role of a level; the screen and the PDF map these to actual colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    Green,
    Yellow,
    Red,
    Blue,
    /// Not assessed / no information.
    Grey,
}

impl Colour {
    pub fn code(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
            Colour::Blue => "blue",
            Colour::Grey => "grey",
        }
    }

    /// Russian name of the colour, as in the note's legends.
    pub fn label(self) -> &'static str {
        match self {
            Colour::Green => "зелёный",
            Colour::Yellow => "жёлтый",
            Colour::Red => "красный",
            Colour::Blue => "синий",
            Colour::Grey => "серый",
        }
    }
}

/// A level of the methodology: its group and code (the keys of `levels` in the methodology file
/// and of `assess --json`), its built-in text and its colour role. Users read a level through
/// [`Methodology::text`](super::Methodology::text), which prefers the campaign's own wording.
pub trait Level: Copy + 'static {
    /// The key of the level's group in the methodology file (`service`, `staff_count`, …).
    const GROUP: &'static str;
    /// Every level of the group, in the methodology's order.
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    /// The text of `primorye-2022`, used when a methodology gives no text of its own.
    fn builtin_text(self) -> &'static str;
    fn colour(self) -> Colour;
}

/// Declares a level enum: code, built-in text and colour role of each variant. There is no
/// `label()`: what users read comes from the methodology (`Methodology::text`).
macro_rules! level_enum {
    ($(#[$meta:meta])* $name:ident = $group:literal { $($variant:ident => $code:literal, $label:literal, $colour:ident;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order of the methodology.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in files and `assess --json`.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn colour(self) -> Colour {
                match self { $($name::$variant => Colour::$colour),+ }
            }
        }

        impl Level for $name {
            const GROUP: &'static str = $group;

            fn all() -> &'static [Self] {
                $name::ALL
            }

            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn builtin_text(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            fn colour(self) -> Colour {
                $name::colour(self)
            }
        }
    };
}

level_enum! {
    /// Block 1: presence and form of the service.
    ServiceLevel = "service" {
        Green => "green", "ММС функционирует в виде отдельной организации", Green;
        Yellow => "yellow", "ММС входит в состав МОУО в виде методического отдела или отдельных специалистов", Yellow;
        Red => "red", "Наличие ММС не заявлено", Red;
    }
}

level_enum! {
    /// Block 1: number of staff.
    StaffCountLevel = "staff_count" {
        Optimal => "optimal", "оптимальная", Green;
        Admissible => "admissible", "допустимая", Yellow;
        Insufficient => "insufficient", "недостаточная", Red;
        None => "none", "сотрудники отсутствуют", Grey;
        NotAssessed => "not_assessed", "не оценивается", Grey;
        NoInfo => "no_info", "информация не предоставлена", Grey;
    }
}

level_enum! {
    /// Block 2: one qualification indicator.
    IndicatorLevel = "indicator" {
        Green => "green", "зелёный", Green;
        Yellow => "yellow", "жёлтый", Yellow;
        Red => "red", "красный", Red;
        Blue => "blue", "синий", Blue;
        NoStaff => "no_staff", "Сотрудники отсутствуют", Grey;
        NoInfo => "no_info", "Информация не предоставлена", Grey;
    }
}

level_enum! {
    /// Blocks 1 and 2 together.
    PotentialLevel = "potential" {
        Sufficient => "sufficient", "достаточный", Green;
        Admissible => "admissible", "допустимый", Yellow;
        Critical => "critical", "критический", Red;
        Undetermined => "undetermined", "не определяется", Grey;
    }
}

level_enum! {
    /// Block 3: job duties against the regional functions.
    DutiesLevel = "duties" {
        Complies => "complies", "Соответствуют", Green;
        Partial => "partial", "Частично соответствуют", Yellow;
        Not => "not", "Не соответствуют", Red;
        NoInfo => "no_info", "Информация не предоставлена", Grey;
    }
}

level_enum! {
    /// Block 3: teacher associations.
    AssociationsLevel = "associations" {
        MmoAndOther => "mmo_and_other", "Организована деятельность ММО и других объединений педагогов", Green;
        MmoOnly => "mmo_only", "Организована деятельность ММО", Yellow;
        OtherOnly => "other_only", "Организована деятельность объединений педагогов без ММО", Yellow;
        None => "none", "Деятельность методических объединений педагогов отсутствует", Red;
        NoInfo => "no_info", "Информация не предоставлена", Grey;
    }
}

impl IndicatorLevel {
    /// Red and blue are the "bad" levels counted by the staffing-potential rule.
    pub fn is_red_or_blue(self) -> bool {
        matches!(self, IndicatorLevel::Red | IndicatorLevel::Blue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert!(seen.insert(code(*v)), "duplicate code {}", code(*v));
                assert_eq!(parse(code(*v)), Some(*v));
            }
        }
        check(ServiceLevel::ALL, ServiceLevel::code, ServiceLevel::from_code);
        check(StaffCountLevel::ALL, StaffCountLevel::code, StaffCountLevel::from_code);
        check(IndicatorLevel::ALL, IndicatorLevel::code, IndicatorLevel::from_code);
        check(PotentialLevel::ALL, PotentialLevel::code, PotentialLevel::from_code);
        check(DutiesLevel::ALL, DutiesLevel::code, DutiesLevel::from_code);
        check(AssociationsLevel::ALL, AssociationsLevel::code, AssociationsLevel::from_code);
    }

    #[test]
    fn colours_follow_the_legends() {
        assert_eq!(ServiceLevel::Yellow.colour(), Colour::Yellow);
        assert_eq!(StaffCountLevel::Insufficient.colour(), Colour::Red);
        assert_eq!(IndicatorLevel::Blue.colour(), Colour::Blue);
        assert_eq!(IndicatorLevel::NoStaff.colour(), Colour::Grey);
        assert_eq!(PotentialLevel::Critical.colour(), Colour::Red);
        assert_eq!(DutiesLevel::Partial.colour(), Colour::Yellow);
        assert_eq!(AssociationsLevel::OtherOnly.colour(), Colour::Yellow);
        assert_eq!(AssociationsLevel::None.colour(), Colour::Red);
    }

    #[test]
    fn severity_order() {
        assert!(IndicatorLevel::Green < IndicatorLevel::Yellow);
        assert!(IndicatorLevel::Red < IndicatorLevel::Blue);
        assert!(IndicatorLevel::Red.is_red_or_blue() && IndicatorLevel::Blue.is_red_or_blue());
        assert!(!IndicatorLevel::Yellow.is_red_or_blue() && !IndicatorLevel::NoStaff.is_red_or_blue());
    }
}
