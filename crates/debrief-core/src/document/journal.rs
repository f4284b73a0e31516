//! Saving a large document a little at a time. The app keeps each document's last full text
//! and, after it, a journal of small batches of changes (written every animation frame,
//! folded into a new full text when the person pauses): writing a 2.7 MB review on every
//! keystroke is what this avoids.
//!
//! Changes are plain JSON on the payload (a field replaced, an entry of a list put in place
//! or removed, a list's new order), so a journal is read the way every document is: through
//! the envelope, migrations and validation of [`super::load`], never straight into today's
//! types. Each batch records the schema version it was written against, so an older stored
//! text opened and edited by a newer build is migrated before the newer changes are laid on
//! top.

use super::explain::explain_text;
use super::{finish, load, migrate, payload_of, read_header, Document, LoadError};
use crate::model::EntityId;
use crate::sorting;
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// One change to a document's payload, at JSON level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// A top-level field of the payload replaced whole.
    Set {
        field: String,
        value: Value,
    },
    /// An entry (JSON object with a string "id") of a top-level list field, inserted or
    /// replaced; `at` is its index once applied.
    Upsert {
        list: String,
        at: usize,
        entry: Value,
    },
    Remove {
        list: String,
        id: String,
    },
    /// The list's ids in their new order, when upserts and removals alone do not give it.
    Order {
        list: String,
        ids: Vec<String>,
    },
}

/// One batch of changes, as the app writes it after an animation frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The schema version the changes were computed against.
    pub schema_version: u32,
    pub changes: Vec<Change>,
}

impl JournalEntry {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a journal entry always serialises")
    }

    /// Reads an entry the app stored. Its problems are worded like the load path's, since
    /// a person may see them when a document cannot be opened.
    pub fn decode(text: &str) -> Result<Self, LoadError> {
        if text.trim().is_empty() {
            return Err(LoadError::Empty);
        }
        serde_json::from_str(text).map_err(|err| match err.classify() {
            Category::Data => LoadError::Malformed {
                detail: explain_text::<JournalEntry>(text, "batch of saved changes", &err),
            },
            _ => LoadError::NotJson {
                line: err.line(),
                column: err.column(),
            },
        })
    }
}

/// One way two versions of a document differ, for a person choosing which to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The section as the editor names it ("Timeline", "Action items").
    pub section: String,
    /// What differs there, in plain words.
    pub detail: String,
}

/// A document the app saves as a journal of changes.
pub trait Journaled: Document + Clone + PartialEq {
    /// Changes turning `saved` into `current`; `saved` is brought up to date as it goes,
    /// cloning only what changed. Empty when equal. The caller keeps `saved` as its picture
    /// of what storage holds: cloning a 5,000-event review every frame to keep that picture
    /// is what this avoids. Since `saved` moves on before the batch is written, a write that
    /// fails leaves it ahead of storage; the caller then writes the whole document.
    fn changes_since(saved: &mut Self, current: &Self) -> Vec<Change>;

    /// What differs, field by field, in plain words, for a person choosing which of two
    /// versions to keep. `mine` is this tab's version, `theirs` the other one.
    fn differences(mine: &Self, theirs: &Self) -> Vec<Difference>;
}

/// Reads a document from its last full text plus the journal written after it, through the
/// one load path. With no journal this is [`load`] itself. Otherwise the batches are laid on
/// the payload as JSON, each after the payload is migrated up to the version it was written
/// in (an older text edited by a newer build); a batch newer than this build is
/// [`LoadError::NewerVersion`]; the result is migrated to the current version and
/// validated as `load` does.
pub fn load_with_journal<D: Document>(
    text: &str,
    journal: &[JournalEntry],
) -> Result<D, LoadError> {
    if journal.is_empty() {
        return load(text);
    }
    let version = read_header::<D>(text)?;
    let mut payload = payload_of::<D>(text, version)?;
    let mut at = version;
    for entry in journal {
        if entry.schema_version > D::SCHEMA_VERSION {
            return Err(LoadError::NewerVersion {
                found: u64::from(entry.schema_version),
                supported: D::SCHEMA_VERSION,
            });
        }
        // A batch is computed against the payload of its version; laid on a newer one
        // it could leave a field in a shape no migration expects. No build writes this
        // (an older build refuses the newer batches before it can add its own), so it
        // is refused rather than guessed at.
        if entry.schema_version < at {
            return Err(LoadError::Malformed {
                detail: format!(
                    "Its saved changes were written by an older version of Debrief \
                         (schema version {}) after a newer one (schema version {at}), so \
                         Debrief cannot tell how to apply them.",
                    entry.schema_version
                ),
            });
        }
        payload = migrate::run_between(D::migrations(), at, entry.schema_version, payload)?;
        at = entry.schema_version;
        for change in &entry.changes {
            apply(&mut payload, change)?;
        }
    }
    finish(payload, at)
}

