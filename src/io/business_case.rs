//! The `[business_case]` section of a profile → a validated
//! [`BusinessCaseSetup`]. Read with the spanned
//! [`Walker`], so every problem is reported at once with file:line:col, field and what is
//! allowed: negative amounts, a horizon outside 5–10 years, years outside the horizon, tier
//! tables with gaps or overlaps, unknown municipalities or participants, unknown candidates.
//! What the core still finds after that (e.g. an allocation where every usage is zero) is
//! reported at the scenario it belongs to.
//!
//! The keys are documented in the README ("Business case") and in `profiles/*.toml`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::walk::{Val, Walker, get, join};
use crate::core::allocation::{AllocationError, AllocationKey, AllocationRule, Participant};
use crate::core::allocation::{TariffModel, Tier};
use crate::core::bounds::{MAX_DEPRECIATION_YEARS, MAX_FTE, MAX_USAGE};
use crate::core::business_case::assumptions::{
    MAX_FRICTIONAL_PCT, MAX_INDEXATION_PCT, MAX_VAT_RATE_PCT, PRICE_LEVEL_YEARS,
};
use crate::core::business_case::{
    BandValues, BaselineMeasurement, Benefit, BenefitValue, BusinessCaseError, BusinessCaseSetup,
    CollaborationForm, ExtraCostKind, GroupPlan, Horizon, ImplicitCost, ImplicitCostKind,
    Investment, InvestmentKind, LevelChange, LocalPlan, Location, MeasuredLine, MunicipalityCase,
    OneOffCost, OneOffKind, OperatingCost, OperatingKind, QualitativeBenefit, RiskInput, Scenario,
    ScenarioKind, ScenarioPlan, ScenarioSetup, TcoCategory,
};
use crate::core::business_case::{Basis, FtePrice, Indexation, Reorganisation, VatRule};
use crate::core::catalogue::Catalogue;
use crate::core::profile::{Municipality, Subject};

/// Keys of `[business_case]`.
const KEYS: &[&str] = &[
    "horizon",
    "price_level",
    "indexation",
    "cost_per_fte",
    "reorganisation",
    "risk",
    "measurement",
    "scenarios",
];
/// Keys of one `[[business_case.measurement]]`.
const MEASUREMENT_KEYS: &[&str] = &[
    "municipality",
    "ict_workplace",
    "software",
    "data_communication",
    "voice_communication",
    "personnel",
    "servers_storage",
    "facilities",
    "implicit",
    "baseline",
];
/// Keys of one `[[business_case.scenarios]]` for one municipality.
const SINGLE_SCENARIO_KEYS: &[&str] = &[
    "label",
    "candidate",
    "kind",
    "form",
    "start_year",
    "risk",
    "vat",
    "tco",
    "operating",
    "extra",
    "one_off",
    "investments",
    "benefits",
    "effectiveness",
];
/// Keys of one `[[business_case.scenarios]]` for a starter group.
const GROUP_SCENARIO_KEYS: &[&str] = &[
    "label",
    "candidate",
    "kind",
    "form",
    "start_year",
    "risk",
    "vat",
    "provider",
    "allocation",
    "participants",
    "effectiveness",
];
/// Keys of a participant's part of a group scenario.
const PARTICIPANT_KEYS: &[&str] = &[
    "municipality",
    "tco",
    "operating",
    "extra",
    "one_off",
    "investments",
    "benefits",
    "effectiveness",
];
/// Keys of the lines a baseline or a provider may carry (no benefits: they land at the
/// participants, seed 003 §2.8).
const COST_KEYS: &[&str] = &["label", "operating", "extra", "one_off", "investments"];

const SCENARIO_KINDS: &str = "cost_reduction, minder_meerkosten (also: less_extra_costs)";
const OPERATING_KINDS: &str = "ict_workplace, software, data_communication, voice_communication, personnel, servers_storage, facilities, service_charge, other";
const EXTRA_KINDS: &str = "commissioning, information_management, higher_quality_tariff, ssc_management, housing, relationship_management, administration, architects, continuity";
const ONE_OFF_KINDS: &str = "project_organisation, temporary_hires, missing_licences, application_scripting, reorganisation, training, divestment, collaboration_form, other";
const INVESTMENT_KINDS: &str = "workplaces, fibre, servers_storage, voice, computer_rooms, management_software, business_software, other";
const IMPLICIT_KINDS: &str = "project_budgets, functional_management, beyond_economic_life, hidden_management, training_in_hr_budget, other";
const BENEFIT_KINDS: &str = "efficiency, direct_cash";
const ALLOCATION_KEYS: &str = "workplaces, accounts, inhabitants, service_use";
const TARIFF_MODELS: &str = "fixed, tiered, variable, composite";

/// Parses a snake_case serde id of a core enum.
fn serde_id<T: DeserializeOwned>(s: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s)).ok()
}

fn scenario_kind(s: &str) -> Option<ScenarioKind> {
    match s {
        "cost_reduction" => Some(ScenarioKind::CostReduction),
        "minder_meerkosten" | "less_extra_costs" => Some(ScenarioKind::LessExtraCosts),
        _ => None,
    }
}

fn operating_kind(s: &str) -> Option<OperatingKind> {
    match s {
        "service_charge" => Some(OperatingKind::ServiceCharge),
        "other" => Some(OperatingKind::Other),
        _ => TcoCategory::ALL
            .iter()
            .find(|c| c.id() == s)
            .map(|c| OperatingKind::Tco(*c)),
    }
}

fn measured_line(s: &str) -> Option<MeasuredLine> {
    if s == "implicit" {
        return Some(MeasuredLine::Implicit);
    }
    TcoCategory::ALL
        .iter()
        .find(|c| c.id() == s)
        .map(|c| MeasuredLine::Tco(*c))
}

fn allocation_key(s: &str) -> Option<&'static str> {
    ["workplaces", "accounts", "inhabitants", "service_use"]
        .into_iter()
        .find(|k| *k == s)
}

fn tariff_model(s: &str) -> Option<&'static str> {
    ["fixed", "tiered", "variable", "composite"]
        .into_iter()
        .find(|k| *k == s)
}

/// The reading state: the walker, the horizon years are checked against, and the default
/// cost of one FTE.
struct Reader<'w, 't> {
    w: &'w mut Walker<'t>,
    /// Years allowed in year fields (the horizon, or 10 when the horizon itself is wrong).
    years: u32,
    cost_per_fte: Option<Decimal>,
    /// The profile's `portfolio = "…"` (issue 16: `software = "portfolio"` sums its costs).
    portfolio: Option<&'w str>,
}

impl Reader<'_, '_> {
    fn req<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        at: usize,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<&'a Val<'i>> {
        let v = get(t, key);
        if v.is_none() {
            self.w.missing(at, &join(path, key), what);
        }
        v
    }

