//! `sensitivity` and `weights ahp` through the library: golden output, consistency with
//! `score`, the JSON and CSV shapes, and every bad AHP file with its located message.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::path::{Path, PathBuf};

use serde_json::Value;
use wolkwijzer::cli::{Format, render_ahp, render_sensitivity};
use wolkwijzer::core::analysis::{SamplingSettings, analyse};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::mcda::ahp::{SAATY_1980, TUMMALA_LING_1998, analyse as ahp_analyse};
use wolkwijzer::core::profile::Profile;
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{ahp, catalogue, profile};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn startersgroep() -> Profile {
    profile::load(&root().join("profiles/startersgroep.toml")).unwrap()
}

#[test]
fn golden_sensitivity_tables() {
    let cat = catalogue::built_in();
    for (name, p) in [
        ("demo", profile::demo()),
        ("startersgroep", startersgroep()),
    ] {
        for lang in [Lang::Nl, Lang::En] {
            let text =
                render_sensitivity(&cat, &p, SamplingSettings::default(), Format::Table, lang)
                    .unwrap();
            insta::assert_snapshot!(format!("sensitivity_{name}_{}", lang.code()), text);
        }
    }
}

#[test]
fn golden_ahp_example() {
    let input = ahp::load(&root().join("profiles/ahp/wolkendam.toml")).unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let text = render_ahp(&input, Format::Table, lang).unwrap();
        insta::assert_snapshot!(format!("ahp_wolkendam_{}", lang.code()), text);
    }
}

#[test]
fn the_analysis_agrees_with_score() {
    let cat = catalogue::built_in();
    for p in [profile::demo(), startersgroep()] {
        let e = evaluate(&cat, &p).unwrap();
        let a = analyse(&cat, &p, SamplingSettings::default()).unwrap();
        let r = a.robustness.as_ref().unwrap();
        let keys: Vec<_> = e.ranking.iter().map(|x| x.key).collect();
        assert_eq!(a.candidates, keys);
        assert_eq!(a.candidate(r.explanation.leader), e.leader().unwrap().key);
        assert_eq!(r.one_way.leader, r.explanation.leader);
        for (b, ranked) in r.explanation.candidates.iter().zip(&e.ranking) {
            assert!((b.total - ranked.total).abs() < 1e-12);
        }
        // SMAA over every candidate: each rank is taken by exactly one candidate.
        for rank in 0..a.candidates.len() {
            let sum: f64 = r.smaa.rank_acceptability.iter().map(|row| row[rank]).sum();
            assert!((sum - 1.0).abs() < 1e-9);
        }
        assert_eq!(r.smaa.samples, 10_000);
    }
}

#[test]
fn the_smallest_flip_really_flips_the_demo() {
    use wolkwijzer::core::mcda::sensitivity::rescale_weights;
    let cat = catalogue::built_in();
    let p = profile::demo();
    let a = analyse(&cat, &p, SamplingSettings::default()).unwrap();
    let r = a.robustness.unwrap();
    let flip = r.one_way.smallest_flip.unwrap();
    // Just past the break-even weight, the named candidate leads with the re-weighted profile.
    let step = if flip.to_weight < flip.from_weight {
        -1e-6
    } else {
        1e-6
    };
    let weights = rescale_weights(&a.weights, flip.criterion, flip.to_weight + step).unwrap();
    let mut moved = p.clone();
    for (c, w) in a.criteria.iter().zip(&weights) {
        moved.weights.set(*c, *w);
    }
    let e = evaluate(&cat, &moved).unwrap();
    assert_eq!(e.leader().unwrap().key, a.candidates[flip.new_leader]);
}

