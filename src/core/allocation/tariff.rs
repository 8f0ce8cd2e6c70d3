//! Tariff models of seed 003 Bijlage 3 (stap 4, "Het vaststellen van het tariefmodel"): vast,
//! getrapt, variabel, samengesteld; the tier table with its no-gap/no-overlap validation; and
//! the yearly charge of a participant for a given usage.

use super::error::{AllocationError, Result};
use crate::core::bounds::{MAX_AMOUNT, MAX_USAGE};
use crate::core::business_case::Location;
use crate::core::business_case::error::within;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One step of a tiered tariff: usage in `[from, to)` costs `price` per year. The highest
/// tier has no `to` (open-ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    /// Lowest usage in the tier (inclusive).
    pub from: Decimal,
    /// Usage where the next tier starts (exclusive); `None` for the highest tier.
    #[serde(default)]
    pub to: Option<Decimal>,
    /// EUR per year for any usage in the tier.
    pub price: Decimal,
}

/// How a participant's yearly charge depends on its usage of the allocation key
/// (seed 003 Bijlage 3, figure of stap 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum TariffModel {
    /// Vast tarief: the same yearly amount whatever the usage.
    Fixed {
        /// EUR per participant per year.
        amount: Decimal,
    },
    /// Getrapt tarief: a yearly amount per step of usage (tier table).
    Tiered {
        /// The steps; together they must cover usage 0 to infinity without gaps or overlaps.
        tiers: Vec<Tier>,
    },
    /// Variabel tarief: price × usage (pay per use).
    Variable {
        /// EUR per unit of usage per year.
        unit_price: Decimal,
    },
    /// Samengesteld tarief: a fixed part plus a variable part.
    Composite {
        /// EUR per participant per year.
        fixed: Decimal,
        /// EUR per unit of usage per year.
        unit_price: Decimal,
    },
}

impl TariffModel {
    /// The snake_case id of the model.
    pub fn id(&self) -> &'static str {
        match self {
            TariffModel::Fixed { .. } => "fixed",
            TariffModel::Tiered { .. } => "tiered",
            TariffModel::Variable { .. } => "variable",
            TariffModel::Composite { .. } => "composite",
        }
    }

    /// Checks prices and, for a tiered tariff, that the tiers cover usage 0 to infinity with
    /// no gap and no overlap (in any input order; errors name the tiers by input index).
    pub fn validate(&self, path: &str) -> Result<()> {
        let at = |f: &str| Location::new(format!("{path}.{f}"));
        match self {
            TariffModel::Fixed { amount } => within(*amount, MAX_AMOUNT, || at("amount"))?,
            TariffModel::Variable { unit_price } => {
                within(*unit_price, MAX_AMOUNT, || at("unit_price"))?
            }
            TariffModel::Composite { fixed, unit_price } => {
                within(*fixed, MAX_AMOUNT, || at("fixed"))?;
                within(*unit_price, MAX_AMOUNT, || at("unit_price"))?;
            }
            TariffModel::Tiered { tiers } => validate_tiers(tiers, path)?,
        }
        Ok(())
    }

    /// The yearly charge for `usage` (≥ 0) at list prices; for a tiered tariff the tier whose
    /// `[from, to)` holds the usage. Checked: a charge that does not fit a `Decimal` is
    /// [`AllocationError::TooLarge`] (only reachable with prices or usage above
    /// `core::bounds`).
    pub fn charge(&self, usage: Decimal) -> Result<Decimal> {
        let too_large = || AllocationError::TooLarge {
            at: Location::new(format!("tariff.{}", self.id())),
        };
        match self {
            TariffModel::Fixed { amount } => Ok(*amount),
            TariffModel::Variable { unit_price } => {
                unit_price.checked_mul(usage).ok_or_else(too_large)
            }
            TariffModel::Composite { fixed, unit_price } => unit_price
                .checked_mul(usage)
                .and_then(|x| x.checked_add(*fixed))
                .ok_or_else(too_large),
            TariffModel::Tiered { tiers } => Ok(tiers
                .iter()
                .find(|t| t.from <= usage && t.to.is_none_or(|to| usage < to))
                .map_or(Decimal::ZERO, |t| t.price)),
        }
    }
}

