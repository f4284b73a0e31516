//! What people type into a time field, read generously: `14:03`, `3:05 pm`,
//! `2019-11-06 03:00 PST`, `2019-11-06T11:00Z`, `2019-11-06 03:00 America/Los_Angeles`,
//! RFC 3339 with any offset. A time without a zone is read in the review's zone; a time
//! without a date takes the caller's default date (the incident's start day).

use super::grammar::{read_clock, read_date};
use super::{format_instant, Zone};
use crate::model::{TimeKnown, Timestamp};
use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeInputError {
    Empty,
    /// The text is not a time in any shape Debrief reads.
    Unrecognised(String),
    /// A time of day without a date, and no incident date to take it from.
    NeedsDate,
    /// A date without a time of day.
    NeedsTime,
    UnknownZone(String),
    /// A date field's text that is not a year, month and day.
    NotADate(String),
    /// "between A and B" with B before A.
    RangeReversed,
    /// An approximate, bounded or day-only time where only an exact one is meaningful.
    NeedsExact,
    /// A local time skipped by a daylight-saving change.
    SkippedByClockChange {
        local: String,
        zone: String,
    },
}

impl fmt::Display for TimeInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Type a time, such as 14:03 or 2019-11-06 03:00 PST."),
            Self::Unrecognised(text) => write!(
                f,
                "\"{text}\" doesn't look like a time. Try 14:03, 2019-11-06 03:00 PST or 2019-11-06T11:00Z, or leave it blank (or write ??:??) when the time is not known."
            ),
            Self::NeedsDate => f.write_str(
                "Add a date, such as 2019-11-06 14:03 — or set the incident's start so times of day can use its date.",
            ),
            Self::NeedsTime => f.write_str("Add a time of day after the date, such as 2019-11-06 14:03."),
            Self::NotADate(text) => write!(
                f,
                "\"{text}\" is not a date Debrief reads. Write the year, month and day: 2019-12-01."
            ),
            Self::RangeReversed => f.write_str(
                "The second time is before the first. Write the earlier one first: between 14:18 and 14:59.",
            ),
            Self::NeedsExact => f.write_str(
                "This time needs to be exact, such as 14:03. Approximate and bounded times (~23:30, before 13:02) belong on timeline events and the incident's start.",
            ),
            Self::UnknownZone(zone) => write!(
                f,
                "\"{zone}\" is not a time zone Debrief knows. Use an offset (+05:30), UTC, an abbreviation such as PST, or a name such as Europe/Berlin."
            ),
            Self::SkippedByClockChange { local, zone } => write!(
                f,
                "{local} never happened in {zone}: the clocks jumped forward at that moment. Check the time or give an offset."
            ),
        }
    }
}

impl std::error::Error for TimeInputError {}

/// Reads a typed time. `zone` is the review's time zone; `default_date` the date to use when
/// only a time of day is typed (a date in `zone`).
pub fn parse_time_input(
    text: &str,
    zone: &Zone,
    default_date: Option<NaiveDate>,
) -> Result<Timestamp, TimeInputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TimeInputError::Empty);
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant);
    }
    let unrecognised = || TimeInputError::Unrecognised(text.to_owned());

    let (date, rest) = split_date(text);
    let rest = rest.trim_start();
    if date.is_some() && rest.is_empty() {
        return Err(TimeInputError::NeedsTime);
    }
    let (time, zone_text) = read_clock(rest).ok_or_else(unrecognised)?;
    let date = match date {
        Some(date) => date,
        None => default_date.ok_or(TimeInputError::NeedsDate)?,
    };
    let local = date.and_time(time);
    match parse_zone_spec(zone_text.trim(), zone)? {
        ZoneSpec::Default => localise(local, zone),
        ZoneSpec::Named(named) => localise(local, &named),
        ZoneSpec::Fixed(offset) => offset
            .from_local_datetime(&local)
            .single()
            .ok_or_else(unrecognised),
    }
}

/// Whether a time field's text says the time is not known, as postmortems write it: blank,
/// `??:??`, `?`, `--:--`, "unknown", "n/a".
pub fn is_unknown_time(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || text.chars().all(|c| matches!(c, '?' | ':' | '-' | ' '))
        || ["unknown", "not known", "n/a", "tbd"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word))
}

