//! TOPSIS as a cross-check beside the weighted sum.
//!
//! This file owns TOPSIS (Hwang & Yoon 1981) with vector normalisation and the side-by-side
//! comparison of its ranking with the weighted-sum ranking.
//!
//! # Conventions
//! - **Vector normalisation** per criterion: `r_ij = s_ij / sqrt(Σ_i s_ij²)`; weighted
//!   `v_ij = w_j · r_ij`. All criteria are benefit criteria, so the ideal is the column maximum
//!   of `v` and the anti-ideal the column minimum.
//! - Distances are Euclidean; closeness `C_i = D⁻_i / (D⁺_i + D⁻_i)` in `[0, 1]`, higher is
//!   better. Ranks use the crate's competition ranking ([`super::rank_descending`]).
//! - **Constant columns** (all candidates equal on a criterion) have ideal = anti-ideal, so they
//!   add nothing to either distance: they cannot separate candidates, exactly as in the weighted
//!   sum where they shift every total equally. An all-zero column has norm 0; its normalised
//!   values are defined as 0 (instead of 0/0), with the same effect.
//! - When every column is constant, every candidate is at both the ideal and the anti-ideal
//!   (`D⁺ = D⁻ = 0`); closeness is then defined as 0.5 for all: a full tie.

use serde::{Deserialize, Serialize};

use super::{Matrix, McdaError, rank_descending, validate_weights};

/// TOPSIS closeness and its ingredients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopsisResult {
    /// Weighted, vector-normalised matrix `v_ij`, one row per candidate.
    pub weighted_normalised: Vec<Vec<f64>>,
    /// Positive ideal: column maxima of `v`.
    pub ideal: Vec<f64>,
    /// Negative ideal: column minima of `v`.
    pub anti_ideal: Vec<f64>,
    /// Euclidean distance of every candidate to the ideal.
    pub distance_to_ideal: Vec<f64>,
    /// Euclidean distance of every candidate to the anti-ideal.
    pub distance_to_anti_ideal: Vec<f64>,
    /// Relative closeness `D⁻ / (D⁺ + D⁻)`, higher is better.
    pub closeness: Vec<f64>,
    /// Competition ranks of the closeness (1 = best).
    pub ranks: Vec<usize>,
}

