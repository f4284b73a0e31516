//! Marking several entries at once (public, internal, key), each change with Undo. Real
//! reviews have dozens of events and factors to mark before publishing.

use crate::session::ReviewSession;
use debrief_core::edit::MarksBefore;
use debrief_core::model::{EntityId, Review, Visibility};
use leptos::prelude::*;
use std::collections::HashSet;

/// The bar that marks the selected entries. `shown` counts the entries on show and
/// `shown_ids` lists them, asked only when "Select all" is pressed (not on every edit of a
/// long list); `noun` names one and several of them; `with_key` offers key marks (events).
#[component]
pub fn BulkMarks(
    noun: (&'static str, &'static str),
    #[prop(into)] shown: Signal<usize>,
    #[prop(into)] shown_ids: Callback<(), Vec<EntityId>>,
    selected: RwSignal<HashSet<EntityId>>,
    #[prop(optional)] with_key: bool,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let (one, many) = noun;
    let count = move || selected.with(HashSet::len);
    let select_all = move |_| selected.set(shown_ids.run(()).into_iter().collect());
    let mark = move |what: &'static str,
                     change: fn(&mut Review, &HashSet<EntityId>) -> MarksBefore| {
        let chosen = selected.get_untracked();
        let n = chosen.len();
        session.change_with_undo(
            format!("{what} {n} {}.", if n == 1 { one } else { many }),
            move |review| {
                let before = change(review, &chosen);
                (before.changed() > 0).then(|| {
                    Box::new(move |review: &mut Review| review.restore_marks(&before))
                        as Box<dyn Fn(&mut Review) + Send + Sync>
                })
            },
        );
    };
    view! {
        <div class="bulk-marks" role="group" aria-label=format!("Mark several {many}")>
            <span class="bulk-count" aria-live="polite">
                {move || match count() {
                    0 => format!("Select {many} to mark several at once."),
                    1 => format!("1 {one} selected."),
                    n => format!("{n} {many} selected."),
                }}
            </span>
            <button type="button" on:click=select_all>
                {move || format!("Select all {} shown", shown.get())}
            </button>
            <Show when=move || { count() > 0 }>
                <button type="button" on:click=move |_| mark("Made public:", |r, ids| r.set_visibility_of(ids, Visibility::Public))>"Make public"</button>
                <button type="button" on:click=move |_| mark("Made internal:", |r, ids| r.set_visibility_of(ids, Visibility::Internal))>"Make internal"</button>
                {with_key.then(|| view! {
                    <button type="button" on:click=move |_| mark("Marked key:", |r, ids| r.set_key_of(ids, true))>"Mark key"</button>
                    <button type="button" on:click=move |_| mark("Unmarked key:", |r, ids| r.set_key_of(ids, false))>"Unmark key"</button>
                })}
                <button type="button" on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
            </Show>
        </div>
    }
}

/// One entry's "select" box, named after the entry for screen readers and tests.
#[component]
pub fn SelectEntry(
    id: EntityId,
    #[prop(into)] name: Signal<String>,
    selected: RwSignal<HashSet<EntityId>>,
) -> impl IntoView {
    let checked = {
        let id = id.clone();
        Memo::new(move |_| selected.with(|s| s.contains(&id)))
    };
    let toggle = move |_| {
        selected.update(|s| {
            if !s.remove(&id) {
                s.insert(id.clone());
            }
        })
    };
    view! {
        <input
            type="checkbox"
            class="entry-select"
            aria-label=move || format!("Select {}", name.get())
            prop:checked=move || checked.get()
            on:change=toggle
        />
    }
}
