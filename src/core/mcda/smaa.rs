//! SMAA-2: stochastic multicriteria acceptability analysis of the weighted sum.
//!
//! This file owns weight sampling (uniform on the simplex, or uniform within per-criterion
//! ranges), the rank acceptability indices `b_i^r`, first-rank acceptability, central weight
//! vectors and the holistic acceptability index (Lahdelma & Salminen, *SMAA-2*, Operations
//! Research 49(3), 2001). Scores are taken as exact; only the weights are uncertain.
//!
//! # Conventions
//! - **Uniform on the simplex**: the *sorted-uniform* (spacings) method: draw `n − 1` uniforms
//!   in `[0, 1)`, sort them, and take the `n` gaps between `0`, the sorted values and `1`. The
//!   gaps are exactly uniformly distributed on `{w ≥ 0, Σ w = 1}` (Dirichlet(1, …, 1)); it needs
//!   no logarithms, which makes it faster than normalised exponentials for small `n`.
//! - **Within ranges** `[lo_j, hi_j]` (on normalised weights): draw `u` uniform on the simplex and
//!   set `w = lo + (1 − Σ lo) · u`, which is uniform on `{w ≥ lo, Σ w = 1}`; reject the draw when
//!   some `w_j > hi_j`. The accepted draws are uniform on the polytope of weights within all
//!   ranges. At most [`MAX_DRAWS_PER_SAMPLE`] draws per requested sample are tried, after which
//!   [`McdaError::RangesTooNarrow`] is returned.
//! - **Ties in rank**: candidates whose totals are *exactly* equal in a sample share the ranks
//!   they span equally: with `g` candidates strictly better and `e` tied (including itself), each
//!   tied candidate receives `1/e` of a count on each rank `g + 1 … g + e`, and `1/e` of that
//!   sample's weight vector towards its central weights if `g = 0`. Both sums (over ranks per
//!   candidate, over candidates per rank) therefore stay exactly 1. With continuous weights,
//!   exact ties only occur between candidates with identical scores.
//! - **Reproducibility**: the generator is Xoshiro256++ (crate `rand_xoshiro`), seeded with
//!   SplitMix64 from the user's seed. Samples are processed in fixed chunks of [`CHUNK_SAMPLES`];
//!   chunk `c` uses the seeded generator advanced by `c` calls of `jump()` (2^128 steps each, so
//!   streams never overlap). Chunk results are merged in chunk order, so the result is
//!   bit-identical for any number of threads.
//! - **Performance**: no allocation per sample (scratch buffers per chunk). Samples are
//!   processed eight at a time in structure-of-arrays batches (one `f64` per sample in each
//!   lane): the draws of a batch are sorted by an odd–even transposition network applied to all
//!   lanes at once, totals are summed criterion by criterion per lane, and ranks come from
//!   counting strictly better candidates with all m² comparisons per lane (an exact no-tie
//!   check: the counts sum to m (m − 1) / 2 only without ties). Draws, sorted values, sums and
//!   tallies are the same operations in the same order as one sample at a time, so the results
//!   are bit-identical to that plain loop (a test keeps it as the reference). On x86-64 with
//!   AVX2 the loop is compiled a second time with AVX2 enabled and the comparisons written in
//!   AVX2 instructions, chosen at run time — no fused multiply-add, so the results are
//!   bit-identical either way. The AVX2 comparisons run first on the totals rounded to `f32`
//!   (eight lanes per register) and keep those counts only when no two rounded totals of a
//!   lane are equal, where the rounded order is provably the `f64` order; otherwise the batch
//!   is compared again in `f64`.
//! - **Holistic acceptability** `a_i^h = Σ_r α_r b_i^r` with linear meta-weights
//!   `α_r = (m − r) / (m − 1)` (`α_1 = 1`, `α_m = 0`; `α_1 = 1` when `m = 1`).

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use super::{Matrix, McdaError};

/// Samples drawn unless the user asks for another number.
pub const DEFAULT_SAMPLES: usize = 10_000;
/// Seed used unless the user gives one.
pub const DEFAULT_SEED: u64 = 20_240_601;
/// Samples per chunk: the unit of work per thread and per generator stream.
pub const CHUNK_SAMPLES: usize = 2_048;
/// Rejection-sampling budget: draws tried per requested sample before giving up.
pub const MAX_DRAWS_PER_SAMPLE: u64 = 1_000;

/// The allowed range of one criterion's (normalised) weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeightRange {
    /// Lowest plausible weight, in `[0, 1]`.
    pub lo: f64,
    /// Highest plausible weight, in `[lo, 1]`.
    pub hi: f64,
}

/// Where the plausible weights lie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "space", content = "ranges", rename_all = "snake_case")]
pub enum WeightSpace {
    /// Anywhere: uniform on the whole simplex (no preference information at all).
    #[default]
    Simplex,
    /// Within the ranges the participants gave, one per criterion.
    Ranges(Vec<WeightRange>),
}

/// Settings of one SMAA run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmaaConfig {
    /// Number of accepted weight samples.
    pub samples: usize,
    /// Seed of the generator; the same seed gives the same result.
    pub seed: u64,
    /// The weight space to sample.
    pub weights: WeightSpace,
    /// Worker threads; `None` = the machine's available parallelism. Does not change results.
    pub threads: Option<NonZeroUsize>,
}

impl Default for SmaaConfig {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            weights: WeightSpace::Simplex,
            threads: None,
        }
    }
}

