use crate::model::Timestamp;
use crate::sorting;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a message was, as far as the source tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    #[default]
    Message,
    /// From a bot or an integration: alerts, deploy notices, pages.
    Alert,
    Join,
    Leave,
    /// A file was shared; the message keeps the file's name only.
    File,
    /// Channel housekeeping (topic, purpose, a bot added).
    System,
}

/// One message of a transcript, in the words it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Unique within the transcript and stable across imports of the same source.
    pub id: String,
    pub at: Timestamp,
    /// The name to show: real name, display name, or the raw handle.
    pub author: String,
    /// The source's own id for the author (a Slack user id), when it has one.
    pub author_id: Option<String>,
    /// Readable text: mentions, channel links and URLs already turned into words.
    pub text: String,
    /// The id of the thread's first message, for replies and thread starters.
    pub thread: Option<String>,
    pub kind: MessageKind,
    pub channel: Option<String>,
    pub edited: bool,
    /// Deleted after it was sent (a `message_deleted` notice); its words are kept as they were.
    #[serde(default)]
    pub deleted: bool,
    /// Names of shared files (never their content).
    pub files: Vec<String>,
    /// Where it came from, for a link back: "slack:incident-123/1573034400.000200",
    /// "log:42" (line 42).
    pub source_ref: String,
}

impl Message {
    /// Who wrote it, as one key: the source's id when it has one, so two accounts sharing a
    /// display name stay two authors; else the name, all a pasted log knows.
    pub fn author_key(&self) -> &str {
        self.author_id.as_deref().unwrap_or(&self.author)
    }
}

/// Everything imported from one source, in time order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Transcript {
    /// What it was imported from, for people ("slack export.zip, #incident-123").
    pub source: String,
    pub messages: Vec<Message>,
    /// Lines or records that fit no known shape, kept so no text is dropped silently.
    pub unread: Vec<String>,
}

impl Transcript {
    /// Sorts messages by time, keeping source order for equal times.
    pub fn sort(&mut self) {
        sorting::sort_by_key(&mut self.messages, |m| m.at);
    }
}

/// Why a file could not be imported, in plain words. Nothing is imported when it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotAZip,
    /// The archive is damaged or cut short.
    DamagedZip(String),
    /// Unpacking would exceed the limit (a zip bomb, or simply too much).
    TooLarge {
        limit_bytes: u64,
    },
    NotASlackExport,
    /// A channel file that is not valid JSON: which file, and where.
    BadJson {
        file: String,
        detail: String,
    },
    NotText,
    Empty,
    /// CSV without the column the mapping names.
    MissingColumn(String),
    BadTime {
        line: usize,
        text: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAZip => f.write_str("This is not a zip file. A Slack export is the .zip an admin downloads, or the JSON files of one channel."),
            Self::DamagedZip(detail) => write!(f, "This zip file is damaged or incomplete ({detail}). Download the export again."),
            Self::TooLarge { limit_bytes } => write!(
                f,
                "This file unpacks to more than {} MB, more than Debrief reads in a browser. Export a shorter time range or fewer channels.",
                limit_bytes / (1024 * 1024)
            ),
            Self::NotASlackExport => f.write_str("This zip has no channel folders with day files, so it is not a Slack export."),
            Self::BadJson { file, detail } => write!(f, "{file} is not valid JSON ({detail}); it may be cut short."),
            Self::NotText => f.write_str("This file is not text in an encoding Debrief reads (UTF-8)."),
            Self::Empty => f.write_str("There is nothing to import in this file."),
            Self::MissingColumn(column) => write!(f, "The CSV has no column \u{201c}{column}\u{201d}. Choose which column holds it."),
            Self::BadTime { line, text } => write!(f, "Line {line}: \u{201c}{text}\u{201d} is not a time Debrief can read."),
        }
    }
}

impl std::error::Error for ImportError {}
