//! The pure assessment of a programme: each indicator in each period for each reporting unit is
//! achieved, not achieved or without data, with the reason in Russian; the change against the
//! previous period; the programme's share of achieved indicators; the plan's statuses on a date.

use super::model::{Activity, Direction, Entry, EntryValue, Indicator, Kind, Period, Programme, TargetValue};
use super::text;
use crate::methodology::Colour;
use crate::methodology::text::{date as date_text, percent};
use crate::model::enums::coded_enum;
use chrono::NaiveDate;
use std::collections::HashMap;

coded_enum! {
    /// The result of one indicator in one period.
    Outcome {
        Achieved => "achieved", "достигнуто";
        NotAchieved => "not_achieved", "не достигнуто";
        NoData => "no_data", "нет данных";
    }
}

impl Outcome {
    pub fn colour(self) -> Colour {
        match self {
            Outcome::Achieved => Colour::Green,
            Outcome::NotAchieved => Colour::Red,
            Outcome::NoData => Colour::Grey,
        }
    }
}

coded_enum! {
    /// An activity of the plan on the reporting date.
    ActivityStatus {
        Done => "done", "выполнено";
        InProgress => "in_progress", "выполняется";
        Overdue => "overdue", "просрочено";
    }
}

impl ActivityStatus {
    pub fn colour(self) -> Colour {
        match self {
            ActivityStatus::Done => Colour::Green,
            ActivityStatus::InProgress => Colour::Yellow,
            ActivityStatus::Overdue => Colour::Red,
        }
    }
}

coded_enum! {
    /// A value against the same indicator's value in the previous period that has one.
    Change {
        Better => "better", "улучшение";
        Worse => "worse", "ухудшение";
        Same => "same", "без изменений";
    }
}

/// One indicator in one period for one reporting unit.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub code: String,
    pub title: String,
    pub period: Period,
    pub municipality: String,
    /// The target as the program words it («не менее 70 %»); `None` where none is set.
    pub target: Option<String>,
    pub target_number: Option<f64>,
    pub value: Option<String>,
    /// The value as a number (percent for shares); `None` for text and missing values.
    pub value_number: Option<f64>,
    pub outcome: Outcome,
    pub reason: String,
    pub change: Option<Change>,
    pub source: Option<String>,
}

