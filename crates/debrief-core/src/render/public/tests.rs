use super::looks_private::*;
use super::prepublish::*;
use super::*;
use crate::document::load;
use crate::model::{Redaction, ReviewId, ReviewTemplate};
use crate::testing::{at, empty_review, id};
use crate::validate::validate_review;

const V1: &str = include_str!("../../../tests/fixtures/review-v1.json");
const V3: &str = include_str!("../../../tests/fixtures/review-v3.json");

fn fixture() -> Review {
    load(V1).expect("the v1 fixture loads")
}

fn person(key: &str, name: &str, roles: &[IncidentRole]) -> Person {
    Person {
        id: id(key),
        name: name.to_owned(),
        roles: roles.to_vec(),
        ..Person::default()
    }
}

fn event(key: &str, text: &str, visibility: Visibility) -> TimelineEvent {
    TimelineEvent {
        id: id(key),
        text: text.to_owned(),
        visibility,
        ..TimelineEvent::default()
    }
}

fn redaction(term: &str, replacement: &str) -> Redaction {
    Redaction {
        term: term.to_owned(),
        replacement: replacement.to_owned(),
    }
}

#[test]
fn initials_organisations_and_private_reporters_read_right_in_public() {
    let review: Review = load(V3).unwrap();
    let public = public_view(&review);
    let text = |id: &str| {
        public
            .timeline
            .iter()
            .find(|e| e.id.as_str() == id)
            .unwrap()
            .text
            .clone()
    };
    // "AN" is a responder's initials; "an update" is not them.
    assert_eq!(
        text("e5"),
        "Outside reporter A reports rejected telemetry; Responder B confirms it coincided \
         with an update."
    );
    // An organisation acts in the timeline under its own name.
    assert_eq!(
        text("e6"),
        "AWS answers the support case: no known load balancer issue."
    );
    let names: Vec<&str> = public.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "On-call engineer",
            "Responder A",
            "Responder B",
            "AWS",
            "Outside reporter A"
        ]
    );

    let check = prepublish_check(&review);
    let made: Vec<(&str, &str)> = check
        .replacements
        .iter()
        .map(|r| (r.found.as_str(), r.replacement.as_str()))
        .collect();
    assert!(made.contains(&("AN", "Responder B")), "{made:?}");
    assert!(
        made.contains(&("Globex Corp", "Outside reporter A")),
        "{made:?}"
    );
    assert!(!made.iter().any(|(found, _)| *found == "AWS"), "{made:?}");
    assert!(
        check.flagged.iter().all(|f| !f.excerpt.contains("AWS")),
        "{:?}",
        check.flagged
    );
}

#[test]
fn a_name_kept_as_written_is_published_and_not_flagged() {
    let mut review: Review = load(V3).unwrap();
    let check = prepublish_check(&review);
    let an = check
        .replacements
        .iter()
        .find(|r| r.found == "AN")
        .expect("AN is replaced");
    review.kept_as_written.push(an.keep_decision());
    let public = public_view(&review);
    assert!(public
        .timeline
        .iter()
        .any(|e| e.text.contains("; AN confirms")));
    let check = prepublish_check(&review);
    assert!(check.replacements.iter().any(|r| r.found == "AN" && r.kept));
    assert!(
        !check
            .flagged
            .iter()
            .any(|f| f.excerpt.contains("AN confirms")),
        "{:?}",
        check.flagged
    );
}

