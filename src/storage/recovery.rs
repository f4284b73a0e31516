//! Recovered documents: stored documents that could not be read, and versions a person did
//! not keep in a conflict. Each is kept verbatim with its reason, so nothing is ever deleted
//! for being damaged or for losing a choice; only the person discards one.

use super::documents::RawDocument;
use super::engine::{self, stores, Read, Write};
use super::{Store, StoreError};
use debrief_core::document::{salvage, LoadError};
use debrief_core::sorting;
use wasm_bindgen::JsValue;

/// A document kept aside.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveredDocument {
    /// Its key in the recovery store.
    pub key: String,
    /// Where it was stored before (`review:<id>`), for messages.
    pub original_key: String,
    pub set_aside_at_millis: i64,
    /// Whatever title could be read from it.
    pub title: String,
    /// Why it is here, in plain words.
    pub reason: String,
    pub text: String,
}

/// An id for this page, so two tabs' waiting copies of one document do not replace each
/// other's.
fn tab_id() -> &'static str {
    thread_local! {
        static TAB: &'static str = Box::leak(crate::browser::new_id().into_boxed_str());
    }
    TAB.with(|tab| *tab)
}

fn unsaved_key(original_key: &str) -> String {
    format!("unsaved:{}:{original_key}", tab_id())
}

impl Store {
    /// Moves a document that could not be read aside, with its journal folded in as text, in
    /// one transaction: the copy exists before the original is gone.
    pub(super) async fn quarantine(
        &self,
        key: &str,
        raw: &RawDocument,
        reason: &LoadError,
    ) -> Result<(), StoreError> {
        let text = if raw.journal.is_empty() {
            raw.text.clone()
        } else {
            // Both parts, so a repair by hand has everything that was stored.
            format!(
                "{{\"document\":{},\"journal\":[{}]}}",
                raw.text,
                raw.journal.join(",")
            )
        };
        let mut writes = Self::removal(key);
        writes.push(self.recovery_write(key, &text, &reason.to_string()));
        self.plain_write(
            &[
                stores::DOCUMENTS,
                stores::JOURNAL,
                stores::HEADS,
                stores::RECOVERY,
            ],
            writes,
        )
        .await?;
        self.announce(key);
        Ok(())
    }

    /// Keeps `text` (once stored at `original_key`) among Recovered documents.
    pub async fn set_aside(
        &self,
        original_key: &str,
        text: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.plain_write(
            &[stores::RECOVERY],
            vec![self.recovery_write(original_key, text, reason)],
        )
        .await?;
        self.announce("recovery");
        Ok(())
    }

    /// Keeps this tab's version of a document while a conflict waits for a choice: one
    /// record per tab and document, replaced as editing goes on.
    pub async fn keep_unsaved_copy(
        &self,
        original_key: &str,
        text: &str,
    ) -> Result<(), StoreError> {
        let mut write = self.recovery_write(
            original_key,
            text,
            "This tab's version, kept while another tab's change waits for a choice.",
        );
        if let Write::Put(_, key, _) = &mut write {
            *key = unsaved_key(original_key);
        }
        self.plain_write(&[stores::RECOVERY], vec![write]).await
    }

    /// The conflict was settled in this tab's favour: its waiting copy is not needed.
    pub async fn forget_unsaved_copy(&self, original_key: &str) -> Result<(), StoreError> {
        self.plain_write(
            &[stores::RECOVERY],
            vec![Write::Delete(stores::RECOVERY, unsaved_key(original_key))],
        )
        .await
    }

    /// The conflict was settled for the other version: this tab's copy stays, as a version
    /// not kept (`reason` says which was chosen instead), out of the way of a later
    /// conflict's copy.
    pub async fn settle_unsaved_copy(
        &self,
        original_key: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let key = unsaved_key(original_key);
        let results = self
            .db()
            .await?
            .read(
                &[stores::RECOVERY],
                vec![Read::Get(stores::RECOVERY, key.clone())],
            )
            .await?;
        let Some(text) = engine::string_field(&results[0], "text") else {
            return Ok(());
        };
        let mut writes = vec![self.recovery_write(original_key, &text, reason)];
        writes.push(Write::Delete(stores::RECOVERY, key));
        self.plain_write(&[stores::RECOVERY], writes).await?;
        self.announce("recovery");
        Ok(())
    }

    fn recovery_write(&self, original_key: &str, text: &str, reason: &str) -> Write {
        let now = js_sys::Date::now();
        let title = salvage(text).title.unwrap_or_default();
        Write::Put(
            stores::RECOVERY,
            format!("{:013}:{original_key}", now as i64),
            engine::record(&[
                ("original", JsValue::from_str(original_key)),
                ("text", JsValue::from_str(text)),
                ("reason", JsValue::from_str(reason)),
                ("title", JsValue::from_str(&title)),
                ("at", JsValue::from_f64(now)),
            ]),
        )
    }

    /// Adds a document kept by an earlier version of Debrief (the older layout's recovery
    /// keys), with the time it was set aside then.
    pub(super) fn recovery_import(&self, original_key: &str, at_millis: i64, text: &str) -> Write {
        let title = salvage(text).title.unwrap_or_default();
        Write::Put(
            stores::RECOVERY,
            format!("{at_millis:013}:{original_key}"),
            engine::record(&[
                ("original", JsValue::from_str(original_key)),
                ("text", JsValue::from_str(text)),
                (
                    "reason",
                    JsValue::from_str(
                        "It could not be read when an earlier version of Debrief opened it.",
                    ),
                ),
                ("title", JsValue::from_str(&title)),
                ("at", JsValue::from_f64(at_millis as f64)),
            ]),
        )
    }

    pub async fn recovered_documents(&self) -> Result<Vec<RecoveredDocument>, StoreError> {
        let results = self
            .db()
            .await?
            .read(&[stores::RECOVERY], vec![Read::All(stores::RECOVERY)])
            .await?;
        let mut documents: Vec<RecoveredDocument> = engine::pairs(&results[0])
            .into_iter()
            .map(|(key, record)| RecoveredDocument {
                original_key: engine::string_field(&record, "original").unwrap_or_default(),
                set_aside_at_millis: engine::number_field(&record, "at").unwrap_or(0.0) as i64,
                title: engine::string_field(&record, "title").unwrap_or_default(),
                reason: engine::string_field(&record, "reason").unwrap_or_default(),
                text: engine::string_field(&record, "text").unwrap_or_default(),
                key,
            })
            .collect();
        sorting::sort_by_key(&mut documents, |doc| {
            std::cmp::Reverse(doc.set_aside_at_millis)
        });
        Ok(documents)
    }

    /// Deletes a recovered document for good (the person confirmed it).
    pub async fn discard_recovered(&self, key: &str) -> Result<(), StoreError> {
        self.plain_write(
            &[stores::RECOVERY],
            vec![Write::Delete(stores::RECOVERY, key.to_owned())],
        )
        .await?;
        self.announce("recovery");
        Ok(())
    }
}
