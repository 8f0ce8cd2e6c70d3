//! A scenario of seed 003 §2.5 over the horizon: structural operating costs (C), extra costs of
//! working together (D), one-off costs and investments (B), and the three kinds of benefits
//! (Bijlage 1 §5). Turns a scenario into the lines of its yearly table.
//!
//! How investments appear in the table (seed 003 §2.6.2 and Bijlage 1 §6–7): the annex 1 table
//! has only "Exploitatiekosten" and "Investeringen (niet geactiveerd)". Following §2.6.2 —
//! "Afhankelijk van dit regime worden kosten ofwel direct ten laste van het exploitatie
//! gebracht ofwel worden via een systematiek van afschrijving over meerdere jaren verdeeld" and
//! "Een gedeelte van de kosten kunnen worden 'geactiveerd' en komen als kapitaallast terug in
//! het exploitatieresultaat" — an investment that is not capitalised, and every one-off cost
//! ("Deze eenmalige organisatiekosten kosten mogen niet worden geactiveerd en afgeschreven,
//! maar worden in het jaar dat ze gemaakt worden ten laste gebracht van de exploitatie",
//! Bijlage 1 §6), is a line under Investments in the year it is made. A capitalised investment
//! never appears under Investments: its straight-line depreciation is an operating-cost line
//! (`"depreciation: <label>"`) from the investment year on, for `depreciation_years` years or
//! until the horizon ends. The table's cash flow is therefore the seed's "kasstroom" on the
//! basis of charges to the result; the unrecovered book value at the end of the horizon is
//! reported beside the table. Depreciation starts in full in the investment year; each year
//! is the amount divided by the years, truncated to cents, and the last year takes the
//! remainder, so the depreciation adds up to the investment exactly.

use super::baseline::{BaselineMeasurement, TcoCategory};
use super::error::{BusinessCaseError, Location, Result, fits, within};
use super::money::{Horizon, round_cents, truncate_cents};
use super::table::{Section, TableLine, YearlyTable};
use crate::core::bounds::{MAX_AMOUNT, MAX_DEPRECIATION_YEARS, MAX_FTE, MAX_GROWTH_PCT};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The three scenarios of seed 003 §2.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioKind {
    /// Scenario 1, 'ongewijzigd beleid': no collaboration; the baseline every other scenario
    /// is compared with.
    Baseline,
    /// Scenario 2: collaboration with cost reduction as primary goal, no investment in innovation.
    CostReduction,
    /// Scenario 3, 'minder meerkosten': collaboration with shared investment in quality and innovation.
    LessExtraCosts,
}

impl ScenarioKind {
    /// The snake_case id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            ScenarioKind::Baseline => "baseline",
            ScenarioKind::CostReduction => "cost_reduction",
            ScenarioKind::LessExtraCosts => "less_extra_costs",
        }
    }
}

/// What kind of yearly operating cost a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatingKind {
    /// Structural cost (C) in one of the seven TCO categories.
    Tco(TcoCategory),
    /// Implicit costs made explicit (A).
    Implicit,
    /// Extra cost of working together (D, seed 003 §2.6.4).
    Extra(ExtraCostKind),
    /// The bill of the SSC or host municipality (verrekening, §2.7).
    ServiceCharge,
    /// VAT on a service charge that the municipality cannot recover (neither from the
    /// BTW-compensatiefonds nor by deduction); derived by
    /// [`VatRule::lines`](super::assumptions::VatRule::lines), never entered.
    NonRecoverableVat,
    /// Anything else.
    Other,
}

/// The "minder meerkosten" (D) causes of seed 003 §2.6.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraCostKind {
    /// Opdrachtgeverschap at the participant.
    Commissioning,
    /// Informatiemanagement / functioneel beheer at the participant.
    InformationManagement,
    /// "Kwaliteitsverbetering [...] die als hoger tarief wordt doorbelast".
    HigherQualityTariff,
    /// Management van de share.
    SscManagement,
    /// Autonome huisvestingskosten van de share (huur, energie).
    Housing,
    /// Relatiebeheer tussen share en deelnemers.
    RelationshipManagement,
    /// Administratieve organisatie (batenmanagement, kostenbeheersing, verrekening).
    Administration,
    /// Pool informatiearchitecten.
    Architects,
    /// Beheerorganisatie gericht op continuïteit.
    Continuity,
}

