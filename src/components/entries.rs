//! What every section's list of entries shares: numbering that follows the list, one edit
//! handle per entry, putting the keyboard in an entry just added, revealing an entry from
//! elsewhere on the page, and the button that removes an entry (the removal itself, with its
//! Undo, is `ReviewSession::remove_entry`).

use crate::browser;
use crate::session::ReviewSession;
use debrief_core::model::{EntityId, Review};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// 1-based position of `id` in `ids`, following reorders and removals above it.
pub fn position_of(id: EntityId, ids: Signal<Vec<EntityId>>) -> Memo<usize> {
    Memo::new(move |_| ids.with(|ids| ids.iter().position(|e| *e == id).map_or(0, |p| p + 1)))
}

/// A change to one entry, applied by an [`entry_edits`] handle.
pub type EntryChange<T> = Box<dyn FnOnce(&mut T)>;

/// One copyable handle for every field's edit of one entry. `find` looks the entry up by its
/// id at the moment of the edit, so an edit arriving after the entry was removed changes
/// nothing.
pub fn entry_edits<T: 'static>(
    session: ReviewSession,
    id: EntityId,
    find: impl for<'r> Fn(&'r mut Review, &EntityId) -> Option<&'r mut T> + Send + Sync + 'static,
) -> Callback<EntryChange<T>> {
    Callback::new(move |change: EntryChange<T>| {
        session.edit(|r| {
            if let Some(entry) = find(r, &id) {
                change(entry);
            }
        })
    })
}

/// The entry just added to a list, remembered until its row renders so that the row can take
/// the keyboard focus and typing can start at once.
#[derive(Clone, Copy)]
pub struct JustAdded(StoredValue<Option<EntityId>>);

impl Default for JustAdded {
    fn default() -> Self {
        Self(StoredValue::new(None))
    }
}

impl JustAdded {
    /// An id for a new entry, remembered as the one just added.
    pub fn new_id(self) -> EntityId {
        let id = EntityId::new(browser::new_id());
        self.0.set_value(Some(id.clone()));
        id
    }

    /// Called as a row is built: if it is the entry just added, its first control matching
    /// `selector` takes the focus once the row is in the page. Only once, so a row built
    /// again later leaves the focus where the person put it.
    pub fn focus_if_new(
        self,
        id: &EntityId,
        node: NodeRef<leptos::html::Li>,
        selector: &'static str,
    ) {
        if self.0.with_value(|added| added.as_ref() == Some(id)) {
            self.0.set_value(None);
            Effect::new(move |_| {
                if let Some(entry) = node.get() {
                    if let Ok(Some(field)) = entry.query_selector(selector) {
                        let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
            });
        }
    }
}

/// Scrolls an entry into view and puts the keyboard in its first control. Used after adding
/// an entry and by summary tables; the app routes on the URL fragment, so `#entry` links
/// would navigate away instead.
pub fn reveal(element_id: &str) {
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
pub fn reveal_after_render(element_id: String) {
    request_animation_frame(move || reveal(&element_id));
}

/// The button that removes an entry (the section's Undo brings it back). Its accessible name
/// says which entry, "Remove hypothesis 2", since every entry has one and they read alike.
#[component]
pub fn RemoveButton(
    /// The entry, as the name continues after "Remove ": "hypothesis 2".
    #[prop(into)]
    what: Signal<String>,
    #[prop(into)] on_remove: Callback<()>,
    /// The visible text, when "Remove" alone would be unclear.
    #[prop(default = "Remove")]
    text: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="danger"
            aria-label=move || format!("Remove {}", what.get())
            on:click=move |_| on_remove.run(())
        >
            {text}
        </button>
    }
}
