//! Upper bounds of what a municipality can plausibly have, with room to spare. Every way a
//! profile enters (file, session, TUI edit, catalogue override) is checked against them, and
//! the business-case core checks them again before computing, so no input can make the money
//! arithmetic overflow.
//!
//! Why they are enough: the largest Dutch municipality has about 930,000 inhabitants and a
//! total yearly budget of about 8 billion EUR; a single ICT cost line is at most a few hundred
//! million. With every line at most [`MAX_AMOUNT`] (10^10), a risk multiplier of at most
//! [`MAX_MULTIPLIER`] (10) and growth of at most [`MAX_GROWTH_PCT`] (100 %) a year over at most
//! 10 years (×512), one yearly amount stays below 6·10^13; `Decimal` holds up to 7.9·10^28, so
//! even a million such lines cannot overflow a total. A tariff charge is at most
//! 10^10 × [`MAX_USAGE`] (10^8) = 10^18. The core still uses checked arithmetic and returns an
//! error value where a number does not fit, so even unchecked input never panics.

use rust_decimal::Decimal;

/// Largest amount of money on one line, EUR: 10,000,000,000 (ten billion). Applies to every
/// amount in a profile: nulmeting categories, implicit costs, operating, extra, one-off and
/// investment lines, benefits, cost per FTE, tariff prices, one-off estimates and budgets.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0);

/// Most inhabitants of one municipality: 1,000,000 (Amsterdam has about 930,000).
pub const MAX_INHABITANTS: u32 = 1_000_000;

/// Most ICT workplaces of one municipality: 100,000.
pub const MAX_WORKPLACES: u32 = 100_000;

/// Most municipalities in one group: 1,000. The largest Dutch collaborations have about 30
/// members and the Netherlands has 342 municipalities, so a country-wide comparison fits with
/// room to spare; the group evaluation is linear in the member count (see the README's scale
/// table), and so is an allocation over this many participants.
pub const MAX_MEMBERS: usize = 1_000;

/// Most FTE saved by one efficiency benefit: 10,000.
pub const MAX_FTE: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Largest usage on an allocation key or a tier bound (units of use): 100,000,000. Also the
/// largest catalogue `reference_usage`.
pub const MAX_USAGE: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Longest depreciation period, years: 50.
pub const MAX_DEPRECIATION_YEARS: u32 = 50;

/// Largest risk multiplier (cost or benefit): 10.
pub const MAX_MULTIPLIER: Decimal = Decimal::TEN;

/// Longest delay in the risk bands, months: 120.
pub const MAX_DELAY_MONTHS: u32 = 120;

/// Largest yearly growth of a cost line, percent: 100 (the smallest is above −100).
pub const MAX_GROWTH_PCT: Decimal = Decimal::ONE_HUNDRED;

/// Largest raw weight of a criterion: 1,000,000 (weights are points; the TUI uses 0–10).
/// Weights must also be finite and not negative.
pub const MAX_WEIGHT: f64 = 1_000_000.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_ten_billion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(10_000_000_000u64));
    }

    #[test]
    fn the_worst_yearly_amount_fits_a_decimal_a_million_times() {
        let growth = Decimal::from(2u32.pow(9));
        let worst = MAX_AMOUNT * MAX_MULTIPLIER * growth;
        assert!(worst.checked_mul(Decimal::from(1_000_000)).is_some());
        assert!(MAX_AMOUNT.checked_mul(MAX_USAGE).is_some());
    }
}
