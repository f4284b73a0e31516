//! Ordering and filtering the timeline.
//!
//! The editor keeps events in entry order (the order the analyst added them) and shows them in
//! time order, rendering only the rows on screen of timelines of up to a few thousand events.
//! So everything here works on *indices* into [`Review::timeline`]: the UI sorts once per
//! change to the timeline ([`sorted_event_indices`], O(n log n)), filters that order on every
//! keystroke in the search box ([`filter_event_indices`], O(n) with no per-event allocation),
//! and reads only the events it draws.

use crate::model::{EntityId, EventKind, Review, TimeKnown, TimelineEvent, Timestamp};
use crate::sorting;
use std::collections::HashMap;

/// Where an event sorts: its instant, then which timed event it follows in entry order,
/// then its own entry index. An event without a time takes the place the analyst gave it:
/// right after the timed event entered before it ("the outage begins", typed after the
/// 12:51 alert, stays after 12:51, not after the incident closed). An event known only to
/// its day does the same when that event is on its day, and otherwise starts its day.
/// Instants, not wall-clock readings, so 03:00 -08:00 and 11:00 +00:00 are the same moment.
type SortKey = (Option<Timestamp>, usize, usize);

/// Every event's [`SortKey`], by entry index. O(n).
fn sort_keys(events: &[TimelineEvent]) -> Vec<SortKey> {
    let mut anchor: (Option<Timestamp>, usize) = (None, 0);
    events
        .iter()
        .enumerate()
        .map(|(i, event)| match (event.at, event.time_known) {
            (Some(day_start), TimeKnown::Day) => {
                let (_, day_end) = TimeKnown::Day.range(day_start);
                match anchor.0 {
                    Some(at) if at >= day_start && Some(at) <= day_end => (anchor.0, anchor.1, i),
                    _ => (Some(day_start), i, i),
                }
            }
            (Some(at), _) => {
                anchor = (Some(at), i);
                (anchor.0, anchor.1, i)
            }
            (None, _) => (anchor.0, anchor.1, i),
        })
        .collect()
}

/// Events in time order, as indices into `review.timeline`. An event without a time stays
/// after the timed event entered before it (first, if none was). Ties keep entry order.
pub fn sorted_event_indices(review: &Review) -> Vec<usize> {
    let keys = sort_keys(&review.timeline);
    let mut order: Vec<usize> = (0..keys.len()).collect();
    sorting::sort_by_key(&mut order, |&i| keys[i]);
    order
}

/// What the analyst narrowed the timeline to. The default shows everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineFilter {
    /// Event kinds to show; empty shows all kinds.
    pub kinds: Vec<EventKind>,
    /// Only events this person acted in (the event's actor).
    pub person: Option<EntityId>,
    /// Words to look for, case-insensitively, in the event's text, its tags and its actor's
    /// name. Every whitespace-separated word must appear somewhere in those; a word may be
    /// part of a longer one ("deploy" finds "redeployed").
    pub text: String,
    /// Only key events.
    pub key_only: bool,
}

impl TimelineFilter {
    /// Whether the filter lets every event through (blank search text counts as none).
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.person.is_none()
            && self.text.trim().is_empty()
            && !self.key_only
    }
}

