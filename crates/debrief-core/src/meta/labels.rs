//! How a meta-review names an incident, everywhere it names one: figure links, "Seen in"
//! choices, accessible names, the reports' headings, links and tooltips.
//!
//! Titles alone do not tell incidents apart: an organisation's postmortems often share one
//! heading ("Elevated error rates"). So every covered incident is named by its number in the
//! meta-review (the reports' `#n`, incident order, deleted ones after), its title and its
//! start date on the meta-review's clock: "#2 Elevated error rates (2020-08-03)". A review
//! the meta-review does not number (no longer covered, or only in the workbook's list) is
//! named by title and date, and when another such one has the same title and date, by a
//! short piece of its id as well, the shortest that still tells them apart.

use super::{covered_reviews, MetaReview};
use crate::model::{Review, ReviewId, Timestamp};
use crate::time::{format_instant, TimeZones, Zone};
use std::collections::HashMap;
use std::fmt;

/// Where an incident has no title, as the reports always said.
const UNTITLED: &str = "Untitled review";
/// The least of an id shown to tell two same-titled incidents apart.
const SHORT_ID_CHARS: usize = 6;

/// The parts of one incident's name. [`fmt::Display`] is the one way they are joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLabel {
    pub review: ReviewId,
    /// The `#n` of the reports: covered incidents in incident order, then deleted ones.
    pub number: Option<usize>,
    /// Raw text: a renderer scrubs and escapes it for its audience.
    pub title: String,
    /// The start date on the meta-review's clock; `None` without a start time.
    pub date: Option<String>,
    /// Part of the review's id, only when the rest of the label is not enough.
    pub short_id: Option<String>,
}

impl IncidentLabel {
    /// The same label with its title replaced (scrubbed for a public report).
    pub fn with_title(&self, title: String) -> Self {
        Self {
            title,
            ..self.clone()
        }
    }
}

impl fmt::Display for IncidentLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(number) = self.number {
            write!(f, "#{number} ")?;
        }
        f.write_str(&self.title)?;
        match (&self.date, &self.short_id) {
            (Some(date), Some(id)) => write!(f, " ({date}, id {id})"),
            (Some(date), None) => write!(f, " ({date})"),
            (None, Some(id)) => write!(f, " (no start time, id {id})"),
            (None, None) => f.write_str(" (no start time)"),
        }
    }
}

/// Labels for every incident a meta-review can name. See the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentLabels {
    /// Numbered ones first, in number order.
    labels: Vec<IncidentLabel>,
    index: HashMap<ReviewId, usize>,
}

impl IncidentLabels {
    /// Labels for the incidents `meta` covers (numbered, deleted ones after the others), the
    /// reviews it keeps summaries of but no longer covers, and every other review of
    /// `reviews` (unnumbered, as the review picker lists them).
    pub fn new(meta: &MetaReview, reviews: &[Review], zones: &dyn TimeZones) -> Self {
        let zone = Zone::find_or_utc(zones, &meta.time_zone);
        let date = |start: &Option<Timestamp>| start.map(|at| format_instant(&at, &zone).date);
        let coverage = covered_reviews(meta, reviews, zones);
        let mut labels: Vec<IncidentLabel> = Vec::new();
        let of_review = |review: &Review, number: Option<usize>| IncidentLabel {
            review: review.id.clone(),
            number,
            title: review.display_title().to_owned(),
            date: date(&review.incident.start),
            short_id: None,
        };
        for review in &coverage.reviews {
            labels.push(of_review(review, Some(labels.len() + 1)));
        }
        for id in &coverage.missing {
            let kept = meta.summaries.iter().find(|s| &s.review == id);
            let title = kept.map_or("", |s| s.title.trim());
            labels.push(IncidentLabel {
                review: id.clone(),
                number: Some(labels.len() + 1),
                title: if title.is_empty() { UNTITLED } else { title }.to_owned(),
                date: date(&kept.and_then(|s| s.incident_start)),
                short_id: None,
            });
        }
        let numbered = labels.len();
        for review in reviews {
            if !labels.iter().any(|l| l.review == review.id) {
                labels.push(of_review(review, None));
            }
        }
        add_short_ids(&mut labels[numbered..]);
        let index = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.review.clone(), i))
            .collect();
        Self { labels, index }
    }

    pub fn get(&self, id: &ReviewId) -> Option<&IncidentLabel> {
        self.index.get(id).map(|i| &self.labels[*i])
    }

    /// The label's text; a review this meta-review cannot name at all shows its id.
    pub fn text(&self, id: &ReviewId) -> String {
        self.get(id)
            .map_or_else(|| id.to_string(), IncidentLabel::to_string)
    }

    /// The numbered incidents, in number order.
    pub fn numbered(&self) -> impl Iterator<Item = &IncidentLabel> {
        self.labels.iter().take_while(|l| l.number.is_some())
    }
}

