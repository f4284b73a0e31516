//! Learnings: what went well, where we got lucky, and what was difficult or surprising. Each
//! is its own list of short notes, tied to the timeline events that show them.

use super::entries::{entry_edits, entry_names, position_of, JustAdded, LazyEntries, RemoveButton};
use super::fields::{read, unique_id, TextArea, VisibilityField};
use super::links::{EventChoices, EventChoicesList, EventLinks};
use super::section_parts::{Guidance, UndoRemoval};
use crate::session::ReviewSession;
use debrief_core::analysis::actions::action_summary;
use debrief_core::edit::LearningKind;
use debrief_core::model::{EntityId, Note, Visibility};
use leptos::prelude::*;

#[component]
pub fn LearningsEditor() -> impl IntoView {
    EventChoices::provide();
    // Shared by the three lists: only one entry is ever the one just added.
    let added = JustAdded::default();
    view! {
        <section class="panel learnings" aria-labelledby="learnings-heading">
            <h2 id="learnings-heading">"Learnings"</h2>
            <Guidance>
                <p>
                    "What went well and where you got lucky are findings too, not a courtesy before the failures: they show the adaptations and expertise that kept the incident from being worse, and the margins that were thinner than anyone knew. Lucky breaks are worth the most attention, because next time they may not happen."
                </p>
            </Guidance>
            {LearningKind::ALL
                .into_iter()
                .map(|kind| view! { <LearningList kind=kind added=added /> })
                .collect_view()}
            <EventChoicesList />
            <UndoRemoval />
        </section>
    }
}

/// What belongs in each list, in a line.
fn purpose(kind: LearningKind) -> &'static str {
    match kind {
        LearningKind::WentWell => {
            "What helped: the adaptations, expertise, tools and coordination that kept it from being worse."
        }
        LearningKind::GotLucky => {
            "What helped by chance and may not next time: who happened to be awake, a cache that happened to be warm."
        }
        LearningKind::Difficult => {
            "What was hard to see, understand or do, and what surprised the people involved."
        }
    }
}

#[component]
fn LearningList(kind: LearningKind, added: JustAdded) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let ids = read(session, move |r| {
        r.learnings_of(kind)
            .iter()
            .map(|n| n.id.clone())
            .collect::<Vec<_>>()
    });
    let names = entry_names(
        session,
        "Note",
        move |r| r.learnings_of(kind),
        |_, n| action_summary(&n.text),
    );
    let heading = unique_id("learnings");
    let purpose_id = format!("{heading}-purpose");
    let (labelled_by, described_by) = (heading.clone(), purpose_id.clone());
    let add = move |_| {
        let id = added.new_id();
        session.edit(|r| {
            r.learnings_mut(kind).push(Note {
                id,
                ..Note::default()
            })
        });
    };
    view! {
        <section class="learning-list" aria-labelledby=labelled_by aria-describedby=described_by>
            <h3 id=heading>{kind.label()}</h3>
            <p class="hint" id=purpose_id>{purpose(kind)}</p>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"Nothing here yet."</p>
            </Show>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("learning-{id}")
                    entry=move |id| view! { <NoteRow kind=kind id=id ids=ids added=added /> }
                />
            </ol>
            <button type="button" aria-label=format!("Add to {}", kind.label()) on:click=add>
                "Add"
            </button>
        </section>
    }
}

#[component]
fn NoteRow(
    kind: LearningKind,
    id: EntityId,
    ids: Signal<Vec<EntityId>>,
    added: JustAdded,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let node = NodeRef::<leptos::html::Li>::new();
    added.focus_if_new(&id, node, "textarea");
    let note = {
        let id = id.clone();
        read(session, move |r| {
            r.learnings_of(kind)
                .iter()
                .find(|n| n.id == id)
                .cloned()
                .unwrap_or_default()
        })
    };
    let number = position_of(id.clone(), ids);
    let edit = entry_edits(session, id.clone(), move |r, id| {
        r.learnings_mut(kind).iter_mut().find(|n| &n.id == id)
    });
    let id = StoredValue::new(id);
    let remove = move || {
        let message = format!(
            "Removed note {} from \u{201c}{}\u{201d}.",
            number.get_untracked(),
            kind.label()
        );
        session.remove_entry(
            message,
            id.get_value(),
            move |r, id| r.remove_learning(kind, id),
            move |r, removed| r.restore_learning(kind, removed),
        );
    };
    view! {
        <li class="entry learning" id=format!("learning-{}", id.get_value()) node_ref=node>
            <fieldset>
                <legend>
                    {move || format!("Note {}", number.get())}
                    <span class="visually-hidden">{format!(" in {}", kind.label())}</span>
                </legend>
                <TextArea
                    label="Note"
                    rows=2
                    value=Signal::derive(move || note.with(|n| n.text.clone()))
                    on_input=move |v: String| edit.run(Box::new(move |n| n.text = v))
                    check=format!("learning/{}/text", id.get_value())
                />
                <div class="grid">
                    <EventLinks
                        label="Linked events"
                        value=Signal::derive(move || note.with(|n| n.events.clone()))
                        on_change={move |v: Vec<EntityId>| edit.run(Box::new(move |n| n.events = v))}
                    />
                    <VisibilityField
                        value=Signal::derive(move || note.with(|n| n.visibility))
                        on_change=move |v: Visibility| edit.run(Box::new(move |n| n.visibility = v))
                    />
                </div>
                <div class="entry-actions">
                    <RemoveButton
                        what=Signal::derive(move || format!("note {} from {}", number.get(), kind.label()))
                        on_remove=remove
                    />
                </div>
            </fieldset>
        </li>
    }
}
