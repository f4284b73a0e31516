//! Why a document's JSON does not fit the model, in words a person can act on: which entry,
//! which field, what was there and what belongs there. serde's own messages ("invalid type:
//! string \"oops\", expected a sequence at line 1 column 777") name Rust types and parser
//! positions; people see these messages, so they are translated here.
//!
//! Only the error path comes here: the text is read again to find the error, and the
//! place is found by walking the text up to it (json_path.rs).

use super::json_path::{path_at, Place, Segment};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One sentence saying where and how `payload` does not fit `D`. `noun` names the whole
/// payload ("review", "saved change") when the problem is at its top. `original` is the
/// message of the error that brought the caller here: reading text straight into the model
/// can fail where the tree does not (a field written twice, which the tree keeps once), and
/// then the original is all there is to say, without a place.
pub(crate) fn explain<D: DeserializeOwned>(payload: &Value, noun: &str, original: &str) -> String {
    explain_in::<D>(&payload.to_string(), noun, original)
}

/// Like [`explain`], for an error found while reading `D` straight from `text`.
pub(crate) fn explain_text<D: DeserializeOwned>(
    text: &str,
    noun: &str,
    original: &serde_json::Error,
) -> String {
    explain_in::<D>(text, noun, &original.to_string())
}

fn explain_in<D: DeserializeOwned>(text: &str, noun: &str, original: &str) -> String {
    match serde_json::from_str::<D>(text) {
        Ok(_) => sentence(&[], without_position(original), noun),
        Err(err) => {
            let message = err.to_string();
            let message = without_position(&message);
            let path = path_at(text, err.line(), err.column(), Place::of_message(message));
            sentence(&path, message, noun)
        }
    }
}

/// serde_json's message without the " at line 1 column 777" it appends when reading text.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

