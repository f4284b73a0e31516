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
mod whole_app;

pub use app::{every_page, first_load_pages, App, Pages};

/// Mounts the whole app on the page's body (src/main.rs).
pub fn start() {
    leptos::mount::mount_to_body(|| leptos::view! { <App pages=every_page /> });
}

/// What the first visit runs (src/bin/first_load.rs): the library and share-link previews,
/// a third of the whole app's size. An address for any other page starts the whole app
/// instead.
pub fn start_first_load() {
    if whole_app::needed_for(&routing::Route::parse(&routing::current_hash())) {
        whole_app::start();
    } else {
        leptos::mount::mount_to_body(|| leptos::view! { <App pages=first_load_pages /> });
    }
}
