//! Response metrics: time to detect, declare, mitigate and resolve, shown beside the people
//! view, each with a one-line explanation of what it measures.
//!
//! Every metric runs from the **impact start** — the earliest impact-window start, else the
//! incident's start — to a moment taken from the timeline:
//!
//! | metric    | to                                   | fallback when no such event        |
//! |-----------|--------------------------------------|------------------------------------|
//! | detect    | first Alert or Detection event       | —                                  |
//! | declare   | first Escalation event               | —                                  |
//! | mitigate  | first Mitigation event               | latest end of an impact window     |
//! | resolve   | first Resolution event               | the incident's end                 |
//!
//! Rules shared by all four:
//! - Events without a time are ignored: they cannot be placed on the clock.
//! - Only events at or after the impact start count, so no metric is negative. An alert that
//!   fired before impact started (a warning that came early) is not the detection of this
//!   impact; when those are the only ones, the metric is reported missing and says why.
//! - A start or an end known only roughly ("before 13:02", "~23:30", only the day) gives the
//!   metric as what the record supports: "at least 45 h 37 min", "about 20 min", "at most
//!   12 h" ([`SpanKnown`]), never a false minute and never a bare "—".
//! - Key events are preferred: analysts mark the moment that mattered (the page a human read,
//!   the escalation that declared the incident), which is not always the first of its kind.
//!   Only when no event of the kind is key does the earliest of all of them count.
//!
//! Metrics are aggregates and hide the story; the UI shows them next to the people and the
//! timeline rather than on their own, and never compares them across reviews.

use crate::model::{
    EntityId, EventKind, Review, SpanKnown, TimeKnown, TimelineEvent, Timestamp, WrittenTime,
};
use chrono::TimeDelta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    TimeToDetect,
    TimeToDeclare,
    TimeToMitigate,
    TimeToResolve,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Self::TimeToDetect,
        Self::TimeToDeclare,
        Self::TimeToMitigate,
        Self::TimeToResolve,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::TimeToDetect => "Time to detect",
            Self::TimeToDeclare => "Time to declare",
            Self::TimeToMitigate => "Time to mitigate",
            Self::TimeToResolve => "Time to resolve",
        }
    }

    /// What the metric measures, from and to, in one line.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::TimeToDetect => {
                "From impact start (first impact window, else incident start) to the first Alert or Detection event at or after it; key events first."
            }
            Self::TimeToDeclare => {
                "From impact start (first impact window, else incident start) to the first Escalation event at or after it; key events first."
            }
            Self::TimeToMitigate => {
                "From impact start (first impact window, else incident start) to the first Mitigation event, key events first; else to the last impact window's end."
            }
            Self::TimeToResolve => {
                "From impact start (first impact window, else incident start) to the first Resolution event, key events first; else to the incident's end."
            }
        }
    }

    /// The event kinds that mark this metric's end point.
    fn kinds(self) -> &'static [EventKind] {
        match self {
            Self::TimeToDetect => &[EventKind::Alert, EventKind::Detection],
            Self::TimeToDeclare => &[EventKind::Escalation],
            Self::TimeToMitigate => &[EventKind::Mitigation],
            Self::TimeToResolve => &[EventKind::Resolution],
        }
    }

    /// What to record when no event of the metric's kinds has a time.
    fn when_not_recorded(self) -> &'static str {
        match self {
            Self::TimeToDetect => "Add an Alert or Detection event with a time.",
            Self::TimeToDeclare => {
                "Add an Escalation event with a time: when the incident was declared."
            }
            Self::TimeToMitigate => {
                "Add a Mitigation event with a time, or an end to the impact windows."
            }
            Self::TimeToResolve => "Add a Resolution event with a time, or the incident's end.",
        }
    }

    /// What to check when every event of the metric's kinds is before impact started.
    fn when_only_before(self) -> &'static str {
        match self {
            Self::TimeToDetect => {
                "The only alerts and detections are before impact started: add the detection that followed, or check the impact start."
            }
            Self::TimeToDeclare => {
                "The only escalations are before impact started: add the one that declared this incident, or check the impact start."
            }
            Self::TimeToMitigate => {
                "The only mitigations are before impact started and no impact window has an end: check the times."
            }
            Self::TimeToResolve => {
                "The only resolutions are before impact started and the incident has no end: check the times."
            }
        }
    }
}

