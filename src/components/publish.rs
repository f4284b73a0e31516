//! Sharing and exporting a review: the pre-publish check, report and Markdown downloads for
//! either audience, JSON, and a link that carries the review in its fragment.

use super::redactions::{RedactionEdit, RedactionList};
use super::section_parts::{Guidance, UndoRemoval};
use crate::browser;
use crate::files::copy_to_clipboard;
use crate::session::{ReviewSession, TranscriptSession};
use crate::zones::BROWSER_ZONES;

use debrief_core::exchange::share::encode_share_fragment;
use debrief_core::model::Review;
use debrief_core::render::html::render_html_report_with_transcripts;
use debrief_core::render::markdown::render_markdown;
use debrief_core::render::public::{prepublish_check, public_view, PrivateLooking};
use debrief_core::render::scrub::Replacement;
use debrief_core::render::{Audience, RenderOptions};
use leptos::prelude::*;

fn options(audience: Audience) -> RenderOptions {
    RenderOptions {
        audience,
        generated_at: browser::now(),
    }
}

#[component]
pub fn PublishPanel() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let chat = expect_context::<TranscriptSession>();
    let check = Memo::new(move |_| session.document.with(prepublish_check));
    let problem = RwSignal::new(None::<String>);
    let download = move |audience: Audience, markdown: bool| {
        let (name, mime, text) = session.document.with_untracked(|review| {
            // A public file is named from the public title: a redacted customer or host
            // name must not travel in the name of the attachment.
            let stem = if audience == Audience::Public {
                browser::file_slug(public_view(review).display_title())
            } else {
                browser::file_slug(review.display_title())
            };
            let variant = if audience == Audience::Public {
                "-public"
            } else {
                ""
            };
            if markdown {
                (
                    format!("{stem}{variant}.md"),
                    "text/markdown",
                    render_markdown(review, &BROWSER_ZONES, &options(audience)),
                )
            } else {
                (
                    format!("{stem}{variant}.html"),
                    "text/html",
                    // Only the internal report draws participation from the transcripts;
                    // the public one never receives them.
                    render_html_report_with_transcripts(
                        review,
                        chat.ready_untracked()
                            .as_deref()
                            .filter(|_| audience == Audience::Internal),
                        &BROWSER_ZONES,
                        &options(audience),
                    ),
                )
            }
        });
        if !browser::download(&name, mime, &text) {
            problem.set(Some("The browser refused the download.".to_owned()));
        }
    };
    view! {
        <section class="panel" aria-labelledby="publish-heading">
            <h2 id="publish-heading">"Share and export"</h2>
            <Guidance>
                <p>
                    "The internal report has everything. The public report keeps only what you marked public, names people by their role (\u{201c}On-call engineer\u{201d}), and applies the redactions below. Reports are single HTML files with no script: they open from e-mail, a wiki or a file share, and can be dropped back into Debrief."
                </p>
            </Guidance>
            <h3>"Before publishing"</h3>
            <ul class="check-list">
                {move || check.with(|c| c.removed.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view())}
            </ul>
            <EverythingPublic />
            <PrivateFindings flagged=Signal::derive(move || check.with(|c| c.flagged.clone())) />
            <Replacements replacements=Signal::derive(move || check.with(|c| c.replacements.clone())) />
            <Redactions />
            <h3>"Download"</h3>
            <div class="entry-actions">
                <button type="button" class="primary" on:click=move |_| download(Audience::Internal, false)>"Internal report (HTML)"</button>
                <button type="button" on:click=move |_| download(Audience::Public, false)>"Public report (HTML)"</button>
                <button type="button" on:click=move |_| download(Audience::Internal, true)>"Internal Markdown"</button>
                <button type="button" on:click=move |_| download(Audience::Public, true)>"Public Markdown"</button>
                <button type="button" on:click=move |_| { session.download_json(); }>"Review as JSON"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="hint error" role="alert">{p}</p> })}
            <ShareLink />
        </section>
    }
}

/// For teams that publish whole reviews: everything public in one step, with Undo. The
/// checks around it still run on the result.
#[component]
fn EverythingPublic() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let internal = Memo::new(move |_| session.document.with(Review::internal_entries));
    let make_public = move |_| {
        let n = internal.get_untracked();
        session.change_with_undo(
            format!(
                "Made {n} {} public.",
                if n == 1 { "entry" } else { "entries" }
            ),
            |review| {
                let before = review.make_everything_public();
                (before.changed() > 0).then(|| {
                    Box::new(move |review: &mut Review| review.restore_marks(&before))
                        as Box<dyn Fn(&mut Review) + Send + Sync>
                })
            },
        );
    };
    view! {
        <div class="everything-public">
            <p class="hint">
                {move || match internal.get() {
                    0 => "Every event, hypothesis, contributing factor and learning is public.".to_owned(),
                    1 => "1 event, hypothesis, factor or learning is internal.".to_owned(),
                    n => format!("{n} events, hypotheses, factors and learnings are internal."),
                }}
                " Interview quotes are published one by one, from the interview. Names and redactions are replaced whatever is public."
            </p>
            <Show when=move || { internal.get() > 0 }>
                <button type="button" on:click=make_public>"Make everything in this review public"</button>
            </Show>
            <UndoRemoval />
        </div>
    }
}

