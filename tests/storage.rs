//! The storage adapter against real IndexedDB in headless Chromium. Each test uses a
//! database of its own, so tests never see each other's records (or a person's drafts).
#![cfg(target_arch = "wasm32")]

use chrono::DateTime;
use debrief::storage::legacy::Moved;
use debrief::storage::{review_key, OpenError, SaveError, Store, StoreError, StoredDocument};
use debrief_core::document::{Document, JournalEntry, Journaled};
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use support::{allow_writes, fresh_store, local_storage, put_record, refuse_writes};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn review(id: &str, title: &str) -> Review {
    let mut review = Review::new(
        ReviewId::new(id),
        ReviewTemplate::FullAnalysis,
        DateTime::from_timestamp(1_573_000_000, 0).unwrap(),
    );
    review.title = title.to_owned();
    review
}

/// One batch of changes from `before` to `after`, as the editor writes it in a frame.
fn batch(before: &Review, after: &Review) -> JournalEntry {
    let mut snapshot = before.clone();
    JournalEntry {
        schema_version: Review::SCHEMA_VERSION,
        changes: Review::changes_since(&mut snapshot, after),
    }
}

#[wasm_bindgen_test]
async fn a_stored_review_reads_back_and_is_listed() {
    let store = fresh_store("save");
    let original = review("r1", "Memory leak at ingest");
    assert_eq!(store.create(&original).await.unwrap(), 1);
    let stored = store.read_review(&original.id).await.unwrap();
    assert_eq!(stored.document, original);
    assert_eq!(stored.revision, 1);
    let loaded = store.load_index().await.unwrap();
    assert_eq!(loaded.index.entries().len(), 1);
    assert_eq!(loaded.index.entries()[0].title, "Memory leak at ingest");
    // Creating a review whose id is taken is refused, not an overwrite.
    assert!(matches!(
        store.create(&review("r1", "Other")).await,
        Err(SaveError::Conflict { revision: Some(1) })
    ));
}

#[wasm_bindgen_test]
async fn journal_batches_build_on_the_full_text_and_compaction_keeps_the_content() {
    let store = fresh_store("journal");
    let first = review("r1", "Draft");
    store.create(&first).await.unwrap();
    let mut second = first.clone();
    second.title = "Ingest brownouts".to_owned();
    let key = first.key_of();
    assert_eq!(
        store
            .write_changes::<Review>(&key, second.summary(), 1, &batch(&first, &second))
            .await
            .unwrap(),
        2
    );
    let mut third = second.clone();
    third.summary = "Four 20-minute periods of rejected writes.".to_owned();
    store
        .write_changes::<Review>(&key, third.summary(), 2, &batch(&second, &third))
        .await
        .unwrap();
    let stored = store.read_review(&first.id).await.unwrap();
    assert_eq!(stored.document, third);
    assert_eq!((stored.revision, stored.journal_len), (3, 2));
    // The library's summary followed the batches without reading the review.
    assert_eq!(
        store.load_index().await.unwrap().index.entries()[0].title,
        "Ingest brownouts"
    );
    // Folding the journal keeps the revision: nothing changed for other tabs.
    store.write_whole(&third, Some(3), 3).await.unwrap();
    let compacted = store.read_review(&first.id).await.unwrap();
    assert_eq!(compacted.document, third);
    assert_eq!((compacted.revision, compacted.journal_len), (3, 0));
}

#[wasm_bindgen_test]
async fn writes_are_compare_and_set_on_revisions() {
    let store = fresh_store("cas");
    let mine = review("r1", "Mine");
    store.create(&mine).await.unwrap();
    // Another tab writes its own version first.
    let mut theirs = mine.clone();
    theirs.title = "Theirs".to_owned();
    store
        .write_changes::<Review>(&mine.key_of(), theirs.summary(), 1, &batch(&mine, &theirs))
        .await
        .unwrap();
    // This tab, still based on revision 1, must not overwrite it.
    let mut edited = mine.clone();
    edited.title = "Mine, edited".to_owned();
    let refused = store
        .write_changes::<Review>(&mine.key_of(), edited.summary(), 1, &batch(&mine, &edited))
        .await;
    assert_eq!(refused, Err(SaveError::Conflict { revision: Some(2) }));
    assert_eq!(
        store.read_review(&mine.id).await.unwrap().document.title,
        "Theirs"
    );
}