fn apply(payload: &mut Value, change: &Change) -> Result<(), LoadError> {
    let fields = payload
        .as_object_mut()
        .ok_or_else(|| LoadError::Malformed {
            detail: "Its saved changes apply to fields, but the document has none.".to_owned(),
        })?;
    match change {
        Change::Set { field, value } => {
            fields.insert(field.clone(), value.clone());
        }
        Change::Upsert { list, at, entry } => {
            let id = json_id(entry).ok_or_else(|| LoadError::Malformed {
                detail: format!(
                    "One of its saved changes puts an entry without an id into “{list}”."
                ),
            })?;
            let items = json_list(fields, list)?;
            let found = items.iter().position(|item| json_id(item) == Some(id));
            upsert(items, found, *at, entry.clone());
        }
        Change::Remove { list, id } => {
            if fields.contains_key(list) {
                json_list(fields, list)?.retain(|item| json_id(item) != Some(id));
            }
        }
        Change::Order { list, ids } => {
            reorder(json_list(fields, list)?, json_id, ids);
        }
    }
    Ok(())
}

fn json_id(entry: &Value) -> Option<&str> {
    entry.get("id")?.as_str()
}

/// A top-level list of the payload; a missing one starts empty, as the model's defaults do.
fn json_list<'a>(
    fields: &'a mut Map<String, Value>,
    list: &str,
) -> Result<&'a mut Vec<Value>, LoadError> {
    fields
        .entry(list.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(|| LoadError::Malformed {
            detail: format!("Its saved changes treat “{list}” as a list, but it is not one."),
        })
}

// The two list operations below are shared by `apply` (on JSON) and `changes_since` (on the
// model), so what is written and what is read back cannot drift apart.

/// Puts `entry` at `at` (at most the end): in place if it is there already (`found`),
/// moved there if it is elsewhere, inserted if new.
fn upsert<T>(items: &mut Vec<T>, found: Option<usize>, at: usize, entry: T) {
    match found {
        Some(index) if index == at => items[index] = entry,
        Some(index) => {
            items.remove(index);
            items.insert(at.min(items.len()), entry);
        }
        None => items.insert(at.min(items.len()), entry),
    }
}

/// Orders `items` as `ids` names them; entries it does not name keep their relative order
/// at the end.
fn reorder<T>(items: &mut [T], id: impl Fn(&T) -> Option<&str>, ids: &[String]) {
    let mut rank = HashMap::with_capacity(ids.len());
    for (position, id) in ids.iter().enumerate() {
        rank.entry(id.as_str()).or_insert(position);
    }
    // Stable, so equal ranks (entries not named) keep their order.
    sorting::sort_by_key(items, |item| {
        id(item)
            .and_then(|id| rank.get(id))
            .copied()
            .unwrap_or(usize::MAX)
    });
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("model types always serialise")
}

/// A `Set` of `field` when it differs; `saved` follows.
pub(crate) fn set<T: PartialEq + Clone + Serialize>(
    changes: &mut Vec<Change>,
    field: &str,
    saved: &mut T,
    current: &T,
) {
    if saved != current {
        changes.push(Change::Set {
            field: field.to_owned(),
            value: to_json(current),
        });
        saved.clone_from(current);
    }
}

