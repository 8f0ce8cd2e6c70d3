//! AHP pairwise comparison of the criteria (Saaty's 1–9 scale with reciprocals).
//!
//! This file owns the validated [`PairwiseMatrix`], the named random-index tables
//! ([`SAATY_1980`], the default; [`SAATY_2005`]; [`DONEGAN_DODD_1991`]; [`TUMMALA_LING_1998`]),
//! and [`analyse`], which derives the
//! principal-eigenvector weights and the geometric-mean weights, λmax, the consistency index and
//! ratio, and the judgements that contribute most to inconsistency.
//!
//! # Conventions
//! - Entry `a_ij` says how much more important criterion `i` is than criterion `j`:
//!   1 = equal, 3 = moderate, 5 = strong, 7 = very strong, 9 = extreme (2, 4, 6, 8 between);
//!   the reciprocals 1/2 … 1/9 say the reverse.
//! - Validation: every entry positive and finite, within 1/9 … 9, diagonal 1, and
//!   `a_ji · a_ij = 1` within a relative [`RECIPROCAL_TOLERANCE`] (so a typed `0.33` for 1/3 is
//!   accepted). After validation the **upper triangle is authoritative**: the lower triangle is
//!   replaced by the exact reciprocals, so the stored matrix is exactly reciprocal.
//! - **Eigenvector method**: power iteration `w ← A w / Σ(A w)` started from the geometric-mean
//!   weights, stopped when no component moves more than [`EIGEN_TOLERANCE`] (1e-12). A positive
//!   matrix has a simple dominant Perron root, so the iteration converges.
//!   `λmax = Σ_i (A w)_i` at the converged `w` (with `Σ w = 1`, this is the Rayleigh-like
//!   estimate that equals λmax exactly at the eigenvector).
//! - `CI = (λmax − n) / (n − 1)` and `CR = CI / RI(n)`; for n ≤ 2 the matrix is always
//!   consistent and CI = CR = 0. CR > [`CR_WARNING_THRESHOLD`] (0.10, Saaty's rule of thumb for
//!   all n) is a *warning*: the weights are still produced.
//! - **Inconsistency of one judgement**: `e_ij = |ln(a_ij · w_j / w_i)|` with the eigenvector
//!   weights `w`: the log-distance between what was said (`a_ij`) and what the weights imply
//!   (`w_i / w_j`). Symmetric (`e_ij = e_ji`), zero for a perfectly consistent matrix.

use serde::{Deserialize, Serialize};

use super::McdaError;
use super::elicitation::{ElicitedWeights, WeightMethod};

/// Smallest judgement on Saaty's scale.
pub const SCALE_MIN: f64 = 1.0 / 9.0;
/// Largest judgement on Saaty's scale.
pub const SCALE_MAX: f64 = 9.0;
/// Relative tolerance for reciprocity and the scale bounds: 5 %, so that judgements typed with
/// two decimals (0.33, 0.14, 0.11) pass while a real contradiction (3 against 1/4) does not.
pub const RECIPROCAL_TOLERANCE: f64 = 0.05;
/// Convergence threshold of the power iteration (largest change of any weight).
pub const EIGEN_TOLERANCE: f64 = 1e-12;
/// Iteration cap of the power iteration.
pub const MAX_ITERATIONS: usize = 100_000;
/// A consistency ratio above this is flagged as a warning.
pub const CR_WARNING_THRESHOLD: f64 = 0.10;
/// How many of the most inconsistent judgements [`analyse`] reports.
pub const INCONSISTENT_REPORTED: usize = 3;
/// Judgements with an inconsistency `e_ij` at or below this are not reported.
pub const INCONSISTENCY_FLOOR: f64 = 1e-9;
/// Inconsistencies within this relative distance of each other count as equal when ordering
/// the most inconsistent judgements, so that the lowest `(i, j)` comes first among errors that
/// are mathematically equal but differ in their last bits.
pub const INCONSISTENCY_TIE_TOLERANCE: f64 = 1e-9;

