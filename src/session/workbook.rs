use crate::browser::{self, Persistence};
use crate::storage::{RecoveredDocument, StorageNotice, StorageUsage, Store, StoredReview};
use crate::zones::BROWSER_ZONES;
use debrief_core::library::{duplicate_review, new_review, ReviewSummary, WorkbookIndex};
use debrief_core::model::{ReviewId, ReviewTemplate};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// How long "Undo" stays offered after a delete.
const UNDO_WINDOW: Duration = Duration::from_secs(12);

/// A review deleted a moment ago, kept in memory exactly as stored so Undo restores it.
#[derive(Debug, Clone)]
pub struct DeletedReview {
    pub stored: StoredReview,
}

/// The library's state: the index, what loading found, and the storage picture.
#[derive(Clone, Copy)]
pub struct Workbook {
    pub store: StoredValue<Store>,
    pub index: RwSignal<WorkbookIndex>,
    pub notices: RwSignal<Vec<StorageNotice>>,
    /// A problem the last library action ran into, in plain words.
    pub problem: RwSignal<Option<String>>,
    pub recovered: RwSignal<Vec<RecoveredDocument>>,
    pub usage: RwSignal<Option<StorageUsage>>,
    pub persistence: RwSignal<Persistence>,
    pub deleted: RwSignal<Option<DeletedReview>>,
    undo_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Workbook {
    pub fn load(store: Store) -> Self {
        let workbook = Self {
            store: StoredValue::new(store),
            index: RwSignal::new(WorkbookIndex::default()),
            notices: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            recovered: RwSignal::new(Vec::new()),
            usage: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Unknown),
            deleted: RwSignal::new(None),
            undo_timer: StoredValue::new(None),
        };
        match workbook.store.get_value().load_workbook() {
            Ok(loaded) => {
                workbook.index.set(loaded.index);
                workbook.notices.set(loaded.notices);
            }
            Err(err) => workbook.problem.set(Some(format!(
                "{err} Reviews cannot be kept in this browser until that changes."
            ))),
        }
        workbook.refresh_storage_picture();
        leptos::task::spawn_local(async move {
            workbook.persistence.set(browser::persistence().await);
        });
        workbook
    }

    fn store(&self) -> Store {
        self.store.get_value()
    }

    fn report(&self, result: Result<(), impl std::fmt::Display>) -> bool {
        match result {
            Ok(()) => {
                self.problem.set(None);
                true
            }
            Err(err) => {
                self.problem.set(Some(err.to_string()));
                false
            }
        }
    }

    /// Re-reads usage and recovered documents (after saves, deletes, other tabs' changes).
    pub fn refresh_storage_picture(&self) {
        let store = self.store();
        self.usage.set(store.usage().ok());
        self.recovered
            .set(store.recovered_documents().unwrap_or_default());
    }

    /// Another tab changed the index.
    pub fn reload_index(&self) {
        if let Ok(index) = self.store().read_index() {
            self.index.set(index);
        }
        self.refresh_storage_picture();
    }

    /// Creates and stores a review; returns its id to open it.
    pub fn create(&self, template: ReviewTemplate) -> Option<ReviewId> {
        let review = new_review(
            ReviewId::new(browser::new_id()),
            template,
            &browser::local_time_zone(),
            &BROWSER_ZONES,
            browser::now(),
        );
        let result = self.store().write_review(&review, None);
        let id = review.id.clone();
        let ok = self.report(result.map(|_| ()).map_err(|_| {
            "Debrief could not store the new review: the browser's storage for this site is full or switched off."
        }));
        if !ok {
            return None;
        }
        self.index
            .update(|index| index.upsert(ReviewSummary::of(&review)));
        self.ask_for_persistence();
        self.refresh_storage_picture();
        Some(id)
    }

    /// The first time a review is stored, ask the browser not to evict drafts.
    fn ask_for_persistence(&self) {
        if self.persistence.get_untracked() == Persistence::Persistent {
            return;
        }
        let workbook = *self;
        leptos::task::spawn_local(async move {
            workbook
                .persistence
                .set(browser::request_persistence().await);
        });
    }

    fn rewrite(&self, id: &ReviewId, change: impl FnOnce(&mut debrief_core::model::Review)) {
        let store = self.store();
        let result = store
            .read_review(id)
            .map_err(|err| err.to_string())
            .and_then(|mut stored| {
                change(&mut stored.review);
                stored.review.updated_at = browser::now();
                store
                    .write_review(&stored.review, Some(&stored.text))
                    .map(|_| ReviewSummary::of(&stored.review))
                    .map_err(|_| {
                        "The review changed in another tab while renaming it. Try again.".to_owned()
                    })
            });
        match result {
            Ok(summary) => {
                self.index.update(|index| index.upsert(summary));
                self.problem.set(None);
            }
            Err(err) => self.problem.set(Some(err)),
        }
    }

    pub fn rename(&self, id: &ReviewId, title: &str) {
        let title = title.trim().to_owned();
        self.rewrite(id, move |review| review.title = title);
    }

    pub fn duplicate(&self, id: &ReviewId) -> Option<ReviewId> {
        let store = self.store();
        let copy = match store.read_review(id) {
            Ok(stored) => duplicate_review(
                &stored.review,
                ReviewId::new(browser::new_id()),
                browser::now(),
            ),
            Err(err) => {
                self.problem.set(Some(err.to_string()));
                return None;
            }
        };
        let written = store.write_review(&copy, None).map(|_| ());
        if !self.report(written.map_err(|_| "Debrief could not store the copy: the browser's storage for this site is full or switched off.")) {
            return None;
        }
        self.index
            .update(|index| index.upsert(ReviewSummary::of(&copy)));
        self.refresh_storage_picture();
        Some(copy.id)
    }

    /// Deletes a review, keeping it in memory so Undo can put it back.
    pub fn delete(&self, id: &ReviewId) {
        let store = self.store();
        let stored = match store.read_review(id) {
            Ok(stored) => stored,
            Err(err) => {
                self.problem.set(Some(err.to_string()));
                return;
            }
        };
        if !self.report(store.delete_review(id)) {
            return;
        }
        self.index.update(|index| {
            index.remove(id);
        });
        self.deleted.set(Some(DeletedReview { stored }));
        if let Some(handle) = self.undo_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let workbook = *self;
        let handle = set_timeout_with_handle(move || workbook.deleted.set(None), UNDO_WINDOW).ok();
        self.undo_timer.set_value(handle);
        self.refresh_storage_picture();
    }

    pub fn undo_delete(&self) {
        let Some(deleted) = self.deleted.get_untracked() else {
            return;
        };
        if self.report(self.store().restore_review(&deleted.stored)) {
            self.index
                .update(|index| index.upsert(ReviewSummary::of(&deleted.stored.review)));
            self.deleted.set(None);
            self.refresh_storage_picture();
        }
    }

    pub fn download_recovered(&self, document: &RecoveredDocument) {
        let name = format!("debrief-recovered-{}.json", document.set_aside_at_millis);
        browser::download(&name, "application/json", &document.text);
    }

    pub fn discard_recovered(&self, key: &str) {
        if self.report(self.store().discard_recovered(key)) {
            self.refresh_storage_picture();
        }
    }
}
