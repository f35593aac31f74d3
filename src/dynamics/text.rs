//! The dynamics in words, for the note's «Динамика по сравнению с …» section: how the headline
//! shares moved and which municipalities left or entered the red.

use super::{Change, Dynamics, LevelKey, RegionFigure};
use crate::methodology::Colour;
use crate::methodology::text::plural;

/// The shares the note speaks of, each with the phrase that names it («доля …»).
pub const HEADLINES: &[(LevelKey, &str, &str)] = &[
    (LevelKey::Service, "green", "доля муниципалитетов, где ММС функционирует в виде отдельной организации"),
    (LevelKey::Service, "red", "доля муниципалитетов, где наличие ММС не заявлено"),
    (LevelKey::StaffCount, "optimal", "доля ММС с оптимальной численностью"),
    (LevelKey::StaffCount, "insufficient", "доля ММС с недостаточной численностью"),
    (LevelKey::Potential, "sufficient", "доля ММС с достаточным кадровым потенциалом"),
    (LevelKey::Potential, "critical", "доля ММС с критическим кадровым потенциалом"),
    (LevelKey::Duties, "complies", "доля ММС, должностные обязанности которых соответствуют функциям РСНМС"),
    (
        LevelKey::Associations,
        "mmo_and_other",
        "доля муниципалитетов, где организована деятельность ММО и других объединений педагогов",
    ),
];

/// The heading of the section: «Динамика по сравнению с 2022 годом».
pub fn heading(d: &Dynamics) -> String {
    format!("Динамика по сравнению с {} годом", d.against.reference_date.format("%Y"))
}

/// When both sides count only checked questionnaires: how many each kept, so the reader knows
/// the shares are of those.
pub fn checked_only(d: &Dynamics) -> Option<String> {
    let scope = d.checked_only?;
    let year = |c: &super::CampaignInfo| c.reference_date.format("%Y").to_string();
    Some(format!(
        "Сравниваются только проверенные анкеты обеих кампаний: {} из {} на {} год и {} из {} на {} год; \
         доли рассчитаны от числа проверенных анкет.",
        scope.campaign.kept,
        scope.campaign.total,
        year(&d.campaign),
        scope.against.kept,
        scope.against.total,
        year(&d.against)
    ))
}

/// «выросла с 20,6 % до 26,5 %», «снизилась с …», «не изменилась (20,6 %)».
fn movement(f: &RegionFigure) -> String {
    let (before, after) = (f.before.tenths(), f.after.tenths());
    if after > before {
        format!("выросла с {} до {}", f.before.percent(), f.after.percent())
    } else if after < before {
        format!("снизилась с {} до {}", f.before.percent(), f.after.percent())
    } else {
        format!("не изменилась ({})", f.after.percent())
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The section's paragraphs: one sentence per headline share, then, per kind of level, the
/// municipalities that left the red and those that entered it.
pub fn paragraphs(d: &Dynamics) -> Vec<String> {
    let mut out: Vec<String> = checked_only(d).into_iter().collect();
    out.push(format!(
        "По сравнению с кампанией «{}» (дата мониторинга {}):",
        d.against.title,
        crate::methodology::text::date(d.against.reference_date)
    ));
    for (key, code, phrase) in HEADLINES {
        if let Some(f) = d.figure(*key, code) {
            out.push(format!("{} {};", capitalised(phrase), movement(f)));
        }
    }
    if let Some(last) = out.last_mut()
        && last.ends_with(';')
    {
        last.pop();
        last.push('.');
    }
    // Out of red, then into red: one sentence each, worded by the direction.
    let directions = [(true, "Из «красной» зоны", "вышел", "вышли"), (false, "В «красную» зону", "перешёл", "перешли")];
    for key in LevelKey::ALL {
        for (leaving, zone, one, many) in directions {
            let names = moved(d, key, leaving);
            if !names.is_empty() {
                out.push(format!(
                    "{zone} по показателю «{}» {} {} {}: {}.",
                    key.title(&d.methodology),
                    plural(names.len(), one, many, many),
                    names.len(),
                    plural(names.len(), "муниципалитет", "муниципалитета", "муниципалитетов"),
                    names.join(", ")
                ));
            }
        }
    }
    out
}

/// The municipalities whose level of this kind left the red (`left`) or entered it: red then
/// and better now, or better then and red now.
pub fn moved(d: &Dynamics, key: LevelKey, left: bool) -> Vec<&str> {
    d.municipalities
        .iter()
        .filter(|m| {
            m.level(key).is_some_and(|l| {
                let was_red = l.before.is_some_and(|b| b.colour == Colour::Red);
                let is_red = l.after.is_some_and(|a| a.colour == Colour::Red);
                match (left, l.change) {
                    (true, Change::Improved) => was_red,
                    (false, Change::Worsened) => is_red && !was_red,
                    _ => false,
                }
            })
        })
        .map(|m| m.municipality.as_str())
        .collect()
}
