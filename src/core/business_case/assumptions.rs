//! What a controller checks before accepting a business case (issue 11, item 6), as data: the
//! basis of a figure (a source, or wolkwijzer's or the profile's assumption with its reason),
//! one price indexation for the baseline and every scenario alike, the cost of one FTE with
//! its price level, the one-off frictional (reorganisation) costs in the year the FTE go, and
//! the VAT that a municipality cannot recover on a provider's bill (the BCF line).
//!
//! The lines these rules add are ordinary lines of the yearly table, so every view (table,
//! Markdown, JSON, CSV, the xlsx workbook) shows them and sums them like any other line:
//! - `reorganisation: frictional costs of the FTE that go` — a one-off cost (effect B, seed
//!   003 §2.6.2 names "reorganisatie" among the one-off costs) in the year of the personnel
//!   level change, [`Reorganisation::pct_of_fte_cost`] percent of the personnel saving;
//! - `VAT not recoverable: <line>` — an operating cost beside every service-charge line
//!   (the bill of a host, SSC or supplier): bill × rate × (100 − recoverable share) %.
//!
//! Amounts are `Decimal` with checked arithmetic; a value outside its documented range is a
//! located [`BusinessCaseError`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::baseline::{BaselineMeasurement, TcoCategory};
use super::error::{BusinessCaseError, Location, Result, fits, within};
use super::money::round_cents;
use super::scenario::{OneOffCost, OneOffKind, OperatingCost, OperatingKind, Scenario};
use super::setup::{LevelChange, MeasuredLine};
use crate::core::bounds::MAX_AMOUNT;

/// Largest yearly indexation, percent: 20. With growth of at most 100 % a year the largest
/// yearly amount over ten years stays below 10^10 × 10 × 2^9 × 1.2^9 ≈ 2.6·10^14, far inside a
/// `Decimal` (see `core::bounds`).
pub const MAX_INDEXATION_PCT: Decimal = Decimal::from_parts(20, 0, 0, false, 0);

/// Largest frictional cost per FTE that goes, percent of one FTE's yearly cost: 300.
pub const MAX_FRICTIONAL_PCT: Decimal = Decimal::from_parts(300, 0, 0, false, 0);

/// Largest VAT rate, percent: 100 (the Dutch general rate is 21 %).
pub const MAX_VAT_RATE_PCT: Decimal = Decimal::ONE_HUNDRED;

/// Earliest and latest price level (year) a profile may state.
pub const PRICE_LEVEL_YEARS: (u16, u16) = (2000, 2100);

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum Basis {
    /// A published source, cited as a council would cite it (publisher, title, year, section).
    Source(String),
    /// An assumption, with its reason: no source gives the number.
    Assumption(String),
}

impl Basis {
    /// The citation or the reason.
    pub fn text(&self) -> &str {
        match self {
            Basis::Source(t) | Basis::Assumption(t) => t,
        }
    }

    /// True for an assumption.
    pub fn is_assumption(&self) -> bool {
        matches!(self, Basis::Assumption(_))
    }
}

/// One yearly price indexation for the baseline and every scenario (or none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indexation {
    /// Percent a year (0: constant prices, nothing indexed).
    pub pct: Decimal,
    /// Where the percentage comes from.
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// The yearly cost of one FTE, with the year of its price level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FtePrice {
    /// EUR per FTE per year.
    pub amount: Decimal,
    /// The year whose prices the amount is in (`None`: not stated by the profile).
    #[serde(default)]
    pub price_level: Option<u16>,
    /// Where the amount comes from.
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// Frictional costs of a reorganisation where a scenario lowers the personnel cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reorganisation {
    /// One-off cost per FTE that goes, percent of one FTE's yearly cost (0–300).
    pub pct_of_fte_cost: Decimal,
    /// Where the percentage comes from.
    pub basis: Basis,
}

/// Label of the one-off line [`Reorganisation::line`] adds.
pub const REORGANISATION_LABEL: &str = "reorganisation: frictional costs of the FTE that go";

/// Prefix of the lines [`VatRule::lines`] adds.
pub const VAT_LABEL_PREFIX: &str = "VAT not recoverable: ";

impl Reorganisation {
    /// Checks the percentage; `path` is where the rule sits in the input.
    pub fn validate(&self, path: &str) -> Result<()> {
        percent_within(self.pct_of_fte_cost, MAX_FRICTIONAL_PCT, || {
            Location::new(format!("{path}.pct_of_fte_cost"))
        })
    }

