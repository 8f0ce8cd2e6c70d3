//! Acceptance rules of the scoring and its invariants (proptest): scaling weights, permuting the
//! input order, and raising a score never lowering a rank.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use proptest::prelude::*;
use wolkwijzer::core::catalogue::{
    CloudStance, DataClass, Deployment, PlacementOption, ServiceModel, Tariff,
};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::criteria::derive;
use wolkwijzer::core::profile::{Profile, PublicCloudAcceptance, Weights, Workload};
use wolkwijzer::core::scoring::{evaluate, rank_order, shared_ranks, total_key};
use wolkwijzer::io::{catalogue, profile};

fn demo_with(weights: &[(Criterion, f64)]) -> Profile {
    let mut p = profile::demo();
    p.weights = Weights::from_pairs(weights);
    p.constraints = Default::default();
    p
}

#[test]
fn only_control_puts_own_on_premises_first() {
    let cat = catalogue::built_in();
    let p = demo_with(&[(Criterion::Control, 1.0)]);
    let e = evaluate(&cat, &p).unwrap();
    let top = e.leader().unwrap().key;
    assert_eq!(top.option, PlacementOption::Own);
    assert_eq!(top.service_model, ServiceModel::OnPremises);
}

#[test]
fn only_privacy_keeps_public_out_of_the_top_three() {
    let cat = catalogue::built_in();
    let p = demo_with(&[(Criterion::Privacy, 1.0)]);
    let e = evaluate(&cat, &p).unwrap();
    for r in e.ranking.iter().take(3) {
        assert!(!r.key.deployment.is_public(), "{}", r.key);
    }
}

#[test]
fn only_cost_predictability_never_puts_pay_per_use_first() {
    let cat = catalogue::built_in();
    let p = demo_with(&[(Criterion::CostPredictability, 1.0)]);
    let e = evaluate(&cat, &p).unwrap();
    let top = cat.candidate(e.leader().unwrap().key).unwrap();
    assert_ne!(top.tariff, Tariff::PayPerUse);
}

#[test]
fn every_excluded_candidate_names_its_constraint() {
    let cat = catalogue::built_in();
    let mut p = profile::demo();
    p.constraints.no_pay_per_use = true;
    p.constraints.exclude_options = vec![PlacementOption::Host];
    let e = evaluate(&cat, &p).unwrap();
    assert!(!e.excluded.is_empty());
    for x in &e.excluded {
        assert!(!x.reasons.is_empty());
        let text = x.reasons.iter().map(|r| r.en.clone()).collect::<String>();
        let c = cat.candidate(x.key).unwrap();
        if c.tariff == Tariff::PayPerUse {
            assert!(text.contains("Requirement no pay-per-use"), "{text}");
        }
        if c.option == PlacementOption::Host {
            // In words, with the option's name (not the profile's key or the option's id).
            assert!(
                text.contains("Excluded option: Host municipality is ruled out"),
                "{text}"
            );
        }
    }
    assert!(
        e.ranking
            .iter()
            .all(|r| r.key.option != PlacementOption::Host)
    );
}

#[test]
fn all_zero_weights_are_an_error_not_a_ranking() {
    let cat = catalogue::built_in();
    let p = demo_with(&[]);
    let err = evaluate(&cat, &p).unwrap_err();
    assert!(err.to_string().contains("all weights are zero"));
}

#[test]
fn ties_keep_catalogue_order() {
    assert_eq!(rank_order(&[1.0, 2.0, 2.0, 0.5]), vec![1, 2, 0, 3]);
    // Differences below 1e-9 are ties.
    assert_eq!(rank_order(&[1.0, 1.0 + 1e-12]), vec![0, 1]);
}

