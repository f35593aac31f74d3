//! How programme numbers, targets and values are written in Russian.

use super::model::{Direction, EntryValue, Indicator, Kind, Target, TargetValue};

/// A number with a decimal comma, at most one decimal, no trailing zero: 61; 61,5; 0,3.
pub fn number(value: f64) -> String {
    let tenths = (value * 10.0).round();
    let text = if tenths % 10.0 == 0.0 { format!("{:.0}", tenths / 10.0) } else { format!("{:.1}", tenths / 10.0) };
    let text = if text == "-0" { "0".to_string() } else { text };
    text.replace('.', ",")
}

fn unit_suffix(indicator: &Indicator) -> String {
    match (indicator.kind, &indicator.unit) {
        (Kind::Share, None) => " %".to_string(),
        (_, Some(unit)) if unit == "%" => " %".to_string(),
        (_, Some(unit)) => format!(" {unit}"),
        (_, None) => String::new(),
    }
}

pub fn yes_no(value: bool) -> &'static str {
    if value { "да" } else { "нет" }
}

/// «не менее 70 %», «не более 2», «ровно 25 заседаний», «да».
pub fn target(indicator: &Indicator, target: &Target) -> String {
    match &target.value {
        TargetValue::Number(n) => {
            let prefix = match indicator.direction {
                Direction::AtLeast => "не менее",
                Direction::AtMost => "не более",
                Direction::Exactly => "ровно",
            };
            format!("{prefix} {}{}", number(*n), unit_suffix(indicator))
        }
        TargetValue::YesNo(b) => yes_no(*b).to_string(),
        TargetValue::Text(t) => t.clone(),
    }
}

/// «61 %», «61 % (61 из 100)», «22», «нет».
pub fn value(indicator: &Indicator, value: &EntryValue) -> String {
    let suffix = unit_suffix(indicator);
    match value {
        EntryValue::Share { numerator, denominator } if *denominator > 0.0 => {
            format!(
                "{}{suffix} ({} из {})",
                number(numerator * 100.0 / denominator),
                number(*numerator),
                number(*denominator)
            )
        }
        EntryValue::Share { numerator, denominator } => format!("{} из {}", number(*numerator), number(*denominator)),
        EntryValue::Percent(p) => format!("{}{suffix}", number(*p)),
        EntryValue::Count(n) => format!("{}{suffix}", number(*n)),
        EntryValue::YesNo(b) => yes_no(*b).to_string(),
        EntryValue::Text { text, .. } => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_decimal_comma_and_no_trailing_zero() {
        assert_eq!(number(61.0), "61");
        assert_eq!(number(61.04), "61");
        assert_eq!(number(61.25), "61,3");
        assert_eq!(number(2.0 / 3.0 * 100.0), "66,7");
        assert_eq!(number(-0.01), "0");
    }
}
