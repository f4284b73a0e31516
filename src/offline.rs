//! Offline use: the service worker that scripts/build/finish.mjs writes into each release
//! build, registered here, and the offer to reload when a newer deploy has installed.
//!
//! Debug builds (`trunk serve`, the wasm-bindgen tests) register no worker: a cache in front
//! of a build that changes on every save would serve yesterday's code.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/offline.js")]
extern "C" {
    fn watch_for_new_versions(on_ready: &Closure<dyn Fn()>);
    fn switch_to_new_version();
}

/// Registers the service worker; `on_ready` runs when a new version is waiting.
pub fn watch_for_updates(on_ready: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let on_ready = Closure::<dyn Fn()>::new(on_ready);
    watch_for_new_versions(&on_ready);
    // Called for as long as the page is open.
    on_ready.forget();
}

/// Lets the waiting version take over and reloads the page into it.
pub fn reload_into_new_version() {
    switch_to_new_version();
}
