//! Day files' records → messages: times, authors, kinds, edits and deletions that arrive
//! as hidden notices, and the time range a transcript keeps.

use super::*;

/// The parsed records of one day file.
pub(super) struct DayRecords {
    pub(super) channel: String,
    /// The file's name, to point at records that fit no known shape.
    pub(super) file: String,
    pub(super) records: Vec<Value>,
}

/// Instants a transcript keeps, both ends included.
#[derive(Debug, Clone, Copy)]
pub(super) struct Range {
    pub(super) from: Option<Timestamp>,
    pub(super) to: Option<Timestamp>,
}

impl Range {
    pub(super) const ALL: Range = Range {
        from: None,
        to: None,
    };

    pub(super) fn contains(&self, at: Timestamp) -> bool {
        self.from.is_none_or(|from| at >= from) && self.to.is_none_or(|to| at <= to)
    }

    /// Whether the day file of `date` can hold messages in the range. Slack cuts days in the
    /// exporting workspace's time zone, which the export does not state (the sample's messages
    /// just after midnight UTC sit in the previous day's file), and zones run from UTC−12 to
    /// UTC+14: so a day file spans at most 14 hours before its UTC date to 12 hours after.
    pub(super) fn may_hold_day(&self, date: NaiveDate) -> bool {
        let midnight = date.and_time(NaiveTime::MIN).and_utc();
        // Checked: a date at the end of chrono's calendar has no hours after it.
        let earliest = midnight.checked_sub_signed(TimeDelta::hours(14));
        let latest = midnight.checked_add_signed(TimeDelta::hours(24 + 12));
        let after_from = |from: Timestamp| latest.is_none_or(|latest| latest > from);
        let before_to = |to: Timestamp| earliest.is_none_or(|earliest| earliest <= to);
        self.from.is_none_or(after_from) && self.to.is_none_or(before_to)
    }
}

pub(super) fn build_transcript(
    source: String,
    directory: &Directory,
    days: &[DayRecords],
    range: Range,
) -> Transcript {
    let names = Names::learn(directory, days);
    let mut transcript = Transcript {
        source,
        ..Transcript::default()
    };
    let mut ids = HashSet::new();
    let mut notices = Vec::new();
    for day in days {
        for record in &day.records {
            if record.get("hidden").and_then(Value::as_bool) == Some(true) {
                notices.push((day, record));
                continue;
            }
            let Some((ts, at)) = time_of(record) else {
                // No message: kept with its file so nothing is dropped unseen.
                transcript.unread.push(format!("{}: {record}", day.file));
                continue;
            };
            if range.contains(at) {
                let mut message = to_message(record, &day.channel, &ts, at, &names);
                message.id = unique_id(&mut ids, message.id);
                transcript.messages.push(message);
            }
        }
    }
    // After every message is read: an edit in tomorrow's file changes a message of today's.
    sorting::sort_by_key(&mut notices, |(_, record)| {
        time_of(record).map(|(_, at)| at)
    });
    for (day, notice) in notices {
        apply_notice(&mut transcript, &mut ids, day, notice, &names, range);
    }
    transcript.sort();
    transcript
}

/// A `hidden` record of an API-style dump changes a message rather than being one: an edit
/// replaces its words, a deletion marks it deleted, a reply notice only restates a thread
/// the replies already tell. A notice about a message not in the transcript brings that
/// message in (as edited or deleted) when it falls in the range; one Debrief cannot read is
/// kept as unread.
pub(super) fn apply_notice(
    transcript: &mut Transcript,
    ids: &mut HashSet<String>,
    day: &DayRecords,
    notice: &Value,
    names: &Names,
    range: Range,
) {
    let inner = notice.get("message");
    let (target, replacement) = match text_at(notice, "subtype") {
        Some("message_changed") => (inner.and_then(time_of), inner),
        Some("message_deleted") => (
            notice.get("deleted_ts").and_then(stamp),
            notice.get("previous_message"),
        ),
        Some("message_replied" | "replies") => return,
        _ => {
            transcript.unread.push(format!("{}: {notice}", day.file));
            return;
        }
    };
    let Some((ts, at)) = target else {
        transcript.unread.push(format!("{}: {notice}", day.file));
        return;
    };
    let deleted = text_at(notice, "subtype") == Some("message_deleted");
    let id = format!("{}/{ts}", day.channel);
    let edited = replacement.map(|record| to_message(record, &day.channel, &ts, at, names));
    match transcript.messages.iter_mut().find(|m| m.id == id) {
        Some(message) if deleted => message.deleted = true,
        Some(message) => {
            if let Some(edited) = edited {
                message.text = edited.text;
                message.files = edited.files;
            }
            message.edited = true;
        }
        None if range.contains(at) => {
            let Some(mut message) = edited else { return };
            message.id = unique_id(ids, message.id);
            message.deleted = deleted;
            message.edited |= !deleted;
            transcript.messages.push(message);
        }
        None => {}
    }
}

