//! Which imported author is which person of the review. Chat handles rarely equal the names
//! the analyst typed ("asmith", "Alice S.", "alice.smith" for "Alice Smith"), so this offers
//! candidates and the analyst decides; nothing is linked without asking.

use super::ChatAuthor;
use crate::model::{EntityId, Person};
use crate::sorting;
use std::collections::BTreeMap;

/// What Debrief can say about one imported author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorMatch {
    pub author: ChatAuthor,
    /// The person the analyst already linked.
    pub linked: Option<EntityId>,
    /// A person whose name is the same, ignoring case, accents and punctuation.
    pub exact: Option<EntityId>,
    /// Plausible people, best first, each with why.
    pub near: Vec<NearMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NearMatch {
    pub person: EntityId,
    pub reason: &'static str,
    /// Whether the names say it is probably them. Only a shared first name is not: half a
    /// team can be called Alex.
    pub likely: bool,
}

/// Candidates for every author, in the order given; links are keyed by
/// [`ChatAuthor::key`].
pub fn match_authors(
    authors: &[ChatAuthor],
    people: &[Person],
    links: &BTreeMap<String, EntityId>,
) -> Vec<AuthorMatch> {
    let people: Vec<(&Person, Name)> = people.iter().map(|p| (p, Name::of(&p.name))).collect();
    authors
        .iter()
        .map(|author| {
            let name = Name::of(&author.name);
            let exact = people
                .iter()
                .find(|(_, person)| !name.compact.is_empty() && person.compact == name.compact)
                .map(|(p, _)| p.id.clone());
            let mut near: Vec<NearMatch> = people
                .iter()
                .filter(|(p, _)| Some(&p.id) != exact.as_ref())
                .filter_map(|(p, person)| {
                    near_reason(&name, person).map(|reason| NearMatch {
                        person: p.id.clone(),
                        reason,
                        likely: reason != SAME_FIRST_NAME,
                    })
                })
                .collect();
            // Stable: equally likely people keep the order of People.
            sorting::sort_by_key(&mut near, |m| !m.likely);
            AuthorMatch {
                author: author.clone(),
                linked: links.get(&author.key).cloned(),
                exact,
                near,
            }
        })
        .collect()
}

/// A name reduced to what survives the ways chat tools spell it.
struct Name {
    /// Lower-case words, accents folded: ["alice", "smith"].
    words: Vec<String>,
    /// The words run together: "alicesmith".
    compact: String,
}

impl Name {
    fn of(text: &str) -> Self {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(fold).collect::<String>())
            .collect();
        let compact = words.concat();
        Self { words, compact }
    }
}

const SAME_FIRST_NAME: &str = "only the first name is the same";

fn near_reason(author: &Name, person: &Name) -> Option<&'static str> {
    if author.words.is_empty() || person.words.is_empty() {
        return None;
    }
    let (a_first, p_first) = (&author.words[0], &person.words[0]);
    let p_last = person.words.last().expect("not empty");
    if person.words.len() > 1 {
        // "asmith" or "a.smith" for Alice Smith; "alices" for Alice Smith.
        let initial_last = format!("{}{}", &p_first[..first_char_len(p_first)], p_last);
        let first_initial = format!("{}{}", p_first, &p_last[..first_char_len(p_last)]);
        if author.compact == initial_last || author.compact == first_initial {
            return Some("initial and name");
        }
    }
    if a_first == p_first && (author.words.len() == 1 || person.words.len() == 1) {
        return Some(SAME_FIRST_NAME);
    }
    if author.words.len() > 1 && author.words.iter().all(|w| person.words.contains(w)) {
        return Some("same names");
    }
    if author.compact.chars().count() >= 4 && edit_distance(&author.compact, &person.compact) <= 2 {
        return Some("similar spelling");
    }
    if a_first == p_first {
        return Some(SAME_FIRST_NAME);
    }
    None
}

fn first_char_len(word: &str) -> usize {
    word.chars().next().map_or(0, char::len_utf8)
}

