//! Criteria and the rules that derive a candidate's 0–10 score on each, with an explanation
//! that cites its source. The points live in the catalogue (`[criteria.*]`); the shape of each
//! rule lives here.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::allocation::cost_band;
use super::catalogue::{
    Basis, Candidate, Catalogue, Characteristic, Citation, ControlLevel, Decider, Layer, PriceRisk,
    Provenance, ServiceModel, Tariff, Weighted, push_citation,
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
        /// Soevereiniteit: whose law reaches the data and whether the provider can change hands.
        Sovereignty => "sovereignty",
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
            Criterion::Sovereignty => ("Soevereiniteit", "Sovereignty"),
        };
        Localized::new(nl, en)
    }
}

/// A number a score rests on, with its reason and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberNote {
    /// What the number is for ("Beheer — gemeente").
    pub label: Localized,
    /// The number as the explanation writes it ("3", "20%", "10 / 5").
    pub value: Localized,
    /// Why it is this number.
    pub reason: Localized,
    /// A source section that contains it, or wolkwijzer's assumption.
    pub provenance: Provenance,
    /// Further sources (where sources disagree, the other position).
    pub also: Vec<Citation>,
}

/// A derived score with its explanation and the sources it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// 0–10, higher is better.
    pub score: f64,
    /// How the score came about, in both languages.
    pub explanation: Localized,
    /// The sources, one per document with the sections used.
    pub sources: Vec<Citation>,
    /// Every catalogue number the score used, sourced or assumed.
    pub numbers: Vec<NumberNote>,
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
        Criterion::Sovereignty => sovereignty(catalogue, candidate),
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

/// Collects explanation parts, citations and the numbers used.
struct Builder {
    nl: Vec<String>,
    en: Vec<String>,
    sources: Vec<Citation>,
    numbers: Vec<NumberNote>,
}

/// "aanname van wolkwijzer: …" or the plain reason, as the explanation writes a number's why.
fn why(reason: &Localized, provenance: &Provenance) -> Localized {
    if provenance.is_assumption() {
        Localized::new(
            format!("aanname van wolkwijzer: {}", reason.nl),
            format!("wolkwijzer's assumption: {}", reason.en),
        )
    } else {
        reason.clone()
    }
}

impl Builder {
    fn new(rule: &Localized, source: &str, section: &str) -> Self {
        let mut b = Builder {
            nl: vec![rule.nl.clone()],
            en: vec![rule.en.clone()],
            sources: vec![],
            numbers: vec![],
        };
        b.cite(source, section);
        b
    }

    fn cite(&mut self, source: &str, section: &str) {
        if !source.is_empty() {
            push_citation(&mut self.sources, Citation::new(source, section));
        }
    }

    fn cite_provenance(&mut self, p: &Provenance, also: &[Citation]) {
        match p {
            Provenance::Sourced { citation } => push_citation(&mut self.sources, citation.clone()),
            Provenance::Assumption {
                context: Some(citation),
            } => push_citation(&mut self.sources, citation.clone()),
            Provenance::Assumption { context: None } => {}
        }
        for a in also {
            push_citation(&mut self.sources, a.clone());
        }
    }

    fn line(&mut self, nl: String, en: String) {
        self.nl.push(nl);
        self.en.push(en);
    }

    /// Records a number the score used.
    fn number(&mut self, label: Localized, value: Localized, reason: Localized, p: Provenance) {
        self.number_also(label, value, reason, p, vec![]);
    }

    fn number_also(
        &mut self,
        label: Localized,
        value: Localized,
        reason: Localized,
        p: Provenance,
        also: Vec<Citation>,
    ) {
        self.cite_provenance(&p, &also);
        self.numbers.push(NumberNote {
            label,
            value,
            reason,
            provenance: p,
            also,
        });
    }

    /// Records a plain number whose reason is a [`Basis`].
    fn basis(&mut self, label: Localized, value: Localized, basis: &Basis) {
        self.number(label, value, basis.reason(), basis.provenance());
    }

