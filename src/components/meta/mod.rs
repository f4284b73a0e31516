//! The meta-review: one page across several incidents. Which reviews it covers, a summary of
//! each, the figures computed across them, and the analyst's themes, what went well, next
//! steps and open questions.

mod export;
mod figures;
mod list;
mod notes;
mod same_people;
mod selection;
mod summaries;

pub use list::MetaReviewsPanel;

use super::banners::{ConflictBanner, SaveControls, SaveFailedBanner, SaveIndicator};
use super::editor::flush_when_leaving;
use super::fields::TextField;
use crate::routing::Route;
use crate::session::{LiveSessions, MetaSession, Workbook};
use crate::storage::OpenError;
use crate::zones::BROWSER_ZONES;
use debrief_core::meta::{
    covered_reviews, IncidentLabels, IncidentSummary, MetaReview, MetaReviewId,
};
use debrief_core::model::ReviewId;
use debrief_core::time::TimeZones;
use export::MetaExport;
use figures::Figures;
use leptos::prelude::*;
use notes::{NextSteps, NoteList, NoteSection};
use selection::SelectionEditor;
use summaries::Summaries;

#[component]
pub fn MetaPage(id: MetaReviewId) -> impl IntoView {
    let workbook = expect_context::<Workbook>();
    let live = expect_context::<LiveSessions<MetaReview>>();
    let opened = RwSignal::new(None::<Result<MetaSession, OpenError>>);
    {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let result = match live.show(&id) {
                Some(session) => Ok(session),
                None => {
                    let store = workbook.store.get_value();
                    MetaSession::read(&store, &id)
                        .await
                        .map(|(stored, reviews)| {
                            live.show(&id).unwrap_or_else(|| {
                                live.insert(id.clone(), move || {
                                    MetaSession::new(store, stored, reviews)
                                })
                            })
                        })
                }
            };
            let _ = opened.try_set(Some(result));
        });
    }
    on_cleanup(move || {
        live.release(&id);
        workbook.reload_metas();
    });
    move || {
        match opened.get() {
        None => view! { <p class="page-message" role="status">"Opening the meta-review\u{2026}"</p> }
            .into_any(),
        Some(Ok(session)) => view! { <OpenMetaEditor session=session /> }.into_any(),
        Some(Err(err)) => view! {
            <div class="page-message">
                <h1>"This meta-review cannot be opened"</h1>
                <p role="alert">{match err {
                    OpenError::NotFound => "There is no meta-review with this address in this browser. It may have been deleted, or created in another browser.".to_owned(),
                    other => other.to_string(),
                }}</p>
                <p><a href=Route::Library.href()>"Back to all reviews"</a></p>
            </div>
        }
        .into_any(),
    }
    }
}

#[component]
fn OpenMetaEditor(session: MetaSession) -> impl IntoView {
    provide_context(session);
    SaveControls::provide(session.saver, "meta-review");
    flush_when_leaving(move || session.flush());
    view! { <MetaEditor session=session /> }
}

/// The ids of the reviews a meta-review covers (in incident order) and of covered ones that
/// are gone, shared by its sections.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoveredIds {
    pub reviews: Vec<ReviewId>,
    pub missing: Vec<ReviewId>,
}

#[derive(Clone, Copy)]
pub struct Coverage(pub Memo<CoveredIds>);

/// How each incident is named on the page (`meta::IncidentLabels`): every link, heading and
/// accessible name that names one reads it from here.
#[derive(Clone, Copy)]
pub struct Labels(pub Memo<IncidentLabels>);

/// The parts of the meta-review its figures are computed from (selection, zone, names merged
/// as one person): figures recompute when these change, not on every keystroke or new
/// summary.
#[derive(Clone, Copy)]
pub struct CoverageInputs(pub Memo<MetaReview>);

/// The meta-review's selection and zone with each summary reduced by `keep`: what a derived
/// view depends on, so typing in a summary does not recompute it.
fn without_summary_text(
    meta: &MetaReview,
    keep: impl Fn(&IncidentSummary) -> IncidentSummary,
) -> MetaReview {
    MetaReview {
        selection: meta.selection.clone(),
        time_zone: meta.time_zone.clone(),
        summaries: meta.summaries.iter().map(keep).collect(),
        ..MetaReview::default()
    }
}

