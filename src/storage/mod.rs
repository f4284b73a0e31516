//! The browser storage adapter: the only place that reads or writes localStorage.
//!
//! Layout, all under one namespace (`debrief:` in the app) because every project page on a
//! `<user>.github.io` origin shares one localStorage:
//! - `debrief:index` — the workbook index (a `debrief.index` document);
//! - `debrief:review:<id>` — one `debrief.review` document per review;
//! - `debrief:meta:<id>` — one `debrief.meta_review` document per meta-review;
//! - `debrief:recovery:<millis>:<original key>` — a stored document that could not be read,
//!   kept verbatim so nothing is ever deleted for being damaged.
//!
//! - IndexedDB database `debrief`, store `transcripts` — chat transcripts per review (see
//!   [`transcripts`]).
//!
//! Every read goes through `debrief_core::document::load`. Writes are compare-and-set: a
//! review is only overwritten when storage still holds what this tab last read or wrote, so
//! another tab's edit surfaces as a [`SaveError::Conflict`] instead of being lost.

mod error;
mod transcripts;
mod usage;

pub use error::StoreError;
pub use transcripts::{transcript_store, TranscriptStore, TranscriptStoreError};
pub use usage::StorageUsage;

use debrief_core::document::{encode, load, Document, LoadError};
use debrief_core::library::{ReviewSummary, WorkbookIndex};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId};
use gloo_storage::Storage as _;
use std::collections::HashSet;
use wasm_bindgen::JsValue;

/// A review as read from storage, with the exact text it was read from (the base for the
/// next compare-and-set write).
#[derive(Debug, Clone)]
pub struct StoredReview {
    pub review: Review,
    pub text: String,
}

/// Why a stored review could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    NotFound,
    /// Written by a newer Debrief: left in place untouched.
    NewerVersion(LoadError),
    /// Damaged: moved aside under `recovery_key`, never deleted.
    Quarantined {
        recovery_key: String,
        reason: LoadError,
    },
    Store(StoreError),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound => f.write_str(
                "There is no review with this address in this browser's workbook. It may have been deleted, or created in another browser.",
            ),
            Self::NewerVersion(reason) => write!(f, "{reason}"),
            Self::Quarantined { reason, .. } => write!(
                f,
                "This review could not be read and was set aside, unchanged, under Recovered documents in the library. {reason}"
            ),
            Self::Store(err) => write!(f, "{err}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Storage no longer holds what this tab based its edit on: another tab changed or
    /// deleted the review. `theirs` is what storage holds now.
    Conflict {
        theirs: Option<String>,
    },
    Store(StoreError),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Conflict { .. } => f.write_str(
                "The review was changed in another tab or window at the same moment; nothing was changed here. Try again.",
            ),
            Self::Store(err) => write!(f, "{err}"),
        }
    }
}

/// Something the workbook found while loading that the person should know about.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageNotice {
    Quarantined { key: String, reason: LoadError },
    NewerVersion { key: String },
}

impl std::fmt::Display for StorageNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Quarantined { reason, .. } => write!(
                f,
                "A stored document could not be read, so it was set aside unchanged under Recovered documents. {reason}"
            ),
            Self::NewerVersion { .. } => f.write_str(
                "A review in this browser was saved by a newer version of Debrief. It is kept as it is; open it with the newer version.",
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedWorkbook {
    pub index: WorkbookIndex,
    pub notices: Vec<StorageNotice>,
}

/// A document kept aside because it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveredDocument {
    pub key: String,
    /// The key it was stored under before it was set aside.
    pub original_key: String,
    pub set_aside_at_millis: i64,
    pub text: String,
}

/// localStorage under one key namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    namespace: String,
}

impl Store {
    /// The app's own store, namespaced `debrief:`.
    pub fn browser() -> Self {
        Self::namespaced("debrief:")
    }

    /// A store under another namespace (tests use their own so they never touch drafts).
    pub fn namespaced(namespace: impl Into<String>) -> Self {
        Self {
            namespace: namespace.into(),
        }
    }

