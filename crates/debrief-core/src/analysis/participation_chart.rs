//! The participation charts, as self-contained SVG strings: message volume over time (one
//! row per speaker or team, alerts and presence on their own rows, impact windows and quiet
//! gaps across all of them) and the hour-by-weekday grid.
//!
//! They follow the timeline chart's rules ([`super::chart`]), and reuse its escaping and
//! text helpers so the rules cannot drift apart: only `svg`, `g`, `path`, `rect`, `text`,
//! `title` and `desc` elements with presentation attributes; every piece of user text (names,
//! teams, impact words, zone names) through `markup::Attr`; ids only from the sanitised prefix;
//! `width="100%"` with a viewBox; colours that read on light and dark backgrounds.
//!
//! No time-zone host is needed: every time in a [`Participation`] already carries the
//! incident zone's offset, so axis labels and tooltips read the incident's clock from it.
//!
//! Size: at most [`MAX_ROWS`] speakers or teams get their own row (the rest share one, and
//! the chart says so); buckets narrower than [`MIN_BAR_PX`] are drawn merged; and above
//! [`DETAILED_BARS`] bars each row is one path with one summary tooltip instead of a tooltip
//! per bar. Sixty speakers over 50,000 messages in 72 buckets come to about 180 KB.

use super::chart::{
    choose_tick_step, fit_anchor, fit_text, impact_annotation, one_line, open_chart, open_root,
    text_span, text_width, truncate, write_axis_lines, write_empty, write_text, write_tick_labels,
    Anchor, Frame, Ids, Label, Tick, TimeAxis, DAY, FONT, IMPACT_COLOUR, MAX_WIDTH, MIN_TICK_PX,
    MIN_WIDTH, N, PAD, SMALL, TICK_STEPS_SECONDS,
};
use super::participation::{Participation, Speaker, TeamVolume, SHOWN_QUIET_GAPS};
use super::people::{is_night_hour, NIGHT_END_HOUR, NIGHT_START_HOUR};
use crate::markup::Attr;
use crate::model::{Review, Timestamp};
use crate::sorting;
use crate::text::count;
use crate::time::format_duration;
use chrono::{Datelike, TimeDelta, Timelike};
use std::fmt::Write;

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Rows of the volume chart: one per speaker, or one per team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Speaker,
    Team,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationChartOptions {
    /// Width of the drawing in px: the viewBox width. The SVG itself is `width="100%"`.
    pub width: u32,
    /// Prefix for the ids inside the SVG, so charts on one page never clash. Anything but
    /// `[a-zA-Z0-9_-]` is dropped; the heatmap adds "-heatmap" to it.
    pub id_prefix: String,
    /// What the header calls the incident's clock ("America/Los_Angeles"). When the
    /// participation fell back to UTC, the header says UTC and why instead.
    pub zone_label: String,
    /// Rows of the volume chart; the heatmap has none.
    pub group_by: GroupBy,
}

impl Default for ParticipationChartOptions {
    fn default() -> Self {
        Self {
            width: 960,
            id_prefix: "participation".to_owned(),
            zone_label: "UTC".to_owned(),
            group_by: GroupBy::Speaker,
        }
    }
}

/// Message volume over time, safe to use as `innerHTML` and under a strict CSP. When there
/// are no messages, a small SVG that says so.
pub fn render_participation_svg(
    review: &Review,
    participation: &Participation,
    options: &ParticipationChartOptions,
) -> String {
    match layout(review, participation, options) {
        Some(chart) => write_volume(&chart),
        None => write_empty(
            &Ids::new(&options.id_prefix),
            chart_width(options),
            "Message volume",
            "No transcript messages to show.",
        ),
    }
}

