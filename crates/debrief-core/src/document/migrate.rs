//! Schema migrations. Each step takes the payload of version `n` as plain JSON and returns
//! the payload of version `n + 1`, so a step never depends on today's Rust types.

use super::LoadError;
use serde_json::Value;

pub type Step = fn(Value) -> Result<Value, LoadError>;

/// Review schema history:
/// - 1 → 2: the impact says how far the incident reached (environments, customer-facing,
///   caught before production). Nothing in a v1 review tells, so all start unknown.
/// - 2 → 3: a participant has a kind (person, organisation, outside reporter, bot) and may be
///   kept out of the public report by name; the review lists the name and redaction
///   replacements the analyst chose to keep as written. Everyone in a v2 review was recorded
///   as a person, and nothing was kept.
/// - 3 → 4: an event's time and the incident's start say how well they are known
///   (`time_known`, `start_known`: approximate, bounded, between two times, only the day),
///   and a trigger may be known and in none of the taxonomy's classes. A missing
///   `time_known` means exact, which every v3 time was, so the step changes nothing.
pub const REVIEW_STEPS: &[Step] = &[review_v1_to_v2, review_v2_to_v3, review_v3_to_v4];

/// Backup schema history. A backup's reviews and meta-reviews carry no versions of their
/// own, so a change to either schema needs a backup step applying it to every one inside.
/// - 1 → 2: review 1 → 2 on every review.
/// - 2 → 3: the backup holds the whole workbook, not only its reviews: the list of reviews
///   moves under `"reviews"` of an object beside `"meta_reviews"` and `"unreadable"` (both
///   empty: older backups left them out). The envelope field holding the payload changes
///   with it, from `"reviews"` to `"workbook"` (`WorkbookBackup::payload_field`).
/// - 3 → 4: review 2 → 3 on every review.
/// - 4 → 5: review 3 → 4 on every review, meta-review 1 → 2 on every meta-review.
pub const BACKUP_STEPS: &[Step] = &[
    backup_v1_to_v2,
    backup_v2_to_v3,
    backup_v3_to_v4,
    backup_v4_to_v5,
];

fn review_v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    let review = fields_of(&mut payload, "The review")?;
    let impact = review
        .entry("impact")
        .or_insert_with(|| Value::Object(Default::default()));
    let impact = fields_of(impact, "The impact")?;
    impact
        .entry("environments")
        .or_insert_with(|| Value::Array(Vec::new()));
    impact.entry("customer_facing").or_insert(Value::Null);
    impact
        .entry("caught_before_production")
        .or_insert(Value::Null);
    Ok(payload)
}

fn review_v2_to_v3(mut payload: Value) -> Result<Value, LoadError> {
    let review = fields_of(&mut payload, "The review")?;
    if let Some(people) = review.get_mut("people").and_then(Value::as_array_mut) {
        for person in people.iter_mut() {
            let person = fields_of(person, "A participant")?;
            person.entry("kind").or_insert_with(|| "person".into());
            person.entry("private").or_insert(Value::Bool(false));
        }
    }
    review
        .entry("kept_as_written")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(payload)
}

fn review_v3_to_v4(mut payload: Value) -> Result<Value, LoadError> {
    // Nothing to add (absent means exact), but a v4 reader must still find a review here.
    fields_of(&mut payload, "The review")?;
    Ok(payload)
}

/// The fields of `value`, or a message naming `what` when it is not a group of fields.
fn fields_of<'v>(
    value: &'v mut Value,
    what: &str,
) -> Result<&'v mut serde_json::Map<String, Value>, LoadError> {
    value.as_object_mut().ok_or_else(|| LoadError::Malformed {
        detail: format!("{what} has something else where a group of fields was expected."),
    })
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

fn backup_v3_to_v4(payload: Value) -> Result<Value, LoadError> {
    each_backed_up_review(payload, review_v2_to_v3)
}

fn backup_v4_to_v5(payload: Value) -> Result<Value, LoadError> {
    let mut payload = each_backed_up_review(payload, review_v3_to_v4)?;
    if let Some(metas) = fields_of(&mut payload, "The backup")?
        .get_mut("meta_reviews")
        .and_then(Value::as_array_mut)
    {
        for meta in metas.iter_mut() {
            *meta = meta_review_v1_to_v2(std::mem::take(meta))?;
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

pub const INDEX_STEPS: &[Step] = &[];

/// Meta-review schema history:
/// - 1 → 2: names spelled differently across reviews can be counted as one person
///   (`same_people`). A v1 meta-review merged none. Backup step 4 → 5 applies it to the
///   meta-reviews inside.
pub const META_REVIEW_STEPS: &[Step] = &[meta_review_v1_to_v2];

fn meta_review_v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    fields_of(&mut payload, "The meta-review")?
        .entry("same_people")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(payload)
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
