#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])
//! `report --format xlsx`: the note's data as a workbook, calculated by LibreOffice.
//!
//! - The structure (no LibreOffice needed): the ranking sheet first, the landscape, then the
//!   business case sheets of `business-case --format xlsx` (baseline, scenarios).
//! - The real consumer: every shipped profile's workbook is calculated by LibreOffice Calc
//!   (headless, a fresh profile) and exported to CSV: every candidate's weighted total equals
//!   the tool's. Then one input cell is changed in the file — the weight of the first
//!   criterion doubled — and the recalculated totals and the first place equal what the tool
//!   computes for a profile with the same change.
//!
//! Without `soffice` the LibreOffice test skips with a message, except under `CI=true`, where
//! it fails.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use wolkwijzer::core::profile::Profile;
use wolkwijzer::core::scoring::{Evaluation, evaluate};
use wolkwijzer::io::{catalogue, profile};

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn write_xlsx(profile: &Path, out: &Path) {
    bin()
        .args(["report", "--format", "xlsx", "-p"])
        .arg(profile)
        .arg("-o")
        .arg(out)
        .assert()
        .success()
        .stdout("");
}

fn sheet_names(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_workbook_holds_the_ranking_the_landscape_and_the_business_case() {
    let dir = tempfile::tempdir().unwrap();
    for path in common::shipped_profiles() {
        let out = dir.path().join("note.xlsx");
        let _ = std::fs::remove_file(&out);
        write_xlsx(&path, &out);
        let names = sheet_names(&out);
        assert_eq!(names[0], "Rangorde en gewichten", "{names:?}");
        assert_eq!(names[1], "Hybride landschap", "{names:?}");
        assert_eq!(names[2], "Nulmeting", "{names:?}");
        assert!(
            names.iter().any(|n| n.starts_with("Scenario 1")),
            "{names:?}"
        );
    }
}

#[test]
fn an_xlsx_report_needs_a_file() {
    bin()
        .args(["report", "--format", "xlsx"])
        .assert()
        .code(2)
        .stdout("");
}

fn soffice() -> Option<PathBuf> {
    common::tool("soffice", "libreoffice-calc")
}

/// Calculates the workbooks and returns the ranking sheet of each, by file stem.
fn ranking_sheets(
    soffice: &Path,
    files: &[PathBuf],
    dir: &Path,
) -> HashMap<String, Vec<Vec<String>>> {
    let mut sheets = common::recalculate(soffice, files, dir);
    files
        .iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            let sheet = sheets
                .remove(&(stem.clone(), "Rangorde en gewichten".to_string()))
                .unwrap_or_else(|| panic!("{stem}: no sheet 'Rangorde en gewichten'"));
            (stem, sheet)
        })
        .collect()
}

/// The calculated total and rank of every candidate on the ranking sheet, by name.
fn totals(
    sheet: &[Vec<String>],
    e: &Evaluation,
    cat: &wolkwijzer::core::catalogue::Catalogue,
) -> Vec<(String, f64, usize)> {
    let k = e.criteria.len();
    e.ranking
        .iter()
        .map(|r| {
            let name = cat.candidate_name(r.key, wolkwijzer::core::text::Lang::Nl);
            let row = sheet
                .iter()
                .find(|row| row.first() == Some(&name))
                .unwrap_or_else(|| panic!("{name} on the ranking sheet"));
            let total: f64 = row[2 + k].parse().unwrap();
            let rank: usize = row[1].parse().unwrap();
            (name, total, rank)
        })
        .collect()
}

/// Replaces the one cell `cell` of sheet 1 with the number `to`.
fn edit_cell(src: &Path, dst: &Path, cell: &str, to: f64) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        if f.name().unwrap() == "xl/worksheets/sheet1.xml" {
            let name = f.name().unwrap().to_string();
            let mut xml = String::new();
            { f }.read_to_string(&mut xml).unwrap();
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .expect("the input cell");
            let v = start + xml[start..].find("<v>").unwrap() + 3;
            let end = v + xml[v..].find("</v>").unwrap();
            let xml = format!("{}{to}{}", &xml[..v], &xml[end..]);
            writer
                .start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(xml.as_bytes()).unwrap();
        } else {
            writer.raw_copy_file(f).unwrap();
        }
    }
    writer.finish().unwrap();
}

#[test]
fn libreoffice_recalculates_the_ranking_like_the_tool_also_after_a_weight_change() {
    let Some(soffice) = soffice() else { return };
    let cat = catalogue::built_in();
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![];
    let mut cases: Vec<(String, Profile, Evaluation, Evaluation)> = vec![];
    for path in common::shipped_profiles() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let p = profile::load(&path).unwrap();
        let e = evaluate(&cat, &p).unwrap();
        let out = dir.path().join(format!("{stem}.xlsx"));
        write_xlsx(&path, &out);
        // The weight of the first criterion in play (cell C5) doubled, in the file and in a
        // copy of the profile.
        let first = e.criteria[0];
        let doubled = e.weights[&first] * 2.0;
        let changed = dir.path().join(format!("{stem}-changed.xlsx"));
        edit_cell(&out, &changed, "C5", doubled);
        let mut q = p.clone();
        let shares: Vec<_> = e.criteria.iter().map(|c| (*c, e.weights[c])).collect();
        for (c, w) in shares {
            q.weights.set(c, if c == first { doubled } else { w });
        }
        let f = evaluate(&cat, &q).unwrap();
        files.push(out);
        files.push(changed);
        cases.push((stem, p, e, f));
    }
    let sheets = ranking_sheets(&soffice, &files, dir.path());
    for (stem, _, e, f) in &cases {
        for (sheet, eval, what) in [
            (&sheets[stem], e, "as written"),
            (&sheets[&format!("{stem}-changed")], f, "after the change"),
        ] {
            let got = totals(sheet, eval, &cat);
            for ((name, total, rank), r) in got.iter().zip(&eval.ranking) {
                assert!(
                    (total - r.total).abs() < 1e-9,
                    "{stem} {what}: {name} {total} vs the tool's {}",
                    r.total
                );
                // RANK() gives equal totals the same rank, as the tool does.
                assert_eq!(*rank, r.rank, "{stem} {what}: {name}");
            }
        }
        assert!(
            e.ranking[0].total != f.ranking[0].total,
            "{stem}: the change moves the totals"
        );
    }
}
