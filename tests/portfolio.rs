//! The portfolio on the shipped sample (issue 16): golden tests of the roadmap and the note
//! chapter, and the `portfolio` command end to end.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use predicates::prelude::*;

use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::portfolio::place::place_all;
use wolkwijzer::core::portfolio::roadmap::roadmap;
use wolkwijzer::core::text::Lang;
use wolkwijzer::report::note::portfolio::{
    markdown, portfolio_annex, portfolio_chapter, roadmap_blocks,
};
use wolkwijzer::report::portfolio::PortfolioView;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Renders the sample as of 2026-12-01 with `f`.
fn sample(lang: Lang, f: impl Fn(&PortfolioView<'_>) -> String) -> String {
    let cat = wolkwijzer::io::catalogue::built_in();
    let profile = wolkwijzer::io::profile::demo();
    let ev = wolkwijzer::core::scoring::evaluate(&cat, &profile).unwrap();
    let table = wolkwijzer::io::portfolio::components::built_in();
    let imported =
        wolkwijzer::io::portfolio::for_profile(None, profile.portfolio.as_deref().unwrap())
            .unwrap();
    let apps = &imported.portfolio.applications;
    let placement = place_all(&cat, &profile, &ev, &table, apps);
    let road = roadmap(apps, &placement, Date::new(2026, 12, 1).unwrap());
    f(&PortfolioView {
        catalogue: &cat,
        portfolio: &imported.portfolio,
        placement: &placement,
        roadmap: &road,
        lang,
    })
}

#[test]
fn roadmap_of_the_sample() {
    insta::assert_snapshot!(
        "roadmap_sample_nl",
        sample(Lang::Nl, |v| markdown(&roadmap_blocks(v)))
    );
}

#[test]
fn note_chapter_of_the_sample() {
    insta::assert_snapshot!(
        "chapter_sample_nl",
        sample(Lang::Nl, |v| markdown(&portfolio_chapter(v)))
    );
    insta::assert_snapshot!(
        "chapter_sample_en",
        sample(Lang::En, |v| markdown(&portfolio_chapter(v)))
    );
}

#[test]
fn the_annex_lists_every_application() {
    let annex = sample(Lang::Nl, |v| markdown(&portfolio_annex(v)));
    let rows = annex.lines().filter(|l| l.starts_with("| ")).count();
    let apps = sample(Lang::Nl, |v| v.portfolio.applications.len().to_string());
    // One header row plus one row per application.
    assert_eq!(rows, apps.parse::<usize>().unwrap() + 1);
}

#[test]
fn the_sample_is_about_three_hundred_real_gemma_applications() {
    let imported =
        wolkwijzer::io::portfolio::parse("sample", wolkwijzer::io::portfolio::SAMPLE.as_bytes())
            .unwrap();
    let n = imported.portfolio.applications.len();
    assert!((280..=320).contains(&n), "{n}");
    // Every reference component is either in the shipped mapping or one of the two GEMMA 1
    // names the sample carries on purpose to show the "unknown components" list.
    let table = wolkwijzer::io::portfolio::components::built_in();
    for a in &imported.portfolio.applications {
        for c in &a.components {
            assert!(
                table.get(c).is_some()
                    || c == "BAG-administratie"
                    || c == "Begraafplaatsenadministratie",
                "{c}"
            );
        }
    }
}

#[test]
fn the_sample_file_is_what_the_generator_writes() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new("python3")
        .arg(format!("{root}/tools/gen_portfolio.py"))
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let shipped = std::fs::read(format!(
                "{root}/profiles/middelgrote-gemeente-portfolio.csv"
            ))
            .unwrap();
            assert!(
                o.stdout == shipped,
                "profiles/middelgrote-gemeente-portfolio.csv differs from tools/gen_portfolio.py's output"
            );
        }
        _ => assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "python3 is needed to check the sample generator"
        ),
    }
}

#[test]
fn import_prints_a_summary() {
    bin()
        .args([
            "portfolio",
            "import",
            "profiles/middelgrote-gemeente-portfolio.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ingelezen: 302 applicaties"))
        .stdout(predicate::str::contains("gelezen als CSV, ';', UTF-8"))
        .stdout(predicate::str::contains(
            "BAG-administratie (8 applicaties)",
        ));
}

