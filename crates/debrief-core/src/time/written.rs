//! Times as postmortems write them when the minute is not known: approximate (`~23:30`,
//! `± 23:30`, `around 14:00`, `23:30?`), bounded (`before 13:02`, `after 22:10`,
//! `between 14:18 and 14:59`, `14:18–14:59`), or only the day (`2019-11-06`,
//! `2019-11-06 ??:??`). Each qualifier wraps a time [`parse_time_input`] reads.

use super::input::{localise, split_date};
use super::{format_for_input, format_instant, is_unknown_time, parse_time_input};
use super::{TimeInputError, Zone};
use crate::model::{TimeKnown, WrittenTime};
use chrono::{NaiveDate, TimeDelta, TimeZone};

/// Words and signs before a time, longest first where one starts another.
const PREFIXES: &[(&str, TimeKnown)] = &[
    ("approximately", TimeKnown::About),
    ("at around", TimeKnown::About),
    ("at about", TimeKnown::About),
    ("around", TimeKnown::About),
    ("about", TimeKnown::About),
    ("approx.", TimeKnown::About),
    ("approx", TimeKnown::About),
    ("roughly", TimeKnown::About),
    ("circa", TimeKnown::About),
    ("ca.", TimeKnown::About),
    ("c.", TimeKnown::About),
    ("+/-", TimeKnown::About),
    ("+-", TimeKnown::About),
    ("±", TimeKnown::About),
    ("~", TimeKnown::About),
    ("≈", TimeKnown::About),
    ("no later than", TimeKnown::Before),
    ("before", TimeKnown::Before),
    ("by", TimeKnown::Before),
    ("<=", TimeKnown::Before),
    ("≤", TimeKnown::Before),
    ("<", TimeKnown::Before),
    ("no earlier than", TimeKnown::After),
    ("after", TimeKnown::After),
    (">=", TimeKnown::After),
    ("≥", TimeKnown::After),
    (">", TimeKnown::After),
];

/// Marks after a time that make it approximate: "23:30?", "23:30 (approx.)".
const SUFFIXES: &[&str] = &[
    "(approximately)",
    "(approx.)",
    "(approx)",
    "approx.",
    "approx",
    "?",
];

/// Between two times: "between A and B", "A–B", "A - B", "A to B".
const RANGE_SEPARATORS: &[&str] = &[" and ", "\u{2013}", "\u{2014}", " - ", " to "];

