//! Profiles in TOML → a validated `core::profile::Profile`. Every problem is reported with file,
//! line, column, field and the allowed values; `validate` shows them all at once.
//!
//! The format is documented in the README ("Profile format").

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use toml::de::DeTable;

use super::error::InputErrors;
use super::text_file::read_text_file;
use super::walk::{Val, Walker, get, join};
use crate::core::bounds::{MAX_INHABITANTS, MAX_MEMBERS, MAX_WORKPLACES};
use crate::core::catalogue::{
    Catalogue, CloudStance, CollaborationForm, DataClass, PlacementOption, ServiceModel,
};
use crate::core::profile::{
    BivLevel, Collaboration, Constraints, Municipality, Profile, PublicCloudAcceptance, Subject,
    Weights, Workload,
};

/// The built-in demo profile (a mid-sized municipality), used when no profile is given.
pub const DEMO: &str = include_str!("../../profiles/middelgrote-gemeente.toml");

/// The name the demo profile has in messages.
pub const DEMO_NAME: &str = "<built-in demo>";

const TOP_KEYS: &[&str] = &[
    "title",
    "municipality",
    "group",
    "municipalities",
    "weights",
    "constraints",
    "public_cloud",
    "one_off_estimates",
    "workloads",
    "collaborations",
    "business_case",
    "portfolio",
];

/// Reads and validates a profile file.
pub fn load(path: &Path) -> Result<Profile, InputErrors> {
    let text = read_text_file(path)?;
    parse(&path.display().to_string(), &text)
}

/// The built-in demo profile.
pub fn demo() -> Profile {
    parse(DEMO_NAME, DEMO).expect("the built-in demo profile is valid (tested)")
}

/// Reads and validates a profile file; business-case candidates are checked against
/// `catalogue` (the one given with `--catalogue`, or the built-in one).
pub fn load_with(path: &Path, catalogue: &Catalogue) -> Result<Profile, InputErrors> {
    let text = read_text_file(path)?;
    parse_with(&path.display().to_string(), &text, Some(catalogue))
}

/// Parses and validates profile text; `file` names it in errors. Business-case candidates are
/// checked against the built-in catalogue.
pub fn parse(file: &str, text: &str) -> Result<Profile, InputErrors> {
    parse_with(file, text, None)
}

/// Parses and validates profile text against `catalogue` (the built-in one when `None`, read
/// only when the profile has a `[business_case]`).
pub fn parse_with(
    file: &str,
    text: &str,
    catalogue: Option<&Catalogue>,
) -> Result<Profile, InputErrors> {
    let mut w = Walker::new(file, text);
    let doc = w.parse()?;
    let root = doc.get_ref();
    w.check_keys(root, "", TOP_KEYS);

    let title = get(root, "title").and_then(|v| w.string(v, "title"));
    let subject = subject(&mut w, root);
    let weights = weights(&mut w, root);
    let constraints = match get(root, "constraints") {
        Some(v) => constraints(&mut w, v),
        None => Constraints::default(),
    };
    let public_cloud = match get(root, "public_cloud") {
        Some(v) => public_cloud(&mut w, v),
        None => PublicCloudAcceptance::default(),
    };
    let mut one_off = BTreeMap::new();
    if let Some(v) = get(root, "one_off_estimates")
        && let Some(t) = w.table(v, "one_off_estimates")
    {
        for (k, v) in t.iter() {
            let field = join("one_off_estimates", k.get_ref());
            match PlacementOption::from_id(k.get_ref()) {
                Some(o) => {
                    if let Some(d) = w.money(v, &field) {
                        one_off.insert(o, d);
                    }
                }
                None => w.error_allowed(
                    k.span().start,
                    &field,
                    format!("unknown option `{}`", super::error::cut(k.get_ref())),
                    PlacementOption::allowed(),
                ),
            }
        }
    }
    let collaborations = match get(root, "collaborations") {
        Some(v) => collaborations(&mut w, v),
        None => vec![],
    };
    let workloads = match get(root, "workloads") {
        Some(v) => workloads(&mut w, v, &collaborations),
        None => vec![],
    };

    let built_in;
    let cat = match catalogue {
        Some(c) => c,
        None => {
            built_in = crate::io::catalogue::built_in();
            &built_in
        }
    };
    // Issue 16: the application portfolio file, relative to the profile (read by the caller,
    // and by the business case when its software line is `"portfolio"`).
    let portfolio = get(root, "portfolio").and_then(|v| w.string(v, "portfolio"));
    let business_case = get(root, "business_case").and_then(|v| {
        super::business_case::business_case(&mut w, v, subject.as_ref(), cat, portfolio.as_deref())
    });

    let (Some(subject), Some(weights)) = (subject, weights) else {
        return Err(InputErrors(w.errors));
    };
    let title = title.unwrap_or_else(|| format!("Waar plaatsen we onze ICT? — {}", subject.name()));
    let profile = Profile {
        title,
        subject,
        weights,
        constraints,
        public_cloud,
        one_off_estimates: one_off,
        workloads,
        collaborations,
        business_case,
        portfolio,
    };
    if w.errors.is_empty() {
        // The one way in (io::gate): the same typed checks a session's profile passes. The
        // walker above reports everything they know with a better place; this is the gate.
        for p in super::gate::check_profile(&profile, cat) {
            let path = file_path(&p.path);
            let at = super::walk::locate(root, &path).unwrap_or(0);
            match p.allowed {
                Some(a) => w.error_allowed(at, &path, p.message, a),
                None => w.error(at, &path, p.message),
            }
        }
    }
    w.finish(profile)
}

