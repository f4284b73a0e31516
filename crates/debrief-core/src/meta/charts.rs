//! The meta-review report's charts: horizontal bar charts (the trigger taxonomy, incidents by
//! month) and a box-and-strip plot of the response durations.
//!
//! Built under the timeline chart's safety rules ([`crate::analysis::chart`]): only `svg`,
//! `g`, `path`, `rect`, `text`, `title` and `desc`; styling by presentation attributes; every
//! piece of text through `markup::Attr` (via `write_text` and `open_root`); ids only from a sanitised
//! prefix. Callers pass text that is already what the audience may see (scrubbed for the
//! public report); nothing here looks at a review.

use super::figures::FiveNumbers;
use crate::analysis::chart::{fit_text, open_root, write_text, Anchor, Ids, Label, N, SMALL};
use crate::markup::Attr;
use crate::time::format_duration;
use chrono::TimeDelta;
use std::fmt::Write;

/// Writes to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 180.0;
const RIGHT: f64 = 600.0;
const TOP: f64 = 10.0;
const BAR_ROW: f64 = 26.0;
const BAR_H: f64 = 16.0;
const BAR_COLOUR: &str = "#4e79a7";

/// One bar: its label, its count and the tooltip naming what it counts.
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) count: usize,
    pub(crate) tooltip: String,
}

/// Bars from a common zero, longest count full width, each with its count at its end.
pub(crate) fn bar_chart_svg(id_prefix: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let ids = Ids::new(id_prefix);
    let height = TOP * 2.0 + BAR_ROW * bars.len().max(1) as f64;
    let mut out = String::with_capacity(512 + bars.len() * 256);
    open_root(&mut out, &ids, WIDTH, height, title, desc);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let plot = RIGHT - LABEL_W - 40.0;
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + BAR_ROW * i as f64;
        let (label, _) = fit_text(&bar.label, SMALL, LABEL_W - 12.0);
        write_text(
            &mut out,
            &Label {
                x: LABEL_W - 8.0,
                y: y + BAR_H - 3.0,
                anchor: Anchor::End,
                text: label,
            },
            "",
            Some(&bar.label),
        );
        let w = plot * bar.count as f64 / max;
        if bar.count > 0 {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BAR_COLOUR}\">\
                 <title>{}</title></rect>",
                N(LABEL_W),
                N(y),
                N(w),
                N(BAR_H),
                Attr(&bar.tooltip)
            );
        }
        write_text(
            &mut out,
            &Label {
                x: LABEL_W + w + 6.0,
                y: y + BAR_H - 3.0,
                anchor: Anchor::Start,
                text: bar.count.to_string(),
            },
            " font-weight=\"600\"",
            None,
        );
    }
    w!(
        out,
        "<path d=\"M{} {}V{}\" stroke=\"currentColor\" stroke-opacity=\"0.5\" fill=\"none\"/>",
        N(LABEL_W),
        N(TOP - 4.0),
        N(height - TOP + 4.0)
    );
    out.push_str("</svg>");
    out
}

/// One row of the duration plot: a metric, its values (each with a tooltip) and their five
/// numbers.
pub(crate) struct Strip {
    pub(crate) label: String,
    pub(crate) points: Vec<(String, TimeDelta)>,
    pub(crate) summary: Option<FiveNumbers>,
}

const STRIP_ROW: f64 = 44.0;
const AXIS_H: f64 = 28.0;
const BOX_H: f64 = 16.0;
const POINT: f64 = 6.0;

/// Nice tick steps, in seconds: minutes to days.
const STEPS: [i64; 14] = [
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];

