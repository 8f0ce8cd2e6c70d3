//! Scoring: derive every candidate's criterion scores, apply the profile's hard constraints,
//! take the weighted sum over normalised weights, rank deterministically, and place each
//! workload on the best admissible candidate for its data class (the hybrid landscape).
//!
//! Ties: totals are compared after rounding to 1e-9 (so that scaling all weights, or summing in
//! another order, cannot reorder candidates through floating-point noise); equal totals keep
//! the catalogue's order, which runs from most to least in-house (own → host). Equal totals
//! share a rank (standard competition ranking: 1, 1, 1, 4) and are flagged `tied`; the order
//! among them is display order only.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalogue::ServiceModel;
use super::catalogue::{
    Candidate, CandidateKey, Catalogue, Citation, DataClass, Deployment, Forbids, PolicyStatus,
    Tariff, Unless,
};
use super::criteria::{Criterion, NumberNote, derive};
use super::profile::{BivLevel, Constraints, Profile, Weights};
use super::text::{self, Lang, Localized};

/// A candidate's score on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    /// 0–10.
    pub score: f64,
    /// Normalised weight (sums to 1 over the criteria in play).
    pub weight: f64,
    pub explanation: std::sync::Arc<Localized>,
    /// The sources, one per document with the sections used.
    pub sources: std::sync::Arc<Vec<Citation>>,
    /// Every catalogue number the score used, sourced or assumed.
    pub numbers: std::sync::Arc<Vec<NumberNote>>,
}

/// A ranked candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// 1-based; candidates with equal totals (after rounding to 1e-9) share a rank.
    pub rank: usize,
    /// Whether another candidate has the same total and so the same rank.
    #[serde(default)]
    pub tied: bool,
    pub key: CandidateKey,
    /// Weighted sum, 0–10.
    pub total: f64,
    pub criteria: Vec<CriterionScore>,
}

impl Ranked {
    /// The compact rank label: "1" or, when shared, "1=".
    pub fn label(&self) -> String {
        text::rank_compact(self.rank, self.tied)
    }

    /// The score on a criterion.
    pub fn score(&self, c: Criterion) -> Option<&CriterionScore> {
        self.criteria.iter().find(|s| s.criterion == c)
    }
}

/// A candidate excluded by a hard constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excluded {
    pub key: CandidateKey,
    /// One reason per broken constraint.
    pub reasons: Vec<Localized>,
    /// The sources behind the constraints (e.g. the cloud policy behind `data_in_eea`).
    #[serde(default)]
    pub sources: Vec<Citation>,
}

/// A placement rule as applied to a workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedRule {
    pub id: String,
    pub text: Localized,
    /// The rule's source first, then further sources.
    pub citations: Vec<Citation>,
    /// The status of the rule's own source.
    pub status: PolicyStatus,
    /// Whether the rule forbade public deployment for this workload.
    pub forbids_public: bool,
}

/// Where a workload goes, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadPlacement {
    pub name: String,
    pub data: DataClass,
    /// `None` when no admissible candidate is left.
    pub key: Option<CandidateKey>,
    pub total: Option<f64>,
    /// Why this candidate, without the rules (they are in `rules`, typed).
    pub explanation: Localized,
    /// The sources the explanation rests on (the workload privacy factor), without the rules'.
    pub sources: Vec<Citation>,
    pub rules: Vec<AppliedRule>,
}

/// A criterion the room did not weigh (weight 0 or left out) on which the leader scores below
/// the catalogue's `[ranking] blind_spot_below`: the ranking is silent about it, so the output
/// warns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlindSpot {
    pub criterion: Criterion,
    /// The leader's score on it, 0–10.
    pub score: f64,
}

impl BlindSpot {
    /// The warning: names the criterion, the leader and its score.
    pub fn text(&self, catalogue: &Catalogue, leader: CandidateKey) -> Localized {
        let name = self.criterion.name();
        let below = catalogue.ranking.blind_spot_below.value;
        Localized::new(
            format!(
                "Let op: {} weegt niet mee (gewicht 0), maar de koploper {} scoort daarop {} (onder de {}). De ranglijst zwijgt daarover; geef het criterium gewicht als het de ruimte iets zegt.",
                name.nl,
                catalogue.candidate_name(leader, Lang::Nl),
                text::decimal(self.score, 1, Lang::Nl),
                text::number(below, 2, Lang::Nl)
            ),
            format!(
                "Note: {} does not count (weight 0), but the leader {} scores {} on it (below {}). The ranking is silent about it; give the criterion a weight if it matters to the room.",
                name.en,
                catalogue.candidate_name(leader, Lang::En),
                text::decimal(self.score, 1, Lang::En),
                text::number(below, 2, Lang::En)
            ),
        )
    }
}

/// The full result for a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Criteria in play, canonical order.
    pub criteria: Vec<Criterion>,
    /// Normalised weights.
    pub weights: BTreeMap<Criterion, f64>,
    pub ranking: Vec<Ranked>,
    pub excluded: Vec<Excluded>,
    pub workloads: Vec<WorkloadPlacement>,
    /// Unweighted criteria on which the leader scores below 5, canonical order.
    #[serde(default)]
    pub blind_spots: Vec<BlindSpot>,
}

