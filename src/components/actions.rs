//! Action items: what the organisation will change, who owns it and by when, which
//! contributing factors it addresses, and where it is tracked. Overdue items stand out, and
//! the whole list downloads as CSV for an issue tracker.

use super::entries::{
    entry_edits, entry_names, position_of, reveal, reveal_after_render, LazyEntries, RemoveButton,
};
use super::fields::{choices, read, unique_id, DateField, SelectField, TextArea, TextField};
use super::section_parts::{Guidance, UndoRemoval};
use crate::browser;
use crate::routing::{Route, Section};
use crate::session::ReviewSession;
use chrono::NaiveDate;
use debrief_core::analysis::actions::{action_summary, actions_csv, is_overdue};
use debrief_core::model::{ActionItem, ActionKind, ActionStatus, EntityId, Review};
use debrief_core::sorting;
use leptos::prelude::*;

fn action_of<'a>(review: &'a Review, id: &EntityId) -> Option<&'a ActionItem> {
    review.actions.iter().find(|a| &a.id == id)
}

/// A memoised read of one part of one action item (its default once the item is gone).
fn action_field<T>(
    session: ReviewSession,
    id: &EntityId,
    get: impl Fn(&ActionItem) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let id = id.clone();
    read(session, move |r| {
        action_of(r, &id).map(&get).unwrap_or_default()
    })
}

/// Rows of the summary table shown until "Show all": enough to scan a normal review's
/// items, few enough that a list of a thousand opens at once.
const SUMMARY_ROWS: usize = 50;

fn is_open(action: &ActionItem) -> bool {
    matches!(action.status, ActionStatus::Open | ActionStatus::InProgress)
}

/// One line of the summary table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SummaryRow {
    id: EntityId,
    number: usize,
    summary: String,
    owner: String,
    due: Option<NaiveDate>,
    status: ActionStatus,
    overdue: bool,
}

/// How many open items there are, how many of them are overdue, and the gaps an owner or a
/// date would close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Tally {
    open: usize,
    overdue: usize,
    open_without_owner: usize,
    open_without_due: usize,
}

impl Tally {
    fn of(review: &Review, today: NaiveDate) -> Self {
        let mut tally = Tally::default();
        for action in review.actions.iter().filter(|a| is_open(a)) {
            tally.open += 1;
            tally.overdue += usize::from(is_overdue(action, today));
            tally.open_without_owner += usize::from(action.owner.trim().is_empty());
            tally.open_without_due += usize::from(action.due.is_none());
        }
        tally
    }

    fn overdue_line(self) -> String {
        match (self.open, self.overdue) {
            (0, _) => "No open items.".to_owned(),
            (1, 0) => "The one open item is not overdue.".to_owned(),
            (1, _) => "The one open item is overdue.".to_owned(),
            (open, 0) => format!("None of the {open} open items is overdue."),
            (open, 1) => format!("1 of {open} open items is overdue."),
            (open, overdue) => format!("{overdue} of {open} open items are overdue."),
        }
    }

    /// Open items nobody owns, or that have no date, tend to stay open for ever.
    fn gaps_line(self) -> Option<String> {
        let items = |n: usize| {
            if n == 1 {
                "1 open item has".to_owned()
            } else {
                format!("{n} open items have")
            }
        };
        match (self.open_without_owner, self.open_without_due) {
            (0, 0) => None,
            (owner, 0) => Some(format!("{} no owner.", items(owner))),
            (0, due) => Some(format!("{} no due date.", items(due))),
            (owner, due) => Some(format!(
                "{} no owner, and {} no due date.",
                items(owner),
                items(due)
            )),
        }
    }
}

