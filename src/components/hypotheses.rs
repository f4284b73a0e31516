//! Hypotheses: every explanation responders held, who raised it and when, what would prove
//! it wrong, the evidence either way, and how it ended. How long each was held, and how much
//! of the response went to ones later falsified, shows where the response anchored.

use super::entries::{entry_names, position_of, JustAdded, LazyEntries, RemoveButton};
use super::fields::{
    choices, read, unique_id, PeopleNames, PersonField, SelectField, TextArea, TextField,
    TimeField, VisibilityField,
};
use super::links::{EventChoices, EventChoicesList};
use super::section_parts::{Guidance, UndoRemoval};
use super::zone_choice::{ZoneChoice, ZonePicker};
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use chrono::NaiveDate;
use debrief_core::analysis::actions::action_summary;
use debrief_core::analysis::hypotheses::{hypothesis_timings, time_on_falsified, HypothesisTiming};
use debrief_core::model::{
    EntityId, Evidence, EvidenceStance, Hypothesis, HypothesisStatus, Review, Timestamp, Visibility,
};
use debrief_core::time::{format_duration, format_instant, Zone};
use leptos::prelude::*;

#[component]
pub fn HypothesesEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    EventChoices::provide();
    let zone = ZoneChoice::zone_name();
    let date = read(session, |r| r.incident_date(&BROWSER_ZONES));
    let names = entry_names(
        session,
        "Hypothesis",
        |r| &r.hypotheses,
        |_, h| action_summary(&h.statement),
    );
    let ids = read(session, |r| {
        r.hypotheses
            .iter()
            .map(|h| h.id.clone())
            .collect::<Vec<_>>()
    });
    // One pass over the review per change, shared by every row, rather than one per row.
    let timings = Memo::new(move |_| session.document.with(hypothesis_timings));
    let added = JustAdded::default();
    let add = move |_| {
        let id = added.new_id();
        session.edit(|r| {
            r.hypotheses.push(Hypothesis {
                id,
                ..Hypothesis::default()
            })
        });
    };
    view! {
        <section class="panel hypotheses" aria-labelledby="hypotheses-heading">
            <div class="panel-head">
                <h2 id="hypotheses-heading">"Hypotheses"</h2>
                <div class="zone-picker"><ZonePicker /></div>
            </div>
            <Guidance>
                <p>
                    "Responders often anchor on the first plausible explanation and hold it for hours; in many incidents it took a fresh pair of eyes to falsify it. Record every explanation that was considered, including the wrong ones, and write what would prove each one wrong. Being wrong for a while is normal: the point is to see what made a hypothesis convincing at the time."
                </p>
            </Guidance>
            <FalsifiedSummary timings=timings />
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No hypotheses yet."</p>
            </Show>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("hypothesis-{id}")
                    entry=move |id| {
                        view! {
                            <HypothesisRow
                                id=id
                                ids=ids
                                timings=timings
                                zone=zone
                                date=date
                                added=added
                            />
                        }
                    }
                />
            </ol>
            <PeopleNames />
            <EventChoicesList />
            <UndoRemoval />
            <button type="button" class="primary" on:click=add>
                "Add hypothesis"
            </button>
        </section>
    }
}

