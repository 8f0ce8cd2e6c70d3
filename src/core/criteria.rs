//! Criteria and the rules that derive a candidate's 0–10 score on each, with an explanation
//! that cites its source. The points live in the catalogue (`[criteria.*]`); the shape of each
//! rule lives here.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::allocation::cost_band;
use super::catalogue::{
    Candidate, Catalogue, Characteristic, ControlLevel, Decider, Layer, ServiceModel, Weighted,
};
use super::text::Lang::{En, Nl};
use super::text::{self, Lang, Localized};

id_enum! {
    /// The criteria a candidate is scored on.
    Criterion {
        /// Privacy: who decides where data is stored, who can access it, how it is secured.
        Privacy => "privacy",
        /// Kostenvoorspelbaarheid: how well yearly costs can be budgeted in advance.
        CostPredictability => "cost_predictability",
        /// Controle: what the municipality keeps in hand per layer.
        Control => "control",
        /// Continuïteit: professional management and scale.
        Continuity => "continuity",
        /// Flexibiliteit: the cloud characteristics the candidate offers.
        Flexibility => "flexibility",
        /// Ontzorgen: relief of management burden and scarce staff.
        Ontzorgen => "ontzorgen",
        /// Exit: lock-in and the ease of leaving.
        Exit => "exit",
    }
}

impl Criterion {
    /// The three criteria every profile weighs.
    pub const CORE: [Criterion; 3] = [
        Criterion::Privacy,
        Criterion::CostPredictability,
        Criterion::Control,
    ];

    /// Whether this criterion is always present.
    pub fn is_core(self) -> bool {
        Criterion::CORE.contains(&self)
    }

    /// The criterion's name.
    pub fn name(self) -> Localized {
        let (nl, en) = match self {
            Criterion::Privacy => ("Privacy", "Privacy"),
            Criterion::CostPredictability => ("Kostenvoorspelbaarheid", "Cost predictability"),
            Criterion::Control => ("Controle", "Control"),
            Criterion::Continuity => ("Continuïteit", "Continuity"),
            Criterion::Flexibility => ("Flexibiliteit", "Flexibility"),
            Criterion::Ontzorgen => ("Ontzorgen", "Relief (ontzorgen)"),
            Criterion::Exit => ("Exit", "Exit"),
        };
        Localized::new(nl, en)
    }
}

/// A derived score with its explanation and the sources it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// 0–10, higher is better.
    pub score: f64,
    /// How the score came about, in both languages.
    pub explanation: Localized,
    /// Citations ("document, section \[status\]").
    pub sources: Vec<String>,
}

/// Derives the score of `candidate` on `criterion` from the catalogue's rules.
pub fn derive(catalogue: &Catalogue, candidate: &Candidate, criterion: Criterion) -> Derived {
    let d = match criterion {
        Criterion::Control => control(catalogue, candidate),
        Criterion::Privacy => privacy(catalogue, candidate),
        Criterion::CostPredictability => cost_predictability(catalogue, candidate),
        Criterion::Continuity => continuity(catalogue, candidate),
        Criterion::Flexibility => flexibility(catalogue, candidate),
        Criterion::Ontzorgen => ontzorgen(catalogue, candidate),
        Criterion::Exit => exit(catalogue, candidate),
    };
    Derived {
        score: clamp10(d.score),
        ..d
    }
}

fn clamp10(x: f64) -> f64 {
    x.clamp(0.0, 10.0)
}

/// A number in an explanation: at most two decimals, trailing zeros dropped, in the style of
/// the language (`7,5` in Dutch, `7.5` in English).
fn fmt1(x: f64, lang: Lang) -> String {
    text::number(x, 2, lang)
}

/// Collects explanation parts and citations.
struct Builder<'a> {
    catalogue: &'a Catalogue,
    nl: Vec<String>,
    en: Vec<String>,
    sources: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(catalogue: &'a Catalogue, rule: &Localized, source: &str, section: &str) -> Self {
        let mut b = Builder {
            catalogue,
            nl: vec![rule.nl.clone()],
            en: vec![rule.en.clone()],
            sources: vec![],
        };
        b.cite(source, section);
        b
    }

    fn cite(&mut self, source: &str, section: &str) {
        let c = self.catalogue.cite(source, section);
        if !self.sources.contains(&c) {
            self.sources.push(c);
        }
    }

    fn line(&mut self, nl: String, en: String) {
        self.nl.push(nl);
        self.en.push(en);
    }

    fn weighted(&mut self, label: &Localized, w: &Weighted) {
        self.line(
            format!("{}: {} ({})", label.nl, fmt1(w.value, Nl), w.nl),
            format!("{}: {} ({})", label.en, fmt1(w.value, En), w.en),
        );
        self.cite(&w.source, &w.section);
    }

    fn finish(self, score: f64) -> Derived {
        let s = clamp10(score);
        Derived {
            score,
            explanation: Localized::new(
                format!("{} → {}", self.nl.join(" "), fmt1(s, Nl)),
                format!("{} → {}", self.en.join(" "), fmt1(s, En)),
            ),
            sources: self.sources,
        }
    }
}

