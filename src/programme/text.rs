//! How programme numbers, targets and values are written in Russian.

use super::model::{Direction, EntryValue, Indicator, Kind, Target, TargetValue};

/// A number with a decimal comma, at most one decimal, no trailing zero: 61; 61,5; 0,3.
pub fn number(value: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, value);
    out
}

/// [`number`] appended to `out`. Integer arithmetic: float formatting with a precision is
/// slow, and this runs for every value of a federal-scale programme.
pub fn push_number(out: &mut String, value: f64) {
    use std::fmt::Write;
    let tenths = (value * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e17 {
        out.push_str(&value.to_string().replace('.', ","));
        return;
    }
    let tenths = tenths as i64;
    let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
    if tenths < 0 && whole == 0 {
        out.push('-');
    }
    let _ = write!(out, "{whole}");
    if tenth != 0 {
        let _ = write!(out, ",{tenth}");
    }
}

fn unit_suffix(indicator: &Indicator) -> std::borrow::Cow<'static, str> {
    match (indicator.kind, &indicator.unit) {
        (Kind::Share, None) => " %".into(),
        (_, Some(unit)) if unit == "%" => " %".into(),
        (_, Some(unit)) => format!(" {unit}").into(),
        (_, None) => "".into(),
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
    let mut out = String::with_capacity(24);
    match value {
        EntryValue::Share { numerator, denominator } if *denominator > 0.0 => {
            push_number(&mut out, numerator * 100.0 / denominator);
            out.push_str(&suffix);
            out.push_str(" (");
            push_number(&mut out, *numerator);
            out.push_str(" из ");
            push_number(&mut out, *denominator);
            out.push(')');
        }
        EntryValue::Share { numerator, denominator } => {
            push_number(&mut out, *numerator);
            out.push_str(" из ");
            push_number(&mut out, *denominator);
        }
        EntryValue::Percent(x) | EntryValue::Count(x) => {
            push_number(&mut out, *x);
            out.push_str(&suffix);
        }
        EntryValue::YesNo(b) => out.push_str(yes_no(*b)),
        EntryValue::Text { text, .. } => out.push_str(text),
    }
    out
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
        assert_eq!(number(-0.5), "-0,5");
        assert_eq!(number(-12.3), "-12,3");
        assert_eq!(number(1e20), "100000000000000000000");
    }
}
