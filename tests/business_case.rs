//! Integration tests of the business case and allocation core: hand-computed examples (one
//! per tariff family), a starter group with a participant that loses while the group wins,
//! invalid inputs, and property tests.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;
use wolkwijzer::core::allocation::{
    AllocationError, AllocationKey, AllocationRule, GroupInput, Participant, ParticipantCase,
    TariffModel, Tier, allocate, cost_band, evaluate_group, split_exact,
};
use wolkwijzer::core::business_case::{
    BaselineMeasurement, Benefit, BenefitValue, ExtraCostKind, Horizon, Investment, InvestmentKind,
    Location, OneOffCost, OneOffKind, OperatingCost, OperatingKind, RiskInput, Scenario,
    ScenarioKind, TcoCategory, compare,
};

fn participant(id: &str, workplaces: Decimal) -> Participant {
    Participant {
        id: id.into(),
        name: id.to_uppercase(),
        workplaces,
        accounts: Decimal::ZERO,
        inhabitants: Decimal::ZERO,
        service_use: BTreeMap::new(),
    }
}

fn shares(total: Decimal, ps: &[Participant], tariff: TariffModel) -> Vec<Decimal> {
    let rule = AllocationRule {
        key: AllocationKey::Workplaces,
        tariff,
    };
    allocate(total, ps, &rule)
        .unwrap()
        .lines
        .into_iter()
        .map(|l| l.share)
        .collect()
}

fn three() -> Vec<Participant> {
    vec![
        participant("a", dec!(80)),
        participant("b", dec!(250)),
        participant("c", dec!(600)),
    ]
}

#[test]
fn hand_computed_fixed_tariff() {
    // Fixed 25,000 each → equal weights. 50,000.00 / 3 = 16,666.666… each:
    // floors 16,666.66 × 3 = 49,999.98, 2 cents left, equal remainders → the first two in
    // input order: 16,666.67 / 16,666.67 / 16,666.66 (sum 50,000.00).
    assert_eq!(
        shares(
            dec!(50000.00),
            &three(),
            TariffModel::Fixed {
                amount: dec!(25000)
            }
        ),
        vec![dec!(16666.67), dec!(16666.67), dec!(16666.66)]
    );
}

#[test]
fn hand_computed_tiered_tariff() {
    // Tiers: [0,100) 10,000; [100,500) 40,000; [500,∞) 90,000.
    // a 80 wp → 10,000; b 250 → 40,000; c 600 → 90,000; list total 140,000.
    // 120,000.00 × 10/140 = 8,571.428571…; × 40/140 = 34,285.714285…; × 90/140 = 77,142.857142…
    // floors 8,571.42 + 34,285.71 + 77,142.85 = 119,999.98 → 2 cents to the largest cent
    // remainders a (.857) and c (.714): 8,571.43 / 34,285.71 / 77,142.86 = 120,000.00.
    let tiers = TariffModel::Tiered {
        tiers: vec![
            Tier {
                from: dec!(0),
                to: Some(dec!(100)),
                price: dec!(10000),
            },
            Tier {
                from: dec!(100),
                to: Some(dec!(500)),
                price: dec!(40000),
            },
            Tier {
                from: dec!(500),
                to: None,
                price: dec!(90000),
            },
        ],
    };
    assert_eq!(
        shares(dec!(120000.00), &three(), tiers),
        vec![dec!(8571.43), dec!(34285.71), dec!(77142.86)]
    );
}

#[test]
fn hand_computed_variable_tariff() {
    // 100 per workplace: weights 80 / 250 / 600 (930). 10,000.00 × 80/930 = 860.215053…;
    // × 250/930 = 2,688.172043…; × 600/930 = 6,451.612903…; floors 860.21 + 2,688.17 +
    // 6,451.61 = 9,999.99 → 1 cent to the largest remainder: a (.5053) beats c (.2903) and
    // b (.2043): 860.22 / 2,688.17 / 6,451.61.
    assert_eq!(
        shares(
            dec!(10000.00),
            &three(),
            TariffModel::Variable {
                unit_price: dec!(100)
            }
        ),
        vec![dec!(860.22), dec!(2688.17), dec!(6451.61)]
    );
}

#[test]
fn hand_computed_composite_tariff() {
    // 5,000 + 100 per workplace: a 13,000; b 30,000; c 65,000; list total 108,000.
    // 100,000.00 × 13/108 = 12,037.037037…; × 30/108 = 27,777.777…; × 65/108 = 60,185.185185…
    // floors 12,037.03 + 27,777.77 + 60,185.18 = 99,999.98 → 2 cents to b (.777) and a (.703):
    // 12,037.04 / 27,777.78 / 60,185.18.
    assert_eq!(
        shares(
            dec!(100000.00),
            &three(),
            TariffModel::Composite {
                fixed: dec!(5000),
                unit_price: dec!(100)
            }
        ),
        vec![dec!(12037.04), dec!(27777.78), dec!(60185.18)]
    );
}

fn measurement(name: &str, personnel: Decimal) -> BaselineMeasurement {
    let mut m = BaselineMeasurement {
        municipality: name.into(),
        ..Default::default()
    };
    m.tco.personnel = personnel;
    m
}

fn joined(personnel: Decimal) -> Scenario {
    let mut s = Scenario::new(ScenarioKind::CostReduction, "SSC");
    s.operating.push(OperatingCost::flat(
        OperatingKind::Tco(TcoCategory::Personnel),
        "personnel",
        personnel,
    ));
    s
}

