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
mod tests {
    use super::*;
    use crate::testing::{at, empty_review, id, message, transcripts, UtcOnly};
    use MessageKind::{Alert, File, Join, Leave, System};

    fn person(key: &str, name: &str, team: &str) -> Person {
        Person {
            id: id(key),
            name: name.to_owned(),
            team: team.to_owned(),
            ..Person::default()
        }
    }

    fn said(time: &str, author: &str) -> Message {
        message(&format!("2019-11-06T{time}Z"), author, MessageKind::Message)
    }

    fn did(time: &str, author: &str, kind: MessageKind) -> Message {
        message(&format!("2019-11-06T{time}Z"), author, kind)
    }

    fn minutes(n: i64) -> ParticipationSettings {
        ParticipationSettings {
            bucket: TimeDelta::minutes(n),
            quiet_gap: TimeDelta::minutes(DEFAULT_QUIET_GAP_MINUTES),
        }
    }

    fn run(
        review: &Review,
        set: &ReviewTranscripts,
        settings: ParticipationSettings,
    ) -> Participation {
        participation(review, set, &UtcOnly, &settings)
    }

    fn speaker<'a>(p: &'a Participation, name: &str) -> &'a Speaker {
        p.speakers
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no speaker {name}"))
    }

    #[test]
    fn an_empty_transcript_gives_empty_results() {
        for set in [
            ReviewTranscripts::new(crate::model::ReviewId::new("r")),
            transcripts(vec![Vec::new()], &[]),
        ] {
            let p = run(&empty_review(), &set, minutes(5));
            assert_eq!(p.range, None);
            assert!(p.bucket_starts.is_empty() && p.alerts.is_empty() && p.present.is_empty());
            assert!(p.speakers.is_empty() && p.teams.is_empty() && p.quiet_gaps.is_empty());
            assert_eq!((p.message_count, p.alert_count), (0, 0));
            assert_eq!(p.weekday_hours, [[0; 24]; 7]);
            assert_eq!(p.zone, "UTC");
            assert_eq!(message_range(&set), None);
        }
    }

    #[test]
    fn only_alerts_are_counted_apart_from_people() {
        let set = transcripts(
            vec![vec![
                did("03:00:00", "PagerDuty", Alert),
                did("03:01:00", "PagerDuty", Alert),
                did("03:40:00", "Grafana", Alert),
            ]],
            &[],
        );
        let p = run(&empty_review(), &set, minutes(15));
        assert_eq!(p.alert_count, 3);
        assert_eq!(p.alerts, [2, 0, 1]);
        assert_eq!(p.message_count, 0);
        assert!(p.speakers.is_empty() && p.teams.is_empty());
        assert!(
            p.quiet_gaps.is_empty(),
            "no one spoke, so no gap between speech"
        );
        assert_eq!(p.present, [0, 0, 0]);
        assert_eq!(p.weekday_hours, [[0; 24]; 7]);
    }

    #[test]
    fn linked_names_merge_into_their_person_and_unlinked_keep_their_own() {
        let mut review = empty_review();
        review.people = vec![
            Person {
                roles: vec![IncidentRole::OnCall],
                tenure_months: Some(5),
                ..person("p1", "Alice Smith", " Ingest ")
            },
            person("p2", "Bo", ""),
        ];
        // Two chat names for Alice, across two transcripts; "bob" never linked; "ghost" linked
        // to a person no longer in the review.
        let set = transcripts(
            vec![
                vec![
                    said("03:00:00", "asmith"),
                    said("03:02:00", "bob"),
                    said("03:04:00", "asmith"),
                ],
                vec![
                    said("03:01:00", "Alice S."),
                    said("03:03:00", "ghost"),
                    did("03:05:00", "Alice S.", File),
                ],
            ],
            &[("asmith", "p1"), ("Alice S.", "p1"), ("ghost", "p9")],
        );
        let p = run(&review, &set, minutes(5));
        assert_eq!(p.message_count, 6);
        let names: Vec<&str> = p.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Alice Smith", "bob", "ghost"]);
        let alice = speaker(&p, "Alice Smith");
        assert_eq!(alice.messages, 4, "both chat names and the shared file");
        assert_eq!(alice.authors, ["asmith", "Alice S."]);
        assert_eq!(alice.person, Some(id("p1")));
        assert_eq!(alice.team.as_deref(), Some("Ingest"));
        assert_eq!(alice.roles, [IncidentRole::OnCall]);
        assert_eq!(alice.tenure_months, Some(5));
        assert_eq!(alice.share, 4.0 / 6.0);
        assert_eq!(alice.first_message, Some(at("2019-11-06T03:00:00Z")));
        assert_eq!(alice.last_message, Some(at("2019-11-06T03:05:00Z")));
        let bob = speaker(&p, "bob");
        assert_eq!((bob.person.clone(), bob.team.clone()), (None, None));
        assert_eq!(speaker(&p, "ghost").person, None);
        // Teams: Ingest, and everyone else under "no team", never dropped.
        assert_eq!(p.teams.len(), 2);
        assert_eq!(p.teams[0].team.as_deref(), Some("Ingest"));
        assert_eq!((p.teams[0].speakers, p.teams[0].messages), (1, 4));
        assert_eq!(p.teams[1].team, None);
        assert_eq!((p.teams[1].speakers, p.teams[1].messages), (2, 2));
        assert_eq!(p.teams[1].volume, [2, 0]);
    }

    #[test]
    fn teams_differing_in_case_are_one() {
        let mut review = empty_review();
        review.people = vec![
            person("p1", "A", "SRE"),
            person("p2", "B", "sre "),
            person("p3", "C", "Storage"),
        ];
        let set = transcripts(
            vec![vec![
                said("03:00:00", "a"),
                said("03:01:00", "a"),
                said("03:02:00", "b"),
                said("03:03:00", "c"),
            ]],
            &[("a", "p1"), ("b", "p2"), ("c", "p3")],
        );
        let p = run(&review, &set, minutes(5));
        let teams: Vec<(Option<&str>, usize)> = p
            .teams
            .iter()
            .map(|t| (t.team.as_deref(), t.messages))
            .collect();
        assert_eq!(teams, [(Some("SRE"), 3), (Some("Storage"), 1)]);
    }

    #[test]
    fn shares_leave_alerts_joins_and_housekeeping_out() {
        let set = transcripts(
            vec![vec![
                did("03:00:00", "ana", Join),
                did("03:00:30", "bot", Alert),
                said("03:01:00", "ana"),
                did("03:01:30", "ana", System),
                said("03:02:00", "ben"),
                said("03:03:00", "ben"),
                said("03:04:00", "ben"),
                did("03:05:00", "ben", Leave),
            ]],
            &[],
        );
        let p = run(&empty_review(), &set, minutes(5));
        assert_eq!(p.message_count, 4);
        assert_eq!(speaker(&p, "ben").share, 0.75);
        assert_eq!(speaker(&p, "ana").share, 0.25);
        assert!(p.speakers.iter().all(|s| s.name != "bot"));
    }

    #[test]
    fn a_message_on_a_bucket_start_is_in_that_bucket() {
        let set = transcripts(
            vec![vec![
                said("03:07:00", "ana"),
                said("03:14:59", "ana"),
                said("03:15:00", "ana"),
                said("03:44:59", "ana"),
                said("03:45:00", "ana"),
            ]],
            &[],
        );
        let p = run(&empty_review(), &set, minutes(15));
        // Buckets start on the quarter hour, not at the first message.
        let starts: Vec<String> = p.bucket_starts.iter().map(|t| t.to_rfc3339()).collect();
        assert_eq!(
            starts,
            [
                "2019-11-06T03:00:00+00:00",
                "2019-11-06T03:15:00+00:00",
                "2019-11-06T03:30:00+00:00",
                "2019-11-06T03:45:00+00:00",
            ]
        );
        assert_eq!(speaker(&p, "ana").volume, [2, 1, 1, 1]);
        assert_eq!(p.teams[0].volume, [2, 1, 1, 1]);
        assert_eq!(
            p.range,
            Some((at("2019-11-06T03:07:00Z"), at("2019-11-06T03:45:00Z")))
        );
    }

    #[test]
    fn a_gap_exactly_the_threshold_is_not_quiet() {
        let set = transcripts(
            vec![vec![
                said("03:00:00", "ana"),
                said("03:15:00", "ben"),     // exactly 15 min: not a gap
                did("03:20:00", "cy", Join), // joins do not break a silence
                did("03:25:00", "bot", Alert),
                did("03:26:00", "bot", Alert),
                said("03:30:01", "ana"), // 15 min 1 s: a gap
            ]],
            &[],
        );
        let p = run(&empty_review(), &set, minutes(5));
        assert_eq!(
            p.quiet_gaps,
            [QuietGap {
                start: at("2019-11-06T03:15:00Z"),
                end: at("2019-11-06T03:30:01Z"),
                length: TimeDelta::seconds(15 * 60 + 1),
                alerts: 2,
            }]
        );
    }

    #[test]
    fn a_month_of_gaps_lists_only_the_longest() {
        // A message every 20 minutes for three days, one every 2 hours on the third night.
        let mut messages = Vec::new();
        let start = at("2019-11-01T00:00:00Z");
        for i in 0..216 {
            let when = start + TimeDelta::minutes(20 * i);
            messages.push(message(&when.to_rfc3339(), "ana", MessageKind::Message));
        }
        let night = start + TimeDelta::minutes(20 * 216);
        for hours in [2, 5, 9] {
            let when = night + TimeDelta::hours(hours);
            messages.push(message(&when.to_rfc3339(), "ben", MessageKind::Message));
        }
        let set = transcripts(vec![messages], &[]);
        let p = run(&empty_review(), &set, minutes(60));
        assert_eq!(p.quiet_gaps.len(), 218);
        let (longest, shorter) = p.longest_quiet_gaps(SHOWN_QUIET_GAPS);
        assert_eq!((longest.len(), shorter), (SHOWN_QUIET_GAPS, 206));
        // The three long ones are in, and the rest come in time order.
        assert!(longest.windows(2).all(|w| w[0].start <= w[1].start));
        let long: Vec<i64> = longest
            .iter()
            .map(|g| g.length.num_minutes())
            .filter(|m| *m > 20)
            .collect();
        assert_eq!(long, [140, 180, 240]);
        // Fewer gaps than asked: all of them, none left out.
        assert_eq!(p.longest_quiet_gaps(1_000).1, 0);
    }

    #[test]
    fn namesakes_are_two_speakers_and_marked_bots_post_alerts() {
        let mut first = said("03:00:00", "Alex");
        first.author_id = Some("U01".into());
        let mut second = said("03:01:00", "Alex");
        second.author_id = Some("U02".into());
        let deploys = said("03:02:00", "deploy-notifier");
        let mut set = transcripts(vec![vec![first, second, deploys]], &[]);
        set.author_kinds
            .insert("deploy-notifier".into(), crate::triage::AuthorKind::Bot);
        let p = run(&empty_review(), &set, minutes(5));
        let names: Vec<&str> = p.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Alex (U01)", "Alex (U02)"]);
        assert_eq!((p.message_count, p.alert_count), (2, 1));
    }

    #[test]
    fn joins_leaves_and_presence() {
        let set = transcripts(
            vec![vec![
                did("03:00:00", "ana", Join),
                said("03:06:00", "ben"), // never joined on record: present from here
                did("03:07:00", "lurker", Join),
                did("03:11:00", "ana", Leave),
                did("03:16:00", "ana", Join),
                said("03:17:00", "ana"),
                did("03:18:00", "ben", Leave),
            ]],
            &[],
        );
        let p = run(&empty_review(), &set, minutes(5));
        assert_eq!(p.present, [1, 3, 2, 2]);
        let ana = speaker(&p, "ana");
        assert_eq!(ana.joined_at, Some(at("2019-11-06T03:00:00Z")));
        assert_eq!(ana.left_at, None, "she came back");
        assert!(!ana.only_joined);
        let ben = speaker(&p, "ben");
        assert_eq!(ben.joined_at, None);
        assert_eq!(ben.left_at, Some(at("2019-11-06T03:18:00Z")));
        let lurker = speaker(&p, "lurker");
        assert!(lurker.only_joined);
        assert_eq!((lurker.messages, lurker.first_message), (0, None));
        assert_eq!(lurker.share, 0.0);
        // Speakers with messages come first, then the rest in order of appearance.
        let names: Vec<&str> = p.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ana", "ben", "lurker"]);
    }

    #[test]
    fn an_unknown_incident_zone_falls_back_to_utc_and_says_so() {
        let mut review = empty_review();
        review.incident.time_zone = "Mars/Olympus".to_owned();
        let set = transcripts(vec![vec![said("23:30:00", "ana")]], &[]);
        let p = run(&review, &set, minutes(5));
        assert_eq!(p.zone, "UTC");
        assert_eq!(p.zone_fallback.as_deref(), Some("Mars/Olympus"));
        // 2019-11-06 was a Wednesday.
        assert_eq!(p.weekday_hours[2][23], 1);
        assert_eq!(speaker(&p, "ana").night_messages, 1);
        assert_eq!(speaker(&p, "ana").night_zone, "UTC");
    }

    #[test]
    fn default_buckets_are_round_and_about_fifty_to_a_hundred() {
        let bucket = |seconds: i64| {
            let start = at("2019-11-06T02:20:00-08:00");
            default_settings((start, start + TimeDelta::seconds(seconds)))
                .bucket
                .num_minutes()
        };
        assert_eq!(bucket(0), 1);
        assert_eq!(bucket(30 * 60), 1);
        assert_eq!(bucket(2 * 3600), 1);
        assert_eq!(bucket(7 * 3600 + 25 * 60), 5);
        assert_eq!(bucket(12 * 3600), 10);
        assert_eq!(bucket(24 * 3600), 15);
        assert_eq!(bucket(3 * 86_400), 60);
        assert_eq!(bucket(6 * 86_400), 120);
        assert_eq!(bucket(30 * 86_400), 240);
        for hours in [4, 6, 9, 16, 20, 30, 48, 100, 300] {
            let minutes = bucket(hours * 3600);
            let buckets = hours * 60 / minutes + 1;
            assert!(
                (48..=97).contains(&buckets),
                "{hours} h: {minutes} min, {buckets}"
            );
        }
        let settings = default_settings((at("2019-11-06T02:00:00Z"), at("2019-11-06T01:00:00Z")));
        assert_eq!(
            settings.bucket,
            TimeDelta::minutes(1),
            "ends in either order"
        );
        assert_eq!(settings.quiet_gap, TimeDelta::minutes(15));
    }

    #[test]
    fn a_tiny_bucket_over_a_long_span_is_widened() {
        let set = transcripts(
            vec![vec![
                message("2019-11-01T00:00:00Z", "ana", MessageKind::Message),
                message("2019-12-01T00:00:00Z", "ana", MessageKind::Message),
            ]],
            &[],
        );
        let settings = ParticipationSettings {
            bucket: TimeDelta::seconds(1),
            quiet_gap: TimeDelta::minutes(15),
        };
        let p = run(&empty_review(), &set, settings);
        assert_eq!(p.bucket.num_seconds() % 60, 0);
        assert!(p.bucket_starts.len() as i64 <= MAX_BUCKETS);
        assert_eq!(p.speakers[0].volume.len(), p.bucket_starts.len());
        assert_eq!(p.speakers[0].volume.iter().sum::<usize>(), 2);
        // A zero or negative bucket is one second.
        let zero = ParticipationSettings {
            bucket: TimeDelta::zero(),
            ..settings
        };
        let one = transcripts(vec![vec![said("03:00:00", "ana")]], &[]);
        assert_eq!(
            run(&empty_review(), &one, zero).bucket,
            TimeDelta::seconds(1)
        );
    }
}

