use super::drafts::Drafts;
use super::saving::{DocumentSaver, SaveState};
use crate::browser;
use crate::storage::{review_key, OpenError, Store, StoredDocument, StoredReview};
use debrief_core::library::{ReviewSummary, WorkbookIndex};
use debrief_core::model::{EntityId, Review, ReviewId};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Something just removed from the review (or changed in bulk), and how to put it back.
#[derive(Clone)]
pub struct Removal {
    pub message: String,
    restore: Arc<dyn Fn(&mut Review) + Send + Sync>,
}

/// A review as read from storage, before its session exists.
pub struct OpenedReview {
    pub stored: StoredReview,
    pub drafts: HashMap<String, String>,
}

/// The review open in the editor: its state, its saving, its drafts and the last removal.
#[derive(Clone, Copy)]
pub struct ReviewSession {
    pub review: RwSignal<Review>,
    pub save_state: RwSignal<SaveState>,
    /// The last removal, offered for undo until the next one.
    pub removal: RwSignal<Option<Removal>>,
    pub saver: DocumentSaver<Review>,
    pub drafts: Drafts,
}

impl ReviewSession {
    /// Reads the review and its drafts through the load path, ready for
    /// [`ReviewSession::new`].
    pub async fn read(store: &Store, id: &ReviewId) -> Result<OpenedReview, OpenError> {
        let stored = store.read_review(id).await?;
        // Drafts are a convenience: when they cannot be read the editor opens without them.
        let drafts = store.drafts(&review_key(id)).await.unwrap_or_default();
        Ok(OpenedReview { stored, drafts })
    }

    /// The session of a review just read. Creates signals: call it under the owner the
    /// session lives in. Every committed write updates the review's entry in `index`.
    pub fn new(store: Store, opened: OpenedReview, index: RwSignal<WorkbookIndex>) -> Self {
        let key = opened.stored.document.key_of();
        let saver = DocumentSaver::new(store.clone(), opened.stored);
        saver.on_saved(move |review| {
            let summary = ReviewSummary::of(review);
            index.update(|index| index.upsert(summary));
        });
        Self {
            review: saver.document,
            save_state: saver.save_state,
            removal: RwSignal::new(None),
            saver,
            drafts: Drafts::new(store, key, opened.drafts),
        }
    }

    pub fn id(&self) -> ReviewId {
        self.review.with_untracked(|r| r.id.clone())
    }

    /// Applies an edit in memory; it is written within the next frame.
    pub fn edit(&self, change: impl FnOnce(&mut Review)) {
        self.review.update(|review| {
            change(review);
            review.updated_at = browser::now();
        });
        self.saver.changed();
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

    /// Removes or changes something in bulk, offering Undo: `remove` makes the change and
    /// returns how to put things back (or `None` if nothing changed).
    pub fn change_with_undo<R>(&self, message: impl Into<String>, remove: R)
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
        self.change_with_undo(message, move |review| {
            let removed = remove(review, &id)?;
            // A removal sits in a signal and is shared, so its restore hands over a copy.
            Some(Box::new(move |review: &mut Review| {
                restore(review, removed.clone())
            }))
        });
    }

    pub fn undo_change(&self) {
        if let Some(removal) = self.removal.get_untracked() {
            self.edit(|review| (removal.restore)(review));
            self.removal.set(None);
        }
    }

    /// Writes what is waiting at once (the page is being hidden or closed).
    pub fn flush(&self) {
        self.saver.flush();
        self.drafts.flush();
    }

    /// Offers the review, as this tab has it, as a JSON file.
    pub fn download_json(&self) -> bool {
        let name = self.review.with_untracked(|review| {
            format!(
                "{}.debrief.json",
                browser::file_slug(review.display_title())
            )
        });
        browser::download(&name, "application/json", &self.saver.pretty_json())
    }
}

impl super::live::LiveSession for ReviewSession {
    type Id = ReviewId;
    fn id(&self) -> ReviewId {
        ReviewSession::id(self)
    }
    fn save_state(&self) -> RwSignal<SaveState> {
        self.save_state
    }
    fn flush(&self) {
        ReviewSession::flush(self)
    }
    fn idle(&self) -> bool {
        self.saver.idle()
    }
    fn stop(&self) {
        self.saver.stop()
    }
}