fn missing(what: &str) -> Weighted {
    Weighted {
        value: 0.0,
        nl: format!("geen punten voor '{what}' in de catalogus"),
        en: format!("no points for '{what}' in the catalogue"),
        source: String::new(),
        section: String::new(),
    }
}

fn decider_label(d: Decider) -> Localized {
    let (nl, en) = match d {
        Decider::Municipality => ("gemeente", "municipality"),
        Decider::Participants => ("deelnemers", "participants"),
        Decider::Host => ("gastgemeente", "host municipality"),
        Decider::Contract => ("leverancier (contract)", "supplier (contract)"),
        Decider::Provider => ("aanbieder", "provider"),
    };
    Localized::new(nl, en)
}

fn layer_label(catalogue: &Catalogue, layer: Layer) -> Localized {
    catalogue
        .layer(layer)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| Localized::new(layer.id(), layer.id()))
}

fn level_label(level: ControlLevel) -> Localized {
    let (nl, en) = match level {
        ControlLevel::Full => ("volledige controle", "full control"),
        ControlLevel::Configuration => ("configuratie", "configuration"),
        ControlLevel::None => ("geen invloed", "no influence"),
    };
    Localized::new(nl, en)
}

fn model_row(catalogue: &Catalogue, m: ServiceModel) -> Vec<(Layer, ControlLevel)> {
    Layer::ALL
        .iter()
        .map(|&l| {
            let level = catalogue
                .service_model(m)
                .map(|info| info.control_on(l))
                .unwrap_or(ControlLevel::None);
            (l, level)
        })
        .collect()
}

/// Control: the mean over the four layers of Table 1 (seed 000 §2.2). Full control and
/// configuration earn their points; a layer without influence earns only the governance credit
/// of whoever operates it (seed 000 §3.3: SSC participants decide together). Own hardware in a
/// provider's building loses the facility penalty (seed 002, option 2).
fn control(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.control;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let mut sum = 0.0;
    for (layer, level) in model_row(catalogue, c.service_model) {
        let name = layer_label(catalogue, layer);
        let lvl = level_label(level);
        let (points, why) = match level {
            ControlLevel::Full => (rule.level.full, None),
            ControlLevel::Configuration => (rule.level.configuration, None),
            ControlLevel::None => {
                let w = rule
                    .no_influence
                    .get(&c.operations)
                    .cloned()
                    .unwrap_or_else(|| missing(c.operations.id()));
                (w.value, Some(w))
            }
        };
        match why {
            Some(w) => {
                b.line(
                    format!("{}: {}, {} ({}).", name.nl, lvl.nl, fmt1(points, Nl), w.nl),
                    format!("{}: {}, {} ({}).", name.en, lvl.en, fmt1(points, En), w.en),
                );
                b.cite(&w.source, &w.section);
            }
            None => b.line(
                format!("{}: {}, {}.", name.nl, lvl.nl, fmt1(points, Nl)),
                format!("{}: {}, {}.", name.en, lvl.en, fmt1(points, En)),
            ),
        }
        sum += points;
    }
    let mut score = sum / Layer::ALL.len() as f64;
    if c.service_model == ServiceModel::OnPremises && c.facility != Decider::Municipality {
        let p = &rule.facility_penalty;
        b.line(
            format!("Min {} ({}).", fmt1(p.value, Nl), p.nl),
            format!("Minus {} ({}).", fmt1(p.value, En), p.en),
        );
        b.cite(&p.source, &p.section);
        score -= p.value;
    }
    b.finish(score)
}

