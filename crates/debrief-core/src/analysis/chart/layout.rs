//! The timeline chart laid out: everything positioned, text still raw — the axis, lanes and
//! events, impact windows and hypotheses, the legend.

use super::*;

#[derive(Debug)]
pub(super) struct Chart {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) ids: Ids,
    pub(super) title: String,
    pub(super) desc: String,
    pub(super) header: String,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) ticks: Vec<Tick>,
    pub(super) bottom_ticks_y: Option<f64>,
    /// Where grid lines, clock changes and impact bands stop: under the hypotheses.
    pub(super) plot_bottom: f64,
    pub(super) clock_changes: Vec<ClockChange>,
    pub(super) bands: Vec<Band>,
    pub(super) lanes: Vec<Lane>,
    pub(super) note: Option<Label>,
    pub(super) hypotheses: Option<HypothesisBand>,
    pub(super) legend: Vec<LegendItem<Symbol>>,
    pub(super) detailed: bool,
}

/// A span shaded across the plot (an impact window, a quiet gap), with its tooltip and
/// perhaps a label.
#[derive(Debug)]
pub(crate) struct Band {
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) title: String,
    pub(crate) label: Option<Label>,
}

#[derive(Debug)]
pub(super) struct Lane {
    pub(super) name: Label,
    /// The whole name, when the label had to be shortened.
    pub(super) full_name: Option<String>,
    /// Tooltip for the lane group in compact mode.
    pub(super) summary: String,
    pub(super) top: f64,
    pub(super) height: f64,
    pub(super) mark_y: f64,
    pub(super) marks: Vec<Mark>,
    pub(super) labels: Vec<KeyLabel>,
}

#[derive(Debug)]
pub(super) struct Mark {
    pub(super) x: f64,
    /// End of the duration bar, when the event has one.
    pub(super) bar: Option<(f64, f64)>,
    pub(super) kind: EventKind,
    pub(super) key: bool,
    /// `false` when only the bar is in range (the event started before a zoom).
    pub(super) point: bool,
    /// Set for the events drawn as their own element.
    pub(super) title: Option<String>,
    /// Where the event may have been, when its time is not exact: drawn as a dashed line
    /// through the mark (to the left for "before", the right for "after", the whole span
    /// for "between" or a day, a little either side for "about").
    pub(super) uncertain: Option<(f64, f64)>,
}

#[derive(Debug)]
pub(super) struct KeyLabel {
    pub(super) leader_x: f64,
    pub(super) leader_top: f64,
    pub(super) leader_bottom: f64,
    pub(super) label: Label,
}

#[derive(Debug)]
pub(super) struct HypothesisBand {
    pub(super) heading: Label,
    pub(super) bars: Vec<HypothesisBar>,
}

#[derive(Debug)]
pub(super) struct HypothesisBar {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) status: HypothesisStatus,
    /// Still open (or its end not recorded, or beyond the zoom): drawn with an arrow.
    pub(super) continues: bool,
    pub(super) label: Option<Label>,
    pub(super) title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Symbol {
    Kind(EventKind),
    Key,
    Duration,
    Uncertain,
    Impact,
    Hypothesis(HypothesisStatus),
}

pub(super) fn chart_width(options: &ChartOptions) -> f64 {
    f64::from(options.width.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Positions every part of the chart; `None` when nothing has a time.
pub(super) fn layout(
    review: &Review,
    zones: &dyn TimeZones,
    options: &ChartOptions,
) -> Option<Chart> {
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

    let mut bands = impact_bands(
        review,
        &frame,
        frame.right + RIGHT_MARGIN - 2.0,
        |a, b| clock.span(a, b),
        |t| clock.at(t),
    );
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
    let (legend, legend_rows) = flow_legend(&symbols, symbol_text, y, width);
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

pub(super) fn header_text(zone: &Zone<'_>, known: bool, asked: &str, offsets: &[i32]) -> String {
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

pub(super) struct LaneSpec {
    pub(super) name: String,
    /// `false` for "Not attributed".
    pub(super) person: bool,
}

/// Which lane each event goes to.
pub(super) struct LanePlan<'r> {
    pub(super) specs: Vec<LaneSpec>,
    pub(super) by_person_id: BTreeMap<&'r str, usize>,
    pub(super) unattributed: Option<usize>,
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
pub(super) fn plan_lanes<'r>(review: &'r Review, events: &[&TimelineEvent]) -> LanePlan<'r> {
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
pub(super) fn place_events<'r>(
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
pub(super) const UNCERTAIN_PX: f64 = 18.0;
pub(super) const UNCERTAIN_PAINT: &str =
    " fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.7\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"";

/// Why no event is drawn, in the reader's terms: outside the zoom, none shown in this (public)
/// version, or none with a time at all.
pub(super) fn empty_lanes_note(
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
pub(super) struct Rows {
    pub(super) rows: Vec<Vec<(f64, f64)>>,
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

pub(super) fn layout_lane(
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
pub(super) fn lane_summary(name: &str, marks: &[Mark], detailed: bool) -> String {
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
pub(super) fn event_title(event: &TimelineEvent, clock: &Clock<'_>) -> String {
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
pub(super) fn impact_annotation(
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

/// The review's impact windows as bands across the plot, left to right, each titled with
/// when it was (`span`, or `at` while its end is not recorded, on the chart's own clock) and
/// labelled with what was affected. Labels stay left of `limit`.
pub(crate) fn impact_bands(
    review: &Review,
    frame: &Frame,
    limit: f64,
    span: impl Fn(&Timestamp, &Timestamp) -> String,
    at: impl Fn(&Timestamp) -> String,
) -> Vec<Band> {
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
            Some(end) => format!("Impact {}", span(&start, &end)),
            None => format!("Impact from {}, end not recorded", at(&start)),
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

pub(super) fn hypothesis_bars(
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
pub(super) fn pack_hypotheses(
    bars: &mut [HypothesisBar],
    left: f64,
    right: f64,
) -> (Vec<usize>, usize) {
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

pub(super) fn symbol_text(symbol: Symbol) -> String {
    match symbol {
        Symbol::Kind(kind) => kind.label().to_owned(),
        Symbol::Key => "Key event (larger, labelled)".to_owned(),
        Symbol::Duration => "Event with a duration".to_owned(),
        Symbol::Uncertain => "Time not exact (dashed: when it may have been)".to_owned(),
        Symbol::Impact => "Impact window".to_owned(),
        Symbol::Hypothesis(status) => format!("Hypothesis {}", status.label().to_lowercase()),
    }
}

/// "Timeline of 42 events by 5 people from 02:20 to 09:45 PST, 2 impact windows,
/// 2 hypotheses. Times in America/Los_Angeles, UTC-08:00."
pub(super) fn describe(
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
pub(super) struct Clock<'z> {
    pub(super) zone: &'z Zone<'z>,
    pub(super) with_date: bool,
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
