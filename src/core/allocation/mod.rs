//! Cost allocation (verrekening, seed 003 §2.7 and Bijlage 3) of an SSC's or host
//! municipality's yearly costs among the participants of a starter group: allocation keys
//! (workplace, account, inhabitant, service use), tariff models (fixed, tiered, variable,
//! composite), exact splitting to the cent, cost predictability, and the group business case
//! with each participant's own case.
//!
//! How a tariff allocates: each participant's usage on the key gives a charge at the list
//! prices of the tariff; the provider's actual yearly cost is then split in proportion to these
//! list charges (a cost-covering tariff: "Geeft voldoende dekking aan de share"), with the
//! exact rounding of [`rounding`](crate::core::allocation::rounding). The difference between the cost and the sum of list charges
//! is reported, since the seed asks for rules on "overschotten/tekorten".

pub mod error;
pub mod group;
pub mod predictability;
pub mod rounding;
pub mod tariff;

pub use error::AllocationError;
pub use group::{GroupCase, GroupInput, ParticipantCase, ParticipantOutcome, evaluate_group};
pub use predictability::{CostBand, cost_band};
pub use rounding::split_exact;
pub use tariff::{TariffModel, Tier};

use crate::core::bounds::MAX_USAGE;
use crate::core::business_case::Location;
use crate::core::business_case::error::within;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a participant's usage is counted in (seed 003 §2.7).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationKey {
    /// Per werkplek: "lijkt een favoriet model te zijn".
    Workplaces,
    /// Per account (abonnement), the move away from the workplace price.
    Accounts,
    /// Per inwoner (e.g. Drechtsteden's regional innovation contribution).
    Inhabitants,
    /// Per dienst: units of use of one named service.
    ServiceUse(String),
}

/// A municipality in the starter group with its counts on every key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Short unique id (snake_case), used to reference the participant.
    pub id: String,
    /// Name shown to the room.
    pub name: String,
    /// Number of workplaces.
    #[serde(default)]
    pub workplaces: Decimal,
    /// Number of accounts.
    #[serde(default)]
    pub accounts: Decimal,
    /// Number of inhabitants.
    #[serde(default)]
    pub inhabitants: Decimal,
    /// Units of use per service; a service not listed counts as 0.
    #[serde(default)]
    pub service_use: BTreeMap<String, Decimal>,
}

impl Participant {
    /// The participant's usage on `key`.
    pub fn usage(&self, key: &AllocationKey) -> Decimal {
        match key {
            AllocationKey::Workplaces => self.workplaces,
            AllocationKey::Accounts => self.accounts,
            AllocationKey::Inhabitants => self.inhabitants,
            AllocationKey::ServiceUse(s) => {
                self.service_use.get(s).copied().unwrap_or(Decimal::ZERO)
            }
        }
    }

    fn validate(&self, path: &str) -> Result<(), AllocationError> {
        let at = |f: &str| Location::item(format!("{path}.{f}"), &self.id);
        within(self.workplaces, MAX_USAGE, || at("workplaces"))?;
        within(self.accounts, MAX_USAGE, || at("accounts"))?;
        within(self.inhabitants, MAX_USAGE, || at("inhabitants"))?;
        for (service, units) in &self.service_use {
            within(*units, MAX_USAGE, || at(&format!("service_use.{service}")))?;
        }
        Ok(())
    }
}

/// The agreed way of charging: a key and a tariff model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationRule {
    /// What usage is counted in.
    pub key: AllocationKey,
    /// How usage becomes a charge.
    pub tariff: TariffModel,
}

/// One participant's part of an allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationLine {
    /// Participant id.
    pub participant: String,
    /// Its usage on the key.
    pub usage: Decimal,
    /// Its charge at list prices (the weight of the split).
    pub list_charge: Decimal,
    /// Its share of the actual cost, in cents: the bill.
    pub share: Decimal,
}

/// An allocated yearly cost. The shares add up to `total` exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// The cost allocated, EUR (whole cents).
    pub total: Decimal,
    /// One line per participant, in input order.
    pub lines: Vec<AllocationLine>,
    /// Sum of the list charges.
    pub list_total: Decimal,
    /// `total − list_total`: positive when list prices would leave a deficit (tekort) at the
    /// provider, negative for a surplus (overschot).
    pub coverage_difference: Decimal,
}

/// Checks that participant ids are unique and counts are not negative.
pub fn validate_participants(
    participants: &[Participant],
    path: &str,
) -> Result<(), AllocationError> {
    if participants.is_empty() {
        return Err(AllocationError::NoParticipants {
            at: Location::new(path),
        });
    }
    for (i, p) in participants.iter().enumerate() {
        p.validate(&format!("{path}[{i}]"))?;
        if participants[..i].iter().any(|q| q.id == p.id) {
            return Err(AllocationError::DuplicateParticipant {
                at: Location::new(format!("{path}[{i}].id")),
                id: p.id.clone(),
            });
        }
    }
    Ok(())
}

/// Allocates `total` (whole cents, ≥ 0) among `participants` by `rule`: validates the rule and
/// the participants, computes list charges and splits the total in proportion to them.
pub fn allocate(
    total: Decimal,
    participants: &[Participant],
    rule: &AllocationRule,
) -> Result<Allocation, AllocationError> {
    validate_participants(participants, "participants")?;
    rule.tariff.validate("rule.tariff")?;
    allocate_validated(total, participants, rule, &Location::new("rule"))
}

