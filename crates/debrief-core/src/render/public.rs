//! The public variant of a review, and the check an analyst runs before publishing it.
//!
//! [`public_view`] is the one place that decides what leaves the organisation. Everything
//! else (the public HTML report, Markdown, share links) renders its result and never looks
//! at the internal review again. It works by *keeping* rather than by removing: every field
//! of every section is listed explicitly (the structs are destructured without `..`), so a
//! field added to the model later fails to compile here until someone decides whether it is
//! public — a new field is never published by default.
//!
//! What the public view does:
//! - drops entries marked internal (timeline events, hypotheses, factors, learning notes),
//!   interview material other than quotes marked public, people's notes, the analyst's
//!   name, the deep-analysis notes, the redaction list and dismissed language findings;
//! - drops every link that points into the organisation's tools (timeline sources, action
//!   trackers) and every link to an entry that was dropped, so the result still validates;
//! - names people by role or alias, both in the people list and wherever their name appears
//!   in free text;
//! - applies the review's redaction list to every remaining text field.
//!
//! [`prepublish_check`] says in plain sentences what was left out and flags text in the
//! public view that still looks private: e-mail and IP addresses, internal host names, and
//! names of the review's people. The scanners are hand-written and deliberately pragmatic:
//! a false alarm costs the analyst a glance, a miss can cost someone their privacy.

use super::scrub::{is_word_char, person_name_terms, Replacement, Scrubber, Span, TermSet};
use crate::model::{
    ActionItem, Analyst, ContributingFactor, DeepAnalysisCriteria, EntityId, Evidence, Hypothesis,
    Impact, ImpactWindow, IncidentRole, Interview, Learnings, Note, ParticipantKind, Person, Quote,
    Review, TimelineEvent, TimelineSource, Trigger, Visibility,
};
use crate::sorting;
use crate::text::count;
use std::collections::{HashMap, HashSet};
use std::net::Ipv6Addr;

// ---------------------------------------------------------------------------------------------
// The public view

/// The review as it may be published. See the module documentation for what changes.
pub fn public_view(review: &Review) -> Review {
    public_view_with(review, &Scrubber::new(review))
}

fn public_view_with(review: &Review, scrub: &Scrubber) -> Review {
    let kept = Kept::new(review);
    let aliases = public_aliases(&review.people);
    // Destructured without `..` on purpose: see the module documentation.
    let Review {
        id,
        title,
        status,
        template,
        severity,
        services,
        tags,
        created_at,
        updated_at,
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
        redactions: _,
        dismissed_findings: _,
        kept_as_written: _,
    } = review;
    Review {
        id: id.clone(),
        title: scrub.text(title),
        status: *status,
        template: *template,
        severity: scrub.text(severity),
        services: scrub.list(services),
        tags: scrub.list(tags),
        created_at: *created_at,
        updated_at: *updated_at,
        incident: incident.clone(),
        summary: scrub.text(summary),
        impact: public_impact(impact, scrub),
        analyst: Analyst {
            name: String::new(),
            took_part_in_incident: analyst.took_part_in_incident,
        },
        trigger: public_trigger(trigger, scrub),
        people: people
            .iter()
            .zip(&aliases)
            .map(|(person, alias)| public_person(person, alias, scrub))
            .collect(),
        timeline: timeline
            .iter()
            .filter(|event| is_public(event.visibility))
            .map(|event| public_event(event, scrub))
            .collect(),
        hypotheses: hypotheses
            .iter()
            .filter(|h| is_public(h.visibility))
            .map(|h| public_hypothesis(review, h, &kept, scrub))
            .collect(),
        factors: factors
            .iter()
            .filter(|f| is_public(f.visibility))
            .map(|f| public_factor(f, &kept, scrub))
            .collect(),
        learnings: public_learnings(learnings, &kept, scrub),
        interviews: interviews
            .iter()
            .filter_map(|interview| public_interview(interview, scrub))
            .collect(),
        actions: actions
            .iter()
            .map(|action| public_action(action, &kept, scrub))
            .collect(),
        deep_analysis: DeepAnalysisCriteria {
            // Which signs were met is a fact about the incident; the notes are the analyst's
            // working thoughts about whether to dig deeper.
            met: deep_analysis.met.clone(),
            notes: String::new(),
        },
        redactions: Vec::new(),
        dismissed_findings: Vec::new(),
        kept_as_written: Vec::new(),
    }
}

