//! `business-case --format json`. The shape is documented in the README ("Business case") and
//! kept stable; money is a string with two decimals ("12345.67"), factors are strings too
//! ("0.95"), years and months are numbers, a missing return year is `null`.

use serde::Serialize;

use super::{BusinessCaseView, ScenarioView, band_id, key_id, money, number, risk_id};
use crate::core::allocation::{CostBand, TariffModel};
use crate::core::business_case::{
    BandValues, Basis, KnownCost, MunicipalityCase, Recurrence, RiskInput, Section, YearlyTable,
};
use crate::core::catalogue::CandidateKey;

#[derive(Serialize)]
struct RowJson {
    year: u32,
    benefits: String,
    operating_costs: String,
    investments: String,
    total_costs: String,
    cash_flow: String,
    cumulative_benefits: String,
    cumulative_costs: String,
    cumulative_cash_flow: String,
}

#[derive(Serialize)]
struct LineJson {
    section: &'static str,
    label: String,
    amounts: Vec<String>,
}

#[derive(Serialize)]
struct TableJson {
    rows: Vec<RowJson>,
    lines: Vec<LineJson>,
    return_year: Option<u32>,
    residual_book_value: String,
}

fn table(t: &YearlyTable) -> TableJson {
    TableJson {
        rows: t
            .rows
            .iter()
            .map(|r| RowJson {
                year: r.year,
                benefits: money(r.benefits),
                operating_costs: money(r.operating_costs),
                investments: money(r.investments),
                total_costs: money(r.total_costs),
                cash_flow: money(r.cash_flow),
                cumulative_benefits: money(r.cumulative_benefits),
                cumulative_costs: money(r.cumulative_costs),
                cumulative_cash_flow: money(r.cumulative_cash_flow),
            })
            .collect(),
        lines: t
            .lines
            .iter()
            .map(|l| LineJson {
                section: match l.section {
                    Section::Benefits => "benefits",
                    Section::OperatingCosts => "operating_costs",
                    Section::Investments => "investments",
                },
                label: l.label.clone(),
                amounts: l.amounts.iter().map(|a| money(*a)).collect(),
            })
            .collect(),
        return_year: t.return_year,
        residual_book_value: money(t.residual_book_value),
    }
}

#[derive(Serialize)]
struct CandidateJson {
    id: String,
    option: &'static str,
    service_model: &'static str,
    deployment: &'static str,
    name: String,
}

#[derive(Serialize)]
struct RangeJson<T> {
    low: T,
    expected: T,
    high: T,
}

fn range<T: Copy, U>(b: &BandValues<T>, f: impl Fn(T) -> U) -> RangeJson<U> {
    RangeJson {
        low: f(b.low),
        expected: f(b.expected),
        high: f(b.high),
    }
}

#[derive(Serialize)]
struct RiskJson {
    cost_multiplier: RangeJson<String>,
    benefit_multiplier: RangeJson<String>,
    delay_months: RangeJson<u32>,
}

fn risk(r: &RiskInput) -> RiskJson {
    RiskJson {
        cost_multiplier: range(&r.cost_multiplier, number),
        benefit_multiplier: range(&r.benefit_multiplier, number),
        delay_months: range(&r.delay_months, |m| m),
    }
}

#[derive(Serialize)]
struct BandJson {
    band: &'static str,
    cost_multiplier: String,
    benefit_multiplier: String,
    delay_months: u32,
    return_year: Option<u32>,
    table: TableJson,
}

#[derive(Serialize)]
struct ReturnYearsJson {
    favourable: Option<u32>,
    expected: Option<u32>,
    unfavourable: Option<u32>,
}

#[derive(Serialize)]
struct SensitivityJson {
    risk: &'static str,
    return_year: Option<u32>,
    final_cumulative_cash_flow: String,
}

#[derive(Serialize)]
struct BenefitJson {
    label: String,
    description: String,
}

