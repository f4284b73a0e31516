//! Which reviews the meta-review covers: picked by hand, or by a rule (dates, tags, services,
//! trigger classes), or both.

use super::super::fields::{unique_id, DateField, ListField};
use super::{Coverage, Labels};
use crate::session::MetaSession;
use debrief_core::meta::SelectionRule;
use debrief_core::model::TriggerClass;
use debrief_core::text::count;
use leptos::prelude::*;

/// Reviews listed in the picker before "Show all": enough for a month of incidents, few
/// enough that a workbook of hundreds opens at once.
const PICKER_ROWS: usize = 40;

#[component]
pub fn SelectionEditor() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let coverage = expect_context::<Coverage>().0;
    let labels = expect_context::<Labels>().0;
    let rule = move || session.document.with(|m| m.selection.rule.clone());
    let edit_rule = move |change: Box<dyn FnOnce(&mut SelectionRule)>| {
        session.edit(|m| change(m.selection.rule.get_or_insert_with(SelectionRule::default)))
    };
    let find = RwSignal::new(String::new());
    let show_all = RwSignal::new(false);
    // The reviews the find box keeps; a long workbook shows the first few until asked.
    let matching = Memo::new(move |_| {
        let needle = find.get().trim().to_lowercase();
        session.reviews().with(|reviews| {
            reviews
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    needle.is_empty() || r.display_title().to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    // The list redraws when the find box changes, not on every keystroke elsewhere in the
    // meta-review; a row's name follows its label (number, date) alone.
    let rows = move || {
        let limit = if show_all.get() {
            usize::MAX
        } else {
            PICKER_ROWS
        };
        let shown = matching.with(|m| m.iter().take(limit).copied().collect::<Vec<_>>());
        session.reviews().with(|reviews| {
            shown
                .into_iter()
                .filter_map(|i| reviews.get(i))
                .map(|r| {
                    let id = r.id.clone();
                    let checked_id = id.clone();
                    let input_id = unique_id("pick");
                    let name = {
                        let id = id.clone();
                        move || labels.with(|l| l.text(&id))
                    };
                    let by_rule = {
                        let id = id.clone();
                        move || coverage.with(|c| c.reviews.contains(&id)) && !session.document.with(|m| m.selection.picked.contains(&id))
                    };
                    view! {
                        <div class="field checkbox">
                            <input
                                id=input_id.clone()
                                type="checkbox"
                                prop:checked=move || session.document.with(|m| m.selection.picked.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id.clone();
                                    session.edit(|m| {
                                        m.selection.picked.retain(|p| *p != id);
                                        if on {
                                            m.selection.picked.push(id);
                                        }
                                    });
                                }
                            />
                            <label for=input_id>
                                {name}
                                <span class="hint">{format!(" \u{2014} {}", r.trigger.class.label())}</span>
                                {move || by_rule().then(|| view! { " " <span class="badge">"by the rule"</span> })}
                            </label>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let rule_on = move || session.document.with(|m| m.selection.rule.is_some());
    let summary = move || {
        coverage.with(|c| {
            let n = c.reviews.len();
            let mut text = format!("Covers {}.", count(n, "incident", "incidents"));
            if !c.missing.is_empty() {
                text.push_str(&format!(
                    " {} covered review{} deleted from the workbook; what this meta-review says about {} stays.",
                    c.missing.len(),
                    if c.missing.len() == 1 { " was" } else { "s were" },
                    if c.missing.len() == 1 { "it" } else { "them" }
                ));
            }
            text
        })
    };
    view! {
        <section class="panel" aria-labelledby="meta-selection-heading">
            <h2 id="meta-selection-heading">"Which incidents"</h2>
            <p class="derived" role="status">{summary}</p>
            <Show when=move || session.reviews().with(|r| r.len() > PICKER_ROWS)>
                <div class="field">
                    <label for="meta-find">"Find reviews by title"</label>
                    <input id="meta-find" type="search" prop:value=move || find.get() on:input=move |ev| find.set(event_target_value(&ev)) />
                </div>
            </Show>
            <fieldset class="review-picker">
                <legend>"Pick reviews by hand"</legend>
                <Show when=move || session.reviews().with(|r| r.is_empty())>
                    <p class="empty">"The workbook has no reviews yet."</p>
                </Show>
                {rows}
                <Show when=move || !show_all.get() && matching.with(|m| m.len() > PICKER_ROWS)>
                    <button type="button" class="link-button" on:click=move |_| show_all.set(true)>
                        {move || format!("Show all {} reviews", matching.with(Vec::len))}
                    </button>
                </Show>
            </fieldset>
            <div class="field checkbox">
                <input
                    id="meta-rule-on"
                    type="checkbox"
                    prop:checked=rule_on
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        session.edit(|m| m.selection.rule = on.then(SelectionRule::default));
                    }
                />
                <label for="meta-rule-on">"Also cover every review that matches a rule"</label>
            </div>
            <Show when=rule_on>
                <div class="grid">
                    <DateField
                        label="Incidents from"
                        value=Signal::derive(move || rule().and_then(|r| r.from))
                        on_change=move |d| edit_rule(Box::new(move |r| r.from = d))
                    />
                    <DateField
                        label="Incidents to"
                        value=Signal::derive(move || rule().and_then(|r| r.to))
                        on_change=move |d| edit_rule(Box::new(move |r| r.to = d))
                    />
                    <ListField
                        label="With any of these tags"
                        value=Signal::derive(move || rule().map(|r| r.tags).unwrap_or_default())
                        on_change=move |v| edit_rule(Box::new(move |r| r.tags = v))
                        hint="Empty: any tags."
                    />
                    <ListField
                        label="Touching any of these services"
                        value=Signal::derive(move || rule().map(|r| r.services).unwrap_or_default())
                        on_change=move |v| edit_rule(Box::new(move |r| r.services = v))
                        hint="Empty: any service."
                    />
                </div>
                <fieldset class="choices-inline">
                    <legend>"Triggered by (none ticked: any)"</legend>
                    {TriggerClass::ALL.into_iter().map(|class| {
                        let id = unique_id("rule-trigger");
                        view! {
                            <span class="field checkbox">
                                <input
                                    id=id.clone()
                                    type="checkbox"
                                    prop:checked=move || rule().is_some_and(|r| r.triggers.contains(&class))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        edit_rule(Box::new(move |r| {
                                            r.triggers.retain(|t| *t != class);
                                            if on { r.triggers.push(class); }
                                        }));
                                    }
                                />
                                <label for=id>{class.label()}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
        </section>
    }
}