/// Lower case, with the common Latin accents folded ("é" → "e"), so "José" meets "jose".
fn fold(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    };
    base.to_lowercase()
}

/// Levenshtein distance over characters, stopping early is not needed: names are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::id;

    fn person(key: &str, name: &str) -> Person {
        Person {
            id: id(key),
            name: name.to_owned(),
            ..Person::default()
        }
    }

    fn chat(name: &str) -> ChatAuthor {
        ChatAuthor {
            key: name.to_owned(),
            name: name.to_owned(),
            label: name.to_owned(),
        }
    }

    fn one(author: &str, people: &[Person]) -> AuthorMatch {
        match_authors(&[chat(author)], people, &BTreeMap::new()).remove(0)
    }

    #[test]
    fn exact_ignores_case_accents_and_punctuation() {
        let people = [person("p1", "José Núñez"), person("p2", "Bob Lee")];
        assert_eq!(one("jose.nunez", &people).exact, Some(id("p1")));
        assert_eq!(one("BOB LEE", &people).exact, Some(id("p2")));
        assert_eq!(one("carol", &people).exact, None);
    }

    #[test]
    fn handles_and_short_names_are_offered_not_linked() {
        let people = [person("p1", "Alice Smith"), person("p2", "Alan Turing")];
        let m = one("asmith", &people);
        assert_eq!(m.exact, None);
        assert_eq!(m.linked, None);
        assert_eq!(
            m.near,
            vec![NearMatch {
                person: id("p1"),
                reason: "initial and name",
                likely: true,
            }]
        );
        let m = one("alice", &people);
        assert_eq!(m.near[0].person, id("p1"));
        assert_eq!(m.near[0].reason, SAME_FIRST_NAME);
        assert!(!m.near[0].likely);
        let m = one("Alcie Smith", &people);
        assert_eq!(m.near[0].reason, "similar spelling");
    }

    #[test]
    fn confirmed_links_are_reported() {
        let people = [person("p1", "Alice Smith")];
        let links = BTreeMap::from([("al".to_owned(), id("p1"))]);
        let matches = match_authors(&[chat("al"), chat("bob")], &people, &links);
        assert_eq!(matches[0].linked, Some(id("p1")));
        assert_eq!(matches[1].linked, None);
    }

    #[test]
    fn odd_names_do_not_panic() {
        let people = [person("p1", ""), person("p2", "🔥"), person("p3", "Ærø Ö")];
        for author in ["", "🔥", "ß", "İstanbul", "a", "Ö"] {
            let _ = one(author, &people);
        }
    }

    #[test]
    fn a_shared_first_name_ranks_below_real_matches_and_is_never_likely() {
        // People lists the namesake first; the real match must still come first.
        let people = [
            person("p1", "Alex Kim"),
            person("p2", "Alex Morgan"),
            person("p3", "Sam Okafor"),
        ];
        let m = one("Alex Morgn", &people);
        assert_eq!(m.near[0].person, id("p2"));
        assert!(m.near[0].likely);
        assert!(m.near[1..]
            .iter()
            .all(|n| !n.likely && n.reason == SAME_FIRST_NAME));
        let m = one("amorgan", &people);
        assert_eq!(
            (m.near[0].person.clone(), m.near[0].likely),
            (id("p2"), true)
        );
    }

    #[test]
    fn two_accounts_with_one_name_link_apart() {
        let people = [person("p1", "Alex Kim"), person("p2", "Alex Morgan")];
        let first = ChatAuthor {
            key: "U01AAA".into(),
            name: "Alex".into(),
            label: "Alex (U01AAA)".into(),
        };
        let second = ChatAuthor {
            key: "U02BBB".into(),
            ..first.clone()
        };
        let links = BTreeMap::from([("U02BBB".to_owned(), id("p2"))]);
        let matches = match_authors(&[first, second], &people, &links);
        assert_eq!(matches[0].linked, None);
        assert_eq!(matches[1].linked, Some(id("p2")));
    }
}
