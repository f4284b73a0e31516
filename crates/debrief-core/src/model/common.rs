use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A moment as the analyst recorded it: the instant plus the offset it was written in, so
/// "03:00 -08:00" stays a 3 AM page in Pacific time rather than becoming an anonymous UTC value.
/// Serialised as RFC 3339.
pub type Timestamp = DateTime<FixedOffset>;

/// Identifies one entry inside a review (a person, an event, a factor…). Unique per review.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether an entry may appear in the public report. Everything starts internal: publishing
/// is a decision the analyst makes per entry, never a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Internal,
    Public,
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Self::Internal, Self::Public];

    pub fn label(self) -> &'static str {
        match self {
            Self::Internal => "Internal",
            Self::Public => "Public",
        }
    }
}

/// A term to replace in public output, e.g. an internal host name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Redaction {
    pub term: String,
    pub replacement: String,
}

/// A replacement in the public report the analyst chose not to make: `term` (as written,
/// compared ignoring letter case) stays as it is in this sentence. "AN" is someone's
/// initials and also the word "an"; only the analyst can tell which a sentence means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct KeptAsWritten {
    pub term: String,
    /// The sentence it stays in, with its spaces collapsed.
    pub sentence: String,
}

/// A language finding the analyst dismissed: the phrase as found, in the field where it was
/// found. It stays dismissed while that phrase is in that field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DismissedFinding {
    /// Which text: "summary", "timeline/<event id>/text", "factor/<id>/description"…
    pub field: String,
    /// The flagged words, lower-cased.
    pub phrase: String,
}
