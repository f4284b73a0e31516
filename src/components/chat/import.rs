//! Bringing a chat transcript in: pick or drop a Slack export, a channel's JSON files, a CSV
//! of alerts or a chat log (or paste one), confirm how it was understood, import. Files are
//! read in the browser; nothing is uploaded. A failure at any step leaves the review and its
//! stored transcripts as they were.

use super::super::fields::{unique_id, SelectField, TimeField};
use crate::browser;
use crate::files::{files_of, read_chat_file};
use crate::session::{ReviewSession, TranscriptSession};
use crate::zones::BROWSER_ZONES;
use debrief_core::import::chat_log::{
    detect_shapes, needs_date, parse_log, preview, LogSettings, LogShape,
};
use debrief_core::import::csv::{guess_mapping, transcript_from_csv, ColumnMapping, CsvTable};
use debrief_core::import::slack::{transcript_from_day_files, SlackExport};
use debrief_core::import::{ImportError, Transcript};
use debrief_core::model::Timestamp;
use debrief_core::text::count;
use debrief_core::triage::import_wizard::{
    imported_summary, ImportStep, ImportWizard, PickedFile, RestorePlan,
};
use debrief_core::triage::{ReviewTranscripts, StoredTranscript};
use leptos::prelude::*;
use std::time::Duration;

/// The import's state, handed to each step: core's [`ImportWizard`] as a signal.
#[derive(Clone, Copy)]
struct Import {
    wizard: RwSignal<ImportWizard>,
}

impl Import {
    fn fail(&self, message: impl Into<String>) {
        self.wizard.update(|w| w.fail(message));
    }

    fn cancel(&self) {
        self.wizard.update(ImportWizard::cancel);
    }

    fn working(&self) -> bool {
        self.wizard.with(ImportWizard::working)
    }

    /// Runs heavy, synchronous reading after the "Reading…" state has painted.
    fn after_paint(&self, work: impl FnOnce() + 'static) {
        self.wizard.update(ImportWizard::reading);
        set_timeout(work, Duration::from_millis(20));
    }

    /// Stores a read transcript with the review's others; the step stays open on failure so
    /// nothing has to be chosen again.
    fn store(&self, chat: TranscriptSession, read: Result<Transcript, ImportError>) {
        let Some(transcript) = self.wizard.try_update(|w| w.read(read)).flatten() else {
            return;
        };
        let wizard = self.wizard;
        let summary = imported_summary(&transcript);
        let stored = StoredTranscript {
            id: browser::new_id(),
            imported_at: browser::now().fixed_offset(),
            transcript,
        };
        leptos::task::spawn_local(async move {
            let result = chat.change(move |set| set.transcripts.push(stored)).await;
            wizard.update(|w| w.stored(result.map(|()| summary)));
        });
    }
}

/// Reads picked or dropped files and moves to the step their kind needs.
fn open_files(import: Import, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    import.wizard.update(ImportWizard::reading_files);
    leptos::task::spawn_local(async move {
        let mut read = Vec::new();
        for file in &files {
            match read_chat_file(file).await {
                Ok(bytes) => read.push(PickedFile {
                    name: file.name(),
                    bytes,
                }),
                Err(problem) => return import.wizard.update(|w| w.file_unreadable(problem)),
            }
        }
        import.wizard.update(|w| w.files_read(read));
    });
}

/// The import panel. Open while the review has no transcript (`first`); afterwards it folds
/// away under "Import another chat", and what the last import did stays in view.
#[component]
pub fn ChatImport(#[prop(into)] first: Signal<bool>) -> impl IntoView {
    let import = Import {
        wizard: RwSignal::new(ImportWizard::default()),
    };
    let wizard = import.wizard;
    // A step under way keeps the panel open whatever `first` says.
    let open = move || first.get() || wizard.with(ImportWizard::in_a_step);
    // A step is drawn again only when it is another step, not when a message changes.
    let step_changes = Memo::new(move |_| wizard.with(ImportWizard::step_changes));
    view! {
        <p class="hint import-status" role="status" aria-live="polite">
            {move || wizard.with(|w| w.status().map(str::to_owned))}
        </p>
        <details class="panel chat-import" prop:open=open>
            <summary>
                <h2 class="inline-heading">{move || if first.get() { "Import chat" } else { "Import another chat" }}</h2>
            </summary>
            {move || {
                // Read, not only tracked: a memo nobody reads is never computed, so never
                // hears of the wizard.
                let _ = step_changes.get();
                match wizard.with_untracked(|w| w.step().clone()) {
                    ImportStep::Choose => view! { <ChooseSource import=import /> }.into_any(),
                    ImportStep::Slack { file, export } => view! { <SlackStep import=import file=file export=*export /> }.into_any(),
                    ImportStep::DayFiles { files } => view! { <DayFilesStep import=import files=files /> }.into_any(),
                    ImportStep::Log { source, text } => view! { <LogStep import=import source=source text=text /> }.into_any(),
                    ImportStep::Csv { file, table } => view! { <CsvStep import=import file=file table=table /> }.into_any(),
                    ImportStep::Restore { file, saved } => view! { <RestoreStep import=import file=file saved=saved /> }.into_any(),
                }
            }}
            {move || wizard.with(|w| w.problem().map(str::to_owned)).map(|p| view! { <p class="error" role="alert">{p}</p> })}
        </details>
    }
}

