//! The business case as a profile holds it — what a facilitator fills in for one municipality
//! or a starter group — and its evaluation: every scenario tied to a candidate of the
//! catalogue, compared with the baseline ('ongewijzigd beleid') of each municipality, with
//! its risk bands, and for a starter group the allocation (verrekening) of the provider's
//! costs with each participant's own case.
//!
//! New levels of measured costs: a scenario states the new yearly level of some TCO
//! categories (or of the implicit costs, effect A) from a year on ([`LevelChange`]). Measured
//! costs are the same in the baseline and the scenario until they change, so they cancel in
//! the difference and are left out of both sides. What changes enters the scenario as the
//! change itself: a lower level is a saving, a direct cash benefit of "minder kosten" (seed 003
//! Bijlage 1 §5: "Directe kasstroomeffecten: meer inkomsten of minder kosten"); a higher level
//! is an extra operating cost. So the risk bands act on what the scenario changes: savings
//! are scaled by the benefit multiplier and come later with the delay (the seed's main risk,
//! §2.9), extra costs are scaled by the cost multiplier; the unchanged nulmeting never is.
//! Their labels are `saving: <category id>` and `extra cost: <category id>`.

use super::assumptions::{FtePrice, Indexation, Reorganisation, VatRule};
use super::baseline::{BaselineMeasurement, IMPLICIT_LINE_LABEL, TcoCategory};
use super::known_costs::{CollaborationForm, KnownCost, known_collaboration_costs};
use super::money::Horizon;
use super::risk::RiskInput;
use super::scenario::{
    Benefit, BenefitValue, MeasurementUse, OperatingCost, OperatingKind, QualitativeBenefit,
    Scenario, ScenarioKind,
};
use super::{Comparison, compare};
use crate::core::allocation::{
    AllocationError, AllocationRule, GroupCase, GroupInput, Participant, ParticipantCase,
    evaluate_group,
};
use crate::core::catalogue::CandidateKey;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A cost line of the nulmeting whose level a scenario can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasuredLine {
    /// One of the seven TCO categories.
    Tco(TcoCategory),
    /// The implicit costs made explicit (effect A), as one line.
    Implicit,
}

impl MeasuredLine {
    /// The label of the line in the tables (the category id, or the effect-A label).
    pub fn label(self) -> &'static str {
        match self {
            MeasuredLine::Tco(c) => c.id(),
            MeasuredLine::Implicit => IMPLICIT_LINE_LABEL,
        }
    }

    /// The measured yearly amount of this line.
    pub fn measured(self, m: &BaselineMeasurement) -> Decimal {
        match self {
            MeasuredLine::Tco(c) => m.tco.get(c),
            MeasuredLine::Implicit => m.implicit_total(),
        }
    }

    fn kind(self) -> OperatingKind {
        match self {
            MeasuredLine::Tco(c) => OperatingKind::Tco(c),
            MeasuredLine::Implicit => OperatingKind::Implicit,
        }
    }
}

/// New yearly levels of measured lines from `from_year` on; the nulmeting runs until then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    /// First year at the new levels (1-based).
    pub from_year: u32,
    /// The new yearly level (EUR, ≥ 0) of each line that changes.
    pub levels: Vec<(MeasuredLine, Decimal)>,
}

impl LevelChange {
    /// Adds the change to `scenario`: per changed line, the saving (measured − new, when
    /// lower) as a direct cash benefit, or the extra cost (new − measured, when higher) as an
    /// operating cost, from `from_year` on. An unchanged level adds nothing. The differences
    /// saturate instead of overflowing: a level outside `core::bounds` gives a line the
    /// scenario's validation then refuses as too large (never a panic).
    pub fn apply(&self, scenario: &mut Scenario, measurement: &BaselineMeasurement) {
        for (line, level) in &self.levels {
            let measured = line.measured(measurement);
            if *level < measured {
                scenario.benefits.push(Benefit {
                    label: format!("saving: {}", line.label()),
                    value: BenefitValue::DirectCash {
                        amount: measured.saturating_sub(*level),
                    },
                    first_year: self.from_year,
                    last_year: None,
                    phase_in_pct: vec![],
                });
            } else if *level > measured {
                scenario.operating.push(OperatingCost {
                    first_year: self.from_year,
                    ..OperatingCost::flat(
                        line.kind(),
                        format!("extra cost: {}", line.label()),
                        level.saturating_sub(measured),
                    )
                });
            }
        }
    }
}

