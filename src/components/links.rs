//! Linking an entry (a factor, a learning, a piece of evidence) to timeline events: chips for
//! the linked events and a type-ahead over every event, labelled by time and text.

use super::fields::unique_id;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::analysis::timeline::sorted_event_indices;
use debrief_core::model::{EntityId, TimelineEvent};
use debrief_core::time::{format_instant, Zone};
use leptos::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// Every event as "2019-11-06 03:00 PST · text", in time order: the choices for linking.
/// Provided once per section; render [`EventChoicesList`] once so inputs can use it. The
/// labels are made only once someone starts linking: a section with a thousand entries
/// should not format five thousand times before it opens.
#[derive(Clone, Copy)]
pub struct EventChoices {
    all: Memo<Vec<(EntityId, String)>>,
    /// Changes only when what the labels show changes (see `provide`).
    fingerprint: Memo<u64>,
    wanted: RwSignal<bool>,
    session: ReviewSession,
}

/// "2019-11-06 03:00 PST · text" (the first 80 characters of the text).
fn event_label(event: &TimelineEvent, zone: &Zone) -> String {
    let when = event
        .at
        .map(|at| {
            let l = format_instant(&at, zone);
            format!("{} {} {}", l.date, l.time, l.abbreviation)
                .trim_end()
                .to_owned()
        })
        .unwrap_or_else(|| "No time".to_owned());
    let text: String = event.text.chars().take(80).collect();
    format!("{when} \u{b7} {text}")
}

impl EventChoices {
    pub fn provide() -> Self {
        let session = expect_context::<ReviewSession>();
        // Labelling thousands of events (each time formatted through Intl) must not happen on
        // every keystroke in a factor or a note: the labels follow only what they show — the
        // zone and each event's id, time and text — through this cheap fingerprint.
        let fingerprint = Memo::new(move |_| {
            session.document.with(|review| {
                let mut hasher = DefaultHasher::new();
                review.incident.time_zone.hash(&mut hasher);
                for event in &review.timeline {
                    (
                        &event.id,
                        event.at.map(|at| at.timestamp_millis()),
                        &event.text,
                    )
                        .hash(&mut hasher);
                }
                hasher.finish()
            })
        });
        let all = Memo::new(move |_| {
            fingerprint.track();
            session.document.with_untracked(|review| {
                let zone = Zone::find_or_utc(&BROWSER_ZONES, &review.incident.time_zone);
                sorted_event_indices(review)
                    .into_iter()
                    .map(|i| {
                        let event = &review.timeline[i];
                        (event.id.clone(), event_label(event, &zone))
                    })
                    .collect()
            })
        });
        let choices = EventChoices {
            all,
            fingerprint,
            wanted: RwSignal::new(false),
            session,
        };
        provide_context(choices);
        choices
    }

    /// One event's label, following its time and text (not every keystroke elsewhere).
    pub fn label_of(&self, id: &EntityId) -> String {
        self.fingerprint.track();
        self.session
            .document
            .with_untracked(|review| {
                let zone = Zone::find_or_utc(&BROWSER_ZONES, &review.incident.time_zone);
                review.event(id).map(|event| event_label(event, &zone))
            })
            .unwrap_or_else(|| "(event removed)".to_owned())
    }

    /// The event a label picked from the list stands for.
    pub fn id_of(&self, label: &str) -> Option<EntityId> {
        self.all.with_untracked(|all| {
            all.iter()
                .find(|(_, l)| l == label.trim())
                .map(|(id, _)| id.clone())
        })
    }

    /// Someone is about to pick an event: fill the list.
    pub fn want(&self) {
        self.wanted.set(true);
    }
}

/// The `<datalist>` every event input points at; render it once per page. Its options are
/// added once an input asks for them ([`EventChoices::want`]).
#[component]
pub fn EventChoicesList() -> impl IntoView {
    let choices = expect_context::<EventChoices>();
    view! {
        <datalist id="event-choices">
            <Show when=move || choices.wanted.get()>
                <For
                    each=move || choices.all.get()
                    key=|(id, label)| (id.clone(), label.clone())
                    children=|(_, label)| view! { <option value=label></option> }
                />
            </Show>
        </datalist>
    }
}

/// The events an entry is linked to, with a way to add and remove links.
#[component]
pub fn EventLinks(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Vec<EntityId>>,
    #[prop(into)] on_change: Callback<Vec<EntityId>>,
) -> impl IntoView {
    let choices = expect_context::<EventChoices>();
    let id = unique_id("links");
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let add = move || {
        let text = typed.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        match choices.id_of(&text) {
            Some(event) => {
                let mut links = value.get_untracked();
                if !links.contains(&event) {
                    links.push(event);
                    on_change.run(links);
                }
                typed.set(String::new());
                problem.set(None);
            }
            None => problem.set(Some(
                "Pick an event from the list; start typing its time or words.".to_owned(),
            )),
        }
    };
    let label_text = label.clone();
    view! {
        <div class="field event-links">
            <label for=id.clone()>{label}</label>
            <ul class="chips">
                <For
                    each=move || value.get()
                    key=|event| event.clone()
                    children=move |event| {
                        let name = choices.label_of(&event);
                        let remove = {
                            let event = event.clone();
                            move |_| on_change.run(value.get_untracked().into_iter().filter(|e| e != &event).collect())
                        };
                        view! {
                            <li class="chip">
                                <span>{name.clone()}</span>
                                <button type="button" aria-label=format!("Unlink {name}") on:click=remove>"\u{d7}"</button>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="link-input">
                <input
                    id=id
                    type="text"
                    list="event-choices"
                    autocomplete="off"
                    placeholder="Type a time or words, then pick an event"
                    aria-label=format!("{label_text}: add a link")
                    prop:value=move || typed.get()
                    on:focus=move |_| choices.want()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:change=move |_| add()
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
            </div>
            {move || problem.get().map(|p| view! { <p class="hint error" aria-live="polite">{p}</p> })}
        </div>
    }
}
