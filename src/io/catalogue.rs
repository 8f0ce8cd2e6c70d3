//! The catalogue file: embedded (`data/catalogue.toml`) or given with `--catalogue FILE`.
//! Parsed with serde (unknown keys are errors) and then checked for completeness: every option,
//! model, layer and decider has its entry, every source an id that exists.

use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;

use super::error::{InputError, InputErrors};
use super::text_file::read_text_file;
use crate::core::allocation::cost_band;
use crate::core::bounds::MAX_USAGE;
use crate::core::catalogue::{
    Catalogue, Characteristic, Decider, Deployment, ExitTerms, Jurisdiction, Layer,
    PlacementOption, PriceRisk, ServiceModel, Tariff, TariffRule,
};
use crate::core::profile::BivLevel;

/// The built-in catalogue text.
pub const BUILT_IN: &str = include_str!("../../data/catalogue.toml");

/// The name the built-in catalogue has in messages.
pub const BUILT_IN_NAME: &str = "<built-in catalogue>";

/// The built-in catalogue.
pub fn built_in() -> Catalogue {
    parse(BUILT_IN_NAME, BUILT_IN).expect("the built-in catalogue is valid (tested)")
}

/// Reads and checks a catalogue file.
pub fn load(path: &Path) -> Result<Catalogue, InputErrors> {
    let text = read_text_file(path)?;
    parse(&path.display().to_string(), &text)
}

/// Parses and checks catalogue text.
pub fn parse(file: &str, text: &str) -> Result<Catalogue, InputErrors> {
    let cat: Catalogue = toml::from_str(text).map_err(|e| {
        let doc = toml::de::DeTable::parse(text).ok();
        let root = doc.as_ref().map(|d| d.get_ref());
        InputErrors(vec![super::walk::located_serde_error(
            file, text, root, "", &e,
        )])
    })?;
    let errors = check(file, &cat);
    if errors.is_empty() {
        Ok(cat)
    } else {
        // Cross-reference errors get the line and column of the field they name.
        let doc = toml::de::DeTable::parse(text).ok();
        Err(InputErrors(
            errors
                .into_iter()
                .map(|e| {
                    let at = doc
                        .as_ref()
                        .zip(e.field.as_deref())
                        .and_then(|(d, f)| super::walk::locate(d.get_ref(), f));
                    match at {
                        Some(at) => e.at(text, at),
                        None => e,
                    }
                })
                .collect(),
        ))
    }
}

