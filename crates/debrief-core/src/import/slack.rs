//! Slack workspace exports: the `.zip` a workspace admin downloads, or the JSON day files of
//! one channel.
//!
//! An export holds `users.json`, `channels.json` (and `groups.json`, `mpims.json`, `dms.json`
//! when it includes private conversations) and one folder per conversation with a JSON file
//! per day, `YYYY-MM-DD.json`, each an array of messages.
//!
//! Reading takes two steps because exports are large and an incident lives in one or two
//! channels over a few days: [`SlackExport::open`] parses the zip's directory once and reads
//! only the small index files, to list the channels and their days; then
//! [`SlackExport::transcript`] unpacks only the day files of the picked channels that can hold
//! messages in the picked time range.
//!
//! The archive comes from whoever sent it. Unpacking is capped at [`MAX_ENTRY_BYTES`] per file
//! and [`MAX_TOTAL_BYTES`] per call, counting the bytes actually inflated rather than trusting
//! the sizes the zip claims, so a zip bomb fails fast with [`ImportError::TooLarge`]. Nothing
//! here panics on any input, and a failure imports nothing.

use super::zip::{Archive, ReadError};
use super::{ImportError, Message, MessageKind, Transcript};
use crate::model::Timestamp;
use crate::sorting;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

const MIB: u64 = 1024 * 1024;

/// How many channels a source names before they are counted instead ("148 channels").
const NAMED_CHANNELS: usize = 3;

/// "#a, #b" for a few channels, "148 channels" for many: a source line stays one line.
pub fn channel_summary(channels: &[&str]) -> String {
    if channels.len() > NAMED_CHANNELS {
        format!("{} channels", channels.len())
    } else {
        channels
            .iter()
            .map(|name| format!("#{name}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The most one file of the archive may unpack to. A busy channel's day is a few MB of JSON
/// and a large workspace's `users.json` tens of MB; past 50 MiB it is a bomb or more than a
/// browser tab should hold.
pub const MAX_ENTRY_BYTES: u64 = 50 * MIB;

/// The most one call ([`SlackExport::open`] or [`SlackExport::transcript`]) may unpack in all.
/// The app refuses archives over 100 MB (`MAX_CHAT_BYTES`); real exports inflate about ten
/// to one, and only the picked channels are unpacked.
pub const MAX_TOTAL_BYTES: u64 = 200 * MIB;

/// One conversation of an export: a folder of day files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlackChannel {
    /// Slack's id ("C0JGLMMNX"), or the folder name when no index file lists the channel.
    pub id: String,
    /// The folder name, which is what [`SlackExport::transcript`] takes.
    pub name: String,
    /// How many day files the folder holds.
    pub days: usize,
    /// The first and last day file's date, "YYYY-MM-DD", in the export's own time zone.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// An opened export: who is who, which channels there are and where their day files sit in the
/// archive. Messages are read later, per channel, by [`SlackExport::transcript`].
#[derive(Clone)]
pub struct SlackExport {
    /// The parsed zip directory over a shared copy of the bytes: cloning it for a read costs two
    /// reference counts, not a copy or a second parse.
    archive: Archive,
    limits: Limits,
    directory: Directory,
    channels: Vec<SlackChannel>,
    /// Day files by channel folder, oldest first.
    days: BTreeMap<String, Vec<DayFile>>,
}

impl fmt::Debug for SlackExport {
    // By hand: the derived form would print the whole archive, byte by byte.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlackExport")
            .field("channels", &self.channels)
            .field("people", &self.directory.people.len())
            .finish_non_exhaustive()
    }
}

impl SlackExport {
    /// Opens an export's zip: reads its directory and the index files (`users.json` and the
    /// channel lists), never a day file.
    pub fn open(zip_bytes: &[u8]) -> Result<SlackExport, ImportError> {
        Self::open_with(zip_bytes, Limits::STANDARD)
    }

    fn open_with(zip_bytes: &[u8], limits: Limits) -> Result<SlackExport, ImportError> {
        let archive = open_archive(zip_bytes)?;
        let layout = Layout::of(&archive);
        if layout.days.is_empty() {
            return Err(ImportError::NotASlackExport);
        }
        let mut budget = Budget::new(limits);
        let directory = read_directory(&archive, &layout.index, &mut budget)?;
        let channels = list_channels(&layout.days, &directory);
        Ok(SlackExport {
            archive,
            limits,
            directory,
            channels,
            days: layout.days,
        })
    }

    /// The export's conversations that have day files, by name.
    pub fn channels(&self) -> &[SlackChannel] {
        &self.channels
    }

    /// The messages of the named channels between `from` and `to` (both included; `None` is
    /// open-ended), in time order. Reads only those channels' day files that can hold messages
    /// in the range. Names that are not channels of the export are passed over, and a range
    /// without messages gives an empty transcript rather than an error: the archive was fine.
    pub fn transcript(
        &self,
        channel_names: &[&str],
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> Result<Transcript, ImportError> {
        let range = Range { from, to };
        let mut budget = Budget::new(self.limits);
        let mut picked: Vec<&str> = Vec::new();
        let mut days = Vec::new();
        for &name in channel_names {
            let Some(files) = self.days.get(name) else {
                continue;
            };
            if picked.contains(&name) {
                continue;
            }
            picked.push(name);
            for file in files.iter().filter(|file| range.may_hold_day(file.date)) {
                let bytes = read_entry(&self.archive, file.index, &mut budget)?;
                days.push(DayRecords {
                    channel: name.to_owned(),
                    records: parse_list(&file.path, &bytes)?,
                    file: file.path.clone(),
                });
            }
        }
        let source = format!("Slack export, {}", channel_summary(&picked));
        Ok(build_transcript(source, &self.directory, &days, range))
    }
}

/// The messages of one channel from its day files as they are, without the export around them
/// (the app's "drop the channel's JSON files" path). Without `users.json` authors show as the
/// names messages carry (`user_profile`, a bot's `username`) or else as Slack ids; when the
/// files include `users.json` or `channels.json` they are used as in an export.
pub fn transcript_from_day_files(
    channel: &str,
    files: &[(String, String)],
) -> Result<Transcript, ImportError> {
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    // Day files are named by date, so name order is time order.
    sorting::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
    let mut directory = Directory::default();
    let mut days = Vec::new();
    for (name, content) in sorted {
        let role = IndexFile::of(base_name(name));
        if role == Some(IndexFile::Other) {
            continue;
        }
        let records = parse_list(name, content.as_bytes())?;
        match role {
            Some(index) => directory.add(index, &records),
            None => days.push(DayRecords {
                channel: channel.to_owned(),
                file: name.clone(),
                records,
            }),
        }
    }
    let source = format!("Slack channel #{channel}");
    let transcript = build_transcript(source, &directory, &days, Range::ALL);
    if transcript.messages.is_empty() && transcript.unread.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(transcript)
}

// ---------------------------------------------------------------------------------------------
// The archive: opening, finding its parts, reading entries under the caps.

/// How much unpacking is allowed: [`MAX_ENTRY_BYTES`] and [`MAX_TOTAL_BYTES`], or less in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Limits {
    entry: u64,
    total: u64,
}

impl Limits {
    const STANDARD: Limits = Limits {
        entry: MAX_ENTRY_BYTES,
        total: MAX_TOTAL_BYTES,
    };
}

/// What one call may still unpack.
struct Budget {
    limits: Limits,
    left: u64,
}

impl Budget {
    fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            left: limits.total,
        }
    }

    /// The most the next entry may unpack to, and the limit to name when it unpacks to more.
    fn cap(&self) -> (u64, u64) {
        if self.limits.entry <= self.left {
            (self.limits.entry, self.limits.entry)
        } else {
            (self.left, self.limits.total)
        }
    }

    fn spend(&mut self, bytes: u64) {
        self.left = self.left.saturating_sub(bytes);
    }
}

fn open_archive(zip_bytes: &[u8]) -> Result<Archive, ImportError> {
    // Every zip record starts with "PK": with it, a zip that will not open is a damaged one
    // (most often cut short, which loses the directory at its end); without it, not a zip.
    let looks_like_zip = zip_bytes.starts_with(b"PK");
    Archive::open(zip_bytes).map_err(|why| {
        if looks_like_zip {
            ImportError::DamagedZip(why)
        } else {
            ImportError::NotAZip
        }
    })
}

/// Unpacks one entry, refusing past the budget's cap. Only inflating tells an entry's size:
/// the sizes in its headers are whatever the archive's author wrote.
fn read_entry(
    archive: &Archive,
    index: usize,
    budget: &mut Budget,
) -> Result<Vec<u8>, ImportError> {
    let (cap, limit) = budget.cap();
    let bytes = archive.read(index, cap).map_err(|error| match error {
        ReadError::OverCap => ImportError::TooLarge { limit_bytes: limit },
        ReadError::Damaged(why) => ImportError::DamagedZip(why),
    })?;
    budget.spend(bytes.len() as u64);
    Ok(bytes)
}

/// The index files an export may have beside its channel folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexFile {
    Users,
    /// `channels.json`, `groups.json`, `mpims.json`: conversations with an id and a name.
    Channels,
    /// `dms.json`: direct messages, whose folders are named by id.
    DirectMessages,
    /// Index files without names Debrief uses (`integration_logs.json`, `canvases.json`…).
    Other,
}

impl IndexFile {
    fn of(file_name: &str) -> Option<IndexFile> {
        match file_name {
            "users.json" => Some(Self::Users),
            "channels.json" | "groups.json" | "mpims.json" => Some(Self::Channels),
            "dms.json" => Some(Self::DirectMessages),
            "integration_logs.json" | "canvases.json" => Some(Self::Other),
            _ => None,
        }
    }
}

/// Where a day file sits in the archive.
#[derive(Debug, Clone)]
struct DayFile {
    date: NaiveDate,
    index: usize,
    /// "incident-42/2019-11-06.json", for people.
    path: String,
}

