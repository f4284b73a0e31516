//! Contributing factors: the several conditions and locally reasonable decisions that
//! together made the incident, each with a category, the events that show it, and tags.

use super::fields::{choices, read, CheckboxField, ListField, SelectField, TextArea};
use super::links::{EventChoices, EventChoicesList, EventLinks};
use super::overview::{Guidance, UndoRemoval};
use crate::browser;
use crate::session::ReviewSession;
use debrief_core::model::{ContributingFactor, EntityId, FactorCategory, Review, Visibility};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn FactorsEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    EventChoices::provide();
    let ids = read(session, |r| {
        r.factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
    });
    let summary = read(session, |r| category_summary(&r.factors));
    let added = StoredValue::new(None::<EntityId>);
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        added.set_value(Some(id.clone()));
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
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No contributing factors yet."</p>
            </Show>
            <ol class="entries">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <FactorRow id=id ids=ids added=added /> }
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
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
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
    added: StoredValue<Option<EntityId>>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let fresh = added.with_value(|a| a.as_ref() == Some(&id));
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
    let number = {
        let id = id.clone();
        Memo::new(move |_| ids.with(|ids| ids.iter().position(|e| *e == id).map_or(0, |p| p + 1)))
    };
    let id = StoredValue::new(id);
    let edit = move |change: Box<dyn FnOnce(&mut ContributingFactor)>| {
        let id = id.get_value();
        session.edit(|r| {
            if let Some(f) = r.factor_mut(&id) {
                change(f);
            }
        });
    };
    let remove = move |_| {
        let id = id.get_value();
        let n = number.get_untracked();
        let actions = session
            .review
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
        session.remove_with_undo(message, move |r| {
            let removed = r.remove_factor(&id)?;
            Some(Box::new(move |r: &mut Review| {
                r.restore_factor(removed.clone())
            }))
        });
    };
    let node = NodeRef::<leptos::html::Li>::new();
    if fresh {
        added.set_value(None);
        Effect::new(move |_| {
            if let Some(entry) = node.get() {
                if let Ok(Some(field)) = entry.query_selector("textarea") {
                    let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        });
    }
    view! {
        <li class="entry factor" node_ref=node>
            <fieldset>
                <legend>{move || format!("Contributing factor {}", number.get())}</legend>
                <TextArea
                    label="Description"
                    rows=3
                    value=Signal::derive(move || factor.with(|f| f.description.clone()))
                    on_input=move |v: String| edit(Box::new(move |f| f.description = v))
                    hint="The condition or decision, and why it made sense at the time."
                    check=format!("factor/{}/description", id.get_value())
                />
                <div class="grid">
                    <SelectField
                        label="Category"
                        options=choices(&FactorCategory::ALL, FactorCategory::label)
                        value=Signal::derive(move || factor.with(|f| f.category))
                        on_change=move |v: FactorCategory| edit(Box::new(move |f| f.category = v))
                    />
                    <ListField
                        label="Tags"
                        value=Signal::derive(move || factor.with(|f| f.tags.clone()))
                        on_change={move |v: Vec<String>| edit(Box::new(move |f| f.tags = v))}
                    />
                    <CheckboxField
                        label="Public (may appear in the public report)"
                        checked=Signal::derive(move || factor.with(|f| f.visibility == Visibility::Public))
                        on_change=move |v: bool| {
                            let visibility = if v { Visibility::Public } else { Visibility::Internal };
                            edit(Box::new(move |f| f.visibility = visibility));
                        }
                    />
                </div>
                <EventLinks
                    label="Linked events"
                    value=Signal::derive(move || factor.with(|f| f.events.clone()))
                    on_change={move |v: Vec<EntityId>| edit(Box::new(move |f| f.events = v))}
                />
                <div class="entry-actions">
                    <button
                        type="button"
                        class="danger"
                        aria-label=move || format!("Remove contributing factor {}", number.get())
                        on:click=remove
                    >
                        "Remove"
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
