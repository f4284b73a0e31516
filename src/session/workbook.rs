//! The library's state: the index, Recently deleted, documents that could not be read, the
//! storage picture, and the intent methods behind the library's buttons. Storage is
//! asynchronous, so each method starts its work and the signals follow once it is done;
//! anything that goes wrong lands in [`Workbook::problem`] in plain words.

use super::{LiveSessions, ReviewSession};
use crate::browser::{self, Persistence};
use crate::storage::legacy::Moved;
use crate::storage::{
    estimate_usage, review_key, size_label, transcript_store, OpenError, RecoveredDocument,
    SaveError, StorageUsage, Store, TrashedReview, Unreadable,
};
use crate::zones::BROWSER_ZONES;
use debrief_core::document::encode_pretty;
use debrief_core::exchange::backup::{
    plan_import, plan_meta_import, read_import, resolve_clash, ImportChoice, Incoming,
    UnreadableDocument, WorkbookBackup,
};
use debrief_core::library::{duplicate_review, new_review, ReviewSummary, WorkbookIndex};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId, ReviewTemplate};
use debrief_core::render::html::extract_embedded_review;
use debrief_core::text::count;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The setting that remembers when a backup was last downloaded.
const LAST_BACKUP: &str = "last-backup";

/// A backup older than this, with changes since, earns a reminder.
const BACKUP_REMINDER_DAYS: i64 = 7;

/// How long the "Undo" of a delete stays on screen; Recently deleted keeps it far longer.
const UNDO_SHOWN: Duration = Duration::from_secs(12);

/// An incoming review whose id is already in the workbook, waiting for the person's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub incoming: Review,
    pub existing_title: String,
}

#[derive(Clone, Copy)]
pub struct Workbook {
    pub store: StoredValue<Store>,
    /// The workbook has been read (the library shows "Opening…" until then).
    pub ready: RwSignal<bool>,
    pub index: RwSignal<WorkbookIndex>,
    /// Reviews saved by a newer Debrief, listed but not opened.
    pub newer: RwSignal<Vec<Unreadable>>,
    /// What starting up found that the person should know, in plain words.
    pub notices: RwSignal<Vec<String>>,
    /// A problem the last library action ran into, in plain words.
    pub problem: RwSignal<Option<String>>,
    pub recovered: RwSignal<Vec<RecoveredDocument>>,
    pub trash: RwSignal<Vec<TrashedReview>>,
    pub usage: RwSignal<Option<StorageUsage>>,
    pub persistence: RwSignal<Persistence>,
    /// The review deleted last, while its Undo is on screen.
    pub deleted: RwSignal<Option<TrashedReview>>,
    /// Imported reviews that clash with ones already here, in file order.
    pub clashes: RwSignal<Vec<Clash>>,
    /// What the last import did, in plain words.
    pub imported: RwSignal<Option<String>>,
    /// Every meta-review, most recently edited first.
    pub metas: RwSignal<Vec<MetaReview>>,
    /// The older localStorage layout is still there (its move failed).
    pub old_layout_left: RwSignal<bool>,
    /// When the last backup was downloaded in this browser (milliseconds), if ever.
    pub last_backup: RwSignal<Option<i64>>,
    pub reviews: LiveSessions<Review>,
    undo_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Workbook {
    /// The library's state, empty until [`Workbook::start`] has read the workbook.
    pub fn new(store: Store, reviews: LiveSessions<Review>) -> Self {
        Self {
            store: StoredValue::new(store),
            ready: RwSignal::new(false),
            index: RwSignal::new(WorkbookIndex::default()),
            newer: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            recovered: RwSignal::new(Vec::new()),
            trash: RwSignal::new(Vec::new()),
            usage: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Unknown),
            deleted: RwSignal::new(None),
            clashes: RwSignal::new(Vec::new()),
            imported: RwSignal::new(None),
            metas: RwSignal::new(Vec::new()),
            old_layout_left: RwSignal::new(false),
            last_backup: RwSignal::new(None),
            reviews,
            undo_timer: StoredValue::new(None),
        }
    }

    fn store(&self) -> Store {
        self.store.get_value()
    }

