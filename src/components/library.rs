//! The library: every review in this browser, search, creation from a template, and
//! rename / duplicate / delete with undo.

use super::fields::unique_id;
use super::folder::FolderPanel;
use super::import::ImportPanel;
use super::meta::MetaReviewsPanel;
use super::storage_panel::{RecentlyDeleted, RecoveredDocuments, StorageFooter};
use crate::browser;
use crate::routing::{navigate, Route};
use crate::session::{FolderSync, Workbook};
use crate::zones::BROWSER_ZONES;
use debrief_core::library::ReviewSummary;
use debrief_core::model::{ReviewId, ReviewTemplate};
use debrief_core::text::count;
use debrief_core::time::{format_instant, Zone};
use leptos::prelude::*;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    // Edits saved in the editor since the library was last shown changed the usage.
    workbook.refresh_storage_picture();
    let query = RwSignal::new(String::new());
    let visible = Memo::new(move |_| {
        let query = query.get();
        workbook.index.with(|index| {
            index
                .search(&query)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| workbook.index.with(|index| index.entries().len()));
    let search_id = unique_id("search");

    view! {
        <header class="app-header">
            <p class="brand">"Debrief"</p>
            <p class="tagline">"Incident reviews that stay in your browser."</p>
        </header>
        <h1 class="visually-hidden">"Your reviews"</h1>
        <Notices />
        <BackupReminder />
        <NewReview />
        <section class="panel" aria-labelledby="reviews-heading">
            <div class="panel-head">
                <h2 id="reviews-heading">"Reviews"</h2>
                <div class="search">
                    <label for=search_id.clone() class="visually-hidden">"Search reviews"</label>
                    <input
                        id=search_id
                        type="search"
                        placeholder="Search title, service, tag, status"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <UndoDelete />
            <Show
                when=move || workbook.ready.get()
                fallback=|| view! { <p class="empty" role="status">"Opening your workbook\u{2026}"</p> }
            >
            <Show
                when={move || total.get() > 0}
                fallback={|| view! {
                    <p class="empty">
                        "No reviews yet. Start one above: everything you write stays in this browser until you export it."
                    </p>
                }}
            >
                <Show
                    when=move || !visible.with(Vec::is_empty)
                    fallback={move || view! {
                        <p class="empty">"No review matches \u{201c}" {move || query.get()} "\u{201d}."</p>
                    }}
                >
                    <table class="review-list">
                        <thead>
                            <tr>
                                <th scope="col">"Review"</th>
                                <th scope="col">"Incident"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Last edit"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || visible.get()
                                key=|summary| (summary.id.clone(), summary.title.clone(), summary.updated_at)
                                children=move |summary| view! { <ReviewRow summary=summary /> }
                            />
                        </tbody>
                    </table>
                </Show>
            </Show>
            </Show>
            <NewerReviews />
        </section>
        <MetaReviewsPanel />
        <ImportPanel />
        <FolderPanel />
        <RecentlyDeleted />
        <RecoveredDocuments />
        <StorageFooter />
    }
}

#[component]
fn NewReview() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let template = RwSignal::new(ReviewTemplate::FullAnalysis);
    let create =
        move |_| workbook.create(template.get_untracked(), |id| navigate(&Route::review(id)));
    view! {
        <section class="panel new-review" aria-labelledby="new-heading">
            <h2 id="new-heading">"Start a review"</h2>
            <fieldset class="templates">
                <legend>"Template"</legend>
                {ReviewTemplate::ALL
                    .into_iter()
                    .map(|choice| {
                        let id = unique_id("template");
                        view! {
                            <div class="template-choice">
                                <input
                                    type="radio"
                                    name="template"
                                    id=id.clone()
                                    prop:checked=move || template.get() == choice
                                    on:change=move |_| template.set(choice)
                                />
                                <label for=id>
                                    <strong>{choice.label()}</strong>
                                    <span>{choice.description()}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button class="primary" on:click=create>"New review"</button>
        </section>
    }
}

fn incident_label(summary: &ReviewSummary) -> String {
    match summary.incident_start {
        Some(start) => {
            let label = format_instant(
                &start,
                &Zone::find_or_utc(&BROWSER_ZONES, &summary.time_zone),
            );
            format!("{} {} {}", label.date, label.time, label.offset)
        }
        None => "Not set yet".to_owned(),
    }
}

/// "just now", "5 min ago", "3 h ago", or a date for anything older than a day.
fn edited_label(summary: &ReviewSummary) -> String {
    let seconds = (browser::now() - summary.updated_at).num_seconds();
    match seconds {
        s if s < 60 => "just now".to_owned(),
        s if s < 3600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3600),
        _ => summary.updated_at.format("%Y-%m-%d").to_string(),
    }
}

#[component]
fn ReviewRow(summary: ReviewSummary) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let folder = expect_context::<FolderSync>();
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(summary.title.clone());
    let id = summary.id.clone();
    let title = summary.title.clone();
    let href = Route::review(id.clone()).href();
    let rename_id = unique_id("rename");

    let save_rename = {
        let id = id.clone();
        move || {
            workbook.rename(&id, &draft.get_untracked());
            renaming.set(false);
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            workbook.duplicate(&id);
        }
    };
    let delete = {
        let id: ReviewId = id.clone();
        move |_| workbook.delete(&id)
    };
    let status = summary.status;
    view! {
        <tr>
            <th scope="row" class="title-cell">
                <Show
                    when=move || renaming.get()
                    fallback={
                        let title = title.clone();
                        let href = href.clone();
                        move || view! { <a href=href.clone()>{title.clone()}</a> }
                    }
                >
                    <form class="rename" on:submit={
                        let save = save_rename.clone();
                        move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            save();
                        }
                    }>
                        <label for=rename_id.clone() class="visually-hidden">"New title"</label>
                        <input
                            id=rename_id.clone()
                            type="text"
                            autofocus
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Escape" {
                                    renaming.set(false);
                                }
                            }
                        />
                        <button type="submit">"Save title"</button>
                        <button type="button" on:click=move |_| renaming.set(false)>"Cancel"</button>
                    </form>
                </Show>
                {(!summary.severity.is_empty()).then(|| view! { <span class="severity">{summary.severity.clone()}</span> })}
                {
                    let id = id.clone();
                    move || workbook.reviews.unsaved().contains(&id).then(|| view! {
                        <span class="unsaved-mark">"Not saved yet \u{2014} open it to save or download it"</span>
                    })
                }
                {
                    let id = id.clone();
                    move || folder.conflict_of(&id).map(|_| view! {
                        <span class="unsaved-mark">"Changed in the folder too \u{2014} open it to choose"</span>
                    })
                }
            </th>
            <td data-label="Incident">{incident_label(&summary)}</td>
            <td data-label="Status"><span class=format!("status status-{status:?}").to_lowercase()>{status.label()}</span></td>
            <td data-label="Last edit">{edited_label(&summary)}</td>
            <td class="row-actions">
                <button
                    type="button"
                    aria-label=format!("Rename \u{201c}{}\u{201d}", summary.title)
                    on:click=move |_| renaming.set(true)
                >"Rename"</button>
                <button
                    type="button"
                    aria-label=format!("Duplicate \u{201c}{}\u{201d}", summary.title)
                    on:click=duplicate
                >"Duplicate"</button>
                <button
                    type="button"
                    class="danger"
                    aria-label=format!("Delete \u{201c}{}\u{201d}", summary.title)
                    on:click=delete
                >"Delete"</button>
            </td>
        </tr>
    }
}