fn is_public(visibility: Visibility) -> bool {
    visibility == Visibility::Public
}

/// Which linkable entries survive into the public view.
struct Kept<'r> {
    events: HashSet<&'r EntityId>,
    factors: HashSet<&'r EntityId>,
}

impl<'r> Kept<'r> {
    fn new(review: &'r Review) -> Self {
        Self {
            events: review
                .timeline
                .iter()
                .filter(|e| is_public(e.visibility))
                .map(|e| &e.id)
                .collect(),
            factors: review
                .factors
                .iter()
                .filter(|f| is_public(f.visibility))
                .map(|f| &f.id)
                .collect(),
        }
    }

    fn event(&self, id: &EntityId) -> bool {
        self.events.contains(id)
    }

    fn factor(&self, id: &EntityId) -> bool {
        self.factors.contains(id)
    }

    fn events_of(&self, ids: &[EntityId]) -> Vec<EntityId> {
        ids.iter().filter(|id| self.event(id)).cloned().collect()
    }
}

fn public_impact(impact: &Impact, scrub: &Scrubber) -> Impact {
    let Impact {
        statement,
        windows,
        environments,
        customer_facing,
        caught_before_production,
    } = impact;
    Impact {
        statement: scrub.text(statement),
        // How far it reached is the point of a public report; environment names go through
        // the redactions like any text.
        environments: scrub.list(environments),
        customer_facing: *customer_facing,
        caught_before_production: *caught_before_production,
        windows: windows
            .iter()
            .map(|window| {
                let ImpactWindow {
                    id,
                    start,
                    end,
                    affected,
                    magnitude,
                } = window;
                ImpactWindow {
                    id: id.clone(),
                    start: *start,
                    end: *end,
                    affected: scrub.text(affected),
                    magnitude: scrub.text(magnitude),
                }
            })
            .collect(),
    }
}

fn public_trigger(trigger: &Trigger, scrub: &Scrubber) -> Trigger {
    let Trigger {
        class,
        change_kind,
        description,
    } = trigger;
    Trigger {
        class: *class,
        change_kind: *change_kind,
        description: scrub.text(description),
    }
}

fn public_person(person: &Person, alias: &str, scrub: &Scrubber) -> Person {
    let Person {
        id,
        name,
        kind,
        private,
        roles,
        team,
        tenure_months,
        on_call_for,
        time_zone,
        notes: _,
    } = person;
    Person {
        id: id.clone(),
        name: if person.is_named_by_alias() {
            alias.to_owned()
        } else {
            scrub.text(name)
        },
        kind: *kind,
        private: *private,
        roles: roles.clone(),
        team: scrub.text(team),
        // Tenure and time zone stay: they explain what made sense to people at the time
        // (new to the team, awake at 3 AM), which is what a public review is for.
        tenure_months: *tenure_months,
        on_call_for: scrub.text(on_call_for),
        time_zone: time_zone.clone(),
        notes: String::new(),
    }
}

fn public_event(event: &TimelineEvent, scrub: &Scrubber) -> TimelineEvent {
    let TimelineEvent {
        id,
        at,
        time_known,
        end,
        text,
        kind,
        actor,
        source,
        tags,
        key,
        visibility,
    } = event;
    let TimelineSource {
        kind: source_kind,
        link: _,
        transcript: _,
    } = source;
    TimelineEvent {
        id: id.clone(),
        at: *at,
        time_known: *time_known,
        end: *end,
        text: scrub.text(text),
        kind: *kind,
        // Every person stays in the public view (under an alias), so the actor link holds.
        actor: actor.clone(),
        // Source links point into chat, alerting and dashboards inside the organisation, and
        // transcripts are internal material.
        source: TimelineSource {
            kind: *source_kind,
            link: None,
            transcript: None,
        },
        tags: scrub.list(tags),
        key: *key,
        visibility: *visibility,
    }
}

