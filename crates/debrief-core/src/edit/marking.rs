//! Marking many entries at once: public or internal, key or not. Real reviews have dozens of
//! events and factors to mark before publishing; one editor per entry is too slow. Every
//! bulk change returns what it replaced, so Undo puts back exactly the earlier marks.

use crate::model::{EntityId, Review, Visibility};
use std::collections::{HashMap, HashSet};

/// The marks a bulk change replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarksBefore {
    visibility: Vec<(EntityId, Visibility)>,
    key: Vec<(EntityId, bool)>,
}

impl MarksBefore {
    /// How many entries the change touched.
    pub fn changed(&self) -> usize {
        self.visibility.len() + self.key.len()
    }
}

impl Review {
    /// Every entry that can be public or internal and goes into a report by that choice:
    /// events, hypotheses, factors, learning notes (and, with `quotes`, interview quotes).
    fn visibilities_mut(&mut self, quotes: bool) -> Vec<(&EntityId, &mut Visibility)> {
        let Review {
            timeline,
            hypotheses,
            factors,
            learnings,
            interviews,
            ..
        } = self;
        let mut all: Vec<(&EntityId, &mut Visibility)> = Vec::new();
        all.extend(timeline.iter_mut().map(|e| (&e.id, &mut e.visibility)));
        all.extend(hypotheses.iter_mut().map(|h| (&h.id, &mut h.visibility)));
        all.extend(factors.iter_mut().map(|f| (&f.id, &mut f.visibility)));
        for list in [
            &mut learnings.went_well,
            &mut learnings.got_lucky,
            &mut learnings.difficult,
        ] {
            all.extend(list.iter_mut().map(|n| (&n.id, &mut n.visibility)));
        }
        if quotes {
            for interview in interviews.iter_mut() {
                all.extend(
                    interview
                        .quotes
                        .iter_mut()
                        .map(|q| (&q.id, &mut q.visibility)),
                );
            }
        }
        all
    }

    /// Marks the entries with these ids public or internal; ids of other entries are ignored.
    pub fn set_visibility_of(&mut self, ids: &HashSet<EntityId>, to: Visibility) -> MarksBefore {
        let mut before = MarksBefore::default();
        for (id, visibility) in self.visibilities_mut(true) {
            if ids.contains(id) && *visibility != to {
                before.visibility.push((id.clone(), *visibility));
                *visibility = to;
            }
        }
        before
    }

    /// Marks the events with these ids key (or not).
    pub fn set_key_of(&mut self, ids: &HashSet<EntityId>, key: bool) -> MarksBefore {
        let mut before = MarksBefore::default();
        for event in &mut self.timeline {
            if ids.contains(&event.id) && event.key != key {
                before.key.push((event.id.clone(), event.key));
                event.key = key;
            }
        }
        before
    }

    /// For teams that publish whole reviews: every event, hypothesis, factor and learning
    /// public. Interview quotes are left as they are: what someone said in confidence is
    /// published one quote at a time, by choice. The pre-publish check still runs on all of it.
    pub fn make_everything_public(&mut self) -> MarksBefore {
        let mut before = MarksBefore::default();
        for (id, visibility) in self.visibilities_mut(false) {
            if *visibility != Visibility::Public {
                before.visibility.push((id.clone(), *visibility));
                *visibility = Visibility::Public;
            }
        }
        before
    }

    /// How many entries [`Review::make_everything_public`] would change.
    pub fn internal_entries(&self) -> usize {
        let learnings = &self.learnings;
        let internal = |v: &Visibility| *v == Visibility::Internal;
        self.timeline
            .iter()
            .filter(|e| internal(&e.visibility))
            .count()
            + self
                .hypotheses
                .iter()
                .filter(|h| internal(&h.visibility))
                .count()
            + self
                .factors
                .iter()
                .filter(|f| internal(&f.visibility))
                .count()
            + [
                &learnings.went_well,
                &learnings.got_lucky,
                &learnings.difficult,
            ]
            .into_iter()
            .flatten()
            .filter(|n| internal(&n.visibility))
            .count()
    }

    /// Puts back the marks a bulk change replaced (entries removed since are skipped).
    pub fn restore_marks(&mut self, before: &MarksBefore) {
        let visibility: HashMap<&EntityId, Visibility> =
            before.visibility.iter().map(|(id, v)| (id, *v)).collect();
        for (id, current) in self.visibilities_mut(true) {
            if let Some(earlier) = visibility.get(id) {
                *current = *earlier;
            }
        }
        let key: HashMap<&EntityId, bool> = before.key.iter().map(|(id, k)| (id, *k)).collect();
        for event in &mut self.timeline {
            if let Some(earlier) = key.get(&event.id) {
                event.key = *earlier;
            }
        }
    }
}

#[cfg(all(test, feature = "bundled-zones"))]
mod tests {
    use crate::model::{EntityId, Review, Visibility};
    use crate::testing::seed_incident;
    use std::collections::HashSet;

    fn ids(review: &Review, take: usize) -> HashSet<EntityId> {
        review
            .timeline
            .iter()
            .take(take)
            .map(|e| e.id.clone())
            .collect()
    }

    #[test]
    fn marking_several_events_public_and_key_is_undone_exactly() {
        let mut review = seed_incident();
        review.timeline[1].visibility = Visibility::Public;
        let original = review.clone();
        let chosen = ids(&review, 3);
        let made_public = review.set_visibility_of(&chosen, Visibility::Public);
        // The one already public is not counted as changed.
        assert_eq!(made_public.changed(), 2);
        assert!(review.timeline[..3]
            .iter()
            .all(|e| e.visibility == Visibility::Public));
        let keyed = review.set_key_of(&chosen, true);
        assert!(review.timeline[..3].iter().all(|e| e.key));
        review.restore_marks(&keyed);
        review.restore_marks(&made_public);
        assert_eq!(review, original);
    }

    #[test]
    fn everything_public_leaves_interview_quotes_alone() {
        let mut review = seed_incident();
        let original = review.clone();
        let internal = review.internal_entries();
        let before = review.make_everything_public();
        assert_eq!(before.changed(), internal);
        assert_eq!(review.internal_entries(), 0);
        assert!(review
            .timeline
            .iter()
            .all(|e| e.visibility == Visibility::Public));
        assert!(review
            .factors
            .iter()
            .all(|f| f.visibility == Visibility::Public));
        for (now, then) in review.interviews.iter().zip(&original.interviews) {
            assert_eq!(now.quotes, then.quotes);
        }
        review.restore_marks(&before);
        assert_eq!(review, original);
    }
}