/// A named table of random indices RI(n): the mean consistency index of random reciprocal
/// matrices of size n, for n = 1 … 15 (`values[n - 1]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RandomIndexTable {
    /// Short stable name, stored with a session.
    pub name: &'static str,
    /// Where the numbers come from.
    pub source: &'static str,
    /// RI(n) for n = 1 … 15.
    pub values: [f64; 15],
}

impl RandomIndexTable {
    /// RI(n), or `None` when the table does not cover `n` (0 or above 15).
    pub fn random_index(&self, n: usize) -> Option<f64> {
        n.checked_sub(1).and_then(|i| self.values.get(i)).copied()
    }

    /// Looks a table up by its [`name`](Self::name).
    pub fn by_name(name: &str) -> Option<&'static RandomIndexTable> {
        RANDOM_INDEX_TABLES.iter().copied().find(|t| t.name == name)
    }
}

/// Saaty's classic table, the default: n = 1 … 15 →
/// 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59.
pub const SAATY_1980: RandomIndexTable = RandomIndexTable {
    name: "saaty_1980",
    source: "T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill, 1980 (the classic table as \
             commonly cited, n = 1..15)",
    values: [
        0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ],
};

/// Saaty's revised table: n = 1 … 15 →
/// 0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59
/// (also ahpy's `random_index='saaty'`).
pub const SAATY_2005: RandomIndexTable = RandomIndexTable {
    name: "saaty_2005",
    source: "T. L. Saaty, Theory and Applications of the Analytic Network Process, RWS \
             Publications, 2005, p. 31",
    values: [
        0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
    ],
};

/// Donegan and Dodd's estimates, n = 1 … 15 (ahpy's default `random_index='dd'`).
pub const DONEGAN_DODD_1991: RandomIndexTable = RandomIndexTable {
    name: "donegan_dodd_1991",
    source: "H. A. Donegan and F. J. Dodd, A note on Saaty's random indexes, Mathematical and \
             Computer Modelling 15(10), 1991, pp. 135-137",
    values: [
        0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497,
        1.4643, 1.4822, 1.4969,
    ],
};

/// Tummala and Ling's estimates, n = 1 … 15 (pymcdm's `AHP.get_cr`).
pub const TUMMALA_LING_1998: RandomIndexTable = RandomIndexTable {
    name: "tummala_ling_1998",
    source: "V. M. Rao Tummala and H. Ling, A note on the computation of the mean random \
             consistency index of the analytic hierarchy process (AHP), Theory and Decision 44(3), \
             1998, pp. 221-230",
    values: [
        0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356,
        1.5571, 1.5714, 1.5831,
    ],
};

/// All named tables, the default first.
pub const RANDOM_INDEX_TABLES: [&RandomIndexTable; 4] = [
    &SAATY_1980,
    &SAATY_2005,
    &DONEGAN_DODD_1991,
    &TUMMALA_LING_1998,
];

/// The table used unless the session names another one.
pub const DEFAULT_RANDOM_INDEX: &RandomIndexTable = &SAATY_1980;

/// Which AHP derivation turns judgements into weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AhpDerivation {
    /// Saaty's principal right eigenvector.
    Eigenvector,
    /// Normalised geometric means of the rows (logarithmic least squares).
    GeometricMean,
}

/// A validated, exactly reciprocal pairwise comparison matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Vec<f64>>", into = "Vec<Vec<f64>>")]
pub struct PairwiseMatrix {
    n: usize,
    a: Vec<f64>,
}

/// The pairs `(i, j)` with `i < j`, row by row.
pub fn upper_pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

fn within_relative(value: f64, target: f64) -> bool {
    (value - target).abs() <= RECIPROCAL_TOLERANCE * target
}