#[derive(Serialize)]
struct KnownCostJson {
    id: String,
    label: String,
    recurrence: &'static str,
    per_participant: Option<RangeJson<String>>,
    total: Option<RangeJson<String>>,
    /// The sources, as a reader cites them.
    source: String,
    note: String,
}

fn known(v: &BusinessCaseView<'_>, k: &KnownCost) -> KnownCostJson {
    let amount = |a: &crate::core::business_case::AmountRange| RangeJson {
        low: money(a.low),
        expected: money(a.expected),
        high: money(a.high),
    };
    KnownCostJson {
        id: k.id.clone(),
        label: k.label.clone(),
        recurrence: match k.recurrence {
            Recurrence::OneOff => "one_off",
            Recurrence::Yearly => "yearly",
        },
        per_participant: k.per_participant.as_ref().map(amount),
        total: k.total.as_ref().map(amount),
        source: crate::report::cite::list(
            v.catalogue,
            &k.source,
            v.lang,
            crate::report::cite::Markup::Plain,
        ),
        note: k.note.clone(),
    }
}

#[derive(Serialize)]
struct TierJson {
    from: String,
    to: Option<String>,
    price: String,
}

#[derive(Serialize)]
struct TariffJson {
    model: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_price: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tiers: Option<Vec<TierJson>>,
}

fn tariff(t: &TariffModel) -> TariffJson {
    let mut out = TariffJson {
        model: t.id(),
        amount: None,
        fixed: None,
        unit_price: None,
        tiers: None,
    };
    match t {
        TariffModel::Fixed { amount } => out.amount = Some(money(*amount)),
        TariffModel::Variable { unit_price } => out.unit_price = Some(money(*unit_price)),
        TariffModel::Composite { fixed, unit_price } => {
            out.fixed = Some(money(*fixed));
            out.unit_price = Some(money(*unit_price));
        }
        TariffModel::Tiered { tiers } => {
            out.tiers = Some(
                tiers
                    .iter()
                    .map(|t| TierJson {
                        from: number(t.from),
                        to: t.to.map(number),
                        price: money(t.price),
                    })
                    .collect(),
            )
        }
    }
    out
}

#[derive(Serialize)]
struct BillBandJson {
    uncertainty_pct: String,
    low_usage: String,
    high_usage: String,
    low: String,
    expected: String,
    high: String,
    relative_spread: Option<String>,
}

fn bill_band(b: &CostBand, uncertainty: rust_decimal::Decimal) -> BillBandJson {
    BillBandJson {
        uncertainty_pct: number(uncertainty),
        low_usage: number(b.low_usage),
        high_usage: number(b.high_usage),
        low: money(b.low),
        expected: money(b.expected),
        high: money(b.high),
        relative_spread: b.relative_spread.map(number),
    }
}

#[derive(Serialize)]
struct AllocationYearJson {
    year: u32,
    total: String,
    list_total: String,
    coverage_difference: String,
}

#[derive(Serialize)]
struct ParticipantJson {
    municipality: String,
    usage: String,
    bills: Vec<String>,
    bill_band: Option<BillBandJson>,
    return_year: Option<u32>,
    return_years: ReturnYearsJson,
    final_cumulative_cash_flow: String,
    loses_while_group_wins: bool,
    difference: TableJson,
}

#[derive(Serialize)]
struct AllocationJson {
    key: &'static str,
    service: Option<String>,
    tariff: TariffJson,
    provider: TableJson,
    years: Vec<AllocationYearJson>,
    participants: Vec<ParticipantJson>,
}

#[derive(Serialize)]
struct ScenarioJson {
    label: String,
    kind: &'static str,
    candidate: CandidateJson,
    form: Option<&'static str>,
    start_year: u32,
    stakeholder: String,
    risk: RiskJson,
    estimate: TableJson,
    bands: Vec<BandJson>,
    return_years: ReturnYearsJson,
    sensitivity: Vec<SensitivityJson>,
    effectiveness: Vec<BenefitJson>,
    known_costs: Vec<KnownCostJson>,
    allocation: Option<AllocationJson>,
    /// The VAT/BCF rule of the scenario (null: the profile states none).
    vat: Option<VatJson>,
}

