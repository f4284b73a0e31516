//! The review editor's frame: opening the review, the bar with save state and export, the
//! banners for conflicts and failed saves, and the sections.

use super::actions::ActionsEditor;
use super::banners::{ConflictBanner, SaveControls, SaveFailedBanner, SaveIndicator};
use super::chat::{ChatFocus, ChatSection};
use super::factors::FactorsEditor;
use super::folder::FolderConflictBanner;
use super::hypotheses::HypothesesEditor;
use super::interviews::InterviewsEditor;
use super::language::LanguagePanel;
use super::learnings::LearningsEditor;
use super::overview::OverviewEditor;
use super::participation::ParticipationSection;
use super::people::PeopleEditor;
use super::publish::PublishPanel;
use super::timeline::TimelineEditor;
use super::zone_choice::ZoneChoice;
use crate::routing::{Route, Section};
use crate::session::{ReviewSession, TranscriptSession, Workbook};
use crate::storage::OpenError;
use debrief_core::model::ReviewId;
use leptos::prelude::*;

/// Saves what is waiting when the page is hidden or closed (switching tabs, closing the
/// window, a phone locking), until the editor goes away.
pub fn flush_when_leaving(flush: impl Fn() + Clone + 'static) {
    let on_hide = flush.clone();
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            on_hide();
        }
    });
    on_cleanup(move || {
        pagehide.remove();
        hidden.remove();
    });
}

#[component]
pub fn ReviewPage(id: ReviewId, #[prop(into)] section: Signal<Section>) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let opened = RwSignal::new(None::<Result<ReviewSession, OpenError>>);
    {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let result = workbook.open_review(&id).await;
            if matches!(result, Err(OpenError::Quarantined(_))) {
                workbook.forget_review(&id);
            }
            // The page may have been left while the review was read.
            let _ = opened.try_set(Some(result));
        });
    }
    on_cleanup(move || workbook.reviews.release(&id));
    move || match opened.get() {
        None => view! { <p class="page-message" role="status">"Opening the review\u{2026}"</p> }
            .into_any(),
        Some(Ok(session)) => view! { <OpenEditor session=session section=section /> }.into_any(),
        Some(Err(err)) => view! {
            <div class="page-message">
                <h1>"This review cannot be opened"</h1>
                <p role="alert">{err.to_string()}</p>
                <p><a href=Route::Library.href()>"Back to all reviews"</a></p>
            </div>
        }
        .into_any(),
    }
}

/// The editor of a review whose session is ready: the contexts its sections read.
#[component]
fn OpenEditor(session: ReviewSession, section: Signal<Section>) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    provide_context(session);
    SaveControls::provide(session.saver, "review");
    provide_context(TranscriptSession::open(
        workbook.store.get_value().database_name(),
        session.id(),
    ));
    ZoneChoice::provide();
    ChatFocus::provide();
    flush_when_leaving(move || session.flush());
    view! { <Editor session=session section=section /> }
}

#[component]
fn Editor(session: ReviewSession, section: Signal<Section>) -> impl IntoView {
    let title = Memo::new(move |_| session.document.with(|r| r.display_title().to_owned()));
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} \u{b7} {} \u{b7} Debrief",
            section.get().label(),
            title.get()
        ))
    });
    on_cleanup(|| document().set_title("Debrief"));
    view! {
        <div class="editor-bar">
            <a class="back" href=Route::Library.href()>"\u{2190} All reviews"</a>
            <SaveIndicator />
            <button type="button" on:click=move |_| { session.download_json(); }>
                "Download JSON"
            </button>
        </div>
        <ConflictBanner />
        <FolderConflictBanner />
        <SaveFailedBanner />
        <h1 class="review-title">{move || title.get()}</h1>
        <SectionNav section=section />
        {move || match section.get() {
            Section::Overview => view! { <OverviewEditor /> }.into_any(),
            Section::Timeline => view! { <TimelineEditor /> }.into_any(),
            Section::Chat => view! { <ChatSection /> }.into_any(),
            Section::Participation => view! { <ParticipationSection /> }.into_any(),
            Section::People => view! { <PeopleEditor /> }.into_any(),
            Section::Hypotheses => view! { <HypothesesEditor /> }.into_any(),
            Section::Factors => view! { <FactorsEditor /> }.into_any(),
            Section::Learnings => view! { <LearningsEditor /> }.into_any(),
            Section::Interviews => view! { <InterviewsEditor /> }.into_any(),
            Section::Actions => view! { <ActionsEditor /> }.into_any(),
            Section::Language => view! { <LanguagePanel /> }.into_any(),
            Section::Publish => view! { <PublishPanel /> }.into_any(),
        }}
    }
}

/// The sections this review's template offers, as links; the current one is marked.
#[component]
fn SectionNav(section: Signal<Section>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let deep = Memo::new(move |_| {
        session
            .document
            .with(|r| r.template.includes_deep_sections())
    });
    let links = move || {
        let id = session.id();
        Section::ALL
            .into_iter()
            .filter(|s| deep.get() || !s.is_deep())
            .map(|s| {
                let href = Route::Review(id.clone(), s).href();
                view! {
                    <li>
                        <a href=href aria-current=move || (section.get() == s).then_some("page")>
                            {s.label()}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="section-nav" aria-label="Sections of this review">
            <ul>{links}</ul>
        </nav>
    }
}

#[component]
pub fn NotFoundPage(path: String) -> impl IntoView {
    view! {
        <div class="page-message">
            <h1>"Nothing here"</h1>
            <p>"Debrief has no page at \u{201c}" {path} "\u{201d}."</p>
            <p><a href=Route::Library.href()>"Go to all reviews"</a></p>
        </div>
    }
}
