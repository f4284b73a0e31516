// The IndexedDB engine under src/storage: opening the workbook's database and running one
// transaction per call. Everything that decides *what* to store lives in Rust; this file only
// speaks IndexedDB's own terms, because its rules are event-based: a transaction commits
// once no request is pending, and an abort can arrive after any request. Settling one
// promise per transaction here means the Rust side never holds a callback the browser may
// call after it is gone.
//
// Every value stored is a string or a small plain object; keys are strings.

const VERSION = 2;

// Version 1 held only transcripts; version 2 makes the database the workbook's home.
const STORES = ["transcripts", "documents", "journal", "heads", "trash", "recovery", "drafts", "settings"];

// Transactions started and not yet settled, so a page about to reload into another of the
// app's modules can let them finish first (settled(), src/modules.rs).
let transactionsUnderWay = 0;

function underWay(transaction) {
  transactionsUnderWay += 1;
  const settle = () => {
    transactionsUnderWay -= 1;
  };
  transaction.then(settle, settle);
  return transaction;
}

// Resolves once no transaction is under way, and none has started across one task after
// that: a transaction's result may start the next (a read, then the write it decides). A
// transaction the browser never settles cannot hold the page: after `patienceMs` it
// resolves anyway.
export function settled(patienceMs) {
  const giveUpAt = performance.now() + patienceMs;
  const quiet = () => transactionsUnderWay === 0 || performance.now() > giveUpAt;
  return new Promise((resolve) => {
    const check = () => {
      if (quiet()) setTimeout(() => (quiet() ? resolve() : check()), 0);
      else setTimeout(check, 5);
    };
    check();
  });
}

export function openDatabase(name) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(name, VERSION);
    } catch (err) {
      reject(err);
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of STORES) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab opening a newer version asks this one to let go; reloading picks up the
      // newer code rather than blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new DOMException("blocked by another tab", "BlockedError"));
  });
}

// Reads in one read-only transaction. Each read is [kind, store, key, upper]:
//   ["get", store, key]            → the value or null
//   ["range", store, lower, upper] → [[key, value], …] in key order
//   ["all", store]                 → [[key, value], …] in key order
// Resolves to one result per read.
export function read(db, stores, reads) {
  return underWay(new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(stores, "readonly");
    } catch (err) {
      reject(err);
      return;
    }
    const results = new Array(reads.length);
    reads.forEach(([kind, store, key, upper], i) => {
      const os = tx.objectStore(store);
      if (kind === "get") {
        const req = os.get(key);
        req.onsuccess = () => { results[i] = req.result === undefined ? null : req.result; };
      } else {
        const range = kind === "range" ? IDBKeyRange.bound(key, upper) : undefined;
        const keys = os.getAllKeys(range);
        const values = os.getAll(range);
        values.onsuccess = () => {
          results[i] = keys.result.map((k, j) => [k, values.result[j]]);
        };
      }
    });
    tx.oncomplete = () => resolve(results);
    tx.onabort = () => reject(tx.error || new DOMException("the read was cancelled", "AbortError"));
  }));
}

// Writes in one read-write transaction, all or nothing. `expect` lists compare-and-set
// conditions checked first: [store, key, revision] means "the head at key holds this
// revision" (null: there is no head). When one fails nothing is written and the promise
// resolves to {conflict: key, found: <the head found, or null>}. Then each write is
//   ["put", store, key, value] | ["delete", store, key] | ["deleteRange", store, lower, upper]
// Resolves to {ok: true} once the browser reports the commit; rejects with the browser's
// error (QuotaExceededError, …) when the transaction aborts.
export function write(db, stores, expect, writes) {
  return underWay(new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(stores, "readwrite");
    } catch (err) {
      reject(err);
      return;
    }
    let conflict = null;
    let failure = null;
    let pending = expect.length;
    const apply = () => {
      try {
        for (const [kind, store, key, value] of writes) {
          const os = tx.objectStore(store);
          if (kind === "put") os.put(value, key);
          else if (kind === "delete") os.delete(key);
          else os.delete(IDBKeyRange.bound(key, value));
        }
      } catch (err) {
        // A request the browser refused at once (a value too large, storage full): nothing
        // of this transaction may land.
        failure = err;
        tx.abort();
      }
    };
    if (pending === 0) apply();
    for (const [store, key, revision] of expect) {
      const req = tx.objectStore(store).get(key);
      req.onsuccess = () => {
        const found = req.result === undefined ? null : req.result;
        const foundRevision = found && typeof found === "object" ? found.revision : null;
        if (conflict === null && foundRevision !== revision) conflict = { conflict: key, found };
        pending -= 1;
        if (pending === 0) {
          if (conflict === null) apply();
          else tx.abort();
        }
      };
    }
    tx.oncomplete = () => resolve({ ok: true });
    tx.onabort = () => {
      if (conflict !== null) resolve(conflict);
      else reject(failure || tx.error || new DOMException("the write was cancelled", "AbortError"));
    };
    // An error event is followed by the abort event, which settles the promise.
    tx.onerror = (event) => event.preventDefault();
  }));
}
