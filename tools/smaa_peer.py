#!/usr/bin/env python3
"""Peer timings for SMAA-2 on the reference problem of `benches/smaa.rs`.

Runs the same problem (20 candidates x 8 criteria, the same score formula, weights uniform on
the simplex by the same sorted-uniform method) with

* vectorised numpy (one matrix product, one argsort, bincounts), for 10^4, 10^5 and 10^6
  samples, best of three runs;
* a per-sample loop calling pymcdm's WSM (weighted sum, no normalisation) and rank helper, for
  10^4 and 10^5 samples (10^6 would take tens of minutes).

Only timings are compared: the random streams differ from the Rust implementation, so the
acceptabilities agree statistically, not exactly. Tie rule here: numpy's stable argsort puts the
lower index first (the reference problem has no ties, so this does not matter).

Usage: python3 tools/smaa_peer.py  (needs numpy and pymcdm: pip install numpy pymcdm)

       python3 tools/smaa_peer.py --time MATRIX SAMPLES REPEATS
         one JSON line: the best of REPEATS runs of the numpy version (after one warm-up run) on
         MATRIX, which is `reference` or a JSON file of rows (`smaa_time catalogue dump`); used
         by tools/bench_smaa.py, which sets the BLAS thread count in the environment.
"""

import json
import sys
import time

import numpy as np

CANDIDATES = 20
CRITERIA = 8
SEED = 1


def reference_matrix():
    """Same formula as `reference_matrix()` in benches/smaa.rs."""
    return np.array(
        [
            [((i * 37 + j * 11 + i * j * 5) % 101) / 10.0 for j in range(CRITERIA)]
            for i in range(CANDIDATES)
        ]
    )


def simplex_weights(rng, samples, n):
    """Sorted-uniform method: gaps between sorted uniforms are uniform on the simplex."""
    u = np.sort(rng.random((samples, n - 1)), axis=1)
    edges = np.concatenate([np.zeros((samples, 1)), u, np.ones((samples, 1))], axis=1)
    return np.diff(edges, axis=1)


def smaa_numpy(matrix, samples, seed):
    m, n = matrix.shape
    rng = np.random.default_rng(seed)
    w = simplex_weights(rng, samples, n)
    totals = w @ matrix.T
    order = np.argsort(-totals, axis=1, kind="stable")  # order[s, r] = candidate at rank r
    counts = np.bincount((order * m + np.arange(m)).ravel(), minlength=m * m)
    acceptability = counts.reshape(m, m) / samples
    first = order[:, 0]
    first_counts = np.bincount(first, minlength=m)
    central = np.stack(
        [np.bincount(first, weights=w[:, j], minlength=m) for j in range(n)], axis=1
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        central = central / first_counts[:, None]
    return acceptability, central


def smaa_pymcdm_loop(matrix, samples, seed):
    from pymcdm.helpers import rrankdata
    from pymcdm.methods import WSM

    m, n = matrix.shape
    wsm = WSM(normalization_function=lambda x, cost: x)
    types = np.ones(n)
    rng = np.random.default_rng(seed)
    w = simplex_weights(rng, samples, n)
    counts = np.zeros((m, m))
    central = np.zeros((m, n))
    for s in range(samples):
        prefs = wsm(matrix, w[s], types, validation=False)
        ranks = rrankdata(prefs).astype(int) - 1  # 0-based; ties get averaged ranks
        counts[np.arange(m), ranks] += 1
        central[np.argmax(prefs)] += w[s]
    return counts / samples, central


def best_of(runs, fn, *args):
    """Best wall-clock time and the process CPU time of that run (all threads, e.g. BLAS).

    CPU time is the fairer comparison on a machine shared with other work."""
    best = (float("inf"), float("inf"))
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(*args)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best = min(best, (wall, cpu))
    return best, result


def main():
    matrix = reference_matrix()
    print(f"numpy {np.__version__}")
    for samples in (10_000, 100_000, 1_000_000):
        (seconds, cpu), (acceptability, _) = best_of(3, smaa_numpy, matrix, samples, SEED)
        leader = int(np.argmax(acceptability[:, 0]))
        print(
            f"numpy   samples={samples:>9}  seconds={seconds:.4f}  cpu={cpu:.4f}  "
            f"leader={leader} b1={acceptability[leader, 0]:.4f}"
        )
    smaa_pymcdm_loop(matrix, 100, SEED)  # warm-up: pymcdm's first call pays for lazy imports
    for samples in (10_000, 100_000):
        (seconds, cpu), (acceptability, _) = best_of(1, smaa_pymcdm_loop, matrix, samples, SEED)
        leader = int(np.argmax(acceptability[:, 0]))
        print(
            f"pymcdm  samples={samples:>9}  seconds={seconds:.4f}  cpu={cpu:.4f}  "
            f"leader={leader} b1={acceptability[leader, 0]:.4f}"
        )


def time_one(matrix_arg, samples, repeats):
    """The `--time` mode: one timing line for tools/bench_smaa.py."""
    if matrix_arg == "reference":
        matrix = reference_matrix()
    else:
        with open(matrix_arg, encoding="utf-8") as f:
            matrix = np.array(json.load(f), dtype=float)
    smaa_numpy(matrix, samples, SEED)  # warm-up, as on the Rust side
    (seconds, _), (acceptability, _) = best_of(repeats, smaa_numpy, matrix, samples, SEED)
    leader = int(np.argmax(acceptability[:, 0]))
    m, n = matrix.shape
    print(
        json.dumps(
            {
                "side": "numpy",
                "numpy": np.__version__,
                "candidates": m,
                "criteria": n,
                "samples": samples,
                "seconds": round(seconds, 6),
                "leader": leader,
                "b1": round(float(acceptability[leader, 0]), 4),
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--time":
        time_one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
