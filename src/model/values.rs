//! The bounded values of a questionnaire, each with the one constructor every reader uses.
//!
//! The JSON reader, the workbook and CSV reader and the form all build hours, years of
//! experience, calendar years, dates and municipality names through these constructors, so a
//! value one of them accepts, all accept, and the message for a wrong value is the same
//! everywhere. Each message is Russian and says what is allowed; the caller adds the place
//! (JSON path, cell, field). The limits and why they were chosen: docs/interchange.md.

use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;

/// Hours of an advanced-training course: a whole number from 1 to 10 000. Retraining
/// programmes run to about 2 000 hours; more than 10 000 is a typing error, not a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hours(u32);

impl Hours {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 10_000;

    /// The one constructor: any number a file or a field gives.
    pub fn new(value: f64) -> Result<Hours, String> {
        // Made only for a message: storage reads every stored course through here.
        let range = || format!("от {} до {}", Self::MIN, Self::MAX);
        if !value.is_finite() {
            return Err(format!("число часов — целое число {}", range()));
        }
        if value.fract() != 0.0 {
            return Err(format!("{} — число часов должно быть целым числом", number(value)));
        }
        if !(f64::from(Self::MIN)..=f64::from(Self::MAX)).contains(&value) {
            return Err(format!("{} — число часов должно быть {}", number(value), range()));
        }
        Ok(Hours(value as u32))
    }

    /// Typed text: digits (spaces and a decimal comma tolerated, then checked by [`Hours::new`]).
    pub fn parse(text: &str) -> Result<Hours, String> {
        let text = text.trim();
        let quoted = shorten(text);
        if text.is_empty() {
            return Err(format!("укажите число часов — целое число от {} до {}", Self::MIN, Self::MAX));
        }
        let value = number_from_text(text).ok_or_else(|| {
            format!("«{quoted}» — не число; число часов — целое число от {} до {}", Self::MIN, Self::MAX)
        })?;
        Hours::new(value)
    }

    /// A whole number of hours written in the code (the generator, tests): checked when the
    /// program is compiled, so it can never fail at run time.
    pub const fn of<const N: u32>() -> Hours {
        const { assert!(N >= Self::MIN && N <= Self::MAX, "число часов от 1 до 10000") };
        Hours(N)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl From<Hours> for u32 {
    fn from(hours: Hours) -> u32 {
        hours.0
    }
}

impl From<Hours> for f64 {
    fn from(hours: Hours) -> f64 {
        f64::from(hours.0)
    }
}

impl std::fmt::Display for Hours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Years of experience (in the methodical service or in schools): from 0 to 80, fractions
/// allowed. A working life does not reach 80 years; «85» is usually «8,5» mistyped.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct ExperienceYears(f64);

impl ExperienceYears {
    pub const MIN: f64 = 0.0;
    pub const MAX: f64 = 80.0;

    /// The one constructor.
    pub fn new(value: f64) -> Result<ExperienceYears, String> {
        if !value.is_finite() {
            return Err("стаж — число лет от 0 до 80, например 6,5".into());
        }
        if !(Self::MIN..=Self::MAX).contains(&value) {
            return Err(format!("{} — стаж должен быть от 0 до 80 лет", number(value)));
        }
        // −0.0 is stored and shown as 0.
        Ok(ExperienceYears(value + 0.0))
    }

    /// Typed text: a number with a decimal comma or point.
    pub fn parse(text: &str) -> Result<ExperienceYears, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("укажите стаж в годах (например, 6,5)".into());
        }
        let value = number_from_text(text)
            .ok_or_else(|| format!("«{}» — не число; стаж указывается числом лет, например 6,5", shorten(text)))?;
        ExperienceYears::new(value)
    }

