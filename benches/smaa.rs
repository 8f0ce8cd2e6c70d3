//! SMAA-2 on the reference problem of issue 6: 20 candidates × 8 criteria, 10^4, 10^5 and 10^6
//! weight samples from the whole simplex. `tools/smaa_peer.py` runs the same problem with numpy
//! and pymcdm for comparison.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wolkwijzer::core::mcda::Matrix;
use wolkwijzer::core::mcda::smaa::{SmaaConfig, smaa};

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

fn bench_smaa(c: &mut Criterion) {
    let matrix = reference_matrix();
    let mut group = c.benchmark_group("smaa_20x8");
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
                b.iter(|| smaa(black_box(&matrix), black_box(config)).expect("valid problem"));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_smaa);
criterion_main!(benches);
