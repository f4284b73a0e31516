//! Plain-text chat logs, pasted or dropped: bracketed time stamps, IRC client logs, text
//! copied out of Slack or Teams, one ISO time stamp per line.
//!
//! A log is read line by line in one [`LogShape`] the person picked (helped by
//! [`detect_shapes`] and [`preview`]). A line in that shape starts a message; any other line
//! belongs to the message before it, so multi-line messages and pasted stack traces stay
//! whole. Nothing is dropped: lines before the first message go to [`Transcript::unread`].

use super::{ImportError, Message, MessageKind, Transcript};
use crate::model::Timestamp;
use crate::sorting;
use crate::time::grammar::{read_clock, read_date, read_offset};
use crate::time::{format_offset, TimeZones, Zone};
use chrono::{
    Days, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone,
    Timelike,
};
use serde::{Deserialize, Serialize};

/// How many non-empty lines [`detect_shapes`] looks at: enough to see past a header or a
/// few odd lines, cheap on a 50,000-line log.
const SAMPLE_LINES: usize = 200;

/// The shapes of chat log Debrief reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogShape {
    /// `[2019-11-06 14:03:12] alice: text`; the date may be left out.
    Bracketed,
    /// `14:03 <alice> text` or `[14:03] <alice> text`, as IRC clients log.
    Irc,
    /// Copied out of Slack or Teams: a line with the name and a time (`alice  2:03 PM`,
    /// `Alice Smith, 14:03`, `alice [2:03 PM]`), the message on the following lines.
    CopyPaste,
    /// `2019-11-06T14:03:12Z alice: text` or `2019-11-06T14:03:12+01:00 <alice> text`.
    IsoPerLine,
}

impl LogShape {
    pub const ALL: [LogShape; 4] = [
        Self::Bracketed,
        Self::Irc,
        Self::CopyPaste,
        Self::IsoPerLine,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Bracketed => "Time in brackets",
            Self::Irc => "IRC log",
            Self::CopyPaste => "Copied from Slack or Teams",
            Self::IsoPerLine => "ISO time on each line",
        }
    }

    /// A short sample of the shape, for the picker.
    pub fn example(self) -> &'static str {
        match self {
            Self::Bracketed => "[2019-11-06 14:03:12] alice: restarting the api pods",
            Self::Irc => "14:03 <alice> restarting the api pods",
            Self::CopyPaste => "Alice Smith  2:03 PM\nrestarting the api pods",
            Self::IsoPerLine => "2019-11-06T14:03:12Z alice: restarting the api pods",
        }
    }
}

/// How well one shape fits a log: `matched` of the `lines` sampled start a message in it.
/// Only lines that start a message count, so a copy-paste log, whose text sits on lines of
/// its own, fits perfectly well with `matched` well below `lines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detection {
    pub shape: LogShape,
    pub matched: usize,
    pub lines: usize,
}

/// Every shape, best fit first, scored on the first non-empty lines. Shapes that fit equally
/// well keep the order of [`LogShape::ALL`].
pub fn detect_shapes(text: &str) -> Vec<Detection> {
    let sample: Vec<&str> = strip_bom(text)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(SAMPLE_LINES)
        .collect();
    let mut found: Vec<Detection> = LogShape::ALL
        .into_iter()
        .map(|shape| Detection {
            shape,
            matched: headers(shape, sample.iter().copied())
                .filter(Option::is_some)
                .count(),
            lines: sample.len(),
        })
        .collect();
    // A stable sort: ties stay in the order of ALL.
    sorting::sort_by_key(&mut found, |detection| std::cmp::Reverse(detection.matched));
    found
}

/// Whether some message of the log, read in `shape`, has a time without a date, so
/// [`LogSettings::date`] must be given before it can be imported.
pub fn needs_date(text: &str, shape: LogShape) -> bool {
    headers(shape, strip_bom(text).lines())
        .flatten()
        .any(|header| header.stamp.date.is_none())
}

/// Each line read as the start of a message in `shape`, or not. Carries the one thing a
/// header depends on: whether an author was named before (for copy-paste times alone).
fn headers<'a>(
    shape: LogShape,
    lines: impl Iterator<Item = &'a str>,
) -> impl Iterator<Item = Option<Header<'a>>> {
    let mut has_author = false;
    lines.map(move |line| {
        let header = read_header(shape, line, has_author);
        has_author |= header.is_some_and(|h| h.author.is_some());
        header
    })
}

/// What the person chose for reading a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSettings {
    pub shape: LogShape,
    /// The day of the first message, for shapes whose times have no date.
    pub date: Option<NaiveDate>,
    /// The IANA zone of times written without an offset. A zone the host does not know is
    /// read as UTC, and the preview shows the offset, so the mistake is visible.
    pub zone: String,
}

/// How one line of a log was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLine {
    /// 1-based.
    pub line: usize,
    pub raw: String,
    /// For a line that starts a message: its time as read, with the offset
    /// ("2019-11-06 14:03 UTC+01:00", or the time as written and what is missing), the
    /// author, and the text on this line.
    pub understood: Option<(String, String, String)>,
    /// The line belongs to the message before it.
    pub continuation: bool,
}

/// How the first `limit` lines are understood with `settings`, for the person to check
/// before importing. Never fails: a time that cannot be read says why in its place.
pub fn preview(
    text: &str,
    settings: &LogSettings,
    zones: &dyn TimeZones,
    limit: usize,
) -> Vec<PreviewLine> {
    Reader::new(text, settings, zones)
        .take(limit)
        .map(|(line, raw, reading)| {
            let continuation = matches!(reading, Reading::Continuation);
            let understood = match reading {
                Reading::Start { header, at, author } => Some((
                    time_label(&header.stamp, at),
                    author,
                    header.text.to_owned(),
                )),
                Reading::Continuation | Reading::Unread => None,
            };
            PreviewLine {
                line,
                raw: raw.to_owned(),
                understood,
                continuation,
            }
        })
        .collect()
}

