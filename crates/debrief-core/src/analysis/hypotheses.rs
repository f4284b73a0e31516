//! How long each hypothesis was held, and how much of the response went to ones later
//! falsified: where the response anchored, and for how long. Being wrong for a while is
//! normal; the point is to see what made a hypothesis convincing.

use crate::model::{EntityId, Hypothesis, HypothesisStatus, Review, Timestamp};
use crate::sorting;
use chrono::TimeDelta;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HypothesisTiming {
    pub hypothesis: EntityId,
    /// When it was raised: its own `raised_at`, else the time of the event it was raised in.
    pub raised_at: Option<Timestamp>,
    /// When its status last changed, for a hypothesis no longer open.
    pub settled_at: Option<Timestamp>,
    /// `settled_at - raised_at`; for one still open, held until the incident's end (when
    /// known). `None` when a time is missing or the times contradict (settled before raised).
    pub held_for: Option<TimeDelta>,
    pub still_open: bool,
}

/// One timing per hypothesis, in `review.hypotheses` order.
pub fn hypothesis_timings(review: &Review) -> Vec<HypothesisTiming> {
    review
        .hypotheses
        .iter()
        .map(|h| timing(review, h))
        .collect()
}

/// The wall-clock time the response spent holding hypotheses later falsified.
///
/// This is the length of the *union* of their held intervals, not the sum: two wrong leads
/// chased side by side for an hour cost the response an hour, and summing would report two —
/// more than the incident may have lasted. Hypotheses without both times are left out.
pub fn time_on_falsified(review: &Review) -> TimeDelta {
    let intervals = review
        .hypotheses
        .iter()
        .filter(|h| h.status == HypothesisStatus::Falsified)
        .map(|h| timing(review, h))
        .filter_map(|t| Some((t.raised_at?, t.settled_at?)))
        .filter(|(raised, settled)| raised <= settled)
        .collect();
    union_length(intervals)
}

/// When `hypothesis` was raised: its own time, else that of the timeline event it was raised
/// in — analysts often link the chat message rather than type its time twice.
pub(crate) fn raised_at(review: &Review, hypothesis: &Hypothesis) -> Option<Timestamp> {
    hypothesis.raised_at.or_else(|| {
        let event = hypothesis.raised_in_event.as_ref()?;
        review
            .timeline
            .iter()
            .find(|e| &e.id == event)?
            .clock_time()
    })
}

fn timing(review: &Review, hypothesis: &Hypothesis) -> HypothesisTiming {
    let still_open = hypothesis.status == HypothesisStatus::Open;
    let raised_at = raised_at(review, hypothesis);
    // A status change on an open hypothesis (re-opened) does not settle it.
    let settled_at = hypothesis.status_changed_at.filter(|_| !still_open);
    let held_until = if still_open {
        review.incident.end
    } else {
        settled_at
    };
    let held_for = raised_at
        .zip(held_until)
        .map(|(raised, until)| until - raised)
        .filter(|span| *span >= TimeDelta::zero());
    HypothesisTiming {
        hypothesis: hypothesis.id.clone(),
        raised_at,
        settled_at,
        held_for,
        still_open,
    }
}

