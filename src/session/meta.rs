//! The meta-review open in its editor: a [`DocumentSession`] whose companion is the reviews
//! it is computed from.

use super::document::{Companion, DocumentSession, EditedDocument};
use super::saving::DocumentSaver;
use crate::storage::{OpenError, Store, Stored};
use chrono::{DateTime, Utc};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::Review;
use leptos::prelude::*;
use std::sync::Arc;

pub type MetaSession = DocumentSession<MetaReview>;

impl EditedDocument for MetaReview {
    type Id = MetaReviewId;
    type Companion = CoveredReviews;
    const FILE_SUFFIX: &'static str = ".debrief-meta.json";

    fn id(&self) -> MetaReviewId {
        self.id.clone()
    }
    fn display_title(&self) -> &str {
        MetaReview::display_title(self)
    }
    fn touch(&mut self, now: DateTime<Utc>) {
        self.updated_at = now;
    }
}

/// Every readable review of the workbook, read when the meta-review opens. Shared, because
/// figures and pickers all read it.
#[derive(Clone, Copy)]
pub struct CoveredReviews(RwSignal<Arc<Vec<Review>>>);

impl Companion for CoveredReviews {}

impl DocumentSession<MetaReview> {
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
        Self::over(saver, CoveredReviews(RwSignal::new(Arc::new(reviews))))
    }

    /// The reviews the meta-review is computed from.
    pub fn reviews(&self) -> RwSignal<Arc<Vec<Review>>> {
        self.companion.0
    }
}
