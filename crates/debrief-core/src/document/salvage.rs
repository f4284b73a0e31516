//! What can still be told about a document that does not load: its kind, version, id and
//! title, so the app can name it ("“Checkout outage” could not be opened") and file it aside
//! under the right key instead of as "a document". Nothing here builds a model or decides
//! anything: it only reads words off the text, valid JSON or not.

use serde_json::Value;

/// Whatever of a document's envelope and payload could be read. Any part may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Salvaged {
    pub format: Option<String>,
    pub schema_version: Option<u64>,
    pub id: Option<String>,
    pub title: Option<String>,
}

/// Longest title (and id, format) kept, in characters: enough to recognise a document, and a
/// runaway string in a damaged file stays a line on screen.
const MAX_CHARS: usize = 200;

/// Reads what it can from `text`: from valid JSON through the envelope and its payload
/// (whichever field holds it), from anything else by scanning for the first `"title"` and
/// `"id"` of the payload.
pub fn salvage(text: &str) -> Salvaged {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => from_json(&value),
        Err(_) => scan(text),
    }
}

fn from_json(value: &Value) -> Salvaged {
    let Some(envelope) = value.as_object() else {
        return Salvaged::default();
    };
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(capped);
    // The payload's field depends on the kind ("review", "meta_review"…); it is the one
    // object beside the header.
    let payload = envelope
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "format" | "schema_version"))
        .find_map(|(_, value)| value.as_object());
    Salvaged {
        format: text(envelope.get("format")),
        schema_version: envelope.get("schema_version").and_then(Value::as_u64),
        id: text(payload.and_then(|p| p.get("id"))),
        title: text(payload.and_then(|p| p.get("title"))),
    }
}

fn capped(text: &str) -> String {
    text.chars().take(MAX_CHARS).collect()
}

/// Depth of the envelope's own fields, and of the payload's.
const ENVELOPE: usize = 1;
const PAYLOAD: usize = 2;

/// Walks broken JSON token by token, tracking nesting, so a `"title"` inside a string or
/// deeper in the document (an event's text, a covered review's title) is not taken for the
/// document's own.
fn scan(text: &str) -> Salvaged {
    let mut found = Salvaged::default();
    let mut chars = text.chars().peekable();
    let mut depth = 0usize;
    let mut key: Option<(String, usize)> = None;
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => {
                depth += 1;
                key = None;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                key = None;
            }
            '"' => {
                let (string, closed) = read_string(&mut chars);
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                    key = closed.then_some((string, depth));
                    continue;
                }
                if let Some((name, at)) = key.take() {
                    match (name.as_str(), at) {
                        ("format", ENVELOPE) if closed && found.format.is_none() => {
                            found.format = Some(string);
                        }
                        ("id", PAYLOAD) if closed && found.id.is_none() => {
                            found.id = Some(string);
                        }
                        // A title cut off by the end of the text still names the document
                        // to a person; it is marked as cut, within the same cap.
                        ("title", PAYLOAD) if found.title.is_none() => {
                            found.title = Some(if closed {
                                string
                            } else {
                                let kept: String = string.chars().take(MAX_CHARS - 1).collect();
                                format!("{kept}…")
                            });
                        }
                        _ => {}
                    }
                }
            }
            '0'..='9' => {
                let mut number = c.to_string();
                while let Some(digit) = chars.peek().filter(|c| c.is_ascii_digit()) {
                    number.push(*digit);
                    chars.next();
                }
                let whole = !chars.peek().is_some_and(|c| matches!(c, '.' | 'e' | 'E'));
                if let Some((name, ENVELOPE)) = key.take() {
                    if name == "schema_version" && whole && found.schema_version.is_none() {
                        found.schema_version = number.parse().ok();
                    }
                }
            }
            c if c.is_whitespace() || c == ',' => {}
            _ => key = None,
        }
        if found.format.is_some()
            && found.schema_version.is_some()
            && found.id.is_some()
            && found.title.is_some()
        {
            break;
        }
    }
    found
}

