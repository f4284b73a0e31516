//! App state as signals, and the intent methods components call. Each method runs a domain
//! edit from `debrief-core` and hands persistence to the storage adapter.

mod meta;
mod review;
mod saving;
mod transcripts;
mod workbook;

pub use meta::MetaSession;
pub use review::{Removal, ReviewSession};
pub use saving::{Conflict, SaveState};
pub use transcripts::{TranscriptSession, TranscriptState};
pub use workbook::{Clash, DeletedReview, Workbook};
