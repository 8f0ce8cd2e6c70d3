//! CSV output of `sensitivity` and `weights ahp` in long format: one measure per row, ready for
//! a pivot table. Columns of `sensitivity`: `section,candidate,criterion,member,measure,value`;
//! of `weights ahp`: `section,criterion,other,value`. Candidates and criteria by id; weights and
//! shares as fractions with 6 decimals.

use super::{AhpView, SensitivityView};
use crate::core::catalogue::CandidateKey;

/// One row of the long format.
struct Rows(String);

impl Rows {
    fn push(&mut self, cells: &[&str]) {
        self.0.push_str(&crate::report::csv::line(cells));
    }

    fn measure(
        &mut self,
        section: &str,
        candidate: Option<CandidateKey>,
        criterion: &str,
        member: &str,
        measure: &str,
        value: &str,
    ) {
        let candidate = candidate.map(|k| k.id()).unwrap_or_default();
        self.push(&[section, &candidate, criterion, member, measure, value]);
    }
}

fn num(x: f64) -> String {
    format!("{x:.6}")
}

/// The sensitivity analysis as CSV.
pub fn sensitivity(v: &SensitivityView<'_>) -> String {
    let a = v.analysis;
    let mut out = Rows(String::new());
    out.push(&[
        "section",
        "candidate",
        "criterion",
        "member",
        "measure",
        "value",
    ]);
    for (c, w) in a.criteria.iter().zip(&a.weights) {
        out.measure("weights", None, c.id(), "", "weight", &num(*w));
    }
    if let Some(r) = &a.robustness {
        let key = |i: usize| Some(a.candidate(i));
        for b in &r.explanation.candidates {
            out.measure(
                "contributions",
                key(b.candidate),
                "",
                "",
                "rank",
                &b.rank.to_string(),
            );
            out.measure(
                "contributions",
                key(b.candidate),
                "",
                "",
                "total",
                &num(b.total),
            );
            for (c, x) in a.criteria.iter().zip(&b.contributions) {
                out.measure(
                    "contributions",
                    key(b.candidate),
                    c.id(),
                    "",
                    "contribution",
                    &num(*x),
                );
            }
        }
        let e = &r.explanation;
        out.measure("lead", key(e.leader), "", "", "leader", "true");
        if let (Some(ru), Some(gap)) = (e.runner_up, e.gap) {
            out.measure("lead", key(ru), "", "", "runner_up", "true");
            out.measure("lead", None, "", "", "gap", &num(gap));
        }
        out.measure(
            "lead",
            None,
            "",
            "",
            "close_call",
            &e.close_call.to_string(),
        );
        for s in &r.one_way.criteria {
            let c = a.criteria[s.criterion].id();
            out.measure("stability", None, c, "", "weight", &num(s.current_weight));
            out.measure("stability", None, c, "", "lower", &num(s.lower));
            out.measure("stability", None, c, "", "upper", &num(s.upper));
            if let Some(i) = s.takeover_below {
                out.measure("stability", key(i), c, "", "takeover_below", "true");
            }
            if let Some(i) = s.takeover_above {
                out.measure("stability", key(i), c, "", "takeover_above", "true");
            }
        }
        if let Some(f) = &r.one_way.smallest_flip {
            let c = a.criteria[f.criterion].id();
            out.measure(
                "smallest_flip",
                key(f.new_leader),
                c,
                "",
                "from_weight",
                &num(f.from_weight),
            );
            out.measure(
                "smallest_flip",
                key(f.new_leader),
                c,
                "",
                "to_weight",
                &num(f.to_weight),
            );
        }
        let m = &r.smaa;
        for i in 0..a.candidates.len() {
            for (rank, x) in m.rank_acceptability[i].iter().enumerate() {
                out.measure(
                    "smaa",
                    key(i),
                    "",
                    "",
                    &format!("rank_{}", rank + 1),
                    &num(*x),
                );
            }
            out.measure(
                "smaa",
                key(i),
                "",
                "",
                "holistic",
                &num(m.holistic_acceptability[i]),
            );
        }
        let t = &r.methods;
        for i in 0..a.candidates.len() {
            out.measure(
                "topsis",
                key(i),
                "",
                "",
                "weighted_sum",
                &num(t.weighted_sum[i]),
            );
            out.measure(
                "topsis",
                key(i),
                "",
                "",
                "weighted_sum_rank",
                &t.weighted_sum_ranks[i].to_string(),
            );
            out.measure(
                "topsis",
                key(i),
                "",
                "",
                "closeness",
                &num(t.topsis_closeness[i]),
            );
            out.measure(
                "topsis",
                key(i),
                "",
                "",
                "topsis_rank",
                &t.topsis_ranks[i].to_string(),
            );
        }
    }
    if let Some(g) = &a.group {
        let e = &g.evaluation;
        for (j, c) in e.criteria.iter().enumerate() {
            for m in &e.members {
                out.measure(
                    "group_weights",
                    None,
                    c.id(),
                    &m.name,
                    "weight",
                    &num(m.weights[j]),
                );
            }
            let s = &e.analysis.spreads[j];
            out.measure(
                "group_weights",
                None,
                c.id(),
                "",
                "mean",
                &num(e.weights.weights[j]),
            );
            out.measure("group_weights", None, c.id(), "", "range", &num(s.range));
            out.measure(
                "group_weights",
                None,
                c.id(),
                "",
                "disputed",
                &s.disputed.to_string(),
            );
        }
        let consensus = &e.analysis.consensus;
        out.measure(
            "consensus",
            None,
            "",
            "",
            "kendall_w",
            &num(consensus.kendall_w),
        );
        out.measure(
            "consensus",
            None,
            "",
            "",
            "weight_agreement",
            &num(consensus.weight_agreement),
        );
        for m in &e.members {
            for r in &m.evaluation.ranking {
                out.measure(
                    "member_ranking",
                    Some(r.key),
                    "",
                    &m.name,
                    "rank",
                    &r.rank.to_string(),
                );
            }
        }
        for r in &e.ranking {
            out.measure(
                "group_ranking",
                Some(r.key),
                "",
                "",
                "rank",
                &r.rank.to_string(),
            );
            out.measure("group_ranking", Some(r.key), "", "", "total", &num(r.total));
        }
        for &k in &e.candidates {
            for i in e.excluded_by(k) {
                out.measure(
                    "excluded_by",
                    Some(k),
                    "",
                    &e.members[i].name,
                    "excluded",
                    "true",
                );
            }
        }
        if let Some(rs) = &g.smaa_in_ranges
            && let Ok(m) = &rs.result
        {
            for (&k, x) in rs.candidates.iter().zip(&m.first_rank_acceptability) {
                out.measure("group_smaa", Some(k), "", "", "first_rank", &num(*x));
            }
        }
    }
    out.0
}

