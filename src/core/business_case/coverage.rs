//! Does the business case cost out what the evaluation recommends? A room that reads "the
//! note recommends X" above a business case for Y must be told so plainly. This module
//! compares the recommended candidate(s) of the ranking with the candidates the business
//! case's scenarios are tied to and returns the answer as data ([`Coverage`]); a view turns
//! the reason into words.

use serde::{Deserialize, Serialize};

use super::setup::ScenarioSetup;
use crate::core::catalogue::CandidateKey;

/// Whether the business case covers the recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Coverage {
    /// At least one scenario costs out a recommended candidate.
    Covered {
        /// The recommended candidate that is costed out.
        recommended: CandidateKey,
        /// The indices of the scenarios tied to it, in the setup's order.
        scenarios: Vec<usize>,
    },
    /// No scenario costs out a recommended candidate.
    NotCovered {
        /// Why not.
        reason: Uncovered,
    },
}

/// Why a business case does not cover the recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Uncovered {
    /// The evaluation recommends nothing (every candidate is excluded).
    NoRecommendation,
    /// The business case has no scenarios.
    NoScenarios,
    /// A scenario costs out the recommended placement option, but with another service model
    /// or deployment: the order of magnitude may hold, the lines do not follow the
    /// recommendation.
    SameOptionOtherVariant {
        /// The first recommended candidate.
        recommended: CandidateKey,
        /// The candidates of the scenarios with the same placement option.
        compared: Vec<CandidateKey>,
    },
    /// The scenarios cost out other placement options altogether.
    OtherCandidates {
        /// The first recommended candidate.
        recommended: CandidateKey,
        /// The candidates the scenarios cost out, in the setup's order, without repeats.
        compared: Vec<CandidateKey>,
    },
}

impl Coverage {
    /// True when a scenario costs out a recommended candidate.
    pub fn is_covered(&self) -> bool {
        matches!(self, Coverage::Covered { .. })
    }
}

/// The candidates sharing the first rank of a ranking, in order (empty when none is
/// admissible): what the evaluation recommends.
pub fn leaders(ranking: &[crate::core::scoring::Ranked]) -> Vec<CandidateKey> {
    let Some(first) = ranking.first().map(|r| r.rank) else {
        return vec![];
    };
    ranking
        .iter()
        .filter(|r| r.rank == first)
        .map(|r| r.key)
        .collect()
}

/// Compares `recommended` (the leading candidates of the evaluation, in rank order; more than
/// one when they share the first rank, empty when none is admissible) with the candidates of
/// `scenarios`.
pub fn coverage(recommended: &[CandidateKey], scenarios: &[ScenarioSetup]) -> Coverage {
    let Some(first) = recommended.first().copied() else {
        return Coverage::NotCovered {
            reason: Uncovered::NoRecommendation,
        };
    };
    if scenarios.is_empty() {
        return Coverage::NotCovered {
            reason: Uncovered::NoScenarios,
        };
    }
    for key in recommended {
        let hits: Vec<usize> = scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| s.candidate == *key)
            .map(|(i, _)| i)
            .collect();
        if !hits.is_empty() {
            return Coverage::Covered {
                recommended: *key,
                scenarios: hits,
            };
        }
    }
    let mut compared: Vec<CandidateKey> = Vec::new();
    for s in scenarios {
        if !compared.contains(&s.candidate) {
            compared.push(s.candidate);
        }
    }
    let same_option: Vec<CandidateKey> = compared
        .iter()
        .copied()
        .filter(|k| recommended.iter().any(|r| r.option == k.option))
        .collect();
    let reason = if same_option.is_empty() {
        Uncovered::OtherCandidates {
            recommended: first,
            compared,
        }
    } else {
        Uncovered::SameOptionOtherVariant {
            recommended: first,
            compared: same_option,
        }
    };
    Coverage::NotCovered { reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::business_case::{LocalPlan, RiskInput, Scenario, ScenarioKind, ScenarioPlan};
    use crate::core::catalogue::{Deployment, PlacementOption, ServiceModel};

    fn key(option: PlacementOption, model: ServiceModel, deployment: Deployment) -> CandidateKey {
        CandidateKey {
            option,
            service_model: model,
            deployment,
        }
    }

    fn scenario(candidate: CandidateKey) -> ScenarioSetup {
        ScenarioSetup {
            label: candidate.id(),
            kind: ScenarioKind::CostReduction,
            candidate,
            form: None,
            start_year: 1,
            risk: RiskInput::default(),
            vat: None,
            plan: ScenarioPlan::Single(LocalPlan {
                scenario: Scenario::new(ScenarioKind::CostReduction, "x"),
                levels: None,
            }),
        }
    }

    fn ssc_saas() -> CandidateKey {
        key(
            PlacementOption::Ssc,
            ServiceModel::Saas,
            Deployment::Community,
        )
    }

    fn ssc_iaas() -> CandidateKey {
        key(
            PlacementOption::Ssc,
            ServiceModel::Iaas,
            Deployment::Community,
        )
    }

    fn host() -> CandidateKey {
        key(
            PlacementOption::Host,
            ServiceModel::Iaas,
            Deployment::Community,
        )
    }

    #[test]
    fn a_scenario_for_the_recommended_candidate_covers_it() {
        let c = coverage(&[ssc_saas()], &[scenario(host()), scenario(ssc_saas())]);
        assert_eq!(
            c,
            Coverage::Covered {
                recommended: ssc_saas(),
                scenarios: vec![1]
            }
        );
        assert!(c.is_covered());
    }

    #[test]
    fn a_tie_is_covered_by_any_candidate_sharing_the_first_rank() {
        let c = coverage(&[ssc_saas(), host()], &[scenario(host())]);
        assert_eq!(
            c,
            Coverage::Covered {
                recommended: host(),
                scenarios: vec![0]
            }
        );
    }

    #[test]
    fn the_same_option_in_another_variant_is_named_as_such() {
        let c = coverage(&[ssc_saas()], &[scenario(host()), scenario(ssc_iaas())]);
        assert_eq!(
            c,
            Coverage::NotCovered {
                reason: Uncovered::SameOptionOtherVariant {
                    recommended: ssc_saas(),
                    compared: vec![ssc_iaas()]
                }
            }
        );
    }

    #[test]
    fn other_candidates_are_listed_once_each() {
        let c = coverage(&[ssc_saas()], &[scenario(host()), scenario(host())]);
        assert_eq!(
            c,
            Coverage::NotCovered {
                reason: Uncovered::OtherCandidates {
                    recommended: ssc_saas(),
                    compared: vec![host()]
                }
            }
        );
    }

    #[test]
    fn no_recommendation_and_no_scenarios_are_their_own_reasons() {
        assert_eq!(
            coverage(&[], &[scenario(host())]),
            Coverage::NotCovered {
                reason: Uncovered::NoRecommendation
            }
        );
        assert_eq!(
            coverage(&[host()], &[]),
            Coverage::NotCovered {
                reason: Uncovered::NoScenarios
            }
        );
    }
}
