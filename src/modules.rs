//! Which of the app's three modules draws which page. The loader in index.html
//! (scripts/build/loader.js) picks one from the address before anything downloads: a share
//! link gets the share-preview module, the library gets the library module, any other page
//! the whole app. Each small module draws only its own page, so a first visit downloads a
//! third of the app; leaving that page reloads, and the loader picks again. The service
//! worker has every module after the first visit, so a switch costs no download after that.

use crate::routing::Route;
use crate::storage;
use leptos::prelude::window;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's own start function (scripts/build/loader.js).
    #[wasm_bindgen(js_name = debriefStartModule)]
    fn start_module(name: &str);
}

/// The pages of one of the small modules.
#[derive(Clone, Copy)]
pub enum Module {
    Library,
    SharePreview,
}

impl Module {
    pub fn draws(self, route: &Route) -> bool {
        match self {
            Self::Library => matches!(route, Route::Library),
            Self::SharePreview => matches!(route, Route::Shared(_)),
        }
    }
}

/// Starts the whole app in this page instead, before anything is mounted: only if the
/// loader's reading of the address and `Route::parse` ever disagree, and without a reload,
/// so such a disagreement cannot loop.
pub fn start_whole_app() {
    start_module("whole");
}

/// Leaves a small module for the page the address now names: a reload, and the loader
/// picks the module for it. A reload rather than a hand-over in place, so nothing of this
/// module (its listeners, its timers) outlives it; and only once the writes under way have
/// committed (a review just deleted, a clash just answered), since a page that unloads
/// aborts its transactions.
pub fn reload_for_new_page() {
    leptos::task::spawn_local(async {
        storage::transactions_settled(RELOAD_PATIENCE_MS).await;
        let _ = window().location().reload();
    });
}

/// How long a reload waits for writes: far longer than any one takes (a few milliseconds), short
/// enough that a browser that never settles one does not hold the page.
const RELOAD_PATIENCE_MS: u32 = 3_000;
