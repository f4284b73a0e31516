//! A few sentences per incident, prefilled from each review's own summary.

use super::super::fields::TextArea;
use super::Coverage;
use crate::routing::Route;
use crate::session::MetaSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::model::ReviewId;
use debrief_core::time::{format_instant, Zone};
use leptos::prelude::*;

/// Summaries shown before "Show all": a meta-review of hundreds of incidents still opens at
/// once, and its figures are what such a review is read for.
const SUMMARY_ROWS: usize = 20;

#[derive(Clone, PartialEq)]
enum Standing {
    Covered,
    /// Deleted from the workbook since.
    Missing,
    /// Still in the workbook, no longer selected.
    Dropped,
}

#[component]
pub fn Summaries() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let coverage = expect_context::<Coverage>().0;
    let show_all = RwSignal::new(false);
    // Covered ones in incident order, then those no longer covered.
    let entries = Memo::new(move |_| {
        coverage.with(|c| {
            session.meta.with(|m| {
                let mut rows: Vec<(ReviewId, Standing)> = c
                    .reviews
                    .iter()
                    .map(|id| (id.clone(), Standing::Covered))
                    .collect();
                for s in &m.summaries {
                    if !c.reviews.contains(&s.review) {
                        let standing = if c.missing.contains(&s.review) {
                            Standing::Missing
                        } else {
                            Standing::Dropped
                        };
                        rows.push((s.review.clone(), standing));
                    }
                }
                rows
            })
        })
    });
    view! {
        <section class="panel" aria-labelledby="meta-summaries-heading">
            <h2 id="meta-summaries-heading">"The incidents"</h2>
            <p class="hint">"A short account of each, as the people who handled it would tell it. Prefilled from each review's summary; edit freely, the review is not changed."</p>
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="empty">"Pick the reviews this meta-review covers above."</p>
            </Show>
            <ol class="incident-summaries">
                <For
                    each=move || {
                        let limit = if show_all.get() { usize::MAX } else { SUMMARY_ROWS };
                        entries.with(|e| e.iter().take(limit).cloned().collect::<Vec<_>>())
                    }
                    key=|(id, standing)| (id.clone(), standing.clone() == Standing::Covered)
                    children=move |(id, standing)| view! { <SummaryEntry id=id standing=standing /> }
                />
            </ol>
            <Show when=move || !show_all.get() && entries.with(|e| e.len() > SUMMARY_ROWS)>
                <button type="button" on:click=move |_| show_all.set(true)>
                    {move || format!("Show all {} incidents", entries.with(Vec::len))}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn SummaryEntry(id: ReviewId, standing: Standing) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let summary = {
        let id = id.clone();
        Memo::new(move |_| {
            session
                .meta
                .with(|m| m.summaries.iter().find(|s| s.review == id).cloned())
        })
    };
    let heading = move || {
        summary.with(|s| {
            let Some(s) = s else { return String::new() };
            let zone = session.meta.with(|m| m.time_zone.clone());
            let date = s
                .incident_start
                .map(|at| format_instant(&at, &Zone::find_or_utc(&BROWSER_ZONES, &zone)).date)
                .map(|d| format!("{d} \u{2014} "))
                .unwrap_or_default();
            format!("{date}{}", s.title)
        })
    };
    let label = move || {
        summary.with(|s| format!("Summary of {}", s.as_ref().map_or("", |s| s.title.as_str())))
    };
    let edit_id = id.clone();
    let remove_id = id.clone();
    let note = match standing {
        Standing::Covered => view! { <a href=Route::review(id.clone()).href()>"Open the review"</a> }.into_any(),
        Standing::Missing => view! { <p class="badge">"Deleted from the workbook: this summary is all that is left of it here"</p> }.into_any(),
        Standing::Dropped => view! {
            <p class="hint">
                "No longer covered by the selection. "
                <button type="button" class="link-button" on:click=move |_| {
                    let id = remove_id.clone();
                    session.edit(|m| m.summaries.retain(|s| s.review != id));
                }>"Remove this summary"</button>
            </p>
        }.into_any(),
    };
    view! {
        <li class="incident-summary">
            <h3>{heading}</h3>
            {note}
            <TextArea
                label=untrack(label)
                rows=3
                value=Signal::derive(move || summary.with(|s| s.as_ref().map(|s| s.text.clone()).unwrap_or_default()))
                on_input=move |v: String| {
                    let id = edit_id.clone();
                    session.edit(|m| if let Some(s) = m.summaries.iter_mut().find(|s| s.review == id) { s.text = v; })
                }
            />
        </li>
    }
}
