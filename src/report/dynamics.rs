//! The note's «Динамика по сравнению с … годом» section, from a comparison made by
//! [`crate::dynamics`]: the sentences of `dynamics::text`, the headline shares as a list.

use super::doc::Section;
use crate::dynamics::{Dynamics, text};

/// The section for [`super::ReportOptions::dynamics`]: an introduction, one list item per
/// headline share, then the municipalities that left or entered the red.
pub fn section(d: &Dynamics) -> Section {
    let mut s = Section::new(text::heading(d));
    let mut paragraphs = text::paragraphs(d).into_iter();
    if let Some(first) = paragraphs.next() {
        s.body(first);
    }
    for p in paragraphs {
        match p.strip_prefix("Доля ") {
            Some(rest) => s.item(format!("доля {rest}")),
            None => s.body(p),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamics::{CampaignInfo, Lineage, compare};
    use crate::methodology::assess_default;
    use crate::model::synthetic::three_years;

    #[test]
    fn the_section_speaks_of_the_earlier_year_and_its_shares() {
        let [a, b, _] = three_years().map(|c| assess_default(&c));
        let info = |n, x: &crate::methodology::Assessment| CampaignInfo {
            number: n,
            title: x.title.clone(),
            region: x.region.clone(),
            reference_date: x.reference_date,
        };
        let d = compare(info(2, &b), &b, info(1, &a), &a, &Lineage::default());
        let s = section(&d);
        assert_eq!(s.title, "Динамика по сравнению с 2021 годом");
        let texts: Vec<String> = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                crate::report::doc::Block::Paragraph(p) => Some(p.text()),
                _ => None,
            })
            .collect();
        assert!(
            texts.iter().any(|t| t == "доля ММС с оптимальной численностью выросла с 16,7 % до 50,0 %;"),
            "{texts:#?}"
        );
        assert!(texts.iter().any(|t| t.starts_with("Из «красной» зоны")), "{texts:#?}");
    }
}