fn public_hypothesis(
    review: &Review,
    hypothesis: &Hypothesis,
    kept: &Kept,
    scrub: &Scrubber,
) -> Hypothesis {
    let Hypothesis {
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
    } = hypothesis;
    let raised_in_event = raised_in_event.clone().filter(|e| kept.event(e));
    // A hypothesis raised in an internal event keeps the time it was raised: losing it would
    // change how long the public report says it was held.
    let raised_at = match (raised_in_event.is_none(), raised_at) {
        (true, None) => crate::analysis::hypotheses::raised_at(review, hypothesis),
        (_, at) => *at,
    };
    Hypothesis {
        id: id.clone(),
        statement: scrub.text(statement),
        raised_by: raised_by.clone(),
        raised_at,
        raised_in_event,
        disproof: scrub.text(disproof),
        evidence: evidence
            .iter()
            .map(|item| {
                let Evidence {
                    id,
                    stance,
                    text,
                    event,
                } = item;
                Evidence {
                    id: id.clone(),
                    stance: *stance,
                    text: scrub.text(text),
                    event: event.clone().filter(|e| kept.event(e)),
                }
            })
            .collect(),
        status: *status,
        status_changed_at: *status_changed_at,
        visibility: *visibility,
    }
}

fn public_factor(factor: &ContributingFactor, kept: &Kept, scrub: &Scrubber) -> ContributingFactor {
    let ContributingFactor {
        id,
        description,
        category,
        events,
        tags,
        visibility,
    } = factor;
    ContributingFactor {
        id: id.clone(),
        description: scrub.text(description),
        category: *category,
        events: kept.events_of(events),
        tags: scrub.list(tags),
        visibility: *visibility,
    }
}

fn public_learnings(learnings: &Learnings, kept: &Kept, scrub: &Scrubber) -> Learnings {
    let Learnings {
        went_well,
        got_lucky,
        difficult,
    } = learnings;
    let notes = |notes: &[Note]| -> Vec<Note> {
        notes
            .iter()
            .filter(|note| is_public(note.visibility))
            .map(|note| {
                let Note {
                    id,
                    text,
                    events,
                    visibility,
                } = note;
                Note {
                    id: id.clone(),
                    text: scrub.text(text),
                    events: kept.events_of(events),
                    visibility: *visibility,
                }
            })
            .collect()
    };
    Learnings {
        went_well: notes(went_well),
        got_lucky: notes(got_lucky),
        difficult: notes(difficult),
    }
}

/// An interview survives only as the carrier of quotes marked public: its notes, prompt
/// notes and interviewer are interview material, which never leaves the workbook.
fn public_interview(interview: &Interview, scrub: &Scrubber) -> Option<Interview> {
    let Interview {
        id,
        participant,
        date,
        interviewer: _,
        prompt_notes: _,
        quotes,
        notes: _,
    } = interview;
    let quotes: Vec<Quote> = quotes
        .iter()
        .filter(|quote| is_public(quote.visibility))
        .map(|quote| {
            let Quote {
                id,
                text,
                visibility,
            } = quote;
            Quote {
                id: id.clone(),
                text: scrub.text(text),
                visibility: *visibility,
            }
        })
        .collect();
    if quotes.is_empty() {
        return None;
    }
    Some(Interview {
        id: id.clone(),
        // The participant is a person id; the person is shown under their alias.
        participant: participant.clone(),
        date: *date,
        interviewer: String::new(),
        prompt_notes: Vec::new(),
        quotes,
        notes: String::new(),
    })
}

