//! People's involvement: when each person joined and last acted, how much of it fell in their
//! own night, and what else was paging them. These explain what made sense to people at the
//! time (tired at 3 AM, juggling another incident); they are not a measure of anyone.

use super::hypotheses::raised_at;
use crate::model::{EntityId, Person, Review, TimelineEvent, Timestamp};
use crate::sorting;
use crate::time::{TimeZones, Zone};
use chrono::{TimeDelta, Timelike};

/// Local night starts at this hour (inclusive)…
pub const NIGHT_START_HOUR: u32 = 22;
/// …and ends at this hour (exclusive): 06:00 is morning.
pub const NIGHT_END_HOUR: u32 = 6;

/// Tags (any letter case) that mark an event as another page or incident the person was
/// handling at the same time.
const OTHER_INCIDENT_TAGS: [&str; 2] = ["other-incident", "page"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonActivity {
    pub person: EntityId,
    /// The earliest time of an event they acted in or a hypothesis they raised.
    pub first_involvement: Option<Timestamp>,
    /// The latest such time; an event with an end counts until its end.
    pub last_activity: Option<Timestamp>,
    /// Timeline events with them as actor, timed or not.
    pub event_count: usize,
    /// `last_activity - first_involvement`.
    pub active_span: Option<TimeDelta>,
    /// Their timed events between 22:00 and 06:00 on their own clock.
    pub night_events: usize,
    /// Their events tagged "other-incident" or "page": work outside this incident noted on
    /// the timeline.
    pub other_incident_events: usize,
    pub hypotheses_raised: usize,
}

/// One entry per person, in `review.people` order. Participants of other kinds (an
/// organisation, an outside reporter, a bot) are not people: they have no involvement,
/// tenure or nights to analyse, and are left out; see [`others_involved`].
///
/// Night is read on the person's own clock: their `time_zone`, else (when unset or unknown
/// to `zones`) the review's zone — a 03:00 page is night for someone in Los Angeles and lunch
/// for a colleague in Berlin.
pub fn people_activity(review: &Review, zones: &dyn TimeZones) -> Vec<PersonActivity> {
    let review_zone = review.zone(zones);
    review
        .people
        .iter()
        .filter(|person| person.is_person())
        .map(|person| {
            let zone = person_zone(person, zones).unwrap_or_else(|| review_zone.clone());
            activity(review, person, &zone)
        })
        .collect()
}

/// Whether `instant` falls between [`NIGHT_START_HOUR`] and [`NIGHT_END_HOUR`] on `zone`'s
/// clock.
pub fn is_local_night(instant: &Timestamp, zone: &Zone) -> bool {
    is_night_hour(zone.to_local(instant).0.hour())
}

/// Whether an hour of a local clock (0–23) is night, for callers that already know the
/// local time.
pub fn is_night_hour(hour: u32) -> bool {
    // Night wraps past midnight, so it is everything outside the daytime range.
    !(NIGHT_END_HOUR..NIGHT_START_HOUR).contains(&hour)
}

/// The participants that are not people, in `review.people` order, each with how many
/// timeline events it acted in.
pub fn others_involved(review: &Review) -> Vec<(&Person, usize)> {
    review
        .people
        .iter()
        .filter(|p| !p.is_person())
        .map(|p| {
            let events = review
                .timeline
                .iter()
                .filter(|e| e.actor.as_ref() == Some(&p.id))
                .count();
            (p, events)
        })
        .collect()
}

/// "Also involved: AWS (organisation or provider, 2 events)." or nothing.
pub fn others_involved_sentence(
    review: &Review,
    name: impl Fn(&Person) -> String,
) -> Option<String> {
    let others = others_involved(review);
    if others.is_empty() {
        return None;
    }
    let listed: Vec<String> = others
        .iter()
        .map(|(person, events)| {
            format!(
                "{} ({}, {events} event{})",
                name(person),
                person.kind.label().to_lowercase(),
                if *events == 1 { "" } else { "s" }
            )
        })
        .collect();
    Some(format!("Also involved: {}.", listed.join("; ")))
}

/// Distinct team names with how many people are in each, most people first, then by name.
/// Names are trimmed and grouped ignoring letter case ("SRE" and "sre " are one team), shown
/// as first spelled; people without a team are left out.
pub fn teams(review: &Review) -> Vec<(String, usize)> {
    let mut teams: Vec<(String, usize)> = Vec::new();
    for team in review
        .people
        .iter()
        .filter(|p| p.is_person())
        .map(|p| p.team.trim())
    {
        if team.is_empty() {
            continue;
        }
        let key = team.to_lowercase();
        match teams
            .iter_mut()
            .find(|(name, _)| name.to_lowercase() == key)
        {
            Some((_, count)) => *count += 1,
            None => teams.push((team.to_owned(), 1)),
        }
    }
    sorting::sort_by(&mut teams, |(a, a_count), (b, b_count)| {
        b_count
            .cmp(a_count)
            .then_with(|| a.to_lowercase().cmp(&b.to_lowercase()))
    });
    teams
}

fn person_zone<'a>(person: &Person, zones: &'a dyn TimeZones) -> Option<Zone<'a>> {
    Zone::find(zones, person.time_zone.as_deref()?)
}

