//! How much of the browser's storage this site uses, as the browser itself reports it
//! (`navigator.storage.estimate()`): IndexedDB, caches and everything else of the origin,
//! against the quota the browser grants the origin.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageUsage {
    /// Bytes used by this origin (every page of it shares the quota).
    pub used_bytes: u64,
    pub quota_bytes: u64,
}

impl StorageUsage {
    pub fn share_used(&self) -> f64 {
        if self.quota_bytes == 0 {
            1.0
        } else {
            self.used_bytes as f64 / self.quota_bytes as f64
        }
    }

    /// Room left, in bytes.
    pub fn free_bytes(&self) -> u64 {
        self.quota_bytes.saturating_sub(self.used_bytes)
    }
}

/// A size for people: "88 KB", "7.4 MB", "10.0 GB".
pub fn size_label(bytes: u64) -> String {
    match bytes {
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b if b < 1024 * 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b => format!("{:.1} GB", b as f64 / (1024.0 * 1024.0 * 1024.0)),
    }
}

/// The browser's estimate, or `None` when it gives none.
pub async fn estimate_usage() -> Option<StorageUsage> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if storage.is_undefined() {
        return None;
    }
    let manager: web_sys::StorageManager = storage.unchecked_into();
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some(StorageUsage {
        used_bytes: number("usage")? as u64,
        quota_bytes: number("quota")? as u64,
    })
}
