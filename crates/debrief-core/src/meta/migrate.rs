//! The meta-review's schema history.

use crate::document::migrate::{fields_of, Step};
use crate::document::LoadError;
use serde_json::Value;

/// Meta-review schema history:
/// - 1 → 2: names spelled differently across reviews can be counted as one person
///   (`same_people`). A v1 meta-review merged none. Backup step 4 → 5 applies it to the
///   meta-reviews inside.
pub const STEPS: &[Step] = &[v1_to_v2];

pub(crate) fn v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    fields_of(&mut payload, "The meta-review")?
        .entry("same_people")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(payload)
}