/// The outcome of an SMAA run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmaaResult {
    /// Accepted samples.
    pub samples: usize,
    /// Draws tried, including those rejected by weight ranges.
    pub draws: u64,
    /// The seed used.
    pub seed: u64,
    /// `rank_acceptability[i][r]` = share of samples in which candidate `i` takes rank `r + 1`.
    pub rank_acceptability: Vec<Vec<f64>>,
    /// `rank_acceptability[i][0]`: "candidate i leads in this share of plausible weightings".
    pub first_rank_acceptability: Vec<f64>,
    /// Mean weight vector of the samples in which each candidate is first; `None` for a
    /// candidate that never is.
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// Holistic acceptability index with linear meta-weights.
    pub holistic_acceptability: Vec<f64>,
}

impl SmaaResult {
    /// Candidates with their first-rank acceptability, most often first at the top (ties:
    /// lowest index first): the data behind "candidate X leads in 72% of plausible
    /// weightings".
    pub fn leaders(&self) -> Vec<(usize, f64)> {
        let mut leaders: Vec<(usize, f64)> = self
            .first_rank_acceptability
            .iter()
            .copied()
            .enumerate()
            .collect();
        leaders.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        leaders
    }
}

/// Checks a weight space against the number of criteria.
fn validate_space(space: &WeightSpace, criteria: usize) -> Result<(), McdaError> {
    let WeightSpace::Ranges(ranges) = space else {
        return Ok(());
    };
    if ranges.len() != criteria {
        return Err(McdaError::LengthMismatch {
            what: "criterion (weight range)",
            expected: criteria,
            found: ranges.len(),
        });
    }
    for (j, r) in ranges.iter().enumerate() {
        if !(r.lo.is_finite() && r.hi.is_finite() && 0.0 <= r.lo && r.lo <= r.hi && r.hi <= 1.0) {
            return Err(McdaError::InvalidRanges(format!(
                "criterion {j}: [{}, {}] is not a range within [0, 1]",
                r.lo, r.hi
            )));
        }
    }
    let sum_lo: f64 = ranges.iter().map(|r| r.lo).sum();
    let sum_hi: f64 = ranges.iter().map(|r| r.hi).sum();
    if sum_lo > 1.0 + 1e-12 || sum_hi < 1.0 - 1e-12 {
        return Err(McdaError::InvalidRanges(format!(
            "no weights within these ranges sum to 1 (the lower ends sum to {sum_lo}, the upper \
             ends to {sum_hi})"
        )));
    }
    Ok(())
}

/// Per-chunk accumulators; merged in chunk order.
#[derive(Debug, PartialEq)]
struct Tally {
    /// Untied rank counts, `[i * m + r]`.
    counts: Vec<u64>,
    /// Shared rank credit from ties, `[i * m + r]`.
    shared: Vec<f64>,
    /// Sum of the weight vectors of samples where `i` is first, `[i * n + j]`.
    central: Vec<f64>,
    draws: u64,
}

impl Tally {
    fn new(m: usize, n: usize) -> Self {
        Self {
            counts: vec![0; m * m],
            shared: vec![0.0; m * m],
            central: vec![0.0; m * n],
            draws: 0,
        }
    }

    fn add(&mut self, other: &Tally) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.shared.iter_mut().zip(&other.shared) {
            *a += b;
        }
        for (a, b) in self.central.iter_mut().zip(&other.central) {
            *a += b;
        }
        self.draws += other.draws;
    }
}

/// Uniform `f64` in `[0, 1)` from the top 53 bits.
#[inline(always)]
fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Samples processed side by side: one value per lane, structure of arrays, so every step
/// below is a loop over lanes that the compiler turns into SIMD instructions (two AVX2
/// registers of four `f64`).
const LANES: usize = 8;

/// One value per lane.
type Lanes = [f64; LANES];

/// Lane-wise minimum (the draws are never NaN, so `f64::min` is a plain minimum).
#[inline(always)]
fn min_lanes(x: &Lanes, y: &Lanes) -> Lanes {
    std::array::from_fn(|l| x[l].min(y[l]))
}

/// Lane-wise maximum.
#[inline(always)]
fn max_lanes(x: &Lanes, y: &Lanes) -> Lanes {
    std::array::from_fn(|l| x[l].max(y[l]))
}

/// The odd–even transposition network on `K` values per lane, unrolled.
#[inline(always)]
fn sort_network<const K: usize>(draws: &mut [Lanes]) {
    let d: &mut [Lanes; K] = draws.try_into().expect("K values per lane");
    let mut v = *d;
    for round in 0..K {
        let mut a = round % 2;
        while a + 1 < K {
            let (small, large) = (min_lanes(&v[a], &v[a + 1]), max_lanes(&v[a], &v[a + 1]));
            v[a] = small;
            v[a + 1] = large;
            a += 2;
        }
    }
    *d = v;
}

/// The odd–even transposition network for any number of values per lane: `k` rounds of
/// compare–exchange on alternating pairs sort `k` values.
fn odd_even_transposition(draws: &mut [Lanes]) {
    let k = draws.len();
    for round in 0..k {
        let mut a = round % 2;
        while a + 1 < k {
            let (small, large) = (
                min_lanes(&draws[a], &draws[a + 1]),
                max_lanes(&draws[a], &draws[a + 1]),
            );
            draws[a] = small;
            draws[a + 1] = large;
            a += 2;
        }
    }
}

