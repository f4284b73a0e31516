//! Small builders shared by the unit tests of this crate.

use crate::model::{EntityId, Review, ReviewId, ReviewTemplate, Timestamp};
use chrono::{DateTime, Utc};

/// An RFC 3339 instant, offset kept: `at("2019-11-06T03:00:00-08:00")`.
pub fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("test times are RFC 3339")
}

pub fn id(text: &str) -> EntityId {
    EntityId::new(text)
}

/// An empty full-analysis review with id "r", created at the epoch.
pub fn empty_review() -> Review {
    Review::new(
        ReviewId::new("r"),
        ReviewTemplate::FullAnalysis,
        DateTime::<Utc>::UNIX_EPOCH,
    )
}
