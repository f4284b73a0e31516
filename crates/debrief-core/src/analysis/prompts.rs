//! The interview prompt bank: open questions for a one-on-one conversation with someone who
//! took part in the incident.
//!
//! The aim of these interviews is to learn how the incident looked from inside it: what the
//! participant knew, saw and expected at each moment, and why their actions made sense to them
//! then. So every prompt is open (it cannot be answered with "yes" or "no"), treats the
//! participant as the expert on their own experience, and avoids hindsight: no "why didn't
//! you", no talk of what someone "should" have done. A test below holds the whole bank to that.
//!
//! Interviews store a prompt's *text* ([`crate::model::PromptNote::prompt`]), so rewording a
//! prompt here detaches notes already taken against the old wording; [`prompt_by_text`] then
//! returns `None` for them and the note is shown on its own, with its stored text. Add new
//! prompts rather than rewording old ones, and never reuse an id.

/// The themes of an interview, in the order an interviewer usually moves through them: from
/// the participant's arrival, through what they saw and believed, to their reflections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptGroup {
    HowTheyCameIn,
    OrderOfEvents,
    WhatNormalLookedLike,
    WhatTheyWereLookingAt,
    Confidence,
    HowItWasDoneBefore,
    OnCallLoadAndFatigue,
    Reflection,
}

impl PromptGroup {
    pub const ALL: [PromptGroup; 8] = [
        Self::HowTheyCameIn,
        Self::OrderOfEvents,
        Self::WhatNormalLookedLike,
        Self::WhatTheyWereLookingAt,
        Self::Confidence,
        Self::HowItWasDoneBefore,
        Self::OnCallLoadAndFatigue,
        Self::Reflection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::HowTheyCameIn => "How they came in",
            Self::OrderOfEvents => "Order of events",
            Self::WhatNormalLookedLike => "What normal looked like",
            Self::WhatTheyWereLookingAt => "What they were looking at",
            Self::Confidence => "Confidence",
            Self::HowItWasDoneBefore => "How it was done before",
            Self::OnCallLoadAndFatigue => "On-call load and fatigue",
            Self::Reflection => "Reflection",
        }
    }

    /// One line for the interviewer: what this group of prompts is for.
    pub fn purpose(self) -> &'static str {
        match self {
            Self::HowTheyCameIn => {
                "Start wide: let them tell it their way and learn where they were when it began."
            }
            Self::OrderOfEvents => {
                "Rebuild the sequence as they lived it; compare it with chat and alert times later."
            }
            Self::WhatNormalLookedLike => {
                "When they say something looked wrong, find out what right looks like to them."
            }
            Self::WhatTheyWereLookingAt => {
                "Learn which screens and signals shaped their picture, and what was unclear."
            }
            Self::Confidence => {
                "Gauge how sure they felt and what moved it; it shows where the response anchored."
            }
            Self::HowItWasDoneBefore => {
                "Surface experience, habits and knowledge that only some people hold."
            }
            Self::OnCallLoadAndFatigue => {
                "Understand the load, hour and pressures they worked under, not to judge them."
            }
            Self::Reflection => {
                "Close by letting them judge the response themselves and raise what we missed."
            }
        }
    }
}

/// One prompt from the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InterviewPrompt {
    /// Stable identifier ("normal-1"); never reused for a different question.
    pub id: &'static str,
    pub group: PromptGroup,
    pub text: &'static str,
}

const fn prompt(id: &'static str, group: PromptGroup, text: &'static str) -> InterviewPrompt {
    InterviewPrompt { id, group, text }
}

