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

mod archive;
mod directory;
mod messages;
#[cfg(test)]
mod tests;
mod text;

use archive::*;
use directory::*;
use messages::*;
use text::*;
