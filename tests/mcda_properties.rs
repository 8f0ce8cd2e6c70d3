//! Property tests of the MCDA core: invariants that must hold for every input.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use proptest::prelude::*;
use wolkwijzer::core::mcda::ahp::{PairwiseMatrix, SAATY_1980, analyse};
use wolkwijzer::core::mcda::elicitation::{direct_points, rank_order_centroid, rank_sum, swing};
use wolkwijzer::core::mcda::group::{
    aggregate_judgements, analyse_group, kendall_w, mean_weights, weight_agreement,
};
use wolkwijzer::core::mcda::sensitivity::{one_way, rescale_weights};
use wolkwijzer::core::mcda::smaa::{SmaaConfig, WeightRange, WeightSpace, smaa};
use wolkwijzer::core::mcda::topsis::topsis;
use wolkwijzer::core::mcda::{Matrix, leader, normalise};

/// Scores: half continuous, half whole numbers (whole numbers make ties likely).
fn score() -> impl Strategy<Value = f64> {
    prop_oneof![0.0..=10.0_f64, (0u8..=10).prop_map(f64::from)]
}

/// A matrix of 2–7 candidates × 2–6 criteria; sometimes the last row repeats the first, so
/// that exact ties occur.
fn matrix() -> impl Strategy<Value = Matrix> {
    (2usize..=7, 2usize..=6, any::<bool>()).prop_flat_map(|(m, n, duplicate)| {
        prop::collection::vec(prop::collection::vec(score(), n), m).prop_map(move |mut rows| {
            if duplicate {
                rows.push(rows[0].clone());
            }
            Matrix::new(&rows).expect("scores are in range")
        })
    })
}

/// Normalised weights of length `n`, some possibly zero.
fn weights(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0..1.0_f64], n)
        .prop_filter("not all zero", |v| v.iter().sum::<f64>() > 1e-3)
        .prop_map(|v| normalise(&v).expect("positive sum"))
}

fn matrix_and_weights() -> impl Strategy<Value = (Matrix, Vec<f64>)> {
    matrix().prop_flat_map(|m| {
        let n = m.criteria();
        (Just(m), weights(n))
    })
}

/// A pairwise matrix on Saaty's scale of size 2–8.
fn pairwise() -> impl Strategy<Value = PairwiseMatrix> {
    const SCALE: [f64; 17] = [
        1.0 / 9.0,
        1.0 / 8.0,
        1.0 / 7.0,
        1.0 / 6.0,
        1.0 / 5.0,
        1.0 / 4.0,
        1.0 / 3.0,
        1.0 / 2.0,
        1.0,
        2.0,
        3.0,
        4.0,
        5.0,
        6.0,
        7.0,
        8.0,
        9.0,
    ];
    (2usize..=8).prop_flat_map(|n| {
        prop::collection::vec(prop::sample::select(&SCALE[..]), n * (n - 1) / 2).prop_map(
            move |upper| PairwiseMatrix::from_upper_triangle(n, &upper).expect("on the scale"),
        )
    })
}