#[component]
fn ChooseSource(import: Import) -> impl IntoView {
    let input_id = unique_id("chat-file");
    let paste_id = unique_id("chat-paste");
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    view! {
        <p class="hint">
            "A Slack export (.zip), a channel's JSON day files, a CSV of alerts or events, or a chat log as text. Files are read here in the browser; nothing is uploaded. Transcripts stay internal: they never appear in a public report."
        </p>
        <div
            class="drop-zone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                open_files(import, files_of(ev.data_transfer().and_then(|d| d.files())));
            }
        >
            <input
                id=input_id.clone()
                node_ref=input_ref
                class="visually-hidden"
                type="file"
                accept=".zip,.json,.csv,.tsv,.txt,.log,text/plain,text/csv,application/json,application/zip"
                multiple
                on:change=move |_| {
                    if let Some(input) = input_ref.get_untracked() {
                        open_files(import, files_of(input.files()));
                        input.set_value("");
                    }
                }
            />
            <label for=input_id class="button-like">"Import a chat file\u{2026}"</label>
            <span class="hint">" or drop it here"</span>
        </div>
        <div class="field">
            <label for=paste_id.clone()>"Or paste a chat log"</label>
            <textarea
                id=paste_id
                rows="5"
                spellcheck="false"
                placeholder="[2019-11-06 14:03:12] alice: restarting the api pods"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
        </div>
        <button
            type="button"
            disabled=move || pasted.with(|t| t.trim().is_empty())
            on:click=move |_| import.wizard.update(|w| w.pasted(pasted.get_untracked()))
        >
            "Read the pasted log"
        </button>
    }
}

/// The buttons that end a step.
#[component]
fn StepActions(
    import: Import,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] ready: Signal<bool>,
    on_import: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="entry-actions">
            <button
                type="button"
                class="primary"
                disabled=move || !ready.get() || import.working()
                on:click=move |_| on_import.run(())
            >
                {move || label.get()}
            </button>
            <button type="button" on:click=move |_| import.cancel()>
                "Cancel"
            </button>
        </div>
    }
}

/// The incident's zone and its start date: what times without them are read in.
fn incident_clock(session: ReviewSession) -> (String, Option<chrono::NaiveDate>) {
    session.document.with_untracked(|r| {
        (
            r.incident.time_zone.clone(),
            r.incident_date(&BROWSER_ZONES),
        )
    })
}

