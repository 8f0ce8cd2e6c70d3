//! The business case with the portfolio's yearly costs as the software line of the nulmeting
//! (issue 16, profile `software = "portfolio"`): the output says where the line came from, and
//! every way to get the key wrong is a located error.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_decimal::Decimal;

const DEMO: &str = include_str!("../profiles/middelgrote-gemeente.toml");
const SAMPLE: &str = include_str!("../profiles/middelgrote-gemeente-portfolio.csv");
const SOFTWARE: &str = "software = \"1678800\"";

/// The demo profile with `software` replaced by `software_value` (and the `portfolio` line
/// dropped when `with_portfolio` is false), beside a copy of the sample, in a temp folder.
fn setup(software_value: &str, with_portfolio: bool) -> (tempfile::TempDir, PathBuf) {
    assert!(DEMO.contains(SOFTWARE), "the demo's software line moved");
    let mut text = DEMO.replacen(SOFTWARE, &format!("software = {software_value}"), 1);
    if !with_portfolio {
        text = text
            .lines()
            .filter(|l| !l.starts_with("portfolio ="))
            .collect::<Vec<_>>()
            .join("\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profiel.toml");
    std::fs::write(&profile, text).unwrap();
    std::fs::write(
        dir.path().join("middelgrote-gemeente-portfolio.csv"),
        SAMPLE,
    )
    .unwrap();
    (dir, profile)
}

fn sample_sum() -> Decimal {
    let i = wolkwijzer::io::portfolio::parse("s.csv", SAMPLE.as_bytes()).unwrap();
    i.portfolio.yearly_cost().unwrap()
}

#[test]
fn the_software_line_is_the_portfolio_sum_and_the_profile_says_so() {
    let (_dir, path) = setup("\"portfolio\"", true);
    let p = wolkwijzer::io::profile::load(&path).unwrap();
    let m = &p.business_case.as_ref().unwrap().municipalities[0].measurement;
    assert_eq!(m.tco.software, sample_sum());
    let from = m.software_from.as_ref().unwrap();
    assert_eq!(from.applications, 302);
    assert_eq!(from.file, "middelgrote-gemeente-portfolio.csv");
}

fn business_case(path: &Path, lang: &str) -> String {
    let out = Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args(["--lang", lang, "business-case", "--profile"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_business_case_output_names_the_applications_and_the_file() {
    let (_dir, path) = setup("\"portfolio\"", true);
    let nl = business_case(&path, "nl");
    let amount = wolkwijzer::report::number::euros(sample_sum(), wolkwijzer::core::text::Lang::Nl);
    let expected = format!(
        "Software in de nulmeting van Wolkendam: EUR {amount}, de jaarkosten van 302 applicaties in het portfoliobestand middelgrote-gemeente-portfolio.csv."
    );
    assert!(nl.contains(&expected), "{nl}");
    let en = business_case(&path, "en");
    assert!(
        en.contains("the yearly costs of 302 applications in the portfolio file middelgrote-gemeente-portfolio.csv."),
        "{en}"
    );
    // The profile's own amount gives no such sentence.
    let plain = business_case(Path::new("profiles/middelgrote-gemeente.toml"), "en");
    assert!(!plain.contains("portfolio file"), "{plain}");
}

fn errors(path: &Path) -> String {
    wolkwijzer::io::profile::load(path).unwrap_err().to_string()
}

#[test]
fn a_misspelt_word_is_located_with_the_allowed_values() {
    let (_dir, path) = setup("\"portfolo\"", true);
    let e = errors(&path);
    assert!(
        e.contains("business_case.measurement[0].software: `portfolo` is neither an amount nor \"portfolio\""),
        "{e}"
    );
    assert!(e.contains("profiel.toml:157:12: "), "{e}");
    assert!(
        e.contains("or \"portfolio\": the sum of the yearly costs"),
        "{e}"
    );
}

#[test]
fn without_a_portfolio_key_the_error_says_how_to_add_one() {
    let (_dir, path) = setup("\"portfolio\"", false);
    let e = errors(&path);
    assert!(e.contains("the profile names no portfolio"), "{e}");
    assert!(e.contains("portfolio = \"apps.csv\""), "{e}");
}

#[test]
fn a_missing_or_broken_portfolio_file_is_reported_with_its_own_problems() {
    let (dir, path) = setup("\"portfolio\"", true);
    let csv = dir.path().join("middelgrote-gemeente-portfolio.csv");
    std::fs::remove_file(&csv).unwrap();
    let e = errors(&path);
    assert!(
        e.contains("which cannot be imported (1 problem(s), listed below)"),
        "{e}"
    );
    assert!(e.contains("cannot read the file"), "{e}");
    std::fs::write(&csv, "Pakket;Kosten per jaar\nA;12,50\nB;veel\n").unwrap();
    let e = errors(&path);
    assert!(
        e.contains("middelgrote-gemeente-portfolio.csv:3:2: Kosten per jaar"),
        "{e}"
    );
}
