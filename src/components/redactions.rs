//! A list of term → replacement applied to a public version: a review's, or a
//! meta-review's.

use debrief_core::model::Redaction;
use leptos::prelude::*;

/// One change to a redaction list.
#[derive(Debug, Clone)]
pub enum RedactionEdit {
    Add,
    Term(usize, String),
    Replacement(usize, String),
    Remove(usize),
}

impl RedactionEdit {
    pub fn apply(self, list: &mut Vec<Redaction>) {
        match self {
            Self::Add => list.push(Redaction::default()),
            Self::Term(i, term) => {
                if let Some(r) = list.get_mut(i) {
                    r.term = term;
                }
            }
            Self::Replacement(i, replacement) => {
                if let Some(r) = list.get_mut(i) {
                    r.replacement = replacement;
                }
            }
            Self::Remove(i) => {
                if i < list.len() {
                    list.remove(i);
                }
            }
        }
    }
}

#[component]
pub fn RedactionList(
    #[prop(into)] list: Signal<Vec<Redaction>>,
    #[prop(into)] on_edit: Callback<RedactionEdit>,
) -> impl IntoView {
    let count = Memo::new(move |_| list.with(Vec::len));
    view! {
        <h3>"Redactions"</h3>
        <p class="hint">"Terms replaced everywhere in the public version, such as internal host names or customer names."</p>
        <ol class="redactions">
            <For
                each=move || 0..count.get()
                key=|i| *i
                children=move |i| {
                    let term = move || list.with(|l| l.get(i).map(|x| x.term.clone()).unwrap_or_default());
                    let replacement = move || list.with(|l| l.get(i).map(|x| x.replacement.clone()).unwrap_or_default());
                    view! {
                        <li class="redaction">
                            <input
                                type="text"
                                aria-label=format!("Redaction {}: term", i + 1)
                                placeholder="db-prod-7.internal"
                                prop:value=term
                                on:input=move |ev| on_edit.run(RedactionEdit::Term(i, event_target_value(&ev)))
                            />
                            <span aria-hidden="true">"\u{2192}"</span>
                            <input
                                type="text"
                                aria-label=format!("Redaction {}: replacement", i + 1)
                                placeholder="a database host"
                                prop:value=replacement
                                on:input=move |ev| on_edit.run(RedactionEdit::Replacement(i, event_target_value(&ev)))
                            />
                            <button
                                type="button"
                                class="danger"
                                aria-label=format!("Remove redaction {}", i + 1)
                                on:click=move |_| on_edit.run(RedactionEdit::Remove(i))
                            >"Remove"</button>
                        </li>
                    }
                }
            />
        </ol>
        <button type="button" on:click=move |_| on_edit.run(RedactionEdit::Add)>"Add redaction"</button>
    }
}
