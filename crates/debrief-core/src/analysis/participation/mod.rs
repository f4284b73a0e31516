//! Who was talking when, from a review's imported chat transcripts: message volume per
//! speaker and team over time, alerts piling up, who joined and never spoke, quiet spells,
//! and which hours and weekdays the conversation happened on. These point an analyst at where
//! to look and what to ask (why was one team carrying the night? who was lurking?); they are
//! not a measure of anyone.
//!
//! Cost: this runs in the browser over transcripts of tens of thousands of messages, where
//! each question to the host's time-zone rules goes through JavaScript `Intl` and is slow.
//! So offsets are asked once per zone and 15-minute UTC slot ([`Offsets`]) and everything
//! else is a sort by time and one pass over the messages: O(messages · log messages +
//! buckets × speakers).

use super::people::is_night_hour;
use crate::import::{Message, MessageKind};
use crate::model::{EntityId, IncidentRole, Person, Review, Timestamp};
use crate::sorting;
use crate::time::{TimeZones, Zone};
use crate::triage::ReviewTranscripts;
use chrono::{DateTime, Datelike, FixedOffset, TimeDelta, Timelike};
use std::collections::HashMap;

/// A silence between people's messages longer than this is worth a look by default.
pub const DEFAULT_QUIET_GAP_MINUTES: i64 = 15;
/// Bucket lengths a reader can add up in their head.
const BUCKET_MINUTES: [i64; 8] = [1, 5, 10, 15, 30, 60, 120, 240];
/// Enough buckets to see the shape of a night, few enough that each bar stays legible.
const FEWEST_BUCKETS: i64 = 48;
const MOST_BUCKETS: i64 = 96;
/// Whatever bucket a caller asks for, the volume table stays this small: a one-second bucket
/// over a month would otherwise hold millions of zeros per speaker.
pub const MAX_BUCKETS: i64 = 5_000;

/// How many quiet gaps the chart draws and the page lists: the longest. A month of chat has
/// hundreds, and a dashed band over each hides the bars.
pub const SHOWN_QUIET_GAPS: usize = 12;
/// Offsets are memoised per slot of this many seconds: every current zone's offset, and so
/// every clock change since standard time, falls on a quarter hour of UTC.
const SLOT_SECONDS: i64 = 15 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParticipationSettings {
    /// Length of one bar of the volume chart.
    pub bucket: TimeDelta,
    /// Silences between people's messages longer than this are listed as quiet gaps; one
    /// exactly this long is not.
    pub quiet_gap: TimeDelta,
}

/// The settings the report and the app both use, so a chart reads the same in either: a
/// round bucket (1, 5, 10, 15, 30, 60, 120 or 240 minutes) giving 48–96 buckets over `range`
/// where one does (else the nearest to that), and a 15-minute quiet gap.
pub fn default_settings(range: (Timestamp, Timestamp)) -> ParticipationSettings {
    let span = (range.1 - range.0).num_seconds().abs();
    let misfit = |minutes: i64| {
        let seconds = minutes * 60;
        let buckets = ((span + seconds - 1) / seconds).max(1) as f64;
        if buckets > MOST_BUCKETS as f64 {
            buckets / MOST_BUCKETS as f64
        } else {
            (FEWEST_BUCKETS as f64 / buckets).max(1.0)
        }
    };
    let mut best = BUCKET_MINUTES[0];
    for minutes in BUCKET_MINUTES {
        if misfit(minutes) < misfit(best) {
            best = minutes;
        }
    }
    ParticipationSettings {
        bucket: TimeDelta::minutes(best),
        quiet_gap: TimeDelta::minutes(DEFAULT_QUIET_GAP_MINUTES),
    }
}

/// The first and last message of any kind across all transcripts: what
/// [`default_settings`] is chosen from. `None` when there are no messages.
pub fn message_range(transcripts: &ReviewTranscripts) -> Option<(Timestamp, Timestamp)> {
    let mut times = transcripts
        .transcripts
        .iter()
        .flat_map(|t| t.transcript.messages.iter().map(|m| m.at));
    let first = times.next()?;
    Some(times.fold((first, first), |(a, b), t| (a.min(t), b.max(t))))
}

