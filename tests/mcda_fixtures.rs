//! Agreement with independent implementations (pymcdm, ahpy, numpy) on committed fixtures.
//!
//! The fixtures under `tests/fixtures/mcda/` are written by `tools/mcda_fixtures.py`; this test
//! needs no Python. Everything must agree to 1e-9.
//!
//! What is compared, and why it should agree:
//! - weighted sum: pymcdm `WSM` with the identity normalisation (our totals use raw 0–10 scores);
//! - TOPSIS closeness: pymcdm `TOPSIS` with vector normalisation, all benefit criteria;
//! - eigenvector weights: ahpy (repeated squaring to 15 decimals) and pymcdm (LAPACK);
//! - λmax: numpy's largest real eigenvalue;
//! - CR: each library with *its own* random-index table, which we also ship under a name —
//!   ahpy `saaty` = [`SAATY_2005`], ahpy `dd` = [`DONEGAN_DODD_1991`], pymcdm =
//!   [`TUMMALA_LING_1998`]. Our default table, [`SAATY_1980`], has no independent
//!   implementation here, so only its use of the same λmax is checked (CI / RI).
//! - geometric-mean weights: numpy row geometric means.
//!
//! Not compared: a zero column in TOPSIS (pymcdm divides 0 by 0; our convention is documented
//! in `core::mcda::topsis`).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::path::Path;

use serde::Deserialize;
use wolkwijzer::core::mcda::Matrix;
use wolkwijzer::core::mcda::ahp::{
    DONEGAN_DODD_1991, PairwiseMatrix, SAATY_1980, SAATY_2005, TUMMALA_LING_1998, analyse,
};
use wolkwijzer::core::mcda::topsis::topsis;

const TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct ScoringProblem {
    name: String,
    matrix: Vec<Vec<f64>>,
    weights: Vec<f64>,
    weighted_sum: Vec<f64>,
    topsis_closeness: Vec<f64>,
}

#[derive(Deserialize)]
struct AhpProblem {
    name: String,
    matrix: Vec<Vec<f64>>,
    ahpy_weights: Vec<f64>,
    ahpy_cr_saaty_2005: f64,
    ahpy_cr_donegan_dodd_1991: f64,
    pymcdm_weights: Option<Vec<f64>>,
    pymcdm_cr_tummala_ling_1998: Option<f64>,
    numpy_lambda_max: f64,
    numpy_geometric_mean_weights: Vec<f64>,
}

fn load<T: for<'de> Deserialize<'de>>(file: &str) -> Vec<T> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mcda")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn assert_close(what: &str, ours: &[f64], theirs: &[f64]) {
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths differ");
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (a - b).abs() <= TOLERANCE,
            "{what}[{i}]: ours {a} vs theirs {b} (diff {:e})",
            (a - b).abs()
        );
    }
}

#[test]
fn weighted_sum_and_topsis_agree_with_pymcdm() {
    let problems: Vec<ScoringProblem> = load("scoring.json");
    assert!(problems.len() >= 4);
    for p in &problems {
        let matrix = Matrix::new(&p.matrix).unwrap();
        let totals = matrix.weighted_sum(&p.weights).unwrap();
        assert_close(
            &format!("{} weighted sum", p.name),
            &totals,
            &p.weighted_sum,
        );
        let t = topsis(&matrix, &p.weights).unwrap();
        assert_close(
            &format!("{} TOPSIS", p.name),
            &t.closeness,
            &p.topsis_closeness,
        );
    }
}

#[test]
fn ahp_agrees_with_ahpy_pymcdm_and_numpy() {
    let problems: Vec<AhpProblem> = load("ahp.json");
    assert!(problems.len() >= 5);
    for p in &problems {
        let matrix = PairwiseMatrix::new(&p.matrix).unwrap();
        let name = &p.name;
        let saaty_2005 = analyse(&matrix, &SAATY_2005).unwrap();
        assert_close(
            &format!("{name} eigenvector vs ahpy"),
            &saaty_2005.eigenvector_weights,
            &p.ahpy_weights,
        );
        assert_close(
            &format!("{name} λmax vs numpy"),
            &[saaty_2005.lambda_max],
            &[p.numpy_lambda_max],
        );
        assert_close(
            &format!("{name} CR (Saaty 2005) vs ahpy"),
            &[saaty_2005.consistency_ratio.unwrap()],
            &[p.ahpy_cr_saaty_2005],
        );
        assert_close(
            &format!("{name} geometric mean vs numpy"),
            &saaty_2005.geometric_mean_weights,
            &p.numpy_geometric_mean_weights,
        );
        let dd = analyse(&matrix, &DONEGAN_DODD_1991).unwrap();
        assert_close(
            &format!("{name} CR (Donegan-Dodd) vs ahpy"),
            &[dd.consistency_ratio.unwrap()],
            &[p.ahpy_cr_donegan_dodd_1991],
        );
        if let (Some(weights), Some(cr)) = (&p.pymcdm_weights, p.pymcdm_cr_tummala_ling_1998) {
            let tl = analyse(&matrix, &TUMMALA_LING_1998).unwrap();
            assert_close(
                &format!("{name} eigenvector vs pymcdm"),
                &tl.eigenvector_weights,
                weights,
            );
            assert_close(
                &format!("{name} CR (Tummala-Ling) vs pymcdm"),
                &[tl.consistency_ratio.unwrap()],
                &[cr],
            );
        }
        let n = matrix.size();
        let classic = analyse(&matrix, &SAATY_1980).unwrap();
        let expected = if n <= 2 {
            0.0
        } else {
            (p.numpy_lambda_max - n as f64) / (n - 1) as f64 / SAATY_1980.values[n - 1]
        };
        assert_close(
            &format!("{name} CR (Saaty 1980) from numpy λmax"),
            &[classic.consistency_ratio.unwrap()],
            &[expected],
        );
    }
}

#[test]
fn fixtures_cover_consistent_and_inconsistent_matrices() {
    let problems: Vec<AhpProblem> = load("ahp.json");
    let flagged: Vec<bool> = problems
        .iter()
        .map(|p| {
            analyse(&PairwiseMatrix::new(&p.matrix).unwrap(), &SAATY_1980)
                .unwrap()
                .inconsistent
        })
        .collect();
    assert!(flagged.iter().any(|&f| f), "no inconsistent fixture");
    assert!(flagged.iter().any(|&f| !f), "no consistent fixture");
}
