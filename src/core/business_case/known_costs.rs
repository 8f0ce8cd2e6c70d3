//! Known costs and obstacles of the collaboration form (seed 001, "Samenwerkingsvorm van
//! invloed op informatiekundige belemmeringen"), as standard lines with their source: the
//! DigiD ICT assessment per participating municipality, and the obstacles the seed names
//! without a figure (shown, never summed).

use super::scenario::{OneOffCost, OneOffKind, OperatingCost, OperatingKind};
use crate::core::catalogue::Citation;
pub use crate::core::catalogue::CollaborationForm;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// Whether a known cost falls once or every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Once, in the year the collaboration starts.
    OneOff,
    /// Every year of the horizon from the start year.
    Yearly,
}

/// A low / expected / high amount in EUR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountRange {
    /// Low end.
    pub low: Decimal,
    /// Expected (the midpoint when the source gives only a range).
    pub expected: Decimal,
    /// High end.
    pub high: Decimal,
}

impl AmountRange {
    fn times(self, n: u32) -> Self {
        let n = Decimal::from(n);
        Self {
            low: self.low * n,
            expected: self.expected * n,
            high: self.high * n,
        }
    }
}

/// A standard line for a collaboration form: a cost with an amount, or an obstacle the
/// source names without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownCost {
    /// Stable snake_case id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// Once or yearly.
    pub recurrence: Recurrence,
    /// Amount per participating municipality, when the source gives one.
    pub per_participant: Option<AmountRange>,
    /// Amount for all participants together (per occurrence), when known.
    pub total: Option<AmountRange>,
    /// Where it comes from: catalogue source ids and sections, for a view to cite.
    pub source: Vec<Citation>,
    /// How to read it in the business case.
    pub note: String,
}

impl KnownCost {
    /// The line as a yearly operating cost of the expected total from `first_year` on
    /// (`None` for obstacles without an amount or one-off lines).
    pub fn to_operating_cost(&self, first_year: u32) -> Option<OperatingCost> {
        match (self.recurrence, self.total) {
            (Recurrence::Yearly, Some(total)) => Some(OperatingCost {
                kind: OperatingKind::Other,
                label: self.label.clone(),
                amount: total.expected,
                first_year,
                last_year: None,
                growth_pct: Decimal::ZERO,
                basis: None,
                same_as_baseline: false,
            }),
            _ => None,
        }
    }

    /// The line as a one-off cost of the expected total in `year` (`None` for obstacles
    /// without an amount or yearly lines).
    pub fn to_one_off(&self, year: u32) -> Option<OneOffCost> {
        match (self.recurrence, self.total) {
            (Recurrence::OneOff, Some(total)) => Some(OneOffCost {
                kind: OneOffKind::CollaborationForm,
                label: self.label.clone(),
                year,
                amount: total.expected,
                source: None,
                citations: self.source.clone(),
            }),
            _ => None,
        }
    }
}

/// The catalogue source of the obstacles: KING's 2015 impact analysis.
const OBSTACLES: &str = "king_obstacles";

