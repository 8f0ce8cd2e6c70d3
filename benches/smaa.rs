//! SMAA-2 on the reference problem of issue 6 (20 candidates × 8 criteria) and on the real
//! catalogue size (the matrix `sensitivity` samples for the built-in demo profile, 13 × 6),
//! 10^4, 10^5 and 10^6 weight samples from the whole simplex, with the machine's threads.
//! The comparison with the numpy peer is `tools/bench_smaa.py` (interleaved, threads pinned on
//! both sides); this bench tracks the kernel on its own.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wolkwijzer::core::mcda::Matrix;
use wolkwijzer::core::mcda::smaa::{SmaaConfig, smaa};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::io::{catalogue, profile};

/// The reference problem; `tools/smaa_peer.py` builds the same matrix with the same formula.
fn reference_matrix() -> Matrix {
    let rows: Vec<Vec<f64>> = (0..20)
        .map(|i| {
            (0..8)
                .map(|j| ((i * 37 + j * 11 + i * j * 5) % 101) as f64 / 10.0)
                .collect()
        })
        .collect();
    Matrix::new(&rows).expect("reference matrix is valid")
}

/// The rows `sensitivity` hands to SMAA for the demo profile.
fn catalogue_matrix() -> Matrix {
    let evaluation =
        evaluate(&catalogue::built_in(), &profile::demo()).expect("the demo profile evaluates");
    let rows: Vec<Vec<f64>> = evaluation
        .ranking
        .iter()
        .map(|r| r.criteria.iter().map(|c| c.score).collect())
        .collect();
    Matrix::new(&rows).expect("catalogue matrix is valid")
}

fn bench_smaa(c: &mut Criterion) {
    for matrix in [reference_matrix(), catalogue_matrix()] {
        bench_one(c, &matrix);
    }
}

fn bench_one(c: &mut Criterion, matrix: &Matrix) {
    let name = format!("smaa_{}x{}", matrix.candidates(), matrix.criteria());
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for samples in [10_000, 100_000, 1_000_000] {
        let config = SmaaConfig {
            samples,
            seed: 1,
            ..SmaaConfig::default()
        };
        group.bench_with_input(
            BenchmarkId::from_parameter(samples),
            &config,
            |b, config| {
                b.iter(|| smaa(black_box(matrix), black_box(config)).expect("valid problem"));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_smaa);
criterion_main!(benches);