/// The archive's entries sorted into index files and channel folders.
#[derive(Debug, Default)]
struct Layout {
    /// Index files: kind, entry, name. A kind may have several (`channels.json`, `groups.json`).
    index: Vec<(IndexFile, usize, String)>,
    days: BTreeMap<String, Vec<DayFile>>,
}

impl Layout {
    fn of(archive: &Archive) -> Layout {
        let names: Vec<(usize, String)> = (0..archive.len())
            .map(|index| (index, archive.name(index).replace('\\', "/")))
            .filter(|(_, name)| !name.starts_with("__MACOSX/") && !name.ends_with('/'))
            .collect();
        let root = export_root(&names);
        let mut layout = Layout::default();
        for (index, name) in names {
            let Some(inside) = name.strip_prefix(root.as_str()) else {
                continue;
            };
            layout.add(index, inside);
        }
        for files in layout.days.values_mut() {
            sorting::sort_by_key(files, |file| file.date);
        }
        layout
    }

    fn add(&mut self, index: usize, path: &str) {
        match path.split_once('/') {
            None => {
                if let Some(kind) = IndexFile::of(path) {
                    self.index.push((kind, index, path.to_owned()));
                }
            }
            Some((folder, file)) if !folder.is_empty() && !file.contains('/') => {
                if let Some(date) = day_of(file) {
                    self.days
                        .entry(folder.to_owned())
                        .or_default()
                        .push(DayFile {
                            date,
                            index,
                            path: path.to_owned(),
                        });
                }
            }
            Some(_) => {}
        }
    }
}

/// The folder the export sits in within the zip: "" as Slack writes it, or "Acme export/" when
/// someone unpacked and zipped it again. Found by its index files, the shallowest one winning.
fn export_root(names: &[(usize, String)]) -> String {
    names
        .iter()
        .filter_map(|(_, name)| {
            let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
            matches!(
                IndexFile::of(file),
                Some(IndexFile::Users | IndexFile::Channels)
            )
            .then_some(folder)
        })
        .min_by_key(|folder| (folder.matches('/').count(), folder.len()))
        .filter(|folder| !folder.is_empty())
        .map(|folder| format!("{folder}/"))
        .unwrap_or_default()
}