impl Evaluation {
    /// The leading candidate, if any is admissible.
    pub fn leader(&self) -> Option<&Ranked> {
        self.ranking.first()
    }

    /// The ranked entry of a candidate.
    pub fn ranked(&self, key: CandidateKey) -> Option<&Ranked> {
        self.ranking.iter().find(|r| r.key == key)
    }

    /// The warnings about unweighted criteria, as text.
    pub fn blind_spot_texts(&self, catalogue: &Catalogue) -> Vec<Localized> {
        match self.leader() {
            Some(l) => self
                .blind_spots
                .iter()
                .map(|b| b.text(catalogue, l.key))
                .collect(),
            None => vec![],
        }
    }

    /// Whether any two candidates share a rank.
    pub fn has_ties(&self) -> bool {
        self.ranking.iter().any(|r| r.tied)
    }
}

/// Shared ranks for totals already in ranking order: equal totals (after rounding to 1e-9)
/// get the rank of the first of them; returns (rank, tied) per position.
pub fn shared_ranks(sorted_totals: &[f64]) -> Vec<(usize, bool)> {
    let keys: Vec<i64> = sorted_totals.iter().map(|&t| total_key(t)).collect();
    let mut out = Vec::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        let first = keys.iter().position(|x| x == k).unwrap_or(i);
        let count = keys.iter().filter(|x| *x == k).count();
        out.push((first + 1, count > 1));
    }
    out
}

/// Why scoring could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("all weights are zero: give at least one criterion a weight above 0")]
    AllWeightsZero,
}

/// The comparison key of a total: rounded to 1e-9.
pub fn total_key(total: f64) -> i64 {
    (total * 1e9).round() as i64
}

/// A total snapped to the 1e-9 grid of [`total_key`], so that totals that tie there (6.5749…
/// and 6.5750…, summed in another order) are the same number and are written the same in
/// every output.
pub fn snap_total(total: f64) -> f64 {
    if total.is_finite() {
        total_key(total) as f64 / 1e9
    } else {
        total
    }
}

/// Orders indices by total (descending) and then by index (ascending): the ranking rule.
pub fn rank_order(totals: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..totals.len()).collect();
    idx.sort_by(
        |&a, &b| match total_key(totals[b]).cmp(&total_key(totals[a])) {
            Ordering::Equal => a.cmp(&b),
            o => o,
        },
    );
    idx
}

/// Weighted sum of scores over normalised weights, summed in canonical criterion order.
pub fn weighted_total(
    scores: &BTreeMap<Criterion, f64>,
    weights: &BTreeMap<Criterion, f64>,
) -> f64 {
    weights
        .iter()
        .map(|(c, w)| w * scores.get(c).copied().unwrap_or(0.0))
        .sum()
}

/// Scores of every candidate on every criterion (catalogue order × `Criterion::ALL`).
pub fn score_matrix(catalogue: &Catalogue) -> Vec<BTreeMap<Criterion, f64>> {
    catalogue
        .candidates
        .iter()
        .map(|c| {
            Criterion::ALL
                .iter()
                .map(|&k| (k, derive(catalogue, c, k).score))
                .collect()
        })
        .collect()
}