fn activity(review: &Review, person: &Person, zone: &Zone) -> PersonActivity {
    let events: Vec<&TimelineEvent> = review
        .timeline
        .iter()
        .filter(|e| e.actor.as_ref() == Some(&person.id))
        .collect();
    let raised: Vec<Option<Timestamp>> = review
        .hypotheses
        .iter()
        .filter(|h| h.raised_by.as_ref() == Some(&person.id))
        .map(|h| raised_at(review, h))
        .collect();

    let starts = events.iter().filter_map(|e| e.clock_time());
    let ends = events.iter().filter_map(|e| e.end.or(e.clock_time()));
    let raised_times = raised.iter().flatten().copied();
    let first_involvement = starts.chain(raised_times.clone()).min();
    let last_activity = ends.chain(raised_times).max();

    PersonActivity {
        person: person.id.clone(),
        first_involvement,
        last_activity,
        event_count: events.len(),
        active_span: first_involvement.zip(last_activity).map(|(f, l)| l - f),
        night_events: events
            .iter()
            .filter_map(|e| e.clock_time())
            .filter(|at| is_local_night(at, zone))
            .count(),
        other_incident_events: events.iter().filter(|e| is_other_incident(e)).count(),
        hypotheses_raised: raised.len(),
    }
}

fn is_other_incident(event: &TimelineEvent) -> bool {
    event.tags.iter().any(|tag| {
        OTHER_INCIDENT_TAGS
            .iter()
            .any(|other| tag.trim().eq_ignore_ascii_case(other))
    })
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::model::Hypothesis;
    use crate::testing::at;
    use crate::time::BundledZones;

    fn zone(name: &str) -> Zone<'static> {
        Zone::find(&BundledZones, name).unwrap()
    }

    fn person(id: &str, team: &str, time_zone: Option<&str>) -> Person {
        Person {
            id: EntityId::new(id),
            name: id.to_owned(),
            team: team.to_owned(),
            time_zone: time_zone.map(str::to_owned),
            ..Person::default()
        }
    }

    fn acted(id: &str, actor: &str, when: &str) -> TimelineEvent {
        TimelineEvent {
            id: EntityId::new(id),
            actor: Some(EntityId::new(actor)),
            at: Some(at(when)),
            ..TimelineEvent::default()
        }
    }

    fn review(people: Vec<Person>, timeline: Vec<TimelineEvent>) -> Review {
        let mut review = Review::default();
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.people = people;
        review.timeline = timeline;
        review
    }

    fn activity_of<'a>(all: &'a [PersonActivity], id: &str) -> &'a PersonActivity {
        all.iter().find(|a| a.person.as_str() == id).unwrap()
    }

    #[test]
    fn night_is_read_on_the_given_clock() {
        // 11:00 UTC is 03:00 in Los Angeles and 12:00 in Berlin.
        let page = at("2019-11-06T11:00:00Z");
        assert!(is_local_night(&page, &zone("America/Los_Angeles")));
        assert!(!is_local_night(&page, &zone("Europe/Berlin")));
    }

    #[test]
    fn night_boundaries() {
        let utc = zone("UTC");
        assert!(is_local_night(&at("2019-11-06T22:00:00Z"), &utc));
        assert!(is_local_night(&at("2019-11-06T05:59:59Z"), &utc));
        assert!(!is_local_night(&at("2019-11-06T06:00:00Z"), &utc));
        assert!(!is_local_night(&at("2019-11-06T21:59:59Z"), &utc));
    }

    #[test]
    fn night_events_use_each_persons_own_zone_else_the_reviews() {
        let review = review(
            vec![
                person("ana", "ingest", Some("America/Los_Angeles")),
                person("ben", "platform", Some("Europe/Berlin")),
                person("cy", "ingest", None),
                person("dee", "ingest", Some("Mars/Olympus")),
            ],
            vec![
                acted("1", "ana", "2019-11-06T11:00:00Z"),
                acted("2", "ben", "2019-11-06T11:00:00Z"),
                acted("3", "cy", "2019-11-06T11:00:00Z"),
                acted("4", "dee", "2019-11-06T11:00:00Z"),
            ],
        );
        let all = people_activity(&review, &BundledZones);
        assert_eq!(activity_of(&all, "ana").night_events, 1);
        assert_eq!(activity_of(&all, "ben").night_events, 0);
        // No zone of their own, or one the host doesn't know: the review's Los Angeles clock.
        assert_eq!(activity_of(&all, "cy").night_events, 1);
        assert_eq!(activity_of(&all, "dee").night_events, 1);
    }

    #[test]
    fn counts_spans_and_order() {
        let mut untimed = acted("3", "ana", "2019-11-06T11:00:00Z");
        untimed.at = None;
        let mut long = acted("4", "ana", "2019-11-06T12:00:00Z");
        long.end = Some(at("2019-11-06T13:30:00Z"));
        // Known only to its day: counted, but its midnight is not when Ana acted.
        let mut day_only = acted("5", "ana", "2019-11-06T00:00:00Z");
        day_only.time_known = crate::model::TimeKnown::Day;
        let review = review(
            vec![person("ben", "", None), person("ana", "", None)],
            vec![
                acted("1", "ana", "2019-11-06T11:00:00Z"),
                acted("2", "ben", "2019-11-06T11:05:00Z"),
                untimed,
                long,
                day_only,
            ],
        );
        let all = people_activity(&review, &BundledZones);
        assert_eq!(
            all.iter().map(|a| a.person.as_str()).collect::<Vec<_>>(),
            ["ben", "ana"]
        );
        let ana = activity_of(&all, "ana");
        assert_eq!(ana.event_count, 4);
        // 11:00Z and 12:00Z are 03:00 and 04:00 in Los Angeles; the day-only one is not a night.
        assert_eq!(ana.night_events, 2);
        assert_eq!(ana.first_involvement, Some(at("2019-11-06T11:00:00Z")));
        assert_eq!(ana.last_activity, Some(at("2019-11-06T13:30:00Z")));
        assert_eq!(ana.active_span, Some(TimeDelta::minutes(150)));
        let ben = activity_of(&all, "ben");
        assert_eq!(ben.event_count, 1);
        assert_eq!(ben.active_span, Some(TimeDelta::zero()));
    }

    #[test]
    fn someone_with_nothing_recorded_has_no_times() {
        let review = review(vec![person("ana", "", None)], Vec::new());
        let all = people_activity(&review, &BundledZones);
        assert_eq!(
            all[0],
            PersonActivity {
                person: EntityId::new("ana"),
                first_involvement: None,
                last_activity: None,
                event_count: 0,
                active_span: None,
                night_events: 0,
                other_incident_events: 0,
                hypotheses_raised: 0,
            }
        );
    }

    #[test]
    fn a_hypothesis_raised_before_their_first_event_starts_their_involvement() {
        let mut review = review(
            vec![person("ana", "", None)],
            vec![acted("1", "ana", "2019-11-06T11:30:00Z")],
        );
        review.hypotheses = vec![
            Hypothesis {
                id: EntityId::new("h1"),
                raised_by: Some(EntityId::new("ana")),
                raised_at: Some(at("2019-11-06T11:10:00Z")),
                ..Hypothesis::default()
            },
            Hypothesis {
                id: EntityId::new("h2"),
                raised_by: Some(EntityId::new("ana")),
                ..Hypothesis::default()
            },
            Hypothesis {
                id: EntityId::new("h3"),
                raised_by: Some(EntityId::new("someone-else")),
                raised_at: Some(at("2019-11-06T10:00:00Z")),
                ..Hypothesis::default()
            },
        ];
        let all = people_activity(&review, &BundledZones);
        assert_eq!(all[0].hypotheses_raised, 2);
        assert_eq!(all[0].first_involvement, Some(at("2019-11-06T11:10:00Z")));
        assert_eq!(all[0].last_activity, Some(at("2019-11-06T11:30:00Z")));
        assert_eq!(all[0].active_span, Some(TimeDelta::minutes(20)));
    }

    #[test]
    fn other_incident_and_page_tags_count_in_any_case() {
        let tagged = |id: &str, tags: &[&str]| TimelineEvent {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..acted(id, "ana", "2019-11-06T11:00:00Z")
        };
        let review = review(
            vec![person("ana", "", None)],
            vec![
                tagged("1", &["Other-Incident"]),
                tagged("2", &["db", "PAGE"]),
                tagged("3", &["paged", "incident"]),
                tagged("4", &[]),
            ],
        );
        let all = people_activity(&review, &BundledZones);
        assert_eq!(all[0].other_incident_events, 2);
        assert_eq!(all[0].event_count, 4);
    }

    #[test]
    fn teams_group_ignoring_case_and_spaces_most_people_first() {
        let review = review(
            vec![
                person("a", "Platform", None),
                person("b", "ingest", None),
                person("c", " Ingest ", None),
                person("d", "", None),
                person("e", "   ", None),
                person("f", "database", None),
                person("g", "INGEST", None),
            ],
            Vec::new(),
        );
        assert_eq!(
            teams(&review),
            [
                ("ingest".to_owned(), 3),
                ("database".to_owned(), 1),
                ("Platform".to_owned(), 1),
            ]
        );
    }
}
