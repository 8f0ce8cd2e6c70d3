//! Weight elicitation: from what the room says to one normalised weight vector.
//!
//! This file owns direct points, swing weighting, rank-order centroid (ROC) and rank-sum
//! weights, and the serde record of *how* a weight vector was obtained ([`WeightMethod`]).
//! Every method ends in an [`ElicitedWeights`]: weights that sum to 1 plus that record. AHP
//! pairwise comparison lives in [`super::ahp`] and ends in the same type via
//! [`super::ahp::AhpAnalysis::to_elicited`].

use serde::{Deserialize, Serialize};

use super::ahp::AhpDerivation;
use super::{McdaError, normalise};

/// How a weight vector was obtained, with the raw input so that a session can show and redo it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum WeightMethod {
    /// Points per criterion (any non-negative scale), divided by their sum.
    DirectPoints {
        /// The points as given.
        points: Vec<f64>,
    },
    /// Swing weighting: swings ranked, the top swing rated 100, the others relative to it.
    Swing {
        /// Criterion indices from the most valued swing to the least valued.
        order: Vec<usize>,
        /// Rating per criterion (0–100, the top swing 100).
        ratings: Vec<f64>,
    },
    /// Rank-order centroid weights from a plain ranking.
    RankOrderCentroid {
        /// Rank per criterion, 1 = most important; equal numbers are ties.
        ranks: Vec<usize>,
    },
    /// Rank-sum weights from a plain ranking.
    RankSum {
        /// Rank per criterion, 1 = most important; equal numbers are ties.
        ranks: Vec<usize>,
    },
    /// AHP pairwise comparison of the criteria.
    Ahp {
        /// The full reciprocal judgement matrix (row i, column j = how much more important
        /// criterion i is than criterion j).
        judgements: Vec<Vec<f64>>,
        /// Which derivation produced the weights.
        derivation: AhpDerivation,
        /// Consistency ratio at the time of elicitation (0 for n ≤ 2; `None` when the
        /// random-index table does not cover n).
        consistency_ratio: Option<f64>,
        /// Name of the random-index table used for the consistency ratio.
        random_index_table: String,
    },
    /// Arithmetic mean of the normalised weights of a group's members.
    GroupMean {
        /// Number of members aggregated.
        members: usize,
    },
    /// AHP on the element-wise geometric mean of the members' judgements.
    GroupAhp {
        /// Number of members aggregated.
        members: usize,
        /// The aggregated judgement matrix.
        judgements: Vec<Vec<f64>>,
        /// Consistency ratio of the aggregated matrix (`None` when the table does not cover n).
        consistency_ratio: Option<f64>,
    },
}

/// The outcome of every elicitation: a normalised weight vector and how it was obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElicitedWeights {
    /// One weight per criterion, non-negative, summing to 1.
    pub weights: Vec<f64>,
    /// The method and its raw input.
    pub method: WeightMethod,
}

/// Direct points: each criterion gets `points / Σ points`.
///
/// Any non-negative scale works (0–10, 0–100, "100 points to divide"); only ratios matter.
///
/// # Errors
/// An empty slice, a negative or non-finite value, or all zeros.
pub fn direct_points(points: &[f64]) -> Result<ElicitedWeights, McdaError> {
    Ok(ElicitedWeights {
        weights: normalise(points)?,
        method: WeightMethod::DirectPoints {
            points: points.to_vec(),
        },
    })
}