    /// Reads the workbook: first the move from the older localStorage layout, then the
    /// index (heads only), then everything the library shows beside it.
    pub fn start(&self) {
        let workbook = *self;
        spawn_local(async move {
            let store = workbook.store();
            match store.move_from_local_storage().await {
                Moved::Nothing => {}
                Moved::Done { documents } => workbook.notices.update(|n| {
                    n.push(format!(
                        "Debrief moved your workbook ({}) from the browser\u{2019}s small storage into its database, where there is room for much more. Nothing else changed.",
                        count(documents, "stored item", "stored items")
                    ))
                }),
                Moved::Failed(problem) => {
                    workbook.old_layout_left.set(true);
                    workbook.notices.update(|n| n.push(problem));
                }
            }
            match store.load_index().await {
                Ok(loaded) => {
                    workbook.index.set(loaded.index);
                    workbook.newer.set(loaded.newer);
                }
                Err(err) => workbook.problem.set(Some(format!(
                    "{err} Reviews cannot be kept in this browser until that changes; anything you write can still be downloaded."
                ))),
            }
            workbook.ready.set(true);
            if let Ok(value) = store.setting(LAST_BACKUP).await {
                workbook
                    .last_backup
                    .set(value.as_f64().map(|millis| millis as i64));
            }
            workbook.reload_metas();
            workbook.refresh_storage_picture();
            workbook.persistence.set(browser::persistence().await);
            let _ = store.purge_expired(browser::now().timestamp_millis()).await;
            workbook.sweep_orphan_transcripts().await;
        });
    }

    fn fail(&self, context: &str, err: impl std::fmt::Display) {
        self.problem.set(Some(format!("{context} {err}")));
    }

    /// Re-reads usage, Recently deleted and Recovered documents.
    pub fn refresh_storage_picture(&self) {
        let workbook = *self;
        spawn_local(async move {
            let store = workbook.store();
            workbook.usage.set(estimate_usage().await);
            if let Ok(recovered) = store.recovered_documents().await {
                workbook.recovered.set(recovered);
            }
            if let Ok(trash) = store.trash().await {
                workbook.trash.set(trash);
            }
        });
    }

    /// Another tab changed a review, the trash or Recovered documents.
    pub fn reload_index(&self) {
        let workbook = *self;
        spawn_local(async move {
            if let Ok(loaded) = workbook.store().load_index().await {
                workbook.index.set(loaded.index);
                workbook.newer.set(loaded.newer);
            }
        });
        self.refresh_storage_picture();
    }

    /// Another tab wrote one review: its library entry follows (one small read).
    pub fn refresh_review(&self, id: ReviewId) {
        let workbook = *self;
        spawn_local(async move {
            match workbook.store().summary_of(&id).await {
                Ok(Some(summary)) => workbook.index.update(|index| index.upsert(summary)),
                // Deleted, or saved by a newer Debrief: the whole picture is read again.
                Ok(None) => workbook.reload_index(),
                Err(_) => {}
            }
        });
    }

    /// Re-reads the meta-reviews (at start, and when another tab changed one).
    pub fn reload_metas(&self) {
        let workbook = *self;
        spawn_local(async move {
            match workbook.store().meta_reviews().await {
                Ok(metas) => workbook.metas.set(metas),
                Err(err) => workbook.fail("The meta-reviews could not be read.", err),
            }
        });
    }

    /// Creates and stores a meta-review told in the reader's time zone, then `then(id)`.
    pub fn create_meta(&self, then: impl FnOnce(MetaReviewId) + 'static) {
        let meta = MetaReview::new(
            MetaReviewId::new(browser::new_id()),
            browser::now(),
            &browser::local_time_zone(),
        );
        let workbook = *self;
        spawn_local(async move {
            match workbook.store().create(&meta).await {
                Ok(_) => {
                    let id = meta.id.clone();
                    workbook.metas.update(|metas| metas.insert(0, meta));
                    then(id);
                }
                Err(err) => workbook.fail("Debrief could not store the new meta-review.", err),
            }
        });
    }