/// A box from lower to upper quartile with the median marked, whiskers to min and max, and
/// every value as a square on the row, all on one linear axis from zero.
pub(crate) fn distribution_svg(id_prefix: &str, title: &str, desc: &str, rows: &[Strip]) -> String {
    let ids = Ids::new(id_prefix);
    let height = TOP + STRIP_ROW * rows.len().max(1) as f64 + AXIS_H;
    let mut out = String::with_capacity(1024 + rows.len() * 1024);
    open_root(&mut out, &ids, WIDTH, height, title, desc);
    let longest = rows
        .iter()
        .flat_map(|r| r.points.iter().map(|(_, d)| d.num_seconds()))
        .max()
        .unwrap_or(0)
        .max(60);
    let step = STEPS
        .iter()
        .copied()
        .find(|step| longest / step < 6)
        .unwrap_or(longest / 5 + 1);
    let axis_max = ((longest + step - 1) / step) * step;
    let x = |d: TimeDelta| LABEL_W + (RIGHT - LABEL_W) * d.num_seconds() as f64 / axis_max as f64;
    let axis_y = TOP + STRIP_ROW * rows.len().max(1) as f64;

    // Grid and tick labels.
    let mut tick = 0;
    while tick <= axis_max {
        let tx = x(TimeDelta::seconds(tick));
        w!(
            out,
            "<path d=\"M{} {}V{}\" stroke=\"currentColor\" stroke-opacity=\"0.15\" fill=\"none\"/>",
            N(tx),
            N(TOP),
            N(axis_y)
        );
        write_text(
            &mut out,
            &Label {
                x: tx,
                y: axis_y + 16.0,
                anchor: Anchor::Middle,
                text: format_duration(TimeDelta::seconds(tick)),
            },
            " font-size=\"11\"",
            None,
        );
        tick += step;
    }

    for (i, row) in rows.iter().enumerate() {
        let mid = TOP + STRIP_ROW * i as f64 + STRIP_ROW / 2.0;
        let (label, _) = fit_text(&row.label, SMALL, LABEL_W - 12.0);
        write_text(
            &mut out,
            &Label {
                x: LABEL_W - 8.0,
                y: mid + 4.0,
                anchor: Anchor::End,
                text: label,
            },
            "",
            Some(&row.label),
        );
        w!(out, "<g>");
        if let Some(five) = &row.summary {
            let tooltip = format!(
                "{}: lowest {}, lower quartile {}, median {}, upper quartile {}, highest {}",
                row.label,
                format_duration(five.min),
                format_duration(five.lower_quartile),
                format_duration(five.median),
                format_duration(five.upper_quartile),
                format_duration(five.max)
            );
            w!(
                out,
                "<path d=\"M{} {}H{}M{} {}V{}M{} {}V{}\" stroke=\"{BAR_COLOUR}\" fill=\"none\"/>",
                N(x(five.min)),
                N(mid),
                N(x(five.max)),
                N(x(five.min)),
                N(mid - 6.0),
                N(mid + 6.0),
                N(x(five.max)),
                N(mid - 6.0),
                N(mid + 6.0)
            );
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BAR_COLOUR}\" \
                 fill-opacity=\"0.3\" stroke=\"{BAR_COLOUR}\"><title>{}</title></rect>",
                N(x(five.lower_quartile)),
                N(mid - BOX_H / 2.0),
                N((x(five.upper_quartile) - x(five.lower_quartile)).max(1.0)),
                N(BOX_H),
                Attr(&tooltip)
            );
            w!(
                out,
                "<path d=\"M{} {}V{}\" stroke=\"currentColor\" stroke-width=\"2\" fill=\"none\"/>",
                N(x(five.median)),
                N(mid - BOX_H / 2.0),
                N(mid + BOX_H / 2.0)
            );
        }
        for (tooltip, duration) in &row.points {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\" \
                 fill-opacity=\"0.75\"><title>{}</title></rect>",
                N(x(*duration) - POINT / 2.0),
                N(mid + BOX_H / 2.0 + 2.0),
                N(POINT),
                N(POINT),
                Attr(tooltip)
            );
        }
        out.push_str("</g>");
    }
    w!(
        out,
        "<path d=\"M{} {}H{}\" stroke=\"currentColor\" stroke-opacity=\"0.5\" fill=\"none\"/>",
        N(LABEL_W),
        N(axis_y),
        N(RIGHT)
    );
    out.push_str("</svg>");
    out
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::analysis::chart::tests::assert_inert;

    const HOSTILE: &str = "</svg><script>alert(1)</script>\"' onload=x \u{202E}&amp;";

    #[test]
    fn bar_charts_are_inert_and_hostile_text_stays_text() {
        let bars = vec![
            Bar {
                label: HOSTILE.to_owned(),
                count: 3,
                tooltip: HOSTILE.to_owned(),
            },
            Bar {
                label: "None".to_owned(),
                count: 0,
                tooltip: String::new(),
            },
        ];
        let svg = bar_chart_svg("meta\"><x", HOSTILE, HOSTILE, &bars);
        let root = assert_inert(&svg);
        assert_eq!(root.all("rect").len(), 1, "an empty bar is not drawn");
        assert!(!svg.contains("<script"));
        // An empty chart is still a chart.
        assert_inert(&bar_chart_svg("empty", "t", "d", &[]));
    }

    #[test]
    fn the_duration_plot_is_inert_with_a_box_per_measured_row() {
        let m = TimeDelta::minutes;
        let rows = vec![
            Strip {
                label: "Time to detect".to_owned(),
                points: vec![(HOSTILE.to_owned(), m(5)), ("b".to_owned(), m(35))],
                summary: super::super::figures::five_numbers(&[m(5), m(35)]),
            },
            Strip {
                label: HOSTILE.to_owned(),
                points: Vec::new(),
                summary: None,
            },
        ];
        let svg = distribution_svg("durations", "Durations", HOSTILE, &rows);
        let root = assert_inert(&svg);
        // One box and two points.
        assert_eq!(root.all("rect").len(), 3);
        assert!(
            svg.contains(">40 min<"),
            "the axis reaches past the longest value"
        );
        assert_inert(&distribution_svg("none", "t", "d", &[]));
    }
}