/// Privacy: the mean of the points of who decides data location, data access and security
/// (seed 000 §3.3 and §4.1).
fn privacy(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.privacy;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let questions = [
        (Localized::new("Locatie", "Location"), c.data_location),
        (Localized::new("Toegang", "Access"), c.data_access),
        (Localized::new("Beveiliging", "Security"), c.security),
    ];
    let mut sum = 0.0;
    for (label, who) in &questions {
        let w = rule
            .decider
            .get(who)
            .cloned()
            .unwrap_or_else(|| missing(who.id()));
        let who_label = decider_label(*who);
        let full = Localized::new(
            format!("{} — {}", label.nl, who_label.nl),
            format!("{} — {}", label.en, who_label.en),
        );
        b.weighted(&full, &w);
        sum += w.value;
    }
    b.finish(sum / questions.len() as f64)
}

/// Cost predictability (seed 000 §4.1, seed 003 Bijlage 3): the band of the yearly cost of the
/// candidate's reference tariff when use is ± `usage_uncertainty_pct` off `reference_usage`
/// ([`cost_band`]), scored as
///
/// `score = max_points − points_per_10pct × relative_spread / 10 %`
///
/// where the relative spread is (highest − lowest yearly cost) / expected yearly cost. With the
/// built-in numbers (±20 % use, 9 points, 1.5 per 10 %): fixed 0 % → 9, tiered 0…+10 % → 7.5,
/// own budget 0…+20 % → 6, pay-per-use −20…+20 % → 3.
fn cost_predictability(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.cost_predictability;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let Some(reference) = rule.tariff.get(&c.tariff) else {
        let w = missing(c.tariff.id());
        b.weighted(&Localized::new("Tarief", "Tariff"), &w);
        return b.finish(0.0);
    };
    b.line(
        format!("Tarief: {}.", reference.nl),
        format!("Tariff: {}.", reference.en),
    );
    b.cite(&reference.source, &reference.section);
    let u = &rule.usage_uncertainty_pct;
    let usage = &rule.reference_usage;
    b.cite(&u.source, &u.section);
    let band = match cost_band(&reference.reference, usage.value, u.value) {
        Ok(band) => band,
        Err(e) => {
            b.line(format!("Geen bandbreedte: {e}."), format!("No band: {e}."));
            return b.finish(0.0);
        }
    };
    let pct = |x: Decimal| -> f64 { (x * Decimal::ONE_HUNDRED).to_f64().unwrap_or(f64::NAN) };
    let spread = band.relative_spread.map(pct);
    let relative = |x: Decimal, lang: Lang| -> String {
        if band.expected.is_zero() {
            return "?".into();
        }
        let p = pct((x - band.expected) / band.expected);
        if p > 0.0 {
            format!("+{}%", fmt1(p, lang))
        } else if p < 0.0 {
            format!("−{}%", fmt1(-p, lang))
        } else {
            "0%".into()
        }
    };
    let (moves_nl, moves_en) = match spread {
        Some(s) if s.abs() < 1e-12 => (
            "jaarkosten bewegen niet mee (0%)".to_string(),
            "yearly cost does not move (0%)".to_string(),
        ),
        Some(s) => (
            format!(
                "jaarkosten {}…{} (bandbreedte {}%)",
                relative(band.low, Nl),
                relative(band.high, Nl),
                fmt1(s, Nl)
            ),
            format!(
                "yearly cost {}…{} (band {}%)",
                relative(band.low, En),
                relative(band.high, En),
                fmt1(s, En)
            ),
        ),
        None => (
            "jaarkosten bij verwacht gebruik zijn 0, geen relatieve maat".to_string(),
            "yearly cost at the expected use is 0, no relative measure".to_string(),
        ),
    };
    let dec = |x: Decimal, lang: Lang| fmt1(x.to_f64().unwrap_or(f64::NAN), lang);
    b.line(
        format!(
            "Gebruik ±{}% rond {} ({}–{}) → {}.",
            dec(u.value, Nl),
            dec(usage.value, Nl),
            dec(band.low_usage, Nl),
            dec(band.high_usage, Nl),
            moves_nl
        ),
        format!(
            "Use ±{}% around {} ({}–{}) → {}.",
            dec(u.value, En),
            dec(usage.value, En),
            dec(band.low_usage, En),
            dec(band.high_usage, En),
            moves_en
        ),
    );
    let (max, per10) = (&rule.max_points, &rule.points_per_10pct);
    b.cite(&max.source, &max.section);
    b.cite(&per10.source, &per10.section);
    let score = match spread {
        Some(s) => {
            let formula = |lang: Lang| {
                format!(
                    "Score = {} − {} × {}%/10%",
                    fmt1(max.value, lang),
                    fmt1(per10.value, lang),
                    fmt1(s, lang)
                )
            };
            b.line(formula(Nl), formula(En));
            max.value - per10.value * s / 10.0
        }
        None => 0.0,
    };
    b.finish(score)
}