/// Reads a time that must be exact (an impact window's edge, an event's end, a filter):
/// `Ok(None)` when the text says it is not known ([`is_unknown_time`]), otherwise as
/// [`parse_time_input`]. An approximate or bounded time is refused with a message that says
/// where those belong, instead of "doesn't look like a time".
pub fn parse_exact_time(
    text: &str,
    zone: &Zone,
    default_date: Option<NaiveDate>,
) -> Result<Option<Timestamp>, TimeInputError> {
    if is_unknown_time(text) {
        return Ok(None);
    }
    parse_time_input(text, zone, default_date)
        .map(Some)
        .map_err(
            |err| match super::parse_written_time(text, zone, default_date) {
                Ok(Some(time)) if time.known == TimeKnown::Day => TimeInputError::NeedsTime,
                Ok(Some(_)) => TimeInputError::NeedsExact,
                _ => err,
            },
        )
}

/// Reads a date field: `2019-12-01` (or `2019/12/01`), the way the rest of Debrief writes
/// dates whatever the browser's language. `Ok(None)` for a blank field.
pub fn parse_date_input(text: &str) -> Result<Option<NaiveDate>, TimeInputError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match read_date(text) {
        Some((date, "")) => Ok(Some(date)),
        _ => Err(TimeInputError::NotADate(text.to_owned())),
    }
}

/// Whether typed time text names its own date (`2019-11-06 03:00`, RFC 3339), rather than
/// taking one from the context.
pub fn names_a_date(text: &str) -> bool {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text).is_ok() || split_date(text).0.is_some()
}

/// How far before the previous entry a time of day may read before Debrief asks whether the
/// next day was meant: a timeline typed in order rarely steps back this far.
const STEP_BACK_HOURS: i64 = 6;

/// A time of day typed after `previous` that reads many hours before it ("12:51" typed
/// after 22:10) was usually meant on the next day: that reading, for the analyst to choose.
/// `None` when the time reads near or after `previous`.
pub fn next_day_reading(at: &Timestamp, previous: &Timestamp, zone: &Zone) -> Option<Timestamp> {
    if *previous - *at < chrono::Duration::hours(STEP_BACK_HOURS) {
        return None;
    }
    let (local, _) = zone.to_local(at);
    localise(local + chrono::Duration::days(1), zone).ok()
}

/// The text a time field shows for an instant: its date and time in `zone` followed by the
/// zone's abbreviation when that reads back to the same instant ("2019-11-06 03:00 PST"),
/// otherwise by the numeric offset ("2019-11-06 16:30 +05:30"). Always valid input.
pub fn format_for_input(instant: &Timestamp, zone: &Zone) -> String {
    let label = format_instant(instant, zone);
    let with_abbreviation = format!("{} {} {}", label.date, label.time, label.abbreviation);
    let reads_back = !label.abbreviation.is_empty()
        && parse_time_input(&with_abbreviation, zone, None).as_ref() == Ok(instant);
    if reads_back {
        return with_abbreviation;
    }
    let suffix = match label.offset.strip_prefix("UTC") {
        Some("") | None => "UTC".to_owned(),
        Some(offset) => offset.to_owned(),
    };
    format!("{} {} {}", label.date, label.time, suffix)
}

/// A leading `YYYY-MM-DD` (or `YYYY/MM/DD`) and an optional `T` separator.
pub(super) fn split_date(text: &str) -> (Option<NaiveDate>, &str) {
    match read_date(text) {
        Some((date, rest)) => (Some(date), rest.strip_prefix(['T', 't']).unwrap_or(rest)),
        None => (None, text),
    }
}

enum ZoneSpec<'a> {
    Default,
    Fixed(FixedOffset),
    Named(Zone<'a>),
}

/// Common abbreviations people type in chat and notes. Ambiguous ones take their most common
/// meaning in incident write-ups (IST as India).
const ABBREVIATIONS: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("IST", 330),
    ("SGT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("HST", -600),
    ("AKST", -540),
    ("AKDT", -480),
    ("PST", -480),
    ("PDT", -420),
    ("MST", -420),
    ("MDT", -360),
    ("CST", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
];

/// Reads what follows the time: nothing, an abbreviation, an offset, or a zone name looked up
/// in the same database as `zone`.
fn parse_zone_spec<'a>(text: &str, zone: &Zone<'a>) -> Result<ZoneSpec<'a>, TimeInputError> {
    if text.is_empty() {
        return Ok(ZoneSpec::Default);
    }
    let upper = text.to_ascii_uppercase();
    if let Some((_, minutes)) = ABBREVIATIONS.iter().find(|(name, _)| *name == upper) {
        return Ok(ZoneSpec::Fixed(fixed(minutes * 60)?));
    }
    let numeric = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper);
    if let Some(seconds) = parse_numeric_offset(numeric) {
        return Ok(ZoneSpec::Fixed(fixed(seconds)?));
    }
    zone.sibling(text)
        .map(ZoneSpec::Named)
        .ok_or_else(|| TimeInputError::UnknownZone(text.to_owned()))
}

