//! Criterion benchmarks of the TUI: rendering each screen at 200×60 on `TestBackend`, and one
//! update+render cycle (a weight change re-runs the core's evaluation, then a frame is drawn).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::{Action, Screen, State, screens, update};

fn state() -> State {
    let mut s = State::new(catalogue::built_in(), profile::demo(), None);
    update(&mut s, Action::Resize(200, 60));
    s
}

fn render_screens(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_200x60");
    for screen in Screen::ALL {
        let mut s = state();
        update(&mut s, Action::GoTo(screen.index()));
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        group.bench_function(screen.id(), |b| {
            b.iter(|| {
                term.draw(|f| screens::render(f, black_box(&s))).unwrap();
            })
        });
    }
    group.finish();
}

fn update_and_render(c: &mut Criterion) {
    let mut s = state();
    update(&mut s, Action::GoTo(Screen::Weights.index()));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut up = true;
    c.bench_function("update_render_weight_change_200x60", |b| {
        b.iter(|| {
            update(
                &mut s,
                if up {
                    Action::Increase
                } else {
                    Action::Decrease
                },
            );
            up = !up;
            term.draw(|f| screens::render(f, black_box(&s))).unwrap();
        })
    });
}

criterion_group!(benches, render_screens, update_and_render);
criterion_main!(benches);
