//! The analyst's own sections: themes, what went well, open questions (notes that point at
//! the incidents they draw on) and next steps with owners.

use super::super::entries::RemoveButton;
use super::super::fields::{
    unique_id, CheckboxField, DateField, TextArea, TextField, VisibilityField,
};
use super::{Coverage, Labels};
use crate::browser;
use crate::session::MetaSession;
use debrief_core::meta::{MetaNote, MetaReview, NextStep};
use debrief_core::model::{EntityId, Visibility};
use debrief_core::validate::check_link;
use leptos::prelude::*;

/// Which list of notes a [`NoteSection`] edits.
#[derive(Clone, Copy, PartialEq)]
pub enum NoteList {
    Themes,
    WentWell,
    OpenQuestions,
}

impl NoteList {
    fn of(self, meta: &MetaReview) -> &Vec<MetaNote> {
        match self {
            Self::Themes => &meta.themes,
            Self::WentWell => &meta.went_well,
            Self::OpenQuestions => &meta.open_questions,
        }
    }

    fn of_mut(self, meta: &mut MetaReview) -> &mut Vec<MetaNote> {
        match self {
            Self::Themes => &mut meta.themes,
            Self::WentWell => &mut meta.went_well,
            Self::OpenQuestions => &mut meta.open_questions,
        }
    }

    /// What one entry is called, after "Add" and "Remove".
    fn noun(self) -> &'static str {
        match self {
            Self::Themes => "theme",
            Self::WentWell => "thing that went well",
            Self::OpenQuestions => "question",
        }
    }
}

#[component]
pub fn NoteSection(title: &'static str, hint: &'static str, list: NoteList) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let heading_id = unique_id("notes");
    let ids = Memo::new(move |_| {
        session
            .document
            .with(|m| list.of(m).iter().map(|n| n.id.clone()).collect::<Vec<_>>())
    });
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        session.edit(|m| {
            list.of_mut(m).push(MetaNote {
                id,
                ..MetaNote::default()
            })
        });
    };
    view! {
        <section class="panel" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <p class="hint">{hint}</p>
            <ol class="entries">
                <For
                    each={move || ids.get().into_iter().enumerate().collect::<Vec<_>>()}
                    key=|(_, id)| id.clone()
                    children=move |(position, id)| view! { <NoteEntry list=list id=id number={position + 1} /> }
                />
            </ol>
            <button type="button" on:click=add>{format!("Add a {}", list.noun())}</button>
        </section>
    }
}