/// Everything derived from the transcripts. Every time in it carries the offset the
/// incident's zone had at that instant, so it reads as the incident's clock (the chart
/// labels its axis from it) without asking the host again.
#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    /// The zone the times, weekdays and hours are read in: the incident's, or "UTC" when the
    /// host does not know it.
    pub zone: String,
    /// The incident's zone name when the host did not know it and UTC was used instead.
    pub zone_fallback: Option<String>,
    /// First and last message of any kind; `None` when there are none.
    pub range: Option<(Timestamp, Timestamp)>,
    /// The bucket length used: the one asked for, widened to whole minutes when the range
    /// would need more than [`MAX_BUCKETS`].
    pub bucket: TimeDelta,
    pub quiet_gap: TimeDelta,
    /// Where each bucket starts: on a multiple of the bucket on the incident's clock (as it
    /// read at the first message), so hourly buckets start on the hour.
    pub bucket_starts: Vec<Timestamp>,
    /// Messages from people (written messages and shared files), the conversation proper.
    pub message_count: usize,
    pub alert_count: usize,
    /// Most messages first; equal counts in order of first appearance.
    pub speakers: Vec<Speaker>,
    /// Most messages first. People not linked to a review person, and people without a
    /// team, are counted under `team: None` rather than left out.
    pub teams: Vec<TeamVolume>,
    /// Alerts per bucket, apart from people's messages: a burst of pages is not a burst of
    /// conversation.
    pub alerts: Vec<usize>,
    /// How many speakers were in the channel at the end of each bucket. Someone counts from
    /// their first join or first message (an export often starts after people joined) until
    /// they leave; a later join or message brings them back.
    pub present: Vec<usize>,
    pub quiet_gaps: Vec<QuietGap>,
    /// People's messages by local weekday (Monday first) and hour, on the incident's clock.
    pub weekday_hours: [[usize; 24]; 7],
}

/// One voice in the channel: a review person (however many chat names they wrote under), or
/// a chat name nobody has linked to a person yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The person's name when linked, else the chat name.
    pub name: String,
    pub person: Option<EntityId>,
    /// The chat names counted here, in order of first appearance.
    pub authors: Vec<String>,
    pub roles: Vec<IncidentRole>,
    /// Trimmed; `None` when unlinked or blank.
    pub team: Option<String>,
    pub tenure_months: Option<u32>,
    pub messages: usize,
    /// `messages` over [`Participation::message_count`]. Alerts, joins, leaves and channel
    /// housekeeping are not conversation, so they count neither here nor in the total.
    pub share: f64,
    pub first_message: Option<Timestamp>,
    pub last_message: Option<Timestamp>,
    /// Their first join.
    pub joined_at: Option<Timestamp>,
    /// Their last leave, when they had not come back after it.
    pub left_at: Option<Timestamp>,
    /// Joined and never said anything: someone following along, or someone who could not
    /// get a word in.
    pub only_joined: bool,
    /// Their messages between 22:00 and 06:00 on their own clock.
    pub night_messages: usize,
    /// The clock night is read on: their own zone, else the incident's.
    pub night_zone: String,
    /// Messages per bucket.
    pub volume: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamVolume {
    /// As first spelled by its most active speaker; teams differing only in letter case or
    /// surrounding spaces are one. `None`: no team known.
    pub team: Option<String>,
    pub speakers: usize,
    pub messages: usize,
    pub volume: Vec<usize>,
}

impl Participation {
    /// The `n` longest quiet gaps, in time order (of equal lengths the earlier wins), and how
    /// many shorter ones are left out.
    pub fn longest_quiet_gaps(&self, n: usize) -> (Vec<&QuietGap>, usize) {
        let mut longest: Vec<&QuietGap> = self.quiet_gaps.iter().collect();
        sorting::sort_by(&mut longest, |a, b| {
            b.length.cmp(&a.length).then(a.start.cmp(&b.start))
        });
        longest.truncate(n);
        sorting::sort_by_key(&mut longest, |gap| gap.start);
        let left_out = self.quiet_gaps.len() - longest.len();
        (longest, left_out)
    }
}

