//! The starter group through the whole pipeline: TOML with per-member weights and constraints →
//! each member's own evaluation → the group result.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use proptest::prelude::*;
use wolkwijzer::core::catalogue::{CandidateKey, Deployment, ServiceModel};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::group::{evaluate_group, member_profile};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::io::{catalogue, profile};

fn startersgroep() -> wolkwijzer::core::profile::Profile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    profile::load(&path).unwrap()
}

#[test]
fn startersgroep_members_bring_their_own_weights_and_constraints() {
    let cat = catalogue::built_in();
    let p = startersgroep();
    let g = evaluate_group(&cat, &p).unwrap();
    assert_eq!(g.members.len(), 4);
    assert!(g.members.iter().all(|m| m.own_weights));
    let own_constraints: Vec<&str> = g
        .members
        .iter()
        .filter(|m| m.own_constraints)
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(own_constraints, ["Bladel-Oost"]);

    // 100 points each, so the aggregate is the plain mean of the points / 100.
    let expected = [
        (Criterion::Privacy, 0.2625),
        (Criterion::CostPredictability, 0.255),
        (Criterion::Control, 0.095),
        (Criterion::Continuity, 0.1475),
        (Criterion::Ontzorgen, 0.1425),
        (Criterion::Exit, 0.0975),
    ];
    assert_eq!(g.criteria, expected.map(|e| e.0).to_vec());
    for (w, (_, e)) in g.weights.weights.iter().zip(expected) {
        assert!((w - e).abs() < 1e-12, "{w} vs {e}");
    }
    // Ranges 15, 8, 13, 8, 20 and 9 points: three criteria are disputed.
    assert_eq!(
        g.disputed(),
        vec![Criterion::Privacy, Criterion::Control, Criterion::Ontzorgen]
    );

    // Bladel-Oost wants control ≥ 4: every SaaS candidate scores below it, so none of them is
    // admissible for the whole group, while the members without that constraint do rank them.
    let bladel = 1;
    for r in &g.ranking {
        assert_ne!(r.key.service_model, ServiceModel::Saas, "{:?}", r.key);
        assert!(g.excluded_by(r.key).is_empty());
    }
    let saas = g
        .candidates
        .iter()
        .copied()
        .find(|k| k.service_model == ServiceModel::Saas && k.deployment == Deployment::Community)
        .unwrap();
    assert_eq!(g.excluded_by(saas), vec![bladel]);
    assert_eq!(g.members[0].top(1)[0].service_model, ServiceModel::Saas);

    // The group ranking is sorted and consistent with the analysis' totals.
    for pair in g.ranking.windows(2) {
        assert!(pair[0].total >= pair[1].total);
    }
    for r in &g.ranking {
        let i = g.candidates.iter().position(|&k| k == r.key).unwrap();
        // The ranking's totals sit on its 1e-9 comparison grid.
        assert_eq!(
            r.total,
            wolkwijzer::core::scoring::snap_total(g.analysis.group_totals[i])
        );
    }
    let c = &g.analysis.consensus;
    assert!(c.kendall_w > 0.0 && c.kendall_w < 1.0, "{c:?}");
    assert!(
        c.weight_agreement > 0.8 && c.weight_agreement < 1.0,
        "{c:?}"
    );
}

#[test]
fn a_member_without_own_weights_uses_the_groups() {
    let cat = catalogue::built_in();
    let mut p = startersgroep();
    let wolkwijzer::core::profile::Subject::Group { members, .. } = &mut p.subject else {
        panic!("a group");
    };
    members[2].weights = None;
    members[2].constraints = None;
    let g = evaluate_group(&cat, &p).unwrap();
    assert!(!g.members[2].own_weights);
    // The profile's own weights and constraints (not the group decision's, which merges
    // every member's constraints).
    let group =
        wolkwijzer::core::scoring::evaluate_with(&cat, &p, &p.weights, &p.constraints).unwrap();
    let fallback = &g.members[2];
    assert_eq!(fallback.evaluation.ranking, group.ranking);
    assert_eq!(
        fallback.weights,
        g.criteria
            .iter()
            .map(|c| group.weights[c])
            .collect::<Vec<_>>()
    );
    let own = member_profile(&p, &members_of(&p)[2]);
    assert_eq!(own.weights, p.weights);
}

fn members_of(
    p: &wolkwijzer::core::profile::Profile,
) -> Vec<wolkwijzer::core::profile::Municipality> {
    p.subject.members().into_iter().cloned().collect()
}

/// A member's weights (0–10 on three to seven criteria) and constraints, as TOML lines.
#[derive(Debug, Clone)]
struct Member {
    weights: Vec<(Criterion, u8)>,
    data_in_eea: bool,
    no_pay_per_use: bool,
    exclude_public: bool,
    min_control: Option<u8>,
}

impl Member {
    fn weights_toml(&self) -> String {
        self.weights
            .iter()
            .map(|(c, w)| format!("{} = {w}\n", c.id()))
            .collect()
    }