#[component]
fn MetaEditor(session: MetaSession) -> impl IntoView {
    let title = Memo::new(move |_| session.document.with(|m| m.display_title().to_owned()));
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} \u{b7} Meta-review \u{b7} Debrief",
            title.get()
        ))
    });
    on_cleanup(|| document().set_title("Debrief"));
    // Only the selection, the zone and which reviews have summaries decide the coverage;
    // typing in a summary does not recompute it.
    let inputs = Memo::new(move |_| {
        session.document.with(|m| {
            without_summary_text(m, |s| IncidentSummary {
                review: s.review.clone(),
                ..IncidentSummary::default()
            })
        })
    });
    let coverage = Memo::new(move |_| {
        inputs.with(|meta| {
            session.reviews().with(|reviews| {
                let found = covered_reviews(meta, reviews, &BROWSER_ZONES);
                CoveredIds {
                    reviews: found.reviews.iter().map(|r| r.id.clone()).collect(),
                    missing: found.missing,
                }
            })
        })
    });
    provide_context(Coverage(coverage));
    // Labels follow the coverage, the zone and the titles and starts kept for deleted
    // reviews, not the summaries' text.
    let label_inputs = Memo::new(move |_| {
        session.document.with(|m| {
            without_summary_text(m, |s| IncidentSummary {
                text: String::new(),
                ..s.clone()
            })
        })
    });
    let labels = Memo::new(move |_| {
        label_inputs.with(|meta| {
            session
                .reviews()
                .with(|reviews| IncidentLabels::new(meta, reviews, &BROWSER_ZONES))
        })
    });
    provide_context(Labels(labels));
    let figure_inputs = Memo::new(move |_| {
        session.document.with(|m| MetaReview {
            selection: m.selection.clone(),
            time_zone: m.time_zone.clone(),
            same_people: m.same_people.clone(),
            ..MetaReview::default()
        })
    });
    provide_context(CoverageInputs(figure_inputs));
    // Every covered review gets a summary, prefilled from the review: now, before the first
    // drawing (so a new meta-review is not drawn twice), and whenever the coverage changes.
    let sync_summaries = move || {
        let reviews = session.reviews().get_untracked();
        let mut meta = session.document.get_untracked();
        let covered = covered_reviews(&meta, &reviews, &BROWSER_ZONES).reviews;
        if meta.sync_summaries(&covered) {
            session.edit(|m| m.summaries = meta.summaries);
        }
    };
    sync_summaries();
    Effect::new(move |first: Option<()>| {
        coverage.track();
        // Its first run is the coverage just synced above.
        if first.is_some() {
            sync_summaries();
        }
    });
    let zone_problem = RwSignal::new(None::<String>);
    let zone_text = RwSignal::new(session.document.with_untracked(|m| m.time_zone.clone()));
    view! {
        <div class="editor-bar">
            <a class="back" href=Route::Library.href()>"\u{2190} All reviews"</a>
            <SaveIndicator />
            <button type="button" on:click=move |_| { session.download_json(); }>"Download JSON"</button>
        </div>
        <ConflictBanner />
        <SaveFailedBanner />
        <p class="eyebrow">"Meta-review"</p>
        <h1 class="review-title">{move || title.get()}</h1>
        <section class="panel" aria-labelledby="meta-about-heading">
            <h2 id="meta-about-heading">"About this meta-review"</h2>
            <p class="hint">
                "Step back from single incidents: summarise each, classify them, look for what they share (changes at the seams between layers, configuration, rarely run migrations, thinning knowledge), what went well across them, and a few next steps."
            </p>
            <div class="grid">
                <TextField
                    label="Title"
                    value=Signal::derive(move || session.document.with(|m| m.title.clone()))
                    on_input=move |v: String| session.edit(|m| m.title = v)
                    placeholder="Five incidents in ten days, August 2020"
                />
                <div class="field" class:invalid=move || zone_problem.with(Option::is_some)>
                    <label for="meta-zone">"Count days and hours in"</label>
                    <input
                        id="meta-zone"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || zone_text.get()
                        on:input=move |ev| zone_text.set(event_target_value(&ev))
                        on:change=move |_| {
                            let typed = zone_text.get_untracked();
                            match BROWSER_ZONES.canonical_name(typed.trim()) {
                                Some(zone) => {
                                    zone_problem.set(None);
                                    zone_text.set(zone.clone());
                                    session.edit(|m| m.time_zone = zone);
                                }
                                None => zone_problem.set(Some(format!("\u{201c}{typed}\u{201d} is not a time zone this browser knows. Use a name such as Europe/Berlin or UTC."))),
                            }
                        }
                    />
                    <p class="hint" aria-live="polite" class:error=move || zone_problem.with(Option::is_some)>
                        {move || zone_problem.get().unwrap_or_else(|| "Incidents are counted by month, weekday and hour on this clock.".to_owned())}
                    </p>
                </div>
            </div>
        </section>
        <SelectionEditor />
        <Summaries />
        <Figures />
        <NoteSection title="Common factors and themes" hint="What the incidents share. Name the conditions, not the people: changes at seams between layers, configuration code, rarely run procedures, knowledge that left with someone." list=NoteList::Themes />
        <NoteSection title="What went well across incidents" hint="What kept these incidents short or small, worth keeping as the organisation changes." list=NoteList::WentWell />
        <NextSteps />
        <NoteSection title="Open questions" hint="What nobody knows yet, and who might find out." list=NoteList::OpenQuestions />
        <MetaExport />
    }
}