/// The changes turning the list `saved` into `current`, entry by entry, so a keystroke in
/// one event of thousands writes that event alone; `saved` follows, through the same
/// operations [`apply`] performs.
pub(crate) fn list<T: PartialEq + Clone + Serialize>(
    changes: &mut Vec<Change>,
    field: &str,
    saved: &mut Vec<T>,
    current: &[T],
    id: fn(&T) -> &EntityId,
) {
    let upsert_change = |at: usize, entry: &T| Change::Upsert {
        list: field.to_owned(),
        at,
        entry: to_json(entry),
    };
    // The usual case, typing: the same entries in the same order, one or two of them
    // changed. No set of ids is built.
    if saved.len() == current.len() && saved.iter().zip(current).all(|(s, c)| id(s) == id(c)) {
        let first = changes.len();
        for (at, (saved_entry, entry)) in saved.iter_mut().zip(current).enumerate() {
            if saved_entry != entry {
                // Applying finds an entry by its first occurrence; a repeated id (which
                // validation refuses) would put the change on the wrong one.
                if current
                    .iter()
                    .filter(|other| id(other) == id(entry))
                    .count()
                    > 1
                {
                    changes.truncate(first);
                    whole_list(changes, field, saved, current);
                    return;
                }
                changes.push(upsert_change(at, entry));
                saved_entry.clone_from(entry);
            }
        }
        return;
    }
    let kept: HashSet<&EntityId> = current.iter().map(id).collect();
    let had: HashSet<&EntityId> = saved.iter().map(id).collect();
    if kept.len() != current.len() || had.len() != saved.len() {
        whole_list(changes, field, saved, current);
        return;
    }
    for gone in saved.iter().map(id).filter(|old| !kept.contains(old)) {
        changes.push(Change::Remove {
            list: field.to_owned(),
            id: gone.0.clone(),
        });
    }
    saved.retain(|entry| kept.contains(id(entry)));
    // Which entries need writing, decided once by id before `saved` moves: an entry that is
    // unchanged but elsewhere is left for the `Order` below (moving it would write it
    // whole), and is never searched for, so a drag across thousands of entries stays linear.
    let unchanged: Vec<bool> = {
        let by_id: HashMap<&EntityId, &T> = saved.iter().map(|s| (id(s), s)).collect();
        current
            .iter()
            .map(|entry| by_id.get(id(entry)).is_some_and(|s| *s == entry))
            .collect()
    };
    for (at, entry) in current.iter().enumerate() {
        if unchanged[at] {
            continue;
        }
        let found = if saved.get(at).is_some_and(|s| id(s) == id(entry)) {
            Some(at)
        } else {
            saved.iter().position(|s| id(s) == id(entry))
        };
        changes.push(upsert_change(at, entry));
        upsert(saved, found, at, entry.clone());
    }
    if !saved.iter().map(id).eq(current.iter().map(id)) {
        let ids: Vec<String> = current.iter().map(|entry| id(entry).0.clone()).collect();
        reorder(saved, |entry| Some(id(entry).as_str()), &ids);
        changes.push(Change::Order {
            list: field.to_owned(),
            ids,
        });
    }
    debug_assert!(
        saved.as_slice() == current,
        "the list changes rebuild the list"
    );
}

fn whole_list<T: Clone + Serialize>(
    changes: &mut Vec<Change>,
    field: &str,
    saved: &mut Vec<T>,
    current: &[T],
) {
    changes.push(Change::Set {
        field: field.to_owned(),
        value: to_json(&current),
    });
    *saved = current.to_vec();
}

/// How many entries are named one by one before the rest are counted.
const NAMED: usize = 3;
/// How many changed entries get a line each before the rest are counted.
const CHANGED_LINES: usize = 5;
/// How much of an entry's text names it.
const LABEL_CHARS: usize = 60;

#[derive(Default)]
pub(crate) struct Found(pub(crate) Vec<Difference>);

impl Found {
    /// "`label`A in this tab, B in the other version."
    pub(crate) fn versions(&mut self, section: &str, label: &str, mine: &str, theirs: &str) {
        self.push(
            section,
            format!("{label}{mine} in this tab, {theirs} in the other version"),
        );
    }

