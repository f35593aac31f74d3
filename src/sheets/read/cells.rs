//! Parsing one cell: text, numbers (also stored as text, with a decimal comma), dates (date
//! cells or ДД.ММ.ГГГГ text), да/нет, list labels and municipality names. Each getter reports
//! its own problem and returns [`Got::Bad`], so a row can go on to its other cells.

use super::{At, Got, Reader};
use crate::interchange::shorten;
use crate::model::registry::Registry;
use crate::sheets::grid::Cell;
use crate::sheets::layout::{parse_label, parse_yes_no, yes_no};
use chrono::NaiveDate;

/// A number written as text: spaces (thousands) dropped, a decimal comma accepted.
pub(super) fn number_from_text(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect();
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A date written as text: ДД.ММ.ГГГГ (also Д.М.ГГГГ), ДД.ММ.ГГ or ГГГГ-ММ-ДД.
///
/// A two-digit year is what LibreOffice and Excel in a Russian locale write when they save a
/// CSV («31.12.21»); it is read with their own default rule: 00–29 are 2000–2029, 30–99 are
/// 1930–1999 (docs/spreadsheets.md). Other year lengths («01.09.2», «01.09.202») are refused.
pub(super) fn date_from_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let dotted = || {
        let mut parts = text.split('.');
        let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str, lengths: &[usize]| lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(day, &[1, 2]) || !digits(month, &[1, 2]) || !digits(year, &[2, 4]) {
            return None;
        }
        let mut year: i32 = year.parse().ok()?;
        if text.rsplit('.').next().is_some_and(|y| y.len() == 2) {
            year += if year < 30 { 2000 } else { 1900 };
        }
        NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
    };
    let iso = || {
        let shaped = text.len() == 10
            && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
        shaped.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
    };
    dotted().or_else(iso).filter(|d| date_in_range(*d))
}

/// The years a date may have, wherever it comes from.
pub(super) fn date_in_range(date: NaiveDate) -> bool {
    (1900..=2200).contains(&chrono::Datelike::year(&date))
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

    pub(super) fn years(&mut self, at: At) -> Got<f64> {
        match self.number(at, "стаж указывается числом лет, например 6,5") {
            Got::Value(y) if y < 0.0 => {
                self.at(at, format!("{} — число лет должно быть не меньше 0", number_text(y)));
                Got::Bad
            }
            other => other,
        }
    }

    pub(super) fn integer(&mut self, at: At, min: i64, max: i64, what: &str) -> Got<i64> {
        match self.number(at, &format!("{what} — целое число")) {
            Got::Value(n) if n.fract() != 0.0 => {
                self.at(at, format!("{} — {what} должно быть целым числом", number_text(n)));
                Got::Bad
            }
            Got::Value(n) if !(min as f64..=max as f64).contains(&n) => {
                self.at(at, format!("{} — {what} должно быть от {min} до {max}", number_text(n)));
                Got::Bad
            }
            Got::Value(n) => Got::Value(n as i64),
            Got::Empty => Got::Empty,
            Got::Bad => Got::Bad,
        }
    }

    pub(super) fn date(&mut self, at: At) -> Got<NaiveDate> {
        match at.cell() {
            c if c.is_empty() => Got::Empty,
            Cell::Date(d) if date_in_range(*d) => Got::Value(*d),
            Cell::Date(d) => {
                self.at(at, format!("{} — дата вне допустимого диапазона (годы 1900–2200)", d.format("%d.%m.%Y")));
                Got::Bad
            }
            Cell::Formula(f) => self.formula(at, f),
            Cell::Text(t) => match date_from_text(t) {
                Some(d) => Got::Value(d),
                None => {
                    self.at(at, format!("«{}» — не дата; введите дату в формате ДД.ММ.ГГГГ", shorten(t.trim())));
                    Got::Bad
                }
            },
            other => {
                self.at(at, format!("ожидалась дата в формате ДД.ММ.ГГГГ, найдено: {}", describe_cell(other)));
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
    pub(super) fn municipality(&mut self, at: At, registry: Option<Registry>) -> Got<String> {
        let name = match self.text(at) {
            Got::Value(name) => name,
            Got::Empty => return Got::Empty,
            Got::Bad => return Got::Bad,
        };
        match registry {
            None => Got::Value(name.split_whitespace().collect::<Vec<_>>().join(" ")),
            Some(reg) => match reg.find(&name) {
                Ok((_, m)) => Got::Value(m.name.to_string()),
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

    #[test]
    fn numbers_stored_as_text() {
        assert_eq!(number_from_text("6,5"), Some(6.5));
        assert_eq!(number_from_text(" 12 "), Some(12.0));
        assert_eq!(number_from_text("1\u{a0}234,5"), Some(1234.5));
        assert_eq!(number_from_text("6.5"), Some(6.5));
        assert_eq!(number_from_text("шесть"), None);
        assert_eq!(number_from_text("inf"), None);
    }

    #[test]
    fn dates_stored_as_text() {
        let d = NaiveDate::from_ymd_opt(2021, 4, 5);
        assert_eq!(date_from_text("05.04.2021"), d);
        assert_eq!(date_from_text("5.4.2021"), d);
        assert_eq!(date_from_text("2021-04-05"), d);
        assert_eq!(date_from_text("31.02.2021"), None);
        assert_eq!(date_from_text("05/04/2021"), None);
        assert_eq!(date_from_text("01.09.2"), None);
        assert_eq!(date_from_text("01.09.202"), None);
        assert_eq!(date_from_text("01.09.02021"), None);
        assert_eq!(date_from_text("2021-4-5"), None);
        assert_eq!(date_from_text("01.01.10000"), None);
        assert_eq!(date_from_text("01.01.1899"), None);
    }

    #[test]
    fn two_digit_years_follow_the_office_rule() {
        // LibreOffice (ru-RU) writes «31.12.21» into a CSV; 00–29 → 20xx, 30–99 → 19xx.
        assert_eq!(date_from_text("31.12.21"), NaiveDate::from_ymd_opt(2021, 12, 31));
        assert_eq!(date_from_text("1.9.03"), NaiveDate::from_ymd_opt(2003, 9, 1));
        assert_eq!(date_from_text("01.01.29"), NaiveDate::from_ymd_opt(2029, 1, 1));
        assert_eq!(date_from_text("01.01.30"), NaiveDate::from_ymd_opt(1930, 1, 1));
        assert_eq!(date_from_text("15.06.99"), NaiveDate::from_ymd_opt(1999, 6, 15));
        assert_eq!(date_from_text("29.02.21"), None);
    }

    #[test]
    fn whole_numbers_print_as_keys() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(6.5), "6,5");
    }
}