    fn weighted(&mut self, label: &Localized, w: &Weighted) {
        let p = w.provenance();
        let reason = why(&w.reason(), &p);
        self.line(
            format!("{}: {} ({}).", label.nl, fmt1(w.value, Nl), reason.nl),
            format!("{}: {} ({}).", label.en, fmt1(w.value, En), reason.en),
        );
        self.weighted_number(label, w);
    }

    /// Writes "`name` (`detail`): min X (why)." and records the value as "`name` — `detail`":
    /// a deduction such as the processor chain of SaaS, a price risk or the governance work
    /// that remains.
    fn deduction(&mut self, name: (&str, &str), detail: &Localized, w: &Weighted) {
        let reason = why(&w.reason(), &w.provenance());
        let (nl, en) = name;
        self.line(
            format!(
                "{nl} ({}): min {} ({}).",
                detail.nl,
                fmt1(w.value, Nl),
                reason.nl
            ),
            format!(
                "{en} ({}): minus {} ({}).",
                detail.en,
                fmt1(w.value, En),
                reason.en
            ),
        );
        let label = Localized::new(
            format!("{nl} — {}", detail.nl),
            format!("{en} — {}", detail.en),
        );
        self.weighted_number(&label, w);
    }

    /// Writes "`name` — `detail`: X (why)." and records the value.
    fn named(&mut self, name: (&str, &str), detail: &Localized, w: &Weighted) {
        let label = Localized::new(
            format!("{} — {}", name.0, detail.nl),
            format!("{} — {}", name.1, detail.en),
        );
        self.weighted(&label, w);
    }

    /// Records a weighted value as a number without writing a line.
    fn weighted_number(&mut self, label: &Localized, w: &Weighted) {
        let also = w.also.iter().map(|a| a.citation()).collect();
        self.number_also(
            label.clone(),
            Localized::new(fmt1(w.value, Nl), fmt1(w.value, En)),
            w.reason(),
            w.provenance(),
            also,
        );
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
            numbers: self.numbers,
        }
    }
}

/// The points for `key` in `table`, or 0 with "no points in the catalogue" when absent.
fn pick<K: Ord>(table: &std::collections::BTreeMap<K, Weighted>, key: &K, id: &str) -> Weighted {
    table.get(key).cloned().unwrap_or_else(|| missing(id))
}

fn missing(what: &str) -> Weighted {
    Weighted {
        value: 0.0,
        nl: format!("geen punten voor '{what}' in de catalogus"),
        en: format!("no points for '{what}' in the catalogue"),
        source: String::new(),
        section: String::new(),
        assumption: true,
        also: vec![],
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

fn tariff_label(t: Tariff) -> Localized {
    let (nl, en) = match t {
        Tariff::OwnBudget => ("eigen begroting", "own budget"),
        Tariff::Fixed => ("vast tarief", "fixed tariff"),
        Tariff::Tiered => ("getrapt tarief", "tiered tariff"),
        Tariff::PayPerUse => ("betalen naar gebruik", "pay-per-use"),
        Tariff::PerWorkplace => ("per werkplek per jaar", "per workplace per year"),
    };
    Localized::new(nl, en)
}

fn price_risk_label(p: PriceRisk) -> Localized {
    let (nl, en) = match p {
        PriceRisk::OwnStack => (
            "licenties en vervanging van de eigen stack",
            "licences and replacement of the own stack",
        ),
        PriceRisk::HostingContract => (
            "indexatie in het hostingcontract",
            "indexation in the hosting contract",
        ),
        PriceRisk::SscDeficit => (
            "tekort van het SSC aan het jaareinde",
            "the SSC's year-end deficit",
        ),
        PriceRisk::HostDvo => ("indexatie van de DVO", "indexation of the DVO"),
        PriceRisk::PublicListPrice => (
            "lijstprijzen van de aanbieder",
            "the provider's list prices",
        ),
        PriceRisk::SubscriptionRenewal => (
            "abonnementsprijs bij verlenging",
            "subscription price at renewal",
        ),
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
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
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
                let reason = self::why(&w.reason(), &w.provenance());
                b.line(
                    format!(
                        "{}: {}, {} ({}).",
                        name.nl,
                        lvl.nl,
                        fmt1(points, Nl),
                        reason.nl
                    ),
                    format!(
                        "{}: {}, {} ({}).",
                        name.en,
                        lvl.en,
                        fmt1(points, En),
                        reason.en
                    ),
                );
                let who = decider_label(c.operations);
                b.weighted_number(
                    &Localized::new(
                        format!("{} — {}", lvl.nl, who.nl),
                        format!("{} — {}", lvl.en, who.en),
                    ),
                    &w,
                );
            }
            None => b.line(
                format!("{}: {}, {}.", name.nl, lvl.nl, fmt1(points, Nl)),
                format!("{}: {}, {}.", name.en, lvl.en, fmt1(points, En)),
            ),
        }
        sum += points;
    }
    let levels = |lang: Lang| {
        format!(
            "{} / {}",
            fmt1(rule.level.full, lang),
            fmt1(rule.level.configuration, lang)
        )
    };
    b.basis(
        Localized::new(
            "Volledige controle / configuratie",
            "Full control / configuration",
        ),
        Localized::new(levels(Nl), levels(En)),
        &rule.level_basis,
    );
    if rule.level_basis.assumption {
        b.line(
            format!("Aanname van wolkwijzer: {}.", rule.level_basis.nl),
            format!("wolkwijzer's assumption: {}.", rule.level_basis.en),
        );
    }
    let mut score = sum / Layer::ALL.len() as f64;
    if c.service_model == ServiceModel::OnPremises && c.facility != Decider::Municipality {
        let p = &rule.facility_penalty;
        let reason = why(&p.reason(), &p.provenance());
        b.line(
            format!("Min {} ({}).", fmt1(p.value, Nl), reason.nl),
            format!("Minus {} ({}).", fmt1(p.value, En), reason.en),
        );
        b.weighted_number(
            &Localized::new("Huisvesting elders", "Housing elsewhere"),
            p,
        );
        score -= p.value;
    }
    b.finish(score)
}