#[component]
fn SlackStep(import: Import, file: String, export: SlackExport) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let session = expect_context::<ReviewSession>();
    let channels = export.channels().to_vec();
    // One channel: it is the one. Several: the analyst picks; nothing is read until then.
    let picked = RwSignal::new(if channels.len() == 1 {
        vec![channels[0].name.clone()]
    } else {
        Vec::new()
    });
    let from = RwSignal::new(None::<Timestamp>);
    let to = RwSignal::new(None::<Timestamp>);
    let (zone, date) = incident_clock(session);
    let export = StoredValue::new(export);
    let import_now = move |_| {
        let names = picked.get_untracked();
        let (from, to) = (from.get_untracked(), to.get_untracked());
        import.after_paint(move || {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            import.store(chat, export.with_value(|e| e.transcript(&names, from, to)))
        });
    };
    let count = channels.len();
    let names: Vec<String> = channels.iter().map(|c| c.name.clone()).collect();
    let names = StoredValue::new(names);
    // Typing narrows the list shown; picks hidden by it stay picked.
    let narrow = RwSignal::new(String::new());
    let narrow_id = unique_id("channel-filter");
    let matches = move |name: &str| {
        let needle = narrow.with(|n| n.trim().trim_start_matches('#').to_lowercase());
        needle.is_empty() || name.to_lowercase().contains(&needle)
    };
    let shown_names = move || {
        names.with_value(|all| {
            all.iter()
                .filter(|n| matches(n))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let pick_shown = move |on: bool| {
        let shown = shown_names();
        picked.update(|p| {
            p.retain(|n| !shown.contains(n));
            if on {
                p.extend(shown);
            }
        });
    };
    view! {
        <h3>{format!("Slack export \u{201c}{file}\u{201d}")}</h3>
        <fieldset class="channel-list">
            <legend>{format!("Channels to import ({count} in the export)")}</legend>
            {(count > 1).then(|| view! {
                <div class="channel-tools">
                    <div class="field">
                        <label for=narrow_id.clone()>"Find channels"</label>
                        <input
                            id=narrow_id.clone()
                            type="search"
                            placeholder="Part of a channel name"
                            prop:value=move || narrow.get()
                            on:input=move |ev| narrow.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="button" on:click=move |_| pick_shown(true)>
                        {move || if narrow.with(|n| n.trim().is_empty()) { "Select all".to_owned() } else { format!("Select the {} shown", shown_names().len()) }}
                    </button>
                    <button type="button" on:click=move |_| pick_shown(false)>
                        {move || if narrow.with(|n| n.trim().is_empty()) { "Select none".to_owned() } else { "Clear the ones shown".to_owned() }}
                    </button>
                    <p class="hint" role="status">{move || {
                        let (picked, shown) = (picked.with(Vec::len), shown_names().len());
                        if shown == count { format!("{picked} of {count} selected.") } else { format!("{picked} of {count} selected; {shown} match.") }
                    }}</p>
                </div>
            })}
            <div class="channel-choices">
            {channels.into_iter().map(|channel| {
                let name = channel.name.clone();
                let id = unique_id("channel");
                let days = match (&channel.first_day, &channel.last_day) {
                    (Some(first), Some(last)) if first != last => format!("{} days, {first} to {last}", channel.days),
                    (Some(first), _) => first.clone(),
                    _ => format!("{} days", channel.days),
                };
                let checked_name = name.clone();
                let shown_name = name.clone();
                view! {
                    <div class="field checkbox" class:hidden=move || !matches(&shown_name)>
                        <input
                            id=id.clone()
                            type="checkbox"
                            prop:checked=move || picked.with(|p| p.contains(&checked_name))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let name = name.clone();
                                picked.update(|p| {
                                    p.retain(|n| *n != name);
                                    if on { p.push(name); }
                                });
                            }
                        />
                        <label for=id>{format!("#{}", channel.name)}<span class="hint">{format!(" \u{2014} {days}")}</span></label>
                    </div>
                }
            }).collect_view()}
            </div>
        </fieldset>
        <div class="field-row">
            <TimeField
                label="From (optional)"
                value=from
                zone=zone.clone()
                default_date=date
                on_commit=move |at| { from.set(at); Ok(()) }
                placeholder="the channel's start"
            />
            <TimeField
                label="To (optional)"
                value=to
                zone=zone
                default_date=date
                on_commit={move |at: Option<Timestamp>| {
                    if let (Some(start), Some(end)) = (from.get_untracked(), at) {
                        if end < start {
                            return Err("The end of the range is before its start.".to_owned());
                        }
                    }
                    to.set(at);
                    Ok(())
                }}
                placeholder="the channel's end"
            />
        </div>
        <StepActions
            import=import
            label=Signal::derive(move || match picked.with(Vec::len) {
                0 => "Pick a channel to import".to_owned(),
                1 => "Import 1 channel".to_owned(),
                n => format!("Import {n} channels"),
            })
            ready=Signal::derive(move || picked.with(|p| !p.is_empty()))
            on_import=Callback::new(import_now)
        />
    }
}

#[component]
fn DayFilesStep(import: Import, files: Vec<(String, String)>) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let channel = RwSignal::new("incident".to_owned());
    let channel_id = unique_id("channel-name");
    let files_picked = files.len();
    let files = StoredValue::new(files);
    let import_now = move |_| {
        let name = channel.get_untracked();
        import.after_paint(move || {
            import.store(
                chat,
                files.with_value(|f| transcript_from_day_files(name.trim(), f)),
            )
        });
    };
    view! {
        <h3>{count(files_picked, "Slack JSON file", "Slack JSON files")}</h3>
        <p class="hint">"Day files of one channel. Add users.json from the export to show real names instead of Slack ids."</p>
        <div class="field">
            <label for=channel_id.clone()>"Channel name"</label>
            <input id=channel_id type="text" prop:value=move || channel.get() on:input=move |ev| channel.set(event_target_value(&ev)) />
        </div>
        <StepActions import=import label="Import the channel" ready=Signal::derive(move || channel.with(|c| !c.trim().is_empty())) on_import=Callback::new(import_now) />
    }
}