/// A path of `io::gate` (serde names) as the profile file spells it.
fn file_path(path: &str) -> String {
    let path = path
        .replacen("subject.municipality", "municipality", 1)
        .replacen("subject.members", "municipalities", 1)
        .replacen("subject.name", "group.name", 1);
    match path.strip_prefix("business_case.municipalities[") {
        Some(rest) => format!(
            "business_case.measurement[{}",
            rest.replacen("].measurement.", "].", 1)
        ),
        None => path,
    }
}

fn municipality(w: &mut Walker<'_>, v: &Val<'_>, path: &str) -> Option<Municipality> {
    let t = w.table(v, path)?;
    // Members of a starter group may have their own weights and constraints (io::group).
    let member = path != "municipality";
    let mut keys = vec!["name", "inhabitants", "workplaces", "current"];
    if member {
        keys.extend_from_slice(super::group::MEMBER_KEYS);
    }
    w.check_keys(t, path, &keys);
    let at = v.span().start;
    let name = req(w, t, at, path, "name", "the municipality's name")
        .and_then(|v| w.string(v, &join(path, "name")));
    let inhabitants = req(w, t, at, path, "inhabitants", "number of inhabitants")
        .and_then(|v| w.integer(v, &join(path, "inhabitants"), 1, MAX_INHABITANTS.into()));
    let workplaces = req(w, t, at, path, "workplaces", "number of ICT workplaces")
        .and_then(|v| w.integer(v, &join(path, "workplaces"), 1, MAX_WORKPLACES.into()));
    let current = get(t, "current").and_then(|v| {
        w.id(
            v,
            &join(path, "current"),
            PlacementOption::from_id,
            &PlacementOption::allowed(),
        )
    });
    let (weights, constraints) = if member {
        super::group::member_overrides(w, t, path)
    } else {
        (None, None)
    };
    Some(Municipality {
        name: name?,
        inhabitants: inhabitants? as u32,
        workplaces: workplaces? as u32,
        current,
        weights,
        constraints,
    })
}

fn req<'a, 'i>(
    w: &mut Walker<'_>,
    t: &'a DeTable<'i>,
    at: usize,
    path: &str,
    key: &str,
    what: &str,
) -> Option<&'a Val<'i>> {
    let v = get(t, key);
    if v.is_none() {
        w.missing(at, &join(path, key), what);
    }
    v
}

fn subject(w: &mut Walker<'_>, root: &DeTable<'_>) -> Option<Subject> {
    let single = get(root, "municipality");
    let many = get(root, "municipalities");
    let group = get(root, "group");
    match (single, many) {
        (Some(_), Some(m)) => {
            w.error(
                m.span().start,
                "municipalities",
                "give either [municipality] (one) or [[municipalities]] (a starter group), not both",
            );
            None
        }
        (None, None) => {
            w.missing(
                0,
                "municipality",
                "[municipality] for one municipality or [[municipalities]] for a starter group",
            );
            None
        }
        (Some(v), None) => {
            if let Some(g) = group {
                w.error(
                    g.span().start,
                    "group",
                    "[group] belongs to a starter group with [[municipalities]]",
                );
            }
            municipality(w, v, "municipality").map(|m| Subject::Single { municipality: m })
        }
        (None, Some(v)) => {
            let items = w.array(v, "municipalities")?;
            let mut members: Vec<Municipality> = vec![];
            // Names seen so far: a hash lookup per member, not a scan of the earlier ones.
            let mut names: HashSet<String> = HashSet::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = format!("municipalities[{i}]");
                if let Some(m) = municipality(w, item, &path) {
                    if !names.insert(m.name.clone()) {
                        w.error(
                            item.span().start,
                            &join(&path, "name"),
                            format!(
                                "duplicate municipality name \"{}\"",
                                super::error::cut(&m.name)
                            ),
                        );
                    }
                    members.push(m);
                }
            }
            if items.len() > MAX_MEMBERS {
                w.error_allowed(
                    v.span().start,
                    "municipalities",
                    format!("{} municipalities is too many", items.len()),
                    format!("2 to {MAX_MEMBERS} municipalities"),
                );
                return None;
            }
            if items.len() < 2 {
                w.error(
                    v.span().start,
                    "municipalities",
                    "a starter group needs at least 2 municipalities",
                );
            }
            let name = match group {
                Some(g) => {
                    let t = w.table(g, "group")?;
                    w.check_keys(t, "group", &["name"]);
                    req(
                        w,
                        t,
                        g.span().start,
                        "group",
                        "name",
                        "the starter group's name",
                    )
                    .and_then(|v| w.string(v, "group.name"))
                }
                None => {
                    w.missing(
                        v.span().start,
                        "group.name",
                        "[group] name = \"...\" for the starter group",
                    );
                    None
                }
            };
            Some(Subject::Group {
                name: name?,
                members,
            })
        }
    }
}

