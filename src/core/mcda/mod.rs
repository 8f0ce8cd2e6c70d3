//! Multi-criteria decision analysis (MCDA): everything that turns a score matrix and a weight
//! vector into a defensible ranking, independent of the catalogue.
//!
//! This module owns the shared vocabulary of the MCDA submodules: the [`Matrix`] of scores, the
//! [`McdaError`] type, weight validation and normalisation, the weighted sum and the ranking
//! convention. The submodules each own one concern:
//!
//! - [`elicitation`]: direct points, swing weighting, rank-order centroid, rank-sum, and the
//!   record of how a weight vector was obtained ([`elicitation::ElicitedWeights`]);
//! - [`ahp`]: pairwise comparison on Saaty's 1–9 scale, eigenvector and geometric-mean weights,
//!   consistency (λmax, CI, CR with named random-index tables);
//! - [`sensitivity`]: contributions (stacked bars), close calls, closed-form one-way sensitivity;
//! - [`smaa`]: SMAA-2 rank acceptability indices and central weights, seeded and parallel;
//! - [`topsis`]: TOPSIS with vector normalisation as a cross-check beside the weighted sum;
//! - [`group`]: aggregation of a starter group's weights, disagreement and consensus.
//!
//! # Conventions shared by all submodules
//!
//! - **Matrix orientation**: rows are candidates (placement options), columns are criteria.
//! - **Scores** are finite numbers in `0.0..=10.0` ([`SCORE_MIN`], [`SCORE_MAX`]); every
//!   criterion is a *benefit* criterion (higher is better). Cost-like aspects are expected to be
//!   turned into "higher is better" scores before they reach this module.
//! - **Weights** are non-negative, finite and sum to 1 within [`WEIGHT_SUM_TOLERANCE`]; use
//!   [`normalise`] to get there from raw points. A weighted total is therefore again on the
//!   0–10 scale.
//! - **Ranks** are 1-based, 1 = best. [`rank_descending`] uses *competition ranking* ("1224"):
//!   candidates whose totals differ by at most [`TIE_TOLERANCE`] share a rank, and the next rank
//!   skips accordingly. Where a single winner is needed ([`leader`]) ties go to the lowest
//!   candidate index, i.e. the order in which the candidates were given.
//!
//! [`Matrix`]: crate::core::mcda::Matrix
//! [`McdaError`]: crate::core::mcda::McdaError
//! [`SCORE_MIN`]: crate::core::mcda::SCORE_MIN
//! [`SCORE_MAX`]: crate::core::mcda::SCORE_MAX
//! [`WEIGHT_SUM_TOLERANCE`]: crate::core::mcda::WEIGHT_SUM_TOLERANCE
//! [`TIE_TOLERANCE`]: crate::core::mcda::TIE_TOLERANCE
//! [`normalise`]: crate::core::mcda::normalise
//! [`rank_descending`]: crate::core::mcda::rank_descending
//! [`leader`]: crate::core::mcda::leader
//! [`elicitation`]: crate::core::mcda::elicitation
//! [`elicitation::ElicitedWeights`]: crate::core::mcda::elicitation::ElicitedWeights
//! [`ahp`]: crate::core::mcda::ahp
//! [`sensitivity`]: crate::core::mcda::sensitivity
//! [`smaa`]: crate::core::mcda::smaa
//! [`topsis`]: crate::core::mcda::topsis
//! [`group`]: crate::core::mcda::group

pub mod ahp;
pub mod elicitation;
pub mod group;
pub mod sensitivity;
pub mod smaa;
pub mod topsis;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Lowest allowed score of a candidate on a criterion.
pub const SCORE_MIN: f64 = 0.0;
/// Highest allowed score of a candidate on a criterion.
pub const SCORE_MAX: f64 = 10.0;
/// How far the sum of a weight vector may be from 1 and still count as normalised.
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-9;
/// Two weighted totals closer than this are treated as tied when ranking.
pub const TIE_TOLERANCE: f64 = 1e-12;

