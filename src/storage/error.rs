use std::fmt;
use wasm_bindgen::JsValue;

/// Why the browser refused to store something, in words for the person using Debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off (private mode in some browsers, site data blocked).
    Unavailable,
    /// The browser's storage for this site is full.
    Full,
    Failed(String),
}

impl StoreError {
    pub(super) fn from_js(err: &JsValue) -> Self {
        match super::js_error_name(err).as_deref() {
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => Self::Full,
            Some("SecurityError") => Self::Unavailable,
            Some(other) => Self::Failed(other.to_owned()),
            None => Self::Failed(err.as_string().unwrap_or_else(|| "unknown error".into())),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str(
                "This browser is not letting Debrief store anything (site data may be blocked, or this is a private window).",
            ),
            Self::Full => f.write_str(
                "The browser's storage for this site is full.",
            ),
            Self::Failed(detail) => write!(f, "The browser refused to store the change ({detail})."),
        }
    }
}

impl std::error::Error for StoreError {}
