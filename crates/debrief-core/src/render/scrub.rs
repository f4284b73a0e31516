//! Rewriting free text for the public report: people's names become their aliases, then the
//! review's redaction terms their replacements.
//!
//! Every term of one kind is looked up together in a [`TermSet`], a trie over the terms'
//! lower-cased characters walked once from each position of the text. The cost grows with
//! the text and the longest term, not with the number of terms: a review with 300 people
//! and 300 redactions costs little more than one with three.
//!
//! Short names and initials ("AN", "Will") match only in their exact letter case, because
//! in any other case they are ordinary words ("an", "will"). Every replacement can be
//! recorded with its sentence for the pre-publish check, and the analyst can keep a term as
//! written in one sentence ([`KeptAsWritten`]).

use super::public::public_aliases;
use crate::model::{KeptAsWritten, Person, Redaction, Review};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

pub(crate) type Span = std::ops::Range<usize>;

/// One term to find and what to put in its place.
pub(crate) struct Term {
    find: String,
    replace: String,
    match_case: bool,
    /// Only where the match is not part of a longer word ("Al" must not hit "Also").
    whole_word: bool,
}

impl Term {
    /// A person's name or a part of it, replaced by `replace`. One word (a first name,
    /// initials) matches only as written; a full name of several words in any case.
    pub(crate) fn name(find: &str, replace: &str) -> Self {
        let find = find.split_whitespace().collect::<Vec<_>>().join(" ");
        Self {
            match_case: !find.contains(' '),
            find,
            replace: replace.to_owned(),
            whole_word: true,
        }
    }

    /// A redaction term. Usually host names or code names that appear inside longer tokens
    /// ("db-prod" in "db-prod-2"): it matches in any case, inside words too, so more is
    /// redacted rather than less.
    fn redaction(redaction: &Redaction) -> Self {
        Self {
            find: redaction.term.trim().to_owned(),
            replace: redaction.replacement.clone(),
            match_case: false,
            whole_word: false,
        }
    }

    /// Whether `text[start..end]`, which matched this term ignoring case, is a match.
    fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        if self.match_case && text[start..end] != self.find {
            return false;
        }
        if self.whole_word {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                return false;
            }
        }
        true
    }
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[derive(Default)]
struct Node {
    /// Children by lower-cased character, sorted for binary search.
    next: Vec<(char, u32)>,
    /// The terms whose lower-cased text ends here, in the order they were listed.
    ends: Vec<u32>,
}

/// Terms looked up together. At each position the longest term that matches wins (so
/// "ingest-7.internal" wins over "ingest"); of equally long ones, the first listed.
#[derive(Default)]
pub(crate) struct TermSet {
    terms: Vec<Term>,
    nodes: Vec<Node>,
}

impl TermSet {
    pub(crate) fn new(terms: Vec<Term>) -> Self {
        let mut nodes = vec![Node::default()];
        for (index, term) in terms.iter().enumerate() {
            if term.find.is_empty() {
                continue;
            }
            let mut at = 0usize;
            for c in term.find.chars().flat_map(char::to_lowercase) {
                at = match nodes[at].next.binary_search_by_key(&c, |(k, _)| *k) {
                    Ok(found) => nodes[at].next[found].1 as usize,
                    Err(slot) => {
                        nodes.push(Node::default());
                        let child = nodes.len() - 1;
                        nodes[at].next.insert(slot, (c, child as u32));
                        child
                    }
                };
            }
            nodes[at].ends.push(index as u32);
        }
        Self { terms, nodes }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The longest term matching at byte `at` of `text`: its byte length and index.
    fn match_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let mut node = 0usize;
        let mut best = None;
        for (offset, c) in text[at..].char_indices() {
            for lower in c.to_lowercase() {
                let next = &self.nodes[node].next;
                match next.binary_search_by_key(&lower, |(k, _)| *k) {
                    Ok(found) => node = next[found].1 as usize,
                    Err(_) => return best,
                }
            }
            let end = at + offset + c.len_utf8();
            if let Some(&term) = self.nodes[node]
                .ends
                .iter()
                .find(|&&t| self.terms[t as usize].accepts(text, at, end))
            {
                best = Some((end - at, term as usize));
            }
        }
        best
    }

