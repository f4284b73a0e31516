//! `debrief meta`: a meta-review across every review in a folder, as one HTML report or
//! Markdown.
//!
//! Like `debrief site`, one bad file does not stop the others: a file that does not load is
//! skipped with a warning naming it and the reason. Only when no review loads at all is it an
//! error (exit 2), since a meta-review of nothing says nothing.
//!
//! Without `--meta`, the meta-review is built here and not stored: it covers every review
//! that loaded, takes each incident's summary from its review, and counts months, weekdays
//! and hours in `--zone`, else in the zone most of the reviews use (ties: the earliest
//! incident's). With `--meta`, a meta-review saved from the app is rendered over the folder's
//! reviews: its own selection, summaries and sections, reviews it covers that are not in the
//! folder shown as missing.

use super::Outcome;
use crate::args::MetaArgs;
use crate::commands::site::{review_files, warn};
use crate::error::CliError;
use crate::files;
use debrief_core::meta::{
    covered_reviews, render_meta_html, render_meta_markdown, IncidentSummary, MetaReview,
    MetaReviewId, ReviewSelection,
};
use debrief_core::model::Review;
use debrief_core::render::RenderOptions;
use debrief_core::text::count;
use debrief_core::time::{BundledZones, TimeZones};

pub fn run(args: &MetaArgs) -> Result<Outcome, CliError> {
    let zones = BundledZones;
    let mut reviews: Vec<Review> = Vec::new();
    let paths = review_files(&args.dir)?;
    let mut skipped = 0;
    for path in &paths {
        match files::read_review(path) {
            Ok(review) => reviews.push(review),
            Err(err) => {
                skipped += 1;
                warn(&format!("skipping {}: {}", path.display(), err.reason()));
            }
        }
    }
    if reviews.is_empty() {
        return Err(CliError::NoReviews {
            dir: args.dir.clone(),
            skipped,
        });
    }
    let zone = match &args.zone {
        Some(zone) => Some(
            zones
                .canonical_name(zone)
                .ok_or_else(|| CliError::UnknownZone(zone.clone()))?,
        ),
        None => None,
    };
    let options = RenderOptions {
        audience: super::audience(args.public),
        generated_at: files::generated_at(),
    };
    let meta = match &args.meta {
        // The analyst's own meta-review; the flags given override its title and zone.
        Some(path) => {
            let mut meta: MetaReview = files::read_document(path)?;
            if let Some(title) = &args.title {
                meta.title = title.clone();
            }
            if let Some(zone) = zone {
                meta.time_zone = zone;
            }
            meta
        }
        None => {
            let zone = zone.unwrap_or_else(|| usual_zone(&reviews));
            meta_over(&reviews, &zone, args.title.as_deref(), &options)
        }
    };
    let today = options.generated_at.date_naive();
    let text = if args.markdown {
        render_meta_markdown(&meta, &reviews, &zones, &options, today)
    } else {
        render_meta_html(&meta, &reviews, &zones, &options, today)
    };
    files::write_output(args.output.as_deref(), &text)?;
    eprintln!(
        "debrief: meta-review of {}{}",
        count(reviews.len(), "review", "reviews"),
        match skipped {
            0 => String::new(),
            n => format!(" ({} skipped)", count(n, "file", "files")),
        },
    );
    Ok(Outcome::Clean)
}

/// A meta-review covering every review, each summarised by its own summary.
fn meta_over(
    reviews: &[Review],
    time_zone: &str,
    title: Option<&str>,
    options: &RenderOptions,
) -> MetaReview {
    let mut meta = MetaReview::new(
        MetaReviewId::new("debrief-cli-meta"),
        options.generated_at,
        time_zone,
    );
    meta.title = match title {
        Some(title) => title.to_owned(),
        None => format!(
            "Meta-review of {}",
            count(reviews.len(), "incident", "incidents")
        ),
    };
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
    meta
}

/// The zone most reviews are told in; on a tie, that of the earliest incident among them.
fn usual_zone(reviews: &[Review]) -> String {
    let zones = BundledZones;
    let probe = MetaReview {
        selection: ReviewSelection {
            picked: reviews.iter().map(|r| r.id.clone()).collect(),
            rule: None,
        },
        ..MetaReview::default()
    };
    let in_order = covered_reviews(&probe, reviews, &zones).reviews;
    let mut best: Option<(usize, String)> = None;
    for review in &in_order {
        let Some(zone) = zones.canonical_name(&review.incident.time_zone) else {
            continue;
        };
        let count = in_order
            .iter()
            .filter(|r| zones.canonical_name(&r.incident.time_zone).as_ref() == Some(&zone))
            .count();
        if best.as_ref().is_none_or(|(most, _)| count > *most) {
            best = Some((count, zone));
        }
    }
    best.map_or_else(|| "UTC".to_owned(), |(_, zone)| zone)
}
