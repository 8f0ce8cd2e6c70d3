//! Explanation and one-way sensitivity of the weighted sum.
//!
//! This file owns what makes a total (per candidate the contribution `w_j · s_ij` of every
//! criterion: the data of a stacked bar), the gap between first and second with a close-call
//! flag, and the closed-form one-way sensitivity per criterion.
//!
//! # One-way sensitivity, in closed form
//! Moving the weight of criterion `k` to `t` rescales the other weights proportionally so that
//! they keep their mutual ratios and still sum to 1 ([`rescale_weights`]):
//! `w_j(t) = w_j · (1 − t) / (1 − w_k)` for `j ≠ k`. Every candidate's total is then linear in t:
//!
//! `S_i(t) = R_i + t · (s_ik − R_i)`, with `R_i = Σ_{j≠k} w_j s_ij / (1 − w_k)`
//!
//! (`R_i` is the total on the other criteria alone). The leader `L` and a rival `r` tie where
//! `S_L(t) = S_r(t)`, a single crossing weight per rival; the interval `[lower, upper]` of t in
//! which no rival scores higher than the leader is the intersection of the half-lines on which
//! each rival stays behind. No search, no sampling.
//!
//! When `w_k = 1` the other weights are all zero and have no ratios to keep; the convention is
//! then to share `1 − t` equally among them (`R_i` = plain mean of the other scores).
//!
//! The weights reported at the ends of the interval are **break-even** weights: there the
//! leader and the rival tie exactly; any further move hands the lead to the rival.

use serde::{Deserialize, Serialize};

use super::{Matrix, McdaError, leader, rank_descending, validate_weights};

/// A gap between first and second below this many points (on the 0–10 scale of the weighted
/// total) is a close call: less than a quarter of one score step, the resolution at which scores
/// are usually given, so a different but equally defensible scoring could swap the two.
pub const CLOSE_CALL_GAP: f64 = 0.25;

/// Crossing weights within this distance of 0 or 1 are treated as lying on the boundary
/// (no flip possible inside `[0, 1]`).
const BOUNDARY_EPS: f64 = 1e-12;

/// What makes up one candidate's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateBreakdown {
    /// Candidate index (row of the matrix).
    pub candidate: usize,
    /// `w_j · s_ij` per criterion: the segments of the stacked bar.
    pub contributions: Vec<f64>,
    /// Sum of the contributions (0–10).
    pub total: f64,
    /// Competition rank of the total (1 = best).
    pub rank: usize,
}

/// Totals, their make-up, and how clear the winner is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// One breakdown per candidate, in matrix order.
    pub candidates: Vec<CandidateBreakdown>,
    /// Index of the leader (ties: lowest index).
    pub leader: usize,
    /// Index of the best other candidate; `None` with a single candidate.
    pub runner_up: Option<usize>,
    /// Total of the leader minus total of the runner-up.
    pub gap: Option<f64>,
    /// `gap < CLOSE_CALL_GAP`.
    pub close_call: bool,
}

/// Breaks every total into its per-criterion contributions and measures the lead.
///
/// # Errors
/// When `weights` is not a normalised weight vector for the matrix.
pub fn explain(matrix: &Matrix, weights: &[f64]) -> Result<Explanation, McdaError> {
    validate_weights(weights, matrix.criteria())?;
    let totals = matrix.weighted_sum_unchecked(weights);
    let ranks = rank_descending(&totals);
    let candidates = (0..matrix.candidates())
        .map(|i| CandidateBreakdown {
            candidate: i,
            contributions: matrix
                .row(i)
                .iter()
                .zip(weights)
                .map(|(s, w)| s * w)
                .collect(),
            total: totals[i],
            rank: ranks[i],
        })
        .collect();
    let first = leader(&totals).ok_or(McdaError::NoCandidates)?;
    let runner_up = runner_up(&totals, first);
    let gap = runner_up.map(|r| totals[first] - totals[r]);
    Ok(Explanation {
        candidates,
        leader: first,
        runner_up,
        gap,
        close_call: gap.is_some_and(|g| g < CLOSE_CALL_GAP),
    })
}

