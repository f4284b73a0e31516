use super::*;
use crate::model::{
    ActionItem, ContributingFactor, Evidence, Hypothesis, ImpactWindow, Interview, Note, Person,
    PromptNote, Quote, TimelineEvent,
};
use proptest::prelude::*;
use LanguageRule::*;

/// The flagged phrases of a text, as typed, with their rules.
fn flagged(text: &str) -> Vec<(&str, LanguageRule)> {
    check_text(text)
        .into_iter()
        .map(|f| (&text[f.start..f.end], f.rule))
        .collect()
}

fn assert_flags(text: &str, phrase: &str, rule: LanguageRule) {
    assert_eq!(flagged(text), [(phrase, rule)], "in {text:?}");
}

fn assert_clean(text: &str) {
    assert_eq!(flagged(text), [], "in {text:?}");
}

#[test]
fn counterfactuals_are_flagged() {
    let cases = [
        ("They should have rolled back sooner.", "should have"),
        ("We should've paged the database team.", "should've"),
        ("She shouldn't have deployed on Friday.", "shouldn't have"),
        ("She shouldn’t have deployed on Friday.", "shouldn’t have"),
        ("He should not have restarted it.", "should not have"),
        ("The on-call could have caught it.", "could have"),
        ("We could’ve known.", "could’ve"),
        ("A dashboard would have shown the spike.", "would have"),
        ("They would've seen it.", "would've"),
        ("Someone ought to have checked.", "ought to have"),
        ("They should have just rolled back.", "should have"),
        ("They should have immediately escalated.", "should have"),
        ("In hindsight, we should have.", "should have"),
        ("If only the alert had fired.", "If only"),
        ("If we had paged earlier, it would be over.", "If we had"),
        (
            "Had they checked the dashboard, they would know.",
            "Had they",
        ),
        ("We'd have known, had we looked.", "had we"),
        ("The responder failed to notice the alert.", "failed to"),
        ("They didn't follow the runbook.", "didn't follow"),
        ("They didn’t follow the runbook.", "didn’t follow"),
        ("They did not follow the runbook.", "did not follow"),
        ("He neglected to update the ticket.", "neglected to"),
        ("She forgot to re-enable the alert.", "forgot to"),
        ("SHOULD HAVE ROLLED BACK", "SHOULD HAVE"),
    ];
    for (text, phrase) in cases {
        assert_flags(text, phrase, Counterfactual);
    }
}

#[test]
fn recommendations_and_facts_are_not_counterfactuals() {
    for text in [
        "Every service should have an owner.",
        "The deploy bot should have read access to the bucket.",
        "The deploy bot should have read-only access.",
        "Services should have alerts on queue depth.",
        "I would have to check the logs.",
        "It could have been much worse.",
        "It could have been a lot worse.",
        "We couldn't have known about the limit.",
        "Nobody could have predicted it.",
        "The job failed to start.",
        "The certificate failed to renew.",
        "We restarted it, if only to rule it out.",
        "Had they seen this before?",
        "We chose to fail over instead of rolling back.",
        "If we had any doubts, we asked.",
    ] {
        assert_clean(text);
    }
}

#[test]
fn missed_and_easy_are_not_flagged() {
    // Decisions documented at the top of the module.
    assert_clean("We missed the alert among forty others.");
    assert_clean("The probe missed three heartbeats.");
    assert_clean("It was an easy mistake to make, and easily reproduced.");
}

#[test]
fn blame_is_flagged() {
    for word in [
        "careless",
        "carelessly",
        "negligent",
        "negligence",
        "sloppy",
        "lazy",
        "reckless",
        "incompetent",
    ] {
        let text = format!("It was {word} work.");
        assert_flags(&text, word, Blame);
    }
    assert_flags("It was Sam's fault.", "Sam's fault", Blame);
    assert_flags("It was Sam’s fault.", "Sam’s fault", Blame);
    assert_flags("Whose fault was it?", "Whose fault", Blame);
    assert_flags("The engineers’ fault.", "engineers’ fault", Blame);
    assert_flags("The operator was at fault.", "at fault", Blame);
    assert_flags("Ops is to blame here.", "to blame", Blame);
    assert_flags("They blamed the new hire.", "blamed", Blame);
}

#[test]
fn blameless_and_technical_words_are_not_blame() {
    for text in [
        "A blameless review.",
        "A blame-free culture.",
        "I ran git blame on the config.",
        "This review is not about blame.",
        "We are not here to assign blame.",
        "They were not careless; the form was confusing.",
        "No one is to blame.",
        "The disk's fault domain was wrong.",
        "It's fault tolerant by design.",
        "We use lazy loading for the index.",
        "Writes go to a sloppy quorum.",
        "We found a fault in the disk.",
    ] {
        assert_clean(text);
    }
}

