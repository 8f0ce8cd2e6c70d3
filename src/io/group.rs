//! The members of a starter group in a profile: each `[[municipalities]]` entry may carry its
//! own `weights` (the blind round: same keys and rules as the top-level `[weights]`) and its own
//! `constraints` (same keys and rules as `[constraints]`). A member without them uses the
//! group's. The checks are path-generic, so every error names the member, e.g.
//! `municipalities[2].weights.speed`.
//!
//! ```toml
//! [[municipalities]]
//! name = "Aarle"
//! inhabitants = 12100
//! workplaces = 110
//!
//! [municipalities.weights]      # Aarle's own weights
//! privacy = 35
//! cost_predictability = 30
//! control = 15
//!
//! [municipalities.constraints]  # Aarle's own hard constraints (replace the group's)
//! exclude_deployments = ["public"]
//! ```

use toml::de::DeTable;

use super::walk::{Val, Walker, get, join};
use crate::core::catalogue::{Deployment, PlacementOption};
use crate::core::criteria::Criterion;
use crate::core::profile::{Constraints, Weights};

/// The keys a `[[municipalities]]` entry may have on top of a single municipality's.
pub const MEMBER_KEYS: &[&str] = &["weights", "constraints"];

/// The keys of a constraints table.
const CONSTRAINT_KEYS: &[&str] = &[
    "data_in_eea",
    "no_pay_per_use",
    "max_one_off_budget",
    "exclude_options",
    "exclude_deployments",
    "min_scores",
];

/// Reads a group member's own `weights` and `constraints` from its table `t` at `path`
/// (`municipalities[i]`); `None` for each that is absent or invalid (errors are recorded).
pub fn member_overrides(
    w: &mut Walker<'_>,
    t: &DeTable<'_>,
    path: &str,
) -> (Option<Weights>, Option<Constraints>) {
    let weights = get(t, "weights").and_then(|v| weights_at(w, v, &join(path, "weights")));
    let constraints =
        get(t, "constraints").map(|v| constraints_at(w, v, &join(path, "constraints")));
    (weights, constraints)
}

/// A weights table at `path`: every key a criterion id with a number 0–1,000,000, the three core
/// criteria present, not all zero.
pub fn weights_at(w: &mut Walker<'_>, v: &Val<'_>, path: &str) -> Option<Weights> {
    let t = w.table(v, path)?;
    let mut pairs = vec![];
    let mut valid = true;
    for (k, val) in t.iter() {
        let field = join(path, k.get_ref());
        match Criterion::from_id(k.get_ref()) {
            Some(c) => match w.number(val, &field, 0.0, 1_000_000.0) {
                Some(x) => pairs.push((c, x)),
                None => valid = false,
            },
            None => {
                w.error_allowed(
                    k.span().start,
                    &field,
                    format!("unknown criterion `{}`", k.get_ref()),
                    Criterion::allowed(),
                );
                valid = false;
            }
        }
    }
    for c in Criterion::CORE {
        if get(t, c.id()).is_none() {
            w.missing(
                v.span().start,
                &join(path, c.id()),
                "a weight for every core criterion (0 is allowed)",
            );
            valid = false;
        }
    }
    if valid && pairs.iter().all(|(_, x)| *x == 0.0) {
        w.error_allowed(
            v.span().start,
            path,
            "all weights are zero",
            "non-negative numbers, at least one above 0",
        );
        return None;
    }
    valid.then(|| Weights::from_pairs(&pairs))
}

