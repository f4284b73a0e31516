//! Helpers shared by the browser tests.
#![allow(dead_code)] // each test file uses its own subset

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Fills localStorage until the browser refuses, returning the filler keys to remove.
pub fn fill_storage() -> Vec<String> {
    let storage = local_storage();
    let chunk = "x".repeat(256 * 1024);
    let mut keys = Vec::new();
    let mut size = chunk.len();
    while size >= 16 {
        let key = format!("filler-{}", keys.len());
        if storage.set_item(&key, &chunk[..size]).is_ok() {
            keys.push(key);
        } else {
            size /= 2;
        }
    }
    keys
}

pub fn free_storage(keys: &[String]) {
    for key in keys {
        local_storage().remove_item(key).unwrap();
    }
}

/// Lets timers and effects run: resolves after `ms` milliseconds.
pub async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