/// The whole bank, grouped, in the order an interviewer would offer it.
pub const INTERVIEW_PROMPTS: &[InterviewPrompt] = {
    use PromptGroup::*;
    &[
        // How they came in
        prompt(
            "came-in-1",
            HowTheyCameIn,
            "Tell me about the incident as you experienced it, starting wherever it started for you.",
        ),
        prompt(
            "came-in-2",
            HowTheyCameIn,
            "How did you first hear that something was going on?",
        ),
        prompt(
            "came-in-3",
            HowTheyCameIn,
            "What were you in the middle of when this reached you?",
        ),
        prompt(
            "came-in-4",
            HowTheyCameIn,
            "Who was already involved when you joined, and what were they working on?",
        ),
        // Order of events
        prompt(
            "order-1",
            OrderOfEvents,
            "Walk me through what happened next, in the order you remember it.",
        ),
        prompt(
            "order-2",
            OrderOfEvents,
            "Here is something you wrote in the channel at the time. What was on your mind when you wrote it?",
        ),
        prompt(
            "order-3",
            OrderOfEvents,
            "At what point did your picture of what was going on start to change?",
        ),
        prompt(
            "order-4",
            OrderOfEvents,
            "What else was happening in parallel that you were aware of?",
        ),
        // What normal looked like
        prompt(
            "normal-1",
            WhatNormalLookedLike,
            "You said something looked off. What does it look like on an ordinary day?",
        ),
        prompt(
            "normal-2",
            WhatNormalLookedLike,
            "How would you describe this system on a healthy day to someone who has recently joined the team?",
        ),
        prompt(
            "normal-3",
            WhatNormalLookedLike,
            "Which signals tell you, day to day, that things are fine?",
        ),
        prompt(
            "normal-4",
            WhatNormalLookedLike,
            "What set this apart from the everyday noise you usually see?",
        ),
        // What they were looking at
        prompt(
            "looking-1",
            WhatTheyWereLookingAt,
            "Which dashboards, logs or tools did you have open, and what were they showing you?",
        ),
        prompt(
            "looking-2",
            WhatTheyWereLookingAt,
            "What stood out to you as important in that moment?",
        ),
        prompt(
            "looking-3",
            WhatTheyWereLookingAt,
            "What was confusing, ambiguous or hard to read while it was unfolding?",
        ),
        prompt(
            "looking-4",
            WhatTheyWereLookingAt,
            "What were you trying to find out that was hard to see?",
        ),
        // Confidence
        prompt(
            "confidence-1",
            Confidence,
            "How comfortable did you feel sizing up the situation when you joined?",
        ),
        prompt(
            "confidence-2",
            Confidence,
            "What explanation were you working with at the time, and what made it seem likely?",
        ),
        prompt(
            "confidence-3",
            Confidence,
            "How did your sense of certainty shift as the incident went on, and what moved it?",
        ),
        prompt(
            "confidence-4",
            Confidence,
            "Tell me about a moment when the next step felt unclear.",
        ),
        // How it was done before
        prompt(
            "before-1",
            HowItWasDoneBefore,
            "How long have you worked with this system, and how did you come to know it?",
        ),
        prompt(
            "before-2",
            HowItWasDoneBefore,
            "How have you seen situations like this handled in the past?",
        ),
        prompt(
            "before-3",
            HowItWasDoneBefore,
            "What earlier incidents or projects did this remind you of?",
        ),
        prompt(
            "before-4",
            HowItWasDoneBefore,
            "What do you know about how this part works that you suspect others might not?",
        ),
        // On-call load and fatigue
        prompt(
            "load-1",
            OnCallLoadAndFatigue,
            "How often are you on call for things like this, and who else covers them?",
        ),
        prompt(
            "load-2",
            OnCallLoadAndFatigue,
            "What else was competing for your attention around that time?",
        ),
        prompt(
            "load-3",
            OnCallLoadAndFatigue,
            "Tell me about your day before this began: the hour, how rested you felt, what else had come up.",
        ),
        prompt(
            "load-4",
            OnCallLoadAndFatigue,
            "What deadlines, launches or other pressures were on you or your team that week?",
        ),
        // Reflection
        prompt(
            "reflection-1",
            Reflection,
            "Looking back, how do you feel the response went?",
        ),
        prompt(
            "reflection-2",
            Reflection,
            "What surprised you, during the incident or since?",
        ),
        prompt(
            "reflection-3",
            Reflection,
            "What went well that others might not have noticed?",
        ),
        prompt(
            "reflection-4",
            Reflection,
            "What would you want someone new to the team to take away from this?",
        ),
        prompt(
            "reflection-5",
            Reflection,
            "What is on your mind about this incident that we have not talked about yet?",
        ),
    ]
};

/// The prompts of one group, in bank order.
pub fn prompts_in(group: PromptGroup) -> impl Iterator<Item = &'static InterviewPrompt> {
    INTERVIEW_PROMPTS.iter().filter(move |p| p.group == group)
}

