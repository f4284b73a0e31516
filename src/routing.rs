//! Routes live in the URL fragment (`#/review/<id>/<section>`, `#/meta/<id>`), so any static host serves
//! every deep link from one `index.html`, under any sub-path, with no server rewrite rules.

use debrief_core::meta::MetaReviewId;
use debrief_core::model::ReviewId;
use leptos::prelude::*;

/// The parts of the review editor, each with its own address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Overview,
    Timeline,
    Chat,
    Participation,
    People,
    Hypotheses,
    Factors,
    Learnings,
    Interviews,
    Actions,
    Language,
    Publish,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Self::Overview,
        Self::Timeline,
        Self::Chat,
        Self::Participation,
        Self::People,
        Self::Hypotheses,
        Self::Factors,
        Self::Learnings,
        Self::Interviews,
        Self::Actions,
        Self::Language,
        Self::Publish,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Timeline => "timeline",
            Self::Chat => "chat",
            Self::Participation => "participation",
            Self::People => "people",
            Self::Hypotheses => "hypotheses",
            Self::Factors => "factors",
            Self::Learnings => "learnings",
            Self::Interviews => "interviews",
            Self::Actions => "actions",
            Self::Language => "language",
            Self::Publish => "share",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Timeline => "Timeline",
            Self::Chat => "Chat transcript",
            Self::Participation => "Participation",
            Self::People => "People",
            Self::Hypotheses => "Hypotheses",
            Self::Factors => "Contributing factors",
            Self::Learnings => "Learnings",
            Self::Interviews => "Interviews",
            Self::Actions => "Action items",
            Self::Language => "Language",
            Self::Publish => "Share",
        }
    }

    /// Sections a light review leaves out.
    pub fn is_deep(self) -> bool {
        matches!(self, Self::People | Self::Hypotheses | Self::Interviews)
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Library,
    Review(ReviewId, Section),
    Meta(MetaReviewId),
    /// A review carried in the address itself (a share link).
    Shared(String),
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(data) = path.strip_prefix("shared/") {
            return Self::Shared(data.to_owned());
        }
        let mut parts = path.split('/').filter(|part| !part.is_empty());
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (None, ..) => Self::Library,
            (Some("meta"), Some(id), None, _) => Self::Meta(MetaReviewId::new(decode(id))),
            (Some("review"), Some(id), None, _) => {
                Self::Review(ReviewId::new(decode(id)), Section::Overview)
            }
            (Some("review"), Some(id), Some(slug), None) => match Section::from_slug(slug) {
                Some(section) => Self::Review(ReviewId::new(decode(id)), section),
                None => Self::NotFound(path.to_owned()),
            },
            _ => Self::NotFound(path.to_owned()),
        }
    }

    pub fn review(id: ReviewId) -> Self {
        Self::Review(id, Section::Overview)
    }

    pub fn href(&self) -> String {
        match self {
            Self::Library => "#/".to_owned(),
            Self::Review(id, Section::Overview) => format!("#/review/{}", encode(id.as_str())),
            Self::Review(id, section) => {
                format!("#/review/{}/{}", encode(id.as_str()), section.slug())
            }
            Self::Meta(id) => format!("#/meta/{}", encode(id.as_str())),
            Self::Shared(data) => format!("#/shared/{data}"),
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

pub fn current_hash() -> String {
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