/// Reads a time with how well it is known. `Ok(None)` when the text says the time is not
/// known at all ([`is_unknown_time`]).
pub fn parse_written_time(
    text: &str,
    zone: &Zone,
    default_date: Option<NaiveDate>,
) -> Result<Option<WrittenTime>, TimeInputError> {
    let text = text.trim();
    if is_unknown_time(text) {
        return Ok(None);
    }
    if let Some(rest) = strip_word(text, "between") {
        return read_range(rest, zone, default_date, true).map(Some);
    }
    for (prefix, known) in PREFIXES {
        if let Some(rest) = strip_word(text, prefix) {
            let at = parse_time_input(rest, zone, default_date)?;
            return Ok(Some(WrittenTime { at, known: *known }));
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = strip_suffix_ignore_case(text, suffix) {
            if let Ok(at) = parse_time_input(rest, zone, default_date) {
                return Ok(Some(WrittenTime {
                    at,
                    known: TimeKnown::About,
                }));
            }
        }
    }
    if let (Some(date), rest) = split_date(text) {
        if is_unknown_time(rest) {
            return day(date, zone).map(Some);
        }
    }
    match parse_time_input(text, zone, default_date) {
        Ok(at) => Ok(Some(WrittenTime::exact(at))),
        // "14:18–14:59" without "between".
        Err(err) => read_range(text, zone, default_date, false)
            .map(Some)
            .map_err(|range_err| match range_err {
                TimeInputError::Unrecognised(_) => err,
                other => other,
            }),
    }
}

/// The text a written-time field shows: valid input that reads back to the same time.
pub fn format_written_for_input(time: &WrittenTime, zone: &Zone) -> String {
    let at = format_for_input(&time.at, zone);
    match time.known {
        TimeKnown::Exact => at,
        TimeKnown::About => format!("~{at}"),
        TimeKnown::Before => format!("before {at}"),
        TimeKnown::After => format!("after {at}"),
        TimeKnown::Between { latest } => {
            format!("between {at} and {}", format_for_input(&latest, zone))
        }
        TimeKnown::Day => format_instant(&time.at, zone).date,
    }
}

/// A span "A and B" (or "A–B"): B may be only a clock, read on A's day and offset, and on the
/// next day when it reads before A ("between 23:50 and 00:10").
fn read_range(
    text: &str,
    zone: &Zone,
    default_date: Option<NaiveDate>,
    asked_for: bool,
) -> Result<WrittenTime, TimeInputError> {
    let unrecognised = || TimeInputError::Unrecognised(text.to_owned());
    let (first, second) = RANGE_SEPARATORS
        .iter()
        .find_map(|separator| {
            // ASCII lower-casing keeps every byte where it was.
            let at = text.to_ascii_lowercase().find(separator)?;
            Some((text.get(..at)?, text.get(at + separator.len()..)?))
        })
        .ok_or_else(|| {
            if asked_for {
                TimeInputError::Unrecognised(format!("between {text}"))
            } else {
                unrecognised()
            }
        })?;
    let earliest = parse_time_input(first, zone, default_date)?;
    let second = second.trim();
    let latest = match super::grammar::read_clock(second) {
        Some((clock, rest)) if rest.trim().is_empty() => {
            let offset = *earliest.offset();
            let local = earliest.naive_local().date().and_time(clock);
            let same_day = offset
                .from_local_datetime(&local)
                .single()
                .ok_or_else(unrecognised)?;
            if same_day < earliest {
                same_day + TimeDelta::days(1)
            } else {
                same_day
            }
        }
        _ => {
            let (local, _) = zone.to_local(&earliest);
            parse_time_input(second, zone, Some(local.date()))?
        }
    };
    if latest < earliest {
        return Err(TimeInputError::RangeReversed);
    }
    Ok(WrittenTime {
        at: earliest,
        known: TimeKnown::Between { latest },
    })
}

/// The day `date` on the review's clock, from its first moment.
fn day(date: NaiveDate, zone: &Zone) -> Result<WrittenTime, TimeInputError> {
    // Where midnight is skipped by a clock change, the day starts an hour later.
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    let at =
        localise(midnight, zone).or_else(|_| localise(midnight + TimeDelta::hours(1), zone))?;
    Ok(WrittenTime {
        at,
        known: TimeKnown::Day,
    })
}

/// `text` without a leading `word` (ignoring letter case) and the spaces after it. A word of
/// letters must end there ("by" is not the start of "bypass"); a sign needs no space.
fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = &text[word.len()..];
    let ends_in_letter = word.ends_with(|c: char| c.is_alphabetic());
    if ends_in_letter && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| text[..cut].trim_end())
        .filter(|rest| !rest.is_empty())
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use crate::time::BundledZones;
    use chrono::Utc;

    fn la() -> Zone<'static> {
        Zone::find(&BundledZones, "America/Los_Angeles").unwrap()
    }

    fn read(text: &str) -> Result<Option<(String, TimeKnown)>, String> {
        let day = NaiveDate::from_ymd_opt(2019, 11, 6);
        parse_written_time(text, &la(), day)
            .map(|time| time.map(|t| (t.at.with_timezone(&Utc).to_rfc3339(), t.known)))
            .map_err(|err| err.to_string())
    }

    fn utc(text: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// Every qualified shape the event time field reads, in one table: what it reads as (UTC)
    /// and how well it is known. PST is UTC-8 on 2019-11-06.
    #[test]
    fn every_qualified_shape_in_one_table() {
        use TimeKnown::*;
        let between = |latest: &str| Between {
            latest: utc(latest),
        };
        type Expected = Result<Option<(&'static str, TimeKnown)>, &'static str>;
        let cases: Vec<(&str, Expected)> = vec![
            ("14:03", Ok(Some(("2019-11-06T22:03:00+00:00", Exact)))),
            ("~23:30", Ok(Some(("2019-11-07T07:30:00+00:00", About)))),
            ("± 23:30", Ok(Some(("2019-11-07T07:30:00+00:00", About)))),
            ("+/- 23:30", Ok(Some(("2019-11-07T07:30:00+00:00", About)))),
            (
                "around 14:00",
                Ok(Some(("2019-11-06T22:00:00+00:00", About))),
            ),
            ("About 2 pm", Err("doesn't look like a time")),
            (
                "approx. 14:00",
                Ok(Some(("2019-11-06T22:00:00+00:00", About))),
            ),
            ("c. 14:00", Ok(Some(("2019-11-06T22:00:00+00:00", About)))),
            ("14:00?", Ok(Some(("2019-11-06T22:00:00+00:00", About)))),
            (
                "14:00 (approx.)",
                Ok(Some(("2019-11-06T22:00:00+00:00", About))),
            ),
            (
                "before 13:02",
                Ok(Some(("2019-11-06T21:02:00+00:00", Before))),
            ),
            (
                "Before 13:02 PST",
                Ok(Some(("2019-11-06T21:02:00+00:00", Before))),
            ),
            ("by 13:02", Ok(Some(("2019-11-06T21:02:00+00:00", Before)))),
            ("< 13:02", Ok(Some(("2019-11-06T21:02:00+00:00", Before)))),
            (
                "after 22:10",
                Ok(Some(("2019-11-07T06:10:00+00:00", After))),
            ),
            (
                "between 14:18 and 14:59",
                Ok(Some((
                    "2019-11-06T22:18:00+00:00",
                    between("2019-11-06T22:59:00Z"),
                ))),
            ),
            (
                "14:18\u{2013}14:59",
                Ok(Some((
                    "2019-11-06T22:18:00+00:00",
                    between("2019-11-06T22:59:00Z"),
                ))),
            ),
            (
                "2019-11-06 14:18 - 14:59",
                Ok(Some((
                    "2019-11-06T22:18:00+00:00",
                    between("2019-11-06T22:59:00Z"),
                ))),
            ),
            // Past midnight: the later clock is on the next day.
            (
                "between 23:50 and 00:10",
                Ok(Some((
                    "2019-11-07T07:50:00+00:00",
                    between("2019-11-07T08:10:00Z"),
                ))),
            ),
            // The second time keeps the first's zone when it names none.
            (
                "between 14:18 UTC and 14:59",
                Ok(Some((
                    "2019-11-06T14:18:00+00:00",
                    between("2019-11-06T14:59:00Z"),
                ))),
            ),
            (
                "between 2019-11-06 14:59 and 2019-11-06 14:18",
                Err("second time is before the first"),
            ),
            ("between 14:18", Err("doesn't look like a time")),
            ("2019-11-06", Ok(Some(("2019-11-06T08:00:00+00:00", Day)))),
            (
                "2019-11-06 ??:??",
                Ok(Some(("2019-11-06T08:00:00+00:00", Day))),
            ),
            ("??:??", Ok(None)),
            ("", Ok(None)),
            ("bypass 14:00", Err("doesn't look like a time")),
            ("before lunch", Err("doesn't look like a time")),
        ];
        for (text, expected) in cases {
            let got = read(text);
            match (&expected, &got) {
                (Ok(want), Ok(have)) => assert_eq!(
                    have.as_ref().map(|(at, k)| (at.as_str(), *k)),
                    *want,
                    "{text}"
                ),
                (Err(part), Err(message)) => assert!(message.contains(part), "{text}: {message}"),
                _ => panic!("{text}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn what_a_field_shows_reads_back_to_the_same_time() {
        for text in [
            "14:03",
            "~23:30",
            "before 13:02",
            "after 22:10",
            "between 14:18 and 14:59",
            "between 23:50 and 00:10",
            "2019-11-06",
        ] {
            let day = NaiveDate::from_ymd_opt(2019, 11, 6);
            let time = parse_written_time(text, &la(), day).unwrap().unwrap();
            let shown = format_written_for_input(&time, &la());
            assert_eq!(
                parse_written_time(&shown, &la(), None).unwrap(),
                Some(time),
                "{text} shown as {shown}"
            );
        }
    }
}
