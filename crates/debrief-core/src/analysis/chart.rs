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
const LEGEND_ROW_H: f64 = 20.0;
/// Below this spacing tick labels ("2019-11-06" at 11 px) would touch.
pub(crate) const MIN_TICK_PX: f64 = 64.0;
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

/// Tick steps a reader can add up in their head.
pub(crate) const TICK_STEPS_SECONDS: [i64; 22] = [
    10,
    30,
    60,
    2 * 60,
    5 * 60,
    10 * 60,
    15 * 60,
    30 * 60,
    3600,
    2 * 3600,
    3 * 3600,
    6 * 3600,
    12 * 3600,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    28 * DAY,
    56 * DAY,
    91 * DAY,
    182 * DAY,
    364 * DAY,
];
pub(crate) const DAY: i64 = 86_400;

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

// ---------------------------------------------------------------------------------------------
// Layout: everything positioned, text still raw.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) anchor: Anchor,
    pub(crate) text: String,
}

/// Ids unique to one rendering.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    pub(crate) title: String,
    pub(crate) desc: String,
}

impl Ids {
    pub(crate) fn new(prefix: &str) -> Self {
        let mut clean: String = prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .take(64)
            .collect();
        if clean.is_empty() {
            clean = "timeline".to_owned();
        }
        // XML ids must start with a letter or underscore.
        if !clean.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            clean.insert_str(0, "t-");
        }
        Self {
            title: format!("{clean}-title"),
            desc: format!("{clean}-desc"),
        }
    }
}

#[derive(Debug)]
struct Chart {
    width: f64,
    height: f64,
    ids: Ids,
    title: String,
    desc: String,
    header: String,
    left: f64,
    right: f64,
    ticks: Vec<Tick>,
    bottom_ticks_y: Option<f64>,
    /// Where grid lines, clock changes and impact bands stop: under the hypotheses.
    plot_bottom: f64,
    clock_changes: Vec<ClockChange>,
    bands: Vec<ImpactBand>,
    lanes: Vec<Lane>,
    note: Option<Label>,
    hypotheses: Option<HypothesisBand>,
    legend: Vec<LegendItem>,
    detailed: bool,
}

/// A mark on a time axis: its clock time, and the date where the day changes.
#[derive(Debug)]
pub(crate) struct Tick {
    pub(crate) x: f64,
    pub(crate) anchor: Anchor,
    pub(crate) time: String,
    pub(crate) date: Option<String>,
}

/// What a time axis is drawn from: its ticks, its extent and height, the baselines of its
/// labels, how far down the grid lines reach, and where a second row of tick labels goes on
/// a tall chart.
pub(crate) struct TimeAxis<'a> {
    pub(crate) ticks: &'a [Tick],
    pub(crate) left: f64,
    pub(crate) right: f64,
    pub(crate) y: f64,
    pub(crate) time_baseline: f64,
    pub(crate) date_baseline: f64,
    pub(crate) plot_bottom: f64,
    pub(crate) bottom_ticks_y: Option<f64>,
}

#[derive(Debug)]
struct ClockChange {
    x: f64,
    title: String,
}

#[derive(Debug)]
struct ImpactBand {
    x0: f64,
    x1: f64,
    title: String,
    label: Option<Label>,
}

#[derive(Debug)]
struct Lane {
    name: Label,
    /// The whole name, when the label had to be shortened.
    full_name: Option<String>,
    /// Tooltip for the lane group in compact mode.
    summary: String,
    top: f64,
    height: f64,
    mark_y: f64,
    marks: Vec<Mark>,
    labels: Vec<KeyLabel>,
}

#[derive(Debug)]
struct Mark {
    x: f64,
    /// End of the duration bar, when the event has one.
    bar: Option<(f64, f64)>,
    kind: EventKind,
    key: bool,
    /// `false` when only the bar is in range (the event started before a zoom).
    point: bool,
    /// Set for the events drawn as their own element.
    title: Option<String>,
    /// Where the event may have been, when its time is not exact: drawn as a dashed line
    /// through the mark (to the left for "before", the right for "after", the whole span
    /// for "between" or a day, a little either side for "about").
    uncertain: Option<(f64, f64)>,
}

#[derive(Debug)]
struct KeyLabel {
    leader_x: f64,
    leader_top: f64,
    leader_bottom: f64,
    label: Label,
}

#[derive(Debug)]
struct HypothesisBand {
    heading: Label,
    bars: Vec<HypothesisBar>,
}

#[derive(Debug)]
struct HypothesisBar {
    x0: f64,
    x1: f64,
    y: f64,
    status: HypothesisStatus,
    /// Still open (or its end not recorded, or beyond the zoom): drawn with an arrow.
    continues: bool,
    label: Option<Label>,
    title: String,
}

#[derive(Debug)]
struct LegendItem {
    x: f64,
    y: f64,
    symbol: Symbol,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    Kind(EventKind),
    Key,
    Duration,
    Uncertain,
    Impact,
    Hypothesis(HypothesisStatus),
}

fn chart_width(options: &ChartOptions) -> f64 {
    f64::from(options.width.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Positions every part of the chart; `None` when nothing has a time.
fn layout(review: &Review, zones: &dyn TimeZones, options: &ChartOptions) -> Option<Chart> {
    let include_internal = options.include_internal;
    let content = content_bounds(review, include_internal)?;
    let range = match options.range {
        Some(zoom) => widen(zoom, 60),
        None => pad_range(content),
    };
    let (zone, zone_known) = match Zone::find(zones, &options.zone) {
        Some(zone) => (zone, true),
        None => (Zone::utc(zones), false),
    };

    let events: Vec<&TimelineEvent> = review
        .timeline
        .iter()
        .filter(|e| drawn(e, include_internal))
        .collect();
    let plan = plan_lanes(review, &events);

    // The lane names' column is as wide as the longest name needs, between a sixth and a
    // quarter and a bit of the drawing: whole names where they fit, the plot kept readable.
    let width = chart_width(options);
    let longest = plan
        .specs
        .iter()
        .map(|spec| text_width(&spec.name, FONT))
        .fold(0.0, f64::max);
    let label_column = (longest + PAD + 12.0).clamp((width * 0.12).max(96.0), width * 0.28);
    let frame = Frame::new(range, label_column, width - RIGHT_MARGIN);
    let clock = Clock::new(&zone, &frame);

    let axis = axis(&frame, &zone);
    let header = header_text(&zone, zone_known, &options.zone, &axis.offsets);

    // --- What is drawn, in x. -----------------------------------------------------------
    let mut placed = place_events(&events, &plan, &frame);
    let lanes_spec = plan.specs;
    let detailed = placed.len() <= DETAILED_LIMIT;
    let mut key_titles = 0;
    for (_, event, mark) in &mut placed {
        if detailed || (mark.key && key_titles < KEY_DETAIL_LIMIT) {
            key_titles += usize::from(mark.key);
            mark.title = Some(event_title(event, &clock));
        }
    }

    let mut bands = impact_bands(review, &frame, &clock);
    let mut hypothesis_bars = hypothesis_bars(review, include_internal, &frame, &clock);

    // --- Rows and y. --------------------------------------------------------------------
    let mut y = AXIS_Y + 6.0;
    let mut impact_rows = Rows::default();
    for band in &mut bands {
        let Some(label) = band.label.as_mut() else {
            continue;
        };
        let span = text_span(label);
        match impact_rows.first_fit(span, MAX_IMPACT_ROWS) {
            Some(row) => {
                impact_rows.take(row, span);
                label.y = y + row as f64 * ROW_H + 11.0;
            }
            None => band.label = None,
        }
    }
    y += impact_rows.len() as f64 * ROW_H;

    let mut lanes = Vec::with_capacity(lanes_spec.len());
    let mut by_lane: Vec<Vec<(&TimelineEvent, Mark)>> =
        (0..lanes_spec.len()).map(|_| Vec::new()).collect();
    for (lane, event, mark) in placed {
        by_lane[lane].push((event, mark));
    }
    for (spec, lane_marks) in lanes_spec.iter().zip(by_lane) {
        let lane = layout_lane(spec, lane_marks, y, &frame, detailed);
        y += lane.height;
        lanes.push(lane);
    }
    let note = lanes.is_empty().then(|| {
        let label = Label {
            x: frame.left,
            y: y + 17.0,
            anchor: Anchor::Start,
            text: empty_lanes_note(review, include_internal, &events).to_owned(),
        };
        y += MARK_ROW_H;
        label
    });

    let hypotheses = (!hypothesis_bars.is_empty()).then(|| {
        y += 10.0;
        let (assigned, rows) = pack_hypotheses(&mut hypothesis_bars, frame.left, frame.right);
        for (bar, row) in hypothesis_bars.iter_mut().zip(assigned) {
            bar.y = y + row as f64 * HYPOTHESIS_ROW_H;
            if let Some(label) = bar.label.as_mut() {
                label.y = bar.y + 11.0;
            }
        }
        let heading = Label {
            x: PAD,
            y: y + 11.0,
            anchor: Anchor::Start,
            text: "Hypotheses".to_owned(),
        };
        y += rows as f64 * HYPOTHESIS_ROW_H;
        HypothesisBand {
            heading,
            bars: hypothesis_bars,
        }
    });
    let plot_bottom = y;
    let bottom_ticks_y = (y - AXIS_Y > BOTTOM_AXIS_FROM_PX).then(|| {
        y += 16.0;
        y
    });

    // --- Legend. ------------------------------------------------------------------------
    let mut symbols: Vec<Symbol> = EventKind::ALL
        .into_iter()
        .filter(|kind| lanes.iter().flat_map(|l| &l.marks).any(|m| m.kind == *kind))
        .map(Symbol::Kind)
        .collect();
    let all_marks = || lanes.iter().flat_map(|l| &l.marks);
    if all_marks().any(|m| m.key) {
        symbols.push(Symbol::Key);
    }
    if all_marks().any(|m| m.bar.is_some()) {
        symbols.push(Symbol::Duration);
    }
    if all_marks().any(|m| m.uncertain.is_some()) {
        symbols.push(Symbol::Uncertain);
    }
    if !bands.is_empty() {
        symbols.push(Symbol::Impact);
    }
    if let Some(band) = &hypotheses {
        for status in HypothesisStatus::ALL {
            if band.bars.iter().any(|b| b.status == status) {
                symbols.push(Symbol::Hypothesis(status));
            }
        }
    }
    y += 22.0;
    let (legend, legend_rows) = flow_legend(&symbols, y, width);
    y += legend_rows as f64 * LEGEND_ROW_H;

    // --- Words. -------------------------------------------------------------------------
    let drawn_events = lanes.iter().map(|l| l.marks.len()).sum::<usize>();
    let people = lanes_spec
        .iter()
        .zip(&lanes)
        .filter(|(spec, lane)| spec.person && !lane.marks.is_empty())
        .count();
    // What is shown: the content, clipped to the zoom.
    let (from, to) = (content.0.max(range.0), content.1.min(range.1));
    let described = if from <= to { (from, to) } else { range };
    let desc = describe(
        drawn_events,
        people,
        &clock.between(&described.0, &described.1),
        bands.len(),
        hypotheses.as_ref().map_or(0, |h| h.bars.len()),
        &header,
    );

    Some(Chart {
        width,
        height: y - 6.0,
        ids: Ids::new(&options.id_prefix),
        title: truncate(
            &format!("Timeline: {}", one_line(review.display_title())),
            TITLE_CHARS,
        ),
        desc,
        header,
        left: frame.left,
        right: frame.right,
        ticks: axis.ticks,
        bottom_ticks_y,
        plot_bottom,
        clock_changes: axis.changes,
        bands,
        lanes,
        note,
        hypotheses,
        legend,
        detailed,
    })
}

// --- Axis. -----------------------------------------------------------------------------------

struct Axis {
    ticks: Vec<Tick>,
    changes: Vec<ClockChange>,
    /// Distinct offsets in force across the range, in order.
    offsets: Vec<i32>,
}

/// The smallest sensible step that keeps tick labels [`MIN_TICK_PX`] apart.
pub(crate) fn choose_tick_step(span_seconds: i64, plot_px: f64) -> i64 {
    let max_ticks = (plot_px / MIN_TICK_PX).floor().max(2.0);
    let fits = |step: i64| span_seconds as f64 / step as f64 <= max_ticks;
    if let Some(step) = TICK_STEPS_SECONDS.into_iter().find(|&s| fits(s)) {
        return step;
    }
    let year = 364 * DAY;
    let years = (span_seconds as f64 / max_ticks / year as f64).ceil() as i64;
    years.max(1) * year
}

/// Ticks fall on round times of the zone's own clock ("03:00" local, also in +05:30 zones),
/// so they are generated in local time and mapped back; a clock change makes their spacing
/// uneven, which is the truth.
fn axis(frame: &Frame, zone: &Zone<'_>) -> Axis {
    let span = (frame.end - frame.start).num_seconds();
    let step = choose_tick_step(span, frame.right - frame.left);

    let (local_start, _) = zone.to_local(&frame.start);
    let (local_end, _) = zone.to_local(&frame.end);
    let mut instants: Vec<Timestamp> = Vec::new();
    let mut local = floor_local(local_start, step);
    // The extra hours cover a fall-back overlap at the end of the range.
    let stop = local_end + TimeDelta::hours(3);
    while local <= stop && instants.len() < 1000 {
        match zone.from_local(local) {
            LocalResult::Single(t) => instants.push(t),
            // Both readings of a repeated hour are real ticks for sub-day steps.
            LocalResult::Ambiguous(a, b) => {
                instants.push(a);
                if step < DAY {
                    instants.push(b);
                }
            }
            // Skipped by a spring-forward gap.
            LocalResult::None => {}
        }
        local += TimeDelta::seconds(step);
    }
    instants.retain(|t| frame.contains(t));
    sorting::sort(&mut instants);
    instants.dedup();

    let mut ticks = Vec::with_capacity(instants.len());
    let mut previous_date: Option<String> = None;
    for t in &instants {
        let label = format_instant(t, zone);
        // Sub-day steps: "03:00", with the date under the first tick and each midnight.
        // Day steps: "11-06", with the year under the first tick and each new year.
        let (time, date) = if step >= DAY {
            let (year, month_day) = label.date.split_at(4);
            let new_year = previous_date.as_deref().map(|d| &d[..4]) != Some(year);
            (
                month_day.trim_start_matches('-').to_owned(),
                new_year.then(|| year.to_owned()),
            )
        } else {
            let new_day = previous_date.as_deref() != Some(label.date.as_str());
            (label.time.clone(), new_day.then(|| label.date.clone()))
        };
        previous_date = Some(label.date);
        let x = frame.x(t);
        let widest =
            text_width(&time, SMALL).max(date.as_deref().map_or(0.0, |d| text_width(d, SMALL)));
        ticks.push(Tick {
            x,
            anchor: fit_anchor(x, widest, frame.right + RIGHT_MARGIN - 2.0),
            time,
            date,
        });
    }

    // Clock changes: compare offsets at the range ends and every tick, then find each change
    // to the second by bisection.
    let mut samples: Vec<i64> = vec![frame.start.timestamp()];
    samples.extend(instants.iter().map(|t| t.timestamp()));
    samples.push(frame.end.timestamp());
    let offset_at = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0).map_or(0, |utc| zone.offset_at(utc).seconds)
    };
    let mut offsets = vec![offset_at(samples[0])];
    let mut changes = Vec::new();
    for pair in samples.windows(2) {
        let (mut lo, mut hi) = (pair[0], pair[1]);
        let before = offset_at(lo);
        let after = offset_at(hi);
        if before == after {
            continue;
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset_at(mid) == before {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let Some(at) = DateTime::from_timestamp(hi, 0) else {
            continue;
        };
        let at = at.fixed_offset();
        changes.push(ClockChange {
            x: frame.x(&at),
            title: format!(
                "Clocks change at {}: {} → {}",
                format_instant(&at, zone).full(),
                crate::time::format_offset(before),
                crate::time::format_offset(after)
            ),
        });
        offsets.push(after);
    }
    offsets.dedup();

    Axis {
        ticks,
        changes,
        offsets,
    }
}

/// The last round local time at or before `local` for `step`.
fn floor_local(local: NaiveDateTime, step: i64) -> NaiveDateTime {
    let midnight = local.date().and_time(chrono::NaiveTime::MIN);
    if step < DAY {
        let seconds = i64::from(local.time().num_seconds_from_midnight());
        midnight + TimeDelta::seconds(seconds - seconds % step)
    } else {
        // Whole days counted from 0001-01-01, a Monday, so weekly ticks fall on Mondays.
        let days = local.date().num_days_from_ce();
        let step_days = (step / DAY) as i32;
        NaiveDate::from_num_days_from_ce_opt(days - (days - 1).rem_euclid(step_days))
            .map_or(midnight, |date| date.and_time(chrono::NaiveTime::MIN))
    }
}

fn header_text(zone: &Zone<'_>, known: bool, asked: &str, offsets: &[i32]) -> String {
    let mut text = format!("Times in {}", zone.name());
    let offsets: Vec<String> = offsets
        .iter()
        .map(|o| crate::time::format_offset(*o))
        .collect();
    if offsets.iter().any(|o| o != zone.name()) {
        text.push_str(", ");
        text.push_str(&offsets.join(" → "));
    }
    if !known {
        text.push_str(&format!(
            " (“{}” is not a time zone known here)",
            truncate(&one_line(asked), 40)
        ));
    }
    text
}

// --- Lanes and events. -----------------------------------------------------------------------

struct LaneSpec {
    name: String,
    /// `false` for "Not attributed".
    person: bool,
}

/// Which lane each event goes to.
struct LanePlan<'r> {
    specs: Vec<LaneSpec>,
    by_person_id: BTreeMap<&'r str, usize>,
    unattributed: Option<usize>,
}

impl LanePlan<'_> {
    fn lane_of(&self, event: &TimelineEvent) -> usize {
        event
            .actor
            .as_ref()
            .and_then(|id| self.by_person_id.get(id.as_str()).copied())
            .or(self.unattributed)
            .unwrap_or(0)
    }
}

