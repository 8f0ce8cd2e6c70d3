//! A validated profile: one municipality or a starter group, the weights the room gives, the
//! hard constraints, the conditions accepted for public cloud, and the workloads to place.
//! Built by `io::profile` from TOML; the core never sees the file.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::business_case::BusinessCaseSetup;
use super::catalogue::{
    CloudStance, CollaborationForm, DataClass, Deployment, PlacementOption, ServiceModel,
};
use super::criteria::Criterion;

/// A municipality (gemeente).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Municipality {
    pub name: String,
    pub inhabitants: u32,
    pub workplaces: u32,
    /// Where its ICT is placed today.
    pub current: Option<PlacementOption>,
    /// In a starter group: this member's own weights (blind round); `None` = the group's.
    #[serde(default)]
    pub weights: Option<Weights>,
    /// In a starter group: this member's own hard constraints; `None` = the group's.
    #[serde(default)]
    pub constraints: Option<Constraints>,
}

/// Who the profile is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Subject {
    /// One municipality.
    Single { municipality: Municipality },
    /// A starter group of municipalities considering working together.
    Group {
        name: String,
        members: Vec<Municipality>,
    },
}

impl Subject {
    /// The name shown in titles.
    pub fn name(&self) -> &str {
        match self {
            Subject::Single { municipality } => &municipality.name,
            Subject::Group { name, .. } => name,
        }
    }

    /// The municipalities, one or several.
    pub fn members(&self) -> Vec<&Municipality> {
        match self {
            Subject::Single { municipality } => vec![municipality],
            Subject::Group { members, .. } => members.iter().collect(),
        }
    }

    /// Whether this is a starter group.
    pub fn is_group(&self) -> bool {
        matches!(self, Subject::Group { .. })
    }
}

/// Raw, non-negative weights per criterion as the room gave them. The three core criteria are
/// always present; an optional criterion is present when the profile weighs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights(pub BTreeMap<Criterion, f64>);

impl Weights {
    /// Weights from pairs; missing core criteria get 0.
    pub fn from_pairs(pairs: &[(Criterion, f64)]) -> Weights {
        let mut m: BTreeMap<Criterion, f64> = Criterion::CORE.iter().map(|&c| (c, 0.0)).collect();
        for &(c, w) in pairs {
            m.insert(c, w);
        }
        Weights(m)
    }

    /// The criteria in play, in canonical order.
    pub fn criteria(&self) -> Vec<Criterion> {
        self.0.keys().copied().collect()
    }

    /// The raw weight of a criterion (0 when absent).
    pub fn get(&self, c: Criterion) -> f64 {
        self.0.get(&c).copied().unwrap_or(0.0)
    }

    /// Sets a raw weight (adds the criterion when absent).
    pub fn set(&mut self, c: Criterion, w: f64) {
        self.0.insert(c, w.max(0.0));
    }

    /// Weights divided by their sum; `None` when all are zero.
    pub fn normalised(&self) -> Option<BTreeMap<Criterion, f64>> {
        let total: f64 = self.0.values().sum();
        if total.is_finite() && total > 0.0 {
            Some(self.0.iter().map(|(&c, &w)| (c, w / total)).collect())
        } else {
            None
        }
    }
}

/// Hard constraints: a candidate that breaks one is excluded, with the reason.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Constraints {
    /// Data location must be decided by the municipality, its partners or a contract (never
    /// left to a public cloud provider): storage demonstrably in the EEA.
    pub data_in_eea: bool,
    /// No pay-per-use tariffs.
    pub no_pay_per_use: bool,
    /// Largest one-off budget (EUR) for the transition.
    pub max_one_off_budget: Option<Decimal>,
    /// Options the room rules out.
    pub exclude_options: Vec<PlacementOption>,
    /// Deployment models the room rules out.
    pub exclude_deployments: Vec<Deployment>,
    /// Minimum score per criterion.
    pub min_scores: BTreeMap<Criterion, f64>,
}