fn check_judgement(i: usize, j: usize, v: f64) -> Result<(), McdaError> {
    if !v.is_finite() || v <= 0.0 {
        return Err(McdaError::InvalidPairwise(format!(
            "entry ({i}, {j}) is {v}; judgements must be positive numbers"
        )));
    }
    let scale = SCALE_MIN * (1.0 - RECIPROCAL_TOLERANCE)..=SCALE_MAX * (1.0 + RECIPROCAL_TOLERANCE);
    if !scale.contains(&v) {
        return Err(McdaError::InvalidPairwise(format!(
            "entry ({i}, {j}) is {v}; Saaty's scale runs from 1/9 to 9"
        )));
    }
    Ok(())
}

impl PairwiseMatrix {
    /// Validates a full square matrix (see the module conventions).
    ///
    /// # Errors
    /// [`McdaError::InvalidPairwise`] naming the offending entry.
    pub fn new(rows: &[Vec<f64>]) -> Result<Self, McdaError> {
        let n = rows.len();
        if n == 0 {
            return Err(McdaError::NoCriteria);
        }
        for (i, row) in rows.iter().enumerate() {
            if row.len() != n {
                return Err(McdaError::InvalidPairwise(format!(
                    "row {i} has {} entries; the matrix must be {n} × {n}",
                    row.len()
                )));
            }
            for (j, &v) in row.iter().enumerate() {
                check_judgement(i, j, v)?;
            }
            if (row[i] - 1.0).abs() > 1e-9 {
                return Err(McdaError::InvalidPairwise(format!(
                    "diagonal entry ({i}, {i}) is {}; it must be 1",
                    row[i]
                )));
            }
        }
        for (i, j) in upper_pairs(n) {
            if !within_relative(rows[i][j] * rows[j][i], 1.0) {
                return Err(McdaError::InvalidPairwise(format!(
                    "entries ({i}, {j}) = {} and ({j}, {i}) = {} are not reciprocal",
                    rows[i][j], rows[j][i]
                )));
            }
        }
        let upper: Vec<f64> = upper_pairs(n).map(|(i, j)| rows[i][j]).collect();
        Self::from_upper_triangle(n, &upper)
    }

    /// Builds the matrix from the judgements above the diagonal, row by row:
    /// `(0,1), (0,2), …, (0,n−1), (1,2), …` — `n (n − 1) / 2` values.
    ///
    /// # Errors
    /// [`McdaError::InvalidPairwise`] for a wrong count or a value off the scale.
    pub fn from_upper_triangle(n: usize, upper: &[f64]) -> Result<Self, McdaError> {
        if n == 0 {
            return Err(McdaError::NoCriteria);
        }
        let expected = n * (n - 1) / 2;
        if upper.len() != expected {
            return Err(McdaError::InvalidPairwise(format!(
                "{n} criteria need {expected} judgements above the diagonal, got {}",
                upper.len()
            )));
        }
        let mut a = vec![1.0; n * n];
        let mut values = upper.iter();
        for i in 0..n {
            for j in i + 1..n {
                let v = *values.next().unwrap_or(&1.0);
                check_judgement(i, j, v)?;
                a[i * n + j] = v;
                a[j * n + i] = 1.0 / v;
            }
        }
        Ok(Self { n, a })
    }

    /// The matrix of all-equal judgements (every entry 1): a neutral start for the room.
    pub fn equal(n: usize) -> Result<Self, McdaError> {
        Self::from_upper_triangle(n, &vec![1.0; n * n.saturating_sub(1) / 2])
    }

    /// Number of criteria compared.
    pub fn size(&self) -> usize {
        self.n
    }

