//! Placement per application by the same core as workloads (`scoring::place_workload`):
//! constraints (through the evaluation's ranking), placement rules, criticality and SaaS
//! availability. Applications are grouped by what decides their placement (data class and
//! whether SaaS is possible), and each distinct group is placed once, so thousands of
//! applications cost a handful of placements. What does not fit, or needs a decision, is
//! flagged per application as a typed [`Exception`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    Application, BivLevel, ClassSource, Classified, ComponentTable, Hosting, Region, classify,
};
use crate::core::catalogue::{
    CandidateKey, Catalogue, Citation, DataClass, Deployment, ServiceModel,
};
use crate::core::profile::Profile;
use crate::core::scoring::{Evaluation, WorkloadPlacement, place_workload};

/// Something about one application that the room must decide or fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Exception {
    /// Neither the file nor a known reference component gives a data class: not placed.
    Unclassified,
    /// Reference components the mapping does not know (listed for the room to classify).
    UnknownComponents { components: Vec<String> },
    /// No admissible candidate fits (constraints and rules rule out every one).
    NoCandidate,
    /// Personal data stored outside the EEA today.
    DataOutsideEea { location: Region },
    /// BRP data or special categories under a jurisdiction outside the EU today.
    NonEuJurisdiction { jurisdiction: Region },
    /// A critical application placed on a public deployment: the BIO decision tree asks for a
    /// detailed risk analysis first.
    CriticalOnPublic,
    /// A DigiD-connected application that moves: the yearly DigiD ICT assessment goes with it.
    DigidMoves,
    /// It moves, but the file has no contract end: no move date can be planned.
    NoContractEnd,
    /// The file names a collaboration the profile does not have (placed as if it had none).
    UnknownCollaboration { name: String },
}

impl Exception {
    /// The sources behind the exception (none for a plain data gap).
    pub fn citations(&self) -> Vec<Citation> {
        match self {
            Exception::DataOutsideEea { .. } => {
                vec![
                    Citation::new("avg", "art. 44"),
                    Citation::new("cloudbeleid2022", ""),
                ]
            }
            Exception::NonEuJurisdiction { .. } => vec![
                Citation::new("cloudbeleid2022", ""),
                Citation::new("schrems2", ""),
            ],
            Exception::CriticalOnPublic => {
                vec![Citation::new("bio_cloud", "bijlage 5 (beslisbomen)")]
            }
            Exception::DigidMoves => vec![Citation::new("digid", "")],
            Exception::Unclassified
            | Exception::UnknownComponents { .. }
            | Exception::NoCandidate
            | Exception::NoContractEnd
            | Exception::UnknownCollaboration { .. } => vec![],
        }
    }

    /// A short stable id (JSON, CSV, filters).
    pub fn id(&self) -> &'static str {
        match self {
            Exception::Unclassified => "unclassified",
            Exception::UnknownComponents { .. } => "unknown_components",
            Exception::NoCandidate => "no_candidate",
            Exception::DataOutsideEea { .. } => "data_outside_eea",
            Exception::NonEuJurisdiction { .. } => "non_eu_jurisdiction",
            Exception::CriticalOnPublic => "critical_on_public",
            Exception::DigidMoves => "digid_moves",
            Exception::NoContractEnd => "no_contract_end",
            Exception::UnknownCollaboration { .. } => "unknown_collaboration",
        }
    }
}

/// What decides an application's placement: everything [`super::to_workload`] passes to the
/// scoring core besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupKey {
    pub data: DataClass,
    pub saas_possible: bool,
    pub critical: bool,
    pub availability: Option<BivLevel>,
    pub digid: bool,
    /// Index into the profile's collaborations.
    pub collaboration: Option<usize>,
}

/// One application's placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppPlacement {
    pub classified: Classified,
    /// Index into [`PortfolioPlacement::groups`]; `None` when unclassified.
    pub group: Option<usize>,
    /// The chosen candidate; `None` when unclassified or nothing fits.
    pub key: Option<CandidateKey>,
    /// Whether the chosen candidate is the kind of hosting it has today (no move).
    pub stays: bool,
    pub critical: bool,
    pub exceptions: Vec<Exception>,
}

