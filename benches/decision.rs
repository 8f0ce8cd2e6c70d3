//! Criterion benchmarks of the decision screens (issue 15, part A) at 200×60 for the starter
//! group: rendering the business case (cell-drawn chart), Summary, the projector view and the
//! named weight sets side by side; and update+render of switching the projector view and of a
//! scenario switch on the business case screen.
#![allow(clippy::unwrap_used)] // benches may unwrap; the program may not (Cargo.toml [lints])

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wolkwijzer::io::{catalogue, profile, store::WeightSet};
use wolkwijzer::tui::{Action, Screen, State, screens, update};

fn starters() -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    let p = profile::load(&path).unwrap();
    let mut s = State::new(catalogue::built_in(), p, None);
    update(&mut s, Action::Resize(200, 60));
    s
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("decision_render_200x60");
    let mut with_sets = starters();
    let w = with_sets.profile.weights.clone();
    with_sets.weight_sets = vec![
        WeightSet {
            name: "directie".into(),
            weights: w.clone(),
        },
        WeightSet {
            name: "raad".into(),
            weights: w,
        },
    ];
    let cases: Vec<(&str, State, Vec<Action>)> = vec![
        (
            "business_case",
            starters(),
            vec![Action::GoTo(Screen::BusinessCase.index())],
        ),
        (
            "summary",
            starters(),
            vec![Action::GoTo(Screen::Summary.index())],
        ),
        (
            "projector",
            starters(),
            vec![
                Action::GoTo(Screen::Summary.index()),
                Action::ToggleProjector,
            ],
        ),
        (
            "weight_sets",
            with_sets,
            vec![
                Action::GoTo(Screen::Comparison.index()),
                Action::ToggleWeightSets,
            ],
        ),
    ];
    for (name, mut s, actions) in cases {
        for a in actions {
            update(&mut s, a);
        }
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                term.draw(|f| screens::render(f, black_box(&s))).unwrap();
            })
        });
    }
    g.finish();
}

fn update_and_render(c: &mut Criterion) {
    let mut g = c.benchmark_group("decision_update_render_200x60");
    for (name, screen, action) in [
        ("projector_toggle", Screen::Summary, Action::ToggleProjector),
        ("scenario_switch", Screen::BusinessCase, Action::Right),
        (
            "contrast_toggle",
            Screen::BusinessCase,
            Action::ToggleContrast,
        ),
    ] {
        let mut s = starters();
        update(&mut s, Action::GoTo(screen.index()));
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                update(&mut s, action.clone());
                term.draw(|f| screens::render(f, black_box(&s))).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = render, update_and_render
}
criterion_main!(benches);
