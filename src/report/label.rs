//! The names of domain values as the room reads them, in one place: control levels, criteria
//! (full and short), data classes (full and short), policy statuses, business-case bands,
//! risks and scenario kinds. Every name is a `match` on the value, never an array indexed by position, so a new
//! variant is a compile error here rather than a wrong or missing label at render time.
//!
//! Names that the core already carries as [`Localized`](crate::core::text::Localized) (a
//! criterion's, a data class's, an option's) are read from the core; this module adds the
//! names the views need on top (short forms for narrow columns, levels, bands).

use crate::core::allocation::{AllocationKey, TariffModel};
use crate::core::business_case::baseline::IMPLICIT_LINE_LABEL;
use crate::core::business_case::{Band, RiskDimension, ScenarioKind, TcoCategory};
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

// Candidate parts in narrow columns (issue 15, defect 9): short and compact forms, so that a
// name cut to fit keeps what tells it apart (`tui::widgets::text::CandidateLabels`).

/// A deployment model without the word "cloud" ("Privé", "Publiek niet-EU").
pub fn deployment_short(d: crate::core::catalogue::Deployment, lang: Lang) -> &'static str {
    use crate::core::catalogue::Deployment as D;
    match (d, lang) {
        (D::Private, Lang::Nl) => "Privé",
        (D::Private, Lang::En) => "Private",
        (D::Community, Lang::Nl) => "Gedeeld",
        (D::Community, Lang::En) => "Community",
        (D::Public, Lang::Nl) => "Publiek EU",
        (D::Public, Lang::En) => "Public EU",
        (D::PublicNonEu, Lang::Nl) => "Publiek niet-EU",
        (D::PublicNonEu, Lang::En) => "Public non-EU",
        (D::Hybrid, Lang::Nl) => "Hybride",
        (D::Hybrid, Lang::En) => "Hybrid",
    }
}

/// A deployment model in the fewest letters that still read ("priv.", "publ.EU", "niet-EU").
pub fn deployment_compact(d: crate::core::catalogue::Deployment, lang: Lang) -> &'static str {
    use crate::core::catalogue::Deployment as D;
    match (d, lang) {
        (D::Private, _) => "priv.",
        (D::Community, Lang::Nl) => "ged.",
        (D::Community, Lang::En) => "comm.",
        (D::Public, _) => "publ.EU",
        (D::PublicNonEu, Lang::Nl) => "niet-EU",
        (D::PublicNonEu, Lang::En) => "non-EU",
        (D::Hybrid, _) => "hybr.",
    }
}

/// A placement option in the fewest letters that still read ("Coloc.", "Gastgem.").
pub fn option_compact(o: crate::core::catalogue::PlacementOption, lang: Lang) -> &'static str {
    use crate::core::catalogue::PlacementOption as O;
    match (o, lang) {
        (O::Own, Lang::Nl) => "Eigen DC",
        (O::Own, Lang::En) => "Own DC",
        (O::Colocation, _) => "Coloc.",
        (O::Managed, _) => "Hosting",
        (O::Ssc, _) => "SSC",
        (O::Host, Lang::Nl) => "Gastgem.",
        (O::Host, Lang::En) => "Host mun.",
    }
}