/// Privacy, defined around the AVG obligations: the mean over four questions — who decides
/// where the data is stored (location), who processes it (the processor chain of art. 28,
/// with points off by service model: under SaaS the supplier processes the data in its own
/// application, with support access and sub-processors), who decides its security (art. 32),
/// and whose law reaches it (transfer risk, chapter V: a non-EU parent falls under e.g. the US
/// CLOUD Act wherever the data is stored).
fn privacy(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.privacy;
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
    let mut sum = 0.0;
    for (label, who, processing) in [
        (
            Localized::new("Locatie", "Location"),
            c.data_location,
            false,
        ),
        (
            Localized::new("Verwerking", "Processing"),
            c.data_access,
            true,
        ),
        (Localized::new("Beveiliging", "Security"), c.security, false),
    ] {
        let w = rule
            .decider
            .get(&who)
            .cloned()
            .unwrap_or_else(|| missing(who.id()));
        let who_label = decider_label(who);
        let full = Localized::new(
            format!("{} — {}", label.nl, who_label.nl),
            format!("{} — {}", label.en, who_label.en),
        );
        b.weighted(&full, &w);
        sum += w.value;
        if !processing {
            continue;
        }
        let m = pick(&rule.model, &c.service_model, c.service_model.id());
        if m.value != 0.0 {
            let model = short_model_label(c.service_model);
            b.deduction(("Verwerkersketen", "Processor chain"), &model, &m);
            sum -= m.value;
        }
    }
    let j = pick(&rule.jurisdiction, &c.jurisdiction, c.jurisdiction.id());
    let jn = c.jurisdiction.name();
    let law = Localized::new(format!("recht {}", jn.nl), format!("law {}", jn.en));
    b.named(("Doorgifterisico", "Transfer risk"), &law, &j);
    sum += j.value;
    b.finish(sum / 4.0)
}

fn short_model_label(m: ServiceModel) -> Localized {
    Localized::new(
        super::catalogue::short_model(m, Nl),
        super::catalogue::short_model(m, En),
    )
}