fn constraint_reasons(
    catalogue: &Catalogue,
    profile: &Profile,
    k: &Constraints,
    c: &Candidate,
    scores: &BTreeMap<Criterion, f64>,
) -> (Vec<Localized>, Vec<Citation>) {
    let mut out = vec![];
    let mut sources = vec![];
    if k.data_in_eea && c.data_location == super::catalogue::Decider::Provider {
        out.push(Localized::new(
            "Eis gegevens in de EER: de aanbieder bepaalt waar de gegevens staan; opslag in de EER is niet aantoonbaar",
            "Requirement data in the EEA: the provider decides where data is stored; storage in the EEA cannot be demonstrated",
        ));
        // The EEA condition of the cloud policy's "nee, tenzij" (and of AVG chapter V).
        for r in catalogue
            .placement_rules
            .iter()
            .filter(|r| r.unless == Unless::AcceptedWithConditions)
        {
            for cit in r.citations() {
                super::catalogue::push_citation(&mut sources, cit);
            }
        }
    }
    if k.no_pay_per_use && c.tariff == Tariff::PayPerUse {
        out.push(Localized::new(
            "Eis geen betalen naar gebruik: het tarief is betalen naar gebruik",
            "Requirement no pay-per-use: the tariff is pay-per-use",
        ));
    }
    if k.exclude_options.contains(&c.option) {
        let name = catalogue.option(c.option).map(|o| &o.short);
        out.push(Localized::new(
            format!(
                "Uitgesloten optie: {} is uitgesloten",
                name.map_or(c.option.to_string(), |n| n.nl.clone())
            ),
            format!(
                "Excluded option: {} is ruled out",
                name.map_or(c.option.to_string(), |n| n.en.clone())
            ),
        ));
    }
    if k.exclude_deployments.contains(&c.deployment)
        || (c.deployment.is_public() && k.exclude_deployments.contains(&Deployment::Public))
    {
        let name = catalogue.deployment(c.deployment).map(|d| &d.name);
        out.push(Localized::new(
            format!(
                "Uitgesloten deploymentmodel: {} is uitgesloten",
                name.map_or(c.deployment.to_string(), |n| n.nl.clone())
            ),
            format!(
                "Excluded deployment model: {} is ruled out",
                name.map_or(c.deployment.to_string(), |n| n.en.clone())
            ),
        ));
    }
    if let Some(budget) = k.max_one_off_budget
        && let Some(est) = profile.one_off_estimates.get(&c.option)
        && *est > budget
    {
        out.push(Localized::new(
            format!(
                "Budget voor eenmalige kosten: eenmalig {} is meer dan het budget {}",
                text::money(*est, Lang::Nl),
                text::money(budget, Lang::Nl)
            ),
            format!(
                "One-off budget: one-off {} exceeds the budget of {}",
                text::money(*est, Lang::En),
                text::money(budget, Lang::En)
            ),
        ));
    }
    for (crit, min) in &k.min_scores {
        let s = scores.get(crit).copied().unwrap_or(0.0);
        if s < *min {
            // The constraint in words (`min_scores.control` is the profile's key, not the
            // room's language).
            let name = crit.name();
            out.push(Localized::new(
                format!(
                    "Minimumscore {}: scoort {}, minimaal {}",
                    name.nl,
                    text::decimal(s, 1, Lang::Nl),
                    text::decimal(*min, 1, Lang::Nl)
                ),
                format!(
                    "Minimum score {}: scores {}, at least {}",
                    name.en,
                    text::decimal(s, 1, Lang::En),
                    text::decimal(*min, 1, Lang::En)
                ),
            ));
        }
    }
    (out, sources)
}

/// For a starter group, whose hard constraints exclude candidate `c`: "Eis van: Aarle,
/// Reusel-Zuid" (a member without constraints of its own counts with the group's), or that
/// every member's do. `None` for one municipality, or when no member's own constraints
/// exclude it.
fn demanded_by(
    catalogue: &Catalogue,
    profile: &Profile,
    c: &Candidate,
    scores: &BTreeMap<Criterion, f64>,
) -> Option<Localized> {
    if !profile.subject.is_group() {
        return None;
    }
    let members = profile.subject.members();
    let by: Vec<&str> = members
        .iter()
        .filter(|m| {
            let k = m.constraints.as_ref().unwrap_or(&profile.constraints);
            !constraint_reasons(catalogue, profile, k, c, scores)
                .0
                .is_empty()
        })
        .map(|m| m.name.as_str())
        .collect();
    if by.is_empty() {
        None
    } else if by.len() == members.len() {
        Some(Localized::new(
            "Eis van elke gemeente in de groep",
            "Required by every municipality in the group",
        ))
    } else {
        let names = by.join(", ");
        Some(Localized::new(
            format!("Eis van: {names}"),
            format!("Required by: {names}"),
        ))
    }
}

/// Evaluates a profile against the catalogue: ranking, exclusions and the workload landscape.
/// For a starter group this is the group decision (the plenary weights, only the candidates
/// admissible for every member: [`super::group::merged_constraints`]), the same the TUI's
/// group view, Summary and exported note show; a member's own evaluation is
/// [`evaluate_with`] its weights and constraints.
pub fn evaluate(catalogue: &Catalogue, profile: &Profile) -> Result<Evaluation, ScoreError> {
    super::group::group_decision(catalogue, profile, None)
}

/// For a starter group's decision: adds to each exclusion whose members' hard constraints
/// exclude it ("Eis van: Bladel-Oost"), so the room and the council see who demanded it.
/// Nothing for one municipality (or a member's own evaluation, which is one municipality's).
pub fn name_demanding_members(
    catalogue: &Catalogue,
    derived: &DerivedScores,
    profile: &Profile,
    e: &mut Evaluation,
) {
    if !profile.subject.is_group() || !derived.fits(catalogue) {
        return;
    }
    for x in &mut e.excluded {
        let Some(i) = derived.keys.iter().position(|k| *k == x.key) else {
            continue;
        };
        let scores: BTreeMap<Criterion, f64> = derived.per_candidate[i]
            .iter()
            .map(|(&k, d)| (k, d.score))
            .collect();
        x.reasons.extend(demanded_by(
            catalogue,
            profile,
            &catalogue.candidates[i],
            &scores,
        ));
    }
}

/// [`evaluate`] with other weights and constraints than the profile's (a starter-group
/// member's own), everything else the profile's; borrows instead of building a new profile.
pub fn evaluate_with(
    catalogue: &Catalogue,
    profile: &Profile,
    weights: &Weights,
    constraints: &Constraints,
) -> Result<Evaluation, ScoreError> {
    evaluate_derived(
        catalogue,
        &DerivedScores::of(catalogue),
        profile,
        weights,
        constraints,
    )
}

