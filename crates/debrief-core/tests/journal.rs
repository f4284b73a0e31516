//! Saving as a journal: a stored full text plus the changes written after it loads as exactly
//! the document the person was editing, whatever they did to its lists in between.

mod generate;

use chrono::{DateTime, TimeDelta};
use debrief_core::document::{
    encode, load, load_with_journal, Change, Document, JournalEntry, Journaled, LoadError,
};
use debrief_core::model::{EntityId, Review};
use debrief_core::validate::validate_review;
use generate::review;
use proptest::collection::vec;
use proptest::prelude::*;
use std::collections::HashSet;

const V1: &str = include_str!("fixtures/review-v1.json");

/// One thing a person does to a list.
#[derive(Debug, Clone)]
enum Edit {
    /// Retypes the text of the entry at (index mod length).
    Retype(usize, String),
    Insert(usize, String),
    Remove(usize),
    /// Drags an entry from one place to another.
    Move(usize, usize),
    /// Copies an entry, content and all, under a new id next to the original: the same
    /// words twice must not confuse which one a change belongs to.
    Duplicate(usize),
    Reverse,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<usize>(), "\\PC{0,12}").prop_map(|(at, text)| Edit::Retype(at, text)),
        2 => (any::<usize>(), "\\PC{0,12}").prop_map(|(at, text)| Edit::Insert(at, text)),
        2 => any::<usize>().prop_map(Edit::Remove),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Edit::Move(from, to)),
        1 => any::<usize>().prop_map(Edit::Duplicate),
        1 => Just(Edit::Reverse),
    ]
}

/// A session's edits: some to each of the six lists journaled entry by entry, perhaps a new
/// title, and always a later `updated_at`, as every real edit sets.
#[derive(Debug, Clone)]
struct Session {
    lists: [Vec<Edit>; 6],
    title: Option<String>,
    later_by_seconds: i64,
}

fn session() -> impl Strategy<Value = Session> {
    let edits = || vec(edit(), 0..5);
    (
        [edits(), edits(), edits(), edits(), edits(), edits()],
        proptest::option::of("\\PC{0,20}"),
        1..100_000i64,
    )
        .prop_map(|(lists, title, later_by_seconds)| Session {
            lists,
            title,
            later_by_seconds,
        })
}

fn edit_list<T: Default + Clone>(
    list: &mut Vec<T>,
    edits: &[Edit],
    fresh_id: &mut impl FnMut() -> EntityId,
    set_id: fn(&mut T, EntityId),
    set_text: fn(&mut T, String),
) {
    for edit in edits {
        let len = list.len();
        match edit.clone() {
            Edit::Retype(at, text) if len > 0 => set_text(&mut list[at % len], text),
            Edit::Insert(at, text) => {
                let mut entry = T::default();
                set_id(&mut entry, fresh_id());
                set_text(&mut entry, text);
                list.insert(at % (len + 1), entry);
            }
            Edit::Remove(at) if len > 0 => {
                list.remove(at % len);
            }
            Edit::Move(from, to) if len > 0 => {
                let entry = list.remove(from % len);
                list.insert(to % len, entry);
            }
            Edit::Duplicate(at) if len > 0 => {
                let mut copy = list[at % len].clone();
                set_id(&mut copy, fresh_id());
                list.insert(at % len + 1, copy);
            }
            Edit::Reverse => list.reverse(),
            _ => {}
        }
    }
}

