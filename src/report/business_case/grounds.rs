//! What a controller checks, in words, for every text format of the business case: whether
//! the business case costs out the recommended candidate ([`Coverage`] as a sentence), the
//! price level, the one indexation, the cost of one FTE with its price level, the frictional
//! costs of the FTE that go (per scenario and municipality, or a warning when a scenario cuts
//! personnel without them), the VAT/BCF line of each scenario with the law behind it and what
//! wolkwijzer could not confirm, and every line the profile labelled as sourced or assumed.
//! Also the names of the lines the core adds, in the room's language.

use rust_decimal::Decimal;

use super::BusinessCaseView;
use crate::core::business_case::assumptions::{REORGANISATION_LABEL, VAT_LABEL_PREFIX};
use crate::core::business_case::{
    Basis, Coverage, LocalPlan, MunicipalityCase, OneOffKind, Reorganisation, Scenario,
    ScenarioPlan, Uncovered,
};
use crate::core::catalogue::CandidateKey;
use crate::core::text::Lang;
use crate::i18n::{GroundsStrings, fill, grounds_strings};
use crate::report::number::{euros, factor};

/// The block as sentences: the coverage first (when known), then the items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grounds {
    /// The heading of the block.
    pub heading: &'static str,
    /// Whether the business case follows the recommendation, when the evaluation is known.
    pub coverage: Option<String>,
    /// The basis and assumptions, one sentence each.
    pub items: Vec<String>,
}

/// A percentage as entered: `2%`, `0,5%` (Dutch) or `0.5%` (English).
use crate::report::number::percent_entered as pct;

/// A basis in words: "Bron: …" / "Aanname: …". An assumption that already names itself as
/// one ("Aanname van wolkwijzer: …", "Assumption by …") is shown as written.
fn basis_text(b: Option<&Basis>, t: &GroundsStrings) -> String {
    match b {
        Some(Basis::Source(s)) => fill(t.source, &[("text", s)]),
        Some(Basis::Assumption(a)) => {
            let lower = a.to_lowercase();
            if lower.starts_with("aanname") || lower.starts_with("assumption") {
                a.clone()
            } else {
                fill(t.assumption, &[("text", a)])
            }
        }
        None => String::new(),
    }
}

fn scenario_name(index: usize, t: &GroundsStrings) -> String {
    fill(t.scenario, &[("n", &(index + 1).to_string())])
}

fn names(keys: &[CandidateKey], v: &BusinessCaseView<'_>) -> String {
    let t = grounds_strings(v.lang);
    keys.iter()
        .map(|k| v.catalogue.candidate_name(*k, v.lang))
        .collect::<Vec<_>>()
        .join(t.and)
}

/// The coverage as a sentence.
pub fn coverage_text(c: &Coverage, v: &BusinessCaseView<'_>) -> String {
    let t = grounds_strings(v.lang);
    let compared = || {
        let mut keys: Vec<CandidateKey> = Vec::new();
        for s in &v.setup.scenarios {
            if !keys.contains(&s.candidate) {
                keys.push(s.candidate);
            }
        }
        names(&keys, v)
    };
    match c {
        Coverage::Covered {
            recommended,
            scenarios,
        } => {
            let list = scenarios
                .iter()
                .map(|i| scenario_name(*i, t))
                .collect::<Vec<_>>()
                .join(t.and);
            fill(
                t.covered,
                &[
                    ("recommended", &names(&[*recommended], v)),
                    ("scenarios", &list),
                ],
            )
        }
        Coverage::NotCovered { reason } => match reason {
            Uncovered::NoRecommendation => fill(t.no_recommendation, &[("compared", &compared())]),
            Uncovered::NoScenarios => fill(t.no_scenarios, &[("recommended", "–")]),
            Uncovered::SameOptionOtherVariant {
                recommended,
                compared,
            }
            | Uncovered::OtherCandidates {
                recommended,
                compared,
            } => {
                let template = match reason {
                    Uncovered::SameOptionOtherVariant { .. } => t.same_option,
                    _ => t.other_candidates,
                };
                fill(
                    template,
                    &[
                        ("recommended", &names(&[*recommended], v)),
                        ("compared", &names(compared, v)),
                    ],
                )
            }
        },
    }
}