    /// Whole years written in the code (the generator, tests), checked when the program is
    /// compiled.
    pub const fn of<const N: u32>() -> ExperienceYears {
        const { assert!(N as f64 <= Self::MAX, "стаж от 0 до 80 лет") };
        ExperienceYears(N as f64)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl From<ExperienceYears> for f64 {
    fn from(years: ExperienceYears) -> f64 {
        years.0
    }
}

/// The first and last calendar year a date or a year may have (dates of the questionnaire, the
/// year job descriptions were approved, the note's year). Wide enough for a service founded in
/// Soviet times and for planning; narrow enough to catch «01.09.2» or «2202».
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// A calendar year from 1900 to 2100, written with four digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(i32);

impl Year {
    /// The one constructor.
    pub fn new(value: f64) -> Result<Year, String> {
        if !value.is_finite() || value.fract() != 0.0 {
            return Err(format!("{} — год должен быть целым числом, например 2019", number(value)));
        }
        if !(f64::from(FIRST_YEAR)..=f64::from(LAST_YEAR)).contains(&value) {
            return Err(format!("{} — год должен быть от {FIRST_YEAR} до {LAST_YEAR}", number(value)));
        }
        Ok(Year(value as i32))
    }

    /// Typed text: exactly four digits.
    pub fn parse(text: &str) -> Result<Year, String> {
        let text = text.trim();
        let wrong = || format!("«{}» — год пишется четырьмя цифрами, например 2019", shorten(text));
        if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(wrong());
        }
        let value: f64 = text.parse().map_err(|_| wrong())?;
        Year::new(value)
    }

    /// A year written in the code (the generator, tests), checked when the program is compiled.
    pub const fn of<const N: i32>() -> Year {
        const { assert!(N >= FIRST_YEAR && N <= LAST_YEAR, "год от 1900 до 2100") };
        Year(N)
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

impl From<Year> for i32 {
    fn from(year: Year) -> i32 {
        year.0
    }
}

impl From<Year> for f64 {
    fn from(year: Year) -> f64 {
        f64::from(year.0)
    }
}

impl std::fmt::Display for Year {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A date from 01.01.1900 to 31.12.2100 that exists in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// The one constructor: a date already in the calendar (a spreadsheet's date cell), checked
    /// against the range.
    pub fn new(date: NaiveDate) -> Result<Date, String> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            return Err(format!(
                "{} — дата должна быть не раньше 01.01.{FIRST_YEAR} и не позже 31.12.{LAST_YEAR}",
                date.format("%d.%m.%Y")
            ));
        }
        Ok(Date(date))
    }

    /// Year, month and day as written in `text` (quoted in the message).
    pub fn from_parts(year: i32, month: u32, day: u32, text: &str) -> Result<Date, String> {
        let q = shorten(text);
        if !(1..=12).contains(&month) {
            return Err(format!("«{q}» — такой даты не существует: месяцев всего 12"));
        }
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => Date::new(date).map_err(|_| {
                format!("«{q}» — дата должна быть не раньше 01.01.{FIRST_YEAR} и не позже 31.12.{LAST_YEAR}")
            }),
            None => Err(format!(
                "«{q}» — такой даты не существует: в {} {year} года {}",
                MONTHS_PREPOSITIONAL.get(month as usize - 1).copied().unwrap_or_default(),
                days_text(days_in_month(year, month))
            )),
        }
    }

    /// Text as Russians type it (ДД.ММ.ГГГГ, also Д.М.ГГГГ) or in ISO form (ГГГГ-ММ-ДД); the year
    /// always has four digits.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let q = shorten(text);
        if let Some([day, month, year]) = split3(text, '.') {
            return Self::checked_parts(text, year, month, day, (1, 2));
        }
        if let Some([year, month, day]) = split3(text, '-') {
            return Self::checked_parts(text, year, month, day, (2, 2));
        }
        Err(format!("«{q}» — не дата; ожидается дата в виде ДД.ММ.ГГГГ, например 15.04.2021"))
    }

    /// ISO text exactly (ГГГГ-ММ-ДД), as the interchange format writes dates.
    pub fn parse_iso(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let q = shorten(text);
        let shaped = text.len() == 10
            && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
        match split3(text, '-') {
            Some([year, month, day]) if shaped => Self::checked_parts(text, year, month, day, (2, 2)),
            _ => Err(format!("«{q}» — не дата в формате ГГГГ-ММ-ДД")),
        }
    }

    /// Checks the digits of each part (`shortest..=longest` for day and month, four for the year),
    /// then the date itself.
    fn checked_parts(
        text: &str,
        year: &str,
        month: &str,
        day: &str,
        (shortest, longest): (usize, usize),
    ) -> Result<Date, String> {
        let q = shorten(text);
        let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
            range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(day, shortest..=longest) || !digits(month, shortest..=longest) || !digits(year, 1..=usize::MAX) {
            return Err(format!("«{q}» — не дата; ожидается дата в виде ДД.ММ.ГГГГ, например 15.04.2021"));
        }
        if year.len() != 4 {
            return Err(format!("«{q}» — год пишется четырьмя цифрами: ДД.ММ.ГГГГ, например 15.04.2021"));
        }
        let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>()) else {
            return Err(format!("«{q}» — не дата; ожидается дата в виде ДД.ММ.ГГГГ, например 15.04.2021"));
        };
        Date::from_parts(year, month, day, text)
    }

    /// A date written in the code (the generator, tests), checked when the program is compiled.
    pub const fn ymd<const Y: i32, const M: u32, const D: u32>() -> Date {
        const {
            match NaiveDate::from_ymd_opt(Y, M, D) {
                Some(date) if Y >= FIRST_YEAR && Y <= LAST_YEAR => Date(date),
                _ => panic!("дата от 01.01.1900 до 31.12.2100, которая есть в календаре"),
            }
        }
    }

    pub fn get(self) -> NaiveDate {
        self.0
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The date in a chrono format (`%d.%m.%Y`, `%Y`).
    pub fn format<'a>(self, pattern: &'a str) -> chrono::format::DelayedFormat<chrono::format::StrftimeItems<'a>> {
        self.0.format(pattern)
    }
}

