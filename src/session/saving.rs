//! An open document's saving in the browser: core's [`Saving`] machine decides what to
//! write and when (its promises are written and tested there); this carries out its
//! commands with animation frames, a timeout and IndexedDB, and reports their outcomes back.
//! The choices a conflict asks for (keep mine, take theirs) are the few steps that read and
//! write storage in sequence, so they are written out here.

use crate::storage::{SaveError, Store, StoreError, Stored, StoredDocument};
use debrief_core::document::saving::{self, Command, Refused, Request, Saving, Write};
use debrief_core::document::{encode, encode_pretty, Journaled};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::sync::Arc;

pub use saving::Conflict;
pub type SaveState = saving::SaveState<StoreError>;

/// Told about every committed write, with the document as written.
type OnSaved<D> = Arc<dyn Fn(&D) + Send + Sync>;

/// The saving half of an open document's session. `Copy`: every field is a handle.
pub struct DocumentSaver<D: 'static> {
    pub document: RwSignal<D>,
    /// The machine's state, as components read it.
    pub save_state: RwSignal<SaveState>,
    saving: StoredValue<Saving<D, StoreError>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    store: StoredValue<Store>,
    on_saved: StoredValue<Option<OnSaved<D>>>,
}

impl<D> Clone for DocumentSaver<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for DocumentSaver<D> {}

fn refused(err: SaveError) -> Refused<StoreError> {
    match err {
        SaveError::Conflict { revision } => Refused::Conflict { revision },
        SaveError::Store(err) => Refused::Failed(err),
    }
}

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
        let (saving, commands) = Saving::new(document.clone(), revision, journal_len);
        let saver = Self {
            document: RwSignal::new(document),
            save_state: RwSignal::new(saving.state().clone()),
            saving: StoredValue::new(saving),
            timer: StoredValue::new(None),
            store: StoredValue::new(store),
            on_saved: StoredValue::new(None),
        };
        saver.carry_out(commands);
        saver
    }

    /// Called after every committed write with the document as written.
    pub fn on_saved(&self, callback: impl Fn(&D) + Send + Sync + 'static) {
        self.on_saved.set_value(Some(Arc::new(callback)));
    }

    /// Tells the machine something happened, then does what it asks.
    fn step(&self, event: impl FnOnce(&mut Saving<D, StoreError>, &D) -> Vec<Command<D>>) {
        let commands = self.document.with_untracked(|current| {
            self.saving
                .try_update_value(|saving| event(saving, current))
                .unwrap_or_default()
        });
        let state = self.saving.with_value(|saving| saving.state().clone());
        if self.save_state.with_untracked(|shown| *shown != state) {
            self.save_state.set(state);
        }
        self.carry_out(commands);
    }

    fn carry_out(&self, commands: Vec<Command<D>>) {
        for command in commands {
            self.carry_out_one(command);
        }
    }

    fn carry_out_one(&self, command: Command<D>) {
        let saver = *self;
        match command {
            Command::AwaitFrame => request_animation_frame(move || saver.step(Saving::frame)),
            Command::StartTimer(after) => {
                self.cancel_timer();
                let handle = set_timeout_with_handle(
                    move || saver.step(|saving, _| saving.timer_fired()),
                    after,
                )
                .ok();
                self.timer.set_value(handle);
            }
            Command::CancelTimer => self.cancel_timer(),
            Command::Saved => {
                if let Some(callback) = self.on_saved.get_value() {
                    self.document.with_untracked(|d| callback(d));
                }
            }
            Command::Ask(request) => self.ask_storage(request),
        }
    }

    /// The commands that go to storage: each reports its outcome back when it lands.
    fn ask_storage(&self, request: Request<D>) {
        let saver = *self;
        let store = self.store.get_value();
        let key = self.document.with_untracked(|d| d.key_of());
        match request {
            Request::Write { base, write } => {
                let summary = self.document.with_untracked(|d| d.summary());
                leptos::task::spawn_local(async move {
                    let result = match &write {
                        Write::Changes(entry) => {
                            store.write_changes::<D>(&key, summary, base, entry).await
                        }
                        Write::Whole(document) => store
                            .write_whole(document, Some(base), base + 1)
                            .await
                            .map(|()| base + 1),
                    };
                    let result = result.map_err(refused);
                    saver.step(move |saving, current| saving.written(result, write, current));
                });
            }
            Request::Fold { document, revision } => leptos::task::spawn_local(async move {
                let result = store.write_whole(&document, Some(revision), revision).await;
                let result = result.map_err(refused);
                saver.step(move |saving, current| saving.folded(result, current));
            }),
            Request::KeepUnsavedCopy { text } => leptos::task::spawn_local(async move {
                let _ = store.keep_unsaved_copy(&key, &text).await;
                saver.step(Saving::kept);
            }),
            Request::ReadRevision => leptos::task::spawn_local(async move {
                if let Ok(found) = store.revision_of(&key).await {
                    saver.step(move |saving, current| saving.revision_found(found, current));
                }
            }),
        }
    }

    fn cancel_timer(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// The document changed in memory: write it within the next frame.
    pub fn changed(&self) {
        self.step(|saving, _| saving.changed());
    }

    /// Writes what is waiting now, without waiting for a frame (the page is being hidden;
    /// animation frames stop in hidden pages).
    pub fn flush(&self) {
        self.step(Saving::flush);
    }

    /// Tries the last failed write again.
    pub fn retry(&self) {
        self.step(Saving::retry);
    }

    /// Another tab wrote (or removed) this document: a conflict unless storage still holds
    /// what this tab last wrote.
    pub fn changed_elsewhere(&self) {
        self.step(|saving, _| saving.changed_elsewhere());
    }

    /// Resolves a conflict in favour of this tab: its version is written over the other,
    /// which is kept among Recovered documents.
    pub async fn keep_mine(&self) -> Result<(), String> {
        let store = self.store.get_value();
        let (key, chosen) = self.document.with_untracked(|d| (d.key_of(), d.clone()));
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
        let revision = match store.overwrite(&chosen).await {
            Ok(revision) => revision,
            Err(err) => {
                let message = err.to_string();
                self.step(move |saving, _| {
                    saving.keep_mine_failed(err);
                    Vec::new()
                });
                return Err(message);
            }
        };
        let _ = store.forget_unsaved_copy(&key).await;
        self.step(move |saving, current| saving.kept_mine(chosen, revision, current));
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
        let Stored {
            document,
            revision,
            journal_len,
        } = stored;
        let shown = document.clone();
        self.step(move |saving, _| saving.adopt(document, revision, journal_len));
        self.document.set(shown);
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

    /// Nothing is waiting or on its way to storage: the session can be let go.
    pub fn idle(&self) -> bool {
        self.saving.with_value(Saving::idle)
    }

    /// Called before the session is let go: a fold still waiting is dropped (the journal
    /// is durable as it is; the next open folds it).
    pub fn stop(&self) {
        self.cancel_timer();
    }

    /// The document as this tab has it, as a JSON file people may read.
    pub fn pretty_json(&self) -> String {
        self.document.with_untracked(encode_pretty)
    }
}
