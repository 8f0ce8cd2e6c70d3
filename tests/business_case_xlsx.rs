//! `business-case --format xlsx`: the workbook's formulas and what LibreOffice computes from
//! them.
//!
//! - The structure (no LibreOffice needed): the sheets, input cells as plain numbers, and the
//!   annex-1 rows, bands and return years as formulas over those inputs.
//! - The real consumer: every shipped profile's workbook is calculated by LibreOffice
//!   (headless, a fresh profile with its default settings) and exported to CSV;
//!   the cumulative cash flow and the return year of every scenario must equal what
//!   `business-case --format json` says, to the cent for the estimate and within one cent per
//!   line and year for a live band (the sheet applies the band factors per section, the tool
//!   per line; see the module doc of `report::business_case::xlsx`).
//! - An input changed in the file (an investment raised in the workbook's XML) recalculates
//!   like the tool does when the profile carries the same change.
//!
//! Without `soffice` the LibreOffice tests skip with a message, except under `CI=true`, where
//! they fail (CI installs libreoffice-calc). `WOLKWIJZER_KEEP_RENDERS=DIR` keeps the files.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn profiles() -> Vec<PathBuf> {
    let v = common::shipped_profiles();
    assert!(v.len() >= 4, "shipped profiles: {v:?}");
    v
}

fn write_xlsx(profile: &Path, lang: &str, out: &Path) {
    bin()
        .args(["business-case", "--format", "xlsx", "--lang", lang, "-p"])
        .arg(profile)
        .arg("-o")
        .arg(out)
        .assert()
        .success()
        .stdout("");
}

fn json(profile: &Path, lang: &str) -> Value {
    let out = bin()
        .args(["business-case", "--format", "json", "--lang", lang, "-p"])
        .arg(profile)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The files of the .xlsx (a zip) by name.
fn unzip(path: &Path) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = HashMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        files.insert(f.name().unwrap().to_string(), data);
    }
    files
}

fn sheet_xml(files: &HashMap<String, Vec<u8>>, n: usize) -> String {
    String::from_utf8(files[&format!("xl/worksheets/sheet{n}.xml")].clone()).unwrap()
}

/// Every formula of a sheet's XML, unescaped.
fn formulas(xml: &str) -> Vec<String> {
    xml.split("<f>")
        .skip(1)
        .map(|s| {
            s.split("</f>")
                .next()
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&")
                .replace("&apos;", "'")
        })
        .collect()
}

#[test]
fn xlsx_needs_an_output_file() {
    bin()
        .args(["business-case", "--format", "xlsx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("-o FILE"));
}

#[test]
fn text_formats_write_to_the_output_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bc.json");
    bin()
        .args(["business-case", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let stdout = bin()
        .args(["business-case", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(std::fs::read(&path).unwrap(), stdout);
}

#[test]
fn an_unwritable_output_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-directory").join("bc.xlsx");
    bin()
        .args(["business-case", "--format", "xlsx", "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot write the workbook"));
}

#[test]
fn workbook_has_formulas_over_its_input_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.xlsx");
    write_xlsx(Path::new("profiles/kleine-gemeente.toml"), "nl", &path);
    let files = unzip(&path);
    let workbook = String::from_utf8(files["xl/workbook.xml"].clone()).unwrap();
    for name in [
        "Nulmeting",
        "Scenario 1",
        "Scenario 2",
        "Rangorde en gewichten",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{name}\"")),
            "sheet {name}"
        );
    }
    // Scenario 1: the inputs are numbers, the table is formulas.
    let xml = sheet_xml(&files, 2);
    assert!(
        xml.contains("<v>35000</v>"),
        "the project leader's 35,000 is an input cell"
    );
    let f = formulas(&xml);
    // No cached results: Excel and LibreOffice both calculate on opening.
    assert!(
        !xml.contains("</f><v>"),
        "a formula carries a cached result"
    );
    // Section sums over the input lines, minus the baseline sheet's section totals.
    assert!(
        f.iter().any(|f| f.starts_with("ROUND(SUMIF($B$")
            && f.contains(",\"Baten\",")
            && f.contains("-'Nulmeting'!")),
        "{f:?}"
    );
    // Cash flow and cumulative rows refer to the cells above and to the left.
    assert!(
        f.iter()
            .any(|f| f.starts_with("ROUND(") && f.contains('+') && f.len() < 22),
        "cumulative rows: {f:?}"
    );
    // The return year is a formula over the positive-year row.
    assert!(
        f.iter().any(|f| f.starts_with("IF(COUNT(")
            && f.contains("MIN(")
            && f.contains("niet binnen de looptijd")),
        "{f:?}"
    );
    // The bands read the factor cells and apply the delay rule.
    assert!(
        f.iter().any(|f| f.contains("*$C$9,2)")),
        "favourable cost factor: {f:?}"
    );
    assert!(
        f.iter()
            .any(|f| f.contains("INT($D$11/12)") && f.contains("MOD($D$11,12)"))
    );
    // The ranking's total is a formula over the weight cells.
    let ranking = formulas(&sheet_xml(&files, 4));
    assert!(
        ranking
            .iter()
            .any(|f| f.starts_with("SUMPRODUCT(") && f.contains("/SUM($C$5:"))
    );
    // English labels in English.
    let en = dir.path().join("en.xlsx");
    write_xlsx(Path::new("profiles/startersgroep.toml"), "en", &en);
    let files = unzip(&en);
    let workbook = String::from_utf8(files["xl/workbook.xml"].clone()).unwrap();
    for name in [
        "Baseline",
        "Scenario 1",
        "Allocation",
        "Ranking and weights",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{name}\"")),
            "sheet {name}"
        );
    }
    let strings = String::from_utf8(files["xl/sharedStrings.xml"].clone()).unwrap();
    assert!(strings.contains("Cumulative cash flow") && !strings.contains("Kasstroom"));
}

