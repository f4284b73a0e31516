//! Who is who: each imported author linked to a person of the review, or not. Debrief offers
//! the people whose names match or come close; it never links anyone on its own.

use crate::browser;
use crate::session::{ReviewSession, TranscriptSession};
use debrief_core::import::MessageKind;
use debrief_core::model::{EntityId, Person};
use debrief_core::triage::{match_authors, ReviewTranscripts};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

#[component]
pub fn AuthorLinks(transcripts: Memo<Arc<ReviewTranscripts>>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let chat = expect_context::<TranscriptSession>();
    let problem = RwSignal::new(None::<String>);
    // Authors who wrote something; bots and alert sources are left to the analyst too, but
    // listed after people.
    let counts = Memo::new(move |_| {
        transcripts.with(|t| {
            let mut counts: HashMap<String, (usize, bool)> = HashMap::new();
            for stored in &t.transcripts {
                for m in &stored.transcript.messages {
                    let entry = counts.entry(m.author.clone()).or_default();
                    if matches!(m.kind, MessageKind::Message | MessageKind::File) {
                        entry.0 += 1;
                    }
                    entry.1 |= m.kind == MessageKind::Alert;
                }
            }
            counts
        })
    });
    let rows = Memo::new(move |_| {
        transcripts.with(|t| {
            let authors = t.authors_in_order();
            session.review.with(|r| {
                let mut matches = match_authors(&authors, &r.people, &t.authors);
                counts.with(|c| {
                    matches.sort_by_key(|m| {
                        c.get(&m.author)
                            .map(|(n, alert)| (*alert, std::cmp::Reverse(*n)))
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
    let add_person = move |author: String| {
        let id = EntityId::new(browser::new_id());
        let person = Person {
            id: id.clone(),
            name: author.clone(),
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
                "Link each chat author to a person so their messages count for them in Participation and events made from their messages name them. Suggestions are only suggestions: nothing is linked until you choose."
            </p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <table class="author-table">
                <thead><tr><th scope="col">"Author"</th><th scope="col">"Messages"</th><th scope="col">"Person"</th><th scope="col">"Suggestions"</th></tr></thead>
                <tbody>
                    <For
                        each=move || rows.get()
                        key=|m| (m.author.clone(), m.linked.clone(), m.exact.clone(), m.near.clone())
                        children=move |m| {
                            let author = m.author.clone();
                            let written = counts.with_untracked(|c| c.get(&author).map_or(0, |(n, _)| *n));
                            let people = session.review.with_untracked(|r| r.people.iter().map(|p| (p.id.clone(), if p.name.trim().is_empty() { "(no name)".to_owned() } else { p.name.clone() })).collect::<Vec<_>>());
                            let name_of = move |id: &EntityId| people.iter().find(|(p, _)| p == id).map(|(_, n)| n.clone()).unwrap_or_default();
                            let options = session.review.with_untracked(|r| r.people.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>());
                            let linked = m.linked.clone();
                            let select_author = author.clone();
                            let mut suggestions = Vec::new();
                            if m.linked.is_none() {
                                if let Some(id) = m.exact.clone() {
                                    suggestions.push((id, "same name"));
                                }
                                suggestions.extend(m.near.iter().map(|n| (n.person.clone(), n.reason)));
                            }
                            let suggestion_views = suggestions.into_iter().take(3).map(|(id, reason)| {
                                let label = format!("Link to {} ({reason})", name_of(&id));
                                let author = author.clone();
                                view! { <button type="button" on:click=move |_| link(author.clone(), Some(id.clone()))>{label}</button> }
                            }).collect_view();
                            let add_author = author.clone();
                            view! {
                                <tr>
                                    <th scope="row">{author.clone()}</th>
                                    <td class="num">{written}</td>
                                    <td>
                                        <select
                                            aria-label=format!("Person for {author}")
                                            on:change=move |ev| {
                                                let value = event_target_value(&ev);
                                                link(select_author.clone(), (!value.is_empty()).then(|| EntityId::new(value)));
                                            }
                                        >
                                            <option value="" selected=linked.is_none()>"Not linked"</option>
                                            {options.into_iter().map(|(id, name)| {
                                                let selected = linked.as_ref() == Some(&id);
                                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="suggestions">
                                        {suggestion_views}
                                        {m.linked.is_none().then(|| view! {
                                            <button type="button" on:click=move |_| add_person(add_author.clone())>
                                                {format!("Add \u{201c}{}\u{201d} to People", add_author)}
                                            </button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </details>
    }
}
