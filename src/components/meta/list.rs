//! The library's list of meta-reviews, and starting one.

use crate::routing::{navigate, Route};
use crate::session::Workbook;
use debrief_core::text::count;
use leptos::prelude::*;

#[component]
pub fn MetaReviewsPanel() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let confirming = RwSignal::new(None::<String>);
    let create = move |_| workbook.create_meta(|id| navigate(&Route::Meta(id)));
    let rows = move || {
        workbook.metas.get().into_iter().map(|meta| {
            let id = meta.id.clone();
            let title = meta.display_title().to_owned();
            let covered = meta.summaries.len();
            let edited = meta.updated_at.format("%Y-%m-%d %H:%M").to_string();
            let (ask, really) = (id.clone(), id.clone());
            let is_confirming = {
                let id = id.to_string();
                move || confirming.get().as_deref() == Some(id.as_str())
            };
            let delete_label = format!("Delete {title}");
            view! {
                <li>
                    <a href=Route::Meta(id.clone()).href()>{title.clone()}</a>
                    <span class="hint">{format!(" \u{2014} {}, edited {edited}", count(covered, "incident", "incidents"))}</span>
                    <Show
                        when=is_confirming
                        fallback=move || {
                            let ask = ask.clone();
                            let label = delete_label.clone();
                            view! { <button type="button" class="link-button" aria-label=label on:click=move |_| confirming.set(Some(ask.to_string()))>"Delete"</button> }
                        }
                    >
                        <span class="confirm">
                            " Delete this meta-review? The reviews it covers stay. "
                            <button type="button" class="danger" on:click={let id = really.clone(); move |_| { workbook.delete_meta(&id); confirming.set(None); }}>"Delete it"</button>
                            <button type="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                        </span>
                    </Show>
                </li>
            }
        }).collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="metas-heading">
            <div class="panel-head">
                <h2 id="metas-heading">"Meta-reviews"</h2>
                <button type="button" on:click=create>"New meta-review"</button>
            </div>
            <p class="hint">"Patterns show across incidents: a meta-review covers several reviews, classifies them and looks for what they share."</p>
            <Show when=move || workbook.metas.with(Vec::is_empty)>
                <p class="empty">"No meta-reviews yet."</p>
            </Show>
            <ul class="meta-list">{rows}</ul>
        </section>
    }
}
