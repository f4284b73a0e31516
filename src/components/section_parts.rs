//! What the editor's sections are built with: a template's guidance and the undo after a
//! removal. Apart from any one section, so sections and the fields they use can share them
//! without importing one another.

use super::banners::UndoToast;
use crate::session::ReviewSession;
use leptos::prelude::*;

/// Section guidance, shown by templates that carry it.
#[component]
pub fn Guidance(children: Children) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let shows = Memo::new(move |_| {
        session
            .document
            .with(|review| review.template.shows_guidance())
    });
    let content = children();
    view! { <div class="guidance" class:hidden=move || !shows.get()>{content}</div> }
}

/// "Removed … Undo" after a removal in the editor.
#[component]
pub fn UndoRemoval() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    view! {
        <UndoToast
            message=Signal::derive(move || session.removal.with(|r| r.as_ref().map(|r| r.message.clone())))
            on_undo=move |()| session.undo_change()
        />
    }
}