/// Gives each label that shares its title and date with another one the shortest start of
/// its id (at least [`SHORT_ID_CHARS`]) that no other of them shares.
fn add_short_ids(labels: &mut [IncidentLabel]) {
    let key = |l: &IncidentLabel| (l.title.trim().to_lowercase(), l.date.clone());
    let keys: Vec<_> = labels.iter().map(key).collect();
    for i in 0..labels.len() {
        let twins: Vec<&str> = (0..labels.len())
            .filter(|j| *j != i && keys[*j] == keys[i])
            .map(|j| labels[j].review.as_str())
            .collect();
        if twins.is_empty() {
            continue;
        }
        let id: Vec<char> = labels[i].review.as_str().chars().collect();
        let mut length = SHORT_ID_CHARS.min(id.len());
        let prefix = |n: usize| id[..n].iter().collect::<String>();
        while length < id.len() && twins.iter().any(|t| t.starts_with(&prefix(length))) {
            length += 1;
        }
        labels[i].short_id = Some(prefix(length));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{IncidentSummary, MetaReviewId, ReviewSelection};
    use crate::model::ReviewTemplate;
    use crate::testing::{at, UtcOnly};

    /// Three postmortems of one organisation under one heading, as published.
    fn same_title(id: &str, start: Option<&str>) -> Review {
        let mut review = Review::new(
            ReviewId::new(id),
            ReviewTemplate::FullAnalysis,
            at("2020-01-01T00:00:00Z").to_utc(),
        );
        review.title = "Elevated API error rates".to_owned();
        review.incident.start = start.map(at);
        review
    }

    fn meta_picking(ids: &[&str]) -> MetaReview {
        MetaReview {
            id: MetaReviewId::new("m"),
            selection: ReviewSelection {
                picked: ids.iter().map(|id| ReviewId::new(*id)).collect(),
                rule: None,
            },
            ..MetaReview::default()
        }
    }

    #[test]
    fn same_title_incidents_are_told_apart_by_number_and_date() {
        let reviews = vec![
            same_title("k3v9x1", Some("2020-08-06T16:30:00Z")),
            same_title("a81f0c", Some("2020-07-28T03:10:00Z")),
            same_title("q7z2m4", Some("2020-08-03T11:00:00Z")),
        ];
        let meta = meta_picking(&["k3v9x1", "a81f0c", "q7z2m4"]);
        let labels = IncidentLabels::new(&meta, &reviews, &UtcOnly);
        let texts: Vec<String> = labels.numbered().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "#1 Elevated API error rates (2020-07-28)",
                "#2 Elevated API error rates (2020-08-03)",
                "#3 Elevated API error rates (2020-08-06)",
            ]
        );
        assert_eq!(
            labels.text(&ReviewId::new("k3v9x1")),
            "#3 Elevated API error rates (2020-08-06)"
        );
    }

    #[test]
    fn unnumbered_twins_get_the_shortest_distinguishing_id() {
        let reviews = vec![
            same_title("2020-08-06-api-a", Some("2020-08-06T10:00:00Z")),
            same_title("2020-08-06-api-b", Some("2020-08-06T18:00:00Z")),
            same_title("zz9", None),
            same_title("covered", None),
        ];
        // Only "covered" is numbered; the others are only in the workbook.
        let labels = IncidentLabels::new(&meta_picking(&["covered"]), &reviews, &UtcOnly);
        assert_eq!(
            labels.text(&ReviewId::new("covered")),
            "#1 Elevated API error rates (no start time)"
        );
        assert_eq!(
            labels.text(&ReviewId::new("2020-08-06-api-a")),
            "Elevated API error rates (2020-08-06, id 2020-08-06-api-a)"
        );
        assert_eq!(
            labels.text(&ReviewId::new("2020-08-06-api-b")),
            "Elevated API error rates (2020-08-06, id 2020-08-06-api-b)"
        );
        // Alone in having no start among the unnumbered: no id needed.
        assert_eq!(
            labels.text(&ReviewId::new("zz9")),
            "Elevated API error rates (no start time)"
        );
    }

    #[test]
    fn a_deleted_incident_is_named_from_what_the_meta_review_kept() {
        let reviews = vec![same_title("here", Some("2020-07-28T03:10:00Z"))];
        let mut meta = meta_picking(&["here", "gone", "blank"]);
        meta.summaries.push(IncidentSummary {
            review: ReviewId::new("gone"),
            title: "Elevated API error rates".to_owned(),
            incident_start: Some(at("2020-08-03T11:00:00Z")),
            text: String::new(),
        });
        let labels = IncidentLabels::new(&meta, &reviews, &UtcOnly);
        assert_eq!(
            labels.text(&ReviewId::new("gone")),
            "#2 Elevated API error rates (2020-08-03)"
        );
        assert_eq!(
            labels.text(&ReviewId::new("blank")),
            "#3 Untitled review (no start time)"
        );
        assert_eq!(labels.text(&ReviewId::new("unknown")), "unknown");
    }
}