#[test]
fn human_error_is_flagged_but_not_human_factors() {
    assert_flags("The cause was human error.", "human error", HumanError);
    assert_flags("Classic operator error.", "operator error", HumanError);
    assert_flags("User error, again.", "User error", HumanError);
    assert_flags("Pilot error.", "Pilot error", HumanError);
    assert_flags("We called it human-error.", "human-error", HumanError);
    assert_flags("Too many human errors.", "human errors", HumanError);
    assert_clean("Human factors matter here.");
    assert_clean("The user error rate doubled.");
    assert_clean("User errors are excluded from the SLO.");
    assert_clean("This was not human error.");
}

#[test]
fn root_cause_is_flagged_unless_it_names_a_thing() {
    assert_flags("The root cause was a bad config.", "root cause", RootCause);
    assert_flags("The root-cause was a bad config.", "root-cause", RootCause);
    assert_flags("Both root causes were found.", "root causes", RootCause);
    assert_flags("We root caused it quickly.", "root caused", RootCause);
    assert_flags("Write the RCA by Friday.", "RCA", RootCause);
    assert_flags(
        "We did a root cause analysis of the tool.",
        "root cause analysis",
        RootCause,
    );
    assert_clean("We opened the vendor's root cause analysis tool.");
    assert_clean("The Jira root cause field was empty.");
    assert_clean("There was no single root cause.");
}

#[test]
fn minimising_words_are_flagged() {
    assert_flags("Just restart it.", "Just", Minimising);
    assert_flags("They could just restart it.", "just", Minimising);
    assert_flags("Simply roll back.", "Simply", Minimising);
    assert_flags("Obviously the cache was cold.", "Obviously", Minimising);
    assert_flags("The fix was obvious.", "obvious", Minimising);
    assert_flags("Clearly the dashboard showed it.", "Clearly", Minimising);
    assert_flags("A trivial change.", "trivial", Minimising);
    assert_flags("It was trivially fixable.", "trivially", Minimising);
}

#[test]
fn just_is_flagged_only_as_a_minimiser() {
    for text in [
        "We deploy just-in-time.",
        "It happened just now.",
        "The alert fired just before midnight.",
        "It recovered just after the restart.",
        "It failed just as we deployed.",
        "We kept a copy just in case.",
        "A just-in-case copy.",
        "It arrived just in time.",
        "We had just deployed.",
        "We've just deployed.",
        "We aim for a just culture.",
        "It was not just the cache.",
        "That was just.",
        "just-restart",
    ] {
        assert_clean(text);
    }
}

#[test]
fn manner_adverbs_are_not_minimising() {
    assert_clean("The incident commander communicated clearly.");
    assert_clean("Put simply, the cache was cold.");
    assert_clean("We need to label it more clearly in the UI.");
    assert_clean("It was not obvious at the time.");
    assert_clean("A non-trivial change.");
}

#[test]
fn hindsight_questions_are_flagged() {
    assert_flags(
        "Why didn't they roll back?",
        "Why didn't",
        HindsightQuestion,
    );
    assert_flags("Why didn’t Sam escalate?", "Why didn’t", HindsightQuestion);
    assert_flags(
        "Why did nobody notice?",
        "Why did nobody",
        HindsightQuestion,
    );
    assert_flags(
        "Why did no one notice?",
        "Why did no one",
        HindsightQuestion,
    );
    assert_flags("Why wasn't it caught?", "Why wasn't", HindsightQuestion);
    assert_flags(
        "How could they miss that?",
        "How could they",
        HindsightQuestion,
    );
    assert_clean("Why didn't the alert fire?");
    assert_clean("How could you tell it was the cache?");
    assert_clean("Why don't we add an alert?");
    assert_clean("Could we have detected this sooner?");
}

#[test]
fn quoted_speech_is_not_flagged() {
    for text in [
        "She said \"we should have rolled back\" at 03:10.",
        "She said “we should have rolled back” at 03:10.",
        "The channel read ‘just restart it’ for an hour.",
        "The channel read 'just restart it' for an hour.",
        "Le message disait « just restart it ».",
        "He wrote „it was careless“.",
    ] {
        assert_clean(text);
    }
    // Apostrophes inside words are not quotation marks.
    assert_flags(
        "It's clear they shouldn't have been paged.",
        "shouldn't have",
        Counterfactual,
    );
    assert_flags("Since the ’90s we just restart it.", "just", Minimising);
    assert_flags(
        "‘Restart’ they said; we just restart it.",
        "just",
        Minimising,
    );
}

