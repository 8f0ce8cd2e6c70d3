//! Money and horizon primitives of the business case: rounding to cents and the validated
//! horizon (looptijd) of 5–10 years.

use super::error::{BusinessCaseError, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Rounds an amount to whole cents, half away from zero (commercial rounding:
/// 0.005 → 0.01, -0.005 → -0.01). Every yearly amount of every line is rounded this way once,
/// and all totals are sums of rounded lines, so a table always adds up to the cent.
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Truncates an amount to whole cents towards zero (used where a remainder is carried
/// elsewhere, e.g. the last year of a depreciation).
pub fn truncate_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

/// The horizon (looptijd) of a business case in years: 5 to 10, default 7.
///
/// Seed 003 §2.5: "in de praktijk zijn na 5 jaar de aanloopinvesteringen net afgerond [...]
/// Gesteld kan worden dat de looptijd voor een Business case ICT samenwerkingsverbanden beter
/// op 7 tot 10 jaar gesteld kan worden." Five is allowed (existing cases use it), shorter is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Horizon(u32);

impl Horizon {
    /// Shortest horizon allowed.
    pub const MIN: u32 = 5;
    /// Longest horizon allowed.
    pub const MAX: u32 = 10;
    /// Default horizon (seed 003 §2.5: 7 to 10 years).
    pub const DEFAULT: Horizon = Horizon(7);

    /// A horizon of `years` years, or [`BusinessCaseError::HorizonOutOfRange`].
    pub fn new(years: u32) -> Result<Self> {
        if (Self::MIN..=Self::MAX).contains(&years) {
            Ok(Self(years))
        } else {
            Err(BusinessCaseError::HorizonOutOfRange { years })
        }
    }

    /// Number of years.
    pub fn years(self) -> u32 {
        self.0
    }

    /// Number of years as an index bound.
    pub fn len(self) -> usize {
        self.0 as usize
    }

    /// Always false: a horizon has at least five years (here for clippy's `len` convention).
    pub fn is_empty(self) -> bool {
        false
    }
}

impl Default for Horizon {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for Horizon {
    type Error = BusinessCaseError;
    fn try_from(years: u32) -> Result<Self> {
        Self::new(years)
    }
}

impl From<Horizon> for u32 {
    fn from(h: Horizon) -> u32 {
        h.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.005)), dec!(0.01));
        assert_eq!(round_cents(dec!(-0.005)), dec!(-0.01));
        assert_eq!(round_cents(dec!(1.2349)), dec!(1.23));
        assert_eq!(truncate_cents(dec!(33.339)), dec!(33.33));
    }

    #[test]
    fn horizon_accepts_5_to_10_and_defaults_to_7() {
        assert_eq!(Horizon::default().years(), 7);
        assert!(Horizon::new(5).is_ok());
        assert!(Horizon::new(10).is_ok());
    }

    #[test]
    fn horizon_too_short_is_an_error() {
        assert_eq!(
            Horizon::new(4).unwrap_err().to_string(),
            "horizon: 4 years is outside the allowed 5–10 years (KING, De baten als ballast, §2.5 advises 7 to 10; default 7)"
        );
    }

    #[test]
    fn horizon_too_long_is_an_error() {
        assert_eq!(
            Horizon::new(11).unwrap_err(),
            BusinessCaseError::HorizonOutOfRange { years: 11 }
        );
    }

    #[test]
    fn horizon_deserialises_with_validation() {
        let ok: Horizon = serde_json::from_str("8").unwrap();
        assert_eq!(ok.years(), 8);
        let err = serde_json::from_str::<Horizon>("3").unwrap_err();
        assert!(err.to_string().contains("3 years is outside"));
    }
}