/// Fills `w` (one [`Lanes`] per criterion) with [`LANES`] uniform points of the simplex, lane
/// `l` being the `l`-th sample drawn from `rng`; `draws` (length n − 1) is scratch.
///
/// Each lane's `n − 1` uniforms are drawn in turn, exactly as one sample at a time would, and
/// sorted by an odd–even transposition network (`n − 1` rounds of compare–exchange, branch-free
/// and applied to all lanes at once). A sorting network returns the same sorted values as any
/// other sort, so the gaps, and hence the weights, are bit-identical to sorting each sample on
/// its own.
#[inline(always)]
fn sample_simplex_lanes(rng: &mut Xoshiro256PlusPlus, draws: &mut [Lanes], w: &mut [Lanes]) {
    let k = draws.len();
    for l in 0..LANES {
        for d in draws.iter_mut() {
            d[l] = uniform(rng);
        }
    }
    // The criteria counts met in practice get a network unrolled at compile time (all values in
    // registers); any other count the same network in a loop.
    match k {
        0 | 1 => {}
        2 => sort_network::<2>(draws),
        3 => sort_network::<3>(draws),
        4 => sort_network::<4>(draws),
        5 => sort_network::<5>(draws),
        6 => sort_network::<6>(draws),
        7 => sort_network::<7>(draws),
        8 => sort_network::<8>(draws),
        9 => sort_network::<9>(draws),
        10 => sort_network::<10>(draws),
        11 => sort_network::<11>(draws),
        _ => odd_even_transposition(draws),
    }
    let mut prev = [0.0; LANES];
    for (wj, x) in w.iter_mut().zip(draws.iter()) {
        for l in 0..LANES {
            wj[l] = x[l] - prev[l];
        }
        prev = *x;
    }
    let last = w.len() - 1;
    for l in 0..LANES {
        w[last][l] = 1.0 - prev[l];
    }
}

/// Runs one chunk of `count` accepted samples, with AVX2 code generation where the processor
/// has it. Both paths perform the same IEEE operations in the same order (no fused
/// multiply-add), so results are bit-identical on every x86-64 machine.
fn run_chunk(
    matrix: &Matrix,
    space: &WeightSpace,
    rng: Xoshiro256PlusPlus,
    count: usize,
) -> Result<Tally, McdaError> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor supports AVX2, checked just above.
        return unsafe { run_chunk_avx2(matrix, space, rng, count) };
    }
    run_chunk_portable(matrix, space, rng, count)
}

/// [`run_chunk_portable`] without AVX2.
fn run_chunk_portable(
    matrix: &Matrix,
    space: &WeightSpace,
    rng: Xoshiro256PlusPlus,
    count: usize,
) -> Result<Tally, McdaError> {
    run_chunk_with::<false>(matrix, space, rng, count)
}

/// The sampling loop compiled with AVX2 enabled (wider sums and sorting network) and the
/// comparisons written with AVX2 instructions ([`count_better_avx2`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn run_chunk_avx2(
    matrix: &Matrix,
    space: &WeightSpace,
    rng: Xoshiro256PlusPlus,
    count: usize,
) -> Result<Tally, McdaError> {
    run_chunk_with::<true>(matrix, space, rng, count)
}

/// The sampling loop proper: draws [`LANES`] weight vectors at a time, keeps the accepted ones
/// (in draw order) in a batch, and evaluates and tallies each full batch.
#[inline(always)]
fn run_chunk_with<const AVX2: bool>(
    matrix: &Matrix,
    space: &WeightSpace,
    mut rng: Xoshiro256PlusPlus,
    count: usize,
) -> Result<Tally, McdaError> {
    let (m, n) = (matrix.candidates(), matrix.criteria());
    let columns: Vec<f64> = (0..n)
        .flat_map(|j| (0..m).map(move |i| (i, j)))
        .map(|(i, j)| matrix.score(i, j))
        .collect();
    let mut batch = Batch::new(m, n);
    let mut tally = Tally::new(m, n);
    let mut draws = vec![[0.0; LANES]; n - 1];
    let mut drawn = vec![[0.0; LANES]; n];
    let (lo, hi, free): (Vec<f64>, Vec<f64>, f64) = match space {
        WeightSpace::Simplex => (Vec::new(), Vec::new(), 1.0),
        WeightSpace::Ranges(r) => (
            r.iter().map(|x| x.lo).collect(),
            r.iter().map(|x| x.hi).collect(),
            (1.0 - r.iter().map(|x| x.lo).sum::<f64>()).max(0.0),
        ),
    };
    let budget = count as u64 * MAX_DRAWS_PER_SAMPLE;
    let mut accepted = 0;
    while accepted < count {
        sample_simplex_lanes(&mut rng, &mut draws, &mut drawn);
        let mut inside = [true; LANES];
        if !lo.is_empty() {
            for (j, wj) in drawn.iter_mut().enumerate() {
                for l in 0..LANES {
                    wj[l] = lo[j] + free * wj[l];
                    inside[l] &= wj[l] <= hi[j];
                }
            }
        }
        if batch.filled == 0 && count - accepted >= LANES && inside.iter().all(|&ok| ok) {
            // The common case (always, on the whole simplex): the draws are the batch.
            std::mem::swap(&mut batch.w, &mut drawn);
            tally.draws += LANES as u64;
            accepted += LANES;
            batch.filled = LANES;
            batch.evaluate::<AVX2>(&columns, &mut tally);
            continue;
        }
        // The lanes in draw order, as the one-at-a-time loop would meet them: stop at the
        // `count`-th accepted sample, so `draws` counts exactly the draws that loop would make.
        for (l, &ok) in inside.iter().enumerate() {
            if accepted == count {
                break;
            }
            tally.draws += 1;
            if !ok {
                if tally.draws >= budget {
                    return Err(McdaError::RangesTooNarrow {
                        accepted: accepted as u64,
                        attempts: tally.draws,
                    });
                }
                continue;
            }
            accepted += 1;
            let slot = batch.filled;
            for (dst, src) in batch.w.iter_mut().zip(&drawn) {
                dst[slot] = src[l];
            }
            batch.filled += 1;
            if batch.filled == LANES {
                batch.evaluate::<AVX2>(&columns, &mut tally);
            }
        }
    }
    if batch.filled > 0 {
        batch.evaluate::<AVX2>(&columns, &mut tally);
    }
    batch.flush(&mut tally);
    Ok(tally)
}