#[test]
fn the_seed_makes_smaa_reproducible() {
    let cat = catalogue::built_in();
    let p = profile::demo();
    let run = |seed| {
        let s = SamplingSettings {
            samples: 5_000,
            seed,
        };
        render_sensitivity(&cat, &p, s, Format::Json, Lang::En).unwrap()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn sensitivity_json_has_the_documented_shape() {
    let cat = catalogue::built_in();
    let text = render_sensitivity(
        &cat,
        &startersgroep(),
        SamplingSettings::default(),
        Format::Json,
        Lang::En,
    )
    .unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["profile"]["kind"], "group");
    assert_eq!(v["sampling"]["samples"], 10_000);
    let weights = v["weights"].as_object().unwrap();
    let sum: f64 = weights.values().map(|w| w.as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-5);
    let r = &v["robustness"];
    assert!(r["lead"]["close_call"].is_boolean());
    assert!(r["stability"].as_array().unwrap().len() == weights.len());
    for c in r["smaa"]["candidates"].as_array().unwrap() {
        let sum: f64 = c["rank_acceptability"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-5, "{c}");
        assert!(c["candidate"].is_string());
    }
    assert!(r["topsis"]["same_winner"].is_boolean());
    let g = &v["group"];
    assert_eq!(g["members"].as_array().unwrap().len(), 4);
    assert_eq!(g["aggregation"], "arithmetic_mean");
    assert_eq!(
        g["spreads"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["disputed"] == true)
            .count(),
        3
    );
    assert!(g["consensus"]["kendall_w"].is_f64());
    let first: f64 = g["smaa_in_ranges"]["first_rank"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["share"].as_f64().unwrap())
        .sum();
    assert!((first - 1.0).abs() < 1e-5);
    // A single municipality has no group section.
    let single = render_sensitivity(
        &cat,
        &profile::demo(),
        SamplingSettings::default(),
        Format::Json,
        Lang::Nl,
    )
    .unwrap();
    let v: Value = serde_json::from_str(&single).unwrap();
    assert!(v["group"].is_null());
}

#[test]
fn sensitivity_csv_is_long_format_with_every_section() {
    let cat = catalogue::built_in();
    let text = render_sensitivity(
        &cat,
        &startersgroep(),
        SamplingSettings::default(),
        Format::Csv,
        Lang::En,
    )
    .unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("section,candidate,criterion,member,measure,value")
    );
    let sections: std::collections::BTreeSet<&str> =
        lines.map(|l| l.split(',').next().unwrap()).collect();
    for s in [
        "weights",
        "contributions",
        "lead",
        "stability",
        "smallest_flip",
        "smaa",
        "topsis",
        "group_weights",
        "consensus",
        "member_ranking",
        "group_ranking",
        "excluded_by",
        "group_smaa",
    ] {
        assert!(sections.contains(s), "{s} missing in {sections:?}");
    }
    assert!(text.lines().all(|l| l.split(',').count() == 6), "{text}");
}

#[test]
fn sensitivity_markdown_has_the_sections() {
    let cat = catalogue::built_in();
    let text = render_sensitivity(
        &cat,
        &startersgroep(),
        SamplingSettings::default(),
        Format::Markdown,
        Lang::En,
    )
    .unwrap();
    for heading in [
        "## What makes the total",
        "## One-way sensitivity",
        "## Rank acceptability (SMAA-2)",
        "## TOPSIS beside the weighted sum",
        "## Starter group: Startersgroep Kempenrand",
        "### Group ranking",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains("|---|---:|"));
}

#[test]
fn a_profile_without_admissible_candidates_says_so() {
    let cat = catalogue::built_in();
    let mut p = profile::demo();
    // No candidate reaches 10 on continuity (professional management scores 8).
    p.constraints.min_scores.insert(Criterion::Continuity, 10.0);
    let text = render_sensitivity(
        &cat,
        &p,
        SamplingSettings::default(),
        Format::Table,
        Lang::En,
    )
    .unwrap();
    assert!(
        text.contains("No admissible candidate: nothing to analyse."),
        "{text}"
    );
    let json = render_sensitivity(
        &cat,
        &p,
        SamplingSettings::default(),
        Format::Json,
        Lang::En,
    )
    .unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["robustness"].is_null());
}

#[test]
fn ahp_example_weights_are_the_core_analysis() {
    let input = ahp::load(&root().join("profiles/ahp/wolkendam.toml")).unwrap();
    assert_eq!(input.criteria.len(), 6);
    assert_eq!(input.random_index.name, "saaty_1980");
    let a = ahp_analyse(&input.matrix, &SAATY_1980).unwrap();
    let text = render_ahp(&input, Format::Json, Lang::En).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    for (c, w) in input.criteria.iter().zip(&a.eigenvector_weights) {
        let got = v["eigenvector_weights"][c.id()].as_f64().unwrap();
        assert!((got - w).abs() < 1e-6);
    }
    assert_eq!(v["random_index"]["table"], "saaty_1980");
    assert_eq!(v["inconsistent"], false);
    assert!(v["consistency_ratio"].as_f64().unwrap() < 0.10);
}

