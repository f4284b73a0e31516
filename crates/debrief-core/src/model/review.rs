use super::{
    ActionItem, ContributingFactor, DeepAnalysisCriteria, DismissedFinding, Hypothesis, Impact,
    IncidentWindow, Interview, KeptAsWritten, Learnings, Person, Redaction, TimelineEvent, Trigger,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a review across the workbook, its storage key and its exports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct ReviewId(pub String);

impl ReviewId {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReviewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    #[default]
    Draft,
    InReview,
    Published,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [Self::Draft, Self::InReview, Self::Published];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::InReview => "In review",
            Self::Published => "Published",
        }
    }
}

/// Which shape of review the analyst chose. It decides which sections the editor offers and
/// whether each section carries guidance; the data model is the same for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTemplate {
    /// Every section, no guidance text.
    Blank,
    /// Every section with guidance: people, hypotheses, interviews and deep-analysis criteria.
    #[default]
    FullAnalysis,
    /// For a small incident: overview, timeline, factors, learnings and actions, with guidance.
    LightReview,
}

impl ReviewTemplate {
    pub const ALL: [ReviewTemplate; 3] = [Self::FullAnalysis, Self::LightReview, Self::Blank];

    pub fn label(self) -> &'static str {
        match self {
            Self::Blank => "Blank",
            Self::FullAnalysis => "Full analysis",
            Self::LightReview => "Light review",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Blank => "Every section, no guidance. For analysts who know what they want.",
            Self::FullAnalysis => {
                "Every section with guidance: timeline, people, hypotheses, contributing factors, \
                 interviews and learnings. For incidents that deserve a deep look."
            }
            Self::LightReview => {
                "Overview, timeline, contributing factors, learnings and actions. \
                 For a small incident you still want to learn from."
            }
        }
    }

    /// Whether sections beyond the light set (people, hypotheses, interviews, deep-analysis
    /// criteria) are offered.
    pub fn includes_deep_sections(self) -> bool {
        !matches!(self, Self::LightReview)
    }

    pub fn shows_guidance(self) -> bool {
        !matches!(self, Self::Blank)
    }
}

/// The analyst writing the review, and whether they took part in the response. An analyst who
/// was not in the incident asks naive questions responders no longer can; the editor says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Analyst {
    pub name: String,
    pub took_part_in_incident: bool,
}

/// One incident review: the whole document the analyst edits and publishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub id: ReviewId,
    pub title: String,
    pub status: ReviewStatus,
    pub template: ReviewTemplate,
    /// The organisation's own label ("SEV-2", "major"); Debrief imposes no scale.
    pub severity: String,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub incident: IncidentWindow,
    pub summary: String,
    pub impact: Impact,
    pub analyst: Analyst,
    pub trigger: Trigger,
    pub people: Vec<Person>,
    pub timeline: Vec<TimelineEvent>,
    pub hypotheses: Vec<Hypothesis>,
    pub factors: Vec<ContributingFactor>,
    pub learnings: Learnings,
    pub interviews: Vec<Interview>,
    pub actions: Vec<ActionItem>,
    pub deep_analysis: DeepAnalysisCriteria,
    /// Terms replaced in the public report.
    pub redactions: Vec<Redaction>,
    /// Language findings the analyst looked at and chose to keep as written.
    pub dismissed_findings: Vec<DismissedFinding>,
    /// Replacements the public report does not make, by sentence (schema version 3).
    pub kept_as_written: Vec<KeptAsWritten>,
}

impl Default for Review {
    fn default() -> Self {
        Self {
            id: ReviewId::default(),
            title: String::new(),
            status: ReviewStatus::default(),
            template: ReviewTemplate::default(),
            severity: String::new(),
            services: Vec::new(),
            tags: Vec::new(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
            incident: IncidentWindow::default(),
            summary: String::new(),
            impact: Impact::default(),
            analyst: Analyst::default(),
            trigger: Trigger::default(),
            people: Vec::new(),
            timeline: Vec::new(),
            hypotheses: Vec::new(),
            factors: Vec::new(),
            learnings: Learnings::default(),
            interviews: Vec::new(),
            actions: Vec::new(),
            deep_analysis: DeepAnalysisCriteria::default(),
            redactions: Vec::new(),
            dismissed_findings: Vec::new(),
            kept_as_written: Vec::new(),
        }
    }
}

impl Review {
    /// A new, empty review. The caller supplies the id and the time: the domain has no clock.
    pub fn new(id: ReviewId, template: ReviewTemplate, now: DateTime<Utc>) -> Self {
        Self {
            id,
            template,
            created_at: now,
            updated_at: now,
            ..Self::default()
        }
    }

    /// The title to show when the analyst has not written one yet.
    pub fn display_title(&self) -> &str {
        let title = self.title.trim();
        if title.is_empty() {
            "Untitled review"
        } else {
            title
        }
    }
}