/// Provider: SSC management 80,000 a year plus a 40,000 project organisation in year 1.
/// a (100 wp): personnel 200,000 → 100,000; b (300 wp): personnel 100,000 → 50,000.
fn group() -> GroupInput {
    let mut provider = Scenario::new(ScenarioKind::CostReduction, "SSC West");
    provider.operating.push(OperatingCost::flat(
        OperatingKind::Extra(ExtraCostKind::SscManagement),
        "management SSC",
        dec!(80000),
    ));
    provider.one_off.push(OneOffCost {
        kind: OneOffKind::ProjectOrganisation,
        label: "kwartiermaker".into(),
        year: 1,
        amount: dec!(40000),
        source: None,
        citations: vec![],
    });
    GroupInput {
        horizon: Horizon::new(5).unwrap(),
        participants: vec![participant("a", dec!(100)), participant("b", dec!(300))],
        rule: AllocationRule {
            key: AllocationKey::Workplaces,
            tariff: TariffModel::Variable {
                unit_price: dec!(250),
            },
        },
        provider,
        cases: vec![
            ParticipantCase {
                participant: "a".into(),
                measurement: measurement("A", dec!(200000)),
                baseline: Scenario::baseline("A alleen"),
                scenario: joined(dec!(100000)),
            },
            ParticipantCase {
                participant: "b".into(),
                measurement: measurement("B", dec!(100000)),
                baseline: Scenario::baseline("B alleen"),
                scenario: joined(dec!(50000)),
            },
        ],
        risk: RiskInput::default(),
    }
}

#[test]
fn group_case_flags_the_participant_that_loses() {
    // Provider totals: 120,000 in year 1, 80,000 after. By workplaces a 1/4, b 3/4:
    // bills a 30,000 / 20,000, b 90,000 / 60,000.
    // a: cash +100,000 − 30,000 = +70,000, then +80,000 → cumulative 390,000, return year 1.
    // b: +50,000 − 90,000 = −40,000, then −10,000 → cumulative −80,000, no return.
    // Group: +30,000, then +70,000 → 310,000, return year 1: b loses while the group wins.
    let g = evaluate_group(&group()).unwrap();
    assert_eq!(g.allocations[0].lines[0].share, dec!(30000.00));
    assert_eq!(g.participants[1].bills[1], dec!(60000.00));
    let a = &g.participants[0];
    let b = &g.participants[1];
    assert_eq!(a.comparison.difference.return_year, Some(1));
    assert_eq!(
        a.comparison.difference.final_cumulative_cash_flow(),
        dec!(390000)
    );
    assert_eq!(
        b.comparison.difference.final_cumulative_cash_flow(),
        dec!(-80000)
    );
    assert_eq!(b.comparison.difference.return_year, None);
    assert_eq!(g.consolidated.final_cumulative_cash_flow(), dec!(310000));
    assert_eq!(g.consolidated.return_year, Some(1));
    assert!(g.is_positive());
    assert!(!a.loses_while_group_wins);
    assert!(b.loses_while_group_wins);
    // The bills add up to the provider's costs every year.
    for (alloc, row) in g.allocations.iter().zip(&g.provider.rows) {
        let sum: Decimal = alloc.lines.iter().map(|l| l.share).sum();
        assert_eq!(sum, row.total_costs);
    }
}

#[test]
fn group_bands_scale_provider_and_participants_alike() {
    // Costs × 1.1 in the unfavourable band: provider 132,000 in year 1 → a's bill 33,000;
    // a's personnel 110,000 vs baseline 200,000 → year 1 cash +90,000 − 33,000 = +57,000.
    let mut input = group();
    input.risk.cost_multiplier.high = dec!(1.1);
    let g = evaluate_group(&input).unwrap();
    let unfavourable = &g.participants[0].comparison.bands[2];
    assert_eq!(unfavourable.difference.rows[0].cash_flow, dec!(57000.00));
    assert_eq!(g.consolidated_bands.len(), 3);
}

#[test]
fn unknown_participant_in_a_case_is_an_error() {
    let mut input = group();
    input.cases[1].participant = "c".into();
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "cases[1].participant: unknown participant 'c' (known: a, b)"
    );
}

#[test]
fn participant_without_case_is_an_error() {
    let mut input = group();
    input.cases.pop();
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "cases: participant 'b' has no case (measurement, baseline, scenario)"
    );
}

#[test]
fn duplicate_case_is_an_error() {
    let mut input = group();
    input.cases[1].participant = "a".into();
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "cases[1].participant: participant 'a' is listed more than once"
    );
}

#[test]
fn provider_with_benefits_is_an_error() {
    let mut input = group();
    input.provider.benefits.push(Benefit {
        label: "korting".into(),
        value: BenefitValue::DirectCash { amount: dec!(1) },
        first_year: 1,
        last_year: None,
        phase_in_pct: vec![],
    });
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "provider.benefits ('SSC West'): the provider's scenario must not carry benefits; benefits land at the participants (KING, De baten als ballast, §2.8), put them in their cases"
    );
}

