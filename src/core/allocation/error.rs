//! Validation errors of cost allocation (verrekening): tier tables with gaps or overlaps,
//! unknown or duplicate participants, amounts that cannot be split to the cent. Every variant
//! names the field path so the profile parser can add file:line:col.

use crate::core::business_case::{BusinessCaseError, Location};
use rust_decimal::Decimal;
use thiserror::Error;

/// Everything that can be wrong with an allocation or a group business case.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AllocationError {
    /// A problem in a business case part (amounts, years, horizon, risk ranges).
    #[error(transparent)]
    BusinessCase(#[from] BusinessCaseError),
    /// A tariff with no tiers.
    #[error("{at}: a tiered tariff needs at least one tier")]
    TierTableEmpty {
        /// The tier table.
        at: Location,
    },
    /// A tier whose `to` is not above its `from`.
    #[error("{at}: 'to' ({to}) must be greater than 'from' ({from})")]
    EmptyTier {
        /// The tier.
        at: Location,
        /// Its start.
        from: Decimal,
        /// Its end.
        to: Decimal,
    },
    /// The lowest tier does not start at usage 0.
    #[error(
        "{at}: gap before tiers[{first}]: usage 0 up to {from} has no price (the lowest tier must start at 0)"
    )]
    TierGapAtStart {
        /// The tier table.
        at: Location,
        /// Index of the lowest tier.
        first: usize,
        /// Where it starts.
        from: Decimal,
    },
    /// Two tiers that leave usage between them without a price.
    #[error(
        "{at}: gap between tiers[{before}] and tiers[{after}]: usage {from} up to {to} has no price"
    )]
    TierGap {
        /// The tier table.
        at: Location,
        /// Index of the lower tier.
        before: usize,
        /// Index of the higher tier.
        after: usize,
        /// End of the lower tier.
        from: Decimal,
        /// Start of the higher tier.
        to: Decimal,
    },
    /// Two tiers that both price some usage.
    #[error("{at}: tiers[{before}] and tiers[{after}] overlap from usage {from} ({until})")]
    TierOverlap {
        /// The tier table.
        at: Location,
        /// Index of the lower tier.
        before: usize,
        /// Index of the higher tier.
        after: usize,
        /// Where the overlap starts.
        from: Decimal,
        /// Where it ends, in words ("up to 500" or "without end").
        until: String,
    },
    /// The highest tier has an end, so usage above it has no price.
    #[error("{at}: the highest tier must be open-ended (no 'to'): usage from {to} up has no price")]
    TierTableClosed {
        /// The highest tier.
        at: Location,
        /// Its end.
        to: Decimal,
    },
    /// A participant id used twice.
    #[error("{at}: participant '{id}' is listed more than once")]
    DuplicateParticipant {
        /// The second occurrence.
        at: Location,
        /// The id.
        id: String,
    },
    /// A reference to a participant that is not in the starter group.
    #[error("{at}: unknown participant '{id}' (known: {known})")]
    UnknownParticipant {
        /// The reference.
        at: Location,
        /// The id used.
        id: String,
        /// The ids that exist, comma-separated.
        known: String,
    },
    /// A participant of the group without a business case of its own.
    #[error("{at}: participant '{id}' has no case (measurement, baseline, scenario)")]
    MissingCase {
        /// The participant list.
        at: Location,
        /// The participant without a case.
        id: String,
    },
    /// A group with no participants.
    #[error("{at}: the starter group has no participants")]
    NoParticipants {
        /// The participant list.
        at: Location,
    },
    /// A total to allocate that is negative or has fractions of a cent.
    #[error("{at}: the amount to allocate must be whole cents and not negative, got {value}")]
    TotalNotInCents {
        /// The total.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// A positive total but every participant's weight (usage or list charge) is zero.
    #[error("{at}: cannot allocate {total}: every participant's usage or list charge is zero")]
    NoAllocationBasis {
        /// The allocation rule.
        at: Location,
        /// The total to allocate.
        total: Decimal,
    },
    /// Numbers too large to allocate exactly.
    #[error("{at}: amounts too large to allocate exactly")]
    TooLarge {
        /// The allocation rule.
        at: Location,
    },
    /// A usage uncertainty outside 0–100 percent.
    #[error("{at}: usage uncertainty must be between 0 and 100 percent, got {value}")]
    UncertaintyOutOfRange {
        /// The field.
        at: Location,
        /// The value given.
        value: Decimal,
    },
    /// The provider (SSC or host) scenario carries benefits.
    #[error(
        "{at}: the provider's scenario must not carry benefits; benefits land at the participants (KING, De baten als ballast, §2.8), put them in their cases"
    )]
    ProviderHasBenefits {
        /// The provider's benefits.
        at: Location,
    },
}

/// Shorthand for results of this module.
pub type Result<T> = std::result::Result<T, AllocationError>;