#[cfg(all(test, feature = "bundled-zones"))]
mod zone_tests {
    use super::*;
    use crate::testing::{at, empty_review, id, message, transcripts};
    use crate::time::{BundledZones, ZoneOffset};
    use std::cell::Cell;

    /// The bundled database, counting how often it is asked for an offset.
    #[derive(Default)]
    struct Counting {
        asked: Cell<usize>,
    }

    impl TimeZones for Counting {
        fn canonical_name(&self, name: &str) -> Option<String> {
            BundledZones.canonical_name(name)
        }
        fn offset_at(&self, zone: &str, instant: DateTime<chrono::Utc>) -> ZoneOffset {
            self.asked.set(self.asked.get() + 1);
            BundledZones.offset_at(zone, instant)
        }
        fn names(&self) -> Vec<String> {
            BundledZones.names()
        }
    }

    fn review_in(zone: &str) -> Review {
        let mut review = empty_review();
        review.incident.time_zone = zone.to_owned();
        review
    }

    fn hourly() -> ParticipationSettings {
        ParticipationSettings {
            bucket: TimeDelta::hours(1),
            quiet_gap: TimeDelta::minutes(15),
        }
    }

    #[test]
    fn the_repeated_hour_of_a_fall_back_day_counts_as_one_am_twice() {
        // 2019-11-03, Los Angeles: 01:00–01:59 happens in PDT (08:xx UTC), then again in
        // PST (09:xx UTC).
        let set = transcripts(
            vec![vec![
                message("2019-11-03T08:30:00Z", "ana", MessageKind::Message), // 01:30 PDT
                message("2019-11-03T08:59:59Z", "ana", MessageKind::Message), // 01:59:59 PDT
                message("2019-11-03T09:00:00Z", "ana", MessageKind::Message), // 01:00 PST
                message("2019-11-03T09:30:00Z", "ana", MessageKind::Message), // 01:30 PST
                message("2019-11-03T10:00:00Z", "ana", MessageKind::Message), // 02:00 PST
            ]],
            &[],
        );
        let p = participation(
            &review_in("America/Los_Angeles"),
            &set,
            &BundledZones,
            &hourly(),
        );
        let sunday = p.weekday_hours[6];
        assert_eq!((sunday[0], sunday[1], sunday[2]), (0, 4, 1));
        assert_eq!(p.weekday_hours.iter().flatten().sum::<usize>(), 5);
        // Times carry the offset in force then; hourly buckets start on the local hour.
        let starts: Vec<String> = p.bucket_starts.iter().map(|t| t.to_rfc3339()).collect();
        assert_eq!(
            starts,
            [
                "2019-11-03T01:00:00-07:00",
                "2019-11-03T01:00:00-08:00",
                "2019-11-03T02:00:00-08:00",
            ]
        );
        let ana = &p.speakers[0];
        assert_eq!(ana.volume, [2, 2, 1]);
        assert_eq!(ana.night_messages, 5);
        assert_eq!(
            ana.first_message.unwrap().to_rfc3339(),
            "2019-11-03T01:30:00-07:00"
        );
        assert_eq!(
            ana.last_message.unwrap().to_rfc3339(),
            "2019-11-03T02:00:00-08:00"
        );
    }