/// The room's stance on public cloud and the conditions under which it accepts public cloud
/// for sensitive data (Rijksbreed cloudbeleid 2022: "nee, tenzij").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PublicCloudAcceptance {
    /// The stance followed: the cloud policy of 2022 unless the room chooses KING (2012).
    #[serde(default)]
    pub stance: CloudStance,
    /// Data classes for which the room accepts public cloud.
    pub accept_for: Vec<DataClass>,
    /// Storage and processing demonstrably in the EEA.
    pub eea_storage: bool,
    /// A (pre-scan) DPIA has been done.
    pub dpia: bool,
    /// An exit strategy (transfer and destruction of data) is agreed before signing.
    pub exit_strategy: bool,
    /// The provider is not from a country with an offensive cyber programme against the
    /// Netherlands.
    #[serde(default)]
    pub no_offensive_cyber_provider: bool,
}

impl Profile {
    /// The collaboration with this id.
    pub fn collaboration(&self, id: &str) -> Option<&Collaboration> {
        self.collaborations.iter().find(|c| c.id == id)
    }
}

impl PublicCloudAcceptance {
    /// Whether every "tenzij" condition of the cloud policy is recorded as met.
    pub fn conditions_met(&self) -> bool {
        self.eea_storage && self.dpia && self.exit_strategy && self.no_offensive_cyber_provider
    }
}

id_enum! {
    /// Availability need of a workload (the B of a BIV classification: beschikbaarheid).
    BivLevel {
        /// Laag.
        Low => "low",
        /// Midden.
        Medium => "medium",
        /// Hoog.
        High => "high",
    }
}

impl BivLevel {
    /// The level as the room reads it.
    pub fn name(self) -> crate::core::text::Localized {
        let (nl, en) = match self {
            BivLevel::Low => ("laag", "low"),
            BivLevel::Medium => ("midden", "medium"),
            BivLevel::High => ("hoog", "high"),
        };
        crate::core::text::Localized::new(nl, en)
    }
}

/// A workload (werkproces / applicatiecluster) to place.
///
/// Constructible as `Workload { name, data, models, critical, ..Default::default() }`: the
/// attributes below `critical` default to "not recorded".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Workload {
    pub name: String,
    pub data: DataClass,
    /// The service models the workload is available in; empty means any. Only `saas` means the
    /// vendor offers it as SaaS only.
    pub models: Vec<ServiceModel>,
    /// A critical process (BIO decision tree: detailed risk analysis).
    pub critical: bool,
    /// Availability need (BIV); `None` when not classified.
    #[serde(default)]
    pub availability: Option<BivLevel>,
    /// The workload has a DigiD connection (yearly ICT assessment per connection).
    #[serde(default)]
    pub digid: bool,
    /// The id of the profile collaboration the workload already belongs to.
    #[serde(default)]
    pub collaboration: Option<String>,
}

/// A collaboration the municipality (or group) already belongs to: an ICT SSC, a regional tax
/// collaboration, a host municipality's services. A workload may be tied to one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collaboration {
    /// The id workloads use (`collaboration = "…"`).
    pub id: String,
    /// The name shown.
    pub name: String,
    /// The placement option it is: `ssc` or `host`.
    pub option: PlacementOption,
    /// Its form under the Wgr, when given.
    #[serde(default)]
    pub form: Option<CollaborationForm>,
}

/// A validated profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The workshop's question, shown on top of reports.
    pub title: String,
    pub subject: Subject,
    pub weights: Weights,
    pub constraints: Constraints,
    pub public_cloud: PublicCloudAcceptance,
    /// One-off transition estimates (EUR) per option, used by `max_one_off_budget`.
    pub one_off_estimates: BTreeMap<PlacementOption, Decimal>,
    pub workloads: Vec<Workload>,
    /// The collaborations the subject already belongs to (several may exist side by side).
    #[serde(default)]
    pub collaborations: Vec<Collaboration>,
    /// The business case (seed 003), when the profile has a `[business_case]` section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_case: Option<BusinessCaseSetup>,
    /// The application portfolio file (CSV or XLSX) as the profile names it, relative to the
    /// profile file (issue 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<String>,
}
