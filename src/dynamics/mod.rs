//! Dynamics: a campaign compared with an earlier one of the same region. Every level of every
//! municipality then → now, with whether it improved, and every regional count and share then →
//! now. Pure computation on two [`Assessment`]s: nothing here reads a database or draws.
//!
//! A level improves or worsens by its colour (green < yellow < red < blue); the grey levels
//! («информация не предоставлена», «не оценивается», «сотрудники отсутствуют», «не определяется»)
//! carry no direction, so a change to or from one of them is `no_data`.

pub mod load;
pub mod series;
pub mod text;

use crate::methodology::{Assessment, Colour, Indicator, Methodology, MunicipalityAssessment};
use crate::methodology::{
    AssociationsLevel, DutiesLevel, IndicatorLevel, Level, PotentialLevel, ServiceLevel, StaffCountLevel,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A campaign as the dynamics name it: its number in the database, title, region, date.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignInfo {
    pub number: i64,
    pub title: String,
    pub region: String,
    pub reference_date: NaiveDate,
}

/// The campaign to compare `number` with: the same region's campaign with the nearest earlier
/// reference date (on equal dates, the lower number: the one made first).
pub fn previous(campaigns: &[CampaignInfo], number: i64) -> Option<&CampaignInfo> {
    let this = campaigns.iter().find(|c| c.number == number)?;
    campaigns
        .iter()
        .filter(|c| c.region == this.region && c.number != number)
        .filter(|c| {
            c.reference_date < this.reference_date || (c.reference_date == this.reference_date && c.number < number)
        })
        .max_by_key(|c| (c.reference_date, std::cmp::Reverse(c.number)))
}

/// One kind of level of the methodology: a column of the note's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LevelKey {
    Service,
    StaffCount,
    Indicator(IndicatorKey),
    Potential,
    Duties,
    Associations,
}

/// [`Indicator`] with an order, so [`LevelKey`] can be a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorKey(u8);

impl IndicatorKey {
    pub fn indicator(self) -> Indicator {
        Indicator::ALL.get(usize::from(self.0)).copied().unwrap_or(Indicator::HigherPedEducation)
    }
}

impl From<Indicator> for IndicatorKey {
    fn from(i: Indicator) -> Self {
        IndicatorKey(i.index() as u8)
    }
}

/// One level as it was or is: its `assess --json` code and colour role; its Russian text is
/// the methodology's ([`LevelValue::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelValue {
    pub code: &'static str,
    pub colour: Colour,
    group: &'static str,
    builtin: &'static str,
}

impl LevelValue {
    pub fn of<L: Level>(level: L) -> LevelValue {
        LevelValue { code: level.code(), colour: level.colour(), group: L::GROUP, builtin: level.builtin_text() }
    }

    /// The level's text in the words of methodology `m`.
    pub fn text<'m>(&self, m: &'m Methodology) -> &'m str {
        m.text_by_code(self.group, self.code, self.builtin)
    }
}

macro_rules! value {
    ($level:expr) => {
        LevelValue::of($level)
    };
}

macro_rules! values {
    ($ty:ty) => {
        <$ty>::ALL.iter().map(|l| value!(*l)).collect()
    };
}

impl LevelKey {
    /// Every kind, in the order of the note's tables 1, 2 and 3.
    pub const ALL: [LevelKey; 9] = [
        LevelKey::Service,
        LevelKey::StaffCount,
        LevelKey::Indicator(IndicatorKey(0)),
        LevelKey::Indicator(IndicatorKey(1)),
        LevelKey::Indicator(IndicatorKey(2)),
        LevelKey::Indicator(IndicatorKey(3)),
        LevelKey::Potential,
        LevelKey::Duties,
        LevelKey::Associations,
    ];