fn public_action(action: &ActionItem, kept: &Kept, scrub: &Scrubber) -> ActionItem {
    let ActionItem {
        id,
        description,
        owner,
        due,
        kind,
        status,
        tracker_link: _,
        factors,
    } = action;
    ActionItem {
        id: id.clone(),
        description: scrub.text(description),
        // An owner who is a person becomes their alias through the name replacement; a
        // team name stays (redactions permitting).
        owner: scrub.text(owner),
        due: *due,
        kind: *kind,
        status: *status,
        // Trackers are internal systems.
        tracker_link: None,
        factors: factors.iter().filter(|f| kept.factor(f)).cloned().collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Aliases

/// What each participant is called in public, in `people` order. A person: the label of
/// their first role, lettered when several people share it ("Responder A", "Responder B");
/// people without a role are "Engineer A", "Engineer B"… An organisation, outside reporter
/// or bot keeps its own name, unless marked private: then "Organisation A", "Outside
/// reporter A", "Bot A". Depends only on kinds, roles and order, so the same review always
/// gets the same aliases.
pub fn public_aliases(people: &[Person]) -> Vec<String> {
    // (base, always lettered), or None for a participant that keeps its name.
    let bases: Vec<Option<(&str, bool)>> = people
        .iter()
        .map(|person| match person.kind {
            ParticipantKind::Person => Some(match person.roles.first() {
                Some(role) => (role_alias(*role), false),
                None => ("Engineer", true),
            }),
            _ if !person.private => None,
            ParticipantKind::Organisation => Some(("Organisation", true)),
            ParticipantKind::OutsideReporter => Some(("Outside reporter", true)),
            ParticipantKind::Bot => Some(("Bot", true)),
        })
        .collect();
    let mut sharing: HashMap<&str, usize> = HashMap::new();
    for (base, _) in bases.iter().flatten() {
        *sharing.entry(base).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    people
        .iter()
        .zip(&bases)
        .map(|(person, base)| {
            let Some((base, always_lettered)) = *base else {
                return person.name.trim().to_owned();
            };
            let position = seen.entry(base).or_default();
            let alias = if sharing[base] > 1 || always_lettered {
                format!("{base} {}", letters(*position))
            } else {
                base.to_owned()
            };
            *position += 1;
            alias
        })
        .collect()
}

/// A role as a description of a person ("On-call engineer" rather than "On call").
pub(crate) fn role_alias(role: IncidentRole) -> &'static str {
    match role {
        IncidentRole::IncidentCommander => "Incident commander",
        IncidentRole::OnCall => "On-call engineer",
        IncidentRole::Responder => "Responder",
        IncidentRole::Communications => "Communications lead",
        IncidentRole::SubjectMatterExpert => "Subject-matter expert",
        IncidentRole::Observer => "Observer",
    }
}

/// 0 → "A", 25 → "Z", 26 → "AA", like spreadsheet columns.
fn letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

// ---------------------------------------------------------------------------------------------
// The pre-publish check

/// What the public version leaves out, and what in it still looks private.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublishCheck {
    /// Plain sentences: "3 internal timeline events", "2 interviews (1 public quote kept)".
    pub removed: Vec<String>,
    /// Text in the public version that looks private, in reading order.
    pub flagged: Vec<PrivateLooking>,
    /// Every name and redaction replacement, once per term and sentence, in reading order,
    /// with whether the analyst kept it as written.
    pub replacements: Vec<Replacement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrivateLooking {
    /// Where it is, as a person would name the field: "Summary", "Timeline event “…”".
    pub field: String,
    /// The private-looking text with a few words around it.
    pub excerpt: String,
    pub kind: PrivateKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrivateKind {
    EmailAddress,
    IpAddress,
    HostName,
    PersonName,
}

impl PrivateKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::EmailAddress => "E-mail address",
            Self::IpAddress => "IP address",
            Self::HostName => "Host name",
            Self::PersonName => "Name of a person",
        }
    }
}