    /// The personnel cost a level change takes away a year (0 when personnel does not fall).
    pub fn personnel_saving(change: &LevelChange, m: &BaselineMeasurement) -> Decimal {
        change
            .levels
            .iter()
            .find(|(line, _)| *line == MeasuredLine::Tco(TcoCategory::Personnel))
            .map(|(_, level)| m.tco.personnel.saturating_sub(*level))
            .filter(|d| *d > Decimal::ZERO)
            .unwrap_or_default()
    }

    /// The FTE that go: the personnel saving divided by the cost of one FTE, to one decimal.
    pub fn fte_leaving(saving: Decimal, fte_price: Decimal) -> Option<Decimal> {
        if fte_price <= Decimal::ZERO {
            return None;
        }
        saving.checked_div(fte_price).map(|x| x.round_dp(1))
    }

    /// The one-off frictional cost line for a level change that lowers personnel, in the year
    /// the new level starts: the saving × `pct_of_fte_cost` / 100 (the FTE that go times the
    /// cost of one FTE times the percentage). `None` when personnel does not fall.
    pub fn line(
        &self,
        change: &LevelChange,
        m: &BaselineMeasurement,
    ) -> Result<Option<OneOffCost>> {
        let saving = Self::personnel_saving(change, m);
        if saving.is_zero() {
            return Ok(None);
        }
        let amount = fits(
            saving
                .checked_mul(self.pct_of_fte_cost)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
            || Location::new("reorganisation"),
        )?;
        Ok(Some(OneOffCost {
            kind: OneOffKind::Reorganisation,
            label: REORGANISATION_LABEL.into(),
            year: change.from_year,
            amount: round_cents(amount),
            source: Some(self.basis.text().to_string()),
            citations: vec![],
        }))
    }
}

/// The VAT on a provider's bill that the municipality cannot recover, per scenario.
///
/// Dutch law as far as wolkwijzer could check it (November 2026, wetten.overheid.nl and
/// parliamentary papers): a gemeente gets the VAT charged to it for its non-business
/// activities from the BTW-compensatiefonds (Wet op het BTW-compensatiefonds, Stb. 2002, 399,
/// in force 1 January 2003; art. 1 lid 1 onder c names provinces and municipalities; art. 2
/// sets up the fund). A gemeenschappelijke regeling is not such a body: it has no claim of its
/// own, so VAT it pays is recovered only by deduction (when it charges VAT to its members) or
/// through the members under the transparency method of the Belastingdienst. A collaboration
/// that bills its members without VAT under the cost-sharing exemption (koepelvrijstelling,
/// art. 11 lid 1 onder u Wet OB 1968; narrowed from 2018 after the EU Court's 2017 judgments,
/// Kamerstuk 34775-VII nr. 43) cannot deduct the VAT it pays itself. VAT on the part of the
/// service used for VAT-exempt activities is recovered by neither route. The profile states
/// the rate, which share it recovers and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRule {
    /// VAT charged on the service-charge lines, percent (0 when the provider charges none).
    pub rate_pct: Decimal,
    /// Share of that VAT the municipality recovers (BCF compensation or deduction), percent.
    pub recoverable_pct: Decimal,
    /// Why these percentages.
    pub basis: Basis,
}

impl VatRule {
    /// Checks both percentages; `path` is where the rule sits in the input.
    pub fn validate(&self, path: &str) -> Result<()> {
        percent_within(self.rate_pct, MAX_VAT_RATE_PCT, || {
            Location::new(format!("{path}.rate_pct"))
        })?;
        percent_within(self.recoverable_pct, Decimal::ONE_HUNDRED, || {
            Location::new(format!("{path}.recoverable_pct"))
        })
    }

    /// The share of a bill that is VAT not recovered: rate × (100 − recoverable) / 10,000.
    pub fn lost_share(&self) -> Option<Decimal> {
        let lost = Decimal::ONE_HUNDRED.checked_sub(self.recoverable_pct)?;
        self.rate_pct
            .checked_mul(lost)?
            .checked_div(Decimal::from(10_000))
    }

    /// One operating line per service-charge line of `scenario`, running in the same years
    /// with the same growth: the VAT on it that is not recovered. None when nothing is lost.
    pub fn lines(&self, scenario: &Scenario) -> Result<Vec<OperatingCost>> {
        let share = fits(self.lost_share(), || Location::new("vat"))?;
        if share.is_zero() {
            return Ok(vec![]);
        }
        scenario
            .operating
            .iter()
            .filter(|c| c.kind == OperatingKind::ServiceCharge)
            .map(|c| {
                let at = || Location::item("vat", &c.label);
                within(c.amount, MAX_AMOUNT, at)?;
                Ok(OperatingCost {
                    kind: OperatingKind::NonRecoverableVat,
                    label: format!("{VAT_LABEL_PREFIX}{}", c.label),
                    amount: round_cents(fits(c.amount.checked_mul(share), at)?),
                    basis: Some(self.basis.clone()),
                    ..c.clone()
                })
            })
            .collect()
    }
}

