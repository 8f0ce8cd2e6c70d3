//! Risk bands of seed 003 §2.9 ("Een Business case kent drie grootheden (baten, kosten, tijd)
//! die allen het risico dragen dat de veronderstelling niet gehaald wordt"): low / expected /
//! high values for a cost multiplier, a benefit multiplier and a delay in months, combined
//! into a favourable, expected and unfavourable band, plus a one-risk-at-a-time sensitivity.

use super::error::{BusinessCaseError, Location, Result, within};
use super::scenario::Adjustment;
use super::table::YearlyTable;
use crate::core::bounds::{MAX_DELAY_MONTHS, MAX_MULTIPLIER};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Low, expected and high value of one risk quantity (low ≤ expected ≤ high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandValues<T> {
    /// Lowest plausible value.
    pub low: T,
    /// Expected value.
    pub expected: T,
    /// Highest plausible value.
    pub high: T,
}

impl<T: Copy> BandValues<T> {
    /// The same value for low, expected and high (no uncertainty).
    pub fn fixed(value: T) -> Self {
        Self {
            low: value,
            expected: value,
            high: value,
        }
    }
}

/// The risk ranges of a business case. The default has no uncertainty (multipliers 1, no
/// delay): the seed gives no figures, so the profile must supply them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskInput {
    /// Factor on the scenario's costs ("De kosten voor de share vallen tegen").
    pub cost_multiplier: BandValues<Decimal>,
    /// Factor on the scenario's benefits ("de opbrengsten worden nauwelijks ingeboekt").
    pub benefit_multiplier: BandValues<Decimal>,
    /// Delay of the benefits in months ("Belangrijkste factor is echter de factor tijd").
    pub delay_months: BandValues<u32>,
}

impl Default for RiskInput {
    fn default() -> Self {
        Self {
            cost_multiplier: BandValues::fixed(Decimal::ONE),
            benefit_multiplier: BandValues::fixed(Decimal::ONE),
            delay_months: BandValues::fixed(0),
        }
    }
}

/// The three combined bands evaluated for every scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Low costs, high benefits, shortest delay.
    Favourable,
    /// The expected values of all three.
    Expected,
    /// High costs, low benefits, longest delay.
    Unfavourable,
}

impl Band {
    /// The three bands in display order.
    pub const ALL: [Band; 3] = [Band::Favourable, Band::Expected, Band::Unfavourable];
}

/// The single risk quantity changed in a sensitivity run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskDimension {
    /// Costs at their high value, the rest expected.
    Costs,
    /// Benefits at their low value, the rest expected.
    Benefits,
    /// Delay at its high value, the rest expected.
    Delay,
}

impl RiskDimension {
    /// The three dimensions in display order.
    pub const ALL: [RiskDimension; 3] = [
        RiskDimension::Costs,
        RiskDimension::Benefits,
        RiskDimension::Delay,
    ];
}

impl RiskInput {
    /// Checks that multipliers are not negative, that every range is ordered and that the
    /// favourable cost factor is not below 1.0 (seed 003 §2.9: costs usually turn out higher;
    /// see [`BusinessCaseError::FavourableCostBelowOne`]).
    pub fn validate(&self, path: &str) -> Result<()> {
        if self.cost_multiplier.low < Decimal::ONE {
            return Err(BusinessCaseError::FavourableCostBelowOne {
                at: Location::new(format!("{path}.cost_multiplier.low")),
                value: self.cost_multiplier.low,
            });
        }
        for (name, v) in [
            ("cost_multiplier", &self.cost_multiplier),
            ("benefit_multiplier", &self.benefit_multiplier),
        ] {
            for (which, value) in [("low", v.low), ("expected", v.expected), ("high", v.high)] {
                within(value, MAX_MULTIPLIER, || {
                    Location::new(format!("{path}.{name}.{which}"))
                })?;
            }
            ordered(v.low, v.expected, v.high, || {
                Location::new(format!("{path}.{name}"))
            })?;
        }
        let d = &self.delay_months;
        if d.high > MAX_DELAY_MONTHS {
            return Err(BusinessCaseError::TooLarge {
                at: Location::new(format!("{path}.delay_months.high")),
                value: d.high.into(),
                max: MAX_DELAY_MONTHS.into(),
            });
        }
        ordered(d.low.into(), d.expected.into(), d.high.into(), || {
            Location::new(format!("{path}.delay_months"))
        })
    }