fn check(file: &str, cat: &Catalogue) -> Vec<InputError> {
    let mut errs = vec![];
    let mut err = |field: String, msg: String, allowed: Option<String>| {
        let mut e = InputError::file(file, msg).field(field);
        if let Some(a) = allowed {
            e = e.allowed(a);
        }
        errs.push(e);
    };
    if cat.schema != 2 {
        err(
            "schema".into(),
            format!(
                "unsupported schema {}: schema 2 gives every source its publisher, title, year, status and checked date, and every number its source section or the assumption mark",
                cat.schema
            ),
            Some("2".into()),
        );
    }
    // Every source can be cited: publisher, title, year, kind, checked date.
    let mut seen_ids = BTreeSet::new();
    for (i, src) in cat.sources.iter().enumerate() {
        let field = |f: &str| format!("sources[{i}].{f}");
        if !seen_ids.insert(src.id.as_str()) {
            err(
                field("id"),
                format!("source `{}` appears twice", src.id),
                None,
            );
        }
        if src.publisher.nl.trim().is_empty() || src.publisher.en.trim().is_empty() {
            err(
                field("publisher"),
                format!("source `{}` has no publisher or author", src.id),
                Some("a publisher in nl and en".into()),
            );
        }
        if src.title.trim().is_empty() {
            err(
                field("title"),
                format!("source `{}` has no title", src.id),
                None,
            );
        }
        if !(1900..=2100).contains(&src.year) {
            err(
                field("year"),
                format!("{} is out of range", src.year),
                Some("1900 to 2100".into()),
            );
        }
        if !src.date.is_empty() && !src.date.starts_with(&src.year.to_string()) {
            err(
                field("date"),
                format!("date {} is not in year {}", src.date, src.year),
                Some("YYYY-MM-DD or YYYY-MM in the source's year".into()),
            );
        }
        if !is_iso_date(&src.checked) {
            err(
                field("checked"),
                format!("`{}` is not a date", src.checked),
                Some("YYYY-MM-DD".into()),
            );
        }
    }
    let source_ids: BTreeSet<&str> = cat.sources.iter().map(|s| s.id.as_str()).collect();
    let known_sources = source_ids.iter().copied().collect::<Vec<_>>().join(", ");
    // Every citation names a source that exists and a section that source lists.
    for (path, c) in cat.citations_made() {
        match cat.source(&c.source) {
            None => err(
                format!("{path}.source"),
                format!("unknown source `{}`", c.source),
                Some(known_sources.clone()),
            ),
            Some(src) => {
                for sec in &c.sections {
                    if !src.sections.contains(sec) {
                        err(
                            format!("{path}.section"),
                            format!("section `{sec}` is not among the sections of `{}`", src.id),
                            Some(src.sections.join(", ")),
                        );
                    }
                }
            }
        }
    }
    // Every number names a source section or is marked as wolkwijzer's assumption.
    for (path, source, section, assumption) in cat.number_bases() {
        if !assumption && (source.is_empty() || section.is_empty()) {
            err(
                path,
                "the number names no source section and is not marked as an assumption".into(),
                Some("a `source` with a `section` that contains the number, or `assumption = true` with the reason in the text".into()),
            );
        }
    }
    let cr = &cat.criteria;
    let cp = &cr.cost_predictability;

    // Completeness: every fixed id has exactly one entry.
    fn complete<T: Ord + Copy + std::fmt::Display>(
        all: &[T],
        got: Vec<T>,
        field: &str,
        err: &mut dyn FnMut(String, String, Option<String>),
    ) {
        let mut seen = BTreeSet::new();
        for g in &got {
            if !seen.insert(*g) {
                err(field.into(), format!("`{g}` appears twice"), None);
            }
        }
        for a in all {
            if !seen.contains(a) {
                err(field.into(), format!("missing an entry for `{a}`"), None);
            }
        }
    }
    complete(
        PlacementOption::ALL,
        cat.options.iter().map(|o| o.id).collect(),
        "options",
        &mut err,
    );
    complete(
        ServiceModel::ALL,
        cat.service_models.iter().map(|o| o.id).collect(),
        "service_models",
        &mut err,
    );
    complete(
        Deployment::ALL,
        cat.deployments.iter().map(|o| o.id).collect(),
        "deployments",
        &mut err,
    );
    complete(
        Layer::ALL,
        cat.layers.iter().map(|o| o.id).collect(),
        "layers",
        &mut err,
    );
    complete(
        Characteristic::ALL,
        cat.characteristics.iter().map(|o| o.id).collect(),
        "characteristics",
        &mut err,
    );
    for (i, m) in cat.service_models.iter().enumerate() {
        complete(
            Layer::ALL,
            m.control.keys().copied().collect(),
            &format!("service_models[{i}].control"),
            &mut err,
        );
    }
    complete(
        Decider::ALL,
        cr.control.no_influence.keys().copied().collect(),
        "criteria.control.no_influence",
        &mut err,
    );
    complete(
        Decider::ALL,
        cr.privacy.decider.keys().copied().collect(),
        "criteria.privacy.decider",
        &mut err,
    );
    complete(
        Decider::ALL,
        cr.continuity.decider.keys().copied().collect(),
        "criteria.continuity.decider",
        &mut err,
    );
    complete(
        Tariff::ALL,
        cr.cost_predictability.tariff.keys().copied().collect(),
        "criteria.cost_predictability.tariff",
        &mut err,
    );
    complete(
        ServiceModel::ALL,
        cr.exit.model.keys().copied().collect(),
        "criteria.exit.model",
        &mut err,
    );
    complete(
        ExitTerms::ALL,
        cr.exit.terms.keys().copied().collect(),
        "criteria.exit.terms",
        &mut err,
    );

    complete(
        crate::core::catalogue::DataClass::ALL,
        cat.workload_privacy.factor.keys().copied().collect(),
        "workload_privacy.factor",
        &mut err,
    );
    // issue 11: privacy by service model and jurisdiction, price risk, governance work,
    // sovereignty and the workload attributes.
    complete(
        ServiceModel::ALL,
        cr.privacy.model.keys().copied().collect(),
        "criteria.privacy.model",
        &mut err,
    );
    complete(
        Jurisdiction::ALL,
        cr.privacy.jurisdiction.keys().copied().collect(),
        "criteria.privacy.jurisdiction",
        &mut err,
    );
    complete(
        PriceRisk::ALL,
        cp.price_risk.keys().copied().collect(),
        "criteria.cost_predictability.price_risk",
        &mut err,
    );
    complete(
        Decider::ALL,
        cr.ontzorgen.governance.keys().copied().collect(),
        "criteria.ontzorgen.governance",
        &mut err,
    );
    complete(
        Jurisdiction::ALL,
        cr.sovereignty.jurisdiction.keys().copied().collect(),
        "criteria.sovereignty.jurisdiction",
        &mut err,
    );
    complete(
        Decider::ALL,
        cr.sovereignty.ownership.keys().copied().collect(),
        "criteria.sovereignty.ownership",
        &mut err,
    );
    complete(
        BivLevel::ALL,
        cat.workload_attributes
            .availability
            .keys()
            .copied()
            .collect(),
        "workload_attributes.availability",
        &mut err,
    );

    // Candidates: unique, never hybrid, at least one.
    let mut keys = BTreeSet::new();
    for (i, c) in cat.candidates.iter().enumerate() {
        if !keys.insert(c.key()) {
            err(
                format!("candidates[{i}]"),
                format!("candidate `{}` appears twice", c.key()),
                None,
            );
        }
        let non_eu_deployment = c.deployment == Deployment::PublicNonEu;
        if non_eu_deployment != (c.jurisdiction == Jurisdiction::NonEu) {
            err(
                format!("candidates[{i}].jurisdiction"),
                format!(
                    "jurisdiction `{}` does not fit deployment `{}`",
                    c.jurisdiction, c.deployment
                ),
                Some(if non_eu_deployment {
                    "non_eu (a public_non_eu candidate has a non-EU parent)".into()
                } else {
                    "eu (only a public_non_eu candidate has a non-EU parent)".into()
                }),
            );
        }
        if c.deployment == Deployment::Hybrid {
            err(
                format!("candidates[{i}].deployment"),
                "hybrid is the landscape of several placements, not one candidate".into(),
                Some("private, community, public".into()),
            );
        }
    }
    if cat.candidates.is_empty() {
        err("candidates".into(), "no candidates".into(), None);
    }

    // Points stay on the 0–10 scale (exit terms are adjustments of at most ±10).
    let mut range = |field: String, v: f64, lo: f64, hi: f64| {
        if !(lo..=hi).contains(&v) {
            err(
                field,
                format!("{v} is out of range"),
                Some(format!("{lo} to {hi}")),
            );
        }
    };
    range(
        "criteria.control.level.full".into(),
        cr.control.level.full,
        0.0,
        10.0,
    );
    range(
        "criteria.control.level.configuration".into(),
        cr.control.level.configuration,
        0.0,
        10.0,
    );
    for (k, w) in &cr.control.no_influence {
        range(
            format!("criteria.control.no_influence.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    for (path, table) in [
        ("criteria.privacy.decider", &cr.privacy.decider),
        ("criteria.ontzorgen.governance", &cr.ontzorgen.governance),
        ("criteria.sovereignty.ownership", &cr.sovereignty.ownership),
    ] {
        for (k, w) in table {
            range(format!("{path}.{k}"), w.value, 0.0, 10.0);
        }
    }
    for (k, w) in &cr.privacy.model {
        range(format!("criteria.privacy.model.{k}"), w.value, 0.0, 10.0);
    }
    for (k, w) in &cr.privacy.jurisdiction {
        range(
            format!("criteria.privacy.jurisdiction.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    for (k, w) in &cr.sovereignty.jurisdiction {
        range(
            format!("criteria.sovereignty.jurisdiction.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    for (k, w) in &cp.price_risk {
        range(
            format!("criteria.cost_predictability.price_risk.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    let wa = &cat.workload_attributes;
    for (k, w) in &wa.availability {
        range(
            format!("workload_attributes.availability.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    range(
        "workload_attributes.high_availability_floor".into(),
        wa.high_availability_floor.value,
        0.0,
        0.9,
    );
    range(
        "workload_attributes.digid_ontzorgen".into(),
        wa.digid_ontzorgen.value,
        0.0,
        10.0,
    );
    range(
        "workload_attributes.collaboration_margin".into(),
        wa.collaboration_margin.value,
        0.0,
        10.0,
    );
    range(
        "ranking.blind_spot_below".into(),
        cat.ranking.blind_spot_below.value,
        0.0,
        10.0,
    );
    for (k, w) in cr.continuity.decider.iter() {
        range(
            format!("criteria.continuity.decider.{k}"),
            w.value,
            0.0,
            10.0,
        );
    }
    range(
        "criteria.cost_predictability.max_points".into(),
        cp.max_points.value,
        0.0,
        10.0,
    );
    range(
        "criteria.cost_predictability.points_per_10pct".into(),
        cp.points_per_10pct.value,
        0.0,
        10.0,
    );
    for (k, w) in &cr.exit.model {
        range(format!("criteria.exit.model.{k}"), w.value, 0.0, 10.0);
    }
    for (k, w) in &cr.exit.terms {
        range(format!("criteria.exit.terms.{k}"), w.value, -10.0, 10.0);
    }
    for (k, f) in &cat.workload_privacy.factor {
        range(format!("workload_privacy.factor.{k}"), *f, 0.0, 1.0);
    }
    range(
        "criteria.flexibility.per_characteristic".into(),
        cr.flexibility.per_characteristic,
        0.0,
        2.0,
    );
    errs.extend(check_cost_predictability(file, cp));
    errs
}

/// Whether `s` is a `YYYY-MM-DD` date.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The cost-predictability figures: uncertainty 0–100 %, a positive reference use, and every
/// reference tariff valid (tier tables without gaps or overlaps) with a positive yearly cost at
/// the reference use, so the relative band exists.
fn check_cost_predictability(file: &str, cp: &TariffRule) -> Vec<InputError> {
    let mut errs = vec![];
    let base = "criteria.cost_predictability";
    let u = cp.usage_uncertainty_pct.value;
    if u < Decimal::ZERO || u > Decimal::ONE_HUNDRED {
        errs.push(
            InputError::file(file, format!("{u} is out of range"))
                .field(format!("{base}.usage_uncertainty_pct"))
                .allowed("0 to 100"),
        );
    }
    if cp.reference_usage.value <= Decimal::ZERO || cp.reference_usage.value > MAX_USAGE {
        errs.push(
            InputError::file(
                file,
                format!("{} is out of range", cp.reference_usage.value),
            )
            .field(format!("{base}.reference_usage"))
            .allowed(format!("a number above 0, at most {MAX_USAGE}")),
        );
    }
    if !errs.is_empty() {
        return errs;
    }
    for (k, t) in &cp.tariff {
        let field = format!("{base}.tariff.{k}.reference");
        match cost_band(&t.reference, cp.reference_usage.value, u) {
            Err(e) => errs.push(InputError::file(file, e.to_string()).field(field)),
            Ok(band) if band.expected <= Decimal::ZERO => errs.push(
                InputError::file(
                    file,
                    "the yearly cost at the reference use is 0, so no relative band exists",
                )
                .field(field)
                .allowed("a reference tariff that charges more than 0 at the reference use"),
            ),
            Ok(_) => {}
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_catalogue_is_valid_and_complete() {
        let c = parse(BUILT_IN_NAME, BUILT_IN).unwrap();
        assert_eq!(c.options.len(), 5);
        assert_eq!(c.candidates.len(), 17);
    }

    #[test]
    fn unknown_source_is_reported_with_the_allowed_ids() {
        let text = BUILT_IN.replacen("source = \"native_ssc_2022\"", "source = \"seed999\"", 1);
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(e.contains("unknown source `seed999`"), "{e}");
        assert!(e.contains("allowed: "), "{e}");
    }

    #[test]
    fn unknown_key_is_located() {
        let text = BUILT_IN.replacen("schema = 2", "schema = 2\ncolour = \"blue\"", 1);
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(e.contains("c.toml:"), "{e}");
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn reference_tier_table_with_a_gap_is_rejected() {
        let text = BUILT_IN.replacen(
            "{ from = 110, price = 110000 }",
            "{ from = 120, price = 110000 }",
            1,
        );
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(
            e.contains("criteria.cost_predictability.tariff.tiered.reference: tariff.tiers: gap between tiers[0] and tiers[1]: usage 110 up to 120 has no price"),
            "{e}"
        );
    }

    #[test]
    fn usage_uncertainty_out_of_range_is_rejected() {
        let text = BUILT_IN.replacen(
            "usage_uncertainty_pct = { value = 20,",
            "usage_uncertainty_pct = { value = 120,",
            1,
        );
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(
            e.contains("criteria.cost_predictability.usage_uncertainty_pct: 120 is out of range (allowed: 0 to 100)"),
            "{e}"
        );
    }

    #[test]
    fn hybrid_candidate_is_rejected() {
        let text = BUILT_IN.replacen(
            "service_model = \"saas\"\ndeployment = \"public\"",
            "service_model = \"saas\"\ndeployment = \"hybrid\"",
            1,
        );
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(e.contains("hybrid is the landscape"), "{e}");
    }
}
