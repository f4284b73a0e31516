//! The one grammar for the parts of a written time, shared by the time field
//! ([`super::parse_time_input`]) and the chat-log reader: a `YYYY-MM-DD` date, a clock
//! `H:MM[:SS[.fff]]` with an AM/PM that must end at a word boundary (so the "am" of
//! "America/Los_Angeles" is not one), and a numeric or UTC offset. Each reader takes what
//! it recognises from the front of the text and returns the rest.

use chrono::{FixedOffset, NaiveDate, NaiveTime};

pub(crate) fn read_date(text: &str) -> Option<(NaiveDate, &str)> {
    let head = text.get(..10)?.as_bytes();
    let separator = head[4];
    let digits_at = |range: std::ops::Range<usize>| head[range].iter().all(u8::is_ascii_digit);
    if !matches!(separator, b'-' | b'/')
        || head[7] != separator
        || !(digits_at(0..4) && digits_at(5..7) && digits_at(8..10))
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)?;
    Some((date, &text[10..]))
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, then an optional AM/PM.
pub(crate) fn read_clock(text: &str) -> Option<(NaiveTime, &str)> {
    let (hour, rest) = read_digits(text, 1, 2)?;
    let (minute, rest) = read_digits(rest.strip_prefix(':')?, 2, 2)?;
    let (second, nano, rest) = match rest.strip_prefix(':') {
        Some(rest) => {
            let (second, rest) = read_digits(rest, 2, 2)?;
            let (nano, rest) = read_fraction(rest);
            (second, nano, rest)
        }
        None => (0, 0, rest),
    };
    // "14:035" or "14:03:1" are not clocks.
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (hour, rest) = read_meridiem(hour, rest)?;
    Some((
        NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?,
        rest,
    ))
}

/// Between `min` and `max` ASCII digits.
fn read_digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    if count < min || count > max {
        return None;
    }
    Some((text[..count].parse().ok()?, &text[count..]))
}

/// `.123` as nanoseconds; digits past the ninth are read and ignored.
fn read_fraction(text: &str) -> (u32, &str) {
    let Some(rest) = text.strip_prefix('.') else {
        return (0, text);
    };
    let count = rest.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 {
        return (0, text);
    }
    let nano = rest[..count]
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0, |total, digit| total * 10 + u32::from(digit - b'0'));
    (nano, &rest[count..])
}

/// An AM/PM after a clock, turning `hour` into 24-hour time. `None` when the hour cannot
/// have one ("14:03 PM").
fn read_meridiem(hour: u32, text: &str) -> Option<(u32, &str)> {
    let spaced = text.strip_prefix(' ').unwrap_or(text);
    for (suffix, afternoon) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        let Some(rest) = strip_prefix_ignore_case(spaced, suffix) else {
            continue;
        };
        if !at_word_end(rest) {
            continue;
        }
        if !(1..=12).contains(&hour) {
            return None;
        }
        let hour = match (hour, afternoon) {
            (12, false) => 0,
            (12, true) => 12,
            (hour, true) => hour + 12,
            (hour, false) => hour,
        };
        return Some((hour, rest));
    }
    Some((hour, text))
}

/// `Z` right after the clock, or (after at most one space) `+01:00`, `-0800`, `UTC`, `GMT`.
pub(crate) fn read_offset(text: &str) -> (Option<FixedOffset>, &str) {
    let utc = FixedOffset::east_opt(0);
    if let Some(rest) = text.strip_prefix(['Z', 'z']) {
        if at_word_end(rest) {
            return (utc, rest);
        }
    }
    let spaced = text.strip_prefix(' ').unwrap_or(text);
    if let Some(found) = read_numeric_offset(spaced) {
        return found;
    }
    for name in ["UTC", "GMT"] {
        if let Some(rest) = spaced.strip_prefix(name) {
            if at_word_end(rest) {
                return (utc, rest);
            }
        }
    }
    (None, text)
}

/// `+01:00` or `-0800`: four digits, so a stray `+1` in text is not an offset.
fn read_numeric_offset(text: &str) -> Option<(Option<FixedOffset>, &str)> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, rest) = two_digits(&text[1..])?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let (minutes, rest) = two_digits(rest)?;
    if hours > 14 || minutes > 59 || !at_word_end(rest) {
        return None;
    }
    let seconds = sign * i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Some((Some(FixedOffset::east_opt(seconds)?), rest))
}

/// Exactly two ASCII digits, whatever follows ("0800" is hours, then minutes).
fn two_digits(text: &str) -> Option<(u32, &str)> {
    let head = text.get(..2)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[2..]))
}

pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Nothing, or something other than a letter or digit, follows.
pub(crate) fn at_word_end(text: &str) -> bool {
    text.chars().next().is_none_or(|c| !c.is_alphanumeric())
}
