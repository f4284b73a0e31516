//! Edits of the overview: incident window, time zone, trigger, impact windows.

use crate::model::{
    EntityId, ImpactWindow, Review, SpanKnown, TimeKnown, Timestamp, TriggerClass, WrittenTime,
};
use crate::time::{TimeZones, Zone, ZoneOffset};
use crate::validate::{check_order, ValidationError};
use chrono::NaiveDate;

impl Review {
    /// The review's zone in `zones`; UTC when that database does not know it.
    pub fn zone<'a>(&self, zones: &'a dyn TimeZones) -> Zone<'a> {
        Zone::find_or_utc(zones, &self.incident.time_zone)
    }

    /// The incident's start day on its own clock: the date a typed time of day belongs to.
    pub fn incident_date(&self, zones: &dyn TimeZones) -> Option<NaiveDate> {
        let start = self.incident.start?;
        Some(self.zone(zones).to_local(&start).0.date())
    }

    /// The offsets the review's zone had from the incident's earliest recorded time (its
    /// window, impact windows and events) to its latest, each once, earliest first: what the
    /// zone means for this incident, which is not what it means today ("PDT" for a summer
    /// incident read in winter). Two lookups after one pass over the times, so a hint that
    /// shows it costs little on a large timeline.
    pub fn offsets_during_incident(&self, zones: &dyn TimeZones) -> Vec<ZoneOffset> {
        let times = [self.incident.start, self.incident.end]
            .into_iter()
            .chain(self.impact.windows.iter().flat_map(|w| [w.start, w.end]))
            .chain(self.timeline.iter().map(|e| e.at))
            .flatten();
        let Some((earliest, latest)) =
            times.fold(None, |span: Option<(Timestamp, Timestamp)>, t| {
                Some(span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))))
            })
        else {
            return Vec::new();
        };
        let zone = self.zone(zones);
        let (first, last) = (zone.to_local(&earliest).1, zone.to_local(&latest).1);
        if first == last {
            vec![first]
        } else {
            vec![first, last]
        }
    }

    /// How long the incident lasted, as well as its start is known.
    pub fn incident_duration(&self) -> Option<SpanKnown> {
        let start = self.incident.written_start()?;
        SpanKnown::between(
            (start.at, start.known),
            (self.incident.end?, TimeKnown::Exact),
        )
    }

    /// The start as the record gives it: exact, approximate, bounded or only the day.
    pub fn set_incident_start(
        &mut self,
        start: Option<WrittenTime>,
    ) -> Result<(), ValidationError> {
        let at = start.map(|s| s.at);
        check_order(at.as_ref(), self.incident.end.as_ref(), incident)?;
        self.incident.start = at;
        self.incident.start_known = start.map_or(TimeKnown::Exact, |s| s.known);
        Ok(())
    }

    pub fn set_incident_end(&mut self, end: Option<Timestamp>) -> Result<(), ValidationError> {
        check_order(self.incident.start.as_ref(), end.as_ref(), incident)?;
        self.incident.end = end;
        Ok(())
    }

    /// Sets the zone the review is told in, stored under the database's spelling.
    pub fn set_time_zone(
        &mut self,
        name: &str,
        zones: &dyn TimeZones,
    ) -> Result<(), ValidationError> {
        let zone = Zone::find(zones, name)
            .ok_or_else(|| ValidationError::UnknownTimeZone(name.trim().to_owned()))?;
        self.incident.time_zone = zone.name().to_owned();
        Ok(())
    }

    /// Changing the class away from self-change drops the change kind, which only means
    /// something for self-change triggers.
    pub fn set_trigger_class(&mut self, class: TriggerClass) {
        self.trigger.class = class;
        if class != TriggerClass::SelfChangeCaused {
            self.trigger.change_kind = None;
        }
    }

    pub fn add_impact_window(&mut self, id: EntityId) {
        self.impact.windows.push(ImpactWindow {
            id,
            ..ImpactWindow::default()
        });
    }

    pub fn impact_window_mut(&mut self, id: &EntityId) -> Option<&mut ImpactWindow> {
        self.impact.windows.iter_mut().find(|w| &w.id == id)
    }

    pub fn set_impact_window_times(
        &mut self,
        id: &EntityId,
        start: Option<Timestamp>,
        end: Option<Timestamp>,
    ) -> Result<(), ValidationError> {
        let Some(window) = self.impact_window_mut(id) else {
            return Ok(());
        };
        check_order(start.as_ref(), end.as_ref(), || {
            let affected = window.affected.trim();
            if affected.is_empty() {
                "This impact window".to_owned()
            } else {
                format!("The impact window \"{affected}\"")
            }
        })?;
        window.start = start;
        window.end = end;
        Ok(())
    }

    /// Removes an impact window and returns it with its position, for undo.
    pub fn remove_impact_window(&mut self, id: &EntityId) -> Option<(usize, ImpactWindow)> {
        let position = self.impact.windows.iter().position(|w| &w.id == id)?;
        Some((position, self.impact.windows.remove(position)))
    }

    /// Puts a removed impact window back where it was (or last, if the list shrank).
    pub fn restore_impact_window(&mut self, position: usize, window: ImpactWindow) {
        let position = position.min(self.impact.windows.len());
        self.impact.windows.insert(position, window);
    }
}

