//! The business case of seed 003 ("De baten als ballast"): baseline measurement (nulmeting),
//! the three scenarios, the yearly table of Bijlage 1 as the difference with the baseline,
//! risk bands and the known costs of the collaboration form. Money is `Decimal`, never `f64`.
//!
//! Submodules: [`baseline`](crate::core::business_case::baseline) (nulmeting, effect A),
//! [`scenario`](crate::core::business_case::scenario) (effects B, C, D, benefits,
//! depreciation, delay rule), [`table`](crate::core::business_case::table) (annex 1 rows,
//! return year), [`risk`](crate::core::business_case::risk) (bands),
//! [`known_costs`](crate::core::business_case::known_costs) (seed 001 lines),
//! [`setup`](crate::core::business_case::setup) (the business case of a profile: scenarios
//! tied to candidates, one municipality or a starter group with allocation),
//! [`money`](crate::core::business_case::money) (cents, horizon),
//! [`error`](crate::core::business_case::error),
//! [`assumptions`](crate::core::business_case::assumptions) (what a controller checks: basis
//! of a figure, one indexation for both sides, FTE price with price level, frictional costs,
//! the VAT/BCF line), [`coverage`](crate::core::business_case::coverage) (does the business
//! case cost out the recommended candidate, and if not, why).

pub mod assumptions;
pub mod baseline;
pub mod coverage;
pub mod error;
pub mod known_costs;
pub mod money;
pub mod risk;
pub mod scenario;
pub mod setup;
pub mod table;

pub use assumptions::{Basis, FtePrice, Indexation, Reorganisation, VatRule};
pub use baseline::{
    BaselineMeasurement, ImplicitCost, ImplicitCostKind, SoftwareFromPortfolio, TcoCategory,
    TcoCosts,
};
pub use coverage::{Coverage, Uncovered, coverage, leaders};
pub use error::{BusinessCaseError, Location};
pub use known_costs::{
    AmountRange, CollaborationForm, KnownCost, Recurrence, known_collaboration_costs,
};
pub use money::{Horizon, round_cents};
pub use risk::{Band, BandOutcome, BandValues, RiskDimension, RiskInput, Sensitivity};
pub use scenario::{
    Adjustment, Benefit, BenefitValue, ExtraCostKind, Investment, InvestmentKind, MeasurementUse,
    OneOffCost, OneOffKind, OperatingCost, OperatingKind, QualitativeBenefit, Scenario,
    ScenarioKind,
};
pub use setup::{
    BusinessCaseSetup, GroupPlan, LevelChange, LocalPlan, MeasuredLine, MunicipalityCase,
    ScenarioOutcome, ScenarioPlan, ScenarioResult, ScenarioSetup, SetupResult,
};
pub use table::{Section, TableLine, YearRow, YearlyTable};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Everything needed for one stakeholder's business case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCaseInput {
    /// Looptijd, 5–10 years (default 7).
    #[serde(default)]
    pub horizon: Horizon,
    /// The nulmeting of the stakeholder.
    pub measurement: BaselineMeasurement,
    /// Scenario 1, 'ongewijzigd beleid' (kind must be `baseline`).
    pub baseline: Scenario,
    /// The scenarios compared with the baseline (kinds `cost_reduction`, `less_extra_costs`).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Risk ranges (default: no uncertainty).
    #[serde(default)]
    pub risk: RiskInput,
}

/// One scenario compared with the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Which scenario.
    pub kind: ScenarioKind,
    /// Its name.
    pub label: String,
    /// The scenario's own (gross) table, as estimated.
    pub scenario: YearlyTable,
    /// Scenario minus baseline, as estimated: the table of Bijlage 1 for this scenario.
    pub difference: YearlyTable,
    /// The difference under the favourable, expected and unfavourable band.
    pub bands: Vec<BandOutcome>,
    /// The difference with one risk at a time at its unfavourable value.
    pub sensitivity: Vec<Sensitivity>,
    /// Effectiveness benefits, listed beside the table and never summed.
    pub effectiveness: Vec<QualitativeBenefit>,
}

