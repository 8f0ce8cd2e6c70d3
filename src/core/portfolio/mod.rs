//! The application portfolio (issue 16): the municipality's real applications as a
//! Softwarecatalogus export and its own spreadsheet describe them, their data class (from the
//! file or from the GEMMA reference components they implement), placement per application by
//! the same scoring core as workloads, and the migration roadmap. Pure: `io::portfolio` builds
//! it from CSV or XLSX, the views in `report::portfolio` and the TUI show it.

pub mod components;
pub mod date;
pub mod place;
pub mod roadmap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalogue::{DataClass, ServiceModel};
use super::profile::{Collaboration, Profile, Workload};

pub use components::{Basis, ComponentDefault, ComponentTable};
pub use date::Date;

/// Most applications in one portfolio: 100,000. The largest municipalities run a few thousand
/// applications; the benchmark places 30,000.
pub const MAX_APPLICATIONS: usize = 100_000;

/// Most reference components named by one application: 50.
pub const MAX_COMPONENTS: usize = 50;

/// Longest notice period, months: 60.
pub const MAX_NOTICE_MONTHS: u32 = 60;

/// The notice period used when the file has no notice column or an empty cell: 3 months.
/// wolkwijzer's assumption: a common term in municipal software contracts; the file should
/// state the real one.
pub const DEFAULT_NOTICE_MONTHS: u32 = 3;

/// A level of the BIV classification (beschikbaarheid, integriteit, vertrouwelijkheid): the
/// same scale as a workload's availability, so an application's availability reaches the
/// scoring core unchanged.
pub use crate::core::profile::BivLevel;

/// A BIV classification; a part is `None` when neither the file nor the mapping gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Biv {
    pub availability: Option<BivLevel>,
    pub integrity: Option<BivLevel>,
    pub confidentiality: Option<BivLevel>,
}

impl Biv {
    /// Whether any part is known.
    pub fn is_known(&self) -> bool {
        self.availability.is_some() || self.integrity.is_some() || self.confidentiality.is_some()
    }

    /// Each part of `self`, or else of `other`.
    pub fn or(self, other: Biv) -> Biv {
        Biv {
            availability: self.availability.or(other.availability),
            integrity: self.integrity.or(other.integrity),
            confidentiality: self.confidentiality.or(other.confidentiality),
        }
    }
}

/// How an application is hosted today (the newer Softwarecatalogus records it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hosting {
    /// On the municipality's own premises.
    OnPremises,
    /// Software as a service from the vendor.
    Saas,
    /// Hosted by a third party (hosting provider, SSC, host municipality).
    Hosted,
}

impl Hosting {
    pub const ALL: [Hosting; 3] = [Hosting::OnPremises, Hosting::Saas, Hosting::Hosted];

    pub fn id(self) -> &'static str {
        match self {
            Hosting::OnPremises => "on_premises",
            Hosting::Saas => "saas",
            Hosting::Hosted => "hosted",
        }
    }
}

/// Where data is stored, or whose law reaches it (NL / EU / US / elsewhere, as the newer
/// Softwarecatalogus records location and jurisdiction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Nl,
    Eu,
    Us,
    Elsewhere,
}

impl Region {
    pub const ALL: [Region; 4] = [Region::Nl, Region::Eu, Region::Us, Region::Elsewhere];

    pub fn id(self) -> &'static str {
        match self {
            Region::Nl => "nl",
            Region::Eu => "eu",
            Region::Us => "us",
            Region::Elsewhere => "elsewhere",
        }
    }

    /// Inside the EEA (the Netherlands or elsewhere in the EU).
    pub fn in_eea(self) -> bool {
        matches!(self, Region::Nl | Region::Eu)
    }
}

/// Where an application's data class came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ClassSource {
    /// The file's data-class column.
    File,
    /// The flags in the file (BSN, special categories, Wpg), stricter than the mapping.
    Flags,
    /// The default of a reference component in the shipped mapping.
    Component { component: String },
    /// Neither the file nor a known component gives a class: the room must classify it.
    Unclassified,
}

