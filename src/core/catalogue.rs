//! The catalogue: placement options, service models with the control-per-layer table, deployment
//! models, cloud characteristics, collaboration forms with their obstacles, the valid candidates
//! and the points behind every scoring rule. Pure data types; `io::catalogue` loads them.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::allocation::TariffModel;
use super::text::{Lang, Localized};

id_enum! {
    /// The five placement options of seed 002.
    PlacementOption {
        /// Eigen bezit en beheer: own infrastructure, own management.
        Own => "own",
        /// Commercieel datacenter, eigen beheer: colocation, self-managed.
        Colocation => "colocation",
        /// Infrastructuur en beheer bij een commercieel datacenter: managed hosting or cloud.
        Managed => "managed",
        /// Samenwerkingsverband / Shared Service Center.
        Ssc => "ssc",
        /// Gastgemeente / centrumgemeente: a nearby host municipality.
        Host => "host",
    }
}

id_enum! {
    /// Service models (seed 000 §2.1), with on-premises as "no cloud".
    ServiceModel {
        /// On-premises: no cloud, full control on every layer.
        OnPremises => "on_premises",
        /// Infrastructure as a Service.
        Iaas => "iaas",
        /// Platform as a Service.
        Paas => "paas",
        /// Software as a Service.
        Saas => "saas",
    }
}

id_enum! {
    /// Deployment models (seed 000 §2.3).
    Deployment {
        /// Private cloud: one organisation.
        Private => "private",
        /// Gedeelde cloud: several organisations of one segment.
        Community => "community",
        /// Publieke cloud: a large market.
        Public => "public",
        /// Hybride cloud: two or more joined by standard interfaces.
        Hybrid => "hybrid",
    }
}

id_enum! {
    /// The four layers of IT in Table 1 of seed 000, top to bottom.
    Layer {
        /// Bedrijfsapplicaties.
        BusinessApplications => "business_applications",
        /// Applicatie-infrastructuur.
        ApplicationInfrastructure => "application_infrastructure",
        /// Technische infrastructuur.
        TechnicalInfrastructure => "technical_infrastructure",
        /// Hardware.
        Hardware => "hardware",
    }
}

id_enum! {
    /// How much a customer controls a layer (seed 000 Table 1).
    ControlLevel {
        /// Volledige controle.
        Full => "full",
        /// Configuratie.
        Configuration => "configuration",
        /// Geen invloed.
        None => "none",
    }
}

id_enum! {
    /// Cloud characteristics (seed 000 §2.2).
    Characteristic {
        /// Zelfbediening.
        SelfService => "self_service",
        /// Toegang via breedband.
        Broadband => "broadband",
        /// Gedeeld gebruik van middelen.
        Pooling => "pooling",
        /// Schaalbaarheid.
        Elasticity => "elasticity",
        /// Betalen naar gebruik (measured service).
        PayPerUse => "pay_per_use",
    }
}

id_enum! {
    /// How a candidate is paid for (seed 003 §2.7; seed 000 §4.1).
    Tariff {
        /// The municipality's own budget and depreciation.
        OwnBudget => "own_budget",
        /// Vast tarief.
        Fixed => "fixed",
        /// Getrapt tarief.
        Tiered => "tiered",
        /// Betalen naar gebruik.
        PayPerUse => "pay_per_use",
    }
}

id_enum! {
    /// Who decides a matter (data location, access, security, operations, housing).
    Decider {
        /// The municipality itself.
        Municipality => "municipality",
        /// The participants of a collaboration, together.
        Participants => "participants",
        /// A host municipality.
        Host => "host",
        /// A supplier, bound by contract.
        Contract => "contract",
        /// A public cloud provider.
        Provider => "provider",
    }
}

id_enum! {
    /// The terms for leaving a candidate.
    ExitTerms {
        /// No supplier to leave.
        None => "none",
        /// Uittreding from a gemeenschappelijke regeling.
        GrExit => "gr_exit",
        /// Terminating the service agreement with a host municipality.
        HostAgreement => "host_agreement",
        /// A commercial contract (GIBIT exit plan, EU Data Act switching).
        CommercialContract => "commercial_contract",
    }
}

id_enum! {
    /// Forms of collaboration (seed 001 §2).
    CollaborationForm {
        /// Regeling zonder meer.
        Covenant => "covenant",
        /// Centrumgemeente / gastheergemeente.
        HostMunicipality => "host_municipality",
        /// Openbaar lichaam under the Wgr.
        PublicBody => "public_body",
        /// Privaatrechtelijke samenwerking.
        PrivateLaw => "private_law",
    }
}

