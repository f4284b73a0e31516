//! Keeping a meta-review's per-incident summaries in step with what it covers.

use super::{IncidentSummary, MetaReview};
use crate::model::Review;

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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::MetaReviewId;
    use crate::model::{ReviewId, ReviewTemplate};
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
}
