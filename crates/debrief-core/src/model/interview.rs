use super::{EntityId, Visibility};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The analyst's note on one prompt from the interview bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PromptNote {
    pub prompt: String,
    pub note: String,
}

/// Something the participant said, in their words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Quote {
    pub id: EntityId,
    pub text: String,
    pub visibility: Visibility,
}

/// A one-on-one conversation with a participant. Interviews are internal material: only
/// quotes marked public ever leave the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Interview {
    pub id: EntityId,
    pub participant: Option<EntityId>,
    pub date: Option<NaiveDate>,
    pub interviewer: String,
    pub prompt_notes: Vec<PromptNote>,
    pub quotes: Vec<Quote>,
    pub notes: String,
}
