//! The baseline measurement (nulmeting) of one municipality: its yearly ICT cost in the seven
//! TCO categories of seed 003 (Bijlage 2, Kostenmodel), plus the implicit costs made explicit
//! (effect A, §2.6.1) as a separate line, so the "schrikeffect" stays visible.

use super::error::{Location, Result, checked_sum, within};
use super::scenario::{OperatingCost, OperatingKind};
use crate::core::bounds::MAX_AMOUNT;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The seven TCO categories of the KING cost model (seed 003, Bijlage 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TcoCategory {
    /// ICT-werkplek: workplaces (devices, office software, printing).
    IctWorkplace,
    /// Software (diensten): applications and software services.
    Software,
    /// Datacommunicatie: networks, lines, fibre.
    DataCommunication,
    /// Spraakcommunicatie: telephony.
    VoiceCommunication,
    /// Personele inzet: ICT staff.
    Personnel,
    /// Servers en storage.
    ServersStorage,
    /// Faciliteiten: computer rooms, housing, energy.
    Facilities,
}

impl TcoCategory {
    /// All seven categories, in the order of the seed's figure.
    pub const ALL: [TcoCategory; 7] = [
        TcoCategory::IctWorkplace,
        TcoCategory::Software,
        TcoCategory::DataCommunication,
        TcoCategory::VoiceCommunication,
        TcoCategory::Personnel,
        TcoCategory::ServersStorage,
        TcoCategory::Facilities,
    ];

    /// The snake_case id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            TcoCategory::IctWorkplace => "ict_workplace",
            TcoCategory::Software => "software",
            TcoCategory::DataCommunication => "data_communication",
            TcoCategory::VoiceCommunication => "voice_communication",
            TcoCategory::Personnel => "personnel",
            TcoCategory::ServersStorage => "servers_storage",
            TcoCategory::Facilities => "facilities",
        }
    }
}

/// Yearly cost per TCO category in EUR (all ≥ 0).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TcoCosts {
    /// ICT-werkplek.
    pub ict_workplace: Decimal,
    /// Software (diensten).
    pub software: Decimal,
    /// Datacommunicatie.
    pub data_communication: Decimal,
    /// Spraakcommunicatie.
    pub voice_communication: Decimal,
    /// Personele inzet.
    pub personnel: Decimal,
    /// Servers en storage.
    pub servers_storage: Decimal,
    /// Faciliteiten.
    pub facilities: Decimal,
}

impl TcoCosts {
    /// The amount of one category.
    pub fn get(&self, category: TcoCategory) -> Decimal {
        match category {
            TcoCategory::IctWorkplace => self.ict_workplace,
            TcoCategory::Software => self.software,
            TcoCategory::DataCommunication => self.data_communication,
            TcoCategory::VoiceCommunication => self.voice_communication,
            TcoCategory::Personnel => self.personnel,
            TcoCategory::ServersStorage => self.servers_storage,
            TcoCategory::Facilities => self.facilities,
        }
    }

    /// Sum of the seven categories. Exact for validated input (each at most
    /// `core::bounds::MAX_AMOUNT`); unchecked input saturates instead of panicking.
    pub fn total(&self) -> Decimal {
        TcoCategory::ALL
            .iter()
            .fold(Decimal::ZERO, |t, c| t.saturating_add(self.get(*c)))
    }
}

/// The causes of implicit ICT costs named in seed 003 §2.6.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplicitCostKind {
    /// "Via projectbudgetten financieren van IT middelen".
    ProjectBudgets,
    /// "Functioneel beheer van applicaties als niet zichtbare taak in een afdeling".
    FunctionalManagement,
    /// "Langer gebruik van IT middelen dan de economische levensduur aangeeft".
    BeyondEconomicLife,
    /// "Onzichtbare managementkosten in de gemeentelijke overhead".
    HiddenManagement,
    /// "Opleidingskosten van IT'ers als onderdeel van het Personeelsbudget".
    TrainingInHrBudget,
    /// Any other implicit cost the municipality finds.
    Other,
}

