//! Edits the editor applies to a review, as methods on [`crate::model::Review`]. Each checks
//! the same rules as [`crate::validate`] before changing anything, so an edit can fail with
//! a message but never leave a review invalid. Removals return what they removed, links
//! included, so Undo can put it all back.

mod marking;
mod overview;
mod sections;
mod timeline;

pub use marking::MarksBefore;
pub use sections::{LearningKind, Removed, RemovedFactor, RemovedPerson};
pub use timeline::RemovedEvent;