/// LibreOffice, or `None` (skip) — a panic under `CI=true`.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !common::on_ci(),
            "CI=true but soffice is not installed (apt-get install libreoffice-calc); the xlsx test must run on CI"
        );
        eprintln!("skipping: soffice not found (apt-get install libreoffice-calc)");
    }
    found
}

/// The year cells (C onwards, `years` of them) of every row labelled `label`, in order.
fn rows_labelled<'a>(sheet: &'a [Vec<String>], label: &str, years: usize) -> Vec<&'a [String]> {
    sheet
        .iter()
        .filter(|r| r.first().is_some_and(|a| a == label))
        .map(|r| &r[2..2 + years])
        .collect()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// The return year as the sheet shows it: a year or the words for "not within".
fn year_text(v: &Value, not_within: &str) -> String {
    v.as_u64().map_or(not_within.to_string(), |y| y.to_string())
}

const NOT_WITHIN: &str = "niet binnen de looptijd";

/// Checks one workbook (Dutch) against the tool's JSON of the same profile.
fn check_against_json(
    sheets: &HashMap<(String, String), Vec<Vec<String>>>,
    stem: &str,
    case: &Value,
) {
    let years = case["horizon"].as_u64().unwrap() as usize;
    for (i, s) in case["scenarios"].as_array().unwrap().iter().enumerate() {
        let key = (stem.to_string(), format!("Scenario {}", i + 1));
        let sheet = sheets
            .get(&key)
            .unwrap_or_else(|| panic!("no sheet {key:?}"));
        let cumulative = rows_labelled(sheet, "Cumulatieve kasstroom", years);
        let returns: Vec<&String> = sheet
            .iter()
            .filter(|r| r.first().is_some_and(|a| a == "Terugverdienjaar"))
            .map(|r| &r[2])
            .collect();
        assert_eq!(cumulative.len(), 4, "{key:?}: estimate and three bands");
        // The estimate, to the cent.
        let tool: Vec<Decimal> = s["estimate"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| dec(r["cumulative_cash_flow"].as_str().unwrap()))
            .collect();
        let sheet_values: Vec<Decimal> = cumulative[0].iter().map(|v| dec(v)).collect();
        assert_eq!(
            sheet_values, tool,
            "{key:?}: cumulative cash flow of the estimate"
        );
        assert_eq!(
            *returns[0],
            year_text(&s["estimate"]["return_year"], NOT_WITHIN),
            "{key:?}: return year of the estimate"
        );
        // The bands: one cent per line and year at most.
        let lines = s["estimate"]["lines"].as_array().unwrap().len();
        for (b, band) in s["bands"].as_array().unwrap().iter().enumerate() {
            for (y, row) in band["table"]["rows"].as_array().unwrap().iter().enumerate() {
                let tool = dec(row["cumulative_cash_flow"].as_str().unwrap());
                let ours = dec(&cumulative[b + 1][y]);
                let tolerance = Decimal::new(((y + 1) * lines) as i64, 2);
                assert!(
                    (tool - ours).abs() <= tolerance,
                    "{key:?} band {}: year {}: sheet {ours}, tool {tool}",
                    band["band"],
                    y + 1
                );
            }
            assert_eq!(
                *returns[b + 1],
                year_text(&band["return_year"], NOT_WITHIN),
                "{key:?}: return year of band {}",
                band["band"]
            );
        }
    }
}