    /// The key of the `assess --json` contract.
    pub fn code(self) -> &'static str {
        match self {
            LevelKey::Service => "service_level",
            LevelKey::StaffCount => "staff_count_level",
            LevelKey::Indicator(i) => i.indicator().code(),
            LevelKey::Potential => "staffing_potential",
            LevelKey::Duties => "duties",
            LevelKey::Associations => "associations",
        }
    }

    /// Column heading, as in the note's tables (block 2's follow the thresholds of `m`).
    pub fn title(self, m: &Methodology) -> std::borrow::Cow<'static, str> {
        match self {
            LevelKey::Service => "Форма ММС".into(),
            LevelKey::StaffCount => "Численность сотрудников".into(),
            LevelKey::Indicator(i) => i.indicator().title(m).into(),
            LevelKey::Potential => "Кадровый потенциал".into(),
            LevelKey::Duties => "Должностные обязанности".into(),
            LevelKey::Associations => "Объединения педагогов".into(),
        }
    }

    /// The results block (1, 2 or 3) of the note the level belongs to.
    pub fn block(self) -> u8 {
        match self {
            LevelKey::Service | LevelKey::StaffCount => 1,
            LevelKey::Indicator(_) | LevelKey::Potential => 2,
            LevelKey::Duties | LevelKey::Associations => 3,
        }
    }

    /// Every level this kind can take, in the methodology's order.
    pub fn levels(self) -> Vec<LevelValue> {
        match self {
            LevelKey::Service => values!(ServiceLevel),
            LevelKey::StaffCount => values!(StaffCountLevel),
            LevelKey::Indicator(_) => values!(IndicatorLevel),
            LevelKey::Potential => values!(PotentialLevel),
            LevelKey::Duties => values!(DutiesLevel),
            LevelKey::Associations => values!(AssociationsLevel),
        }
    }

    /// The level of this kind a municipality was assessed at.
    pub fn of(self, m: &MunicipalityAssessment) -> LevelValue {
        match self {
            LevelKey::Service => value!(m.service.level),
            LevelKey::StaffCount => value!(m.staff_count_level.level),
            LevelKey::Indicator(i) => value!(m.indicator(i.indicator()).level),
            LevelKey::Potential => value!(m.potential.level),
            LevelKey::Duties => value!(m.duties.level),
            LevelKey::Associations => value!(m.associations.level),
        }
    }
}

/// How one level moved between the two campaigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Improved,
    Worsened,
    Same,
    /// The municipality has no questionnaire in the earlier campaign.
    New,
    /// One side is a grey level (nothing to compare), or there is no questionnaire now.
    NoData,
}

impl Change {
    pub const ALL: [Change; 5] = [Change::Improved, Change::Worsened, Change::Same, Change::New, Change::NoData];

    /// The code of the `dynamics --json` contract.
    pub fn code(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Worsened => "worsened",
            Change::Same => "same",
            Change::New => "new",
            Change::NoData => "no_data",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Change::Improved => "улучшилось",
            Change::Worsened => "ухудшилось",
            Change::Same => "без изменений",
            Change::New => "новый муниципалитет",
            Change::NoData => "нет данных для сравнения",
        }
    }

    /// A one-character sign for tables.
    pub fn arrow(self) -> &'static str {
        match self {
            Change::Improved => "↑",
            Change::Worsened => "↓",
            Change::Same => "=",
            Change::New => "+",
            Change::NoData => "?",
        }
    }

    /// Compares a level then and now (`None`: no questionnaire in that campaign).
    pub fn between(before: Option<LevelValue>, after: Option<LevelValue>) -> Change {
        let (before, after) = match (before, after) {
            (None, Some(_)) => return Change::New,
            (_, None) => return Change::NoData,
            (Some(b), Some(a)) => (b, a),
        };
        if before.code == after.code {
            return Change::Same;
        }
        match (severity(before.colour), severity(after.colour)) {
            (Some(b), Some(a)) if a < b => Change::Improved,
            (Some(b), Some(a)) if a > b => Change::Worsened,
            (Some(_), Some(_)) => Change::Same,
            _ => Change::NoData,
        }
    }
}

