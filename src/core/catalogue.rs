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
        /// Publieke cloud from an EU-owned provider: a large market; the customer chooses the
        /// region, and no non-EU parent can be compelled to hand over the data.
        Public => "public",
        /// Publieke cloud from a provider with a non-EU parent: the customer chooses an EU
        /// region (location), but the parent's law reaches the data (US CLOUD Act, FISA 702):
        /// jurisdiction, not location, is what cannot be demonstrated.
        PublicNonEu => "public_non_eu",
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
        /// Per werkplek of gebruiker per jaar: a host municipality's DVO tariff or a SaaS
        /// subscription; the count is committed for the year.
        PerWorkplace => "per_workplace",
    }
}

id_enum! {
    /// Whose law reaches the data, apart from where it is stored.
    Jurisdiction {
        /// Only EU (and EEA) law: the provider and its parent are established in the EU.
        Eu => "eu",
        /// A non-EU parent: its law (e.g. the US CLOUD Act, FISA 702) can compel access,
        /// wherever the data is stored.
        NonEu => "non_eu",
    }
}

// `id_enum!` fixes the derives, so `Default` is written out.
#[allow(clippy::derivable_impls)]
impl Default for Jurisdiction {
    fn default() -> Self {
        Jurisdiction::Eu
    }
}

id_enum! {
    /// The price risk of a candidate: how its yearly price can move, apart from volume.
    PriceRisk {
        /// Own budget: licences of the own stack (virtualisation, databases) repriced at
        /// renewal, hardware replacement peaks.
        OwnStack => "own_stack",
        /// A commercial hosting contract with an indexation clause.
        HostingContract => "hosting_contract",
        /// An SSC's year-end deficit that the members must cover.
        SscDeficit => "ssc_deficit",
        /// A host municipality's DVO tariff, indexed and reset per DVO term.
        HostDvo => "host_dvo",
        /// A public cloud provider's list prices, which it may change during the contract.
        PublicListPrice => "public_list_price",
        /// A SaaS vendor's subscription price, set again at every renewal.
        SubscriptionRenewal => "subscription_renewal",
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
        /// Gemeenschappelijk orgaan under the Wgr.
        JointBody => "joint_body",
        /// Bedrijfsvoeringsorganisatie under the Wgr (since 2015): the usual vehicle for an
        /// ICT SSC.
        OperationsBody => "operations_body",
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
    /// How a rule's source binds a municipality.
    PolicyStatus {
        /// Bindend: law or EU regulation in force.
        Binding => "binding",
        /// Zelfbindend (pas toe of leg uit): a norm municipalities agreed on together and
        /// account for (BIO via ENSIA, GIBIT).
        SelfBinding => "self_binding",
        /// Referentie: central-government policy a municipality may adopt as its norm.
        Reference => "reference",
        /// Achtergrond: advice, studies, articles (the source documents).
        Background => "background",
        /// In voorbereiding: announced or proposed, not in force.
        Pending => "pending",
    }
}

id_enum! {
    /// What kind of document a source is.
    SourceKind {
        /// A Dutch law or decree (wet, besluit).
        Law => "law",
        /// An EU regulation, directive or decision.
        EuRegulation => "eu_regulation",
        /// A judgment of a court.
        Ruling => "ruling",
        /// A letter or strategy of the government (Kamerbrief, visie).
        PolicyLetter => "policy_letter",
        /// A standard or baseline (BIO, normenkader).
        Standard => "standard",
        /// Purchasing terms (GIBIT).
        PurchasingTerms => "purchasing_terms",
        /// Advice, study, article or blog.
        Advice => "advice",
    }
}

/// A reference to a catalogue source and the sections used there: what the core hands out;
/// a view decides how to write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The id of a source in the catalogue.
    pub source: String,
    /// The sections used ("art. 35", "§4.1"); empty for the document as a whole.
    pub sections: Vec<String>,
}

impl Citation {
    /// A citation of `source` with a section string as the catalogue writes it
    /// ("§2.2 Tabel 1; §3.3" and "§3.3, §4.1" both name two sections).
    pub fn new(source: &str, section: &str) -> Self {
        Citation {
            source: source.to_string(),
            sections: split_sections(section),
        }
    }

