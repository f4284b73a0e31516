//! Interviews: one-on-one conversations with the people who took part, with notes against the
//! prompt bank, free notes and quotes. Interviews are internal material; only quotes marked
//! public may ever reach the public report.

use super::entries::{
    entry_edits, entry_names, position_of, reveal_after_render, LazyEntries, RemoveButton,
};
use super::fields::{
    read, DateField, PeopleNames, PersonField, TextArea, TextField, VisibilityField,
};
use super::section_parts::{Guidance, UndoRemoval};
use crate::browser;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use chrono::NaiveDate;
use debrief_core::analysis::prompts::{prompt_by_text, prompts_in, PromptGroup, INTERVIEW_PROMPTS};
use debrief_core::model::{EntityId, Interview, PromptNote, Quote, Review, Visibility};
use leptos::prelude::*;

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
    let names = entry_names(
        session,
        "Interview",
        |r| &r.interviews,
        |r, i| {
            let with = participant_name(r, i).map(|name| format!("with {name}"));
            let date = i.date.map(|d| d.format("%Y-%m-%d").to_string());
            let text = [with, date].into_iter().flatten().collect::<Vec<_>>();
            text.join(", ")
        },
    );
    let not_interviewed = read(session, |r| {
        let interviewed: std::collections::HashSet<&EntityId> = r
            .interviews
            .iter()
            .filter_map(|i| i.participant.as_ref())
            .collect();
        r.people
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .filter(|p| !interviewed.contains(&p.id))
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
            <PeopleNames />
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No interviews yet."</p>
            </Show>
            <ol class="entries">
                <LazyEntries
                    ids=ids
                    names=names
                    dom_id=|id| format!("interview-{id}")
                    entry=move |id: EntityId| {
                        let number = position_of(id.clone(), ids);
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
    let edit = entry_edits(session, id.clone(), Review::interview_mut);
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
        move || {
            let message = format!("Removed {}.", which.get_untracked());
            session.remove_entry(
                message,
                id.clone(),
                Review::remove_interview,
                Review::restore_interview,
            );
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
                        on_change={move |v: Option<NaiveDate>| edit.run(Box::new(move |i| i.date = v))}
                        hint=date_hint
                    />
                    <TextField
                        label="Interviewer"
                        value=interview_field(session, &id, |_, i| i.interviewer.clone())
                        on_input=move |v: String| edit.run(Box::new(move |i| i.interviewer = v))
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
                    on_input=move |v: String| edit.run(Box::new(move |i| i.notes = v))
                    hint="Anything that did not fit a prompt: context, follow-ups, documents they mentioned."
                />
                <Quotes interview=id.clone() which=which />
                <div class="entry-actions">
                    <RemoveButton what=which on_remove=remove text="Remove interview" />
                </div>
            </fieldset>
        </li>
    }
}

/// The person interviewed: a type-ahead over People; a name not yet there is added to it.
#[component]
fn ParticipantField(id: EntityId) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let name = interview_field(session, &id, participant_name);
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
    let hint = Signal::derive(move || {
        match also.get() {
        Some(other) => format!(
            "Interview {other} is also with this person. A follow-up is fine; keep each conversation one-on-one."
        ),
        None => "Pick someone from People, or type a new name to add them.".to_owned(),
    }
    });
    let commit = move |typed: String| {
        // The name as it stands changes nothing: no save, and no switch to a namesake listed
        // earlier in People.
        if typed.trim() == name.get_untracked().unwrap_or_default() {
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
    };
    view! {
        <PersonField
            label="Participant"
            value=Signal::derive(move || name.get().unwrap_or_default())
            on_commit=commit
            hint=hint
        />
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
                            let remove = move || {
                                let key = remove_key.clone();
                                remove_from_interview(
                                    session,
                                    format!("Removed a note from {}.", which.get_untracked()),
                                    remove_id.clone(),
                                    |i| &mut i.prompt_notes,
                                    move |n| n.prompt == key,
                                );
                            };
                            let what = format!("the note on \u{201c}{label}\u{201d}");
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
                                    <RemoveButton what=what on_remove=remove text="Remove note" />
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
                            let number = position_of(id.clone(), ids);
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

/// A memoised read of one part of one quote (its default once the quote is gone).
fn quote_field<T>(
    session: ReviewSession,
    interview: &EntityId,
    id: &EntityId,
    get: fn(&Quote) -> T,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let (interview, id) = (interview.clone(), id.clone());
    read(session, move |r| {
        interview_of(r, &interview)
            .and_then(|i| i.quotes.iter().find(|q| q.id == id))
            .map(get)
            .unwrap_or_default()
    })
}

/// Removes one item from a list inside an interview (a note, a quote), offering Undo, which
/// puts it back where it stood.
fn remove_from_interview<T>(
    session: ReviewSession,
    message: String,
    interview: EntityId,
    list: fn(&mut Interview) -> &mut Vec<T>,
    is_it: impl Fn(&T) -> bool,
) where
    T: Clone + Send + Sync + 'static,
{
    session.change_with_undo(message, move |r| {
        let items = list(r.interview_mut(&interview)?);
        let at = items.iter().position(is_it)?;
        let item = items.remove(at);
        Some(Box::new(move |r: &mut Review| {
            if let Some(i) = r.interview_mut(&interview) {
                let items = list(i);
                items.insert(at.min(items.len()), item.clone());
            }
        }))
    });
}

#[component]
fn QuoteEntry(
    interview: EntityId,
    id: EntityId,
    #[prop(into)] number: Signal<usize>,
    which: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let text = quote_field(session, &interview, &id, |q| q.text.clone());
    let visibility = quote_field(session, &interview, &id, |q| q.visibility);
    let edit = {
        let interview = interview.clone();
        entry_edits(session, id.clone(), move |r, id| {
            let quotes = &mut r.interview_mut(&interview)?.quotes;
            quotes.iter_mut().find(|q| &q.id == id)
        })
    };
    let remove = {
        let id = id.clone();
        move || {
            let id = id.clone();
            let message = format!(
                "Removed quote {} from {}.",
                number.get_untracked(),
                which.get_untracked()
            );
            remove_from_interview(
                session,
                message,
                interview.clone(),
                |i| &mut i.quotes,
                move |q| q.id == id,
            );
        }
    };
    let what = Signal::derive(move || format!("quote {} from {}", number.get(), which.get()));
    view! {
        <li class="entry quote" id=format!("quote-{id}")>
            <fieldset>
                <legend>{move || format!("Quote {}", number.get())}</legend>
                <TextArea
                    label="In their words"
                    rows=2
                    value=text
                    on_input=move |v: String| edit.run(Box::new(move |q| q.text = v))
                />
                <VisibilityField
                    label="Public (may be quoted in the public report)"
                    value=visibility
                    on_change=move |v: Visibility| edit.run(Box::new(move |q| q.visibility = v))
                />
                <div class="entry-actions">
                    <RemoveButton what=what on_remove=remove />
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