fn weights(w: &mut Walker<'_>, root: &DeTable<'_>) -> Option<Weights> {
    let Some(v) = get(root, "weights") else {
        w.missing(
            0,
            "weights",
            "[weights] with privacy, cost_predictability and control",
        );
        return None;
    };
    super::group::weights_at(w, v, "weights")
}

fn constraints(w: &mut Walker<'_>, v: &Val<'_>) -> Constraints {
    super::group::constraints_at(w, v, "constraints")
}

fn public_cloud(w: &mut Walker<'_>, v: &Val<'_>) -> PublicCloudAcceptance {
    let mut p = PublicCloudAcceptance::default();
    let Some(t) = w.table(v, "public_cloud") else {
        return p;
    };
    w.check_keys(
        t,
        "public_cloud",
        &[
            "stance",
            "accept_for",
            "eea_storage",
            "dpia",
            "exit_strategy",
            "no_offensive_cyber_provider",
        ],
    );
    if let Some(v) = get(t, "stance")
        && let Some(s) = w.string(v, "public_cloud.stance")
    {
        match CloudStance::from_id(&s) {
            Some(stance) => p.stance = stance,
            None => w.error_allowed(
                v.span().start,
                "public_cloud.stance",
                format!("unknown stance `{s}`"),
                CloudStance::allowed(),
            ),
        }
    }
    for (key, slot) in [
        ("eea_storage", &mut p.eea_storage),
        ("dpia", &mut p.dpia),
        ("exit_strategy", &mut p.exit_strategy),
        (
            "no_offensive_cyber_provider",
            &mut p.no_offensive_cyber_provider,
        ),
    ] {
        if let Some(v) = get(t, key) {
            *slot = w.boolean(v, &join("public_cloud", key)).unwrap_or(false);
        }
    }
    if let Some(v) = get(t, "accept_for") {
        p.accept_for = w.ids(
            v,
            "public_cloud.accept_for",
            DataClass::from_id,
            &DataClass::allowed(),
        );
        let strict: Vec<&DataClass> = p
            .accept_for
            .iter()
            .filter(|d| matches!(d, DataClass::Brp | DataClass::Special))
            .collect();
        if !strict.is_empty() && !p.conditions_met() {
            w.error_allowed(
                v.span().start,
                "public_cloud.accept_for",
                format!(
                    "accepting public cloud for {} needs every 'tenzij' condition of the Rijksbreed cloudbeleid 2022 recorded as met",
                    strict.iter().map(|d| d.id()).collect::<Vec<_>>().join(" and ")
                ),
                "eea_storage = true, no_offensive_cyber_provider = true, exit_strategy = true and dpia = true",
            );
        }
        if p.stance == CloudStance::King2012 && p.accept_for.iter().any(|d| d.is_personal()) {
            w.error_allowed(
                v.span().start,
                "public_cloud.accept_for",
                "stance `king_2012` allows no public cloud for any personal data; accepting it for personal, brp or special data contradicts the stance".to_string(),
                "public, internal (or stance = \"cloudbeleid_2022\")",
            );
        }
    }
    p
}

