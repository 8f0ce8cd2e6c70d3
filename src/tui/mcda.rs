//! The TUI side of the decision tools: how each municipality's weights are being elicited
//! (direct points, swing, rank-order centroid, rank-sum, AHP) and the analyses the comparison
//! screen shows (sensitivity, SMAA, TOPSIS, the starter group), cached so that drawing never
//! computes. All arithmetic is the core's (`core::mcda`, `core::analysis`, `core::group`); this
//! file only keeps the room's input and turns it into weights.

use crate::core::analysis::{self, AnalysisError, ProfileAnalysis, SamplingSettings};
use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::group::{
    GroupError, GroupEvaluation, GroupWeighting, evaluate_group_as, member_profile,
    merged_constraints,
};
use crate::core::mcda::McdaError;
use crate::core::mcda::ahp::{self, AhpAnalysis, AhpDerivation, PairwiseMatrix};
use crate::core::mcda::elicitation::{self, ElicitedWeights, WeightMethod};
use crate::core::profile::{Profile, Subject, Weights};
use crate::io::store::WeightRecord;

/// How the weights are being elicited on the weights screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Points per criterion on a slider.
    Direct,
    /// Swing weighting: order the swings, rate them relative to the top one (100).
    Swing,
    /// Rank-order centroid from a plain ranking.
    Roc,
    /// Rank-sum weights from a plain ranking.
    RankSum,
    /// AHP pairwise comparison on Saaty's 1–9 scale.
    Ahp,
}

impl Method {
    /// The methods in the order `t` cycles through them.
    pub const ALL: [Method; 5] = [
        Method::Direct,
        Method::Swing,
        Method::Roc,
        Method::RankSum,
        Method::Ahp,
    ];

    /// The next method (wraps).
    pub fn next(self) -> Method {
        let i = Method::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Method::ALL[(i + 1) % Method::ALL.len()]
    }

    /// Position in [`Method::ALL`].
    pub fn index(self) -> usize {
        Method::ALL.iter().position(|&m| m == self).unwrap_or(0)
    }
}

/// One swing rating step (`+`/`-`).
pub const SWING_STEP: f64 = 5.0;

/// The AHP judgement slider runs from −8 to 8: 0 is "equally important" (1), `k > 0` means the
/// left criterion is `k + 1` times as important (2 … 9), `k < 0` the right one.
pub const AHP_SLIDER_MAX: i32 = 8;

/// Saaty value of a slider position for the pair (left, right): `a_left,right`.
pub fn judgement_of(pos: i32) -> f64 {
    let p = pos.clamp(-AHP_SLIDER_MAX, AHP_SLIDER_MAX);
    if p >= 0 {
        (p + 1) as f64
    } else {
        1.0 / (1 - p) as f64
    }
}

/// Slider position of a Saaty value (rounded to the nearest scale point).
pub fn position_of(a: f64) -> i32 {
    if a >= 1.0 {
        (a.round() as i32 - 1).clamp(0, AHP_SLIDER_MAX)
    } else {
        -((1.0 / a).round() as i32 - 1).clamp(0, AHP_SLIDER_MAX)
    }
}

/// The room's input for one municipality, per method.
#[derive(Debug, Clone, PartialEq)]
pub struct Elicitation {
    /// The method on screen.
    pub method: Method,
    /// The criteria elicited (the criteria in play when the elicitation started).
    pub criteria: Vec<Criterion>,
    /// Indices into `criteria`, most important swing/rank first (swing, ROC, rank-sum).
    pub order: Vec<usize>,
    /// Swing rating per position of `order` (position 0 is the top swing: 100).
    pub ratings: Vec<f64>,
    /// Cursor in the order list.
    pub row: usize,
    /// The AHP judgements.
    pub ahp: PairwiseMatrix,
    /// Cursor over the AHP pairs (`ahp::upper_pairs` order).
    pub pair: usize,
    /// The AHP analysis of `ahp` (recomputed after every judgement: cheap).
    pub analysis: Option<AhpAnalysis>,
}

impl Elicitation {
    /// A fresh elicitation that starts from the given raw weights: the order follows the
    /// weights (largest first, ties in canonical order), swing ratings are the weights relative
    /// to the largest, rounded to 5, and each AHP judgement is the ratio of the two weights on
    /// Saaty's scale (see [`ahp_from_weights`]).
    pub fn from_weights(w: &Weights) -> Elicitation {
        let criteria = w.criteria();
        let mut order: Vec<usize> = (0..criteria.len()).collect();
        order.sort_by(|&a, &b| w.get(criteria[b]).total_cmp(&w.get(criteria[a])));
        let top = order.first().map(|&i| w.get(criteria[i])).unwrap_or(0.0);
        let mut ratings: Vec<f64> = order
            .iter()
            .map(|&i| {
                if top > 0.0 {
                    (w.get(criteria[i]) / top * 100.0 / SWING_STEP).round() * SWING_STEP
                } else {
                    100.0
                }
            })
            .collect();
        if let Some(r) = ratings.first_mut() {
            *r = 100.0;
        }
        let ahp = ahp_from_weights(w, &criteria);
        let mut e = Elicitation {
            method: Method::Direct,
            criteria,
            order,
            ratings,
            row: 0,
            ahp,
            pair: 0,
            analysis: None,
        };
        e.normalise_ratings();
        e.reanalyse();
        e
    }

