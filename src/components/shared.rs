//! A review opened from a share link: a read-only preview of its report and a way to keep it.

use super::import::ClashQuestion;
use crate::browser;
use crate::routing::Route;
use crate::session::Workbook;
use crate::zones::BROWSER_ZONES;
use debrief_core::exchange::share::decode_share_fragment;
use debrief_core::render::html::render_html_report;
use debrief_core::render::{Audience, RenderOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SharedPage(data: String) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    match decode_share_fragment(&data) {
        Ok(review) => {
            let title = review.display_title().to_owned();
            let report = render_html_report(
                &review,
                &BROWSER_ZONES,
                &RenderOptions {
                    audience: Audience::Internal,
                    generated_at: browser::now(),
                },
            );
            // The outcome shows here rather than in the library: the library is another
            // module (src/modules.rs), so going there reloads the page, and a clash
            // question must not be lost with it.
            let save = move |_| {
                let review = review.clone();
                spawn_local(async move { workbook.save_shared(review).await });
            };
            view! {
                <div class="banner shared-banner" role="region" aria-label="Shared review">
                    <p>
                        <strong>{format!("\u{201c}{title}\u{201d} was shared with you.")}</strong>
                        " This is a read-only preview; it lives only in this link until you save it."
                    </p>
                    <div class="banner-actions">
                        <button type="button" class="primary" on:click=save>"Save to my workbook"</button>
                        <a href=Route::Library.href()>"Go to my reviews"</a>
                    </div>
                    <p role="status" class="derived">{move || workbook.imported.get()}</p>
                    {move || workbook.problem.get().map(|problem| view! { <p role="alert">{problem}</p> })}
                    <ClashQuestion />
                </div>
                // The report is self-contained HTML with no script; the empty sandbox keeps it
                // from running anything or reaching this page even so.
                <iframe class="shared-preview" sandbox="" title=format!("Preview of {title}") srcdoc=report></iframe>
            }
            .into_any()
        }
        Err(err) => view! {
            <div class="page-message">
                <h1>"This link cannot be opened"</h1>
                <p role="alert">{err.to_string()}</p>
                <p><a href=Route::Library.href()>"Go to my reviews"</a></p>
            </div>
        }
        .into_any(),
    }
}
