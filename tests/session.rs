//! The editor session: every edit written within a frame, a refused write, another tab's
//! edit, and the journal folded once editing pauses.
#![cfg(target_arch = "wasm32")]

use debrief::session::{Conflict, OpenedReview, ReviewSession, SaveState};
use debrief::storage::{Store, StoreError, StoredDocument};
use debrief_core::document::{Document, JournalEntry, Journaled};
use debrief_core::library::WorkbookIndex;
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{allow_writes, fresh_store, refuse_writes, wait};

async fn setup(name: &str) -> (Store, ReviewSession, Owner) {
    let store = fresh_store(name);
    let review = Review::new(
        ReviewId::new("r1"),
        ReviewTemplate::LightReview,
        debrief::browser::now(),
    );
    store.create(&review).await.unwrap();
    let opened: OpenedReview = ReviewSession::read(&store, &review.id).await.unwrap();
    let owner = Owner::new();
    let session = owner.with(|| {
        ReviewSession::new(
            store.clone(),
            opened,
            RwSignal::new(WorkbookIndex::default()),
        )
    });
    (store, session, owner)
}

/// The review as storage holds it now.
async fn stored(store: &Store) -> Review {
    store
        .read_review(&ReviewId::new("r1"))
        .await
        .unwrap()
        .document
}

/// Another tab reads the review, changes it and writes one batch.
async fn other_tab_saves(store: &Store, change: impl FnOnce(&mut Review)) {
    let theirs = store.read_review(&ReviewId::new("r1")).await.unwrap();
    let mut changed = theirs.document.clone();
    change(&mut changed);
    let mut snapshot = theirs.document.clone();
    let entry = JournalEntry {
        schema_version: Review::SCHEMA_VERSION,
        changes: Review::changes_since(&mut snapshot, &changed),
    };
    store
        .write_changes::<Review>(
            &changed.key_of(),
            changed.summary(),
            theirs.revision,
            &entry,
        )
        .await
        .unwrap();
}

async fn settle(session: &ReviewSession) {
    for _ in 0..50 {
        if session.save_state.get_untracked() != SaveState::Pending {
            return;
        }
        wait(10).await;
    }
}

#[wasm_bindgen_test]
async fn every_edit_is_written_within_a_frame() {
    let (store, session, _owner) = setup("frame").await;
    for title in ["I", "In", "Ingest"] {
        session.edit(|r| r.title = title.to_owned());
    }
    assert_eq!(session.save_state.get_untracked(), SaveState::Pending);
    // Three keystrokes in one frame are one batch; a frame and a commit later it is stored.
    wait(100).await;
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    let read = store.read_review(&ReviewId::new("r1")).await.unwrap();
    assert_eq!(read.document.title, "Ingest");
    assert_eq!((read.revision, read.journal_len), (2, 1));
}

#[wasm_bindgen_test]
async fn the_journal_is_folded_once_editing_pauses() {
    let (store, session, _owner) = setup("compact").await;
    for title in ["A", "AB", "ABC"] {
        session.edit(|r| r.title = title.to_owned());
        wait(40).await;
    }
    assert!(
        store
            .read_review(&ReviewId::new("r1"))
            .await
            .unwrap()
            .journal_len
            >= 2
    );
    wait(2_400).await;
    let read = store.read_review(&ReviewId::new("r1")).await.unwrap();
    assert_eq!((read.document.title.as_str(), read.journal_len), ("ABC", 0));
}

#[wasm_bindgen_test]
async fn a_full_storage_keeps_the_edit_in_memory_and_a_retry_is_no_conflict() {
    let (store, session, _owner) = setup("full").await;
    refuse_writes("QuotaExceededError");
    session.edit(|r| r.title = "Kept in memory".to_owned());
    wait(100).await;
    assert_eq!(
        session.save_state.get_untracked(),
        SaveState::Failed(StoreError::Full)
    );
    assert!(session.save_state.get_untracked().has_unsaved_work());
    assert_eq!(session.document.get_untracked().title, "Kept in memory");
    assert_eq!(stored(&store).await.title, "");
    // Room again: the next edit writes everything, and is not mistaken for a conflict.
    allow_writes();
    session.edit(|r| r.summary = "and more".to_owned());
    wait(100).await;
    settle(&session).await;
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    let read = stored(&store).await;
    assert_eq!(
        (read.title.as_str(), read.summary.as_str()),
        ("Kept in memory", "and more")
    );
}

#[wasm_bindgen_test]
async fn another_tab_edit_pauses_saving_and_both_versions_are_kept() {
    let (store, session, _owner) = setup("conflict").await;
    other_tab_saves(&store, |r| r.title = "Theirs".to_owned()).await;
    session.saver.changed_elsewhere();
    wait(50).await;
    assert!(matches!(
        session.save_state.get_untracked(),
        SaveState::Conflict(Conflict::ChangedElsewhere { revision: 2 })
    ));
    // Edits go on in memory and into a kept copy, never over the other version.
    session.edit(|r| r.title = "Mine".to_owned());
    wait(100).await;
    assert_eq!(stored(&store).await.title, "Theirs");
    let kept = store.recovered_documents().await.unwrap();
    assert_eq!(kept.len(), 1);
    assert!(
        kept[0].text.contains("\"Mine\""),
        "this tab's version is kept"
    );
    // The banner can say what differs.
    let theirs = session.saver.their_version().await.unwrap();
    let differences = Review::differences(&session.document.get_untracked(), &theirs);
    assert!(
        differences.iter().any(|d| d.section == "Title"),
        "{differences:?}"
    );
    // Keeping this tab's version stores it; the other one stays recoverable.
    session.saver.keep_mine().await.unwrap();
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    assert_eq!(stored(&store).await.title, "Mine");
    let kept = store.recovered_documents().await.unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].text.contains("\"Theirs\""));
}

#[wasm_bindgen_test]
async fn taking_the_other_version_keeps_this_one_recoverable() {
    let (store, session, _owner) = setup("theirs").await;
    session.edit(|r| r.title = "Mine".to_owned());
    wait(100).await;
    other_tab_saves(&store, |r| r.title = "Theirs".to_owned()).await;
    session.edit(|r| r.summary = "typed while the other tab saved".to_owned());
    wait(100).await;
    assert!(matches!(
        session.save_state.get_untracked(),
        SaveState::Conflict(_)
    ));
    session
        .saver
        .take_theirs("This tab's version, not kept.")
        .await
        .unwrap();
    assert_eq!(session.document.get_untracked().title, "Theirs");
    assert_eq!(session.save_state.get_untracked(), SaveState::Saved);
    let kept = store.recovered_documents().await.unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].text.contains("typed while the other tab saved"));
    assert_eq!(kept[0].reason, "This tab's version, not kept.");
    // Editing goes on from the other version.
    session.edit(|r| r.summary = "after".to_owned());
    wait(100).await;
    assert_eq!(stored(&store).await.summary, "after");
}