/// Drops links to entries that were removed, as the editor's removals do.
fn scrub(review: &mut Review) {
    let people: HashSet<EntityId> = review.people.iter().map(|p| p.id.clone()).collect();
    let events: HashSet<EntityId> = review.timeline.iter().map(|e| e.id.clone()).collect();
    let factors: HashSet<EntityId> = review.factors.iter().map(|f| f.id.clone()).collect();
    let keep = |link: &mut Option<EntityId>, set: &HashSet<EntityId>| {
        if link.as_ref().is_some_and(|id| !set.contains(id)) {
            *link = None;
        }
    };
    for event in &mut review.timeline {
        keep(&mut event.actor, &people);
    }
    for hypothesis in &mut review.hypotheses {
        keep(&mut hypothesis.raised_by, &people);
        keep(&mut hypothesis.raised_in_event, &events);
        for evidence in &mut hypothesis.evidence {
            keep(&mut evidence.event, &events);
        }
    }
    for factor in &mut review.factors {
        factor.events.retain(|id| events.contains(id));
    }
    let learnings = &mut review.learnings;
    for note in learnings
        .went_well
        .iter_mut()
        .chain(&mut learnings.got_lucky)
        .chain(&mut learnings.difficult)
    {
        note.events.retain(|id| events.contains(id));
    }
    for interview in &mut review.interviews {
        keep(&mut interview.participant, &people);
    }
    for action in &mut review.actions {
        action.factors.retain(|id| factors.contains(id));
    }
}

/// `review` after a session; `fresh` numbers new entries across sessions so ids stay unique.
fn after(review: &Review, session: &Session, fresh: &mut usize) -> Review {
    let mut next = review.clone();
    let mut id = |letter: &str| {
        *fresh += 1;
        EntityId::new(format!("{letter}new{fresh}"))
    };
    let [people, timeline, hypotheses, factors, interviews, actions] = &session.lists;
    edit_list(
        &mut next.people,
        people,
        &mut || id("p"),
        |p, id| p.id = id,
        |p, text| p.name = text,
    );
    edit_list(
        &mut next.timeline,
        timeline,
        &mut || id("e"),
        |e, id| e.id = id,
        |e, text| e.text = text,
    );
    edit_list(
        &mut next.hypotheses,
        hypotheses,
        &mut || id("h"),
        // Ids are unique across the whole review, so a copy's evidence needs its own too.
        |h, id| {
            for (n, evidence) in h.evidence.iter_mut().enumerate() {
                evidence.id = EntityId::new(format!("{}-evidence{n}", id.0));
            }
            h.id = id;
        },
        |h, text| h.statement = text,
    );
    edit_list(
        &mut next.factors,
        factors,
        &mut || id("f"),
        |f, id| f.id = id,
        |f, text| f.description = text,
    );
    edit_list(
        &mut next.interviews,
        interviews,
        &mut || id("i"),
        |i, id| {
            for (n, quote) in i.quotes.iter_mut().enumerate() {
                quote.id = EntityId::new(format!("{}-quote{n}", id.0));
            }
            i.id = id;
        },
        |i, text| i.interviewer = text,
    );
    edit_list(
        &mut next.actions,
        actions,
        &mut || id("a"),
        |a, id| a.id = id,
        |a, text| a.description = text,
    );
    if let Some(title) = &session.title {
        next.title = title.clone();
    }
    next.updated_at += TimeDelta::seconds(session.later_by_seconds);
    scrub(&mut next);
    next
}

