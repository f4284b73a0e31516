//! Which imported author is which person of the review. Chat handles rarely equal the names
//! the analyst typed ("asmith", "Alice S.", "alice.smith" for "Alice Smith"), so this offers
//! candidates and the analyst decides; nothing is linked without asking.

use crate::model::{EntityId, Person};
use std::collections::BTreeMap;

/// What Debrief can say about one imported author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorMatch {
    pub author: String,
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
}

/// Candidates for every author, in the order given.
pub fn match_authors(
    authors: &[&str],
    people: &[Person],
    links: &BTreeMap<String, EntityId>,
) -> Vec<AuthorMatch> {
    let people: Vec<(&Person, Name)> = people.iter().map(|p| (p, Name::of(&p.name))).collect();
    authors
        .iter()
        .map(|author| {
            let name = Name::of(author);
            let exact = people
                .iter()
                .find(|(_, person)| !name.compact.is_empty() && person.compact == name.compact)
                .map(|(p, _)| p.id.clone());
            let near = people
                .iter()
                .filter(|(p, _)| Some(&p.id) != exact.as_ref())
                .filter_map(|(p, person)| {
                    near_reason(&name, person).map(|reason| NearMatch {
                        person: p.id.clone(),
                        reason,
                    })
                })
                .collect();
            AuthorMatch {
                author: (*author).to_owned(),
                linked: links.get(*author).cloned(),
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
        return Some("same first name");
    }
    if author.words.len() > 1 && author.words.iter().all(|w| person.words.contains(w)) {
        return Some("same names");
    }
    if author.compact.chars().count() >= 4 && edit_distance(&author.compact, &person.compact) <= 2 {
        return Some("similar spelling");
    }
    if a_first == p_first {
        return Some("same first name");
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

    fn one(author: &str, people: &[Person]) -> AuthorMatch {
        match_authors(&[author], people, &BTreeMap::new()).remove(0)
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
                reason: "initial and name"
            }]
        );
        let m = one("alice", &people);
        assert_eq!(m.near[0].person, id("p1"));
        assert_eq!(m.near[0].reason, "same first name");
        let m = one("Alcie Smith", &people);
        assert_eq!(m.near[0].reason, "similar spelling");
    }

    #[test]
    fn confirmed_links_are_reported() {
        let people = [person("p1", "Alice Smith")];
        let links = BTreeMap::from([("al".to_owned(), id("p1"))]);
        let matches = match_authors(&["al", "bob"], &people, &links);
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
}
