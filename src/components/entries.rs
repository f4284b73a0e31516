//! What every section's list of entries shares: numbering that follows the list, one edit
//! handle per entry, drawing a long list's entries only as they come near the screen,
//! putting the keyboard in an entry just added, revealing an entry from elsewhere on the
//! page, and the button that removes an entry (the removal itself, with its Undo, is
//! `ReviewSession::remove_entry`).

use crate::browser;
use crate::session::ReviewSession;
use debrief_core::model::{EntityId, Review};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

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

/// A long list is drawn in blocks of this many entries, each once it comes within
/// [`NEAR_SCREEN`] of the screen; the first [`DRAWN_AT_ONCE`] entries straight away. A
/// review's lists are usually shorter than that, and a list of a thousand entries then
/// opens about as fast as one of twenty.
const BLOCK: usize = 10;
const DRAWN_AT_ONCE: usize = BLOCK;

/// How far off screen a block starts being drawn, so scrolling rarely meets a placeholder.
const NEAR_SCREEN: &str = "1200px 0px";

thread_local! {
    /// One observer for every placeholder on the page, and what to do when each comes near.
    static NEAR: RefCell<Option<Near>> = const { RefCell::new(None) };
}

struct Near {
    observer: IntersectionObserver,
    waiting: HashMap<String, Box<dyn FnOnce()>>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

/// Runs `then` once `element` (which has the page-unique id `key`) comes near the screen.
fn when_near_screen(element: &web_sys::Element, key: String, then: impl FnOnce() + 'static) {
    NEAR.with(|near| {
        let mut near = near.borrow_mut();
        if near.is_none() {
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
                let arrived: Vec<Box<dyn FnOnce()>> = NEAR.with(|near| {
                    let mut near = near.borrow_mut();
                    let Some(near) = near.as_mut() else {
                        return Vec::new();
                    };
                    entries
                        .iter()
                        .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
                        .filter(IntersectionObserverEntry::is_intersecting)
                        .filter_map(|entry| {
                            let target = entry.target();
                            near.observer.unobserve(&target);
                            near.waiting.remove(&target.id())
                        })
                        .collect()
                });
                // Outside the borrow: drawing an entry may observe new placeholders.
                for then in arrived {
                    then();
                }
            });
            let options = IntersectionObserverInit::new();
            options.set_root_margin(NEAR_SCREEN);
            let Ok(observer) =
                IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
            else {
                // No observer (a very old browser): draw the entry now rather than never.
                drop(near);
                then();
                return;
            };
            *near = Some(Near {
                observer,
                waiting: HashMap::new(),
                _callback: callback,
            });
        }
        if let Some(near) = near.as_mut() {
            near.observer.observe(element);
            near.waiting.insert(key, Box::new(then));
        }
    });
}

/// Stops waiting for an element that left the page before it came near the screen.
fn forget_near_screen(element: &web_sys::Element, key: &str) {
    NEAR.with(|near| {
        if let Some(near) = near.borrow_mut().as_mut() {
            near.observer.unobserve(element);
            near.waiting.remove(key);
        }
    });
}

/// What each entry of one list is called while it waits to be drawn, in list order: one
/// memo for the whole list, so a keystroke costs one pass over the list.
pub type EntryNames = Signal<Vec<String>>;

/// The names of a list's entries, numbered as the list shows them: "Hypothesis 3: …".
pub fn entry_names<T>(
    session: ReviewSession,
    noun: &'static str,
    list: impl Fn(&Review) -> &[T] + Send + Sync + 'static,
    describe: impl Fn(&Review, &T) -> String + Send + Sync + 'static,
) -> EntryNames {
    Memo::new(move |_| {
        session.document.with(|review| {
            list(review)
                .iter()
                .enumerate()
                .map(|(i, entry)| {
                    let text = describe(review, entry);
                    if text.trim().is_empty() {
                        format!("{noun} {}", i + 1)
                    } else {
                        format!("{noun} {}: {text}", i + 1)
                    }
                })
                .collect()
        })
    })
    .into()
}

