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
use super::{Audience, RenderOptions};
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

impl<'a> Report<'a> {
    fn new(
        review: &'a Review,
        original: &Review,
        zones: &'a dyn TimeZones,
        options: &'a RenderOptions,
    ) -> Self {
        let zone = review.zone(zones);
        Self {
            review,
            zones,
            first_day: first_day(review, &zone),
            zone,
            audience: options.audience,
            options,
            today: options.generated_at.date_naive(),
            interviews_held: original.interviews.len(),
            people: review.people.iter().map(|p| (&p.id, p)).collect(),
            events: review.timeline.iter().map(|e| (&e.id, e)).collect(),
        }
    }

    fn internal(&self) -> bool {
        self.audience == Audience::Internal
    }

    /// A person's name as this report shows it (their alias in the public report).
    fn person_name(&self, id: Option<&EntityId>) -> Option<&'a str> {
        let person = self.people.get(id?)?;
        Some(match person.name.trim() {
            "" => "Unnamed person",
            name => name,
        })
    }

    /// An instant on the review's clock, with abbreviation and offset.
    fn time(&self, instant: &Timestamp) -> String {
        let label = format_instant(instant, &self.zone);
        format!(
            "<time datetime=\"{}\">{}</time>",
            attr(&instant.to_rfc3339()),
            text(&label.full())
        )
    }

    /// A short time ("03:00 PST") where the date goes without saying: on the incident's
    /// first day. Any other day is written out, so a span past midnight never reads as going
    /// backwards.
    fn clock(&self, instant: &Timestamp) -> String {
        let label = format_instant(instant, &self.zone);
        self.clock_of(
            instant,
            &label,
            self.first_day.as_deref() != Some(label.date.as_str()),
        )
    }

    fn clock_of(&self, instant: &Timestamp, label: &ZonedLabel, with_date: bool) -> String {
        let mut shown = String::new();
        if with_date {
            shown.push_str(&label.date);
            shown.push(' ');
        }
        shown.push_str(&label.time);
        if !label.abbreviation.is_empty() {
            shown.push(' ');
            shown.push_str(&label.abbreviation);
        }
        format!(
            "<time datetime=\"{}\">{}</time>",
            attr(&instant.to_rfc3339()),
            text(&shown)
        )
    }

    /// A time with how well it is known: "~03:00 PST (UTC-08:00)", "before …", a span, or a
    /// day with "time not known".
    fn written_time(&self, time: &WrittenTime) -> String {
        if time.known == TimeKnown::Day {
            let date = format_instant(&time.at, &self.zone).date;
            return format!(
                "<time datetime=\"{}\">{}</time> <span class=\"muted\">(time not known)</span>",
                attr(&date),
                text(&date)
            );
        }
        time.known
            .written(&self.time(&time.at), |latest| self.time(latest))
    }

    /// A short clock with how well it is known, for columns of times: "~03:00 PST".
    fn written_clock(&self, at: &Timestamp, known: TimeKnown) -> String {
        known.written(&self.clock(at), |latest| self.clock(latest))
    }

    fn optional_time(&self, instant: Option<&Timestamp>) -> String {
        instant.map_or_else(
            || "<span class=\"muted\">—</span>".to_owned(),
            |t| self.time(t),
        )
    }

    /// "Internal" next to entries the public report leaves out, so readers of the internal
    /// report know what will not be published.
    fn visibility_badge(&self, visibility: Visibility) -> &'static str {
        if self.internal() && visibility == Visibility::Internal {
            " <span class=\"badge internal\">Internal</span>"
        } else {
            ""
        }
    }

    // --- head ----------------------------------------------------------------------------

    fn head(&self, out: &mut String) {
        let suffix = match self.audience {
            Audience::Internal => "internal incident review",
            Audience::Public => "incident review",
        };
        write_head(
            out,
            &format!("{} — {suffix}", self.review.display_title()),
            "",
        );
    }

    // --- header --------------------------------------------------------------------------

    fn header(&self, out: &mut String) {
        let review = self.review;
        out.push_str("<header class=\"report-header\">\n");
        let (kind, class) = match self.audience {
            Audience::Internal => ("Internal incident review", "internal"),
            Audience::Public => ("Public incident review", "public"),
        };
        w!(out, "<p class=\"kicker {class}\">{kind}</p>\n");
        w!(out, "<h1>{}</h1>\n", text(review.display_title()));
        out.push_str("<dl class=\"facts\">\n");
        w!(
            out,
            "<div><dt>Status</dt><dd>{}</dd></div>\n",
            review.status.label()
        );
        if !review.severity.trim().is_empty() {
            w!(
                out,
                "<div><dt>Severity</dt><dd>{}</dd></div>\n",
                text(&review.severity)
            );
        }
        w!(
            out,
            "<div class=\"wide\"><dt>Incident</dt><dd>{}</dd></div>\n",
            self.incident_window()
        );
        w!(
            out,
            "<div class=\"wide\"><dt>Times shown in</dt><dd>{}</dd></div>\n",
            self.zone_note()
        );
        w!(
            out,
            "<div class=\"wide\"><dt>Trigger</dt><dd>{}</dd></div>\n",
            self.trigger()
        );
        if !review.services.is_empty() {
            w!(
                out,
                "<div class=\"wide\"><dt>Services</dt><dd>{}</dd></div>\n",
                chips(&review.services)
            );
        }
        if !review.tags.is_empty() {
            w!(
                out,
                "<div class=\"wide\"><dt>Tags</dt><dd>{}</dd></div>\n",
                chips(&review.tags)
            );
        }
        out.push_str("</dl>\n</header>\n");
    }

    fn incident_window(&self) -> String {
        let incident = &self.review.incident;
        match (incident.written_start(), &incident.end) {
            (Some(start), Some(end)) => {
                let lasted = self
                    .review
                    .incident_duration()
                    .map(|span| {
                        format!(
                            " <span class=\"muted\">({})</span>",
                            text(&span.written(format_duration))
                        )
                    })
                    .unwrap_or_default();
                format!("{} → {}{lasted}", self.written_time(&start), self.time(end))
            }
            (Some(start), None) => {
                format!("From {}, end not recorded", self.written_time(&start))
            }
            (None, Some(end)) => format!("Until {}, start not recorded", self.time(end)),
            (None, None) => "<span class=\"muted\">Not recorded yet</span>".to_owned(),
        }
    }

    /// The zone by name, and a warning when this host does not know it (times fall back to
    /// UTC rather than the report refusing to render).
    fn zone_note(&self) -> String {
        let wanted = self.review.incident.time_zone.trim();
        if Zone::find(self.zones, wanted).is_some() {
            format!(
                "{} <span class=\"muted\">(each time with its UTC offset)</span>",
                text(self.zone.name())
            )
        } else {
            format!(
                "UTC <span class=\"muted\">(the review's zone “{}” is not known here)</span>",
                text(wanted)
            )
        }
    }

    fn trigger(&self) -> String {
        let trigger = &self.review.trigger;
        let mut shown = format!("<strong>{}</strong>", trigger.class.label());
        if trigger.class == TriggerClass::SelfChangeCaused {
            if let Some(kind) = trigger.change_kind {
                w!(shown, " · {}", kind.label());
            }
        }
        if trigger.description.trim().is_empty() {
            w!(
                shown,
                " <span class=\"muted\">{}</span>",
                text(trigger.class.description())
            );
        } else {
            w!(
                shown,
                "<br><span class=\"prose\">{}</span>",
                text(&trigger.description)
            );
        }
        shown
    }

    // --- summary and impact --------------------------------------------------------------

    fn summary(&self, out: &mut String) {
        out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n");
        prose_or(out, &self.review.summary, "No summary written yet.");
        out.push_str("</section>\n");
    }

    fn impact(&self, out: &mut String) {
        let impact = &self.review.impact;
        out.push_str("<section class=\"impact\">\n<h2>Impact</h2>\n");
        prose_or(out, &impact.statement, "No impact statement written yet.");
        if let Some(reach) = super::reach_sentence(impact) {
            w!(out, "<p class=\"reach\">{}</p>\n", text(&reach));
        }
        if !impact.windows.is_empty() {
            out.push_str(
                "<div class=\"table-wrap\">\n<table>\n<caption>Impact windows</caption>\n\
                 <thead><tr><th>What was affected</th><th>How much</th><th>From</th>\
                 <th>Until</th><th>Lasted</th></tr></thead>\n<tbody>\n",
            );
            for window in &impact.windows {
                let lasted = match (window.start, window.end) {
                    (Some(start), Some(end)) => text(&format_duration(end - start)),
                    _ => "<span class=\"muted\">—</span>".to_owned(),
                };
                w!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td class=\"when\">{}</td><td class=\"when\">{}</td>\
                     <td class=\"nowrap\">{lasted}</td></tr>\n",
                    text(&window.affected),
                    text(&window.magnitude),
                    self.optional_time(window.start.as_ref()),
                    self.optional_time(window.end.as_ref()),
                );
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        out.push_str("</section>\n");
    }

    // --- timeline ------------------------------------------------------------------------

    fn timeline(&self, out: &mut String) {
        out.push_str("<section class=\"timeline new-page\">\n<h2>Timeline</h2>\n");
        let options = chart::ChartOptions {
            id_prefix: "report".to_owned(),
            include_internal: self.internal(),
            ..chart::ChartOptions::for_review(self.review)
        };
        out.push_str("<figure class=\"chart\">\n");
        out.push_str(&chart::render_timeline_svg(
            self.review,
            self.zones,
            &options,
        ));
        out.push_str(
            "\n<figcaption>The timeline at a glance: one lane per person, impact shaded, \
             key events labelled, hypotheses as bars from raised to settled.</figcaption>\n\
             </figure>\n",
        );
        if self.review.timeline.is_empty() {
            out.push_str("<p class=\"muted\">No timeline events recorded yet.</p>\n</section>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"events\">\n\
             <caption>Events in time order; <span class=\"badge key\">Key</span> marks the \
             moments that mattered most.</caption>\n\
             <thead><tr><th>When</th><th>What happened</th><th>Who</th><th>Kind</th>\
             <th>Source</th></tr></thead>\n<tbody>\n",
        );
        let mut last_date: Option<String> = None;
        for index in timeline::sorted_event_indices(self.review) {
            let event = &self.review.timeline[index];
            self.event_row(out, event, &mut last_date);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// One event. The date is written only when it changes, so a night's events read as a
    /// column of clock times.
    fn event_row(&self, out: &mut String, event: &TimelineEvent, last_date: &mut Option<String>) {
        let when = match &event.at {
            Some(at) => {
                let label = format_instant(at, &self.zone);
                let mut when = String::new();
                if last_date.as_deref() != Some(label.date.as_str()) {
                    w!(when, "<span class=\"date\">{}</span> ", text(&label.date));
                    *last_date = Some(label.date.clone());
                }
                let clock = self.clock_of(at, &label, false);
                if event.time_known == TimeKnown::Day {
                    when.push_str("<span class=\"muted\">time not known</span>");
                } else {
                    let written = event.time_known.written(&clock, |latest| {
                        let latest_label = format_instant(latest, &self.zone);
                        let other_day = latest_label.date != label.date;
                        self.clock_of(latest, &latest_label, other_day)
                    });
                    w!(
                        when,
                        "{written} <span class=\"offset\">{}</span>",
                        text(&label.offset)
                    );
                }
                if let Some(meaning) = event.time_known.description() {
                    w!(when, "<span class=\"visually-hidden\"> ({meaning})</span>");
                }
                if let Some(end) = &event.end {
                    // The end's date only when it is not the start's.
                    let end_label = format_instant(end, &self.zone);
                    let other_day = end_label.date != label.date;
                    w!(
                        when,
                        "<br><span class=\"muted\">until {} ({})</span>",
                        self.clock_of(end, &end_label, other_day),
                        text(&format_duration(*end - *at))
                    );
                }
                when
            }
            None => "<span class=\"muted\">No time</span>".to_owned(),
        };
        let key = if event.key {
            "<span class=\"badge key\">Key</span> "
        } else {
            ""
        };
        let who = self
            .person_name(event.actor.as_ref())
            .map(text)
            .unwrap_or_default();
        let source = match &event.source.link {
            Some(link) => link_or_text(event.source.kind.label(), link),
            None => text(event.source.kind.label()),
        };
        w!(
            out,
            "<tr{}><td class=\"when\">{when}</td><td>{key}<span class=\"prose\">{}</span>{}{}</td>\
             <td>{who}</td><td class=\"nowrap\">{}</td><td>{source}</td></tr>\n",
            if event.key { " class=\"key\"" } else { "" },
            text(&event.text),
            self.visibility_badge(event.visibility),
            tag_line(&event.tags),
            event.kind.label(),
        );
    }

    // --- people and metrics --------------------------------------------------------------

    fn people(&self, out: &mut String) {
        out.push_str("<section class=\"people new-page\">\n<h2>People and response</h2>\n");
        out.push_str(
            "<p class=\"lede\">Who was involved and when, beside the response metrics. \
             Night is 22:00–06:00 on each person's own clock. These explain what made sense \
             at the time; they are not a measure of anyone.</p>\n",
        );
        out.push_str("<div class=\"people-grid\">\n");
        self.people_table(out);
        self.metrics(out);
        out.push_str("</div>\n</section>\n");
    }

    fn people_table(&self, out: &mut String) {
        let others = people::others_involved_sentence(self.review, |p| {
            self.person_name(Some(&p.id)).unwrap_or_default().to_owned()
        });
        if !self.review.people.iter().any(|p| p.is_person()) {
            out.push_str("<div>\n<p class=\"muted\">No people recorded yet.</p>\n");
            if let Some(others) = others {
                w!(out, "<p>{}</p>\n", text(&others));
            }
            out.push_str("</div>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"people-table\">\n\
             <thead><tr><th>Person</th><th>Team</th><th>Involved</th><th>Events</th>\
             <th>At night</th><th>Other pages</th><th>Hypotheses raised</th></tr></thead>\n\
             <tbody>\n",
        );
        let activity = people::people_activity(self.review, self.zones);
        let people = self.review.people.iter().filter(|p| p.is_person());
        for (person, activity) in people.zip(&activity) {
            let mut who = format!(
                "<strong>{}</strong>",
                text(self.person_name(Some(&person.id)).unwrap_or_default())
            );
            let roles: Vec<&str> = person.roles.iter().map(|r| r.label()).collect();
            if !roles.is_empty() {
                w!(who, "<br><span class=\"muted\">{}</span>", roles.join(", "));
            }
            if !person.on_call_for.trim().is_empty() {
                w!(
                    who,
                    "<br><span class=\"muted\">On call for {}</span>",
                    text(&person.on_call_for)
                );
            }
            if let Some(zone) = &person.time_zone {
                w!(who, "<br><span class=\"muted\">{}</span>", text(zone));
            }
            if self.internal() && !person.notes.trim().is_empty() {
                w!(
                    who,
                    "<div class=\"note prose\">{}</div>",
                    text(&person.notes)
                );
            }
            let mut team = text(&person.team);
            if let Some(months) = person.tenure_months {
                w!(
                    team,
                    "<br><span class=\"muted nowrap\">{months} month{}</span>",
                    if months == 1 { "" } else { "s" }
                );
            }
            let involved = match (&activity.first_involvement, &activity.last_activity) {
                (Some(first), Some(last)) => format!(
                    "{} → {}<br><span class=\"muted\">{}</span>",
                    self.clock(first),
                    self.clock(last),
                    text(&format_duration(*last - *first))
                ),
                _ => "<span class=\"muted\">—</span>".to_owned(),
            };
            w!(
                out,
                "<tr><td>{who}</td><td>{team}</td><td class=\"when\">{involved}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                activity.event_count,
                activity.night_events,
                activity.other_incident_events,
                activity.hypotheses_raised,
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if let Some(others) = others {
            w!(out, "<p>{}</p>\n", text(&others));
        }
        out.push_str("</div>\n");
    }

    fn metrics(&self, out: &mut String) {
        let metrics = metrics::response_metrics(self.review);
        out.push_str("<aside class=\"metrics\">\n<h3>Response metrics</h3>\n<dl>\n");
        for metric in metrics::Metric::ALL {
            w!(out, "<div class=\"metric\"><dt>{}</dt>", metric.label());
            if let Some(value) = metrics.values.iter().find(|v| v.metric == metric) {
                w!(
                    out,
                    "<dd class=\"value\">{}</dd><dd class=\"muted\">{} → {}</dd>",
                    text(&value.span.written(format_duration)),
                    self.written_clock(&value.from, value.from_known),
                    self.written_clock(&value.to, value.to_known),
                );
            } else if let Some((_, reason)) = metrics.missing.iter().find(|(m, _)| *m == metric) {
                w!(
                    out,
                    "<dd class=\"value muted\">—</dd><dd class=\"muted\">{}</dd>",
                    text(reason)
                );
            }
            w!(
                out,
                "<dd class=\"explain\">{}</dd></div>\n",
                text(metric.explanation())
            );
        }
        out.push_str("</dl>\n</aside>\n");
    }

    // --- participation -------------------------------------------------------------------

    fn participation(&self, out: &mut String, transcripts: &ReviewTranscripts) {
        let Some(range) = participation::message_range(transcripts) else {
            return;
        };
        let settings = participation::default_settings(range);
        let found = participation::participation(self.review, transcripts, self.zones, &settings);
        out.push_str("<section class=\"participation new-page\">\n<h2>Participation</h2>\n");
        let writers = found.speakers.iter().filter(|s| s.messages > 0).count();
        w!(
            out,
            "<p class=\"lede\">Who was writing when in the imported chat: {} from {}, and {}. \
             Counts show where to look and what to ask (who carried the night, who joined and \
             stayed silent, when alerts piled up); they are not a measure of anyone. What people \
             wrote is not part of this report.</p>\n",
            count(found.message_count, "message", "messages"),
            count(writers, "person", "people"),
            count(found.alert_count, "alert", "alerts"),
        );
        let options = participation_chart::ParticipationChartOptions {
            id_prefix: "report-participation".to_owned(),
            zone_label: found.zone.clone(),
            ..participation_chart::ParticipationChartOptions::default()
        };
        w!(
            out,
            "<figure class=\"chart\">\n{}\n<figcaption>Messages in {} buckets for each person; \
             alerts and the number of people in the channel on their own rows; impact windows \
             shaded; silences of more than {} marked.</figcaption>\n</figure>\n",
            participation_chart::render_participation_svg(self.review, &found, &options),
            text(&format_duration(found.bucket)),
            text(&format_duration(found.quiet_gap)),
        );
        w!(
            out,
            "<figure class=\"chart\">\n{}\n<figcaption>Messages by weekday and hour on the \
             incident's clock ({}); night, 22:00–06:00, marked.</figcaption>\n</figure>\n",
            participation_chart::render_activity_heatmap_svg(&found, &options),
            text(&found.zone),
        );
        self.team_line(out, &found);
        self.speaker_table(out, &found);
        self.quiet_gaps(out, &found);
        out.push_str("</section>\n");
    }

    fn team_line(&self, out: &mut String, found: &Participation) {
        if found.message_count == 0 {
            return;
        }
        let teams: Vec<String> = found
            .teams
            .iter()
            .filter(|t| t.messages > 0)
            .map(|t| {
                format!(
                    "{} {} ({})",
                    t.team
                        .as_deref()
                        .map_or_else(|| "no team recorded".to_owned(), text),
                    count(t.messages, "message", "messages"),
                    count(t.speakers, "person", "people"),
                )
            })
            .collect();
        w!(out, "<p>By team: {}.</p>\n", teams.join("; "));
    }

    fn speaker_table(&self, out: &mut String, found: &Participation) {
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"people-table\">\n\
             <caption>Most messages first. Share is of people's messages (alerts, joins and \
             channel notices left out); night is 22:00–06:00 on each person's own \
             clock.</caption>\n\
             <thead><tr><th>Person</th><th>Team</th><th>Tenure</th><th>First message</th>\
             <th>Last message</th><th>Messages</th><th>Share</th><th>At night</th></tr></thead>\n\
             <tbody>\n",
        );
        for speaker in &found.speakers {
            let mut who = format!("<strong>{}</strong>", text(&speaker.name));
            if speaker.only_joined {
                who.push_str(" <span class=\"badge status\">Only joined</span>");
            }
            let roles: Vec<&str> = speaker.roles.iter().map(|r| r.label()).collect();
            if !roles.is_empty() {
                w!(who, "<br><span class=\"muted\">{}</span>", roles.join(", "));
            }
            if speaker.person.is_none() {
                who.push_str("<br><span class=\"muted\">Chat name, not linked to a person</span>");
            } else if speaker.authors.iter().any(|a| *a != speaker.name) {
                let names: Vec<String> = speaker.authors.iter().map(|a| text(a)).collect();
                w!(
                    who,
                    "<br><span class=\"muted\">In chat as {}</span>",
                    names.join(", ")
                );
            }
            if let Some(joined) = &speaker.joined_at {
                w!(
                    who,
                    "<br><span class=\"muted\">Joined {}",
                    self.clock(joined)
                );
                if let Some(left) = &speaker.left_at {
                    w!(who, ", left {}", self.clock(left));
                }
                who.push_str("</span>");
            } else if let Some(left) = &speaker.left_at {
                w!(
                    who,
                    "<br><span class=\"muted\">Left {}</span>",
                    self.clock(left)
                );
            }
            let dash = "<span class=\"muted\">—</span>";
            let team = speaker
                .team
                .as_deref()
                .map_or_else(|| dash.to_owned(), text);
            let tenure = speaker.tenure_months.map_or_else(
                || dash.to_owned(),
                |months| format!("{months} month{}", if months == 1 { "" } else { "s" }),
            );
            let when = |t: Option<&Timestamp>| t.map_or_else(|| dash.to_owned(), |t| self.clock(t));
            w!(
                out,
                "<tr><td>{who}</td><td>{team}</td><td class=\"nowrap\">{tenure}</td>\
                 <td class=\"when\">{}</td><td class=\"when\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                when(speaker.first_message.as_ref()),
                when(speaker.last_message.as_ref()),
                speaker.messages,
                percent(speaker.messages, speaker.share),
                speaker.night_messages,
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn quiet_gaps(&self, out: &mut String, found: &Participation) {
        out.push_str("<h3>Quiet gaps</h3>\n");
        let threshold = text(&format_duration(found.quiet_gap));
        if found.quiet_gaps.is_empty() {
            w!(
                out,
                "<p class=\"muted\">No silence between people's messages longer than \
                 {threshold}.</p>\n"
            );
            return;
        }
        // The same gaps the chart marks.
        let (listed, left_out) = found.longest_quiet_gaps(participation::SHOWN_QUIET_GAPS);
        let caption = if left_out > 0 {
            format!(
                "The {} longest of {} silences between people's messages longer \
                 than {threshold}, in time order.",
                listed.len(),
                found.quiet_gaps.len()
            )
        } else {
            format!("Silences between people's messages longer than {threshold}.")
        };
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n\
             <thead><tr><th>From</th><th>Until</th><th>Lasted</th><th>Alerts meanwhile</th>\
             </tr></thead>\n<tbody>\n"
        );
        for gap in listed {
            w!(
                out,
                "<tr><td class=\"when\">{}</td><td class=\"when\">{}</td>\
                 <td class=\"nowrap\">{}</td><td class=\"num\">{}</td></tr>\n",
                self.clock(&gap.start),
                self.clock(&gap.end),
                text(&format_duration(gap.length)),
                gap.alerts,
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    // --- hypotheses ----------------------------------------------------------------------

    fn hypotheses(&self, out: &mut String) {
        out.push_str("<section class=\"hypotheses\">\n<h2>Hypotheses</h2>\n");
        if self.review.hypotheses.is_empty() {
            out.push_str("<p class=\"muted\">No hypotheses recorded.</p>\n</section>\n");
            return;
        }
        let timings = hypotheses::hypothesis_timings(self.review);
        for (hypothesis, timing) in self.review.hypotheses.iter().zip(&timings) {
            self.hypothesis_card(out, hypothesis, timing);
        }
        let falsified = hypotheses::time_on_falsified(self.review);
        w!(
            out,
            "<p class=\"total\">Time the response spent on hypotheses later falsified: \
             <strong>{}</strong> <span class=\"muted\">(wall-clock; overlapping ones count \
             once). Being wrong for a while is normal: the question is what made them \
             convincing.</span></p>\n",
            text(&format_duration(falsified))
        );
        out.push_str("</section>\n");
    }

    fn hypothesis_card(
        &self,
        out: &mut String,
        hypothesis: &Hypothesis,
        timing: &hypotheses::HypothesisTiming,
    ) {
        let status = hypothesis.status;
        w!(
            out,
            "<article class=\"card hypothesis {}\">\n<p class=\"statement\"><span class=\"badge \
             status\">{}</span> <span class=\"prose\">{}</span>{}</p>\n",
            status_class(status),
            status.label(),
            text(&hypothesis.statement),
            self.visibility_badge(hypothesis.visibility),
        );
        let mut held = Vec::new();
        if let Some(name) = self.person_name(hypothesis.raised_by.as_ref()) {
            held.push(format!("Raised by {}", text(name)));
        }
        if let Some(at) = &timing.raised_at {
            held.push(format!("at {}", self.time(at)));
        }
        if let Some(settled) = &timing.settled_at {
            held.push(format!(
                "{} at {}",
                status.label().to_lowercase(),
                self.time(settled)
            ));
        }
        if let Some(span) = timing.held_for {
            let still = if timing.still_open { " so far" } else { "" };
            held.push(format!(
                "held for <strong>{}</strong>{still}",
                text(&format_duration(span))
            ));
        }
        if !held.is_empty() {
            w!(out, "<p class=\"muted\">{}</p>\n", held.join(", "));
        }
        if !hypothesis.disproof.trim().is_empty() {
            w!(
                out,
                "<p><em>What would prove it wrong:</em> <span class=\"prose\">{}</span></p>\n",
                text(&hypothesis.disproof)
            );
        }
        if !hypothesis.evidence.is_empty() {
            out.push_str("<ul class=\"evidence\">\n");
            for evidence in &hypothesis.evidence {
                let (class, label) = match evidence.stance {
                    EvidenceStance::For => ("for", "For"),
                    EvidenceStance::Against => ("against", "Against"),
                };
                w!(
                    out,
                    "<li class=\"{class}\"><strong>{label}:</strong> <span class=\"prose\">{}</span>{}</li>\n",
                    text(&evidence.text),
                    self.event_reference(evidence.event.as_ref()),
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n");
    }

    /// " (event at 08:10 PST: “Fresh responder sees…”)" for a linked event.
    fn event_reference(&self, id: Option<&EntityId>) -> String {
        let Some(event) = id.and_then(|id| self.events.get(id)) else {
            return String::new();
        };
        let at = event
            .at
            .as_ref()
            .filter(|_| event.time_known != TimeKnown::Day)
            .map(|at| format!(" at {}", self.written_clock(at, event.time_known)))
            .unwrap_or_default();
        format!(
            " <span class=\"muted\">(event{at}: “{}”)</span>",
            text(&short(&event.text))
        )
    }

    // --- factors and learnings -----------------------------------------------------------

    fn factors(&self, out: &mut String) {
        out.push_str("<section class=\"factors\">\n<h2>Contributing factors</h2>\n");
        out.push_str(
            "<p class=\"lede\">Several conditions, each reasonable on its own, lined up. \
             None of them is “the” root cause.</p>\n",
        );
        if self.review.factors.is_empty() {
            out.push_str("<p class=\"muted\">No contributing factors recorded.</p>\n");
        }
        for category in FactorCategory::ALL {
            let factors: Vec<&ContributingFactor> = self
                .review
                .factors
                .iter()
                .filter(|f| f.category == category)
                .collect();
            if factors.is_empty() {
                continue;
            }
            w!(
                out,
                "<div class=\"category\">\n<h3>{}</h3>\n<ul>\n",
                category.label()
            );
            for factor in factors {
                w!(
                    out,
                    "<li><span class=\"prose\">{}</span>{}{}{}</li>\n",
                    text(&factor.description),
                    self.visibility_badge(factor.visibility),
                    tag_line(&factor.tags),
                    self.event_list(&factor.events),
                );
            }
            out.push_str("</ul>\n</div>\n");
        }
        out.push_str("</section>\n");
    }

    /// The linked events of a factor or learning, as small references.
    fn event_list(&self, ids: &[EntityId]) -> String {
        let references: String = ids
            .iter()
            .map(|id| self.event_reference(Some(id)))
            .collect();
        if references.is_empty() {
            String::new()
        } else {
            format!("<div class=\"refs\">{references}</div>")
        }
    }

    fn learnings(&self, out: &mut String) {
        let learnings = &self.review.learnings;
        out.push_str("<section class=\"learnings\">\n<h2>What we learned</h2>\n");
        out.push_str("<div class=\"learning-grid\">\n");
        for (title, notes) in [
            ("What went well", &learnings.went_well),
            ("Where we got lucky", &learnings.got_lucky),
            ("What was difficult", &learnings.difficult),
        ] {
            self.note_list(out, title, notes);
        }
        out.push_str("</div>\n</section>\n");
    }

    fn note_list(&self, out: &mut String, title: &str, notes: &[Note]) {
        w!(out, "<div class=\"card\">\n<h3>{title}</h3>\n");
        if notes.is_empty() {
            out.push_str("<p class=\"muted\">Nothing recorded.</p>\n");
        } else {
            out.push_str("<ul>\n");
            for note in notes {
                w!(
                    out,
                    "<li><span class=\"prose\">{}</span>{}{}</li>\n",
                    text(&note.text),
                    self.visibility_badge(note.visibility),
                    self.event_list(&note.events),
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }

    /// Quotes from interviews, in the participants' own words. The rest of the interview
    /// material stays in the workbook (and in the data block of the internal report).
    fn quotes(&self, out: &mut String) {
        let quotes: Vec<(&str, Option<&EntityId>, Visibility)> = self
            .review
            .interviews
            .iter()
            .flat_map(|i| {
                i.quotes
                    .iter()
                    .map(move |q| (q.text.as_str(), i.participant.as_ref(), q.visibility))
            })
            .filter(|(quote, _, _)| !quote.trim().is_empty())
            .collect();
        if quotes.is_empty() {
            return;
        }
        out.push_str("<section class=\"quotes\">\n<h2>In their words</h2>\n");
        for (quote, participant, visibility) in quotes {
            w!(
                out,
                "<figure class=\"quote\"><blockquote class=\"prose\">{}</blockquote>",
                text(quote)
            );
            let who = self.person_name(participant).map(text).unwrap_or_default();
            w!(
                out,
                "<figcaption>{who}{}</figcaption></figure>\n",
                self.visibility_badge(visibility)
            );
        }
        out.push_str("</section>\n");
    }

    // --- actions -------------------------------------------------------------------------

    fn actions(&self, out: &mut String) {
        let actions = &self.review.actions;
        out.push_str("<section class=\"actions\">\n<h2>Action items</h2>\n");
        if actions.is_empty() {
            out.push_str("<p class=\"muted\">No action items recorded.</p>\n</section>\n");
            return;
        }
        let with_tracker = actions.iter().any(|a| a.tracker_link.is_some());
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"actions-table\">\n\
             <thead><tr><th>What will change</th><th>Kind</th><th>Owner</th><th>Due</th>\
             <th>Status</th>",
        );
        if with_tracker {
            out.push_str("<th>Tracker</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for action in actions {
            self.action_row(out, action, with_tracker);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    fn action_row(&self, out: &mut String, action: &ActionItem, with_tracker: bool) {
        let overdue = actions::is_overdue(action, self.today);
        let due = match action.due {
            Some(due) if overdue => format!(
                "{} <span class=\"badge overdue\">Overdue</span>",
                text(&due.to_string())
            ),
            Some(due) => text(&due.to_string()),
            None => "<span class=\"muted\">—</span>".to_owned(),
        };
        let addresses: Vec<String> = action
            .factors
            .iter()
            .filter_map(|id| self.review.factors.iter().find(|f| &f.id == id))
            .map(|f| format!("“{}”", text(&short(&f.description))))
            .collect();
        let addresses = if addresses.is_empty() {
            String::new()
        } else {
            format!(
                "<div class=\"refs muted\">Addresses {}</div>",
                addresses.join(", ")
            )
        };
        w!(
            out,
            "<tr{}><td><span class=\"prose\">{}</span>{addresses}</td><td>{}</td><td>{}</td>\
             <td class=\"when\">{due}</td><td>{}</td>",
            if overdue { " class=\"overdue\"" } else { "" },
            text(&action.description),
            action.kind.label(),
            text(&action.owner),
            action.status.label(),
        );
        if with_tracker {
            let tracker = action
                .tracker_link
                .as_deref()
                .map(|link| link_or_text("Issue", link))
                .unwrap_or_default();
            w!(out, "<td>{tracker}</td>");
        }
        out.push_str("</tr>\n");
    }

    // --- method and footer ---------------------------------------------------------------

    fn method(&self, out: &mut String) {
        let review = self.review;
        out.push_str("<section class=\"method\">\n<h2>How this review was made</h2>\n<ul>\n");
        w!(
            out,
            "<li>{} held with people involved.</li>\n",
            match self.interviews_held {
                0 => "No interviews were".to_owned(),
                1 => "1 interview was".to_owned(),
                n => format!("{n} interviews were"),
            }
        );
        w!(
            out,
            "<li>{}</li>\n",
            super::sources_sentence(&review.timeline)
        );
        if self.internal() {
            let analyst = review.analyst.name.trim();
            let who = if analyst.is_empty() {
                "The analyst".to_owned()
            } else {
                format!("The analyst, {},", text(analyst))
            };
            let part = if review.analyst.took_part_in_incident {
                "took part in the response"
            } else {
                "did not take part in the response, and could ask the questions responders no \
                 longer can"
            };
            w!(out, "<li>{who} {part}.</li>\n");
        }
        if !review.deep_analysis.met.is_empty() {
            let signs: Vec<&str> = review.deep_analysis.met.iter().map(|c| c.label()).collect();
            w!(
                out,
                "<li>Signs that this incident deserved a deep analysis: {}.</li>\n",
                signs.join("; ")
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn footer(&self, out: &mut String) {
        out.push_str("<footer>\n");
        match self.audience {
            Audience::Public => out.push_str(
                "<p><strong>This is the public version of the review.</strong> Entries marked \
                 internal, interview notes and links into internal tools are left out; people \
                 are named by their role; terms the analyst listed are redacted.</p>\n",
            ),
            Audience::Internal => out.push_str(
                "<p><strong>Internal version: everything in the review, including what is \
                 not for publication.</strong> Share the public version outside the \
                 organisation.</p>\n",
            ),
        }
        let generated = self.options.generated_at.fixed_offset();
        w!(
            out,
            "<p class=\"muted\">Generated by Debrief on {}. The review's data is inside this \
             file: drop it onto Debrief to open it there.</p>\n",
            text(&format_instant(&generated, &Zone::utc(self.zones)).full())
        );
        out.push_str("</footer>\n");
    }
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
mod escaping_tests {
    use super::*;

    #[test]
    fn text_and_attributes_escape_what_they_must() {
        assert_eq!(text("a<b>&c\"d'e"), "a&lt;b&gt;&amp;c\"d'e");
        assert_eq!(attr("a<b>&c\"d'e"), "a&lt;b&gt;&amp;c&quot;d&#39;e");
        // NUL, other controls, bidi overrides and noncharacters never reach the page.
        assert_eq!(
            text("a\0b\u{1}c\u{7f}d\u{9b}e\u{202E}f\u{2066}g\u{FFFE}h\u{FDD0}i"),
            "abcdefghi"
        );
        assert_eq!(text("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(attr("line\nnext"), "line next");
        // Look-alikes are just text.
        assert_eq!(text("＜script＞"), "＜script＞");
    }

    #[test]
    fn only_web_and_mail_links_become_hrefs() {
        for good in [
            "https://example.com/x",
            " HTTP://example.com ",
            "https://x/\"onmouseover=\"alert(1)",
            "mailto:ops@example.com",
            "MAILTO:ops@example.com",
        ] {
            assert!(safe_href(good).is_some(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java&#x09;script:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "/relative",
            "https://",
            "https://a b",
            "mailto:",
            "mailto:a b@example.com",
            "https://x/\u{202E}gnp.exe",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
        assert_eq!(
            link_or_text("Chat", "javascript:alert(1)"),
            "Chat <span class=\"muted\">javascript:alert(1)</span>"
        );
        assert_eq!(
            link_or_text("Chat", "https://x/\"><b>"),
            "<a href=\"https://x/&quot;&gt;&lt;b&gt;\" rel=\"noopener noreferrer\">Chat</a>"
        );
    }

    #[test]
    fn the_data_block_escapes_reverse_exactly() {
        for tricky in [
            "</script><script>alert(1)</script>",
            "<!-- -->",
            "a & b > c",
            "\u{2028}\u{2029}",
            // The review's own text may contain what looks like our escapes.
            "\\u003c and \\\\u003c and \\\\\\u003e",
            "\\",
            "end with backslash \\",
            "ü € 𝄞",
        ] {
            let json = serde_json::to_string(&serde_json::json!({ "text": tricky })).unwrap();
            let block = escape_json_block(&json);
            assert!(
                !block.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
                "{block}"
            );
            assert_eq!(unescape_json_block(&block), json, "{tricky}");
            let back: serde_json::Value = serde_json::from_str(&block).unwrap();
            assert_eq!(back["text"], tricky, "the escaped block is the same JSON");
        }
    }

    #[test]
    fn extraction_finds_only_our_block() {
        assert_eq!(extract_embedded_review("<html><p>no data</p></html>"), None);
        assert_eq!(
            extract_embedded_review("<script type=\"application/json\">{}</script>"),
            None
        );
        let html = format!(
            "<SCRIPT>1</SCRIPT><p>x</p><script type='application/json' id='{REVIEW_DATA_ID}'>\
             {{\"a\":\"\\u003c/script\\u003e\"}}</Script>"
        );
        assert_eq!(
            extract_embedded_review(&html).as_deref(),
            Some("{\"a\":\"</script>\"}")
        );
        assert_eq!(
            extract_embedded_review(&format!("<script id={REVIEW_DATA_ID}>")),
            None,
            "an unclosed block is not a review"
        );
    }
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::document::load;
    use crate::model::{
        ActionItem, ChangeKind, ContributingFactor, DismissedFinding, EventKind, Evidence,
        ImpactWindow, IncidentRole, Interview, PromptNote, Quote, Redaction, ReviewId,
        ReviewTemplate, TimelineSource,
    };
    use crate::testing::{at, message, transcripts};
    use crate::time::BundledZones;
    use crate::validate::validate_review;
    use chrono::{DateTime, Utc};
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");

    fn fixture() -> Review {
        load(V1).expect("the v1 fixture loads")
    }

    fn options(audience: Audience) -> RenderOptions {
        RenderOptions {
            audience,
            // After the fixture's action was due, so the golden shows an overdue item.
            generated_at: DateTime::parse_from_rfc3339("2019-12-10T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    fn render(review: &Review, audience: Audience) -> String {
        render_html_report(review, &BundledZones, &options(audience))
    }

    /// What a rendering of `review` for `audience` shows and carries.
    fn rendered(review: &Review, audience: Audience) -> Review {
        match audience {
            Audience::Internal => review.clone(),
            Audience::Public => public_view(review),
        }
    }

    use crate::testing::assert_golden;

    const AUDIENCES: [Audience; 2] = [Audience::Internal, Audience::Public];

    // --- goldens -------------------------------------------------------------------------

    #[test]
    fn fixture_report_internal_matches_golden() {
        assert_golden(
            "report-internal.html",
            &render(&fixture(), Audience::Internal),
        );
    }

    #[test]
    fn seed_incident_reports_match_golden() {
        let seed = crate::testing::seed_incident();
        assert_golden(
            "seed-report-internal.html",
            &render(&seed, Audience::Internal),
        );
        assert_golden("seed-report-public.html", &render(&seed, Audience::Public));
    }

    #[test]
    fn inexact_times_are_written_as_the_record_gives_them() {
        let review: Review = load(include_str!("../../tests/fixtures/review-v4.json")).unwrap();
        let html = render(&review, Audience::Internal);
        for shown in [
            "~<time datetime=\"2019-11-06T01:50:00-08:00\">01:50 PST</time>",
            "before <time datetime=\"2019-11-06T02:00:00-08:00\">02:00 PST</time>",
            "05:12 PST</time>\u{2013}<time datetime=\"2019-11-06T05:47:00-08:00\">05:47 PST</time>",
            "<span class=\"muted\">time not known</span>",
            "(approximate time)",
            "(at least 7 h 25 min)",
        ] {
            assert!(html.contains(shown), "{shown}");
        }
        let markdown = crate::render::markdown::render_markdown(
            &review,
            &BundledZones,
            &options(Audience::Internal),
        );
        for shown in [
            "~2019-11-06 01:50 PST (UTC-08:00)",
            "before 2019-11-06 02:00 PST (UTC-08:00)",
            "2019-11-06 05:12 PST (UTC-08:00)\u{2013}05:47 PST",
            "2019-11-06, time not known",
            "**Incident:** before 2019-11-06 02:20 PST (UTC-08:00) to 09:45 PST (UTC-08:00) (at least 7 h 25 min)",
        ] {
            assert!(markdown.contains(shown), "{shown}\n{markdown}");
        }
    }

    #[test]
    fn fixture_report_public_matches_golden() {
        assert_golden("report-public.html", &render(&fixture(), Audience::Public));
    }

    #[test]
    fn fixture_reports_say_what_they_are() {
        let internal = render(&fixture(), Audience::Internal);
        let public = render(&fixture(), Audience::Public);
        assert!(internal.contains("Sam Reviewer"));
        assert!(internal.contains("Avery On-Call"));
        assert!(internal.contains("<span class=\"badge overdue\">Overdue</span>"));
        assert!(internal.contains("Internal version"));
        assert!(public.contains("This is the public version of the review."));
        assert!(!public.contains("Sam Reviewer"));
        assert!(!public.contains("Avery"));
        assert!(public.contains("On-call engineer"));
        assert!(public.contains("Responder"));
        assert!(!public.contains("Responders suspect the cloud provider"));
        // Both say how many interviews were held, even though the public one shows none.
        for html in [&internal, &public] {
            assert!(html.contains("1 interview was held"));
            assert!(html.contains("2019-11-06 02:20 PST (UTC-08:00)"));
        }
    }

    #[test]
    fn the_embedded_review_loads_back_to_exactly_what_was_rendered() {
        let review = fixture();
        for audience in AUDIENCES {
            let html = render(&review, audience);
            let expected = rendered(&review, audience);
            let json = extract_embedded_review(&html).expect("a data block");
            assert_eq!(json, encode(&expected));
            assert_eq!(load::<Review>(&json).unwrap(), expected);
        }
    }

    #[test]
    fn an_empty_review_renders_with_placeholders() {
        let review = Review::new(
            ReviewId::new("empty"),
            ReviewTemplate::LightReview,
            DateTime::<Utc>::UNIX_EPOCH,
        );
        for audience in AUDIENCES {
            let html = render(&review, audience);
            assert!(html.contains("<h1>Untitled review</h1>"));
            assert!(html.contains("No timeline events recorded yet."));
            assert!(html.contains("No interviews were held"));
            assert_eq!(
                load::<Review>(&extract_embedded_review(&html).unwrap()).unwrap(),
                rendered(&review, audience)
            );
        }
    }

    #[test]
    fn an_unknown_zone_is_shown_as_utc_and_said_so() {
        let mut review = fixture();
        review.incident.time_zone = "Mars/Olympus".to_owned();
        let html = render(&review, Audience::Internal);
        assert!(html.contains("the review's zone “Mars/Olympus” is not known here"));
        assert!(html.contains("2019-11-06 10:20 (UTC)"));
    }

    #[test]
    fn times_past_midnight_carry_their_date() {
        let mut review = fixture();
        review.incident.start = Some(at("2019-11-06T23:50:00-08:00"));
        review.incident.end = Some(at("2019-11-07T01:00:00-08:00"));
        review.impact.windows.clear();
        review.timeline[0].at = Some(at("2019-11-06T23:55:00-08:00"));
        review.timeline[0].end = Some(at("2019-11-07T00:40:00-08:00"));
        let html = render(&review, Audience::Internal);
        // The event's end, the person's involvement and the metrics name the new day.
        assert!(html.contains("until <time datetime=\"2019-11-07T00:40:00-08:00\">2019-11-07 00:40 PST</time> (45 min)"));
        assert!(html.contains(" PST</time> → <time datetime=\"2019-11-07T00:40:00-08:00\">2019-11-07 00:40 PST</time>"));
        // On the incident's first day the date goes without saying.
        assert!(html.contains("<time datetime=\"2019-11-06T23:50:00-08:00\">23:50 PST</time>"));
    }

    // --- parsing with a real HTML parser -------------------------------------------------

    struct Element {
        name: String,
        attrs: Vec<(String, String)>,
        /// The text of its direct text children (what a script, style or title holds).
        text: String,
        children: Vec<String>,
    }

    fn parse(html: &str) -> Handle {
        html5ever::parse_document(RcDom::default(), Default::default())
            .one(html)
            .document
    }

    fn collect(node: &Handle, out: &mut Vec<Element>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let children = node.children.borrow();
            out.push(Element {
                name: name.local.to_string(),
                attrs: attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        let prefix = a.name.prefix.as_ref().map(|p| format!("{p}:"));
                        (
                            format!("{}{}", prefix.unwrap_or_default(), a.name.local),
                            a.value.to_string(),
                        )
                    })
                    .collect(),
                text: children
                    .iter()
                    .filter_map(|c| match &c.data {
                        NodeData::Text { contents } => Some(contents.borrow().to_string()),
                        _ => None,
                    })
                    .collect(),
                children: children
                    .iter()
                    .filter_map(|c| match &c.data {
                        NodeData::Element { name, attrs, .. } => {
                            let attrs: Vec<String> = attrs
                                .borrow()
                                .iter()
                                .map(|a| format!("{}={}", a.name.local, a.value))
                                .collect();
                            Some(format!("{}[{}]", name.local, attrs.join(",")))
                        }
                        _ => None,
                    })
                    .collect(),
            });
        }
        for child in node.children.borrow().iter() {
            collect(child, out);
        }
    }

    /// Every element the report may contain: its own HTML, and the chart's SVG.
    const ALLOWED_ELEMENTS: [&str; 44] = [
        "html",
        "head",
        "body",
        "meta",
        "title",
        "style",
        "script",
        "main",
        "header",
        "footer",
        "section",
        "article",
        "aside",
        "figure",
        "figcaption",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "p",
        "div",
        "span",
        "strong",
        "em",
        "br",
        "ul",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "time",
        "svg",
        "g",
        "path",
        "rect",
        "text",
    ];
    const ALLOWED_SVG_EXTRA: [&str; 1] = ["desc"];

    fn is_safe_url(value: &str) -> bool {
        let value = value.trim().to_ascii_lowercase();
        ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| value.starts_with(scheme))
    }

    /// Everything the report promises about its markup, checked on the parsed document.
    fn assert_inert(html: &str, rendered: &Review, context: &str) {
        let mut elements = Vec::new();
        collect(&parse(html), &mut elements);

        let scripts: Vec<&Element> = elements.iter().filter(|e| e.name == "script").collect();
        assert_eq!(scripts.len(), 1, "{context}: exactly one script element");
        let script = scripts[0];
        assert_eq!(
            script.attrs,
            [
                ("type".to_owned(), "application/json".to_owned()),
                ("id".to_owned(), REVIEW_DATA_ID.to_owned())
            ],
            "{context}"
        );
        assert!(!script.text.contains('<'), "{context}");
        assert_eq!(
            unescape_json_block(&script.text),
            encode(rendered),
            "{context}: the data block carries exactly the rendered review"
        );
        assert_eq!(extract_embedded_review(html).unwrap(), encode(rendered));

        for element in &elements {
            assert!(
                ALLOWED_ELEMENTS.contains(&element.name.as_str())
                    || ALLOWED_SVG_EXTRA.contains(&element.name.as_str()),
                "{context}: unexpected <{}>",
                element.name
            );
            for (name, value) in &element.attrs {
                let lower = name.to_ascii_lowercase();
                assert!(
                    !lower.starts_with("on"),
                    "{context}: event handler {name}={value:?} on <{}>",
                    element.name
                );
                assert!(
                    ![
                        "src",
                        "action",
                        "formaction",
                        "srcdoc",
                        "style",
                        "srcset",
                        "background"
                    ]
                    .contains(&lower.as_str()),
                    "{context}: {name} on <{}>",
                    element.name
                );
                if lower == "href" || lower.ends_with(":href") {
                    assert!(is_safe_url(value), "{context}: href {value:?}");
                }
            }
        }
        for forbidden in [
            "iframe",
            "object",
            "embed",
            "base",
            "link",
            "form",
            "img",
            "image",
            "math",
            "input",
            "button",
            "frame",
            "foreignObject",
            "template",
            "noscript",
            "textarea",
            "xmp",
        ] {
            assert!(
                !elements
                    .iter()
                    .any(|e| e.name.eq_ignore_ascii_case(forbidden)),
                "{context}: <{forbidden}>"
            );
        }

        let head = elements.iter().find(|e| e.name == "head").unwrap();
        assert_eq!(head.children[0], "meta[charset=utf-8]", "{context}");
        assert_eq!(
            head.children[1],
            format!("meta[http-equiv=Content-Security-Policy,content={CSP}]"),
            "{context}: the CSP comes right after the charset"
        );
        let http_equiv: Vec<&Element> = elements
            .iter()
            .filter(|e| e.attrs.iter().any(|(n, _)| n == "http-equiv"))
            .collect();
        assert_eq!(http_equiv.len(), 1, "{context}: only the CSP meta");

        let styles: Vec<&Element> = elements.iter().filter(|e| e.name == "style").collect();
        assert_eq!(styles.len(), 1, "{context}");
        assert_eq!(styles[0].text, format!("\n{STYLE}"), "{context}");

        // The title is the review's text, shown as text, minus what reports never show.
        let shown_title: String = rendered
            .display_title()
            .chars()
            .filter(|c| !is_unshown(*c))
            .collect();
        let h1 = elements.iter().find(|e| e.name == "h1").unwrap();
        assert_eq!(h1.text, shown_title, "{context}");
        let title = elements.iter().find(|e| e.name == "title").unwrap();
        assert!(title.text.starts_with(&shown_title), "{context}");
    }

    #[test]
    fn the_fixture_reports_are_inert() {
        for audience in AUDIENCES {
            let review = fixture();
            assert_inert(
                &render(&review, audience),
                &rendered(&review, audience),
                &format!("fixture {audience:?}"),
            );
        }
    }

    /// Known XSS payloads and parser tricks.
    const PAYLOADS: [&str; 78] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "</script><script>alert(1)</script>",
        "</SCRIPT ><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<<script>alert(1)//<</script>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<img src=x oNeRrOr=alert`1`>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "<SVG ONLOAD=alert(1)>",
        "<body onload=alert(1)>",
        "<div onmouseover=\"alert(1)\">x</div>",
        "<a onclick=alert(1)>x</a>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)>",
        "<marquee onstart=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "' onmouseover='alert(1)",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "` onmouseover=alert(1) `",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#09;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "\u{1}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"java&#x09;script:alert(1)\">click</a>",
        "<a href=\" data:text/html,x\">click</a>",
        "</title><script>alert(1)</script>",
        "</style><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "-->",
        "<!--",
        "<!-- <script>alert(1)</script> -->",
        "--!><script>alert(1)</script>",
        "]]>",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><foreignObject><iframe src=javascript:alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"javascript:alert(1)\">",
        "<object data=\"javascript:alert(1)\">",
        "<embed src=\"javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<div style=\"width: expression(alert(1))\">",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<form action=\"https://evil.example\"><button formaction=javascript:alert(1)>x</button></form>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "<plaintext>",
        "<xmp><script>alert(1)</script></xmp>",
        "＜script＞alert(1)＜/script＞",
        "\u{202E}gnp.exe\u{202C} and \u{2066}isolate",
        "a\0b<scr\0ipt>alert(1)</script>",
        "\u{2028}\u{2029}</script>",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "\\\\u003c/script>",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp;&quot;&#39;",
        "\u{FEFF}\u{FFFE}\u{FFFF}\u{7F}\u{9B}<script>",
        "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
    ];

    /// Valid http(s) links (validation accepts them) that try to break out of an attribute.
    const HOSTILE_LINKS: [&str; 6] = [
        "https://x/\"onmouseover=\"alert(1)",
        "https://x/'><script>alert(1)</script>",
        "http://x/<svg/onload=alert(1)>",
        "HTTPS://x/</script><script>alert(1)</script>",
        "https://x/?a=1&b=<b>&quot;",
        "https://javascript:alert(1)@x/",
    ];

    /// A review with `payload` in every text field, public and internal entries of every
    /// kind, hostile links, and a redaction whose replacement is the payload too.
    fn hostile_review(payload: &str, n: usize) -> Review {
        let p = |what: &str| format!("{payload}{what}");
        let ident = |what: &str| EntityId::new(format!("{payload}#{what}"));
        let link = |k: usize| Some(HOSTILE_LINKS[(n + k) % HOSTILE_LINKS.len()].to_owned());
        let mut review = Review::new(
            ReviewId::new(p("review")),
            ReviewTemplate::FullAnalysis,
            DateTime::<Utc>::UNIX_EPOCH,
        );
        review.title = payload.to_owned();
        review.severity = p("");
        review.services = vec![p("service")];
        review.tags = vec![p("tag")];
        review.incident.start = Some(at("2019-11-06T02:20:00-08:00"));
        review.incident.end = Some(at("2019-11-06T09:45:00-08:00"));
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.summary = p(" zz-term summary");
        review.impact.statement = p("impact");
        review.impact.windows = vec![ImpactWindow {
            id: ident("window"),
            start: Some(at("2019-11-06T02:20:00-08:00")),
            end: Some(at("2019-11-06T02:40:00-08:00")),
            affected: p("affected"),
            magnitude: p("magnitude"),
        }];
        review.analyst.name = p("analyst");
        review.trigger.class = TriggerClass::SelfChangeCaused;
        review.trigger.change_kind = Some(ChangeKind::Deploy);
        review.trigger.description = p("trigger");
        review.people = vec![
            Person {
                id: ident("p1"),
                name: p("name one"),
                kind: crate::model::ParticipantKind::Person,
                private: false,
                roles: vec![IncidentRole::OnCall],
                team: p("team"),
                tenure_months: Some(3),
                on_call_for: p("on call"),
                time_zone: Some("Europe/Berlin".to_owned()),
                notes: p("notes"),
            },
            Person {
                id: ident("p2"),
                name: payload.to_owned(),
                notes: p("notes"),
                ..Person::default()
            },
        ];
        let event = |key: &str, at_text: &str, visibility: Visibility, k: usize| TimelineEvent {
            id: ident(key),
            at: Some(at(at_text)),
            time_known: crate::model::TimeKnown::Exact,
            end: None,
            text: p(key),
            kind: EventKind::ALL[k % EventKind::ALL.len()],
            actor: Some(ident(if k.is_multiple_of(2) { "p1" } else { "p2" })),
            source: TimelineSource {
                kind: crate::model::SourceKind::ALL[k % crate::model::SourceKind::ALL.len()],
                link: link(k),
                transcript: None,
            },
            tags: vec![p("tag"), "page".to_owned()],
            key: k.is_multiple_of(2),
            visibility,
        };
        review.timeline = vec![
            event("e1", "2019-11-06T02:22:00-08:00", Visibility::Public, 0),
            event("e2", "2019-11-06T03:00:00-08:00", Visibility::Internal, 1),
            event("e3", "2019-11-06T08:10:00-08:00", Visibility::Public, 2),
            event("e4", "2019-11-06T09:40:00-08:00", Visibility::Internal, 3),
        ];
        review.timeline[0].end = Some(at("2019-11-06T02:50:00-08:00"));
        let hypothesis = |key: &str, visibility: Visibility| Hypothesis {
            id: ident(key),
            statement: p(key),
            raised_by: Some(ident("p1")),
            raised_at: None,
            raised_in_event: Some(ident("e2")),
            disproof: p("disproof"),
            evidence: vec![
                Evidence {
                    id: ident(&format!("{key}-ev1")),
                    stance: EvidenceStance::For,
                    text: p("evidence for"),
                    event: Some(ident("e2")),
                },
                Evidence {
                    id: ident(&format!("{key}-ev2")),
                    stance: EvidenceStance::Against,
                    text: p("evidence against"),
                    event: Some(ident("e3")),
                },
            ],
            status: HypothesisStatus::Falsified,
            status_changed_at: Some(at("2019-11-06T08:10:00-08:00")),
            visibility,
        };
        review.hypotheses = vec![
            hypothesis("h1", Visibility::Public),
            hypothesis("h2", Visibility::Internal),
        ];
        let factor = |key: &str, visibility: Visibility, k: usize| ContributingFactor {
            id: ident(key),
            description: p(key),
            category: FactorCategory::ALL[k % FactorCategory::ALL.len()],
            events: vec![ident("e1"), ident("e2")],
            tags: vec![p("tag")],
            visibility,
        };
        review.factors = vec![
            factor("f1", Visibility::Public, n),
            factor("f2", Visibility::Internal, n + 1),
        ];
        let notes = |key: &str| {
            vec![
                Note {
                    id: ident(&format!("{key}-public")),
                    text: p(key),
                    events: vec![ident("e2"), ident("e3")],
                    visibility: Visibility::Public,
                },
                Note {
                    id: ident(&format!("{key}-internal")),
                    text: p(key),
                    events: vec![ident("e1")],
                    visibility: Visibility::Internal,
                },
            ]
        };
        review.learnings.went_well = notes("well");
        review.learnings.got_lucky = notes("lucky");
        review.learnings.difficult = notes("difficult");
        review.interviews = vec![Interview {
            id: ident("i1"),
            participant: Some(ident("p2")),
            date: None,
            interviewer: p("interviewer"),
            prompt_notes: vec![PromptNote {
                prompt: p("prompt"),
                note: p("note"),
            }],
            quotes: vec![
                Quote {
                    id: ident("q1"),
                    text: p("public quote"),
                    visibility: Visibility::Public,
                },
                Quote {
                    id: ident("q2"),
                    text: p("internal quote"),
                    visibility: Visibility::Internal,
                },
            ],
            notes: p("interview notes"),
        }];
        review.actions = vec![
            ActionItem {
                id: ident("a1"),
                description: p("action"),
                owner: p("owner"),
                due: chrono::NaiveDate::from_ymd_opt(2019, 12, 1),
                kind: crate::model::ActionKind::Detect,
                status: crate::model::ActionStatus::Open,
                tracker_link: link(4),
                factors: vec![ident("f1"), ident("f2")],
            },
            ActionItem {
                id: ident("a2"),
                description: p("action two"),
                tracker_link: link(5),
                ..ActionItem::default()
            },
        ];
        review.deep_analysis.notes = p("deep notes");
        review.redactions = vec![Redaction {
            term: "zz-term".to_owned(),
            replacement: payload.to_owned(),
        }];
        review.dismissed_findings = vec![DismissedFinding {
            field: p("field"),
            phrase: p("phrase"),
        }];
        review
    }

    #[test]
    fn hostile_text_in_every_field_stays_text() {
        for (n, payload) in PAYLOADS.iter().enumerate() {
            let review = hostile_review(payload, n);
            assert_eq!(validate_review(&review), Vec::new(), "{payload:?}");
            for audience in AUDIENCES {
                let expected = rendered(&review, audience);
                assert_eq!(validate_review(&expected), Vec::new());
                let html = render(&review, audience);
                assert_inert(&html, &expected, &format!("{payload:?} {audience:?}"));
                assert_eq!(
                    load::<Review>(&extract_embedded_review(&html).unwrap()).unwrap(),
                    expected,
                    "{payload:?} {audience:?}"
                );
            }
        }
    }

    // --- canaries --------------------------------------------------------------------------

    /// Strings planted in every place the public report must not show.
    const CANARIES: [&str; 29] = [
        "canary-internal-event",
        "canary-internal-event-tag",
        "canary-internal-hypothesis",
        "canary-internal-disproof",
        "canary-internal-evidence",
        "canary-internal-factor",
        "canary-internal-factor-tag",
        "canary-internal-went-well",
        "canary-internal-lucky",
        "canary-internal-difficult",
        "canary-interview-notes",
        "canary-interview-prompt",
        "canary-interview-prompt-note",
        "canary-internal-quote",
        "canary-interviewer",
        "Quillon",
        "Marchetti",
        "Odalys",
        "Brightwater",
        "canary-person-notes",
        "canary-analyst",
        "canary-redacted-host",
        "canary-redacted-codename",
        "https://tracker.example.com/canary-tracker",
        "https://chat.example.com/canary-source",
        "canary-dismissed-phrase",
        "canary-dismissed-field",
        "canary-deep-notes",
        "canary-quiet-person",
    ];

    fn canary_review() -> Review {
        let mut review = fixture();
        review.analyst.name = "canary-analyst".into();
        review.people[0].name = "Quillon Marchetti".into();
        review.people[0].notes = "canary-person-notes".into();
        review.people[1].name = "Odalys Brightwater".into();
        review.people.push(Person {
            id: EntityId::new("p3"),
            name: "canary-quiet-person".into(),
            ..Person::default()
        });
        // Public text that names people and uses redacted terms: all must be rewritten.
        review.summary = "Quillon Marchetti paged ODALYS BRIGHTWATER about \
                          Canary-Redacted-Host; Odalys saw canary-redacted-codename and \
                          told canary-quiet-person."
            .into();
        review.timeline[0].text = "Marchetti restarted canary-redacted-host.".into();
        review.timeline[0].source.link = Some("https://chat.example.com/canary-source".into());
        review.timeline[1].text = "canary-internal-event".into();
        review.timeline[1].tags = vec!["canary-internal-event-tag".into()];
        review.timeline[1].source.link = Some("https://chat.example.com/canary-source".into());
        review.hypotheses.push(Hypothesis {
            id: EntityId::new("h2"),
            statement: "canary-internal-hypothesis".into(),
            disproof: "canary-internal-disproof".into(),
            evidence: vec![Evidence {
                id: EntityId::new("ev3"),
                text: "canary-internal-evidence".into(),
                ..Evidence::default()
            }],
            ..Hypothesis::default()
        });
        review.factors[1].description = "canary-internal-factor".into();
        review.factors[1].tags = vec!["canary-internal-factor-tag".into()];
        let internal_note = |key: &str, text: &str| Note {
            id: EntityId::new(key),
            text: text.into(),
            events: vec![],
            visibility: Visibility::Internal,
        };
        review
            .learnings
            .went_well
            .push(internal_note("l4", "canary-internal-went-well"));
        review
            .learnings
            .got_lucky
            .push(internal_note("l5", "canary-internal-lucky"));
        review.learnings.difficult[0].text = "canary-internal-difficult".into();
        let interview = &mut review.interviews[0];
        interview.notes = "canary-interview-notes".into();
        interview.interviewer = "canary-interviewer".into();
        interview.prompt_notes = vec![PromptNote {
            prompt: "canary-interview-prompt".into(),
            note: "canary-interview-prompt-note".into(),
        }];
        interview.quotes[0].text = "canary-internal-quote".into();
        interview.quotes.push(Quote {
            id: EntityId::new("q2"),
            text: "Odalys said the graphs looked normal.".into(),
            visibility: Visibility::Public,
        });
        review.actions[0].tracker_link = Some("https://tracker.example.com/canary-tracker".into());
        review.actions[0].owner = "Quillon Marchetti".into();
        review.deep_analysis.notes = "canary-deep-notes".into();
        review.redactions = vec![
            Redaction {
                term: "canary-redacted-host".into(),
                replacement: "an ingest host".into(),
            },
            Redaction {
                term: "canary-redacted-codename".into(),
                replacement: "the new pipeline".into(),
            },
        ];
        review.dismissed_findings = vec![DismissedFinding {
            field: "canary-dismissed-field".into(),
            phrase: "canary-dismissed-phrase".into(),
        }];
        assert_eq!(validate_review(&review), Vec::new());
        review
    }

    #[test]
    fn no_canary_reaches_the_public_report() {
        let review = canary_review();
        let internal = render(&review, Audience::Internal).to_lowercase();
        let public_html = render(&review, Audience::Public);
        let public = public_html.to_lowercase();
        let embedded = extract_embedded_review(&public_html)
            .unwrap()
            .to_lowercase();
        for canary in CANARIES {
            let canary = canary.to_lowercase();
            assert!(
                internal.contains(&canary),
                "the internal report has {canary}"
            );
            assert!(
                !public.contains(&canary),
                "the public report leaks {canary}"
            );
            assert!(
                !embedded.contains(&canary),
                "the public data leaks {canary}"
            );
        }
        // What is public is still there, rewritten.
        assert!(public_html.contains(
            "On-call engineer paged Responder about an ingest host; Responder saw the new \
             pipeline and told Engineer A."
        ));
        assert!(public_html.contains("On-call engineer restarted an ingest host."));
        assert!(public_html.contains("Responder said the graphs looked normal."));
        assert!(prepublish_check_is_clean(&review));
    }

    // --- participation ---------------------------------------------------------------------

    fn with_chat(review: &Review, chat: &ReviewTranscripts, audience: Audience) -> String {
        render_html_report_with_transcripts(review, Some(chat), &BundledZones, &options(audience))
    }

    /// The fixture's night in chat: an alert, Avery under a chat handle, Jordan, an author
    /// nobody linked, someone who only joined, and one message with distinctive words.
    fn fixture_chat() -> ReviewTranscripts {
        use crate::import::MessageKind::{Alert, Join, Message};
        let pst = |clock: &str| format!("2019-11-06T{clock}:00-08:00");
        let mut canary = message(&pst("02:40"), "avery.oncall", Message);
        canary.text = "canary-chat-text restarting ingest-7".to_owned();
        transcripts(
            vec![vec![
                message(&pst("02:22"), "pagerbot", Alert),
                message(&pst("02:23"), "avery.oncall", Join),
                message(&pst("02:24"), "avery.oncall", Message),
                message(&pst("02:30"), "Zephyrine Quillfeather", Message),
                canary,
                message(&pst("03:10"), "jordan", Message),
                message(&pst("03:12"), "silent-sam", Join),
            ]],
            &[("avery.oncall", "p1"), ("jordan", "p2")],
        )
    }

    #[test]
    fn the_internal_report_shows_participation_after_people_without_message_text() {
        let review = fixture();
        let html = with_chat(&review, &fixture_chat(), Audience::Internal);
        assert_inert(&html, &review, "internal with chat");
        let people = html.find("<h2>People and response</h2>").unwrap();
        let section = html.find("<h2>Participation</h2>").unwrap();
        let hypotheses = html.find("<h2>Hypotheses</h2>").unwrap();
        assert!(people < section && section < hypotheses);
        let part = &html[section..hypotheses];
        assert!(part.contains("4 messages from 3 people, and 1 alert"));
        assert!(part.contains("aria-labelledby=\"report-participation-title"));
        assert!(part.contains("aria-labelledby=\"report-participation-heatmap-title"));
        assert!(part.contains("<strong>Avery On-Call</strong>"));
        assert!(part.contains("In chat as avery.oncall"));
        assert!(part.contains("<strong>Zephyrine Quillfeather</strong>"));
        assert!(part.contains("Chat name, not linked to a person"));
        assert!(part.contains(
            "<strong>silent-sam</strong> <span class=\"badge status\">Only joined</span>"
        ));
        assert!(
            part.contains("<td class=\"num\">50%</td>"),
            "Avery wrote 2 of 4"
        );
        assert!(part.contains("By team: Platform 2 messages (1 person);"));
        assert!(part.contains("no team recorded 1 message (2 people)"));
        assert!(part.contains(
            "<td class=\"when\"><time datetime=\"2019-11-06T02:40:00-08:00\">02:40 PST</time></td>"
        ));
        // One quiet gap, 02:40–03:10; the alert came before it.
        assert!(part.contains(
            "<tr><td class=\"when\"><time datetime=\"2019-11-06T02:40:00-08:00\">02:40 PST</time></td>\
             <td class=\"when\"><time datetime=\"2019-11-06T03:10:00-08:00\">03:10 PST</time></td>\
             <td class=\"nowrap\">30 min</td><td class=\"num\">0</td></tr>"
        ));
        // Never what anyone wrote.
        assert!(!html.contains("canary-chat-text"));
        assert!(!html.contains("said-by"));
    }

    /// Writes the fixture's internal report with chat for a person to look at:
    /// `cargo test -p debrief-core --lib render::html -- --ignored`, then open
    /// `$TMPDIR/report-participation.html`.
    #[test]
    #[ignore]
    fn write_report_with_chat_for_eyeballing() {
        let html = with_chat(&fixture(), &fixture_chat(), Audience::Internal);
        std::fs::write(std::env::temp_dir().join("report-participation.html"), html).unwrap();
    }

    #[test]
    fn the_public_report_ignores_transcripts_entirely() {
        let review = fixture();
        let chat = fixture_chat();
        let public = with_chat(&review, &chat, Audience::Public);
        assert_eq!(public, render(&review, Audience::Public));
        for secret in [
            "Zephyrine",
            "Quillfeather",
            "canary-chat-text",
            "silent-sam",
            "Participation",
        ] {
            assert!(!public.contains(secret), "{secret}");
        }
    }

    #[test]
    fn no_messages_no_section() {
        let review = fixture();
        let empty = transcripts(vec![Vec::new()], &[]);
        assert_eq!(
            with_chat(&review, &empty, Audience::Internal),
            render(&review, Audience::Internal)
        );
        assert_eq!(
            render_html_report_with_transcripts(
                &review,
                None,
                &BundledZones,
                &options(Audience::Internal)
            ),
            render(&review, Audience::Internal)
        );
    }

    #[test]
    fn hostile_chat_names_stay_text_in_the_report() {
        let review = fixture();
        let pst = |minute: usize| format!("2019-11-06T03:{:02}:00-08:00", minute % 60);
        let chat = transcripts(
            vec![PAYLOADS
                .iter()
                .enumerate()
                .map(|(i, payload)| {
                    let kind = [
                        crate::import::MessageKind::Message,
                        crate::import::MessageKind::Join,
                        crate::import::MessageKind::Alert,
                    ][i % 3];
                    message(&pst(i), payload, kind)
                })
                .collect()],
            &[(PAYLOADS[0], "p1")],
        );
        let html = with_chat(&review, &chat, Audience::Internal);
        assert_inert(&html, &review, "hostile chat names");
        assert!(html.contains("<h2>Participation</h2>"));
        assert!(!html.contains("said-by"));
    }

    fn prepublish_check_is_clean(review: &Review) -> bool {
        let check = super::super::public::prepublish_check(review);
        check.flagged.is_empty()
    }
}
