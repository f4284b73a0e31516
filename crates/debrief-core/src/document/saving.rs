//! How an open document (a review or a meta-review) reaches storage, as a state machine
//! with no clock, timer or storage of its own: each call says what happened (the person
//! edited, a frame came, a write landed, a timer fired, another tab wrote) and returns the
//! [`Command`]s the caller carries out, reporting each outcome back. The browser's session
//! drives it with animation frames, timeouts and IndexedDB; tests drive it with a virtual
//! clock and an in-memory store, so every promise below is checked natively and exactly.
//!
//! Promises kept here:
//! - every change is written within one frame, as a small batch of changes appended to the
//!   document's journal, so a renderer crash loses at most that frame's keystrokes;
//! - the journal is folded into the full text once editing pauses for [`FOLD_AFTER`], or at
//!   once past [`FOLD_AT`] batches, so opening never replays a long journal;
//! - one write is in flight at a time, so a refused write never makes the next one look like
//!   a conflict (each write is based on the revision the last committed one left);
//! - another tab's write pauses saving until the person chooses, and until then this tab's
//!   version is kept among Recovered documents too, so closing the tab loses nothing.

use super::{encode, JournalEntry, Journaled};
use std::time::Duration;

/// How long editing must pause before the journal is folded into the full text.
pub const FOLD_AFTER: Duration = Duration::from_secs(2);
/// Fold at once past this many batches.
pub const FOLD_AT: usize = 200;

/// Another tab or window changed the document this tab is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    ChangedElsewhere { revision: u64 },
    DeletedElsewhere,
}

/// Where saving stands, as the editor shows it. `E` is the storage's own error.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState<E> {
    Saved,
    /// Edited; the write is on its way (within a frame).
    Pending,
    /// The last write failed; the document is intact in memory and writing is retried on
    /// the next edit or on request.
    Failed(E),
    /// Saving is paused until the person decides whose version to keep.
    Conflict(Conflict),
}

impl<E> SaveState<E> {
    /// Whether leaving now would leave something only in this tab.
    pub fn has_unsaved_work(&self) -> bool {
        matches!(self, Self::Failed(_) | Self::Conflict(_))
    }
}

/// Why storage did not take a write.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused<E> {
    /// Storage no longer holds the revision the write was based on; `revision` is what it
    /// holds now (`None`: the document was deleted).
    Conflict {
        revision: Option<u64>,
    },
    Failed(E),
}

/// What one write puts in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Write<D> {
    /// A batch appended to the journal; storage answers with the new revision.
    Changes(JournalEntry),
    /// The whole document in place of text and journal, at revision `base + 1`: after a
    /// failed write, when the snapshot no longer matches storage.
    Whole(D),
}

/// What the caller does for the machine: in the page, or of storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Command<D> {
    /// Call [`Saving::frame`] in the next animation frame.
    AwaitFrame,
    /// Call [`Saving::timer_fired`] after this long, replacing any timer started before.
    StartTimer(Duration),
    CancelTimer,
    /// A write committed: tell whoever follows the document (the library's index).
    Saved,
    Ask(Request<D>),
}

/// What storage is asked for, reporting each outcome to the method named.
#[derive(Debug, Clone, PartialEq)]
pub enum Request<D> {
    /// Write, based on revision `base`; report to [`Saving::written`], handing the write back.
    Write { base: u64, write: Write<D> },
    /// Replace text and journal with `document`, keeping `revision` (nothing changed that
    /// another tab would need to know); report to [`Saving::folded`].
    Fold { document: D, revision: u64 },
    /// Keep this tab's version (`text`, encoded) among Recovered documents, replacing the
    /// copy kept before; report to [`Saving::kept`].
    KeepUnsavedCopy { text: String },
    /// Read the revision storage holds; report to [`Saving::revision_found`] (on a failed
    /// read, report nothing: the next announcement asks again).
    ReadRevision,
}

/// The saving half of an open document's session.
#[derive(Debug, Clone)]
pub struct Saving<D, E> {
    /// What storage holds, as of the last committed write: the base the next batch of
    /// changes is computed from.
    saved: D,
    revision: u64,
    journal_len: usize,
    /// The snapshot no longer matches storage (a write failed after the snapshot took its
    /// changes): the next write is the whole document.
    stale: bool,
    /// A write, fold or kept copy is on its way.
    busy: bool,
    /// Another tab wrote while this tab's write was in flight: look again once it lands.
    recheck: bool,
    dirty: bool,
    frame_waiting: bool,
    state: SaveState<E>,
}