/// For every candidate `i` and lane, the number of candidates with a strictly higher total,
/// into `better`; returns the sum over candidates per lane.
#[inline(always)]
fn count_better(totals: &[Lanes], better: &mut [[u64; LANES]]) -> [u64; LANES] {
    let mut pairs = [0u64; LANES];
    for (b, ti) in better.iter_mut().zip(totals) {
        let mut count = [0u64; LANES];
        for tj in totals {
            count = std::array::from_fn(|l| count[l] + u64::from(tj[l] > ti[l]));
        }
        pairs = std::array::from_fn(|l| pairs[l] + count[l]);
        *b = count;
    }
    pairs
}

/// [`count_better`] in AVX2 instructions, with the same result.
///
/// First pass in `f32`, eight lanes per register: rounding to `f32` is monotone, so
/// `f32(a) > f32(b)` implies `a > b`; when a lane's `f32` counts sum to m (m − 1) / 2 there is
/// no tie among its rounded totals, the rounded order is strict and therefore the `f64` order,
/// and the counts are exactly the `f64` counts. Only when some lane has a tie after rounding
/// (an exact tie, or totals within about 1e-7 of each other) is the batch counted again in
/// `f64`, four lanes per register: the same comparisons (`>`, false for NaN), each giving an
/// all-ones mask that is subtracted from the count, i.e. adds one.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn count_better_avx2(
    totals: &[Lanes],
    better: &mut [[u64; LANES]],
    rounded: &mut [[f32; LANES]],
    counts: &mut [[u32; LANES]],
) -> [u64; LANES] {
    use std::arch::x86_64::{
        __m256, __m256d, __m256i, _CMP_GT_OQ, _mm256_add_epi32, _mm256_add_epi64,
        _mm256_castpd_si256, _mm256_castps_si256, _mm256_cmp_pd, _mm256_cmp_ps, _mm256_cvtpd_ps,
        _mm256_loadu_pd, _mm256_loadu_ps, _mm256_set_m128, _mm256_setzero_si256, _mm256_storeu_ps,
        _mm256_storeu_si256, _mm256_sub_epi32, _mm256_sub_epi64,
    };
    const _: () = assert!(LANES == 8, "eight f32 or two registers of four f64");
    let m = totals.len();
    let all_pairs = (m * (m - 1) / 2) as u64;
    // SAFETY (both loads): each `Lanes` holds 8 contiguous f64, read as two unaligned halves.
    let halves = |x: &Lanes| -> (__m256d, __m256d) {
        unsafe {
            (
                _mm256_loadu_pd(x.as_ptr()),
                _mm256_loadu_pd(x.as_ptr().add(4)),
            )
        }
    };
    // Totals rounded to f32, eight lanes per register.
    {
        for (r, t) in rounded.iter_mut().zip(totals) {
            let (t0, t1) = halves(t);
            let v: __m256 = _mm256_set_m128(_mm256_cvtpd_ps(t1), _mm256_cvtpd_ps(t0));
            // SAFETY: `r` holds 8 contiguous f32.
            unsafe { _mm256_storeu_ps(r.as_mut_ptr(), v) };
        }
        let rounded = &*rounded;
        let mut pairs32: __m256i = _mm256_setzero_si256();
        for (c, ri) in counts.iter_mut().zip(rounded) {
            // SAFETY: 8 contiguous f32.
            let a = unsafe { _mm256_loadu_ps(ri.as_ptr()) };
            let mut acc = _mm256_setzero_si256();
            for rj in rounded {
                // SAFETY: 8 contiguous f32.
                let t = unsafe { _mm256_loadu_ps(rj.as_ptr()) };
                acc = _mm256_sub_epi32(acc, _mm256_castps_si256(_mm256_cmp_ps::<_CMP_GT_OQ>(t, a)));
            }
            // SAFETY: `c` holds 8 contiguous u32.
            unsafe { _mm256_storeu_si256(c.as_mut_ptr().cast(), acc) };
            pairs32 = _mm256_add_epi32(pairs32, acc);
        }
        let mut pairs = [0u32; LANES];
        // SAFETY: `pairs` holds 8 contiguous u32.
        unsafe { _mm256_storeu_si256(pairs.as_mut_ptr().cast(), pairs32) };
        if pairs.iter().all(|&p| u64::from(p) == all_pairs) {
            for (b, c) in better.iter_mut().zip(counts.iter()) {
                *b = c.map(u64::from);
            }
            return [all_pairs; LANES];
        }
    }
    let mut pairs: (__m256i, __m256i) = (_mm256_setzero_si256(), _mm256_setzero_si256());
    for (b, ti) in better.iter_mut().zip(totals) {
        let (a0, a1) = halves(ti);
        let (mut c0, mut c1) = (_mm256_setzero_si256(), _mm256_setzero_si256());
        for tj in totals {
            let (t0, t1) = halves(tj);
            c0 = _mm256_sub_epi64(c0, _mm256_castpd_si256(_mm256_cmp_pd::<_CMP_GT_OQ>(t0, a0)));
            c1 = _mm256_sub_epi64(c1, _mm256_castpd_si256(_mm256_cmp_pd::<_CMP_GT_OQ>(t1, a1)));
        }
        // SAFETY: `b` holds 8 contiguous u64, written as two unaligned halves.
        unsafe {
            _mm256_storeu_si256(b.as_mut_ptr().cast(), c0);
            _mm256_storeu_si256(b.as_mut_ptr().add(4).cast(), c1);
        }
        pairs = (_mm256_add_epi64(pairs.0, c0), _mm256_add_epi64(pairs.1, c1));
    }
    let mut out = [0u64; LANES];
    // SAFETY: `out` holds 8 contiguous u64.
    unsafe {
        _mm256_storeu_si256(out.as_mut_ptr().cast(), pairs.0);
        _mm256_storeu_si256(out.as_mut_ptr().add(4).cast(), pairs.1);
    }
    out
}

