//! The browser storage adapter: the only code that reads or writes browser storage.
//!
//! The workbook lives in one IndexedDB database named after the namespace (`debrief` in the
//! app; every project page of a `<user>.github.io` origin shares the origin, so the name is
//! the namespace). Its object stores are listed in [`engine::stores`]; `idb.js` creates them.
//! Older versions kept the workbook in localStorage; [`legacy`] moves it here once.
//!
//! Every document read goes through `debrief_core::document` (`load_with_journal`, which is
//! `load` plus the journal). Writes are compare-and-set on revision numbers, so another tab's
//! edit surfaces as [`SaveError::Conflict`] instead of being lost, and each committed write
//! is announced to the other tabs ([`broadcast`]).

mod broadcast;
mod documents;
mod engine;
mod error;
mod folder;
pub mod legacy;
mod recovery;
mod transcripts;
mod trash;
mod usage;

pub use broadcast::listen_to_other_tabs;
pub use documents::{meta_key, review_key, Stored, StoredDocument, StoredReview, Unreadable};
pub use engine::transactions_settled;
pub use error::{OpenError, SaveError, StoreError};
pub use folder::{Folder, FolderError, FolderLock, Permission};
pub use recovery::RecoveredDocument;
pub use transcripts::{transcript_store, TranscriptStore, TranscriptStoreError};
pub use trash::{TrashedReview, TRASH_DAYS};
pub use usage::{estimate_usage, size_label, StorageUsage};

use debrief_core::document::{salvage, Document};
use debrief_core::library::{ReviewSummary, WorkbookIndex};
use debrief_core::model::{Review, ReviewId};
use engine::{stores, Database, Read, Write, WriteOutcome};
use std::collections::HashMap;
use wasm_bindgen::JsValue;

/// What the library shows at start: the index from the heads, and the reviews it lists
/// that this build cannot open (saved by a newer Debrief).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedIndex {
    pub index: WorkbookIndex,
    pub newer: Vec<Unreadable>,
}

/// One workbook database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    namespace: String,
}

impl Store {
    /// The app's own store: database `debrief`, localStorage keys `debrief:…`.
    pub fn browser() -> Self {
        Self::namespaced("debrief:")
    }

    /// A store under another namespace (tests use their own so they never touch drafts).
    pub fn namespaced(namespace: impl Into<String>) -> Self {
        Self {
            namespace: namespace.into(),
        }
    }

