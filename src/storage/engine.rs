//! Typed calls into `idb.js`, the IndexedDB engine: one promise per transaction, reads and
//! all-or-nothing writes with compare-and-set conditions.

use super::StoreError;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/storage/idb.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = openDatabase)]
    async fn open_database(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = read)]
    async fn js_read(db: &JsValue, stores: Array, reads: Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = write)]
    async fn js_write(
        db: &JsValue,
        stores: Array,
        expect: Array,
        writes: Array,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = settled)]
    fn js_settled(patience_ms: u32) -> js_sys::Promise;
}

/// Once every transaction this page started has settled (or after `patience_ms`, so one the
/// browser never settles cannot hold the caller): what a page waits for before it reloads.
pub async fn transactions_settled(patience_ms: u32) {
    let _ = wasm_bindgen_futures::JsFuture::from(js_settled(patience_ms)).await;
}

/// The object stores of the workbook database (see `idb.js` for their creation).
pub mod stores {
    /// Chat transcripts, one record per review id.
    pub const TRANSCRIPTS: &str = "transcripts";
    /// The last full text of each document, keyed `review:<id>` or `meta:<id>`.
    pub const DOCUMENTS: &str = "documents";
    /// Change batches written since a document's full text, keyed `<document key>/<revision>`.
    pub const JOURNAL: &str = "journal";
    /// Per document: its revision, and for reviews the library's summary.
    pub const HEADS: &str = "heads";
    /// Deleted reviews, restorable for 30 days.
    pub const TRASH: &str = "trash";
    /// Documents that could not be read, or versions not kept, verbatim.
    pub const RECOVERY: &str = "recovery";
    /// Half-typed inputs that are not entries yet, keyed `<document key>/<form>`.
    pub const DRAFTS: &str = "drafts";
    /// Small settings: the localStorage move, the backup reminder, the folder handle.
    pub const SETTINGS: &str = "settings";
}

/// One read of a read-only transaction.
pub enum Read {
    Get(&'static str, String),
    /// Every record whose key starts with the prefix, in key order.
    Prefix(&'static str, String),
    All(&'static str),
}

/// One write of an all-or-nothing transaction.
pub enum Write {
    Put(&'static str, String, JsValue),
    Delete(&'static str, String),
    DeletePrefix(&'static str, String),
}

/// A compare-and-set condition: the head at `key` holds `revision` (`None`: no head).
pub struct Expect {
    pub key: String,
    pub revision: Option<u64>,
}

pub enum WriteOutcome {
    Committed,
    /// A condition failed; nothing was written. `found` is the head found, if any.
    Conflict {
        found: Option<JsValue>,
    },
}

/// The last key with `prefix`: keys are compared by UTF-16 code unit, and every key Debrief
/// writes is ASCII, so U+FFFF sorts after all of them.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{ffff}")
}

fn strings(items: &[&str]) -> Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// An open connection to one workbook database.
#[derive(Clone)]
pub struct Database(JsValue);

thread_local! {
    /// Open connections by database name: opening costs a round trip through the browser,
    /// and one connection serves the whole tab.
    static OPEN: RefCell<Vec<(String, Database)>> = const { RefCell::new(Vec::new()) };
}

impl Database {
    /// The connection to database `name`, opened (and created or upgraded) on first use.
    pub async fn connect(name: &str) -> Result<Self, StoreError> {
        let cached = OPEN.with_borrow(|open| {
            open.iter()
                .find(|(n, _)| n == name)
                .map(|(_, db)| db.clone())
        });
        if let Some(db) = cached {
            return Ok(db);
        }
        if !indexed_db_present() {
            return Err(StoreError::Unavailable);
        }
        let db = Self(
            open_database(name)
                .await
                .map_err(|err| StoreError::from_js(&err))?,
        );
        OPEN.with_borrow_mut(|open| open.push((name.to_owned(), db.clone())));
        Ok(db)
    }

    /// Runs `reads` in one read-only transaction over `stores`; one result per read.
    pub async fn read(
        &self,
        stores: &[&str],
        reads: Vec<Read>,
    ) -> Result<Vec<JsValue>, StoreError> {
        let list: Array = reads
            .into_iter()
            .map(|read| -> JsValue {
                match read {
                    Read::Get(store, key) => strings(&["get", store, &key]).into(),
                    Read::Prefix(store, prefix) => {
                        strings(&["range", store, &prefix, &prefix_end(&prefix)]).into()
                    }
                    Read::All(store) => strings(&["all", store]).into(),
                }
            })
            .collect();
        let results = js_read(&self.0, strings(stores), list)
            .await
            .map_err(|err| StoreError::from_js(&err))?;
        Ok(Array::from(&results).iter().collect())
    }

    /// Runs `writes` in one read-write transaction if every condition in `expect` holds.
    pub async fn write(
        &self,
        stores: &[&str],
        expect: Vec<Expect>,
        writes: Vec<Write>,
    ) -> Result<WriteOutcome, StoreError> {
        let expect: Array = expect
            .into_iter()
            .map(|e| -> JsValue {
                let item = Array::new();
                item.push(&JsValue::from_str(stores::HEADS));
                item.push(&JsValue::from_str(&e.key));
                item.push(
                    &e.revision
                        .map_or(JsValue::NULL, |r| JsValue::from_f64(r as f64)),
                );
                item.into()
            })
            .collect();
        let writes: Array = writes
            .into_iter()
            .map(|w| -> JsValue {
                let item = Array::new();
                match w {
                    Write::Put(store, key, value) => {
                        item.push(&"put".into());
                        item.push(&store.into());
                        item.push(&key.into());
                        item.push(&value);
                    }
                    Write::Delete(store, key) => {
                        item.push(&"delete".into());
                        item.push(&store.into());
                        item.push(&key.into());
                    }
                    Write::DeletePrefix(store, prefix) => {
                        item.push(&"deleteRange".into());
                        item.push(&store.into());
                        item.push(&JsValue::from_str(&prefix));
                        item.push(&JsValue::from_str(&prefix_end(&prefix)));
                    }
                }
                item.into()
            })
            .collect();
        let outcome = js_write(&self.0, strings(stores), expect, writes)
            .await
            .map_err(|err| StoreError::from_js(&err))?;
        if Reflect::has(&outcome, &"conflict".into()).unwrap_or(false) {
            let found = Reflect::get(&outcome, &"found".into()).unwrap_or(JsValue::NULL);
            Ok(WriteOutcome::Conflict {
                found: (!found.is_null()).then_some(found),
            })
        } else {
            Ok(WriteOutcome::Committed)
        }
    }
}

fn indexed_db_present() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"indexedDB".into()).ok())
        .is_some_and(|db| !db.is_undefined() && !db.is_null())
}

/// `[key, value]` pairs from a prefix or all-records read.
pub fn pairs(result: &JsValue) -> Vec<(String, JsValue)> {
    Array::from(result)
        .iter()
        .map(|pair| {
            let pair = Array::from(&pair);
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect()
}

/// A small record: a plain object with the given fields.
pub fn record(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

pub fn field(record: &JsValue, name: &str) -> JsValue {
    Reflect::get(record, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub fn string_field(record: &JsValue, name: &str) -> Option<String> {
    field(record, name).as_string()
}

pub fn number_field(record: &JsValue, name: &str) -> Option<f64> {
    field(record, name).as_f64()
}
