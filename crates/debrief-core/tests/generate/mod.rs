//! Valid reviews for property tests, built valid by construction rather than by filtering,
//! so every case exercises the whole load path instead of being rejected by validation.
//! Shared by the round-trip and journal tests.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Utc};
use debrief_core::model::{
    ActionItem, ActionKind, ActionStatus, Analyst, ChangeKind, ContributingFactor,
    DeepAnalysisCriteria, DeepAnalysisCriterion, DismissedFinding, EntityId, EventKind, Evidence,
    EvidenceStance, FactorCategory, Hypothesis, HypothesisStatus, Impact, ImpactWindow,
    IncidentRole, IncidentWindow, Interview, KeptAsWritten, Learnings, Note, ParticipantKind,
    Person, PromptNote, Quote, Redaction, Review, ReviewId, ReviewStatus, ReviewTemplate,
    SourceKind, TimeKnown, TimelineEvent, TimelineSource, Timestamp, TranscriptLink, Trigger,
    TriggerClass, Visibility,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Picks any variant of an enum that has no `ALL` list. The exhaustive match turns a new
/// variant into a compile error here, so the generator cannot silently stop covering the enum.
macro_rules! any_variant {
    ($ty:ident { $($variant:ident),+ $(,)? }) => {{
        #[allow(dead_code)]
        fn exhaustive(value: $ty) {
            match value {
                $($ty::$variant)|+ => {}
            }
        }
        select(vec![$($ty::$variant),+])
    }};
}

/// Text that has broken serialisers and HTML exports before; random strings rarely hit it.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\"double\" and 'single' quotes",
    "<b>bold</b> & </script><script>alert(1)</script>",
    "]]></svg><!-- -->",
    "🔥🚒 on fire 👩‍💻 🇩🇪",
    "back\\slash \\u0000 \\n",
    "\u{0}\u{1}\u{1f}\u{7f}",
    "line\u{2028}sep\u{2029}para",
    "\u{feff}byte order mark",
    "e\u{301} is not é",
    "\u{202e}right to left",
    "\r\n\t",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP",
];

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "\\PC{0,40}",
        1 => select(TRICKY).prop_map(str::to_owned),
    ]
    .boxed()
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..4)
}

/// The part before the first `:` is the section letter plus index, unique across the review;
/// the arbitrary tail after it cannot make two ids collide, yet puts Unicode into ids too.
fn id(key: String) -> impl Strategy<Value = EntityId> {
    text().prop_map(move |tail| EntityId::new(format!("{key}:{tail}")))
}

fn ids(letter: &'static str, max: usize) -> impl Strategy<Value = Vec<EntityId>> {
    (0..=max).prop_flat_map(move |count| {
        (0..count)
            .map(|index| id(format!("{letter}{index}")))
            .collect::<Vec<_>>()
    })
}

/// A fixed-length list whose `i`th element is generated knowing `i`, for entries whose id
/// nothing else refers to.
fn indexed<S, F>(max: usize, element: F) -> impl Strategy<Value = Vec<S::Value>>
where
    S: Strategy,
    F: Fn(usize) -> S + 'static,
{
    (0..=max).prop_flat_map(move |count| (0..count).map(&element).collect::<Vec<_>>())
}

/// An optional reference to one of `ids`; `None` when there is nothing to refer to.
fn reference(ids: &[EntityId]) -> BoxedStrategy<Option<EntityId>> {
    if ids.is_empty() {
        Just(None).boxed()
    } else {
        option::of(select(ids.to_vec())).boxed()
    }
}

fn references(ids: &[EntityId]) -> BoxedStrategy<Vec<EntityId>> {
    if ids.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        vec(select(ids.to_vec()), 0..4).boxed()
    }
}

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/Los_Angeles",
    "America/St_Johns",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    // Validation checks only that a name is well-formed (databases differ between hosts),
    // so a name no database spells this way must still survive untouched.
    "europe/berlin",
    "Etc/GMT+5",
];

fn zone() -> impl Strategy<Value = String> {
    select(ZONES).prop_map(str::to_owned)
}

/// Whole minutes only: RFC 3339 has no seconds in offsets, so no stored value can have them.
fn offset() -> impl Strategy<Value = FixedOffset> {
    prop_oneof![
        // Real offsets, including the half- and three-quarter-hour ones.
        select(vec![
            -720, -570, -480, -420, -300, -210, 0, 60, 330, 345, 390, 525, 570, 765, 840
        ]),
        (-48..=56i32).prop_map(|quarters| quarters * 15),
    ]
    .prop_map(|minutes| FixedOffset::east_opt(minutes * 60).expect("within a day"))
}

