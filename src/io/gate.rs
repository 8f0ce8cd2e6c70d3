//! The one way in: every profile, however it arrives — a profile file, the copy embedded in a
//! session, an edit in the TUI, a profile checked against a `--catalogue` override — passes
//! [`check_profile`] before anything is computed from it. The checks are those of the profile
//! parser, on the typed value: the bounds of `core::bounds`, finite and non-negative weights,
//! known candidates in the *active* catalogue, and a business case the core can evaluate.
//!
//! Paths in the problems follow the serde field names of `core::profile::Profile` (the names
//! a session file uses); `io::store` prefixes them with `profile.` and finds their line and
//! column in the session text.

use std::collections::BTreeSet;

use crate::core::allocation::{AllocationError, validate_participants};
use crate::core::bounds::{MAX_AMOUNT, MAX_INHABITANTS, MAX_MEMBERS, MAX_WEIGHT, MAX_WORKPLACES};
use crate::core::business_case::ScenarioPlan;
use crate::core::catalogue::{Catalogue, DataClass};
use crate::core::criteria::Criterion;
use crate::core::profile::{Constraints, Municipality, Profile, Subject, Weights};
use rust_decimal::Decimal;

/// One problem found in a typed profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path with serde field names, e.g. `subject.municipality.inhabitants`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub allowed: Option<String>,
}

fn problem(path: impl Into<String>, message: impl Into<String>, allowed: &str) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
        allowed: (!allowed.is_empty()).then(|| allowed.to_string()),
    }
}

/// Checks a typed profile against the rules of the profile format and the bounds of
/// `core::bounds`, with business-case candidates looked up in `catalogue`. Empty when valid.
pub fn check_profile(p: &Profile, catalogue: &Catalogue) -> Vec<Problem> {
    let mut out = vec![];
    if p.title.trim().is_empty() {
        out.push(problem("title", "must not be empty", "a non-empty text"));
    }
    match &p.subject {
        Subject::Single { municipality } => {
            municipality_problems(municipality, "subject.municipality", false, &mut out);
        }
        Subject::Group { name, members } => {
            if name.trim().is_empty() {
                out.push(problem(
                    "subject.name",
                    "must not be empty",
                    "a non-empty text",
                ));
            }
            if members.len() < 2 || members.len() > MAX_MEMBERS {
                out.push(problem(
                    "subject.members",
                    format!("{} municipalities", members.len()),
                    &format!("a starter group of 2 to {MAX_MEMBERS} municipalities"),
                ));
            }
            let mut seen = BTreeSet::new();
            for (i, m) in members.iter().enumerate() {
                let path = format!("subject.members[{i}]");
                municipality_problems(m, &path, true, &mut out);
                if !seen.insert(m.name.as_str()) {
                    out.push(problem(
                        format!("{path}.name"),
                        format!(
                            "duplicate municipality name \"{}\"",
                            super::error::cut(&m.name)
                        ),
                        "",
                    ));
                }
            }
        }
    }
    out.extend(weight_problems(&p.weights, "weights"));
    constraint_problems(&p.constraints, "constraints", &mut out);
    let strict: Vec<&str> = p
        .public_cloud
        .accept_for
        .iter()
        .filter(|d| matches!(d, DataClass::Brp | DataClass::Special))
        .map(|d| d.id())
        .collect();
    if !strict.is_empty() && !p.public_cloud.conditions_met() {
        out.push(problem(
            "public_cloud.accept_for",
            format!(
                "accepting public cloud for {} needs all three conditions of the Rijksbreed cloudbeleid 2022",
                strict.join(" and ")
            ),
            "eea_storage = true, dpia = true and exit_strategy = true",
        ));
    }
    for (option, amount) in &p.one_off_estimates {
        if let Some(m) = amount_problem(*amount) {
            out.push(problem(
                format!("one_off_estimates.{}", option.id()),
                m,
                AMOUNT_ALLOWED,
            ));
        }
    }
    let mut names = BTreeSet::new();
    for (i, w) in p.workloads.iter().enumerate() {
        if w.name.trim().is_empty() {
            out.push(problem(
                format!("workloads[{i}].name"),
                "must not be empty",
                "a non-empty text",
            ));
        }
        if !names.insert(w.name.as_str()) {
            out.push(problem(
                format!("workloads[{i}].name"),
                format!("duplicate workload name \"{}\"", super::error::cut(&w.name)),
                "",
            ));
        }
    }
    if let Some(setup) = &p.business_case {
        business_case_problems(p, setup, catalogue, &mut out);
    }
    out
}