/// A yearly operating cost: `amount` in `first_year`, growing by `growth_pct` percent a year
/// (compounded) until `last_year` (or the end of the horizon).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatingCost {
    /// Which cost it is.
    pub kind: OperatingKind,
    /// Label shown in the table; lines with equal labels are matched when comparing with
    /// the baseline. The measurement's lines are labelled with the category ids
    /// (`personnel`, `software`, ...) and [`IMPLICIT_LINE_LABEL`](super::baseline::IMPLICIT_LINE_LABEL):
    /// reuse those labels to show a measured cost that changes (or stays) in a scenario.
    pub label: String,
    /// EUR per year in the first year (≥ 0).
    pub amount: Decimal,
    /// First year charged (1-based, default 1).
    #[serde(default = "year_one")]
    pub first_year: u32,
    /// Last year charged (default: the end of the horizon).
    #[serde(default)]
    pub last_year: Option<u32>,
    /// Yearly growth in percent, e.g. 2 for +2 % a year (default 0; must be > -100). Real
    /// growth (volume, scope): price indexation is the scenario's `indexation_pct`, the same
    /// for the baseline and every scenario.
    #[serde(default)]
    pub growth_pct: Decimal,
    /// Where the amount comes from: a source, or an assumption with its reason (`None`: the
    /// profile's own estimate, not labelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<super::assumptions::Basis>,
    /// A cost the scenario shares with the baseline (the same line, under the same label,
    /// until the scenario ends it, e.g. the go-alone costs until the collaboration starts):
    /// not scaled by the risk bands, so it cancels in the difference exactly as the unchanged
    /// nulmeting does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_as_baseline: bool,
}

fn year_one() -> u32 {
    1
}

impl OperatingCost {
    /// A flat line: the same amount every year of the horizon.
    pub fn flat(kind: OperatingKind, label: impl Into<String>, amount: Decimal) -> Self {
        Self {
            kind,
            label: label.into(),
            amount,
            first_year: 1,
            last_year: None,
            growth_pct: Decimal::ZERO,
            basis: None,
            same_as_baseline: false,
        }
    }
}

/// One-off costs (effect B) of seed 003 §2.6.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OneOffKind {
    /// Projectorganisatie om de samenwerking te effectueren.
    ProjectOrganisation,
    /// Tijdelijke inhuur bij deelnemers.
    TemporaryHires,
    /// Aanvulling van ontbrekende licenties.
    MissingLicences,
    /// Het scripten van applicaties (migratie).
    ApplicationScripting,
    /// Reorganisatie (afvloeiingskosten).
    Reorganisation,
    /// Opleiding/training van medewerkers.
    Training,
    /// Desinvesteringen van ICT-middelen bij de deelnemers.
    Divestment,
    /// A known cost of the collaboration form (seed 001), see `known_costs`.
    CollaborationForm,
    /// Anything else.
    Other,
}

/// A one-off cost, charged in full in its year (never capitalised, Bijlage 1 §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOffCost {
    /// Which cost it is.
    pub kind: OneOffKind,
    /// Label shown in the table.
    pub label: String,
    /// Year it falls in (1-based).
    pub year: u32,
    /// EUR (≥ 0).
    pub amount: Decimal,
    /// Where the figure comes from, as the profile states it.
    #[serde(default)]
    pub source: Option<String>,
    /// The catalogue sources of a standard line (empty for a line the profile entered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<crate::core::catalogue::Citation>,
}

/// Investments of seed 003 §2.6.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvestmentKind {
    /// Werkplekken.
    Workplaces,
    /// Datacommunicatievoorzieningen (glasvezelverbindingen).
    Fibre,
    /// Server en storage oplossingen.
    ServersStorage,
    /// Spraaktechnologie.
    Voice,
    /// Inrichting van computerruimtes.
    ComputerRooms,
    /// Aanschaf en inrichting van beheersoftware.
    ManagementSoftware,
    /// Bedrijfsvoeringsoftware van de share.
    BusinessSoftware,
    /// Anything else.
    Other,
}

/// An investment; capitalised (geactiveerd) when `depreciation_years` is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investment {
    /// Which investment it is.
    pub kind: InvestmentKind,
    /// Label shown in the table.
    pub label: String,
    /// Year it is made (1-based).
    pub year: u32,
    /// EUR (≥ 0).
    pub amount: Decimal,
    /// `None`: not capitalised, charged in full in `year` under Investments. `Some(n)`:
    /// capitalised, depreciated straight-line over `n` years (n ≥ 1) as an operating cost.
    #[serde(default)]
    pub depreciation_years: Option<u32>,
}