/// A computed metric: `duration` is `to - from`, never negative; `span` says how well it is
/// known when either end is approximate or bounded ("at least 45 h 37 min").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricValue {
    pub metric: Metric,
    pub from: Timestamp,
    pub from_known: TimeKnown,
    pub to: Timestamp,
    pub to_known: TimeKnown,
    pub duration: TimeDelta,
    pub span: SpanKnown,
    /// The timeline event the metric ends at; `None` when it ends at a fallback (the end of
    /// an impact window or of the incident).
    pub to_event: Option<EntityId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMetrics {
    /// Where every metric starts: the earliest impact-window start, else the incident start.
    pub impact_start: Option<WrittenTime>,
    /// The metrics that can be computed, in [`Metric::ALL`] order.
    pub values: Vec<MetricValue>,
    /// The others, in [`Metric::ALL`] order, each with what to record so it can be computed.
    pub missing: Vec<(Metric, &'static str)>,
}

const NO_IMPACT_START: &str =
    "Record when impact started: a start on an impact window, or the incident's start.";

pub fn response_metrics(review: &Review) -> ResponseMetrics {
    let impact_start = impact_start(review);
    let mut metrics = ResponseMetrics {
        impact_start,
        values: Vec::new(),
        missing: Vec::new(),
    };
    for metric in Metric::ALL {
        let computed = match impact_start {
            Some(from) => measure(review, metric, from),
            None => Err(NO_IMPACT_START),
        };
        match computed {
            Ok(value) => metrics.values.push(value),
            Err(reason) => metrics.missing.push((metric, reason)),
        }
    }
    metrics
}

/// The earliest impact-window start, else the incident's start (which may be known only
/// roughly: "before 13:02", or the day).
fn impact_start(review: &Review) -> Option<WrittenTime> {
    let windows = review.impact.windows.iter().filter_map(|w| w.start);
    windows
        .min()
        .map(WrittenTime::exact)
        .or_else(|| review.incident.written_start())
}

/// The latest recorded impact-window end: when customers stopped feeling it.
fn impact_end(review: &Review) -> Option<Timestamp> {
    review.impact.windows.iter().filter_map(|w| w.end).max()
}

/// Where a metric ends when no timeline event marks it.
fn fallback(review: &Review, metric: Metric) -> Option<Timestamp> {
    match metric {
        Metric::TimeToMitigate => impact_end(review),
        Metric::TimeToResolve => review.incident.end,
        Metric::TimeToDetect | Metric::TimeToDeclare => None,
    }
}

fn measure(
    review: &Review,
    metric: Metric,
    start: WrittenTime,
) -> Result<MetricValue, &'static str> {
    let from = start.at;
    let (to, to_known, to_event) = match first_event(&review.timeline, metric.kinds(), from) {
        Found::Event(event, at) => (at, event.time_known, Some(event.id.clone())),
        absent => {
            let Some(to) = fallback(review, metric) else {
                return Err(match absent {
                    Found::OnlyBefore => metric.when_only_before(),
                    _ => metric.when_not_recorded(),
                });
            };
            (to, TimeKnown::Exact, None)
        }
    };
    if to < from {
        // Only a fallback can land here: an incident or impact end before impact started.
        return Err("It would end before impact started: check the impact and incident times.");
    }
    let span = SpanKnown::between((from, start.known), (to, to_known)).ok_or(
        "Its start and end are known only as limits that leave the time open: record either one more exactly.",
    )?;
    Ok(MetricValue {
        metric,
        from,
        from_known: start.known,
        to,
        to_known,
        duration: to - from,
        span,
        to_event,
    })
}

enum Found<'a> {
    Event(&'a TimelineEvent, Timestamp),
    /// Events of the kinds exist, but all are before the impact start.
    OnlyBefore,
    /// No timed event of the kinds at all.
    NotRecorded,
}