    /// Every match, left to right, none overlapping: `(span, term index)`.
    pub(crate) fn find_all(&self, text: &str) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        if self.is_empty() {
            return found;
        }
        let mut at = 0;
        while let Some(c) = text[at..].chars().next() {
            match self.match_at(text, at) {
                Some((len, term)) => {
                    found.push((at..at + len, term));
                    at += len;
                }
                None => at += c.len_utf8(),
            }
        }
        found
    }
}

/// The sentence around `span` in `text`, its spaces collapsed: what a keep decision is
/// attached to. A sentence ends at `.`, `!` or `?` before a space, or at a line break.
pub(crate) fn sentence_around(text: &str, span: &Span) -> String {
    let ends_sentence = |text: &str, i: usize, c: char| {
        c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace))
    };
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(text, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(i, c)| ends_sentence(text, span.end + i, c))
        .map_or(text.len(), |(i, c)| span.end + i + c.len_utf8());
    text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a replacement replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplacedTerm {
    /// A participant's name (or a part of it), replaced by an alias.
    Name,
    /// A term of the review's redaction list.
    Redaction,
}

/// One replacement the public report makes (or would make, when `kept`), in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub of: ReplacedTerm,
    /// The text as written in the review.
    pub found: String,
    pub replacement: String,
    /// The sentence it is in, as the review has it, spaces collapsed.
    pub sentence: String,
    /// The analyst chose to keep it as written in this sentence.
    pub kept: bool,
}

impl Replacement {
    /// The decision that keeps this replacement's text as written.
    pub fn keep_decision(&self) -> KeptAsWritten {
        KeptAsWritten {
            term: self.found.clone(),
            sentence: self.sentence.clone(),
        }
    }
}

#[derive(Default)]
struct Record {
    made: Vec<Replacement>,
    /// (term lower-cased, sentence) of each in `made`.
    seen: HashSet<(String, String)>,
}

/// Rewrites free text for the public view: names to their aliases, then the redactions.
pub(crate) struct Scrubber {
    names: TermSet,
    redactions: TermSet,
    /// (term lower-cased, sentence) pairs to leave as written.
    kept: HashSet<(String, String)>,
    /// Every replacement made, once per term and sentence, when recording.
    record: Option<RefCell<Record>>,
    /// `kept` with each sentence as the public view writes it (other names in it
    /// replaced), for telling a kept name in public text from one that slipped through.
    kept_in_public: HashSet<(String, String)>,
}

impl Scrubber {
    /// The scrubber of one review: each person's name and unique name parts become their
    /// alias; a participant that is not a person keeps its name unless marked private.
    pub(crate) fn new(review: &Review) -> Self {
        let aliases = public_aliases(&review.people);
        let shared = name_part_owners(&review.people);
        let mut names = Vec::new();
        for (person, alias) in review.people.iter().zip(&aliases) {
            let full = person.name.trim();
            if full.is_empty() || !person.is_named_by_alias() {
                continue;
            }
            names.push(Term::name(full, alias));
            for part in name_parts(full).filter(|part| !part.eq_ignore_ascii_case(full)) {
                // A part two people share ("Alex" of Alex Kim and Alex Ng) cannot be given
                // either alias; it is left for the pre-publish check to flag.
                if shared.get(part) == Some(&1) {
                    names.push(Term::name(part, alias));
                }
            }
        }
        Self::with(names, &review.redactions, &review.kept_as_written)
    }

