//! Shipped profiles (golden output, JSON shape, the data-class rules) and every bad-input case
//! in `tests/invalid_profiles/` with the message it must produce.

use std::path::{Path, PathBuf};

use serde_json::Value;
use wolkwijzer::cli::{Format, render_score};
use wolkwijzer::core::catalogue::{DataClass, Deployment};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};

fn shipped() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
    v.sort();
    v
}

#[test]
fn at_least_four_profiles_ship_and_all_are_valid() {
    let files = shipped();
    assert!(files.len() >= 4, "{files:?}");
    for f in &files {
        profile::load(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    let groups = files
        .iter()
        .filter(|f| profile::load(f).unwrap().subject.is_group())
        .count();
    assert!(groups >= 1, "a starter group profile ships");
}

#[test]
fn demo_profile_is_valid() {
    let p = profile::demo();
    assert!(!p.workloads.is_empty());
}

#[test]
fn golden_score_tables() {
    let cat = catalogue::built_in();
    for f in shipped() {
        let p = profile::load(&f).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        for lang in [Lang::Nl, Lang::En] {
            let text = render_score(&cat, &p, Format::Table, lang).unwrap();
            insta::assert_snapshot!(format!("score_{name}_{}", lang.code()), text);
        }
    }
}

fn candidate_ok(c: &Value) {
    for k in ["option", "service_model", "deployment"] {
        assert!(c[k].is_string(), "candidate.{k} in {c}");
    }
}

#[test]
fn json_matches_the_documented_shape_for_every_profile() {
    let cat = catalogue::built_in();
    for f in shipped() {
        let p = profile::load(&f).unwrap();
        let text = render_score(&cat, &p, Format::Json, Lang::Nl).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v["profile"].is_object());
        let ranking = v["ranking"].as_array().unwrap();
        assert!(!ranking.is_empty());
        for (i, r) in ranking.iter().enumerate() {
            assert_eq!(r["rank"].as_u64().unwrap() as usize, i + 1);
            candidate_ok(&r["candidate"]);
            assert!(r["score"].is_f64());
            let crit = r["criteria"].as_object().unwrap();
            for name in ["privacy", "cost_predictability", "control"] {
                let c = &crit[name];
                assert!(c["score"].is_number() && c["weight"].is_number());
                assert!(c["explanation"].as_str().unwrap().len() > 10);
                assert!(!c["sources"].as_array().unwrap().is_empty());
            }
        }
        for x in v["excluded"].as_array().unwrap() {
            candidate_ok(&x["candidate"]);
            assert!(!x["reasons"].as_array().unwrap().is_empty());
        }
        let wl = v["workloads"].as_array().unwrap();
        assert_eq!(wl.len(), p.workloads.len());
        for w in wl {
            assert!(w["name"].is_string() && w["data"].is_string());
            candidate_ok(&w["candidate"]);
            assert!(w["explanation"].is_string());
        }
    }
}

#[test]
fn brp_and_special_data_never_land_on_public_cloud_without_accepted_conditions() {
    let cat = catalogue::built_in();
    for f in shipped() {
        let p = profile::load(&f).unwrap();
        let e = evaluate(&cat, &p).unwrap();
        for w in &e.workloads {
            if matches!(w.data, DataClass::Brp | DataClass::Special) {
                let accepted =
                    p.public_cloud.accept_for.contains(&w.data) && p.public_cloud.conditions_met();
                if w.key.is_some_and(|k| k.deployment == Deployment::Public) {
                    assert!(accepted, "{}: {} on public", f.display(), w.name);
                }
                // The explanation names the deciding rule either way.
                assert!(
                    w.explanation.en.contains("brp_special_no_unless"),
                    "{}",
                    w.explanation.en
                );
            }
        }
    }
}

#[test]
fn public_cloud_is_skipped_for_brp_by_the_named_rule_when_it_would_lead() {
    // With flexibility as the only weight, public cloud leads; the BRP workload must still be
    // placed elsewhere and say which rule skipped public cloud.
    let cat = catalogue::built_in();
    let mut p = profile::demo();
    p.constraints = Default::default();
    p.weights = wolkwijzer::core::profile::Weights::from_pairs(&[(
        wolkwijzer::core::criteria::Criterion::Flexibility,
        1.0,
    )]);
    let e = evaluate(&cat, &p).unwrap();
    assert_eq!(e.leader().unwrap().key.deployment, Deployment::Public);
    let brp = e
        .workloads
        .iter()
        .find(|w| w.data == DataClass::Brp)
        .unwrap();
    assert_ne!(brp.key.unwrap().deployment, Deployment::Public);
    assert!(
        brp.explanation.en.contains("skipped by"),
        "{}",
        brp.explanation.en
    );
    assert!(brp.explanation.en.contains("brp_special_no_unless"));

    // When the profile accepts the conditions, the rule is lifted and says so.
    p.public_cloud.accept_for = vec![DataClass::Brp];
    p.public_cloud.eea_storage = true;
    p.public_cloud.dpia = true;
    p.public_cloud.exit_strategy = true;
    let e = evaluate(&cat, &p).unwrap();
    let brp = e
        .workloads
        .iter()
        .find(|w| w.data == DataClass::Brp)
        .unwrap();
    assert_eq!(brp.key.unwrap().deployment, Deployment::Public);
    assert!(
        brp.explanation.en.contains("lifted"),
        "{}",
        brp.explanation.en
    );
}

/// Every bad-input file and the message it must give: (file, exact location, fragment).
const CASES: &[(&str, &str, &str)] = &[
    (
        "unknown_key.toml",
        ":14:1: workloads[0].colour:",
        "unknown key `colour` (allowed: name, data, models, critical)",
    ),
    (
        "wrong_type.toml",
        ":3:15: municipality.inhabitants:",
        "expected a whole number, found string",
    ),
    (
        "out_of_range.toml",
        ":3:15: municipality.inhabitants:",
        "5000000 is out of range (allowed: a whole number from 1 to 1000000)",
    ),
    (
        "all_zero_weights.toml",
        ":6:1: weights:",
        "all weights are zero",
    ),
    (
        "negative_weight.toml",
        ":7:11: weights.privacy:",
        "-3 is out of range (allowed: a number from 0 to 1000000)",
    ),
    (
        "duplicate_workload.toml",
        ":16:8: workloads[1].name:",
        "duplicate workload name \"Website\"",
    ),
    (
        "duplicate_municipality.toml",
        ":9:1: municipalities[1].name:",
        "duplicate municipality name \"A\"",
    ),
    (
        "unknown_data_class.toml",
        ":13:8: workloads[0].data:",
        "unknown value \"secret\" (allowed: public, internal, personal, brp, special)",
    ),
    (
        "unknown_criterion.toml",
        ":10:1: weights.speed:",
        "unknown criterion `speed` (allowed: privacy, cost_predictability, control, continuity, flexibility, ontzorgen, exit)",
    ),
    (
        "missing_core_weight.toml",
        ":6:1: weights.cost_predictability:",
        "missing: a weight for every core criterion",
    ),
    (
        "brp_without_conditions.toml",
        ":12:14: public_cloud.accept_for:",
        "needs all three conditions of the Rijksbreed cloudbeleid 2022",
    ),
    (
        "money_as_float.toml",
        ":12:22: constraints.max_one_off_budget:",
        "money must not be a float",
    ),
    (
        "negative_money.toml",
        ":12:22: constraints.max_one_off_budget:",
        "-100 is negative",
    ),
    ("syntax_error.toml", ":11:9:", "TOML syntax: unclosed table"),
    ("not_utf8.toml", ":2:12:", "not valid UTF-8"),
    (
        "no_municipality.toml",
        ":1:1: municipality:",
        "missing: [municipality] for one municipality or [[municipalities]]",
    ),
    (
        "min_score_out_of_range.toml",
        ":12:26: constraints.min_scores.privacy:",
        "11 is out of range (allowed: a number from 0 to 10)",
    ),
    (
        "member_unknown_criterion.toml",
        ":14:1: municipalities[0].weights.speed:",
        "unknown criterion `speed` (allowed: privacy, cost_predictability, control, continuity, flexibility, ontzorgen, exit)",
    ),
    (
        "member_all_zero_weights.toml",
        ":14:11: municipalities[1].weights:",
        "all weights are zero (allowed: non-negative numbers, at least one above 0)",
    ),
    (
        "member_missing_core_weight.toml",
        ":10:1: municipalities[0].weights.cost_predictability:",
        "missing: a weight for every core criterion (0 is allowed)",
    ),
    (
        "member_unknown_constraint.toml",
        ":17:1: municipalities[1].constraints.max_yearly_budget:",
        "unknown key `max_yearly_budget` (allowed: data_in_eea, no_pay_per_use, max_one_off_budget, exclude_options, exclude_deployments, min_scores)",
    ),
    (
        "member_min_score_out_of_range.toml",
        ":9:42: municipalities[0].constraints.min_scores.control:",
        "12 is out of range (allowed: a number from 0 to 10)",
    ),
    (
        "single_with_member_weights.toml",
        ":6:1: municipality.weights:",
        "unknown key `weights` (allowed: name, inhabitants, workplaces, current)",
    ),
];

#[test]
fn every_bad_input_gets_its_located_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_profiles");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    let mut covered: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    covered.sort();
    assert_eq!(
        files, covered,
        "every invalid file has a case and vice versa"
    );
    for (file, location, fragment) in CASES {
        let path = dir.join(file);
        let err = profile::load(&path).unwrap_err().to_string();
        let expected_start = format!("{}{}", path.display(), location);
        assert!(
            err.starts_with(&expected_start),
            "{file}: {err}\nexpected start: {expected_start}"
        );
        assert!(err.contains(fragment), "{file}: {err}");
    }
}

#[test]
fn unreadable_file_is_a_clear_error() {
    let err = profile::load(Path::new("/nonexistent/profiel.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("/nonexistent/profiel.toml: cannot read the file:"),
        "{err}"
    );
}

#[test]
fn several_errors_are_reported_at_once() {
    let text = "[municipality]\nname = \"\"\ninhabitants = 0\nworkplaces = -1\n\n[weights]\nprivacy = 1\ncost_predictability = \"x\"\ncontrol = 1\n";
    let errs = profile::parse("p.toml", text).unwrap_err();
    assert!(errs.0.len() >= 4, "{errs}");
}
