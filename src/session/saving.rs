//! How an open document (a review or a meta-review) reaches storage: every change is written
//! within one animation frame as a small batch of changes appended to the document's
//! journal, and the journal is folded into the full text once editing pauses.
//!
//! Promises kept here:
//! - a renderer crash loses at most the keystrokes of the frame it happened in;
//! - one write is in flight at a time, so a refused write never makes the next one look
//!   like a conflict (each write is based on the revision the last committed one left);
//! - another tab's write pauses saving until the person chooses, and until then this tab's
//!   version is kept among Recovered documents too, so closing the tab loses nothing.

use crate::storage::{SaveError, Store, StoreError, Stored, StoredDocument};
use debrief_core::document::{encode, encode_pretty, JournalEntry, Journaled};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// How long editing must pause before the journal is folded into the full text.
const COMPACT_AFTER: Duration = Duration::from_secs(2);
/// Fold at once past this many batches, so opening never replays a long journal.
const COMPACT_AT: usize = 200;

/// Another tab or window changed the document this tab is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    ChangedElsewhere { revision: u64 },
    DeletedElsewhere,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    /// Edited; the write is on its way (within a frame).
    Pending,
    /// The last write failed; the document is intact in memory and writing is retried on
    /// the next edit or on request.
    Failed(StoreError),
    /// Saving is paused until the person decides whose version to keep.
    Conflict(Conflict),
}

impl SaveState {
    /// Whether leaving now would leave something only in this tab.
    pub fn has_unsaved_work(&self) -> bool {
        matches!(self, Self::Failed(_) | Self::Conflict(_))
    }
}

/// Told about every committed write, with the document as written.
type OnSaved<D> = Arc<dyn Fn(&D) + Send + Sync>;

/// What the saver writes in a frame.
enum Batch<D> {
    Changes {
        entry: JournalEntry,
        key: String,
        summary: Option<String>,
    },
    Whole(D),
}

/// The saving half of an open document's session. `Copy`: every field is a handle.
pub struct DocumentSaver<D: 'static> {
    pub document: RwSignal<D>,
    pub save_state: RwSignal<SaveState>,
    /// What storage holds, as of the last committed write: the base the next batch of
    /// changes is computed from.
    saved: StoredValue<D>,
    revision: StoredValue<u64>,
    journal_len: StoredValue<usize>,
    /// The snapshot no longer matches storage (a write failed after the snapshot took its
    /// changes): the next write is the whole document.
    stale: StoredValue<bool>,
    writing: StoredValue<bool>,
    /// Another tab wrote while this tab's write was in flight: look again once it lands.
    recheck: StoredValue<bool>,
    dirty: StoredValue<bool>,
    frame_waiting: StoredValue<bool>,
    compaction: StoredValue<Option<TimeoutHandle>>,
    store: StoredValue<Store>,
    on_saved: StoredValue<Option<OnSaved<D>>>,
}

impl<D> Clone for DocumentSaver<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for DocumentSaver<D> {}

