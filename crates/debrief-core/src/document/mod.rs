//! Stored and exported documents, and the one path every document is read through:
//! parse → migrate → validate. localStorage, an imported JSON file, a dropped report and a
//! share link all call [`load`]; nothing else turns text into a model.
//!
//! Every document is an envelope `{"format": …, "schema_version": N, <payload>: …}`. A
//! document from an older schema is migrated step by step; one from a newer schema is refused
//! with [`LoadError::NewerVersion`] rather than guessed at.

mod error;
mod explain;
pub(crate) mod journal;
mod json_path;
pub(crate) mod migrate;
mod salvage;
pub mod saving;

pub use error::LoadError;
pub use journal::{load_with_journal, Change, Difference, JournalEntry, Journaled};
pub use salvage::{salvage, Salvaged};

use crate::validate::ValidationError;
use serde::de::{DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// A kind of document Debrief stores or exports.
pub trait Document: Serialize + DeserializeOwned {
    /// The envelope's `format` string.
    const FORMAT: &'static str;
    /// The schema version this build writes and reads natively.
    const SCHEMA_VERSION: u32;
    /// The envelope field holding the payload, as this build writes it.
    const PAYLOAD: &'static str;
    /// What a person calls this kind of document, for messages.
    const NOUN: &'static str;

    /// Steps that bring a payload from version `n` to `n + 1`; entry `i` migrates from
    /// version `i + 1`. Its length is always `SCHEMA_VERSION - 1`.
    fn migrations() -> &'static [migrate::Step];

    fn validate(&self) -> Vec<ValidationError>;

    /// The envelope field holding the payload in documents of `version`. Only a document
    /// kind whose payload moved (the workbook backup) overrides this; migrations see the
    /// payload alone, never the envelope.
    fn payload_field(_version: u32) -> &'static str {
        Self::PAYLOAD
    }
}

/// Wraps a document in its envelope, compactly (for storage).
pub fn encode<D: Document>(document: &D) -> String {
    envelope(document).to_string()
}

/// Wraps a document in its envelope, indented (for files people may read or diff).
pub fn encode_pretty<D: Document>(document: &D) -> String {
    serde_json::to_string_pretty(&envelope(document)).expect("a JSON value always serialises")
}

fn envelope<D: Document>(document: &D) -> Value {
    let mut map = Map::new();
    map.insert("format".into(), Value::from(D::FORMAT));
    map.insert("schema_version".into(), Value::from(D::SCHEMA_VERSION));
    map.insert(
        D::PAYLOAD.into(),
        serde_json::to_value(document).expect("model types always serialise"),
    );
    Value::Object(map)
}

/// Reads a document of kind `D` from text: parse → migrate → validate.
pub fn load<D: Document>(text: &str) -> Result<D, LoadError> {
    let version = read_header::<D>(text)?;
    // A current document is read straight into the model; building a generic JSON tree
    // first would double the work on a large review. Older ones go through the tree, which
    // is what migrations work on.
    if version == D::SCHEMA_VERSION {
        let document = match serde_json::from_str::<PayloadOf<D>>(text) {
            Ok(PayloadOf(Some(document))) => document,
            Ok(PayloadOf(None)) => return Err(missing_payload::<D>()),
            // Only now is the tree built, to say where the problem is.
            Err(err) => {
                let payload = payload_of::<D>(text, version)?;
                return Err(explain_typed::<D>(payload, &err));
            }
        };
        checked(document)
    } else {
        let payload = payload_of::<D>(text, version)?;
        finish(payload, version)
    }
}