    /// Entry `a_ij`.
    ///
    /// # Panics
    /// When an index is out of range.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(i < self.n && j < self.n, "pairwise index out of range");
        self.a[i * self.n + j]
    }

    /// The matrix as rows.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.a.chunks(self.n).map(<[f64]>::to_vec).collect()
    }

    /// Redo one pair: a copy with `a_ij = value` and `a_ji = 1 / value`.
    ///
    /// # Errors
    /// [`McdaError::InvalidPairwise`] for `i == j`, an index out of range, or a value off the
    /// scale.
    pub fn with_judgement(&self, i: usize, j: usize, value: f64) -> Result<Self, McdaError> {
        if i >= self.n || j >= self.n || i == j {
            return Err(McdaError::InvalidPairwise(format!(
                "({i}, {j}) is not a pair of two different criteria among {}",
                self.n
            )));
        }
        check_judgement(i, j, value)?;
        let mut next = self.clone();
        next.a[i * self.n + j] = value;
        next.a[j * self.n + i] = 1.0 / value;
        Ok(next)
    }

    fn mul_vec(&self, w: &[f64], out: &mut [f64]) {
        for (o, row) in out.iter_mut().zip(self.a.chunks(self.n)) {
            *o = super::dot(row, w);
        }
    }
}

impl TryFrom<Vec<Vec<f64>>> for PairwiseMatrix {
    type Error = McdaError;

    fn try_from(rows: Vec<Vec<f64>>) -> Result<Self, Self::Error> {
        Self::new(&rows)
    }
}

impl From<PairwiseMatrix> for Vec<Vec<f64>> {
    fn from(m: PairwiseMatrix) -> Self {
        m.to_rows()
    }
}

/// One judgement and how far it is from what the weights imply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InconsistentJudgement {
    /// Row criterion (`i < j`).
    pub i: usize,
    /// Column criterion.
    pub j: usize,
    /// The judgement given, `a_ij`.
    pub given: f64,
    /// The judgement the eigenvector weights imply, `w_i / w_j`.
    pub implied: f64,
    /// `|ln(a_ij · w_j / w_i)|`.
    pub error: f64,
}

/// Everything AHP derives from one pairwise matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AhpAnalysis {
    /// Principal-eigenvector weights (sum 1).
    pub eigenvector_weights: Vec<f64>,
    /// Geometric-mean weights (sum 1).
    pub geometric_mean_weights: Vec<f64>,
    /// Principal eigenvalue λmax (≥ n).
    pub lambda_max: f64,
    /// CI = (λmax − n) / (n − 1); 0 for n ≤ 2.
    pub consistency_index: f64,
    /// Name of the random-index table used.
    pub random_index_table: String,
    /// RI(n) from that table; `None` when the table does not cover n.
    pub random_index: Option<f64>,
    /// CR = CI / RI; 0 for n ≤ 2; `None` when RI is unknown.
    pub consistency_ratio: Option<f64>,
    /// CR > [`CR_WARNING_THRESHOLD`]: a warning, not a block.
    pub inconsistent: bool,
    /// Up to [`INCONSISTENT_REPORTED`] judgements with the largest `e_ij` above
    /// [`INCONSISTENCY_FLOOR`], largest first (ties within [`INCONSISTENCY_TIE_TOLERANCE`],
    /// relative: lowest `(i, j)` first).
    pub most_inconsistent: Vec<InconsistentJudgement>,
    /// Power iterations used.
    pub iterations: usize,
}

impl AhpAnalysis {
    /// The weights of one derivation as an [`ElicitedWeights`] with its record.
    pub fn to_elicited(
        &self,
        matrix: &PairwiseMatrix,
        derivation: AhpDerivation,
    ) -> ElicitedWeights {
        let weights = match derivation {
            AhpDerivation::Eigenvector => self.eigenvector_weights.clone(),
            AhpDerivation::GeometricMean => self.geometric_mean_weights.clone(),
        };
        ElicitedWeights {
            weights,
            method: WeightMethod::Ahp {
                judgements: matrix.to_rows(),
                derivation,
                consistency_ratio: self.consistency_ratio,
                random_index_table: self.random_index_table.clone(),
            },
        }
    }
}

/// Normalised geometric means of the rows.
pub fn geometric_mean_weights(matrix: &PairwiseMatrix) -> Vec<f64> {
    let n = matrix.n;
    let gm: Vec<f64> = matrix
        .a
        .chunks(n)
        .map(|row| (row.iter().map(|v| v.ln()).sum::<f64>() / n as f64).exp())
        .collect();
    let sum: f64 = gm.iter().sum();
    gm.into_iter().map(|g| g / sum).collect()
}

