//! The chat transcript section: import, the list of imports, who is who, and triage.

mod authors;
mod import;
mod triage;

use super::zone_choice::{ZoneChoice, ZonePicker};
use crate::browser;
use crate::session::{TranscriptSession, TranscriptState};
use crate::storage::TranscriptStoreError;
use authors::AuthorLinks;
use debrief_core::document::encode_pretty;
use debrief_core::model::TranscriptLink;
use debrief_core::text::count;
use debrief_core::text::count_grouped;
use debrief_core::triage::ReviewTranscripts;
use import::ChatImport;
use leptos::prelude::*;
use std::sync::Arc;
use triage::Triage;

/// Messages to show when the Chat transcript section opens: set by an event's "Show in the
/// chat transcript", taken (and cleared) by the triage list.
#[derive(Clone, Copy)]
pub struct ChatFocus(pub RwSignal<Option<TranscriptLink>>);

impl ChatFocus {
    pub fn provide() {
        provide_context(ChatFocus(RwSignal::new(None)));
    }
}

/// "1 message", "50,000 messages".
fn messages(n: usize) -> String {
    count_grouped(n, "message", "messages")
}

/// The loaded transcripts as a memo that changes only when a new set is stored: comparing
/// two 50,000-message sets field by field would cost more than it saves.
pub fn loaded_transcripts(chat: TranscriptSession) -> Memo<Arc<ReviewTranscripts>> {
    Memo::new_with_compare(
        move |_| chat.ready().unwrap_or_default(),
        |old, new| match (old, new) {
            (Some(old), Some(new)) => !Arc::ptr_eq(old, new),
            _ => true,
        },
    )
}

#[component]
pub fn ChatSection() -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let zone = ZoneChoice::zone_name();
    let transcripts = loaded_transcripts(chat);
    let phase = Memo::new(move |_| match chat.state.get() {
        TranscriptState::Loading => None,
        TranscriptState::Failed(err) => Some(Err(err)),
        TranscriptState::Ready(_) => Some(Ok(())),
    });
    view! {
        <section class="panel" aria-labelledby="chat-heading">
            <div class="panel-head">
                <h2 id="chat-heading">"Chat transcript"</h2>
                <div class="zone-picker"><ZonePicker /></div>
            </div>
            <p class="hint">
                "Rebuild the timeline from what was said while it happened: import the incident channel, read through it, and add the messages that matter as events. Transcripts stay in this browser and never appear in a public report."
            </p>
        </section>
        // Only a change of phase redraws the section; a new set of transcripts (an import, a
        // link) flows through `transcripts` and keeps the import step's message on screen.
        {move || match phase.get() {
            None => view! { <p class="hint" role="status">"Loading transcripts\u{2026}"</p> }.into_any(),
            Some(Err(err)) => view! { <StoreProblem err=err /> }.into_any(),
            // Triage comes first once there is something to triage; importing moves below.
            Some(Ok(())) => view! {
                <Show when=move || transcripts.with(|t| !t.transcripts.is_empty())>
                    <Triage transcripts=transcripts zone=zone />
                    <AuthorLinks transcripts=transcripts />
                    <Imports transcripts=transcripts />
                </Show>
                <ChatImport first=Signal::derive(move || transcripts.with(|t| t.transcripts.is_empty())) />
            }.into_any(),
        }}
    }
}

/// The stored transcripts could not be read (or IndexedDB is off): say so, and offer what
/// can be done without losing them.
#[component]
fn StoreProblem(err: TranscriptStoreError) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let unreadable = matches!(err, TranscriptStoreError::Unreadable(_));
    let download = move |_| chat.download_as_stored();
    view! {
        <div class="banner banner-warning" role="alert">
            <p>{err.to_string()}" The review itself is not affected."</p>
            <div class="banner-actions">
                <button type="button" on:click=move |_| chat.reload()>"Try again"</button>
                {unreadable.then(|| view! { <button type="button" on:click=download>"Download the stored transcripts"</button> })}
            </div>
        </div>
    }
}

/// Offers every transcript of the review, with its author links, as one JSON document.
fn download_all(transcripts: &ReviewTranscripts) {
    browser::download(
        &format!("transcripts-{}.json", transcripts.review_id.as_str()),
        "application/json",
        &encode_pretty(transcripts),
    );
}

/// What was imported, with the lines that fit no message shape, and removal.
#[component]
fn Imports(transcripts: Memo<Arc<ReviewTranscripts>>) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let confirming = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            let result = chat
                .change(move |t| t.transcripts.retain(|s| s.id != id))
                .await;
            confirming.set(None);
            problem.set(
                result
                    .err()
                    .map(|err| format!("{err} The transcript is still here.")),
            );
        });
    };
    view! {
        <section class="panel" aria-labelledby="imports-heading">
            <h2 id="imports-heading">"Imported"</h2>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <p class="hint">
                "Transcripts are kept in this browser only, apart from the review, and are not part of review files or workbook backups. "
                <button type="button" class="link-button" on:click=move |_| download_all(transcripts.get_untracked().as_ref())>
                    "Download them (JSON)"
                </button>
            </p>
            <ul class="import-list">
                <For
                    each=move || transcripts.with(|t| t.transcripts.iter().map(|s| (s.id.clone(), s.transcript.source.clone(), s.transcript.messages.len(), s.transcript.unread.clone(), s.imported_at)).collect::<Vec<_>>())
                    key=|row| (row.0.clone(), row.2)
                    children=move |(id, source, message_count, unread, imported_at)| {
                        let confirm_id = id.clone();
                        let is_confirming = move || confirming.get().as_ref() == Some(&confirm_id);
                        let remove_id = id.clone();
                        let ask_id = id.clone();
                        let unread_count = unread.len();
                        view! {
                            <li>
                                <strong>{source.clone()}</strong>
                                {format!(" \u{2014} {}, imported {}", messages(message_count), imported_at.format("%Y-%m-%d %H:%M"))}
                                {(unread_count > 0).then(|| view! {
                                    <details>
                                        <summary>{format!("{} fit no message shape", count(unread_count, "line", "lines"))}</summary>
                                        <pre class="unread-lines">{unread.join("\n")}</pre>
                                    </details>
                                })}
                                <div class="entry-actions">
                                    <Show
                                        when=is_confirming
                                        fallback=move || {
                                            let ask_id = ask_id.clone();
                                            let label = format!("Remove {source}");
                                            view! { <button type="button" aria-label=label on:click=move |_| confirming.set(Some(ask_id.clone()))>"Remove"</button> }
                                        }
                                    >
                                        <span>"Remove this transcript? Events made from it stay on the timeline."</span>
                                        <button type="button" class="danger" on:click={let id = remove_id.clone(); move |_| remove(id.clone())}>"Remove it"</button>
                                        <button type="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                    </Show>
                                </div>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
