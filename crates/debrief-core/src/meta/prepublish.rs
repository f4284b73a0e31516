//! Before a meta-review's public report goes out: what in the meta-review's own text still
//! looks private once names and redactions have been applied. Each covered review's own
//! text is the business of that review's pre-publish check; this looks at what the
//! meta-review adds (its title, summaries, public notes and next steps).

use super::{covered_reviews, MetaNote, MetaReview};
use crate::model::{Review, Visibility};
use crate::render::public::{excerpt_around, find_private, PrivateLooking};
use crate::render::scrub::{person_name_terms, scrub_for_review, Scrubber, TermSet};
use crate::time::TimeZones;

/// Private-looking text in the public version of `meta`'s own sections, in reading order.
pub fn meta_prepublish_check(
    meta: &MetaReview,
    reviews: &[Review],
    zones: &dyn TimeZones,
) -> Vec<PrivateLooking> {
    let covered = covered_reviews(meta, reviews, zones).reviews;
    let people: Vec<_> = covered.iter().flat_map(|r| &r.people).collect();
    let scrub = Scrubber::for_meta(&people, &meta.redactions);
    let names = TermSet::new(covered.iter().flat_map(|r| person_name_terms(r)).collect());

    let mut texts: Vec<(String, String)> = vec![("Title".to_owned(), scrub.text(&meta.title))];
    for summary in &meta.summaries {
        let shown = match covered.iter().find(|r| r.id == summary.review) {
            Some(review) => scrub.text(&scrub_for_review(review, &summary.text)),
            None => scrub.text(&summary.text),
        };
        texts.push((
            format!("Summary of \u{201c}{}\u{201d}", summary.title),
            shown,
        ));
    }
    let notes = |label: &str, list: &[MetaNote], texts: &mut Vec<(String, String)>| {
        for (i, note) in list.iter().enumerate() {
            if note.visibility == Visibility::Public {
                texts.push((format!("{label} {}", i + 1), scrub.text(&note.text)));
            }
        }
    };
    notes("Theme", &meta.themes, &mut texts);
    notes("What went well", &meta.went_well, &mut texts);
    notes("Open question", &meta.open_questions, &mut texts);
    for (i, step) in meta.next_steps.iter().enumerate() {
        if step.visibility == Visibility::Public {
            let label = format!("Next step {}", i + 1);
            texts.push((label.clone(), scrub.text(&step.text)));
            texts.push((format!("{label}, owner"), scrub.text(&step.owner)));
        }
    }

    let mut flagged: Vec<PrivateLooking> = Vec::new();
    for (field, text) in &texts {
        for (span, kind) in find_private(text, &names) {
            let finding = PrivateLooking {
                field: field.clone(),
                excerpt: excerpt_around(text, span),
                kind,
            };
            if !flagged.contains(&finding) {
                flagged.push(finding);
            }
        }
    }
    flagged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{IncidentSummary, MetaReviewId, NextStep, ReviewSelection};
    use crate::model::{EntityId, Person, Redaction, ReviewId, ReviewTemplate};
    use crate::render::public::PrivateKind;
    use crate::testing::{at, UtcOnly};

    fn meta_over(review: &Review) -> MetaReview {
        MetaReview {
            id: MetaReviewId::new("m"),
            selection: ReviewSelection {
                picked: vec![review.id.clone()],
                rule: None,
            },
            ..MetaReview::default()
        }
    }

    fn review() -> Review {
        let mut review = Review::new(
            ReviewId::new("r"),
            ReviewTemplate::FullAnalysis,
            at("2020-08-01T00:00:00Z").to_utc(),
        );
        review.people.push(Person {
            id: EntityId::new("p1"),
            name: "Dana Whitfield".into(),
            ..Person::default()
        });
        review
    }

    #[test]
    fn private_looking_text_in_public_sections_is_flagged_internal_is_not() {
        let review = review();
        let mut meta = meta_over(&review);
        meta.themes.push(MetaNote {
            id: EntityId::new("t1"),
            text: "Config pushed to db-7.corp by hand".into(),
            visibility: Visibility::Public,
            ..MetaNote::default()
        });
        meta.open_questions.push(MetaNote {
            id: EntityId::new("q1"),
            text: "Ask ops@example.com".into(),
            visibility: Visibility::Internal,
            ..MetaNote::default()
        });
        meta.next_steps.push(NextStep {
            id: EntityId::new("s1"),
            text: "Mail alerts to oncall@example.com".into(),
            owner: "Platform".into(),
            visibility: Visibility::Public,
            ..NextStep::default()
        });
        let flagged = meta_prepublish_check(&meta, &[review], &UtcOnly);
        let kinds: Vec<(String, PrivateKind)> =
            flagged.iter().map(|f| (f.field.clone(), f.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Theme 1".to_owned(), PrivateKind::HostName),
                ("Next step 1".to_owned(), PrivateKind::EmailAddress),
            ]
        );
    }

    #[test]
    fn names_become_roles_and_redactions_apply_before_the_check() {
        let review = review();
        let mut meta = meta_over(&review);
        meta.summaries.push(IncidentSummary {
            review: review.id.clone(),
            title: "DNS".into(),
            text: "Dana Whitfield moved instances off ingest-7.internal".into(),
            ..IncidentSummary::default()
        });
        meta.redactions.push(Redaction {
            term: "ingest-7.internal".into(),
            replacement: "an ingest host".into(),
        });
        assert_eq!(meta_prepublish_check(&meta, &[review], &UtcOnly), vec![]);
    }
}
