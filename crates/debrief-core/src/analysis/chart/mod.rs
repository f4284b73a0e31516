//! The visual timeline of a review, as one self-contained SVG string.
//!
//! The same string is used twice: the web app sets it as a container's `innerHTML`, and the
//! single-file HTML report embeds it under a strict CSP (`default-src 'none'; style-src
//! 'unsafe-inline'`) with no JavaScript. So the output is inert by construction:
//!
//! - only `svg`, `g`, `path`, `rect`, `text`, `title` and `desc` elements; styling by
//!   presentation attributes (no `<style>`, no `url()`, no `href`, no `<image>`, no
//!   `<foreignObject>`, no script, no event-handler attributes);
//! - every piece of user text (names, event text, statements, "affected", zone names) is
//!   written through `markup::Attr`, which escapes `& < > " '` and drops characters XML 1.0
//!   cannot carry, whatever context it lands in;
//! - ids come only from the sanitised `id_prefix`.
//!
//! The participation charts ([`super::participation_chart`]) write through the same helpers
//! (`markup::Attr`, `N`, `Ids`, `open_root`, `write_text`, text measuring), so both keep these rules.
//!
//! Work is split in two: `layout` turns a review into positioned, still unescaped parts (a
//! `Chart`); `write_svg` turns those into markup. Geometry is tested on the layout, safety
//! on the string.
//!
//! Size budget: a review with up to `DETAILED_LIMIT` drawn events gets one element per event,
//! each with its own `<title>` tooltip. Above that, marks are merged into one `<path>` per lane
//! and kind (one subpath per event, a `<title>` with counts on the path and on the lane group),
//! and only key events keep their own element and tooltip (up to `KEY_DETAIL_LIMIT`). Only key
//! events ever get a visible label. 5,000 events over ten lanes come to about 240 KB.
//!
//! Label collisions: key-event labels alternate between a row above their lane's marks and a
//! row below (`MAX_LABEL_ROWS`); each label takes the first row where it does not overlap a
//! label already placed, so leader lines never cross text. A label that fits in neither is
//! skipped; its text stays in the mark's `<title>`. Impact labels use the same rule in two
//! rows under the axis. Hypothesis bars share a row when bar and label fit beside each other.

use crate::analysis::hypotheses;
use crate::markup::Attr;
use crate::model::{
    EventKind, HypothesisStatus, Review, TimeKnown, TimelineEvent, Timestamp, Visibility,
};
use crate::sorting;
use crate::text::{count, is_unshown};
use crate::time::{format_instant, TimeZones, Zone};
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use std::collections::BTreeMap;
use std::fmt::{self, Write};

/// How to draw the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartOptions {
    /// IANA name of the zone times are labelled in. An unknown name falls back to UTC, and
    /// the chart says so.
    pub zone: String,
    /// The span to show (a zoom); `None` shows the whole review (see [`full_range`]).
    pub range: Option<(Timestamp, Timestamp)>,
    /// Width of the drawing in px: the viewBox width. The SVG itself is `width="100%"`.
    pub width: u32,
    /// Prefix for the ids inside the SVG, so two charts on one page never clash. Anything but
    /// `[a-zA-Z0-9_-]` is dropped.
    pub id_prefix: String,
    /// `false` for the public report: events and hypotheses marked internal are left out,
    /// and so are lanes of people who only appear in them.
    pub include_internal: bool,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            zone: "UTC".to_owned(),
            range: None,
            width: 960,
            id_prefix: "timeline".to_owned(),
            include_internal: true,
        }
    }
}

impl ChartOptions {
    /// Defaults, labelled in the review's own zone.
    pub fn for_review(review: &Review) -> Self {
        Self {
            zone: review.incident.time_zone.clone(),
            ..Self::default()
        }
    }
}

/// The span the chart shows when not zoomed: from the earliest to the latest of the incident
/// window, impact windows, events and hypotheses, padded 3% each side (and at least ten
/// minutes wide). `None` when nothing has a time. Rendering with `range: Some(full_range)`
/// draws the same chart as `range: None`.
pub fn full_range(review: &Review) -> Option<(Timestamp, Timestamp)> {
    content_bounds(review, true).map(pad_range)
}

/// The timeline as an SVG string, safe to use as `innerHTML` and under a strict CSP. When
/// nothing has a time, a small SVG that says so.
pub fn render_timeline_svg(
    review: &Review,
    zones: &dyn TimeZones,
    options: &ChartOptions,
) -> String {
    match layout(review, zones, options) {
        Some(chart) => write_svg(&chart),
        None => write_empty(
            &Ids::new(&options.id_prefix),
            chart_width(options),
            "Timeline",
            "No events with a time to show yet.",
        ),
    }
}

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

mod layout;
pub(crate) mod legend;
mod svg;
#[cfg(all(test, feature = "bundled-zones"))]
pub(crate) mod tests;
mod text;
mod time_axis;
mod write;

pub(crate) use layout::*;
pub(crate) use legend::*;
pub(crate) use svg::*;
pub(crate) use text::*;
pub(crate) use time_axis::*;
use write::*;

// ---------------------------------------------------------------------------------------------
// Geometry constants (px in viewBox units).

/// Up to this many drawn events, every event is its own element with a tooltip.
const DETAILED_LIMIT: usize = 400;
/// Above [`DETAILED_LIMIT`], at most this many key events keep their own tooltip.
const KEY_DETAIL_LIMIT: usize = 400;
/// Rows of key-event labels a lane may grow (one above its marks, one below); labels that
/// fit in neither are skipped.
const MAX_LABEL_ROWS: usize = 2;
/// Rows of impact labels above the lanes.
const MAX_IMPACT_ROWS: usize = 2;
/// Hypothesis rows that may carry a label before bars start sharing rows without one.
const MAX_HYPOTHESIS_LABEL_ROWS: usize = 8;

