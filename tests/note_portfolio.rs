//! The decision note with the profile's application portfolio (issue 14 with issue 16): a
//! profile that names a portfolio gets the portfolio chapter (counts per placement, roadmap per
//! year, exceptions) and the per-application annex in every prose format, and the structured
//! data in the JSON; a portfolio that cannot be read is a clear error, never a panic.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::text::Lang;
use wolkwijzer::i18n::{note_doc, portfolio_strings};
use wolkwijzer::report::note::{Note, ReportError, html, json, markdown};

fn mid_sized() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml")
}

/// The note of a profile file with its portfolio, the roadmap counted from 1 December 2026.
fn note_with_portfolio(path: &Path, lang: Lang) -> Result<Note, ReportError> {
    common::note_with_portfolio(path, lang, Date::new(2026, 12, 1).unwrap())
}

/// The Markdown of one annex: from its heading ("## Bijlage 7. Title") to the next chapter
/// heading.
fn annex<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            md[i..]
                .lines()
                .next()
                .is_some_and(|l| l.ends_with(&format!(". {title}")))
        })
        .unwrap_or_else(|| panic!("no annex {title:?}"));
    let end = md[start + 3..]
        .find("\n## ")
        .map_or(md.len(), |i| start + 3 + i);
    &md[start..end]
}

#[test]
fn the_mid_sized_profile_gets_the_chapter_and_the_annex_in_every_format() {
    for lang in [Lang::Nl, Lang::En] {
        let note = note_with_portfolio(&mid_sized(), lang).unwrap();
        let p = note
            .portfolio
            .as_ref()
            .expect("the profile names a portfolio");
        let s = portfolio_strings(lang);
        let annex_title = note_doc(lang).applications_annex;
        assert_eq!(p.applications, 302, "every row of the shipped CSV");
        assert_eq!(p.list.len(), 302);
        assert_eq!(p.counts.iter().map(|c| c.count).sum::<usize>(), 302);
        // Markdown: both annexes, listed in the contents, every application in the list.
        let md = markdown::render(&note);
        let chapter = annex(&md, s.title);
        assert!(chapter.contains(s.decisions), "the exceptions");
        assert!(chapter.contains(&format!("### {}", s.roadmap)));
        let list = annex(&md, annex_title);
        for a in &p.list {
            assert!(list.contains(&a.package), "{} not in the list", a.package);
        }
        // HTML: the chapters as sections with their anchors, in the contents.
        let h = html::render(&note);
        for anchor in ["portefeuille", "applicaties"] {
            assert!(
                h.contains(&format!(r##"<a href="#{anchor}">"##)),
                "{anchor}"
            );
            assert!(
                h.contains(&format!(r#"aria-labelledby="{anchor}""#)),
                "{anchor}"
            );
        }
        assert!(h.contains(s.title) && h.contains(annex_title));
        // Word: the headings and the last application of the list.
        let bytes = wolkwijzer::report::note::docx(&note).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut doc)
            .unwrap();
        assert!(doc.contains(s.title) && doc.contains(annex_title));
        let last = &p.list[301].package;
        assert!(doc.contains(last.as_str()), "{last}");
        // JSON: data, not prose.
        let j: serde_json::Value = serde_json::from_str(&json::render(&note)).unwrap();
        let jp = &j["portfolio"];
        assert_eq!(jp["applications"], 302);
        assert_eq!(jp["as_of"], "2026-12-01");
        assert_eq!(jp["list"].as_array().unwrap().len(), 302);
        assert!(jp["counts"][0]["count"].as_u64().unwrap() > 0);
        assert!(
            jp["years"]
                .as_array()
                .unwrap()
                .iter()
                .all(|y| y["year"].is_i64())
        );
        assert!(jp["yearly_cost"].is_string(), "money as a decimal string");
        assert!(jp.get("chapter").is_none() && jp.get("annex").is_none());
    }
}

#[test]
fn a_profile_without_a_portfolio_has_no_portfolio_chapter() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/grote-gemeente.toml");
    let note = note_with_portfolio(&path, Lang::Nl).unwrap();
    assert!(note.portfolio.is_none());
    let md = markdown::render(&note);
    assert!(!md.contains(portfolio_strings(Lang::Nl).title));
    let j: serde_json::Value = serde_json::from_str(&json::render(&note)).unwrap();
    assert!(j.get("portfolio").is_none());
}

#[test]
fn golden_portfolio_chapter_in_the_note_both_languages() {
    for lang in [Lang::Nl, Lang::En] {
        let note = note_with_portfolio(&mid_sized(), lang).unwrap();
        let md = markdown::render(&note);
        let chapter = annex(&md, portfolio_strings(lang).title);
        insta::assert_snapshot!(format!("portfolio_chapter_{}", lang.code()), chapter);
    }
}

/// A copy of the mid-sized profile in a temp dir, with its portfolio replaced by `csv`
/// (`None`: no portfolio file at all).
fn profile_with_portfolio(dir: &Path, csv: Option<&str>) -> PathBuf {
    let toml = std::fs::read_to_string(mid_sized()).unwrap();
    let path = dir.join("profiel.toml");
    std::fs::write(&path, toml).unwrap();
    if let Some(csv) = csv {
        std::fs::write(dir.join("middelgrote-gemeente-portfolio.csv"), csv).unwrap();
    }
    path
}

#[test]
fn a_portfolio_that_cannot_be_read_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // The file is missing.
    let path = profile_with_portfolio(dir.path(), None);
    let err = note_with_portfolio(&path, Lang::Nl).unwrap_err();
    assert!(matches!(err, ReportError::Portfolio(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("middelgrote-gemeente-portfolio.csv"), "{msg}");
    assert!(msg.contains("het bestand is niet te lezen"), "{msg}");
    assert!(!msg.contains("os error"), "{msg}");

    // A row with a cost that is not an amount: the line and the column are named.
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente-portfolio.csv"),
    )
    .unwrap();
    let mut lines: Vec<String> = good.lines().take(4).map(String::from).collect();
    let mut cells: Vec<&str> = lines[2].split(';').collect();
    cells[18] = "veel";
    lines[2] = cells.join(";");
    let dir = tempfile::tempdir().unwrap();
    let path = profile_with_portfolio(dir.path(), Some(&lines.join("\n")));
    let msg = note_with_portfolio(&path, Lang::Nl)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("middelgrote-gemeente-portfolio.csv:3:19:"),
        "{msg}"
    );
    assert!(msg.contains("Kosten per jaar"), "{msg}");

    // The command line says the same and exits with the input error code, writing nothing.
    let out = dir.path().join("nota.md");
    let assert = Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args(["report", "--format", "markdown", "-p"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("portfolio.csv:3:19: Kosten per jaar"),
        "{stderr}"
    );
    assert!(!out.exists(), "no note written");
}

#[test]
fn the_report_command_adds_the_portfolio_of_the_profile() {
    let out = Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args(["report", "--format", "markdown", "--lang", "en", "-p"])
        .arg(mid_sized())
        .assert()
        .success();
    let md = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(md.contains(&format!(". {}\n", portfolio_strings(Lang::En).title)));
    assert!(md.contains(&format!(". {}\n", note_doc(Lang::En).applications_annex)));
}