#[test]
fn ahp_pairs_may_be_written_either_way_and_typed_with_decimals() {
    let forward = "criteria = [\"privacy\", \"control\", \"exit\"]\n[judgements]\n\
                   privacy.control = 3\nprivacy.exit = 5\ncontrol.exit = 2\n";
    let reverse = "criteria = [\"privacy\", \"control\", \"exit\"]\n\
                   [judgements.control]\nprivacy = \"1/3\"\nexit = 2\n\
                   [judgements.exit]\nprivacy = 0.2\n";
    let typed = "criteria = [\"privacy\", \"control\", \"exit\"]\n[judgements]\n\
                 privacy.control = 3\ncontrol.privacy = 0.33\nexit.privacy = \"1 / 5\"\n\
                 control.exit = 2\n";
    let a = ahp::parse("a.toml", forward).unwrap();
    let b = ahp::parse("b.toml", reverse).unwrap();
    let c = ahp::parse("c.toml", typed).unwrap();
    assert_eq!(a.matrix, b.matrix);
    assert_eq!(a.matrix, c.matrix);
    let t = ahp::parse(
        "t.toml",
        &format!("random_index = \"tummala_ling_1998\"\n{forward}"),
    )
    .unwrap();
    assert_eq!(t.random_index, &TUMMALA_LING_1998);
}

#[test]
fn an_inconsistent_room_gets_a_warning_not_a_block() {
    // Privacy ≫ control ≫ exit, yet exit ≫ privacy: a cycle.
    let text = "criteria = [\"privacy\", \"control\", \"exit\", \"continuity\"]\n[judgements]\n\
                privacy.control = 5\ncontrol.exit = 5\nexit.privacy = 5\n\
                privacy.continuity = 1\ncontrol.continuity = 1\nexit.continuity = 1\n";
    let input = ahp::parse("cycle.toml", text).unwrap();
    let out = render_ahp(&input, Format::Table, Lang::En).unwrap();
    assert!(out.contains("Warning: CR"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.trim_start().starts_with("- ") && l.contains("versus"))
            .count(),
        3,
        "{out}"
    );
    assert!(out.contains("[weights]"));
    let nl = render_ahp(&input, Format::Table, Lang::Nl).unwrap();
    assert!(nl.contains("Waarschuwing: CR"), "{nl}");
}

#[test]
fn ahp_snippet_fills_core_criteria_that_were_not_compared() {
    let input = ahp::parse(
        "x.toml",
        "criteria = [\"privacy\", \"exit\"]\n[judgements]\nprivacy.exit = 3\n",
    )
    .unwrap();
    let out = render_ahp(&input, Format::Table, Lang::En).unwrap();
    let snippet: String = out
        .lines()
        .skip_while(|l| l.trim() != "[weights]")
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    assert_eq!(
        snippet,
        "[weights]\nprivacy = 75.0\ncost_predictability = 0\ncontrol = 0\nexit = 25.0\n"
    );
    assert!(out.contains("Two criteria are always consistent"));
    // The snippet is a valid [weights] table for a profile.
    let profile_text =
        format!("[municipality]\nname = \"X\"\ninhabitants = 1000\nworkplaces = 10\n\n{snippet}");
    profile::parse("p.toml", &profile_text).unwrap();
}