/// One implicit cost made explicit (effect A), with its own label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplicitCost {
    /// Which cause of seed 003 §2.6.1 it is.
    pub kind: ImplicitCostKind,
    /// What it is, in the municipality's words.
    pub label: String,
    /// EUR per year (≥ 0).
    pub amount: Decimal,
}

/// Nulmeting: the measured yearly ICT cost of one municipality before any collaboration.
///
/// Seed 003 §2.6.1: "Een nulmeting bij alle deelnemers aan een voorgenomen samenwerking is
/// noodzakelijk om alle IT gerelateerde kosten in beeld te krijgen. Het inzicht van een
/// nulmeting levert een ander kostenbesef op dan blijkt uit de kostenadministratie; echter
/// verhoogt de kosten niet." The implicit costs are therefore kept apart from the seven visible
/// categories: they do not raise the cost, they raise the reference point.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineMeasurement {
    /// The municipality measured.
    pub municipality: String,
    /// Yearly cost per TCO category, as visible in the administration.
    pub tco: TcoCosts,
    /// Implicit costs made explicit (effect A), each with a label.
    #[serde(default)]
    pub implicit: Vec<ImplicitCost>,
    /// Set when the software line is the application portfolio's yearly cost (issue 16,
    /// profile `software = "portfolio"`); `None` when the profile gives the amount.
    #[serde(default)]
    pub software_from: Option<SoftwareFromPortfolio>,
}

/// Where the software line of a nulmeting came from when the profile takes it from the
/// application portfolio: the sum of the yearly costs of its applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareFromPortfolio {
    /// The portfolio file as the profile names it.
    pub file: String,
    /// How many applications' yearly costs make up the line.
    pub applications: usize,
}

/// Label used for the single operating line that carries effect A.
pub const IMPLICIT_LINE_LABEL: &str = "implicit costs made explicit (A)";

impl BaselineMeasurement {
    /// Checks that no amount is negative; `path` is where this measurement sits in the input.
    pub fn validate(&self, path: &str) -> Result<()> {
        for category in TcoCategory::ALL {
            within(self.tco.get(category), MAX_AMOUNT, || {
                Location::item(format!("{path}.tco.{}", category.id()), &self.municipality)
            })?;
        }
        for (i, cost) in self.implicit.iter().enumerate() {
            within(cost.amount, MAX_AMOUNT, || {
                Location::item(format!("{path}.implicit[{i}].amount"), &cost.label)
            })?;
        }
        let at = || Location::item(format!("{path}.implicit"), &self.municipality);
        let implicit = checked_sum(self.implicit.iter().map(|c| c.amount), at)?;
        within(implicit, MAX_AMOUNT, at)?;
        Ok(())
    }

    /// Takes the software line from an application portfolio: the sum of the applications'
    /// yearly costs (checked; an error when it exceeds `core::bounds::MAX_AMOUNT`), recording
    /// the file and the number of applications so every view can say where it came from.
    pub fn software_from_portfolio(
        &mut self,
        file: &str,
        yearly_costs: &[Decimal],
        path: &str,
    ) -> Result<()> {
        let at = || Location::item(format!("{path}.software"), file);
        let sum = checked_sum(yearly_costs.iter().copied(), at)?;
        within(sum, MAX_AMOUNT, at)?;
        self.tco.software = sum;
        self.software_from = Some(SoftwareFromPortfolio {
            file: file.to_string(),
            applications: yearly_costs.len(),
        });
        Ok(())
    }

    /// Sum of the seven visible categories (what the administration shows).
    pub fn visible_total(&self) -> Decimal {
        self.tco.total()
    }

    /// Sum of the implicit costs made explicit (effect A).
    /// Exact for validated input; unchecked input saturates instead of panicking.
    pub fn implicit_total(&self) -> Decimal {
        self.implicit
            .iter()
            .fold(Decimal::ZERO, |t, c| t.saturating_add(c.amount))
    }

    /// Actual yearly ICT cost: visible plus implicit (saturating, like the parts).
    pub fn total(&self) -> Decimal {
        self.visible_total().saturating_add(self.implicit_total())
    }