#[test]
fn the_fixture_keeps_only_public_entries_and_still_validates() {
    let review = fixture();
    let public = public_view(&review);
    assert_eq!(validate_review(&public), Vec::new());
    let ids = |events: &[TimelineEvent]| -> Vec<String> {
        events.iter().map(|e| e.id.to_string()).collect()
    };
    assert_eq!(ids(&public.timeline), ["e1", "e3", "e4"]);
    assert_eq!(public.factors.len(), 1);
    assert!(public.learnings.difficult.is_empty());
    // The only interview has no public quote, so nothing of it is left.
    assert!(public.interviews.is_empty());
    assert_eq!(public.analyst.name, "");
    assert!(public.redactions.is_empty());
    assert_eq!(public.deep_analysis.notes, "");
    assert_eq!(public.deep_analysis.met, review.deep_analysis.met);
    assert!(public.people.iter().all(|p| p.notes.is_empty()));
    assert!(public.timeline.iter().all(|e| e.source.link.is_none()));
    assert!(public.actions.iter().all(|a| a.tracker_link.is_none()));
    // The action addressed a public factor, so its link stays.
    assert_eq!(public.actions[0].factors, [id("f1")]);
}

#[test]
fn links_to_dropped_entries_go_but_the_hypothesis_keeps_its_time() {
    let mut review = empty_review();
    review.timeline = vec![
        TimelineEvent {
            at: Some(at("2019-11-06T03:00:00-08:00")),
            ..event("secret", "internal", Visibility::Internal)
        },
        event("open", "public", Visibility::Public),
    ];
    review.hypotheses = vec![Hypothesis {
        id: id("h"),
        raised_in_event: Some(id("secret")),
        evidence: vec![
            Evidence {
                id: id("ev-secret"),
                event: Some(id("secret")),
                ..Evidence::default()
            },
            Evidence {
                id: id("ev-open"),
                event: Some(id("open")),
                ..Evidence::default()
            },
        ],
        visibility: Visibility::Public,
        ..Hypothesis::default()
    }];
    review.factors = vec![
        ContributingFactor {
            id: id("f-secret"),
            ..ContributingFactor::default()
        },
        ContributingFactor {
            id: id("f-open"),
            events: vec![id("secret"), id("open")],
            visibility: Visibility::Public,
            ..ContributingFactor::default()
        },
    ];
    review.learnings.went_well = vec![Note {
        id: id("n"),
        events: vec![id("secret")],
        visibility: Visibility::Public,
        ..Note::default()
    }];
    review.actions = vec![ActionItem {
        id: id("a"),
        factors: vec![id("f-secret"), id("f-open")],
        ..ActionItem::default()
    }];
    let public = public_view(&review);
    assert_eq!(validate_review(&public), Vec::new());
    let hypothesis = &public.hypotheses[0];
    assert_eq!(hypothesis.raised_in_event, None);
    assert_eq!(hypothesis.raised_at, Some(at("2019-11-06T03:00:00-08:00")));
    assert_eq!(hypothesis.evidence[0].event, None);
    assert_eq!(hypothesis.evidence[1].event, Some(id("open")));
    assert_eq!(public.factors[0].events, [id("open")]);
    assert!(public.learnings.went_well[0].events.is_empty());
    assert_eq!(public.actions[0].factors, [id("f-open")]);
    let check = prepublish_check(&review);
    assert!(
        check
            .removed
            .contains(&"5 links to removed entries".to_owned()),
        "{:?}",
        check.removed
    );
}

#[test]
fn aliases_follow_first_roles_and_are_deterministic() {
    use IncidentRole::*;
    let people = vec![
        person("a", "Ana", &[OnCall, IncidentCommander]),
        person("b", "Ben", &[Responder]),
        person("c", "Cy", &[]),
        person("d", "Dee", &[Responder, Observer]),
        person("e", "Eve", &[IncidentCommander]),
        person("f", "Fay", &[]),
    ];
    let aliases = public_aliases(&people);
    assert_eq!(
        aliases,
        [
            "On-call engineer",
            "Responder A",
            "Engineer A",
            "Responder B",
            "Incident commander",
            "Engineer B"
        ]
    );
    assert_eq!(public_aliases(&people), aliases);
    let mut review = empty_review();
    review.people = people;
    assert_eq!(public_view(&review), public_view(&review));
    assert_eq!(letters(25), "Z");
    assert_eq!(letters(26), "AA");
    assert_eq!(letters(27), "AB");
    assert_eq!(letters(26 * 27), "AAA");
}