#[test]
fn a_privacy_only_room_sees_own_and_colocation_share_rank_1_and_the_ssc_variants_follow() {
    let cat = catalogue::built_in();
    let e = evaluate(&cat, &demo_with(&[(Criterion::Privacy, 1.0)])).unwrap();
    let at10: Vec<_> = e
        .ranking
        .iter()
        .filter(|r| total_key(r.total) == total_key(10.0))
        .collect();
    assert_eq!(
        at10.iter().map(|r| r.key.option).collect::<Vec<_>>(),
        [PlacementOption::Own, PlacementOption::Colocation]
    );
    for r in &at10 {
        assert_eq!(r.rank, 1, "{}", r.key);
        assert!(r.tied, "{}", r.key);
        assert_eq!(r.label(), "1=");
    }
    // The first candidate below them is ranked after all of them, not after the first: the
    // SSC's IaaS (9.25) is third.
    let next = &e.ranking[2];
    assert_eq!(next.rank, 3);
    assert_eq!(next.key.option, PlacementOption::Ssc);
    assert!(!next.tied);
    assert!(e.has_ties());
}

#[test]
fn a_cost_predictability_only_room_sees_six_candidates_share_rank_1() {
    // Dedicated hosting (contracted capacity, contract indexation) and the host municipality
    // (per workplace under the DVO, DVO indexation): 7.5 − 0.5 = 7 each.
    let cat = catalogue::built_in();
    let e = evaluate(&cat, &demo_with(&[(Criterion::CostPredictability, 1.0)])).unwrap();
    let first: Vec<_> = e.ranking.iter().filter(|r| r.rank == 1).collect();
    assert_eq!(first.len(), 6);
    for r in &first {
        assert!(r.tied);
        assert_eq!(total_key(r.total), total_key(7.0), "{}", r.key);
        assert!(
            matches!(
                r.key.option,
                PlacementOption::Managed | PlacementOption::Host
            ),
            "{}",
            r.key
        );
    }
    assert_eq!(e.ranking[6].rank, 7);
}

#[test]
fn shared_ranks_follow_competition_ranking() {
    assert_eq!(
        shared_ranks(&[9.0, 9.0, 9.0, 7.0, 5.0, 5.0]),
        vec![
            (1, true),
            (1, true),
            (1, true),
            (4, false),
            (5, true),
            (5, true)
        ]
    );
    // Differences below 1e-9 are ties.
    assert_eq!(
        shared_ranks(&[1.0 + 1e-12, 1.0]),
        vec![(1, true), (1, true)]
    );
    assert_eq!(shared_ranks(&[2.0, 1.0]), vec![(1, false), (2, false)]);
}

#[test]
fn the_default_criteria_warn_that_the_own_datacenter_is_weak_on_continuity_and_relief() {
    let cat = catalogue::built_in();
    let p = demo_with(&[
        (Criterion::Privacy, 4.0),
        (Criterion::CostPredictability, 3.0),
        (Criterion::Control, 3.0),
    ]);
    let e = evaluate(&cat, &p).unwrap();
    let leader = e.leader().unwrap().key;
    assert_eq!(leader.option, PlacementOption::Own);
    let spots: Vec<_> = e.blind_spots.iter().map(|b| b.criterion).collect();
    assert!(spots.contains(&Criterion::Continuity), "{spots:?}");
    assert!(spots.contains(&Criterion::Ontzorgen), "{spots:?}");
    let texts = e.blind_spot_texts(&cat);
    let continuity = &texts[spots
        .iter()
        .position(|c| *c == Criterion::Continuity)
        .unwrap()];
    assert!(continuity.nl.contains("Continuïteit"), "{}", continuity.nl);
    assert!(continuity.nl.contains("3,0"), "{}", continuity.nl);
    assert!(
        continuity.en.contains("Own datacenter"),
        "{}",
        continuity.en
    );
}

#[test]
fn a_room_that_weighs_every_criterion_gets_no_warning() {
    let cat = catalogue::built_in();
    let pairs: Vec<(Criterion, f64)> = Criterion::ALL.iter().map(|&c| (c, 1.0)).collect();
    let e = evaluate(&cat, &demo_with(&pairs)).unwrap();
    assert!(e.blind_spots.is_empty(), "{:?}", e.blind_spots);
}

