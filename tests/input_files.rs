//! Every input reader (profiles, catalogue, sessions, AHP judgements) reads a file saved on
//! Windows — CRLF line endings and a UTF-8 byte order mark — exactly like the same file saved
//! on Linux; and every entry point refuses what is not a regular file (a FIFO, a folder) with a
//! clear message instead of hanging.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::path::{Path, PathBuf};

use wolkwijzer::io::{ahp, catalogue, profile, store};
use wolkwijzer::tui::State;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The text as Notepad on Windows saves it: BOM, CRLF.
fn windows_text(lf: &str) -> String {
    assert!(!lf.contains('\r'), "the source is expected with LF endings");
    format!("\u{feff}{}", lf.replace('\n', "\r\n"))
}

/// Writes `text` as `name` in `dir` and returns the path.
fn put(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn every_shipped_profile_reads_the_same_with_crlf_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let lf = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let unix = put(dir.path(), &format!("lf-{name}"), &lf);
        let win = put(dir.path(), &format!("crlf-{name}"), &windows_text(&lf));
        let a = profile::load(&unix).unwrap_or_else(|e| panic!("{e}"));
        let b = profile::load(&win).unwrap_or_else(|e| panic!("{name} with CRLF and BOM: {e}"));
        assert_eq!(a, b, "{name}");
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} shipped profiles found");
}

#[test]
fn the_catalogue_reads_the_same_with_crlf_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let lf = std::fs::read_to_string(root().join("data/catalogue.toml")).unwrap();
    let win = put(dir.path(), "catalogue.toml", &windows_text(&lf));
    let b = catalogue::load(&win).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalogue::built_in(), b);
}

#[test]
fn an_ahp_file_reads_the_same_with_crlf_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let path = root().join("profiles/ahp/wolkendam.toml");
    let lf = std::fs::read_to_string(&path).unwrap();
    let win = put(dir.path(), "wolkendam.toml", &windows_text(&lf));
    let a = ahp::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let b = ahp::load(&win).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.criteria, b.criteria);
    assert_eq!(a.matrix, b.matrix);
}

#[test]
fn a_session_reads_the_same_with_crlf_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = profile::load(&root().join("profiles/middelgrote-gemeente.toml")).unwrap();
    let mut state = State::new(catalogue::built_in(), p, None);
    state.notes = "Eerste regel\nTweede regel: \"zekerheid\"\n".into();
    let session = state.session();
    let lf = store::to_toml(&session).unwrap();
    assert!(lf.contains("\n"));
    let win = put(dir.path(), "sessie.toml", &windows_text(&lf));
    let read = store::load(&win).unwrap_or_else(|e| panic!("{e}"));
    // The notes come back with LF, not with the CR the file carried.
    assert_eq!(read, session);
}

#[test]
fn a_crlf_error_is_placed_like_the_lf_one() {
    let dir = tempfile::tempdir().unwrap();
    let lf = std::fs::read_to_string(root().join("profiles/kleine-gemeente.toml"))
        .unwrap()
        .replacen("data = \"", "data = \"geheim-", 1);
    let unix = put(dir.path(), "p.toml", &lf);
    let win = put(dir.path(), "q.toml", &windows_text(&lf));
    let a = profile::load(&unix).unwrap_err().to_string();
    let b = profile::load(&win).unwrap_err().to_string();
    assert!(a.starts_with(&unix.display().to_string()), "{a}");
    assert_eq!(
        a.replace(&unix.display().to_string(), "F"),
        b.replace(&win.display().to_string(), "F")
    );
}

#[test]
fn a_folder_given_as_a_profile_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = profile::load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("this is a folder, not a file"), "{e}");
}

/// Every entry point on a FIFO: refused at once with a clear message, never a hang (before the
/// shared reader, opening the FIFO blocked until a writer appeared).
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_every_entry_point() {
    use assert_cmd::Command;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // A data directory whose autosave is a FIFO, for --resume and the start screen.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(data.join(store::AUTOSAVE_FILE))
        .status()
        .unwrap();
    assert!(made.success());

    let f = fifo.to_str().unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", f],
        vec!["score", "-p", f],
        vec!["business-case", "-p", f],
        vec!["sensitivity", "-p", f],
        vec!["report", "-p", f],
        vec!["report", "--session", f],
        vec!["--catalogue", f, "score"],
        vec!["weights", "ahp", f],
        // The TUI's entry points fail before it asks for a terminal.
        vec!["-p", f],
        vec!["--resume"],
    ];
    for args in cases {
        let out = Command::cargo_bin("wolkwijzer")
            .unwrap()
            .current_dir(root())
            .env("WOLKWIJZER_DATA_DIR", &data)
            .args(&args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} (a hang is killed): {err}"
        );
        assert!(
            err.contains("this is a named pipe (FIFO), not a file"),
            "{args:?}: {err}"
        );
    }
}
