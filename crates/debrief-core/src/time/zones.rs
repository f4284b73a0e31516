use chrono_tz::Tz;
use std::fmt;

/// A time-zone name that is not in the IANA database Debrief ships.
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

/// Looks up an IANA zone name, ignoring surrounding spaces and letter case.
pub fn parse_zone(name: &str) -> Result<Tz, UnknownZone> {
    let trimmed = name.trim();
    trimmed
        .parse::<Tz>()
        .ok()
        .or_else(|| {
            chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(trimmed))
                .copied()
        })
        .ok_or_else(|| UnknownZone(trimmed.to_owned()))
}

/// Every zone name, for pickers. Canonical names with a slash come first ("Europe/Berlin"),
/// then the rest, so the list reads naturally.
pub fn known_zone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    names.sort_by_key(|name| (!name.contains('/'), *name));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_zones_case_insensitively() {
        assert_eq!(parse_zone("europe/berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(parse_zone(" UTC ").unwrap(), Tz::UTC);
    }

    #[test]
    fn unknown_zone_names_the_input() {
        let err = parse_zone("Mars/Olympus").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"));
    }

    #[test]
    fn zone_list_starts_with_region_names() {
        let names = known_zone_names();
        assert!(names[0].contains('/'));
        assert!(names.contains(&"America/Los_Angeles"));
    }
}
