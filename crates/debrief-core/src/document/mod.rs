//! Stored and exported documents, and the one path every document is read through:
//! parse → migrate → validate. localStorage, an imported JSON file, a dropped report and a
//! share link all call [`load`]; nothing else turns text into a model.
//!
//! Every document is an envelope `{"format": …, "schema_version": N, <payload>: …}`. A
//! document from an older schema is migrated step by step; one from a newer schema is refused
//! with [`LoadError::NewerVersion`] rather than guessed at.

mod error;
pub(crate) mod migrate;

pub use error::LoadError;

use crate::library::WorkbookIndex;
use crate::model::Review;
use crate::validate::{validate_review, ValidationError};
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
    /// The envelope field holding the payload.
    const PAYLOAD: &'static str;
    /// What a person calls this kind of document, for messages.
    const NOUN: &'static str;

    /// Steps that bring a payload from version `n` to `n + 1`; entry `i` migrates from
    /// version `i + 1`. Its length is always `SCHEMA_VERSION - 1`.
    fn migrations() -> &'static [migrate::Step];

    fn validate(&self) -> Vec<ValidationError>;
}

impl Document for Review {
    const FORMAT: &'static str = "debrief.review";
    const SCHEMA_VERSION: u32 = 2;
    const PAYLOAD: &'static str = "review";
    const NOUN: &'static str = "review";

    fn migrations() -> &'static [migrate::Step] {
        migrate::REVIEW_STEPS
    }

    fn validate(&self) -> Vec<ValidationError> {
        validate_review(self)
    }
}

impl Document for WorkbookIndex {
    const FORMAT: &'static str = "debrief.index";
    const SCHEMA_VERSION: u32 = 1;
    const PAYLOAD: &'static str = "reviews";
    const NOUN: &'static str = "workbook index";

    fn migrations() -> &'static [migrate::Step] {
        migrate::INDEX_STEPS
    }

    fn validate(&self) -> Vec<ValidationError> {
        Vec::new()
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
    let malformed = |err: serde_json::Error| LoadError::Malformed {
        detail: err.to_string(),
    };
    let missing = || LoadError::Malformed {
        detail: format!("the document has no \"{}\" section", D::PAYLOAD),
    };
    // A current document is read straight into the model; building a generic JSON tree
    // first would double the work on a large review. Older ones go through the tree, which
    // is what migrations work on.
    let document: D = if version == u64::from(D::SCHEMA_VERSION) {
        serde_json::from_str::<PayloadOf<D>>(text)
            .map_err(malformed)?
            .0
            .ok_or_else(missing)?
    } else {
        let mut map: Map<String, Value> = serde_json::from_str(text).map_err(malformed)?;
        let payload = map.remove(D::PAYLOAD).ok_or_else(missing)?;
        let payload = migrate::run(D::migrations(), version as u32, payload)?;
        serde_json::from_value(payload).map_err(malformed)?
    };
    let problems = document.validate();
    if problems.is_empty() {
        Ok(document)
    } else {
        Err(LoadError::Invalid(problems))
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

fn describe_format(format: &str) -> String {
    match format {
        f if f == Review::FORMAT => "a review".to_owned(),
        f if f == WorkbookIndex::FORMAT => "a workbook index".to_owned(),
        f if f == crate::render::backup::WorkbookBackup::FORMAT => "a workbook backup".to_owned(),
        f if f == crate::meta::MetaReview::FORMAT => "a meta-review".to_owned(),
        other => format!("a \"{other}\" document"),
    }
}
