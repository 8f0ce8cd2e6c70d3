//! The names of domain values as the room reads them, in one place: control levels, criteria
//! (full and short), data classes (full and short), policy statuses, business-case bands,
//! risks and scenario kinds. Every name is a `match` on the value, never an array indexed by position, so a new
//! variant is a compile error here rather than a wrong or missing label at render time.
//!
//! Names that the core already carries as [`Localized`](crate::core::text::Localized) (a
//! criterion's, a data class's, an option's) are read from the core; this module adds the
//! names the views need on top (short forms for narrow columns, levels, bands).

use crate::core::business_case::{Band, RiskDimension, ScenarioKind};
use crate::core::catalogue::{ControlLevel, DataClass, PolicyStatus};
use crate::core::criteria::Criterion;
use crate::core::text::Lang;
use crate::i18n::CaseStrings;

/// The name of a control level: `volledige controle`, `configuratie`, `geen invloed`.
pub fn level_name(l: ControlLevel, lang: Lang) -> &'static str {
    let t = crate::i18n::strings(lang);
    match l {
        ControlLevel::Full => t.full,
        ControlLevel::Configuration => t.configuration,
        ControlLevel::None => t.no_influence,
    }
}

/// A short name of a control level for narrow columns: `volledig`, `configuratie`,
/// `geen invloed`.
pub fn level_short(level: ControlLevel, lang: Lang) -> &'static str {
    match (level, lang) {
        (ControlLevel::Full, Lang::Nl) => "volledig",
        (ControlLevel::Full, Lang::En) => "full",
        (ControlLevel::Configuration, Lang::Nl) => "configuratie",
        (ControlLevel::Configuration, Lang::En) => "configure",
        (ControlLevel::None, Lang::Nl) => "geen invloed",
        (ControlLevel::None, Lang::En) => "no influence",
    }
}

/// A criterion's name: `Kostenvoorspelbaarheid`.
pub fn criterion_name(c: Criterion, lang: Lang) -> String {
    c.name().get(lang).to_string()
}

/// A criterion's short name for narrow columns: `Kosten` (Dutch), `Cost` (English).
pub fn criterion_short(c: Criterion, lang: Lang) -> &'static str {
    match (c, lang) {
        (Criterion::Privacy, _) => "Priv.",
        (Criterion::CostPredictability, Lang::Nl) => "Kosten",
        (Criterion::CostPredictability, Lang::En) => "Cost",
        (Criterion::Control, _) => "Contr.",
        (Criterion::Continuity, _) => "Contin",
        (Criterion::Flexibility, _) => "Flex.",
        (Criterion::Ontzorgen, Lang::Nl) => "Ontz.",
        (Criterion::Ontzorgen, Lang::En) => "Relief",
        (Criterion::Exit, _) => "Exit",
        (Criterion::Sovereignty, Lang::Nl) => "Soev.",
        (Criterion::Sovereignty, Lang::En) => "Sover.",
    }
}

/// A data class's name: `BRP-gegevens`.
pub fn data_class_name(d: DataClass, lang: Lang) -> String {
    d.name().get(lang).to_string()
}

/// A data class's short name for narrow columns: `persoons` (Dutch), `personal` (English).
pub fn data_class_short(d: DataClass, lang: Lang) -> &'static str {
    match (d, lang) {
        (DataClass::Public, Lang::Nl) => "openbaar",
        (DataClass::Public, Lang::En) => "public",
        (DataClass::Internal, Lang::Nl) => "intern",
        (DataClass::Internal, Lang::En) => "internal",
        (DataClass::Personal, Lang::Nl) => "persoons",
        (DataClass::Personal, Lang::En) => "personal",
        (DataClass::Brp, _) => "BRP",
        (DataClass::Special, Lang::Nl) => "bijzonder",
        (DataClass::Special, Lang::En) => "special",
    }
}

/// The status word in the reader's language: "bindend", "zelfbindend", "referentie",
/// "achtergrond", "in voorbereiding".
pub fn status_name(st: PolicyStatus, lang: Lang) -> &'static str {
    match (st, lang) {
        (PolicyStatus::Binding, Lang::Nl) => "bindend",
        (PolicyStatus::Binding, Lang::En) => "binding",
        (PolicyStatus::SelfBinding, Lang::Nl) => "zelfbindend",
        (PolicyStatus::SelfBinding, Lang::En) => "self-binding",
        (PolicyStatus::Reference, Lang::Nl) => "referentie",
        (PolicyStatus::Reference, Lang::En) => "reference",
        (PolicyStatus::Background, Lang::Nl) => "achtergrond",
        (PolicyStatus::Background, Lang::En) => "background",
        (PolicyStatus::Pending, Lang::Nl) => "in voorbereiding",
        (PolicyStatus::Pending, Lang::En) => "pending",
    }
}

/// A business-case band's name in the room's language.
pub fn band_name(b: Band, t: &CaseStrings) -> &'static str {
    match b {
        Band::Favourable => t.favourable,
        Band::Expected => t.expected,
        Band::Unfavourable => t.unfavourable,
    }
}

/// A risk in words: which one is at its unfavourable value.
pub fn risk_name(d: RiskDimension, t: &CaseStrings) -> &'static str {
    match d {
        RiskDimension::Costs => t.costs_high,
        RiskDimension::Benefits => t.benefits_low,
        RiskDimension::Delay => t.delay_high,
    }
}

/// A scenario kind in words.
pub fn kind_name(k: ScenarioKind, t: &CaseStrings) -> &'static str {
    match k {
        ScenarioKind::CostReduction => t.cost_reduction,
        ScenarioKind::LessExtraCosts | ScenarioKind::Baseline => t.less_extra_costs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_read_as_the_source_table_does() {
        assert_eq!(level_name(ControlLevel::None, Lang::Nl), "geen invloed");
        assert_eq!(level_name(ControlLevel::Full, Lang::En), "full control");
        let t = crate::i18n::case_strings(Lang::Nl);
        assert_eq!(band_name(Band::Expected, t), t.expected);
        assert_eq!(kind_name(ScenarioKind::Baseline, t), t.less_extra_costs);
    }
}