    /// Adds the sections of `other` (same source) that are not there yet.
    pub fn merge(&mut self, other: &Citation) {
        for s in &other.sections {
            if !self.sections.contains(s) {
                self.sections.push(s.clone());
            }
        }
    }
}

/// A further source for a value or rule, as the catalogue file writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub source: String,
    #[serde(default)]
    pub section: String,
}

impl SourceRef {
    /// The citation.
    pub fn citation(&self) -> Citation {
        Citation::new(&self.source, &self.section)
    }
}

/// Adds a citation to a list, one entry per source with the sections merged.
pub fn push_citation(list: &mut Vec<Citation>, c: Citation) {
    match list.iter_mut().find(|x| x.source == c.source) {
        Some(x) => x.merge(&c),
        None => list.push(c),
    }
}

/// Splits a section string into the sections it names: "§2.2 Tabel 1; §3.3" and
/// "§3.3, §4.1" both name two.
pub fn split_sections(section: &str) -> Vec<String> {
    section
        .split("; ")
        .flat_map(|part| part.split(", §").enumerate())
        .map(|(i, s)| {
            if i > 0 {
                format!("§{}", s.trim())
            } else {
                s.trim().to_string()
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where a number in the catalogue comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Provenance {
    /// A source section that contains the number.
    Sourced { citation: Citation },
    /// Wolkwijzer's own assumption; `context` is the source that informed it, if any.
    Assumption { context: Option<Citation> },
}

impl Provenance {
    /// Whether the number is wolkwijzer's own assumption.
    pub fn is_assumption(&self) -> bool {
        matches!(self, Provenance::Assumption { .. })
    }
}

/// The reason and origin of a number that stands without a reason of its own (the points of a
/// control level, the relief per layer): a text, a source section, or the assumption mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub nl: String,
    pub en: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub section: String,
    /// `true`: wolkwijzer's own number, the text says why.
    #[serde(default)]
    pub assumption: bool,
}

impl Basis {
    /// The reason as a bilingual text.
    pub fn reason(&self) -> Localized {
        Localized::new(self.nl.clone(), self.en.clone())
    }

    /// Where the number comes from.
    pub fn provenance(&self) -> Provenance {
        provenance(&self.source, &self.section, self.assumption)
    }
}

fn provenance(source: &str, section: &str, assumption: bool) -> Provenance {
    let context = (!source.is_empty()).then(|| Citation::new(source, section));
    match (assumption, context) {
        (false, Some(citation)) => Provenance::Sourced { citation },
        (_, context) => Provenance::Assumption { context },
    }
}

/// A source document every rule and attribute refers to, as a council would cite it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub status: PolicyStatus,
    /// Publisher or author ("KING (nu VNG)"); empty for a law, which is cited by its title.
    pub publisher: Localized,
    /// The title as published.
    pub title: String,
    /// The short name the law is known by ("AVG" / "GDPR").
    #[serde(default)]
    pub short: Localized,
    /// The year of publication (or of adoption, for a law).
    pub year: u16,
    /// The exact date when known: `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(default)]
    pub date: String,
    /// `true` when the year is an estimate ("ca. 2012").
    #[serde(default)]
    pub approximate: bool,
    /// The official identifier: BWB id, CELEX number, Kamerstuk with the letter's date,
    /// document version; empty when the document has none.
    #[serde(default)]
    pub identifier: String,
    /// The sections the tool relies on.
    pub sections: Vec<String>,
    /// The date this entry was last checked against the source (`YYYY-MM-DD`).
    pub checked: String,
    /// What is uncertain about the status on the checked date, when anything is.
    #[serde(default)]
    pub status_note: Option<Localized>,
    /// What the tool takes from it.
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
    /// Whose law reaches the data (separate from `data_location`: where it is stored).
    #[serde(default)]
    pub jurisdiction: Jurisdiction,
    /// How the yearly price can move apart from volume.
    pub price_risk: PriceRisk,
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
    /// Why the obstacle is historical (a facility or term of its time), when it is.
    #[serde(default)]
    pub historical: Option<Localized>,
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
    /// `true`: wolkwijzer's own number, the text says why.
    #[serde(default)]
    pub assumption: bool,
    /// Further sources, e.g. where sources disagree.
    #[serde(default)]
    pub also: Vec<SourceRef>,
}

impl Weighted {
    /// The reason as a bilingual text.
    pub fn reason(&self) -> Localized {
        Localized::new(self.nl.clone(), self.en.clone())
    }

    /// Where the number comes from.
    pub fn provenance(&self) -> Provenance {
        provenance(&self.source, &self.section, self.assumption)
    }
}

impl Figure {
    /// Where the number comes from.
    pub fn provenance(&self) -> Provenance {
        provenance(&self.source, &self.section, self.assumption)
    }
}

impl ReferenceTariff {
    /// Where the reference tariff's amounts come from.
    pub fn provenance(&self) -> Provenance {
        provenance(&self.source, &self.section, self.assumption)
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
    /// Why full control and configuration earn these points.
    pub level_basis: Basis,
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
    /// `true`: wolkwijzer's own number, the text says why.
    #[serde(default)]
    pub assumption: bool,
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
    /// `true`: wolkwijzer's own number, the text says why.
    #[serde(default)]
    pub assumption: bool,
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
    /// Points off for price risk (licence price shocks, indexation, an SSC's deficit),
    /// apart from the volume band.
    pub price_risk: BTreeMap<PriceRisk, Weighted>,
}

/// Privacy, defined around the AVG obligations: who decides location, access (the processor
/// chain, art. 28) and security (art. 32), how far the service model puts the supplier in the
/// processing, and whose law reaches the data (transfer risk, chapter V).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub decider: BTreeMap<Decider, Weighted>,
    /// Points off the access question by service model: under SaaS the supplier processes the
    /// data in its own application, with support access and sub-processors.
    pub model: BTreeMap<ServiceModel, Weighted>,
    /// Points of the transfer question by jurisdiction.
    pub jurisdiction: BTreeMap<Jurisdiction, Weighted>,
}

/// Sovereignty: jurisdiction and ownership that may change hands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SovereigntyRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub jurisdiction: BTreeMap<Jurisdiction, Weighted>,
    /// By who runs the service: a public body cannot be bought, a company can.
    pub ownership: BTreeMap<Decider, Weighted>,
}

/// Flexibility: points per cloud characteristic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlexibilityRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub per_characteristic: f64,
    /// Why each characteristic earns these points.
    pub per_characteristic_basis: Basis,
}

