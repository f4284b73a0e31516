//! Chat transcripts in IndexedDB, in headless Chromium: they round-trip, they go when their
//! review is deleted for good (and stay when the delete is undone), and a record that cannot
//! be read is reported and left alone while the review carries on.
#![cfg(target_arch = "wasm32")]

use debrief::session::{LiveSessions, TranscriptSession, TranscriptState, Workbook};
use debrief::storage::{transcript_store, TranscriptStoreError};
use debrief_core::import::{Message, MessageKind, Transcript};
use debrief_core::model::{EntityId, Review, ReviewId, ReviewTemplate};
use debrief_core::triage::{AuthorKind, ReviewTranscripts, StoredTranscript};
use leptos::prelude::*;
use support::{fresh_store, put_record, wait};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn transcripts(review: &str, messages: usize) -> ReviewTranscripts {
    let at = chrono::DateTime::parse_from_rfc3339("2019-11-06T10:25:00-08:00").unwrap();
    ReviewTranscripts {
        review_id: ReviewId::new(review),
        transcripts: vec![StoredTranscript {
            id: "t1".into(),
            imported_at: at,
            transcript: Transcript {
                source: "Slack export, #incident".into(),
                messages: (0..messages)
                    .map(|i| Message {
                        id: format!("m{i}"),
                        at: at + chrono::TimeDelta::seconds(i as i64),
                        author: "Zoë 🚒".into(),
                        author_id: Some("U1".into()),
                        text: format!("line {i}: </script> \u{2028} \"quoted\""),
                        thread: (i % 3 == 1).then(|| "m0".to_owned()),
                        kind: MessageKind::Message,
                        channel: Some("incident".into()),
                        edited: i == 2,
                        deleted: i == 3,
                        files: Vec::new(),
                        source_ref: format!("slack:incident/{i}"),
                    })
                    .collect(),
                unread: vec!["a line that fit no shape".into()],
            },
        }],
        authors: [("U1".to_owned(), EntityId::new("p1"))].into(),
        author_kinds: [("U1".to_owned(), AuthorKind::Person)].into(),
    }
}

#[wasm_bindgen_test]
async fn transcripts_round_trip_and_can_be_removed() {
    let store = fresh_store("roundtrip");
    let db = transcript_store(&store.database_name()).await.unwrap();
    let saved = transcripts("r1", 2_000);
    db.save(&saved).await.unwrap();
    assert_eq!(db.load(&ReviewId::new("r1")).await.unwrap(), Some(saved));
    assert_eq!(db.load(&ReviewId::new("other")).await.unwrap(), None);
    assert_eq!(db.review_ids().await.unwrap(), vec![ReviewId::new("r1")]);
    db.remove(&ReviewId::new("r1")).await.unwrap();
    assert_eq!(db.load(&ReviewId::new("r1")).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_session_shows_a_change_only_once_it_is_stored() {
    let store = fresh_store("session");
    let owner = Owner::new();
    let chat = owner.with(|| TranscriptSession::open(store.database_name(), ReviewId::new("r1")));
    while chat.state.get_untracked() == TranscriptState::Loading {
        wait(10).await;
    }
    let first = transcripts("r1", 3).transcripts.remove(0);
    let mut second = first.clone();
    second.id = "t2".into();
    // Two changes asked for at once both land, in order: the second waits for the first.
    let (a, b) = futures::join!(
        chat.change(move |t| t.transcripts.push(first)),
        chat.change(move |t| t.transcripts.push(second)),
    );
    a.unwrap();
    b.unwrap();
    let TranscriptState::Ready(shown) = chat.state.get_untracked() else {
        panic!("loaded");
    };
    let ids: Vec<&str> = shown.transcripts.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec!["t1", "t2"]);
    let db = transcript_store(&store.database_name()).await.unwrap();
    assert_eq!(
        db.load(&ReviewId::new("r1")).await.unwrap().as_ref(),
        Some(&*shown)
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_record_is_reported_kept_and_never_overwritten() {
    let store = fresh_store("damaged");
    let db = transcript_store(&store.database_name()).await.unwrap();
    // Another build (or a crash of some other program) left text this build cannot read.
    put_record(
        &store,
        "transcripts",
        "r1",
        JsValue::from_str("{\"format\":\"debrief.transcripts\",\"schema_version\":99}"),
    )
    .await;
    let review = Review::new(
        ReviewId::new("r1"),
        ReviewTemplate::LightReview,
        debrief::browser::now(),
    );
    store.create(&review).await.unwrap();

    let owner = Owner::new();
    let chat = owner.with(|| TranscriptSession::open(store.database_name(), ReviewId::new("r1")));
    while chat.state.get_untracked() == TranscriptState::Loading {
        wait(10).await;
    }
    assert!(matches!(
        chat.state.get_untracked(),
        TranscriptState::Failed(TranscriptStoreError::Unreadable(_))
    ));
    let refused = chat.change(|t| t.transcripts.clear()).await;
    assert!(matches!(refused, Err(TranscriptStoreError::Unreadable(_))));
    assert!(db
        .raw(&ReviewId::new("r1"))
        .await
        .unwrap()
        .unwrap()
        .contains("\"schema_version\":99"));
    // The review itself is untouched and still opens.
    assert_eq!(
        store
            .read_review(&ReviewId::new("r1"))
            .await
            .unwrap()
            .document,
        review
    );
}

#[wasm_bindgen_test]
async fn transcripts_stay_with_a_deleted_review_until_it_is_deleted_for_good() {
    let store = fresh_store("delete");
    let db = transcript_store(&store.database_name()).await.unwrap();
    for id in ["a", "b"] {
        let review = Review::new(
            ReviewId::new(id),
            ReviewTemplate::LightReview,
            debrief::browser::now(),
        );
        store.create(&review).await.unwrap();
        db.save(&transcripts(id, 3)).await.unwrap();
    }
    let owner = Owner::new();
    let workbook = owner.with(|| {
        let workbook = Workbook::new(store.clone(), LiveSessions::default());
        workbook.start();
        workbook
    });
    while !workbook.ready.get_untracked() {
        wait(10).await;
    }
    owner.with(|| workbook.delete(&ReviewId::new("a")));
    wait(100).await;
    // In Recently deleted: its transcripts stay, so a restore brings everything back.
    assert!(db.load(&ReviewId::new("a")).await.unwrap().is_some());
    owner.with(|| workbook.delete(&ReviewId::new("b")));
    wait(100).await;
    owner.with(|| workbook.restore(&ReviewId::new("b")));
    wait(100).await;
    assert!(store.read_review(&ReviewId::new("b")).await.is_ok());
    owner.with(|| workbook.purge(vec![ReviewId::new("a")]));
    wait(100).await;
    assert_eq!(db.load(&ReviewId::new("a")).await.unwrap(), None);
    assert!(db.load(&ReviewId::new("b")).await.unwrap().is_some());
}
