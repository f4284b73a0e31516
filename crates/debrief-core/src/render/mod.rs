//! Artifacts people read, as pure functions of a review: the single-file HTML report
//! (internal or public), Markdown, the public view with its pre-publish check, share links
//! and workbook backups. The caller passes the time zones and the "generated at" time, so
//! every output is deterministic.

pub mod backup;
pub mod html;
pub mod markdown;
pub mod public;
pub mod share;

use crate::model::{SourceKind, TimelineEvent};
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
