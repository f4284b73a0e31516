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