const KEY_LABEL_CHARS: usize = 40;
const HYPOTHESIS_LABEL_CHARS: usize = 40;
const IMPACT_LABEL_CHARS: usize = 32;
const TITLE_CHARS: usize = 120;

pub(crate) const PAD: f64 = 12.0;
const RIGHT_MARGIN: f64 = 20.0;
pub(crate) const FONT: f64 = 12.0;
pub(crate) const SMALL: f64 = 11.0;
const HEADER_BASELINE: f64 = 17.0;
const TICK_BASELINE: f64 = 40.0;
const DATE_BASELINE: f64 = 52.0;
const AXIS_Y: f64 = 60.0;
const ROW_H: f64 = 15.0;
const MARK_ROW_H: f64 = 26.0;
const HYPOTHESIS_ROW_H: f64 = 22.0;
const HYPOTHESIS_BAR_H: f64 = 15.0;
/// Charts taller than this repeat the tick times under the plot.
const BOTTOM_AXIS_FROM_PX: f64 = 360.0;
/// Gap kept between labels sharing a row.
const LABEL_GAP: f64 = 8.0;
const MARK_R: f64 = 4.5;
/// Marks in compact mode, where hundreds share a lane.
const COMPACT_R: f64 = 3.2;
const KEY_R: f64 = 7.0;
const BAR_H: f64 = 6.0;
pub(crate) const MIN_WIDTH: u32 = 320;
pub(crate) const MAX_WIDTH: u32 = 4000;

pub(crate) const IMPACT_COLOUR: &str = "#e15759";

// ---------------------------------------------------------------------------------------------
// Range.

fn shown(visibility: Visibility, include_internal: bool) -> bool {
    include_internal || visibility != Visibility::Internal
}

/// Whether an event has a place on the chart: a time (known better than "some time that
/// day", which on a chart of hours would be a line across everything) and, in a public
/// chart, a public mark.
fn drawn(event: &TimelineEvent, include_internal: bool) -> bool {
    event.at.is_some()
        && event.time_known != TimeKnown::Day
        && shown(event.visibility, include_internal)
}

/// Earliest and latest time of anything the chart can draw, unpadded.
fn content_bounds(review: &Review, include_internal: bool) -> Option<(Timestamp, Timestamp)> {
    let mut bounds: Option<(Timestamp, Timestamp)> = None;
    let mut take = |time: Option<Timestamp>| {
        if let Some(t) = time {
            bounds = Some(match bounds {
                None => (t, t),
                Some((a, b)) => (a.min(t), b.max(t)),
            });
        }
    };
    take(review.incident.start);
    take(review.incident.end);
    for window in &review.impact.windows {
        if window.start.is_some() {
            take(window.start);
            take(window.end);
        }
    }
    for event in review
        .timeline
        .iter()
        .filter(|e| drawn(e, include_internal))
    {
        take(event.at);
        take(event.end);
    }
    for hypothesis in &review.hypotheses {
        let raised = hypotheses::raised_at(review, hypothesis);
        if raised.is_some() && shown(hypothesis.visibility, include_internal) {
            take(raised);
            if hypothesis.status != HypothesisStatus::Open {
                take(hypothesis.status_changed_at);
            }
        }
    }
    bounds
}

/// Widens `(start, end)` to at least ten minutes, then pads 3% each side so the first and
/// last marks do not sit on the frame.
fn pad_range((start, end): (Timestamp, Timestamp)) -> (Timestamp, Timestamp) {
    let (start, end) = widen((start, end), 10 * 60);
    let pad = ((end - start).num_seconds() * 3 + 99) / 100;
    (
        start - TimeDelta::seconds(pad),
        end + TimeDelta::seconds(pad),
    )
}

/// Orders the ends and widens a span shorter than `min_seconds` about its middle.
fn widen((a, b): (Timestamp, Timestamp), min_seconds: i64) -> (Timestamp, Timestamp) {
    let (start, end) = if b < a { (b, a) } else { (a, b) };
    let span = (end - start).num_seconds();
    if span >= min_seconds {
        return (start, end);
    }
    let extra = min_seconds - span;
    (
        start - TimeDelta::seconds(extra / 2),
        end + TimeDelta::seconds(extra - extra / 2),
    )
}

/// Maps instants to x between the plot's edges.
pub(crate) struct Frame {
    pub(crate) start: Timestamp,
    pub(crate) end: Timestamp,
    start_ms: i64,
    span_ms: f64,
    pub(crate) left: f64,
    pub(crate) right: f64,
}

impl Frame {
    pub(crate) fn new((start, end): (Timestamp, Timestamp), left: f64, right: f64) -> Self {
        Self {
            start,
            end,
            start_ms: start.timestamp_millis(),
            span_ms: (end.timestamp_millis() - start.timestamp_millis()).max(1) as f64,
            left,
            right,
        }
    }

    pub(crate) fn x(&self, t: &Timestamp) -> f64 {
        let fraction = (t.timestamp_millis() - self.start_ms) as f64 / self.span_ms;
        self.left + fraction * (self.right - self.left)
    }

    pub(crate) fn clamped_x(&self, t: &Timestamp) -> f64 {
        self.x(t).clamp(self.left, self.right)
    }

    fn contains(&self, t: &Timestamp) -> bool {
        *t >= self.start && *t <= self.end
    }

    /// Whether `[a, b]` overlaps the frame at all.
    pub(crate) fn overlaps(&self, a: &Timestamp, b: &Timestamp) -> bool {
        *a <= self.end && *b >= self.start
    }
}