/// Everything that can be wrong with the input of an MCDA computation.
///
/// Messages are written for the person who entered the data: they say what is wrong and where.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum McdaError {
    /// The score matrix has no rows.
    #[error("the score matrix has no candidates")]
    NoCandidates,
    /// The score matrix has no columns.
    #[error("the score matrix has no criteria")]
    NoCriteria,
    /// A row of the score matrix has a different length than the first row.
    #[error("candidate {candidate} has {found} scores, expected {expected} (one per criterion)")]
    RaggedMatrix {
        /// Row index of the offending candidate.
        candidate: usize,
        /// Number of criteria (length of the first row).
        expected: usize,
        /// Length of the offending row.
        found: usize,
    },
    /// A score is not a finite number in 0–10.
    #[error(
        "score of candidate {candidate} on criterion {criterion} is {value}; scores must lie in 0–10"
    )]
    ScoreOutOfRange {
        /// Row index.
        candidate: usize,
        /// Column index.
        criterion: usize,
        /// The offending value.
        value: f64,
    },
    /// A vector has the wrong length for the problem.
    #[error("expected {expected} values (one per {what}), got {found}")]
    LengthMismatch {
        /// What one value stands for ("criterion", "candidate", …).
        what: &'static str,
        /// The required length.
        expected: usize,
        /// The given length.
        found: usize,
    },
    /// A weight or point value is negative or not finite.
    #[error(
        "value {value} for criterion {criterion} is not allowed: it must be finite and not negative"
    )]
    InvalidWeight {
        /// Criterion index.
        criterion: usize,
        /// The offending value.
        value: f64,
    },
    /// All weights or points are zero.
    #[error("all weights are zero; give at least one criterion a positive weight")]
    ZeroWeightSum,
    /// The weights do not sum to 1.
    #[error("weights sum to {sum}, not to 1; normalise them first")]
    NotNormalised {
        /// The actual sum.
        sum: f64,
    },
    /// A ranking of criteria is malformed.
    #[error("invalid ranking: {0}")]
    InvalidRanking(String),
    /// Swing-weighting input is malformed.
    #[error("invalid swing weighting: {0}")]
    InvalidSwing(String),
    /// A pairwise comparison matrix is malformed.
    #[error("invalid pairwise comparison matrix: {0}")]
    InvalidPairwise(String),
    /// The eigenvector iteration did not converge (should not happen for valid matrices).
    #[error("the principal eigenvector did not converge within {iterations} iterations")]
    NoConvergence {
        /// Number of iterations tried.
        iterations: usize,
    },
    /// The number of SMAA samples is zero.
    #[error("the number of samples must be at least 1")]
    NoSamples,
    /// Per-criterion weight ranges are malformed or cannot hold a normalised weight vector.
    #[error("invalid weight ranges: {0}")]
    InvalidRanges(String),
    /// Rejection sampling within weight ranges accepted too few samples.
    #[error(
        "the weight ranges are too narrow to sample: {accepted} of {attempts} draws fell inside; widen the ranges"
    )]
    RangesTooNarrow {
        /// Draws that fell inside the ranges.
        accepted: u64,
        /// Draws tried.
        attempts: u64,
    },
    /// A group computation was given no members.
    #[error("the group has no members")]
    NoMembers,
}