fn sentence(path: &[Segment], message: &str, noun: &str) -> String {
    let (subject, within) = place(path, noun);
    let within = if within.is_empty() {
        String::new()
    } else {
        format!(" (in {})", within.join(", "))
    };
    let what = describe_problem(message, path);
    format!("{} {what}{within}.", capital(&subject))
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The entry a path points into, in words ("the timeline's 4th entry"), and what is left
/// of the path below it, each piece quoted as it appears in the file (“tags”, 2nd entry).
fn place(path: &[Segment], noun: &str) -> (String, Vec<String>) {
    let mut subjects: Vec<String> = Vec::new();
    let mut within: Vec<String> = Vec::new();
    let mut i = 0;
    while i < path.len() {
        match &path[i] {
            Segment::Key(key) => {
                let index = match path.get(i + 1) {
                    Some(Segment::Index(index)) => Some(*index),
                    _ => None,
                };
                match (known(key), index) {
                    (
                        Some(Names {
                            entry: Some(entry), ..
                        }),
                        Some(index),
                    ) => {
                        subjects.push(entry.replace("{}", &ordinal(index + 1)));
                        within.clear();
                        i += 2;
                        continue;
                    }
                    (Some(Names { whole, .. }), None) if within.is_empty() => {
                        subjects.push(whole.to_owned());
                    }
                    _ => within.push(format!("“{key}”")),
                }
            }
            Segment::Index(index) => within.push(format!("{} entry", ordinal(index + 1))),
        }
        i += 1;
    }
    let subject = if subjects.is_empty() {
        format!("the {noun}")
    } else {
        // Innermost first: "the timeline's 4th entry in the backup's 3rd review".
        subjects.reverse();
        subjects.join(" in ")
    };
    (subject, within)
}

struct Names {
    /// The field as a whole ("the impact", "the timeline").
    whole: &'static str,
    /// One entry of it when it is a list, `{}` standing for the ordinal ("the timeline's
    /// {} entry").
    entry: Option<&'static str>,
}

/// The fields of Debrief's documents a person knows by name. Anything else is quoted as it
/// appears in the file.
fn known(key: &str) -> Option<Names> {
    let (whole, entry) = match key {
        "timeline" => ("the timeline", Some("the timeline's {} entry")),
        "people" => ("the people", Some("the {} person")),
        "hypotheses" => ("the hypotheses", Some("the {} hypothesis")),
        "factors" => (
            "the contributing factors",
            Some("the {} contributing factor"),
        ),
        "interviews" => ("the interviews", Some("the {} interview")),
        "actions" => ("the action items", Some("the {} action item")),
        "windows" => ("the impact windows", Some("the {} impact window")),
        "redactions" => ("the redactions", Some("the {} redaction")),
        "dismissed_findings" => (
            "the dismissed language findings",
            Some("the {} dismissed language finding"),
        ),
        "summaries" => ("the incident summaries", Some("the {} incident summary")),
        "themes" => ("the themes", Some("the {} theme")),
        "next_steps" => ("the next steps", Some("the {} next step")),
        "open_questions" => ("the open questions", Some("the {} open question")),
        "reviews" => ("the backup's reviews", Some("the backup's {} review")),
        "meta_reviews" => (
            "the backup's meta-reviews",
            Some("the backup's {} meta-review"),
        ),
        "unreadable" => (
            "the backup's unreadable documents",
            Some("the backup's {} unreadable document"),
        ),
        "changes" => ("the saved changes", Some("the {} saved change")),
        "impact" => ("the impact", None),
        "incident" => ("the incident's time frame", None),
        "trigger" => ("the trigger", None),
        "analyst" => ("the analyst section", None),
        "learnings" => ("the learnings section", None),
        "deep_analysis" => ("the deep-analysis section", None),
        "selection" => ("the choice of incidents", None),
        _ => return None,
    };
    Some(Names { whole, entry })
}

/// What was wrong, from serde's message: "has text where a list was expected".
fn describe_problem(message: &str, path: &[Segment]) -> String {
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "has {} where {} was expected",
                found_words(found),
                expected_words(expected)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let allowed = backticked(expected);
        let found = found.trim_matches('`');
        return if allowed.is_empty() {
            format!("has “{found}”, which Debrief does not know here")
        } else {
            format!("has “{found}” where {} was expected", one_of(&allowed))
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("has no “{}”", rest.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("has “{}” twice", rest.trim_matches('`'));
    }
    if message.starts_with("invalid length ") {
        return "has the wrong number of entries".to_owned();
    }
    // Anything else is a message of a type's own. In Debrief's documents those come from
    // dates and times (chrono's "input contains invalid characters", "premature end of
    // input"…); their wording is not for people either.
    let last_key = path.iter().rev().find_map(|segment| match segment {
        Segment::Key(key) => Some(key.as_str()),
        Segment::Index(_) => None,
    });
    let timeish = last_key.is_some_and(|key| {
        ["at", "start", "end", "date", "due", "from", "to"].contains(&key) || key.ends_with("_at")
    });
    if timeish || message.contains("input") {
        "has a date or time Debrief cannot read".to_owned()
    } else {
        "has a value Debrief cannot read".to_owned()
    }
}

/// serde's description of what it found ("string \"oops\"", "integer `5`", "sequence").
fn found_words(found: &str) -> String {
    let kind = found.split([' ', '`']).next().unwrap_or(found);
    match kind {
        "string" | "character" => "text".to_owned(),
        "integer" | "floating" => match backticked(found).first() {
            Some(number) => format!("the number {number}"),
            None => "a number".to_owned(),
        },
        "boolean" => match backticked(found).first() {
            Some(value) => format!("“{value}”"),
            None => "a true/false value".to_owned(),
        },
        "sequence" => "a list".to_owned(),
        "map" => "a group of fields".to_owned(),
        "unit" | "null" | "Option" => "an empty value".to_owned(),
        _ => "something else".to_owned(),
    }
}

/// serde's description of what the model wanted ("a sequence", "u32", "struct Person").
fn expected_words(expected: &str) -> String {
    let lower = expected.to_ascii_lowercase();
    let is_unsigned = matches!(
        lower.as_str(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
    );
    let is_signed = matches!(
        lower.as_str(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize"
    );
    if is_unsigned {
        "a whole number of 0 or more"
    } else if is_signed {
        "a whole number"
    } else if lower == "f32" || lower == "f64" || lower.contains("number") {
        "a number"
    } else if lower.contains("date") || lower.contains("time") {
        "a date and time"
    } else if lower.contains("sequence") || lower.contains("tuple") {
        "a list"
    } else if lower.contains("bool") {
        "true or false"
    } else if lower.contains("variant") || lower.starts_with("enum") {
        "one of the values Debrief knows"
    } else if lower.contains("string") || lower.contains("char") {
        "text"
    } else if lower.contains("struct") || lower.contains("map") {
        "a group of fields"
    } else {
        "something else"
    }
    .to_owned()
}

/// The values between backticks in serde's messages: "one of `a`, `b`" → [a, b].
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn one_of(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("“{v}”")).collect();
    match quoted.as_slice() {
        [] => "something else".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("one of {} or {last}", rest.join(", ")),
    }
}

/// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
pub(crate) fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Review;
    use serde_json::json;

    fn review_problem(payload: Value) -> String {
        explain::<Review>(&payload, "review", "")
    }

    #[test]
    fn an_error_only_text_shows_is_still_put_in_words() {
        let text = r#"{"id": "r", "title": "a", "title": "b"}"#;
        let err = serde_json::from_str::<Review>(text).unwrap_err();
        assert_eq!(
            explain_text::<Review>(text, "review", &err),
            "The review has “title” twice."
        );
        assert_eq!(
            without_position("missing field `x` at line 1 column 777"),
            "missing field `x`"
        );
    }

    #[test]
    fn ordinals() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }

    #[test]
    fn a_wrong_type_names_the_entry_and_the_field() {
        let events = json!([{}, {}, {}, {"tags": "oops"}]);
        assert_eq!(
            review_problem(json!({"id": "r", "timeline": events})),
            "The timeline's 4th entry has text where a list was expected (in “tags”)."
        );
        assert_eq!(
            review_problem(json!({"title": 5})),
            "The review has the number 5 where text was expected (in “title”)."
        );
        assert_eq!(
            review_problem(json!({"people": [{"tenure_months": -3}]})),
            "The 1st person has the number -3 where a whole number of 0 or more was expected \
             (in “tenure_months”)."
        );
        assert_eq!(
            review_problem(json!({"impact": {"windows": [{}, {"start": "soon"}]}})),
            "The 2nd impact window in the impact has a date or time Debrief cannot read \
             (in “start”)."
        );
        assert_eq!(
            review_problem(json!({"timeline": [{"source": {"kind": "pager"}}]})),
            "The timeline's 1st entry has “pager” where one of “chat”, “alert”, “deploy”, \
             “ticket”, “pull_request”, “dashboard”, “interview” or “note” was expected \
             (in “source”, “kind”)."
        );
        assert_eq!(
            review_problem(json!("text")),
            "The review has text where a group of fields was expected."
        );
        assert_eq!(
            review_problem(json!({"learnings": {"went_well": [{"events": [1]}]}})),
            "The learnings section has the number 1 where text was expected (in “went_well”, \
             1st entry, “events”, 1st entry)."
        );
    }
}
