//! Russian number, date and plural formatting shared by reasons, the CLI and the note.

use chrono::NaiveDate;

/// Share k of n as a percentage with one decimal and a decimal comma: `percent(12, 34)` =
/// "35,3 %". Rounded half up in integer arithmetic, so the note and the tables never disagree.
pub fn percent(k: usize, n: usize) -> String {
    if n == 0 {
        return "0 %".to_string();
    }
    let tenths = percent_tenths(k, n);
    format!("{},{} %", tenths / 10, tenths % 10)
}

/// The percentage of [`percent`] in tenths: `percent_tenths(7, 34)` = 206 (20,6 %); 0 when n = 0.
pub fn percent_tenths(k: usize, n: usize) -> u64 {
    if n == 0 {
        return 0;
    }
    ((k as u128 * 2000 + n as u128) / (2 * n as u128)) as u64
}

/// A date as Russians write it: 31.12.2021.
pub fn date(d: impl Into<NaiveDate>) -> String {
    d.into().format("%d.%m.%Y").to_string()
}

/// Years with a decimal comma and no trailing zeros: 6,5; 5; 0,25 (a threshold or a
/// [`crate::model::ExperienceYears`]).
pub fn years(value: impl Into<f64>) -> String {
    let text = format!("{:.2}", value.into());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', ",")
}

/// Picks the Russian plural form for `n`: (1, 21) → one, (2–4, 22–24) → few, else many.
pub fn plural<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        one
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        few
    } else {
        many
    }
}

/// "из 3 сотрудников", "из 21 сотрудника" — the genitive after «из».
pub fn of_staff(n: usize) -> String {
    let noun = if n % 10 == 1 && n % 100 != 11 { "сотрудника" } else { "сотрудников" };
    format!("из {n} {noun}")
}

/// "6 сотрудников", "3 сотрудника", "1 сотрудник".
pub fn staff_count(n: usize) -> String {
    format!("{n} {}", plural(n, "сотрудник", "сотрудника", "сотрудников"))
}

/// Verb agreeing with a count after «k из n»: singular for 1, 21…, plural otherwise.
pub fn agree<'a>(k: usize, singular: &'a str, plural_form: &'a str) -> &'a str {
    if k % 10 == 1 && k % 100 != 11 { singular } else { plural_form }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_of_the_seed() {
        assert_eq!(percent(19, 34), "55,9 %");
        assert_eq!(percent(12, 34), "35,3 %");
        assert_eq!(percent(7, 34), "20,6 %");
        assert_eq!(percent(11, 34), "32,4 %");
        assert_eq!(percent(5, 34), "14,7 %");
        assert_eq!(percent(4, 34), "11,8 %");
        assert_eq!(percent(6, 34), "17,6 %");
        assert_eq!(percent(22, 34), "64,7 %");
        assert_eq!(percent(29, 34), "85,3 %");
        assert_eq!(percent(14, 34), "41,2 %");
        assert_eq!(percent(3, 34), "8,8 %");
        assert_eq!(percent(1, 3), "33,3 %");
        assert_eq!(percent(2, 3), "66,7 %");
        assert_eq!(percent(1, 2), "50,0 %");
        assert_eq!(percent(0, 0), "0 %");
    }

    #[test]
    fn plurals() {
        assert_eq!(staff_count(1), "1 сотрудник");
        assert_eq!(staff_count(3), "3 сотрудника");
        assert_eq!(staff_count(5), "5 сотрудников");
        assert_eq!(staff_count(11), "11 сотрудников");
        assert_eq!(staff_count(21), "21 сотрудник");
        assert_eq!(of_staff(1), "из 1 сотрудника");
        assert_eq!(of_staff(3), "из 3 сотрудников");
        assert_eq!(of_staff(21), "из 21 сотрудника");
        assert_eq!(agree(1, "имеет", "имеют"), "имеет");
        assert_eq!(agree(11, "имеет", "имеют"), "имеют");
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap()), "10.01.2022");
        assert_eq!(years(6.5), "6,5");
        assert_eq!(years(5.0), "5");
        assert_eq!(years(0.25), "0,25");
    }
}