/// The date of a day file's name, "2019-11-06.json".
fn day_of(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name.strip_suffix(".json")?;
    if stem.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Parses a file that must hold a JSON array: a day file or an index file.
fn parse_list(file: &str, bytes: &[u8]) -> Result<Vec<Value>, ImportError> {
    let bad = |detail: String| ImportError::BadJson {
        file: file.to_owned(),
        detail,
    };
    match serde_json::from_slice(bytes).map_err(|error| bad(error.to_string()))? {
        Value::Array(records) => Ok(records),
        _ => Err(bad("expected a list of records".to_owned())),
    }
}

fn read_directory(
    archive: &Archive,
    index: &[(IndexFile, usize, String)],
    budget: &mut Budget,
) -> Result<Directory, ImportError> {
    let mut directory = Directory::default();
    for (kind, entry, path) in index {
        if *kind == IndexFile::Other {
            continue;
        }
        let bytes = read_entry(archive, *entry, budget)?;
        directory.add(*kind, &parse_list(path, &bytes)?);
    }
    Ok(directory)
}

fn list_channels(
    days: &BTreeMap<String, Vec<DayFile>>,
    directory: &Directory,
) -> Vec<SlackChannel> {
    days.iter()
        .map(|(name, files)| SlackChannel {
            id: directory
                .channel_ids
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.clone()),
            name: name.clone(),
            days: files.len(),
            first_day: files.first().map(|file| file.date.to_string()),
            last_day: files.last().map(|file| file.date.to_string()),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Who is who.

/// Names from the export's index files.
#[derive(Debug, Clone, Default)]
struct Directory {
    /// The name to show, by user id.
    people: HashMap<String, String>,
    /// Users that are bots: their posts are alerts although they carry a user id.
    bot_users: HashSet<String>,
    /// Bot users' names by bot id, for posts that carry only the bot id.
    bots: HashMap<String, String>,
    /// Conversation names by id, for `<#C123>`.
    channels: HashMap<String, String>,
    /// Conversation ids by folder name.
    channel_ids: HashMap<String, String>,
}

impl Directory {
    fn add(&mut self, kind: IndexFile, records: &[Value]) {
        match kind {
            IndexFile::Users => records.iter().for_each(|user| self.add_user(user)),
            IndexFile::Channels => records.iter().for_each(|channel| {
                if let (Some(id), Some(name)) = (text_at(channel, "id"), text_at(channel, "name")) {
                    self.add_channel(id, name);
                }
            }),
            // Direct messages have no name; their folders are named by id.
            IndexFile::DirectMessages => records.iter().for_each(|dm| {
                if let Some(id) = text_at(dm, "id") {
                    self.add_channel(id, id);
                }
            }),
            IndexFile::Other => {}
        }
    }

    fn add_user(&mut self, user: &Value) {
        let Some(id) = text_at(user, "id") else {
            return;
        };
        let profile = user.get("profile");
        let name = text_at(user, "real_name")
            .or_else(|| profile.and_then(|p| text_at(p, "real_name")))
            .or_else(|| profile.and_then(|p| text_at(p, "display_name")))
            .or_else(|| text_at(user, "name"));
        if let Some(name) = name {
            self.people.insert(id.to_owned(), name.to_owned());
            if let Some(bot) = profile.and_then(|p| text_at(p, "bot_id")) {
                self.bots.insert(bot.to_owned(), name.to_owned());
            }
        }
        if user.get("is_bot").and_then(Value::as_bool) == Some(true) {
            self.bot_users.insert(id.to_owned());
        }
    }

    fn add_channel(&mut self, id: &str, name: &str) {
        self.channels.insert(id.to_owned(), name.to_owned());
        self.channel_ids.insert(name.to_owned(), id.to_owned());
    }
}

/// The directory, plus names the messages themselves carry: `user_profile` on each message of
/// modern exports, a bot's `bot_profile`, the link in a `bot_add` notice. They name authors
/// missing from `users.json`, or every author when there is no `users.json`.
struct Names<'a> {
    directory: &'a Directory,
    people: HashMap<String, String>,
    bots: HashMap<String, String>,
}

impl<'a> Names<'a> {
    fn learn(directory: &'a Directory, days: &[DayRecords]) -> Names<'a> {
        let mut names = Names {
            directory,
            people: HashMap::new(),
            bots: HashMap::new(),
        };
        for record in days.iter().flat_map(|day| &day.records) {
            names.learn_from(record);
        }
        names
    }

    fn learn_from(&mut self, record: &Value) {
        if let (Some(user), Some(name)) = (
            text_at(record, "user"),
            record.get("user_profile").and_then(profile_name),
        ) {
            self.people.entry(user.to_owned()).or_insert(name);
        }
        // Old file shares carry the uploader's handle beside their id.
        if let (Some(user), Some(handle), None) = (
            text_at(record, "user"),
            text_at(record, "username"),
            text_at(record, "bot_id"),
        ) {
            let handle = unescape(handle);
            if !handle.starts_with('<') {
                self.people.entry(user.to_owned()).or_insert(handle);
            }
        }
        // `<@U123|grace>` anywhere names U123 wherever else it appears bare.
        for span in markup_spans(text_at(record, "text").unwrap_or("")) {
            if let Span::Markup(inner) = span {
                if let Some((user, label)) = inner.strip_prefix('@').and_then(|m| m.split_once('|'))
                {
                    let label = unescape(label.trim_start_matches('@'));
                    if !user.is_empty() && !label.is_empty() {
                        self.people.entry(user.to_owned()).or_insert(label);
                    }
                }
            }
        }
        // An edit notice carries the message as it became, with its author's profile.
        if let Some(inner) = record.get("message").filter(|inner| inner.is_object()) {
            if inner.get("message").is_none() {
                self.learn_from(inner);
            }
        }
        let Some(bot) = text_at(record, "bot_id") else {
            return;
        };
        let name = record
            .get("bot_profile")
            .and_then(|profile| text_at(profile, "name"))
            .map(str::to_owned)
            .or_else(|| added_bot_name(record, bot));
        if let Some(name) = name {
            self.bots.entry(bot.to_owned()).or_insert(name);
        }
    }

    fn person(&self, id: &str) -> Option<&str> {
        self.directory
            .people
            .get(id)
            .or_else(|| self.people.get(id))
            .map(String::as_str)
    }

    fn bot(&self, id: &str) -> Option<&str> {
        self.directory
            .bots
            .get(id)
            .or_else(|| self.bots.get(id))
            .map(String::as_str)
    }

    fn channel(&self, id: &str) -> Option<&str> {
        self.directory.channels.get(id).map(String::as_str)
    }

    fn is_bot_user(&self, id: &str) -> bool {
        self.directory.bot_users.contains(id)
    }
}

/// A `user_profile`'s name, in the order `users.json` is read.
fn profile_name(profile: &Value) -> Option<String> {
    ["real_name", "display_name", "name"]
        .iter()
        .find_map(|key| text_at(profile, key))
        .map(str::to_owned)
}

/// Old exports name a webhook only in the notice that added it: "added an integration to this
/// channel: <https://acme.slack.com/services/B0JL6UFSL|github>".
fn added_bot_name(record: &Value, bot: &str) -> Option<String> {
    if text_at(record, "subtype") != Some("bot_add") {
        return None;
    }
    let text = text_at(record, "text")?;
    let suffix = format!("/services/{bot}");
    markup_spans(text).find_map(|span| match span {
        Span::Markup(inner) => {
            let (target, label) = inner.split_once('|')?;
            (target.ends_with(&suffix) && !label.is_empty()).then(|| unescape(label))
        }
        Span::Plain(_) => None,
    })
}

// ---------------------------------------------------------------------------------------------
// Messages.

/// The parsed records of one day file.
struct DayRecords {
    channel: String,
    /// The file's name, to point at records that fit no known shape.
    file: String,
    records: Vec<Value>,
}

/// Instants a transcript keeps, both ends included.
#[derive(Debug, Clone, Copy)]
struct Range {
    from: Option<Timestamp>,
    to: Option<Timestamp>,
}

impl Range {
    const ALL: Range = Range {
        from: None,
        to: None,
    };

    fn contains(&self, at: Timestamp) -> bool {
        self.from.is_none_or(|from| at >= from) && self.to.is_none_or(|to| at <= to)
    }

    /// Whether the day file of `date` can hold messages in the range. Slack cuts days in the
    /// exporting workspace's time zone, which the export does not state (the sample's messages
    /// just after midnight UTC sit in the previous day's file), and zones run from UTC−12 to
    /// UTC+14: so a day file spans at most 14 hours before its UTC date to 12 hours after.
    fn may_hold_day(&self, date: NaiveDate) -> bool {
        let midnight = date.and_time(NaiveTime::MIN).and_utc();
        // Checked: a date at the end of chrono's calendar has no hours after it.
        let earliest = midnight.checked_sub_signed(TimeDelta::hours(14));
        let latest = midnight.checked_add_signed(TimeDelta::hours(24 + 12));
        let after_from = |from: Timestamp| latest.is_none_or(|latest| latest > from);
        let before_to = |to: Timestamp| earliest.is_none_or(|earliest| earliest <= to);
        self.from.is_none_or(after_from) && self.to.is_none_or(before_to)
    }
}

fn build_transcript(
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
fn apply_notice(
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
fn unique_id(ids: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !ids.insert(candidate.clone()) {
        candidate = format!("{id}~{n}");
        n += 1;
    }
    candidate
}

/// A message's `ts` as written and as a time; `None` for records that are no message.
fn time_of(record: &Value) -> Option<(String, Timestamp)> {
    stamp(record.get("ts")?)
}

/// A Slack time stamp (`ts`, `deleted_ts`, `thread_ts`) as written and as a time.
fn stamp(value: &Value) -> Option<(String, Timestamp)> {
    let ts = match value {
        Value::String(text) => text.clone(),
        // Some tools write it as a number; it reads the same.
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    let at = parse_ts(&ts)?;
    Some((ts, at))
}

fn to_message(record: &Value, channel: &str, ts: &str, at: Timestamp, names: &Names) -> Message {
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
fn parse_ts(ts: &str) -> Option<Timestamp> {
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
const SYSTEM_SUBTYPES: &[&str] = &[
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

fn kind_of(record: &Value, names: &Names) -> MessageKind {
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
fn is_bot_post(record: &Value, names: &Names) -> bool {
    if text_at(record, "bot_id").is_none() {
        return false;
    }
    match text_at(record, "user") {
        None => true,
        Some(user) => record.get("bot_profile").is_some() || names.is_bot_user(user),
    }
}

/// The user a record is by: its `user`, or for old file comments the comment's.
fn user_of(record: &Value) -> Option<&str> {
    text_at(record, "user").or_else(|| record.get("comment").and_then(|c| text_at(c, "user")))
}

/// The name to show and the id behind it.
fn author_of(record: &Value, names: &Names) -> (String, Option<String>) {
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
fn username(name: &str, names: &Names) -> String {
    let name = readable(name, names);
    match name.strip_prefix('@') {
        Some(bare) if !bare.is_empty() => bare.to_owned(),
        _ => name,
    }
}

fn text_of(record: &Value, kind: MessageKind, names: &Names) -> String {
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
fn attachment_lines(attachments: Option<&Value>, names: &Names) -> Vec<String> {
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
fn file_names(record: &Value) -> Vec<String> {
    list(record.get("files"))
        .chain(record.get("file"))
        .filter_map(|file| text_at(file, "name").or_else(|| text_at(file, "title")))
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Rich-text blocks, which modern exports carry beside (and sometimes instead of) `text`.

fn blocks_text(blocks: Option<&Value>, names: &Names) -> String {
    list(blocks)
        .filter_map(|block| block_text(block, names))
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn block_text(block: &Value, names: &Names) -> Option<String> {
    match text_at(block, "type")? {
        "rich_text" => Some(
            list(block.get("elements"))
                .map(|element| rich_block(element, names).trim_end().to_owned())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        // Apps' layout blocks: a text object, and a section's fields.
        "section" | "header" => {
            let text = block.get("text").and_then(|text| text_object(text, names));
            let fields = list(block.get("fields")).filter_map(|field| text_object(field, names));
            let lines: Vec<String> = text.into_iter().chain(fields).collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        }
        "context" => {
            let parts: Vec<String> = list(block.get("elements"))
                .filter_map(|element| text_object(element, names))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        _ => None,
    }
}

/// A block kit text object: `mrkdwn` carries Slack markup, `plain_text` does not.
fn text_object(object: &Value, names: &Names) -> Option<String> {
    let text = text_at(object, "text")?;
    Some(match text_at(object, "type") {
        Some("mrkdwn") => readable(text, names),
        _ => text.to_owned(),
    })
}

/// A block-level rich-text element: a section, a list, a code block, a quote.
fn rich_block(element: &Value, names: &Names) -> String {
    let inline = || rich_inline_all(element.get("elements"), names);
    match text_at(element, "type").unwrap_or("") {
        "rich_text_list" => {
            let ordered = text_at(element, "style") == Some("ordered");
            list(element.get("elements"))
                .enumerate()
                .map(|(n, item)| {
                    let bullet = if ordered {
                        format!("{}.", n + 1)
                    } else {
                        "•".to_owned()
                    };
                    format!("{bullet} {}", rich_block(item, names).trim_end())
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        "rich_text_preformatted" => format!("```{}```", inline()),
        "rich_text_quote" => inline()
            .lines()
            .map(|line| format!("> {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => inline(),
    }
}

fn rich_inline_all(elements: Option<&Value>, names: &Names) -> String {
    list(elements)
        .map(|element| rich_inline(element, names))
        .collect()
}

/// An inline rich-text element. Its text is not HTML-escaped, unlike `text`.
fn rich_inline(element: &Value, names: &Names) -> String {
    let field = |key: &str| text_at(element, key).unwrap_or("");
    match field("type") {
        "link" => link_text(field("url"), text_at(element, "text")),
        "user" => person_mention(field("user_id"), None, names),
        "channel" => channel_mention(field("channel_id"), None, names),
        "usergroup" => format!("@{}", field("usergroup_id")),
        "broadcast" => format!("@{}", field("range")),
        "emoji" => format!(":{}:", field("name")),
        "date" => text_at(element, "fallback")
            .map(str::to_owned)
            .or_else(|| {
                let seconds = element.get("timestamp")?.to_string();
                Some(parse_ts(seconds.trim_matches('"'))?.to_rfc3339())
            })
            .unwrap_or_default(),
        "color" => field("value").to_owned(),
        _ => field("text").to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Slack's text markup.

/// Slack's message markup as people read it: `<@U123>` → "@Ada Lovelace", `<#C123|general>` →
/// "#general", `<!here>` → "@here", `<https://x|label>` → "label (https://x)", and the
/// entities `&lt;` `&gt;` `&amp;` back to `<` `>` `&`.
fn readable(raw: &str, names: &Names) -> String {
    let mut out = String::with_capacity(raw.len());
    for span in markup_spans(raw) {
        match span {
            Span::Plain(text) => out.push_str(&unescape(text)),
            Span::Markup(inner) => out.push_str(&render_markup(inner, names)),
        }
    }
    out
}

/// A piece of raw text: plain (still escaped), or the inside of one `<…>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span<'a> {
    Plain(&'a str),
    Markup(&'a str),
}

/// Splits raw text at `<…>`. Slack escapes every literal `<` and `>`, so a bracket is always
/// markup; an unclosed one (hand-made files) is kept as plain text.
fn markup_spans(raw: &str) -> impl Iterator<Item = Span<'_>> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('<') {
            match after.find(['<', '>']) {
                Some(close) if after[close..].starts_with('>') => {
                    rest = &after[close + 1..];
                    return Some(Span::Markup(&after[..close]));
                }
                // A stray bracket: itself as text, then go on after it.
                _ => {
                    let (bracket, tail) = rest.split_at(1);
                    rest = tail;
                    return Some(Span::Plain(bracket));
                }
            }
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(end);
        rest = tail;
        Some(Span::Plain(plain))
    })
}

fn render_markup(inner: &str, names: &Names) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((target, label)) if !label.is_empty() => (target, Some(unescape(label))),
        Some((target, _)) => (target, None),
        None => (inner, None),
    };
    let label = label.as_deref();
    if let Some(user) = target.strip_prefix('@') {
        person_mention(user, label, names)
    } else if let Some(channel) = target.strip_prefix('#') {
        channel_mention(channel, label, names)
    } else if let Some(special) = target.strip_prefix('!') {
        special_mention(&unescape(special), label)
    } else {
        link_text(&unescape(target), label)
    }
}

fn person_mention(id: &str, label: Option<&str>, names: &Names) -> String {
    let name = names
        .person(id)
        .or_else(|| label.map(|label| label.trim_start_matches('@')))
        .unwrap_or(id);
    format!("@{name}")
}

fn channel_mention(id: &str, label: Option<&str>, names: &Names) -> String {
    let name = names.channel(id).or(label).unwrap_or(id);
    format!("#{name}")
}

/// `<!here>`, `<!subteam^S123|@team>`, `<!date^1573034400^{date}|6 Nov 2019>`…
fn special_mention(special: &str, label: Option<&str>) -> String {
    let mut parts = special.split('^');
    let keyword = parts.next().unwrap_or("");
    match (keyword, label) {
        ("here" | "channel" | "everyone" | "group", _) => format!("@{keyword}"),
        ("subteam", Some(label)) => format!("@{}", label.trim_start_matches('@')),
        ("subteam", None) => format!("@{}", parts.next().unwrap_or(keyword)),
        (_, Some(label)) => label.to_owned(),
        ("date", None) => parts
            .next()
            .and_then(parse_ts)
            .map_or_else(|| special.to_owned(), |at| at.to_rfc3339()),
        (_, None) => format!("@{keyword}"),
    }
}

/// A link as text: "label (url)", or the bare address when the label adds nothing.
fn link_text(url: &str, label: Option<&str>) -> String {
    let label = label.map(str::trim).filter(|label| !label.is_empty());
    if let Some(address) = url
        .strip_prefix("mailto:")
        .or_else(|| url.strip_prefix("tel:"))
    {
        return label.unwrap_or(address).to_owned();
    }
    match label {
        Some(label) if !same_address(label, url) => format!("{label} ({url})"),
        _ => url.to_owned(),
    }
}

/// Slack links a typed "example.com" as `<http://example.com|example.com>`.
fn same_address(label: &str, url: &str) -> bool {
    let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
    label == url || label == bare || label == bare.trim_end_matches('/')
}

/// Undoes the three entities Slack escapes in `text`: `&lt;` `&gt;` `&amp;`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (decoded, length) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
            .iter()
            .find(|(entity, _)| tail.starts_with(entity))
            .map_or(('&', 1), |(entity, decoded)| (*decoded, entity.len()));
        out.push(decoded);
        rest = &tail[length..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Lenient JSON access: exports vary by age and plan, so a missing or oddly typed field means
// "not there", never an error.

/// A non-empty string field.
fn text_at<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// The items of an array field, or none.
fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;
    use std::io::Write;
    use std::sync::OnceLock;
    use zip::write::SimpleFileOptions;

    const USERS: &str = include_str!("../../tests/fixtures/slack/users.json");
    const CHANNELS: &str = include_str!("../../tests/fixtures/slack/channels.json");
    const INCIDENT_06: &str =
        include_str!("../../tests/fixtures/slack/incident-42/2019-11-06.json");
    const INCIDENT_07: &str =
        include_str!("../../tests/fixtures/slack/incident-42/2019-11-07.json");
    const INCIDENT_08: &str =
        include_str!("../../tests/fixtures/slack/incident-42/2019-11-08.json");
    const GENERAL_05: &str = include_str!("../../tests/fixtures/slack/general/2019-11-05.json");
    const GENERAL_07: &str = include_str!("../../tests/fixtures/slack/general/2019-11-07.json");

    /// The fixture export's files, as Slack lays them out in the zip.
    fn fixture_files() -> Vec<(&'static str, &'static str)> {
        vec![
            ("users.json", USERS),
            ("channels.json", CHANNELS),
            ("integration_logs.json", "[]"),
            ("incident-42/2019-11-06.json", INCIDENT_06),
            ("incident-42/2019-11-07.json", INCIDENT_07),
            ("incident-42/2019-11-08.json", INCIDENT_08),
            ("general/2019-11-05.json", GENERAL_05),
            ("general/2019-11-07.json", GENERAL_07),
        ]
    }

    /// The fixture with some files replaced or added.
    fn fixture_with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut files = fixture_files();
        for (name, content) in changes {
            match files.iter_mut().find(|(existing, _)| existing == name) {
                Some(file) => file.1 = content,
                None => files.push((name, content)),
            }
        }
        files
    }

    /// A zip of the files, deflated as Slack writes it.
    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn fixture_zip() -> &'static [u8] {
        static ZIP: OnceLock<Vec<u8>> = OnceLock::new();
        ZIP.get_or_init(|| zip_of(&fixture_files()))
    }

    fn at(rfc3339: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    fn incident() -> Transcript {
        let export = SlackExport::open(fixture_zip()).unwrap();
        export.transcript(&["incident-42"], None, None).unwrap()
    }

    fn message<'t>(transcript: &'t Transcript, id: &str) -> &'t Message {
        transcript
            .messages
            .iter()
            .find(|message| message.id == id)
            .unwrap_or_else(|| panic!("no message {id}"))
    }

    // --- API-style dumps: hidden notices, namesakes, unnamed integrations ----------------

    /// Two day files as API tools dump them: the edit and the deletion of yesterday's
    /// messages arrive as hidden notices today, a thread runs across the two days, and two
    /// accounts are both "Alex".
    fn api_dump() -> Vec<(String, String)> {
        let users = r#"[
            {"id": "U01ALEXK", "name": "alex.kim", "profile": {"display_name": "Alex"}},
            {"id": "U02ALEXM", "name": "alex.m", "profile": {"display_name": "Alex"}},
            {"id": "U03SAM", "name": "sam", "real_name": "Sam Okafor"}
        ]"#;
        let first = r#"[
            {"type": "message", "user": "U01ALEXK", "text": "ingest-3 is OOM", "ts": "1573034400.000100",
             "thread_ts": "1573034400.000100", "reply_count": 2},
            {"type": "message", "user": "U02ALEXM", "text": "restrating it", "ts": "1573034460.000200"},
            {"type": "message", "user": "U03SAM", "text": "wrong channel, sorry", "ts": "1573034520.000300"},
            {"type": "message", "bot_id": "B0NONAME", "text": "MemoryHigh firing", "ts": "1573034580.000400"}
        ]"#;
        let second = r#"[
            {"type": "message", "user": "U03SAM", "text": "same on ingest-4", "ts": "1573120800.000100",
             "thread_ts": "1573034400.000100", "parent_user_id": "U01ALEXK"},
            {"type": "message", "subtype": "message_replied", "hidden": true, "ts": "1573120800.000200",
             "message": {"type": "message", "user": "U01ALEXK", "text": "ingest-3 is OOM", "ts": "1573034400.000100",
                         "thread_ts": "1573034400.000100", "reply_count": 1,
                         "replies": [{"user": "U03SAM", "ts": "1573120800.000100"}]}},
            {"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1573120860.000300",
             "message": {"type": "message", "user": "U02ALEXM", "text": "restarting it",
                         "edited": {"user": "U02ALEXM", "ts": "1573120860.000000"}, "ts": "1573034460.000200"},
             "previous_message": {"type": "message", "user": "U02ALEXM", "text": "restrating it", "ts": "1573034460.000200"}},
            {"type": "message", "subtype": "message_deleted", "hidden": true, "ts": "1573120920.000400",
             "deleted_ts": "1573034520.000300",
             "previous_message": {"type": "message", "user": "U03SAM", "text": "wrong channel, sorry", "ts": "1573034520.000300"}},
            {"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1573120980.000500",
             "message": {"type": "message", "user": "U03SAM", "text": "from before the export, edited",
                         "edited": {"user": "U03SAM", "ts": "1573120980.000000"}, "ts": "1573030000.000100"}},
            {"type": "message", "subtype": "message_pinned_somehow", "hidden": true, "ts": "1573121000.000600"}
        ]"#;
        owned(&[
            ("users.json", users),
            ("incident/2019-11-06.json", first),
            ("incident/2019-11-07.json", second),
        ])
    }

    #[test]
    fn hidden_notices_change_the_messages_they_are_about() {
        let t = transcript_from_day_files("incident", &api_dump()).unwrap();
        let texts: Vec<(&str, &str, bool, bool)> = t
            .messages
            .iter()
            .map(|m| (m.author.as_str(), m.text.as_str(), m.edited, m.deleted))
            .collect();
        assert_eq!(
            texts,
            [
                ("Sam Okafor", "from before the export, edited", true, false),
                ("Alex", "ingest-3 is OOM", false, false),
                ("Alex", "restarting it", true, false),
                ("Sam Okafor", "wrong channel, sorry", false, true),
                ("Integration B0NONAME", "MemoryHigh firing", false, false),
                ("Sam Okafor", "same on ingest-4", false, false),
            ]
        );
        // Nobody called "unknown", no blank message; the notice Debrief cannot read is kept.
        assert!(t
            .messages
            .iter()
            .all(|m| m.author != "unknown" && !m.text.is_empty()));
        assert_eq!(t.unread.len(), 1);
        assert!(t.unread[0].contains("message_pinned_somehow"));
        // The reply in the second day file is in the thread of the first day's message.
        assert_eq!(
            t.messages[5].thread.as_deref(),
            Some("incident/1573034400.000100")
        );
    }

    #[test]
    fn two_accounts_with_one_display_name_stay_two_authors() {
        let t = transcript_from_day_files("incident", &api_dump()).unwrap();
        let alexes: Vec<&str> = t
            .messages
            .iter()
            .filter(|m| m.author == "Alex")
            .map(Message::author_key)
            .collect();
        assert_eq!(alexes, ["U01ALEXK", "U02ALEXM"]);
    }

    #[test]
    fn bare_mentions_take_names_the_export_gives_elsewhere() {
        // No users.json: a file share names its uploader by handle, a label names another.
        let day = r#"[
            {"type": "message", "subtype": "file_share", "user": "U0BMS113R", "username": "doubledeez",
             "text": "<@U0BMS113R> uploaded a file: <https://x.slack.com/files/U0BMS113R/F1/cities.js|cities>",
             "file": {"id": "F1", "name": "cities.js", "user": "U0BMS113R"}, "ts": "1459105865.000002"},
            {"type": "message", "subtype": "file_comment",
             "text": "<@U0BMS113R> commented on <@U0BMQB6JE>\u2019s file <https://x.slack.com/files/U0BMS113R/F1/cities.js|cities>: too big",
             "comment": {"id": "Fc1", "user": "U0BMS113R", "comment": "too big"},
             "file": {"id": "F1", "name": "cities.js", "user": "U0BMS113R"}, "ts": "1459106048.000003"},
            {"type": "message", "user": "U0BMYT2FL", "text": "ping <@U0BMQB6JE|hamza>", "ts": "1459106100.000004"}
        ]"#;
        let t = transcript_from_day_files("sailor", &owned(&[("sailor/2016-03-27.json", day)]))
            .unwrap();
        assert_eq!(t.messages[1].author, "doubledeez");
        assert_eq!(
            t.messages[1].text,
            "@doubledeez commented on @hamza\u{2019}s file cities (https://x.slack.com/files/U0BMS113R/F1/cities.js): too big"
        );
        // Nothing names U0BMYT2FL: the id stays, as the only thing known.
        assert_eq!(t.messages[2].author, "U0BMYT2FL");
    }

    #[test]
    fn many_channels_are_counted_in_the_source() {
        let export = SlackExport::open(fixture_zip()).unwrap();
        let two = export
            .transcript(&["incident-42", "general"], None, None)
            .unwrap();
        assert_eq!(two.source, "Slack export, #incident-42, #general");
        let mut files: Vec<(String, String)> = Vec::new();
        for n in 0..148 {
            files.push((format!("c{n:03}/2019-11-06.json"), format!(
                r#"[{{"type": "message", "user": "U1", "text": "hi", "ts": "15730344{:02}.000100"}}]"#,
                n % 60
            )));
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let export = SlackExport::open(&zip_of(&refs)).unwrap();
        let names: Vec<String> = export.channels().iter().map(|c| c.name.clone()).collect();
        let picked: Vec<&str> = names.iter().map(String::as_str).collect();
        let t = export.transcript(&picked, None, None).unwrap();
        assert_eq!(t.source, "Slack export, 148 channels");
        assert!(t.messages.iter().all(|m| m.channel.is_some()));
    }

    // --- Opening -------------------------------------------------------------------------

    #[test]
    fn open_lists_channels_with_their_days() {
        let export = SlackExport::open(fixture_zip()).unwrap();
        assert_eq!(
            export.channels(),
            [
                SlackChannel {
                    id: "C02".into(),
                    name: "general".into(),
                    days: 2,
                    first_day: Some("2019-11-05".into()),
                    last_day: Some("2019-11-07".into()),
                },
                SlackChannel {
                    id: "C01".into(),
                    name: "incident-42".into(),
                    days: 3,
                    first_day: Some("2019-11-06".into()),
                    last_day: Some("2019-11-08".into()),
                },
            ]
        );
    }

    #[test]
    fn open_reads_no_day_file() {
        let broken = fixture_with(&[
            ("incident-42/2019-11-06.json", "[{"),
            ("incident-42/2019-11-07.json", "[{"),
            ("incident-42/2019-11-08.json", "[{"),
            ("general/2019-11-05.json", "[{"),
            ("general/2019-11-07.json", "[{"),
        ]);
        let export = SlackExport::open(&zip_of(&broken)).unwrap();
        assert_eq!(export.channels().len(), 2);
    }

    #[test]
    fn open_finds_an_export_zipped_again_inside_a_folder() {
        let files: Vec<(String, &str)> = fixture_files()
            .into_iter()
            .map(|(name, content)| (format!("Acme Slack export/{name}"), content))
            .chain([("__MACOSX/._users.json".to_owned(), "binary junk")])
            .collect();
        let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        let export = SlackExport::open(&zip_of(&files)).unwrap();
        let names: Vec<&str> = export.channels().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["general", "incident-42"]);
        assert_eq!(export.channels()[1].id, "C01");
        let transcript = export.transcript(&["incident-42"], None, None).unwrap();
        assert_eq!(transcript.messages.len(), 19);
    }

    #[test]
    fn private_channels_and_direct_messages_get_their_ids() {
        let files = [
            ("users.json", USERS),
            ("channels.json", "[]"),
            ("groups.json", r#"[{"id": "G01", "name": "sec-private"}]"#),
            ("dms.json", r#"[{"id": "D01", "members": ["U01", "U02"]}]"#),
            (
                "sec-private/2019-11-06.json",
                r#"[{"type": "message", "subtype": "group_join", "user": "U01", "text": "<@U01> has joined the group", "ts": "1573034400.000100"}]"#,
            ),
            (
                "D01/2019-11-06.json",
                r#"[{"type": "message", "user": "U02", "text": "see <#G01>", "ts": "1573034400.000200"}]"#,
            ),
            ("loose-file.json", "not looked at"),
            (
                "sec-private/attachments/2019-11-06.json",
                "too deep: not a day file",
            ),
            ("sec-private/notes.json", "not a day file"),
        ];
        let export = SlackExport::open(&zip_of(&files)).unwrap();
        let ids: Vec<(&str, &str)> = export
            .channels()
            .iter()
            .map(|c| (c.name.as_str(), c.id.as_str()))
            .collect();
        assert_eq!(ids, [("D01", "D01"), ("sec-private", "G01")]);
        let transcript = export
            .transcript(&["sec-private", "D01"], None, None)
            .unwrap();
        assert_eq!(transcript.messages[0].kind, MessageKind::Join);
        assert_eq!(transcript.messages[1].text, "see #sec-private");
        assert_eq!(transcript.source, "Slack export, #sec-private, #D01");
    }

    #[test]
    fn debug_output_names_channels_not_bytes() {
        let export = SlackExport::open(fixture_zip()).unwrap();
        let debug = format!("{export:?}");
        assert!(debug.contains("incident-42"), "{debug}");
        assert!(debug.len() < 1000, "{debug}");
    }

    // --- Transcripts ---------------------------------------------------------------------

    #[test]
    fn every_shape_maps_to_a_message() {
        let transcript = incident();
        assert_eq!(transcript.source, "Slack export, #incident-42");
        assert_eq!(transcript.messages.len(), 19);
        let times: Vec<Timestamp> = transcript.messages.iter().map(|m| m.at).collect();
        assert!(
            times.windows(2).all(|pair| pair[0] <= pair[1]),
            "time order"
        );

        let join = message(&transcript, "incident-42/1573034400.000100");
        assert_eq!(join.kind, MessageKind::Join);
        assert_eq!(join.author, "Ada Lovelace");
        assert_eq!(join.author_id.as_deref(), Some("U01"));
        assert_eq!(join.text, "@Ada Lovelace has joined the channel");
        assert_eq!(join.at, at("2019-11-06T10:00:00.000100+00:00"));
        assert_eq!(join.at.offset().local_minus_utc(), 0);
        assert_eq!(join.channel.as_deref(), Some("incident-42"));
        assert_eq!(join.source_ref, "slack:incident-42/1573034400.000100");

        let starter = message(&transcript, "incident-42/1573034460.000200");
        assert_eq!(starter.kind, MessageKind::Message);
        assert_eq!(
            starter.text,
            "Seeing 500s on status page (https://status.example.com) & checkout p99 > 4s, paging @oncall @here"
        );
        assert_eq!(
            starter.thread.as_deref(),
            Some("incident-42/1573034460.000200")
        );
        assert!(!starter.edited);

        let reply = message(&transcript, "incident-42/1573034520.000300");
        assert_eq!(reply.author, "grace", "users.json display name");
        assert_eq!(
            reply.text,
            "Rolled back? @Ada Lovelace I see the deploy from @linus"
        );
        assert_eq!(reply.thread, starter.thread);
        assert!(reply.edited);

        let late_reply = message(&transcript, "incident-42/1573207200.000100");
        assert_eq!(late_reply.thread, starter.thread, "a reply on a later day");
        assert_eq!(late_reply.author, "linus", "users.json name");

        let webhook = message(&transcript, "incident-42/1573034530.000400");
        assert_eq!(webhook.kind, MessageKind::Alert);
        assert_eq!(webhook.author, "PagerDuty");
        assert_eq!(webhook.author_id.as_deref(), Some("B0PD"));
        assert_eq!(
            webhook.text,
            "Incident triggered\n#123 checkout 5xx rate > 5%\nService: checkout (https://pd.example.com/services/1)\nUrgency: high"
        );

        let app = message(&transcript, "incident-42/1573034600.000500");
        assert_eq!(app.kind, MessageKind::Alert, "bot_id with a bot user");
        assert_eq!(app.author, "Deploy Bot");
        assert_eq!(app.author_id.as_deref(), Some("U04"));

        let upload = message(&transcript, "incident-42/1573034660.000600");
        assert_eq!(upload.kind, MessageKind::File);
        assert_eq!(upload.files, ["grafana.png", "notes"]);
        assert_eq!(upload.text, "latency graph");

        let blocks = message(&transcript, "incident-42/1573034720.000700");
        assert_eq!(
            blocks.text,
            "Mitigated by @Ada Lovelace in #general, see runbook (https://wiki.example.com/rb) :tada:\n• rollback\n• cache flush"
        );

        let huddle = message(&transcript, "incident-42/1573034780.000800");
        assert_eq!(huddle.kind, MessageKind::Message, "unknown subtype");
        assert_eq!(huddle.text, "Huddle in progress");

        let topic = message(&transcript, "incident-42/1573034840.000900");
        assert_eq!(topic.kind, MessageKind::System);
        assert_eq!(topic.text, "set the channel topic: SEV2 checkout");

        let visitor = message(&transcript, "incident-42/1573034900.001000");
        assert_eq!(visitor.author, "Visitor Vee", "user_profile in the message");
        let stranger = message(&transcript, "incident-42/1573034960.001100");
        assert_eq!(stranger.author, "U98");
        assert_eq!(stranger.author_id.as_deref(), Some("U98"));

        let leave = message(&transcript, "incident-42/1573120800.000100");
        assert_eq!(leave.kind, MessageKind::Leave);
        assert_eq!(leave.text, "@linus has left the channel");

        let links = message(&transcript, "incident-42/1573120860.000200");
        assert_eq!(
            links.text,
            "Moved chatter to #general (also #general), mail ops@example.com or see https://example.com"
        );

        let legacy_share = message(&transcript, "incident-42/1573120920.000300");
        assert_eq!(legacy_share.kind, MessageKind::File);
        assert_eq!(legacy_share.author, "grace");
        assert_eq!(legacy_share.files, ["timeline.txt"]);
        assert_eq!(
            legacy_share.text,
            "@grace uploaded a file: Timeline (https://acme.slack.com/files/U02/F03/timeline.txt)"
        );

        let comment = message(&transcript, "incident-42/1573120980.000400");
        assert_eq!(comment.kind, MessageKind::File);
        assert_eq!(comment.author, "Ada Lovelace", "the comment's user");
        assert!(
            comment.text.ends_with(": add the 10:05 page"),
            "{}",
            comment.text
        );

        for id in [
            "incident-42/1573121040.000500",
            "incident-42/1573121100.000600",
        ] {
            assert_eq!(message(&transcript, id).kind, MessageKind::System, "{id}");
        }

        let resolved = message(&transcript, "incident-42/1573121160.000700");
        assert_eq!(resolved.kind, MessageKind::Alert);
        assert_eq!(resolved.author, "pagerduty", "named by the bot_add notice");
        assert_eq!(resolved.author_id.as_deref(), Some("B0PD"));
    }

    #[test]
    fn records_that_are_no_messages_are_kept_as_unread() {
        let transcript = incident();
        assert_eq!(
            transcript.unread,
            [
                r#"incident-42/2019-11-07.json: "not a message""#,
                r#"incident-42/2019-11-07.json: {"text":"no time stamp","type":"message","user":"U01"}"#,
            ]
        );
    }

    #[test]
    fn no_markup_is_left_in_any_text() {
        for message in incident().messages {
            assert!(!message.text.contains('<'), "{}", message.text);
            assert!(!message.text.contains("&gt;"), "{}", message.text);
            assert!(!message.text.contains("&amp;"), "{}", message.text);
        }
    }

    #[test]
    fn a_transcript_of_one_channel_never_reads_another() {
        let files = fixture_with(&[
            ("general/2019-11-05.json", "{ not json"),
            ("general/2019-11-07.json", "{ not json"),
        ]);
        let export = SlackExport::open(&zip_of(&files)).unwrap();
        let transcript = export.transcript(&["incident-42"], None, None).unwrap();
        assert_eq!(transcript.messages.len(), 19);
        assert!(transcript
            .messages
            .iter()
            .all(|m| m.channel.as_deref() == Some("incident-42")));
        assert!(matches!(
            export.transcript(&["general"], None, None),
            Err(ImportError::BadJson { file, .. }) if file == "general/2019-11-05.json"
        ));
    }

    #[test]
    fn two_channels_merge_in_time_order() {
        let export = SlackExport::open(fixture_zip()).unwrap();
        let transcript = export
            .transcript(
                &["general", "incident-42", "general", "no-such-channel"],
                None,
                None,
            )
            .unwrap();
        assert_eq!(transcript.source, "Slack export, #general, #incident-42");
        assert_eq!(transcript.messages.len(), 21);
        assert_eq!(transcript.messages[0].text, "Morning all");
        let times: Vec<Timestamp> = transcript.messages.iter().map(|m| m.at).collect();
        assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
    }

    #[test]
    fn a_time_range_keeps_what_is_inside_and_skips_far_day_files() {
        // A far day file that would fail if it were read.
        let files = fixture_with(&[("incident-42/2019-12-01.json", "[ broken")]);
        let export = SlackExport::open(&zip_of(&files)).unwrap();
        let transcript = export
            .transcript(
                &["incident-42"],
                Some(at("2019-11-07T00:00:00Z")),
                Some(at("2019-11-07T23:59:59Z")),
            )
            .unwrap();
        assert_eq!(transcript.messages.len(), 7);
        assert!(transcript
            .messages
            .iter()
            .all(|m| m.at.date_naive().to_string() == "2019-11-07"));

        // Both ends are included, whatever offset the range is written in.
        let transcript = export
            .transcript(
                &["incident-42"],
                Some(at("2019-11-06T02:01:00.000200-08:00")),
                Some(at("2019-11-06T11:02:00.000300+01:00")),
            )
            .unwrap();
        let ids: Vec<&str> = transcript.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "incident-42/1573034460.000200",
                "incident-42/1573034520.000300"
            ]
        );

        let error = export.transcript(&["incident-42"], None, None).unwrap_err();
        assert!(matches!(
            error,
            ImportError::BadJson { ref file, .. } if file == "incident-42/2019-12-01.json"
        ));
    }

    #[test]
    fn an_empty_range_is_an_empty_transcript() {
        let export = SlackExport::open(fixture_zip()).unwrap();
        let transcript = export
            .transcript(&["incident-42"], Some(at("2020-01-01T00:00:00Z")), None)
            .unwrap();
        assert!(transcript.messages.is_empty());
        assert!(transcript.unread.is_empty(), "its day files were not read");
    }

    #[test]
    fn a_day_file_may_hold_any_time_zone_day() {
        let day = NaiveDate::from_ymd_opt(2019, 11, 7).unwrap();
        let range = |from: &str, to: &str| Range {
            from: Some(at(from)),
            to: Some(at(to)),
        };
        // UTC+14's day starts 14 hours before UTC's; UTC−12's ends 12 hours after.
        assert!(range("2019-11-06T10:00:00Z", "2019-11-06T10:00:00Z").may_hold_day(day));
        assert!(!range("2019-11-06T09:00:00Z", "2019-11-06T09:59:59Z").may_hold_day(day));
        assert!(range("2019-11-08T11:59:59Z", "2019-11-09T00:00:00Z").may_hold_day(day));
        assert!(!range("2019-11-08T12:00:00Z", "2019-11-09T00:00:00Z").may_hold_day(day));
        assert!(Range::ALL.may_hold_day(day));
        let last = NaiveDate::MAX;
        assert!(
            Range::ALL.may_hold_day(last),
            "no overflow at the end of time"
        );
    }

    #[test]
    fn the_same_time_stamp_twice_gets_two_ids() {
        let files = fixture_with(&[(
            "general/2019-11-07.json",
            r#"[{"user": "U02", "text": "lunch?", "ts": "1573120800.000100"},
                {"user": "U02", "text": "lunch!", "ts": "1573120800.000100"}]"#,
        )]);
        let export = SlackExport::open(&zip_of(&files)).unwrap();
        let transcript = export.transcript(&["general"], None, None).unwrap();
        let ids: Vec<&str> = transcript.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "general/1572948000.000100",
                "general/1573120800.000100",
                "general/1573120800.000100~2"
            ]
        );
    }

    #[test]
    fn time_stamps_read_to_the_microsecond() {
        let cases = [
            (
                "1573034400.000200",
                Some("2019-11-06T10:00:00.000200+00:00"),
            ),
            ("1573034400", Some("2019-11-06T10:00:00+00:00")),
            ("1573034400.2", Some("2019-11-06T10:00:00.200+00:00")),
            (
                "1573034400.123456789",
                Some("2019-11-06T10:00:00.123456+00:00"),
            ),
            ("0.000001", Some("1970-01-01T00:00:00.000001+00:00")),
            ("", None),
            (".5", None),
            ("abc", None),
            ("-1.0", None),
            ("1.2.3", None),
            ("99999999999999999999", None),
        ];
        for (ts, expected) in cases {
            assert_eq!(parse_ts(ts), expected.map(at), "{ts:?}");
        }
    }

    // --- Day files without the export ----------------------------------------------------

    fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|(name, content)| (name.to_string(), content.to_string()))
            .collect()
    }

    #[test]
    fn day_files_alone_name_authors_from_the_messages() {
        let files = owned(&[
            ("2019-11-07.json", INCIDENT_07),
            ("2019-11-06.json", INCIDENT_06),
        ]);
        let transcript = transcript_from_day_files("incident-42", &files).unwrap();
        assert_eq!(transcript.source, "Slack channel #incident-42");
        assert_eq!(transcript.messages.len(), 18);
        let author = |id: &str| message(&transcript, id).author.clone();
        assert_eq!(
            author("incident-42/1573034400.000100"),
            "ada",
            "named by the label of a mention elsewhere, <@U01|ada>"
        );
        assert_eq!(
            author("incident-42/1573034520.000300"),
            "grace",
            "user_profile"
        );
        assert_eq!(
            author("incident-42/1573034530.000400"),
            "PagerDuty",
            "username"
        );
        assert_eq!(
            author("incident-42/1573034600.000500"),
            "deploybot",
            "bot_profile"
        );
        assert_eq!(
            author("incident-42/1573121160.000700"),
            "pagerduty",
            "bot_add"
        );
        assert_eq!(
            message(&transcript, "incident-42/1573034520.000300").text,
            "Rolled back? @ada I see the deploy from @U03",
            "mention labels, else ids"
        );
        assert_eq!(
            message(&transcript, "incident-42/1573120860.000200").text,
            "Moved chatter to #general (also #C02), mail ops@example.com or see https://example.com"
        );
        assert_eq!(transcript.unread.len(), 2);
    }

    #[test]
    fn day_files_use_users_json_when_given() {
        let files = owned(&[
            ("incident-42/2019-11-06.json", INCIDENT_06),
            ("users.json", USERS),
            ("channels.json", CHANNELS),
            ("integration_logs.json", "not even json: never read"),
        ]);
        let transcript = transcript_from_day_files("incident-42", &files).unwrap();
        assert_eq!(transcript.messages.len(), 11);
        assert_eq!(transcript.messages[0].author, "Ada Lovelace");
        assert_eq!(
            message(&transcript, "incident-42/1573034600.000500").author,
            "Deploy Bot"
        );
    }

    #[test]
    fn day_files_that_are_bad_or_empty_are_refused() {
        assert_eq!(transcript_from_day_files("x", &[]), Err(ImportError::Empty));
        assert_eq!(
            transcript_from_day_files("x", &owned(&[("2019-11-06.json", "[]")])),
            Err(ImportError::Empty)
        );
        let error = transcript_from_day_files(
            "x",
            &owned(&[("2019-11-06.json", "[]"), ("2019-11-07.json", "[{\"ts\": ")]),
        )
        .unwrap_err();
        assert!(
            matches!(&error, ImportError::BadJson { file, detail } if file == "2019-11-07.json" && detail.contains("line 1")),
            "{error:?}"
        );
        let error =
            transcript_from_day_files("x", &owned(&[("2019-11-06.json", "{}")])).unwrap_err();
        assert!(
            matches!(&error, ImportError::BadJson { detail, .. } if detail.contains("list")),
            "{error:?}"
        );
    }

    // --- Markup --------------------------------------------------------------------------

    fn directory() -> Directory {
        let mut directory = Directory::default();
        let users: Vec<Value> = serde_json::from_str(USERS).unwrap();
        let channels: Vec<Value> = serde_json::from_str(CHANNELS).unwrap();
        directory.add(IndexFile::Users, &users);
        directory.add(IndexFile::Channels, &channels);
        directory
    }

    #[test]
    fn markup_becomes_readable_text() {
        let directory = directory();
        let names = Names::learn(&directory, &[]);
        let cases = [
            ("plain words", "plain words"),
            ("<@U01>", "@Ada Lovelace"),
            ("<@U01|ada>", "@Ada Lovelace"),
            ("<@U77|someone>", "@someone"),
            ("<@U77>", "@U77"),
            ("<#C02|general>", "#general"),
            ("<#C02>", "#general"),
            ("<#C02|>", "#general"),
            ("<#C77|old-name>", "#old-name"),
            ("<#C77>", "#C77"),
            ("<!here>", "@here"),
            ("<!here|here>", "@here"),
            ("<!channel>", "@channel"),
            ("<!everyone>", "@everyone"),
            ("<!subteam^S123|@team>", "@team"),
            ("<!subteam^S123>", "@S123"),
            ("<!date^1573034400^{date}|6 Nov 2019>", "6 Nov 2019"),
            ("<!date^1573034400^{date}>", "2019-11-06T10:00:00+00:00"),
            ("<!date^&amp;>", "date^&"),
            ("<!fire>", "@fire"),
            ("<https://x.example/a|label>", "label (https://x.example/a)"),
            ("<https://x.example/a>", "https://x.example/a"),
            ("<http://example.com|example.com>", "http://example.com"),
            (
                "<https://x.example/?a=1&amp;b=2|q &amp; a>",
                "q & a (https://x.example/?a=1&b=2)",
            ),
            ("<mailto:a@b.example|a@b.example>", "a@b.example"),
            ("<mailto:a@b.example>", "a@b.example"),
            ("<tel:+15551234|call>", "call"),
            ("&lt;b&gt; &amp;&amp; &amp;lt;", "<b> && &lt;"),
            ("AT&T & more &nbsp;", "AT&T & more &nbsp;"),
            ("a < b", "a < b"),
            ("x <y <@U01>", "x <y @Ada Lovelace"),
            ("ends with <", "ends with <"),
            ("<>", ""),
            ("café <@U01> ✓", "café @Ada Lovelace ✓"),
        ];
        for (raw, expected) in cases {
            assert_eq!(readable(raw, &names), expected, "{raw:?}");
        }
    }

    #[test]
    fn rich_text_blocks_become_text() {
        let directory = directory();
        let names = Names::learn(&directory, &[]);
        let blocks: Value = serde_json::from_str(
            r#"[
              {"type": "rich_text", "elements": [
                {"type": "rich_text_section", "elements": [
                  {"type": "text", "text": "Paging "},
                  {"type": "usergroup", "usergroup_id": "S1"},
                  {"type": "text", "text": " "},
                  {"type": "broadcast", "range": "channel"},
                  {"type": "text", "text": " <raw> & "},
                  {"type": "link", "url": "https://x.example"},
                  {"type": "text", "text": " "},
                  {"type": "date", "timestamp": 1573034400},
                  {"type": "text", "text": "\n"}
                ]},
                {"type": "rich_text_list", "style": "ordered", "elements": [
                  {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
                  {"type": "rich_text_section", "elements": [{"type": "text", "text": "two"}]}
                ]},
                {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "kubectl get pods"}]},
                {"type": "rich_text_quote", "elements": [{"type": "text", "text": "a\nb"}]}
              ]},
              {"type": "divider"},
              {"type": "header", "text": {"type": "plain_text", "text": "<Deploy> done"}},
              {"type": "section", "text": {"type": "mrkdwn", "text": "by <@U02>"},
               "fields": [{"type": "mrkdwn", "text": "*Env* prod"}]},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": "via"}, {"type": "image"}, {"type": "plain_text", "text": "CI"}]}
            ]"#,
        )
        .unwrap();
        assert_eq!(
            blocks_text(Some(&blocks), &names),
            "Paging @S1 @channel <raw> & https://x.example 2019-11-06T10:00:00+00:00\n1. one\n2. two\n```kubectl get pods```\n> a\n> b\n<Deploy> done\nby @grace\n*Env* prod\nvia CI"
        );
        assert_eq!(blocks_text(Some(&Value::Null), &names), "");
    }

    #[test]
    fn a_person_s_attachments_are_read_only_without_words() {
        let directory = directory();
        let names = Names::learn(&directory, &[]);
        let unfurl = serde_json::json!({
            "user": "U01", "ts": "1.0", "text": "look <https://github.com/x>",
            "attachments": [{"title": "x/y", "fallback": "GitHub: x/y"}]
        });
        let forwarded = serde_json::json!({
            "user": "U01", "ts": "1.0", "text": "",
            "attachments": [{"fallback": "GitHub: x/y"}]
        });
        let text = |record: &Value| {
            let (ts, at) = time_of(record).unwrap();
            to_message(record, "c", &ts, at, &names).text
        };
        assert_eq!(text(&unfurl), "look https://github.com/x");
        assert_eq!(text(&forwarded), "GitHub: x/y");
    }

    // --- Damaged, hostile and foreign files ----------------------------------------------

    #[test]
    fn what_is_not_a_zip_is_refused_as_such() {
        for bytes in [
            &b""[..],
            b"hello",
            b"{\"json\": true}",
            &[0u8; 64],
            &[0xffu8; 5000],
        ] {
            assert_eq!(SlackExport::open(bytes).unwrap_err(), ImportError::NotAZip);
        }
    }

    #[test]
    fn a_zip_cut_short_is_damaged() {
        let zip = fixture_zip();
        for length in [2, 30, zip.len() / 2, zip.len() - 1] {
            let error = SlackExport::open(&zip[..length]).unwrap_err();
            assert!(
                matches!(error, ImportError::DamagedZip(_)),
                "{length}: {error:?}"
            );
        }
    }

    #[test]
    fn a_zip_whose_data_is_garbled_is_damaged() {
        // Stored, so the bytes of the day file can be found and garbled.
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, content) in fixture_files() {
            writer.start_file(name, stored).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        let mut zip = writer.finish().unwrap().into_inner();
        let at = zip
            .windows(11)
            .position(|window| window == b"Morning all")
            .unwrap();
        zip[at] = b'W';
        let export = SlackExport::open(&zip).unwrap();
        let error = export.transcript(&["general"], None, None).unwrap_err();
        assert!(matches!(error, ImportError::DamagedZip(_)), "{error:?}");
        assert!(export.transcript(&["incident-42"], None, None).is_ok());
    }

    #[test]
    fn a_zip_without_channel_folders_is_not_an_export() {
        let cases: [&[(&str, &str)]; 4] = [
            &[],
            &[("users.json", USERS), ("channels.json", CHANNELS)],
            &[("report.pdf", "%PDF"), ("notes/readme.txt", "hello")],
            &[
                ("a/b/2019-11-06.json", "[]"),
                ("general/2019-11-6.json", "[]"),
            ],
        ];
        for files in cases {
            assert_eq!(
                SlackExport::open(&zip_of(files)).unwrap_err(),
                ImportError::NotASlackExport,
                "{files:?}"
            );
        }
    }

    #[test]
    fn a_bad_index_file_is_named() {
        let files = fixture_with(&[("users.json", "[{\"id\": \"U01\",")]);
        let error = SlackExport::open(&zip_of(&files)).unwrap_err();
        assert!(
            matches!(&error, ImportError::BadJson { file, .. } if file == "users.json"),
            "{error:?}"
        );
    }

    #[test]
    fn an_entry_over_the_limit_is_too_large() {
        let limits = Limits {
            entry: 2000,
            total: 1_000_000,
        };
        // users.json is about 800 bytes, the 2019-11-06 day file about 4,000.
        let export = SlackExport::open_with(fixture_zip(), limits).unwrap();
        assert!(export.transcript(&["general"], None, None).is_ok());
        assert_eq!(
            export.transcript(&["incident-42"], None, None),
            Err(ImportError::TooLarge { limit_bytes: 2000 })
        );
    }

    #[test]
    fn all_entries_together_over_the_limit_are_too_large() {
        let total = (USERS.len() + CHANNELS.len() + GENERAL_05.len()) as u64;
        let limits = Limits {
            entry: 1_000_000,
            total,
        };
        let export = SlackExport::open_with(fixture_zip(), limits).unwrap();
        // The budget is per call: open's spending does not count against a transcript.
        assert!(export.transcript(&["general"], None, None).is_ok());
        assert_eq!(
            export.transcript(&["general", "incident-42"], None, None),
            Err(ImportError::TooLarge { limit_bytes: total })
        );
        let limits = Limits {
            entry: 1_000_000,
            total: USERS.len() as u64 + 10,
        };
        assert_eq!(
            SlackExport::open_with(fixture_zip(), limits).unwrap_err(),
            ImportError::TooLarge {
                limit_bytes: limits.total
            }
        );
    }

    /// A raw deflate stream of at least `length` zero bytes, in about `length / 160` bytes:
    /// one fixed-Huffman block of a literal zero and then copies of 258 bytes at distance 1,
    /// 13 bits each. Written by hand so a test can hold a 300 MB bomb without making one.
    fn zeros_deflated(length: u64) -> Vec<u8> {
        let mut bits = Bits::default();
        bits.put(1, 1); // the final block
        bits.put(1, 2); // fixed Huffman codes
        bits.put_code(0b0011_0000, 8); // literal 0
        for _ in 0..length.saturating_sub(1).div_ceil(258) {
            bits.put_code(0b1100_0101, 8); // length 258 (code 285)
            bits.put_code(0, 5); // distance 1 (code 0)
        }
        bits.put_code(0, 7); // end of block (code 256)
        bits.finish()
    }

    /// Deflate's bit order: values least significant bit first, Huffman codes most first.
    #[derive(Default)]
    struct Bits {
        bytes: Vec<u8>,
        pending: u32,
        count: u32,
    }

    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.pending |= value << self.count;
            self.count += count;
            while self.count >= 8 {
                self.bytes.push(self.pending as u8);
                self.pending >>= 8;
                self.count -= 8;
            }
        }

        fn put_code(&mut self, code: u32, length: u32) {
            let reversed = code.reverse_bits() >> (32 - length);
            self.put(reversed, length);
        }

        fn finish(mut self) -> Vec<u8> {
            if self.count > 0 {
                self.bytes.push(self.pending as u8);
            }
            self.bytes
        }
    }

    #[test]
    fn the_hand_made_deflate_stream_inflates_to_zeros() {
        let inflated = miniz_oxide::inflate::decompress_to_vec(&zeros_deflated(10_000)).unwrap();
        assert_eq!(inflated.len(), 1 + 39 * 258);
        assert!(inflated.iter().all(|&byte| byte == 0));
    }

    fn crc32(bytes: &[u8]) -> u32 {
        !bytes.iter().fold(!0u32, |crc, &byte| {
            (0..8).fold(crc ^ u32::from(byte), |crc, _| {
                (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg())
            })
        })
    }

    /// One entry of a hand-made zip: name, method (0 stored, 8 deflate), data as stored, the
    /// size and checksum its headers claim.
    struct RawEntry {
        name: &'static str,
        method: u16,
        data: Vec<u8>,
        size: u32,
        crc: u32,
    }

    impl RawEntry {
        fn stored(name: &'static str, content: &str) -> RawEntry {
            RawEntry {
                name,
                method: 0,
                data: content.as_bytes().to_vec(),
                size: content.len() as u32,
                crc: crc32(content.as_bytes()),
            }
        }

        /// Zeros, deflated: `claimed` is the size the headers say, which a bomb need not tell
        /// truly. The checksum is wrong; nothing should read far enough to check it.
        fn zeros(name: &'static str, length: u64, claimed: u32) -> RawEntry {
            RawEntry {
                name,
                method: 8,
                data: zeros_deflated(length),
                size: claimed,
                crc: 0,
            }
        }
    }

    /// A zip written field by field (APPNOTE 4.3), as a hostile one would be.
    fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
        let mut zip = Vec::new();
        let mut directory = Vec::new();
        for entry in entries {
            let offset = zip.len() as u32;
            let header = |signature: u32, central: bool| {
                let mut out = signature.to_le_bytes().to_vec();
                if central {
                    out.extend(20u16.to_le_bytes()); // made by
                }
                out.extend(20u16.to_le_bytes()); // needed
                out.extend(0u16.to_le_bytes()); // flags
                out.extend(entry.method.to_le_bytes());
                out.extend(0u16.to_le_bytes()); // time
                out.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
                out.extend(entry.crc.to_le_bytes());
                out.extend((entry.data.len() as u32).to_le_bytes());
                out.extend(entry.size.to_le_bytes());
                out.extend((entry.name.len() as u16).to_le_bytes());
                out.extend(0u16.to_le_bytes()); // extra field
                if central {
                    out.extend([0u8; 6]); // comment length, disk, internal attributes
                    out.extend(0u32.to_le_bytes()); // external attributes
                    out.extend(offset.to_le_bytes());
                }
                out.extend(entry.name.as_bytes());
                out
            };
            zip.extend(header(0x0403_4b50, false));
            zip.extend(&entry.data);
            directory.extend(header(0x0201_4b50, true));
        }
        let directory_offset = zip.len() as u32;
        zip.extend(&directory);
        zip.extend(0x0605_4b50u32.to_le_bytes());
        zip.extend([0u8; 4]); // disk numbers
        zip.extend((entries.len() as u16).to_le_bytes());
        zip.extend((entries.len() as u16).to_le_bytes());
        zip.extend((directory.len() as u32).to_le_bytes());
        zip.extend(directory_offset.to_le_bytes());
        zip.extend(0u16.to_le_bytes()); // comment
        zip
    }

    const BOMB: u64 = 300 * MIB;

    #[test]
    fn the_hand_made_zip_is_read_like_a_real_one() {
        let zip = raw_zip(&[
            RawEntry::stored("users.json", USERS),
            RawEntry::stored("general/2019-11-05.json", GENERAL_05),
        ]);
        let export = SlackExport::open(&zip).unwrap();
        let transcript = export.transcript(&["general"], None, None).unwrap();
        assert_eq!(transcript.messages[0].author, "Ada Lovelace");
    }

    #[test]
    fn a_zip_bomb_in_an_index_file_fails_fast() {
        let zip = raw_zip(&[
            RawEntry::zeros("users.json", BOMB, BOMB as u32),
            RawEntry::stored("general/2019-11-05.json", GENERAL_05),
        ]);
        assert!(zip.len() < 3 * MIB as usize, "{} bytes", zip.len());
        assert_eq!(
            SlackExport::open(&zip).unwrap_err(),
            ImportError::TooLarge {
                limit_bytes: MAX_ENTRY_BYTES
            }
        );
    }

    #[test]
    fn a_zip_bomb_in_a_day_file_fails_fast_whatever_its_headers_claim() {
        for claimed in [BOMB as u32, 1000] {
            let zip = raw_zip(&[
                RawEntry::stored("users.json", USERS),
                RawEntry::zeros("general/2019-11-05.json", BOMB, claimed),
            ]);
            let export = SlackExport::open(&zip).unwrap();
            assert_eq!(
                export.transcript(&["general"], None, None),
                Err(ImportError::TooLarge {
                    limit_bytes: MAX_ENTRY_BYTES
                }),
                "claiming {claimed} bytes"
            );
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let error = SlackExport::open(b"nope").unwrap_err();
        assert!(error.to_string().starts_with("This is not a zip file."));
        let error = ImportError::TooLarge {
            limit_bytes: MAX_ENTRY_BYTES,
        };
        assert!(error.to_string().contains("more than 50 MB"), "{error}");
    }

    proptest! {
        #[test]
        fn open_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = SlackExport::open(&bytes);
        }

        #[test]
        fn open_never_panics_on_bytes_that_start_like_a_zip(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let bytes: Vec<u8> = b"PK\x03\x04".iter().copied().chain(tail).collect();
            let _ = SlackExport::open(&bytes);
        }

        #[test]
        fn a_garbled_export_never_panics(
            changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut zip = fixture_zip().to_vec();
            for (index, byte) in changes {
                let at = index.index(zip.len());
                zip[at] = byte;
            }
            zip.truncate(zip.len() - cut.index(zip.len() / 8));
            if let Ok(export) = SlackExport::open(&zip) {
                let names: Vec<String> = export.channels().iter().map(|c| c.name.clone()).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let _ = export.transcript(&names, None, None);
            }
        }

        #[test]
        fn markup_never_panics_and_leaves_no_entities(raw in "[<>&|@#!a-z:/^ ]{0,40}|.{0,40}") {
            let directory = directory();
            let names = Names::learn(&directory, &[]);
            let text = readable(&raw, &names);
            prop_assert!(!text.contains("&amp;") || raw.contains("&amp;amp;"));
        }
    }

    // --- The real sample -----------------------------------------------------------------

    /// The real export in the shared samples (beside the repository, here and in CI): skipped
    /// where it is absent.
    #[test]
    fn the_real_sample_export_reads_whole() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/slack-export/testarchive.zip"
        );
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipped: no sample export at {path}");
            return;
        };
        let export = SlackExport::open(&bytes).unwrap();
        let names: Vec<&str> = export.channels().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let days: usize = export.channels().iter().map(|c| c.days).sum();
        assert_eq!(days, 17);
        let transcript = export.transcript(&names, None, None).unwrap();
        assert_eq!(
            transcript.messages.len(),
            158,
            "every message of the sample"
        );
        assert!(transcript.unread.is_empty(), "{:?}", transcript.unread);
        for message in &transcript.messages {
            assert!(!message.text.contains("<@U"), "{}", message.text);
            assert!(!message.text.contains("&lt;"), "{}", message.text);
            assert!(!message.author.is_empty());
        }
        let kinds: HashSet<MessageKind> = transcript.messages.iter().map(|m| m.kind).collect();
        for kind in [
            MessageKind::Message,
            MessageKind::Alert,
            MessageKind::Join,
            MessageKind::File,
            MessageKind::System,
        ] {
            assert!(kinds.contains(&kind), "{kind:?}");
        }
        assert!(transcript.messages.iter().any(|m| m.edited));
        // The webhooks have no names but in the notices that added them.
        for alert in transcript
            .messages
            .iter()
            .filter(|m| m.kind == MessageKind::Alert)
        {
            assert_eq!(alert.author, "github", "{}", alert.text);
        }
        let shared: Vec<&str> = transcript
            .messages
            .iter()
            .flat_map(|m| m.files.iter().map(String::as_str))
            .collect();
        assert_eq!(shared.len(), 4, "three shares and a comment: {shared:?}");
    }
}