/// Ontzorgen: relief per layer plus outsourced housing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OntzorgenRule {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub relief: ReliefPoints,
    /// Why the relief per control level is what it is.
    pub relief_basis: Basis,
    pub facility_relief: Weighted,
    /// Points off for the governance and regie work that remains with the municipality, by
    /// who runs the service (board seats and budget cycle of a GR, DVO, contract management).
    pub governance: BTreeMap<Decider, Weighted>,
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

/// The scoring tables of all criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaRules {
    pub control: ControlRule,
    pub privacy: PrivacyRule,
    pub cost_predictability: TariffRule,
    pub continuity: DeciderRule,
    pub flexibility: FlexibilityRule,
    pub ontzorgen: OntzorgenRule,
    pub exit: ExitRule,
    pub sovereignty: SovereigntyRule,
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

id_enum! {
    /// The stance on public cloud for personal data the room follows.
    CloudStance {
        /// The Rijksbreed cloudbeleid 2022 (the default, the current reference): ordinary
        /// personal data "ja, mits"; BRP data and special categories "nee, tenzij".
        #[serde(rename = "cloudbeleid_2022")]
        Cloudbeleid2022 => "cloudbeleid_2022",
        /// KING, Cloud computing en shared service centra (ca. 2012), the stricter stance: no
        /// public cloud for any personal data.
        #[serde(rename = "king_2012")]
        King2012 => "king_2012",
    }
}

// `id_enum!` fixes the derives, so `Default` is written out.
#[allow(clippy::derivable_impls)]
impl Default for CloudStance {
    fn default() -> Self {
        CloudStance::Cloudbeleid2022
    }
}

