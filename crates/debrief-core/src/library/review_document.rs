//! The review as a stored document: its format, its version, and its schema history. Here
//! rather than in `model`, which validation and time reading depend on: the library is
//! where reviews are stored as documents.

use crate::document::migrate::{fields_of, Step};
use crate::document::{Document, LoadError};
use crate::model::Review;
use crate::validate::{validate_review, ValidationError};
use serde_json::Value;

impl Document for Review {
    const FORMAT: &'static str = "debrief.review";
    const SCHEMA_VERSION: u32 = 4;
    const PAYLOAD: &'static str = "review";
    const NOUN: &'static str = "review";

    fn migrations() -> &'static [Step] {
        STEPS
    }

    fn validate(&self) -> Vec<ValidationError> {
        validate_review(self)
    }
}

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
pub const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4];

pub(crate) fn v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
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

pub(crate) fn v2_to_v3(mut payload: Value) -> Result<Value, LoadError> {
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

pub(crate) fn v3_to_v4(mut payload: Value) -> Result<Value, LoadError> {
    // Nothing to add (absent means exact), but a v4 reader must still find a review here.
    fields_of(&mut payload, "The review")?;
    Ok(payload)
}