    /// The IndexedDB database that holds this workbook's transcripts: the namespace's name.
    pub fn transcript_database(&self) -> String {
        self.namespace.trim_end_matches(':').to_owned()
    }

    pub fn index_key(&self) -> String {
        format!("{}index", self.namespace)
    }

    pub fn review_key(&self, id: &ReviewId) -> String {
        format!("{}review:{}", self.namespace, id)
    }

    /// The review id a storage key belongs to, if it is one of this store's review keys.
    pub fn review_id_of_key(&self, key: &str) -> Option<ReviewId> {
        key.strip_prefix(&self.namespace)?
            .strip_prefix("review:")
            .map(ReviewId::new)
    }

    fn recovery_prefix(&self) -> String {
        format!("{}recovery:", self.namespace)
    }

    fn storage(&self) -> Result<web_sys::Storage, StoreError> {
        // gloo's LocalStorage::raw() panics when storage is disabled; check first so a
        // locked-down browser gets a message instead of a crash.
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        Ok(gloo_storage::LocalStorage::raw())
    }

    fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?
            .get_item(key)
            .map_err(|err| StoreError::from_js(&err))
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StoreError> {
        self.storage()?
            .set_item(key, text)
            .map_err(|err| StoreError::from_js(&err))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage()?
            .remove_item(key)
            .map_err(|err| StoreError::from_js(&err))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        let count = storage.length().map_err(|err| StoreError::from_js(&err))?;
        Ok((0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(&self.namespace))
            .collect())
    }

    /// Loads the index, repairing it from the review keys when it is missing entries, lists
    /// reviews that are gone, or cannot be read. Only reviews missing from the index are
    /// parsed, so start-up stays fast with many reviews.
    pub fn load_workbook(&self) -> Result<LoadedWorkbook, StoreError> {
        let mut notices = Vec::new();
        let index_key = self.index_key();
        let (mut index, mut changed) = match self.read(&index_key)? {
            None => (WorkbookIndex::default(), false),
            Some(text) => match load::<WorkbookIndex>(&text) {
                Ok(index) => (index, false),
                Err(reason) => {
                    self.quarantine(&index_key, &text)?;
                    notices.push(StorageNotice::Quarantined {
                        key: index_key.clone(),
                        reason,
                    });
                    (WorkbookIndex::default(), true)
                }
            },
        };
        let stored_ids: HashSet<ReviewId> = self
            .keys()?
            .iter()
            .filter_map(|key| self.review_id_of_key(key))
            .collect();
        let listed: Vec<ReviewId> = index.entries().iter().map(|e| e.id.clone()).collect();
        for id in &listed {
            if !stored_ids.contains(id) {
                index.remove(id);
                changed = true;
            }
        }
        let mut unlisted: Vec<&ReviewId> = stored_ids
            .iter()
            .filter(|id| index.get(id).is_none())
            .collect();
        // Key order is the browser's; a stable order keeps start-up deterministic.
        unlisted.sort();
        for id in unlisted {
            match self.read_review(id) {
                Ok(stored) => {
                    index.upsert(ReviewSummary::of(&stored.review));
                    changed = true;
                }
                Err(OpenError::Quarantined {
                    recovery_key,
                    reason,
                }) => notices.push(StorageNotice::Quarantined {
                    key: recovery_key,
                    reason,
                }),
                Err(OpenError::NewerVersion(_)) => notices.push(StorageNotice::NewerVersion {
                    key: self.review_key(id),
                }),
                Err(OpenError::NotFound) => {}
                Err(OpenError::Store(err)) => return Err(err),
            }
        }
        if changed {
            // Best effort: the repaired index is rebuilt again next time if this fails.
            let _ = self.write(&index_key, &encode(&index));
        }
        Ok(LoadedWorkbook { index, notices })
    }