/// One lane per person who acted in a shown event, in `review.people` order, then "Not
/// attributed" when some event has no actor (or names someone not in the people list).
/// Lanes do not depend on the zoom, so zooming never reshuffles them.
fn plan_lanes<'r>(review: &'r Review, events: &[&TimelineEvent]) -> LanePlan<'r> {
    let mut first_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, person) in review.people.iter().enumerate() {
        first_index.entry(person.id.as_str()).or_insert(i);
    }
    let mut acted = vec![false; review.people.len()];
    let mut unattributed = false;
    for event in events {
        match event
            .actor
            .as_ref()
            .and_then(|id| first_index.get(id.as_str()))
        {
            Some(&i) => acted[i] = true,
            None => unattributed = true,
        }
    }
    let mut plan = LanePlan {
        specs: Vec::new(),
        by_person_id: BTreeMap::new(),
        unattributed: None,
    };
    for (i, person) in review.people.iter().enumerate() {
        if !acted[i] {
            continue;
        }
        let name = one_line(&person.name);
        plan.by_person_id
            .insert(person.id.as_str(), plan.specs.len());
        plan.specs.push(LaneSpec {
            name: if name.is_empty() {
                "Unnamed person".to_owned()
            } else {
                name
            },
            person: true,
        });
    }
    if unattributed {
        plan.unattributed = Some(plan.specs.len());
        plan.specs.push(LaneSpec {
            name: "Not attributed".to_owned(),
            person: false,
        });
    }
    plan
}

/// Events inside the frame (a point in it, or a duration overlapping it) with their lane, in
/// time order (ties keep timeline order).
fn place_events<'r>(
    events: &[&'r TimelineEvent],
    plan: &LanePlan<'_>,
    frame: &Frame,
) -> Vec<(usize, &'r TimelineEvent, Mark)> {
    let mut placed = Vec::new();
    for event in events {
        let Some(at) = event.at else { continue };
        let end = event.end.filter(|end| *end > at);
        let point = frame.contains(&at);
        if !point && !end.is_some_and(|end| frame.overlaps(&at, &end)) {
            continue;
        }
        let bar = end
            .map(|end| (frame.clamped_x(&at), frame.clamped_x(&end)))
            .filter(|(a, b)| b - a >= 1.0);
        let x = frame.clamped_x(&at);
        let uncertain = match event.time_known {
            TimeKnown::Exact => None,
            TimeKnown::About => Some((x - UNCERTAIN_PX / 2.0, x + UNCERTAIN_PX / 2.0)),
            TimeKnown::Before => Some((x - UNCERTAIN_PX, x)),
            TimeKnown::After => Some((x, x + UNCERTAIN_PX)),
            TimeKnown::Between { latest } => Some((x, frame.clamped_x(&latest).max(x + 2.0))),
            // Not drawn at all (see `drawn`).
            TimeKnown::Day => None,
        }
        .map(|(a, b)| (a.max(frame.left), b.min(frame.right)));
        placed.push((
            at,
            plan.lane_of(event),
            *event,
            Mark {
                x,
                bar,
                kind: event.kind,
                key: event.key,
                point,
                title: None,
                uncertain,
            },
        ));
    }
    sorting::sort_by_key(&mut placed, |(at, ..)| *at);
    placed
        .into_iter()
        .map(|(_, lane, event, mark)| (lane, event, mark))
        .collect()
}

/// How far the dashed line of a "before", "after" or "about" time reaches, in px: a sign,
/// not a measure (the record gives no margin).
const UNCERTAIN_PX: f64 = 18.0;
const UNCERTAIN_PAINT: &str =
    " fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.7\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"";

/// Why no event is drawn, in the reader's terms: outside the zoom, none shown in this (public)
/// version, or none with a time at all.
fn empty_lanes_note(
    review: &Review,
    include_internal: bool,
    shown_events: &[&TimelineEvent],
) -> &'static str {
    if !shown_events.is_empty() {
        "No timeline events in this range."
    } else if !include_internal && review.timeline.iter().any(|e| e.at.is_some()) {
        "No timeline events are shown in this version."
    } else {
        "No timeline events with a time."
    }
}

/// Occupied horizontal spans per row, for "first row where it fits" placement.
#[derive(Debug, Default)]
struct Rows {
    rows: Vec<Vec<(f64, f64)>>,
}

impl Rows {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn fits(&self, row: usize, (a, b): (f64, f64)) -> bool {
        self.rows.get(row).is_none_or(|spans| {
            spans
                .iter()
                .all(|&(c, d)| b + LABEL_GAP <= c || d + LABEL_GAP <= a)
        })
    }

    fn first_fit(&self, span: (f64, f64), max_rows: usize) -> Option<usize> {
        (0..max_rows).find(|&row| self.fits(row, span))
    }

    fn take(&mut self, row: usize, span: (f64, f64)) {
        while self.rows.len() <= row {
            self.rows.push(Vec::new());
        }
        self.rows[row].push(span);
    }
}

fn layout_lane(
    spec: &LaneSpec,
    entries: Vec<(&TimelineEvent, Mark)>,
    top: f64,
    frame: &Frame,
    detailed: bool,
) -> Lane {
    let limit = frame.right + RIGHT_MARGIN - 2.0;

    // Key labels alternate between a row above the marks and a row below, so a leader line
    // never crosses another label: first row where the label fits, else no label.
    let mut rows = Rows::default();
    let mut placed: Vec<(usize, f64, Label)> = Vec::new();
    for (event, mark) in &entries {
        if !mark.key || !mark.point {
            continue;
        }
        let mut text = truncate(&one_line(&event.text), KEY_LABEL_CHARS);
        if text.is_empty() {
            text = mark.kind.label().to_owned();
        }
        let w = text_width(&text, SMALL);
        let (x, anchor) = if mark.x + 3.0 + w <= limit {
            (mark.x + 3.0, Anchor::Start)
        } else {
            (mark.x - 3.0, Anchor::End)
        };
        let label = Label {
            x,
            y: 0.0,
            anchor,
            text,
        };
        let span = text_span(&label);
        if let Some(row) = rows.first_fit(span, MAX_LABEL_ROWS) {
            rows.take(row, span);
            placed.push((row, mark.x, label));
        }
    }
    let above = if rows.len() >= 1 { ROW_H } else { 0.0 };
    let below = if rows.len() >= 2 { ROW_H } else { 0.0 };
    let mark_y = top + above + MARK_ROW_H / 2.0;
    let labels = placed
        .into_iter()
        .map(|(row, x, mut label)| {
            let (y0, y1) = if row == 0 {
                label.y = top + above - 2.0;
                (label.y + 2.0, mark_y - KEY_R - 1.0)
            } else {
                label.y = top + above + MARK_ROW_H + 9.0;
                (mark_y + KEY_R + 1.0, label.y - 9.0)
            };
            KeyLabel {
                leader_x: x,
                leader_top: y0,
                leader_bottom: y1,
                label,
            }
        })
        .collect();

    let (name, shortened) = fit_text(&spec.name, FONT, frame.left - PAD - 10.0);
    let marks: Vec<Mark> = entries.into_iter().map(|(_, mark)| mark).collect();
    let summary = lane_summary(&spec.name, &marks, detailed);
    Lane {
        name: Label {
            x: PAD,
            y: mark_y + 4.0,
            anchor: Anchor::Start,
            text: name,
        },
        full_name: shortened.then(|| spec.name.clone()),
        summary,
        top,
        height: above + MARK_ROW_H + below,
        mark_y,
        marks,
        labels,
    }
}

/// "Avery: 523 events (Alert 20, Action 300)": the tooltip of a lane drawn compactly.
fn lane_summary(name: &str, marks: &[Mark], detailed: bool) -> String {
    let mut summary = format!("{name}: {}", count(marks.len(), "event", "events"));
    if !detailed {
        let parts: Vec<String> = EventKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let n = marks.iter().filter(|m| m.kind == kind).count();
                (n > 0).then(|| format!("{} {n}", kind.label()))
            })
            .collect();
        summary.push_str(&format!(" ({})", parts.join(", ")));
    }
    summary
}

/// "03:00 PST — Alert — SLO burn alert…": the tooltip of one mark.
fn event_title(event: &TimelineEvent, clock: &Clock<'_>) -> String {
    let Some(at) = event.at else {
        return String::new();
    };
    let when = match (event.time_known, event.end.filter(|end| *end > at)) {
        (TimeKnown::Day, _) => format!("{}, time not known", clock.date(&at)),
        (TimeKnown::Exact, Some(end)) => clock.span(&at, &end),
        (known, Some(end)) => format!(
            "{} until {}",
            known.written(&clock.at(&at), |latest| clock.at(latest)),
            clock.at(&end)
        ),
        (known, None) => known.written(&clock.at(&at), |latest| clock.at(latest)),
    };
    let mut title = format!("{when} — {}", event.kind.label());
    let text = truncate(&one_line(&event.text), TITLE_CHARS);
    if !text.is_empty() {
        title.push_str(" — ");
        title.push_str(&text);
    }
    title
}

