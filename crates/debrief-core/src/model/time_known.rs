use super::Timestamp;
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// How well a recorded time is known (schema version 4). Postmortems rarely have every
/// minute: they write "~23:30", "before 13:02", "between 14:18 and 14:59", or only the day.
/// The instant stored beside it (`at`, `start`) is the estimate, the bound or the earliest
/// moment, as each variant says; it is what the time sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeKnown {
    /// To the minute (or better), as a log or a chat message gives it.
    #[default]
    Exact,
    /// Around the instant ("~23:30", "± 23:30", "around 14:00").
    About,
    /// At or before the instant ("before 13:02"): it is the latest it can have been.
    Before,
    /// At or after the instant ("after 22:10"): it is the earliest it can have been.
    After,
    /// From the instant up to `latest` ("between 14:18 and 14:59").
    Between { latest: Timestamp },
    /// Some time on the day that starts at the instant (midnight on the review's clock); the
    /// time of day is not known.
    Day,
}

impl TimeKnown {
    pub fn is_exact(&self) -> bool {
        *self == Self::Exact
    }

    /// The earliest and latest the moment can have been, `None` where the record sets no
    /// limit ("before 13:02" has no earliest). An approximate time counts as its estimate:
    /// "about" states no margin, and inventing one would be worse than taking it at its word.
    pub fn range(&self, at: Timestamp) -> (Option<Timestamp>, Option<Timestamp>) {
        match *self {
            Self::Exact | Self::About => (Some(at), Some(at)),
            Self::Before => (None, Some(at)),
            Self::After => (Some(at), None),
            Self::Between { latest } => (Some(at), Some(latest)),
            // A day is 24 hours here; the one-hour error on a clock-change day is far below
            // what "some time that day" already admits.
            Self::Day => (
                Some(at),
                Some(at + TimeDelta::days(1) - TimeDelta::seconds(1)),
            ),
        }
    }

    /// A clock reading written the way the record gives it: "~23:30", "before 13:02",
    /// "14:18–14:59", "time not known". `latest` writes the upper bound of a between.
    pub fn written(&self, clock: &str, latest: impl FnOnce(&Timestamp) -> String) -> String {
        match self {
            Self::Exact => clock.to_owned(),
            Self::About => format!("~{clock}"),
            Self::Before => format!("before {clock}"),
            Self::After => format!("after {clock}"),
            Self::Between { latest: upper } => format!("{clock}\u{2013}{}", latest(upper)),
            Self::Day => "time not known".to_owned(),
        }
    }

    /// How a reader is told the time is not exact, in words: for titles and screen readers.
    pub fn description(&self) -> Option<&'static str> {
        match self {
            Self::Exact => None,
            Self::About => Some("approximate time"),
            Self::Before => Some("at the latest"),
            Self::After => Some("at the earliest"),
            Self::Between { .. } => Some("somewhere in this span"),
            Self::Day => Some("only the day is known"),
        }
    }
}

/// A time together with how well it is known: what a time field reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenTime {
    pub at: Timestamp,
    pub known: TimeKnown,
}

impl WrittenTime {
    pub fn exact(at: Timestamp) -> Self {
        Self {
            at,
            known: TimeKnown::Exact,
        }
    }
}

/// How well a duration between two recorded times is known, from their ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKnown {
    Exact(TimeDelta),
    /// One end or both were approximate.
    About(TimeDelta),
    /// The span is at least this long (its end is only bounded from below, or its start
    /// from above).
    AtLeast(TimeDelta),
    AtMost(TimeDelta),
    Between(TimeDelta, TimeDelta),
}