/// Up to [`LANES`] accepted weight vectors and the scratch to evaluate them.
struct Batch {
    /// Weights, `w[j][l]`.
    w: Vec<Lanes>,
    /// Weighted totals, `totals[i][l]`.
    totals: Vec<Lanes>,
    /// Candidates strictly better than `i`, `better[i][l]`.
    better: Vec<[u64; LANES]>,
    /// Lanes holding a sample (the rest are left-overs of the previous batch).
    filled: usize,
    /// Untied rank counts per lane, `[(l * m + i) * m + r]`: one table per lane, so that
    /// consecutive samples, which often give a candidate the same rank, do not wait on each
    /// other's increment. Added to the tally by [`Batch::flush`]; `u32` is ample for a chunk.
    counts: Vec<u32>,
    /// Scratch of the AVX2 comparisons: totals rounded to `f32`, and their counts (read only
    /// where AVX2 exists, i.e. on x86-64).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    rounded: Vec<[f32; LANES]>,
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    counts32: Vec<[u32; LANES]>,
}

impl Batch {
    fn new(m: usize, n: usize) -> Self {
        Self {
            w: vec![[0.0; LANES]; n],
            totals: vec![[0.0; LANES]; m],
            better: vec![[0; LANES]; m],
            filled: 0,
            counts: vec![0; LANES * m * m],
            rounded: vec![[0.0; LANES]; m],
            counts32: vec![[0; LANES]; m],
        }
    }

    /// Moves the per-lane rank counts into `tally`.
    fn flush(&mut self, tally: &mut Tally) {
        for lane in self.counts.chunks_exact_mut(tally.counts.len()) {
            for (total, c) in tally.counts.iter_mut().zip(lane.iter_mut()) {
                *total += u64::from(*c);
                *c = 0;
            }
        }
    }

