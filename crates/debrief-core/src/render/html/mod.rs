//! The single-file HTML report: one file that reads well from `file://`, an e-mail or a wiki
//! attachment, prints cleanly, and can be dropped back into the workbook.
//!
//! Safety comes from construction, not from filtering afterwards:
//! - there is no JavaScript at all, and a Content-Security-Policy meta tag (first after the
//!   charset, so it governs everything after it) forbids scripts, remote loads, forms and
//!   `<base>` even if markup ever slipped through;
//! - every piece of review text goes through [`text`] (element content) or [`attr`]
//!   (attribute values) and nothing else; both also drop characters that have no business in
//!   a report (controls, NUL, bidirectional overrides that could make text read backwards);
//! - links become anchors only when they are http(s) (checked by
//!   [`validate::check_link`]) or `mailto:`; anything else is shown as plain text;
//! - the visual timeline comes from [`chart::render_timeline_svg`], and the participation
//!   charts from [`participation_chart`], which escape their own text and use no `href`;
//! - the review's JSON rides in a `<script type="application/json">` data block (browsers
//!   never execute that type) with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`
//!   escapes, so no text inside it can close the element or open a comment.
//!
//! The public report renders [`public_view`] of the review, and that same public review is
//! what the data block carries: nothing internal is in the file, not even hidden. Chat
//! transcripts are internal material: only the internal report reads them, and even there
//! only names, counts and times are shown, never what anyone wrote.

use super::public::public_view;
use super::{reach_sentence, sources_sentence, Audience, RenderOptions};
use crate::analysis::participation::{self, Participation};
use crate::analysis::{actions, chart, hypotheses, metrics, participation_chart, people, timeline};
use crate::document::encode;
use crate::markup::{attr, text};
use crate::model::{
    ActionItem, ContributingFactor, EntityId, EvidenceStance, FactorCategory, Hypothesis,
    HypothesisStatus, Note, Person, Review, TimeKnown, TimelineEvent, Timestamp, TriggerClass,
    Visibility, WrittenTime,
};
use crate::text::count;
use crate::text::is_unshown;
use crate::time::{format_duration, format_instant, TimeZones, Zone, ZonedLabel};
use crate::triage::ReviewTranscripts;
use crate::validate;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

/// The `id` of the data block holding the review's JSON.
pub const REVIEW_DATA_ID: &str = "debrief-review";

/// The Content-Security-Policy of every report: inline styles, inline SVG and data images
/// render; scripts, remote loads, forms and `<base>` do not. Pages that list reports (the
/// command-line tool's site index) carry the same.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                   base-uri 'none'; form-action 'none'";

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The report as one HTML document. The public audience renders [`public_view`] of
/// `review`; the internal one renders it whole.
pub fn render_html_report(
    review: &Review,
    zones: &dyn TimeZones,
    options: &RenderOptions,
) -> String {
    render_html_report_with_transcripts(review, None, zones, options)
}

/// [`render_html_report`], with a "Participation" section drawn from the review's chat
/// transcripts in the internal report when they hold any messages. The public report ignores
/// `transcripts` entirely: it is the same file as without them.
pub fn render_html_report_with_transcripts(
    review: &Review,
    transcripts: Option<&ReviewTranscripts>,
    zones: &dyn TimeZones,
    options: &RenderOptions,
) -> String {
    let (rendered, transcripts) = match options.audience {
        Audience::Internal => (Cow::Borrowed(review), transcripts),
        Audience::Public => (Cow::Owned(public_view(review)), None),
    };
    let report = Report::new(&rendered, review, zones, options);
    let mut out = String::with_capacity(64 * 1024);
    report.head(&mut out);
    out.push_str("<body>\n<main>\n");
    report.header(&mut out);
    report.summary(&mut out);
    report.impact(&mut out);
    report.timeline(&mut out);
    report.people(&mut out);
    if let Some(transcripts) = transcripts {
        report.participation(&mut out, transcripts);
    }
    report.hypotheses(&mut out);
    report.factors(&mut out);
    report.learnings(&mut out);
    report.quotes(&mut out);
    report.actions(&mut out);
    report.method(&mut out);
    out.push_str("</main>\n");
    report.footer(&mut out);
    data_block(&mut out, &rendered);
    out.push_str("</body>\n</html>\n");
    out
}