#[test]
fn names_in_free_text_become_aliases() {
    let mut review = empty_review();
    review.people = vec![
        person("p1", "Avery Lee", &[IncidentRole::OnCall]),
        person("p2", "Alex Kim", &[]),
        person("p3", "Alex Ng", &[]),
    ];
    review.summary = "AVERY LEE paged Alex Kim; Avery's laptop died. Lee agreed. \
                      Alexander and Alex waited. Also fine."
        .to_owned();
    let public = public_view(&review);
    assert_eq!(
        public.summary,
        "On-call engineer paged Engineer A; On-call engineer's laptop died. \
         On-call engineer agreed. Alexander and Alex waited. Also fine."
    );
    assert_eq!(public.people[0].name, "On-call engineer");
    // "Alex" belongs to two people: it cannot be aliased, so the check flags it.
    let check = prepublish_check(&review);
    let names: Vec<&str> = check
        .flagged
        .iter()
        .filter(|f| f.kind == PrivateKind::PersonName)
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(names.len(), 1, "{:?}", check.flagged);
    assert!(names[0].contains("Alex waited"));
}

#[test]
fn redactions_are_case_insensitive_and_longest_first() {
    let mut review = empty_review();
    review.redactions = vec![
        redaction("ingest", "the pipeline"),
        redaction("Ingest-7.internal", "an ingest host"),
        redaction("  ", "never applied"),
    ];
    review.title = "INGEST-7.INTERNAL ran out of memory".to_owned();
    review.services = vec!["Ingest".to_owned()];
    review.tags = vec!["ingest-api".to_owned()];
    review.timeline = vec![event(
        "e",
        "ingest-7.Internal restarted; ingest recovered",
        Visibility::Public,
    )];
    let public = public_view(&review);
    assert_eq!(public.title, "an ingest host ran out of memory");
    assert_eq!(public.services, ["the pipeline"]);
    assert_eq!(public.tags, ["the pipeline-api"]);
    // The replacement "an ingest host" contains a term; it is not replaced again.
    assert_eq!(
        public.timeline[0].text,
        "an ingest host restarted; the pipeline recovered"
    );
}

#[test]
fn redactions_reach_every_kept_text_field() {
    let mut review = empty_review();
    review.redactions = vec![redaction("acme", "ORG")];
    let t = |s: &str| format!("{s} acme");
    review.title = t("title");
    review.severity = t("sev");
    review.summary = t("summary");
    review.impact.statement = t("impact");
    review.impact.windows = vec![ImpactWindow {
        id: id("w"),
        affected: t("affected"),
        magnitude: t("magnitude"),
        ..ImpactWindow::default()
    }];
    review.trigger.description = t("trigger");
    review.people = vec![Person {
        team: t("team"),
        on_call_for: t("on call"),
        ..person("p", "Pat", &[])
    }];
    review.hypotheses = vec![Hypothesis {
        id: id("h"),
        statement: t("statement"),
        disproof: t("disproof"),
        evidence: vec![Evidence {
            id: id("ev"),
            text: t("evidence"),
            ..Evidence::default()
        }],
        visibility: Visibility::Public,
        ..Hypothesis::default()
    }];
    review.factors = vec![ContributingFactor {
        id: id("f"),
        description: t("factor"),
        tags: vec![t("tag")],
        visibility: Visibility::Public,
        ..ContributingFactor::default()
    }];
    review.interviews = vec![Interview {
        id: id("i"),
        quotes: vec![Quote {
            id: id("q"),
            text: t("quote"),
            visibility: Visibility::Public,
        }],
        ..Interview::default()
    }];
    review.actions = vec![ActionItem {
        id: id("a"),
        description: t("action"),
        owner: t("owner"),
        ..ActionItem::default()
    }];
    let public = public_view(&review);
    let texts = labelled_texts(&public);
    assert!(texts.len() >= 17, "{texts:?}");
    for (field, text) in texts {
        assert!(!text.to_lowercase().contains("acme"), "{field}: {text}");
    }
}