/// Reads a JSON string after its opening quote, unescaping it and keeping at most
/// [`MAX_CHARS`] characters (the rest is read past, not kept). Says whether it was closed.
fn read_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> (String, bool) {
    let mut out = String::new();
    let mut kept = 0;
    let mut keep = |out: &mut String, c: char| {
        if kept < MAX_CHARS {
            out.push(c);
            kept += 1;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => return (out, true),
            '\\' => match chars.next() {
                Some('n') => keep(&mut out, '\n'),
                Some('t') => keep(&mut out, '\t'),
                Some('r') => keep(&mut out, '\r'),
                Some('b') => keep(&mut out, '\u{8}'),
                Some('f') => keep(&mut out, '\u{c}'),
                Some('u') => {
                    let Some(first) = hex4(chars) else {
                        return (out, false);
                    };
                    let c = if (0xD800..0xDC00).contains(&first) {
                        // A surrogate pair: the second half must follow as \uXXXX.
                        let low = (chars.next() == Some('\\') && chars.next() == Some('u'))
                            .then(|| hex4(chars))
                            .flatten()
                            .filter(|low| (0xDC00..0xE000).contains(low));
                        low.and_then(|low| {
                            char::from_u32(0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00))
                        })
                    } else {
                        char::from_u32(first)
                    };
                    keep(&mut out, c.unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                // \" \\ \/ and anything unknown: the character itself.
                Some(other) => keep(&mut out, other),
                None => return (out, false),
            },
            c => keep(&mut out, c),
        }
    }
    (out, false)
}

fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next()?.to_digit(16)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");

    #[test]
    fn a_valid_document_is_read_through_its_envelope() {
        assert_eq!(
            salvage(V1),
            Salvaged {
                format: Some("debrief.review".into()),
                schema_version: Some(1),
                id: Some("fixture-v1-memory".into()),
                title: Some("Ingest brownouts from a slow memory leak".into()),
            }
        );
        let meta = r#"{"format":"debrief.meta_review","schema_version":1,
            "meta_review":{"id":"m1","title":"Q3 incidents","summaries":[{"title":"Other"}]}}"#;
        let found = salvage(meta);
        assert_eq!(found.id.as_deref(), Some("m1"));
        assert_eq!(found.title.as_deref(), Some("Q3 incidents"));
    }

    #[test]
    fn a_cut_short_document_still_gives_its_name() {
        let cut = &V1[..V1.find("\"timeline\"").unwrap() + 20];
        assert_eq!(salvage(cut), salvage(V1));
        // Cut inside the title itself.
        let start = V1.find("Ingest brownouts").unwrap();
        let found = salvage(&V1[..start + 6]);
        assert_eq!(found.title.as_deref(), Some("Ingest…"));
        assert_eq!(found.id.as_deref(), Some("fixture-v1-memory"));
        // Cut inside a very long title: the mark stays within the cap.
        let long = format!(
            r#"{{"format":"debrief.review","review":{{"title":"{}"#,
            "x".repeat(500)
        );
        let title = salvage(&long).title.unwrap();
        assert_eq!(title.chars().count(), MAX_CHARS);
        assert!(title.ends_with("x…"), "{title}");
    }

    #[test]
    fn a_newer_version_is_named_as_it_is() {
        let newer = V1.replace("\"schema_version\": 1", "\"schema_version\": 7");
        let found = salvage(&newer);
        assert_eq!(found.schema_version, Some(7));
        assert_eq!(found.format.as_deref(), Some("debrief.review"));
        let broken = format!("{}, oops", &newer[..newer.len() - 3]);
        assert_eq!(salvage(&broken).schema_version, Some(7));
    }

    #[test]
    fn titles_are_unescaped_capped_and_only_the_documents_own() {
        let text = format!(
            r#"{{"format":"x","review":{{"timeline":[{{"title":"not this"}}],"note":"\"title\":\"nor this\"","title":"Caf\u00e9 \"DNS\" \ud83d\udd25 {}","id":"r1"#,
            "é".repeat(300)
        );
        let found = salvage(&text);
        let title = found.title.unwrap();
        assert!(title.starts_with("Café \"DNS\" 🔥 éé"), "{title}");
        assert_eq!(title.chars().count(), MAX_CHARS);
        // The id's closing quote is missing: an id half read is not an id.
        assert_eq!(found.id, None);
        assert_eq!(found.format.as_deref(), Some("x"));
    }

    #[test]
    fn garbage_and_empty_text_give_nothing() {
        for text in [
            "",
            "   ",
            "not json at all",
            "\u{0}\u{1}{[\"",
            "[1,2,3]",
            "42",
            "{\"a\":",
        ] {
            assert_eq!(salvage(text), Salvaged::default(), "{text:?}");
        }
    }
}
