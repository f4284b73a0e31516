//! Which reviews a meta-review covers, and which of those are gone.

use super::{MetaReview, SelectionRule};
use crate::model::{Review, ReviewId};
use crate::sorting;
use crate::time::{TimeZones, Zone};

/// The covered reviews found in the workbook, in incident order, and the covered ids that
/// are no longer there.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage<'a> {
    pub reviews: Vec<&'a Review>,
    /// Picked by hand (or summarised earlier) but deleted since.
    pub missing: Vec<ReviewId>,
}

/// The reviews `meta` covers among `reviews`: the picked ones, then those its rule matches,
/// each once, ordered by incident start (reviews without a start last, by title).
pub fn covered_reviews<'a>(
    meta: &MetaReview,
    reviews: &'a [Review],
    zones: &dyn TimeZones,
) -> Coverage<'a> {
    let zone = Zone::find_or_utc(zones, &meta.time_zone);
    let mut covered: Vec<&Review> = reviews
        .iter()
        .filter(|r| {
            meta.selection.picked.contains(&r.id)
                || meta
                    .selection
                    .rule
                    .as_ref()
                    .is_some_and(|rule| matches(rule, r, &zone))
        })
        .collect();
    sorting::sort_by(&mut covered, |a, b| {
        (a.incident.start.is_none(), a.incident.start, &a.title).cmp(&(
            b.incident.start.is_none(),
            b.incident.start,
            &b.title,
        ))
    });
    let present = |id: &ReviewId| reviews.iter().any(|r| &r.id == id);
    let mut missing: Vec<ReviewId> = Vec::new();
    let wanted = meta
        .selection
        .picked
        .iter()
        .chain(meta.summaries.iter().map(|s| &s.review));
    for id in wanted {
        if !present(id) && !missing.contains(id) {
            missing.push(id.clone());
        }
    }
    Coverage {
        reviews: covered,
        missing,
    }
}

fn matches(rule: &SelectionRule, review: &Review, zone: &Zone) -> bool {
    let day = review.incident.start.map(|at| zone.to_local(&at).0.date());
    let in_range = match (rule.from, rule.to) {
        (None, None) => true,
        (from, to) => day.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)),
    };
    let any_of = |wanted: &[String], has: &[String]| {
        wanted.is_empty()
            || wanted
                .iter()
                .any(|w| has.iter().any(|h| h.trim().eq_ignore_ascii_case(w.trim())))
    };
    in_range
        && any_of(&rule.tags, &review.tags)
        && any_of(&rule.services, &review.services)
        && (rule.triggers.is_empty() || rule.triggers.contains(&review.trigger.class))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{IncidentSummary, MetaReviewId, ReviewSelection};
    use crate::model::{ReviewTemplate, TriggerClass};
    use crate::testing::{at, UtcOnly};
    use chrono::NaiveDate;

    fn review(id: &str, start: Option<&str>, tags: &[&str], trigger: TriggerClass) -> Review {
        let mut review = Review::new(
            ReviewId::new(id),
            ReviewTemplate::FullAnalysis,
            at("2020-01-01T00:00:00Z").to_utc(),
        );
        review.title = format!("Incident {id}");
        review.incident.start = start.map(at);
        review.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        review.trigger.class = trigger;
        review
    }

    fn meta(selection: ReviewSelection) -> MetaReview {
        MetaReview {
            id: MetaReviewId::new("m"),
            selection,
            ..MetaReview::default()
        }
    }

    fn ids(coverage: &Coverage) -> Vec<String> {
        coverage.reviews.iter().map(|r| r.id.to_string()).collect()
    }

    #[test]
    fn picked_and_ruled_reviews_are_covered_once_in_incident_order() {
        let reviews = vec![
            review(
                "late",
                Some("2020-08-06T10:00:00Z"),
                &["deploy"],
                TriggerClass::SelfChangeCaused,
            ),
            review(
                "early",
                Some("2020-07-28T03:00:00Z"),
                &[],
                TriggerClass::ProviderCaused,
            ),
            review(
                "other",
                Some("2020-05-01T00:00:00Z"),
                &["deploy"],
                TriggerClass::SelfChangeCaused,
            ),
            review("undated", None, &["deploy"], TriggerClass::Unknown),
        ];
        let selection = ReviewSelection {
            picked: vec![ReviewId::new("early"), ReviewId::new("late")],
            rule: Some(SelectionRule {
                from: NaiveDate::from_ymd_opt(2020, 7, 1),
                to: NaiveDate::from_ymd_opt(2020, 8, 31),
                tags: vec!["DEPLOY".into()],
                ..SelectionRule::default()
            }),
        };
        let coverage = covered_reviews(&meta(selection), &reviews, &UtcOnly);
        assert_eq!(ids(&coverage), vec!["early", "late"]);
        assert!(coverage.missing.is_empty());
    }

    #[test]
    fn a_rule_alone_matches_by_trigger_and_an_undated_review_only_without_a_range() {
        let reviews = vec![
            review(
                "a",
                Some("2020-07-28T03:00:00Z"),
                &[],
                TriggerClass::ProviderCaused,
            ),
            review("b", None, &[], TriggerClass::ProviderCaused),
            review("c", None, &[], TriggerClass::CustomerCaused),
        ];
        let by_trigger = ReviewSelection {
            picked: Vec::new(),
            rule: Some(SelectionRule {
                triggers: vec![TriggerClass::ProviderCaused],
                ..SelectionRule::default()
            }),
        };
        assert_eq!(
            ids(&covered_reviews(&meta(by_trigger), &reviews, &UtcOnly)),
            vec!["a", "b"]
        );
    }

    #[test]
    fn deleted_reviews_are_reported_missing_not_dropped_silently() {
        let reviews = vec![review(
            "here",
            Some("2020-07-28T03:00:00Z"),
            &[],
            TriggerClass::Unknown,
        )];
        let mut m = meta(ReviewSelection {
            picked: vec![ReviewId::new("here"), ReviewId::new("gone")],
            rule: None,
        });
        m.summaries.push(IncidentSummary {
            review: ReviewId::new("also-gone"),
            title: "Deleted incident".into(),
            ..IncidentSummary::default()
        });
        let coverage = covered_reviews(&m, &reviews, &UtcOnly);
        assert_eq!(ids(&coverage), vec!["here"]);
        assert_eq!(
            coverage.missing,
            vec![ReviewId::new("gone"), ReviewId::new("also-gone")]
        );
    }
}
