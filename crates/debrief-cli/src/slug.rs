//! File names for review pages, made from review ids.
//!
//! Ids come from documents anyone may have edited, so a page name is rebuilt from scratch
//! out of `[a-z0-9-]` only: no path separators, no dots, nothing a shell, a URL or a case-
//! insensitive file system could read differently. Different ids can map to the same slug
//! ("Ingest 7" and "ingest-7"), so [`Slugs`] hands out unique ones.

use std::collections::HashSet;

/// Long enough to stay readable, short enough for any file system once ".html" is added.
const MAX_LEN: usize = 80;

/// `id` as lower-case ASCII letters, digits and single dashes; never empty.
pub fn slugify(id: &str) -> String {
    let mut slug = String::with_capacity(id.len().min(MAX_LEN));
    let mut pending_dash = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
        if slug.len() >= MAX_LEN {
            break;
        }
    }
    if slug.is_empty() {
        "review".to_owned()
    } else {
        slug
    }
}

/// Hands out slugs that are unique within one site and never "index" (the index page).
#[derive(Debug, Default)]
pub struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    pub fn new() -> Self {
        let mut taken = HashSet::new();
        taken.insert("index".to_owned());
        Self { taken }
    }

    /// A slug for `id`: `slugify(id)`, with `-2`, `-3`… added when that is taken. Stable for
    /// a given order of calls, which the site keeps deterministic.
    pub fn assign(&mut self, id: &str) -> String {
        let base = slugify(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_core::render::site_index::is_slug;

    #[test]
    fn keeps_only_safe_characters() {
        assert_eq!(slugify("fixture-v1-memory"), "fixture-v1-memory");
        assert_eq!(slugify("Ingest 7 / Outage"), "ingest-7-outage");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("  --a--b--  "), "a-b");
        assert_eq!(slugify("Zürich"), "z-rich");
        assert_eq!(slugify(""), "review");
        assert_eq!(slugify("…"), "review");
        for id in [
            "../../etc/passwd",
            "Ingest 7 / Outage",
            "",
            "a\u{0}b",
            "x.html",
        ] {
            assert!(is_slug(&slugify(id)), "{id}");
        }
    }

    #[test]
    fn long_ids_are_cut() {
        let slug = slugify(&"a".repeat(500));
        assert_eq!(slug.len(), MAX_LEN);
    }

    #[test]
    fn slugs_are_unique_and_never_the_index() {
        let mut slugs = Slugs::new();
        assert_eq!(slugs.assign("Ingest 7"), "ingest-7");
        assert_eq!(slugs.assign("ingest-7"), "ingest-7-2");
        assert_eq!(slugs.assign("INGEST_7"), "ingest-7-3");
        assert_eq!(slugs.assign("index"), "index-2");
        assert_eq!(slugs.assign(""), "review");
        assert_eq!(slugs.assign("review"), "review-2");
    }
}
