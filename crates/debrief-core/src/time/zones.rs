//! Time-zone rules come from the host, not from this crate: a browser already carries the
//! IANA database (through `Intl`), and shipping a second copy in the app would triple its
//! download. Natively, [`BundledZones`] (the `bundled-zones` feature, on by default) reads
//! the copy compiled into chrono-tz. Everything here works against the [`TimeZones`] trait.
//!
//! Because databases differ between hosts (a browser may know a zone created last year that
//! an older build does not), a stored review is never refused for its zone name: validation
//! only checks the name is well-formed, and a zone the host does not know is shown as UTC
//! and flagged.

use crate::model::Timestamp;
use crate::sorting;
use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, TimeDelta, Utc};
use std::fmt;

/// The offset in force in a zone at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneOffset {
    /// Seconds east of UTC.
    pub seconds: i32,
    /// A real abbreviation such as "PST"; `None` where the zone has none.
    pub abbreviation: Option<String>,
}

/// A source of IANA time-zone rules.
pub trait TimeZones {
    /// The host's spelling of a zone it knows (lookup ignores letter case), or `None`.
    fn canonical_name(&self, name: &str) -> Option<String>;
    /// The offset in force in the known zone `zone` at `instant`.
    fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> ZoneOffset;
    /// Every zone name the host knows, for pickers.
    fn names(&self) -> Vec<String>;

    /// The named zone, when the host knows it.
    fn zone(&self, name: &str) -> Option<Zone<'_>>
    where
        Self: Sized,
    {
        Zone::find(self, name)
    }
}

/// A zone name that is not in the host's time-zone database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a time zone Debrief knows. Use a name such as Europe/Berlin, America/Los_Angeles or UTC.",
            self.0
        )
    }
}

impl std::error::Error for UnknownZone {}

/// Whether `name` looks like an IANA zone name ("America/Argentina/Buenos_Aires", "UTC",
/// "Etc/GMT+5"). Says nothing about whether any database knows it.
pub fn is_well_formed_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && !name.starts_with('/')
        && !name.ends_with('/')
}

/// One known zone of one database: what display and input work with.
#[derive(Clone)]
pub struct Zone<'a> {
    rules: &'a dyn TimeZones,
    name: String,
}

impl fmt::Debug for Zone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name).finish()
    }
}

impl PartialEq for Zone<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<'a> Zone<'a> {
    pub fn find(rules: &'a dyn TimeZones, name: &str) -> Option<Self> {
        let name = rules.canonical_name(name.trim())?;
        Some(Self { rules, name })
    }

    /// The named zone, or UTC when the host does not know it.
    pub fn find_or_utc(rules: &'a dyn TimeZones, name: &str) -> Self {
        Self::find(rules, name).unwrap_or_else(|| Self::utc(rules))
    }

