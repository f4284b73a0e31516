//! The meta-review open in its editor: its state, the reviews it is computed from, and its
//! saving (the same promises as a review's, see [`super::saving`]).

use super::saving::{DocumentSaver, SaveState};
use crate::browser;
use crate::storage::{OpenError, Store, Stored};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::Review;
use leptos::prelude::*;
use std::sync::Arc;

/// Something just removed from the meta-review, and how to put it back (as a review's
/// [`super::Removal`]).
#[derive(Clone)]
pub struct MetaRemoval {
    pub message: String,
    restore: Arc<dyn Fn(&mut MetaReview) + Send + Sync>,
}

#[derive(Clone, Copy)]
pub struct MetaSession {
    pub meta: RwSignal<MetaReview>,
    pub save_state: RwSignal<SaveState>,
    /// The last removal, offered for undo until the next one.
    pub removal: RwSignal<Option<MetaRemoval>>,
    /// Every readable review of the workbook, read when the meta-review opens: what it is
    /// computed from. Shared, because figures and pickers all read it.
    pub reviews: RwSignal<Arc<Vec<Review>>>,
    pub saver: DocumentSaver<MetaReview>,
}

impl MetaSession {
    /// Reads the meta-review and every review it may cover, ready for [`MetaSession::new`].
    pub async fn read(
        store: &Store,
        id: &MetaReviewId,
    ) -> Result<(Stored<MetaReview>, Vec<Review>), OpenError> {
        let stored = store.read_meta(id).await?;
        let (reviews, _) = store.all_reviews().await.map_err(OpenError::Store)?;
        Ok((stored, reviews))
    }

    /// Creates signals: call it under the owner the session lives in.
    pub fn new(store: Store, stored: Stored<MetaReview>, reviews: Vec<Review>) -> Self {
        let saver = DocumentSaver::new(store, stored);
        Self {
            meta: saver.document,
            save_state: saver.save_state,
            removal: RwSignal::new(None),
            reviews: RwSignal::new(Arc::new(reviews)),
            saver,
        }
    }

    pub fn id(&self) -> MetaReviewId {
        self.meta.with_untracked(|m| m.id.clone())
    }

    /// Applies an edit in memory; it is written within the next frame.
    pub fn edit(&self, change: impl FnOnce(&mut MetaReview)) {
        self.meta.update(|meta| {
            change(meta);
            meta.updated_at = browser::now();
        });
        self.saver.changed();
    }

    /// Removes something, offering Undo: `remove` takes it out and returns how to put it
    /// back (or `None` if there was nothing to remove).
    pub fn remove_with_undo<R>(&self, message: impl Into<String>, remove: R)
    where
        R: FnOnce(&mut MetaReview) -> Option<Box<dyn Fn(&mut MetaReview) + Send + Sync>>,
    {
        let mut restore = None;
        self.edit(|meta| restore = remove(meta));
        if let Some(restore) = restore {
            self.removal.set(Some(MetaRemoval {
                message: message.into(),
                restore: Arc::from(restore),
            }));
        }
    }

    pub fn undo_removal(&self) {
        if let Some(removal) = self.removal.get_untracked() {
            self.edit(|meta| (removal.restore)(meta));
            self.removal.set(None);
        }
    }

    pub fn flush(&self) {
        self.saver.flush();
    }

    pub fn download_json(&self) -> bool {
        let name = self.meta.with_untracked(|meta| {
            format!(
                "{}.debrief-meta.json",
                browser::file_slug(meta.display_title())
            )
        });
        browser::download(&name, "application/json", &self.saver.pretty_json())
    }
}

impl super::live::LiveSession for MetaSession {
    type Id = MetaReviewId;
    fn id(&self) -> MetaReviewId {
        MetaSession::id(self)
    }
    fn save_state(&self) -> RwSignal<SaveState> {
        self.save_state
    }
    fn flush(&self) {
        MetaSession::flush(self)
    }
    fn idle(&self) -> bool {
        self.saver.idle()
    }
    fn stop(&self) {
        self.saver.stop()
    }
}