/// The entries of `order` (indices into `review.timeline`, typically from
/// [`sorted_event_indices`]) whose events pass `filter`, in the same order. Indices that no
/// longer name an event (a stale order after a deletion) are dropped rather than panicking.
pub fn filter_event_indices(
    review: &Review,
    order: &[usize],
    filter: &TimelineFilter,
) -> Vec<usize> {
    let events = &review.timeline;
    if filter.is_empty() {
        return order
            .iter()
            .copied()
            .filter(|&i| i < events.len())
            .collect();
    }

    // Work done once per call, not per event: lower-case the search words and index the
    // actors' names.
    let words: Vec<String> = filter
        .text
        .split_whitespace()
        .map(|word| {
            let mut lower = String::with_capacity(word.len());
            push_lowercase(&mut lower, word);
            lower
        })
        .collect();
    let names: HashMap<&EntityId, &str> = if words.is_empty() {
        HashMap::new()
    } else {
        review
            .people
            .iter()
            .map(|p| (&p.id, p.name.as_str()))
            .collect()
    };
    // One buffer, reused for every event's searchable text, so the text search allocates only
    // when an event is longer than any before it.
    let mut haystack = String::new();

    order
        .iter()
        .copied()
        .filter(|&i| {
            let Some(event) = events.get(i) else {
                return false;
            };
            // The cheap tests first; the text search only runs on events that pass them.
            if filter.key_only && !event.key {
                return false;
            }
            if !filter.kinds.is_empty() && !filter.kinds.contains(&event.kind) {
                return false;
            }
            if filter
                .person
                .as_ref()
                .is_some_and(|person| event.actor.as_ref() != Some(person))
            {
                return false;
            }
            if words.is_empty() {
                return true;
            }
            let actor_name = event
                .actor
                .as_ref()
                .and_then(|id| names.get(id).copied())
                .unwrap_or_default();
            fill_haystack(&mut haystack, event, actor_name);
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .collect()
}

/// Lower-cases `text` onto `out` for matching, a character at a time. Search words go through
/// the same function as the events, so both sides fold identically. (`str::to_lowercase`
/// would turn a word-final Σ into ς depending on what follows it, so a search word and the
/// same word inside a sentence could differ; here every sigma, final or not, becomes σ.)
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        // The common case, without the per-character Unicode tables.
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(
            text.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ς' { 'σ' } else { c }),
        );
    }
}

/// Rewrites `haystack` as the event's searchable text: its text, tags and actor's name,
/// lower-cased and separated by newlines. Search words contain no whitespace, so no match can
/// straddle two fields.
fn fill_haystack(haystack: &mut String, event: &TimelineEvent, actor_name: &str) {
    haystack.clear();
    push_lowercase(haystack, &event.text);
    for tag in &event.tags {
        haystack.push('\n');
        push_lowercase(haystack, tag);
    }
    haystack.push('\n');
    push_lowercase(haystack, actor_name);
}

/// The key events, in time order (untimed ones where the analyst placed them).
pub fn key_events(review: &Review) -> Vec<&TimelineEvent> {
    sorted_event_indices(review)
        .into_iter()
        .map(|i| &review.timeline[i])
        .filter(|event| event.key)
        .collect()
}

