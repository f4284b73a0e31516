//! Keeping a meta-review's per-incident summaries in step with what it covers.

use super::{IncidentSummary, MetaReview};
use crate::model::{Review, ReviewId};

impl MetaReview {
    /// Adds a summary for every covered review that has none, prefilled from the review's own
    /// summary, and refreshes the title and start kept for each (so a review deleted later is
    /// still named). The analyst's text is never replaced, and a summary is never removed
    /// here: taking a review out of the selection keeps what was written about it. Returns
    /// whether anything changed.
    pub fn sync_summaries(&mut self, covered: &[&Review]) -> bool {
        let mut changed = false;
        for review in covered {
            match self.summaries.iter_mut().find(|s| s.review == review.id) {
                Some(summary) => {
                    let title = review.display_title().to_owned();
                    if summary.title != title || summary.incident_start != review.incident.start {
                        summary.title = title;
                        summary.incident_start = review.incident.start;
                        changed = true;
                    }
                }
                None => {
                    self.summaries.push(IncidentSummary {
                        review: review.id.clone(),
                        title: review.display_title().to_owned(),
                        incident_start: review.incident.start,
                        text: review.summary.clone(),
                    });
                    changed = true;
                }
            }
        }
        changed
    }

    /// Takes out the summaries of reviews still in the workbook that the selection no
    /// longer covers ("Remove all" under them), returning each with its place for
    /// [`MetaReview::restore_summaries`]. Those of deleted reviews stay: they are all that is
    /// left of those incidents here.
    pub fn remove_uncovered_summaries(
        &mut self,
        covered: &[ReviewId],
        missing: &[ReviewId],
    ) -> Vec<(usize, IncidentSummary)> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.summaries.len());
        for (place, summary) in std::mem::take(&mut self.summaries).into_iter().enumerate() {
            if covered.contains(&summary.review) || missing.contains(&summary.review) {
                kept.push(summary);
            } else {
                removed.push((place, summary));
            }
        }
        self.summaries = kept;
        removed
    }

    /// Puts summaries taken out by [`MetaReview::remove_uncovered_summaries`] back where
    /// they were, leaving out any whose review has a summary again since.
    pub fn restore_summaries(&mut self, removed: &[(usize, IncidentSummary)]) {
        for (place, summary) in removed {
            if self.summaries.iter().any(|s| s.review == summary.review) {
                continue;
            }
            let place = (*place).min(self.summaries.len());
            self.summaries.insert(place, summary.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::MetaReviewId;
    use crate::model::ReviewTemplate;
    use crate::testing::at;

    fn review(id: &str, summary: &str) -> Review {
        let mut review = Review::new(
            ReviewId::new(id),
            ReviewTemplate::FullAnalysis,
            at("2020-08-01T00:00:00Z").to_utc(),
        );
        review.title = format!("Incident {id}");
        review.summary = summary.to_owned();
        review
    }

    #[test]
    fn summaries_are_prefilled_once_then_the_analysts() {
        let mut meta = MetaReview::new(
            MetaReviewId::new("m"),
            at("2020-08-10T00:00:00Z").to_utc(),
            "UTC",
        );
        let a = review("a", "DNS lookups failed in one zone.");
        assert!(meta.sync_summaries(&[&a]));
        assert_eq!(meta.summaries[0].text, "DNS lookups failed in one zone.");
        meta.summaries[0].text = "Route53 trouble in one AZ; moved instances out.".into();
        let mut renamed = a.clone();
        renamed.title = "DNS lookups slow or failing".into();
        renamed.summary = "Changed in the review later.".into();
        assert!(meta.sync_summaries(&[&renamed]));
        assert_eq!(meta.summaries[0].title, "DNS lookups slow or failing");
        assert_eq!(
            meta.summaries[0].text,
            "Route53 trouble in one AZ; moved instances out."
        );
        assert!(!meta.sync_summaries(&[&renamed]));
        // Taken out of the selection: the summary stays.
        assert!(!meta.sync_summaries(&[]));
        assert_eq!(meta.summaries.len(), 1);
    }

    #[test]
    fn summaries_no_longer_covered_are_removed_together_and_come_back_in_place() {
        let mut meta = MetaReview::new(
            MetaReviewId::new("m"),
            at("2020-08-10T00:00:00Z").to_utc(),
            "UTC",
        );
        let reviews: Vec<Review> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| review(id, &format!("What happened in {id}.")))
            .collect();
        let all: Vec<&Review> = reviews.iter().collect();
        meta.sync_summaries(&all);
        meta.summaries[1].text = "The analyst's account of b.".into();
        let before = meta.summaries.clone();
        // Now only "a" is covered and "c" was deleted from the workbook.
        let covered = [ReviewId::new("a")];
        let missing = [ReviewId::new("c")];
        let removed = meta.remove_uncovered_summaries(&covered, &missing);
        let ids = |m: &MetaReview| {
            m.summaries
                .iter()
                .map(|s| s.review.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&meta), ["a", "c"]);
        assert_eq!(removed.len(), 2);
        meta.restore_summaries(&removed);
        assert_eq!(
            meta.summaries, before,
            "the analyst's text is back, in its place"
        );
    }
}
