//! GitHub-flavoured Markdown of a review, for wikis, tickets and repositories: the report's
//! content in the report's order, as plain text that reads well before it is rendered.
//!
//! User text never becomes structure. Everything the analyst typed goes through [`inline`]
//! or [`paragraphs`], which escape every character that could start Markdown syntax and
//! write `<`, `>` and `&` as entities, so the output holds no `<` at all: no HTML reaches a
//! renderer that passes HTML through, whatever its Markdown dialect. Links are written only
//! for http(s) addresses that pass [`check_link`]; anything else is shown as escaped text.
//! Tables get one line per row: line breaks inside a cell become spaces.
//!
//! The public version is rendered from [`super::public::public_view`], never by leaving
//! things out here: what the public may see is decided in one place.

use super::{Audience, RenderOptions};
use crate::analysis::actions::is_overdue;
use crate::analysis::hypotheses::{hypothesis_timings, time_on_falsified};
use crate::analysis::metrics::{response_metrics, Metric, ResponseMetrics};
use crate::analysis::people::{
    others_involved_sentence, people_activity, NIGHT_END_HOUR, NIGHT_START_HOUR,
};
use crate::analysis::timeline::sorted_event_indices;
use crate::model::{
    ActionItem, EntityId, FactorCategory, HypothesisStatus, IncidentRole, Note, Person, Quote,
    Review, TimeKnown, TimelineEvent, Timestamp, TriggerClass, Visibility, WrittenTime,
};
use crate::text::is_unshown;
use crate::time::{format_duration, format_instant, TimeZones, Zone, ZonedLabel};
use crate::validate::check_link;
use chrono::{NaiveDate, TimeDelta};

/// The review as Markdown for `options.audience`. Deterministic: the same review, zones and
/// options always give the same text.
pub fn render_markdown(review: &Review, zones: &dyn TimeZones, options: &RenderOptions) -> String {
    match options.audience {
        Audience::Internal => Report::new(review, review, zones, options).render(),
        Audience::Public => {
            let public = super::public::public_view(review);
            Report::new(&public, review, zones, options).render()
        }
    }
}

/// Shown where a value is missing, so an empty cell is never mistaken for a rendering fault.
const NONE: &str = "—";

struct Report<'a> {
    review: &'a Review,
    zones: &'a dyn TimeZones,
    /// The clock every time is read on: the review's zone, or UTC when the host does not
    /// know it.
    zone: Zone<'a>,
    options: &'a RenderOptions,
    /// Interviews held, counted before the public view drops those without public quotes:
    /// how many took place is not private, what was said is.
    interviews_held: usize,
    out: String,
}

impl<'a> Report<'a> {
    /// `review` is what is shown; `original` only supplies the interview count.
    fn new(
        review: &'a Review,
        original: &Review,
        zones: &'a dyn TimeZones,
        options: &'a RenderOptions,
    ) -> Self {
        Self {
            review,
            zones,
            zone: review.zone(zones),
            options,
            interviews_held: original.interviews.len(),
            out: String::new(),
        }
    }

    fn render(mut self) -> String {
        self.header();
        self.summary();
        self.impact();
        self.trigger();
        self.timeline();
        self.people();
        self.hypotheses();
        self.factors();
        self.learnings();
        self.quotes();
        self.actions();
        self.method_note();
        self.footer();
        let mut out = self.out.trim_end().to_owned();
        out.push('\n');
        out
    }

    // --- writing -------------------------------------------------------------------------

    /// Appends a block (a paragraph, a table, a list) followed by a blank line.
    fn block(&mut self, markdown: &str) {
        self.out.push_str(markdown);
        self.out.push_str("\n\n");
    }

    fn heading(&mut self, level: usize, text: &str) {
        let marks = "#".repeat(level);
        self.block(&format!("{marks} {text}"));
    }

    fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
        let mut lines = vec![
            row(&headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()),
            row(&vec!["---".to_owned(); headers.len()]),
        ];
        lines.extend(rows.iter().map(|cells| row(cells)));
        self.block(&lines.join("\n"));
    }

    fn list(&mut self, items: &[String]) {
        let lines: Vec<String> = items.iter().map(|item| format!("- {item}")).collect();
        self.block(&lines.join("\n"));
    }

    // --- time ----------------------------------------------------------------------------

    fn label(&self, instant: &Timestamp) -> ZonedLabel {
        format_instant(instant, &self.zone)
    }

    /// "2019-11-06 03:00 PST (UTC-08:00)"
    fn when(&self, instant: &Timestamp) -> String {
        self.label(instant).full()
    }

    /// A time with how well it is known ("~2019-11-06 23:30 PST (UTC-08:00)", "before …",
    /// "2019-11-06, time not known"), then its end if it has one.
    fn written_span(&self, start: &WrittenTime, end: Option<&Timestamp>) -> String {
        let from = self.label(&start.at);
        let mut written = match start.known {
            TimeKnown::Day => format!("{}, time not known", from.date),
            known => known.written(&from.full(), |latest| {
                let latest = self.label(latest);
                if latest.date == from.date {
                    clock(&latest)
                } else {
                    latest.full()
                }
            }),
        };
        if let Some(end) = end {
            let to = self.label(end);
            let to = if to.date == from.date && start.known != TimeKnown::Day {
                clock(&to)
            } else {
                to.full()
            };
            written.push_str(&format!(" to {to}"));
        }
        written
    }

    /// A start and an end; the end's date is left out when it is the start's.
    fn span(&self, start: Option<&Timestamp>, end: Option<&Timestamp>) -> String {
        match (start, end) {
            (Some(start), Some(end)) => {
                let (from, to) = (self.label(start), self.label(end));
                let to = if to.date == from.date {
                    clock(&to)
                } else {
                    to.full()
                };
                format!("{} to {to}", from.full())
            }
            (Some(start), None) => self.when(start),
            (None, Some(end)) => format!("until {}", self.when(end)),
            (None, None) => NONE.to_owned(),
        }
    }

    /// The day "overdue" is measured against: `generated_at`'s date in UTC, as in the HTML
    /// report, so both reports mark the same actions.
    fn today(&self) -> NaiveDate {
        self.options.generated_at.date_naive()
    }

    /// " *(internal)*" after an entry the public version leaves out, in the internal version.
    fn internal_mark(&self, visibility: Visibility) -> &'static str {
        match (self.options.audience, visibility) {
            (Audience::Internal, Visibility::Internal) => " *(internal)*",
            _ => "",
        }
    }

    // --- lookups -------------------------------------------------------------------------

    fn person(&self, id: &EntityId) -> Option<&'a Person> {
        self.review.people.iter().find(|p| &p.id == id)
    }

    /// A person's name as a cell, escaped.
    fn who(&self, id: Option<&EntityId>) -> String {
        match id.and_then(|id| self.person(id)) {
            Some(person) => inline_or(&person.name, "Unnamed person"),
            None => NONE.to_owned(),
        }
    }

    // --- sections ------------------------------------------------------------------------

    fn header(&mut self) {
        let review = self.review;
        self.heading(1, &inline(review.display_title()));
        let mut facts = vec![format!("**Status:** {}", review.status.label())];
        if !review.severity.trim().is_empty() {
            facts.push(format!("**Severity:** {}", inline(&review.severity)));
        }
        if !review.services.is_empty() {
            let services: Vec<String> = review.services.iter().map(|s| inline(s)).collect();
            facts.push(format!("**Services:** {}", services.join(", ")));
        }
        if !review.tags.is_empty() {
            let tags: Vec<String> = review.tags.iter().map(|t| inline(t)).collect();
            facts.push(format!("**Tags:** {}", tags.join(", ")));
        }
        self.block(&facts.join(" · "));

        let incident = &review.incident;
        let window_text = match incident.written_start() {
            Some(start) => self.written_span(&start, incident.end.as_ref()),
            None => self.span(None, incident.end.as_ref()),
        };
        let mut window = format!("**Incident:** {window_text}");
        if let Some(duration) = review.incident_duration() {
            window.push_str(&format!(" ({})", duration.written(format_duration)));
        }
        self.block(&window);
        self.block(&self.zone_note());
    }

    /// Which clock the times are on. A zone the host does not know is said so, not hidden.
    fn zone_note(&self) -> String {
        let named = &self.review.incident.time_zone;
        if Zone::find(self.zones, named).is_some() {
            format!(
                "Times are in {}, each with its offset from UTC.",
                inline(self.zone.name())
            )
        } else {
            format!(
                "Times are in UTC: the review's time zone \"{}\" is not known here.",
                inline(named)
            )
        }
    }

    fn summary(&mut self) {
        if self.review.summary.trim().is_empty() {
            return;
        }
        self.heading(2, "Summary");
        self.block(&paragraphs(&self.review.summary));
    }

    fn impact(&mut self) {
        let impact = &self.review.impact;
        let reach = super::reach_sentence(impact);
        if impact.statement.trim().is_empty() && impact.windows.is_empty() && reach.is_none() {
            return;
        }
        self.heading(2, "Impact");
        if !impact.statement.trim().is_empty() {
            self.block(&paragraphs(&impact.statement));
        }
        if let Some(reach) = reach {
            self.block(&paragraphs(&reach));
        }
        if impact.windows.is_empty() {
            return;
        }
        let rows: Vec<Vec<String>> = impact
            .windows
            .iter()
            .map(|w| {
                let duration = w.start.zip(w.end).map(|(s, e)| format_duration(e - s));
                vec![
                    inline_or(&w.affected, NONE),
                    inline_or(&w.magnitude, NONE),
                    self.span(w.start.as_ref(), w.end.as_ref()),
                    duration.unwrap_or_else(|| NONE.to_owned()),
                ]
            })
            .collect();
        self.table(&["Affected", "How much", "When", "For"], &rows);
    }

    fn trigger(&mut self) {
        let trigger = &self.review.trigger;
        if trigger.class == TriggerClass::Unknown && trigger.description.trim().is_empty() {
            return;
        }
        self.heading(2, "Trigger");
        let mut class = format!("**{}**", trigger.class.label());
        match trigger.change_kind {
            Some(kind) if trigger.class == TriggerClass::SelfChangeCaused => {
                class.push_str(&format!(" · {}", kind.label()));
            }
            _ => {}
        }
        self.block(&class);
        // The analyst's words when there are any; else what the class means.
        if trigger.description.trim().is_empty() {
            self.block(trigger.class.description());
        } else {
            self.block(&paragraphs(&trigger.description));
        }
    }

    fn timeline(&mut self) {
        if self.review.timeline.is_empty() {
            return;
        }
        self.heading(2, "Timeline");
        self.block("Key events are in bold.");
        let rows: Vec<Vec<String>> = sorted_event_indices(self.review)
            .into_iter()
            .map(|i| self.event_row(&self.review.timeline[i]))
            .collect();
        self.table(&["Time", "Kind", "Who", "What", "Source"], &rows);
    }

    fn event_row(&self, event: &TimelineEvent) -> Vec<String> {
        let time = match event.written_time() {
            Some(start) => self.written_span(&start, event.end.as_ref()),
            None => "No time".to_owned(),
        };
        let what = inline_or(&event.text, "(no description)");
        let mut what = if event.key {
            format!("**{what}**")
        } else {
            what
        };
        what.push_str(self.internal_mark(event.visibility));
        let source_label = event.source.kind.label();
        let source = match &event.source.link {
            Some(url) => link_or_text(source_label, url),
            None => source_label.to_owned(),
        };
        vec![
            time,
            event.kind.label().to_owned(),
            self.who(event.actor.as_ref()),
            what,
            source,
        ]
    }

    fn people(&mut self) {
        let metrics = response_metrics(self.review);
        if self.review.people.is_empty() && metrics.values.is_empty() {
            return;
        }
        self.heading(2, "People and response");
        if self.review.people.iter().any(|p| p.is_person()) {
            self.people_table();
        }
        if let Some(others) =
            others_involved_sentence(self.review, |p| inline_or(&p.name, "Unnamed"))
        {
            self.block(&others);
        }
        self.metrics_table(&metrics);
    }

    fn people_table(&mut self) {
        let activity = people_activity(self.review, self.zones);
        let or_none = |t: Option<Timestamp>| t.map_or_else(|| NONE.to_owned(), |t| self.when(&t));
        let rows: Vec<Vec<String>> = self
            .review
            .people
            .iter()
            .filter(|p| p.is_person())
            .zip(&activity)
            .map(|(person, act)| {
                vec![
                    inline_or(&person.name, "Unnamed person"),
                    roles(person),
                    inline_or(&person.team, NONE),
                    person.tenure_months.map_or_else(|| NONE.to_owned(), months),
                    or_none(act.first_involvement),
                    or_none(act.last_activity),
                    act.event_count.to_string(),
                    act.night_events.to_string(),
                    act.other_incident_events.to_string(),
                    act.hypotheses_raised.to_string(),
                ]
            })
            .collect();
        self.table(
            &[
                "Person",
                "Roles",
                "Team",
                "Tenure",
                "First involved",
                "Last active",
                "Events",
                "At night",
                "Other incidents",
                "Hypotheses raised",
            ],
            &rows,
        );
        self.block(&format!(
            "Involvement comes from the timeline and the hypotheses: \"first involved\" and \
             \"last active\" are the earliest and latest times they acted or raised a \
             hypothesis; \"at night\" counts their events between {NIGHT_START_HOUR:02}:00 and \
             {NIGHT_END_HOUR:02}:00 on their own clock; \"other incidents\" counts events tagged \
             as another page or incident they were handling. These explain what made sense \
             at the time; they are not a measure of anyone."
        ));
    }

    fn metrics_table(&mut self, metrics: &ResponseMetrics) {
        let rows: Vec<Vec<String>> = Metric::ALL
            .iter()
            .map(|&metric| {
                let value = metrics.values.iter().find(|v| v.metric == metric);
                let reason = metrics.missing.iter().find(|(m, _)| *m == metric);
                let (time, note) = match (value, reason) {
                    (Some(value), _) => (value.span.written(format_duration), String::new()),
                    (None, Some((_, reason))) => {
                        (NONE.to_owned(), format!(" Not known yet. {reason}"))
                    }
                    (None, None) => (NONE.to_owned(), String::new()),
                };
                vec![
                    metric.label().to_owned(),
                    time,
                    format!("{}{note}", metric.explanation()),
                ]
            })
            .collect();
        self.heading(3, "Response metrics");
        self.table(&["Metric", "Time", "What it measures"], &rows);
        self.block(
            "Metrics are aggregates and hide the story: read them with the timeline and the \
             people involved.",
        );
    }

    fn hypotheses(&mut self) {
        let review = self.review;
        if review.hypotheses.is_empty() {
            return;
        }
        self.heading(2, "Hypotheses");
        let timings = hypothesis_timings(review);
        let rows: Vec<Vec<String>> = review
            .hypotheses
            .iter()
            .zip(&timings)
            .map(|(hypothesis, timing)| {
                let by = hypothesis.raised_by.as_ref().map(|id| self.who(Some(id)));
                let at = timing.raised_at.map(|t| self.when(&t));
                let raised = match (by, at) {
                    (Some(by), Some(at)) => format!("{by}, {at}"),
                    (Some(one), None) | (None, Some(one)) => one,
                    (None, None) => NONE.to_owned(),
                };
                let held = match timing.held_for {
                    Some(span) if timing.still_open => {
                        format!("{} (still open)", format_duration(span))
                    }
                    Some(span) => format_duration(span),
                    None => NONE.to_owned(),
                };
                let evidence: Vec<String> = hypothesis
                    .evidence
                    .iter()
                    .filter(|e| !e.text.trim().is_empty())
                    .map(|e| format!("{}: {}", e.stance.label(), inline(&e.text)))
                    .collect();
                vec![
                    format!(
                        "{}{}",
                        inline_or(&hypothesis.statement, "(no statement)"),
                        self.internal_mark(hypothesis.visibility)
                    ),
                    hypothesis.status.label().to_owned(),
                    raised,
                    held,
                    inline_or(&hypothesis.disproof, NONE),
                    if evidence.is_empty() {
                        NONE.to_owned()
                    } else {
                        evidence.join(" · ")
                    },
                ]
            })
            .collect();
        self.table(
            &[
                "Hypothesis",
                "Status",
                "Raised",
                "Held for",
                "What would prove it wrong",
                "Evidence",
            ],
            &rows,
        );
        let falsified = time_on_falsified(review);
        let any_falsified = review
            .hypotheses
            .iter()
            .any(|h| h.status == HypothesisStatus::Falsified);
        if any_falsified && falsified > TimeDelta::zero() {
            self.block(&format!(
                "Time the response spent on hypotheses later falsified: {} (wall-clock; \
                 overlapping ones count once). Being wrong for a while is normal: the question \
                 is what made them convincing.",
                format_duration(falsified)
            ));
        }
    }

    fn factors(&mut self) {
        let factors = &self.review.factors;
        if factors.is_empty() {
            return;
        }
        self.heading(2, "Contributing factors");
        self.block(
            "Several conditions, each reasonable on its own, lined up. None of them is \
             \"the\" root cause.",
        );
        for category in FactorCategory::ALL {
            let items: Vec<String> = factors
                .iter()
                .filter(|f| f.category == category)
                .map(|f| {
                    let text = inline_or(&f.description, "(no description)");
                    format!("{text}{}", self.internal_mark(f.visibility))
                })
                .collect();
            if !items.is_empty() {
                self.heading(3, category.label());
                self.list(&items);
            }
        }
    }

    fn learnings(&mut self) {
        let learnings = &self.review.learnings;
        let lists: [(&str, &Vec<Note>); 3] = [
            ("What went well", &learnings.went_well),
            ("Where we got lucky", &learnings.got_lucky),
            ("What was difficult", &learnings.difficult),
        ];
        if lists.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        self.heading(2, "What we learned");
        for (title, notes) in lists {
            self.heading(3, title);
            if notes.is_empty() {
                self.block("Nothing recorded.");
            } else {
                let items: Vec<String> = notes
                    .iter()
                    .map(|n| {
                        format!(
                            "{}{}",
                            inline_or(&n.text, NONE),
                            self.internal_mark(n.visibility)
                        )
                    })
                    .collect();
                self.list(&items);
            }
        }
    }

    fn actions(&mut self) {
        if self.review.actions.is_empty() {
            return;
        }
        self.heading(2, "Action items");
        let today = self.today();
        let rows: Vec<Vec<String>> = self
            .review
            .actions
            .iter()
            .map(|action| action_row(action, today))
            .collect();
        self.table(
            &["Action", "Kind", "Owner", "Due", "Status", "Tracker"],
            &rows,
        );
    }

    /// Interview quotes, in the participants' own words, each attributed.
    fn quotes(&mut self) {
        let review = self.review;
        let quotes: Vec<(&Quote, Option<&EntityId>)> = review
            .interviews
            .iter()
            .flat_map(|i| i.quotes.iter().map(move |q| (q, i.participant.as_ref())))
            .filter(|(quote, _)| !quote.text.trim().is_empty())
            .collect();
        if quotes.is_empty() {
            return;
        }
        self.heading(2, "In their words");
        for (quote, participant) in quotes {
            self.block(&blockquote(&paragraphs(&quote.text)));
            let who = match participant.and_then(|id| self.person(id)) {
                Some(person) => format!("— {}", inline_or(&person.name, "Unnamed person")),
                None => "— A participant".to_owned(),
            };
            self.block(&format!("{who}{}", self.internal_mark(quote.visibility)));
        }
    }

    fn method_note(&mut self) {
        let review = self.review;
        self.heading(2, "How this review was made");
        let mut items = vec![
            match self.interviews_held {
                0 => "No interviews were held with people involved.".to_owned(),
                1 => "1 interview was held with people involved.".to_owned(),
                n => format!("{n} interviews were held with people involved."),
            },
            super::sources_sentence(&review.timeline),
        ];
        if self.options.audience == Audience::Internal {
            let analyst = inline(&review.analyst.name);
            let who = if analyst.is_empty() {
                "The analyst".to_owned()
            } else {
                format!("The analyst, {analyst},")
            };
            let part = if review.analyst.took_part_in_incident {
                "took part in the response"
            } else {
                "did not take part in the response, and could ask the questions responders no \
                 longer can"
            };
            items.push(format!("{who} {part}."));
        }
        if !review.deep_analysis.met.is_empty() {
            let signs: Vec<&str> = review.deep_analysis.met.iter().map(|c| c.label()).collect();
            items.push(format!(
                "Signs that this incident deserved a deep analysis: {}.",
                signs.join("; ")
            ));
        }
        self.list(&items);
    }

    fn footer(&mut self) {
        self.block(match self.options.audience {
            Audience::Public => {
                "**This is the public version of the review.** Entries marked internal, \
                 interview notes and links into internal tools are left out; people are named \
                 by their role; terms the analyst listed are redacted."
            }
            Audience::Internal => {
                "**Internal version: everything in the review, including what is not for \
                 publication.** Share the public version outside the organisation."
            }
        });
        let generated = self.options.generated_at.fixed_offset();
        let generated = format_instant(&generated, &Zone::utc(self.zones)).full();
        self.block(&format!("Generated by Debrief on {generated}."));
    }
}

