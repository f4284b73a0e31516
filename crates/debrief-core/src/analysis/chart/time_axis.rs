//! Time axes: which ticks a span gets (round times of the zone's own clock, steps a reader
//! can add up in their head), how they are labelled, and the axis line, grid and labels as
//! drawn. The timeline chart and the participation chart share all of it but the choice of
//! tick instants (the participation chart's fall on its bucket edges).

use super::*;

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

/// Below this spacing tick labels ("2019-11-06" at 11 px) would touch.
pub(crate) const MIN_TICK_PX: f64 = 64.0;

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
pub(super) struct ClockChange {
    pub(super) x: f64,
    pub(super) title: String,
}

pub(super) struct Axis {
    pub(super) ticks: Vec<Tick>,
    pub(super) changes: Vec<ClockChange>,
    /// Distinct offsets in force across the range, in order.
    pub(super) offsets: Vec<i32>,
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
pub(super) fn axis(frame: &Frame, zone: &Zone<'_>) -> Axis {
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

    let mut labels = TickLabels::new(step, frame.right + RIGHT_MARGIN - 2.0);
    let ticks = instants
        .iter()
        .map(|t| {
            let label = format_instant(t, zone);
            labels.tick(frame.x(t), label.date, label.time)
        })
        .collect();

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

/// Labels ticks left to right. Sub-day steps: "03:00", with the date under the first tick
/// and each new day. Day steps: "11-06", with the year under the first tick and each new year.
pub(crate) struct TickLabels {
    step: i64,
    /// How far right a label may reach.
    limit: f64,
    previous_date: Option<String>,
}

impl TickLabels {
    pub(crate) fn new(step: i64, limit: f64) -> Self {
        Self {
            step,
            limit,
            previous_date: None,
        }
    }

    /// The tick at `x` for a time whose local date is `date` (`2019-11-06`) and clock time
    /// `time` (`03:00`).
    pub(crate) fn tick(&mut self, x: f64, date: String, time: String) -> Tick {
        let (time, shown_date) = if self.step >= DAY {
            let (year, month_day) = date.split_at(4);
            let new_year = self.previous_date.as_deref().map(|d| &d[..4]) != Some(year);
            (
                month_day.trim_start_matches('-').to_owned(),
                new_year.then(|| year.to_owned()),
            )
        } else {
            let new_day = self.previous_date.as_deref() != Some(date.as_str());
            (time, new_day.then(|| date.clone()))
        };
        self.previous_date = Some(date);
        let widest = text_width(&time, SMALL)
            .max(shown_date.as_deref().map_or(0.0, |d| text_width(d, SMALL)));
        Tick {
            x,
            anchor: fit_anchor(x, widest, self.limit),
            time,
            date: shown_date,
        }
    }
}

/// The last round local time at or before `local` for `step`.
pub(super) fn floor_local(local: NaiveDateTime, step: i64) -> NaiveDateTime {
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
