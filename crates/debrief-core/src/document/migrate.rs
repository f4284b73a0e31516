//! Schema migrations. Each step takes the payload of version `n` as plain JSON and returns
//! the payload of version `n + 1`, so a step never depends on today's Rust types.

use super::LoadError;
use serde_json::Value;

pub type Step = fn(Value) -> Result<Value, LoadError>;

/// Review schema history: version 1 is the first, so there is nothing to migrate yet. When
/// version 2 arrives, its step goes here and a v2 fixture joins the v1 fixture under test.
pub const REVIEW_STEPS: &[Step] = &[];

pub const INDEX_STEPS: &[Step] = &[];

pub const TRANSCRIPT_STEPS: &[Step] = &[];

/// Applies every step from `from` up to the current version.
pub fn run(steps: &[Step], from: u32, mut payload: Value) -> Result<Value, LoadError> {
    for step in steps.iter().skip(from as usize - 1) {
        payload = step(payload)?;
    }
    Ok(payload)
}