/// Order of the colours from best to worst; grey has none.
fn severity(colour: Colour) -> Option<u8> {
    match colour {
        Colour::Green => Some(0),
        Colour::Yellow => Some(1),
        Colour::Red => Some(2),
        Colour::Blue => Some(3),
        Colour::Grey => None,
    }
}

/// One level of one municipality then → now.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelChange {
    pub key: LevelKey,
    pub before: Option<LevelValue>,
    pub after: Option<LevelValue>,
    pub change: Change,
}

/// Every level of one municipality then → now.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityChange {
    /// The name now (or then, for a municipality with no questionnaire now).
    pub municipality: String,
    /// The municipalities of the earlier campaign it was compared with, when not itself: its
    /// earlier name, or the municipalities merged into it.
    pub compared_with: Vec<String>,
    /// In [`LevelKey::ALL`] order.
    pub levels: Vec<LevelChange>,
}

impl MunicipalityChange {
    pub fn level(&self, key: LevelKey) -> Option<&LevelChange> {
        self.levels.iter().find(|l| l.key == key)
    }

    /// Whether any level changed this way.
    pub fn any(&self, change: Change) -> bool {
        self.levels.iter().any(|l| l.change == change)
    }
}

/// k municipalities of n.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub count: usize,
    pub total: usize,
}

impl Share {
    /// "20,6 %", rounded as everywhere else in the program.
    pub fn percent(self) -> String {
        crate::methodology::text::percent(self.count, self.total)
    }

    /// The same percentage in tenths (206 for 20,6 %), for comparing and for JSON.
    pub fn tenths(self) -> u64 {
        crate::methodology::text::percent_tenths(self.count, self.total)
    }
}

/// How many municipalities had one level of one kind, then and now.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionFigure {
    pub key: LevelKey,
    pub level: LevelValue,
    pub before: Share,
    pub after: Share,
}

/// Where municipalities came from: name now → the name it had before (a rename, a МР → МО
/// transformation) or the municipalities merged into it. Empty when nothing changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lineage {
    pub predecessors: BTreeMap<String, Vec<String>>,
}

impl Lineage {
    /// The lineage of `region`'s recorded changes (renames, transformations, merges) up to `until`.
    pub fn from_history(entries: &[crate::model::history::HistoryEntry], region: &str, until: NaiveDate) -> Lineage {
        let mut predecessors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in entries.iter().filter(|e| e.region == region && e.changed_on <= until) {
            let names = predecessors.entry(e.new_name.clone()).or_default();
            if !names.contains(&e.old_name) {
                names.push(e.old_name.clone());
            }
        }
        Lineage { predecessors }
    }

    /// The municipalities of `then` that `now` continues: itself when it is there, else its
    /// predecessors (followed back through further changes, a few steps at most).
    fn earlier_in<'a>(&self, now: &str, then: &'a BTreeMap<&str, &MunicipalityAssessment>) -> Vec<&'a str> {
        fn walk<'a>(
            lineage: &Lineage,
            name: &str,
            then: &'a BTreeMap<&str, &MunicipalityAssessment>,
            depth: usize,
            out: &mut Vec<&'a str>,
        ) {
            if let Some((key, _)) = then.get_key_value(name) {
                if !out.contains(key) {
                    out.push(key);
                }
                return;
            }
            if depth == 0 {
                return;
            }
            for earlier in lineage.predecessors.get(name).into_iter().flatten() {
                walk(lineage, earlier, then, depth - 1, out);
            }
        }
        let mut out = Vec::new();
        walk(self, now, then, 8, &mut out);
        out
    }
}

/// A campaign compared with an earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct Dynamics {
    pub campaign: CampaignInfo,
    pub against: CampaignInfo,
    /// The municipalities of the campaign in its table order, then those only in the earlier one.
    pub municipalities: Vec<MunicipalityChange>,
    /// Per kind in [`LevelKey::ALL`] order, every level of that kind in the methodology's order.
    pub region: Vec<RegionFigure>,
    /// The campaign's methodology, whose thresholds name the levels.
    pub methodology: Methodology,
    /// Set when both sides count only their checked questionnaires (`--checked-only`).
    pub checked_only: Option<CheckedScope>,
}