/// Reads a whole log. Fails on the first time that cannot be read (a time of day with no
/// date to put it on, a time skipped by a clock change), naming its line.
pub fn parse_log(
    text: &str,
    settings: &LogSettings,
    zones: &dyn TimeZones,
    source: &str,
) -> Result<Transcript, ImportError> {
    if strip_bom(text).trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut transcript = Transcript {
        source: source.to_owned(),
        ..Transcript::default()
    };
    let mut open: Option<OpenMessage> = None;
    for (line, raw, reading) in Reader::new(text, settings, zones) {
        match reading {
            Reading::Start { header, at, author } => {
                let at = at.map_err(|_| ImportError::BadTime {
                    line,
                    text: header.stamp.raw.to_owned(),
                })?;
                transcript
                    .messages
                    .extend(open.take().map(OpenMessage::finish));
                open = Some(OpenMessage::start(&header, at, author, line));
            }
            Reading::Continuation => {
                if let Some(open) = open.as_mut() {
                    open.append(raw);
                }
            }
            Reading::Unread => {
                if !raw.trim().is_empty() {
                    transcript.unread.push(raw.trim_end().to_owned());
                }
            }
        }
    }
    transcript.messages.extend(open.map(OpenMessage::finish));
    transcript.sort();
    Ok(transcript)
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

// ---------------------------------------------------------------------------------------
// Reading lines in order: which start messages, and at what time.

/// What one line is, read in order.
enum Reading<'a> {
    /// The line starts a message. `at` is its time, or why it has none.
    Start {
        header: Header<'a>,
        at: Result<Timestamp, TimeProblem>,
        author: String,
    },
    /// The line belongs to the message before it.
    Continuation,
    /// The line comes before the first message.
    Unread,
}

/// Walks a log's lines, carrying what later lines depend on: the current date (time-only
/// logs roll over at midnight) and the last author (Slack shows a time alone for a second
/// message from the same person).
struct Reader<'a, 'z> {
    shape: LogShape,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    clock: Clock<'z>,
    author: Option<(String, bool)>,
}

impl<'a, 'z> Reader<'a, 'z> {
    fn new(text: &'a str, settings: &LogSettings, zones: &'z dyn TimeZones) -> Self {
        Self {
            shape: settings.shape,
            lines: strip_bom(text).lines().enumerate(),
            clock: Clock {
                zone: Zone::find_or_utc(zones, &settings.zone),
                date: settings.date,
                last: None,
            },
            author: None,
        }
    }
}

impl<'a> Iterator for Reader<'a, '_> {
    /// 1-based line number, the line as written, and what it is.
    type Item = (usize, &'a str, Reading<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let (index, raw) = self.lines.next()?;
        let reading = match read_header(self.shape, raw, self.author.is_some()) {
            Some(mut header) => {
                if let Some(name) = header.author {
                    self.author = Some((name.to_owned(), header.bot));
                }
                let (author, bot) = self.author.clone().unwrap_or_default();
                header.bot = bot;
                let at = self.clock.read(&header.stamp);
                Reading::Start { header, at, author }
            }
            // Every message has an author, so one is known once the first message started.
            None if self.author.is_some() => Reading::Continuation,
            None => Reading::Unread,
        };
        Some((index + 1, raw, reading))
    }
}

/// Why a stamp has no instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeProblem {
    /// A time of day, and no date to put it on.
    NoDate,
    /// A local time that never happened (skipped by a clock change), or out of range.
    Invalid,
}

/// Turns stamps into instants, in line order.
struct Clock<'z> {
    zone: Zone<'z>,
    /// The date time-only stamps are on: the setting, then the latest date seen.
    date: Option<NaiveDate>,
    /// The previous stamp's local time, to notice midnight.
    last: Option<NaiveDateTime>,
}

impl Clock<'_> {
    fn read(&mut self, stamp: &Stamp) -> Result<Timestamp, TimeProblem> {
        let local = match stamp.date {
            Some(date) => date.and_time(stamp.time),
            None => {
                let date = self.date.ok_or(TimeProblem::NoDate)?;
                self.roll_over(date.and_time(stamp.time))
                    .ok_or(TimeProblem::Invalid)?
            }
        };
        let at = match stamp.offset {
            Some(offset) => offset.from_local_datetime(&local).single(),
            None => match self.zone.from_local(local) {
                // When clocks fall back an hour repeats; the first is the usual reading.
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at),
                LocalResult::None => None,
            },
        };
        // Even a time that cannot be placed moves the clock on, so one bad line does not
        // shift the dates of the lines after it.
        self.date = Some(local.date());
        self.last = Some(local);
        at.ok_or(TimeProblem::Invalid)
    }

    /// A time-only log that crosses midnight goes 23:59, then 00:10: a time of day more than
    /// an hour before the previous one is on the next day. Smaller steps back are lines out
    /// of order, or the hour a clock change repeats, and stay on the same day.
    fn roll_over(&self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        let threshold = self
            .last
            .and_then(|last| last.checked_sub_signed(TimeDelta::hours(1)));
        match threshold {
            Some(threshold) if local < threshold => local.checked_add_days(Days::new(1)),
            _ => Some(local),
        }
    }
}

/// "2019-11-06 14:03 UTC+01:00", in the offset the time was read in; or the stamp as
/// written and what is missing.
fn time_label(stamp: &Stamp, at: Result<Timestamp, TimeProblem>) -> String {
    match at {
        Ok(at) => {
            let format = if at.second() == 0 && at.nanosecond() == 0 {
                "%Y-%m-%d %H:%M"
            } else {
                "%Y-%m-%d %H:%M:%S"
            };
            let offset = format_offset(at.offset().local_minus_utc());
            format!("{} {offset}", at.format(format))
        }
        Err(TimeProblem::NoDate) => format!("{} (needs a date)", stamp.raw),
        Err(TimeProblem::Invalid) => format!("{} (not a time that happened)", stamp.raw),
    }
}

/// A message being read: its first line is in, continuation lines may follow.
struct OpenMessage {
    message: Message,
    /// The author looks like an integration; decides the kind once the text is whole.
    bot: bool,
}

impl OpenMessage {
    fn start(header: &Header, at: Timestamp, author: String, line: usize) -> Self {
        let id = format!("log:{line}");
        Self {
            message: Message {
                id: id.clone(),
                at,
                author,
                author_id: None,
                text: header.text.trim_end().to_owned(),
                thread: None,
                kind: header.kind,
                channel: None,
                edited: false,
                deleted: false,
                files: Vec::new(),
                source_ref: id,
            },
            bot: header.bot,
        }
    }

    /// Adds a line that fits no shape, keeping the log's own line breaks.
    fn append(&mut self, raw: &str) {
        let raw = raw.trim_end();
        let text = &mut self.message.text;
        if text.is_empty() {
            // The first line of text under a copy-paste header.
            text.push_str(raw.trim_start());
        } else {
            text.push('\n');
            text.push_str(raw);
        }
    }

    fn finish(self) -> Message {
        let mut message = self.message;
        message.text.truncate(message.text.trim_end().len());
        if message.kind == MessageKind::Message {
            message.kind = match membership_phrase(&message.text) {
                Some(kind) => kind,
                None if self.bot => MessageKind::Alert,
                None => MessageKind::Message,
            };
        }
        message
    }
}

