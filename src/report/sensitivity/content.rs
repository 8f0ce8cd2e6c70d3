//! What the sensitivity and AHP reports say, as a [`Document`] shared by the table and
//! Markdown formats. Every number goes through `report::number` in the report's language;
//! only the TOML snippet to paste into a profile keeps TOML's decimal point.

use super::{AhpView, SensitivityView, criterion_name, judgement};
use crate::core::analysis::{GroupSection, Robustness};
use crate::core::catalogue::CandidateKey;
use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::CR_WARNING_THRESHOLD;
use crate::core::mcda::group::SPREAD_FLAG_THRESHOLD;
use crate::core::mcda::sensitivity::CLOSE_CALL_GAP;
use crate::i18n::{AnalysisStrings, analysis_strings, fill, strings};
use crate::report::doc::Document;
use crate::report::number;

/// The document being built; its methods return nothing, so they can end a `match` arm.
struct Doc(Document);

impl Doc {
    fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.0.heading(level, text);
    }

    fn para(&mut self, text: impl Into<String>) {
        self.0.para(text);
    }

    fn list(&mut self, items: Vec<String>) {
        self.0.list(items);
    }

    fn grid(&mut self, head: Vec<String>, right: Vec<bool>, rows: Vec<Vec<String>>) {
        self.0.grid(head, right, rows);
    }

    fn pre(&mut self, lines: Vec<String>) {
        self.0.pre(lines);
    }
}

/// Candidates shown in the stacked-contribution table and bars.
pub const TOP_CONTRIBUTIONS: usize = 5;
/// Rank columns shown in the acceptability table.
pub const RANK_COLUMNS: usize = 5;
/// Characters per point (0–10) in a stacked bar.
const BAR_SCALE: f64 = 5.0;

/// The sensitivity report.
pub fn sensitivity_doc(v: &SensitivityView<'_>) -> Document {
    let a = v.analysis;
    let t = strings(v.lang);
    let s = analysis_strings(v.lang);
    let lang = v.lang;
    let title = format!("{}: {}", s.sensitivity_title, v.profile.title);
    let mut doc = Doc(Document::new(title.clone(), lang));
    doc.heading(1, title);
    doc.para(fill(
        s.in_play,
        &[
            ("admissible", &a.candidates.len().to_string()),
            ("all", &v.catalogue.candidates.len().to_string()),
            ("criteria", &a.criteria.len().to_string()),
        ],
    ));
    doc.grid(
        vec![t.criterion.into(), t.weight.into()],
        vec![false, true],
        a.criteria
            .iter()
            .zip(&a.weights)
            .map(|(&c, &w)| vec![criterion_name(c, v.lang), number::weight(w, lang)])
            .collect(),
    );
    if a.group.is_some() {
        doc.para(s.plenary_weights);
    }
    match &a.robustness {
        Some(r) => robustness(&mut doc, v, r, s),
        None => doc.para(s.nothing_to_analyse),
    }
    if let Some(g) = &a.group {
        group(&mut doc, v, g, s);
    }
    doc.0
}

fn name(v: &SensitivityView<'_>, key: CandidateKey) -> String {
    v.catalogue.candidate_name(key, v.lang)
}

/// One digit per criterion (1-based), `BAR_SCALE` characters per point; segment ends are
/// rounded on the running total, so the bar's length is the rounded total.
fn bar(contributions: &[f64]) -> String {
    let mut out = String::new();
    let mut cumulative = 0.0;
    let mut drawn = 0usize;
    for (j, c) in contributions.iter().enumerate() {
        cumulative += c;
        let end = (cumulative * BAR_SCALE).round() as usize;
        let digit = char::from_digit((j + 1) as u32 % 10, 10).unwrap_or('#');
        out.extend(std::iter::repeat_n(digit, end.saturating_sub(drawn)));
        drawn = drawn.max(end);
    }
    out
}

