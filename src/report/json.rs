//! JSON output. The shape of `score` is documented in the README and kept stable:
//! `{"profile", "ranking": [{"rank", "tied", "candidate": {"option", "service_model", "deployment"},
//! "score", "criteria": {NAME: {"score", "weight", "explanation", "sources"}}}], "excluded":
//! [{"candidate", "reasons"}], "workloads": [{"name", "data", "candidate", "explanation"}]}`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ScoreView;
use super::cite::{self, Markup};
use crate::core::catalogue::{CandidateKey, Catalogue, Citation, Provenance};
use crate::core::text::{self, Lang};

/// A candidate as JSON: its id and parts, and (in the business case) its name.
#[derive(Serialize)]
pub(crate) struct CandidateJson {
    id: String,
    option: &'static str,
    service_model: &'static str,
    deployment: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl From<CandidateKey> for CandidateJson {
    fn from(k: CandidateKey) -> Self {
        CandidateJson {
            id: k.id(),
            option: k.option.id(),
            service_model: k.service_model.id(),
            deployment: k.deployment.id(),
            name: None,
        }
    }
}

impl CandidateJson {
    /// The candidate with its name in the report's language.
    pub(crate) fn named(k: CandidateKey, name: String) -> Self {
        CandidateJson {
            name: Some(name),
            ..CandidateJson::from(k)
        }
    }
}

#[derive(Serialize)]
struct MunicipalityJson<'a> {
    name: &'a str,
    inhabitants: u32,
    workplaces: u32,
    current: Option<&'static str>,
}

#[derive(Serialize)]
struct ProfileJson<'a> {
    title: &'a str,
    name: &'a str,
    kind: &'static str,
    municipalities: Vec<MunicipalityJson<'a>>,
    weights: BTreeMap<&'static str, f64>,
}

/// A citation: the source id and sections as data, with its status and the text a reader
/// follows, in the report's language.
#[derive(Serialize)]
struct CitationJson {
    source: String,
    sections: Vec<String>,
    status: &'static str,
    text: String,
}

fn citations(cat: &Catalogue, cs: &[Citation], lang: Lang) -> Vec<CitationJson> {
    cs.iter()
        .map(|c| CitationJson {
            source: c.source.clone(),
            sections: c.sections.clone(),
            status: cat.status_of(&c.source).id(),
            text: cite::reference(cat, c, lang, Markup::Plain),
        })
        .collect()
}

/// A number a score used: its value, why, and whether a source gives it.
#[derive(Serialize)]
struct NumberJson {
    label: String,
    value: String,
    reason: String,
    /// `sourced` or `assumption`.
    basis: &'static str,
    /// The source that contains it, or the one that informed the assumption.
    source: Vec<CitationJson>,
}

#[derive(Serialize)]
struct CriterionJson {
    score: f64,
    weight: f64,
    explanation: String,
    sources: Vec<CitationJson>,
    numbers: Vec<NumberJson>,
}

#[derive(Serialize)]
struct RuleJson {
    id: String,
    text: String,
    status: &'static str,
    forbids_public: bool,
    sources: Vec<CitationJson>,
}

#[derive(Serialize)]
struct RankedJson {
    rank: usize,
    tied: bool,
    candidate: CandidateJson,
    score: f64,
    criteria: BTreeMap<&'static str, CriterionJson>,
}

#[derive(Serialize)]
struct WarningJson {
    criterion: &'static str,
    score: f64,
    text: String,
}

#[derive(Serialize)]
struct ExcludedJson {
    candidate: CandidateJson,
    reasons: Vec<String>,
    sources: Vec<CitationJson>,
}

#[derive(Serialize)]
struct WorkloadJson<'a> {
    name: &'a str,
    data: &'static str,
    candidate: Option<CandidateJson>,
    explanation: String,
    sources: Vec<CitationJson>,
    rules: Vec<RuleJson>,
}

