//! How much room drafts take, whether the browser promised to keep them, and documents that
//! were set aside because they could not be read.

use crate::browser::Persistence;
use crate::session::Workbook;
use leptos::prelude::*;

fn kilobytes(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[component]
pub fn StorageFooter() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let usage_text = move || {
        match workbook.usage.get() {
        Some(usage) => format!(
            "Drafts use {} of the roughly {} this browser keeps for this site ({} in use by all pages of the site).",
            kilobytes(usage.debrief_bytes),
            kilobytes(usage.quota_bytes),
            kilobytes(usage.origin_bytes),
        ),
        None => "This browser does not let Debrief measure its storage.".to_owned(),
    }
    };
    let share = move || workbook.usage.get().map(|u| u.share_used()).unwrap_or(0.0);
    let persistence_text = move || {
        match workbook.persistence.get() {
        Persistence::Persistent => "The browser has agreed to keep these drafts even when space runs low.",
        Persistence::BestEffort => {
            "The browser may clear these drafts if the device runs low on space. Download reviews you cannot afford to lose."
        }
        Persistence::Unsupported => {
            "This browser cannot promise to keep drafts. Download reviews you cannot afford to lose."
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
                    high="0.85"
                    optimum="0"
                    aria-label="Storage used"
                    value=move || share().to_string()
                ></meter>
                <p>{usage_text}</p>
            </div>
            <p>{persistence_text}</p>
            <p class="privacy">
                "Drafts never leave this browser unless you export them. Other pages served from the same site address can read this browser storage."
            </p>
        </footer>
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
                    "These stored documents could not be read, so Debrief set them aside exactly as they were. Download one to inspect or repair it; discard it only when you are sure."
                </p>
                <ul>
                    <For
                        each=move || workbook.recovered.get()
                        key=|doc| doc.key.clone()
                        children=move |doc| {
                            let confirming = RwSignal::new(false);
                            let when = chrono::DateTime::from_timestamp_millis(doc.set_aside_at_millis)
                                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                                .unwrap_or_default();
                            let name = format!("{} (set aside {when}, {} characters)", doc.original_key, doc.text.chars().count());
                            let download_doc = doc.clone();
                            let key = doc.key.clone();
                            view! {
                                <li>
                                    <span>{name.clone()}</span>
                                    <button type="button" aria-label=format!("Download {name}") on:click=move |_| workbook.download_recovered(&download_doc)>
                                        "Download"
                                    </button>
                                    <Show
                                        when=move || confirming.get()
                                        fallback=move || view! {
                                            <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Discard…"</button>
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
