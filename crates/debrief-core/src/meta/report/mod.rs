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

mod html;
mod markdown;
#[cfg(all(test, feature = "bundled-zones"))]
mod tests;

use html::Html;
use markdown::Markdown;

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

impl MetaView<'_> {
    fn zone_rules(&self) -> &dyn TimeZones {
        self.zones
    }
}