/// What a scenario changes at one municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalPlan {
    /// The new lines at the municipality (costs, one-off costs, investments, benefits); the
    /// nulmeting is not part of it (see the module documentation).
    pub scenario: Scenario,
    /// New levels of measured lines, when any change.
    pub levels: Option<LevelChange>,
}

impl LocalPlan {
    /// The scenario to compare with the baseline: its own lines plus the level changes.
    pub fn scenario(&self, measurement: &BaselineMeasurement) -> Scenario {
        let mut s = self.scenario.clone();
        if let Some(change) = &self.levels {
            change.apply(&mut s, measurement);
        }
        s
    }
}

/// One municipality's nulmeting and its baseline scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityCase {
    /// The nulmeting (its `municipality` names the municipality of the profile).
    pub measurement: BaselineMeasurement,
    /// 'Ongewijzigd beleid' beyond the nulmeting: the baseline's own lines (e.g. a server room
    /// that must be renewed anyway). The unchanged nulmeting is left out of both sides.
    pub baseline: Scenario,
}

/// A starter group's scenario: the provider's costs and how they are charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPlan {
    /// The SSC's or host's own costs (no benefits); their yearly total is allocated.
    pub provider: Scenario,
    /// Allocation key and tariff model.
    pub rule: AllocationRule,
    /// The participants with their usage, in the profile's order.
    pub participants: Vec<Participant>,
    /// What changes at each participant (same order as `participants`); the bill is added.
    pub locals: Vec<LocalPlan>,
    /// Effectiveness benefits of the group as a whole (qualitative, listed, never summed).
    #[serde(default)]
    pub effectiveness: Vec<QualitativeBenefit>,
}

/// The body of a scenario: one municipality's own lines, or a starter group's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioPlan {
    /// The profile's municipality.
    Single(LocalPlan),
    /// The profile's starter group.
    Group(GroupPlan),
}

/// One scenario of the profile, tied to a candidate placement of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioSetup {
    /// Name shown to the room.
    pub label: String,
    /// Scenario 2 (cost reduction) or 3 ('minder meerkosten').
    pub kind: ScenarioKind,
    /// The candidate this scenario costs out.
    pub candidate: CandidateKey,
    /// The form of collaboration, when the scenario is one: its known costs (seed 001).
    pub form: Option<CollaborationForm>,
    /// First year the collaboration runs: yearly known costs of the form start here.
    pub start_year: u32,
    /// The risk ranges of this scenario.
    pub risk: RiskInput,
    /// The VAT on the scenario's service charges that is not recovered (the BCF line);
    /// `None`: the profile states nothing about VAT and the views say so.
    #[serde(default)]
    pub vat: Option<VatRule>,
    /// The lines.
    pub plan: ScenarioPlan,
}

/// The business case part of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCaseSetup {
    /// Looptijd (5–10 years, default 7).
    pub horizon: Horizon,
    /// One nulmeting and baseline per municipality, in the profile's order.
    pub municipalities: Vec<MunicipalityCase>,
    /// The scenarios, in the profile's order.
    pub scenarios: Vec<ScenarioSetup>,
    /// The year whose prices the amounts are in (`None`: not stated).
    #[serde(default)]
    pub price_level: Option<u16>,
    /// One yearly indexation for the baselines and every scenario (default: none).
    #[serde(default)]
    pub indexation: Indexation,
    /// The cost of one FTE with its price level and basis (`None`: not stated).
    #[serde(default)]
    pub fte_price: Option<FtePrice>,
    /// Frictional costs where a scenario lowers personnel (`None`: none charged, and the
    /// views say so).
    #[serde(default)]
    pub reorganisation: Option<Reorganisation>,
}

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioOutcome {
    /// One municipality's scenario against its baseline.
    Single(Box<Comparison>),
    /// A starter group's case: allocation, every participant's own case, the consolidation.
    Group(Box<GroupCase>),
}

/// One evaluated scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Index of the scenario in the setup.
    pub index: usize,
    /// The known costs and obstacles of the collaboration form (empty without a form).
    pub known_costs: Vec<KnownCost>,
    /// The tables.
    pub outcome: ScenarioOutcome,
}