    /// Takes over a stored record (a restored session), when it fits these criteria.
    pub fn restore(&mut self, rec: &WeightRecord) {
        if rec.criteria != self.criteria {
            return;
        }
        let n = self.criteria.len();
        let order_from_ranks = |ranks: &[usize]| {
            let mut o: Vec<usize> = (0..ranks.len()).collect();
            o.sort_by_key(|&i| ranks[i]);
            o
        };
        match &rec.how {
            WeightMethod::Swing { order, ratings } if order.len() == n => {
                self.method = Method::Swing;
                self.ratings = order.iter().map(|&c| ratings[c]).collect();
                self.order = order.clone();
            }
            WeightMethod::RankOrderCentroid { ranks } if ranks.len() == n => {
                self.method = Method::Roc;
                self.order = order_from_ranks(ranks);
            }
            WeightMethod::RankSum { ranks } if ranks.len() == n => {
                self.method = Method::RankSum;
                self.order = order_from_ranks(ranks);
            }
            WeightMethod::Ahp { judgements, .. } => {
                if let Some(m) = PairwiseMatrix::new(judgements)
                    .ok()
                    .filter(|m| m.size() == n)
                {
                    self.method = Method::Ahp;
                    self.ahp = m;
                }
            }
            _ => {}
        }
        self.normalise_ratings();
        self.reanalyse();
    }

    /// Swing ratings: the top is 100, each next one at most the one above, all in 0–100.
    fn normalise_ratings(&mut self) {
        let mut prev = 100.0;
        for (p, r) in self.ratings.iter_mut().enumerate() {
            *r = if p == 0 { 100.0 } else { r.clamp(0.0, prev) };
            prev = *r;
        }
    }

    fn reanalyse(&mut self) {
        self.analysis = ahp::analyse(&self.ahp, ahp::DEFAULT_RANDOM_INDEX).ok();
    }