    /// Deletes a meta-review. The reviews it covers are not touched.
    pub fn delete_meta(&self, id: &MetaReviewId) {
        let (workbook, id) = (*self, id.clone());
        spawn_local(async move {
            match workbook.store().delete_meta(&id).await {
                Ok(()) => workbook.metas.update(|metas| metas.retain(|m| m.id != id)),
                Err(err) => workbook.fail("The meta-review was not deleted.", err),
            }
        });
    }

    /// Creates and stores a review, then `then(id)` to open it.
    pub fn create(&self, template: ReviewTemplate, then: impl FnOnce(ReviewId) + 'static) {
        let review = new_review(
            ReviewId::new(browser::new_id()),
            template,
            &browser::local_time_zone(),
            &BROWSER_ZONES,
            browser::now(),
        );
        let workbook = *self;
        spawn_local(async move {
            match workbook.store().create(&review).await {
                Ok(_) => {
                    workbook
                        .index
                        .update(|index| index.upsert(ReviewSummary::of(&review)));
                    workbook.problem.set(None);
                    workbook.ask_for_persistence();
                    then(review.id);
                }
                Err(err) => workbook.fail("Debrief could not store the new review.", err),
            }
        });
    }

    /// The first time a review is stored, ask the browser not to evict drafts.
    fn ask_for_persistence(&self) {
        if self.persistence.get_untracked() == Persistence::Persistent {
            return;
        }
        let workbook = *self;
        spawn_local(async move {
            workbook
                .persistence
                .set(browser::request_persistence().await);
        });
    }

    /// Changes a stored review: through its open session when there is one (so the session
    /// and storage never disagree), otherwise read, change and write back compare-and-set.
    fn change_review(&self, id: &ReviewId, change: impl FnOnce(&mut Review) + 'static) {
        if let Some(session) = self.reviews.get(id) {
            session.edit(change);
            return;
        }
        let (workbook, id) = (*self, id.clone());
        spawn_local(async move {
            let store = workbook.store();
            let result = async {
                let mut stored = store.read_review(&id).await.map_err(|e| e.to_string())?;
                change(&mut stored.document);
                stored.document.updated_at = browser::now();
                store
                    .write_whole(&stored.document, Some(stored.revision), stored.revision + 1)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>(ReviewSummary::of(&stored.document))
            }
            .await;
            match result {
                Ok(summary) => {
                    workbook.index.update(|index| index.upsert(summary));
                    workbook.problem.set(None);
                }
                Err(err) => workbook.fail("The review was not changed.", err),
            }
        });
    }

    pub fn rename(&self, id: &ReviewId, title: &str) {
        let title = title.trim().to_owned();
        self.change_review(id, move |review| review.title = title);
    }

    pub fn duplicate(&self, id: &ReviewId) {
        let (workbook, id) = (*self, id.clone());
        spawn_local(async move {
            let store = workbook.store();
            let original = match store.read_review(&id).await {
                Ok(stored) => stored.document,
                Err(err) => return workbook.fail("The review was not copied.", err),
            };
            let copy =
                duplicate_review(&original, ReviewId::new(browser::new_id()), browser::now());
            match store.create(&copy).await {
                Ok(_) => workbook
                    .index
                    .update(|index| index.upsert(ReviewSummary::of(&copy))),
                Err(err) => workbook.fail("Debrief could not store the copy.", err),
            }
        });
    }

    /// Moves a review to Recently deleted, offering Undo for a moment.
    pub fn delete(&self, id: &ReviewId) {
        let (workbook, id) = (*self, id.clone());
        spawn_local(async move {
            let store = workbook.store();
            let stored = match store.read_review(&id).await {
                Ok(stored) => stored,
                Err(err) => return workbook.fail("The review was not deleted.", err),
            };
            if let Err(err) = store.delete_review(&stored).await {
                let err = match err {
                    SaveError::Conflict { .. } => {
                        "It was changed in another tab at the same moment; look at it again first."
                            .to_owned()
                    }
                    SaveError::Store(err) => err.to_string(),
                };
                return workbook.fail("The review was not deleted.", err);
            }
            workbook.index.update(|index| {
                index.remove(&id);
            });
            workbook.deleted.set(Some(TrashedReview {
                id: id.clone(),
                title: stored.document.display_title().to_owned(),
                deleted_at_millis: browser::now().timestamp_millis(),
            }));
            if let Some(handle) = workbook.undo_timer.try_update_value(Option::take).flatten() {
                handle.clear();
            }
            let handle =
                set_timeout_with_handle(move || workbook.deleted.set(None), UNDO_SHOWN).ok();
            workbook.undo_timer.set_value(handle);
            workbook.refresh_storage_picture();
        });
    }