/// Slack's `ts` is unique within a channel, but a hand-joined export can repeat a file.
pub(super) fn unique_id(ids: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !ids.insert(candidate.clone()) {
        candidate = format!("{id}~{n}");
        n += 1;
    }
    candidate
}

/// A message's `ts` as written and as a time; `None` for records that are no message.
pub(super) fn time_of(record: &Value) -> Option<(String, Timestamp)> {
    stamp(record.get("ts")?)
}

/// A Slack time stamp (`ts`, `deleted_ts`, `thread_ts`) as written and as a time.
pub(super) fn stamp(value: &Value) -> Option<(String, Timestamp)> {
    let ts = match value {
        Value::String(text) => text.clone(),
        // Some tools write it as a number; it reads the same.
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    let at = parse_ts(&ts)?;
    Some((ts, at))
}

pub(super) fn to_message(
    record: &Value,
    channel: &str,
    ts: &str,
    at: Timestamp,
    names: &Names,
) -> Message {
    let kind = kind_of(record, names);
    let (author, author_id) = author_of(record, names);
    Message {
        id: format!("{channel}/{ts}"),
        at,
        author,
        author_id,
        text: text_of(record, kind, names),
        thread: text_at(record, "thread_ts").map(|thread| format!("{channel}/{thread}")),
        kind,
        channel: Some(channel.to_owned()),
        edited: record.get("edited").is_some_and(|edited| !edited.is_null()),
        deleted: false,
        files: file_names(record),
        source_ref: format!("slack:{channel}/{ts}"),
    }
}

/// "1573034400.000200": seconds since 1970 and microseconds, in UTC.
pub(super) fn parse_ts(ts: &str) -> Option<Timestamp> {
    let (seconds, fraction) = ts.split_once('.').unwrap_or((ts, ""));
    let digits = |text: &str| text.bytes().all(|byte| byte.is_ascii_digit());
    if seconds.is_empty() || seconds.len() > 12 || !digits(seconds) || !digits(fraction) {
        return None;
    }
    let micros = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(6)
        .fold(0u32, |micros, digit| micros * 10 + u32::from(digit - b'0'));
    let at = DateTime::from_timestamp(seconds.parse().ok()?, micros * 1000)?;
    Some(at.fixed_offset())
}

/// Channel housekeeping: renames, topics, pins, integrations coming and going.
pub(super) const SYSTEM_SUBTYPES: &[&str] = &[
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "channel_convert_to_private",
    "channel_convert_to_public",
    "channel_posting_permissions",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "bot_add",
    "bot_remove",
    "bot_enable",
    "bot_disable",
    "pinned_item",
    "unpinned_item",
    "reminder_add",
    "reminder_delete",
    "tombstone",
];

pub(super) fn kind_of(record: &Value, names: &Names) -> MessageKind {
    match text_at(record, "subtype") {
        Some("bot_message") => MessageKind::Alert,
        Some("channel_join" | "group_join" | "app_conversation_join") => MessageKind::Join,
        Some("channel_leave" | "group_leave") => MessageKind::Leave,
        Some("file_share" | "file_comment" | "file_mention") => MessageKind::File,
        Some(subtype) if SYSTEM_SUBTYPES.contains(&subtype) => MessageKind::System,
        _ if is_bot_post(record, names) => MessageKind::Alert,
        _ => MessageKind::Message,
    }
}

/// Webhooks post with a bot id and no user; apps post with a bot id and their bot user, whom
/// `users.json` marks as a bot and modern exports describe in `bot_profile`.
pub(super) fn is_bot_post(record: &Value, names: &Names) -> bool {
    if text_at(record, "bot_id").is_none() {
        return false;
    }
    match text_at(record, "user") {
        None => true,
        Some(user) => record.get("bot_profile").is_some() || names.is_bot_user(user),
    }
}

/// The user a record is by: its `user`, or for old file comments the comment's.
pub(super) fn user_of(record: &Value) -> Option<&str> {
    text_at(record, "user").or_else(|| record.get("comment").and_then(|c| text_at(c, "user")))
}

/// The name to show and the id behind it.
pub(super) fn author_of(record: &Value, names: &Names) -> (String, Option<String>) {
    let user = user_of(record);
    let bot = text_at(record, "bot_id");
    let name = user
        .and_then(|user| names.person(user))
        .map(str::to_owned)
        .or_else(|| text_at(record, "username").map(|name| username(name, names)))
        .or_else(|| bot.and_then(|bot| names.bot(bot)).map(str::to_owned))
        .or_else(|| user.map(str::to_owned))
        // An integration nobody named is still an integration, not a person called B0123.
        .or_else(|| bot.map(|bot| format!("Integration {bot}")))
        .unwrap_or_else(|| "unknown".to_owned());
    (name, user.or(bot).map(str::to_owned))
}

/// A `username` field: a webhook's chosen name ("PagerDuty"), or in old file shares the
/// uploader as markup ("<@U02|grace>").
pub(super) fn username(name: &str, names: &Names) -> String {
    let name = readable(name, names);
    match name.strip_prefix('@') {
        Some(bare) if !bare.is_empty() => bare.to_owned(),
        _ => name,
    }
}

pub(super) fn text_of(record: &Value, kind: MessageKind, names: &Names) -> String {
    let mut text = readable(text_at(record, "text").unwrap_or(""), names);
    if text.trim().is_empty() {
        text = blocks_text(record.get("blocks"), names);
    }
    // An alert's substance is in its attachments; a person's attachments are link previews,
    // read only when the message has no words of its own.
    if kind == MessageKind::Alert || text.trim().is_empty() {
        for line in attachment_lines(record.get("attachments"), names) {
            if !text.lines().any(|existing| existing.trim() == line) {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&line);
            }
        }
    }
    text.trim().to_owned()
}