const AMOUNT_ALLOWED: &str = "an amount in EUR from 0 to 10000000000, at most 2 decimals";

fn amount_problem(d: Decimal) -> Option<String> {
    if d.is_sign_negative() && !d.is_zero() {
        Some(format!("{d} is negative"))
    } else if d > MAX_AMOUNT {
        Some(format!(
            "{} is too large",
            super::error::cut(&d.to_string())
        ))
    } else if d.normalize().scale() > 2 {
        Some(format!("{d} has more than two decimals"))
    } else {
        None
    }
}

fn municipality_problems(m: &Municipality, path: &str, member: bool, out: &mut Vec<Problem>) {
    if m.name.trim().is_empty() {
        out.push(problem(
            format!("{path}.name"),
            "must not be empty",
            "a non-empty text",
        ));
    }
    if m.inhabitants == 0 || m.inhabitants > MAX_INHABITANTS {
        out.push(problem(
            format!("{path}.inhabitants"),
            format!("{} is out of range", m.inhabitants),
            &format!("a whole number from 1 to {MAX_INHABITANTS}"),
        ));
    }
    if m.workplaces == 0 || m.workplaces > MAX_WORKPLACES {
        out.push(problem(
            format!("{path}.workplaces"),
            format!("{} is out of range", m.workplaces),
            &format!("a whole number from 1 to {MAX_WORKPLACES}"),
        ));
    }
    if !member && (m.weights.is_some() || m.constraints.is_some()) {
        out.push(problem(
            path,
            "own weights and constraints belong to the members of a starter group",
            "leave them out",
        ));
    }
    if let Some(w) = &m.weights {
        out.extend(weight_problems(w, &format!("{path}.weights")));
    }
    if let Some(c) = &m.constraints {
        constraint_problems(c, &format!("{path}.constraints"), out);
    }
}

/// The rules of a weights table: every weight finite, 0 to [`MAX_WEIGHT`], the three core
/// criteria present, not all zero.
pub fn weight_problems(w: &Weights, path: &str) -> Vec<Problem> {
    weight_problems_in(w, path, false)
}

/// [`weight_problems`]; `all_zero_allowed` for the weights a room is setting (the TUI lets
/// every slider go to 0 on the way and says so; a session saved then must still resume).
fn weight_problems_in(w: &Weights, path: &str, all_zero_allowed: bool) -> Vec<Problem> {
    let mut out = vec![];
    let allowed = format!("a number from 0 to {MAX_WEIGHT}");
    let mut valid = true;
    for (c, x) in &w.0 {
        if !x.is_finite() || *x < 0.0 || *x > MAX_WEIGHT {
            out.push(problem(
                format!("{path}.{}", c.id()),
                format!("{x} is out of range"),
                &allowed,
            ));
            valid = false;
        }
    }
    for c in Criterion::CORE {
        if !w.0.contains_key(&c) {
            out.push(problem(
                format!("{path}.{}", c.id()),
                "missing: a weight for every core criterion (0 is allowed)",
                &allowed,
            ));
            valid = false;
        }
    }
    if valid && !all_zero_allowed && w.0.values().all(|x| *x == 0.0) {
        out.push(problem(
            path,
            "all weights are zero",
            "non-negative numbers, at least one above 0",
        ));
    }
    out
}