#[derive(Serialize)]
struct MeasurementJson {
    municipality: String,
    tco: std::collections::BTreeMap<&'static str, String>,
    visible_total: String,
    implicit: Vec<ImplicitJson>,
    implicit_total: String,
    total: String,
    shock_pct: Option<String>,
}

#[derive(Serialize)]
struct ImplicitJson {
    label: String,
    amount: String,
}

fn measurement(m: &MunicipalityCase) -> MeasurementJson {
    let n = &m.measurement;
    MeasurementJson {
        municipality: n.municipality.clone(),
        tco: crate::core::business_case::TcoCategory::ALL
            .iter()
            .map(|c| (c.id(), money(n.tco.get(*c))))
            .collect(),
        visible_total: money(n.visible_total()),
        implicit: n
            .implicit
            .iter()
            .map(|i| ImplicitJson {
                label: i.label.clone(),
                amount: money(i.amount),
            })
            .collect(),
        implicit_total: money(n.implicit_total()),
        total: money(n.total()),
        shock_pct: n.shock_pct().map(money),
    }
}

#[derive(Serialize)]
struct CaseJson {
    lang: &'static str,
    title: String,
    subject: String,
    horizon: u32,
    /// Whether the business case costs out the recommended candidate (null: not evaluated).
    coverage: Option<crate::core::business_case::Coverage>,
    /// What a controller checks: price level, indexation, FTE price, frictional costs.
    controller: ControllerJson,
    measurements: Vec<MeasurementJson>,
    scenarios: Vec<ScenarioJson>,
}

#[derive(Serialize)]
struct FtePriceJson {
    amount: String,
    price_level: Option<u16>,
    basis: Option<Basis>,
}

#[derive(Serialize)]
struct ReorganisationJson {
    pct_of_fte_cost: String,
    basis: Basis,
}

#[derive(Serialize)]
struct VatJson {
    rate_pct: String,
    recoverable_pct: String,
    basis: Basis,
}

#[derive(Serialize)]
struct ControllerJson {
    price_level: Option<u16>,
    indexation_pct: String,
    indexation_basis: Option<Basis>,
    cost_per_fte: Option<FtePriceJson>,
    reorganisation: Option<ReorganisationJson>,
    /// The same, with the frictional costs and the VAT/BCF line per scenario, as sentences
    /// in the output's language.
    grounds: Vec<String>,
}

fn controller(v: &BusinessCaseView<'_>) -> ControllerJson {
    let s = v.setup;
    ControllerJson {
        price_level: s.price_level,
        indexation_pct: number(s.indexation.pct),
        indexation_basis: s.indexation.basis.clone(),
        cost_per_fte: s.fte_price.as_ref().map(|f| FtePriceJson {
            amount: money(f.amount),
            price_level: f.price_level,
            basis: f.basis.clone(),
        }),
        reorganisation: s.reorganisation.as_ref().map(|r| ReorganisationJson {
            pct_of_fte_cost: number(r.pct_of_fte_cost),
            basis: r.basis.clone(),
        }),
        grounds: super::grounds::grounds(v, None).items,
    }
}

fn return_years(bands: &[crate::core::business_case::BandOutcome]) -> ReturnYearsJson {
    let of = |b| {
        bands
            .iter()
            .find(|o| o.band == b)
            .and_then(|o| o.return_year)
    };
    use crate::core::business_case::Band;
    ReturnYearsJson {
        favourable: of(Band::Favourable),
        expected: of(Band::Expected),
        unfavourable: of(Band::Unfavourable),
    }
}