impl SpanKnown {
    /// The span from one recorded time to another. `None` when nothing bounds it, or when it
    /// could only be negative.
    pub fn between(from: (Timestamp, TimeKnown), to: (Timestamp, TimeKnown)) -> Option<Self> {
        let (from_earliest, from_latest) = from.1.range(from.0);
        let (to_earliest, to_latest) = to.1.range(to.0);
        let zero = TimeDelta::zero();
        // Shortest: the latest start to the earliest end; longest: the other way round.
        let shortest = match (from_latest, to_earliest) {
            (Some(a), Some(b)) => Some((b - a).max(zero)),
            _ => None,
        };
        let longest = match (from_earliest, to_latest) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        };
        if longest.is_some_and(|l| l < zero) {
            return None;
        }
        let approximate = from.1 == TimeKnown::About || to.1 == TimeKnown::About;
        Some(match (shortest, longest) {
            (Some(s), Some(l)) if s == l && approximate => Self::About(s),
            (Some(s), Some(l)) if s == l => Self::Exact(s),
            // Nothing bounds the shortest but zero; the longest still tells.
            (Some(s), Some(l)) if s == zero => Self::AtMost(l),
            (Some(s), Some(l)) => Self::Between(s, l),
            (None, Some(l)) => Self::AtMost(l),
            (Some(s), None) if s > zero => Self::AtLeast(s),
            _ => return None,
        })
    }

    /// The length that stands for the span where one number is needed (sorting, charts):
    /// the exact value, the bound, or the shortest possible.
    pub fn representative(&self) -> TimeDelta {
        match *self {
            Self::Exact(d) | Self::About(d) | Self::AtLeast(d) | Self::AtMost(d) => d,
            Self::Between(shortest, _) => shortest,
        }
    }

    pub fn is_exact(&self) -> bool {
        matches!(self, Self::Exact(_))
    }

    /// The span in words, each length written by `format`: "at least 45 h 37 min".
    pub fn written(&self, format: impl Fn(TimeDelta) -> String) -> String {
        match *self {
            Self::Exact(d) => format(d),
            Self::About(d) => format!("about {}", format(d)),
            Self::AtLeast(d) => format!("at least {}", format(d)),
            Self::AtMost(d) => format!("at most {}", format(d)),
            Self::Between(a, b) => format!("between {} and {}", format(a), format(b)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn t(clock: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2019-11-06T{clock}:00Z")).unwrap()
    }

    fn minutes(m: i64) -> TimeDelta {
        TimeDelta::minutes(m)
    }

    #[test]
    fn spans_between_exact_times_are_exact() {
        let span = SpanKnown::between(
            (t("10:00"), TimeKnown::Exact),
            (t("10:45"), TimeKnown::Exact),
        );
        assert_eq!(span, Some(SpanKnown::Exact(minutes(45))));
    }

    #[test]
    fn a_start_known_only_as_before_gives_a_lower_bound() {
        // Impact began "before 10:00"; detection at 10:45: at least 45 minutes.
        let span = SpanKnown::between(
            (t("10:00"), TimeKnown::Before),
            (t("10:45"), TimeKnown::Exact),
        );
        assert_eq!(span, Some(SpanKnown::AtLeast(minutes(45))));
        assert_eq!(
            span.unwrap()
                .written(|d| format!("{} min", d.num_minutes())),
            "at least 45 min"
        );
    }

    #[test]
    fn a_start_known_only_as_after_gives_an_upper_bound() {
        let span = SpanKnown::between(
            (t("10:00"), TimeKnown::After),
            (t("10:45"), TimeKnown::Exact),
        );
        assert_eq!(span, Some(SpanKnown::AtMost(minutes(45))));
    }

    #[test]
    fn between_and_day_give_both_bounds() {
        let span = SpanKnown::between(
            (t("10:00"), TimeKnown::Between { latest: t("10:30") }),
            (t("11:00"), TimeKnown::Exact),
        );
        assert_eq!(span, Some(SpanKnown::Between(minutes(30), minutes(60))));
        let day = SpanKnown::between((t("00:00"), TimeKnown::Day), (t("12:00"), TimeKnown::Exact));
        assert_eq!(day, Some(SpanKnown::AtMost(minutes(12 * 60))));
    }

    #[test]
    fn approximate_ends_say_about() {
        let span = SpanKnown::between(
            (t("10:00"), TimeKnown::About),
            (t("10:45"), TimeKnown::Exact),
        );
        assert_eq!(span, Some(SpanKnown::About(minutes(45))));
    }

    #[test]
    fn spans_that_could_only_be_negative_or_unbounded_are_not_given() {
        assert_eq!(
            SpanKnown::between(
                (t("11:00"), TimeKnown::Exact),
                (t("10:00"), TimeKnown::Exact)
            ),
            None
        );
        // Before 10:00 → before 11:00: could be anything.
        assert_eq!(
            SpanKnown::between(
                (t("10:00"), TimeKnown::Before),
                (t("11:00"), TimeKnown::Before)
            ),
            None
        );
        // Before 12:00 → after 10:00: no lower bound above zero, no upper bound.
        assert_eq!(
            SpanKnown::between(
                (t("12:00"), TimeKnown::Before),
                (t("10:00"), TimeKnown::After)
            ),
            None
        );
    }

    #[test]
    fn written_clocks_carry_their_marks() {
        let latest = |_: &Timestamp| "14:59".to_owned();
        assert_eq!(TimeKnown::About.written("23:30", latest), "~23:30");
        assert_eq!(TimeKnown::Before.written("13:02", latest), "before 13:02");
        assert_eq!(
            TimeKnown::Between { latest: t("14:59") }.written("14:18", latest),
            "14:18\u{2013}14:59"
        );
        assert_eq!(TimeKnown::Day.written("00:00", latest), "time not known");
    }
}
