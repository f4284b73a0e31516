//! Schema migrations: how steps are written and run. Each step takes the payload of version
//! `n` as plain JSON and returns the payload of version `n + 1`, so a step never depends on
//! today's Rust types. Each kind of document keeps its own history beside its model
//! (`library/review_document.rs`, `meta/migrate.rs`, `exchange/migrate.rs`,
//! `triage/migrate.rs`).

use super::LoadError;
use serde_json::Value;

pub type Step = fn(Value) -> Result<Value, LoadError>;

/// The fields of `value`, or a message naming `what` when it is not a group of fields: the
/// first thing most steps do.
pub fn fields_of<'v>(
    value: &'v mut Value,
    what: &str,
) -> Result<&'v mut serde_json::Map<String, Value>, LoadError> {
    value.as_object_mut().ok_or_else(|| LoadError::Malformed {
        detail: format!("{what} has something else where a group of fields was expected."),
    })
}

/// Applies every step from `from` up to the current version.
pub fn run(steps: &[Step], from: u32, payload: Value) -> Result<Value, LoadError> {
    run_between(steps, from, steps.len() as u32 + 1, payload)
}

/// Applies the steps from version `from` up to version `to` (no further): a journal entry
/// written at `to` was computed against that version's payload, not today's.
pub fn run_between(
    steps: &[Step],
    from: u32,
    to: u32,
    mut payload: Value,
) -> Result<Value, LoadError> {
    let (from, to) = (from as usize, to as usize);
    for step in steps
        .iter()
        .take(to.saturating_sub(1))
        .skip(from.saturating_sub(1))
    {
        payload = step(payload)?;
    }
    Ok(payload)
}