/// A room that weighs only flexibility (public cloud leads the ranking) with one workload per
/// personal data class.
fn flexible_room(public_cloud: PublicCloudAcceptance) -> Profile {
    let mut p = demo_with(&[(Criterion::Flexibility, 1.0)]);
    p.public_cloud = public_cloud;
    p.workloads = [DataClass::Personal, DataClass::Brp, DataClass::Special]
        .iter()
        .map(|&d| Workload {
            name: d.id().to_string(),
            data: d,
            models: vec![],
            critical: false,
            ..Default::default()
        })
        .collect();
    p
}

fn placed_on(e: &wolkwijzer::core::scoring::Evaluation, data: DataClass) -> Deployment {
    e.workloads
        .iter()
        .find(|w| w.data == data)
        .and_then(|w| w.key)
        .unwrap()
        .deployment
}

#[test]
fn by_default_ordinary_personal_data_may_go_to_public_cloud_with_its_obligations() {
    let cat = catalogue::built_in();
    let e = evaluate(&cat, &flexible_room(Default::default())).unwrap();
    assert_eq!(e.leader().unwrap().key.deployment, Deployment::Public);
    assert_eq!(placed_on(&e, DataClass::Personal), Deployment::Public);
    let personal = e
        .workloads
        .iter()
        .find(|w| w.data == DataClass::Personal)
        .unwrap();
    assert!(personal.rules.iter().all(|r| !r.forbids_public));
    let yes_if = personal
        .rules
        .iter()
        .find(|r| r.id == "personal_yes_if")
        .unwrap();
    for obligation in ["pre-scan DPIA", "art. 28", "EEA"] {
        assert!(yes_if.text.en.contains(obligation), "{}", yes_if.text.en);
    }
    assert!(
        !personal
            .rules
            .iter()
            .any(|r| r.id == "public_cloud_non_sensitive_only")
    );
    // BRP data and special categories stay "nee, tenzij".
    assert_ne!(placed_on(&e, DataClass::Brp), Deployment::Public);
    assert_ne!(placed_on(&e, DataClass::Special), Deployment::Public);
}

#[test]
fn the_king_2012_stance_keeps_all_personal_data_out_of_public_cloud_by_name_and_date() {
    let cat = catalogue::built_in();
    let e = evaluate(
        &cat,
        &flexible_room(PublicCloudAcceptance {
            stance: CloudStance::King2012,
            ..Default::default()
        }),
    )
    .unwrap();
    for d in [DataClass::Personal, DataClass::Brp, DataClass::Special] {
        assert_ne!(placed_on(&e, d), Deployment::Public, "{d:?}");
        let w = e.workloads.iter().find(|w| w.data == d).unwrap();
        let king = w
            .rules
            .iter()
            .find(|r| r.id == "public_cloud_non_sensitive_only")
            .unwrap();
        assert!(king.forbids_public);
        assert!(king.text.nl.contains("KING, ca. 2012"), "{}", king.text.nl);
        assert!(
            king.text.en.contains("KING, about 2012"),
            "{}",
            king.text.en
        );
    }
}

#[test]
fn brp_and_special_data_go_to_public_cloud_only_with_every_condition_recorded() {
    let cat = catalogue::built_in();
    let all = PublicCloudAcceptance {
        stance: CloudStance::Cloudbeleid2022,
        accept_for: vec![DataClass::Brp, DataClass::Special],
        eea_storage: true,
        dpia: true,
        exit_strategy: true,
        no_offensive_cyber_provider: true,
    };
    let e = evaluate(&cat, &flexible_room(all.clone())).unwrap();
    assert_eq!(placed_on(&e, DataClass::Brp), Deployment::Public);
    assert_eq!(placed_on(&e, DataClass::Special), Deployment::Public);
    // Each condition missing on its own keeps them out.
    for missing in 0..4 {
        let mut acc = all.clone();
        match missing {
            0 => acc.eea_storage = false,
            1 => acc.dpia = false,
            2 => acc.exit_strategy = false,
            _ => acc.no_offensive_cyber_provider = false,
        }
        let e = evaluate(&cat, &flexible_room(acc)).unwrap();
        assert_ne!(
            placed_on(&e, DataClass::Brp),
            Deployment::Public,
            "{missing}"
        );
        assert_ne!(
            placed_on(&e, DataClass::Special),
            Deployment::Public,
            "{missing}"
        );
    }
}