/// The placement of a whole portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioPlacement {
    /// One placement (with reason and rules) per distinct group, in order of first use.
    pub groups: Vec<(GroupKey, WorkloadPlacement)>,
    /// One entry per application, in the portfolio's order.
    pub apps: Vec<AppPlacement>,
}

impl PortfolioPlacement {
    /// The reason and rules behind an application's placement.
    pub fn reason(&self, app: usize) -> Option<&WorkloadPlacement> {
        let g = self.apps.get(app)?.group?;
        self.groups.get(g).map(|(_, w)| w)
    }

    /// How many applications land on each candidate (`None`: not placed), most first, ties in
    /// the catalogue's order of keys.
    pub fn counts(&self) -> Vec<(Option<CandidateKey>, usize)> {
        let mut m: Vec<(Option<CandidateKey>, usize)> = vec![];
        for a in &self.apps {
            match m.iter_mut().find(|(k, _)| *k == a.key) {
                Some((_, n)) => *n += 1,
                None => m.push((a.key, 1)),
            }
        }
        m.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.is_none().cmp(&b.0.is_none()))
                .then(a.0.cmp(&b.0))
        });
        m
    }
}

/// Whether today's hosting already is the kind the candidate offers: on-premises stays in the
/// own datacenter, a hosted application stays at IaaS/PaaS outside the municipality, SaaS stays
/// SaaS.
pub fn is_same_kind(hosting: Hosting, key: CandidateKey) -> bool {
    use crate::core::catalogue::PlacementOption as O;
    match hosting {
        Hosting::OnPremises => key.option == O::Own,
        Hosting::Hosted => {
            key.option != O::Own
                && key.option != O::Colocation
                && matches!(key.service_model, ServiceModel::Iaas | ServiceModel::Paas)
        }
        Hosting::Saas => key.service_model == ServiceModel::Saas,
    }
}

/// Places every application of `apps` with the ranking of `evaluation` (the profile's own).
pub fn place_all(
    catalogue: &Catalogue,
    profile: &Profile,
    evaluation: &Evaluation,
    table: &ComponentTable,
    apps: &[Application],
) -> PortfolioPlacement {
    let classified: Vec<Classified> = apps.iter().map(|a| classify(a, table)).collect();
    place_classified(catalogue, profile, evaluation, apps, &classified)
}

