//! Bringing reviews in and taking the whole workbook out: import a review, a report or a
//! backup (picked or dropped anywhere on the library), download a backup, and decide what
//! happens when an incoming review is already here.

use super::fields::unique_id;
use crate::files::{files_of, read_text};
use crate::session::Workbook;
use debrief_core::exchange::backup::ImportChoice;
use leptos::prelude::*;

fn import_files(workbook: Workbook, files: Vec<web_sys::File>) {
    for file in files {
        leptos::task::spawn_local(async move {
            match read_text(&file).await {
                Ok(text) => workbook.import(&file.name(), &text),
                Err(problem) => workbook.problem.set(Some(problem)),
            }
        });
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let input_id = unique_id("import");
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let has_reviews = move || workbook.index.with(|i| !i.entries().is_empty());
    // The whole library accepts a dropped file; the panel only shows that it will.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        import_files(
            workbook,
            files_of(ev.data_transfer().and_then(|d| d.files())),
        );
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <section class="panel import" class:dragging=move || dragging.get() aria-labelledby="import-heading">
            <h2 id="import-heading">"Import and back up"</h2>
            <p class="hint">
                "Import a review saved as JSON, a Debrief HTML report (it carries its review), or a workbook backup \u{2014} pick a file or drop it anywhere on this page. Nothing leaves this browser."
            </p>
            <div class="entry-actions">
                <input
                    id=input_id.clone()
                    node_ref=input_ref
                    class="visually-hidden"
                    type="file"
                    accept=".json,.html,.htm,application/json,text/html"
                    multiple
                    on:change=move |_| {
                        if let Some(input) = input_ref.get_untracked() {
                            import_files(workbook, files_of(input.files()));
                            input.set_value("");
                        }
                    }
                />
                <label for=input_id.clone() class="button-like">"Import a file\u{2026}"</label>
                <button type="button" disabled=move || !has_reviews() on:click=move |_| workbook.download_backup()>
                    "Download a backup of all reviews"
                </button>
            </div>
            <p role="status" class="derived">{move || workbook.imported.get()}</p>
            <ClashQuestion />
        </section>
    }
}

/// One waiting clash at a time: the incoming review has the id of one already here.
#[component]
pub fn ClashQuestion() -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let first = Memo::new(move |_| workbook.clashes.with(|all| all.first().cloned()));
    let remaining = move || workbook.clashes.with(Vec::len);
    view! {
        {move || first.get().map(|clash| {
            let incoming = clash.incoming.display_title().to_owned();
            view! {
                <div class="banner banner-warning" role="alert">
                    <p>
                        <strong>{format!("\u{201c}{incoming}\u{201d} is already in this workbook")}</strong>
                        {format!(" (as \u{201c}{}\u{201d}). Replace it with the imported one, or keep both?", clash.existing_title)}
                        {move || (remaining() > 1).then(|| format!(" {} more to decide after this one.", remaining() - 1))}
                    </p>
                    <div class="banner-actions">
                        {ImportChoice::ALL.into_iter().map(|choice| view! {
                            <button type="button" on:click=move |_| workbook.resolve_clash(Some(choice))>{choice.label()}</button>
                        }).collect_view()}
                        <button type="button" on:click=move |_| workbook.resolve_clash(None)>"Skip it"</button>
                    </div>
                    {move || (remaining() > 1).then(|| view! {
                        <div class="banner-actions" role="group" aria-label="Decide for every review waiting">
                            <button type="button" on:click=move |_| workbook.resolve_all(Some(ImportChoice::Replace))>
                                {move || format!("Replace all {}", remaining())}
                            </button>
                            <button type="button" on:click=move |_| workbook.resolve_all(Some(ImportChoice::KeepBoth))>
                                {move || format!("Keep both for all {}", remaining())}
                            </button>
                            <button type="button" on:click=move |_| workbook.resolve_all(None)>
                                {move || format!("Skip all {}", remaining())}
                            </button>
                        </div>
                    })}
                </div>
            }
        })}
    }
}
