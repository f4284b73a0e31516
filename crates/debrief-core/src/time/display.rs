use super::Zone;
use crate::model::Timestamp;
use chrono::Timelike;

/// "UTC+05:30", "UTC-08:00", "UTC" for a zero offset. Always visible next to a time so a
/// reader never has to guess which clock a time was read from.
pub fn format_offset(offset_seconds: i32) -> String {
    if offset_seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let total = offset_seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", total / 3600, (total % 3600) / 60)
}

/// An instant as seen in one zone, in parts so the UI can lay them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZonedLabel {
    /// "2019-11-06"
    pub date: String,
    /// "03:00"; seconds are shown only when they are not zero.
    pub time: String,
    /// The zone's abbreviation when it has a real one ("PST"), otherwise empty.
    pub abbreviation: String,
    /// "UTC-08:00"
    pub offset: String,
}

impl ZonedLabel {
    /// "2019-11-06 03:00 PST (UTC-08:00)"
    pub fn full(&self) -> String {
        let mut out = format!("{} {}", self.date, self.time);
        if !self.abbreviation.is_empty() {
            out.push(' ');
            out.push_str(&self.abbreviation);
        }
        out.push_str(" (");
        out.push_str(&self.offset);
        out.push(')');
        out
    }
}

/// Shows `instant` on the clock of `zone`.
pub fn format_instant(instant: &Timestamp, zone: &Zone) -> ZonedLabel {
    let (local, offset) = zone.to_local(instant);
    let time_format = if local.second() == 0 {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    ZonedLabel {
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format(time_format).to_string(),
        abbreviation: offset.abbreviation.unwrap_or_default(),
        offset: format_offset(offset.seconds),
    }
}

/// "7 h 25 min", "3 d 4 h", "45 s": the length of a span at a glance.
pub fn format_duration(span: chrono::TimeDelta) -> String {
    let total = span.num_seconds();
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        (total % 86_400) / 3600,
        (total % 3600) / 60,
        total % 60,
    );
    let text = match (days, hours, minutes) {
        (0, 0, 0) => format!("{seconds} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "bundled-zones")]
    use crate::testing::at;

    #[test]
    fn durations_read_at_a_glance() {
        let d = chrono::TimeDelta::seconds;
        assert_eq!(format_duration(d(45)), "45 s");
        assert_eq!(format_duration(d(20 * 60)), "20 min");
        assert_eq!(format_duration(d(7 * 3600 + 25 * 60)), "7 h 25 min");
        assert_eq!(format_duration(d(2 * 3600)), "2 h");
        assert_eq!(format_duration(d(3 * 86_400 + 4 * 3600 + 60)), "3 d 4 h");
        assert_eq!(format_duration(d(-90)), "-1 min");
    }

    #[cfg(feature = "bundled-zones")]
    fn zone(name: &str) -> Zone<'static> {
        Zone::find(&crate::time::BundledZones, name).unwrap()
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn pacific_night_page_shows_abbreviation_and_offset() {
        let label = format_instant(&at("2019-11-06T11:00:00Z"), &zone("America/Los_Angeles"));
        assert_eq!(label.full(), "2019-11-06 03:00 PST (UTC-08:00)");
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn utc_has_no_duplicate_abbreviation() {
        let label = format_instant(&at("2019-11-06T11:00:30Z"), &zone("UTC"));
        assert_eq!(label.full(), "2019-11-06 11:00:30 (UTC)");
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn half_hour_offsets() {
        assert_eq!(format_offset(5 * 3600 + 1800), "UTC+05:30");
        assert_eq!(format_offset(-(3 * 3600 + 1800)), "UTC-03:30");
        let label = format_instant(&at("2024-01-01T00:00:00Z"), &zone("Asia/Kolkata"));
        assert_eq!(label.full(), "2024-01-01 05:30 IST (UTC+05:30)");
    }
}