/// The standard lines for a collaboration form with `participants` municipalities.
///
/// DigiD ICT assessment — seed 001 §3.2 "DigiD audits per gemeente(lijke aansluiting)":
/// "Logius wil per deelnemende gemeente aan een samenwerkingsverband een DigiD audit(trail)
/// doen. [...] al snel 10-15k euro per gemeente. Ook al maakt men in de samenwerking gebruik
/// van een gezamenlijke aansluiting DigiD". It applies to every form. It is **yearly**, not
/// one-off: the DigiD ICT assessment is done every year per DigiD connection (Logius,
/// Normenkader DigiD; submitted 1 January–1 May, catalogue source `digid`). The
/// expected amount is the midpoint 12,500 of the seed's 10–15k range (our choice, not the
/// seed's). Read it as the saving that does NOT come: a shared DigiD connection does not save
/// the per-municipality assessment, so keep the same line in the baseline if the measurement
/// does not already hold it.
///
/// The obstacles without a figure (seed 001 §3.2 and §3.3) are returned with no amount, so
/// they can be listed beside the table.
pub fn known_collaboration_costs(form: CollaborationForm, participants: u32) -> Vec<KnownCost> {
    let digid = AmountRange {
        low: dec!(10000),
        expected: dec!(12500),
        high: dec!(15000),
    };
    let mut lines = vec![KnownCost {
        id: "digid_assessment".into(),
        label: "DigiD ICT assessment per participating municipality".into(),
        recurrence: Recurrence::Yearly,
        per_participant: Some(digid),
        total: Some(digid.times(participants)),
        source: vec![Citation::new(OBSTACLES, "§3.2"), Citation::new("digid", "")],
        note: "Not saved by a shared DigiD connection: Logius assesses per municipality. The source gives 10–15k per municipality; the expected 12,500 is wolkwijzer's midpoint (an assumption).".into(),
    }];
    if form != CollaborationForm::PublicBody {
        lines.push(obstacle(
            "no_shared_oin",
            "No shared OIN: per-municipality workarounds (mail aliases, double GBA environments, eHerkenning set up per municipality on the broker)",
            "§3.2",
        ));
    }
    if form == CollaborationForm::PrivateLaw {
        lines.push(obstacle(
            "no_gemnet_access",
            "No Gemnet access for a private collaboration; GGK portal needs internet access and extra security measures",
            "§3.2",
        ));
    }
    if form == CollaborationForm::PublicBody {
        lines.push(obstacle(
            "gba_v_only",
            "A public body may query only the national GBA-V, not the local GBA",
            "§3.2",
        ));
    }
    lines.push(obstacle(
        "licences_per_municipality",
        "Licences priced per inhabitant or per processor per municipality: merging databases can cost more, installations stay side by side",
        "§3.3",
    ));
    lines
}

fn obstacle(id: &str, label: &str, section: &str) -> KnownCost {
    KnownCost {
        id: id.into(),
        label: label.into(),
        recurrence: Recurrence::Yearly,
        per_participant: None,
        total: None,
        source: vec![Citation::new(OBSTACLES, section)],
        note: "Named by the source without an amount: list it, do not sum it.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digid_is_yearly_per_participant_with_source() {
        let lines = known_collaboration_costs(CollaborationForm::HostMunicipality, 4);
        let digid = &lines[0];
        assert_eq!(digid.recurrence, Recurrence::Yearly);
        // 4 × 10,000 / 12,500 / 15,000
        assert_eq!(
            digid.total,
            Some(AmountRange {
                low: dec!(40000),
                expected: dec!(50000),
                high: dec!(60000)
            })
        );
        assert_eq!(digid.source[0], Citation::new("king_obstacles", "§3.2"));
        let op = digid.to_operating_cost(2).unwrap();
        assert_eq!(op.amount, dec!(50000));
        assert_eq!(op.first_year, 2);
        assert!(digid.to_one_off(1).is_none());
    }

    #[test]
    fn one_off_line_becomes_a_one_off_cost_with_source() {
        let line = KnownCost {
            recurrence: Recurrence::OneOff,
            ..known_collaboration_costs(CollaborationForm::PublicBody, 2).remove(0)
        };
        let cost = line.to_one_off(1).unwrap();
        assert_eq!(cost.amount, dec!(25000));
        assert_eq!(cost.kind, OneOffKind::CollaborationForm);
        assert_eq!(cost.citations, line.source);
        assert!(line.to_operating_cost(1).is_none());
    }

    #[test]
    fn obstacles_depend_on_the_form() {
        let ids = |f| -> Vec<String> {
            known_collaboration_costs(f, 3)
                .into_iter()
                .map(|l| l.id)
                .collect()
        };
        assert!(ids(CollaborationForm::PrivateLaw).contains(&"no_gemnet_access".to_string()));
        assert!(!ids(CollaborationForm::PublicBody).contains(&"no_shared_oin".to_string()));
        assert!(ids(CollaborationForm::PublicBody).contains(&"gba_v_only".to_string()));
        let obstacles = known_collaboration_costs(CollaborationForm::Covenant, 3);
        assert!(obstacles[1..].iter().all(|l| l.total.is_none()));
        assert!(obstacles[1].to_operating_cost(1).is_none());
    }
}