/// A service model in the fewest letters that still read ("eig. beheer", "IaaS").
pub fn model_compact(m: crate::core::catalogue::ServiceModel, lang: Lang) -> &'static str {
    use crate::core::catalogue::ServiceModel as M;
    match (m, lang) {
        (M::OnPremises, Lang::Nl) => "eig. beheer",
        (M::OnPremises, Lang::En) => "on-prem",
        (M::Iaas, _) => "IaaS",
        (M::Paas, _) => "PaaS",
        (M::Saas, _) => "SaaS",
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

/// A TCO category of the nulmeting in words (lower case, as part of a line label):
/// `datacommunicatie`, `servers en opslag`.
pub fn tco_name(c: TcoCategory, lang: Lang) -> &'static str {
    match (c, lang) {
        (TcoCategory::IctWorkplace, Lang::Nl) => "ICT-werkplek",
        (TcoCategory::IctWorkplace, Lang::En) => "ICT workplace",
        (TcoCategory::Software, Lang::Nl) => "software en diensten",
        (TcoCategory::Software, Lang::En) => "software and services",
        (TcoCategory::DataCommunication, Lang::Nl) => "datacommunicatie",
        (TcoCategory::DataCommunication, Lang::En) => "data communication",
        (TcoCategory::VoiceCommunication, Lang::Nl) => "spraakcommunicatie",
        (TcoCategory::VoiceCommunication, Lang::En) => "voice communication",
        (TcoCategory::Personnel, Lang::Nl) => "personeel",
        (TcoCategory::Personnel, Lang::En) => "personnel",
        (TcoCategory::ServersStorage, Lang::Nl) => "servers en opslag",
        (TcoCategory::ServersStorage, Lang::En) => "servers and storage",
        (TcoCategory::Facilities, Lang::Nl) => "huisvesting",
        (TcoCategory::Facilities, Lang::En) => "facilities",
    }
}

/// The prefixes the core puts before a line's label (`saving: personnel`,
/// `depreciation: <investment>`), with their words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinePrefix {
    Saving,
    ExtraCost,
    ServiceCharge,
    Depreciation,
}

impl LinePrefix {
    const ALL: [LinePrefix; 4] = [
        LinePrefix::Saving,
        LinePrefix::ExtraCost,
        LinePrefix::ServiceCharge,
        LinePrefix::Depreciation,
    ];

    /// The prefix as the core writes it (`core::business_case::setup`, `scenario`,
    /// `core::allocation::group`).
    fn core(self) -> &'static str {
        match self {
            LinePrefix::Saving => "saving: ",
            LinePrefix::ExtraCost => "extra cost: ",
            LinePrefix::ServiceCharge => "service charge: ",
            LinePrefix::Depreciation => "depreciation: ",
        }
    }

    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LinePrefix::Saving, Lang::Nl) => "besparing: ",
            (LinePrefix::Saving, Lang::En) => "saving: ",
            (LinePrefix::ExtraCost, Lang::Nl) => "meerkosten: ",
            (LinePrefix::ExtraCost, Lang::En) => "extra cost: ",
            (LinePrefix::ServiceCharge, Lang::Nl) => "bijdrage aan dienstverlener: ",
            (LinePrefix::ServiceCharge, Lang::En) => "service charge: ",
            (LinePrefix::Depreciation, Lang::Nl) => "afschrijving: ",
            (LinePrefix::Depreciation, Lang::En) => "depreciation: ",
        }
    }
}

/// A line label of the business case as the room reads it: the prefixes and category ids
/// the core writes (`saving: data_communication`) in words (`besparing: datacommunicatie`).
/// A label the profile wrote itself is the user's and is returned as written.
pub fn line_label(label: &str, lang: Lang) -> String {
    for p in LinePrefix::ALL {
        if let Some(rest) = label.strip_prefix(p.core()) {
            return format!("{}{}", p.words(lang), line_label(rest, lang));
        }
    }
    if label == IMPLICIT_LINE_LABEL {
        return match lang {
            Lang::Nl => "impliciete kosten zichtbaar gemaakt (A)",
            Lang::En => IMPLICIT_LINE_LABEL,
        }
        .to_string();
    }
    match TcoCategory::ALL.into_iter().find(|c| c.id() == label) {
        Some(c) => tco_name(c, lang).to_string(),
        None => label.to_string(),
    }
}

/// An allocation key in words: `werkplekken`, `gebruik van <dienst>`.
pub fn key_name(k: &AllocationKey, lang: Lang) -> String {
    let t = crate::i18n::report(lang);
    match k {
        AllocationKey::Workplaces => t.key_workplaces.to_string(),
        AllocationKey::Accounts => t.key_accounts.to_string(),
        AllocationKey::Inhabitants => t.key_inhabitants.to_string(),
        AllocationKey::ServiceUse(service) => t.key_service.replace("{service}", service),
    }
}

