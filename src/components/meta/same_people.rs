//! Counting one person recorded under different spellings ("Sam Lee", "S. Lee", "sam") as
//! one: the analyst ticks the spellings, the meta-review keeps the choice
//! (`MetaReview::merge_people`), and the figures count them together.

use super::super::fields::unique_id;
use crate::session::MetaSession;
use debrief_core::meta::figures::Recurring;
use debrief_core::text::count;
use leptos::prelude::*;

#[component]
pub fn SamePeople(people: Vec<Recurring>) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    // Names ticked, in the order ticked: the first is the one shown after merging.
    let ticked = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<String>);
    let merge = move |_| {
        let names = ticked.get_untracked();
        let mut merged = session.document.with_untracked(Clone::clone);
        match merged.merge_people(&names) {
            Ok(()) => {
                problem.set(None);
                ticked.set(Vec::new());
                session.edit(|m| m.same_people = merged.same_people);
            }
            Err(refused) => problem.set(Some(refused.to_string())),
        }
    };
    let choices = people
        .into_iter()
        .map(|person| {
            let id = unique_id("same-person");
            let name = person.name.clone();
            let (checked, toggled) = (name.clone(), name.clone());
            let incidents = person.reviews.len();
            let also = if person.also_spelled.is_empty() {
                String::new()
            } else {
                format!(", also spelled {}", person.also_spelled.join(", "))
            };
            view! {
                <span class="field checkbox">
                    <input
                        id=id.clone()
                        type="checkbox"
                        prop:checked=move || ticked.with(|t| t.contains(&checked))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let name = toggled.clone();
                            ticked.update(|t| {
                                t.retain(|n| *n != name);
                                if on { t.push(name); }
                            });
                        }
                    />
                    <label for=id>
                        {name}
                        <span class="hint">{format!(" \u{2014} {}{also}", count(incidents, "incident", "incidents"))}</span>
                    </label>
                </span>
            }
        })
        .collect_view();
    let merges = move || {
        session.document.with(|m| {
            m.same_people
                .iter()
                .map(|same| {
                    let spellings = same.spellings.join(", ");
                    let shown = same.shown().to_owned();
                    view! {
                        <li>
                            {format!("Counted as one person: {spellings}. ")}
                            <button
                                type="button"
                                class="link-button"
                                aria-label=format!("Count {spellings} apart again")
                                on:click=move |_| {
                                    let shown = shown.clone();
                                    session.edit(|m| { m.unmerge_person(&shown); });
                                }
                            >
                                "Count apart again"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <fieldset class="same-people">
            <legend>"Same person, different spellings"</legend>
            <p class="hint">"Names are matched across reviews ignoring only letter case and spaces. Tick the spellings that are one person and merge them; the first ticked is the name shown."</p>
            <div class="choices-inline">{choices}</div>
            <button type="button" on:click=merge>"Count the ticked names as one person"</button>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <ul class="same-people-list">{merges}</ul>
        </fieldset>
    }
}