/// [`place_all`] with the classification already done (it does not depend on the weights, so
/// a weight change re-places without classifying again). `classified[i]` belongs to `apps[i]`.
pub fn place_classified(
    catalogue: &Catalogue,
    profile: &Profile,
    evaluation: &Evaluation,
    apps: &[Application],
    classified: &[Classified],
) -> PortfolioPlacement {
    let mut groups: Vec<(GroupKey, WorkloadPlacement)> = vec![];
    let mut index: HashMap<GroupKey, usize> = HashMap::new();
    let placed = apps
        .iter()
        .zip(classified)
        .map(|(app, classified)| {
            let classified = classified.clone();
            let critical = super::is_critical(&classified.biv);
            let mut exceptions = vec![];
            if !classified.unknown_components.is_empty() {
                exceptions.push(Exception::UnknownComponents {
                    components: classified.unknown_components.clone(),
                });
            }
            let Some(data) = classified.data else {
                exceptions.insert(0, Exception::Unclassified);
                return AppPlacement {
                    classified,
                    group: None,
                    key: None,
                    stays: false,
                    critical,
                    exceptions,
                };
            };
            let collaboration = match super::collaboration_of(app, profile) {
                Ok(c) => c,
                Err(name) => {
                    exceptions.push(Exception::UnknownCollaboration { name });
                    None
                }
            };
            let gk = GroupKey {
                data,
                saas_possible: super::models_for(app).is_empty(),
                critical,
                availability: classified.biv.availability,
                digid: app.digid,
                collaboration: collaboration
                    .and_then(|c| profile.collaborations.iter().position(|p| p.id == c.id)),
            };
            let g = *index.entry(gk).or_insert_with(|| {
                let w = super::to_workload(
                    app,
                    data,
                    &classified.biv,
                    collaboration.map(|c| c.id.as_str()),
                );
                groups.push((
                    gk,
                    place_workload(catalogue, profile, &evaluation.ranking, &w),
                ));
                groups.len() - 1
            });
            let key = groups[g].1.key;
            let stays = key.is_some_and(|k| is_same_kind(app.hosting, k));
            if key.is_none() {
                exceptions.push(Exception::NoCandidate);
            }
            if data.is_personal()
                && let Some(loc) = app.location.filter(|l| !l.in_eea())
            {
                exceptions.push(Exception::DataOutsideEea { location: loc });
            }
            if matches!(data, DataClass::Brp | DataClass::Special)
                && let Some(j) = app.jurisdiction.filter(|j| !j.in_eea())
            {
                exceptions.push(Exception::NonEuJurisdiction { jurisdiction: j });
            }
            if critical && key.is_some_and(|k| k.deployment == Deployment::Public) {
                exceptions.push(Exception::CriticalOnPublic);
            }
            if key.is_some() && !stays {
                if app.digid {
                    exceptions.push(Exception::DigidMoves);
                }
                if app.contract_end.is_none() {
                    exceptions.push(Exception::NoContractEnd);
                }
            }
            AppPlacement {
                classified,
                group: Some(g),
                key,
                stays,
                critical,
                exceptions,
            }
        })
        .collect();
    PortfolioPlacement {
        groups,
        apps: placed,
    }
}

