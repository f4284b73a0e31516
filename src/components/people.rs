//! People: who was involved and how — with the response metrics beside them, never alone,
//! because a time-to-mitigate means little without the people who carried it.

use super::entries::{entry_edits, entry_names, position_of, LazyEntries, RemoveButton};
use super::fields::{read, unique_id, CheckboxField, SelectField, TextArea, TextField};
use super::section_parts::{Guidance, UndoRemoval};
use super::zone_choice::ZoneChoice;
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::analysis::metrics::{response_metrics, Metric};
use debrief_core::analysis::people::{
    others_involved_sentence, people_activity, teams, NIGHT_END_HOUR, NIGHT_START_HOUR,
};
use debrief_core::model::{EntityId, IncidentRole, ParticipantKind, Person, Review};
use debrief_core::text::count;
use debrief_core::time::{format_duration, format_instant, zone_names_for_picker, Zone};
use leptos::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

#[component]
pub fn PeopleEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let ids = read(session, |r| {
        r.people.iter().map(|p| p.id.clone()).collect::<Vec<_>>()
    });
    let names = entry_names(
        session,
        "Person",
        |r| &r.people,
        |_, p| p.name.trim().to_owned(),
    );
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        session.edit(|r| {
            r.people.push(Person {
                id,
                ..Person::default()
            })
        });
    };
    view! {
        <div class="people-layout">
            <PeopleTable />
            <MetricsPanel />
        </div>
        <section class="panel" aria-labelledby="people-heading">
            <h2 id="people-heading">"Everyone involved"</h2>
            <Guidance>
                <p>
                    "Record who was paged, who was on call for what, how long they had been on the team, and their time zone. Tenure and night hours explain what made sense to people at the time; they are never a score."
                </p>
            </Guidance>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No one yet. People named on the timeline are added here automatically."</p>
            </Show>
            <datalist id="zone-names">
                {zone_names_for_picker(&BROWSER_ZONES).into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
            </datalist>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("person-entry-{id}")
                    entry=move |id| view! { <PersonEntry id=id ids=ids /> }
                />
            </ol>
            <UndoRemoval />
            <button type="button" on:click=add>"Add person"</button>
        </section>
    }
}