/// Zones offered for reading times without an offset: the incident's, UTC, the reader's.
fn zone_options(incident: &str) -> Vec<(usize, String)> {
    zone_names(incident).into_iter().enumerate().collect()
}

fn zone_names(incident: &str) -> Vec<String> {
    let mut names = vec![incident.to_owned()];
    for other in ["UTC".to_owned(), browser::local_time_zone()] {
        if !names.contains(&other) {
            names.push(other);
        }
    }
    names
}

#[component]
fn LogStep(import: Import, source: String, text: String) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let session = expect_context::<ReviewSession>();
    let detections = detect_shapes(&text);
    let best = detections.first().map_or(LogShape::Bracketed, |d| d.shape);
    let shape = RwSignal::new(best);
    let (incident_zone, incident_date) = incident_clock(session);
    let zones = zone_names(&incident_zone);
    let zone_index = RwSignal::new(0usize);
    let date_text = RwSignal::new(incident_date.map(|d| d.to_string()).unwrap_or_default());
    let date_id = unique_id("log-date");
    let text = StoredValue::new(text);
    let zones = StoredValue::new(zones);
    let wants_date = Memo::new(move |_| text.with_value(|t| needs_date(t, shape.get())));
    let settings = move || -> Result<LogSettings, String> {
        let date = if wants_date.get() {
            let typed = date_text.get();
            Some(
                chrono::NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d")
                    .map_err(|_| "These lines carry times without a date: type the date they start on, as 2019-11-06.".to_owned())?,
            )
        } else {
            None
        };
        Ok(LogSettings {
            shape: shape.get(),
            date,
            zone: zones.with_value(|z| z[zone_index.get()].clone()),
        })
    };
    let shape_options: Vec<(LogShape, String)> = detections
        .iter()
        .map(|d| {
            (
                d.shape,
                format!(
                    "{} \u{2014} {} of {} lines fit",
                    d.shape.label(),
                    d.matched,
                    d.lines
                ),
            )
        })
        .collect();
    let rows = move || match settings() {
        Ok(settings) => text
            .with_value(|t| preview(t, &settings, &BROWSER_ZONES, 12))
            .into_iter()
            .map(|line| {
                let (time, who, words, class) = match (&line.understood, line.continuation) {
                    (Some((time, who, words)), _) => (time.clone(), who.clone(), words.clone(), ""),
                    (None, true) => (
                        String::new(),
                        String::new(),
                        format!("\u{21b3} {}", line.raw),
                        "continuation",
                    ),
                    (None, false) => (
                        String::new(),
                        String::new(),
                        format!("Not understood, kept in the unread list: {}", line.raw),
                        "unread",
                    ),
                };
                view! {
                    <tr class=class>
                        <td class="num">{line.line}</td>
                        <td class="nowrap">{time}</td>
                        <td>{who}</td>
                        <td>{words}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
        Err(problem) => view! { <tr><td colspan="4" class="error">{problem}</td></tr> }.into_any(),
    };
    // The log's name in the transcript list: the file's, or one the analyst types (a paste
    // has none of its own). Left blank, the original name stays.
    let name = RwSignal::new(source.clone());
    let name_id = unique_id("log-name");
    let source = StoredValue::new(source);
    let named = move || {
        let typed = name.get_untracked();
        match typed.trim() {
            "" => source.get_value(),
            typed => typed.to_owned(),
        }
    };
    let import_now = move |_| match settings() {
        Ok(settings) => import.after_paint(move || {
            let name = named();
            let result = text.with_value(|t| parse_log(t, &settings, &BROWSER_ZONES, &name));
            import.store(chat, result)
        }),
        Err(problem) => import.fail(problem),
    };
    let zone_choices = zone_options(&incident_zone);
    view! {
        <h3>{move || format!("Chat log: {}", source.get_value())}</h3>
        <div class="field-row">
            <div class="field">
                <label for=name_id.clone()>"Name of this log"</label>
                <input id=name_id type="text" placeholder="Bridge call chat, #incident-42 copy" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <SelectField label="Shape of the lines" options=shape_options value=shape on_change=move |s| shape.set(s) />
            <SelectField label="Times without an offset are in" options=zone_choices value=zone_index on_change=move |i| zone_index.set(i) />
            <Show when=move || wants_date.get()>
                <div class="field">
                    <label for=date_id.clone()>"Date of the first line"</label>
                    <input id=date_id.clone() type="text" placeholder="2019-11-06" prop:value=move || date_text.get() on:input=move |ev| date_text.set(event_target_value(&ev)) />
                </div>
            </Show>
        </div>
        <div class="table-scroll">
            <table class="preview">
                <caption>"How the first lines are read"</caption>
                <thead><tr><th scope="col">"Line"</th><th scope="col">"Time"</th><th scope="col">"Who"</th><th scope="col">"Text"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <StepActions import=import label="Import the log" ready=Signal::derive(|| true) on_import=Callback::new(import_now) />
    }
}

#[component]
fn CsvStep(import: Import, file: String, table: CsvTable) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let session = expect_context::<ReviewSession>();
    let guessed = guess_mapping(&table);
    let width = table.headers.len();
    let time = RwSignal::new(guessed.map(|m| Some(m.time)).unwrap_or(None));
    let text = RwSignal::new(guessed.map(|m| Some(m.text)).unwrap_or(None));
    let who = RwSignal::new(guessed.and_then(|m| m.who));
    let kind = RwSignal::new(guessed.and_then(|m| m.kind));
    let link = RwSignal::new(guessed.and_then(|m| m.link));
    let (incident_zone, _) = incident_clock(session);
    let zones = StoredValue::new(zone_names(&incident_zone));
    let zone_index = RwSignal::new(0usize);
    let mut columns: Vec<(Option<usize>, String)> = vec![(None, "(none)".to_owned())];
    columns.extend(
        table
            .headers
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, h)| (Some(i), h)),
    );
    let mapping = move || -> Option<ColumnMapping> {
        Some(ColumnMapping {
            time: time.get()?,
            text: text.get()?,
            who: who.get(),
            kind: kind.get(),
            link: link.get(),
        })
    };
    let preview_rows: Vec<Vec<String>> = table.rows.iter().take(5).cloned().collect();
    let headers = table.headers.clone();
    let table = StoredValue::new(table);
    let file = StoredValue::new(file);
    let import_now = move |_| {
        let Some(mapping) = mapping() else {
            return import.fail("Choose which column holds the time and which holds the text.");
        };
        let zone = zones.with_value(|z| z[zone_index.get_untracked()].clone());
        import.after_paint(move || {
            let result = table.with_value(|t| {
                transcript_from_csv(t, &mapping, &zone, &BROWSER_ZONES, &file.get_value())
            });
            import.store(chat, result)
        });
    };
    let field = |label: &'static str, signal: RwSignal<Option<usize>>| {
        view! { <SelectField label=label options=columns.clone() value=signal on_change=move |c| signal.set(c) /> }
    };
    view! {
        <h3>{move || format!("CSV \u{201c}{}\u{201d}: which column is which", file.get_value())}</h3>
        <div class="field-row">
            {field("Time", time)}
            {field("Text", text)}
            {field("Who", who)}
            {field("Kind", kind)}
            {field("Link", link)}
            <SelectField label="Times without an offset are in" options=zone_options(&incident_zone) value=zone_index on_change=move |i| zone_index.set(i) />
        </div>
        <div class="table-scroll">
            <table class="preview">
                <caption>{format!("The first rows ({width} columns)")}</caption>
                <thead><tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {preview_rows.into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <StepActions
            import=import
            label="Import the rows"
            ready=Signal::derive(move || time.get().is_some() && text.get().is_some())
            on_import=Callback::new(import_now)
        />
    }
}