impl CloudStance {
    /// The line above a landscape when the room chose a stance other than the reference.
    pub fn chosen_note(self) -> Option<Localized> {
        (self != CloudStance::Cloudbeleid2022).then(|| {
            let n = self.name();
            Localized::new(
                format!(
                    "Gekozen houding voor publieke cloud: {}; geen publieke cloud voor persoonsgegevens.",
                    n.nl
                ),
                format!(
                    "Stance chosen for public cloud: {}; no public cloud for personal data.",
                    n.en
                ),
            )
        })
    }

    /// The stance by its name and date, as the output shows it.
    pub fn name(self) -> Localized {
        match self {
            CloudStance::Cloudbeleid2022 => Localized::new(
                "Rijksbreed cloudbeleid 2022 (29-08-2022, Kamerstuk 26643, nr. 904)",
                "Rijksbreed cloudbeleid 2022 (29 Aug 2022, Kamerstuk 26643, nr. 904)",
            ),
            CloudStance::King2012 => Localized::new(
                "KING, Cloud computing en shared service centra (ca. 2012), strenger dan het huidige cloudbeleid",
                "KING, Cloud computing en shared service centra (about 2012), stricter than today's cloud policy",
            ),
        }
    }
}

/// When the room can lift a placement rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unless {
    /// The profile accepts public cloud for this data class.
    Accepted,
    /// The profile accepts it AND records every condition of the cloud policy as met: storage
    /// and processing demonstrably in the EEA, no provider from a country with an offensive
    /// cyber programme against the Netherlands, an exit strategy before signing, a DPIA.
    AcceptedWithConditions,
    /// Never: the rule is the room's own stance (e.g. `king_2012`).
    Never,
}

/// A rule on where a data class may be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementRule {
    pub id: String,
    pub applies_to: Vec<DataClass>,
    pub forbids: Forbids,
    pub unless: Unless,
    /// The rule applies only under this stance; `None`: under every stance.
    #[serde(default)]
    pub stance: Option<CloudStance>,
    /// Also applies to a workload with a DigiD connection, whatever its data class (a
    /// citizen-facing e-service).
    #[serde(default)]
    pub digid: bool,
    pub text: Localized,
    pub source: String,
    pub section: String,
    /// Further sources.
    #[serde(default)]
    pub also: Vec<SourceRef>,
}

impl PlacementRule {
    /// Its citations: the source, then the further sources.
    pub fn citations(&self) -> Vec<Citation> {
        rule_citations(&self.source, &self.section, &self.also)
    }
}

/// A rule's citations: its own source and section, then the further sources.
fn rule_citations(source: &str, section: &str, also: &[SourceRef]) -> Vec<Citation> {
    let mut out = vec![Citation::new(source, section)];
    for a in also {
        push_citation(&mut out, a.citation());
    }
    out
}

/// Law or a self-binding norm that comes with a placement option, whatever the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRule {
    pub id: String,
    pub options: Vec<PlacementOption>,
    pub text: Localized,
    pub source: String,
    pub section: String,
    /// Further sources.
    #[serde(default)]
    pub also: Vec<SourceRef>,
}

impl OptionRule {
    /// Its citations: the source, then the further sources.
    pub fn citations(&self) -> Vec<Citation> {
        rule_citations(&self.source, &self.section, &self.also)
    }
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
    pub workload_attributes: WorkloadAttributes,
    pub ranking: RankingSettings,
    pub option_rules: Vec<OptionRule>,
}

/// How a workload's own attributes change the weights it is placed with, and how a tie to a
/// collaboration holds it there. Every value is a number with its basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadAttributes {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    /// Factor on the continuity weight by availability need (BIV).
    pub availability: BTreeMap<crate::core::profile::BivLevel, Weighted>,
    /// For high availability: continuity gets at least this share of the workload's weights.
    pub high_availability_floor: Weighted,
    /// Factor on the ontzorgen weight for a workload with a DigiD connection.
    pub digid_ontzorgen: Weighted,
    /// A workload tied to a collaboration stays there unless another candidate scores this
    /// many points more for it.
    pub collaboration_margin: Weighted,
}

/// Settings of the ranking itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingSettings {
    /// Below this score on a criterion the room did not weigh, the leader gets a warning.
    pub blind_spot_below: Weighted,
}