/// The value of a quantified benefit, per year at full effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitValue {
    /// Efficiencybaten: time saved, in FTE, times the cost of one FTE per year. Not a direct
    /// cash effect in the seed's words, but quantifiable and counted in the table.
    Efficiency {
        /// FTE saved at full effect (≥ 0).
        fte: Decimal,
        /// EUR per FTE per year (≥ 0).
        cost_per_fte: Decimal,
    },
    /// Directe kasstroomeffecten: "meer inkomsten" or "minder kosten", e.g. a purchasing
    /// discount. EUR per year (≥ 0).
    DirectCash {
        /// EUR per year at full effect.
        amount: Decimal,
    },
}

/// A quantified benefit with an optional phase-in (benefits ramp up: seed 003 Bijlage 1 §5,
/// "de besparing \[treedt\] niet van de ene op de andere dag op").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benefit {
    /// Label shown in the table.
    pub label: String,
    /// Its value at full effect.
    pub value: BenefitValue,
    /// First year with any effect (1-based, default 1).
    #[serde(default = "year_one")]
    pub first_year: u32,
    /// Last year with effect (default: the end of the horizon).
    #[serde(default)]
    pub last_year: Option<u32>,
    /// Percentage of the full effect in the first years from `first_year` on (0–100 each),
    /// e.g. `[25, 50, 75]`; after the list, 100 %. Empty: full effect from the start.
    #[serde(default)]
    pub phase_in_pct: Vec<Decimal>,
}

/// Effectiviteitsbaten: qualitative benefits (reputation, service quality, ...), listed beside
/// the table and never summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualitativeBenefit {
    /// Short name.
    pub label: String,
    /// What improves and for whom.
    #[serde(default)]
    pub description: String,
}

/// How a scenario uses the municipality's baseline measurement (nulmeting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasurementUse {
    /// The measurement is not part of this scenario's costs (all costs are its own lines).
    #[default]
    None,
    /// The measured cost level (seven categories plus effect A) runs in every year; the usual
    /// start of the baseline.
    AllYears,
    /// The measured cost level runs in years 1 to the given year (e.g. until migration).
    UntilYear(u32),
}

/// One scenario for one stakeholder (a municipality, the SSC, or the group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Which of the seed's scenarios it is.
    pub kind: ScenarioKind,
    /// Name shown to the room.
    pub label: String,
    /// Whether the nulmeting's cost level is part of this scenario.
    #[serde(default)]
    pub measurement: MeasurementUse,
    /// Structural (C), implicit (A) and extra (D) yearly costs.
    #[serde(default)]
    pub operating: Vec<OperatingCost>,
    /// One-off costs (B).
    #[serde(default)]
    pub one_off: Vec<OneOffCost>,
    /// Investments (B).
    #[serde(default)]
    pub investments: Vec<Investment>,
    /// Efficiency and direct cash benefits.
    #[serde(default)]
    pub benefits: Vec<Benefit>,
    /// Effectiveness benefits (qualitative, never summed).
    #[serde(default)]
    pub effectiveness: Vec<QualitativeBenefit>,
    /// Yearly price indexation in percent (0–20, default 0): every operating cost (not the
    /// depreciation of an investment) and every benefit of year `y` is multiplied by
    /// `(1 + indexation_pct/100)^(y−1)`, so all amounts are entered at the price level of
    /// year 1. One-off costs and investments are entered in the euros of the year they fall
    /// in and are not indexed. The baseline and every scenario compared with it must carry
    /// the same value ([`BusinessCaseError::IndexationMismatch`]): index both sides or neither.
    #[serde(default)]
    pub indexation_pct: Decimal,
}

/// Adjustments applied to a scenario for a risk band (seed 003 §2.9: costs, benefits, time).
///
/// Costs: every cost of the scenario (operating, one-off, investment; depreciation follows
/// the scaled investment) is multiplied by `cost_multiplier` before rounding to cents.
/// Benefits: every benefit is multiplied by `benefit_multiplier`, then shifted later by
/// `delay_months` (see [`shift_by_months`]). Costs are not delayed: the seed names the delay
/// as the risk that the benefits come late ("De ICT samenwerkingsverbanden hebben flink meer
/// tijd nodig om het gewenste niveau te halen").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Factor on all costs (≥ 0; 1 = as estimated).
    pub cost_multiplier: Decimal,
    /// Factor on all benefits (≥ 0; 1 = as estimated).
    pub benefit_multiplier: Decimal,
    /// Months by which the benefits come later.
    pub delay_months: u32,
}

impl Adjustment {
    /// No adjustment: the scenario as estimated.
    pub const NONE: Adjustment = Adjustment {
        cost_multiplier: Decimal::ONE,
        benefit_multiplier: Decimal::ONE,
        delay_months: 0,
    };
}

