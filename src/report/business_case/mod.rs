//! Views of the business case (seed 003) as text, one file per format: the yearly table of
//! Bijlage 1 per scenario and risk band, the return year per band, the known costs of the
//! collaboration form, and for a starter group the allocation per participant with the flag
//! for a participant that loses while the group wins. Pure functions: results in, text out.
//! This module gathers what every format shows ([`ScenarioView`]) and the shared formatting.

pub mod csv;
pub mod grounds;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::core::allocation::{AllocationKey, CostBand, GroupCase, cost_band};
use crate::core::business_case::{
    Band, BandOutcome, BusinessCaseSetup, GroupPlan, QualitativeBenefit, RiskDimension,
    ScenarioKind, ScenarioOutcome, ScenarioPlan, ScenarioResult, ScenarioSetup, Sensitivity,
    SetupResult, YearRow, YearlyTable,
};
use crate::core::catalogue::Catalogue;
use crate::core::profile::Profile;
use crate::core::text::Lang;
use crate::i18n::{CaseStrings, case_strings};

/// Everything a business case report needs.
pub struct BusinessCaseView<'a> {
    pub catalogue: &'a Catalogue,
    pub profile: &'a Profile,
    pub setup: &'a BusinessCaseSetup,
    pub result: &'a SetupResult,
    pub lang: Lang,
    /// Whether the business case costs out the recommended candidate (`None`: no evaluation
    /// at hand, e.g. inside the note, which chooses its scenarios itself).
    pub coverage: Option<crate::core::business_case::Coverage>,
}

/// One evaluated scenario, as every format shows it.
pub struct ScenarioView<'a> {
    /// What the profile says.
    pub setup: &'a ScenarioSetup,
    /// What came out.
    pub result: &'a ScenarioResult,
    /// Whose case the tables are: the municipality, or the group (consolidated).
    pub stakeholder: &'a str,
    /// The difference with the baseline as entered (no risk adjustment).
    pub estimate: &'a YearlyTable,
    /// The difference under the favourable, expected and unfavourable band.
    pub bands: &'a [BandOutcome],
    /// One risk at a time at its unfavourable value (one municipality only).
    pub sensitivity: &'a [Sensitivity],
    /// Effectiveness benefits, listed and never summed.
    pub effectiveness: Vec<&'a QualitativeBenefit>,
    /// The allocation, for a starter group.
    pub group: Option<GroupView<'a>>,
}

/// A starter group's allocation.
pub struct GroupView<'a> {
    pub plan: &'a GroupPlan,
    pub case: &'a GroupCase,
    /// The band of each participant's list charge under the catalogue's usage uncertainty
    /// (`None` when the band cannot be computed, e.g. no usage).
    pub bill_bands: Vec<Option<CostBand>>,
    /// The usage uncertainty used, ± percent.
    pub uncertainty_pct: Decimal,
}

impl<'a> BusinessCaseView<'a> {
    /// The scenarios in the result, in order.
    pub fn scenarios(&self) -> Vec<ScenarioView<'a>> {
        let uncertainty = self
            .catalogue
            .criteria
            .cost_predictability
            .usage_uncertainty_pct
            .value;
        self.result
            .scenarios
            .iter()
            .map(|r| {
                let setup = &self.setup.scenarios[r.index];
                match (&r.outcome, &setup.plan) {
                    (ScenarioOutcome::Group(case), ScenarioPlan::Group(plan)) => {
                        let bill_bands = plan
                            .participants
                            .iter()
                            .map(|p| {
                                cost_band(&plan.rule.tariff, p.usage(&plan.rule.key), uncertainty)
                                    .ok()
                            })
                            .collect();
                        let mut effectiveness: Vec<&QualitativeBenefit> =
                            plan.effectiveness.iter().collect();
                        for p in &case.participants {
                            effectiveness.extend(p.comparison.effectiveness.iter());
                        }
                        ScenarioView {
                            setup,
                            result: r,
                            stakeholder: self.profile.subject.name(),
                            estimate: &case.consolidated,
                            bands: &case.consolidated_bands,
                            sensitivity: &[],
                            effectiveness,
                            group: Some(GroupView {
                                plan,
                                case,
                                bill_bands,
                                uncertainty_pct: uncertainty,
                            }),
                        }
                    }
                    _ => single(self, setup, r),
                }
            })
            .collect()
    }
}

fn single<'a>(
    v: &BusinessCaseView<'a>,
    setup: &'a ScenarioSetup,
    r: &'a ScenarioResult,
) -> ScenarioView<'a> {
    match &r.outcome {
        ScenarioOutcome::Single(c) => ScenarioView {
            setup,
            result: r,
            stakeholder: v.profile.subject.name(),
            estimate: &c.difference,
            bands: &c.bands,
            sensitivity: &c.sensitivity,
            effectiveness: c.effectiveness.iter().collect(),
            group: None,
        },
        ScenarioOutcome::Group(g) => ScenarioView {
            setup,
            result: r,
            stakeholder: v.profile.subject.name(),
            estimate: &g.consolidated,
            bands: &g.consolidated_bands,
            sensitivity: &[],
            effectiveness: vec![],
            group: None,
        },
    }
}