#[wasm_bindgen_test]
async fn a_damaged_review_is_set_aside_with_its_reason_not_deleted() {
    let store = fresh_store("damaged");
    let good = review("good", "Still here");
    store.create(&good).await.unwrap();
    let key = review_key(&ReviewId::new("bad"));
    let text = "{\"format\":\"debrief.review\",\"schema_version\":2,\"review\":{\"id\":\"bad\",\"title\":\"Cut short";
    put_record(&store, "documents", &key, JsValue::from_str(text)).await;
    put_record(&store, "heads", &key, head(1, 2)).await;

    let err = store.read_review(&ReviewId::new("bad")).await.unwrap_err();
    assert!(matches!(err, OpenError::Quarantined(_)), "{err:?}");
    assert!(
        !err.to_string().contains("EOF") && !err.to_string().contains("column"),
        "plain words: {err}"
    );
    let recovered = store.recovered_documents().await.unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!(recovered[0].text, text);
    assert_eq!(recovered[0].title, "Cut short\u{2026}");
    assert!(!recovered[0].reason.is_empty());
    // Gone from the workbook, the good one untouched.
    assert_eq!(
        store.read_review(&ReviewId::new("bad")).await.unwrap_err(),
        OpenError::NotFound
    );
    assert_eq!(store.read_review(&good.id).await.unwrap().document, good);
}

#[wasm_bindgen_test]
async fn a_review_from_a_newer_debrief_is_listed_and_left_alone() {
    let store = fresh_store("newer");
    let key = review_key(&ReviewId::new("future"));
    let text = "{\"format\":\"debrief.review\",\"schema_version\":99,\"review\":{\"id\":\"future\",\"title\":\"From the future\"}}";
    put_record(&store, "documents", &key, JsValue::from_str(text)).await;
    put_record(&store, "heads", &key, head(1, 99)).await;
    let loaded = store.load_index().await.unwrap();
    assert!(loaded.index.entries().is_empty());
    assert_eq!(loaded.newer.len(), 1);
    assert_eq!(loaded.newer[0].title, "From the future");
    assert_eq!(loaded.newer[0].text, text);
    assert!(matches!(
        store.read_review(&ReviewId::new("future")).await,
        Err(OpenError::NewerVersion(_))
    ));
    // Still there, unchanged; nothing was set aside.
    assert_eq!(store.load_index().await.unwrap().newer[0].text, text);
    assert!(store.recovered_documents().await.unwrap().is_empty());
    // And a backup holds it verbatim.
    let (reviews, newer) = store.all_reviews().await.unwrap();
    assert!(reviews.is_empty());
    assert_eq!(newer.len(), 1);
    assert_eq!(newer[0].text, text);
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_in_plain_words_and_changes_nothing() {
    let store = fresh_store("full");
    let original = review("r1", "Before");
    store.create(&original).await.unwrap();
    let mut edited = original.clone();
    edited.title = "After".to_owned();
    refuse_writes("QuotaExceededError");
    let result = store
        .write_changes::<Review>(
            &original.key_of(),
            edited.summary(),
            1,
            &batch(&original, &edited),
        )
        .await;
    allow_writes();
    assert_eq!(result, Err(SaveError::Store(StoreError::Full)));
    let message = StoreError::Full.to_string();
    assert!(message.contains("full") && !message.contains("Error"));
    let stored = store.read_review(&original.id).await.unwrap();
    assert_eq!(
        (stored.document.title.as_str(), stored.revision),
        ("Before", 1)
    );
    // A later write based on the same revision is not a conflict.
    store
        .write_changes::<Review>(
            &original.key_of(),
            edited.summary(),
            1,
            &batch(&original, &edited),
        )
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn delete_moves_to_recently_deleted_and_restore_brings_it_back() {
    let store = fresh_store("trash");
    let original = review("r1", "Expired certificate");
    store.create(&original).await.unwrap();
    let stored = store.read_review(&original.id).await.unwrap();
    store.delete_review(&stored).await.unwrap();
    assert!(store.load_index().await.unwrap().index.entries().is_empty());
    let trash = store.trash().await.unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].title, "Expired certificate");
    // Kept through any number of reloads: it is in the database, not in memory.
    assert_eq!(
        store.restore_from_trash(&original.id).await.unwrap(),
        original
    );
    assert_eq!(
        store.read_review(&original.id).await.unwrap().document,
        original
    );
    assert!(store.trash().await.unwrap().is_empty());
    // Deleted again and purged: gone for good.
    let stored = store.read_review(&original.id).await.unwrap();
    store.delete_review(&stored).await.unwrap();
    store
        .purge(std::slice::from_ref(&original.id))
        .await
        .unwrap();
    assert!(store.trash().await.unwrap().is_empty());
    assert!(store.restore_from_trash(&original.id).await.is_err());
}