    pub fn undo_delete(&self) {
        if let Some(deleted) = self.deleted.get_untracked() {
            self.deleted.set(None);
            self.restore(&deleted.id);
        }
    }

    /// Puts a review from Recently deleted back in the library.
    pub fn restore(&self, id: &ReviewId) {
        let (workbook, id) = (*self, id.clone());
        spawn_local(async move {
            match workbook.store().restore_from_trash(&id).await {
                Ok(review) => {
                    workbook
                        .index
                        .update(|index| index.upsert(ReviewSummary::of(&review)));
                    workbook.problem.set(None);
                }
                Err(err) => workbook.fail("The review was not restored.", err),
            }
            workbook.refresh_storage_picture();
        });
    }

    /// Deletes reviews from Recently deleted for good, with their transcripts.
    pub fn purge(&self, ids: Vec<ReviewId>) {
        let workbook = *self;
        spawn_local(async move {
            if let Err(err) = workbook.store().purge(&ids).await {
                workbook.fail("Recently deleted was not emptied.", err);
            }
            workbook.refresh_storage_picture();
        });
    }

    pub fn empty_trash(&self) {
        let ids = self
            .trash
            .with_untracked(|trash| trash.iter().map(|t| t.id.clone()).collect());
        self.purge(ids);
    }

    /// Removes transcripts whose review is neither in the workbook nor in Recently deleted.
    async fn sweep_orphan_transcripts(&self) {
        let store = self.store();
        let Ok(transcripts) = transcript_store(&store.database_name()).await else {
            return;
        };
        let (Ok(ids), Ok(trash)) = (transcripts.review_ids().await, store.trash().await) else {
            return;
        };
        let keep = |id: &ReviewId| {
            self.index.with_untracked(|index| index.get(id).is_some())
                || trash.iter().any(|t| &t.id == id)
                || self
                    .newer
                    .with_untracked(|newer| newer.iter().any(|n| n.key == review_key(id)))
        };
        for id in ids.into_iter().filter(|id| !keep(id)) {
            let _ = transcripts.remove(&id).await;
        }
    }

    pub fn download_recovered(&self, document: &RecoveredDocument) {
        let name = format!("debrief-recovered-{}.json", document.set_aside_at_millis);
        browser::download(&name, "application/json", &document.text);
    }

    pub fn discard_recovered(&self, key: &str) {
        let (workbook, key) = (*self, key.to_owned());
        spawn_local(async move {
            if let Err(err) = workbook.store().discard_recovered(&key).await {
                workbook.fail("The document was not discarded.", err);
            }
            workbook.refresh_storage_picture();
        });
    }

    /// Reads a recovered document again (a newer Debrief may read what an older one could
    /// not; a version not kept is an ordinary review). When it reads, it is imported with
    /// the usual choice for an id already here, and leaves Recovered documents.
    pub fn try_recovered_again(&self, document: &RecoveredDocument) {
        let incoming = match read_import(&document.text) {
            Ok(incoming) => incoming,
            Err(reason) => {
                self.problem.set(Some(format!(
                    "It still cannot be read: {reason} It stays under Recovered documents; download it to repair it by hand."
                )));
                return;
            }
        };
        let (workbook, key) = (*self, document.key.clone());
        spawn_local(async move {
            // Discarded only once everything in it is stored and nothing waits for a choice.
            if workbook
                .store_incoming("the recovered document", incoming)
                .await
            {
                workbook.discard_recovered(&key);
            }
        });
    }