fn runner_up(totals: &[f64], first: usize) -> Option<usize> {
    let others: Vec<f64> = totals
        .iter()
        .enumerate()
        .map(|(i, &t)| if i == first { f64::NEG_INFINITY } else { t })
        .collect();
    if totals.len() < 2 {
        None
    } else {
        leader(&others)
    }
}

/// The weights after setting criterion `k` to `t` and rescaling the others proportionally (see
/// the module doc, including the convention for `w_k = 1`).
///
/// # Errors
/// When `weights` is not normalised, `k` is out of range, or `t` is outside `[0, 1]`.
pub fn rescale_weights(weights: &[f64], k: usize, t: f64) -> Result<Vec<f64>, McdaError> {
    validate_weights(weights, weights.len())?;
    if k >= weights.len() {
        return Err(McdaError::LengthMismatch {
            what: "criterion index below the number of criteria",
            expected: weights.len(),
            found: k,
        });
    }
    if !(0.0..=1.0).contains(&t) {
        return Err(McdaError::InvalidWeight {
            criterion: k,
            value: t,
        });
    }
    let n = weights.len();
    let rest = 1.0 - weights[k];
    Ok((0..n)
        .map(|j| {
            if j == k {
                t
            } else if rest > BOUNDARY_EPS {
                weights[j] * (1.0 - t) / rest
            } else {
                (1.0 - t) / (n - 1) as f64
            }
        })
        .collect())
}

/// Where one rival ties the leader when only criterion `k`'s weight moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RivalCrossing {
    /// The rival's candidate index.
    pub rival: usize,
    /// Break-even weight of criterion `k` in `[0, 1]`.
    pub weight: f64,
    /// Whether the rival overtakes the leader above this weight (`true`) or below it.
    pub overtakes_above: bool,
}

/// One-way sensitivity for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionSensitivity {
    /// Criterion index.
    pub criterion: usize,
    /// Its current weight.
    pub current_weight: f64,
    /// Lowest weight at which the leader still leads (break-even, or 0).
    pub lower: f64,
    /// Highest weight at which the leader still leads (break-even, or 1).
    pub upper: f64,
    /// Who takes over just below `lower` (`None` when `lower` is 0: no flip that way).
    pub takeover_below: Option<usize>,
    /// Who takes over just above `upper` (`None` when `upper` is 1: no flip that way).
    pub takeover_above: Option<usize>,
    /// Every rival's crossing inside `[0, 1]`, sorted by weight (a rival that never catches
    /// up in `[0, 1]` is absent).
    pub crossings: Vec<RivalCrossing>,
}

/// The smallest change of one weight that hands the lead to another candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightFlip {
    /// Which criterion's weight moves.
    pub criterion: usize,
    /// Its current weight.
    pub from_weight: f64,
    /// The break-even weight (the tie); just past it the lead changes.
    pub to_weight: f64,
    /// `|to_weight − from_weight|`.
    pub change: f64,
    /// Who takes over.
    pub new_leader: usize,
}

/// One-way sensitivity of the whole problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityReport {
    /// The current leader (ties: lowest index).
    pub leader: usize,
    /// One entry per criterion.
    pub criteria: Vec<CriterionSensitivity>,
    /// The smallest single-weight change that flips the winner; `None` when no single weight in
    /// `[0, 1]` can (ties between criteria: lowest criterion index, then the downward move).
    pub smallest_flip: Option<WeightFlip>,
}

/// Closed-form one-way sensitivity of the weighted sum for every criterion.
///
/// # Errors
/// When `weights` is not a normalised weight vector for the matrix.
pub fn one_way(matrix: &Matrix, weights: &[f64]) -> Result<SensitivityReport, McdaError> {
    validate_weights(weights, matrix.criteria())?;
    let totals = matrix.weighted_sum_unchecked(weights);
    let lead = leader(&totals).ok_or(McdaError::NoCandidates)?;
    let criteria: Vec<CriterionSensitivity> = (0..matrix.criteria())
        .map(|k| criterion_sensitivity(matrix, weights, lead, k))
        .collect();
    let mut smallest_flip: Option<WeightFlip> = None;
    for c in &criteria {
        let sides = [(c.takeover_below, c.lower), (c.takeover_above, c.upper)];
        for (takeover, to_weight) in sides {
            if let Some(new_leader) = takeover {
                let change = (to_weight - c.current_weight).abs();
                if smallest_flip.as_ref().is_none_or(|f| change < f.change) {
                    smallest_flip = Some(WeightFlip {
                        criterion: c.criterion,
                        from_weight: c.current_weight,
                        to_weight,
                        change,
                        new_leader,
                    });
                }
            }
        }
    }
    Ok(SensitivityReport {
        leader: lead,
        criteria,
        smallest_flip,
    })
}