fn candidate(v: &BusinessCaseView<'_>, k: CandidateKey) -> CandidateJson {
    CandidateJson {
        id: k.id(),
        option: k.option.id(),
        service_model: k.service_model.id(),
        deployment: k.deployment.id(),
        name: v.catalogue.candidate_name(k, v.lang),
    }
}

fn scenario(v: &BusinessCaseView<'_>, s: &ScenarioView<'_>) -> ScenarioJson {
    let allocation = s.group.as_ref().map(|g| {
        let (key, service) = key_id(&g.plan.rule.key);
        AllocationJson {
            key,
            service: service.map(String::from),
            tariff: tariff(&g.plan.rule.tariff),
            provider: table(&g.case.provider),
            years: g
                .case
                .allocations
                .iter()
                .enumerate()
                .map(|(i, a)| AllocationYearJson {
                    year: i as u32 + 1,
                    total: money(a.total),
                    list_total: money(a.list_total),
                    coverage_difference: money(a.coverage_difference),
                })
                .collect(),
            participants: g
                .case
                .participants
                .iter()
                .zip(&g.plan.participants)
                .zip(&g.bill_bands)
                .map(|((o, p), band)| ParticipantJson {
                    municipality: p.name.clone(),
                    usage: number(p.usage(&g.plan.rule.key)),
                    bills: o.bills.iter().map(|b| money(*b)).collect(),
                    bill_band: band.as_ref().map(|b| bill_band(b, g.uncertainty_pct)),
                    return_year: o.comparison.difference.return_year,
                    return_years: return_years(&o.comparison.bands),
                    final_cumulative_cash_flow: money(
                        o.comparison.difference.final_cumulative_cash_flow(),
                    ),
                    loses_while_group_wins: o.loses_while_group_wins,
                    difference: table(&o.comparison.difference),
                })
                .collect(),
        }
    });
    ScenarioJson {
        label: s.setup.label.clone(),
        // One English key everywhere in JSON: the note's JSON writes the same ids.
        kind: s.setup.kind.id(),
        candidate: candidate(v, s.setup.candidate),
        form: s.setup.form.map(|f| f.id()),
        start_year: s.setup.start_year,
        stakeholder: s.stakeholder.to_string(),
        risk: risk(&s.setup.risk),
        estimate: table(s.estimate),
        bands: s
            .bands
            .iter()
            .map(|b| BandJson {
                band: band_id(b.band),
                cost_multiplier: number(b.adjustment.cost_multiplier),
                benefit_multiplier: number(b.adjustment.benefit_multiplier),
                delay_months: b.adjustment.delay_months,
                return_year: b.return_year,
                table: table(&b.difference),
            })
            .collect(),
        return_years: return_years(s.bands),
        sensitivity: s
            .sensitivity
            .iter()
            .map(|x| SensitivityJson {
                risk: risk_id(x.dimension),
                return_year: x.return_year,
                final_cumulative_cash_flow: money(x.final_cumulative_cash_flow),
            })
            .collect(),
        effectiveness: s
            .effectiveness
            .iter()
            .map(|e| BenefitJson {
                label: e.label.clone(),
                description: e.description.clone(),
            })
            .collect(),
        known_costs: s.result.known_costs.iter().map(|k| known(v, k)).collect(),
        allocation,
        vat: s.setup.vat.as_ref().map(|r| VatJson {
            rate_pct: number(r.rate_pct),
            recoverable_pct: number(r.recoverable_pct),
            basis: r.basis.clone(),
        }),
    }
}

/// The business case as pretty JSON.
pub fn business_case(v: &BusinessCaseView<'_>) -> String {
    let out = CaseJson {
        lang: v.lang.code(),
        title: v.profile.title.clone(),
        subject: v.profile.subject.name().to_string(),
        horizon: v.result.horizon.years(),
        coverage: v.coverage.clone(),
        controller: controller(v),
        measurements: v.setup.municipalities.iter().map(measurement).collect(),
        scenarios: v.scenarios().iter().map(|s| scenario(v, s)).collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