#[test]
fn group_tier_table_with_gap_is_an_error() {
    let mut input = group();
    input.rule.tariff = TariffModel::Tiered {
        tiers: vec![
            Tier {
                from: dec!(0),
                to: Some(dec!(100)),
                price: dec!(1),
            },
            Tier {
                from: dec!(150),
                to: None,
                price: dec!(2),
            },
        ],
    };
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "rule.tariff.tiers: gap between tiers[0] and tiers[1]: usage 100 up to 150 has no price"
    );
}

#[test]
fn group_case_scenario_kind_and_amounts_are_checked_with_paths() {
    let mut input = group();
    input.cases[0].scenario.kind = ScenarioKind::Baseline;
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "cases[0].scenario.kind ('SSC'): scenario kind must be cost_reduction or less_extra_costs, got baseline"
    );
    let mut input = group();
    input.cases[1].measurement.tco.facilities = dec!(-1);
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "cases[1].measurement.tco.facilities ('B'): must not be negative, got -1"
    );
    let mut input = group();
    input.horizon = Horizon::new(5).unwrap();
    input.provider.one_off[0].year = 6;
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "provider.one_off[0].year ('kwartiermaker'): year 6 is outside the horizon (years 1–5)"
    );
}

#[test]
fn group_with_no_usage_at_all_cannot_be_allocated() {
    let mut input = group();
    for p in &mut input.participants {
        p.workplaces = Decimal::ZERO;
    }
    assert_eq!(
        evaluate_group(&input).unwrap_err().to_string(),
        "rule ('year 1'): cannot allocate 120000: every participant's usage or list charge is zero"
    );
}