impl Comparison {
    /// True when the cumulative cash flow at the end of the horizon is strictly positive.
    pub fn is_positive(&self) -> bool {
        self.difference.final_cumulative_cash_flow() > Decimal::ZERO
    }
}

/// The evaluated business case of one stakeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCase {
    /// The horizon used.
    pub horizon: Horizon,
    /// Visible yearly ICT cost of the nulmeting (seven categories).
    pub visible_total: Decimal,
    /// Implicit costs made explicit (effect A), per year.
    pub implicit_total: Decimal,
    /// Effect A as a percentage of the visible cost (the "schrikeffect").
    pub shock_pct: Option<Decimal>,
    /// The baseline scenario's own table.
    pub baseline: YearlyTable,
    /// Every other scenario compared with the baseline.
    pub comparisons: Vec<Comparison>,
}

/// Validates the input and evaluates every scenario against the baseline.
pub fn evaluate(input: &BusinessCaseInput) -> error::Result<BusinessCase> {
    validate_input(input)?;
    let baseline = table_of(
        &input.baseline,
        &input.measurement,
        input.horizon,
        &Adjustment::NONE,
        Vec::new(),
    )?;
    let comparisons = input
        .scenarios
        .iter()
        .map(|s| {
            compare_validated(
                &input.measurement,
                &input.baseline,
                s,
                input.horizon,
                &input.risk,
                |_| Vec::new(),
            )
        })
        .collect::<error::Result<_>>()?;
    Ok(BusinessCase {
        horizon: input.horizon,
        visible_total: input.measurement.visible_total(),
        implicit_total: input.measurement.implicit_total(),
        shock_pct: input.measurement.shock_pct(),
        baseline,
        comparisons,
    })
}

/// Checks the whole input: the measurement, the scenario kinds, every scenario and the risk
/// ranges. Paths in errors follow the serde field names of [`BusinessCaseInput`].
pub fn validate_input(input: &BusinessCaseInput) -> error::Result<()> {
    input.measurement.validate("measurement")?;
    if input.baseline.kind != ScenarioKind::Baseline {
        return Err(BusinessCaseError::WrongScenarioKind {
            at: Location::item("baseline.kind", &input.baseline.label),
            expected: "baseline".into(),
            found: input.baseline.kind.id().into(),
        });
    }
    input.baseline.validate(input.horizon, "baseline")?;
    for (i, s) in input.scenarios.iter().enumerate() {
        if s.kind == ScenarioKind::Baseline {
            return Err(BusinessCaseError::WrongScenarioKind {
                at: Location::item(format!("scenarios[{i}].kind"), &s.label),
                expected: "cost_reduction or less_extra_costs".into(),
                found: s.kind.id().into(),
            });
        }
        s.validate(input.horizon, &format!("scenarios[{i}]"))?;
    }
    input.risk.validate("risk")
}

/// Compares one scenario with the baseline over `horizon`, with its bands and sensitivity.
/// Validates both scenarios and the risk ranges first.
pub fn compare(
    measurement: &BaselineMeasurement,
    baseline: &Scenario,
    scenario: &Scenario,
    horizon: Horizon,
    risk: &RiskInput,
) -> error::Result<Comparison> {
    measurement.validate("measurement")?;
    baseline.validate(horizon, "baseline")?;
    scenario.validate(horizon, "scenario")?;
    risk.validate("risk")?;
    compare_validated(measurement, baseline, scenario, horizon, risk, |_| {
        Vec::new()
    })
}

/// The table of a validated scenario with extra lines.
pub(crate) fn table_of(
    scenario: &Scenario,
    measurement: &BaselineMeasurement,
    horizon: Horizon,
    adj: &Adjustment,
    extra: Vec<TableLine>,
) -> error::Result<YearlyTable> {
    let (lines, residual) = scenario.lines(measurement, horizon, adj, extra)?;
    YearlyTable::from_lines(horizon.len(), lines, residual)
}

