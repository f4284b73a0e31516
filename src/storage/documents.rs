//! Reviews and meta-reviews in IndexedDB: each document is its last full text plus the
//! journal of change batches written since, and a small head record holding its revision
//! (and, for reviews, what the library lists).
//!
//! Every write is one transaction that first checks the head still holds the revision the
//! writer based its change on, so another tab's write is a conflict, never an overwrite; and
//! document, journal and head change together or not at all, so a refused write leaves no
//! half-state behind for the next attempt to mistake for a conflict.

use super::engine::{self, stores, Expect, Read, Write, WriteOutcome};
use super::{OpenError, SaveError, Store, StoreError};
use debrief_core::document::{
    encode, load_with_journal, salvage, Document, JournalEntry, LoadError,
};
use debrief_core::library::ReviewSummary;
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId};
use debrief_core::sorting;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

/// A kind of document kept in the workbook database.
pub trait StoredDocument: Document + Clone {
    /// The key prefix of its records: `review:` or `meta:`.
    const PREFIX: &'static str;
    fn key_of(&self) -> String;
    /// What the library shows without reading the document (reviews only).
    fn summary(&self) -> Option<String>;
}

impl StoredDocument for Review {
    const PREFIX: &'static str = "review:";
    fn key_of(&self) -> String {
        review_key(&self.id)
    }
    fn summary(&self) -> Option<String> {
        serde_json::to_string(&ReviewSummary::of(self)).ok()
    }
}

impl StoredDocument for MetaReview {
    const PREFIX: &'static str = "meta:";
    fn key_of(&self) -> String {
        meta_key(&self.id)
    }
    fn summary(&self) -> Option<String> {
        None
    }
}

pub fn review_key(id: &ReviewId) -> String {
    format!("{}{id}", Review::PREFIX)
}

pub fn meta_key(id: &MetaReviewId) -> String {
    format!("{}{id}", MetaReview::PREFIX)
}

fn journal_prefix(key: &str) -> String {
    format!("{key}/")
}

/// Zero-padded so key order is revision order.
fn journal_key(key: &str, revision: u64) -> String {
    format!("{key}/{revision:012}")
}

/// A document as read from storage, with the revision the next write is based on.
#[derive(Debug, Clone)]
pub struct Stored<D> {
    pub document: D,
    pub revision: u64,
    /// Change batches on top of the full text: compaction is due when there are any.
    pub journal_len: usize,
}

pub type StoredReview = Stored<Review>;

/// The head record of a document: `{revision, schema, summary}`.
pub(super) fn head<D: StoredDocument>(document: &D, revision: u64) -> JsValue {
    head_record(revision, D::SCHEMA_VERSION.into(), document.summary())
}

pub(super) fn head_record(revision: u64, schema: u64, summary: Option<String>) -> JsValue {
    engine::record(&[
        ("revision", JsValue::from_f64(revision as f64)),
        ("schema", JsValue::from_f64(schema as f64)),
        (
            "summary",
            summary.map_or(JsValue::NULL, |s| JsValue::from_str(&s)),
        ),
    ])
}

pub(super) fn head_revision(head: &JsValue) -> Option<u64> {
    engine::number_field(head, "revision").map(|r| r as u64)
}

/// The three parts of a stored document as text, before they are read as one.
pub(super) struct RawDocument {
    pub text: String,
    pub journal: Vec<String>,
    pub revision: u64,
}