/// Sovereignty: the mean of whose law reaches the data (EU Cloud Sovereignty Framework, the
/// legal and jurisdictional objective) and whether the one who runs the service can change
/// hands (its strategic objective; BIO2 5.23.01: re-assess on a change of control).
fn sovereignty(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.sovereignty;
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
    let j = pick(&rule.jurisdiction, &c.jurisdiction, c.jurisdiction.id());
    b.named(("Rechtsmacht", "Jurisdiction"), &c.jurisdiction.name(), &j);
    let o = pick(&rule.ownership, &c.operations, c.operations.id());
    b.named(("Eigendom", "Ownership"), &decider_label(c.operations), &o);
    b.finish((j.value + o.value) / 2.0)
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
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
    let Some(reference) = rule.tariff.get(&c.tariff) else {
        let w = missing(c.tariff.id());
        b.weighted(&Localized::new("Tarief", "Tariff"), &w);
        return b.finish(0.0);
    };
    let (mark_nl, mark_en) = if reference.provenance().is_assumption() {
        (" (aanname van wolkwijzer)", " (wolkwijzer's assumption)")
    } else {
        ("", "")
    };
    b.line(
        format!("Tarief: {}{mark_nl}.", reference.nl),
        format!("Tariff: {}{mark_en}.", reference.en),
    );
    b.number(
        Localized::new("Referentietarief", "Reference tariff"),
        tariff_label(c.tariff),
        Localized::new(reference.nl.clone(), reference.en.clone()),
        reference.provenance(),
    );
    let u = &rule.usage_uncertainty_pct;
    let usage = &rule.reference_usage;
    let dec = |x: Decimal, lang: Lang| fmt1(x.to_f64().unwrap_or(f64::NAN), lang);
    b.number(
        Localized::new("Onzekerheid van het gebruik", "Uncertainty of use"),
        Localized::new(
            format!("±{}%", dec(u.value, Nl)),
            format!("±{}%", dec(u.value, En)),
        ),
        Localized::new(u.nl.clone(), u.en.clone()),
        u.provenance(),
    );
    b.number(
        Localized::new("Referentiegebruik", "Reference use"),
        Localized::new(dec(usage.value, Nl), dec(usage.value, En)),
        Localized::new(usage.nl.clone(), usage.en.clone()),
        usage.provenance(),
    );
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
    b.weighted_number(&Localized::new("Maximum", "Maximum"), max);
    b.weighted_number(
        &Localized::new("Aftrek per 10% bandbreedte", "Deduction per 10% of band"),
        per10,
    );
    if u.provenance().is_assumption() || max.provenance().is_assumption() {
        b.line(
            "Onzekerheid, maximum en aftrek zijn aannames van wolkwijzer.".into(),
            "Uncertainty, maximum and deduction are wolkwijzer's assumptions.".into(),
        );
    }
    let risk = pick(&rule.price_risk, &c.price_risk, c.price_risk.id());
    let risk_label = price_risk_label(c.price_risk);
    b.deduction(("Prijsrisico", "Price risk"), &risk_label, &risk);
    let score = match spread {
        Some(s) => {
            let formula = |lang: Lang| {
                format!(
                    "Score = {} − {} × {}%/10% − {}",
                    fmt1(max.value, lang),
                    fmt1(per10.value, lang),
                    fmt1(s, lang),
                    fmt1(risk.value, lang)
                )
            };
            b.line(formula(Nl), formula(En));
            max.value - per10.value * s / 10.0 - risk.value
        }
        None => 0.0,
    };
    b.finish(score)
}

/// Continuity: the mean of the points of who operates and who houses it (seed 002).
fn continuity(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.continuity;
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
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
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
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
    b.basis(
        Localized::new("Punten per kenmerk", "Points per characteristic"),
        Localized::new(
            fmt1(rule.per_characteristic, Nl),
            fmt1(rule.per_characteristic, En),
        ),
        &rule.per_characteristic_basis,
    );
    if rule.per_characteristic_basis.assumption {
        b.line(
            format!(
                "Aanname van wolkwijzer: {}.",
                rule.per_characteristic_basis.nl
            ),
            format!(
                "wolkwijzer's assumption: {}.",
                rule.per_characteristic_basis.en
            ),
        );
    }
    b.finish(present.len() as f64 * rule.per_characteristic)
}

