//! Validation errors of the business case: every variant names the field (a path in the
//! input, e.g. `scenarios[1].investments[0].amount`) and, when there is one, the item's label,
//! so the profile parser can map it to file:line:col.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// Where in the input a problem sits: a field path and, optionally, the label of the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Path of the field, with serde field names and list indices (`scenarios[1].label`).
    pub path: String,
    /// Label of the item the field belongs to, as the user wrote it (if any).
    pub item: Option<String>,
}

impl Location {
    /// A location without an item label.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            item: None,
        }
    }

    /// A location inside a labelled item.
    pub fn item(path: impl Into<String>, item: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            item: Some(item.into()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{} ('{}')", self.path, item),
            None => write!(f, "{}", self.path),
        }
    }
}

/// Everything that can be wrong with a business case input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BusinessCaseError {
    /// A money amount, FTE count or usage below zero.
    #[error("{at}: must not be negative, got {value}")]
    NegativeAmount {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// The horizon is outside 5–10 years.
    #[error(
        "horizon: {years} years is outside the allowed 5–10 years (KING, De baten als ballast, §2.5 advises 7 to 10; default 7)"
    )]
    HorizonOutOfRange {
        /// The number of years given.
        years: u32,
    },
    /// A year before year 1 or after the last year of the horizon.
    #[error("{at}: year {year} is outside the horizon (years 1–{horizon})")]
    YearOutsideHorizon {
        /// The offending field.
        at: Location,
        /// The year given.
        year: u32,
        /// The horizon in years.
        horizon: u32,
    },
    /// A range of years that ends before it starts.
    #[error("{at}: last year {last} comes before first year {first}")]
    YearRangeReversed {
        /// The offending field.
        at: Location,
        /// First year of the range.
        first: u32,
        /// Last year of the range.
        last: u32,
    },
    /// A capitalised investment with a depreciation period of zero years.
    #[error("{at}: depreciation period must be at least 1 year, got 0")]
    ZeroDepreciationYears {
        /// The offending field.
        at: Location,
    },
    /// A phase-in percentage outside 0–100.
    #[error("{at}: phase-in percentage must be between 0 and 100, got {value}")]
    PhaseInOutOfRange {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// A yearly growth percentage of -100 or less (the cost would vanish or turn negative).
    #[error("{at}: yearly growth must be greater than -100 percent, got {value}")]
    GrowthOutOfRange {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// The scenario given as baseline is not of kind `baseline`, or another scenario is.
    #[error("{at}: scenario kind must be {expected}, got {found}")]
    WrongScenarioKind {
        /// The offending field.
        at: Location,
        /// What the position requires.
        expected: String,
        /// What was given.
        found: String,
    },
    /// Risk band values that are not ordered low ≤ expected ≤ high.
    #[error("{at}: values must be ordered low ≤ expected ≤ high, got {low} / {expected} / {high}")]
    BandsNotOrdered {
        /// The offending field.
        at: Location,
        /// Low value.
        low: Decimal,
        /// Expected value.
        expected: Decimal,
        /// High value.
        high: Decimal,
    },
    /// An amount, count or period above its documented bound (see `core::bounds`).
    #[error("{at}: {value} is too large (at most {max})")]
    TooLarge {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
        /// The largest value allowed.
        max: Decimal,
    },
    /// A favourable cost factor below 1.0: seed 003 §2.9 says costs usually turn out higher
    /// ("De kosten voor de share vallen tegen"), so the favourable end of the cost band is
    /// "as estimated" at best.
    #[error(
        "{at}: the favourable cost factor must not be below 1.0, got {value} (KING, De baten als ballast, §2.9: costs usually turn out higher than estimated, so the favourable end is at best 1.0)"
    )]
    FavourableCostBelowOne {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// A scenario indexed differently from the baseline it is compared with: index both sides
    /// or neither.
    #[error(
        "{at}: indexed by {scenario} % a year while the baseline is indexed by {baseline} %: one indexation must apply to the baseline and every scenario alike (or none)"
    )]
    IndexationMismatch {
        /// The scenario's field.
        at: Location,
        /// The baseline's yearly indexation, percent.
        baseline: Decimal,
        /// The scenario's yearly indexation, percent.
        scenario: Decimal,
    },
    /// A percentage outside its allowed range (indexation, VAT rate, compensable share, ...).
    #[error("{at}: {value} % is outside the allowed {min}–{max} %")]
    PercentOutOfRange {
        /// The offending field.
        at: Location,
        /// The value given.
        value: Decimal,
        /// Smallest value allowed.
        min: Decimal,
        /// Largest value allowed.
        max: Decimal,
    },
    /// A computed amount that does not fit a `Decimal` (only reachable with unchecked input).
    #[error(
        "{at}: the amounts are too large to compute (a total exceeds 79,228,162,514,264,337,593,543,950,335)"
    )]
    Overflow {
        /// Where the computation failed.
        at: Location,
    },
}

/// Shorthand for results of this module.
pub type Result<T> = std::result::Result<T, BusinessCaseError>;

/// Fails with [`BusinessCaseError::NegativeAmount`] when `value` is below zero.
pub fn non_negative(value: Decimal, at: impl FnOnce() -> Location) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(BusinessCaseError::NegativeAmount { at: at(), value })
    } else {
        Ok(())
    }
}

/// Fails with [`BusinessCaseError::NegativeAmount`] below zero and
/// [`BusinessCaseError::TooLarge`] above `max`.
pub fn within(value: Decimal, max: Decimal, at: impl Fn() -> Location) -> Result<()> {
    non_negative(value, &at)?;
    if value > max {
        Err(BusinessCaseError::TooLarge {
            at: at(),
            value,
            max,
        })
    } else {
        Ok(())
    }
}

/// `Some(x)` or [`BusinessCaseError::Overflow`] at `at`.
pub fn fits(x: Option<Decimal>, at: impl FnOnce() -> Location) -> Result<Decimal> {
    x.ok_or_else(|| BusinessCaseError::Overflow { at: at() })
}

/// The checked sum of `values`, or [`BusinessCaseError::Overflow`] at `at`.
pub fn checked_sum(
    values: impl IntoIterator<Item = Decimal>,
    at: impl FnOnce() -> Location,
) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for v in values {
        match total.checked_add(v) {
            Some(t) => total = t,
            None => return Err(BusinessCaseError::Overflow { at: at() }),
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn location_shows_item_label_when_present() {
        assert_eq!(Location::new("horizon").to_string(), "horizon");
        assert_eq!(
            Location::item("scenarios[1].investments[0].amount", "Servers").to_string(),
            "scenarios[1].investments[0].amount ('Servers')"
        );
    }

    #[test]
    fn non_negative_accepts_zero_and_rejects_below_zero() {
        assert!(non_negative(dec!(0), || Location::new("x")).is_ok());
        assert!(non_negative(dec!(-0.00), || Location::new("x")).is_ok());
        let err = non_negative(dec!(-0.01), || Location::new("x")).unwrap_err();
        assert_eq!(err.to_string(), "x: must not be negative, got -0.01");
    }
}
