//! Debrief's web app: thin Leptos components over `debrief-core`.
//!
//! Data flows one way: [`storage`] → core model → [`session`] signals → a user edit → a core
//! edit → a debounced save through [`storage`]. Only `storage`, [`files`] and [`browser`] touch
//! browser APIs for I/O; components display state and call intent methods on the session.

pub mod browser;
pub mod components;
pub mod files;
pub mod offline;
pub mod routing;
pub mod session;
pub mod storage;
pub mod zones;

mod app;
mod modules;

pub use app::{every_page, App, Pages};

use app::{library_pages, share_preview_pages};
use modules::Module;

/// Mounts the whole app on the page's body (src/main.rs).
pub fn start() {
    leptos::mount::mount_to_body(|| leptos::view! { <App pages=every_page /> });
}

/// The library's module (src/bin/library.rs).
pub fn start_library() {
    start_small(Module::Library, library_pages);
}

/// A share link's module (src/bin/share_preview.rs).
pub fn start_share_preview() {
    start_small(Module::SharePreview, share_preview_pages);
}

fn start_small(module: Module, pages: Pages) {
    if module.draws(&routing::Route::parse(&routing::current_hash())) {
        leptos::mount::mount_to_body(move || leptos::view! { <App pages=pages /> });
    } else {
        modules::start_whole_app();
    }
}
