//! Schema migrations. Each step takes the payload of version `n` as plain JSON and returns
//! the payload of version `n + 1`, so a step never depends on today's Rust types.

use super::LoadError;
use serde_json::Value;

pub type Step = fn(Value) -> Result<Value, LoadError>;

/// Review schema history:
/// - 1 → 2: the impact says how far the incident reached (environments, customer-facing,
///   caught before production). Nothing in a v1 review tells, so all start unknown.
pub const REVIEW_STEPS: &[Step] = &[review_v1_to_v2];

/// Backup schema history. A backup's reviews and meta-reviews carry no versions of their
/// own, so a change to either schema needs a backup step applying it to every one inside.
/// - 1 → 2: review 1 → 2 on every review.
/// - 2 → 3: the backup holds the whole workbook, not only its reviews: the list of reviews
///   moves under `"reviews"` of an object beside `"meta_reviews"` and `"unreadable"` (both
///   empty: older backups left them out). The envelope field holding the payload changes
///   with it, from `"reviews"` to `"workbook"` (`WorkbookBackup::payload_field`).
pub const BACKUP_STEPS: &[Step] = &[backup_v1_to_v2, backup_v2_to_v3];

fn review_v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    let review = payload
        .as_object_mut()
        .ok_or_else(|| LoadError::Malformed {
            detail: "The review has something else where a group of fields was expected."
                .to_owned(),
        })?;
    let impact = review
        .entry("impact")
        .or_insert_with(|| Value::Object(Default::default()));
    let impact = impact.as_object_mut().ok_or_else(|| LoadError::Malformed {
        detail: "The impact has something else where a group of fields was expected.".to_owned(),
    })?;
    impact
        .entry("environments")
        .or_insert_with(|| Value::Array(Vec::new()));
    impact.entry("customer_facing").or_insert(Value::Null);
    impact
        .entry("caught_before_production")
        .or_insert(Value::Null);
    Ok(payload)
}

fn backup_v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    let reviews = payload.as_array_mut().ok_or_else(|| LoadError::Malformed {
        detail: "The backup's reviews are not a list.".to_owned(),
    })?;
    for review in reviews.iter_mut() {
        *review = review_v1_to_v2(std::mem::take(review))?;
    }
    Ok(payload)
}

fn backup_v2_to_v3(payload: Value) -> Result<Value, LoadError> {
    if !payload.is_array() {
        return Err(LoadError::Malformed {
            detail: "The backup's reviews are not a list.".to_owned(),
        });
    }
    Ok(serde_json::json!({
        "reviews": payload,
        "meta_reviews": [],
        "unreadable": [],
    }))
}

pub const INDEX_STEPS: &[Step] = &[];

pub const TRANSCRIPT_STEPS: &[Step] = &[];

pub const META_REVIEW_STEPS: &[Step] = &[];

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
