//! Finding messages in a review's transcripts: every message in time order, and the ones a
//! filter keeps. Works on positions, never copies messages: a transcript can hold 50,000.

use super::{PromotedMessages, ReviewTranscripts};
use crate::import::{Message, MessageKind};
use crate::model::Timestamp;
use crate::sorting;

/// Where a message sits: which transcript, which message in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageRef {
    pub transcript: usize,
    pub message: usize,
}

impl ReviewTranscripts {
    /// Every message of every transcript, in time order (equal times keep import order).
    pub fn time_order(&self) -> Vec<MessageRef> {
        let mut order: Vec<MessageRef> = self
            .transcripts
            .iter()
            .enumerate()
            .flat_map(|(t, stored)| {
                (0..stored.transcript.messages.len()).map(move |m| MessageRef {
                    transcript: t,
                    message: m,
                })
            })
            .collect();
        sorting::sort_by_key(&mut order, |r| self.message(*r).map(|m| m.at));
        order
    }

    pub fn message(&self, at: MessageRef) -> Option<&Message> {
        self.transcripts
            .get(at.transcript)?
            .transcript
            .messages
            .get(at.message)
    }

    /// The id of the transcript a message belongs to.
    pub fn transcript_id(&self, at: MessageRef) -> Option<&str> {
        self.transcripts.get(at.transcript).map(|t| t.id.as_str())
    }
}

/// Which messages kinds to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    #[default]
    All,
    /// What people wrote, files included: no alerts, joins or housekeeping.
    Conversation,
    Alerts,
    JoinsAndLeaves,
}

impl KindFilter {
    pub const ALL: [KindFilter; 4] = [
        Self::All,
        Self::Conversation,
        Self::Alerts,
        Self::JoinsAndLeaves,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "Everything",
            Self::Conversation => "People's messages",
            Self::Alerts => "Alerts and bots",
            Self::JoinsAndLeaves => "Joins and leaves",
        }
    }

    fn keeps(self, kind: MessageKind) -> bool {
        match self {
            Self::All => true,
            Self::Conversation => matches!(kind, MessageKind::Message | MessageKind::File),
            Self::Alerts => kind == MessageKind::Alert,
            Self::JoinsAndLeaves => matches!(kind, MessageKind::Join | MessageKind::Leave),
        }
    }
}

/// What the analyst narrowed the transcript to. The default keeps everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageFilter {
    /// Words in the text, the author or a shared file's name, any letter case.
    pub text: String,
    /// An author's [`Message::author_key`].
    pub author: Option<String>,
    pub channel: Option<String>,
    /// A thread: its transcript and the id of its first message.
    pub thread: Option<(usize, String)>,
    pub kinds: KindFilter,
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub hide_promoted: bool,
}

