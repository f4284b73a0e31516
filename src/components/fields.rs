//! Form controls shared by every editor. Each one has a visible label tied to its input, a
//! hint or error tied with `aria-describedby`, and commits to the model through a callback,
//! so screen readers and Playwright find every control by its accessible name.

use super::language::LanguageHints;
use crate::session::ReviewSession;
use crate::zones::BROWSER_ZONES;
use chrono::NaiveDate;
use debrief_core::model::{Review, TimeKnown, Timestamp, Visibility, WrittenTime};
use debrief_core::text::parse_list;
use debrief_core::time::{
    format_for_input, format_instant, format_written_for_input, parse_date_input, parse_exact_time,
    parse_written_time, TimeInputError, Zone,
};
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A memoised read of one part of the open review, so a field re-renders only when its own
/// value changes.
pub fn read<T>(
    session: ReviewSession,
    get: impl Fn(&Review) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| session.document.with(|review| get(review))).into()
}

/// A page-unique element id, for label and description wiring.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional, into)] list: Option<String>,
    /// Takes the keyboard focus when it appears (the title of a new review).
    #[prop(optional)]
    focus: bool,
    /// The field's key for the language check, as for [`TextArea`].
    #[prop(optional, into)]
    check: Option<String>,
) -> impl IntoView {
    let id = unique_id("text");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    if focus {
        Effect::new(move |_| {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            }
        });
    }
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                node_ref=input_ref
                id=id
                type="text"
                list=list
                placeholder=placeholder
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {check.map(|field| view! { <LanguageHints field=field text=value /> })}
        </div>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    /// The field's key for the language check ("summary", "factor/<id>/description"); the
    /// check's suggestions appear under the field.
    #[prop(optional, into)]
    check: Option<String>,
) -> impl IntoView {
    let id = unique_id("area");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows=rows
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {check.map(|field| view! { <LanguageHints field=field text=value /> })}
        </div>
    }
}

/// A comma-separated list ("ingest, storage"). Commits on every keystroke, but never
/// rewrites the text under the cursor while it still means the same list.
#[component]
pub fn ListField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Vec<String>>,
    #[prop(into)] on_change: Callback<Vec<String>>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = unique_id("list");
    let hint_id = format!("{id}-hint");
    let text = RwSignal::new(value.get_untracked().join(", "));
    Effect::new(move |_| {
        let items = value.get();
        if parse_list(&text.get_untracked()) != items {
            text.set(items.join(", "));
        }
    });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                aria-describedby=hint_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let items = parse_list(&typed);
                    text.set(typed);
                    if items != value.get_untracked() {
                        on_change.run(items);
                    }
                }
            />
            <p class="hint" id=hint_id>
                {hint.unwrap_or_else(|| "Separate entries with commas.".to_owned())}
            </p>
        </div>
    }
}

/// A time typed the way people write it (`14:03`, `2019-11-06 03:00 PST`, ISO 8601). A valid
/// time is committed as it is typed; a bad one gets a message when the field is left and the
/// typed text stays, untouched, for fixing. The offset is always shown beside the value.
/// Only exact times: for the ones a record gives roughly, see [`WrittenTimeField`].
#[component]
pub fn TimeField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<Timestamp>>,
    /// The IANA name of the zone times are typed and shown in.
    #[prop(into)]
    zone: Signal<String>,
    #[prop(into)] default_date: Signal<Option<NaiveDate>>,
    /// Applies a new value; an `Err` (such as an end before its start) is shown and nothing
    /// changes.
    #[prop(into)]
    on_commit: Callback<Option<Timestamp>, Result<(), String>>,
    #[prop(optional, into)] placeholder: Option<String>,
) -> impl IntoView {
    time_input(
        TimeReading {
            parse: parse_exact_time,
            format: format_for_input,
            instant: |t| *t,
            known: |_| TimeKnown::Exact,
            hint: "Type 14:03, 2019-11-06 03:00 PST or ISO 8601; leave it blank (or ??:??) when it is not known.",
        },
        label,
        value,
        zone,
        default_date,
        on_commit,
        placeholder,
    )
}

/// A time as the record gives it: exact, approximate (`~23:30`), bounded (`before 13:02`,
/// `between 14:18 and 14:59`) or only the day (`2019-11-06`). Otherwise as [`TimeField`].
#[component]
pub fn WrittenTimeField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<WrittenTime>>,
    #[prop(into)] zone: Signal<String>,
    #[prop(into)] default_date: Signal<Option<NaiveDate>>,
    #[prop(into)] on_commit: Callback<Option<WrittenTime>, Result<(), String>>,
    #[prop(optional, into)] placeholder: Option<String>,
) -> impl IntoView {
    time_input(
        TimeReading {
            parse: parse_written_time,
            format: format_written_for_input,
            instant: |t| t.at,
            known: |t| t.known,
            hint: "Type 14:03 or 2019-11-06 03:00 PST; ~23:30, before 13:02, between 14:18 and 14:59 or only the date when that is all the record says; blank (or ??:??) when it is not known.",
        },
        label,
        value,
        zone,
        default_date,
        on_commit,
        placeholder,
    )
}