#[wasm_bindgen_test]
async fn trash_older_than_thirty_days_is_purged() {
    let store = fresh_store("expire");
    let original = review("r1", "Old");
    store.create(&original).await.unwrap();
    store
        .delete_review(&store.read_review(&original.id).await.unwrap())
        .await
        .unwrap();
    let now = js_sys::Date::now() as i64;
    store.purge_expired(now + 29 * 86_400_000).await.unwrap();
    assert_eq!(store.trash().await.unwrap().len(), 1);
    store.purge_expired(now + 31 * 86_400_000).await.unwrap();
    assert!(store.trash().await.unwrap().is_empty());
}

/// The localStorage layout of earlier versions, from the fixture, under `store`'s namespace.
fn seed_old_layout(store: &Store) -> Vec<String> {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/local-storage-layout.json")).unwrap();
    let mut keys = Vec::new();
    for (key, text) in fixture["entries"].as_object().unwrap() {
        let key = key.replacen("debrief:", store.namespace(), 1);
        local_storage()
            .set_item(&key, text.as_str().unwrap())
            .unwrap();
        keys.push(key);
    }
    keys
}

#[wasm_bindgen_test]
async fn the_old_local_storage_layout_moves_into_the_database() {
    let store = fresh_store("legacy");
    let keys = seed_old_layout(&store);
    assert_eq!(
        store.move_from_local_storage().await,
        Moved::Done {
            documents: keys.len()
        }
    );
    for key in &keys {
        assert_eq!(
            local_storage().get_item(key).unwrap(),
            None,
            "{key} removed"
        );
    }
    let loaded = store.load_index().await.unwrap();
    let mut titles: Vec<String> = loaded
        .index
        .entries()
        .iter()
        .map(|e| e.title.clone())
        .collect();
    debrief_core::sorting::sort(&mut titles);
    assert_eq!(
        titles,
        [
            "Ingest brownouts (second incident, same title)",
            "Ingest brownouts from a slow memory leak"
        ]
    );
    // The v1 review is migrated on reading, as from any other source.
    let v1 = store
        .read_review(&ReviewId::new("fixture-v1-memory"))
        .await
        .unwrap();
    assert_eq!(
        v1.document.title,
        "Ingest brownouts from a slow memory leak"
    );
    assert_eq!(loaded.newer.len(), 1, "the newer review is listed as such");
    assert_eq!(
        store.meta_reviews().await.unwrap()[0].title,
        "August incidents"
    );
    let recovered = store.recovered_documents().await.unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!(recovered[0].original_key, "review:broken");
    assert_eq!(recovered[0].set_aside_at_millis, 1_604_000_000_000);
    // A second start finds nothing left to move.
    assert_eq!(store.move_from_local_storage().await, Moved::Nothing);
}

#[wasm_bindgen_test]
async fn a_failed_move_leaves_every_old_key_where_it_was() {
    let store = fresh_store("legacy-fail");
    let keys = seed_old_layout(&store);
    let before: Vec<Option<String>> = keys
        .iter()
        .map(|k| local_storage().get_item(k).unwrap())
        .collect();
    refuse_writes("QuotaExceededError");
    let moved = store.move_from_local_storage().await;
    allow_writes();
    let Moved::Failed(message) = moved else {
        panic!("expected a failure, got {moved:?}");
    };
    assert!(message.contains("untouched"), "{message}");
    let after: Vec<Option<String>> = keys
        .iter()
        .map(|k| local_storage().get_item(k).unwrap())
        .collect();
    assert_eq!(before, after);
    assert!(store
        .old_layout_backup()
        .unwrap()
        .contains("fixture-v1-memory"));
    // The next start moves it.
    assert!(matches!(
        store.move_from_local_storage().await,
        Moved::Done { .. }
    ));
    for key in &keys {
        local_storage().remove_item(key).unwrap();
    }
}

#[wasm_bindgen_test]
async fn usage_comes_from_the_browser_estimate() {
    let usage = debrief::storage::estimate_usage().await.unwrap();
    assert!(usage.quota_bytes > 0);
    assert!(usage.share_used() < 1.0);
}

/// A head record as the store writes it.
fn head(revision: u64, schema: u64) -> JsValue {
    let head = js_sys::Object::new();
    js_sys::Reflect::set(
        &head,
        &"revision".into(),
        &JsValue::from_f64(revision as f64),
    )
    .unwrap();
    js_sys::Reflect::set(&head, &"schema".into(), &JsValue::from_f64(schema as f64)).unwrap();
    js_sys::Reflect::set(&head, &"summary".into(), &JsValue::NULL).unwrap();
    head.into()
}
