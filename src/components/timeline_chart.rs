//! The visual timeline in the editor: the SVG `debrief-core` draws (the same drawing goes
//! into reports), set as markup, with zoom controls.

use super::fields::TimeField;
use super::settled::settled_after_pause;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::analysis::chart::{full_range, render_timeline_svg, ChartOptions};
use debrief_core::model::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

/// How long edits must pause before the chart is redrawn.
const REDRAW_DELAY: Duration = Duration::from_millis(400);

/// The visual timeline, drawn by `debrief-core` as an SVG string (the same drawing goes into
/// reports), with zoom controls.
#[component]
pub fn TimelineChart(zone: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let range = RwSignal::new(None::<(Timestamp, Timestamp)>);
    // Redrawing a large chart costs more than a keystroke may: the drawing follows the review
    // once edits pause, while zoom and zone changes redraw at once.
    let settled = settled_after_pause(move || session.document.track(), REDRAW_DELAY);
    let svg = Memo::new(move |_| {
        if settled.get() == 0 {
            return String::new();
        }
        let options = ChartOptions {
            zone: zone.get(),
            range: range.get(),
            width: 960,
            id_prefix: "chart".to_owned(),
            include_internal: true,
        };
        session
            .document
            .with_untracked(|r| render_timeline_svg(r, &BROWSER_ZONES, &options))
    });
    let zoom = move |factor: f64| {
        let current = range
            .get_untracked()
            .or_else(|| session.document.with_untracked(full_range));
        if let Some((start, end)) = current {
            let middle = start + (end - start) / 2;
            let half = chrono::TimeDelta::milliseconds(
                (((end - start).num_milliseconds() as f64) * factor / 2.0) as i64,
            );
            range.set(Some((middle - half, middle + half)));
        }
    };
    view! {
        <section class="panel chart-panel" aria-labelledby="chart-heading">
            <div class="panel-head">
                <h2 id="chart-heading">"Visual timeline"</h2>
                <div class="chart-controls" role="group" aria-label="Zoom">
                    <button type="button" on:click=move |_| zoom(0.5)>"Zoom in"</button>
                    <button type="button" on:click=move |_| zoom(2.0)>"Zoom out"</button>
                    <button type="button" on:click=move |_| range.set(None)>"Whole incident"</button>
                </div>
            </div>
            <ZoomToRange range=range zone=zone />
            <div class="chart" inner_html=move || svg.get()></div>
        </section>
    }
}

/// Zoom to a range typed as two times, read like any other time in the editor.
#[component]
fn ZoomToRange(
    range: RwSignal<Option<(Timestamp, Timestamp)>>,
    zone: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let date = Memo::new(move |_| session.document.with(|r| r.incident_date(&BROWSER_ZONES)));
    let start = Signal::derive(move || range.get().map(|(s, _)| s));
    let end = Signal::derive(move || range.get().map(|(_, e)| e));
    // One end typed before the other exists: the other end comes from the whole incident.
    let whole = move || session.document.with_untracked(full_range);
    let set = move |from: Option<Timestamp>, to: Option<Timestamp>| -> Result<(), String> {
        let (Some(from), Some(to)) = (
            from.or_else(|| whole().map(|w| w.0)),
            to.or_else(|| whole().map(|w| w.1)),
        ) else {
            range.set(None);
            return Ok(());
        };
        if to <= from {
            return Err("The end of the range must come after its start.".to_owned());
        }
        range.set(Some((from, to)));
        Ok(())
    };
    view! {
        <div class="grid zoom-range" role="group" aria-label="Zoom to a range">
            <TimeField
                label="Show from"
                value=start
                zone=zone
                default_date=date
                on_commit={move |v: Option<Timestamp>| set(v, range.get_untracked().map(|(_, e)| e))}
            />
            <TimeField
                label="Show until"
                value=end
                zone=zone
                default_date=date
                on_commit={move |v: Option<Timestamp>| set(range.get_untracked().map(|(s, _)| s), v)}
            />
        </div>
    }
}