    fn constraints_toml(&self) -> String {
        let mut s = format!(
            "data_in_eea = {}\nno_pay_per_use = {}\n",
            self.data_in_eea, self.no_pay_per_use
        );
        if self.exclude_public {
            s.push_str("exclude_deployments = [\"public\"]\n");
        }
        if let Some(m) = self.min_control {
            s.push_str(&format!("min_scores = {{ control = {m} }}\n"));
        }
        s
    }
}

fn member() -> impl Strategy<Value = Member> {
    let optional = prop::collection::vec(prop::option::of(0u8..=10), 4);
    (
        prop::collection::vec(0u8..=10, 3),
        optional,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0u8..=9),
    )
        .prop_filter_map(
            "some weight above 0",
            |(core, optional, eea, ppu, public, min_control)| {
                let mut weights: Vec<(Criterion, u8)> =
                    Criterion::CORE.iter().copied().zip(core).collect();
                let extra = [
                    Criterion::Continuity,
                    Criterion::Flexibility,
                    Criterion::Ontzorgen,
                    Criterion::Exit,
                ];
                for (c, w) in extra.into_iter().zip(optional) {
                    if let Some(w) = w {
                        weights.push((c, w));
                    }
                }
                weights.iter().any(|(_, w)| *w > 0).then_some(Member {
                    weights,
                    data_in_eea: eea,
                    no_pay_per_use: ppu,
                    exclude_public: public,
                    min_control,
                })
            },
        )
}

const WORKLOADS: &str = "\n[[workloads]]\nname = \"Burgerzaken\"\ndata = \"brp\"\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A group of identical members gives exactly what one of them gets alone: the same
    /// ranking (order and totals), the same admissible set, full consensus, nothing disputed.
    #[test]
    fn identical_members_give_the_members_own_result(m in member(), k in 2usize..=5) {
        let cat = catalogue::built_in();
        let single_text = format!(
            "[municipality]\nname = \"Solo\"\ninhabitants = 10000\nworkplaces = 90\n\n\
             [weights]\n{}\n[constraints]\n{}{WORKLOADS}",
            m.weights_toml(),
            m.constraints_toml()
        );
        let single = profile::parse("single.toml", &single_text).unwrap();
        let alone = evaluate(&cat, &single).unwrap();

        let mut group_text = String::from("[group]\nname = \"Same\"\n");
        for i in 0..k {
            group_text.push_str(&format!(
                "\n[[municipalities]]\nname = \"M{i}\"\ninhabitants = 10000\nworkplaces = 90\n\
                 [municipalities.weights]\n{}[municipalities.constraints]\n{}",
                m.weights_toml(),
                m.constraints_toml()
            ));
        }
        // The group's own weights and constraints differ: every member overrides them.
        group_text.push_str(&format!(
            "\n[weights]\nprivacy = 1\ncost_predictability = 0\ncontrol = 0\n\
             flexibility = 7\n\n[constraints]\nexclude_options = [\"ssc\"]\n{WORKLOADS}"
        ));
        let group = profile::parse("group.toml", &group_text).unwrap();
        let g = evaluate_group(&cat, &group).unwrap();

        let solo: Vec<(CandidateKey, f64)> =
            alone.ranking.iter().map(|r| (r.key, r.total)).collect();
        let together: Vec<(CandidateKey, f64)> =
            g.ranking.iter().map(|r| (r.key, r.total)).collect();
        prop_assert_eq!(solo.len(), together.len());
        for ((a, ta), (b, tb)) in solo.iter().zip(&together) {
            prop_assert_eq!(a, b);
            prop_assert!((ta - tb).abs() < 1e-12, "{} vs {}", ta, tb);
        }
        for member in &g.members {
            prop_assert_eq!(&member.evaluation.ranking, &alone.ranking);
            prop_assert_eq!(&member.evaluation.excluded, &alone.excluded);
        }
        for (c, w) in g.criteria.iter().zip(&g.weights.weights) {
            let own = alone.weights.get(c).copied().unwrap_or(0.0);
            prop_assert!((w - own).abs() < 1e-12);
        }
        prop_assert!(g.disputed().is_empty());
        prop_assert_eq!(g.analysis.consensus.weight_agreement, 1.0);
        prop_assert!((g.analysis.consensus.kendall_w - 1.0).abs() < 1e-12);
    }
}

