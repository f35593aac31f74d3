//! Parsing what is typed into the questionnaire's fields. Each parser returns the value or a
//! Russian message saying what is expected; the form stores nothing that fails here. The value
//! checks are the model's ([`crate::model::values`]), the same the file readers use.

use crate::model::values::{Date, ExperienceYears, Hours, Year};

/// Years (service or school experience), comma or point as decimal separator.
pub fn years(text: &str) -> Result<ExperienceYears, String> {
    ExperienceYears::parse(text)
}

/// Hours of a course: a whole number.
pub fn hours(text: &str) -> Result<Hours, String> {
    Hours::parse(text)
}

/// A date as Russians type it (31.12.2021) or in ISO form (2021-12-31).
pub fn date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// An optional date: empty means "not given".
pub fn optional_date(text: &str) -> Result<Option<Date>, String> {
    if text.trim().is_empty() { Ok(None) } else { date(text).map(Some) }
}

/// An optional year of approval: empty means "not given".
pub fn optional_year(text: &str) -> Result<Option<Year>, String> {
    if text.trim().is_empty() { Ok(None) } else { Year::parse(text).map(Some) }
}

/// A required text (course title): not blank.
pub fn required(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() { Err("заполните поле".into()) } else { Ok(trimmed.to_string()) }
}

/// An optional text: blank means "not given".
pub fn optional_text(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_accept_a_decimal_comma_and_refuse_the_rest() {
        assert_eq!(years("6,5").map(ExperienceYears::get), Ok(6.5));
        assert_eq!(years(" 12 "), Ok(ExperienceYears::of::<12>()));
        assert_eq!(years("0"), Ok(ExperienceYears::of::<0>()));
        assert!(years("-1").is_err());
        assert!(years("шесть").is_err());
        assert!(years("").is_err());
        assert!(years("NaN").is_err());
    }

    #[test]
    fn hours_are_whole_and_positive() {
        assert_eq!(hours("36"), Ok(Hours::of::<36>()));
        assert!(hours("0").is_err());
        assert!(hours("7,5").is_err());
    }

    #[test]
    fn dates_in_both_forms() {
        let d = Date::ymd::<2021, 4, 15>();
        assert_eq!(date("15.04.2021"), Ok(d));
        assert_eq!(date("2021-04-15"), Ok(d));
        assert!(date("31.02.2021").is_err());
        assert_eq!(optional_date(" "), Ok(None));
    }

    #[test]
    fn years_of_approval_and_texts() {
        assert_eq!(optional_year("2019"), Ok(Some(Year::of::<2019>())));
        assert_eq!(optional_year(""), Ok(None));
        assert!(optional_year("19").is_err());
        assert!(required("  ").is_err());
        assert_eq!(required(" Курс "), Ok("Курс".to_string()));
        assert_eq!(optional_text("  "), None);
    }
}
