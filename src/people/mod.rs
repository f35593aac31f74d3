//! The staff registry (реестр работников ММС): people across campaigns. A person is every staff
//! record that was carried forward from one campaign to the next or that the analyst confirmed as
//! the same person; records that only look alike (same name, municipality and position) are
//! *proposed*, never joined silently. Pure computation on records the storage reads.

use crate::methodology::Methodology;
use crate::model::{Course, Education, ExperienceYears};
use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// One staff record with where and when it was answered.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRecord {
    pub staff: Uuid,
    /// The person: the uuid of their first record, unless carried or confirmed.
    pub person: Uuid,
    pub campaign: i64,
    pub region: String,
    pub reference_date: NaiveDate,
    pub municipality: String,
    pub name: Option<String>,
    pub position: Option<String>,
    pub education: Education,
    pub service_years: ExperienceYears,
    pub school_years: ExperienceYears,
    pub courses: Vec<Course>,
}

/// The years between two reference dates, to two decimals (2022-12-31 → 2023-12-31 = 1);
/// 0 when `to` is not later.
pub fn elapsed_years(from: NaiveDate, to: NaiveDate) -> f64 {
    let days = to.signed_duration_since(from).num_days();
    if days <= 0 {
        return 0.0;
    }
    (days as f64 / 365.25 * 100.0).round() / 100.0
}

/// `years + elapsed`, to two decimals, as experience is stored; an error past the limit of
/// [`ExperienceYears`] (a record that already had almost 80 years).
pub fn add_years(years: ExperienceYears, elapsed: f64) -> Result<ExperienceYears, String> {
    ExperienceYears::new(((years.get() + elapsed) * 100.0).round() / 100.0)
}

/// One person: every record, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: Uuid,
    pub records: Vec<StaffRecord>,
}

impl Person {
    /// The newest record: where the person works now, with what education and experience.
    pub fn latest(&self) -> Option<&StaffRecord> {
        self.records.last()
    }

    /// Every course over all records, each once, oldest first.
    pub fn courses(&self) -> Vec<&Course> {
        let mut out = self.distinct_courses();
        out.sort_by_key(|c| c.completed);
        out
    }

    /// Every course over all records, each once, in the order of the records.
    fn distinct_courses(&self) -> Vec<&Course> {
        let same = |a: &Course, b: &Course| a.title == b.title && a.completed == b.completed && a.hours == b.hours;
        let all = self.records.iter().flat_map(|r| &r.courses);
        // A person has a handful of courses: comparing with those kept beats hashing the titles.
        if self.records.iter().map(|r| r.courses.len()).sum::<usize>() <= 32 {
            let mut out: Vec<&Course> = Vec::new();
            for c in all {
                if !out.iter().any(|kept| same(kept, c)) {
                    out.push(c);
                }
            }
            return out;
        }
        let mut seen = HashSet::new();
        all.filter(|c| seen.insert((c.title.as_str(), c.completed, c.hours))).collect()
    }

    /// The newest course that counts as advanced training (relevant, long enough) completed by `by`.
    pub fn last_qualifying_course(&self, m: &Methodology, by: NaiveDate) -> Option<&Course> {
        // As `courses()` sorted by date and the last of the newest taken, without the sort.
        self.distinct_courses()
            .into_iter()
            .filter(|c| c.relevant && c.hours.get() >= m.training_min_hours && c.completed.get() <= by)
            .fold(None, |best: Option<&Course>, c| match best {
                Some(b) if b.completed > c.completed => Some(b),
                _ => Some(c),
            })
    }
}

/// Records that look like one person but are not joined: the analyst confirms or rejects.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The later record (the first of its own person).
    pub staff: Uuid,
    /// The earlier person it may be.
    pub person: Uuid,
    pub municipality: String,
    pub name: String,
    pub position: Option<String>,
    pub campaign: i64,
    pub earlier_campaign: i64,
}

/// Every person, and the proposed matches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Registry {
    /// Ordered by region, municipality, then first appearance.
    pub people: Vec<Person>,
    pub proposals: Vec<Proposal>,
}

/// Lower case, «ё» as «е», single spaces: how names and positions are compared.
fn normalised(text: &str) -> String {
    // `str::to_lowercase` treats a final «Σ» by its context; other text is lowered letter by
    // letter in one pass (this runs for every record of the registry).
    if text.contains('Σ') {
        return text.to_lowercase().replace('ё', "е").split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }));
    }
    out
}

