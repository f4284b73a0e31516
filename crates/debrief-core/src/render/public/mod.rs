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

mod looks_private;
mod prepublish;
#[cfg(test)]
mod tests;

pub(crate) use looks_private::{excerpt_around, find_private};
pub use prepublish::{prepublish_check, PrivateKind, PrivateLooking, PublishCheck};

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
