//! The timeline chart written: lanes, marks, hypotheses, the backdrop and the legend's
//! symbols, over the SVG kit in `svg.rs`.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
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
pub(super) struct KindStyle {
    pub(super) shape: Shape,
    pub(super) filled: bool,
    pub(super) colour: &'static str,
}

pub(super) fn kind_style(kind: EventKind) -> KindStyle {
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
pub(super) fn kind_paint(style: KindStyle, key: bool) -> String {
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
pub(super) fn status_paint(status: HypothesisStatus) -> (&'static str, Option<&'static str>) {
    match status {
        HypothesisStatus::Open => ("#4e79a7", Some("5 3")),
        HypothesisStatus::Supported => ("#59a14f", None),
        HypothesisStatus::Falsified => ("#e15759", None),
        HypothesisStatus::Abandoned => ("#8c8c8c", Some("1.5 2.5")),
    }
}

/// One subpath of `shape` centred on (x, y).
pub(super) fn push_shape(d: &mut String, shape: Shape, x: f64, y: f64, r: f64) {
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

pub(super) fn push_bar(d: &mut String, x0: f64, x1: f64, y: f64) {
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

pub(super) fn write_svg(chart: &Chart) -> String {
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
pub(super) fn write_backdrop(out: &mut String, chart: &Chart) {
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

pub(super) fn write_axis(out: &mut String, chart: &Chart) {
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

pub(super) fn write_lane(out: &mut String, lane: &Lane, detailed: bool) {
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
pub(super) fn write_mark(out: &mut String, mark: &Mark, style: KindStyle, y: f64, r: f64) {
    let mut d = String::new();
    push_shape(&mut d, style.shape, mark.x, y, r);
    w!(
        out,
        "<path d=\"{d}\"><title>{}</title></path>",
        Attr(mark.title.as_deref().unwrap_or_default())
    );
}

pub(super) fn write_hypotheses(out: &mut String, band: &HypothesisBand) {
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

pub(super) fn write_legend(out: &mut String, chart: &Chart) {
    legend::write_legend(out, &chart.legend, |out, item| {
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
            Symbol::Impact => write_impact_swatch(out, x - 7.0, y - 6.0),
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
    });
}
