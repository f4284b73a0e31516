//! Artifacts people read, as pure functions of a review: the single-file HTML report
//! (internal or public), Markdown, the public view with its pre-publish check, share links
//! and workbook backups. The caller passes the time zones and the "generated at" time, so
//! every output is deterministic.

pub mod backup;
pub mod html;
pub mod markdown;
pub mod public;
pub mod share;

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