#[test]
fn group_input_deserialises_from_json() {
    let json = serde_json::to_string(&group()).unwrap();
    assert!(json.contains(r#""model":"variable""#));
    let back: GroupInput = serde_json::from_str(&json).unwrap();
    assert_eq!(back, group());
}

#[test]
fn predictability_orders_the_tariff_families() {
    let usage = dec!(400);
    let spread = |t: TariffModel| cost_band(&t, usage, dec!(20)).unwrap().relative_spread;
    let variable = spread(TariffModel::Variable {
        unit_price: dec!(250),
    });
    let composite = spread(TariffModel::Composite {
        fixed: dec!(50000),
        unit_price: dec!(125),
    });
    let fixed = spread(TariffModel::Fixed {
        amount: dec!(100000),
    });
    // Variable: 80,000 … 120,000 around 100,000 → 0.4. Composite: 50,000 + 40,000 …
    // 60,000 around 100,000 → 0.2. Fixed: 0.
    assert_eq!(variable, Some(dec!(0.4)));
    assert_eq!(composite, Some(dec!(0.2)));
    assert_eq!(fixed, Some(dec!(0)));
}

// ---------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------

fn money(max_cents: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_cents).prop_map(|c| Decimal::new(c, 2))
}

fn year() -> impl Strategy<Value = u32> {
    1u32..=5
}

fn scenario(kind: ScenarioKind) -> impl Strategy<Value = Scenario> {
    let operating = prop::collection::vec((money(50_000_000), year(), 0i64..=10, 0usize..3), 0..4);
    let one_off = prop::collection::vec((money(20_000_000), year()), 0..3);
    let investments = prop::collection::vec(
        (money(30_000_000), year(), prop::option::of(1u32..=8)),
        0..3,
    );
    let benefits = prop::collection::vec(
        (
            money(30_000_000),
            year(),
            prop::collection::vec(0i64..=100, 0..3),
            any::<bool>(),
        ),
        0..3,
    );
    (operating, one_off, investments, benefits).prop_map(move |(op, oo, inv, ben)| {
        let mut s = Scenario::new(kind, "prop");
        for (i, (amount, first_year, growth, label)) in op.into_iter().enumerate() {
            s.operating.push(OperatingCost {
                first_year,
                growth_pct: Decimal::from(growth),
                ..OperatingCost::flat(
                    OperatingKind::Other,
                    ["personnel", "software", format!("line {i}").as_str()][label].to_string(),
                    amount,
                )
            });
        }
        for (amount, year) in oo {
            s.one_off.push(OneOffCost {
                kind: OneOffKind::Training,
                label: "training".into(),
                year,
                amount,
                source: None,
                citations: vec![],
            });
        }
        for (amount, year, depreciation_years) in inv {
            s.investments.push(Investment {
                kind: InvestmentKind::ServersStorage,
                label: "servers".into(),
                year,
                amount,
                depreciation_years,
            });
        }
        for (amount, first_year, phase, efficiency) in ben {
            let value = if efficiency {
                BenefitValue::Efficiency {
                    fte: Decimal::new(15, 1),
                    cost_per_fte: amount,
                }
            } else {
                BenefitValue::DirectCash { amount }
            };
            s.benefits.push(Benefit {
                label: "benefit".into(),
                value,
                first_year,
                last_year: None,
                phase_in_pct: phase.into_iter().map(Decimal::from).collect(),
            });
        }
        s
    })
}

fn risk() -> impl Strategy<Value = RiskInput> {
    (0i64..=50, 0i64..=50, 0u32..=30).prop_map(|(c, b, d)| {
        let mut r = RiskInput::default();
        r.cost_multiplier.high = Decimal::ONE + Decimal::new(c, 2);
        r.benefit_multiplier.low = Decimal::ONE - Decimal::new(b, 2);
        r.delay_months.high = d;
        r
    })
}

fn measured() -> impl Strategy<Value = BaselineMeasurement> {
    (money(100_000_000), money(50_000_000)).prop_map(|(p, s)| {
        let mut m = BaselineMeasurement::default();
        m.tco.personnel = p;
        m.tco.software = s;
        m
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn shares_sum_exactly_to_the_total(
        total in money(10_000_000_000),
        weights in prop::collection::vec((0i64..=10_000_000, 0u32..=4), 1..12),
    ) {
        let weights: Vec<Decimal> = weights.into_iter().map(|(m, s)| Decimal::new(m, s)).collect();
        match split_exact(total, &weights, &Location::new("p")) {
            Ok(shares) => {
                prop_assert_eq!(shares.iter().copied().sum::<Decimal>(), total);
                for (s, w) in shares.iter().zip(&weights) {
                    prop_assert!(*s >= Decimal::ZERO);
                    if w.is_zero() { prop_assert!(s.is_zero()); }
                }
            }
            Err(AllocationError::NoAllocationBasis { .. }) => {
                prop_assert!(weights.iter().all(|w| w.round_dp(6).is_zero()));
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn allocation_shares_sum_exactly_for_every_tariff(
        total in money(1_000_000_000),
        workplaces in prop::collection::vec(0i64..=5_000, 1..10),
        model in 0usize..4,
        price in 1i64..=100_000,
    ) {
        let ps: Vec<Participant> = workplaces
            .iter()
            .enumerate()
            .map(|(i, w)| participant(&format!("p{i}"), Decimal::from(*w)))
            .collect();
        let price = Decimal::new(price, 2);
        let tariff = match model {
            0 => TariffModel::Fixed { amount: price },
            1 => TariffModel::Variable { unit_price: price },
            2 => TariffModel::Composite { fixed: price, unit_price: price },
            _ => TariffModel::Tiered { tiers: vec![
                Tier { from: dec!(0), to: Some(dec!(100)), price },
                Tier { from: dec!(100), to: None, price: price * dec!(3) },
            ] },
        };
        let rule = AllocationRule { key: AllocationKey::Workplaces, tariff };
        match allocate(total, &ps, &rule) {
            Ok(a) => prop_assert_eq!(a.lines.iter().map(|l| l.share).sum::<Decimal>(), total),
            Err(AllocationError::NoAllocationBasis { .. }) => {
                prop_assert!(model == 1 && workplaces.iter().all(|w| *w == 0));
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn baseline_compared_with_itself_is_zero_every_year(
        m in measured(),
        s in scenario(ScenarioKind::Baseline),
        r in risk(),
        h in 5u32..=10,
    ) {
        let h = Horizon::new(h).unwrap();
        let c = compare(&m, &s, &s, h, &RiskInput::default()).unwrap();
        for row in &c.difference.rows {
            prop_assert!(row.benefits.is_zero() && row.total_costs.is_zero());
            prop_assert!(row.cash_flow.is_zero() && row.cumulative_cash_flow.is_zero());
        }
        prop_assert_eq!(c.difference.return_year, None);
        prop_assert!(c.difference.lines.iter().all(|l| l.amounts.iter().all(|a| a.is_zero())));
        // With risk bands the scenario side is adjusted, the baseline not: the expected band
        // (multipliers 1, no delay) is still zero.
        let c = compare(&m, &s, &s, h, &r).unwrap();
        prop_assert!(c.bands[1].difference.rows.iter().all(|row| row.cash_flow.is_zero()));
    }

    #[test]
    fn cumulative_rows_are_running_sums(
        m in measured(),
        base in scenario(ScenarioKind::Baseline),
        s in scenario(ScenarioKind::LessExtraCosts),
        r in risk(),
    ) {
        let c = compare(&m, &base, &s, Horizon::DEFAULT, &r).unwrap();
        let tables = std::iter::once(&c.difference)
            .chain(std::iter::once(&c.scenario))
            .chain(c.bands.iter().map(|b| &b.difference));
        for t in tables {
            let (mut b, mut k, mut f) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            for (i, row) in t.rows.iter().enumerate() {
                let line_sum = |section| t.lines.iter().filter(|l| l.section == section)
                    .map(|l| l.amounts[i]).sum::<Decimal>();
                prop_assert_eq!(row.benefits, line_sum(wolkwijzer::core::business_case::Section::Benefits));
                prop_assert_eq!(row.total_costs, row.operating_costs + row.investments);
                prop_assert_eq!(row.cash_flow, row.benefits - row.total_costs);
                b += row.benefits;
                k += row.total_costs;
                f += row.cash_flow;
                prop_assert_eq!(row.cumulative_benefits, b);
                prop_assert_eq!(row.cumulative_costs, k);
                prop_assert_eq!(row.cumulative_cash_flow, f);
            }
        }
    }

    #[test]
    fn raising_a_cost_never_brings_the_return_year_forward(
        m in measured(),
        s in scenario(ScenarioKind::CostReduction),
        extra in money(50_000_000),
        at_year in year(),
        which in 0usize..3,
        r in risk(),
    ) {
        let base = Scenario::baseline("base");
        let before = compare(&m, &base, &s, Horizon::DEFAULT, &r).unwrap();
        let mut raised = s.clone();
        match which {
            0 => raised.one_off.push(OneOffCost {
                kind: OneOffKind::Other, label: "extra".into(), year: at_year,
                amount: extra, source: None, citations: vec![],
            }),
            1 => raised.investments.push(Investment {
                kind: InvestmentKind::Other, label: "extra".into(), year: at_year,
                amount: extra, depreciation_years: Some(3),
            }),
            _ => raised.operating.push(OperatingCost {
                first_year: at_year,
                ..OperatingCost::flat(OperatingKind::Other, "extra", extra)
            }),
        }
        let after = compare(&m, &base, &raised, Horizon::DEFAULT, &r).unwrap();
        let later_or_same = |b: Option<u32>, a: Option<u32>| match (b, a) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(b), Some(a)) => a >= b,
        };
        prop_assert!(later_or_same(before.difference.return_year, after.difference.return_year));
        for (b, a) in before.bands.iter().zip(&after.bands) {
            prop_assert!(later_or_same(b.return_year, a.return_year));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn delay_only_moves_benefits_later(
        amounts in prop::collection::vec(money(100_000_000), 5..=10),
        months in 0u32..=40,
    ) {
        use wolkwijzer::core::business_case::scenario::shift_by_months;
        let shifted = shift_by_months(&amounts, months).unwrap();
        prop_assert_eq!(shifted.len(), amounts.len());
        let (mut before, mut after) = (Decimal::ZERO, Decimal::ZERO);
        for (a, s) in amounts.iter().zip(&shifted) {
            before += *a;
            after += *s;
            // Up to every year, no more has arrived than without the delay.
            prop_assert!(after <= before);
            prop_assert!(*s >= Decimal::ZERO);
        }
        if months % 12 == 0 {
            // Whole years: an exact shift, the tail falls off the horizon.
            let q = (months / 12) as usize;
            let expected: Decimal = amounts.iter().take(amounts.len().saturating_sub(q)).sum();
            prop_assert_eq!(after, expected);
        }
    }
}

#[test]
fn business_case_output_carries_money_as_strings() {
    use wolkwijzer::core::business_case::{BusinessCaseInput, evaluate};
    let mut s = joined(dec!(150000.50));
    s.kind = ScenarioKind::LessExtraCosts;
    let input = BusinessCaseInput {
        horizon: Horizon::default(),
        measurement: measurement("A", dec!(200000)),
        baseline: Scenario::baseline("ongewijzigd beleid"),
        scenarios: vec![s],
        risk: RiskInput::default(),
    };
    let case = evaluate(&input).unwrap();
    // 200,000 − 150,000.50 = 49,999.50 a year saved; 7 years → 349,996.50.
    let c = &case.comparisons[0];
    assert_eq!(c.difference.final_cumulative_cash_flow(), dec!(349996.50));
    let json = serde_json::to_value(&case).unwrap();
    assert_eq!(
        json["comparisons"][0]["difference"]["rows"][6]["cumulative_cash_flow"],
        serde_json::json!("349996.50")
    );
    assert_eq!(
        json["comparisons"][0]["difference"]["return_year"],
        serde_json::json!(1)
    );
}

// ---------------------------------------------------------------------------------------------
// Business cases a controller would accept (issue 11, item 6): frictional costs where FTE go,
// one indexation for both sides, the FTE price with its price level, go-alone costs in the
// baseline, no favourable cost factor below 1.0, the VAT/BCF line, and whether the business
// case costs out the recommended candidate.
// ---------------------------------------------------------------------------------------------

mod common;

use wolkwijzer::core::business_case::{
    BusinessCaseSetup, Coverage, ScenarioOutcome, SetupResult, Uncovered, YearlyTable,
};
use wolkwijzer::io::profile;

fn shipped(stem: &str) -> BusinessCaseSetup {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{stem}.toml"));
    profile::load(&path)
        .unwrap_or_else(|e| panic!("{stem}: {e}"))
        .business_case
        .expect("a shipped profile has a business case")
}

fn line<'a>(t: &'a YearlyTable, label: &str) -> &'a [Decimal] {
    &t.lines
        .iter()
        .find(|l| l.label == label)
        .unwrap_or_else(|| {
            let labels: Vec<&str> = t.lines.iter().map(|l| l.label.as_str()).collect();
            panic!("no line {label:?} in {labels:?}")
        })
        .amounts
}

fn single(r: &SetupResult, i: usize) -> &wolkwijzer::core::business_case::Comparison {
    match &r.scenarios[i].outcome {
        ScenarioOutcome::Single(c) => c,
        ScenarioOutcome::Group(_) => panic!("a single municipality's scenario expected"),
    }
}

#[test]
fn the_small_municipality_pays_frictional_costs_in_the_year_its_fte_go() {
    let setup = shipped("kleine-gemeente");
    let r = setup.evaluate(None, |_| true).unwrap();
    let c = single(&r, 0);
    // Personnel 567,000 → 344,400 from year 2: 222,600 a year (about 2.3 FTE at 98,000);
    // half a year's cost per FTE that goes = 111,300, once, in year 2.
    let reorganisation = line(
        &c.difference,
        "reorganisation: frictional costs of the FTE that go",
    );
    assert_eq!(
        reorganisation,
        &[
            dec!(0),
            dec!(111300),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0)
        ]
    );
    // It is a one-off cost: in the Investments section (not capitalised, Bijlage 1 §6).
    assert_eq!(c.difference.rows[1].investments, dec!(111300));
}

#[test]
fn indexation_applies_to_the_savings_and_the_bills_alike() {
    let setup = shipped("kleine-gemeente");
    assert_eq!(setup.indexation.pct, dec!(2));
    let r = setup.evaluate(None, |_| true).unwrap();
    let c = single(&r, 0);
    // The personnel saving (a measured cost that falls) and the DVO (a bill) both rise 2 % a
    // year from year 1's price level: year 2 × 1.02, year 3 × 1.0404.
    let saving = line(&c.difference, "saving: personnel");
    assert_eq!(saving[1], dec!(227052.00)); // 222,600 × 1.02
    assert_eq!(saving[2], dec!(231593.04)); // 222,600 × 1.0404
    let dvo = line(&c.difference, "Dienstverleningsovereenkomst gastgemeente");
    assert_eq!(dvo[1], dec!(201960.00)); // 198,000 × 1.02
    assert_eq!(dvo[2], dec!(205999.20)); // 198,000 × 1.0404
    // One-off costs are in the euros of their year: not indexed.
    assert_eq!(
        line(&c.difference, "Projectleider overgang")[0],
        dec!(35000)
    );
}

#[test]
fn the_vat_line_is_the_unrecovered_share_of_each_bill() {
    let setup = shipped("kleine-gemeente");
    let r = setup.evaluate(None, |_| true).unwrap();
    let c = single(&r, 0);
    // 21 % VAT, 95 % recovered: 1.05 % of the DVO is lost, indexed like the DVO.
    let vat = line(
        &c.difference,
        "VAT not recoverable: Dienstverleningsovereenkomst gastgemeente",
    );
    assert_eq!(vat[0], dec!(0));
    assert_eq!(vat[1], dec!(2120.58)); // 198,000 × 1.05 % = 2,079 × 1.02
    assert_eq!(vat[2], dec!(2162.99)); // 2,079 × 1.0404 = 2,162.9916
}

#[test]
fn going_alone_costs_are_in_the_baseline_and_cancel_until_the_scenario_ends_them() {
    let setup = shipped("kleine-gemeente");
    let own = &setup.municipalities[0].baseline;
    let labels: Vec<&str> = own.operating.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.iter().any(|l| l.contains("BIO2/Cbw")), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("24/7")), "{labels:?}");
    assert!(own.operating.iter().all(|c| c.basis.is_some()));
    let r = setup.evaluate(None, |_| true).unwrap();
    for i in 0..2 {
        let c = single(&r, i);
        // In every band, year 1 (before the collaboration) is zero on the going-alone lines:
        // the scenario shares them with the baseline and no band scales them.
        for b in &c.bands {
            for label in [
                "Alleen blijven: 24/7 monitoring (extern SOC)",
                "Alleen blijven: BIO2/Cbw-naleving (ISMS, risicoanalyses, meldplicht; 0,4 fte en externe toets)",
            ] {
                assert_eq!(
                    line(&b.difference, label)[0],
                    dec!(0),
                    "{label} in {:?}",
                    b.band
                );
            }
        }
        // From year 2 the baseline keeps paying them: −35,000 × 1.02 in year 2.
        assert_eq!(
            line(
                &c.difference,
                "Alleen blijven: 24/7 monitoring (extern SOC)"
            )[1],
            dec!(-35700)
        );
    }
}

#[test]
fn every_shipped_profile_states_price_level_fte_price_indexation_and_a_favourable_band_of_at_least_one()
 {
    for path in common::shipped_profiles() {
        let p = profile::load(&path).unwrap();
        let Some(setup) = p.business_case else {
            continue;
        };
        let name = path.display();
        assert_eq!(setup.price_level, Some(2026), "{name}");
        let fte = setup.fte_price.as_ref().expect("an FTE price");
        assert_eq!(fte.price_level, Some(2026), "{name}");
        assert!(fte.basis.is_some(), "{name}");
        assert!(setup.indexation.basis.is_some(), "{name}");
        assert!(setup.reorganisation.is_some(), "{name}");
        for s in &setup.scenarios {
            assert!(s.risk.cost_multiplier.low >= Decimal::ONE, "{name}");
            assert!(s.vat.is_some(), "{name}: {}", s.label);
        }
    }
}

/// The golden yearly tables: per scenario the Bijlage 1 rows of the estimate and the return
/// year per band, reviewed line by line against the profile (see notes/bc_before_after.md).
#[test]
fn golden_yearly_tables_of_the_shipped_profiles() {
    use std::fmt::Write;
    for path in common::shipped_profiles() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let p = profile::load(&path).unwrap();
        let Some(setup) = p.business_case else {
            continue;
        };
        let r = setup.evaluate(None, |_| true).unwrap();
        let mut out = String::new();
        for s in &r.scenarios {
            let (estimate, bands) = match &s.outcome {
                ScenarioOutcome::Single(c) => (&c.difference, &c.bands),
                ScenarioOutcome::Group(g) => (&g.consolidated, &g.consolidated_bands),
            };
            let _ = writeln!(
                out,
                "scenario {}: {}",
                s.index + 1,
                setup.scenarios[s.index].label
            );
            for l in &estimate.lines {
                let amounts: Vec<String> = l.amounts.iter().map(|a| a.to_string()).collect();
                let _ = writeln!(out, "  {:?} {}: {}", l.section, l.label, amounts.join(" "));
            }
            for row in &estimate.rows {
                let _ = writeln!(
                    out,
                    "  year {}: benefits {} operating {} investments {} cash {} cumulative {}",
                    row.year,
                    row.benefits,
                    row.operating_costs,
                    row.investments,
                    row.cash_flow,
                    row.cumulative_cash_flow
                );
            }
            let years: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{:?} {} (end {})",
                        b.band,
                        b.return_year.map_or("-".into(), |y| y.to_string()),
                        b.difference.final_cumulative_cash_flow()
                    )
                })
                .collect();
            let _ = writeln!(out, "  return years: {}", years.join(", "));
        }
        insta::assert_snapshot!(format!("golden_{stem}"), out);
    }
}

