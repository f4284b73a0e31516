//! Artifacts people read, as pure functions of a review: the single-file HTML report
//! (internal or public), Markdown, the public view with its pre-publish check, and the
//! index page of a site of reports (backups and share links are `exchange`). The caller passes the time zones and the "generated at" time, so
//! every output is deterministic.

pub mod html;
pub mod markdown;
pub mod public;
pub mod scrub;
pub mod site_index;

use crate::model::{Impact, SourceKind, TimelineEvent};
use chrono::{DateTime, Utc};

/// Who a rendering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Everything in the review, for the organisation.
    Internal,
    /// Only what is marked public, people replaced by roles or aliases, redactions applied.
    Public,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    pub audience: Audience,
    /// Printed in the report; passed in so rendering stays deterministic.
    pub generated_at: DateTime<Utc>,
}

/// "The timeline rests on 4 events: 1 from alerts, 1 from chat…", by source kind.
pub(crate) fn sources_sentence(events: &[TimelineEvent]) -> String {
    if events.is_empty() {
        return "The timeline has no events yet.".to_owned();
    }
    let parts: Vec<String> = SourceKind::ALL
        .iter()
        .filter_map(|kind| {
            let n = events.iter().filter(|e| e.source.kind == *kind).count();
            (n > 0).then(|| format!("{n} from {}", source_noun(*kind)))
        })
        .collect();
    format!(
        "The timeline rests on {} event{}: {}.",
        events.len(),
        if events.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// How far the incident reached, in one sentence: "Felt in production and dogfooding.
/// Customers felt it. It was not caught before production." Only what the analyst recorded;
/// `None` when nothing is.
pub(crate) fn reach_sentence(impact: &Impact) -> Option<String> {
    let mut parts = Vec::new();
    let environments: Vec<&str> = impact
        .environments
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    match environments.as_slice() {
        [] => {}
        [one] => parts.push(format!("Felt in {one}.")),
        [rest @ .., last] => parts.push(format!("Felt in {} and {last}.", rest.join(", "))),
    }
    match impact.customer_facing {
        Some(true) => parts.push("Customers felt it.".to_owned()),
        Some(false) => parts.push("Customers did not feel it.".to_owned()),
        None => {}
    }
    match impact.caught_before_production {
        Some(true) => parts.push("It was caught before production.".to_owned()),
        Some(false) => parts.push("It reached production.".to_owned()),
        None => {}
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn source_noun(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Chat => "chat",
        SourceKind::Alert => "alerts",
        SourceKind::Deploy => "deploy records",
        SourceKind::Ticket => "tickets",
        SourceKind::PullRequest => "pull requests",
        SourceKind::Dashboard => "dashboards",
        SourceKind::Interview => "interviews",
        SourceKind::Note => "the analyst's notes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_says_only_what_was_recorded() {
        let mut impact = Impact::default();
        assert_eq!(reach_sentence(&impact), None);
        impact.environments = vec![" production ".into(), String::new()];
        assert_eq!(reach_sentence(&impact).unwrap(), "Felt in production.");
        impact.environments = vec!["production".into(), "staging".into(), "dogfooding".into()];
        impact.customer_facing = Some(false);
        impact.caught_before_production = Some(true);
        assert_eq!(
            reach_sentence(&impact).unwrap(),
            "Felt in production, staging and dogfooding. Customers did not feel it. It was caught before production."
        );
        impact.environments.clear();
        impact.customer_facing = Some(true);
        impact.caught_before_production = Some(false);
        assert_eq!(
            reach_sentence(&impact).unwrap(),
            "Customers felt it. It reached production."
        );
    }
}