/// A line of the tables in the room's language: the lines the core adds are named here; every
/// other label is the profile's own and shown as written.
pub fn line_label(label: &str, lang: Lang) -> String {
    let t = grounds_strings(lang);
    if label == REORGANISATION_LABEL {
        t.reorganisation_line.to_string()
    } else if let Some(rest) = label.strip_prefix(VAT_LABEL_PREFIX) {
        fill(
            t.vat_line,
            &[("label", &crate::report::label::line_label(rest, lang))],
        )
    } else {
        crate::report::label::line_label(label, lang)
    }
}

/// The (municipality, local plan) pairs of a scenario plan.
fn locals<'a>(
    plan: &'a ScenarioPlan,
    municipalities: &'a [MunicipalityCase],
) -> Vec<(&'a MunicipalityCase, &'a LocalPlan)> {
    match plan {
        ScenarioPlan::Single(l) => municipalities.first().map(|m| (m, l)).into_iter().collect(),
        ScenarioPlan::Group(g) => g
            .participants
            .iter()
            .zip(&g.locals)
            .filter_map(|(p, l)| {
                municipalities
                    .iter()
                    .find(|m| m.measurement.municipality == p.id)
                    .map(|m| (m, l))
            })
            .collect(),
    }
}

fn has_own_reorganisation(s: &Scenario) -> bool {
    s.one_off
        .iter()
        .any(|c| c.kind == OneOffKind::Reorganisation)
}

