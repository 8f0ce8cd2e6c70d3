//! Scale benchmark: how reading a profile and `sensitivity` grow with the number of workloads
//! and of municipalities in a starter group. Both should grow linearly (a growth factor of
//! about 10 per decade, less where a fixed part, such as the 10,000 SMAA samples, still
//! dominates).
//!
//! ```text
//! cargo run --release --example scale_time
//! ```
//!
//! Two series of generated profiles: 10^3, 10^4 and 10^5 workloads in a group of 4
//! municipalities; and 4, 10, 100 and 1,000 municipalities (each with its own weights, every
//! other one with its own constraints) with 10 workloads. For each it times
//! [`profile::parse`] (the TOML text to a validated profile, duplicate-name checks included)
//! and [`render_sensitivity`] (everything `wolkwijzer sensitivity` computes and prints, as a
//! table): the best of several runs, with the 1-minute load average next to the table.

use std::fmt::Write;
use std::time::Instant;

use wolkwijzer::cli::{Format, render_sensitivity};
use wolkwijzer::core::analysis::SamplingSettings;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};

const DATA: [&str; 5] = ["brp", "special", "personal", "internal", "public"];
const CURRENT: [&str; 4] = ["own", "colocation", "managed", "ssc"];

/// A valid starter-group profile with `members` municipalities and `workloads` workloads.
fn generated(members: usize, workloads: usize) -> String {
    let mut t = String::from("title = \"Scale benchmark\"\n\n[group]\nname = \"Scale\"\n\n");
    for k in 0..members {
        let w = |base: usize, step: usize| base + (k * step) % 20;
        writeln!(
            t,
            "[[municipalities]]\nname = \"Gemeente {k}\"\ninhabitants = {}\nworkplaces = {}\n\
             current = \"{}\"\n\n[municipalities.weights]\nprivacy = {}\n\
             cost_predictability = {}\ncontrol = {}\ncontinuity = {}\nontzorgen = {}\nexit = {}\n",
            10_000 + k * 17,
            100 + k % 300,
            CURRENT[k % CURRENT.len()],
            w(15, 3),
            w(15, 7),
            w(5, 11),
            w(10, 13),
            w(5, 17),
            w(5, 19),
        )
        .expect("writing to a String");
        if k % 2 == 1 {
            t.push_str("[municipalities.constraints]\ndata_in_eea = true\n\n");
        }
    }
    t.push_str(
        "[weights]\nprivacy = 25\ncost_predictability = 25\ncontrol = 10\ncontinuity = 15\n\
         ontzorgen = 15\nexit = 10\n\n[constraints]\ndata_in_eea = true\n\n",
    );
    for i in 0..workloads {
        writeln!(
            t,
            "[[workloads]]\nname = \"Workload {i}\"\ndata = \"{}\"\ncritical = {}\n",
            DATA[i % DATA.len()],
            i % 3 == 0
        )
        .expect("writing to a String");
    }
    t
}

/// Best wall-clock seconds of `runs` calls.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}

fn ms(seconds: f64) -> String {
    format!("{:.1}", seconds * 1000.0)
}

/// Times one series and prints its table rows with the growth factor from the row before.
fn series(label: &str, points: &[(usize, usize)], key: impl Fn(usize, usize) -> usize) {
    let cat = catalogue::built_in();
    let mut before: Option<(usize, f64, f64)> = None;
    println!("| {label} | read profile | growth/decade | sensitivity | growth/decade |");
    println!("|---:|---:|---:|---:|---:|");
    for &(members, workloads) in points {
        let text = generated(members, workloads);
        let runs = if workloads * members > 200_000 { 2 } else { 4 };
        let parsed = profile::parse("scale.toml", &text).expect("the generated profile is valid");
        let read = best(runs, || profile::parse("scale.toml", &text).expect("valid"));
        let sens = best(runs, || {
            render_sensitivity(
                &cat,
                &parsed,
                SamplingSettings::default(),
                Format::Table,
                Lang::En,
            )
            .expect("the analysis runs")
        });
        let x = key(members, workloads);
        let per_decade = |now: f64, then: f64, x0: usize| {
            let decades = (x as f64 / x0 as f64).log10();
            format!("{:.1}×", (now / then).powf(1.0 / decades))
        };
        let (g_read, g_sens) = match before {
            Some((x0, r0, s0)) => (per_decade(read, r0, x0), per_decade(sens, s0, x0)),
            None => ("".to_string(), "".to_string()),
        };
        println!(
            "| {x} | {} ms | {g_read} | {} ms | {g_sens} |",
            ms(read),
            ms(sens)
        );
        before = Some((x, read, sens));
    }
    println!();
}

fn main() {
    println!("load average at start: {}", load());
    println!();
    series(
        "workloads (4 municipalities)",
        &[(4, 1_000), (4, 10_000), (4, 100_000)],
        |_, w| w,
    );
    series(
        "municipalities (10 workloads)",
        &[(4, 10), (10, 10), (100, 10), (1_000, 10)],
        |m, _| m,
    );
    println!("load average at end: {}", load());
}
