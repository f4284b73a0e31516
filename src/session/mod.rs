//! App state as signals, and the intent methods components call. Each method runs a domain
//! edit from `debrief-core` and hands persistence to the storage adapter.

mod meta;
mod review;
mod save_timer;
mod transcripts;
mod workbook;

pub use meta::MetaSession;
pub use review::{Conflict, Removal, ReviewSession, SaveState};
pub use transcripts::{TranscriptSession, TranscriptState};
pub use workbook::{Clash, DeletedReview, Workbook};