/// How many questionnaires each side kept when both were limited to the checked ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedScope {
    pub campaign: crate::model::review::CheckedOnly,
    pub against: crate::model::review::CheckedOnly,
}

impl Dynamics {
    /// A level's text in the campaign's methodology; «нет анкеты» where there was none.
    pub fn level_text(&self, v: Option<LevelValue>) -> &str {
        v.map_or("нет анкеты", |v| v.text(&self.methodology))
    }

    pub fn figure(&self, key: LevelKey, code: &str) -> Option<&RegionFigure> {
        self.region.iter().find(|f| f.key == key && f.level.code == code)
    }

    pub fn municipality(&self, name: &str) -> Option<&MunicipalityChange> {
        self.municipalities.iter().find(|m| m.municipality == name)
    }
}

/// Compares `after` (the campaign `campaign`) with `before` (the campaign `against`),
/// following `lineage` for municipalities renamed or merged in between.
pub fn compare(
    campaign: CampaignInfo,
    after: &Assessment,
    against: CampaignInfo,
    before: &Assessment,
    lineage: &Lineage,
) -> Dynamics {
    let then: BTreeMap<&str, &MunicipalityAssessment> =
        before.municipalities.iter().map(|m| (m.municipality.as_str(), m)).collect();
    let mut matched: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut municipalities = Vec::with_capacity(after.municipalities.len());
    for now in &after.municipalities {
        let name = now.municipality.as_str();
        let earlier = lineage.earlier_in(name, &then);
        matched.extend(earlier.iter().copied());
        let parts: Vec<&MunicipalityAssessment> = earlier.iter().filter_map(|n| then.get(n).copied()).collect();
        municipalities.push(MunicipalityChange {
            municipality: name.to_string(),
            compared_with: if earlier == [name] { Vec::new() } else { earlier.iter().map(|n| n.to_string()).collect() },
            levels: changes(&parts, Some(now)),
        });
    }
    for old in &before.municipalities {
        if !matched.contains(old.municipality.as_str()) {
            municipalities.push(MunicipalityChange {
                municipality: old.municipality.clone(),
                compared_with: Vec::new(),
                levels: changes(&[old], None),
            });
        }
    }
    let region = LevelKey::ALL
        .iter()
        .flat_map(|key| {
            key.levels().into_iter().map(move |level| RegionFigure {
                key: *key,
                level,
                before: share(before, *key, level.code),
                after: share(after, *key, level.code),
            })
        })
        .collect();
    Dynamics { campaign, against, municipalities, region, methodology: after.methodology.clone(), checked_only: None }
}

/// The level of the earlier campaign a municipality is compared with: its own, or for a merge
/// the worst of its parts' (a grey part makes the whole grey: nothing to compare).
fn earlier_level(key: LevelKey, parts: &[&MunicipalityAssessment]) -> Option<LevelValue> {
    parts.iter().map(|m| key.of(m)).max_by_key(|v| severity(v.colour).map_or(u8::MAX, |s| s))
}

fn changes(before: &[&MunicipalityAssessment], after: Option<&MunicipalityAssessment>) -> Vec<LevelChange> {
    LevelKey::ALL
        .iter()
        .map(|key| {
            let b = earlier_level(*key, before);
            let a = after.map(|m| key.of(m));
            LevelChange { key: *key, before: b, after: a, change: Change::between(b, a) }
        })
        .collect()
}

/// How many municipalities of the assessment have this level; of all its municipalities.
pub fn share(a: &Assessment, key: LevelKey, code: &str) -> Share {
    Share { count: a.count_where(|m| key.of(m).code == code), total: a.municipalities.len() }
}

#[cfg(test)]
mod tests;
