//! The starter group through the whole pipeline: every member's own evaluation (its own weights
//! and hard constraints, falling back to the group's), and the group result built with
//! [`crate::core::mcda::group`].
//!
//! # Conventions
//! - **Criteria in play** for the group: the union of the criteria weighed by the group's
//!   `[weights]` and by every member, in canonical order. A member that does not weigh a
//!   criterion gives it weight 0.
//! - **A member's own evaluation** is [`scoring::evaluate`] on [`member_profile`] (computed as
//!   [`scoring::evaluate_with`], which borrows instead of cloning): the profile
//!   with the member as the subject and the member's weights and constraints where it has them
//!   (a member's `constraints` *replace* the group's, they do not add to them). The one-off
//!   estimates, public-cloud acceptance and workloads stay the group's.
//! - **Aggregated weights**: the arithmetic mean of the members' normalised weight vectors
//!   ([`mcda::group::mean_weights`]).
//! - **Admissible for all**: a candidate that breaks no member's hard constraint. The **group
//!   ranking** lists only those, by the aggregated weights, with the scoring tie rule (totals
//!   equal after rounding to 1e-9 keep catalogue order).
//! - **Disagreement** per criterion: the range of the members' normalised weights, flagged
//!   above [`mcda::group::SPREAD_FLAG_THRESHOLD`] (10 percentage points).
//! - **Consensus**: Kendall's W of the members' totals over *all* candidates of the catalogue
//!   (their preferences before constraints), and the weight agreement (one minus the mean
//!   total-variation distance between members' weights); both 1 for full agreement.
//!
//! [`member_profile`]: crate::core::group::member_profile

use serde::{Deserialize, Serialize};

use super::catalogue::{CandidateKey, Catalogue};
use super::criteria::Criterion;
use super::mcda::{self, Matrix, McdaError, elicitation::ElicitedWeights, group::GroupAnalysis};
use super::profile::{Municipality, Profile, Subject};
use super::scoring::{self, Evaluation, ScoreError, rank_order};

/// Why the group could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GroupError {
    /// A member's weights (or the group's, as its fallback) are all zero.
    #[error("{member}: {source}")]
    Score {
        /// The member's name.
        member: String,
        /// What went wrong.
        source: ScoreError,
    },
    /// The MCDA core refused the input (no candidates, no criteria, …).
    #[error(transparent)]
    Mcda(#[from] McdaError),
}

/// One member's own result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberResult {
    /// The municipality's name.
    pub name: String,
    /// Whether it gave its own weights (`false`: it uses the group's `[weights]`).
    pub own_weights: bool,
    /// Whether it gave its own constraints (`false`: the group's `[constraints]`).
    pub own_constraints: bool,
    /// Normalised weights, one per group criterion (0 where the member does not weigh one).
    pub weights: Vec<f64>,
    /// Its own ranking, exclusions and landscape.
    pub evaluation: Evaluation,
}

impl MemberResult {
    /// Its best `n` candidates by its own weights and constraints.
    pub fn top(&self, n: usize) -> Vec<CandidateKey> {
        self.evaluation
            .ranking
            .iter()
            .take(n)
            .map(|r| r.key)
            .collect()
    }
}

/// A candidate in the group ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRanked {
    /// 1-based; equal totals (after rounding to 1e-9) share a rank.
    pub rank: usize,
    /// Whether another candidate shares this rank.
    #[serde(default)]
    pub tied: bool,
    /// The candidate.
    pub key: CandidateKey,
    /// Weighted total with the aggregated weights (0–10).
    pub total: f64,
}

/// The group result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEvaluation {
    /// The group's name.
    pub name: String,
    /// Criteria in play for the group, canonical order (the columns below).
    pub criteria: Vec<Criterion>,
    /// Every catalogue candidate, in catalogue order (the rows of [`Self::analysis`]).
    pub candidates: Vec<CandidateKey>,
    /// One result per member, in profile order.
    pub members: Vec<MemberResult>,
    /// The aggregated weights and how they were obtained.
    pub weights: ElicitedWeights,
    /// Totals and ranks per member and for the group, spreads, consensus, admissibility.
    pub analysis: GroupAnalysis,
    /// The candidates admissible for every member, best first, by the aggregated weights.
    pub ranking: Vec<GroupRanked>,
}

