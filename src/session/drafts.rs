//! Half-typed inputs that are not entries yet — the quick entry's time and words, a time
//! typed into an event but not confirmed — kept per document and form, written within a
//! frame like every edit, and offered back when the document is opened again.

use crate::storage::Store;
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy)]
pub struct Drafts {
    /// What was kept when the document was opened, and what has been typed since.
    values: StoredValue<HashMap<String, String>>,
    waiting: StoredValue<Vec<(String, Option<String>)>>,
    frame_waiting: StoredValue<bool>,
    store: StoredValue<Store>,
    document_key: StoredValue<String>,
}

impl Drafts {
    /// The drafts of the document at `document_key`, as read from storage.
    pub fn new(store: Store, document_key: String, values: HashMap<String, String>) -> Self {
        Self {
            values: StoredValue::new(values),
            waiting: StoredValue::new(Vec::new()),
            frame_waiting: StoredValue::new(false),
            store: StoredValue::new(store),
            document_key: StoredValue::new(document_key),
        }
    }

    /// The text kept for `form`, empty when there is none.
    pub fn get(&self, form: &str) -> String {
        self.values
            .with_value(|values| values.get(form).cloned())
            .unwrap_or_default()
    }

    /// Keeps what is typed into `form`; an empty text forgets it.
    pub fn set(&self, form: &str, text: &str) {
        let kept = (!text.is_empty()).then(|| text.to_owned());
        self.values.update_value(|values| match &kept {
            Some(text) => {
                values.insert(form.to_owned(), text.clone());
            }
            None => {
                values.remove(form);
            }
        });
        self.waiting.update_value(|waiting| {
            waiting.retain(|(f, _)| f != form);
            waiting.push((form.to_owned(), kept));
        });
        if !self.frame_waiting.get_value() {
            self.frame_waiting.set_value(true);
            let drafts = *self;
            request_animation_frame(move || drafts.flush());
        }
    }

    pub fn flush(&self) {
        self.frame_waiting.set_value(false);
        let waiting = self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if waiting.is_empty() {
            return;
        }
        let store = self.store.get_value();
        let key = self.document_key.get_value();
        leptos::task::spawn_local(async move {
            let _ = store.put_drafts(&key, waiting).await;
        });
    }
}
