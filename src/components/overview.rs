//! The overview: what the review is about, when the incident happened and in which zone,
//! what it did to users, what set it off, and who is analysing it. Everything autosaves.

use super::entries::{entry_edits, position_of, RemoveButton};
use super::fields::{
    choices, read, unique_id, CheckboxField, ListField, SelectField, TextArea, TextField,
    TimeField, WrittenTimeField,
};
use super::section_parts::{Guidance, UndoRemoval};
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::model::{
    ChangeKind, DeepAnalysisCriterion, EntityId, Recommendation, Review, ReviewStatus,
    ReviewTemplate, Timestamp, TriggerClass, WrittenTime,
};
use debrief_core::time::{format_duration, format_offset, zone_names_for_picker, ZoneOffset};
use leptos::prelude::*;

#[component]
pub fn OverviewEditor() -> impl IntoView {
    view! {
        <div class="overview">
            <AboutSection />
            <WhenSection />
            <SummarySection />
            <ImpactSection />
            <TriggerSection />
            <AnalystSection />
            <DeepAnalysisSection />
        </div>
    }
}

#[component]
fn AboutSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let statuses = choices(&ReviewStatus::ALL, ReviewStatus::label);
    let templates = choices(&ReviewTemplate::ALL, ReviewTemplate::label);
    let template_note = read(session, |r| r.template.description().to_owned());
    // A review that has no title yet was just created: start typing right there.
    let new_review = session.document.with_untracked(|r| r.title.is_empty());
    view! {
        <section class="panel" aria-labelledby="about-heading">
            <h2 id="about-heading">"About this review"</h2>
            <div class="grid">
                <TextField
                    label="Title"
                    value=read(session, |r| r.title.clone())
                    on_input=move |v: String| session.edit(|r| r.title = v)
                    placeholder="What happened, in a few words"
                    focus=new_review
                />
                <SelectField
                    label="Status"
                    options=statuses
                    value=read(session, |r| r.status)
                    on_change=move |v| session.edit(|r| r.status = v)
                />
                <TextField
                    label="Severity"
                    value=read(session, |r| r.severity.clone())
                    on_input=move |v: String| session.edit(|r| r.severity = v)
                    list="severity-labels"
                    hint="Your organisation's own label, such as SEV-2 or major."
                />
                <datalist id="severity-labels">
                    {["SEV-1", "SEV-2", "SEV-3", "SEV-4", "critical", "major", "minor", "near miss"]
                        .into_iter()
                        .map(|label| view! { <option value=label></option> })
                        .collect_view()}
                </datalist>
                <ListField
                    label="Services"
                    value=read(session, |r| r.services.clone())
                    on_change=move |v| session.edit(|r| r.services = v)
                    hint="The services involved, separated by commas."
                />
                <ListField
                    label="Tags"
                    value=read(session, |r| r.tags.clone())
                    on_change=move |v| session.edit(|r| r.tags = v)
                />
                <div>
                    <SelectField
                        label="Sections"
                        options=templates
                        value=read(session, |r| r.template)
                        on_change=move |v| session.edit(|r| r.template = v)
                    />
                    <p class="hint">{move || template_note.get()}</p>
                </div>
            </div>
        </section>
    }
}

#[component]
fn ZoneField() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let id = unique_id("zone");
    let note_id = format!("{id}-note");
    let zone_name = read(session, |r| r.incident.time_zone.clone());
    let text = RwSignal::new(zone_name.get_untracked());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let name = zone_name.get();
        if error.get_untracked().is_none() {
            text.set(name);
        }
    });
    let offset_note = move || {
        if let Some(message) = error.get() {
            return message;
        }
        session.document.with(|review| {
            let named = |offset: &ZoneOffset| {
                let numeric = format_offset(offset.seconds);
                match &offset.abbreviation {
                    Some(abbreviation) => format!("{abbreviation}, {numeric}"),
                    None => numeric,
                }
            };
            match review.offsets_during_incident(&BROWSER_ZONES).as_slice() {
                [] => {
                    let now = browser::now();
                    format!(
                        "{} today.",
                        named(&review.zone(&BROWSER_ZONES).offset_at(now))
                    )
                }
                [one] => format!("{} during the incident.", named(one)),
                several => format!(
                    "{} during the incident: the clocks changed.",
                    several
                        .iter()
                        .map(named)
                        .collect::<Vec<_>>()
                        .join(", then ")
                ),
            }
        })
    };
    let commit =
        move |typed: String| match session.apply(|r| r.set_time_zone(&typed, &BROWSER_ZONES)) {
            Ok(()) => error.set(None),
            Err(err) => error.set(Some(err.to_string())),
        };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>"Time zone"</label>
            <input
                id=id
                type="text"
                list="zone-names"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=note_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <datalist id="zone-names">
                {zone_names_for_picker(&BROWSER_ZONES).into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
            </datalist>
            <p class="hint" id=note_id aria-live="polite" class:error=move || error.with(Option::is_some)>
                {offset_note}
            </p>
        </div>
    }
}

