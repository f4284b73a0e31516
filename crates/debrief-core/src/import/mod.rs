//! Turning what responders left behind into a [`Transcript`]: a Slack workspace export, a
//! chat log pasted as text, a CSV of alerts or events. Pure functions over bytes and text;
//! reading files and storing transcripts is the app's business.

pub mod chat_log;
pub mod csv;
mod file_kind;
pub mod slack;
mod transcript;
mod zip;

pub use file_kind::{chat_file_kind, decode_text, ChatFileKind};
pub use transcript::{ImportError, Message, MessageKind, Transcript};
