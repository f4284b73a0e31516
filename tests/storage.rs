//! The storage adapter against real localStorage in headless Chromium. Each test uses its
//! own namespace so tests never see each other's keys (or a person's drafts).
#![cfg(target_arch = "wasm32")]

use chrono::DateTime;
use debrief::storage::{OpenError, SaveError, StorageNotice, Store, StoreError};
use debrief_core::document::{encode, Document, LoadError};
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use support::{fill_storage, free_storage, local_storage};
use wasm_bindgen_test::*;

mod support;

wasm_bindgen_test_configure!(run_in_browser);

fn store(name: &str) -> Store {
    let store = Store::namespaced(format!("debrief-test-{name}:"));
    store.clear_namespace().unwrap();
    store
}

fn review(id: &str, title: &str) -> Review {
    let mut review = Review::new(
        ReviewId::new(id),
        ReviewTemplate::FullAnalysis,
        DateTime::from_timestamp(1_573_000_000, 0).unwrap(),
    );
    review.title = title.to_owned();
    review
}

#[wasm_bindgen_test]
fn a_saved_review_loads_back_and_is_indexed() {
    let store = store("save");
    let original = review("r1", "Memory leak at ingest");
    let written = store.write_review(&original, None).unwrap();
    let stored = store.read_review(&original.id).unwrap();
    assert_eq!(stored.review, original);
    assert_eq!(stored.text, written);
    let loaded = store.load_workbook().unwrap();
    assert_eq!(loaded.index.entries().len(), 1);
    assert_eq!(loaded.index.entries()[0].title, "Memory leak at ingest");
    assert!(loaded.notices.is_empty());
    // Keys are namespaced: one index, one key per review.
    assert!(local_storage()
        .get_item("debrief-test-save:index")
        .unwrap()
        .is_some());
    assert!(local_storage()
        .get_item("debrief-test-save:review:r1")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn writes_are_compare_and_set() {
    let store = store("cas");
    let mine = review("r1", "Mine");
    let base = store.write_review(&mine, None).unwrap();
    // Another tab writes its own version.
    let theirs = review("r1", "Theirs");
    let their_text = store.write_review(&theirs, Some(&base)).unwrap();
    // This tab, still based on `base`, must not overwrite it.
    let err = store.write_review(&mine, Some(&base)).unwrap_err();
    assert_eq!(
        err,
        SaveError::Conflict {
            theirs: Some(their_text)
        }
    );
    assert_eq!(store.read_review(&mine.id).unwrap().review.title, "Theirs");
    // Creating a review whose key already exists is a conflict too.
    assert!(matches!(
        store.write_review(&mine, None),
        Err(SaveError::Conflict { .. })
    ));
}

#[wasm_bindgen_test]
fn a_corrupt_review_is_set_aside_not_deleted() {
    let store = store("corrupt");
    store.write_review(&review("good", "Good"), None).unwrap();
    local_storage()
        .set_item(
            "debrief-test-corrupt:review:bad",
            "{\"format\":\"debrief.review\",\"schema_ver",
        )
        .unwrap();

    let loaded = store.load_workbook().unwrap();
    assert_eq!(
        loaded.index.entries().len(),
        1,
        "the good review is still listed"
    );
    let [StorageNotice::Quarantined { key, reason }] = loaded.notices.as_slice() else {
        panic!("expected one quarantine notice, got {:?}", loaded.notices);
    };
    assert!(matches!(reason, LoadError::NotJson { .. }));
    assert!(key.starts_with("debrief-test-corrupt:recovery:"));

    // The damaged text is kept verbatim under the recovery key and listed for download.
    let recovered = store.recovered_documents().unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!(
        recovered[0].text,
        "{\"format\":\"debrief.review\",\"schema_ver"
    );
    assert_eq!(recovered[0].original_key, "debrief-test-corrupt:review:bad");
    assert!(local_storage()
        .get_item("debrief-test-corrupt:review:bad")
        .unwrap()
        .is_none());

    store.discard_recovered(&recovered[0].key).unwrap();
    assert!(store.recovered_documents().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn opening_a_damaged_review_quarantines_it() {
    let store = store("open-bad");
    let good = review("r1", "Fine");
    store.write_review(&good, None).unwrap();
    local_storage()
        .set_item("debrief-test-open-bad:review:r1", "[]")
        .unwrap();
    let err = store.read_review(&good.id).unwrap_err();
    assert!(matches!(err, OpenError::Quarantined { .. }), "{err:?}");
    assert_eq!(store.recovered_documents().unwrap()[0].text, "[]");
    assert!(store.load_workbook().unwrap().index.entries().is_empty());
}

#[wasm_bindgen_test]
fn a_damaged_index_is_rebuilt_from_the_reviews() {
    let store = store("index");
    store.write_review(&review("a", "First"), None).unwrap();
    store.write_review(&review("b", "Second"), None).unwrap();
    local_storage()
        .set_item("debrief-test-index:index", "not json")
        .unwrap();
    let loaded = store.load_workbook().unwrap();
    let mut titles: Vec<_> = loaded
        .index
        .entries()
        .iter()
        .map(|e| e.title.clone())
        .collect();
    titles.sort();
    assert_eq!(titles, ["First", "Second"]);
    assert_eq!(store.recovered_documents().unwrap()[0].text, "not json");
}

#[wasm_bindgen_test]
fn a_review_from_a_newer_debrief_is_left_alone() {
    let store = store("newer");
    let current = format!("\"schema_version\":{}", Review::SCHEMA_VERSION);
    let text = encode(&review("n", "Future")).replace(&current, "\"schema_version\":99");
    local_storage()
        .set_item("debrief-test-newer:review:n", &text)
        .unwrap();
    let loaded = store.load_workbook().unwrap();
    assert!(matches!(
        loaded.notices.as_slice(),
        [StorageNotice::NewerVersion { .. }]
    ));
    assert_eq!(
        local_storage()
            .get_item("debrief-test-newer:review:n")
            .unwrap()
            .as_deref(),
        Some(text.as_str()),
        "untouched"
    );
    assert!(store.recovered_documents().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_and_changes_nothing() {
    let store = store("full");
    let mut kept = review("r1", "Short");
    let base = store.write_review(&kept, None).unwrap();
    let filler = fill_storage();

    kept.summary = "a much longer summary ".repeat(2000);
    let err = store.write_review(&kept, Some(&base)).unwrap_err();
    let usage = store.usage();
    free_storage(&filler);

    assert_eq!(err, SaveError::Store(StoreError::Full));
    assert!(err_message_is_plain(&StoreError::Full));
    assert_eq!(
        store.read_review(&kept.id).unwrap().text,
        base,
        "what was stored is intact"
    );
    let usage = usage.unwrap();
    assert!(usage.share_used() > 0.9, "usage reported {usage:?}");
}

fn err_message_is_plain(err: &StoreError) -> bool {
    err.to_string().contains("storage for this site is full")
}

#[wasm_bindgen_test]
fn usage_separates_debrief_from_the_rest_of_the_origin() {
    let store = store("usage");
    store.write_review(&review("r1", "Sized"), None).unwrap();
    local_storage()
        .set_item("someone-else", "0123456789")
        .unwrap();
    let usage = store.usage().unwrap();
    local_storage().remove_item("someone-else").unwrap();
    assert!(usage.debrief_bytes > 100);
    assert!(usage.origin_bytes >= usage.debrief_bytes + 2 * 22);
}