id_enum! {
    /// Data classes of a workload, from least to most sensitive.
    DataClass {
        /// Openbaar: no restrictions.
        Public => "public",
        /// Intern: not public, no personal data.
        Internal => "internal",
        /// Persoonsgegevens.
        Personal => "personal",
        /// Basisregistratie Personen.
        Brp => "brp",
        /// Bijzondere persoonsgegevens.
        Special => "special",
    }
}

id_enum! {
    /// How binding a rule's source is for a municipality.
    PolicyStatus {
        /// Bindend: in force for municipalities.
        Binding => "binding",
        /// Referentie: a norm the municipality chooses to follow.
        Reference => "reference",
        /// In behandeling: announced or proposed, not in force.
        Pending => "pending",
    }
}

id_enum! {
    /// What kind of document a source is.
    SourceKind {
        /// One of the seed documents in `shared/seeds/`.
        Seed => "seed",
        /// Public policy.
        Policy => "policy",
        /// Law.
        Law => "law",
    }
}

/// A source document every rule and attribute refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub status: PolicyStatus,
    pub cite: String,
    pub note: Localized,
}

/// One of the four layers with its Dutch and English name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerInfo {
    pub id: Layer,
    pub name: Localized,
    pub examples: Localized,
}

/// A service model and its row of Table 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceModelInfo {
    pub id: ServiceModel,
    pub name: Localized,
    pub summary: Localized,
    pub control: BTreeMap<Layer, ControlLevel>,
    pub source: String,
    pub section: String,
}

impl ServiceModelInfo {
    /// The control level on `layer` (a validated catalogue has every layer).
    pub fn control_on(&self, layer: Layer) -> ControlLevel {
        self.control
            .get(&layer)
            .copied()
            .unwrap_or(ControlLevel::None)
    }
}

/// A deployment model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentInfo {
    pub id: Deployment,
    pub name: Localized,
    pub who: Localized,
    pub summary: Localized,
    pub source: String,
    pub section: String,
}

/// A cloud characteristic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharacteristicInfo {
    pub id: Characteristic,
    pub name: Localized,
    pub summary: Localized,
    pub source: String,
    pub section: String,
}

/// A sourced statement: a pro, a con, an obstacle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub nl: String,
    pub en: String,
    pub source: String,
    #[serde(default)]
    pub section: String,
}

impl Point {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// One of the five placement options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInfo {
    pub id: PlacementOption,
    pub number: u8,
    /// A short label for tables: "SSC", "Colocatie".
    pub short: Localized,
    pub name: Localized,
    pub summary: Localized,
    pub source: String,
    pub section: String,
    pub pros: Vec<Point>,
    pub cons: Vec<Point>,
}

/// The identity of a candidate: option + service model + deployment model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CandidateKey {
    pub option: PlacementOption,
    pub service_model: ServiceModel,
    pub deployment: Deployment,
}

impl CandidateKey {
    /// The id used on the command line: `option-model-deployment`, e.g. `ssc-saas-community`.
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{}",
            self.option.id(),
            self.service_model.id(),
            self.deployment.id()
        )
    }
}

impl fmt::Display for CandidateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// A valid combination with the attributes the scoring rules read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub option: PlacementOption,
    pub service_model: ServiceModel,
    pub deployment: Deployment,
    pub tariff: Tariff,
    pub data_location: Decider,
    pub data_access: Decider,
    pub security: Decider,
    pub operations: Decider,
    pub facility: Decider,
    pub characteristics: Vec<Characteristic>,
    pub exit_terms: ExitTerms,
    pub why: Localized,
    pub sources: Vec<String>,
}

impl Candidate {
    /// Its identity.
    pub fn key(&self) -> CandidateKey {
        CandidateKey {
            option: self.option,
            service_model: self.service_model,
            deployment: self.deployment,
        }
    }

    /// Whether it has a cloud characteristic.
    pub fn has(&self, c: Characteristic) -> bool {
        self.characteristics.contains(&c)
    }
}

/// A form of collaboration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormInfo {
    pub id: CollaborationForm,
    pub name: Localized,
    pub summary: Localized,
    pub source: String,
    pub section: String,
}

/// A known obstacle of collaboration (seed 001 §3) and the forms it applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obstacle {
    pub id: String,
    pub forms: Vec<CollaborationForm>,
    pub text: Localized,
    pub source: String,
    pub section: String,
}

