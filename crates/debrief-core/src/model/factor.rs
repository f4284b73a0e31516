use super::{EntityId, Visibility};
use serde::{Deserialize, Serialize};

/// The trigger taxonomy from Honeycomb's meta-review: who or what set the incident off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TriggerClass {
    #[default]
    Unknown,
    ProviderCaused,
    SelfChangeCaused,
    CustomerCaused,
    /// Known, and none of the three: a certificate that expired with nothing changed. Not
    /// unknown, so it is counted apart from it; what it was goes in
    /// [`Trigger::description`].
    KnownOther,
}

impl TriggerClass {
    pub const ALL: [TriggerClass; 5] = [
        Self::Unknown,
        Self::ProviderCaused,
        Self::SelfChangeCaused,
        Self::CustomerCaused,
        Self::KnownOther,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Unknown",
            Self::ProviderCaused => "Provider-caused",
            Self::SelfChangeCaused => "Self-change-caused",
            Self::CustomerCaused => "Customer-caused",
            Self::KnownOther => "Known, none of these",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Unknown => "Not known (yet). Saying so is better than guessing.",
            Self::ProviderCaused => "A cloud provider or third-party dependency changed or failed.",
            Self::SelfChangeCaused => "A change we made: code, configuration, deploy or migration.",
            Self::CustomerCaused => "Something a customer did, such as an unusual workload.",
            Self::KnownOther => {
                "Known, and none of the three: a certificate expired, nothing changed."
            }
        }
    }
}

/// For self-change-caused triggers: what kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Code,
    Config,
    Deploy,
    Migration,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 4] = [Self::Code, Self::Config, Self::Deploy, Self::Migration];

    pub fn label(self) -> &'static str {
        match self {
            Self::Code => "Code change",
            Self::Config => "Configuration change",
            Self::Deploy => "Deploy",
            Self::Migration => "Migration",
        }
    }
}

/// What set the incident off. A trigger is not a root cause: it is the last of several
/// contributing factors to line up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Trigger {
    pub class: TriggerClass,
    /// Only meaningful for [`TriggerClass::SelfChangeCaused`].
    pub change_kind: Option<ChangeKind>,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FactorCategory {
    ChangeOrDeploy,
    ConfigurationOrSeam,
    CapacityOrResources,
    DependencyOrProvider,
    Observability,
    Process,
    KnowledgeOrExpertise,
    CommunicationOrCoordination,
    OrganisationalPressure,
    #[default]
    Other,
}

impl FactorCategory {
    pub const ALL: [FactorCategory; 10] = [
        Self::ChangeOrDeploy,
        Self::ConfigurationOrSeam,
        Self::CapacityOrResources,
        Self::DependencyOrProvider,
        Self::Observability,
        Self::Process,
        Self::KnowledgeOrExpertise,
        Self::CommunicationOrCoordination,
        Self::OrganisationalPressure,
        Self::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::ChangeOrDeploy => "Change or deploy",
            Self::ConfigurationOrSeam => "Configuration or a seam between systems",
            Self::CapacityOrResources => "Capacity or resources",
            Self::DependencyOrProvider => "Dependency or provider",
            Self::Observability => "Observability",
            Self::Process => "Process",
            Self::KnowledgeOrExpertise => "Knowledge or expertise",
            Self::CommunicationOrCoordination => "Communication or coordination",
            Self::OrganisationalPressure => "Organisational pressure",
            Self::Other => "Other",
        }
    }
}

/// One of the several, locally reasonable conditions that together made the incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ContributingFactor {
    pub id: EntityId,
    pub description: String,
    pub category: FactorCategory,
    pub events: Vec<EntityId>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
}
