//! The editor session: debounced saving, a full storage, another tab's edit.
#![cfg(target_arch = "wasm32")]

use debrief::session::{Conflict, ReviewSession, SaveState};
use debrief::storage::{Store, StoreError};
use debrief_core::library::WorkbookIndex;
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{fill_storage, free_storage, wait};

fn setup(name: &str) -> (Store, ReviewSession, Owner) {
    let store = Store::namespaced(format!("debrief-test-{name}:"));
    store.clear_namespace().unwrap();
    let review = Review::new(
        ReviewId::new("r1"),
        ReviewTemplate::LightReview,
        debrief::browser::now(),
    );
    store.write_review(&review, None).unwrap();
    let owner = Owner::new();
    let session = owner.with(|| {
        ReviewSession::open(
            store.clone(),
            &review.id,
            RwSignal::new(WorkbookIndex::default()),
        )
        .unwrap()
    });
    (store, session, owner)
}

/// The review as storage holds it now.
fn stored(store: &Store) -> Review {
    store.read_review(&ReviewId::new("r1")).unwrap().review
}

/// Another tab reads the review, changes it and saves; returns the text it wrote.
fn other_tab_saves(store: &Store, change: impl FnOnce(&mut Review)) -> String {
    let mut theirs = store.read_review(&ReviewId::new("r1")).unwrap();
    change(&mut theirs.review);
    store
        .write_review(&theirs.review, Some(&theirs.text))
        .unwrap()
}

#[wasm_bindgen_test]
async fn edits_are_saved_once_typing_pauses() {
    let (store, session, _owner) = setup("debounce");
    for title in ["I", "In", "Ingest"] {
        session.edit(|r| r.title = title.to_owned());
    }
    assert_eq!(session.save_state.get_untracked(), SaveState::Pending);
    assert_eq!(stored(&store).title, "", "not saved on each keystroke");
    wait(800).await;
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    assert_eq!(stored(&store).title, "Ingest");
}

#[wasm_bindgen_test]
fn flush_saves_at_once() {
    let (store, session, _owner) = setup("flush");
    session.edit(|r| r.summary = "Leaving the page".to_owned());
    session.flush();
    assert_eq!(stored(&store).summary, "Leaving the page");
}

#[wasm_bindgen_test]
fn a_full_storage_keeps_the_edit_in_memory_and_reports_it() {
    let (store, session, _owner) = setup("session-full");
    let filler = fill_storage();
    session.edit(|r| r.summary = "x".repeat(100_000));
    session.flush();
    let state = session.save_state.get_untracked();
    free_storage(&filler);

    assert_eq!(state, SaveState::Failed(StoreError::Full));
    assert_eq!(
        session.review.get_untracked().summary.len(),
        100_000,
        "nothing typed is lost"
    );
    // Once there is room again, the next try saves.
    session.save_now();
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    assert_eq!(stored(&store).summary.len(), 100_000);
}

#[wasm_bindgen_test]
fn another_tab_edit_pauses_saving_until_the_person_chooses() {
    let (store, session, _owner) = setup("conflict");
    // Another tab saves its own version of the same review.
    let their_text = other_tab_saves(&store, |r| r.title = "Their title".to_owned());

    session.edit(|r| r.title = "My title".to_owned());
    session.flush();
    assert!(matches!(
        session.save_state.get_untracked(),
        SaveState::Conflict(Conflict::ChangedElsewhere { .. })
    ));
    assert_eq!(
        store.read_review(&ReviewId::new("r1")).unwrap().text,
        their_text,
        "theirs not overwritten"
    );
    assert_eq!(
        session.review.get_untracked().title,
        "My title",
        "mine not lost"
    );

    session.keep_mine();
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    assert_eq!(stored(&store).title, "My title");
}

#[wasm_bindgen_test]
fn taking_the_other_version_replaces_this_tab() {
    let (store, session, _owner) = setup("take");
    let their_text = other_tab_saves(&store, |r| r.title = "Their title".to_owned());
    session.changed_elsewhere(Some(their_text));
    session.take_theirs().unwrap();
    assert_eq!(session.review.get_untracked().title, "Their title");
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    // Further edits save normally on top of their version.
    session.edit(|r| r.severity = "SEV-3".to_owned());
    session.flush();
    assert_eq!(stored(&store).severity, "SEV-3");
}