    /// Totals, ranks and tallies of the filled lanes, in lane (= draw) order; empties the batch.
    #[inline(always)]
    fn evaluate<const AVX2: bool>(&mut self, columns: &[f64], tally: &mut Tally) {
        let (m, n) = (self.totals.len(), self.w.len());
        // Column by column, as t = 0; t += w_j · s_ij for j = 1 … n in every lane: the same
        // operations in the same order as one sample at a time.
        for (i, t) in self.totals.iter_mut().enumerate() {
            let mut sum = [0.0; LANES];
            for (wj, column) in self.w.iter().zip(columns.chunks_exact(m)) {
                let s = column[i];
                sum = std::array::from_fn(|l| sum[l] + wj[l] * s);
            }
            *t = sum;
        }
        // Strictly better candidates, all m² comparisons per lane (branch-free, in registers).
        // Without ties the counts are a permutation of 0..m and sum to m (m − 1) / 2; every
        // tied pair lowers the sum by one.
        #[cfg(target_arch = "x86_64")]
        let pairs = if AVX2 {
            // SAFETY: `AVX2` is only true on the path chosen after detecting AVX2.
            unsafe {
                count_better_avx2(
                    &self.totals,
                    &mut self.better,
                    &mut self.rounded,
                    &mut self.counts32,
                )
            }
        } else {
            count_better(&self.totals, &mut self.better)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let pairs = count_better(&self.totals, &mut self.better);
        let all_pairs = (m * (m - 1) / 2) as u64;
        for (l, &lane_pairs) in pairs.iter().enumerate().take(self.filled) {
            if lane_pairs == all_pairs {
                let mut leader = 0;
                let counts = &mut self.counts[l * m * m..(l + 1) * m * m];
                for (i, b) in self.better.iter().enumerate() {
                    let b = b[l] as usize;
                    counts[i * m + b] += 1;
                    leader = if b == 0 { i } else { leader };
                }
                for (c, wj) in tally.central[leader * n..(leader + 1) * n]
                    .iter_mut()
                    .zip(&self.w)
                {
                    *c += wj[l];
                }
            } else {
                let totals: Vec<f64> = self.totals.iter().map(|t| t[l]).collect();
                let better: Vec<u64> = self.better.iter().map(|b| b[l]).collect();
                let w: Vec<f64> = self.w.iter().map(|wj| wj[l]).collect();
                tally_with_ties(tally, &totals, &better, &w);
            }
        }
        self.filled = 0;
    }
}

/// Slow path for a sample with exact ties: tied candidates share the ranks they span.
fn tally_with_ties(tally: &mut Tally, totals: &[f64], better: &[u64], w: &[f64]) {
    let (m, n) = (totals.len(), w.len());
    for (i, &ti) in totals.iter().enumerate() {
        let better = better[i] as usize;
        let equal = totals.iter().filter(|&&t| t == ti).count();
        let share = 1.0 / equal as f64;
        for r in better..better + equal {
            tally.shared[i * m + r] += share;
        }
        if better == 0 {
            for (c, x) in tally.central[i * n..(i + 1) * n].iter_mut().zip(w) {
                *c += share * x;
            }
        }
    }
}

/// Runs SMAA-2 on the weighted sum of `matrix` (see the module conventions).
///
/// # Errors
/// [`McdaError::NoSamples`], invalid ranges ([`McdaError::LengthMismatch`],
/// [`McdaError::InvalidRanges`]) or [`McdaError::RangesTooNarrow`].
pub fn smaa(matrix: &Matrix, config: &SmaaConfig) -> Result<SmaaResult, McdaError> {
    if config.samples == 0 {
        return Err(McdaError::NoSamples);
    }
    let (m, n) = (matrix.candidates(), matrix.criteria());
    validate_space(&config.weights, n)?;
    let chunks = config.samples.div_ceil(CHUNK_SAMPLES);
    let mut streams = Vec::with_capacity(chunks);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(config.seed);
    for _ in 0..chunks {
        streams.push(rng.clone());
        rng.jump();
    }
    let chunk_len = |c: usize| CHUNK_SAMPLES.min(config.samples - c * CHUNK_SAMPLES);
    let threads = config
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .min(chunks);
    let mut tallies: Vec<(usize, Result<Tally, McdaError>)> = if threads <= 1 {
        streams
            .into_iter()
            .enumerate()
            .map(|(c, s)| (c, run_chunk(matrix, &config.weights, s, chunk_len(c))))
            .collect()
    } else {
        let next = AtomicUsize::new(0);
        let streams = &streams;
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let c = next.fetch_add(1, Ordering::Relaxed);
                            if c >= chunks {
                                break done;
                            }
                            let tally = run_chunk(
                                matrix,
                                &config.weights,
                                streams[c].clone(),
                                chunk_len(c),
                            );
                            done.push((c, tally));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|h| h.join().expect("SMAA worker panicked"))
                .collect()
        })
    };
    tallies.sort_by_key(|(c, _)| *c);
    let mut total = Tally::new(m, n);
    for (_, tally) in tallies {
        total.add(&tally?);
    }
    Ok(summarise(&total, config, m, n))
}