/// Groups `records` (any order) into people and proposes matches, leaving out `rejected`
/// (staff record, person) pairs.
pub fn build(mut records: Vec<StaffRecord>, rejected: &HashSet<(Uuid, Uuid)>) -> Registry {
    records.sort_by_key(|r| (r.reference_date, r.campaign));
    let mut order: Vec<Uuid> = Vec::new();
    let mut by_person: HashMap<Uuid, Vec<StaffRecord>> = HashMap::new();
    for r in records {
        let entry = by_person.entry(r.person).or_default();
        if entry.is_empty() {
            order.push(r.person);
        }
        entry.push(r);
    }
    let mut people: Vec<Person> =
        order.into_iter().filter_map(|id| by_person.remove(&id).map(|records| Person { id, records })).collect();
    let proposals = propose(&people, rejected);
    // Stable: within a municipality, people stay in the order they first appeared.
    people.sort_by(|a, b| place(a).cmp(&place(b)));
    Registry { people, proposals }
}

/// Region and municipality of a person's newest record, for ordering the registry.
fn place(p: &Person) -> Option<(&str, &str)> {
    p.latest().map(|r| (r.region.as_str(), r.municipality.as_str()))
}

/// A person whose first record is in a later campaign than the last record of another person of
/// the same region and municipality, with the same name and position, may be that person.
fn propose<'r>(people: &'r [Person], rejected: &HashSet<(Uuid, Uuid)>) -> Vec<Proposal> {
    type Key<'r> = (&'r str, &'r str, String, Option<String>);
    let key = |r: &'r StaffRecord| -> Option<Key<'r>> {
        let name = normalised(r.name.as_deref()?);
        (!name.is_empty())
            .then(|| (r.region.as_str(), r.municipality.as_str(), name, r.position.as_deref().map(normalised)))
    };
    let mut by_key: HashMap<Key, Vec<&Person>> = HashMap::new();
    for p in people {
        if let Some(k) = p.latest().and_then(key) {
            by_key.entry(k).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for p in people {
        let Some(first) = p.records.first() else { continue };
        let Some(k) = key(first) else { continue };
        let candidates: Vec<(&Person, &StaffRecord)> = by_key
            .get(&k)
            .into_iter()
            .flatten()
            .filter_map(|earlier| Some((*earlier, earlier.latest()?)))
            .filter(|(earlier, last)| {
                earlier.id != p.id
                    && last.reference_date < first.reference_date
                    && !rejected.contains(&(first.staff, earlier.id))
            })
            .collect();
        // Only the nearest earlier campaign's look-alikes: confirming year by year joins a chain.
        let nearest = candidates.iter().map(|(_, last)| last.reference_date).max();
        for (earlier, last) in candidates.into_iter().filter(|(_, last)| Some(last.reference_date) == nearest) {
            out.push(Proposal {
                staff: first.staff,
                person: earlier.id,
                municipality: first.municipality.clone(),
                name: first.name.clone().unwrap_or_default(),
                position: first.position.clone(),
                campaign: first.campaign,
                earlier_campaign: last.campaign,
            });
        }
    }
    out
}

/// A person whose training lapses before the next monitoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Due<'a> {
    pub person: &'a Person,
    pub last_course: Option<&'a Course>,
    /// The last reference date at which the last course still counts.
    pub valid_until: Option<NaiveDate>,
}

/// The date of the next monitoring when none is given: a year after the newest campaign.
pub fn next_reference_date(latest: NaiveDate) -> NaiveDate {
    latest.checked_add_months(Months::new(12)).unwrap_or(latest)
}

/// The people of each region's newest campaign whose last qualifying course no longer counts at
/// the next reference date (`next`, or a year after that campaign), or who have none: the list
/// the institute plans its courses from.
pub fn training_due<'a>(registry: &'a Registry, m: &Methodology, next: Option<NaiveDate>) -> Vec<Due<'a>> {
    let mut newest: BTreeMap<&str, (NaiveDate, i64)> = BTreeMap::new();
    for p in &registry.people {
        for r in &p.records {
            let slot = newest.entry(r.region.as_str()).or_insert((r.reference_date, r.campaign));
            if (r.reference_date, r.campaign) > *slot {
                *slot = (r.reference_date, r.campaign);
            }
        }
    }
    registry
        .people
        .iter()
        .filter_map(|p| {
            let latest = p.latest()?;
            let (date, campaign) = *newest.get(latest.region.as_str())?;
            if latest.campaign != campaign {
                return None;
            }
            let next = next.unwrap_or_else(|| next_reference_date(date));
            let last_course = p.last_qualifying_course(m, next);
            let valid_until = last_course.map(|c| m.training_valid_until(c.completed.get()));
            let lapses = valid_until.is_none_or(|until| until < next);
            lapses.then_some(Due { person: p, last_course, valid_until })
        })
        .collect()
}

#[cfg(test)]
mod tests;
