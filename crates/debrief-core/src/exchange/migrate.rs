//! The workbook backup's schema history.

use crate::document::migrate::{fields_of, Step};
use crate::document::LoadError;
use crate::library::review_document as review_steps;
use crate::meta::migrate as meta_review_steps;
use serde_json::Value;

/// Backup schema history. A backup's reviews and meta-reviews carry no versions of their
/// own, so a change to either schema needs a backup step applying it to every one inside.
/// - 1 → 2: review 1 → 2 on every review.
/// - 2 → 3: the backup holds the whole workbook, not only its reviews: the list of reviews
///   moves under `"reviews"` of an object beside `"meta_reviews"` and `"unreadable"` (both
///   empty: older backups left them out). The envelope field holding the payload changes
///   with it, from `"reviews"` to `"workbook"` (`WorkbookBackup::payload_field`).
/// - 3 → 4: review 2 → 3 on every review.
/// - 4 → 5: review 3 → 4 on every review, meta-review 1 → 2 on every meta-review.
pub const STEPS: &[Step] = &[
    backup_v1_to_v2,
    backup_v2_to_v3,
    backup_v3_to_v4,
    backup_v4_to_v5,
];

fn backup_v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    let reviews = payload.as_array_mut().ok_or_else(|| LoadError::Malformed {
        detail: "The backup's reviews are not a list.".to_owned(),
    })?;
    for review in reviews.iter_mut() {
        *review = review_steps::v1_to_v2(std::mem::take(review))?;
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

fn backup_v3_to_v4(payload: Value) -> Result<Value, LoadError> {
    each_backed_up_review(payload, review_steps::v2_to_v3)
}

fn backup_v4_to_v5(payload: Value) -> Result<Value, LoadError> {
    let mut payload = each_backed_up_review(payload, review_steps::v3_to_v4)?;
    if let Some(metas) = fields_of(&mut payload, "The backup")?
        .get_mut("meta_reviews")
        .and_then(Value::as_array_mut)
    {
        for meta in metas.iter_mut() {
            *meta = meta_review_steps::v1_to_v2(std::mem::take(meta))?;
        }
    }
    Ok(payload)
}

/// A review step applied to every review of a backup from version 3 on (a workbook object).
fn each_backed_up_review(mut payload: Value, step: Step) -> Result<Value, LoadError> {
    let reviews = fields_of(&mut payload, "The backup")?
        .get_mut("reviews")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| LoadError::Malformed {
            detail: "The backup's reviews are not a list.".to_owned(),
        })?;
    for review in reviews.iter_mut() {
        *review = step(std::mem::take(review))?;
    }
    Ok(payload)
}
