use super::{EntityId, TimeKnown, Timestamp, Visibility, WrittenTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Alert,
    Detection,
    #[default]
    Observation,
    Hypothesis,
    Decision,
    Action,
    Escalation,
    Communication,
    DeployOrChange,
    Mitigation,
    Resolution,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 12] = [
        Self::Alert,
        Self::Detection,
        Self::Observation,
        Self::Hypothesis,
        Self::Decision,
        Self::Action,
        Self::Escalation,
        Self::Communication,
        Self::DeployOrChange,
        Self::Mitigation,
        Self::Resolution,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Alert => "Alert",
            Self::Detection => "Detection",
            Self::Observation => "Observation",
            Self::Hypothesis => "Hypothesis",
            Self::Decision => "Decision",
            Self::Action => "Action",
            Self::Escalation => "Escalation",
            Self::Communication => "Communication",
            Self::DeployOrChange => "Deploy or change",
            Self::Mitigation => "Mitigation",
            Self::Resolution => "Resolution",
            Self::Other => "Other",
        }
    }
}

/// Where the analyst learned of an event. Chat timestamps are not the whole truth, so every
/// event says what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Chat,
    Alert,
    Deploy,
    Ticket,
    PullRequest,
    Dashboard,
    Interview,
    #[default]
    Note,
}

impl SourceKind {
    pub const ALL: [SourceKind; 8] = [
        Self::Chat,
        Self::Alert,
        Self::Deploy,
        Self::Ticket,
        Self::PullRequest,
        Self::Dashboard,
        Self::Interview,
        Self::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Chat => "Chat",
            Self::Alert => "Alert",
            Self::Deploy => "Deploy",
            Self::Ticket => "Ticket",
            Self::PullRequest => "Pull request",
            Self::Dashboard => "Dashboard",
            Self::Interview => "Interview",
            Self::Note => "Note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TimelineSource {
    pub kind: SourceKind,
    /// An http or https link to the source; anything else is refused by validation.
    pub link: Option<String>,
    /// The transcript messages the event was made from. Internal: public views drop it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcript: Option<TranscriptLink>,
}

/// Where in the review's transcripts an event came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TranscriptLink {
    pub transcript_id: String,
    /// The messages' ids, in time order; several when messages were merged into one event.
    pub message_ids: Vec<String>,
}

/// One thing that happened, as the analyst established it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TimelineEvent {
    pub id: EntityId,
    pub at: Option<Timestamp>,
    /// How well `at` is known (schema version 4); exact unless the record says otherwise.
    #[serde(skip_serializing_if = "TimeKnown::is_exact")]
    pub time_known: TimeKnown,
    pub end: Option<Timestamp>,
    pub text: String,
    pub kind: EventKind,
    /// The person who acted or noticed, by id.
    pub actor: Option<EntityId>,
    pub source: TimelineSource,
    pub tags: Vec<String>,
    /// Key events feed the write-up and are labelled on the visual timeline.
    pub key: bool,
    pub visibility: Visibility,
}

impl TimelineEvent {
    /// The event's time with how well it is known, when it has one.
    pub fn written_time(&self) -> Option<WrittenTime> {
        Some(WrittenTime {
            at: self.at?,
            known: self.time_known,
        })
    }

    /// The event's time when it is known better than "some time that day": what clocks,
    /// involvement and night hours can use. A day-only event's instant is its midnight,
    /// which is not when anyone acted.
    pub fn clock_time(&self) -> Option<Timestamp> {
        self.at.filter(|_| self.time_known != TimeKnown::Day)
    }

    pub fn set_written_time(&mut self, time: Option<WrittenTime>) {
        self.at = time.map(|t| t.at);
        self.time_known = time.map_or(TimeKnown::Exact, |t| t.known);
    }
}