#[test]
fn an_unclosed_quotation_ends_at_the_line() {
    let text = "He said \"we should have\nThey should have paged.";
    assert_eq!(flagged(text), [("should have", Counterfactual)]);
    assert_eq!(check_text(text)[0].start, text.rfind("should").unwrap());
}

#[test]
fn offsets_are_bytes_into_the_original_text() {
    let text = "İİİ Ünïcödé 🚀 они should have known 日本 — just restart it, Ωmega careless.";
    let found = flagged(text);
    assert_eq!(
        found,
        [
            ("should have", Counterfactual),
            ("just", Minimising),
            ("careless", Blame)
        ]
    );
    // Words with non-ASCII letters are other words, not near-matches.
    assert_clean("İust restart it; carelessß; јust restart it");
}

#[test]
fn findings_are_sorted_and_separate() {
    let text = "Obviously they should have known; it was careless and the root cause was \
                    human error. Why didn't they just restart it?";
    let findings = check_text(text);
    let rules: Vec<_> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [
            Minimising,
            Counterfactual,
            Blame,
            RootCause,
            HumanError,
            HindsightQuestion
        ]
    );
    assert!(findings.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn every_rule_explains_itself() {
    for rule in LanguageRule::ALL {
        assert!(!rule.label().is_empty());
        assert!(rule.explanation().ends_with('.'));
        assert!(!rule.suggestion().is_empty());
    }
}

fn id(value: &str) -> EntityId {
    EntityId::new(value)
}

fn sample_review() -> Review {
    let mut review = Review {
        title: "Ingest outage".into(),
        summary: "The root cause was a bad config.".into(),
        ..Review::default()
    };
    review.impact.statement = "Ingest was simply down.".into();
    review.impact.windows.push(ImpactWindow {
        id: id("w1"),
        affected: "ingest API".into(),
        magnitude: "obviously all requests".into(),
        ..ImpactWindow::default()
    });
    review.trigger.description = "A config push.".into();
    review.people.push(Person {
        id: id("p1"),
        name: "Sam".into(),
        notes: "New to the team.".into(),
        ..Person::default()
    });
    review.timeline.push(TimelineEvent {
        id: id("e1"),
        text: "Sam should have paged the database team much earlier than this".into(),
        ..TimelineEvent::default()
    });
    review.hypotheses.push(Hypothesis {
        id: id("h1"),
        statement: "The cache is cold".into(),
        disproof: "Hit rate is normal".into(),
        evidence: vec![Evidence {
            id: id("ev1"),
            text: "Misses spiked".into(),
            ..Evidence::default()
        }],
        ..Hypothesis::default()
    });
    review.factors.push(ContributingFactor {
        id: id("f1"),
        description: "Human error during the push".into(),
        ..ContributingFactor::default()
    });
    for (list, note_id) in [
        (&mut review.learnings.went_well, "n1"),
        (&mut review.learnings.got_lucky, "n2"),
        (&mut review.learnings.difficult, "n3"),
    ] {
        list.push(Note {
            id: id(note_id),
            text: "Paging worked".into(),
            ..Note::default()
        });
    }
    review.interviews.push(Interview {
        id: id("i1"),
        participant: Some(id("p1")),
        prompt_notes: vec![PromptNote {
            prompt: "What were you seeing?".into(),
            note: "Why didn't they roll back".into(),
        }],
        quotes: vec![Quote {
            id: id("q1"),
            text: "I should have just rolled back, it was careless of me".into(),
            ..Quote::default()
        }],
        notes: "Tired.".into(),
        ..Interview::default()
    });
    review.actions.push(ActionItem {
        id: id("a1"),
        description: "Just add an alert".into(),
        ..ActionItem::default()
    });
    review.deep_analysis.notes = "Seemed trivial at first.".into();
    review
}

#[test]
fn review_fields_have_the_agreed_keys_in_reading_order() {
    let review = sample_review();
    let keys: Vec<String> = review_texts(&review)
        .into_iter()
        .map(|(field, _)| field.key)
        .collect();
    assert_eq!(
        keys,
        [
            "title",
            "summary",
            "impact/statement",
            "impact/w1/affected",
            "impact/w1/magnitude",
            "trigger/description",
            "person/p1/notes",
            "timeline/e1/text",
            "hypothesis/h1/statement",
            "hypothesis/h1/disproof",
            "hypothesis/h1/evidence/ev1",
            "factor/f1/description",
            "learning/n1/text",
            "learning/n2/text",
            "learning/n3/text",
            "interview/i1/prompt/0",
            "interview/i1/notes",
            "action/a1/description",
            "deep-analysis/notes",
        ]
    );
}

#[test]
fn review_fields_have_human_labels() {
    let review = sample_review();
    let labels: Vec<(String, String)> = review_texts(&review)
        .into_iter()
        .map(|(field, _)| (field.key, field.label))
        .collect();
    let label = |key: &str| {
        labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| l.as_str())
            .unwrap()
    };
    assert_eq!(label("summary"), "Summary");
    assert_eq!(
        label("timeline/e1/text"),
        "Timeline event “Sam should have paged the database team…”"
    );
    assert_eq!(
        label("hypothesis/h1/statement"),
        "Hypothesis “The cache is cold”"
    );
    assert_eq!(
        label("hypothesis/h1/evidence/ev1"),
        "Evidence for “The cache is cold”"
    );
    assert_eq!(
        label("factor/f1/description"),
        "Contributing factor “Human error during the push”"
    );
    assert_eq!(label("learning/n2/text"), "Where we got lucky");
    assert_eq!(label("interview/i1/notes"), "Interview notes (Sam)");
    assert_eq!(
        label("action/a1/description"),
        "Action item “Just add an alert”"
    );
    assert_eq!(label("person/p1/notes"), "Notes on Sam");
}