/// A tariff model in words: `vast`, `getrapt`, `variabel`, `samengesteld`.
pub fn tariff_name(m: &TariffModel, lang: Lang) -> &'static str {
    let t = crate::i18n::report(lang);
    match m {
        TariffModel::Fixed { .. } => t.tariff_fixed,
        TariffModel::Tiered { .. } => t.tariff_tiered,
        TariffModel::Variable { .. } => t.tariff_variable,
        TariffModel::Composite { .. } => t.tariff_composite,
    }
}

/// A known cost or obstacle of a collaboration form (`core::business_case::known_costs`) in
/// the reader's language, by its id; an id this module does not know keeps the core's label.
pub fn known_cost_label(id: &str, label: &str, lang: Lang) -> String {
    let words = match (id, lang) {
        ("digid_assessment", Lang::Nl) => {
            "DigiD ICT-beveiligingsassessment per deelnemende gemeente"
        }
        ("no_shared_oin", Lang::Nl) => {
            "Geen gezamenlijk OIN: omwegen per gemeente (mailaliassen, dubbele GBA-omgevingen, eHerkenning per gemeente ingericht bij de makelaar)"
        }
        ("no_gemnet_access", Lang::Nl) => {
            "Geen toegang tot Gemnet voor een privaatrechtelijke samenwerking; het GGK-portaal vraagt internettoegang en extra beveiligingsmaatregelen"
        }
        ("gba_v_only", Lang::Nl) => {
            "Een openbaar lichaam mag alleen de landelijke GBA-V bevragen, niet de lokale GBA"
        }
        ("licences_per_municipality", Lang::Nl) => {
            "Licenties geprijsd per inwoner of per processor per gemeente: databases samenvoegen kan meer kosten, installaties blijven naast elkaar bestaan"
        }
        _ => label,
    };
    words.to_string()
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

    #[test]
    fn tco_names_are_the_tui_input_rows_words() {
        for lang in [Lang::Nl, Lang::En] {
            let t = crate::i18n::tui_bc(lang);
            for (i, c) in TcoCategory::ALL.iter().enumerate() {
                assert_eq!(tco_name(*c, lang), t.tco[i]);
            }
        }
    }

    #[test]
    fn core_line_labels_read_as_words() {
        assert_eq!(
            line_label("saving: data_communication", Lang::Nl),
            "besparing: datacommunicatie"
        );
        assert_eq!(
            line_label("extra cost: servers_storage", Lang::En),
            "extra cost: servers and storage"
        );
        assert_eq!(
            line_label("depreciation: Renovatie serverruimte", Lang::Nl),
            "afschrijving: Renovatie serverruimte"
        );
        assert_eq!(
            line_label("service charge: SSC Kempenrand", Lang::Nl),
            "bijdrage aan dienstverlener: SSC Kempenrand"
        );
        // The user's own label stays as written, even when it looks like an id.
        assert_eq!(line_label("Hostingcontract", Lang::Nl), "Hostingcontract");
        for c in TcoCategory::ALL {
            let nl = line_label(&format!("saving: {}", c.id()), Lang::Nl);
            assert!(!nl.contains('_') && !nl.contains("saving"), "{nl}");
        }
    }

    #[test]
    fn keys_tariffs_and_known_costs_read_in_dutch() {
        assert_eq!(
            key_name(&AllocationKey::Workplaces, Lang::Nl),
            "werkplekken"
        );
        assert_eq!(
            key_name(&AllocationKey::ServiceUse("zaaksysteem".into()), Lang::Nl),
            "gebruik van zaaksysteem"
        );
        assert_eq!(
            known_cost_label("digid_assessment", "DigiD ICT assessment", Lang::Nl),
            "DigiD ICT-beveiligingsassessment per deelnemende gemeente"
        );
        assert_eq!(known_cost_label("x", "own", Lang::Nl), "own");
        for form in [
            crate::core::business_case::CollaborationForm::PublicBody,
            crate::core::business_case::CollaborationForm::PrivateLaw,
        ] {
            for k in crate::core::business_case::known_collaboration_costs(form, 2) {
                assert_ne!(
                    known_cost_label(&k.id, &k.label, Lang::Nl),
                    k.label,
                    "{}",
                    k.id
                );
                assert_eq!(known_cost_label(&k.id, &k.label, Lang::En), k.label);
            }
        }
    }
}
