//! Key-driven tests of the decision tools in the TUI: actions go through `update` and the
//! resulting state is asserted. AHP judgements give the core's weights and CR, redoing the most
//! inconsistent pair lowers CR; swing, ROC and rank-sum give their documented vectors; the
//! ranking re-orders; the session records the method and old sessions still load; the group
//! starts from the members' own weights; the sensitivity analysis is cached and follows the
//! weights.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::mcda::ahp::{self, PairwiseMatrix};
use wolkwijzer::core::mcda::elicitation::WeightMethod;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::store;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::mcda::Method;
use wolkwijzer::tui::{Action, Screen, State, update};

fn keys(state: &mut State, s: &str) {
    for c in s.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        if let Some(a) = action_for_key(state, KeyEvent::new(KeyCode::Char(c), mods)) {
            update(state, a);
        }
    }
}

fn repeat(state: &mut State, a: Action, n: usize) {
    common::feed(state, &vec![a; n]);
}

/// The normalised weights of the municipality in focus, by criterion.
fn shares(state: &State) -> Vec<(Criterion, f64)> {
    let w = state.member_weights();
    let total: f64 = w.0.values().sum();
    w.0.iter().map(|(&c, &v)| (c, v / total)).collect()
}

fn share(state: &State, c: Criterion) -> f64 {
    shares(state)
        .into_iter()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| v)
        .unwrap_or(0.0)
}

fn on_weights(method_steps: usize) -> State {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "6");
    assert_eq!(s.screen, Screen::Weights);
    for _ in 0..method_steps {
        keys(&mut s, "t");
    }
    s
}

fn cr(state: &State) -> f64 {
    state.elicit[state.member]
        .analysis
        .as_ref()
        .and_then(|a| a.consistency_ratio)
        .expect("a consistency ratio for six criteria")
}

#[test]
fn ahp_judgements_give_the_cores_weights_and_cr_and_redoing_the_worst_pair_lowers_it() {
    let mut s = on_weights(4);
    assert_eq!(s.elicit[0].method, Method::Ahp);
    let criteria = s.elicit[0].criteria.clone();
    assert_eq!(criteria.len(), 6, "the demo weighs six criteria");
    // AHP starts from the weights the room had: each judgement their ratio on Saaty's scale.
    let start: Vec<f64> = ahp::upper_pairs(6)
        .map(|(i, j)| s.elicit[0].ahp.get(i, j))
        .collect();
    let step = |k: usize, by: i32| {
        wolkwijzer::tui::mcda::judgement_of(wolkwijzer::tui::mcda::position_of(start[k]) + by)
    };
    // Pair 0 (privacy : cost) = 5, pair 1 (privacy : control) = 3, pair 5 (cost : control) = 1/7:
    // privacy over cost and over control, but control far over cost — a contradiction.
    repeat(&mut s, Action::Left, 4);
    update(&mut s, Action::Down);
    repeat(&mut s, Action::Left, 2);
    repeat(&mut s, Action::Down, 4);
    repeat(&mut s, Action::Right, 6);

    let mut upper = start.clone();
    upper[0] = step(0, 4);
    upper[1] = step(1, 2);
    upper[5] = step(5, -6);
    let m = PairwiseMatrix::from_upper_triangle(6, &upper).unwrap();
    let expected = ahp::analyse(&m, ahp::DEFAULT_RANDOM_INDEX).unwrap();
    for (k, &c) in criteria.iter().enumerate() {
        assert!(
            (share(&s, c) - expected.eigenvector_weights[k]).abs() < 1e-9,
            "{c:?}"
        );
    }
    let before = cr(&s);
    assert!((before - expected.consistency_ratio.unwrap()).abs() < 1e-12);
    assert!(before > 0.10, "CR {before} should be flagged");
    match &s.weight_records[0].as_ref().unwrap().how {
        WeightMethod::Ahp {
            random_index_table, ..
        } => assert_eq!(random_index_table, "saaty_1980"),
        other => panic!("recorded {other:?}"),
    }

    // From a consistent pair, `i` jumps to the most inconsistent judgement (again: the next
    // one); the room redoes it as "equal".
    repeat(&mut s, Action::Down, 9);
    keys(&mut s, "i");
    let worst = &s.elicit[0].analysis.as_ref().unwrap().most_inconsistent[0];
    let pair = s.elicit[0].pairs()[s.elicit[0].pair];
    assert_eq!(pair, (worst.i.min(worst.j), worst.i.max(worst.j)));
    repeat(&mut s, Action::Left, 6);
    let after = cr(&s);
    assert!(after < before, "CR {after} should be below {before}");
}

