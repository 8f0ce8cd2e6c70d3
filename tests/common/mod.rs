//! Helpers shared by the tests: states on the demo and the group profile, rendering a state to
//! text on ratatui's `TestBackend`, the shipped profiles, and whether the run is CI's. Each test
//! binary uses only some of them.

#![allow(dead_code)]

pub mod tmux;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::{Action, State, update};

/// A state on the built-in demo, on the start screen, in `lang`.
pub fn demo(lang: Lang) -> State {
    let mut s = State::new(catalogue::built_in(), profile::demo(), None);
    s.lang = lang;
    s
}

/// A state on the shipped starter-group profile.
pub fn group(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/startersgroep-rivierenland.toml");
    let p = profile::load(&path).expect("the shipped group profile is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}

/// Feeds actions through `update` (effects are not carried out here).
pub fn feed(state: &mut State, actions: &[Action]) {
    for a in actions {
        update(state, a.clone());
    }
}

/// The frame as text, one line per row, trailing spaces trimmed.
pub fn render(state: &State, w: u16, h: u16) -> String {
    let mut s = state.clone();
    update(&mut s, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| wolkwijzer::tui::screens::render(f, &s))
        .expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A state on `profiles/startersgroep.toml` (members with their own blind-round weights).
pub fn starters(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    let p = profile::load(&path).expect("the shipped starter-group profile is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}

/// The shipped profiles (`profiles/*.toml`), sorted by file name.
pub fn shipped_profiles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
    v.sort();
    v
}

/// Whether this run is CI's (`CI=true`), where a test that needs an outside tool fails
/// instead of skipping when the tool is missing.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The decision note of a profile file in `lang` (the collaboration form following the
/// leading option).
pub fn note(path: &Path, lang: Lang) -> wolkwijzer::report::note::Note {
    let cat = catalogue::built_in();
    let p = profile::load(path).expect("a valid profile");
    let e = wolkwijzer::core::scoring::evaluate(&cat, &p).expect("weights");
    wolkwijzer::report::note::Note::build(&wolkwijzer::report::note::NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang,
        form: None,
    })
    .expect("the business case of a valid profile evaluates")
}

/// [`note`] with the portfolio the profile names (doca, issue 14), the roadmap counted from
/// `as_of`: the note `report -p PATH` writes.
pub fn note_with_portfolio(
    path: &Path,
    lang: Lang,
    as_of: wolkwijzer::core::portfolio::Date,
) -> Result<wolkwijzer::report::note::Note, wolkwijzer::report::note::ReportError> {
    let cat = catalogue::built_in();
    let p = profile::load(path).expect("a valid profile");
    let e = wolkwijzer::core::scoring::evaluate(&cat, &p).expect("weights");
    let input = wolkwijzer::report::note::NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang,
        form: None,
    };
    let mut note = wolkwijzer::report::note::Note::build(&input)?;
    note.add_portfolio(&input, Some(path), as_of)?;
    Ok(note)
}

/// An external tool on the PATH, or `None` (the test skips with a message) — a panic under
/// `CI=true`, where every tool a test needs is installed.
pub fn tool(name: &str, package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !on_ci(),
            "CI=true but {name} is not installed (apt-get install {package})"
        );
        eprintln!("skipping: {name} not found (apt-get install {package})");
    }
    found
}

/// Recalculates the workbooks in LibreOffice and exports every sheet to CSV; returns the rows
/// of each sheet by (file stem, sheet name).
pub fn recalculate(
    soffice: &Path,
    files: &[PathBuf],
    dir: &Path,
) -> HashMap<(String, String), Vec<Vec<String>>> {
    // A private, fresh profile: LibreOffice's defaults, as a user who installed it has
    // (recalculation of .xlsx on load: never; the workbook carries no cached results).
    let profile = dir.join("lo-profile");
    let out = dir.join("csv");
    std::fs::create_dir_all(&out).unwrap();
    // Comma-separated, UTF-8, values as stored (not as shown), every sheet (-1).
    let status = Process::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(&out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut sheets = HashMap::new();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        for entry in std::fs::read_dir(&out).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            if let Some(sheet) = name.strip_prefix(&format!("{stem}-")) {
                let text = std::fs::read_to_string(&p).unwrap();
                sheets.insert((stem.clone(), sheet.to_string()), parse_csv(&text));
            }
        }
    }
    if let Some(keep) = std::env::var_os("WOLKWIJZER_KEEP_RENDERS") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for f in files {
            std::fs::copy(f, keep.join(f.file_name().unwrap())).unwrap();
        }
    }
    sheets
}

/// RFC 4180 CSV: quoted fields with doubled quotes.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
