use super::EntityId;
use serde::{Deserialize, Serialize};

/// The part someone played in the response. A person can hold several over an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentRole {
    IncidentCommander,
    OnCall,
    Responder,
    Communications,
    SubjectMatterExpert,
    Observer,
}

impl IncidentRole {
    pub const ALL: [IncidentRole; 6] = [
        Self::IncidentCommander,
        Self::OnCall,
        Self::Responder,
        Self::Communications,
        Self::SubjectMatterExpert,
        Self::Observer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::IncidentCommander => "Incident commander",
            Self::OnCall => "On call",
            Self::Responder => "Responder",
            Self::Communications => "Communications",
            Self::SubjectMatterExpert => "Subject-matter expert",
            Self::Observer => "Observer",
        }
    }
}

/// Someone involved in the incident. Tenure, team and time zone are recorded because they
/// explain what made sense to people at the time (new to the team, awake at 3 AM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Person {
    pub id: EntityId,
    pub name: String,
    pub roles: Vec<IncidentRole>,
    pub team: String,
    /// Months in the team or company; `None` when unknown.
    pub tenure_months: Option<u32>,
    /// What they were on call for, if anything ("ingest", "database").
    pub on_call_for: String,
    /// Their IANA time zone, for local-night analysis; `None` means the incident's zone.
    pub time_zone: Option<String>,
    pub notes: String,
}