pub fn prepublish_check(review: &Review) -> PublishCheck {
    let scrub = Scrubber::new(review).recording();
    let public = public_view_with(review, &scrub);
    let names = TermSet::new(person_name_terms(review));
    let mut flagged: Vec<PrivateLooking> = Vec::new();
    let mut seen = HashSet::new();
    for (field, text) in labelled_texts(&public) {
        for (range, kind) in find_private(text, &names) {
            // A name the analyst kept as written in this sentence is their decision.
            if kind == PrivateKind::PersonName && scrub.is_kept(text, &range) {
                continue;
            }
            let finding = PrivateLooking {
                field: field.clone(),
                excerpt: excerpt_around(text, range),
                kind,
            };
            if seen.insert(finding.clone()) {
                flagged.push(finding);
            }
        }
    }
    PublishCheck {
        removed: describe_removed(review, &public),
        flagged,
        replacements: scrub.replacements(),
    }
}

fn describe_removed(review: &Review, public: &Review) -> Vec<String> {
    let mut removed = Vec::new();
    let mut dropped = |n: usize, one: &str, many: &str| {
        if n > 0 {
            removed.push(count(n, one, many));
        }
    };
    let internal = |n: usize, m: usize| n - m;
    dropped(
        internal(review.timeline.len(), public.timeline.len()),
        "internal timeline event",
        "internal timeline events",
    );
    dropped(
        internal(review.hypotheses.len(), public.hypotheses.len()),
        "internal hypothesis",
        "internal hypotheses",
    );
    dropped(
        internal(review.factors.len(), public.factors.len()),
        "internal contributing factor",
        "internal contributing factors",
    );
    let notes = |l: &Learnings| l.went_well.len() + l.got_lucky.len() + l.difficult.len();
    dropped(
        internal(notes(&review.learnings), notes(&public.learnings)),
        "internal learning note",
        "internal learning notes",
    );
    if !review.interviews.is_empty() {
        let quotes: usize = public.interviews.iter().map(|i| i.quotes.len()).sum();
        let kept = match quotes {
            0 => "no public quotes".to_owned(),
            n => format!("{} kept", count(n, "public quote", "public quotes")),
        };
        removed.push(format!(
            "{} ({kept})",
            count(review.interviews.len(), "interview", "interviews")
        ));
    }
    let named = review
        .people
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .count();
    if named > 0 {
        removed.push(format!(
            "the names of {} (shown by role or alias)",
            count(named, "person", "people")
        ));
    }
    let with_notes = review
        .people
        .iter()
        .filter(|p| !p.notes.trim().is_empty())
        .count();
    if with_notes > 0 {
        removed.push(format!(
            "notes on {}",
            count(with_notes, "person", "people")
        ));
    }
    if !review.analyst.name.trim().is_empty() {
        removed.push("the analyst's name".to_owned());
    }
    if !review.deep_analysis.notes.trim().is_empty() {
        removed.push("the deep-analysis notes".to_owned());
    }
    let links = |r: &Review| {
        r.timeline
            .iter()
            .filter(|e| is_public(e.visibility) && e.source.link.is_some())
            .count()
    };
    let mut dropped = |n: usize, one: &str, many: &str| {
        if n > 0 {
            removed.push(count(n, one, many));
        }
    };
    dropped(
        links(review),
        "source link on a timeline event",
        "source links on timeline events",
    );
    dropped(
        review
            .actions
            .iter()
            .filter(|a| a.tracker_link.is_some())
            .count(),
        "tracker link on an action item",
        "tracker links on action items",
    );
    dropped(
        links_to_removed(review),
        "link to a removed entry",
        "links to removed entries",
    );
    dropped(
        review.dismissed_findings.len(),
        "dismissed language finding",
        "dismissed language findings",
    );
    if !review.redactions.is_empty() {
        removed.push(format!(
            "the redaction list ({}, applied to the text)",
            count(review.redactions.len(), "term", "terms")
        ));
    }
    removed
}

