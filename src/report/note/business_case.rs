//! The business case chapter of the note: which scenarios it shows, and the mapping of the
//! core's evaluation to [`BusinessCaseNote`]. The evaluation is the one the `business-case`
//! command runs ([`BusinessCaseSetup::evaluate`], paired with the profile's scenarios by
//! [`BusinessCaseView::scenarios`]); this module only selects and copies numbers.
//!
//! Which scenarios: those tied to the leading candidate (rank 1 of the ranking) when the
//! profile has any, otherwise all of the profile's scenarios, in the profile's order. The note
//! says so in one sentence and names the scenarios it leaves out.

use super::{
    AllocationNote, BandNote, BusinessCaseNote, CandidateRef, ParticipantNote, ScenarioNote,
    Sources, YearNote,
};
use crate::core::allocation::AllocationError;
use crate::core::business_case::{BusinessCaseSetup, ScenarioSetup, YearlyTable};
use crate::core::catalogue::Catalogue;
use crate::core::profile::Profile;
use crate::core::scoring::Evaluation;
use crate::core::text::Lang;
use crate::i18n::report as labels;
use crate::report::business_case::{
    self as view, BusinessCaseView, ScenarioView, band_id, band_name, kind_name,
};

/// The source of the business case model, and the sections the chapter follows.
const SEED: &str = "king_baten_ballast";
const SEED_TABLE: &str = "Bijlage 1";
const SEED_RISKS: &str = "§2.9";
const SEED_ALLOCATION: &str = "§2.7";
const SEED_LOSER: &str = "Bijlage 1 §7";

/// Which scenarios the note shows: those of the leading candidate when the profile has any,
/// otherwise all of them.
pub(crate) fn shown(
    setup: &BusinessCaseSetup,
    evaluation: &Evaluation,
) -> impl Fn(&ScenarioSetup) -> bool + use<> {
    let leader = evaluation.ranking.first().map(|r| r.key);
    let leading = setup.scenarios.iter().any(|s| leader == Some(s.candidate));
    move |s: &ScenarioSetup| !leading || leader == Some(s.candidate)
}

/// The business-case view of the note's evaluation, with whether the business case costs out
/// the recommended candidate (the note's and the workbook's one view).
pub(super) fn view<'a>(
    catalogue: &'a Catalogue,
    profile: &'a Profile,
    setup: &'a BusinessCaseSetup,
    result: &'a crate::core::business_case::SetupResult,
    evaluation: &Evaluation,
    lang: Lang,
) -> BusinessCaseView<'a> {
    BusinessCaseView {
        catalogue,
        profile,
        setup,
        result,
        lang,
        coverage: Some(crate::core::business_case::coverage(
            &crate::core::business_case::leaders(&evaluation.ranking),
            &setup.scenarios,
        )),
    }
}

/// Evaluates the selected scenarios of the profile's business case and maps them to the
/// chapter. Fails only when the core cannot evaluate a scenario (a loaded profile has been
/// checked for that already).
pub(super) fn build(
    catalogue: &Catalogue,
    profile: &Profile,
    setup: &BusinessCaseSetup,
    evaluation: &Evaluation,
    lang: Lang,
    sources: &mut Sources<'_>,
) -> Result<BusinessCaseNote, AllocationError> {
    let t = labels(lang);
    let leader = evaluation.ranking.first().map(|r| r.key);
    let leading = setup.scenarios.iter().any(|s| leader == Some(s.candidate));
    let shown = shown(setup, evaluation);
    let result = setup.evaluate(None, &shown)?;
    let view = view(catalogue, profile, setup, &result, evaluation, lang);
    let omitted: Vec<String> = setup
        .scenarios
        .iter()
        .filter(|s| !shown(s))
        .map(|s| {
            format!(
                "{} ({})",
                s.label,
                catalogue.candidate_name(s.candidate, lang)
            )
        })
        .collect();
    let leader_name = leader.map(|k| catalogue.candidate_name(k, lang));
    let applied = match (&leader_name, leading) {
        (Some(name), true) => t.selection_leading.replace("{leader}", name),
        (Some(name), false) => t.selection_all.replace("{leader}", name),
        (None, _) => t.selection_no_leader.to_string(),
    };
    let mut selection_text = format!("{} {applied}", t.selection_rule);
    if !omitted.is_empty() {
        selection_text.push(' ');
        selection_text.push_str(
            &t.selection_omitted
                .replace("{omitted}", &omitted.join("; ")),
        );
    }
    let scenarios: Vec<ScenarioNote> = view
        .scenarios()
        .iter()
        .map(|s| scenario(catalogue, evaluation, s, lang))
        .collect();
    // Seed 003: the model business case (Bijlage 1), the risks (§2.9), and for a starter group
    // the allocation (§2.7) and the participant that loses while the group wins (Bijlage 1 §7).
    let mut sections = vec![SEED_TABLE, SEED_RISKS];
    let allocations = scenarios.iter().filter_map(|s| s.allocation.as_ref());
    if allocations.clone().next().is_some() {
        sections.push(SEED_ALLOCATION);
    }
    if allocations
        .flat_map(|a| &a.participants)
        .any(|p| p.loses_while_group_wins)
    {
        sections.push(SEED_LOSER);
    }
    let references = sources
        .cite(SEED, &sections.join("; "))
        .into_iter()
        .collect();
    Ok(BusinessCaseNote {
        horizon: result.horizon.years(),
        selection: if leading { "leading" } else { "all" },
        selection_text,
        omitted,
        scenarios,
        references,
    })
}

