use super::saving::{conflict_from, failed_save, their_version, SaveState, SaveTimer};
use crate::browser;
use crate::storage::{OpenError, Store};
use debrief_core::document::encode_pretty;
use debrief_core::library::{ReviewSummary, WorkbookIndex};
use debrief_core::model::{EntityId, Review, ReviewId};
use leptos::prelude::*;
use std::sync::Arc;

/// Something just removed from the review, and how to put it back.
#[derive(Clone)]
pub struct Removal {
    pub message: String,
    restore: Arc<dyn Fn(&mut Review) + Send + Sync>,
}

/// The review open in the editor: its state, and its debounced, compare-and-set saving.
#[derive(Clone, Copy)]
pub struct ReviewSession {
    pub review: RwSignal<Review>,
    pub save_state: RwSignal<SaveState>,
    /// The last removal, offered for undo until the next one.
    pub removal: RwSignal<Option<Removal>>,
    /// The stored text this tab last read or wrote: the base for the next write.
    base: StoredValue<Option<String>>,
    timer: SaveTimer,
    store: StoredValue<Store>,
    index: RwSignal<WorkbookIndex>,
}

impl ReviewSession {
    pub fn open(
        store: Store,
        id: &ReviewId,
        index: RwSignal<WorkbookIndex>,
    ) -> Result<Self, OpenError> {
        let stored = store.read_review(id)?;
        Ok(Self {
            review: RwSignal::new(stored.review),
            save_state: RwSignal::new(SaveState::Saved),
            removal: RwSignal::new(None),
            base: StoredValue::new(Some(stored.text)),
            timer: SaveTimer::new(),
            store: StoredValue::new(store),
            index,
        })
    }

    pub fn id(&self) -> ReviewId {
        self.review.with_untracked(|r| r.id.clone())
    }

    /// Applies an edit in memory and schedules a save. Never serialises anything itself.
    pub fn edit(&self, change: impl FnOnce(&mut Review)) {
        self.review.update(|review| {
            change(review);
            review.updated_at = browser::now();
        });
        if !matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            self.save_state.set(SaveState::Pending);
        }
        self.schedule();
    }

    /// Applies a checked edit from `debrief-core` (one that changes nothing when it fails).
    /// On an error nothing changes, nothing is notified, and the error is returned for the
    /// field to show. Unlike cloning the review first, this costs nothing on a large review.
    pub fn apply<E>(&self, change: impl FnOnce(&mut Review) -> Result<(), E>) -> Result<(), E> {
        let result = self.review.try_update_untracked(change).unwrap_or(Ok(()));
        if result.is_ok() {
            self.edit(|_| {});
        }
        result
    }

    /// Removes something, offering Undo: `remove` takes it out and returns how to put it
    /// back (or `None` if there was nothing to remove).
    pub fn remove_with_undo<R>(&self, message: impl Into<String>, remove: R)
    where
        R: FnOnce(&mut Review) -> Option<Box<dyn Fn(&mut Review) + Send + Sync>>,
    {
        let mut restore = None;
        self.edit(|review| restore = remove(review));
        if let Some(restore) = restore {
            self.removal.set(Some(Removal {
                message: message.into(),
                restore: Arc::from(restore),
            }));
        }
    }

    /// Removes one entry by its id, offering Undo. `remove` takes it out along with whatever
    /// refers to it and returns all of that; `restore` puts exactly that back. Usually a pair
    /// of `Review` methods, such as `Review::remove_action` and `Review::restore_action`.
    pub fn remove_entry<T>(
        &self,
        message: impl Into<String>,
        id: EntityId,
        remove: impl FnOnce(&mut Review, &EntityId) -> Option<T>,
        restore: impl Fn(&mut Review, T) + Send + Sync + 'static,
    ) where
        T: Clone + Send + Sync + 'static,
    {
        self.remove_with_undo(message, move |review| {
            let removed = remove(review, &id)?;
            // A removal sits in a signal and is shared, so its restore hands over a copy.
            Some(Box::new(move |review: &mut Review| {
                restore(review, removed.clone())
            }))
        });
    }

    pub fn undo_removal(&self) {
        if let Some(removal) = self.removal.get_untracked() {
            self.edit(|review| (removal.restore)(review));
            self.removal.set(None);
        }
    }

    fn schedule(&self) {
        let session = *self;
        self.timer.schedule(move || session.save_now());
    }

    /// Saves at once if anything is waiting (leaving the page, closing the editor).
    pub fn flush(&self) {
        if self.timer.cancel() {
            self.save_now();
        }
    }

    /// Writes the review now, unless a conflict is waiting for the person's decision.
    pub fn save_now(&self) {
        if matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            return;
        }
        let store = self.store.get_value();
        let base = self.base.get_value();
        let result = self
            .review
            .with_untracked(|review| store.write_review(review, base.as_deref()));
        match result {
            Ok(text) => self.saved(text),
            Err(err) => self.save_state.set(failed_save(err)),
        }
    }

    fn saved(&self, text: String) {
        self.base.set_value(Some(text));
        self.save_state.set(SaveState::Saved);
        let summary = self.review.with_untracked(ReviewSummary::of);
        self.index.update(|index| index.upsert(summary));
    }

    /// Another tab wrote (or removed) this review's key.
    pub fn changed_elsewhere(&self, new_text: Option<String>) {
        if let Some(conflict) = conflict_from(new_text, self.base.get_value()) {
            self.save_state.set(conflict);
        }
    }

    /// Resolves a conflict in favour of this tab: its version is written over the other.
    pub fn keep_mine(&self) {
        let store = self.store.get_value();
        match self
            .review
            .with_untracked(|review| store.overwrite_review(review))
        {
            Ok(text) => self.saved(text),
            Err(err) => self.save_state.set(SaveState::Failed(err)),
        }
    }

    /// Resolves a conflict in favour of the other tab's version. Returns an explanation when
    /// that version cannot be read (nothing changes then).
    pub fn take_theirs(&self) -> Result<(), String> {
        let (review, theirs) = their_version::<Review>(&self.save_state.get_untracked())?;
        self.timer.cancel();
        self.review.set(review);
        self.base.set_value(Some(theirs));
        self.save_state.set(SaveState::Saved);
        Ok(())
    }

    /// Offers the review, as this tab has it, as a JSON file.
    pub fn download_json(&self) -> bool {
        let (name, text) = self.review.with_untracked(|review| {
            (
                format!(
                    "{}.debrief.json",
                    browser::file_slug(review.display_title())
                ),
                encode_pretty(review),
            )
        });
        browser::download(&name, "application/json", &text)
    }
}