    pub(crate) fn push(&mut self, section: &str, detail: impl Into<String>) {
        let mut detail = detail.into();
        if !detail.ends_with('.') {
            detail.push('.');
        }
        self.0.push(Difference {
            section: section.to_owned(),
            detail,
        });
    }

    pub(crate) fn entries<T: PartialEq, K: Eq + Hash>(
        &mut self,
        section: &str,
        nouns: (&str, &str),
        mine: &[T],
        theirs: &[T],
        key: impl Fn(&T) -> &K,
        label: impl Fn(&T) -> String,
    ) {
        self.entries_by(section, None, nouns, mine, theirs, key, &label, &label);
    }

    /// Entries only on one side, entries that read differently, and a different order.
    /// `label_mine` and `label_theirs` name an entry from its own version.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn entries_by<T: PartialEq, K: Eq + Hash>(
        &mut self,
        section: &str,
        heading: Option<&str>,
        (one, many): (&str, &str),
        mine: &[T],
        theirs: &[T],
        key: impl Fn(&T) -> &K,
        label_mine: impl Fn(&T) -> String,
        label_theirs: impl Fn(&T) -> String,
    ) {
        if mine == theirs {
            return;
        }
        let prefix = heading.map(|h| format!("{h}: ")).unwrap_or_default();
        // Looked up by key rather than searched: a timeline has thousands of entries.
        let mine_keys: HashSet<&K> = mine.iter().map(&key).collect();
        let theirs_by_key: HashMap<&K, &T> = theirs.iter().map(|e| (key(e), e)).collect();
        let changed: Vec<String> = mine
            .iter()
            .filter(|entry| {
                theirs_by_key
                    .get(key(entry))
                    .is_some_and(|other| *other != *entry)
            })
            .map(&label_mine)
            .collect();
        let extra = changed.len().saturating_sub(CHANGED_LINES);
        for label in changed.iter().take(CHANGED_LINES) {
            self.push(
                section,
                capital(&format!("{prefix}{label} reads differently")),
            );
        }
        if extra > 0 {
            self.push(
                section,
                format!(
                    "{prefix}{extra} more {} {}",
                    noun(extra, one, many),
                    noun(extra, "reads differently", "read differently")
                ),
            );
        }
        let only_mine: Vec<String> = mine
            .iter()
            .filter(|entry| !theirs_by_key.contains_key(key(entry)))
            .map(&label_mine)
            .collect();
        let only_theirs: Vec<String> = theirs
            .iter()
            .filter(|entry| !mine_keys.contains(key(entry)))
            .map(&label_theirs)
            .collect();
        for (labels, place) in [(only_mine, "this tab"), (only_theirs, "the other version")] {
            if !labels.is_empty() {
                self.push(
                    section,
                    format!(
                        "{prefix}{} {} only in {place}: {}",
                        labels.len(),
                        noun(labels.len(), one, many),
                        named(&labels)
                    ),
                );
            }
        }
        let same_set =
            mine.len() == theirs.len() && mine.iter().all(|e| theirs_by_key.contains_key(key(e)));
        let same_order = mine.iter().map(&key).eq(theirs.iter().map(&key));
        if same_set && !same_order {
            self.push(
                section,
                format!("{prefix}The {many} are in a different order"),
            );
        }
    }
}