fn robustness(doc: &mut Doc, v: &SensitivityView<'_>, r: &Robustness, s: &AnalysisStrings) {
    let a = v.analysis;
    let t = strings(v.lang);
    let lang = v.lang;

    // What makes the total.
    let top = TOP_CONTRIBUTIONS.min(a.candidates.len());
    doc.heading(2, s.contributions);
    doc.para(fill(s.contributions_intro, &[("n", &top.to_string())]));
    let mut head = vec![
        t.rank.to_string(),
        t.candidate.to_string(),
        t.total.to_string(),
    ];
    head.extend(a.criteria.iter().map(|&c| criterion_name(c, lang)));
    let mut right = vec![true, false, true];
    right.extend(a.criteria.iter().map(|_| true));
    let breakdowns = &r.explanation.candidates[..top];
    doc.grid(
        head,
        right,
        breakdowns
            .iter()
            .map(|b| {
                let mut row = vec![
                    b.rank.to_string(),
                    name(v, a.candidate(b.candidate)),
                    number::score(b.total, lang),
                ];
                row.extend(b.contributions.iter().map(|&x| number::score(x, lang)));
                row
            })
            .collect(),
    );
    let legend: Vec<String> = a
        .criteria
        .iter()
        .enumerate()
        .map(|(j, &c)| format!("{} {}", j + 1, criterion_name(c, lang)))
        .collect();
    let width = breakdowns
        .iter()
        .map(|b| name(v, a.candidate(b.candidate)).chars().count())
        .max()
        .unwrap_or(0);
    let mut lines = vec![format!("{}: {}", s.legend, legend.join("  "))];
    lines.extend(breakdowns.iter().map(|b| {
        format!(
            "{}  {:>5}  |{}|",
            crate::report::doc::text::pad(&name(v, a.candidate(b.candidate)), width, false),
            number::score(b.total, lang),
            bar(&b.contributions)
        )
    }));
    doc.pre(lines);
    let e = &r.explanation;
    match e.gap {
        Some(gap) => doc.para(fill(
            if e.close_call {
                s.gap_close
            } else {
                s.gap_clear
            },
            &[
                ("gap", &number::score(gap, lang)),
                ("threshold", &number::score(CLOSE_CALL_GAP, lang)),
            ],
        )),
        None => doc.para(s.no_runner_up),
    }

    // One-way sensitivity.
    let o = &r.one_way;
    let leader = name(v, a.candidate(o.leader));
    doc.heading(2, s.one_way);
    doc.para(fill(s.one_way_intro, &[("leader", &leader)]));
    let who = |x: Option<usize>| x.map_or_else(|| "—".to_string(), |i| name(v, a.candidate(i)));
    doc.grid(
        vec![
            t.criterion.into(),
            t.weight.into(),
            s.stays_first_from.into(),
            s.stays_first_to.into(),
            s.takes_over_below.into(),
            s.takes_over_above.into(),
        ],
        vec![false, true, true, true, false, false],
        o.criteria
            .iter()
            .map(|c| {
                vec![
                    criterion_name(a.criteria[c.criterion], lang),
                    number::weight(c.current_weight, lang),
                    number::weight(c.lower, lang),
                    number::weight(c.upper, lang),
                    who(c.takeover_below),
                    who(c.takeover_above),
                ]
            })
            .collect(),
    );
    match &o.smallest_flip {
        Some(f) => doc.para(fill(
            s.smallest_flip,
            &[
                ("criterion", &criterion_name(a.criteria[f.criterion], lang)),
                ("from", &number::weight(f.from_weight, lang)),
                ("to", &number::weight(f.to_weight, lang)),
                ("change", &number::decimal(f.change * 100.0, 1, lang)),
                ("new", &name(v, a.candidate(f.new_leader))),
            ],
        )),
        None => doc.para(s.no_flip),
    }

    // SMAA-2.
    let m = &r.smaa;
    doc.heading(2, s.smaa);
    doc.para(fill(
        s.smaa_intro,
        &[
            ("samples", &number::integer(m.samples as u64, lang)),
            ("seed", &m.seed.to_string()),
        ],
    ));
    let leaders = m.leaders();
    let (first, first_share) = leaders[0];
    doc.para(fill(
        s.leads_in,
        &[
            ("candidate", &name(v, a.candidate(first))),
            ("share", &number::weight(first_share, lang)),
        ],
    ));
    let others: Vec<String> = leaders[1..]
        .iter()
        .filter(|(_, x)| *x > 0.0)
        .map(|&(i, x)| format!("{} {}", name(v, a.candidate(i)), number::weight(x, lang)))
        .collect();
    if !others.is_empty() {
        doc.para(format!("{}: {}.", s.also_first, others.join("; ")));
    }
    if let Some(Some(central)) = m.central_weights.get(first) {
        let weights: Vec<String> = a
            .criteria
            .iter()
            .zip(central)
            .map(|(&c, &w)| format!("{} {}", criterion_name(c, lang), number::weight(w, lang)))
            .collect();
        doc.para(format!(
            "{}: {}.",
            fill(
                s.central_weights,
                &[("candidate", &name(v, a.candidate(first)))]
            ),
            weights.join(", ")
        ));
    }
    let ranks = RANK_COLUMNS.min(a.candidates.len());
    let mut head = vec![t.candidate.to_string()];
    head.extend((1..=ranks).map(|n| fill(s.rank_n, &[("n", &n.to_string())])));
    head.push(s.holistic.into());
    let mut right = vec![false];
    right.extend((0..=ranks).map(|_| true));
    doc.grid(
        head,
        right,
        (0..a.candidates.len())
            .map(|i| {
                let mut row = vec![name(v, a.candidate(i))];
                row.extend(
                    m.rank_acceptability[i][..ranks]
                        .iter()
                        .map(|&x| number::weight(x, lang)),
                );
                row.push(number::weight(m.holistic_acceptability[i], lang));
                row
            })
            .collect(),
    );

    // TOPSIS beside the weighted sum.
    let c = &r.methods;
    doc.heading(2, s.topsis);
    doc.para(s.topsis_intro);
    doc.grid(
        vec![
            t.candidate.into(),
            s.weighted_sum.into(),
            t.rank.into(),
            s.closeness.into(),
            t.rank.into(),
        ],
        vec![false, true, true, true, true],
        (0..a.candidates.len())
            .map(|i| {
                let mark = if c.disagreements.contains(&i) {
                    " *"
                } else {
                    ""
                };
                vec![
                    name(v, a.candidate(i)),
                    number::score(c.weighted_sum[i], lang),
                    c.weighted_sum_ranks[i].to_string(),
                    number::decimal(c.topsis_closeness[i], 3, lang),
                    format!("{}{mark}", c.topsis_ranks[i]),
                ]
            })
            .collect(),
    );
    let count = c.disagreements.len().to_string();
    if c.agree() {
        doc.para(s.methods_agree);
    } else if c.same_winner {
        doc.para(fill(s.methods_differ_same_winner, &[("count", &count)]));
    } else {
        let winners: Vec<String> = (0..a.candidates.len())
            .filter(|&i| c.topsis_ranks[i] == 1)
            .map(|i| name(v, a.candidate(i)))
            .collect();
        doc.para(fill(
            s.methods_differ_other_winner,
            &[("count", &count), ("candidate", &winners.join(" / "))],
        ));
    }
}