/// The criterion scores of every candidate of a catalogue, with their explanations and
/// sources. They depend on the catalogue alone — not on a profile, its weights or its
/// constraints — so a caller that evaluates again and again (the TUI after every weight
/// change) derives them once and passes them to [`evaluate_derived`].
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedScores {
    /// The candidates they were derived for, in the catalogue's order.
    keys: Vec<CandidateKey>,
    per_candidate: Vec<BTreeMap<Criterion, SharedDerived>>,
}

/// A derived score whose explanation, sources and numbers are shared (not copied) by every
/// evaluation that uses it: a weight change re-ranks without copying a single text.
#[derive(Debug, Clone, PartialEq)]
struct SharedDerived {
    score: f64,
    explanation: std::sync::Arc<Localized>,
    sources: std::sync::Arc<Vec<Citation>>,
    numbers: std::sync::Arc<Vec<NumberNote>>,
}

impl From<super::criteria::Derived> for SharedDerived {
    fn from(d: super::criteria::Derived) -> Self {
        SharedDerived {
            score: d.score,
            explanation: d.explanation.into(),
            sources: d.sources.into(),
            numbers: d.numbers.into(),
        }
    }
}

impl DerivedScores {
    /// Derives every criterion of every candidate of `catalogue`.
    pub fn of(catalogue: &Catalogue) -> DerivedScores {
        DerivedScores {
            keys: catalogue.candidates.iter().map(|c| c.key()).collect(),
            per_candidate: catalogue
                .candidates
                .iter()
                .map(|c| {
                    Criterion::ALL
                        .iter()
                        .map(|&k| (k, derive(catalogue, c, k).into()))
                        .collect()
                })
                .collect(),
        }
    }

    /// Whether these scores were derived for this catalogue's candidates (same candidates in
    /// the same order); a caller keeps them only while this holds.
    pub fn fits(&self, catalogue: &Catalogue) -> bool {
        self.keys.len() == catalogue.candidates.len()
            && self
                .keys
                .iter()
                .zip(&catalogue.candidates)
                .all(|(k, c)| *k == c.key())
    }
}

/// [`evaluate_with`] on criterion scores derived before (`derived`, of the same catalogue;
/// when they do not fit it, they are derived again here).
pub fn evaluate_derived(
    catalogue: &Catalogue,
    derived: &DerivedScores,
    profile: &Profile,
    weights: &Weights,
    constraints: &Constraints,
) -> Result<Evaluation, ScoreError> {
    if !derived.fits(catalogue) {
        return evaluate_derived(
            catalogue,
            &DerivedScores::of(catalogue),
            profile,
            weights,
            constraints,
        );
    }
    let weights = weights.normalised().ok_or(ScoreError::AllWeightsZero)?;
    let criteria: Vec<Criterion> = weights.keys().copied().collect();

    let mut admissible: Vec<(usize, f64, Vec<CriterionScore>)> = vec![];
    let mut all_scores: Vec<BTreeMap<Criterion, f64>> = vec![];
    let mut excluded = vec![];
    for (i, c) in catalogue.candidates.iter().enumerate() {
        let derived = &derived.per_candidate[i];
        let scores: BTreeMap<Criterion, f64> = derived.iter().map(|(&k, d)| (k, d.score)).collect();
        let (reasons, sources) = constraint_reasons(catalogue, profile, constraints, c, &scores);
        if !reasons.is_empty() {
            excluded.push(Excluded {
                key: c.key(),
                reasons,
                sources,
            });
            continue;
        }
        let total = weighted_total(&scores, &weights);
        let per: Vec<CriterionScore> = criteria
            .iter()
            .map(|&k| {
                let d = &derived[&k];
                CriterionScore {
                    criterion: k,
                    score: d.score,
                    weight: weights[&k],
                    explanation: d.explanation.clone(),
                    sources: d.sources.clone(),
                    numbers: d.numbers.clone(),
                }
            })
            .collect();
        admissible.push((i, total, per));
        all_scores.push(scores);
    }
    let totals: Vec<f64> = admissible.iter().map(|a| a.1).collect();
    let order = rank_order(&totals);
    let sorted: Vec<f64> = order.iter().map(|&j| totals[j]).collect();
    let ranks = shared_ranks(&sorted);
    let mut taken: Vec<Option<(usize, f64, Vec<CriterionScore>)>> =
        admissible.into_iter().map(Some).collect();
    let ranking: Vec<Ranked> = order
        .iter()
        .enumerate()
        .filter_map(|(r, &j)| {
            let (i, total, per) = taken.get_mut(j)?.take()?;
            Some(Ranked {
                rank: ranks[r].0,
                tied: ranks[r].1,
                key: catalogue.candidates[i].key(),
                total: snap_total(total),
                criteria: per,
            })
        })
        .collect();

    let workloads = profile
        .workloads
        .iter()
        .map(|w| place_workload(catalogue, profile, &ranking, w))
        .collect();

    let blind_spots = order
        .first()
        .map(|&j| {
            Criterion::ALL
                .iter()
                .filter(|c| weights.get(c).copied().unwrap_or(0.0) <= 0.0)
                .filter_map(|&c| {
                    let score = all_scores[j][&c];
                    (score < catalogue.ranking.blind_spot_below.value).then_some(BlindSpot {
                        criterion: c,
                        score,
                    })
                })
                .collect()
        })
        .unwrap_or_default();

    Ok(Evaluation {
        criteria,
        weights,
        ranking,
        excluded,
        workloads,
        blind_spots,
    })
}

