#!/usr/bin/env python3
"""Writes independent reference results for `tests/mcda_fixtures.rs`.

Computes, with third-party implementations rather than our own formulas,

* weighted-sum totals: pymcdm `WSM` with the identity as normalisation (scores are used as
  given, 0-10, higher is better);
* TOPSIS closeness: pymcdm `TOPSIS` with `vector_normalization`, all criteria of benefit type;
* AHP: ahpy `Compare` (eigenvector by repeated squaring, precision 15) with its two random-index
  tables, `saaty` (Saaty 2005, our `SAATY_2005`) and `dd` (Donegan & Dodd 1991, our
  `DONEGAN_DODD_1991`); pymcdm `AHP` (eigenvector by LAPACK, CR with Tummala & Ling 1998, our
  `TUMMALA_LING_1998`); numpy's largest real eigenvalue for lambda_max and numpy row geometric
  means.

and writes JSON under tests/fixtures/mcda/. Run from the repository root:

    pip install pymcdm ahpy numpy
    python3 tools/mcda_fixtures.py

The fixtures are committed; CI runs only the Rust test, which needs no Python.
"""

import json
import warnings
from pathlib import Path

import ahpy
import numpy as np
from pymcdm import normalizations
from pymcdm.methods import TOPSIS, WSM
from pymcdm.weights.subjective import AHP

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mcda"
SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def scoring_problems():
    rng = np.random.default_rng(2024)
    reference = [
        [((i * 37 + j * 11 + i * j * 5) % 101) / 10.0 for j in range(8)] for i in range(20)
    ]
    roc8 = [sum(1.0 / k for k in range(p, 9)) / 8 for p in range(1, 9)]
    random_weights = np.diff(np.concatenate([[0.0], np.sort(rng.random(3)), [1.0]]))
    return [
        {
            "name": "workshop_5x7",
            "note": "own datacenter, colocation, managed hosting, SSC, host municipality",
            "matrix": [
                [8.5, 3.0, 9.0, 6.5, 4.0, 2.0, 7.0],
                [8.0, 5.5, 7.0, 7.5, 5.0, 4.0, 6.5],
                [6.0, 7.0, 5.0, 8.0, 6.5, 8.0, 4.5],
                [7.5, 8.0, 6.0, 7.0, 5.5, 7.5, 5.0],
                [7.0, 6.5, 5.5, 6.0, 4.0, 8.5, 3.5],
            ],
            "weights": [0.20, 0.10, 0.15, 0.20, 0.10, 0.15, 0.10],
        },
        {
            "name": "constant_column_4x3",
            "note": "criterion 1 is constant: it cannot separate the candidates",
            "matrix": [[2.0, 7.0, 5.0], [8.0, 7.0, 1.0], [5.0, 7.0, 9.0], [4.0, 7.0, 4.0]],
            "weights": [0.5, 0.3, 0.2],
        },
        {
            "name": "reference_20x8",
            "note": "the SMAA benchmark problem with rank-order centroid weights",
            "matrix": reference,
            "weights": roc8,
        },
        {
            "name": "random_6x4",
            "note": "uniform scores and uniform simplex weights, numpy seed 2024",
            "matrix": np.round(rng.random((6, 4)) * 10.0, 3).tolist(),
            "weights": random_weights.tolist(),
        },
    ]


def full_matrix(n, upper):
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = upper[k]
            a[j, i] = 1.0 / upper[k]
            k += 1
    return a


def ahp_problems():
    rng = np.random.default_rng(7)
    consistent = [0.4, 0.3, 0.2, 0.1]
    return [
        ("pair_2", full_matrix(2, [4.0])),
        ("saaty_textbook_3", full_matrix(3, [3.0, 5.0, 3.0])),
        (
            "consistent_4",
            np.array([[wi / wj for wj in consistent] for wi in consistent]),
        ),
        (
            "criteria_7",
            # privacy, cost predictability, control, continuity, flexibility, ontzorgen, exit
            full_matrix(
                7,
                [2, 3, 1, 4, 3, 2,
                 2, 1 / 2, 3, 2, 1,
                 1 / 3, 2, 1, 1 / 2,
                 5, 4, 3,
                 1 / 2, 1 / 3,
                 1 / 2],
            ),
        ),
        ("random_5", full_matrix(5, [SCALE[i] for i in rng.integers(0, 17, size=10)])),
        ("random_8", full_matrix(8, [SCALE[i] for i in rng.integers(0, 17, size=28)])),
    ]


def ahpy_compare(a, random_index):
    n = a.shape[0]
    comparisons = {(f"c{i}", f"c{j}"): float(a[i, j]) for i in range(n) for j in range(i + 1, n)}
    c = ahpy.Compare("criteria", comparisons, precision=15, random_index=random_index)
    return [float(c.local_weights[f"c{i}"]) for i in range(n)], float(c.consistency_ratio)


def main():
    warnings.filterwarnings("ignore")
    OUT.mkdir(parents=True, exist_ok=True)
    wsm = WSM(normalization_function=lambda x, cost: x)
    topsis = TOPSIS(normalization_function=normalizations.vector_normalization)
    scoring = []
    for p in scoring_problems():
        matrix = np.array(p["matrix"], dtype=float)
        weights = np.array(p["weights"], dtype=float)
        types = np.ones(matrix.shape[1])
        p["weighted_sum"] = wsm(matrix, weights, types, validation=False).tolist()
        p["topsis_closeness"] = topsis(matrix, weights, types, validation=False).tolist()
        scoring.append(p)
    ahp = []
    for name, a in ahp_problems():
        ahpy_weights, cr_saaty = ahpy_compare(a, "saaty")
        _, cr_dd = ahpy_compare(a, "dd")
        try:
            pymcdm_ahp = AHP(matrix=a)
        except ValueError:
            # pymcdm accepts only values on Saaty's scale (consistent_4 has ratios like 4/3).
            pymcdm_ahp = None
        eigenvalues = np.linalg.eigvals(a)
        ahp.append(
            {
                "name": name,
                "matrix": a.tolist(),
                "ahpy_weights": ahpy_weights,
                "ahpy_cr_saaty_2005": cr_saaty,
                "ahpy_cr_donegan_dodd_1991": cr_dd,
                "pymcdm_weights": pymcdm_ahp().tolist() if pymcdm_ahp else None,
                "pymcdm_cr_tummala_ling_1998": (
                    float(pymcdm_ahp.get_cr()) if pymcdm_ahp else None
                ),
                "numpy_lambda_max": float(np.max(eigenvalues.real)),
                "numpy_geometric_mean_weights": (
                    np.exp(np.log(a).mean(axis=1)) / np.exp(np.log(a).mean(axis=1)).sum()
                ).tolist(),
            }
        )
    for filename, data in (("scoring.json", scoring), ("ahp.json", ahp)):
        path = OUT / filename
        path.write_text(json.dumps(data, indent=1) + "\n")
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)} ({len(data)} problems)")


if __name__ == "__main__":
    main()
