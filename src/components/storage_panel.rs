//! How much room the browser gives this site and whether it promised to keep it, Recently
//! deleted, and documents kept aside because they could not be read or were not chosen.

use crate::browser::Persistence;
use crate::session::Workbook;
use crate::storage::{size_label, TRASH_DAYS};
use leptos::prelude::*;

/// From this share of the quota the footer warns.
const WARN_FROM: f64 = 0.8;

fn when_label(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

#[component]
pub fn StorageFooter() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let share = move || workbook.usage.get().map(|u| u.share_used()).unwrap_or(0.0);
    let usage_text = move || {
        match workbook.usage.get() {
        Some(usage) => format!(
            "This site uses {} of the {} the browser allows it ({:.0}%), as the browser reports it.",
            size_label(usage.used_bytes),
            size_label(usage.quota_bytes),
            usage.share_used() * 100.0,
        ),
        None => "This browser does not say how much room it gives this site.".to_owned(),
    }
    };
    let persistence_text = move || {
        match workbook.persistence.get() {
        Persistence::Persistent => {
            "The browser has agreed to keep this workbook even when the device runs low on space: only you can clear it (by clearing this site\u{2019}s data)."
        }
        Persistence::BestEffort => {
            "The browser has not promised to keep this workbook: it may clear it when the device runs low on space, and Safari clears sites not visited for 7 days. Download a backup of reviews you cannot afford to lose."
        }
        Persistence::Unsupported => {
            "This browser cannot promise to keep the workbook. Download a backup of reviews you cannot afford to lose."
        }
        Persistence::Unknown => "",
    }
    };
    view! {
        <footer class="storage-footer">
            <h2 class="visually-hidden">"Storage"</h2>
            <div class="meter-row">
                <meter
                    min="0"
                    max="1"
                    low="0.6"
                    high=WARN_FROM.to_string()
                    optimum="0"
                    aria-label="Storage used"
                    value=move || share().to_string()
                ></meter>
                <p>{usage_text}</p>
            </div>
            <Show when=move || { share() >= WARN_FROM }>
                <p class="banner banner-warning" role="alert">
                    "Storage is nearly full. Download a backup, then empty Recently deleted or delete reviews you have kept elsewhere, so new work has room."
                </p>
            </Show>
            <p>{persistence_text}</p>
            <p class="privacy">
                "Drafts never leave this browser unless you export them. Other pages served from the same site address can read this browser storage."
            </p>
        </footer>
    }
}

/// Deleted reviews, restorable until they are emptied or [`TRASH_DAYS`] pass.
#[component]
pub fn RecentlyDeleted() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let confirming = RwSignal::new(false);
    view! {
        <Show when=move || !workbook.trash.with(Vec::is_empty)>
            <section class="panel trash" aria-labelledby="trash-heading">
                <h2 id="trash-heading">"Recently deleted"</h2>
                <p class="hint">{format!("Deleted reviews stay here, with their chat transcripts, for {TRASH_DAYS} days.")}</p>
                <ul class="plain-list">
                    <For
                        each=move || workbook.trash.get()
                        key=|t| (t.id.clone(), t.deleted_at_millis)
                        children=move |trashed| {
                            let title = trashed.title.clone();
                            let (restore_id, purge_id) = (trashed.id.clone(), trashed.id.clone());
                            view! {
                                <li>
                                    <span>{format!("{title} (deleted {})", when_label(trashed.deleted_at_millis))}</span>
                                    " "
                                    <button type="button" aria-label=format!("Restore \u{201c}{title}\u{201d}") on:click=move |_| workbook.restore(&restore_id)>
                                        "Restore"
                                    </button>
                                    <button type="button" class="danger" aria-label=format!("Delete \u{201c}{title}\u{201d} for good") on:click=move |_| workbook.purge(vec![purge_id.clone()])>
                                        "Delete for good"
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Empty Recently deleted\u{2026}"</button>
                    }
                >
                    <p>"Every review here, and its transcripts, will be gone for good."</p>
                    <button type="button" class="danger" on:click=move |_| { workbook.empty_trash(); confirming.set(false); }>
                        "Empty it for good"
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep them"</button>
                </Show>
            </section>
        </Show>
    }
}

#[component]
pub fn RecoveredDocuments() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    view! {
        <Show when=move || !workbook.recovered.with(Vec::is_empty)>
            <section class="panel recovered" aria-labelledby="recovered-heading">
                <h2 id="recovered-heading">"Recovered documents"</h2>
                <p>
                    "Debrief keeps here, exactly as they were, documents it could not read and versions not chosen when two tabs disagreed. Try one again, download it to inspect or repair it, and discard it only when you are sure."
                </p>
                <ul>
                    <For
                        each=move || workbook.recovered.get()
                        key=|doc| doc.key.clone()
                        children=move |doc| {
                            let confirming = RwSignal::new(false);
                            let title = if doc.title.is_empty() { doc.original_key.clone() } else { doc.title.clone() };
                            let name = format!("{title} (kept {}, {} characters)", when_label(doc.set_aside_at_millis), doc.text.chars().count());
                            let (download_doc, retry_doc) = (doc.clone(), doc.clone());
                            let key = doc.key.clone();
                            view! {
                                <li>
                                    <span><strong>{name.clone()}</strong> " " <span class="hint">{doc.reason.clone()}</span></span>
                                    <button type="button" aria-label=format!("Try again to open {name}") on:click=move |_| workbook.try_recovered_again(&retry_doc)>
                                        "Try again"
                                    </button>
                                    <button type="button" aria-label=format!("Download {name}") on:click=move |_| workbook.download_recovered(&download_doc)>
                                        "Download"
                                    </button>
                                    <Show
                                        when=move || confirming.get()
                                        fallback=move || view! {
                                            <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Discard\u{2026}"</button>
                                        }
                                    >
                                        <button type="button" class="danger" on:click={
                                            let key = key.clone();
                                            move |_| workbook.discard_recovered(&key)
                                        }>"Discard for good"</button>
                                        <button type="button" on:click=move |_| confirming.set(false)>"Keep"</button>
                                    </Show>
                                </li>
                            }
                        }
                    />
                </ul>
            </section>
        </Show>
    }
}
