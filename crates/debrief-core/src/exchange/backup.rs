//! The whole workbook as one JSON file, and bringing files back in.
//!
//! A backup is an ordinary document (`{"format": "debrief.backup", "schema_version": 4,
//! "workbook": {"reviews": [ … ], "meta_reviews": [ … ], "unreadable": [ … ]}}`; versions 1
//! and 2 held only the reviews, as a list under `"reviews"`), so restoring one goes through
//! the same load path as everything else: parse → migrate → validate, all or nothing. An
//! import file may be a single review or a backup; reviews whose id is already in the
//! workbook are clashes the person decides about ([`ImportChoice`]), never silently
//! overwritten. Meta-reviews are never asked about ([`plan_meta_import`]): one whose id is
//! taken is added beside the existing one.

use crate::document::{self, Document, LoadError};
use crate::library::WorkbookIndex;
use crate::meta::{MetaReview, MetaReviewId};
use crate::model::{Review, ReviewId};
use crate::text::count;
use crate::validate::{validate_review, ValidationError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// A whole workbook: every review (in the library's order, most recent first), every
/// meta-review, and every stored document Debrief could not read, kept as it was so a
/// backup never loses what storage still holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct WorkbookBackup {
    pub reviews: Vec<Review>,
    pub meta_reviews: Vec<MetaReview>,
    pub unreadable: Vec<UnreadableDocument>,
}

/// A stored document that did not load (damaged, or saved by a newer Debrief), carried in a
/// backup word for word. Its fields are required: a backup that lost one of them has lost
/// the document itself.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UnreadableDocument {
    /// Where it was stored (the storage key it was read from).
    pub key: String,
    /// Why it could not be read, as the person was told.
    pub reason: String,
    /// The stored text, untouched.
    pub text: String,
}

impl WorkbookBackup {
    /// What the backup holds, for "Downloaded a backup of …": "12 reviews, 2 meta-reviews
    /// and 1 document Debrief could not read (kept as it was)". Kinds it has none of are
    /// left out; a backup of nothing is "no reviews".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.reviews.is_empty() {
            parts.push(count(self.reviews.len(), "review", "reviews"));
        }
        if !self.meta_reviews.is_empty() {
            parts.push(count(
                self.meta_reviews.len(),
                "meta-review",
                "meta-reviews",
            ));
        }
        if !self.unreadable.is_empty() {
            parts.push(count(
                self.unreadable.len(),
                "document Debrief could not read (kept as it was)",
                "documents Debrief could not read (kept as they were)",
            ));
        }
        match parts.as_slice() {
            [] => "no reviews".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

impl Document for WorkbookBackup {
    const FORMAT: &'static str = "debrief.backup";
    const SCHEMA_VERSION: u32 = 5;
    const PAYLOAD: &'static str = "workbook";
    const NOUN: &'static str = "workbook backup";

    /// The documents inside carry no version of their own, so this version moves with
    /// theirs: see [`super::migrate::STEPS`].
    fn migrations() -> &'static [fn(Value) -> Result<Value, LoadError>] {
        super::migrate::STEPS
    }

    /// Versions 1 and 2 kept their list of reviews directly under `"reviews"`.
    fn payload_field(version: u32) -> &'static str {
        if version < 3 {
            "reviews"
        } else {
            Self::PAYLOAD
        }
    }

    /// Every review's and meta-review's own rules, plus one rule of the backup: ids are
    /// distinct within each kind, since each becomes a storage key.
    fn validate(&self) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for review in &self.reviews {
            if !seen.insert(&review.id) {
                problems.push(ValidationError::DuplicateId {
                    id: review.id.to_string(),
                });
            }
            // ValidationError has no variant naming the review a problem belongs to, and
            // that type is not this module's to change, so problems are listed as they are.
            problems.extend(validate_review(review));
        }
        let mut seen = HashSet::new();
        for meta in &self.meta_reviews {
            if !seen.insert(&meta.id) {
                problems.push(ValidationError::DuplicateId {
                    id: meta.id.to_string(),
                });
            }
            problems.extend(meta.validate());
        }
        problems
    }
}