#[derive(Serialize)]
struct ScoreJson<'a> {
    lang: &'static str,
    profile: ProfileJson<'a>,
    ranking: Vec<RankedJson>,
    /// What a shared rank means and the display order among equals; only when there are ties.
    #[serde(skip_serializing_if = "Option::is_none")]
    tie_break: Option<String>,
    excluded: Vec<ExcludedJson>,
    /// Unweighted criteria on which the leader scores below 5.
    warnings: Vec<WarningJson>,
    workloads: Vec<WorkloadJson<'a>>,
}

/// Rounds to 6 decimals so JSON output is stable across platforms.
fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The `score` result as pretty JSON.
pub fn score(v: &ScoreView<'_>) -> String {
    let lang = v.lang;
    let p = v.profile;
    let out = ScoreJson {
        lang: lang.code(),
        profile: ProfileJson {
            title: &p.title,
            name: p.subject.name(),
            kind: if p.subject.is_group() {
                "group"
            } else {
                "municipality"
            },
            municipalities: p
                .subject
                .members()
                .into_iter()
                .map(|m| MunicipalityJson {
                    name: &m.name,
                    inhabitants: m.inhabitants,
                    workplaces: m.workplaces,
                    current: m.current.map(|c| c.id()),
                })
                .collect(),
            weights: p.weights.0.iter().map(|(c, w)| (c.id(), *w)).collect(),
        },
        ranking: v
            .evaluation
            .ranking
            .iter()
            .map(|r| RankedJson {
                rank: r.rank,
                tied: r.tied,
                candidate: r.key.into(),
                score: r6(r.total),
                criteria: r
                    .criteria
                    .iter()
                    .map(|c| {
                        (
                            c.criterion.id(),
                            CriterionJson {
                                score: r6(c.score),
                                weight: r6(c.weight),
                                explanation: c.explanation.get(lang).to_string(),
                                sources: citations(v.catalogue, &c.sources, lang),
                                numbers: c
                                    .numbers
                                    .iter()
                                    .map(|n| {
                                        let (basis, source) = match &n.provenance {
                                            Provenance::Sourced { citation } => {
                                                ("sourced", vec![citation.clone()])
                                            }
                                            Provenance::Assumption { context } => {
                                                ("assumption", context.iter().cloned().collect())
                                            }
                                        };
                                        NumberJson {
                                            label: n.label.get(lang).to_string(),
                                            value: n.value.get(lang).to_string(),
                                            reason: n.reason.get(lang).to_string(),
                                            basis,
                                            source: citations(v.catalogue, &source, lang),
                                        }
                                    })
                                    .collect(),
                            },
                        )
                    })
                    .collect(),
            })
            .collect(),
        tie_break: v
            .evaluation
            .has_ties()
            .then(|| text::tie_break_note().get(lang).to_string()),
        warnings: {
            let e = v.evaluation;
            e.blind_spots
                .iter()
                .zip(e.blind_spot_texts(v.catalogue))
                .map(|(b, t)| WarningJson {
                    criterion: b.criterion.id(),
                    score: r6(b.score),
                    text: t.get(lang).to_string(),
                })
                .collect()
        },
        excluded: v
            .evaluation
            .excluded
            .iter()
            .map(|e| ExcludedJson {
                candidate: e.key.into(),
                reasons: e.reasons.iter().map(|r| r.get(lang).to_string()).collect(),
                sources: citations(v.catalogue, &e.sources, lang),
            })
            .collect(),
        workloads: v
            .evaluation
            .workloads
            .iter()
            .map(|w| WorkloadJson {
                name: &w.name,
                data: w.data.id(),
                candidate: w.key.map(Into::into),
                explanation: w.explanation.get(lang).to_string(),
                sources: citations(v.catalogue, &w.sources, lang),
                rules: w
                    .rules
                    .iter()
                    .map(|r| RuleJson {
                        id: r.id.clone(),
                        text: r.text.get(lang).to_string(),
                        status: r.status.id(),
                        forbids_public: r.forbids_public,
                        sources: citations(v.catalogue, &r.citations, lang),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// The catalogue as JSON (the same data as the TOML, with sources resolved).
pub fn catalogue(c: &Catalogue, _lang: Lang) -> String {
    serde_json::to_string_pretty(c).unwrap_or_default() + "\n"
}
