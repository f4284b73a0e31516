//! Interviews: one-on-one conversations with the people who took part, with notes against the
//! prompt bank, free notes and quotes. Interviews are internal material; only quotes marked
//! public may ever reach the public report.

use super::fields::{read, unique_id, CheckboxField, TextArea, TextField};
use super::overview::{Guidance, UndoRemoval};
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use chrono::NaiveDate;
use debrief_core::analysis::prompts::{prompt_by_text, prompts_in, PromptGroup, INTERVIEW_PROMPTS};
use debrief_core::model::{EntityId, Interview, PromptNote, Quote, Review, Visibility};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Scrolls an entry into view and puts the keyboard in its first control. Used after adding
/// an entry and by summary tables; the app routes on the URL fragment, so `#entry` links
/// would navigate away instead.
pub(crate) fn reveal(element_id: &str) {
    let Some(entry) = document().get_element_by_id(element_id) else {
        return;
    };
    entry.scroll_into_view();
    let first = entry
        .query_selector("input, textarea, select")
        .ok()
        .flatten()
        .and_then(|control| control.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(control) = first {
        let _ = control.focus();
    }
}

/// Reveals an entry once the list has rendered it.
pub(crate) fn reveal_after_render(element_id: String) {
    request_animation_frame(move || reveal(&element_id));
}

/// A labelled `<input type="date">`: the browser's own date picker, and a value that is a
/// calendar date with no time or zone to get wrong. Clearing it clears the date.
#[component]
pub(crate) fn DateField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_change: Callback<Option<NaiveDate>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = unique_id("date");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field date-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="date"
                aria-describedby=described
                prop:value=move || {
                    value.get().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                }
                on:change=move |ev| {
                    let typed = event_target_value(&ev);
                    // Browsers hand over either "" or a complete ISO date, never a partial one.
                    on_change.run(NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok());
                }
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint.get()}</p> })}
        </div>
    }
}

fn interview_of<'a>(review: &'a Review, id: &EntityId) -> Option<&'a Interview> {
    review.interviews.iter().find(|i| &i.id == id)
}

/// A memoised read of one part of one interview (its default once the interview is gone).
fn interview_field<T>(
    session: ReviewSession,
    id: &EntityId,
    get: impl Fn(&Review, &Interview) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let id = id.clone();
    read(session, move |r| {
        interview_of(r, &id).map(|i| get(r, i)).unwrap_or_default()
    })
}

/// The participant's name, if the interview names someone who has one.
fn participant_name(review: &Review, interview: &Interview) -> Option<String> {
    let person = interview.participant.as_ref()?;
    review
        .people
        .iter()
        .find(|p| &p.id == person)
        .map(|p| p.name.trim().to_owned())
        .filter(|name| !name.is_empty())
}

/// Where a prompt stands in the bank; notes on prompts no longer in the bank sort last.
fn bank_rank(prompt: &str) -> usize {
    INTERVIEW_PROMPTS
        .iter()
        .position(|p| p.text == prompt.trim())
        .unwrap_or(usize::MAX)
}

/// Records the note for one prompt. The first words typed create the note, in bank order; an
/// emptied note goes, so the interview holds only prompts that were actually discussed.
fn set_prompt_note(interview: &mut Interview, prompt: &str, note: String) {
    let existing = interview
        .prompt_notes
        .iter()
        .position(|n| n.prompt.trim() == prompt.trim());
    match (existing, note.trim().is_empty()) {
        (Some(at), true) => {
            interview.prompt_notes.remove(at);
        }
        (Some(at), false) => interview.prompt_notes[at].note = note,
        (None, true) => {}
        (None, false) => {
            let rank = bank_rank(prompt);
            let at = interview
                .prompt_notes
                .iter()
                .position(|n| bank_rank(&n.prompt) > rank)
                .unwrap_or(interview.prompt_notes.len());
            interview.prompt_notes.insert(
                at,
                PromptNote {
                    prompt: prompt.to_owned(),
                    note,
                },
            );
        }
    }
}

fn count_notes(n: usize) -> String {
    match n {
        0 => "no notes".to_owned(),
        1 => "1 note".to_owned(),
        n => format!("{n} notes"),
    }
}

