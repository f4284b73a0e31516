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
mod tests;