/// How much privacy counts per data class when placing a workload (seed 000 §4.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadPrivacy {
    pub rule: Localized,
    pub source: String,
    pub section: String,
    pub factor: BTreeMap<DataClass, f64>,
    /// Why the factors are what they are.
    pub factor_basis: Basis,
}

impl Catalogue {
    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// A citation of a source id with a section string as the catalogue writes it.
    pub fn citation(&self, id: &str, section: &str) -> Citation {
        Citation::new(id, section)
    }

    /// The status of a source (an unknown id, which a checked catalogue does not have, counts
    /// as background).
    pub fn status_of(&self, id: &str) -> PolicyStatus {
        self.source(id)
            .map(|s| s.status)
            .unwrap_or(PolicyStatus::Background)
    }

    /// The date the policy content was last checked: the latest `checked` of its sources.
    pub fn policy_checked(&self) -> &str {
        self.sources
            .iter()
            .map(|s| s.checked.as_str())
            .max()
            .unwrap_or("")
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

    /// Every number in the catalogue's rules, by its path in the file, with where it comes from:
    /// `(path, source, section, assumption)`. A number is sound when it is marked as an
    /// assumption or names a source section.
    pub fn number_bases(&self) -> Vec<(String, &str, &str, bool)> {
        let mut out: Vec<(String, &str, &str, bool)> = vec![];
        let cr = &self.criteria;
        fn w(path: String, x: &Weighted) -> (String, &str, &str, bool) {
            (path, x.source.as_str(), x.section.as_str(), x.assumption)
        }
        fn b<'b>(path: &str, x: &'b Basis) -> (String, &'b str, &'b str, bool) {
            (
                path.to_string(),
                x.source.as_str(),
                x.section.as_str(),
                x.assumption,
            )
        }
        out.push(b("criteria.control.level", &cr.control.level_basis));
        out.push(w(
            "criteria.control.facility_penalty".into(),
            &cr.control.facility_penalty,
        ));
        for (k, x) in &cr.control.no_influence {
            out.push(w(format!("criteria.control.no_influence.{k}"), x));
        }
        for (k, x) in &cr.privacy.decider {
            out.push(w(format!("criteria.privacy.decider.{k}"), x));
        }
        for (k, x) in &cr.privacy.model {
            out.push(w(format!("criteria.privacy.model.{k}"), x));
        }
        for (k, x) in &cr.privacy.jurisdiction {
            out.push(w(format!("criteria.privacy.jurisdiction.{k}"), x));
        }
        for (k, x) in &cr.sovereignty.jurisdiction {
            out.push(w(format!("criteria.sovereignty.jurisdiction.{k}"), x));
        }
        for (k, x) in &cr.sovereignty.ownership {
            out.push(w(format!("criteria.sovereignty.ownership.{k}"), x));
        }
        let cp = &cr.cost_predictability;
        for (name, f) in [
            ("usage_uncertainty_pct", &cp.usage_uncertainty_pct),
            ("reference_usage", &cp.reference_usage),
        ] {
            out.push((
                format!("criteria.cost_predictability.{name}"),
                f.source.as_str(),
                f.section.as_str(),
                f.assumption,
            ));
        }
        out.push(w(
            "criteria.cost_predictability.max_points".into(),
            &cp.max_points,
        ));
        out.push(w(
            "criteria.cost_predictability.points_per_10pct".into(),
            &cp.points_per_10pct,
        ));
        for (k, t) in &cp.tariff {
            out.push((
                format!("criteria.cost_predictability.tariff.{k}"),
                t.source.as_str(),
                t.section.as_str(),
                t.assumption,
            ));
        }
        for (k, x) in &cp.price_risk {
            out.push(w(format!("criteria.cost_predictability.price_risk.{k}"), x));
        }
        for (k, x) in &cr.continuity.decider {
            out.push(w(format!("criteria.continuity.decider.{k}"), x));
        }
        out.push(b(
            "criteria.flexibility.per_characteristic",
            &cr.flexibility.per_characteristic_basis,
        ));
        out.push(b("criteria.ontzorgen.relief", &cr.ontzorgen.relief_basis));
        out.push(w(
            "criteria.ontzorgen.facility_relief".into(),
            &cr.ontzorgen.facility_relief,
        ));
        for (k, x) in &cr.ontzorgen.governance {
            out.push(w(format!("criteria.ontzorgen.governance.{k}"), x));
        }
        for (k, x) in &cr.exit.model {
            out.push(w(format!("criteria.exit.model.{k}"), x));
        }
        for (k, x) in &cr.exit.terms {
            out.push(w(format!("criteria.exit.terms.{k}"), x));
        }
        out.push(b(
            "workload_privacy.factor",
            &self.workload_privacy.factor_basis,
        ));
        let wa = &self.workload_attributes;
        for (k, x) in &wa.availability {
            out.push(w(format!("workload_attributes.availability.{k}"), x));
        }
        out.push(w(
            "workload_attributes.high_availability_floor".into(),
            &wa.high_availability_floor,
        ));
        out.push(w(
            "workload_attributes.digid_ontzorgen".into(),
            &wa.digid_ontzorgen,
        ));
        out.push(w(
            "workload_attributes.collaboration_margin".into(),
            &wa.collaboration_margin,
        ));
        out.push(w(
            "ranking.blind_spot_below".into(),
            &self.ranking.blind_spot_below,
        ));
        out
    }