/// A date's year: always a [`Year`], since both have the range [`FIRST_YEAR`]–[`LAST_YEAR`].
impl From<Date> for Year {
    fn from(date: Date) -> Year {
        Year(date.0.year())
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> NaiveDate {
        date.0
    }
}

/// ISO form, as chrono writes a date (ГГГГ-ММ-ДД): what the files and the database store.
/// Written digit by digit (an import or export writes tens of thousands of course dates, and
/// chrono's formatter was 4 % of an import); the year always has four digits
/// ([`FIRST_YEAR`]–[`LAST_YEAR`]).
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let year = self.0.year().unsigned_abs();
        let (month, day) = (self.0.month(), self.0.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        f.write_str(std::str::from_utf8(&text).map_err(|_| std::fmt::Error)?)
    }
}

/// The name of a municipality as given: inner spaces collapsed, not empty, at most 200 characters
/// (the longest real name is under 60; a longer one is a pasted paragraph).
///
/// It reads like a `&str` (`Deref`, `AsRef`, `Borrow`, comparisons with text), so a map keyed by
/// names is looked up with a `&str`; the only way to make one is [`MunicipalityName::new`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityName(String);

impl MunicipalityName {
    pub const MAX_CHARS: usize = 200;

    /// The one constructor.
    pub fn new(text: &str) -> Result<MunicipalityName, String> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err("название муниципалитета не заполнено".into());
        }
        let length = name.chars().count();
        if length > Self::MAX_CHARS {
            let start: String = name.chars().take(40).collect();
            return Err(format!("«{start}…» — название муниципалитета длиннее {} знаков ({length})", Self::MAX_CHARS));
        }
        Ok(MunicipalityName(name))
    }

    /// A name of the program's list of a region's municipalities ([`super::registry`]): the
    /// constructor accepts each unchanged (the registry's tests check every one), so the readers
    /// that take the registry's spelling have no error to handle.
    pub(crate) fn registered(name: &'static str) -> MunicipalityName {
        MunicipalityName::new(name).unwrap_or_else(|_| MunicipalityName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A name written in a test, through the constructor.
#[cfg(test)]
pub(crate) fn name(text: &str) -> MunicipalityName {
    MunicipalityName::new(text).unwrap()
}

impl std::ops::Deref for MunicipalityName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for MunicipalityName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Agrees with `Hash`/`Eq` of `str` (both derive from the inner `String`), as `Borrow` requires.
impl std::borrow::Borrow<str> for MunicipalityName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for MunicipalityName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<MunicipalityName> for String {
    fn from(name: MunicipalityName) -> String {
        name.0
    }
}

impl PartialEq<str> for MunicipalityName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for MunicipalityName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for MunicipalityName {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<MunicipalityName> for str {
    fn eq(&self, other: &MunicipalityName) -> bool {
        self == other.0
    }
}

impl PartialEq<MunicipalityName> for &str {
    fn eq(&self, other: &MunicipalityName) -> bool {
        *self == other.0
    }
}

impl PartialEq<MunicipalityName> for String {
    fn eq(&self, other: &MunicipalityName) -> bool {
        *self == other.0
    }
}

const MONTHS_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some()).unwrap_or(28)
}

/// «28 дней», «31 день».
fn days_text(days: u32) -> String {
    if days % 10 == 1 && days % 100 != 11 { format!("{days} день") } else { format!("{days} дней") }
}

/// Three parts separated by `sep`, or `None`.
fn split3(text: &str, sep: char) -> Option<[&str; 3]> {
    let mut parts = text.split(sep);
    let found = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(found)
}

/// At most this many characters of a value are quoted back in a message.
pub const QUOTE_CHARS: usize = 80;

/// `text` cut to [`QUOTE_CHARS`] characters, with «…» when cut: a value quoted in a message
/// never floods the terminal.
pub fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => Cow::Owned(format!("{}…", text.get(..end).unwrap_or_default())),
        None => Cow::Borrowed(text),
    }
}

