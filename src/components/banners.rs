//! What the editor says when saving is not going to plan: another tab's edit, a full or
//! disabled storage. Each offers a way out that keeps the person's work.

use crate::browser;
use crate::routing::{navigate, Route};
use crate::session::{Conflict, DocumentSaver, SaveState};
use crate::storage::StoredDocument;
use debrief_core::document::{Difference, Journaled};
use leptos::prelude::*;

/// Why this tab's version waits among Recovered documents after the other was loaded.
const THIS_TAB_NOT_KEPT: &str =
    "This tab's version, not kept when the version from another tab or window was chosen.";

/// What the banners need from the open document's session, whichever kind it is.
#[derive(Clone, Copy)]
pub struct SaveControls {
    pub save_state: RwSignal<SaveState>,
    /// "review" or "meta-review", for the messages.
    pub noun: &'static str,
    /// What the last choice in a banner ran into, in plain words.
    pub problem: RwSignal<Option<String>>,
    /// What differs between this tab's version and the other one, once asked for.
    pub differences: RwSignal<Option<Vec<Difference>>>,
    pub take_theirs: Callback<()>,
    pub keep_mine: Callback<()>,
    pub show_differences: Callback<()>,
    pub download: Callback<()>,
    pub retry: Callback<()>,
}

impl SaveControls {
    pub fn provide<D>(saver: DocumentSaver<D>, noun: &'static str)
    where
        D: StoredDocument + Journaled + PartialEq + Send + Sync + 'static,
    {
        let problem = RwSignal::new(None::<String>);
        let differences = RwSignal::new(None::<Vec<Difference>>);
        let settle = move |result: Result<(), String>| {
            problem.set(result.err());
            differences.set(None);
        };
        provide_context(Self {
            save_state: saver.save_state,
            noun,
            problem,
            differences,
            take_theirs: Callback::new(move |()| {
                leptos::task::spawn_local(async move {
                    settle(saver.take_theirs(THIS_TAB_NOT_KEPT).await)
                })
            }),
            keep_mine: Callback::new(move |()| {
                leptos::task::spawn_local(async move { settle(saver.keep_mine().await) })
            }),
            show_differences: Callback::new(move |()| {
                leptos::task::spawn_local(async move {
                    match saver.their_version().await {
                        Ok(theirs) => differences.set(Some(
                            saver
                                .document
                                .with_untracked(|mine| D::differences(mine, &theirs)),
                        )),
                        Err(err) => problem.set(Some(err)),
                    }
                })
            }),
            download: Callback::new(move |()| {
                let name = format!("{noun}-this-tab.debrief.json");
                if !browser::download(&name, "application/json", &saver.pretty_json()) {
                    problem.set(Some("The browser refused the download.".to_owned()));
                }
            }),
            retry: Callback::new(move |()| saver.retry()),
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
    let conflict = move || match session.save_state.get() {
        SaveState::Conflict(conflict) => Some(conflict),
        _ => None,
    };
    let download = move |_| session.download.run(());
    let problem = move || {
        session
            .problem
            .get()
            .map(|p| view! { <p class="error">{p}</p> })
    };
    view! {
        {move || conflict().map(|conflict| match conflict {
            Conflict::ChangedElsewhere { .. } => view! {
                <div class="banner banner-warning" role="alert">
                    <p>
                        <strong>{format!("This {noun} was changed in another tab or window.")}</strong>
                        " Your edits in this tab are kept here, and among Recovered documents in the library, until you choose which version to keep. The one you do not keep stays there too."
                    </p>
                    {problem}
                    <Differences />
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| session.show_differences.run(())>"Show what differs"</button>
                        <button type="button" on:click=move |_| session.take_theirs.run(())>"Load the other version"</button>
                        <button type="button" on:click=move |_| session.keep_mine.run(())>"Keep this tab\u{2019}s version"</button>
                        <button type="button" on:click=download>"Download this tab\u{2019}s version"</button>
                    </div>
                </div>
            }.into_any(),
            Conflict::DeletedElsewhere => view! {
                <div class="banner banner-warning" role="alert">
                    <p>
                        <strong>{format!("This {noun} was deleted in another tab or window.")}</strong>
                        " What you see here is kept among Recovered documents until you choose; the deleted one is in Recently deleted."
                    </p>
                    {problem}
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

/// The conflict's differences, section by section, once asked for.
#[component]
fn Differences() -> impl IntoView {
    let session = expect_context::<SaveControls>();
    move || {
        session
            .differences
            .get()
            .map(|differences| view! { <DifferenceList differences=differences other="the other version" /> })
    }
}

/// What differs between the version on screen and `other`, section by section.
#[component]
pub fn DifferenceList(differences: Vec<Difference>, other: &'static str) -> impl IntoView {
    if differences.is_empty() {
        return view! { <p>"The two versions hold the same content; either choice keeps it."</p> }
            .into_any();
    }
    view! {
        <dl class="differences" aria-label=format!("What differs from {other}")>
            {differences
                .into_iter()
                .map(|d| view! { <dt>{d.section}</dt><dd>{d.detail}</dd> })
                .collect_view()}
        </dl>
    }
    .into_any()
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

/// "Removed … Undo": the last undoable change of an editor, until the next one. `message` is
/// `None` when there is nothing to undo.
#[component]
pub fn UndoToast(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(into)] on_undo: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="toast-slot" role="status" aria-live="polite">
            {move || message.get().map(|message| view! {
                <div class="toast">
                    <span>{message}</span>
                    <button type="button" on:click=move |_| on_undo.run(())>"Undo"</button>
                </div>
            })}
        </div>
    }
}

/// "A new version is ready": a newer deploy has installed beside the running one. Reloading
/// is the person's choice, never automatic: their open work is saved first (`on_reload`).
#[component]
pub fn NewVersionBanner(#[prop(into)] on_reload: Callback<()>) -> impl IntoView {
    let dismissed = RwSignal::new(false);
    view! {
        <Show when=move || !dismissed.get()>
            <div class="banner banner-info banner-page" role="status">
                <p>
                    <strong>"A new version of Debrief is ready."</strong>
                    " Reload to use it; your work is saved first. Until then this tab keeps the version it opened with."
                </p>
                <div class="banner-actions">
                    <button type="button" on:click=move |_| on_reload.run(())>"Reload to update"</button>
                    <button type="button" on:click=move |_| dismissed.set(true)>"Not now"</button>
                </div>
            </div>
        </Show>
    }
}