fn years(table: &YearlyTable) -> Vec<YearNote> {
    table
        .rows
        .iter()
        .map(|r| YearNote {
            year: r.year,
            benefits: r.benefits,
            operating_costs: r.operating_costs,
            investments: r.investments,
            total_costs: r.total_costs,
            cash_flow: r.cash_flow,
            cumulative_benefits: r.cumulative_benefits,
            cumulative_costs: r.cumulative_costs,
            cumulative_cash_flow: r.cumulative_cash_flow,
        })
        .collect()
}

fn scenario(
    catalogue: &Catalogue,
    evaluation: &Evaluation,
    s: &ScenarioView<'_>,
    lang: Lang,
) -> ScenarioNote {
    let case = view::labels(lang);
    let key = s.setup.candidate;
    let bands = s
        .bands
        .iter()
        .map(|b| BandNote {
            band: band_id(b.band),
            name: band_name(b.band, case).to_string(),
            cost_multiplier: b.adjustment.cost_multiplier.normalize(),
            benefit_multiplier: b.adjustment.benefit_multiplier.normalize(),
            delay_months: b.adjustment.delay_months,
            return_year: b.return_year,
            cumulative_cash_flow: b
                .difference
                .rows
                .iter()
                .map(|r| r.cumulative_cash_flow)
                .collect(),
        })
        .collect();
    let allocation = s.group.as_ref().map(|g| {
        let rule = &g.plan.rule;
        let (key_id, _) = view::key_id(&rule.key);
        AllocationNote {
            provider: g.plan.provider.label.clone(),
            key: key_id,
            key_name: crate::report::label::key_name(&rule.key, lang),
            tariff: rule.tariff.id(),
            tariff_name: crate::report::label::tariff_name(&rule.tariff, lang).to_string(),
            provider_costs: g.case.allocations.iter().map(|a| a.total).collect(),
            participants: g
                .case
                .participants
                .iter()
                .zip(&g.plan.participants)
                .map(|(o, p)| ParticipantNote {
                    participant: p.name.clone(),
                    usage: p.usage(&rule.key).normalize(),
                    bills: o.bills.clone(),
                    final_cumulative_cash_flow: o
                        .comparison
                        .difference
                        .final_cumulative_cash_flow(),
                    return_years: o.comparison.bands.iter().map(|b| b.return_year).collect(),
                    loses_while_group_wins: o.loses_while_group_wins,
                })
                .collect(),
        }
    });
    ScenarioNote {
        label: s.setup.label.clone(),
        kind: s.setup.kind.id(),
        kind_name: kind_name(s.setup.kind, case).to_string(),
        candidate: CandidateRef::new(catalogue, key, lang),
        rank: evaluation.ranked(key).map(|r| r.rank),
        consolidated: s.group.is_some(),
        years: years(s.estimate),
        return_year: s.estimate.return_year,
        residual_book_value: s.estimate.residual_book_value,
        bands,
        allocation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scoring::evaluate;
    use crate::io::{catalogue, profile};
    use std::path::Path;

    fn load(stem: &str) -> Profile {
        profile::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("profiles")
                .join(format!("{stem}.toml")),
        )
        .unwrap()
    }

    fn chapter(p: &Profile, lang: Lang) -> BusinessCaseNote {
        let cat = catalogue::built_in();
        let e = evaluate(&cat, p).unwrap();
        let mut sources = Sources::new(&cat);
        build(
            &cat,
            p,
            p.business_case.as_ref().unwrap(),
            &e,
            lang,
            &mut sources,
        )
        .unwrap()
    }

    #[test]
    fn the_leading_candidates_scenarios_when_it_has_any() {
        // The small municipality's leader (SSC · SaaS) has one of its two scenarios.
        let p = load("kleine-gemeente");
        let bc = chapter(&p, Lang::Nl);
        assert_eq!(bc.selection, "leading");
        assert_eq!(bc.scenarios.len(), 1);
        assert_eq!(bc.scenarios[0].candidate.id, "ssc-saas-community");
        assert_eq!(bc.scenarios[0].rank, Some(1));
        assert_eq!(bc.omitted.len(), 1);
        assert!(bc.omitted[0].starts_with("Aansluiten bij de ICT van gastgemeente Kempen ("));
        assert!(
            bc.selection_text.contains("Niet getoond"),
            "{}",
            bc.selection_text
        );
    }

    #[test]
    fn all_scenarios_when_the_leader_has_none() {
        // The large municipality in a room that weighs control alone: the leader (own
        // datacenter) has no scenario, so both are shown.
        let mut p = load("grote-gemeente");
        p.weights = crate::core::profile::Weights::from_pairs(&[(
            crate::core::criteria::Criterion::Control,
            1.0,
        )]);
        let bc = chapter(&p, Lang::En);
        assert_eq!(bc.selection, "all");
        assert!(bc.omitted.is_empty());
        let ids: Vec<&str> = bc
            .scenarios
            .iter()
            .map(|s| s.candidate.id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["colocation-on_premises-private", "managed-iaas-public"]
        );
        assert!(
            bc.selection_text
                .contains("has no scenario, so all scenarios are shown")
        );
        assert_eq!(bc.horizon, 8);
        assert_eq!(bc.scenarios[0].years.len(), 8);
    }

    #[test]
    fn the_note_carries_the_cores_numbers() {
        let p = load("startersgroep");
        let bc = chapter(&p, Lang::Nl);
        let setup = p.business_case.as_ref().unwrap();
        let core = setup.evaluate(None, |_| true).unwrap();
        let crate::core::business_case::ScenarioOutcome::Group(g) = &core.scenarios[0].outcome
        else {
            panic!("the starter group's scenario is a group case");
        };
        let s = &bc.scenarios[0];
        assert!(s.consolidated);
        assert_eq!(s.years.len(), 7);
        for (y, r) in s.years.iter().zip(&g.consolidated.rows) {
            assert_eq!(y.cash_flow, r.cash_flow);
            assert_eq!(y.cumulative_cash_flow, r.cumulative_cash_flow);
            assert_eq!(y.total_costs, y.operating_costs + y.investments);
        }
        assert_eq!(s.return_year, g.consolidated.return_year);
        let bands: Vec<&str> = s.bands.iter().map(|b| b.band).collect();
        assert_eq!(bands, ["favourable", "expected", "unfavourable"]);
        for (b, c) in s.bands.iter().zip(&g.consolidated_bands) {
            assert_eq!(b.return_year, c.return_year);
            assert_eq!(b.cumulative_cash_flow.len(), 7);
        }
        let a = s.allocation.as_ref().unwrap();
        assert_eq!((a.key, a.tariff), ("workplaces", "tiered"));
        assert_eq!(a.key_name, "werkplekken");
        // The bills of every year add up to the provider's costs of that year.
        for (i, total) in a.provider_costs.iter().enumerate() {
            let sum: rust_decimal::Decimal = a.participants.iter().map(|p| p.bills[i]).sum();
            assert_eq!(sum, *total, "year {}", i + 1);
        }
        let losers = a.losers();
        assert_eq!(losers, ["Reusel-Zuid"]);
        for (n, o) in a.participants.iter().zip(&g.participants) {
            assert_eq!(n.loses_while_group_wins, o.loses_while_group_wins);
            assert_eq!(n.return_years.len(), 3);
        }
    }
}
