use crate::browser::{self, Persistence};
use crate::storage::{
    transcript_store, RecoveredDocument, StorageNotice, StorageUsage, Store, StoredReview,
};
use crate::zones::BROWSER_ZONES;
use debrief_core::document::encode_pretty;
use debrief_core::library::{duplicate_review, new_review, ReviewSummary, WorkbookIndex};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use debrief_core::render::backup::{
    plan_import, read_import, resolve_clash, ImportChoice, Incoming, WorkbookBackup,
};
use debrief_core::render::html::extract_embedded_review;
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

/// An incoming review whose id is already in the workbook, waiting for the person's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub incoming: Review,
    pub existing_title: String,
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
    /// Imported reviews that clash with ones already here, in file order.
    pub clashes: RwSignal<Vec<Clash>>,
    /// What the last import did, in plain words.
    pub imported: RwSignal<Option<String>>,
    /// Every meta-review, most recently edited first.
    pub metas: RwSignal<Vec<MetaReview>>,
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
            clashes: RwSignal::new(Vec::new()),
            imported: RwSignal::new(None),
            metas: RwSignal::new(Vec::new()),
            undo_timer: StoredValue::new(None),
        };
        workbook.reload_metas();
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
        workbook.sweep_orphan_transcripts();
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

    /// Re-reads the meta-reviews (at start, and when another tab changed one).
    pub fn reload_metas(&self) {
        match self.store().meta_reviews() {
            Ok(metas) => self.metas.set(metas),
            Err(err) => self.problem.set(Some(err.to_string())),
        }
    }

    /// Creates and stores a meta-review told in the reader's time zone; returns its id.
    pub fn create_meta(&self) -> Option<MetaReviewId> {
        let meta = MetaReview::new(
            MetaReviewId::new(browser::new_id()),
            browser::now(),
            &browser::local_time_zone(),
        );
        let saved = self.store().write_meta(&meta, None).map(|_| ());
        if !self.report(saved) {
            return None;
        }
        let id = meta.id.clone();
        self.metas.update(|metas| metas.insert(0, meta));
        Some(id)
    }

    /// Deletes a meta-review. The reviews it covers are not touched.
    pub fn delete_meta(&self, id: &MetaReviewId) {
        if self.report(self.store().delete_meta(id)) {
            self.metas.update(|metas| metas.retain(|m| &m.id != id));
            self.refresh_storage_picture();
        }
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
        let ok = self.report(
            result
                .map(|_| ())
                .map_err(|err| format!("Debrief could not store the new review. {err}")),
        );
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
                    .map_err(|err| err.to_string())
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
        if !self.report(written.map_err(|err| format!("Debrief could not store the copy. {err}"))) {
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
        // Undo is offered for the latest delete only, so an earlier one is final now.
        if let Some(earlier) = self.deleted.get_untracked() {
            self.remove_transcripts(earlier.stored.review.id);
        }
        self.deleted.set(Some(DeletedReview { stored }));
        if let Some(handle) = self.undo_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let workbook = *self;
        let handle = set_timeout_with_handle(
            move || {
                if let Some(gone) = workbook.deleted.get_untracked() {
                    workbook.remove_transcripts(gone.stored.review.id);
                }
                workbook.deleted.set(None);
            },
            UNDO_WINDOW,
        )
        .ok();
        self.undo_timer.set_value(handle);
        self.refresh_storage_picture();
    }

    /// Removes a deleted review's transcripts once its deletion is final.
    fn remove_transcripts(&self, id: ReviewId) {
        let (workbook, database) = (*self, self.store().transcript_database());
        leptos::task::spawn_local(async move {
            let removed = match transcript_store(&database).await {
                Ok(store) => store.remove(&id).await,
                Err(err) => Err(err),
            };
            if let Err(err) = removed {
                workbook.problem.set(Some(format!(
                    "The chat transcripts of a deleted review could not be removed: {err} Debrief tries again the next time it opens."
                )));
            }
        });
    }

    /// Removes transcripts whose review is gone: deleted in a tab that closed before its
    /// Undo expired. Runs one Undo window after start, so an Undo in another tab still finds
    /// its transcripts.
    fn sweep_orphan_transcripts(&self) {
        let workbook = *self;
        let sweep = move || {
            let database = workbook.store().transcript_database();
            leptos::task::spawn_local(async move {
                let Ok(store) = transcript_store(&database).await else {
                    return;
                };
                let (Ok(index), Ok(ids)) =
                    (workbook.store().read_index(), store.review_ids().await)
                else {
                    return;
                };
                for id in ids.into_iter().filter(|id| index.get(id).is_none()) {
                    workbook.remove_transcripts(id);
                }
            });
        };
        let _ = set_timeout_with_handle(sweep, UNDO_WINDOW);
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

    /// Imports a review or a workbook backup (JSON, or a Debrief HTML report carrying its
    /// data). New reviews are stored at once; ones whose id is already here wait in
    /// [`Workbook::clashes`] for a choice. A file that cannot be read changes nothing.
    pub fn import(&self, file_name: &str, text: &str) {
        let json = if text.trim_start().starts_with('<') {
            match extract_embedded_review(text) {
                Some(json) => json,
                None => {
                    self.problem.set(Some(format!(
                        "\u{201c}{file_name}\u{201d} is a web page, but not a Debrief report with a review inside. Nothing was changed."
                    )));
                    return;
                }
            }
        } else {
            text.to_owned()
        };
        let incoming = match read_import(&json) {
            Ok(incoming) => incoming,
            Err(err) => {
                self.problem.set(Some(format!(
                    "\u{201c}{file_name}\u{201d} was not imported. {err}"
                )));
                return;
            }
        };
        let plan = self
            .index
            .with_untracked(|index| plan_import(incoming, index));
        let store = self.store();
        let mut stored = 0;
        for review in &plan.new {
            match store.overwrite_review(review) {
                Ok(_) => {
                    stored += 1;
                    self.index
                        .update(|index| index.upsert(ReviewSummary::of(review)));
                }
                Err(err) => {
                    self.problem.set(Some(format!(
                        "Only {stored} of {} reviews from \u{201c}{file_name}\u{201d} could be stored. {err}",
                        plan.new.len()
                    )));
                    break;
                }
            }
        }
        let clashes: Vec<Clash> = plan
            .clashes
            .into_iter()
            .map(|(incoming, existing)| Clash {
                existing_title: self
                    .index
                    .with_untracked(|index| index.get(&existing).map(|e| e.title.clone()))
                    .unwrap_or_default(),
                incoming,
            })
            .collect();
        let waiting = clashes.len();
        self.clashes.update(|all| all.extend(clashes));
        self.imported.set(Some(match (stored, waiting) {
            (0, 0) => format!("\u{201c}{file_name}\u{201d} held no reviews."),
            (n, 0) => format!("Imported {n} review{} from \u{201c}{file_name}\u{201d}.", plural(n)),
            (n, w) => format!(
                "Imported {n} review{} from \u{201c}{file_name}\u{201d}; {w} already in this workbook need{} your choice below.",
                plural(n),
                if w == 1 { "s" } else { "" }
            ),
        }));
        self.ask_for_persistence();
        self.refresh_storage_picture();
    }

    /// Settles the first waiting clash.
    pub fn resolve_clash(&self, choice: Option<ImportChoice>) {
        let Some(clash) = self.clashes.with_untracked(|all| all.first().cloned()) else {
            return;
        };
        if let Some(choice) = choice {
            let review = resolve_clash(
                clash.incoming,
                choice,
                || ReviewId::new(browser::new_id()),
                browser::now(),
            );
            if let Err(err) = self.store().overwrite_review(&review) {
                self.problem
                    .set(Some(format!("The review was not imported. {err}")));
                return;
            }
            self.index
                .update(|index| index.upsert(ReviewSummary::of(&review)));
            self.refresh_storage_picture();
        }
        self.clashes.update(|all| {
            all.remove(0);
        });
    }

    /// Offers every review in the workbook as one backup file.
    pub fn download_backup(&self) {
        let store = self.store();
        let ids: Vec<ReviewId> = self
            .index
            .with_untracked(|index| index.entries().iter().map(|e| e.id.clone()).collect());
        let reviews = ids
            .iter()
            .filter_map(|id| store.read_review(id).ok().map(|stored| stored.review))
            .collect();
        let text = encode_pretty(&WorkbookBackup { reviews });
        let name = format!("debrief-backup-{}.json", browser::now().format("%Y-%m-%d"));
        if !browser::download(&name, "application/json", &text) {
            self.problem
                .set(Some("The browser refused the download.".to_owned()));
        }
    }

    /// Stores a review opened from a share link: under its own id when that is free,
    /// otherwise waiting for the same choice as an import.
    pub fn save_shared(&self, review: Review) {
        let plan = self
            .index
            .with_untracked(|index| plan_import(Incoming::Review(review), index));
        if let Some(review) = plan.new.first() {
            match self.store().overwrite_review(review) {
                Ok(_) => {
                    self.index
                        .update(|index| index.upsert(ReviewSummary::of(review)));
                    self.imported.set(Some(format!(
                        "Saved \u{201c}{}\u{201d} to this workbook.",
                        review.display_title()
                    )));
                }
                Err(err) => self
                    .problem
                    .set(Some(format!("The review was not saved. {err}"))),
            }
        }
        for (incoming, existing) in plan.clashes {
            let existing_title = self
                .index
                .with_untracked(|index| index.get(&existing).map(|e| e.title.clone()))
                .unwrap_or_default();
            self.clashes.update(|all| {
                all.push(Clash {
                    incoming,
                    existing_title,
                })
            });
        }
        self.refresh_storage_picture();
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