/// What in a public version still looks private, or that nothing does.
#[component]
pub fn PrivateFindings(#[prop(into)] flagged: Signal<Vec<PrivateLooking>>) -> impl IntoView {
    move || {
        flagged.with(|flagged| {
            if flagged.is_empty() {
                return view! { <p class="derived">"Nothing in the public version looks private."</p> }.into_any();
            }
            let n = flagged.len();
            view! {
                <div class="banner banner-warning" role="status">
                    <p><strong>{format!("{n} thing{} in the public version still look{} private:", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" })}</strong></p>
                    <ul>
                        {flagged.iter().map(|f| view! {
                            <li>{format!("{} \u{2014} {}: \u{201c}{}\u{201d}", f.field, f.kind.label(), f.excerpt)}</li>
                        }).collect_view()}
                    </ul>
                    <p>"Edit those fields, mark the entry internal, or add a redaction below."</p>
                </div>
            }
            .into_any()
        })
    }
}

/// How many replacements are listed before "Show all".
const REPLACEMENTS_SHOWN: usize = 40;

/// Every name and term the public version replaces, in its sentence, each with a way to
/// keep it as written there ("AN" is someone's initials, and also a word).
#[component]
fn Replacements(#[prop(into)] replacements: Signal<Vec<Replacement>>) -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let show_all = RwSignal::new(false);
    let toggle = move |replacement: &Replacement| {
        let decision = replacement.keep_decision();
        let keep = !replacement.kept;
        session.edit(move |r| {
            r.kept_as_written.retain(|k| *k != decision);
            if keep {
                r.kept_as_written.push(decision);
            }
        });
    };
    move || {
        let all = replacements.get();
        if all.is_empty() {
            return view! { <p class="derived">"The public version replaces no names or terms."</p> }.into_any();
        }
        let total = all.len();
        let shown = if show_all.get() {
            total
        } else {
            total.min(REPLACEMENTS_SHOWN)
        };
        view! {
            <section class="replacements" aria-labelledby="replacements-heading">
                <h4 id="replacements-heading">{format!("What the public version replaces ({total})")}</h4>
                <p class="hint">"Names become roles and redaction terms their replacement. Read each in its sentence: where a word only looks like a name, keep it as written there."</p>
                <ul class="replacement-list">
                    {all.into_iter().take(shown).map(|replacement| {
                        let (before, found, after) = split_at_found(&replacement.sentence, &replacement.found);
                        let label = if replacement.kept {
                            format!("Replace \u{201c}{}\u{201d} in: {}", replacement.found, replacement.sentence)
                        } else {
                            format!("Keep \u{201c}{}\u{201d} as written in: {}", replacement.found, replacement.sentence)
                        };
                        let outcome = if replacement.kept {
                            "kept as written".to_owned()
                        } else {
                            format!("\u{2192} \u{201c}{}\u{201d}", replacement.replacement)
                        };
                        let kept = replacement.kept;
                        let button = if kept { "Replace it" } else { "Keep as written" };
                        view! {
                            <li class:kept=kept>
                                <q>{before}<mark>{found}</mark>{after}</q>
                                " "<span class="replacement-outcome">{outcome}</span>" "
                                <button type="button" aria-label=label on:click=move |_| toggle(&replacement)>{button}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(total > shown).then(|| view! {
                    <button type="button" on:click=move |_| show_all.set(true)>{format!("Show all {total}")}</button>
                })}
            </section>
        }
        .into_any()
    }
}

/// `sentence` split around the first place it has `found` (as written), for marking it.
fn split_at_found(sentence: &str, found: &str) -> (String, String, String) {
    match sentence.find(found) {
        Some(at) => (
            sentence[..at].to_owned(),
            found.to_owned(),
            sentence[at + found.len()..].to_owned(),
        ),
        None => (sentence.to_owned(), String::new(), String::new()),
    }
}

/// The review's own list of term → replacement, applied to the public version.
#[component]
fn Redactions() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    view! {
        <RedactionList
            list=Signal::derive(move || session.document.with(|r| r.redactions.clone()))
            on_edit=move |edit: RedactionEdit| session.edit(|r| edit.apply(&mut r.redactions))
        />
    }
}

/// A link that carries the review (compressed, in the part of the address browsers never
/// send to a server).
#[component]
fn ShareLink() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let public = RwSignal::new(true);
    let link = RwSignal::new(None::<Result<String, String>>);
    let copied = RwSignal::new(false);
    let make = move |_| {
        copied.set(false);
        let result = session.document.with_untracked(|review| {
            let shared = if public.get_untracked() {
                public_view(review)
            } else {
                review.clone()
            };
            encode_share_fragment(&shared)
        });
        let base = window().location().href().unwrap_or_default();
        let base = base.split('#').next().unwrap_or_default().to_owned();
        link.set(Some(
            result
                .map(|fragment| format!("{base}{fragment}"))
                .map_err(|e| e.to_string()),
        ));
    };
    let copy = move |_| {
        if let Some(Ok(url)) = link.get_untracked() {
            leptos::task::spawn_local(async move {
                copied.set(copy_to_clipboard(&url).await);
            });
        }
    };
    view! {
        <h3>"Share link"</h3>
        <p class="hint">"Anyone with the link sees a read-only preview and can save it to their own workbook. The review travels inside the link itself; no server sees it."</p>
        <div class="entry-actions">
            <label class="inline-check">
                <input type="checkbox" prop:checked=move || public.get() on:change=move |ev| public.set(event_target_checked(&ev)) />
                " Share the public version"
            </label>
            <button type="button" on:click=make>"Create link"</button>
        </div>
        {move || link.get().map(|result| match result {
            Ok(url) => view! {
                <div class="share-result">
                    <label for="share-url">"Link"</label>
                    <input id="share-url" type="text" readonly prop:value=url.clone() on:focus=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.select();
                    } />
                    <button type="button" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy link" }}</button>
                    <p class="hint">{format!("{} characters.", url.chars().count())}</p>
                </div>
            }.into_any(),
            Err(message) => view! { <p class="hint error" role="alert">{message}</p> }.into_any(),
        })}
    }
}