/// Whole milliseconds, or none: what a person or a chat export records. chrono writes the
/// shortest exact fraction, so these come back bit for bit.
fn millis() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 0..1000u32]
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000-01-01 to 2050-01-01: well inside the four-digit years RFC 3339 allows.
    (946_684_800i64..2_524_608_000, millis()).prop_map(|(seconds, millis)| {
        DateTime::from_timestamp(seconds, millis * 1_000_000).expect("in range")
    })
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (instant(), offset()).prop_map(|(instant, offset)| instant.with_timezone(&offset))
}

/// A start and an end, either possibly missing, never ending before starting. The end gets
/// its own offset: an incident can start in one recorded zone and end in another.
fn span() -> impl Strategy<Value = (Option<Timestamp>, Option<Timestamp>)> {
    let duration = prop_oneof![Just(0i64), 0..3 * 24 * 3_600_000i64];
    (
        option::of(timestamp()),
        option::of((duration, offset())),
        timestamp(),
    )
        .prop_map(|(start, end, lone_end)| match (start, end) {
            (Some(start), Some((millis, offset))) => {
                let end = start + TimeDelta::milliseconds(millis);
                (Some(start), Some(end.with_timezone(&offset)))
            }
            (start, Some(_)) => (start, Some(lone_end)),
            (start, None) => (start, None),
        })
}

/// How well a time is known, as a choice applied to the time by [`known_for`]: a between's
/// upper bound is never before it.
fn known() -> impl Strategy<Value = (usize, i64)> {
    (0..6usize, 0..3 * 3_600_000i64)
}

fn known_for(at: Option<Timestamp>, (variant, millis): (usize, i64)) -> TimeKnown {
    match (at, variant) {
        (None, _) | (_, 0) => TimeKnown::Exact,
        (_, 1) => TimeKnown::About,
        (_, 2) => TimeKnown::Before,
        (_, 3) => TimeKnown::After,
        (_, 4) => TimeKnown::Day,
        (Some(at), _) => TimeKnown::Between {
            latest: at + TimeDelta::milliseconds(millis),
        },
    }
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
    (first.num_days_from_ce()..=last.num_days_from_ce())
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in range"))
}

/// http(s) links as validation accepts them: any letter case in the scheme, any
/// non-whitespace after the host, and surrounding spaces that validation trims but the
/// document keeps.
fn web_link() -> impl Strategy<Value = String> {
    (
        select(vec!["https", "http", "HTTPS", "Https"]),
        "[a-z0-9-]{1,12}(\\.[a-z]{2,6}){0,2}(:[0-9]{1,5})?",
        "(/[^\\s]{0,16}){0,3}",
        select(vec!["", " "]),
    )
        .prop_map(|(scheme, host, path, pad)| format!("{pad}{scheme}://{host}{path}{pad}"))
}

fn visibility() -> impl Strategy<Value = Visibility> {
    any_variant!(Visibility { Internal, Public })
}

fn person(id: EntityId) -> impl Strategy<Value = Person> {
    (
        text(),
        vec(select(&IncidentRole::ALL[..]), 0..4),
        text(),
        option::of(any::<u32>()),
        text(),
        option::of(zone()),
        text(),
        (select(&ParticipantKind::ALL[..]), any::<bool>()),
    )
        .prop_map(
            move |(
                name,
                roles,
                team,
                tenure_months,
                on_call_for,
                time_zone,
                notes,
                (kind, private),
            )| Person {
                id: id.clone(),
                name,
                kind,
                private,
                roles,
                team,
                tenure_months,
                on_call_for,
                time_zone,
                notes,
            },
        )
}

fn event(id: EntityId, people: &[EntityId]) -> impl Strategy<Value = TimelineEvent> {
    let source = (
        any_variant!(SourceKind {
            Chat,
            Alert,
            Deploy,
            Ticket,
            PullRequest,
            Dashboard,
            Interview,
            Note,
        }),
        option::of(web_link()),
        option::of((text(), vec(text(), 1..3))),
    )
        .prop_map(|(kind, link, transcript)| TimelineSource {
            kind,
            link,
            transcript: transcript.map(|(transcript_id, message_ids)| TranscriptLink {
                transcript_id,
                message_ids,
            }),
        });
    (
        span(),
        known(),
        text(),
        select(&EventKind::ALL[..]),
        reference(people),
        source,
        texts(),
        any::<bool>(),
        visibility(),
    )
        .prop_map(
            move |((at, end), known, text, kind, actor, source, tags, key, visibility)| {
                TimelineEvent {
                    id: id.clone(),
                    at,
                    time_known: known_for(at, known),
                    end,
                    text,
                    kind,
                    actor,
                    source,
                    tags,
                    key,
                    visibility,
                }
            },
        )
}

