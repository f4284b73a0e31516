//! Participation: who was talking when, who joined and stayed silent, when alerts piled up,
//! which teams carried the load, and what hour it was for each person. Drawn by
//! `debrief-core` from the review's transcripts and people; this only picks the settings.

use super::chat::loaded_transcripts;
use super::fields::SelectField;
use super::zone_choice::ZoneChoice;
use crate::routing::{Route, Section};
use crate::session::{ReviewSession, TranscriptSession};
use crate::zones::BROWSER_ZONES;
use chrono::TimeDelta;
use debrief_core::analysis::participation::{
    default_settings, message_range, participation, ParticipationSettings, SHOWN_QUIET_GAPS,
};
use debrief_core::analysis::participation_chart::{
    render_activity_heatmap_svg, render_participation_svg, GroupBy, ParticipationChartOptions,
};
use debrief_core::model::Timestamp;
use debrief_core::text::count;
use debrief_core::time::{format_duration, format_instant, Zone};
use leptos::prelude::*;

/// Bar lengths offered, in minutes.
const BUCKETS: [i64; 8] = [1, 5, 10, 15, 30, 60, 120, 240];
/// Quiet-gap thresholds offered, in minutes.
const GAPS: [i64; 6] = [5, 10, 15, 30, 60, 120];

fn minutes_label(minutes: i64) -> String {
    match minutes {
        1 => "1 minute".to_owned(),
        m if m < 60 => format!("{m} minutes"),
        60 => "1 hour".to_owned(),
        m => format!("{} hours", m / 60),
    }
}

#[component]
pub fn ParticipationSection() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let chat = expect_context::<TranscriptSession>();
    let transcripts = loaded_transcripts(chat);
    let zone = ZoneChoice::zone_name();
    let defaults = Memo::new(move |_| transcripts.with(|t| message_range(t).map(default_settings)));
    let bucket = RwSignal::new(None::<i64>);
    let gap = RwSignal::new(None::<i64>);
    let group_by = RwSignal::new(GroupBy::Speaker);
    let settings = Memo::new(move |_| {
        let defaults = defaults.get()?;
        Some(ParticipationSettings {
            bucket: bucket.get().map_or(defaults.bucket, TimeDelta::minutes),
            quiet_gap: gap.get().map_or(defaults.quiet_gap, TimeDelta::minutes),
        })
    });
    // People's names, teams and zones feed the figures, so edits there count; typing in a
    // summary does not redraw anything because the people list is compared first.
    let people = Memo::new(move |_| {
        session.document.with(|r| {
            (
                r.people.clone(),
                r.incident.time_zone.clone(),
                r.impact.windows.clone(),
            )
        })
    });
    let figures = Memo::new(move |_| {
        let settings = settings.get()?;
        people.track();
        Some(transcripts.with(|t| {
            session
                .document
                .with_untracked(|r| participation(r, t, &BROWSER_ZONES, &settings))
        }))
    });
    let chart = move |heatmap: bool| {
        figures.with(|f| {
            f.as_ref().map(|p| {
                let options = ParticipationChartOptions {
                    width: 960,
                    id_prefix: if heatmap { "hours" } else { "volume" }.to_owned(),
                    zone_label: p.zone.clone(),
                    group_by: group_by.get(),
                };
                if heatmap {
                    render_activity_heatmap_svg(p, &options)
                } else {
                    session
                        .document
                        .with_untracked(|r| render_participation_svg(r, p, &options))
                }
            })
        })
    };
    let bucket_options: Vec<(Option<i64>, String)> =
        std::iter::once((None, "Automatic".to_owned()))
            .chain(BUCKETS.iter().map(|m| (Some(*m), minutes_label(*m))))
            .collect();
    let gap_options: Vec<(Option<i64>, String)> =
        std::iter::once((None, "15 minutes (default)".to_owned()))
            .chain(GAPS.iter().map(|m| (Some(*m), minutes_label(*m))))
            .collect();
    let chat_href = move || Route::Review(session.id(), Section::Chat).href();
    view! {
        <section class="panel" aria-labelledby="participation-heading">
            <h2 id="participation-heading">"Participation"</h2>
            <p class="hint">
                "From the chat transcript: who was talking when, who joined and stayed quiet, when alerts piled up and which teams carried the load. It shows how the work was spread, not how well anyone did. This appears in the internal report only."
            </p>
            <Show
                when=move || figures.with(Option::is_some)
                fallback=move || view! {
                    <p>"No transcript yet. " <a href=chat_href>"Import the incident channel"</a> " to see who took part when."</p>
                }
            >
                <div class="field-row">
                    <SelectField label="One bar is" options=bucket_options.clone() value=bucket on_change=move |b| bucket.set(b) />
                    <SelectField label="Quiet gaps longer than" options=gap_options.clone() value=gap on_change=move |g| gap.set(g) />
                    <SelectField
                        label="Rows"
                        options=vec![(GroupBy::Speaker, "One per person".to_owned()), (GroupBy::Team, "One per team".to_owned())]
                        value=group_by
                        on_change=move |g| group_by.set(g)
                    />
                </div>
                <div class="chart" inner_html=move || chart(false).unwrap_or_default()></div>
            </Show>
        </section>
        <Show when=move || figures.with(Option::is_some)>
            <Speakers figures=figures zone=zone />
            <section class="panel" aria-labelledby="hours-heading">
                <h2 id="hours-heading">"By hour and weekday"</h2>
                <div class="chart" inner_html=move || chart(true).unwrap_or_default()></div>
            </section>
            <QuietGaps figures=figures zone=zone />
        </Show>
    }
}

