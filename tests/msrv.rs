//! The minimum supported Rust version (`rust-version` in Cargo.toml) must be true.
//!
//! Three checks keep it so: clippy's `incompatible_msrv` lint (on by default, run by
//! `cargo clippy --all-targets -- -D warnings`) refuses standard-library APIs stabilised after
//! `rust-version`; the test below refuses a `rust-version` lower than any locked dependency's
//! own `rust-version` (ratatui 0.30 needs 1.88); and it refuses language features newer than
//! `rust-version` that no lint checks (let-chains in edition 2024: 1.88).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::path::Path;
use std::process::Command;

/// `rust-version` of this crate as (major, minor).
fn declared() -> (u32, u32) {
    let toml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("Cargo.toml is readable");
    let line = toml
        .lines()
        .find(|l| l.trim_start().starts_with("rust-version"))
        .expect("Cargo.toml declares rust-version");
    let value = line.split('"').nth(1).expect("rust-version is a string");
    parse(value)
}

fn parse(version: &str) -> (u32, u32) {
    let mut parts = version
        .split('.')
        .map(|p| p.parse::<u32>().expect("numeric version"));
    (parts.next().expect("major"), parts.next().unwrap_or(0))
}

#[test]
fn rust_version_covers_every_dependency() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let ours = declared();
    let too_new: Vec<String> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| p["name"] != "wolkwijzer")
        .filter_map(|p| {
            let v = p["rust_version"].as_str()?;
            (parse(v) > ours).then(|| {
                format!(
                    "{} {} needs {v}",
                    p["name"].as_str().unwrap_or("?"),
                    p["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "rust-version {}.{} is lower than what dependencies need: {too_new:?}",
        ours.0,
        ours.1
    );
}

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn rust_version_covers_the_language_features_used() {
    // Features no lint checks against rust-version, with the release that stabilised them.
    let features: [(&str, (u32, u32), &str); 1] =
        [("&& let ", (1, 88), "let-chains (edition 2024)")];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        sources(&root.join(dir), &mut files);
    }
    let ours = declared();
    let this_file = Path::new(file!()).file_name().expect("file name");
    for (needle, needs, what) in features {
        let user = files.iter().find(|f| {
            f.file_name() != Some(this_file)
                && std::fs::read_to_string(f).is_ok_and(|s| s.contains(needle))
        });
        if let Some(file) = user {
            assert!(
                ours >= needs,
                "{} uses {what}, stable since {}.{}, but rust-version is {}.{}",
                file.display(),
                needs.0,
                needs.1,
                ours.0,
                ours.1
            );
        }
    }
}