/// One application as the file describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Pakket.
    pub package: String,
    /// Leverancier.
    pub supplier: String,
    /// Pakketversie.
    pub version: String,
    /// The GEMMA reference components it implements, as the file names them.
    pub components: Vec<String>,
    /// The data class the file gives, if any.
    pub data: Option<DataClass>,
    /// The BIV classification the file gives (parts may be missing).
    pub biv: Biv,
    /// Processes citizen service numbers (BSN).
    pub bsn: bool,
    /// Processes special categories of personal data (AVG art. 9).
    pub special: bool,
    /// Processes police data under the Wet politiegegevens (Wpg; BOA registrations).
    pub wpg: bool,
    /// Connected to DigiD.
    pub digid: bool,
    pub hosting: Hosting,
    /// Hosting location; `None` when not recorded.
    pub location: Option<Region>,
    /// Jurisdiction of the provider; `None` when not recorded.
    pub jurisdiction: Option<Region>,
    /// The vendor offers the package as SaaS.
    pub saas_available: bool,
    pub contract_end: Option<Date>,
    /// Notice period, months.
    pub notice_months: u32,
    /// Yearly cost, EUR (0 ..= `bounds::MAX_AMOUNT`).
    pub yearly_cost: Decimal,
    /// Owner (department); empty when not recorded.
    pub owner: String,
    /// The collaboration (SSC, host municipality) it runs at today, as the file names it (a
    /// profile collaboration's id or name); `None` when not recorded.
    #[serde(default)]
    pub collaboration: Option<String>,
}

/// An application's class and BIV after the file, the flags and the mapping are combined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classified {
    /// `None` when unclassified.
    pub data: Option<DataClass>,
    pub source: ClassSource,
    pub biv: Biv,
    /// Reference components the mapping does not know, for the room to classify.
    pub unknown_components: Vec<String>,
}

/// The class the flags imply: special categories and Wpg data are special (Wpg: wolkwijzer's
/// assumption, police data treated like special categories because the Wpg demands at least
/// that protection), a BSN is personal data.
fn class_from_flags(app: &Application) -> Option<DataClass> {
    if app.special || app.wpg {
        Some(DataClass::Special)
    } else if app.bsn {
        Some(DataClass::Personal)
    } else {
        None
    }
}

/// Combines the file's class, the flags and the component defaults. The file's class wins
/// (the municipality classified it), but never below what its own flags say; without a class
/// in the file the strictest of the flags and the known components' defaults counts. The BIV
/// comes from the file, part by part, else from the strictest known component.
pub fn classify(app: &Application, table: &ComponentTable) -> Classified {
    let mut unknown = vec![];
    let mut best: Option<(&ComponentDefault, &str)> = None;
    for c in &app.components {
        match table.get(c) {
            Some(d) => {
                if best.is_none_or(|(b, _)| d.data > b.data) {
                    best = Some((d, c.as_str()));
                }
            }
            None => unknown.push(c.clone()),
        }
    }
    let mapped_biv =
        app.components
            .iter()
            .filter_map(|c| table.get(c))
            .fold(Biv::default(), |acc, d| Biv {
                availability: acc.availability.max(d.biv.availability),
                integrity: acc.integrity.max(d.biv.integrity),
                confidentiality: acc.confidentiality.max(d.biv.confidentiality),
            });
    let flags = class_from_flags(app);
    let (data, source) = match (app.data, flags, best) {
        (Some(f), Some(g), _) if g > f => (Some(g), ClassSource::Flags),
        (Some(f), _, _) => (Some(f), ClassSource::File),
        (None, Some(g), Some((d, _))) if g > d.data => (Some(g), ClassSource::Flags),
        (None, _, Some((d, name))) => (
            Some(d.data),
            ClassSource::Component {
                component: name.to_string(),
            },
        ),
        (None, Some(g), None) => (Some(g), ClassSource::Flags),
        (None, None, None) => (None, ClassSource::Unclassified),
    };
    Classified {
        data,
        source,
        biv: app.biv.or(mapped_biv),
        unknown_components: unknown,
    }
}

/// Whether an application counts as critical for the BIO decision tree ("critical process →
/// detailed risk analysis"): availability or integrity high. wolkwijzer's reading of the BIV
/// classification; a room may set the file's BIV to change it.
pub fn is_critical(biv: &Biv) -> bool {
    biv.availability == Some(BivLevel::High) || biv.integrity == Some(BivLevel::High)
}

/// The service models an application can be placed in: any when the vendor offers SaaS (or it
/// already runs as SaaS), otherwise everything but SaaS.
pub fn models_for(app: &Application) -> Vec<ServiceModel> {
    if app.saas_available || app.hosting == Hosting::Saas {
        vec![]
    } else {
        vec![
            ServiceModel::OnPremises,
            ServiceModel::Iaas,
            ServiceModel::Paas,
        ]
    }
}