/// The placement rules that apply to a data class, with whether each forbids public cloud for
/// this profile (an accepted rule is listed but lifted).
pub fn rules_for(catalogue: &Catalogue, profile: &Profile, data: DataClass) -> Vec<AppliedRule> {
    let acc = &profile.public_cloud;
    catalogue
        .placement_rules
        .iter()
        .filter(|r| r.applies_to.contains(&data))
        .filter(|r| r.stance.is_none_or(|s| s == acc.stance))
        .map(|r| {
            let lifted = match r.unless {
                Unless::Accepted => acc.accept_for.contains(&data),
                Unless::AcceptedWithConditions => {
                    acc.accept_for.contains(&data) && acc.conditions_met()
                }
                Unless::Never => false,
            };
            AppliedRule {
                id: r.id.clone(),
                text: r.text.clone(),
                citations: r.citations(),
                status: catalogue.status_of(&r.source),
                forbids_public: r.forbids == Forbids::Public && !lifted,
            }
        })
        .collect()
}

/// The weights a workload is placed with: the room's, with privacy counted by the data class
/// (seed 000 §4.1), continuity by the availability need (BIV; a critical workload without a
/// level counts as high) and relief by a DigiD connection; normalised again. Returns the
/// weights and the sentences that say what changed.
fn workload_weights(
    catalogue: &Catalogue,
    room: &BTreeMap<Criterion, f64>,
    w: &super::profile::Workload,
) -> (BTreeMap<Criterion, f64>, Vec<Localized>, Vec<Citation>) {
    let attrs = &catalogue.workload_attributes;
    let mut notes = vec![];
    let mut sources = vec![];
    let mut raw = room.clone();
    let factor = catalogue
        .workload_privacy
        .factor
        .get(&w.data)
        .copied()
        .unwrap_or(1.0);
    if let Some(p) = raw.get_mut(&Criterion::Privacy) {
        *p *= factor;
    }
    if (factor - 1.0).abs() > f64::EPSILON {
        let wp = &catalogue.workload_privacy;
        let mut nl = format!(
            "Privacy telt hier ×{} mee: {}.",
            text::number(factor, 3, Lang::Nl),
            wp.rule.nl.trim_end_matches('.'),
        );
        let mut en = format!(
            "Privacy counts ×{} here: {}.",
            text::number(factor, 3, Lang::En),
            wp.rule.en.trim_end_matches('.'),
        );
        if wp.factor_basis.assumption {
            nl.push_str(&format!(
                " De factor is een aanname van wolkwijzer: {}.",
                wp.factor_basis.nl
            ));
            en.push_str(&format!(
                " The factor is wolkwijzer's assumption: {}.",
                wp.factor_basis.en
            ));
        }
        notes.push(Localized::new(nl, en));
        super::catalogue::push_citation(&mut sources, catalogue.citation(&wp.source, &wp.section));
    }
    let availability = w.availability.or(w.critical.then_some(BivLevel::High));
    if let Some(level) = availability
        && let Some(f) = attrs.availability.get(&level)
    {
        let from_critical = w.availability.is_none();
        let level_name = level.name();
        let (how_nl, how_en) = if from_critical {
            ("kritiek proces, dus hoog", "critical process, so high")
        } else {
            ("", "")
        };
        let label = |lang: Lang| match (lang, from_critical) {
            (Lang::Nl, false) => level_name.nl.clone(),
            (Lang::En, false) => level_name.en.clone(),
            (Lang::Nl, true) => how_nl.to_string(),
            (Lang::En, true) => how_en.to_string(),
        };
        match raw.get_mut(&Criterion::Continuity) {
            Some(c) if *c > 0.0 && (f.value - 1.0).abs() > f64::EPSILON => {
                *c *= f.value;
                notes.push(Localized::new(
                    format!(
                        "Beschikbaarheid {}: continuïteit telt ×{} (aanname van wolkwijzer: {}).",
                        label(Lang::Nl),
                        text::number(f.value, 2, Lang::Nl),
                        f.nl
                    ),
                    format!(
                        "Availability {}: continuity counts ×{} (wolkwijzer's assumption: {}).",
                        label(Lang::En),
                        text::number(f.value, 2, Lang::En),
                        f.en
                    ),
                ));
                super::catalogue::push_citation(
                    &mut sources,
                    Citation::new(&attrs.source, &attrs.section),
                );
            }
            _ => {}
        }
        if level == BivLevel::High {
            let floor = attrs.high_availability_floor.value.clamp(0.0, 1.0);
            let sum: f64 = raw.values().sum();
            let share = if sum > 0.0 {
                raw.get(&Criterion::Continuity).copied().unwrap_or(0.0) / sum
            } else {
                0.0
            };
            if sum > 0.0 && share + 1e-12 < floor && floor < 1.0 {
                // Give continuity exactly `floor` of the total, the others the rest in
                // their own proportions.
                let others: f64 = sum - raw.get(&Criterion::Continuity).copied().unwrap_or(0.0);
                let target = floor * others / (1.0 - floor);
                raw.insert(Criterion::Continuity, target);
                let fl = &attrs.high_availability_floor;
                notes.push(Localized::new(
                    format!(
                        "Beschikbaarheid {}: continuïteit weegt voor dit werkproces {}% (aanname van wolkwijzer: {}).",
                        label(Lang::Nl),
                        text::number(floor * 100.0, 1, Lang::Nl),
                        fl.nl
                    ),
                    format!(
                        "Availability {}: continuity weighs {}% for this workload (wolkwijzer's assumption: {}).",
                        label(Lang::En),
                        text::number(floor * 100.0, 1, Lang::En),
                        fl.en
                    ),
                ));
                super::catalogue::push_citation(
                    &mut sources,
                    Citation::new(&attrs.source, &attrs.section),
                );
            }
        }
    }
    if w.digid {
        let f = &attrs.digid_ontzorgen;
        match raw.get_mut(&Criterion::Ontzorgen) {
            Some(o) if *o > 0.0 => {
                *o *= f.value;
                notes.push(Localized::new(
                    format!(
                        "DigiD-aansluiting: ontzorgen telt ×{} (aanname van wolkwijzer: {}).",
                        text::number(f.value, 2, Lang::Nl),
                        f.nl
                    ),
                    format!(
                        "DigiD connection: relief counts ×{} (wolkwijzer's assumption: {}).",
                        text::number(f.value, 2, Lang::En),
                        f.en
                    ),
                ));
            }
            _ => notes.push(Localized::new(
                "DigiD-aansluiting: ontzorgen weegt in deze ruimte niet mee, dus de jaarlijkse ICT-beveiligingsassessment verandert de plaatsing niet.",
                "DigiD connection: relief does not count in this room, so the yearly ICT security assessment does not change the placement.",
            )),
        }
        super::catalogue::push_citation(&mut sources, Citation::new(&f.source, &f.section));
    }
    let sum: f64 = raw.values().sum();
    let weights = if sum > 0.0 {
        raw.iter().map(|(&c, &x)| (c, x / sum)).collect()
    } else {
        room.clone()
    };
    (weights, notes, sources)
}