/// Compares validated input; `extra` gives lines added to the scenario (not the baseline)
/// for an adjustment, e.g. the SSC bill of a participant under that band.
pub(crate) fn compare_validated(
    measurement: &BaselineMeasurement,
    baseline: &Scenario,
    scenario: &Scenario,
    horizon: Horizon,
    risk: &RiskInput,
    extra: impl Fn(&Adjustment) -> Vec<TableLine>,
) -> error::Result<Comparison> {
    if scenario.indexation_pct != baseline.indexation_pct {
        return Err(BusinessCaseError::IndexationMismatch {
            at: Location::item("scenario.indexation_pct", &scenario.label),
            baseline: baseline.indexation_pct,
            scenario: scenario.indexation_pct,
        });
    }
    let base = table_of(
        baseline,
        measurement,
        horizon,
        &Adjustment::NONE,
        Vec::new(),
    )?;
    let gross = |adj: &Adjustment| table_of(scenario, measurement, horizon, adj, extra(adj));
    let estimated = gross(&Adjustment::NONE)?;
    let difference = estimated.difference(&base)?;
    let bands = Band::ALL
        .iter()
        .map(|band| {
            let adjustment = risk.adjustment(*band);
            let difference = gross(&adjustment)?.difference(&base)?;
            Ok(BandOutcome {
                band: *band,
                adjustment,
                return_year: difference.return_year,
                difference,
            })
        })
        .collect::<error::Result<_>>()?;
    let sensitivity = RiskDimension::ALL
        .iter()
        .map(|dimension| {
            let adjustment = risk.sensitivity_adjustment(*dimension);
            let difference = gross(&adjustment)?.difference(&base)?;
            Ok(Sensitivity {
                dimension: *dimension,
                adjustment,
                return_year: difference.return_year,
                final_cumulative_cash_flow: difference.final_cumulative_cash_flow(),
            })
        })
        .collect::<error::Result<_>>()?;
    Ok(Comparison {
        kind: scenario.kind,
        label: scenario.label.clone(),
        scenario: estimated,
        difference,
        bands,
        sensitivity,
        effectiveness: scenario.effectiveness.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A municipality with 1,000,000 a year of personnel cost; joining costs 150,000 one-off
    /// in year 1, then personnel drops to 900,000 from year 2 and a discount of 20,000 a year
    /// comes in from year 2.
    fn input() -> BusinessCaseInput {
        let mut measurement = BaselineMeasurement {
            municipality: "Gemeente A".into(),
            ..Default::default()
        };
        measurement.tco.personnel = dec!(1000000);
        let mut s = Scenario::new(ScenarioKind::CostReduction, "samen inkopen");
        s.operating.push(OperatingCost {
            last_year: Some(1),
            ..OperatingCost::flat(
                OperatingKind::Tco(TcoCategory::Personnel),
                "personnel",
                dec!(1000000),
            )
        });
        s.operating.push(OperatingCost {
            first_year: 2,
            ..OperatingCost::flat(
                OperatingKind::Tco(TcoCategory::Personnel),
                "personnel",
                dec!(900000),
            )
        });
        s.one_off.push(OneOffCost {
            kind: OneOffKind::ProjectOrganisation,
            label: "projectorganisatie".into(),
            year: 1,
            amount: dec!(150000),
            source: None,
            citations: vec![],
        });
        s.benefits.push(Benefit {
            label: "inkoopkorting".into(),
            value: BenefitValue::DirectCash {
                amount: dec!(20000),
            },
            first_year: 2,
            last_year: None,
            phase_in_pct: vec![],
        });
        s.effectiveness.push(QualitativeBenefit {
            label: "continuïteit".into(),
            description: "minder uitval".into(),
        });
        BusinessCaseInput {
            horizon: Horizon::DEFAULT,
            measurement,
            baseline: Scenario::baseline("ongewijzigd beleid"),
            scenarios: vec![s],
            risk: RiskInput {
                delay_months: BandValues {
                    low: 0,
                    expected: 0,
                    high: 12,
                },
                ..RiskInput::default()
            },
        }
    }

    #[test]
    fn scenario_is_compared_with_baseline() {
        let case = evaluate(&input()).unwrap();
        let c = &case.comparisons[0];
        // Year 1: -150,000; years 2..: +100,000 saving + 20,000 discount = +120,000.
        // Cumulative: -150,000, -30,000, +90,000 → return year 3.
        let cash: Vec<_> = c.difference.rows.iter().map(|r| r.cash_flow).collect();
        assert_eq!(cash[0], dec!(-150000));
        assert_eq!(cash[1], dec!(120000));
        assert_eq!(c.difference.rows[1].operating_costs, dec!(-100000));
        assert_eq!(c.difference.return_year, Some(3));
        assert_eq!(c.bands[1].return_year, Some(3));
        // Unfavourable: discount delayed 12 months (year 3 on): year 2 +100,000 → cumulative
        // -50,000; year 3 +120,000 → +70,000.
        assert_eq!(c.bands[2].return_year, Some(3));
        assert_eq!(c.bands[2].difference.rows[1].benefits, dec!(0));
        // Delay alone: 6 × 100,000 saving + 5 × 20,000 discount (years 3–7) − 150,000.
        assert_eq!(c.sensitivity[2].final_cumulative_cash_flow, dec!(550000));
        assert_eq!(c.effectiveness.len(), 1);
        assert!(c.is_positive());
        assert_eq!(case.baseline.rows[6].operating_costs, dec!(1000000));
    }

    #[test]
    fn indexation_applies_to_both_sides_or_is_refused() {
        let mut i = input();
        i.baseline.indexation_pct = dec!(2);
        assert_eq!(
            evaluate(&i).unwrap_err().to_string(),
            "scenario.indexation_pct ('samen inkopen'): indexed by 0 % a year while the baseline is indexed by 2 %: one indexation must apply to the baseline and every scenario alike (or none)"
        );
        i.scenarios[0].indexation_pct = dec!(2);
        let case = evaluate(&i).unwrap();
        // The measured personnel of 1,000,000 runs on both sides and is indexed alike: the
        // baseline's year 3 is 1,000,000 × 1.02², and the difference in year 3 is the indexed
        // saving 100,000 × 1.0404 plus the indexed discount 20,000 × 1.0404.
        assert_eq!(case.baseline.rows[2].operating_costs, dec!(1040400));
        let c = &case.comparisons[0];
        assert_eq!(c.difference.rows[2].cash_flow, dec!(124848));
        // One-off costs are not indexed.
        assert_eq!(c.difference.rows[0].cash_flow, dec!(-150000));
    }

    #[test]
    fn baseline_kind_must_be_baseline() {
        let mut i = input();
        i.baseline.kind = ScenarioKind::LessExtraCosts;
        assert_eq!(
            evaluate(&i).unwrap_err().to_string(),
            "baseline.kind ('ongewijzigd beleid'): scenario kind must be baseline, got less_extra_costs"
        );
    }

    #[test]
    fn compared_scenario_must_not_be_a_baseline() {
        let mut i = input();
        i.scenarios[0].kind = ScenarioKind::Baseline;
        assert_eq!(
            evaluate(&i).unwrap_err().to_string(),
            "scenarios[0].kind ('samen inkopen'): scenario kind must be cost_reduction or less_extra_costs, got baseline"
        );
    }

    #[test]
    fn input_round_trips_through_json_with_money_as_strings() {
        let i = input();
        let json = serde_json::to_string(&i).unwrap();
        assert!(json.contains("\"amount\":\"150000\""));
        let back: BusinessCaseInput = serde_json::from_str(&json).unwrap();
        assert_eq!(back, i);
    }
}
