//! Turning transcript messages into timeline events.

use crate::import::{Message, MessageKind};
use crate::model::{
    EntityId, EventKind, Review, SourceKind, TimeKnown, TimelineEvent, TimelineSource,
    TranscriptLink, Visibility,
};
use crate::sorting;
use std::collections::HashSet;

/// The kind an event made from this message starts with; `None` for messages that are not
/// events in themselves (joins and leaves: participation shows them).
pub fn suggested_kind(message: &Message) -> Option<EventKind> {
    match message.kind {
        MessageKind::Alert => Some(EventKind::Alert),
        MessageKind::Message | MessageKind::File => Some(EventKind::Observation),
        MessageKind::System => Some(EventKind::Other),
        MessageKind::Join | MessageKind::Leave => None,
    }
}

/// One timeline event from one or more messages of the transcript `transcript_id`.
///
/// The event keeps the messages' own words (one message with a known actor: its text;
/// otherwise one line per message, "author: text"), starts at the first message and ends at the last, and points
/// back at them. It starts internal: chat is raw material, and the analyst decides what of
/// it a public report says.
pub fn event_from_messages(
    id: EntityId,
    transcript_id: &str,
    messages: &[&Message],
    actor: Option<EntityId>,
) -> Option<TimelineEvent> {
    let mut messages: Vec<&Message> = messages.to_vec();
    sorting::sort_by_key(&mut messages, |m| m.at);
    let first = *messages.first()?;
    let last = *messages.last()?;
    // The author's name stays in the words unless the event names them as its actor.
    let text = if messages.len() == 1 && actor.is_some() {
        message_words(first)
    } else {
        messages
            .iter()
            .map(|m| format!("{}: {}", m.author, message_words(m)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let kind = messages
        .iter()
        .find_map(|m| suggested_kind(m))
        .unwrap_or_default();
    Some(TimelineEvent {
        id,
        at: Some(first.at),
        // A chat message's time is the server's, to the second.
        time_known: TimeKnown::Exact,
        end: (last.at != first.at).then_some(last.at),
        text,
        kind,
        actor,
        source: TimelineSource {
            kind: if kind == EventKind::Alert {
                SourceKind::Alert
            } else {
                SourceKind::Chat
            },
            link: None,
            transcript: Some(TranscriptLink {
                transcript_id: transcript_id.to_owned(),
                message_ids: messages.iter().map(|m| m.id.clone()).collect(),
            }),
        },
        tags: Vec::new(),
        key: false,
        visibility: Visibility::Internal,
    })
}

/// A message's text, with shared files named, so an event made from a file share says what
/// was shared.
pub fn message_words(message: &Message) -> String {
    if message.files.is_empty() {
        return message.text.clone();
    }
    let files = format!("[shared {}]", message.files.join(", "));
    if message.text.trim().is_empty() {
        files
    } else {
        format!("{} {files}", message.text)
    }
}

/// Which messages already became events: `(transcript id, message id)` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromotedMessages(HashSet<(String, String)>);

impl PromotedMessages {
    pub fn contains(&self, transcript_id: &str, message_id: &str) -> bool {
        // Borrowed lookups into a set of owned pairs need an owned key; the pair is short.
        self.0
            .contains(&(transcript_id.to_owned(), message_id.to_owned()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The messages the review's timeline was made from.
pub fn promoted_messages(review: &Review) -> PromotedMessages {
    PromotedMessages(
        review
            .timeline
            .iter()
            .filter_map(|event| event.source.transcript.as_ref())
            .flat_map(|link| {
                link.message_ids
                    .iter()
                    .map(|m| (link.transcript_id.clone(), m.clone()))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{empty_review, id, transcript_message};

    #[test]
    fn one_message_keeps_its_words_time_and_link() {
        let m = transcript_message(
            "m1",
            "2019-11-06T14:03:00Z",
            "alice",
            "db-3 is at 100% CPU",
            MessageKind::Message,
        );
        let event = event_from_messages(id("e1"), "t1", &[&m], Some(id("p1"))).unwrap();
        assert_eq!(event.text, "db-3 is at 100% CPU");
        assert_eq!(event.at, Some(m.at));
        assert_eq!(event.end, None);
        assert_eq!(event.kind, EventKind::Observation);
        assert_eq!(event.actor, Some(id("p1")));
        assert_eq!(event.source.kind, SourceKind::Chat);
        assert_eq!(event.visibility, Visibility::Internal);
        assert_eq!(
            event.source.transcript,
            Some(TranscriptLink {
                transcript_id: "t1".into(),
                message_ids: vec!["m1".into()]
            })
        );
    }

    #[test]
    fn alerts_become_alert_events_and_joins_are_not_events() {
        let alert = transcript_message(
            "a",
            "2019-11-06T14:00:00Z",
            "PagerDuty",
            "HighLatency firing",
            MessageKind::Alert,
        );
        let join = transcript_message("j", "2019-11-06T14:01:00Z", "bob", "", MessageKind::Join);
        assert_eq!(suggested_kind(&alert), Some(EventKind::Alert));
        assert_eq!(suggested_kind(&join), None);
        let event = event_from_messages(id("e"), "t", &[&alert], None).unwrap();
        assert_eq!(event.source.kind, SourceKind::Alert);
    }

    #[test]
    fn merged_messages_read_as_a_conversation_in_time_order() {
        let later = transcript_message(
            "m2",
            "2019-11-06T14:05:00Z",
            "bob",
            "rolling back",
            MessageKind::Message,
        );
        let earlier = transcript_message(
            "m1",
            "2019-11-06T14:03:00Z",
            "alice",
            "deploy 42 looks bad",
            MessageKind::Message,
        );
        let event = event_from_messages(id("e"), "t", &[&later, &earlier], None).unwrap();
        assert_eq!(event.text, "alice: deploy 42 looks bad\nbob: rolling back");
        assert_eq!(event.at, Some(earlier.at));
        assert_eq!(event.end, Some(later.at));
        assert_eq!(
            event.source.transcript.unwrap().message_ids,
            vec!["m1", "m2"]
        );
    }

    #[test]
    fn shared_files_are_named() {
        let mut m = transcript_message("f", "2019-11-06T14:03:00Z", "alice", "", MessageKind::File);
        m.files = vec!["heap.png".into()];
        let event = event_from_messages(id("e"), "t", &[&m], None).unwrap();
        assert_eq!(event.text, "alice: [shared heap.png]");
    }

    #[test]
    fn nothing_selected_makes_no_event() {
        assert_eq!(event_from_messages(id("e"), "t", &[], None), None);
    }

    #[test]
    fn promoted_messages_are_found_from_the_timeline() {
        let mut review = empty_review();
        let a = transcript_message("m1", "2019-11-06T14:03:00Z", "a", "x", MessageKind::Message);
        let b = transcript_message("m2", "2019-11-06T14:04:00Z", "b", "y", MessageKind::Message);
        review
            .timeline
            .push(event_from_messages(id("e"), "t1", &[&a, &b], None).unwrap());
        let promoted = promoted_messages(&review);
        assert!(promoted.contains("t1", "m1"));
        assert!(promoted.contains("t1", "m2"));
        assert!(!promoted.contains("t2", "m1"));
        assert_eq!(promoted.len(), 2);
    }
}
