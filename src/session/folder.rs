//! "Keep this workbook in a folder": every review also as a file in a folder the person
//! picked, and changes made there (a `git pull`) read back when the tab regains focus.
//!
//! `debrief_core::folder` decides what a sync does; this module reads the folder and the
//! workbook for it, carries the steps out, and shows the result. Syncs run one at a time
//! across tabs (a Web Lock), two seconds after the workbook last changed, and whenever the
//! page comes back into view.

use super::Workbook;
use crate::browser;
use crate::storage::{review_key, Folder, FolderError, FolderLock, Permission, SaveError, Store};
use debrief_core::document::{encode, encode_pretty, load};
use debrief_core::folder::{
    files_to_read, fingerprint, plan, FileStamp, FolderFile, Listed, Step, SyncRecords,
};
use debrief_core::model::{Review, ReviewId};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::time::Duration;

/// How long the workbook must be quiet before its changes go to the folder: a file per
/// pause in typing, not per keystroke.
const SYNC_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq)]
pub enum FolderState {
    /// This browser cannot keep a workbook in a folder.
    Unsupported,
    Off,
    /// A folder was picked before; the browser needs the person's permission again.
    NeedsPermission {
        name: String,
    },
    Kept {
        name: String,
        /// When the folder and the workbook last agreed (milliseconds).
        synced_at: Option<i64>,
    },
    /// The last sync could not use the folder; the workbook itself is unaffected.
    Failed {
        name: String,
        problem: String,
    },
}

/// A review changed both here and in the folder, waiting for the person's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderConflict {
    pub id: ReviewId,
    pub file: String,
}