    pub fn utc(rules: &'a dyn TimeZones) -> Self {
        Self {
            rules,
            name: "UTC".to_owned(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Another zone from the same database.
    pub fn sibling(&self, name: &str) -> Option<Zone<'a>> {
        Self::find(self.rules, name)
    }

    pub fn offset_at(&self, instant: DateTime<Utc>) -> ZoneOffset {
        self.rules.offset_at(&self.name, instant)
    }

    /// `instant` on this zone's clock, with the offset that clock had then.
    pub fn to_local(&self, instant: &Timestamp) -> (NaiveDateTime, ZoneOffset) {
        let offset = self.offset_at(instant.with_timezone(&Utc));
        let local = instant.naive_utc() + TimeDelta::seconds(i64::from(offset.seconds));
        (local, offset)
    }

    /// The instants at which this zone's clock read `local`: none in a spring-forward gap, two
    /// in a fall-back overlap (earliest first).
    pub fn from_local(&self, local: NaiveDateTime) -> LocalResult<Timestamp> {
        // The offsets a day either side cover any single transition near `local`.
        let day = TimeDelta::days(1);
        let mut found: Vec<Timestamp> = Vec::with_capacity(2);
        for probe in [local - day, local + day] {
            let seconds = self.offset_at(probe.and_utc()).seconds;
            let Some(offset) = FixedOffset::east_opt(seconds) else {
                continue;
            };
            let utc = local - TimeDelta::seconds(i64::from(seconds));
            if self.offset_at(utc.and_utc()).seconds == seconds {
                let instant = DateTime::from_naive_utc_and_offset(utc, offset);
                if !found.contains(&instant) {
                    found.push(instant);
                }
            }
        }
        sorting::sort(&mut found);
        match found.as_slice() {
            [] => LocalResult::None,
            [one] => LocalResult::Single(*one),
            [first, second, ..] => LocalResult::Ambiguous(*first, *second),
        }
    }
}

#[cfg(feature = "bundled-zones")]
pub use bundled::BundledZones;

#[cfg(feature = "bundled-zones")]
mod bundled {
    use super::{TimeZones, ZoneOffset};
    use chrono::{DateTime, Offset, TimeZone, Utc};
    use chrono_tz::{OffsetName, Tz};

    /// The IANA database compiled into chrono-tz: for the command line and native tests.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct BundledZones;

    fn find(name: &str) -> Option<Tz> {
        name.parse::<Tz>().ok().or_else(|| {
            chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(name))
                .copied()
        })
    }

    impl TimeZones for BundledZones {
        fn canonical_name(&self, name: &str) -> Option<String> {
            find(name).map(|tz| tz.name().to_owned())
        }

        fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> ZoneOffset {
            let tz = find(zone).unwrap_or(Tz::UTC);
            let offset = tz.offset_from_utc_datetime(&instant.naive_utc());
            let abbreviation = offset
                .abbreviation()
                .filter(|a| !a.starts_with(['+', '-']) && *a != "UTC")
                .map(str::to_owned);
            ZoneOffset {
                seconds: offset.fix().local_minus_utc(),
                abbreviation,
            }
        }

        fn names(&self) -> Vec<String> {
            chrono_tz::TZ_VARIANTS
                .iter()
                .map(|tz| tz.name().to_owned())
                .collect()
        }
    }
}

/// Zone names for a picker: region names ("Europe/Berlin") first, then the rest, each
/// group sorted.
pub fn zone_names_for_picker(rules: &dyn TimeZones) -> Vec<String> {
    let mut names = rules.names();
    sorting::sort_by(&mut names, |a, b| {
        (!a.contains('/'), a).cmp(&(!b.contains('/'), b))
    });
    names
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn finds_zones_case_insensitively() {
        let zones = BundledZones;
        assert_eq!(zones.zone("europe/berlin").unwrap().name(), "Europe/Berlin");
        assert_eq!(zones.zone(" UTC ").unwrap().name(), "UTC");
        assert!(zones.zone("Mars/Olympus").is_none());
        assert_eq!(Zone::find_or_utc(&zones, "Mars/Olympus").name(), "UTC");
    }

    #[test]
    fn well_formed_names() {
        for good in [
            "UTC",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
            "America/Port-au-Prince",
        ] {
            assert!(is_well_formed_zone_name(good), "{good}");
        }
        for bad in ["", "/UTC", "Europe/", "Europe/Ber lin", "<script>", "a\"b"] {
            assert!(!is_well_formed_zone_name(bad), "{bad}");
        }
    }

    #[test]
    fn local_times_across_clock_changes() {
        let zones = BundledZones;
        let la = zones.zone("America/Los_Angeles").unwrap();
        assert!(matches!(
            la.from_local(local("2019-03-10 02:30")),
            LocalResult::None
        ));
        let LocalResult::Ambiguous(first, second) = la.from_local(local("2019-11-03 01:30")) else {
            panic!("01:30 happens twice on the fall-back day");
        };
        assert_eq!(first.to_rfc3339(), "2019-11-03T01:30:00-07:00");
        assert_eq!(second.to_rfc3339(), "2019-11-03T01:30:00-08:00");
        let LocalResult::Single(page) = la.from_local(local("2019-11-06 03:00")) else {
            panic!("an ordinary time is single");
        };
        assert_eq!(page.to_rfc3339(), "2019-11-06T03:00:00-08:00");
        let (clock, offset) = la.to_local(&page);
        assert_eq!(clock.date(), NaiveDate::from_ymd_opt(2019, 11, 6).unwrap());
        assert_eq!(offset.abbreviation.as_deref(), Some("PST"));
    }

    #[test]
    fn picker_lists_region_names_first() {
        let names = zone_names_for_picker(&BundledZones);
        assert!(names[0].contains('/'));
        assert!(names.iter().any(|n| n == "America/Los_Angeles"));
    }
}