#[component]
fn UndoDelete() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    view! {
        <div class="toast-slot" role="status" aria-live="polite">
            {move || {
                workbook.deleted.get().map(|deleted| {
                    view! {
                        <div class="toast">
                            <span>
                                "Moved \u{201c}" {deleted.title.clone()} "\u{201d} to Recently deleted."
                            </span>
                            <button type="button" on:click=move |_| workbook.undo_delete()>"Undo"</button>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// Reviews this version cannot open because a newer Debrief saved them: listed, never
/// touched, and offered as files.
#[component]
fn NewerReviews() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    view! {
        <Show when=move || !workbook.newer.with(Vec::is_empty)>
            <h3>"Saved by a newer version of Debrief"</h3>
            <p class="hint">"This version cannot open these. They are kept exactly as they are: open them with the newer version, or download them."</p>
            <ul class="plain-list">
                <For
                    each=move || workbook.newer.get()
                    key=|doc| doc.key.clone()
                    children=move |doc| {
                        let name = if doc.title.is_empty() { doc.key.clone() } else { doc.title.clone() };
                        let text = doc.text.clone();
                        let file = format!("{}.debrief.json", browser::file_slug(&name));
                        view! {
                            <li>
                                <strong>{name.clone()}</strong>
                                " " <span class="hint">{doc.reason.clone()}</span>
                                " "
                                <button type="button" aria-label=format!("Download \u{201c}{name}\u{201d}") on:click=move |_| {
                                    browser::download(&file, "application/json", &text);
                                }>"Download"</button>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// Problems found while loading, and the last failed library action.
#[component]
fn Notices() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    view! {
        {move || workbook.problem.get().map(|problem| view! {
            <div class="banner banner-error" role="alert">
                <p>{problem}</p>
                <button type="button" on:click=move |_| workbook.problem.set(None)>"Dismiss"</button>
            </div>
        })}
        <For
            each={move || workbook.notices.get().into_iter().enumerate().collect::<Vec<_>>()}
            key=|(i, notice)| (*i, notice.clone())
            children={move |(i, notice)| view! {
                <div class="banner banner-warning" role="alert">
                    <p>{notice}</p>
                    <div class="banner-actions">
                        <Show when=move || workbook.old_layout_left.get()>
                            <button type="button" on:click=move |_| workbook.download_old_layout()>
                                "Download the older storage"
                            </button>
                        </Show>
                        <button type="button" on:click=move |_| workbook.notices.update(|n| { if i < n.len() { n.remove(i); } })>
                            "Dismiss"
                        </button>
                    </div>
                </div>
            }}
        />
    }
}

/// Drafts live only in this browser: after a week of changes without a backup, say so.
#[component]
fn BackupReminder() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let dismissed = RwSignal::new(false);
    move || {
        let (changed, last) = workbook
            .changed_since_backup()
            .filter(|_| !dismissed.get())?;
        let since = match last {
            Some(millis) => format!(
                "The last backup from this browser was downloaded on {}",
                chrono::DateTime::from_timestamp_millis(millis)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            ),
            None => "No backup has been downloaded from this browser yet".to_owned(),
        };
        Some(view! {
            <div class="banner banner-info" role="note" aria-label="Backup reminder">
                <p>{format!(
                    "{since}, and {} changed since. Browsers can clear a site\u{2019}s storage; a backup file is yours to keep.",
                    count(changed, "review", "reviews")
                )}</p>
                <div class="banner-actions">
                    <button type="button" on:click=move |_| workbook.download_backup()>"Download a backup now"</button>
                    <button type="button" on:click=move |_| dismissed.set(true)>"Not now"</button>
                </div>
            </div>
        })
    }
}
