//! The meta-review open in its editor: its state, the reviews it is computed from, and its
//! debounced compare-and-set saving (the same promises as a review's).

use super::saving::{conflict_from, failed_save, their_version, SaveState, SaveTimer};
use crate::browser;
use crate::storage::{OpenError, Store};
use debrief_core::document::encode_pretty;
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::Review;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct MetaSession {
    pub meta: RwSignal<MetaReview>,
    pub save_state: RwSignal<SaveState>,
    /// Every readable review of the workbook, read when the meta-review opens: what it is
    /// computed from. Shared, because figures and pickers all read it.
    pub reviews: RwSignal<Arc<Vec<Review>>>,
    base: StoredValue<Option<String>>,
    timer: SaveTimer,
    store: StoredValue<Store>,
}

impl MetaSession {
    pub fn open(store: Store, id: &MetaReviewId) -> Result<Self, OpenError> {
        let (meta, text) = store.read_meta(id)?;
        let reviews = store.all_reviews().map_err(OpenError::Store)?;
        Ok(Self {
            meta: RwSignal::new(meta),
            save_state: RwSignal::new(SaveState::Saved),
            reviews: RwSignal::new(Arc::new(reviews)),
            base: StoredValue::new(Some(text)),
            timer: SaveTimer::new(),
            store: StoredValue::new(store),
        })
    }

    pub fn id(&self) -> MetaReviewId {
        self.meta.with_untracked(|m| m.id.clone())
    }

    /// Applies an edit in memory and schedules a save.
    pub fn edit(&self, change: impl FnOnce(&mut MetaReview)) {
        self.meta.update(|meta| {
            change(meta);
            meta.updated_at = browser::now();
        });
        if !matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            self.save_state.set(SaveState::Pending);
        }
        let session = *self;
        self.timer.schedule(move || session.save_now());
    }

    pub fn flush(&self) {
        if self.timer.cancel() {
            self.save_now();
        }
    }

    pub fn save_now(&self) {
        if matches!(self.save_state.get_untracked(), SaveState::Conflict(_)) {
            return;
        }
        let store = self.store.get_value();
        let base = self.base.get_value();
        let result = self
            .meta
            .with_untracked(|meta| store.write_meta(meta, base.as_deref()));
        match result {
            Ok(text) => self.saved(text),
            Err(err) => self.save_state.set(failed_save(err)),
        }
    }

    fn saved(&self, text: String) {
        self.base.set_value(Some(text));
        self.save_state.set(SaveState::Saved);
    }

    /// Another tab wrote (or removed) this meta-review's key.
    pub fn changed_elsewhere(&self, new_text: Option<String>) {
        if let Some(conflict) = conflict_from(new_text, self.base.get_value()) {
            self.save_state.set(conflict);
        }
    }

    pub fn keep_mine(&self) {
        let store = self.store.get_value();
        match self.meta.with_untracked(|meta| store.overwrite_meta(meta)) {
            Ok(text) => self.saved(text),
            Err(err) => self.save_state.set(SaveState::Failed(err)),
        }
    }

    pub fn take_theirs(&self) -> Result<(), String> {
        let (meta, theirs) = their_version::<MetaReview>(&self.save_state.get_untracked())?;
        self.timer.cancel();
        self.meta.set(meta);
        self.base.set_value(Some(theirs));
        self.save_state.set(SaveState::Saved);
        Ok(())
    }

    pub fn download_json(&self) -> bool {
        let (name, text) = self.meta.with_untracked(|meta| {
            (
                format!(
                    "{}.debrief-meta.json",
                    browser::file_slug(meta.display_title())
                ),
                encode_pretty(meta),
            )
        });
        browser::download(&name, "application/json", &text)
    }
}