/// The JSON text of the review embedded in a report, with the report's escapes undone: what
/// [`crate::document::load`] reads when a report is dropped back into the workbook. `None`
/// when the HTML has no Debrief data block.
pub fn extract_embedded_review(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(start) = find_ignore_case(rest, "<script") {
        let tag_end = start + rest[start..].find('>')?;
        let tag = &rest[start..tag_end];
        let body = &rest[tag_end + 1..];
        let close = find_ignore_case(body, "</script")?;
        if has_data_id(tag) {
            return Some(unescape_json_block(&body[..close]));
        }
        rest = &body[close..];
    }
    None
}

/// Whether a `<script …` start tag carries our id, however a browser's "save page" may have
/// re-quoted it.
fn has_data_id(tag: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    [
        format!("id=\"{REVIEW_DATA_ID}\""),
        format!("id='{REVIEW_DATA_ID}'"),
        format!("id={REVIEW_DATA_ID}"),
    ]
    .iter()
    .any(|form| tag.contains(form.as_str()))
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The link as an `href` value when it is safe to follow: an absolute http(s) link as
/// validation accepts it, or a `mailto:` address without spaces or controls.
fn safe_href(link: &str) -> Option<String> {
    if let Ok(link) = validate::check_link(link) {
        if !link.chars().any(is_unshown) {
            return Some(link);
        }
    }
    let trimmed = link.trim();
    let is_mailto = trimmed
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"));
    let clean = !trimmed
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_unshown(c));
    (is_mailto && trimmed.len() > 7 && clean).then(|| trimmed.to_owned())
}

/// `label` linked to `link` when the link is safe, else the label and the link as plain text.
pub(crate) fn link_or_text(label: &str, link: &str) -> String {
    match safe_href(link) {
        Some(href) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            attr(&href),
            text(label)
        ),
        None => format!(
            "{} <span class=\"muted\">{}</span>",
            text(label),
            text(link)
        ),
    }
}