// --- Impact windows and hypotheses. ----------------------------------------------------------

/// The tooltip and the label of an impact window drawn from `x0` to `x1`: `when` ("Impact
/// 02:20–02:40") with what was affected and how much, and a label inside the band's left
/// edge when it fits before `limit`, else ending at its right edge.
pub(crate) fn impact_annotation(
    when: String,
    affected: &str,
    magnitude: &str,
    (x0, x1): (f64, f64),
    limit: f64,
) -> (String, Label) {
    let mut title = when;
    for part in [affected, magnitude] {
        if !part.is_empty() {
            title.push_str(" — ");
            title.push_str(&truncate(part, TITLE_CHARS));
        }
    }
    let text = if affected.is_empty() {
        "Impact".to_owned()
    } else {
        truncate(&format!("Impact: {affected}"), IMPACT_LABEL_CHARS)
    };
    let w = text_width(&text, SMALL);
    let label = if x0 + 3.0 + w <= limit {
        Label {
            x: x0 + 3.0,
            y: 0.0,
            anchor: Anchor::Start,
            text,
        }
    } else {
        Label {
            x: x1 - 3.0,
            y: 0.0,
            anchor: Anchor::End,
            text,
        }
    };
    (title, label)
}

fn impact_bands(review: &Review, frame: &Frame, clock: &Clock<'_>) -> Vec<ImpactBand> {
    let limit = frame.right + RIGHT_MARGIN - 2.0;
    let mut bands = Vec::new();
    for window in &review.impact.windows {
        let Some(start) = window.start else { continue };
        let (start, end) = match window.end {
            Some(end) if end < start => (end, Some(start)),
            end => (start, end),
        };
        let until = end.unwrap_or(frame.end);
        if !frame.overlaps(&start, &until) {
            continue;
        }
        let affected = one_line(&window.affected);
        let magnitude = one_line(&window.magnitude);
        let when = match end {
            Some(end) => format!("Impact {}", clock.span(&start, &end)),
            None => format!("Impact from {}, end not recorded", clock.at(&start)),
        };
        let x0 = frame.clamped_x(&start);
        let x1 = frame.clamped_x(&until).max(x0 + 2.0);
        let (title, label) = impact_annotation(when, &affected, &magnitude, (x0, x1), limit);
        bands.push(ImpactBand {
            x0,
            x1,
            title,
            label: Some(label),
        });
    }
    sorting::sort_by(&mut bands, |a, b| a.x0.total_cmp(&b.x0));
    bands
}

fn hypothesis_bars(
    review: &Review,
    include_internal: bool,
    frame: &Frame,
    clock: &Clock<'_>,
) -> Vec<HypothesisBar> {
    let people: BTreeMap<&str, &str> = review
        .people
        .iter()
        .rev()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let mut bars = Vec::new();
    for hypothesis in &review.hypotheses {
        // A hypothesis without its own time is raised when the event it came up in was.
        let Some(raised) = hypotheses::raised_at(review, hypothesis) else {
            continue;
        };
        if !shown(hypothesis.visibility, include_internal) {
            continue;
        }
        let status = hypothesis.status;
        let settled = if status == HypothesisStatus::Open {
            None
        } else {
            hypothesis.status_changed_at.filter(|t| *t >= raised)
        };
        let until = settled.unwrap_or(frame.end);
        if !frame.overlaps(&raised, &until) {
            continue;
        }
        let statement = one_line(&hypothesis.statement);
        let mut title = match (status, settled) {
            (_, Some(settled)) => format!("{} — {}", clock.span(&raised, &settled), status.label()),
            (HypothesisStatus::Open, None) => {
                format!("{} onwards — still open", clock.at(&raised))
            }
            (_, None) => format!(
                "{} onwards — {}, time not recorded",
                clock.at(&raised),
                status.label()
            ),
        };
        if !statement.is_empty() {
            title.push_str(" — ");
            title.push_str(&truncate(&statement, TITLE_CHARS));
        }
        if let Some(name) = hypothesis
            .raised_by
            .as_ref()
            .and_then(|id| people.get(id.as_str()))
            .map(|name| one_line(name))
            .filter(|name| !name.is_empty())
        {
            title.push_str(" — raised by ");
            title.push_str(&truncate(&name, 60));
        }
        let x0 = frame.clamped_x(&raised);
        let shown_statement = if statement.is_empty() {
            "(no statement)".to_owned()
        } else {
            truncate(&statement, HYPOTHESIS_LABEL_CHARS)
        };
        bars.push(HypothesisBar {
            x0,
            x1: frame.clamped_x(&until).max(x0 + 3.0),
            y: 0.0,
            status,
            continues: settled.is_none_or(|t| t > frame.end),
            label: Some(Label {
                x: x0 + 5.0,
                y: 0.0,
                anchor: Anchor::Start,
                text: format!("{}: {shown_statement}", status.label()),
            }),
            title,
        });
    }
    sorting::sort_by(&mut bars, |a, b| a.x0.total_cmp(&b.x0));
    bars
}

/// Gives each bar a row and returns the rows and how many there are. A bar shares a row when
/// bar and label fit beside what is there; past [`MAX_HYPOTHESIS_LABEL_ROWS`] rows a bar may
/// share one without its label (the statement stays in its tooltip) before a new row is opened.
fn pack_hypotheses(bars: &mut [HypothesisBar], left: f64, right: f64) -> (Vec<usize>, usize) {
    let limit = right + RIGHT_MARGIN - 2.0;
    let mut rows = Rows::default();
    let mut assigned = Vec::with_capacity(bars.len());
    for bar in bars.iter_mut() {
        let arrow = if bar.continues { 9.0 } else { 0.0 };
        let bare = (bar.x0, bar.x1 + arrow);
        let mut with_label = bare;
        if let Some(label) = bar.label.as_mut() {
            // Past the right edge: before the bar when there is room, else against the edge.
            let w = text_width(&label.text, SMALL);
            if label.x + w > limit {
                label.anchor = Anchor::End;
                label.x = if bar.x0 - 4.0 - w >= left {
                    bar.x0 - 4.0
                } else {
                    limit
                };
            }
            let (a, b) = text_span(label);
            with_label = (a.min(bare.0), b.max(bare.1));
        }
        let row = if let Some(row) = rows.first_fit(with_label, MAX_HYPOTHESIS_LABEL_ROWS) {
            rows.take(row, with_label);
            row
        } else if let Some(row) = rows.first_fit(bare, rows.len()) {
            bar.label = None;
            rows.take(row, bare);
            row
        } else {
            let row = rows.len();
            rows.take(row, with_label);
            row
        };
        assigned.push(row);
    }
    (assigned, rows.len())
}

// --- Legend and words. -----------------------------------------------------------------------

fn symbol_text(symbol: Symbol) -> String {
    match symbol {
        Symbol::Kind(kind) => kind.label().to_owned(),
        Symbol::Key => "Key event (larger, labelled)".to_owned(),
        Symbol::Duration => "Event with a duration".to_owned(),
        Symbol::Uncertain => "Time not exact (dashed: when it may have been)".to_owned(),
        Symbol::Impact => "Impact window".to_owned(),
        Symbol::Hypothesis(status) => format!("Hypothesis {}", status.label().to_lowercase()),
    }
}

/// Legend items left to right, wrapping at the chart's width.
fn flow_legend(symbols: &[Symbol], top: f64, width: f64) -> (Vec<LegendItem>, usize) {
    let mut items = Vec::with_capacity(symbols.len());
    let (mut x, mut row) = (PAD, 0usize);
    for &symbol in symbols {
        let text = symbol_text(symbol);
        let w = 22.0 + text_width(&text, SMALL) + 16.0;
        if x + w > width - PAD && x > PAD {
            row += 1;
            x = PAD;
        }
        items.push(LegendItem {
            x,
            y: top + row as f64 * LEGEND_ROW_H,
            symbol,
            text,
        });
        x += w;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (items, rows)
}

/// "Timeline of 42 events by 5 people from 02:20 to 09:45 PST, 2 impact windows,
/// 2 hypotheses. Times in America/Los_Angeles, UTC-08:00."
fn describe(
    events: usize,
    people: usize,
    from_to: &str,
    windows: usize,
    hypotheses: usize,
    header: &str,
) -> String {
    let mut desc = format!("Timeline of {}", count(events, "event", "events"));
    if people > 0 {
        desc.push_str(&format!(" by {}", count(people, "person", "people")));
    }
    desc.push_str(&format!(
        " {from_to}, {}, {}. {header}.",
        count(windows, "impact window", "impact windows"),
        count(hypotheses, "hypothesis", "hypotheses"),
    ));
    desc
}

/// Times as the chart's zone shows them, with the date only when the chart spans days.
struct Clock<'z> {
    zone: &'z Zone<'z>,
    with_date: bool,
}

impl<'z> Clock<'z> {
    fn new(zone: &'z Zone<'z>, frame: &Frame) -> Self {
        let first = zone.to_local(&frame.start).0.date();
        let last = zone.to_local(&frame.end).0.date();
        Self {
            zone,
            with_date: first != last,
        }
    }

    /// ("03:00" or "2019-11-06 03:00", "PST" or "UTC+05:30")
    fn parts(&self, t: &Timestamp) -> (String, String) {
        let label = format_instant(t, self.zone);
        let when = if self.with_date {
            format!("{} {}", label.date, label.time)
        } else {
            label.time
        };
        let suffix = if label.abbreviation.is_empty() {
            label.offset
        } else {
            label.abbreviation
        };
        (when, suffix)
    }

    fn at(&self, t: &Timestamp) -> String {
        let (when, suffix) = self.parts(t);
        format!("{when} {suffix}")
    }

    fn date(&self, t: &Timestamp) -> String {
        format_instant(t, self.zone).date
    }

    /// "03:00–07:30 PST", or "01:00 PDT – 03:00 PST" across a clock change.
    fn span(&self, a: &Timestamp, b: &Timestamp) -> String {
        let ((wa, sa), (wb, sb)) = (self.parts(a), self.parts(b));
        if sa == sb {
            format!("{wa}–{wb} {sb}")
        } else {
            format!("{wa} {sa} – {wb} {sb}")
        }
    }

    /// "from 02:20 to 09:45 PST"
    fn between(&self, a: &Timestamp, b: &Timestamp) -> String {
        let ((wa, sa), (wb, sb)) = (self.parts(a), self.parts(b));
        if sa == sb {
            format!("from {wa} to {wb} {sb}")
        } else {
            format!("from {wa} {sa} to {wb} {sb}")
        }
    }
}

// --- Text measuring and shaping. -------------------------------------------------------------

/// Rough width of `text` in a sans-serif face at `size` px. Errs wide, so labels judged not
/// to collide really don't.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|'
            | ' ' | '(' | ')' => 0.36,
            'm' | 'w' | 'M' | 'W' | '—' | '…' => 0.95,
            'A'..='Z' => 0.72,
            c if c.is_ascii() => 0.61,
            _ => 1.0,
        })
        .sum();
    ems * size
}

/// The horizontal span a label covers.
pub(crate) fn text_span(label: &Label) -> (f64, f64) {
    let w = text_width(&label.text, SMALL);
    match label.anchor {
        Anchor::Start => (label.x, label.x + w),
        Anchor::Middle => (label.x - w / 2.0, label.x + w / 2.0),
        Anchor::End => (label.x - w, label.x),
    }
}

/// Centred on `x` unless that would cross either edge.
pub(crate) fn fit_anchor(x: f64, w: f64, limit: f64) -> Anchor {
    if x + w / 2.0 > limit {
        Anchor::End
    } else if x - w / 2.0 < 2.0 {
        Anchor::Start
    } else {
        Anchor::Middle
    }
}

/// `text` shortened with "…" until it is at most `max_px` wide; and whether it was.
pub(crate) fn fit_text(text: &str, size: f64, max_px: f64) -> (String, bool) {
    if text_width(text, size) <= max_px {
        return (text.to_owned(), false);
    }
    let mut chars = text.chars().count();
    loop {
        chars -= 1;
        let shorter = truncate(text, chars);
        if chars <= 2 || text_width(&shorter, size) <= max_px {
            return (shorter, true);
        }
    }
}

/// Whether XML 1.0 can carry `c` at all, and it is not a character renderers hide (a
/// bidirectional override would reverse the rest of a label).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !is_unshown(c)
}

/// User text as one tidy line: whitespace runs (newlines included) become one space, control
/// characters and characters XML cannot carry are dropped.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if allowed_in_xml(c) && !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// At most `max` characters, the last one "…" when text was cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

