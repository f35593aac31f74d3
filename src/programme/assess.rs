//! The pure assessment of a programme: each indicator in each period for each reporting unit is
//! achieved, not achieved or without data, with the reason in Russian; the change against the
//! previous period; the programme's share of achieved indicators; the plan's statuses on a date.

use super::model::{Activity, Direction, Entry, EntryValue, Indicator, Kind, Period, Programme, Target, TargetValue};
use super::text;
use crate::methodology::Colour;
use crate::methodology::text::{date as date_text, percent};
use crate::model::enums::coded_enum;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

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
///
/// The texts shared by many results (code, title, unit, target) are reference-counted: a
/// federal-scale programme has 400,000 results and only a few hundred distinct such texts.
pub struct IndicatorResult {
    pub code: Arc<str>,
    pub title: Arc<str>,
    pub period: Period,
    pub municipality: Arc<str>,
    /// The target as the program words it («не менее 70 %»); `None` where none is set.
    pub target: Option<Arc<str>>,
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
        self.results.iter().find(|r| &*r.code == code && r.period == period && &*r.municipality == municipality)
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
    let slots = Slots::new(programme, &units);
    let mut results = Vec::with_capacity(programme.indicators.len() * units.len() * periods.len());
    let unit_names: Vec<Arc<str>> = units.iter().map(|u| Arc::from(u.as_str())).collect();
    for (i, indicator) in programme.indicators.iter().enumerate() {
        // The target texts of this indicator, once per period rather than once per unit.
        let targets: Vec<Option<(&Target, Arc<str>)>> = programme
            .periods
            .iter()
            .map(|p| indicator.target(*p).map(|t| (t, Arc::from(text::target(indicator, t)))))
            .collect();
        let names = (Arc::from(indicator.code.as_str()), Arc::from(indicator.title.as_str()));
        for (u, unit) in unit_names.iter().enumerate() {
            // The change is measured against every earlier period, also those not selected.
            let mut previous: Option<f64> = None;
            for (k, period) in programme.periods.iter().enumerate() {
                let target = targets.get(k).and_then(|t| t.as_ref()).map(|(t, text)| (*t, text));
                let mut result = assess_one(indicator, &names, *period, unit, slots.get(i, u, k), target);
                if let (Some(before), Some(now)) = (previous, result.value_number) {
                    result.change = Some(change(indicator, *period, before, now));
                }
                if result.value_number.is_some() {
                    previous = result.value_number;
                }
                if only.is_none_or(|o| o == *period) {
                    results.push(result);
                }
            }
        }
    }
    let summaries = summaries(&results, &units, &periods, programme.indicators.len());
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

/// The values grouped by (indicator, unit, period) in one flat array: a counting sort of the
/// entries, so that a programme of 400,000 values needs no map lookups per result.
struct Slots<'a> {
    /// Start of each slot in `entries`; one more than there are slots.
    starts: Vec<usize>,
    entries: Vec<&'a Entry>,
    units: usize,
    periods: usize,
}

impl<'a> Slots<'a> {
    fn new(programme: &'a Programme, units: &[String]) -> Slots<'a> {
        let indicators: HashMap<&str, usize> =
            programme.indicators.iter().enumerate().map(|(i, x)| (x.code.as_str(), i)).collect();
        let unit_index: HashMap<&str, usize> = units.iter().enumerate().map(|(i, x)| (x.as_str(), i)).collect();
        let periods: HashMap<Period, usize> = programme.periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let (nu, np) = (units.len(), programme.periods.len());
        let count = programme.indicators.len() * nu * np;
        // The reader guarantees every value names a declared indicator, unit and period;
        // anything else (a hand-built programme) is left out rather than trusted.
        let slot = |e: &Entry| -> Option<usize> {
            let i = *indicators.get(e.indicator.as_str())?;
            let u = *unit_index.get(programme.unit_of(e))?;
            let k = *periods.get(&e.period)?;
            Some((i * nu + u) * np + k)
        };
        let placed: Vec<(usize, &Entry)> = programme.values.iter().filter_map(|e| Some((slot(e)?, e))).collect();
        let mut starts = vec![0usize; count + 1];
        for (s, _) in &placed {
            starts[s + 1] += 1;
        }
        for i in 0..count {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut entries: Vec<Option<&Entry>> = vec![None; placed.len()];
        for (s, e) in placed {
            entries[next[s]] = Some(e);
            next[s] += 1;
        }
        Slots { starts, entries: entries.into_iter().flatten().collect(), units: nu, periods: np }
    }

    fn get(&self, indicator: usize, unit: usize, period: usize) -> &[&'a Entry] {
        let slot = (indicator * self.units + unit) * self.periods + period;
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(a), Some(b)) => self.entries.get(*a..*b).unwrap_or(&[]),
            _ => &[],
        }
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

fn assess_one(
    indicator: &Indicator,
    (code, title): &(Arc<str>, Arc<str>),
    period: Period,
    unit: &Arc<str>,
    entries: &[&Entry],
    target: Option<(&Target, &Arc<str>)>,
) -> IndicatorResult {
    let target_text = target.map(|(_, t)| Arc::clone(t));
    let target = target.map(|(t, _)| t);
    let mut result = IndicatorResult {
        code: Arc::clone(code),
        title: Arc::clone(title),
        period,
        municipality: Arc::clone(unit),
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
    result.value_number = numeric(&entry.value);
    let (Some(target), Some(target_text)) = (target, target_text) else {
        result.reason = format!("{shown}; целевое значение на {} не установлено", period.label());
        result.value = Some(shown);
        return result;
    };
    match judge(indicator, &entry.value, &target.value) {
        Ok(achieved) => {
            let (outcome, word) = verdict(achieved);
            result.outcome = outcome;
            result.reason = match indicator.kind {
                Kind::Text => concat(&[
                    "«",
                    &shown,
                    "» при целевом значении «",
                    &target_text,
                    "» — ",
                    word,
                    " (оценка аналитика)",
                ]),
                Kind::YesNo => concat(&["«", &shown, "» при целевом значении «", &target_text, "» — ", word]),
                _ => concat(&[&shown, " при целевом значении ", &target_text, " — ", word]),
            };
        }
        Err(why) => result.reason = why,
    }
    result.value = Some(shown);
    result
}

/// The parts joined into one string of the exact size: the reason of each of a federal
/// programme's 400,000 results, where `format!` was a sixth of the time.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
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

/// `results` are ordered by indicator, unit, period: the summary of (unit, period) adds every
/// `units × periods`-th result, with no lookups.
fn summaries(results: &[IndicatorResult], units: &[String], periods: &[Period], indicators: usize) -> Vec<Summary> {
    let per_indicator = units.len() * periods.len();
    let mut counts = vec![[0usize; 4]; per_indicator];
    if results.len() == per_indicator * indicators {
        for (index, r) in results.iter().enumerate() {
            let Some(c) = counts.get_mut(index % per_indicator.max(1)) else { continue };
            match r.outcome {
                Outcome::Achieved => c[0] += 1,
                Outcome::NotAchieved => c[1] += 1,
                Outcome::NoData => c[2] += 1,
            }
            if r.target.is_some() {
                c[3] += 1;
            }
        }
    }
    let mut out = Vec::with_capacity(per_indicator);
    for (u, unit) in units.iter().enumerate() {
        for (k, period) in periods.iter().enumerate() {
            let [achieved, not_achieved, no_data, with_target] =
                counts.get(u * periods.len() + k).copied().unwrap_or_default();
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
