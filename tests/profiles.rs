//! Shipped profiles (golden output, JSON shape, the data-class rules) and every bad-input case
//! in `tests/invalid_profiles/` with the message it must produce.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::Path;

use serde_json::Value;
use wolkwijzer::cli::{Format, render_score};
use wolkwijzer::core::catalogue::{DataClass, Deployment};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};

#[test]
fn at_least_four_profiles_ship_and_all_are_valid() {
    let files = common::shipped_profiles();
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
    for f in common::shipped_profiles() {
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
    for f in common::shipped_profiles() {
        let p = profile::load(&f).unwrap();
        let text = render_score(&cat, &p, Format::Json, Lang::Nl).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v["profile"].is_object());
        let ranking = v["ranking"].as_array().unwrap();
        assert!(!ranking.is_empty());
        for r in ranking {
            // A shared rank: one more than the number of candidates with a higher score.
            let score = r["score"].as_f64().unwrap();
            let above = ranking
                .iter()
                .filter(|x| x["score"].as_f64().unwrap() > score)
                .count();
            assert_eq!(r["rank"].as_u64().unwrap() as usize, above + 1);
            let equal = ranking.iter().filter(|x| x["score"] == r["score"]).count();
            assert_eq!(r["tied"].as_bool().unwrap(), equal > 1);
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
            // `null` when no candidate is admissible (README); the explanation says why.
            if w["candidate"].is_null() {
                assert!(
                    w["explanation"].as_str().unwrap().len() > 10,
                    "a workload without a candidate says why: {w}"
                );
            } else {
                candidate_ok(&w["candidate"]);
            }
            assert!(w["explanation"].is_string());
        }
    }
}

