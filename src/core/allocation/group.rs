//! The business case of a starter group: the provider's (SSC or host municipality) yearly
//! costs are allocated among the participants each year; each participant's own case is its
//! scenario plus its bill against its own baseline; the consolidated case is the sum. A
//! participant is flagged when the group's case is positive and its own is negative (seed 003
//! Bijlage 1 §7: "Het kan zijn dat de totale Business case positief is en die van een
//! individuele gemeente negatief").

use super::error::{AllocationError, Result};
use super::{Allocation, AllocationRule, Participant, allocate_validated, validate_participants};
use crate::core::business_case::{
    Adjustment, Band, BandOutcome, BaselineMeasurement, BusinessCaseError, Comparison, Horizon,
    Location, RiskDimension, RiskInput, Scenario, ScenarioKind, Section, TableLine, YearlyTable,
    compare_validated, table_of,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One participant's own situation: its nulmeting, its baseline and its scenario without the
/// bill (the bill is added from the allocation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantCase {
    /// Id of the participant in the group.
    pub participant: String,
    /// Its nulmeting.
    pub measurement: BaselineMeasurement,
    /// Its 'ongewijzigd beleid' (kind `baseline`).
    pub baseline: Scenario,
    /// What stays and changes at the participant in the collaboration (local costs, own
    /// one-off costs, benefits); the provider's bill is added automatically.
    pub scenario: Scenario,
}

/// Everything needed for the group's business case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInput {
    /// Looptijd, 5–10 years (default 7).
    #[serde(default)]
    pub horizon: Horizon,
    /// The starter group.
    pub participants: Vec<Participant>,
    /// How the provider's costs are charged.
    pub rule: AllocationRule,
    /// The provider's own costs (operating, one-off, investments; no benefits). Its yearly
    /// total costs (Bijlage 1 "Totale kosten") are what is allocated.
    pub provider: Scenario,
    /// One case per participant.
    pub cases: Vec<ParticipantCase>,
    /// Risk ranges, applied to the provider and every participant alike.
    #[serde(default)]
    pub risk: RiskInput,
}

/// One participant's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantOutcome {
    /// Participant id.
    pub participant: String,
    /// Its bill per year (expected), EUR.
    pub bills: Vec<Decimal>,
    /// Its own case against its own baseline, bill included.
    pub comparison: Comparison,
    /// The group's case is positive (cumulative cash flow at the end of the horizon > 0) and
    /// this participant's is negative (< 0).
    pub loses_while_group_wins: bool,
}

/// The evaluated group case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCase {
    /// The horizon used.
    pub horizon: Horizon,
    /// The provider's own table (expected).
    pub provider: YearlyTable,
    /// The allocation of each year's provider cost (expected), year 1 first.
    pub allocations: Vec<Allocation>,
    /// Every participant's result, in the order of `participants`.
    pub participants: Vec<ParticipantOutcome>,
    /// Sum of the participants' differences with their baselines (expected).
    pub consolidated: YearlyTable,
    /// The consolidated difference under each band.
    pub consolidated_bands: Vec<BandOutcome>,
}

impl GroupCase {
    /// True when the consolidated cumulative cash flow at the end of the horizon is > 0.
    pub fn is_positive(&self) -> bool {
        self.consolidated.final_cumulative_cash_flow() > Decimal::ZERO
    }
}

