//! Times the SMAA-2 kernel for `tools/bench_smaa.py`, which runs it interleaved with the numpy
//! peer (`tools/smaa_peer.py`) and prints the ratio table of the README.
//!
//! ```text
//! cargo run --release --example smaa_time -- MATRIX SAMPLES THREADS REPEATS
//! cargo run --release --example smaa_time -- MATRIX dump
//! ```
//!
//! `MATRIX` is `reference` (20 candidates × 8 criteria, the formula shared with
//! `benches/smaa.rs` and the peer) or `catalogue` (the matrix `sensitivity` samples for the
//! built-in demo profile on the built-in catalogue: admissible candidates × criteria in play).
//! The timing line is JSON: the best wall-clock time of `REPEATS` runs of
//! [`smaa`](wolkwijzer::core::mcda::smaa::smaa) with `THREADS` worker threads (one warm-up run
//! first), and the leader with its first-rank acceptability, so the two sides can be checked
//! to agree. `dump` prints the matrix as JSON rows for the peer.

use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::Instant;

use wolkwijzer::core::mcda::Matrix;
use wolkwijzer::core::mcda::smaa::{SmaaConfig, smaa};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::io::{catalogue, profile};

/// The reference problem; `tools/smaa_peer.py` builds the same matrix with the same formula.
fn reference_rows() -> Vec<Vec<f64>> {
    (0..20)
        .map(|i| {
            (0..8)
                .map(|j| ((i * 37 + j * 11 + i * j * 5) % 101) as f64 / 10.0)
                .collect()
        })
        .collect()
}

/// The rows `sensitivity` hands to SMAA for the demo profile.
fn catalogue_rows() -> Vec<Vec<f64>> {
    let evaluation =
        evaluate(&catalogue::built_in(), &profile::demo()).expect("the demo profile evaluates");
    evaluation
        .ranking
        .iter()
        .map(|r| r.criteria.iter().map(|c| c.score).collect())
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rows = match args.first().map(String::as_str) {
        Some("reference") => reference_rows(),
        Some("catalogue") => catalogue_rows(),
        _ => {
            eprintln!("usage: smaa_time reference|catalogue (SAMPLES THREADS REPEATS | dump)");
            return ExitCode::from(2);
        }
    };
    if args.get(1).map(String::as_str) == Some("dump") {
        println!(
            "{}",
            serde_json::to_string(&rows).expect("numbers serialise")
        );
        return ExitCode::SUCCESS;
    }
    let number = |k: usize| args.get(k).and_then(|s| s.parse::<usize>().ok());
    let (Some(samples), Some(threads), Some(repeats)) = (number(1), number(2), number(3)) else {
        eprintln!("usage: smaa_time reference|catalogue SAMPLES THREADS REPEATS");
        return ExitCode::from(2);
    };
    let matrix = Matrix::new(&rows).expect("a valid matrix");
    let config = SmaaConfig {
        samples,
        seed: 1,
        threads: NonZeroUsize::new(threads),
        ..SmaaConfig::default()
    };
    let mut result = smaa(&matrix, &config).expect("a valid problem");
    let mut best = f64::INFINITY;
    for _ in 0..repeats.max(1) {
        let start = Instant::now();
        result = smaa(&matrix, &config).expect("a valid problem");
        best = best.min(start.elapsed().as_secs_f64());
    }
    let (leader, b1) = result.leaders()[0];
    println!(
        "{{\"side\":\"wolkwijzer\",\"candidates\":{},\"criteria\":{},\"samples\":{samples},\
         \"threads\":{threads},\"seconds\":{best:.6},\"leader\":{leader},\"b1\":{b1:.4}}}",
        matrix.candidates(),
        matrix.criteria()
    );
    ExitCode::SUCCESS
}