/// Every scenario evaluated over one horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupResult {
    /// The horizon used.
    pub horizon: Horizon,
    /// One result per selected scenario, in the setup's order.
    pub scenarios: Vec<ScenarioResult>,
}

impl BusinessCaseSetup {
    /// A municipality's baseline as compared: its own lines, indexed like every scenario.
    pub fn baseline_of(&self, m: &MunicipalityCase) -> Scenario {
        Scenario {
            indexation_pct: self.indexation.pct,
            ..m.baseline.clone()
        }
    }

    /// A municipality's scenario as compared: the plan's lines and level changes, the
    /// frictional costs of the FTE that go (when the setup states a reorganisation rule),
    /// the VAT not recovered on its service charges (when the scenario states a VAT rule),
    /// indexed like the baseline.
    pub fn local_scenario(
        &self,
        local: &LocalPlan,
        m: &BaselineMeasurement,
        vat: Option<&VatRule>,
    ) -> Result<Scenario, AllocationError> {
        let mut s = local.scenario(m);
        s.indexation_pct = self.indexation.pct;
        if let (Some(rule), Some(change)) = (&self.reorganisation, &local.levels)
            && let Some(line) = rule.line(change, m)?
        {
            s.one_off.push(line);
        }
        if let Some(v) = vat {
            let lines = v.lines(&s)?;
            s.operating.extend(lines);
        }
        Ok(s)
    }

    /// Checks the controller's settings: the indexation, the FTE price, the frictional-cost
    /// rule and every scenario's VAT rule.
    pub fn validate_assumptions(&self) -> Result<(), super::BusinessCaseError> {
        use super::assumptions::{MAX_INDEXATION_PCT, percent_within};
        use super::error::within;
        percent_within(self.indexation.pct, MAX_INDEXATION_PCT, || {
            super::Location::new("business_case.indexation.pct")
        })?;
        if let Some(f) = &self.fte_price {
            within(f.amount, crate::core::bounds::MAX_AMOUNT, || {
                super::Location::new("business_case.cost_per_fte.amount")
            })?;
        }
        if let Some(r) = &self.reorganisation {
            r.validate("business_case.reorganisation")?;
        }
        for (i, s) in self.scenarios.iter().enumerate() {
            if let Some(v) = &s.vat {
                v.validate(&format!("business_case.scenarios[{i}].vat"))?;
            }
        }
        Ok(())
    }

    /// Evaluates the scenarios for which `select` is true over `horizon` (the setup's own when
    /// `None`). Known costs of a collaboration form with an amount (the yearly DigiD assessment
    /// per municipality) are charged to the provider of a group scenario from `start_year`:
    /// the SSC or host runs the shared connection and is assessed per participating
    /// municipality (seed 001 §3.2). For one municipality they are listed, not charged: its own
    /// assessment is in its nulmeting and stays.
    pub fn evaluate(
        &self,
        horizon: Option<Horizon>,
        select: impl Fn(&ScenarioSetup) -> bool,
    ) -> Result<SetupResult, AllocationError> {
        let horizon = horizon.unwrap_or(self.horizon);
        self.validate_assumptions()?;
        let mut scenarios = Vec::new();
        for (index, s) in self.scenarios.iter().enumerate().filter(|(_, s)| select(s)) {
            let participants = match &s.plan {
                ScenarioPlan::Single(_) => 1,
                ScenarioPlan::Group(g) => g.participants.len() as u32,
            };
            let known_costs = s
                .form
                .map(|f| known_collaboration_costs(f, participants))
                .unwrap_or_default();
            let outcome = match &s.plan {
                ScenarioPlan::Single(local) => {
                    let m = self.municipalities.first().ok_or_else(|| {
                        AllocationError::NoParticipants {
                            at: super::Location::new("municipalities"),
                        }
                    })?;
                    let scenario = self.local_scenario(local, &m.measurement, s.vat.as_ref())?;
                    let comparison = compare(
                        &m.measurement,
                        &self.baseline_of(m),
                        &scenario,
                        horizon,
                        &s.risk,
                    )?;
                    ScenarioOutcome::Single(Box::new(comparison))
                }
                ScenarioPlan::Group(g) => {
                    let mut provider = g.provider.clone();
                    provider.indexation_pct = self.indexation.pct;
                    if let Some(v) = &s.vat {
                        let lines = v.lines(&provider)?;
                        provider.operating.extend(lines);
                    }
                    provider.operating.extend(
                        known_costs
                            .iter()
                            .filter_map(|k| k.to_operating_cost(s.start_year)),
                    );
                    provider.one_off.extend(
                        known_costs
                            .iter()
                            .filter_map(|k| k.to_one_off(s.start_year)),
                    );
                    let cases = g
                        .participants
                        .iter()
                        .zip(&g.locals)
                        .map(|(p, local)| {
                            let m = self
                                .municipalities
                                .iter()
                                .find(|m| m.measurement.municipality == p.id)
                                .ok_or_else(|| AllocationError::MissingCase {
                                    at: super::Location::new("municipalities"),
                                    id: p.id.clone(),
                                })?;
                            Ok(ParticipantCase {
                                participant: p.id.clone(),
                                measurement: m.measurement.clone(),
                                baseline: self.baseline_of(m),
                                scenario: self.local_scenario(local, &m.measurement, None)?,
                            })
                        })
                        .collect::<Result<Vec<_>, AllocationError>>()?;
                    let input = GroupInput {
                        horizon,
                        participants: g.participants.clone(),
                        rule: g.rule.clone(),
                        provider,
                        cases,
                        risk: s.risk,
                    };
                    ScenarioOutcome::Group(Box::new(evaluate_group(&input)?))
                }
            };
            scenarios.push(ScenarioResult {
                index,
                known_costs,
                outcome,
            });
        }
        Ok(SetupResult { horizon, scenarios })
    }
}