/// Checks the envelope's header against `D`: right format, a version this build reads.
/// Returns that version.
pub(crate) fn read_header<D: Document>(text: &str) -> Result<u32, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let header: Header = serde_json::from_str(text).map_err(|err| match err.classify() {
        Category::Data => LoadError::NotADebriefDocument,
        _ => LoadError::NotJson {
            line: err.line(),
            column: err.column(),
        },
    })?;
    let format = match header.format {
        Some(Value::String(format)) => format,
        _ => return Err(LoadError::NotADebriefDocument),
    };
    if format != D::FORMAT {
        return Err(LoadError::WrongKind {
            found: describe_format(&format),
            expected: D::NOUN,
        });
    }
    let version = match header.schema_version {
        Some(Value::Number(number)) => number
            .as_u64()
            .filter(|v| *v >= 1)
            .ok_or(LoadError::MissingVersion)?,
        _ => return Err(LoadError::MissingVersion),
    };
    if version > u64::from(D::SCHEMA_VERSION) {
        return Err(LoadError::NewerVersion {
            found: version,
            supported: D::SCHEMA_VERSION,
        });
    }
    Ok(version as u32)
}

/// The payload of a document whose header [`read_header`] accepted, as plain JSON, taken
/// from the field that version keeps it in.
pub(crate) fn payload_of<D: Document>(text: &str, version: u32) -> Result<Value, LoadError> {
    // The header was read from the same text, so it is JSON and an object; this cannot
    // fail but is not worth a panic.
    let mut map: Map<String, Value> =
        serde_json::from_str(text).map_err(|err| LoadError::NotJson {
            line: err.line(),
            column: err.column(),
        })?;
    map.remove(D::payload_field(version))
        .ok_or_else(missing_payload::<D>)
}

/// A payload of `version` brought to the current version, read into the model and
/// validated: how every older document, and every journal, ends. The tree is read into the
/// model through its text, by the same reader a current document takes: reading it from the
/// tree directly would compile a second reader of every model type into the app.
pub(crate) fn finish<D: Document>(payload: Value, version: u32) -> Result<D, LoadError> {
    let text = migrate::run(D::migrations(), version, payload)?.to_string();
    match serde_json::from_str(&text) {
        Ok(document) => checked(document),
        Err(err) => Err(LoadError::Malformed {
            detail: explain::explain_text::<D>(&text, D::NOUN, &err),
        }),
    }
}

fn checked<D: Document>(document: D) -> Result<D, LoadError> {
    let problems = document.validate();
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

fn missing_payload<D: Document>() -> LoadError {
    LoadError::Malformed {
        detail: format!("There is no {} in it.", D::NOUN),
    }
}

/// Says in plain words where and how `payload` does not fit `D`.
fn explain_typed<D: Document>(payload: Value, original: &serde_json::Error) -> LoadError {
    LoadError::Malformed {
        detail: explain::explain::<D>(&payload, D::NOUN, &original.to_string()),
    }
}

/// The envelope's fields that say how to read the rest; everything else is skipped.
#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    schema_version: Option<Value>,
}

/// The payload of an envelope (the field named `D::PAYLOAD`), read directly as `D`.
struct PayloadOf<D>(Option<D>);

impl<'de, D: Document> Deserialize<'de> for PayloadOf<D> {
    fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        struct Fields<D>(PhantomData<D>);

        impl<'de, D: Document> Visitor<'de> for Fields<D> {
            type Value = PayloadOf<D>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a Debrief {} document", D::NOUN)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PayloadOf<D>, A::Error> {
                let mut payload = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == D::PAYLOAD {
                        payload = Some(map.next_value::<D>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(PayloadOf(payload))
            }
        }

        deserializer.deserialize_map(Fields(PhantomData))
    }
}

/// Every kind of document Debrief writes: its envelope's `format` and what a person calls
/// it, for saying what a file is when it is not the kind expected ("This file is a workbook
/// backup, not a review"). Strings only, so the load path names no document type; each kind
/// declares the same two as `Document::FORMAT` and `NOUN`, and `tests/documents.rs` holds
/// this list to them.
pub const KINDS: &[(&str, &str)] = &[
    ("debrief.review", "review"),
    ("debrief.index", "workbook index"),
    ("debrief.backup", "workbook backup"),
    ("debrief.meta_review", "meta-review"),
    ("debrief.transcripts", "transcript set"),
];

fn describe_format(format: &str) -> String {
    match KINDS.iter().find(|(kind, _)| *kind == format) {
        Some((_, noun)) => format!("a {noun}"),
        None => format!("a \"{format}\" document"),
    }
}