// ---------------------------------------------------------------------------------------------
// Writing: the only place markup is produced.

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// A coordinate with at most one decimal: "12", "12.5", "-3".
pub(crate) struct N(pub(crate) f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 {
            f.write_char('-')?;
        }
        let abs = tenths.unsigned_abs();
        write!(f, "{}", abs / 10)?;
        if !abs.is_multiple_of(10) {
            write!(f, ".{}", abs % 10)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Plus,
    Cross,
    Star,
}

/// How each kind looks: shape first (never colour alone), then a mid-tone colour that reads
/// on light and dark backgrounds.
#[derive(Debug, Clone, Copy)]
struct KindStyle {
    shape: Shape,
    filled: bool,
    colour: &'static str,
}

fn kind_style(kind: EventKind) -> KindStyle {
    let (shape, filled, colour) = match kind {
        EventKind::Alert => (Shape::TriangleUp, true, "#e15759"),
        EventKind::Detection => (Shape::TriangleDown, true, "#f28e2b"),
        EventKind::Observation => (Shape::Circle, true, "#4e79a7"),
        EventKind::Hypothesis => (Shape::Diamond, true, "#b07aa1"),
        EventKind::Decision => (Shape::Square, true, "#9d7660"),
        EventKind::Action => (Shape::Plus, false, "#59a14f"),
        EventKind::Escalation => (Shape::TriangleUp, false, "#d37295"),
        EventKind::Communication => (Shape::Circle, false, "#499894"),
        EventKind::DeployOrChange => (Shape::Square, false, "#b6992d"),
        EventKind::Mitigation => (Shape::Cross, false, "#1f9bb0"),
        EventKind::Resolution => (Shape::Star, true, "#c9a227"),
        EventKind::Other => (Shape::Diamond, false, "#8c8c8c"),
    };
    KindStyle {
        shape,
        filled,
        colour,
    }
}

/// Presentation attributes for a kind's marks. Key marks get a `currentColor` outline, which
/// stands out on either background.
fn kind_paint(style: KindStyle, key: bool) -> String {
    match (style.filled, key) {
        (true, false) => format!(" fill=\"{}\"", style.colour),
        (true, true) => format!(
            " fill=\"{}\" stroke=\"currentColor\" stroke-width=\"1.2\"",
            style.colour
        ),
        (false, key) => format!(
            " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
            style.colour,
            if key { "2.6" } else { "2" }
        ),
    }
}

/// (colour, dash pattern) of a hypothesis status: the dashes carry the status without colour.
fn status_paint(status: HypothesisStatus) -> (&'static str, Option<&'static str>) {
    match status {
        HypothesisStatus::Open => ("#4e79a7", Some("5 3")),
        HypothesisStatus::Supported => ("#59a14f", None),
        HypothesisStatus::Falsified => ("#e15759", None),
        HypothesisStatus::Abandoned => ("#8c8c8c", Some("1.5 2.5")),
    }
}

/// One subpath of `shape` centred on (x, y).
fn push_shape(d: &mut String, shape: Shape, x: f64, y: f64, r: f64) {
    match shape {
        Shape::Circle => w!(
            d,
            "M{} {}a{} {} 0 1 0 {} 0a{} {} 0 1 0 {} 0z",
            N(x - r),
            N(y),
            N(r),
            N(r),
            N(2.0 * r),
            N(r),
            N(r),
            N(-2.0 * r)
        ),
        Shape::Square => {
            let s = r * 0.85;
            w!(
                d,
                "M{} {}h{}v{}h{}z",
                N(x - s),
                N(y - s),
                N(2.0 * s),
                N(2.0 * s),
                N(-2.0 * s)
            );
        }
        Shape::Diamond => {
            let s = r * 1.2;
            w!(
                d,
                "M{} {}l{} {}l{} {}l{} {}z",
                N(x),
                N(y - s),
                N(s),
                N(s),
                N(-s),
                N(s),
                N(-s),
                N(-s)
            );
        }
        Shape::TriangleUp => {
            let s = r * 1.15;
            w!(
                d,
                "M{} {}l{} {}h{}z",
                N(x),
                N(y - s),
                N(s),
                N(1.75 * s),
                N(-2.0 * s)
            );
        }
        Shape::TriangleDown => {
            let s = r * 1.15;
            w!(
                d,
                "M{} {}l{} {}h{}z",
                N(x),
                N(y + s),
                N(s),
                N(-1.75 * s),
                N(-2.0 * s)
            );
        }
        Shape::Plus => w!(
            d,
            "M{} {}h{}m{} {}v{}",
            N(x - r),
            N(y),
            N(2.0 * r),
            N(-r),
            N(-r),
            N(2.0 * r)
        ),
        Shape::Cross => {
            let s = r * 0.8;
            w!(
                d,
                "M{} {}l{} {}m0 {}l{} {}",
                N(x - s),
                N(y - s),
                N(2.0 * s),
                N(2.0 * s),
                N(-2.0 * s),
                N(-2.0 * s),
                N(2.0 * s)
            );
        }
        Shape::Star => {
            let outer = r * 1.35;
            for i in 0..10 {
                let radius = if i % 2 == 0 { outer } else { outer * 0.45 };
                let angle = std::f64::consts::PI * (f64::from(i) / 5.0 - 0.5);
                let command = if i == 0 { 'M' } else { 'L' };
                w!(
                    d,
                    "{command}{} {}",
                    N(x + radius * angle.cos()),
                    N(y + radius * angle.sin())
                );
            }
            d.push('z');
        }
    }
}

fn push_bar(d: &mut String, x0: f64, x1: f64, y: f64) {
    w!(
        d,
        "M{} {}h{}v{}h{}z",
        N(x0),
        N(y - BAR_H / 2.0),
        N(x1 - x0),
        N(BAR_H),
        N(x0 - x1)
    );
}

fn anchor_attr(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "",
        Anchor::Middle => " text-anchor=\"middle\"",
        Anchor::End => " text-anchor=\"end\"",
    }
}

/// A `<text>`, with an optional tooltip. `attrs` are fixed strings, never user text.
pub(crate) fn write_text(out: &mut String, label: &Label, attrs: &str, title: Option<&str>) {
    w!(
        out,
        "<text x=\"{}\" y=\"{}\"{}{}>",
        N(label.x),
        N(label.y),
        anchor_attr(label.anchor),
        attrs
    );
    if let Some(title) = title {
        w!(out, "<title>{}</title>", Attr(title));
    }
    w!(out, "{}</text>", Attr(&label.text));
}

pub(crate) fn open_root(
    out: &mut String,
    ids: &Ids,
    width: f64,
    height: f64,
    title: &str,
    desc: &str,
) {
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{} {}\" font-family=\"system-ui, sans-serif\" \
         font-size=\"{}\" fill=\"currentColor\">",
        N(width),
        N(height),
        ids.title,
        ids.desc,
        N(FONT)
    );
    w!(
        out,
        "<title id=\"{}\">{}</title><desc id=\"{}\">{}</desc>",
        ids.title,
        Attr(title),
        ids.desc,
        Attr(desc)
    );
}

/// The root element with its title and description, and the header line above the plot
/// that names the clock the times are on.
pub(crate) fn open_chart(
    out: &mut String,
    ids: &Ids,
    (width, height): (f64, f64),
    (title, desc): (&str, &str),
    header: &str,
) {
    open_root(out, ids, width, height, title, desc);
    write_text(
        out,
        &Label {
            x: PAD,
            y: HEADER_BASELINE,
            anchor: Anchor::Start,
            text: header.to_owned(),
        },
        " fill-opacity=\"0.85\"",
        None,
    );
}

/// A small drawing that says there is nothing to draw, in words (also its description).
pub(crate) fn write_empty(ids: &Ids, width: f64, title: &str, message: &str) -> String {
    let mut out = String::with_capacity(600);
    open_root(&mut out, ids, width, 48.0, title, message);
    write_text(
        &mut out,
        &Label {
            x: width / 2.0,
            y: 29.0,
            anchor: Anchor::Middle,
            text: message.to_owned(),
        },
        " fill-opacity=\"0.75\"",
        None,
    );
    out.push_str("</svg>");
    out
}

fn write_svg(chart: &Chart) -> String {
    let marks: usize = chart.lanes.iter().map(|l| l.marks.len()).sum();
    let mut out = String::with_capacity(8192 + marks * if chart.detailed { 160 } else { 40 });
    open_chart(
        &mut out,
        &chart.ids,
        (chart.width, chart.height),
        (&chart.title, &chart.desc),
        &chart.header,
    );
    write_backdrop(&mut out, chart);
    write_axis(&mut out, chart);
    for lane in &chart.lanes {
        write_lane(&mut out, lane, chart.detailed);
    }
    if let Some(note) = &chart.note {
        write_text(&mut out, note, " fill-opacity=\"0.7\"", None);
    }
    if let Some(band) = &chart.hypotheses {
        write_hypotheses(&mut out, band);
    }
    write_legend(&mut out, chart);
    out.push_str("</svg>");
    out
}

/// Impact bands and lane stripes, behind everything else.
fn write_backdrop(out: &mut String, chart: &Chart) {
    if !chart.bands.is_empty() {
        let height = chart.plot_bottom - AXIS_Y;
        w!(out, "<g fill=\"{IMPACT_COLOUR}\" fill-opacity=\"0.14\">");
        for band in &chart.bands {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                N(band.x0),
                N(AXIS_Y),
                N(band.x1 - band.x0),
                N(height),
                Attr(&band.title)
            );
        }
        out.push_str("</g>");
        let mut d = String::new();
        for band in &chart.bands {
            w!(
                d,
                "M{} {}V{}M{} {}V{}",
                N(band.x0),
                N(AXIS_Y),
                N(chart.plot_bottom),
                N(band.x1),
                N(AXIS_Y),
                N(chart.plot_bottom)
            );
        }
        w!(
            out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{IMPACT_COLOUR}\" stroke-opacity=\"0.55\" stroke-dasharray=\"3 3\"/>"
        );
        out.push_str("<g font-size=\"11\">");
        for label in chart.bands.iter().filter_map(|b| b.label.as_ref()) {
            write_text(out, label, "", None);
        }
        out.push_str("</g>");
    }
    let stripes: Vec<&Lane> = chart.lanes.iter().skip(1).step_by(2).collect();
    if !stripes.is_empty() {
        out.push_str("<g fill-opacity=\"0.05\">");
        for lane in stripes {
            w!(
                out,
                "<rect x=\"4\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                N(lane.top),
                N(chart.width - 8.0),
                N(lane.height)
            );
        }
        out.push_str("</g>");
    }
}

fn write_axis(out: &mut String, chart: &Chart) {
    let axis = TimeAxis {
        ticks: &chart.ticks,
        left: chart.left,
        right: chart.right,
        y: AXIS_Y,
        time_baseline: TICK_BASELINE,
        date_baseline: DATE_BASELINE,
        plot_bottom: chart.plot_bottom,
        bottom_ticks_y: chart.bottom_ticks_y,
    };
    write_axis_lines(out, &axis);
    for change in &chart.clock_changes {
        w!(
            out,
            "<path d=\"M{} {}V{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" \
             stroke-dasharray=\"2 3\"><title>{}</title></path>",
            N(change.x),
            N(AXIS_Y - 8.0),
            N(chart.plot_bottom),
            Attr(&change.title)
        );
    }
    write_tick_labels(out, &axis);
}

/// The faint grid lines down from each tick and the axis line with its tick marks.
pub(crate) fn write_axis_lines(out: &mut String, axis: &TimeAxis) {
    let mut grid = String::new();
    let mut ticks = String::new();
    for tick in axis.ticks {
        w!(grid, "M{} {}V{}", N(tick.x), N(axis.y), N(axis.plot_bottom));
        w!(ticks, "M{} {}v5", N(tick.x), N(axis.y - 5.0));
    }
    if !grid.is_empty() {
        w!(
            out,
            "<path d=\"{grid}\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.14\"/>"
        );
    }
    w!(
        out,
        "<path d=\"M{} {}H{}{ticks}\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>",
        N(axis.left),
        N(axis.y),
        N(axis.right)
    );
}

/// Each tick's time (and date where the day changes), repeated under a tall plot.
pub(crate) fn write_tick_labels(out: &mut String, axis: &TimeAxis) {
    out.push_str("<g font-size=\"11\">");
    for tick in axis.ticks {
        let at = |y: f64, text: &str| Label {
            x: tick.x,
            y,
            anchor: tick.anchor,
            text: text.to_owned(),
        };
        write_text(out, &at(axis.time_baseline, &tick.time), "", None);
        if let Some(date) = &tick.date {
            write_text(
                out,
                &at(axis.date_baseline, date),
                " fill-opacity=\"0.7\"",
                None,
            );
        }
        if let Some(y) = axis.bottom_ticks_y {
            write_text(out, &at(y, &tick.time), " fill-opacity=\"0.85\"", None);
        }
    }
    out.push_str("</g>");
}

