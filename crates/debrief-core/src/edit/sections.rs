//! Adding and removing entries in the analysis sections: people, hypotheses, contributing
//! factors, learnings, interviews and action items. A removal returns what it removed and
//! the links other entries had to it, so Undo restores the review exactly.

use crate::model::{
    ActionItem, ContributingFactor, EntityId, Hypothesis, Interview, Note, Person, Review,
};
use crate::validate::{check_link, ValidationError};

/// Which list of learnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LearningKind {
    WentWell,
    GotLucky,
    Difficult,
}

impl LearningKind {
    pub const ALL: [LearningKind; 3] = [Self::WentWell, Self::GotLucky, Self::Difficult];

    pub fn label(self) -> &'static str {
        match self {
            Self::WentWell => "What went well",
            Self::GotLucky => "Where we got lucky",
            Self::Difficult => "What was difficult or surprising",
        }
    }
}

/// An entry removed from one of the lists, with where it stood.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed<T> {
    position: usize,
    item: T,
}

/// A person removed, with the events, hypotheses and interviews that named them.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedPerson {
    person: Removed<Person>,
    events: Vec<EntityId>,
    hypotheses: Vec<EntityId>,
    interviews: Vec<EntityId>,
}

/// A contributing factor removed, with the action items that addressed it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedFactor {
    factor: Removed<ContributingFactor>,
    /// (action id, position of the link in its list)
    actions: Vec<(EntityId, usize)>,
}

fn take<T>(
    list: &mut Vec<T>,
    id: &EntityId,
    id_of: impl Fn(&T) -> &EntityId,
) -> Option<Removed<T>> {
    let position = list.iter().position(|item| id_of(item) == id)?;
    Some(Removed {
        position,
        item: list.remove(position),
    })
}

fn put_back<T>(list: &mut Vec<T>, removed: Removed<T>) {
    let position = removed.position.min(list.len());
    list.insert(position, removed.item);
}

impl Review {
    pub fn learnings_mut(&mut self, kind: LearningKind) -> &mut Vec<Note> {
        match kind {
            LearningKind::WentWell => &mut self.learnings.went_well,
            LearningKind::GotLucky => &mut self.learnings.got_lucky,
            LearningKind::Difficult => &mut self.learnings.difficult,
        }
    }

    pub fn learnings_of(&self, kind: LearningKind) -> &[Note] {
        match kind {
            LearningKind::WentWell => &self.learnings.went_well,
            LearningKind::GotLucky => &self.learnings.got_lucky,
            LearningKind::Difficult => &self.learnings.difficult,
        }
    }

    pub fn person_mut(&mut self, id: &EntityId) -> Option<&mut Person> {
        self.people.iter_mut().find(|p| &p.id == id)
    }

    pub fn hypothesis_mut(&mut self, id: &EntityId) -> Option<&mut Hypothesis> {
        self.hypotheses.iter_mut().find(|h| &h.id == id)
    }

    pub fn factor_mut(&mut self, id: &EntityId) -> Option<&mut ContributingFactor> {
        self.factors.iter_mut().find(|f| &f.id == id)
    }

    pub fn interview_mut(&mut self, id: &EntityId) -> Option<&mut Interview> {
        self.interviews.iter_mut().find(|i| &i.id == id)
    }

    pub fn action_mut(&mut self, id: &EntityId) -> Option<&mut ActionItem> {
        self.actions.iter_mut().find(|a| &a.id == id)
    }

    /// Sets an action item's tracker link: http(s) only; blank clears it.
    pub fn set_action_link(&mut self, id: &EntityId, link: &str) -> Result<(), ValidationError> {
        let link = match link.trim() {
            "" => None,
            typed => Some(check_link(typed)?),
        };
        if let Some(action) = self.action_mut(id) {
            action.tracker_link = link;
        }
        Ok(())
    }

    pub fn remove_person(&mut self, id: &EntityId) -> Option<RemovedPerson> {
        let person = take(&mut self.people, id, |p| &p.id)?;
        let mut events = Vec::new();
        for event in &mut self.timeline {
            if event.actor.as_ref() == Some(id) {
                event.actor = None;
                events.push(event.id.clone());
            }
        }
        let mut hypotheses = Vec::new();
        for hypothesis in &mut self.hypotheses {
            if hypothesis.raised_by.as_ref() == Some(id) {
                hypothesis.raised_by = None;
                hypotheses.push(hypothesis.id.clone());
            }
        }
        let mut interviews = Vec::new();
        for interview in &mut self.interviews {
            if interview.participant.as_ref() == Some(id) {
                interview.participant = None;
                interviews.push(interview.id.clone());
            }
        }
        Some(RemovedPerson {
            person,
            events,
            hypotheses,
            interviews,
        })
    }

    pub fn restore_person(&mut self, removed: RemovedPerson) {
        let id = removed.person.item.id.clone();
        put_back(&mut self.people, removed.person);
        for event in &mut self.timeline {
            if removed.events.contains(&event.id) {
                event.actor = Some(id.clone());
            }
        }
        for hypothesis in &mut self.hypotheses {
            if removed.hypotheses.contains(&hypothesis.id) {
                hypothesis.raised_by = Some(id.clone());
            }
        }
        for interview in &mut self.interviews {
            if removed.interviews.contains(&interview.id) {
                interview.participant = Some(id.clone());
            }
        }
    }

