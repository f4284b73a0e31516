use super::StoreError;
use wasm_bindgen::JsValue;

/// Browsers give each site about 5 MiB of localStorage, counted in UTF-16 code units.
const TYPICAL_QUOTA_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageUsage {
    /// Bytes under Debrief's namespace.
    pub debrief_bytes: u64,
    /// Bytes used by every page of this origin (they share the quota).
    pub origin_bytes: u64,
    pub quota_bytes: u64,
}

impl StorageUsage {
    pub fn share_used(&self) -> f64 {
        self.origin_bytes as f64 / self.quota_bytes as f64
    }
}

/// Sums key and value lengths without copying values into wasm memory.
pub(super) fn measure(
    storage: &web_sys::Storage,
    namespace: &str,
) -> Result<StorageUsage, StoreError> {
    let count = storage.length().map_err(|err| StoreError::from_js(&err))?;
    let mut debrief_bytes = 0;
    let mut origin_bytes = 0;
    for i in 0..count {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        let value = js_sys::Reflect::get(storage, &JsValue::from_str(&key))
            .ok()
            .map(|v| js_sys::JsString::from(v).length() as u64)
            .unwrap_or(0);
        let bytes = 2 * (key.encode_utf16().count() as u64 + value);
        origin_bytes += bytes;
        if key.starts_with(namespace) {
            debrief_bytes += bytes;
        }
    }
    Ok(StorageUsage {
        debrief_bytes,
        origin_bytes,
        quota_bytes: TYPICAL_QUOTA_BYTES,
    })
}
