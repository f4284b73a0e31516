//! The review editor's frame: opening the review, the bar with save state and export, the
//! banners for conflicts and failed saves, and the sections.

use super::banners::{ConflictBanner, SaveFailedBanner, SaveIndicator};
use super::overview::OverviewEditor;
use crate::app::OpenReview;
use crate::routing::Route;
use crate::session::{ReviewSession, Workbook};
use crate::storage::OpenError;
use debrief_core::model::ReviewId;
use leptos::prelude::*;

#[component]
pub fn ReviewPage(id: ReviewId) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let open = expect_context::<OpenReview>();
    match ReviewSession::open(workbook.store.get_value(), &id, workbook.index) {
        Ok(session) => {
            open.0.set(Some(session));
            provide_context(session);
            let pagehide = window_event_listener(leptos::ev::pagehide, move |_| session.flush());
            let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Hidden {
                    session.flush();
                }
            });
            on_cleanup(move || {
                open.0.set(None);
                pagehide.remove();
                hidden.remove();
            });
            view! { <Editor session=session /> }.into_any()
        }
        Err(err) => {
            if matches!(err, OpenError::Quarantined { .. }) {
                workbook.refresh_storage_picture();
            }
            view! {
                <div class="page-message">
                    <h1>"This review cannot be opened"</h1>
                    <p role="alert">{err.to_string()}</p>
                    <p><a href=Route::Library.href()>"Back to all reviews"</a></p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn Editor(session: ReviewSession) -> impl IntoView {
    let title = Memo::new(move |_| session.review.with(|r| r.display_title().to_owned()));
    Effect::new(move |_| document().set_title(&format!("{} · Debrief", title.get())));
    on_cleanup(|| document().set_title("Debrief"));
    view! {
        <div class="editor-bar">
            <a class="back" href=Route::Library.href()>"\u{2190} All reviews"</a>
            <SaveIndicator />
            <button type="button" on:click=move |_| { session.download_json(); }>
                "Download JSON"
            </button>
        </div>
        <ConflictBanner />
        <SaveFailedBanner />
        <h1 class="review-title">{move || title.get()}</h1>
        <OverviewEditor />
    }
}

#[component]
pub fn NotFoundPage(path: String) -> impl IntoView {
    view! {
        <div class="page-message">
            <h1>"Nothing here"</h1>
            <p>"Debrief has no page at \u{201c}" {path} "\u{201d}."</p>
            <p><a href=Route::Library.href()>"Go to all reviews"</a></p>
        </div>
    }
}
