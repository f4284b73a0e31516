//! Telling other tabs what changed. IndexedDB has no change event, so each committed write
//! is announced on a `BroadcastChannel` named after the database, carrying the record's
//! key. One channel object per tab both sends and listens: a channel never hears its own
//! messages, so a tab is not told about its own writes.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static CHANNELS: RefCell<Vec<(String, web_sys::BroadcastChannel)>> = const { RefCell::new(Vec::new()) };
}

fn channel(name: &str) -> Option<web_sys::BroadcastChannel> {
    CHANNELS.with_borrow_mut(|channels| {
        if let Some((_, channel)) = channels.iter().find(|(n, _)| n == name) {
            return Some(channel.clone());
        }
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        channels.push((name.to_owned(), channel.clone()));
        Some(channel)
    })
}

pub(super) fn announce(database: &str, key: &str) {
    if let Some(channel) = channel(database) {
        let _ = channel.post_message(&JsValue::from_str(key));
    }
}

/// Calls `changed` with the key of every record another tab of this workbook wrote. The
/// listener lives as long as the page.
pub fn listen_to_other_tabs(database: &str, changed: impl Fn(String) + 'static) {
    let Some(channel) = channel(database) else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(key) = event.data().as_string() {
                changed(key);
            }
        });
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    // The page owns the channel for its whole life; there is nothing to hand the closure to.
    listener.forget();
}