#[test]
fn interviews_survive_only_as_carriers_of_public_quotes() {
    let mut review = empty_review();
    review.people = vec![person("p", "Pat Doe", &[IncidentRole::Responder])];
    review.interviews = vec![
        Interview {
            id: id("i1"),
            participant: Some(id("p")),
            interviewer: "Sam".into(),
            prompt_notes: vec![crate::model::PromptNote {
                prompt: "What was normal?".into(),
                note: "private note".into(),
            }],
            quotes: vec![
                Quote {
                    id: id("q1"),
                    text: "Pat Doe said it fit.".into(),
                    visibility: Visibility::Public,
                },
                Quote {
                    id: id("q2"),
                    text: "off the record".into(),
                    visibility: Visibility::Internal,
                },
            ],
            notes: "tired".into(),
            ..Interview::default()
        },
        Interview {
            id: id("i2"),
            notes: "nothing public".into(),
            ..Interview::default()
        },
    ];
    let public = public_view(&review);
    assert_eq!(public.interviews.len(), 1);
    let interview = &public.interviews[0];
    assert_eq!(interview.participant, Some(id("p")));
    assert_eq!(interview.interviewer, "");
    assert!(interview.prompt_notes.is_empty());
    assert_eq!(interview.notes, "");
    assert_eq!(interview.quotes.len(), 1);
    assert_eq!(interview.quotes[0].text, "Responder said it fit.");
    let check = prepublish_check(&review);
    assert!(check
        .removed
        .contains(&"2 interviews (1 public quote kept)".to_owned()));
}

#[test]
fn action_owners_who_are_people_become_aliases() {
    let mut review = empty_review();
    review.people = vec![person("p", "Jordan Fresh", &[IncidentRole::Responder])];
    review.actions = vec![
        ActionItem {
            id: id("a1"),
            owner: " jordan fresh ".into(),
            tracker_link: Some("https://tracker.example.com/1".into()),
            ..ActionItem::default()
        },
        ActionItem {
            id: id("a2"),
            owner: "Platform".into(),
            ..ActionItem::default()
        },
    ];
    let public = public_view(&review);
    assert_eq!(public.actions[0].owner, " Responder ");
    assert_eq!(public.actions[1].owner, "Platform");
    assert_eq!(public.actions[0].tracker_link, None);
}

#[test]
fn the_fixture_check_says_what_was_removed() {
    let check = prepublish_check(&fixture());
    assert_eq!(
        check.removed,
        [
            "1 internal timeline event",
            "1 internal contributing factor",
            "1 internal learning note",
            "1 interview (no public quotes)",
            "the names of 2 people (shown by role or alias)",
            "notes on 1 person",
            "the analyst's name",
            "the deep-analysis notes",
            "1 source link on a timeline event",
            "1 tracker link on an action item",
            "1 link to a removed entry",
            "the redaction list (1 term, applied to the text)",
        ]
    );
    assert_eq!(check.flagged, Vec::new());
}

#[test]
fn private_looking_text_is_flagged_in_public_fields_only() {
    let mut review = Review::new(
        ReviewId::new("r"),
        ReviewTemplate::FullAnalysis,
        chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
    );
    review.summary = "Mail ops@acme.io about db-1.corp.".to_owned();
    review.timeline = vec![
        event(
            "public",
            "Traffic from 10.1.2.3 and fe80::1 hit grafana.eu.acme.net",
            Visibility::Public,
        ),
        event(
            "internal",
            "secret@acme.io 192.168.0.1 vault.internal",
            Visibility::Internal,
        ),
    ];
    review.people = vec![Person {
        notes: "reach me at me@home.example".into(),
        ..person("p", "Robin Park", &[])
    }];
    // A redaction that puts a name back: the check must notice.
    review.redactions = vec![redaction("the lead", "Robin")];
    review.impact.statement = "Customers waited for the lead.".into();
    let check = prepublish_check(&review);
    let found: Vec<(PrivateKind, &str, &str)> = check
        .flagged
        .iter()
        .map(|f| (f.kind, f.field.as_str(), f.excerpt.as_str()))
        .collect();
    use PrivateKind::*;
    let kinds: Vec<PrivateKind> = found.iter().map(|f| f.0).collect();
    assert_eq!(
        kinds,
        [
            EmailAddress,
            HostName,
            PersonName,
            IpAddress,
            IpAddress,
            HostName
        ],
        "{found:#?}"
    );
    assert_eq!(found[0].1, "Summary");
    assert!(found[0].2.contains("ops@acme.io"));
    assert!(found[1].2.contains("db-1.corp"));
    assert_eq!(found[2].1, "Impact");
    assert!(found[3].1.starts_with("Timeline event “Traffic"));
    for flagged in &check.flagged {
        assert!(!flagged.excerpt.contains("secret@acme.io"));
        assert!(!flagged.excerpt.contains("home.example"));
    }
    assert_eq!(PrivateKind::HostName.label(), "Host name");
}

