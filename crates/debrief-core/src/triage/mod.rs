//! A review's chat transcripts as the analyst works through them: the stored set of imported
//! transcripts, which imported author is which person, and turning messages into timeline
//! events. Transcripts are internal material; nothing here is ever rendered publicly.

mod authors;
mod filter;
pub mod import_wizard;
mod migrate;
mod promote;

pub use authors::{match_authors, AuthorMatch, NearMatch};
pub use filter::{current_after_filter, filter_messages, KindFilter, MessageFilter, MessageRef};
pub use promote::{
    event_from_messages, message_words, promoted_messages, suggested_kind, PromotedMessages,
};

use crate::document::migrate::Step;
use crate::import::{Message, MessageKind, Transcript};
use crate::model::{EntityId, ReviewId, Timestamp};
use crate::validate::ValidationError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every transcript imported into one review, stored apart from the review itself (in the
/// browser, in IndexedDB: a busy channel is far larger than localStorage holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReviewTranscripts {
    pub review_id: ReviewId,
    pub transcripts: Vec<StoredTranscript>,
    /// Imported author ([`Message::author_key`]) → the review's person, as the analyst
    /// confirmed it. Authors are never linked without the analyst saying so.
    pub authors: BTreeMap<String, EntityId>,
    /// Imported author → what the analyst said they are, where it differs from what the
    /// import guessed: importers know only some bots by name.
    pub author_kinds: BTreeMap<String, AuthorKind>,
}

/// What the analyst marked an author as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Person,
    /// A bot or an alert source: what it posts counts as alerts.
    Bot,
}

/// One author of the transcripts, as lists and pickers show them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChatAuthor {
    /// [`Message::author_key`]: what links, marks and filters use.
    pub key: String,
    pub name: String,
    /// The name, with the key beside it when another author has the same name:
    /// "Alex (U02ABC)".
    pub label: String,
}

/// One import: a Slack channel selection, a pasted log or a CSV file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredTranscript {
    /// Unique within the review; promoted events point at it.
    pub id: String,
    pub imported_at: Timestamp,
    pub transcript: Transcript,
}

impl ReviewTranscripts {
    pub fn new(review_id: ReviewId) -> Self {
        Self {
            review_id,
            ..Self::default()
        }
    }

    pub fn find(&self, transcript_id: &str) -> Option<&StoredTranscript> {
        self.transcripts.iter().find(|t| t.id == transcript_id)
    }

    /// How many messages all transcripts hold together.
    pub fn message_count(&self) -> usize {
        self.transcripts
            .iter()
            .map(|t| t.transcript.messages.len())
            .sum()
    }

    /// Every message of every transcript with the id of its transcript, in time order.
    pub fn all_messages(&self) -> Vec<(&str, &Message)> {
        self.time_order()
            .into_iter()
            .filter_map(|at| Some((self.transcript_id(at)?, self.message(at)?)))
            .collect()
    }

    /// Every distinct author, in order of their first message. Two accounts with one
    /// display name are two authors, told apart by their ids.
    pub fn authors_in_order(&self) -> Vec<ChatAuthor> {
        let mut seen = HashSet::new();
        let firsts: Vec<&Message> = self
            .all_messages()
            .into_iter()
            .filter_map(|(_, m)| seen.insert(m.author_key()).then_some(m))
            .collect();
        let mut keys_per_name: HashMap<String, usize> = HashMap::new();
        for m in &firsts {
            *keys_per_name
                .entry(m.author.trim().to_lowercase())
                .or_default() += 1;
        }
        firsts
            .into_iter()
            .map(|m| {
                let shared = keys_per_name[&m.author.trim().to_lowercase()] > 1;
                ChatAuthor {
                    key: m.author_key().to_owned(),
                    name: m.author.clone(),
                    label: if shared && m.author_key() != m.author {
                        format!("{} ({})", m.author, m.author_key())
                    } else {
                        m.author.clone()
                    },
                }
            })
            .collect()
    }

    /// Every channel messages came from, in order of their first message.
    pub fn channels_in_order(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.all_messages()
            .into_iter()
            .filter_map(|(_, m)| m.channel.as_deref())
            .filter(|channel| seen.insert(*channel))
            .collect()
    }

    /// What a message is once the analyst's marks apply: a person's post by an author marked
    /// as a bot is an alert, an alert by an author marked as a person is a message.
    pub fn kind_of(&self, message: &Message) -> MessageKind {
        match (self.author_kinds.get(message.author_key()), message.kind) {
            (Some(AuthorKind::Bot), MessageKind::Message | MessageKind::File) => MessageKind::Alert,
            (Some(AuthorKind::Person), MessageKind::Alert) => MessageKind::Message,
            (_, kind) => kind,
        }
    }

    /// The message as the analyst's marks read it ([`Self::kind_of`]), for making events.
    pub fn as_marked(&self, message: &Message) -> Message {
        Message {
            kind: self.kind_of(message),
            ..message.clone()
        }
    }

    /// Brings back transcripts from a downloaded set (possibly another review's): those whose
    /// id is not here already are added, with the author links this set lacks. Returns how
    /// many transcripts were added. Nothing here is replaced.
    pub fn restore_from(&mut self, other: ReviewTranscripts) -> usize {
        let mut added = 0;
        for stored in other.transcripts {
            if self.find(&stored.id).is_none() {
                self.transcripts.push(stored);
                added += 1;
            }
        }
        for (author, person) in other.authors {
            self.authors.entry(author).or_insert(person);
        }
        for (author, kind) in other.author_kinds {
            self.author_kinds.entry(author).or_insert(kind);
        }
        added
    }

    /// The person an imported author ([`Message::author_key`]) is linked to, if the analyst
    /// linked one.
    pub fn person_for(&self, author_key: &str) -> Option<&EntityId> {
        self.authors.get(author_key)
    }
}

impl crate::document::Document for ReviewTranscripts {
    const FORMAT: &'static str = "debrief.transcripts";
    const SCHEMA_VERSION: u32 = 2;
    const PAYLOAD: &'static str = "transcripts";
    const NOUN: &'static str = "transcript set";

    fn migrations() -> &'static [Step] {
        migrate::STEPS
    }

    fn validate(&self) -> Vec<ValidationError> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{at, id};

    fn stored(key: &str) -> StoredTranscript {
        StoredTranscript {
            id: key.to_owned(),
            imported_at: at("2020-01-01T00:00:00Z"),
            transcript: Transcript::default(),
        }
    }

    #[test]
    fn restoring_adds_what_is_missing_and_replaces_nothing() {
        let mut here = ReviewTranscripts::new(ReviewId::new("r"));
        here.transcripts.push(stored("t1"));
        here.authors.insert("alice".into(), id("p1"));
        let mut saved = ReviewTranscripts::new(ReviewId::new("other"));
        saved.transcripts = vec![stored("t1"), stored("t2")];
        saved.authors.insert("alice".into(), id("p9"));
        saved.authors.insert("bob".into(), id("p2"));
        assert_eq!(here.restore_from(saved), 1);
        let ids: Vec<&str> = here.transcripts.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, vec!["t1", "t2"]);
        assert_eq!(here.review_id, ReviewId::new("r"));
        assert_eq!(here.authors["alice"], id("p1"));
        assert_eq!(here.authors["bob"], id("p2"));
    }
}
