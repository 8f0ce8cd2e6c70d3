//! The 2026 placement model (issue 11): public cloud split by jurisdiction, privacy around the
//! AVG obligations, price risk, the landscape per workload (availability, DigiD, SaaS only,
//! collaborations), no silent status-quo bias, and shared ranks in every output.
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;
use proptest::prelude::*;
use wolkwijzer::core::catalogue::{CandidateKey, DataClass, Deployment, PlacementOption};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::profile::{BivLevel, Profile, PublicCloudAcceptance, Weights, Workload};
use wolkwijzer::core::scoring::{Evaluation, evaluate};
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::report::note::{Note, NoteInput, markdown};
use wolkwijzer::tui::{Action, Screen};

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

const HEAD: &str =
    "[municipality]\nname = \"Proefstad\"\ninhabitants = 30000\nworkplaces = 260\n\n";

/// A profile from `[weights]` lines and workload tables.
fn room(weights: &str, rest: &str) -> Profile {
    let text = format!("{HEAD}[weights]\n{weights}\n{rest}");
    profile::parse("room.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn placed(e: &Evaluation, name: &str) -> Option<CandidateKey> {
    e.workloads.iter().find(|w| w.name == name).unwrap().key
}

fn explanation(e: &Evaluation, name: &str) -> String {
    e.workloads
        .iter()
        .find(|w| w.name == name)
        .unwrap()
        .explanation
        .nl
        .clone()
}

const OFFICE: &str =
    "[[workloads]]\nname = \"Kantoorautomatisering\"\ndata = \"personal\"\nmodels = [\"saas\"]\n";

#[test]
fn an_eu_owned_public_office_suite_is_admissible_for_personal_data_and_leads_when_relief_and_cost_weigh()
 {
    let cat = catalogue::built_in();
    let p = room(
        "privacy = 0\ncost_predictability = 2\ncontrol = 0\nontzorgen = 3\n",
        OFFICE,
    );
    // The default stance is the cloud policy of 2022: "ja, mits" for ordinary personal data.
    assert_eq!(p.public_cloud, PublicCloudAcceptance::default());
    let e = evaluate(&cat, &p).unwrap();
    let office = e.workloads.first().unwrap();
    assert!(office.rules.iter().all(|r| !r.forbids_public));
    assert!(office.rules.iter().any(|r| r.id == "personal_yes_if"));
    let key = office.key.expect("placed");
    assert_eq!(
        (key.option, key.deployment),
        (PlacementOption::Managed, Deployment::Public),
        "{}",
        office.explanation.nl
    );
    // Priced as a yearly subscription per user, not metered.
    let cand = cat.candidate(key).unwrap();
    assert_eq!(cand.tariff.id(), "per_workplace");
    assert!(!cand.has(wolkwijzer::core::catalogue::Characteristic::PayPerUse));
}

#[test]
fn the_eu_and_non_eu_providers_differ_in_jurisdiction_not_in_location() {
    let cat = catalogue::built_in();
    for model in ["iaas", "paas", "saas"] {
        let eu = cat
            .candidate_by_id(&format!("managed-{model}-public"))
            .unwrap();
        let non = cat
            .candidate_by_id(&format!("managed-{model}-public_non_eu"))
            .unwrap();
        assert_eq!(eu.data_location, non.data_location);
        assert_ne!(eu.jurisdiction, non.jurisdiction);
        let d = |c, k| wolkwijzer::core::criteria::derive(&cat, c, k).score;
        assert!(d(non, Criterion::Privacy) < d(eu, Criterion::Privacy));
        assert!(d(non, Criterion::Sovereignty) < d(eu, Criterion::Sovereignty));
        assert_eq!(d(non, Criterion::Control), d(eu, Criterion::Control));
        let why = wolkwijzer::core::criteria::derive(&cat, non, Criterion::Privacy)
            .explanation
            .en;
        assert!(why.contains("CLOUD Act"), "{why}");
    }
}

#[test]
fn the_king_2012_stance_is_shown_by_name_and_date_and_keeps_the_office_suite_private() {
    let cat = catalogue::built_in();
    let p = room(
        "privacy = 0\ncost_predictability = 2\ncontrol = 0\nontzorgen = 3\n",
        &format!("{OFFICE}\n[public_cloud]\nstance = \"king_2012\"\n"),
    );
    let e = evaluate(&cat, &p).unwrap();
    let key = placed(&e, "Kantoorautomatisering").unwrap();
    assert!(!key.deployment.is_public());
    let why = explanation(&e, "Kantoorautomatisering");
    // The rule by its source's title, never its id.
    assert!(
        why.contains("Overgeslagen door Cloud computing en shared service centra: "),
        "{why}"
    );
    assert!(!why.contains("public_cloud_non_sensitive_only"), "{why}");
    let stance = p.public_cloud.stance.name().nl;
    assert!(
        stance.contains("KING") && stance.contains("2012"),
        "{stance}"
    );
}

#[test]
fn a_privacy_only_room_keeps_public_cloud_out_of_its_top_three_and_colocation_level_with_own() {
    let cat = catalogue::built_in();
    let p = room("privacy = 1\ncost_predictability = 0\ncontrol = 0\n", "");
    let e = evaluate(&cat, &p).unwrap();
    for r in e.ranking.iter().take(3) {
        assert!(!r.key.deployment.is_public(), "{}", r.key);
    }
    // Colocation (own hardware, own management, sole tenant) is not below a shared SSC.
    let rank = |o: PlacementOption| {
        e.ranking
            .iter()
            .filter(|r| r.key.option == o)
            .map(|r| r.rank)
            .min()
            .unwrap()
    };
    assert!(rank(PlacementOption::Colocation) < rank(PlacementOption::Ssc));
    assert_eq!(e.ranking[0].rank, 1);
    assert_eq!(e.ranking[1].rank, 1);
    assert!(e.ranking[0].tied && e.ranking[1].tied);
}

#[test]
fn a_control_only_room_puts_the_own_datacenter_first_alone() {
    let cat = catalogue::built_in();
    let p = room("privacy = 0\ncost_predictability = 0\ncontrol = 1\n", "");
    let e = evaluate(&cat, &p).unwrap();
    assert_eq!(e.ranking[0].key.option, PlacementOption::Own);
    assert!(!e.ranking[0].tied);
}

const MIXED: &str = "[[workloads]]\nname = \"BRP\"\ndata = \"brp\"\n\n[[workloads]]\nname = \"Sociaal domein\"\ndata = \"special\"\n\n[[workloads]]\nname = \"Zaken\"\ndata = \"personal\"\n\n[[workloads]]\nname = \"Intranet\"\ndata = \"internal\"\n\n[[workloads]]\nname = \"Open data\"\ndata = \"public\"\n";

#[test]
fn the_default_criteria_do_not_place_a_mixed_portfolio_wholesale_in_the_own_datacenter() {
    let cat = catalogue::built_in();
    // The five criteria every shipped profile weighs, equally.
    let p = room(
        "privacy = 1\ncost_predictability = 1\ncontrol = 1\ncontinuity = 1\nontzorgen = 1\n",
        MIXED,
    );
    let e = evaluate(&cat, &p).unwrap();
    assert_eq!(e.workloads.len(), 5);
    assert!(
        e.workloads
            .iter()
            .all(|w| w.key.is_some_and(|k| k.option != PlacementOption::Own)),
        "{:?}",
        e.workloads.iter().map(|w| w.key).collect::<Vec<_>>()
    );
    // The three core criteria alone (4/3/3, the room): the own datacenter leads, and
    // the ranking says it is weak on what the room left out.
    let p = room("privacy = 4\ncost_predictability = 3\ncontrol = 3\n", MIXED);
    let e = evaluate(&cat, &p).unwrap();
    assert_eq!(e.ranking[0].key.option, PlacementOption::Own);
    let warned: Vec<Criterion> = e.blind_spots.iter().map(|b| b.criterion).collect();
    assert!(warned.contains(&Criterion::Continuity), "{warned:?}");
    assert!(warned.contains(&Criterion::Ontzorgen), "{warned:?}");
    let text = e.blind_spot_texts(&cat);
    assert!(text[0].nl.contains("onder de 5"), "{}", text[0].nl);
}

#[test]
fn the_status_quo_threshold_is_a_catalogue_value() {
    let mut cat = catalogue::built_in();
    let b = &cat.ranking.blind_spot_below;
    assert_eq!(b.value, 5.0);
    assert!(b.assumption);
    cat.ranking.blind_spot_below.value = 0.0;
    let p = room("privacy = 4\ncost_predictability = 3\ncontrol = 3\n", MIXED);
    assert!(evaluate(&cat, &p).unwrap().blind_spots.is_empty());
}

/// Two workloads alike in everything but one attribute.
fn pair(weights: &str, a: &str, b: &str) -> Evaluation {
    let cat = catalogue::built_in();
    let p = room(
        weights,
        &format!(
            "[[collaborations]]\nid = \"belastingen\"\nname = \"Belastingsamenwerking\"\noption = \"ssc\"\nform = \"public_body\"\n\n[[workloads]]\nname = \"A\"\ndata = \"personal\"\n{a}\n[[workloads]]\nname = \"B\"\ndata = \"personal\"\n{b}"
        ),
    );
    evaluate(&cat, &p).unwrap()
}

const FIVE: &str =
    "privacy = 25\ncost_predictability = 25\ncontrol = 10\ncontinuity = 20\nontzorgen = 20\n";

#[test]
fn availability_changes_the_placement_and_the_explanation_says_how() {
    let e = pair(
        FIVE,
        "availability = \"high\"\n",
        "availability = \"low\"\n",
    );
    assert_ne!(placed(&e, "A"), placed(&e, "B"));
    assert!(explanation(&e, "A").contains("Beschikbaarheid hoog: continuïteit telt ×2"));
    assert!(explanation(&e, "B").contains("Beschikbaarheid laag: continuïteit telt ×0,5"));
    // A critical workload without a level counts as high.
    let e = pair(FIVE, "critical = true\n", "availability = \"high\"\n");
    assert_eq!(placed(&e, "A"), placed(&e, "B"));
    assert!(explanation(&e, "A").contains("kritiek proces, dus hoog"));
}

#[test]
fn high_availability_gives_continuity_a_floor_when_the_room_left_it_out() {
    let w = "privacy = 4\ncost_predictability = 3\ncontrol = 3\n";
    let e = pair(w, "availability = \"high\"\n", "");
    assert_ne!(placed(&e, "A"), placed(&e, "B"));
    assert!(
        explanation(&e, "A").contains("continuïteit weegt voor dit werkproces 20%"),
        "{}",
        explanation(&e, "A")
    );
}

#[test]
fn a_digid_connection_weighs_relief_and_says_so() {
    let w =
        "privacy = 25\ncost_predictability = 25\ncontrol = 30\ncontinuity = 10\nontzorgen = 10\n";
    let e = pair(w, "digid = true\n", "");
    assert!(explanation(&e, "A").contains("DigiD-aansluiting: ontzorgen telt ×1,5"));
    assert!(!explanation(&e, "B").contains("DigiD"));
    // A citizen-facing e-service: the accessibility rule applies, although it is personal data.
    let has = |i: usize| {
        e.workloads[i]
            .rules
            .iter()
            .any(|r| r.id == "web_accessibility")
    };
    assert!(has(0) && !has(1));
    let a = e.workloads[0].total.unwrap();
    let b = e.workloads[1].total.unwrap();
    assert_ne!(a, b);
    // A DigiD connection means the BSN: such a workload cannot be public or internal.
    let err = profile::parse(
        "r.toml",
        &format!(
            "{HEAD}[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n\n[[workloads]]\nname = \"Website\"\ndata = \"public\"\ndigid = true\n"
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("r.toml:"), "{err}");
    assert!(err.contains("workloads[0].data"), "{err}");
    assert!(err.contains("BSN"), "{err}");
}

#[test]
fn a_saas_only_workload_says_what_drops_out() {
    let e = pair(FIVE, "models = [\"saas\"]\n", "");
    let k = placed(&e, "A").unwrap();
    assert_eq!(k.service_model.id(), "saas");
    assert!(explanation(&e, "A").contains("alleen als SaaS leverbaar"));
}

#[test]
fn a_workload_tied_to_a_collaboration_stays_there_within_the_margin() {
    // A room where dedicated SaaS hosting leads narrowly (0.25): the tax workload tied to the
    // tax collaboration stays at the SSC, the same workload untied does not.
    let w = "privacy = 20\ncost_predictability = 25\ncontrol = 5\ncontinuity = 25\nontzorgen = 20\nexit = 5\n";
    let e = pair(w, "collaboration = \"belastingen\"\n", "");
    let a = placed(&e, "A").unwrap();
    let b = placed(&e, "B").unwrap();
    assert_eq!(a.option, PlacementOption::Ssc);
    assert_ne!(b.option, PlacementOption::Ssc, "{}", explanation(&e, "B"));
    assert!(
        explanation(&e, "A").contains("Hoort bij Belastingsamenwerking: blijft daar"),
        "{}",
        explanation(&e, "A")
    );
    assert!(explanation(&e, "A").starts_with("Geplaatst bij de samenwerking"));
    // A room that weighs continuity alone: dedicated hosting scores a full point more, more
    // than the margin, so leaving pays and the explanation says so.
    let e = pair(
        "privacy = 0\ncost_predictability = 0\ncontrol = 0\ncontinuity = 1\n",
        "collaboration = \"belastingen\"\n",
        "",
    );
    assert_ne!(placed(&e, "A").unwrap().option, PlacementOption::Ssc);
    assert!(
        explanation(&e, "A").contains("vertrekken loont"),
        "{}",
        explanation(&e, "A")
    );
}

#[test]
fn a_profile_names_several_collaborations_and_an_unknown_one_is_an_error() {
    let p = profile::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/profiles/startersgroep.toml"
    )))
    .unwrap();
    assert!(p.collaborations.len() >= 2);
    let err = profile::parse(
        "r.toml",
        &format!(
            "{HEAD}[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n\n[[workloads]]\nname = \"Belastingen\"\ndata = \"personal\"\ncollaboration = \"gbla\"\n"
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("workloads[0].collaboration"), "{err}");
    assert!(err.contains("unknown collaboration \"gbla\""), "{err}");
    let err = profile::parse(
        "r.toml",
        &format!(
            "{HEAD}[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n\n[[collaborations]]\nid = \"x\"\nname = \"X\"\noption = \"own\"\n"
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("collaborations[0].option"), "{err}");
    assert!(err.contains("allowed: ssc, host"), "{err}");
}

#[test]
fn shipped_office_automation_and_e_services_hold_personal_data() {
    for path in common::shipped_profiles() {
        let p = profile::load(&path).unwrap();
        for w in &p.workloads {
            let n = w.name.to_lowercase();
            if n.contains("kantoor") || n.contains("e-dienstverlening") {
                assert!(w.data.is_personal(), "{}: {}", path.display(), w.name);
            }
            if n.contains("e-dienstverlening") {
                assert!(w.digid, "{}: {}", path.display(), w.name);
            }
        }
    }
}

#[test]
fn workload_stays_constructible_with_default() {
    let w = Workload {
        name: "X".into(),
        data: DataClass::Personal,
        models: vec![],
        critical: true,
        ..Default::default()
    };
    assert_eq!(w.availability, None);
    assert!(!w.digid);
    assert_eq!(BivLevel::from_id("high"), Some(BivLevel::High));
    assert_eq!(BivLevel::High.name().nl, "hoog");
}

/// A privacy-only room: own datacenter and colocation share rank 1 in every output.
const PRIVACY_ONLY: &str = "[municipality]\nname = \"Gelijkstad\"\ninhabitants = 20000\nworkplaces = 180\n\n[weights]\nprivacy = 1\ncost_predictability = 0\ncontrol = 0\n\n[[workloads]]\nname = \"Zaken\"\ndata = \"personal\"\n";

#[test]
fn tied_candidates_share_a_rank_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, PRIVACY_ONLY).unwrap();
    let p = path.to_str().unwrap();
    let out = |args: &[&str]| {
        let o = bin().args(args).output().unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    let table = out(&["score", "-p", p]);
    assert_eq!(table.matches("\n  1=  ").count(), 2, "{table}");
    let md = out(&["score", "--format", "markdown", "-p", p]);
    assert_eq!(md.matches("\n| 1= | ").count(), 2, "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&out(&["score", "--format", "json", "-p", p])).unwrap();
    let r = json["ranking"].as_array().unwrap();
    assert_eq!(
        (r[0]["rank"].clone(), r[1]["rank"].clone()),
        (1.into(), 1.into())
    );
    assert!(r[0]["tied"] == true && r[1]["tied"] == true);
    assert_eq!(r[2]["rank"], 3);
    // The decision note.
    let cat = catalogue::built_in();
    let prof = profile::load(&path).unwrap();
    let e = evaluate(&cat, &prof).unwrap();
    let note = Note::build(&NoteInput {
        catalogue: &cat,
        profile: &prof,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    })
    .unwrap();
    let md = markdown::render(&note);
    assert_eq!(md.matches("\n| 1= | ").count(), 2, "{md}");
    assert!(md.contains("gedeeld 1e"), "{md}");
    // The TUI's comparison screen.
    let mut s = wolkwijzer::tui::State::new(cat, prof, None);
    s.lang = Lang::Nl;
    common::feed(&mut s, &[Action::GoTo(Screen::Comparison.index())]);
    let cmp = common::render(&s, 160, 48);
    // The rank column ("▶ 1=" on the cursor's row, "  1=" on the other).
    assert_eq!(
        cmp.lines().filter(|l| l.contains(" 1= ")).count(),
        2,
        "{cmp}"
    );
}

fn weights_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..100.0, Criterion::ALL.len())
        .prop_filter("not all zero", |w| w.iter().sum::<f64>() > 0.001)
}