impl MessageFilter {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The positions in `order` of the messages `filter` keeps.
pub fn filter_messages(
    transcripts: &ReviewTranscripts,
    order: &[MessageRef],
    filter: &MessageFilter,
    promoted: &PromotedMessages,
) -> Vec<usize> {
    let needle = filter.text.trim().to_lowercase();
    order
        .iter()
        .enumerate()
        .filter(|(_, at)| {
            let (Some(message), Some(transcript_id)) =
                (transcripts.message(**at), transcripts.transcript_id(**at))
            else {
                return false;
            };
            filter.kinds.keeps(transcripts.kind_of(message))
                && filter
                    .author
                    .as_ref()
                    .is_none_or(|a| a == message.author_key())
                && filter
                    .channel
                    .as_ref()
                    .is_none_or(|c| message.channel.as_ref() == Some(c))
                && filter.from.is_none_or(|from| message.at >= from)
                && filter.to.is_none_or(|to| message.at <= to)
                && filter.thread.as_ref().is_none_or(|(t, thread)| {
                    *t == at.transcript
                        && (message.thread.as_ref() == Some(thread) || message.id == *thread)
                })
                && !(filter.hide_promoted && promoted.contains(transcript_id, &message.id))
                && (needle.is_empty() || mentions(message, &needle))
        })
        .map(|(position, _)| position)
        .collect()
}

/// Where the current row is once `shown` (positions in `order`) changed: the current message
/// when it is still shown, else the first shown message after it in time, else the last one
/// before it. Keys act on the current row, so it must never be one the filter hid.
pub fn current_after_filter(
    order: &[MessageRef],
    shown: &[usize],
    current: Option<MessageRef>,
) -> Option<usize> {
    let last = shown.len().checked_sub(1)?;
    let current = current?;
    let Some(in_order) = order.iter().position(|r| *r == current) else {
        return Some(0);
    };
    let after = shown.partition_point(|&p| p < in_order);
    Some(after.min(last))
}

fn mentions(message: &Message, needle: &str) -> bool {
    let has = |text: &str| text.to_lowercase().contains(needle);
    has(&message.text) || has(&message.author) || message.files.iter().any(|f| has(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Transcript;
    use crate::model::ReviewId;
    use crate::testing::{at, transcript_message};
    use crate::triage::StoredTranscript;

    fn transcripts() -> ReviewTranscripts {
        let mut reply = transcript_message(
            "m3",
            "2019-11-06T14:04:00Z",
            "bob",
            "on it",
            MessageKind::Message,
        );
        reply.thread = Some("m1".into());
        let slack = StoredTranscript {
            id: "slack".into(),
            imported_at: at("2020-01-01T00:00:00Z"),
            transcript: Transcript {
                source: "Slack".into(),
                messages: vec![
                    transcript_message(
                        "m1",
                        "2019-11-06T14:00:00Z",
                        "alice",
                        "Errors on the API",
                        MessageKind::Message,
                    ),
                    transcript_message("m2", "2019-11-06T14:02:00Z", "bob", "", MessageKind::Join),
                    reply,
                ],
                unread: Vec::new(),
            },
        };
        let alerts = StoredTranscript {
            id: "csv".into(),
            imported_at: at("2020-01-01T00:00:00Z"),
            transcript: Transcript {
                source: "alerts.csv".into(),
                messages: vec![transcript_message(
                    "a1",
                    "2019-11-06T14:01:00Z",
                    "PagerDuty",
                    "ApiErrorRate firing",
                    MessageKind::Alert,
                )],
                unread: Vec::new(),
            },
        };
        ReviewTranscripts {
            review_id: ReviewId::new("r"),
            transcripts: vec![slack, alerts],
            ..ReviewTranscripts::default()
        }
    }

    fn kept(filter: &MessageFilter) -> Vec<String> {
        let t = transcripts();
        let order = t.time_order();
        filter_messages(&t, &order, filter, &PromotedMessages::default())
            .into_iter()
            .map(|p| t.message(order[p]).unwrap().id.clone())
            .collect()
    }

    #[test]
    fn transcripts_interleave_in_time_order() {
        assert_eq!(
            kept(&MessageFilter::default()),
            vec!["m1", "a1", "m2", "m3"]
        );
    }

    #[test]
    fn text_author_kind_and_time_narrow_the_list() {
        let by_text = MessageFilter {
            text: "API".into(),
            ..MessageFilter::default()
        };
        assert_eq!(kept(&by_text), vec!["m1", "a1"]);
        let by_author = MessageFilter {
            author: Some("bob".into()),
            ..MessageFilter::default()
        };
        assert_eq!(kept(&by_author), vec!["m2", "m3"]);
        let conversation = MessageFilter {
            kinds: KindFilter::Conversation,
            ..MessageFilter::default()
        };
        assert_eq!(kept(&conversation), vec!["m1", "m3"]);
        let window = MessageFilter {
            from: Some(at("2019-11-06T14:01:00Z")),
            to: Some(at("2019-11-06T14:02:00Z")),
            ..MessageFilter::default()
        };
        assert_eq!(kept(&window), vec!["a1", "m2"]);
    }

    #[test]
    fn a_thread_is_its_first_message_and_its_replies() {
        let thread = MessageFilter {
            thread: Some((0, "m1".into())),
            ..MessageFilter::default()
        };
        assert_eq!(kept(&thread), vec!["m1", "m3"]);
    }

    #[test]
    fn the_current_row_moves_to_a_shown_one_when_the_filter_hides_it() {
        let t = transcripts();
        let order = t.time_order();
        let refs: Vec<MessageRef> = order.clone();
        // In time order: m1, a1, m2 (a join), m3. The join is current, then only people's
        // messages are shown: the row after it (m3) becomes current, never the hidden join.
        let conversation = MessageFilter {
            kinds: KindFilter::Conversation,
            ..MessageFilter::default()
        };
        let shown = filter_messages(&t, &order, &conversation, &PromotedMessages::default());
        let join = refs[2];
        let now = current_after_filter(&order, &shown, Some(join)).unwrap();
        assert_eq!(t.message(order[shown[now]]).unwrap().id, "m3");
        // Still shown: stays where it is.
        let now = current_after_filter(&order, &shown, Some(refs[0])).unwrap();
        assert_eq!(t.message(order[shown[now]]).unwrap().id, "m1");
        // Hidden and last: the last shown one before it.
        let alerts_only = MessageFilter {
            kinds: KindFilter::Alerts,
            ..MessageFilter::default()
        };
        let shown = filter_messages(&t, &order, &alerts_only, &PromotedMessages::default());
        let now = current_after_filter(&order, &shown, Some(refs[3])).unwrap();
        assert_eq!(t.message(order[shown[now]]).unwrap().id, "a1");
        // Nothing shown, or nothing current: no current row.
        assert_eq!(current_after_filter(&order, &[], Some(join)), None);
        assert_eq!(current_after_filter(&order, &shown, None), None);
    }

    #[test]
    fn channels_and_accounts_narrow_apart() {
        let mut t = transcripts();
        let messages = &mut t.transcripts[0].transcript.messages;
        for (m, (channel, id)) in
            messages
                .iter_mut()
                .zip([("incident", "U1"), ("ops", "U1"), ("ops", "U2")])
        {
            m.channel = Some(channel.into());
            m.author = "Alex".into();
            m.author_id = Some(id.into());
        }
        let order = t.time_order();
        let ids = |filter: &MessageFilter| -> Vec<String> {
            filter_messages(&t, &order, filter, &PromotedMessages::default())
                .into_iter()
                .map(|p| t.message(order[p]).unwrap().id.clone())
                .collect()
        };
        let ops = MessageFilter {
            channel: Some("ops".into()),
            ..MessageFilter::default()
        };
        assert_eq!(ids(&ops), vec!["m2", "m3"]);
        let second_alex = MessageFilter {
            author: Some("U2".into()),
            ..MessageFilter::default()
        };
        assert_eq!(ids(&second_alex), vec!["m3"]);
    }

    #[test]
    fn an_author_marked_as_a_bot_posts_alerts() {
        let mut t = transcripts();
        t.author_kinds
            .insert("alice".into(), super::super::AuthorKind::Bot);
        t.author_kinds
            .insert("PagerDuty".into(), super::super::AuthorKind::Person);
        let order = t.time_order();
        let alerts = MessageFilter {
            kinds: KindFilter::Alerts,
            ..MessageFilter::default()
        };
        let kept: Vec<String> = filter_messages(&t, &order, &alerts, &PromotedMessages::default())
            .into_iter()
            .map(|p| t.message(order[p]).unwrap().id.clone())
            .collect();
        assert_eq!(kept, vec!["m1"]);
    }
}
