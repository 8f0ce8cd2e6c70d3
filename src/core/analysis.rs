//! How robust is a profile's result? Everything `wolkwijzer sensitivity` shows, computed once:
//! the stacked contributions and the lead, one-way stability intervals and the smallest flip,
//! SMAA-2 rank acceptabilities, TOPSIS beside the weighted sum, and for a starter group the group
//! result with SMAA within the members' weight ranges.
//!
//! # Conventions
//! - The problem is the profile's **admissible** candidates (after its hard constraints) ×
//!   the **criteria in play** (the keys of `[weights]`), with the normalised `[weights]`: exactly
//!   what `wolkwijzer score` ranks. Rows are in the order of that ranking, so where the MCDA
//!   core breaks a tie by the lowest index it agrees with the scoring tie rule.
//! - SMAA samples the whole weight simplex (no preference information beyond the criteria in
//!   play). For a starter group it runs a second time, within the range each criterion's weight
//!   spans across the members (lowest to highest member weight), on the candidates admissible
//!   for every member: "what wins for any weighting between the members' own?".

use serde::{Deserialize, Serialize};

use super::catalogue::{CandidateKey, Catalogue};
use super::criteria::Criterion;
use super::group::{GroupError, GroupEvaluation, evaluate_group};
use super::mcda::sensitivity::{Explanation, SensitivityReport, explain, one_way};
use super::mcda::smaa::{SmaaConfig, SmaaResult, WeightRange, WeightSpace, smaa};
use super::mcda::topsis::{MethodComparison, compare_with_weighted_sum};
use super::mcda::{Matrix, McdaError};
use super::profile::Profile;
use super::scoring::{self, Evaluation, ScoreError};

/// How many SMAA samples and which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamplingSettings {
    /// Weight samples per SMAA run.
    pub samples: usize,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for SamplingSettings {
    fn default() -> Self {
        Self {
            samples: super::mcda::smaa::DEFAULT_SAMPLES,
            seed: super::mcda::smaa::DEFAULT_SEED,
        }
    }
}

impl SamplingSettings {
    fn config(&self, weights: WeightSpace) -> SmaaConfig {
        SmaaConfig {
            samples: self.samples,
            seed: self.seed,
            weights,
            threads: None,
        }
    }
}

/// Why the analysis could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The profile's weights are all zero.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A member of the group could not be evaluated.
    #[error(transparent)]
    Group(#[from] GroupError),
    /// The MCDA core refused the input.
    #[error(transparent)]
    Mcda(#[from] McdaError),
}

/// The analyses of the admissible candidates (present when at least one is admissible).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Robustness {
    /// Contributions per criterion, totals, leader, gap and close call.
    pub explanation: Explanation,
    /// Stability interval per criterion and the smallest flip.
    pub one_way: SensitivityReport,
    /// Rank acceptabilities over the whole weight simplex.
    pub smaa: SmaaResult,
    /// TOPSIS ranks beside the weighted-sum ranks.
    pub methods: MethodComparison,
}

/// SMAA within the members' weight ranges, on the candidates admissible for every member.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeSmaa {
    /// The candidates (rows): the group ranking's order.
    pub candidates: Vec<CandidateKey>,
    /// Per group criterion: the lowest and highest member weight.
    pub ranges: Vec<WeightRange>,
    /// The result, or why there is none (e.g. ranges too narrow to sample).
    pub result: Result<SmaaResult, McdaError>,
}

/// The group part of the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSection {
    /// Members, aggregated weights, group ranking, disagreement, consensus, admissibility.
    pub evaluation: GroupEvaluation,
    /// `None` when no candidate is admissible for every member.
    pub smaa_in_ranges: Option<RangeSmaa>,
}

/// Everything `wolkwijzer sensitivity` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileAnalysis {
    /// Criteria in play (the columns), canonical order.
    pub criteria: Vec<Criterion>,
    /// Normalised profile weights, one per criterion.
    pub weights: Vec<f64>,
    /// Admissible candidates (the rows), in ranking order.
    pub candidates: Vec<CandidateKey>,
    /// The plain evaluation (ranking, exclusions).
    pub evaluation: Evaluation,
    /// `None` when no candidate is admissible.
    pub robustness: Option<Robustness>,
    /// Present for a starter group.
    pub group: Option<GroupSection>,
    /// The sampling settings used.
    pub sampling: SamplingSettings,
}

impl ProfileAnalysis {
    /// The candidate of a row.
    pub fn candidate(&self, row: usize) -> CandidateKey {
        self.candidates[row]
    }
}

/// Runs every analysis for a profile (see the module conventions).
///
/// # Errors
/// All-zero weights ([`AnalysisError::Score`], [`AnalysisError::Group`]), zero samples or an
/// unusable problem ([`AnalysisError::Mcda`]).
pub fn analyse(
    catalogue: &Catalogue,
    profile: &Profile,
    sampling: SamplingSettings,
) -> Result<ProfileAnalysis, AnalysisError> {
    if sampling.samples == 0 {
        return Err(McdaError::NoSamples.into());
    }
    let evaluation = scoring::evaluate(catalogue, profile)?;
    let criteria = evaluation.criteria.clone();
    let weights: Vec<f64> = criteria.iter().map(|c| evaluation.weights[c]).collect();
    let candidates: Vec<CandidateKey> = evaluation.ranking.iter().map(|r| r.key).collect();
    let robustness = if evaluation.ranking.is_empty() {
        None
    } else {
        let rows: Vec<Vec<f64>> = evaluation
            .ranking
            .iter()
            .map(|r| r.criteria.iter().map(|c| c.score).collect())
            .collect();
        let matrix = Matrix::new(&rows)?;
        Some(Robustness {
            explanation: explain(&matrix, &weights)?,
            one_way: one_way(&matrix, &weights)?,
            smaa: smaa(&matrix, &sampling.config(WeightSpace::Simplex))?,
            methods: compare_with_weighted_sum(&matrix, &weights)?,
        })
    };
    let group = if profile.subject.is_group() {
        let evaluation = evaluate_group(catalogue, profile)?;
        let smaa_in_ranges = range_smaa(catalogue, &evaluation, sampling)?;
        Some(GroupSection {
            evaluation,
            smaa_in_ranges,
        })
    } else {
        None
    };
    Ok(ProfileAnalysis {
        criteria,
        weights,
        candidates,
        evaluation,
        robustness,
        group,
        sampling,
    })
}

fn range_smaa(
    catalogue: &Catalogue,
    group: &GroupEvaluation,
    sampling: SamplingSettings,
) -> Result<Option<RangeSmaa>, McdaError> {
    if group.ranking.is_empty() {
        return Ok(None);
    }
    let all = scoring::score_matrix(catalogue);
    let candidates: Vec<CandidateKey> = group.ranking.iter().map(|r| r.key).collect();
    let rows: Vec<Vec<f64>> = candidates
        .iter()
        .map(|&k| {
            let i = group
                .candidates
                .iter()
                .position(|&c| c == k)
                .expect("group candidates come from the catalogue");
            group.criteria.iter().map(|c| all[i][c]).collect()
        })
        .collect();
    let matrix = Matrix::new(&rows)?;
    let ranges: Vec<WeightRange> = group
        .analysis
        .spreads
        .iter()
        .map(|s| WeightRange {
            lo: s.min,
            hi: s.max,
        })
        .collect();
    let result = smaa(
        &matrix,
        &sampling.config(WeightSpace::Ranges(ranges.clone())),
    );
    Ok(Some(RangeSmaa {
        candidates,
        ranges,
        result,
    }))
}
