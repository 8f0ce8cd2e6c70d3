//! The fuzz harness in CI (issue 12): a short fixed-seed smoke of both modes, and every crasher
//! the harness ever found, replayed from `tests/fuzz_regressions/` (a file's name ends in its
//! kind: `-profile`, `-session`, `-ahp` or `-catalogue`; `caseN` in it is the case index the
//! pipeline replays with). The campaign itself: `cargo run --release --example fuzz` (see
//! `examples/fuzz/main.rs` and the README).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

#[path = "../examples/fuzz/engine.rs"]
mod engine;

use std::path::Path;

use engine::{Corpus, Input, Kind, Mode};

fn corpus() -> Corpus {
    Corpus::load(Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn a_fixed_seed_smoke_of_the_harness_finds_no_panic() {
    engine::quiet_panics();
    let corpus = corpus();
    assert!(corpus.seeds.len() >= 8, "the corpus has every kind of file");
    let parsers = engine::run_range(&corpus, 12, 0, 1_500, Mode::Parsers);
    assert_eq!(parsers.panics, vec![], "parsers");
    assert_eq!(parsers.cases, 1_500);
    assert!(parsers.valid > 0, "some mutated inputs are still valid");
    let pipeline = engine::run_range(&corpus, 12, 0, 40, Mode::Pipeline);
    assert_eq!(pipeline.panics, vec![], "pipeline");
    assert!(pipeline.pipeline > 0, "some cases reach the whole pipeline");
}

#[test]
fn the_same_seed_gives_the_same_cases() {
    let corpus = corpus();
    for i in [0, 7, 1_000_003] {
        let a = engine::case(&corpus, 5, i, Mode::Parsers);
        let b = engine::case(&corpus, 5, i, Mode::Parsers);
        assert_eq!(a.bytes, b.bytes);
    }
    assert_ne!(
        engine::case(&corpus, 5, 1, Mode::Parsers).bytes,
        engine::case(&corpus, 6, 1, Mode::Parsers).bytes
    );
}

#[test]
fn every_crasher_found_stays_fixed() {
    engine::quiet_panics();
    let corpus = corpus();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let kind = match name.rsplit('-').next() {
            Some("profile") => Kind::Profile,
            Some("session") => Kind::Session,
            Some("ahp") => Kind::Ahp,
            Some("catalogue") => Kind::Catalogue,
            _ => panic!("{name}: the name must end in its kind"),
        };
        let index = name
            .split('-')
            .find_map(|p| p.strip_prefix("case").and_then(|n| n.parse().ok()))
            .unwrap_or(0);
        let input = Input {
            kind,
            origin: name.clone(),
            bytes: std::fs::read(&f).unwrap(),
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine::run(&corpus, &input, Mode::Pipeline, index)
        }));
        let message = engine::LAST_PANIC
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default();
        assert!(outcome.is_ok(), "{name}: {message}");
    }
}
