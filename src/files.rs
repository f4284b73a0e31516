//! Files coming in (picked or dropped) and text going to the clipboard: with
//! [`crate::storage`] and [`crate::browser::download`], the only I/O the app does.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Larger files are refused before reading: no review or backup comes near this, and reading
/// a 200 MB file into memory would freeze the tab.
pub const MAX_IMPORT_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Refuses a file over `limit` bytes before reading it, saying what to do instead.
fn refuse_if_larger(file: &web_sys::File, limit: f64, advice: &str) -> Result<(), String> {
    if file.size() <= limit {
        return Ok(());
    }
    Err(format!(
        "\u{201c}{}\u{201d} is {:.0} MB; Debrief reads files like this up to {:.0} MB in a browser. {advice}Nothing was changed.",
        file.name(),
        file.size() / 1024.0 / 1024.0,
        limit / 1024.0 / 1024.0
    ))
}

fn unreadable(file: &web_sys::File) -> String {
    format!(
        "\u{201c}{}\u{201d} could not be read. Nothing was changed.",
        file.name()
    )
}

/// A file's text, or a plain-words reason it could not be read.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    refuse_if_larger(file, MAX_IMPORT_BYTES, "")?;
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| unreadable(file))?;
    text.as_string().ok_or_else(|| {
        format!(
            "\u{201c}{}\u{201d} is not a text file. Nothing was changed.",
            file.name()
        )
    })
}

/// Chat exports are larger than reviews: a Slack export of a busy workspace runs to tens of
/// megabytes zipped. Past this, reading it would strain the tab; export fewer channels.
pub const MAX_CHAT_BYTES: f64 = 100.0 * 1024.0 * 1024.0;

/// A chat file's bytes, or a plain-words reason it could not be read. Files over
/// [`MAX_CHAT_BYTES`] are refused before reading.
pub async fn read_chat_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    refuse_if_larger(
        file,
        MAX_CHAT_BYTES,
        "Export a shorter time range or fewer channels. ",
    )?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| unreadable(file))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Copies text to the clipboard. Returns false where the browser does not allow it (then the
/// text is still shown, selected, for copying by hand).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else {
        return false;
    };
    match write.call1(&clipboard, &JsValue::from_str(text)) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}
