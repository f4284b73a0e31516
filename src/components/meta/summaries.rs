//! A few sentences per incident, prefilled from each review's own summary.

use super::super::banners::UndoToast;
use super::super::fields::TextArea;
use super::{Coverage, Labels};
use crate::routing::Route;
use crate::session::MetaSession;
use debrief_core::model::ReviewId;
use leptos::prelude::*;

/// Summaries shown before "Show all": a meta-review of hundreds of incidents still opens at
/// once, and its figures are what such a review is read for.
const SUMMARY_ROWS: usize = 20;

#[derive(Clone, PartialEq, Eq, Hash)]
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
    let labels = expect_context::<Labels>().0;
    let show_all = RwSignal::new(false);
    // Covered ones in incident order, then deleted ones (as the labels number them), then
    // those no longer covered.
    let entries = Memo::new(move |_| {
        coverage.with(|c| {
            session.document.with(|m| {
                let has_summary = |id: &ReviewId| m.summaries.iter().any(|s| &s.review == id);
                let mut rows: Vec<(ReviewId, Standing)> = c
                    .reviews
                    .iter()
                    .map(|id| (id.clone(), Standing::Covered))
                    .collect();
                rows.extend(
                    c.missing
                        .iter()
                        .filter(|id| has_summary(id))
                        .map(|id| (id.clone(), Standing::Missing)),
                );
                rows.extend(
                    m.summaries
                        .iter()
                        .filter(|s| {
                            !c.reviews.contains(&s.review) && !c.missing.contains(&s.review)
                        })
                        .map(|s| (s.review.clone(), Standing::Dropped)),
                );
                rows
            })
        })
    });
    let dropped = Memo::new(move |_| {
        entries.with(|e| e.iter().filter(|(_, s)| *s == Standing::Dropped).count())
    });
    let remove_all = move |_| {
        let (covered, missing) =
            coverage.with_untracked(|c| (c.reviews.clone(), c.missing.clone()));
        let count = dropped.get_untracked();
        session.change_with_undo(
            format!(
                "Removed {count} summar{} no longer covered.",
                if count == 1 { "y" } else { "ies" }
            ),
            move |m| {
                let removed = m.remove_uncovered_summaries(&covered, &missing);
                (!removed.is_empty()).then(|| {
                    Box::new(move |m: &mut debrief_core::meta::MetaReview| {
                        m.restore_summaries(&removed)
                    })
                        as Box<dyn Fn(&mut debrief_core::meta::MetaReview) + Send + Sync>
                })
            },
        );
    };
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
                        // An entry is drawn again when its label changes (the selection
                        // renumbered it), so its field's accessible name follows.
                        labels.with(|l| entries.with(|e| e.iter().take(limit).map(|(id, standing)| (id.clone(), standing.clone(), l.text(id))).collect::<Vec<_>>()))
                    }
                    key=|(id, standing, label)| (id.clone(), standing.clone(), label.clone())
                    children=move |(id, standing, _)| view! { <SummaryEntry id=id standing=standing /> }
                />
            </ol>
            <Show when=move || { dropped.get() > 1 }>
                <p class="hint">
                    {move || format!("{} summaries are of reviews no longer covered. ", dropped.get())}
                    <button type="button" class="link-button" on:click=remove_all>
                        {move || format!("Remove all {} summaries no longer covered", dropped.get())}
                    </button>
                </p>
            </Show>
            <UndoSummaryRemoval />
            <Show when=move || !show_all.get() && entries.with(|e| e.len() > SUMMARY_ROWS)>
                <button type="button" on:click=move |_| show_all.set(true)>
                    {move || format!("Show all {} incidents", entries.with(Vec::len))}
                </button>
            </Show>
        </section>
    }
}

/// The last removal of summaries, offered for undo until the next one.
#[component]
fn UndoSummaryRemoval() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    view! {
        <UndoToast
            message=Signal::derive(move || session.removal.with(|r| r.as_ref().map(|r| r.message.clone())))
            on_undo=move |()| session.undo_change()
        />
    }
}

#[component]
fn SummaryEntry(id: ReviewId, standing: Standing) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let labels = expect_context::<Labels>().0;
    let summary = {
        let id = id.clone();
        Memo::new(move |_| {
            session
                .document
                .with(|m| m.summaries.iter().find(|s| s.review == id).cloned())
        })
    };
    let name = {
        let id = id.clone();
        Memo::new(move |_| labels.with(|l| l.text(&id)))
    };
    let edit_id = id.clone();
    let remove_id = id.clone();
    let note = match standing {
        Standing::Covered => view! {
            <a href=Route::review(id.clone()).href() aria-label=move || format!("Open the review {}", name.get())>"Open the review"</a>
        }.into_any(),
        Standing::Missing => view! { <p class="badge">"Deleted from the workbook: this summary is all that is left of it here"</p> }.into_any(),
        Standing::Dropped => view! {
            <p class="hint">
                "No longer covered by the selection. "
                <button
                    type="button"
                    class="link-button"
                    aria-label=move || format!("Remove the summary of {}", name.get())
                    on:click=move |_| {
                        let id = remove_id.clone();
                        session.change_with_undo(format!("Removed the summary of {}.", name.get_untracked()), move |m| {
                            let place = m.summaries.iter().position(|s| s.review == id)?;
                            let removed = vec![(place, m.summaries.remove(place))];
                            Some(Box::new(move |m: &mut debrief_core::meta::MetaReview| m.restore_summaries(&removed)))
                        });
                    }
                >"Remove this summary"</button>
            </p>
        }.into_any(),
    };
    view! {
        <li class="incident-summary">
            <h3>{move || name.get()}</h3>
            {note}
            <TextArea
                label=format!("Summary of {}", name.get_untracked())
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