    /// The adjustment of one combined band.
    pub fn adjustment(&self, band: Band) -> Adjustment {
        match band {
            Band::Favourable => Adjustment {
                cost_multiplier: self.cost_multiplier.low,
                benefit_multiplier: self.benefit_multiplier.high,
                delay_months: self.delay_months.low,
            },
            Band::Expected => Adjustment {
                cost_multiplier: self.cost_multiplier.expected,
                benefit_multiplier: self.benefit_multiplier.expected,
                delay_months: self.delay_months.expected,
            },
            Band::Unfavourable => Adjustment {
                cost_multiplier: self.cost_multiplier.high,
                benefit_multiplier: self.benefit_multiplier.low,
                delay_months: self.delay_months.high,
            },
        }
    }

    /// The expected adjustment with only `dimension` at its unfavourable value, so the room
    /// sees which risk hurts most (§2.9: "Van belang is te weten wat de impact van een risico
    /// is op de totale Business case").
    pub fn sensitivity_adjustment(&self, dimension: RiskDimension) -> Adjustment {
        let mut adj = self.adjustment(Band::Expected);
        match dimension {
            RiskDimension::Costs => adj.cost_multiplier = self.cost_multiplier.high,
            RiskDimension::Benefits => adj.benefit_multiplier = self.benefit_multiplier.low,
            RiskDimension::Delay => adj.delay_months = self.delay_months.high,
        }
        adj
    }
}

fn ordered(
    low: Decimal,
    expected: Decimal,
    high: Decimal,
    at: impl FnOnce() -> Location,
) -> Result<()> {
    if low <= expected && expected <= high {
        Ok(())
    } else {
        Err(BusinessCaseError::BandsNotOrdered {
            at: at(),
            low,
            expected,
            high,
        })
    }
}

/// A scenario's difference with the baseline under one band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandOutcome {
    /// Which band.
    pub band: Band,
    /// The factors applied.
    pub adjustment: Adjustment,
    /// The yearly table of the difference with the baseline.
    pub difference: YearlyTable,
    /// Its return year (`None`: not within the horizon).
    pub return_year: Option<u32>,
}

/// A scenario's difference with the baseline with one risk at its unfavourable value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// Which risk.
    pub dimension: RiskDimension,
    /// The factors applied.
    pub adjustment: Adjustment,
    /// Return year under this risk (`None`: not within the horizon).
    pub return_year: Option<u32>,
    /// Cumulative cash flow at the end of the horizon under this risk.
    pub final_cumulative_cash_flow: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn sample() -> RiskInput {
        RiskInput {
            cost_multiplier: BandValues {
                low: dec!(1),
                expected: dec!(1.05),
                high: dec!(1.2),
            },
            benefit_multiplier: BandValues {
                low: dec!(0.5),
                expected: dec!(1),
                high: dec!(1.1),
            },
            delay_months: BandValues {
                low: 0,
                expected: 6,
                high: 18,
            },
        }
    }

    #[test]
    fn bands_combine_favourable_and_unfavourable_ends() {
        let r = sample();
        assert_eq!(
            r.adjustment(Band::Favourable),
            Adjustment {
                cost_multiplier: dec!(1),
                benefit_multiplier: dec!(1.1),
                delay_months: 0
            }
        );
        assert_eq!(r.adjustment(Band::Unfavourable).delay_months, 18);
        assert_eq!(
            r.sensitivity_adjustment(RiskDimension::Delay).delay_months,
            18
        );
        assert_eq!(
            r.sensitivity_adjustment(RiskDimension::Delay)
                .cost_multiplier,
            dec!(1.05)
        );
        assert!(r.validate("risk").is_ok());
    }

    #[test]
    fn unordered_band_is_an_error() {
        let mut r = sample();
        r.delay_months.low = 12;
        assert_eq!(
            r.validate("risk").unwrap_err().to_string(),
            "risk.delay_months: values must be ordered low ≤ expected ≤ high, got 12 / 6 / 18"
        );
    }

    #[test]
    fn a_favourable_cost_factor_below_one_is_an_error() {
        let mut r = sample();
        r.cost_multiplier.low = dec!(0.95);
        assert_eq!(
            r.validate("risk").unwrap_err(),
            BusinessCaseError::FavourableCostBelowOne {
                at: Location::new("risk.cost_multiplier.low"),
                value: dec!(0.95),
            }
        );
        r.cost_multiplier.low = dec!(1.0);
        assert!(r.validate("risk").is_ok());
    }

    #[test]
    fn negative_multiplier_is_an_error() {
        let mut r = sample();
        r.benefit_multiplier.low = dec!(-0.1);
        assert_eq!(
            r.validate("risk").unwrap_err().to_string(),
            "risk.benefit_multiplier.low: must not be negative, got -0.1"
        );
    }
}
