//! What the editor says when saving is not going to plan: another tab's edit, a full or
//! disabled storage. Each offers a way out that keeps the person's work.

use crate::routing::{navigate, Route};
use crate::session::{Conflict, MetaSession, ReviewSession, SaveState};
use leptos::prelude::*;

/// What the banners need from the open document's session, whichever kind it is.
#[derive(Clone, Copy)]
pub struct SaveControls {
    pub save_state: RwSignal<SaveState>,
    /// "review" or "meta-review", for the messages.
    pub noun: &'static str,
    pub take_theirs: Callback<(), Result<(), String>>,
    pub keep_mine: Callback<()>,
    pub download: Callback<()>,
    pub retry: Callback<()>,
}

impl SaveControls {
    pub fn provide_for_review(session: ReviewSession) {
        provide_context(Self {
            save_state: session.save_state,
            noun: "review",
            take_theirs: Callback::new(move |()| session.take_theirs()),
            keep_mine: Callback::new(move |()| session.keep_mine()),
            download: Callback::new(move |()| {
                session.download_json();
            }),
            retry: Callback::new(move |()| session.save_now()),
        });
    }

    pub fn provide_for_meta(session: MetaSession) {
        provide_context(Self {
            save_state: session.save_state,
            noun: "meta-review",
            take_theirs: Callback::new(move |()| session.take_theirs()),
            keep_mine: Callback::new(move |()| session.keep_mine()),
            download: Callback::new(move |()| {
                session.download_json();
            }),
            retry: Callback::new(move |()| session.save_now()),
        });
    }
}

#[component]
pub fn SaveIndicator() -> impl IntoView {
    let session = expect_context::<SaveControls>();
    let text = move || match session.save_state.get() {
        SaveState::Saved => "All changes saved in this browser",
        SaveState::Pending => "Saving\u{2026}",
        SaveState::Failed(_) => "Not saved",
        SaveState::Conflict(_) => "Saving paused",
    };
    let class = move || match session.save_state.get() {
        SaveState::Saved => "save-state saved",
        SaveState::Pending => "save-state pending",
        _ => "save-state problem",
    };
    view! { <p class=class role="status">{text}</p> }
}

#[component]
pub fn ConflictBanner() -> impl IntoView {
    let session = expect_context::<SaveControls>();
    let noun = session.noun;
    let problem = RwSignal::new(None::<String>);
    let conflict = move || match session.save_state.get() {
        SaveState::Conflict(conflict) => Some(conflict),
        _ => None,
    };
    let download = move |_| session.download.run(());
    view! {
        {move || conflict().map(|conflict| match conflict {
            Conflict::ChangedElsewhere { .. } => view! {
                <div class="banner banner-warning" role="alert">
                    <p>
                        <strong>{format!("This {noun} was changed in another tab or window.")}</strong>
                        " Your edits in this tab are kept here but not saved until you choose which version to keep."
                    </p>
                    {move || problem.get().map(|p| view! { <p class="error">{p}</p> })}
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| {
                            problem.set(session.take_theirs.run(()).err());
                        }>"Load the other version"</button>
                        <button type="button" on:click=move |_| session.keep_mine.run(())>"Keep this tab\u{2019}s version"</button>
                        <button type="button" on:click=download>"Download this tab\u{2019}s version"</button>
                    </div>
                </div>
            }.into_any(),
            Conflict::DeletedElsewhere => view! {
                <div class="banner banner-warning" role="alert">
                    <p>
                        <strong>{format!("This {noun} was deleted in another tab or window.")}</strong>
                        " What you see here is not saved anywhere else."
                    </p>
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| session.keep_mine.run(())>"Keep it (save this tab\u{2019}s version)"</button>
                        <button type="button" on:click=download>"Download this tab\u{2019}s version"</button>
                        <button type="button" on:click=move |_| navigate(&Route::Library)>"Let it go"</button>
                    </div>
                </div>
            }.into_any(),
        })}
    }
}

#[component]
pub fn SaveFailedBanner() -> impl IntoView {
    let session = expect_context::<SaveControls>();
    let noun = session.noun;
    let failure = move || match session.save_state.get() {
        SaveState::Failed(err) => Some(err),
        _ => None,
    };
    view! {
        {move || failure().map(|err| view! {
            <div class="banner banner-error" role="alert">
                <p>
                    <strong>"Your latest changes are not saved."</strong>
                    " " {err.to_string()}
                    {format!(" Everything is still here in this tab. Download the {noun} to keep a copy, or free space by deleting reviews you no longer need, then try again.")}
                </p>
                <div class="banner-actions">
                    <button type="button" on:click=move |_| session.download.run(())>{format!("Download this {noun} (JSON)")}</button>
                    <button type="button" on:click=move |_| session.retry.run(())>"Try saving again"</button>
                </div>
            </div>
        })}
    }
}