fn keys(p: &Profile) -> Vec<String> {
    let cat = catalogue::built_in();
    evaluate(&cat, p)
        .unwrap()
        .ranking
        .iter()
        .map(|r| r.key.id())
        .collect()
}

fn weight_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..100.0, Criterion::ALL.len())
        .prop_filter("not all zero", |w| w.iter().take(3).sum::<f64>() > 0.001)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scaling_all_weights_leaves_the_ranking_unchanged(w in weight_strategy(), k in 0.001f64..1000.0) {
        let pairs: Vec<(Criterion, f64)> = Criterion::ALL.iter().copied().zip(w.iter().copied()).collect();
        let scaled: Vec<(Criterion, f64)> = pairs.iter().map(|(c, x)| (*c, x * k)).collect();
        prop_assert_eq!(keys(&demo_with(&pairs)), keys(&demo_with(&scaled)));
    }

    #[test]
    fn input_order_of_workloads_and_criteria_does_not_matter(w in weight_strategy(), seed in any::<u64>()) {
        let cat = catalogue::built_in();
        let pairs: Vec<(Criterion, f64)> = Criterion::ALL.iter().copied().zip(w.iter().copied()).collect();
        let mut reversed = pairs.clone();
        reversed.reverse();
        let a = demo_with(&pairs);
        let mut b = demo_with(&reversed);
        // A deterministic shuffle of the workloads.
        let n = b.workloads.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            b.workloads.swap(i, (s >> 33) as usize % (i + 1));
        }
        let ea = evaluate(&cat, &a).unwrap();
        let eb = evaluate(&cat, &b).unwrap();
        prop_assert_eq!(&ea.ranking, &eb.ranking);
        for wa in &ea.workloads {
            let wb = eb.workloads.iter().find(|x| x.name == wa.name).unwrap();
            prop_assert_eq!(wa, wb);
        }
    }

    #[test]
    fn equal_totals_and_only_equal_totals_share_a_rank(w in weight_strategy()) {
        let cat = catalogue::built_in();
        let pairs: Vec<(Criterion, f64)> = Criterion::ALL.iter().copied().zip(w.iter().copied()).collect();
        let e = evaluate(&cat, &demo_with(&pairs)).unwrap();
        for a in &e.ranking {
            let above = e.ranking.iter().filter(|b| total_key(b.total) > total_key(a.total)).count();
            prop_assert_eq!(a.rank, above + 1);
            let equal = e.ranking.iter().filter(|b| total_key(b.total) == total_key(a.total)).count();
            prop_assert_eq!(a.tied, equal > 1);
        }
    }

    #[test]
    fn warnings_are_exactly_the_unweighted_criteria_where_the_leader_is_below_5(w in weight_strategy()) {
        let cat = catalogue::built_in();
        let pairs: Vec<(Criterion, f64)> = Criterion::ALL.iter().copied().zip(w.iter().copied()).collect();
        let e = evaluate(&cat, &demo_with(&pairs)).unwrap();
        let leader = cat.candidate(e.leader().unwrap().key).unwrap();
        let expected: Vec<Criterion> = Criterion::ALL
            .iter()
            .copied()
            .filter(|c| e.weights.get(c).copied().unwrap_or(0.0) <= 0.0)
            .filter(|&c| derive(&cat, leader, c).score < cat.ranking.blind_spot_below.value)
            .collect();
        let got: Vec<Criterion> = e.blind_spots.iter().map(|b| b.criterion).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn brp_and_special_never_go_public_unless_every_tenzij_condition_is_recorded(
        w in weight_strategy(),
        conditions in prop::array::uniform4(any::<bool>()),
        accept in prop::array::uniform2(any::<bool>()),
        king in any::<bool>(),
    ) {
        let cat = catalogue::built_in();
        let mut accept_for = vec![];
        if accept[0] { accept_for.push(DataClass::Brp); }
        if accept[1] { accept_for.push(DataClass::Special); }
        let acc = PublicCloudAcceptance {
            stance: if king { CloudStance::King2012 } else { CloudStance::Cloudbeleid2022 },
            accept_for,
            eea_storage: conditions[0],
            dpia: conditions[1],
            exit_strategy: conditions[2],
            no_offensive_cyber_provider: conditions[3],
        };
        let mut p = flexible_room(acc.clone());
        p.weights = Weights::from_pairs(
            &Criterion::ALL.iter().copied().zip(w.iter().copied()).collect::<Vec<_>>(),
        );
        let e = evaluate(&cat, &p).unwrap();
        for wl in &e.workloads {
            if wl.key.is_some_and(|k| k.deployment.is_public()) {
                match wl.data {
                    DataClass::Brp | DataClass::Special => {
                        prop_assert!(!king);
                        prop_assert!(acc.accept_for.contains(&wl.data));
                        prop_assert!(conditions.iter().all(|&c| c));
                    }
                    DataClass::Personal => prop_assert!(!king),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn raising_one_score_never_lowers_its_rank(
        totals in prop::collection::vec(0.0f64..10.0, 2..20),
        pick in any::<prop::sample::Index>(),
        bump in 0.0f64..5.0,
        weight in 0.0f64..1.0,
    ) {
        // The weighted sum is monotone in each score: raising candidate i's score on one
        // criterion by `bump` raises its total by weight × bump.
        let i = pick.index(totals.len());
        let before = rank_order(&totals).iter().position(|&j| j == i).unwrap();
        let mut raised = totals.clone();
        raised[i] += weight * bump;
        let after = rank_order(&raised).iter().position(|&j| j == i).unwrap();
        prop_assert!(after <= before);
    }
}

#[test]
fn core_text_writes_numbers_in_the_rooms_language() {
    // Dutch: decimal comma and point grouping; English: decimal point and comma grouping.
    let cat = catalogue::built_in();
    let p = profile::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/profiles/kleine-gemeente.toml"
    )))
    .unwrap();
    // Its workloads all hold personal data since 2026; an intranet shows the privacy factor.
    let mut p = p;
    p.workloads.push(Workload {
        name: "Intranet".into(),
        data: DataClass::Internal,
        ..Default::default()
    });
    let e = evaluate(&cat, &p).unwrap();
    let own = e
        .excluded
        .iter()
        .find(|x| x.key.option == PlacementOption::Own)
        .unwrap();
    let budget = &own.reasons[0];
    assert_eq!(
        budget.nl,
        "Budget voor eenmalige kosten: eenmalig EUR 180.000,00 is meer dan het budget EUR 150.000,00"
    );
    assert_eq!(
        budget.en,
        "One-off budget: one-off EUR 180,000.00 exceeds the budget of EUR 150,000.00"
    );
    assert!(own.reasons[1].nl.ends_with("scoort 3,0, minimaal 5,0"));
    assert!(own.reasons[1].en.ends_with("scores 3.0, at least 5.0"));
    // Workload explanations: the score with two decimals, the privacy factor.
    let w = e
        .workloads
        .iter()
        .find(|w| w.explanation.nl.contains("Privacy telt hier ×0,5 mee"))
        .expect("a workload with internal data");
    assert!(w.explanation.en.contains("Privacy counts ×0.5 here"));
    let score = w.total.unwrap();
    assert!(w.explanation.nl.contains(&format!(
        "(score {} voor dit werkproces",
        format!("{score:.2}").replace('.', ",")
    )));
    assert!(
        w.explanation
            .en
            .contains(&format!("(score {score:.2} for this workload"))
    );
    // Criterion explanations (their sources are listed apart): no English decimals in Dutch.
    for r in &e.ranking {
        for s in &r.criteria {
            let nl = &s.explanation.nl;
            let english_decimal = nl
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
            assert!(!english_decimal, "{nl}");
        }
    }
}
