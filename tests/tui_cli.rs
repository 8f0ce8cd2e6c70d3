//! The TUI's command line: input problems are reported before the terminal is touched, with
//! the usual exit codes (1 invalid input, 2 usage error), and the existing commands still work.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use assert_cmd::Command;
use predicates::prelude::*;

fn bin(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.env("WOLKWIJZER_DATA_DIR", data);
    c
}

#[test]
fn a_missing_profile_is_invalid_input() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .args(["-p", "no-such-profile.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-profile.toml"));
}

#[test]
fn resume_without_an_autosave_says_so() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .arg("--resume")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no autosaved session"));
}

#[test]
fn a_broken_autosave_is_reported_with_resume() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("autosave.toml"), "schema = 7\n").unwrap();
    bin(d.path())
        .arg("--resume")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("schema 7"));
}

#[test]
fn an_unknown_theme_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .args(["--theme", "neon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("high-contrast"));
}

#[test]
fn profile_and_resume_exclude_each_other() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .args(["--resume", "-p", "profiles/middelgrote-gemeente.toml"])
        .assert()
        .code(2);
}

#[test]
fn the_commands_still_work_and_help_has_no_stale_wording() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .args([
            "score",
            "-p",
            "tests/fixtures/startersgroep-rivierenland.toml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Rivierenland"));
    bin(d.path())
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("opens the workshop TUI"))
        .stdout(predicate::str::contains("not built yet").not());
}

#[test]
fn without_a_terminal_the_tui_says_what_to_use_instead() {
    let d = tempfile::tempdir().unwrap();
    bin(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("wolkwijzer score"));
}

#[test]
fn report_from_a_saved_session_uses_its_edited_profile_and_weights() {
    use wolkwijzer::core::criteria::Criterion;
    use wolkwijzer::io::{catalogue, profile, store};
    use wolkwijzer::tui::{Action, State, update};
    let d = tempfile::tempdir().unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml");
    let p = profile::load(&path).unwrap();
    let mut s = State::new(catalogue::built_in(), p, Some(path.clone()));
    // The room edits the inhabitants and drops the privacy weight to 0.
    update(&mut s, Action::GoTo(1));
    update(&mut s, Action::Select);
    for _ in 0..10 {
        update(&mut s, Action::InputBackspace);
    }
    for c in "123457".chars() {
        update(&mut s, Action::InputChar(c));
    }
    update(&mut s, Action::Select);
    s.weights[0].set(Criterion::Privacy, 0.0);
    s.recompute();
    let session = d.path().join("sessie.toml");
    store::save(&session, &s.session()).unwrap();

    let from_session = bin(d.path())
        .args(["report", "--format", "markdown", "--session"])
        .arg(&session)
        .output()
        .unwrap();
    assert!(from_session.status.success(), "{from_session:?}");
    let text = String::from_utf8(from_session.stdout).unwrap();
    assert!(text.contains("123.457"), "{text}");
    let from_profile = bin(d.path())
        .args(["report", "--format", "markdown", "-p"])
        .arg(&path)
        .output()
        .unwrap();
    let original = String::from_utf8(from_profile.stdout).unwrap();
    assert!(!original.contains("123.457"));
    assert_ne!(text, original, "the weights and the edit change the note");

    // --session and --profile exclude each other; a broken session is invalid input.
    bin(d.path())
        .args(["report", "--session"])
        .arg(&session)
        .arg("-p")
        .arg(&path)
        .assert()
        .code(2);
    std::fs::write(d.path().join("kapot.toml"), "schema = 1\n").unwrap();
    bin(d.path())
        .args(["report", "--session"])
        .arg(d.path().join("kapot.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kapot.toml"));
}
