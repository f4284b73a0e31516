//! What both editors (review and meta-review) share about saving: the pause before a write,
//! the save state the banners show, and what a refused compare-and-set write means.

use crate::storage::{SaveError, StoreError};
use debrief_core::document::{load, Document};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing may pause before a document is written. Long enough that a burst of
/// keystrokes costs one write, short enough that a crash loses a sentence at most.
const SAVE_DELAY: Duration = Duration::from_millis(500);

#[derive(Clone, Copy)]
pub struct SaveTimer(StoredValue<Option<TimeoutHandle>>);

impl SaveTimer {
    pub fn new() -> Self {
        Self(StoredValue::new(None))
    }

    /// Runs `save` once typing has paused, replacing any save already waiting.
    pub fn schedule(&self, save: impl FnOnce() + 'static) {
        self.cancel();
        self.0
            .set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
    }

    /// Cancels a waiting save; returns whether one was waiting.
    pub fn cancel(&self) -> bool {
        match self.0.try_update_value(Option::take).flatten() {
            Some(handle) => {
                handle.clear();
                true
            }
            None => false,
        }
    }
}

/// Another tab or window changed the document this tab is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    ChangedElsewhere { theirs: String },
    DeletedElsewhere,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    /// Edited; a save is scheduled.
    Pending,
    /// The last save failed; the document is intact in memory and saving is retried on the
    /// next edit or on request.
    Failed(StoreError),
    /// Saving is paused until the person decides whose version to keep.
    Conflict(Conflict),
}

/// The state a refused write leaves the editor in.
pub fn failed_save(err: SaveError) -> SaveState {
    match err {
        SaveError::Conflict {
            theirs: Some(theirs),
        } => SaveState::Conflict(Conflict::ChangedElsewhere { theirs }),
        SaveError::Conflict { theirs: None } => SaveState::Conflict(Conflict::DeletedElsewhere),
        SaveError::Store(err) => SaveState::Failed(err),
    }
}

/// The conflict another tab's write (`new_text`, `None` for a removal) raises, unless it
/// wrote exactly what this tab last wrote.
pub fn conflict_from(new_text: Option<String>, base: Option<String>) -> Option<SaveState> {
    if new_text == base {
        return None;
    }
    Some(SaveState::Conflict(match new_text {
        Some(theirs) => Conflict::ChangedElsewhere { theirs },
        None => Conflict::DeletedElsewhere,
    }))
}

/// The other tab's version, read through the load path, when the conflict offers one.
pub fn their_version<D: Document>(state: &SaveState) -> Result<(D, String), String> {
    let SaveState::Conflict(Conflict::ChangedElsewhere { theirs }) = state else {
        return Err("There is no other version to load.".to_owned());
    };
    let document = load::<D>(theirs).map_err(|err| err.to_string())?;
    Ok((document, theirs.clone()))
}