/// Messages from people by weekday and hour on the incident's clock, with night hours
/// (22:00–06:00) marked. When nobody wrote anything, a small SVG that says so.
pub fn render_activity_heatmap_svg(
    participation: &Participation,
    options: &ParticipationChartOptions,
) -> String {
    let ids = Ids::new(&format!("{}-heatmap", options.id_prefix));
    match heatmap_layout(participation, options, ids.clone()) {
        Some(heatmap) => write_heatmap(&heatmap),
        None => write_empty(
            &ids,
            chart_width(options),
            "Messages by weekday and hour",
            "No messages from people to show.",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry (px in viewBox units).

/// Speakers or teams with their own row; the rest share an "others" row.
pub const MAX_ROWS: usize = 20;
/// Buckets narrower than this are merged, several to a bar.
pub const MIN_BAR_PX: f64 = 2.0;
/// Up to this many bars, each is its own element with a tooltip.
pub const DETAILED_BARS: usize = 2500;

const HEADER_BASELINE: f64 = 17.0;
const TICK_BASELINE: f64 = 38.0;
const DATE_BASELINE: f64 = 50.0;
const AXIS_Y: f64 = 58.0;
const ROW_H: f64 = 24.0;
const BAR_MAX_H: f64 = 17.0;
/// A bar for a single message stays visible.
const BAR_MIN_H: f64 = 1.5;
const LABEL_ROW_H: f64 = 15.0;
const LEGEND_ROW_H: f64 = 20.0;
const RIGHT_MARGIN: f64 = 16.0;
const BOTTOM_AXIS_FROM_PX: f64 = 360.0;
const TITLE_CHARS: usize = 120;

const MESSAGE_COLOUR: &str = "#4e79a7";
const ALERT_COLOUR: &str = "#f28e2b";
const PRESENT_COLOUR: &str = "#59a14f";
const OTHERS_COLOUR: &str = "#8c8c8c";

fn chart_width(options: &ParticipationChartOptions) -> f64 {
    f64::from(options.width.clamp(MIN_WIDTH, MAX_WIDTH))
}

// ---------------------------------------------------------------------------------------------
// Layout of the volume chart: everything positioned, text still raw.

#[derive(Debug)]
struct VolumeChart {
    width: f64,
    height: f64,
    ids: Ids,
    title: String,
    desc: String,
    header: String,
    left: f64,
    right: f64,
    plot_top: f64,
    plot_bottom: f64,
    ticks: Vec<Tick>,
    bottom_ticks_y: Option<f64>,
    impact: Vec<Band>,
    gaps: Vec<Band>,
    presence: Option<PresenceRow>,
    rows: Vec<Row>,
    note: Option<Label>,
    legend: Vec<LegendItem>,
    /// Every bar its own element with a tooltip (else one path per row).
    detailed: bool,
}

/// A span shaded across all rows: an impact window or a quiet gap.
#[derive(Debug)]
struct Band {
    x0: f64,
    x1: f64,
    title: String,
    label: Option<Label>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Alerts,
    Voice,
    Others,
}

#[derive(Debug)]
struct Row {
    kind: RowKind,
    name: Label,
    /// The whole name, when the label had to be shortened.
    full_name: Option<String>,
    count: Label,
    top: f64,
    baseline: f64,
    bars: Vec<Bar>,
    /// Tooltip of the row's path when bars are merged.
    summary: String,
}

#[derive(Debug)]
struct Bar {
    x: f64,
    width: f64,
    height: f64,
    title: String,
}

#[derive(Debug)]
struct PresenceRow {
    name: Label,
    count: Label,
    top: f64,
    baseline: f64,
    /// (x0, x1, height) per drawn bin.
    steps: Vec<(f64, f64, f64)>,
    title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    Messages,
    Others,
    Alerts,
    Present,
    Impact,
    Quiet,
}

#[derive(Debug)]
struct LegendItem {
    x: f64,
    y: f64,
    symbol: Symbol,
    text: String,
}

/// The buckets as drawn: consecutive buckets merged when they would be too thin.
struct Bins {
    /// Buckets per bin.
    merge: usize,
    /// (start, end) of each bin, on the incident's clock.
    spans: Vec<(Timestamp, Timestamp)>,
}

impl Bins {
    fn new(participation: &Participation, plot_px: f64) -> Option<Self> {
        let starts = &participation.bucket_starts;
        let last = *starts.last()?;
        let n = starts.len();
        let fit = ((plot_px / MIN_BAR_PX).floor() as usize).max(1);
        let merge = n.div_ceil(fit);
        let end = last + participation.bucket;
        let spans = (0..n)
            .step_by(merge)
            .map(|i| (starts[i], starts.get(i + merge).copied().unwrap_or(end)))
            .collect();
        Some(Self { merge, spans })
    }

    /// Counts per bin.
    fn sum(&self, per_bucket: &[usize]) -> Vec<usize> {
        per_bucket
            .chunks(self.merge)
            .map(|c| c.iter().sum())
            .collect()
    }
}

/// Times as the chart reads them: the clock of the incident, with the date only when the
/// chart spans days.
struct Clock {
    with_date: bool,
}

impl Clock {
    fn at(&self, t: &Timestamp) -> String {
        if self.with_date {
            t.format("%Y-%m-%d %H:%M").to_string()
        } else {
            t.format("%H:%M").to_string()
        }
    }

    /// "03:15–03:30", "2019-11-06 23:45–00:00".
    fn span(&self, a: &Timestamp, b: &Timestamp) -> String {
        format!("{}–{}", self.at(a), b.format("%H:%M"))
    }
}

/// `t` on the incident's clock, by the offset in force at the start of the bucket it falls
/// in (the nearest one outside the range): review times were recorded in whatever offset
/// the analyst typed.
fn on_clock(participation: &Participation, t: &Timestamp) -> Timestamp {
    let starts = &participation.bucket_starts;
    let i = starts.partition_point(|s| s <= t).saturating_sub(1);
    starts
        .get(i)
        .map_or(*t, |start| t.with_timezone(start.offset()))
}

fn layout(
    review: &Review,
    participation: &Participation,
    options: &ParticipationChartOptions,
) -> Option<VolumeChart> {
    let width = chart_width(options);
    let left = (width * 0.22).clamp(120.0, 230.0);
    let right = width - RIGHT_MARGIN;
    let bins = Bins::new(participation, right - left)?;
    let start = bins.spans.first()?.0;
    let end = bins.spans.last()?.1;
    let frame = Frame::new((start, end), left, right);
    let clock = Clock {
        with_date: start.date_naive() != (end - TimeDelta::seconds(1)).date_naive(),
    };
    let header = header_text(participation, options);
    let ticks = ticks(participation, &frame);

    // --- Impact windows, with one row of labels under the axis. -----------------------
    let mut impact = impact_bands(review, participation, &frame, &clock);
    let mut y = AXIS_Y + 4.0;
    let mut taken: Vec<(f64, f64)> = Vec::new();
    for band in &mut impact {
        let Some(label) = band.label.as_mut() else {
            continue;
        };
        let span = text_span(label);
        if taken
            .iter()
            .all(|&(a, b)| span.1 + 8.0 <= a || b + 8.0 <= span.0)
        {
            taken.push(span);
            label.y = y + 11.0;
        } else {
            band.label = None;
        }
    }
    if !taken.is_empty() {
        y += LABEL_ROW_H;
    }
    let plot_top = y;

    // --- Rows. --------------------------------------------------------------------------
    let plot = Plot {
        bins: &bins,
        frame: &frame,
        clock: &clock,
    };
    let mut rows = Vec::new();
    if participation.alert_count > 0 {
        let counts = bins.sum(&participation.alerts);
        let max = counts.iter().copied().max().unwrap_or(0);
        rows.push(row(
            &plot,
            RowKind::Alerts,
            "Alerts",
            participation.alert_count,
            &counts,
            max,
            y,
        ));
        y += ROW_H;
    }
    let presence = presence_row(participation, &plot, y);
    if presence.is_some() {
        y += ROW_H;
    }
    // People share one scale so their rows compare; the summed "others" row would dwarf
    // them, so it gets its own, as alerts do.
    let voices = voices(participation, options.group_by, &bins);
    let scale = |kind: RowKind| {
        voices
            .iter()
            .filter(|v| v.kind == kind)
            .flat_map(|v| v.counts.iter().copied())
            .max()
            .unwrap_or(0)
    };
    let (people_max, others_max) = (scale(RowKind::Voice), scale(RowKind::Others));
    for voice in &voices {
        let max = if voice.kind == RowKind::Others {
            others_max
        } else {
            people_max
        };
        rows.push(row(
            &plot,
            voice.kind,
            &voice.name,
            voice.total,
            &voice.counts,
            max,
            y,
        ));
        y += ROW_H;
    }
    if voices.is_empty() {
        y += ROW_H;
    }
    let plot_bottom = y;
    let bottom_ticks_y = (plot_bottom - AXIS_Y > BOTTOM_AXIS_FROM_PX).then(|| {
        y += 16.0;
        y
    });

    let gaps = gap_bands(participation, &frame, &clock);

    // --- Words. -------------------------------------------------------------------------
    let (voice_total, others) = match options.group_by {
        GroupBy::Speaker => (participation.speakers.len(), "speakers"),
        GroupBy::Team => (participation.teams.len(), "teams"),
    };
    let note_text = if voices.is_empty() {
        Some("No messages from people: only alerts, joins or channel notices.".to_owned())
    } else if voice_total > MAX_ROWS {
        Some(format!(
            "Showing the {MAX_ROWS} most active of {voice_total} {others}; the other {} share \
             the last row.",
            voice_total - MAX_ROWS
        ))
    } else {
        None
    };
    let note = note_text.map(|text| {
        y += 20.0;
        Label {
            x: PAD,
            y,
            anchor: Anchor::Start,
            text,
        }
    });

    let mut symbols = Vec::new();
    if rows.iter().any(|r| r.kind == RowKind::Voice) {
        symbols.push(Symbol::Messages);
    }
    if rows.iter().any(|r| r.kind == RowKind::Others) {
        symbols.push(Symbol::Others);
    }
    if participation.alert_count > 0 {
        symbols.push(Symbol::Alerts);
    }
    if presence.is_some() {
        symbols.push(Symbol::Present);
    }
    if !impact.is_empty() {
        symbols.push(Symbol::Impact);
    }
    if !gaps.is_empty() {
        symbols.push(Symbol::Quiet);
    }
    y += 22.0;
    let (legend, legend_rows) = flow_legend(&symbols, participation, y, width);
    y += legend_rows as f64 * LEGEND_ROW_H;

    let bars: usize = rows.iter().map(|r| r.bars.len()).sum();
    let (first, last) = participation.range?;
    let mut desc = format!(
        "Message volume of {} ({}) and {} from {} to {}, in {} buckets.",
        count(participation.speakers.len(), "speaker", "speakers"),
        count(participation.message_count, "message", "messages"),
        count(participation.alert_count, "alert", "alerts"),
        clock.at(&first),
        clock.at(&last),
        format_duration(participation.bucket * bins.merge as i32),
    );
    if let Some(note) = &note {
        desc.push(' ');
        desc.push_str(&note.text);
    }
    w!(
        desc,
        " {}, {} over {}. {header}.",
        count(impact.len(), "impact window", "impact windows"),
        count(gaps.len(), "quiet gap", "quiet gaps"),
        format_duration(participation.quiet_gap)
    );

    Some(VolumeChart {
        width,
        height: y - 6.0,
        ids: Ids::new(&options.id_prefix),
        title: truncate(
            &format!("Participation: {}", one_line(review.display_title())),
            TITLE_CHARS,
        ),
        desc,
        header,
        left,
        right,
        plot_top,
        plot_bottom,
        ticks,
        bottom_ticks_y,
        impact,
        gaps,
        presence,
        rows,
        note,
        legend,
        detailed: bars <= DETAILED_BARS,
    })
}

fn header_text(participation: &Participation, options: &ParticipationChartOptions) -> String {
    match &participation.zone_fallback {
        Some(asked) => format!(
            "Times in UTC (“{}” is not a time zone known here)",
            truncate(&one_line(asked), 40)
        ),
        None => {
            let label = one_line(&options.zone_label);
            format!(
                "Times in {}",
                if label.is_empty() {
                    participation.zone.as_str()
                } else {
                    label.as_str()
                }
            )
        }
    }
}

/// One row's worth of what is drawn.
struct Voice {
    kind: RowKind,
    name: String,
    total: usize,
    counts: Vec<usize>,
}

/// The rows of people: the [`MAX_ROWS`] most active speakers or teams, then the rest summed.
fn voices(participation: &Participation, group_by: GroupBy, bins: &Bins) -> Vec<Voice> {
    let entries: Vec<(String, usize, &[usize])> = match group_by {
        GroupBy::Speaker => participation
            .speakers
            .iter()
            .map(|s: &Speaker| (speaker_name(s), s.messages, s.volume.as_slice()))
            .collect(),
        GroupBy::Team => participation
            .teams
            .iter()
            .map(|t: &TeamVolume| {
                let name = t
                    .team
                    .as_deref()
                    .map(one_line)
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "No team".to_owned());
                (name, t.messages, t.volume.as_slice())
            })
            .collect(),
    };
    let keep = if entries.len() > MAX_ROWS {
        MAX_ROWS
    } else {
        entries.len()
    };
    let mut voices: Vec<Voice> = entries[..keep]
        .iter()
        .filter(|(_, total, _)| *total > 0)
        .map(|(name, total, volume)| Voice {
            kind: RowKind::Voice,
            name: name.clone(),
            total: *total,
            counts: bins.sum(volume),
        })
        .collect();
    let rest = &entries[keep..];
    if !rest.is_empty() {
        let mut summed = vec![0; participation.bucket_starts.len()];
        for (_, _, volume) in rest {
            for (sum, n) in summed.iter_mut().zip(volume.iter()) {
                *sum += n;
            }
        }
        let noun = match group_by {
            GroupBy::Speaker => count(rest.len(), "other", "others"),
            GroupBy::Team => count(rest.len(), "other team", "other teams"),
        };
        voices.push(Voice {
            kind: RowKind::Others,
            name: format!("{noun} (one row)"),
            total: rest.iter().map(|(_, total, _)| total).sum(),
            counts: bins.sum(&summed),
        });
    }
    voices
}

fn speaker_name(speaker: &Speaker) -> String {
    let name = one_line(&speaker.name);
    if name.is_empty() {
        "(no name)".to_owned()
    } else {
        name
    }
}

/// Label column: the name on the left, the count right-aligned against the plot.
fn row_labels(
    name: &str,
    total: usize,
    left: f64,
    baseline: f64,
) -> (Label, Option<String>, Label) {
    let total = total.to_string();
    let count_w = text_width(&total, SMALL);
    let (shown, shortened) = fit_text(name, FONT, left - PAD - 14.0 - count_w);
    (
        Label {
            x: PAD,
            y: baseline - 4.0,
            anchor: Anchor::Start,
            text: shown,
        },
        shortened.then(|| name.to_owned()),
        Label {
            x: left - 8.0,
            y: baseline - 4.0,
            anchor: Anchor::End,
            text: total,
        },
    )
}

/// What every row is drawn against.
struct Plot<'a> {
    bins: &'a Bins,
    frame: &'a Frame,
    clock: &'a Clock,
}

/// A row of bars, `max` being the count that fills a bar.
fn row(
    plot: &Plot<'_>,
    kind: RowKind,
    name: &str,
    total: usize,
    counts: &[usize],
    max: usize,
    top: f64,
) -> Row {
    let Plot { bins, frame, clock } = plot;
    let (one, many) = match kind {
        RowKind::Alerts => ("alert", "alerts"),
        RowKind::Voice | RowKind::Others => ("message", "messages"),
    };
    let baseline = top + ROW_H - 3.0;
    let mut bars = Vec::new();
    let mut busiest: Option<(usize, usize)> = None;
    for (i, (&n, (a, b))) in counts.iter().zip(&bins.spans).enumerate() {
        if n == 0 {
            continue;
        }
        if busiest.is_none_or(|(_, most)| n > most) {
            busiest = Some((i, n));
        }
        let x0 = frame.x(a);
        let x1 = frame.x(b);
        let gap = if x1 - x0 > 4.0 { 1.0 } else { 0.0 };
        bars.push(Bar {
            x: x0,
            width: (x1 - x0 - gap).max(0.5),
            height: (BAR_MAX_H * n as f64 / max.max(1) as f64).max(BAR_MIN_H),
            title: format!("{}: {}", clock.span(a, b), count(n, one, many)),
        });
    }
    let (name_label, full_name, count_label) = row_labels(name, total, frame.left, baseline);
    let mut summary = format!("{name}: {}", count(total, one, many));
    if let Some((i, n)) = busiest {
        let (a, b) = &bins.spans[i];
        w!(summary, "; most {} with {n}", clock.span(a, b));
    }
    Row {
        kind,
        name: name_label,
        full_name,
        count: count_label,
        top,
        baseline,
        bars,
        summary,
    }
}

fn presence_row(participation: &Participation, plot: &Plot<'_>, top: f64) -> Option<PresenceRow> {
    let Plot { bins, frame, clock } = plot;
    let most = participation.present.iter().copied().max()?;
    if most == 0 {
        return None;
    }
    // The count at the end of each bin.
    let at_end: Vec<usize> = participation
        .present
        .chunks(bins.merge)
        .map(|c| c.last().copied().unwrap_or(0))
        .collect();
    let baseline = top + ROW_H - 3.0;
    let steps = at_end
        .iter()
        .zip(&bins.spans)
        .map(|(&n, (a, b))| (frame.x(a), frame.x(b), BAR_MAX_H * n as f64 / most as f64))
        .collect();
    let last = *at_end.last()?;
    let peak = at_end.iter().position(|&n| n == most)?;
    let joined = participation
        .speakers
        .iter()
        .filter(|s| s.joined_at.is_some())
        .count();
    let only_joined = participation
        .speakers
        .iter()
        .filter(|s| s.only_joined)
        .count();
    let title = format!(
        "In the channel: most {most} by {}, {last} at the end; {} joined, {} of them never \
         wrote",
        clock.at(&bins.spans[peak].1),
        count(joined, "person", "people"),
        only_joined
    );
    let (name, _, count_label) = row_labels("In the channel", most, frame.left, baseline);
    Some(PresenceRow {
        name,
        count: count_label,
        top,
        baseline,
        steps,
        title,
    })
}

fn impact_bands(
    review: &Review,
    participation: &Participation,
    frame: &Frame,
    clock: &Clock,
) -> Vec<Band> {
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
        let (from, to) = (
            on_clock(participation, &start),
            on_clock(participation, &until),
        );
        let when = match end {
            Some(_) => format!("Impact {}", clock.span(&from, &to)),
            None => format!("Impact from {}, end not recorded", clock.at(&from)),
        };
        let x0 = frame.clamped_x(&start);
        let x1 = frame.clamped_x(&until).max(x0 + 2.0);
        let (title, label) = impact_annotation(when, &affected, &magnitude, (x0, x1), limit);
        bands.push(Band {
            x0,
            x1,
            title,
            label: Some(label),
        });
    }
    sorting::sort_by(&mut bands, |a, b| a.x0.total_cmp(&b.x0));
    bands
}