/// What an import file turned out to hold.
// One value per import, moved a couple of times: boxing the review would only make every
// match on it noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Review(Review),
    Backup(WorkbookBackup),
}

impl Incoming {
    pub fn into_reviews(self) -> Vec<Review> {
        match self {
            Self::Review(review) => vec![review],
            Self::Backup(backup) => backup.reviews,
        }
    }
}

/// What a person may import, for the "this file is …, not a …" message.
const IMPORTABLE: &str = "review or workbook backup";

/// Reads an import file: a review document or a workbook backup, each through
/// [`document::load`]. Anything else is refused with the load path's own message, naming
/// both kinds that would have been accepted.
pub fn read_import(text: &str) -> Result<Incoming, LoadError> {
    // WrongKind is decided from the envelope's header alone, so trying the review first
    // costs one light pass over the text and keeps one load path for both kinds.
    match document::load::<Review>(text) {
        Err(LoadError::WrongKind { .. }) => {}
        other => return other.map(Incoming::Review),
    }
    match document::load::<WorkbookBackup>(text) {
        Err(LoadError::WrongKind { found, .. }) => Err(LoadError::WrongKind {
            found,
            expected: IMPORTABLE,
        }),
        other => other.map(Incoming::Backup),
    }
}

/// What to do with an incoming review whose id is already in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportChoice {
    /// The incoming review takes the existing one's place (same id).
    Replace,
    /// Both stay: the incoming one is added as a copy under a new id ([`keep_both`]).
    KeepBoth,
}

impl ImportChoice {
    pub const ALL: [ImportChoice; 2] = [Self::Replace, Self::KeepBoth];

    pub fn label(self) -> &'static str {
        match self {
            Self::Replace => "Replace the review in this workbook",
            Self::KeepBoth => "Keep both",
        }
    }
}

/// An import sorted into what can simply be added and what needs a decision.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// Reviews whose id the workbook does not have, in file order.
    pub new: Vec<Review>,
    /// Each incoming review whose id the workbook already has, with that existing id.
    pub clashes: Vec<(Review, ReviewId)>,
}

/// Sorts incoming reviews by whether their id is already in `existing`.
pub fn plan_import(incoming: Incoming, existing: &WorkbookIndex) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for review in incoming.into_reviews() {
        match existing.get(&review.id) {
            Some(entry) => {
                let id = entry.id.clone();
                plan.clashes.push((review, id));
            }
            None => plan.new.push(review),
        }
    }
    plan
}

/// The incoming review as a copy beside the existing one: a new id, " (imported)" after its
/// title so the two can be told apart in the library, and `now` as its last change so it is
/// listed next to the one it clashed with. Its content, creation time and status are kept:
/// it is the same review, only filed separately.
pub fn keep_both(review: Review, new_id: ReviewId, now: DateTime<Utc>) -> Review {
    let title = format!("{} (imported)", review.display_title());
    Review {
        id: new_id,
        title,
        updated_at: now,
        ..review
    }
}

/// Applies a person's choice to one clash. `new_id` is only called for
/// [`ImportChoice::KeepBoth`] (ids come from the caller's randomness).
pub fn resolve_clash(
    incoming: Review,
    choice: ImportChoice,
    new_id: impl FnOnce() -> ReviewId,
    now: DateTime<Utc>,
) -> Review {
    match choice {
        ImportChoice::Replace => incoming,
        ImportChoice::KeepBoth => keep_both(incoming, new_id(), now),
    }
}

