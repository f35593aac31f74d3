//! Parsing one cell: text, numbers (also stored as text, with a decimal comma), dates (date
//! cells or ДД.ММ.ГГГГ text), да/нет, list labels and municipality names. Each getter reports
//! its own problem and returns [`Got::Bad`], so a row can go on to its other cells.

use super::{At, Got, Reader};
use crate::interchange::shorten;
use crate::model::registry::Registry;
use crate::model::values::{Date, ExperienceYears, MunicipalityName};
use crate::sheets::grid::Cell;
use crate::sheets::layout::{parse_label, parse_yes_no, yes_no};

pub(super) use crate::model::values::number_from_text;

/// A date written as text: what the form takes (ДД.ММ.ГГГГ, Д.М.ГГГГ, ГГГГ-ММ-ДД, see
/// [`Date::parse`]), and also ДД.ММ.ГГ.
///
/// A two-digit year is what LibreOffice and Excel in a Russian locale write when they save a
/// CSV («31.12.21»); it is read with their own default rule: 00–29 are 2000–2029, 30–99 are
/// 1930–1999 (docs/spreadsheets.md). Other year lengths («01.09.2», «01.09.202») are refused.
pub(super) fn date_from_text(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let mut parts = text.split('.');
    let short = (parts.next(), parts.next(), parts.next(), parts.next());
    let digits = |p: &str, lengths: &[usize]| lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if let (Some(day), Some(month), Some(year), None) = short
        && digits(day, &[1, 2])
        && digits(month, &[1, 2])
        && digits(year, &[2])
        && let (Ok(day), Ok(month), Ok(year)) = (day.parse::<u32>(), month.parse::<u32>(), year.parse::<i32>())
    {
        let year = year + if year < 30 { 2000 } else { 1900 };
        return Date::from_parts(year, month, day, text);
    }
    Date::parse(text)
}

/// What is said about a formula cell.
fn formula_message(formula: &str) -> String {
    format!(
        "в ячейке формула «{}»; программа не пересчитывает формулы, а записанное рядом значение может быть устаревшим — замените формулу её значением (Копировать → Специальная вставка → Значения)",
        shorten(formula.trim_start_matches('='))
    )
}

/// Whole numbers print without a fraction: the key «1» typed as a number or as text is the same.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string().replace('.', ",") }
}

impl Reader {
    pub(super) fn text(&mut self, at: At) -> Got<String> {
        match at.cell() {
            c if c.is_empty() => Got::Empty,
            Cell::Text(t) => Got::Value(t.trim().to_string()),
            Cell::Number(n) => Got::Value(number_text(*n)),
            Cell::Bool(b) => Got::Value(yes_no(*b).to_string()),
            Cell::Date(d) => Got::Value(d.format("%d.%m.%Y").to_string()),
            Cell::Bad(e) => {
                self.at(at, format!("ошибка в ячейке ({e})"));
                Got::Bad
            }
            Cell::Formula(f) => self.formula(at, f),
            Cell::Empty => Got::Empty,
        }
    }

    fn formula<T>(&mut self, at: At, formula: &str) -> Got<T> {
        self.at(at, formula_message(formula));
        Got::Bad
    }

    pub(super) fn required<T>(&mut self, at: At, got: Got<T>) -> Got<T> {
        if let Got::Empty = got {
            if !self.covered(at) {
                self.at(at, "обязательное значение не заполнено");
            }
            return Got::Bad;
        }
        got
    }

    pub(super) fn number(&mut self, at: At, what: &str) -> Got<f64> {
        match at.cell() {
            c if c.is_empty() => Got::Empty,
            Cell::Number(n) if n.is_finite() => Got::Value(*n),
            Cell::Formula(f) => self.formula(at, f),
            Cell::Text(t) => match number_from_text(t) {
                Some(n) => Got::Value(n),
                None => {
                    self.at(at, format!("«{}» — не число; {what}", shorten(t.trim())));
                    Got::Bad
                }
            },
            other => {
                self.at(at, format!("ожидалось число ({what}), найдено: {}", describe_cell(other)));
                Got::Bad
            }
        }
    }

    pub(super) fn years(&mut self, at: At) -> Got<ExperienceYears> {
        self.bounded(at, "стаж указывается числом лет, например 6,5", ExperienceYears::new)
    }

    /// A number checked by the model's constructor for its kind of value.
    pub(super) fn bounded<T>(&mut self, at: At, what: &str, new: fn(f64) -> Result<T, String>) -> Got<T> {
        match self.number(at, what) {
            Got::Value(n) => match new(n) {
                Ok(v) => Got::Value(v),
                Err(message) => {
                    self.at(at, message);
                    Got::Bad
                }
            },
            Got::Empty => Got::Empty,
            Got::Bad => Got::Bad,
        }
    }

    pub(super) fn date(&mut self, at: At) -> Got<Date> {
        let checked = match at.cell() {
            c if c.is_empty() => return Got::Empty,
            Cell::Date(d) => Date::new(*d),
            Cell::Formula(f) => return self.formula(at, f),
            Cell::Text(t) => date_from_text(t),
            other => Err(format!("ожидалась дата в формате ДД.ММ.ГГГГ, найдено: {}", describe_cell(other))),
        };
        match checked {
            Ok(d) => Got::Value(d),
            Err(message) => {
                self.at(at, message);
                Got::Bad
            }
        }
    }