/// The indexation factor of each year: `(1 + pct/100)^(y−1)` for `y` in `1..=n`, rounded to
/// ten decimals. `None` when a factor does not fit (not reachable within the bounds).
pub fn index_factors(pct: Decimal, n: usize) -> Option<Vec<Decimal>> {
    let step = Decimal::ONE.checked_add(pct.checked_div(Decimal::ONE_HUNDRED)?)?;
    let mut out = Vec::with_capacity(n.min(1024));
    let mut f = Decimal::ONE;
    for y in 0..n {
        if y > 0 {
            f = f.checked_mul(step)?.round_dp(10);
        }
        out.push(f);
    }
    Some(out)
}

/// Fails with [`BusinessCaseError::PercentOutOfRange`] outside `0..=max`.
pub fn percent_within(value: Decimal, max: Decimal, at: impl FnOnce() -> Location) -> Result<()> {
    if value < Decimal::ZERO || value > max {
        Err(BusinessCaseError::PercentOutOfRange {
            at: at(),
            value,
            min: Decimal::ZERO,
            max,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn small() -> BaselineMeasurement {
        let mut m = BaselineMeasurement::default();
        m.tco.personnel = dec!(567000);
        m
    }

    fn cut(to: Decimal) -> LevelChange {
        LevelChange {
            from_year: 2,
            levels: vec![(MeasuredLine::Tco(TcoCategory::Personnel), to)],
        }
    }

    #[test]
    fn index_factors_compound_from_year_one() {
        assert_eq!(
            index_factors(dec!(2), 4).unwrap(),
            vec![dec!(1), dec!(1.02), dec!(1.0404), dec!(1.061208)]
        );
        assert_eq!(index_factors(dec!(0), 3).unwrap(), vec![dec!(1); 3]);
    }

    #[test]
    fn a_personnel_cut_gets_a_one_off_frictional_cost_in_the_year_the_fte_go() {
        let rule = Reorganisation {
            pct_of_fte_cost: dec!(50),
            basis: Basis::Assumption("no source gives a figure".into()),
        };
        // 567,000 → 344,400: 222,600 a year saved; half of it once, in year 2.
        let line = rule.line(&cut(dec!(344400)), &small()).unwrap().unwrap();
        assert_eq!(line.year, 2);
        assert_eq!(line.amount, dec!(111300));
        assert_eq!(line.kind, OneOffKind::Reorganisation);
        assert_eq!(
            Reorganisation::fte_leaving(dec!(222600), dec!(98000)),
            Some(dec!(2.3))
        );
        // A higher or unchanged personnel level adds nothing.
        assert_eq!(rule.line(&cut(dec!(600000)), &small()).unwrap(), None);
        assert_eq!(rule.line(&cut(dec!(567000)), &small()).unwrap(), None);
    }

    #[test]
    fn vat_lines_follow_the_service_charges_and_lose_only_the_unrecovered_share() {
        let mut s = Scenario::new(super::super::ScenarioKind::CostReduction, "x");
        s.operating.push(OperatingCost {
            first_year: 2,
            growth_pct: dec!(1),
            ..OperatingCost::flat(OperatingKind::ServiceCharge, "DVO", dec!(200000))
        });
        s.operating.push(OperatingCost::flat(
            OperatingKind::Other,
            "own staff",
            dec!(50000),
        ));
        let rule = VatRule {
            rate_pct: dec!(21),
            recoverable_pct: dec!(95),
            basis: Basis::Assumption("5 % of use is VAT-exempt".into()),
        };
        let lines = rule.lines(&s).unwrap();
        assert_eq!(lines.len(), 1);
        // 200,000 × 21 % × 5 % = 2,100, from year 2 with the bill's growth.
        assert_eq!(lines[0].amount, dec!(2100));
        assert_eq!(lines[0].first_year, 2);
        assert_eq!(lines[0].growth_pct, dec!(1));
        assert_eq!(lines[0].label, "VAT not recoverable: DVO");
        let all_back = VatRule {
            recoverable_pct: dec!(100),
            ..rule.clone()
        };
        assert!(all_back.lines(&s).unwrap().is_empty());
        let wrong = VatRule {
            recoverable_pct: dec!(101),
            ..rule
        };
        assert_eq!(
            wrong.validate("scenarios[0].vat").unwrap_err().to_string(),
            "scenarios[0].vat.recoverable_pct: 101 % is outside the allowed 0–100 %"
        );
    }
}