/// Swing weighting.
///
/// The room imagines every criterion at its worst anchor and ranks the swings to the best anchor:
/// `order` lists the criterion indices from the most valued swing to the least valued one. The
/// top swing is rated 100 and each other swing gets a rating relative to it (`ratings`, indexed
/// by criterion, in 0–100). Ratings must not increase along `order` (equal ratings are allowed:
/// equally valued swings). Weights are `rating / Σ ratings`.
///
/// # Errors
/// [`McdaError::InvalidSwing`] when `order` is not a permutation of the criteria, the top swing
/// is not rated 100, a rating is outside 0–100, or a rating exceeds the one ranked above it.
pub fn swing(order: &[usize], ratings: &[f64]) -> Result<ElicitedWeights, McdaError> {
    let n = ratings.len();
    if n == 0 {
        return Err(McdaError::NoCriteria);
    }
    check_permutation(order, n).map_err(McdaError::InvalidSwing)?;
    for (criterion, &r) in ratings.iter().enumerate() {
        if !r.is_finite() || !(0.0..=100.0).contains(&r) {
            return Err(McdaError::InvalidSwing(format!(
                "rating {r} of criterion {criterion} is outside 0–100"
            )));
        }
    }
    if ratings[order[0]] != 100.0 {
        return Err(McdaError::InvalidSwing(format!(
            "the top swing (criterion {}) must be rated 100, not {}",
            order[0], ratings[order[0]]
        )));
    }
    for pair in order.windows(2) {
        if ratings[pair[1]] > ratings[pair[0]] {
            return Err(McdaError::InvalidSwing(format!(
                "criterion {} is ranked below criterion {} but rated higher ({} > {})",
                pair[1], pair[0], ratings[pair[1]], ratings[pair[0]]
            )));
        }
    }
    Ok(ElicitedWeights {
        weights: normalise(ratings)?,
        method: WeightMethod::Swing {
            order: order.to_vec(),
            ratings: ratings.to_vec(),
        },
    })
}

fn check_permutation(order: &[usize], n: usize) -> Result<(), String> {
    if order.len() != n {
        return Err(format!(
            "the order lists {} criteria, expected {n}",
            order.len()
        ));
    }
    let mut seen = vec![false; n];
    for &c in order {
        if c >= n {
            return Err(format!("criterion {c} does not exist (there are {n})"));
        }
        if std::mem::replace(&mut seen[c], true) {
            return Err(format!("criterion {c} appears twice in the order"));
        }
    }
    Ok(())
}

/// Rank-order centroid weight of position `p` (1-based) among `n`: `(1/n) Σ_{k=p}^{n} 1/k`.
pub fn roc_position_weight(p: usize, n: usize) -> f64 {
    (p..=n).map(|k| 1.0 / k as f64).sum::<f64>() / n as f64
}

/// Rank-sum weight of position `p` (1-based) among `n`: `2 (n + 1 − p) / (n (n + 1))`.
pub fn rank_sum_position_weight(p: usize, n: usize) -> f64 {
    2.0 * (n + 1 - p) as f64 / (n * (n + 1)) as f64
}

/// Rank-order centroid (ROC) weights from a ranking of the criteria.
///
/// `ranks[c]` is the rank of criterion `c`, 1 = most important. Only the order of the numbers
/// matters, so `[1, 2, 2, 4]` and `[1, 2, 2, 3]` mean the same thing. **Ties**: criteria with equal
/// rank numbers occupy a block of consecutive positions and each receives the mean of the
/// positional weights of that block; the weights still sum to 1 and tied criteria weigh the same.
///
/// # Errors
/// [`McdaError::InvalidRanking`] for an empty ranking or a rank of 0.
pub fn rank_order_centroid(ranks: &[usize]) -> Result<ElicitedWeights, McdaError> {
    Ok(ElicitedWeights {
        weights: weights_from_ranking(ranks, roc_position_weight)?,
        method: WeightMethod::RankOrderCentroid {
            ranks: ranks.to_vec(),
        },
    })
}

/// Rank-sum weights from a ranking of the criteria; same input and tie rule as
/// [`rank_order_centroid`].
///
/// # Errors
/// [`McdaError::InvalidRanking`] for an empty ranking or a rank of 0.
pub fn rank_sum(ranks: &[usize]) -> Result<ElicitedWeights, McdaError> {
    Ok(ElicitedWeights {
        weights: weights_from_ranking(ranks, rank_sum_position_weight)?,
        method: WeightMethod::RankSum {
            ranks: ranks.to_vec(),
        },
    })
}