#[test]
fn coverage_names_the_recommendation_or_says_plainly_why_not() {
    use wolkwijzer::core::business_case::{coverage, leaders};
    use wolkwijzer::core::scoring;
    let catalogue = wolkwijzer::io::catalogue::built_in();
    for path in common::shipped_profiles() {
        let p = profile::load(&path).unwrap();
        let Some(setup) = &p.business_case else {
            continue;
        };
        let e = scoring::evaluate(&catalogue, &p).unwrap();
        let lead = leaders(&e.ranking);
        let c = coverage(&lead, &setup.scenarios);
        let compared: Vec<_> = setup.scenarios.iter().map(|s| s.candidate).collect();
        match &c {
            Coverage::Covered {
                recommended,
                scenarios,
            } => {
                assert!(lead.contains(recommended));
                for i in scenarios {
                    assert_eq!(setup.scenarios[*i].candidate, *recommended);
                }
            }
            Coverage::NotCovered { reason } => {
                assert!(
                    compared.iter().all(|k| !lead.contains(k)),
                    "{}",
                    path.display()
                );
                match reason {
                    Uncovered::SameOptionOtherVariant {
                        recommended,
                        compared: same,
                    } => {
                        assert!(same.iter().all(|k| k.option == recommended.option));
                    }
                    Uncovered::OtherCandidates {
                        recommended,
                        compared: other,
                    } => {
                        assert!(other.iter().all(|k| k.option != recommended.option));
                    }
                    Uncovered::NoRecommendation => assert!(lead.is_empty()),
                    Uncovered::NoScenarios => assert!(compared.is_empty()),
                }
            }
        }
        // The command says the same thing, in words and as data.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wolkwijzer"))
            .args(["business-case", "--format", "json", "-p"])
            .arg(&path)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["coverage"], serde_json::to_value(&c).unwrap());
        let text = std::process::Command::new(env!("CARGO_BIN_EXE_wolkwijzer"))
            .args(["business-case", "-p"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        let expected = if c.is_covered() {
            "Aanbeveling en business case: de ranglijst beveelt "
        } else {
            "Let op: de ranglijst beveelt "
        };
        assert!(text.contains(expected), "{}: {text}", path.display());
    }
}

const CASE_HEAD: &str = r#"[municipality]
name = "X"
inhabitants = 1000
workplaces = 10

[weights]
privacy = 1
cost_predictability = 1
control = 1

[business_case]
horizon = 7
"#;

const CASE_TAIL: &str = r#"
[[business_case.measurement]]
ict_workplace = "1000"
software = "1000"
data_communication = "0"
voice_communication = "0"
personnel = "5000"
servers_storage = "1000"
facilities = "0"

[[business_case.scenarios]]
candidate = "host-saas-community"
kind = "cost_reduction"
tco = { from_year = 2, personnel = "4000" }
operating = [{ kind = "service_charge", label = "DVO", amount = "500", first_year = 2 }]
"#;

fn errors_of(head_extra: &str, scenario_extra: &str) -> String {
    let text = format!("{CASE_HEAD}{head_extra}\n{CASE_TAIL}{scenario_extra}\n");
    match profile::parse("p.toml", &text) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_new_settings_parse_into_the_setup() {
    let text = format!(
        "{CASE_HEAD}price_level = 2026\nindexation = {{ pct = 2.5, source = \"CPB, 2026\" }}\ncost_per_fte = {{ amount = \"98000\", price_level = 2026, assumption = \"r\" }}\nreorganisation = {{ pct_of_fte_cost = 50, assumption = \"r\" }}\n{CASE_TAIL}vat = {{ rate_pct = 21, recoverable_pct = 90, assumption = \"r\" }}\n"
    );
    let p = profile::parse("p.toml", &text).unwrap();
    let s = p.business_case.unwrap();
    assert_eq!(s.price_level, Some(2026));
    assert_eq!(s.indexation.pct, dec!(2.5));
    assert_eq!(s.fte_price.as_ref().unwrap().amount, dec!(98000));
    let r = s.evaluate(None, |_| true).unwrap();
    let c = single(&r, 0);
    // 1,000 of personnel goes in year 2: half of it once.
    assert_eq!(
        line(
            &c.difference,
            "reorganisation: frictional costs of the FTE that go"
        )[1],
        dec!(500)
    );
    // 500 × 21 % × 10 % = 10.50, × 1.025 in year 2.
    assert_eq!(
        line(&c.difference, "VAT not recoverable: DVO")[1],
        dec!(10.76)
    );
}

#[test]
fn a_favourable_cost_factor_below_one_is_refused_where_it_stands() {
    let e = errors_of(
        "[business_case.risk]\ncost_multiplier = { low = 0.95, expected = 1.0, high = 1.1 }\n",
        "",
    );
    assert!(
        e.contains("p.toml:14:27: business_case.risk.cost_multiplier.low: the favourable cost factor 0.95 is below 1.0: costs usually turn out higher than estimated (KING, De baten als ballast, §2.9)"),
        "{e}"
    );
    assert!(e.contains("low from 1.0 to 10"), "{e}");
    // The same inside a scenario's own risk.
    let e = errors_of(
        "",
        "risk = { cost_multiplier = { low = 0.9, expected = 1.0, high = 1.3 } }\n",
    );
    assert!(
        e.contains("business_case.scenarios[0].risk.cost_multiplier.low: the favourable cost factor 0.9 is below 1.0"),
        "{e}"
    );
}

#[test]
fn bad_controller_settings_get_located_messages() {
    let cases: [(&str, &str, &str); 7] = [
        (
            "indexation = { pct = 25, assumption = \"r\" }\n",
            "",
            "p.toml:13:22: business_case.indexation.pct: 25 is out of range (allowed: a number from 0 to 20)",
        ),
        (
            "indexation = { pct = 2 }\n",
            "",
            "p.toml:13:14: business_case.indexation.source: missing: where the figure comes from",
        ),
        (
            "cost_per_fte = { amount = \"98000\", assumption = \"r\" }\n",
            "",
            "p.toml:13:16: business_case.cost_per_fte.price_level: missing: the year whose prices the amount is in",
        ),
        (
            "cost_per_fte = { amount = \"98000\", price_level = 1900, assumption = \"r\" }\n",
            "",
            "p.toml:13:50: business_case.cost_per_fte.price_level: 1900 is out of range (allowed: a whole number from 2000 to 2100)",
        ),
        (
            "reorganisation = { pct_of_fte_cost = 50, source = \"s\", assumption = \"a\" }\n",
            "",
            "p.toml:13:18: business_case.reorganisation: both source and assumption are given",
        ),
        (
            "",
            "vat = { rate_pct = 21, recoverable_pct = 101, assumption = \"r\" }\n",
            "business_case.scenarios[0].vat.recoverable_pct: 101 is out of range (allowed: a number from 0 to 100)",
        ),
        (
            "",
            "vat = { rate_pct = 21, recoverable = 95, assumption = \"r\" }\n",
            "business_case.scenarios[0].vat.recoverable: unknown key `recoverable` (allowed: rate_pct, recoverable_pct, source, assumption)",
        ),
    ];
    let mut wrong = vec![];
    for (head, scenario, expected) in cases {
        let e = errors_of(head, scenario);
        if !e.contains(expected) {
            wrong.push(format!("expected {expected:?} in:\n{e}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn the_business_case_output_states_every_assumption() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wolkwijzer"))
        .args(["business-case", "-p", "profiles/kleine-gemeente.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Grondslagen en aannames",
        "Prijspeil: alle bedragen in euro's van 2026.",
        "Indexatie: 2% per jaar, gelijk voor ongewijzigd beleid en elk scenario",
        "Kosten van één fte: EUR 98.000 per jaar, prijspeil 2026. Aanname van wolkwijzer:",
        "Frictiekosten: eenmalig 50% van de jaarkosten per fte dat vertrekt",
        "Scenario 1, Heidevelde: personeelskosten EUR 222.600 per jaar lager vanaf jaar 2 (ongeveer 2,3 fte); frictiekosten EUR 111.300 in jaar 2.",
        "niet terug te krijgen: 1,05% van die rekeningen",
        "Wet op het BTW-compensatiefonds, 2002, art. 1 lid 1 onder c en art. 2",
        "art. 11 lid 1 onder u",
        "Niet bevestigd door wolkwijzer",
        "frictiekosten (vertrekkende fte)",
        "btw-verlies: Dienstverleningsovereenkomst",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    // Numbers in the Dutch output are Dutch.
    assert!(!text.contains("1.05%"));
}

proptest! {
    /// Index both sides or neither: whatever the indexation and the bands, a line the scenario
    /// shares with the baseline cancels in every year of every band, and a scenario that
    /// changes nothing is zero everywhere.
    #[test]
    fn a_line_shared_with_the_baseline_cancels_in_every_band(
        pct in 0i64..=2000,
        amount in money(10_000_000),
        risk in risk(),
    ) {
        let indexation = Decimal::new(pct, 2);
        let m = measurement("A", dec!(100000));
        let shared = OperatingCost::flat(OperatingKind::Other, "SOC", amount);
        let mut baseline = Scenario::baseline("ongewijzigd beleid");
        baseline.measurement = wolkwijzer::core::business_case::MeasurementUse::None;
        baseline.operating.push(shared.clone());
        baseline.indexation_pct = indexation;
        let mut s = Scenario::new(ScenarioKind::CostReduction, "samen");
        s.operating.push(OperatingCost { same_as_baseline: true, ..shared });
        s.indexation_pct = indexation;
        let c = compare(&m, &baseline, &s, Horizon::DEFAULT, &risk).unwrap();
        for b in &c.bands {
            for row in &b.difference.rows {
                prop_assert_eq!(row.cash_flow, Decimal::ZERO);
            }
        }
        // A scenario indexed differently from its baseline is refused.
        s.indexation_pct = indexation + Decimal::ONE;
        prop_assert!(compare(&m, &baseline, &s, Horizon::DEFAULT, &risk).is_err());
    }
}
