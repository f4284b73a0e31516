//! Sessions that outlive the page showing them. Leaving the editor for the library keeps a
//! session whose work is not in storage yet (a refused write, a conflict waiting for a
//! choice), so coming back finds it as it was and the library can mark the review
//! "not saved yet". A session with everything saved is let go.

use super::{DocumentSession, EditedDocument};
use leptos::prelude::*;

/// The open sessions of one kind, each in its own reactive owner under the app's.
pub struct LiveSessions<D: EditedDocument> {
    sessions: RwSignal<Vec<DocumentSession<D>>>,
    owners: StoredValue<Vec<(D::Id, Owner)>>,
    /// Sessions a page shows now: never let go, whatever their state.
    shown: StoredValue<Vec<D::Id>>,
    root: StoredValue<Owner>,
}

impl<D: EditedDocument> Clone for LiveSessions<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: EditedDocument> Copy for LiveSessions<D> {}

impl<D: EditedDocument> Default for LiveSessions<D> {
    /// Call from the app's root component: sessions live under its owner.
    fn default() -> Self {
        Self {
            sessions: RwSignal::new(Vec::new()),
            owners: StoredValue::new(Vec::new()),
            shown: StoredValue::new(Vec::new()),
            root: StoredValue::new(Owner::current().expect("created inside the app")),
        }
    }
}

impl<D: EditedDocument> LiveSessions<D> {
    /// The kept session of `id`, if there is one.
    pub fn get(&self, id: &D::Id) -> Option<DocumentSession<D>> {
        self.sessions
            .with_untracked(|all| all.iter().find(|s| &s.id() == id).copied())
    }

    /// The kept session of `id`, now shown by a page (until [`LiveSessions::release`]).
    pub fn show(&self, id: &D::Id) -> Option<DocumentSession<D>> {
        let session = self.get(id)?;
        self.shown.update_value(|shown| shown.push(id.clone()));
        Some(session)
    }

    /// Keeps a session made by `make` under an owner of its own, shown by a page.
    pub fn insert(
        &self,
        id: D::Id,
        make: impl FnOnce() -> DocumentSession<D>,
    ) -> DocumentSession<D> {
        let owner = self.root.with_value(|root| root.with(Owner::new));
        let session = owner.with(make);
        self.owners
            .update_value(|owners| owners.push((id.clone(), owner)));
        self.shown.update_value(|shown| shown.push(id));
        self.sessions.update(|all| all.push(session));
        session
    }

    /// The page showing the session went away: keep it while its work is not stored, and
    /// while a write is on its way (it lands in the session's own state).
    pub fn release(&self, id: &D::Id) {
        self.shown.update_value(|shown| {
            if let Some(at) = shown.iter().position(|s| s == id) {
                shown.remove(at);
            }
        });
        if let Some(session) = self.get(id) {
            session.flush();
            self.let_go_when_idle(id.clone());
        }
    }

    fn let_go_when_idle(&self, id: D::Id) {
        let Some(session) = self.get(&id) else {
            return;
        };
        if self.shown.with_value(|shown| shown.contains(&id))
            || session.save_state.get_untracked().has_unsaved_work()
        {
            return;
        }
        if !session.saver.idle() {
            let live = *self;
            set_timeout(
                move || live.let_go_when_idle(id),
                std::time::Duration::from_millis(250),
            );
            return;
        }
        // A fold still waiting is dropped: the journal is durable as it is.
        session.saver.stop();
        self.sessions.update(|all| all.retain(|s| s.id() != id));
        let owner = self.owners.try_update_value(|owners| {
            let at = owners.iter().position(|(i, _)| i == &id)?;
            Some(owners.remove(at).1)
        });
        if let Some(Some(owner)) = owner {
            owner.cleanup();
        }
    }

    /// Every open session (for other tabs' changes and for leaving the page).
    pub fn all(&self) -> Vec<DocumentSession<D>> {
        self.sessions.get_untracked()
    }

    /// The ids of sessions whose work is only in this tab (tracked, for the library).
    pub fn unsaved(&self) -> Vec<D::Id> {
        self.sessions.with(|all| {
            all.iter()
                .filter(|s| s.save_state.get().has_unsaved_work())
                .map(|s| s.id())
                .collect()
        })
    }
}