#[component]
fn WhenSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let zone = read(session, |r| r.incident.time_zone.clone());
    let date = read(session, |r| r.incident_date(&BROWSER_ZONES));
    let duration = move || {
        session.document.with(|r| {
            r.incident_duration()
                .map(|d| format!("The incident lasted {}.", d.written(format_duration)))
        })
    };
    view! {
        <section class="panel" aria-labelledby="when-heading">
            <h2 id="when-heading">"When it happened"</h2>
            <Guidance>
                <p>
                    "Times are shown in the review's time zone with their offset. Type them as you find them \u{2014} "
                    <code>"14:03"</code>", "<code>"2019-11-06 03:00 PST"</code>" or "<code>"2019-11-06T11:00Z"</code>
                    " \u{2014} and Debrief keeps the moment exact."
                </p>
            </Guidance>
            <div class="grid">
                <ZoneField />
                <WrittenTimeField
                    label="Incident start"
                    value=read(session, |r| r.incident.written_start())
                    zone=zone
                    default_date=date
                    on_commit={move |v: Option<WrittenTime>| {
                        session.apply(|r| r.set_incident_start(v)).map_err(|e| e.to_string())
                    }}
                />
                <TimeField
                    label="Incident end"
                    value=read(session, |r| r.incident.end)
                    zone=zone
                    default_date=date
                    on_commit={move |v: Option<Timestamp>| {
                        session.apply(|r| r.set_incident_end(v)).map_err(|e| e.to_string())
                    }}
                />
            </div>
            <p class="derived">{duration}</p>
        </section>
    }
}

#[component]
fn SummarySection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    view! {
        <section class="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"What happened"</h2>
            <Guidance>
                <p>
                    "Tell the story as the people involved experienced it: what they saw, what they knew at the time, and why their actions made sense then."
                </p>
            </Guidance>
            <TextArea
                label="Summary"
                rows=6
                value=read(session, |r| r.summary.clone())
                on_input=move |v: String| session.edit(|r| r.summary = v)
                check="summary"
            />
        </section>
    }
}

#[component]
fn ImpactSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let ids = read(session, |r| {
        r.impact
            .windows
            .iter()
            .map(|w| w.id.clone())
            .collect::<Vec<_>>()
    });
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        session.edit(|r| r.add_impact_window(id));
    };
    view! {
        <section class="panel" aria-labelledby="impact-heading">
            <h2 id="impact-heading">"Impact"</h2>
            <Guidance>
                <p>
                    "Say what users felt, in their terms. Impact often comes and goes: record each window separately, such as four 20-minute periods of 1\u{2013}3% rejected requests."
                </p>
            </Guidance>
            <TextArea
                label="Impact statement"
                rows=3
                value=read(session, |r| r.impact.statement.clone())
                on_input=move |v: String| session.edit(|r| r.impact.statement = v)
                check="impact/statement"
            />
            <h3>"How far it reached"</h3>
            <div class="grid">
                <ListField
                    label="Environments affected"
                    value=read(session, |r| r.impact.environments.clone())
                    on_change=move |v| session.edit(|r| r.impact.environments = v)
                    hint="Your own names, separated by commas: production, staging, dogfooding, internal."
                />
                <SelectField
                    label="Did customers feel it?"
                    options=yes_no_unknown("Yes, customers felt it", "No, only we did")
                    value=read(session, |r| r.impact.customer_facing)
                    on_change=move |v| session.edit(|r| r.impact.customer_facing = v)
                />
                <SelectField
                    label="Caught before production?"
                    options=yes_no_unknown("Yes, caught before production", "No, it reached production")
                    value=read(session, |r| r.impact.caught_before_production)
                    on_change=move |v| session.edit(|r| r.impact.caught_before_production = v)
                />
            </div>
            <h3>"Impact windows"</h3>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No impact windows yet."</p>
            </Show>
            <ol class="impact-windows">
                <For
                    each={move || ids.get().into_iter().enumerate().collect::<Vec<_>>()}
                    key=|(_, id)| id.clone()
                    children=move |(_, id)| view! { <ImpactWindowRow id=id ids=ids /> }
                />
            </ol>
            <UndoRemoval />
            <button type="button" on:click=add>"Add impact window"</button>
        </section>
    }
}

