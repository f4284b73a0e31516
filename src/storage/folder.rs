//! The folder the workbook is also kept in ("Keep this workbook in a folder"): typed calls
//! into `folder.js`, the folder's handle and what was last synced, both kept in the
//! workbook database so they outlive reloads.

use super::documents::head_revision;
use super::engine::{self, stores, Read};
use super::{Store, StoreError, StoredDocument};
use debrief_core::folder::{Head, Listed, SyncRecords, FILE_SUFFIX};
use debrief_core::library::ReviewSummary;
use debrief_core::model::{Review, ReviewId};
use js_sys::{Array, Function};
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/storage/folder.js")]
extern "C" {
    #[wasm_bindgen(js_name = folderSupported)]
    fn folder_supported() -> bool;
    #[wasm_bindgen(catch, js_name = pickFolder)]
    async fn pick_folder() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = folderName)]
    fn folder_name(handle: &JsValue) -> String;
    #[wasm_bindgen(catch, js_name = permission)]
    async fn js_permission(handle: &JsValue, ask: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = listFiles)]
    async fn list_files(handle: &JsValue, suffix: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = readFile)]
    async fn read_file(handle: &JsValue, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = writeFile)]
    async fn write_file(handle: &JsValue, name: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = removeFile)]
    async fn remove_file(handle: &JsValue, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = holdLock)]
    async fn hold_lock(name: &str) -> Result<JsValue, JsValue>;
}

/// The setting holding the folder's handle (browsers store handles as they are).
const FOLDER: &str = "folder";
/// The setting holding [`SyncRecords`] as text.
const RECORDS: &str = "folder-records";

#[derive(Debug, Clone, PartialEq)]
pub enum FolderError {
    /// The browser needs the person's permission again (after a reload, or it was revoked).
    NoPermission,
    /// The folder is not where it was (moved, deleted, on a drive no longer there).
    Gone,
    /// The disk is full.
    Full,
    Failed,
}

impl FolderError {
    fn from_js(err: &JsValue) -> Self {
        let name = js_sys::Reflect::get(err, &JsValue::from_str("name"))
            .ok()
            .and_then(|name| name.as_string());
        match name.as_deref() {
            Some("NotAllowedError") | Some("SecurityError") => Self::NoPermission,
            Some("NotFoundError") => Self::Gone,
            Some("QuotaExceededError") => Self::Full,
            _ => Self::Failed,
        }
    }
}

impl fmt::Display for FolderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoPermission => "The browser needs your permission to use the folder again.",
            Self::Gone => "The folder is no longer where it was (moved, renamed or deleted).",
            Self::Full => "The disk holding the folder is full.",
            Self::Failed => "The browser could not use the folder, for a reason it did not name.",
        })
    }
}

/// Whether the browser lets the site use the folder now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    /// The browser will ask the person (only during a click).
    Ask,
    Denied,
}

/// A folder the person picked.
#[derive(Clone)]
pub struct Folder(JsValue);

impl Folder {
    /// Whether this browser can keep a workbook in a folder at all.
    pub fn supported() -> bool {
        folder_supported()
    }

    /// Asks the person for a folder; `None` when they closed the picker.
    pub async fn pick() -> Result<Option<Self>, FolderError> {
        let handle = pick_folder().await.map_err(|e| FolderError::from_js(&e))?;
        Ok((!handle.is_null()).then_some(Self(handle)))
    }

    pub fn name(&self) -> String {
        folder_name(&self.0)
    }

    /// The permission the site has; with `ask`, the browser asks the person (call it from
    /// a click).
    pub async fn permission(&self, ask: bool) -> Permission {
        match js_permission(&self.0, ask).await.map(|s| s.as_string()) {
            Ok(Some(state)) if state == "granted" => Permission::Granted,
            Ok(Some(state)) if state == "prompt" => Permission::Ask,
            _ => Permission::Denied,
        }
    }