#[test]
fn review_findings_locate_phrases_and_skip_quotes() {
    let review = sample_review();
    let findings = check_review(&review);
    let found: Vec<(&str, &str, LanguageRule)> = findings
        .iter()
        .map(|f| (f.field.key.as_str(), f.phrase.as_str(), f.rule))
        .collect();
    assert_eq!(
        found,
        [
            ("summary", "root cause", RootCause),
            ("impact/statement", "simply", Minimising),
            ("impact/w1/magnitude", "obviously", Minimising),
            ("timeline/e1/text", "should have", Counterfactual),
            ("factor/f1/description", "Human error", HumanError),
            ("interview/i1/prompt/0", "Why didn't", HindsightQuestion),
            ("action/a1/description", "Just", Minimising),
            ("deep-analysis/notes", "trivial", Minimising),
        ]
    );
    for finding in &findings {
        assert_eq!(&finding.text[finding.start..finding.end], finding.phrase);
    }
}

#[test]
fn dismissed_findings_stay_dismissed() {
    let mut review = sample_review();
    review.timeline[0].text = "Sam should have paged. Later we should have paged again.".into();
    let before = check_review(&review);
    let first = before
        .iter()
        .find(|f| f.field.key == "timeline/e1/text")
        .unwrap();
    let dismissed = dismissal(first);
    assert_eq!(
        dismissed,
        DismissedFinding {
            field: "timeline/e1/text".into(),
            phrase: "should have".into(),
        }
    );
    review.dismissed_findings.push(dismissed);
    // The phrase is dismissed in that field, wherever it occurs there, and only there.
    review.summary = "They should have paged.".into();
    let after = check_review(&review);
    assert!(after.iter().all(|f| f.field.key != "timeline/e1/text"));
    assert!(after
        .iter()
        .any(|f| f.field.key == "summary" && f.rule == Counterfactual));
}

#[test]
fn dismissals_ignore_case_apostrophes_and_spacing() {
    let mut review = Review {
        summary: "They Shouldn’t  Have paged.".into(),
        ..Review::default()
    };
    review.dismissed_findings.push(DismissedFinding {
        field: "summary".into(),
        phrase: "shouldn't have".into(),
    });
    assert_eq!(check_review(&review), []);
}

/// Words the patterns care about, mixed with punctuation and awkward characters, so random
/// texts reach the guards rather than only the tokenizer.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "just", "should", "have", "’ve", "n't", "root", "cause", "analysis", "tool", "had",
            "they", "why", "didn't", "not", "the", "in", "case", "been", "worse", "fault", "Sam's",
            "human", "error", "clearly", "git", "blame", "if", "only",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            " ", " ", " ", "-", "'", "’", "‘", "\"", "“", "”", "«", "»", "„", ".", ",", "?", "\n",
            "İ", "ß", "🚀", "\u{301}", "\u{2028}",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn assert_well_formed(text: &str) {
    let findings = check_text(text);
    for finding in &findings {
        assert!(finding.start < finding.end);
        assert!(text.is_char_boundary(finding.start));
        assert!(text.is_char_boundary(finding.end));
        assert!(finding.end <= text.len());
    }
    assert!(findings.windows(2).all(|w| w[0].end <= w[1].start));
}

proptest! {
    #[test]
    fn any_text_is_checked_without_panicking(text in any::<String>()) {
        assert_well_formed(&text);
    }

    #[test]
    fn texts_full_of_patterns_are_checked_without_panicking(text in texty()) {
        assert_well_formed(&text);
    }
}