impl Store {
    /// The full text, journal and revision of the document at `key`.
    pub(super) async fn raw_document(&self, key: &str) -> Result<Option<RawDocument>, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::DOCUMENTS, stores::JOURNAL, stores::HEADS],
                vec![
                    Read::Get(stores::DOCUMENTS, key.to_owned()),
                    Read::Prefix(stores::JOURNAL, journal_prefix(key)),
                    Read::Get(stores::HEADS, key.to_owned()),
                ],
            )
            .await?;
        let Some(text) = results[0].as_string() else {
            return Ok(None);
        };
        Ok(Some(RawDocument {
            text,
            journal: engine::pairs(&results[1])
                .into_iter()
                .filter_map(|(_, entry)| entry.as_string())
                .collect(),
            revision: head_revision(&results[2]).unwrap_or(0),
        }))
    }

    /// Reads a document through the core load path (full text, then its journal). A damaged
    /// one is moved to Recovered documents; one from a newer Debrief is left where it is.
    pub async fn read_document<D: StoredDocument>(
        &self,
        key: &str,
    ) -> Result<Stored<D>, OpenError> {
        let raw = self
            .raw_document(key)
            .await
            .map_err(OpenError::Store)?
            .ok_or(OpenError::NotFound)?;
        self.load_raw(key, raw).await
    }

    pub async fn read_review(&self, id: &ReviewId) -> Result<StoredReview, OpenError> {
        self.read_document(&review_key(id)).await
    }

    pub async fn read_meta(&self, id: &MetaReviewId) -> Result<Stored<MetaReview>, OpenError> {
        self.read_document(&meta_key(id)).await
    }

    /// Appends one batch of changes to the journal of the document at `key`, with its new
    /// library summary, if storage still holds revision `base`. Returns the new revision.
    pub async fn write_changes<D: StoredDocument>(
        &self,
        key: &str,
        summary: Option<String>,
        base: u64,
        entry: &JournalEntry,
    ) -> Result<u64, SaveError> {
        let revision = base + 1;
        self.write_checked(
            key,
            Some(base),
            vec![
                Write::Put(
                    stores::JOURNAL,
                    journal_key(key, revision),
                    JsValue::from_str(&entry.encode()),
                ),
                Write::Put(
                    stores::HEADS,
                    key.to_owned(),
                    head_record(revision, D::SCHEMA_VERSION.into(), summary),
                ),
            ],
        )
        .await?;
        Ok(revision)
    }

    /// Writes a document's full text and clears its journal, if storage still holds
    /// `expect` (`None`: the document must not exist yet). The document gets `revision`:
    /// the same one for a compaction (nothing changed for other tabs), a new one otherwise.
    pub async fn write_whole<D: StoredDocument>(
        &self,
        document: &D,
        expect: Option<u64>,
        revision: u64,
    ) -> Result<(), SaveError> {
        let key = document.key_of();
        self.write_checked(
            &key,
            expect,
            vec![
                Write::Put(
                    stores::DOCUMENTS,
                    key.clone(),
                    JsValue::from_str(&encode(document)),
                ),
                Write::DeletePrefix(stores::JOURNAL, journal_prefix(&key)),
                Write::Put(stores::HEADS, key.clone(), head(document, revision)),
            ],
        )
        .await
    }

    /// Stores a new document; refused as a conflict when one with its id exists.
    pub async fn create<D: StoredDocument>(&self, document: &D) -> Result<u64, SaveError> {
        self.write_whole(document, None, 1).await.map(|()| 1)
    }

    /// Writes this version over whatever storage holds (the person chose it). Returns the
    /// new revision.
    pub async fn overwrite<D: StoredDocument>(&self, document: &D) -> Result<u64, StoreError> {
        let key = document.key_of();
        // Retried because another tab may write between the read and the write.
        for _ in 0..5 {
            let found = self.revision_of(&key).await?;
            let revision = found.unwrap_or(0) + 1;
            match self.write_whole(document, found, revision).await {
                Ok(()) => return Ok(revision),
                Err(SaveError::Conflict { .. }) => continue,
                Err(SaveError::Store(err)) => return Err(err),
            }
        }
        Err(StoreError::Failed {
            what: "another tab kept changing it at the same moment".to_owned(),
        })
    }

    /// The revision storage holds of the document at `key` (`None`: there is none).
    pub async fn revision_of(&self, key: &str) -> Result<Option<u64>, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::HEADS],
                vec![Read::Get(stores::HEADS, key.to_owned())],
            )
            .await?;
        Ok(head_revision(&results[0]))
    }

    /// One conditional write: conflicts become [`SaveError::Conflict`] with the revision
    /// found.
    pub(super) async fn write_checked(
        &self,
        key: &str,
        expect: Option<u64>,
        writes: Vec<Write>,
    ) -> Result<(), SaveError> {
        let outcome = self
            .db()
            .await?
            .write(
                &[stores::DOCUMENTS, stores::JOURNAL, stores::HEADS],
                vec![Expect {
                    key: key.to_owned(),
                    revision: expect,
                }],
                writes,
            )
            .await?;
        match outcome {
            WriteOutcome::Committed => {
                self.announce(key);
                Ok(())
            }
            WriteOutcome::Conflict { found } => Err(SaveError::Conflict {
                revision: found.as_ref().and_then(head_revision),
            }),
        }
    }

    /// Every document of kind `D` as stored, read in one transaction (a meta-review reads
    /// hundreds of reviews; a round trip each would cost more than reading them).
    async fn raw_documents<D: StoredDocument>(
        &self,
    ) -> Result<Vec<(String, RawDocument)>, StoreError> {
        let prefix = D::PREFIX.to_owned();
        let results = self
            .db()
            .await?
            .read(
                &[stores::DOCUMENTS, stores::JOURNAL, stores::HEADS],
                vec![
                    Read::Prefix(stores::DOCUMENTS, prefix.clone()),
                    Read::Prefix(stores::JOURNAL, prefix.clone()),
                    Read::Prefix(stores::HEADS, prefix),
                ],
            )
            .await?;
        let mut journals: HashMap<String, Vec<String>> = HashMap::new();
        for (key, entry) in engine::pairs(&results[1]) {
            // Journal keys are `<document key>/<revision>`, in revision order.
            if let (Some((document, _)), Some(entry)) = (key.rsplit_once('/'), entry.as_string()) {
                journals.entry(document.to_owned()).or_default().push(entry);
            }
        }
        let revisions: HashMap<String, u64> = engine::pairs(&results[2])
            .into_iter()
            .filter_map(|(key, head)| Some((key, head_revision(&head)?)))
            .collect();
        Ok(engine::pairs(&results[0])
            .into_iter()
            .filter_map(|(key, text)| {
                let raw = RawDocument {
                    text: text.as_string()?,
                    journal: journals.remove(&key).unwrap_or_default(),
                    revision: revisions.get(&key).copied().unwrap_or(0),
                };
                Some((key, raw))
            })
            .collect())
    }

    /// Reads one stored document through the load path, setting a damaged one aside.
    async fn load_raw<D: StoredDocument>(
        &self,
        key: &str,
        raw: RawDocument,
    ) -> Result<Stored<D>, OpenError> {
        let journal: Result<Vec<JournalEntry>, LoadError> = raw
            .journal
            .iter()
            .map(|text| JournalEntry::decode(text))
            .collect();
        let loaded = journal.and_then(|journal| {
            load_with_journal::<D>(&raw.text, &journal).map(|document| (document, journal.len()))
        });
        match loaded {
            Ok((document, journal_len)) => Ok(Stored {
                document,
                revision: raw.revision,
                journal_len,
            }),
            Err(reason @ LoadError::NewerVersion { .. }) => Err(OpenError::NewerVersion(reason)),
            Err(reason) => {
                self.quarantine(key, &raw, &reason)
                    .await
                    .map_err(OpenError::Store)?;
                Err(OpenError::Quarantined(reason))
            }
        }
    }

    /// Every review that can be read, most recently edited first: what a meta-review is
    /// computed from and what a backup holds. Ones saved by a newer Debrief come back apart,
    /// verbatim; damaged ones are set aside (Recovered documents lists them).
    pub async fn all_reviews(&self) -> Result<(Vec<Review>, Vec<Unreadable>), StoreError> {
        let mut reviews = Vec::new();
        let mut newer = Vec::new();
        for (key, raw) in self.raw_documents::<Review>().await? {
            let text = raw.text.clone();
            match self.load_raw::<Review>(&key, raw).await {
                Ok(stored) => reviews.push(stored.document),
                Err(OpenError::Store(err)) => return Err(err),
                Err(err @ OpenError::NewerVersion(_)) => newer.push(Unreadable {
                    title: salvage(&text).title.unwrap_or_else(|| key.clone()),
                    key,
                    reason: err.to_string(),
                    text,
                }),
                Err(_) => {}
            }
        }
        sorting::sort_by_key(&mut reviews, |review| std::cmp::Reverse(review.updated_at));
        Ok((reviews, newer))
    }

    /// Every meta-review that can be read, most recently edited first.
    pub async fn meta_reviews(&self) -> Result<Vec<MetaReview>, StoreError> {
        let mut found = Vec::new();
        for (key, raw) in self.raw_documents::<MetaReview>().await? {
            match self.load_raw::<MetaReview>(&key, raw).await {
                Ok(stored) => found.push(stored.document),
                Err(OpenError::Store(err)) => return Err(err),
                Err(_) => {}
            }
        }
        sorting::sort_by_key(&mut found, |meta| std::cmp::Reverse(meta.updated_at));
        Ok(found)
    }

    /// The writes that remove a document with its journal and head.
    pub(super) fn removal(key: &str) -> Vec<Write> {
        vec![
            Write::Delete(stores::DOCUMENTS, key.to_owned()),
            Write::DeletePrefix(stores::JOURNAL, journal_prefix(key)),
            Write::Delete(stores::HEADS, key.to_owned()),
        ]
    }

    pub async fn delete_meta(&self, id: &MetaReviewId) -> Result<(), StoreError> {
        let key = meta_key(id);
        let outcome = self
            .db()
            .await?
            .write(
                &[stores::DOCUMENTS, stores::JOURNAL, stores::HEADS],
                Vec::new(),
                Self::removal(&key),
            )
            .await?;
        if matches!(outcome, WriteOutcome::Committed) {
            self.announce(&key);
        }
        Ok(())
    }
}

/// A stored document that could not be read, by whatever title could be found.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub title: String,
    pub reason: String,
    /// The document as stored, verbatim.
    pub text: String,
}
