//! Cost predictability (kostenvoorspelbaarheid) of a tariff model: the band of a participant's
//! yearly cost when its usage is uncertain. Pay-per-use moves fully with usage, a fixed tariff
//! not at all, a tiered tariff by its steps, a composite tariff partly (seed 003 Bijlage 3
//! stap 5: "het gebruik van een 'vast' of 'getrapt' stelsel \[levert\] een eenvoudiger schatting
//! op dan de varianten met een variabele component"; seed 000 §4 on pay-per-use surprises).
//! The scoring module turns [`CostBand::relative_spread`] into a 0–10 score.

use super::error::{AllocationError, Result};
use super::tariff::TariffModel;
use crate::core::business_case::Location;
use crate::core::business_case::error::non_negative;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The yearly cost band of one tariff under a usage uncertainty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostBand {
    /// The tariff model's id (`fixed`, `tiered`, `variable`, `composite`).
    pub model: String,
    /// Lowest usage considered: expected × (1 − uncertainty).
    pub low_usage: Decimal,
    /// Highest usage considered: expected × (1 + uncertainty).
    pub high_usage: Decimal,
    /// Lowest yearly cost for any usage in the range, EUR.
    pub low: Decimal,
    /// Yearly cost at the expected usage, EUR.
    pub expected: Decimal,
    /// Highest yearly cost for any usage in the range, EUR.
    pub high: Decimal,
    /// `high − low`, EUR.
    pub spread: Decimal,
    /// `spread / expected`, rounded to 4 decimals (0.4 = the band is 40 % of the expected
    /// cost). Zero when the spread is zero; `None` when the expected cost is zero but the
    /// spread is not (no relative measure exists).
    pub relative_spread: Option<Decimal>,
}

/// The cost band of `tariff` (validated) for `expected_usage` ± `uncertainty_pct` percent
/// (0–100). For fixed, variable and composite tariffs the cost is monotone in usage, so the
/// band's ends are the charges at the usage ends; for a tiered tariff they are the lowest and
/// highest price of every tier the usage range touches.
///
/// Example: variable at 10 per unit, usage 100 ± 20 % → 800 / 1000 / 1200, relative 0.4;
/// fixed 1000 → 1000 / 1000 / 1000, relative 0.
pub fn cost_band(
    tariff: &TariffModel,
    expected_usage: Decimal,
    uncertainty_pct: Decimal,
) -> Result<CostBand> {
    tariff.validate("tariff")?;
    non_negative(expected_usage, || Location::new("expected_usage"))?;
    if uncertainty_pct < Decimal::ZERO || uncertainty_pct > Decimal::ONE_HUNDRED {
        return Err(AllocationError::UncertaintyOutOfRange {
            at: Location::new("uncertainty_pct"),
            value: uncertainty_pct,
        });
    }
    let too_large = || AllocationError::TooLarge {
        at: Location::new("expected_usage"),
    };
    let u = uncertainty_pct / Decimal::ONE_HUNDRED;
    let low_usage = expected_usage
        .checked_mul(Decimal::ONE - u)
        .ok_or_else(too_large)?;
    let high_usage = expected_usage
        .checked_mul(Decimal::ONE + u)
        .ok_or_else(too_large)?;
    let expected = tariff.charge(expected_usage)?;
    let (low, high) = match tariff {
        TariffModel::Tiered { tiers } => {
            let touched = tiers
                .iter()
                .filter(|t| t.from <= high_usage && t.to.is_none_or(|to| to > low_usage))
                .map(|t| t.price);
            let low = touched.clone().min().unwrap_or(expected);
            let high = touched.max().unwrap_or(expected);
            (low, high)
        }
        _ => (tariff.charge(low_usage)?, tariff.charge(high_usage)?),
    };
    let spread = high.checked_sub(low).ok_or_else(too_large)?;
    let relative_spread = if spread.is_zero() {
        Some(Decimal::ZERO)
    } else if expected.is_zero() {
        None
    } else {
        spread.checked_div(expected).map(|r| r.round_dp(4))
    };
    Ok(CostBand {
        model: tariff.id().to_string(),
        low_usage,
        high_usage,
        low,
        expected,
        high,
        spread,
        relative_spread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::allocation::tariff::Tier;
    use rust_decimal_macros::dec;

    #[test]
    fn pay_per_use_moves_fully_fixed_not_at_all() {
        let v = cost_band(
            &TariffModel::Variable {
                unit_price: dec!(10),
            },
            dec!(100),
            dec!(20),
        )
        .unwrap();
        assert_eq!(
            (v.low, v.expected, v.high),
            (dec!(800), dec!(1000), dec!(1200))
        );
        assert_eq!(v.relative_spread, Some(dec!(0.4)));
        let f = cost_band(
            &TariffModel::Fixed { amount: dec!(1000) },
            dec!(100),
            dec!(20),
        )
        .unwrap();
        assert_eq!(f.spread, dec!(0));
        assert_eq!(f.relative_spread, Some(dec!(0)));
    }

    #[test]
    fn composite_moves_partly_and_tiered_by_steps() {
        // 500 + 5 × usage: 500 + 400 = 900, 1000, 1100 → spread 200, relative 0.2.
        let c = cost_band(
            &TariffModel::Composite {
                fixed: dec!(500),
                unit_price: dec!(5),
            },
            dec!(100),
            dec!(20),
        )
        .unwrap();
        assert_eq!(
            (c.low, c.high, c.relative_spread),
            (dec!(900), dec!(1100), Some(dec!(0.2)))
        );
        let tiers = TariffModel::Tiered {
            tiers: vec![
                Tier {
                    from: dec!(0),
                    to: Some(dec!(110)),
                    price: dec!(1000),
                },
                Tier {
                    from: dec!(110),
                    to: None,
                    price: dec!(1300),
                },
            ],
        };
        // Usage 80–120 touches both tiers: 1000 … 1300, relative 0.3.
        let t = cost_band(&tiers, dec!(100), dec!(20)).unwrap();
        assert_eq!(
            (t.low, t.expected, t.high),
            (dec!(1000), dec!(1000), dec!(1300))
        );
        assert_eq!(t.relative_spread, Some(dec!(0.3)));
        // ± 5 % stays inside the first tier: no spread at all.
        assert_eq!(
            cost_band(&tiers, dec!(100), dec!(5)).unwrap().spread,
            dec!(0)
        );
    }

    #[test]
    fn uncertainty_above_100_is_an_error() {
        assert_eq!(
            cost_band(&TariffModel::Fixed { amount: dec!(1) }, dec!(1), dec!(150))
                .unwrap_err()
                .to_string(),
            "uncertainty_pct: usage uncertainty must be between 0 and 100 percent, got 150"
        );
    }
}