/// Principal right eigenvector (sum 1), λmax and the number of iterations.
///
/// # Errors
/// [`McdaError::NoConvergence`] after [`MAX_ITERATIONS`] (not expected for valid matrices).
pub fn principal_eigenvector(matrix: &PairwiseMatrix) -> Result<(Vec<f64>, f64, usize), McdaError> {
    let n = matrix.n;
    let mut w = geometric_mean_weights(matrix);
    let mut next = vec![0.0; n];
    for iteration in 1..=MAX_ITERATIONS {
        matrix.mul_vec(&w, &mut next);
        let lambda: f64 = next.iter().sum();
        let mut delta: f64 = 0.0;
        for (x, old) in next.iter_mut().zip(&w) {
            *x /= lambda;
            delta = delta.max((*x - old).abs());
        }
        std::mem::swap(&mut w, &mut next);
        if delta <= EIGEN_TOLERANCE {
            matrix.mul_vec(&w, &mut next);
            return Ok((w, next.iter().sum(), iteration));
        }
    }
    Err(McdaError::NoConvergence {
        iterations: MAX_ITERATIONS,
    })
}

/// The `count` largest errors, largest first; errors within [`INCONSISTENCY_TIE_TOLERANCE`]
/// (relative) of the largest remaining one count as tied, and the lowest `(i, j)` of those comes
/// first. Picking one at a time keeps the order well defined (a sort with a tolerance would
/// not be: "within tolerance" is not transitive). `judgements` come in `(i, j)` order.
fn worst_first(
    mut judgements: Vec<InconsistentJudgement>,
    count: usize,
) -> Vec<InconsistentJudgement> {
    let mut out = Vec::with_capacity(count.min(judgements.len()));
    while out.len() < count && !judgements.is_empty() {
        let largest = judgements
            .iter()
            .map(|e| e.error)
            .fold(f64::NEG_INFINITY, f64::max);
        let threshold = largest - largest.abs() * INCONSISTENCY_TIE_TOLERANCE;
        let first = judgements
            .iter()
            .position(|e| e.error >= threshold)
            .expect("the largest error is at or above its own threshold");
        out.push(judgements.remove(first));
    }
    out
}