// ---------------------------------------------------------------------------------------
// Time stamps as written in logs.

/// A time stamp as written in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp<'a> {
    /// As written, for error messages.
    raw: &'a str,
    date: Option<NaiveDate>,
    time: NaiveTime,
    offset: Option<FixedOffset>,
}

/// Reads a stamp at the start of `text`: an optional `YYYY-MM-DD` (or `/`) date and `T` or
/// space, a clock `H:MM[:SS[.fff]]`, an optional AM/PM, an optional offset (`Z`, `+01:00`,
/// `-0800`, `UTC`). Returns the stamp and what follows it.
///
/// The same clock grammar as [`crate::time::parse_time_input`] ([`crate::time::grammar`]),
/// but stricter after it: here a stamp has to be told apart from message text, so zone
/// names and abbreviations other than UTC are not read.
fn read_stamp(text: &str) -> Option<(Stamp<'_>, &str)> {
    let (date, rest) = match read_date(text) {
        Some((date, rest)) => (Some(date), rest.strip_prefix(['T', 't', ' '])?),
        None => (None, text),
    };
    let (time, rest) = read_clock(rest)?;
    let (offset, rest) = read_offset(rest);
    let raw = &text[..text.len() - rest.len()];
    Some((
        Stamp {
            raw,
            date,
            time,
            offset,
        },
        rest,
    ))
}

/// A stamp and nothing else.
fn whole_stamp(text: &str) -> Option<Stamp<'_>> {
    let text = text.trim();
    read_stamp(text).and_then(|(stamp, rest)| rest.trim().is_empty().then_some(stamp))
}

/// `[inner] rest`.
fn bracket(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find(']')?;
    Some((&rest[..close], &rest[close + 1..]))
}

// ---------------------------------------------------------------------------------------
// Lines that start a message, per shape.

/// The first line of a message, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header<'a> {
    stamp: Stamp<'a>,
    /// `None`: a time alone, continuing the previous author's messages (Slack shows only
    /// the time for a person's second message in a row).
    author: Option<&'a str>,
    /// The text on this line; copy-paste headers have none (it follows on the next lines).
    text: &'a str,
    /// Join, Leave or System when the line says so; otherwise Message, decided later.
    kind: MessageKind,
    /// The author looks like a bot or integration.
    bot: bool,
}

/// Reads `line` as the start of a message in `shape`. `has_author`: an earlier message
/// named its author, so a copy-paste time alone can continue it.
fn read_header(shape: LogShape, line: &str, has_author: bool) -> Option<Header<'_>> {
    let line = line.trim();
    match shape {
        LogShape::Bracketed => bracketed(line),
        LogShape::Irc => irc(line),
        LogShape::CopyPaste => copy_paste(line, has_author),
        LogShape::IsoPerLine => iso_per_line(line),
    }
}

/// `[stamp] name: text`. With a date, `[stamp] <name> text` too (bouncer logs); without
/// one that form is left to IRC, so the two shapes do not claim the same lines.
fn bracketed(line: &str) -> Option<Header<'_>> {
    let (inner, body) = bracket(line)?;
    let stamp = whole_stamp(inner)?;
    let forms = Forms {
        colon: true,
        angle: stamp.date.is_some(),
    };
    spoken(stamp, body, forms)
}

/// `14:03 <alice> text`, `[14:03] <alice> text`, and the `-!-`/`***` lines of joins and
/// leaves. Times of day only: dated lines belong to the other shapes.
fn irc(line: &str) -> Option<Header<'_>> {
    let (stamp, body) = match bracket(line) {
        Some((inner, body)) => (whole_stamp(inner)?, body),
        None => {
            let (stamp, body) = read_stamp(line)?;
            (stamp, starts_with_space(body)?)
        }
    };
    if stamp.date.is_some() {
        return None;
    }
    let forms = Forms {
        colon: false,
        angle: true,
    };
    spoken(stamp, body, forms)
}

/// `2019-11-06T14:03:12Z alice: text` or `... <alice> text`: a full date on every line.
fn iso_per_line(line: &str) -> Option<Header<'_>> {
    let (stamp, body) = read_stamp(line)?;
    let body = starts_with_space(body)?;
    // Dates are what sets this shape apart from IRC.
    stamp.date?;
    let forms = Forms {
        colon: true,
        angle: true,
    };
    spoken(stamp, body, forms)
}

/// The text after an unbracketed stamp, which must stand apart from it.
fn starts_with_space(body: &str) -> Option<&str> {
    body.starts_with(char::is_whitespace).then_some(body)
}

/// Which ways of naming the speaker a shape accepts.
#[derive(Clone, Copy)]
struct Forms {
    /// `alice: text`
    colon: bool,
    /// `<alice> text`
    angle: bool,
}

fn spoken<'a>(stamp: Stamp<'a>, body: &'a str, forms: Forms) -> Option<Header<'a>> {
    let (author, text, kind) = speaker(body.trim(), forms)?;
    Some(Header {
        stamp,
        author: Some(author),
        text,
        kind,
        bot: is_bot(author),
    })
}

/// Who speaks and what they say, after the stamp: an event line (`*** alice joined`), an
/// IRC nick, `name: text`, or a bare `alice has joined the channel`.
fn speaker(body: &str, forms: Forms) -> Option<(&str, &str, MessageKind)> {
    if body.is_empty() {
        return None;
    }
    if let Some(found) = marked_event(body) {
        return Some(found);
    }
    if body.starts_with('<') {
        return if forms.angle { angle_nick(body) } else { None };
    }
    if forms.colon {
        if let Some(found) = colon_name(body) {
            return Some(found);
        }
    }
    let (name, kind) = membership(body, false)?;
    Some((name, body, kind))
}

/// Markers IRC clients put before events; longest first so `***` is not read as `*`.
const EVENT_MARKERS: [&str; 7] = ["***", "-!-", "-->", "<--", "--", "==", "*"];

/// `*** alice has joined`, `-!- alice [~a@host] has quit`, `* alice waves` (an action).
/// The text is the whole sentence, which reads better than its tail.
fn marked_event(body: &str) -> Option<(&str, &str, MessageKind)> {
    let (marker, sentence) = EVENT_MARKERS.iter().find_map(|marker| {
        let rest = body.strip_prefix(marker)?;
        rest.starts_with(char::is_whitespace)
            .then(|| (*marker, rest.trim()))
    })?;
    if let Some((name, kind)) = membership(sentence, true) {
        return Some((name, sentence, kind));
    }
    let first = sentence.split_whitespace().next()?;
    let name = first.trim_start_matches(NICK_MODES);
    if name.is_empty() {
        return None;
    }
    // "* alice waves" is something alice said; other marked lines are channel housekeeping.
    let kind = if marker == "*" {
        MessageKind::Message
    } else {
        MessageKind::System
    };
    Some((name, sentence, kind))
}