/// The batch the app would write, checked to be well formed: upserts in ascending position
/// and at most one order per list.
fn batch(saved: &mut Review, current: &Review) -> Result<JournalEntry, TestCaseError> {
    let changes = Review::changes_since(saved, current);
    prop_assert_eq!(&*saved, current);
    let mut last_at: Vec<(String, usize)> = Vec::new();
    let mut ordered = HashSet::new();
    for change in &changes {
        match change {
            Change::Upsert { list, at, .. } => {
                if let Some((_, previous)) = last_at.iter().find(|(l, _)| l == list) {
                    prop_assert!(at > previous, "upserts to {} out of order", list);
                }
                last_at.retain(|(l, _)| l != list);
                last_at.push((list.clone(), *at));
            }
            Change::Order { list, .. } => prop_assert!(ordered.insert(list.clone())),
            _ => {}
        }
    }
    let entry = JournalEntry {
        schema_version: Review::SCHEMA_VERSION,
        changes,
    };
    // Stored as text and read back, as the app does.
    let decoded = JournalEntry::decode(&entry.encode())
        .map_err(|err| TestCaseError::fail(err.to_string()))?;
    prop_assert_eq!(&decoded, &entry);
    Ok(decoded)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_batch_brings_the_stored_text_up_to_date(old in review(), session in session()) {
        let new = after(&old, &session, &mut 0);
        prop_assert_eq!(validate_review(&new), vec![]);
        let mut snapshot = old.clone();
        let entry = batch(&mut snapshot, &new)?;
        let loaded: Review = load_with_journal(&encode(&old), &[entry])
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&loaded, &new);
        // Equality of times ignores offsets; the text shows them.
        prop_assert_eq!(encode(&loaded), encode(&new));
    }

    #[test]
    fn successive_batches_replay_in_order(
        old in review(),
        sessions in vec(session(), 1..4),
    ) {
        let text = encode(&old);
        let mut snapshot = old.clone();
        let mut current = old;
        let mut journal = Vec::new();
        let mut fresh = 0;
        for session in &sessions {
            current = after(&current, session, &mut fresh);
            journal.push(batch(&mut snapshot, &current)?);
        }
        let loaded: Review = load_with_journal(&text, &journal)
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(encode(&loaded), encode(&current));
    }

    #[test]
    fn a_v1_text_takes_v2_batches_on_top(session in session()) {
        let old: Review = load(V1).unwrap();
        let new = after(&old, &session, &mut 0);
        let mut snapshot = old.clone();
        let entry = batch(&mut snapshot, &new)?;
        let loaded: Review = load_with_journal(V1, &[entry])
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(encode(&loaded), encode(&new));
    }
}

#[test]
fn an_empty_journal_is_an_ordinary_load() {
    assert_eq!(
        load_with_journal::<Review>(V1, &[]).unwrap(),
        load::<Review>(V1).unwrap()
    );
    assert_eq!(
        load_with_journal::<Review>("", &[]).unwrap_err(),
        LoadError::Empty
    );
}

#[test]
fn v1_batches_then_v2_batches_migrate_in_between() {
    // A v1 build edited the v1 text (its batch knows no reach), then a v2 build went on.
    let v1_batch = JournalEntry {
        schema_version: 1,
        changes: vec![Change::Set {
            field: "impact".into(),
            value: serde_json::json!({"statement": "Ingest slowed for 3 hours", "windows": []}),
        }],
    };
    let v2_batch = JournalEntry {
        schema_version: 2,
        changes: vec![Change::Set {
            field: "title".into(),
            value: "Renamed".into(),
        }],
    };
    let loaded: Review = load_with_journal(V1, &[v1_batch.clone(), v2_batch.clone()]).unwrap();
    assert_eq!(loaded.title, "Renamed");
    assert_eq!(loaded.impact.statement, "Ingest slowed for 3 hours");
    // The v1 → v2 step ran on the v1 batch's impact.
    assert!(loaded.impact.environments.is_empty());
    assert_eq!(loaded.impact.customer_facing, None);

    // Laid the other way round, the v1 batch cannot be placed and is refused.
    let err = load_with_journal::<Review>(V1, &[v2_batch, v1_batch]).unwrap_err();
    assert!(matches!(err, LoadError::Malformed { .. }), "{err:?}");
}

#[test]
fn a_batch_from_a_newer_build_is_refused() {
    let newer = JournalEntry {
        schema_version: Review::SCHEMA_VERSION + 1,
        changes: Vec::new(),
    };
    assert_eq!(
        load_with_journal::<Review>(V1, &[newer]).unwrap_err(),
        LoadError::NewerVersion {
            found: u64::from(Review::SCHEMA_VERSION + 1),
            supported: Review::SCHEMA_VERSION
        }
    );
}