fn write_lane(out: &mut String, lane: &Lane, detailed: bool) {
    if detailed {
        out.push_str("<g>");
    } else {
        w!(out, "<g><title>{}</title>", Attr(&lane.summary));
    }
    write_text(out, &lane.name, "", lane.full_name.as_deref());
    let y = lane.mark_y;

    // Bars first, so no duration hides a mark. Each with its tooltip when detailed, merged per
    // kind otherwise.
    for kind in EventKind::ALL {
        let colour = kind_style(kind).colour;
        let with_bar = || {
            lane.marks
                .iter()
                .filter(move |m| m.kind == kind)
                .filter_map(|m| m.bar.map(|bar| (m, bar)))
        };
        if detailed {
            for (mark, (x0, x1)) in with_bar() {
                let mut d = String::new();
                push_bar(&mut d, x0, x1, y);
                w!(
                    out,
                    "<path d=\"{d}\" fill=\"{colour}\" fill-opacity=\"0.45\"><title>{}</title></path>",
                    Attr(mark.title.as_deref().unwrap_or_default())
                );
            }
        } else {
            let mut d = String::new();
            for (_, (x0, x1)) in with_bar() {
                push_bar(&mut d, x0, x1, y);
            }
            if !d.is_empty() {
                w!(
                    out,
                    "<path d=\"{d}\" fill=\"{colour}\" fill-opacity=\"0.45\"/>"
                );
            }
        }
    }

    // Where inexact times may have been, one dashed path per lane, under the marks.
    let mut d = String::new();
    for (x0, x1) in lane.marks.iter().filter_map(|m| m.uncertain) {
        w!(d, "M{} {}H{}", N(x0), N(y), N(x1));
    }
    if !d.is_empty() {
        w!(out, "<path d=\"{d}\"{UNCERTAIN_PAINT}/>");
    }

    for kind in EventKind::ALL {
        let style = kind_style(kind);
        let of_kind = || lane.marks.iter().filter(move |m| m.kind == kind && m.point);
        if detailed {
            if of_kind().any(|m| !m.key) {
                w!(out, "<g{}>", kind_paint(style, false));
                for mark in of_kind().filter(|m| !m.key) {
                    write_mark(out, mark, style, y, MARK_R);
                }
                out.push_str("</g>");
            }
            continue;
        }
        // Every mark without its own tooltip merged into one path (a second one for key marks
        // over the tooltip budget), drawn smaller since they crowd. Marks that land on the
        // same tenth of a pixel are written once.
        for key in [false, true] {
            let mut d = String::new();
            let mut n = 0usize;
            let mut last = None;
            for mark in of_kind().filter(|m| m.key == key && m.title.is_none()) {
                n += 1;
                let at = (mark.x * 10.0).round() as i64;
                if last != Some(at) {
                    let r = if key { KEY_R } else { COMPACT_R };
                    push_shape(&mut d, style.shape, mark.x, y, r);
                    last = Some(at);
                }
            }
            if !d.is_empty() {
                let what = if key { "key events" } else { "events" };
                w!(
                    out,
                    "<path d=\"{d}\"{}><title>{} — {}: {n} {what}</title></path>",
                    kind_paint(style, key),
                    Attr(&lane.name.text),
                    kind.label()
                );
            }
        }
    }

    // Key marks with their own tooltip, on top.
    for mark in lane
        .marks
        .iter()
        .filter(|m| m.key && m.point && m.title.is_some())
    {
        let style = kind_style(mark.kind);
        w!(out, "<g{}>", kind_paint(style, true));
        write_mark(out, mark, style, y, KEY_R);
        out.push_str("</g>");
    }

    if !lane.labels.is_empty() {
        let mut d = String::new();
        for label in &lane.labels {
            w!(
                d,
                "M{} {}V{}",
                N(label.leader_x),
                N(label.leader_top),
                N(label.leader_bottom)
            );
        }
        w!(
            out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.45\"/>"
        );
        out.push_str("<g font-size=\"11\">");
        for label in &lane.labels {
            write_text(out, &label.label, "", None);
        }
        out.push_str("</g>");
    }
    out.push_str("</g>");
}

/// One event's mark as its own element with its tooltip.
fn write_mark(out: &mut String, mark: &Mark, style: KindStyle, y: f64, r: f64) {
    let mut d = String::new();
    push_shape(&mut d, style.shape, mark.x, y, r);
    w!(
        out,
        "<path d=\"{d}\"><title>{}</title></path>",
        Attr(mark.title.as_deref().unwrap_or_default())
    );
}