/// A stretch with no messages from people, between two that were.
#[derive(Debug, Clone, PartialEq)]
pub struct QuietGap {
    pub start: Timestamp,
    pub end: Timestamp,
    pub length: TimeDelta,
    /// Alerts that fired meanwhile: pages nobody answered in the channel.
    pub alerts: usize,
}

/// Message volume, presence, quiet gaps and the weekly grid of `transcripts`, read against
/// `review`'s people and incident zone.
pub fn participation(
    review: &Review,
    transcripts: &ReviewTranscripts,
    zones: &dyn TimeZones,
    settings: &ParticipationSettings,
) -> Participation {
    let asked = review.incident.time_zone.trim();
    let (zone, zone_fallback) = match Zone::find(zones, asked) {
        Some(zone) => (zone.name().to_owned(), None),
        None => ("UTC".to_owned(), Some(asked.to_owned())),
    };
    let mut offsets = Offsets::new(zones);
    let incident = offsets.intern(&zone);

    let messages = transcripts.all_messages();
    let mut result = Participation {
        zone,
        zone_fallback,
        range: None,
        bucket: settings.bucket,
        quiet_gap: settings.quiet_gap,
        bucket_starts: Vec::new(),
        message_count: 0,
        alert_count: 0,
        speakers: Vec::new(),
        teams: Vec::new(),
        alerts: Vec::new(),
        present: Vec::new(),
        quiet_gaps: Vec::new(),
        weekday_hours: [[0; 24]; 7],
    };
    let (Some((_, first)), Some((_, last))) = (messages.first(), messages.last()) else {
        return result;
    };
    let grid = Grid::new(first.at, last.at, settings.bucket, &mut offsets, incident);
    result.bucket = TimeDelta::seconds(grid.bucket);
    result.range = Some((
        offsets.on_clock(incident, &first.at),
        offsets.on_clock(incident, &last.at),
    ));
    result.bucket_starts = (0..grid.count)
        .map(|i| offsets.on_clock_utc(incident, grid.origin + i as i64 * grid.bucket))
        .collect();
    result.alerts = vec![0; grid.count];
    result.present = vec![0; grid.count];

    let people: HashMap<&EntityId, &Person> = review.people.iter().map(|p| (&p.id, p)).collect();
    let mut speakers = Speakers::new(grid.count, transcripts);
    let mut present_now = 0usize;
    let mut filled = 0usize;
    let mut last_spoken: Option<Timestamp> = None;
    let mut alerts_since = 0usize;

    for (_, message) in &messages {
        let utc = message.at.timestamp();
        let bucket = grid.index(utc);
        while filled < bucket {
            result.present[filled] = present_now;
            filled += 1;
        }
        match transcripts.kind_of(message) {
            MessageKind::Alert => {
                result.alerts[bucket] += 1;
                result.alert_count += 1;
                alerts_since += 1;
            }
            MessageKind::System => {}
            MessageKind::Message | MessageKind::File => {
                let index = speakers.of(message, transcripts, &people, &mut offsets, incident);
                let speaker = &mut speakers.all[index];
                speaker.messages += 1;
                speaker.volume[bucket] += 1;
                speaker.first_message.get_or_insert(message.at);
                speaker.last_message = Some(message.at);
                let own = offsets.local(speaker.night_zone, utc);
                if is_night_hour(own.hour()) {
                    speaker.night_messages += 1;
                }
                present_now += usize::from(!speaker.present);
                speaker.present = true;

                let local = offsets.local(incident, utc);
                result.weekday_hours[local.weekday().num_days_from_monday() as usize]
                    [local.hour() as usize] += 1;
                result.message_count += 1;
                if let Some(previous) = last_spoken {
                    let length = message.at - previous;
                    if length > settings.quiet_gap {
                        result.quiet_gaps.push(QuietGap {
                            start: offsets.on_clock(incident, &previous),
                            end: offsets.on_clock(incident, &message.at),
                            length,
                            alerts: alerts_since,
                        });
                    }
                }
                last_spoken = Some(message.at);
                alerts_since = 0;
            }
            MessageKind::Join => {
                let index = speakers.of(message, transcripts, &people, &mut offsets, incident);
                let speaker = &mut speakers.all[index];
                speaker.joined_at.get_or_insert(message.at);
                speaker.last_join = Some(message.at);
                present_now += usize::from(!speaker.present);
                speaker.present = true;
            }
            MessageKind::Leave => {
                let index = speakers.of(message, transcripts, &people, &mut offsets, incident);
                let speaker = &mut speakers.all[index];
                speaker.last_leave = Some(message.at);
                present_now -= usize::from(speaker.present);
                speaker.present = false;
            }
        }
    }
    while filled < grid.count {
        result.present[filled] = present_now;
        filled += 1;
    }

    result.speakers = speakers.finish(result.message_count, &mut offsets, incident);
    result.teams = teams(&result.speakers, grid.count);
    result
}

