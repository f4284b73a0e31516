use crate::validate::ValidationError;
use std::fmt;

/// Why a document could not be read. Every message says what happened in plain words and,
/// where it can, what to do; the caller guarantees nothing was changed.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No text at all, or only spaces: a storage write that never happened, an empty file.
    Empty,
    /// The text is not JSON. Where the parser stopped is kept only as help for someone
    /// looking into the file; it is not what the person needs to know first.
    NotJson {
        line: usize,
        column: usize,
    },
    NotADebriefDocument,
    WrongKind {
        found: String,
        expected: &'static str,
    },
    MissingVersion,
    NewerVersion {
        found: u64,
        supported: u32,
    },
    /// JSON of the right kind and version, but not in the shape of the document. `detail` is
    /// one or more sentences naming the place in the document's own words ("The timeline's
    /// 4th entry has text where a list was expected (in “tags”)."), never a parser's.
    Malformed {
        detail: String,
    },
    Invalid(Vec<ValidationError>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("The file is empty."),
            Self::NotJson { line, column } => write!(
                f,
                "This file is not valid JSON: it looks cut short or is not a Debrief file; \
                 the first problem is on line {line}, near character {column}."
            ),
            Self::NotADebriefDocument => f.write_str(
                "This is JSON, but not a Debrief document: it has no \"format\" field saying what it is.",
            ),
            Self::WrongKind { found, expected } => {
                write!(f, "This file is {found}, not a {expected}.")
            }
            Self::MissingVersion => f.write_str(
                "This Debrief document has no valid \"schema_version\", so Debrief cannot tell how to read it.",
            ),
            Self::NewerVersion { found, supported } => write!(
                f,
                "This was saved by a newer version of Debrief (schema version {found}; this version \
                 reads up to {supported}). Open it with the newer version; nothing was changed."
            ),
            Self::Malformed { detail } => write!(
                f,
                "This Debrief document is damaged or was edited by hand. {detail}"
            ),
            Self::Invalid(problems) => {
                f.write_str("This review has problems Debrief will not load silently: ")?;
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}
