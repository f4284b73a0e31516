//! The timeline: fast entry, filters, the visual timeline, and a list of events that renders
//! only the rows on screen so a review with thousands of events stays responsive.

use super::chat::ChatFocus;
use super::fields::{
    choices, unique_id, CheckboxField, ListField, PeopleNames, PersonField, SelectField, TextArea,
    TimeField, VisibilityField, WrittenTimeField,
};
use super::marking::{BulkMarks, SelectEntry};
use super::section_parts::UndoRemoval;
use super::timeline_chart::TimelineChart;
use super::zone_choice::{ZoneChoice, ZonePicker};
use crate::browser;
use crate::routing::{navigate, Route, Section};
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::analysis::timeline::{
    filter_event_indices, sorted_event_indices, TimelineFilter,
};
use debrief_core::model::{
    EntityId, EventKind, Review, SourceKind, TimeKnown, TimelineEvent, Timestamp, Visibility,
    WrittenTime,
};
use debrief_core::text::count;
use debrief_core::time::{
    format_duration, format_instant, names_a_date, next_day_reading, parse_written_time, Zone,
};
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

/// Height of one event row in pixels; the CSS gives rows exactly this height.
const ROW_HEIGHT: f64 = 56.0;
/// Height of the row being edited in place.
const EDITOR_HEIGHT: f64 = 560.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 6;

#[component]
pub fn TimelineEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let zone = ZoneChoice::zone_name();
    let filter = RwSignal::new(TimelineFilter::default());
    let editing = RwSignal::new(None::<EntityId>);
    // Events chosen for marking several at once (public, internal, key).
    let selected = RwSignal::new(HashSet::<EntityId>::new());

    let order = Memo::new(move |_| session.document.with(sorted_event_indices));
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        order.with(|order| {
            session
                .document
                .with(|r| filter_event_indices(r, order, &filter))
        })
    });
    let total = Memo::new(move |_| session.document.with(|r| r.timeline.len()));
    view! {
        <section class="panel" aria-labelledby="timeline-heading">
            <div class="panel-head">
                <h2 id="timeline-heading">"Timeline"</h2>
                <div class="zone-picker"><ZonePicker /></div>
            </div>
            <QuickEntry zone=zone />
            <UndoRemoval />
        </section>
        <TimelineChart zone=zone />
        <section class="panel" aria-labelledby="events-heading">
            <h2 id="events-heading" class="visually-hidden">"Events"</h2>
            <Filters filter=filter />
            <p class="derived" role="status">
                {move || {
                    let (shown, total) = (shown.with(Vec::len), total.get());
                    if shown == total && total == 1 {
                        "1 event, in time order.".to_owned()
                    } else if shown == total {
                        format!("{total} events, in time order.")
                    } else {
                        format!("Showing {shown} of {total} events.")
                    }
                }}
            </p>
            <BulkMarks
                noun=("event", "events")
                shown=Signal::derive(move || shown.with(Vec::len))
                shown_ids=move |()| session.document.with_untracked(|r| shown.with_untracked(|rows| {
                    rows.iter().filter_map(|&i| r.timeline.get(i).map(|e| e.id.clone())).collect()
                }))
                selected=selected
                with_key=true
            />
            <EventList shown=shown zone=zone editing=editing selected=selected />
        </section>
    }
}

/// Draft names of the quick entry's fields.
const QE_TIME: &str = "quick-entry/time";
const QE_TEXT: &str = "quick-entry/text";
const QE_WHO: &str = "quick-entry/who";

