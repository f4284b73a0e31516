//! Where in a JSON text a position lies, as the keys and list indexes leading to it.
//!
//! serde_json says where reading failed only as a line and column. Turning that into
//! "the timeline's 4th entry, “tags”" used to mean reading the document a second time
//! through a path-tracking deserializer, which compiled every model type's reader once
//! more into the app. Walking the text up to the position gives the same path from the
//! text alone.

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A field of an object, by name.
    Key(String),
    /// An entry of a list, from 0.
    Index(usize),
}

/// Whether the innermost member at the position belongs in the path. serde_json reports
/// most errors just after the value they are about (a wrong type, an unknown name, and a
/// missing field, found once the object's `}` is read): that value's member is the place.
/// A field written twice is reported just after its second name, while its object is still
/// open: the object is the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Value,
    Container,
}

impl Place {
    /// Which place serde_json's `message` is about.
    pub(crate) fn of_message(message: &str) -> Place {
        if message.starts_with("duplicate field ") {
            Place::Container
        } else {
            Place::Value
        }
    }
}

/// The path to what is at serde_json's `line` and `column` in `text` (both from 1; the
/// column counts the bytes of that line read so far).
pub(crate) fn path_at(text: &str, line: usize, column: usize, place: Place) -> Vec<Segment> {
    let end = byte_offset(text, line, column).min(text.len());
    let mut walk = Walk::default();
    for &byte in &text.as_bytes()[..end] {
        walk.step(byte);
    }
    walk.path(place)
}

fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    line_start + column
}

enum Frame {
    Object {
        /// The member being read, once its name is.
        key: Option<String>,
        /// Before a member's name: after `{` or `,`.
        expecting_key: bool,
    },
    List {
        index: usize,
        /// Whether the entry at `index` has begun.
        started: bool,
    },
}

#[derive(Default)]
struct Walk {
    frames: Vec<Frame>,
    in_string: bool,
    string_is_key: bool,
    escaped: bool,
    /// Inside a number, `true`, `false` or `null`.
    in_bare_value: bool,
    key: Vec<u8>,
}

impl Walk {
    fn step(&mut self, byte: u8) {
        if self.in_string {
            self.step_in_string(byte);
            return;
        }
        if self.in_bare_value {
            if !matches!(byte, b',' | b'}' | b']' | b':') && !byte.is_ascii_whitespace() {
                return;
            }
            self.in_bare_value = false;
        }
        match byte {
            b'{' => {
                self.value_begins();
                self.frames.push(Frame::Object {
                    key: None,
                    expecting_key: true,
                });
            }
            b'[' => {
                self.value_begins();
                self.frames.push(Frame::List {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                self.frames.pop();
            }
            b'"' => {
                self.string_is_key = matches!(
                    self.frames.last(),
                    Some(Frame::Object {
                        expecting_key: true,
                        ..
                    })
                );
                if self.string_is_key {
                    self.key.clear();
                } else {
                    self.value_begins();
                }
                self.in_string = true;
            }
            b',' => match self.frames.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::List { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b':' => {}
            b if b.is_ascii_whitespace() => {}
            _ => {
                self.value_begins();
                self.in_bare_value = true;
            }
        }
    }

    fn step_in_string(&mut self, byte: u8) {
        if self.escaped {
            self.escaped = false;
        } else if byte == b'\\' {
            self.escaped = true;
            return;
        } else if byte == b'"' {
            self.in_string = false;
            if self.string_is_key {
                if let Some(Frame::Object { key, expecting_key }) = self.frames.last_mut() {
                    *key = Some(String::from_utf8_lossy(&self.key).into_owned());
                    *expecting_key = false;
                }
            }
            return;
        }
        if self.string_is_key {
            self.key.push(byte);
        }
    }

    fn value_begins(&mut self) {
        if let Some(Frame::List { started, .. }) = self.frames.last_mut() {
            *started = true;
        }
    }

    fn path(&self, place: Place) -> Vec<Segment> {
        let innermost = self.frames.len().saturating_sub(1);
        self.frames
            .iter()
            .enumerate()
            .filter_map(|(depth, frame)| {
                if depth == innermost && place == Place::Container {
                    return None;
                }
                match frame {
                    Frame::Object { key, .. } => key.clone().map(Segment::Key),
                    Frame::List { index, started } => started.then_some(Segment::Index(*index)),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Vec<Segment> {
        let err = serde_json::from_str::<T>(text).unwrap_err();
        let place = Place::of_message(&err.to_string());
        path_at(text, err.line(), err.column(), place)
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Entry {
        id: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        entries: Vec<Entry>,
    }

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_owned())
    }

    #[test]
    fn a_wrong_value_is_placed_at_its_member() {
        let text = "{\"entries\": [{\"id\": \"a\"},\n {\"id\": \"b\", \"tags\": \"x\\\"y\"}]}";
        assert_eq!(
            path_of_error::<Doc>(text),
            [key("entries"), Segment::Index(1), key("tags")]
        );
        let text = r#"{"entries": [{"id": "a", "tags": ["ok", 5]}]}"#;
        assert_eq!(
            path_of_error::<Doc>(text),
            [
                key("entries"),
                Segment::Index(0),
                key("tags"),
                Segment::Index(1)
            ]
        );
        assert_eq!(path_of_error::<Doc>(r#"{"entries": 12}"#), [key("entries")]);
    }

    #[test]
    fn a_missing_or_repeated_field_is_placed_at_its_object() {
        let text = r#"{"entries": [{"id": "a"}, {"tags": []}]}"#;
        assert_eq!(
            path_of_error::<Doc>(text),
            [key("entries"), Segment::Index(1)]
        );
        let text = r#"{"entries": [{"id": "a", "id": "b"}]}"#;
        assert_eq!(
            path_of_error::<Doc>(text),
            [key("entries"), Segment::Index(0)]
        );
        assert_eq!(path_of_error::<Doc>("{}"), []);
    }

    #[test]
    fn positions_past_the_text_are_its_end() {
        assert_eq!(path_at("[1, 2", 9, 40, Place::Value), [Segment::Index(1)]);
    }
}
