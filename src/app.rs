use crate::components::{LibraryPage, MetaPage, NotFoundPage, ReviewPage, SharedPage};
use crate::routing::{use_route, Route, Section};
use crate::session::{MetaSession, ReviewSession, Workbook};
use crate::storage::Store;
use leptos::prelude::*;

/// The review open in the editor, if any; the storage listener routes other tabs' changes
/// to it.
#[derive(Clone, Copy)]
pub struct OpenReview(pub RwSignal<Option<ReviewSession>>);

/// The meta-review open in its editor, if any, for the same reason.
#[derive(Clone, Copy)]
pub struct OpenMeta(pub RwSignal<Option<MetaSession>>);

#[component]
pub fn App() -> impl IntoView {
    let store = Store::browser();
    let workbook = Workbook::load(store.clone());
    provide_context(workbook);
    let open = OpenReview(RwSignal::new(None));
    provide_context(open);
    let open_meta = OpenMeta(RwSignal::new(None));
    provide_context(open_meta);
    listen_to_other_tabs(store, workbook, open, open_meta);

    let route = use_route(move || {
        if let Some(session) = open.0.get_untracked() {
            session.flush();
        }
        if let Some(session) = open_meta.0.get_untracked() {
            session.flush();
        }
    });
    let focus_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    // The page to show changes only when the review changes, not the section: moving
    // between sections keeps the open review and its pending save.
    let page = Memo::new(move |_| match route.get() {
        Route::Review(id, _) => Route::review(id),
        other => other,
    });
    let section = Memo::new(move |_| match route.get() {
        Route::Review(_, section) => section,
        _ => Section::Overview,
    });
    view! {
        <a class="skip-link" href="#main" on:click=focus_main>"Skip to content"</a>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Route::Library => view! { <LibraryPage /> }.into_any(),
                Route::Review(id, _) => view! { <ReviewPage id=id section=section /> }.into_any(),
                Route::Meta(id) => view! { <MetaPage id=id /> }.into_any(),
                Route::Shared(data) => view! { <SharedPage data=data /> }.into_any(),
                Route::NotFound(path) => view! { <NotFoundPage path=path /> }.into_any(),
            }}
        </main>
    }
}

/// The `storage` event fires in every *other* tab of this origin when a key changes: the
/// index changing refreshes the library; the open review changing raises the conflict banner.
fn listen_to_other_tabs(store: Store, workbook: Workbook, open: OpenReview, open_meta: OpenMeta) {
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let Some(key) = event.key() else {
            // Another tab cleared all storage.
            workbook.reload_index();
            if let Some(session) = open.0.get_untracked() {
                session.changed_elsewhere(None);
            }
            return;
        };
        if key == store.index_key() {
            workbook.reload_index();
        } else if let Some(id) = store.review_id_of_key(&key) {
            if let Some(session) = open.0.get_untracked() {
                if session.id() == id {
                    session.changed_elsewhere(event.new_value());
                }
            }
        } else if let Some(id) = store.meta_id_of_key(&key) {
            match open_meta.0.get_untracked() {
                Some(session) if session.id() == id => session.changed_elsewhere(event.new_value()),
                _ => workbook.reload_metas(),
            }
        } else {
            workbook.refresh_storage_picture();
        }
    });
    on_cleanup(move || handle.remove());
}
