use crate::sorting;
use serde::{Deserialize, Serialize};

/// Signs that an incident deserves a deep analysis rather than a light review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeepAnalysisCriterion {
    MoreThanTwoTeams,
    TeamsNewToEachOther,
    NearMiss,
    SeemedTrivial,
    DuringBigEvent,
    NewServiceOrInteraction,
    ManyPeopleJoined,
    BelievedFixedBefore,
}

impl DeepAnalysisCriterion {
    pub const ALL: [DeepAnalysisCriterion; 8] = [
        Self::MoreThanTwoTeams,
        Self::TeamsNewToEachOther,
        Self::NearMiss,
        Self::SeemedTrivial,
        Self::DuringBigEvent,
        Self::NewServiceOrInteraction,
        Self::ManyPeopleJoined,
        Self::BelievedFixedBefore,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::MoreThanTwoTeams => "More than two teams were involved",
            Self::TeamsNewToEachOther => "Teams that had not worked together before",
            Self::NearMiss => "A near miss: it could have been much worse",
            Self::SeemedTrivial => "It seemed trivial (an expired certificate, a typo)",
            Self::DuringBigEvent => "It happened during a big event or launch",
            Self::NewServiceOrInteraction => "A new service, or a new interaction between services",
            Self::ManyPeopleJoined => "Unusually many people joined the incident channel",
            Self::BelievedFixedBefore => "Something we believed was already fixed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DeepAnalysisCriteria {
    pub met: Vec<DeepAnalysisCriterion>,
    pub notes: String,
}

/// What the criteria suggest for this incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    LightReview,
    DeepAnalysis,
    DeepAnalysisStrongly,
}

impl Recommendation {
    pub fn message(self) -> &'static str {
        match self {
            Self::LightReview => {
                "None of the signs is present: a light review is likely enough. Tick any that apply as you learn more."
            }
            Self::DeepAnalysis => {
                "One sign is present: this incident is worth a deep analysis, with interviews of the people involved."
            }
            Self::DeepAnalysisStrongly => {
                "Several signs are present: a deep analysis is strongly recommended. Incidents like this teach the most about how work really gets done."
            }
        }
    }
}

impl DeepAnalysisCriteria {
    pub fn is_met(&self, criterion: DeepAnalysisCriterion) -> bool {
        self.met.contains(&criterion)
    }

    /// Ticks or unticks one criterion, keeping the list in the checklist's order.
    pub fn set(&mut self, criterion: DeepAnalysisCriterion, met: bool) {
        self.met.retain(|c| *c != criterion);
        if met {
            self.met.push(criterion);
            sorting::sort_by_key(&mut self.met, |c| {
                DeepAnalysisCriterion::ALL
                    .iter()
                    .position(|all| all == c)
                    .unwrap_or(usize::MAX)
            });
        }
    }

    pub fn recommendation(&self) -> Recommendation {
        match self.met.len() {
            0 => Recommendation::LightReview,
            1 => Recommendation::DeepAnalysis,
            _ => Recommendation::DeepAnalysisStrongly,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_signs_stronger_recommendation() {
        let mut criteria = DeepAnalysisCriteria::default();
        assert_eq!(criteria.recommendation(), Recommendation::LightReview);
        criteria.set(DeepAnalysisCriterion::NearMiss, true);
        assert_eq!(criteria.recommendation(), Recommendation::DeepAnalysis);
        criteria.set(DeepAnalysisCriterion::MoreThanTwoTeams, true);
        criteria.set(DeepAnalysisCriterion::MoreThanTwoTeams, true);
        assert_eq!(
            criteria.met,
            [
                DeepAnalysisCriterion::MoreThanTwoTeams,
                DeepAnalysisCriterion::NearMiss
            ]
        );
        assert_eq!(
            criteria.recommendation(),
            Recommendation::DeepAnalysisStrongly
        );
        criteria.set(DeepAnalysisCriterion::NearMiss, false);
        assert!(!criteria.is_met(DeepAnalysisCriterion::NearMiss));
    }
}
