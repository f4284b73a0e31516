//! Who is who: each imported author linked to a person of the review, or not. Debrief offers
//! the people whose names match or come close; it never links anyone on its own.

use crate::browser;
use crate::session::{ReviewSession, TranscriptSession};
use debrief_core::import::MessageKind;
use debrief_core::model::{EntityId, Person};
use debrief_core::sorting;
use debrief_core::triage::{match_authors, AuthorKind, ReviewTranscripts};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

#[component]
pub fn AuthorLinks(transcripts: Memo<Arc<ReviewTranscripts>>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let chat = expect_context::<TranscriptSession>();
    let problem = RwSignal::new(None::<String>);
    // By author key: people's messages, and whether the import read their posts as alerts.
    let counts = Memo::new(move |_| {
        transcripts.with(|t| {
            let mut counts: HashMap<String, (usize, bool)> = HashMap::new();
            for stored in &t.transcripts {
                for m in &stored.transcript.messages {
                    let entry = counts.entry(m.author_key().to_owned()).or_default();
                    if matches!(m.kind, MessageKind::Message | MessageKind::File) {
                        entry.0 += 1;
                    }
                    entry.1 |= m.kind == MessageKind::Alert;
                }
            }
            counts
        })
    });
    // Bots and alert sources (as imported or as marked) are listed after people.
    let rows = Memo::new(move |_| {
        transcripts.with(|t| {
            let authors = t.authors_in_order();
            session.document.with(|r| {
                let mut matches = match_authors(&authors, &r.people, &t.authors);
                counts.with(|c| {
                    sorting::sort_by_key(&mut matches, |m| {
                        let (n, alert) = c.get(&m.author.key).copied().unwrap_or_default();
                        (is_bot(t, &m.author.key, alert), std::cmp::Reverse(n))
                    })
                });
                matches
            })
        })
    });
    let link = move |author: String, person: Option<EntityId>| {
        leptos::task::spawn_local(async move {
            let result = chat
                .change(move |t| {
                    match person {
                        Some(id) => t.authors.insert(author, id),
                        None => t.authors.remove(&author),
                    };
                })
                .await;
            problem.set(result.err().map(|err| err.to_string()));
        });
    };
    // A mark is kept only where it differs from what the import read.
    let mark = move |author: String, bot: bool| {
        let imported_alert =
            counts.with_untracked(|c| c.get(&author).is_some_and(|(_, alert)| *alert));
        leptos::task::spawn_local(async move {
            let result = chat
                .change(move |t| {
                    if bot == imported_alert {
                        t.author_kinds.remove(&author);
                    } else {
                        let kind = if bot {
                            AuthorKind::Bot
                        } else {
                            AuthorKind::Person
                        };
                        t.author_kinds.insert(author, kind);
                    }
                })
                .await;
            problem.set(result.err().map(|err| err.to_string()));
        });
    };
    let add_person = move |author: String, name: String| {
        let id = EntityId::new(browser::new_id());
        let person = Person {
            id: id.clone(),
            name,
            ..Person::default()
        };
        session.edit(|r| r.people.push(person));
        link(author, Some(id));
    };
    let summary = move || {
        let (total, linked) =
            rows.with(|r| (r.len(), r.iter().filter(|m| m.linked.is_some()).count()));
        format!("Authors: {total}, {linked} linked to People")
    };
    view! {
        <details class="panel author-links">
            <summary><h2 class="inline-heading">{summary}</h2></summary>
            <p class="hint">
                "Link each chat author to a person so their messages count for them in Participation and events made from their messages name them. Suggestions are only suggestions: nothing is linked until you choose. Mark bots and alert sources Debrief did not recognise: their posts then count as alerts, not conversation."
            </p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <div class="table-scroll">
            <table class="author-table">
                <thead><tr><th scope="col">"Author"</th><th scope="col">"Messages"</th><th scope="col">"Bot or alerts"</th><th scope="col">"Person"</th><th scope="col">"Suggestions"</th></tr></thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|m| (m.author.clone(), m.linked.clone(), m.exact.clone(), m.near.clone())
                        children=move |m| {
                            let key = m.author.key.clone();
                            let label = m.author.label.clone();
                            let (written, imported_alert) = counts.with_untracked(|c| c.get(&key).copied().unwrap_or_default());
                            let people = session.document.with_untracked(|r| r.people.iter().map(|p| (p.id.clone(), if p.name.trim().is_empty() { "(no name)".to_owned() } else { p.name.clone() })).collect::<Vec<_>>());
                            let name_of = move |id: &EntityId| people.iter().find(|(p, _)| p == id).map(|(_, n)| n.clone()).unwrap_or_default();
                            let options = session.document.with_untracked(|r| r.people.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>());
                            let linked = m.linked.clone();
                            let select_key = key.clone();
                            let mut likely = Vec::new();
                            let mut weak = Vec::new();
                            if m.linked.is_none() {
                                if let Some(id) = m.exact.clone() {
                                    likely.push((id, "same name"));
                                }
                                for near in &m.near {
                                    let list = if near.likely { &mut likely } else { &mut weak };
                                    list.push((near.person.clone(), near.reason));
                                }
                            }
                            let button = |id: EntityId, reason: &'static str, class: &'static str| {
                                let label = format!("Link to {} ({reason})", name_of(&id));
                                let key = key.clone();
                                view! { <button type="button" class=class on:click=move |_| link(key.clone(), Some(id.clone()))>{label}</button> }
                            };
                            let likely_views = likely.into_iter().take(3).map(|(id, reason)| button(id, reason, "")).collect_view();
                            let weak_views = weak.into_iter().take(2).map(|(id, reason)| button(id, reason, "weak-suggestion")).collect_view();
                            let add_key = key.clone();
                            let add_name = m.author.name.clone();
                            let add_label = label.clone();
                            let mark_key = key.clone();
                            let bot = transcripts.with_untracked(|t| is_bot(t, &key, imported_alert));
                            view! {
                                <tr>
                                    <th scope="row">{label.clone()}</th>
                                    <td class="num">{written}</td>
                                    <td>
                                        <label class="bot-mark">
                                            <input
                                                type="checkbox"
                                                aria-label=format!("{label} is a bot or alert source")
                                                prop:checked=bot
                                                on:change=move |ev| mark(mark_key.clone(), event_target_checked(&ev))
                                            />
                                            <span class="phone-only" aria-hidden="true">"Bot or alerts"</span>
                                        </label>
                                    </td>
                                    <td>
                                        <select
                                            aria-label=format!("Person for {label}")
                                            on:change=move |ev| {
                                                let value = event_target_value(&ev);
                                                link(select_key.clone(), (!value.is_empty()).then(|| EntityId::new(value)));
                                            }
                                        >
                                            <option value="" selected=linked.is_none()>"Not linked"</option>
                                            {options.into_iter().map(|(id, name)| {
                                                let selected = linked.as_ref() == Some(&id);
                                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td>
                                        <div class="suggestions">
                                        {likely_views}
                                        {weak_views}
                                        {m.linked.is_none().then(|| view! {
                                            <button type="button" on:click=move |_| add_person(add_key.clone(), add_name.clone())>
                                                {format!("Add \u{201c}{add_label}\u{201d} to People")}
                                            </button>
                                        })}
                                        </div>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// Whether an author counts as a bot: as the analyst marked them, else as the import read them.
fn is_bot(transcripts: &ReviewTranscripts, key: &str, imported_alert: bool) -> bool {
    match transcripts.author_kinds.get(key) {
        Some(kind) => *kind == AuthorKind::Bot,
        None => imported_alert,
    }
}