    fn string(
        &mut self,
        t: &DeTable<'_>,
        at: usize,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<String> {
        let v = self.req(t, at, path, key, what)?;
        self.w.string(v, &join(path, key))
    }

    fn money(
        &mut self,
        t: &DeTable<'_>,
        at: usize,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<Decimal> {
        let v = self.req(t, at, path, key, what)?;
        self.w.money(v, &join(path, key))
    }

    /// A year of the horizon (1-based).
    fn year(&mut self, v: &Val<'_>, field: &str) -> Option<u32> {
        let n = self.w.integer(v, field, i64::MIN, i64::MAX)?;
        if n < 1 || n > i64::from(self.years) {
            self.w.error_allowed(
                v.span().start,
                field,
                format!("year {n} is outside the horizon of {} years", self.years),
                format!("a year from 1 to {}", self.years),
            );
            return None;
        }
        Some(n as u32)
    }

    fn opt_year(&mut self, t: &DeTable<'_>, path: &str, key: &str, default: u32) -> Option<u32> {
        match get(t, key) {
            Some(v) => self.year(v, &join(path, key)),
            None => Some(default),
        }
    }

    /// `first_year`, `last_year` (optional, not before `first_year`) and `growth_pct`.
    fn running(&mut self, t: &DeTable<'_>, path: &str) -> Option<(u32, Option<u32>, Decimal)> {
        let first = self.opt_year(t, path, "first_year", 1);
        let last = match get(t, "last_year") {
            Some(v) => {
                let field = join(path, "last_year");
                match (self.year(v, &field), first) {
                    (Some(l), Some(f)) if l < f => {
                        self.w.error_allowed(
                            v.span().start,
                            &field,
                            format!("last year {l} comes before first year {f}"),
                            format!("a year from {f} to {}", self.years),
                        );
                        return None;
                    }
                    (l, _) => Some(l?),
                }
            }
            None => None,
        };
        let growth = match get(t, "growth_pct") {
            Some(v) => self.w.decimal(
                v,
                &join(path, "growth_pct"),
                Decimal::new(-99_99, 2),
                Decimal::ONE_HUNDRED,
            )?,
            None => Decimal::ZERO,
        };
        Some((first?, last, growth))
    }

    /// `source = "…"` or `assumption = "…"` of `t`: `Some(None)` when neither is given and
    /// `required` is false; `None` after an error (both given, or neither when required).
    fn basis(
        &mut self,
        t: &DeTable<'_>,
        at: usize,
        path: &str,
        required: bool,
    ) -> Option<Option<Basis>> {
        let source = get(t, "source").and_then(|v| self.w.string(v, &join(path, "source")));
        let assumption =
            get(t, "assumption").and_then(|v| self.w.string(v, &join(path, "assumption")));
        match (source, assumption) {
            (Some(_), Some(_)) => {
                self.w.error_allowed(
                    at,
                    path,
                    "both source and assumption are given",
                    "either source = \"publisher, title, year, section\" or assumption = \"the reason\"",
                );
                None
            }
            (Some(s), None) => Some(Some(Basis::Source(s))),
            (None, Some(a)) => Some(Some(Basis::Assumption(a))),
            (None, None) if required => {
                self.w.missing(
                    at,
                    &join(path, "source"),
                    "where the figure comes from: source = \"publisher, title, year, section\" or assumption = \"the reason\"",
                );
                None
            }
            (None, None) => Some(None),
        }
    }

    /// An optional boolean `t[key]` (default false); `None` after an error.
    fn flag(&mut self, t: &DeTable<'_>, path: &str, key: &str) -> Option<bool> {
        match get(t, key) {
            Some(v) => self.w.boolean(v, &join(path, key)),
            None => Some(false),
        }
    }

    /// A percentage `t[key]` within `0..=max`.
    fn percent(
        &mut self,
        t: &DeTable<'_>,
        at: usize,
        path: &str,
        key: &str,
        max: Decimal,
        what: &str,
    ) -> Option<Decimal> {
        let v = self.req(t, at, path, key, what)?;
        self.w.decimal(v, &join(path, key), Decimal::ZERO, max)
    }

    /// `price_level = 2026`: the year whose prices the amounts are in.
    fn price_level(&mut self, v: &Val<'_>, field: &str) -> Option<u16> {
        let (lo, hi) = PRICE_LEVEL_YEARS;
        self.w
            .integer(v, field, lo.into(), hi.into())
            .and_then(|n| u16::try_from(n).ok())
    }

    /// A table `{ <key> = percent, source | assumption }` (both required): the percentage
    /// (0 to `max`) and its basis.
    fn percent_with_basis(
        &mut self,
        v: &Val<'_>,
        path: &str,
        key: &str,
        max: Decimal,
        what: &str,
    ) -> Option<(Decimal, Basis)> {
        let t = self.w.table(v, path)?;
        self.w.check_keys(t, path, &[key, "source", "assumption"]);
        let at = v.span().start;
        let pct = self.percent(t, at, path, key, max, what);
        let basis = self.basis(t, at, path, true);
        Some((pct?, basis??))
    }

    /// `indexation = { pct = 2, source = "…" | assumption = "…" }`.
    fn indexation(&mut self, v: &Val<'_>, path: &str) -> Option<Indexation> {
        let (pct, basis) = self.percent_with_basis(
            v,
            path,
            "pct",
            MAX_INDEXATION_PCT,
            "percent a year, applied to the baseline and every scenario alike (0: constant prices)",
        )?;
        Some(Indexation {
            pct,
            basis: Some(basis),
        })
    }

    /// `cost_per_fte = "98000"` or `{ amount = "98000", price_level = 2026, source | assumption }`.
    fn fte_price(&mut self, v: &Val<'_>, path: &str) -> Option<FtePrice> {
        if !matches!(v.get_ref(), toml::de::DeValue::Table(_)) {
            return self.w.money(v, path).map(|amount| FtePrice {
                amount,
                price_level: None,
                basis: None,
            });
        }
        let t = self.w.table(v, path)?;
        self.w
            .check_keys(t, path, &["amount", "price_level", "source", "assumption"]);
        let at = v.span().start;
        let amount = self.money(t, at, path, "amount", "EUR per FTE per year");
        let price_level = self
            .req(
                t,
                at,
                path,
                "price_level",
                "the year whose prices the amount is in",
            )
            .and_then(|y| self.price_level(y, &join(path, "price_level")));
        let basis = self.basis(t, at, path, true);
        Some(FtePrice {
            amount: amount?,
            price_level: Some(price_level?),
            basis: basis?,
        })
    }

    /// `reorganisation = { pct_of_fte_cost = 50, source | assumption }`.
    fn reorganisation(&mut self, v: &Val<'_>, path: &str) -> Option<Reorganisation> {
        let (pct_of_fte_cost, basis) = self.percent_with_basis(
            v,
            path,
            "pct_of_fte_cost",
            MAX_FRICTIONAL_PCT,
            "one-off frictional cost per FTE that goes, percent of one FTE's yearly cost",
        )?;
        Some(Reorganisation {
            pct_of_fte_cost,
            basis,
        })
    }

    /// `vat = { rate_pct = 21, recoverable_pct = 95, source | assumption }`.
    fn vat(&mut self, v: &Val<'_>, path: &str) -> Option<VatRule> {
        let t = self.w.table(v, path)?;
        self.w.check_keys(
            t,
            path,
            &["rate_pct", "recoverable_pct", "source", "assumption"],
        );
        let at = v.span().start;
        let rate = self.percent(
            t,
            at,
            path,
            "rate_pct",
            MAX_VAT_RATE_PCT,
            "the VAT rate on the service charges, percent (21 general rate; 0 when none is charged)",
        );
        let recoverable = self.percent(
            t,
            at,
            path,
            "recoverable_pct",
            Decimal::ONE_HUNDRED,
            "the share of that VAT recovered through the BTW-compensatiefonds or by deduction, percent",
        );
        let basis = self.basis(t, at, path, true);
        Some(VatRule {
            rate_pct: rate?,
            recoverable_pct: recoverable?,
            basis: basis??,
        })
    }

    /// An array of tables at `t[key]`, each read by `item` with its path and position.
    fn items<T>(
        &mut self,
        t: &DeTable<'_>,
        path: &str,
        key: &str,
        mut item: impl FnMut(&mut Self, &DeTable<'_>, usize, &str) -> Option<T>,
    ) -> Vec<T> {
        let Some(v) = get(t, key) else {
            return vec![];
        };
        let field = join(path, key);
        let Some(arr) = self.w.array(v, &field) else {
            return vec![];
        };
        let mut out = vec![];
        for (i, x) in arr.iter().enumerate() {
            let p = format!("{field}[{i}]");
            if let Some(tt) = self.w.table(x, &p)
                && let Some(value) = item(self, tt, x.span().start, &p)
            {
                out.push(value);
            }
        }
        out
    }

    fn operating(&mut self, t: &DeTable<'_>, at: usize, path: &str) -> Option<OperatingCost> {
        self.w.check_keys(
            t,
            path,
            &[
                "kind",
                "label",
                "amount",
                "first_year",
                "last_year",
                "growth_pct",
                "source",
                "assumption",
                "same_as_baseline",
            ],
        );
        let kind = self
            .req(t, at, path, "kind", "what kind of structural cost")
            .and_then(|v| {
                self.w
                    .id(v, &join(path, "kind"), operating_kind, OPERATING_KINDS)
            });
        let label = self.string(t, at, path, "label", "a label shown in the table");
        let amount = self.money(t, at, path, "amount", "EUR per year");
        let running = self.running(t, path);
        let basis = self.basis(t, at, path, false);
        let (first_year, last_year, growth_pct) = running?;
        Some(OperatingCost {
            kind: kind?,
            label: label?,
            amount: amount?,
            first_year,
            last_year,
            growth_pct,
            basis: basis?,
            same_as_baseline: self.flag(t, path, "same_as_baseline")?,
        })
    }

    fn extra(&mut self, t: &DeTable<'_>, at: usize, path: &str) -> Option<OperatingCost> {
        self.w.check_keys(
            t,
            path,
            &[
                "kind",
                "label",
                "amount",
                "first_year",
                "last_year",
                "growth_pct",
                "source",
                "assumption",
                "same_as_baseline",
            ],
        );
        let kind = self
            .req(
                t,
                at,
                path,
                "kind",
                "which extra cost of working together (D)",
            )
            .and_then(|v| {
                self.w.id(
                    v,
                    &join(path, "kind"),
                    serde_id::<ExtraCostKind>,
                    EXTRA_KINDS,
                )
            });
        let label = self.string(t, at, path, "label", "a label shown in the table");
        let amount = self.money(t, at, path, "amount", "EUR per year");
        let basis = self.basis(t, at, path, false);
        let (first_year, last_year, growth_pct) = self.running(t, path)?;
        Some(OperatingCost {
            kind: OperatingKind::Extra(kind?),
            label: label?,
            amount: amount?,
            first_year,
            last_year,
            growth_pct,
            basis: basis?,
            same_as_baseline: self.flag(t, path, "same_as_baseline")?,
        })
    }

    fn one_off(&mut self, t: &DeTable<'_>, at: usize, path: &str) -> Option<OneOffCost> {
        self.w
            .check_keys(t, path, &["kind", "label", "year", "amount", "source"]);
        let kind = self
            .req(t, at, path, "kind", "which one-off cost (B)")
            .and_then(|v| {
                self.w.id(
                    v,
                    &join(path, "kind"),
                    serde_id::<OneOffKind>,
                    ONE_OFF_KINDS,
                )
            });
        let label = self.string(t, at, path, "label", "a label shown in the table");
        let year = self
            .req(t, at, path, "year", "the year it falls in")
            .and_then(|v| self.year(v, &join(path, "year")));
        let amount = self.money(t, at, path, "amount", "EUR");
        let source = get(t, "source").and_then(|v| self.w.string(v, &join(path, "source")));
        Some(OneOffCost {
            kind: kind?,
            label: label?,
            year: year?,
            amount: amount?,
            source,
            citations: vec![],
        })
    }

    fn investment(&mut self, t: &DeTable<'_>, at: usize, path: &str) -> Option<Investment> {
        self.w.check_keys(
            t,
            path,
            &["kind", "label", "year", "amount", "depreciation_years"],
        );
        let kind = self
            .req(t, at, path, "kind", "which investment (B)")
            .and_then(|v| {
                self.w.id(
                    v,
                    &join(path, "kind"),
                    serde_id::<InvestmentKind>,
                    INVESTMENT_KINDS,
                )
            });
        let label = self.string(t, at, path, "label", "a label shown in the table");
        let year = self
            .req(t, at, path, "year", "the year it is made")
            .and_then(|v| self.year(v, &join(path, "year")));
        let amount = self.money(t, at, path, "amount", "EUR");
        let depreciation_years = match get(t, "depreciation_years") {
            Some(v) => Some(self.w.integer(
                v,
                &join(path, "depreciation_years"),
                1,
                MAX_DEPRECIATION_YEARS.into(),
            )? as u32),
            None => None,
        };
        Some(Investment {
            kind: kind?,
            label: label?,
            year: year?,
            amount: amount?,
            depreciation_years,
        })
    }

    fn benefit(&mut self, t: &DeTable<'_>, at: usize, path: &str) -> Option<Benefit> {
        let kind = self
            .req(
                t,
                at,
                path,
                "kind",
                "efficiency (FTE saved) or direct_cash (EUR a year)",
            )
            .and_then(|v| {
                self.w.id(
                    v,
                    &join(path, "kind"),
                    |s| ["efficiency", "direct_cash"].into_iter().find(|k| *k == s),
                    BENEFIT_KINDS,
                )
            })?;
        let value_keys: &[&str] = if kind == "efficiency" {
            &["fte", "cost_per_fte"]
        } else {
            &["amount"]
        };
        let mut keys = vec!["kind", "label", "first_year", "last_year", "phase_in_pct"];
        keys.extend_from_slice(value_keys);
        self.w.check_keys(t, path, &keys);
        let label = self.string(t, at, path, "label", "a label shown in the table");
        let value = if kind == "efficiency" {
            let fte = self
                .req(t, at, path, "fte", "FTE saved a year at full effect")
                .and_then(|v| {
                    self.w
                        .decimal(v, &join(path, "fte"), Decimal::ZERO, MAX_FTE)
                });
            let cost = match get(t, "cost_per_fte") {
                Some(v) => self.w.money(v, &join(path, "cost_per_fte")),
                None => {
                    if self.cost_per_fte.is_none() {
                        self.w.missing(
                            at,
                            &join(path, "cost_per_fte"),
                            "EUR per FTE per year (or business_case.cost_per_fte for all)",
                        );
                    }
                    self.cost_per_fte
                }
            };
            BenefitValue::Efficiency {
                fte: fte?,
                cost_per_fte: cost?,
            }
        } else {
            BenefitValue::DirectCash {
                amount: self.money(t, at, path, "amount", "EUR per year at full effect")?,
            }
        };
        let first_year = self.opt_year(t, path, "first_year", 1);
        let last_year = match get(t, "last_year") {
            Some(v) => Some(self.year(v, &join(path, "last_year"))?),
            None => None,
        };
        if let (Some(f), Some(l), Some(v)) = (first_year, last_year, get(t, "last_year"))
            && l < f
        {
            self.w.error_allowed(
                v.span().start,
                &join(path, "last_year"),
                format!("last year {l} comes before first year {f}"),
                format!("a year from {f} to {}", self.years),
            );
            return None;
        }
        let mut phase_in_pct = vec![];
        if let Some(v) = get(t, "phase_in_pct") {
            let field = join(path, "phase_in_pct");
            if let Some(arr) = self.w.array(v, &field) {
                for (i, x) in arr.iter().enumerate() {
                    let p = format!("{field}[{i}]");
                    phase_in_pct.push(self.w.decimal(
                        x,
                        &p,
                        Decimal::ZERO,
                        Decimal::ONE_HUNDRED,
                    )?);
                }
            }
        }
        Some(Benefit {
            label: label?,
            value,
            first_year: first_year?,
            last_year,
            phase_in_pct,
        })
    }

    fn effectiveness(
        &mut self,
        t: &DeTable<'_>,
        at: usize,
        path: &str,
    ) -> Option<QualitativeBenefit> {
        self.w.check_keys(t, path, &["label", "description"]);
        let label = self.string(t, at, path, "label", "what improves");
        let description = get(t, "description")
            .and_then(|v| self.w.string(v, &join(path, "description")))
            .unwrap_or_default();
        Some(QualitativeBenefit {
            label: label?,
            description,
        })
    }

    /// The cost lines (and, where allowed by the caller's keys, benefits) of `t` into `s`.
    fn lines(&mut self, t: &DeTable<'_>, path: &str, s: &mut Scenario) {
        s.operating = self.items(t, path, "operating", |r, tt, at, p| r.operating(tt, at, p));
        s.operating
            .extend(self.items(t, path, "extra", |r, tt, at, p| r.extra(tt, at, p)));
        s.one_off = self.items(t, path, "one_off", |r, tt, at, p| r.one_off(tt, at, p));
        s.investments = self.items(t, path, "investments", |r, tt, at, p| {
            r.investment(tt, at, p)
        });
        s.benefits = self.items(t, path, "benefits", |r, tt, at, p| r.benefit(tt, at, p));
        s.effectiveness = self.items(t, path, "effectiveness", |r, tt, at, p| {
            r.effectiveness(tt, at, p)
        });
    }

    /// `tco = { from_year = 2, personnel = "...", implicit = "..." }`.
    fn level_change(&mut self, v: &Val<'_>, path: &str) -> Option<LevelChange> {
        let t = self.w.table(v, path)?;
        let mut allowed: Vec<&str> = vec!["from_year"];
        allowed.extend(TcoCategory::ALL.iter().map(|c| c.id()));
        allowed.push("implicit");
        self.w.check_keys(t, path, &allowed);
        let from_year = self
            .req(
                t,
                v.span().start,
                path,
                "from_year",
                "the first year at the new levels (the nulmeting runs until then)",
            )
            .and_then(|y| self.year(y, &join(path, "from_year")));
        let mut levels = vec![];
        for (k, val) in t.iter() {
            if let Some(line) = measured_line(k.get_ref())
                && let Some(a) = self.w.money(val, &join(path, k.get_ref()))
            {
                levels.push((line, a));
            }
        }
        Some(LevelChange {
            from_year: from_year?,
            levels,
        })
    }

    fn risk(&mut self, v: &Val<'_>, path: &str) -> Option<RiskInput> {
        let t = self.w.table(v, path)?;
        self.w.check_keys(
            t,
            path,
            &["cost_multiplier", "benefit_multiplier", "delay_months"],
        );
        let mut risk = RiskInput::default();
        let mut ok = true;
        for (key, slot) in [
            ("cost_multiplier", &mut risk.cost_multiplier),
            ("benefit_multiplier", &mut risk.benefit_multiplier),
        ] {
            if let Some(v) = get(t, key) {
                match self.band(v, &join(path, key), Decimal::ZERO, Decimal::TEN) {
                    Some(b) if key == "cost_multiplier" && b.low < Decimal::ONE => {
                        let at = get(self.w.table(v, path).unwrap_or(t), "low")
                            .map_or(v.span().start, |l| l.span().start);
                        self.w.error_allowed(
                            at,
                            &join(&join(path, key), "low"),
                            format!(
                                "the favourable cost factor {} is below 1.0: costs usually turn out higher than estimated (KING, De baten als ballast, §2.9), so the favourable end is at best 1.0",
                                b.low
                            ),
                            "low from 1.0 to 10, low ≤ expected ≤ high",
                        );
                        ok = false;
                    }
                    Some(b) => *slot = b,
                    None => ok = false,
                }
            }
        }
        if let Some(v) = get(t, "delay_months") {
            match self.band(
                v,
                &join(path, "delay_months"),
                Decimal::ZERO,
                Decimal::from(120),
            ) {
                Some(b) => {
                    let whole = |d: Decimal| d.fract().is_zero().then(|| d.to_u32()).flatten();
                    match (whole(b.low), whole(b.expected), whole(b.high)) {
                        (Some(low), Some(expected), Some(high)) => {
                            risk.delay_months = BandValues {
                                low,
                                expected,
                                high,
                            }
                        }
                        _ => {
                            self.w.error_allowed(
                                v.span().start,
                                &join(path, "delay_months"),
                                "months must be whole numbers",
                                "whole months from 0 to 120",
                            );
                            ok = false;
                        }
                    }
                }
                None => ok = false,
            }
        }
        ok.then_some(risk)
    }

    /// `{ low = …, expected = …, high = … }`, each within `min..=max`, ordered.
    fn band(
        &mut self,
        v: &Val<'_>,
        path: &str,
        min: Decimal,
        max: Decimal,
    ) -> Option<BandValues<Decimal>> {
        let t = self.w.table(v, path)?;
        self.w.check_keys(t, path, &["low", "expected", "high"]);
        let mut read = |key: &str| {
            let x = self.req(t, v.span().start, path, key, "low, expected and high")?;
            self.w.decimal(x, &join(path, key), min, max)
        };
        let (low, expected, high) = (read("low"), read("expected"), read("high"));
        let (low, expected, high) = (low?, expected?, high?);
        if !(low <= expected && expected <= high) {
            self.w.error_allowed(
                v.span().start,
                path,
                format!(
                    "values must be ordered low ≤ expected ≤ high, got {low} / {expected} / {high}"
                ),
                "low ≤ expected ≤ high",
            );
            return None;
        }
        Some(BandValues {
            low,
            expected,
            high,
        })
    }
}

/// Reads `[business_case]` (`v`) for the profile's `subject`; candidates are checked against
/// `catalogue`. `None` when something is wrong (the errors are in the walker).
pub fn business_case(
    w: &mut Walker<'_>,
    v: &Val<'_>,
    subject: Option<&Subject>,
    catalogue: &Catalogue,
    portfolio: Option<&str>,
) -> Option<BusinessCaseSetup> {
    const PATH: &str = "business_case";
    let t = w.table(v, PATH)?;
    w.check_keys(t, PATH, KEYS);
    let at = v.span().start;
    let horizon = match get(t, "horizon") {
        Some(h) => match w.integer(h, "business_case.horizon", i64::MIN, i64::MAX) {
            Some(n) => match u32::try_from(n).ok().map(Horizon::new) {
                Some(Ok(h)) => Some(h),
                _ => {
                    w.error_allowed(
                        h.span().start,
                        "business_case.horizon",
                        format!(
                            "{n} years is outside the allowed 5–10 years (KING, De baten als ballast, §2.5 advises 7 to 10)"
                        ),
                        "a whole number of years from 5 to 10 (default 7)",
                    );
                    None
                }
            },
            None => None,
        },
        None => Some(Horizon::DEFAULT),
    };
    let mut r = Reader {
        w,
        years: horizon.map_or(Horizon::MAX, Horizon::years),
        cost_per_fte: None,
        portfolio,
    };
    let fte_price = match get(t, "cost_per_fte") {
        Some(c) => {
            let f = r.fte_price(c, "business_case.cost_per_fte");
            r.cost_per_fte = f.as_ref().map(|f| f.amount);
            f.map(Some)
        }
        None => Some(None),
    };
    let price_level = match get(t, "price_level") {
        Some(v) => r.price_level(v, "business_case.price_level").map(Some),
        None => Some(None),
    };
    let indexation = match get(t, "indexation") {
        Some(v) => r.indexation(v, "business_case.indexation"),
        None => Some(Indexation::default()),
    };
    let reorganisation = match get(t, "reorganisation") {
        Some(v) => r
            .reorganisation(v, "business_case.reorganisation")
            .map(Some),
        None => Some(None),
    };
    let default_risk = match get(t, "risk") {
        Some(x) => r.risk(x, "business_case.risk"),
        None => Some(RiskInput::default()),
    };
    let subject = subject?;
    let members: Vec<&Municipality> = subject.members();
    let municipalities = measurements(&mut r, t, at, subject, &members);

    let mut scenarios = vec![];
    if let Some(sv) = r.req(
        t,
        at,
        PATH,
        "scenarios",
        "[[business_case.scenarios]], at least one",
    ) && let Some(arr) = r.w.array(sv, "business_case.scenarios")
    {
        if arr.is_empty() {
            r.w.error(
                sv.span().start,
                "business_case.scenarios",
                "at least one scenario is needed",
            );
        }
        for (i, x) in arr.iter().enumerate() {
            let path = format!("business_case.scenarios[{i}]");
            let Some(st) = r.w.table(x, &path) else {
                continue;
            };
            if let Some(s) = scenario(
                &mut r,
                st,
                x.span().start,
                &path,
                subject,
                municipalities.as_deref(),
                default_risk,
                catalogue,
            ) {
                scenarios.push((x.span().start, path, s));
            }
        }
    }
    let setup = BusinessCaseSetup {
        horizon: horizon?,
        municipalities: municipalities?,
        scenarios: scenarios.iter().map(|(_, _, s)| s.clone()).collect(),
        price_level: price_level?,
        indexation: indexation?,
        fte_price: fte_price?,
        reorganisation: reorganisation?,
    };
    if !r.w.errors.is_empty() {
        return None;
    }
    // What only the evaluation can find, reported at the scenario it belongs to.
    let mut ok = true;
    for (i, (at, path, _)) in scenarios.iter().enumerate() {
        if let Err(e) = setup.evaluate(None, |s| std::ptr::eq(s, &setup.scenarios[i])) {
            r.w.error(
                *at,
                path,
                format!("the business case cannot be evaluated: {e}"),
            );
            ok = false;
        }
    }
    ok.then_some(setup)
}

fn measurements(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    at: usize,
    subject: &Subject,
    members: &[&Municipality],
) -> Option<Vec<MunicipalityCase>> {
    let v = r.req(
        t,
        at,
        "business_case",
        "measurement",
        "[[business_case.measurement]]: the nulmeting of every municipality",
    )?;
    let arr = r.w.array(v, "business_case.measurement")?;
    let names = members
        .iter()
        .map(|m| format!("\"{}\"", m.name))
        .collect::<Vec<_>>()
        .join(", ");
    let mut found: Vec<Option<MunicipalityCase>> = vec![None; members.len()];
    let mut ok = true;
    // The measurement that took its software line from the portfolio (there is one portfolio).
    let mut from_portfolio: Option<String> = None;
    for (i, x) in arr.iter().enumerate() {
        let path = format!("business_case.measurement[{i}]");
        let Some(mt) = r.w.table(x, &path) else {
            ok = false;
            continue;
        };
        let start = x.span().start;
        r.w.check_keys(mt, &path, MEASUREMENT_KEYS);
        // Which municipality: required in a group, optional (and checked) for one.
        let index = match (get(mt, "municipality"), subject.is_group()) {
            (None, false) => Some(0),
            (None, true) => {
                r.w.missing(
                    start,
                    &join(&path, "municipality"),
                    &format!("which municipality of the group: one of {names}"),
                );
                None
            }
            (Some(nv), _) => {
                let field = join(&path, "municipality");
                r.w.string(nv, &field).and_then(|name| {
                    let idx = members.iter().position(|m| m.name == name);
                    if idx.is_none() {
                        r.w.error_allowed(
                            nv.span().start,
                            &field,
                            format!("unknown municipality \"{}\"", super::error::cut(&name)),
                            names.clone(),
                        );
                    }
                    idx
                })
            }
        };
        let mut m = BaselineMeasurement::default();
        let mut complete = true;
        for c in TcoCategory::ALL {
            if c == TcoCategory::Software
                && let Some(sv) = get(mt, "software")
                && let Some(word) = portfolio_word(sv)
            {
                if !software_from_portfolio(r, sv, word, &path, &mut m, &mut from_portfolio) {
                    complete = false;
                }
                continue;
            }
            match r.money(
                mt,
                start,
                &path,
                c.id(),
                "the yearly cost in this TCO category (0 when none)",
            ) {
                Some(a) => set_tco(&mut m, c, a),
                None => complete = false,
            }
        }
        m.implicit = r.items(mt, &path, "implicit", |r, tt, at, p| {
            r.w.check_keys(tt, p, &["kind", "label", "amount"]);
            let kind = r
                .req(tt, at, p, "kind", "which implicit cost (effect A)")
                .and_then(|v| {
                    r.w.id(
                        v,
                        &join(p, "kind"),
                        serde_id::<ImplicitCostKind>,
                        IMPLICIT_KINDS,
                    )
                });
            let label = r.string(tt, at, p, "label", "what it is");
            let amount = r.money(tt, at, p, "amount", "EUR per year");
            Some(ImplicitCost {
                kind: kind?,
                label: label?,
                amount: amount?,
            })
        });
        let mut baseline = crate::core::business_case::setup::default_baseline();
        if let Some(bv) = get(mt, "baseline") {
            let bpath = join(&path, "baseline");
            if let Some(bt) = r.w.table(bv, &bpath) {
                r.w.check_keys(bt, &bpath, COST_KEYS);
                if let Some(l) =
                    get(bt, "label").and_then(|l| r.w.string(l, &join(&bpath, "label")))
                {
                    baseline.label = l;
                }
                r.lines(bt, &bpath, &mut baseline);
            }
        }
        let Some(index) = index else {
            ok = false;
            continue;
        };
        m.municipality = members[index].name.clone();
        if found[index].is_some() {
            r.w.error(
                start,
                &join(&path, "municipality"),
                format!("a second nulmeting for \"{}\"", members[index].name),
            );
            ok = false;
            continue;
        }
        if complete {
            found[index] = Some(MunicipalityCase {
                measurement: m,
                baseline,
            });
        } else {
            ok = false;
        }
    }
    if ok {
        for (idx, f) in found.iter().enumerate() {
            if f.is_none() {
                r.w.missing(
                    v.span().start,
                    "business_case.measurement",
                    &format!("a nulmeting for \"{}\"", members[idx].name),
                );
                ok = false;
            }
        }
    }
    if ok {
        found.into_iter().collect()
    } else {
        None
    }
}

// ---- issue 16: the software line from the application portfolio ----------------------------

/// The word of a `software = "…"` that is not an amount (letters in a string), for
/// [`software_from_portfolio`]; `None` for anything the money reader should judge.
fn portfolio_word<'v>(v: &'v Val<'_>) -> Option<&'v str> {
    match v.get_ref() {
        toml::de::DeValue::String(s) if s.chars().any(char::is_alphabetic) => Some(s.trim()),
        _ => None,
    }
}

/// `software = "portfolio"`: the software line is the sum of the yearly costs in the profile's
/// portfolio file. Checks the word, that the profile names a portfolio, that only one
/// measurement takes it, and that the file imports (its own problems are listed after this
/// one). `false` when something is wrong.
fn software_from_portfolio(
    r: &mut Reader<'_, '_>,
    v: &Val<'_>,
    word: &str,
    path: &str,
    m: &mut BaselineMeasurement,
    used_by: &mut Option<String>,
) -> bool {
    const ALLOWED: &str = "an amount in EUR as a string (\"1234.56\"), or \"portfolio\": the sum of the yearly costs in the profile's portfolio file";
    let field = join(path, "software");
    let at = v.span().start;
    if word != "portfolio" {
        r.w.error_allowed(
            at,
            &field,
            format!(
                "`{}` is neither an amount nor \"portfolio\"",
                super::error::cut(word)
            ),
            ALLOWED,
        );
        return false;
    }
    let Some(name) = r.portfolio else {
        r.w.error_allowed(
            at,
            &field,
            "takes the software line from the portfolio, but the profile names no portfolio",
            "portfolio = \"apps.csv\" at the top of the profile (a CSV or XLSX file, relative to the profile), or an amount here",
        );
        return false;
    };
    if let Some(first) = used_by {
        r.w.error(
            at,
            &field,
            format!("{first}.software already takes the portfolio; a profile has one portfolio, so only one nulmeting can take its costs"),
        );
        return false;
    }
    *used_by = Some(path.to_string());
    let profile_path =
        (r.w.file != super::profile::DEMO_NAME).then(|| std::path::Path::new(&r.w.file));
    let imported = match super::portfolio::for_profile(profile_path, name) {
        Ok(i) => i,
        Err(e) => {
            r.w.error(
                at,
                &field,
                format!(
                    "takes the software line from the portfolio `{}`, which cannot be imported ({} problem(s), listed below)",
                    super::error::cut(name),
                    e.0.len()
                ),
            );
            r.w.errors.extend(e.0);
            return false;
        }
    };
    let costs: Vec<Decimal> = imported
        .portfolio
        .applications
        .iter()
        .map(|a| a.yearly_cost)
        .collect();
    match m.software_from_portfolio(name, &costs, path) {
        Ok(()) => true,
        Err(e) => {
            r.w.error(at, &field, e.to_string());
            false
        }
    }
}

fn set_tco(m: &mut BaselineMeasurement, c: TcoCategory, a: Decimal) {
    let slot = match c {
        TcoCategory::IctWorkplace => &mut m.tco.ict_workplace,
        TcoCategory::Software => &mut m.tco.software,
        TcoCategory::DataCommunication => &mut m.tco.data_communication,
        TcoCategory::VoiceCommunication => &mut m.tco.voice_communication,
        TcoCategory::Personnel => &mut m.tco.personnel,
        TcoCategory::ServersStorage => &mut m.tco.servers_storage,
        TcoCategory::Facilities => &mut m.tco.facilities,
    };
    *slot = a;
}

#[allow(clippy::too_many_arguments)]
fn scenario(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    at: usize,
    path: &str,
    subject: &Subject,
    municipalities: Option<&[MunicipalityCase]>,
    default_risk: Option<RiskInput>,
    catalogue: &Catalogue,
) -> Option<ScenarioSetup> {
    let group = subject.is_group();
    r.w.check_keys(
        t,
        path,
        if group {
            GROUP_SCENARIO_KEYS
        } else {
            SINGLE_SCENARIO_KEYS
        },
    );
    let candidate = r
        .req(
            t,
            at,
            path,
            "candidate",
            "the candidate this scenario costs out, e.g. \"ssc-saas-community\"",
        )
        .and_then(|v| {
            let field = join(path, "candidate");
            let id = r.w.string(v, &field)?;
            let found = catalogue.candidate_by_id(&id).map(|c| c.key());
            if found.is_none() {
                let ids = catalogue
                    .candidates
                    .iter()
                    .map(|c| c.key().id())
                    .collect::<Vec<_>>()
                    .join(", ");
                r.w.error_allowed(
                    v.span().start,
                    &field,
                    format!("unknown candidate \"{}\"", super::error::cut(&id)),
                    ids,
                );
            }
            found
        });
    let kind = r
        .req(t, at, path, "kind", "cost_reduction or minder_meerkosten")
        .and_then(|v| {
            r.w.id(v, &join(path, "kind"), scenario_kind, SCENARIO_KINDS)
        });
    let label = match get(t, "label") {
        Some(v) => r.w.string(v, &join(path, "label")),
        None => candidate.map(|k| catalogue.candidate_name(k, crate::core::text::Lang::Nl)),
    };
    let form = get(t, "form").and_then(|v| {
        r.w.id(
            v,
            &join(path, "form"),
            CollaborationForm::from_id,
            &CollaborationForm::allowed(),
        )
    });
    let start_year = r.opt_year(t, path, "start_year", 1);
    let risk = match get(t, "risk") {
        Some(v) => r.risk(v, &join(path, "risk")),
        None => default_risk,
    };
    let vat = match get(t, "vat") {
        Some(v) => r.vat(v, &join(path, "vat")).map(Some),
        None => Some(None),
    };
    let (kind, label) = (kind?, label?);
    // Without every nulmeting the scenario cannot be checked further.
    municipalities?;
    let plan = if group {
        ScenarioPlan::Group(group_plan(r, t, at, path, kind, &label, subject)?)
    } else {
        let mut scenario = Scenario::new(kind, label.clone());
        r.lines(t, path, &mut scenario);
        let levels = match get(t, "tco") {
            Some(v) => Some(r.level_change(v, &join(path, "tco"))?),
            None => None,
        };
        ScenarioPlan::Single(LocalPlan { scenario, levels })
    };
    Some(ScenarioSetup {
        label,
        kind,
        candidate: candidate?,
        form,
        start_year: start_year?,
        risk: risk?,
        vat: vat?,
        plan,
    })
}

#[allow(clippy::too_many_arguments)]
fn group_plan(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    at: usize,
    path: &str,
    kind: ScenarioKind,
    label: &str,
    subject: &Subject,
) -> Option<GroupPlan> {
    let members = subject.members();
    let names = members
        .iter()
        .map(|m| format!("\"{}\"", m.name))
        .collect::<Vec<_>>()
        .join(", ");

    // The provider's own costs.
    let mut provider = Scenario::new(kind, label);
    let provider_ok = match r.req(t, at, path, "provider", "[business_case.scenarios.provider]: the SSC's or host's own costs, allocated among the participants") {
        Some(v) => {
            let ppath = join(path, "provider");
            match r.w.table(v, &ppath) {
                Some(pt) => {
                    r.w.check_keys(pt, &ppath, COST_KEYS);
                    if let Some(l) = get(pt, "label").and_then(|l| r.w.string(l, &join(&ppath, "label"))) {
                        provider.label = l;
                    }
                    r.lines(pt, &ppath, &mut provider);
                    true
                }
                None => false,
            }
        }
        None => false,
    };

    // The allocation: key, tariff and usage.
    let apath = join(path, "allocation");
    let rule_and_usage = r
        .req(
            t,
            at,
            path,
            "allocation",
            "[business_case.scenarios.allocation]: key and tariff",
        )
        .and_then(|v| allocation(r, v, &apath, &members, &names));

    // What changes at each participant.
    let ppath = join(path, "participants");
    let mut local: Vec<Option<LocalPlan>> = vec![None; members.len()];
    let mut participants_ok = true;
    match r.req(
        t,
        at,
        path,
        "participants",
        "[[business_case.scenarios.participants]]: what changes at each municipality",
    ) {
        Some(v) => {
            if let Some(arr) = r.w.array(v, &ppath) {
                for (i, x) in arr.iter().enumerate() {
                    let p = format!("{ppath}[{i}]");
                    let Some(pt) = r.w.table(x, &p) else {
                        participants_ok = false;
                        continue;
                    };
                    r.w.check_keys(pt, &p, PARTICIPANT_KEYS);
                    let index = r
                        .req(
                            pt,
                            x.span().start,
                            &p,
                            "municipality",
                            "which municipality of the group",
                        )
                        .and_then(|nv| {
                            let field = join(&p, "municipality");
                            let name = r.w.string(nv, &field)?;
                            let idx = members.iter().position(|m| m.name == name);
                            match idx {
                                None => r.w.error_allowed(
                                    nv.span().start,
                                    &field,
                                    format!("unknown participant \"{}\"", super::error::cut(&name)),
                                    names.clone(),
                                ),
                                Some(k) if local[k].is_some() => r.w.error(
                                    nv.span().start,
                                    &field,
                                    format!("participant \"{name}\" is listed more than once"),
                                ),
                                Some(_) => {}
                            }
                            idx.filter(|k| local[*k].is_none())
                        });
                    let mut scenario = Scenario::new(kind, label);
                    r.lines(pt, &p, &mut scenario);
                    let levels = match get(pt, "tco") {
                        Some(tv) => match r.level_change(tv, &join(&p, "tco")) {
                            Some(c) => Some(c),
                            None => {
                                participants_ok = false;
                                None
                            }
                        },
                        None => None,
                    };
                    match index {
                        Some(k) => local[k] = Some(LocalPlan { scenario, levels }),
                        None => participants_ok = false,
                    }
                }
                if participants_ok {
                    for (k, l) in local.iter().enumerate() {
                        if l.is_none() {
                            r.w.missing(
                                v.span().start,
                                &ppath,
                                &format!(
                                    "an entry for \"{}\" (every municipality of the group takes part)",
                                    members[k].name
                                ),
                            );
                            participants_ok = false;
                        }
                    }
                }
            } else {
                participants_ok = false;
            }
        }
        None => participants_ok = false,
    }
    let effectiveness = r.items(t, path, "effectiveness", |r, tt, at, p| {
        r.effectiveness(tt, at, p)
    });
    let (rule, usage) = rule_and_usage?;
    if !(provider_ok && participants_ok) {
        return None;
    }
    let participants = members
        .iter()
        .zip(usage)
        .map(|(m, u)| {
            let mut p = Participant {
                id: m.name.clone(),
                name: m.name.clone(),
                workplaces: Decimal::from(m.workplaces),
                accounts: Decimal::ZERO,
                inhabitants: Decimal::from(m.inhabitants),
                service_use: BTreeMap::new(),
            };
            match &rule.key {
                AllocationKey::Workplaces => p.workplaces = u,
                AllocationKey::Accounts => p.accounts = u,
                AllocationKey::Inhabitants => p.inhabitants = u,
                AllocationKey::ServiceUse(s) => {
                    p.service_use.insert(s.clone(), u);
                }
            }
            p
        })
        .collect();
    Some(GroupPlan {
        provider,
        rule,
        participants,
        locals: local.into_iter().collect::<Option<Vec<_>>>()?,
        effectiveness,
    })
}

/// `[business_case.scenarios.allocation]`: the rule and every member's usage on its key.
fn allocation(
    r: &mut Reader<'_, '_>,
    v: &Val<'_>,
    path: &str,
    members: &[&Municipality],
    names: &str,
) -> Option<(AllocationRule, Vec<Decimal>)> {
    let t = r.w.table(v, path)?;
    let at = v.span().start;
    r.w.check_keys(t, path, &["key", "service", "tariff", "usage"]);
    let key_id = r
        .req(t, at, path, "key", "the allocation key")
        .and_then(|k| {
            r.w.id(k, &join(path, "key"), allocation_key, ALLOCATION_KEYS)
        });
    let key = match key_id {
        Some("workplaces") => Some(AllocationKey::Workplaces),
        Some("accounts") => Some(AllocationKey::Accounts),
        Some("inhabitants") => Some(AllocationKey::Inhabitants),
        Some(_) => r
            .string(
                t,
                at,
                path,
                "service",
                "the service whose use is counted (key = service_use)",
            )
            .map(AllocationKey::ServiceUse),
        None => None,
    };
    if key_id.is_some_and(|k| k != "service_use")
        && let Some(sv) = get(t, "service")
    {
        r.w.error_allowed(
            sv.span().start,
            &join(path, "service"),
            "`service` belongs to key = \"service_use\"",
            "leave it out, or set key = \"service_use\"",
        );
    }
    let tariff = r
        .req(t, at, path, "tariff", "the tariff model")
        .and_then(|tv| tariff(r, tv, &join(path, "tariff")));

    // Usage per member: given, or the profile's workplaces / inhabitants.
    let mut given: Vec<Option<Decimal>> = vec![None; members.len()];
    if let Some(uv) = get(t, "usage") {
        let upath = join(path, "usage");
        if let Some(ut) = r.w.table(uv, &upath) {
            for (k, val) in ut.iter() {
                let name = k.get_ref().as_ref();
                let field = join(&upath, name);
                match members.iter().position(|m| m.name == name) {
                    Some(i) => {
                        given[i] = r.w.decimal(val, &field, Decimal::ZERO, MAX_USAGE);
                    }
                    None => r.w.error_allowed(
                        k.span().start,
                        &field,
                        format!("unknown participant \"{}\"", super::error::cut(name)),
                        names.to_string(),
                    ),
                }
            }
        }
    }
    let key = key?;
    let mut usage = vec![];
    for (i, m) in members.iter().enumerate() {
        let u = match (&key, given[i]) {
            (_, Some(u)) => Some(u),
            (AllocationKey::Workplaces, None) => Some(Decimal::from(m.workplaces)),
            (AllocationKey::Inhabitants, None) => Some(Decimal::from(m.inhabitants)),
            (_, None) => {
                r.w.missing(
                    at,
                    &join(path, "usage"),
                    &format!("the usage of \"{}\" on this key", m.name),
                );
                None
            }
        };
        usage.push(u);
    }
    let usage = usage.into_iter().collect::<Option<Vec<_>>>()?;
    Some((
        AllocationRule {
            key,
            tariff: tariff?,
        },
        usage,
    ))
}

/// `tariff = { model = "tiered", tiers = [...] }` etc., with the tier table checked for gaps
/// and overlaps (seed 003 Bijlage 3 stap 4).
fn tariff(r: &mut Reader<'_, '_>, v: &Val<'_>, path: &str) -> Option<TariffModel> {
    let t = r.w.table(v, path)?;
    let at = v.span().start;
    let model = r
        .req(t, at, path, "model", "the tariff model")
        .and_then(|m| r.w.id(m, &join(path, "model"), tariff_model, TARIFF_MODELS))?;
    let allowed: &[&str] = match model {
        "fixed" => &["model", "amount"],
        "variable" => &["model", "unit_price"],
        "composite" => &["model", "fixed", "unit_price"],
        _ => &["model", "tiers"],
    };
    r.w.check_keys(t, path, allowed);
    let tariff = match model {
        "fixed" => TariffModel::Fixed {
            amount: r.money(t, at, path, "amount", "EUR per participant per year")?,
        },
        "variable" => TariffModel::Variable {
            unit_price: r.money(t, at, path, "unit_price", "EUR per unit of use per year")?,
        },
        "composite" => {
            let fixed = r.money(t, at, path, "fixed", "EUR per participant per year");
            let unit_price = r.money(t, at, path, "unit_price", "EUR per unit of use per year");
            TariffModel::Composite {
                fixed: fixed?,
                unit_price: unit_price?,
            }
        }
        _ => {
            let tv = r.req(
                t,
                at,
                path,
                "tiers",
                "the tier table: [{ from, to, price }, ...]",
            )?;
            let tpath = join(path, "tiers");
            let arr = r.w.array(tv, &tpath)?;
            let mut tiers = vec![];
            let mut spans = vec![];
            for (i, x) in arr.iter().enumerate() {
                let p = format!("{tpath}[{i}]");
                let Some(tt) = r.w.table(x, &p) else {
                    continue;
                };
                r.w.check_keys(tt, &p, &["from", "to", "price"]);
                let big = MAX_USAGE;
                let from = r
                    .req(
                        tt,
                        x.span().start,
                        &p,
                        "from",
                        "the lowest usage of the tier",
                    )
                    .and_then(|f| r.w.decimal(f, &join(&p, "from"), Decimal::ZERO, big));
                let to = match get(tt, "to") {
                    Some(tv) => {
                        r.w.decimal(tv, &join(&p, "to"), Decimal::ZERO, big)
                            .map(Some)
                    }
                    None => Some(None),
                };
                let price = r.money(
                    tt,
                    x.span().start,
                    &p,
                    "price",
                    "EUR per year for usage in the tier",
                );
                if let (Some(from), Some(to), Some(price)) = (from, to, price) {
                    tiers.push(Tier { from, to, price });
                    spans.push((x.span().start, get(tt, "to").map(|t| t.span().start)));
                }
            }
            if tiers.len() != arr.len() {
                return None;
            }
            let model = TariffModel::Tiered { tiers };
            if let Err(e) = model.validate(path) {
                let (field, message) = split_error(&e);
                let at = match &e {
                    AllocationError::EmptyTier { .. } => tier_index(&field)
                        .and_then(|i| spans.get(i))
                        .map_or(tv.span().start, |s| s.0),
                    AllocationError::TierTableClosed { .. } => tier_index(&field)
                        .and_then(|i| spans.get(i))
                        .and_then(|s| s.1)
                        .unwrap_or(tv.span().start),
                    AllocationError::TierGap { after, .. }
                    | AllocationError::TierOverlap { after, .. } => {
                        spans.get(*after).map_or(tv.span().start, |s| s.0)
                    }
                    AllocationError::TierGapAtStart { first, .. } => {
                        spans.get(*first).map_or(tv.span().start, |s| s.0)
                    }
                    _ => tv.span().start,
                };
                r.w.error_allowed(
                    at,
                    &field,
                    message,
                    "tiers from 0 up, each `to` the next `from`, the highest without `to`",
                );
                return None;
            }
            model
        }
    };
    Some(tariff)
}

/// The index in a field path ending in `tiers[i]` or `tiers[i].to`.
fn tier_index(field: &str) -> Option<usize> {
    let start = field.rfind("tiers[")? + "tiers[".len();
    let end = start + field[start..].find(']')?;
    field[start..end].parse().ok()
}

/// The field path and the rest of the message of a core error.
pub(crate) fn split_error(e: &AllocationError) -> (String, String) {
    let location: Option<&Location> = match e {
        AllocationError::BusinessCase(b) => match b {
            BusinessCaseError::NegativeAmount { at, .. }
            | BusinessCaseError::YearOutsideHorizon { at, .. }
            | BusinessCaseError::YearRangeReversed { at, .. }
            | BusinessCaseError::ZeroDepreciationYears { at }
            | BusinessCaseError::PhaseInOutOfRange { at, .. }
            | BusinessCaseError::GrowthOutOfRange { at, .. }
            | BusinessCaseError::WrongScenarioKind { at, .. }
            | BusinessCaseError::BandsNotOrdered { at, .. }
            | BusinessCaseError::TooLarge { at, .. }
            | BusinessCaseError::FavourableCostBelowOne { at, .. }
            | BusinessCaseError::IndexationMismatch { at, .. }
            | BusinessCaseError::PercentOutOfRange { at, .. }
            | BusinessCaseError::Overflow { at } => Some(at),
            BusinessCaseError::HorizonOutOfRange { .. } => None,
        },
        AllocationError::TierTableEmpty { at }
        | AllocationError::EmptyTier { at, .. }
        | AllocationError::TierGapAtStart { at, .. }
        | AllocationError::TierGap { at, .. }
        | AllocationError::TierOverlap { at, .. }
        | AllocationError::TierTableClosed { at, .. }
        | AllocationError::DuplicateParticipant { at, .. }
        | AllocationError::UnknownParticipant { at, .. }
        | AllocationError::MissingCase { at, .. }
        | AllocationError::NoParticipants { at }
        | AllocationError::TotalNotInCents { at, .. }
        | AllocationError::NoAllocationBasis { at, .. }
        | AllocationError::TooLarge { at }
        | AllocationError::UncertaintyOutOfRange { at, .. }
        | AllocationError::ProviderHasBenefits { at } => Some(at),
    };
    let text = e.to_string();
    match location {
        Some(at) => {
            let prefix = format!("{at}: ");
            let message = text.strip_prefix(&prefix).unwrap_or(&text).to_string();
            (at.path.clone(), message)
        }
        None => ("business_case".into(), text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &str) -> Vec<&str> {
        list.split(", ").collect()
    }

    #[test]
    fn every_listed_kind_parses() {
        for id in ids(EXTRA_KINDS) {
            assert!(serde_id::<ExtraCostKind>(id).is_some(), "{id}");
        }
        for id in ids(ONE_OFF_KINDS) {
            assert!(serde_id::<OneOffKind>(id).is_some(), "{id}");
        }
        for id in ids(INVESTMENT_KINDS) {
            assert!(serde_id::<InvestmentKind>(id).is_some(), "{id}");
        }
        for id in ids(IMPLICIT_KINDS) {
            assert!(serde_id::<ImplicitCostKind>(id).is_some(), "{id}");
        }
        for id in ids(OPERATING_KINDS) {
            assert!(operating_kind(id).is_some(), "{id}");
        }
        for id in ids(ALLOCATION_KEYS) {
            assert!(allocation_key(id).is_some(), "{id}");
        }
        for id in ids(TARIFF_MODELS) {
            assert!(tariff_model(id).is_some(), "{id}");
        }
        assert_eq!(
            scenario_kind("minder_meerkosten"),
            Some(ScenarioKind::LessExtraCosts)
        );
        assert_eq!(scenario_kind("baseline"), None);
        assert!(serde_id::<ExtraCostKind>("nonsense").is_none());
    }

    const SINGLE: &str = "[municipality]\nname = \"X\"\ninhabitants = 1000\nworkplaces = 10\n\n[weights]\nprivacy = 1\ncost_predictability = 1\ncontrol = 1\n\n[business_case]\n\n[[business_case.measurement]]\nict_workplace = 0\nsoftware = 1000\ndata_communication = 0\nvoice_communication = 0\npersonnel = 100000\nservers_storage = 20000\nfacilities = 0\n\n[[business_case.scenarios]]\ncandidate = \"host-saas-community\"\nkind = \"minder_meerkosten\"\n";

    fn errors(extra: &str) -> String {
        crate::io::profile::parse("p.toml", &format!("{SINGLE}{extra}"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_valid_single_case_parses_into_a_setup() {
        let p = crate::io::profile::parse(
            "p.toml",
            &format!(
                "{SINGLE}tco = {{ from_year = 2, servers_storage = 0 }}\nbenefits = [{{ kind = \"efficiency\", label = \"x\", fte = 0.5, cost_per_fte = 82000 }}]\nrisk = {{ delay_months = {{ low = 0, expected = 3, high = 12 }} }}\n"
            ),
        )
        .unwrap();
        let setup = p.business_case.unwrap();
        assert_eq!(setup.horizon, Horizon::DEFAULT);
        let s = &setup.scenarios[0];
        assert_eq!(s.kind, ScenarioKind::LessExtraCosts);
        assert_eq!(s.label, "Gastgemeente · SaaS · Gedeelde cloud");
        assert_eq!(s.risk.delay_months.high, 12);
        let ScenarioPlan::Single(local) = &s.plan else {
            panic!("single plan");
        };
        assert_eq!(local.levels.as_ref().unwrap().from_year, 2);
        assert_eq!(
            local.scenario.benefits[0].value,
            BenefitValue::Efficiency {
                fte: Decimal::new(5, 1),
                cost_per_fte: Decimal::from(82000)
            }
        );
    }

    #[test]
    fn efficiency_without_a_cost_per_fte_is_reported() {
        let e = errors("benefits = [{ kind = \"efficiency\", label = \"x\", fte = 1 }]\n");
        assert!(
            e.contains("business_case.scenarios[0].benefits[0].cost_per_fte: missing: EUR per FTE per year (or business_case.cost_per_fte for all)"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_tco_category_and_a_float_amount_are_both_reported() {
        let text = SINGLE
            .replace("facilities = 0\n", "")
            .replace("software = 1000", "software = 1000.5");
        let e = crate::io::profile::parse("p.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("business_case.measurement[0].facilities: missing"),
            "{e}"
        );
        assert!(
            e.contains("business_case.measurement[0].software: money must not be a float"),
            "{e}"
        );
    }

    #[test]
    fn group_keys_in_a_single_municipality_are_unknown() {
        let e = errors("[business_case.scenarios.allocation]\nkey = \"workplaces\"\n");
        assert!(
            e.contains("business_case.scenarios[0].allocation: unknown key `allocation`"),
            "{e}"
        );
    }

    #[test]
    fn last_year_before_first_year_is_reported() {
        let e = errors(
            "operating = [{ kind = \"other\", label = \"huur\", amount = 1, first_year = 4, last_year = 2 }]\n",
        );
        assert!(
            e.contains("business_case.scenarios[0].operating[0].last_year: last year 2 comes before first year 4"),
            "{e}"
        );
    }

    #[test]
    fn a_measurement_for_another_municipality_is_reported() {
        let text = SINGLE.replace(
            "[[business_case.measurement]]\n",
            "[[business_case.measurement]]\nmunicipality = \"Y\"\n",
        );
        let e = crate::io::profile::parse("p.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("business_case.measurement[0].municipality: unknown municipality \"Y\" (allowed: \"X\")"),
            "{e}"
        );
    }

    #[test]
    fn fractional_delay_months_are_reported() {
        let e = errors("risk = { delay_months = { low = 0, expected = 1.5, high = 3 } }\n");
        assert!(
            e.contains(
                "business_case.scenarios[0].risk.delay_months: months must be whole numbers"
            ),
            "{e}"
        );
    }

    #[test]
    fn tier_index_reads_the_position() {
        assert_eq!(tier_index("a.tariff.tiers[2].to"), Some(2));
        assert_eq!(tier_index("a.tariff.tiers[10]"), Some(10));
        assert_eq!(tier_index("a.tariff.tiers"), None);
    }
}