/// The bank prompt whose text an interview note stores, if it is still in the bank.
/// Surrounding whitespace is ignored; the wording must otherwise match exactly.
pub fn prompt_by_text(text: &str) -> Option<&'static InterviewPrompt> {
    let text = text.trim();
    INTERVIEW_PROMPTS.iter().find(|p| p.text == text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// Hindsight and blame words. Fragments such as "fail" also catch "failed" and "failure".
    const BANNED_FRAGMENTS: &[&str] = &[
        "should",
        "could have",
        "why didn't",
        "fail",
        "mistake",
        "error",
        "root cause",
        " just ",
        "simply",
        "obviously",
    ];

    /// Openers that invite a yes or a no.
    const CLOSED_OPENERS: &[&str] = &[
        "did", "didn't", "do", "does", "is", "isn't", "are", "was", "wasn't", "were", "weren't",
        "have", "has", "had", "can", "could", "would", "will", "should",
    ];

    const INVITATIONS: &[&str] = &["Tell me", "Walk me through"];

    fn normalised(text: &str) -> String {
        // Pad with spaces so " just " also catches the word at either end, and fold typographic
        // apostrophes so "why didn’t" cannot slip through.
        format!(" {} ", text.to_lowercase().replace('\u{2019}', "'"))
    }

    /// What is wrong with a prompt's wording, if anything.
    fn wording_problem(prompt: &str) -> Option<String> {
        let text = normalised(prompt);
        if let Some(banned) = BANNED_FRAGMENTS.iter().find(|b| text.contains(*b)) {
            return Some(format!("contains {banned:?}"));
        }
        // "just" followed by punctuation evades " just "; check whole words as well.
        let mut words = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty());
        if words.clone().any(|w| w == "just") {
            return Some("contains \"just\"".into());
        }
        let first_word = words.next().unwrap_or_default();
        if CLOSED_OPENERS.contains(&first_word) {
            return Some("reads as a yes/no question".into());
        }
        // "Why" tends to be heard as a demand for justification; ask "what" or "how".
        if first_word == "why" {
            return Some("starts with \"why\"".into());
        }
        if !(prompt.ends_with('?') || INVITATIONS.iter().any(|i| prompt.starts_with(i))) {
            return Some("is neither a question nor an invitation".into());
        }
        if prompt != prompt.trim() {
            return Some("has surrounding whitespace".into());
        }
        None
    }

    #[test]
    fn the_bank_is_open_and_free_of_blame() {
        assert!(INTERVIEW_PROMPTS.len() >= 24);
        for p in INTERVIEW_PROMPTS {
            if let Some(problem) = wording_problem(p.text) {
                panic!("{} {problem}: {}", p.id, p.text);
            }
        }
    }

    #[test]
    fn the_wording_check_catches_leading_and_blaming_prompts() {
        for bad in [
            "Why didn\u{2019}t you roll back sooner?",
            "What should the on-call have done?",
            "What could have gone differently?",
            "What made the deploy fail?",
            "Which mistake started it?",
            "What was the root cause?",
            "How was it not simply a typo?",
            "What was obviously wrong?",
            "Was it a typo, just?",
            "Did you look at the dashboard?",
            "Were you tired?",
            "Why did you restart it?",
            "Describe the outage.",
            "Which Error message came up?",
        ] {
            assert!(wording_problem(bad).is_some(), "{bad}");
        }
        for good in [
            "What did you notice first?",
            "Tell me about the dashboard.",
            "Walk me through the rollback.",
            "How did the adjustment feel?",
        ] {
            assert_eq!(wording_problem(good), None, "{good}");
        }
    }

    #[test]
    fn ids_and_texts_are_unique_and_tidy() {
        let mut ids = HashSet::new();
        let mut texts = HashSet::new();
        // Every id is "<group stem>-<n>", and each group has exactly one stem.
        let mut stems: HashMap<PromptGroup, &str> = HashMap::new();
        for p in INTERVIEW_PROMPTS {
            assert!(ids.insert(p.id), "duplicate id {}", p.id);
            assert!(texts.insert(p.text), "duplicate text in {}", p.id);
            assert!(
                p.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                p.id
            );
            let (stem, n) = p.id.rsplit_once('-').expect("id has a number");
            assert!(n.parse::<u32>().is_ok(), "{}", p.id);
            assert_eq!(*stems.entry(p.group).or_insert(stem), stem, "{}", p.id);
        }
        let distinct: HashSet<&str> = stems.values().copied().collect();
        assert_eq!(distinct.len(), stems.len(), "two groups share an id stem");
    }

    #[test]
    fn every_group_has_prompts_and_a_purpose() {
        let distinct: HashSet<PromptGroup> = PromptGroup::ALL.into_iter().collect();
        assert_eq!(distinct.len(), PromptGroup::ALL.len());
        for group in PromptGroup::ALL {
            assert!(prompts_in(group).count() >= 2, "{group:?}");
            assert!(prompts_in(group).all(|p| p.group == group));
            assert!(!group.label().is_empty());
            assert!(group.purpose().ends_with('.'), "{group:?}");
        }
        let grouped: usize = PromptGroup::ALL
            .into_iter()
            .map(|g| prompts_in(g).count())
            .sum();
        assert_eq!(grouped, INTERVIEW_PROMPTS.len());
    }

    #[test]
    fn the_bank_lists_groups_together_in_interview_order() {
        let order: Vec<PromptGroup> = INTERVIEW_PROMPTS.iter().map(|p| p.group).collect();
        let mut seen = Vec::new();
        for group in order {
            if seen.last() != Some(&group) {
                assert!(!seen.contains(&group), "{group:?} is split up");
                seen.push(group);
            }
        }
        assert_eq!(seen, PromptGroup::ALL);
    }

    #[test]
    fn prompts_are_found_by_their_stored_text() {
        for p in INTERVIEW_PROMPTS {
            assert_eq!(prompt_by_text(p.text), Some(p));
        }
        let normal = INTERVIEW_PROMPTS
            .iter()
            .find(|p| p.id == "normal-1")
            .unwrap();
        assert_eq!(
            prompt_by_text(&format!("  {}\n", normal.text)).map(|p| p.id),
            Some("normal-1")
        );
        assert_eq!(
            prompt_by_text("A question the analyst wrote themselves?"),
            None
        );
        assert_eq!(prompt_by_text(""), None);
    }
}
