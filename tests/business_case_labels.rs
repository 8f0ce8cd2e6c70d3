//! Issue 15: the business case of every shipped profile reads in Dutch. The yearly table
//! (plain and Markdown) and the decision note's business-case chapter carry no internal
//! snake_case id and none of the English words the core writes (`saving:`, `extra cost:`,
//! `service charge:`, `depreciation:`, the known costs of a collaboration form, the allocation
//! key and tariff ids).

#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use assert_cmd::Command;
use std::path::PathBuf;

/// The English words the Dutch output showed before issue 15.
const ENGLISH: &[&str] = &[
    "saving:",
    "extra cost:",
    "service charge:",
    "depreciation:",
    "implicit costs made explicit",
    "DigiD ICT assessment per participating municipality",
    "No shared OIN",
    "No Gemnet access",
    "A public body may query",
    "Licences priced per",
    "sleutel workplaces",
    "tarief tiered",
    "tarief fixed",
    "tarief variable",
    "tarief composite",
];

/// Profile field names a Dutch line may name on purpose, as an instruction to whoever edits
/// the profile ("zet recoverable_pct dan op 0"): the user types these in the TOML file.
const PROFILE_FIELDS: &[&str] = &["recoverable_pct"];

fn shipped_profiles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/profiles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "the shipped profiles: {v:?}");
    v
}

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The words of `text` that look like an internal id: lower-case letters joined by `_`.
fn snake_ids(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            let inner = w.trim_matches('_');
            inner.contains('_')
                && inner
                    .split('_')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
                && !PROFILE_FIELDS.contains(&inner)
        })
        .map(str::to_string)
        .collect()
}

/// Every problem in `text`, named with the profile and the view.
fn problems(text: &str, what: &str) -> Vec<String> {
    let mut v: Vec<String> = snake_ids(text)
        .into_iter()
        .map(|id| format!("{what}: id `{id}`"))
        .collect();
    v.extend(
        ENGLISH
            .iter()
            .filter(|e| text.contains(*e))
            .map(|e| format!("{what}: English `{e}`")),
    );
    v
}

/// The note's business-case chapter: from its heading to the next chapter. Code spans are
/// dropped: the note names the candidate's id as code on purpose (for the profile's editor).
fn note_chapter(note: &str) -> String {
    let start = note
        .lines()
        .position(|l| l.starts_with("## ") && l.contains("Businesscase"))
        .unwrap();
    let lines: Vec<&str> = note.lines().skip(start).collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.starts_with("## "))
        .map_or(lines.len(), |i| i + 1);
    lines[..end]
        .join("\n")
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn every_shipped_business_case_reads_in_dutch() {
    let mut found = vec![];
    for p in shipped_profiles() {
        let path = p.to_str().unwrap();
        let name = p.file_name().unwrap().to_string_lossy();
        for format in ["table", "markdown"] {
            let text = run(&["business-case", "-p", path, "--format", format]);
            assert!(text.contains("Jaar 1"), "{name} {format}: {text}");
            found.extend(problems(&text, &format!("{name}, business-case {format}")));
        }
        let chapter = note_chapter(&run(&["report", "-p", path]));
        assert!(chapter.contains("Terugverdienjaar"), "{name}: {chapter}");
        found.extend(problems(&chapter, &format!("{name}, note chapter")));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_issue_15_reported() {
    // The test above must be able to fail: the lines the issue quoted are caught.
    assert_eq!(
        problems("  saving: data_communication  0  29.580", "x"),
        vec!["x: id `data_communication`", "x: English `saving:`"]
    );
    assert_eq!(
        problems("Verrekening (sleutel workplaces, tarief tiered)", "x").len(),
        2
    );
    assert!(
        problems(
            "zet recoverable_pct dan op 0; besparing: datacommunicatie",
            "x"
        )
        .is_empty()
    );
}

#[test]
fn the_english_output_keeps_english_words() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/startersgroep.toml");
    let text = run(&["--lang", "en", "business-case", "-p", p]);
    assert!(text.contains("saving: data communication"), "{text}");
    assert!(text.contains("(key workplaces, tariff tiered)"), "{text}");
    assert!(
        text.contains("DigiD ICT assessment per participating municipality"),
        "{text}"
    );
    let nl = run(&["business-case", "-p", p]);
    assert!(nl.contains("besparing: datacommunicatie"), "{nl}");
    assert!(
        nl.contains("Verrekening (sleutel werkplekken, tarief getrapt)"),
        "{nl}"
    );
    assert!(
        nl.contains("DigiD ICT-beveiligingsassessment per deelnemende gemeente"),
        "{nl}"
    );
}
