//! The validated types of a programme. Only the reader builds them, so the rest of the program
//! can rely on what the reader checked: codes are unique, every target and value names a declared
//! indicator and period, and every value has the shape of its indicator's kind.

use crate::model::enums::coded_enum;
use chrono::NaiveDate;

coded_enum! {
    /// Who owns the programme.
    OwnerKind {
        Municipality => "municipality", "муниципалитет";
        Region => "region", "регион";
    }
}

coded_enum! {
    /// How often the programme reports.
    Reporting {
        Year => "year", "ежегодно";
        HalfYear => "half_year", "два раза в год";
    }
}

coded_enum! {
    /// What an indicator measures.
    Kind {
        Share => "share", "доля (числитель и знаменатель)";
        Count => "count", "количество";
        YesNo => "yes_no", "да или нет";
        Text => "text", "текст";
    }
}

coded_enum! {
    /// How a value is compared with its target.
    Direction {
        AtLeast => "at_least", "не менее";
        AtMost => "at_most", "не более";
        Exactly => "exactly", "ровно";
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Owner {
    pub kind: OwnerKind,
    /// The municipality or region as the source document names it.
    pub name: String,
    /// The region a municipal owner belongs to.
    pub region: Option<String>,
}

/// A reporting period: a calendar year, or one of its halves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    /// 1 or 2 for half-years; `None` for a whole year.
    pub half: Option<u8>,
}

impl Period {
    /// Years the format accepts; outside them a period is almost surely a typo.
    pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

    /// Parses `2021` or `2021-1` / `2021-2`.
    pub fn parse(code: &str) -> Option<Period> {
        let (year, half) = match code.split_once('-') {
            Some((y, "1")) => (y, Some(1)),
            Some((y, "2")) => (y, Some(2)),
            Some(_) => return None,
            None => (code, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        Period::YEARS.contains(&year).then_some(Period { year, half })
    }

    /// The code used in files, the database and `--period`.
    pub fn code(self) -> String {
        match self.half {
            Some(h) => format!("{}-{h}", self.year),
            None => self.year.to_string(),
        }
    }

    /// «2021 г.», «I полугодие 2022 г.».
    pub fn label(self) -> String {
        match self.half {
            Some(1) => format!("I полугодие {} г.", self.year),
            Some(_) => format!("II полугодие {} г.", self.year),
            None => format!("{} г.", self.year),
        }
    }

    /// The last day of the period: the plan's statuses and the default reporting date use it.
    pub fn end(self) -> NaiveDate {
        let (month, day) = if self.half == Some(1) { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MIN)
    }

    pub fn reporting(self) -> Reporting {
        if self.half.is_some() { Reporting::HalfYear } else { Reporting::Year }
    }
}

/// A target's value, in the indicator's own terms.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetValue {
    /// Percent for shares (70 = 70 %), a number for counts.
    Number(f64),
    YesNo(bool),
    /// What a free-text indicator should report; judged by the analyst.
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// `None`: the same target in every period.
    pub period: Option<Period>,
    pub value: TargetValue,
    /// The target as the source document words it («не менее 60% высокий, повышенный, базовый уровень»).
    pub wording: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub code: String,
    pub title: String,
    pub kind: Kind,
    /// «%» for shares unless given; for counts e.g. «объединений».
    pub unit: Option<String>,
    pub direction: Direction,
    /// Values are entered for each organisation; the indicator is met where every organisation meets it.
    pub per_organisation: bool,
    pub targets: Vec<Target>,
    /// The fact before the programme started, as the source gives it (no period of its own).
    pub baseline: Option<EntryValue>,
    pub collection_method: Option<String>,
    /// The form the result is recorded in («Мониторинг кадровых потребностей»).
    pub evidence: Option<String>,
    pub responsible: Option<String>,
}

impl Indicator {
    /// The target for a period: a period-specific one wins over an every-period one.
    pub fn target(&self, period: Period) -> Option<&Target> {
        self.targets
            .iter()
            .find(|t| t.period == Some(period))
            .or_else(|| self.targets.iter().find(|t| t.period.is_none()))
    }
}

/// An entered value, in the indicator's own terms.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryValue {
    Share {
        numerator: f64,
        denominator: f64,
    },
    /// A share known only as a percentage (a published fact).
    Percent(f64),
    Count(f64),
    YesNo(bool),
    /// Free text with the analyst's judgement whether it meets the target.
    Text {
        text: String,
        achieved: Option<bool>,
    },
}

/// One value: an indicator in a period for a reporting unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub indicator: String,
    pub period: Period,
    /// `None`: the programme's owner.
    pub municipality: Option<String>,
    /// Set for per-organisation indicators.
    pub organisation: Option<String>,
    pub value: EntryValue,
    /// Where the value comes from («отчёт УО за 2021 г.»).
    pub source: Option<String>,
}

/// An activity of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub number: String,
    pub title: String,
    /// The time as the plan words it («Июнь-август 2022», «Ежегодно (август)»).
    pub term: Option<String>,
    /// The last day of `term`, where it names one; recurring activities have none.
    pub deadline: Option<NaiveDate>,
    pub responsible: Option<String>,
    pub participants: Option<String>,
    pub expected_result: Option<String>,
    /// The day it was completed, once it is.
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// A short stable code: the database and the XLSX template find the programme by it.
    pub code: String,
    pub title: String,
    pub owner: Owner,
    /// The document the programme comes from.
    pub source: Option<String>,
    pub reporting: Reporting,
    /// In order, each of the `reporting` kind.
    pub periods: Vec<Period>,
    /// Municipalities asked for values (a region collecting one programme from all of them);
    /// empty: the owner reports for itself.
    pub municipalities: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub values: Vec<Entry>,
    pub plan: Vec<Activity>,
}

impl Programme {
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// «2021–2024».
    pub fn span(&self) -> String {
        match (self.periods.first(), self.periods.last()) {
            (Some(a), Some(b)) if a.year != b.year => format!("{}–{}", a.year, b.year),
            (Some(a), _) => a.year.to_string(),
            _ => String::new(),
        }
    }

    /// The reporting units: the asked municipalities, else the owner.
    pub fn units(&self) -> Vec<String> {
        if self.municipalities.is_empty() { vec![self.owner.name.clone()] } else { self.municipalities.clone() }
    }

    /// The unit a value belongs to.
    pub fn unit_of<'a>(&'a self, entry: &'a Entry) -> &'a str {
        entry.municipality.as_deref().unwrap_or(&self.owner.name)
    }

    /// Adds or replaces a value (same indicator, period, municipality and organisation).
    pub fn set_value(&mut self, entry: Entry) {
        let same = |e: &Entry| {
            e.indicator == entry.indicator
                && e.period == entry.period
                && e.municipality == entry.municipality
                && e.organisation == entry.organisation
        };
        match self.values.iter_mut().find(|e| same(e)) {
            Some(existing) => *existing = entry,
            None => self.values.push(entry),
        }
    }
}