    pub fn remove_factor(&mut self, id: &EntityId) -> Option<RemovedFactor> {
        let factor = take(&mut self.factors, id, |f| &f.id)?;
        let mut actions = Vec::new();
        for action in &mut self.actions {
            if let Some(at) = action.factors.iter().position(|f| f == id) {
                action.factors.remove(at);
                actions.push((action.id.clone(), at));
            }
        }
        Some(RemovedFactor { factor, actions })
    }

    pub fn restore_factor(&mut self, removed: RemovedFactor) {
        let id = removed.factor.item.id.clone();
        put_back(&mut self.factors, removed.factor);
        for action in &mut self.actions {
            if let Some((_, at)) = removed.actions.iter().find(|(a, _)| a == &action.id) {
                action
                    .factors
                    .insert((*at).min(action.factors.len()), id.clone());
            }
        }
    }

    pub fn remove_hypothesis(&mut self, id: &EntityId) -> Option<Removed<Hypothesis>> {
        take(&mut self.hypotheses, id, |h| &h.id)
    }

    pub fn restore_hypothesis(&mut self, removed: Removed<Hypothesis>) {
        put_back(&mut self.hypotheses, removed);
    }

    pub fn remove_learning(&mut self, kind: LearningKind, id: &EntityId) -> Option<Removed<Note>> {
        take(self.learnings_mut(kind), id, |n| &n.id)
    }

    pub fn restore_learning(&mut self, kind: LearningKind, removed: Removed<Note>) {
        put_back(self.learnings_mut(kind), removed);
    }

    pub fn remove_interview(&mut self, id: &EntityId) -> Option<Removed<Interview>> {
        take(&mut self.interviews, id, |i| &i.id)
    }

    pub fn restore_interview(&mut self, removed: Removed<Interview>) {
        put_back(&mut self.interviews, removed);
    }

    pub fn remove_action(&mut self, id: &EntityId) -> Option<Removed<ActionItem>> {
        take(&mut self.actions, id, |a| &a.id)
    }

    pub fn restore_action(&mut self, removed: Removed<ActionItem>) {
        put_back(&mut self.actions, removed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineEvent;
    use crate::testing::{empty_review, id};
    use crate::validate::validate_review;

    fn review() -> Review {
        let mut review = empty_review();
        review.ensure_person("Avery", id("p1"));
        review.ensure_person("Jordan", id("p2"));
        review.timeline.push(TimelineEvent {
            id: id("e1"),
            actor: Some(id("p1")),
            ..TimelineEvent::default()
        });
        review.hypotheses.push(Hypothesis {
            id: id("h1"),
            raised_by: Some(id("p1")),
            ..Hypothesis::default()
        });
        review.interviews.push(Interview {
            id: id("i1"),
            participant: Some(id("p1")),
            ..Interview::default()
        });
        review.factors.push(ContributingFactor {
            id: id("f1"),
            ..ContributingFactor::default()
        });
        review.actions.push(ActionItem {
            id: id("a1"),
            factors: vec![id("f1")],
            ..ActionItem::default()
        });
        review
    }

    #[test]
    fn removing_a_person_unlinks_them_and_undo_relinks() {
        let mut review = review();
        let before = review.clone();
        let removed = review.remove_person(&id("p1")).unwrap();
        assert!(validate_review(&review).is_empty());
        assert_eq!(review.timeline[0].actor, None);
        assert_eq!(review.interviews[0].participant, None);
        review.restore_person(removed);
        assert_eq!(review, before);
    }

    #[test]
    fn removing_a_factor_unlinks_actions_and_undo_relinks() {
        let mut review = review();
        let before = review.clone();
        let removed = review.remove_factor(&id("f1")).unwrap();
        assert!(review.actions[0].factors.is_empty());
        assert!(validate_review(&review).is_empty());
        review.restore_factor(removed);
        assert_eq!(review, before);
    }

    #[test]
    fn plain_removals_restore_in_place() {
        let mut review = review();
        review.learnings.got_lucky.push(Note {
            id: id("n1"),
            ..Note::default()
        });
        review.learnings.got_lucky.push(Note {
            id: id("n2"),
            ..Note::default()
        });
        let before = review.clone();
        let note = review
            .remove_learning(LearningKind::GotLucky, &id("n1"))
            .unwrap();
        let action = review.remove_action(&id("a1")).unwrap();
        let hypothesis = review.remove_hypothesis(&id("h1")).unwrap();
        let interview = review.remove_interview(&id("i1")).unwrap();
        review.restore_interview(interview);
        review.restore_hypothesis(hypothesis);
        review.restore_action(action);
        review.restore_learning(LearningKind::GotLucky, note);
        assert_eq!(review, before);
    }

    #[test]
    fn action_links_are_web_links_only() {
        let mut review = review();
        assert!(review
            .set_action_link(&id("a1"), "javascript:alert(1)")
            .is_err());
        assert_eq!(review.actions[0].tracker_link, None);
        review
            .set_action_link(&id("a1"), " https://tracker.example/1 ")
            .unwrap();
        assert_eq!(
            review.actions[0].tracker_link.as_deref(),
            Some("https://tracker.example/1")
        );
        review.set_action_link(&id("a1"), "").unwrap();
        assert_eq!(review.actions[0].tracker_link, None);
    }
}