/// The incoming meta-reviews as they are to be stored, in file order: one whose id is free
/// keeps it; one whose id `existing_ids` already holds is added as a copy under `new_id()`,
/// with " (imported)" after its title so the two can be told apart in the library. Nothing
/// is replaced and nothing is asked: a meta-review is a small summary across reviews, kept
/// or deleted afterwards in a click, so a question per clash would cost more than it saves.
pub fn plan_meta_import(
    metas: Vec<MetaReview>,
    existing_ids: &HashSet<MetaReviewId>,
    mut new_id: impl FnMut() -> MetaReviewId,
) -> Vec<MetaReview> {
    metas
        .into_iter()
        .map(|meta| {
            if existing_ids.contains(&meta.id) {
                MetaReview {
                    id: new_id(),
                    title: format!("{} (imported)", meta.display_title()),
                    ..meta
                }
            } else {
                meta
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{encode, encode_pretty, load};
    use crate::library::ReviewSummary;
    use crate::model::{ReviewStatus, ReviewTemplate};

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn review(id: &str, title: &str) -> Review {
        let mut review = Review::new(ReviewId::new(id), ReviewTemplate::LightReview, at(10));
        review.title = title.to_owned();
        review
    }

    fn backup() -> WorkbookBackup {
        WorkbookBackup {
            reviews: vec![
                load::<Review>(V1).unwrap(),
                review("b", "DNS outage"),
                review("c", ""),
            ],
            ..WorkbookBackup::default()
        }
    }

    fn index_of(reviews: &[Review]) -> WorkbookIndex {
        let mut index = WorkbookIndex::default();
        for review in reviews {
            index.upsert(ReviewSummary::of(review));
        }
        index
    }

    #[test]
    fn a_backup_round_trips_every_review_in_order() {
        let backup = backup();
        for text in [encode(&backup), encode_pretty(&backup)] {
            assert_eq!(load::<WorkbookBackup>(&text).unwrap(), backup);
        }
        let value: Value = serde_json::from_str(&encode(&backup)).unwrap();
        assert_eq!(value["format"], "debrief.backup");
        assert_eq!(value["schema_version"], WorkbookBackup::SCHEMA_VERSION);
        assert_eq!(value["workbook"]["reviews"].as_array().unwrap().len(), 3);
        assert_eq!(value["workbook"]["reviews"][1]["title"], "DNS outage");
    }

    #[test]
    fn an_empty_workbook_backs_up_and_restores() {
        let empty = WorkbookBackup::default();
        assert_eq!(load::<WorkbookBackup>(&encode(&empty)).unwrap(), empty);
    }

    #[test]
    fn a_backup_is_all_or_nothing() {
        let mut broken = backup();
        broken.reviews[1].incident.time_zone = "not a zone".to_owned();
        let err = load::<WorkbookBackup>(&encode(&broken)).unwrap_err();
        assert!(
            matches!(&err, LoadError::Invalid(p) if p.len() == 1),
            "{err:?}"
        );

        let mut twice = backup();
        twice.reviews.push(review("b", "Another DNS outage"));
        let err = load::<WorkbookBackup>(&encode(&twice)).unwrap_err();
        assert_eq!(
            err,
            LoadError::Invalid(vec![ValidationError::DuplicateId { id: "b".into() }])
        );
    }

    #[test]
    fn a_newer_backup_is_refused() {
        let current = WorkbookBackup::SCHEMA_VERSION;
        let text = encode(&backup()).replace(
            &format!("\"schema_version\":{current}"),
            &format!("\"schema_version\":{}", current + 1),
        );
        assert!(matches!(
            read_import(&text),
            Err(LoadError::NewerVersion { found, .. }) if found == u64::from(current) + 1
        ));
    }

    #[test]
    fn import_reads_a_single_review_or_a_backup() {
        let single = read_import(V1).unwrap();
        assert!(matches!(&single, Incoming::Review(r) if r.id.as_str() == "fixture-v1-memory"));
        let whole = read_import(&encode_pretty(&backup())).unwrap();
        assert_eq!(whole, Incoming::Backup(backup()));
        assert_eq!(whole.into_reviews().len(), 3);
    }

    #[test]
    fn other_documents_are_refused_in_plain_words() {
        let err = read_import(&encode(&index_of(&backup().reviews))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "This file is a workbook index, not a review or workbook backup."
        );
        let other = r#"{"format":"acme.notes","schema_version":1,"notes":[]}"#;
        assert_eq!(
            read_import(other).unwrap_err().to_string(),
            "This file is a \"acme.notes\" document, not a review or workbook backup."
        );
        assert_eq!(
            read_import("[]").unwrap_err(),
            LoadError::NotADebriefDocument
        );
        assert!(matches!(
            read_import("{\"format\":"),
            Err(LoadError::NotJson { .. })
        ));
        // A review that breaks the rules keeps the review's own message.
        let unsafe_link = V1.replace(
            "https://tracker.example.com/ISSUE-42",
            "javascript:alert(1)",
        );
        assert!(matches!(
            read_import(&unsafe_link),
            Err(LoadError::Invalid(_))
        ));
    }

    #[test]
    fn clashes_are_found_by_id_not_by_title() {
        let mut existing = vec![
            review("b", "DNS outage, as edited here"),
            review("z", "Other"),
        ];
        existing[0].status = ReviewStatus::Published;
        let plan = plan_import(Incoming::Backup(backup()), &index_of(&existing));
        let new_ids: Vec<_> = plan.new.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(new_ids, ["fixture-v1-memory", "c"]);
        assert_eq!(plan.clashes.len(), 1);
        let (incoming, existing_id) = &plan.clashes[0];
        assert_eq!(incoming.title, "DNS outage");
        assert_eq!(existing_id.as_str(), "b");

        let single = plan_import(
            Incoming::Review(review("z", "Same id")),
            &index_of(&existing),
        );
        assert!(single.new.is_empty());
        assert_eq!(single.clashes.len(), 1);
        let fresh = plan_import(Incoming::Review(review("q", "")), &WorkbookIndex::default());
        assert_eq!(fresh.new.len(), 1);
        assert!(fresh.clashes.is_empty());
    }

    #[test]
    fn keep_both_files_a_marked_copy() {
        let original = load::<Review>(V1).unwrap();
        let copy = keep_both(original.clone(), ReviewId::new("new"), at(500));
        assert_eq!(copy.id.as_str(), "new");
        assert_eq!(
            copy.title,
            "Ingest brownouts from a slow memory leak (imported)"
        );
        assert_eq!(copy.updated_at, at(500));
        assert_eq!(copy.created_at, original.created_at);
        assert_eq!(copy.timeline, original.timeline);
        assert_eq!(copy.status, original.status);
        assert!(copy.validate().is_empty());

        let untitled = keep_both(review("c", "  "), ReviewId::new("d"), at(1));
        assert_eq!(untitled.title, "Untitled review (imported)");
    }

    #[test]
    fn clashing_meta_reviews_are_added_beside_the_existing_ones() {
        let meta = |id: &str, title: &str| MetaReview {
            id: MetaReviewId::new(id),
            title: title.to_owned(),
            ..MetaReview::default()
        };
        let incoming = vec![
            meta("m1", "Q3 incidents"),
            meta("m2", ""),
            meta("m3", "New"),
        ];
        let existing: HashSet<MetaReviewId> = ["m1", "m2", "other"]
            .into_iter()
            .map(MetaReviewId::new)
            .collect();
        let mut fresh = 0;
        let planned = plan_meta_import(incoming.clone(), &existing, || {
            fresh += 1;
            MetaReviewId::new(format!("fresh-{fresh}"))
        });
        let found: Vec<(&str, &str)> = planned
            .iter()
            .map(|m| (m.id.as_str(), m.title.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("fresh-1", "Q3 incidents (imported)"),
                ("fresh-2", "Untitled meta-review (imported)"),
                ("m3", "New"),
            ]
        );
        // Everything but the id and the title is the incoming meta-review's.
        assert_eq!(planned[0].created_at, incoming[0].created_at);
        assert_eq!(planned[0].summaries, incoming[0].summaries);

        let none_taken = plan_meta_import(incoming.clone(), &HashSet::new(), || {
            unreachable!("no id is taken")
        });
        assert_eq!(none_taken, incoming);
    }

    #[test]
    fn choices_resolve_clashes() {
        let incoming = review("b", "DNS outage");
        let replaced = resolve_clash(
            incoming.clone(),
            ImportChoice::Replace,
            || unreachable!("Replace needs no id"),
            at(9),
        );
        assert_eq!(replaced, incoming);
        let kept = resolve_clash(
            incoming,
            ImportChoice::KeepBoth,
            || ReviewId::new("b2"),
            at(9),
        );
        assert_eq!(kept.id.as_str(), "b2");
        assert_eq!(kept.title, "DNS outage (imported)");
    }
}