fn fixed(seconds: i32) -> Result<FixedOffset, TimeInputError> {
    FixedOffset::east_opt(seconds).ok_or_else(|| TimeInputError::UnknownZone(seconds.to_string()))
}

/// `+05:30`, `-0800`, `+5`, `-08`.
fn parse_numeric_offset(text: &str) -> Option<i32> {
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => return None,
    };
    let digits: String = text
        .chars()
        .skip(1)
        .filter(|c| *c != ':')
        .collect::<String>();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let split = digits.len() - 2;
            (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
        }
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

pub(super) fn localise(local: NaiveDateTime, zone: &Zone) -> Result<Timestamp, TimeInputError> {
    match zone.from_local(local) {
        LocalResult::Single(instant) => Ok(instant),
        // When clocks fall back an hour repeats; the first occurrence is the usual reading.
        LocalResult::Ambiguous(first, _) => Ok(first),
        LocalResult::None => Err(TimeInputError::SkippedByClockChange {
            local: local.format("%Y-%m-%d %H:%M").to_string(),
            zone: zone.name().to_owned(),
        }),
    }
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::time::BundledZones;

    fn zone(name: &str) -> Zone<'static> {
        Zone::find(&BundledZones, name).unwrap()
    }

    fn la() -> Zone<'static> {
        zone("America/Los_Angeles")
    }

    fn date(text: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    fn parsed(text: &str) -> String {
        parse_time_input(text, &la(), date("2019-11-06"))
            .unwrap()
            .to_rfc3339()
    }

    /// Every shape the time field reads, and what it reads it as (UTC), or why not.
    #[test]
    fn every_written_shape_in_one_table() {
        let day = date("2019-11-06");
        let cases: &[(&str, Result<Option<&str>, &str>)] = &[
            ("14:03", Ok(Some("2019-11-06T22:03:00+00:00"))),
            ("3:05 pm", Ok(Some("2019-11-06T23:05:00+00:00"))),
            ("3:05pm", Ok(Some("2019-11-06T23:05:00+00:00"))),
            ("12:10 AM", Ok(Some("2019-11-06T08:10:00+00:00"))),
            ("11:59 p.m.", Ok(Some("2019-11-07T07:59:00+00:00"))),
            (
                "2019-11-06 03:00 PST",
                Ok(Some("2019-11-06T11:00:00+00:00")),
            ),
            ("2019-11-06T11:00Z", Ok(Some("2019-11-06T11:00:00+00:00"))),
            (
                "2019-11-06 16:30 +05:30",
                Ok(Some("2019-11-06T11:00:00+00:00")),
            ),
            // The "am" of "America" is not a meridiem: a suffix ends at a word boundary.
            (
                "2019-11-06 03:00 America/Los_Angeles",
                Ok(Some("2019-11-06T11:00:00+00:00")),
            ),
            (
                "14:03 America/New_York",
                Ok(Some("2019-11-06T19:03:00+00:00")),
            ),
            ("14:03 Amsterdam", Err("Amsterdam")),
            ("", Ok(None)),
            ("??:??", Ok(None)),
            ("?", Ok(None)),
            ("--:--", Ok(None)),
            ("Unknown", Ok(None)),
            ("14:03 PM", Err("doesn't look like a time")),
            ("14:035", Err("doesn't look like a time")),
            ("2019-11-06", Err("Add a time of day")),
            ("~14:03", Err("needs to be exact")),
            ("before 14:03", Err("needs to be exact")),
        ];
        for (text, expected) in cases {
            let got = parse_exact_time(text, &la(), day)
                .map(|at| at.map(|at| at.with_timezone(&chrono::Utc).to_rfc3339()))
                .map_err(|err| err.to_string());
            match (expected, &got) {
                (Ok(want), Ok(have)) => assert_eq!(have.as_deref(), *want, "{text}"),
                (Err(part), Err(message)) => assert!(message.contains(part), "{text}: {message}"),
                _ => panic!("{text}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn dates_are_read_year_first_whatever_the_browser_language() {
        let day = NaiveDate::from_ymd_opt(2019, 12, 1);
        assert_eq!(parse_date_input(" 2019-12-01 "), Ok(day));
        assert_eq!(parse_date_input("2019/12/01"), Ok(day));
        assert_eq!(parse_date_input(""), Ok(None));
        for text in ["12/01/2019", "2019-13-01", "2019-12-01 14:00", "next week"] {
            let err = parse_date_input(text).unwrap_err();
            assert!(err.to_string().contains("2019-12-01"), "{text}: {err}");
        }
    }

    #[test]
    fn a_time_far_before_the_previous_entry_offers_the_next_day() {
        let previous = parse_time_input("2019-11-06 22:10", &la(), None).unwrap();
        let typed = parse_time_input("12:51", &la(), date("2019-11-06")).unwrap();
        let next = next_day_reading(&typed, &previous, &la()).unwrap();
        assert_eq!(format_for_input(&next, &la()), "2019-11-07 12:51 PST");
        // A few minutes back is a correction, not a new day.
        let close = parse_time_input("22:01", &la(), date("2019-11-06")).unwrap();
        assert_eq!(next_day_reading(&close, &previous, &la()), None);
        assert!(names_a_date("2019-11-06 12:51") && names_a_date("2019-11-06T12:51:00Z"));
        assert!(!names_a_date("12:51") && !names_a_date("12:51 PST"));
    }

    #[test]
    fn time_of_day_takes_default_date_and_review_zone() {
        assert_eq!(parsed("14:03"), "2019-11-06T14:03:00-08:00");
        assert_eq!(parsed("3:05 pm"), "2019-11-06T15:05:00-08:00");
        assert_eq!(parsed("12:10am"), "2019-11-06T00:10:00-08:00");
        assert_eq!(parsed("14:03:12"), "2019-11-06T14:03:12-08:00");
    }

    #[test]
    fn abbreviations_offsets_and_names() {
        assert_eq!(parsed("2019-11-06 03:00 PST"), "2019-11-06T03:00:00-08:00");
        assert_eq!(parsed("2019-11-06T11:00Z"), "2019-11-06T11:00:00+00:00");
        assert_eq!(parsed("2019-11-06 11:00 UTC"), "2019-11-06T11:00:00+00:00");
        assert_eq!(
            parsed("2019-11-06 16:30 +05:30"),
            "2019-11-06T16:30:00+05:30"
        );
        assert_eq!(
            parsed("2019-11-06 16:30 UTC+0530"),
            "2019-11-06T16:30:00+05:30"
        );
        assert_eq!(
            parsed("2019-11-06 12:00 Europe/Berlin"),
            "2019-11-06T12:00:00+01:00"
        );
        assert_eq!(
            parsed("2019-11-06T03:00:00.250-08:00"),
            "2019-11-06T03:00:00.250-08:00"
        );
    }

    #[test]
    fn a_date_alone_or_a_time_without_any_date_is_explained() {
        assert_eq!(
            parse_time_input("2019-11-06", &la(), None),
            Err(TimeInputError::NeedsTime)
        );
        assert_eq!(
            parse_time_input("14:03", &la(), None),
            Err(TimeInputError::NeedsDate)
        );
    }

    #[test]
    fn nonsense_is_unrecognised_and_quoted_back() {
        for text in [
            "yesterday",
            "25:00",
            "14:3",
            "2019-11-06 14:03 Nowhere/Land",
        ] {
            let err = parse_time_input(text, &la(), date("2019-11-06")).unwrap_err();
            assert_ne!(err, TimeInputError::Empty, "{text}");
            assert!(!err.to_string().is_empty());
        }
        assert_eq!(
            parse_time_input("   ", &la(), None),
            Err(TimeInputError::Empty)
        );
    }

    #[test]
    fn input_text_reads_back_to_the_same_instant() {
        for (text, zone, expected) in [
            ("2019-11-06T11:00:00Z", la(), "2019-11-06 03:00 PST"),
            ("2019-11-06T11:00:00Z", zone("UTC"), "2019-11-06 11:00 UTC"),
            (
                "2019-11-06T11:00:05Z",
                zone("Asia/Kolkata"),
                "2019-11-06 16:30:05 IST",
            ),
            (
                "2019-11-06T11:00:00Z",
                zone("Europe/Moscow"),
                "2019-11-06 14:00 +03:00",
            ),
        ] {
            let instant = DateTime::parse_from_rfc3339(text).unwrap();
            let shown = format_for_input(&instant, &zone);
            assert_eq!(shown, expected);
            assert_eq!(parse_time_input(&shown, &zone, None).unwrap(), instant);
        }
    }

    #[test]
    fn clock_changes() {
        // 02:30 on the spring-forward day does not exist in Los Angeles.
        let err = parse_time_input("2019-03-10 02:30", &la(), None).unwrap_err();
        assert!(matches!(err, TimeInputError::SkippedByClockChange { .. }));
        // 01:30 on the fall-back day happens twice; the first (PDT) is taken.
        assert_eq!(
            parse_time_input("2019-11-03 01:30", &la(), None)
                .unwrap()
                .to_rfc3339(),
            "2019-11-03T01:30:00-07:00"
        );
    }
}