/// Ontzorgen: the share of layers no longer run by the municipality (seed 000 Table 1, §4.1),
/// plus relief for outsourced housing (seed 002 option 2).
fn ontzorgen(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.ontzorgen;
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
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
    let relief_values = |lang: Lang| {
        format!(
            "{} / {} / {}",
            fmt1(rule.relief.none, lang),
            fmt1(rule.relief.configuration, lang),
            fmt1(rule.relief.full, lang)
        )
    };
    b.basis(
        Localized::new(
            "Ontlast: geen invloed / configuratie / volledige controle",
            "Relief: no influence / configuration / full control",
        ),
        Localized::new(relief_values(Nl), relief_values(En)),
        &rule.relief_basis,
    );
    if rule.relief_basis.assumption {
        b.line(
            format!("Aanname van wolkwijzer: {}.", rule.relief_basis.nl),
            format!("wolkwijzer's assumption: {}.", rule.relief_basis.en),
        );
    }
    if c.service_model == ServiceModel::OnPremises && c.facility != Decider::Municipality {
        let w = &rule.facility_relief;
        let reason = why(&w.reason(), &w.provenance());
        b.line(
            format!("Plus {} ({}).", fmt1(w.value, Nl), reason.nl),
            format!("Plus {} ({}).", fmt1(w.value, En), reason.en),
        );
        b.weighted_number(
            &Localized::new("Huisvesting uitbesteed", "Housing outsourced"),
            w,
        );
        score += w.value;
    }
    let g = pick(&rule.governance, &c.operations, c.operations.id());
    if g.value != 0.0 {
        let who = decider_label(c.operations);
        b.deduction(("Bestuur en regie", "Governance and regie"), &who, &g);
        score -= g.value;
    }
    b.finish(score)
}

