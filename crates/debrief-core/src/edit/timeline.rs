//! Edits of the timeline and of the people events name.

use crate::model::{EntityId, Person, Review, TimelineEvent};
use crate::validate::{check_link, check_order, ValidationError};

/// An event taken out of the timeline, with every link other entries had to it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedEvent {
    position: usize,
    event: TimelineEvent,
    raised_hypotheses: Vec<EntityId>,
    evidence: Vec<EntityId>,
    /// (factor or note id, position of the link in its list)
    linked_from: Vec<(EntityId, usize)>,
}

impl RemovedEvent {
    pub fn event(&self) -> &TimelineEvent {
        &self.event
    }
}

fn check_event(event: &TimelineEvent) -> Result<(), ValidationError> {
    check_order(event.at.as_ref(), event.end.as_ref(), || {
        "This event".to_owned()
    })?;
    if let Some(link) = &event.source.link {
        check_link(link)?;
    }
    Ok(())
}

impl Review {
    /// Every list of event links (factors' and learnings'), with the id of its owner.
    fn event_link_lists(&mut self) -> impl Iterator<Item = (&EntityId, &mut Vec<EntityId>)> {
        let factors = self.factors.iter_mut().map(|f| (&f.id, &mut f.events));
        let notes = self
            .learnings
            .went_well
            .iter_mut()
            .chain(&mut self.learnings.got_lucky)
            .chain(&mut self.learnings.difficult)
            .map(|n| (&n.id, &mut n.events));
        factors.chain(notes)
    }

    pub fn event(&self, id: &EntityId) -> Option<&TimelineEvent> {
        self.timeline.iter().find(|e| &e.id == id)
    }

    pub fn person(&self, id: &EntityId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    /// The person called `name` (ignoring case and surrounding spaces), added with `new_id`
    /// when there is none yet. `None` for a blank name.
    pub fn ensure_person(&mut self, name: &str, new_id: EntityId) -> Option<EntityId> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(person) = self
            .people
            .iter()
            .find(|p| p.name.trim().eq_ignore_ascii_case(name) || p.name.trim() == name)
        {
            return Some(person.id.clone());
        }
        self.people.push(Person {
            id: new_id.clone(),
            name: name.to_owned(),
            ..Person::default()
        });
        Some(new_id)
    }

    /// Adds an event after checking its times and link.
    pub fn add_event(&mut self, event: TimelineEvent) -> Result<(), ValidationError> {
        check_event(&event)?;
        self.timeline.push(event);
        Ok(())
    }

    /// Changes one event; refused (and nothing changes) if the result breaks a rule.
    pub fn update_event(
        &mut self,
        id: &EntityId,
        change: impl FnOnce(&mut TimelineEvent),
    ) -> Result<(), ValidationError> {
        let Some(event) = self.timeline.iter_mut().find(|e| &e.id == id) else {
            return Ok(());
        };
        let mut draft = event.clone();
        change(&mut draft);
        check_event(&draft)?;
        *event = draft;
        Ok(())
    }

    /// Removes an event and every link to it, returning all of it for undo.
    pub fn remove_event(&mut self, id: &EntityId) -> Option<RemovedEvent> {
        let position = self.timeline.iter().position(|e| &e.id == id)?;
        let event = self.timeline.remove(position);
        let mut raised_hypotheses = Vec::new();
        let mut evidence = Vec::new();
        for hypothesis in &mut self.hypotheses {
            if hypothesis.raised_in_event.as_ref() == Some(id) {
                hypothesis.raised_in_event = None;
                raised_hypotheses.push(hypothesis.id.clone());
            }
            for item in &mut hypothesis.evidence {
                if item.event.as_ref() == Some(id) {
                    item.event = None;
                    evidence.push(item.id.clone());
                }
            }
        }
        let mut linked_from = Vec::new();
        for (owner, events) in self.event_link_lists() {
            if let Some(at) = events.iter().position(|e| e == id) {
                events.remove(at);
                linked_from.push((owner.clone(), at));
            }
        }
        Some(RemovedEvent {
            position,
            event,
            raised_hypotheses,
            evidence,
            linked_from,
        })
    }