impl Default for Adjustment {
    fn default() -> Self {
        Self::NONE
    }
}

impl Scenario {
    /// The baseline scenario 'ongewijzigd beleid' built on a measurement: the measured cost
    /// level in every year, nothing else (add the baseline's own investments afterwards).
    pub fn baseline(label: impl Into<String>) -> Self {
        Self {
            kind: ScenarioKind::Baseline,
            label: label.into(),
            measurement: MeasurementUse::AllYears,
            operating: Vec::new(),
            one_off: Vec::new(),
            investments: Vec::new(),
            benefits: Vec::new(),
            effectiveness: Vec::new(),
            indexation_pct: Decimal::ZERO,
        }
    }

    /// An empty scenario of the given kind.
    pub fn new(kind: ScenarioKind, label: impl Into<String>) -> Self {
        Self {
            measurement: MeasurementUse::None,
            kind,
            ..Self::baseline(label)
        }
    }

    /// Checks every amount, year and percentage against the horizon; `path` is where this
    /// scenario sits in the input (e.g. `scenarios[1]`).
    pub fn validate(&self, horizon: Horizon, path: &str) -> Result<()> {
        let h = horizon.years();
        let in_horizon = |year: u32, at: Location| -> Result<()> {
            if (1..=h).contains(&year) {
                Ok(())
            } else {
                Err(BusinessCaseError::YearOutsideHorizon {
                    at,
                    year,
                    horizon: h,
                })
            }
        };
        if self.indexation_pct < Decimal::ZERO
            || self.indexation_pct > super::assumptions::MAX_INDEXATION_PCT
        {
            return Err(BusinessCaseError::PercentOutOfRange {
                at: Location::item(format!("{path}.indexation_pct"), &self.label),
                value: self.indexation_pct,
                min: Decimal::ZERO,
                max: super::assumptions::MAX_INDEXATION_PCT,
            });
        }
        if let MeasurementUse::UntilYear(y) = self.measurement {
            in_horizon(
                y,
                Location::item(format!("{path}.measurement"), &self.label),
            )?;
        }
        for (i, c) in self.operating.iter().enumerate() {
            let at = |f: &str| Location::item(format!("{path}.operating[{i}].{f}"), &c.label);
            within(c.amount, MAX_AMOUNT, || at("amount"))?;
            in_horizon(c.first_year, at("first_year"))?;
            if let Some(last) = c.last_year {
                in_horizon(last, at("last_year"))?;
                if last < c.first_year {
                    return Err(BusinessCaseError::YearRangeReversed {
                        at: at("last_year"),
                        first: c.first_year,
                        last,
                    });
                }
            }
            if c.growth_pct <= -Decimal::ONE_HUNDRED || c.growth_pct > MAX_GROWTH_PCT {
                return Err(BusinessCaseError::GrowthOutOfRange {
                    at: at("growth_pct"),
                    value: c.growth_pct,
                });
            }
        }
        for (i, c) in self.one_off.iter().enumerate() {
            let at = |f: &str| Location::item(format!("{path}.one_off[{i}].{f}"), &c.label);
            within(c.amount, MAX_AMOUNT, || at("amount"))?;
            in_horizon(c.year, at("year"))?;
        }
        for (i, c) in self.investments.iter().enumerate() {
            let at = |f: &str| Location::item(format!("{path}.investments[{i}].{f}"), &c.label);
            within(c.amount, MAX_AMOUNT, || at("amount"))?;
            in_horizon(c.year, at("year"))?;
            if c.depreciation_years == Some(0) {
                return Err(BusinessCaseError::ZeroDepreciationYears {
                    at: at("depreciation_years"),
                });
            }
            if let Some(years) = c.depreciation_years
                && years > MAX_DEPRECIATION_YEARS
            {
                return Err(BusinessCaseError::TooLarge {
                    at: at("depreciation_years"),
                    value: years.into(),
                    max: MAX_DEPRECIATION_YEARS.into(),
                });
            }
        }
        for (i, b) in self.benefits.iter().enumerate() {
            let at = |f: &str| Location::item(format!("{path}.benefits[{i}].{f}"), &b.label);
            match &b.value {
                BenefitValue::Efficiency { fte, cost_per_fte } => {
                    within(*fte, MAX_FTE, || at("value.efficiency.fte"))?;
                    within(*cost_per_fte, MAX_AMOUNT, || {
                        at("value.efficiency.cost_per_fte")
                    })?;
                }
                BenefitValue::DirectCash { amount } => {
                    within(*amount, MAX_AMOUNT, || at("value.direct_cash.amount"))?;
                }
            }
            in_horizon(b.first_year, at("first_year"))?;
            if let Some(last) = b.last_year {
                in_horizon(last, at("last_year"))?;
                if last < b.first_year {
                    return Err(BusinessCaseError::YearRangeReversed {
                        at: at("last_year"),
                        first: b.first_year,
                        last,
                    });
                }
            }
            for (j, pct) in b.phase_in_pct.iter().enumerate() {
                if *pct < Decimal::ZERO || *pct > Decimal::ONE_HUNDRED {
                    return Err(BusinessCaseError::PhaseInOutOfRange {
                        at: at(&format!("phase_in_pct[{j}]")),
                        value: *pct,
                    });
                }
            }
        }
        Ok(())
    }