fn group(doc: &mut Doc, v: &SensitivityView<'_>, g: &GroupSection, s: &AnalysisStrings) {
    let t = strings(v.lang);
    let lang = v.lang;
    let e = &g.evaluation;
    let points = |x: f64| number::decimal(x * 100.0, 1, lang);
    doc.heading(2, fill(s.group_title, &[("name", &e.name)]));
    doc.para(fill(
        s.group_intro,
        &[("threshold", &points(SPREAD_FLAG_THRESHOLD))],
    ));

    // Weights side by side.
    let mut head = vec![t.criterion.to_string()];
    head.extend(e.members.iter().map(|m| {
        if m.own_weights {
            m.name.clone()
        } else {
            format!("{} *", m.name)
        }
    }));
    head.extend([
        s.group_mean.to_string(),
        format!("{} ({})", s.range, s.points),
        String::new(),
    ]);
    let mut right = vec![false];
    right.extend(e.members.iter().map(|_| true));
    right.extend([true, true, false]);
    doc.grid(
        head,
        right,
        e.criteria
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let spread = &e.analysis.spreads[j];
                let mut row = vec![criterion_name(c, lang)];
                row.extend(e.members.iter().map(|m| number::weight(m.weights[j], lang)));
                row.push(number::weight(e.weights.weights[j], lang));
                row.push(points(spread.range));
                row.push(if spread.disputed {
                    s.disputed.to_string()
                } else {
                    String::new()
                });
                row
            })
            .collect(),
    );
    if e.members.iter().any(|m| !m.own_weights) {
        doc.para(s.uses_group_weights);
    }
    let disputed = e.disputed();
    if disputed.is_empty() {
        doc.para(s.none_disputed);
    } else {
        let names: Vec<String> = disputed.iter().map(|&c| criterion_name(c, lang)).collect();
        doc.para(fill(s.disputed_list, &[("criteria", &names.join(", "))]));
    }
    let consensus = &e.analysis.consensus;
    doc.para(fill(
        s.consensus,
        &[
            ("w", &number::decimal(consensus.kendall_w, 2, lang)),
            (
                "agreement",
                &number::decimal(consensus.weight_agreement, 2, lang),
            ),
        ],
    ));

    // Each member's own top 3.
    doc.heading(3, s.member_tops);
    doc.grid(
        vec![
            s.member.into(),
            "1".into(),
            "2".into(),
            "3".into(),
            String::new(),
        ],
        vec![false, false, false, false, false],
        e.members
            .iter()
            .map(|m| {
                let mut row = vec![m.name.clone()];
                let ranking = &m.evaluation.ranking;
                for k in 0..3 {
                    row.push(ranking.get(k).map_or_else(
                        || "—".to_string(),
                        |r| format!("{} ({})", name(v, r.key), number::score(r.total, lang)),
                    ));
                }
                row.push(if m.own_constraints {
                    s.own_constraints.to_string()
                } else {
                    String::new()
                });
                row
            })
            .collect(),
    );

    // The group ranking with each member's own rank beside it.
    doc.heading(3, s.group_ranking);
    doc.para(s.group_ranking_intro);
    if e.ranking.is_empty() {
        doc.para(s.none_admissible_for_all);
    } else {
        let mut head = vec![
            t.rank.to_string(),
            t.candidate.to_string(),
            t.total.to_string(),
        ];
        head.extend(e.members.iter().map(|m| m.name.clone()));
        let mut right = vec![true, false, true];
        right.extend(e.members.iter().map(|_| true));
        doc.grid(
            head,
            right,
            e.ranking
                .iter()
                .map(|r| {
                    let mut row = vec![
                        crate::core::text::rank_compact(r.rank, r.tied),
                        name(v, r.key),
                        number::score(r.total, lang),
                    ];
                    row.extend(e.members.iter().map(|m| {
                        m.evaluation
                            .ranked(r.key)
                            .map_or_else(|| "—".to_string(), |x| x.label())
                    }));
                    row
                })
                .collect(),
        );
    }
    doc.para(fill(
        s.admissible_for_all,
        &[
            ("count", &e.ranking.len().to_string()),
            ("all", &e.candidates.len().to_string()),
        ],
    ));
    let excluded: Vec<String> = e
        .candidates
        .iter()
        .filter(|&&k| !e.ranking.iter().any(|r| r.key == k))
        .map(|&k| {
            let by: Vec<&str> = e
                .excluded_by(k)
                .into_iter()
                .map(|i| e.members[i].name.as_str())
                .collect();
            format!(
                "{}: {} {}",
                name(v, k),
                s.excluded_by.to_lowercase(),
                by.join(", ")
            )
        })
        .collect();
    if !excluded.is_empty() {
        doc.list(excluded);
    }

    if let Some(rs) = &g.smaa_in_ranges {
        match &rs.result {
            Ok(m) => {
                let leaders: Vec<String> = m
                    .leaders()
                    .into_iter()
                    .filter(|(_, x)| *x > 0.0)
                    .take(4)
                    .map(|(i, x)| {
                        format!("{} {}", name(v, rs.candidates[i]), number::weight(x, lang))
                    })
                    .collect();
                doc.para(fill(
                    s.smaa_ranges,
                    &[
                        ("samples", &number::integer(m.samples as u64, lang)),
                        ("seed", &m.seed.to_string()),
                        ("leaders", &leaders.join("; ")),
                    ],
                ));
            }
            Err(err) => doc.para(fill(s.smaa_ranges_failed, &[("reason", &err.to_string())])),
        }
    }
}

