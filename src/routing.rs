//! Routes live in the URL fragment (`#/review/<id>`), so any static host serves every deep
//! link from one `index.html`, under any sub-path, with no server rewrite rules.

use debrief_core::model::ReviewId;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Library,
    Review(ReviewId),
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/').filter(|part| !part.is_empty());
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Self::Library,
            (Some("review"), Some(id), None) => Self::Review(ReviewId::new(decode(id))),
            _ => Self::NotFound(path.to_owned()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Self::Library => "#/".to_owned(),
            Self::Review(id) => format!("#/review/{}", encode(id.as_str())),
            Self::NotFound(path) => format!("#/{path}"),
        }
    }
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .map(String::from)
        .unwrap_or_else(|_| text.to_owned())
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal that follows `hashchange`. `before_leave` runs before the
/// route changes, while the page being left still exists (the editor flushes its save).
pub fn use_route(before_leave: impl Fn() + 'static) -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::parse(&current_hash());
        if next != route.get_untracked() {
            before_leave();
            set_route.set(next);
            // A new page starts at its top, as it would with real page loads.
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    on_cleanup(move || handle.remove());
    route
}

pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}