/// Whether an application's class came from the file.
pub fn class_from_file(p: &AppPlacement) -> bool {
    p.classified.source == ClassSource::File
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::portfolio::tests::app;
    use crate::core::scoring::evaluate;
    use crate::core::text::Lang;

    fn setup() -> (Catalogue, Profile) {
        (crate::io::catalogue::built_in(), crate::io::profile::demo())
    }

    #[test]
    fn each_distinct_group_is_placed_once() {
        let (cat, profile) = setup();
        let ev = evaluate(&cat, &profile).unwrap();
        let mut apps = vec![];
        for i in 0..50 {
            let mut a = app(&format!("a{i}"));
            a.data = Some(if i % 2 == 0 {
                DataClass::Brp
            } else {
                DataClass::Internal
            });
            apps.push(a);
        }
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &apps);
        assert_eq!(p.groups.len(), 2);
        assert_eq!(p.apps.len(), 50);
        // The same placement as a workload of that class placed on its own.
        for (i, a) in apps.iter().enumerate() {
            let w = crate::core::portfolio::to_workload(a, a.data.unwrap(), &a.biv, None);
            let alone = place_workload(&cat, &profile, &ev.ranking, &w);
            assert_eq!(p.apps[i].key, alone.key);
        }
    }

    #[test]
    fn brp_never_lands_on_public_cloud_by_default() {
        let (cat, profile) = setup();
        let ev = evaluate(&cat, &profile).unwrap();
        let mut a = app("BRP");
        a.data = Some(DataClass::Brp);
        a.saas_available = true;
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &[a]);
        let key = p.apps[0].key.expect("placed");
        assert_ne!(key.deployment, Deployment::Public);
    }

    #[test]
    fn exceptions_are_flagged() {
        let (cat, profile) = setup();
        let ev = evaluate(&cat, &profile).unwrap();
        let mut a = app("Onbekend");
        a.components = vec!["Iets anders".into()];
        let mut b = app("VS");
        b.special = true;
        b.hosting = Hosting::Saas;
        b.location = Some(Region::Us);
        b.jurisdiction = Some(Region::Us);
        b.digid = true;
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &[a, b]);
        assert_eq!(p.apps[0].exceptions[0], Exception::Unclassified);
        assert!(p.apps[0].key.is_none());
        let ids: Vec<&str> = p.apps[1].exceptions.iter().map(Exception::id).collect();
        assert!(ids.contains(&"data_outside_eea"), "{ids:?}");
        assert!(ids.contains(&"non_eu_jurisdiction"), "{ids:?}");
    }

    #[test]
    fn nothing_fits_is_flagged() {
        let (cat, mut profile) = setup();
        profile.constraints.exclude_options = crate::core::catalogue::PlacementOption::ALL.to_vec();
        profile
            .constraints
            .exclude_options
            .retain(|o| *o != crate::core::catalogue::PlacementOption::Managed);
        profile.constraints.exclude_deployments = vec![Deployment::Private];
        let ev = evaluate(&cat, &profile).unwrap();
        let mut a = app("BRP");
        a.data = Some(DataClass::Brp);
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &[a]);
        assert!(p.apps[0].key.is_none());
        assert!(p.apps[0].exceptions.contains(&Exception::NoCandidate));
    }

    #[test]
    fn digid_availability_and_collaboration_reach_the_core() {
        let (cat, profile) = setup();
        let ev = evaluate(&cat, &profile).unwrap();
        let mut plain = app("Zaaksysteem");
        plain.data = Some(DataClass::Personal);
        plain.saas_available = true;
        let mut digid = plain.clone();
        digid.digid = true;
        let mut available = plain.clone();
        available.biv.availability = Some(BivLevel::High);
        let mut taxes = plain.clone();
        // Matched on the profile collaboration's name, whatever the case.
        taxes.collaboration = Some("regionale BELASTINGSAMENWERKING".into());
        let apps = [plain, digid, available, taxes];
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &apps);
        // Four different inputs to the core: four groups, none merged with the plain one.
        assert_eq!(p.groups.len(), 4);
        let w =
            crate::core::portfolio::to_workload(&apps[1], DataClass::Personal, &apps[1].biv, None);
        assert!(w.digid);
        let w =
            crate::core::portfolio::to_workload(&apps[2], DataClass::Personal, &apps[2].biv, None);
        assert_eq!(w.availability, Some(BivLevel::High));
        // Each is placed exactly as the same workload on its own, reason included.
        for (i, a) in apps.iter().enumerate() {
            let collab = super::super::collaboration_of(a, &profile).unwrap();
            assert_eq!(collab.is_some(), i == 3);
            let w = crate::core::portfolio::to_workload(
                a,
                DataClass::Personal,
                &a.biv,
                collab.map(|c| c.id.as_str()),
            );
            let alone = place_workload(&cat, &profile, &ev.ranking, &w);
            assert_eq!(p.reason(i), Some(&alone), "application {i}");
        }
        // The reasons say what made the difference.
        let digid_reason = &p.reason(1).unwrap().explanation;
        assert!(
            digid_reason.get(Lang::En).contains("DigiD"),
            "{digid_reason:?}"
        );
        assert!(
            !p.reason(0)
                .unwrap()
                .explanation
                .get(Lang::En)
                .contains("DigiD")
        );
        let avail = &p.reason(2).unwrap().explanation;
        assert_ne!(avail, &p.reason(0).unwrap().explanation);
        let taxes = p.reason(3).unwrap();
        assert!(
            taxes
                .explanation
                .get(Lang::En)
                .contains("Regionale belastingsamenwerking"),
            "{taxes:?}"
        );
    }

    #[test]
    fn a_collaboration_the_profile_lacks_is_flagged_not_guessed() {
        let (cat, profile) = setup();
        let ev = evaluate(&cat, &profile).unwrap();
        let mut a = app("Belastingen");
        a.data = Some(DataClass::Personal);
        a.collaboration = Some("Onbekend SSC".into());
        let p = place_all(&cat, &profile, &ev, &ComponentTable::default(), &[a]);
        assert!(p.apps[0].key.is_some());
        assert!(
            p.apps[0]
                .exceptions
                .contains(&Exception::UnknownCollaboration {
                    name: "Onbekend SSC".into()
                })
        );
    }
}
