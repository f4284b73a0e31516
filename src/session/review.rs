//! The review open in the editor: a [`DocumentSession`] whose companion is its drafts, and
//! whose every committed write updates its entry in the library's index.

use super::document::{Companion, DocumentSession, EditedDocument};
use super::drafts::Drafts;
use super::saving::DocumentSaver;
use crate::storage::{review_key, OpenError, Store, StoredDocument, StoredReview};
use chrono::{DateTime, Utc};
use debrief_core::library::{ReviewSummary, WorkbookIndex};
use debrief_core::model::{Review, ReviewId};
use leptos::prelude::*;
use std::collections::HashMap;

pub type ReviewSession = DocumentSession<Review>;

impl EditedDocument for Review {
    type Id = ReviewId;
    type Companion = Drafts;
    const FILE_SUFFIX: &'static str = ".debrief.json";

    fn id(&self) -> ReviewId {
        self.id.clone()
    }
    fn display_title(&self) -> &str {
        Review::display_title(self)
    }
    fn touch(&mut self, now: DateTime<Utc>) {
        self.updated_at = now;
    }
}

impl Companion for Drafts {
    fn flush(&self) {
        Drafts::flush(self)
    }
}

/// A review as read from storage, before its session exists.
pub struct OpenedReview {
    pub stored: StoredReview,
    pub drafts: HashMap<String, String>,
}

impl DocumentSession<Review> {
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
        Self::over(saver, Drafts::new(store, key, opened.drafts))
    }

    /// Half-typed inputs of this review (the quick entry's time and words).
    pub fn drafts(&self) -> Drafts {
        self.companion
    }
}