fn validate_tiers(tiers: &[Tier], path: &str) -> Result<()> {
    let table = Location::new(format!("{path}.tiers"));
    if tiers.is_empty() {
        return Err(AllocationError::TierTableEmpty { at: table });
    }
    for (i, t) in tiers.iter().enumerate() {
        let at = |f: &str| Location::new(format!("{path}.tiers[{i}].{f}"));
        within(t.from, MAX_USAGE, || at("from"))?;
        within(t.price, MAX_AMOUNT, || at("price"))?;
        if let Some(to) = t.to {
            within(to, MAX_USAGE, || at("to"))?;
        }
        if let Some(to) = t.to
            && to <= t.from
        {
            return Err(AllocationError::EmptyTier {
                at: Location::new(format!("{path}.tiers[{i}]")),
                from: t.from,
                to,
            });
        }
    }
    let mut order: Vec<usize> = (0..tiers.len()).collect();
    order.sort_by(|a, b| tiers[*a].from.cmp(&tiers[*b].from));
    let first = order[0];
    if !tiers[first].from.is_zero() {
        return Err(AllocationError::TierGapAtStart {
            at: table,
            first,
            from: tiers[first].from,
        });
    }
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (lo, hi) = (&tiers[a], &tiers[b]);
        match lo.to {
            Some(to) if to == hi.from => {}
            Some(to) if to < hi.from => {
                return Err(AllocationError::TierGap {
                    at: table,
                    before: a,
                    after: b,
                    from: to,
                    to: hi.from,
                });
            }
            end => {
                let until = match (end, hi.to) {
                    (Some(x), Some(y)) => format!("up to {}", x.min(y)),
                    (Some(x), None) | (None, Some(x)) => format!("up to {x}"),
                    (None, None) => "without end".to_string(),
                };
                return Err(AllocationError::TierOverlap {
                    at: table,
                    before: a,
                    after: b,
                    from: hi.from,
                    until,
                });
            }
        }
    }
    let last = order[order.len() - 1];
    if let Some(to) = tiers[last].to {
        return Err(AllocationError::TierTableClosed {
            at: Location::new(format!("{path}.tiers[{last}].to")),
            to,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tier(from: Decimal, to: Option<Decimal>, price: Decimal) -> Tier {
        Tier { from, to, price }
    }

    fn tiered(tiers: Vec<Tier>) -> TariffModel {
        TariffModel::Tiered { tiers }
    }

    fn err(t: TariffModel) -> String {
        t.validate("rule.tariff").unwrap_err().to_string()
    }

    #[test]
    fn charges_per_model() {
        assert_eq!(
            TariffModel::Fixed { amount: dec!(500) }
                .charge(dec!(77))
                .unwrap(),
            dec!(500)
        );
        assert_eq!(
            TariffModel::Variable {
                unit_price: dec!(1.5)
            }
            .charge(dec!(10))
            .unwrap(),
            dec!(15.0)
        );
        assert_eq!(
            TariffModel::Composite {
                fixed: dec!(100),
                unit_price: dec!(2)
            }
            .charge(dec!(10))
            .unwrap(),
            dec!(120)
        );
        let t = tiered(vec![
            tier(dec!(100), None, dec!(30)),
            tier(dec!(0), Some(dec!(50)), dec!(10)),
            tier(dec!(50), Some(dec!(100)), dec!(20)),
        ]);
        assert!(t.validate("t").is_ok());
        assert_eq!(t.charge(dec!(0)).unwrap(), dec!(10));
        assert_eq!(t.charge(dec!(49.99)).unwrap(), dec!(10));
        assert_eq!(t.charge(dec!(50)).unwrap(), dec!(20));
        assert_eq!(t.charge(dec!(1000)).unwrap(), dec!(30));
    }

    #[test]
    fn gap_between_tiers_is_an_error() {
        let t = tiered(vec![
            tier(dec!(0), Some(dec!(50)), dec!(10)),
            tier(dec!(60), None, dec!(20)),
        ]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers: gap between tiers[0] and tiers[1]: usage 50 up to 60 has no price"
        );
    }

    #[test]
    fn overlap_between_tiers_is_an_error() {
        let t = tiered(vec![
            tier(dec!(0), Some(dec!(50)), dec!(10)),
            tier(dec!(40), Some(dec!(80)), dec!(20)),
            tier(dec!(80), None, dec!(30)),
        ]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers: tiers[0] and tiers[1] overlap from usage 40 (up to 50)"
        );
    }

    #[test]
    fn open_ended_tier_below_another_is_an_overlap() {
        let t = tiered(vec![
            tier(dec!(0), None, dec!(10)),
            tier(dec!(40), None, dec!(20)),
        ]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers: tiers[0] and tiers[1] overlap from usage 40 (without end)"
        );
    }

    #[test]
    fn table_not_starting_at_zero_is_an_error() {
        let t = tiered(vec![tier(dec!(10), None, dec!(10))]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers: gap before tiers[0]: usage 0 up to 10 has no price (the lowest tier must start at 0)"
        );
    }

    #[test]
    fn closed_top_is_an_error() {
        let t = tiered(vec![tier(dec!(0), Some(dec!(10)), dec!(10))]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers[0].to: the highest tier must be open-ended (no 'to'): usage from 10 up has no price"
        );
    }

    #[test]
    fn empty_and_inverted_tiers_are_errors() {
        assert_eq!(
            err(tiered(vec![])),
            "rule.tariff.tiers: a tiered tariff needs at least one tier"
        );
        let t = tiered(vec![tier(dec!(0), Some(dec!(0)), dec!(1))]);
        assert_eq!(
            err(t),
            "rule.tariff.tiers[0]: 'to' (0) must be greater than 'from' (0)"
        );
    }

    #[test]
    fn negative_price_is_an_error() {
        assert_eq!(
            err(TariffModel::Variable {
                unit_price: dec!(-2)
            }),
            "rule.tariff.unit_price: must not be negative, got -2"
        );
    }

    #[test]
    fn tariff_serialises_with_model_tag() {
        let t = TariffModel::Composite {
            fixed: dec!(100),
            unit_price: dec!(2.50),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"model":"composite","fixed":"100","unit_price":"2.50"}"#
        );
        assert_eq!(serde_json::from_str::<TariffModel>(&json).unwrap(), t);
    }
}
