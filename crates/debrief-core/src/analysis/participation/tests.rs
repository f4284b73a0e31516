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

fn run(review: &Review, set: &ReviewTranscripts, settings: ParticipationSettings) -> Participation {
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
