//! Every number a person reads is written in the language of the output: a Dutch output has no
//! decimal point (`7.24`, `30.0%`) and an English one no decimal comma (`7,24`) or thousands
//! dot (`45.300`). The test renders every text output of every CLI command and report format
//! — `score`, `catalogue`, `business-case`, `sensitivity`, `weights ahp` (table and Markdown),
//! `report` (Markdown, HTML, and the text of the Word file) — for every shipped profile in
//! both languages, and lists every offending number with its context.
//!
//! Machine formats are left out on purpose: JSON numbers are JSON's, and the CSV is data
//! (RFC 4180, `.` decimals) for programs; the workbook stores numbers as numbers. Numbers
//! that are not quantities are skipped: section and article numbers (`§2.2`, `5.20.06`),
//! versions (`versie 2.2`, `WCAG 2.1`, `BIO 1.04`), case and document numbers (`C-703/25`,
//! `2023/1795`), dates (`29-11-2026`), and anything inside an HTML tag or a Word XML tag.
//! Text the profile's author wrote (titles, names, cost-line labels such as "Regie op de DVO
//! (0,3 fte)") is quoted as written and blanked out before the check. The TUI's screens are
//! checked in their own test.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Parser;
use wolkwijzer::cli::{Cli, run};

/// Runs the CLI in-process and returns its standard output (it must succeed).
fn output(args: &[&str]) -> String {
    let mut argv = vec!["wolkwijzer"];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{argv:?}: {e}"));
    let command = cli.command.as_ref().expect("a command");
    let out = run(&cli, command);
    assert_eq!(out.code, 0, "{argv:?}: {}", out.stderr);
    out.stdout
}

fn profiles() -> Vec<PathBuf> {
    let v = common::shipped_profiles();
    assert!(v.len() >= 4);
    v
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text with HTML/XML tags removed (attributes hold widths, ids and SVG coordinates).
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut in_style = false;
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if !in_tag && lower[i..].starts_with("<style") {
            in_style = true;
        }
        if in_style && lower[i..].starts_with("</style>") {
            in_style = false;
        }
        let c = bytes[i];
        if c == b'<' {
            in_tag = true;
            out.push(' ');
        } else if c == b'>' {
            in_tag = false;
        } else if !in_tag && !in_style {
            // Copy the whole UTF-8 character.
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        i += 1;
    }
    out
}

/// The text of a Word file (its document part without tags).
fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    without_tags(&s)
}

/// Words before a number that make it an identifier, not a quantity.
const ID_WORDS: [&str; 17] = [
    "§", "versie", "version", "WCAG", "BIO", "art.", "artikel", "article", "Tabel", "Table",
    "Bijlage", "Annex", "stap", "step", "nr.", "EN", "BY-SA",
];

/// The numbers in `text` that break the language's style, with some context. Lines of TOML
/// to paste into a profile (`privacy = 32.3`, inside a Markdown code fence or on their own)
/// keep TOML's decimal point and are skipped.
fn offending(text: &str, dutch: bool) -> Vec<String> {
    let mut in_fence = false;
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                in_fence = !in_fence;
                return false;
            }
            !in_fence && !is_toml_assignment(l)
        })
        .collect();
    let text = kept.join("\n");
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let before: String = chars[start.saturating_sub(12)..start].iter().collect();
        let prev = start.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i).copied();
        // Identifiers: glued to letters, '§', '/', '-' (C-703/25, 2023/1795, 29-11-2026,
        // ECLI:EU:C:2020:559), or after a word that names an id.
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() || "§/-_:#".contains(c));
        let id_word = ID_WORDS.iter().any(|w| before.trim_end().ends_with(w));
        if glued(prev)
            || glued(next)
            || id_word
            || token.matches('.').count() >= 2 && !token.contains(',') && !dutch_grouping(&token)
        {
            continue;
        }
        let bad = if dutch {
            has_decimal_point(&token)
        } else {
            has_decimal_comma(&token) || has_thousands_dot(&token)
        };
        if bad {
            let ctx_start = start.saturating_sub(30);
            let ctx_end = (i + 20).min(chars.len());
            let ctx: String = chars[ctx_start..ctx_end].iter().collect();
            out.push(format!("{token:?} in …{}…", ctx.replace('\n', "⏎")));
        }
    }
    out
}

/// `  privacy = 32.3`: a TOML key and a number.
fn is_toml_assignment(line: &str) -> bool {
    match line.trim().split_once(" = ") {
        Some((key, value)) => {
            !key.is_empty()
                && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && value.parse::<f64>().is_ok()
        }
        None => false,
    }
}

