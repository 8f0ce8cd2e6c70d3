//! `wolkwijzer completions SHELL` and `wolkwijzer man`: generated from the clap definitions, so
//! every command and option the binary accepts is in them.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::io::Write;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use clap::CommandFactory;
use wolkwijzer::cli::Cli;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout_of(args: &[&str]) -> String {
    let out = bin().args(args).assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every command path (`score`, `weights`, `weights ahp`, …) with its long options.
fn commands() -> Vec<(Vec<String>, Vec<String>)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Vec<String>)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            let longs = sub
                .get_arguments()
                .filter_map(|a| a.get_long().map(str::to_owned))
                .collect();
            out.push((p.clone(), longs));
            walk(sub, p, out);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

#[test]
fn the_command_list_is_what_the_binary_has() {
    let names: Vec<String> = commands().iter().map(|(p, _)| p.join(" ")).collect();
    for expected in [
        "score",
        "validate",
        "business-case",
        "catalogue",
        "report",
        "sensitivity",
        "weights",
        "weights ahp",
        "completions",
        "man",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
}

#[test]
fn bash_completion_offers_every_command_and_option() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("complete -F _wolkwijzer"), "{script}");
    for (path, longs) in commands() {
        let name = path.last().unwrap();
        assert!(
            script.contains(name.as_str()),
            "bash completion lacks {name}"
        );
        for long in longs {
            assert!(
                script.contains(&format!("--{long}")),
                "bash completion lacks --{long} of {}",
                path.join(" ")
            );
        }
    }
    // The value lists of enums are completed too.
    for value in [
        "table",
        "json",
        "csv",
        "markdown",
        "html",
        "high-contrast",
        "elvish",
    ] {
        assert!(script.contains(value), "bash completion lacks {value}");
    }
    // And bash accepts it.
    let mut check = Process::new("bash")
        .args(["-n"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("bash runs");
    check
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(
        check.wait().unwrap().success(),
        "bash -n refuses the script"
    );
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for (shell, marker) in [
        ("zsh", "#compdef wolkwijzer"),
        ("fish", "complete -c wolkwijzer"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[wolkwijzer]"),
    ] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for command in ["business-case", "sensitivity", "ahp", "completions", "man"] {
            assert!(
                script.contains(command),
                "{shell} completion lacks {command}"
            );
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    bin()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values: bash"));
}

#[test]
fn completions_do_not_need_a_valid_catalogue() {
    let out = stdout_of(&["--catalogue", "does-not-exist.toml", "completions", "fish"]);
    assert!(out.contains("complete -c wolkwijzer"));
}

/// The roff source with escapes undone as far as the names need (`\-` is a hyphen).
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
}

#[test]
fn man_page_has_every_command_and_option() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"),
        "{page}"
    );
    assert!(page.contains(".TH wolkwijzer 1"), "no title macro");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "man page lacks {section}");
    }
    let text = plain(&page);
    for (path, longs) in commands() {
        let name = path.join(" ");
        assert!(text.contains(&name), "man page lacks the command {name}");
        if path.len() == 1 && path[0] == "weights" {
            continue; // only groups `weights ahp`, which has its own section
        }
        let heading = format!(".SH \"WOLKWIJZER {}\"", name.to_uppercase());
        let start = text
            .find(&heading)
            .unwrap_or_else(|| panic!("man page lacks the section {heading}"));
        let rest = &text[start + heading.len()..];
        let section = &rest[..rest.find(".SH ").unwrap_or(rest.len())];
        for long in longs {
            assert!(
                section.contains(&format!("--{long}")),
                "man section {heading} lacks --{long}"
            );
        }
    }
    assert!(text.contains("Exit codes: 0 ok, 1 invalid input, 2 usage error."));
}

#[test]
fn man_renders_with_man_or_is_well_formed_roff() {
    let page = stdout_of(&["man"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wolkwijzer.1");
    std::fs::write(&file, &page).unwrap();
    let rendered = Process::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .env("LC_ALL", "C.UTF-8")
        .output();
    match rendered {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            for expected in [
                "NAME",
                "SYNOPSIS",
                "WOLKWIJZER BUSINESS-CASE",
                "WOLKWIJZER WEIGHTS AHP",
                "--candidate",
                "--samples",
            ] {
                assert!(
                    text.contains(expected),
                    "man -l output lacks {expected}:\n{text}"
                );
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.trim().is_empty(), "man warns: {stderr}");
        }
        _ => {
            // No man here: check the structure. Every line that is not text is a known macro.
            let known = [
                ".TH", ".SH", ".SS", ".TP", ".PP", ".IP", ".RS", ".RE", ".br", ".ie", ".el", ".nh",
                ".ad", ".B", ".I", ".\\\"", ".sp", ".in", ".ti", ".nf", ".fi",
            ];
            for line in page.lines().filter(|l| l.starts_with('.')) {
                let mac = line.split_whitespace().next().unwrap_or(line);
                assert!(known.contains(&mac), "unknown roff request {line:?}");
            }
            assert!(page.matches(".TH ").count() == 1);
        }
    }
}
