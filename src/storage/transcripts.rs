//! Chat transcripts in IndexedDB: one record per review, keyed by the review's id, holding a
//! `debrief.transcripts` document as text. A busy channel runs to tens of megabytes, far past
//! what localStorage holds, so transcripts live apart from reviews.
//!
//! Every write replaces the review's whole record in one read-write transaction, and the
//! caller's state only changes once the browser reports the transaction committed: a failed
//! or interrupted write leaves the previous record exactly as it was.

use super::js_error_name;
use debrief_core::document::{encode, load};
use debrief_core::model::ReviewId;
use debrief_core::triage::ReviewTranscripts;
use idb::{
    Database, DatabaseEvent as _, Factory, ObjectStoreParams, TransactionMode, TransactionResult,
};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::JsValue;

const OBJECT_STORE: &str = "transcripts";
const DB_VERSION: u32 = 1;

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

impl TranscriptStoreError {
    fn from_js(err: &JsValue) -> Self {
        match js_error_name(err).as_deref() {
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => Self::Full,
            Some("SecurityError") | Some("InvalidStateError") => Self::Unavailable,
            Some(other) => Self::Failed(other.to_owned()),
            None => Self::Failed(err.as_string().unwrap_or_else(|| "unknown error".into())),
        }
    }
}

impl From<idb::Error> for TranscriptStoreError {
    fn from(err: idb::Error) -> Self {
        match err {
            idb::Error::DomException(exception) => Self::from_js(&exception.into()),
            idb::Error::IndexedDbNotFound(_) => Self::Unavailable,
            other => Self::Failed(other.to_string()),
        }
    }
}

/// The transcript database. Cheap to clone; every clone talks to the same connection.
#[derive(Clone)]
pub struct TranscriptStore {
    database: Rc<Database>,
}

impl TranscriptStore {
    /// Opens (creating on first use) the database `name`: "debrief" in the app, a fresh name
    /// per test.
    pub async fn open(name: &str) -> Result<Self, TranscriptStoreError> {
        let factory = Factory::new().map_err(|_| TranscriptStoreError::Unavailable)?;
        let mut request = factory.open(name, Some(DB_VERSION))?;
        request.on_upgrade_needed(|event| {
            // Version 1 is the first: create the store. Later versions add steps here.
            if let Ok(database) = event.database() {
                if !database.store_names().iter().any(|s| s == OBJECT_STORE) {
                    let _ = database.create_object_store(OBJECT_STORE, ObjectStoreParams::new());
                }
            }
        });
        let database = request.await?;
        Ok(Self {
            database: Rc::new(database),
        })
    }

    /// The review's transcripts, or `None` when it has none.
    pub async fn load(
        &self,
        review: &ReviewId,
    ) -> Result<Option<ReviewTranscripts>, TranscriptStoreError> {
        let transaction = self
            .database
            .transaction(&[OBJECT_STORE], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(OBJECT_STORE)?;
        let value = store.get(JsValue::from_str(review.as_str()))?.await?;
        let Some(text) = value.and_then(|v| v.as_string()) else {
            return Ok(None);
        };
        load::<ReviewTranscripts>(&text)
            .map(Some)
            .map_err(|err| TranscriptStoreError::Unreadable(err.to_string()))
    }

    /// The stored record as it is, for downloading one this build cannot read.
    pub async fn raw(&self, review: &ReviewId) -> Result<Option<String>, TranscriptStoreError> {
        let transaction = self
            .database
            .transaction(&[OBJECT_STORE], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(OBJECT_STORE)?;
        let value = store.get(JsValue::from_str(review.as_str()))?.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Replaces the review's record with `transcripts`, all or nothing.
    pub async fn save(&self, transcripts: &ReviewTranscripts) -> Result<(), TranscriptStoreError> {
        let text = encode(transcripts);
        self.write(&transcripts.review_id.0, |store, key| {
            store.put(&JsValue::from_str(&text), Some(key)).map(|_| ())
        })
        .await
    }

    /// Removes the review's transcripts (nothing to do when it has none).
    pub async fn remove(&self, review: &ReviewId) -> Result<(), TranscriptStoreError> {
        self.write(review.as_str(), |store, key| {
            store.delete(key.clone()).map(|_| ())
        })
        .await
    }

    /// The review ids that have transcripts, for removing those whose review is gone.
    pub async fn review_ids(&self) -> Result<Vec<ReviewId>, TranscriptStoreError> {
        let transaction = self
            .database
            .transaction(&[OBJECT_STORE], TransactionMode::ReadOnly)?;
        let store = transaction.object_store(OBJECT_STORE)?;
        let keys = store.get_all_keys(None, None)?.await?;
        Ok(keys
            .into_iter()
            .filter_map(|key| key.as_string())
            .map(ReviewId)
            .collect())
    }

    /// One read-write transaction around `request`, awaited until the browser says it was
    /// committed; an abort (quota, a closing tab) is an error with its reason.
    async fn write(
        &self,
        key: &str,
        request: impl FnOnce(&idb::ObjectStore, &JsValue) -> Result<(), idb::Error>,
    ) -> Result<(), TranscriptStoreError> {
        let transaction = self
            .database
            .transaction(&[OBJECT_STORE], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(OBJECT_STORE)?;
        request(&store, &JsValue::from_str(key))?;
        match transaction.await {
            Ok(TransactionResult::Committed) => Ok(()),
            Ok(TransactionResult::Aborted) => Err(store
                .transaction()
                .error()
                .map(|exception| TranscriptStoreError::from_js(&exception.into()))
                .unwrap_or_else(|| TranscriptStoreError::Failed("the write was cancelled".into()))),
            Err(err) => Err(err.into()),
        }
    }
}

thread_local! {
    /// Open connections by database name: opening costs a round trip through the browser,
    /// and one connection serves every review.
    static OPEN: std::cell::RefCell<Vec<(String, TranscriptStore)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The connection to database `name`, opened on first use.
pub async fn transcript_store(name: &str) -> Result<TranscriptStore, TranscriptStoreError> {
    let cached = OPEN.with_borrow(|open| {
        open.iter()
            .find(|(n, _)| n == name)
            .map(|(_, store)| store.clone())
    });
    if let Some(store) = cached {
        return Ok(store);
    }
    let store = TranscriptStore::open(name).await?;
    OPEN.with_borrow_mut(|open| open.push((name.to_owned(), store.clone())));
    Ok(store)
}