/// Channel-mode signs IRC puts before nicks (`<@alice>`, `<+bob>`).
const NICK_MODES: &[char] = &['@', '+', '%', '~', '&'];

/// `<alice> text`, `< alice>`, `<@alice>`.
fn angle_nick(body: &str) -> Option<(&str, &str, MessageKind)> {
    let close = body.find('>')?;
    let nick = body[1..close].trim().trim_start_matches(NICK_MODES).trim();
    if nick.is_empty() || nick.chars().count() > MAX_NAME_CHARS || nick.contains('<') {
        return None;
    }
    Some((nick, body[close + 1..].trim(), MessageKind::Message))
}

/// `Alice Smith: text`. The colon must end a short name and be followed by a space, so
/// `see https://status.example` is not read as a name.
fn colon_name(body: &str) -> Option<(&str, &str, MessageKind)> {
    let colon = body.find(':')?;
    let rest = &body[colon + 1..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let name = body[..colon].trim();
    is_name(name).then(|| (name, rest.trim(), MessageKind::Message))
}

const MAX_NAME_CHARS: usize = 64;
const MAX_NAME_WORDS: usize = 5;

/// Short enough to be a person's or a bot's name, not a sentence.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.split_whitespace().count() <= MAX_NAME_WORDS
        && name.chars().any(char::is_alphabetic)
        && !name.contains(['<', '>', ':'])
}

// ---------------------------------------------------------------------------------------
// Copy-paste: a header line with name and time, the text below.

/// A header line of text copied out of Slack or Teams: `Alice Smith  2:03 PM`,
/// `Alice Smith, 14:03`, `alice [2:03 PM]`, `[2:03 PM] Alice Smith`, or a time alone for
/// the same author's next message.
fn copy_paste(line: &str, has_author: bool) -> Option<Header<'_>> {
    if let Some(stamp) = lone_stamp(line) {
        return has_author.then_some(Header {
            stamp,
            author: None,
            text: "",
            kind: MessageKind::Message,
            bot: false,
        });
    }
    if let Some((inner, name)) = bracket(line) {
        if let Some(stamp) = whole_stamp(inner) {
            return named(stamp, name);
        }
    }
    stamp_after_name(line)
}

/// `2:04 PM` or `[2:04 PM]` alone on a line.
fn lone_stamp(line: &str) -> Option<Stamp<'_>> {
    whole_stamp(line).or_else(|| {
        let (inner, rest) = bracket(line)?;
        rest.trim().is_empty().then(|| whole_stamp(inner))?
    })
}

/// Separators copy-paste puts between a name and its time. A single space is not one:
/// "deploy at 14:00" in message text must not become a header.
const NAME_TIME_SEPARATORS: [&str; 3] = ["\t", "  ", ","];

fn stamp_after_name(line: &str) -> Option<Header<'_>> {
    if let Some(inner_end) = line.strip_suffix(']') {
        let open = inner_end.rfind('[')?;
        let stamp = whole_stamp(&inner_end[open + 1..])?;
        return named(stamp, &inner_end[..open]);
    }
    NAME_TIME_SEPARATORS.iter().find_map(|separator| {
        let at = line.rfind(separator)?;
        let stamp = whole_stamp(&line[at + separator.len()..])?;
        named(stamp, &line[..at])
    })
}

/// A copy-paste header once its time is found. Slack marks integrations with an "APP" (or
/// "BOT") badge after the name, which is not part of it.
fn named<'a>(stamp: Stamp<'a>, name: &'a str) -> Option<Header<'a>> {
    let name = name.trim().trim_end_matches(',').trim_end();
    let (name, badge) = ["APP", "BOT"]
        .iter()
        .find_map(|badge| {
            let rest = name.strip_suffix(badge)?;
            rest.ends_with(char::is_whitespace)
                .then(|| (rest.trim_end(), true))
        })
        .unwrap_or((name, false));
    if !is_name(name) {
        return None;
    }
    Some(Header {
        stamp,
        author: Some(name),
        text: "",
        kind: MessageKind::Message,
        bot: badge || is_bot(name),
    })
}

// ---------------------------------------------------------------------------------------
// What kind of message: joins, leaves, bots.

/// `alice has joined the channel`, `alice [~a@host] has quit [Ping timeout]`,
/// `Alice Smith left`: the name and whether it is a join or a leave. `lenient` accepts any
/// tail after the verb (a marker already says this is an event line); otherwise the tail
/// must be about the channel, so "alice left a comment" stays a message.
fn membership(sentence: &str, lenient: bool) -> Option<(&str, MessageKind)> {
    let words: Vec<(usize, &str)> = word_spans(sentence).take(MAX_NAME_WORDS + 3).collect();
    let mut name_end = None;
    for index in 1..words.len() {
        let (start, word) = words[index];
        // irssi and hexchat put the user's host after the nick.
        if (word.starts_with('[') || word.starts_with('(')) && word.contains('@') {
            name_end.get_or_insert(start);
            continue;
        }
        let verb_at = if word.eq_ignore_ascii_case("has") {
            index + 1
        } else {
            index
        };
        let &(verb_start, verb) = words.get(verb_at)?;
        if let Some(kind) = membership_verb(verb) {
            let name = sentence[..name_end.unwrap_or(start)].trim();
            let tail = &sentence[verb_start + verb.len()..];
            let fits = is_name(name) && (lenient || is_membership_tail(tail));
            return fits.then_some((name.trim_start_matches(NICK_MODES), kind));
        }
        if name_end.is_some() || index >= MAX_NAME_WORDS {
            return None;
        }
    }
    None
}

/// A message whose whole text is "has joined the channel" or "joined #incident-123", as
/// Slack copy-paste shows them under the person's name.
fn membership_phrase(text: &str) -> Option<MessageKind> {
    let text = text.trim();
    if text.contains('\n') {
        return None;
    }
    let mut words = word_spans(text);
    let (mut start, mut verb) = words.next()?;
    if verb.eq_ignore_ascii_case("has") {
        (start, verb) = words.next()?;
    }
    let kind = membership_verb(verb)?;
    is_membership_tail(&text[start + verb.len()..]).then_some(kind)
}

fn membership_verb(word: &str) -> Option<MessageKind> {
    let word = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    match word.as_str() {
        "joined" => Some(MessageKind::Join),
        "left" | "quit" | "parted" => Some(MessageKind::Leave),
        _ => None,
    }
}