type Figures = Memo<Option<debrief_core::analysis::participation::Participation>>;

/// A time on `zone`'s clock; the date only when it is not `day` (the transcript's first day),
/// so a column of times from one night reads as times.
fn clock(at: Option<Timestamp>, zone: &str, day: &str) -> String {
    at.map(|at| {
        let local = format_instant(&at, &Zone::find_or_utc(&BROWSER_ZONES, zone));
        if local.date == day {
            local.time
        } else {
            format!("{} {}", local.date, local.time)
        }
    })
    .unwrap_or_else(|| "\u{2014}".to_owned())
}

/// The transcript's first day on `zone`'s clock.
fn first_day(p: &debrief_core::analysis::participation::Participation, zone: &str) -> String {
    p.range
        .map(|(start, _)| format_instant(&start, &Zone::find_or_utc(&BROWSER_ZONES, zone)).date)
        .unwrap_or_default()
}

#[component]
fn Speakers(figures: Figures, zone: Signal<String>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    view! {
        <section class="panel" aria-labelledby="speakers-heading">
            <h2 id="speakers-heading">"Who took part"</h2>
            {move || {
                let unlinked = figures.with(|f| f.as_ref().is_some_and(|p| p.speakers.iter().any(|s| s.person.is_none())));
                unlinked.then(|| view! {
                    <p class="hint">
                        "Some authors are not linked to anyone in People, so their role, team, tenure and own time zone are unknown here. "
                        <a href=Route::Review(session.id(), Section::Chat).href()>"Link authors under Chat transcript"</a>
                        "."
                    </p>
                })
            }}
            <p class="hint">{move || figures.with(|f| f.as_ref().map(|p| format!("Times on the {} clock, on {} unless a date is shown.", zone.get(), first_day(p, &zone.get()))))}</p>
            <div class="table-scroll">
                <table class="preview speakers">
                    <thead>
                        <tr>
                            <th scope="col">"Person"</th>
                            <th scope="col">"Role and team"</th>
                            <th scope="col" class="num">"Tenure"</th>
                            <th scope="col">"Joined"</th>
                            <th scope="col">"First message"</th>
                            <th scope="col">"Last message"</th>
                            <th scope="col" class="num">"Messages"</th>
                            <th scope="col" class="num">"Share"</th>
                            <th scope="col" class="num">"In their night"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || figures.with(|f| f.as_ref().map(|p| {
                            let zone = zone.get();
                            let day = first_day(p, &zone);
                            p.speakers.iter().map(|s| {
                                let roles = s.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
                                let team = s.team.clone().unwrap_or_default();
                                let role_team = [roles, team].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" \u{b7} ");
                                view! {
                                    <tr class:quiet-row=s.only_joined>
                                        <th scope="row">
                                            {s.name.clone()}
                                            {s.only_joined.then(|| view! { " " <span class="badge">"joined, never wrote"</span> })}
                                            {s.person.is_none().then(|| view! { " " <span class="badge">"not in People"</span> })}
                                        </th>
                                        <td>{role_team}</td>
                                        <td class="num">{s.tenure_months.map(|m| format!("{m} mo"))}</td>
                                        <td class="nowrap">{clock(s.joined_at, &zone, &day)}</td>
                                        <td class="nowrap">{clock(s.first_message, &zone, &day)}</td>
                                        <td class="nowrap">{clock(s.last_message, &zone, &day)}</td>
                                        <td class="num">{s.messages}</td>
                                        <td class="num">{format!("{:.0}%", s.share * 100.0)}</td>
                                        <td class="num" title=format!("22:00\u{2013}06:00 in {}", s.night_zone)>{s.night_messages}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }))}
                    </tbody>
                </table>
            </div>
            <p class="hint">"Share counts people's messages only (not alerts, joins or channel notices). Night is 22:00\u{2013}06:00 on each person's own clock (their zone in People, else the incident's)."</p>
        </section>
    }
}

#[component]
fn QuietGaps(figures: Figures, zone: Signal<String>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="gaps-heading">
            <h2 id="gaps-heading">"Quiet gaps"</h2>
            {move || figures.with(|f| f.as_ref().map(|p| {
                let zone = zone.get();
                let day = first_day(p, &zone);
                if p.quiet_gaps.is_empty() {
                    return view! { <p>{format!("Nobody was silent for longer than {}.", format_duration(p.quiet_gap))}</p> }.into_any();
                }
                // The longest ones, as the chart draws them; a month holds hundreds.
                let (longest, shorter) = p.longest_quiet_gaps(SHOWN_QUIET_GAPS);
                view! {
                    {(shorter > 0).then(|| view! {
                        <p class="hint">{format!("The {} longest of {} gaps over {}, in time order; the chart marks these.", longest.len(), p.quiet_gaps.len(), format_duration(p.quiet_gap))}</p>
                    })}
                    <ul class="gap-list">
                        {longest.into_iter().map(|g| view! {
                            <li>
                                {format!("{} \u{2013} {}: {} without a message from people", clock(Some(g.start), &zone, &day), clock(Some(g.end), &zone, &day), format_duration(g.length))}
                                {(g.alerts > 0).then(|| format!(", while {} fired", count(g.alerts, "alert", "alerts")))}
                            </li>
                        }).collect_view()}
                    </ul>
                    {(shorter > 0).then(|| view! {
                        <p>{format!("and {}.", count(shorter, "shorter gap", "shorter gaps"))}</p>
                    })}
                }.into_any()
            }))}
        </section>
    }
}
