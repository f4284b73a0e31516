//! Small wrappers over browser facilities the domain deliberately lacks: a clock, randomness,
//! the reader's time zone, file downloads and persistent-storage requests.

use chrono::{DateTime, Utc};
use wasm_bindgen::{JsCast, JsValue};

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A fresh id for a review or an entry inside one.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 2f64.powi(53)) as u64;
    debrief_core::library::make_id(js_sys::Date::now() as i64, random)
}

/// The reader's IANA time zone, as the browser reports it; UTC when it cannot tell.
pub fn local_time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Offers `contents` as a file download. Returns false if the browser refused.
pub fn download(file_name: &str, mime: &str, contents: &str) -> bool {
    let attempt = || -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(contents));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    };
    attempt().is_ok()
}

/// A moment (milliseconds) as the time of day on this device's clock, `14:03:27`.
pub fn local_time_label(millis: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64))
        .to_locale_time_string("en-GB")
        .into()
}

/// A file name from a title: lower-case words joined by dashes, cut after a whole word.
pub fn file_slug(title: &str) -> String {
    debrief_core::text::file_stem(title, "review")
}

/// Whether the browser has promised not to evict this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Unknown,
    Persistent,
    BestEffort,
    Unsupported,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers lack navigator.storage entirely.
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if storage.is_undefined() {
        return None;
    }
    Some(storage.unchecked_into())
}

async fn ask(promise: Result<js_sys::Promise, JsValue>) -> Persistence {
    let Ok(promise) = promise else {
        return Persistence::Unsupported;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(value) if value.as_bool() == Some(true) => Persistence::Persistent,
        Ok(_) => Persistence::BestEffort,
        Err(_) => Persistence::Unsupported,
    }
}

/// Reads whether storage is already persistent, without prompting.
pub async fn persistence() -> Persistence {
    match storage_manager() {
        Some(manager) => ask(manager.persisted()).await,
        None => Persistence::Unsupported,
    }
}

/// Asks the browser to keep this site's storage under pressure
/// (`navigator.storage.persist()`).
pub async fn request_persistence() -> Persistence {
    match storage_manager() {
        Some(manager) => ask(manager.persist()).await,
        None => Persistence::Unsupported,
    }
}

/// The height a windowed list must fill: its scroller grows with its rows up to a share of
/// the window, so its own height while it held few rows (or none) would draw too few.
pub fn list_reach(scroller: &web_sys::HtmlElement) -> f64 {
    let window_height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    f64::from(scroller.client_height()).max(window_height)
}
