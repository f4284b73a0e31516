//! "Keep this workbook in a folder": the library's panel (pick, reconnect, sync, stop) and
//! the editor's banner for a review changed both here and in the folder.

use super::banners::DifferenceList;
use crate::browser;
use crate::routing::Route;
use crate::session::{FolderState, FolderSync, ReviewSession, Workbook};
use debrief_core::document::{Difference, Journaled};
use debrief_core::model::{Review, ReviewId};
use leptos::prelude::*;

/// The library's panel for the folder the workbook is kept in.
#[component]
pub fn FolderPanel() -> impl IntoView {
    let folder = expect_context::<FolderSync>();
    let workbook = expect_context::<Workbook>();
    let stop = move |_| folder.stop_keeping();
    let state = move || {
        match folder.state.get() {
        FolderState::Unsupported => view! {
            <p>
                "This browser cannot keep the workbook in a folder on your disk (Chrome, Edge and other Chromium browsers can). Download a backup now and then instead: the library reminds you when the last one is a week old."
            </p>
        }
        .into_any(),
        FolderState::Off => view! {
            <p>
                "Keep every review also as a file in a folder you pick \u{2014} a git checkout or a synced drive \u{2014} as "
                <code>"<review title>.debrief.json"</code>
                ". Changes made there (after a "<code>"git pull"</code>
                ") are read back when you return to this tab; a review changed in both places waits for your choice. This is how a team shares reviews without a server, and "
                <code>"debrief site"</code>" publishes the folder."
            </p>
            <div class="banner-actions">
                <button type="button" class="primary" on:click=move |_| folder.choose_folder()>
                    "Keep this workbook in a folder\u{2026}"
                </button>
            </div>
        }
        .into_any(),
        FolderState::NeedsPermission { name } => view! {
            <p>
                {format!("The workbook is kept in the folder \u{201c}{name}\u{201d} too. The browser asks for your permission again after a restart before Debrief may use it; until then nothing goes there.")}
            </p>
            <div class="banner-actions">
                <button type="button" class="primary" on:click=move |_| folder.reconnect()>
                    {format!("Reconnect \u{201c}{name}\u{201d}")}
                </button>
                <button type="button" on:click=stop>"Stop keeping it in a folder"</button>
            </div>
        }
        .into_any(),
        FolderState::Kept { name, synced_at } => view! {
            <p role="status">
                {format!("Every review is also kept in the folder \u{201c}{name}\u{201d}. ")}
                {move || {
                    if folder.syncing.get() {
                        "Bringing it in step\u{2026}".to_owned()
                    } else {
                        synced_at
                            .map(|at| format!("In step as of {}.", browser::local_time_label(at)))
                            .unwrap_or_default()
                    }
                }}
            </p>
            <p class="hint">"Chat transcripts and Recently deleted stay in this browser only."</p>
            <div class="banner-actions">
                <button type="button" on:click=move |_| folder.sync_now()>"Sync with the folder now"</button>
                <button type="button" on:click=move |_| folder.choose_folder()>"Use another folder\u{2026}"</button>
                <button type="button" on:click=stop>"Stop keeping it in a folder"</button>
            </div>
        }
        .into_any(),
        FolderState::Failed { name, problem } => view! {
            <div class="banner banner-warning" role="alert">
                <p>
                    <strong>{format!("The folder \u{201c}{name}\u{201d} could not be used.")}</strong>
                    " " {problem}
                    " The workbook in this browser is unaffected; nothing typed here is lost."
                </p>
                <div class="banner-actions">
                    <button type="button" on:click=move |_| folder.sync_now()>"Try the folder again"</button>
                    <button type="button" on:click=move |_| folder.choose_folder()>"Pick the folder again\u{2026}"</button>
                    <button type="button" on:click=stop>"Stop keeping it in a folder"</button>
                </div>
            </div>
        }
        .into_any(),
    }
    };
    let title_of = move |id: &ReviewId| {
        workbook
            .index
            .with(|index| index.get(id).map(|s| s.title.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    view! {
        <section class="panel" aria-labelledby="folder-heading">
            <h2 id="folder-heading">"A folder outside the browser"</h2>
            {state}
            {move || folder.problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <Show when=move || !folder.conflicts.with(Vec::is_empty)>
                <h3>"Changed both here and in the folder"</h3>
                <ul class="plain-list">
                    <For
                        each=move || folder.conflicts.get()
                        key=|c| c.id.clone()
                        children=move |conflict| {
                            let title = title_of(&conflict.id);
                            view! {
                                <li>
                                    <a href=Route::review(conflict.id.clone()).href()>{title}</a>
                                    " " <span class="hint">{format!("and {} \u{2014} open it to choose which version to keep.", conflict.file)}</span>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <Show when=move || !folder.notes.with(Vec::is_empty)>
                <ul class="plain-list" aria-label="What the last sync with the folder found">
                    {move || folder.notes.get().into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// The editor's banner while the open review waits for a choice between this browser's
/// version and the folder's.
#[component]
pub fn FolderConflictBanner() -> impl IntoView {
    let folder = expect_context::<FolderSync>();
    let session = expect_context::<ReviewSession>();
    let differences = RwSignal::new(None::<Vec<Difference>>);
    let problem = RwSignal::new(None::<String>);
    let id = session.id();
    let show_differences = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match folder.folder_version(&id).await {
                    Ok(theirs) => differences.set(Some(
                        session
                            .document
                            .with_untracked(|mine| Review::differences(mine, &theirs)),
                    )),
                    Err(err) => problem.set(Some(err)),
                }
            });
        }
    };
    move || {
        let conflict = folder.conflict_of(&id)?;
        let (keep, take) = (conflict.id.clone(), conflict.id.clone());
        let show = show_differences.clone();
        Some(view! {
            <div class="banner banner-warning" role="alert">
                <p>
                    <strong>{format!("This review was changed both here and in the folder, in {}.", conflict.file)}</strong>
                    " Both versions are kept until you choose; the one you do not keep stays among Recovered documents in the library. Until then neither is written over the other."
                </p>
                {move || problem.get().map(|p| view! { <p class="error">{p}</p> })}
                {move || differences.get().map(|d| view! { <DifferenceList differences=d other="the folder\u{2019}s version" /> })}
                <div class="banner-actions">
                    <button type="button" on:click=show>"Show what differs from the folder"</button>
                    <button type="button" on:click=move |_| { differences.set(None); folder.take_folder_version(&take) }>"Take the folder\u{2019}s version"</button>
                    <button type="button" on:click=move |_| { differences.set(None); folder.keep_browser_version(&keep) }>"Keep this browser\u{2019}s version"</button>
                </div>
            </div>
        })
    }
}