/// Exit: base points by service model plus the terms for leaving (seed 004, seed 003 §2.7,
/// BIO Thema-uitwerking Clouddiensten B.03, EU Data Act ch. VI).
fn exit(catalogue: &Catalogue, c: &Candidate) -> Derived {
    let rule = &catalogue.criteria.exit;
    let mut b = Builder::new(&rule.rule, &rule.source, &rule.section);
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
    fn privacy_follows_the_avg_questions() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Privacy),
            10.0,
        );
        // Colocation: sole tenant, the municipality decides location, processing and security.
        close(
            score(O::Colocation, M::OnPremises, Private, Criterion::Privacy),
            10.0,
        );
        // SSC SaaS: (9 + (9 − 1.5 for SaaS) + 9 + EU 10) / 4.
        close(
            score(O::Ssc, M::Saas, Community, Criterion::Privacy),
            35.5 / 4.0,
        );
        close(score(O::Host, M::Iaas, Community, Criterion::Privacy), 8.5);
        // Dedicated PaaS: (7 + (7 − 0.5) + 7 + 10) / 4.
        close(
            score(O::Managed, M::Paas, Private, Criterion::Privacy),
            30.5 / 4.0,
        );
        // Public SaaS: region chosen by contract 7, provider 5 − 1.5, provider 5, and the law.
        close(
            score(O::Managed, M::Saas, Public, Criterion::Privacy),
            25.5 / 4.0,
        );
        close(
            score(O::Managed, M::Saas, PublicNonEu, Criterion::Privacy),
            18.5 / 4.0,
        );
    }

    #[test]
    fn privacy_depends_on_service_model_and_jurisdiction_and_differs_from_control() {
        use Deployment::*;
        for (o, d) in [
            (O::Managed, Private),
            (O::Managed, Public),
            (O::Managed, PublicNonEu),
            (O::Ssc, Community),
            (O::Host, Community),
        ] {
            let p = |m| score(o, m, d, Criterion::Privacy);
            assert!(
                p(M::Saas) < p(M::Paas) && p(M::Paas) < p(M::Iaas),
                "{o} {d}"
            );
        }
        for m in [M::Iaas, M::Paas, M::Saas] {
            assert!(
                score(O::Managed, m, PublicNonEu, Criterion::Privacy)
                    < score(O::Managed, m, Public, Criterion::Privacy)
            );
            // Colocation is never below a shared SSC on privacy.
            assert!(
                score(O::Colocation, M::OnPremises, Private, Criterion::Privacy)
                    >= score(O::Ssc, m, Community, Criterion::Privacy)
            );
        }
        // Privacy and control no longer coincide: the EU and non-EU public candidates have the
        // same control, but not the same privacy.
        close(
            score(O::Managed, M::Iaas, Public, Criterion::Control),
            score(O::Managed, M::Iaas, PublicNonEu, Criterion::Control),
        );
    }

    #[test]
    fn cost_predictability_follows_the_band_of_the_tariff_and_the_price_risk() {
        use Deployment::*;
        // Pay-per-use: 80 000 … 120 000 around 100 000, band 40 % → 9 − 1.5 × 4 = 3, minus the
        // list-price risk 1.
        close(
            score(O::Managed, M::Iaas, Public, Criterion::CostPredictability),
            2.0,
        );
        // Per-user subscription: committed for the year, extra users pro rata: band 10 % →
        // 7.5, minus the renewal price risk 1.
        close(
            score(O::Managed, M::Saas, Public, Criterion::CostPredictability),
            6.5,
        );
        // Tiered: use 80–120 touches the step at 110: band 10 % → 7.5, minus the deficit 1.
        close(
            score(O::Ssc, M::Saas, Community, Criterion::CostPredictability),
            6.5,
        );
        // Host: per workplace under the DVO: band 10 % → 7.5, minus indexation 0.5.
        close(
            score(O::Host, M::Saas, Community, Criterion::CostPredictability),
            7.0,
        );
        // Dedicated hosting, contracted capacity in bundles: band 10 % → 7.5, minus contract
        // indexation 0.5.
        close(
            score(O::Managed, M::Iaas, Private, Criterion::CostPredictability),
            7.0,
        );
        // Own budget: a capacity block above 115: band 20 % → 6, minus licence shocks 1.5.
        close(
            score(
                O::Own,
                M::OnPremises,
                Private,
                Criterion::CostPredictability,
            ),
            4.5,
        );
    }

    #[test]
    fn sovereignty_follows_jurisdiction_and_ownership() {
        use Deployment::*;
        close(
            score(O::Own, M::OnPremises, Private, Criterion::Sovereignty),
            10.0,
        );
        close(
            score(O::Ssc, M::Saas, Community, Criterion::Sovereignty),
            10.0,
        );
        close(
            score(O::Managed, M::Saas, Public, Criterion::Sovereignty),
            8.0,
        );
        close(
            score(O::Managed, M::Saas, PublicNonEu, Criterion::Sovereignty),
            3.5,
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
            public.en.contains("Score = 9 − 1.5 × 40%/10% − 1 → 2"),
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
            public.nl.contains("Score = 9 − 1,5 × 40%/10% − 1 → 2"),
            "{}",
            public.nl
        );
        assert!(!public.nl.contains("1.5"), "{}", public.nl);
        // No candidate has a fixed tariff any more; one with it shows a band of 0.
        let fixed = {
            let mut c = cat
                .candidates
                .iter()
                .find(|k| k.option == O::Managed && k.deployment == Deployment::Private)
                .unwrap()
                .clone();
            c.tariff = crate::core::catalogue::Tariff::Fixed;
            derive(&cat, &c, Criterion::CostPredictability).explanation
        };
        let host = fixed;
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
        // SSC: the layers handed over minus the governance work of membership (1.5).
        close(
            score(O::Ssc, M::Iaas, Community, Criterion::Ontzorgen),
            2.25,
        );
        close(
            score(O::Ssc, M::Paas, Community, Criterion::Ontzorgen),
            4.75,
        );
        // Public SaaS: 8.75 minus contract and licence management (0.5).
        close(
            score(O::Managed, M::Saas, Public, Criterion::Ontzorgen),
            8.25,
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
                    d.sources.iter().all(|s| cat.source(&s.source).is_some()),
                    "unknown source: {:?}",
                    d.sources
                );
                assert!(!d.numbers.is_empty(), "{} {c}: no numbers", cand.key());
                assert!(d.explanation.nl.contains('→') && d.explanation.en.contains('→'));
                assert!((0.0..=10.0).contains(&d.score));
            }
        }
    }
}