/// Type a time and what happened, press Enter, type the next one.
#[component]
fn QuickEntry(zone: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    // What was typed but not added yet comes back after a reload or a crash.
    let drafts = session.drafts();
    let time = RwSignal::new(drafts.get(QE_TIME));
    let text = RwSignal::new(drafts.get(QE_TEXT));
    let who = RwSignal::new(drafts.get(QE_WHO));
    let keep = move |form: &'static str, signal: RwSignal<String>, typed: String| {
        drafts.set(form, &typed);
        signal.set(typed);
    };
    let kind = RwSignal::new(EventKind::Observation);
    let problem = RwSignal::new(None::<String>);
    let time_ref = NodeRef::<leptos::html::Input>::new();
    let (time_id, text_id) = (unique_id("qe-time"), unique_id("qe-text"));
    let problem_id = unique_id("qe-problem");
    // A time of day takes the incident's date, or else the date of the event added just
    // before it, so a timeline can be typed before the incident window is known.
    let last_date = RwSignal::new(None::<chrono::NaiveDate>);
    // The event added just before, and a time that read many hours before it, waiting for
    // the analyst to say which day was meant (Enter again keeps it as read).
    let last_at = RwSignal::new(None::<Timestamp>);
    let next_day = RwSignal::new(None::<(String, WrittenTime)>);
    // Time and Who stay after an event is added (the next one usually follows closely, by
    // the same person): marked as carried over until changed, and Escape clears them.
    let carried = RwSignal::new(false);

    let add_at = move |at: Option<WrittenTime>| {
        let typed_text = text.get_untracked();
        let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get_untracked());
        let who_name = who.get_untracked();
        let result = session.apply(|review| {
            let actor = review.ensure_person(&who_name, EntityId::new(browser::new_id()));
            let mut event = TimelineEvent {
                id: EntityId::new(browser::new_id()),
                text: typed_text.trim().to_owned(),
                kind: kind.get_untracked(),
                actor,
                ..TimelineEvent::default()
            };
            event.set_written_time(at);
            review.add_event(event)
        });
        match result {
            Ok(()) => {
                problem.set(None);
                next_day.set(None);
                keep(QE_TEXT, text, String::new());
                if let Some(at) = at {
                    last_date.set(Some(zone.to_local(&at.at).0.date()));
                    last_at.set(Some(at.at));
                }
                carried.set(!time.get_untracked().trim().is_empty() || !who_name.trim().is_empty());
                // The next event usually follows closely: keep the time, selected, so
                // typing replaces it.
                if let Some(input) = time_ref.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            }
            Err(err) => problem.set(Some(err.to_string())),
        }
    };
    let add = move || {
        let typed_text = text.get_untracked();
        if typed_text.trim().is_empty() {
            problem.set(Some(
                "Write what happened before adding the event.".to_owned(),
            ));
            return;
        }
        let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get_untracked());
        let typed_time = time.get_untracked();
        let date = session
            .document
            .with_untracked(|r| r.incident_date(&BROWSER_ZONES))
            .or(last_date.get_untracked());
        let at = match parse_written_time(&typed_time, &zone, date) {
            Ok(at) => at,
            Err(err) => {
                problem.set(Some(err.to_string()));
                return;
            }
        };
        // A time of day far before the previous entry: ask once whether the next day was
        // meant; Enter again (with the same time) keeps it as read.
        let asked = next_day.with_untracked(|n| n.as_ref().is_some_and(|(t, _)| *t == typed_time));
        if let (Some(read), Some(previous), false, false) = (
            at.filter(|t| t.known != TimeKnown::Day),
            last_at.get_untracked(),
            names_a_date(&typed_time),
            asked,
        ) {
            if let Some(later) = next_day_reading(&read.at, &previous, &zone) {
                let (read_label, previous_label) = (
                    format_instant(&read.at, &zone),
                    format_instant(&previous, &zone),
                );
                problem.set(Some(format!(
                    "{} on {} is {} before the event added just before it ({} {}). Was it the next day? Press Enter again to keep {}.",
                    read_label.time,
                    read_label.date,
                    format_duration(previous - read.at),
                    previous_label.date,
                    previous_label.time,
                    read_label.date,
                )));
                let shift = later - read.at;
                let known = match read.known {
                    TimeKnown::Between { latest } => TimeKnown::Between {
                        latest: latest + shift,
                    },
                    known => known,
                };
                next_day.set(Some((typed_time, WrittenTime { at: later, known })));
                return;
            }
        }
        add_at(at);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() {
            ev.prevent_default();
            add();
        } else if ev.key() == "Escape" && carried.get_untracked() {
            ev.prevent_default();
            keep(QE_TIME, time, String::new());
            keep(QE_WHO, who, String::new());
            carried.set(false);
            next_day.set(None);
            problem.set(None);
        }
    };
    let kinds = choices(&EventKind::ALL, EventKind::label);
    view! {
        <div class="quick-entry" role="group" aria-label="Add an event">
            <div class="field qe-time">
                <label for=time_id.clone()>"When"</label>
                <input
                    id=time_id
                    node_ref=time_ref
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="14:03"
                    aria-describedby=problem_id.clone()
                    prop:value=move || time.get()
                    class:carried-over=move || carried.get() && !time.with(String::is_empty)
                    on:input=move |ev| {
                        carried.set(false);
                        keep(QE_TIME, time, event_target_value(&ev));
                        if next_day.with_untracked(Option::is_some) {
                            next_day.set(None);
                            problem.set(None);
                        }
                    }
                    on:keydown=on_key
                />
            </div>
            <div class="field qe-text">
                <label for=text_id.clone()>"What happened"</label>
                <input
                    id=text_id
                    type="text"
                    placeholder="SLO burn alert pages the on-call engineer"
                    aria-describedby=problem_id.clone()
                    prop:value=move || text.get()
                    on:input=move |ev| keep(QE_TEXT, text, event_target_value(&ev))
                    on:keydown=on_key
                />
            </div>
            <SelectField label="Kind" options=kinds value=kind on_change=move |k| kind.set(k) />
            // Read when the event is added, which also adds a new name to People.
            <PersonField
                label="Who"
                class="qe-who"
                carried_over=Signal::derive(move || carried.get() && !who.with(String::is_empty))
                value=who
                on_input=move |name| {
                    carried.set(false);
                    keep(QE_WHO, who, name);
                }
                placeholder="A name; new names are added to People"
                on:keydown=on_key
            />
            <PeopleNames />
            <button type="button" class="primary qe-add" on:click=move |_| add()>"Add event"</button>
            <p class="hint qe-problem" id=problem_id aria-live="polite" class:error=move || problem.with(Option::is_some)>
                {move || problem.get().unwrap_or_else(|| {
                    let carried = if carried.get() && !(time.with(String::is_empty) && who.with(String::is_empty)) {
                        " When and Who are carried over from the last event; Esc clears them."
                    } else {
                        ""
                    };
                    format!(
                        "Times are read in {} unless you type a zone; ~23:30, before 13:02 and ??:?? work too. Enter adds the event.{carried}",
                        zone.get()
                    )
                })}
            </p>
            {move || next_day.get().map(|(_, later)| {
                let label = format_instant(&later.at, &Zone::find_or_utc(&BROWSER_ZONES, &zone.get_untracked()));
                view! {
                    <button type="button" class="qe-next-day" on:click=move |_| add_at(Some(later))>
                        {format!("Add it on the next day, {} {}", label.date, label.time)}
                    </button>
                }
            })}
        </div>
    }
}