/// Links from entries that stay public to entries that do not.
fn links_to_removed(review: &Review) -> usize {
    let kept = Kept::new(review);
    let lost_events = |ids: &[EntityId]| ids.iter().filter(|id| !kept.event(id)).count();
    let hypotheses: usize = review
        .hypotheses
        .iter()
        .filter(|h| is_public(h.visibility))
        .map(|h| {
            let raised = h.raised_in_event.as_ref().is_some_and(|id| !kept.event(id));
            let evidence = h
                .evidence
                .iter()
                .filter(|e| e.event.as_ref().is_some_and(|id| !kept.event(id)))
                .count();
            usize::from(raised) + evidence
        })
        .sum();
    let factors: usize = review
        .factors
        .iter()
        .filter(|f| is_public(f.visibility))
        .map(|f| lost_events(&f.events))
        .sum();
    let notes: usize = [
        &review.learnings.went_well,
        &review.learnings.got_lucky,
        &review.learnings.difficult,
    ]
    .into_iter()
    .flatten()
    .filter(|n| is_public(n.visibility))
    .map(|n| lost_events(&n.events))
    .sum();
    let actions: usize = review
        .actions
        .iter()
        .map(|a| a.factors.iter().filter(|f| !kept.factor(f)).count())
        .sum();
    hypotheses + factors + notes + actions
}

/// The first words of a text, on one line, to tell entries apart in a label.
fn short(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

fn titled(kind: &str, text: &str) -> String {
    match short(text) {
        s if s.is_empty() => kind.to_owned(),
        s => format!("{kind} “{s}”"),
    }
}

/// Every text field of a review with a label a person recognises, in reading order.
fn labelled_texts<'r>(review: &'r Review) -> Vec<(String, &'r str)> {
    let mut fields: Vec<(String, &'r str)> = Vec::new();
    let mut push = |label: String, text: &'r str| fields.push((label, text));
    push("Title".into(), &review.title);
    push("Severity".into(), &review.severity);
    for service in &review.services {
        push("Services".into(), service);
    }
    for tag in &review.tags {
        push("Tags".into(), tag);
    }
    push("Summary".into(), &review.summary);
    push("Impact".into(), &review.impact.statement);
    for window in &review.impact.windows {
        push("Impact window: what was affected".into(), &window.affected);
        push(
            format!("{}: how much", titled("Impact window", &window.affected)),
            &window.magnitude,
        );
    }
    push("Trigger".into(), &review.trigger.description);
    for person in &review.people {
        let who = titled("Person", &person.name);
        push(who.clone(), &person.name);
        push(format!("{who}: team"), &person.team);
        push(format!("{who}: on call for"), &person.on_call_for);
        push(format!("{who}: notes"), &person.notes);
    }
    for event in &review.timeline {
        let title = titled("Timeline event", &event.text);
        push(title.clone(), &event.text);
        for tag in &event.tags {
            push(format!("{title}: tags"), tag);
        }
        if let Some(link) = &event.source.link {
            push(format!("{title}: source link"), link);
        }
    }
    for hypothesis in &review.hypotheses {
        let title = titled("Hypothesis", &hypothesis.statement);
        push(title.clone(), &hypothesis.statement);
        push(
            format!("{title}: what would prove it wrong"),
            &hypothesis.disproof,
        );
        for evidence in &hypothesis.evidence {
            push(format!("{title}: evidence"), &evidence.text);
        }
    }
    for factor in &review.factors {
        let title = titled("Contributing factor", &factor.description);
        push(title.clone(), &factor.description);
        for tag in &factor.tags {
            push(format!("{title}: tags"), tag);
        }
    }
    for (label, notes) in [
        ("Went well", &review.learnings.went_well),
        ("Where we got lucky", &review.learnings.got_lucky),
        ("What was difficult", &review.learnings.difficult),
    ] {
        for note in notes {
            push(label.into(), &note.text);
        }
    }
    for interview in &review.interviews {
        push("Interviewer".into(), &interview.interviewer);
        push("Interview notes".into(), &interview.notes);
        for prompt in &interview.prompt_notes {
            push(titled("Interview prompt", &prompt.prompt), &prompt.note);
        }
        for quote in &interview.quotes {
            push(titled("Quote", &quote.text), &quote.text);
        }
    }
    for action in &review.actions {
        let title = titled("Action item", &action.description);
        push(title.clone(), &action.description);
        push(format!("{title}: owner"), &action.owner);
        if let Some(link) = &action.tracker_link {
            push(format!("{title}: tracker link"), link);
        }
    }
    push("Analyst".into(), &review.analyst.name);
    push("Deep-analysis notes".into(), &review.deep_analysis.notes);
    fields.retain(|(_, text)| !text.trim().is_empty());
    fields
}

/// Everything in `text` that looks private, by byte range, in order of position.
pub(crate) fn find_private(text: &str, names: &TermSet) -> Vec<(Span, PrivateKind)> {
    let emails = find_emails(text);
    let mut found: Vec<(Span, PrivateKind)> = emails
        .iter()
        .map(|r| (r.clone(), PrivateKind::EmailAddress))
        .collect();
    let outside_emails = |r: &Span| !emails.iter().any(|e| e.start < r.end && r.start < e.end);
    found.extend(
        find_ip_addresses(text)
            .into_iter()
            .filter(outside_emails)
            .map(|r| (r, PrivateKind::IpAddress)),
    );
    found.extend(
        find_host_names(text)
            .into_iter()
            .filter(outside_emails)
            .map(|r| (r, PrivateKind::HostName)),
    );
    found.extend(
        names
            .find_all(text)
            .into_iter()
            .map(|(r, _)| (r, PrivateKind::PersonName)),
    );
    sorting::sort_by_key(&mut found, |(r, _)| (r.start, r.end));
    found
}

/// Maximal runs of characters satisfying `keep`, as byte ranges.
fn runs(text: &str, keep: impl Fn(char) -> bool) -> Vec<Span> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..text.len());
    }
    runs
}