/// The entries of one list, drawn block by block as they come near the screen (see
/// [`BLOCK`]). `entry` draws one entry as an `<li>` whose id is `dom_id` of the entry's id,
/// so that [`reveal`] finds it, drawn or not.
#[component]
pub fn LazyEntries<E, V>(
    ids: Signal<Vec<EntityId>>,
    names: EntryNames,
    dom_id: fn(&EntityId) -> String,
    entry: E,
) -> impl IntoView
where
    E: Fn(EntityId) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let blocks = Memo::new(move |_| ids.with(|ids| ids.len().div_ceil(BLOCK)));
    view! {
        <For
            each=move || 0..blocks.get()
            key=|block| *block
            children=move |block| {
                view! { <EntryBlock block=block ids=ids names=names dom_id=dom_id entry=entry.clone() /> }
            }
        />
    }
}

/// One block of a long list. Until it is drawn, each of its entries is a light placeholder
/// with the entry's name and element id, and the first holds a button that draws the block,
/// so keyboard and screen-reader users reach every entry and "Find in page" still finds
/// what each one is called.
#[component]
fn EntryBlock<E, V>(
    block: usize,
    ids: Signal<Vec<EntityId>>,
    names: EntryNames,
    dom_id: fn(&EntityId) -> String,
    entry: E,
) -> impl IntoView
where
    E: Fn(EntityId) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let range = move |len: usize| (block * BLOCK).min(len)..((block + 1) * BLOCK).min(len);
    let here = Memo::new(move |_| ids.with(|ids| ids[range(ids.len())].to_vec()));
    // This block's names only: typing in one entry redraws the one placeholder block that
    // shows its name (if any), not every block of the list.
    let names_here = Memo::new(move |_| names.with(|names| names[range(names.len())].to_vec()));
    let drawn = RwSignal::new(block * BLOCK < DRAWN_AT_ONCE);
    let first = NodeRef::<leptos::html::Li>::new();
    // Every placeholder of the block is watched, not only the first: a jump into the middle
    // of a tall block must draw it too. Once drawn (or gone), none is watched any more.
    Effect::new(move |_| {
        let (Some(element), false) = (first.get(), drawn.get()) else {
            return;
        };
        let selector = format!(".entry-placeholder[data-block=\"{block}\"]");
        let Some(placeholders) = element
            .parent_element()
            .and_then(|list| list.query_selector_all(&selector).ok())
        else {
            return;
        };
        let watched: Vec<web_sys::Element> = (0..placeholders.length())
            .filter_map(|i| placeholders.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .collect();
        for placeholder in &watched {
            when_near_screen(placeholder, placeholder.id(), move || drawn.set(true));
        }
        on_cleanup(move || {
            for placeholder in &watched {
                forget_near_screen(placeholder, &placeholder.id());
            }
        });
    });
    let draw_and_focus = move || {
        drawn.set(true);
        if let Some(id) = here.with_untracked(|here| here.first().map(dom_id)) {
            reveal_after_render(id);
        }
    };
    let placeholders = move || {
        let (here, names) = (here.get(), names_here.get());
        let start = block * BLOCK;
        let last = start + here.len();
        let show = format!("Show entries {} to {last}", start + 1);
        here.iter()
            .enumerate()
            .map(|(i, id)| {
                let name = names.get(i).cloned().unwrap_or_default();
                let button = (i == 0).then(|| {
                    view! {
                        // Tabbing onto it draws the block and moves on into its first field.
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| draw_and_focus()
                            on:focus=move |_| draw_and_focus()
                        >
                            {show.clone()}
                        </button>
                    }
                });
                let node = if i == 0 { first } else { NodeRef::new() };
                view! {
                    <li class="entry entry-placeholder" id=dom_id(id) data-block=block node_ref=node>
                        <p>{name}</p>
                        {button}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || drawn.get() fallback=placeholders>
            <For
                each=move || here.get()
                key=|id| id.clone()
                children={
                    let entry = entry.clone();
                    move |id| entry(id)
                }
            />
        </Show>
    }
}

/// Scrolls an entry into view and puts the keyboard in its first control. Used after adding
/// an entry and by summary tables; the app routes on the URL fragment, so `#entry` links
/// would navigate away instead.
pub fn reveal(element_id: &str) {
    let Some(entry) = document().get_element_by_id(element_id) else {
        return;
    };
    if entry.class_list().contains("entry-placeholder") {
        // Not drawn yet: draw its block, then reveal it again, with its controls.
        let block = entry.get_attribute("data-block").unwrap_or_default();
        let draw = entry
            .parent_element()
            .and_then(|list| {
                let selector = format!(".entry-placeholder[data-block=\"{block}\"] > button");
                list.query_selector(&selector).ok().flatten()
            })
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(draw) = draw {
            draw.click();
            reveal_after_render(element_id.to_owned());
        }
        return;
    }
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
