//! `debrief site`: a static site from a folder of review files, for a team that keeps its
//! reviews in git and publishes them from CI.
//!
//! One bad file must not stop the others from being published, so a file that does not load
//! is skipped with a warning naming it and the reason; the site is still written and the
//! command succeeds. Only a folder that cannot be read or a file that cannot be written is
//! an error.
//!
//! The output is deterministic: files are read in name order, reviews are listed newest
//! incident first, and page names are handed out in that listing order, so they do not
//! depend on what the files are called.

use super::Outcome;
use crate::args::SiteArgs;
use crate::error::CliError;
use crate::files;
use crate::slug::Slugs;
use crate::terminal::one_line;
use chrono::{DateTime, Utc};
use debrief_core::model::Review;
use debrief_core::render::html::render_html_report;
use debrief_core::render::public::public_view;
use debrief_core::render::site_index::{render_index, IndexEntry};
use debrief_core::render::{Audience, RenderOptions};
use debrief_core::text::count;
use debrief_core::time::BundledZones;
use std::cmp::Reverse;
use std::fs;
use std::path::{Path, PathBuf};

/// A review that loaded, and the version of it the index describes.
struct Listed {
    review: Review,
    /// In a public site, the public view (redactions applied to the title and severity),
    /// so the index never shows more than the page it links to.
    shown: Review,
}

pub fn run(args: &SiteArgs) -> Result<Outcome, CliError> {
    let audience = super::audience(args.public);
    let options = RenderOptions {
        audience,
        generated_at: files::generated_at(),
    };
    let zones = BundledZones;

    let mut listed = Vec::new();
    let mut skipped = 0;
    for path in review_files(&args.dir)? {
        match files::read_review(&path) {
            Ok(review) => {
                let shown = match audience {
                    Audience::Public => public_view(&review),
                    Audience::Internal => review.clone(),
                };
                listed.push(Listed { review, shown });
            }
            Err(err) => {
                skipped += 1;
                warn(&format!("skipping {}: {}", path.display(), err.reason()));
            }
        }
    }
    // Stable: reviews that tie on every key (the same file twice) keep file-name order.
    listed.sort_by_cached_key(|item| listing_key(&item.shown));

    fs::create_dir_all(&args.output)
        .map_err(|err| CliError::io("create the folder", &args.output, err))?;
    let mut slugs = Slugs::new();
    let mut entries = Vec::with_capacity(listed.len());
    for item in &listed {
        let slug = slugs.assign(item.review.id.as_str());
        let page = render_html_report(&item.review, &zones, &options);
        files::write_file(&args.output.join(format!("{slug}.html")), &page)?;
        entries.push(IndexEntry::new(&item.shown, slug, &zones));
    }
    let index = render_index(&entries, audience, options.generated_at);
    files::write_file(&args.output.join("index.html"), &index)?;

    eprintln!(
        "debrief: wrote {} and index.html to {}{}",
        count(entries.len(), "review page", "review pages"),
        args.output.display(),
        match skipped {
            0 => String::new(),
            n => format!(" ({} skipped)", count(n, "file", "files")),
        },
    );
    Ok(Outcome::Clean)
}

/// Newest incident first, reviews without a start last, then by title, then by id.
fn listing_key(review: &Review) -> (bool, Reverse<Option<DateTime<Utc>>>, String, String) {
    let start = review.incident.start.map(|s| s.with_timezone(&Utc));
    (
        start.is_none(),
        Reverse(start),
        review.display_title().to_owned(),
        review.id.as_str().to_owned(),
    )
}

/// The `*.json` files directly in `dir` (not in subfolders), in name order.
pub(crate) fn review_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let listing = fs::read_dir(dir).map_err(|err| CliError::io("read the folder", dir, err))?;
    let mut paths = Vec::new();
    for entry in listing {
        let path = entry
            .map_err(|err| CliError::io("read the folder", dir, err))?
            .path();
        let is_json = path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        // `is_file` follows symlinks, so a linked review is published like any other; a
        // folder named `x.json` is not a review file.
        if is_json && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

pub(crate) fn warn(message: &str) {
    eprintln!("debrief: warning: {}", one_line(message));
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_core::model::ReviewId;

    fn review(id: &str, title: &str, start: Option<&str>) -> Review {
        let mut review = Review {
            id: ReviewId::new(id),
            title: title.to_owned(),
            ..Review::default()
        };
        review.incident.start = start.map(|s| DateTime::parse_from_rfc3339(s).unwrap());
        review
    }

    #[test]
    fn newest_incident_first_then_title_then_undated() {
        let mut reviews = [
            review("undated", "A", None),
            review("old", "Old", Some("2019-01-01T00:00:00Z")),
            review("new-b", "B", Some("2024-01-01T00:00:00Z")),
            // The same instant written in another offset ties with the one above.
            review("new-a", "A", Some("2024-01-01T01:00:00+01:00")),
        ];
        reviews.sort_by_cached_key(listing_key);
        let order: Vec<&str> = reviews.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, ["new-a", "new-b", "old", "undated"]);
    }
}