/// Every bad judgement file and the message it must give: (file, exact location, fragment).
const AHP_CASES: &[(&str, &str, &str)] = &[
    (
        "non_positive.toml",
        ":6:19: judgements.privacy.control:",
        "-3 is not positive",
    ),
    (
        "above_scale.toml",
        ":5:31: judgements.privacy.cost_predictability:",
        "12 is outside Saaty's scale (allowed: a number or fraction from 1/9 to 9",
    ),
    (
        "below_scale.toml",
        ":6:19: judgements.privacy.control:",
        "\"1/10\" is outside Saaty's scale",
    ),
    (
        "inconsistent_reciprocals.toml",
        ":8:31: judgements.cost_predictability.privacy:",
        "contradicts `privacy.cost_predictability = 3`: the two directions of a pair must be reciprocal (allowed: \"1/3\"",
    ),
    (
        "unknown_criterion.toml",
        ":2:24: criteria[1]:",
        "unknown value \"speed\" (allowed: privacy, cost_predictability, control, continuity, flexibility, ontzorgen, exit, sovereignty)",
    ),
    (
        "criterion_not_listed.toml",
        ":8:1: judgements.exit:",
        "`exit` is not among `criteria` (allowed: privacy, cost_predictability, control)",
    ),
    (
        "missing_pair.toml",
        ":4:1: judgements.cost_predictability.control:",
        "missing: how many times as important cost_predictability is as control (1/9 to 9)",
    ),
    (
        "self_comparison.toml",
        ":5:9: judgements.privacy.privacy:",
        "a criterion is not compared with itself",
    ),
    (
        "one_criterion.toml",
        ":2:12: criteria:",
        "1 criterion to compare (allowed: at least 2 criteria)",
    ),
    (
        "not_a_number.toml",
        ":5:31: judgements.privacy.cost_predictability:",
        "\"three\" is not a number or fraction",
    ),
    (
        "unknown_random_index.toml",
        ":3:16: random_index:",
        "unknown value \"saaty\" (allowed: saaty_1980, saaty_2005, donegan_dodd_1991, tummala_ling_1998)",
    ),
    (
        "unknown_key.toml",
        ":3:1: method:",
        "unknown key `method` (allowed: criteria, random_index, judgements)",
    ),
    (
        "no_judgements.toml",
        ":1:1: judgements:",
        "missing: [judgements] with one judgement per pair of criteria",
    ),
];

#[test]
fn every_bad_judgement_file_gets_its_located_message() {
    let dir = root().join("tests/invalid_ahp");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    let mut covered: Vec<&str> = AHP_CASES.iter().map(|c| c.0).collect();
    covered.sort();
    assert_eq!(
        files, covered,
        "every invalid file has a case and vice versa"
    );
    for (file, location, fragment) in AHP_CASES {
        let path: &Path = &dir.join(file);
        let err = ahp::load(path).unwrap_err();
        assert_eq!(err.0.len(), 1, "{file}: exactly one problem: {err}");
        let err = err.to_string();
        let expected_start = format!("{}{}", path.display(), location);
        assert!(
            err.starts_with(&expected_start),
            "{file}: {err}\nexpected start: {expected_start}"
        );
        assert!(err.contains(fragment), "{file}: {err}");
    }
}

#[test]
fn several_judgement_problems_are_reported_at_once_in_file_order() {
    let text = "criteria = [\"privacy\", \"control\", \"exit\"]\n[judgements]\n\
                privacy.control = 0\nprivacy.exit = 10\n";
    let err = ahp::parse("many.toml", text).unwrap_err();
    let lines: Vec<String> = err.0.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("many.toml:2:1: judgements.control.exit: missing"));
    assert!(lines[1].starts_with("many.toml:3:19: judgements.privacy.control: 0 is not positive"));
    assert!(lines[2].starts_with("many.toml:4:16: judgements.privacy.exit: 10 is outside"));
}

/// The TOML blocks of a README section, in order.
fn readme_toml_blocks(section: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find(section).expect("section in README");
    let rest = &readme[start..];
    let end = rest[section.len()..]
        .find("\n### ")
        .map_or(rest.len(), |e| e + section.len());
    rest[..end]
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_readme_examples_are_valid() {
    let ahp_example = &readme_toml_blocks("### `wolkwijzer weights ahp FILE`")[0];
    let input = ahp::parse("README.md", ahp_example).unwrap();
    assert_eq!(input.criteria.len(), 4);
    let member = &readme_toml_blocks("### A starter group's own weights and constraints")[0];
    let group = format!(
        "[group]\nname = \"G\"\n\n[[municipalities]]\nname = \"A\"\ninhabitants = 1000\n\
         workplaces = 10\n\n{member}\n[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n"
    );
    let p = profile::parse("README.md", &group).unwrap();
    let members = p.subject.members();
    assert!(members[1].weights.is_some() && members[1].constraints.is_some());
}