#[component]
fn ImpactWindowRow(id: EntityId, ids: Signal<Vec<EntityId>>) -> impl IntoView {
    // Follows removals above it, so "Impact window 2" becomes 1 when the first one goes.
    let number = position_of(id.clone(), ids);
    let session = expect_context::<ReviewSession>();
    let zone = read(session, |r| r.incident.time_zone.clone());
    let date = read(session, |r| r.incident_date(&BROWSER_ZONES));
    let window = {
        let id = id.clone();
        read(session, move |r| {
            r.impact
                .windows
                .iter()
                .find(|w| w.id == id)
                .cloned()
                .unwrap_or_default()
        })
    };
    let set_times = {
        let id = id.clone();
        move |start: Option<Timestamp>, end: Option<Timestamp>| {
            session
                .apply(|r| r.set_impact_window_times(&id, start, end))
                .map_err(|e| e.to_string())
        }
    };
    let set_start = set_times.clone();
    let set_end = set_times;
    let edit = entry_edits(session, id.clone(), Review::impact_window_mut);
    let remove = move || {
        session.remove_entry(
            format!("Removed impact window {}.", number.get_untracked()),
            id.clone(),
            Review::remove_impact_window,
            |r, (position, window)| r.restore_impact_window(position, window),
        );
    };
    view! {
        <li class="impact-window">
            <fieldset>
                <legend>{move || format!("Impact window {}", number.get())}</legend>
                <div class="grid">
                    <TimeField
                        label="Start"
                        value=Signal::derive(move || window.get().start)
                        zone=zone
                        default_date=date
                        on_commit={move |v: Option<Timestamp>| set_start(v, window.get_untracked().end)}
                    />
                    <TimeField
                        label="End"
                        value=Signal::derive(move || window.get().end)
                        zone=zone
                        default_date=date
                        on_commit={move |v: Option<Timestamp>| set_end(window.get_untracked().start, v)}
                    />
                    <TextField
                        label="What was affected"
                        value=Signal::derive(move || window.get().affected)
                        on_input=move |v: String| edit.run(Box::new(move |w| w.affected = v))
                        placeholder="ingest API"
                    />
                    <TextField
                        label="How much"
                        value=Signal::derive(move || window.get().magnitude)
                        on_input=move |v: String| edit.run(Box::new(move |w| w.magnitude = v))
                        placeholder="1\u{2013}3% of requests rejected"
                    />
                </div>
                <RemoveButton what=Signal::derive(move || format!("impact window {}", number.get())) on_remove=remove />
            </fieldset>
        </li>
    }
}

/// Choices for a fact the analyst may not know yet: unknown stays unknown, never "no".
fn yes_no_unknown(yes: &str, no: &str) -> Vec<(Option<bool>, String)> {
    vec![
        (None, "Not known yet".to_owned()),
        (Some(true), yes.to_owned()),
        (Some(false), no.to_owned()),
    ]
}

