use super::EntityId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Detect,
    Mitigate,
    #[default]
    Prevent,
    LearnOrTrain,
    Document,
    Process,
}

impl ActionKind {
    pub const ALL: [ActionKind; 6] = [
        Self::Detect,
        Self::Mitigate,
        Self::Prevent,
        Self::LearnOrTrain,
        Self::Document,
        Self::Process,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Detect => "Detect",
            Self::Mitigate => "Mitigate",
            Self::Prevent => "Prevent",
            Self::LearnOrTrain => "Learn or train",
            Self::Document => "Document",
            Self::Process => "Process",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [Self::Open, Self::InProgress, Self::Done, Self::WontDo];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InProgress => "In progress",
            Self::Done => "Done",
            Self::WontDo => "Won't do",
        }
    }
}

/// Something the organisation will change, with an owner and a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ActionItem {
    pub id: EntityId,
    pub description: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub kind: ActionKind,
    pub status: ActionStatus,
    /// An http or https link to the issue tracker.
    pub tracker_link: Option<String>,
    pub factors: Vec<EntityId>,
}