/// A value in a scoring table with its reason and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weighted {
    pub value: f64,
    pub nl: String,
    pub en: String,
    pub source: String,
    #[serde(default)]
    pub section: String,
}

impl Weighted {
    /// The reason as a bilingual text.
    pub fn reason(&self) -> Localized {
        Localized::new(self.nl.clone(), self.en.clone())
    }
}

/// Points for full control and configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelPoints {
    pub full: f64,
    pub configuration: f64,
}

/// Relief per control level (share of a layer no longer run by the municipality).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReliefPoints {
    pub full: f64,
    pub configuration: f64,
    pub none: f64,
}

/// The rule text shared by every criterion table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleHead {
    pub rule: Localized,
    pub source: String,
    pub section: String,
}

/// Control: Table 1 plus governance credit for layers without influence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub level: LevelPoints,
    pub facility_penalty: Weighted,
    pub no_influence: BTreeMap<Decider, Weighted>,
}

/// A rule that maps deciders to points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeciderRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub decider: BTreeMap<Decider, Weighted>,
}

/// An exact figure in a rule (a percentage, a quantity) with its reason and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub value: Decimal,
    pub nl: String,
    pub en: String,
    pub source: String,
    #[serde(default)]
    pub section: String,
}

/// The reference tariff that stands for one catalogue tariff kind in the cost-predictability
/// rule: a tariff model of seed 003 Bijlage 3 (fixed, tiered, variable, composite) priced for
/// the rule's reference use, with why it represents the kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceTariff {
    pub reference: TariffModel,
    pub nl: String,
    pub en: String,
    pub source: String,
    #[serde(default)]
    pub section: String,
}

/// Kostenvoorspelbaarheid: the band of the yearly cost of each tariff kind's reference tariff
/// when use is `usage_uncertainty_pct` percent off `reference_usage`
/// ([`cost_band`](crate::core::allocation::cost_band)), turned into points:
/// `score = max_points − points_per_10pct × relative spread / 10 %`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    /// How far use can be off the estimate within a year, ± percent (0–100).
    pub usage_uncertainty_pct: Figure,
    /// The use (units of the allocation key) the reference tariffs are priced for (> 0).
    pub reference_usage: Figure,
    /// Points for a yearly cost that does not move with use (0–10).
    pub max_points: Weighted,
    /// Points lost per 10 % of relative spread (≥ 0).
    pub points_per_10pct: Weighted,
    /// The reference tariff of every tariff kind.
    pub tariff: BTreeMap<Tariff, ReferenceTariff>,
}

/// Flexibility: points per cloud characteristic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlexibilityRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub per_characteristic: f64,
}

/// Ontzorgen: relief per layer plus outsourced housing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OntzorgenRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub relief: ReliefPoints,
    pub facility_relief: Weighted,
}

/// Exit: base by service model plus the terms for leaving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub model: BTreeMap<ServiceModel, Weighted>,
    pub terms: BTreeMap<ExitTerms, Weighted>,
}

/// The scoring tables of all seven criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaRules {
    pub control: ControlRule,
    pub privacy: DeciderRule,
    pub cost_predictability: TariffRule,
    pub continuity: DeciderRule,
    pub flexibility: FlexibilityRule,
    pub ontzorgen: OntzorgenRule,
    pub exit: ExitRule,
}

/// What a placement rule forbids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forbids {
    /// Public deployments.
    Public,
    /// Nothing: the rule is a condition to meet, shown with the placement.
    None,
}

/// When the room can lift a placement rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unless {
    /// The profile accepts public cloud for this data class.
    Accepted,
    /// The profile accepts it AND confirms EEA storage, a DPIA and an exit strategy.
    AcceptedWithConditions,
}

/// A rule on where a data class may be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementRule {
    pub id: String,
    pub applies_to: Vec<DataClass>,
    pub forbids: Forbids,
    pub unless: Unless,
    pub text: Localized,
    pub source: String,
    pub section: String,
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub schema: u32,
    pub sources: Vec<Source>,
    pub layers: Vec<LayerInfo>,
    pub service_models: Vec<ServiceModelInfo>,
    pub deployments: Vec<DeploymentInfo>,
    pub characteristics: Vec<CharacteristicInfo>,
    pub options: Vec<OptionInfo>,
    pub candidates: Vec<Candidate>,
    pub forms: Vec<FormInfo>,
    pub obstacles: Vec<Obstacle>,
    pub criteria: CriteriaRules,
    pub placement_rules: Vec<PlacementRule>,
    pub workload_privacy: WorkloadPrivacy,
}

