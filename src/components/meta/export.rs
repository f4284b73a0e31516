//! The meta-review as files: the single-file HTML report (internal or public) and Markdown.

use super::super::publish::PrivateFindings;
use super::super::redactions::{RedactionEdit, RedactionList};
use super::super::settled::settled_after_pause;
use crate::browser;
use crate::session::MetaSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::meta::meta_prepublish_check;
use debrief_core::meta::report::{public_meta_title, render_meta_html, render_meta_markdown};
use debrief_core::render::{Audience, RenderOptions};
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn MetaExport() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let problem = RwSignal::new(None::<String>);
    // The scan reads every public text; it follows the meta-review once typing pauses.
    let settled = settled_after_pause(move || session.document.track(), Duration::from_millis(400));
    let flagged = Memo::new(move |_| {
        settled.track();
        session.document.with_untracked(|meta| {
            session
                .reviews()
                .with(|reviews| meta_prepublish_check(meta, reviews, &BROWSER_ZONES))
        })
    });
    let download = move |audience: Audience, markdown: bool| {
        let options = RenderOptions {
            audience,
            generated_at: browser::now(),
        };
        let today = browser::now().date_naive();
        let (name, mime, text) = session.document.with_untracked(|meta| {
            session.reviews().with_untracked(|reviews| {
                let stem = if audience == Audience::Public {
                    browser::file_slug(&public_meta_title(meta, reviews, &BROWSER_ZONES))
                } else {
                    browser::file_slug(meta.display_title())
                };
                let variant = if audience == Audience::Public {
                    "-public"
                } else {
                    ""
                };
                if markdown {
                    (
                        format!("{stem}{variant}.md"),
                        "text/markdown",
                        render_meta_markdown(meta, reviews, &BROWSER_ZONES, &options, today),
                    )
                } else {
                    (
                        format!("{stem}{variant}.html"),
                        "text/html",
                        render_meta_html(meta, reviews, &BROWSER_ZONES, &options, today),
                    )
                }
            })
        });
        problem.set(
            (!browser::download(&name, mime, &text))
                .then(|| "The browser refused the download.".to_owned()),
        );
    };
    view! {
        <section class="panel" aria-labelledby="meta-export-heading">
            <h2 id="meta-export-heading">"Share and export"</h2>
            <p class="hint">
                "Single HTML files with no script that open anywhere, or Markdown. The public version keeps only what is marked public, names people by role, drops each review's internal entries and applies the redactions of the meta-review and of each review."
            </p>
            <h3>"Before publishing"</h3>
            <p class="hint">"Each covered review has its own check under its Share section; this one reads what the meta-review adds."</p>
            <PrivateFindings flagged=flagged />
            <div class="entry-actions">
                <button type="button" class="primary" on:click=move |_| download(Audience::Internal, false)>"Internal report (HTML)"</button>
                <button type="button" on:click=move |_| download(Audience::Public, false)>"Public report (HTML)"</button>
                <button type="button" on:click=move |_| download(Audience::Internal, true)>"Internal Markdown"</button>
                <button type="button" on:click=move |_| download(Audience::Public, true)>"Public Markdown"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <RedactionList
                list=Signal::derive(move || session.document.with(|m| m.redactions.clone()))
                on_edit=move |edit: RedactionEdit| session.edit(|m| edit.apply(&mut m.redactions))
            />
        </section>
    }
}
