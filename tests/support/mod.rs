//! Helpers shared by the browser tests.
#![allow(dead_code)] // each test file uses its own subset

use debrief::storage::Store;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function put_raw(database, store, key, value) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      let tx;
      try {
        tx = db.transaction([store], "readwrite");
      } catch (err) {
        db.close();
        reject(err);
        return;
      }
      tx.objectStore(store).put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    };
  });
}
let original = null;
export function refuse_writes(name) {
  if (original === null) original = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () { throw new DOMException("refused by the test", name); };
}
export function allow_writes() {
  if (original !== null) IDBObjectStore.prototype.put = original;
  original = null;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn put_raw(
        database: &str,
        store: &str,
        key: &str,
        value: JsValue,
    ) -> Result<JsValue, JsValue>;
    /// Makes every IndexedDB `put` throw a `DOMException` named `name` (as a full disk does).
    pub fn refuse_writes(name: &str);
    pub fn allow_writes();
}

/// Writes a record as it is, as another program (or a newer Debrief) could.
pub async fn put_record(store: &Store, object_store: &str, key: &str, value: JsValue) {
    // Opened through the store first, so the database exists with its object stores.
    store.trash().await.unwrap();
    put_raw(&store.database_name(), object_store, key, value)
        .await
        .unwrap();
}

/// A store under a namespace no earlier run used, so its database starts empty. Also
/// starts the task executor sessions spawn their storage work on.
pub fn fresh_store(name: &str) -> Store {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    Store::namespaced(format!(
        "debrief-test-{name}-{}:",
        debrief::browser::new_id()
    ))
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Lets timers, frames and effects run: resolves after `ms` milliseconds.
pub async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