/// The AHP analysis as CSV.
pub fn ahp(v: &AhpView<'_>) -> String {
    let a = v.analysis;
    let criteria = &v.input.criteria;
    let mut out = Rows(String::new());
    out.push(&["section", "criterion", "other", "value"]);
    for (i, c) in criteria.iter().enumerate() {
        out.push(&[
            "eigenvector_weight",
            c.id(),
            "",
            &num(a.eigenvector_weights[i]),
        ]);
        out.push(&[
            "geometric_mean_weight",
            c.id(),
            "",
            &num(a.geometric_mean_weights[i]),
        ]);
    }
    for (i, c) in criteria.iter().enumerate() {
        for (j, o) in criteria.iter().enumerate() {
            if i != j {
                out.push(&["judgement", c.id(), o.id(), &num(v.input.matrix.get(i, j))]);
            }
        }
    }
    out.push(&["lambda_max", "", "", &num(a.lambda_max)]);
    out.push(&["consistency_index", "", "", &num(a.consistency_index)]);
    if let Some(cr) = a.consistency_ratio {
        out.push(&["consistency_ratio", "", "", &num(cr)]);
    }
    out.push(&["random_index_table", "", "", v.input.random_index.name]);
    for j in &a.most_inconsistent {
        out.push(&[
            "inconsistent",
            criteria[j.i].id(),
            criteria[j.j].id(),
            &num(j.error),
        ]);
    }
    out.0
}