/// Bands for the longest gaps only: hundreds of dashed bands over a month would hide the bars.
fn gap_bands(participation: &Participation, frame: &Frame, clock: &Clock) -> Vec<Band> {
    let (gaps, _) = participation.longest_quiet_gaps(SHOWN_QUIET_GAPS);
    gaps.into_iter()
        .map(|gap| {
            let x0 = frame.clamped_x(&gap.start);
            let mut title = format!(
                "Quiet for {} ({}): no messages from people",
                format_duration(gap.length),
                clock.span(&gap.start, &gap.end)
            );
            if gap.alerts > 0 {
                w!(
                    title,
                    "; {} meanwhile",
                    count(gap.alerts, "alert", "alerts")
                );
            }
            Band {
                x0,
                x1: frame.clamped_x(&gap.end).max(x0 + 1.0),
                title,
                label: None,
            }
        })
        .collect()
}

/// Ticks on round times of the incident's clock, at bucket edges: a step from the timeline
/// chart's list that is a whole number of buckets and keeps labels apart.
fn ticks(participation: &Participation, frame: &Frame) -> Vec<Tick> {
    let starts = &participation.bucket_starts;
    let Some(&last) = starts.last() else {
        return Vec::new();
    };
    let bucket = participation.bucket.num_seconds().max(1);
    let mut edges: Vec<Timestamp> = starts.clone();
    edges.push(last + participation.bucket);
    let span = (edges[edges.len() - 1] - edges[0]).num_seconds();
    let plot_px = frame.right - frame.left;
    let wanted = choose_tick_step(span, plot_px);
    let step = TICK_STEPS_SECONDS
        .into_iter()
        .find(|s| *s >= wanted && s % bucket == 0)
        .unwrap_or_else(|| (wanted + bucket - 1) / bucket * bucket);
    let on_step = |t: &Timestamp| {
        let local = t.naive_local();
        if step < DAY {
            i64::from(local.num_seconds_from_midnight()) % step == 0
        } else {
            local.num_seconds_from_midnight() == 0
                && i64::from(local.date().num_days_from_ce() - 1) % (step / DAY) == 0
        }
    };
    let mut chosen: Vec<&Timestamp> = edges.iter().filter(|t| on_step(t)).collect();
    if chosen.len() < 2 {
        // Buckets that do not fall on round times (after a clock change, or an odd bucket):
        // every k-th edge instead.
        let bucket_px = plot_px / starts.len() as f64;
        let k = ((MIN_TICK_PX / bucket_px).ceil() as usize).max(1);
        chosen = edges.iter().step_by(k).collect();
    }
    let mut ticks = Vec::with_capacity(chosen.len());
    let mut previous_date: Option<String> = None;
    let mut last_x = f64::NEG_INFINITY;
    for t in chosen {
        let x = frame.x(t);
        if x - last_x < MIN_TICK_PX * 0.75 {
            continue;
        }
        let date = t.format("%Y-%m-%d").to_string();
        let (time, shown_date) = if step >= DAY {
            let new_year = previous_date.as_deref().map(|d| &d[..4]) != Some(&date[..4]);
            (
                t.format("%m-%d").to_string(),
                new_year.then(|| date[..4].to_owned()),
            )
        } else {
            let new_day = previous_date.as_deref() != Some(date.as_str());
            (t.format("%H:%M").to_string(), new_day.then(|| date.clone()))
        };
        previous_date = Some(date);
        let widest = text_width(&time, SMALL)
            .max(shown_date.as_deref().map_or(0.0, |d| text_width(d, SMALL)));
        ticks.push(Tick {
            x,
            anchor: fit_anchor(x, widest, frame.right + RIGHT_MARGIN - 2.0),
            time,
            date: shown_date,
        });
        last_x = x;
    }
    ticks
}

