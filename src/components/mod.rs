//! Leptos components. They read session signals and call session intent methods; the work
//! itself happens in `debrief-core`.

mod banners;
mod editor;
pub mod fields;
mod library;
mod overview;
mod storage_panel;

pub use editor::{NotFoundPage, ReviewPage};
pub use library::LibraryPage;
