//! The whole app's module as seen from the first-load one. A first visit downloads only the
//! library and the share-link preview (src/bin/first_load.rs); a review, a meta-review or any
//! other page is drawn by the whole app (src/main.rs), started here. The service worker has
//! both modules after the first visit, so the hand-over costs no download after that.

use crate::routing::Route;
use leptos::prelude::window;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/whole_app.js")]
extern "C" {
    fn start_whole_app();
}

/// Whether `route` is a page only the whole app draws.
pub fn needed_for(route: &Route) -> bool {
    !matches!(route, Route::Library | Route::Shared(_))
}

/// Starts the whole app in this page, in place of the first-load module (which has mounted
/// nothing).
pub fn start() {
    start_whole_app();
}

/// Leaves the first-load module for the whole app: the address already names the page, and
/// a reload starts the whole app for it. A reload rather than a hand-over in place, so
/// nothing of the first-load module (its listeners, its timers) outlives it. Every write
/// the library starts has finished before it navigates (a new review is stored first).
pub fn reload_into_it() {
    let _ = window().location().reload();
}
