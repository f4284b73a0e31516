//! The transcript set's schema history. Each step takes the payload of version `n` as plain
//! JSON and returns version `n + 1`, as `document::migrate` does for reviews.
//!
//! - 1 → 2: authors are keyed by the source's account id, not their display name (two
//!   accounts named "Alex" were one author); the analyst can mark authors as bots or
//!   people; a message may be marked deleted; every Slack message names its channel (read
//!   back from its `slack:<channel>/<ts>` reference where it was left out) and a source
//!   naming many channels counts them instead.

use crate::document::migrate::Step;
use crate::document::LoadError;
use serde_json::{Map, Value};

pub const STEPS: &[Step] = &[v1_to_v2];

fn v1_to_v2(mut payload: Value) -> Result<Value, LoadError> {
    let set = fields_of(&mut payload, "The transcript set")?;
    // Name → every account key that wrote under it, so a link made by name follows each.
    let mut keys_by_name: Vec<(String, String)> = Vec::new();
    if let Some(transcripts) = set.get_mut("transcripts").and_then(Value::as_array_mut) {
        for stored in transcripts.iter_mut() {
            let Some(transcript) = fields_of(stored, "A transcript")?
                .get_mut("transcript")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            if let Some(Value::String(source)) = transcript.get_mut("source") {
                *source = summarised_source(source);
            }
            let Some(messages) = transcript.get_mut("messages").and_then(Value::as_array_mut)
            else {
                continue;
            };
            for message in messages.iter_mut() {
                let message = fields_of(message, "A message")?;
                message.entry("deleted").or_insert(Value::Bool(false));
                if message.get("channel").is_none_or(Value::is_null) {
                    let channel = slack_channel_of(message);
                    message.insert(
                        "channel".to_owned(),
                        channel.map_or(Value::Null, Value::from),
                    );
                }
                if let Some(name) = message.get("author").and_then(Value::as_str) {
                    let key = message
                        .get("author_id")
                        .and_then(Value::as_str)
                        .unwrap_or(name);
                    let pair = (name.to_owned(), key.to_owned());
                    if !keys_by_name.contains(&pair) {
                        keys_by_name.push(pair);
                    }
                }
            }
        }
    }
    if let Some(Value::Object(by_name)) = set.remove("authors") {
        let mut by_key = Map::new();
        for (name, person) in by_name {
            let keys: Vec<&String> = keys_by_name
                .iter()
                .filter(|(n, _)| *n == name)
                .map(|(_, key)| key)
                .collect();
            if keys.is_empty() {
                // No message under that name any more: kept, so the analyst's choice is not lost.
                by_key.entry(name).or_insert(person);
            } else {
                for key in keys {
                    by_key.entry(key.clone()).or_insert_with(|| person.clone());
                }
            }
        }
        set.insert("authors".to_owned(), Value::Object(by_key));
    }
    set.entry("author_kinds")
        .or_insert_with(|| Value::Object(Map::new()));
    Ok(payload)
}

/// "incident-42" from a reference "slack:incident-42/1573034400.000200".
fn slack_channel_of(message: &Map<String, Value>) -> Option<String> {
    let reference = message
        .get("source_ref")?
        .as_str()?
        .strip_prefix("slack:")?;
    let (channel, _) = reference.rsplit_once('/')?;
    (!channel.is_empty()).then(|| channel.to_owned())
}

/// "Slack export, #a, #b, … #z" (as version 1 wrote every channel) → "Slack export, 148
/// channels"; any other source is left as it was.
fn summarised_source(source: &str) -> String {
    let mut parts = source.split(", ");
    let head = parts.next().unwrap_or_default();
    let channels: Vec<&str> = parts
        .map(|part| part.strip_prefix('#'))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if channels.is_empty() {
        return source.to_owned();
    }
    format!(
        "{head}, {}",
        crate::import::slack::channel_summary(&channels)
    )
}

fn fields_of<'v>(
    value: &'v mut Value,
    what: &str,
) -> Result<&'v mut Map<String, Value>, LoadError> {
    value.as_object_mut().ok_or_else(|| LoadError::Malformed {
        detail: format!("{what} has something else where a group of fields was expected."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn links_by_name_follow_every_account_under_that_name() {
        let v1 = json!({
            "review_id": "r",
            "transcripts": [{
                "id": "t1",
                "imported_at": "2020-01-01T00:00:00Z",
                "transcript": {
                    "source": "Slack export, #a, #b, #c, #d",
                    "messages": [
                        {"id": "a/1", "at": "2019-11-06T14:00:00Z", "author": "Alex", "author_id": "U1",
                         "text": "hi", "thread": null, "kind": "message", "edited": false,
                         "files": [], "source_ref": "slack:a/1"},
                        {"id": "b/2", "at": "2019-11-06T14:01:00Z", "author": "Alex", "author_id": "U2",
                         "text": "hi", "thread": null, "kind": "message", "channel": null, "edited": false,
                         "files": [], "source_ref": "slack:b/2"},
                        {"id": "log:3", "at": "2019-11-06T14:02:00Z", "author": "bob", "author_id": null,
                         "text": "ok", "thread": null, "kind": "message", "edited": false,
                         "files": [], "source_ref": "log:3"}
                    ],
                    "unread": []
                }
            }],
            "authors": {"Alex": "p1", "bob": "p2", "gone": "p3"}
        });
        let v2 = v1_to_v2(v1).unwrap();
        assert_eq!(
            v2["authors"],
            json!({"U1": "p1", "U2": "p1", "bob": "p2", "gone": "p3"})
        );
        let messages = &v2["transcripts"][0]["transcript"]["messages"];
        assert_eq!(messages[0]["channel"], "a");
        assert_eq!(messages[1]["channel"], "b");
        assert_eq!(messages[2]["channel"], Value::Null);
        assert_eq!(messages[2]["deleted"], false);
        assert_eq!(
            v2["transcripts"][0]["transcript"]["source"],
            "Slack export, 4 channels"
        );
        assert_eq!(v2["author_kinds"], json!({}));
    }

    #[test]
    fn a_short_or_unusual_source_stays_as_written() {
        assert_eq!(
            summarised_source("Slack export, #a, #b"),
            "Slack export, #a, #b"
        );
        assert_eq!(summarised_source("pasted log"), "pasted log");
        assert_eq!(
            summarised_source("alerts, pages, more, more"),
            "alerts, pages, more, more"
        );
    }

    #[test]
    fn something_else_than_fields_is_refused_in_words() {
        assert!(matches!(
            v1_to_v2(json!({"transcripts": [42]})),
            Err(LoadError::Malformed { .. })
        ));
    }
}