/// Continuity: the mean of the points of who operates and who houses it (seed 002).
fn continuity(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.continuity;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let mut sum = 0.0;
    for (label, who) in [
        (Localized::new("Beheer", "Operations"), c.operations),
        (Localized::new("Huisvesting", "Housing"), c.facility),
    ] {
        let w = rule
            .decider
            .get(&who)
            .cloned()
            .unwrap_or_else(|| missing(who.id()));
        let who_label = decider_label(who);
        b.weighted(
            &Localized::new(
                format!("{} — {}", label.nl, who_label.nl),
                format!("{} — {}", label.en, who_label.en),
            ),
            &w,
        );
        sum += w.value;
    }
    b.finish(sum / 2.0)
}

/// Flexibility: points per cloud characteristic present (seed 000 §2.2, §3.1, §3.2).
fn flexibility(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.flexibility;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let present: Vec<Characteristic> = Characteristic::ALL
        .iter()
        .copied()
        .filter(|&ch| c.has(ch))
        .collect();
    let names = |lang: crate::core::text::Lang| -> String {
        if present.is_empty() {
            return match lang {
                crate::core::text::Lang::Nl => "geen".into(),
                crate::core::text::Lang::En => "none".into(),
            };
        }
        present
            .iter()
            .map(|&ch| {
                catalogue
                    .characteristic(ch)
                    .map(|i| i.name.get(lang).to_lowercase())
                    .unwrap_or_else(|| ch.id().to_string())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    b.line(
        format!(
            "Kenmerken: {} ({} × {}).",
            names(crate::core::text::Lang::Nl),
            present.len(),
            fmt1(rule.per_characteristic, Nl)
        ),
        format!(
            "Characteristics: {} ({} × {}).",
            names(crate::core::text::Lang::En),
            present.len(),
            fmt1(rule.per_characteristic, En)
        ),
    );
    b.finish(present.len() as f64 * rule.per_characteristic)
}

/// Ontzorgen: the share of layers no longer run by the municipality (seed 000 Table 1, §4.1),
/// plus relief for outsourced housing (seed 002 option 2).
fn ontzorgen(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.ontzorgen;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let mut relief = 0.0;
    let mut parts_nl = vec![];
    let mut parts_en = vec![];
    for (layer, level) in model_row(catalogue, c.service_model) {
        let r = match level {
            ControlLevel::Full => rule.relief.full,
            ControlLevel::Configuration => rule.relief.configuration,
            ControlLevel::None => rule.relief.none,
        };
        let name = layer_label(catalogue, layer);
        parts_nl.push(format!("{} {}", name.nl, fmt1(r, Nl)));
        parts_en.push(format!("{} {}", name.en, fmt1(r, En)));
        relief += r;
    }
    let mut score = relief / Layer::ALL.len() as f64 * 10.0;
    b.line(
        format!(
            "Ontlast per laag: {} → {}/4 × 10 = {}.",
            parts_nl.join(", "),
            fmt1(relief, Nl),
            fmt1(score, Nl)
        ),
        format!(
            "Relief per layer: {} → {}/4 × 10 = {}.",
            parts_en.join(", "),
            fmt1(relief, En),
            fmt1(score, En)
        ),
    );
    if c.service_model == ServiceModel::OnPremises && c.facility != Decider::Municipality {
        let w = &rule.facility_relief;
        b.line(
            format!("Plus {} ({}).", fmt1(w.value, Nl), w.nl),
            format!("Plus {} ({}).", fmt1(w.value, En), w.en),
        );
        b.cite(&w.source, &w.section);
        score += w.value;
    }
    b.finish(score)
}

/// Exit: base points by service model plus the terms for leaving (seed 004, seed 003 §2.7,
/// BIO Thema-uitwerking Clouddiensten B.03, EU Data Act ch. VI).
fn exit(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.exit;
    let mut b = Builder::new(catalogue, &rule.rule, &rule.source, &rule.section);
    let base = rule
        .model
        .get(&c.service_model)
        .cloned()
        .unwrap_or_else(|| missing(c.service_model.id()));
    let terms = rule
        .terms
        .get(&c.exit_terms)
        .cloned()
        .unwrap_or_else(|| missing(c.exit_terms.id()));
    b.weighted(&Localized::new("Servicemodel", "Service model"), &base);
    b.weighted(
        &Localized::new("Vertrekvoorwaarden", "Terms for leaving"),
        &terms,
    );
    b.finish(base.value + terms.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::{Deployment, PlacementOption as O, ServiceModel as M};
    use crate::io::catalogue::built_in;

    fn score(o: O, m: M, d: Deployment, c: Criterion) -> f64 {
        let cat = built_in();
        let cand = cat
            .candidates
            .iter()
            .find(|k| k.option == o && k.service_model == m && k.deployment == d)
            .expect("candidate exists");
        derive(&cat, cand, c).score
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    /// Table 1 of seed 000 (§2.2), copied from the source, must be what the catalogue holds.
    #[test]
    fn catalogue_holds_table_1_of_seed_000() {
        use ControlLevel::{Configuration as C, Full as F, None as N};
        let cat = built_in();
        let expected = [
            (M::Saas, [C, N, N, N]),
            (M::Paas, [F, C, N, N]),
            (M::Iaas, [F, F, C, N]),
            (M::OnPremises, [F, F, F, F]),
        ];
        for (model, row) in expected {
            let info = cat.service_model(model).unwrap();
            for (layer, level) in Layer::ALL.iter().zip(row) {
                assert_eq!(info.control_on(*layer), level, "{model} {layer}");
            }
        }
    }

    #[test]
    fn control_follows_table_1_and_governance() {
        use Deployment::*;
        // On-premises: full control on four layers.
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Control),
            10.0,
        );
        // Colocation: same table, minus the facility penalty of 1.
        close(
            score(O::Colocation, M::OnPremises, Private, Criterion::Control),
            9.0,
        );
        // Dedicated IaaS: 10 + 10 + 5 + contract credit 1 = 26 / 4.
        close(score(O::Managed, M::Iaas, Private, Criterion::Control), 6.5);
        // Public IaaS: 10 + 10 + 5 + 0 = 25 / 4.
        close(score(O::Managed, M::Iaas, Public, Criterion::Control), 6.25);
        // SSC SaaS: configuration 5 + three layers of joint governance 3 = 14 / 4.
        close(score(O::Ssc, M::Saas, Community, Criterion::Control), 3.5);
        // Host PaaS: 10 + 5 + 2 + 2 = 19 / 4.
        close(score(O::Host, M::Paas, Community, Criterion::Control), 4.75);
        // Public SaaS: 5 / 4.
        close(score(O::Managed, M::Saas, Public, Criterion::Control), 1.25);
    }

    #[test]
    fn privacy_follows_who_decides() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Privacy),
            10.0,
        );
        // Colocation: location and access by the municipality (10), security by contract (6).
        close(
            score(O::Colocation, M::OnPremises, Private, Criterion::Privacy),
            26.0 / 3.0,
        );
        close(score(O::Ssc, M::Saas, Community, Criterion::Privacy), 9.0);
        close(score(O::Host, M::Iaas, Community, Criterion::Privacy), 7.0);
        close(score(O::Managed, M::Paas, Private, Criterion::Privacy), 6.0);
        close(score(O::Managed, M::Saas, Public, Criterion::Privacy), 2.0);
    }

    #[test]
    fn cost_predictability_follows_the_band_of_the_tariff() {
        use Deployment::*;
        // Pay-per-use: 80 000 … 120 000 around 100 000, band 40 % → 9 − 1.5 × 4 = 3.
        close(
            score(O::Managed, M::Saas, Public, Criterion::CostPredictability),
            3.0,
        );
        // Tiered: use 80–120 touches the step at 110: 100 000 … 110 000, band 10 % → 7.5.
        close(
            score(O::Ssc, M::Saas, Community, Criterion::CostPredictability),
            7.5,
        );
        // Fixed: no band → 9.
        close(
            score(O::Host, M::Saas, Community, Criterion::CostPredictability),
            9.0,
        );
        // Own budget: a capacity block above 115: 100 000 … 120 000, band 20 % → 6.
        close(
            score(
                O::Own,
                M::OnPremises,
                Private,
                Criterion::CostPredictability,
            ),
            6.0,
        );
    }

    #[test]
    fn cost_predictability_explains_the_band_and_the_formula() {
        let cat = built_in();
        let explain = |o: O, m: M, d: Deployment| {
            let cand = cat
                .candidates
                .iter()
                .find(|k| k.option == o && k.service_model == m && k.deployment == d)
                .unwrap();
            derive(&cat, cand, Criterion::CostPredictability).explanation
        };
        let public = explain(O::Managed, M::Iaas, Deployment::Public);
        assert!(
            public
                .en
                .contains("Use ±20% around 100 (80–120) → yearly cost −20%…+20% (band 40%)."),
            "{}",
            public.en
        );
        assert!(
            public.en.contains("Score = 9 − 1.5 × 40%/10% → 3"),
            "{}",
            public.en
        );
        assert!(
            public.nl.contains("jaarkosten −20%…+20% (bandbreedte 40%)"),
            "{}",
            public.nl
        );
        // The Dutch text writes decimals with a comma, the English with a point.
        assert!(
            public.nl.contains("Score = 9 − 1,5 × 40%/10% → 3"),
            "{}",
            public.nl
        );
        assert!(!public.nl.contains("1.5"), "{}", public.nl);
        let host = explain(O::Host, M::Iaas, Deployment::Community);
        assert!(
            host.en.contains("yearly cost does not move (0%)"),
            "{}",
            host.en
        );
        let ssc = explain(O::Ssc, M::Iaas, Deployment::Community);
        assert!(
            ssc.en.contains("yearly cost 0%…+10% (band 10%)"),
            "{}",
            ssc.en
        );
    }

    #[test]
    fn a_wider_usage_uncertainty_lowers_pay_per_use_further() {
        let mut cat = built_in();
        cat.criteria.cost_predictability.usage_uncertainty_pct.value =
            rust_decimal_macros::dec!(30);
        let cand = cat
            .candidates
            .iter()
            .find(|k| k.tariff == crate::core::catalogue::Tariff::PayPerUse)
            .unwrap()
            .clone();
        // Band 60 % → 9 − 1.5 × 6 = 0.
        close(
            derive(&cat, &cand, Criterion::CostPredictability).score,
            0.0,
        );
    }

    #[test]
    fn flexibility_counts_cloud_characteristics() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Flexibility),
            0.0,
        );
        close(
            score(
                O::Colocation,
                M::OnPremises,
                Private,
                Criterion::Flexibility,
            ),
            2.0,
        );
        // SSC: broadband, pooling, elasticity; no self-service, no pay-per-use (seed 000 §3.2).
        close(
            score(O::Ssc, M::Iaas, Community, Criterion::Flexibility),
            6.0,
        );
        close(
            score(O::Managed, M::Iaas, Public, Criterion::Flexibility),
            10.0,
        );
    }

    #[test]
    fn ontzorgen_counts_layers_handed_over() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Ontzorgen),
            0.0,
        );
        close(
            score(O::Colocation, M::OnPremises, Private, Criterion::Ontzorgen),
            1.5,
        );
        close(
            score(O::Ssc, M::Iaas, Community, Criterion::Ontzorgen),
            3.75,
        );
        close(
            score(O::Ssc, M::Paas, Community, Criterion::Ontzorgen),
            6.25,
        );
        close(
            score(O::Managed, M::Saas, Public, Criterion::Ontzorgen),
            8.75,
        );
    }

    #[test]
    fn continuity_and_exit_follow_their_tables() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Continuity),
            3.0,
        );
        close(
            score(O::Colocation, M::OnPremises, Private, Criterion::Continuity),
            5.5,
        );
        close(
            score(O::Ssc, M::Saas, Community, Criterion::Continuity),
            7.0,
        );
        close(
            score(O::Managed, M::Iaas, Public, Criterion::Continuity),
            8.0,
        );
        close(score(O::Own, M::OnPremises, Private, Criterion::Exit), 9.0);
        close(score(O::Ssc, M::Paas, Community, Criterion::Exit), 2.0);
        close(score(O::Host, M::Saas, Community, Criterion::Exit), 4.0);
        close(score(O::Managed, M::Iaas, Private, Criterion::Exit), 8.0);
    }

    #[test]
    fn every_explanation_cites_a_source_with_its_status() {
        let cat = built_in();
        for cand in &cat.candidates {
            for &c in Criterion::ALL {
                let d = derive(&cat, cand, c);
                assert!(!d.sources.is_empty(), "{} {c}", cand.key());
                assert!(
                    d.sources.iter().all(|s| s.ends_with(']')),
                    "status missing: {:?}",
                    d.sources
                );
                assert!(d.explanation.nl.contains('→') && d.explanation.en.contains('→'));
                assert!((0.0..=10.0).contains(&d.score));
            }
        }
    }
}
