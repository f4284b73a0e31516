//! Sessions that outlive the page showing them. Leaving the editor for the library keeps a
//! session whose work is not in storage yet (a refused write, a conflict waiting for a
//! choice), so coming back finds it as it was and the library can mark the review
//! "not saved yet". A session with everything saved is let go.

use super::SaveState;
use leptos::prelude::*;

/// A session kept here: its save state says whether it can be let go.
pub trait LiveSession: Copy + Send + Sync + 'static {
    type Id: PartialEq + Clone + Send + Sync + 'static;
    fn id(&self) -> Self::Id;
    fn save_state(&self) -> RwSignal<SaveState>;
    fn flush(&self);
    /// Nothing waiting or in flight: letting go now drops nothing.
    fn idle(&self) -> bool;
    /// Stops timers before the session's owner is disposed.
    fn stop(&self);
}

/// The open sessions of one kind, each in its own reactive owner under the app's.
pub struct LiveSessions<S: LiveSession> {
    sessions: RwSignal<Vec<S>>,
    owners: StoredValue<Vec<(S::Id, Owner)>>,
    /// Sessions a page shows now: never let go, whatever their state.
    shown: StoredValue<Vec<S::Id>>,
    root: StoredValue<Owner>,
}

impl<S: LiveSession> Clone for LiveSessions<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: LiveSession> Copy for LiveSessions<S> {}

impl<S: LiveSession> Default for LiveSessions<S> {
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

impl<S: LiveSession> LiveSessions<S> {
    /// The kept session of `id`, if there is one.
    pub fn get(&self, id: &S::Id) -> Option<S> {
        self.sessions
            .with_untracked(|all| all.iter().find(|s| &s.id() == id).copied())
    }

    /// The kept session of `id`, now shown by a page (until [`LiveSessions::release`]).
    pub fn show(&self, id: &S::Id) -> Option<S> {
        let session = self.get(id)?;
        self.shown.update_value(|shown| shown.push(id.clone()));
        Some(session)
    }

    /// Keeps a session made by `make` under an owner of its own, shown by a page.
    pub fn insert(&self, id: S::Id, make: impl FnOnce() -> S) -> S {
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
    pub fn release(&self, id: &S::Id) {
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

    fn let_go_when_idle(&self, id: S::Id) {
        let Some(session) = self.get(&id) else {
            return;
        };
        if self.shown.with_value(|shown| shown.contains(&id))
            || session.save_state().get_untracked().has_unsaved_work()
        {
            return;
        }
        if !session.idle() {
            let live = *self;
            set_timeout(
                move || live.let_go_when_idle(id),
                std::time::Duration::from_millis(250),
            );
            return;
        }
        session.stop();
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
    pub fn all(&self) -> Vec<S> {
        self.sessions.get_untracked()
    }

    /// The ids of sessions whose work is only in this tab (tracked, for the library).
    pub fn unsaved(&self) -> Vec<S::Id> {
        self.sessions.with(|all| {
            all.iter()
                .filter(|s| s.save_state().get().has_unsaved_work())
                .map(|s| s.id())
                .collect()
        })
    }
}
