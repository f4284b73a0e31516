//! One open document in its editor, whatever its kind (a review, a meta-review): the
//! document as signals, its saving, edits stamped with the time, and Undo of the last
//! removal. What only one kind has lives in its own module ([`super::review`],
//! [`super::meta`]) as the kind's `Companion` and constructors.

use super::saving::{DocumentSaver, SaveState};
use crate::browser;
use crate::storage::StoredDocument;
use chrono::{DateTime, Utc};
use debrief_core::document::Journaled;
use leptos::prelude::*;
use std::sync::Arc;

/// A kind of document the editor opens.
pub trait EditedDocument: StoredDocument + Journaled + PartialEq + Send + Sync + 'static {
    type Id: PartialEq + Clone + Send + Sync + 'static;
    /// What the editor keeps with this kind of document for as long as it is open.
    type Companion: Companion;
    /// How the name of a downloaded copy ends: `.debrief.json`.
    const FILE_SUFFIX: &'static str;

    fn id(&self) -> Self::Id;
    fn display_title(&self) -> &str;
    /// Records that the document was edited at `now`.
    fn touch(&mut self, now: DateTime<Utc>);
}

/// Kept beside an open document; written out with it when the page is hidden.
pub trait Companion: Copy + Send + Sync + 'static {
    fn flush(&self) {}
}

/// Something just removed from the document (or changed in bulk), and how to put it back.
pub struct Removal<D> {
    pub message: String,
    restore: Arc<dyn Fn(&mut D) + Send + Sync>,
}

impl<D> Clone for Removal<D> {
    fn clone(&self) -> Self {
        Self {
            message: self.message.clone(),
            restore: Arc::clone(&self.restore),
        }
    }
}

/// A restoring step handed back by a removal.
pub type Restore<D> = Box<dyn Fn(&mut D) + Send + Sync>;

/// The document open in an editor. `Copy`: every field is a handle.
pub struct DocumentSession<D: EditedDocument> {
    pub document: RwSignal<D>,
    pub save_state: RwSignal<SaveState>,
    /// The last removal, offered for undo until the next one.
    pub removal: RwSignal<Option<Removal<D>>>,
    pub saver: DocumentSaver<D>,
    pub(super) companion: D::Companion,
}

impl<D: EditedDocument> Clone for DocumentSession<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: EditedDocument> Copy for DocumentSession<D> {}

impl<D: EditedDocument> DocumentSession<D> {
    /// Creates signals: call it under the owner the session lives in.
    pub(super) fn over(saver: DocumentSaver<D>, companion: D::Companion) -> Self {
        Self {
            document: saver.document,
            save_state: saver.save_state,
            removal: RwSignal::new(None),
            saver,
            companion,
        }
    }

    pub fn id(&self) -> D::Id {
        self.document.with_untracked(EditedDocument::id)
    }

    /// Applies an edit in memory; it is written within the next frame.
    pub fn edit(&self, change: impl FnOnce(&mut D)) {
        self.document.update(|document| {
            change(document);
            document.touch(browser::now());
        });
        self.saver.changed();
    }

    /// Applies a checked edit from `debrief-core` (one that changes nothing when it fails).
    /// On an error nothing changes, nothing is notified, and the error is returned for the
    /// field to show. Unlike cloning the document first, this costs nothing on a large one.
    pub fn apply<E>(&self, change: impl FnOnce(&mut D) -> Result<(), E>) -> Result<(), E> {
        let result = self.document.try_update_untracked(change).unwrap_or(Ok(()));
        if result.is_ok() {
            self.edit(|_| {});
        }
        result
    }

    /// Removes or changes something in bulk, offering Undo: `remove` makes the change and
    /// returns how to put things back (or `None` if nothing changed).
    pub fn change_with_undo(
        &self,
        message: impl Into<String>,
        remove: impl FnOnce(&mut D) -> Option<Restore<D>>,
    ) {
        let mut restore = None;
        self.edit(|document| restore = remove(document));
        if let Some(restore) = restore {
            self.removal.set(Some(Removal {
                message: message.into(),
                restore: Arc::from(restore),
            }));
        }
    }

    /// Removes one entry by its id, offering Undo. `remove` takes it out along with whatever
    /// refers to it and returns all of that; `restore` puts exactly that back. Usually a pair
    /// of model methods, such as `Review::remove_action` and `Review::restore_action`.
    pub fn remove_entry<K, T>(
        &self,
        message: impl Into<String>,
        id: K,
        remove: impl FnOnce(&mut D, &K) -> Option<T>,
        restore: impl Fn(&mut D, T) + Send + Sync + 'static,
    ) where
        T: Clone + Send + Sync + 'static,
    {
        self.change_with_undo(message, move |document| {
            let removed = remove(document, &id)?;
            // A removal sits in a signal and is shared, so its restore hands over a copy.
            Some(Box::new(move |document: &mut D| {
                restore(document, removed.clone())
            }))
        });
    }

    pub fn undo_change(&self) {
        if let Some(removal) = self.removal.get_untracked() {
            self.edit(|document| (removal.restore)(document));
            self.removal.set(None);
        }
    }

    /// Writes what is waiting at once (the page is being hidden or closed).
    pub fn flush(&self) {
        self.saver.flush();
        self.companion.flush();
    }

    /// Offers the document, as this tab has it, as a JSON file.
    pub fn download_json(&self) -> bool {
        let name = self.document.with_untracked(|document| {
            format!(
                "{}{}",
                browser::file_slug(document.display_title()),
                D::FILE_SUFFIX
            )
        });
        browser::download(&name, "application/json", &self.saver.pretty_json())
    }
}
