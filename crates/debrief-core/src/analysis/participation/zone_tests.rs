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