#[test]
fn swing_weighting_gives_ratings_over_their_sum() {
    let mut s = on_weights(1);
    assert_eq!(s.elicit[0].method, Method::Swing);
    // Demo weights 30/20/15/15/15/5 → ratings 100, 65, 50, 50, 50, 15 (rounded to 5).
    assert_eq!(
        s.elicit[0].ratings,
        vec![100.0, 65.0, 50.0, 50.0, 50.0, 15.0]
    );
    update(&mut s, Action::Select);
    assert!((share(&s, Criterion::Privacy) - 100.0 / 330.0).abs() < 1e-12);
    assert!((share(&s, Criterion::CostPredictability) - 65.0 / 330.0).abs() < 1e-12);
    assert!((share(&s, Criterion::Exit) - 15.0 / 330.0).abs() < 1e-12);
    // Lowering the second swing lowers its weight and nothing else's rating.
    update(&mut s, Action::Down);
    repeat(&mut s, Action::Decrease, 3);
    assert!((share(&s, Criterion::CostPredictability) - 50.0 / 315.0).abs() < 1e-12);
    assert!(matches!(
        s.weight_records[0].as_ref().unwrap().how,
        WeightMethod::Swing { .. }
    ));
}

#[test]
fn roc_and_rank_sum_give_the_documented_vectors_and_the_ranking_reorders() {
    let mut s = on_weights(2);
    assert_eq!(s.elicit[0].method, Method::Roc);
    update(&mut s, Action::Select);
    // ROC for n = 6: first (1 + 1/2 + … + 1/6) / 6, last (1/6) / 6.
    let h6: f64 = (1..=6).map(|k| 1.0 / k as f64).sum();
    assert!((share(&s, Criterion::Privacy) - h6 / 6.0).abs() < 1e-9);
    assert!((share(&s, Criterion::Exit) - 1.0 / 36.0).abs() < 1e-9);
    let leader = s.evaluation().unwrap().leader().unwrap().key;

    // Privacy to the bottom of the order: the ranking re-orders live.
    repeat(&mut s, Action::MoveItemDown, 5);
    assert_eq!(s.elicit[0].order.last().copied(), Some(0));
    assert!((share(&s, Criterion::Privacy) - 1.0 / 36.0).abs() < 1e-9);
    assert_ne!(s.evaluation().unwrap().leader().unwrap().key, leader);
    assert!(
        s.evaluation()
            .unwrap()
            .ranking
            .iter()
            .any(|r| s.movement(r.key, r.rank) != 0)
    );

    // Rank-sum on the same order: 2 (n + 1 − p) / (n (n + 1)).
    keys(&mut s, "t");
    assert_eq!(s.elicit[0].method, Method::RankSum);
    update(&mut s, Action::Select);
    assert!((share(&s, Criterion::CostPredictability) - 12.0 / 42.0).abs() < 1e-12);
    assert!((share(&s, Criterion::Privacy) - 2.0 / 42.0).abs() < 1e-12);
}