/// Escaped Markdown as a block quote: every line behind `> `, blank lines as `>`.
fn blockquote(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn action_row(action: &ActionItem, today: NaiveDate) -> Vec<String> {
    let mut status = action.status.label().to_owned();
    if is_overdue(action, today) {
        status.push_str(" · **Overdue**");
    }
    let tracker = match &action.tracker_link {
        Some(url) => link_or_text("Open", url),
        None => NONE.to_owned(),
    };
    vec![
        inline_or(&action.description, "(no description)"),
        action.kind.label().to_owned(),
        inline_or(&action.owner, NONE),
        action
            .due
            .map_or_else(|| NONE.to_owned(), |d| d.format("%Y-%m-%d").to_string()),
        status,
        tracker,
    ]
}

/// "03:00 PST (UTC-08:00)": a label without its date.
fn clock(label: &ZonedLabel) -> String {
    let mut out = label.time.clone();
    if !label.abbreviation.is_empty() {
        out.push(' ');
        out.push_str(&label.abbreviation);
    }
    out.push_str(&format!(" ({})", label.offset));
    out
}

fn months(count: u32) -> String {
    match count {
        1 => "1 month".to_owned(),
        n => format!("{n} months"),
    }
}

/// "On call for ingest, Incident commander": roles, with what they were on call for.
fn roles(person: &Person) -> String {
    let on_call_for = inline(&person.on_call_for);
    let mut text: Vec<String> = person
        .roles
        .iter()
        .map(|role| match role {
            IncidentRole::OnCall if !on_call_for.is_empty() => format!("On call for {on_call_for}"),
            role => role.label().to_owned(),
        })
        .collect();
    if !on_call_for.is_empty() && !person.roles.contains(&IncidentRole::OnCall) {
        text.push(format!("on call for {on_call_for}"));
    }
    if text.is_empty() {
        NONE.to_owned()
    } else {
        text.join(", ")
    }
}

// --- escaping --------------------------------------------------------------------------------

/// `[text](url)` when `url` is an http(s) link; otherwise the address as escaped text, never
/// a link. `text` must already be Markdown (escaped).
pub(crate) fn link_or_text(text: &str, url: &str) -> String {
    match check_link(url) {
        Ok(url) => format!("[{text}]({})", link_destination(&url)),
        Err(_) => format!("{text}: {}", inline(url)),
    }
}

/// A URL made safe as a link destination: the characters that could end it early or start
/// a title (space, `(`, `)`, `"`, `'`, `<`, `>`), that a table would split on (`|`), that
/// would be read as an escape (`\`) or open code (`` ` ``) are percent-encoded, as are
/// control characters. The rest, and existing `%` escapes, are left as the analyst wrote them.
fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || " ()\"'<>\\|`".contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters escaped with a backslash wherever they appear: each can open emphasis, code,
/// a link, a heading, a table cell, strikethrough, math or superscript, or is the escape
/// itself.
const ESCAPED: &str = "\\`*_[]#|~$^";

/// User text as one line of inline Markdown: trimmed, line breaks and other control
/// characters as spaces, every syntax character escaped.
pub(crate) fn inline(text: &str) -> String {
    escape_line(flatten(text).trim())
}

/// Like [`inline`], with `fallback` (Markdown) for blank text.
pub(crate) fn inline_or(text: &str, fallback: &str) -> String {
    let escaped = inline(text);
    if escaped.is_empty() {
        fallback.to_owned()
    } else {
        escaped
    }
}

/// Line breaks and tabs as spaces; characters a report never shows dropped.
fn flatten(text: &str) -> String {
    text.chars()
        .filter(|c| !is_unshown(*c))
        .map(|c| {
            if c.is_control() || is_line_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// User text as Markdown paragraphs: blank lines separate paragraphs and single line breaks
/// are kept as hard breaks, so the text reads as typed. Lines are trimmed, since four leading
/// spaces would make a code block.
pub(crate) fn paragraphs(text: &str) -> String {
    let mut blocks: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split(|c| matches!(c, '\n' | '\r') || is_line_separator(c)) {
        let line = flatten(line);
        let line = line.trim();
        let current = blocks.last_mut().expect("never empty");
        if !line.is_empty() {
            current.push(escape_line(line));
        } else if !current.is_empty() {
            blocks.push(Vec::new());
        }
    }
    blocks
        .iter()
        .filter(|lines| !lines.is_empty())
        .map(|lines| lines.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Escapes one line that will stand at the start of a Markdown line (or of a cell, an item
/// or a heading, where the same markers are harmless to escape).
fn escape_line(line: &str) -> String {
    let marker = line_start_marker(line);
    let mut out = String::with_capacity(line.len() + line.len() / 8 + 2);
    let mut previous = None;
    for (i, c) in line.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => {
                // `](` is escaped as well as `]`, so even a plain-text search for link
                // syntax finds nothing in the output.
                let escape =
                    ESCAPED.contains(c) || Some(i) == marker || (c == '(' && previous == Some(']'));
                if escape {
                    out.push('\\');
                }
                out.push(c);
            }
        }
        previous = Some(c);
    }
    out
}

/// Where a line's block marker is, if it starts with one not otherwise escaped: a list
/// bullet `-` or `+`, a setext underline `=`, a definition-list `:` (pandoc and others), or
/// the `.` / `)` of an ordered-list number.
fn line_start_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'=' | b':') if digits == 0 => Some(0),
        Some(b'.' | b')') if digits > 0 => Some(digits),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

/// Whole reports, read back with a Markdown parser. They need real time-zone rules.
#[cfg(all(test, feature = "bundled-zones"))]
mod report_tests;