    pub(super) fn yes_no(&mut self, at: At) -> Got<bool> {
        match at.cell() {
            c if c.is_empty() => Got::Empty,
            Cell::Bool(b) => Got::Value(*b),
            Cell::Formula(f) => self.formula(at, f),
            Cell::Number(n) if *n == 0.0 || *n == 1.0 => Got::Value(*n == 1.0),
            Cell::Text(t) => match parse_yes_no(t) {
                Some(b) => Got::Value(b),
                None => {
                    self.at(at, format!("«{}» — ожидалось «да» или «нет»", shorten(t.trim())));
                    Got::Bad
                }
            },
            other => {
                self.at(at, format!("ожидалось «да» или «нет», найдено: {}", describe_cell(other)));
                Got::Bad
            }
        }
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        at: At,
        all: &[T],
        label: fn(T) -> &'static str,
        code: fn(T) -> &'static str,
    ) -> Got<T> {
        match self.text(at) {
            Got::Value(text) => match parse_label(&text, all, label, code) {
                Some(v) => Got::Value(v),
                None => {
                    let labels = all.iter().map(|v| format!("«{}»", label(*v))).collect::<Vec<_>>().join(", ");
                    self.at(at, format!("«{}» — нет такого значения; выберите из списка: {labels}", shorten(&text)));
                    Got::Bad
                }
            },
            Got::Empty => Got::Empty,
            Got::Bad => Got::Bad,
        }
    }

    /// The canonical name of a municipality (through the region's registry, when there is one).
    pub(super) fn municipality(&mut self, at: At, registry: Option<Registry>) -> Got<MunicipalityName> {
        let name = match self.text(at) {
            Got::Value(name) => name,
            Got::Empty => return Got::Empty,
            Got::Bad => return Got::Bad,
        };
        let name = match MunicipalityName::new(&name) {
            Ok(name) => name,
            Err(message) => {
                self.at(at, message);
                return Got::Bad;
            }
        };
        match registry {
            None => Got::Value(name),
            Some(reg) => match reg.find(&name) {
                // The registry's spelling.
                Ok((_, m)) => Got::Value(m.canonical_name()),
                Err(unknown) => {
                    self.at(
                        at,
                        format!(
                            "«{}» — нет такого муниципалитета в списке региона «{}»; ближайшие: {}",
                            shorten(&name),
                            reg.region,
                            unknown.suggestions.join(", ")
                        ),
                    );
                    Got::Bad
                }
            },
        }
    }
}

pub(super) fn describe_cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "пусто".into(),
        Cell::Text(t) => format!("текст «{}»", shorten(t.trim())),
        Cell::Number(n) => format!("число {}", number_text(*n)),
        Cell::Bool(b) => format!("логическое значение {}", yes_no(*b)),
        Cell::Date(d) => format!("дата {}", d.format("%d.%m.%Y")),
        Cell::Bad(e) => format!("ошибка {e}"),
        Cell::Formula(f) => format!("формула «{}»", shorten(f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn numbers_stored_as_text() {
        assert_eq!(number_from_text("6,5"), Some(6.5));
        assert_eq!(number_from_text(" 12 "), Some(12.0));
        assert_eq!(number_from_text("1\u{a0}234,5"), Some(1234.5));
        assert_eq!(number_from_text("6.5"), Some(6.5));
        assert_eq!(number_from_text("шесть"), None);
        assert_eq!(number_from_text("inf"), None);
    }

    fn date(text: &str) -> Option<NaiveDate> {
        date_from_text(text).ok().map(Date::get)
    }

    #[test]
    fn dates_stored_as_text() {
        let d = NaiveDate::from_ymd_opt(2021, 4, 5);
        assert_eq!(date("05.04.2021"), d);
        assert_eq!(date("5.4.2021"), d);
        assert_eq!(date("2021-04-05"), d);
        assert_eq!(date("31.02.2021"), None);
        assert_eq!(date("05/04/2021"), None);
        assert_eq!(date("01.09.2"), None);
        assert_eq!(date("01.09.202"), None);
        assert_eq!(date("01.09.02021"), None);
        assert_eq!(date("2021-4-5"), None);
        assert_eq!(date("01.01.10000"), None);
        assert_eq!(date("01.01.1899"), None);
    }

    #[test]
    fn two_digit_years_follow_the_office_rule() {
        // LibreOffice (ru-RU) writes «31.12.21» into a CSV; 00–29 → 20xx, 30–99 → 19xx.
        assert_eq!(date("31.12.21"), NaiveDate::from_ymd_opt(2021, 12, 31));
        assert_eq!(date("1.9.03"), NaiveDate::from_ymd_opt(2003, 9, 1));
        assert_eq!(date("01.01.29"), NaiveDate::from_ymd_opt(2029, 1, 1));
        assert_eq!(date("01.01.30"), NaiveDate::from_ymd_opt(1930, 1, 1));
        assert_eq!(date("15.06.99"), NaiveDate::from_ymd_opt(1999, 6, 15));
        assert_eq!(date("29.02.21"), None);
    }

    #[test]
    fn whole_numbers_print_as_keys() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(6.5), "6,5");
    }
}