    /// Imports a review or a workbook backup (JSON, or a Debrief HTML report carrying its
    /// data). New reviews are stored at once; ones whose id is already here wait in
    /// [`Workbook::clashes`] for a choice. A file that cannot be read, or will not fit,
    /// changes nothing.
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
                    "\u{201c}{file_name}\u{201d} was not imported. {err} Nothing was changed."
                )));
                return;
            }
        };
        let (workbook, file_name, needed) = (*self, file_name.to_owned(), json.len() as u64 * 2);
        spawn_local(async move {
            if let Some(usage) = estimate_usage().await {
                if needed > usage.free_bytes() {
                    workbook.problem.set(Some(format!(
                        "\u{201c}{file_name}\u{201d} was not imported: it needs about {} and this browser has {} left for this site. Nothing was changed. Free space by emptying Recently deleted or deleting reviews you have downloaded, then try again.",
                        size_label(needed),
                        size_label(usage.free_bytes())
                    )));
                    return;
                }
            }
            workbook.store_incoming(&file_name, incoming).await;
        });
    }

    /// Stores what a file held; true when all of it is stored and nothing waits for a
    /// choice.
    async fn store_incoming(&self, file_name: &str, incoming: Incoming) -> bool {
        let store = self.store();
        let (metas, unreadable) = match &incoming {
            Incoming::Backup(backup) => (backup.meta_reviews.clone(), backup.unreadable.clone()),
            Incoming::Review(_) => (Vec::new(), Vec::new()),
        };
        let plan = self
            .index
            .with_untracked(|index| plan_import(incoming, index));
        let mut stored = 0;
        for review in &plan.new {
            match store.create(review).await {
                Ok(_) => {
                    stored += 1;
                    self.index
                        .update(|index| index.upsert(ReviewSummary::of(review)));
                }
                Err(err) => {
                    self.fail(
                        &format!(
                            "Only {stored} of {} reviews from \u{201c}{file_name}\u{201d} could be stored.",
                            plan.new.len()
                        ),
                        err,
                    );
                    break;
                }
            }
        }
        let existing = self
            .metas
            .with_untracked(|all| all.iter().map(|m| m.id.clone()).collect());
        let metas = plan_meta_import(metas, &existing, || MetaReviewId::new(browser::new_id()));
        for meta in metas {
            if store.create(&meta).await.is_ok() {
                self.metas.update(|all| all.insert(0, meta));
            }
        }
        for document in &unreadable {
            let _ = store
                .set_aside(&document.key, &document.text, &document.reason)
                .await;
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
            (n, 0) => format!("Imported {} from \u{201c}{file_name}\u{201d}.", count(n, "review", "reviews")),
            (n, w) => format!(
                "Imported {} from \u{201c}{file_name}\u{201d}; {w} already in this workbook need{} your choice below.",
                count(n, "review", "reviews"),
                if w == 1 { "s" } else { "" }
            ),
        }));
        self.ask_for_persistence();
        self.refresh_storage_picture();
        stored == plan.new.len() && waiting == 0
    }

    /// Settles the first waiting clash (`None`: skip it).
    pub fn resolve_clash(&self, choice: Option<ImportChoice>) {
        let Some(clash) = self.clashes.with_untracked(|all| all.first().cloned()) else {
            return;
        };
        self.clashes.update(|all| {
            all.remove(0);
        });
        if let Some(choice) = choice {
            self.store_resolved(clash, choice);
        }
    }

    /// Settles every waiting clash the same way (`None`: skip them all).
    pub fn resolve_all(&self, choice: Option<ImportChoice>) {
        let clashes = self.clashes.try_update(std::mem::take).unwrap_or_default();
        if let Some(choice) = choice {
            for clash in clashes {
                self.store_resolved(clash, choice);
            }
        }
    }

    fn store_resolved(&self, clash: Clash, choice: ImportChoice) {
        let review = resolve_clash(
            clash.incoming,
            choice,
            || ReviewId::new(browser::new_id()),
            browser::now(),
        );
        let workbook = *self;
        spawn_local(async move {
            match workbook.store().overwrite(&review).await {
                Ok(_) => workbook
                    .index
                    .update(|index| index.upsert(ReviewSummary::of(&review))),
                Err(err) => workbook.fail("The review was not imported.", err),
            }
            workbook.refresh_storage_picture();
        });
    }

    /// Offers the whole workbook as one backup file: every review and meta-review, and
    /// every document that cannot be read, verbatim with its reason.
    pub fn download_backup(&self) {
        let workbook = *self;
        spawn_local(async move {
            let store = workbook.store();
            let gathered = async {
                let (reviews, newer) = store.all_reviews().await?;
                let meta_reviews = store.meta_reviews().await?;
                let recovered = store.recovered_documents().await?;
                Ok::<_, crate::storage::StoreError>((reviews, newer, meta_reviews, recovered))
            }
            .await;
            let (reviews, newer, meta_reviews, recovered) = match gathered {
                Ok(all) => all,
                Err(err) => return workbook.fail("The backup was not made.", err),
            };
            let unreadable = newer
                .into_iter()
                .map(|u| UnreadableDocument {
                    key: u.key,
                    reason: u.reason,
                    text: u.text,
                })
                .chain(recovered.into_iter().map(|r| UnreadableDocument {
                    key: r.original_key,
                    reason: r.reason,
                    text: r.text,
                }))
                .collect();
            let backup = WorkbookBackup {
                reviews,
                meta_reviews,
                unreadable,
            };
            let name = format!("debrief-backup-{}.json", browser::now().format("%Y-%m-%d"));
            if browser::download(&name, "application/json", &encode_pretty(&backup)) {
                workbook.imported.set(Some(format!(
                    "Downloaded a backup of {}.",
                    backup.describe()
                )));
                let now = js_sys::Date::now();
                workbook.last_backup.set(Some(now as i64));
                let _ = store
                    .set_setting(LAST_BACKUP, wasm_bindgen::JsValue::from_f64(now))
                    .await;
            } else {
                workbook.fail(
                    "The backup was not downloaded.",
                    "The browser refused the download.",
                );
            }
        });
    }

    /// How many reviews changed since the last backup, when that backup is more than
    /// [`BACKUP_REMINDER_DAYS`] old (or there was none): the reminder's reason to show.
    pub fn changed_since_backup(&self) -> Option<(usize, Option<i64>)> {
        let last = self.last_backup.get();
        let now = browser::now().timestamp_millis();
        if last.is_some_and(|last| now - last < BACKUP_REMINDER_DAYS * 86_400_000) {
            return None;
        }
        let changed = self.index.with(|index| {
            index
                .entries()
                .iter()
                .filter(|e| last.is_none_or(|last| e.updated_at.timestamp_millis() > last))
                .count()
        });
        (changed > 0).then_some((changed, last))
    }

    /// Offers the older localStorage layout, verbatim, while its move has not succeeded.
    pub fn download_old_layout(&self) {
        if let Some(text) = self.store().old_layout_backup() {
            browser::download("debrief-older-storage.json", "application/json", &text);
        }
    }

    /// Stores a review opened from a share link: under its own id when that is free,
    /// otherwise waiting for the same choice as an import.
    pub async fn save_shared(&self, review: Review) {
        let title = review.display_title().to_owned();
        let saved = self.store_incoming(&title, Incoming::Review(review)).await;
        // A clash asks its own question; an import's count would only repeat it.
        self.imported
            .set(saved.then(|| format!("Saved \u{201c}{title}\u{201d} to this workbook.")));
    }

    /// Opens a review for the editor: the live session when one is kept, otherwise read
    /// from storage.
    pub async fn open_review(&self, id: &ReviewId) -> Result<ReviewSession, OpenError> {
        if let Some(session) = self.reviews.show(id) {
            return Ok(session);
        }
        let store = self.store();
        let opened = ReviewSession::read(&store, id).await?;
        // Another open of the same review may have finished while this one read.
        if let Some(session) = self.reviews.show(id) {
            return Ok(session);
        }
        let index = self.index;
        Ok(self
            .reviews
            .insert(id.clone(), move || ReviewSession::new(store, opened, index)))
    }

    /// A damaged review found while opening it: the library lists it among Recovered
    /// documents now.
    pub fn forget_review(&self, id: &ReviewId) {
        self.index.update(|index| {
            index.remove(id);
        });
        self.refresh_storage_picture();
    }
}