#[component]
pub fn ActionsEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    // The browser's UTC date: an item due "today" turns overdue at midnight UTC, which is close
    // enough for a list reviewed over days and weeks.
    let today = browser::now().date_naive();
    let ids = read(session, |r| {
        r.actions.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
    });
    let tally = read(session, move |r| Tally::of(r, today));
    let names = entry_names(
        session,
        "Action item",
        |r| &r.actions,
        |_, a| action_summary(&a.description),
    );
    let rows = read(session, move |r| {
        r.actions
            .iter()
            .enumerate()
            .map(|(i, a)| SummaryRow {
                id: a.id.clone(),
                number: i + 1,
                summary: action_summary(&a.description),
                owner: a.owner.trim().to_owned(),
                due: a.due,
                status: a.status,
                overdue: is_overdue(a, today),
            })
            .collect::<Vec<_>>()
    });
    let all_rows = RwSignal::new(false);
    let shown_rows = move || {
        let limit = if all_rows.get() {
            usize::MAX
        } else {
            SUMMARY_ROWS
        };
        rows.with(|rows| rows.iter().take(limit).cloned().collect::<Vec<_>>())
    };
    let hidden_rows = move || {
        let total = rows.with(Vec::len);
        (!all_rows.get() && total > SUMMARY_ROWS).then_some(total)
    };
    let factors = read(session, |r| {
        r.factors
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let label = if f.description.trim().is_empty() {
                    format!("Factor {} (no description yet)", i + 1)
                } else {
                    action_summary(&f.description)
                };
                (f.id.clone(), label)
            })
            .collect::<Vec<_>>()
    });
    let owners = read(session, |r| {
        let mut names: Vec<String> = Vec::new();
        let people = r.people.iter().map(|p| p.name.trim());
        let owners = r.actions.iter().map(|a| a.owner.trim());
        for name in people.chain(owners) {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
        names
    });
    let factors_href = Route::Review(session.id(), Section::Factors).href();
    let csv_hint_id = unique_id("csv-hint");
    let csv_problem = RwSignal::new(false);
    let download = move |_| {
        let (name, csv) = session.document.with_untracked(|r| {
            (
                format!("{}-actions.csv", browser::file_slug(r.display_title())),
                actions_csv(r),
            )
        });
        csv_problem.set(!browser::download(&name, "text/csv", &csv));
    };
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        let item = ActionItem {
            id: id.clone(),
            ..ActionItem::default()
        };
        session.edit(move |r| r.actions.push(item));
        reveal_after_render(format!("action-{id}"));
    };
    view! {
        <section class="panel actions-editor" aria-labelledby="actions-heading">
            <div class="panel-head">
                <h2 id="actions-heading">"Action items"</h2>
                <button
                    type="button"
                    aria-describedby=csv_hint_id.clone()
                    disabled=move || ids.with(Vec::is_empty)
                    on:click=download
                >
                    "Download CSV"
                </button>
            </div>
            <p class="hint" id=csv_hint_id>
                "A CSV file with one row per item and a Summary column for the title: Jira and Linear import it directly, and GitHub through CSV-to-issues tools."
            </p>
            <Show when=move || csv_problem.get()>
                <p class="hint error" role="alert">
                    "The browser did not start the download. Try again, or allow downloads for this page."
                </p>
            </Show>
            <Guidance>
                <p>
                    "Each action addresses one or more contributing factors and changes the system or the way work is done: better signals, safer defaults, clearer runbooks, time to learn. \u{201c}Be more careful\u{201d} is not an action. Give each item one owner and a date, and track it where the team already tracks its work."
                </p>
            </Guidance>
            <Show when=move || !ids.with(Vec::is_empty)>
                <p class="action-tally">
                    <strong class:overdue={move || tally.get().overdue > 0}>
                        {move || tally.get().overdue_line()}
                    </strong>
                    {move || tally.get().gaps_line().map(|gaps| format!(" {gaps}"))}
                </p>
                <div class="table-scroll">
                    <table class="data action-summary">
                        <caption class="visually-hidden">"Summary of action items"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">"Action"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Due"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Overdue"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=shown_rows
                                key=|row| row.clone()
                                children=|row| view! { <SummaryLine row=row /> }
                            />
                        </tbody>
                    </table>
                </div>
                {move || hidden_rows().map(|total| view! {
                    <button type="button" on:click=move |_| all_rows.set(true)>
                        {format!("Show all {total} rows")}
                    </button>
                })}
            </Show>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No action items yet."</p>
            </Show>
            <datalist id="action-owners">
                <For
                    each=move || owners.get()
                    key=|name| name.clone()
                    children=|name| view! { <option value=name></option> }
                />
            </datalist>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("action-{id}")
                    entry=move |id: EntityId| {
                        let number = position_of(id.clone(), ids);
                        view! {
                            <ActionEntry
                                id=id
                                number=number
                                today=today
                                factors=factors
                                factors_href=factors_href.clone()
                            />
                        }
                    }
                />
            </ol>
            <UndoRemoval />
            <div class="entry-actions">
                <button type="button" class="primary" on:click=add>"Add action item"</button>
            </div>
        </section>
    }
}