/// Full AHP analysis of one matrix against a random-index table.
///
/// # Errors
/// [`McdaError::NoConvergence`] (not expected for valid matrices).
pub fn analyse(
    matrix: &PairwiseMatrix,
    table: &RandomIndexTable,
) -> Result<AhpAnalysis, McdaError> {
    let n = matrix.n;
    let (w, lambda_max, iterations) = principal_eigenvector(matrix)?;
    let (consistency_index, consistency_ratio) = if n <= 2 {
        (0.0, Some(0.0))
    } else {
        let ci = (lambda_max - n as f64) / (n - 1) as f64;
        (ci, table.random_index(n).map(|ri| ci / ri))
    };
    let judgements: Vec<InconsistentJudgement> = upper_pairs(n)
        .map(|(i, j)| {
            let given = matrix.get(i, j);
            let implied = w[i] / w[j];
            InconsistentJudgement {
                i,
                j,
                given,
                implied,
                error: (given / implied).ln().abs(),
            }
        })
        .filter(|e| e.error > INCONSISTENCY_FLOOR)
        .collect();
    let judgements = worst_first(judgements, INCONSISTENT_REPORTED);
    Ok(AhpAnalysis {
        geometric_mean_weights: geometric_mean_weights(matrix),
        eigenvector_weights: w,
        lambda_max,
        consistency_index,
        random_index_table: table.name.to_string(),
        random_index: table.random_index(n),
        inconsistent: consistency_ratio.is_some_and(|cr| cr > CR_WARNING_THRESHOLD),
        consistency_ratio,
        most_inconsistent: judgements,
        iterations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consistent(w: &[f64]) -> PairwiseMatrix {
        let rows: Vec<Vec<f64>> = w
            .iter()
            .map(|wi| w.iter().map(|wj| wi / wj).collect())
            .collect();
        PairwiseMatrix::new(&rows).unwrap()
    }

    #[test]
    fn consistent_matrix_recovers_its_weights_with_zero_cr() {
        let w = [0.4, 0.3, 0.2, 0.1];
        let a = analyse(&consistent(&w), &SAATY_1980).unwrap();
        for (x, y) in a.eigenvector_weights.iter().zip(&w) {
            assert!((x - y).abs() < 1e-12);
        }
        for (x, y) in a.geometric_mean_weights.iter().zip(&w) {
            assert!((x - y).abs() < 1e-12);
        }
        assert!((a.lambda_max - 4.0).abs() < 1e-12);
        assert!(a.consistency_ratio.unwrap().abs() < 1e-12);
        assert!(!a.inconsistent);
        assert!(a.most_inconsistent.is_empty());
    }

    #[test]
    fn saatys_textbook_example_has_the_known_consistency() {
        // 3 × 3 with a_12 = 3, a_13 = 5, a_23 = 3: λmax ≈ 3.0385, CI ≈ 0.0193.
        let m = PairwiseMatrix::from_upper_triangle(3, &[3.0, 5.0, 3.0]).unwrap();
        let a = analyse(&m, &SAATY_1980).unwrap();
        assert!((a.lambda_max - 3.03851).abs() < 1e-4, "{}", a.lambda_max);
        assert!((a.consistency_index - 0.019_26).abs() < 1e-4);
        assert!((a.consistency_ratio.unwrap() - a.consistency_index / 0.58).abs() < 1e-15);
        assert_eq!(a.random_index, Some(0.58));
        assert_eq!(a.most_inconsistent.len(), 3);
    }

    #[test]
    fn strongly_inconsistent_matrix_is_flagged_and_its_worst_pair_named() {
        // 0 > 1 > 2 strongly, but then 2 > 0 strongly: a cycle.
        let m = PairwiseMatrix::from_upper_triangle(3, &[5.0, 1.0 / 5.0, 5.0]).unwrap();
        let a = analyse(&m, &SAATY_1980).unwrap();
        assert!(a.inconsistent);
        assert!(a.consistency_ratio.unwrap() > CR_WARNING_THRESHOLD);
        let worst = &a.most_inconsistent[0];
        assert!(worst.error >= a.most_inconsistent[1].error);
        // Redoing the cycle-closing pair removes the inconsistency.
        let fixed = m.with_judgement(0, 2, 25.0_f64.min(9.0)).unwrap();
        let b = analyse(&fixed, &SAATY_1980).unwrap();
        assert!(b.consistency_ratio.unwrap() < a.consistency_ratio.unwrap());
    }

    #[test]
    fn equal_inconsistencies_are_reported_in_pair_order() {
        // A cycle of three equal judgements: the weights are equal and every e_ij is ln 5
        // mathematically, whatever the last bits of the floating-point errors say. Each
        // rotation of the cycle (and the mirrored cycle) must list the pairs as (0, 1),
        // (0, 2), (1, 2).
        for upper in [
            [5.0, 1.0 / 5.0, 5.0],
            [1.0 / 5.0, 5.0, 1.0 / 5.0],
            [3.0, 1.0 / 3.0, 3.0],
            [7.0, 1.0 / 7.0, 7.0],
        ] {
            let m = PairwiseMatrix::from_upper_triangle(3, &upper).unwrap();
            let a = analyse(&m, &SAATY_1980).unwrap();
            let pairs: Vec<(usize, usize)> =
                a.most_inconsistent.iter().map(|e| (e.i, e.j)).collect();
            assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 2)], "{upper:?}");
        }
        // Errors that differ by more than the tolerance keep largest-first order.
        let e = |i, j, error| InconsistentJudgement {
            i,
            j,
            given: 1.0,
            implied: 1.0,
            error,
        };
        let picked = worst_first(
            vec![
                e(0, 1, 0.5),
                e(0, 2, 0.9),
                e(1, 2, 0.9 * (1.0 + 1e-12)),
                e(1, 3, 0.9 * (1.0 + 1e-6)),
            ],
            3,
        );
        let pairs: Vec<(usize, usize)> = picked.iter().map(|x| (x.i, x.j)).collect();
        assert_eq!(pairs, vec![(1, 3), (0, 2), (1, 2)]);
        assert_eq!(worst_first(vec![e(0, 1, 0.5)], 3).len(), 1);
    }

    #[test]
    fn validation_names_the_broken_entry() {
        let not_reciprocal = vec![vec![1.0, 3.0], vec![3.0, 1.0]];
        assert!(PairwiseMatrix::new(&not_reciprocal).is_err());
        let bad_diagonal = vec![vec![2.0, 3.0], vec![1.0 / 3.0, 1.0]];
        assert!(PairwiseMatrix::new(&bad_diagonal).is_err());
        let off_scale = vec![vec![1.0, 12.0], vec![1.0 / 12.0, 1.0]];
        assert!(PairwiseMatrix::new(&off_scale).is_err());
        let negative = vec![vec![1.0, -3.0], vec![-1.0 / 3.0, 1.0]];
        assert!(PairwiseMatrix::new(&negative).is_err());
        let ragged = vec![vec![1.0, 3.0], vec![1.0 / 3.0]];
        assert!(PairwiseMatrix::new(&ragged).is_err());
        let typed = vec![vec![1.0, 3.0], vec![0.33, 1.0]];
        let m = PairwiseMatrix::new(&typed).unwrap();
        assert_eq!(m.get(1, 0), 1.0 / 3.0, "lower triangle made exact");
        assert!(m.with_judgement(0, 0, 3.0).is_err());
        assert!(m.with_judgement(0, 1, 10.0).is_err());
    }

    #[test]
    fn small_matrices_are_consistent_by_definition() {
        let one = analyse(&PairwiseMatrix::equal(1).unwrap(), &SAATY_1980).unwrap();
        assert_eq!(one.eigenvector_weights, vec![1.0]);
        assert_eq!(one.consistency_ratio, Some(0.0));
        let two = PairwiseMatrix::from_upper_triangle(2, &[4.0]).unwrap();
        let a = analyse(&two, &SAATY_1980).unwrap();
        assert!((a.eigenvector_weights[0] - 0.8).abs() < 1e-12);
        assert_eq!(a.consistency_ratio, Some(0.0));
    }

    #[test]
    fn tables_are_named_and_cover_fifteen() {
        for t in RANDOM_INDEX_TABLES {
            assert_eq!(RandomIndexTable::by_name(t.name), Some(t));
            assert_eq!(t.random_index(1), Some(0.0));
            assert!(t.random_index(15).is_some());
            assert_eq!(t.random_index(16), None);
        }
        assert_eq!(SAATY_1980.random_index(7), Some(1.32));
        assert_eq!(SAATY_2005.random_index(7), Some(1.35));
    }

    #[test]
    fn elicited_weights_record_the_derivation() {
        let m = PairwiseMatrix::from_upper_triangle(3, &[3.0, 5.0, 3.0]).unwrap();
        let a = analyse(&m, DEFAULT_RANDOM_INDEX).unwrap();
        let e = a.to_elicited(&m, AhpDerivation::GeometricMean);
        assert_eq!(e.weights, a.geometric_mean_weights);
        match e.method {
            WeightMethod::Ahp {
                derivation,
                random_index_table,
                ..
            } => {
                assert_eq!(derivation, AhpDerivation::GeometricMean);
                assert_eq!(random_index_table, "saaty_1980");
            }
            other => panic!("unexpected method {other:?}"),
        }
    }
}