/// What may follow "joined"/"left" in a membership line: nothing, a channel, a reason in
/// brackets, or "the channel"-like words.
fn is_membership_tail(tail: &str) -> bool {
    const PLACES: [&str; 7] = [
        "the channel",
        "the conversation",
        "the chat",
        "the room",
        "the meeting",
        "the call",
        "the group",
    ];
    let tail = tail.trim().trim_end_matches('.').to_lowercase();
    tail.is_empty()
        || tail.starts_with(['#', '[', '('])
        || PLACES.iter().any(|place| tail.starts_with(place))
}

/// Words (split at whitespace) with their byte offsets in `text`.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut next = 0;
    std::iter::from_fn(move || {
        let start = next + text[next..].find(|c: char| !c.is_whitespace())?;
        let end = text[start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |length| start + length);
        next = end;
        Some((start, &text[start..end]))
    })
}

/// Integrations that post into incident channels, lower case without spaces or dots. None
/// is also a common surname (Jenkins is left out for that reason).
const BOT_NAMES: [&str; 18] = [
    "pagerduty",
    "datadog",
    "alertmanager",
    "opsgenie",
    "victorops",
    "splunk",
    "grafana",
    "prometheus",
    "sentry",
    "nagios",
    "icinga",
    "zabbix",
    "newrelic",
    "statuspage",
    "github",
    "gitlab",
    "hubot",
    "incidentio",
];

/// Whether an author looks like a bot or integration rather than a person: a known
/// integration ("PagerDuty", "Datadog Alerts"), a "bot" word (`deploy-bot`, `DeployBot`,
/// `dependabot[bot]`), or Slack's "APP" badge.
fn is_bot(author: &str) -> bool {
    let compact: String = author
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    BOT_NAMES.iter().any(|name| compact.contains(name))
        || name_words(author).any(|word| word.eq_ignore_ascii_case("bot"))
        || author.split_whitespace().any(|word| word == "APP")
}

/// Words of a name, splitting at punctuation, spaces and camel case ("DeployBot").
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_alphanumeric())
        .flat_map(split_camel_case)
        .filter(|word| !word.is_empty())
}

