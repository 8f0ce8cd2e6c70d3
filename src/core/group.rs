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
//! - **The plenary (group) weights** are the profile's `[weights]`: what the room sets together.
//!   [`evaluate_group_as`] with [`GroupWeighting::Plenary`] ranks by them (the workshop TUI and
//!   the decision note do); [`GroupWeighting::Mean`] ranks by the members' mean (the CLI's
//!   `group` command, and what the room may adopt as its plenary weights after the reveal).
//! - **The group decision** ([`group_decision`]) is an ordinary [`Evaluation`] of the profile
//!   with the plenary weights and the [`merged_constraints`] of every member: a candidate is
//!   admissible under them exactly when it is admissible for all (each constraint is a
//!   threshold or a set, so the strictest of each is the conjunction), so Summary, the group
//!   view and the note rank the same candidates in the same order.
//!
//! [`member_profile`]: crate::core::group::member_profile

use serde::{Deserialize, Serialize};

use super::catalogue::{CandidateKey, Catalogue};
use super::criteria::Criterion;
use super::mcda::{self, Matrix, McdaError, elicitation::ElicitedWeights, group::GroupAnalysis};
use super::profile::{Constraints, Municipality, Profile, Subject, Weights};
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
    /// The arithmetic mean of the members' normalised weights, one per criterion (equal to
    /// [`Self::weights`] under [`GroupWeighting::Mean`]).
    #[serde(skip)]
    pub member_mean: Vec<f64>,
}

/// Which weights rank the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupWeighting {
    /// The mean of the members' normalised weights.
    Mean,
    /// The profile's own `[weights]`: the plenary weights the room sets together.
    Plenary,
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
    evaluate_group_as(catalogue, profile, GroupWeighting::Mean)
}

/// [`evaluate_group`] with the group ranked by the chosen weights.
///
/// # Errors
/// As [`evaluate_group`]; with [`GroupWeighting::Plenary`] also [`GroupError::Score`] (named
/// after the group) when the plenary weights are all zero.
pub fn evaluate_group_as(
    catalogue: &Catalogue,
    profile: &Profile,
    weighting: GroupWeighting,
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
    let mean = mcda::group::mean_weights(&member_weights)?;
    let member_mean = mean.weights.clone();
    let weights = match weighting {
        GroupWeighting::Mean => mean,
        GroupWeighting::Plenary => {
            let points: Vec<f64> = criteria.iter().map(|&c| profile.weights.get(c)).collect();
            mcda::elicitation::direct_points(&points).map_err(|_| GroupError::Score {
                member: profile.subject.name().to_string(),
                source: ScoreError::AllWeightsZero,
            })?
        }
    };
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
        member_mean,
    })
}

/// The strictest of every member's hard constraints (a member without its own uses the
/// group's): EEA storage or no pay-per-use when any member demands it, the smallest one-off
/// budget, every option and deployment any member rules out, the highest minimum score per
/// criterion. A candidate passes these exactly when it passes every member's.
pub fn merged_constraints(profile: &Profile) -> Constraints {
    let members = profile.subject.members();
    if members.is_empty() || !profile.subject.is_group() {
        return profile.constraints.clone();
    }
    let mut out = Constraints::default();
    for m in members {
        let c = m.constraints.as_ref().unwrap_or(&profile.constraints);
        out.data_in_eea |= c.data_in_eea;
        out.no_pay_per_use |= c.no_pay_per_use;
        out.max_one_off_budget = match (out.max_one_off_budget, c.max_one_off_budget) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for o in &c.exclude_options {
            if !out.exclude_options.contains(o) {
                out.exclude_options.push(*o);
            }
        }
        for d in &c.exclude_deployments {
            if !out.exclude_deployments.contains(d) {
                out.exclude_deployments.push(*d);
            }
        }
        for (&k, &v) in &c.min_scores {
            let slot = out.min_scores.entry(k).or_insert(v);
            *slot = slot.max(v);
        }
    }
    out
}