#[test]
fn brp_and_special_data_never_land_on_public_cloud_without_accepted_conditions() {
    let cat = catalogue::built_in();
    for f in common::shipped_profiles() {
        let p = profile::load(&f).unwrap();
        let e = evaluate(&cat, &p).unwrap();
        for w in &e.workloads {
            if matches!(w.data, DataClass::Brp | DataClass::Special) {
                let accepted =
                    p.public_cloud.accept_for.contains(&w.data) && p.public_cloud.conditions_met();
                if w.key.is_some_and(|k| k.deployment == Deployment::Public) {
                    assert!(accepted, "{}: {} on public", f.display(), w.name);
                }
                // The placement carries the deciding rule either way, with its source.
                let rule = w
                    .rules
                    .iter()
                    .find(|r| r.id == "brp_special_no_unless")
                    .expect("the rule applies");
                assert_eq!(rule.citations[0].source, "cloudbeleid2022");
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
        brp.explanation.en.contains("Skipped because of"),
        "{}",
        brp.explanation.en
    );
    // The rule by its source's name, never its id.
    assert!(
        brp.explanation
            .en
            .contains("Skipped because of Rijksbreed cloudbeleid 2022: ")
    );
    assert!(!brp.explanation.en.contains("brp_special_no_unless"));

    // When the profile accepts the conditions, the rule is lifted and says so.
    p.public_cloud.accept_for = vec![DataClass::Brp];
    p.public_cloud.eea_storage = true;
    p.public_cloud.dpia = true;
    p.public_cloud.exit_strategy = true;
    p.public_cloud.no_offensive_cyber_provider = true;
    let e = evaluate(&cat, &p).unwrap();
    let brp = e
        .workloads
        .iter()
        .find(|w| w.data == DataClass::Brp)
        .unwrap();
    assert_eq!(brp.key.unwrap().deployment, Deployment::Public);
    assert!(
        brp.explanation.en.contains("Lifted: "),
        "{}",
        brp.explanation.en
    );
    assert!(
        brp.rules
            .iter()
            .any(|r| r.id == "brp_special_no_unless" && !r.forbids_public)
    );
}

/// Every bad-input file and the message it must give: (file, exact location, fragment).
const CASES: &[(&str, &str, &str)] = &[
    (
        "unknown_key.toml",
        ":14:1: workloads[0].colour:",
        "unknown key `colour` (allowed: name, data, models, critical, availability, digid, collaboration)",
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
        "unknown criterion `speed` (allowed: privacy, cost_predictability, control, continuity, flexibility, ontzorgen, exit, sovereignty)",
    ),
    (
        "missing_core_weight.toml",
        ":6:1: weights.cost_predictability:",
        "missing: a weight for every core criterion",
    ),
    (
        "brp_without_conditions.toml",
        ":12:14: public_cloud.accept_for:",
        "needs every 'tenzij' condition of the Rijksbreed cloudbeleid 2022 recorded as met",
    ),
    (
        "special_without_cyber_condition.toml",
        ":12:14: public_cloud.accept_for:",
        "accepting public cloud for special needs every 'tenzij' condition of the Rijksbreed cloudbeleid 2022 recorded as met (allowed: eea_storage = true, no_offensive_cyber_provider = true, exit_strategy = true and dpia = true)",
    ),
    (
        "unknown_stance.toml",
        ":12:10: public_cloud.stance:",
        "unknown stance `vng_2030` (allowed: cloudbeleid_2022, king_2012)",
    ),
    (
        "king_stance_accepts_personal.toml",
        ":13:14: public_cloud.accept_for:",
        "stance `king_2012` allows no public cloud for any personal data",
    ),
    (
        "cyber_condition_not_boolean.toml",
        ":12:31: public_cloud.no_offensive_cyber_provider:",
        "expected true or false",
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
        "bc_negative_amount.toml",
        ":26:83: business_case.scenarios[0].one_off[0].amount:",
        "-5000 is negative",
    ),
    (
        "bc_horizon_out_of_range.toml",
        ":12:11: business_case.horizon:",
        "12 years is outside the allowed 5–10 years (KING, De baten als ballast, §2.5 advises 7 to 10)",
    ),
    (
        "bc_year_outside_horizon.toml",
        ":26:62: business_case.scenarios[0].investments[0].year:",
        "year 9 is outside the horizon of 7 years (allowed: a year from 1 to 7)",
    ),
    (
        "bc_unknown_candidate.toml",
        ":24:13: business_case.scenarios[0].candidate:",
        "unknown candidate \"ssc-saas-public\" (allowed: own-on_premises-private,",
    ),
    (
        "bc_unknown_kind.toml",
        ":25:8: business_case.scenarios[0].kind:",
        "unknown value \"baseline\" (allowed: cost_reduction, minder_meerkosten",
    ),
    (
        "bc_bands_not_ordered.toml",
        ":24:16: business_case.risk.delay_months:",
        "values must be ordered low ≤ expected ≤ high, got 12 / 6 / 18",
    ),
    (
        "bc_tier_gap.toml",
        ":52:3: business_case.scenarios[0].allocation.tariff.tiers:",
        "gap between tiers[0] and tiers[1]: usage 125 up to 150 has no price",
    ),
    (
        "bc_tier_overlap.toml",
        ":52:3: business_case.scenarios[0].allocation.tariff.tiers:",
        "tiers[0] and tiers[1] overlap from usage 100 (up to 125)",
    ),
    (
        "bc_unknown_participant.toml",
        ":51:20: business_case.scenarios[0].allocation.usage.Oirschot:",
        "unknown participant \"Oirschot\" (allowed: \"A\", \"B\")",
    ),
    (
        "bc_missing_measurement.toml",
        ":21:1: business_case.measurement:",
        "missing: a nulmeting for \"B\"",
    ),
    (
        "bc_no_allocation_basis.toml",
        ":41:1: business_case.scenarios[0]:",
        "cannot be evaluated: rule ('year 1'): cannot allocate 1000: every participant's usage or list charge is zero",
    ),
    (
        "min_score_out_of_range.toml",
        ":12:26: constraints.min_scores.privacy:",
        "11 is out of range (allowed: a number from 0 to 10)",
    ),
    (
        "member_unknown_criterion.toml",
        ":14:1: municipalities[0].weights.speed:",
        "unknown criterion `speed` (allowed: privacy, cost_predictability, control, continuity, flexibility, ontzorgen, exit, sovereignty)",
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

/// `business-case --format json` for one profile, parsed.
fn business_case_json(p: &wolkwijzer::core::profile::Profile, lang: Lang) -> Value {
    let cat = catalogue::built_in();
    let out = wolkwijzer::cli::business_case(&cat, p, None, None, Format::Json, lang);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Money in the JSON: a string with exactly two decimals.
fn money(v: &Value) -> rust_decimal::Decimal {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("money as a string: {v}"));
    let (_, cents) = s
        .split_once('.')
        .unwrap_or_else(|| panic!("two decimals: {s}"));
    assert_eq!(cents.len(), 2, "two decimals: {s}");
    s.parse().unwrap()
}

fn table_ok(t: &Value, years: usize) {
    let rows = t["rows"].as_array().unwrap();
    assert_eq!(rows.len(), years);
    let mut cumulative = rust_decimal::Decimal::ZERO;
    let mut first_positive = None;
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["year"].as_u64().unwrap() as usize, i + 1);
        let total = money(&r["operating_costs"]) + money(&r["investments"]);
        assert_eq!(money(&r["total_costs"]), total);
        assert_eq!(money(&r["cash_flow"]), money(&r["benefits"]) - total);
        cumulative += money(&r["cash_flow"]);
        assert_eq!(money(&r["cumulative_cash_flow"]), cumulative);
        money(&r["cumulative_benefits"]);
        money(&r["cumulative_costs"]);
        if first_positive.is_none() && cumulative > rust_decimal::Decimal::ZERO {
            first_positive = Some(i as u64 + 1);
        }
    }
    assert_eq!(t["return_year"].as_u64(), first_positive);
    for l in t["lines"].as_array().unwrap() {
        assert!(
            ["benefits", "operating_costs", "investments"]
                .contains(&l["section"].as_str().unwrap())
        );
        assert!(l["label"].is_string());
        let amounts = l["amounts"].as_array().unwrap();
        assert_eq!(amounts.len(), years);
        amounts.iter().for_each(|a| {
            money(a);
        });
    }
    money(&t["residual_book_value"]);
}

#[test]
fn business_case_json_has_the_documented_shape_for_every_profile() {
    let cat = catalogue::built_in();
    for f in common::shipped_profiles() {
        let p = profile::load(&f).unwrap();
        assert!(
            p.business_case.is_some(),
            "{} has a business case",
            f.display()
        );
        let v = business_case_json(&p, Lang::Nl);
        let years = v["horizon"].as_u64().unwrap() as usize;
        assert!((5..=10).contains(&years));
        assert_eq!(v["lang"], "nl");
        assert!(v["title"].is_string() && v["subject"].is_string());
        let ms = v["measurements"].as_array().unwrap();
        assert_eq!(ms.len(), p.subject.members().len());
        for m in ms {
            assert_eq!(m["tco"].as_object().unwrap().len(), 7);
            let visible: rust_decimal::Decimal =
                m["tco"].as_object().unwrap().values().map(money).sum();
            assert_eq!(money(&m["visible_total"]), visible);
            assert_eq!(
                money(&m["total"]),
                money(&m["visible_total"]) + money(&m["implicit_total"])
            );
        }
        let scenarios = v["scenarios"].as_array().unwrap();
        assert!(!scenarios.is_empty());
        for s in scenarios {
            assert!(
                cat.candidate_by_id(s["candidate"]["id"].as_str().unwrap())
                    .is_some()
            );
            assert!(["cost_reduction", "less_extra_costs"].contains(&s["kind"].as_str().unwrap()));
            table_ok(&s["estimate"], years);
            let bands = s["bands"].as_array().unwrap();
            let ids: Vec<&str> = bands.iter().map(|b| b["band"].as_str().unwrap()).collect();
            assert_eq!(ids, ["favourable", "expected", "unfavourable"]);
            for b in bands {
                table_ok(&b["table"], years);
                assert_eq!(b["return_year"], b["table"]["return_year"]);
                assert_eq!(
                    s["return_years"][b["band"].as_str().unwrap()],
                    b["return_year"]
                );
                assert!(b["cost_multiplier"].is_string() && b["delay_months"].is_u64());
            }
            for k in s["known_costs"].as_array().unwrap() {
                assert!(k["source"].as_str().unwrap().contains(
                    "Impactanalyse belemmeringen gemeentelijke ICT-samenwerking, 2015, §3."
                ));
            }
            for e in s["effectiveness"].as_array().unwrap() {
                assert!(e["label"].is_string());
            }
            match p.subject.is_group() {
                false => {
                    assert!(s["allocation"].is_null());
                    assert_eq!(s["sensitivity"].as_array().unwrap().len(), 3);
                }
                true => {
                    let a = &s["allocation"];
                    table_ok(&a["provider"], years);
                    let participants = a["participants"].as_array().unwrap();
                    assert_eq!(participants.len(), p.subject.members().len());
                    // The bills of every year add up to the provider's cost exactly.
                    for (y, year) in a["years"].as_array().unwrap().iter().enumerate() {
                        let bills: rust_decimal::Decimal =
                            participants.iter().map(|x| money(&x["bills"][y])).sum();
                        assert_eq!(bills, money(&year["total"]));
                        assert_eq!(
                            money(&year["total"]),
                            money(&a["provider"]["rows"][y]["total_costs"])
                        );
                    }
                    let group_wins =
                        money(&s["estimate"]["rows"][years - 1]["cumulative_cash_flow"])
                            > rust_decimal::Decimal::ZERO;
                    for x in participants {
                        table_ok(&x["difference"], years);
                        let own = money(&x["final_cumulative_cash_flow"]);
                        assert_eq!(
                            x["loses_while_group_wins"].as_bool().unwrap(),
                            group_wins && own < rust_decimal::Decimal::ZERO
                        );
                        assert!(x["bill_band"]["relative_spread"].is_string());
                    }
                }
            }
        }
    }
}

#[test]
fn the_starter_group_shows_a_participant_that_loses_while_the_group_wins() {
    // Reusel-Zuid already outsourced its servers (little to save) and pays by workplaces.
    let p =
        profile::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml"))
            .unwrap();
    let v = business_case_json(&p, Lang::En);
    let participants = v["scenarios"][0]["allocation"]["participants"]
        .as_array()
        .unwrap();
    let losers: Vec<&str> = participants
        .iter()
        .filter(|x| x["loses_while_group_wins"].as_bool().unwrap())
        .map(|x| x["municipality"].as_str().unwrap())
        .collect();
    assert_eq!(losers, ["Reusel-Zuid"]);
}

#[test]
fn golden_business_case_tables() {
    let cat = catalogue::built_in();
    for f in common::shipped_profiles() {
        let p = profile::load(&f).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        for lang in [Lang::Nl, Lang::En] {
            let out = wolkwijzer::cli::business_case(&cat, &p, None, None, Format::Table, lang);
            assert_eq!(out.code, 0, "{}", out.stderr);
            insta::assert_snapshot!(format!("business_case_{name}_{}", lang.code()), out.stdout);
        }
    }
}

#[test]
fn profiles_with_a_business_case_round_trip_through_json_and_toml() {
    // Sessions store the profile; the business case must survive serialisation unchanged.
    for f in common::shipped_profiles() {
        let p = profile::load(&f).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        let back: wolkwijzer::core::profile::Profile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p, "{} via JSON", f.display());
        let toml_text = toml::to_string(&p).unwrap();
        let back: wolkwijzer::core::profile::Profile = toml::from_str(&toml_text).unwrap();
        assert_eq!(back, p, "{} via TOML", f.display());
    }
}
