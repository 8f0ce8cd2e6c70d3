//! The binary's command line: exit codes, `validate`, `score` formats, `catalogue`, `--help`.

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
        ("csv", "section,rank,candidate"),
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
        .stdout(predicate::str::contains("status: reference"))
        .stdout(predicate::str::contains("[pending]"))
        .stdout(predicate::str::contains("[binding]"));
}

#[test]
fn help_is_stable() {
    let out = bin().arg("--help").output().unwrap();
    insta::assert_snapshot!("help", String::from_utf8_lossy(&out.stdout));
}
