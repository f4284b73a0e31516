use debrief_core::document::LoadError;
use std::fmt;
use wasm_bindgen::JsValue;

/// Why the browser refused to store or read something, in words for the person using
/// Debrief: what happened and what is safe. Callers add what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off (site data blocked, some private windows).
    Unavailable,
    /// The browser's storage for this site is full.
    Full,
    /// Another tab holds an older version of Debrief open and will not let go.
    Blocked,
    /// Anything else the browser reported; `what` is already in plain words.
    Failed { what: String },
}

impl StoreError {
    pub(super) fn from_js(err: &JsValue) -> Self {
        let name = js_sys::Reflect::get(err, &JsValue::from_str("name"))
            .ok()
            .and_then(|name| name.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => Self::Full,
            Some("SecurityError") | Some("InvalidStateError") | Some("NotAllowedError") => {
                Self::Unavailable
            }
            Some("BlockedError") | Some("VersionError") => Self::Blocked,
            Some("AbortError") => Self::Failed {
                what: "the browser cancelled the write before it finished (the tab may be closing)"
                    .to_owned(),
            },
            Some("UnknownError") | Some("DataError") | Some("NotFoundError") => Self::Failed {
                what: "the browser's storage reported an internal problem".to_owned(),
            },
            _ => Self::Failed {
                what: "the browser refused for a reason it did not name".to_owned(),
            },
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str(
                "This browser is not letting Debrief store anything: site data may be blocked, or this is a private window.",
            ),
            Self::Full => f.write_str("The browser's storage for this site is full."),
            Self::Blocked => f.write_str(
                "Another tab has an older version of Debrief open, which keeps this one from opening the workbook. Reload or close the other Debrief tabs.",
            ),
            Self::Failed { what } => write!(f, "The browser could not store the change: {what}."),
        }
    }
}

impl std::error::Error for StoreError {}

/// Why a stored document could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    NotFound,
    /// Written by a newer Debrief: left in place untouched.
    NewerVersion(LoadError),
    /// Damaged: moved, unchanged, to Recovered documents; never deleted.
    Quarantined(LoadError),
    Store(StoreError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str(
                "There is no review with this address in this browser's workbook. It may have been deleted (look in Recently deleted in the library), or created in another browser.",
            ),
            Self::NewerVersion(reason) => write!(f, "{reason}"),
            Self::Quarantined(reason) => write!(
                f,
                "This could not be read, so it was set aside, unchanged, under Recovered documents in the library. {reason}"
            ),
            Self::Store(err) => write!(f, "{err}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Storage no longer holds the revision this tab based its edit on: another tab changed
    /// or deleted the document. `revision` is what storage holds now (`None`: deleted).
    Conflict {
        revision: Option<u64>,
    },
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Conflict { .. } => f.write_str(
                "This was changed in another tab or window at the same moment; nothing was changed here.",
            ),
            Self::Store(err) => write!(f, "{err}"),
        }
    }
}

impl From<StoreError> for SaveError {
    fn from(err: StoreError) -> Self {
        Self::Store(err)
    }
}