#[test]
fn the_session_records_the_method_and_old_sessions_still_load() {
    let mut s = on_weights(2);
    update(&mut s, Action::Select);
    let text = store::to_toml(&s.session()).unwrap();
    assert!(text.contains("[[elicitation]]"), "{text}");
    assert!(text.contains("rank_order_centroid"), "{text}");
    let back = store::parse("s.toml", &text).unwrap();
    let mut t = common::demo(Lang::Nl);
    update(&mut t, Action::Restore(Box::new(back)));
    assert_eq!(t.elicit[0].method, Method::Roc);
    assert_eq!(t.member_weights(), s.member_weights());
    assert_eq!(t.weight_records, s.weight_records);

    // A session written before elicitation existed has no `elicitation` key: it loads, and
    // its weights count as direct points.
    let old = store::to_toml(&common::demo(Lang::Nl).session()).unwrap();
    assert!(!old.contains("elicitation"));
    let parsed = store::parse("old.toml", &old).unwrap();
    assert!(parsed.elicitation.is_empty());
    let mut u = common::demo(Lang::Nl);
    update(&mut u, Action::Restore(Box::new(parsed)));
    assert_eq!(u.weight_records, vec![None]);
}

#[test]
fn a_slider_after_a_method_makes_the_weights_direct_points_again() {
    let mut s = on_weights(1);
    update(&mut s, Action::Select);
    assert!(s.weight_records[0].is_some());
    for _ in 0..4 {
        keys(&mut s, "t");
    }
    assert_eq!(s.elicit[0].method, Method::Direct);
    update(&mut s, Action::Increase);
    assert_eq!(s.weight_records[0], None);
}

#[test]
fn the_group_starts_from_each_members_own_weights() {
    let s = common::starters(Lang::Nl);
    assert_eq!(s.weights.len(), 4);
    assert_eq!(s.weights[0].get(Criterion::Ontzorgen), 25.0);
    assert_eq!(s.weights[1].get(Criterion::Privacy), 35.0);
    // Bladel-Oost's own constraint (control at least 4) excludes candidates for it alone.
    let own = s.evaluations[1].as_ref().unwrap().excluded.len();
    let other = s.evaluations[0].as_ref().unwrap().excluded.len();
    assert!(own > other, "{own} vs {other}");
}

#[test]
fn group_view_reveals_weights_and_follows_the_members() {
    let mut s = common::starters(Lang::En);
    keys(&mut s, "7g");
    assert!(s.group_view);
    assert!(!s.reveal);
    let g = s.analyses.group.clone().unwrap().value.unwrap();
    assert_eq!(g.members.len(), 4);
    assert!(g.disputed().contains(&Criterion::Ontzorgen));
    keys(&mut s, "r");
    assert!(s.reveal);
    // A member changes its weights on screen 6: the group result follows.
    keys(&mut s, "m6");
    repeat(&mut s, Action::Increase, 10);
    keys(&mut s, "7");
    let g2 = s.analyses.group.as_ref().unwrap().value.as_ref().unwrap();
    assert_ne!(g2.member_mean, g.member_mean);
    // The group is ranked by its plenary weights, which a member's change does not move.
    assert_eq!(g2.weights.weights, g.weights.weights);
}

#[test]
fn sensitivity_is_computed_once_and_again_only_when_the_weights_change() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "7v");
    assert!(s.sensitivity_view);
    let first = s.analyses.sensitivity.clone().unwrap();
    let a = first.value.as_ref().unwrap();
    let r = a.robustness.as_ref().unwrap();
    assert_eq!(r.smaa.samples, 10_000);
    let sum: f64 = r.smaa.first_rank_acceptability.iter().sum();
    assert!((sum - 1.0).abs() < 1e-9);
    // Moving between panes does not recompute.
    keys(&mut s, "ll");
    assert_eq!(s.sensitivity_pane, 2);
    assert_eq!(s.analyses.sensitivity.as_ref().unwrap().input, first.input);
    // A weight change does.
    keys(&mut s, "6+7");
    let again = s.analyses.sensitivity.as_ref().unwrap();
    assert_ne!(again.input, first.input);
    assert!(s.sensitivity_view, "the view stays open");
}