/// Total length covered by `intervals` (each start ≤ end), counting overlaps once.
fn union_length(mut intervals: Vec<(Timestamp, Timestamp)>) -> TimeDelta {
    sorting::sort(&mut intervals);
    let mut total = TimeDelta::zero();
    let mut current: Option<(Timestamp, Timestamp)> = None;
    for (start, end) in intervals {
        current = match current {
            Some((open, close)) if start <= close => Some((open, close.max(end))),
            Some((open, close)) => {
                total += close - open;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((open, close)) = current {
        total += close - open;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineEvent;
    use chrono::DateTime;

    /// 2019-11-06 at `hh:mm` UTC.
    fn utc(clock: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2019-11-06T{clock}:00Z")).unwrap()
    }

    fn hypothesis(
        id: &str,
        status: HypothesisStatus,
        raised: Option<&str>,
        changed: Option<&str>,
    ) -> Hypothesis {
        Hypothesis {
            id: EntityId::new(id),
            status,
            raised_at: raised.map(utc),
            status_changed_at: changed.map(utc),
            ..Hypothesis::default()
        }
    }

    fn review(hypotheses: Vec<Hypothesis>) -> Review {
        let mut review = Review::default();
        review.incident.start = Some(utc("10:00"));
        review.incident.end = Some(utc("18:00"));
        review.hypotheses = hypotheses;
        review
    }

    fn held_minutes(timing: &HypothesisTiming) -> Option<i64> {
        timing.held_for.map(|d| d.num_minutes())
    }

    use HypothesisStatus::{Abandoned, Falsified, Open, Supported};

    #[test]
    fn settled_hypotheses_are_held_from_raised_to_settled() {
        let review = review(vec![
            hypothesis("dns", Falsified, Some("10:20"), Some("11:05")),
            hypothesis("leak", Supported, Some("11:00"), Some("13:00")),
        ]);
        let timings = hypothesis_timings(&review);
        assert_eq!(timings[0].hypothesis.as_str(), "dns");
        assert_eq!(timings[0].settled_at, Some(utc("11:05")));
        assert_eq!(held_minutes(&timings[0]), Some(45));
        assert!(!timings[0].still_open);
        assert_eq!(held_minutes(&timings[1]), Some(120));
    }

    #[test]
    fn open_hypotheses_are_held_until_the_incident_end() {
        let mut review = review(vec![hypothesis(
            "cache",
            Open,
            Some("16:30"),
            Some("17:00"),
        )]);
        let timing = &hypothesis_timings(&review)[0];
        assert!(timing.still_open);
        // A status change on an open (re-opened) hypothesis does not settle it.
        assert_eq!(timing.settled_at, None);
        assert_eq!(held_minutes(timing), Some(90));

        review.incident.end = None;
        assert_eq!(hypothesis_timings(&review)[0].held_for, None);
    }

    #[test]
    fn missing_raised_at_falls_back_to_the_event_it_was_raised_in() {
        let mut linked = hypothesis("linked", Abandoned, None, Some("12:00"));
        linked.raised_in_event = Some(EntityId::new("chat"));
        let mut review = review(vec![
            linked,
            hypothesis("unknown", Falsified, None, Some("12:00")),
        ]);
        review.timeline.push(TimelineEvent {
            id: EntityId::new("chat"),
            at: Some(utc("11:15")),
            ..TimelineEvent::default()
        });
        let timings = hypothesis_timings(&review);
        assert_eq!(timings[0].raised_at, Some(utc("11:15")));
        assert_eq!(held_minutes(&timings[0]), Some(45));
        assert_eq!(timings[1].raised_at, None);
        assert_eq!(timings[1].held_for, None);
        assert_eq!(time_on_falsified(&review), TimeDelta::zero());
    }

    #[test]
    fn settled_without_a_time_or_before_raised_has_no_duration() {
        let review = review(vec![
            hypothesis("no-time", Falsified, Some("10:00"), None),
            hypothesis("backwards", Falsified, Some("12:00"), Some("11:00")),
        ]);
        let timings = hypothesis_timings(&review);
        assert_eq!(timings[0].held_for, None);
        assert_eq!(timings[1].held_for, None);
        assert_eq!(time_on_falsified(&review), TimeDelta::zero());
    }

    #[test]
    fn time_on_falsified_counts_overlapping_leads_once() {
        let review = review(vec![
            // 10:00–11:00 and 10:30–11:30 overlap: 90 minutes of wall clock, not 120.
            hypothesis("dns", Falsified, Some("10:00"), Some("11:00")),
            hypothesis("deploy", Falsified, Some("10:30"), Some("11:30")),
            // Inside the first two entirely: adds nothing.
            hypothesis("disk", Falsified, Some("10:40"), Some("10:50")),
            // Separate, later: adds 15 minutes.
            hypothesis("network", Falsified, Some("14:00"), Some("14:15")),
            // Not falsified: never counted.
            hypothesis("leak", Supported, Some("09:00"), Some("17:00")),
            hypothesis("cache", Open, Some("12:00"), None),
        ]);
        assert_eq!(time_on_falsified(&review), TimeDelta::minutes(105));
    }

    #[test]
    fn touching_intervals_merge_and_order_does_not_matter() {
        let review = review(vec![
            hypothesis("b", Falsified, Some("11:00"), Some("12:00")),
            hypothesis("a", Falsified, Some("10:00"), Some("11:00")),
        ]);
        assert_eq!(time_on_falsified(&review), TimeDelta::minutes(120));
        assert_eq!(time_on_falsified(&Review::default()), TimeDelta::zero());
    }
}