    /// The AHP pairs `(i, j)` with `i < j`, in the order the list shows them.
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        ahp::upper_pairs(self.criteria.len()).collect()
    }

    /// The rank (1 = first) of each criterion according to `order`.
    pub fn ranks(&self) -> Vec<usize> {
        let mut ranks = vec![0; self.order.len()];
        for (p, &c) in self.order.iter().enumerate() {
            ranks[c] = p + 1;
        }
        ranks
    }

    /// Swing rating per criterion (indexed like `criteria`).
    pub fn ratings_by_criterion(&self) -> Vec<f64> {
        let mut r = vec![0.0; self.order.len()];
        for (p, &c) in self.order.iter().enumerate() {
            r[c] = self.ratings.get(p).copied().unwrap_or(0.0);
        }
        r
    }

    /// The weight vector the current method gives (`None` for direct points: the sliders are
    /// the weights).
    pub fn result(&self) -> Option<Result<ElicitedWeights, McdaError>> {
        Some(match self.method {
            Method::Direct => return None,
            Method::Swing => elicitation::swing(&self.order, &self.ratings_by_criterion()),
            Method::Roc => elicitation::rank_order_centroid(&self.ranks()),
            Method::RankSum => elicitation::rank_sum(&self.ranks()),
            Method::Ahp => match &self.analysis {
                Some(a) => Ok(a.to_elicited(&self.ahp, AhpDerivation::Eigenvector)),
                None => ahp::analyse(&self.ahp, ahp::DEFAULT_RANDOM_INDEX)
                    .map(|a| a.to_elicited(&self.ahp, AhpDerivation::Eigenvector)),
            },
        })
    }

    /// Moves the cursor in the method's list (order rows or AHP pairs).
    pub fn move_cursor(&mut self, down: bool) {
        let pairs = self.pairs().len();
        let (cur, len) = match self.method {
            Method::Ahp => (&mut self.pair, pairs),
            _ => (&mut self.row, self.order.len()),
        };
        if len == 0 {
            return;
        }
        *cur = if down {
            (*cur + 1).min(len - 1)
        } else {
            cur.saturating_sub(1)
        };
    }

    /// Moves the criterion under the cursor one place up (`up`) or down in the order; the
    /// swing ratings stay with their positions. Returns whether anything moved.
    pub fn reorder(&mut self, up: bool) -> bool {
        let r = self.row;
        let other = if up { r.checked_sub(1) } else { Some(r + 1) };
        match other {
            Some(o) if o < self.order.len() && r < self.order.len() => {
                self.order.swap(r, o);
                self.row = o;
                true
            }
            _ => false,
        }
    }

    /// Changes the swing rating under the cursor by `delta` (the top swing stays 100).
    pub fn rate(&mut self, delta: f64) -> bool {
        let p = self.row;
        if p == 0 || p >= self.ratings.len() {
            return false;
        }
        let above = self.ratings[p - 1];
        let before = self.ratings[p];
        self.ratings[p] = (before + delta).clamp(0.0, above);
        // Lowering a rating may push the ones below it down too.
        self.normalise_ratings();
        self.ratings[p] != before
    }

    /// Moves the AHP slider of the pair under the cursor by `steps`.
    pub fn judge_step(&mut self, steps: i32) -> bool {
        let Some(&(i, j)) = self.pairs().get(self.pair) else {
            return false;
        };
        let pos = position_of(self.ahp.get(i, j));
        self.judge(i, j, judgement_of(pos + steps))
    }

    /// Sets `a_ij` (and its reciprocal).
    pub fn judge(&mut self, i: usize, j: usize, value: f64) -> bool {
        match self.ahp.with_judgement(i, j, value) {
            Ok(m) if m != self.ahp => {
                self.ahp = m;
                self.reanalyse();
                true
            }
            _ => false,
        }
    }

    /// Puts the AHP cursor on the next of the most inconsistent judgements (after the one under
    /// the cursor, wrapping); returns whether there is one.
    pub fn next_inconsistent(&mut self) -> bool {
        let Some(a) = &self.analysis else {
            return false;
        };
        let pairs = self.pairs();
        let idx: Vec<usize> = a
            .most_inconsistent
            .iter()
            .filter_map(|x| {
                pairs
                    .iter()
                    .position(|&p| p == (x.i.min(x.j), x.i.max(x.j)))
            })
            .collect();
        if idx.is_empty() {
            return false;
        }
        let at = idx.iter().position(|&p| p == self.pair);
        self.pair = match at {
            Some(k) => idx[(k + 1) % idx.len()],
            None => idx[0],
        };
        true
    }

    /// The place (1–3) of pair `(i, j)` among the most inconsistent judgements, if it is one.
    pub fn inconsistency_rank(&self, i: usize, j: usize) -> Option<usize> {
        self.analysis.as_ref().and_then(|a| {
            a.most_inconsistent
                .iter()
                .position(|x| (x.i.min(x.j), x.i.max(x.j)) == (i, j))
                .map(|k| k + 1)
        })
    }
}

/// The AHP judgements the current weights imply: `a_ij = w_i / w_j` rounded to the nearest
/// point of Saaty's 1–9 scale (a zero weight against a positive one is the scale's end, 9 or
/// 1/9; two zeros are equal). So switching to AHP starts from what the room already said,
/// not from "all equal".
pub fn ahp_from_weights(w: &Weights, criteria: &[Criterion]) -> PairwiseMatrix {
    let n = criteria.len().max(1);
    let mut upper = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..criteria.len() {
        for j in i + 1..criteria.len() {
            let (a, b) = (w.get(criteria[i]), w.get(criteria[j]));
            let ratio = match (a > 0.0, b > 0.0) {
                (true, true) => a / b,
                (true, false) => 9.0,
                (false, true) => 1.0 / 9.0,
                (false, false) => 1.0,
            };
            upper.push(judgement_of(position_of(ratio)));
        }
    }
    PairwiseMatrix::from_upper_triangle(n, &upper)
        .or_else(|_| PairwiseMatrix::equal(n))
        .expect("an all-equal matrix is valid")
}

/// The profile as municipality `m` sees it, with the room's weights for it. For a starter
/// group, `m` past the last member is the group itself: the strictest of every member's
/// constraints (admissible for all), as the group decision has it.
pub fn member_view(profile: &Profile, m: usize, weights: &Weights) -> Profile {
    let members = profile.subject.members();
    let mut p = match members.get(m) {
        Some(member) if profile.subject.is_group() => member_profile(profile, member),
        None if profile.subject.is_group() => {
            let mut p = profile.clone();
            p.constraints = merged_constraints(profile);
            p
        }
        _ => profile.clone(),
    };
    p.weights = weights.clone();
    p
}

/// The group profile with the room's weights per member.
pub fn group_view(profile: &Profile, weights: &[Weights]) -> Profile {
    let mut p = profile.clone();
    if let Subject::Group { members, .. } = &mut p.subject {
        for (m, w) in members.iter_mut().zip(weights) {
            m.weights = Some(w.clone());
        }
    }
    p
}

