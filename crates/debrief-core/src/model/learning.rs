use super::{EntityId, Visibility};
use serde::{Deserialize, Serialize};

/// A short note in one of the learning lists, optionally tied to timeline events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Note {
    pub id: EntityId,
    pub text: String,
    pub events: Vec<EntityId>,
    pub visibility: Visibility,
}

/// What went well, where we got lucky and what was hard are first-class findings, not an
/// afterthought to the failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Learnings {
    pub went_well: Vec<Note>,
    pub got_lucky: Vec<Note>,
    pub difficult: Vec<Note>,
}
