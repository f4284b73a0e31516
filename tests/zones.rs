//! The browser's time-zone database through Intl, against facts from the IANA database.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, LocalResult, NaiveDateTime};
use debrief::zones::BROWSER_ZONES;
use debrief_core::time::{format_for_input, format_instant, parse_time_input, TimeZones, Zone};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn zone(name: &str) -> Zone<'static> {
    Zone::find(&BROWSER_ZONES, name).unwrap()
}

#[wasm_bindgen_test]
fn knows_zones_and_refuses_others() {
    assert_eq!(
        BROWSER_ZONES
            .canonical_name("america/los_angeles")
            .as_deref(),
        Some("America/Los_Angeles")
    );
    assert_eq!(BROWSER_ZONES.canonical_name("UTC").as_deref(), Some("UTC"));
    assert_eq!(BROWSER_ZONES.canonical_name("Mars/Olympus"), None);
    assert_eq!(BROWSER_ZONES.canonical_name(""), None);
    let names = BROWSER_ZONES.names();
    assert!(names.len() > 300, "{} names", names.len());
    assert!(names.iter().any(|n| n == "Europe/Berlin"));
}

#[wasm_bindgen_test]
fn a_zone_typed_as_an_abbreviation_keeps_its_name() {
    // Browsers resolve "CET" to Europe/Brussels; the review keeps the label people wrote.
    assert_eq!(BROWSER_ZONES.canonical_name("cet").as_deref(), Some("CET"));
    let summer = DateTime::parse_from_rfc3339("2019-07-10T12:00:00Z").unwrap();
    assert_eq!(format_instant(&summer, &zone("CET")).offset, "UTC+02:00");
}

#[wasm_bindgen_test]
fn offsets_and_abbreviations() {
    let page = DateTime::parse_from_rfc3339("2019-11-06T11:00:00Z").unwrap();
    assert_eq!(
        format_instant(&page, &zone("America/Los_Angeles")).full(),
        "2019-11-06 03:00 PST (UTC-08:00)"
    );
    assert_eq!(
        format_instant(&page, &zone("Asia/Kolkata")).offset,
        "UTC+05:30"
    );
    assert_eq!(
        format_instant(&page, &zone("Asia/Kathmandu")).offset,
        "UTC+05:45"
    );
    assert_eq!(
        format_instant(&page, &zone("UTC")).full(),
        "2019-11-06 11:00 (UTC)"
    );
    let summer = DateTime::parse_from_rfc3339("2019-07-06T11:00:00Z").unwrap();
    assert_eq!(
        format_instant(&summer, &zone("America/Los_Angeles")).full(),
        "2019-07-06 04:00 PDT (UTC-07:00)"
    );
    assert_eq!(
        format_instant(&summer, &zone("Europe/Berlin")).offset,
        "UTC+02:00"
    );
}

#[wasm_bindgen_test]
fn typed_times_across_clock_changes() {
    let la = zone("America/Los_Angeles");
    let local = |text| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    assert!(matches!(
        la.from_local(local("2019-03-10 02:30")),
        LocalResult::None
    ));
    assert!(matches!(
        la.from_local(local("2019-11-03 01:30")),
        LocalResult::Ambiguous(..)
    ));
    let parsed = parse_time_input("2019-11-06 03:00", &la, None).unwrap();
    assert_eq!(parsed.to_rfc3339(), "2019-11-06T03:00:00-08:00");
    assert_eq!(format_for_input(&parsed, &la), "2019-11-06 03:00 PST");
    let named = parse_time_input("2019-11-06 12:00 Europe/Berlin", &la, None).unwrap();
    assert_eq!(named.to_rfc3339(), "2019-11-06T12:00:00+01:00");
}