fn summarise(total: &Tally, config: &SmaaConfig, m: usize, n: usize) -> SmaaResult {
    let samples = config.samples as f64;
    let credit = |i: usize, r: usize| total.counts[i * m + r] as f64 + total.shared[i * m + r];
    let rank_acceptability: Vec<Vec<f64>> = (0..m)
        .map(|i| (0..m).map(|r| credit(i, r) / samples).collect())
        .collect();
    let central_weights = (0..m)
        .map(|i| {
            let first = credit(i, 0);
            (first > 0.0).then(|| {
                total.central[i * n..(i + 1) * n]
                    .iter()
                    .map(|c| c / first)
                    .collect()
            })
        })
        .collect();
    let meta = |r: usize| {
        if m == 1 {
            1.0
        } else {
            (m - 1 - r) as f64 / (m - 1) as f64
        }
    };
    let holistic_acceptability = rank_acceptability
        .iter()
        .map(|b| b.iter().enumerate().map(|(r, x)| meta(r) * x).sum())
        .collect();
    SmaaResult {
        samples: config.samples,
        draws: total.draws,
        seed: config.seed,
        first_rank_acceptability: rank_acceptability.iter().map(|b| b[0]).collect(),
        rank_acceptability,
        central_weights,
        holistic_acceptability,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(samples: usize, seed: u64) -> SmaaConfig {
        SmaaConfig {
            samples,
            seed,
            ..SmaaConfig::default()
        }
    }

    #[test]
    fn a_dominating_candidate_always_leads() {
        let m = Matrix::new(&[vec![9.0, 8.0, 7.0], vec![5.0, 5.0, 5.0]]).unwrap();
        let r = smaa(&m, &config(1_000, 1)).unwrap();
        assert_eq!(r.first_rank_acceptability, vec![1.0, 0.0]);
        assert_eq!(r.rank_acceptability[1], vec![0.0, 1.0]);
        assert_eq!(r.central_weights[1], None);
        let c = r.central_weights[0].as_ref().unwrap();
        // The centroid of the whole simplex is (1/3, 1/3, 1/3).
        assert!(c.iter().all(|x| (x - 1.0 / 3.0).abs() < 0.02), "{c:?}");
        assert_eq!(r.holistic_acceptability, vec![1.0, 0.0]);
        assert_eq!(r.leaders(), vec![(0, 1.0), (1, 0.0)]);
    }

    #[test]
    fn mirror_candidates_split_the_simplex_and_have_the_expected_centroids() {
        let m = Matrix::new(&[vec![10.0, 0.0], vec![0.0, 10.0]]).unwrap();
        let r = smaa(&m, &config(100_000, 7)).unwrap();
        assert!((r.first_rank_acceptability[0] - 0.5).abs() < 0.01);
        // With two criteria w_1 is uniform on [0, 1]: E[w_1 | w_1 > 1/2] = 3/4.
        let c0 = r.central_weights[0].as_ref().unwrap();
        assert!((c0[0] - 0.75).abs() < 0.01, "{c0:?}");
    }

    #[test]
    fn identical_candidates_share_their_ranks_exactly() {
        let m = Matrix::new(&[vec![6.0, 4.0], vec![6.0, 4.0], vec![1.0, 1.0]]).unwrap();
        let r = smaa(&m, &config(5_000, 3)).unwrap();
        assert_eq!(r.rank_acceptability[0], vec![0.5, 0.5, 0.0]);
        assert_eq!(r.rank_acceptability[1], vec![0.5, 0.5, 0.0]);
        assert_eq!(r.rank_acceptability[2], vec![0.0, 0.0, 1.0]);
        assert_eq!(r.central_weights[0], r.central_weights[1]);
    }

    #[test]
    fn same_seed_same_result_for_any_thread_count() {
        let m = Matrix::new(&[
            vec![8.0, 3.0, 6.0, 2.0],
            vec![4.0, 9.0, 5.0, 3.0],
            vec![6.0, 6.0, 6.0, 6.0],
            vec![2.0, 5.0, 9.0, 8.0],
        ])
        .unwrap();
        let mut one = config(3 * CHUNK_SAMPLES + 17, 42);
        one.threads = NonZeroUsize::new(1);
        let mut three = one.clone();
        three.threads = NonZeroUsize::new(3);
        let a = smaa(&m, &one).unwrap();
        assert_eq!(a, smaa(&m, &three).unwrap());
        assert_eq!(a, smaa(&m, &one).unwrap());
        let other_seed = smaa(&m, &config(one.samples, 43)).unwrap();
        assert_ne!(a.rank_acceptability, other_seed.rank_acceptability);
    }

    #[test]
    fn ranges_constrain_the_sampled_weights() {
        let m = Matrix::new(&[vec![10.0, 0.0, 5.0], vec![0.0, 10.0, 5.0]]).unwrap();
        let ranges = vec![
            WeightRange { lo: 0.4, hi: 0.7 },
            WeightRange { lo: 0.1, hi: 0.35 },
            WeightRange { lo: 0.0, hi: 1.0 },
        ];
        let cfg = SmaaConfig {
            weights: WeightSpace::Ranges(ranges.clone()),
            ..config(20_000, 5)
        };
        let r = smaa(&m, &cfg).unwrap();
        // w_1 ≥ 0.4 > 0.35 ≥ w_2: candidate 0 always leads.
        assert_eq!(r.first_rank_acceptability, vec![1.0, 0.0]);
        assert!(r.draws > r.samples as u64, "some draws were rejected");
        let c = r.central_weights[0].as_ref().unwrap();
        for (x, range) in c.iter().zip(&ranges) {
            assert!(range.lo <= *x && *x <= range.hi, "{c:?}");
        }
    }

    #[test]
    fn bad_settings_are_refused() {
        let m = Matrix::new(&[vec![1.0, 2.0]]).unwrap();
        assert_eq!(smaa(&m, &config(0, 1)), Err(McdaError::NoSamples));
        let infeasible = SmaaConfig {
            weights: WeightSpace::Ranges(vec![
                WeightRange { lo: 0.6, hi: 0.9 },
                WeightRange { lo: 0.6, hi: 0.9 },
            ]),
            ..config(10, 1)
        };
        assert!(matches!(
            smaa(&m, &infeasible),
            Err(McdaError::InvalidRanges(_))
        ));
        let wrong_length = SmaaConfig {
            weights: WeightSpace::Ranges(vec![WeightRange { lo: 0.0, hi: 1.0 }]),
            ..config(10, 1)
        };
        assert!(smaa(&m, &wrong_length).is_err());
        let point = SmaaConfig {
            weights: WeightSpace::Ranges(vec![
                WeightRange { lo: 0.5, hi: 0.5 },
                WeightRange { lo: 0.5, hi: 0.5 },
            ]),
            ..config(10, 1)
        };
        let r = smaa(&m, &point).unwrap();
        assert_eq!(r.central_weights[0], Some(vec![0.5, 0.5]));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_and_portable_code_give_bit_identical_tallies() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let mut rows: Vec<Vec<f64>> = (0..9)
            .map(|i| (0..5).map(|j| ((i * 7 + j * 3) % 11) as f64).collect())
            .collect();
        rows.push(rows[0].clone());
        let m = Matrix::new(&rows).unwrap();
        let rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let portable = run_chunk_portable(&m, &WeightSpace::Simplex, rng.clone(), 2_000).unwrap();
        // SAFETY: AVX2 support was checked at the top of the test.
        let avx2 = unsafe { run_chunk_avx2(&m, &WeightSpace::Simplex, rng, 2_000) }.unwrap();
        assert_eq!(portable, avx2);
        assert!(
            portable.shared.iter().any(|&x| x > 0.0),
            "the problem has ties"
        );
    }

    /// The sampling loop one sample at a time, written plainly: sort the draws, take the gaps,
    /// count the strictly better candidates, look for ties pair by pair. The batched loop must give the same tally, bit
    /// for bit (same draws, same sorted values, same sums in the same order).
    fn one_at_a_time(
        matrix: &Matrix,
        space: &WeightSpace,
        mut rng: Xoshiro256PlusPlus,
        count: usize,
    ) -> Result<Tally, McdaError> {
        let (m, n) = (matrix.candidates(), matrix.criteria());
        let mut tally = Tally::new(m, n);
        let mut accepted = 0;
        while accepted < count {
            let mut u: Vec<f64> = (0..n - 1).map(|_| uniform(&mut rng)).collect();
            u.sort_by(f64::total_cmp);
            let mut w = Vec::with_capacity(n);
            let mut prev = 0.0;
            for &x in &u {
                w.push(x - prev);
                prev = x;
            }
            w.push(1.0 - prev);
            tally.draws += 1;
            if let WeightSpace::Ranges(r) = space {
                let free = (1.0 - r.iter().map(|x| x.lo).sum::<f64>()).max(0.0);
                for (wj, range) in w.iter_mut().zip(r) {
                    *wj = range.lo + free * *wj;
                }
                if w.iter().zip(r).any(|(wj, range)| *wj > range.hi) {
                    if tally.draws >= count as u64 * MAX_DRAWS_PER_SAMPLE {
                        return Err(McdaError::RangesTooNarrow {
                            accepted: accepted as u64,
                            attempts: tally.draws,
                        });
                    }
                    continue;
                }
            }
            accepted += 1;
            let totals: Vec<f64> = (0..m)
                .map(|i| {
                    let mut t = 0.0;
                    for (j, wj) in w.iter().enumerate() {
                        t += wj * matrix.score(i, j);
                    }
                    t
                })
                .collect();
            let better: Vec<u64> = totals
                .iter()
                .map(|ti| totals.iter().filter(|&t| t > ti).count() as u64)
                .collect();
            let tied = (0..m).any(|i| (0..i).any(|k| totals[i] == totals[k]));
            if tied {
                tally_with_ties(&mut tally, &totals, &better, &w);
            } else {
                for (i, &b) in better.iter().enumerate() {
                    tally.counts[i * m + b as usize] += 1;
                    if b == 0 {
                        for (c, x) in tally.central[i * n..(i + 1) * n].iter_mut().zip(&w) {
                            *c += x;
                        }
                    }
                }
            }
        }
        Ok(tally)
    }

    #[test]
    fn batched_loop_is_bit_identical_to_one_sample_at_a_time() {
        // Odd sample counts leave a partly filled last batch; ties exercise the slow path; a
        // single criterion has no draws at all; ranges reject some lanes of a batch.
        let untied: Vec<Vec<f64>> = (0..11)
            .map(|i| {
                (0..6)
                    .map(|j| ((i * 37 + j * 11 + i * j * 5) % 101) as f64 / 10.0)
                    .collect()
            })
            .collect();
        let mut tied = untied.clone();
        tied[4] = tied[1].clone();
        // Totals 1e-9 apart: equal once rounded to f32, different in f64 (the AVX2 path's
        // f32 comparisons must hand these batches to the f64 ones).
        let mut near = untied.clone();
        near[4] = near[1].clone();
        near[4][2] += 1e-9;
        let cases = [
            (untied.clone(), WeightSpace::Simplex, 2_003),
            (tied.clone(), WeightSpace::Simplex, 1_001),
            (near, WeightSpace::Simplex, 1_001),
            (
                vec![vec![3.0], vec![7.0], vec![7.0]],
                WeightSpace::Simplex,
                13,
            ),
            // 14 criteria: the sorting network in a loop rather than unrolled.
            (
                (0..9)
                    .map(|i| (0..14).map(|j| ((i * 13 + j * 7) % 11) as f64).collect())
                    .collect(),
                WeightSpace::Simplex,
                517,
            ),
            (
                untied.iter().map(|r| r[..3].to_vec()).collect(),
                WeightSpace::Ranges(vec![
                    WeightRange { lo: 0.1, hi: 0.5 },
                    WeightRange { lo: 0.2, hi: 0.4 },
                    WeightRange { lo: 0.0, hi: 0.6 },
                ]),
                999,
            ),
        ];
        for (rows, space, count) in cases {
            let m = Matrix::new(&rows).unwrap();
            let rng = Xoshiro256PlusPlus::seed_from_u64(11);
            let batched = run_chunk(&m, &space, rng.clone(), count).unwrap();
            let plain = one_at_a_time(&m, &space, rng, count).unwrap();
            assert_eq!(batched.counts, plain.counts, "{space:?}");
            assert_eq!(batched.draws, plain.draws, "{space:?}");
            assert_eq!(batched.central, plain.central, "{space:?}");
            let to_bits = |t: &Tally| t.shared.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(to_bits(&batched), to_bits(&plain), "{space:?}");
        }
    }

    #[test]
    fn single_criterion_is_supported() {
        let m = Matrix::new(&[vec![3.0], vec![7.0]]).unwrap();
        let r = smaa(&m, &config(100, 1)).unwrap();
        assert_eq!(r.first_rank_acceptability, vec![0.0, 1.0]);
    }
}