/// The time the response spent on explanations that turned out wrong.
#[component]
fn FalsifiedSummary(timings: Memo<Vec<HypothesisTiming>>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let total = read(session, time_on_falsified);
    let counts = Memo::new(move |_| {
        session.document.with(|r| {
            timings.with(|timings| {
                let falsified = r
                    .hypotheses
                    .iter()
                    .zip(timings)
                    .filter(|(h, _)| h.status == HypothesisStatus::Falsified);
                let (mut all, mut uncounted) = (0, 0);
                for (_, timing) in falsified {
                    all += 1;
                    if timing.held_for.is_none() {
                        uncounted += 1;
                    }
                }
                (all, uncounted)
            })
        })
    });
    let explain = move || {
        let (all, uncounted) = counts.get();
        let mut text = "Wall-clock time from when each was raised until it was falsified; leads chased side by side count once.".to_owned();
        match uncounted {
            0 => {}
            1 if all == 1 => text.push_str(
                " The falsified hypothesis is left out until both its times are recorded.",
            ),
            1 => text.push_str(
                " One falsified hypothesis is left out until both its times are recorded.",
            ),
            n => text.push_str(&format!(
                " {n} falsified hypotheses are left out until both their times are recorded."
            )),
        }
        text
    };
    view! {
        <div class="falsified-summary">
            {move || {
                if counts.get().0 == 0 {
                    view! {
                        <p class="derived">
                            "No hypothesis is marked falsified yet. When one is, the time the response spent on it shows here."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="falsified-total">
                            "Time spent on hypotheses later falsified: "
                            <strong>{move || format_duration(total.get())}</strong>
                        </p>
                        <p class="hint">{explain}</p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// Edits of one hypothesis, found by id at the moment of the edit.
#[derive(Clone, Copy)]
struct HypothesisEdits {
    session: ReviewSession,
    id: StoredValue<EntityId>,
}

impl HypothesisEdits {
    fn edit(self, change: impl FnOnce(&mut Hypothesis)) {
        let id = self.id.get_value();
        self.session.edit(|r| {
            if let Some(h) = r.hypothesis_mut(&id) {
                change(h);
            }
        });
    }

    fn edit_evidence(self, evidence: &EntityId, change: impl FnOnce(&mut Evidence)) {
        self.edit(|h| {
            if let Some(item) = h.evidence.iter_mut().find(|e| &e.id == evidence) {
                change(item);
            }
        });
    }
}

#[component]
fn HypothesisRow(
    id: EntityId,
    ids: Signal<Vec<EntityId>>,
    timings: Memo<Vec<HypothesisTiming>>,
    zone: Signal<String>,
    date: Signal<Option<NaiveDate>>,
    added: JustAdded,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let node = NodeRef::<leptos::html::Li>::new();
    added.focus_if_new(&id, node, "textarea");
    let hypothesis = {
        let id = id.clone();
        read(session, move |r| {
            r.hypotheses
                .iter()
                .find(|h| h.id == id)
                .cloned()
                .unwrap_or_default()
        })
    };
    let number = position_of(id.clone(), ids);
    let timing = {
        let id = id.clone();
        Memo::new(move |_| timings.with(|all| all.iter().find(|t| t.hypothesis == id).cloned()))
    };
    let edits = HypothesisEdits {
        session,
        id: StoredValue::new(id),
    };
    let field = move |get: fn(&Hypothesis) -> String| Signal::derive(move || hypothesis.with(get));

    let raised_by_name = Memo::new(move |_| {
        let person = hypothesis.with(|h| h.raised_by.clone());
        person
            .and_then(|p| {
                session
                    .document
                    .with(|r| r.person(&p).map(|p| p.name.clone()))
            })
            .unwrap_or_default()
    });
    let commit_who = move |name: String| {
        let id = edits.id.get_value();
        session.edit(|r| {
            let person = r.ensure_person(&name, EntityId::new(browser::new_id()));
            if let Some(h) = r.hypothesis_mut(&id) {
                h.raised_by = person;
            }
        });
    };

    // Without a typed time the event's time is used; say so, or the held time looks
    // unexplained.
    let from_event = move || {
        if hypothesis.with(|h| h.raised_at.is_some()) {
            return None;
        }
        let at = timing.with(|t| t.as_ref().and_then(|t| t.raised_at))?;
        let label = format_instant(&at, &Zone::find_or_utc(&BROWSER_ZONES, &zone.get()));
        let when = format!("{} {} {}", label.date, label.time, label.abbreviation);
        Some(format!(
            "Not typed: {}, the time of the event it was raised in, counts.",
            when.trim_end()
        ))
    };
    let status = Signal::derive(move || hypothesis.with(|h| h.status));
    let needs_change_time = move || {
        hypothesis.with(|h| h.status != HypothesisStatus::Open && h.status_changed_at.is_none())
    };
    let held = move || held_text(hypothesis.with(|h| h.status), timing.get());

    let evidence_ids = Memo::new(move |_| {
        hypothesis.with(|h| h.evidence.iter().map(|e| e.id.clone()).collect::<Vec<_>>())
    });
    let added_evidence = JustAdded::default();
    let add_evidence = move |stance: EvidenceStance| {
        let id = added_evidence.new_id();
        edits.edit(|h| {
            h.evidence.push(Evidence {
                id,
                stance,
                ..Evidence::default()
            })
        });
    };
    let balance = move || {
        hypothesis.with(|h| {
            let against = h
                .evidence
                .iter()
                .filter(|e| e.stance == EvidenceStance::Against)
                .count();
            let support = h.evidence.len() - against;
            match (support, against) {
                (0, 0) => "None recorded yet.".to_owned(),
                // Evidence that only confirms is how anchoring looks from the inside.
                (n, 0) => format!("{n} for, none against. Was anything seen that did not fit?"),
                (n, m) => format!("{n} for, {m} against."),
            }
        })
    };
    let evidence_heading = unique_id("evidence-heading");

    let remove = move || {
        let n = number.get_untracked();
        let statement = hypothesis.with_untracked(|h| short(&h.statement, 60));
        let message = if statement.is_empty() {
            format!("Removed hypothesis {n}.")
        } else {
            format!("Removed hypothesis {n}, \u{201c}{statement}\u{201d}.")
        };
        session.remove_entry(
            message,
            edits.id.get_value(),
            Review::remove_hypothesis,
            Review::restore_hypothesis,
        );
    };

    let evidence_label = unique_id("evidence");
    view! {
        <li class="entry hypothesis" id=format!("hypothesis-{}", edits.id.get_value()) node_ref=node>
            <fieldset>
                <legend>{move || format!("Hypothesis {}", number.get())}</legend>
                <TextArea
                    label="Statement"
                    rows=2
                    value=field(|h| h.statement.clone())
                    on_input=move |v: String| edits.edit(|h| h.statement = v)
                    hint="What responders thought was happening, in their words at the time."
                    check=format!("hypothesis/{}/statement", edits.id.get_value())
                />
                <div class="grid">
                    <PersonField
                        label="Raised by"
                        value=raised_by_name
                        on_commit=commit_who
                        hint="Pick a name or type a new one; new names are added to People."
                    />
                    <div>
                        <TimeField
                            label="When it was raised"
                            value=Signal::derive(move || hypothesis.with(|h| h.raised_at))
                            zone=zone
                            default_date=date
                            on_commit={move |v: Option<Timestamp>| {
                                edits.edit(|h| h.raised_at = v);
                                Ok::<(), String>(())
                            }}
                        />
                        <p class="hint from-event">{from_event}</p>
                    </div>
                    <EventPick
                        label="Raised in event"
                        value=Signal::derive(move || hypothesis.with(|h| h.raised_in_event.clone()))
                        on_change={move |v: Option<EntityId>| edits.edit(|h| h.raised_in_event = v)}
                        hint="Without a typed time, the event's time counts as when it was raised."
                    />
                </div>
                <TextArea
                    label="What would prove this wrong?"
                    rows=2
                    value=field(|h| h.disproof.clone())
                    on_input=move |v: String| edits.edit(|h| h.disproof = v)
                    hint="The observation that would rule it out. Was it looked for, and when?"
                    check=format!("hypothesis/{}/disproof", edits.id.get_value())
                />
                <div class="evidence-block">
                    <h4 id=evidence_heading.clone()>"Evidence for and against"</h4>
                    <p class="hint" id=evidence_label.clone()>{balance}</p>
                    <ol class="evidence-list" aria-labelledby=evidence_heading aria-describedby=evidence_label>
                        <For
                            each=move || evidence_ids.get()
                            key=|id| id.clone()
                            children=move |evidence| {
                                view! {
                                    <EvidenceRow
                                        id=evidence
                                        ids=evidence_ids
                                        hypothesis=hypothesis
                                        hypothesis_number=number
                                        edits=edits
                                        added=added_evidence
                                    />
                                }
                            }
                        />
                    </ol>
                    <div class="entry-actions">
                        <button
                            type="button"
                            aria-label=move || format!("Add evidence for hypothesis {}", number.get())
                            on:click=move |_| add_evidence(EvidenceStance::For)
                        >
                            "Add evidence for"
                        </button>
                        <button
                            type="button"
                            aria-label=move || format!("Add evidence against hypothesis {}", number.get())
                            on:click=move |_| add_evidence(EvidenceStance::Against)
                        >
                            "Add evidence against"
                        </button>
                    </div>
                </div>
                <div class="grid">
                    <SelectField
                        label="Status"
                        options=choices(&HypothesisStatus::ALL, HypothesisStatus::label)
                        value=status
                        on_change=move |v: HypothesisStatus| edits.edit(|h| h.status = v)
                    />
                    <div>
                        <TimeField
                            label="When the status changed"
                            value=Signal::derive(move || hypothesis.with(|h| h.status_changed_at))
                            zone=zone
                            default_date=date
                            on_commit={move |v: Option<Timestamp>| {
                                edits.edit(|h| h.status_changed_at = v);
                                Ok::<(), String>(())
                            }}
                        />
                        <p class="hint status-nudge" aria-live="polite">
                            {move || {
                                needs_change_time()
                                    .then(|| {
                                        format!(
                                            "Record when it was marked {}: that is when it stopped being held.",
                                            status.get().label().to_lowercase(),
                                        )
                                    })
                            }}
                        </p>
                    </div>
                    <VisibilityField
                        value=Signal::derive(move || hypothesis.with(|h| h.visibility))
                        on_change=move |v: Visibility| edits.edit(|h| h.visibility = v)
                    />
                </div>
                <p class="derived held">{held}</p>
                <div class="entry-actions">
                    <RemoveButton
                        what=Signal::derive(move || format!("hypothesis {}", number.get()))
                        on_remove=remove
                    />
                </div>
            </fieldset>
        </li>
    }
}

/// How long a hypothesis was held, in a sentence; what is missing when that is not known.
fn held_text(status: HypothesisStatus, timing: Option<HypothesisTiming>) -> String {
    let Some(timing) = timing else {
        return String::new();
    };
    if timing.still_open {
        return match timing.held_for {
            Some(span) => format!(
                "Still open: held for {} by the end of the incident.",
                format_duration(span)
            ),
            None => "Still open.".to_owned(),
        };
    }
    match (timing.held_for, timing.raised_at, timing.settled_at) {
        (Some(span), ..) => format!(
            "Held for {} until it was marked {}.",
            format_duration(span),
            status.label().to_lowercase()
        ),
        (None, Some(_), Some(_)) => {
            "Its status changed before it was raised: check the two times.".to_owned()
        }
        (None, None, _) => "How long it was held shows once you record when it was raised, or the event it was raised in.".to_owned(),
        (None, Some(_), None) => {
            "How long it was held shows once you record when its status changed.".to_owned()
        }
    }
}

#[component]
fn EvidenceRow(
    id: EntityId,
    ids: Memo<Vec<EntityId>>,
    hypothesis: Signal<Hypothesis>,
    hypothesis_number: Memo<usize>,
    edits: HypothesisEdits,
    added: JustAdded,
) -> impl IntoView {
    let session = edits.session;
    let node = NodeRef::<leptos::html::Li>::new();
    added.focus_if_new(&id, node, "input[type=text]");
    let evidence = {
        let id = id.clone();
        Memo::new(move |_| {
            hypothesis.with(|h| {
                h.evidence
                    .iter()
                    .find(|e| e.id == id)
                    .cloned()
                    .unwrap_or_default()
            })
        })
    };
    let number = position_of(id.clone(), ids.into());
    let name = Signal::derive(move || {
        format!(
            "evidence {} of hypothesis {}",
            number.get(),
            hypothesis_number.get()
        )
    });
    let evidence_id = StoredValue::new(id);
    let edit = move |change: Box<dyn FnOnce(&mut Evidence)>| {
        evidence_id.with_value(|id| edits.edit_evidence(id, change))
    };
    let remove = move || {
        let message = format!(
            "Removed evidence {} of hypothesis {}.",
            number.get_untracked(),
            hypothesis_number.get_untracked()
        );
        let owner = edits.id.get_value();
        let id = evidence_id.get_value();
        session.change_with_undo(message, move |r| {
            let list = &mut r.hypothesis_mut(&owner)?.evidence;
            let position = list.iter().position(|e| e.id == id)?;
            let removed = list.remove(position);
            Some(Box::new(move |r: &mut Review| {
                let mut item = removed.clone();
                // The event it rested on may have gone meanwhile; a dangling link would make
                // the review invalid.
                if item.event.as_ref().is_some_and(|e| r.event(e).is_none()) {
                    item.event = None;
                }
                if let Some(h) = r.hypothesis_mut(&owner) {
                    if !h.evidence.iter().any(|e| e.id == item.id) {
                        let at = position.min(h.evidence.len());
                        h.evidence.insert(at, item);
                    }
                }
            }))
        });
    };
    view! {
        <li
            class="evidence"
            class:against=move || evidence.with(|e| e.stance == EvidenceStance::Against)
            role="group"
            aria-label=move || capitalised(&name.get())
            node_ref=node
        >
            <SelectField
                label="Stance"
                options=choices(&EvidenceStance::ALL, EvidenceStance::label)
                value=Signal::derive(move || evidence.with(|e| e.stance))
                on_change=move |v: EvidenceStance| edit(Box::new(move |e| e.stance = v))
            />
            <TextField
                label="What was seen"
                value=Signal::derive(move || evidence.with(|e| e.text.clone()))
                on_input=move |v: String| edit(Box::new(move |e| e.text = v))
                check=format!("hypothesis/{}/evidence/{}", edits.id.get_value(), evidence_id.get_value())
            />
            <EventPick
                label="Event it rests on (optional)"
                value=Signal::derive(move || evidence.with(|e| e.event.clone()))
                on_change={move |v: Option<EntityId>| edit(Box::new(move |e| e.event = v))}
            />
            <RemoveButton what=name on_remove=remove />
        </li>
    }
}

/// One timeline event, picked by typing its time or words: the event a hypothesis was raised
/// in, or the one a piece of evidence rests on. Clearing the text unlinks it.
#[component]
fn EventPick(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<EntityId>>,
    #[prop(into)] on_change: Callback<Option<EntityId>>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let choices = expect_context::<EventChoices>();
    let id = unique_id("event-pick");
    let note_id = format!("{id}-note");
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let focused = RwSignal::new(false);
    // Follow the model, and the event's label as its time or text is edited, unless the
    // person is typing or has a choice that was not accepted.
    Effect::new(move |_| {
        let shown = value
            .get()
            .map(|event| choices.label_of(&event))
            .unwrap_or_default();
        if !focused.get_untracked() && problem.get_untracked().is_none() {
            text.set(shown);
        }
    });
    let find = move |typed: &str| choices.id_of(typed);
    // Picking from the list fires `input`; `change` comes when the field is left.
    let on_input = move |typed: String| {
        text.set(typed.clone());
        if typed.trim().is_empty() {
            problem.set(None);
            if value.get_untracked().is_some() {
                on_change.run(None);
            }
        } else if let Some(event) = find(&typed) {
            problem.set(None);
            if value.get_untracked().as_ref() != Some(&event) {
                on_change.run(Some(event));
            }
        }
    };
    let on_leave = move || {
        let typed = text.get_untracked();
        if !typed.trim().is_empty() && find(&typed).is_none() {
            problem.set(Some(
                "Pick an event from the list: type its time or some of its words, then choose it. Clear the field to unlink."
                    .to_owned(),
            ));
        }
    };
    let default_note =
        hint.unwrap_or_else(|| "Type a time or words, then pick an event.".to_owned());
    view! {
        <div class="field event-pick" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                list="event-choices"
                autocomplete="off"
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=note_id.clone()
                prop:value=move || text.get()
                on:focus=move |_| {
                    focused.set(true);
                    choices.want();
                }
                on:blur=move |_| focused.set(false)
                on:input=move |ev| on_input(event_target_value(&ev))
                on:change=move |_| on_leave()
            />
            <p class="hint" id=note_id aria-live="polite" class:error=move || problem.with(Option::is_some)>
                {move || problem.get().unwrap_or_else(|| default_note.clone())}
            </p>
        </div>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn short(text: &str, limit: usize) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        out.push('\u{2026}');
    }
    out
}