    /// Validates the scenario and builds its yearly table, as estimated.
    pub fn table(
        &self,
        measurement: &BaselineMeasurement,
        horizon: Horizon,
    ) -> Result<YearlyTable> {
        self.table_with(measurement, horizon, &Adjustment::NONE)
    }

    /// Validates the scenario and builds its yearly table with a risk adjustment.
    pub fn table_with(
        &self,
        measurement: &BaselineMeasurement,
        horizon: Horizon,
        adjustment: &Adjustment,
    ) -> Result<YearlyTable> {
        self.validate(horizon, "scenario")?;
        measurement.validate("measurement")?;
        let (lines, residual) = self.lines(measurement, horizon, adjustment, Vec::new())?;
        YearlyTable::from_lines(horizon.len(), lines, residual)
    }

    /// The table lines of a validated scenario, with `extra` lines (e.g. an SSC bill) added
    /// after the operating costs, and the residual book value at the end of the horizon.
    pub(crate) fn lines(
        &self,
        measurement: &BaselineMeasurement,
        horizon: Horizon,
        adj: &Adjustment,
        extra: Vec<TableLine>,
    ) -> Result<(Vec<TableLine>, Decimal)> {
        let n = horizon.len();
        let cm = adj.cost_multiplier;
        let mut lines = Vec::new();
        let hundred = Decimal::ONE_HUNDRED;
        let index = super::assumptions::index_factors(self.indexation_pct, n).ok_or_else(|| {
            BusinessCaseError::Overflow {
                at: Location::item("indexation_pct", &self.label),
            }
        })?;

        // Benefits, multiplied, then delayed.
        for (i, b) in self.benefits.iter().enumerate() {
            let at = || Location::item(format!("benefits[{i}]"), &b.label);
            let full = match &b.value {
                BenefitValue::Efficiency { fte, cost_per_fte } => {
                    fits(fte.checked_mul(*cost_per_fte), at)?
                }
                BenefitValue::DirectCash { amount } => *amount,
            };
            let last = b.last_year.map_or(n, |l| l as usize);
            let first = b.first_year as usize;
            let mut amounts = Vec::with_capacity(n);
            for y in 1..=n {
                if y < first || y > last {
                    amounts.push(Decimal::ZERO);
                    continue;
                }
                let pct = b.phase_in_pct.get(y - first).copied().unwrap_or(hundred);
                let value = full
                    .checked_mul(pct)
                    .and_then(|x| x.checked_div(hundred))
                    .and_then(|x| x.checked_mul(adj.benefit_multiplier))
                    .and_then(|x| x.checked_mul(index.get(y - 1).copied()?));
                amounts.push(round_cents(fits(value, at)?));
            }
            lines.push(TableLine {
                fixed: false,
                section: Section::Benefits,
                label: b.label.clone(),
                amounts: shift_by_months(&amounts, adj.delay_months)
                    .ok_or_else(|| BusinessCaseError::Overflow { at: at() })?,
            });
        }

        // Operating costs: the measurement, then the scenario's own lines.
        let measured_years = match self.measurement {
            MeasurementUse::None => 0,
            MeasurementUse::AllYears => n,
            MeasurementUse::UntilYear(y) => y as usize,
        };
        if measured_years > 0 {
            for line in measurement.operating_lines() {
                lines.push(operating_line(&line, n, cm, Some(measured_years), &index)?);
            }
        }
        for c in &self.operating {
            let factor = if c.same_as_baseline { Decimal::ONE } else { cm };
            lines.push(operating_line(c, n, factor, None, &index)?);
        }
        lines.extend(extra);

        // Investments: capitalised → depreciation (operating), otherwise Investments.
        let mut residual = Decimal::ZERO;
        for (i, inv) in self.investments.iter().enumerate() {
            let at = || Location::item(format!("investments[{i}]"), &inv.label);
            let amount = round_cents(fits(inv.amount.checked_mul(cm), at)?);
            let year = inv.year as usize;
            let mut amounts = vec![Decimal::ZERO; n];
            match inv.depreciation_years {
                None | Some(0) => {
                    if let Some(slot) = year.checked_sub(1).and_then(|y| amounts.get_mut(y)) {
                        *slot = amount;
                    }
                    lines.push(TableLine {
                        fixed: false,
                        section: Section::Investments,
                        label: inv.label.clone(),
                        amounts,
                    });
                }
                Some(years) => {
                    // Only the years inside the horizon are charged; the rest is the residual.
                    let schedule = straight_line_within(amount, years, n)
                        .ok_or_else(|| BusinessCaseError::Overflow { at: at() })?;
                    let mut charged = Decimal::ZERO;
                    for (k, d) in schedule.iter().enumerate() {
                        if let Some(slot) =
                            (year + k).checked_sub(1).and_then(|y| amounts.get_mut(y))
                        {
                            *slot = *d;
                            charged = fits(charged.checked_add(*d), at)?;
                        }
                    }
                    let left = fits(amount.checked_sub(charged), at)?;
                    residual = fits(residual.checked_add(left), at)?;
                    lines.push(TableLine {
                        fixed: false,
                        section: Section::OperatingCosts,
                        label: format!("depreciation: {}", inv.label),
                        amounts,
                    });
                }
            }
        }
        for (i, c) in self.one_off.iter().enumerate() {
            let at = || Location::item(format!("one_off[{i}]"), &c.label);
            let mut amounts = vec![Decimal::ZERO; n];
            let value = round_cents(fits(c.amount.checked_mul(cm), at)?);
            if let Some(slot) = (c.year as usize)
                .checked_sub(1)
                .and_then(|y| amounts.get_mut(y))
            {
                *slot = value;
            }
            lines.push(TableLine {
                fixed: false,
                section: Section::Investments,
                label: c.label.clone(),
                amounts,
            });
        }
        Ok((lines, residual))
    }
}

