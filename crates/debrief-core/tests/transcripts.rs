//! Stored transcript sets: every schema version's fixture loads forever.

use debrief_core::document::{encode, load};
use debrief_core::import::MessageKind;
use debrief_core::model::EntityId;
use debrief_core::triage::ReviewTranscripts;

const V1: &str = include_str!("fixtures/transcripts-v1.json");

#[test]
fn v1_fixture_loads_with_channels_and_links_per_account() {
    let set: ReviewTranscripts = load(V1).expect("the v1 fixture must load forever");
    let slack = &set.transcripts[0].transcript;
    // Version 1 left the channel out of some messages; the reference still names it.
    let channels: Vec<Option<&str>> = slack
        .messages
        .iter()
        .map(|m| m.channel.as_deref())
        .collect();
    assert_eq!(
        channels,
        [
            Some("incident-42"),
            Some("ops"),
            Some("incident-42"),
            Some("incident-42")
        ]
    );
    assert_eq!(slack.source, "Slack export, 5 channels");
    // The one link made by name, "Alex", now holds for both accounts; the analyst can
    // tell them apart from here on.
    assert_eq!(set.person_for("U01ALEXK"), Some(&EntityId::new("p-alex")));
    assert_eq!(set.person_for("U02ALEXM"), Some(&EntityId::new("p-alex")));
    assert_eq!(set.person_for("sam"), Some(&EntityId::new("p-sam")));
    assert!(set.author_kinds.is_empty());
    // A pasted log has no channels, and still loads.
    let log = &set.transcripts[1].transcript;
    assert_eq!(log.messages[0].channel, None);
    assert_eq!(log.unread, ["pasted from the bridge call notes"]);
    assert!(slack.messages.iter().all(|m| !m.deleted));
    assert_eq!(slack.messages[3].kind, MessageKind::Alert);
    let labels: Vec<String> = set
        .authors_in_order()
        .into_iter()
        .map(|a| a.label)
        .collect();
    assert_eq!(
        labels,
        ["Alex (U01ALEXK)", "Alex (U02ALEXM)", "B0JL6UFSL", "sam"]
    );
}

#[test]
fn a_migrated_set_reads_back_the_same() {
    let set: ReviewTranscripts = load(V1).unwrap();
    let again: ReviewTranscripts = load(&encode(&set)).unwrap();
    assert_eq!(again, set);
}