/// A validated score matrix: rows are candidates, columns are criteria, scores in 0–10.
///
/// Stored row-major in one flat vector so that hot loops (SMAA) walk contiguous memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Vec<f64>>", into = "Vec<Vec<f64>>")]
pub struct Matrix {
    candidates: usize,
    criteria: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// Validates and builds a matrix from rows (one row per candidate).
    ///
    /// # Errors
    /// [`McdaError::NoCandidates`], [`McdaError::NoCriteria`], [`McdaError::RaggedMatrix`] or
    /// [`McdaError::ScoreOutOfRange`].
    pub fn new(rows: &[Vec<f64>]) -> Result<Self, McdaError> {
        let first = rows.first().ok_or(McdaError::NoCandidates)?;
        let criteria = first.len();
        if criteria == 0 {
            return Err(McdaError::NoCriteria);
        }
        let mut data = Vec::with_capacity(rows.len() * criteria);
        for (candidate, row) in rows.iter().enumerate() {
            if row.len() != criteria {
                return Err(McdaError::RaggedMatrix {
                    candidate,
                    expected: criteria,
                    found: row.len(),
                });
            }
            for (criterion, &value) in row.iter().enumerate() {
                if !value.is_finite() || !(SCORE_MIN..=SCORE_MAX).contains(&value) {
                    return Err(McdaError::ScoreOutOfRange {
                        candidate,
                        criterion,
                        value,
                    });
                }
            }
            data.extend_from_slice(row);
        }
        Ok(Self {
            candidates: rows.len(),
            criteria,
            data,
        })
    }

    /// Number of candidates (rows).
    pub fn candidates(&self) -> usize {
        self.candidates
    }

    /// Number of criteria (columns).
    pub fn criteria(&self) -> usize {
        self.criteria
    }

    /// The scores of one candidate, one per criterion.
    ///
    /// # Panics
    /// When `candidate` is out of range.
    pub fn row(&self, candidate: usize) -> &[f64] {
        &self.data[candidate * self.criteria..(candidate + 1) * self.criteria]
    }

    /// The score of `candidate` on `criterion`.
    ///
    /// # Panics
    /// When an index is out of range.
    pub fn score(&self, candidate: usize, criterion: usize) -> f64 {
        assert!(criterion < self.criteria, "criterion index out of range");
        self.data[candidate * self.criteria + criterion]
    }

    /// All scores, row-major.
    pub fn as_flat(&self) -> &[f64] {
        &self.data
    }

    /// The scores as rows (one `Vec` per candidate).
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.data
            .chunks(self.criteria)
            .map(<[f64]>::to_vec)
            .collect()
    }

    /// Weighted total of every candidate: `Σ_j w_j · s_ij` (0–10 for normalised weights).
    ///
    /// # Errors
    /// When `weights` is not a normalised weight vector of the right length.
    pub fn weighted_sum(&self, weights: &[f64]) -> Result<Vec<f64>, McdaError> {
        validate_weights(weights, self.criteria)?;
        Ok(self.weighted_sum_unchecked(weights))
    }

    /// Weighted totals without validating the weights (callers have validated them).
    pub(crate) fn weighted_sum_unchecked(&self, weights: &[f64]) -> Vec<f64> {
        self.data
            .chunks(self.criteria)
            .map(|row| dot(row, weights))
            .collect()
    }
}

impl TryFrom<Vec<Vec<f64>>> for Matrix {
    type Error = McdaError;

    fn try_from(rows: Vec<Vec<f64>>) -> Result<Self, Self::Error> {
        Self::new(&rows)
    }
}

impl From<Matrix> for Vec<Vec<f64>> {
    fn from(matrix: Matrix) -> Self {
        matrix.to_rows()
    }
}

/// Dot product of two equally long slices.
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Checks that `weights` has `criteria` entries, each finite and non-negative, summing to 1
/// within [`WEIGHT_SUM_TOLERANCE`].
///
/// # Errors
/// [`McdaError::LengthMismatch`], [`McdaError::InvalidWeight`] or [`McdaError::NotNormalised`].
pub fn validate_weights(weights: &[f64], criteria: usize) -> Result<(), McdaError> {
    if weights.len() != criteria {
        return Err(McdaError::LengthMismatch {
            what: "criterion",
            expected: criteria,
            found: weights.len(),
        });
    }
    check_non_negative(weights)?;
    let sum: f64 = weights.iter().sum();
    if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
        return Err(McdaError::NotNormalised { sum });
    }
    Ok(())
}

fn check_non_negative(values: &[f64]) -> Result<(), McdaError> {
    for (criterion, &value) in values.iter().enumerate() {
        if !value.is_finite() || value < 0.0 {
            return Err(McdaError::InvalidWeight { criterion, value });
        }
    }
    Ok(())
}