fn symbol_text(symbol: Symbol, participation: &Participation) -> String {
    match symbol {
        Symbol::Messages => "Messages per bucket (one scale for all rows of people)".to_owned(),
        Symbol::Others => "Everyone else, summed (own scale)".to_owned(),
        Symbol::Alerts => "Alerts (own scale)".to_owned(),
        Symbol::Present => "People in the channel".to_owned(),
        Symbol::Impact => "Impact window".to_owned(),
        Symbol::Quiet => {
            let over = format_duration(participation.quiet_gap);
            match participation.longest_quiet_gaps(SHOWN_QUIET_GAPS) {
                (_, 0) => format!("Quiet gap (over {over})"),
                (shown, _) => format!(
                    "The {} longest of {} quiet gaps (over {over})",
                    shown.len(),
                    participation.quiet_gaps.len()
                ),
            }
        }
    }
}

/// Legend items left to right, wrapping at the chart's width.
fn flow_legend(
    symbols: &[Symbol],
    participation: &Participation,
    top: f64,
    width: f64,
) -> (Vec<LegendItem>, usize) {
    let mut items = Vec::with_capacity(symbols.len());
    let (mut x, mut row) = (PAD, 0usize);
    for &symbol in symbols {
        let text = symbol_text(symbol, participation);
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

// ---------------------------------------------------------------------------------------------
// Layout of the heatmap.

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const HEAT_LEFT: f64 = 48.0;
const NIGHT_TOP: f64 = 26.0;
const NIGHT_H: f64 = 12.0;
const HOUR_BASELINE: f64 = 52.0;
const GRID_TOP: f64 = 58.0;
const CELL_H: f64 = 22.0;
/// Opacity of the faintest non-empty cell: one message is still visible.
const MIN_CELL_OPACITY: f64 = 0.12;

#[derive(Debug)]
struct Heatmap {
    width: f64,
    height: f64,
    ids: Ids,
    title: String,
    desc: String,
    header: String,
    /// Night blocks as (x0, x1): after midnight and before it.
    night: Vec<(f64, f64)>,
    night_title: String,
    hour_labels: Vec<Label>,
    day_labels: Vec<Label>,
    cells: Vec<Cell>,
    grid_bottom: f64,
    legend_y: f64,
    max: usize,
}

#[derive(Debug)]
struct Cell {
    x: f64,
    y: f64,
    w: f64,
    count: usize,
    opacity: f64,
    title: String,
}

fn heatmap_layout(
    participation: &Participation,
    options: &ParticipationChartOptions,
    ids: Ids,
) -> Option<Heatmap> {
    if participation.message_count == 0 {
        return None;
    }
    let width = chart_width(options);
    let cell_w = (width - HEAT_LEFT - PAD) / 24.0;
    let grid = &participation.weekday_hours;
    let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut cells = Vec::with_capacity(7 * 24);
    let mut busiest = (0usize, 0usize, 0usize);
    for (day, hours) in grid.iter().enumerate() {
        for (hour, &n) in hours.iter().enumerate() {
            if n > busiest.2 {
                busiest = (day, hour, n);
            }
            cells.push(Cell {
                x: HEAT_LEFT + hour as f64 * cell_w,
                y: GRID_TOP + day as f64 * CELL_H,
                w: cell_w,
                count: n,
                opacity: if n == 0 {
                    0.0
                } else {
                    MIN_CELL_OPACITY + (1.0 - MIN_CELL_OPACITY) * n as f64 / max as f64
                },
                title: format!(
                    "{} {hour:02}:00–{:02}:00: {}",
                    DAYS[day],
                    (hour + 1) % 24,
                    count(n, "message", "messages")
                ),
            });
        }
    }
    let hour_step = if cell_w >= 22.0 { 1 } else { 3 };
    let hour_labels = (0..24)
        .step_by(hour_step)
        .map(|hour| Label {
            x: HEAT_LEFT + (hour as f64 + 0.5) * cell_w,
            y: HOUR_BASELINE,
            anchor: Anchor::Middle,
            text: format!("{hour:02}"),
        })
        .collect();
    let day_labels = DAYS
        .iter()
        .enumerate()
        .map(|(day, name)| Label {
            x: PAD,
            y: GRID_TOP + day as f64 * CELL_H + CELL_H / 2.0 + 4.0,
            anchor: Anchor::Start,
            text: name[..3].to_owned(),
        })
        .collect();
    let column = |hour: u32| HEAT_LEFT + f64::from(hour) * cell_w;
    let night = vec![
        (column(0), column(NIGHT_END_HOUR)),
        (column(NIGHT_START_HOUR), column(24)),
    ];
    let at_night: usize = grid
        .iter()
        .flat_map(|hours| hours.iter().enumerate())
        .filter(|(hour, _)| is_night_hour(*hour as u32))
        .map(|(_, n)| n)
        .sum();
    let percent =
        |n: usize| (n * 100 + participation.message_count / 2) / participation.message_count;
    let night_title = format!(
        "Night, {NIGHT_START_HOUR:02}:00–{NIGHT_END_HOUR:02}:00 on the incident's clock: {} \
         ({}%)",
        count(at_night, "message", "messages"),
        percent(at_night)
    );
    let header = format!(
        "Messages by weekday and hour. {}",
        header_text(participation, options)
    );
    let desc = format!(
        "Messages from people by weekday and hour: {} in all, most on {} {:02}:00–{:02}:00 with \
         {}; {} ({}%) between {NIGHT_START_HOUR:02}:00 and {NIGHT_END_HOUR:02}:00. {}.",
        participation.message_count,
        DAYS[busiest.0],
        busiest.1,
        (busiest.1 + 1) % 24,
        busiest.2,
        at_night,
        percent(at_night),
        header_text(participation, options)
    );
    let grid_bottom = GRID_TOP + 7.0 * CELL_H;
    Some(Heatmap {
        width,
        height: grid_bottom + 36.0,
        ids,
        title: "Messages by weekday and hour".to_owned(),
        desc,
        header,
        night,
        night_title,
        hour_labels,
        day_labels,
        cells,
        grid_bottom,
        legend_y: grid_bottom + 22.0,
        max,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing: the only place markup is produced.

fn write_volume(chart: &VolumeChart) -> String {
    let bars: usize = chart.rows.iter().map(|r| r.bars.len()).sum();
    let mut out = String::with_capacity(8192 + bars * if chart.detailed { 110 } else { 30 });
    open_chart(
        &mut out,
        &chart.ids,
        (chart.width, chart.height),
        (&chart.title, &chart.desc),
        &chart.header,
    );
    write_backdrop(&mut out, chart);
    write_axis(&mut out, chart);
    if let Some(presence) = &chart.presence {
        write_presence(&mut out, presence);
    }
    for row in &chart.rows {
        write_row(&mut out, row, chart.detailed);
    }
    if let Some(note) = &chart.note {
        write_text(&mut out, note, " fill-opacity=\"0.75\"", None);
    }
    write_legend(&mut out, chart);
    out.push_str("</svg>");
    out
}

/// Row stripes, impact windows and quiet gaps, behind the bars.
fn write_backdrop(out: &mut String, chart: &VolumeChart) {
    let stripes: Vec<f64> = chart
        .rows
        .iter()
        .map(|r| r.top)
        .chain(chart.presence.as_ref().map(|p| p.top))
        .collect();
    let mut stripes = stripes;
    sorting::sort_by(&mut stripes, f64::total_cmp);
    let odd: Vec<f64> = stripes.into_iter().skip(1).step_by(2).collect();
    if !odd.is_empty() {
        out.push_str("<g fill-opacity=\"0.05\">");
        for top in odd {
            w!(
                out,
                "<rect x=\"4\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                N(top),
                N(chart.width - 8.0),
                N(ROW_H)
            );
        }
        out.push_str("</g>");
    }
    let height = chart.plot_bottom - chart.plot_top;
    if !chart.gaps.is_empty() {
        out.push_str(
            "<g fill=\"currentColor\" fill-opacity=\"0.07\" stroke=\"currentColor\" \
             stroke-opacity=\"0.4\" stroke-dasharray=\"2 3\">",
        );
        for gap in &chart.gaps {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                N(gap.x0),
                N(chart.plot_top),
                N(gap.x1 - gap.x0),
                N(height),
                Attr(&gap.title)
            );
        }
        out.push_str("</g>");
    }
    if !chart.impact.is_empty() {
        w!(
            out,
            "<g fill=\"{IMPACT_COLOUR}\" fill-opacity=\"0.14\" stroke=\"{IMPACT_COLOUR}\" \
             stroke-opacity=\"0.55\" stroke-dasharray=\"3 3\">"
        );
        for band in &chart.impact {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                N(band.x0),
                N(AXIS_Y),
                N(band.x1 - band.x0),
                N(chart.plot_bottom - AXIS_Y),
                Attr(&band.title)
            );
        }
        out.push_str("</g><g font-size=\"11\">");
        for label in chart.impact.iter().filter_map(|b| b.label.as_ref()) {
            write_text(out, label, "", None);
        }
        out.push_str("</g>");
    }
}

fn write_axis(out: &mut String, chart: &VolumeChart) {
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
    write_tick_labels(out, &axis);
}

fn row_colour(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Alerts => ALERT_COLOUR,
        RowKind::Voice => MESSAGE_COLOUR,
        RowKind::Others => OTHERS_COLOUR,
    }
}

fn write_row(out: &mut String, row: &Row, detailed: bool) {
    out.push_str("<g>");
    write_text(out, &row.name, "", row.full_name.as_deref());
    write_text(
        out,
        &row.count,
        " font-size=\"11\" fill-opacity=\"0.75\"",
        None,
    );
    let colour = row_colour(row.kind);
    if detailed {
        w!(out, "<g fill=\"{colour}\">");
        for bar in &row.bars {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                N(bar.x),
                N(row.baseline - bar.height),
                N(bar.width),
                N(bar.height),
                Attr(&bar.title)
            );
        }
        out.push_str("</g>");
    } else if !row.bars.is_empty() {
        let mut d = String::new();
        for bar in &row.bars {
            w!(
                d,
                "M{} {}h{}v{}h{}z",
                N(bar.x),
                N(row.baseline),
                N(bar.width),
                N(-bar.height),
                N(-bar.width)
            );
        }
        w!(
            out,
            "<path d=\"{d}\" fill=\"{colour}\"><title>{}</title></path>",
            Attr(&row.summary)
        );
    }
    out.push_str("</g>");
}

fn write_presence(out: &mut String, row: &PresenceRow) {
    out.push_str("<g>");
    write_text(out, &row.name, "", None);
    write_text(
        out,
        &row.count,
        " font-size=\"11\" fill-opacity=\"0.75\"",
        None,
    );
    let mut d = String::new();
    for (i, &(x0, x1, h)) in row.steps.iter().enumerate() {
        let y = row.baseline - h;
        if i == 0 {
            w!(d, "M{} {}", N(x0), N(row.baseline));
        }
        w!(d, "V{}H{}", N(y), N(x1));
    }
    if let Some(&(_, x1, _)) = row.steps.last() {
        w!(d, "V{}H{}z", N(row.baseline), N(row.steps[0].0.min(x1)));
    }
    w!(
        out,
        "<path d=\"{d}\" fill=\"{PRESENT_COLOUR}\" fill-opacity=\"0.25\" stroke=\"{PRESENT_COLOUR}\" \
         stroke-width=\"1.5\"><title>{}</title></path></g>",
        Attr(&row.title)
    );
}

fn write_legend(out: &mut String, chart: &VolumeChart) {
    if chart.legend.is_empty() {
        return;
    }
    out.push_str("<g font-size=\"11\">");
    for item in &chart.legend {
        let (x, y) = (item.x + 1.0, item.y - 10.0);
        match item.symbol {
            Symbol::Messages | Symbol::Others | Symbol::Alerts => {
                let colour = match item.symbol {
                    Symbol::Messages => MESSAGE_COLOUR,
                    Symbol::Others => OTHERS_COLOUR,
                    _ => ALERT_COLOUR,
                };
                w!(
                    out,
                    "<path d=\"M{} {}h4v-8h-4zM{} {}h4v-12h-4zM{} {}h4v-5h-4z\" fill=\"{colour}\"/>",
                    N(x),
                    N(y + 12.0),
                    N(x + 5.0),
                    N(y + 12.0),
                    N(x + 10.0),
                    N(y + 12.0)
                );
            }
            Symbol::Present => w!(
                out,
                "<path d=\"M{} {}v-5h5v-4h5v9z\" fill=\"{PRESENT_COLOUR}\" fill-opacity=\"0.25\" \
                 stroke=\"{PRESENT_COLOUR}\" stroke-width=\"1.5\"/>",
                N(x),
                N(y + 12.0)
            ),
            Symbol::Impact => w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{IMPACT_COLOUR}\" \
                 fill-opacity=\"0.14\" stroke=\"{IMPACT_COLOUR}\" stroke-opacity=\"0.55\" \
                 stroke-dasharray=\"3 3\"/>",
                N(x),
                N(y)
            ),
            Symbol::Quiet => w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"currentColor\" \
                 fill-opacity=\"0.07\" stroke=\"currentColor\" stroke-opacity=\"0.4\" \
                 stroke-dasharray=\"2 3\"/>",
                N(x),
                N(y)
            ),
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

fn write_heatmap(map: &Heatmap) -> String {
    let mut out = String::with_capacity(24 * 1024);
    open_root(
        &mut out, &map.ids, map.width, map.height, &map.title, &map.desc,
    );
    write_text(
        &mut out,
        &Label {
            x: PAD,
            y: HEADER_BASELINE,
            anchor: Anchor::Start,
            text: map.header.clone(),
        },
        " fill-opacity=\"0.85\"",
        None,
    );
    // Night: a band above the hours it covers, and a dashed frame around those columns.
    out.push_str("<g>");
    w!(out, "<title>{}</title>", Attr(&map.night_title));
    for &(x0, x1) in &map.night {
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\" \
             fill-opacity=\"0.3\"/>",
            N(x0),
            N(NIGHT_TOP),
            N(x1 - x0),
            N(NIGHT_H)
        );
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" \
             stroke=\"currentColor\" stroke-opacity=\"0.6\" stroke-dasharray=\"4 3\"/>",
            N(x0),
            N(GRID_TOP - 1.0),
            N(x1 - x0),
            N(map.grid_bottom - GRID_TOP + 2.0)
        );
    }
    let night_w = map.night[0].1 - map.night[0].0;
    if night_w >= text_width("night", SMALL) + 4.0 {
        for &(x0, x1) in &map.night {
            if x1 - x0 >= text_width("night", SMALL) + 4.0 {
                write_text(
                    &mut out,
                    &Label {
                        x: (x0 + x1) / 2.0,
                        y: NIGHT_TOP + NIGHT_H - 2.0,
                        anchor: Anchor::Middle,
                        text: "night".to_owned(),
                    },
                    " font-size=\"10\" fill-opacity=\"0.9\"",
                    None,
                );
            }
        }
    }
    out.push_str("</g><g font-size=\"11\">");
    for label in map.hour_labels.iter().chain(&map.day_labels) {
        write_text(&mut out, label, "", None);
    }
    out.push_str("</g>");
    // Cells: the colour's strength is the count; empty cells are faint outlines.
    w!(out, "<g fill=\"{MESSAGE_COLOUR}\">");
    for cell in &map.cells {
        let paint = if cell.count == 0 {
            " fill=\"currentColor\" fill-opacity=\"0.04\"".to_owned()
        } else {
            format!(" fill-opacity=\"{:.2}\"", cell.opacity)
        };
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{paint}><title>{}</title></rect>",
            N(cell.x + 1.0),
            N(cell.y + 1.0),
            N((cell.w - 2.0).max(1.0)),
            N(CELL_H - 2.0),
            Attr(&cell.title)
        );
    }
    out.push_str("</g>");
    // Scale.
    out.push_str("<g font-size=\"11\">");
    write_text(
        &mut out,
        &Label {
            x: HEAT_LEFT,
            y: map.legend_y,
            anchor: Anchor::Start,
            text: "Fewer".to_owned(),
        },
        "",
        None,
    );
    let swatch_x = HEAT_LEFT + text_width("Fewer", SMALL) + 6.0;
    for step in 0..5 {
        let opacity = MIN_CELL_OPACITY + (1.0 - MIN_CELL_OPACITY) * f64::from(step) / 4.0;
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{MESSAGE_COLOUR}\" \
             fill-opacity=\"{opacity:.2}\"/>",
            N(swatch_x + f64::from(step) * 16.0),
            N(map.legend_y - 10.0)
        );
    }
    write_text(
        &mut out,
        &Label {
            x: swatch_x + 5.0 * 16.0 + 4.0,
            y: map.legend_y,
            anchor: Anchor::Start,
            text: format!("More (at most {} in an hour)", map.max),
        },
        "",
        None,
    );
    out.push_str("</g></svg>");
    out
}