/// The baseline scenario of a municipality without lines of its own.
pub fn default_baseline() -> Scenario {
    Scenario {
        measurement: MeasurementUse::None,
        ..Scenario::baseline("Ongewijzigd beleid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::allocation::{AllocationKey, TariffModel};
    use crate::core::business_case::scenario::{ExtraCostKind, OneOffCost, OneOffKind};
    use crate::core::catalogue::{Deployment, PlacementOption, ServiceModel};
    use rust_decimal_macros::dec;
    use std::collections::BTreeMap;

    fn measurement(name: &str, personnel: Decimal, servers: Decimal) -> BaselineMeasurement {
        let mut m = BaselineMeasurement {
            municipality: name.into(),
            ..Default::default()
        };
        m.tco.personnel = personnel;
        m.tco.servers_storage = servers;
        m
    }

    fn key() -> CandidateKey {
        CandidateKey {
            option: PlacementOption::Ssc,
            service_model: ServiceModel::Iaas,
            deployment: Deployment::Community,
        }
    }

    #[test]
    fn a_lower_level_is_a_saving_and_a_higher_level_an_extra_cost() {
        let m = measurement("A", dec!(500000), dec!(80000));
        let local = LocalPlan {
            scenario: Scenario::new(ScenarioKind::CostReduction, "samen"),
            levels: Some(LevelChange {
                from_year: 3,
                levels: vec![
                    (MeasuredLine::Tco(TcoCategory::ServersStorage), dec!(20000)),
                    (MeasuredLine::Tco(TcoCategory::Personnel), dec!(520000)),
                ],
            }),
        };
        let s = local.scenario(&m);
        let h = Horizon::new(5).unwrap();
        let c = compare(&m, &default_baseline(), &s, h, &RiskInput::default()).unwrap();
        let ben: Vec<_> = c.difference.rows.iter().map(|r| r.benefits).collect();
        let op: Vec<_> = c
            .difference
            .rows
            .iter()
            .map(|r| r.operating_costs)
            .collect();
        // Servers 80,000 → 20,000 from year 3: a saving of 60,000; personnel +20,000.
        assert_eq!(
            ben,
            vec![dec!(0), dec!(0), dec!(60000), dec!(60000), dec!(60000)]
        );
        assert_eq!(
            op,
            vec![dec!(0), dec!(0), dec!(20000), dec!(20000), dec!(20000)]
        );
        let labels: Vec<_> = c
            .difference
            .lines
            .iter()
            .map(|l| l.label.as_str())
            .collect();
        assert_eq!(
            labels,
            vec!["saving: servers_storage", "extra cost: personnel"]
        );
    }

    #[test]
    fn bands_act_on_the_change_never_on_the_unchanged_nulmeting() {
        let m = measurement("A", dec!(500000), dec!(80000));
        let local = LocalPlan {
            scenario: Scenario::new(ScenarioKind::CostReduction, "samen"),
            levels: Some(LevelChange {
                from_year: 2,
                levels: vec![(MeasuredLine::Tco(TcoCategory::ServersStorage), dec!(20000))],
            }),
        };
        let mut risk = RiskInput::default();
        risk.cost_multiplier.high = dec!(1.5);
        risk.benefit_multiplier.low = dec!(0.5);
        risk.delay_months.high = 12;
        let c = compare(
            &m,
            &default_baseline(),
            &local.scenario(&m),
            Horizon::new(5).unwrap(),
            &risk,
        )
        .unwrap();
        // Unfavourable: half the saving of 60,000, a year later; the 500,000 of personnel and
        // the cost multiplier play no part.
        let cash: Vec<_> = c.bands[2]
            .difference
            .rows
            .iter()
            .map(|r| r.cash_flow)
            .collect();
        assert_eq!(
            cash,
            vec![dec!(0), dec!(0), dec!(30000), dec!(30000), dec!(30000)]
        );
    }

    fn participant(id: &str, workplaces: Decimal) -> Participant {
        Participant {
            id: id.into(),
            name: id.into(),
            workplaces,
            accounts: Decimal::ZERO,
            inhabitants: Decimal::ZERO,
            service_use: BTreeMap::new(),
        }
    }

    fn group_setup() -> BusinessCaseSetup {
        let municipalities = vec![
            MunicipalityCase {
                measurement: measurement("A", dec!(300000), dec!(60000)),
                baseline: default_baseline(),
            },
            MunicipalityCase {
                measurement: measurement("B", dec!(300000), dec!(60000)),
                baseline: default_baseline(),
            },
        ];
        let mut provider = Scenario::new(ScenarioKind::CostReduction, "SSC");
        provider.operating.push(OperatingCost::flat(
            OperatingKind::Extra(ExtraCostKind::SscManagement),
            "beheer SSC",
            dec!(50000),
        ));
        provider.one_off.push(OneOffCost {
            kind: OneOffKind::ProjectOrganisation,
            label: "kwartiermaker".into(),
            year: 1,
            amount: dec!(30000),
            source: None,
            citations: vec![],
        });
        let local = |servers_to: Decimal| LocalPlan {
            scenario: Scenario::new(ScenarioKind::CostReduction, "SSC"),
            levels: Some(LevelChange {
                from_year: 2,
                levels: vec![(MeasuredLine::Tco(TcoCategory::ServersStorage), servers_to)],
            }),
        };
        BusinessCaseSetup {
            horizon: Horizon::new(5).unwrap(),
            municipalities,
            scenarios: vec![ScenarioSetup {
                label: "SSC".into(),
                kind: ScenarioKind::CostReduction,
                candidate: key(),
                form: Some(CollaborationForm::PublicBody),
                start_year: 2,
                risk: RiskInput::default(),
                vat: None,
                plan: ScenarioPlan::Group(GroupPlan {
                    provider,
                    rule: AllocationRule {
                        key: AllocationKey::Workplaces,
                        tariff: TariffModel::Fixed { amount: dec!(1000) },
                    },
                    participants: vec![participant("A", dec!(100)), participant("B", dec!(50))],
                    locals: vec![local(dec!(0)), local(dec!(0))],
                    effectiveness: vec![],
                }),
            }],
            price_level: None,
            indexation: Indexation::default(),
            fte_price: None,
            reorganisation: None,
        }
    }

    #[test]
    fn group_scenario_charges_the_digid_assessment_to_the_provider_from_the_start_year() {
        let r = group_setup().evaluate(None, |_| true).unwrap();
        let ScenarioOutcome::Group(g) = &r.scenarios[0].outcome else {
            panic!("group outcome expected");
        };
        // Provider: 80,000 in year 1 (50,000 + 30,000), 50,000 + 2 × 12,500 from year 2.
        let totals: Vec<_> = g.provider.rows.iter().map(|r| r.total_costs).collect();
        assert_eq!(
            totals,
            vec![
                dec!(80000),
                dec!(75000),
                dec!(75000),
                dec!(75000),
                dec!(75000)
            ]
        );
        // Fixed tariff: equal split, whatever the workplaces.
        assert_eq!(g.participants[0].bills[1], dec!(37500));
        assert_eq!(g.participants[1].bills[1], dec!(37500));
        // Each saves 60,000 from year 2 and pays 40,000 / 37,500: year 1 −40,000,
        // then +22,500 a year → cumulative −17,500, +5,000 → return year 3.
        assert_eq!(g.participants[0].comparison.difference.return_year, Some(3));
        assert!(!g.participants[0].loses_while_group_wins);
        assert!(r.scenarios[0].known_costs[0].id == "digid_assessment");
    }

    #[test]
    fn the_controllers_settings_are_checked_before_anything_is_computed() {
        let mut setup = group_setup();
        setup.indexation.pct = dec!(25);
        assert_eq!(
            setup.evaluate(None, |_| true).unwrap_err().to_string(),
            "business_case.indexation.pct: 25 % is outside the allowed 0–20 %"
        );
        setup.indexation.pct = dec!(2);
        setup.scenarios[0].vat = Some(VatRule {
            rate_pct: dec!(21),
            recoverable_pct: dec!(120),
            basis: crate::core::business_case::Basis::Assumption("x".into()),
        });
        assert_eq!(
            setup.evaluate(None, |_| true).unwrap_err().to_string(),
            "business_case.scenarios[0].vat.recoverable_pct: 120 % is outside the allowed 0–100 %"
        );
    }

    #[test]
    fn a_group_scenario_indexes_provider_and_participants_alike_and_charges_vat_on_bought_services()
    {
        let mut setup = group_setup();
        let plain = setup.evaluate(None, |_| true).unwrap();
        setup.indexation.pct = dec!(10);
        let ScenarioPlan::Group(g) = &mut setup.scenarios[0].plan else {
            panic!("group plan");
        };
        g.provider.operating.push(OperatingCost {
            first_year: 2,
            ..OperatingCost::flat(OperatingKind::ServiceCharge, "colocatie", dec!(10000))
        });
        setup.scenarios[0].vat = Some(VatRule {
            rate_pct: dec!(20),
            recoverable_pct: dec!(0),
            basis: crate::core::business_case::Basis::Assumption("x".into()),
        });
        let r = setup.evaluate(None, |_| true).unwrap();
        let (ScenarioOutcome::Group(before), ScenarioOutcome::Group(after)) =
            (&plain.scenarios[0].outcome, &r.scenarios[0].outcome)
        else {
            panic!("group outcomes");
        };
        // Provider year 2: (50,000 + 25,000 DigiD + 10,000 colocation + 2,000 VAT) × 1.1.
        assert_eq!(before.provider.rows[1].total_costs, dec!(75000));
        assert_eq!(after.provider.rows[1].total_costs, dec!(95700));
        // A participant's saving is indexed too: 60,000 × 1.1 in year 2.
        let saving = after.participants[0]
            .comparison
            .difference
            .lines
            .iter()
            .find(|l| l.label == "saving: servers_storage")
            .unwrap();
        assert_eq!(saving.amounts[1], dec!(66000));
    }

    #[test]
    fn a_shorter_horizon_override_is_validated() {
        let mut setup = group_setup();
        setup.horizon = Horizon::DEFAULT;
        setup.scenarios[0].start_year = 6;
        assert!(setup.evaluate(None, |_| true).is_ok());
        let err = setup
            .evaluate(Some(Horizon::new(5).unwrap()), |_| true)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "provider.operating[1].first_year ('DigiD ICT assessment per participating municipality'): year 6 is outside the horizon (years 1–5)"
        );
    }

    #[test]
    fn select_filters_scenarios_and_keeps_their_index() {
        let mut setup = group_setup();
        let mut second = setup.scenarios[0].clone();
        second.label = "tweede".into();
        setup.scenarios.push(second);
        let r = setup.evaluate(None, |s| s.label == "tweede").unwrap();
        assert_eq!(r.scenarios.len(), 1);
        assert_eq!(r.scenarios[0].index, 1);
    }
}
