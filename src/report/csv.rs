//! CSV output: one row per candidate × criterion, ready for a spreadsheet. Fields are quoted
//! per RFC 4180 when they hold a separator, quote or line break.

use super::ScoreView;
use crate::core::catalogue::{CandidateKey, Catalogue};
use crate::core::text::Lang;

/// A CSV field: neutralised against formula injection and control characters (see
/// `core::safe_text::csv_cell`; every CSV export writes its cells through here), then quoted
/// when needed.
pub fn field(s: &str) -> String {
    let s = crate::core::safe_text::csv_cell(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The four candidate columns (`candidate`, `option`, `service_model`, `deployment`), empty
/// where there is no candidate.
fn candidate_cells(k: Option<CandidateKey>) -> [String; 4] {
    match k {
        Some(k) => [
            k.id(),
            k.option.id().into(),
            k.service_model.id().into(),
            k.deployment.id().into(),
        ],
        None => Default::default(),
    }
}

/// A row of `head`, the four candidate columns of `k`, and `tail`.
fn row_with(head: &[String], k: Option<CandidateKey>, tail: &[String]) -> String {
    let mut cells = head.to_vec();
    cells.extend(candidate_cells(k));
    cells.extend_from_slice(tail);
    row(&cells)
}

fn row(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",")
        + "\n"
}

/// The `score` result: ranking rows, then excluded rows, then workload rows, each with a
/// `section` column so one sheet can hold all three.
pub fn score(v: &ScoreView<'_>) -> String {
    let lang = v.lang;
    let mut out = row(&[
        "section",
        "rank",
        "tied",
        "candidate",
        "option",
        "service_model",
        "deployment",
        "total",
        "criterion",
        "score",
        "weight",
        "detail",
    ]
    .map(String::from));
    for r in &v.evaluation.ranking {
        for c in &r.criteria {
            out.push_str(&row_with(
                &["ranking".into(), r.rank.to_string(), r.tied.to_string()],
                Some(r.key),
                &[
                    format!("{:.6}", r.total),
                    c.criterion.id().into(),
                    format!("{:.6}", c.score),
                    format!("{:.6}", c.weight),
                    c.explanation.get(lang).into(),
                ],
            ));
        }
    }
    let e = v.evaluation;
    for (b, t) in e.blind_spots.iter().zip(e.blind_spot_texts(v.catalogue)) {
        let k = e.leader().map(|l| l.key);
        out.push_str(&row_with(
            &["warning".into(), String::new(), String::new()],
            k,
            &[
                String::new(),
                b.criterion.id().into(),
                format!("{:.6}", b.score),
                format!("{:.6}", 0.0),
                t.get(lang).into(),
            ],
        ));
    }
    for x in &v.evaluation.excluded {
        for reason in &x.reasons {
            out.push_str(&row_with(
                &["excluded".into(), String::new(), String::new()],
                Some(x.key),
                &[
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    reason.get(lang).into(),
                ],
            ));
        }
    }
    for w in &v.evaluation.workloads {
        let k = w.key;
        out.push_str(&row_with(
            &["workload".into(), String::new(), String::new()],
            k,
            &[
                w.total.map(|t| format!("{t:.6}")).unwrap_or_default(),
                w.name.clone(),
                String::new(),
                w.data.id().into(),
                w.explanation.get(lang).into(),
            ],
        ));
    }
    out
}

/// The catalogue's candidates with their attributes.
pub fn catalogue(c: &Catalogue, lang: Lang) -> String {
    let mut out = row(&[
        "candidate",
        "option",
        "service_model",
        "deployment",
        "tariff",
        "data_location",
        "data_access",
        "security",
        "operations",
        "facility",
        "characteristics",
        "exit_terms",
        "why",
    ]
    .map(String::from));
    for k in &c.candidates {
        out.push_str(&row(&[
            k.key().id(),
            k.option.id().into(),
            k.service_model.id().into(),
            k.deployment.id().into(),
            k.tariff.id().into(),
            k.data_location.id().into(),
            k.data_access.id().into(),
            k.security.id().into(),
            k.operations.id().into(),
            k.facility.id().into(),
            k.characteristics
                .iter()
                .map(|x| x.id())
                .collect::<Vec<_>>()
                .join(" "),
            k.exit_terms.id().into(),
            k.why.get(lang).into(),
        ]));
    }
    out
}
