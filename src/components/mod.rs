//! Leptos components. They read session signals and call session intent methods; the work
//! itself happens in `debrief-core`.

pub mod actions;
mod banners;
mod chat;
mod editor;
pub mod entries;
pub mod factors;
pub mod fields;
mod folder;
pub mod hypotheses;
mod import;
pub mod interviews;
pub mod language;
pub mod learnings;
mod library;
pub mod links;
mod marking;
mod meta;
pub mod overview;
mod participation;
mod people;
pub mod publish;
mod redactions;
mod section_parts;
mod settled;
mod shared;
mod storage_panel;
mod timeline;
mod timeline_chart;

pub mod zone_choice;

pub use banners::NewVersionBanner;
pub use editor::{NotFoundPage, ReviewPage};
pub use library::LibraryPage;
pub use meta::MetaPage;
pub use shared::SharedPage;
