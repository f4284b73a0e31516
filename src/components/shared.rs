//! A review opened from a share link: a read-only preview of its report and a way to keep it.

use crate::browser;
use crate::routing::{navigate, Route};
use crate::session::Workbook;
use crate::zones::BROWSER_ZONES;
use debrief_core::render::html::render_html_report;
use debrief_core::render::share::decode_share_fragment;
use debrief_core::render::{Audience, RenderOptions};
use leptos::prelude::*;

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
            let save = move |_| {
                workbook.save_shared(review.clone());
                navigate(&Route::Library);
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