/// The group's decision as one evaluation: the profile's plenary `[weights]` (or `weights`
/// when given: the room's current plenary weights), only the candidates admissible for every
/// member (see [`merged_constraints`]). For a single municipality it is [`scoring::evaluate`]
/// with those weights.
///
/// # Errors
/// [`ScoreError::AllWeightsZero`] when the weights are all zero.
pub fn group_decision(
    catalogue: &Catalogue,
    profile: &Profile,
    weights: Option<&Weights>,
) -> Result<Evaluation, ScoreError> {
    group_decision_derived(
        catalogue,
        &scoring::DerivedScores::of(catalogue),
        profile,
        weights,
    )
}

/// [`group_decision`] on criterion scores derived before (the TUI keeps them between weight
/// changes): the exclusions name whose constraints exclude them
/// ([`scoring::name_demanding_members`]).
///
/// # Errors
/// [`ScoreError::AllWeightsZero`] when the weights are all zero.
pub fn group_decision_derived(
    catalogue: &Catalogue,
    derived: &scoring::DerivedScores,
    profile: &Profile,
    weights: Option<&Weights>,
) -> Result<Evaluation, ScoreError> {
    let mut e = scoring::evaluate_derived(
        catalogue,
        derived,
        profile,
        weights.unwrap_or(&profile.weights),
        &merged_constraints(profile),
    )?;
    scoring::name_demanding_members(catalogue, derived, profile, &mut e);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starters() -> (Catalogue, Profile) {
        let text = include_str!("../../profiles/startersgroep.toml");
        let p = crate::io::profile::parse("startersgroep.toml", text).expect("valid profile");
        (crate::io::catalogue::built_in(), p)
    }

    #[test]
    fn the_group_decision_ranks_what_the_plenary_group_view_ranks() {
        let (cat, p) = starters();
        let g = evaluate_group_as(&cat, &p, GroupWeighting::Plenary).unwrap();
        let d = group_decision(&cat, &p, None).unwrap();
        let gk: Vec<_> = g.ranking.iter().map(|r| r.key).collect();
        let dk: Vec<_> = d.ranking.iter().map(|r| r.key).collect();
        assert_eq!(gk, dk);
        for (a, b) in g.ranking.iter().zip(&d.ranking) {
            assert!((a.total - b.total).abs() < 1e-9, "{:?}", a.key);
        }
    }

    #[test]
    fn merged_constraints_admit_exactly_what_every_member_admits() {
        let (cat, p) = starters();
        let g = evaluate_group(&cat, &p).unwrap();
        let d = group_decision(&cat, &p, None).unwrap();
        let mut all: Vec<_> = g
            .analysis
            .admissible_for_all
            .iter()
            .map(|&i| g.candidates[i])
            .collect();
        let mut ranked: Vec<_> = d.ranking.iter().map(|r| r.key).collect();
        all.sort_by_key(|k| format!("{k:?}"));
        ranked.sort_by_key(|k| format!("{k:?}"));
        assert_eq!(all, ranked);
        // Bladel-Oost's own minimum on control is among them.
        assert_eq!(
            merged_constraints(&p).min_scores.get(&Criterion::Control),
            Some(&4.0)
        );
    }

    #[test]
    fn plenary_and_mean_weighting_differ_only_in_the_group_weights() {
        let (cat, p) = starters();
        let plenary = evaluate_group_as(&cat, &p, GroupWeighting::Plenary).unwrap();
        let mean = evaluate_group_as(&cat, &p, GroupWeighting::Mean).unwrap();
        assert_eq!(plenary.member_mean, mean.weights.weights);
        assert_ne!(plenary.weights.weights, mean.weights.weights);
        assert_eq!(
            plenary.analysis.admissible_for_all,
            mean.analysis.admissible_for_all
        );
    }

    #[test]
    fn all_zero_plenary_weights_are_an_error_named_after_the_group() {
        let (cat, mut p) = starters();
        for v in p.weights.0.values_mut() {
            *v = 0.0;
        }
        let e = evaluate_group_as(&cat, &p, GroupWeighting::Plenary).unwrap_err();
        assert!(e.to_string().contains("Kempenrand"), "{e}");
        assert!(group_decision(&cat, &p, None).is_err());
    }
}