fn noun<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// "“A”, “B”, “C” and 2 more".
fn named(labels: &[String]) -> String {
    let shown = labels[..labels.len().min(NAMED)].join(", ");
    match labels.len().saturating_sub(NAMED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// An entry's own words, quoted and shortened; `empty` (unquoted) when it has none.
pub(crate) fn quote_or(text: &str, empty: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return empty.to_owned();
    }
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(LABEL_CHARS).collect();
    if chars.next().is_some() {
        format!("“{}…”", short.trim_end())
    } else {
        format!("“{short}”")
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{encode, load};
    use crate::meta::{MetaNote, MetaReview, MetaReviewId};
    use crate::model::{Person, Review, TimelineEvent};
    use chrono::DateTime;

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");

    fn fixture() -> Review {
        load(V1).unwrap()
    }

    fn event(id: &str, text: &str) -> TimelineEvent {
        TimelineEvent {
            id: EntityId::new(id),
            text: text.to_owned(),
            ..TimelineEvent::default()
        }
    }

    fn timeline(events: &[(&str, &str)]) -> Review {
        Review {
            id: crate::model::ReviewId::new("r"),
            timeline: events.iter().map(|(id, text)| event(id, text)).collect(),
            ..Review::default()
        }
    }

    fn ops(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|change| match change {
                Change::Set { field, .. } => format!("set {field}"),
                Change::Upsert { list, at, entry } => format!("upsert {list} {at} {}", entry["id"]),
                Change::Remove { list, id } => format!("remove {list} {id}"),
                Change::Order { list, ids } => format!("order {list} {}", ids.join(",")),
            })
            .collect()
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let review = fixture();
        assert!(Review::changes_since(&mut review.clone(), &review).is_empty());
        let meta = MetaReview::new(MetaReviewId::new("m"), DateTime::UNIX_EPOCH, "UTC");
        assert!(MetaReview::changes_since(&mut meta.clone(), &meta).is_empty());
    }

    #[test]
    fn every_field_is_set_under_the_name_encode_writes() {
        let old = Review::default();
        let mut new = fixture();
        // Every field away from its default, so every field must be named.
        new.template = crate::model::ReviewTemplate::Blank;
        new.dismissed_findings.push(crate::model::DismissedFinding {
            field: "summary".into(),
            phrase: "just".into(),
        });
        new.kept_as_written.push(crate::model::KeptAsWritten {
            term: "AN".into(),
            sentence: "AN paged the team.".into(),
        });
        let mut saved = old.clone();
        let changes = Review::changes_since(&mut saved, &new);
        assert_eq!(saved, new);
        let written: Value = serde_json::to_value(&new).unwrap();
        let keys: HashSet<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut named = HashSet::new();
        for change in &changes {
            let (Change::Set { field: name, .. }
            | Change::Upsert { list: name, .. }
            | Change::Remove { list: name, .. }
            | Change::Order { list: name, .. }) = change;
            assert!(
                keys.contains(name.as_str()),
                "{name} is not a field of the review"
            );
            named.insert(name.as_str());
        }
        assert_eq!(named, keys);

        let meta_old = MetaReview::default();
        let mut meta_new = MetaReview::new(
            MetaReviewId::new("m"),
            DateTime::UNIX_EPOCH,
            "Europe/Berlin",
        );
        meta_new.title = "Q3".into();
        let mut saved = meta_old.clone();
        let changes = MetaReview::changes_since(&mut saved, &meta_new);
        assert_eq!(saved, meta_new);
        assert_eq!(ops(&changes), ["set id", "set title", "set time_zone"]);
    }

    #[test]
    fn lists_change_entry_by_entry() {
        let old = timeline(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]);
        // The timeline after an edit, and the changes expected for it.
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: [Case; 6] = [
            // Retyped in place.
            (
                &[("a", "A"), ("b", "B!"), ("c", "C"), ("d", "D")],
                &["upsert timeline 1 \"b\""],
            ),
            // Inserted: the position alone gives the order.
            (
                &[("a", "A"), ("x", "X"), ("b", "B"), ("c", "C"), ("d", "D")],
                &["upsert timeline 1 \"x\""],
            ),
            // Removed.
            (
                &[("a", "A"), ("c", "C"), ("d", "D")],
                &["remove timeline b"],
            ),
            // Dragged, unchanged: only the order is written.
            (
                &[("a", "A"), ("c", "C"), ("d", "D"), ("b", "B")],
                &["order timeline a,c,d,b"],
            ),
            // Dragged and retyped: the upsert moves it.
            (
                &[("b", "B!"), ("a", "A"), ("c", "C"), ("d", "D")],
                &["upsert timeline 0 \"b\""],
            ),
            // A bit of everything.
            (
                &[("d", "D"), ("y", "Y"), ("a", "A!"), ("c", "C")],
                &[
                    "remove timeline b",
                    "upsert timeline 1 \"y\"",
                    "upsert timeline 2 \"a\"",
                    "order timeline d,y,a,c",
                ],
            ),
        ];
        for (events, expected) in cases {
            let new = timeline(events);
            let mut saved = old.clone();
            let changes = Review::changes_since(&mut saved, &new);
            assert_eq!(saved, new);
            assert_eq!(ops(&changes), expected, "{events:?}");
            let entry = JournalEntry {
                schema_version: Review::SCHEMA_VERSION,
                changes,
            };
            assert_eq!(
                load_with_journal::<Review>(&encode(&old), &[entry]).unwrap(),
                new
            );
        }
    }

    #[test]
    fn repeated_ids_fall_back_to_the_whole_list() {
        let old = timeline(&[("a", "A"), ("b", "B")]);
        let new = timeline(&[("a", "A"), ("a", "A2"), ("b", "B")]);
        let mut saved = old.clone();
        assert_eq!(
            ops(&Review::changes_since(&mut saved, &new)),
            ["set timeline"]
        );
        assert_eq!(saved, new);
        let twice = timeline(&[("a", "A"), ("a", "A3"), ("b", "B")]);
        assert_eq!(
            ops(&Review::changes_since(&mut saved, &twice)),
            ["set timeline"]
        );
        assert_eq!(saved, twice);
    }

    #[test]
    fn applying_follows_the_documented_semantics() {
        let mut payload = serde_json::json!({"timeline": [{"id": "a"}, {"id": "b"}, {"id": "c"}]});
        let upsert = |at: usize, id: &str| Change::Upsert {
            list: "timeline".into(),
            at,
            entry: serde_json::json!({"id": id, "text": "new"}),
        };
        let ids = |payload: &Value| -> Vec<String> {
            payload["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_owned())
                .collect()
        };
        // Beyond the end: appended.
        apply(&mut payload, &upsert(99, "d")).unwrap();
        assert_eq!(ids(&payload), ["a", "b", "c", "d"]);
        // Elsewhere: moved.
        apply(&mut payload, &upsert(0, "c")).unwrap();
        assert_eq!(ids(&payload), ["c", "a", "b", "d"]);
        // Order names some: the rest keep their order at the end.
        let order = Change::Order {
            list: "timeline".into(),
            ids: vec!["d".into(), "gone".into(), "a".into()],
        };
        apply(&mut payload, &order).unwrap();
        assert_eq!(ids(&payload), ["d", "a", "c", "b"]);
        apply(
            &mut payload,
            &Change::Remove {
                list: "timeline".into(),
                id: "a".into(),
            },
        )
        .unwrap();
        assert_eq!(ids(&payload), ["d", "c", "b"]);
        // A list not there yet starts empty.
        apply(
            &mut payload,
            &Change::Upsert {
                list: "people".into(),
                at: 3,
                entry: serde_json::json!({"id": "p"}),
            },
        )
        .unwrap();
        assert_eq!(payload["people"], serde_json::json!([{"id": "p"}]));
        let no_id = Change::Upsert {
            list: "people".into(),
            at: 0,
            entry: serde_json::json!({"name": "x"}),
        };
        assert!(matches!(
            apply(&mut payload, &no_id),
            Err(LoadError::Malformed { .. })
        ));
    }

    fn details(differences: &[Difference]) -> Vec<String> {
        differences
            .iter()
            .map(|d| format!("{}: {}", d.section, d.detail))
            .collect()
    }

    #[test]
    fn differences_name_sections_and_entries_in_plain_words() {
        let mine = fixture();
        assert!(Review::differences(&mine, &mine).is_empty());

        let mut theirs = mine.clone();
        theirs.updated_at = DateTime::from_timestamp(2_000_000_000, 0).unwrap();
        assert!(
            Review::differences(&mine, &theirs).is_empty(),
            "updated_at is ignored"
        );

        theirs.summary = format!("{} Then it happened again.", mine.summary);
        let summary = details(&Review::differences(&mine, &theirs));
        assert_eq!(summary.len(), 1);
        assert!(
            summary[0].starts_with("Overview: Summary: “…")
                && summary[0].contains("” in this tab, “…")
                && summary[0].contains("Then it happened again.” in the other version."),
            "{summary:?}"
        );
        theirs.summary.clone_from(&mine.summary);

        theirs.title = "Ingest brownouts".into();
        assert_eq!(
            details(&Review::differences(&mine, &theirs)),
            ["Title: “Ingest brownouts from a slow memory leak” in this tab, “Ingest brownouts” in the other version."]
        );

        let mut theirs = mine.clone();
        theirs.timeline[1].text.push_str(" (again)");
        theirs.timeline.remove(3);
        theirs.timeline.remove(2);
        theirs.timeline.push(event("e-new", "Failover started"));
        theirs.people[0].name = "Someone else".into();
        theirs.status = crate::model::ReviewStatus::Published;
        let found = details(&Review::differences(&mine, &theirs));
        let label = |i: usize| quote_or(&mine.timeline[i].text, "");
        assert_eq!(
            found,
            [
                "Overview: Status: In review in this tab, Published in the other version."
                    .to_owned(),
                format!("Timeline: {} reads differently.", label(1)),
                format!(
                    "Timeline: 2 events only in this tab: {}, {}.",
                    label(2),
                    label(3)
                ),
                "Timeline: 1 event only in the other version: “Failover started”.".to_owned(),
                format!(
                    "People: {} reads differently.",
                    quote_or(&mine.people[0].name, "")
                ),
            ]
        );
    }

    #[test]
    fn differences_count_what_they_do_not_name() {
        let mine = timeline(&[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "")]);
        let theirs = timeline(&[]);
        assert_eq!(
            details(&Review::differences(&mine, &theirs)),
            ["Timeline: 5 events only in this tab: “A”, “B”, “C” and 2 more."]
        );
        let reordered = timeline(&[("b", "B"), ("a", "A"), ("c", "C"), ("d", "D"), ("e", "")]);
        assert_eq!(
            details(&Review::differences(&mine, &reordered)),
            ["Timeline: The events are in a different order."]
        );
        let mut with_people = mine.clone();
        with_people.people.push(Person {
            id: EntityId::new("p"),
            name: "Priya".into(),
            ..Person::default()
        });
        with_people.interviews.push(crate::model::Interview {
            id: EntityId::new("i"),
            participant: Some(EntityId::new("p")),
            ..Default::default()
        });
        assert_eq!(
            details(&Review::differences(&mine, &with_people)),
            [
                "People: 1 person only in the other version: “Priya”.",
                "Interviews: 1 interview only in the other version: the interview with “Priya”.",
            ]
        );
    }

    #[test]
    fn many_changed_entries_are_counted_after_the_first_few() {
        let names = ["a", "b", "c", "d", "e", "f", "g"];
        let mine = timeline(&names.map(|n| (n, n)));
        let theirs = timeline(&names.map(|n| (n, "changed")));
        let found = details(&Review::differences(&mine, &theirs));
        assert_eq!(found.len(), 6);
        assert_eq!(found[0], "Timeline: “a” reads differently.");
        assert_eq!(found[5], "Timeline: 2 more events read differently.");
        let theirs = timeline(&names.map(|n| (n, if n == "a" { n } else { "changed" })));
        let found = details(&Review::differences(&mine, &theirs));
        assert_eq!(found[5], "Timeline: 1 more event reads differently.");
    }

    #[test]
    fn meta_review_differences_by_field() {
        let mine = MetaReview::new(MetaReviewId::new("m"), DateTime::UNIX_EPOCH, "UTC");
        let mut theirs = mine.clone();
        theirs.time_zone = "Europe/Berlin".into();
        theirs.themes.push(MetaNote {
            id: EntityId::new("t"),
            text: "Config at seams".into(),
            ..MetaNote::default()
        });
        theirs.updated_at = DateTime::from_timestamp(5, 0).unwrap();
        assert_eq!(
            details(&MetaReview::differences(&mine, &theirs)),
            [
                "About this meta-review: Time zone: “UTC” in this tab, “Europe/Berlin” in the other version.",
                "Common factors and themes: 1 theme only in the other version: “Config at seams”.",
            ]
        );
    }
}
