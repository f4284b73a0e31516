//! Errors a command stops on, each printed as one sentence in plain words (exit code 2).

use debrief_core::document::LoadError;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum CliError {
    /// A file or folder could not be read or written.
    Io {
        doing: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// A review file was read but is not a review Debrief will load.
    Load { path: PathBuf, source: LoadError },
    /// Writing to standard output failed for a reason other than the reader going away.
    Stdout(io::Error),
    /// A command that needs at least one review found none that loads in a folder.
    NoReviews { dir: PathBuf, skipped: usize },
    /// A time zone name this build does not know.
    UnknownZone(String),
}

impl CliError {
    pub fn io(doing: &'static str, path: &Path, source: io::Error) -> Self {
        Self::Io {
            doing,
            path: path.to_owned(),
            source,
        }
    }
}

impl CliError {
    /// What went wrong without the file's name, for messages that name it already.
    pub fn reason(&self) -> String {
        match self {
            Self::Io { source, .. } => describe_io(source),
            Self::Load { source, .. } => source.to_string(),
            Self::Stdout(_) | Self::NoReviews { .. } | Self::UnknownZone(_) => self.to_string(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io {
                doing,
                path,
                source,
            } => write!(
                f,
                "could not {doing} {}: {}",
                path.display(),
                describe_io(source)
            ),
            // LoadError's message is already a full sentence meant for people.
            Self::Load { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Stdout(source) => write!(
                f,
                "could not write to standard output: {}",
                describe_io(source)
            ),
            Self::NoReviews { dir, skipped: 0 } => {
                write!(f, "{} holds no review files (*.json)", dir.display())
            }
            Self::NoReviews { dir, skipped } => write!(
                f,
                "none of the {skipped} review files in {} could be read",
                dir.display()
            ),
            Self::UnknownZone(zone) => write!(
                f,
                "\"{zone}\" is not a time zone Debrief knows; use a name such as \
                 America/Los_Angeles, Europe/Berlin or UTC"
            ),
        }
    }
}

impl std::error::Error for CliError {}

/// The io error in words a person acts on; the OS's own text ("os error 2") is kept only
/// for the rarer kinds where we have nothing better to say.
pub fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "it does not exist".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::InvalidData => {
            "it is not UTF-8 text, so it cannot be a Debrief file".to_owned()
        }
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        io::ErrorKind::NotADirectory => "it is a file, not a folder".to_owned(),
        io::ErrorKind::AlreadyExists => "a file with that name is in the way".to_owned(),
        _ => err.to_string(),
    }
}
