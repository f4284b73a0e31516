//! Contributing factors: the several conditions and locally reasonable decisions that
//! together made the incident, each with a category, the events that show it, and tags.

use super::entries::{entry_edits, entry_names, position_of, JustAdded, LazyEntries, RemoveButton};
use super::fields::{choices, read, ListField, SelectField, TextArea, VisibilityField};
use super::links::{EventChoices, EventChoicesList, EventLinks};
use super::marking::{BulkMarks, SelectEntry};
use super::section_parts::{Guidance, UndoRemoval};
use crate::session::ReviewSession;
use debrief_core::analysis::actions::action_summary;
use debrief_core::model::{ContributingFactor, EntityId, FactorCategory, Review, Visibility};
use debrief_core::sorting;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn FactorsEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    EventChoices::provide();
    let ids = read(session, |r| {
        r.factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
    });
    let summary = read(session, |r| category_summary(&r.factors));
    let names = entry_names(
        session,
        "Contributing factor",
        |r| &r.factors,
        |_, f| action_summary(&f.description),
    );
    let added = JustAdded::default();
    let selected = RwSignal::new(HashSet::<EntityId>::new());
    let add = move |_| {
        let id = added.new_id();
        session.edit(|r| {
            r.factors.push(ContributingFactor {
                id,
                ..ContributingFactor::default()
            })
        });
    };
    view! {
        <section class="panel factors" aria-labelledby="factors-heading">
            <h2 id="factors-heading">"Contributing factors"</h2>
            <Guidance>
                <p>
                    "Incidents rarely have a single root cause. Several decisions that were reasonable where they were made combine with conditions nobody could see whole: look at the seams between systems and teams, configuration nobody owns, and rarely-run paths such as migrations and failovers. Describe each factor as it made sense at the time, not as who should have known better."
                </p>
            </Guidance>
            <p class="derived factor-counts">{move || summary.get()}</p>
            <Show
                when=move || !ids.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No contributing factors yet."</p> }
            >
                <BulkMarks
                    noun=("factor", "factors")
                    shown=Signal::derive(move || ids.with(Vec::len))
                    shown_ids=move |()| ids.get_untracked()
                    selected=selected
                />
            </Show>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("factor-{id}")
                    entry=move |id| view! { <FactorRow id=id ids=ids added=added selected=selected /> }
                />
            </ol>
            <EventChoicesList />
            <UndoRemoval />
            <button type="button" class="primary" on:click=add>
                "Add contributing factor"
            </button>
        </section>
    }
}

/// "3 factors: 2 Observability, 1 Process", the most common category first.
fn category_summary(factors: &[ContributingFactor]) -> String {
    if factors.is_empty() {
        return String::new();
    }
    let mut counts: Vec<(FactorCategory, usize)> = FactorCategory::ALL
        .iter()
        .map(|c| (*c, factors.iter().filter(|f| f.category == *c).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    // Stable: equal counts keep the order of FactorCategory::ALL.
    sorting::sort_by_key(&mut counts, |(_, n)| std::cmp::Reverse(*n));
    let parts = counts
        .iter()
        .map(|(c, n)| format!("{n} {}", c.label()))
        .collect::<Vec<_>>()
        .join(", ");
    let noun = if factors.len() == 1 {
        "factor"
    } else {
        "factors"
    };
    format!("{} {noun}: {parts}", factors.len())
}

#[component]
fn FactorRow(
    id: EntityId,
    ids: Signal<Vec<EntityId>>,
    added: JustAdded,
    selected: RwSignal<HashSet<EntityId>>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let node = NodeRef::<leptos::html::Li>::new();
    added.focus_if_new(&id, node, "textarea");
    let factor = {
        let id = id.clone();
        read(session, move |r| {
            r.factors
                .iter()
                .find(|f| f.id == id)
                .cloned()
                .unwrap_or_default()
        })
    };
    let number = position_of(id.clone(), ids);
    let edit = entry_edits(session, id.clone(), Review::factor_mut);
    let id = StoredValue::new(id);
    let remove = move || {
        let id = id.get_value();
        let n = number.get_untracked();
        let actions = session
            .document
            .with_untracked(|r| r.actions.iter().filter(|a| a.factors.contains(&id)).count());
        let message = match actions {
            0 => format!("Removed contributing factor {n}."),
            1 => {
                format!("Removed contributing factor {n}; one action item no longer refers to it.")
            }
            many => format!(
                "Removed contributing factor {n}; {many} action items no longer refer to it."
            ),
        };
        session.remove_entry(message, id, Review::remove_factor, Review::restore_factor);
    };
    view! {
        <li class="entry factor" id=format!("factor-{}", id.get_value()) node_ref=node>
            <fieldset>
                <legend>{move || format!("Contributing factor {}", number.get())}</legend>
                <SelectEntry
                    id=id.get_value()
                    name=Signal::derive(move || format!("contributing factor {}", number.get()))
                    selected=selected
                />
                <TextArea
                    label="Description"
                    rows=3
                    value=Signal::derive(move || factor.with(|f| f.description.clone()))
                    on_input=move |v: String| edit.run(Box::new(move |f| f.description = v))
                    hint="The condition or decision, and why it made sense at the time."
                    check=format!("factor/{}/description", id.get_value())
                />
                <div class="grid">
                    <SelectField
                        label="Category"
                        options=choices(&FactorCategory::ALL, FactorCategory::label)
                        value=Signal::derive(move || factor.with(|f| f.category))
                        on_change=move |v: FactorCategory| edit.run(Box::new(move |f| f.category = v))
                    />
                    <ListField
                        label="Tags"
                        value=Signal::derive(move || factor.with(|f| f.tags.clone()))
                        on_change={move |v: Vec<String>| edit.run(Box::new(move |f| f.tags = v))}
                    />
                    <VisibilityField
                        value=Signal::derive(move || factor.with(|f| f.visibility))
                        on_change=move |v: Visibility| edit.run(Box::new(move |f| f.visibility = v))
                    />
                </div>
                <EventLinks
                    label="Linked events"
                    value=Signal::derive(move || factor.with(|f| f.events.clone()))
                    on_change={move |v: Vec<EntityId>| edit.run(Box::new(move |f| f.events = v))}
                />
                <div class="entry-actions">
                    <RemoveButton
                        what=Signal::derive(move || format!("contributing factor {}", number.get()))
                        on_remove=remove
                    />
                </div>
            </fieldset>
        </li>
    }
}
