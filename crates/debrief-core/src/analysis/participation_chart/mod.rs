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

use super::chart::legend;
use super::chart::{
    choose_tick_step, fit_text, impact_bands, one_line, open_chart, open_root, text_span,
    text_width, truncate, write_axis_lines, write_empty, write_impact_swatch, write_text,
    write_tick_labels, Anchor, Band, Frame, Ids, Label, LegendItem, Tick, TickLabels, TimeAxis,
    DAY, FONT, IMPACT_COLOUR, LEGEND_ROW_H, MAX_WIDTH, MIN_TICK_PX, MIN_WIDTH, N, PAD, SMALL,
    TICK_STEPS_SECONDS,
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

mod heatmap;
#[cfg(all(test, feature = "bundled-zones"))]
mod tests;
mod volume;

use heatmap::{heatmap_layout, write_heatmap};
use volume::{layout, write_volume};

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