    /// Reads one review through the core load path. A damaged document is moved aside under
    /// a recovery key; one from a newer Debrief is left where it is.
    pub fn read_review(&self, id: &ReviewId) -> Result<StoredReview, OpenError> {
        let result = self.read_document::<Review>(&self.review_key(id));
        if matches!(result, Err(OpenError::Quarantined { .. })) {
            let _ = self.remove_from_index(id);
        }
        result.map(|(review, text)| StoredReview { review, text })
    }

    /// Reads any stored document through the core load path, with the text it was read
    /// from. A damaged one is moved aside under a recovery key; a newer one is left alone.
    fn read_document<D: Document>(&self, key: &str) -> Result<(D, String), OpenError> {
        let text = self
            .read(key)
            .map_err(OpenError::Store)?
            .ok_or(OpenError::NotFound)?;
        match load::<D>(&text) {
            Ok(document) => Ok((document, text)),
            Err(reason @ LoadError::NewerVersion { .. }) => Err(OpenError::NewerVersion(reason)),
            Err(reason) => {
                let recovery_key = self.quarantine(key, &text).map_err(OpenError::Store)?;
                Err(OpenError::Quarantined {
                    recovery_key,
                    reason,
                })
            }
        }
    }

    /// Every review that can be read, in the library's order: what a meta-review is computed
    /// from. Reviews that cannot be read are set aside as when opened, and left out.
    pub fn all_reviews(&self) -> Result<Vec<Review>, StoreError> {
        let index = self.read_index()?;
        Ok(index
            .entries()
            .iter()
            .filter_map(|entry| self.read_review(&entry.id).ok())
            .map(|stored| stored.review)
            .collect())
    }

    pub fn meta_key(&self, id: &MetaReviewId) -> String {
        format!("{}meta:{}", self.namespace, id)
    }

    /// The meta-review id a storage key belongs to, if it is one of this store's.
    pub fn meta_id_of_key(&self, key: &str) -> Option<MetaReviewId> {
        key.strip_prefix(&self.namespace)?
            .strip_prefix("meta:")
            .map(MetaReviewId::new)
    }

    /// Every meta-review that can be read, most recently edited first.
    pub fn meta_reviews(&self) -> Result<Vec<MetaReview>, StoreError> {
        let mut found: Vec<MetaReview> = self
            .keys()?
            .iter()
            .filter(|key| self.meta_id_of_key(key).is_some())
            .filter_map(|key| self.read_document::<MetaReview>(key).ok())
            .map(|(meta, _)| meta)
            .collect();
        found.sort_by_key(|meta| std::cmp::Reverse(meta.updated_at));
        Ok(found)
    }

    pub fn read_meta(&self, id: &MetaReviewId) -> Result<(MetaReview, String), OpenError> {
        self.read_document(&self.meta_key(id))
    }

    /// Writes a meta-review if storage still holds `based_on` (see [`Store::write_review`]).
    pub fn write_meta(
        &self,
        meta: &MetaReview,
        based_on: Option<&str>,
    ) -> Result<String, SaveError> {
        let key = self.meta_key(&meta.id);
        let current = self.read(&key).map_err(SaveError::Store)?;
        if current.as_deref() != based_on {
            return Err(SaveError::Conflict { theirs: current });
        }
        self.overwrite_meta(meta).map_err(SaveError::Store)
    }

    pub fn overwrite_meta(&self, meta: &MetaReview) -> Result<String, StoreError> {
        let text = encode(meta);
        self.write(&self.meta_key(&meta.id), &text)?;
        Ok(text)
    }

    pub fn delete_meta(&self, id: &MetaReviewId) -> Result<(), StoreError> {
        self.remove(&self.meta_key(id))
    }

    /// Writes a review if storage still holds `based_on` (the text this tab last read or
    /// wrote; `None` for a review that should not exist yet), then updates its index entry.
    /// Returns the text written, the base for the next write.
    pub fn write_review(
        &self,
        review: &Review,
        based_on: Option<&str>,
    ) -> Result<String, SaveError> {
        let key = self.review_key(&review.id);
        let current = self.read(&key).map_err(SaveError::Store)?;
        if current.as_deref() != based_on {
            return Err(SaveError::Conflict { theirs: current });
        }
        self.overwrite_review(review).map_err(SaveError::Store)
    }