fn split_camel_case(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (index, c) in word.char_indices() {
        if c.is_uppercase() && previous_lower {
            parts.push(&word[start..index]);
            start = index;
        }
        previous_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::UtcOnly;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn settings(shape: LogShape) -> LogSettings {
        LogSettings {
            shape,
            date: Some(day("2019-11-06")),
            zone: "UTC".to_owned(),
        }
    }

    fn parse(shape: LogShape, text: &str) -> Transcript {
        parse_log(text, &settings(shape), &UtcOnly, "pasted log").unwrap()
    }

    /// (RFC 3339 time, author, text) of each message.
    fn summary(transcript: &Transcript) -> Vec<(String, &str, &str)> {
        transcript
            .messages
            .iter()
            .map(|m| (m.at.to_rfc3339(), m.author.as_str(), m.text.as_str()))
            .collect()
    }

    fn kinds(transcript: &Transcript) -> Vec<MessageKind> {
        transcript.messages.iter().map(|m| m.kind).collect()
    }

    const BRACKETED: &str = "\
[2019-11-06 14:03:12] alice: api latency is climbing
[2019-11-06 14:03:40] Bob Jones: looking at the dashboards
[2019-11-06 14:05:00] alice: restarting the api pods";

    const IRC: &str = "\
14:03 <alice> api latency is climbing
14:03 <@bob> looking at the dashboards
14:05 < carol> restarting the api pods
14:06 * alice crosses fingers";

    const COPY_PASTE: &str = "\
Alice Smith  2:03 PM
api latency is climbing
2:04 PM
restarting the api pods
Bob Jones  2:05 PM
looking at the dashboards";

    const ISO: &str = "\
2019-11-06T14:03:12Z alice: api latency is climbing
2019-11-06T15:03:40+01:00 <bob> looking at the dashboards
2019-11-06T14:05:00.250Z alice: restarting the api pods";

    #[test]
    fn bracketed_logs_with_dates() {
        let transcript = parse(LogShape::Bracketed, BRACKETED);
        assert_eq!(
            summary(&transcript),
            [
                (
                    "2019-11-06T14:03:12+00:00".to_owned(),
                    "alice",
                    "api latency is climbing"
                ),
                (
                    "2019-11-06T14:03:40+00:00".to_owned(),
                    "Bob Jones",
                    "looking at the dashboards"
                ),
                (
                    "2019-11-06T14:05:00+00:00".to_owned(),
                    "alice",
                    "restarting the api pods"
                ),
            ]
        );
        let second = &transcript.messages[1];
        assert_eq!(second.id, "log:2");
        assert_eq!(second.source_ref, "log:2");
        assert_eq!(second.kind, MessageKind::Message);
        assert_eq!(transcript.source, "pasted log");
        assert!(transcript.unread.is_empty());
    }

    #[test]
    fn bracketed_logs_without_dates_and_with_offsets() {
        let transcript = parse(
            LogShape::Bracketed,
            "[14:03:12] alice: up\n[2019-11-07 09:00 +01:00] bob: next day\n[2019-11-07 10:00:00 UTC] carol: utc",
        );
        assert_eq!(
            summary(&transcript),
            [
                ("2019-11-06T14:03:12+00:00".to_owned(), "alice", "up"),
                ("2019-11-07T09:00:00+01:00".to_owned(), "bob", "next day"),
                ("2019-11-07T10:00:00+00:00".to_owned(), "carol", "utc"),
            ]
        );
    }

    #[test]
    fn irc_logs_with_and_without_brackets() {
        let transcript = parse(LogShape::Irc, IRC);
        assert_eq!(
            summary(&transcript),
            [
                (
                    "2019-11-06T14:03:00+00:00".to_owned(),
                    "alice",
                    "api latency is climbing"
                ),
                (
                    "2019-11-06T14:03:00+00:00".to_owned(),
                    "bob",
                    "looking at the dashboards"
                ),
                (
                    "2019-11-06T14:05:00+00:00".to_owned(),
                    "carol",
                    "restarting the api pods"
                ),
                (
                    "2019-11-06T14:06:00+00:00".to_owned(),
                    "alice",
                    "alice crosses fingers"
                ),
            ]
        );
        let bracketed = parse(LogShape::Irc, "[14:03:12] <alice> hi\n[14:04] <bob> hello");
        assert_eq!(
            summary(&bracketed),
            [
                ("2019-11-06T14:03:12+00:00".to_owned(), "alice", "hi"),
                ("2019-11-06T14:04:00+00:00".to_owned(), "bob", "hello"),
            ]
        );
    }

    #[test]
    fn slack_copy_paste_with_grouped_messages() {
        let transcript = parse(LogShape::CopyPaste, COPY_PASTE);
        assert_eq!(
            summary(&transcript),
            [
                (
                    "2019-11-06T14:03:00+00:00".to_owned(),
                    "Alice Smith",
                    "api latency is climbing"
                ),
                // A time alone is the same person's next message.
                (
                    "2019-11-06T14:04:00+00:00".to_owned(),
                    "Alice Smith",
                    "restarting the api pods"
                ),
                (
                    "2019-11-06T14:05:00+00:00".to_owned(),
                    "Bob Jones",
                    "looking at the dashboards"
                ),
            ]
        );
        assert_eq!(transcript.messages[1].id, "log:3");
    }

    #[test]
    fn teams_and_other_copy_paste_headers() {
        let text = "Alice Smith, 14:03\nfirst\n\nsecond paragraph\nbob [2:04 PM]\nhello\n[2:05 PM] Carol Diaz\nthere\ndependabot[bot]\t2:06 PM\nbumped a crate";
        let transcript = parse(LogShape::CopyPaste, text);
        assert_eq!(
            summary(&transcript),
            [
                (
                    "2019-11-06T14:03:00+00:00".to_owned(),
                    "Alice Smith",
                    "first\n\nsecond paragraph"
                ),
                ("2019-11-06T14:04:00+00:00".to_owned(), "bob", "hello"),
                (
                    "2019-11-06T14:05:00+00:00".to_owned(),
                    "Carol Diaz",
                    "there"
                ),
                (
                    "2019-11-06T14:06:00+00:00".to_owned(),
                    "dependabot[bot]",
                    "bumped a crate"
                ),
            ]
        );
        assert_eq!(transcript.messages[3].kind, MessageKind::Alert);
    }

    #[test]
    fn message_text_with_a_time_in_it_is_not_a_header() {
        let transcript = parse(
            LogShape::CopyPaste,
            "alice  2:03 PM\ndeploy at 14:00 went out\nrollback at 2:10 PM",
        );
        assert_eq!(transcript.messages.len(), 1);
        assert_eq!(
            transcript.messages[0].text,
            "deploy at 14:00 went out\nrollback at 2:10 PM"
        );
    }

    #[test]
    fn iso_time_on_each_line() {
        let transcript = parse(LogShape::IsoPerLine, ISO);
        assert_eq!(
            summary(&transcript),
            [
                (
                    "2019-11-06T14:03:12+00:00".to_owned(),
                    "alice",
                    "api latency is climbing"
                ),
                (
                    "2019-11-06T15:03:40+01:00".to_owned(),
                    "bob",
                    "looking at the dashboards"
                ),
                (
                    "2019-11-06T14:05:00.250+00:00".to_owned(),
                    "alice",
                    "restarting the api pods"
                ),
            ]
        );
    }

    #[test]
    fn messages_are_sorted_by_time() {
        let transcript = parse(
            LogShape::IsoPerLine,
            "2019-11-06T14:05:00Z bob: second\n2019-11-06T14:03:00Z alice: first",
        );
        assert_eq!(transcript.messages[0].author, "alice");
        assert_eq!(transcript.messages[0].id, "log:2");
    }

    fn ranking(text: &str) -> Vec<(LogShape, usize)> {
        detect_shapes(text)
            .into_iter()
            .map(|d| (d.shape, d.matched))
            .collect()
    }

    #[test]
    fn detection_picks_each_sample_shape_first() {
        for (shape, text, headers) in [
            (LogShape::Bracketed, BRACKETED, 3),
            (LogShape::Irc, IRC, 4),
            (LogShape::CopyPaste, COPY_PASTE, 3),
            (LogShape::IsoPerLine, ISO, 3),
        ] {
            let found = detect_shapes(text);
            assert_eq!(found.len(), LogShape::ALL.len());
            assert_eq!(found[0].shape, shape, "{text}");
            assert_eq!(found[0].matched, headers, "{text}");
            assert_eq!(found[0].lines, text.lines().count());
            assert!(found[1..].iter().all(|d| d.matched < headers), "{found:?}");
        }
    }

    #[test]
    fn each_shape_reads_its_own_example() {
        for shape in LogShape::ALL {
            assert_eq!(detect_shapes(shape.example())[0].shape, shape);
            let transcript = parse(shape, shape.example());
            assert_eq!(transcript.messages.len(), 1, "{shape:?}");
            assert_eq!(transcript.messages[0].text, "restarting the api pods");
            assert!(!shape.label().is_empty());
        }
    }

    #[test]
    fn bracketed_times_without_dates_are_told_apart_from_irc() {
        // The same brackets; the speaker's form decides.
        let irc = "[14:03] <alice> hi\n[14:04] -!- bob [~bob@host] has joined #incident\n[14:05] <bob> hello";
        assert_eq!(
            ranking(irc),
            [
                (LogShape::Irc, 3),
                // Only the join line reads as bracketed.
                (LogShape::Bracketed, 1),
                (LogShape::CopyPaste, 0),
                (LogShape::IsoPerLine, 0),
            ]
        );
        let bracketed = "[14:03] alice: hi\n[14:04] bob: hello";
        assert_eq!(ranking(bracketed)[0], (LogShape::Bracketed, 2));
        assert_eq!(ranking(bracketed)[1].1, 0);
        // Half and half: the counts say so, and the order of ALL breaks the tie.
        assert_eq!(
            ranking("[14:03] alice: hi\n[14:04] <bob> hello")[..2],
            [(LogShape::Bracketed, 1), (LogShape::Irc, 1)]
        );
        assert_eq!(
            detect_shapes("just some notes\nnothing timed")
                .iter()
                .map(|d| d.matched)
                .max(),
            Some(0)
        );
    }

    #[test]
    fn detection_samples_the_first_non_empty_lines() {
        let long = "14:03 <alice> hi\n\n".repeat(1000);
        let found = detect_shapes(&long);
        assert_eq!(found[0].shape, LogShape::Irc);
        assert_eq!((found[0].matched, found[0].lines), (200, 200));
    }

    #[test]
    fn lines_in_no_shape_continue_the_message_before() {
        let transcript = parse(
            LogShape::Bracketed,
            "[14:03] alice: the error is\nTraceback (most recent call last):\n  File \"app.py\", line 3\n\n[14:04] bob: ok\n\n",
        );
        assert_eq!(
            transcript.messages[0].text,
            "the error is\nTraceback (most recent call last):\n  File \"app.py\", line 3"
        );
        assert_eq!(transcript.messages[1].text, "ok");
    }

    #[test]
    fn text_before_the_first_message_is_kept_unread() {
        let transcript = parse(
            LogShape::Irc,
            "--- Log opened Wed Nov 06 14:00:00 2019\n\n#incident topic: api down\n14:03 <alice> hi",
        );
        assert_eq!(
            transcript.unread,
            [
                "--- Log opened Wed Nov 06 14:00:00 2019",
                "#incident topic: api down"
            ]
        );
        assert_eq!(transcript.messages.len(), 1);
        let nothing_fits = parse(LogShape::Irc, "a note\nanother");
        assert!(nothing_fits.messages.is_empty());
        assert_eq!(nothing_fits.unread, ["a note", "another"]);
    }

    #[test]
    fn time_only_logs_roll_over_at_midnight() {
        let transcript = parse(
            LogShape::Irc,
            "14:00 <alice> start\n23:59 <bob> late\n23:58 <alice> out of order\n00:10 <alice> after midnight\n09:00 <bob> morning",
        );
        let times: Vec<String> = transcript
            .messages
            .iter()
            .map(|m| m.at.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            [
                "2019-11-06T14:00:00+00:00",
                "2019-11-06T23:58:00+00:00",
                "2019-11-06T23:59:00+00:00",
                "2019-11-07T00:10:00+00:00",
                "2019-11-07T09:00:00+00:00",
            ]
        );
    }

    #[test]
    fn twelve_hour_clocks() {
        let transcript = parse(
            LogShape::CopyPaste,
            "alice  11:58 AM\na\nalice  12:03 PM\nb\nalice  1:15 pm\nc\nalice  11:59 p.m.\nd\nalice  12:10 AM\ne",
        );
        let times: Vec<String> = transcript
            .messages
            .iter()
            .map(|m| m.at.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            [
                "2019-11-06T11:58:00+00:00",
                "2019-11-06T12:03:00+00:00",
                "2019-11-06T13:15:00+00:00",
                "2019-11-06T23:59:00+00:00",
                "2019-11-07T00:10:00+00:00",
            ]
        );
        // No thirteen o'clock in the afternoon.
        assert_eq!(
            read_header(LogShape::CopyPaste, "alice  13:03 PM", false),
            None
        );
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn times_without_offset_are_read_in_the_log_zone() {
        let berlin = LogSettings {
            zone: "Europe/Berlin".to_owned(),
            ..settings(LogShape::Bracketed)
        };
        let zones = crate::time::BundledZones;
        let text =
            "[2019-11-06 14:03:12] alice: down\n[14:05] bob: up\n[2019-11-06 14:06:00Z] carol: utc";
        let transcript = parse_log(text, &berlin, &zones, "log").unwrap();
        let times: Vec<String> = transcript
            .messages
            .iter()
            .map(|m| m.at.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            [
                "2019-11-06T14:03:12+01:00",
                "2019-11-06T14:05:00+01:00",
                // An explicit offset wins over the zone.
                "2019-11-06T14:06:00+00:00",
            ]
        );
        let shown = preview(text, &berlin, &zones, 1);
        assert_eq!(
            shown[0].understood.as_ref().unwrap().0,
            "2019-11-06 14:03:12 UTC+01:00"
        );
        // In July the same zone is on summer time.
        let summer = parse_log("[2019-07-06 14:03] alice: hot", &berlin, &zones, "log").unwrap();
        assert_eq!(
            summer.messages[0].at.to_rfc3339(),
            "2019-07-06T14:03:00+02:00"
        );
    }

    #[test]
    fn a_time_of_day_without_a_date_names_its_line() {
        let no_date = LogSettings {
            date: None,
            ..settings(LogShape::Irc)
        };
        let err = parse_log(
            "junk first\n14:03 <alice> hi\n14:04 <bob> yo",
            &no_date,
            &UtcOnly,
            "log",
        )
        .unwrap_err();
        assert_eq!(
            err,
            ImportError::BadTime {
                line: 2,
                text: "14:03".to_owned()
            }
        );
        assert!(err.to_string().contains("Line 2"));
        assert!(needs_date(IRC, LogShape::Irc));
        assert!(!needs_date(ISO, LogShape::IsoPerLine));
        assert!(!needs_date(BRACKETED, LogShape::Bracketed));
        // A dated log needs no date setting.
        let dated = LogSettings {
            date: None,
            ..settings(LogShape::Bracketed)
        };
        assert!(parse_log(BRACKETED, &dated, &UtcOnly, "log").is_ok());
    }

    #[test]
    fn joins_leaves_and_housekeeping() {
        let transcript = parse(
            LogShape::Irc,
            "\
14:00 -!- alice [~alice@example.net] has joined #incident
14:01 *** bob joined
14:02 <-- carol has quit [Ping timeout: 240 seconds]
14:03 -!- dave is now known as david
14:04 * erin has left #incident
14:05 <alice> I left the door open",
        );
        assert_eq!(
            kinds(&transcript),
            [
                MessageKind::Join,
                MessageKind::Join,
                MessageKind::Leave,
                MessageKind::System,
                MessageKind::Leave,
                MessageKind::Message,
            ]
        );
        let authors: Vec<&str> = transcript
            .messages
            .iter()
            .map(|m| m.author.as_str())
            .collect();
        assert_eq!(authors, ["alice", "bob", "carol", "dave", "erin", "alice"]);
        assert_eq!(
            transcript.messages[0].text,
            "alice [~alice@example.net] has joined #incident"
        );

        let bracketed = parse(
            LogShape::Bracketed,
            "[14:00] alice has joined the channel\n[14:01] Bob Jones left the channel\n[14:02] carol left a comment on the PR",
        );
        assert_eq!(
            kinds(&bracketed)[..2],
            [MessageKind::Join, MessageKind::Leave]
        );
        assert_eq!(bracketed.messages[1].author, "Bob Jones");
        // Not about the channel: read as text continuing Bob's line, never lost.
        assert_eq!(bracketed.messages.len(), 2);
        assert!(bracketed.messages[1]
            .text
            .ends_with("carol left a comment on the PR"));

        let slack = parse(
            LogShape::CopyPaste,
            "alice  2:03 PM\njoined #incident-123.\nbob  2:04 PM\nhas left the channel\ncarol  2:05 PM\nleft the build running",
        );
        assert_eq!(
            kinds(&slack),
            [MessageKind::Join, MessageKind::Leave, MessageKind::Message]
        );
    }

    #[test]
    fn bots_and_integrations_are_alerts() {
        let transcript = parse(
            LogShape::CopyPaste,
            "PagerDuty  APP  2:03 PM\nTriggered: api latency\nDatadog  2:04 PM\n[P1] Monitor alert\nalertmanager  2:05 PM\nFIRING\ndeploy-bot  2:06 PM\nrolled back\nAlice Jenkins  2:07 PM\non it\nTalbot  2:08 PM\nme too",
        );
        assert_eq!(transcript.messages[0].author, "PagerDuty");
        assert_eq!(
            kinds(&transcript),
            [
                MessageKind::Alert,
                MessageKind::Alert,
                MessageKind::Alert,
                MessageKind::Alert,
                MessageKind::Message,
                MessageKind::Message,
            ]
        );
        let irc = parse(
            LogShape::Irc,
            "14:03 <DeployBot> v42 out\n14:04 <grafana> alert",
        );
        assert_eq!(kinds(&irc), [MessageKind::Alert, MessageKind::Alert]);
    }

    #[test]
    fn preview_shows_how_lines_are_read() {
        let text =
            "pasted from the channel\n[14:03] alice: the error is\n  at main.rs:3\n[14:04] bob: ok";
        let shown = preview(text, &settings(LogShape::Bracketed), &UtcOnly, 3);
        assert_eq!(shown.len(), 3);
        assert_eq!(
            shown[0],
            PreviewLine {
                line: 1,
                raw: "pasted from the channel".to_owned(),
                understood: None,
                continuation: false,
            }
        );
        assert_eq!(
            shown[1].understood,
            Some((
                "2019-11-06 14:03 UTC".to_owned(),
                "alice".to_owned(),
                "the error is".to_owned()
            ))
        );
        assert!(!shown[1].continuation);
        assert!(shown[2].continuation && shown[2].understood.is_none());

        let no_date = LogSettings {
            date: None,
            ..settings(LogShape::Bracketed)
        };
        let shown = preview(text, &no_date, &UtcOnly, 10);
        assert_eq!(shown.len(), 4);
        assert_eq!(
            shown[1].understood.as_ref().unwrap().0,
            "14:03 (needs a date)"
        );
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark() {
        let transcript = parse(
            LogShape::Bracketed,
            "\u{feff}[14:03] alice: one\r\ntwo\r\n[14:04] bob: three\r\n",
        );
        assert_eq!(
            summary(&transcript)
                .iter()
                .map(|(_, a, t)| (*a, *t))
                .collect::<Vec<_>>(),
            [("alice", "one\ntwo"), ("bob", "three")]
        );
        assert_eq!(
            detect_shapes("\u{feff}[14:03] alice: one\r\n")[0].matched,
            1
        );
    }

    #[test]
    fn empty_input_is_refused() {
        for text in ["", "  \n\n \r\n", "\u{feff}"] {
            assert_eq!(
                parse_log(text, &settings(LogShape::Irc), &UtcOnly, "log"),
                Err(ImportError::Empty)
            );
        }
    }

    #[test]
    fn stamps_are_read_strictly() {
        for (text, read) in [
            ("14:03", true),
            ("9:05:07.5", true),
            ("2019-11-06T14:03Z", true),
            ("2019/11/06 14:03 -0800", true),
            ("2:03 pm", true),
            ("14:3", false),
            ("14:035", false),
            ("25:00", false),
            ("14:03 PM", false),
            ("2019-13-06 14:03", false),
            ("2019-11-06", false),
            ("14:03 PST", false),
        ] {
            assert_eq!(whole_stamp(text).is_some(), read, "{text}");
        }
        let stamp = whole_stamp("2019-11-06 14:03:07.25 +05:30").unwrap();
        assert_eq!(stamp.offset, FixedOffset::east_opt(5 * 3600 + 1800));
        assert_eq!(
            stamp.time,
            NaiveTime::from_hms_milli_opt(14, 3, 7, 250).unwrap()
        );
    }

    #[test]
    fn a_long_log_parses() {
        let mut text = String::new();
        for i in 0..50_000 {
            // From 20:00, so the log crosses midnight.
            let (h, m, s) = ((20 + i / 3600) % 24, (i / 60) % 60, i % 60);
            text.push_str(&format!(
                "{h:02}:{m:02}:{s:02} <user{}> message {i}\n",
                i % 7
            ));
        }
        let transcript = parse(LogShape::Irc, &text);
        assert_eq!(transcript.messages.len(), 50_000);
        assert_eq!(
            transcript.messages[49_999].at.to_rfc3339(),
            "2019-11-07T09:53:19+00:00"
        );
    }

    fn log_like_line() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[\\[\\]<>:0-9 TZ+.\\-APMapm,*!#@\t]{0,30}",
            Just("[2019-11-06 14:03:12] alice: hi".to_owned()),
            Just("23:59 <bob> late".to_owned()),
            Just("00:01 -!- carol has joined #x".to_owned()),
            Just("Alice Smith  2:03 PM".to_owned()),
            Just("2:04".to_owned()),
            Just("2019-11-06T14:03:12+01:00 <dave> x".to_owned()),
            Just("9999-12-31 23:59 alice: end of time".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = detect_shapes(&text);
            for shape in LogShape::ALL {
                let _ = parse_log(&text, &settings(shape), &UtcOnly, "log");
                let _ = preview(&text, &settings(shape), &UtcOnly, 50);
                let _ = needs_date(&text, shape);
            }
        }

        #[test]
        fn log_like_text_never_panics_and_keeps_every_line(
            lines in proptest::collection::vec(log_like_line(), 0..40),
        ) {
            let text = lines.join("\n");
            let _ = detect_shapes(&text);
            for shape in LogShape::ALL {
                for date in [None, Some(day("2019-11-06")), Some(day("9999-12-31"))] {
                    let settings = LogSettings { date, ..settings(shape) };
                    let shown = preview(&text, &settings, &UtcOnly, usize::MAX);
                    let Ok(transcript) = parse_log(&text, &settings, &UtcOnly, "log") else {
                        continue;
                    };
                    // No text is dropped: a line the preview calls unread is in `unread`,
                    // one it calls a continuation is in a message's text.
                    let all_text: Vec<&str> =
                        transcript.messages.iter().map(|m| m.text.as_str()).collect();
                    for line in shown.iter().filter(|l| !l.raw.trim().is_empty()) {
                        let kept = line.raw.trim();
                        if line.continuation {
                            prop_assert!(all_text.iter().any(|t| t.contains(kept)), "{:?}", line);
                        } else if line.understood.is_none() {
                            prop_assert!(transcript.unread.iter().any(|u| u.contains(kept)), "{:?}", line);
                        }
                    }
                }
            }
        }
    }
}