fn attrs_strategy() -> impl Strategy<Value = (Option<BivLevel>, bool, bool)> {
    (
        prop::option::of(prop::sample::select(BivLevel::ALL.to_vec())),
        any::<bool>(),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// BRP and special-category workloads never land on public cloud (EU or not) unless the
    /// profile accepts it and records every "tenzij" condition, whatever the weights and the
    /// workload's attributes.
    #[test]
    fn brp_and_special_never_go_public_unless_every_tenzij_condition_is_recorded(
        w in weights_strategy(),
        conditions in prop::array::uniform4(any::<bool>()),
        accept in any::<bool>(),
        (availability, digid, critical) in attrs_strategy(),
    ) {
        let cat = catalogue::built_in();
        let mut p = room("privacy = 1\ncost_predictability = 1\ncontrol = 1\n", "");
        p.weights = Weights::from_pairs(
            &Criterion::ALL.iter().copied().zip(w.iter().copied()).collect::<Vec<_>>(),
        );
        p.public_cloud = PublicCloudAcceptance {
            accept_for: if accept { vec![DataClass::Brp, DataClass::Special] } else { vec![] },
            eea_storage: conditions[0],
            dpia: conditions[1],
            exit_strategy: conditions[2],
            no_offensive_cyber_provider: conditions[3],
            ..Default::default()
        };
        p.workloads = [DataClass::Brp, DataClass::Special]
            .iter()
            .map(|&d| Workload {
                name: d.id().into(),
                data: d,
                models: vec![],
                critical,
                availability,
                digid,
                ..Default::default()
            })
            .collect();
        let e = evaluate(&cat, &p).unwrap();
        for wl in &e.workloads {
            if wl.key.is_some_and(|k| k.deployment.is_public()) {
                prop_assert!(accept);
                prop_assert!(conditions.iter().all(|&c| c));
            }
        }
    }

    /// A room that weighs privacy alone never has public cloud in its top three.
    #[test]
    fn a_privacy_only_room_never_has_public_cloud_in_its_top_three(x in 0.01f64..1000.0) {
        let cat = catalogue::built_in();
        let mut p = room("privacy = 1\ncost_predictability = 0\ncontrol = 0\n", "");
        p.weights = Weights::from_pairs(&[(Criterion::Privacy, x)]);
        let e = evaluate(&cat, &p).unwrap();
        for r in e.ranking.iter().take(3) {
            prop_assert!(!r.key.deployment.is_public());
        }
    }
}
