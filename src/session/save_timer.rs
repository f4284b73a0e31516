//! The pause an editor waits for before writing: a burst of keystrokes costs one write.

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