/// Reads a field's text in a zone, with the date a time of day belongs to.
type ParseTime<T> = fn(&str, &Zone, Option<NaiveDate>) -> Result<Option<T>, TimeInputError>;

/// How one kind of time field reads and writes its value.
struct TimeReading<T: 'static> {
    parse: ParseTime<T>,
    format: fn(&T, &Zone) -> String,
    instant: fn(&T) -> Timestamp,
    known: fn(&T) -> TimeKnown,
    /// What the note under an empty field says.
    hint: &'static str,
}

fn time_input<T>(
    reading: TimeReading<T>,
    label: String,
    value: Signal<Option<T>>,
    zone: Signal<String>,
    default_date: Signal<Option<NaiveDate>>,
    on_commit: Callback<Option<T>, Result<(), String>>,
    placeholder: Option<String>,
) -> impl IntoView
where
    T: Copy + Send + Sync + 'static,
{
    let TimeReading {
        parse,
        format,
        instant,
        known,
        hint,
    } = reading;
    let id = unique_id("time");
    let note_id = format!("{id}-note");
    let zone_of = |name: String| Zone::find_or_utc(&BROWSER_ZONES, &name);
    let shown = move || {
        value
            .get()
            .map(|time| format(&time, &zone_of(zone.get())))
            .unwrap_or_default()
    };
    // Filled at once, not by the effect below: a field focused as it appears (the event
    // editor) would otherwise never show its value.
    let text = RwSignal::new(untrack(shown));
    let error = RwSignal::new(None::<String>);
    let focused = RwSignal::new(false);

    // Follow the model (a zone change, a reload) unless the person is typing or has an
    // entry that was not accepted.
    Effect::new(move |_| {
        let shown = shown();
        if !focused.get_untracked() && error.get_untracked().is_none() {
            text.set(shown);
        }
    });

    let interpret = move |typed: &str| -> Result<Option<T>, String> {
        parse(
            typed,
            &zone_of(zone.get_untracked()),
            default_date.get_untracked(),
        )
        .map_err(|err| err.to_string())
    };
    let commit = move |show_errors: bool| {
        let typed = text.get_untracked();
        let result = interpret(&typed).and_then(|time| on_commit.run(time).map(|()| time));
        match result {
            Ok(time) => {
                error.set(None);
                if show_errors {
                    let zone = zone_of(zone.get_untracked());
                    text.set(time.map(|t| format(&t, &zone)).unwrap_or_default());
                }
            }
            Err(message) if show_errors => error.set(Some(message)),
            Err(_) => {}
        }
    };

    let note = move || {
        if let Some(message) = error.get() {
            return message;
        }
        match value.get() {
            Some(time) => {
                let at = instant(&time);
                let here = format_instant(&at, &zone_of(zone.get()));
                let utc = format_instant(&at, &Zone::utc(&BROWSER_ZONES));
                let mut note = if here.offset == "UTC" {
                    format!("{} (UTC)", here.date)
                } else {
                    format!("{} · {} {} UTC", here.offset, utc.date, utc.time)
                };
                if let Some(meaning) = known(&time).description() {
                    note.push_str(" · ");
                    note.push_str(meaning);
                }
                note
            }
            None => hint.to_owned(),
        }
    };
    view! {
        <div class="field time-field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=note_id.clone()
                prop:value=move || text.get()
                on:focus=move |_| focused.set(true)
                on:blur=move |_| focused.set(false)
                on:input=move |ev| {
                    text.set(event_target_value(&ev));
                    commit(false);
                }
                on:change=move |_| commit(true)
            />
            <p class="hint" id=note_id aria-live="polite" class:error=move || error.with(Option::is_some)>
                {note}
            </p>
        </div>
    }
}

/// Options for a [`SelectField`] from a list of choices and their labels.
pub fn choices<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(T, String)> {
    all.iter()
        .map(|choice| (*choice, label(*choice).to_owned()))
        .collect()
}

/// A labelled `<select>` over a fixed set of choices.
#[component]
pub fn SelectField<T>(
    #[prop(into)] label: String,
    options: Vec<(T, String)>,
    #[prop(into)] value: Signal<T>,
    #[prop(into)] on_change: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let id = unique_id("select");
    let choices = options.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let picked: usize = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some((choice, _)) = choices.get(picked) {
                        on_change.run(*choice);
                    }
                }
            >
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (choice, text))| {
                        view! {
                            <option value=i.to_string() selected=move || value.get() == choice>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn CheckboxField(
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = unique_id("check");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field checkbox">
            <input
                id=id.clone()
                type="checkbox"
                aria-describedby=described
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint.get()}</p> })}
        </div>
    }
}

