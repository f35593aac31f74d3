//! The review status of a questionnaire: the analyst's «черновик», «на доработке» (with a
//! comment to the municipality) or «проверена». The note and the exports can be limited to
//! checked questionnaires.

use super::Campaign;
use super::enums::coded_enum;
use std::collections::BTreeMap;

coded_enum! {
    /// Where a questionnaire is in its review.
    ReviewStatus {
        Draft => "draft", "черновик";
        NeedsWork => "needs_work", "на доработке";
        Checked => "checked", "проверена";
    }
}

// The enum comes from `coded_enum!`, which cannot mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for ReviewStatus {
    fn default() -> Self {
        ReviewStatus::Draft
    }
}

/// A questionnaire's status with the comment sent back to the municipality.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    pub status: ReviewStatus,
    pub comment: Option<String>,
}

/// What limiting a campaign to its checked questionnaires kept: `kept` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedOnly {
    pub kept: usize,
    pub total: usize,
}

impl CheckedOnly {
    /// The questionnaires left out (drafts and those sent back for rework).
    pub fn left_out(self) -> usize {
        self.total.saturating_sub(self.kept)
    }

    /// What every export and the note say about it, on the command line and in the window.
    pub fn sentence(self) -> String {
        format!(
            "Только проверенные анкеты: {} из {}; не проверены и не включены: {}",
            self.kept,
            self.total,
            self.left_out()
        )
    }
}

/// Leaves in `campaign` only the questionnaires whose review (by municipality, as
/// `Db::reviews` gives them) is «проверена»: the one rule of `--checked-only` and of the app's
/// «Только проверенные анкеты».
pub fn keep_checked(campaign: &mut Campaign, reviews: &BTreeMap<String, Review>) -> CheckedOnly {
    let total = campaign.responses.len();
    campaign
        .responses
        .retain(|r| reviews.get(r.municipality.as_str()).is_some_and(|v| v.status == ReviewStatus::Checked));
    CheckedOnly { kept: campaign.responses.len(), total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_checked_questionnaires_are_kept_and_counted() {
        let mut campaign = crate::model::synthetic::three_years()[0].clone();
        let total = campaign.responses.len();
        let first = campaign.responses[0].municipality.to_string();
        let second = campaign.responses[1].municipality.to_string();
        let reviews = BTreeMap::from([
            (first.clone(), Review { status: ReviewStatus::Checked, comment: None }),
            (second, Review { status: ReviewStatus::NeedsWork, comment: Some("нет штата".into()) }),
        ]);
        let kept = keep_checked(&mut campaign, &reviews);
        assert_eq!(kept, CheckedOnly { kept: 1, total });
        assert_eq!(campaign.responses.len(), 1);
        assert_eq!(campaign.responses[0].municipality, first);
        assert_eq!(
            kept.sentence(),
            format!("Только проверенные анкеты: 1 из {total}; не проверены и не включены: {}", total - 1)
        );
    }

    #[test]
    fn statuses_round_trip_and_start_as_drafts() {
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(Review::default().status, ReviewStatus::Draft);
        assert_eq!(ReviewStatus::NeedsWork.label(), "на доработке");
    }
}