#[component]
pub fn InterviewsEditor() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let ids = read(session, |r| {
        r.interviews
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    });
    let names = read(session, |r| {
        let mut names: Vec<String> = Vec::new();
        for person in &r.people {
            let name = person.name.trim();
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
        names
    });
    let not_interviewed = read(session, |r| {
        r.people
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .filter(|p| {
                !r.interviews
                    .iter()
                    .any(|i| i.participant.as_ref() == Some(&p.id))
            })
            .map(|p| (p.id.clone(), p.name.trim().to_owned()))
            .collect::<Vec<_>>()
    });
    let add = move |participant: Option<EntityId>| {
        let id = EntityId::new(browser::new_id());
        let new_id = id.clone();
        session.edit(move |r| {
            // The analyst usually runs the interviews; starting from their name saves typing.
            let interviewer = r.analyst.name.trim().to_owned();
            r.interviews.push(Interview {
                id: new_id,
                participant,
                interviewer,
                ..Interview::default()
            });
        });
        reveal_after_render(format!("interview-{id}"));
    };
    view! {
        <section class="panel interviews" aria-labelledby="interviews-heading">
            <h2 id="interviews-heading">"Interviews"</h2>
            <Guidance>
                <p>
                    "Talk with each person one-on-one, soon after the incident and in private: people speak more freely without an audience. Interviews stay internal; only quotes you mark public can appear in the public report."
                </p>
                <p>
                    "Ask open questions and let them tell it in their own order; you can line it up with the timeline afterwards. When they say something looked wrong, ask what normal looks like."
                </p>
                <p>
                    "Your job is to understand what made sense to them at the time, not to judge it. Leave out \u{201c}why didn\u{2019}t you\u{201d} and \u{201c}should have\u{201d}: the prompts below are worded to help."
                </p>
            </Guidance>
            <datalist id="people-names">
                <For
                    each=move || names.get()
                    key=|name| name.clone()
                    children=|name| view! { <option value=name></option> }
                />
            </datalist>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No interviews yet."</p>
            </Show>
            <ol class="entries">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| {
                        let number = {
                            let id = id.clone();
                            Signal::derive(move || {
                                ids.with(|ids| ids.iter().position(|i| i == &id).map_or(0, |p| p + 1))
                            })
                        };
                        view! { <InterviewEntry id=id number=number /> }
                    }
                />
            </ol>
            <UndoRemoval />
            <div class="entry-actions">
                <button type="button" class="primary" on:click=move |_| add(None)>
                    "Add interview"
                </button>
            </div>
            <Show when=move || !not_interviewed.with(Vec::is_empty)>
                <div class="not-interviewed">
                    <h3 id="not-interviewed-heading">"People without an interview yet"</h3>
                    <ul class="chips" aria-labelledby="not-interviewed-heading">
                        <For
                            each=move || not_interviewed.get()
                            key=|person| person.clone()
                            children=move |(person, name)| {
                                view! {
                                    <li>
                                        <button type="button" on:click=move |_| add(Some(person.clone()))>
                                            {format!("Add interview with {name}")}
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn InterviewEntry(id: EntityId, #[prop(into)] number: Signal<usize>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let name = interview_field(session, &id, participant_name);
    let heading = move || match name.get() {
        Some(name) => format!("Interview with {name}"),
        None => format!("Interview {}", number.get()),
    };
    // How buttons name this interview: "… from the interview with Avery" / "… from interview 2".
    let which = Signal::derive(move || match name.get() {
        Some(name) => format!("the interview with {name}"),
        None => format!("interview {}", number.get()),
    });
    let edit = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut Interview)>| {
            session.edit(|r| {
                if let Some(interview) = r.interview_mut(&id) {
                    change(interview);
                }
            })
        }
    };
    let edit_date = edit.clone();
    let edit_interviewer = edit.clone();
    let edit_notes = edit;
    let date_hint = {
        let id = id.clone();
        let gap = read(session, move |r| {
            let date = interview_of(r, &id).and_then(|i| i.date)?;
            let incident = r.incident_date(&BROWSER_ZONES)?;
            Some((date - incident).num_days())
        });
        Signal::derive(move || match gap.get() {
            Some(days) if days < 0 => {
                "That is before the incident started. Check the date.".to_owned()
            }
            Some(0) => "The day the incident started.".to_owned(),
            Some(1) => "1 day after the incident started.".to_owned(),
            Some(days) => format!("{days} days after the incident started."),
            None => "Memories fade and blend within days: talk soon after the incident.".to_owned(),
        })
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let message = format!("Removed {}.", which.get_untracked());
            session.remove_with_undo(message, move |r| {
                let removed = r.remove_interview(&id)?;
                Some(Box::new(move |r: &mut Review| {
                    r.restore_interview(removed.clone())
                }))
            });
        }
    };
    view! {
        <li class="entry interview" id=format!("interview-{id}")>
            <fieldset>
                <legend>
                    <h3>{heading}</h3>
                </legend>
                <div class="grid">
                    <ParticipantField id=id.clone() />
                    <DateField
                        label="Date of the interview"
                        value=interview_field(session, &id, |_, i| i.date)
                        on_change={move |v: Option<NaiveDate>| edit_date(Box::new(move |i| i.date = v))}
                        hint=date_hint
                    />
                    <TextField
                        label="Interviewer"
                        value=interview_field(session, &id, |_, i| i.interviewer.clone())
                        on_input=move |v: String| edit_interviewer(Box::new(move |i| i.interviewer = v))
                        hint="Ideally someone who was not in the response."
                    />
                </div>
                <h4>"Prompts"</h4>
                <p class="hint">
                    "Open a theme for questions to draw on. Notes are kept only for the prompts you write against."
                </p>
                <div class="prompt-groups">
                    {PromptGroup::ALL
                        .into_iter()
                        .map(|group| view! { <PromptGroupNotes interview=id.clone() group=group /> })
                        .collect_view()}
                </div>
                <DetachedNotes interview=id.clone() which=which />
                <TextArea
                    label="Other notes"
                    rows=5
                    value=interview_field(session, &id, |_, i| i.notes.clone())
                    on_input=move |v: String| edit_notes(Box::new(move |i| i.notes = v))
                    hint="Anything that did not fit a prompt: context, follow-ups, documents they mentioned."
                />
                <Quotes interview=id.clone() which=which />
                <div class="entry-actions">
                    <button
                        type="button"
                        class="danger"
                        aria-label=move || format!("Remove {}", which.get())
                        on:click=remove
                    >
                        "Remove interview"
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

/// The person interviewed: a type-ahead over People; a name not yet there is added to it.
#[component]
fn ParticipantField(id: EntityId) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let input_id = unique_id("participant");
    let hint_id = format!("{input_id}-hint");
    let name = interview_field(session, &id, participant_name);
    let text = RwSignal::new(name.get_untracked().unwrap_or_default());
    Effect::new(move |_| text.set(name.get().unwrap_or_default()));
    let also = {
        let id = id.clone();
        read(session, move |r| {
            let person = interview_of(r, &id)?.participant.clone()?;
            r.interviews
                .iter()
                .position(|i| i.id != id && i.participant.as_ref() == Some(&person))
                .map(|p| p + 1)
        })
    };
    let hint = move || {
        match also.get() {
        Some(other) => format!(
            "Interview {other} is also with this person. A follow-up is fine; keep each conversation one-on-one."
        ),
        None => "Pick someone from People, or type a new name to add them.".to_owned(),
    }
    };
    let commit = move |typed: String| {
        let current = name.get_untracked().unwrap_or_default();
        if typed.trim() == current {
            text.set(current);
            return;
        }
        let id = id.clone();
        session.edit(move |r| {
            // A blank name clears the participant; the person stays in People.
            let person = r.ensure_person(&typed, EntityId::new(browser::new_id()));
            if let Some(interview) = r.interview_mut(&id) {
                interview.participant = person;
            }
        });
        // Show the name as People spells it ("avery" becomes "Avery"); the model may not
        // have changed, in which case the effect above would not run.
        text.set(name.get_untracked().unwrap_or_default());
    };
    view! {
        <div class="field">
            <label for=input_id.clone()>"Participant"</label>
            <input
                id=input_id
                type="text"
                list="people-names"
                autocomplete="off"
                aria-describedby=hint_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <p class="hint" id=hint_id>{hint}</p>
        </div>
    }
}

/// One theme of the prompt bank, folded so the page is not a wall of text boxes. Themes that
/// already hold notes start open.
#[component]
fn PromptGroupNotes(interview: EntityId, group: PromptGroup) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let count = interview_field(session, &interview, move |_, i| {
        i.prompt_notes
            .iter()
            .filter(|n| !n.note.trim().is_empty())
            .filter(|n| prompt_by_text(&n.prompt).is_some_and(|p| p.group == group))
            .count()
    });
    let open = count.get_untracked() > 0;
    view! {
        <details class="prompt-group" open=open>
            <summary>
                <span class="prompt-group-label">{group.label()}</span>
                <span class="prompt-count">{move || count_notes(count.get())}</span>
            </summary>
            <Guidance>
                <p>{group.purpose()}</p>
            </Guidance>
            {prompts_in(group)
                .map(|prompt| {
                    let text = prompt.text;
                    let id = interview.clone();
                    view! {
                        <TextArea
                            label=text
                            rows=2
                            value=interview_field(session, &interview, move |_, i| {
                                i.prompt_notes
                                    .iter()
                                    .find(|n| n.prompt.trim() == text)
                                    .map(|n| n.note.clone())
                                    .unwrap_or_default()
                            })
                            on_input=move |v: String| {
                                let id = id.clone();
                                session.edit(move |r| {
                                    if let Some(i) = r.interview_mut(&id) {
                                        set_prompt_note(i, text, v);
                                    }
                                })
                            }
                        />
                    }
                })
                .collect_view()}
        </details>
    }
}

/// Notes taken against prompts that have since been reworded or retired, shown under the
/// wording they were taken against so nothing typed is ever hidden.
#[component]
fn DetachedNotes(interview: EntityId, which: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let prompts = interview_field(session, &interview, |_, i| {
        i.prompt_notes
            .iter()
            .filter(|n| prompt_by_text(&n.prompt).is_none())
            .map(|n| n.prompt.clone())
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !prompts.with(Vec::is_empty)>
            <div class="detached-notes">
                <h4>"Notes on earlier prompts"</h4>
                <p class="hint">"These prompts are no longer in the bank; the notes are kept as written."</p>
                <For
                    each=move || prompts.get()
                    key=|prompt| prompt.clone()
                    children={
                        let interview = interview.clone();
                        move |prompt| {
                            let id = interview.clone();
                            let remove_id = interview.clone();
                            let key = prompt.clone();
                            let remove_key = prompt.clone();
                            let value = interview_field(session, &interview, move |_, i| {
                                i.prompt_notes
                                    .iter()
                                    .find(|n| n.prompt == key)
                                    .map(|n| n.note.clone())
                                    .unwrap_or_default()
                            });
                            let label = if prompt.trim().is_empty() {
                                "Note without a prompt".to_owned()
                            } else {
                                prompt.clone()
                            };
                            let remove = move |_| {
                                let id = remove_id.clone();
                                let key = remove_key.clone();
                                session.remove_with_undo(
                                    format!("Removed a note from {}.", which.get_untracked()),
                                    move |r| {
                                        let i = r.interview_mut(&id)?;
                                        let at = i.prompt_notes.iter().position(|n| n.prompt == key)?;
                                        let note = i.prompt_notes.remove(at);
                                        Some(Box::new(move |r: &mut Review| {
                                            if let Some(i) = r.interview_mut(&id) {
                                                let at = at.min(i.prompt_notes.len());
                                                i.prompt_notes.insert(at, note.clone());
                                            }
                                        }))
                                    },
                                );
                            };
                            let remove_label = format!("Remove the note on \u{201c}{label}\u{201d}");
                            view! {
                                <div class="detached-note">
                                    // Editing here never deletes the note, so clearing the text to
                                    // rewrite it cannot make the prompt wording vanish mid-edit.
                                    <TextArea
                                        label=label
                                        rows=2
                                        value=value
                                        on_input=move |v: String| {
                                            let id = id.clone();
                                            let prompt = prompt.clone();
                                            session.edit(move |r| {
                                                let note = r
                                                    .interview_mut(&id)
                                                    .and_then(|i| i.prompt_notes.iter_mut().find(|n| n.prompt == prompt));
                                                if let Some(note) = note {
                                                    note.note = v;
                                                }
                                            })
                                        }
                                    />
                                    <button type="button" class="danger" aria-label=remove_label on:click=remove>
                                        "Remove note"
                                    </button>
                                </div>
                            }
                        }
                    }
                />
            </div>
        </Show>
    }
}

#[component]
fn Quotes(interview: EntityId, which: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let ids = interview_field(session, &interview, |_, i| {
        i.quotes.iter().map(|q| q.id.clone()).collect::<Vec<_>>()
    });
    let add = {
        let interview = interview.clone();
        move |_| {
            let id = EntityId::new(browser::new_id());
            let quote = Quote {
                id: id.clone(),
                ..Quote::default()
            };
            let interview = interview.clone();
            session.edit(move |r| {
                if let Some(i) = r.interview_mut(&interview) {
                    i.quotes.push(quote);
                }
            });
            reveal_after_render(format!("quote-{id}"));
        }
    };
    view! {
        <div class="quotes">
            <h4>"Quotes"</h4>
            <p class="hint">
                "Their words, exactly as said. Quotes are internal unless you mark them public; ask the person before you do."
            </p>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No quotes yet."</p>
            </Show>
            <ol class="entries">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children={
                        let interview = interview.clone();
                        move |id| {
                            let number = {
                                let id = id.clone();
                                Signal::derive(move || {
                                    ids.with(|ids| ids.iter().position(|q| q == &id).map_or(0, |p| p + 1))
                                })
                            };
                            view! { <QuoteEntry interview=interview.clone() id=id number=number which=which /> }
                        }
                    }
                />
            </ol>
            <button
                type="button"
                aria-label=move || format!("Add a quote to {}", which.get())
                on:click=add
            >
                "Add quote"
            </button>
        </div>
    }
}

#[component]
fn QuoteEntry(
    interview: EntityId,
    id: EntityId,
    number: Signal<usize>,
    which: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let field = {
        let (interview, id) = (interview.clone(), id.clone());
        move |get: fn(&Quote) -> _| {
            let (interview, id) = (interview.clone(), id.clone());
            read(session, move |r| {
                interview_of(r, &interview)
                    .and_then(|i| i.quotes.iter().find(|q| q.id == id))
                    .map(get)
                    .unwrap_or_default()
            })
        }
    };
    let text: Signal<String> = field(|q| q.text.clone());
    let public: Signal<bool> = {
        let (interview, id) = (interview.clone(), id.clone());
        read(session, move |r| {
            interview_of(r, &interview)
                .and_then(|i| i.quotes.iter().find(|q| q.id == id))
                .is_some_and(|q| q.visibility == Visibility::Public)
        })
    };
    let edit = {
        let (interview, id) = (interview.clone(), id.clone());
        move |change: Box<dyn FnOnce(&mut Quote)>| {
            session.edit(|r| {
                let quote = r
                    .interview_mut(&interview)
                    .and_then(|i| i.quotes.iter_mut().find(|q| q.id == id));
                if let Some(quote) = quote {
                    change(quote);
                }
            })
        }
    };
    let edit_text = edit.clone();
    let edit_public = edit;
    let remove = {
        let (interview, id) = (interview, id.clone());
        move |_| {
            let (interview, id) = (interview.clone(), id.clone());
            let message = format!(
                "Removed quote {} from {}.",
                number.get_untracked(),
                which.get_untracked()
            );
            session.remove_with_undo(message, move |r| {
                let i = r.interview_mut(&interview)?;
                let at = i.quotes.iter().position(|q| q.id == id)?;
                let quote = i.quotes.remove(at);
                Some(Box::new(move |r: &mut Review| {
                    if let Some(i) = r.interview_mut(&interview) {
                        let at = at.min(i.quotes.len());
                        i.quotes.insert(at, quote.clone());
                    }
                }))
            });
        }
    };
    view! {
        <li class="entry quote" id=format!("quote-{id}")>
            <fieldset>
                <legend>{move || format!("Quote {}", number.get())}</legend>
                <TextArea
                    label="In their words"
                    rows=2
                    value=text
                    on_input=move |v: String| edit_text(Box::new(move |q| q.text = v))
                />
                <CheckboxField
                    label="Public (may be quoted in the public report)"
                    checked=public
                    on_change=move |on: bool| {
                        let visibility = if on { Visibility::Public } else { Visibility::Internal };
                        edit_public(Box::new(move |q| q.visibility = visibility))
                    }
                />
                <div class="entry-actions">
                    <button
                        type="button"
                        class="danger"
                        aria-label=move || format!("Remove quote {} from {}", number.get(), which.get())
                        on:click=remove
                    >
                        "Remove"
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn notes(interview: &Interview) -> Vec<(&str, &str)> {
        interview
            .prompt_notes
            .iter()
            .map(|n| (n.prompt.as_str(), n.note.as_str()))
            .collect()
    }

    #[wasm_bindgen_test]
    fn prompt_notes_follow_the_bank_and_vanish_when_emptied() {
        let first = INTERVIEW_PROMPTS[0].text;
        let fifth = INTERVIEW_PROMPTS[4].text;
        let mut interview = Interview {
            prompt_notes: vec![PromptNote {
                prompt: "A retired prompt?".into(),
                note: "kept".into(),
            }],
            ..Interview::default()
        };
        set_prompt_note(&mut interview, fifth, "later".into());
        set_prompt_note(&mut interview, first, "earlier".into());
        assert_eq!(
            notes(&interview),
            [
                (first, "earlier"),
                (fifth, "later"),
                ("A retired prompt?", "kept")
            ]
        );
        set_prompt_note(&mut interview, first, "earlier, edited".into());
        set_prompt_note(&mut interview, fifth, "  ".into());
        assert_eq!(
            notes(&interview),
            [(first, "earlier, edited"), ("A retired prompt?", "kept")]
        );
        set_prompt_note(&mut interview, fifth, String::new());
        assert_eq!(interview.prompt_notes.len(), 2);
    }
}