/// The people view: derived involvement, side by side for everyone.
#[component]
fn PeopleTable() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let zone = ZoneChoice::zone_name();
    // Involvement reads every event's time on each person's clock, which is costly on a
    // long timeline; typing a person's notes or team must not redo it. It follows only what
    // it depends on, through a cheap fingerprint.
    let involvement_inputs = Memo::new(move |_| {
        session.document.with(|review| {
            let mut hasher = DefaultHasher::new();
            review.incident.time_zone.hash(&mut hasher);
            for person in &review.people {
                (&person.id, &person.time_zone).hash(&mut hasher);
            }
            for event in &review.timeline {
                let times = (
                    event.at.map(|t| t.timestamp_millis()),
                    event.end.map(|t| t.timestamp_millis()),
                );
                (&event.id, &event.actor, times, &event.tags).hash(&mut hasher);
            }
            for hypothesis in &review.hypotheses {
                let raised = hypothesis.raised_at.map(|t| t.timestamp_millis());
                (&hypothesis.raised_by, raised, &hypothesis.raised_in_event).hash(&mut hasher);
            }
            hasher.finish()
        })
    });
    let activity = Memo::new(move |_| {
        involvement_inputs.track();
        session
            .document
            .with_untracked(|review| people_activity(review, &BROWSER_ZONES))
    });
    let rows = Memo::new(move |_| {
        let zone = Zone::find_or_utc(&BROWSER_ZONES, &zone.get());
        let activity = activity.get();
        session.document.with(|review| {
            let first_day = review
                .incident
                .start
                .map(|start| format_instant(&start, &zone).date);
            activity
                .into_iter()
                .filter_map(|activity| {
                    let person = review.person(&activity.person)?;
                    // The time alone on the incident's first day; with its date on a later one.
                    let time = |t: Option<debrief_core::model::Timestamp>| {
                        t.map(|t| {
                            let l = format_instant(&t, &zone);
                            if first_day.as_ref() == Some(&l.date) {
                                format!("{} {}", l.time, l.abbreviation).trim().to_owned()
                            } else {
                                format!("{} {} {}", l.date, l.time, l.abbreviation)
                                    .trim()
                                    .to_owned()
                            }
                        })
                        .unwrap_or_else(|| "\u{2014}".to_owned())
                    };
                    Some(PersonRow {
                        name: display_name(person),
                        roles: person
                            .roles
                            .iter()
                            .map(|r| r.label())
                            .collect::<Vec<_>>()
                            .join(", "),
                        team: person.team.clone(),
                        tenure: person.tenure_months.map(tenure_label).unwrap_or_default(),
                        first: time(activity.first_involvement),
                        events: activity.event_count,
                        span: activity
                            .active_span
                            .map(format_duration)
                            .unwrap_or_else(|| "\u{2014}".to_owned()),
                        night: activity.night_events,
                        other: activity.other_incident_events,
                        hypotheses: activity.hypotheses_raised,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let team_line = move || {
        session.document.with(|r| {
            let teams = teams(r);
            if teams.is_empty() {
                String::new()
            } else {
                format!(
                    "{}: {}.",
                    count(teams.len(), "team", "teams"),
                    teams
                        .iter()
                        .map(|(t, n)| format!("{t} ({n})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="people-view-heading">
            <h2 id="people-view-heading">"People in this incident"</h2>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"Add people, or name them on timeline events, to see who carried the response."</p> }
            >
                <div class="table-scroll">
                    <table class="data">
                        <thead>
                            <tr>
                                <th scope="col">"Person"</th>
                                <th scope="col">"Role"</th>
                                <th scope="col">"Team"</th>
                                <th scope="col">"Tenure"</th>
                                <th scope="col">"First involved"</th>
                                <th scope="col">"Events"</th>
                                <th scope="col">"Active for"</th>
                                <th scope="col"><abbr title=format!("Events between {NIGHT_START_HOUR}:00 and 0{NIGHT_END_HOUR}:00 on their own clock")>"At night"</abbr></th>
                                <th scope="col"><abbr title="Pages or incidents outside this one, noted on the timeline (tag: other-incident)">"Other pages"</abbr></th>
                                <th scope="col">"Hypotheses raised"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.get()
                                key=|row| row.clone()
                                children=|row| view! {
                                    <tr>
                                        <th scope="row">{row.name}</th>
                                        <td>{row.roles}</td>
                                        <td>{row.team}</td>
                                        <td>{row.tenure}</td>
                                        <td>{row.first}</td>
                                        <td>{row.events}</td>
                                        <td>{row.span}</td>
                                        <td class:attention={row.night > 0}>{row.night}</td>
                                        <td class:attention={row.other > 0}>{row.other}</td>
                                        <td>{row.hypotheses}</td>
                                    </tr>
                                }
                            />
                        </tbody>
                    </table>
                </div>
                <p class="derived">{team_line}</p>
            </Show>
            <p class="derived">{move || session.document.with(|r| others_involved_sentence(r, display_name))}</p>
        </section>
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PersonRow {
    name: String,
    roles: String,
    team: String,
    tenure: String,
    first: String,
    events: usize,
    span: String,
    night: usize,
    other: usize,
    hypotheses: usize,
}

fn display_name(person: &Person) -> String {
    if person.name.trim().is_empty() {
        "(no name)".to_owned()
    } else {
        person.name.clone()
    }
}

fn tenure_label(months: u32) -> String {
    match months {
        0 => "under a month".to_owned(),
        1..=11 => format!("{months} mo"),
        _ if months.is_multiple_of(12) => format!("{} yr", months / 12),
        _ => format!("{} yr {} mo", months / 12, months % 12),
    }
}

/// Time to detect, declare, mitigate and resolve, each with what it is measured between.
#[component]
fn MetricsPanel() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let metrics = Memo::new(move |_| session.document.with(response_metrics));
    view! {
        <section class="panel metrics" aria-labelledby="metrics-heading">
            <h2 id="metrics-heading">"Response metrics"</h2>
            <p class="hint">"Measured from the start of impact. Read them with the people beside them: the numbers say how long, the people say what it took."</p>
            <dl class="metric-list">
                {Metric::ALL.into_iter().map(|metric| {
                    let value = move || metrics.with(|m| {
                        m.values.iter().find(|v| v.metric == metric).map(|v| format_duration(v.duration))
                    });
                    let missing = move || metrics.with(|m| {
                        m.missing.iter().find(|(mm, _)| *mm == metric).map(|(_, why)| (*why).to_owned())
                    });
                    view! {
                        <div class="metric">
                            <dt>{metric.label()}</dt>
                            <dd class="value">{move || value().unwrap_or_else(|| "\u{2014}".to_owned())}</dd>
                            <dd class="explain">{metric.explanation()}</dd>
                            {move || missing().map(|why| view! { <dd class="hint">{why}</dd> })}
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn PersonEntry(id: EntityId, ids: Signal<Vec<EntityId>>) -> impl IntoView {
    // Follows removals above it, so an unnamed "Person 2" becomes 1 when the first one goes.
    let number = position_of(id.clone(), ids);
    let session = expect_context::<ReviewSession>();
    let person = {
        let id = id.clone();
        read(session, move |r| r.person(&id).cloned().unwrap_or_default())
    };
    let edit = entry_edits(session, id.clone(), Review::person_mut);
    let tenure_id = unique_id("tenure");
    let notes_key = format!("person/{id}/notes");
    let dom_id = format!("person-entry-{id}");
    let zone_id = unique_id("person-zone");
    let zone_problem = RwSignal::new(None::<String>);
    let heading = Signal::derive(move || {
        let name = person.with(|p| p.name.trim().to_owned());
        if name.is_empty() {
            format!("Person {}", number.get())
        } else {
            name
        }
    });
    let remove = move || {
        session.remove_entry(
            format!("Removed {}.", heading.get_untracked()),
            id.clone(),
            Review::remove_person,
            Review::restore_person,
        );
    };
    let roles_legend = move || format!("Roles of {}", heading.get());
    view! {
        <li class="entry" id=dom_id>
            <fieldset>
                <legend>{heading}</legend>
                <div class="grid">
                    <TextField
                        label="Name"
                        value=Signal::derive(move || person.get().name)
                        on_input=move |v: String| edit.run(Box::new(move |p| p.name = v))
                    />
                    <SelectField
                        label="What it is"
                        options=ParticipantKind::ALL.iter().map(|k| (*k, k.label().to_owned())).collect()
                        value=Signal::derive(move || person.with(|p| p.kind))
                        on_change=move |kind: ParticipantKind| edit.run(Box::new(move |p| p.kind = kind))
                    />
                    <TextField
                        label="Team"
                        value=Signal::derive(move || person.get().team)
                        on_input=move |v: String| edit.run(Box::new(move |p| p.team = v))
                    />
                    <div class="field">
                        <label for=tenure_id.clone()>"Tenure (months)"</label>
                        <input
                            id=tenure_id
                            type="number"
                            min="0"
                            inputmode="numeric"
                            prop:value=move || person.get().tenure_months.map(|m| m.to_string()).unwrap_or_default()
                            on:input=move |ev| {
                                let typed = event_target_value(&ev);
                                let months = typed.trim().parse::<u32>().ok();
                                if months.is_some() || typed.trim().is_empty() {
                                    edit.run(Box::new(move |p| p.tenure_months = months));
                                }
                            }
                        />
                    </div>
                    <TextField
                        label="On call for"
                        value=Signal::derive(move || person.get().on_call_for)
                        on_input=move |v: String| edit.run(Box::new(move |p| p.on_call_for = v))
                        placeholder="ingest, database\u{2026}"
                    />
                    <div class="field" class:invalid=move || zone_problem.with(Option::is_some)>
                        <label for=zone_id.clone()>"Their time zone"</label>
                        <input
                            id=zone_id
                            type="text"
                            list="zone-names"
                            autocomplete="off"
                            placeholder="The incident's, if empty"
                            prop:value=move || person.get().time_zone.unwrap_or_default()
                            on:change=move |ev| {
                                let typed = event_target_value(&ev);
                                if typed.trim().is_empty() {
                                    zone_problem.set(None);
                                    edit.run(Box::new(|p| p.time_zone = None));
                                } else if let Some(zone) = Zone::find(&BROWSER_ZONES, &typed) {
                                    zone_problem.set(None);
                                    let name = zone.name().to_owned();
                                    edit.run(Box::new(move |p| p.time_zone = Some(name)));
                                } else {
                                    zone_problem.set(Some(format!("\u{201c}{}\u{201d} is not a time zone Debrief knows. Use a name such as Europe/Berlin.", typed.trim())));
                                }
                            }
                        />
                        <p class="hint" class:error=move || zone_problem.with(Option::is_some) aria-live="polite">
                            {move || zone_problem.get().unwrap_or_else(|| "Used to see who worked through their night.".to_owned())}
                        </p>
                    </div>
                </div>
                <Show when=move || person.with(|p| !p.is_person())>
                    <CheckboxField
                        label="Keep its name out of the public report"
                        checked=Signal::derive(move || person.with(|p| p.private))
                        on_change=move |on: bool| edit.run(Box::new(move |p| p.private = on))
                        hint=Signal::stored("Organisations, outside reporters and bots are not people: the public report names them as they are (AWS, a customer) and leaves them out of people\u{2019}s involvement. Tick this for a name that must not go out, such as a customer\u{2019}s.".to_owned())
                    />
                </Show>
                <fieldset class="choices roles">
                    <legend>{roles_legend}</legend>
                    {IncidentRole::ALL.into_iter().map(|role| {
                        let check_id = unique_id("role");
                        view! {
                            <div class="choice">
                                <input
                                    type="checkbox"
                                    id=check_id.clone()
                                    prop:checked=move || person.with(|p| p.roles.contains(&role))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        edit.run(Box::new(move |p| {
                                            p.roles.retain(|r| *r != role);
                                            if on {
                                                p.roles.push(role);
                                            }
                                        }));
                                    }
                                />
                                <label for=check_id>{role.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <TextArea
                    label="Notes"
                    rows=2
                    value=Signal::derive(move || person.get().notes)
                    on_input=move |v: String| edit.run(Box::new(move |p| p.notes = v))
                    check=notes_key
                    hint="Context such as hand-offs, another incident the night before, being new to the service."
                />
                <div class="entry-actions">
                    <RemoveButton what=heading on_remove=remove />
                </div>
            </fieldset>
        </li>
    }
}
