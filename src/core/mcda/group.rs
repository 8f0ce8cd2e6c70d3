//! The starter group: several municipalities, each with its own weights and constraints.
//!
//! This file owns aggregation of the members' weights, per-criterion disagreement, the
//! consensus indicators, and the candidates admissible for every member.
//!
//! # Conventions
//! - **Direct points and swing weights** aggregate as the arithmetic mean of the members'
//!   *normalised* weight vectors ([`mean_weights`]); the mean of vectors that sum to 1 sums to 1.
//! - **AHP** aggregates the judgements, not the weights: the element-wise geometric mean of the
//!   members' matrices (AIJ, Forman & Peniwati 1998), which keeps the matrix reciprocal; then the
//!   usual AHP derivation ([`aggregate_judgements`], [`group_ahp`]).
//! - **Disagreement** per criterion is the range (max − min) of the members' normalised weights,
//!   flagged when it exceeds [`SPREAD_FLAG_THRESHOLD`] (10 percentage points: one member giving
//!   a criterion 0.25 and another 0.15 is a real difference of view worth discussing). The
//!   population standard deviation is reported too.
//! - **Consensus** is reported two ways: *Kendall's W* (coefficient of concordance) of the
//!   members' own rankings of the candidates, with mid-ranks and the tie correction, and
//!   *weight agreement* `1 − mean_{pairs} ½ Σ_j |w_aj − w_bj|`, one minus the mean total-variation
//!   distance between two members' weight vectors. Both lie in `[0, 1]`, 1 = full agreement, and
//!   both are 1 for a single member.

use serde::{Deserialize, Serialize};

use super::ahp::{
    AhpAnalysis, AhpDerivation, PairwiseMatrix, RandomIndexTable, analyse, upper_pairs,
};
use super::elicitation::{ElicitedWeights, WeightMethod};
use super::{Matrix, McdaError, TIE_TOLERANCE, leader, rank_descending, validate_weights};

/// A criterion whose weights across members span more than this is flagged as disputed.
pub const SPREAD_FLAG_THRESHOLD: f64 = 0.10;

/// Arithmetic mean of the members' normalised weight vectors.
///
/// # Errors
/// [`McdaError::NoMembers`], or a member whose weights are not a normalised vector of the same
/// length as the first member's.
pub fn mean_weights(members: &[Vec<f64>]) -> Result<ElicitedWeights, McdaError> {
    let n = validate_members(members)?;
    let k = members.len() as f64;
    let weights = (0..n)
        .map(|j| members.iter().map(|w| w[j]).sum::<f64>() / k)
        .collect();
    Ok(ElicitedWeights {
        weights,
        method: WeightMethod::GroupMean {
            members: members.len(),
        },
    })
}

fn validate_members(members: &[Vec<f64>]) -> Result<usize, McdaError> {
    let first = members.first().ok_or(McdaError::NoMembers)?;
    for w in members {
        validate_weights(w, first.len())?;
    }
    Ok(first.len())
}

/// Element-wise geometric mean of the members' judgement matrices.
///
/// # Errors
/// [`McdaError::NoMembers`] or [`McdaError::LengthMismatch`] when the matrices differ in size.
pub fn aggregate_judgements(members: &[PairwiseMatrix]) -> Result<PairwiseMatrix, McdaError> {
    let first = members.first().ok_or(McdaError::NoMembers)?;
    let n = first.size();
    if let Some(other) = members.iter().find(|m| m.size() != n) {
        return Err(McdaError::LengthMismatch {
            what: "criterion in every member's pairwise matrix",
            expected: n,
            found: other.size(),
        });
    }
    let k = members.len() as f64;
    let upper: Vec<f64> = upper_pairs(n)
        .map(|(i, j)| (members.iter().map(|m| m.get(i, j).ln()).sum::<f64>() / k).exp())
        .collect();
    PairwiseMatrix::from_upper_triangle(n, &upper)
}

/// Group AHP: aggregate the judgements, analyse the aggregate, and record the weights of the
/// chosen derivation.
///
/// # Errors
/// As [`aggregate_judgements`] and [`analyse`].
pub fn group_ahp(
    members: &[PairwiseMatrix],
    table: &RandomIndexTable,
    derivation: AhpDerivation,
) -> Result<(AhpAnalysis, ElicitedWeights), McdaError> {
    let aggregate = aggregate_judgements(members)?;
    let analysis = analyse(&aggregate, table)?;
    let weights = match derivation {
        AhpDerivation::Eigenvector => analysis.eigenvector_weights.clone(),
        AhpDerivation::GeometricMean => analysis.geometric_mean_weights.clone(),
    };
    let elicited = ElicitedWeights {
        weights,
        method: WeightMethod::GroupAhp {
            members: members.len(),
            judgements: aggregate.to_rows(),
            consistency_ratio: analysis.consistency_ratio,
        },
    };
    Ok((analysis, elicited))
}