/// The AHP report.
pub fn ahp_doc(v: &AhpView<'_>) -> Document {
    let s = analysis_strings(v.lang);
    let t = strings(v.lang);
    let lang = v.lang;
    let a = v.analysis;
    let criteria = &v.input.criteria;
    let n = criteria.len();
    let title = fill(s.ahp_title, &[("n", &n.to_string())]);
    let mut doc = Doc(Document::new(title.clone(), lang));
    doc.heading(1, title);

    doc.heading(2, s.judgements);
    let mut head = vec![t.criterion.to_string()];
    head.extend(criteria.iter().map(|&c| criterion_name(c, lang)));
    let mut right = vec![false];
    right.extend(criteria.iter().map(|_| true));
    doc.grid(
        head,
        right,
        (0..n)
            .map(|i| {
                let mut row = vec![criterion_name(criteria[i], lang)];
                row.extend((0..n).map(|j| judgement(v.input.matrix.get(i, j), lang)));
                row
            })
            .collect(),
    );

    doc.heading(2, t.weights);
    doc.grid(
        vec![
            t.criterion.into(),
            s.eigenvector.into(),
            s.geometric_mean.into(),
        ],
        vec![false, true, true],
        (0..n)
            .map(|i| {
                vec![
                    criterion_name(criteria[i], lang),
                    number::weight(a.eigenvector_weights[i], lang),
                    number::weight(a.geometric_mean_weights[i], lang),
                ]
            })
            .collect(),
    );
    let table = v.input.random_index;
    let lambda = number::decimal(a.lambda_max, 4, lang);
    let ci = number::decimal(a.consistency_index, 4, lang);
    match (n, a.random_index, a.consistency_ratio) {
        (..=2, _, _) => doc.para(s.always_consistent),
        (_, Some(ri), Some(cr)) => doc.para(fill(
            s.consistency,
            &[
                ("lambda", &lambda),
                ("ci", &ci),
                ("cr", &number::decimal(cr, 3, lang)),
                ("n", &n.to_string()),
                ("ri", &number::decimal(ri, 2, lang)),
                ("table", table.name),
                ("source", table.source),
            ],
        )),
        _ => doc.para(fill(
            s.random_index_unknown,
            &[
                ("lambda", &lambda),
                ("ci", &ci),
                ("table", table.name),
                ("n", &n.to_string()),
            ],
        )),
    }
    let threshold = number::decimal(CR_WARNING_THRESHOLD, 2, lang);
    if a.inconsistent {
        let cr = a.consistency_ratio.unwrap_or(f64::NAN);
        doc.para(fill(
            s.inconsistent_warning,
            &[
                ("cr", &number::decimal(cr, 3, lang)),
                ("threshold", &threshold),
            ],
        ));
        doc.list(
            a.most_inconsistent
                .iter()
                .map(|j| {
                    fill(
                        s.inconsistent_pair,
                        &[
                            ("a", &criterion_name(criteria[j.i], lang)),
                            ("b", &criterion_name(criteria[j.j], lang)),
                            ("given", &judgement(j.given, lang)),
                            ("implied", &number::decimal(j.implied, 2, lang)),
                        ],
                    )
                })
                .collect(),
        );
    } else if n > 2 && a.consistency_ratio.is_some() {
        doc.para(fill(s.consistent, &[("threshold", &threshold)]));
    }
    doc.para(s.paste_weights);
    // In canonical order; a core criterion that was not compared gets 0, so the snippet is a
    // valid [weights] table as it stands.
    let mut lines = vec!["[weights]".to_string()];
    for &c in Criterion::ALL {
        match criteria.iter().position(|&x| x == c) {
            Some(i) => lines.push(format!(
                "{} = {:.1}",
                c.id(),
                a.eigenvector_weights[i] * 100.0
            )),
            None if c.is_core() => lines.push(format!("{} = 0", c.id())),
            None => {}
        }
    }
    doc.pre(lines);
    doc.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_long_as_the_rounded_total() {
        let b = bar(&[2.25, 1.6, 0.525, 1.05, 1.3125, 0.15]);
        assert_eq!(b.chars().count(), (6.8875_f64 * BAR_SCALE).round() as usize);
        assert!(b.starts_with("11111111111222222223"), "{b}");
        // 0.15 points is less than one character once rounded on the running total.
        assert!(!b.contains('6') && b.ends_with('5'), "{b}");
        assert_eq!(bar(&[0.0, 0.0]), "");
    }
}