fn constraint_problems(c: &Constraints, path: &str, out: &mut Vec<Problem>) {
    if let Some(b) = c.max_one_off_budget
        && let Some(m) = amount_problem(b)
    {
        out.push(problem(
            format!("{path}.max_one_off_budget"),
            m,
            AMOUNT_ALLOWED,
        ));
    }
    for (crit, x) in &c.min_scores {
        if !x.is_finite() || *x < 0.0 || *x > 10.0 {
            out.push(problem(
                format!("{path}.min_scores.{}", crit.id()),
                format!("{x} is out of range"),
                "a number from 0 to 10",
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (i, o) in c.exclude_options.iter().enumerate() {
        if !seen.insert(*o) {
            out.push(problem(
                format!("{path}.exclude_options[{i}]"),
                "listed twice",
                "",
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (i, d) in c.exclude_deployments.iter().enumerate() {
        if !seen.insert(*d) {
            out.push(problem(
                format!("{path}.exclude_deployments[{i}]"),
                "listed twice",
                "",
            ));
        }
    }
}

fn business_case_problems(
    p: &Profile,
    setup: &crate::core::business_case::BusinessCaseSetup,
    catalogue: &Catalogue,
    out: &mut Vec<Problem>,
) {
    let members = p.subject.members();
    if setup.municipalities.len() != members.len() {
        out.push(problem(
            "business_case.municipalities",
            format!(
                "{} nulmetingen for {} municipalities",
                setup.municipalities.len(),
                members.len()
            ),
            "one nulmeting per municipality of the profile",
        ));
    }
    for (i, case) in setup.municipalities.iter().enumerate() {
        if !members
            .iter()
            .any(|m| m.name == case.measurement.municipality)
        {
            let names = members
                .iter()
                .map(|m| format!("\"{}\"", super::error::cut(&m.name)))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(problem(
                format!("business_case.municipalities[{i}].measurement.municipality"),
                format!(
                    "unknown municipality \"{}\"",
                    super::error::cut(&case.measurement.municipality)
                ),
                &names,
            ));
        }
    }
    if setup.scenarios.is_empty() {
        out.push(problem(
            "business_case.scenarios",
            "at least one scenario is needed",
            "",
        ));
    }
    let ids = || {
        catalogue
            .candidates
            .iter()
            .map(|c| c.key().id())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut evaluable = out.is_empty();
    for (i, s) in setup.scenarios.iter().enumerate() {
        let path = format!("business_case.scenarios[{i}]");
        if catalogue.candidate_by_id(&s.candidate.id()).is_none() {
            out.push(problem(
                format!("{path}.candidate"),
                format!(
                    "unknown candidate \"{}\" in the active catalogue",
                    s.candidate.id()
                ),
                &ids(),
            ));
            evaluable = false;
        }
        if s.start_year == 0 || s.start_year > setup.horizon.years() {
            out.push(problem(
                format!("{path}.start_year"),
                format!("year {} is outside the horizon", s.start_year),
                &format!("a year from 1 to {}", setup.horizon.years()),
            ));
            evaluable = false;
        }
        if let ScenarioPlan::Group(g) = &s.plan
            && g.participants.len() > MAX_MEMBERS
        {
            out.push(problem(
                format!("{path}.plan.group.participants"),
                format!("{} participants", g.participants.len()),
                &format!("at most {MAX_MEMBERS}, the municipalities of the group"),
            ));
            evaluable = false;
        }
        if let ScenarioPlan::Group(g) = &s.plan
            && g.participants.len() != g.locals.len()
        {
            out.push(problem(
                format!("{path}.plan.group.locals"),
                format!(
                    "{} local plans for {} participants",
                    g.locals.len(),
                    g.participants.len()
                ),
                "one per participant",
            ));
            evaluable = false;
        }
    }
    if !evaluable {
        return;
    }
    // The core's own checks, at paths of the session's structure.
    let before = out.len();
    let h = setup.horizon;
    fn core(out: &mut Vec<Problem>, r: Result<(), AllocationError>) {
        if let Err(e) = r {
            let (path, message) = super::business_case::split_error(&e);
            out.push(problem(path, message, ""));
        }
    }
    // Indexation, FTE price, frictional-cost rule and VAT rules (issue 11, item 6).
    core(out, setup.validate_assumptions().map_err(Into::into));
    for (i, case) in setup.municipalities.iter().enumerate() {
        let path = format!("business_case.municipalities[{i}]");
        core(
            out,
            case.measurement
                .validate(&format!("{path}.measurement"))
                .map_err(Into::into),
        );
        core(
            out,
            case.baseline
                .validate(h, &format!("{path}.baseline"))
                .map_err(Into::into),
        );
    }
    for (i, s) in setup.scenarios.iter().enumerate() {
        let path = format!("business_case.scenarios[{i}]");
        core(
            out,
            s.risk.validate(&format!("{path}.risk")).map_err(Into::into),
        );
        let locals = match &s.plan {
            ScenarioPlan::Single(l) => vec![(format!("{path}.plan.single"), l)],
            ScenarioPlan::Group(g) => {
                let gp = format!("{path}.plan.group");
                core(
                    out,
                    g.provider
                        .validate(h, &format!("{gp}.provider"))
                        .map_err(Into::into),
                );
                core(
                    out,
                    validate_participants(&g.participants, &format!("{gp}.participants")),
                );
                core(out, g.rule.tariff.validate(&format!("{gp}.rule.tariff")));
                g.locals
                    .iter()
                    .enumerate()
                    .map(|(j, l)| (format!("{gp}.locals[{j}]"), l))
                    .collect()
            }
        };
        for (lp, l) in locals {
            core(
                out,
                l.scenario
                    .validate(h, &format!("{lp}.scenario"))
                    .map_err(Into::into),
            );
            if let Some(change) = &l.levels {
                if change.from_year == 0 || change.from_year > h.years() {
                    out.push(problem(
                        format!("{lp}.levels.from_year"),
                        format!("year {} is outside the horizon", change.from_year),
                        &format!("a year from 1 to {}", h.years()),
                    ));
                }
                for (k, (_, amount)) in change.levels.iter().enumerate() {
                    if let Some(m) = amount_problem(*amount) {
                        out.push(problem(
                            format!("{lp}.levels.levels[{k}]"),
                            m,
                            AMOUNT_ALLOWED,
                        ));
                    }
                }
            }
        }
    }
    if out.len() > before {
        return;
    }
    // What the core finds (bounds, years, tier tables, allocation), at its scenario.
    for (i, s) in setup.scenarios.iter().enumerate() {
        if let Err(e) = setup.evaluate(None, |x| std::ptr::eq(x, s)) {
            out.push(problem(
                format!("business_case.scenarios[{i}]"),
                format!("the business case cannot be evaluated: {e}"),
                "",
            ));
        }
    }
}

/// Checks a parsed session against its text `text` (named `file`): keys the session format
/// does not have, the weights per municipality, the elicitation records and the business case
/// screen's position, and the embedded profile through [`check_profile`] with `catalogue`.
/// Every problem is located in the session text.
pub fn check_session(
    file: &str,
    text: &str,
    session: &crate::io::store::Session,
    catalogue: &Catalogue,
) -> Vec<super::error::InputError> {
    use super::error::InputError;
    use super::walk::locate;
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return vec![InputError::file(file, "not a TOML document")];
    };
    let root = doc.get_ref();
    let mut problems = vec![];
    unknown_keys(session, root, &mut problems);
    let members = session.profile.subject.members().len();
    if session.weights.len() != members {
        problems.push(problem(
            "weights",
            format!(
                "{} weight sets for {members} municipalities",
                session.weights.len()
            ),
            "one weight set per municipality of the profile",
        ));
    }
    for (i, w) in session.weights.iter().enumerate() {
        problems.extend(weight_problems_in(w, &format!("weights[{i}]"), true));
    }
    // A starter group's own (plenary) weights are recorded as the member one past the last.
    let slots = members + usize::from(session.profile.subject.is_group());
    for (i, r) in session.elicitation.iter().enumerate() {
        if r.member >= slots {
            problems.push(problem(
                format!("elicitation[{i}].member"),
                format!("municipality {} does not exist", r.member),
                &if slots > members {
                    format!("0 to {} ({members}: the group itself)", slots - 1)
                } else {
                    format!("0 to {}", members.saturating_sub(1))
                },
            ));
        }
    }
    if let Some(blind) = &session.blind {
        for (i, &m) in blind.entered.iter().enumerate() {
            if m >= members {
                problems.push(problem(
                    format!("blind.entered[{i}]"),
                    format!("municipality {m} does not exist"),
                    &format!("0 to {}", members.saturating_sub(1)),
                ));
            }
        }
    }
    for (i, set) in session.weight_sets.iter().enumerate() {
        problems.extend(weight_problems_in(
            &set.weights,
            &format!("weight_sets[{i}].weights"),
            true,
        ));
    }
    if let Some(ui) = session.business_case {
        let scenarios = session
            .profile
            .business_case
            .as_ref()
            .map_or(0, |b| b.scenarios.len());
        if ui.scenario >= scenarios.max(1) {
            problems.push(problem(
                "business_case.scenario",
                format!("scenario {} does not exist", ui.scenario),
                &format!("0 to {}", scenarios.max(1) - 1),
            ));
        }
    }
    problems.extend(
        check_profile(&session.profile, catalogue)
            .into_iter()
            .map(|p| Problem {
                path: format!("profile.{}", p.path),
                ..p
            }),
    );
    problems
        .into_iter()
        .map(|p| {
            let mut e = InputError::file(file, p.message).field(&p.path);
            if let Some(at) = locate(root, &p.path) {
                e = e.at(text, at);
            }
            if let Some(a) = p.allowed {
                e = e.allowed(a);
            }
            e
        })
        .collect()
}

/// Keys in the session text that the session format does not have: what deserialising
/// ignored. Found by writing the parsed session back and comparing the keys level by level.
fn unknown_keys(
    session: &crate::io::store::Session,
    root: &toml::de::DeTable<'_>,
    out: &mut Vec<Problem>,
) {
    let Ok(written) = crate::io::store::to_toml(session) else {
        return;
    };
    let Ok(known) = toml::from_str::<toml::Table>(&written) else {
        return;
    };
    fn table(t: &toml::de::DeTable<'_>, known: &toml::Table, path: &str, out: &mut Vec<Problem>) {
        for (k, v) in t.iter() {
            let key: &str = k.get_ref();
            let field = super::walk::join(path, key);
            match known.get(key) {
                Some(kv) => value(v.get_ref(), kv, &field, out),
                None => {
                    // Written only when not empty/default: an empty list is not unknown.
                    let empty = match v.get_ref() {
                        toml::de::DeValue::Array(a) => a.is_empty(),
                        _ => false,
                    };
                    if !empty {
                        let mut allowed: Vec<&str> = known.keys().map(String::as_str).collect();
                        if path.is_empty() {
                            // Keys written only when they hold something.
                            allowed.extend(["profile_path", "elicitation", "business_case"]);
                        }
                        allowed.sort_unstable();
                        allowed.dedup();
                        out.push(problem(
                            field.clone(),
                            format!("unknown key `{}`", super::error::cut(key)),
                            &allowed.join(", "),
                        ));
                    }
                }
            }
        }
    }
    fn value(v: &toml::de::DeValue<'_>, known: &toml::Value, path: &str, out: &mut Vec<Problem>) {
        match (v, known) {
            (toml::de::DeValue::Table(t), toml::Value::Table(k)) => table(t, k, path, out),
            (toml::de::DeValue::Array(a), toml::Value::Array(k)) => {
                for (i, (x, y)) in a.iter().zip(k).enumerate() {
                    value(x.get_ref(), y, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    table(root, &known, "", out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_profile_passes() {
        let p = crate::io::profile::demo();
        assert_eq!(check_profile(&p, &crate::io::catalogue::built_in()), vec![]);
    }

    #[test]
    fn nan_negative_and_infinite_weights_are_named() {
        let mut w = crate::io::profile::demo().weights;
        w.0.insert(Criterion::Privacy, f64::NAN);
        w.0.insert(Criterion::Control, -1.0);
        w.0.insert(Criterion::CostPredictability, f64::INFINITY);
        let p = weight_problems(&w, "weights");
        let paths: Vec<&str> = p.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(paths.contains(&"weights.privacy"), "{paths:?}");
        assert!(
            p.iter().all(|x| x.message.contains("out of range")),
            "{p:?}"
        );
    }
}
