use super::{EntityId, TimeKnown, Timestamp, WrittenTime};
use serde::{Deserialize, Serialize};

/// When the incident happened and the time zone the review is told in. The zone is an IANA
/// name ("America/Los_Angeles"), not an offset, so daylight-saving changes inside a long
/// incident are shown correctly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentWindow {
    pub start: Option<Timestamp>,
    /// How well the start is known (schema version 4): a postmortem may give only the day.
    #[serde(skip_serializing_if = "TimeKnown::is_exact")]
    pub start_known: TimeKnown,
    pub end: Option<Timestamp>,
    pub time_zone: String,
}

impl Default for IncidentWindow {
    fn default() -> Self {
        Self {
            start: None,
            start_known: TimeKnown::Exact,
            end: None,
            time_zone: "UTC".to_owned(),
        }
    }
}

impl IncidentWindow {
    /// The start with how well it is known, when there is one.
    pub fn written_start(&self) -> Option<WrittenTime> {
        Some(WrittenTime {
            at: self.start?,
            known: self.start_known,
        })
    }
}

/// What customers or users felt: a statement in words plus the windows when it happened, and
/// how far it reached (schema version 2): where it was felt and whether it got to customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Impact {
    pub statement: String,
    pub windows: Vec<ImpactWindow>,
    /// Environments affected, by the organisation's own names ("production", "staging",
    /// "dogfooding", "internal").
    pub environments: Vec<String>,
    /// Whether customers felt it; `None` until the analyst says.
    pub customer_facing: Option<bool>,
    /// Whether it was caught before it reached production (in staging or dogfooding);
    /// `None` until the analyst says.
    pub caught_before_production: Option<bool>,
}

/// One period of impact, e.g. "ingest API — 1–3% of requests rejected" for twenty minutes.
/// An incident often has several (brownouts that come and go).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ImpactWindow {
    pub id: EntityId,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// What was affected ("ingest API", "queries in EU").
    pub affected: String,
    /// How much, in the analyst's words ("1–3% of requests rejected").
    pub magnitude: String,
}