#[cfg(all(test, feature = "bundled-zones"))]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::chart::tests::{assert_inert, El};
    use crate::analysis::participation::{default_settings, message_range, participation};
    use crate::import::{Message, MessageKind};
    use crate::model::{EntityId, ImpactWindow, IncidentRole, Person};
    use crate::testing::{assert_golden, at, empty_review, message, transcripts};
    use crate::time::BundledZones;
    use crate::triage::ReviewTranscripts;
    use MessageKind::{Alert, Join};

    fn pst(clock: &str) -> String {
        format!("2019-11-06T{clock}:00-08:00")
    }

    fn person(key: &str, name: &str, team: &str) -> Person {
        Person {
            id: EntityId::new(key),
            name: name.to_owned(),
            team: team.to_owned(),
            ..Person::default()
        }
    }

    /// A night of ingest brownouts, as the chat saw it: pages, a handful of responders, a
    /// quiet hour while everyone waited on the provider, and someone who only watched.
    pub(crate) fn sample() -> (Review, ReviewTranscripts) {
        let mut review = empty_review();
        review.title = "Ingest brownouts".to_owned();
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.people = vec![
            Person {
                roles: vec![IncidentRole::OnCall],
                tenure_months: Some(5),
                ..person("p1", "Avery On-Call", "Ingest")
            },
            Person {
                roles: vec![IncidentRole::IncidentCommander],
                tenure_months: Some(40),
                ..person("p2", "Morgan Commander", "ingest")
            },
            Person {
                time_zone: Some("Europe/Berlin".to_owned()),
                ..person("p3", "Riley from Storage", "Storage")
            },
            Person {
                roles: vec![IncidentRole::Communications],
                ..person("p4", "Casey Comms", "")
            },
        ];
        review.impact.windows = vec![
            ImpactWindow {
                id: EntityId::new("w1"),
                start: Some(at(&pst("02:20"))),
                end: Some(at(&pst("02:40"))),
                affected: "ingest API".to_owned(),
                magnitude: "1–3% of requests rejected".to_owned(),
            },
            ImpactWindow {
                id: EntityId::new("w2"),
                start: Some(at(&pst("05:10"))),
                end: Some(at(&pst("05:30"))),
                affected: "ingest API".to_owned(),
                magnitude: String::new(),
            },
        ];
        let mut chat: Vec<Message> = Vec::new();
        let mut say = |clock: &str, author: &str, kind: MessageKind| {
            chat.push(message(&pst(clock), author, kind));
        };
        for minute in [20, 21, 22, 22, 23, 30] {
            say(&format!("02:{minute:02}"), "slo-bot", Alert);
        }
        say("02:22", "avery", Join);
        for minute in (23..60).step_by(3) {
            say(&format!("02:{minute:02}"), "avery", MessageKind::Message);
        }
        say("02:31", "casey", Join);
        for minute in [32, 45, 58] {
            say(&format!("02:{minute:02}"), "casey", MessageKind::Message);
        }
        say("02:40", "morgan", Join);
        for minute in (41..60).step_by(6) {
            say(&format!("02:{minute:02}"), "Morgan C", MessageKind::Message);
        }
        for minute in (0..40).step_by(5) {
            say(&format!("03:{minute:02}"), "avery", MessageKind::Message);
            say(
                &format!("03:{:02}", minute + 2),
                "morgan",
                MessageKind::Message,
            );
        }
        say("03:50", "lurker", Join);
        // Quiet from 03:37 until 04:30 while the provider looks; one alert meanwhile.
        say("04:10", "slo-bot", Alert);
        say("04:30", "sam.k", MessageKind::Message);
        for minute in [10, 10, 11, 12] {
            say(&format!("05:{minute:02}"), "slo-bot", Alert);
        }
        for minute in (10..40).step_by(2) {
            say(&format!("05:{minute:02}"), "avery", MessageKind::Message);
        }
        for minute in [12, 20, 31] {
            say(&format!("05:{minute:02}"), "riley", MessageKind::Message);
        }
        say("05:45", "casey", MessageKind::File);
        let set = transcripts(
            vec![chat],
            &[
                ("avery", "p1"),
                ("morgan", "p2"),
                ("Morgan C", "p2"),
                ("riley", "p3"),
                ("casey", "p4"),
            ],
        );
        (review, set)
    }

    fn computed(review: &Review, set: &ReviewTranscripts) -> Participation {
        let settings = default_settings(message_range(set).expect("messages"));
        participation(review, set, &BundledZones, &settings)
    }

    fn options() -> ParticipationChartOptions {
        ParticipationChartOptions {
            zone_label: "America/Los_Angeles".to_owned(),
            id_prefix: "chart".to_owned(),
            ..ParticipationChartOptions::default()
        }
    }

    fn chart(
        review: &Review,
        p: &Participation,
        options: &ParticipationChartOptions,
    ) -> VolumeChart {
        layout(review, p, options).expect("something to draw")
    }

    fn row_names(chart: &VolumeChart) -> Vec<&str> {
        chart.rows.iter().map(|r| r.name.text.as_str()).collect()
    }

    // --- Geometry. -----------------------------------------------------------------------

    #[test]
    fn rows_bars_and_bands_sit_on_one_time_axis() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        assert_eq!(
            p.bucket,
            TimeDelta::minutes(5),
            "02:20–05:45 in 5-minute buckets"
        );
        let chart = chart(&review, &p, &options());
        assert_eq!(
            row_names(&chart),
            [
                "Alerts",
                "Avery On-Call",
                "Morgan Commander",
                "Casey Comms",
                "Riley from Storage",
                "sam.k"
            ]
        );
        let counts: Vec<&str> = chart.rows.iter().map(|r| r.count.text.as_str()).collect();
        assert_eq!(counts, ["11", "36", "12", "4", "3", "1"]);
        assert!(chart.presence.is_some());
        // Bars stay in the plot and in their row; people share one scale.
        let people = &chart.rows[1..];
        let tallest = people
            .iter()
            .flat_map(|r| &r.bars)
            .map(|b| b.height)
            .fold(0.0, f64::max);
        assert_eq!(tallest, BAR_MAX_H);
        for row in &chart.rows {
            for bar in &row.bars {
                assert!(bar.x >= chart.left - 0.01 && bar.x + bar.width <= chart.right + 0.01);
                assert!(bar.height >= BAR_MIN_H && bar.height <= BAR_MAX_H);
                assert!(row.baseline - bar.height >= row.top);
            }
        }
        // Avery's first bucket: 02:20–02:25 holds 02:23; its bar starts at the plot's left.
        let avery = &chart.rows[1];
        assert_eq!(avery.bars[0].x, chart.left);
        assert_eq!(avery.bars[0].title, "02:20–02:25: 1 message");
        // The impact window 02:20–02:40 covers the first four buckets.
        let plot = chart.right - chart.left;
        let per_bucket = plot / p.bucket_starts.len() as f64;
        let first = &chart.impact[0];
        assert!((first.x0 - chart.left).abs() < 0.01);
        assert!((first.x1 - (chart.left + 4.0 * per_bucket)).abs() < 0.01);
        assert_eq!(
            first.title,
            "Impact 02:20–02:40 — ingest API — 1–3% of requests rejected"
        );
        assert_eq!(
            first.label.as_ref().map(|l| l.text.as_str()),
            Some("Impact: ingest API")
        );
        // Two quiet gaps: 03:37–04:30, with the alert that fired in it, and 04:30–05:10.
        assert_eq!(chart.gaps.len(), 2);
        assert_eq!(
            chart.gaps[0].title,
            "Quiet for 53 min (03:37–04:30): no messages from people; 1 alert meanwhile"
        );
        assert!(chart.gaps[0].x0 < chart.gaps[0].x1);
        // Rows follow each other; bands span all of them.
        for pair in chart.rows.windows(2) {
            assert!(pair[1].top >= pair[0].top + ROW_H);
        }
        assert!(chart.plot_bottom >= chart.rows.last().unwrap().top + ROW_H);
        assert!(chart.detailed);
        assert!(chart.note.is_none());
    }

    #[test]
    fn ticks_fall_on_round_local_times() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        let chart = chart(&review, &p, &options());
        let times: Vec<&str> = chart.ticks.iter().map(|t| t.time.as_str()).collect();
        assert_eq!(
            times,
            ["02:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"]
        );
        assert_eq!(chart.ticks[0].date.as_deref(), Some("2019-11-06"));
        assert!(chart.ticks[1..].iter().all(|t| t.date.is_none()));
        assert!(chart
            .ticks
            .windows(2)
            .all(|w| w[1].x - w[0].x >= MIN_TICK_PX));
    }

    #[test]
    fn rows_by_team_count_unlinked_people_under_no_team() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        let by_team = ParticipationChartOptions {
            group_by: GroupBy::Team,
            ..options()
        };
        let chart = chart(&review, &p, &by_team);
        assert_eq!(
            row_names(&chart),
            ["Alerts", "Ingest", "No team", "Storage"]
        );
        let counts: Vec<&str> = chart.rows.iter().map(|r| r.count.text.as_str()).collect();
        assert_eq!(counts, ["11", "48", "5", "3"]);
    }

    /// Sixty speakers over a day and a half, fifty thousand messages.
    fn crowd() -> (Review, ReviewTranscripts) {
        let mut review = empty_review();
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.people = (0..60)
            .map(|i| {
                person(
                    &format!("p{i}"),
                    &format!("Responder number {i}"),
                    ["ingest", "storage", "query", ""][i % 4],
                )
            })
            .collect();
        review.impact.windows = vec![ImpactWindow {
            id: EntityId::new("w"),
            start: Some(at("2019-11-06T02:00:00-08:00")),
            end: Some(at("2019-11-06T05:00:00-08:00")),
            affected: "ingest".to_owned(),
            magnitude: String::new(),
        }];
        let start = at("2019-11-05T20:00:00Z");
        let mut chat = Vec::with_capacity(50_000);
        for i in 0..50_000i64 {
            let when = start + TimeDelta::seconds(i * 36 * 3600 / 50_000);
            let r = (i * 2_654_435_761) % 4_294_967_296;
            let who = (r % 60).min(r / 60 % 60);
            let kind = if i % 10 == 0 {
                Alert
            } else {
                MessageKind::Message
            };
            let mut m = message(&when.to_rfc3339(), &format!("user{who}"), kind);
            m.id = i.to_string();
            chat.push(m);
        }
        let links: Vec<(String, String)> = (0..60)
            .map(|i| (format!("user{i}"), format!("p{i}")))
            .collect();
        let links: Vec<(&str, &str)> = links
            .iter()
            .map(|(a, p)| (a.as_str(), p.as_str()))
            .collect();
        (review, transcripts(vec![chat], &links))
    }

    #[test]
    fn sixty_speakers_get_twenty_rows_and_one_for_the_rest() {
        let (review, set) = crowd();
        let p = computed(&review, &set);
        assert_eq!(p.speakers.len(), 60);
        let chart = chart(&review, &p, &options());
        let voices: Vec<&Row> = chart
            .rows
            .iter()
            .filter(|r| r.kind != RowKind::Alerts)
            .collect();
        assert_eq!(voices.len(), MAX_ROWS + 1);
        let others = voices.last().unwrap();
        assert_eq!(others.kind, RowKind::Others);
        assert_eq!(others.name.text, "40 others (one row)");
        let rest: usize = p.speakers[MAX_ROWS..].iter().map(|s| s.messages).sum();
        assert_eq!(others.count.text, rest.to_string());
        assert_eq!(
            chart.note.as_ref().unwrap().text,
            "Showing the 20 most active of 60 speakers; the other 40 share the last row."
        );
        let svg = render_participation_svg(&review, &p, &options());
        let root = assert_inert(&svg);
        assert!(svg.contains("Showing the 20 most active of 60 speakers"));
        assert!(root.all("desc")[0]
            .own_text()
            .contains("the other 40 share the last row"));
        assert!(svg.len() < 250_000, "{} bytes", svg.len());
        let heatmap = render_activity_heatmap_svg(&p, &options());
        assert_inert(&heatmap);
        assert!(heatmap.len() < 30_000, "{} bytes", heatmap.len());
        eprintln!(
            "60 speakers, 50,000 messages: volume SVG {} bytes, heatmap SVG {} bytes",
            svg.len(),
            heatmap.len()
        );
    }

    #[test]
    fn thin_buckets_are_merged_and_many_bars_share_one_path_per_row() {
        let (review, set) = crowd();
        let minute = crate::analysis::participation::ParticipationSettings {
            bucket: TimeDelta::minutes(1),
            quiet_gap: TimeDelta::minutes(15),
        };
        let p = participation(&review, &set, &BundledZones, &minute);
        assert_eq!(p.bucket_starts.len(), 2160);
        let chart = chart(&review, &p, &options());
        let most_bars = ((chart.right - chart.left) / MIN_BAR_PX) as usize;
        for row in &chart.rows {
            assert!(row.bars.len() <= most_bars, "{}", row.bars.len());
            for pair in row.bars.windows(2) {
                assert!(
                    pair[1].x >= pair[0].x + pair[0].width - 0.01,
                    "bars overlap"
                );
            }
        }
        assert!(!chart.detailed);
        let svg = render_participation_svg(&review, &p, &options());
        let root = assert_inert(&svg);
        // One path per row, its tooltip a summary with counts.
        let titled_paths: Vec<String> =
            root.all("path").into_iter().filter_map(El::title).collect();
        assert!(titled_paths
            .iter()
            .any(|t| t.starts_with("Responder number 0: ") && t.contains(" messages; most ")));
        assert!(titled_paths
            .iter()
            .any(|t| t.starts_with("Alerts: 5000 alerts; most ")));
        assert!(svg.contains("in 4 min buckets") || svg.contains("min buckets"));
    }

    // --- Safety. -------------------------------------------------------------------------

    const HOSTILE: [&str; 6] = [
        "<script>alert(1)</script>",
        "\"onload=alert(1) x=\"",
        "nul\u{0}in\u{0}name",
        "</title><svg onload=alert(1)>",
        "' onmouseover='alert(1)",
        "&amp; &lt;b&gt;",
    ];

    fn hostile() -> (Review, ReviewTranscripts) {
        let mut review = empty_review();
        review.title = HOSTILE[0].to_owned();
        review.incident.time_zone = "America/Los_Angeles".to_owned();
        review.people = vec![Person {
            team: HOSTILE[3].to_owned(),
            ..person("p1", HOSTILE[1], HOSTILE[4])
        }];
        review.impact.windows = vec![ImpactWindow {
            id: EntityId::new("w"),
            start: Some(at(&pst("03:00"))),
            end: Some(at(&pst("03:20"))),
            affected: HOSTILE[0].to_owned(),
            magnitude: HOSTILE[3].to_owned(),
        }];
        let mut chat = Vec::new();
        for (i, author) in HOSTILE.iter().enumerate() {
            chat.push(message(
                &pst(&format!("03:{:02}", i * 10)),
                author,
                MessageKind::Message,
            ));
            chat.push(message(
                &pst(&format!("03:{:02}", i * 10 + 1)),
                author,
                Alert,
            ));
        }
        chat.push(message(
            &pst("02:55"),
            "linked-author",
            MessageKind::Message,
        ));
        (review, transcripts(vec![chat], &[("linked-author", "p1")]))
    }

    #[test]
    fn hostile_names_stay_text() {
        let (review, set) = hostile();
        let p = computed(&review, &set);
        for group_by in [GroupBy::Speaker, GroupBy::Team] {
            let options = ParticipationChartOptions {
                zone_label: HOSTILE[1].to_owned(),
                id_prefix: HOSTILE[3].to_owned(),
                group_by,
                width: 960,
            };
            let svg = render_participation_svg(&review, &p, &options);
            let heatmap = render_activity_heatmap_svg(&p, &options);
            for svg in [&svg, &heatmap] {
                let root = assert_inert(svg);
                assert!(!svg.contains('\u{0}'));
                assert!(!svg.contains("<script"));
                assert!(root
                    .attr("aria-labelledby")
                    .unwrap()
                    .starts_with("titlesvgonloadalert1"));
            }
            assert!(
                svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "the review title"
            );
            assert!(svg.contains("Times in &quot;onload=alert(1) x=&quot;"));
            let root = assert_inert(&svg);
            let texts: Vec<String> = root.descendants().into_iter().map(El::own_text).collect();
            let shown = |needle: &str| texts.iter().any(|t| t.contains(needle));
            match group_by {
                GroupBy::Speaker => {
                    assert!(svg.contains("&amp;amp; &amp;lt;b&amp;gt;"), "escaped once");
                    assert!(shown("<script>alert(1)</script>"));
                    assert!(shown("nulinname"));
                    assert!(shown("\"onload=alert(1) x=\""), "the linked person's name");
                }
                GroupBy::Team => assert!(shown("</title><svg onload=alert(1)>")),
            }
        }
    }

    #[test]
    fn nothing_to_draw_says_so() {
        let review = empty_review();
        let p = participation(
            &review,
            &ReviewTranscripts::default(),
            &BundledZones,
            &default_settings((at(&pst("03:00")), at(&pst("04:00")))),
        );
        let options = ParticipationChartOptions {
            id_prefix: "<x>".to_owned(),
            ..options()
        };
        let svg = render_participation_svg(&review, &p, &options);
        let root = assert_inert(&svg);
        assert!(root.all("text")[0]
            .own_text()
            .contains("No transcript messages"));
        assert_eq!(root.attr("aria-labelledby"), Some("x-title x-desc"));
        let heatmap = render_activity_heatmap_svg(&p, &options);
        let root = assert_inert(&heatmap);
        assert!(root.all("text")[0]
            .own_text()
            .contains("No messages from people"));
        assert_eq!(
            root.attr("aria-labelledby"),
            Some("x-heatmap-title x-heatmap-desc")
        );

        // Only alerts: the chart draws them and says nobody wrote.
        let set = transcripts(vec![vec![message(&pst("03:00"), "bot", Alert)]], &[]);
        let p = computed(&review, &set);
        let chart = chart(&review, &p, &options);
        assert_eq!(row_names(&chart), ["Alerts"]);
        assert!(chart
            .note
            .unwrap()
            .text
            .starts_with("No messages from people"));
    }

    #[test]
    fn an_unknown_zone_is_named_in_the_header() {
        let (mut review, set) = sample();
        review.incident.time_zone = "Mars/Olympus".to_owned();
        let p = computed(&review, &set);
        let chart = chart(&review, &p, &options());
        assert_eq!(
            chart.header,
            "Times in UTC (“Mars/Olympus” is not a time zone known here)"
        );
        assert_eq!(chart.ticks[0].time, "10:30");
    }

    // --- Heatmap. ------------------------------------------------------------------------

    #[test]
    fn the_heatmap_marks_night_and_titles_every_cell() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        let ids = Ids::new("chart-heatmap");
        let map = heatmap_layout(&p, &options(), ids).unwrap();
        assert_eq!(map.cells.len(), 7 * 24);
        let cell_w = (map.width - HEAT_LEFT - PAD) / 24.0;
        assert_eq!(
            map.night,
            [
                (HEAT_LEFT, HEAT_LEFT + 6.0 * cell_w),
                (HEAT_LEFT + 22.0 * cell_w, HEAT_LEFT + 24.0 * cell_w)
            ]
        );
        // Wednesday: 02:xx, 03:xx, 04:xx, 05:xx on the incident's clock.
        let wednesday: Vec<usize> = map.cells[2 * 24..3 * 24].iter().map(|c| c.count).collect();
        assert_eq!(&wednesday[..6], [0, 0, 20, 16, 1, 19]);
        let busiest = &map.cells[2 * 24 + 2];
        assert_eq!(busiest.opacity, 1.0);
        assert_eq!(busiest.title, "Wednesday 02:00–03:00: 20 messages");
        assert_eq!(map.cells[0].title, "Monday 00:00–01:00: 0 messages");
        assert_eq!(
            map.night_title,
            "Night, 22:00–06:00 on the incident's clock: 56 messages (100%)"
        );
        let svg = render_activity_heatmap_svg(&p, &options());
        let root = assert_inert(&svg);
        let titled = root
            .all("rect")
            .into_iter()
            .filter(|r| r.title().is_some())
            .count();
        assert_eq!(titled, 7 * 24);
        assert_eq!(
            root.all("g")[0].title().as_deref(),
            Some(map.night_title.as_str())
        );
        assert!(root.all("text").iter().any(|t| t.own_text() == "night"));
    }

    #[test]
    fn every_bar_and_band_has_a_tooltip_with_counts() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        let chart = chart(&review, &p, &options());
        let svg = render_participation_svg(&review, &p, &options());
        let root = assert_inert(&svg);
        let titled_rects: Vec<String> =
            root.all("rect").into_iter().filter_map(El::title).collect();
        let bars: usize = chart.rows.iter().map(|r| r.bars.len()).sum();
        assert_eq!(
            titled_rects.len(),
            bars + chart.impact.len() + chart.gaps.len()
        );
        assert!(titled_rects
            .iter()
            .all(|t| t.chars().any(|c| c.is_ascii_digit())));
        let presence = root
            .all("path")
            .into_iter()
            .filter_map(El::title)
            .find(|t| t.starts_with("In the channel"))
            .unwrap();
        assert_eq!(
            presence,
            "In the channel: most 6 by 05:15, 6 at the end; 4 people joined, 1 of them never wrote"
        );
    }

    #[test]
    fn golden_sample_charts() {
        let (review, set) = sample();
        let p = computed(&review, &set);
        assert_golden(
            "participation.svg",
            &render_participation_svg(&review, &p, &options()),
        );
        assert_golden(
            "participation-heatmap.svg",
            &render_activity_heatmap_svg(&p, &options()),
        );
        let first = render_participation_svg(&review, &p, &options());
        assert_eq!(
            first,
            render_participation_svg(&review.clone(), &p.clone(), &options())
        );
    }

    /// Writes the sample charts for a person to look at: `cargo test -p debrief-core --lib
    /// participation_chart -- --ignored` then open `$TMPDIR/participation-*.svg`.
    #[test]
    #[ignore]
    fn write_samples_for_eyeballing() {
        let dir = std::env::temp_dir();
        let (review, set) = sample();
        let p = computed(&review, &set);
        let write = |name: &str, svg: String| std::fs::write(dir.join(name), svg).unwrap();
        write(
            "participation-sample.svg",
            render_participation_svg(&review, &p, &options()),
        );
        write(
            "participation-heatmap.svg",
            render_activity_heatmap_svg(&p, &options()),
        );
        let teams = ParticipationChartOptions {
            group_by: GroupBy::Team,
            ..options()
        };
        write(
            "participation-teams.svg",
            render_participation_svg(&review, &p, &teams),
        );
        let (review, set) = crowd();
        let p = computed(&review, &set);
        write(
            "participation-crowd.svg",
            render_participation_svg(&review, &p, &options()),
        );
        write(
            "participation-crowd-heatmap.svg",
            render_activity_heatmap_svg(&p, &options()),
        );
    }
}