fn kinds_in(text: &str) -> Vec<(PrivateKind, &str)> {
    find_private(text, &TermSet::default())
        .into_iter()
        .map(|(span, kind)| (kind, &text[span]))
        .collect()
}

#[test]
fn scanners_find_addresses_and_hosts() {
    use PrivateKind::*;
    for (text, expected) in [
        (
            "write to a.b-c+d@mail.acme.co.uk.",
            "a.b-c+d@mail.acme.co.uk",
        ),
        ("<jo@example.com>", "jo@example.com"),
    ] {
        assert_eq!(kinds_in(text), [(EmailAddress, expected)], "{text}");
    }
    for (text, expected) in [
        ("host 10.0.0.12:8080 down", "10.0.0.12"),
        ("(192.168.1.1)", "192.168.1.1"),
        ("range 10.0.0.0/8.", "10.0.0.0"),
        ("v6 2001:db8::ff00:42:8329 too", "2001:db8::ff00:42:8329"),
        ("loopback ::1", "::1"),
        ("[fe80::1]:443", "fe80::1"),
        ("it was fe80::a:", "fe80::a"),
    ] {
        assert_eq!(kinds_in(text), [(IpAddress, expected)], "{text}");
    }
    for (text, expected) in [
        ("ssh ingest-7.internal now", "ingest-7.internal"),
        ("db1.corp.", "db1.corp"),
        ("printer.local", "printer.local"),
        ("router.home.arpa", "router.home.arpa"),
        ("see https://grafana.eu.acme.net/d/x", "grafana.eu.acme.net"),
        ("SVC.PROD.ACME.COM", "SVC.PROD.ACME.COM"),
    ] {
        assert_eq!(kinds_in(text), [(HostName, expected)], "{text}");
    }
}

#[test]
fn scanners_leave_ordinary_text_alone() {
    for text in [
        "e.g. the i.e. case, U.S.A. and Node.js",
        "version v1.2.3.4 and 1.2.3 and 300.1.1.1 and 1.2.3.4.5",
        "at 03:00:00 and 12:30, std::fmt::Display, a::b",
        "2019-11-06T03:00:00-08:00",
        "values.prod.yaml and app.config.json",
        "https://alerts.example.com/incidents/1234 and docs.github.com",
        "status.cloud.google.com",
        "name@ and @handle and a@b",
        "deadbeef:: and ::",
        "Ünïcödé text — with dashes… and 3.5 GB",
    ] {
        assert_eq!(kinds_in(text), [], "{text}");
    }
}

#[test]
fn excerpts_are_short_and_on_one_line() {
    let text = format!("{}\nops@acme.io\n{}", "a".repeat(50), "é".repeat(50));
    let span = find_emails(&text)[0].clone();
    let excerpt = excerpt_around(&text, span);
    assert!(excerpt.starts_with('…') && excerpt.ends_with('…'));
    assert!(excerpt.contains(" ops@acme.io "));
    assert!(excerpt.chars().count() <= 2 * 24 + 13 + 2);
}
