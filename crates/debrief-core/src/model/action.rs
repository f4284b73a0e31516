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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
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
