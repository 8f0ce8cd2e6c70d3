//! Benchmark of the decision note for the largest shipped profile (most workloads, then most
//! municipalities): the HTML, Word (.docx) and Excel (.xlsx) files from a loaded profile to
//! the finished bytes (evaluation, business case, note, rendering), and the HTML and Word
//! renderings of a built note alone, also for the longest note (the mid-sized profile with its
//! portfolio chapter and per-application annex). Target: each well under 100 ms.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use wolkwijzer::cli::{ReportFormat, render_report, render_report_file};
use wolkwijzer::core::profile::Profile;
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::report::note::{self, Note, NoteInput, html};

/// The shipped profile with the most workloads (then the most municipalities).
fn largest() -> (String, Profile) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut profiles: Vec<(String, Profile)> = std::fs::read_dir(dir)
        .expect("profiles/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            (name, profile::load(&p).expect("a valid shipped profile"))
        })
        .collect();
    profiles.sort_by_key(|(n, p)| {
        (
            p.workloads.len(),
            p.subject.members().len(),
            std::cmp::Reverse(n.clone()),
        )
    });
    profiles.pop().expect("at least one profile")
}

fn bench(c: &mut Criterion) {
    let cat = catalogue::built_in();
    let (name, p) = largest();
    c.bench_function(&format!("report_html_{name}"), |b| {
        b.iter(|| render_report(black_box(&cat), black_box(&p), ReportFormat::Html, Lang::Nl))
    });
    for (format, label) in [(ReportFormat::Docx, "docx"), (ReportFormat::Xlsx, "xlsx")] {
        c.bench_function(&format!("report_{label}_{name}"), |b| {
            b.iter(|| render_report_file(black_box(&cat), black_box(&p), format, Lang::Nl))
        });
    }
    let e = evaluate(&cat, &p).expect("weights");
    let note = Note::build(&NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    })
    .expect("the business case of a shipped profile evaluates");
    c.bench_function(&format!("note_html_render_{name}"), |b| {
        b.iter(|| html::render(black_box(&note)))
    });
    c.bench_function(&format!("note_docx_render_{name}"), |b| {
        b.iter(|| note::docx(black_box(&note)))
    });

    // The longest note: the mid-sized profile with its portfolio of 302 applications (the
    // portfolio chapter and the per-application annex), rendered as HTML and as Word.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml");
    let p = profile::load(&path).expect("the mid-sized profile");
    let e = evaluate(&cat, &p).expect("weights");
    let input = NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    };
    let mut note = Note::build(&input).expect("the note");
    note.add_portfolio(
        &input,
        Some(&path),
        wolkwijzer::core::portfolio::Date::new(2026, 12, 1).expect("a date"),
    )
    .expect("the shipped portfolio reads");
    c.bench_function("note_html_render_with_portfolio", |b| {
        b.iter(|| html::render(black_box(&note)))
    });
    c.bench_function("note_docx_render_with_portfolio", |b| {
        b.iter(|| note::docx(black_box(&note)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