/// A constraints table at `path` (see the README's profile format for the keys).
pub fn constraints_at(w: &mut Walker<'_>, v: &Val<'_>, path: &str) -> Constraints {
    let mut c = Constraints::default();
    let Some(t) = w.table(v, path) else {
        return c;
    };
    w.check_keys(t, path, CONSTRAINT_KEYS);
    if let Some(v) = get(t, "data_in_eea") {
        c.data_in_eea = w.boolean(v, &join(path, "data_in_eea")).unwrap_or(false);
    }
    if let Some(v) = get(t, "no_pay_per_use") {
        c.no_pay_per_use = w.boolean(v, &join(path, "no_pay_per_use")).unwrap_or(false);
    }
    if let Some(v) = get(t, "max_one_off_budget") {
        c.max_one_off_budget = w.money(v, &join(path, "max_one_off_budget"));
    }
    if let Some(v) = get(t, "exclude_options") {
        c.exclude_options = w.ids(
            v,
            &join(path, "exclude_options"),
            PlacementOption::from_id,
            &PlacementOption::allowed(),
        );
    }
    if let Some(v) = get(t, "exclude_deployments") {
        c.exclude_deployments = w.ids(
            v,
            &join(path, "exclude_deployments"),
            Deployment::from_id,
            &Deployment::allowed(),
        );
    }
    let min_path = join(path, "min_scores");
    if let Some(v) = get(t, "min_scores")
        && let Some(t) = w.table(v, &min_path)
    {
        for (k, val) in t.iter() {
            let field = join(&min_path, k.get_ref());
            match Criterion::from_id(k.get_ref()) {
                Some(crit) => {
                    if let Some(x) = w.number(val, &field, 0.0, 10.0) {
                        c.min_scores.insert(crit, x);
                    }
                }
                None => w.error_allowed(
                    k.span().start,
                    &field,
                    format!("unknown criterion `{}`", k.get_ref()),
                    Criterion::allowed(),
                ),
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_weights(text: &str) -> Result<Option<Weights>, String> {
        let mut w = Walker::new("m.toml", text);
        let doc = w.parse().map_err(|e| e.to_string())?;
        let v = get(doc.get_ref(), "weights").expect("a weights table");
        let weights = weights_at(&mut w, v, "municipalities[0].weights");
        w.finish(weights).map_err(|e| e.to_string())
    }

    #[test]
    fn member_weights_keep_optional_criteria_and_fill_missing_core_ones() {
        let weights = parse_weights(
            "[weights]\nprivacy = 3\ncost_predictability = 0\ncontrol = 1\nexit = 2\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(weights.get(Criterion::Exit), 2.0);
        assert_eq!(weights.criteria().len(), 4);
    }

    #[test]
    fn member_weights_errors_name_the_member() {
        let err = parse_weights("[weights]\nprivacy = 1\ncontrol = 1\n").unwrap_err();
        assert!(
            err.contains("municipalities[0].weights.cost_predictability: missing"),
            "{err}"
        );
        let err = parse_weights("[weights]\nprivacy = 0\ncost_predictability = 0\ncontrol = 0\n")
            .unwrap_err();
        assert!(
            err.contains("m.toml:1:1: municipalities[0].weights: all weights are zero"),
            "{err}"
        );
    }

    #[test]
    fn member_constraints_use_the_member_path() {
        let text = "[constraints]\nno_pay_per_use = true\nexclude_deployments = [\"public\"]\n\
                    min_scores = { privacy = 6 }\n";
        let mut w = Walker::new("m.toml", text);
        let doc = w.parse().unwrap();
        let v = get(doc.get_ref(), "constraints").unwrap();
        let c = constraints_at(&mut w, v, "municipalities[1].constraints");
        assert!(w.errors.is_empty());
        assert!(c.no_pay_per_use && !c.data_in_eea);
        assert_eq!(c.exclude_deployments, vec![Deployment::Public]);
        assert_eq!(c.min_scores[&Criterion::Privacy], 6.0);

        let mut w = Walker::new("m.toml", "[constraints]\nbudget = 1\n");
        let doc = w.parse().unwrap();
        let v = get(doc.get_ref(), "constraints").unwrap();
        constraints_at(&mut w, v, "municipalities[1].constraints");
        let err = w.finish(()).unwrap_err().to_string();
        assert!(
            err.starts_with("m.toml:2:1: municipalities[1].constraints.budget: unknown key"),
            "{err}"
        );
    }
}