/// How far apart the members are on one criterion's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionSpread {
    /// Criterion index.
    pub criterion: usize,
    /// Lowest member weight.
    pub min: f64,
    /// Highest member weight.
    pub max: f64,
    /// `max − min`.
    pub range: f64,
    /// Population standard deviation of the member weights.
    pub std_dev: f64,
    /// `range > SPREAD_FLAG_THRESHOLD`.
    pub disputed: bool,
}

/// Spread of every criterion's weight across the members.
///
/// # Errors
/// As [`mean_weights`].
pub fn weight_spread(members: &[Vec<f64>]) -> Result<Vec<CriterionSpread>, McdaError> {
    let n = validate_members(members)?;
    let k = members.len() as f64;
    Ok((0..n)
        .map(|j| {
            let column = || members.iter().map(|w| w[j]);
            let min = column().fold(f64::INFINITY, f64::min);
            let max = column().fold(f64::NEG_INFINITY, f64::max);
            let mean = column().sum::<f64>() / k;
            let std_dev = (column().map(|x| (x - mean).powi(2)).sum::<f64>() / k).sqrt();
            CriterionSpread {
                criterion: j,
                min,
                max,
                range: max - min,
                std_dev,
                disputed: max - min > SPREAD_FLAG_THRESHOLD,
            }
        })
        .collect())
}

/// Mid-ranks (1 = best; tied values, within [`TIE_TOLERANCE`], share the mean of their
/// positions) and the tie-correction term `Σ (t³ − t)` over tie groups.
fn mid_ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut correction = 0.0;
    let ranks = values
        .iter()
        .map(|&v| {
            let better = values.iter().filter(|&&o| o > v + TIE_TOLERANCE).count();
            let equal = values
                .iter()
                .filter(|&&o| (o - v).abs() <= TIE_TOLERANCE)
                .count();
            // Each member of a group of size t adds t² − 1, so the group adds t³ − t.
            correction += (equal * equal - 1) as f64;
            better as f64 + (equal as f64 + 1.0) / 2.0
        })
        .collect();
    (ranks, correction)
}

/// Kendall's coefficient of concordance W of several members' scores of the same candidates
/// (higher score = better), with mid-ranks for ties and the standard tie correction:
/// `W = 12 S / (k² (m³ − m) − k Σ T)`.
///
/// Returns 1 for fewer than two members or candidates, and when every member ties every
/// candidate (nothing to disagree about).
pub fn kendall_w(scores_per_member: &[Vec<f64>]) -> f64 {
    let k = scores_per_member.len();
    let m = scores_per_member.first().map_or(0, Vec::len);
    if k < 2 || m < 2 {
        return 1.0;
    }
    let mut rank_sums = vec![0.0; m];
    let mut correction = 0.0;
    for scores in scores_per_member {
        let (ranks, t) = mid_ranks(scores);
        correction += t;
        for (sum, r) in rank_sums.iter_mut().zip(ranks) {
            *sum += r;
        }
    }
    let (k, m) = (k as f64, m as f64);
    let mean = k * (m + 1.0) / 2.0;
    let s: f64 = rank_sums.iter().map(|r| (r - mean).powi(2)).sum();
    let denominator = k * k * (m * m * m - m) - k * correction;
    if denominator <= 0.0 {
        1.0
    } else {
        (12.0 * s / denominator).clamp(0.0, 1.0)
    }
}

/// `1 − mean over member pairs of ½ Σ_j |w_aj − w_bj|` (1 for a single member).
///
/// # Errors
/// As [`mean_weights`].
pub fn weight_agreement(members: &[Vec<f64>]) -> Result<f64, McdaError> {
    validate_members(members)?;
    let mut distance = 0.0;
    let mut pairs = 0usize;
    for (a, wa) in members.iter().enumerate() {
        for wb in &members[a + 1..] {
            distance += wa.iter().zip(wb).map(|(x, y)| (x - y).abs()).sum::<f64>() / 2.0;
            pairs += 1;
        }
    }
    Ok(if pairs == 0 {
        1.0
    } else {
        (1.0 - distance / pairs as f64).clamp(0.0, 1.0)
    })
}

