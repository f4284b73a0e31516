//! The meta-review as a report: one HTML file (the review report's rules: no script at all,
//! the same strict CSP, the same stylesheet plus a few rules of its own, inline SVG charts)
//! or GitHub-flavoured Markdown.
//!
//! Both list the covered incidents first, numbered in incident order, each with its title,
//! start, trigger and summary; every figure after that names the incidents behind each count
//! by number, linked (in HTML) to that incident's entry. A covered review deleted from the
//! workbook keeps its entry, with the title and summary the meta-review kept, marked as
//! deleted; it is counted in no figure.
//!
//! The public audience:
//! - renders [`public_view`] of each covered review (people aliased, internal entries
//!   dropped, the review's own redactions applied) and computes the figures from those, so a
//!   factor or hypothesis marked internal is not counted either;
//! - leaves out the meta-review's themes, went-well notes, open questions and next steps
//!   marked internal, and the next steps' tracker links;
//! - passes every piece of text it prints, from the meta-review or from a review, through the
//!   meta-review's redactions, after replacing the name of every person in the covered
//!   reviews with their role ([`Scrubber::for_meta`]); a summary the meta-review keeps for a
//!   review also goes through that review's own names and redactions first;
//! - **never names people**: the recurring-people figure is omitted (a person's public alias
//!   differs from one review to the next, so matching "On-call engineer" across reviews would
//!   count different people as one, and their real names may not be printed). Teams and
//!   services are shown, since they are not people.

use super::charts::{bar_chart_svg, distribution_svg, Bar, Strip};
use super::figures::{
    meta_figures, ActionCounts, ActionRef, MetaFigures, Recurring, Tally, YesNoUnknown,
};
use super::{covered_reviews, IncidentLabels, IncidentSummary, MetaNote, MetaReview, NextStep};
use crate::markup::{attr, text};
use crate::model::{Review, ReviewId, Timestamp, TriggerClass, Visibility};
use crate::render::html::{link_or_text, write_head};
use crate::render::markdown::{inline, inline_or, link_or_text as md_link, paragraphs};
use crate::render::public::public_view;
use crate::render::scrub::{scrub_for_review, Scrubber};
use crate::render::{Audience, RenderOptions};
use crate::sorting;
use crate::text::count;
use crate::time::{format_duration, format_instant, TimeZones, Zone};
use chrono::{NaiveDate, Weekday};
use std::fmt::Write;

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The meta-review's title as its public report shows it (names and redactions applied),
/// for naming the public file: a redacted customer must not travel in an attachment's name.
pub fn public_meta_title(meta: &MetaReview, reviews: &[Review], zones: &dyn TimeZones) -> String {
    let coverage = covered_reviews(meta, reviews, zones);
    let people: Vec<_> = coverage.reviews.iter().flat_map(|r| &r.people).collect();
    Scrubber::for_meta(&people, &meta.redactions).text(meta.display_title())
}

/// The meta-review report as one HTML document. `today` decides which actions are overdue.
pub fn render_meta_html(
    meta: &MetaReview,
    reviews: &[Review],
    zones: &dyn TimeZones,
    options: &RenderOptions,
    today: NaiveDate,
) -> String {
    let view = MetaView::new(meta, reviews, zones, options, today);
    Html { view: &view }.render()
}

/// The meta-review report as GitHub-flavoured Markdown, in the HTML report's order, without
/// the charts.
pub fn render_meta_markdown(
    meta: &MetaReview,
    reviews: &[Review],
    zones: &dyn TimeZones,
    options: &RenderOptions,
    today: NaiveDate,
) -> String {
    let view = MetaView::new(meta, reviews, zones, options, today);
    Markdown {
        view: &view,
        out: String::new(),
    }
    .render()
}

// ---------------------------------------------------------------------------------------------
// What both renderings show, decided once.

/// One numbered entry of the incident list.
struct Incident<'a> {
    number: usize,
    /// The review as shown (its public view in the public report); `None` when deleted.
    review: Option<&'a Review>,
    /// [`MetaView::label_of`]: scrubbed, not escaped.
    label: String,
    start: Option<Timestamp>,
    summary: String,
}

struct MetaView<'a> {
    meta: &'a MetaReview,
    public: bool,
    zones: &'a dyn TimeZones,
    zone: Zone<'a>,
    options: &'a RenderOptions,
    today: NaiveDate,
    /// The covered reviews as shown, in incident order.
    shown: Vec<Review>,
    figures: MetaFigures,
    scrubber: Option<Scrubber>,
    missing_summaries: Vec<IncidentSummary>,
    labels: IncidentLabels,
}

impl<'a> MetaView<'a> {
    fn new(
        meta: &'a MetaReview,
        reviews: &[Review],
        zones: &'a dyn TimeZones,
        options: &'a RenderOptions,
        today: NaiveDate,
    ) -> Self {
        let public = options.audience == Audience::Public;
        let coverage = covered_reviews(meta, reviews, zones);
        let shown: Vec<Review> = coverage
            .reviews
            .iter()
            .map(|r| if public { public_view(r) } else { (*r).clone() })
            .collect();
        let mut figures = meta_figures(meta, &shown, zones, today);
        figures.missing = coverage.missing.clone();
        let scrubber = public.then(|| {
            let people: Vec<_> = coverage.reviews.iter().flat_map(|r| &r.people).collect();
            Scrubber::for_meta(&people, &meta.redactions)
        });
        let missing_summaries = coverage
            .missing
            .iter()
            .map(|id| {
                meta.summaries
                    .iter()
                    .find(|s| &s.review == id)
                    .cloned()
                    .unwrap_or_else(|| IncidentSummary {
                        review: id.clone(),
                        ..IncidentSummary::default()
                    })
            })
            .collect();
        let labels = IncidentLabels::new(meta, reviews, zones);
        let mut view = Self {
            labels,
            meta,
            public,
            zones,
            zone: Zone::find_or_utc(zones, &meta.time_zone),
            options,
            today,
            shown,
            figures,
            scrubber,
            missing_summaries,
        };
        let originals: Vec<&Review> = coverage.reviews;
        view.prepare_summaries(&originals);
        view
    }

    /// The meta-review's own summary of each covered review replaces the review's summary
    /// in what is shown (scrubbed as the review's public view would, in public).
    fn prepare_summaries(&mut self, originals: &[&Review]) {
        for (shown, original) in self.shown.iter_mut().zip(originals) {
            let kept = self
                .meta
                .summaries
                .iter()
                .find(|s| s.review == original.id && !s.text.trim().is_empty());
            if let Some(kept) = kept {
                shown.summary = if self.public {
                    scrub_for_review(original, &kept.text)
                } else {
                    kept.text.clone()
                };
            }
        }
    }

