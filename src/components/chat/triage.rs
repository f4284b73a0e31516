//! The transcript beside the timeline: find messages, read one in full, and turn one or
//! several into timeline events. The list renders only the rows on screen, so a 50,000-
//! message channel scrolls as smoothly as a short one.
//!
//! Keyboard: the list is one tab stop. ↑/↓, Page Up/Down, Home/End move; Space selects;
//! Enter adds the selected messages (or the current one) as events; Shift+Enter merges the
//! selected messages into one event. Keys act only on what the filter shows: the current row
//! is always a shown one (a filter hiding it moves it to the next shown row), and selected
//! messages the filter hides are left alone until they are shown again.

use super::super::fields::{unique_id, SelectField, TimeField};
use super::ChatFocus;
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::analysis::participation::message_range;
use debrief_core::analysis::timeline::sorted_event_indices;
use debrief_core::import::MessageKind;
use debrief_core::model::{EntityId, Review};
use debrief_core::sorting;
use debrief_core::text::grouped;
use debrief_core::time::{format_instant, Zone};
use debrief_core::triage::{
    current_after_filter, event_from_messages, filter_messages, message_words, promoted_messages,
    suggested_kind, KindFilter, MessageFilter, MessageRef, ReviewTranscripts,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Height of one message row in pixels; the CSS gives rows exactly this height.
const ROW_HEIGHT: f64 = 60.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;
/// Events shown on each side of the current message in "Timeline around this time".
const NEARBY_EVENTS: usize = 5;

#[component]
pub fn Triage(transcripts: Memo<Arc<ReviewTranscripts>>, zone: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let filter = RwSignal::new(MessageFilter::default());
    let order = Memo::new(move |_| transcripts.with(|t| Arc::new(t.time_order())));
    let promoted = Memo::new(move |_| session.document.with(promoted_messages));
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        transcripts.with(|t| {
            order.with(|order| promoted.with(|p| Arc::new(filter_messages(t, order, &filter, p))))
        })
    });
    let labels: AuthorLabels = Memo::new(move |_| {
        transcripts.with(|t| {
            Arc::new(
                t.authors_in_order()
                    .into_iter()
                    .map(|a| (a.key, a.label))
                    .collect(),
            )
        })
    });
    let active = RwSignal::new(None::<MessageRef>);
    let selected = RwSignal::new(Vec::<MessageRef>::new());
    let status = RwSignal::new(None::<String>);
    // Arriving from an event's "Show in the chat transcript": its messages are selected, the
    // first is current and scrolled into view.
    let jump = RwSignal::new(None::<MessageRef>);
    let focus = expect_context::<ChatFocus>().0;
    Effect::new(move |_| {
        let Some(link) = focus.get() else { return };
        let refs: Vec<MessageRef> = transcripts.with(|t| {
            let Some(index) = t
                .transcripts
                .iter()
                .position(|s| s.id == link.transcript_id)
            else {
                return Vec::new();
            };
            let messages = &t.transcripts[index].transcript.messages;
            link.message_ids
                .iter()
                .filter_map(|id| messages.iter().position(|m| m.id == *id))
                .map(|message| MessageRef {
                    transcript: index,
                    message,
                })
                .collect()
        });
        if refs.is_empty() {
            status.set(Some(
                "The messages this event was made from are no longer in the transcripts."
                    .to_owned(),
            ));
        } else {
            filter.set(MessageFilter::default());
            selected.set(refs.clone());
            jump.set(refs.first().copied());
        }
        focus.set(None);
    });

    // The current row follows the filter: never one it hides.
    Effect::new(move |_| {
        let current = active.get_untracked();
        let moved = shown.with(|s| {
            order.with(|o| current_after_filter(o, s, current).and_then(|p| o.get(s[p]).copied()))
        });
        if moved != current {
            active.set(moved);
        }
    });
    // Selected messages the filter shows: the ones buttons and keys act on.
    let selected_shown = Memo::new(move |_| {
        selected.with(|picked| {
            shown.with(|s| {
                order.with(|o| {
                    let visible: std::collections::HashSet<MessageRef> =
                        s.iter().filter_map(|i| o.get(*i).copied()).collect();
                    picked
                        .iter()
                        .copied()
                        .filter(|r| visible.contains(r))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let promote = move |merge: bool| {
        let mut refs = selected_shown.get_untracked();
        if refs.is_empty() {
            refs.extend(active.get_untracked());
        }
        let result = transcripts.with_untracked(|t| promote_messages(session, t, &refs, merge));
        let refs = &refs;
        match result {
            Ok(message) => {
                // Only what was added leaves the selection; hidden picks stay picked.
                selected.update(|s| s.retain(|r| !refs.contains(r)));
                status.set(Some(message));
            }
            Err(message) => status.set(Some(message)),
        }
    };
    let total = move || transcripts.with(|t| t.message_count());
    view! {
        <div class="triage">
            <section class="panel triage-list" aria-labelledby="messages-heading">
                <h2 id="messages-heading">"Messages"</h2>
                <MessageFilters transcripts=transcripts filter=filter zone=zone />
                <p class="derived" role="status">
                    {move || {
                        let (shown, total) = (shown.with(|s| s.len()), total());
                        let picked = selected_shown.with(Vec::len);
                        let hidden = selected.with(Vec::len) - picked;
                        let mut text = if shown == total {
                            format!("{}, in time order.", super::messages(total))
                        } else {
                            format!("Showing {} of {}.", grouped(shown), super::messages(total))
                        };
                        if picked > 0 {
                            text.push_str(&format!(" {picked} selected."));
                        }
                        if hidden > 0 {
                            text.push_str(&format!(" {hidden} more selected but hidden by the filter; they are left alone."));
                        }
                        text
                    }}
                </p>
                <div class="entry-actions triage-actions" role="group" aria-label="Turn messages into events">
                    <button
                        type="button"
                        class="primary"
                        disabled=move || selected_shown.with(Vec::is_empty) && active.with(Option::is_none)
                        on:click=move |_| promote(false)
                    >
                        {move || match selected_shown.with(Vec::len) {
                            0 | 1 => "Add as event".to_owned(),
                            n => format!("Add {n} as separate events"),
                        }}
                    </button>
                    <button type="button" disabled=move || selected_shown.with(|s| s.len() < 2) on:click=move |_| promote(true)>
                        {move || format!("Merge {} into one event", selected_shown.with(Vec::len).max(2))}
                    </button>
                    <button type="button" disabled=move || selected.with(Vec::is_empty) on:click=move |_| selected.set(Vec::new())>
                        "Clear selection"
                    </button>
                </div>
                <p class="hint" aria-live="polite">{move || status.get()}</p>
                <MessageList
                    transcripts=transcripts
                    order=order
                    shown=shown
                    promoted=promoted
                    active=active
                    selected=selected
                    zone=zone
                    jump=jump
                    labels=labels
                    on_promote=Callback::new(promote)
                />
            </section>
            <aside class="triage-side" aria-label="The current message and the timeline">
                <MessageDetail transcripts=transcripts active=active filter=filter zone=zone labels=labels />
                <NearbyEvents transcripts=transcripts active=active zone=zone />
            </aside>
        </div>
    }
}

/// Adds events for `refs`: one per message, or one for all when `merge`. Joins and leaves
/// are passed over. Returns what happened in words.
fn promote_messages(
    session: ReviewSession,
    transcripts: &ReviewTranscripts,
    refs: &[MessageRef],
    merge: bool,
) -> Result<String, String> {
    let mut refs: Vec<MessageRef> = refs
        .iter()
        .copied()
        .filter(|r| {
            transcripts
                .message(*r)
                .and_then(|m| suggested_kind(&transcripts.as_marked(m)))
                .is_some()
        })
        .collect();
    if refs.is_empty() {
        return Err("Joins and leaves are not events on their own; they show under Participation. Pick a message.".to_owned());
    }
    sorting::sort_by_key(&mut refs, |r| transcripts.message(*r).map(|m| m.at));
    let groups: Vec<Vec<MessageRef>> = if merge {
        if refs.iter().any(|r| r.transcript != refs[0].transcript) {
            return Err("These messages come from different imports; merge messages of one import at a time.".to_owned());
        }
        vec![refs]
    } else {
        refs.into_iter().map(|r| vec![r]).collect()
    };
    let mut added = 0;
    for group in &groups {
        let marked: Vec<_> = group
            .iter()
            .filter_map(|r| transcripts.message(*r))
            .map(|m| transcripts.as_marked(m))
            .collect();
        let messages: Vec<_> = marked.iter().collect();
        let transcript_id = transcripts.transcript_id(group[0]).unwrap_or_default();
        let actor = messages
            .first()
            .and_then(|m| transcripts.person_for(m.author_key()))
            .cloned()
            // A link to someone since removed from People would be refused; leave it out.
            .filter(|id| {
                session
                    .document
                    .with_untracked(|r| r.people.iter().any(|p| p.id == *id))
            });
        let Some(event) = event_from_messages(
            EntityId::new(browser::new_id()),
            transcript_id,
            &messages,
            actor,
        ) else {
            continue;
        };
        session
            .apply(|review: &mut Review| review.add_event(event))
            .map_err(|err| err.to_string())?;
        added += 1;
    }
    Ok(match (added, merge) {
        (1, true) => format!("Merged {} messages into one event on the timeline. It is internal until you mark it public.", groups[0].len()),
        (1, false) => "Added an event to the timeline. It is internal until you mark it public.".to_owned(),
        (n, _) => format!("Added {n} events to the timeline. They are internal until you mark them public."),
    })
}

#[component]
fn MessageFilters(
    transcripts: Memo<Arc<ReviewTranscripts>>,
    filter: RwSignal<MessageFilter>,
    zone: Signal<String>,
) -> impl IntoView {
    let search_id = unique_id("msg-search");
    let author_id = unique_id("msg-author");
    let channel_id = unique_id("msg-channel");
    let authors = Memo::new(move |_| transcripts.with(|t| t.authors_in_order()));
    let channels = Memo::new(move |_| {
        transcripts.with(|t| {
            t.channels_in_order()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    // A time of day typed in the filters belongs to the transcript's first day.
    let first_day = Memo::new(move |_| {
        transcripts.with(|t| {
            let (first, _) = message_range(t)?;
            Some(
                Zone::find_or_utc(&BROWSER_ZONES, &zone.get())
                    .to_local(&first)
                    .0
                    .date(),
            )
        })
    });
    let kinds: Vec<(KindFilter, String)> = KindFilter::ALL
        .iter()
        .map(|k| (*k, k.label().to_owned()))
        .collect();
    let thread = move || {
        filter.with(|f| f.thread.clone()).map(|(t, id)| {
            let started = transcripts.with(|ts| {
                ts.transcripts.get(t).and_then(|s| s.transcript.messages.iter().find(|m| m.id == id)).map(|m| {
                    let local = format_instant(&m.at, &Zone::find_or_utc(&BROWSER_ZONES, &zone.get_untracked()));
                    format!("{} at {}", m.author, local.time)
                })
            });
            view! {
                <p class="chip">
                    {format!("Showing one thread, started by {}.", started.unwrap_or_else(|| "a message".to_owned()))}
                    " "
                    <button type="button" on:click=move |_| filter.update(|f| f.thread = None)>"Show all threads"</button>
                </p>
            }
        })
    };
    view! {
        <div class="filters" role="search" aria-label="Filter messages">
            <div class="field">
                <label for=search_id.clone()>"Find in messages"</label>
                <input
                    id=search_id
                    type="search"
                    placeholder="Words, names, file names"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=author_id.clone()>"Author"</label>
                <select
                    id=author_id
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.author = (!value.is_empty()).then_some(value));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.author.is_none())>"Anyone"</option>
                    <For
                        each=move || authors.get()
                        key=|author| author.clone()
                        children=move |author| {
                            let is = author.key.clone();
                            view! { <option value=author.key selected=move || filter.with(|f| f.author.as_ref() == Some(&is))>{author.label}</option> }
                        }
                    />
                </select>
            </div>
            <Show when=move || channels.with(|c| c.len() > 1)>
                <div class="field">
                    <label for=channel_id.clone()>"Channel"</label>
                    <select
                        id=channel_id.clone()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            filter.update(|f| f.channel = (!value.is_empty()).then_some(value));
                        }
                    >
                        <option value="" selected=move || filter.with(|f| f.channel.is_none())>"Every channel"</option>
                        <For
                            each=move || channels.get()
                            key=|name| name.clone()
                            children=move |name| {
                                let is = name.clone();
                                view! { <option value=name.clone() selected=move || filter.with(|f| f.channel.as_ref() == Some(&is))>{format!("#{name}")}</option> }
                            }
                        />
                    </select>
                </div>
            </Show>
            <SelectField
                label="Show"
                options=kinds
                value=Signal::derive(move || filter.with(|f| f.kinds))
                on_change=move |k| filter.update(|f| f.kinds = k)
            />
            <TimeField
                label="From"
                value=Signal::derive(move || filter.with(|f| f.from))
                zone=zone
                default_date=first_day
                on_commit=move |at| { filter.update(|f| f.from = at); Ok(()) }
                placeholder="any time"
            />
            <TimeField
                label="To"
                value=Signal::derive(move || filter.with(|f| f.to))
                zone=zone
                default_date=first_day
                on_commit=move |at| { filter.update(|f| f.to = at); Ok(()) }
                placeholder="any time"
            />
            <div class="field checkbox">
                <input
                    id="hide-promoted"
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.hide_promoted)
                    on:change=move |ev| filter.update(|f| f.hide_promoted = event_target_checked(&ev))
                />
                <label for="hide-promoted">"Hide messages already on the timeline"</label>
            </div>
            {thread}
        </div>
    }
}

/// Each author's label by [`debrief_core::import::Message::author_key`]: the name, with the
/// account id when another account shares it ("Alex (U02ABC)").
type AuthorLabels = Memo<Arc<HashMap<String, String>>>;

fn author_label(labels: AuthorLabels, message: &debrief_core::import::Message) -> String {
    labels
        .with_untracked(|l| l.get(message.author_key()).cloned())
        .unwrap_or_else(|| message.author.clone())
}

fn visible_range(count: usize, top: f64, height: f64) -> (usize, usize) {
    let first = ((top.max(0.0) / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
    let last = (((top.max(0.0) + height) / ROW_HEIGHT) as usize + OVERSCAN + 1).min(count);
    (first.min(last), last)
}

fn row_id(position: usize) -> String {
    format!("msg-{position}")
}

#[component]
fn MessageList(
    transcripts: Memo<Arc<ReviewTranscripts>>,
    order: Memo<Arc<Vec<MessageRef>>>,
    shown: Memo<Arc<Vec<usize>>>,
    promoted: Memo<debrief_core::triage::PromotedMessages>,
    active: RwSignal<Option<MessageRef>>,
    selected: RwSignal<Vec<MessageRef>>,
    zone: Signal<String>,
    jump: RwSignal<Option<MessageRef>>,
    labels: AuthorLabels,
    on_promote: Callback<bool>,
) -> impl IntoView {
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(600.0);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let ref_at = move |position: usize| -> Option<MessageRef> {
        shown.with_untracked(|s| {
            s.get(position)
                .and_then(|i| order.with_untracked(|o| o.get(*i).copied()))
        })
    };
    let active_position = Memo::new(move |_| {
        let active = active.get()?;
        shown.with(|s| order.with(|o| s.iter().position(|i| o.get(*i) == Some(&active))))
    });
    let rows = Memo::new(move |_| {
        let (first, last) =
            visible_range(shown.with(|s| s.len()), scroll_top.get(), viewport.get());
        (first..last)
            .filter_map(|p| ref_at(p).map(|r| (p, r)))
            .collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(crate::browser::list_reach(&el));
        }
    });
    // Keeps the current row on screen when the keyboard moves it.
    let reveal = move |position: usize| {
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        let top = position as f64 * ROW_HEIGHT;
        let view_top = f64::from(el.scroll_top());
        let view_height = f64::from(el.client_height());
        if top < view_top {
            el.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > view_top + view_height {
            el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
        }
    };
    Effect::new(move |_| {
        let Some(target) = jump.get() else { return };
        let position =
            shown.with(|s| order.with(|o| s.iter().position(|i| o.get(*i) == Some(&target))));
        if let (Some(position), Some(el)) = (position, scroller.get()) {
            active.set(Some(target));
            let centred = position as f64 * ROW_HEIGHT - f64::from(el.client_height()) / 2.0;
            el.set_scroll_top(centred.max(0.0) as i32);
            jump.set(None);
        }
    });
    let toggle = move |r: MessageRef| {
        selected.update(|s| {
            if let Some(i) = s.iter().position(|x| *x == r) {
                s.remove(i);
            } else {
                s.push(r);
            }
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = shown.with_untracked(|s| s.len());
        if count == 0 {
            return;
        }
        let current = active_position.get_untracked();
        let page = (viewport.get_untracked() / ROW_HEIGHT).max(1.0) as usize;
        let target = match ev.key().as_str() {
            "ArrowDown" => Some(current.map_or(0, |p| (p + 1).min(count - 1))),
            "ArrowUp" => Some(current.map_or(0, |p| p.saturating_sub(1))),
            "PageDown" => Some(current.map_or(0, |p| (p + page).min(count - 1))),
            "PageUp" => Some(current.map_or(0, |p| p.saturating_sub(page))),
            "Home" => Some(0),
            "End" => Some(count - 1),
            " " => {
                ev.prevent_default();
                if let Some(r) = current.and_then(ref_at) {
                    toggle(r);
                }
                None
            }
            "Enter" => {
                ev.prevent_default();
                on_promote.run(ev.shift_key());
                None
            }
            _ => None,
        };
        if let Some(position) = target {
            ev.prevent_default();
            active.set(ref_at(position));
            reveal(position);
        }
    };
    let zone_now = move || Zone::find_or_utc(&BROWSER_ZONES, &zone.get());
    // Rows name their channel only when there is more than one to tell apart.
    let several_channels =
        Memo::new(move |_| transcripts.with(|t| t.channels_in_order().len() > 1));
    view! {
        <div
            class="message-scroller"
            node_ref=scroller
            on:scroll=move |ev| {
                let el: web_sys::HtmlElement = event_target(&ev);
                scroll_top.set(f64::from(el.scroll_top()));
                viewport.set(crate::browser::list_reach(&el));
            }
        >
            <div
                class="message-list"
                role="listbox"
                aria-label="Transcript messages"
                aria-multiselectable="true"
                tabindex="0"
                aria-activedescendant=move || active_position.get().map(row_id)
                style:height=move || format!("{}px", shown.with(|s| s.len()) as f64 * ROW_HEIGHT)
                on:keydown=on_keydown
                on:focus=move |_| {
                    if active.with_untracked(Option::is_none) {
                        active.set(ref_at((scroll_top.get_untracked() / ROW_HEIGHT) as usize));
                    }
                }
            >
                <For
                    each=move || rows.get()
                    key=|row| *row
                    children=move |(position, at)| {
                        let count = shown.with_untracked(|s| s.len());
                        let message = transcripts.with_untracked(|t| t.message(at).cloned());
                        let transcript_id = transcripts.with_untracked(|t| t.transcript_id(at).unwrap_or_default().to_owned());
                        let Some(message) = message else { return ().into_any() };
                        let is_promoted = {
                            let id = message.id.clone();
                            move || promoted.with(|p| p.contains(&transcript_id, &id))
                        };
                        let is_promoted_too = is_promoted.clone();
                        let local = format_instant(&message.at, &zone_now());
                        // The first message of each day, in the order shown, carries its date:
                        // a long night's chat otherwise reads as one column of clock times.
                        let date = local.date.clone();
                        let starts_day = Memo::new(move |_| {
                            let above = position
                                .checked_sub(1)
                                .and_then(|p| shown.with(|s| s.get(p).copied()))
                                .and_then(|i| order.with_untracked(|o| o.get(i).copied()))
                                .and_then(|r| transcripts.with_untracked(|t| t.message(r).map(|m| m.at)));
                            above.is_none_or(|at| format_instant(&at, &zone_now()).date != date)
                        });
                        let day_label = local.date.clone();
                        let badge = match transcripts.with_untracked(|t| t.kind_of(&message)) {
                            MessageKind::Alert => Some("alert"),
                            MessageKind::Join => Some("joined"),
                            MessageKind::Leave => Some("left"),
                            MessageKind::File => Some("file"),
                            MessageKind::System => Some("channel"),
                            MessageKind::Message => None,
                        };
                        let reply = message.thread.as_ref().is_some_and(|t| *t != message.id);
                        let channel = message.channel.clone().filter(|_| several_channels.get_untracked());
                        let author = author_label(labels, &message);
                        let words = message_words(&message);
                        view! {
                            <div
                                id=row_id(position)
                                class="message-row"
                                class:alert=badge == Some("alert")
                                class:quiet=matches!(message.kind, MessageKind::Join | MessageKind::Leave | MessageKind::System)
                                class:active=move || active.get() == Some(at)
                                class:promoted=is_promoted
                                class:starts-day=move || starts_day.get()
                                role="option"
                                aria-selected=move || if selected.with(|s| s.contains(&at)) { "true" } else { "false" }
                                aria-setsize=count.to_string()
                                aria-posinset=(position + 1).to_string()
                                style:transform=format!("translateY({}px)", position as f64 * ROW_HEIGHT)
                                on:click=move |_| {
                                    active.set(Some(at));
                                    toggle(at);
                                }
                            >
                                <span class="message-meta">
                                    <span class="select-mark" aria-hidden="true">{move || if selected.with(|s| s.contains(&at)) { "\u{2611}" } else { "\u{2610}" }}</span>
                                    {move || starts_day.get().then(|| view! { <span class="day-change">{day_label.clone()}</span> })}
                                    <time>{local.time}</time>
                                    <strong>{author}</strong>
                                    {channel.map(|c| view! { <span class="channel-name">{format!("#{c}")}</span> })}
                                    {badge.map(|b| view! { <span class="badge">{b}</span> })}
                                    {message.deleted.then(|| view! { <span class="badge badge-deleted">"deleted"</span> })}
                                    {reply.then(|| view! { <span class="badge">"reply"</span> })}
                                    {move || is_promoted_too().then(|| view! { <span class="badge badge-done">"on the timeline"</span> })}
                                </span>
                                <span class="message-text">{words}</span>
                            </div>
                        }
                        .into_any()
                    }
                />
            </div>
        </div>
    }
}

#[component]
fn MessageDetail(
    transcripts: Memo<Arc<ReviewTranscripts>>,
    active: RwSignal<Option<MessageRef>>,
    filter: RwSignal<MessageFilter>,
    zone: Signal<String>,
    labels: AuthorLabels,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    view! {
        <section class="panel message-detail" aria-labelledby="message-detail-heading">
            <h2 id="message-detail-heading">"Message"</h2>
            {move || {
                let at = active.get()?;
                transcripts.with(|t| {
                    let message = t.message(at)?.clone();
                    let source = t.transcripts.get(at.transcript).map(|s| s.transcript.source.clone()).unwrap_or_default();
                    let person = t.person_for(message.author_key()).and_then(|id| {
                        session.document.with(|r| r.people.iter().find(|p| p.id == *id).map(|p| p.name.clone()))
                    });
                    let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get());
                    let local = format_instant(&message.at, &zone);
                    let thread = message.thread.clone();
                    Some(view! {
                        <p class="message-full">{message_words(&message)}</p>
                        <dl class="facts">
                            <dt>"When"</dt><dd>{format!("{} {} {}", local.date, local.time, local.offset)}</dd>
                            <dt>"Who"</dt>
                            <dd>{author_label(labels, &message)} {match person {
                                Some(name) if name != message.author => format!(" (linked to {name} in People)"),
                                Some(_) => " (in People)".to_owned(),
                                None => " (not linked to anyone in People)".to_owned(),
                            }}</dd>
                            <dt>"From"</dt>
                            <dd>{match message.channel {
                                Some(channel) => format!("#{channel}, in {source}"),
                                None => source,
                            }}</dd>
                            {message.edited.then(|| view! { <dt>"Edited"</dt><dd>"Yes, after it was sent"</dd> })}
                            {message.deleted.then(|| view! { <dt>"Deleted"</dt><dd>"Yes: deleted in the chat after it was sent; these are its words before that"</dd> })}
                            <dt>"Source"</dt><dd><code>{message.source_ref.clone()}</code></dd>
                        </dl>
                        {thread.map(|thread| view! {
                            <button type="button" on:click=move |_| filter.update(|f| f.thread = Some((at.transcript, thread.clone())))>
                                "Show this thread"
                            </button>
                        })}
                    })
                })
            }}
            <Show when=move || active.with(Option::is_none)>
                <p class="hint">"Pick a message to read it in full. Click messages (or press Space) to select several."</p>
            </Show>
        </section>
    }
}

/// The timeline's events just before and after the current message, so the analyst sees
/// what is already recorded around it.
#[component]
fn NearbyEvents(
    transcripts: Memo<Arc<ReviewTranscripts>>,
    active: RwSignal<Option<MessageRef>>,
    zone: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let order = Memo::new(move |_| session.document.with(sorted_event_indices));
    let nearby = Memo::new(move |_| {
        let when = active
            .get()
            .and_then(|a| transcripts.with(|t| t.message(a).map(|m| m.at)));
        let message_id = active
            .get()
            .and_then(|a| transcripts.with(|t| t.message(a).map(|m| m.id.clone())));
        session.document.with(|r| {
            order.with(|order| {
                let timed: Vec<usize> = order
                    .iter()
                    .copied()
                    .filter(|i| r.timeline[*i].at.is_some())
                    .collect();
                let split = when.map_or(timed.len(), |w| {
                    timed.partition_point(|i| r.timeline[*i].at.is_some_and(|at| at < w))
                });
                let start = split.saturating_sub(NEARBY_EVENTS);
                let end = (split + NEARBY_EVENTS).min(timed.len());
                timed[start..end]
                    .iter()
                    .map(|i| {
                        let e = &r.timeline[*i];
                        let from_here = message_id.as_ref().is_some_and(|m| {
                            e.source
                                .transcript
                                .as_ref()
                                .is_some_and(|l| l.message_ids.contains(m))
                        });
                        (
                            e.id.clone(),
                            e.at,
                            e.kind.label(),
                            e.text.clone(),
                            from_here,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="panel nearby-events" aria-labelledby="nearby-heading">
            <h2 id="nearby-heading">"Timeline around this time"</h2>
            <ol class="compact-events">
                <For
                    each=move || nearby.get()
                    key=|row| row.clone()
                    children=move |(_, at, kind, text, from_here)| {
                        let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get_untracked());
                        let time = at.map(|at| format_instant(&at, &zone).time).unwrap_or_default();
                        view! {
                            <li class:from-here=from_here>
                                <time>{time}</time>
                                <span class="badge">{kind}</span>
                                <span class="compact-text">{text}</span>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || nearby.with(Vec::is_empty)>
                <p class="hint">"No timed events yet. Messages you add appear here and on the Timeline."</p>
            </Show>
        </section>
    }
}