#[component]
fn TriggerSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let class = read(session, |r| r.trigger.class);
    let known_other = Memo::new(move |_| class.get() == TriggerClass::KnownOther);
    let kinds: Vec<_> = std::iter::once((None, "Not known".to_owned()))
        .chain(
            ChangeKind::ALL
                .iter()
                .map(|k| (Some(*k), k.label().to_owned())),
        )
        .collect();
    view! {
        <section class="panel" aria-labelledby="trigger-heading">
            <h2 id="trigger-heading">"Trigger"</h2>
            <Guidance>
                <p>
                    "The trigger is what set things off, not a root cause: several locally reasonable decisions combined before it. Record those as contributing factors."
                </p>
            </Guidance>
            <fieldset class="choices">
                <legend>"What set it off"</legend>
                {TriggerClass::ALL
                    .into_iter()
                    .map(|choice| {
                        let id = unique_id("trigger");
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="trigger-class"
                                    id=id.clone()
                                    prop:checked=move || class.get() == choice
                                    on:change=move |_| session.edit(|r| r.set_trigger_class(choice))
                                />
                                <label for=id>
                                    <strong>{choice.label()}</strong>
                                    <span>{choice.description()}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="grid">
                <Show when=move || class.get() == TriggerClass::SelfChangeCaused>
                    <SelectField
                        label="Kind of change"
                        options=kinds.clone()
                        value=read(session, |r| r.trigger.change_kind)
                        on_change=move |v| session.edit(|r| r.trigger.change_kind = v)
                    />
                </Show>
                // A trigger known but none of the three is only told by this sentence, so
                // the field asks for it then.
                {move || {
                    let value = read(session, |r| r.trigger.description.clone());
                    let on_input = move |v: String| session.edit(|r| r.trigger.description = v);
                    if known_other.get() {
                        view! {
                            <TextField
                                label="Trigger, in a sentence"
                                value=value
                                on_input=on_input
                                check="trigger/description"
                                placeholder="The API's TLS certificate expired; nothing had changed"
                                hint="Say what set it off: this class names no cause of its own."
                            />
                        }
                        .into_any()
                    } else {
                        view! {
                            <TextField
                                label="Trigger, in a sentence"
                                value=value
                                on_input=on_input
                                check="trigger/description"
                                placeholder="Upgrade of a compression library"
                            />
                        }
                        .into_any()
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn AnalystSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let took_part = read(session, |r| r.analyst.took_part_in_incident);
    let note = Signal::derive(move || {
        if took_part.get() {
            "You know how it ended, which makes it hard to see what responders could not see at the time. Consider asking someone who was not involved to co-analyse or to run the interviews."
        } else {
            "An analyst who was not in the response can ask the naive questions responders no longer think to ask."
        }
        .to_owned()
    });
    view! {
        <section class="panel" aria-labelledby="analyst-heading">
            <h2 id="analyst-heading">"Analyst"</h2>
            <div class="grid">
                <TextField
                    label="Analyst name"
                    value=read(session, |r| r.analyst.name.clone())
                    on_input=move |v: String| session.edit(|r| r.analyst.name = v)
                    placeholder="Who is writing this review"
                />
                <CheckboxField
                    label="The analyst took part in the incident"
                    checked=took_part
                    on_change=move |v| session.edit(|r| r.analyst.took_part_in_incident = v)
                    hint=note
                />
            </div>
        </section>
    }
}

/// Signs that an incident deserves a deep analysis, and what they add up to.
#[component]
fn DeepAnalysisSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let recommendation = read(session, |r| r.deep_analysis.recommendation());
    let light = read(session, |r| !r.template.includes_deep_sections());
    view! {
        <section class="panel" aria-labelledby="deep-heading">
            <h2 id="deep-heading">"Does this incident deserve a deep analysis?"</h2>
            <fieldset class="choices criteria">
                <legend>"Signs present in this incident"</legend>
                {DeepAnalysisCriterion::ALL
                    .into_iter()
                    .map(|criterion| {
                        let id = unique_id("criterion");
                        view! {
                            <div class="choice">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    prop:checked=move || session.document.with(|r| r.deep_analysis.is_met(criterion))
                                    on:change=move |ev| {
                                        let met = event_target_checked(&ev);
                                        session.edit(|r| r.deep_analysis.set(criterion, met));
                                    }
                                />
                                <label for=id>{criterion.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="recommendation" role="status">
                {move || recommendation.get().message()}
                {move || (light.get() && recommendation.get() != Recommendation::LightReview).then_some(
                    " This review uses the light template: switch Sections to \u{201c}Full analysis\u{201d} above to add people, hypotheses and interviews."
                )}
            </p>
            <TextArea
                label="Notes on these signs"
                rows=2
                value=read(session, |r| r.deep_analysis.notes.clone())
                on_input=move |v: String| session.edit(|r| r.deep_analysis.notes = v)
                check="deep-analysis/notes"
            />
        </section>
    }
}