/// `[[collaborations]]`: id, name, option (`ssc` or `host`), optional Wgr form.
fn collaborations(w: &mut Walker<'_>, v: &Val<'_>) -> Vec<Collaboration> {
    let mut out: Vec<Collaboration> = vec![];
    let Some(items) = w.array(v, "collaborations") else {
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("collaborations[{i}]");
        let Some(t) = w.table(item, &path) else {
            continue;
        };
        w.check_keys(t, &path, &["id", "name", "option", "form"]);
        let at = item.span().start;
        let id = req(w, t, at, &path, "id", "the id workloads refer to")
            .and_then(|v| w.string(v, &join(&path, "id")));
        let name = req(w, t, at, &path, "name", "the collaboration's name")
            .and_then(|v| w.string(v, &join(&path, "name")));
        let option = req(w, t, at, &path, "option", "ssc or host").and_then(|v| {
            let field = join(&path, "option");
            let o = w.id(v, &field, PlacementOption::from_id, "ssc, host")?;
            if matches!(o, PlacementOption::Ssc | PlacementOption::Host) {
                Some(o)
            } else {
                w.error_allowed(
                    v.span().start,
                    &field,
                    format!("`{o}` is not a collaboration"),
                    "ssc, host",
                );
                None
            }
        });
        let form = get(t, "form").and_then(|v| {
            w.id(
                v,
                &join(&path, "form"),
                CollaborationForm::from_id,
                &CollaborationForm::allowed(),
            )
        });
        if let (Some(id), Some(name), Some(option)) = (id, name, option) {
            if out.iter().any(|c| c.id == id) {
                let at = get(t, "id").map(|v| v.span().start).unwrap_or(at);
                w.error(
                    at,
                    &join(&path, "id"),
                    format!("duplicate collaboration id \"{}\"", super::error::cut(&id)),
                );
                continue;
            }
            out.push(Collaboration {
                id,
                name,
                option,
                form,
            });
        }
    }
    out
}

fn workloads(w: &mut Walker<'_>, v: &Val<'_>, collaborations: &[Collaboration]) -> Vec<Workload> {
    let mut out: Vec<Workload> = vec![];
    // Names seen so far: a hash lookup per workload, not a scan of the earlier ones.
    let mut names: HashSet<String> = HashSet::new();
    let Some(items) = w.array(v, "workloads") else {
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("workloads[{i}]");
        let Some(t) = w.table(item, &path) else {
            continue;
        };
        w.check_keys(
            t,
            &path,
            &[
                "name",
                "data",
                "models",
                "critical",
                "availability",
                "digid",
                "collaboration",
            ],
        );
        let at = item.span().start;
        let name = req(w, t, at, &path, "name", "the workload's name")
            .and_then(|v| w.string(v, &join(&path, "name")));
        let data = req(w, t, at, &path, "data", "the data class").and_then(|v| {
            w.id(
                v,
                &join(&path, "data"),
                DataClass::from_id,
                &DataClass::allowed(),
            )
        });
        let models = get(t, "models")
            .map(|v| {
                w.ids(
                    v,
                    &join(&path, "models"),
                    ServiceModel::from_id,
                    &ServiceModel::allowed(),
                )
            })
            .unwrap_or_default();
        let critical = get(t, "critical")
            .and_then(|v| w.boolean(v, &join(&path, "critical")))
            .unwrap_or(false);
        let availability = get(t, "availability").and_then(|v| {
            w.id(
                v,
                &join(&path, "availability"),
                BivLevel::from_id,
                &BivLevel::allowed(),
            )
        });
        let digid = get(t, "digid")
            .and_then(|v| w.boolean(v, &join(&path, "digid")))
            .unwrap_or(false);
        // DigiD logs citizens in with their BSN: such a workload holds personal data.
        if digid
            && let Some(d) = data
            && !d.is_personal()
        {
            let at = get(t, "data").map(|v| v.span().start).unwrap_or(at);
            w.error_allowed(
                at,
                &join(&path, "data"),
                format!(
                    "a workload with a DigiD connection processes the citizen's BSN, so its data cannot be `{d}`"
                ),
                "personal, brp, special",
            );
        }
        let collaboration = get(t, "collaboration").and_then(|v| {
            let field = join(&path, "collaboration");
            let id = w.string(v, &field)?;
            if collaborations.iter().any(|c| c.id == id) {
                Some(id)
            } else {
                let known: Vec<&str> = collaborations.iter().map(|c| c.id.as_str()).collect();
                w.error_allowed(
                    v.span().start,
                    &field,
                    format!("unknown collaboration \"{}\"", super::error::cut(&id)),
                    if known.is_empty() {
                        "the id of a [[collaborations]] entry (the profile has none)".to_string()
                    } else {
                        known.join(", ")
                    },
                );
                None
            }
        });
        if let (Some(name), Some(data)) = (name, data) {
            if !names.insert(name.clone()) {
                let at = get(t, "name").map(|v| v.span().start).unwrap_or(at);
                w.error(
                    at,
                    &join(&path, "name"),
                    format!("duplicate workload name \"{}\"", super::error::cut(&name)),
                );
            }
            out.push(Workload {
                name,
                data,
                models,
                critical,
                availability,
                digid,
                collaboration,
            });
        }
    }
    out
}