    /// Every citation the catalogue makes, by its path in the file (the source ids and
    /// sections of options, pros and cons, models, rules and numbers).
    pub fn citations_made(&self) -> Vec<(String, Citation)> {
        let mut out = vec![];
        let mut add = |path: String, source: &str, section: &str| {
            if !source.is_empty() {
                out.push((path, Citation::new(source, section)));
            }
        };
        for (i, o) in self.options.iter().enumerate() {
            add(format!("options[{i}]"), &o.source, &o.section);
            for (j, p) in o.pros.iter().chain(&o.cons).enumerate() {
                add(
                    format!("options[{i}].pros/cons[{j}]"),
                    &p.source,
                    &p.section,
                );
            }
        }
        for (i, m) in self.service_models.iter().enumerate() {
            add(format!("service_models[{i}]"), &m.source, &m.section);
        }
        for (i, d) in self.deployments.iter().enumerate() {
            add(format!("deployments[{i}]"), &d.source, &d.section);
        }
        for (i, c) in self.characteristics.iter().enumerate() {
            add(format!("characteristics[{i}]"), &c.source, &c.section);
        }
        for (i, c) in self.candidates.iter().enumerate() {
            for s in &c.sources {
                add(format!("candidates[{i}].sources"), s, "");
            }
        }
        for (i, f) in self.forms.iter().enumerate() {
            add(format!("forms[{i}]"), &f.source, &f.section);
        }
        for (i, o) in self.obstacles.iter().enumerate() {
            add(format!("obstacles[{i}]"), &o.source, &o.section);
        }
        for (i, r) in self.placement_rules.iter().enumerate() {
            for c in r.citations() {
                out.push((format!("placement_rules[{i}]"), c));
            }
        }
        for (i, r) in self.option_rules.iter().enumerate() {
            for c in r.citations() {
                out.push((format!("option_rules[{i}]"), c));
            }
        }
        let cr = &self.criteria;
        let heads = [
            ("criteria.control", &cr.control.source, &cr.control.section),
            ("criteria.privacy", &cr.privacy.source, &cr.privacy.section),
            (
                "criteria.cost_predictability",
                &cr.cost_predictability.source,
                &cr.cost_predictability.section,
            ),
            (
                "criteria.continuity",
                &cr.continuity.source,
                &cr.continuity.section,
            ),
            (
                "criteria.flexibility",
                &cr.flexibility.source,
                &cr.flexibility.section,
            ),
            (
                "criteria.ontzorgen",
                &cr.ontzorgen.source,
                &cr.ontzorgen.section,
            ),
            ("criteria.exit", &cr.exit.source, &cr.exit.section),
            (
                "workload_privacy",
                &self.workload_privacy.source,
                &self.workload_privacy.section,
            ),
        ];
        for (path, source, section) in heads {
            if !source.is_empty() {
                out.push((path.to_string(), Citation::new(source, section)));
            }
        }
        for (path, source, section, _) in self.number_bases() {
            if !source.is_empty() {
                out.push((path, Citation::new(source, section)));
            }
        }
        let weighted = cr
            .control
            .no_influence
            .iter()
            .chain(&cr.privacy.decider)
            .chain(&cr.continuity.decider)
            .map(|(k, x)| (k.id().to_string(), x))
            .chain(cr.exit.terms.iter().map(|(k, x)| (k.id().to_string(), x)))
            .chain(cr.exit.model.iter().map(|(k, x)| (k.id().to_string(), x)));
        for (k, x) in weighted {
            for a in &x.also {
                if !a.source.is_empty() {
                    out.push((format!("criteria.*.{k}.also"), a.citation()));
                }
            }
        }
        out
    }