/// `1.234.567` (a Dutch grouped integer, possibly with `,dd` after it).
fn dutch_grouping(token: &str) -> bool {
    let int = token.split(',').next().unwrap_or("");
    let groups: Vec<&str> = int.split('.').collect();
    groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// A '.' used as a decimal point: a group after it that is not three digits, or a '.' after
/// the decimal comma. `1.350` (grouping) passes; `7.24`, `30.0` do not.
fn has_decimal_point(token: &str) -> bool {
    if !token.contains('.') {
        return false;
    }
    !dutch_grouping(token)
}

/// A ',' used as a decimal comma: `7,24` (a group after it that is not three digits).
fn has_decimal_comma(token: &str) -> bool {
    let int = token.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3)
}

/// A '.' used to group thousands in English: `45.300` (three digits after it, a non-zero
/// integer part, no other '.'). `0.246` is a decimal.
fn has_thousands_dot(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() > 2 && parts[1..].iter().all(|g| g.len() == 3)
        || parts.len() == 2 && parts[1].len() == 3 && parts[0] != "0" && !parts[0].contains(',')
}

/// Every text output of every command, for one language: (what, text).
fn outputs(lang: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut v = vec![];
    let texts = ["table", "markdown"];
    for format in texts {
        let text = output(&["--lang", lang, "catalogue", "--format", format]);
        v.push((format!("catalogue {format}"), text));
    }
    for p in profiles() {
        let ps = p.display().to_string();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        for format in texts {
            for cmd in ["score", "business-case"] {
                let text = output(&["--lang", lang, cmd, "--format", format, "-p", &ps]);
                v.push((format!("{cmd} {format} {stem}"), text));
            }
            let text = output(&[
                "--lang",
                lang,
                "sensitivity",
                "--samples",
                "2000",
                "--format",
                format,
                "-p",
                &ps,
            ]);
            v.push((format!("sensitivity {format} {stem}"), text));
        }
        for format in ["markdown", "html"] {
            let text = output(&["--lang", lang, "report", "--format", format, "-p", &ps]);
            v.push((format!("report {format} {stem}"), without_tags(&text)));
        }
        let docx = dir.path().join(format!("{stem}.docx"));
        let docx_path = docx.display().to_string();
        output(&[
            "--lang", lang, "report", "--format", "docx", "-p", &ps, "-o", &docx_path,
        ]);
        v.push((format!("report docx {stem}"), docx_text(&docx)));
    }
    for entry in std::fs::read_dir(root().join("profiles/ahp")).unwrap() {
        let f = entry.unwrap().path().display().to_string();
        for format in texts {
            let text = output(&["--lang", lang, "weights", "ahp", &f, "--format", format]);
            v.push((format!("weights ahp {format}"), text));
        }
    }
    v
}

/// Every string value of every shipped profile: text the profile's author wrote.
fn authored_strings() -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            // Prose with a number in it ("Regie op de DVO (0,3 fte)"), not ids or amounts.
            toml::Value::String(s)
                if s.chars().any(|c| c.is_ascii_digit())
                    && s.chars().filter(|c| c.is_alphabetic()).count() >= 4 =>
            {
                out.push(s.clone())
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = vec![];
    for p in profiles() {
        let text = std::fs::read_to_string(&p).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        walk(&value, &mut out);
    }
    // Longest first, so a label is blanked before a shorter label inside it.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

fn check(lang: &str) {
    let dutch = lang == "nl";
    let mut problems = vec![];
    let outputs = outputs(lang);
    assert!(outputs.len() >= 40, "{}", outputs.len());
    let authored = authored_strings();
    for (what, text) in &outputs {
        let mut text = text.clone();
        for a in &authored {
            text = text.replace(a.as_str(), " ");
            // A table may cut a long label short with an ellipsis.
            if text.contains('…') {
                let chars: Vec<char> = a.chars().collect();
                for k in (12..chars.len()).rev() {
                    let cut: String = chars[..k].iter().collect::<String>() + "…";
                    text = text.replace(&cut, " ");
                }
            }
        }
        for o in offending(&text, dutch) {
            problems.push(format!("{what}: {o}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} numbers in the wrong style:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn dutch_outputs_have_no_decimal_point() {
    check("nl");
}

#[test]
fn english_outputs_have_no_decimal_comma_or_thousands_dot() {
    check("en");
}

#[test]
fn the_checker_finds_what_it_must() {
    // Dutch: decimal points are found, grouping dots and identifiers are not.
    assert_eq!(offending("score 7.24 en 30.0%", true).len(), 2);
    assert!(offending("45.300 inwoners, 7,24 punt, EUR 1.234,50", true).is_empty());
    assert!(
        offending(
            "§2.2 Tabel 1, versie 2.2, 5.20.06, C-703/25, 29-11-2026",
            true
        )
        .is_empty()
    );
    // English: decimal commas and thousands dots are found, grouping commas are not.
    assert_eq!(
        offending("7,24 points and 45.300 inhabitants", false).len(),
        2
    );
    assert!(offending("45,300 inhabitants, 7.24, 0.246, EUR 1,234.50", false).is_empty());
}
