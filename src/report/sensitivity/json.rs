//! JSON output of `sensitivity` and `weights ahp`. Candidates are referred to by their id
//! (`ssc-saas-community`), criteria by theirs (`privacy`); numbers are rounded to 6 decimals;
//! shares and weights are fractions (0–1). The shape is documented in the README.

use serde_json::{Map, Value, json};

use super::{AhpView, SensitivityView, r6};
use crate::core::analysis::{GroupSection, Robustness};
use crate::core::catalogue::CandidateKey;
use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::CR_WARNING_THRESHOLD;
use crate::core::mcda::group::SPREAD_FLAG_THRESHOLD;
use crate::core::mcda::sensitivity::CLOSE_CALL_GAP;

fn per_criterion(criteria: &[Criterion], values: &[f64]) -> Value {
    Value::Object(
        criteria
            .iter()
            .zip(values)
            .map(|(c, &x)| (c.id().to_string(), json!(r6(x))))
            .collect::<Map<_, _>>(),
    )
}

fn id(key: CandidateKey) -> Value {
    Value::String(key.id())
}

/// The sensitivity analysis as pretty JSON.
pub fn sensitivity(v: &SensitivityView<'_>) -> String {
    let a = v.analysis;
    let p = v.profile;
    let candidates: Vec<Value> = a
        .candidates
        .iter()
        .map(|&k| json!({ "id": k.id(), "name": v.catalogue.candidate_name(k, v.lang) }))
        .collect();
    let out = json!({
        "lang": v.lang.code(),
        "profile": {
            "title": p.title,
            "name": p.subject.name(),
            "kind": if p.subject.is_group() { "group" } else { "municipality" },
        },
        "sampling": { "samples": a.sampling.samples, "seed": a.sampling.seed },
        "criteria": a.criteria.iter().map(|c| c.id()).collect::<Vec<_>>(),
        "weights": per_criterion(&a.criteria, &a.weights),
        "candidates": candidates,
        "excluded": a.evaluation.excluded.iter().map(|x| x.key.id()).collect::<Vec<_>>(),
        "robustness": a.robustness.as_ref().map(|r| robustness(v, r)),
        "group": a.group.as_ref().map(group),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

fn robustness(v: &SensitivityView<'_>, r: &Robustness) -> Value {
    let a = v.analysis;
    let row = |i: usize| id(a.candidate(i));
    let e = &r.explanation;
    let o = &r.one_way;
    let m = &r.smaa;
    let c = &r.methods;
    json!({
        "contributions": e.candidates.iter().map(|b| json!({
            "candidate": row(b.candidate),
            "rank": b.rank,
            "total": r6(b.total),
            "contributions": per_criterion(&a.criteria, &b.contributions),
        })).collect::<Vec<_>>(),
        "lead": {
            "leader": row(e.leader),
            "runner_up": e.runner_up.map(row),
            "gap": e.gap.map(r6),
            "close_call": e.close_call,
            "close_call_below": CLOSE_CALL_GAP,
        },
        "stability": o.criteria.iter().map(|s| json!({
            "criterion": a.criteria[s.criterion].id(),
            "weight": r6(s.current_weight),
            "lower": r6(s.lower),
            "upper": r6(s.upper),
            "takeover_below": s.takeover_below.map(row),
            "takeover_above": s.takeover_above.map(row),
        })).collect::<Vec<_>>(),
        "smallest_flip": o.smallest_flip.as_ref().map(|f| json!({
            "criterion": a.criteria[f.criterion].id(),
            "from_weight": r6(f.from_weight),
            "to_weight": r6(f.to_weight),
            "change": r6(f.change),
            "new_leader": row(f.new_leader),
        })),
        "smaa": {
            "space": "simplex",
            "samples": m.samples,
            "seed": m.seed,
            "candidates": (0..a.candidates.len()).map(|i| json!({
                "candidate": row(i),
                "rank_acceptability": m.rank_acceptability[i].iter().map(|&x| r6(x)).collect::<Vec<_>>(),
                "first_rank": r6(m.first_rank_acceptability[i]),
                "holistic": r6(m.holistic_acceptability[i]),
                "central_weights": m.central_weights[i].as_ref().map(|w| per_criterion(&a.criteria, w)),
            })).collect::<Vec<_>>(),
        },
        "topsis": {
            "candidates": (0..a.candidates.len()).map(|i| json!({
                "candidate": row(i),
                "weighted_sum": r6(c.weighted_sum[i]),
                "weighted_sum_rank": c.weighted_sum_ranks[i],
                "closeness": r6(c.topsis_closeness[i]),
                "topsis_rank": c.topsis_ranks[i],
            })).collect::<Vec<_>>(),
            "agree": c.agree(),
            "same_winner": c.same_winner,
            "disagreements": c.disagreements.iter().map(|&i| row(i)).collect::<Vec<_>>(),
        },
    })
}

fn group(g: &GroupSection) -> Value {
    let e = &g.evaluation;
    json!({
        "name": e.name,
        "criteria": e.criteria.iter().map(|c| c.id()).collect::<Vec<_>>(),
        "members": e.members.iter().map(|m| json!({
            "name": m.name,
            "own_weights": m.own_weights,
            "own_constraints": m.own_constraints,
            "weights": per_criterion(&e.criteria, &m.weights),
            "ranking": m.evaluation.ranking.iter().map(|r| json!({
                "rank": r.rank, "tied": r.tied, "candidate": id(r.key), "total": r6(r.total),
            })).collect::<Vec<_>>(),
            "excluded": m.evaluation.excluded.iter().map(|x| id(x.key)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "aggregated_weights": per_criterion(&e.criteria, &e.weights.weights),
        "aggregation": "arithmetic_mean",
        "spreads": e.analysis.spreads.iter().map(|s| json!({
            "criterion": e.criteria[s.criterion].id(),
            "min": r6(s.min), "max": r6(s.max), "range": r6(s.range),
            "std_dev": r6(s.std_dev), "disputed": s.disputed,
        })).collect::<Vec<_>>(),
        "disputed_above": SPREAD_FLAG_THRESHOLD,
        "consensus": {
            "kendall_w": r6(e.analysis.consensus.kendall_w),
            "weight_agreement": r6(e.analysis.consensus.weight_agreement),
        },
        "ranking": e.ranking.iter().map(|r| json!({
            "rank": r.rank,
            "tied": r.tied,
            "candidate": id(r.key),
            "total": r6(r.total),
            "member_ranks": e.members.iter().map(|m| m.evaluation.ranked(r.key).map(|x| x.rank)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "admissible_for_all": e.ranking.iter().map(|r| id(r.key)).collect::<Vec<_>>(),
        "smaa_in_ranges": g.smaa_in_ranges.as_ref().map(|rs| json!({
            "ranges": e.criteria.iter().zip(&rs.ranges).map(|(c, r)| (c.id().to_string(), json!([r6(r.lo), r6(r.hi)]))).collect::<Map<_, _>>(),
            "first_rank": rs.result.as_ref().ok().map(|m| rs.candidates.iter().zip(&m.first_rank_acceptability).map(|(&k, &x)| json!({
                "candidate": id(k), "share": r6(x),
            })).collect::<Vec<_>>()),
            "samples": rs.result.as_ref().ok().map(|m| m.samples),
            "error": rs.result.as_ref().err().map(ToString::to_string),
        })),
    })
}

/// The AHP analysis as pretty JSON.
pub fn ahp(v: &AhpView<'_>) -> String {
    let a = v.analysis;
    let criteria = &v.input.criteria;
    let table = v.input.random_index;
    let out = json!({
        "criteria": criteria.iter().map(|c| c.id()).collect::<Vec<_>>(),
        "judgements": v.input.matrix.to_rows(),
        "eigenvector_weights": per_criterion(criteria, &a.eigenvector_weights),
        "geometric_mean_weights": per_criterion(criteria, &a.geometric_mean_weights),
        "lambda_max": r6(a.lambda_max),
        "consistency_index": r6(a.consistency_index),
        "random_index": { "table": table.name, "source": table.source, "value": a.random_index },
        "consistency_ratio": a.consistency_ratio.map(r6),
        "inconsistent": a.inconsistent,
        "warning_above": CR_WARNING_THRESHOLD,
        "most_inconsistent": a.most_inconsistent.iter().map(|j| json!({
            "criteria": [criteria[j.i].id(), criteria[j.j].id()],
            "given": r6(j.given),
            "implied": r6(j.implied),
            "error": r6(j.error),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
