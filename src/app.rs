use crate::components::{
    LibraryPage, MetaPage, NewVersionBanner, NotFoundPage, ReviewPage, SharedPage,
};
use crate::offline;
use crate::routing::{use_route, Route, Section};
use crate::session::{FolderSync, LiveSessions, Workbook};
use crate::storage::{listen_to_other_tabs, Store};
use debrief_core::meta::{MetaReview, MetaReviewId};
use debrief_core::model::{Review, ReviewId};
use leptos::prelude::*;

/// Which pages a module can show: the route and the editor's section in, the page out. A
/// function rather than a value, so a small module (src/modules.rs) names only its own page
/// and the editor never links into it.
pub type Pages = fn(Route, Memo<Section>) -> AnyView;

/// Every page: the whole app's module (src/main.rs).
pub fn every_page(route: Route, section: Memo<Section>) -> AnyView {
    match route {
        Route::Library => view! { <LibraryPage /> }.into_any(),
        Route::Review(id, _) => view! { <ReviewPage id=id section=section /> }.into_any(),
        Route::Meta(id) => view! { <MetaPage id=id /> }.into_any(),
        Route::Shared(data) => view! { <SharedPage data=data /> }.into_any(),
        Route::NotFound(path) => view! { <NotFoundPage path=path /> }.into_any(),
    }
}

/// The library's module (src/bin/library.rs): the library only.
pub fn library_pages(route: Route, _section: Memo<Section>) -> AnyView {
    match route {
        Route::Library => view! { <LibraryPage /> }.into_any(),
        _ => another_modules_page(),
    }
}

/// A share link's module (src/bin/share_preview.rs): the preview only.
pub fn share_preview_pages(route: Route, _section: Memo<Section>) -> AnyView {
    match route {
        Route::Shared(data) => view! { <SharedPage data=data /> }.into_any(),
        _ => another_modules_page(),
    }
}

fn another_modules_page() -> AnyView {
    crate::modules::reload_for_new_page();
    ().into_any()
}

#[component]
pub fn App(pages: Pages) -> impl IntoView {
    let store = Store::browser();
    let reviews = LiveSessions::<Review>::default();
    let metas = LiveSessions::<MetaReview>::default();
    let workbook = Workbook::new(store.clone(), reviews);
    provide_context(workbook);
    provide_context(metas);
    workbook.start();
    let folder = FolderSync::new(workbook);
    provide_context(folder);
    folder.start();
    follow_the_folder(folder);
    follow_other_tabs(&store, workbook, metas);
    ask_before_leaving_unsaved_work(reviews, metas);

    let flush_all = move || {
        reviews.all().iter().for_each(|session| session.flush());
        metas.all().iter().for_each(|session| session.flush());
    };
    let route = use_route(flush_all);
    let new_version = RwSignal::new(false);
    offline::watch_for_updates(move || new_version.set(true));
    let reload_into_new_version = move |()| {
        flush_all();
        offline::reload_into_new_version();
    };
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
        <Show when=move || new_version.get()>
            <NewVersionBanner on_reload=reload_into_new_version />
        </Show>
        <main id="main" tabindex="-1">
            {move || pages(page.get(), section)}
        </main>
    }
}

/// Other tabs announce every write: a review's or meta-review's raises the conflict banner
/// in a tab editing it and refreshes the library; the trash and Recovered documents refresh
/// the storage picture.
fn follow_other_tabs(store: &Store, workbook: Workbook, metas: LiveSessions<MetaReview>) {
    listen_to_other_tabs(&store.database_name(), move |key| {
        if let Some(id) = key.strip_prefix("review:") {
            let id = ReviewId::new(id);
            if let Some(session) = workbook.reviews.get(&id) {
                session.saver.changed_elsewhere();
            }
            workbook.refresh_review(id);
        } else if let Some(id) = key.strip_prefix("meta:") {
            let id = MetaReviewId::new(id);
            match metas.get(&id) {
                Some(session) => session.saver.changed_elsewhere(),
                None => workbook.reload_metas(),
            }
        } else {
            workbook.refresh_storage_picture();
        }
    });
}

/// A folder the workbook is kept in may have changed while the person was elsewhere (a
/// `git pull` in a terminal): it is read again whenever the page comes back into view.
fn follow_the_folder(folder: FolderSync) {
    let on_focus = window_event_listener(leptos::ev::focus, move |_| folder.sync_now());
    let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            folder.sync_now();
        }
    });
    on_cleanup(move || {
        on_focus.remove();
        on_visible.remove();
    });
}

/// Closing or reloading the tab while work is only here (a refused write, a conflict
/// waiting for a choice) asks first.
fn ask_before_leaving_unsaved_work(reviews: LiveSessions<Review>, metas: LiveSessions<MetaReview>) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |event| {
        reviews.all().iter().for_each(|session| session.flush());
        metas.all().iter().for_each(|session| session.flush());
        let unsaved = reviews
            .all()
            .iter()
            .map(|s| s.save_state)
            .chain(metas.all().iter().map(|s| s.save_state))
            .any(|state| state.get_untracked().has_unsaved_work());
        if unsaved {
            event.prevent_default();
            // Older Chromium builds ask only when a return value is set.
            event.set_return_value("Changes are not saved yet.");
        }
    });
    on_cleanup(move || handle.remove());
}