fn hypothesis(
    index: usize,
    people: &[EntityId],
    events: &[EntityId],
) -> impl Strategy<Value = Hypothesis> {
    let evidence = {
        let events = events.to_vec();
        indexed(3, move |item| {
            (
                id(format!("h{index}-v{item}")),
                any_variant!(EvidenceStance { For, Against }),
                text(),
                reference(&events),
            )
                .prop_map(|(id, stance, text, event)| Evidence {
                    id,
                    stance,
                    text,
                    event,
                })
        })
    };
    (
        (
            id(format!("h{index}")),
            text(),
            reference(people),
            option::of(timestamp()),
            reference(events),
        ),
        (
            text(),
            evidence,
            any_variant!(HypothesisStatus {
                Open,
                Supported,
                Falsified,
                Abandoned,
            }),
            option::of(timestamp()),
            visibility(),
        ),
    )
        .prop_map(
            |(
                (id, statement, raised_by, raised_at, raised_in_event),
                (disproof, evidence, status, status_changed_at, visibility),
            )| Hypothesis {
                id,
                statement,
                raised_by,
                raised_at,
                raised_in_event,
                disproof,
                evidence,
                status,
                status_changed_at,
                visibility,
            },
        )
}

fn factor(id: EntityId, events: &[EntityId]) -> impl Strategy<Value = ContributingFactor> {
    (
        text(),
        select(&FactorCategory::ALL[..]),
        references(events),
        texts(),
        visibility(),
    )
        .prop_map(move |(description, category, events, tags, visibility)| {
            ContributingFactor {
                id: id.clone(),
                description,
                category,
                events,
                tags,
                visibility,
            }
        })
}

fn notes(letter: &'static str, events: &[EntityId]) -> impl Strategy<Value = Vec<Note>> {
    let events = events.to_vec();
    indexed(3, move |index| {
        (
            id(format!("{letter}{index}")),
            text(),
            references(&events),
            visibility(),
        )
            .prop_map(|(id, text, events, visibility)| Note {
                id,
                text,
                events,
                visibility,
            })
    })
}

fn learnings(events: &[EntityId]) -> impl Strategy<Value = Learnings> {
    (
        notes("lw", events),
        notes("ll", events),
        notes("ld", events),
    )
        .prop_map(|(went_well, got_lucky, difficult)| Learnings {
            went_well,
            got_lucky,
            difficult,
        })
}

fn interview(index: usize, people: &[EntityId]) -> impl Strategy<Value = Interview> {
    let prompt_notes = vec(
        (text(), text()).prop_map(|(prompt, note)| PromptNote { prompt, note }),
        0..3,
    );
    let quotes = indexed(3, move |item| {
        (id(format!("i{index}-q{item}")), text(), visibility()).prop_map(
            |(id, text, visibility)| Quote {
                id,
                text,
                visibility,
            },
        )
    });
    (
        id(format!("i{index}")),
        reference(people),
        option::of(date()),
        text(),
        prompt_notes,
        quotes,
        text(),
    )
        .prop_map(
            |(id, participant, date, interviewer, prompt_notes, quotes, notes)| Interview {
                id,
                participant,
                date,
                interviewer,
                prompt_notes,
                quotes,
                notes,
            },
        )
}

fn action(index: usize, factors: &[EntityId]) -> impl Strategy<Value = ActionItem> {
    (
        id(format!("a{index}")),
        text(),
        text(),
        option::of(date()),
        any_variant!(ActionKind {
            Detect,
            Mitigate,
            Prevent,
            LearnOrTrain,
            Document,
            Process,
        }),
        any_variant!(ActionStatus {
            Open,
            InProgress,
            Done,
            WontDo,
        }),
        option::of(web_link()),
        references(factors),
    )
        .prop_map(
            |(id, description, owner, due, kind, status, tracker_link, factors)| ActionItem {
                id,
                description,
                owner,
                due,
                kind,
                status,
                tracker_link,
                factors,
            },
        )
}