    /// The "schrikeffect": implicit costs as a percentage of the visible costs, rounded to two
    /// decimals; `None` when nothing is visible (or the ratio is too large to compute).
    pub fn shock_pct(&self) -> Option<Decimal> {
        let visible = self.visible_total();
        if visible.is_zero() {
            None
        } else {
            // Checked: a ratio too large to compute has no meaningful percentage either.
            self.implicit_total()
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(visible))
                .map(|x| x.round_dp(2))
        }
    }

    /// The measurement as operating cost lines for every year of a scenario: one line per TCO
    /// category and one line for effect A (the sum of the implicit costs). This is how the
    /// baseline scenario ('ongewijzigd beleid') starts; §4 of Bijlage 1: "Merk op dat de
    /// baseline voortborduurt op de inzichten die in de nulmeting zijn verkregen."
    pub fn operating_lines(&self) -> Vec<OperatingCost> {
        let mut lines: Vec<OperatingCost> = TcoCategory::ALL
            .iter()
            .map(|c| OperatingCost::flat(OperatingKind::Tco(*c), c.id(), self.tco.get(*c)))
            .collect();
        lines.push(OperatingCost::flat(
            OperatingKind::Implicit,
            IMPLICIT_LINE_LABEL,
            self.implicit_total(),
        ));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn sample() -> BaselineMeasurement {
        BaselineMeasurement {
            municipality: "Gemeente A".into(),
            tco: TcoCosts {
                ict_workplace: dec!(400000),
                software: dec!(900000),
                data_communication: dec!(150000),
                voice_communication: dec!(80000),
                personnel: dec!(1200000),
                servers_storage: dec!(250000),
                facilities: dec!(20000),
            },
            implicit: vec![
                ImplicitCost {
                    kind: ImplicitCostKind::FunctionalManagement,
                    label: "functioneel beheer in afdelingen".into(),
                    amount: dec!(180000),
                },
                ImplicitCost {
                    kind: ImplicitCostKind::ProjectBudgets,
                    label: "hardware uit projectbudgetten".into(),
                    amount: dec!(60000),
                },
            ],
            software_from: None,
        }
    }

    #[test]
    fn totals_and_shock() {
        let m = sample();
        assert_eq!(m.visible_total(), dec!(3000000));
        assert_eq!(m.implicit_total(), dec!(240000));
        assert_eq!(m.total(), dec!(3240000));
        // 240000 / 3000000 = 8%
        assert_eq!(m.shock_pct(), Some(dec!(8.00)));
        assert_eq!(BaselineMeasurement::default().shock_pct(), None);
    }

    #[test]
    fn operating_lines_keep_implicit_separate() {
        let lines = sample().operating_lines();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[4].label, "personnel");
        assert_eq!(lines[7].kind, OperatingKind::Implicit);
        assert_eq!(lines[7].amount, dec!(240000));
    }

    #[test]
    fn negative_category_is_an_error() {
        let mut m = sample();
        m.tco.software = dec!(-1);
        assert_eq!(
            m.validate("baseline_measurement").unwrap_err().to_string(),
            "baseline_measurement.tco.software ('Gemeente A'): must not be negative, got -1"
        );
    }

    #[test]
    fn negative_implicit_cost_is_an_error() {
        let mut m = sample();
        m.implicit[1].amount = dec!(-5);
        assert_eq!(
            m.validate("m").unwrap_err().to_string(),
            "m.implicit[1].amount ('hardware uit projectbudgetten'): must not be negative, got -5"
        );
    }

    #[test]
    fn the_software_line_can_come_from_the_portfolio() {
        let mut m = sample();
        let costs = [dec!(1000.50), dec!(250), dec!(0)];
        m.software_from_portfolio("apps.csv", &costs, "m").unwrap();
        assert_eq!(m.tco.software, dec!(1250.50));
        assert_eq!(
            m.software_from,
            Some(SoftwareFromPortfolio {
                file: "apps.csv".into(),
                applications: 3
            })
        );
        // Too large a sum is a located error, never a panic or a silent cap.
        let before = m.clone();
        let e = m
            .software_from_portfolio("apps.csv", &[MAX_AMOUNT, dec!(1)], "m")
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.software"), "{e}");
        assert_eq!(m, before, "nothing half-taken");
    }
}
