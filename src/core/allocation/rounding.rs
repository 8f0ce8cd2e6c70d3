//! Exact splitting of an amount in cents by weights: largest-remainder (Hamilton) rounding,
//! so the shares always add up to the total to the cent (seed 003 §2.7: "verrekenen heeft geen
//! invloed op het totale kostenpatroon").
//!
//! The rule, precisely:
//! 1. Weights are taken to 6 decimals (half away from zero) and made integers on one scale;
//!    the total is in whole cents `T`.
//! 2. Each participant's exact quota is `T × wᵢ / W` cents (`W` = sum of weights), computed as
//!    an integer quotient `qᵢ` and remainder `rᵢ` — exact, no decimal division.
//! 3. Everyone gets `qᵢ` cents; the `T − Σqᵢ` cents left (fewer than the number of
//!    participants) go one each to the largest remainders.
//! 4. Ties: equal remainders are served in input order (the earlier participant first).
//!    Participants with weight zero never get a cent.

use super::error::{AllocationError, Result};
use crate::core::business_case::Location;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimals kept of a weight before the exact integer split.
pub const WEIGHT_DECIMALS: u32 = 6;

/// Splits `total` (whole cents, ≥ 0) in proportion to `weights` (≥ 0) so that the shares add
/// up to `total` exactly; see the module documentation for the rounding and tie rule. `at`
/// names the allocation in errors.
pub fn split_exact(total: Decimal, weights: &[Decimal], at: &Location) -> Result<Vec<Decimal>> {
    if total.is_sign_negative() && !total.is_zero() || total.round_dp(2) != total {
        return Err(AllocationError::TotalNotInCents {
            at: at.clone(),
            value: total,
        });
    }
    if total.is_zero() {
        return Ok(vec![Decimal::ZERO; weights.len()]);
    }
    let too_large = || AllocationError::TooLarge { at: at.clone() };
    let cents = total
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|c| c.to_i128())
        .ok_or_else(too_large)?;
    let scale = Decimal::from(10u64.pow(WEIGHT_DECIMALS));
    let ints: Vec<i128> = weights
        .iter()
        .map(|w| {
            let w = w.max(&Decimal::ZERO);
            w.round_dp_with_strategy(WEIGHT_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
                .checked_mul(scale)
                .and_then(|x| x.to_i128())
                .ok_or_else(too_large)
        })
        .collect::<Result<_>>()?;
    let sum: i128 = ints
        .iter()
        .try_fold(0i128, |acc, w| acc.checked_add(*w))
        .ok_or_else(too_large)?;
    if sum == 0 {
        return Err(AllocationError::NoAllocationBasis {
            at: at.clone(),
            total,
        });
    }
    let mut shares = Vec::with_capacity(ints.len());
    let mut remainders = Vec::with_capacity(ints.len());
    for w in &ints {
        let product = cents.checked_mul(*w).ok_or_else(too_large)?;
        shares.push(product / sum);
        remainders.push(product % sum);
    }
    let given = shares
        .iter()
        .try_fold(0i128, |acc, s| acc.checked_add(*s))
        .ok_or_else(too_large)?;
    let left = cents.checked_sub(given).ok_or_else(too_large)?;
    let mut order: Vec<usize> = (0..ints.len()).filter(|i| ints[*i] > 0).collect();
    // Largest remainder first; equal remainders in input order (sort is stable).
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]));
    for i in order.into_iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    Ok(shares
        .into_iter()
        .map(|c| Decimal::from_i128_with_scale(c, 2))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn at() -> Location {
        Location::new("allocation")
    }

    #[test]
    fn thirds_go_to_the_first_in_input_order() {
        // 100.00 in three: quota 33.333… each, remainders equal → the extra cent to the first.
        let s = split_exact(dec!(100.00), &[dec!(1), dec!(1), dec!(1)], &at()).unwrap();
        assert_eq!(s, vec![dec!(33.34), dec!(33.33), dec!(33.33)]);
    }

    #[test]
    fn largest_remainder_wins_over_input_order() {
        // 10.00 by 1 : 2 : 2 → quota 200, 400, 400 cents exactly.
        let s = split_exact(dec!(10.00), &[dec!(1), dec!(2), dec!(2)], &at()).unwrap();
        assert_eq!(s, vec![dec!(2.00), dec!(4.00), dec!(4.00)]);
        // 0.05 by 1 : 3 → 1.25 and 3.75 cents → 1 + 3, one left → the larger remainder (0.75).
        let s = split_exact(dec!(0.05), &[dec!(1), dec!(3)], &at()).unwrap();
        assert_eq!(s, vec![dec!(0.01), dec!(0.04)]);
    }

    #[test]
    fn zero_weight_gets_nothing_and_zero_total_is_zeros() {
        let s = split_exact(dec!(0.01), &[dec!(0), dec!(5), dec!(5)], &at()).unwrap();
        assert_eq!(s, vec![dec!(0), dec!(0.01), dec!(0)]);
        let z = split_exact(dec!(0), &[dec!(0), dec!(0)], &at()).unwrap();
        assert_eq!(z, vec![dec!(0), dec!(0)]);
    }

    #[test]
    fn fraction_of_a_cent_is_an_error() {
        assert_eq!(
            split_exact(dec!(10.005), &[dec!(1)], &at())
                .unwrap_err()
                .to_string(),
            "allocation: the amount to allocate must be whole cents and not negative, got 10.005"
        );
    }

    #[test]
    fn amounts_beyond_exact_integer_range_are_an_error() {
        // 10^24 EUR = 10^26 cents times a weight of 10^20 (10^26 after scaling) overflows i128.
        let total = Decimal::from_i128_with_scale(10i128.pow(24), 0);
        assert_eq!(
            split_exact(total, &[dec!(100000000000000000000)], &at())
                .unwrap_err()
                .to_string(),
            "allocation: amounts too large to allocate exactly"
        );
    }

    #[test]
    fn all_zero_weights_is_an_error() {
        assert_eq!(
            split_exact(dec!(10), &[dec!(0), dec!(0)], &at())
                .unwrap_err()
                .to_string(),
            "allocation: cannot allocate 10: every participant's usage or list charge is zero"
        );
    }
}
