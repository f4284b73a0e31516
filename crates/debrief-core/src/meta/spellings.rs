//! One person recorded under different spellings in different reviews ("Sam Lee", "S. Lee",
//! "sam"), merged by hand in the meta-review. Matching names ignores only letter case and
//! white space ([`name_key`]); anything more (initials, nicknames) would guess, and two
//! people wrongly counted as one is worse than one person counted twice. So the analyst says
//! which spellings are one person, and the meta-review keeps that choice.

use super::figures::name_key;
use super::MetaReview;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Spellings of one person's name, counted as one person across the covered incidents and
/// shown by the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SamePerson {
    pub spellings: Vec<String>,
}

impl SamePerson {
    pub fn shown(&self) -> &str {
        self.spellings.first().map_or("", String::as_str)
    }

    fn has(&self, key: &str) -> bool {
        self.spellings.iter().any(|s| name_key(s) == key)
    }
}

/// Why a merge was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeRefused {
    /// Fewer than two different names were chosen.
    TooFew,
}

impl fmt::Display for MergeRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFew => {
                f.write_str("Choose at least two different names to count them as one person.")
            }
        }
    }
}

impl MetaReview {
    /// Counts `names` as one person from now on, shown by the first of them. A name already
    /// merged with others brings those along: merging "S. Lee" into "Sam Lee" when "sam" was
    /// merged with "S. Lee" makes all three one person.
    pub fn merge_people(&mut self, names: &[String]) -> Result<(), MergeRefused> {
        let mut spellings: Vec<String> = Vec::new();
        for name in names {
            add_spelling(&mut spellings, name);
        }
        if spellings.len() < 2 {
            return Err(MergeRefused::TooFew);
        }
        let keys: Vec<String> = spellings.iter().map(|s| name_key(s)).collect();
        let (joined, kept): (Vec<SamePerson>, Vec<SamePerson>) =
            std::mem::take(&mut self.same_people)
                .into_iter()
                .partition(|same| keys.iter().any(|k| same.has(k)));
        for same in &joined {
            for spelling in &same.spellings {
                add_spelling(&mut spellings, spelling);
            }
        }
        self.same_people = kept;
        self.same_people.push(SamePerson { spellings });
        Ok(())
    }

    /// Counts the spellings merged with `name` apart again; returns what was undone.
    pub fn unmerge_person(&mut self, name: &str) -> Option<SamePerson> {
        let key = name_key(name);
        let index = self.same_people.iter().position(|same| same.has(&key))?;
        Some(self.same_people.remove(index))
    }

    /// The name `name` is counted under: the first spelling of its merge, else itself.
    pub(crate) fn counted_name<'m>(&'m self, name: &'m str) -> &'m str {
        let key = name_key(name);
        self.same_people
            .iter()
            .find(|same| same.has(&key))
            .map_or(name, SamePerson::shown)
    }
}

/// Adds `name` (white space tidied) unless blank or already there by [`name_key`].
fn add_spelling(spellings: &mut Vec<String>, name: &str) {
    let shown = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = name_key(&shown);
    if !key.is_empty() && !spellings.iter().any(|s| name_key(s) == key) {
        spellings.push(shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn spellings_merge_into_one_person_shown_by_the_first() {
        let mut meta = MetaReview::default();
        meta.merge_people(&names(&["S. Lee", " sam "])).unwrap();
        assert_eq!(meta.counted_name("SAM"), "S. Lee");
        // Merging a name already merged brings its spellings along, one entry in all.
        meta.merge_people(&names(&["Sam  Lee", "s. lee"])).unwrap();
        assert_eq!(meta.same_people.len(), 1);
        assert_eq!(meta.same_people[0].spellings, ["Sam Lee", "s. lee", "sam"]);
        assert_eq!(meta.counted_name("sam"), "Sam Lee");
        assert_eq!(meta.counted_name("Rae Lin"), "Rae Lin");

        let undone = meta.unmerge_person("SAM").unwrap();
        assert_eq!(undone.spellings.len(), 3);
        assert!(meta.same_people.is_empty());
        assert_eq!(meta.unmerge_person("sam"), None);
    }

    #[test]
    fn fewer_than_two_names_is_refused_and_changes_nothing() {
        let mut meta = MetaReview::default();
        meta.merge_people(&names(&["Sam Lee", "S. Lee"])).unwrap();
        let before = meta.clone();
        assert_eq!(
            meta.merge_people(&names(&["Rae Lin", "rae  lin", " "])),
            Err(MergeRefused::TooFew)
        );
        assert_eq!(meta, before);
        assert!(MergeRefused::TooFew
            .to_string()
            .starts_with("Choose at least two"));
    }
}