#[test]
fn libreoffice_recalculates_what_the_tool_computes_for_every_profile() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut cases = Vec::new();
    for p in profiles() {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let out = dir.path().join(format!("{stem}.xlsx"));
        write_xlsx(&p, "nl", &out);
        files.push(out);
        cases.push((stem, json(&p, "nl")));
    }
    let sheets = common::recalculate(&soffice, &files, dir.path());
    for (stem, case) in &cases {
        check_against_json(&sheets, stem, case);
    }
    // A starter group's allocation: the bills add up to the provider's costs in every year.
    let allocation = &sheets[&("startersgroep".to_string(), "Verrekening".to_string())];
    let group = &cases.iter().find(|(s, _)| s == "startersgroep").unwrap().1;
    let years = group["horizon"].as_u64().unwrap() as usize;
    let bills = rows_labelled(allocation, "Som van de rekeningen", years);
    let provider = rows_labelled(allocation, "Te verdelen kosten", years);
    assert_eq!(bills.len(), 1);
    let totals: Vec<Decimal> = group["scenarios"][0]["allocation"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| dec(y["total"].as_str().unwrap()))
        .collect();
    for y in 0..years {
        assert_eq!(dec(&bills[0][y]), totals[y], "bills in year {}", y + 1);
        assert_eq!(dec(&provider[0][y]), totals[y]);
    }
    // The ranking's weighted totals equal the tool's scores (to the shown precision).
    let ranking = &sheets[&(
        "kleine-gemeente".to_string(),
        "Rangorde en gewichten".to_string(),
    )];
    let score = bin()
        .args([
            "score",
            "--format",
            "json",
            "-p",
            "profiles/kleine-gemeente.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let score: Value = serde_json::from_slice(&score).unwrap();
    let first = &score["ranking"][0];
    let row = ranking
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == "1"))
        .expect("a first place");
    let total: f64 = row.last().unwrap().parse().unwrap();
    assert!(
        (total - first["score"].as_f64().unwrap()).abs() < 1e-9,
        "{row:?} vs {first}"
    );
}

/// Replaces the one input cell holding `from` in sheet `n` of the workbook with `to`.
fn edit_input(src: &Path, dst: &Path, n: usize, from: &str, to: &str) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let target = format!("xl/worksheets/sheet{n}.xml");
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        if f.name().unwrap() == target {
            let name = f.name().unwrap().to_string();
            let mut xml = String::new();
            { f }.read_to_string(&mut xml).unwrap();
            let old = format!("<v>{from}</v>");
            assert_eq!(xml.matches(&old).count(), 1, "exactly one input {from}");
            let xml = xml.replace(&old, &format!("<v>{to}</v>"));
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
fn changing_an_input_cell_recalculates_like_the_tool() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let original = Path::new("profiles/kleine-gemeente.toml");
    let generated = dir.path().join("generated.xlsx");
    write_xlsx(original, "nl", &generated);
    // In the workbook: the migration's one-off cost in year 1 of scenario 1, 28,000 →
    // 228,000 (the project leader's 35,000 is no longer unique: the going-alone SOC line
    // shared with the baseline also holds 35,000 in year 1).
    let edited = dir.path().join("edited.xlsx");
    edit_input(&generated, &edited, 2, "28000", "228000");
    // In the profile: the same line with the same amount.
    let toml = std::fs::read_to_string(original).unwrap();
    let line =
        "label = \"Migratie applicaties naar de gastgemeente\", year = 1, amount = \"28000\"";
    assert_eq!(toml.matches(line).count(), 1);
    let changed = dir.path().join("changed.toml");
    std::fs::write(
        &changed,
        toml.replace(line, &line.replace("28000", "228000")),
    )
    .unwrap();
    let before = json(original, "nl");
    let after = json(&changed, "nl");
    assert_ne!(
        before["scenarios"][0]["estimate"]["return_year"],
        after["scenarios"][0]["estimate"]["return_year"],
        "the change must move the return year for this test to mean something"
    );

    let sheets = common::recalculate(&soffice, std::slice::from_ref(&edited), dir.path());
    check_against_json(&sheets, "edited", &after);
}