impl<D> DocumentSaver<D>
where
    D: StoredDocument + Journaled + PartialEq + Send + Sync + 'static,
{
    /// The saver of a document just read from storage. Creates signals: call it under the
    /// owner the session should live in.
    pub fn new(store: Store, stored: Stored<D>) -> Self {
        let Stored {
            document,
            revision,
            journal_len,
        } = stored;
        let saver = Self {
            saved: StoredValue::new(document.clone()),
            document: RwSignal::new(document),
            save_state: RwSignal::new(SaveState::Saved),
            revision: StoredValue::new(revision),
            journal_len: StoredValue::new(journal_len),
            stale: StoredValue::new(false),
            writing: StoredValue::new(false),
            recheck: StoredValue::new(false),
            dirty: StoredValue::new(false),
            frame_waiting: StoredValue::new(false),
            compaction: StoredValue::new(None),
            store: StoredValue::new(store),
            on_saved: StoredValue::new(None),
        };
        if journal_len > 0 {
            saver.schedule_compaction();
        }
        saver
    }

    /// Called after every committed write with the document as written.
    pub fn on_saved(&self, callback: impl Fn(&D) + Send + Sync + 'static) {
        self.on_saved.set_value(Some(Arc::new(callback)));
    }

    /// The document changed in memory: write it within the next frame.
    pub fn changed(&self) {
        self.dirty.set_value(true);
        if !matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            self.save_state.set(SaveState::Pending);
        }
        self.cancel_compaction();
        if self.frame_waiting.get_value() {
            return;
        }
        self.frame_waiting.set_value(true);
        let saver = *self;
        request_animation_frame(move || {
            saver.frame_waiting.set_value(false);
            saver.write_next();
        });
    }

    /// Writes what is waiting now, without waiting for a frame (the page is being hidden;
    /// animation frames stop in hidden pages).
    pub fn flush(&self) {
        if self.dirty.get_value() {
            self.write_next();
        }
    }

    /// Tries the last failed write again.
    pub fn retry(&self) {
        self.dirty.set_value(true);
        self.write_next();
    }

    fn write_next(&self) {
        if self.writing.get_value() || !self.dirty.get_value() {
            return;
        }
        if matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            self.keep_unsaved_copy();
            return;
        }
        let batch = if self.stale.get_value() {
            Batch::Whole(self.document.get_untracked())
        } else {
            let changes = self.document.with_untracked(|current| {
                self.saved
                    .try_update_value(|saved| D::changes_since(saved, current))
                    .unwrap_or_default()
            });
            if changes.is_empty() {
                self.dirty.set_value(false);
                self.save_state.set(SaveState::Saved);
                return;
            }
            let (key, summary) = self.document.with_untracked(|d| (d.key_of(), d.summary()));
            Batch::Changes {
                entry: JournalEntry {
                    schema_version: D::SCHEMA_VERSION,
                    changes,
                },
                key,
                summary,
            }
        };
        self.dirty.set_value(false);
        self.writing.set_value(true);
        let saver = *self;
        let store = self.store.get_value();
        let base = self.revision.get_value();
        leptos::task::spawn_local(async move {
            let result = match &batch {
                Batch::Changes {
                    entry,
                    key,
                    summary,
                } => {
                    store
                        .write_changes::<D>(key, summary.clone(), base, entry)
                        .await
                }
                Batch::Whole(document) => store
                    .write_whole(document, Some(base), base + 1)
                    .await
                    .map(|()| base + 1),
            };
            saver.written(result, batch);
        });
    }

    fn written(&self, result: Result<u64, SaveError>, batch: Batch<D>) {
        self.writing.set_value(false);
        self.after_write();
        match result {
            Ok(revision) => {
                self.revision.set_value(revision);
                match batch {
                    Batch::Changes { .. } => self.journal_len.update_value(|n| *n += 1),
                    Batch::Whole(document) => {
                        self.saved.set_value(document);
                        self.stale.set_value(false);
                        self.journal_len.set_value(0);
                    }
                }
                if let Some(callback) = self.on_saved.get_value() {
                    self.document.with_untracked(|d| callback(d));
                }
                if self.dirty.get_value() {
                    self.write_next();
                } else {
                    self.save_state.set(SaveState::Saved);
                    self.schedule_compaction();
                }
            }
            Err(err) => {
                // The snapshot already took this batch's changes; storage did not.
                self.stale.set_value(true);
                self.dirty.set_value(true);
                match err {
                    SaveError::Conflict { revision } => self.conflict(revision),
                    SaveError::Store(err) => self.save_state.set(SaveState::Failed(err)),
                }
            }
        }
    }

    /// Another tab's announcement that arrived during the write is looked at now.
    fn after_write(&self) {
        if self.recheck.get_value() {
            self.recheck.set_value(false);
            self.changed_elsewhere();
        }
    }

    fn conflict(&self, revision: Option<u64>) {
        self.save_state.set(SaveState::Conflict(match revision {
            Some(revision) => Conflict::ChangedElsewhere { revision },
            None => Conflict::DeletedElsewhere,
        }));
        self.keep_unsaved_copy();
    }

    /// Another tab wrote (or removed) this document: a conflict unless storage still holds
    /// what this tab last wrote.
    pub fn changed_elsewhere(&self) {
        if self.writing.get_value() {
            self.recheck.set_value(true);
            return;
        }
        let saver = *self;
        let store = self.store.get_value();
        let key = self.document.with_untracked(|d| d.key_of());
        leptos::task::spawn_local(async move {
            let Ok(found) = store.revision_of(&key).await else {
                return;
            };
            if found != Some(saver.revision.get_value()) && !saver.writing.get_value() {
                saver.stale.set_value(true);
                saver.conflict(found);
            }
        });
    }

    /// While saving is paused, this tab's version is kept among Recovered documents (one
    /// record, replaced as editing goes on), so a closed tab or a crash loses nothing.
    fn keep_unsaved_copy(&self) {
        self.dirty.set_value(false);
        self.writing.set_value(true);
        let saver = *self;
        let store = self.store.get_value();
        let (key, text) = self.document.with_untracked(|d| (d.key_of(), encode(d)));
        leptos::task::spawn_local(async move {
            let _ = store.keep_unsaved_copy(&key, &text).await;
            saver.writing.set_value(false);
            if saver.dirty.get_value() {
                saver.write_next();
            }
        });
    }

    /// Resolves a conflict in favour of this tab: its version is written over the other,
    /// which is kept among Recovered documents.
    pub async fn keep_mine(&self) -> Result<(), String> {
        let store = self.store.get_value();
        let (key, document) = self.document.with_untracked(|d| (d.key_of(), d.clone()));
        if let Ok(theirs) = self.their_version().await {
            store
                .set_aside(
                    &key,
                    &encode(&theirs),
                    "The version from another tab or window, not kept when this one was chosen.",
                )
                .await
                .map_err(|err| err.to_string())?;
        }
        let revision = store.overwrite(&document).await.map_err(|err| {
            self.save_state.set(SaveState::Failed(err.clone()));
            err.to_string()
        })?;
        let _ = store.forget_unsaved_copy(&key).await;
        self.revision.set_value(revision);
        self.saved.set_value(document);
        self.stale.set_value(false);
        self.journal_len.set_value(0);
        self.dirty.set_value(false);
        self.save_state.set(SaveState::Saved);
        if let Some(callback) = self.on_saved.get_value() {
            self.document.with_untracked(|d| callback(d));
        }
        // Edits made while choosing.
        if self
            .document
            .with_untracked(|d| self.saved.with_value(|s| s != d))
        {
            self.changed();
        }
        Ok(())
    }

    /// Resolves a conflict in favour of the other version: it replaces this tab's, which
    /// stays among Recovered documents with `not_kept` as its reason. Nothing changes when
    /// it cannot be read.
    pub async fn take_theirs(&self, not_kept: &str) -> Result<(), String> {
        let store = self.store.get_value();
        let key = self.document.with_untracked(|d| d.key_of());
        // This tab's version as it is now, not as it was when the conflict began.
        let mine = self.document.with_untracked(encode);
        store
            .keep_unsaved_copy(&key, &mine)
            .await
            .map_err(|err| err.to_string())?;
        let stored = store
            .read_document::<D>(&key)
            .await
            .map_err(|err| err.to_string())?;
        self.adopt(stored);
        let _ = store.settle_unsaved_copy(&key, not_kept).await;
        Ok(())
    }

    /// This tab wrote a version of the document on someone else's behalf (the folder it is
    /// kept in changed): show it if nothing typed here is waiting; otherwise it is a
    /// conflict, exactly as if another tab had written it.
    pub fn follow_stored(&self) {
        if !self.idle() {
            self.changed_elsewhere();
            return;
        }
        let saver = *self;
        let store = self.store.get_value();
        let key = self.document.with_untracked(|d| d.key_of());
        leptos::task::spawn_local(async move {
            let Ok(stored) = store.read_document::<D>(&key).await else {
                return;
            };
            if saver.idle() {
                saver.adopt(stored);
            } else {
                // Typed while it was being read: both versions are kept for a choice.
                saver.changed_elsewhere();
            }
        });
    }

    /// Makes the stored version this tab's.
    fn adopt(&self, stored: Stored<D>) {
        self.cancel_compaction();
        self.revision.set_value(stored.revision);
        self.journal_len.set_value(stored.journal_len);
        self.saved.set_value(stored.document.clone());
        self.document.set(stored.document);
        self.stale.set_value(false);
        self.dirty.set_value(false);
        self.save_state.set(SaveState::Saved);
    }

    /// The other version, for showing what differs before choosing.
    pub async fn their_version(&self) -> Result<D, String> {
        let store = self.store.get_value();
        let key = self.document.with_untracked(|d| d.key_of());
        store
            .read_document::<D>(&key)
            .await
            .map(|stored| stored.document)
            .map_err(|err| err.to_string())
    }

    fn schedule_compaction(&self) {
        self.cancel_compaction();
        let saver = *self;
        let delay = if self.journal_len.get_value() >= COMPACT_AT {
            Duration::ZERO
        } else {
            COMPACT_AFTER
        };
        let handle = set_timeout_with_handle(move || saver.compact(), delay).ok();
        self.compaction.set_value(handle);
    }

    fn cancel_compaction(&self) {
        if let Some(handle) = self.compaction.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// Folds the journal into the full text. The revision stays: nothing changed that
    /// another tab would need to know.
    fn compact(&self) {
        if self.writing.get_value()
            || self.dirty.get_value()
            || self.journal_len.get_value() == 0
            || self.save_state.get_untracked() != SaveState::Saved
        {
            return;
        }
        self.writing.set_value(true);
        let saver = *self;
        let store = self.store.get_value();
        let document = self.saved.get_value();
        let revision = self.revision.get_value();
        leptos::task::spawn_local(async move {
            let result = store.write_whole(&document, Some(revision), revision).await;
            saver.writing.set_value(false);
            saver.after_write();
            // On another failure the journal is intact and a later pause tries again.
            match result {
                Ok(()) => saver.journal_len.set_value(0),
                Err(SaveError::Conflict { revision }) => saver.conflict(revision),
                Err(SaveError::Store(_)) => {}
            }
            if saver.dirty.get_value() {
                saver.write_next();
            }
        });
    }

    /// Nothing is waiting or on its way to storage: the session can be let go.
    pub fn idle(&self) -> bool {
        !self.writing.get_value()
            && !self.dirty.get_value()
            && !self.frame_waiting.get_value()
            && self.save_state.get_untracked() == SaveState::Saved
    }

    /// Called before the session is let go: a fold still waiting is dropped (the journal
    /// is durable as it is; the next open folds it).
    pub fn stop(&self) {
        self.cancel_compaction();
    }

    /// The document as this tab has it, as a JSON file people may read.
    pub fn pretty_json(&self) -> String {
        self.document.with_untracked(encode_pretty)
    }
}