#[component]
fn Filters(filter: RwSignal<TimelineFilter>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let search_id = unique_id("filter-text");
    let mut kind_options = vec![(None, "All kinds".to_owned())];
    kind_options.extend(
        EventKind::ALL
            .iter()
            .map(|k| (Some(*k), k.label().to_owned())),
    );
    let kind = Signal::derive(move || filter.with(|f| f.kinds.first().copied()));
    let people = Memo::new(move |_| {
        session.document.with(|r| {
            r.people
                .iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        if p.name.is_empty() {
                            "(no name)".to_owned()
                        } else {
                            p.name.clone()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let person_id = unique_id("filter-person");
    view! {
        <div class="filters" role="search" aria-label="Filter events">
            <div class="field">
                <label for=search_id.clone()>"Find in events"</label>
                <input
                    id=search_id
                    type="search"
                    placeholder="Words in the text, tags or names"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))
                />
            </div>
            <SelectField
                label="Kind"
                options=kind_options
                value=kind
                on_change={move |k: Option<EventKind>| filter.update(|f| f.kinds = k.into_iter().collect())}
            />
            <div class="field">
                <label for=person_id.clone()>"Person"</label>
                <select
                    id=person_id
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.person = (!value.is_empty()).then(|| EntityId::new(value)));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.person.is_none())>"Anyone"</option>
                    <For
                        each=move || people.get()
                        key=|(id, name)| (id.clone(), name.clone())
                        children=move |(id, name)| {
                            let value = id.to_string();
                            view! {
                                <option value=value selected=move || filter.with(|f| f.person.as_ref() == Some(&id))>{name}</option>
                            }
                        }
                    />
                </select>
            </div>
            <CheckboxField
                label="Key events only"
                checked=Signal::derive(move || filter.with(|f| f.key_only))
                on_change=move |v| filter.update(|f| f.key_only = v)
            />
        </div>
    }
}

/// Which rows are on screen, given the scroll position: only those are in the document.
fn visible_range(count: usize, editing: Option<usize>, top: f64, height: f64) -> (usize, usize) {
    let index_at = |y: f64| -> usize {
        let y = y.max(0.0);
        match editing {
            Some(k) if y >= k as f64 * ROW_HEIGHT + EDITOR_HEIGHT => {
                k + 1 + ((y - k as f64 * ROW_HEIGHT - EDITOR_HEIGHT) / ROW_HEIGHT) as usize
            }
            Some(k) if y >= k as f64 * ROW_HEIGHT => k,
            _ => (y / ROW_HEIGHT) as usize,
        }
    };
    let first = index_at(top).saturating_sub(OVERSCAN);
    let last = (index_at(top + height) + OVERSCAN + 1).min(count);
    (first.min(last), last)
}

fn row_offset(index: usize, editing: Option<usize>) -> f64 {
    let extra = match editing {
        Some(k) if k < index => EDITOR_HEIGHT - ROW_HEIGHT,
        _ => 0.0,
    };
    index as f64 * ROW_HEIGHT + extra
}

#[component]
fn EventList(
    shown: Memo<Vec<usize>>,
    zone: Signal<String>,
    editing: RwSignal<Option<EntityId>>,
    selected: RwSignal<HashSet<EntityId>>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(640.0);
    let scroller = NodeRef::<leptos::html::Div>::new();

    // Position in the shown list of the event being edited, if it is shown.
    let editing_at = Memo::new(move |_| {
        let id = editing.get()?;
        session.document.with(|r| {
            shown.with(|rows| {
                rows.iter()
                    .position(|&i| r.timeline.get(i).is_some_and(|e| e.id == id))
            })
        })
    });
    let rows = Memo::new(move |_| {
        let (count, edit) = (shown.with(Vec::len), editing_at.get());
        let (first, last) = visible_range(count, edit, scroll_top.get(), viewport.get());
        let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get());
        let day_of = |event: &TimelineEvent| event.at.map(|at| zone.to_local(&at).0.date());
        session.document.with(|r| {
            shown.with(|rows| {
                (first..last)
                    .filter_map(|position| {
                        let event = r.timeline.get(rows[position])?;
                        // A row starts a day when its date differs from the row above's, so
                        // a night that crosses midnight shows where the date changes.
                        let above = position
                            .checked_sub(1)
                            .and_then(|p| r.timeline.get(rows[p]))
                            .and_then(day_of);
                        let starts_day = day_of(event).is_some_and(|day| above != Some(day));
                        Some((
                            position,
                            event.id.clone(),
                            edit == Some(position),
                            starts_day,
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let total_height = move || {
        let count = shown.with(Vec::len);
        count as f64 * ROW_HEIGHT
            + if editing_at.get().is_some() {
                EDITOR_HEIGHT - ROW_HEIGHT
            } else {
                0.0
            }
    };
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(crate::browser::list_reach(&el));
        }
    });
    view! {
        <div
            class="event-scroller"
            node_ref=scroller
            on:scroll=move |ev| {
                let el: web_sys::HtmlElement = event_target(&ev);
                scroll_top.set(f64::from(el.scroll_top()));
                viewport.set(crate::browser::list_reach(&el));
            }
        >
            <ol class="event-list" aria-label="Events" style:height=move || format!("{}px", total_height())>
                <For
                    each=move || rows.get()
                    key=|row| row.clone()
                    children=move |(position, id, is_editing, starts_day)| {
                        let count = shown.with_untracked(Vec::len);
                        let top = move || format!("translateY({}px)", row_offset(position, editing_at.get()));
                        view! {
                            <li
                                class="event-row"
                                class:editing=is_editing
                                class:starts-day=starts_day
                                style:transform=top
                                aria-setsize=count.to_string()
                                aria-posinset=(position + 1).to_string()
                            >
                                {if is_editing {
                                    view! { <EventEditor id=id zone=zone editing=editing /> }.into_any()
                                } else {
                                    view! { <EventRow id=id zone=zone editing=editing selected=selected /> }.into_any()
                                }}
                            </li>
                        }
                    }
                />
            </ol>
        </div>
    }
}

/// A change to one event, applied by `Review::update_event`.
type EventChange = Box<dyn FnOnce(&mut TimelineEvent)>;

fn event_of(session: ReviewSession, id: EntityId) -> Memo<Option<TimelineEvent>> {
    Memo::new(move |_| session.document.with(|r| r.event(&id).cloned()))
}

/// Removes an event, its links included, offering Undo. `summary` names it in the message.
fn remove_event(session: ReviewSession, id: EntityId, summary: String) {
    session.remove_entry(
        format!("Removed the event \u{201c}{summary}\u{201d}."),
        id,
        Review::remove_event,
        Review::restore_event,
    );
}

fn short(text: &str, limit: usize) -> String {
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        out.push('\u{2026}');
    }
    out
}

#[component]
fn EventRow(
    id: EntityId,
    zone: Signal<String>,
    editing: RwSignal<Option<EntityId>>,
    selected: RwSignal<HashSet<EntityId>>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let event = event_of(session, id.clone());
    let actor = Memo::new(move |_| {
        event.with(|e| {
            let actor = e.as_ref()?.actor.clone()?;
            session
                .document
                .with(|r| r.person(&actor).map(|p| p.name.clone()))
        })
    });
    let when = move || {
        event.with(|e| match e.as_ref().and_then(TimelineEvent::written_time) {
            Some(time) => {
                let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get());
                let label = format_instant(&time.at, &zone);
                let clock = time
                    .known
                    .written(&label.time, |latest| format_instant(latest, &zone).time);
                (clock, format!("{} {}", label.date, label.offset))
            }
            None => ("No time".to_owned(), String::new()),
        })
    };
    let summary =
        move || event.with(|e| e.as_ref().map(|e| short(&e.text, 60)).unwrap_or_default());
    let edit = {
        let id = id.clone();
        move |_| editing.set(Some(id.clone()))
    };
    let select = view! {
        <SelectEntry
            id=id.clone()
            name=Signal::derive(move || format!("event \u{201c}{}\u{201d}", summary()))
            selected=selected
        />
    };
    let remove = move |_| remove_event(session, id.clone(), summary());
    view! {
        {select}
        <div class="event-time">
            <span class="clock">{move || when().0}</span>
            <span class="date">{move || when().1}</span>
        </div>
        <span class=move || format!("kind kind-{:?}", event.with(|e| e.as_ref().map(|e| e.kind).unwrap_or_default())).to_lowercase()>
            {move || event.with(|e| e.as_ref().map(|e| e.kind.label()).unwrap_or_default())}
        </span>
        <div class="event-body">
            <span class="actor">{move || actor.get().unwrap_or_default()}</span>
            <span class="text" title=move || event.with(|e| e.as_ref().map(|e| e.text.clone()).unwrap_or_default())>
                {move || event.with(|e| e.as_ref().map(|e| e.text.clone()).unwrap_or_default())}
            </span>
        </div>
        <div class="event-flags">
            {move || event.with(|e| e.as_ref().is_some_and(|e| e.key)).then(|| view! { <span class="flag key">"Key"</span> })}
            {move || event.with(|e| e.as_ref().is_some_and(|e| e.visibility == Visibility::Public)).then(|| view! { <span class="flag public">"Public"</span> })}
        </div>
        <div class="event-actions">
            <button type="button" aria-label=move || format!("Edit event \u{201c}{}\u{201d}", summary()) on:click=edit>"Edit"</button>
            <button type="button" class="danger" aria-label=move || format!("Delete event \u{201c}{}\u{201d}", summary()) on:click=remove>"Delete"</button>
        </div>
    }
}

/// Editing one event where it stands in the list. Every field saves as it changes.
#[component]
fn EventEditor(
    id: EntityId,
    zone: Signal<String>,
    editing: RwSignal<Option<EntityId>>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let chat_focus = expect_context::<ChatFocus>().0;
    let event = event_of(session, id.clone());
    let check_key = format!("timeline/{id}/text");
    let date = Memo::new(move |_| session.document.with(|r| r.incident_date(&BROWSER_ZONES)));
    // One copyable handle for every field's edit of this event.
    let update = {
        let id = id.clone();
        Callback::new(move |change: EventChange| -> Result<(), String> {
            session
                .apply(|r| r.update_event(&id, change))
                .map_err(|e| e.to_string())
        })
    };
    let field = move |get: fn(&TimelineEvent) -> String| {
        Signal::derive(move || event.with(|e| e.as_ref().map(get).unwrap_or_default()))
    };
    let actor_name = Signal::derive(move || {
        event
            .with(|e| {
                let actor = e.as_ref()?.actor.clone()?;
                session
                    .document
                    .with(|r| r.person(&actor).map(|p| p.name.clone()))
            })
            .unwrap_or_default()
    });
    let link_text = RwSignal::new(event.with_untracked(|e| {
        e.as_ref()
            .and_then(|e| e.source.link.clone())
            .unwrap_or_default()
    }));
    let link_problem = RwSignal::new(None::<String>);
    let link_id = unique_id("link");
    let done_ref = NodeRef::<leptos::html::Div>::new();
    // Open with the first field focused, so keyboard users land in the editor.
    Effect::new(move |_| {
        if let Some(el) = done_ref.get() {
            if let Ok(Some(input)) = el.query_selector("input") {
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    let close = move || editing.set(None);
    let delete = {
        let id = id.clone();
        move |_| {
            let text = event
                .with_untracked(|e| e.as_ref().map(|e| short(&e.text, 60)).unwrap_or_default());
            editing.set(None);
            remove_event(session, id.clone(), text);
        }
    };
    let set_actor = move |name: String| {
        let _ = session.apply(|r| {
            let actor = r.ensure_person(&name, EntityId::new(browser::new_id()));
            r.update_event(&id, |e| e.actor = actor)
        });
    };
    view! {
        <div
            class="event-editor"
            node_ref=done_ref
            role="group"
            aria-label="Edit event"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <div class="grid">
                <WrittenTimeField
                    label="When"
                    value=Signal::derive(move || event.with(|e| e.as_ref().and_then(TimelineEvent::written_time)))
                    zone=zone
                    default_date=date
                    on_commit={move |v: Option<WrittenTime>| update.run(Box::new(move |e| e.set_written_time(v)))}
                />
                <TimeField
                    label="Until (optional)"
                    value=Signal::derive(move || event.with(|e| e.as_ref().and_then(|e| e.end)))
                    zone=zone
                    default_date=date
                    on_commit={move |v: Option<Timestamp>| update.run(Box::new(move |e| e.end = v))}
                />
                <SelectField
                    label="Kind"
                    options=choices(&EventKind::ALL, EventKind::label)
                    value=Signal::derive(move || event.with(|e| e.as_ref().map(|e| e.kind).unwrap_or_default()))
                    on_change=move |k| { let _ = update.run(Box::new(move |e| e.kind = k)); }
                />
                <PersonField label="Who" value=actor_name on_commit=set_actor />
            </div>
            <TextArea
                label="What happened"
                rows=2
                value=field(|e| e.text.clone())
                on_input=move |v: String| { let _ = update.run(Box::new(move |e| e.text = v)); }
                check=check_key
            />
            <div class="grid">
                <SelectField
                    label="Source"
                    options=choices(&SourceKind::ALL, SourceKind::label)
                    value=Signal::derive(move || event.with(|e| e.as_ref().map(|e| e.source.kind).unwrap_or_default()))
                    on_change=move |k| { let _ = update.run(Box::new(move |e| e.source.kind = k)); }
                />
                <div class="field" class:invalid=move || link_problem.with(Option::is_some)>
                    <label for=link_id.clone()>"Link to the source"</label>
                    <input
                        id=link_id
                        type="url"
                        placeholder="https://"
                        prop:value=move || link_text.get()
                        on:input=move |ev| link_text.set(event_target_value(&ev))
                        on:change=move |_| {
                            let typed = link_text.get_untracked();
                            let link = (!typed.trim().is_empty()).then(|| typed.trim().to_owned());
                            link_problem.set(update.run(Box::new(move |e| e.source.link = link)).err());
                        }
                    />
                    <p class="hint" class:error=move || link_problem.with(Option::is_some) aria-live="polite">
                        {move || link_problem.get().unwrap_or_else(|| "Only http and https links.".to_owned())}
                    </p>
                </div>
                <ListField
                    label="Tags"
                    value=Signal::derive(move || event.with(|e| e.as_ref().map(|e| e.tags.clone()).unwrap_or_default()))
                    on_change=move |tags| { let _ = update.run(Box::new(move |e| e.tags = tags)); }
                    hint="Separate with commas. Tag pages from other incidents \u{201c}other-incident\u{201d}."
                />
            </div>
            {move || event.with(|e| e.as_ref().and_then(|e| e.source.transcript.clone())).map(|link| {
                let messages = link.message_ids.len();
                view! {
                    <p class="from-chat">
                        {format!("Made from {}. ", count(messages, "chat message", "chat messages"))}
                        <button type="button" class="link-button" on:click=move |_| {
                            chat_focus.set(Some(link.clone()));
                            navigate(&Route::Review(session.id(), Section::Chat));
                        }>
                            "Show in the chat transcript"
                        </button>
                    </p>
                }
            })}
            <div class="grid">
                <CheckboxField
                    label="Key event (feeds the write-up)"
                    checked=Signal::derive(move || event.with(|e| e.as_ref().is_some_and(|e| e.key)))
                    on_change=move |v| { let _ = update.run(Box::new(move |e| e.key = v)); }
                />
                <VisibilityField
                    value=Signal::derive(move || event.with(|e| e.as_ref().map(|e| e.visibility).unwrap_or_default()))
                    on_change=move |v: Visibility| { let _ = update.run(Box::new(move |e| e.visibility = v)); }
                />
            </div>
            <div class="editor-actions">
                <button type="button" class="primary" on:click=move |_| close()>"Done"</button>
                <button type="button" class="danger" on:click=delete>"Delete event"</button>
            </div>
        </div>
    }
}
