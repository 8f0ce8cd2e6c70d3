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

/// One update+render cycle of a weight change (up and down in turn) on the screen `s` is on.
fn weight_change<M: criterion::measurement::Measurement>(
    g: &mut criterion::BenchmarkGroup<M>,
    name: &str,
    mut s: State,
) {
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut up = true;
    g.bench_function(name, |b| {
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

fn update_and_render(c: &mut Criterion) {
    let mut s = state();
    update(&mut s, Action::GoTo(Screen::Weights.index()));
    let mut g = c.benchmark_group("update_render");
    weight_change(&mut g, "weight_change_200x60", s);
    g.finish();
}

/// A starter group (the shipped profile) on the group itself: Summary, the revealed group
/// view, and a plenary weight change with its update (group decision) and frame.
fn group(c: &mut Criterion) {
    let text = include_str!("../profiles/startersgroep.toml");
    let p = profile::parse("startersgroep.toml", text).unwrap();
    let mut s = State::new(catalogue::built_in(), p, None);
    update(&mut s, Action::Resize(200, 60));
    let mut g = c.benchmark_group("group_200x60");
    for (name, actions) in [
        ("summary", vec![Action::GoTo(Screen::Summary.index())]),
        (
            "group_view",
            vec![
                Action::GoTo(Screen::Comparison.index()),
                Action::Reveal,
                Action::ToggleGroup,
            ],
        ),
    ] {
        let mut t = s.clone();
        for a in actions {
            update(&mut t, a);
        }
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| {
                term.draw(|f| screens::render(f, black_box(&t))).unwrap();
            })
        });
    }
    update(&mut s, Action::GoTo(Screen::Weights.index()));
    weight_change(&mut g, "update_render_plenary_weight_change", s);
    g.finish();
}

criterion_group!(benches, render_screens, update_and_render, group);
criterion_main!(benches);