fn write_hypotheses(out: &mut String, band: &HypothesisBand) {
    write_text(out, &band.heading, " fill-opacity=\"0.85\"", None);
    for bar in &band.bars {
        let (colour, dash) = status_paint(bar.status);
        let (top, bottom) = (bar.y, bar.y + HYPOTHESIS_BAR_H);
        // A bar that continues is left open on the right and ends in an arrow.
        let outline = if bar.continues {
            format!(
                "M{} {}H{}V{}H{}",
                N(bar.x1),
                N(top),
                N(bar.x0),
                N(bottom),
                N(bar.x1)
            )
        } else {
            format!(
                "M{} {}H{}V{}H{}z",
                N(bar.x0),
                N(top),
                N(bar.x1),
                N(bottom),
                N(bar.x0)
            )
        };
        w!(
            out,
            "<g stroke=\"{colour}\" stroke-width=\"1.5\"><title>{}</title><path d=\"{outline}\" fill=\"{colour}\" fill-opacity=\"0.28\"{}/>",
            Attr(&bar.title),
            dash.map(|d| format!(" stroke-dasharray=\"{d}\"")).unwrap_or_default()
        );
        if bar.continues {
            w!(
                out,
                "<path d=\"M{} {}l5 {}l-5 {}\" fill=\"none\"/>",
                N(bar.x1 + 2.0),
                N(top + 1.0),
                N(HYPOTHESIS_BAR_H / 2.0 - 1.0),
                N(HYPOTHESIS_BAR_H / 2.0 - 1.0)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("<g font-size=\"11\">");
    for label in band.bars.iter().filter_map(|b| b.label.as_ref()) {
        write_text(out, label, "", None);
    }
    out.push_str("</g>");
}

fn write_legend(out: &mut String, chart: &Chart) {
    if chart.legend.is_empty() {
        return;
    }
    out.push_str("<g font-size=\"11\">");
    for item in &chart.legend {
        let (x, y) = (item.x + 8.0, item.y - 4.0);
        let mut d = String::new();
        match item.symbol {
            Symbol::Kind(kind) => {
                let style = kind_style(kind);
                push_shape(&mut d, style.shape, x, y, MARK_R);
                w!(out, "<path d=\"{d}\"{}/>", kind_paint(style, false));
            }
            Symbol::Key => {
                push_shape(&mut d, Shape::Circle, x, y, KEY_R - 1.0);
                w!(
                    out,
                    "<path d=\"{d}\" fill=\"#8c8c8c\" stroke=\"currentColor\" stroke-width=\"1.2\"/>"
                );
            }
            Symbol::Duration => {
                push_bar(&mut d, x - 6.0, x + 8.0, y);
                w!(
                    out,
                    "<path d=\"{d}\" fill=\"#8c8c8c\" fill-opacity=\"0.6\"/>"
                );
            }
            Symbol::Uncertain => {
                w!(
                    out,
                    "<path d=\"M{} {}H{}\"{UNCERTAIN_PAINT}/>",
                    N(x - 7.0),
                    N(y),
                    N(x + 9.0)
                );
                push_shape(&mut d, Shape::Circle, x + 1.0, y, MARK_R - 1.0);
                w!(out, "<path d=\"{d}\" fill=\"#8c8c8c\"/>");
            }
            Symbol::Impact => w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{IMPACT_COLOUR}\" \
                 fill-opacity=\"0.14\" stroke=\"{IMPACT_COLOUR}\" stroke-opacity=\"0.55\" \
                 stroke-dasharray=\"3 3\"/>",
                N(x - 7.0),
                N(y - 6.0)
            ),
            Symbol::Hypothesis(status) => {
                let (colour, dash) = status_paint(status);
                w!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{colour}\" \
                     fill-opacity=\"0.28\" stroke=\"{colour}\" stroke-width=\"1.5\"{}/>",
                    N(x - 7.0),
                    N(y - 5.0),
                    dash.map(|d| format!(" stroke-dasharray=\"{d}\""))
                        .unwrap_or_default()
                );
            }
        }
        write_text(
            out,
            &Label {
                x: item.x + 22.0,
                y: item.y,
                anchor: Anchor::Start,
                text: item.text.clone(),
            },
            "",
            None,
        );
    }
    out.push_str("</g>");
}

#[cfg(all(test, feature = "bundled-zones"))]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        EntityId, Hypothesis, Impact, ImpactWindow, IncidentWindow, Person, ReviewId,
    };
    use crate::time::BundledZones;

    // --- The chart as an XML parser reads it: roxmltree (an independent parser) checks it
    // is well-formed, and `El` is the tree the assertions look at. ---------------------------

    #[derive(Debug)]
    enum Node {
        El(El),
        Text(String),
    }

    #[derive(Debug)]
    pub(crate) struct El {
        pub(crate) name: String,
        pub(crate) attrs: Vec<(String, String)>,
        children: Vec<Node>,
    }

    impl El {
        pub(crate) fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        /// This element and every element inside it, in document order.
        pub(crate) fn descendants(&self) -> Vec<&El> {
            let mut out = vec![self];
            for child in &self.children {
                if let Node::El(el) = child {
                    out.extend(el.descendants());
                }
            }
            out
        }

        pub(crate) fn all(&self, name: &str) -> Vec<&El> {
            self.descendants()
                .into_iter()
                .filter(|el| el.name == name)
                .collect()
        }

        /// Text directly inside, not counting a `<title>` child.
        pub(crate) fn own_text(&self) -> String {
            self.children
                .iter()
                .filter_map(|c| match c {
                    Node::Text(t) => Some(t.as_str()),
                    Node::El(_) => None,
                })
                .collect()
        }

        pub(crate) fn title(&self) -> Option<String> {
            self.children.iter().find_map(|c| match c {
                Node::El(el) if el.name == "title" => Some(el.own_text()),
                _ => None,
            })
        }
    }

    /// Parses the chart as XML 1.0. Comments, processing instructions and a prolog are
    /// refused as well: the chart never writes them, so their presence is an error too.
    fn parse(doc: &str) -> Result<El, String> {
        let document = roxmltree::Document::parse(doc).map_err(|err| err.to_string())?;
        if document
            .descendants()
            .any(|node| node.is_comment() || node.is_pi())
        {
            return Err("a comment or processing instruction".to_owned());
        }
        if !doc.trim_start().starts_with('<') || doc.trim_start().starts_with("<?") {
            return Err("something before the root element".to_owned());
        }
        Ok(tree(document.root_element()))
    }

    fn tree(node: roxmltree::Node) -> El {
        El {
            name: node.tag_name().name().to_owned(),
            attrs: node
                .attributes()
                .map(|a| (a.name().to_owned(), a.value().to_owned()))
                .collect(),
            children: node
                .children()
                .filter_map(|child| {
                    if child.is_element() {
                        Some(Node::El(tree(child)))
                    } else {
                        child.text().map(|text| Node::Text(text.to_owned()))
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn the_reader_refuses_what_is_not_well_formed() {
        for bad in [
            "<svg><g></svg>",
            "<svg a=1></svg>",
            "<svg>&nbsp;</svg>",
            "<svg>\u{1}</svg>",
            "<svg><!-- note --></svg>",
            "<?xml version=\"1.0\"?><svg/>",
            "<svg/><svg/>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let root = parse("<svg id=\"a\"><text>x &amp; y<title>t</title></text></svg>").unwrap();
        assert_eq!(root.attr("id"), Some("a"));
        assert_eq!(root.all("text")[0].own_text(), "x & y");
        assert_eq!(root.all("text")[0].title().as_deref(), Some("t"));
    }

    /// Well-formed, and nothing that could run, load or navigate.
    pub(crate) fn assert_inert(svg: &str) -> El {
        let root = parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}"));
        assert_eq!(root.name, "svg");
        assert!(!svg.to_ascii_lowercase().contains("<script"));
        assert_eq!(svg.matches("<svg").count(), 1, "one root, no nested svg");
        const ELEMENTS: [&str; 7] = ["svg", "g", "path", "rect", "text", "title", "desc"];
        for el in root.descendants() {
            assert!(ELEMENTS.contains(&el.name.as_str()), "<{}>", el.name);
            for (name, value) in &el.attrs {
                let name = name.to_ascii_lowercase();
                let value = value.to_ascii_lowercase();
                assert!(!name.starts_with("on"), "event handler {name}");
                assert!(
                    !name.contains("href") && name != "style" && name != "src",
                    "{name}"
                );
                for bad in ["javascript:", "url(", "<", "data:"] {
                    assert!(!value.contains(bad), "{name}={value:?}");
                }
            }
        }
        // ids are well-formed, unique, and what aria-labelledby names.
        let ids: Vec<&str> = root
            .descendants()
            .into_iter()
            .filter_map(|el| el.attr("id"))
            .collect();
        for id in &ids {
            assert!(
                id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'),
                "{id}"
            );
            assert!(id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')));
            assert_eq!(ids.iter().filter(|other| *other == id).count(), 1, "{id}");
        }
        for id in root.attr("aria-labelledby").unwrap().split(' ') {
            assert!(ids.contains(&id), "{id}");
        }
        root
    }

    // --- Reviews to draw. ----------------------------------------------------------------

    fn at(text: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// A clock time on the night of the sample incident, Pacific time.
    fn pst(clock: &str) -> Timestamp {
        at(&format!("2019-11-06T{clock}:00-08:00"))
    }

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: EntityId::new(id),
            name: name.to_owned(),
            ..Person::default()
        }
    }

    fn event(
        id: &str,
        when: Timestamp,
        kind: EventKind,
        actor: Option<&str>,
        text: &str,
    ) -> TimelineEvent {
        TimelineEvent {
            id: EntityId::new(id),
            at: Some(when),
            text: text.to_owned(),
            kind,
            actor: actor.map(EntityId::new),
            visibility: Visibility::Public,
            ..TimelineEvent::default()
        }
    }

    fn key(mut event: TimelineEvent) -> TimelineEvent {
        event.key = true;
        event
    }

    fn until(mut event: TimelineEvent, end: Timestamp) -> TimelineEvent {
        event.end = Some(end);
        event
    }

    fn hypothesis(
        id: &str,
        statement: &str,
        raised: Timestamp,
        status: HypothesisStatus,
        settled: Option<Timestamp>,
    ) -> Hypothesis {
        Hypothesis {
            id: EntityId::new(id),
            statement: statement.to_owned(),
            raised_by: Some(EntityId::new("p1")),
            raised_at: Some(raised),
            status,
            status_changed_at: settled,
            visibility: Visibility::Public,
            ..Hypothesis::default()
        }
    }

    fn window(start: Timestamp, end: Timestamp, affected: &str) -> ImpactWindow {
        ImpactWindow {
            id: EntityId::new(format!("w{}", start.timestamp())),
            start: Some(start),
            end: Some(end),
            affected: affected.to_owned(),
            magnitude: "1–3% of requests rejected".to_owned(),
        }
    }

    fn review(people: Vec<Person>, timeline: Vec<TimelineEvent>) -> Review {
        Review {
            id: ReviewId::new("r1"),
            title: "Ingest brownouts".to_owned(),
            incident: IncidentWindow {
                time_zone: "America/Los_Angeles".to_owned(),
                ..IncidentWindow::default()
            },
            people,
            timeline,
            ..Review::default()
        }
    }

    /// The slow memory leak: a night of brownouts, a provider theory held for five hours.
    fn sample() -> Review {
        use EventKind::*;
        let people = vec![
            person("p1", "Avery On-Call"),
            person("p2", "Jordan Fresh-Eyes"),
            person("p3", "Riley from Storage"),
            person("p4", "Casey (Communications lead for the EMEA region)"),
            person("p5", "Morgan Incident-Commander"),
            person("p6", "Quinn (never acted)"),
        ];
        let timeline = vec![
            key(event(
                "e1",
                pst("02:22"),
                Alert,
                Some("p1"),
                "SLO burn alert for ingest success rate pages the on-call engineer.",
            )),
            event(
                "e2",
                pst("02:26"),
                Observation,
                Some("p1"),
                "Error rate back to normal; hosts restarted by the orchestrator.",
            ),
            until(
                event(
                    "e3",
                    pst("02:30"),
                    Communication,
                    Some("p4"),
                    "Status page: investigating elevated errors.",
                ),
                pst("02:45"),
            ),
            key(until(
                event(
                    "e4",
                    pst("03:00"),
                    Hypothesis,
                    Some("p1"),
                    "Responders suspect the cloud provider's load balancers.",
                ),
                pst("07:30"),
            )),
            event(
                "e5",
                pst("03:05"),
                Escalation,
                Some("p1"),
                "Ticket opened with the provider.",
            ),
            event(
                "e6",
                pst("03:20"),
                Decision,
                Some("p5"),
                "Wait for the provider before changing anything.",
            ),
            event(
                "e7",
                pst("04:10"),
                Observation,
                None,
                "Dashboard shows memory rising on every ingest host.",
            ),
            key(event(
                "e8",
                pst("05:10"),
                Alert,
                Some("p1"),
                "Second brownout: SLO burn alert pages again.",
            )),
            event(
                "e9",
                pst("05:14"),
                Action,
                Some("p1"),
                "Restart ingest hosts by hand.",
            ),
            event(
                "e10",
                pst("05:20"),
                Communication,
                Some("p4"),
                "Status page updated: second period of errors.",
            ),
            event(
                "e11",
                pst("05:31"),
                Detection,
                Some("p3"),
                "Storage team notices write latency on ingest.",
            ),
            event(
                "e12",
                pst("06:00"),
                Observation,
                Some("p3"),
                "Heap graphs show a sawtooth with a four-hour period.",
            ),
            key(event(
                "e13",
                pst("07:05"),
                Detection,
                Some("p2"),
                "Jordan notices every host's memory rises in step.",
            )),
            event(
                "e14",
                pst("07:20"),
                DeployOrChange,
                Some("p2"),
                "Finds the compression library upgrade deployed yesterday.",
            ),
            key(event(
                "e15",
                pst("07:40"),
                Decision,
                Some("p5"),
                "Roll back the compression library upgrade.",
            )),
            until(
                event(
                    "e16",
                    pst("07:45"),
                    DeployOrChange,
                    Some("p2"),
                    "Rollback deployed across the fleet.",
                ),
                pst("08:20"),
            ),
            key(event(
                "e17",
                pst("08:30"),
                Mitigation,
                Some("p2"),
                "Memory flat on all hosts after the rollback.",
            )),
            event(
                "e18",
                pst("09:00"),
                Communication,
                Some("p4"),
                "Status page: monitoring.",
            ),
            key(event(
                "e19",
                pst("09:40"),
                Resolution,
                Some("p5"),
                "Incident resolved.",
            )),
            event("e20", pst("09:42"), Other, None, "Retro scheduled."),
        ];
        let mut review = review(people, timeline);
        review.incident.start = Some(pst("02:20"));
        review.incident.end = Some(pst("09:45"));
        review.impact = Impact {
            statement: String::new(),
            windows: vec![
                window(pst("02:20"), pst("02:40"), "ingest API"),
                window(pst("05:10"), pst("05:30"), "ingest API"),
            ],
            ..Impact::default()
        };
        review.hypotheses = vec![
            hypothesis(
                "h1",
                "The provider's load balancers are dropping connections.",
                pst("03:00"),
                HypothesisStatus::Falsified,
                Some(pst("08:10")),
            ),
            hypothesis(
                "h2",
                "A memory leak in the new compression library.",
                pst("07:05"),
                HypothesisStatus::Supported,
                Some(pst("08:30")),
            ),
            hypothesis(
                "h3",
                "Storage latency makes the leak worse.",
                pst("06:00"),
                HypothesisStatus::Open,
                None,
            ),
            hypothesis(
                "h4",
                "Noisy neighbours on the hosts.",
                pst("04:00"),
                HypothesisStatus::Abandoned,
                Some(pst("04:40")),
            ),
        ];
        review
    }

    fn options() -> ChartOptions {
        ChartOptions {
            zone: "America/Los_Angeles".to_owned(),
            id_prefix: "chart".to_owned(),
            ..ChartOptions::default()
        }
    }

    fn render(review: &Review, options: &ChartOptions) -> String {
        render_timeline_svg(review, &BundledZones, options)
    }

    fn chart(review: &Review, options: &ChartOptions) -> Chart {
        layout(review, &BundledZones, options).expect("something to draw")
    }

    fn lane_names(chart: &Chart) -> Vec<String> {
        chart.lanes.iter().map(|l| l.name.text.clone()).collect()
    }

    fn tick_times(chart: &Chart) -> Vec<&str> {
        chart.ticks.iter().map(|t| t.time.as_str()).collect()
    }

    /// `count` public events a minute apart from 03:00 by p1, for range tests.
    fn span_review(from: Timestamp, to: Timestamp) -> Review {
        review(
            vec![person("p1", "Avery")],
            vec![
                event("a", from, EventKind::Alert, Some("p1"), "first"),
                event("b", to, EventKind::Resolution, Some("p1"), "last"),
            ],
        )
    }

    // --- Safety. -------------------------------------------------------------------------

    const HOSTILE: [&str; 10] = [
        "</title><script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "' onmouseover='alert(1)' x='",
        "]]><!--",
        "<![CDATA[x]]><?xml-stylesheet href='evil.css'?>",
        "javascript:alert(1)",
        "&amp; &lt;b&gt; &#x3c;",
        "nul\u{0}bell\u{7}esc\u{1b}del\u{7f}c1\u{85}end\u{FFFE}\u{FFFF}",
        "<foreignObject><img src=x onerror=alert(1)></foreignObject>",
        "<a href=\"javascript:alert(1)\"><image href=\"https://evil.example/x.png\"/></a>",
    ];

    fn hostile_review() -> Review {
        let people: Vec<Person> = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, text)| person(&format!("p{i}"), text))
            .collect();
        let mut timeline = Vec::new();
        for (i, text) in HOSTILE.iter().enumerate() {
            let when = pst("03:00") + TimeDelta::minutes(i as i64 * 40);
            let kind = EventKind::ALL[i % EventKind::ALL.len()];
            timeline.push(key(event(
                &format!("k{i}"),
                when,
                kind,
                Some(&format!("p{i}")),
                text,
            )));
            timeline.push(until(
                event(&format!("d{i}"), when, kind, None, text),
                when + TimeDelta::minutes(30),
            ));
        }
        let mut review = review(people, timeline);
        review.title = HOSTILE[0].to_owned();
        review.impact.windows = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let start = pst("03:00") + TimeDelta::minutes(i as i64 * 40);
                ImpactWindow {
                    affected: (*text).to_owned(),
                    magnitude: (*text).to_owned(),
                    ..window(start, start + TimeDelta::minutes(10), text)
                }
            })
            .collect();
        review.hypotheses = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let raised = pst("03:00") + TimeDelta::minutes(i as i64 * 30);
                let status = HypothesisStatus::ALL[i % 4];
                let mut h = hypothesis(
                    &format!("h{i}"),
                    text,
                    raised,
                    status,
                    Some(raised + TimeDelta::hours(1)),
                );
                h.raised_by = Some(EntityId::new(format!("p{i}")));
                h
            })
            .collect();
        review
    }

    #[test]
    fn hostile_text_everywhere_stays_text() {
        let review = hostile_review();
        let options = ChartOptions {
            zone: HOSTILE[1].to_owned(),
            id_prefix: HOSTILE[1].to_owned(),
            ..options()
        };
        let svg = render(&review, &options);
        let root = assert_inert(&svg);

        // Nothing that XML forbids, and no raw controls.
        assert!(!svg.contains(['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{FFFE}']));
        // Escaped once, not twice and not zero times.
        assert!(svg.contains("&amp;amp; &amp;lt;b&amp;gt; &amp;#x3c;"));
        assert!(svg.contains("&lt;/title&gt;&lt;script&gt;"));
        assert!(svg.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"));
        assert!(svg.contains("&#39; onmouseover=&#39;alert(1)&#39; x=&#39;"));
        // The payloads come back, as text, when the document is read.
        let texts: Vec<String> = root.descendants().into_iter().map(El::own_text).collect();
        for payload in HOSTILE {
            let expected = one_line(payload);
            assert!(
                texts.iter().any(|t| t.contains(&expected)),
                "{expected:?} missing"
            );
        }
        assert!(texts.iter().any(|t| t.contains("nulbellescdelc1 end")));
        // The hostile zone name is shown (escaped) and UTC is used instead.
        assert!(texts
            .iter()
            .any(|t| t.starts_with("Times in UTC (“\"><svg onload")));
        // The hostile id prefix was reduced to safe characters.
        assert_eq!(
            root.attr("aria-labelledby"),
            Some("svgonloadalert1-title svgonloadalert1-desc")
        );
    }

    #[test]
    fn empty_state_is_inert_too() {
        let mut nothing = review(vec![person("p1", "<b>")], vec![]);
        nothing.title = "</title><script>".to_owned();
        let svg = render(
            &nothing,
            &ChartOptions {
                id_prefix: "<x>".to_owned(),
                ..options()
            },
        );
        let root = assert_inert(&svg);
        assert!(root.all("text")[0]
            .own_text()
            .contains("No events with a time"));
        assert_eq!(root.attr("aria-labelledby"), Some("x-title x-desc"));
    }

    #[test]
    fn escaping_and_cleaning() {
        assert_eq!(Attr("a<b>&\"c'").to_string(), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(Attr("x\u{0}y\u{FFFF}z\nw").to_string(), "xyz w");
        assert_eq!(one_line("  two\n\tlines \u{1}here  "), "two lines here");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab  cdef", 4), "ab…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("ééééé", 3).chars().count(), 3);
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        let n = |v: f64| N(v).to_string();
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.34), "12.3");
        assert_eq!(n(0.96), "1");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(-3.21), "-3.2");
        assert_eq!(n(-0.5), "-0.5");
    }

    #[test]
    fn id_prefixes_are_sanitised() {
        assert_eq!(Ids::new("review-42_a").title, "review-42_a-title");
        assert_eq!(Ids::new("my chart!").desc, "mychart-desc");
        assert_eq!(Ids::new("9lives").title, "t-9lives-title");
        assert_eq!(Ids::new("").title, "timeline-title");
        let a = render(
            &sample(),
            &ChartOptions {
                id_prefix: "a".into(),
                ..options()
            },
        );
        let b = render(
            &sample(),
            &ChartOptions {
                id_prefix: "b".into(),
                ..options()
            },
        );
        assert!(a.contains("id=\"a-title\"") && b.contains("id=\"b-title\""));
        assert!(!b.contains("id=\"a-"));
    }

    // --- Axis. ---------------------------------------------------------------------------

    #[test]
    fn tick_steps_are_round_and_fit_the_width() {
        let plot = 960.0 - 960.0 * 0.17 - RIGHT_MARGIN;
        // Spans as the chart pads them (3% each side).
        let padded = |seconds: i64| seconds * 106 / 100;
        assert_eq!(choose_tick_step(padded(10 * 60), plot), 60);
        assert_eq!(choose_tick_step(padded(8 * 3600), plot), 3600);
        assert_eq!(choose_tick_step(padded(3 * DAY), plot), 12 * 3600);
        assert_eq!(choose_tick_step(45, plot), 10);
        assert_eq!(choose_tick_step(3 * 365 * DAY, plot), 182 * DAY);
        assert_eq!(choose_tick_step(40 * 365 * DAY, plot), 4 * 364 * DAY);
        // Narrow charts take coarser steps.
        assert_eq!(choose_tick_step(8 * 3600, 300.0), 2 * 3600);
        for span in [60, 3600, 5 * 3600, 40 * 3600, 20 * DAY] {
            let step = choose_tick_step(span, plot);
            assert!(span as f64 / step as f64 <= (plot / MIN_TICK_PX).floor());
        }
    }

    #[test]
    fn ten_minutes_tick_every_minute() {
        let chart = chart(&span_review(pst("03:00"), pst("03:10")), &options());
        let expected: Vec<String> = (0..=10).map(|m| format!("03:{m:02}")).collect();
        assert_eq!(tick_times(&chart), expected);
        assert_eq!(chart.ticks[0].date.as_deref(), Some("2019-11-06"));
        assert!(chart.ticks[1..].iter().all(|t| t.date.is_none()));
    }

    #[test]
    fn eight_hours_tick_every_hour() {
        let chart = chart(&span_review(pst("01:00"), pst("09:00")), &options());
        assert_eq!(
            tick_times(&chart),
            ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00"]
        );
        let xs: Vec<f64> = chart.ticks.iter().map(|t| t.x).collect();
        let gaps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps
            .iter()
            .all(|g| (g - gaps[0]).abs() < 0.01 && *g >= MIN_TICK_PX));
    }

    #[test]
    fn three_days_tick_every_twelve_hours_with_dates_at_midnight() {
        let chart = chart(
            &span_review(
                at("2019-11-06T00:00:00-08:00"),
                at("2019-11-09T00:00:00-08:00"),
            ),
            &options(),
        );
        assert_eq!(
            tick_times(&chart),
            ["00:00", "12:00", "00:00", "12:00", "00:00", "12:00", "00:00"]
        );
        let dates: Vec<Option<&str>> = chart.ticks.iter().map(|t| t.date.as_deref()).collect();
        assert_eq!(
            dates,
            [
                Some("2019-11-06"),
                None,
                Some("2019-11-07"),
                None,
                Some("2019-11-08"),
                None,
                Some("2019-11-09")
            ]
        );
        // Titles carry the date when the chart spans days.
        let svg = render(
            &span_review(
                at("2019-11-06T00:00:00-08:00"),
                at("2019-11-09T00:00:00-08:00"),
            ),
            &options(),
        );
        assert!(svg.contains("<title>2019-11-06 00:00 PST — Alert — first</title>"));
    }

    #[test]
    fn three_weeks_tick_by_days_with_the_year_once() {
        let chart = chart(
            &span_review(
                at("2019-12-20T09:00:00-08:00"),
                at("2020-01-10T09:00:00-08:00"),
            ),
            &options(),
        );
        let times = tick_times(&chart);
        assert_eq!(times[..3], ["12-20", "12-22", "12-24"]);
        let years: Vec<&str> = chart
            .ticks
            .iter()
            .filter_map(|t| t.date.as_deref())
            .collect();
        assert_eq!(years, ["2019", "2020"]);
    }

    #[test]
    fn ticks_fall_on_local_round_times_in_half_hour_zones() {
        let chart = chart(
            &span_review(at("2024-01-01T00:00:00Z"), at("2024-01-01T08:00:00Z")),
            &ChartOptions {
                zone: "Asia/Kolkata".to_owned(),
                ..options()
            },
        );
        assert_eq!(tick_times(&chart)[0], "06:00");
        assert!(chart.header.ends_with("Asia/Kolkata, UTC+05:30"));
    }

    #[test]
    fn a_clock_change_shows_both_offsets() {
        // Fall back in Los Angeles: 01:00 happens twice.
        let review = span_review(
            at("2019-11-02T22:00:00-07:00"),
            at("2019-11-03T04:00:00-08:00"),
        );
        let chart = chart(&review, &options());
        assert_eq!(
            chart.header,
            "Times in America/Los_Angeles, UTC-07:00 → UTC-08:00"
        );
        assert_eq!(
            tick_times(&chart).iter().filter(|t| **t == "01:00").count(),
            2
        );
        assert_eq!(chart.clock_changes.len(), 1);
        assert!(chart.clock_changes[0]
            .title
            .contains("2019-11-03 01:00 PST (UTC-08:00)"));
        let svg = render(&review, &options());
        assert_inert(&svg);
        assert!(svg.contains("from 2019-11-02 22:00 PDT to 2019-11-03 04:00 PST"));
    }

    #[test]
    fn unknown_zone_falls_back_to_utc_and_says_so() {
        let chart = chart(
            &sample(),
            &ChartOptions {
                zone: "Mars/Olympus".into(),
                ..options()
            },
        );
        assert_eq!(
            chart.header,
            "Times in UTC (“Mars/Olympus” is not a time zone known here)"
        );
        assert_eq!(chart.ticks[0].time, "11:00");
    }

    // --- Range. --------------------------------------------------------------------------

    #[test]
    fn full_range_pads_the_whole_review() {
        let (start, end) = full_range(&sample()).unwrap();
        let span = (pst("09:45") - pst("02:20")).num_seconds();
        let pad = (pst("02:20") - start).num_seconds();
        assert_eq!(pad, (end - pst("09:45")).num_seconds());
        assert!(pad * 100 >= span * 3 && pad * 100 < span * 3 + 100);
        // Drawing the full range explicitly is drawing the default.
        let zoomed = ChartOptions {
            range: Some((start, end)),
            ..options()
        };
        assert_eq!(render(&sample(), &zoomed), render(&sample(), &options()));
        // A single instant still gets a readable span.
        let one = span_review(pst("03:00"), pst("03:00"));
        let (a, b) = full_range(&one).unwrap();
        assert!((b - a).num_minutes() >= 10);
        assert_eq!(full_range(&review(vec![], vec![])), None);
    }

    #[test]
    fn range_counts_incident_impact_and_hypotheses() {
        let mut r = review(vec![], vec![]);
        r.hypotheses = vec![hypothesis(
            "h",
            "x",
            pst("01:00"),
            HypothesisStatus::Falsified,
            Some(pst("11:00")),
        )];
        r.impact.windows = vec![window(pst("00:30"), pst("00:40"), "api")];
        r.incident.end = Some(pst("12:00"));
        let (start, end) = full_range(&r).unwrap();
        assert!(start < pst("00:30") && end > pst("12:00"));
        // Only a hypothesis and an impact window: axis, bands and bars, no lanes.
        let chart = chart(&r, &options());
        assert!(chart.lanes.is_empty() && chart.note.is_some());
        assert_inert(&render(&r, &options()));
    }

    #[test]
    fn zoom_clips_marks() {
        let review = review(
            vec![person("p1", "Avery")],
            vec![
                event(
                    "a",
                    pst("03:00"),
                    EventKind::Alert,
                    Some("p1"),
                    "before the zoom",
                ),
                until(
                    event(
                        "b",
                        pst("03:30"),
                        EventKind::Action,
                        Some("p1"),
                        "runs into the zoom",
                    ),
                    pst("04:30"),
                ),
                event(
                    "c",
                    pst("05:00"),
                    EventKind::Observation,
                    Some("p1"),
                    "inside the zoom",
                ),
                event(
                    "d",
                    pst("07:00"),
                    EventKind::Decision,
                    Some("p1"),
                    "after the zoom",
                ),
            ],
        );
        let options = ChartOptions {
            range: Some((pst("04:00"), pst("06:00"))),
            ..options()
        };
        let chart = chart(&review, &options);
        let marks = &chart.lanes[0].marks;
        assert_eq!(marks.len(), 2);
        // The running action shows as a bar from the left edge, with no point.
        assert!(!marks[0].point);
        assert_eq!(marks[0].bar.map(|(x0, _)| x0), Some(chart.left));
        assert!(marks[1].point && marks[1].x > chart.left && marks[1].x < chart.right);
        let svg = render(&review, &options);
        assert_inert(&svg);
        assert!(svg.contains("inside the zoom") && svg.contains("runs into the zoom"));
        assert!(!svg.contains("before the zoom") && !svg.contains("after the zoom"));
        assert!(svg.contains("Timeline of 2 events by 1 person from 04:00 to 06:00 PST"));
    }

    #[test]
    fn zoom_clips_impact_windows_and_hypotheses() {
        let options = ChartOptions {
            range: Some((pst("06:00"), pst("09:00"))),
            ..options()
        };
        let chart = chart(&sample(), &options);
        assert!(
            chart.bands.is_empty(),
            "both impact windows end before 06:00"
        );
        let bars = &chart.hypotheses.as_ref().unwrap().bars;
        let statements: Vec<&str> = bars
            .iter()
            .filter_map(|b| b.label.as_ref())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(bars.len(), 3, "{statements:?}");
        assert!(bars
            .iter()
            .all(|b| b.x0 >= chart.left && b.x1 <= chart.right));
        // Raised before the zoom: clipped at the left edge.
        assert_eq!(bars[0].x0, chart.left);
    }

    // --- Lanes. --------------------------------------------------------------------------

    #[test]
    fn lanes_follow_people_order_and_not_attributed_only_when_needed() {
        let people = vec![
            person("p1", "Avery"),
            person("p2", "Jordan"),
            person("p3", "Riley"),
        ];
        let attributed = vec![
            event(
                "a",
                pst("03:00"),
                EventKind::Alert,
                Some("p2"),
                "Jordan first",
            ),
            event(
                "b",
                pst("03:10"),
                EventKind::Action,
                Some("p1"),
                "then Avery",
            ),
        ];
        let chart_of =
            |timeline: Vec<TimelineEvent>| chart(&review(people.clone(), timeline), &options());
        assert_eq!(
            lane_names(&chart_of(attributed.clone())),
            ["Avery", "Jordan"]
        );

        let mut with_anonymous = attributed.clone();
        with_anonymous.push(event(
            "c",
            pst("03:20"),
            EventKind::Observation,
            None,
            "nobody",
        ));
        assert_eq!(
            lane_names(&chart_of(with_anonymous)),
            ["Avery", "Jordan", "Not attributed"]
        );

        // Someone not in the people list cannot be attributed either.
        let mut with_stranger = attributed;
        with_stranger.push(event(
            "d",
            pst("03:30"),
            EventKind::Observation,
            Some("ghost"),
            "?",
        ));
        let chart = chart_of(with_stranger);
        assert_eq!(lane_names(&chart), ["Avery", "Jordan", "Not attributed"]);
        assert_eq!(chart.lanes[2].marks.len(), 1);

        // The sample: people order, Quinn (who never acted) left out, anonymous events last.
        let full = self::chart(&sample(), &options());
        let whole_names: Vec<&str> = full
            .lanes
            .iter()
            .map(|l| l.full_name.as_deref().unwrap_or(&l.name.text))
            .collect();
        assert_eq!(
            whole_names,
            [
                "Avery On-Call",
                "Jordan Fresh-Eyes",
                "Riley from Storage",
                "Casey (Communications lead for the EMEA region)",
                "Morgan Incident-Commander",
                "Not attributed"
            ]
        );
    }

    #[test]
    fn long_names_are_shortened_with_the_whole_name_in_a_tooltip() {
        let chart = chart(&sample(), &options());
        let casey = chart
            .lanes
            .iter()
            .find(|l| l.name.text.starts_with("Casey"))
            .unwrap();
        assert!(casey.name.text.ends_with('…'));
        assert!(text_width(&casey.name.text, FONT) <= chart.left - PAD - 10.0);
        assert_eq!(
            casey.full_name.as_deref(),
            Some("Casey (Communications lead for the EMEA region)")
        );
        let root = assert_inert(&render(&sample(), &options()));
        let label = root
            .all("text")
            .into_iter()
            .find(|t| t.own_text().starts_with("Casey"))
            .unwrap();
        assert_eq!(
            label.title().as_deref(),
            Some("Casey (Communications lead for the EMEA region)")
        );
    }

    #[test]
    fn internal_items_are_left_out_of_the_public_chart() {
        let mut review = sample();
        review.people.push(person("p7", "Secret Sam"));
        let mut secret = key(event(
            "s1",
            pst("04:00"),
            EventKind::Action,
            Some("p7"),
            "INTERNAL-EVENT restarts the database",
        ));
        secret.visibility = Visibility::Internal;
        review.timeline.push(secret);
        let mut theory = hypothesis(
            "hs",
            "INTERNAL-HYPOTHESIS about a colleague",
            pst("04:00"),
            HypothesisStatus::Open,
            None,
        );
        theory.visibility = Visibility::Internal;
        review.hypotheses.push(theory);
        // An internal event far outside the rest must not stretch the public range either.
        let mut late = event(
            "s2",
            pst("23:00"),
            EventKind::Other,
            Some("p1"),
            "INTERNAL-LATE",
        );
        late.visibility = Visibility::Internal;
        review.timeline.push(late);

        let internal = render(&review, &options());
        assert!(internal.contains("INTERNAL-EVENT") && internal.contains("INTERNAL-HYPOTHESIS"));
        assert!(internal.contains("Secret Sam"));

        let public_options = ChartOptions {
            include_internal: false,
            ..options()
        };
        let public = render(&review, &public_options);
        assert_inert(&public);
        assert!(!public.contains("INTERNAL"));
        assert!(
            !public.contains("Secret Sam"),
            "no lane for someone only in internal events"
        );
        assert_eq!(public, render(&sample(), &public_options));
    }

    // --- Marks and labels. ---------------------------------------------------------------

    #[test]
    fn every_mark_has_a_tooltip_and_only_key_events_have_labels() {
        let review = sample();
        let svg = render(&review, &options());
        let root = assert_inert(&svg);
        let titles: Vec<String> = root.all("title").iter().map(|t| t.own_text()).collect();
        assert!(titles.contains(&"02:22 PST — Alert — SLO burn alert for ingest success rate pages the on-call engineer.".to_owned()));
        assert!(titles.contains(&"03:00–07:30 PST — Hypothesis — Responders suspect the cloud provider's load balancers.".to_owned()));
        for event in &review.timeline {
            assert!(
                titles.iter().any(|t| t.ends_with(&event.text)),
                "{}",
                event.id
            );
        }
        let labels: Vec<String> = root.all("text").iter().map(|t| t.own_text()).collect();
        for event in &review.timeline {
            let shown = truncate(&event.text, KEY_LABEL_CHARS);
            if !event.key {
                assert!(!labels.contains(&shown), "{} is not key", event.id);
            }
        }
        assert!(labels.contains(&"SLO burn alert for ingest success rate…".to_owned()));
        assert!(labels.contains(&"Incident resolved.".to_owned()));
        assert!(labels.contains(&"Impact: ingest API".to_owned()));
        assert!(
            labels.contains(&"Falsified: The provider's load balancers are dropping…".to_owned())
                || labels
                    .iter()
                    .any(|l| l.starts_with("Falsified: The provider"))
        );
        let desc = root.all("desc")[0].own_text();
        assert_eq!(
            desc,
            "Timeline of 20 events by 5 people from 02:20 to 09:45 PST, 2 impact windows, 4 hypotheses. Times in America/Los_Angeles, UTC-08:00."
        );
    }

    #[test]
    fn crowded_key_labels_alternate_rows_and_the_rest_keep_their_tooltip() {
        let timeline: Vec<TimelineEvent> = (0..30)
            .map(|i| {
                key(event(
                    &format!("k{i}"),
                    pst("03:00") + TimeDelta::minutes(i * 2),
                    EventKind::Decision,
                    Some("p1"),
                    &format!("Decision number {i} with a longer description"),
                ))
            })
            .collect();
        let review = review(vec![person("p1", "Avery")], timeline);
        let chart = chart(&review, &options());
        let lane = &chart.lanes[0];
        assert!(
            lane.labels.len() >= 2 && lane.labels.len() < 10,
            "{}",
            lane.labels.len()
        );
        assert_eq!(lane.height, 2.0 * ROW_H + MARK_ROW_H);
        // Labels above the marks and below them, none overlapping in its row.
        let above: Vec<&KeyLabel> = lane
            .labels
            .iter()
            .filter(|l| l.label.y < lane.mark_y)
            .collect();
        assert!(!above.is_empty() && above.len() < lane.labels.len());
        for row in [true, false] {
            let spans: Vec<(f64, f64)> = lane
                .labels
                .iter()
                .filter(|l| (l.label.y < lane.mark_y) == row)
                .map(|l| text_span(&l.label))
                .collect();
            for (i, a) in spans.iter().enumerate() {
                for b in &spans[i + 1..] {
                    assert!(a.1 <= b.0 || b.1 <= a.0, "{a:?} overlaps {b:?}");
                }
            }
        }
        // Leader lines join each label to its mark.
        for label in &lane.labels {
            assert!(label.leader_top < label.leader_bottom);
        }
        let svg = render(&review, &options());
        for i in 0..30 {
            assert!(svg.contains(&format!(
                "Decision number {i} with a longer description</title>"
            )));
        }
    }

    #[test]
    fn a_hypothesis_timed_only_by_its_event_is_drawn_and_counted() {
        let mut r = sample();
        let before = chart(&r, &options()).hypotheses.unwrap().bars.len();
        let mut linked = hypothesis(
            "h5",
            "The deploy at 02:10 started it.",
            pst("00:00"),
            HypothesisStatus::Open,
            None,
        );
        linked.raised_at = None;
        linked.raised_in_event = Some(r.timeline[0].id.clone());
        r.hypotheses.push(linked);
        let drawn = chart(&r, &options());
        let bars = &drawn.hypotheses.as_ref().unwrap().bars;
        assert_eq!(bars.len(), before + 1);
        assert!(bars.iter().any(|b| b.title.contains("The deploy at 02:10")));
        let svg = render(&r, &options());
        assert!(
            svg.contains(&count(before + 1, "hypothesis", "hypotheses")),
            "{svg}"
        );
    }

    #[test]
    fn inexact_times_are_drawn_dashed_and_named_in_their_tooltips() {
        let mut r = sample();
        r.timeline[0].time_known = TimeKnown::About;
        r.timeline[1].time_known = TimeKnown::Before;
        let latest = r.timeline[2].at.unwrap() + TimeDelta::minutes(40);
        r.timeline[2].time_known = TimeKnown::Between { latest };
        let drawn = chart(&r, &options());
        let marks: Vec<&Mark> = drawn.lanes.iter().flat_map(|l| &l.marks).collect();
        let uncertain: Vec<(f64, f64)> = marks.iter().filter_map(|m| m.uncertain).collect();
        assert_eq!(uncertain.len(), 3);
        let before = marks
            .iter()
            .find(|m| m.title.as_deref().is_some_and(|t| t.starts_with("before ")))
            .expect("a 'before' tooltip");
        assert_eq!(before.uncertain.unwrap().1, before.x);
        assert!(marks
            .iter()
            .any(|m| m.title.as_deref().is_some_and(|t| t.starts_with('~'))));
        assert!(drawn
            .legend
            .iter()
            .any(|item| item.symbol == Symbol::Uncertain));
        let svg = render(&r, &options());
        assert!(svg.contains("stroke-dasharray=\"3 2\""));
        assert_inert(&svg);
        // Known only to its day, an event is not drawn: on a chart of hours it would be a
        // line across everything.
        let drawn_before = marks.len();
        r.timeline[3].time_known = TimeKnown::Day;
        let without = chart(&r, &options());
        assert_eq!(
            without.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
            drawn_before - 1
        );
    }

    #[test]
    fn an_empty_public_chart_says_nothing_is_shown_rather_than_nothing_has_a_time() {
        let mut r = review(
            vec![],
            vec![event(
                "e",
                pst("22:10"),
                EventKind::Detection,
                None,
                "Paged",
            )],
        );
        r.timeline[0].visibility = Visibility::Internal;
        r.incident.start = Some(pst("21:30"));
        let public = ChartOptions {
            include_internal: false,
            ..options()
        };
        let drawn = chart(&r, &public);
        assert_eq!(
            drawn.note.unwrap().text,
            "No timeline events are shown in this version."
        );
        assert!(chart(&r, &options()).lanes.len() == 1);
    }

    #[test]
    fn open_hypotheses_run_to_the_edge_with_an_arrow() {
        let chart = chart(&sample(), &options());
        let band = chart.hypotheses.as_ref().unwrap();
        let open = band
            .bars
            .iter()
            .find(|b| b.status == HypothesisStatus::Open)
            .unwrap();
        assert!(open.continues);
        assert_eq!(open.x1, chart.right);
        assert!(open.title.contains("06:00 PST onwards — still open"));
        let falsified = band
            .bars
            .iter()
            .find(|b| b.status == HypothesisStatus::Falsified)
            .unwrap();
        assert!(!falsified.continues && falsified.x1 < chart.right);
        assert!(falsified
            .title
            .starts_with("03:00–08:10 PST — Falsified — The provider"));
        assert!(falsified.title.ends_with("raised by Avery On-Call"));
        // Bars sharing a row never overlap, labels included.
        for (i, a) in band.bars.iter().enumerate() {
            for b in band.bars.iter().skip(i + 1).filter(|b| b.y == a.y) {
                assert!(a.x1 < b.x0 || b.x1 < a.x0);
            }
        }
    }

    #[test]
    fn legend_names_every_kind_shown_and_the_statuses() {
        let chart = chart(&sample(), &options());
        let texts: Vec<&str> = chart.legend.iter().map(|i| i.text.as_str()).collect();
        for kind in EventKind::ALL {
            assert!(texts.contains(&kind.label()), "{kind:?}");
        }
        for text in [
            "Key event (larger, labelled)",
            "Event with a duration",
            "Impact window",
            "Hypothesis open",
            "Hypothesis falsified",
            "Hypothesis supported",
            "Hypothesis abandoned",
        ] {
            assert!(texts.contains(&text), "{text}");
        }
        assert!(chart
            .legend
            .iter()
            .all(|i| i.x + 22.0 + text_width(&i.text, SMALL) <= chart.width));
        // Only kinds present.
        let few = chart_of_kinds(&[EventKind::Alert]);
        assert_eq!(
            few.legend
                .iter()
                .map(|i| i.text.as_str())
                .collect::<Vec<_>>(),
            ["Alert"]
        );
    }

    fn chart_of_kinds(kinds: &[EventKind]) -> Chart {
        let timeline = kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                event(
                    &format!("e{i}"),
                    pst("03:00") + TimeDelta::minutes(i as i64),
                    *kind,
                    Some("p1"),
                    "x",
                )
            })
            .collect();
        chart(&review(vec![person("p1", "Avery")], timeline), &options())
    }

    // --- Scale and determinism. ----------------------------------------------------------

    fn big_review(events: usize) -> Review {
        let people: Vec<Person> = (0..10)
            .map(|i| person(&format!("p{i}"), &format!("Responder {i}")))
            .collect();
        let timeline = (0..events)
            .map(|i| {
                let when = pst("01:00") + TimeDelta::seconds((i as i64 * 8 * 3600) / events as i64);
                let actor = (i % 11 != 10).then(|| format!("p{}", i % 10));
                let kind = EventKind::ALL[(i * 7) % EventKind::ALL.len()];
                if i % 100 == 0 {
                    key(event(
                        &format!("e{i}"),
                        when,
                        kind,
                        actor.as_deref(),
                        &format!("Milestone {i}: something worth a label"),
                    ))
                } else if i % 37 == 0 {
                    until(
                        event(
                            &format!("e{i}"),
                            when,
                            kind,
                            actor.as_deref(),
                            &format!("routine span {i}"),
                        ),
                        when + TimeDelta::minutes(20),
                    )
                } else {
                    event(
                        &format!("e{i}"),
                        when,
                        kind,
                        actor.as_deref(),
                        &format!("routine event {i} with some ordinary words"),
                    )
                }
            })
            .collect();
        let mut review = review(people, timeline);
        review.impact.windows = vec![window(pst("02:00"), pst("03:00"), "ingest API")];
        review.hypotheses = sample().hypotheses;
        review
    }

    #[test]
    fn five_thousand_events_stay_lean() {
        let review = big_review(5000);
        let svg = render(&review, &options());
        assert!(svg.len() < 400_000, "{} bytes", svg.len());
        let root = assert_inert(&svg);
        assert!(!svg.contains("routine"), "no text of ordinary events");
        let texts = root.all("text");
        let labels = texts
            .iter()
            .filter(|t| t.own_text().starts_with("Milestone"))
            .count();
        assert!(labels > 0 && labels <= 50, "{labels}");
        assert!(texts.len() < 50 + 60, "{} text elements", texts.len());
        // Every key event keeps its own tooltip; the rest are counted per lane and kind.
        assert_eq!(
            root.all("title")
                .iter()
                .filter(|t| t.own_text().contains("Milestone"))
                .count(),
            50
        );
        assert!(svg.contains("<title>Responder 0: "));
        let chart = chart(&review, &options());
        assert!(!chart.detailed);
        assert_eq!(
            chart.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
            5000
        );
    }

    #[test]
    fn detailed_up_to_the_budget_compact_beyond() {
        let small = render(&big_review(DETAILED_LIMIT), &options());
        assert!(small.contains("routine event 1 with some ordinary words</title>"));
        assert!(chart(&big_review(DETAILED_LIMIT), &options()).detailed);
        assert!(!chart(&big_review(DETAILED_LIMIT + 1), &options()).detailed);
        let large = render(&big_review(DETAILED_LIMIT + 1), &options());
        assert_inert(&large);
        assert!(large.len() < small.len());
    }

    #[test]
    fn same_review_same_string() {
        let review = sample();
        let first = render(&review, &options());
        assert_eq!(first, render(&review.clone(), &options()));
        let big = big_review(1500);
        assert_eq!(render(&big, &options()), render(&big, &options()));
        assert!(first.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 "));
        assert!(first
            .contains("width=\"100%\" role=\"img\" aria-labelledby=\"chart-title chart-desc\""));
    }

    #[test]
    fn height_grows_with_lanes_and_numbers_stay_compact() {
        let few = chart_of_kinds(&[EventKind::Alert]);
        let many = chart(&big_review(100), &options());
        assert!(many.height > few.height + 8.0 * MARK_ROW_H);
        // No coordinate has more than one decimal.
        let root = assert_inert(&render(&big_review(100), &options()));
        for el in root.descendants() {
            for (name, value) in el.attrs.iter().filter(|(n, _)| !n.ends_with("opacity")) {
                for number in value.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals <= 1, "{name}={value:?}");
                }
            }
        }
    }

    /// Writes the sample chart for a person to look at: `cargo test -p debrief-core --lib
    /// analysis::chart -- --ignored` then open `$TMPDIR/chart-sample.svg`.
    #[test]
    #[ignore]
    fn write_sample_for_eyeballing() {
        let dir = std::env::temp_dir();
        std::fs::write(dir.join("chart-sample.svg"), render(&sample(), &options())).unwrap();
        let big = render(&big_review(5000), &options());
        std::fs::write(dir.join("chart-5000.svg"), big).unwrap();
        let narrow = ChartOptions {
            width: 480,
            ..options()
        };
        std::fs::write(dir.join("chart-narrow.svg"), render(&sample(), &narrow)).unwrap();
        let hostile = render(&hostile_review(), &options());
        std::fs::write(dir.join("chart-hostile.svg"), hostile).unwrap();
    }
}
