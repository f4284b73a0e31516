//! The move from the older layout, where the workbook lived in localStorage under
//! `debrief:index`, `debrief:review:<id>`, `debrief:meta:<id>` and
//! `debrief:recovery:<millis>:<key>`, to the workbook database.
//!
//! Each document is copied verbatim in one transaction, read back and compared, and only
//! then removed from localStorage. Any failure leaves every old key where it was and says
//! so; the next start tries again. Once the copy has committed it is never written over by
//! a later attempt, since the person may have edited it since.

use super::documents::{head, head_record, meta_key, review_key, StoredDocument};
use super::engine::{stores, Read, Write};
use super::{Store, StoreError};
use debrief_core::document::{load, LoadError};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId};
use debrief_core::sorting;
use wasm_bindgen::JsValue;

const MOVED: &str = "moved-from-local-storage";

/// What the move did, in plain words for the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    /// There was nothing in localStorage.
    Nothing,
    Done {
        documents: usize,
    },
    /// Nothing was removed from localStorage; the next start tries again.
    Failed(String),
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every key of the older layout under `namespace`, with its text.
fn old_entries(storage: &web_sys::Storage, namespace: &str) -> Vec<(String, String)> {
    let count = storage.length().unwrap_or(0);
    let mut entries: Vec<(String, String)> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(namespace))
        .filter_map(|key| Some((key.clone(), storage.get_item(&key).ok().flatten()?)))
        .collect();
    sorting::sort(&mut entries);
    entries
}

/// Where an old key's document goes in the database.
enum Destination {
    Document {
        key: String,
        head: JsValue,
    },
    Recovery {
        original: String,
        at_millis: i64,
    },
    /// The old index: the heads carry what it held.
    Dropped,
}

/// The head for a document copied verbatim: read through the load path so the library can
/// list it. A newer one keeps its version, so it is listed as saved by a newer Debrief; a
/// damaged one goes to Recovered documents instead.
fn destination_of<D: StoredDocument>(key: String, text: &str) -> Option<Destination> {
    match load::<D>(text) {
        Ok(document) => Some(Destination::Document {
            head: head(&document, 1),
            key,
        }),
        Err(LoadError::NewerVersion { found, .. }) => Some(Destination::Document {
            head: head_record(1, found, None),
            key,
        }),
        Err(_) => None,
    }
}

impl Store {
    /// Moves the older localStorage layout into the database, once.
    pub async fn move_from_local_storage(&self) -> Moved {
        let Some(storage) = local_storage() else {
            return Moved::Nothing;
        };
        let old = old_entries(&storage, self.namespace());
        if old.is_empty() {
            return Moved::Nothing;
        }
        match self.copy_and_verify(&old).await {
            Ok(()) => {
                for (key, _) in &old {
                    let _ = storage.remove_item(key);
                }
                Moved::Done {
                    documents: old.len(),
                }
            }
            Err(problem) => Moved::Failed(format!(
                "Debrief could not move the reviews kept by its earlier version into this browser's database ({problem}). They are still where they were, untouched; Debrief tries again the next time it opens. To be safe, download them with \u{201c}Download the older storage\u{201d} below."
            )),
        }
    }

    async fn copy_and_verify(&self, old: &[(String, String)]) -> Result<(), String> {
        let plain = |err: StoreError| err.to_string();
        let already = self.setting(MOVED).await.map_err(plain)?.as_bool() == Some(true);
        let namespace = self.namespace().to_owned();
        let mut writes = Vec::new();
        let mut compare = Vec::new();
        for (old_key, text) in old {
            let rest = &old_key[namespace.len()..];
            let destination = if let Some(id) = rest.strip_prefix("review:") {
                destination_of::<Review>(review_key(&ReviewId::new(id)), text)
            } else if let Some(id) = rest.strip_prefix("meta:") {
                destination_of::<MetaReview>(meta_key(&MetaReviewId::new(id)), text)
            } else if let Some(recovered) = rest.strip_prefix("recovery:") {
                let (millis, original) = recovered.split_once(':').unwrap_or(("0", recovered));
                Some(Destination::Recovery {
                    original: original.to_owned(),
                    at_millis: millis.parse().unwrap_or(0),
                })
            } else {
                Some(Destination::Dropped)
            };
            match destination {
                Some(Destination::Document { key, head }) => {
                    compare.push((key.clone(), text.clone()));
                    writes.push(Write::Put(
                        stores::DOCUMENTS,
                        key.clone(),
                        JsValue::from_str(text),
                    ));
                    writes.push(Write::Put(stores::HEADS, key, head));
                }
                Some(Destination::Recovery {
                    original,
                    at_millis,
                }) => {
                    writes.push(self.recovery_import(&original, at_millis, text));
                }
                Some(Destination::Dropped) => {}
                // Damaged: kept among Recovered documents, as the older version would have.
                None => writes.push(self.recovery_import(rest, js_sys::Date::now() as i64, text)),
            }
        }
        if !already {
            writes.push(Write::Put(
                stores::SETTINGS,
                MOVED.to_owned(),
                JsValue::TRUE,
            ));
            self.plain_write(
                &[
                    stores::DOCUMENTS,
                    stores::HEADS,
                    stores::RECOVERY,
                    stores::SETTINGS,
                ],
                writes,
            )
            .await
            .map_err(plain)?;
        }
        // Read back what was written and compare it with the original, character for
        // character, before anything is removed.
        let reads = compare
            .iter()
            .map(|(key, _)| Read::Get(stores::DOCUMENTS, key.clone()))
            .collect();
        let stored = self
            .db()
            .await
            .map_err(plain)?
            .read(&[stores::DOCUMENTS], reads)
            .await
            .map_err(plain)?;
        for ((key, text), stored) in compare.iter().zip(stored) {
            match stored.as_string() {
                Some(stored) if &stored == text => {}
                // Edited since an earlier move: the database copy is the newer one, and the
                // old key is only a stale copy of it.
                Some(_) if already => {}
                _ => return Err(format!("{key} did not read back as it was written")),
            }
        }
        Ok(())
    }

    /// The older layout as one JSON object, key by key, for the person to keep.
    pub fn old_layout_backup(&self) -> Option<String> {
        let storage = local_storage()?;
        let map: serde_json::Map<String, serde_json::Value> =
            old_entries(&storage, self.namespace())
                .into_iter()
                .map(|(key, text)| (key, serde_json::Value::String(text)))
                .collect();
        (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string())
    }
}
