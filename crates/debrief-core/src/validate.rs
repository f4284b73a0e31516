//! The rules a review must satisfy, as typed errors with messages a person understands.
//!
//! The editor checks the same rules before it applies an edit, so a review in the workbook is
//! always valid; a document that breaks them can only come from outside (a hand-edited file,
//! a damaged store) and is refused by the load path instead of being repaired by guesswork.

use crate::model::{EntityId, Review, TimeKnown, Timestamp};
use crate::time::is_well_formed_zone_name;
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidationError {
    MissingId,
    UnknownTimeZone(String),
    /// An end before its start. `what` names the thing: "The incident", "The impact window
    /// \"ingest API\"".
    EndsBeforeStart {
        what: String,
    },
    DuplicateId {
        id: String,
    },
    /// A link from one entry to another that does not exist.
    BrokenLink {
        from: &'static str,
        id: String,
    },
    /// A link that is not http or https (`javascript:`, `data:`, a bare word).
    UnsafeLink {
        link: String,
    },
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingId => f.write_str("The review has no id."),
            Self::UnknownTimeZone(zone) => write!(
                f,
                "\"{zone}\" is not a time zone Debrief knows. Use a name such as Europe/Berlin or UTC."
            ),
            Self::EndsBeforeStart { what } => {
                write!(f, "{what} ends before it starts. Check the two times.")
            }
            Self::DuplicateId { id } => {
                write!(f, "Two entries share the id \"{id}\"; each needs its own.")
            }
            Self::BrokenLink { from, id } => {
                write!(f, "{from} refers to \"{id}\", which is not in this review.")
            }
            Self::UnsafeLink { link } => write!(
                f,
                "\"{link}\" is not a web link. Links must start with http:// or https://."
            ),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Accepts only absolute http(s) links, the only kind that is safe to put in a report.
/// Returns the trimmed link.
pub fn check_link(link: &str) -> Result<String, ValidationError> {
    let trimmed = link.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !trimmed.chars().any(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(ValidationError::UnsafeLink {
            link: trimmed.to_owned(),
        }),
    }
}

/// Checks that `end` is not before `start` (either may be missing).
pub fn check_order(
    start: Option<&Timestamp>,
    end: Option<&Timestamp>,
    what: impl FnOnce() -> String,
) -> Result<(), ValidationError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => {
            Err(ValidationError::EndsBeforeStart { what: what() })
        }
        _ => Ok(()),
    }
}

/// Every rule, over the whole review. Returns all problems, not just the first.
pub fn validate_review(review: &Review) -> Vec<ValidationError> {
    let mut problems = Vec::new();
    if review.id.as_str().trim().is_empty() {
        problems.push(ValidationError::MissingId);
    }
    if !is_well_formed_zone_name(&review.incident.time_zone) {
        problems.push(ValidationError::UnknownTimeZone(
            review.incident.time_zone.clone(),
        ));
    }
    let mut push = |result: Result<(), ValidationError>| {
        if let Err(problem) = result {
            problems.push(problem);
        }
    };
    push(check_order(
        review.incident.start.as_ref(),
        review.incident.end.as_ref(),
        || "The incident".to_owned(),
    ));
    for window in &review.impact.windows {
        push(check_order(
            window.start.as_ref(),
            window.end.as_ref(),
            || format!("The impact window \"{}\"", window.affected),
        ));
    }
    for event in &review.timeline {
        push(check_order(event.at.as_ref(), event.end.as_ref(), || {
            format!("The timeline event \"{}\"", event.text)
        }));
        if let (Some(at), TimeKnown::Between { latest }) = (&event.at, &event.time_known) {
            push(check_order(Some(at), Some(latest), || {
                format!("The time span of the timeline event \"{}\"", event.text)
            }));
        }
    }
    for person in &review.people {
        if let Some(zone) = &person.time_zone {
            if !is_well_formed_zone_name(zone) {
                push(Err(ValidationError::UnknownTimeZone(zone.clone())));
            }
        }
    }
    let links = review
        .timeline
        .iter()
        .filter_map(|event| event.source.link.as_deref())
        .chain(
            review
                .actions
                .iter()
                .filter_map(|action| action.tracker_link.as_deref()),
        );
    for link in links {
        push(check_link(link).map(|_| ()));
    }
    problems.extend(check_ids_and_links(review));
    problems
}

fn check_ids_and_links(review: &Review) -> Vec<ValidationError> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let all_ids = review
        .people
        .iter()
        .map(|p| &p.id)
        .chain(review.timeline.iter().map(|e| &e.id))
        .chain(review.hypotheses.iter().map(|h| &h.id))
        .chain(
            review
                .hypotheses
                .iter()
                .flat_map(|h| h.evidence.iter().map(|e| &e.id)),
        )
        .chain(review.factors.iter().map(|f| &f.id))
        .chain(review.impact.windows.iter().map(|w| &w.id))
        .chain(review.interviews.iter().map(|i| &i.id))
        .chain(
            review
                .interviews
                .iter()
                .flat_map(|i| i.quotes.iter().map(|q| &q.id)),
        )
        .chain(review.actions.iter().map(|a| &a.id))
        .chain(
            [
                &review.learnings.went_well,
                &review.learnings.got_lucky,
                &review.learnings.difficult,
            ]
            .into_iter()
            .flatten()
            .map(|n| &n.id),
        );
    for id in all_ids {
        if id.as_str().is_empty() || !seen.insert(id) {
            problems.push(ValidationError::DuplicateId { id: id.to_string() });
        }
    }

    let people: HashSet<&EntityId> = review.people.iter().map(|p| &p.id).collect();
    let events: HashSet<&EntityId> = review.timeline.iter().map(|e| &e.id).collect();
    let factors: HashSet<&EntityId> = review.factors.iter().map(|f| &f.id).collect();
    let mut check = |from: &'static str, set: &HashSet<&EntityId>, id: &EntityId| {
        if !set.contains(id) {
            problems.push(ValidationError::BrokenLink {
                from,
                id: id.to_string(),
            });
        }
    };
    for event in &review.timeline {
        if let Some(actor) = &event.actor {
            check("A timeline event", &people, actor);
        }
    }
    for hypothesis in &review.hypotheses {
        if let Some(person) = &hypothesis.raised_by {
            check("A hypothesis", &people, person);
        }
        if let Some(event) = &hypothesis.raised_in_event {
            check("A hypothesis", &events, event);
        }
        for evidence in &hypothesis.evidence {
            if let Some(event) = &evidence.event {
                check("Evidence for a hypothesis", &events, event);
            }
        }
    }
    for factor in &review.factors {
        for event in &factor.events {
            check("A contributing factor", &events, event);
        }
    }
    for note in review
        .learnings
        .went_well
        .iter()
        .chain(&review.learnings.got_lucky)
        .chain(&review.learnings.difficult)
    {
        for event in &note.events {
            check("A learning", &events, event);
        }
    }
    for interview in &review.interviews {
        if let Some(person) = &interview.participant {
            check("An interview", &people, person);
        }
    }
    for action in &review.actions {
        for factor in &action.factors {
            check("An action item", &factors, factor);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_must_be_web_links() {
        assert!(check_link("https://example.com/x").is_ok());
        assert!(check_link(" http://a ").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "ftp://x",
            "https://",
            "example.com",
            "https://a b",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
    }
}
