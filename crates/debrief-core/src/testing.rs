//! Small builders shared by the unit tests of this crate.

use crate::import::{Message, MessageKind, Transcript};
use crate::model::{EntityId, Review, ReviewId, ReviewTemplate, Timestamp};
use crate::time::{TimeZones, ZoneOffset};
use crate::triage::{ReviewTranscripts, StoredTranscript};
use chrono::{DateTime, Utc};

/// A host that knows only UTC: enough for tests that do not depend on a zone's rules, and
/// they then run without the bundled database too.
pub struct UtcOnly;

impl TimeZones for UtcOnly {
    fn canonical_name(&self, name: &str) -> Option<String> {
        name.eq_ignore_ascii_case("UTC").then(|| "UTC".to_owned())
    }
    fn offset_at(&self, _zone: &str, _instant: DateTime<Utc>) -> ZoneOffset {
        ZoneOffset {
            seconds: 0,
            abbreviation: None,
        }
    }
    fn names(&self) -> Vec<String> {
        vec!["UTC".to_owned()]
    }
}

/// An RFC 3339 instant, offset kept: `at("2019-11-06T03:00:00-08:00")`.
pub fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).expect("test times are RFC 3339")
}

pub fn id(text: &str) -> EntityId {
    EntityId::new(text)
}

/// An empty full-analysis review with id "r", created at the epoch.
pub fn empty_review() -> Review {
    Review::new(
        ReviewId::new("r"),
        ReviewTemplate::FullAnalysis,
        DateTime::<Utc>::UNIX_EPOCH,
    )
}

/// A chat message by `author` at an RFC 3339 time; its text names the author and the time so
/// tests can check texts are never rendered.
pub fn message(at_text: &str, author: &str, kind: MessageKind) -> Message {
    Message {
        id: format!("{author}@{at_text}"),
        at: at(at_text),
        author: author.to_owned(),
        author_id: None,
        text: format!("said-by {author} at {at_text}"),
        thread: None,
        kind,
        channel: None,
        edited: false,
        deleted: false,
        files: Vec::new(),
        source_ref: String::new(),
    }
}

/// A transcript set for review "r", one stored transcript per list of messages, with
/// `links` of chat name → person id as the analyst confirmed them.
pub fn transcripts(sources: Vec<Vec<Message>>, links: &[(&str, &str)]) -> ReviewTranscripts {
    let mut set = ReviewTranscripts::new(crate::model::ReviewId::new("r"));
    for (i, messages) in sources.into_iter().enumerate() {
        set.transcripts.push(StoredTranscript {
            id: format!("t{i}"),
            imported_at: at("2020-01-01T00:00:00Z"),
            transcript: Transcript {
                source: format!("source {i}"),
                messages,
                unread: Vec::new(),
            },
        });
    }
    set.authors = links
        .iter()
        .map(|(author, person)| ((*author).to_owned(), id(person)))
        .collect();
    set
}

// Renderer tests need real time zones, so these two live with them.
#[cfg(feature = "bundled-zones")]
/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1 cargo test` rewrites the
/// file instead, to be reviewed as a diff.
pub fn assert_golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden files live in a folder"))
            .expect("the golden folder can be created");
        std::fs::write(&path, actual).expect("the golden file can be written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  now: {:?}\n  was: {:?}\n\
             If the change is intended, run with UPDATE_GOLDEN=1 and review the diff.",
            line + 1,
            actual.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

#[cfg(feature = "bundled-zones")]
/// The seed incident as entered through the editor (Honeycomb's November 2019 memory leak).
pub fn seed_incident() -> Review {
    crate::document::load(include_str!("../tests/fixtures/seed-memory-leak.json"))
        .expect("the seed fixture loads")
}

/// The meta-review seed: Honeycomb's five incidents of 28 July – 6 August 2020, one review
/// file each (tests/fixtures/meta-seed), in file order.
pub fn meta_seed_reviews() -> Vec<Review> {
    [
        include_str!("../tests/fixtures/meta-seed/1-dns.json"),
        include_str!("../tests/fixtures/meta-seed/2-kafka.json"),
        include_str!("../tests/fixtures/meta-seed/3-lambda.json"),
        include_str!("../tests/fixtures/meta-seed/4-panics.json"),
        include_str!("../tests/fixtures/meta-seed/5-migration.json"),
    ]
    .iter()
    .map(|text| crate::document::load(text).expect("the meta-seed fixtures load"))
    .collect()
}

/// A transcript message with an id and text of its own; the rest empty.
pub fn transcript_message(
    id: &str,
    time: &str,
    author: &str,
    text: &str,
    kind: crate::import::MessageKind,
) -> crate::import::Message {
    crate::import::Message {
        id: id.to_owned(),
        at: at(time),
        author: author.to_owned(),
        author_id: None,
        text: text.to_owned(),
        thread: None,
        kind,
        channel: None,
        edited: false,
        deleted: false,
        files: Vec::new(),
        source_ref: format!("test:{id}"),
    }
}