/// Runs TOPSIS with vector normalisation (see the module conventions).
///
/// # Errors
/// When `weights` is not a normalised weight vector for the matrix.
pub fn topsis(matrix: &Matrix, weights: &[f64]) -> Result<TopsisResult, McdaError> {
    validate_weights(weights, matrix.criteria())?;
    let (m, n) = (matrix.candidates(), matrix.criteria());
    let norms: Vec<f64> = (0..n)
        .map(|j| {
            (0..m)
                .map(|i| matrix.score(i, j).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let v: Vec<Vec<f64>> = (0..m)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if norms[j] > 0.0 {
                        weights[j] * matrix.score(i, j) / norms[j]
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let column = |j: usize| v.iter().map(move |row| row[j]);
    let ideal: Vec<f64> = (0..n)
        .map(|j| column(j).fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let anti_ideal: Vec<f64> = (0..n)
        .map(|j| column(j).fold(f64::INFINITY, f64::min))
        .collect();
    let distance = |row: &[f64], target: &[f64]| {
        row.iter()
            .zip(target)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let distance_to_ideal: Vec<f64> = v.iter().map(|row| distance(row, &ideal)).collect();
    let distance_to_anti_ideal: Vec<f64> = v.iter().map(|row| distance(row, &anti_ideal)).collect();
    let closeness: Vec<f64> = distance_to_ideal
        .iter()
        .zip(&distance_to_anti_ideal)
        .map(|(dp, dm)| if dp + dm > 0.0 { dm / (dp + dm) } else { 0.5 })
        .collect();
    Ok(TopsisResult {
        ranks: rank_descending(&closeness),
        weighted_normalised: v,
        ideal,
        anti_ideal,
        distance_to_ideal,
        distance_to_anti_ideal,
        closeness,
    })
}

/// Weighted-sum and TOPSIS ranks side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodComparison {
    /// Weighted totals (0–10).
    pub weighted_sum: Vec<f64>,
    /// Competition ranks of the weighted totals.
    pub weighted_sum_ranks: Vec<usize>,
    /// TOPSIS closeness.
    pub topsis_closeness: Vec<f64>,
    /// Competition ranks of the closeness.
    pub topsis_ranks: Vec<usize>,
    /// Candidates whose rank differs between the two methods, in matrix order.
    pub disagreements: Vec<usize>,
    /// Whether both methods put the same candidates at rank 1.
    pub same_winner: bool,
}

impl MethodComparison {
    /// True when the two rankings are identical: no note needed.
    pub fn agree(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// Ranks the candidates by weighted sum and by TOPSIS and notes where they disagree.
///
/// # Errors
/// When `weights` is not a normalised weight vector for the matrix.
pub fn compare_with_weighted_sum(
    matrix: &Matrix,
    weights: &[f64],
) -> Result<MethodComparison, McdaError> {
    let weighted_sum = matrix.weighted_sum(weights)?;
    let weighted_sum_ranks = rank_descending(&weighted_sum);
    let t = topsis(matrix, weights)?;
    let disagreements = (0..matrix.candidates())
        .filter(|&i| weighted_sum_ranks[i] != t.ranks[i])
        .collect();
    let same_winner =
        (0..matrix.candidates()).all(|i| (weighted_sum_ranks[i] == 1) == (t.ranks[i] == 1));
    Ok(MethodComparison {
        weighted_sum,
        weighted_sum_ranks,
        topsis_closeness: t.closeness,
        topsis_ranks: t.ranks,
        disagreements,
        same_winner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_two_by_two() {
        // Column norms 5 and 5: r = [[0.6, 0.8], [0.8, 0.6]], v = w · r with w = (0.5, 0.5).
        let m = Matrix::new(&[vec![3.0, 4.0], vec![4.0, 3.0]]).unwrap();
        let t = topsis(&m, &[0.5, 0.5]).unwrap();
        assert!((t.ideal[0] - 0.4).abs() < 1e-15 && (t.anti_ideal[0] - 0.3).abs() < 1e-15);
        // Symmetric candidates: both exactly halfway.
        assert!((t.closeness[0] - 0.5).abs() < 1e-12);
        assert_eq!(t.ranks, vec![1, 1]);
        let skewed = topsis(&m, &[0.8, 0.2]).unwrap();
        assert!(skewed.closeness[1] > skewed.closeness[0]);
        assert!((skewed.closeness[0] + skewed.closeness[1] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn constant_and_zero_columns_do_not_separate_candidates() {
        let with = Matrix::new(&[
            vec![2.0, 7.0, 0.0],
            vec![8.0, 7.0, 0.0],
            vec![5.0, 7.0, 0.0],
        ])
        .unwrap();
        let t = topsis(&with, &[0.5, 0.3, 0.2]).unwrap();
        assert!(t.closeness.iter().all(|c| c.is_finite()));
        assert_eq!(t.ideal[1], t.anti_ideal[1]);
        assert_eq!(t.ideal[2], 0.0);
        // Only the first column separates: closeness is linear in its score there.
        assert!((t.closeness[0] - 0.0).abs() < 1e-12);
        assert!((t.closeness[1] - 1.0).abs() < 1e-12);
        assert!((t.closeness[2] - 0.5).abs() < 1e-12);
        let flat = Matrix::new(&[vec![4.0, 4.0], vec![4.0, 4.0]]).unwrap();
        assert_eq!(
            topsis(&flat, &[0.5, 0.5]).unwrap().closeness,
            vec![0.5, 0.5]
        );
    }

    #[test]
    fn comparison_notes_when_the_methods_disagree() {
        // The weighted sum prefers the lopsided candidate 2 (5.5 vs 5.0); TOPSIS, which also
        // rewards distance from the worst on every criterion, prefers the balanced candidate 1.
        let m = Matrix::new(&[vec![0.0, 3.0], vec![5.0, 5.0], vec![1.0, 10.0]]).unwrap();
        let c = compare_with_weighted_sum(&m, &[0.5, 0.5]).unwrap();
        assert_eq!(c.weighted_sum_ranks, vec![3, 2, 1]);
        assert_eq!(
            c.topsis_ranks,
            vec![3, 1, 2],
            "closeness {:?}",
            c.topsis_closeness
        );
        assert!(!c.agree());
        assert!(!c.same_winner);
        assert_eq!(c.disagreements, vec![1, 2]);
        let same = compare_with_weighted_sum(&m, &[0.1, 0.9]).unwrap();
        assert!(same.same_winner);
        assert!(same.agree(), "{same:?}");
    }
}
