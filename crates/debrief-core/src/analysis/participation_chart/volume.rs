//! The volume chart: one row of bars per speaker or team over the incident's time, with
//! presence, quiet gaps and impact windows behind them; laid out first, then written.

use super::*;

// ---------------------------------------------------------------------------------------------
// Layout of the volume chart: everything positioned, text still raw.

#[derive(Debug)]
pub(super) struct VolumeChart {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) ids: Ids,
    pub(super) title: String,
    pub(super) desc: String,
    pub(super) header: String,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) plot_top: f64,
    pub(super) plot_bottom: f64,
    pub(super) ticks: Vec<Tick>,
    pub(super) bottom_ticks_y: Option<f64>,
    pub(super) impact: Vec<Band>,
    pub(super) gaps: Vec<Band>,
    pub(super) presence: Option<PresenceRow>,
    pub(super) rows: Vec<Row>,
    pub(super) note: Option<Label>,
    pub(super) legend: Vec<LegendItem<Symbol>>,
    /// Every bar its own element with a tooltip (else one path per row).
    pub(super) detailed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    Alerts,
    Voice,
    Others,
}

#[derive(Debug)]
pub(super) struct Row {
    pub(super) kind: RowKind,
    pub(super) name: Label,
    /// The whole name, when the label had to be shortened.
    pub(super) full_name: Option<String>,
    pub(super) count: Label,
    pub(super) top: f64,
    pub(super) baseline: f64,
    pub(super) bars: Vec<Bar>,
    /// Tooltip of the row's path when bars are merged.
    pub(super) summary: String,
}

#[derive(Debug)]
pub(super) struct Bar {
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) title: String,
}

#[derive(Debug)]
pub(super) struct PresenceRow {
    pub(super) name: Label,
    pub(super) count: Label,
    pub(super) top: f64,
    pub(super) baseline: f64,
    /// (x0, x1, height) per drawn bin.
    pub(super) steps: Vec<(f64, f64, f64)>,
    pub(super) title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Symbol {
    Messages,
    Others,
    Alerts,
    Present,
    Impact,
    Quiet,
}

/// The buckets as drawn: consecutive buckets merged when they would be too thin.
pub(super) struct Bins {
    /// Buckets per bin.
    pub(super) merge: usize,
    /// (start, end) of each bin, on the incident's clock.
    pub(super) spans: Vec<(Timestamp, Timestamp)>,
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
pub(super) struct Clock {
    pub(super) with_date: bool,
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
pub(super) fn on_clock(participation: &Participation, t: &Timestamp) -> Timestamp {
    let starts = &participation.bucket_starts;
    let i = starts.partition_point(|s| s <= t).saturating_sub(1);
    starts
        .get(i)
        .map_or(*t, |start| t.with_timezone(start.offset()))
}

pub(super) fn layout(
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
    // Labelled on the incident's clock, as the axis is.
    let mut impact = impact_bands(
        review,
        &frame,
        frame.right + RIGHT_MARGIN - 2.0,
        |a, b| clock.span(&on_clock(participation, a), &on_clock(participation, b)),
        |t| clock.at(&on_clock(participation, t)),
    );
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
    let (legend, legend_rows) = legend::flow_legend(
        &symbols,
        |symbol| symbol_text(symbol, participation),
        y,
        width,
    );
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

/// One row's worth of what is drawn.
pub(super) struct Voice {
    pub(super) kind: RowKind,
    pub(super) name: String,
    pub(super) total: usize,
    pub(super) counts: Vec<usize>,
}

/// The rows of people: the [`MAX_ROWS`] most active speakers or teams, then the rest summed.
pub(super) fn voices(participation: &Participation, group_by: GroupBy, bins: &Bins) -> Vec<Voice> {
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

pub(super) fn speaker_name(speaker: &Speaker) -> String {
    let name = one_line(&speaker.name);
    if name.is_empty() {
        "(no name)".to_owned()
    } else {
        name
    }
}

/// Label column: the name on the left, the count right-aligned against the plot.
pub(super) fn row_labels(
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
pub(super) struct Plot<'a> {
    pub(super) bins: &'a Bins,
    pub(super) frame: &'a Frame,
    pub(super) clock: &'a Clock,
}

/// A row of bars, `max` being the count that fills a bar.
pub(super) fn row(
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

pub(super) fn presence_row(
    participation: &Participation,
    plot: &Plot<'_>,
    top: f64,
) -> Option<PresenceRow> {
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

/// Bands for the longest gaps only: hundreds of dashed bands over a month would hide the bars.
pub(super) fn gap_bands(participation: &Participation, frame: &Frame, clock: &Clock) -> Vec<Band> {
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
pub(super) fn ticks(participation: &Participation, frame: &Frame) -> Vec<Tick> {
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
    let mut labels = TickLabels::new(step, frame.right + RIGHT_MARGIN - 2.0);
    let mut ticks = Vec::with_capacity(chosen.len());
    let mut last_x = f64::NEG_INFINITY;
    for t in chosen {
        let x = frame.x(t);
        if x - last_x < MIN_TICK_PX * 0.75 {
            continue;
        }
        ticks.push(labels.tick(
            x,
            t.format("%Y-%m-%d").to_string(),
            t.format("%H:%M").to_string(),
        ));
        last_x = x;
    }
    ticks
}

pub(super) fn symbol_text(symbol: Symbol, participation: &Participation) -> String {
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

// ---------------------------------------------------------------------------------------------
// Writing: the only place markup is produced.

pub(super) fn write_volume(chart: &VolumeChart) -> String {
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
pub(super) fn write_backdrop(out: &mut String, chart: &VolumeChart) {
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

pub(super) fn write_axis(out: &mut String, chart: &VolumeChart) {
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

pub(super) fn row_colour(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Alerts => ALERT_COLOUR,
        RowKind::Voice => MESSAGE_COLOUR,
        RowKind::Others => OTHERS_COLOUR,
    }
}

pub(super) fn write_row(out: &mut String, row: &Row, detailed: bool) {
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

pub(super) fn write_presence(out: &mut String, row: &PresenceRow) {
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

pub(super) fn write_legend(out: &mut String, chart: &VolumeChart) {
    legend::write_legend(out, &chart.legend, |out, item| {
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
            Symbol::Impact => write_impact_swatch(out, x, y),
            Symbol::Quiet => w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"currentColor\" \
                 fill-opacity=\"0.07\" stroke=\"currentColor\" stroke-opacity=\"0.4\" \
                 stroke-dasharray=\"2 3\"/>",
                N(x),
                N(y)
            ),
        }
    });
}