#[component]
fn RestoreStep(import: Import, file: String, saved: ReviewTranscripts) -> impl IntoView {
    let chat = expect_context::<TranscriptSession>();
    let plan = RestorePlan::of(&saved, chat.ready_untracked().as_deref());
    let (action, ready, already) = (plan.action(), !plan.new.is_empty(), plan.already);
    let new = plan.new.clone();
    let saved = StoredValue::new(saved);
    let restore = move |_| {
        let (saved, plan) = (saved.get_value(), plan.clone());
        import.wizard.update(ImportWizard::reading);
        leptos::task::spawn_local(async move {
            let result = chat.change(move |t| {
                t.restore_from(saved);
            });
            let result = result.await.map(|()| plan);
            import.wizard.update(|w| w.restored(result));
        });
    };
    view! {
        <h3>{format!("Transcripts saved from Debrief: \u{201c}{file}\u{201d}")}</h3>
        <ul>{new.into_iter().map(|source| view! { <li>{source}</li> }).collect_view()}</ul>
        {(already > 0).then(|| view! { <p class="hint">{format!("{already} of them are here already and stay as they are.")}</p> })}
        <StepActions
            import=import
            label=action
            ready=Signal::derive(move || ready)
            on_import=Callback::new(restore)
        />
    }
}
