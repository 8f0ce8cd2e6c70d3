//! The binary's command line: exit codes, `validate`, `score` formats, `catalogue`, `--help`.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn score_prints_a_ranking_for_the_demo() {
    bin()
        .arg("score")
        .assert()
        .success()
        .stdout(predicate::str::contains("Ranglijst"))
        .stdout(predicate::str::contains("Hybride landschap"));
}

#[test]
fn score_in_english_every_format() {
    for (format, marker) in [
        ("table", "Ranking"),
        ("json", "\"ranking\""),
        ("csv", "section,rank,tied,candidate"),
        ("markdown", "## Ranking"),
    ] {
        bin()
            .args([
                "score",
                "--lang",
                "en",
                "--format",
                format,
                "-p",
                "profiles/grote-gemeente.toml",
            ])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker));
    }
}

#[test]
fn json_output_parses() {
    let out = bin().args(["score", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["ranking"].as_array().unwrap().len() > 3);
}

#[test]
fn validate_accepts_shipped_profiles() {
    bin()
        .args([
            "validate",
            "profiles/kleine-gemeente.toml",
            "profiles/middelgrote-gemeente.toml",
            "profiles/grote-gemeente.toml",
            "profiles/startersgroep.toml",
        ])
        .assert()
        .code(0);
}

#[test]
fn validate_never_panics_and_exits_1_on_every_invalid_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_profiles");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let out = bin().arg("validate").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&*path.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn validate_reports_every_file_with_a_problem() {
    bin()
        .args([
            "validate",
            "tests/invalid_profiles/unknown_key.toml",
            "profiles/kleine-gemeente.toml",
            "tests/invalid_profiles/wrong_type.toml",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("kleine-gemeente.toml: ok"))
        .stderr(predicate::str::contains("unknown_key.toml:14:1"))
        .stderr(predicate::str::contains("wrong_type.toml:3:15"));
}

#[test]
fn usage_errors_exit_2() {
    bin().args(["score", "--format", "pdf"]).assert().code(2);
    bin().arg("validate").assert().code(2);
    bin().arg("frobnicate").assert().code(2);
}

#[test]
fn bad_profile_for_score_exits_1() {
    bin()
        .args([
            "score",
            "-p",
            "tests/invalid_profiles/all_zero_weights.toml",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("all weights are zero"));
}

#[test]
fn catalogue_override_is_used_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("cat.toml");
    let text = wolkwijzer::io::catalogue::BUILT_IN.replace(
        "Eigen datacenter, eigen beheer",
        "Eigen rekencentrum, eigen beheer",
    );
    std::fs::write(&good, text).unwrap();
    bin()
        .args(["catalogue", "--catalogue"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("Eigen rekencentrum"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\n").unwrap();
    bin()
        .args(["score", "--catalogue"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing field"));
}

#[test]
fn catalogue_lists_rules_with_their_status() {
    bin()
        .args(["catalogue", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Control per layer"))
        .stdout(predicate::str::contains(
            "Verordening (EU) 2016/679 (GDPR), art. 35 — binding",
        ))
        .stdout(predicate::str::contains(
            "Rijksbreed cloudbeleid 2022, 29 August 2022 — reference",
        ))
        .stdout(predicate::str::contains("[pending]"))
        .stdout(predicate::str::contains("[self-binding]"))
        .stdout(predicate::str::contains("[background]"))
        .stdout(predicate::str::contains("[binding]"));
}

#[test]
fn help_is_stable() {
    let out = bin().arg("--help").output().unwrap();
    insta::assert_snapshot!("help", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn business_case_runs_on_the_demo_in_every_format() {
    for (format, marker) in [
        ("table", "Terugverdienjaar per band"),
        ("json", "\"return_years\""),
        ("csv", "section,scenario,candidate,stakeholder,band"),
        ("markdown", "## Scenario 1:"),
    ] {
        bin()
            .args(["business-case", "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker));
    }
}

#[test]
fn business_case_json_carries_money_as_strings() {
    let out = bin()
        .args([
            "business-case",
            "-p",
            "profiles/startersgroep.toml",
            "--format",
            "json",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &v["scenarios"][0]["bands"][1]["table"]["rows"][0];
    let cash = row["cash_flow"].as_str().unwrap();
    assert!(
        cash.split_once('.').is_some_and(|(_, c)| c.len() == 2),
        "{cash}"
    );
    let bills = &v["scenarios"][0]["allocation"]["participants"][0]["bills"];
    assert!(bills.as_array().unwrap().iter().all(|b| b.is_string()));
}

#[test]
fn business_case_filters_by_candidate_and_shortens_the_horizon() {
    let out = bin()
        .args([
            "business-case",
            "-p",
            "profiles/kleine-gemeente.toml",
            "--candidate",
            "ssc-saas-community",
            "--years",
            "5",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["horizon"], 5);
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0]["candidate"]["id"], "ssc-saas-community");
    assert_eq!(
        scenarios[0]["bands"][0]["table"]["rows"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn business_case_unknown_candidate_is_a_usage_error() {
    bin()
        .args(["business-case", "--candidate", "ssc-saas-public"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--candidate: unknown candidate \"ssc-saas-public\"",
        ))
        .stderr(predicate::str::contains("ssc-saas-community"));
}

#[test]
fn business_case_candidate_without_scenario_is_invalid_input() {
    bin()
        .args(["business-case", "--candidate", "own-on_premises-private"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the profile has no scenario for \"own-on_premises-private\" (scenarios exist for: managed-iaas-private, ssc-saas-community)",
        ));
}

#[test]
fn business_case_years_outside_5_to_10_is_a_usage_error() {
    bin()
        .args(["business-case", "--years", "4"])
        .assert()
        .code(2);
    bin()
        .args(["business-case", "--years", "11"])
        .assert()
        .code(2);
}

/// A valid profile without a business case.
const NO_CASE: &str = "[municipality]\nname = \"X\"\ninhabitants = 1000\nworkplaces = 10\n\n[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n";

#[test]
fn business_case_without_the_section_says_which_keys_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, NO_CASE).unwrap();
    bin()
        .args(["business-case", "-p"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("has no business case"))
        .stderr(predicate::str::contains("[business_case]"))
        .stderr(predicate::str::contains("[[business_case.measurement]]"))
        .stderr(predicate::str::contains("[[business_case.scenarios]]"));
}

#[test]
fn business_case_years_that_cut_off_a_line_name_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let text = format!(
        "{NO_CASE}\n[business_case]\n\n[[business_case.measurement]]\nict_workplace = 0\nsoftware = 0\ndata_communication = 0\nvoice_communication = 0\npersonnel = 100000\nservers_storage = 0\nfacilities = 0\n\n[[business_case.scenarios]]\ncandidate = \"host-saas-community\"\nkind = \"cost_reduction\"\none_off = [{{ kind = \"training\", label = \"Opleiding\", year = 7, amount = 1000 }}]\n"
    );
    std::fs::write(&path, text).unwrap();
    bin()
        .args(["business-case", "-p"])
        .arg(&path)
        .assert()
        .success();
    bin()
        .args(["business-case", "--years", "6", "-p"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "with --years 6: scenario.one_off[0].year ('Opleiding'): year 7 is outside the horizon (years 1–6)",
        ));
}

#[test]
fn business_case_profile_errors_are_located() {
    bin()
        .args([
            "business-case",
            "-p",
            "tests/invalid_profiles/bc_tier_gap.toml",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bc_tier_gap.toml:52:3:"));
}

/// A room that weighs only cost predictability: six candidates reach 9,00 and share rank 1.
fn tied_profile(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("tied.toml");
    std::fs::write(
        &p,
        "title = \"Gelijke scores\"\n\n[municipality]\nname = \"Gelijkstad\"\ninhabitants = 20000\nworkplaces = 180\n\n[weights]\nprivacy = 0\ncost_predictability = 1\ncontrol = 0\n\n[[workloads]]\nname = \"Kantoor\"\ndata = \"internal\"\n",
    )
    .unwrap();
    p
}

#[test]
fn tied_candidates_share_a_rank_in_every_score_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = tied_profile(dir.path());
    let p = p.to_str().unwrap();
    let table = bin().args(["score", "-p", p]).output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert_eq!(table.matches("\n  1=  ").count(), 6, "{table}");
    assert!(
        table.contains("Bij gelijke score: volgorde van de catalogus"),
        "{table}"
    );
    let md = bin()
        .args(["score", "--format", "markdown", "--lang", "en", "-p", p])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert_eq!(md.matches("\n| 1= | ").count(), 6, "{md}");
    assert!(
        md.contains("On equal scores: the catalogue's order"),
        "{md}"
    );
    let json = bin()
        .args(["score", "--format", "json", "-p", p])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let ranking = v["ranking"].as_array().unwrap();
    let firsts: Vec<_> = ranking.iter().filter(|r| r["rank"] == 1).collect();
    assert_eq!(firsts.len(), 6);
    assert!(firsts.iter().all(|r| r["tied"] == true));
    assert_eq!(ranking[6]["rank"], 7);
    assert!(v["tie_break"].is_string());
    let csv = bin()
        .args(["score", "--format", "csv", "-p", p])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("section,rank,tied,candidate"), "{csv}");
    assert!(
        csv.lines().any(|l| l.starts_with("ranking,1,true,")),
        "{csv}"
    );
}

#[test]
fn tied_candidates_share_a_rank_in_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let p = tied_profile(dir.path());
    let out = dir.path().join("note.md");
    bin()
        .args([
            "report",
            "-p",
            p.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md.matches("\n| 1= | ").count(), 6, "{md}");
    assert!(md.contains("#### 1= "), "{md}");
    assert!(md.contains("gedeeld 1e in de algemene ranglijst"), "{md}");
    assert!(
        md.contains("Bij gelijke score: volgorde van de catalogus"),
        "{md}"
    );
}

/// The three default criteria only (4/3/3): the own datacenter leads, weak on continuity.
const STATUS_QUO: &str = "title = \"Status quo\"\n\n[municipality]\nname = \"X\"\ninhabitants = 20000\nworkplaces = 180\n\n[weights]\nprivacy = 4\ncost_predictability = 3\ncontrol = 3\n\n[[workloads]]\nname = \"Kantoor\"\ndata = \"internal\"\n";

#[test]
fn the_status_quo_warning_is_in_every_score_format_and_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sq.toml");
    std::fs::write(&p, STATUS_QUO).unwrap();
    let p = p.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["score", "-p", p]);
    assert!(
        table.contains("⚠ Let op: Continuïteit weegt niet mee (gewicht 0), maar de koploper Eigen datacenter · Eigen beheer · Private cloud scoort daarop 3,0"),
        "{table}"
    );
    // The rule by what it says, never its id.
    assert!(
        !table.contains("public_cloud_non_sensitive_only"),
        "{table}"
    );
    let md = run(&["score", "--format", "markdown", "--lang", "en", "-p", p]);
    assert!(
        md.contains("> ⚠ Note: Continuity does not count (weight 0)"),
        "{md}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&run(&["score", "--format", "json", "-p", p])).unwrap();
    let w = v["warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|x| x["criterion"] == "continuity" && x["score"] == 3.0)
    );
    let csv = run(&["score", "--format", "csv", "-p", p]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("warning,,,own-on_premises-private,")
                && l.contains(",continuity,3.000000,")),
        "{csv}"
    );
    for (format, marker) in [
        ("markdown", "> ⚠ Let op: Continuïteit weegt niet mee"),
        (
            "html",
            r#"<p class="warning" role="note">⚠ Let op: Continuïteit"#,
        ),
        ("csv", "continuity,3,\"Let op: Continuïteit"),
    ] {
        let note = run(&["report", "-p", p, "--format", format]);
        assert!(note.contains(marker), "{format}: {note}");
    }
}

#[test]
fn the_king_2012_stance_is_shown_by_name_and_date_in_score_and_note() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("king.toml");
    std::fs::write(
        &p,
        format!("{STATUS_QUO}\n[public_cloud]\nstance = \"king_2012\"\n")
            .replace("data = \"internal\"", "data = \"personal\""),
    )
    .unwrap();
    let p = p.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["score", "-p", p]);
    assert!(
        table.contains("Gekozen houding voor publieke cloud: KING, Cloud computing en shared service centra (ca. 2012)"),
        "{table}"
    );
    assert!(
        table.contains("✗ Gekozen strengere houding (KING, ca. 2012)"),
        "{table}"
    );
    // The rule by what it says, never its id.
    assert!(
        !table.contains("public_cloud_non_sensitive_only"),
        "{table}"
    );
    let md = run(&["score", "--format", "markdown", "--lang", "en", "-p", p]);
    assert!(md.contains("_Stance chosen for public cloud: KING, Cloud computing en shared service centra (about 2012)"), "{md}");
    let note = run(&["report", "-p", p]);
    assert!(
        note.contains("_Gekozen houding voor publieke cloud: KING"),
        "{note}"
    );
    // Without the stance the rule does not apply and no stance line is shown.
    let q = dir.path().join("default.toml");
    std::fs::write(
        &q,
        STATUS_QUO.replace("data = \"internal\"", "data = \"personal\""),
    )
    .unwrap();
    let table = run(&["score", "-p", q.to_str().unwrap()]);
    assert!(
        !table.contains("public_cloud_non_sensitive_only"),
        "{table}"
    );
    assert!(!table.contains("Gekozen houding"), "{table}");
    assert!(
        table.contains("- Gewone persoonsgegevens in de publieke cloud: 'ja, mits'"),
        "{table}"
    );
}

#[test]
fn csv_for_a_dutch_excel_has_a_bom_semicolons_and_decimal_commas() {
    let plain = bin()
        .args(["score", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).unwrap();
    let dutch = bin()
        .args(["score", "--format", "csv", "--csv-dialect", "excel-nl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let dutch = String::from_utf8(dutch).unwrap();
    assert!(dutch.starts_with('\u{feff}'), "a byte order mark first");
    let first = dutch.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(first, plain.lines().next().unwrap().replace(',', ";"));
    assert!(dutch.contains("\r\n"));
    // Every number of the RFC 4180 file is there with a decimal comma.
    let n = plain
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .find(|c| c.contains('.') && c.parse::<f64>().is_ok())
        .expect("a decimal in the first row")
        .to_string();
    assert!(dutch.contains(&n.replace('.', ",")), "{n}");
    assert_eq!(plain.lines().count(), dutch.lines().count());
}

#[test]
fn a_csv_file_written_with_o_follows_the_dialect_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bc.csv");
    bin()
        .args([
            "business-case",
            "--format",
            "csv",
            "--csv-dialect",
            "excel-nl",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.lines().next().unwrap().contains(";"));
    // Refused the second time, without --force.
    bin()
        .args(["business-case", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(1);
}