/// A placement rule by its title for a reader: the short name of its source ("AVG"), else the
/// source's title ("Rijksbreed cloudbeleid 2022"); never the rule's id.
fn rule_title(catalogue: &Catalogue, rule: &AppliedRule, lang: Lang) -> String {
    rule.citations
        .first()
        .and_then(|c| catalogue.source(&c.source))
        .map(|s| {
            let short = s.short.get(lang);
            if short.is_empty() {
                s.title.clone()
            } else {
                short.to_string()
            }
        })
        .unwrap_or_else(|| rule.text.get(lang).to_string())
}

/// "a, b en c" / "a, b and c" (with `nl` / `en` as the last joining word).
fn word_list(items: &[String], lang: Lang, nl: &str, en: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => {
            let word = match lang {
                Lang::Nl => nl,
                Lang::En => en,
            };
            format!("{} {word} {last}", head.join(", "))
        }
    }
}

/// Places one workload on the best admissible candidate of `ranking` (an [`Evaluation`]'s),
/// with the reason and the rules; the portfolio places each distinct application group with it.
pub fn place_workload(
    catalogue: &Catalogue,
    profile: &Profile,
    ranking: &[Ranked],
    w: &super::profile::Workload,
) -> WorkloadPlacement {
    let mut rules = rules_for(catalogue, profile, w.data);
    if w.digid {
        // Rules for citizen-facing services (accessibility) that the data class alone misses.
        for r in catalogue
            .placement_rules
            .iter()
            .filter(|r| r.digid && !r.applies_to.contains(&w.data))
        {
            rules.push(AppliedRule {
                id: r.id.clone(),
                text: r.text.clone(),
                citations: r.citations(),
                status: catalogue.status_of(&r.source),
                forbids_public: false,
            });
        }
    }
    let forbidding: Vec<&AppliedRule> = rules.iter().filter(|r| r.forbids_public).collect();
    let room: BTreeMap<Criterion, f64> = ranking
        .first()
        .map(|r| r.criteria.iter().map(|c| (c.criterion, c.weight)).collect())
        .unwrap_or_default();
    let (weights, notes, mut sources) = workload_weights(catalogue, &room, w);
    let totals: Vec<f64> = ranking
        .iter()
        .map(|r| {
            let mut scores: BTreeMap<Criterion, f64> =
                r.criteria.iter().map(|c| (c.criterion, c.score)).collect();
            for &k in weights.keys() {
                if !scores.contains_key(&k)
                    && let Some(c) = catalogue.candidate(r.key)
                {
                    scores.insert(k, derive(catalogue, c, k).score);
                }
            }
            snap_total(weighted_total(&scores, &weights))
        })
        .collect();
    let order = rank_order(&totals);

    let mut skipped: Vec<CandidateKey> = vec![];
    let mut admissible: Vec<(&Ranked, f64)> = vec![];
    for &i in &order {
        let r = &ranking[i];
        if !w.models.is_empty() && !w.models.contains(&r.key.service_model) {
            continue;
        }
        if r.key.deployment.is_public() && !forbidding.is_empty() {
            skipped.push(r.key);
            continue;
        }
        admissible.push((r, totals[i]));
    }
    let skipped_text = |lang: Lang| -> Option<String> {
        if skipped.is_empty() {
            return None;
        }
        let mut by: Vec<String> = vec![];
        for f in &forbidding {
            let title = rule_title(catalogue, f, lang);
            if !by.contains(&title) {
                by.push(title);
            }
        }
        let names: Vec<String> = skipped
            .iter()
            .map(|&k| catalogue.candidate_name(k, lang))
            .collect();
        Some(match lang {
            Lang::Nl => format!(
                "Overgeslagen door {}: {}.",
                word_list(&by, lang, "en", "and"),
                names.join("; ")
            ),
            Lang::En => format!(
                "Skipped because of {}: {}.",
                word_list(&by, lang, "en", "and"),
                names.join("; ")
            ),
        })
    };
    let mut chosen: Option<(&Ranked, f64)> = admissible.first().copied();
    let mut collab_note: Option<Localized> = None;
    // Whether the collaboration holds the workload although another candidate scores more.
    let mut held = false;
    if let Some(cid) = &w.collaboration
        && let Some(collab) = profile.collaboration(cid)
    {
        let margin = &catalogue.workload_attributes.collaboration_margin;
        let within = admissible
            .iter()
            .copied()
            .find(|(r, _)| r.key.option == collab.option);
        match (chosen, within) {
            (Some((best, bt)), Some((inside, it))) if best.key.option != collab.option => {
                let gap = bt - it;
                if gap < margin.value {
                    chosen = Some((inside, it));
                    held = true;
                    collab_note = Some(Localized::new(
                        format!(
                            "Hoort bij {}: blijft daar, want {} scoort maar {} meer (minder dan de marge van {}; aanname van wolkwijzer: {}).",
                            collab.name,
                            catalogue.candidate_name(best.key, Lang::Nl),
                            text::decimal(gap, 2, Lang::Nl),
                            text::number(margin.value, 2, Lang::Nl),
                            margin.nl
                        ),
                        format!(
                            "Belongs to {}: stays there, as {} scores only {} more (less than the margin of {}; wolkwijzer's assumption: {}).",
                            collab.name,
                            catalogue.candidate_name(best.key, Lang::En),
                            text::decimal(gap, 2, Lang::En),
                            text::number(margin.value, 2, Lang::En),
                            margin.en
                        ),
                    ));
                } else {
                    collab_note = Some(Localized::new(
                        format!(
                            "Hoort bij {}, maar {} scoort {} meer dan de beste plek daar (meer dan de marge van {}): vertrekken loont, met uittreding volgens de regeling.",
                            collab.name,
                            catalogue.candidate_name(best.key, Lang::Nl),
                            text::decimal(gap, 2, Lang::Nl),
                            text::number(margin.value, 2, Lang::Nl),
                        ),
                        format!(
                            "Belongs to {}, but {} scores {} more than the best place there (more than the margin of {}): leaving pays, with exit under the arrangement.",
                            collab.name,
                            catalogue.candidate_name(best.key, Lang::En),
                            text::decimal(gap, 2, Lang::En),
                            text::number(margin.value, 2, Lang::En),
                        ),
                    ));
                }
                super::catalogue::push_citation(
                    &mut sources,
                    Citation::new(&margin.source, &margin.section),
                );
            }
            (Some(_), Some(_)) => {
                collab_note = Some(Localized::new(
                    format!(
                        "Hoort bij {} en blijft daar: de beste plek is ook de beste.",
                        collab.name
                    ),
                    format!(
                        "Belongs to {} and stays there: it is also the best place.",
                        collab.name
                    ),
                ));
            }
            (_, None) => {
                collab_note = Some(Localized::new(
                    format!(
                        "Hoort bij {}, maar die biedt geen toelaatbare kandidaat voor dit werkproces.",
                        collab.name
                    ),
                    format!(
                        "Belongs to {}, but it offers no admissible candidate for this workload.",
                        collab.name
                    ),
                ));
            }
            (None, _) => {}
        }
    }
    let class = w.data.name();
    let saas_only = w.models == [ServiceModel::Saas];
    let models_text = |lang: Lang| -> String {
        if w.models.is_empty() {
            return String::new();
        }
        if saas_only {
            return match lang {
                Lang::Nl => ", alleen als SaaS leverbaar".into(),
                Lang::En => ", offered as SaaS only".into(),
            };
        }
        let names: Vec<String> = w
            .models
            .iter()
            .map(|&m| super::catalogue::short_model(m, lang).to_string())
            .collect();
        let list = word_list(&names, lang, "of", "or");
        match lang {
            Lang::Nl => format!(", beschikbaar als {list}"),
            Lang::En => format!(", available as {list}"),
        }
    };
    let mut nl = vec![];
    let mut en = vec![];
    match chosen {
        Some((r, t)) => {
            let (lead_nl, lead_en) = if held {
                (
                    "Geplaatst bij de samenwerking",
                    "Placed with the collaboration",
                )
            } else {
                ("Beste toelaatbare kandidaat", "Best admissible candidate")
            };
            nl.push(format!(
                "{lead_nl} voor {}{}: {} (score {} voor dit werkproces; {} in de algemene ranglijst).",
                class.nl.to_lowercase(),
                models_text(Lang::Nl),
                catalogue.candidate_name(r.key, Lang::Nl),
                text::decimal(t, 2, Lang::Nl),
                text::rank_words(r.rank, r.tied, Lang::Nl),
            ));
            en.push(format!(
                "{lead_en} for {}{}: {} (score {} for this workload; {} in the overall ranking).",
                class.en.to_lowercase(),
                models_text(Lang::En),
                catalogue.candidate_name(r.key, Lang::En),
                text::decimal(t, 2, Lang::En),
                text::rank_words(r.rank, r.tied, Lang::En),
            ));
        }
        None => {
            nl.push(format!(
                "Geen toelaatbare kandidaat voor {}{}.",
                class.nl.to_lowercase(),
                models_text(Lang::Nl)
            ));
            en.push(format!(
                "No admissible candidate for {}{}.",
                class.en.to_lowercase(),
                models_text(Lang::En)
            ));
        }
    }
    if saas_only {
        nl.push("De leverancier levert het alleen als SaaS: eigen datacenter, colocatie, IaaS en PaaS vallen af.".into());
        en.push("The vendor offers it as SaaS only: own datacenter, colocation, IaaS and PaaS drop out.".into());
    }
    for n in &notes {
        nl.push(n.nl.clone());
        en.push(n.en.clone());
    }
    if let Some(c) = collab_note {
        nl.push(c.nl);
        en.push(c.en);
    }
    if let (Some(s_nl), Some(s_en)) = (skipped_text(Lang::Nl), skipped_text(Lang::En)) {
        nl.push(s_nl);
        en.push(s_en);
    }
    let lifted: Vec<&str> = rules
        .iter()
        .filter(|r| {
            !r.forbids_public
                && catalogue
                    .placement_rules
                    .iter()
                    .any(|p| p.id == r.id && p.forbids == Forbids::Public)
        })
        .map(|r| r.id.as_str())
        .collect();
    if !lifted.is_empty() {
        nl.push(format!(
            "Opgeheven: {} (het profiel aanvaardt publieke cloud voor deze gegevens onder de voorwaarden).",
            lifted.join(", ")
        ));
        en.push(format!(
            "Lifted: {} (the profile accepts public cloud for this data under the conditions).",
            lifted.join(", ")
        ));
    }
    WorkloadPlacement {
        name: w.name.clone(),
        data: w.data,
        key: chosen.map(|(r, _)| r.key),
        total: chosen.map(|(_, t)| t),
        explanation: Localized::new(nl.join(" "), en.join(" ")),
        sources,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Each case derives every score twice (debug builds are slow): a few dozen suffice.
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Scores derived once give exactly the evaluation that deriving them anew gives,
        /// whatever the weights.
        #[test]
        fn derived_once_is_the_same_evaluation(
            w in proptest::collection::vec(0.0f64..100.0, Criterion::ALL.len()),
        ) {
            let cat = crate::io::catalogue::built_in();
            let mut p = crate::io::profile::demo();
            let pairs: Vec<(Criterion, f64)> =
                Criterion::ALL.iter().copied().zip(w.iter().copied()).collect();
            p.weights = Weights::from_pairs(&pairs);
            let derived = DerivedScores::of(&cat);
            prop_assert!(derived.fits(&cat));
            let a = evaluate_with(&cat, &p, &p.weights, &p.constraints);
            let b = evaluate_derived(&cat, &derived, &p, &p.weights, &p.constraints);
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn derived_scores_of_another_catalogue_are_derived_anew() {
        let cat = crate::io::catalogue::built_in();
        let p = crate::io::profile::demo();
        let mut smaller = cat.clone();
        smaller.candidates.pop();
        let stale = DerivedScores::of(&smaller);
        assert!(!stale.fits(&cat));
        assert_eq!(
            evaluate_derived(&cat, &stale, &p, &p.weights, &p.constraints),
            evaluate(&cat, &p)
        );
    }
}
