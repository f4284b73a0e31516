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

/// What a participant is. Only people are people: an organisation, an outside reporter or a
/// bot can act in the timeline, but has no involvement, tenure or night hours to analyse,
/// and its name is not a person's name to hide in the public report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantKind {
    #[default]
    Person,
    /// A company, a cloud provider, a vendor, another team's system ("Microsoft", "AWS").
    Organisation,
    /// Someone outside the response who told about the incident ("a user", "a customer").
    OutsideReporter,
    /// A bot, an alerting integration, a deploy pipeline.
    Bot,
}

impl ParticipantKind {
    pub const ALL: [ParticipantKind; 4] = [
        Self::Person,
        Self::Organisation,
        Self::OutsideReporter,
        Self::Bot,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organisation => "Organisation or provider",
            Self::OutsideReporter => "Outside reporter",
            Self::Bot => "Bot or integration",
        }
    }
}

/// Someone or something involved in the incident. Tenure, team and time zone are recorded
/// because they explain what made sense to people at the time (new to the team, awake at
/// 3 AM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Person {
    pub id: EntityId,
    pub name: String,
    /// A person unless the analyst says otherwise (schema version 3).
    pub kind: ParticipantKind,
    /// For a participant who is not a person: keep its name out of the public report too
    /// ("a customer" stays, "Globex Corp" may not). People's names never go out.
    pub private: bool,
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

impl Person {
    pub fn is_person(&self) -> bool {
        self.kind == ParticipantKind::Person
    }

    /// Whether the public report names this participant by an alias rather than its name.
    pub fn is_named_by_alias(&self) -> bool {
        self.is_person() || self.private
    }
}