    /// Puts a removed event back, with the links whose owners still exist.
    pub fn restore_event(&mut self, removed: RemovedEvent) {
        let id = removed.event.id.clone();
        let position = removed.position.min(self.timeline.len());
        self.timeline.insert(position, removed.event);
        for hypothesis in &mut self.hypotheses {
            if removed.raised_hypotheses.contains(&hypothesis.id) {
                hypothesis.raised_in_event = Some(id.clone());
            }
            for item in &mut hypothesis.evidence {
                if removed.evidence.contains(&item.id) {
                    item.event = Some(id.clone());
                }
            }
        }
        for (owner, events) in self.event_link_lists() {
            if let Some((_, at)) = removed.linked_from.iter().find(|(o, _)| o == owner) {
                events.insert((*at).min(events.len()), id.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContributingFactor, Evidence, Hypothesis, Note};
    use crate::testing::at;
    use crate::testing::{empty_review, id};
    use crate::validate::validate_review;

    fn review() -> Review {
        let mut review = empty_review();
        for (event_id, time) in [
            ("e1", "2019-11-06T03:00:00-08:00"),
            ("e2", "2019-11-06T04:00:00-08:00"),
        ] {
            review
                .add_event(TimelineEvent {
                    id: id(event_id),
                    at: Some(at(time)),
                    text: format!("event {event_id}"),
                    ..TimelineEvent::default()
                })
                .unwrap();
        }
        review
    }

    #[test]
    fn people_are_found_by_name_or_added_once() {
        let mut review = review();
        assert_eq!(review.ensure_person("  ", id("x")), None);
        let avery = review.ensure_person("Avery", id("p1")).unwrap();
        assert_eq!(review.ensure_person(" avery ", id("p2")).unwrap(), avery);
        assert_eq!(review.people.len(), 1);
        // Non-ASCII names match exactly.
        let zoe = review.ensure_person("Zoë", id("p3")).unwrap();
        assert_eq!(review.ensure_person("Zoë", id("p4")).unwrap(), zoe);
        assert_eq!(review.people.len(), 2);
    }

    #[test]
    fn event_edits_are_checked() {
        let mut review = review();
        let err = review
            .update_event(&id("e1"), |e| e.end = Some(at("2019-11-06T02:00:00-08:00")))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "This event ends before it starts. Check the two times."
        );
        assert_eq!(review.event(&id("e1")).unwrap().end, None);
        let err = review
            .update_event(&id("e1"), |e| {
                e.source.link = Some("javascript:alert(1)".into())
            })
            .unwrap_err();
        assert!(matches!(err, ValidationError::UnsafeLink { .. }));
        review
            .update_event(&id("e1"), |e| e.text = "edited".into())
            .unwrap();
        assert_eq!(review.event(&id("e1")).unwrap().text, "edited");
    }

    #[test]
    fn removing_an_event_unlinks_it_and_undo_relinks_it() {
        let mut review = review();
        review.hypotheses.push(Hypothesis {
            id: id("h1"),
            raised_in_event: Some(id("e1")),
            evidence: vec![Evidence {
                id: id("v1"),
                event: Some(id("e1")),
                ..Evidence::default()
            }],
            ..Hypothesis::default()
        });
        review.factors.push(ContributingFactor {
            id: id("f1"),
            events: vec![id("e2"), id("e1")],
            ..ContributingFactor::default()
        });
        review.learnings.went_well.push(Note {
            id: id("n1"),
            events: vec![id("e1")],
            ..Note::default()
        });
        let before = review.clone();

        let removed = review.remove_event(&id("e1")).unwrap();
        assert!(
            validate_review(&review).is_empty(),
            "{:?}",
            validate_review(&review)
        );
        assert_eq!(review.factors[0].events, vec![id("e2")]);
        assert_eq!(review.hypotheses[0].raised_in_event, None);

        review.restore_event(removed);
        assert_eq!(review, before);
        assert!(review.remove_event(&id("missing")).is_none());
    }
}