/// The programme's share of achieved indicators in one period for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub period: Period,
    pub municipality: String,
    pub achieved: usize,
    pub not_achieved: usize,
    pub no_data: usize,
    /// Indicators with a target in the period: the denominator of the share.
    pub with_target: usize,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActivityResult {
    pub number: String,
    pub title: String,
    pub term: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub responsible: Option<String>,
    pub status: ActivityStatus,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeAssessment {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub span: String,
    /// The reporting date the plan's statuses are computed on.
    pub date: NaiveDate,
    pub periods: Vec<Period>,
    pub units: Vec<String>,
    /// Ordered by indicator, then unit, then period.
    pub results: Vec<IndicatorResult>,
    /// Ordered by unit, then period.
    pub summaries: Vec<Summary>,
    pub plan: Vec<ActivityResult>,
    /// Indicator code → the fact before the programme, as written.
    pub baselines: Vec<(String, String)>,
}

impl ProgrammeAssessment {
    pub fn result(&self, code: &str, period: Period, municipality: &str) -> Option<&IndicatorResult> {
        self.results.iter().find(|r| r.code == code && r.period == period && r.municipality == municipality)
    }

    pub fn overdue(&self) -> impl Iterator<Item = &ActivityResult> {
        self.plan.iter().filter(|a| a.status == ActivityStatus::Overdue)
    }
}

/// Within this of the target counts as exactly on it (shares computed in floating point).
const EPSILON: f64 = 1e-9;

/// Assesses the programme in `only` (or every period) with the plan as of `date`.
pub fn assess(programme: &Programme, only: Option<Period>, date: NaiveDate) -> ProgrammeAssessment {
    let periods: Vec<Period> = programme.periods.iter().copied().filter(|p| only.is_none_or(|o| o == *p)).collect();
    let units = programme.units();
    let mut by_key: HashMap<(&str, Period, &str), Vec<&Entry>> = HashMap::new();
    for entry in &programme.values {
        by_key.entry((entry.indicator.as_str(), entry.period, programme.unit_of(entry))).or_default().push(entry);
    }
    let mut results = Vec::with_capacity(programme.indicators.len() * units.len() * periods.len());
    for indicator in &programme.indicators {
        for unit in &units {
            // The change is measured against every earlier period, also those not selected.
            let mut previous: Option<f64> = None;
            for period in &programme.periods {
                let entries = by_key.get(&(indicator.code.as_str(), *period, unit.as_str()));
                let mut result = assess_one(indicator, *period, unit, entries.map(Vec::as_slice).unwrap_or(&[]));
                if let (Some(before), Some(now)) = (previous, result.value_number) {
                    result.change = Some(change(indicator, *period, before, now));
                }
                if result.value_number.is_some() {
                    previous = result.value_number;
                }
                if periods.contains(period) {
                    results.push(result);
                }
            }
        }
    }
    let summaries = summaries(&results, &units, &periods);
    let baselines = programme
        .indicators
        .iter()
        .filter_map(|i| i.baseline.as_ref().map(|b| (i.code.clone(), text::value(i, b))))
        .collect();
    ProgrammeAssessment {
        code: programme.code.clone(),
        title: programme.title.clone(),
        owner: programme.owner.name.clone(),
        span: programme.span(),
        date,
        periods,
        units,
        results,
        summaries,
        plan: programme.plan.iter().map(|a| activity(a, date)).collect(),
        baselines,
    }
}

/// The value as a number: percent for shares, 1/0 for yes/no.
fn numeric(value: &EntryValue) -> Option<f64> {
    match value {
        EntryValue::Share { numerator, denominator } if *denominator > 0.0 => Some(numerator * 100.0 / denominator),
        EntryValue::Percent(p) => Some(*p),
        EntryValue::Count(n) => Some(*n),
        EntryValue::YesNo(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

fn meets(direction: Direction, value: f64, target: f64) -> bool {
    match direction {
        Direction::AtLeast => value >= target - EPSILON,
        Direction::AtMost => value <= target + EPSILON,
        Direction::Exactly => (value - target).abs() <= EPSILON,
    }
}

fn verdict(achieved: bool) -> (Outcome, &'static str) {
    if achieved {
        (Outcome::Achieved, "достигнуто")
    } else {
        (Outcome::NotAchieved, "не достигнуто")
    }
}

/// Whether one value meets its target; `Err` is the reason there is no result.
fn judge(indicator: &Indicator, value: &EntryValue, target: &TargetValue) -> Result<bool, String> {
    match (value, target) {
        (EntryValue::Share { numerator, denominator }, _) if *denominator <= 0.0 => {
            Err(format!("знаменатель равен 0 ({} из 0) — долю вычислить нельзя", text::number(*numerator)))
        }
        (EntryValue::Text { achieved: Some(a), .. }, _) => Ok(*a),
        (EntryValue::Text { text, achieved: None }, _) => Err(format!("«{text}» — оценка достижения не указана")),
        (EntryValue::YesNo(v), TargetValue::YesNo(t)) => Ok(v == t),
        (value, TargetValue::Number(t)) => match numeric(value) {
            Some(v) => Ok(meets(indicator.direction, v, *t)),
            None => Err("значение не сравнимо с целевым".to_string()),
        },
        _ => Err("значение не сравнимо с целевым".to_string()),
    }
}

fn assess_one(indicator: &Indicator, period: Period, unit: &str, entries: &[&Entry]) -> IndicatorResult {
    let target = indicator.target(period);
    let target_text = target.map(|t| text::target(indicator, t));
    let mut result = IndicatorResult {
        code: indicator.code.clone(),
        title: indicator.title.clone(),
        period,
        municipality: unit.to_string(),
        target: target_text.clone(),
        target_number: target.and_then(|t| match t.value {
            TargetValue::Number(n) => Some(n),
            _ => None,
        }),
        value: None,
        value_number: None,
        outcome: Outcome::NoData,
        reason: String::new(),
        change: None,
        source: entries.iter().find_map(|e| e.source.clone()),
    };
    if indicator.per_organisation && !entries.is_empty() {
        per_organisation(indicator, period, entries, &mut result);
        return result;
    }
    let Some(entry) = entries.first() else {
        result.reason = match &target_text {
            Some(t) => format!("нет значения за {} при целевом значении {t}", period.label()),
            None => format!("нет значения за {}; целевое значение не установлено", period.label()),
        };
        return result;
    };
    let shown = text::value(indicator, &entry.value);
    result.value = Some(shown.clone());
    result.value_number = numeric(&entry.value);
    let (Some(target), Some(target_text)) = (target, target_text) else {
        result.reason = format!("{shown}; целевое значение на {} не установлено", period.label());
        return result;
    };
    let quoted =
        |s: &str| if matches!(indicator.kind, Kind::Text | Kind::YesNo) { format!("«{s}»") } else { s.to_string() };
    match judge(indicator, &entry.value, &target.value) {
        Ok(achieved) => {
            let (outcome, word) = verdict(achieved);
            result.outcome = outcome;
            let judged = if indicator.kind == Kind::Text { " (оценка аналитика)" } else { "" };
            result.reason =
                format!("{} при целевом значении {} — {word}{judged}", quoted(&shown), quoted(&target_text));
        }
        Err(why) => result.reason = why,
    }
    result
}

/// A per-organisation indicator is met where every organisation with a value meets it.
fn per_organisation(indicator: &Indicator, period: Period, entries: &[&Entry], result: &mut IndicatorResult) {
    let Some(target) = indicator.target(period) else {
        result.value = Some(format!("значения {} {}", entries.len(), organisations(entries.len())));
        result.reason = format!("целевое значение на {} не установлено", period.label());
        return;
    };
    let target_text = text::target(indicator, target);
    let (mut met, mut missed, mut unknown) = (0usize, Vec::new(), 0usize);
    for entry in entries {
        match judge(indicator, &entry.value, &target.value) {
            Ok(true) => met += 1,
            Ok(false) => missed.push(entry.organisation.as_deref().unwrap_or("без названия")),
            Err(_) => unknown += 1,
        }
    }
    let judged = met + missed.len();
    result.value = Some(format!("достигнуто в {met} из {judged} {}", organisations(judged)));
    result.value_number = (judged > 0).then(|| met as f64 * 100.0 / judged as f64);
    let no_data = if unknown > 0 {
        format!("; нет данных — {unknown} {}", organisations(unknown))
    } else {
        String::new()
    };
    if judged == 0 {
        result.reason = format!("нет значений, сравнимых с целевым ({target_text} в каждой организации)");
    } else if missed.is_empty() {
        result.outcome = Outcome::Achieved;
        result.reason = format!("{target_text} в каждой организации: выполнено во всех {met}{no_data} — достигнуто");
    } else {
        result.outcome = Outcome::NotAchieved;
        result.reason = format!(
            "{target_text} в каждой организации: не выполнено в {} из {judged} ({}){no_data} — не достигнуто",
            missed.len(),
            missed.join(", ")
        );
    }
    // A share of organisations is no value of the indicator itself: no change is measured on it.
    result.value_number = None;
}

fn organisations(n: usize) -> &'static str {
    crate::methodology::text::plural(n, "организации", "организаций", "организаций")
}

fn change(indicator: &Indicator, period: Period, before: f64, now: f64) -> Change {
    if (now - before).abs() <= EPSILON {
        return Change::Same;
    }
    let better = match indicator.direction {
        Direction::AtLeast => now > before,
        Direction::AtMost => now < before,
        Direction::Exactly => match indicator.target(period).map(|t| &t.value) {
            Some(TargetValue::Number(t)) => (now - t).abs() < (before - t).abs(),
            _ => return Change::Same,
        },
    };
    if better { Change::Better } else { Change::Worse }
}

fn summaries(results: &[IndicatorResult], units: &[String], periods: &[Period]) -> Vec<Summary> {
    let mut out = Vec::with_capacity(units.len() * periods.len());
    let mut counts: HashMap<(&str, Period), [usize; 4]> = HashMap::new();
    for r in results {
        let c = counts.entry((r.municipality.as_str(), r.period)).or_default();
        match r.outcome {
            Outcome::Achieved => c[0] += 1,
            Outcome::NotAchieved => c[1] += 1,
            Outcome::NoData => c[2] += 1,
        }
        if r.target.is_some() {
            c[3] += 1;
        }
    }
    for unit in units {
        for period in periods {
            let [achieved, not_achieved, no_data, with_target] =
                counts.get(&(unit.as_str(), *period)).copied().unwrap_or_default();
            let mut reason = format!(
                "достигнуто {achieved} из {with_target} {} с целевым значением ({})",
                crate::methodology::text::plural(with_target, "показателя", "показателей", "показателей"),
                percent(achieved, with_target)
            );
            if no_data > 0 {
                reason.push_str(&format!("; нет данных — {no_data}"));
            }
            out.push(Summary {
                period: *period,
                municipality: unit.clone(),
                achieved,
                not_achieved,
                no_data,
                with_target,
                reason,
            });
        }
    }
    out
}

/// The status of an activity on `date`: done once completed, overdue after its deadline.
fn activity(a: &Activity, date: NaiveDate) -> ActivityResult {
    let deadline = a.deadline.map(date_text);
    let (status, reason) = match (a.done_on.filter(|d| *d <= date), a.deadline) {
        (Some(done), Some(deadline)) if done > deadline => (
            ActivityStatus::Done,
            format!("выполнено {} с опозданием (срок — до {})", date_text(done), date_text(deadline)),
        ),
        (Some(done), _) => (ActivityStatus::Done, format!("выполнено {}", date_text(done))),
        (None, Some(deadline)) if deadline < date => (
            ActivityStatus::Overdue,
            format!("срок — до {} истёк на {}, отметки о выполнении нет", date_text(deadline), date_text(date)),
        ),
        (None, _) => (
            ActivityStatus::InProgress,
            match (&deadline, &a.term) {
                (Some(d), _) => format!("срок — до {d}"),
                (None, Some(term)) => format!("срок: {term}"),
                (None, None) => "срок не указан".to_string(),
            },
        ),
    };
    ActivityResult {
        number: a.number.clone(),
        title: a.title.clone(),
        term: a.term.clone(),
        deadline: a.deadline,
        responsible: a.responsible.clone(),
        status,
        reason,
    }
}