#[derive(Clone, Copy)]
pub struct FolderSync {
    pub state: RwSignal<FolderState>,
    pub syncing: RwSignal<bool>,
    /// What the last sync found that the person should know, in plain words.
    pub notes: RwSignal<Vec<String>>,
    pub conflicts: RwSignal<Vec<FolderConflict>>,
    /// A problem the last folder action ran into (a choice that could not be carried out).
    pub problem: RwSignal<Option<String>>,
    folder: StoredValue<Option<Folder>, LocalStorage>,
    workbook: Workbook,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl FolderSync {
    pub fn new(workbook: Workbook) -> Self {
        let state = if Folder::supported() {
            FolderState::Off
        } else {
            FolderState::Unsupported
        };
        Self {
            state: RwSignal::new(state),
            syncing: RwSignal::new(false),
            notes: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            folder: StoredValue::new_local(None),
            workbook,
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            timer: StoredValue::new(None),
        }
    }

    fn store(&self) -> Store {
        self.workbook.store.get_value()
    }

    /// Picks up the folder kept before, if any: synced at once when the browser still
    /// allows it, otherwise waiting for the person's "Reconnect".
    pub fn start(&self) {
        if self.state.get_untracked() == FolderState::Unsupported {
            return;
        }
        let sync = *self;
        spawn_local(async move {
            let Ok(Some(folder)) = sync.store().kept_folder().await else {
                return;
            };
            let name = folder.name();
            sync.folder.set_value(Some(folder.clone()));
            if let Ok(records) = sync.store().folder_records().await {
                sync.show_conflicts(&records);
            }
            match folder.permission(false).await {
                Permission::Granted => {
                    sync.state.set(FolderState::Kept {
                        name,
                        synced_at: None,
                    });
                    sync.sync_now();
                }
                _ => sync.state.set(FolderState::NeedsPermission { name }),
            }
        });
        let sync = *self;
        let index = self.workbook.index;
        // Whatever changes a review changes the library's index: the folder follows it.
        Effect::watch(
            move || index.track(),
            move |_, _, _| sync.sync_soon(),
            false,
        );
    }

    /// Asks the person for a folder and keeps the workbook in it from now on.
    pub fn choose_folder(&self) {
        let sync = *self;
        spawn_local(async move {
            let folder = match Folder::pick().await {
                Ok(Some(folder)) => folder,
                Ok(None) => return,
                Err(err) => return sync.problem.set(Some(err.to_string())),
            };
            if folder.permission(true).await != Permission::Granted {
                return sync
                    .problem
                    .set(Some(FolderError::NoPermission.to_string()));
            }
            if let Err(err) = sync.store().keep_folder(&folder).await {
                return sync
                    .problem
                    .set(Some(format!("The folder could not be remembered. {err}")));
            }
            sync.problem.set(None);
            sync.state.set(FolderState::Kept {
                name: folder.name(),
                synced_at: None,
            });
            sync.conflicts.set(Vec::new());
            sync.folder.set_value(Some(folder));
            sync.sync_now();
        });
    }

    /// Asks the browser for the permission again (it asks the person; call from a click).
    pub fn reconnect(&self) {
        let Some(folder) = self.folder.get_value() else {
            return;
        };
        let sync = *self;
        spawn_local(async move {
            if folder.permission(true).await == Permission::Granted {
                sync.problem.set(None);
                sync.state.set(FolderState::Kept {
                    name: folder.name(),
                    synced_at: None,
                });
                sync.sync_now();
            } else {
                sync.problem
                    .set(Some(FolderError::NoPermission.to_string()));
            }
        });
    }

    /// Stops keeping the workbook in the folder; its files stay as they are.
    pub fn stop_keeping(&self) {
        let sync = *self;
        spawn_local(async move {
            match sync.store().forget_folder().await {
                Ok(()) => {
                    sync.folder.set_value(None);
                    sync.state.set(FolderState::Off);
                    sync.notes.set(Vec::new());
                    sync.conflicts.set(Vec::new());
                    sync.problem.set(None);
                }
                Err(err) => sync.problem.set(Some(err.to_string())),
            }
        });
    }

    /// Syncs once the workbook has been quiet for a moment.
    pub fn sync_soon(&self) {
        if !matches!(self.state.get_untracked(), FolderState::Kept { .. }) {
            return;
        }
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let sync = *self;
        let handle = set_timeout_with_handle(move || sync.sync_now(), SYNC_AFTER).ok();
        self.timer.set_value(handle);
    }

    /// Brings the workbook and the folder in step now (the page came back into view, or the
    /// person asked). A sync asked for while one runs follows it.
    pub fn sync_now(&self) {
        if !matches!(
            self.state.get_untracked(),
            FolderState::Kept { .. } | FolderState::Failed { .. }
        ) {
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(folder) = self.folder.get_value() else {
            return;
        };
        self.running.set_value(true);
        self.syncing.set(true);
        let sync = *self;
        spawn_local(async move {
            loop {
                sync.again.set_value(false);
                let name = folder.name();
                match sync.sync_once(&folder).await {
                    Ok(()) => sync.state.set(FolderState::Kept {
                        name,
                        synced_at: Some(browser::now().timestamp_millis()),
                    }),
                    Err(FolderError::NoPermission) => {
                        sync.state.set(FolderState::NeedsPermission { name })
                    }
                    Err(err) => sync.state.set(FolderState::Failed {
                        name,
                        problem: err.to_string(),
                    }),
                }
                if !sync.again.get_value() {
                    break;
                }
            }
            sync.running.set_value(false);
            sync.syncing.set(false);
        });
    }

    async fn sync_once(&self, folder: &Folder) -> Result<(), FolderError> {
        let store = self.store();
        let _lock = FolderLock::hold(&store.database_name()).await;
        let unavailable = |err: crate::storage::StoreError| {
            self.notes.set(vec![format!(
                "The workbook could not be read to compare it with the folder. {err}"
            )]);
            FolderError::Failed
        };
        let mut records = store.folder_records().await.map_err(unavailable)?;
        let heads = store.review_heads().await.map_err(unavailable)?;
        let trashed: HashSet<ReviewId> = store
            .trash()
            .await
            .map_err(unavailable)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let listed = folder.list().await?;
        let to_read: HashSet<&str> = files_to_read(&records, &listed).into_iter().collect();
        let mut files = Vec::with_capacity(listed.len());
        for file in &listed {
            let text = if to_read.contains(file.name.as_str()) {
                Some(folder.read(&file.name).await?)
            } else {
                None
            };
            files.push(FolderFile {
                listed: file.clone(),
                text,
            });
        }
        let plan = plan(&records, &heads, &trashed, files);
        let mut notes: Vec<String> = plan.notes.iter().map(ToString::to_string).collect();
        let mut failure = None;
        for step in plan.steps {
            if let Err(err) = self
                .carry_out(step, folder, &store, &mut records, &mut notes)
                .await
            {
                failure = Some(err);
                break;
            }
        }
        // What was done is remembered even when a step failed, so it is not done twice.
        if let Err(err) = store.set_folder_records(&records).await {
            notes.push(format!(
                "What was synced could not be remembered; the next sync compares again. {err}"
            ));
        }
        self.show_conflicts(&records);
        self.notes.set(notes);
        failure.map_or(Ok(()), Err)
    }

    /// One step of a plan. Folder errors stop the sync; a review that cannot be read or
    /// stored is told about and skipped.
    async fn carry_out(
        &self,
        step: Step,
        folder: &Folder,
        store: &Store,
        records: &mut SyncRecords,
        notes: &mut Vec<String>,
    ) -> Result<(), FolderError> {
        match step {
            Step::Write { id, file } => {
                let stored = match store.read_review(&id).await {
                    Ok(stored) => stored,
                    Err(err) => {
                        notes.push(format!("{file} was not written: {err}"));
                        return Ok(());
                    }
                };
                let text = encode_pretty(&stored.document);
                let written = folder.write(&file, &text).await?;
                records.in_step(id, file, stored.revision, stamp(&text, &written));
            }
            Step::Take {
                review,
                file,
                stamp,
                base,
            } => {
                let id = review.id.clone();
                let written = match base {
                    None => store.create(review.as_ref()).await,
                    Some(base) => store
                        .write_whole(review.as_ref(), Some(base), base + 1)
                        .await
                        .map(|()| base + 1),
                };
                match written {
                    Ok(revision) => {
                        records.in_step(id.clone(), file, revision, stamp);
                        self.review_changed_here(&id);
                    }
                    // Changed here meanwhile: the next sync sees both changes.
                    Err(SaveError::Conflict { .. }) => {}
                    Err(SaveError::Store(err)) => {
                        notes.push(format!("The changes in {file} were not taken in: {err}"))
                    }
                }
            }
            Step::Conflict {
                review,
                file,
                text,
                stamp,
                revision,
            } => {
                let id = review.id.clone();
                let same = store
                    .read_review(&id)
                    .await
                    .is_ok_and(|stored| &stored.document == review.as_ref());
                if same {
                    records.in_step(id, file, revision, stamp);
                    return Ok(());
                }
                let reason = format!(
                    "The version in the folder ({file}), changed there while this browser\u{2019}s version changed too. Choose one on the review; this copy stays here either way."
                );
                match store.set_aside(&review_key(&id), &text, &reason).await {
                    Ok(()) => records.waiting(id, file, revision, stamp),
                    Err(err) => notes.push(format!(
                        "{file} and this browser\u{2019}s version both changed, and the folder\u{2019}s could not be kept aside, so neither was touched. {err}"
                    )),
                }
                self.workbook.refresh_storage_picture();
            }
            Step::Trash { id } => {
                if let Ok(stored) = store.read_review(&id).await {
                    match store.delete_review(&stored).await {
                        Ok(()) => {
                            records.reviews.remove(&id);
                            notes.push(format!(
                                "\u{201c}{}\u{201d} was deleted in the folder, so it was moved to Recently deleted here.",
                                stored.document.display_title()
                            ));
                            self.review_changed_here(&id);
                        }
                        Err(SaveError::Conflict { .. }) => {}
                        Err(SaveError::Store(err)) => notes.push(format!(
                            "\u{201c}{}\u{201d} was deleted in the folder but could not be moved to Recently deleted: {err}",
                            stored.document.display_title()
                        )),
                    }
                }
            }
            Step::Remove { id, file } => {
                folder.remove(&file).await?;
                records.reviews.remove(&id);
            }
            Step::Renamed { id, file } => {
                if let Some(synced) = records.reviews.get_mut(&id) {
                    synced.file = file;
                }
            }
        }
        Ok(())
    }

    /// This tab wrote a review on the folder's behalf: the library, an open editor and the
    /// other tabs follow.
    fn review_changed_here(&self, id: &ReviewId) {
        if let Some(session) = self.workbook.reviews.get(id) {
            session.saver.follow_stored();
        }
        self.workbook.reload_index();
    }

    fn show_conflicts(&self, records: &SyncRecords) {
        let conflicts: Vec<FolderConflict> = records
            .conflicts()
            .map(|(id, file)| FolderConflict {
                id: id.clone(),
                file: file.to_owned(),
            })
            .collect();
        if self.conflicts.get_untracked() != conflicts {
            self.conflicts.set(conflicts);
        }
    }

    pub fn conflict_of(&self, id: &ReviewId) -> Option<FolderConflict> {
        self.conflicts
            .with(|all| all.iter().find(|c| &c.id == id).cloned())
    }

    /// The folder's version of a review in conflict, for showing what differs.
    pub async fn folder_version(&self, id: &ReviewId) -> Result<Review, String> {
        let folder = self.folder.get_value().ok_or("No folder is kept.")?;
        let conflict = self
            .conflict_of(id)
            .ok_or("This review waits for no choice.")?;
        let text = folder
            .read(&conflict.file)
            .await
            .map_err(|err| err.to_string())?;
        load::<Review>(&text).map_err(|err| format!("{} cannot be read: {err}", conflict.file))
    }

    /// Settles a conflict for this browser's version: it is written to the folder; the
    /// folder's stays among Recovered documents.
    pub fn keep_browser_version(&self, id: &ReviewId) {
        self.settle(id, false);
    }

    /// Settles a conflict for the folder's version: it replaces this browser's, which stays
    /// among Recovered documents.
    pub fn take_folder_version(&self, id: &ReviewId) {
        self.settle(id, true);
    }

    fn settle(&self, id: &ReviewId, take_folder: bool) {
        let Some(folder) = self.folder.get_value() else {
            return;
        };
        let (sync, id) = (*self, id.clone());
        spawn_local(async move {
            let store = sync.store();
            let _lock = FolderLock::hold(&store.database_name()).await;
            let result = if take_folder {
                sync.take_from_folder(&folder, &store, &id).await
            } else {
                sync.write_to_folder(&folder, &store, &id).await
            };
            match result {
                Ok(()) => sync.problem.set(None),
                Err(problem) => sync.problem.set(Some(problem)),
            }
        });
    }

    async fn write_to_folder(
        &self,
        folder: &Folder,
        store: &Store,
        id: &ReviewId,
    ) -> Result<(), String> {
        // Edits in an open editor are stored first, so the file holds what is on screen.
        if let Some(session) = self.workbook.reviews.get(id) {
            session.saver.flush();
        }
        let mut records = store.folder_records().await.map_err(|e| e.to_string())?;
        let file = self
            .conflict_of(id)
            .ok_or("This review waits for no choice.")?
            .file;
        let stored = store.read_review(id).await.map_err(|e| e.to_string())?;
        let text = encode_pretty(&stored.document);
        let written = folder
            .write(&file, &text)
            .await
            .map_err(|e| e.to_string())?;
        records.in_step(id.clone(), file, stored.revision, stamp(&text, &written));
        store
            .set_folder_records(&records)
            .await
            .map_err(|e| e.to_string())?;
        self.show_conflicts(&records);
        Ok(())
    }

    async fn take_from_folder(
        &self,
        folder: &Folder,
        store: &Store,
        id: &ReviewId,
    ) -> Result<(), String> {
        let mut records = store.folder_records().await.map_err(|e| e.to_string())?;
        let file = self
            .conflict_of(id)
            .ok_or("This review waits for no choice.")?
            .file;
        let listed = folder.list().await.map_err(|e| e.to_string())?;
        let listed = listed
            .into_iter()
            .find(|l| l.name == file)
            .ok_or_else(|| format!("{file} is no longer in the folder."))?;
        let text = folder.read(&file).await.map_err(|e| e.to_string())?;
        let theirs =
            load::<Review>(&text).map_err(|err| format!("{file} cannot be read: {err}"))?;
        const NOT_KEPT: &str =
            "This browser\u{2019}s version, not kept when the folder\u{2019}s was chosen.";
        let revision = match self.workbook.reviews.get(id) {
            // The editor's version, edits of this moment included, is kept by its own
            // conflict path.
            Some(session) => {
                let revision = store.overwrite(&theirs).await.map_err(|e| e.to_string())?;
                session.saver.take_theirs(NOT_KEPT).await?;
                revision
            }
            None => {
                let mine = store.read_review(id).await.map_err(|e| e.to_string())?;
                store
                    .set_aside(&review_key(id), &encode(&mine.document), NOT_KEPT)
                    .await
                    .map_err(|e| e.to_string())?;
                store.overwrite(&theirs).await.map_err(|e| e.to_string())?
            }
        };
        records.in_step(id.clone(), file, revision, stamp(&text, &listed));
        store
            .set_folder_records(&records)
            .await
            .map_err(|e| e.to_string())?;
        self.show_conflicts(&records);
        self.workbook.reload_index();
        Ok(())
    }
}

fn stamp(text: &str, listed: &Listed) -> FileStamp {
    FileStamp {
        digest: fingerprint(text),
        modified: listed.modified,
        size: listed.size,
    }
}
