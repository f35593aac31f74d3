//! The review status of a questionnaire: the analyst's «черновик», «на доработке» (with a
//! comment to the municipality) or «проверена». The note and the exports can be limited to
//! checked questionnaires.

use super::enums::coded_enum;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_start_as_drafts() {
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(Review::default().status, ReviewStatus::Draft);
        assert_eq!(ReviewStatus::NeedsWork.label(), "на доработке");
    }
}