/// A cached analysis and what it was computed from.
#[derive(Debug, Clone)]
pub struct Cached<T> {
    /// The profile (with the weights) it was computed for.
    pub input: Profile,
    pub value: T,
}

/// The analyses behind the sensitivity and group views; computed in `update`, never while
/// drawing, and again only when their input changed.
#[derive(Debug, Clone, Default)]
pub struct Analyses {
    /// Sensitivity of the municipality in focus (contributions, one-way, SMAA, TOPSIS).
    pub sensitivity: Option<Cached<Result<ProfileAnalysis, AnalysisError>>>,
    /// The starter group with the room's weights per member.
    pub group: Option<Cached<Result<GroupEvaluation, GroupError>>>,
}

impl Analyses {
    /// Recomputes the sensitivity analysis when `input` differs from the cached one.
    pub fn ensure_sensitivity(&mut self, catalogue: &Catalogue, input: Profile) {
        if self.sensitivity.as_ref().is_some_and(|c| c.input == input) {
            return;
        }
        let value = analysis::analyse(catalogue, &input, SamplingSettings::default());
        self.sensitivity = Some(Cached { input, value });
    }

    /// Recomputes the group evaluation when `input` differs from the cached one. The group is
    /// ranked by its plenary weights (the profile's `[weights]`, as the room set them), like
    /// the group decision on Summary and in the note.
    pub fn ensure_group(&mut self, catalogue: &Catalogue, input: Profile) {
        if self.group.as_ref().is_some_and(|c| c.input == input) {
            return;
        }
        let value = evaluate_group_as(catalogue, &input, GroupWeighting::Plenary);
        self.group = Some(Cached { input, value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slider_positions_map_to_saaty_values_and_back() {
        assert_eq!(judgement_of(0), 1.0);
        assert_eq!(judgement_of(4), 5.0);
        assert_eq!(judgement_of(-2), 1.0 / 3.0);
        assert_eq!(judgement_of(99), 9.0);
        for p in -AHP_SLIDER_MAX..=AHP_SLIDER_MAX {
            assert_eq!(position_of(judgement_of(p)), p);
        }
    }

    #[test]
    fn starting_from_weights_orders_by_weight_and_rates_relative_to_the_top() {
        let w = Weights::from_pairs(&[
            (Criterion::Privacy, 40.0),
            (Criterion::CostPredictability, 20.0),
            (Criterion::Control, 30.0),
        ]);
        let e = Elicitation::from_weights(&w);
        let names: Vec<Criterion> = e.order.iter().map(|&i| e.criteria[i]).collect();
        assert_eq!(
            names,
            vec![
                Criterion::Privacy,
                Criterion::Control,
                Criterion::CostPredictability
            ]
        );
        assert_eq!(e.ratings, vec![100.0, 75.0, 50.0]);
        // AHP starts from the weights: privacy (40) against cost predictability (20) is 2.
        let i = e
            .criteria
            .iter()
            .position(|&c| c == Criterion::Privacy)
            .unwrap();
        let j = e
            .criteria
            .iter()
            .position(|&c| c == Criterion::CostPredictability)
            .unwrap();
        assert_eq!(e.ahp.get(i, j), 2.0);
        assert_eq!(e.ahp.get(j, i), 0.5);
    }

    #[test]
    fn ahp_from_weights_handles_zeros_and_large_ratios() {
        let w = Weights::from_pairs(&[
            (Criterion::Privacy, 100.0),
            (Criterion::Control, 5.0),
            (Criterion::Exit, 0.0),
        ]);
        let c = w.criteria();
        let m = ahp_from_weights(&w, &c);
        let at = |a: Criterion, b: Criterion| {
            m.get(
                c.iter().position(|&x| x == a).unwrap(),
                c.iter().position(|&x| x == b).unwrap(),
            )
        };
        assert_eq!(
            at(Criterion::Privacy, Criterion::Control),
            9.0,
            "20 clamps to 9"
        );
        assert_eq!(at(Criterion::Control, Criterion::Exit), 9.0);
        assert_eq!(at(Criterion::Exit, Criterion::Privacy), 1.0 / 9.0);
    }

    #[test]
    fn swing_ratings_never_exceed_the_one_above() {
        let w = Weights::from_pairs(&[
            (Criterion::Privacy, 40.0),
            (Criterion::CostPredictability, 40.0),
            (Criterion::Control, 40.0),
        ]);
        let mut e = Elicitation::from_weights(&w);
        e.row = 2;
        assert!(!e.rate(SWING_STEP), "already at the rating above");
        e.row = 1;
        assert!(e.rate(-30.0));
        assert_eq!(e.ratings, vec![100.0, 70.0, 70.0]);
        e.row = 0;
        assert!(!e.rate(-5.0), "the top swing stays 100");
    }
}