#[component]
fn NoteEntry(list: NoteList, id: EntityId, number: usize) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let coverage = expect_context::<Coverage>().0;
    let labels = expect_context::<Labels>().0;
    let note = {
        let id = id.clone();
        Memo::new(move |_| {
            session
                .document
                .with(|m| list.of(m).iter().find(|n| n.id == id).cloned())
        })
    };
    let edit = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut MetaNote)>| {
            session.edit(|m| {
                if let Some(n) = list.of_mut(m).iter_mut().find(|n| n.id == id) {
                    change(n);
                }
            })
        }
    };
    let edit_text = edit.clone();
    let edit_visibility = edit.clone();
    let remove_id = id.clone();
    let what = format!("{} {number}", list.noun());
    // The incidents this note draws on, picked from the covered ones.
    let incidents = move || {
        let edit = edit.clone();
        coverage.with(|c| {
            labels.with(|labels| {
                c.reviews
                    .iter()
                    .map(|review| {
                        let title = labels.text(review);
                        let (checked, toggled) = (review.clone(), review.clone());
                        let input_id = unique_id("note-review");
                        let edit = edit.clone();
                        view! {
                            <span class="field checkbox">
                                <input
                                    id=input_id.clone()
                                    type="checkbox"
                                    prop:checked=move || note.with(|n| n.as_ref().is_some_and(|n| n.reviews.contains(&checked)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let review = toggled.clone();
                                        edit(Box::new(move |n| {
                                            n.reviews.retain(|r| *r != review);
                                            if on { n.reviews.push(review); }
                                        }));
                                    }
                                />
                                <label for=input_id>{title}</label>
                            </span>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <li class="entry">
            <TextArea
                label=format!("{} {number}", capitalise(list.noun()))
                rows=2
                value=Signal::derive(move || note.with(|n| n.as_ref().map(|n| n.text.clone()).unwrap_or_default()))
                on_input=move |v: String| edit_text(Box::new(move |n| n.text = v))
            />
            <fieldset class="choices-inline">
                <legend>"Seen in"</legend>
                {incidents}
            </fieldset>
            <div class="entry-actions">
                <VisibilityField
                    value=Signal::derive(move || note.with(|n| n.as_ref().map(|n| n.visibility).unwrap_or_default()))
                    on_change=move |v: Visibility| edit_visibility(Box::new(move |n| n.visibility = v))
                />
                <RemoveButton what=what on_remove=move |()| {
                    let id = remove_id.clone();
                    session.edit(|m| list.of_mut(m).retain(|n| n.id != id));
                } />
            </div>
        </li>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[component]
pub fn NextSteps() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let ids = Memo::new(move |_| {
        session.document.with(|m| {
            m.next_steps
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let id = EntityId::new(browser::new_id());
        session.edit(|m| {
            m.next_steps.push(NextStep {
                id,
                ..NextStep::default()
            })
        });
    };
    view! {
        <section class="panel" aria-labelledby="next-steps-heading">
            <h2 id="next-steps-heading">"Next steps"</h2>
            <p class="hint">"A few changes, each with an owner. Fewer, well-owned steps get done; the rest can wait for the next meta-review."</p>
            <ol class="entries">
                <For
                    each={move || ids.get().into_iter().enumerate().collect::<Vec<_>>()}
                    key=|(_, id)| id.clone()
                    children=move |(position, id)| view! { <NextStepEntry id=id number={position + 1} /> }
                />
            </ol>
            <button type="button" on:click=add>"Add a next step"</button>
        </section>
    }
}

#[component]
fn NextStepEntry(id: EntityId, number: usize) -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let step = {
        let id = id.clone();
        Memo::new(move |_| {
            session
                .document
                .with(|m| m.next_steps.iter().find(|s| s.id == id).cloned())
        })
    };
    let edit = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut NextStep)>| {
            session.edit(|m| {
                if let Some(s) = m.next_steps.iter_mut().find(|s| s.id == id) {
                    change(s);
                }
            })
        }
    };
    let field = move |read: fn(&NextStep) -> String| {
        Signal::derive(move || step.with(|s| s.as_ref().map(read).unwrap_or_default()))
    };
    let link_problem = RwSignal::new(None::<String>);
    let (e1, e2, e3, e4, e5, e6) = (
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit.clone(),
        edit,
    );
    let remove_id = id.clone();
    view! {
        <li class="entry">
            <TextArea label=format!("Next step {number}") rows=2 value=field(|s| s.text.clone()) on_input=move |v: String| e1(Box::new(move |s| s.text = v)) />
            <div class="grid">
                <TextField label="Owner" value=field(|s| s.owner.clone()) on_input=move |v: String| e2(Box::new(move |s| s.owner = v)) placeholder="A team or a person" />
                <DateField label="Due" value=Signal::derive(move || step.with(|s| s.as_ref().and_then(|s| s.due))) on_change=move |d| e3(Box::new(move |s| s.due = d)) />
                <div class="field" class:invalid=move || link_problem.with(Option::is_some)>
                    <TextField
                        label="Tracked at"
                        value=field(|s| s.tracker_link.clone().unwrap_or_default())
                        on_input=move |v: String| {
                            let link = v.trim().to_owned();
                            if link.is_empty() {
                                link_problem.set(None);
                                e4(Box::new(|s| s.tracker_link = None));
                            } else {
                                match check_link(&link) {
                                    Ok(link) => { link_problem.set(None); e4(Box::new(move |s| s.tracker_link = Some(link))); }
                                    Err(err) => link_problem.set(Some(err.to_string())),
                                }
                            }
                        }
                        placeholder="https://"
                    />
                    {move || link_problem.get().map(|p| view! { <p class="hint error">{p}</p> })}
                </div>
            </div>
            <div class="entry-actions">
                <CheckboxField label="Done" checked=Signal::derive(move || step.with(|s| s.as_ref().is_some_and(|s| s.done))) on_change=move |v| e5(Box::new(move |s| s.done = v)) />
                <VisibilityField
                    value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.visibility).unwrap_or_default()))
                    on_change=move |v: Visibility| e6(Box::new(move |s| s.visibility = v))
                />
                <RemoveButton what=format!("next step {number}") on_remove=move |()| {
                    let id = remove_id.clone();
                    session.edit(|m| m.next_steps.retain(|s| s.id != id));
                } />
            </div>
        </li>
    }
}
