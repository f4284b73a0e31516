//! What is counted across the covered incidents, each figure with links to the reviews
//! behind it. Computed by `debrief-core` (`meta::meta_figures`); this only lays it out.

use super::same_people::SamePeople;
use super::{CoverageInputs, Labels};
use crate::browser;
use crate::routing::Route;
use crate::session::MetaSession;
use crate::zones::BROWSER_ZONES;
use debrief_core::meta::figures::{meta_figures, MetaFigures, Recurring, Tally, YesNoUnknown};
use debrief_core::meta::IncidentLabels;
use debrief_core::model::ReviewId;
use debrief_core::text::count;
use debrief_core::time::format_duration;
use leptos::prelude::*;

#[component]
pub fn Figures() -> impl IntoView {
    let session = expect_context::<MetaSession>();
    let inputs = expect_context::<CoverageInputs>().0;
    let figures = Memo::new(move |_| {
        let today = browser::now().date_naive();
        inputs.with(|meta| {
            session
                .reviews()
                .with(|reviews| meta_figures(meta, reviews, &BROWSER_ZONES, today))
        })
    });
    let links = review_links(expect_context::<Labels>().0);
    // The reviews behind a count fold under it, so tables stay short.
    let which = move |ids: Vec<ReviewId>| {
        let covering = ids.len();
        if covering == 0 {
            view! { <span class="which-none">"0 incidents"</span> }.into_any()
        } else {
            view! {
                <details class="which">
                    <summary>{count(covering, "incident", "incidents")}</summary>
                    <ul class="review-links">{links(&ids)}</ul>
                </details>
            }
            .into_any()
        }
    };
    let tally_rows = move |tallies: Vec<(String, Vec<ReviewId>, f64)>| {
        tallies
            .into_iter()
            .map(|(label, ids, share)| {
                // The bar has a track of its own beside its percentage, so neither runs
                // into the incidents cell however long the bar.
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        <td class="bar-cell">
                            <span class="bar-track"><span class="bar" style:width=format!("{:.0}%", share * 100.0)></span></span>
                            <span class="bar-label">{format!("{:.0}%", share * 100.0)}</span>
                        </td>
                        <td>{which(ids)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let table = move |caption: &'static str,
                      first: &'static str,
                      rows: Vec<(String, Vec<ReviewId>, f64)>| {
        view! {
            <table class="figure">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{first}</th><th scope="col">"Share"</th><th scope="col">"Incidents"</th></tr></thead>
                <tbody>{tally_rows(rows)}</tbody>
            </table>
        }
    };
    view! {
        <section class="panel" aria-labelledby="figures-heading">
            <h2 id="figures-heading">"Across the incidents"</h2>
            {move || figures.with(|f| {
                if f.covered.is_empty() {
                    return view! { <p class="empty">"Pick reviews above to see what they share."</p> }.into_any();
                }
                let total = f.covered.len();
                view! {
                    <p class="derived">{format!("Counted over {}; times on the {} clock.", count(total, "incident", "incidents"), f.time_zone)}</p>
                    <div class="figures">
                        {table("What triggered them", "Trigger", f.triggers.iter().map(|t| (t.key.label().to_owned(), t.reviews.clone(), t.share)).collect())}
                        {table("Contributing factors by category", "Category", f.factor_categories.iter().map(|c| (format!("{} ({})", c.category.label(), count(c.factors, "factor", "factors")), c.reviews.clone(), c.share)).collect())}
                        {table("Environments affected", "Environment", tallies(&f.environments, |k| k.clone()))}
                        {table("Did customers feel it?", "Answer", yes_no(&f.customer_facing, total, "Customer-facing", "Not customer-facing"))}
                        {table("Caught before production?", "Answer", yes_no(&f.caught_before_production, total, "Caught before production", "Reached production"))}
                        {table("Incidents by month", "Month", f.by_month.iter().map(|t| (t.key.clone(), t.reviews.clone(), t.share)).collect())}
                        {table("By weekday of the start", "Weekday", tallies(&f.by_weekday, |k| k.to_string()))}
                        {table("By hour of the start", "Hour", tallies(&f.by_hour, |k| format!("{k:02}:00")))}
                    </div>
                    <Durations figures=f.clone() which=which />
                    <h3>"Hypotheses"</h3>
                    <p>{format!(
                        "{} hypotheses across the incidents, {} of them falsified; {} spent holding hypotheses that turned out wrong.",
                        f.hypotheses.total, f.hypotheses.falsified, format_duration(f.hypotheses.time_on_falsified)
                    )}</p>
                    <div class="figures">
                        <RecurringTable caption="People in more than one incident" rows=f.people.clone() />
                        <RecurringTable caption="Teams" rows=f.teams.clone() />
                        <RecurringTable caption="Services" rows=f.services.clone() />
                    </div>
                    <SamePeople people=f.people.clone() />
                    <h3>"Action items"</h3>
                    <table class="figure">
                        <caption>"Action items of the covered reviews, by kind"</caption>
                        <thead><tr><th scope="col">"Kind"</th><th scope="col" class="num">"Open"</th><th scope="col" class="num">"Overdue"</th><th scope="col" class="num">"Done"</th><th scope="col" class="num">"Won\u{2019}t do"</th></tr></thead>
                        <tbody>
                            {f.actions.by_kind.iter().filter(|(_, c)| c.total() > 0).map(|(kind, c)| view! {
                                <tr><th scope="row">{kind.label()}</th><td class="num">{c.open.len()}</td><td class="num">{c.overdue.len()}</td><td class="num">{c.done.len()}</td><td class="num">{c.wont_do.len()}</td></tr>
                            }).collect_view()}
                            <tr class="total"><th scope="row">"All"</th><td class="num">{f.actions.all.open.len()}</td><td class="num">{f.actions.all.overdue.len()}</td><td class="num">{f.actions.all.done.len()}</td><td class="num">{f.actions.all.wont_do.len()}</td></tr>
                        </tbody>
                    </table>
                    <table class="figure">
                        <caption>"Deep-analysis criteria met"</caption>
                        <thead><tr><th scope="col">"Criterion"</th><th scope="col">"Share"</th><th scope="col">"Incidents"</th></tr></thead>
                        <tbody>{tally_rows(f.deep_analysis.by_criterion.iter().filter(|t| t.count() > 0).map(|t| (t.key.label().to_owned(), t.reviews.clone(), t.share)).collect())}</tbody>
                    </table>
                }.into_any()
            })}
        </section>
    }
}

fn tallies<K>(all: &[Tally<K>], label: impl Fn(&K) -> String) -> Vec<(String, Vec<ReviewId>, f64)> {
    all.iter()
        .filter(|t| t.count() > 0)
        .map(|t| (label(&t.key), t.reviews.clone(), t.share))
        .collect()
}

fn yes_no(
    answers: &YesNoUnknown,
    total: usize,
    yes: &str,
    no: &str,
) -> Vec<(String, Vec<ReviewId>, f64)> {
    let share = |ids: &Vec<ReviewId>| {
        if total == 0 {
            0.0
        } else {
            ids.len() as f64 / total as f64
        }
    };
    [
        (yes, &answers.yes),
        (no, &answers.no),
        ("Not recorded", &answers.unknown),
    ]
    .into_iter()
    .filter(|(_, ids)| !ids.is_empty())
    .map(|(label, ids)| (label.to_owned(), ids.clone(), share(ids)))
    .collect()
}

/// Links to the reviews behind a count, each named by its label.
fn review_links(labels: Memo<IncidentLabels>) -> impl Fn(&[ReviewId]) -> AnyView + Copy {
    move |ids: &[ReviewId]| {
        labels.with_untracked(|labels| {
            ids.iter()
                .map(|id| {
                    view! { <li><a href=Route::review(id.clone()).href()>{labels.text(id)}</a></li> }
                })
                .collect_view()
                .into_any()
        })
    }
}

#[component]
fn Durations(
    figures: MetaFigures,
    /// The incidents behind a count, folded under it.
    which: impl Fn(Vec<ReviewId>) -> AnyView + Copy + Send + 'static,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
        <table class="figure">
            <caption>"How long they took (spread across incidents, not just an average)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Measure"</th>
                    <th scope="col" class="num">"Shortest"</th>
                    <th scope="col" class="num">"Lower quarter"</th>
                    <th scope="col" class="num">"Median"</th>
                    <th scope="col" class="num">"Upper quarter"</th>
                    <th scope="col" class="num">"Longest"</th>
                    <th scope="col">"Not known for"</th>
                </tr>
            </thead>
            <tbody>
                {figures.durations.iter().map(|d| {
                    let cells = match d.summary {
                        Some(s) => [s.min, s.lower_quartile, s.median, s.upper_quartile, s.max].map(format_duration),
                        None => std::array::from_fn(|_| "\u{2014}".to_owned()),
                    };
                    view! {
                        <tr>
                            <th scope="row">{d.metric.label()}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            <td>{which(d.missing.clone())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn RecurringTable(caption: &'static str, rows: Vec<Recurring>) -> impl IntoView {
    let shown: Vec<Recurring> = rows.into_iter().filter(|r| r.recurring).collect();
    let empty = shown.is_empty();
    view! {
        <table class="figure">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">"Name"</th><th scope="col" class="num">"Incidents"</th><th scope="col">"Roles"</th><th scope="col" class="num">"Events at night"</th></tr></thead>
            <tbody>
                {shown.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">
                            {r.name.clone()}
                            {(!r.also_spelled.is_empty()).then(|| view! { <span class="hint">{format!(" also spelled {}", r.also_spelled.join(", "))}</span> })}
                        </th>
                        <td class="num">{r.reviews.len()}</td>
                        <td>{r.roles.iter().map(|role| role.label()).collect::<Vec<_>>().join(", ")}</td>
                        <td class="num">{format!("{} of {}", r.night_events, r.events)}</td>
                    </tr>
                }).collect_view()}
                {empty.then(|| view! { <tr><td colspan="4" class="empty">"None in more than one incident."</td></tr> })}
            </tbody>
        </table>
    }
}