fn criterion_sensitivity(
    matrix: &Matrix,
    weights: &[f64],
    lead: usize,
    k: usize,
) -> CriterionSensitivity {
    let n = matrix.criteria();
    let wk = weights[k];
    let mut result = CriterionSensitivity {
        criterion: k,
        current_weight: wk,
        lower: 0.0,
        upper: 1.0,
        takeover_below: None,
        takeover_above: None,
        crossings: Vec::new(),
    };
    if n == 1 {
        // A single criterion always weighs 1: nothing can move.
        result.lower = 1.0;
        return result;
    }
    let rest = 1.0 - wk;
    // (R_i, slope_i) with S_i(t) = R_i + t · slope_i.
    let line = |i: usize| {
        let row = matrix.row(i);
        let r = if rest > BOUNDARY_EPS {
            (0..n)
                .filter(|&j| j != k)
                .map(|j| weights[j] * row[j])
                .sum::<f64>()
                / rest
        } else {
            (0..n).filter(|&j| j != k).map(|j| row[j]).sum::<f64>() / (n - 1) as f64
        };
        (r, row[k] - r)
    };
    let (r_lead, slope_lead) = line(lead);
    // Best (largest-slope above, smallest-slope below) rival at the binding crossing.
    let mut above: Option<(f64, f64, usize)> = None; // (t*, slope, rival)
    let mut below: Option<(f64, f64, usize)> = None;
    for rival in (0..matrix.candidates()).filter(|&i| i != lead) {
        let (r_rival, slope_rival) = line(rival);
        let a = r_lead - r_rival;
        let b = slope_lead - slope_rival;
        if b.abs() <= f64::EPSILON * (1.0 + a.abs()) {
            continue; // parallel: the order never changes
        }
        let t = -a / b;
        if b < 0.0 {
            // The leader's advantage shrinks as t grows: the rival overtakes above t.
            if t < 1.0 - BOUNDARY_EPS {
                let t = t.max(0.0);
                result.crossings.push(RivalCrossing {
                    rival,
                    weight: t,
                    overtakes_above: true,
                });
                let better = match above {
                    None => true,
                    Some((bt, bs, _)) => t < bt || (t == bt && slope_rival > bs),
                };
                if better {
                    above = Some((t, slope_rival, rival));
                }
            }
        } else if t > BOUNDARY_EPS {
            let t = t.min(1.0);
            result.crossings.push(RivalCrossing {
                rival,
                weight: t,
                overtakes_above: false,
            });
            let better = match below {
                None => true,
                Some((bt, bs, _)) => t > bt || (t == bt && slope_rival < bs),
            };
            if better {
                below = Some((t, slope_rival, rival));
            }
        }
    }
    result
        .crossings
        .sort_by(|x, y| x.weight.total_cmp(&y.weight).then(x.rival.cmp(&y.rival)));
    if let Some((t, _, rival)) = above {
        result.upper = t.max(wk);
        result.takeover_above = Some(rival);
    }
    if let Some((t, _, rival)) = below {
        result.lower = t.min(wk);
        result.takeover_below = Some(rival);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> (Matrix, Vec<f64>) {
        let m = Matrix::new(&[
            vec![8.0, 4.0, 6.0],
            vec![5.0, 9.0, 5.0],
            vec![6.0, 6.0, 6.0],
        ])
        .unwrap();
        (m, vec![0.5, 0.3, 0.2])
    }

    #[test]
    fn contributions_add_up_to_the_totals() {
        let (m, w) = problem();
        let e = explain(&m, &w).unwrap();
        assert_eq!(e.leader, 0);
        assert_eq!(e.runner_up, Some(1));
        for c in &e.candidates {
            let sum: f64 = c.contributions.iter().sum();
            assert!((sum - c.total).abs() < 1e-12);
        }
        assert_eq!(
            e.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        // 6.4 vs 6.2: a close call.
        assert!((e.gap.unwrap() - 0.2).abs() < 1e-12);
        assert!(e.close_call);
        // 7.0 vs 6.0: clear.
        let clear = explain(&m, &[0.7, 0.2, 0.1]).unwrap();
        assert_eq!(clear.runner_up, Some(2));
        assert!((clear.gap.unwrap() - 1.0).abs() < 1e-12);
        assert!(!clear.close_call);
    }

    #[test]
    fn rescaling_keeps_ratios_and_the_sum() {
        let w = rescale_weights(&[0.5, 0.3, 0.2], 0, 0.8).unwrap();
        assert!((w[0] - 0.8).abs() < 1e-15);
        assert!((w[1] - 0.12).abs() < 1e-12 && (w[2] - 0.08).abs() < 1e-12);
        let from_one = rescale_weights(&[1.0, 0.0, 0.0], 0, 0.4).unwrap();
        assert_eq!(from_one, vec![0.4, 0.3, 0.3]);
        assert!(rescale_weights(&[0.5, 0.5], 0, 1.5).is_err());
        assert!(rescale_weights(&[0.5, 0.5], 2, 0.5).is_err());
    }

    #[test]
    fn interval_ends_are_ties_and_flips_happen_just_beyond() {
        let (m, w) = problem();
        let report = one_way(&m, &w).unwrap();
        assert_eq!(report.leader, 0);
        for c in &report.criteria {
            assert!(c.lower <= c.current_weight && c.current_weight <= c.upper);
            for (takeover, t, step) in [
                (c.takeover_below, c.lower, -1e-6),
                (c.takeover_above, c.upper, 1e-6),
            ] {
                if let Some(rival) = takeover {
                    let at = rescale_weights(&w, c.criterion, t).unwrap();
                    let totals = m.weighted_sum(&at).unwrap();
                    assert!((totals[0] - totals[rival]).abs() < 1e-9);
                    let past = rescale_weights(&w, c.criterion, t + step).unwrap();
                    assert_eq!(leader(&m.weighted_sum(&past).unwrap()), Some(rival));
                }
            }
        }
        // Criterion 1 (where candidate 1 excels): S_0 = 52/7 − 24/7 t, S_1 = 5 + 4 t → t = 17/52.
        let c1 = &report.criteria[1];
        assert_eq!(c1.takeover_above, Some(1));
        assert!((c1.upper - 17.0 / 52.0).abs() < 1e-12);
        // Criterion 0: S_0 = 4.8 + 3.2 t, S_1 = 7.4 − 2.4 t → t = 13/28, a downward flip.
        let c0 = &report.criteria[0];
        assert_eq!(c0.takeover_below, Some(1));
        assert!((c0.lower - 13.0 / 28.0).abs() < 1e-12);
        // Criterion 2: the rivals only tie at the ends of [0, 1]: no flip.
        assert_eq!(report.criteria[2].takeover_above, None);
        assert_eq!(report.criteria[2].takeover_below, None);
        let flip = report.smallest_flip.unwrap();
        assert_eq!(flip.criterion, 1);
        assert_eq!(flip.new_leader, 1);
        assert!((flip.change - (17.0 / 52.0 - 0.3)).abs() < 1e-12);
    }

    #[test]
    fn a_dominating_leader_cannot_be_flipped() {
        let m = Matrix::new(&[vec![9.0, 9.0], vec![1.0, 2.0]]).unwrap();
        let report = one_way(&m, &[0.5, 0.5]).unwrap();
        assert_eq!(report.smallest_flip, None);
        assert!(
            report
                .criteria
                .iter()
                .all(|c| c.lower == 0.0 && c.upper == 1.0)
        );
    }

    #[test]
    fn single_criterion_and_single_candidate_are_trivial() {
        let m = Matrix::new(&[vec![3.0], vec![5.0]]).unwrap();
        let report = one_way(&m, &[1.0]).unwrap();
        assert_eq!(report.leader, 1);
        assert_eq!(
            (report.criteria[0].lower, report.criteria[0].upper),
            (1.0, 1.0)
        );
        let alone = explain(&Matrix::new(&[vec![3.0, 4.0]]).unwrap(), &[0.5, 0.5]).unwrap();
        assert_eq!(alone.runner_up, None);
        assert!(!alone.close_call);
    }
}