    /// The localStorage key prefix of the older layout.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    pub fn database_name(&self) -> String {
        self.namespace.trim_end_matches(':').to_owned()
    }

    async fn db(&self) -> Result<Database, StoreError> {
        Database::connect(&self.database_name()).await
    }

    /// Tells the other tabs that the record at `key` changed.
    fn announce(&self, key: &str) {
        broadcast::announce(&self.database_name(), key);
    }

    /// The library's index, read from the heads alone (no document is parsed, so a
    /// workbook of a thousand reviews opens at once). A head whose summary cannot be read is
    /// rebuilt from its review.
    pub async fn load_index(&self) -> Result<LoadedIndex, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::HEADS],
                vec![Read::Prefix(stores::HEADS, Review::PREFIX.to_owned())],
            )
            .await?;
        let mut loaded = LoadedIndex::default();
        for (key, head) in engine::pairs(&results[0]) {
            let schema = engine::number_field(&head, "schema").unwrap_or(1.0) as u32;
            let summary = engine::string_field(&head, "summary")
                .and_then(|text| serde_json::from_str::<ReviewSummary>(&text).ok());
            match summary {
                Some(summary) if schema <= Review::SCHEMA_VERSION => loaded.index.upsert(summary),
                summary => {
                    let id = debrief_core::model::ReviewId::new(&key[Review::PREFIX.len()..]);
                    match self.read_review(&id).await {
                        Ok(stored) => loaded.index.upsert(ReviewSummary::of(&stored.document)),
                        Err(OpenError::NewerVersion(reason)) => {
                            let text = self
                                .raw_document(&key)
                                .await?
                                .map(|raw| raw.text)
                                .unwrap_or_default();
                            let title = summary
                                .map(|s| s.title)
                                .or_else(|| salvage(&text).title)
                                .unwrap_or_else(|| id.to_string());
                            loaded.newer.push(Unreadable {
                                key: key.clone(),
                                title,
                                reason: reason.to_string(),
                                text,
                            });
                        }
                        Err(OpenError::Store(err)) => return Err(err),
                        // Set aside: Recovered documents lists it.
                        Err(_) => {}
                    }
                }
            }
        }
        Ok(loaded)
    }

    /// The library's entry for one review as its head holds it now (`None`: it is gone or
    /// cannot be listed from its head), for following another tab's edits without
    /// re-reading every head on each of its keystrokes.
    pub async fn summary_of(&self, id: &ReviewId) -> Result<Option<ReviewSummary>, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::HEADS],
                vec![Read::Get(stores::HEADS, review_key(id))],
            )
            .await?;
        let head = &results[0];
        let schema = engine::number_field(head, "schema").unwrap_or(1.0) as u32;
        Ok(engine::string_field(head, "summary")
            .filter(|_| schema <= Review::SCHEMA_VERSION)
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Half-typed inputs kept for a document, by form name.
    pub async fn drafts(&self, document_key: &str) -> Result<HashMap<String, String>, StoreError> {
        let prefix = format!("{document_key}/");
        let results = self
            .db()
            .await?
            .read(
                &[stores::DRAFTS],
                vec![Read::Prefix(stores::DRAFTS, prefix.clone())],
            )
            .await?;
        Ok(engine::pairs(&results[0])
            .into_iter()
            .filter_map(|(key, value)| Some((key[prefix.len()..].to_owned(), value.as_string()?)))
            .collect())
    }

    /// Keeps (or, with `None`, forgets) the drafts given, in one transaction.
    pub async fn put_drafts(
        &self,
        document_key: &str,
        drafts: Vec<(String, Option<String>)>,
    ) -> Result<(), StoreError> {
        let writes = drafts
            .into_iter()
            .map(|(form, text)| {
                let key = format!("{document_key}/{form}");
                match text {
                    Some(text) => Write::Put(stores::DRAFTS, key, JsValue::from_str(&text)),
                    None => Write::Delete(stores::DRAFTS, key),
                }
            })
            .collect();
        self.plain_write(&[stores::DRAFTS], writes).await
    }

    pub async fn setting(&self, name: &str) -> Result<JsValue, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::SETTINGS],
                vec![Read::Get(stores::SETTINGS, name.to_owned())],
            )
            .await?;
        Ok(results.into_iter().next().unwrap_or(JsValue::NULL))
    }

    pub async fn set_setting(&self, name: &str, value: JsValue) -> Result<(), StoreError> {
        self.plain_write(
            &[stores::SETTINGS],
            vec![Write::Put(stores::SETTINGS, name.to_owned(), value)],
        )
        .await
    }

    /// Several settings in one transaction (`JsValue::NULL` clears one).
    pub async fn set_settings(&self, settings: Vec<(&str, JsValue)>) -> Result<(), StoreError> {
        let writes = settings
            .into_iter()
            .map(|(name, value)| {
                if value.is_null() {
                    Write::Delete(stores::SETTINGS, name.to_owned())
                } else {
                    Write::Put(stores::SETTINGS, name.to_owned(), value)
                }
            })
            .collect();
        self.plain_write(&[stores::SETTINGS], writes).await
    }

    /// A write with no condition.
    async fn plain_write(&self, stores: &[&str], writes: Vec<Write>) -> Result<(), StoreError> {
        match self.db().await?.write(stores, Vec::new(), writes).await? {
            WriteOutcome::Committed => Ok(()),
            WriteOutcome::Conflict { .. } => {
                unreachable!("a write without conditions cannot conflict")
            }
        }
    }
}