/// How much privacy counts per data class when placing a workload (seed 000 §4.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadPrivacy {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub factor: BTreeMap<DataClass, f64>,
}

impl Catalogue {
    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// "cite, section \[status\]" for a source id and section, for explanations.
    pub fn cite(&self, id: &str, section: &str) -> String {
        match self.source(id) {
            Some(s) if section.is_empty() => format!("{} [{}]", s.cite, s.status),
            Some(s) => format!("{}, {} [{}]", s.cite, section, s.status),
            None => id.to_string(),
        }
    }

    /// The status of a source (unknown ids count as reference).
    pub fn status_of(&self, id: &str) -> PolicyStatus {
        self.source(id)
            .map(|s| s.status)
            .unwrap_or(PolicyStatus::Reference)
    }

    /// Information on an option.
    pub fn option(&self, id: PlacementOption) -> Option<&OptionInfo> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Information on a service model.
    pub fn service_model(&self, id: ServiceModel) -> Option<&ServiceModelInfo> {
        self.service_models.iter().find(|m| m.id == id)
    }

    /// Information on a deployment model.
    pub fn deployment(&self, id: Deployment) -> Option<&DeploymentInfo> {
        self.deployments.iter().find(|d| d.id == id)
    }

    /// Information on a layer.
    pub fn layer(&self, id: Layer) -> Option<&LayerInfo> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// Information on a characteristic.
    pub fn characteristic(&self, id: Characteristic) -> Option<&CharacteristicInfo> {
        self.characteristics.iter().find(|c| c.id == id)
    }

    /// The candidate with this key.
    pub fn candidate(&self, key: CandidateKey) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.key() == key)
    }

    /// The candidate with this command-line id (`ssc-saas-community`).
    pub fn candidate_by_id(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.key().id() == id)
    }

    /// The obstacles that apply to a form of collaboration.
    pub fn obstacles_for(&self, form: CollaborationForm) -> Vec<&Obstacle> {
        self.obstacles
            .iter()
            .filter(|o| o.forms.contains(&form))
            .collect()
    }

    /// A localized name for a candidate: "SSC · SaaS · Gedeelde cloud".
    pub fn candidate_name(&self, key: CandidateKey, lang: Lang) -> String {
        let option = self
            .option(key.option)
            .map(|o| o.short.get(lang).to_string())
            .unwrap_or_else(|| key.option.id().to_string());
        let model = short_model(key.service_model, lang);
        let dep = self
            .deployment(key.deployment)
            .map(|d| d.name.get(lang).to_string())
            .unwrap_or_else(|| key.deployment.id().to_string());
        format!("{option} · {model} · {dep}")
    }
}

/// A short label for a service model: "On-prem", "IaaS", "PaaS", "SaaS".
pub fn short_model(m: ServiceModel, lang: Lang) -> &'static str {
    match (m, lang) {
        (ServiceModel::OnPremises, Lang::Nl) => "Eigen beheer",
        (ServiceModel::OnPremises, Lang::En) => "On-premises",
        (ServiceModel::Iaas, _) => "IaaS",
        (ServiceModel::Paas, _) => "PaaS",
        (ServiceModel::Saas, _) => "SaaS",
    }
}

impl DataClass {
    /// The data class's name.
    pub fn name(self) -> Localized {
        let (nl, en) = match self {
            DataClass::Public => ("Openbaar", "Public"),
            DataClass::Internal => ("Intern", "Internal"),
            DataClass::Personal => ("Persoonsgegevens", "Personal data"),
            DataClass::Brp => ("BRP-gegevens", "BRP data"),
            DataClass::Special => ("Bijzondere persoonsgegevens", "Special categories"),
        };
        Localized::new(nl, en)
    }

    /// Whether the class holds personal data.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            DataClass::Personal | DataClass::Brp | DataClass::Special
        )
    }
}

impl PolicyStatus {
    /// The status as the room reads it.
    pub fn name(self) -> Localized {
        let (nl, en) = match self {
            PolicyStatus::Binding => ("bindend", "binding"),
            PolicyStatus::Reference => ("referentie", "reference"),
            PolicyStatus::Pending => ("in voorbereiding", "pending"),
        };
        Localized::new(nl, en)
    }
}