pub(crate) fn allocate_validated(
    total: Decimal,
    participants: &[Participant],
    rule: &AllocationRule,
    at: &Location,
) -> Result<Allocation, AllocationError> {
    let usages: Vec<Decimal> = participants.iter().map(|p| p.usage(&rule.key)).collect();
    let charges: Vec<Decimal> = usages
        .iter()
        .map(|u| rule.tariff.charge(*u))
        .collect::<Result<_, _>>()?;
    let shares = split_exact(total, &charges, at)?;
    let too_large = || AllocationError::TooLarge { at: at.clone() };
    let list_total = charges
        .iter()
        .try_fold(Decimal::ZERO, |t, c| t.checked_add(*c))
        .ok_or_else(too_large)?;
    let coverage_difference = total.checked_sub(list_total).ok_or_else(too_large)?;
    let lines = participants
        .iter()
        .zip(usages)
        .zip(charges)
        .zip(shares)
        .map(|(((p, usage), list_charge), share)| AllocationLine {
            participant: p.id.clone(),
            usage,
            list_charge,
            share,
        })
        .collect();
    Ok(Allocation {
        total,
        lines,
        list_total,
        coverage_difference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn p(id: &str, workplaces: Decimal) -> Participant {
        Participant {
            id: id.into(),
            name: id.to_uppercase(),
            workplaces,
            accounts: Decimal::ZERO,
            inhabitants: Decimal::ZERO,
            service_use: BTreeMap::new(),
        }
    }

    #[test]
    fn fixed_tariff_splits_equally_to_the_cent() {
        // Hand computation: 100,000.00 among 3 with a fixed tariff (list 20,000 each):
        // quota 33,333.333… each; floors 33,333.33 × 3 = 99,999.99; 1 cent left, equal
        // remainders → to the first in input order: 33,333.34 / 33,333.33 / 33,333.33.
        let rule = AllocationRule {
            key: AllocationKey::Workplaces,
            tariff: TariffModel::Fixed {
                amount: dec!(20000),
            },
        };
        let a = allocate(
            dec!(100000.00),
            &[p("a", dec!(100)), p("b", dec!(250)), p("c", dec!(50))],
            &rule,
        )
        .unwrap();
        let shares: Vec<_> = a.lines.iter().map(|l| l.share).collect();
        assert_eq!(shares, vec![dec!(33333.34), dec!(33333.33), dec!(33333.33)]);
        assert_eq!(a.list_total, dec!(60000));
        assert_eq!(a.coverage_difference, dec!(40000.00));
    }

    #[test]
    fn variable_tariff_splits_by_workplaces() {
        // Hand computation: 90,000.00 by workplaces 100 / 250 / 50 (total 400):
        // 90,000 × 100/400 = 22,500.00; × 250/400 = 56,250.00; × 50/400 = 11,250.00.
        let rule = AllocationRule {
            key: AllocationKey::Workplaces,
            tariff: TariffModel::Variable {
                unit_price: dec!(250),
            },
        };
        let a = allocate(
            dec!(90000),
            &[p("a", dec!(100)), p("b", dec!(250)), p("c", dec!(50))],
            &rule,
        )
        .unwrap();
        let shares: Vec<_> = a.lines.iter().map(|l| l.share).collect();
        assert_eq!(shares, vec![dec!(22500.00), dec!(56250.00), dec!(11250.00)]);
        // List: 250 × 400 = 100,000 → a surplus of 10,000 at list prices.
        assert_eq!(a.coverage_difference, dec!(-10000));
    }

    #[test]
    fn service_use_missing_counts_as_zero() {
        let mut a = p("a", dec!(1));
        a.service_use.insert("zaaksysteem".into(), dec!(30));
        let b = p("b", dec!(1));
        let rule = AllocationRule {
            key: AllocationKey::ServiceUse("zaaksysteem".into()),
            tariff: TariffModel::Variable {
                unit_price: dec!(1),
            },
        };
        let al = allocate(dec!(10), &[a, b], &rule).unwrap();
        assert_eq!(al.lines[1].usage, dec!(0));
        assert_eq!(al.lines[0].share, dec!(10));
    }

    #[test]
    fn duplicate_participant_is_an_error() {
        let rule = AllocationRule {
            key: AllocationKey::Workplaces,
            tariff: TariffModel::Fixed { amount: dec!(1) },
        };
        assert_eq!(
            allocate(dec!(1), &[p("a", dec!(1)), p("a", dec!(2))], &rule)
                .unwrap_err()
                .to_string(),
            "participants[1].id: participant 'a' is listed more than once"
        );
    }

    #[test]
    fn negative_usage_is_an_error() {
        let rule = AllocationRule {
            key: AllocationKey::Workplaces,
            tariff: TariffModel::Fixed { amount: dec!(1) },
        };
        assert_eq!(
            allocate(dec!(1), &[p("a", dec!(-3))], &rule)
                .unwrap_err()
                .to_string(),
            "participants[0].workplaces ('a'): must not be negative, got -3"
        );
    }

    #[test]
    fn empty_group_is_an_error() {
        let rule = AllocationRule {
            key: AllocationKey::Accounts,
            tariff: TariffModel::Fixed { amount: dec!(1) },
        };
        assert_eq!(
            allocate(dec!(1), &[], &rule).unwrap_err().to_string(),
            "participants: the starter group has no participants"
        );
    }
}