/// The buckets: where they start (UTC seconds), how long they are, how many.
struct Grid {
    origin: i64,
    bucket: i64,
    count: usize,
}

impl Grid {
    fn new(
        first: Timestamp,
        last: Timestamp,
        asked: TimeDelta,
        offsets: &mut Offsets,
        zone: usize,
    ) -> Self {
        let (first, last) = (first.timestamp(), last.timestamp());
        let span = last - first;
        let mut bucket = asked.num_seconds().max(1);
        // Alignment can add a bucket at each end.
        if span / bucket + 2 > MAX_BUCKETS {
            let needed = (span + MAX_BUCKETS - 3) / (MAX_BUCKETS - 2);
            bucket = (needed + 59) / 60 * 60;
        }
        let offset = i64::from(offsets.seconds(zone, first));
        let origin = (first + offset).div_euclid(bucket) * bucket - offset;
        Self {
            origin,
            bucket,
            count: ((last - origin) / bucket + 1) as usize,
        }
    }

    fn index(&self, utc: i64) -> usize {
        (((utc - self.origin) / self.bucket) as usize).min(self.count - 1)
    }
}

/// A speaker while the messages are read.
struct Draft {
    speaker: Speaker,
    night_zone: usize,
    /// Position of their first record of any kind, for a stable order.
    first_seen: usize,
    present: bool,
    last_join: Option<Timestamp>,
    last_leave: Option<Timestamp>,
}

impl std::ops::Deref for Draft {
    type Target = Speaker;
    fn deref(&self) -> &Speaker {
        &self.speaker
    }
}

impl std::ops::DerefMut for Draft {
    fn deref_mut(&mut self) -> &mut Speaker {
        &mut self.speaker
    }
}

struct Speakers<'a> {
    buckets: usize,
    /// What to call each author ([`Message::author_key`]): their name, with their id when
    /// another account has the same name.
    labels: HashMap<String, String>,
    all: Vec<Draft>,
    by_author: HashMap<&'a str, usize>,
    by_person: HashMap<&'a EntityId, usize>,
}

impl<'a> Speakers<'a> {
    fn new(buckets: usize, transcripts: &ReviewTranscripts) -> Self {
        Self {
            buckets,
            labels: transcripts
                .authors_in_order()
                .into_iter()
                .map(|author| (author.key, author.label))
                .collect(),
            all: Vec::new(),
            by_author: HashMap::new(),
            by_person: HashMap::new(),
        }
    }