/// The one way an application becomes a workload for the scoring core. `data` is the class
/// from [`classify`] (an unclassified application is not placed); `collaboration` is the id of
/// the profile collaboration the application runs at (see [`collaboration_of`]).
pub fn to_workload(
    app: &Application,
    data: DataClass,
    biv: &Biv,
    collaboration: Option<&str>,
) -> Workload {
    Workload {
        name: app.package.clone(),
        data,
        models: models_for(app),
        critical: is_critical(biv),
        availability: biv.availability,
        digid: app.digid,
        collaboration: collaboration.map(str::to_string),
    }
}

/// The profile collaboration an application's collaboration cell names, matched on id or name
/// (case, accents and punctuation ignored): `Ok(None)` when the cell is empty, `Err(name)` when
/// the profile has no such collaboration.
pub fn collaboration_of<'p>(
    app: &Application,
    profile: &'p Profile,
) -> Result<Option<&'p Collaboration>, String> {
    let Some(name) = &app.collaboration else {
        return Ok(None);
    };
    let f = components::fold(name);
    profile
        .collaborations
        .iter()
        .find(|c| components::fold(&c.id) == f || components::fold(&c.name) == f)
        .map(Some)
        .ok_or_else(|| name.clone())
}

/// A whole portfolio, as imported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Portfolio {
    pub applications: Vec<Application>,
}

impl Portfolio {
    /// The yearly cost of all applications (the software part of a baseline); `None` if the sum
    /// does not fit (it always does within the bounds: 100,000 × 10^10).
    pub fn yearly_cost(&self) -> Option<Decimal> {
        self.applications
            .iter()
            .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.yearly_cost))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A plain application for tests: internal, on-premises, no flags.
    pub fn app(name: &str) -> Application {
        Application {
            package: name.into(),
            supplier: "Leverancier".into(),
            version: "1".into(),
            components: vec![],
            data: None,
            biv: Biv::default(),
            bsn: false,
            special: false,
            wpg: false,
            digid: false,
            hosting: Hosting::OnPremises,
            location: None,
            jurisdiction: None,
            saas_available: false,
            contract_end: None,
            notice_months: DEFAULT_NOTICE_MONTHS,
            yearly_cost: Decimal::ZERO,
            owner: String::new(),
            collaboration: None,
        }
    }

    fn table() -> ComponentTable {
        ComponentTable::new(vec![
            ComponentDefault {
                name: "GBA-administratiecomponent".into(),
                data: DataClass::Brp,
                biv: Biv {
                    availability: Some(BivLevel::High),
                    integrity: Some(BivLevel::High),
                    confidentiality: Some(BivLevel::High),
                },
                basis: Basis::Assumed {
                    reason: "test".into(),
                },
            },
            ComponentDefault {
                name: "Afvalbeheercomponent".into(),
                data: DataClass::Internal,
                biv: Biv::default(),
                basis: Basis::Assumed {
                    reason: "test".into(),
                },
            },
        ])
    }

    #[test]
    fn the_file_class_wins_unless_its_flags_are_stricter() {
        let mut a = app("x");
        a.components = vec!["GBA-administratiecomponent".into()];
        a.data = Some(DataClass::Internal);
        assert_eq!(classify(&a, &table()).source, ClassSource::File);
        a.special = true;
        let c = classify(&a, &table());
        assert_eq!(
            (c.data, c.source),
            (Some(DataClass::Special), ClassSource::Flags)
        );
    }

    #[test]
    fn without_a_file_class_the_strictest_component_counts() {
        let mut a = app("x");
        a.components = vec![
            "afvalbeheercomponent".into(),
            "GBA-administratiecomponent".into(),
            "Onbekende component".into(),
        ];
        let c = classify(&a, &table());
        assert_eq!(c.data, Some(DataClass::Brp));
        assert_eq!(
            c.source,
            ClassSource::Component {
                component: "GBA-administratiecomponent".into()
            }
        );
        assert_eq!(
            c.unknown_components,
            vec!["Onbekende component".to_string()]
        );
        assert!(is_critical(&c.biv));
    }

    #[test]
    fn nothing_known_is_unclassified_never_guessed() {
        let mut a = app("x");
        a.components = vec!["Onbekende component".into()];
        let c = classify(&a, &table());
        assert_eq!((c.data, c.source), (None, ClassSource::Unclassified));
    }

    #[test]
    fn saas_opens_every_model() {
        let mut a = app("x");
        assert!(!models_for(&a).contains(&ServiceModel::Saas));
        a.saas_available = true;
        assert!(models_for(&a).is_empty());
    }
}