impl GroupEvaluation {
    /// The criteria whose member weights span more than the documented threshold.
    pub fn disputed(&self) -> Vec<Criterion> {
        self.analysis
            .spreads
            .iter()
            .filter(|s| s.disputed)
            .map(|s| self.criteria[s.criterion])
            .collect()
    }

    /// The members (by index) that exclude `key` by a hard constraint.
    pub fn excluded_by(&self, key: CandidateKey) -> Vec<usize> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.evaluation.excluded.iter().any(|x| x.key == key))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The profile as one member sees it: the member as the subject, its own weights and
/// constraints where it has them, everything else the group's.
pub fn member_profile(profile: &Profile, member: &Municipality) -> Profile {
    let mut p = profile.clone();
    p.weights = member
        .weights
        .clone()
        .unwrap_or_else(|| profile.weights.clone());
    p.constraints = member
        .constraints
        .clone()
        .unwrap_or_else(|| profile.constraints.clone());
    p.subject = Subject::Single {
        municipality: member.clone(),
    };
    p
}

/// Evaluates every member and the group (see the module conventions). Works for a single
/// municipality too (a group of one).
///
/// # Errors
/// [`GroupError::Score`] when a member's effective weights are all zero; [`GroupError::Mcda`]
/// when the catalogue has no candidates.
pub fn evaluate_group(
    catalogue: &Catalogue,
    profile: &Profile,
) -> Result<GroupEvaluation, GroupError> {
    let subjects = profile.subject.members();
    let mut criteria: Vec<Criterion> = profile.weights.criteria();
    for m in &subjects {
        if let Some(w) = &m.weights {
            criteria.extend(w.criteria());
        }
    }
    criteria.sort();
    criteria.dedup();

    let mut members = Vec::with_capacity(subjects.len());
    for m in &subjects {
        // The member's view of the profile, borrowed: cloning the profile per member (it holds
        // every member) would make the group quadratic in its size.
        let evaluation = scoring::evaluate_with(
            catalogue,
            profile,
            m.weights.as_ref().unwrap_or(&profile.weights),
            m.constraints.as_ref().unwrap_or(&profile.constraints),
        )
        .map_err(|source| GroupError::Score {
            member: m.name.clone(),
            source,
        })?;
        let weights = criteria
            .iter()
            .map(|c| evaluation.weights.get(c).copied().unwrap_or(0.0))
            .collect();
        members.push(MemberResult {
            name: m.name.clone(),
            own_weights: m.weights.is_some(),
            own_constraints: m.constraints.is_some(),
            weights,
            evaluation,
        });
    }

    let candidates: Vec<CandidateKey> = catalogue.candidates.iter().map(|c| c.key()).collect();
    let rows: Vec<Vec<f64>> = scoring::score_matrix(catalogue)
        .iter()
        .map(|scores| criteria.iter().map(|c| scores[c]).collect())
        .collect();
    let matrix = Matrix::new(&rows)?;
    let member_weights: Vec<Vec<f64>> = members.iter().map(|m| m.weights.clone()).collect();
    let weights = mcda::group::mean_weights(&member_weights)?;
    let admissible: Vec<Vec<bool>> = members
        .iter()
        .map(|m| {
            candidates
                .iter()
                .map(|&k| m.evaluation.excluded.iter().all(|x| x.key != k))
                .collect()
        })
        .collect();
    let analysis =
        mcda::group::analyse_group(&matrix, &member_weights, &weights.weights, &admissible)?;

    let totals: Vec<f64> = analysis
        .admissible_for_all
        .iter()
        .map(|&i| analysis.group_totals[i])
        .collect();
    let order = rank_order(&totals);
    let sorted: Vec<f64> = order.iter().map(|&j| totals[j]).collect();
    let ranks = scoring::shared_ranks(&sorted);
    let ranking = order
        .into_iter()
        .enumerate()
        .map(|(r, j)| GroupRanked {
            rank: ranks[r].0,
            tied: ranks[r].1,
            key: candidates[analysis.admissible_for_all[j]],
            total: super::scoring::snap_total(totals[j]),
        })
        .collect();

    Ok(GroupEvaluation {
        name: profile.subject.name().to_string(),
        criteria,
        candidates,
        members,
        weights,
        analysis,
        ranking,
    })
}