fn sums_to_one(w: &[f64]) -> bool {
    (w.iter().sum::<f64>() - 1.0).abs() < 1e-9 && w.iter().all(|&x| x >= 0.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn smaa_acceptabilities_sum_to_one_both_ways(
        (m, seed, samples) in (matrix(), any::<u64>(), 1usize..3_000),
    ) {
        let config = SmaaConfig { samples, seed, ..SmaaConfig::default() };
        let r = smaa(&m, &config).unwrap();
        let k = m.candidates();
        for (i, row) in r.rank_acceptability.iter().enumerate() {
            let sum: f64 = row.iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "candidate {i}: {sum}");
        }
        for rank in 0..k {
            let sum: f64 = r.rank_acceptability.iter().map(|row| row[rank]).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "rank {}: {sum}", rank + 1);
        }
        for c in r.central_weights.iter().flatten() {
            prop_assert!(sums_to_one(c), "central weights {c:?}");
        }
    }

    #[test]
    fn smaa_within_ranges_keeps_sums_and_ranges(
        (m, seed) in (matrix(), any::<u64>()),
        width in 0.2..0.6_f64,
    ) {
        let n = m.criteria();
        let centre = 1.0 / n as f64;
        let ranges: Vec<WeightRange> = (0..n)
            .map(|_| WeightRange { lo: (centre - width / 2.0).max(0.0), hi: (centre + width / 2.0).min(1.0) })
            .collect();
        let config = SmaaConfig {
            samples: 500,
            seed,
            weights: WeightSpace::Ranges(ranges.clone()),
            ..SmaaConfig::default()
        };
        let r = smaa(&m, &config).unwrap();
        for row in &r.rank_acceptability {
            prop_assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        for c in r.central_weights.iter().flatten() {
            prop_assert!(sums_to_one(c));
            for (x, range) in c.iter().zip(&ranges) {
                prop_assert!(range.lo - 1e-12 <= *x && *x <= range.hi + 1e-12);
            }
        }
    }

    #[test]
    fn break_even_weights_reproduce_a_tie((m, w) in matrix_and_weights()) {
        let report = one_way(&m, &w).unwrap();
        let lead = report.leader;
        for c in &report.criteria {
            prop_assert!(c.lower <= c.current_weight + 1e-12 && c.current_weight <= c.upper + 1e-12);
            for (takeover, t) in [(c.takeover_below, c.lower), (c.takeover_above, c.upper)] {
                if let Some(rival) = takeover {
                    let at = rescale_weights(&w, c.criterion, t).unwrap();
                    prop_assert!(sums_to_one(&at));
                    let totals = m.weighted_sum(&at).unwrap();
                    prop_assert!(
                        (totals[lead] - totals[rival]).abs() < 1e-9,
                        "criterion {} at {t}: leader {} vs rival {}", c.criterion, totals[lead], totals[rival]
                    );
                }
            }
            for crossing in &c.crossings {
                let at = rescale_weights(&w, c.criterion, crossing.weight).unwrap();
                let totals = m.weighted_sum(&at).unwrap();
                // A crossing clamped to 0 or 1 is where the rival is already ahead at the edge.
                if crossing.weight > 0.0 && crossing.weight < 1.0 {
                    prop_assert!((totals[lead] - totals[crossing.rival]).abs() < 1e-9);
                }
            }
        }
        if let Some(flip) = &report.smallest_flip {
            let at = rescale_weights(&w, flip.criterion, flip.to_weight).unwrap();
            let totals = m.weighted_sum(&at).unwrap();
            prop_assert!((totals[lead] - totals[flip.new_leader]).abs() < 1e-9);
            // Every interval is at least as wide on that side as the smallest flip.
            for c in &report.criteria {
                if c.takeover_above.is_some() {
                    prop_assert!(c.upper - c.current_weight >= flip.change - 1e-12);
                }
                if c.takeover_below.is_some() {
                    prop_assert!(c.current_weight - c.lower >= flip.change - 1e-12);
                }
            }
        }
    }

    #[test]
    fn inside_the_stability_interval_the_leader_stays_first(
        (m, w) in matrix_and_weights(),
        position in 0.0..=1.0_f64,
    ) {
        let report = one_way(&m, &w).unwrap();
        let totals_now = m.weighted_sum(&w).unwrap();
        for c in &report.criteria {
            let t = c.lower + position * (c.upper - c.lower);
            let totals = m.weighted_sum(&rescale_weights(&w, c.criterion, t).unwrap()).unwrap();
            let best = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(
                totals[report.leader] >= best - 1e-9,
                "criterion {} at {t}: leader {} < best {best} (now {:?})",
                c.criterion, totals[report.leader], totals_now
            );
        }
    }

    #[test]
    fn identical_members_aggregate_to_the_member(
        (m, w) in matrix_and_weights(),
        members in 1usize..6,
    ) {
        let copies = vec![w.clone(); members];
        let group = mean_weights(&copies).unwrap();
        for (a, b) in group.weights.iter().zip(&w) {
            prop_assert!((a - b).abs() < 1e-12);
        }
        let admissible = vec![vec![true; m.candidates()]; members];
        let g = analyse_group(&m, &copies, &group.weights, &admissible).unwrap();
        let own = analyse_group(&m, std::slice::from_ref(&w), &w, &admissible[..1]).unwrap();
        prop_assert_eq!(&g.group_ranks, &own.group_ranks);
        for ranks in &g.member_ranks {
            prop_assert_eq!(ranks, &own.group_ranks);
        }
        prop_assert!((g.consensus.kendall_w - 1.0).abs() < 1e-12);
        prop_assert!((g.consensus.weight_agreement - 1.0).abs() < 1e-12);
        prop_assert!(g.spreads.iter().all(|s| !s.disputed && s.range == 0.0));
        let totals = m.weighted_sum(&w).unwrap();
        prop_assert_eq!(g.best_admissible, leader(&totals));
    }

    #[test]
    fn identical_ahp_members_aggregate_to_the_member(a in pairwise(), members in 1usize..6) {
        let copies = vec![a.clone(); members];
        let aggregate = aggregate_judgements(&copies).unwrap();
        let ours = analyse(&aggregate, &SAATY_1980).unwrap();
        let theirs = analyse(&a, &SAATY_1980).unwrap();
        for (x, y) in ours.eigenvector_weights.iter().zip(&theirs.eigenvector_weights) {
            prop_assert!((x - y).abs() < 1e-9);
        }
        prop_assert!((ours.lambda_max - theirs.lambda_max).abs() < 1e-9);
    }

    #[test]
    fn every_elicitation_gives_normalised_weights(
        points in prop::collection::vec(0.0..100.0_f64, 1..10)
            .prop_filter("positive", |p| p.iter().sum::<f64>() > 1e-3),
        ranks in prop::collection::vec(1usize..6, 1..10),
        a in pairwise(),
    ) {
        prop_assert!(sums_to_one(&direct_points(&points).unwrap().weights));
        prop_assert!(sums_to_one(&rank_order_centroid(&ranks).unwrap().weights));
        prop_assert!(sums_to_one(&rank_sum(&ranks).unwrap().weights));
        // Swing: order the criteria by their points, top gets 100, others relative.
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by(|&x, &y| points[y].total_cmp(&points[x]));
        let top = points[order[0]];
        let ratings: Vec<f64> = points.iter().map(|p| if *p == top { 100.0 } else { 100.0 * p / top }).collect();
        prop_assert!(sums_to_one(&swing(&order, &ratings).unwrap().weights));
        let analysis = analyse(&a, &SAATY_1980).unwrap();
        prop_assert!(sums_to_one(&analysis.eigenvector_weights));
        prop_assert!(sums_to_one(&analysis.geometric_mean_weights));
        prop_assert!(analysis.lambda_max >= a.size() as f64 - 1e-9);
        prop_assert!(analysis.most_inconsistent.len() <= 3);
    }

    #[test]
    fn rankings_with_ties_keep_tied_criteria_equal(ranks in prop::collection::vec(1usize..4, 2..8)) {
        let roc = rank_order_centroid(&ranks).unwrap().weights;
        for i in 0..ranks.len() {
            for j in 0..ranks.len() {
                if ranks[i] == ranks[j] {
                    prop_assert!((roc[i] - roc[j]).abs() < 1e-15);
                } else if ranks[i] < ranks[j] {
                    prop_assert!(roc[i] > roc[j]);
                }
            }
        }
    }

    #[test]
    fn topsis_closeness_lies_in_the_unit_interval((m, w) in matrix_and_weights()) {
        let t = topsis(&m, &w).unwrap();
        prop_assert!(t.closeness.iter().all(|c| (0.0..=1.0).contains(c)));
    }

    #[test]
    fn kendall_w_and_agreement_lie_in_the_unit_interval(
        members in prop::collection::vec(prop::collection::vec(0.0..1.0_f64, 4), 1..5)
            .prop_filter("positive rows", |ms| ms.iter().all(|w| w.iter().sum::<f64>() > 1e-3)),
    ) {
        let normalised: Vec<Vec<f64>> = members.iter().map(|w| normalise(w).unwrap()).collect();
        let agreement = weight_agreement(&normalised).unwrap();
        prop_assert!((0.0..=1.0).contains(&agreement));
        let w = kendall_w(&normalised);
        prop_assert!((0.0..=1.0).contains(&w));
    }
}
