//! The binary's `sensitivity` and `weights ahp` commands: output, formats, exit codes.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn sensitivity_runs_on_the_demo_in_dutch() {
    bin()
        .arg("sensitivity")
        .assert()
        .success()
        .stdout(predicate::str::contains("Gevoeligheid: "))
        .stdout(predicate::str::contains("Eenzijdige gevoeligheid"))
        .stdout(predicate::str::contains("van de plausibele wegingen"))
        .stdout(predicate::str::contains("10.000 wegingen"))
        .stdout(predicate::str::contains("Startersgroep").not());
}

#[test]
fn sensitivity_of_the_starter_group_in_every_format() {
    for (format, marker) in [
        ("table", "Starter group: Startersgroep Kempenrand"),
        ("json", "\"kendall_w\""),
        ("csv", "section,candidate,criterion,member,measure,value"),
        ("markdown", "## Starter group: Startersgroep Kempenrand"),
    ] {
        bin()
            .args([
                "sensitivity",
                "--lang",
                "en",
                "--format",
                format,
                "--profile",
                "profiles/startersgroep.toml",
                "--samples",
                "2000",
            ])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker));
    }
}

#[test]
fn samples_and_seed_are_honoured() {
    let run = |seed: &str| {
        let out = bin()
            .args([
                "sensitivity",
                "--format",
                "json",
                "--samples",
                "3000",
                "--seed",
                seed,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let a = run("42");
    assert_eq!(a["sampling"]["samples"], 3000);
    assert_eq!(a["sampling"]["seed"], 42);
    assert_eq!(a["robustness"]["smaa"]["samples"], 3000);
    assert_eq!(a, run("42"), "the same seed gives the same result");
    assert_ne!(
        a["robustness"]["smaa"],
        run("43")["robustness"]["smaa"],
        "another seed draws other weights"
    );
}

#[test]
fn sensitivity_usage_errors_exit_2() {
    for args in [
        &["sensitivity", "--samples", "0"][..],
        &["sensitivity", "--samples", "many"],
        &["sensitivity", "--samples", "20000000"],
        &["sensitivity", "--seed", "-1"],
        &["sensitivity", "--format", "pdf"],
        &["weights"],
        &["weights", "ahp"],
        &["weights", "swing", "x.toml"],
    ] {
        bin().args(args).assert().code(2);
    }
}

#[test]
fn sensitivity_of_a_bad_profile_exits_1_with_the_location() {
    bin()
        .args([
            "sensitivity",
            "-p",
            "tests/invalid_profiles/member_unknown_criterion.toml",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "member_unknown_criterion.toml:14:1: municipalities[0].weights.speed: unknown criterion `speed`",
        ));
    bin()
        .args(["sensitivity", "-p", "/nonexistent/profiel.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the file"));
}

#[test]
fn weights_ahp_prints_weights_and_consistency() {
    bin()
        .args([
            "weights",
            "ahp",
            "profiles/ahp/wolkendam.toml",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Eigenvector"))
        .stdout(predicate::str::contains("Geometric mean"))
        .stdout(predicate::str::contains("λmax = "))
        .stdout(predicate::str::contains("table saaty_1980"))
        .stdout(predicate::str::contains("Consistent enough"))
        .stdout(predicate::str::contains("[weights]\n  privacy = "));
    let out = bin()
        .args([
            "weights",
            "ahp",
            "profiles/ahp/wolkendam.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sum: f64 = v["eigenvector_weights"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-5);
    for (format, marker) in [
        (
            "csv",
            "section,criterion,other,value\neigenvector_weight,privacy,,",
        ),
        (
            "markdown",
            "| Criterium | Eigenvector | Meetkundig gemiddelde |",
        ),
    ] {
        bin()
            .args([
                "weights",
                "ahp",
                "profiles/ahp/wolkendam.toml",
                "--format",
                format,
            ])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker));
    }
}

#[test]
fn weights_ahp_warns_but_succeeds_when_inconsistent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycle.toml");
    std::fs::write(
        &file,
        "criteria = [\"privacy\", \"control\", \"exit\"]\n[judgements]\n\
         privacy.control = 7\ncontrol.exit = 7\nexit.privacy = 7\n",
    )
    .unwrap();
    bin()
        .args(["weights", "ahp", "--lang", "en"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Warning: CR"))
        .stdout(predicate::str::contains("Privacy versus Control: given 7"));
}

#[test]
fn weights_ahp_exits_1_on_every_bad_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_ahp");
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let out = bin().args(["weights", "ahp"]).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&*path.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}
