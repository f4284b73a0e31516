//! Time-zone rules from the browser's own IANA database, through `Intl.DateTimeFormat`.
//! Using it instead of a bundled copy keeps hundreds of kilobytes of zone tables out of the
//! download, and the browser keeps its copy up to date.

use chrono::{DateTime, Utc};
use debrief_core::time::{TimeZones, ZoneOffset};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

/// The browser's zones. Formatters are cached per zone: creating one costs far more than
/// using it.
pub struct BrowserZones;

pub static BROWSER_ZONES: BrowserZones = BrowserZones;

struct Formatters {
    offset: js_sys::Intl::DateTimeFormat,
    abbreviation: js_sys::Intl::DateTimeFormat,
}

/// Offsets are remembered per quarter hour of UTC: asking `Intl` costs microseconds a call,
/// and a long timeline or a meta-review asks thousands of times for a few hours.
const SLOT_SECONDS: i64 = 15 * 60;
/// Past this many remembered slots the memory is cleared: enough for years of incidents.
const MAX_SLOTS: usize = 200_000;

thread_local! {
    static CANONICAL: RefCell<HashMap<String, Option<String>>> = RefCell::new(HashMap::new());
    static FORMATTERS: RefCell<HashMap<String, Formatters>> = RefCell::new(HashMap::new());
    static OFFSETS: RefCell<HashMap<String, HashMap<i64, ZoneOffset>>> = RefCell::new(HashMap::new());
}

/// `Intl[name]`, looked up at run time so a missing member is an error, not a crash.
fn intl_member(name: &str) -> Result<Function, JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into())?;
    Reflect::get(&intl, &name.into())?.dyn_into()
}

/// `new Intl.DateTimeFormat(locale, options)`, with the RangeError for an unknown zone
/// returned instead of thrown.
fn formatter(
    locale: &str,
    options: &[(&str, &str)],
) -> Result<js_sys::Intl::DateTimeFormat, JsValue> {
    let object = Object::new();
    for (key, value) in options {
        Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value))?;
    }
    let args = Array::of2(&JsValue::from_str(locale), &object);
    Reflect::construct(&intl_member("DateTimeFormat")?, &args).map(JsCast::unchecked_into)
}

fn resolved_zone(format: &js_sys::Intl::DateTimeFormat) -> Option<String> {
    Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
}

/// The `timeZoneName` part of `format` applied to `instant`.
fn zone_part(format: &js_sys::Intl::DateTimeFormat, instant: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64));
    format
        .format_to_parts(&date)
        .iter()
        .find(|part| {
            Reflect::get(part, &"type".into())
                .ok()
                .and_then(|t| t.as_string())
                .as_deref()
                == Some("timeZoneName")
        })
        .and_then(|part| Reflect::get(&part, &"value".into()).ok()?.as_string())
        .unwrap_or_default()
}

/// The name to store for a zone typed as `typed` that the browser resolves to `resolved`.
/// Browsers now resolve the old zone names that read like abbreviations ("CET", "EET",
/// "MET") to a city ("Europe/Brussels"), which is not the label the analyst and the
/// postmortem use; those keep the typed name, upper-cased, and still find the same rules.
/// Names with a region ("asia/calcutta") take the browser's spelling ("Asia/Kolkata").
fn spelling_kept(typed: &str, resolved: String) -> String {
    if typed.contains('/') || typed.eq_ignore_ascii_case(&resolved) {
        resolved
    } else {
        typed.to_ascii_uppercase()
    }
}

/// "GMT-08:00" → -28800; "GMT" → 0.
fn parse_gmt_offset(text: &str) -> i32 {
    let rest = text.trim_start_matches("GMT").trim_start_matches("UTC");
    let Some(sign) = rest.chars().next() else {
        return 0;
    };
    let sign = if sign == '-' || sign == '\u{2212}' {
        -1
    } else {
        1
    };
    let digits = &rest[rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i)..];
    let (hours, minutes) = digits.split_once(':').unwrap_or((digits, "0"));
    sign * (hours.parse::<i32>().unwrap_or(0) * 3600 + minutes.parse::<i32>().unwrap_or(0) * 60)
}