    /// The review files in the folder.
    pub async fn list(&self) -> Result<Vec<Listed>, FolderError> {
        let files = list_files(&self.0, FILE_SUFFIX)
            .await
            .map_err(|e| FolderError::from_js(&e))?;
        Ok(Array::from(&files)
            .iter()
            .map(|entry| {
                let entry = Array::from(&entry);
                Listed {
                    name: entry.get(0).as_string().unwrap_or_default(),
                    modified: entry.get(1).as_f64().unwrap_or(0.0),
                    size: entry.get(2).as_f64().unwrap_or(0.0) as u64,
                }
            })
            .collect())
    }

    pub async fn read(&self, name: &str) -> Result<String, FolderError> {
        let text = read_file(&self.0, name)
            .await
            .map_err(|e| FolderError::from_js(&e))?;
        Ok(text.as_string().unwrap_or_default())
    }

    /// Writes the whole file; returns it as the folder now lists it.
    pub async fn write(&self, name: &str, text: &str) -> Result<Listed, FolderError> {
        let written = write_file(&self.0, name, text)
            .await
            .map_err(|e| FolderError::from_js(&e))?;
        let written = Array::from(&written);
        Ok(Listed {
            name: name.to_owned(),
            modified: written.get(0).as_f64().unwrap_or(0.0),
            size: written.get(1).as_f64().unwrap_or(0.0) as u64,
        })
    }

    pub async fn remove(&self, name: &str) -> Result<(), FolderError> {
        remove_file(&self.0, name)
            .await
            .map(|_| ())
            .map_err(|e| FolderError::from_js(&e))
    }
}

/// A lock held across this site's tabs until dropped.
pub struct FolderLock(Option<Function>);

impl FolderLock {
    /// Waits for the lock of the folder sync of `database`.
    pub async fn hold(database: &str) -> Self {
        let release = hold_lock(&format!("{database}-folder"))
            .await
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        Self(release)
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some(release) = self.0.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

impl Store {
    /// The folder the workbook is kept in, if the person picked one.
    pub async fn kept_folder(&self) -> Result<Option<Folder>, StoreError> {
        let handle = self.setting(FOLDER).await?;
        Ok((!handle.is_null() && !handle.is_undefined()).then_some(Folder(handle)))
    }

    /// Remembers `folder`; what was synced with an earlier folder is forgotten, so the
    /// first sync with this one compares every review rather than assuming anything.
    pub async fn keep_folder(&self, folder: &Folder) -> Result<(), StoreError> {
        self.set_settings(vec![
            (FOLDER, folder.0.clone()),
            (
                RECORDS,
                JsValue::from_str(&SyncRecords::default().to_text()),
            ),
        ])
        .await
    }

    /// Stops keeping the workbook in a folder (its files stay as they are).
    pub async fn forget_folder(&self) -> Result<(), StoreError> {
        self.set_settings(vec![(FOLDER, JsValue::NULL), (RECORDS, JsValue::NULL)])
            .await
    }

    pub async fn folder_records(&self) -> Result<SyncRecords, StoreError> {
        let text = self.setting(RECORDS).await?.as_string().unwrap_or_default();
        Ok(SyncRecords::from_text(&text))
    }

    pub async fn set_folder_records(&self, records: &SyncRecords) -> Result<(), StoreError> {
        self.set_setting(RECORDS, JsValue::from_str(&records.to_text()))
            .await
    }

    /// Every review's id, revision and title, from the heads alone.
    pub async fn review_heads(&self) -> Result<Vec<Head>, StoreError> {
        let results = self
            .db()
            .await?
            .read(
                &[stores::HEADS],
                vec![Read::Prefix(stores::HEADS, Review::PREFIX.to_owned())],
            )
            .await?;
        Ok(engine::pairs(&results[0])
            .into_iter()
            .map(|(key, head)| {
                let title = engine::string_field(&head, "summary")
                    .and_then(|text| serde_json::from_str::<ReviewSummary>(&text).ok())
                    .map(|summary| summary.title)
                    .unwrap_or_default();
                Head {
                    id: ReviewId::new(&key[Review::PREFIX.len()..]),
                    revision: head_revision(&head).unwrap_or(0),
                    title,
                }
            })
            .collect())
    }
}
