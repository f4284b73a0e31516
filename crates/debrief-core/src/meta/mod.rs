//! The meta-review: one look across several incidents, to find what a single review cannot
//! show — the trigger taxonomy across them, factors that recur, what went well every time,
//! and a few next steps. Its own kind of document (`debrief.meta_review`), stored apart from
//! the reviews it covers and never broken by their deletion: it keeps its own text and names
//! a missing review as missing.

mod charts;
pub mod figures;
mod journal;
mod labels;
pub mod migrate;
mod prepublish;
pub mod report;
mod selection;
mod spellings;
mod summaries;

pub use figures::{meta_figures, MetaFigures};
pub use labels::{IncidentLabel, IncidentLabels};
pub use prepublish::meta_prepublish_check;
pub use report::{render_meta_html, render_meta_markdown};
pub use selection::{covered_reviews, Coverage};
pub use spellings::{MergeRefused, SamePerson};

use crate::model::{EntityId, Redaction, ReviewId, Timestamp, TriggerClass, Visibility};
use crate::validate::{check_link, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct MetaReviewId(pub String);

impl MetaReviewId {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MetaReviewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetaReview {
    pub id: MetaReviewId,
    pub title: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// IANA zone the incidents' months, weekdays and hours are counted in.
    pub time_zone: String,
    pub selection: ReviewSelection,
    /// One per covered review, prefilled from the review's summary and then the analyst's.
    pub summaries: Vec<IncidentSummary>,
    /// Common factors and themes across the incidents.
    pub themes: Vec<MetaNote>,
    pub went_well: Vec<MetaNote>,
    pub next_steps: Vec<NextStep>,
    pub open_questions: Vec<MetaNote>,
    /// Applied to the public report, as a review's redactions are.
    pub redactions: Vec<Redaction>,
    /// Names the analyst says are one person spelled differently across reviews.
    pub same_people: Vec<SamePerson>,
}

impl Default for MetaReview {
    fn default() -> Self {
        Self {
            id: MetaReviewId::default(),
            title: String::new(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
            time_zone: "UTC".to_owned(),
            selection: ReviewSelection::default(),
            summaries: Vec::new(),
            themes: Vec::new(),
            went_well: Vec::new(),
            next_steps: Vec::new(),
            open_questions: Vec::new(),
            redactions: Vec::new(),
            same_people: Vec::new(),
        }
    }
}

impl MetaReview {
    pub fn new(id: MetaReviewId, now: DateTime<Utc>, time_zone: &str) -> Self {
        Self {
            id,
            created_at: now,
            updated_at: now,
            time_zone: time_zone.to_owned(),
            ..Self::default()
        }
    }

    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            "Untitled meta-review"
        } else {
            &self.title
        }
    }
}

/// Which reviews a meta-review covers: those picked by hand, plus (when a rule is set) every
/// review the rule matches. Reviews picked by hand stay covered whatever the rule says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReviewSelection {
    pub picked: Vec<ReviewId>,
    pub rule: Option<SelectionRule>,
}

/// Reviews whose incident started in a date range (on the meta-review's clock) and carry the
/// given tags, services and trigger classes. An empty list does not narrow anything; a
/// non-empty one keeps reviews with at least one of its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SelectionRule {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub services: Vec<String>,
    pub triggers: Vec<TriggerClass>,
}

/// What happened in one incident, in a few sentences, as the people who handled it told it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct IncidentSummary {
    pub review: ReviewId,
    /// The review's title and start when last seen, so a deleted review is still named.
    pub title: String,
    pub incident_start: Option<Timestamp>,
    pub text: String,
}

/// A theme, something that went well, or an open question, with the reviews it draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MetaNote {
    pub id: EntityId,
    pub text: String,
    pub reviews: Vec<ReviewId>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NextStep {
    pub id: EntityId,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// An http(s) link to where the work is tracked.
    pub tracker_link: Option<String>,
    pub visibility: Visibility,
}

impl crate::document::Document for MetaReview {
    const FORMAT: &'static str = "debrief.meta_review";
    const SCHEMA_VERSION: u32 = 2;
    const PAYLOAD: &'static str = "meta_review";
    const NOUN: &'static str = "meta-review";

    fn migrations() -> &'static [crate::document::migrate::Step] {
        migrate::STEPS
    }

    fn validate(&self) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        if self.id.as_str().trim().is_empty() {
            problems.push(ValidationError::MissingId);
        }
        for link in self
            .next_steps
            .iter()
            .filter_map(|s| s.tracker_link.as_deref())
        {
            if let Err(problem) = check_link(link) {
                problems.push(problem);
            }
        }
        problems
    }
}