/// A number written as text: spaces (thousands) dropped, a decimal comma accepted.
pub fn number_from_text(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect();
    // Only digits, one sign and one point: Rust's float parser also takes «inf», «NaN», «1e5».
    let plain = cleaned
        .bytes()
        .enumerate()
        .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && (b == b'-' || b == b'+')));
    if !plain {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number as a message quotes it: whole numbers without a fraction, a decimal comma.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string().replace('.', ",") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn hours_are_whole_from_1_to_10000() {
        assert_eq!(Hours::new(36.0).map(Hours::get), Ok(36));
        assert_eq!(Hours::parse(" 144 ").map(Hours::get), Ok(144));
        assert_eq!(Hours::parse("10000").map(Hours::get), Ok(10_000));
        assert_eq!(Hours::parse("0"), Err("0 — число часов должно быть от 1 до 10000".into()));
        assert_eq!(Hours::parse("-5"), Err("-5 — число часов должно быть от 1 до 10000".into()));
        assert_eq!(Hours::parse("20000"), Err("20000 — число часов должно быть от 1 до 10000".into()));
        assert_eq!(Hours::parse("7,5"), Err("7,5 — число часов должно быть целым числом".into()));
        assert!(Hours::parse("").unwrap_err().starts_with("укажите число часов"));
        assert!(Hours::parse("inf").unwrap_err().contains("не число"));
        assert!(Hours::new(f64::NAN).is_err());
        assert_eq!(Hours::of::<72>(), Hours::new(72.0).unwrap());
        assert_eq!((Hours::of::<144>().to_string(), u32::from(Hours::of::<1>())), ("144".to_string(), 1));
    }

    #[test]
    fn experience_is_0_to_80_years() {
        assert_eq!(ExperienceYears::parse("6,5").map(ExperienceYears::get), Ok(6.5));
        assert_eq!(ExperienceYears::parse("80").map(ExperienceYears::get), Ok(80.0));
        assert_eq!(ExperienceYears::parse("-0").map(ExperienceYears::get), Ok(0.0));
        assert_eq!(ExperienceYears::new(85.0), Err("85 — стаж должен быть от 0 до 80 лет".into()));
        assert_eq!(ExperienceYears::parse("-1"), Err("-1 — стаж должен быть от 0 до 80 лет".into()));
        assert!(ExperienceYears::parse("шесть").unwrap_err().contains("не число"));
        assert!(ExperienceYears::parse("NaN").is_err());
        assert!(ExperienceYears::parse("").unwrap_err().starts_with("укажите стаж"));
    }

    #[test]
    fn years_have_four_digits_from_1900_to_2100() {
        assert_eq!(Year::parse("2019").map(Year::get), Ok(2019));
        assert_eq!(Year::new(1900.0).map(Year::get), Ok(1900));
        assert!(Year::parse("19").unwrap_err().contains("четырьмя цифрами"));
        assert_eq!(Year::parse("2202"), Err("2202 — год должен быть от 1900 до 2100".into()));
        assert_eq!(Year::new(1800.0), Err("1800 — год должен быть от 1900 до 2100".into()));
        assert!(Year::new(2019.5).is_err());
    }

    #[test]
    fn dates_need_a_four_digit_year_and_a_real_day() {
        assert_eq!(Date::parse("15.04.2021").map(Date::get), Ok(ymd(2021, 4, 15)));
        assert_eq!(Date::parse("5.4.2021").map(Date::get), Ok(ymd(2021, 4, 5)));
        assert_eq!(Date::parse("2021-04-15").map(Date::get), Ok(ymd(2021, 4, 15)));
        assert_eq!(Date::parse("29.02.2024").map(Date::get), Ok(ymd(2024, 2, 29)));
        for short in ["01.09.2", "01.09.20", "01.09.200", "31.12.2"] {
            assert!(Date::parse(short).unwrap_err().contains("четырьмя цифрами"), "{short}");
        }
        assert_eq!(
            Date::parse("31.02.2021"),
            Err("«31.02.2021» — такой даты не существует: в феврале 2021 года 28 дней".into())
        );
        assert_eq!(
            Date::parse("31.04.2021"),
            Err("«31.04.2021» — такой даты не существует: в апреле 2021 года 30 дней".into())
        );
        assert!(Date::parse("32.01.2021").unwrap_err().contains("в январе 2021 года 31 день"));
        assert!(Date::parse("01.13.2021").unwrap_err().contains("месяцев всего 12"));
        assert!(Date::parse("01.01.1899").unwrap_err().contains("не раньше 01.01.1900"));
        assert!(Date::parse("вчера").unwrap_err().contains("не дата"));
        assert!(Date::parse("15.04.2021.").is_err());
        assert!(Date::parse("+1.04.2021").is_err());
        assert!(Date::new(ymd(10000, 1, 1)).is_err());
    }

    #[test]
    fn values_written_in_the_code_are_checked_when_compiled() {
        assert_eq!(Date::ymd::<2024, 2, 29>(), Date::parse("29.02.2024").unwrap());
        assert_eq!(Year::of::<2019>(), Year::parse("2019").unwrap());
        assert_eq!(ExperienceYears::of::<80>(), ExperienceYears::new(80.0).unwrap());
        // What the files and the database store, and what the screen shows.
        assert_eq!(Date::ymd::<2021, 12, 31>().to_string(), "2021-12-31");
        for (y, m, d) in [(1900, 1, 1), (2021, 4, 5), (2024, 2, 29), (2100, 12, 31)] {
            let date = Date::new(ymd(y, m, d)).unwrap();
            assert_eq!(date.to_string(), date.get().to_string(), "as chrono writes it");
        }
        assert_eq!(Date::ymd::<2021, 12, 31>().format("%d.%m.%Y").to_string(), "31.12.2021");
        assert_eq!((Year::of::<2019>().to_string(), i32::from(Year::of::<2100>())), ("2019".to_string(), 2100));
        assert_eq!(Year::from(Date::ymd::<2100, 12, 31>()), Year::of::<2100>());
        assert_eq!(Year::from(Date::ymd::<1900, 1, 1>()), Year::of::<1900>());
    }

    #[test]
    fn iso_dates_exactly() {
        assert_eq!(Date::parse_iso("2021-12-31").map(Date::get), Ok(ymd(2021, 12, 31)));
        assert!(Date::parse_iso("2021-2-3").unwrap_err().contains("ГГГГ-ММ-ДД"));
        assert!(Date::parse_iso("31.12.2021").is_err());
        assert!(Date::parse_iso("0002-09-01").unwrap_err().contains("не раньше"));
        assert!(Date::parse_iso("2021-02-30").unwrap_err().contains("такой даты не существует"));
    }

    #[test]
    fn municipality_names_collapse_spaces_and_have_a_length_limit() {
        assert_eq!(MunicipalityName::new("  Хасанский   МР ").unwrap().as_str(), "Хасанский МР");
        assert!(MunicipalityName::new(" \t").is_err());
        let long = "я".repeat(1_000_000);
        let message = MunicipalityName::new(&long).unwrap_err();
        assert!(message.contains("длиннее 200 знаков"), "{message}");
        assert!(message.chars().count() < 120, "the message quotes only the start");
    }

    #[test]
    fn a_municipality_name_reads_like_text() {
        let name = name("Хасанский МР");
        // Maps and sets keyed by names are looked up with the text alone (`Borrow<str>`).
        let counts = std::collections::HashMap::from([(name.clone(), 3)]);
        assert_eq!(counts.get("Хасанский МР"), Some(&3));
        let sorted = std::collections::BTreeSet::from([name.clone(), super::name("Артемовский ГО")]);
        assert_eq!(sorted.iter().map(|n| n.as_str()).collect::<Vec<_>>(), ["Артемовский ГО", "Хасанский МР"]);
        assert!(sorted.contains("Артемовский ГО"));
        let text = String::from("Хасанский МР");
        assert!(name == "Хасанский МР" && name == *"Хасанский МР" && name == text);
        assert!("Хасанский МР" == name && text == name);
        assert_eq!((format!("«{name}»"), name.len(), name.starts_with("Хасан")), ("«Хасанский МР»".into(), 23, true));
        assert_eq!(String::from(name.clone()), name.into_string());
    }

    #[test]
    fn numbers_as_text() {
        assert_eq!(number_from_text("1\u{a0}234,5"), Some(1234.5));
        assert_eq!(number_from_text("1e5"), None);
        assert_eq!(number(6.5), "6,5");
        assert_eq!(number(20000.0), "20000");
    }
}