/// Money as JSON and CSV carry it: a string with exactly two decimals ("12345.67").
pub fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// A decimal factor or count without trailing zeros ("0.95", "110").
pub fn number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Whole euros with thousands separators in the room's language: "-1.234.567" (nl),
/// "-1,234,567" (en). Half a euro rounds away from zero.
pub fn euros(d: Decimal, lang: Lang) -> String {
    crate::report::number::euros(d, lang)
}

/// The band's id (`favourable`, `expected`, `unfavourable`).
pub fn band_id(b: Band) -> &'static str {
    match b {
        Band::Favourable => "favourable",
        Band::Expected => "expected",
        Band::Unfavourable => "unfavourable",
    }
}

/// The band's name in the room's language.
pub fn band_name(b: Band, t: &CaseStrings) -> &'static str {
    match b {
        Band::Favourable => t.favourable,
        Band::Expected => t.expected,
        Band::Unfavourable => t.unfavourable,
    }
}

/// The risk's id (`costs`, `benefits`, `delay`).
pub fn risk_id(d: RiskDimension) -> &'static str {
    match d {
        RiskDimension::Costs => "costs",
        RiskDimension::Benefits => "benefits",
        RiskDimension::Delay => "delay",
    }
}

/// The risk in words: which one is at its unfavourable value.
pub fn risk_name(d: RiskDimension, t: &CaseStrings) -> &'static str {
    match d {
        RiskDimension::Costs => t.costs_high,
        RiskDimension::Benefits => t.benefits_low,
        RiskDimension::Delay => t.delay_high,
    }
}

/// The scenario kind in words.
pub fn kind_name(k: ScenarioKind, t: &CaseStrings) -> &'static str {
    match k {
        ScenarioKind::CostReduction => t.cost_reduction,
        ScenarioKind::LessExtraCosts | ScenarioKind::Baseline => t.less_extra_costs,
    }
}

/// The allocation key's id and, for service use, the service.
pub fn key_id(k: &AllocationKey) -> (&'static str, Option<&str>) {
    match k {
        AllocationKey::Workplaces => ("workplaces", None),
        AllocationKey::Accounts => ("accounts", None),
        AllocationKey::Inhabitants => ("inhabitants", None),
        AllocationKey::ServiceUse(s) => ("service_use", Some(s.as_str())),
    }
}

/// The return year in words: the year, or "not within the horizon".
pub fn return_year_text(y: Option<u32>, t: &CaseStrings) -> String {
    y.map_or_else(|| t.not_within.to_string(), |y| y.to_string())
}

/// One row of Bijlage 1: its id, its label and how to read it from a year.
pub type RowField = (&'static str, &'static str, fn(&YearRow) -> Decimal);

/// The eight rows of Bijlage 1.
pub fn row_fields(t: &CaseStrings) -> [RowField; 8] {
    [
        ("benefits", t.benefits, |r| r.benefits),
        ("operating_costs", t.operating_costs, |r| r.operating_costs),
        ("investments", t.investments, |r| r.investments),
        ("total_costs", t.total_costs, |r| r.total_costs),
        ("cash_flow", t.cash_flow, |r| r.cash_flow),
        ("cumulative_benefits", t.cumulative_benefits, |r| {
            r.cumulative_benefits
        }),
        ("cumulative_costs", t.cumulative_costs, |r| {
            r.cumulative_costs
        }),
        ("cumulative_cash_flow", t.cumulative_cash_flow, |r| {
            r.cumulative_cash_flow
        }),
    ]
}

/// The labels of a language.
pub fn labels(lang: Lang) -> &'static CaseStrings {
    case_strings(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn euros_group_thousands_per_language_and_round_half_away() {
        assert_eq!(euros(dec!(-1234567.5), Lang::Nl), "-1.234.568");
        assert_eq!(euros(dec!(1234567.49), Lang::En), "1,234,567");
        assert_eq!(euros(dec!(999), Lang::Nl), "999");
        assert_eq!(euros(dec!(-0.4), Lang::Nl), "0");
        assert_eq!(euros(dec!(1000), Lang::En), "1,000");
    }

    #[test]
    fn money_has_two_decimals() {
        assert_eq!(money(dec!(150000)), "150000.00");
        assert_eq!(money(dec!(-0.5)), "-0.50");
        assert_eq!(number(dec!(1.10)), "1.1");
    }
}