    /// The scrubber of a meta-review's public report over `people` of every covered
    /// review: names matched across reviews ignoring letter case and spacing become the
    /// description of their first role, unlettered ("On-call engineer"), since one person
    /// may have a different lettered alias in each review; a name part two different people
    /// share becomes "Engineer". Then the meta-review's redactions.
    pub(crate) fn for_meta(people: &[&Person], redactions: &[Redaction]) -> Self {
        let key = |name: &str| {
            name.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let mut seen = HashSet::new();
        let distinct: Vec<&Person> = people
            .iter()
            .copied()
            .filter(|p| p.is_named_by_alias())
            .filter(|p| {
                let name = key(&p.name);
                !name.is_empty() && seen.insert(name)
            })
            .collect();
        let owners = name_part_owners(distinct.iter().copied());
        let mut names = Vec::new();
        for person in &distinct {
            let alias = person
                .roles
                .first()
                .map_or("Engineer", |role| super::public::role_alias(*role));
            let full = person.name.split_whitespace().collect::<Vec<_>>().join(" ");
            names.push(Term::name(&full, alias));
            for part in name_parts(&full).filter(|part| !part.eq_ignore_ascii_case(&full)) {
                let alias = if owners.get(part) > Some(&1) {
                    "Engineer"
                } else {
                    alias
                };
                names.push(Term::name(part, alias));
            }
        }
        Self::with(names, redactions, &[])
    }

    fn with(names: Vec<Term>, redactions: &[Redaction], kept: &[KeptAsWritten]) -> Self {
        let redactions: Vec<Term> = redactions
            .iter()
            .filter(|r| !r.term.trim().is_empty())
            .map(Term::redaction)
            .collect();
        Self {
            names: TermSet::new(names),
            redactions: TermSet::new(redactions),
            kept: kept
                .iter()
                .map(|k| (k.term.to_lowercase(), k.sentence.clone()))
                .collect(),
            record: None,
            kept_in_public: HashSet::new(),
        }
    }

    /// From now on, every replacement is recorded for [`Scrubber::replacements`], and
    /// [`Scrubber::is_kept`] can answer.
    pub(crate) fn recording(mut self) -> Self {
        // A sentence scrubbed on its own is scrubbed as it is inside its text: the keep
        // decision is found by the same (term, sentence) pair.
        self.kept_in_public = self
            .kept
            .iter()
            .map(|(term, sentence)| (term.clone(), self.text(sentence)))
            .collect();
        self.record = Some(RefCell::default());
        self
    }

    pub(crate) fn replacements(self) -> Vec<Replacement> {
        self.record
            .map(|record| record.into_inner().made)
            .unwrap_or_default()
    }

    /// Names first, redactions second, so a redaction can still catch a term an alias
    /// happens to contain and the pre-publish check can see a name a redaction put back.
    pub(crate) fn text(&self, text: &str) -> String {
        let named = self.replace(&self.names, ReplacedTerm::Name, text);
        self.replace(&self.redactions, ReplacedTerm::Redaction, &named)
    }

    pub(crate) fn list(&self, items: &[String]) -> Vec<String> {
        items.iter().map(|item| self.text(item)).collect()
    }

    /// Replaces every match in one left-to-right pass; replaced text is never looked at
    /// again (so a replacement that contains another term is not replaced a second time).
    fn replace(&self, set: &TermSet, of: ReplacedTerm, text: &str) -> String {
        let found = set.find_all(text);
        if found.is_empty() {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (span, term) in found {
            let written = &text[span.clone()];
            // Sentences are only worked out when something needs them.
            let sentence = (!self.kept.is_empty() || self.record.is_some())
                .then(|| sentence_around(text, &span));
            let key = sentence.map(|sentence| (written.to_lowercase(), sentence));
            let kept = key.as_ref().is_some_and(|key| self.kept.contains(key));
            let replacement = &set.terms[term].replace;
            if let (Some(record), Some(key)) = (&self.record, key) {
                let mut record = record.borrow_mut();
                if !record.seen.contains(&key) {
                    record.made.push(Replacement {
                        of,
                        found: written.to_owned(),
                        replacement: replacement.clone(),
                        sentence: key.1.clone(),
                        kept,
                    });
                    record.seen.insert(key);
                }
            }
            out.push_str(&text[copied..span.start]);
            out.push_str(if kept { written } else { replacement });
            copied = span.end;
        }
        out.push_str(&text[copied..]);
        out
    }

    /// Whether `span` of `text`, a text of the public view, is a term the analyst kept as
    /// written there. Only on a recording scrubber.
    pub(crate) fn is_kept(&self, text: &str, span: &Span) -> bool {
        !self.kept_in_public.is_empty()
            && self.kept_in_public.contains(&(
                text[span.clone()].to_lowercase(),
                sentence_around(text, span),
            ))
    }
}

/// The parts of a person's name that stand for them on their own in free text ("Avery" for
/// "Avery Lee"): capitalised words of at least two letters. Matched case-sensitively so the
/// surname "Will" or "Fresh-Eyes" does not hit "will" or "fresh eyes".
pub(crate) fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split_whitespace().filter(|part| {
        part.chars().next().is_some_and(char::is_uppercase)
            && part.chars().filter(|c| c.is_alphabetic()).count() >= 2
    })
}

/// How many of `people` have each name part, counted once per person.
fn name_part_owners<'p>(people: impl IntoIterator<Item = &'p Person>) -> HashMap<&'p str, usize> {
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for person in people {
        let parts: HashSet<&str> = name_parts(&person.name).collect();
        for part in parts {
            *owners.entry(part).or_default() += 1;
        }
    }
    owners
}

