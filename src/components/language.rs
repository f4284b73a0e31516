//! The blameless-language check: hints under the field where a phrase was typed, and a panel
//! listing every finding in the review. It nudges and never blocks; a dismissed finding stays
//! dismissed while that phrase stays in that field.

use super::section_parts::Guidance;
use crate::routing::{navigate, Route, Section};
use crate::session::ReviewSession;
use debrief_core::analysis::language::{check_field, check_review, dismissal, LanguageFinding};
use debrief_core::model::DismissedFinding;
use debrief_core::text::count;
use leptos::prelude::*;

/// Findings listed at first, and added with each "Show more": a review with a thousand
/// findings opens at once, and the first ones are the ones to start with anyway.
const FINDINGS_PER_PAGE: usize = 50;

/// Where a field lives, from its key ("timeline/<id>/text" → the timeline).
fn section_of(key: &str) -> Section {
    match key.split('/').next().unwrap_or_default() {
        "timeline" => Section::Timeline,
        "hypothesis" => Section::Hypotheses,
        "factor" => Section::Factors,
        "learning" => Section::Learnings,
        "interview" => Section::Interviews,
        "action" => Section::Actions,
        "person" => Section::People,
        _ => Section::Overview,
    }
}

/// The phrase with up to `around` characters either side, cut on char boundaries.
fn in_context(text: &str, start: usize, end: usize, around: usize) -> (String, String, String) {
    let before: String = text[..start]
        .chars()
        .rev()
        .take(around)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[end..].chars().take(around).collect();
    let lead = if before.len() < start { "\u{2026}" } else { "" };
    let tail = if after.len() < text.len() - end {
        "\u{2026}"
    } else {
        ""
    };
    (
        format!("{lead}{before}"),
        text[start..end].to_owned(),
        format!("{after}{tail}"),
    )
}

fn dismiss(session: ReviewSession, dismissed: DismissedFinding) {
    session.edit(|r| {
        if !r.dismissed_findings.contains(&dismissed) {
            r.dismissed_findings.push(dismissed);
        }
    });
}