/// Whether an entry may appear in the public report. Entries are internal until the analyst
/// marks one public, one by one; the wording says where the entry may end up.
#[component]
pub fn VisibilityField(
    #[prop(into)] value: Signal<Visibility>,
    #[prop(into)] on_change: Callback<Visibility>,
    /// For entries the public report would show differently ("may be quoted").
    #[prop(default = "Public (may appear in the public report)")]
    label: &'static str,
) -> impl IntoView {
    view! {
        <CheckboxField
            label=label
            checked=Signal::derive(move || value.get() == Visibility::Public)
            on_change=move |public: bool| {
                on_change.run(if public { Visibility::Public } else { Visibility::Internal })
            }
        />
    }
}

/// A date typed as the rest of Debrief writes dates, `2019-12-01`, whatever the browser's
/// language (a browser date picker shows 12/01/2019 in American English). A date is
/// committed when the field is left; text that is not one gets a message and stays, as typed.
#[component]
pub fn DateField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_change: Callback<Option<NaiveDate>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = unique_id("date");
    let hint_id = format!("{id}-hint");
    let shown = move || {
        value
            .get()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let text = RwSignal::new(untrack(shown));
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let shown = shown();
        if error.get_untracked().is_none() {
            text.set(shown);
        }
    });
    let commit = move || match parse_date_input(&text.get_untracked()) {
        Ok(date) => {
            error.set(None);
            on_change.run(date);
            text.set(shown());
        }
        Err(err) => error.set(Some(err.to_string())),
    };
    let note = move || {
        error
            .get()
            .or_else(|| hint.map(|h| h.get()))
            .unwrap_or_else(|| "Year, month, day: 2019-12-01.".to_owned())
    };
    view! {
        <div class="field date-field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                placeholder="YYYY-MM-DD"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=hint_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |_| commit()
            />
            <p class="hint" id=hint_id aria-live="polite" class:error=move || error.with(Option::is_some)>
                {note}
            </p>
        </div>
    }
}

/// The `<datalist>` of names every [`PersonField`] suggests: everyone in People, once each.
/// Render it once per section.
#[component]
pub fn PeopleNames() -> impl IntoView {
    let session = expect_context::<ReviewSession>();
    let names = read(session, |r| {
        let mut names: Vec<String> = Vec::new();
        for person in &r.people {
            let name = person.name.trim();
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
        names
    });
    view! {
        <datalist id="people-names">
            <For
                each=move || names.get()
                key=|name| name.clone()
                children=|name| view! { <option value=name></option> }
            />
        </datalist>
    }
}

/// A person, by name: a type-ahead over People (see [`PeopleNames`]). Committed when the field
/// is left, so a half-typed name never becomes a new person; the caller adds a name not yet
/// in People there (`Review::ensure_person`).
#[component]
pub fn PersonField(
    #[prop(into)] label: String,
    /// The name shown while the person is not typing: as People spells it, so "avery" turns
    /// into "Avery" once committed.
    #[prop(into)]
    value: Signal<String>,
    /// Commits a name when the field is left.
    #[prop(optional, into)]
    on_commit: Option<Callback<String>>,
    /// Every keystroke, for a form that reads the name when it is submitted (quick entry).
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// Extra classes for the field, for layouts that place it.
    #[prop(optional)]
    class: &'static str,
    /// Marks the name as carried over from an earlier entry (quick entry), until changed.
    #[prop(optional, into)]
    carried_over: Option<Signal<bool>>,
) -> impl IntoView {
    let id = unique_id("person");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    let classes = if class.is_empty() {
        "field".to_owned()
    } else {
        format!("field {class}")
    };
    let text = RwSignal::new(value.get_untracked());
    Effect::new(move |_| text.set(value.get()));
    let commit = move |typed: String| {
        if let Some(on_commit) = on_commit {
            on_commit.run(typed);
            // The model may not have changed ("avery" for the Avery already there), in which
            // case the effect above would not run.
            text.set(value.get_untracked());
        }
    };
    view! {
        <div class=classes>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                list="people-names"
                autocomplete="off"
                placeholder=placeholder
                class:carried-over=move || carried_over.is_some_and(|c| c.get())
                aria-describedby=described
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    text.set(typed.clone());
                    if let Some(on_input) = on_input {
                        on_input.run(typed);
                    }
                }
                on:change=move |ev| commit(event_target_value(&ev))
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint.get()}</p> })}
        </div>
    }
}