    #[test]
    fn late_utc_evenings_land_on_the_local_weekday() {
        // Sunday 2019-11-10 23:30 UTC is Monday 00:30 in Berlin.
        let set = transcripts(
            vec![vec![message(
                "2019-11-10T23:30:00Z",
                "ana",
                MessageKind::Message,
            )]],
            &[],
        );
        let p = participation(&review_in("Europe/Berlin"), &set, &BundledZones, &hourly());
        assert_eq!(p.weekday_hours[0][0], 1, "Monday, hour 0");
        // And the other way: Monday 05:30 UTC is Sunday 21:30 in Los Angeles.
        let set = transcripts(
            vec![vec![message(
                "2019-11-11T05:30:00Z",
                "ana",
                MessageKind::Message,
            )]],
            &[],
        );
        let p = participation(
            &review_in("America/Los_Angeles"),
            &set,
            &BundledZones,
            &hourly(),
        );
        assert_eq!(p.weekday_hours[6][21], 1, "Sunday, hour 21");
        assert_eq!(
            p.speakers[0].night_messages, 0,
            "21:30 is evening, not night"
        );
    }

    #[test]
    fn night_is_read_on_each_speakers_own_clock() {
        let mut review = review_in("America/Los_Angeles");
        review.people = vec![
            Person {
                id: id("p1"),
                name: "Berliner".to_owned(),
                time_zone: Some("europe/berlin".to_owned()),
                ..Person::default()
            },
            Person {
                id: id("p2"),
                name: "Martian".to_owned(),
                time_zone: Some("Mars/Olympus".to_owned()),
                ..Person::default()
            },
        ];
        // 11:00 UTC: 03:00 in Los Angeles, 12:00 in Berlin.
        let set = transcripts(
            vec![vec![
                message("2019-11-06T11:00:00Z", "ber", MessageKind::Message),
                message("2019-11-06T11:00:00Z", "mars", MessageKind::Message),
                message("2019-11-06T11:00:00Z", "anon", MessageKind::Message),
            ]],
            &[("ber", "p1"), ("mars", "p2")],
        );
        let p = participation(&review, &set, &BundledZones, &hourly());
        let night: Vec<(&str, usize, &str)> = p
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.night_messages, s.night_zone.as_str()))
            .collect();
        assert_eq!(
            night,
            [
                ("Berliner", 0, "Europe/Berlin"),
                ("Martian", 1, "America/Los_Angeles"),
                ("anon", 1, "America/Los_Angeles"),
            ]
        );
        assert_eq!(
            p.weekday_hours[2][3], 3,
            "Wednesday 03:00 on the incident's clock"
        );
    }

    #[test]
    fn a_clock_change_off_the_quarter_hour_is_found_to_the_second() {
        // Liberia moved from -00:44:30 to GMT at local midnight, 1972-01-07 00:44:30 UTC.
        let change = at("1972-01-07T00:44:30Z").timestamp();
        let zones = BundledZones;
        let direct = |utc: i64| {
            zones
                .offset_at("Africa/Monrovia", DateTime::from_timestamp(utc, 0).unwrap())
                .seconds
        };
        assert_ne!(
            direct(change - 1),
            direct(change),
            "the database has the change"
        );
        let mut offsets = Offsets::new(&zones);
        let zone = offsets.intern("Africa/Monrovia");
        for utc in (change - 1000..change + 1000)
            .step_by(7)
            .chain([change - 1, change])
        {
            assert_eq!(offsets.seconds(zone, utc), direct(utc), "at {utc}");
        }
    }

    /// Fifty thousand messages by sixty speakers over a day and a half, in two transcripts.
    fn big() -> (Review, ReviewTranscripts) {
        let mut review = review_in("America/Los_Angeles");
        let zones = ["Europe/Berlin", "Asia/Kolkata", "America/New_York"];
        review.people = (0..30)
            .map(|i| Person {
                id: id(&format!("p{i}")),
                name: format!("Person {i}"),
                team: ["ingest", "storage", "Ingest", ""][i % 4].to_owned(),
                time_zone: (i % 5 == 0).then(|| zones[i % 3].to_owned()),
                ..Person::default()
            })
            .collect();
        let start = at("2019-11-05T20:00:00Z");
        let mut sources = vec![Vec::new(), Vec::new()];
        for i in 0..50_000i64 {
            let when = start + TimeDelta::seconds(i * 36 * 3600 / 50_000);
            // A skewed spread: the lower of two scrambled numbers, so low numbers talk most.
            let r = (i * 2_654_435_761) % 4_294_967_296;
            let who = (r % 60).min(r / 60 % 60);
            let kind = match i % 50 {
                0..=4 => MessageKind::Alert,
                5 => MessageKind::Join,
                6 => MessageKind::System,
                _ => MessageKind::Message,
            };
            let author = if kind == MessageKind::Alert {
                "alertbot".to_owned()
            } else {
                format!("user{who}")
            };
            let mut m = message(&when.to_rfc3339(), &author, kind);
            m.id = i.to_string();
            sources[(i % 2) as usize].push(m);
        }
        let links: Vec<(String, String)> = (0..30)
            .map(|i| (format!("user{i}"), format!("p{i}")))
            .collect();
        let links: Vec<(&str, &str)> = links
            .iter()
            .map(|(a, p)| (a.as_str(), p.as_str()))
            .collect();
        (review, transcripts(sources, &links))
    }

    #[test]
    fn fifty_thousand_messages_add_up_and_ask_the_zones_little() {
        let (review, set) = big();
        let zones = Counting::default();
        let settings = default_settings(message_range(&set).unwrap());
        assert_eq!(settings.bucket, TimeDelta::minutes(30));
        let p = participation(&review, &set, &zones, &settings);

        assert_eq!(p.message_count, 43_000);
        assert_eq!(p.alert_count, 5_000);
        assert_eq!(p.alerts.iter().sum::<usize>(), 5_000);
        assert_eq!(p.speakers.len(), 60);
        let spoken: usize = p.speakers.iter().map(|s| s.messages).sum();
        assert_eq!(spoken, 43_000);
        for s in &p.speakers {
            assert_eq!(s.volume.iter().sum::<usize>(), s.messages, "{}", s.name);
            assert_eq!(s.volume.len(), p.bucket_starts.len());
        }
        assert!(p
            .speakers
            .windows(2)
            .all(|w| w[0].messages >= w[1].messages));
        let shares: f64 = p.speakers.iter().map(|s| s.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        assert_eq!(p.teams.iter().map(|t| t.messages).sum::<usize>(), 43_000);
        assert_eq!(p.teams.iter().map(|t| t.speakers).sum::<usize>(), 60);
        let teams: Vec<Option<&str>> = p.teams.iter().map(|t| t.team.as_deref()).collect();
        assert!(teams.contains(&Some("ingest")) && teams.contains(&None));
        assert_eq!(teams.len(), 3, "ingest (either case), storage, no team");
        assert_eq!(p.weekday_hours.iter().flatten().sum::<usize>(), 43_000);
        assert_eq!(*p.present.last().unwrap(), 60);
        assert!(p.present.windows(2).all(|w| w[0] <= w[1]), "nobody left");
        assert!(p.quiet_gaps.is_empty(), "a message every 2.6 s");
        // Just under 36 h from a full hour, in 30-minute buckets.
        assert_eq!(p.bucket_starts.len(), 72);

        // Each 15-minute slot asked about once per zone (four zones, 145 slots, plus the
        // slot after each), not once per message.
        let asked = zones.asked.get();
        assert!(
            asked <= 4 * 150 + p.bucket_starts.len(),
            "{asked} offset questions"
        );
        // The same answers as asking every time.
        let night: usize = p.speakers.iter().map(|s| s.night_messages).sum();
        let expected_night = set
            .all_messages()
            .iter()
            .filter(|(_, m)| matches!(m.kind, MessageKind::Message | MessageKind::File))
            .filter(|(_, m)| {
                let person = set
                    .person_for(m.author_key())
                    .and_then(|id| review.people.iter().find(|p| &p.id == id));
                let zone = person
                    .and_then(|p| p.time_zone.as_deref())
                    .unwrap_or("America/Los_Angeles");
                let zone = Zone::find(&BundledZones, zone).unwrap();
                super::super::people::is_local_night(&m.at, &zone)
            })
            .count();
        assert_eq!(night, expected_night);
    }
}