/// The yearly amounts of an operating cost line over `n` years; `cap` limits the last year;
/// `index` holds the indexation factor of each year (see [`Scenario::indexation_pct`]).
/// Checked: an amount that does not fit is [`BusinessCaseError::Overflow`].
fn operating_line(
    c: &OperatingCost,
    n: usize,
    cm: Decimal,
    cap: Option<usize>,
    index: &[Decimal],
) -> Result<TableLine> {
    let at = || Location::item("operating", &c.label);
    let first = c.first_year as usize;
    let last = c.last_year.map_or(n, |l| l as usize).min(cap.unwrap_or(n));
    let factor = fits(
        c.growth_pct
            .checked_div(Decimal::ONE_HUNDRED)
            .and_then(|g| Decimal::ONE.checked_add(g)),
        at,
    )?;
    let mut level = fits(c.amount.checked_mul(cm), at)?;
    let mut amounts = Vec::with_capacity(n);
    for y in 1..=n {
        if y < first || y > last {
            amounts.push(Decimal::ZERO);
            continue;
        }
        if y > first {
            level = fits(level.checked_mul(factor), at)?;
        }
        let indexed = level.checked_mul(index.get(y - 1).copied().unwrap_or(Decimal::ONE));
        amounts.push(round_cents(fits(indexed, at)?));
    }
    Ok(TableLine {
        fixed: c.same_as_baseline,
        section: Section::OperatingCosts,
        label: c.label.clone(),
        amounts,
    })
}

/// The first `within` years of [`straight_line`] without building the whole schedule (a
/// period longer than the horizon must not allocate one entry per year); `None` when the
/// amount does not fit.
fn straight_line_within(amount: Decimal, years: u32, within: usize) -> Option<Vec<Decimal>> {
    let years = years.max(1);
    let each = truncate_cents(amount.checked_div(Decimal::from(years))?);
    let last = amount.checked_sub(each.checked_mul(Decimal::from(years - 1))?)?;
    let count = (years as usize).min(within);
    Some(
        (0..count)
            .map(|k| if k + 1 == years as usize { last } else { each })
            .collect(),
    )
}

/// Straight-line depreciation of `amount` (in cents) over `years` ≥ 1 years: each year the
/// amount divided by the years truncated to cents; the last year takes the remainder, so the
/// schedule sums to `amount` exactly. E.g. 100.00 over 3 years → 33.33, 33.33, 33.34.
///
/// Only the first [`MAX_DEPRECIATION_YEARS`] years are built, the most any validated input
/// has (so an unchecked `u32::MAX` cannot ask for a 64 GiB vector).
pub fn straight_line(amount: Decimal, years: u32) -> Vec<Decimal> {
    straight_line_within(amount, years, MAX_DEPRECIATION_YEARS as usize).unwrap_or_default()
}