/// The block for the scenarios in `v.result`, with the coverage when given.
pub fn grounds(v: &BusinessCaseView<'_>, coverage: Option<&Coverage>) -> Grounds {
    let t = grounds_strings(v.lang);
    let lang = v.lang;
    let setup = v.setup;
    let mut items = Vec::new();
    items.push(match setup.price_level {
        Some(y) => fill(t.price_level, &[("year", &y.to_string())]),
        None => t.price_level_missing.to_string(),
    });
    // Issue 16 (port2): a software line taken from the application portfolio says so.
    for m in &setup.municipalities {
        if let Some(f) = &m.measurement.software_from {
            items.push(fill(
                crate::i18n::portfolio_strings(lang).baseline_software,
                &[
                    ("municipality", &m.measurement.municipality),
                    ("amount", &euros(m.measurement.tco.software, lang)),
                    (
                        "n",
                        &crate::report::number::integer(f.applications as u64, lang),
                    ),
                    ("file", &f.file),
                ],
            ));
        }
    }
    items.push(if setup.indexation.pct.is_zero() {
        t.indexation_none.to_string()
    } else {
        fill(
            t.indexation,
            &[
                ("pct", &pct(setup.indexation.pct, lang)),
                ("basis", &basis_text(setup.indexation.basis.as_ref(), t)),
            ],
        )
    });
    items.push(match &setup.fte_price {
        Some(f) => match f.price_level {
            Some(y) => fill(
                t.fte_price,
                &[
                    ("amount", &euros(f.amount, lang)),
                    ("year", &y.to_string()),
                    ("basis", &basis_text(f.basis.as_ref(), t)),
                ],
            ),
            None => fill(t.fte_price_no_level, &[("amount", &euros(f.amount, lang))]),
        },
        None => t.fte_price_missing.to_string(),
    });
    items.push(match &setup.reorganisation {
        Some(r) => fill(
            t.reorganisation,
            &[
                ("pct", &pct(r.pct_of_fte_cost, lang)),
                ("basis", &basis_text(Some(&r.basis), t)),
            ],
        ),
        None => t.reorganisation_none.to_string(),
    });

    let mut any_vat = false;
    for r in &v.result.scenarios {
        let Some(s) = setup.scenarios.get(r.index) else {
            continue;
        };
        let name = scenario_name(r.index, t);
        // Frictional costs per municipality whose personnel falls.
        for (m, local) in locals(&s.plan, &setup.municipalities) {
            let Some(change) = &local.levels else {
                continue;
            };
            let saving = Reorganisation::personnel_saving(change, &m.measurement);
            if saving.is_zero() {
                continue;
            }
            let provider_has_own = match &s.plan {
                ScenarioPlan::Group(g) => has_own_reorganisation(&g.provider),
                ScenarioPlan::Single(_) => false,
            };
            let year = change.from_year.to_string();
            match &setup.reorganisation {
                Some(rule) => {
                    let fte = setup
                        .fte_price
                        .as_ref()
                        .and_then(|f| Reorganisation::fte_leaving(saving, f.amount))
                        .map_or_else(|| "?".to_string(), |x| factor(x, lang));
                    let amount = rule
                        .line(change, &m.measurement)
                        .ok()
                        .flatten()
                        .map_or(Decimal::ZERO, |l| l.amount);
                    items.push(fill(
                        t.fte_leaving,
                        &[
                            ("scenario", &name),
                            ("municipality", &m.measurement.municipality),
                            ("saving", &euros(saving, lang)),
                            ("year", &year),
                            ("fte", &fte),
                            ("amount", &euros(amount, lang)),
                        ],
                    ));
                }
                None if !has_own_reorganisation(&local.scenario) && !provider_has_own => {
                    items.push(fill(
                        t.personnel_cut_without_rule,
                        &[
                            ("scenario", &name),
                            ("municipality", &m.measurement.municipality),
                            ("saving", &euros(saving, lang)),
                            ("year", &year),
                        ],
                    ));
                }
                None => {}
            }
        }
        // The VAT/BCF line.
        items.push(match &s.vat {
            Some(rule) => {
                any_vat = true;
                let lost = rule
                    .lost_share()
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
                    .unwrap_or_default();
                fill(
                    t.vat,
                    &[
                        ("scenario", &name),
                        ("rate", &pct(rule.rate_pct, lang)),
                        ("recoverable", &pct(rule.recoverable_pct, lang)),
                        ("lost", &pct(lost, lang)),
                        ("basis", &basis_text(Some(&rule.basis), t)),
                    ],
                )
            }
            None => fill(t.vat_missing, &[("scenario", &name)]),
        });
    }
    if any_vat {
        items.push(t.vat_law.to_string());
        items.push(t.vat_unconfirmed.to_string());
    }

    // Every line the profile labelled, once.
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut label_lines = |s: &Scenario, items: &mut Vec<String>| {
        // A line shared with the baseline repeats the baseline's own line: listed there.
        for c in s.operating.iter().filter(|c| !c.same_as_baseline) {
            if let Some(b) = &c.basis {
                let key = (c.label.clone(), b.text().to_string());
                if !seen.contains(&key) {
                    items.push(fill(
                        t.line,
                        &[("label", &c.label), ("basis", &basis_text(Some(b), t))],
                    ));
                    seen.push(key);
                }
            }
        }
    };
    for m in &setup.municipalities {
        label_lines(&m.baseline, &mut items);
    }
    for r in &v.result.scenarios {
        let Some(s) = setup.scenarios.get(r.index) else {
            continue;
        };
        if let ScenarioPlan::Group(g) = &s.plan {
            label_lines(&g.provider, &mut items);
        }
        for (_, local) in locals(&s.plan, &setup.municipalities) {
            label_lines(&local.scenario, &mut items);
        }
    }
    Grounds {
        heading: t.heading,
        coverage: coverage.map(|c| coverage_text(c, v)),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_the_core_adds_are_named_in_the_rooms_language() {
        assert_eq!(
            line_label(REORGANISATION_LABEL, Lang::Nl),
            "frictiekosten (vertrekkende fte)"
        );
        assert_eq!(
            line_label("VAT not recoverable: DVO", Lang::Nl),
            "btw-verlies: DVO"
        );
        assert_eq!(
            line_label("VAT not recoverable: DVO", Lang::En),
            "VAT lost: DVO"
        );
        assert_eq!(line_label("Eigen regel", Lang::Nl), "Eigen regel");
    }

    #[test]
    fn an_assumption_is_labelled_once() {
        let t = grounds_strings(Lang::Nl);
        assert_eq!(
            basis_text(Some(&Basis::Assumption("2% per jaar".into())), t),
            "Aanname: 2% per jaar"
        );
        assert_eq!(
            basis_text(
                Some(&Basis::Assumption("Aanname van wolkwijzer: 2%".into())),
                t
            ),
            "Aanname van wolkwijzer: 2%"
        );
        assert_eq!(
            basis_text(Some(&Basis::Source("CBS, 2025".into())), t),
            "Bron: CBS, 2025"
        );
        assert_eq!(basis_text(None, t), "");
    }

    #[test]
    fn percentages_follow_the_language() {
        assert_eq!(pct(Decimal::new(105, 2), Lang::Nl), "1,05%");
        assert_eq!(pct(Decimal::new(105, 2), Lang::En), "1.05%");
        assert_eq!(pct(Decimal::from(21), Lang::Nl), "21%");
    }
}
