//! Named weight sets side by side (issue 15): the room saves its weights under a name
//! ("directie", "raad") and compares how each set ranks the same candidates under the same
//! constraints. Pure: the caller says how a set of weights is evaluated (one municipality, a
//! member, or the group decision), so the comparison ranks exactly what the screen ranks.

use crate::core::catalogue::CandidateKey;
use crate::core::profile::Weights;
use crate::core::scoring::{Evaluation, ScoreError};

/// One named set's outcome: its ranking (candidate, rank, total) best first, or why none.
#[derive(Debug, Clone, PartialEq)]
pub struct SetOutcome {
    pub name: String,
    pub ranking: Result<Vec<(CandidateKey, usize, f64)>, ScoreError>,
}

impl SetOutcome {
    /// The candidate this set puts first (`None`: nothing admissible or all weights zero).
    pub fn winner(&self) -> Option<CandidateKey> {
        self.ranking.as_ref().ok()?.first().map(|r| r.0)
    }

    /// The rank this set gives a candidate.
    pub fn rank_of(&self, key: CandidateKey) -> Option<usize> {
        self.ranking
            .as_ref()
            .ok()?
            .iter()
            .find(|r| r.0 == key)
            .map(|r| r.1)
    }
}

/// The sets compared: each one's outcome, in the order they were saved.
#[derive(Debug, Clone, PartialEq)]
pub struct SetComparison {
    pub sets: Vec<SetOutcome>,
}

impl SetComparison {
    /// Ranks every set with `evaluate`.
    pub fn new<'a>(
        sets: impl IntoIterator<Item = (&'a str, &'a Weights)>,
        evaluate: impl Fn(&Weights) -> Result<Evaluation, ScoreError>,
    ) -> SetComparison {
        SetComparison {
            sets: sets
                .into_iter()
                .map(|(name, w)| SetOutcome {
                    name: name.to_string(),
                    ranking: evaluate(w)
                        .map(|e| e.ranking.iter().map(|r| (r.key, r.rank, r.total)).collect()),
                })
                .collect(),
        }
    }

    /// The distinct winners, in the order of the first set that chose each.
    pub fn winners(&self) -> Vec<CandidateKey> {
        let mut out = vec![];
        for w in self.sets.iter().filter_map(SetOutcome::winner) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    /// Whether every set that ranks anything puts the same candidate first.
    pub fn agree(&self) -> bool {
        self.winners().len() <= 1
    }

    /// The candidates to show side by side: every set's top `n`, in the first set's order
    /// where it ranks them, then the others.
    pub fn candidates(&self, n: usize) -> Vec<CandidateKey> {
        let mut out: Vec<CandidateKey> = vec![];
        for s in &self.sets {
            if let Ok(r) = &s.ranking {
                for &(k, _, _) in r.iter().take(n) {
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
            }
        }
        out
    }

    /// The candidates whose rank differs between the sets (among `candidates(n)`).
    pub fn disputed(&self, n: usize) -> Vec<CandidateKey> {
        self.candidates(n)
            .into_iter()
            .filter(|&k| {
                let ranks: Vec<Option<usize>> = self.sets.iter().map(|s| s.rank_of(k)).collect();
                ranks.windows(2).any(|w| w[0] != w[1])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::criteria::Criterion;

    fn demo() -> (
        crate::core::catalogue::Catalogue,
        crate::core::profile::Profile,
    ) {
        (crate::io::catalogue::built_in(), crate::io::profile::demo())
    }

    /// The demo ranked with other weights.
    fn with_weights(
        cat: &crate::core::catalogue::Catalogue,
        p: &crate::core::profile::Profile,
        w: &Weights,
    ) -> Result<Evaluation, ScoreError> {
        let mut q = p.clone();
        q.weights = w.clone();
        crate::core::scoring::evaluate(cat, &q)
    }

    #[test]
    fn sets_that_weigh_differently_can_pick_different_winners() {
        let (cat, p) = demo();
        let cost = Weights::from_pairs(&[(Criterion::CostPredictability, 10.0)]);
        let control = Weights::from_pairs(&[(Criterion::Control, 10.0)]);
        let eval = |w: &Weights| with_weights(&cat, &p, w);
        let c = SetComparison::new([("directie", &cost), ("raad", &control)], eval);
        assert_eq!(c.sets.len(), 2);
        let (a, b) = (c.sets[0].winner(), c.sets[1].winner());
        assert!(a.is_some() && b.is_some());
        assert_eq!(c.agree(), a == b);
        assert_eq!(c.winners().len(), if a == b { 1 } else { 2 });
        // A candidate is disputed exactly when its ranks differ.
        for k in c.disputed(5) {
            assert_ne!(c.sets[0].rank_of(k), c.sets[1].rank_of(k));
        }
        // The same set twice always agrees and disputes nothing.
        let same = SetComparison::new([("a", &cost), ("b", &cost)], eval);
        assert!(same.agree() && same.disputed(20).is_empty());
    }

    #[test]
    fn a_set_of_zero_weights_ranks_nothing_and_does_not_count_as_a_winner() {
        let (cat, p) = demo();
        let zero = Weights::from_pairs(&[]);
        let cost = Weights::from_pairs(&[(Criterion::CostPredictability, 1.0)]);
        let eval = |w: &Weights| with_weights(&cat, &p, w);
        let c = SetComparison::new([("leeg", &zero), ("kosten", &cost)], eval);
        assert!(c.sets[0].ranking.is_err());
        assert_eq!(c.sets[0].winner(), None);
        assert!(c.agree());
    }
}