/// Validates the group input and evaluates the provider, the allocation per year, every
/// participant's case and the consolidated case.
pub fn evaluate_group(input: &GroupInput) -> Result<GroupCase> {
    validate(input)?;
    let h = input.horizon;
    let empty = BaselineMeasurement::default();
    let provider_table = |adj: &Adjustment| table_of(&input.provider, &empty, h, adj, Vec::new());

    // Every adjustment a comparison will ask for: none, the three bands, the sensitivities.
    let mut adjustments = vec![Adjustment::NONE];
    adjustments.extend(Band::ALL.iter().map(|b| input.risk.adjustment(*b)));
    adjustments.extend(
        RiskDimension::ALL
            .iter()
            .map(|d| input.risk.sensitivity_adjustment(*d)),
    );
    let mut bills_by_adjustment: Vec<(Adjustment, Vec<Allocation>)> = Vec::new();
    for adj in adjustments {
        if bills_by_adjustment.iter().any(|(a, _)| *a == adj) {
            continue;
        }
        let table = provider_table(&adj)?;
        let allocations = table
            .rows
            .iter()
            .map(|row| {
                let at = Location::item("rule", format!("year {}", row.year));
                allocate_validated(row.total_costs, &input.participants, &input.rule, &at)
            })
            .collect::<Result<Vec<_>>>()?;
        bills_by_adjustment.push((adj, allocations));
    }
    let bills_for = |adj: &Adjustment, index: usize| -> Vec<Decimal> {
        bills_by_adjustment
            .iter()
            .find(|(a, _)| a == adj)
            .map(|(_, allocations)| allocations.iter().map(|a| a.lines[index].share).collect())
            .unwrap_or_default()
    };
    let bill_label = format!("service charge: {}", input.provider.label);

    let mut participants = Vec::with_capacity(input.participants.len());
    for (index, p) in input.participants.iter().enumerate() {
        let case = input
            .cases
            .iter()
            .find(|c| c.participant == p.id)
            .ok_or_else(|| AllocationError::MissingCase {
                at: Location::new("cases"),
                id: p.id.clone(),
            })?;
        let comparison = compare_validated(
            &case.measurement,
            &case.baseline,
            &case.scenario,
            h,
            &input.risk,
            |adj| {
                vec![TableLine {
                    fixed: false,
                    section: Section::OperatingCosts,
                    label: bill_label.clone(),
                    amounts: bills_for(adj, index),
                }]
            },
        )?;
        participants.push(ParticipantOutcome {
            participant: p.id.clone(),
            bills: bills_for(&Adjustment::NONE, index),
            comparison,
            loses_while_group_wins: false,
        });
    }

    let years = h.len();
    let consolidated = YearlyTable::sum(
        years,
        &participants
            .iter()
            .map(|p| &p.comparison.difference)
            .collect::<Vec<_>>(),
    )?;
    let consolidated_bands = Band::ALL
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let difference = YearlyTable::sum(
                years,
                &participants
                    .iter()
                    .map(|p| &p.comparison.bands[i].difference)
                    .collect::<Vec<_>>(),
            )?;
            Ok(BandOutcome {
                band: *band,
                adjustment: input.risk.adjustment(*band),
                return_year: difference.return_year,
                difference,
            })
        })
        .collect::<Result<_>>()?;
    let group_positive = consolidated.final_cumulative_cash_flow() > Decimal::ZERO;
    for p in &mut participants {
        p.loses_while_group_wins =
            group_positive && p.comparison.difference.final_cumulative_cash_flow() < Decimal::ZERO;
    }
    let allocations = bills_by_adjustment
        .into_iter()
        .next()
        .map(|(_, a)| a)
        .unwrap_or_default();
    Ok(GroupCase {
        horizon: h,
        provider: provider_table(&Adjustment::NONE)?,
        allocations,
        participants,
        consolidated,
        consolidated_bands,
    })
}

fn validate(input: &GroupInput) -> Result<()> {
    let h = input.horizon;
    validate_participants(&input.participants, "participants")?;
    input.rule.tariff.validate("rule.tariff")?;
    input.provider.validate(h, "provider")?;
    if !input.provider.benefits.is_empty() {
        return Err(AllocationError::ProviderHasBenefits {
            at: Location::item("provider.benefits", &input.provider.label),
        });
    }
    input.risk.validate("risk")?;
    let known = || {
        input
            .participants
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, case) in input.cases.iter().enumerate() {
        let path = format!("cases[{i}]");
        if !input.participants.iter().any(|p| p.id == case.participant) {
            return Err(AllocationError::UnknownParticipant {
                at: Location::new(format!("{path}.participant")),
                id: case.participant.clone(),
                known: known(),
            });
        }
        if input.cases[..i]
            .iter()
            .any(|c| c.participant == case.participant)
        {
            return Err(AllocationError::DuplicateParticipant {
                at: Location::new(format!("{path}.participant")),
                id: case.participant.clone(),
            });
        }
        case.measurement.validate(&format!("{path}.measurement"))?;
        if case.baseline.kind != ScenarioKind::Baseline {
            return Err(BusinessCaseError::WrongScenarioKind {
                at: Location::item(format!("{path}.baseline.kind"), &case.baseline.label),
                expected: "baseline".into(),
                found: case.baseline.kind.id().into(),
            }
            .into());
        }
        if case.scenario.kind == ScenarioKind::Baseline {
            return Err(BusinessCaseError::WrongScenarioKind {
                at: Location::item(format!("{path}.scenario.kind"), &case.scenario.label),
                expected: "cost_reduction or less_extra_costs".into(),
                found: case.scenario.kind.id().into(),
            }
            .into());
        }
        case.baseline.validate(h, &format!("{path}.baseline"))?;
        case.scenario.validate(h, &format!("{path}.scenario"))?;
    }
    if let Some(p) = input
        .participants
        .iter()
        .find(|p| !input.cases.iter().any(|c| c.participant == p.id))
    {
        return Err(AllocationError::MissingCase {
            at: Location::new("cases"),
            id: p.id.clone(),
        });
    }
    Ok(())
}