/// The earliest key event of `kinds` at or after `from`, else the earliest of any such event.
/// Ties keep timeline order.
fn first_event<'a>(
    timeline: &'a [TimelineEvent],
    kinds: &[EventKind],
    from: Timestamp,
) -> Found<'a> {
    let timed: Vec<(&TimelineEvent, Timestamp)> = timeline
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .filter_map(|e| Some((e, e.at?)))
        .collect();
    if timed.is_empty() {
        return Found::NotRecorded;
    }
    let after = || timed.iter().filter(|(_, at)| *at >= from);
    let earliest_key = after().filter(|(e, _)| e.key).min_by_key(|(_, at)| *at);
    match earliest_key.or_else(|| after().min_by_key(|(_, at)| *at)) {
        Some(&(event, at)) => Found::Event(event, at),
        None => Found::OnlyBefore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImpactWindow, TimelineEvent};
    use crate::testing::at;

    /// 2019-11-06 at `hh:mm` Pacific standard time.
    fn pst(clock: &str) -> Timestamp {
        at(&format!("2019-11-06T{clock}:00-08:00"))
    }

    fn event(id: &str, when: Option<Timestamp>, kind: EventKind, key: bool) -> TimelineEvent {
        TimelineEvent {
            id: EntityId::new(id),
            at: when,
            kind,
            key,
            ..TimelineEvent::default()
        }
    }

    fn window(start: Timestamp, end: Option<Timestamp>) -> ImpactWindow {
        ImpactWindow {
            start: Some(start),
            end,
            ..ImpactWindow::default()
        }
    }

    fn review(windows: Vec<ImpactWindow>, timeline: Vec<TimelineEvent>) -> Review {
        let mut review = Review::default();
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.impact.windows = windows;
        review.timeline = timeline;
        review
    }

    /// The shape of Honeycomb's memory-leak incident: ingest impact from 02:20 PST, the SLO
    /// burn alert at 02:22, an escalation, mitigation at 09:40, then resolution.
    fn memory_leak() -> Review {
        let mut review = review(
            vec![window(pst("02:20"), Some(pst("09:40")))],
            vec![
                event("slo-alert", Some(pst("02:22")), EventKind::Alert, true),
                event("escalate", Some(pst("02:51")), EventKind::Escalation, true),
                event("restart", Some(pst("09:40")), EventKind::Mitigation, true),
                event("resolved", Some(pst("11:05")), EventKind::Resolution, false),
            ],
        );
        review.incident.start = Some(pst("02:22"));
        review.incident.end = Some(pst("12:00"));
        review
    }

    fn value(metrics: &ResponseMetrics, metric: Metric) -> &MetricValue {
        metrics
            .values
            .iter()
            .find(|v| v.metric == metric)
            .unwrap_or_else(|| panic!("{metric:?} missing: {:?}", metrics.missing))
    }

    fn minutes(metrics: &ResponseMetrics, metric: Metric) -> i64 {
        value(metrics, metric).duration.num_minutes()
    }

    fn missing_reason(metrics: &ResponseMetrics, metric: Metric) -> &'static str {
        metrics
            .missing
            .iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, reason)| *reason)
            .unwrap_or_else(|| panic!("{metric:?} was computed"))
    }

    #[test]
    fn memory_leak_incident_has_exact_durations() {
        let metrics = response_metrics(&memory_leak());
        assert_eq!(metrics.impact_start, Some(WrittenTime::exact(pst("02:20"))));
        assert!(metrics.missing.is_empty());
        assert_eq!(
            metrics.values.iter().map(|v| v.metric).collect::<Vec<_>>(),
            Metric::ALL
        );
        assert_eq!(minutes(&metrics, Metric::TimeToDetect), 2);
        assert_eq!(minutes(&metrics, Metric::TimeToDeclare), 31);
        assert_eq!(minutes(&metrics, Metric::TimeToMitigate), 7 * 60 + 20);
        assert_eq!(minutes(&metrics, Metric::TimeToResolve), 8 * 60 + 45);
        let detect = value(&metrics, Metric::TimeToDetect);
        assert_eq!(detect.from, pst("02:20"));
        assert_eq!(detect.to, pst("02:22"));
        assert_eq!(detect.to_event, Some(EntityId::new("slo-alert")));
    }

    #[test]
    fn times_in_other_offsets_compare_as_instants() {
        let mut review = memory_leak();
        // The same SLO alert, recorded from a UTC alerting tool.
        review.timeline[0].at = Some(at("2019-11-06T10:22:00Z"));
        let metrics = response_metrics(&review);
        assert_eq!(minutes(&metrics, Metric::TimeToDetect), 2);
    }

    #[test]
    fn without_a_mitigation_event_the_last_impact_window_end_counts() {
        let mut review = memory_leak();
        review.timeline.retain(|e| e.kind != EventKind::Mitigation);
        review.impact.windows = vec![
            window(pst("02:20"), Some(pst("03:00"))),
            window(pst("08:00"), Some(pst("10:10"))),
            window(pst("05:00"), Some(pst("06:00"))),
        ];
        let metrics = response_metrics(&review);
        let mitigate = value(&metrics, Metric::TimeToMitigate);
        assert_eq!(mitigate.to, pst("10:10"));
        assert_eq!(mitigate.duration.num_minutes(), 7 * 60 + 50);
        assert_eq!(mitigate.to_event, None);
    }

    #[test]
    fn without_impact_windows_the_incident_start_counts() {
        let mut review = memory_leak();
        review.impact.windows.clear();
        let metrics = response_metrics(&review);
        assert_eq!(metrics.impact_start, Some(WrittenTime::exact(pst("02:22"))));
        assert_eq!(minutes(&metrics, Metric::TimeToDetect), 0);
        assert_eq!(minutes(&metrics, Metric::TimeToDeclare), 29);
        // The mitigation event still counts; only the window-end fallback is gone.
        assert_eq!(minutes(&metrics, Metric::TimeToMitigate), 7 * 60 + 18);
    }

    #[test]
    fn without_a_resolution_event_the_incident_end_counts() {
        let mut review = memory_leak();
        review.timeline.retain(|e| e.kind != EventKind::Resolution);
        let metrics = response_metrics(&review);
        let resolve = value(&metrics, Metric::TimeToResolve);
        assert_eq!(resolve.to, pst("12:00"));
        assert_eq!(resolve.to_event, None);
    }

    #[test]
    fn with_no_start_at_all_every_metric_says_what_to_record() {
        let review = review(
            Vec::new(),
            vec![event("a", Some(pst("02:22")), EventKind::Alert, false)],
        );
        let metrics = response_metrics(&review);
        assert_eq!(metrics.impact_start, None);
        assert!(metrics.values.is_empty());
        assert_eq!(metrics.missing.len(), 4);
        assert!(metrics.missing.iter().all(|(_, r)| *r == NO_IMPACT_START));
    }

    #[test]
    fn missing_metrics_are_explained() {
        let review = review(vec![window(pst("02:20"), None)], Vec::new());
        let metrics = response_metrics(&review);
        assert!(metrics.values.is_empty());
        assert_eq!(
            metrics.missing.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
            Metric::ALL
        );
        assert!(missing_reason(&metrics, Metric::TimeToDetect).contains("Alert or Detection"));
        assert!(missing_reason(&metrics, Metric::TimeToDeclare).contains("Escalation"));
        assert!(missing_reason(&metrics, Metric::TimeToMitigate).contains("impact windows"));
        assert!(missing_reason(&metrics, Metric::TimeToResolve).contains("incident's end"));
    }

    #[test]
    fn alerts_only_before_impact_are_reported_not_negative() {
        let review = review(
            vec![window(pst("02:20"), Some(pst("03:00")))],
            vec![event("early", Some(pst("01:50")), EventKind::Alert, true)],
        );
        let metrics = response_metrics(&review);
        assert!(missing_reason(&metrics, Metric::TimeToDetect).contains("before impact started"));
        assert!(metrics
            .values
            .iter()
            .all(|v| v.duration >= TimeDelta::zero()));
    }

    #[test]
    fn an_early_alert_is_skipped_for_the_first_one_after_impact() {
        let review = review(
            vec![window(pst("02:20"), None)],
            vec![
                event("early", Some(pst("01:50")), EventKind::Alert, true),
                event("report", Some(pst("02:40")), EventKind::Detection, false),
            ],
        );
        let metrics = response_metrics(&review);
        assert_eq!(
            value(&metrics, Metric::TimeToDetect).to_event,
            Some(EntityId::new("report"))
        );
        assert_eq!(minutes(&metrics, Metric::TimeToDetect), 20);
    }

    #[test]
    fn key_events_are_preferred_over_earlier_ones() {
        let review = review(
            vec![window(pst("02:20"), None)],
            vec![
                event("noise", Some(pst("02:21")), EventKind::Alert, false),
                event("page", Some(pst("02:30")), EventKind::Alert, true),
                event("ping", Some(pst("02:35")), EventKind::Escalation, false),
                event("declared", Some(pst("03:10")), EventKind::Escalation, true),
                event("later", Some(pst("04:00")), EventKind::Escalation, true),
            ],
        );
        let metrics = response_metrics(&review);
        assert_eq!(
            value(&metrics, Metric::TimeToDetect).to_event,
            Some(EntityId::new("page"))
        );
        assert_eq!(minutes(&metrics, Metric::TimeToDeclare), 50);
    }

    #[test]
    fn without_key_events_the_earliest_counts_whatever_its_position() {
        let review = review(
            vec![window(pst("02:20"), None)],
            vec![
                event("second", Some(pst("02:40")), EventKind::Escalation, false),
                event("first", Some(pst("02:30")), EventKind::Escalation, false),
            ],
        );
        let metrics = response_metrics(&review);
        assert_eq!(
            value(&metrics, Metric::TimeToDeclare).to_event,
            Some(EntityId::new("first"))
        );
    }

    #[test]
    fn events_without_a_time_are_ignored() {
        let review = review(
            vec![window(pst("02:20"), None)],
            vec![
                event("untimed-key", None, EventKind::Alert, true),
                event("timed", Some(pst("02:25")), EventKind::Alert, false),
                event("untimed-fix", None, EventKind::Mitigation, true),
            ],
        );
        let metrics = response_metrics(&review);
        assert_eq!(
            value(&metrics, Metric::TimeToDetect).to_event,
            Some(EntityId::new("timed"))
        );
        assert_eq!(
            missing_reason(&metrics, Metric::TimeToMitigate),
            Metric::TimeToMitigate.when_not_recorded()
        );
    }

    #[test]
    fn a_start_known_only_as_a_bound_gives_bounded_metrics() {
        // The certificate expired some time before the first report; the postmortem says
        // the outage began "before 10:00" two days earlier.
        let mut review = review(
            Vec::new(),
            vec![
                event("report", Some(pst("07:37")), EventKind::Detection, true),
                event("fixed", Some(pst("09:00")), EventKind::Resolution, true),
            ],
        );
        review.incident.start = Some(at("2019-11-04T10:00:00-08:00"));
        review.incident.start_known = TimeKnown::Before;
        let metrics = response_metrics(&review);
        let detect = value(&metrics, Metric::TimeToDetect);
        assert_eq!(
            detect.span,
            SpanKnown::AtLeast(TimeDelta::minutes(45 * 60 + 37))
        );
        assert_eq!(
            detect.span.written(crate::time::format_duration),
            "at least 1 d 21 h"
        );
        assert_eq!(detect.from_known, TimeKnown::Before);
        // An approximate detection makes the span approximate.
        review.timeline[0].time_known = TimeKnown::About;
        review.incident.start_known = TimeKnown::Exact;
        let metrics = response_metrics(&review);
        assert!(matches!(
            value(&metrics, Metric::TimeToDetect).span,
            SpanKnown::About(_)
        ));
    }

    #[test]
    fn bounds_that_leave_the_span_open_are_explained() {
        let mut review = review(
            Vec::new(),
            vec![event("page", Some(pst("07:37")), EventKind::Alert, true)],
        );
        review.timeline[0].time_known = TimeKnown::Before;
        review.incident.start = Some(pst("07:00"));
        review.incident.start_known = TimeKnown::Before;
        let metrics = response_metrics(&review);
        assert!(missing_reason(&metrics, Metric::TimeToDetect).contains("only as limits"));
    }

    #[test]
    fn a_fallback_before_impact_start_is_refused() {
        let mut review = review(vec![window(pst("02:20"), None)], Vec::new());
        review.incident.end = Some(pst("01:00"));
        let metrics = response_metrics(&review);
        assert!(missing_reason(&metrics, Metric::TimeToResolve).contains("before impact"));
    }

    #[test]
    fn every_metric_has_a_label_and_a_one_line_explanation() {
        for metric in Metric::ALL {
            assert!(!metric.label().is_empty());
            let explanation = metric.explanation();
            assert!(explanation.starts_with("From impact start"));
            assert!(!explanation.contains('\n'));
        }
    }
}