fn with_formatters<T>(zone: &str, use_them: impl FnOnce(&Formatters) -> T) -> Option<T> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.contains_key(zone) {
            // British English names European zones ("CET", "BST") where American English
            // only gives "GMT+1"; American English names the Americas.
            let locale = if zone.starts_with("Europe/") {
                "en-GB"
            } else {
                "en-US"
            };
            let formatters = Formatters {
                offset: formatter(
                    "en-US",
                    &[("timeZone", zone), ("timeZoneName", "longOffset")],
                )
                .ok()?,
                abbreviation: formatter(locale, &[("timeZone", zone), ("timeZoneName", "short")])
                    .ok()?,
            };
            cache.insert(zone.to_owned(), formatters);
        }
        cache.get(zone).map(use_them)
    })
}

fn ask_offset(zone: &str, instant: DateTime<Utc>) -> ZoneOffset {
    with_formatters(zone, |formatters| {
        let seconds = parse_gmt_offset(&zone_part(&formatters.offset, instant));
        let short = zone_part(&formatters.abbreviation, instant);
        let abbreviation = (!short.is_empty()
            && !short.starts_with("GMT")
            && !short.starts_with("UTC")
            && short.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(short);
        ZoneOffset {
            seconds,
            abbreviation,
        }
    })
    .unwrap_or(ZoneOffset {
        seconds: 0,
        abbreviation: None,
    })
}

impl TimeZones for BrowserZones {
    fn canonical_name(&self, name: &str) -> Option<String> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        CANONICAL.with(|cache| {
            cache
                .borrow_mut()
                .entry(name.to_owned())
                .or_insert_with(|| {
                    let resolved = formatter("en-US", &[("timeZone", name)])
                        .ok()
                        .and_then(|f| resolved_zone(&f))?;
                    Some(spelling_kept(name, resolved))
                })
                .clone()
        })
    }

    fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> ZoneOffset {
        let slot = instant.timestamp().div_euclid(SLOT_SECONDS);
        if let Some(known) =
            // Looked up by the borrowed name: a remembered offset costs no allocation.
            OFFSETS.with_borrow(|cache| cache.get(zone)?.get(&slot).cloned())
        {
            return known;
        }
        // A slot whose first and last second agree has one offset throughout and is
        // remembered; one with a clock change inside (a few historical changes are not on a
        // quarter hour) is asked about at the instant itself, every time.
        let (Some(start), Some(end)) = (
            DateTime::<Utc>::from_timestamp(slot * SLOT_SECONDS, 0),
            DateTime::<Utc>::from_timestamp(slot * SLOT_SECONDS + SLOT_SECONDS - 1, 0),
        ) else {
            return ask_offset(zone, instant);
        };
        let first = ask_offset(zone, start);
        if ask_offset(zone, end) != first {
            return ask_offset(zone, instant);
        }
        OFFSETS.with_borrow_mut(|cache| {
            if cache.values().map(HashMap::len).sum::<usize>() >= MAX_SLOTS {
                cache.clear();
            }
            cache
                .entry(zone.to_owned())
                .or_default()
                .insert(slot, first.clone());
        });
        first
    }

    fn names(&self) -> Vec<String> {
        // Intl.supportedValuesOf is recent; without it the picker offers no suggestions but
        // any name the browser knows is still accepted.
        let mut names: Vec<String> = intl_member("supportedValuesOf")
            .and_then(|f| f.call1(&JsValue::NULL, &"timeZone".into()))
            .map(|list| {
                Array::from(&list)
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
            .unwrap_or_default();
        if !names.iter().any(|n| n == "UTC") {
            names.push("UTC".to_owned());
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::parse_gmt_offset;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn gmt_offsets() {
        assert_eq!(parse_gmt_offset("GMT"), 0);
        assert_eq!(parse_gmt_offset("GMT-08:00"), -8 * 3600);
        assert_eq!(parse_gmt_offset("GMT+05:30"), 5 * 3600 + 1800);
        assert_eq!(parse_gmt_offset("GMT\u{2212}03:30"), -(3 * 3600 + 1800));
    }
}