    /// Writes a review whatever storage holds (the person chose to keep this version).
    pub fn overwrite_review(&self, review: &Review) -> Result<String, StoreError> {
        let text = encode(review);
        self.write(&self.review_key(&review.id), &text)?;
        self.update_index(|index| index.upsert(ReviewSummary::of(review)))?;
        Ok(text)
    }

    /// Puts back a review exactly as it was stored (undo of a delete).
    pub fn restore_review(&self, stored: &StoredReview) -> Result<(), StoreError> {
        self.write(&self.review_key(&stored.review.id), &stored.text)?;
        self.update_index(|index| index.upsert(ReviewSummary::of(&stored.review)))
    }

    pub fn delete_review(&self, id: &ReviewId) -> Result<(), StoreError> {
        self.remove(&self.review_key(id))?;
        self.remove_from_index(id)
    }

    fn remove_from_index(&self, id: &ReviewId) -> Result<(), StoreError> {
        self.update_index(|index| {
            index.remove(id);
        })
    }

    /// Read-modify-write of the index, re-reading it first so an entry another tab added
    /// since this tab loaded is kept.
    fn update_index(&self, change: impl FnOnce(&mut WorkbookIndex)) -> Result<(), StoreError> {
        let key = self.index_key();
        let mut index = match self.read(&key)? {
            Some(text) => load::<WorkbookIndex>(&text).unwrap_or_default(),
            None => WorkbookIndex::default(),
        };
        change(&mut index);
        self.write(&key, &encode(&index))
    }

    /// Reads the index as stored now (after another tab changed it).
    pub fn read_index(&self) -> Result<WorkbookIndex, StoreError> {
        Ok(self
            .read(&self.index_key())?
            .and_then(|text| load::<WorkbookIndex>(&text).ok())
            .unwrap_or_default())
    }

    /// Moves a document aside verbatim. The copy is written before the original is removed,
    /// so a failure leaves the original where it was.
    fn quarantine(&self, key: &str, text: &str) -> Result<String, StoreError> {
        let original = key.strip_prefix(&self.namespace).unwrap_or(key);
        let recovery_key = format!(
            "{}{}:{}",
            self.recovery_prefix(),
            js_sys::Date::now() as i64,
            original
        );
        self.write(&recovery_key, text)?;
        self.remove(key)?;
        Ok(recovery_key)
    }

    pub fn recovered_documents(&self) -> Result<Vec<RecoveredDocument>, StoreError> {
        let prefix = self.recovery_prefix();
        let mut documents = Vec::new();
        for key in self.keys()? {
            let Some(rest) = key.strip_prefix(&prefix) else {
                continue;
            };
            let (millis, original) = rest.split_once(':').unwrap_or(("0", rest));
            let text = self.read(&key)?.unwrap_or_default();
            documents.push(RecoveredDocument {
                original_key: format!("{}{}", self.namespace, original),
                set_aside_at_millis: millis.parse().unwrap_or(0),
                key,
                text,
            });
        }
        documents.sort_by_key(|doc| std::cmp::Reverse(doc.set_aside_at_millis));
        Ok(documents)
    }

    /// Deletes a recovered document for good (the person confirmed it).
    pub fn discard_recovered(&self, key: &str) -> Result<(), StoreError> {
        if key.starts_with(&self.recovery_prefix()) {
            self.remove(key)
        } else {
            Ok(())
        }
    }

    pub fn usage(&self) -> Result<StorageUsage, StoreError> {
        usage::measure(&self.storage()?, &self.namespace)
    }

    /// Removes every key of this namespace. For tests only: the app never clears storage.
    pub fn clear_namespace(&self) -> Result<(), StoreError> {
        for key in self.keys()? {
            self.remove(&key)?;
        }
        Ok(())
    }
}

/// Errors from JavaScript arrive as `JsValue`s; this names the one the UI distinguishes.
fn js_error_name(err: &JsValue) -> Option<String> {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
}