/// Shifts yearly amounts later by `months` (the delay rule of the risk bands).
///
/// Each year's amount is taken as spread evenly over its twelve months and moved `months`
/// later: with `months = 12q + r`, year `y` receives `(12 − r)/12` of year `y − q` plus
/// `r/12` of year `y − q − 1`. What moves beyond the horizon is lost (it falls after the
/// business case). To stay exact to the cent, the shifted running total is rounded (half away
/// from zero) and each year is the difference of consecutive rounded running totals; so the
/// shifted years add up to the rounded shifted total. Example: 1,000 a year from year 1 with a
/// 3-month delay gives 750, 1,000, 1,000, ...
///
/// `None` when an amount is too large to shift (only with unchecked input).
pub fn shift_by_months(amounts: &[Decimal], months: u32) -> Option<Vec<Decimal>> {
    if months == 0 {
        return Some(amounts.to_vec());
    }
    let q = (months / 12) as usize;
    let r = Decimal::from(months % 12);
    let twelve = Decimal::from(12);
    let at = |i: isize| -> Decimal {
        if i < 0 {
            Decimal::ZERO
        } else {
            amounts.get(i as usize).copied().unwrap_or(Decimal::ZERO)
        }
    };
    let mut cumulative_twelfths = Decimal::ZERO;
    let mut previous_rounded = Decimal::ZERO;
    (0..amounts.len())
        .map(|y| {
            let y = y as isize - q.min(isize::MAX as usize) as isize;
            let this = at(y).checked_mul(twelve - r)?;
            let before = at(y.saturating_sub(1)).checked_mul(r)?;
            cumulative_twelfths = cumulative_twelfths.checked_add(this)?.checked_add(before)?;
            let rounded = round_cents(cumulative_twelfths.checked_div(twelve)?);
            let year = rounded.checked_sub(previous_rounded)?;
            previous_rounded = rounded;
            Some(year)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn measurement() -> BaselineMeasurement {
        let mut m = BaselineMeasurement {
            municipality: "A".into(),
            ..Default::default()
        };
        m.tco.personnel = dec!(1000);
        m
    }

    #[test]
    fn straight_line_puts_remainder_in_last_year() {
        assert_eq!(
            straight_line(dec!(100.00), 3),
            vec![dec!(33.33), dec!(33.33), dec!(33.34)]
        );
        assert_eq!(
            straight_line(dec!(0.02), 3),
            vec![dec!(0), dec!(0), dec!(0.02)]
        );
    }

    #[test]
    fn shift_three_months() {
        let a = vec![dec!(1000); 3];
        assert_eq!(
            shift_by_months(&a, 3).unwrap(),
            vec![dec!(750), dec!(1000), dec!(1000)]
        );
    }

    #[test]
    fn shift_fifteen_months_and_rounding_is_exact() {
        // 100 in year 1 only, 15 months later: 3/4 in year 2, 1/4 in year 3.
        let a = vec![dec!(100), dec!(0), dec!(0), dec!(0)];
        assert_eq!(
            shift_by_months(&a, 15).unwrap(),
            vec![dec!(0), dec!(75), dec!(25), dec!(0)]
        );
        // 0.10 with 1 month: 0.10*11/12 = 0.09166 → 0.09; running total 0.10 → year 2 = 0.01.
        let b = vec![dec!(0.10), dec!(0)];
        assert_eq!(
            shift_by_months(&b, 1).unwrap(),
            vec![dec!(0.09), dec!(0.01)]
        );
    }

    #[test]
    fn capitalised_investment_becomes_depreciation() {
        let h = Horizon::new(5).unwrap();
        let mut s = Scenario::new(ScenarioKind::CostReduction, "samen");
        s.investments.push(Investment {
            kind: InvestmentKind::ServersStorage,
            label: "storage".into(),
            year: 4,
            amount: dec!(900),
            depreciation_years: Some(3),
        });
        s.investments.push(Investment {
            kind: InvestmentKind::Workplaces,
            label: "laptops".into(),
            year: 1,
            amount: dec!(500),
            depreciation_years: None,
        });
        let t = s.table(&measurement(), h).unwrap();
        // storage: 300 in years 4 and 5, 300 left on the books.
        assert_eq!(t.rows[3].operating_costs, dec!(300));
        assert_eq!(t.rows[4].operating_costs, dec!(300));
        assert_eq!(t.rows[3].investments, dec!(0));
        assert_eq!(t.rows[0].investments, dec!(500));
        assert_eq!(t.residual_book_value, dec!(300));
    }

    #[test]
    fn measurement_until_year_and_growth_and_phase_in() {
        let h = Horizon::new(5).unwrap();
        let mut s = Scenario::new(ScenarioKind::LessExtraCosts, "ssc");
        s.measurement = MeasurementUse::UntilYear(2);
        s.operating.push(OperatingCost {
            kind: OperatingKind::ServiceCharge,
            label: "ssc".into(),
            amount: dec!(800),
            first_year: 3,
            last_year: None,
            growth_pct: dec!(10),
            basis: None,
            same_as_baseline: false,
        });
        s.benefits.push(Benefit {
            label: "fte".into(),
            value: BenefitValue::Efficiency {
                fte: dec!(0.5),
                cost_per_fte: dec!(82000),
            },
            first_year: 2,
            last_year: None,
            phase_in_pct: vec![dec!(50)],
        });
        let t = s.table(&measurement(), h).unwrap();
        let op: Vec<_> = t.rows.iter().map(|r| r.operating_costs).collect();
        assert_eq!(
            op,
            vec![dec!(1000), dec!(1000), dec!(800), dec!(880), dec!(968)]
        );
        let ben: Vec<_> = t.rows.iter().map(|r| r.benefits).collect();
        assert_eq!(
            ben,
            vec![dec!(0), dec!(20500), dec!(41000), dec!(41000), dec!(41000)]
        );
    }

    fn invalid(s: &Scenario) -> String {
        s.validate(Horizon::DEFAULT, "scenarios[1]")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn negative_one_off_is_an_error() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        s.one_off.push(OneOffCost {
            kind: OneOffKind::Training,
            label: "opleiding".into(),
            year: 1,
            amount: dec!(-100),
            source: None,
            citations: vec![],
        });
        assert_eq!(
            invalid(&s),
            "scenarios[1].one_off[0].amount ('opleiding'): must not be negative, got -100"
        );
    }

    #[test]
    fn zero_depreciation_years_is_an_error() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        s.investments.push(Investment {
            kind: InvestmentKind::Fibre,
            label: "glasvezel".into(),
            year: 2,
            amount: dec!(1),
            depreciation_years: Some(0),
        });
        assert_eq!(
            invalid(&s),
            "scenarios[1].investments[0].depreciation_years ('glasvezel'): depreciation period must be at least 1 year, got 0"
        );
    }

    #[test]
    fn year_outside_horizon_is_an_error() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        s.investments.push(Investment {
            kind: InvestmentKind::Voice,
            label: "telefonie".into(),
            year: 8,
            amount: dec!(1),
            depreciation_years: None,
        });
        assert_eq!(
            invalid(&s),
            "scenarios[1].investments[0].year ('telefonie'): year 8 is outside the horizon (years 1–7)"
        );
    }

    #[test]
    fn phase_in_above_100_is_an_error() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        s.benefits.push(Benefit {
            label: "korting".into(),
            value: BenefitValue::DirectCash { amount: dec!(1) },
            first_year: 1,
            last_year: None,
            phase_in_pct: vec![dec!(50), dec!(120)],
        });
        assert_eq!(
            invalid(&s),
            "scenarios[1].benefits[0].phase_in_pct[1] ('korting'): phase-in percentage must be between 0 and 100, got 120"
        );
    }

    #[test]
    fn reversed_years_and_bad_growth_are_errors() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        let mut c = OperatingCost::flat(OperatingKind::Other, "huur", dec!(1));
        c.first_year = 3;
        c.last_year = Some(2);
        s.operating.push(c);
        assert_eq!(
            invalid(&s),
            "scenarios[1].operating[0].last_year ('huur'): last year 2 comes before first year 3"
        );
        s.operating[0].last_year = None;
        s.operating[0].growth_pct = dec!(-100);
        assert_eq!(
            invalid(&s),
            "scenarios[1].operating[0].growth_pct ('huur'): yearly growth must be greater than -100 percent, got -100"
        );
    }

    #[test]
    fn negative_fte_is_an_error() {
        let mut s = Scenario::new(ScenarioKind::CostReduction, "x");
        s.benefits.push(Benefit {
            label: "archief".into(),
            value: BenefitValue::Efficiency {
                fte: dec!(-1),
                cost_per_fte: dec!(82000),
            },
            first_year: 1,
            last_year: None,
            phase_in_pct: vec![],
        });
        assert_eq!(
            invalid(&s),
            "scenarios[1].benefits[0].value.efficiency.fte ('archief'): must not be negative, got -1"
        );
    }
}
