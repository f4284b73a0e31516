use super::{EntityId, Timestamp, Visibility};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HypothesisStatus {
    #[default]
    Open,
    Supported,
    Falsified,
    Abandoned,
}

impl HypothesisStatus {
    pub const ALL: [HypothesisStatus; 4] = [
        Self::Open,
        Self::Supported,
        Self::Falsified,
        Self::Abandoned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Supported => "Supported",
            Self::Falsified => "Falsified",
            Self::Abandoned => "Abandoned",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStance {
    #[default]
    For,
    Against,
}

impl EvidenceStance {
    pub const ALL: [EvidenceStance; 2] = [Self::For, Self::Against];

    pub fn label(self) -> &'static str {
        match self {
            Self::For => "For",
            Self::Against => "Against",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Evidence {
    pub id: EntityId,
    pub stance: EvidenceStance,
    pub text: String,
    /// The timeline event this evidence rests on, if any.
    pub event: Option<EntityId>,
}

/// An explanation responders held during the incident. Tracking when each was raised and
/// when it was falsified shows where the response anchored, and for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Hypothesis {
    pub id: EntityId,
    pub statement: String,
    pub raised_by: Option<EntityId>,
    pub raised_at: Option<Timestamp>,
    /// The timeline event where it was raised.
    pub raised_in_event: Option<EntityId>,
    /// "What would prove this wrong?"
    pub disproof: String,
    pub evidence: Vec<Evidence>,
    pub status: HypothesisStatus,
    pub status_changed_at: Option<Timestamp>,
    pub visibility: Visibility,
}