/// Shrinks a range past leading and trailing characters in `strip` (sentence punctuation
/// around an address: "see db.corp.", "(10.0.0.1)").
fn trim_span(text: &str, mut span: Span, strip: &[char]) -> Span {
    while let Some(c) = text[span.clone()]
        .chars()
        .next()
        .filter(|c| strip.contains(c))
    {
        span.start += c.len_utf8();
    }
    while let Some(c) = text[span.clone()]
        .chars()
        .next_back()
        .filter(|c| strip.contains(c))
    {
        span.end -= c.len_utf8();
    }
    span
}

fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Whether `name` is a dotted name whose last label could be a top-level domain.
fn looks_like_domain(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| is_domain_label(l))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// `local@domain.tld`, local part of the usual characters.
fn find_emails(text: &str) -> Vec<Span> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .find(|&(_, c)| !is_domain(c))
            .map_or(text.len(), |(i, _)| at + 1 + i);
        let domain = trim_span(text, at + 1..end, &['.', '-']);
        let local = trim_span(text, start..at, &['.']);
        if !local.is_empty() && local.end == at && looks_like_domain(&text[domain.clone()]) {
            found.push(local.start..domain.end);
        }
    }
    found
}

/// Dotted-quad IPv4 and colon-separated IPv6 addresses, not inside a longer word.
fn find_ip_addresses(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    for run in runs(text, |c| c.is_ascii_digit() || c == '.') {
        let span = trim_span(text, run, &['.']);
        if is_standalone(text, &span) && is_ipv4(&text[span.clone()]) {
            found.push(span);
        }
    }
    for run in runs(text, |c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
        let span = trim_span(text, run, &['.']);
        if !is_standalone(text, &span) {
            continue;
        }
        // "fe80::1:" at the end of a clause: the last colon is punctuation.
        let colon_trimmed = trim_span(text, span.clone(), &[':']);
        let span = [span, colon_trimmed]
            .into_iter()
            .find(|s| is_ipv6(&text[s.clone()]));
        found.extend(span);
    }
    found
}