/// The review's own metadata, gathered into one value because proptest tuples stop at twelve
/// elements and a review has more fields than that.
#[derive(Debug, Clone)]
struct Header {
    id: ReviewId,
    title: String,
    status: ReviewStatus,
    template: ReviewTemplate,
    severity: String,
    services: Vec<String>,
    tags: Vec<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn header() -> impl Strategy<Value = Header> {
    (
        text().prop_map(|tail| ReviewId::new(format!("r:{tail}"))),
        text(),
        select(&ReviewStatus::ALL[..]),
        select(&ReviewTemplate::ALL[..]),
        text(),
        texts(),
        texts(),
        instant(),
        instant(),
    )
        .prop_map(
            |(id, title, status, template, severity, services, tags, created_at, updated_at)| {
                Header {
                    id,
                    title,
                    status,
                    template,
                    severity,
                    services,
                    tags,
                    created_at,
                    updated_at,
                }
            },
        )
}

fn overview() -> impl Strategy<Value = (IncidentWindow, String, Impact, Analyst, Trigger)> {
    let incident =
        (span(), known(), zone()).prop_map(|((start, end), known, time_zone)| IncidentWindow {
            start,
            start_known: known_for(start, known),
            end,
            time_zone,
        });
    let impact = (
        text(),
        indexed(3, |index| {
            (id(format!("w{index}")), span(), text(), text()).prop_map(
                |(id, (start, end), affected, magnitude)| ImpactWindow {
                    id,
                    start,
                    end,
                    affected,
                    magnitude,
                },
            )
        }),
        vec(text(), 0..3),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(statement, windows, environments, customer_facing, caught_before_production)| {
                Impact {
                    statement,
                    windows,
                    environments,
                    customer_facing,
                    caught_before_production,
                }
            },
        );
    let analyst = (text(), any::<bool>()).prop_map(|(name, took_part_in_incident)| Analyst {
        name,
        took_part_in_incident,
    });
    let trigger = (
        select(&TriggerClass::ALL[..]),
        option::of(select(&ChangeKind::ALL[..])),
        text(),
    )
        .prop_map(|(class, change_kind, description)| Trigger {
            class,
            change_kind,
            description,
        });
    (incident, text(), impact, analyst, trigger)
}

fn deep_analysis() -> impl Strategy<Value = DeepAnalysisCriteria> {
    (
        subsequence(
            DeepAnalysisCriterion::ALL.to_vec(),
            0..=DeepAnalysisCriterion::ALL.len(),
        )
        .prop_shuffle(),
        text(),
    )
        .prop_map(|(met, notes)| DeepAnalysisCriteria { met, notes })
}

fn redactions() -> impl Strategy<Value = Vec<Redaction>> {
    vec(
        (text(), text()).prop_map(|(term, replacement)| Redaction { term, replacement }),
        0..3,
    )
}

fn kept_as_written() -> impl Strategy<Value = Vec<KeptAsWritten>> {
    vec(
        (text(), text()).prop_map(|(term, sentence)| KeptAsWritten { term, sentence }),
        0..3,
    )
}

fn dismissed_findings() -> impl Strategy<Value = Vec<DismissedFinding>> {
    vec(
        (text(), text()).prop_map(|(field, phrase)| DismissedFinding { field, phrase }),
        0..3,
    )
}

/// The ids other sections link to are drawn first, so every link can point at a real entry.
pub fn review() -> impl Strategy<Value = Review> {
    (ids("p", 3), ids("e", 5), ids("f", 3)).prop_flat_map(|(people, events, factors)| {
        let people_section = people
            .iter()
            .map(|id| person(id.clone()))
            .collect::<Vec<_>>();
        let timeline = events
            .iter()
            .map(|id| event(id.clone(), &people))
            .collect::<Vec<_>>();
        let factor_section = factors
            .iter()
            .map(|id| factor(id.clone(), &events))
            .collect::<Vec<_>>();
        let hypotheses = {
            let (people, events) = (people.clone(), events.clone());
            indexed(3, move |index| hypothesis(index, &people, &events))
        };
        let interviews = {
            let people = people.clone();
            indexed(2, move |index| interview(index, &people))
        };
        let actions = {
            let factors = factors.clone();
            indexed(3, move |index| action(index, &factors))
        };
        (
            header(),
            overview(),
            people_section,
            timeline,
            hypotheses,
            factor_section,
            learnings(&events),
            interviews,
            actions,
            deep_analysis(),
            (redactions(), dismissed_findings(), kept_as_written()),
        )
            .prop_map(
                |(
                    header,
                    (incident, summary, impact, analyst, trigger),
                    people,
                    timeline,
                    hypotheses,
                    factors,
                    learnings,
                    interviews,
                    actions,
                    deep_analysis,
                    (redactions, dismissed_findings, kept_as_written),
                )| Review {
                    id: header.id,
                    title: header.title,
                    status: header.status,
                    template: header.template,
                    severity: header.severity,
                    services: header.services,
                    tags: header.tags,
                    created_at: header.created_at,
                    updated_at: header.updated_at,
                    incident,
                    summary,
                    impact,
                    analyst,
                    trigger,
                    people,
                    timeline,
                    hypotheses,
                    factors,
                    learnings,
                    interviews,
                    actions,
                    deep_analysis,
                    redactions,
                    dismissed_findings,
                    kept_as_written,
                },
            )
    })
}