type Commands<D> = Vec<Command<D>>;

impl<D: Journaled, E: Clone + PartialEq> Saving<D, E> {
    /// Saving for a document just read from storage: its text, the revision storage holds
    /// and how many journal batches follow the text (a journal left by the last session is
    /// folded after a pause, as if this session had written it).
    pub fn new(saved: D, revision: u64, journal_len: usize) -> (Self, Commands<D>) {
        let mut saving = Self {
            saved,
            revision,
            journal_len,
            stale: false,
            busy: false,
            recheck: false,
            dirty: false,
            frame_waiting: false,
            state: SaveState::Saved,
        };
        let mut commands = Vec::new();
        if journal_len > 0 {
            saving.fold_later(&mut commands);
        }
        (saving, commands)
    }

    pub fn state(&self) -> &SaveState<E> {
        &self.state
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Nothing is waiting or on its way to storage: the session can be let go.
    pub fn idle(&self) -> bool {
        !self.busy && !self.dirty && !self.frame_waiting && self.state == SaveState::Saved
    }

    /// The document changed in memory: it is written within the next frame.
    pub fn changed(&mut self) -> Commands<D> {
        let mut commands = vec![Command::CancelTimer];
        self.mark_changed(&mut commands);
        commands
    }

    fn mark_changed(&mut self, commands: &mut Commands<D>) {
        self.dirty = true;
        if !matches!(self.state, SaveState::Conflict(_)) {
            self.state = SaveState::Pending;
        }
        if !self.frame_waiting {
            self.frame_waiting = true;
            commands.push(Command::AwaitFrame);
        }
    }

    /// The frame [`Command::AwaitFrame`] asked for.
    pub fn frame(&mut self, current: &D) -> Commands<D> {
        self.frame_waiting = false;
        let mut commands = Vec::new();
        self.write_next(current, &mut commands);
        commands
    }

    /// Writes what is waiting now, without waiting for a frame (the page is being hidden;
    /// animation frames stop in hidden pages).
    pub fn flush(&mut self, current: &D) -> Commands<D> {
        let mut commands = Vec::new();
        if self.dirty {
            self.write_next(current, &mut commands);
        }
        commands
    }

    /// Tries the last failed write again.
    pub fn retry(&mut self, current: &D) -> Commands<D> {
        self.dirty = true;
        let mut commands = Vec::new();
        self.write_next(current, &mut commands);
        commands
    }

    fn write_next(&mut self, current: &D, commands: &mut Commands<D>) {
        if self.busy || !self.dirty {
            return;
        }
        if matches!(self.state, SaveState::Conflict(_)) {
            self.keep_unsaved_copy(current, commands);
            return;
        }
        let write = if self.stale {
            Write::Whole(current.clone())
        } else {
            let changes = D::changes_since(&mut self.saved, current);
            if changes.is_empty() {
                self.dirty = false;
                self.state = SaveState::Saved;
                return;
            }
            Write::Changes(JournalEntry {
                schema_version: D::SCHEMA_VERSION,
                changes,
            })
        };
        self.dirty = false;
        self.busy = true;
        commands.push(Command::Ask(Request::Write {
            base: self.revision,
            write,
        }));
    }

    /// The outcome of a [`Request::Write`]: the revision storage now holds, or why not.
    pub fn written(
        &mut self,
        result: Result<u64, Refused<E>>,
        write: Write<D>,
        current: &D,
    ) -> Commands<D> {
        self.busy = false;
        let mut commands = Vec::new();
        self.look_again_if_asked(&mut commands);
        match result {
            Ok(revision) => {
                self.revision = revision;
                match write {
                    Write::Changes(_) => self.journal_len += 1,
                    Write::Whole(document) => {
                        self.saved = document;
                        self.stale = false;
                        self.journal_len = 0;
                    }
                }
                commands.push(Command::Saved);
                if self.dirty {
                    self.write_next(current, &mut commands);
                } else {
                    self.state = SaveState::Saved;
                    self.fold_later(&mut commands);
                }
            }
            Err(refused) => {
                // The snapshot already took this write's changes; storage did not.
                self.stale = true;
                self.dirty = true;
                match refused {
                    Refused::Conflict { revision } => {
                        self.conflict(revision, current, &mut commands)
                    }
                    Refused::Failed(err) => self.state = SaveState::Failed(err),
                }
            }
        }
        commands
    }

    /// Another tab's announcement that arrived during a write is looked at once it lands.
    fn look_again_if_asked(&mut self, commands: &mut Commands<D>) {
        if self.recheck {
            self.recheck = false;
            commands.extend(self.changed_elsewhere());
        }
    }

    /// Another tab wrote (or removed) this document: a conflict unless storage still holds
    /// what this tab last wrote.
    pub fn changed_elsewhere(&mut self) -> Commands<D> {
        if self.busy {
            self.recheck = true;
            return Vec::new();
        }
        vec![Command::Ask(Request::ReadRevision)]
    }

    /// The outcome of a [`Request::ReadRevision`].
    pub fn revision_found(&mut self, found: Option<u64>, current: &D) -> Commands<D> {
        let mut commands = Vec::new();
        if found != Some(self.revision) && !self.busy {
            self.stale = true;
            self.conflict(found, current, &mut commands);
        }
        commands
    }

    fn conflict(&mut self, revision: Option<u64>, current: &D, commands: &mut Commands<D>) {
        self.state = SaveState::Conflict(match revision {
            Some(revision) => Conflict::ChangedElsewhere { revision },
            None => Conflict::DeletedElsewhere,
        });
        self.keep_unsaved_copy(current, commands);
    }

    /// While saving is paused, this tab's version is kept among Recovered documents (one
    /// record, replaced as editing goes on), so a closed tab or a crash loses nothing.
    fn keep_unsaved_copy(&mut self, current: &D, commands: &mut Commands<D>) {
        self.dirty = false;
        self.busy = true;
        commands.push(Command::Ask(Request::KeepUnsavedCopy {
            text: encode(current),
        }));
    }

    /// A [`Request::KeepUnsavedCopy`] ended (kept or not: the document is still in memory,
    /// and the next edit tries again).
    pub fn kept(&mut self, current: &D) -> Commands<D> {
        self.busy = false;
        let mut commands = Vec::new();
        self.write_next(current, &mut commands);
        commands
    }

    fn fold_later(&mut self, commands: &mut Commands<D>) {
        commands.push(Command::StartTimer(if self.journal_len >= FOLD_AT {
            Duration::ZERO
        } else {
            FOLD_AFTER
        }));
    }

    /// The timer of [`Command::StartTimer`]: folds the journal if editing is still paused.
    pub fn timer_fired(&mut self) -> Commands<D> {
        if self.busy || self.dirty || self.journal_len == 0 || self.state != SaveState::Saved {
            return Vec::new();
        }
        self.busy = true;
        vec![Command::Ask(Request::Fold {
            document: self.saved.clone(),
            revision: self.revision,
        })]
    }

    /// The outcome of a [`Request::Fold`]. On a failure other than a conflict the journal is
    /// intact, and a later pause tries again.
    pub fn folded(&mut self, result: Result<(), Refused<E>>, current: &D) -> Commands<D> {
        self.busy = false;
        let mut commands = Vec::new();
        self.look_again_if_asked(&mut commands);
        match result {
            Ok(()) => self.journal_len = 0,
            Err(Refused::Conflict { revision }) => self.conflict(revision, current, &mut commands),
            Err(Refused::Failed(_)) => {}
        }
        self.write_next(current, &mut commands);
        commands
    }

    /// The person chose this tab's version, and `chosen` (the document as it was when they
    /// chose) was written over the other at `revision`. Edits made while choosing are
    /// written next.
    pub fn kept_mine(&mut self, chosen: D, revision: u64, current: &D) -> Commands<D> {
        self.revision = revision;
        self.stale = false;
        self.journal_len = 0;
        self.dirty = false;
        self.state = SaveState::Saved;
        let mut commands = vec![Command::Saved];
        let edited_since = &chosen != current;
        self.saved = chosen;
        if edited_since {
            self.mark_changed(&mut commands);
        }
        commands
    }

    /// Writing this tab's chosen version failed: it stays in memory, saving reports why.
    pub fn keep_mine_failed(&mut self, err: E) {
        self.state = SaveState::Failed(err);
    }

    /// The stored version becomes this tab's (the other tab's version was taken, or this
    /// tab wrote one on the folder's behalf). The caller shows `stored` as the document.
    pub fn adopt(&mut self, stored: D, revision: u64, journal_len: usize) -> Commands<D> {
        self.revision = revision;
        self.journal_len = journal_len;
        self.saved = stored;
        self.stale = false;
        self.dirty = false;
        self.state = SaveState::Saved;
        vec![Command::CancelTimer]
    }
}

#[cfg(test)]
mod tests;
