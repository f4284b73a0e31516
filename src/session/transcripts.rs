//! The open review's chat transcripts: loaded from IndexedDB when the review opens, changed
//! only through [`TranscriptSession::change`], which writes first and shows after. The
//! review itself never waits on them.

use crate::browser;
use crate::storage::{transcript_store, TranscriptStoreError};
use debrief_core::model::ReviewId;
use debrief_core::triage::ReviewTranscripts;
use futures::channel::oneshot;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum TranscriptState {
    Loading,
    Ready(Arc<ReviewTranscripts>),
    /// The stored transcripts could not be read, or IndexedDB is not available. The review
    /// works as ever; imports are refused until this is resolved, so nothing is overwritten.
    Failed(TranscriptStoreError),
}

type Change = Box<dyn FnOnce(&mut ReviewTranscripts)>;
type Waiting = (Change, oneshot::Sender<Result<(), TranscriptStoreError>>);

#[derive(Clone, Copy)]
pub struct TranscriptSession {
    pub state: RwSignal<TranscriptState>,
    /// A write is under way.
    pub saving: RwSignal<bool>,
    review_id: StoredValue<ReviewId>,
    database: StoredValue<String>,
    /// Changes asked for while a write is under way; they go out together in the next one,
    /// so two quick changes never write over each other.
    queue: StoredValue<Vec<Waiting>, LocalStorage>,
}

impl TranscriptSession {
    /// Starts loading the review's transcripts from the database `database`.
    pub fn open(database: String, review_id: ReviewId) -> Self {
        let session = Self {
            state: RwSignal::new(TranscriptState::Loading),
            saving: RwSignal::new(false),
            review_id: StoredValue::new(review_id),
            database: StoredValue::new(database),
            queue: StoredValue::new_local(Vec::new()),
        };
        session.reload();
        session
    }

    pub fn reload(&self) {
        let session = *self;
        leptos::task::spawn_local(async move {
            let id = session.review_id.get_value();
            let loaded = match transcript_store(&session.database.get_value()).await {
                Ok(store) => store.load(&id).await,
                Err(err) => Err(err),
            };
            session.state.set(match loaded {
                Ok(found) => TranscriptState::Ready(Arc::new(
                    found.unwrap_or_else(|| ReviewTranscripts::new(id.clone())),
                )),
                Err(err) => TranscriptState::Failed(err),
            });
        });
    }

    pub fn review_id(&self) -> ReviewId {
        self.review_id.get_value()
    }

    /// Downloads the stored transcripts exactly as stored, for when they cannot be read:
    /// nothing is lost even if this version cannot make sense of them.
    pub fn download_as_stored(&self) {
        let (database, id) = (self.database.get_value(), self.review_id.get_value());
        leptos::task::spawn_local(async move {
            if let Ok(store) = transcript_store(&database).await {
                if let Ok(Some(text)) = store.raw(&id).await {
                    browser::download(
                        &format!("transcripts-{}.json", id.as_str()),
                        "application/json",
                        &text,
                    );
                }
            }
        });
    }

    /// The transcripts, once loaded, without tracking.
    pub fn ready_untracked(&self) -> Option<Arc<ReviewTranscripts>> {
        match self.state.get_untracked() {
            TranscriptState::Ready(transcripts) => Some(transcripts),
            _ => None,
        }
    }

    /// The transcripts, once loaded (tracked).
    pub fn ready(&self) -> Option<Arc<ReviewTranscripts>> {
        match self.state.get() {
            TranscriptState::Ready(transcripts) => Some(transcripts),
            _ => None,
        }
    }

    /// Applies `change` to a copy, stores the copy, and only then shows it. On failure the
    /// shown and stored transcripts stay as they were and the error says why.
    pub async fn change(
        &self,
        change: impl FnOnce(&mut ReviewTranscripts) + 'static,
    ) -> Result<(), TranscriptStoreError> {
        let (done, result) = oneshot::channel();
        self.queue
            .update_value(|queue| queue.push((Box::new(change), done)));
        if !self.saving.get_untracked() {
            self.write_queue().await;
        }
        result
            .await
            .unwrap_or_else(|_| Err(TranscriptStoreError::Failed("the page closed".into())))
    }

    async fn write_queue(&self) {
        self.saving.set(true);
        loop {
            let waiting = self
                .queue
                .try_update_value(std::mem::take)
                .unwrap_or_default();
            if waiting.is_empty() {
                break;
            }
            let TranscriptState::Ready(current) = self.state.get_untracked() else {
                let refused = match self.state.get_untracked() {
                    TranscriptState::Failed(err) => err,
                    _ => TranscriptStoreError::Failed("the transcripts are still loading".into()),
                };
                for (_, done) in waiting {
                    let _ = done.send(Err(refused.clone()));
                }
                continue;
            };
            let mut next = (*current).clone();
            let mut replies = Vec::with_capacity(waiting.len());
            for (change, done) in waiting {
                change(&mut next);
                replies.push(done);
            }
            let result = match transcript_store(&self.database.get_value()).await {
                Ok(store) => store.save(&next).await,
                Err(err) => Err(err),
            };
            if result.is_ok() {
                self.state.set(TranscriptState::Ready(Arc::new(next)));
            }
            for done in replies {
                let _ = done.send(result.clone());
            }
        }
        self.saving.set(false);
    }
}
