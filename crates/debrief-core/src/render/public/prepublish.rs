//! The pre-publish check: what the public version leaves out, in plain sentences, and what
//! in it still looks private.

use super::*;

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

pub(super) fn describe_removed(review: &Review, public: &Review) -> Vec<String> {
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
pub(super) fn links_to_removed(review: &Review) -> usize {
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
pub(super) fn short(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

pub(super) fn titled(kind: &str, text: &str) -> String {
    match short(text) {
        s if s.is_empty() => kind.to_owned(),
        s => format!("{kind} “{s}”"),
    }
}

/// Every text field of a review with a label a person recognises, in reading order.
pub(super) fn labelled_texts<'r>(review: &'r Review) -> Vec<(String, &'r str)> {
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