fn incident() -> String {
    "The incident".to_owned()
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use super::*;
    use crate::model::ChangeKind;
    use crate::testing::{at, empty_review};
    use crate::time::BundledZones;
    use crate::validate::validate_review;
    use chrono::TimeDelta;

    fn review() -> Review {
        empty_review()
    }

    #[test]
    fn an_end_before_the_start_is_refused_and_changes_nothing() {
        let mut review = review();
        review
            .set_incident_start(Some(WrittenTime::exact(at("2019-11-06T03:00:00-08:00"))))
            .unwrap();
        let err = review
            .set_incident_end(Some(at("2019-11-06T02:00:00-08:00")))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "The incident ends before it starts. Check the two times."
        );
        assert_eq!(review.incident.end, None);
        review
            .set_incident_end(Some(at("2019-11-06T09:45:00-08:00")))
            .unwrap();
        assert!(review
            .set_incident_start(Some(WrittenTime::exact(at("2019-11-06T10:00:00-08:00"))))
            .is_err());
        assert_eq!(
            review.incident_duration(),
            Some(SpanKnown::Exact(TimeDelta::minutes(6 * 60 + 45)))
        );
        assert!(validate_review(&review).is_empty());
    }

    #[test]
    fn time_zone_is_stored_canonically_and_dates_follow_it() {
        let mut review = review();
        assert!(review.set_time_zone("Pacific", &BundledZones).is_err());
        assert_eq!(review.incident.time_zone, "UTC");
        review
            .set_time_zone("america/los_angeles", &BundledZones)
            .unwrap();
        assert_eq!(review.incident.time_zone, "America/Los_Angeles");
        // 06:30 UTC on the 7th is still the 6th in Los Angeles.
        review
            .set_incident_start(Some(WrittenTime::exact(at("2019-11-07T06:30:00Z"))))
            .unwrap();
        assert_eq!(
            review.incident_date(&BundledZones),
            NaiveDate::from_ymd_opt(2019, 11, 6)
        );
    }

    #[test]
    fn the_offsets_are_the_incidents_not_todays() {
        let mut review = review();
        review
            .set_time_zone("America/Los_Angeles", &BundledZones)
            .unwrap();
        assert!(review.offsets_during_incident(&BundledZones).is_empty());
        // A summer incident: PDT, whatever the date it is read on.
        review
            .set_incident_start(Some(WrittenTime::exact(at("2019-07-10T22:10:00-07:00"))))
            .unwrap();
        let offsets = review.offsets_during_incident(&BundledZones);
        assert_eq!(offsets.len(), 1);
        assert_eq!(offsets[0].abbreviation.as_deref(), Some("PDT"));
        // Across the November clock change: both, earliest first.
        review.incident.start = Some(at("2019-11-02T22:00:00-07:00"));
        review
            .set_incident_end(Some(at("2019-11-03T09:00:00-08:00")))
            .unwrap();
        let names: Vec<_> = review
            .offsets_during_incident(&BundledZones)
            .into_iter()
            .map(|o| o.abbreviation.unwrap_or_default())
            .collect();
        assert_eq!(names, ["PDT", "PST"]);
    }

    #[test]
    fn impact_windows_are_checked_and_removal_can_be_undone() {
        let mut review = review();
        review.add_impact_window(EntityId::new("w1"));
        review.add_impact_window(EntityId::new("w2"));
        review
            .impact_window_mut(&EntityId::new("w1"))
            .unwrap()
            .affected = "ingest API".into();
        let err = review
            .set_impact_window_times(
                &EntityId::new("w1"),
                Some(at("2019-11-06T03:00:00Z")),
                Some(at("2019-11-06T02:00:00Z")),
            )
            .unwrap_err();
        assert!(err
            .to_string()
            .starts_with("The impact window \"ingest API\""));
        let (position, window) = review.remove_impact_window(&EntityId::new("w1")).unwrap();
        assert_eq!(review.impact.windows.len(), 1);
        review.restore_impact_window(position, window);
        assert_eq!(review.impact.windows[0].id.as_str(), "w1");
    }

    #[test]
    fn change_kind_only_lives_on_self_change_triggers() {
        let mut review = review();
        review.set_trigger_class(TriggerClass::SelfChangeCaused);
        review.trigger.change_kind = Some(ChangeKind::Config);
        review.set_trigger_class(TriggerClass::ProviderCaused);
        assert_eq!(review.trigger.change_kind, None);
    }
}
