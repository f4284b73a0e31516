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

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