#[test]
fn a_batch_that_breaks_the_rules_is_refused_like_any_document() {
    let entry = JournalEntry {
        schema_version: 2,
        changes: vec![Change::Upsert {
            list: "timeline".into(),
            at: 0,
            entry: serde_json::json!({"id": "e9", "tags": "oops"}),
        }],
    };
    let err = load_with_journal::<Review>(V1, &[entry]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This Debrief document is damaged or was edited by hand. The timeline's 1st entry has \
         text where a list was expected (in “tags”)."
    );
    let dangling = JournalEntry {
        schema_version: 2,
        changes: vec![Change::Remove {
            list: "people".into(),
            id: "p2".into(),
        }],
    };
    assert!(matches!(
        load_with_journal::<Review>(V1, &[dangling]),
        Err(LoadError::Invalid(_))
    ));
}

#[test]
fn one_character_in_one_event_of_five_thousand_is_a_small_batch() {
    let mut review: Review = load(V1).unwrap();
    let template = review.timeline[0].clone();
    review.timeline = (0..5_000)
        .map(|n| {
            let mut event = template.clone();
            event.id = EntityId::new(format!("event-{n}"));
            event.text = format!("Event number {n}: the ingest queue grew again");
            event
        })
        .collect();
    review.hypotheses.clear();
    review.factors.iter_mut().for_each(|f| f.events.clear());
    for note in review
        .learnings
        .went_well
        .iter_mut()
        .chain(&mut review.learnings.got_lucky)
        .chain(&mut review.learnings.difficult)
    {
        note.events.clear();
    }
    let mut saved = review.clone();
    assert!(Review::changes_since(&mut saved, &review).is_empty());

    let mut edited = review.clone();
    edited.timeline[3_217].text.push('!');
    edited.updated_at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let changes = Review::changes_since(&mut saved, &edited);
    assert_eq!(saved, edited);
    assert!(
        matches!(
            changes.as_slice(),
            [Change::Set { field, .. }, Change::Upsert { list, at: 3_217, .. }]
                if field == "updated_at" && list == "timeline"
        ),
        "{changes:?}"
    );
    let entry = JournalEntry {
        schema_version: Review::SCHEMA_VERSION,
        changes,
    };
    let text = entry.encode();
    assert!(text.len() < 2_048, "{} bytes: {text}", text.len());
    let loaded: Review = load_with_journal(&encode(&review), &[entry]).unwrap();
    assert_eq!(loaded, edited);

    // Dragged from the top to the bottom: no event is written, only the new order.
    let mut dragged = edited.clone();
    let first = dragged.timeline.remove(0);
    dragged.timeline.push(first);
    let changes = Review::changes_since(&mut saved, &dragged);
    assert_eq!(saved, dragged);
    assert!(
        matches!(changes.as_slice(), [Change::Order { list, ids }]
            if list == "timeline" && ids.len() == 5_000 && ids[4_999] == "event-0"),
        "{} changes",
        changes.len()
    );
}

#[test]
fn stored_batches_that_are_not_batches_are_refused_in_plain_words() {
    assert_eq!(JournalEntry::decode(" ").unwrap_err(), LoadError::Empty);
    assert!(matches!(
        JournalEntry::decode("{\"schema_version\":2,\"chan"),
        Err(LoadError::NotJson { line: 1, .. })
    ));
    assert_eq!(
        JournalEntry::decode("{\"changes\":[]}")
            .unwrap_err()
            .to_string(),
        "This Debrief document is damaged or was edited by hand. The batch of saved changes \
         has no “schema_version”."
    );
    assert_eq!(
        JournalEntry::decode(r#"{"schema_version":2,"changes":[{"op":"set","field":"title","value":1},{"op":"frob"}]}"#)
            .unwrap_err()
            .to_string(),
        "This Debrief document is damaged or was edited by hand. The 2nd saved change has \
         “frob” where one of “set”, “upsert”, “remove” or “order” was expected (in “op”)."
    );
}