fn weights_from_ranking(
    ranks: &[usize],
    position_weight: fn(usize, usize) -> f64,
) -> Result<Vec<f64>, McdaError> {
    let n = ranks.len();
    if n == 0 {
        return Err(McdaError::InvalidRanking("no criteria ranked".into()));
    }
    if let Some(c) = ranks.iter().position(|&r| r == 0) {
        return Err(McdaError::InvalidRanking(format!(
            "criterion {c} has rank 0; ranks start at 1"
        )));
    }
    let mut weights = vec![0.0; n];
    for (c, &r) in ranks.iter().enumerate() {
        // Positions (1-based) occupied by the tie block of rank r.
        let before = ranks.iter().filter(|&&o| o < r).count();
        let tied = ranks.iter().filter(|&&o| o == r).count();
        let block: f64 = (before + 1..=before + tied)
            .map(|p| position_weight(p, n))
            .sum();
        weights[c] = block / tied as f64;
    }
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn direct_points_are_divided_by_their_sum() {
        let e = direct_points(&[10.0, 30.0, 60.0]).unwrap();
        assert!(close(&e.weights, &[0.1, 0.3, 0.6]));
        assert_eq!(
            e.method,
            WeightMethod::DirectPoints {
                points: vec![10.0, 30.0, 60.0]
            }
        );
    }

    #[test]
    fn swing_weights_are_ratings_over_their_sum() {
        let e = swing(&[2, 0, 1], &[50.0, 25.0, 100.0]).unwrap();
        assert!(close(
            &e.weights,
            &[50.0 / 175.0, 25.0 / 175.0, 100.0 / 175.0]
        ));
    }

    #[test]
    fn swing_refuses_bad_input() {
        assert!(swing(&[0, 1], &[90.0, 50.0]).is_err(), "top must be 100");
        assert!(swing(&[0, 1], &[100.0, 120.0]).is_err(), "over 100");
        assert!(swing(&[1, 0], &[100.0, 50.0]).is_err(), "order contradicts");
        assert!(swing(&[0, 0], &[100.0, 50.0]).is_err(), "not a permutation");
        assert!(swing(&[0], &[100.0, 50.0]).is_err(), "too short");
        assert!(swing(&[0, 1], &[100.0, 100.0]).is_ok(), "equal swings");
    }

    #[test]
    fn roc_matches_the_textbook_values() {
        // Barron & Barrett (1996): n = 4 gives 0.5208, 0.2708, 0.1458, 0.0625.
        let e = rank_order_centroid(&[1, 2, 3, 4]).unwrap();
        assert!(close(
            &e.weights,
            &[25.0 / 48.0, 13.0 / 48.0, 7.0 / 48.0, 3.0 / 48.0]
        ));
    }

    #[test]
    fn rank_sum_matches_the_formula() {
        let e = rank_sum(&[3, 1, 2]).unwrap();
        assert!(close(&e.weights, &[1.0 / 6.0, 3.0 / 6.0, 2.0 / 6.0]));
    }

    #[test]
    fn tied_ranks_share_the_mean_of_their_positions() {
        let e = rank_order_centroid(&[1, 2, 2, 4]).unwrap();
        let same = rank_order_centroid(&[1, 2, 2, 3]).unwrap();
        assert_eq!(e.weights, same.weights);
        let mid = (13.0 / 48.0 + 7.0 / 48.0) / 2.0;
        assert!(close(&e.weights, &[25.0 / 48.0, mid, mid, 3.0 / 48.0]));
        let all_tied = rank_sum(&[1, 1, 1]).unwrap();
        assert!(close(&all_tied.weights, &[1.0 / 3.0; 3]));
    }

    #[test]
    fn rankings_with_zero_or_nothing_are_refused() {
        assert!(rank_order_centroid(&[]).is_err());
        assert!(rank_sum(&[0, 1]).is_err());
    }

    #[test]
    fn method_record_serialises_with_a_tag() {
        let e = rank_sum(&[1, 2]).unwrap();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["method"]["method"], "rank_sum");
        let back: ElicitedWeights = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }
}
