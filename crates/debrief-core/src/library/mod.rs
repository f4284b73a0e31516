//! The workbook: the index of reviews the library shows, search over it, and the ways a new
//! review comes to be (from a template, or as a copy).
//! Also where reviews and the index are stored documents (their formats and schema history).

pub mod review_document;
mod review_journal;

use crate::document::migrate::Step;
use crate::document::Document;
use crate::model::{Review, ReviewId, ReviewStatus, ReviewTemplate, Timestamp};
use crate::sorting;
use crate::time::TimeZones;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the library needs to list a review without reading the whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: ReviewId,
    pub title: String,
    pub status: ReviewStatus,
    pub severity: String,
    pub incident_start: Option<Timestamp>,
    pub time_zone: String,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

impl ReviewSummary {
    pub fn of(review: &Review) -> Self {
        Self {
            id: review.id.clone(),
            title: review.display_title().to_owned(),
            status: review.status,
            severity: review.severity.clone(),
            incident_start: review.incident.start,
            time_zone: review.incident.time_zone.clone(),
            services: review.services.clone(),
            tags: review.tags.clone(),
            updated_at: review.updated_at,
        }
    }

    fn matches(&self, words: &[String]) -> bool {
        let haystack = format!(
            "{} {} {} {} {}",
            self.title,
            self.severity,
            self.status.label(),
            self.services.join(" "),
            self.tags.join(" ")
        )
        .to_lowercase();
        words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// Every review in the workbook, most recently edited first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct WorkbookIndex {
    entries: Vec<ReviewSummary>,
}

impl WorkbookIndex {
    pub fn entries(&self) -> &[ReviewSummary] {
        &self.entries
    }

    pub fn get(&self, id: &ReviewId) -> Option<&ReviewSummary> {
        self.entries.iter().find(|entry| &entry.id == id)
    }

    /// Adds or replaces the entry for this review and keeps the order.
    pub fn upsert(&mut self, summary: ReviewSummary) {
        self.entries.retain(|entry| entry.id != summary.id);
        self.entries.push(summary);
        sorting::sort_by(&mut self.entries, |a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id))
        });
    }

    pub fn remove(&mut self, id: &ReviewId) -> Option<ReviewSummary> {
        let position = self.entries.iter().position(|entry| &entry.id == id)?;
        Some(self.entries.remove(position))
    }

    /// Entries whose title, severity, status, services or tags contain every word of `query`
    /// (case-insensitive). An empty query matches everything.
    pub fn search(&self, query: &str) -> Vec<&ReviewSummary> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.entries
            .iter()
            .filter(|entry| entry.matches(&words))
            .collect()
    }
}

/// A new review shaped by `template`, told in `time_zone` (the analyst's own zone is a good
/// default; the incident's zone is set on the overview). A zone `zones` does not know leaves
/// the review in UTC.
pub fn new_review(
    id: ReviewId,
    template: ReviewTemplate,
    time_zone: &str,
    zones: &dyn TimeZones,
    now: DateTime<Utc>,
) -> Review {
    let mut review = Review::new(id, template, now);
    // Cannot fail for a zone the database knows; an unknown one leaves UTC.
    let _ = review.set_time_zone(time_zone, zones);
    review
}

/// A copy under a new id, back in draft, so it can be reworked without touching the original.
pub fn duplicate_review(original: &Review, id: ReviewId, now: DateTime<Utc>) -> Review {
    Review {
        id,
        title: format!("Copy of {}", original.display_title()),
        status: ReviewStatus::Draft,
        created_at: now,
        updated_at: now,
        ..original.clone()
    }
}

/// A short, URL-safe, practically unique id from a time and a random number the caller draws.
/// Time first, so ids sort roughly by creation.
pub fn make_id(now_millis: i64, random: u64) -> String {
    format!(
        "{}{}",
        base36(now_millis.max(0) as u64),
        base36(random % 36u64.pow(6))
    )
}

fn base36(mut value: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("base36 digits are ASCII")
}

impl Document for WorkbookIndex {
    const FORMAT: &'static str = "debrief.index";
    const SCHEMA_VERSION: u32 = 1;
    const PAYLOAD: &'static str = "reviews";
    const NOUN: &'static str = "workbook index";

    fn migrations() -> &'static [Step] {
        &[]
    }

    fn validate(&self) -> Vec<crate::validate::ValidationError> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn review(id: &str, title: &str, updated: i64) -> Review {
        let mut review = Review::new(ReviewId::new(id), ReviewTemplate::FullAnalysis, at(0));
        review.title = title.to_owned();
        review.updated_at = at(updated);
        review
    }

    #[test]
    fn index_keeps_most_recent_first_and_replaces_entries() {
        let mut index = WorkbookIndex::default();
        index.upsert(ReviewSummary::of(&review("a", "Memory leak", 10)));
        index.upsert(ReviewSummary::of(&review("b", "DNS outage", 20)));
        index.upsert(ReviewSummary::of(&review("a", "Memory leak at ingest", 30)));
        let titles: Vec<_> = index.entries().iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Memory leak at ingest", "DNS outage"]);
        assert!(index.remove(&ReviewId::new("b")).is_some());
        assert!(index.remove(&ReviewId::new("b")).is_none());
    }

    #[test]
    fn search_matches_every_word_anywhere() {
        let mut index = WorkbookIndex::default();
        let mut leak = review("a", "Running dry on memory", 1);
        leak.services = vec!["ingest".into()];
        index.upsert(ReviewSummary::of(&leak));
        index.upsert(ReviewSummary::of(&review("b", "Route53 DNS lookups", 2)));
        assert_eq!(index.search("").len(), 2);
        assert_eq!(index.search("MEMORY ingest").len(), 1);
        assert_eq!(index.search("draft dns").len(), 1);
        assert!(index.search("kafka").is_empty());
    }

    #[test]
    fn untitled_reviews_are_listed_by_a_readable_name() {
        let summary = ReviewSummary::of(&review("a", "  ", 1));
        assert_eq!(summary.title, "Untitled review");
    }

    #[test]
    fn duplicate_is_a_fresh_draft() {
        let mut original = review("a", "Memory leak", 1);
        original.status = ReviewStatus::Published;
        let copy = duplicate_review(&original, ReviewId::new("b"), at(99));
        assert_eq!(copy.title, "Copy of Memory leak");
        assert_eq!(copy.status, ReviewStatus::Draft);
        assert_eq!(copy.created_at, at(99));
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn new_review_ignores_an_unknown_zone() {
        let review = new_review(
            ReviewId::new("a"),
            ReviewTemplate::Blank,
            "Mars/Base",
            &crate::time::BundledZones,
            at(0),
        );
        assert_eq!(review.incident.time_zone, "UTC");
        let review = new_review(
            ReviewId::new("a"),
            ReviewTemplate::Blank,
            "Europe/Paris",
            &crate::time::BundledZones,
            at(0),
        );
        assert_eq!(review.incident.time_zone, "Europe/Paris");
    }

    #[test]
    fn ids_are_short_and_distinct() {
        let a = make_id(1_700_000_000_000, 1);
        let b = make_id(1_700_000_000_000, 2);
        assert_ne!(a, b);
        assert!(a.len() <= 16 && a.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