/// Findings in one field, shown right under it.
#[component]
pub fn LanguageHints(
    #[prop(into)] field: String,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let key = field.clone();
    let findings = Memo::new(move |_| {
        let text = text.get();
        session.document.with(|r| {
            check_field(&r.dismissed_findings, &key, &text)
                .into_iter()
                .map(|f| (text[f.start..f.end].to_owned(), f.rule))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !findings.with(Vec::is_empty)>
            <ul class="language-hints" aria-label="Language suggestions">
                <For
                    each=move || findings.get()
                    key=|item| item.clone()
                    children={
                        let field = field.clone();
                        move |(phrase, rule)| {
                            let dismissed = DismissedFinding { field: field.clone(), phrase: phrase.to_lowercase() };
                            view! {
                                <li>
                                    <mark>{phrase.clone()}</mark>
                                    " \u{2014} " {rule.suggestion()}
                                    <button
                                        type="button"
                                        class="link-button"
                                        aria-label=format!("Keep \u{201c}{phrase}\u{201d} as written")
                                        on:click=move |_| dismiss(session, dismissed.clone())
                                    >"Keep as written"</button>
                                </li>
                            }
                        }
                    }
                />
            </ul>
        </Show>
    }
}

#[component]
pub fn LanguagePanel() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let findings = Memo::new(move |_| session.document.with(check_review));
    let dismissed = Memo::new(move |_| session.document.with(|r| r.dismissed_findings.clone()));
    let listed = RwSignal::new(FINDINGS_PER_PAGE);
    let more = move || {
        let total = findings.with(Vec::len);
        let listed = listed.get();
        (total > listed).then(|| (FINDINGS_PER_PAGE.min(total - listed), total))
    };
    let summary = move || {
        let (phrases, fields) = findings.with(|f| {
            let mut keys: Vec<&str> = f.iter().map(|f| f.field.key.as_str()).collect();
            keys.dedup();
            (f.len(), keys.len())
        });
        match phrases {
            0 => "No phrases to look at. Nothing here blocks publishing either way.".to_owned(),
            1 => "One phrase to look at.".to_owned(),
            n => format!(
                "{n} phrases to look at, in {}.",
                count(fields, "field", "fields")
            ),
        }
    };
    view! {
        <section class="panel" aria-labelledby="language-heading">
            <h2 id="language-heading">"Language"</h2>
            <Guidance>
                <p>
                    "Some words close an inquiry instead of opening it: counterfactuals (\u{201c}should have\u{201d}), blame, \u{201c}human error\u{201d}, \u{201c}root cause\u{201d}, and words that make hard work sound easy. Each suggestion asks a question that keeps the review learning. Quotes from interviews are never checked: they are people\u{2019}s own words."
                </p>
            </Guidance>
            <p class="derived" role="status">{summary}</p>
            <ul class="findings">
                <For
                    each={move || findings.with(|all| all.iter().take(listed.get()).cloned().enumerate().collect::<Vec<_>>())}
                    key=|(_, f)| (f.field.key.clone(), f.start, f.phrase.clone())
                    children={move |(number, finding)| view! { <FindingItem finding=finding number={number + 1} /> }}
                />
            </ul>
            {move || more().map(|(next, total)| view! {
                <button type="button" on:click=move |_| listed.update(|n| *n += FINDINGS_PER_PAGE)>
                    {format!("Show {next} more (of {total})")}
                </button>
            })}
            <Show when=move || !dismissed.with(Vec::is_empty)>
                <details class="dismissed">
                    <summary>{move || format!("Kept as written ({})", dismissed.with(Vec::len))}</summary>
                    <ul>
                        <For
                            each=move || dismissed.get()
                            key=|d| d.clone()
                            children=move |d| {
                                let label = format!("\u{201c}{}\u{201d} in {}", d.phrase, d.field);
                                let restore = d.clone();
                                view! {
                                    <li>
                                        <span>{label.clone()}</span>
                                        <button
                                            type="button"
                                            aria-label=format!("Check {label} again")
                                            on:click=move |_| {
                                                let restore = restore.clone();
                                                session.edit(|r| r.dismissed_findings.retain(|x| *x != restore));
                                            }
                                        >"Check again"</button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </details>
            </Show>
        </section>
    }
}

#[component]
fn FindingItem(finding: LanguageFinding, number: usize) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let (before, phrase, after) = in_context(&finding.text, finding.start, finding.end, 50);
    let section = section_of(&finding.field.key);
    let dismissed = dismissal(&finding);
    let label = finding.field.label.clone();
    let go = move |_| navigate(&Route::Review(session.id(), section));
    view! {
        <li class="finding">
            <p class="finding-where"><strong>{format!("{number}. {label}")}</strong> " \u{b7} " {finding.rule.label()}</p>
            <blockquote>{before}<mark>{phrase.clone()}</mark>{after}</blockquote>
            <p>{finding.rule.explanation()}</p>
            <p class="suggestion">{finding.rule.suggestion()}</p>
            <div class="entry-actions">
                <button type="button" on:click=go aria-label=format!("Go to {label} in {}", section.label())>
                    {format!("Go to {}", section.label())}
                </button>
                <button
                    type="button"
                    aria-label=format!("Keep \u{201c}{phrase}\u{201d} in {label} as written")
                    on:click=move |_| dismiss(session, dismissed.clone())
                >"Keep as written"</button>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::in_context;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn context_is_cut_on_char_boundaries() {
        let text = "Zoë said we should have rolled back";
        let start = text.find("should have").unwrap();
        let (before, phrase, after) = in_context(text, start, start + 11, 5);
        assert_eq!(phrase, "should have");
        assert_eq!(before, "\u{2026}d we ");
        assert_eq!(after, " roll\u{2026}");
    }
}