/// The names of the review's people as they might survive in public text: full names, and
/// every capitalised part of a name (shared ones too: the public view cannot alias those,
/// so they are exactly what the pre-publish check looks for).
pub(crate) fn person_name_terms(review: &Review) -> Vec<Term> {
    let mut terms = Vec::new();
    for person in review.people.iter().filter(|p| p.is_named_by_alias()) {
        let full = person.name.trim();
        if full.is_empty() {
            continue;
        }
        terms.push(Term::name(full, ""));
        for part in name_parts(full).filter(|p| !p.eq_ignore_ascii_case(full)) {
            terms.push(Term::name(part, ""));
        }
    }
    terms
}

/// `text` as the public view of `review` would publish it: names to aliases, then the
/// review's redactions. For text kept outside the review, such as a meta-review's copy of
/// its summary.
pub(crate) fn scrub_for_review(review: &Review, text: &str) -> String {
    Scrubber::new(review).text(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, IncidentRole, ParticipantKind};
    use proptest::prelude::*;

    fn person(name: &str, kind: ParticipantKind, private: bool) -> Person {
        Person {
            id: EntityId::new(name),
            name: name.to_owned(),
            kind,
            private,
            roles: vec![IncidentRole::Responder],
            ..Person::default()
        }
    }

    fn review(people: Vec<Person>) -> Review {
        Review {
            people,
            ..Review::default()
        }
    }

    #[test]
    fn initials_and_one_word_names_match_only_as_written() {
        let people = vec![
            person("AN", ParticipantKind::Person, false),
            person("Will", ParticipantKind::Person, false),
            person("Avery Lee", ParticipantKind::Person, false),
        ];
        let scrub = Scrubber::new(&review(people));
        assert_eq!(
            scrub.text("AN saw it coincide with an update; Will said it will pass."),
            "Responder A saw it coincide with an update; Responder B said it will pass."
        );
        // A full name of several words in any case; its parts only as written.
        assert_eq!(
            scrub.text("avery lee paged Avery's team; avery was asleep."),
            "Responder C paged Responder C's team; avery was asleep."
        );
    }

    #[test]
    fn organisations_keep_their_name_unless_private() {
        let people = vec![
            person("Microsoft", ParticipantKind::Organisation, false),
            person("Globex Corp", ParticipantKind::OutsideReporter, true),
            person("Sam Ortiz", ParticipantKind::Person, false),
        ];
        let scrub = Scrubber::new(&review(people));
        assert_eq!(
            scrub.text("Microsoft confirmed; Globex Corp reported it to Sam."),
            "Microsoft confirmed; Outside reporter A reported it to Responder."
        );
    }

    #[test]
    fn every_replacement_is_listed_in_its_sentence_and_can_be_kept() {
        let mut review = review(vec![person("AN", ParticipantKind::Person, false)]);
        review.redactions.push(Redaction {
            term: "db-prod".into(),
            replacement: "the database".into(),
        });
        let text = "AN restarted db-prod-2.  Then AN  waited.\nAN was the storage lead.";
        let scrub = Scrubber::new(&review).recording();
        assert_eq!(
            scrub.text(text),
            "Responder restarted the database-2.  Then Responder  waited.\nResponder was the storage lead."
        );
        let made = scrub.replacements();
        let listed: Vec<_> = made
            .iter()
            .map(|r| (r.of, r.found.as_str(), r.sentence.as_str(), r.kept))
            .collect();
        assert_eq!(
            listed,
            [
                (ReplacedTerm::Name, "AN", "AN restarted db-prod-2.", false),
                (ReplacedTerm::Name, "AN", "Then AN waited.", false),
                (ReplacedTerm::Name, "AN", "AN was the storage lead.", false),
                (
                    ReplacedTerm::Redaction,
                    "db-prod",
                    "Responder restarted db-prod-2.",
                    false
                ),
            ]
        );

        review.kept_as_written.push(made[1].keep_decision());
        let scrub = Scrubber::new(&review).recording();
        assert_eq!(
            scrub.text(text),
            "Responder restarted the database-2.  Then AN  waited.\nResponder was the storage lead."
        );
        assert!(scrub.replacements()[1].kept);
    }

    #[test]
    fn sentences_end_at_stops_before_a_space_and_at_line_breaks() {
        let text = "Version 1.2 shipped. Then v1.3 rolled back! Why? No one knew";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            sentence_around(text, &(start..start + word.len()))
        };
        assert_eq!(at("1.2"), "Version 1.2 shipped.");
        assert_eq!(at("rolled"), "Then v1.3 rolled back!");
        assert_eq!(at("knew"), "No one knew");
    }

    fn naive_find_all(terms: &[(String, bool, bool)], text: &str) -> Vec<(Span, usize)> {
        // The reference: at each position try every term, longest first (stable), as
        // the scrubber did before it had a trie.
        let mut order: Vec<usize> = (0..terms.len()).collect();
        crate::sorting::sort_by_key(&mut order, |&i| {
            std::cmp::Reverse(terms[i].0.chars().count())
        });
        let mut found = Vec::new();
        let mut at = 0;
        'scan: while let Some(c) = text[at..].chars().next() {
            for &i in &order {
                let (find, match_case, whole_word) = &terms[i];
                let mut end = at;
                let mut ok = !find.is_empty();
                for wanted in find.chars() {
                    match text[end..].chars().next() {
                        Some(got)
                            if got == wanted
                                || (!match_case
                                    && got.to_lowercase().eq(wanted.to_lowercase())) =>
                        {
                            end += got.len_utf8()
                        }
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                let term = Term {
                    find: find.clone(),
                    replace: String::new(),
                    match_case: *match_case,
                    whole_word: *whole_word,
                };
                if ok && term.accepts(text, at, end) {
                    found.push((at..end, i));
                    at = end;
                    continue 'scan;
                }
            }
            at += c.len_utf8();
        }
        found
    }

    proptest! {
        #[test]
        fn the_trie_finds_what_trying_every_term_finds(
            terms in prop::collection::vec(("[aAbB é]{1,4}", any::<bool>(), any::<bool>()), 0..6),
            text in "[aAbB éÉ.]{0,40}",
        ) {
            let set = TermSet::new(
                terms
                    .iter()
                    .map(|(find, match_case, whole_word)| Term {
                        find: find.clone(),
                        replace: String::new(),
                        match_case: *match_case,
                        whole_word: *whole_word,
                    })
                    .collect(),
            );
            prop_assert_eq!(set.find_all(&text), naive_find_all(&terms, &text));
        }
    }
}