    fn incidents(&self) -> Vec<Incident<'_>> {
        let mut list: Vec<Incident> = self
            .shown
            .iter()
            .map(|review| Incident {
                number: 0,
                review: Some(review),
                label: self.label_of(&review.id),
                start: review.incident.start,
                summary: review.summary.clone(),
            })
            .collect();
        list.extend(self.missing_summaries.iter().map(|kept| Incident {
            number: 0,
            review: None,
            label: self.label_of(&kept.review),
            start: kept.incident_start,
            summary: kept.text.clone(),
        }));
        for (i, incident) in list.iter_mut().enumerate() {
            incident.number = i + 1;
        }
        list
    }

    fn number_of(&self, id: &ReviewId) -> Option<usize> {
        self.shown
            .iter()
            .map(|r| &r.id)
            .chain(self.missing_summaries.iter().map(|s| &s.review))
            .position(|other| other == id)
            .map(|i| i + 1)
    }

    /// The incidents' numbers, in number order.
    fn numbered<'i>(&self, ids: &'i [ReviewId]) -> Vec<(usize, &'i ReviewId)> {
        let mut numbered: Vec<(usize, &ReviewId)> = ids
            .iter()
            .filter_map(|id| Some((self.number_of(id)?, id)))
            .collect();
        sorting::sort_by_key(&mut numbered, |(n, _)| *n);
        numbered
    }

    /// The incident's [`IncidentLabel`](super::IncidentLabel) as this audience may read it:
    /// the title as shown (the public view's, in public), scrubbed. Not escaped.
    fn label_of(&self, id: &ReviewId) -> String {
        let Some(label) = self.labels.get(id) else {
            return self.scrub(id.as_str());
        };
        let title = self
            .shown
            .iter()
            .find(|r| &r.id == id)
            .map_or(label.title.as_str(), |r| r.display_title());
        label.with_title(self.scrub(title)).to_string()
    }

    /// Text as this audience may read it: in public, people's names replaced and the
    /// meta-review's redactions applied. Not escaped.
    fn scrub(&self, value: &str) -> String {
        match &self.scrubber {
            Some(scrubber) => scrubber.text(value),
            None => value.to_owned(),
        }
    }

    fn shows(&self, visibility: Visibility) -> bool {
        !self.public || visibility == Visibility::Public
    }

    fn notes<'n>(&self, notes: &'n [MetaNote]) -> Vec<&'n MetaNote> {
        notes.iter().filter(|n| self.shows(n.visibility)).collect()
    }

    fn next_steps(&self) -> Vec<&'a NextStep> {
        self.meta
            .next_steps
            .iter()
            .filter(|s| self.shows(s.visibility))
            .collect()
    }

    fn when(&self, instant: &Timestamp) -> String {
        format_instant(instant, &self.zone).full()
    }

    /// "2020-07-28 – 2020-08-06" on the meta-review's clock.
    fn period(&self) -> Option<String> {
        let starts: Vec<Timestamp> = self.shown.iter().filter_map(|r| r.incident.start).collect();
        let first = starts.iter().min()?;
        let last = starts.iter().max()?;
        let (a, b) = (
            format_instant(first, &self.zone).date,
            format_instant(last, &self.zone).date,
        );
        Some(if a == b { a } else { format!("{a} – {b}") })
    }

    /// The class, and what it was when the class alone does not say: the kind of change,
    /// or the sentence of a trigger known but none of the three. Raw text.
    fn trigger_line(review: &Review) -> String {
        let trigger = &review.trigger;
        let mut line = trigger.class.label().to_owned();
        let detail = match trigger.class {
            TriggerClass::SelfChangeCaused => trigger.change_kind.map(|k| k.label()),
            TriggerClass::KnownOther => Some(trigger.description.trim()).filter(|d| !d.is_empty()),
            _ => None,
        };
        if let Some(detail) = detail {
            line.push_str(" · ");
            line.push_str(detail);
        }
        line
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn whole_percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

fn review_ids(refs: &[ActionRef]) -> Vec<ReviewId> {
    let mut ids: Vec<ReviewId> = Vec::new();
    for r in refs {
        if !ids.contains(&r.review) {
            ids.push(r.review.clone());
        }
    }
    ids
}

fn all_refs(counts: &ActionCounts) -> Vec<ActionRef> {
    counts
        .open
        .iter()
        .chain(&counts.done)
        .chain(&counts.wont_do)
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// HTML

/// What the meta-review report adds to the review report's stylesheet.
const META_STYLE: &str = r##".incident { scroll-margin-top: 1rem; }
.incident:target { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
.incident-facts { margin: 0.2rem 0 0.4rem; font-size: 0.88rem; color: var(--muted); }
.badge.deleted { color: var(--bad); background: var(--bad-bg); }
.badge.recurring { color: var(--good); background: var(--good-bg); }
.which a { margin-right: 0.35rem; white-space: nowrap; }
.figure-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1.5rem; }
@media print {
  .incident { break-inside: avoid; }
  a[href^="#"]::after { content: none; }
}
"##;

struct Html<'v, 'a> {
    view: &'v MetaView<'a>,
}

impl Html<'_, '_> {
    /// Text from the meta-review or a review, scrubbed for the audience and escaped.
    fn t(&self, value: &str) -> String {
        text(&self.view.scrub(value))
    }

    fn prose_or(&self, out: &mut String, value: &str, placeholder: &str) {
        if value.trim().is_empty() {
            w!(out, "<p class=\"muted\">{placeholder}</p>\n");
        } else {
            w!(out, "<p class=\"prose\">{}</p>\n", self.t(value.trim()));
        }
    }

    /// "#1 #3", each linked to its incident's entry.
    fn which(&self, ids: &[ReviewId]) -> String {
        if ids.is_empty() {
            return "<span class=\"muted\">—</span>".to_owned();
        }
        let links: Vec<String> = self
            .view
            .numbered(ids)
            .into_iter()
            .map(|(n, id)| {
                format!(
                    "<a href=\"#incident-{n}\" title=\"{label}\" aria-label=\"{label}\">#{n}</a>",
                    label = attr(&self.view.label_of(id))
                )
            })
            .collect();
        format!("<span class=\"which\">{}</span>", links.join(" "))
    }

    /// One incident named in full, linked to its entry: a row's first cell.
    fn incident_link(&self, id: &ReviewId) -> String {
        match self.view.number_of(id) {
            Some(n) => format!(
                "<a href=\"#incident-{n}\">{}</a>",
                text(&self.view.label_of(id))
            ),
            None => text(&self.view.label_of(id)),
        }
    }

    fn render(&self) -> String {
        let view = self.view;
        let kind = if view.public {
            "meta-review"
        } else {
            "internal meta-review"
        };
        let mut out = String::with_capacity(64 * 1024);
        write_head(
            &mut out,
            &format!("{} — {kind}", view.scrub(view.meta.display_title())),
            META_STYLE,
        );
        out.push_str("<body>\n<main>\n");
        self.header(&mut out);
        self.incidents(&mut out);
        self.figures(&mut out);
        self.notes(
            &mut out,
            "themes",
            "Themes",
            &view.meta.themes,
            "No themes written yet.",
        );
        self.notes(
            &mut out,
            "went-well",
            "What went well",
            &view.meta.went_well,
            "Nothing recorded yet.",
        );
        self.next_steps(&mut out);
        self.notes(
            &mut out,
            "open-questions",
            "Open questions",
            &view.meta.open_questions,
            "No open questions recorded.",
        );
        out.push_str("</main>\n");
        self.footer(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    fn header(&self, out: &mut String) {
        let view = self.view;
        out.push_str("<header class=\"report-header\">\n");
        let (kind, class) = if view.public {
            ("Public meta-review", "public")
        } else {
            ("Internal meta-review", "internal")
        };
        w!(out, "<p class=\"kicker {class}\">{kind}</p>\n");
        w!(out, "<h1>{}</h1>\n", self.t(view.meta.display_title()));
        out.push_str("<dl class=\"facts\">\n");
        let mut covered = count(view.shown.len(), "incident", "incidents");
        if !view.figures.missing.is_empty() {
            w!(
                covered,
                " <span class=\"muted\">({} deleted from the workbook)</span>",
                view.figures.missing.len()
            );
        }
        w!(out, "<div><dt>Covers</dt><dd>{covered}</dd></div>\n");
        if let Some(period) = view.period() {
            w!(
                out,
                "<div><dt>Started</dt><dd>{}</dd></div>\n",
                text(&period)
            );
        }
        let zone_note = if view.figures.time_zone == view.meta.time_zone.trim() {
            text(&view.figures.time_zone)
        } else {
            format!(
                "UTC <span class=\"muted\">(the meta-review's zone “{}” is not known here)</span>",
                text(&view.meta.time_zone)
            )
        };
        w!(
            out,
            "<div class=\"wide\"><dt>Months, days and hours read in</dt><dd>{zone_note}</dd></div>\n"
        );
        out.push_str("</dl>\n</header>\n");
    }

    fn incidents(&self, out: &mut String) {
        out.push_str("<section class=\"incidents\">\n<h2>The incidents</h2>\n");
        let incidents = self.view.incidents();
        if incidents.is_empty() {
            out.push_str("<p class=\"muted\">This meta-review covers no incidents yet.</p>\n");
        }
        for incident in incidents {
            w!(
                out,
                "<article class=\"card incident\" id=\"incident-{}\">\n\
                 <h3>{}</h3>\n",
                incident.number,
                text(&incident.label)
            );
            let mut facts: Vec<String> = Vec::new();
            match &incident.start {
                Some(start) => facts.push(format!(
                    "<time datetime=\"{}\">{}</time>",
                    attr(&start.to_rfc3339()),
                    text(&self.view.when(start))
                )),
                None => facts.push("no start time".to_owned()),
            }
            match incident.review {
                Some(review) => {
                    facts.push(format!(
                        "<strong>{}</strong>",
                        self.t(&MetaView::trigger_line(review))
                    ));
                    let environments: Vec<String> = review
                        .impact
                        .environments
                        .iter()
                        .filter(|e| !e.trim().is_empty())
                        .map(|e| format!("<span class=\"chip\">{}</span>", self.t(e.trim())))
                        .collect();
                    if !environments.is_empty() {
                        facts.push(environments.join(" "));
                    }
                    facts.push(format!(
                        "customer-facing: {}",
                        yes_no(review.impact.customer_facing)
                    ));
                    facts.push(format!(
                        "caught before production: {}",
                        yes_no(review.impact.caught_before_production)
                    ));
                }
                None => facts.push(
                    "<span class=\"badge deleted\">Deleted from the workbook</span>".to_owned(),
                ),
            }
            w!(
                out,
                "<p class=\"incident-facts\">{}</p>\n",
                facts.join(" · ")
            );
            if incident.review.is_none() {
                out.push_str(
                    "<p class=\"muted\">The review was deleted; this is the summary the \
                     meta-review kept. It is counted in no figure.</p>\n",
                );
            }
            self.prose_or(out, &incident.summary, "No summary written.");
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }

    // --- figures ---------------------------------------------------------------------------

    fn figures(&self, out: &mut String) {
        let f = &self.view.figures;
        out.push_str("<section class=\"figures new-page\">\n<h2>Across the incidents</h2>\n");
        out.push_str(
            "<p class=\"lede\">Counts over the covered incidents still in the workbook. Each \
             number links to the incidents behind it. Unknowns are counted, not dropped. \
             These describe a set of incidents; they are not targets.</p>\n",
        );
        self.triggers(out, f);
        self.factors(out, f);
        self.reach(out, f);
        self.timing(out, f);
        self.durations(out, f);
        self.hypotheses(out, f);
        self.people(out, f);
        self.actions(out, f);
        self.deep_analysis(out, f);
        out.push_str("</section>\n");
    }

    fn tally_table<K>(
        &self,
        out: &mut String,
        caption: &str,
        head: &str,
        rows: &[Tally<K>],
        label: impl Fn(&K) -> String,
    ) {
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n\
             <thead><tr><th>{head}</th><th>Incidents</th><th>Share</th><th>Which</th></tr></thead>\n<tbody>\n"
        );
        for row in rows {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                label(&row.key),
                row.count(),
                whole_percent(row.share),
                self.which(&row.reviews)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn chart(&self, out: &mut String, svg: &str, caption: &str) {
        w!(
            out,
            "<figure class=\"chart\">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n"
        );
    }

    fn bars<K>(&self, rows: &[Tally<K>], label: impl Fn(&K) -> String) -> Vec<Bar> {
        rows.iter()
            .map(|row| {
                let names: Vec<String> = row
                    .reviews
                    .iter()
                    .map(|id| self.view.label_of(id))
                    .collect();
                Bar {
                    label: label(&row.key),
                    count: row.count(),
                    tooltip: format!(
                        "{}: {}{}{}",
                        label(&row.key),
                        count(row.count(), "incident", "incidents"),
                        if names.is_empty() { "" } else { " — " },
                        names.join("; ")
                    ),
                }
            })
            .collect()
    }

    fn triggers(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>What set them off</h3>\n");
        let bars = self.bars(&f.triggers, |class| class.label().to_owned());
        let desc = f
            .triggers
            .iter()
            .map(|t| format!("{} {}", t.key.label(), t.count()))
            .collect::<Vec<_>>()
            .join(", ");
        self.chart(
            out,
            &bar_chart_svg("meta-triggers", "Incidents by trigger", &desc, &bars),
            "Provider-caused, self-change-caused, customer-caused, or known and none of \
             these: who or what set each incident off. A trigger is not a root cause.",
        );
        self.tally_table(
            out,
            "Incidents by trigger class",
            "Trigger",
            &f.triggers,
            |c| c.label().to_owned(),
        );
    }

    fn factors(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Contributing factors by category</h3>\n");
        if f.factor_categories.is_empty() {
            out.push_str("<p class=\"muted\">No contributing factors recorded.</p>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<caption>An incident counts once per \
             category it has factors in.</caption>\n<thead><tr><th>Category</th><th>Incidents</th>\
             <th>Share</th><th>Factors</th><th>Which</th></tr></thead>\n<tbody>\n",
        );
        for row in &f.factor_categories {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td>{}</td></tr>\n",
                row.category.label(),
                row.reviews.len(),
                whole_percent(row.share),
                row.factors,
                self.which(&row.reviews)
            );
        }
        if !f.without_factors.is_empty() {
            w!(
                out,
                "<tr><td class=\"muted\">No factors recorded</td><td class=\"num\">{}</td>\
                 <td></td><td></td><td>{}</td></tr>\n",
                f.without_factors.len(),
                self.which(&f.without_factors)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn yes_no_rows(&self, out: &mut String, question: &str, answers: &YesNoUnknown) {
        for (answer, ids) in [
            ("yes", &answers.yes),
            ("no", &answers.no),
            ("not recorded", &answers.unknown),
        ] {
            w!(
                out,
                "<tr><td>{question}</td><td>{answer}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                ids.len(),
                self.which(ids)
            );
        }
    }

    fn reach(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>How far they reached</h3>\n<div class=\"figure-grid\">\n<div>\n");
        self.tally_table(
            out,
            "Environments affected (names matched ignoring case)",
            "Environment",
            &f.environments,
            |name| self.t(name),
        );
        out.push_str("</div>\n<div>\n<div class=\"table-wrap\">\n<table>\n<caption>Reach</caption>\n\
             <thead><tr><th>Question</th><th>Answer</th><th>Incidents</th><th>Which</th></tr></thead>\n<tbody>\n");
        self.yes_no_rows(out, "Customer-facing", &f.customer_facing);
        self.yes_no_rows(out, "Caught before production", &f.caught_before_production);
        out.push_str("</tbody>\n</table>\n</div>\n</div>\n</div>\n");
    }

    fn timing(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>When they started</h3>\n");
        w!(
            out,
            "<p class=\"muted\">Incident starts on the {} clock.{}</p>\n",
            text(&f.time_zone),
            if f.no_start.is_empty() {
                String::new()
            } else {
                format!(
                    " No start time: {} {}.",
                    count(f.no_start.len(), "incident", "incidents"),
                    self.which(&f.no_start)
                )
            }
        );
        if f.by_month.is_empty() {
            out.push_str("<p class=\"muted\">No incident has a start time.</p>\n");
            return;
        }
        let bars = self.bars(&f.by_month, |m| m.clone());
        let desc = f
            .by_month
            .iter()
            .map(|t| format!("{} {}", t.key, t.count()))
            .collect::<Vec<_>>()
            .join(", ");
        self.chart(
            out,
            &bar_chart_svg("meta-months", "Incidents by month", &desc, &bars),
            "Incidents by the month they started in.",
        );
        out.push_str("<div class=\"figure-grid\">\n<div>\n");
        self.tally_table(out, "By month", "Month", &f.by_month, |m| text(m));
        out.push_str("</div>\n<div>\n");
        let days: Vec<Tally<Weekday>> = f
            .by_weekday
            .iter()
            .filter(|t| t.count() > 0)
            .cloned()
            .collect();
        self.tally_table(
            out,
            "By weekday (days without one left out)",
            "Day",
            &days,
            |d| weekday_name(*d).to_owned(),
        );
        let hours: Vec<Tally<u32>> = f
            .by_hour
            .iter()
            .filter(|t| t.count() > 0)
            .cloned()
            .collect();
        self.tally_table(
            out,
            "By hour of day (hours without one left out)",
            "Hour",
            &hours,
            |h| format!("{h:02}:00–{h:02}:59"),
        );
        out.push_str("</div>\n</div>\n");
    }

    fn durations(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>How long the response took</h3>\n");
        let strips: Vec<Strip> = f
            .durations
            .iter()
            .map(|d| Strip {
                label: d.metric.label().to_owned(),
                points: d
                    .values
                    .iter()
                    .map(|(id, duration)| {
                        (
                            format!("{}: {}", self.view.label_of(id), format_duration(*duration)),
                            *duration,
                        )
                    })
                    .collect(),
                summary: d.summary,
            })
            .collect();
        let desc = f
            .durations
            .iter()
            .map(|d| match &d.summary {
                Some(five) => format!(
                    "{}: median {} over {}",
                    d.metric.label(),
                    format_duration(five.median),
                    count(d.values.len(), "incident", "incidents")
                ),
                None => format!("{}: not measured", d.metric.label()),
            })
            .collect::<Vec<_>>()
            .join("; ");
        self.chart(
            out,
            &distribution_svg("meta-durations", "Response durations", &desc, &strips),
            "Each square is one incident; the box spans the middle half, the thick line is \
             the median, the whiskers reach the shortest and longest. Measured from impact \
             start, as in each review.",
        );
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Measure</th><th>Shortest</th>\
             <th>Lower quartile</th><th>Median</th><th>Upper quartile</th><th>Longest</th>\
             <th>Each incident, shortest first</th><th>Not measured</th></tr></thead>\n<tbody>\n",
        );
        for d in &f.durations {
            let cells = match &d.summary {
                Some(five) => [
                    five.min,
                    five.lower_quartile,
                    five.median,
                    five.upper_quartile,
                    five.max,
                ]
                .iter()
                .map(|v| format!("<td class=\"nowrap\">{}</td>", text(&format_duration(*v))))
                .collect::<String>(),
                None => "<td class=\"muted\" colspan=\"5\">No incident has it.</td>".to_owned(),
            };
            let each: Vec<String> = d
                .values
                .iter()
                .map(|(id, duration)| {
                    format!(
                        "{} {}",
                        self.which(std::slice::from_ref(id)),
                        text(&format_duration(*duration))
                    )
                })
                .collect();
            w!(
                out,
                "<tr><td>{}</td>{cells}<td>{}</td><td>{}</td></tr>\n",
                d.metric.label(),
                each.join(", "),
                self.which(&d.missing)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn hypotheses(&self, out: &mut String, f: &MetaFigures) {
        let h = &f.hypotheses;
        out.push_str("<h3>Hypotheses</h3>\n");
        w!(
            out,
            "<p>{} across the incidents, {} later falsified; the responses held falsified \
             hypotheses for <strong>{}</strong> in all. Being wrong for a while is normal.</p>\n",
            count(h.total, "hypothesis", "hypotheses"),
            h.falsified,
            text(&format_duration(h.time_on_falsified))
        );
        let rows: Vec<_> = h.per_review.iter().filter(|r| r.total > 0).collect();
        if rows.is_empty() {
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Incident</th><th>Hypotheses</th>\
             <th>Falsified</th><th>Time on falsified ones</th></tr></thead>\n<tbody>\n",
        );
        for row in rows {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"nowrap\">{}</td></tr>\n",
                self.incident_link(&row.review),
                row.total,
                row.falsified,
                text(&format_duration(row.time_on_falsified))
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn recurring_table(
        &self,
        out: &mut String,
        caption: &str,
        head: &str,
        rows: &[Recurring],
        with_people: bool,
    ) {
        if rows.is_empty() {
            w!(
                out,
                "<p class=\"muted\">No {} recorded.</p>\n",
                head.to_lowercase()
            );
            return;
        }
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n<thead><tr>\
             <th>{head}</th><th>Incidents</th>"
        );
        if with_people {
            out.push_str("<th>Roles</th><th>Events</th><th>At night</th>");
        }
        out.push_str("<th>Which</th></tr></thead>\n<tbody>\n");
        for row in rows {
            let badge = if row.recurring {
                " <span class=\"badge recurring\">Recurring</span>"
            } else {
                ""
            };
            let also = if row.also_spelled.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"muted\">also spelled {}</span>",
                    self.t(&row.also_spelled.join(", "))
                )
            };
            w!(
                out,
                "<tr><td>{}{badge}{also}</td><td class=\"num\">{}</td>",
                self.t(&row.name),
                row.reviews.len()
            );
            if with_people {
                let roles: Vec<&str> = row.roles.iter().map(|r| r.label()).collect();
                w!(
                    out,
                    "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                    roles.join(", "),
                    row.events,
                    row.night_events
                );
            }
            w!(out, "<td>{}</td></tr>\n", self.which(&row.reviews));
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn people(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Who and what came up again</h3>\n");
        if self.view.public {
            out.push_str(
                "<p class=\"muted\">People are not named in the public version, not even by \
                 role: who took part in several incidents stays inside the organisation.</p>\n",
            );
        } else {
            self.recurring_table(
                out,
                "People, matched by name across reviews. Night is 22:00–06:00 on each \
                 person's own clock.",
                "Person",
                &f.people,
                true,
            );
        }
        self.recurring_table(out, "Teams of the people involved", "Team", &f.teams, true);
        self.recurring_table(
            out,
            "Services named in the reviews",
            "Service",
            &f.services,
            false,
        );
    }

    fn action_row(&self, out: &mut String, label: &str, counts: &ActionCounts) {
        w!(
            out,
            "<tr><td>{label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            counts.open.len(),
            counts.overdue.len(),
            counts.done.len(),
            counts.wont_do.len(),
            self.which(&review_ids(&all_refs(counts)))
        );
    }

    fn actions(&self, out: &mut String, f: &MetaFigures) {
        let a = &f.actions;
        out.push_str("<h3>Action items from the reviews</h3>\n");
        w!(
            out,
            "<p>{}: {} open (of which {} overdue on {}), {} done, {} won't do.</p>\n",
            count(a.all.total(), "action item", "action items"),
            a.all.open.len(),
            a.all.overdue.len(),
            self.view.today,
            a.all.done.len(),
            a.all.wont_do.len()
        );
        if a.all.total() == 0 {
            return;
        }
        let head = "<thead><tr><th>{}</th><th>Open</th><th>Overdue</th><th>Done</th>\
                    <th>Won't do</th><th>Which</th></tr></thead>\n<tbody>\n";
        out.push_str("<div class=\"figure-grid\">\n<div class=\"table-wrap\">\n<table>\n<caption>By kind</caption>\n");
        out.push_str(&head.replace("{}", "Kind"));
        for (kind, counts) in a.by_kind.iter().filter(|(_, c)| c.total() > 0) {
            self.action_row(out, kind.label(), counts);
        }
        out.push_str(
            "</tbody>\n</table>\n</div>\n<div class=\"table-wrap\">\n<table>\n\
             <caption>By the category of the factors they address</caption>\n",
        );
        out.push_str(&head.replace("{}", "Category"));
        for (category, counts) in &a.by_factor_category {
            let label = category.map_or("Addresses no recorded factor", |c| c.label());
            self.action_row(out, label, counts);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</div>\n");
    }

    fn deep_analysis(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Signs that called for a deep analysis</h3>\n");
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Incident</th><th>Signs met</th>\
             <th>Suggested</th></tr></thead>\n<tbody>\n",
        );
        for row in &f.deep_analysis.per_review {
            let signs: Vec<&str> = row.met.iter().map(|c| c.label()).collect();
            let suggested = match row.recommendation {
                crate::model::Recommendation::LightReview => "Light review",
                crate::model::Recommendation::DeepAnalysis => "Deep analysis",
                crate::model::Recommendation::DeepAnalysisStrongly => "Deep analysis, strongly",
            };
            w!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{suggested}</td></tr>\n",
                self.incident_link(&row.review),
                if signs.is_empty() {
                    "<span class=\"muted\">None</span>".to_owned()
                } else {
                    signs.join("; ")
                }
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    // --- the analyst's own text -----------------------------------------------------------

    fn badge(&self, visibility: Visibility) -> &'static str {
        if !self.view.public && visibility == Visibility::Internal {
            " <span class=\"badge internal\">Internal</span>"
        } else {
            ""
        }
    }

    fn notes(&self, out: &mut String, class: &str, title: &str, notes: &[MetaNote], empty: &str) {
        w!(out, "<section class=\"{class}\">\n<h2>{title}</h2>\n");
        let notes = self.view.notes(notes);
        if notes.is_empty() {
            w!(out, "<p class=\"muted\">{empty}</p>\n</section>\n");
            return;
        }
        out.push_str("<ul>\n");
        for note in notes {
            let drawn = if note.reviews.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"refs\">{}</span>", self.which(&note.reviews))
            };
            w!(
                out,
                "<li><span class=\"prose\">{}</span>{drawn}{}</li>\n",
                self.t(&note.text),
                self.badge(note.visibility)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn next_steps(&self, out: &mut String) {
        out.push_str("<section class=\"next-steps\">\n<h2>Next steps</h2>\n");
        let steps = self.view.next_steps();
        if steps.is_empty() {
            out.push_str("<p class=\"muted\">No next steps recorded.</p>\n</section>\n");
            return;
        }
        let trackers = !self.view.public && steps.iter().any(|s| s.tracker_link.is_some());
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"actions-table\">\n<thead><tr>\
             <th>What will change</th><th>Owner</th><th>Due</th><th>Done</th>",
        );
        if trackers {
            out.push_str("<th>Tracker</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for step in steps {
            let overdue = !step.done && step.due.is_some_and(|d| d < self.view.today);
            let due = match step.due {
                Some(due) if overdue => {
                    format!("{due} <span class=\"badge overdue\">Overdue</span>")
                }
                Some(due) => due.to_string(),
                None => "<span class=\"muted\">—</span>".to_owned(),
            };
            w!(
                out,
                "<tr{}><td><span class=\"prose\">{}</span>{}</td><td>{}</td><td class=\"when\">{due}</td><td>{}</td>",
                if overdue { " class=\"overdue\"" } else { "" },
                self.t(&step.text),
                self.badge(step.visibility),
                self.t(&step.owner),
                if step.done { "Done" } else { "Not yet" }
            );
            if trackers {
                let link = step
                    .tracker_link
                    .as_deref()
                    .map(|l| link_or_text("Issue", l))
                    .unwrap_or_default();
                w!(out, "<td>{link}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    fn footer(&self, out: &mut String) {
        out.push_str("<footer>\n");
        if self.view.public {
            out.push_str(
                "<p><strong>This is the public version of the meta-review.</strong> Each \
                 incident is shown as its public review: entries marked internal are left out \
                 and not counted, people are not named, and the listed terms are redacted.</p>\n",
            );
        } else {
            out.push_str(
                "<p><strong>Internal version: everything in the covered reviews, including \
                 what is not for publication.</strong> Share the public version outside the \
                 organisation.</p>\n",
            );
        }
        let generated = self.view.options.generated_at.fixed_offset();
        w!(
            out,
            "<p class=\"muted\">Generated by Debrief on {}.</p>\n",
            text(&format_instant(&generated, &Zone::utc(self.view.zone_rules())).full())
        );
        out.push_str("</footer>\n");
    }
}

impl MetaView<'_> {
    fn zone_rules(&self) -> &dyn TimeZones {
        self.zones
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

struct Markdown<'v, 'a> {
    view: &'v MetaView<'a>,
    out: String,
}

const NONE: &str = "—";

impl Markdown<'_, '_> {
    fn t(&self, value: &str) -> String {
        inline(&self.view.scrub(value))
    }

    fn block(&mut self, markdown: &str) {
        self.out.push_str(markdown);
        self.out.push_str("\n\n");
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

    /// "\#1, \#3": incidents by their number in the list above.
    fn which(&self, ids: &[ReviewId]) -> String {
        let numbers: Vec<String> = self
            .view
            .numbered(ids)
            .into_iter()
            .map(|(n, _)| format!("\\#{n}"))
            .collect();
        if numbers.is_empty() {
            NONE.to_owned()
        } else {
            numbers.join(", ")
        }
    }

    fn tally_rows<K>(&self, rows: &[Tally<K>], label: impl Fn(&K) -> String) -> Vec<Vec<String>> {
        rows.iter()
            .map(|t| {
                vec![
                    label(&t.key),
                    t.count().to_string(),
                    whole_percent(t.share),
                    self.which(&t.reviews),
                ]
            })
            .collect()
    }

    fn render(mut self) -> String {
        let view = self.view;
        let kind = if view.public {
            "Public meta-review"
        } else {
            "Internal meta-review"
        };
        let title = self.t(view.meta.display_title());
        self.block(&format!("# {title}"));
        let mut facts = vec![
            format!("**{kind}**"),
            format!(
                "Covers {}",
                count(view.shown.len(), "incident", "incidents")
            ),
        ];
        if !view.figures.missing.is_empty() {
            facts.push(format!(
                "{} deleted from the workbook",
                view.figures.missing.len()
            ));
        }
        if let Some(period) = view.period() {
            facts.push(format!("started {period}"));
        }
        facts.push(format!(
            "months, days and hours read in {}",
            inline(&view.figures.time_zone)
        ));
        self.block(&facts.join(" · "));

        self.incidents();
        self.figures();
        self.notes("Themes", &view.meta.themes, "No themes written yet.");
        self.notes(
            "What went well",
            &view.meta.went_well,
            "Nothing recorded yet.",
        );
        self.next_steps();
        self.notes(
            "Open questions",
            &view.meta.open_questions,
            "No open questions recorded.",
        );
        let footer = if view.public {
            "*This is the public version of the meta-review: entries marked internal are left \
             out and not counted, people are not named, and the listed terms are redacted.*"
        } else {
            "*Internal version: everything in the covered reviews, including what is not for \
             publication.*"
        };
        self.block(footer);
        let generated = view.options.generated_at.fixed_offset();
        let stamp = format_instant(&generated, &Zone::utc(view.zone_rules())).full();
        self.block(&format!("Generated by Debrief on {}.", inline(&stamp)));
        let mut out = self.out.trim_end().to_owned();
        out.push('\n');
        out
    }

    fn incidents(&mut self) {
        self.block("## The incidents");
        let incidents = self.view.incidents();
        if incidents.is_empty() {
            self.block("*This meta-review covers no incidents yet.*");
        }
        for incident in incidents {
            self.block(&format!("### {}", inline(&incident.label)));
            let mut facts = vec![match &incident.start {
                Some(start) => inline(&self.view.when(start)),
                None => "no start time".to_owned(),
            }];
            match incident.review {
                Some(review) => {
                    facts.push(format!("**{}**", self.t(&MetaView::trigger_line(review))));
                    let environments: Vec<String> = review
                        .impact
                        .environments
                        .iter()
                        .filter(|e| !e.trim().is_empty())
                        .map(|e| self.t(e))
                        .collect();
                    if !environments.is_empty() {
                        facts.push(environments.join(", "));
                    }
                    facts.push(format!(
                        "customer-facing: {}",
                        yes_no(review.impact.customer_facing)
                    ));
                    facts.push(format!(
                        "caught before production: {}",
                        yes_no(review.impact.caught_before_production)
                    ));
                }
                None => facts.push(
                    "**Deleted from the workbook**: the summary the meta-review kept; counted \
                     in no figure"
                        .to_owned(),
                ),
            }
            self.block(&facts.join(" · "));
            let summary = paragraphs(&self.view.scrub(&incident.summary));
            if summary.is_empty() {
                self.block("*No summary written.*");
            } else {
                self.block(&summary);
            }
        }
    }

    fn figures(&mut self) {
        let view = self.view;
        let f = &view.figures;
        self.block("## Across the incidents");
        self.block(
            "Counts over the covered incidents still in the workbook; \\#n refers to the \
             incidents above. Unknowns are counted, not dropped.",
        );

        self.block("### What set them off");
        let rows = self.tally_rows(&f.triggers, |c| c.label().to_owned());
        self.table(&["Trigger", "Incidents", "Share", "Which"], &rows);

        self.block("### Contributing factors by category");
        if f.factor_categories.is_empty() {
            self.block("*No contributing factors recorded.*");
        } else {
            let mut rows: Vec<Vec<String>> = f
                .factor_categories
                .iter()
                .map(|c| {
                    vec![
                        c.category.label().to_owned(),
                        c.reviews.len().to_string(),
                        whole_percent(c.share),
                        c.factors.to_string(),
                        self.which(&c.reviews),
                    ]
                })
                .collect();
            if !f.without_factors.is_empty() {
                rows.push(vec![
                    "No factors recorded".to_owned(),
                    f.without_factors.len().to_string(),
                    NONE.to_owned(),
                    NONE.to_owned(),
                    self.which(&f.without_factors),
                ]);
            }
            self.table(
                &["Category", "Incidents", "Share", "Factors", "Which"],
                &rows,
            );
        }

        self.block("### How far they reached");
        let rows = self.tally_rows(&f.environments, |name| self.t(name));
        self.table(&["Environment", "Incidents", "Share", "Which"], &rows);
        let mut rows = Vec::new();
        for (question, answers) in [
            ("Customer-facing", &f.customer_facing),
            ("Caught before production", &f.caught_before_production),
        ] {
            for (answer, ids) in [
                ("yes", &answers.yes),
                ("no", &answers.no),
                ("not recorded", &answers.unknown),
            ] {
                rows.push(vec![
                    question.to_owned(),
                    answer.to_owned(),
                    ids.len().to_string(),
                    self.which(ids),
                ]);
            }
        }
        self.table(&["Question", "Answer", "Incidents", "Which"], &rows);

        self.block("### When they started");
        let mut note = format!("Incident starts on the {} clock.", inline(&f.time_zone));
        if !f.no_start.is_empty() {
            note.push_str(&format!(" No start time: {}.", self.which(&f.no_start)));
        }
        self.block(&note);
        if !f.by_month.is_empty() {
            let rows = self.tally_rows(&f.by_month, |m| inline(m));
            self.table(&["Month", "Incidents", "Share", "Which"], &rows);
            let days: Vec<Tally<Weekday>> = f
                .by_weekday
                .iter()
                .filter(|t| t.count() > 0)
                .cloned()
                .collect();
            let rows = self.tally_rows(&days, |d| weekday_name(*d).to_owned());
            self.table(&["Day", "Incidents", "Share", "Which"], &rows);
            let hours: Vec<Tally<u32>> = f
                .by_hour
                .iter()
                .filter(|t| t.count() > 0)
                .cloned()
                .collect();
            let rows = self.tally_rows(&hours, |h| format!("{h:02}:00–{h:02}:59"));
            self.table(&["Hour", "Incidents", "Share", "Which"], &rows);
        }

        self.block("### How long the response took");
        let rows: Vec<Vec<String>> = f
            .durations
            .iter()
            .map(|d| {
                let mut row = vec![d.metric.label().to_owned()];
                match &d.summary {
                    Some(five) => row.extend(
                        [
                            five.min,
                            five.lower_quartile,
                            five.median,
                            five.upper_quartile,
                            five.max,
                        ]
                        .iter()
                        .map(|v| format_duration(*v)),
                    ),
                    None => row.extend(std::iter::repeat_n(NONE.to_owned(), 5)),
                }
                let each: Vec<String> = d
                    .values
                    .iter()
                    .map(|(id, v)| {
                        format!(
                            "{} {}",
                            self.which(std::slice::from_ref(id)),
                            format_duration(*v)
                        )
                    })
                    .collect();
                row.push(if each.is_empty() {
                    NONE.to_owned()
                } else {
                    each.join(", ")
                });
                row.push(self.which(&d.missing));
                row
            })
            .collect();
        self.table(
            &[
                "Measure",
                "Shortest",
                "Lower quartile",
                "Median",
                "Upper quartile",
                "Longest",
                "Each incident, shortest first",
                "Not measured",
            ],
            &rows,
        );

        self.block("### Hypotheses");
        let h = &f.hypotheses;
        self.block(&format!(
            "{} across the incidents, {} later falsified; the responses held falsified \
             hypotheses for **{}** in all.",
            count(h.total, "hypothesis", "hypotheses"),
            h.falsified,
            format_duration(h.time_on_falsified)
        ));
        let rows: Vec<Vec<String>> = h
            .per_review
            .iter()
            .filter(|r| r.total > 0)
            .map(|r| {
                vec![
                    self.which(std::slice::from_ref(&r.review)),
                    r.total.to_string(),
                    r.falsified.to_string(),
                    format_duration(r.time_on_falsified),
                ]
            })
            .collect();
        if !rows.is_empty() {
            self.table(
                &[
                    "Incident",
                    "Hypotheses",
                    "Falsified",
                    "Time on falsified ones",
                ],
                &rows,
            );
        }

        self.block("### Who and what came up again");
        if view.public {
            self.block(
                "*People are not named in the public version, not even by role: who took part \
                 in several incidents stays inside the organisation.*",
            );
        } else {
            self.recurring("Person", &f.people, true);
        }
        self.recurring("Team", &f.teams, true);
        self.recurring("Service", &f.services, false);

        self.block("### Action items from the reviews");
        let a = &f.actions;
        self.block(&format!(
            "{}: {} open (of which {} overdue on {}), {} done, {} won't do.",
            count(a.all.total(), "action item", "action items"),
            a.all.open.len(),
            a.all.overdue.len(),
            view.today,
            a.all.done.len(),
            a.all.wont_do.len()
        ));
        if a.all.total() > 0 {
            let row = |label: &str, c: &ActionCounts| {
                vec![
                    label.to_owned(),
                    c.open.len().to_string(),
                    c.overdue.len().to_string(),
                    c.done.len().to_string(),
                    c.wont_do.len().to_string(),
                    self.which(&review_ids(&all_refs(c))),
                ]
            };
            let kinds: Vec<Vec<String>> = a
                .by_kind
                .iter()
                .filter(|(_, c)| c.total() > 0)
                .map(|(k, c)| row(k.label(), c))
                .collect();
            let rows: Vec<Vec<String>> = a
                .by_factor_category
                .iter()
                .map(|(cat, c)| row(cat.map_or("Addresses no recorded factor", |c| c.label()), c))
                .collect();
            self.table(
                &["Kind", "Open", "Overdue", "Done", "Won't do", "Which"],
                &kinds,
            );
            self.table(
                &[
                    "Factor category",
                    "Open",
                    "Overdue",
                    "Done",
                    "Won't do",
                    "Which",
                ],
                &rows,
            );
        }

        self.block("### Signs that called for a deep analysis");
        let rows: Vec<Vec<String>> = f
            .deep_analysis
            .per_review
            .iter()
            .map(|r| {
                let signs: Vec<&str> = r.met.iter().map(|c| c.label()).collect();
                vec![
                    self.which(std::slice::from_ref(&r.review)),
                    if signs.is_empty() {
                        "None".to_owned()
                    } else {
                        inline(&signs.join("; "))
                    },
                ]
            })
            .collect();
        self.table(&["Incident", "Signs met"], &rows);
    }

    fn recurring(&mut self, head: &str, rows: &[Recurring], with_people: bool) {
        if rows.is_empty() {
            self.block(&format!("*No {} recorded.*", head.to_lowercase()));
            return;
        }
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut name = self.t(&r.name);
                let mut notes: Vec<String> = Vec::new();
                if r.recurring {
                    notes.push("recurring".to_owned());
                }
                if !r.also_spelled.is_empty() {
                    notes.push(format!(
                        "also spelled {}",
                        self.t(&r.also_spelled.join(", "))
                    ));
                }
                if !notes.is_empty() {
                    name.push_str(&format!(" ({})", notes.join("; ")));
                }
                let mut row = vec![name, r.reviews.len().to_string()];
                if with_people {
                    let roles: Vec<&str> = r.roles.iter().map(|x| x.label()).collect();
                    row.push(if roles.is_empty() {
                        NONE.to_owned()
                    } else {
                        roles.join(", ")
                    });
                    row.push(r.events.to_string());
                    row.push(r.night_events.to_string());
                }
                row.push(self.which(&r.reviews));
                row
            })
            .collect();
        if with_people {
            self.table(
                &[head, "Incidents", "Roles", "Events", "At night", "Which"],
                &table,
            );
        } else {
            self.table(&[head, "Incidents", "Which"], &table);
        }
    }

    fn notes(&mut self, title: &str, notes: &[MetaNote], empty: &str) {
        self.block(&format!("## {title}"));
        let notes = self.view.notes(notes);
        if notes.is_empty() {
            self.block(&format!("*{empty}*"));
            return;
        }
        let items: Vec<String> = notes
            .iter()
            .map(|note| {
                let mut item = inline_or(&self.view.scrub(&note.text), NONE);
                if !note.reviews.is_empty() {
                    item.push_str(&format!(" ({})", self.which(&note.reviews)));
                }
                if !self.view.public && note.visibility == Visibility::Internal {
                    item.push_str(" · *Internal*");
                }
                format!("- {item}")
            })
            .collect();
        self.block(&items.join("\n"));
    }

    fn next_steps(&mut self) {
        self.block("## Next steps");
        let steps = self.view.next_steps();
        if steps.is_empty() {
            self.block("*No next steps recorded.*");
            return;
        }
        let trackers = !self.view.public;
        let rows: Vec<Vec<String>> = steps
            .iter()
            .map(|step| {
                let overdue = !step.done && step.due.is_some_and(|d| d < self.view.today);
                let mut what = inline_or(&self.view.scrub(&step.text), NONE);
                if !self.view.public && step.visibility == Visibility::Internal {
                    what.push_str(" · *Internal*");
                }
                let mut due = step.due.map_or_else(|| NONE.to_owned(), |d| d.to_string());
                if overdue {
                    due.push_str(" · **Overdue**");
                }
                let mut row = vec![
                    what,
                    inline_or(&self.view.scrub(&step.owner), NONE),
                    due,
                    if step.done { "Done" } else { "Not yet" }.to_owned(),
                ];
                if trackers {
                    row.push(
                        step.tracker_link
                            .as_deref()
                            .map_or_else(|| NONE.to_owned(), |l| md_link("Issue", l)),
                    );
                }
                row
            })
            .collect();
        if trackers {
            self.table(
                &["What will change", "Owner", "Due", "Done", "Tracker"],
                &rows,
            );
        } else {
            self.table(&["What will change", "Owner", "Due", "Done"], &rows);
        }
    }
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::meta::{MetaReviewId, ReviewSelection};
    use crate::model::{EntityId, Person, Redaction};
    use crate::render::html::{CSP, STYLE};
    use crate::testing::{assert_golden, meta_seed_reviews};
    use crate::time::BundledZones;
    use chrono::{DateTime, Utc};
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};

    fn options(audience: Audience) -> RenderOptions {
        RenderOptions {
            audience,
            generated_at: DateTime::parse_from_rfc3339("2020-08-25T17:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 8, 25).unwrap()
    }

    fn note(id: &str, text: &str, reviews: &[&str], visibility: Visibility) -> MetaNote {
        MetaNote {
            id: EntityId::new(id),
            text: text.to_owned(),
            reviews: reviews.iter().map(|r| ReviewId::new(*r)).collect(),
            visibility,
        }
    }

    const LAMBDA: &str = "2020-08-03-lambda";
    const PANICS: &str = "2020-08-05-panics";
    const MIGRATION: &str = "2020-08-06-migration";
    /// Text only in entries marked internal: never in the public report.
    const INTERNAL_NOTE: &str = "Losing a long-time engineer thinned what we know";

    /// The meta-review of the seed set, as an analyst would write it.
    fn seed_meta(reviews: &[Review]) -> MetaReview {
        use Visibility::{Internal, Public};
        let mut meta = MetaReview::new(
            MetaReviewId::new("meta-2020-08"),
            DateTime::parse_from_rfc3339("2020-08-10T18:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            "America/Los_Angeles",
        );
        meta.title = "Five incidents in ten days: 28 July – 6 August 2020".to_owned();
        meta.selection = ReviewSelection {
            picked: reviews.iter().map(|r| r.id.clone()).collect(),
            rule: None,
        };
        meta.summaries = reviews
            .iter()
            .map(|r| IncidentSummary {
                review: r.id.clone(),
                title: r.title.clone(),
                incident_start: r.incident.start,
                text: r.summary.clone(),
            })
            .collect();
        // The analyst rewrote one summary in the meeting, naming the on-call engineer.
        meta.summaries[0].text = "Route53 failed in one zone of us-east-1 late at night. Dana \
            Whitfield was paged by the SLO burn alert and moved our instances out of the zone."
            .to_owned();
        meta.themes = vec![
            note(
                "t1",
                "The three self-change-caused incidents all changed code at a seam between \
                 layers, often configuration: the hardest places to test automatically.",
                &[LAMBDA, PANICS, MIGRATION],
                Public,
            ),
            note(
                "t2",
                "Post-deploy checks exercise the API realistically but not the query path.",
                &[LAMBDA, PANICS],
                Public,
            ),
            note("t3", INTERNAL_NOTE, &[MIGRATION], Internal),
        ];
        meta.went_well = vec![
            note(
                "w1",
                "On call restored service within 15 to 60 minutes each time.",
                &[],
                Public,
            ),
            note(
                "w2",
                "SLO burn alerts fired for every customer-facing incident, the small one in \
                 us-east-1 included.",
                &["2020-07-28-dns", PANICS],
                Public,
            ),
        ];
        meta.next_steps = vec![
            NextStep {
                id: EntityId::new("n1"),
                text: "Post-build checks that simulate customer queries and roll back on failure."
                    .to_owned(),
                owner: "Platform".to_owned(),
                due: NaiveDate::from_ymd_opt(2020, 9, 30),
                tracker_link: Some("https://tracker.example.com/PLAT-101".to_owned()),
                visibility: Public,
                ..NextStep::default()
            },
            NextStep {
                id: EntityId::new("n2"),
                text: "Investigate faster, more granular deploys and rollbacks.".to_owned(),
                owner: "Priya Raman".to_owned(),
                due: NaiveDate::from_ymd_opt(2020, 8, 21),
                visibility: Public,
                ..NextStep::default()
            },
            NextStep {
                id: EntityId::new("n3"),
                text: format!("{INTERNAL_NOTE}: pair Leo with the storage team."),
                owner: "Leo Brandt".to_owned(),
                done: true,
                visibility: Internal,
                ..NextStep::default()
            },
        ];
        meta.open_questions = vec![note(
            "q1",
            "Is an hour between releases still short enough?",
            &[LAMBDA],
            Public,
        )];
        meta.redactions = vec![Redaction {
            term: "us-east-1".to_owned(),
            replacement: "a region".to_owned(),
        }];
        meta
    }

    fn render(meta: &MetaReview, reviews: &[Review], audience: Audience) -> String {
        render_meta_html(meta, reviews, &BundledZones, &options(audience), today())
    }

    fn render_md(meta: &MetaReview, reviews: &[Review], audience: Audience) -> String {
        render_meta_markdown(meta, reviews, &BundledZones, &options(audience), today())
    }

    // --- the HTML5 oracle ------------------------------------------------------------------

    struct Element {
        name: String,
        attrs: Vec<(String, String)>,
        text: String,
    }

    fn collect(node: &Handle, out: &mut Vec<Element>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            out.push(Element {
                name: name.local.to_string(),
                attrs: attrs
                    .borrow()
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
                text: node
                    .children
                    .borrow()
                    .iter()
                    .filter_map(|c| match &c.data {
                        NodeData::Text { contents } => Some(contents.borrow().to_string()),
                        _ => None,
                    })
                    .collect(),
            });
        }
        for child in node.children.borrow().iter() {
            collect(child, out);
        }
    }

    fn parse(html: &str) -> Vec<Element> {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        let mut elements = Vec::new();
        collect(&dom.document, &mut elements);
        elements
    }

    const ALLOWED: [&str; 43] = [
        "html",
        "head",
        "body",
        "meta",
        "title",
        "style",
        "main",
        "header",
        "footer",
        "section",
        "article",
        "figure",
        "figcaption",
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
        "desc",
        "aside",
    ];

    /// What the report promises, checked as a browser parses it.
    fn assert_inert(html: &str, context: &str) {
        let elements = parse(html);
        let anchors: Vec<&str> = elements
            .iter()
            .flat_map(|e| e.attrs.iter())
            .filter(|(n, _)| n == "id")
            .map(|(_, v)| v.as_str())
            .collect();
        for element in &elements {
            assert!(
                ALLOWED.contains(&element.name.as_str()),
                "{context}: unexpected <{}>",
                element.name
            );
            for (name, value) in &element.attrs {
                let lower = name.to_ascii_lowercase();
                assert!(
                    !lower.starts_with("on"),
                    "{context}: {name} on <{}>",
                    element.name
                );
                assert!(
                    ![
                        "src",
                        "style",
                        "srcdoc",
                        "action",
                        "formaction",
                        "background"
                    ]
                    .contains(&lower.as_str()),
                    "{context}: {name}"
                );
                if lower.contains("href") {
                    let v = value.trim().to_ascii_lowercase();
                    match v.strip_prefix("#incident-") {
                        Some(n) => {
                            assert!(n.chars().all(|c| c.is_ascii_digit()), "{context}: {value}");
                            assert!(anchors.contains(&&value[1..]), "{context}: {value} exists");
                        }
                        None => assert!(
                            v.starts_with("https://") || v.starts_with("http://"),
                            "{context}: href {value:?}"
                        ),
                    }
                }
            }
        }
        assert!(
            !elements.iter().any(|e| e.name == "script"),
            "{context}: no script at all"
        );
        let metas: Vec<&Element> = elements.iter().filter(|e| e.name == "meta").collect();
        assert_eq!(metas[0].attrs, [("charset".to_owned(), "utf-8".to_owned())]);
        assert_eq!(
            metas[1].attrs,
            [
                (
                    "http-equiv".to_owned(),
                    "Content-Security-Policy".to_owned()
                ),
                ("content".to_owned(), CSP.to_owned())
            ],
            "{context}: the CSP right after the charset"
        );
        assert_eq!(
            elements
                .iter()
                .filter(|e| e.attrs.iter().any(|(n, _)| n == "http-equiv"))
                .count(),
            1
        );
        let styles: Vec<&Element> = elements.iter().filter(|e| e.name == "style").collect();
        assert_eq!(styles.len(), 1);
        assert_eq!(
            styles[0].text,
            format!("\n{STYLE}{META_STYLE}"),
            "{context}"
        );
    }

    // --- tests -----------------------------------------------------------------------------

    #[test]
    fn the_seed_reports_match_their_goldens() {
        let reviews = meta_seed_reviews();
        let meta = seed_meta(&reviews);
        assert_golden(
            "meta-seed-internal.html",
            &render(&meta, &reviews, Audience::Internal),
        );
        assert_golden(
            "meta-seed-public.html",
            &render(&meta, &reviews, Audience::Public),
        );
        assert_golden(
            "meta-seed.internal.md",
            &render_md(&meta, &reviews, Audience::Internal),
        );
        assert_golden(
            "meta-seed.public.md",
            &render_md(&meta, &reviews, Audience::Public),
        );
    }

    #[test]
    fn the_seed_reports_are_inert_and_show_every_incident_with_its_anchor() {
        let reviews = meta_seed_reviews();
        let meta = seed_meta(&reviews);
        for audience in [Audience::Internal, Audience::Public] {
            let html = render(&meta, &reviews, audience);
            assert_inert(&html, &format!("{audience:?}"));
            for n in 1..=5 {
                assert!(html.contains(&format!("id=\"incident-{n}\"")));
            }
            assert!(!html.contains("id=\"incident-6\""));
            // The three charts.
            assert_eq!(html.matches("<svg").count(), 3, "{audience:?}");
            assert!(html.contains("Provider-caused"));
            assert!(html.contains("Bad instance in the dogfooding Kafka cluster"));
        }
    }

    fn every_name(reviews: &[Review]) -> Vec<String> {
        let mut names = Vec::new();
        for person in reviews.iter().flat_map(|r| &r.people) {
            names.push(person.name.clone());
            names.extend(person.name.split_whitespace().map(str::to_owned));
        }
        names.push(reviews[0].analyst.name.clone());
        names
    }

    #[test]
    fn the_public_report_names_no_one_and_leaves_internal_entries_out() {
        let reviews = meta_seed_reviews();
        let meta = seed_meta(&reviews);
        let internal = render(&meta, &reviews, Audience::Internal);
        assert!(internal.contains("Dana Whitfield"));
        assert!(internal.contains(INTERNAL_NOTE));
        assert!(internal.contains("us-east-1"));
        assert!(internal.contains("tracker.example.com"));
        for output in [
            render(&meta, &reviews, Audience::Public),
            render_md(&meta, &reviews, Audience::Public),
        ] {
            for name in every_name(&reviews) {
                assert!(!output.contains(&name), "{name} in the public report");
            }
            for private in [
                INTERNAL_NOTE,
                // An internal timeline event and an internal factor of the reviews.
                "internal escalation policy",
                "Few people still know",
                // The meta-review's redaction, and a review's own.
                "us-east-1",
                "kafka-dogfood-07",
                "tracker.example.com",
            ] {
                assert!(!output.contains(private), "{private} in the public report");
            }
            assert!(output.contains("a region"), "the redaction's replacement");
            assert!(output.contains("On-call engineer"), "names become roles");
        }
    }

    /// The seed set, three of them retitled with the one heading an organisation gave
    /// them all, one of those set off by a certificate expiring, and Sam Okoye recorded as
    /// "S. Okoye" in one review, merged by hand.
    fn same_titled() -> (MetaReview, Vec<Review>) {
        let mut reviews = meta_seed_reviews();
        for review in reviews.iter_mut().skip(2) {
            review.title = "Query engine errors".to_owned();
        }
        reviews[4].trigger.class = TriggerClass::KnownOther;
        reviews[4].trigger.description = "The query engine's TLS certificate expired".to_owned();
        for person in reviews[3].people.iter_mut() {
            if person.name == "Sam Okoye" {
                person.name = "S. Okoye".to_owned();
            }
        }
        let mut meta = seed_meta(&reviews);
        meta.merge_people(&["Sam Okoye".to_owned(), "S. Okoye".to_owned()])
            .unwrap();
        (meta, reviews)
    }

    #[test]
    fn same_titled_incidents_are_named_by_number_and_date_everywhere() {
        let (meta, reviews) = same_titled();
        let wanted = [
            "#3 Query engine errors (2020-08-03)",
            "#4 Query engine errors (2020-08-05)",
            "#5 Query engine errors (2020-08-06)",
        ];
        for audience in [Audience::Internal, Audience::Public] {
            let html = render(&meta, &reviews, audience);
            assert_inert(&html, &format!("{audience:?}"));
            for label in wanted {
                assert!(html.contains(&format!("<h3>{label}</h3>")), "{label}");
                // Figure links, chart tooltips and row names say which one.
                assert!(
                    html.contains(&format!("aria-label=\"{label}\"")),
                    "{audience:?} {label}"
                );
                assert!(html.contains(&format!(">{label}</a>")), "{label}");
            }
            let md = render_md(&meta, &reviews, audience);
            for label in wanted {
                assert!(md.contains(&format!("### \\{label}\n")), "{label}\n{md}");
            }
        }
    }

    #[test]
    fn a_trigger_known_but_none_of_the_three_is_counted_apart_from_unknown() {
        let (meta, reviews) = same_titled();
        let html = render(&meta, &reviews, Audience::Internal);
        assert!(
            html.contains(
                "<strong>Known, none of these · The query engine's TLS certificate expired</strong>"
            ),
            "the class and its sentence"
        );
        let md = render_md(&meta, &reviews, Audience::Internal);
        assert!(
            md.contains("| Known, none of these | 1 | 20% | \\#5 |"),
            "{md}"
        );
        assert!(md.contains("| Unknown | 0 | 0% | — |"), "{md}");
    }

    #[test]
    fn people_merged_by_hand_are_one_row_with_their_other_spellings() {
        let (meta, reviews) = same_titled();
        let md = render_md(&meta, &reviews, Audience::Internal);
        assert!(
            md.contains("| Sam Okoye (recurring; also spelled S. Okoye) | 3 |"),
            "{md}"
        );
        let html = render(&meta, &reviews, Audience::Internal);
        assert!(html.contains("also spelled S. Okoye"));
        for output in [
            render(&meta, &reviews, Audience::Public),
            render_md(&meta, &reviews, Audience::Public),
        ] {
            assert!(!output.contains("Okoye"), "no one is named in public");
        }
    }

    #[test]
    fn a_deleted_review_keeps_its_summary_and_counts_nowhere() {
        let reviews = meta_seed_reviews();
        let mut meta = seed_meta(&reviews);
        meta.selection.picked.push(ReviewId::new("gone"));
        meta.summaries.push(IncidentSummary {
            review: ReviewId::new("gone"),
            title: "An incident deleted since".to_owned(),
            incident_start: None,
            text: "What the meta-review kept of it.".to_owned(),
        });
        for audience in [Audience::Internal, Audience::Public] {
            let html = render(&meta, &reviews, audience);
            assert_inert(&html, "deleted");
            assert!(html.contains("id=\"incident-6\""));
            assert!(html.contains("Deleted from the workbook"));
            assert!(html.contains("What the meta-review kept of it."));
            assert!(html.contains("(1 deleted from the workbook)"));
            let md = render_md(&meta, &reviews, audience);
            assert!(md.contains("**Deleted from the workbook**"));
        }
    }

    const PAYLOADS: [&str; 8] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</style><script>alert(1)</script>",
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
        "[x](javascript:alert(1)) ![i](https://evil.example/x.png) <b>",
        "\u{202E}gnp.exe & </title><a href=//evil.example>",
    ];

    fn hostile(payload: &str) -> (MetaReview, Vec<Review>) {
        let mut reviews = meta_seed_reviews();
        for (i, review) in reviews.iter_mut().enumerate() {
            review.title = format!("{payload} title {i}");
            review.summary = format!("{payload} summary");
            review.impact.environments = vec![payload.to_owned()];
            review.services = vec![payload.to_owned()];
            review.people.push(Person {
                id: EntityId::new("p-hostile"),
                name: payload.to_owned(),
                team: payload.to_owned(),
                ..Person::default()
            });
        }
        let mut meta = seed_meta(&reviews);
        meta.title = payload.to_owned();
        meta.time_zone = payload.to_owned();
        meta.summaries[1].text = payload.to_owned();
        for note in meta.themes.iter_mut().chain(&mut meta.open_questions) {
            note.text = payload.to_owned();
        }
        for step in &mut meta.next_steps {
            step.text = payload.to_owned();
            step.owner = payload.to_owned();
            step.tracker_link = Some(format!("https://x/\"{payload}"));
        }
        meta.redactions.push(Redaction {
            term: "title".to_owned(),
            replacement: payload.to_owned(),
        });
        (meta, reviews)
    }

    #[test]
    fn hostile_text_stays_text() {
        for payload in PAYLOADS {
            let (meta, reviews) = hostile(payload);
            for audience in [Audience::Internal, Audience::Public] {
                let html = render(&meta, &reviews, audience);
                assert_inert(&html, payload);
                let md = render_md(&meta, &reviews, audience);
                assert!(!md.contains('<'), "{payload}: no HTML in the Markdown");
                assert!(!md.contains("](javascript"), "{payload}");
                let mut events = pulldown_cmark::Parser::new(&md);
                assert!(
                    !events.any(|e| matches!(
                        e,
                        pulldown_cmark::Event::Html(_)
                            | pulldown_cmark::Event::InlineHtml(_)
                            | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. })
                    )),
                    "{payload}"
                );
            }
        }
    }

    #[test]
    fn an_empty_meta_review_renders_with_placeholders() {
        let meta = MetaReview::default();
        let html = render(&meta, &[], Audience::Internal);
        assert_inert(&html, "empty");
        assert!(html.contains("Untitled meta-review"));
        assert!(html.contains("covers no incidents yet"));
        let md = render_md(&meta, &[], Audience::Public);
        assert!(md.starts_with("# Untitled meta-review\n"));
    }
}
