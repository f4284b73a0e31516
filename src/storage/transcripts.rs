//! Chat transcripts in the workbook database: one record per review, keyed by the review's
//! id, holding a `debrief.transcripts` document as text. A busy channel runs to tens of
//! megabytes, so transcripts live beside reviews, never inside them.
//!
//! Every write replaces the review's whole record in one read-write transaction, and the
//! caller's state only changes once the browser reports the transaction committed: a failed
//! or interrupted write leaves the previous record exactly as it was.

use super::engine::{self, stores, Database, Read, Write};
use super::StoreError;
use debrief_core::document::{encode, load};
use debrief_core::model::ReviewId;
use debrief_core::triage::ReviewTranscripts;
use std::fmt;
use wasm_bindgen::JsValue;

/// Why transcripts could not be read or kept, in words for the person using Debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranscriptStoreError {
    /// No IndexedDB (blocked site data, some private windows).
    Unavailable,
    /// The browser's storage for this site is full.
    Full,
    /// The stored record is not a transcript set this build can read (damaged, or from a
    /// newer Debrief). It is left untouched.
    Unreadable(String),
    Failed(String),
}

impl fmt::Display for TranscriptStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str(
                "This browser is not letting Debrief keep transcripts (site data may be blocked, or this is a private window).",
            ),
            Self::Full => f.write_str(
                "The browser's storage for this site is full, so the transcript was not kept. Remove transcripts or reviews you no longer need, then import again.",
            ),
            Self::Unreadable(detail) => write!(
                f,
                "The transcripts stored for this review cannot be read ({detail}). They are left as they are."
            ),
            Self::Failed(detail) => write!(f, "The browser could not store the transcript ({detail})."),
        }
    }
}

impl std::error::Error for TranscriptStoreError {}

impl From<StoreError> for TranscriptStoreError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable | StoreError::Blocked => Self::Unavailable,
            StoreError::Full => Self::Full,
            StoreError::Failed { what } => Self::Failed(what),
        }
    }
}

/// The transcripts of the workbook database. Cheap to clone.
#[derive(Clone)]
pub struct TranscriptStore {
    database: Database,
}

impl TranscriptStore {
    /// The review's transcripts, or `None` when it has none.
    pub async fn load(
        &self,
        review: &ReviewId,
    ) -> Result<Option<ReviewTranscripts>, TranscriptStoreError> {
        let Some(text) = self.raw(review).await? else {
            return Ok(None);
        };
        load::<ReviewTranscripts>(&text)
            .map(Some)
            .map_err(|err| TranscriptStoreError::Unreadable(err.to_string()))
    }

    /// The stored record as it is, for downloading one this build cannot read.
    pub async fn raw(&self, review: &ReviewId) -> Result<Option<String>, TranscriptStoreError> {
        let results = self
            .database
            .read(
                &[stores::TRANSCRIPTS],
                vec![Read::Get(stores::TRANSCRIPTS, review.to_string())],
            )
            .await?;
        Ok(results[0].as_string())
    }

    /// Replaces the review's record with `transcripts`, all or nothing; returns once the
    /// browser reports the commit.
    pub async fn save(&self, transcripts: &ReviewTranscripts) -> Result<(), TranscriptStoreError> {
        let text = encode(transcripts);
        self.write(Write::Put(
            stores::TRANSCRIPTS,
            transcripts.review_id.to_string(),
            JsValue::from_str(&text),
        ))
        .await
    }

    /// Removes the review's transcripts (nothing to do when it has none).
    pub async fn remove(&self, review: &ReviewId) -> Result<(), TranscriptStoreError> {
        self.write(Write::Delete(stores::TRANSCRIPTS, review.to_string()))
            .await
    }

    /// The review ids that have transcripts, for removing those whose review is gone.
    pub async fn review_ids(&self) -> Result<Vec<ReviewId>, TranscriptStoreError> {
        let results = self
            .database
            .read(&[stores::TRANSCRIPTS], vec![Read::All(stores::TRANSCRIPTS)])
            .await?;
        Ok(engine::pairs(&results[0])
            .into_iter()
            .map(|(key, _)| ReviewId(key))
            .collect())
    }

    async fn write(&self, write: Write) -> Result<(), TranscriptStoreError> {
        self.database
            .write(&[stores::TRANSCRIPTS], Vec::new(), vec![write])
            .await?;
        Ok(())
    }
}

/// The transcripts of workbook database `name`, opened on first use.
pub async fn transcript_store(name: &str) -> Result<TranscriptStore, TranscriptStoreError> {
    Ok(TranscriptStore {
        database: Database::connect(name).await?,
    })
}