#[test]
fn import_of_a_bad_file_exits_1_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("apps.csv");
    std::fs::write(&f, "Pakket;BSN;Kosten per jaar\nA;misschien;1\nB;ja;x\n").unwrap();
    bin()
        .args(["--lang", "en", "portfolio", "import"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "apps.csv:2:2: BSN: not yes or no (allowed: ",
        ))
        .stderr(predicate::str::contains(
            "apps.csv:3:3: Kosten per jaar: not an amount (allowed: ",
        ));
    // Dutch by default, in the same shape; no English word left.
    let out = bin()
        .args(["portfolio", "import"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("apps.csv:2:2: BSN: geen ja of nee (toegestaan: ja, nee, yes, no"),
        "{err}"
    );
    assert!(
        err.contains("apps.csv:3:3: Kosten per jaar: geen bedrag (toegestaan: een bedrag in euro zoals 1234,50"),
        "{err}"
    );
    for english in ["allowed", "not yes or no", "not an amount"] {
        assert!(!err.contains(english), "{english} in {err}");
    }
}

#[test]
fn list_formats() {
    let out = bin()
        .args(["portfolio", "--as-of", "2026-12-01", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\u{feff}Pakket;Leverancier;"),
        "{}",
        &text[..80]
    );
    // Decimal commas in Dutch, and the file reads back.
    let back = wolkwijzer::io::portfolio::parse("export.csv", text.as_bytes()).unwrap();
    assert_eq!(back.portfolio.applications.len(), 302);
    bin()
        .args([
            "--lang",
            "en",
            "portfolio",
            "--as-of",
            "2026-12-01",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Package,Supplier,"));
    bin()
        .args(["portfolio", "--as-of", "2026-12-01", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"class_source\""));
    bin()
        .args([
            "--lang",
            "en",
            "portfolio",
            "--view",
            "roadmap",
            "--as-of",
            "2026-12-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Notice deadlines within 12 months",
        ));
}

#[test]
fn a_profile_names_its_portfolio_relative_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let profile =
        std::fs::read_to_string(format!("{root}/profiles/middelgrote-gemeente.toml")).unwrap();
    std::fs::write(
        dir.path().join("p.toml"),
        profile.replace("middelgrote-gemeente-portfolio.csv", "sub/apps.csv"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/apps.csv"),
        "Pakket;Gegevensklasse\nEen;intern\nTwee;brp\n",
    )
    .unwrap();
    bin()
        .args(["portfolio", "--profile"])
        .arg(dir.path().join("p.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Applicatieportfolio — 2 applicaties",
        ));
    // A profile without the key says what to add.
    std::fs::write(
        dir.path().join("q.toml"),
        profile.replace("portfolio = \"middelgrote-gemeente-portfolio.csv\"\n", ""),
    )
    .unwrap();
    bin()
        .args(["portfolio", "--profile"])
        .arg(dir.path().join("q.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "portfolio: the profile names no portfolio (allowed: portfolio = \"apps.csv\"",
        ));
    bin()
        .args(["portfolio", "--as-of", "2026-02-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--as-of: `2026-02-30` is not a date",
        ));
}

#[test]
fn score_adds_the_portfolio_in_short() {
    let out = bin().args(["score"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let at = text
        .find("\nApplicatieportfolio — 302 applicaties (middelgrote-gemeente-portfolio.csv)\nAantal applicaties per plaatsing\n")
        .expect(&text);
    let section = &text[at..];
    // One line per placement, the counts add up to the portfolio.
    let total: usize = section
        .lines()
        .skip(3)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            l.split_whitespace()
                .next()
                .unwrap()
                .replace('.', "")
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, 302, "{section}");
    assert!(section.contains("      8  niet geplaatst\n"), "{section}");
    assert!(
        section.contains(
            "Niet geplaatst (eerst classificeren of besluiten): Adresbron, Adresbron Connect,"
        ),
        "{section}"
    );
    // Markdown and JSON too; CSV stays one table.
    let md = bin()
        .args(["--lang", "en", "score", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("\n## Application portfolio — 302 applications (middelgrote-gemeente-portfolio.csv)\n\n| Placement | Count |\n"), "{md}");
    let json = bin().args(["score", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["portfolio"]["applications"], 302);
    assert!(v["ranking"].is_array(), "the score itself is still there");
    let n: u64 = v["portfolio"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(n, 302);
    assert_eq!(v["portfolio"]["unplaced"].as_array().unwrap().len(), 8);
    let csv = bin().args(["score", "--format", "csv"]).output().unwrap();
    assert!(
        !String::from_utf8(csv.stdout)
            .unwrap()
            .contains("Applicatieportfolio")
    );
    // A profile without a portfolio gets no section.
    let small = bin()
        .args(["score", "-p", "profiles/kleine-gemeente.toml"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(small.stdout)
            .unwrap()
            .contains("Applicatieportfolio")
    );
}

#[test]
fn score_with_a_broken_portfolio_still_ranks_and_lists_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let profile =
        std::fs::read_to_string(format!("{root}/profiles/middelgrote-gemeente.toml")).unwrap();
    std::fs::write(dir.path().join("p.toml"), profile).unwrap();
    std::fs::write(
        dir.path().join("middelgrote-gemeente-portfolio.csv"),
        "Pakket;BSN\nEen;misschien\nTwee;ja\n;nee\n",
    )
    .unwrap();
    bin()
        .args(["score", "-p"])
        .arg(dir.path().join("p.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Ranglijst"))
        .stdout(predicate::str::contains(
            "Applicatieportfolio (middelgrote-gemeente-portfolio.csv): niet ingelezen, 2 probleem/problemen",
        ))
        .stderr(predicate::str::contains(
            "middelgrote-gemeente-portfolio.csv:2:2: BSN: geen ja of nee",
        ))
        .stderr(predicate::str::contains(
            "middelgrote-gemeente-portfolio.csv:4:1: Pakket: leeg",
        ));
    // JSON stays JSON, with the problem in it.
    let out = bin()
        .args(["score", "--format", "json", "-p"])
        .arg(dir.path().join("p.toml"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["portfolio"]["error"]
            .as_str()
            .unwrap()
            .contains("2 probleem")
    );
    // A missing file too.
    std::fs::remove_file(dir.path().join("middelgrote-gemeente-portfolio.csv")).unwrap();
    bin()
        .args(["score", "-p"])
        .arg(dir.path().join("p.toml"))
        .assert()
        .success()
        .stderr(predicate::str::contains("het bestand is niet te lezen"));
}

/// Words a reader should never see: `snake_case` identifiers (`brp_special_no_unless`,
/// `on_premises`) and service-model ids joined by slashes (`iaas/paas`).
fn raw_ids(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            let parts: Vec<&str> = w.split('_').collect();
            parts.len() > 1
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        })
        .map(str::to_string)
        .collect();
    for pair in ["iaas/", "paas/", "saas/", "/iaas", "/paas", "/saas"] {
        if text.contains(pair) {
            found.push(pair.to_string());
        }
    }
    found
}

/// Whether `word` stands in `text` as a whole word, case and all (the rule `woo` is not the
/// law `Woo`).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| w == word)
}

#[test]
fn raw_ids_are_caught() {
    assert_eq!(
        raw_ids("BRP overgeslagen door brp_special_no_unless, als on_premises/iaas/paas."),
        vec![
            "brp_special_no_unless",
            "on_premises",
            "iaas/",
            "/iaas",
            "/paas"
        ]
    );
    assert!(raw_ids("Eigen beheer, IaaS of PaaS; middelgrote-gemeente.toml").is_empty());
}

#[test]
fn dutch_score_and_portfolio_list_show_names_not_ids() {
    let cat = wolkwijzer::io::catalogue::built_in();
    for profile in [
        "profiles/middelgrote-gemeente.toml",
        "profiles/grote-gemeente.toml",
    ] {
        let out = bin().args(["score", "-p", profile]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Overgeslagen door"), "{profile}: {text}");
        assert!(raw_ids(&text).is_empty(), "{profile}: {:?}", raw_ids(&text));
        for r in &cat.placement_rules {
            assert!(!has_word(&text, &r.id), "{profile}: rule id {}", r.id);
        }
    }
    let out = bin()
        .args(["portfolio", "--as-of", "2026-12-01"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(raw_ids(&text).is_empty(), "{:?}", raw_ids(&text));
    for r in &cat.placement_rules {
        assert!(!has_word(&text, &r.id), "rule id {}", r.id);
    }
}