#[component]
fn SummaryLine(row: SummaryRow) -> impl IntoView {
    let target = format!("action-{}", row.id);
    let (owner_unset, due_unset) = (row.owner.is_empty(), row.due.is_none());
    let go_label = format!("Go to action item {}: {}", row.number, row.summary);
    let due = row
        .due
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "Not set".to_owned());
    let owner = if row.owner.is_empty() {
        "Not set".to_owned()
    } else {
        row.owner
    };
    view! {
        <tr class:overdue-row=row.overdue>
            <td>{row.number}</td>
            <td>
                // A button, not an in-page link: the URL fragment holds the route.
                <button
                    type="button"
                    class="link-button"
                    aria-label=go_label
                    on:click=move |_| reveal(&target)
                >
                    {row.summary}
                </button>
            </td>
            <td class:unset=owner_unset>{owner}</td>
            <td class="due" class:unset=due_unset>{due}</td>
            <td>{row.status.label()}</td>
            <td>{row.overdue.then(|| view! { <span class="badge overdue">"Overdue"</span> })}</td>
        </tr>
    }
}

#[component]
fn ActionEntry(
    id: EntityId,
    #[prop(into)] number: Signal<usize>,
    today: NaiveDate,
    factors: Signal<Vec<(EntityId, String)>>,
    factors_href: String,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let overdue = action_field(session, &id, move |a| is_overdue(a, today));
    let edit = entry_edits(session, id.clone(), Review::action_mut);
    let due_hint = {
        let due = action_field(session, &id, |a| a.due);
        Signal::derive(move || match (due.get(), overdue.get()) {
            (Some(due), true) => {
                let days = (today - due).num_days();
                let days = if days == 1 {
                    "1 day".to_owned()
                } else {
                    format!("{days} days")
                };
                format!("Overdue by {days}. Agree a new date with the owner, or say why it is not going ahead.")
            }
            (None, _) => "Without a date, items tend to stay open.".to_owned(),
            (Some(_), false) => String::new(),
        })
    };
    let remove = {
        let id = id.clone();
        move || {
            let message = format!("Removed action item {}.", number.get_untracked());
            session.remove_entry(
                message,
                id.clone(),
                Review::remove_action,
                Review::restore_action,
            );
        }
    };
    view! {
        <li class="entry action" id=format!("action-{id}")>
            <fieldset>
                <legend>
                    {move || format!("Action item {}", number.get())}
                    {move || overdue.get().then(|| view! { " " <span class="badge overdue">"Overdue"</span> })}
                </legend>
                <TextArea
                    label="Description"
                    rows=2
                    value=action_field(session, &id, |a| a.description.clone())
                    on_input=move |v: String| edit.run(Box::new(move |a| a.description = v))
                    hint="What will change. The first line becomes the title in the CSV export."
                />
                <div class="grid">
                    <TextField
                        label="Owner"
                        value=action_field(session, &id, |a| a.owner.clone())
                        on_input=move |v: String| edit.run(Box::new(move |a| a.owner = v))
                        list="action-owners"
                        hint="One person or team who sees it through."
                    />
                    <DateField
                        label="Due date"
                        value=action_field(session, &id, |a| a.due)
                        on_change={move |v: Option<NaiveDate>| edit.run(Box::new(move |a| a.due = v))}
                        hint=due_hint
                    />
                    <SelectField
                        label="Kind"
                        options=choices(&ActionKind::ALL, ActionKind::label)
                        value=action_field(session, &id, |a| a.kind)
                        on_change=move |v| edit.run(Box::new(move |a| a.kind = v))
                    />
                    <SelectField
                        label="Status"
                        options=choices(&ActionStatus::ALL, ActionStatus::label)
                        value=action_field(session, &id, |a| a.status)
                        on_change=move |v| edit.run(Box::new(move |a| a.status = v))
                    />
                    <TrackerLinkField id=id.clone() number=number />
                </div>
                <FactorLinks id=id.clone() number=number factors=factors factors_href=factors_href />
                <div class="entry-actions">
                    <RemoveButton
                        what=Signal::derive(move || format!("action item {}", number.get()))
                        on_remove=remove
                    />
                </div>
            </fieldset>
        </li>
    }
}

/// The issue-tracker link, checked when the field is left: only http and https links are
/// kept, since the link goes into reports. A refused link stays typed, for fixing.
#[component]
fn TrackerLinkField(id: EntityId, number: Signal<usize>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let input_id = unique_id("tracker");
    let note_id = format!("{input_id}-note");
    let link = action_field(session, &id, |a| a.tracker_link.clone().unwrap_or_default());
    let text = RwSignal::new(link.get_untracked());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let stored = link.get();
        if error.get_untracked().is_none() {
            text.set(stored);
        }
    });
    let commit = move |typed: String| match session.apply(|r| r.set_action_link(&id, &typed)) {
        Ok(()) => {
            error.set(None);
            text.set(link.get_untracked());
        }
        Err(err) => error.set(Some(err.to_string())),
    };
    view! {
        <div class="field tracker-link" class:invalid=move || error.with(Option::is_some)>
            <label for=input_id.clone()>"Tracker link"</label>
            <input
                id=input_id
                type="text"
                inputmode="url"
                autocomplete="off"
                spellcheck="false"
                placeholder="https://"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=note_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <p class="hint" id=note_id aria-live="polite" class:error=move || error.with(Option::is_some)>
                {move || match error.get() {
                    Some(message) => message.into_any(),
                    None if link.with(String::is_empty) => {
                        "The issue in Jira, Linear, GitHub or wherever the work is tracked.".into_any()
                    }
                    None => view! {
                        <a
                            href=link.get()
                            target="_blank"
                            rel="noopener noreferrer"
                            aria-label=format!("Open action item {} in the tracker (new tab)", number.get())
                        >
                            "Open in tracker"
                        </a>
                    }
                    .into_any(),
                }}
            </p>
        </div>
    }
}