/// Attachments as readable lines: pretext, title, text and fields; the fallback only when there
/// are none of those, as it repeats them.
pub(super) fn attachment_lines(attachments: Option<&Value>, names: &Names) -> Vec<String> {
    let mut lines = Vec::new();
    for attachment in list(attachments) {
        let mut own: Vec<String> = ["pretext", "title", "text"]
            .iter()
            .filter_map(|key| text_at(attachment, key))
            .map(|text| readable(text, names))
            .collect();
        for field in list(attachment.get("fields")) {
            let title = text_at(field, "title").map(|t| readable(t, names));
            let value = text_at(field, "value").map(|v| readable(v, names));
            own.extend(match (title, value) {
                (Some(title), Some(value)) => Some(format!("{title}: {value}")),
                (title, value) => title.or(value),
            });
        }
        if own.iter().all(|line| line.trim().is_empty()) {
            own.extend(text_at(attachment, "fallback").map(|text| readable(text, names)));
        }
        lines.extend(own.into_iter().map(|line| line.trim().to_owned()));
    }
    lines.retain(|line| !line.is_empty());
    lines
}

/// Names of shared files: modern exports list `files`, old ones carry one `file`.
pub(super) fn file_names(record: &Value) -> Vec<String> {
    list(record.get("files"))
        .chain(record.get("file"))
        .filter_map(|file| text_at(file, "name").or_else(|| text_at(file, "title")))
        .map(str::to_owned)
        .collect()
}
