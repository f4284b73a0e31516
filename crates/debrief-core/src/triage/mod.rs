//! A review's chat transcripts as the analyst works through them: the stored set of imported
//! transcripts, which imported author is which person, and turning messages into timeline
//! events. Transcripts are internal material; nothing here is ever rendered publicly.

mod authors;
mod filter;
mod promote;

pub use authors::{match_authors, AuthorMatch, NearMatch};
pub use filter::{filter_messages, KindFilter, MessageFilter, MessageRef};
pub use promote::{
    event_from_messages, message_words, promoted_messages, suggested_kind, PromotedMessages,
};

use crate::document::migrate;
use crate::import::{Message, Transcript};
use crate::model::{EntityId, ReviewId, Timestamp};
use crate::validate::ValidationError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every transcript imported into one review, stored apart from the review itself (in the
/// browser, in IndexedDB: a busy channel is far larger than localStorage holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReviewTranscripts {
    pub review_id: ReviewId,
    pub transcripts: Vec<StoredTranscript>,
    /// Imported author name → the review's person, as the analyst confirmed it. Authors
    /// are never linked without the analyst saying so.
    pub authors: BTreeMap<String, EntityId>,
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

    /// Every distinct author, in order of their first message.
    pub fn authors_in_order(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.all_messages()
            .into_iter()
            .filter_map(|(_, m)| seen.insert(m.author.as_str()).then_some(m.author.as_str()))
            .collect()
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
        added
    }

    /// The person an imported author is linked to, if the analyst linked one.
    pub fn person_for(&self, author: &str) -> Option<&EntityId> {
        self.authors.get(author)
    }
}

impl crate::document::Document for ReviewTranscripts {
    const FORMAT: &'static str = "debrief.transcripts";
    const SCHEMA_VERSION: u32 = 1;
    const PAYLOAD: &'static str = "transcripts";
    const NOUN: &'static str = "transcript set";

    fn migrations() -> &'static [migrate::Step] {
        migrate::TRANSCRIPT_STEPS
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
