//! Components mounted in headless Chromium: what a person sees and what reaches the model.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use debrief::components::fields::TimeField;
use debrief_core::model::Timestamp;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::wait;

fn mount_time_field(
    committed: RwSignal<Option<Timestamp>>,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
) {
    let document = web_sys::window().unwrap().document().unwrap();
    let parent: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&parent).unwrap();
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        view! {
            <TimeField
                label="Incident start"
                value=committed
                zone="America/Los_Angeles".to_owned()
                default_date=NaiveDate::from_ymd_opt(2019, 11, 6)
                on_commit={move |v: Option<Timestamp>| {
                    committed.set(v);
                    Ok(())
                }}
            />
        }
        .into_any()
    });
    (parent, handle)
}

fn input(parent: &web_sys::HtmlElement) -> web_sys::HtmlInputElement {
    parent
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn note(parent: &web_sys::HtmlElement) -> String {
    parent
        .query_selector("p.hint")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

fn type_and_leave(field: &web_sys::HtmlInputElement, text: &str) {
    field.set_value(text);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    field
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_time_of_day_takes_the_incident_date_and_shows_its_offset() {
    let owner = Owner::new();
    owner.set();
    let committed = RwSignal::new(None);
    let (parent, _handle) = mount_time_field(committed);
    let field = input(&parent);
    // The accessible name comes from the visible label.
    let label = parent.query_selector("label").unwrap().unwrap();
    assert_eq!(label.get_attribute("for"), field.get_attribute("id"));

    type_and_leave(&field, "03:00");
    wait(10).await;
    assert_eq!(
        committed.get_untracked().unwrap().to_rfc3339(),
        "2019-11-06T03:00:00-08:00"
    );
    assert_eq!(field.value(), "2019-11-06 03:00 PST");
    assert_eq!(note(&parent), "UTC-08:00 · 2019-11-06 11:00 UTC");
    assert_eq!(
        field.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn a_bad_time_is_explained_kept_and_changes_nothing() {
    let owner = Owner::new();
    owner.set();
    let committed = RwSignal::new(None);
    let (parent, _handle) = mount_time_field(committed);
    let field = input(&parent);
    type_and_leave(&field, "14:03");
    wait(10).await;
    let before = committed.get_untracked();

    type_and_leave(&field, "yesterday at 3");
    wait(10).await;
    assert_eq!(
        committed.get_untracked(),
        before,
        "the model keeps the last good time"
    );
    assert_eq!(
        field.value(),
        "yesterday at 3",
        "the typed text stays for fixing"
    );
    assert!(
        note(&parent).contains("doesn't look like a time"),
        "{}",
        note(&parent)
    );
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
}