#[test]
fn a_group_without_a_common_candidate_says_so_and_skips_range_smaa() {
    use wolkwijzer::core::analysis::{SamplingSettings, analyse};
    let cat = catalogue::built_in();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/group_without_common_candidate.toml");
    let p = profile::load(&path).unwrap();
    let sampling = SamplingSettings {
        samples: 1_000,
        seed: 1,
    };
    let a = analyse(&cat, &p, sampling).unwrap();
    let g = a.group.as_ref().unwrap();
    assert!(g.evaluation.ranking.is_empty());
    assert!(g.evaluation.analysis.admissible_for_all.is_empty());
    assert_eq!(g.evaluation.analysis.best_admissible, None);
    assert!(g.smaa_in_ranges.is_none());
    // Both members use the group's weights: full agreement on weights, nothing disputed.
    assert!(
        g.evaluation
            .members
            .iter()
            .all(|m| !m.own_weights && m.own_constraints)
    );
    assert!(g.evaluation.disputed().is_empty());
    // Every candidate is excluded by exactly one of the two members.
    for &k in &g.evaluation.candidates {
        assert_eq!(g.evaluation.excluded_by(k).len(), 1, "{k}");
    }
    let text = wolkwijzer::cli::render_sensitivity(
        &cat,
        &p,
        sampling,
        wolkwijzer::cli::Format::Table,
        wolkwijzer::core::text::Lang::En,
    )
    .unwrap();
    assert!(text.contains("No candidate is admissible for every municipality."));
    assert!(text.contains("Admissible for every municipality: 0 of 17."));
}

/// When every member weighs only cost predictability, the group ranking shares places too.
#[test]
fn the_group_ranking_shares_places_on_equal_totals() {
    let cat = catalogue::built_in();
    let mut p = startersgroep();
    let only_cost =
        wolkwijzer::core::profile::Weights::from_pairs(&[(Criterion::CostPredictability, 1.0)]);
    p.weights = only_cost.clone();
    p.constraints = Default::default();
    if let wolkwijzer::core::profile::Subject::Group { members, .. } = &mut p.subject {
        for m in members.iter_mut() {
            m.weights = Some(only_cost.clone());
            m.constraints = None;
        }
    }
    let g = evaluate_group(&cat, &p).unwrap();
    let first: Vec<_> = g.ranking.iter().filter(|r| r.rank == 1).collect();
    assert!(first.len() > 1, "{:?}", g.ranking);
    assert!(first.iter().all(|r| r.tied));
    for r in &g.ranking {
        let above = g
            .ranking
            .iter()
            .filter(|x| x.total > r.total + 1e-9)
            .count();
        assert_eq!(r.rank, above + 1, "{:?}", r);
    }
}

/// One truth for a starter group: the profile's evaluation — what `score`, `report`,
/// `business-case` and `sensitivity` print — is the group decision the TUI's group view,
/// Summary and exported note show (plenary weights, admissible for every member), not the
/// plenary weights over the group's own constraints only.
#[test]
fn the_command_line_ranks_what_the_room_sees_for_a_starter_group() {
    let cat = catalogue::built_in();
    let p = startersgroep();
    let cli = evaluate(&cat, &p).unwrap();
    let room = wolkwijzer::core::group::group_decision(&cat, &p, None).unwrap();
    assert_eq!(cli.ranking, room.ranking);
    assert_eq!(cli.excluded, room.excluded);
    // And that differs from the plenary weights over the group's constraints alone: a member's
    // hard constraint removes candidates the group's own constraints let through.
    let plenary_only =
        wolkwijzer::core::scoring::evaluate_with(&cat, &p, &p.weights, &p.constraints).unwrap();
    assert!(cli.excluded.len() > plenary_only.excluded.len());
}

/// A candidate a member's hard constraint excludes says whose constraint it is, so the room
/// and the council can see who demanded it; one municipality's exclusions say no such thing.
#[test]
fn an_exclusion_for_a_group_names_the_members_whose_constraints_exclude_it() {
    let cat = catalogue::built_in();
    let p = startersgroep();
    let e = evaluate(&cat, &p).unwrap();
    let saas = e
        .excluded
        .iter()
        .find(|x| {
            x.key
                == CandidateKey {
                    option: wolkwijzer::core::catalogue::PlacementOption::Managed,
                    service_model: ServiceModel::Saas,
                    deployment: Deployment::Private,
                }
        })
        .expect("Hosting · SaaS · Private is excluded for the group");
    let last = saas.reasons.last().unwrap();
    assert_eq!(last.nl, "Eis van: Bladel-Oost", "{:?}", saas.reasons);
    assert_eq!(last.en, "Required by: Bladel-Oost");
    // Every exclusion of the group names who, and only members of the group.
    let names: Vec<&str> = p
        .subject
        .members()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    for x in &e.excluded {
        let who = x.reasons.last().unwrap();
        assert!(
            who.nl == "Eis van elke gemeente in de groep"
                || who
                    .nl
                    .strip_prefix("Eis van: ")
                    .is_some_and(|l| l.split(", ").all(|n| names.contains(&n))),
            "{:?}",
            x.reasons
        );
    }
    // The TUI's group focus shows the same exclusions, reasons included.
    let state = wolkwijzer::tui::State::new(cat.clone(), p.clone(), None);
    assert!(state.focus_is_group());
    assert_eq!(state.evaluation().unwrap().excluded, e.excluded);
    // A member's own evaluation (one municipality) has no such line.
    let own = member_profile(&p, p.subject.members()[1]);
    let e = evaluate(&cat, &own).unwrap();
    assert!(!e.excluded.is_empty());
    assert!(
        e.excluded
            .iter()
            .flat_map(|x| &x.reasons)
            .all(|r| !r.nl.starts_with("Eis van"))
    );
}