    /// The speaker `message` belongs to, created on their first record. An author linked to
    /// a person who is no longer in the review is counted under their chat name.
    fn of(
        &mut self,
        message: &'a Message,
        transcripts: &'a ReviewTranscripts,
        people: &HashMap<&'a EntityId, &'a Person>,
        offsets: &mut Offsets,
        incident: usize,
    ) -> usize {
        let key = message.author_key();
        if let Some(&index) = self.by_author.get(key) {
            return index;
        }
        let author = self
            .labels
            .get(key)
            .cloned()
            .unwrap_or_else(|| message.author.clone());
        let person = transcripts
            .person_for(key)
            .and_then(|id| people.get(id).copied());
        let index = match person.and_then(|p| self.by_person.get(&p.id).copied()) {
            Some(index) => index,
            None => {
                let index = self.all.len();
                let night_zone = person
                    .and_then(|p| p.time_zone.as_deref())
                    .and_then(|name| Zone::find(offsets.zones, name))
                    .map_or(incident, |zone| offsets.intern(zone.name()));
                if let Some(person) = person {
                    self.by_person.insert(&person.id, index);
                }
                self.all.push(Draft {
                    speaker: new_speaker(
                        person,
                        &author,
                        offsets.names[night_zone].clone(),
                        self.buckets,
                    ),
                    night_zone,
                    first_seen: index,
                    present: false,
                    last_join: None,
                    last_leave: None,
                });
                index
            }
        };
        self.all[index].authors.push(author);
        self.by_author.insert(key, index);
        index
    }

    fn finish(self, total: usize, offsets: &mut Offsets, incident: usize) -> Vec<Speaker> {
        let mut drafts = self.all;
        sorting::sort_by(&mut drafts, |a, b| {
            b.messages
                .cmp(&a.messages)
                .then(a.first_seen.cmp(&b.first_seen))
        });
        drafts
            .into_iter()
            .map(|draft| {
                let mut speaker = draft.speaker;
                speaker.share = if total == 0 {
                    0.0
                } else {
                    speaker.messages as f64 / total as f64
                };
                speaker.left_at = draft
                    .last_leave
                    .filter(|leave| draft.last_join.is_none_or(|join| *leave >= join));
                speaker.only_joined = speaker.joined_at.is_some() && speaker.messages == 0;
                for time in [
                    &mut speaker.first_message,
                    &mut speaker.last_message,
                    &mut speaker.joined_at,
                    &mut speaker.left_at,
                ] {
                    *time = time.map(|t| offsets.on_clock(incident, &t));
                }
                speaker
            })
            .collect()
    }
}

fn new_speaker(
    person: Option<&Person>,
    author: &str,
    night_zone: String,
    buckets: usize,
) -> Speaker {
    let (name, team) = match person {
        Some(person) => (
            match person.name.trim() {
                "" => "Unnamed person".to_owned(),
                name => name.to_owned(),
            },
            Some(person.team.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
        ),
        None => (author.to_owned(), None),
    };
    Speaker {
        name,
        person: person.map(|p| p.id.clone()),
        authors: Vec::new(),
        roles: person.map(|p| p.roles.clone()).unwrap_or_default(),
        team,
        tenure_months: person.and_then(|p| p.tenure_months),
        messages: 0,
        share: 0.0,
        first_message: None,
        last_message: None,
        joined_at: None,
        left_at: None,
        only_joined: false,
        night_messages: 0,
        night_zone,
        volume: vec![0; buckets],
    }
}

fn teams(speakers: &[Speaker], buckets: usize) -> Vec<TeamVolume> {
    let mut teams: Vec<TeamVolume> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for speaker in speakers {
        let key = speaker.team.as_ref().map(|t| t.to_lowercase());
        let i = *index.entry(key).or_insert_with(|| {
            teams.push(TeamVolume {
                team: speaker.team.clone(),
                speakers: 0,
                messages: 0,
                volume: vec![0; buckets],
            });
            teams.len() - 1
        });
        let team = &mut teams[i];
        team.speakers += 1;
        team.messages += speaker.messages;
        for (sum, n) in team.volume.iter_mut().zip(&speaker.volume) {
            *sum += n;
        }
    }
    sorting::sort_by(&mut teams, |a, b| {
        b.messages
            .cmp(&a.messages)
            .then(a.team.is_none().cmp(&b.team.is_none()))
            .then_with(|| {
                let name = |t: &TeamVolume| t.team.as_deref().map(str::to_lowercase);
                name(a).cmp(&name(b))
            })
    });
    teams
}

// ---------------------------------------------------------------------------------------------
// Offsets, memoised.

/// The host's offsets, asked once per zone and [`SLOT_SECONDS`] slot. A slot whose two ends
/// have different offsets holds a clock change; it is found to the second by bisection (a
/// dozen questions, once), so an instant inside that slot still gets its exact offset.
struct Offsets<'z> {
    zones: &'z dyn TimeZones,
    names: Vec<String>,
    starts: HashMap<(usize, i64), i32>,
    slots: HashMap<(usize, i64), Slot>,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Steady(i32),
    /// From `at` (UTC seconds) on, `after`; before it, `before`.
    Changes {
        at: i64,
        before: i32,
        after: i32,
    },
}