/// Divides non-negative values by their sum so that they sum to 1.
///
/// # Errors
/// [`McdaError::NoCriteria`] for an empty slice, [`McdaError::InvalidWeight`] for a negative or
/// non-finite value, [`McdaError::ZeroWeightSum`] when all values are zero.
pub fn normalise(values: &[f64]) -> Result<Vec<f64>, McdaError> {
    if values.is_empty() {
        return Err(McdaError::NoCriteria);
    }
    check_non_negative(values)?;
    let sum: f64 = values.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        return Err(McdaError::ZeroWeightSum);
    }
    Ok(values.iter().map(|v| v / sum).collect())
}

/// Competition ranks ("1224"), 1 = highest value; values within [`TIE_TOLERANCE`] share a rank.
///
/// The rank of `i` is one plus the number of values that exceed `values[i]` by more than
/// [`TIE_TOLERANCE`], so the result does not depend on the order of the input.
pub fn rank_descending(values: &[f64]) -> Vec<usize> {
    values
        .iter()
        .map(|&v| 1 + values.iter().filter(|&&o| o > v + TIE_TOLERANCE).count())
        .collect()
}

/// Index of the best value; among values within [`TIE_TOLERANCE`] of the maximum, the lowest
/// index wins. Returns `None` for an empty slice.
pub fn leader(values: &[f64]) -> Option<usize> {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values.iter().position(|&v| v >= max - TIE_TOLERANCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_rejects_ragged_rows_and_out_of_range_scores() {
        assert_eq!(Matrix::new(&[]), Err(McdaError::NoCandidates));
        assert_eq!(Matrix::new(&[vec![]]), Err(McdaError::NoCriteria));
        assert_eq!(
            Matrix::new(&[vec![1.0, 2.0], vec![3.0]]),
            Err(McdaError::RaggedMatrix {
                candidate: 1,
                expected: 2,
                found: 1
            })
        );
        assert!(matches!(
            Matrix::new(&[vec![1.0, 10.5]]),
            Err(McdaError::ScoreOutOfRange {
                candidate: 0,
                criterion: 1,
                ..
            })
        ));
        assert!(Matrix::new(&[vec![f64::NAN]]).is_err());
    }

    #[test]
    fn weighted_sum_is_the_dot_product_per_row() {
        let m = Matrix::new(&[vec![10.0, 0.0], vec![4.0, 6.0]]).unwrap();
        let totals = m.weighted_sum(&[0.25, 0.75]).unwrap();
        assert_eq!(totals, vec![2.5, 5.5]);
        assert_eq!(m.score(1, 1), 6.0);
        assert_eq!(m.row(1), &[4.0, 6.0]);
        assert!(matches!(
            m.weighted_sum(&[0.5, 0.6]),
            Err(McdaError::NotNormalised { .. })
        ));
    }

    #[test]
    fn normalise_divides_by_the_sum_and_refuses_all_zero() {
        assert_eq!(normalise(&[1.0, 3.0]).unwrap(), vec![0.25, 0.75]);
        assert_eq!(normalise(&[0.0, 0.0]), Err(McdaError::ZeroWeightSum));
        assert!(matches!(
            normalise(&[1.0, -1.0]),
            Err(McdaError::InvalidWeight { criterion: 1, .. })
        ));
    }

    #[test]
    fn competition_ranking_shares_ranks_and_leader_takes_lowest_index() {
        assert_eq!(rank_descending(&[5.0, 7.0, 7.0, 1.0]), vec![3, 1, 1, 4]);
        assert_eq!(leader(&[5.0, 7.0, 7.0, 1.0]), Some(1));
        assert_eq!(leader(&[]), None);
    }

    #[test]
    fn matrix_round_trips_through_serde_as_rows() {
        let m = Matrix::new(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "[[1.0,2.0],[3.0,4.0]]");
        let back: Matrix = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Matrix>("[[11.0]]").is_err());
    }
}
