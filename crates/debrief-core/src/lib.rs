//! Debrief's domain: everything an incident review *is*, independent of where it is shown.
//!
//! Invariant: this crate knows nothing about the browser. No web-sys, no Leptos, no clock and
//! no randomness of its own — callers pass "now" and fresh ids in, so every function here is
//! deterministic and tested natively.
//!
//! - [`model`]: the review document and its sections.
//! - [`analysis`]: what is derived from a review (metrics, people, hypotheses, language).
//! - [`time`]: time zones, flexible time input, display with offsets.
//! - [`document`]: the one load path (parse → migrate → validate) and the stored envelope.
//! - [`edit`]: the edits the editor applies, each checked before it changes anything.
//! - [`validate`]: rules a review must satisfy, as typed errors in plain words.
//! - [`import`]: chat transcripts from Slack exports, pasted logs and CSV.
//! - [`render`]: reports (HTML, Markdown), the public view, share links and backups.
//! - [`meta`]: the meta-review across incidents: its document and which reviews it covers.
//! - [`folder`]: a workbook kept in a folder of files too (a git checkout): who changed what.
//! - [`library`]: the workbook index, templates and library search.
//! - [`triage`]: a review's stored transcripts, author matching, messages → events.
//! - [`text`]: small text helpers (lists as people type them).

pub mod analysis;
pub mod document;
pub mod edit;
pub mod exchange;
pub mod folder;
pub mod import;
pub mod library;
pub mod markup;
pub mod meta;
pub mod model;
pub mod render;
pub mod sorting;
pub mod text;
pub mod triage;

#[cfg(test)]
mod testing;
pub mod time;
pub mod validate;