/// Where a new event at `at` lands in `order` once it is appended to `review.timeline` and the
/// timeline is sorted again: after every event at the same or an earlier time (it is the
/// newest entry, and ties keep entry order), before later ones; an untimed event lands
/// right after the last timed event entered and what followed it. `order` must be in time
/// order, as from [`sorted_event_indices`], optionally filtered. O(n) to find the anchors,
/// then O(log n), so the UI can scroll to the new row before re-sorting.
pub fn insertion_position(review: &Review, order: &[usize], at: Option<Timestamp>) -> usize {
    let keys = sort_keys(&review.timeline);
    let new_index = keys.len();
    let new_key = match at {
        Some(at) => (Some(at), new_index, new_index),
        None => keys
            .last()
            .map_or((None, 0, new_index), |&(at, anchor, _)| {
                (at, anchor, new_index)
            }),
    };
    order.partition_point(|&i| {
        // A stale index sorts as the newest entry would: it never moves the new one.
        keys.get(i).is_none_or(|key| *key <= new_key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use chrono::{DateTime, Duration};

    fn ts(text: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn event(id: &str, at: Option<&str>) -> TimelineEvent {
        TimelineEvent {
            id: EntityId::new(id),
            at: at.map(ts),
            text: format!("Event {id}"),
            ..Default::default()
        }
    }

    fn review(events: Vec<TimelineEvent>) -> Review {
        Review {
            timeline: events,
            ..Default::default()
        }
    }

    fn ids(review: &Review, order: &[usize]) -> Vec<String> {
        order
            .iter()
            .map(|&i| review.timeline[i].id.to_string())
            .collect()
    }

    #[test]
    fn events_sort_by_instant_and_untimed_ones_stay_where_they_were_entered() {
        let r = review(vec![
            event("u1", None),
            event("c", Some("2024-03-01T10:30:00Z")),
            event("a", Some("2024-03-01T09:00:00Z")),
            event("u2", None),
            // 01:15 in Pacific time is 09:15 UTC: between a and c despite the smaller clock.
            event("b", Some("2024-03-01T01:15:00-08:00")),
        ]);
        // u1 was entered before any timed event; u2 right after a.
        assert_eq!(
            ids(&r, &sorted_event_indices(&r)),
            ["u1", "a", "u2", "b", "c"]
        );
    }

    #[test]
    fn an_event_known_only_to_its_day_stays_where_it_was_entered_on_that_day() {
        let mut day_only = event("report", Some("2024-03-01T00:00:00Z"));
        day_only.time_known = TimeKnown::Day;
        let mut next_day = event("follow-up", Some("2024-03-02T00:00:00Z"));
        next_day.time_known = TimeKnown::Day;
        let r = review(vec![
            event("a", Some("2024-03-01T09:00:00Z")),
            day_only,
            event("b", Some("2024-03-01T08:00:00Z")),
            event("c", Some("2024-03-03T10:00:00Z")),
            // Entered after an event two days on: it starts its own day instead.
            next_day,
        ]);
        assert_eq!(
            ids(&r, &sorted_event_indices(&r)),
            ["b", "a", "report", "follow-up", "c"]
        );
    }

    #[test]
    fn ties_keep_entry_order() {
        let r = review(vec![
            event("second", Some("2024-03-01T10:00:00Z")),
            event("first", Some("2024-03-01T09:00:00Z")),
            event("second-tie", Some("2024-03-01T11:00:00+01:00")),
            event("second-tie-2", Some("2024-03-01T10:00:00Z")),
        ]);
        assert_eq!(
            ids(&r, &sorted_event_indices(&r)),
            ["first", "second", "second-tie", "second-tie-2"]
        );
        assert!(sorted_event_indices(&Review::default()).is_empty());
    }

    #[test]
    fn empty_filter_is_empty() {
        assert!(TimelineFilter::default().is_empty());
        let blank = TimelineFilter {
            text: "  \t ".into(),
            ..Default::default()
        };
        assert!(blank.is_empty());
        for filter in [
            TimelineFilter {
                kinds: vec![EventKind::Alert],
                ..Default::default()
            },
            TimelineFilter {
                person: Some(EntityId::new("p")),
                ..Default::default()
            },
            TimelineFilter {
                text: "x".into(),
                ..Default::default()
            },
            TimelineFilter {
                key_only: true,
                ..Default::default()
            },
        ] {
            assert!(!filter.is_empty(), "{filter:?}");
        }
    }

    fn sample() -> Review {
        let mut r = review(vec![
            TimelineEvent {
                text: "Ingest p99 latency alert fires".into(),
                kind: EventKind::Alert,
                tags: vec!["ingest".into()],
                ..event("alert", Some("2024-03-01T03:00:00-08:00"))
            },
            TimelineEvent {
                text: "Suspects an AWS networking problem".into(),
                kind: EventKind::Hypothesis,
                actor: Some(EntityId::new("liz")),
                key: true,
                ..event("hyp", Some("2024-03-01T03:20:00-08:00"))
            },
            TimelineEvent {
                text: "Rolls back the zstd upgrade".into(),
                kind: EventKind::Mitigation,
                actor: Some(EntityId::new("ben")),
                tags: vec!["Memory-Leak".into(), "deploy".into()],
                key: true,
                ..event("rollback", Some("2024-03-01T09:40:00-08:00"))
            },
            TimelineEvent {
                text: "Überprüfung der Speichernutzung".into(),
                kind: EventKind::Observation,
                actor: Some(EntityId::new("ben")),
                ..event("check", None)
            },
        ]);
        r.people = vec![
            Person {
                id: EntityId::new("liz"),
                name: "Liz Fong".into(),
                ..Default::default()
            },
            Person {
                id: EntityId::new("ben"),
                name: "Ben Hart".into(),
                ..Default::default()
            },
        ];
        r
    }

    fn filtered(r: &Review, filter: TimelineFilter) -> Vec<String> {
        let order = sorted_event_indices(r);
        ids(r, &filter_event_indices(r, &order, &filter))
    }

    fn text(words: &str) -> TimelineFilter {
        TimelineFilter {
            text: words.into(),
            ..Default::default()
        }
    }

    #[test]
    fn filters_by_kind_person_and_key() {
        let r = sample();
        assert_eq!(
            filtered(&r, TimelineFilter::default()),
            ["alert", "hyp", "rollback", "check"]
        );
        let kinds = TimelineFilter {
            kinds: vec![EventKind::Alert, EventKind::Mitigation],
            ..Default::default()
        };
        assert_eq!(filtered(&r, kinds), ["alert", "rollback"]);
        let ben = TimelineFilter {
            person: Some(EntityId::new("ben")),
            ..Default::default()
        };
        assert_eq!(filtered(&r, ben.clone()), ["rollback", "check"]);
        let key = TimelineFilter {
            key_only: true,
            ..Default::default()
        };
        assert_eq!(filtered(&r, key), ["hyp", "rollback"]);
        // Criteria combine: all of them must hold.
        let ben_key = TimelineFilter {
            key_only: true,
            ..ben
        };
        assert_eq!(filtered(&r, ben_key), ["rollback"]);
        let nobody = TimelineFilter {
            person: Some(EntityId::new("nobody")),
            ..Default::default()
        };
        assert!(filtered(&r, nobody).is_empty());
    }

    #[test]
    fn text_search_covers_text_tags_and_actor_name() {
        let r = sample();
        assert_eq!(filtered(&r, text("NETWORKING")), ["hyp"]);
        assert_eq!(filtered(&r, text("memory-leak")), ["rollback"], "tag");
        assert_eq!(filtered(&r, text("fong")), ["hyp"], "actor name");
        assert_eq!(filtered(&r, text("hart")), ["rollback", "check"]);
        assert_eq!(filtered(&r, text("ingest")), ["alert"], "text and tag");
        assert_eq!(filtered(&r, text("ploy")), ["rollback"], "part of a word");
        assert!(filtered(&r, text("kafka")).is_empty());
    }

    #[test]
    fn every_search_word_must_match_somewhere() {
        let r = sample();
        // "rolls" is in the text, "deploy" a tag, "ben" the actor's name.
        assert_eq!(filtered(&r, text("  rolls   DEPLOY\tben ")), ["rollback"]);
        assert!(filtered(&r, text("rolls liz")).is_empty());
        // Words never match across two fields: "upgrade memory" is not "upgradememory".
        assert!(filtered(&r, text("upgradememory-leak")).is_empty());
        let with_kind = TimelineFilter {
            kinds: vec![EventKind::Hypothesis],
            ..text("ben")
        };
        assert!(filtered(&r, with_kind).is_empty());
    }

    #[test]
    fn text_search_folds_case_beyond_ascii() {
        let r = sample();
        assert_eq!(filtered(&r, text("ÜBERPRÜFUNG")), ["check"]);
        assert_eq!(filtered(&r, text("speichernutzung")), ["check"]);
        let mut greek = review(vec![TimelineEvent {
            text: "ΟΔΟΣ".into(),
            ..event("g", None)
        }]);
        greek.people.clear();
        // Capital, small and word-final sigma all find each other.
        assert_eq!(filtered(&greek, text("ΟΔΟΣ")), ["g"]);
        assert_eq!(filtered(&greek, text("οδοσ")), ["g"]);
        assert_eq!(filtered(&greek, text("οδος")), ["g"]);
        assert_eq!(filtered(&greek, text("ΟΔ")), ["g"]);
    }

    #[test]
    fn filtering_keeps_the_given_order_and_skips_stale_indices() {
        let r = sample();
        let everything = TimelineFilter::default();
        assert_eq!(
            filter_event_indices(&r, &[3, 0, 99, 1], &everything),
            [3, 0, 1]
        );
        let key = TimelineFilter {
            key_only: true,
            ..Default::default()
        };
        assert_eq!(filter_event_indices(&r, &[2, 99, 1], &key), [2, 1]);
        assert!(filter_event_indices(&r, &[], &key).is_empty());
    }

    #[test]
    fn key_events_are_in_time_order() {
        let mut r = sample();
        r.timeline[3].key = true;
        r.timeline.swap(1, 2);
        let keys: Vec<&str> = key_events(&r).iter().map(|e| e.id.as_str()).collect();
        // "check" has no time and was entered after "hyp": it stays after it.
        assert_eq!(keys, ["hyp", "check", "rollback"]);
        assert!(key_events(&Review::default()).is_empty());
    }

    #[test]
    fn new_events_land_after_their_time_ties() {
        let r = review(vec![
            event("b", Some("2024-03-01T10:00:00Z")),
            event("a", Some("2024-03-01T09:00:00Z")),
            event("u", None),
            event("b2", Some("2024-03-01T10:00:00Z")),
            event("c", Some("2024-03-01T11:00:00Z")),
        ]);
        let order = sorted_event_indices(&r);
        assert_eq!(ids(&r, &order), ["a", "u", "b", "b2", "c"]);
        let at = |s: &str| Some(ts(s));
        assert_eq!(
            insertion_position(&r, &order, at("2024-03-01T08:00:00Z")),
            0
        );
        assert_eq!(
            insertion_position(&r, &order, at("2024-03-01T09:30:00Z")),
            2
        );
        assert_eq!(
            insertion_position(&r, &order, at("2024-03-01T10:00:00Z")),
            4
        );
        assert_eq!(
            insertion_position(&r, &order, at("2024-03-01T11:00:00+01:00")),
            4
        );
        assert_eq!(
            insertion_position(&r, &order, at("2024-03-01T12:00:00Z")),
            5
        );
        // Untimed, it follows the last timed event entered (c).
        assert_eq!(insertion_position(&r, &order, None), 5);
        assert_eq!(insertion_position(&r, &[], at("2024-03-01T12:00:00Z")), 0);
        assert_eq!(insertion_position(&r, &[], None), 0);

        // Against a filtered order, the position is within that filtered list.
        let timed_b = [order[1], order[2], order[3]]; // u, b, b2
        assert_eq!(
            insertion_position(&r, &timed_b, at("2024-03-01T10:30:00Z")),
            3
        );

        // And it agrees with appending and sorting again.
        for at in [None, at("2024-03-01T10:00:00Z"), at("2024-03-01T00:00:00Z")] {
            let expected = insertion_position(&r, &order, at);
            let mut after = r.clone();
            after.timeline.push(TimelineEvent {
                at,
                ..event("new", None)
            });
            let new_order = sorted_event_indices(&after);
            assert_eq!(new_order[expected], after.timeline.len() - 1, "{at:?}");
        }
    }

    /// A small deterministic generator (a linear congruential one), so the large test needs
    /// no randomness crate and fails the same way every time.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % bound
        }
    }

    /// 5,000 events in shuffled time order with many ties, some untimed, a mix of offsets.
    fn large_review() -> Review {
        let mut rng = Lcg(42);
        let start = ts("2024-03-01T00:00:00Z");
        let offsets = [ts("2024-01-01T00:00:00Z"), ts("2024-01-01T00:00:00-08:00")];
        let words = ["deploy", "latency", "rollback", "Página", "Kafka", "ÜBER"];
        let people: Vec<Person> = (0..20)
            .map(|p| Person {
                id: EntityId::new(format!("p{p}")),
                name: format!("Person {p}"),
                ..Default::default()
            })
            .collect();
        let timeline = (0..5_000)
            .map(|i| {
                let at = (rng.below(10) != 0).then(|| {
                    // Minutes from a small range, so many events share a time.
                    let instant = start + Duration::minutes(rng.below(2_000) as i64);
                    instant.with_timezone(offsets[rng.below(2) as usize].offset())
                });
                TimelineEvent {
                    id: EntityId::new(format!("e{i}")),
                    at,
                    text: format!(
                        "Event {i}: {} {}",
                        words[rng.below(6) as usize],
                        words[rng.below(6) as usize]
                    ),
                    kind: EventKind::ALL[rng.below(12) as usize],
                    actor: (rng.below(3) != 0).then(|| people[rng.below(20) as usize].id.clone()),
                    tags: (0..rng.below(3))
                        .map(|_| words[rng.below(6) as usize].to_lowercase())
                        .collect(),
                    key: rng.below(7) == 0,
                    ..Default::default()
                }
            })
            .collect();
        Review {
            timeline,
            people,
            ..Default::default()
        }
    }

    /// The obvious, allocating implementation the fast filter must agree with.
    fn reference_matches(review: &Review, event: &TimelineEvent, filter: &TimelineFilter) -> bool {
        let name = event
            .actor
            .as_ref()
            .and_then(|id| review.people.iter().find(|p| &p.id == id))
            .map(|p| p.name.to_lowercase())
            .unwrap_or_default();
        let fields: Vec<String> = std::iter::once(event.text.to_lowercase())
            .chain(event.tags.iter().map(|t| t.to_lowercase()))
            .chain(std::iter::once(name))
            .collect();
        (filter.kinds.is_empty() || filter.kinds.contains(&event.kind))
            && filter
                .person
                .as_ref()
                .is_none_or(|p| event.actor.as_ref() == Some(p))
            && (!filter.key_only || event.key)
            && filter
                .text
                .split_whitespace()
                .all(|w| fields.iter().any(|f| f.contains(&w.to_lowercase())))
    }

    #[test]
    fn five_thousand_events_sort_and_filter_correctly() {
        let r = large_review();
        let order = sorted_event_indices(&r);

        // A permutation of every index.
        let mut seen = vec![false; r.timeline.len()];
        for &i in &order {
            assert!(!std::mem::replace(&mut seen[i], true), "index {i} twice");
        }
        assert!(seen.iter().all(|&s| s));

        // As a reference: each timed event carries the untimed ones entered after it (those
        // entered before any timed event lead); the groups sort by instant, ties in entry
        // order.
        let mut leading = Vec::new();
        let mut groups: Vec<(Timestamp, usize, Vec<usize>)> = Vec::new();
        for (i, event) in r.timeline.iter().enumerate() {
            match (event.at, groups.last_mut()) {
                (Some(at), _) => groups.push((at, i, vec![i])),
                (None, Some(group)) => group.2.push(i),
                (None, None) => leading.push(i),
            }
        }
        crate::sorting::sort_by_key(&mut groups, |(at, i, _)| (*at, *i));
        let reference: Vec<usize> = leading
            .into_iter()
            .chain(groups.into_iter().flat_map(|(_, _, members)| members))
            .collect();
        assert_eq!(order, reference);
        let untimed = order
            .iter()
            .filter(|&&i| r.timeline[i].at.is_none())
            .count();
        assert!(untimed > 0 && untimed < order.len());

        let filters = [
            TimelineFilter::default(),
            text("deploy"),
            text("über kafka"),
            text("PÁGINA person 7"),
            text("event 4999:"),
            TimelineFilter {
                kinds: vec![EventKind::Alert, EventKind::Decision],
                key_only: true,
                ..Default::default()
            },
            TimelineFilter {
                person: Some(EntityId::new("p3")),
                ..text("rollback")
            },
        ];
        for filter in &filters {
            let got = filter_event_indices(&r, &order, filter);
            let expected: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| reference_matches(&r, &r.timeline[i], filter))
                .collect();
            assert_eq!(got, expected, "{filter:?}");
        }
        assert_eq!(
            filter_event_indices(&r, &order, &text("event 4999:")),
            [4999]
        );

        let keys = key_events(&r);
        assert!(!keys.is_empty());
        assert!(keys.iter().all(|e| e.key));
        assert_eq!(keys.len(), r.timeline.iter().filter(|e| e.key).count());

        // Insertion agrees with appending and re-sorting, at a crowded time.
        let crowded = r.timeline[order[order.len() / 2]].at;
        let position = insertion_position(&r, &order, crowded);
        let mut after = r.clone();
        after.timeline.push(TimelineEvent {
            at: crowded,
            ..Default::default()
        });
        assert_eq!(sorted_event_indices(&after)[position], r.timeline.len());
    }
}