/// Undoes [`escape_json_block`]: `\u003c`, `\u003e`, `\u0026`, `\u2028` and `\u2029`
/// become their characters again. Aware of JSON escapes, so a backslash the review's own
/// text contains (`"\\u003c"` in the JSON) is left alone.
fn unescape_json_block(block: &str) -> String {
    let mut out = String::with_capacity(block.len());
    let mut rest = block;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let escape = &rest[i..];
        let decoded = escape
            .get(..6)
            .and_then(|e| e.strip_prefix("\\u"))
            .and_then(|hex| match hex.to_ascii_lowercase().as_str() {
                "003c" => Some('<'),
                "003e" => Some('>'),
                "0026" => Some('&'),
                "2028" => Some('\u{2028}'),
                "2029" => Some('\u{2029}'),
                _ => None,
            });
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &escape[6..];
            }
            None => {
                // Any other escape is copied whole, its second character included, so an
                // escaped backslash never starts a new escape.
                let len = escape[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&escape[..len]);
                rest = &escape[len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// JSON made safe inside `<script>`: these characters only ever occur inside JSON strings,
/// where a `\uXXXX` escape means the same thing.
fn escape_json_block(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn data_block(out: &mut String, review: &Review) {
    w!(
        out,
        "<script type=\"application/json\" id=\"{REVIEW_DATA_ID}\">{}</script>\n",
        escape_json_block(&encode(review))
    );
}

// ---------------------------------------------------------------------------------------------
// The report, section by section.

struct Report<'a> {
    /// What is rendered: the review itself, or its public view.
    review: &'a Review,
    zones: &'a dyn TimeZones,
    zone: Zone<'a>,
    audience: Audience,
    options: &'a RenderOptions,
    /// Overdue is judged against the day the report was generated.
    today: NaiveDate,
    /// The incident's first day on the review's clock ("2019-11-06"), else that of the
    /// earliest event: short times on it are shown without their date.
    first_day: Option<String>,
    /// How many interviews were held. Taken from the original review: the public view keeps
    /// only those with public quotes, but the method note should say how many took place.
    interviews_held: usize,
    people: HashMap<&'a EntityId, &'a Person>,
    events: HashMap<&'a EntityId, &'a TimelineEvent>,
}

/// The document's start up to `<body>`: charset, then the CSP (first, so the policy is in
/// force before anything else is read), the other meta tags, `title` (escaped here) and the
/// report's stylesheet followed by `extra_style`, a fixed string of the caller's. Shared by
/// every HTML report, so they all carry the same policy and look.
pub(crate) fn write_head(out: &mut String, title: &str, extra_style: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    out.push_str("<meta charset=\"utf-8\">\n");
    w!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        attr(CSP)
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str("<meta name=\"generator\" content=\"Debrief\">\n");
    w!(out, "<title>{}</title>\n", text(title));
    w!(out, "<style>\n{STYLE}{extra_style}</style>\n</head>\n");
}

fn first_day(review: &Review, zone: &Zone) -> Option<String> {
    let first = review
        .incident
        .start
        .or_else(|| review.timeline.iter().filter_map(|e| e.at).min())?;
    Some(format_instant(&first, zone).date)
}

fn status_class(status: HypothesisStatus) -> &'static str {
    match status {
        HypothesisStatus::Open => "open",
        HypothesisStatus::Supported => "supported",
        HypothesisStatus::Falsified => "falsified",
        HypothesisStatus::Abandoned => "abandoned",
    }
}

/// A paragraph of the analyst's text (line breaks kept by CSS), or a muted placeholder.
pub(crate) fn prose_or(out: &mut String, value: &str, placeholder: &str) {
    if value.trim().is_empty() {
        w!(out, "<p class=\"muted\">{placeholder}</p>\n");
    } else {
        w!(out, "<p class=\"prose\">{}</p>\n", text(value.trim()));
    }
}

fn chips(items: &[String]) -> String {
    items
        .iter()
        .filter(|i| !i.trim().is_empty())
        .map(|i| format!("<span class=\"chip\">{}</span>", text(i)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tag_line(tags: &[String]) -> String {
    if tags.iter().all(|t| t.trim().is_empty()) {
        String::new()
    } else {
        format!("<div class=\"tags\">{}</div>", chips(tags))
    }
}

/// A share as a whole percentage; "<1%" rather than a misleading "0%" for someone who did
/// write.
pub(crate) fn percent(count: usize, share: f64) -> String {
    let rounded = (share * 100.0).round();
    if count > 0 && rounded < 1.0 {
        "&lt;1%".to_owned()
    } else {
        format!("{rounded}%")
    }
}

/// The first words of a text, on one line, for references.
pub(crate) fn short(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

/// The report's one stylesheet. Colours come from custom properties so dark mode and print
/// only swap the palette. Tables scroll sideways on a phone rather than squeezing their
/// columns to a word each, and print at full width without scrolling.
pub(crate) const STYLE: &str = r#":root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2126; --muted: #5c6570; --line: #d9dee3; --soft: #f3f5f7;
  --accent: #2f5f8f; --key: #8a5a00; --key-bg: #fff3d6; --bad: #a3262a; --bad-bg: #fde8e8;
  --good: #2c6e36; --good-bg: #e4f3e6; --internal: #6b3fa0; --internal-bg: #efe7f8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16191d; --fg: #e4e7eb; --muted: #9aa4ae; --line: #343a41; --soft: #1f2328;
    --accent: #8bb8e8; --key: #f0c060; --key-bg: #3a2f14; --bad: #f19a9d; --bad-bg: #3d1d1f;
    --good: #8fd19a; --good-bg: #1c3321; --internal: #c7a6ef; --internal-bg: #2e2240;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
p, li, dd, blockquote { overflow-wrap: anywhere; }
/* In a table, "anywhere" would let columns shrink to a letter each; "break-word" keeps words
   whole and lets the table scroll sideways instead. */
td { overflow-wrap: break-word; }
.nowrap { white-space: nowrap; }
a { color: var(--accent); }
.prose { white-space: pre-line; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.lede { color: var(--muted); margin-top: 0; }
.report-header { padding-top: 1.5rem; }
.kicker { margin: 0; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.kicker.internal { color: var(--internal); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.5rem 1.5rem; margin: 0; }
.facts div { min-width: 0; }
.facts .wide { grid-column: 1 / -1; }
.facts dt { font-size: 0.8rem; color: var(--muted); }
.facts dd { margin: 0; }
.chip { display: inline-block; padding: 0 0.5rem; margin: 0.1rem 0; border: 1px solid var(--line); border-radius: 999px; background: var(--soft); font-size: 0.85rem; }
.tags { margin-top: 0.2rem; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 0.3rem; font-size: 0.75rem; font-weight: 600; line-height: 1.5; vertical-align: 0.1em; white-space: nowrap; }
.badge.key { color: var(--key); background: var(--key-bg); }
.badge.internal { color: var(--internal); background: var(--internal-bg); }
.badge.overdue { color: var(--bad); background: var(--bad-bg); }
.badge.status { background: var(--soft); border: 1px solid var(--line); }
.falsified .badge.status { color: var(--bad); background: var(--bad-bg); border-color: transparent; }
.supported .badge.status { color: var(--good); background: var(--good-bg); border-color: transparent; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 0.3rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
th { font-size: 0.8rem; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
.date { font-weight: 600; }
.offset { color: var(--muted); font-size: 0.8rem; }
tr.key td { background: var(--key-bg); }
tr.key td:first-child { box-shadow: inset 3px 0 var(--key); }
tr.overdue td { background: var(--bad-bg); }
.events td:nth-child(2) { min-width: 14rem; }
.actions-table td:first-child { min-width: 13rem; }
.chart { margin: 0.6rem 0 1rem; padding: 0.5rem; border: 1px solid var(--line); border-radius: 0.5rem; overflow-x: auto; }
.chart svg { display: block; min-width: 40rem; height: auto; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.3rem; }
.people-grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
@media (min-width: 62rem) { .people-grid { grid-template-columns: minmax(0, 1fr) 19rem; } }
.people-table { min-width: 34rem; }
.note { margin-top: 0.3rem; padding-left: 0.5rem; border-left: 3px solid var(--internal-bg); font-size: 0.85rem; }
.metrics { background: var(--soft); border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.4rem 1rem 0.8rem; align-self: start; }
.metrics h3 { margin-top: 0.6rem; }
.metrics dl { margin: 0; }
.metric { padding: 0.5rem 0; border-top: 1px solid var(--line); }
.metric:first-child { border-top: 0; }
.metric dt { font-weight: 600; }
.metric dd { margin: 0; font-size: 0.85rem; }
.metric dd.value { font-size: 1.25rem; font-variant-numeric: tabular-nums; }
.metric dd.explain { color: var(--muted); font-size: 0.78rem; }
.card { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.6rem 1rem; margin: 0.8rem 0; background: var(--bg); }
.card h3 { margin-top: 0.2rem; }
.hypothesis .statement { font-weight: 600; margin: 0.2rem 0; }
.hypothesis p { margin: 0.3rem 0; }
.evidence { margin: 0.3rem 0; padding-left: 1.2rem; }
.evidence .for::marker { color: var(--good); }
.evidence .against::marker { color: var(--bad); }
.total { margin-top: 1rem; }
.category ul, .card ul { padding-left: 1.2rem; margin: 0.3rem 0; }
.category li, .card li { margin: 0.3rem 0; }
.refs { font-size: 0.85rem; }
.learning-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1rem; }
.quote { margin: 0.8rem 0; padding-left: 1rem; border-left: 3px solid var(--line); }
.quote blockquote { margin: 0; font-style: italic; }
.method ul { padding-left: 1.2rem; }
footer { margin-top: 2.5rem; padding-top: 0.8rem; padding-bottom: 2rem; border-top: 1px solid var(--line); font-size: 0.9rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.5rem; }
  th, td { padding: 0.35rem 0.4rem; }
}
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444c55; --line: #b8bfc6; --soft: #f3f5f7;
    --accent: #1d3f66; --key-bg: #fff3d6; --bad-bg: #fde8e8;
  }
  body { font-size: 10.5pt; }
  main, footer { max-width: none; padding: 0; }
  /* The header, summary and impact make a cover page; the timeline and the people each
     start a page. Other sections flow on, so a small review does not print half-empty pages. */
  .new-page { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .card, .metric, .quote, figure, .category li { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9pt; }
  .table-wrap, .chart { overflow: visible; }
  .chart svg, .people-table, .events td:nth-child(2), .actions-table td:first-child { min-width: 0; }
  .people-grid { grid-template-columns: minmax(0, 1fr); }
  .metrics dl { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
  .metric:nth-child(2) { border-top: 0; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); word-break: break-all; }
}
"#;

#[cfg(test)]
mod escaping_tests;
mod events;
mod findings;
mod involvement;
mod report;
#[cfg(all(test, feature = "bundled-zones"))]
mod tests;
