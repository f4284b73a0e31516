//! App state as signals, and the intent methods components call. Each method runs a domain
//! edit from `debrief-core` and hands persistence to the storage adapter.

mod document;
mod drafts;
mod folder;
mod live;
mod meta;
mod review;
mod saving;
mod transcripts;
mod workbook;

pub use document::{DocumentSession, EditedDocument, Removal};
pub use drafts::Drafts;
pub use folder::{FolderConflict, FolderState, FolderSync};
pub use live::LiveSessions;
pub use meta::MetaSession;
pub use review::{OpenedReview, ReviewSession};
pub use saving::{Conflict, DocumentSaver, SaveState};
pub use transcripts::{TranscriptSession, TranscriptState};
pub use workbook::{Clash, Workbook};