/// The consensus indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// Kendall's W of the members' own rankings of the candidates.
    pub kendall_w: f64,
    /// One minus the mean total-variation distance between members' weights.
    pub weight_agreement: f64,
}

/// Everything the group view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupAnalysis {
    /// The group's weights (as given to [`analyse_group`]).
    pub group_weights: Vec<f64>,
    /// Weighted totals with the group's weights.
    pub group_totals: Vec<f64>,
    /// Competition ranks of the group totals.
    pub group_ranks: Vec<usize>,
    /// Each member's own totals, `[member][candidate]`.
    pub member_totals: Vec<Vec<f64>>,
    /// Each member's own ranks, `[member][candidate]`.
    pub member_ranks: Vec<Vec<usize>>,
    /// Disagreement per criterion.
    pub spreads: Vec<CriterionSpread>,
    /// Consensus indicators.
    pub consensus: Consensus,
    /// Candidates that break no member's hard constraint, in matrix order.
    pub admissible_for_all: Vec<usize>,
    /// The best of those by group total (ties: lowest index); `None` when none is admissible.
    pub best_admissible: Option<usize>,
}

/// Analyses a group: `members[k]` are member k's normalised weights, `group_weights` the
/// aggregate (from [`mean_weights`] or [`group_ahp`]), `admissible[k][i]` whether candidate `i`
/// satisfies all of member k's hard constraints.
///
/// # Errors
/// [`McdaError::NoMembers`], weights that are not normalised or of the wrong length, or an
/// admissibility list of the wrong size.
pub fn analyse_group(
    matrix: &Matrix,
    members: &[Vec<f64>],
    group_weights: &[f64],
    admissible: &[Vec<bool>],
) -> Result<GroupAnalysis, McdaError> {
    validate_members(members)?;
    let group_totals = matrix.weighted_sum(group_weights)?;
    let member_totals = members
        .iter()
        .map(|w| matrix.weighted_sum(w))
        .collect::<Result<Vec<_>, _>>()?;
    if admissible.len() != members.len() {
        return Err(McdaError::LengthMismatch {
            what: "member (admissibility list)",
            expected: members.len(),
            found: admissible.len(),
        });
    }
    if let Some(bad) = admissible.iter().find(|a| a.len() != matrix.candidates()) {
        return Err(McdaError::LengthMismatch {
            what: "candidate (admissibility flag)",
            expected: matrix.candidates(),
            found: bad.len(),
        });
    }
    let admissible_for_all: Vec<usize> = (0..matrix.candidates())
        .filter(|&i| admissible.iter().all(|a| a[i]))
        .collect();
    let admissible_totals: Vec<f64> = admissible_for_all
        .iter()
        .map(|&i| group_totals[i])
        .collect();
    let best_admissible = leader(&admissible_totals).map(|p| admissible_for_all[p]);
    Ok(GroupAnalysis {
        group_weights: group_weights.to_vec(),
        group_ranks: rank_descending(&group_totals),
        member_ranks: member_totals.iter().map(|t| rank_descending(t)).collect(),
        consensus: Consensus {
            kendall_w: kendall_w(&member_totals),
            weight_agreement: weight_agreement(members)?,
        },
        spreads: weight_spread(members)?,
        group_totals,
        member_totals,
        admissible_for_all,
        best_admissible,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ahp::SAATY_1980;
    use super::*;

    #[test]
    fn mean_of_normalised_weights() {
        let e = mean_weights(&[vec![0.5, 0.5, 0.0], vec![0.1, 0.3, 0.6]]).unwrap();
        let expected = [0.3, 0.4, 0.3];
        for (x, y) in e.weights.iter().zip(expected) {
            assert!((x - y).abs() < 1e-15);
        }
        assert_eq!(e.method, WeightMethod::GroupMean { members: 2 });
        assert_eq!(mean_weights(&[]), Err(McdaError::NoMembers));
        assert!(mean_weights(&[vec![0.5, 0.5], vec![1.0]]).is_err());
        assert!(mean_weights(&[vec![0.5, 0.6]]).is_err());
    }

    #[test]
    fn judgements_aggregate_by_geometric_mean() {
        let a = PairwiseMatrix::from_upper_triangle(3, &[2.0, 4.0, 3.0]).unwrap();
        let b = PairwiseMatrix::from_upper_triangle(3, &[8.0, 1.0, 1.0 / 3.0]).unwrap();
        let g = aggregate_judgements(&[a.clone(), b]).unwrap();
        assert!((g.get(0, 1) - 4.0).abs() < 1e-12);
        assert!((g.get(0, 2) - 2.0).abs() < 1e-12);
        assert!((g.get(1, 2) - 1.0).abs() < 1e-12);
        assert!((g.get(1, 0) * g.get(0, 1) - 1.0).abs() < 1e-15);
        let (analysis, elicited) =
            group_ahp(&[a], &SAATY_1980, AhpDerivation::Eigenvector).unwrap();
        assert_eq!(elicited.weights, analysis.eigenvector_weights);
        let wrong = PairwiseMatrix::equal(2).unwrap();
        let three = PairwiseMatrix::equal(3).unwrap();
        assert!(aggregate_judgements(&[three, wrong]).is_err());
    }

    #[test]
    fn spread_flags_criteria_more_than_ten_points_apart() {
        let s = weight_spread(&[vec![0.5, 0.3, 0.2], vec![0.3, 0.35, 0.35]]).unwrap();
        assert!(s[0].disputed && (s[0].range - 0.2).abs() < 1e-12);
        assert!((s[0].std_dev - 0.1).abs() < 1e-12);
        assert!(!s[1].disputed);
        assert!(s[2].disputed);
    }

    #[test]
    fn kendall_w_is_one_for_agreement_and_zero_for_opposition() {
        let same = vec![vec![3.0, 2.0, 1.0], vec![9.0, 5.0, 4.0]];
        assert!((kendall_w(&same) - 1.0).abs() < 1e-12);
        let opposite = vec![vec![3.0, 2.0, 1.0], vec![1.0, 2.0, 3.0]];
        assert!(kendall_w(&opposite).abs() < 1e-12);
        // Textbook check: 3 judges, 4 items, ranks (1,2,3,4), (2,1,3,4), (1,3,2,4):
        // R = (4, 6, 8, 12), S = 35, W = 12·35 / (9 · 60) = 0.7778.
        let judges = vec![
            vec![4.0, 3.0, 2.0, 1.0],
            vec![3.0, 4.0, 2.0, 1.0],
            vec![4.0, 2.0, 3.0, 1.0],
        ];
        assert!((kendall_w(&judges) - 420.0 / 540.0).abs() < 1e-12);
        let all_tied = vec![vec![1.0, 1.0], vec![2.0, 2.0]];
        assert_eq!(kendall_w(&all_tied), 1.0);
        assert_eq!(kendall_w(&[vec![1.0, 2.0]]), 1.0);
    }

    #[test]
    fn weight_agreement_is_one_minus_mean_total_variation() {
        assert_eq!(weight_agreement(&[vec![0.5, 0.5]]).unwrap(), 1.0);
        let a = weight_agreement(&[vec![1.0, 0.0], vec![0.0, 1.0]]).unwrap();
        assert!(a.abs() < 1e-15);
        let b = weight_agreement(&[vec![0.6, 0.4], vec![0.4, 0.6]]).unwrap();
        assert!((b - 0.8).abs() < 1e-12);
    }

    #[test]
    fn group_analysis_puts_members_beside_the_group() {
        let m = Matrix::new(&[vec![9.0, 2.0], vec![5.0, 6.0], vec![2.0, 9.0]]).unwrap();
        let members = vec![vec![0.8, 0.2], vec![0.2, 0.8]];
        let group = mean_weights(&members).unwrap();
        let admissible = vec![vec![true, true, true], vec![false, true, true]];
        let g = analyse_group(&m, &members, &group.weights, &admissible).unwrap();
        assert_eq!(g.member_ranks[0][0], 1);
        assert_eq!(g.member_ranks[1][2], 1);
        assert_eq!(g.admissible_for_all, vec![1, 2]);
        // Group weights (0.5, 0.5): totals 5.5, 5.5, 5.5 — a three-way tie; lowest admissible.
        assert_eq!(g.group_ranks, vec![1, 1, 1]);
        assert_eq!(g.best_admissible, Some(1));
        assert!(g.consensus.kendall_w < 0.5);
        assert!(g.spreads.iter().all(|s| s.disputed));
        assert!(analyse_group(&m, &members, &group.weights, &admissible[..1]).is_err());
        let short = vec![vec![true], vec![true]];
        assert!(analyse_group(&m, &members, &group.weights, &short).is_err());
    }
}
