//! The review document: one struct per concept an analyst records.
//!
//! Every section derives `Default` and is `#[serde(default)]`, so a document that lacks a
//! section (an older export, a hand-written file) loads with that section empty rather than
//! failing. Ids link sections together (an action item names the factors it addresses, a
//! hypothesis names the event where it was raised); [`crate::validate`] checks the links.

mod action;
mod common;
mod criteria;
mod factor;
mod hypothesis;
mod incident;
mod interview;
mod learning;
mod people;
mod review;
mod time_known;
mod timeline;

pub use action::{ActionItem, ActionKind, ActionStatus};
pub use common::{DismissedFinding, EntityId, KeptAsWritten, Redaction, Timestamp, Visibility};
pub use criteria::{DeepAnalysisCriteria, DeepAnalysisCriterion, Recommendation};
pub use factor::{ChangeKind, ContributingFactor, FactorCategory, Trigger, TriggerClass};
pub use hypothesis::{Evidence, EvidenceStance, Hypothesis, HypothesisStatus};
pub use incident::{Impact, ImpactWindow, IncidentWindow};
pub use interview::{Interview, PromptNote, Quote};
pub use learning::{Learnings, Note};
pub use people::{IncidentRole, ParticipantKind, Person};
pub use review::{Analyst, Review, ReviewId, ReviewStatus, ReviewTemplate};
pub use time_known::{SpanKnown, TimeKnown, WrittenTime};
pub use timeline::{EventKind, SourceKind, TimelineEvent, TimelineSource, TranscriptLink};