impl<'z> Offsets<'z> {
    fn new(zones: &'z dyn TimeZones) -> Self {
        Self {
            zones,
            names: Vec::new(),
            starts: HashMap::new(),
            slots: HashMap::new(),
        }
    }

    /// The index of a zone the host knows, by its canonical name.
    fn intern(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name.to_owned());
                self.names.len() - 1
            }
        }
    }

    fn ask(&self, zone: usize, utc: i64) -> i32 {
        DateTime::from_timestamp(utc, 0).map_or(0, |instant| {
            self.zones.offset_at(&self.names[zone], instant).seconds
        })
    }

    fn at_slot_start(&mut self, zone: usize, slot: i64) -> i32 {
        if let Some(&seconds) = self.starts.get(&(zone, slot)) {
            return seconds;
        }
        let seconds = self.ask(zone, slot * SLOT_SECONDS);
        self.starts.insert((zone, slot), seconds);
        seconds
    }

    /// Seconds east of UTC in `zone` at `utc` (seconds since the epoch).
    fn seconds(&mut self, zone: usize, utc: i64) -> i32 {
        let index = utc.div_euclid(SLOT_SECONDS);
        let slot = match self.slots.get(&(zone, index)) {
            Some(&slot) => slot,
            None => {
                let before = self.at_slot_start(zone, index);
                let after = self.at_slot_start(zone, index + 1);
                let slot = if before == after {
                    Slot::Steady(before)
                } else {
                    let (mut lo, mut hi) = (index * SLOT_SECONDS, (index + 1) * SLOT_SECONDS);
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2;
                        if self.ask(zone, mid) == before {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    Slot::Changes {
                        at: hi,
                        before,
                        after,
                    }
                };
                self.slots.insert((zone, index), slot);
                slot
            }
        };
        match slot {
            Slot::Steady(seconds) => seconds,
            Slot::Changes { at, before, after } => {
                if utc < at {
                    before
                } else {
                    after
                }
            }
        }
    }

    /// The local date and time in `zone` at `utc`.
    fn local(&mut self, zone: usize, utc: i64) -> chrono::NaiveDateTime {
        let local = utc + i64::from(self.seconds(zone, utc));
        DateTime::from_timestamp(local, 0)
            .unwrap_or_default()
            .naive_utc()
    }

    /// `instant` with the offset `zone` had then.
    fn on_clock(&mut self, zone: usize, instant: &Timestamp) -> Timestamp {
        let seconds = self.seconds(zone, instant.timestamp());
        FixedOffset::east_opt(seconds).map_or(*instant, |offset| instant.with_timezone(&offset))
    }

    fn on_clock_utc(&mut self, zone: usize, utc: i64) -> Timestamp {
        let instant = DateTime::from_timestamp(utc, 0)
            .unwrap_or_default()
            .fixed_offset();
        self.on_clock(zone, &instant)
    }
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "bundled-zones"))]
mod zone_tests;