/// At least two colons and a decimal digit, so "::" alone, a clock time or a code path such
/// as "a::b" (all hex letters, and valid IPv6) never count.
fn is_ipv6(candidate: &str) -> bool {
    candidate.matches(':').count() >= 2
        && candidate.chars().any(|c| c.is_ascii_digit())
        && candidate.parse::<Ipv6Addr>().is_ok()
}

/// Not glued to letters or digits on either side ("v1.2.3.4" is a version, not an address).
fn is_standalone(text: &str, span: &Span) -> bool {
    if span.is_empty() {
        return false;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_ipv4(candidate: &str) -> bool {
    let parts: Vec<&str> = candidate.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Suffixes used only inside organisations' own networks.
const INTERNAL_SUFFIXES: [&str; 11] = [
    "internal",
    "local",
    "localdomain",
    "corp",
    "lan",
    "intranet",
    "intra",
    "private",
    "priv",
    "home",
    "home.arpa",
];

/// Public domains that appear in reviews without saying anything about the organisation:
/// documentation examples, code hosts, the big providers' status and docs sites.
const PUBLIC_DOMAINS: [&str; 16] = [
    "example.com",
    "example.org",
    "example.net",
    "github.com",
    "githubstatus.com",
    "githubusercontent.com",
    "gitlab.com",
    "google.com",
    "microsoft.com",
    "amazon.com",
    "cloudflare.com",
    "cloudflarestatus.com",
    "wikipedia.org",
    "mozilla.org",
    "rust-lang.org",
    "w3.org",
];

/// Last labels that are file extensions far more often than top-level domains in prose
/// ("values.prod.yaml").
const FILE_EXTENSIONS: [&str; 24] = [
    "yaml", "yml", "json", "toml", "txt", "log", "md", "rs", "py", "js", "ts", "go", "java",
    "html", "css", "csv", "conf", "cfg", "ini", "xml", "sh", "tar", "gz", "zip",
];

/// Host names that look internal: a dotted name ending in an internal suffix
/// ("ingest-7.internal", "db1.corp"), or any fully qualified name with at least two dots
/// outside the well-known public domains ("grafana.eu.acme.net").
fn find_host_names(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    for run in runs(text, |c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
        let span = trim_span(text, run, &['.', '-', '_']);
        let name = &text[span.clone()];
        if !is_standalone(text, &span) || !looks_like_domain(name) {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let has_suffix = |suffix: &str| {
            lower
                .strip_suffix(suffix)
                .is_some_and(|rest| rest.ends_with('.'))
        };
        let internal = INTERNAL_SUFFIXES.iter().any(|s| has_suffix(s));
        let tld = lower.rsplit('.').next().unwrap_or_default();
        let fqdn = lower.matches('.').count() >= 2
            && !PUBLIC_DOMAINS.iter().any(|d| lower == *d || has_suffix(d))
            && !FILE_EXTENSIONS.contains(&tld);
        if internal || fqdn {
            found.push(span);
        }
    }
    found
}

/// The matched text with a few words either side, on one line.
pub(crate) fn excerpt_around(text: &str, span: Span) -> String {
    const CONTEXT_CHARS: usize = 24;
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map(|(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map(|(i, _)| span.end + i);
    let mut out = String::new();
    if before_start.is_some() {
        out.push('…');
    }
    out.push_str(&text[before_start.unwrap_or(0)..after_end.unwrap_or(text.len())]);
    if after_end.is_some() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::load;
    use crate::model::{Redaction, ReviewId, ReviewTemplate};
    use crate::testing::{at, empty_review, id};
    use crate::validate::validate_review;

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");
    const V3: &str = include_str!("../../tests/fixtures/review-v3.json");

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
}
