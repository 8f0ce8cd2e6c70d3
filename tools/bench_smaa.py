#!/usr/bin/env python3
"""SMAA-2: this project against the vectorised numpy peer, interleaved, with the ratio table.

For 10^4, 10^5 and 10^6 samples, on the reference problem (20 candidates x 8 criteria) and on
the real catalogue size (the matrix `sensitivity` samples for the built-in demo profile), with
1 and 2 threads on each side, it runs `examples/smaa_time.rs` (the Rust kernel, an explicit
thread count) and `tools/smaa_peer.py --time` (numpy, its BLAS pinned to the same thread count
through OPENBLAS_NUM_THREADS, OMP_NUM_THREADS and MKL_NUM_THREADS) one after the other, in
alternating order, for several rounds, so that load from other work hits both sides alike.
Every process does one warm-up run and reports the best of its repeats; the table keeps the best
over the rounds. Both sides use the same matrix; their random streams differ, so the leader and
its first-rank acceptability must agree statistically (the table shows both).

It prints the date, the machine (nproc, CPU model), the 1-minute load average seen during each
cell, one table per thread setting, and the ratio with each side at its own best thread setting
(so no ratio is won by oversubscribing the peer).

Usage: python3 tools/bench_smaa.py [--rounds N]     (needs numpy: pip install numpy)

OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peer's environment: a current
numpy's bundled OpenBLAS picks its own kernels.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUST = os.path.join(ROOT, "target", "release", "examples", "smaa_time")
PEER = os.path.join(ROOT, "tools", "smaa_peer.py")
SAMPLES = (10_000, 100_000, 1_000_000)
THREADS = (1, 2)
MATRICES = ("reference", "catalogue")


def repeats(samples):
    """Runs per process, after its warm-up: enough for a stable best at each size."""
    return {10_000: 20, 100_000: 7, 1_000_000: 3}[samples]


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def flags():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    return " ".join(x for x in ("avx2", "fma", "avx512f") if x in have)
    except OSError:
        pass
    return ""


def run(command, env):
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def rust(matrix, samples, threads):
    env = dict(os.environ)
    return run([RUST, matrix, str(samples), str(threads), str(repeats(samples))], env)


def peer(matrix_arg, samples, threads):
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return run(
        [sys.executable, PEER, "--time", matrix_arg, str(samples), str(repeats(samples))], env
    )


def ms(seconds):
    return f"{seconds * 1000:.3g}" if seconds < 0.1 else f"{seconds * 1000:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per cell")
    args = parser.parse_args()

    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "smaa_time"], cwd=ROOT, check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        catalogue_json = os.path.join(tmp, "catalogue.json")
        with open(catalogue_json, "w", encoding="utf-8") as f:
            f.write(subprocess.run([RUST, "catalogue", "dump"], check=True, capture_output=True,
                                   text=True).stdout)
        peer_matrix = {"reference": "reference", "catalogue": catalogue_json}

        started = datetime.datetime.now(datetime.timezone.utc)
        print(f"date: {started:%Y-%m-%d %H:%M} UTC")
        print(f"machine: nproc {os.cpu_count()}, {cpu_model()} ({flags()}), {platform.system()}")
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        best = {}
        numpy_version = ""
        sizes = {}
        for samples in SAMPLES:
            for matrix in MATRICES:
                for threads in THREADS:
                    ours, theirs, loads = [], [], []
                    for r in range(args.rounds):
                        loads.append(os.getloadavg()[0])
                        order = (0, 1) if r % 2 == 0 else (1, 0)
                        for side in order:
                            if side == 0:
                                ours.append(rust(matrix, samples, threads))
                            else:
                                theirs.append(peer(peer_matrix[matrix], samples, threads))
                        loads.append(os.getloadavg()[0])
                    a = min(ours, key=lambda x: x["seconds"])
                    b = min(theirs, key=lambda x: x["seconds"])
                    numpy_version = b["numpy"]
                    sizes[matrix] = f"{a['candidates']}x{a['criteria']}"
                    best[(samples, matrix, threads)] = (a, b, min(loads), max(loads))
                    print(
                        f"  {samples:>9} {sizes[matrix]:>5} {threads}t: "
                        f"wolkwijzer {ms(a['seconds'])} ms, numpy {ms(b['seconds'])} ms, "
                        f"{b['seconds'] / a['seconds']:.1f}x, load {min(loads):.2f}-{max(loads):.2f}",
                        file=sys.stderr,
                    )
        print(f"numpy {numpy_version}; best of {args.rounds} interleaved rounds per cell")
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print()
        print("| samples | matrix | threads (both) | wolkwijzer | numpy | ratio | leader, b1 "
              "(ours / numpy) | 1-min load |")
        print("|---:|:--|---:|---:|---:|---:|:--|:--|")
        for samples in SAMPLES:
            for matrix in MATRICES:
                for threads in THREADS:
                    a, b, lo, hi = best[(samples, matrix, threads)]
                    print(
                        f"| 10^{len(str(samples)) - 1} | {sizes[matrix]} | {threads} | "
                        f"{ms(a['seconds'])} ms | {ms(b['seconds'])} ms | "
                        f"{b['seconds'] / a['seconds']:.1f}x | "
                        f"{a['leader']}, {a['b1']:.3f} / {b['leader']}, {b['b1']:.3f} | "
                        f"{lo:.2f}-{hi:.2f} |"
                    )
        print()
        print("Each side at its own best thread setting:")
        print()
        print("| samples | matrix | wolkwijzer (threads) | numpy (threads) | ratio |")
        print("|---:|:--|---:|---:|---:|")
        for samples in SAMPLES:
            for matrix in MATRICES:
                ours = min((best[(samples, matrix, t)][0]["seconds"], t) for t in THREADS)
                theirs = min((best[(samples, matrix, t)][1]["seconds"], t) for t in THREADS)
                print(
                    f"| 10^{len(str(samples)) - 1} | {sizes[matrix]} | "
                    f"{ms(ours[0])} ms ({ours[1]}) | {ms(theirs[0])} ms ({theirs[1]}) | "
                    f"{theirs[0] / ours[0]:.1f}x |"
                )


if __name__ == "__main__":
    main()