    /// The rules that come with a placement option.
    pub fn option_rules_for(&self, option: PlacementOption) -> Vec<&OptionRule> {
        self.option_rules
            .iter()
            .filter(|r| r.options.contains(&option))
            .collect()
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

impl Deployment {
    /// Public cloud, whatever the provider's jurisdiction.
    pub fn is_public(self) -> bool {
        matches!(self, Deployment::Public | Deployment::PublicNonEu)
    }
}

impl Jurisdiction {
    /// The jurisdiction as the room reads it.
    pub fn name(self) -> Localized {
        match self {
            Jurisdiction::Eu => Localized::new("EU", "EU"),
            Jurisdiction::NonEu => Localized::new("buiten de EU", "outside the EU"),
        }
    }
}

impl Default for DataClass {
    /// Persoonsgegevens: most municipal applications hold personal data, so an unclassified
    /// workload is treated as holding it rather than as less sensitive than it may be.
    fn default() -> Self {
        DataClass::Personal
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
            PolicyStatus::SelfBinding => ("zelfbindend", "self-binding"),
            PolicyStatus::Reference => ("referentie", "reference"),
            PolicyStatus::Background => ("achtergrond", "background"),
            PolicyStatus::Pending => ("in voorbereiding", "pending"),
        };
        Localized::new(nl, en)
    }
}

impl PolicyStatus {
    /// How strongly it binds: 0 = binding … 4 = background.
    pub fn strength(self) -> u8 {
        match self {
            PolicyStatus::Binding => 0,
            PolicyStatus::SelfBinding => 1,
            PolicyStatus::Reference => 2,
            PolicyStatus::Pending => 3,
            PolicyStatus::Background => 4,
        }
    }
}

impl SourceKind {
    /// The kind as the room reads it.
    pub fn name(self) -> Localized {
        let (nl, en) = match self {
            SourceKind::Law => ("wet", "law"),
            SourceKind::EuRegulation => ("EU-regelgeving", "EU legislation"),
            SourceKind::Ruling => ("uitspraak", "judgment"),
            SourceKind::PolicyLetter => ("beleidsbrief", "policy letter"),
            SourceKind::Standard => ("norm", "standard"),
            SourceKind::PurchasingTerms => ("inkoopvoorwaarden", "purchasing terms"),
            SourceKind::Advice => ("advies of achtergrond", "advice or background"),
        };
        Localized::new(nl, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_on_semicolons_and_paragraph_signs() {
        assert_eq!(
            split_sections("§2.2 Tabel 1; §3.3"),
            vec!["§2.2 Tabel 1", "§3.3"]
        );
        assert_eq!(split_sections("§3.3, §4.1"), vec!["§3.3", "§4.1"]);
        assert_eq!(split_sections(""), Vec::<String>::new());
        assert_eq!(
            split_sections("art. 28; art. 32"),
            vec!["art. 28", "art. 32"]
        );
    }

    #[test]
    fn citations_of_one_source_merge_their_sections() {
        let mut list = vec![];
        push_citation(&mut list, Citation::new("a", "§3.3"));
        push_citation(&mut list, Citation::new("a", "§3.3, §4.1"));
        push_citation(&mut list, Citation::new("b", ""));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].sections, vec!["§3.3", "§4.1"]);
    }

    #[test]
    fn a_number_without_a_source_is_an_assumption() {
        assert!(provenance("", "", false).is_assumption());
        assert!(provenance("avg", "art. 35", true).is_assumption());
        assert!(!provenance("avg", "art. 35", false).is_assumption());
    }
}