/// The contributing factors an item addresses: the linked ones named, and a checkbox per
/// factor in the review behind "Choose factors", drawn only while open, since a review can
/// have hundreds of factors and as many items.
#[component]
fn FactorLinks(
    id: EntityId,
    number: Signal<usize>,
    factors: Signal<Vec<(EntityId, String)>>,
    factors_href: String,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let linked = action_field(session, &id, |a| a.factors.clone());
    let choosing = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let choices_id = unique_id("factor-choices");
    let toggle = Callback::new(move |(factor, on): (EntityId, bool)| {
        let id = id.clone();
        session.edit(move |r| {
            let order: Vec<EntityId> = r.factors.iter().map(|f| f.id.clone()).collect();
            let Some(action) = r.action_mut(&id) else {
                return;
            };
            if !on {
                action.factors.retain(|f| f != &factor);
            } else if !action.factors.contains(&factor) {
                action.factors.push(factor);
                // Listed in the review's order of factors, whatever order they were ticked in.
                sorting::sort_by_key(&mut action.factors, |f| {
                    order.iter().position(|o| o == f).unwrap_or(usize::MAX)
                });
            }
        });
    });
    let linked_names = Signal::derive(move || {
        linked.with(|linked| {
            factors.with(|all| {
                all.iter()
                    .filter(|(f, _)| linked.contains(f))
                    .map(|(_, label)| label.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let shown = Signal::derive(move || {
        let words = filter.with(|f| f.trim().to_lowercase());
        factors.with(|all| {
            all.iter()
                .filter(|(_, label)| words.is_empty() || label.to_lowercase().contains(&words))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <fieldset class="factor-links">
            <legend>{move || format!("Contributing factors addressed by action item {}", number.get())}</legend>
            <Show
                when=move || !factors.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">
                        "No contributing factors recorded yet. "
                        <a href=factors_href.clone()>"Add them under Contributing factors"</a>
                        ", then link each action to the factors it addresses."
                    </p>
                }
            >
                <p class="linked-factors">
                    {move || {
                        let names = linked_names.get();
                        if names.is_empty() {
                            "None linked yet.".to_owned()
                        } else {
                            names.join("; ")
                        }
                    }}
                </p>
                <button
                    type="button"
                    aria-expanded=move || choosing.get().to_string()
                    aria-controls=choices_id.clone()
                    aria-label=move || format!("Choose the factors action item {} addresses", number.get())
                    on:click=move |_| choosing.update(|open| *open = !*open)
                >
                    {move || if choosing.get() { "Done choosing" } else { "Choose factors" }}
                </button>
                <div id=choices_id.clone() class="factor-chooser">
                    <Show when=move || choosing.get()>
                        <Show when=move || factors.with(|f| f.len() > 8)>
                            <input
                                type="search"
                                class="factor-filter"
                                aria-label=move || format!("Filter the factors for action item {}", number.get())
                                placeholder="Filter factors"
                                prop:value=move || filter.get()
                                on:input=move |ev| filter.set(event_target_value(&ev))
                            />
                        </Show>
                        <ul class="factor-choices">
                            <For
                                each=move || shown.get()
                                key=|factor| factor.clone()
                                children=move |(factor, label)| {
                                        let check_id = unique_id("factor");
                                        let checked = {
                                            let factor = factor.clone();
                                            Signal::derive(move || linked.with(|l| l.contains(&factor)))
                                        };
                                        view! {
                                            <li class="factor-choice">
                                                <input
                                                    id=check_id.clone()
                                                    type="checkbox"
                                                    prop:checked=move || checked.get()
                                                    on:change=move |ev| toggle.run((factor.clone(), event_target_checked(&ev)))
                                                />
                                                <label for=check_id>{label}</label>
                                            </li>
                                        }
                                }
                            />
                        </ul>
                    </Show>
                </div>
            </Show>
        </fieldset>
    }
}
