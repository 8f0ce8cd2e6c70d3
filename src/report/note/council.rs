//! The front matter of the decision note as a Dutch council document (raadsvoorstel /
//! collegevoorstel): beslispunten, samenvatting, aanleiding, beoogd effect, argumenten,
//! kanttekeningen en risico's, financiële consequenties and vervolg — each built from the
//! [`Note`]'s results (the recommendation and runner-up with the gap and the robustness, the
//! landscape, the business case, the data rules and the open obstacles), so a clerk can lift
//! the beslispunten and the summary into the municipality's own template unchanged. The
//! chapters point to the annexes by number.
//!
//! The chapters are a list ([`CHAPTERS`]): each a function from the note to blocks.

use super::document::{Annex, return_year};
use super::{BandNote, Note, ScenarioNote};
use crate::core::text::Lang;
use crate::i18n::{CouncilStrings, council, fill};
use crate::report::doc::{Block, Column, Inline, Runs, Table, anchored, para, plain};
use crate::report::number;

/// What a chapter function sees: the note and the annex numbers.
pub struct Context<'a> {
    pub note: &'a Note,
    pub lang: Lang,
    pub t: &'static CouncilStrings,
    annexes: Vec<&'static str>,
}

impl Context<'_> {
    /// "bijlage 3" for an annex anchor; the sources annex (always present) when an anchor is
    /// not among this note's annexes.
    fn annex(&self, anchor: &str) -> String {
        let n = self
            .annexes
            .iter()
            .position(|a| *a == anchor)
            .unwrap_or(self.annexes.len().saturating_sub(1))
            + 1;
        fill(self.t.see_annex, &[("n", &n.to_string())])
    }
}

/// A front-matter chapter: its anchor, its title and its content.
type Chapter = (
    &'static str,
    fn(&CouncilStrings) -> &'static str,
    fn(&Context<'_>) -> Vec<Block>,
);

/// The chapters of the front matter, in the order of a raadsvoorstel.
pub const CHAPTERS: [Chapter; 8] = [
    ("beslispunten", |t| t.decisions, decisions),
    ("samenvatting", |t| t.summary, summary),
    ("aanleiding", |t| t.occasion, occasion),
    ("beoogd-effect", |t| t.effect, effect),
    ("argumenten", |t| t.arguments, arguments),
    ("kanttekeningen", |t| t.caveats, caveats),
    ("financien", |t| t.finance, finance),
    ("vervolg", |t| t.next_steps, next_steps),
];

/// The front matter: each chapter's heading and content.
pub fn front_matter(note: &Note, annexes: &[Annex]) -> Vec<Block> {
    let lang = note.language();
    let cx = Context {
        note,
        lang,
        t: council(lang),
        annexes: annexes.iter().map(|a| a.anchor).collect(),
    };
    let mut out = vec![];
    for (anchor, title, content) in CHAPTERS {
        out.push(anchored(2, title(cx.t), anchor));
        out.extend(content(&cx));
    }
    out
}

/// Only the beslispunten and the summary, as a clerk lifts them (and the golden tests check).
pub fn decisions_and_summary(note: &Note, annexes: &[Annex]) -> Vec<Block> {
    front_matter(note, annexes)
        .into_iter()
        .take_while(|b| !matches!(b, Block::Heading { id: Some(id), .. } if id == "aanleiding"))
        .collect()
}

/// "A, B en C".
fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// The scenario the front matter speaks of: the first one shown (the leading candidate's).
fn first_scenario(note: &Note) -> Option<&ScenarioNote> {
    note.business_case.as_ref()?.scenarios.first()
}

fn band<'a>(s: &'a ScenarioNote, id: &str) -> Option<&'a BandNote> {
    s.bands.iter().find(|b| b.band == id)
}

/// The open obstacles (not historical) of the collaboration form.
fn open_obstacles(note: &Note) -> usize {
    note.collaboration
        .obstacles
        .iter()
        .filter(|o| o.historical.is_none())
        .count()
}

/// Workloads placed with the leader, elsewhere, and not at all.
fn landscape_counts(note: &Note) -> (usize, usize, usize) {
    let leader = note.ranking.first().map(|r| r.candidate.id.as_str());
    let mut same = 0;
    let mut other = 0;
    let mut none = 0;
    for w in &note.landscape.workloads {
        match &w.placement {
            Some(p) if Some(p.id.as_str()) == leader => same += 1,
            Some(_) => other += 1,
            None => none += 1,
        }
    }
    (same, other, none)
}

/// " The preferred direction has no scenario …" when the scenario is another candidate's; empty
/// otherwise.
fn not_the_leader(cx: &Context<'_>, s: &ScenarioNote) -> String {
    match cx.note.ranking.first() {
        Some(leader) if leader.candidate.id != s.candidate.id => format!(
            " {}",
            fill(cx.t.not_the_leader, &[("candidate", &s.candidate.name)])
        ),
        _ => String::new(),
    }
}

/// The gap in points: two decimals, or three when two would show it equal to the close-call
/// threshold it is below (0,245 is not "0,25").
fn gap_text(gap: f64, threshold: f64, lang: Lang) -> String {
    if gap < threshold && number::score(gap, lang) == number::score(threshold, lang) {
        number::decimal(gap, 3, lang)
    } else {
        number::score(gap, lang)
    }
}

/// `{who}`, `{finds}`, `{Who}`, `{stays}` and `{their}` for one municipality or a group.
fn who(cx: &Context<'_>) -> [(&'static str, &'static str); 5] {
    let w = if cx.note.subject.kind == "group" {
        cx.t.who_group
    } else {
        cx.t.who_single
    };
    [
        ("who", w[0]),
        ("finds", w[1]),
        ("Who", w[2]),
        ("stays", w[3]),
        ("their", w[4]),
    ]
}

/// A template filled with `values` and the words for who weighed.
fn fill_who(cx: &Context<'_>, template: &str, values: &[(&str, &str)]) -> String {
    let mut all: Vec<(&str, &str)> = values.to_vec();
    all.extend(who(cx));
    fill(template, &all)
}

fn points(cx: &Context<'_>, x: f64) -> &'static str {
    if (x - 1.0).abs() < 1e-9 {
        cx.t.point
    } else {
        cx.t.points
    }
}

fn decisions(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let mut items: Vec<Runs> = vec![];
    match note.ranking.first() {
        Some(leader) => items.push(plain(fill(
            t.decide_direction,
            &[
                ("candidate", &leader.candidate.name),
                ("subject", &note.subject.name),
            ],
        ))),
        None => items.push(plain(fill(
            t.decide_none,
            &[("annex", &cx.annex("uitgesloten"))],
        ))),
    }
    if !note.landscape.workloads.is_empty() && !note.ranking.is_empty() {
        let (same, other, none) = landscape_counts(note);
        items.push(plain(fill(
            t.decide_landscape,
            &[
                ("annex", &cx.annex("landschap")),
                (
                    "n",
                    &number::integer(note.landscape.workloads.len() as u64, lang),
                ),
                ("same", &number::integer(same as u64, lang)),
                ("other", &number::integer(other as u64, lang)),
                ("none", &number::integer(none as u64, lang)),
            ],
        )));
    }
    if let (Some(bc), Some(s)) = (&note.business_case, first_scenario(note)) {
        let expected = band(s, "expected");
        items.push(plain(
            fill(
                t.decide_business_case,
                &[
                    ("label", &s.label),
                    ("annex", &cx.annex("businesscase")),
                    (
                        "year",
                        &return_year(expected.and_then(|b| b.return_year), lang),
                    ),
                    (
                        "balance",
                        &number::money(
                            expected
                                .and_then(|b| b.cumulative_cash_flow.last().copied())
                                .unwrap_or_default(),
                            lang,
                        ),
                    ),
                    ("horizon", &bc.horizon.to_string()),
                ],
            ) + &not_the_leader(cx, s),
        ));
    }
    let open = open_obstacles(note);
    if let (Some(form), true) = (&note.collaboration.form_name, open > 0) {
        items.push(plain(fill(
            t.decide_obstacles,
            &[
                ("n", &number::integer(open as u64, lang)),
                ("form", form),
                ("annex", &cx.annex("samenwerking")),
            ],
        )));
    }
    if !note.ranking.is_empty() {
        let anchor = if note.landscape.rules.is_empty() {
            "samenwerking"
        } else {
            "landschap"
        };
        items.push(plain(fill(
            t.decide_elaborate,
            &[("annex", &cx.annex(anchor))],
        )));
    }
    vec![Block::List {
        ordered: true,
        items,
    }]
}

fn summary(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let candidates = note.ranking.len() + note.excluded.len();
    let mut sentences: Vec<String> = vec![];
    let Some(leader) = note.ranking.first() else {
        return vec![para(fill(
            t.summary_none,
            &[("candidates", &number::integer(candidates as u64, lang))],
        ))];
    };
    sentences.push(fill_who(
        cx,
        t.summary_ranking,
        &[
            ("candidates", &number::integer(candidates as u64, lang)),
            (
                "criteria",
                &number::integer(note.weights.len() as u64, lang),
            ),
            ("leader", &leader.candidate.name),
            ("total", &number::score(leader.total, lang)),
        ],
    ));
    match note.ranking.get(1) {
        Some(runner) if runner.rank == leader.rank => {
            sentences.push(fill(t.summary_tied, &[("runner", &runner.candidate.name)]));
        }
        Some(runner) => {
            let gap = leader.total - runner.total;
            sentences.push(fill(
                t.summary_runner_up,
                &[
                    ("runner", &runner.candidate.name),
                    ("total", &number::score(runner.total, lang)),
                    (
                        "gap",
                        &gap_text(
                            gap,
                            note.robustness.as_ref().map_or(0.0, |r| r.close_call_gap),
                            lang,
                        ),
                    ),
                    ("points", points(cx, gap)),
                ],
            ));
        }
        None => sentences.push(t.summary_alone.to_string()),
    }
    if let Some(r) = &note.robustness {
        sentences.extend(robustness(cx, r));
    }
    if !note.excluded.is_empty() {
        // "valt 1 … af" / "vallen 3 … af": the verb agrees with the number.
        let sentence = if note.excluded.len() == 1 {
            t.summary_excluded_one
        } else {
            t.summary_excluded
        };
        sentences.push(fill(
            sentence,
            &[
                ("n", &number::integer(note.excluded.len() as u64, lang)),
                ("candidates", &number::integer(candidates as u64, lang)),
                ("annex", &cx.annex("uitgesloten")),
            ],
        ));
    }
    let mut out = vec![para(sentences.join(" "))];
    let mut more: Vec<String> = vec![];
    if let Some(s) = first_scenario(note) {
        more.push(
            fill(
                t.summary_business_case,
                &[
                    ("label", &s.label),
                    (
                        "year",
                        &return_year(band(s, "expected").and_then(|b| b.return_year), lang),
                    ),
                    (
                        "unfavourable",
                        &return_year(band(s, "unfavourable").and_then(|b| b.return_year), lang),
                    ),
                ],
            ) + &not_the_leader(cx, s),
        );
    }
    let open = open_obstacles(note);
    if let (Some(form), true) = (&note.collaboration.form_name, open > 0) {
        let sentence = if open == 1 {
            t.summary_obstacles_one
        } else {
            t.summary_obstacles
        };
        more.push(fill(
            sentence,
            &[("form", form), ("n", &number::integer(open as u64, lang))],
        ));
    }
    if !more.is_empty() {
        out.push(para(more.join(" ")));
    }
    out
}

/// The robustness sentences: a close call, or how far one weight must move.
fn robustness(cx: &Context<'_>, r: &super::RobustnessNote) -> Vec<String> {
    let (t, lang) = (cx.t, cx.lang);
    let mut out = vec![];
    if r.close_call && r.gap.is_some_and(|g| g > 0.0) {
        out.push(fill(
            t.robust_close,
            &[
                ("threshold", &number::score(r.close_call_gap, lang)),
                ("points", points(cx, r.close_call_gap)),
            ],
        ));
    }
    match &r.flip {
        Some(f) => out.push(fill(
            t.robust_flip,
            &[
                ("criterion", &f.name),
                ("from", &number::weight(f.from, lang)),
                ("to", &number::weight(f.to, lang)),
                ("new", &f.new_leader.name),
            ],
        )),
        None => out.push(t.robust_firm.to_string()),
    }
    out
}

fn occasion(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let s = &note.subject;
    let names: Vec<String> = s.municipalities.iter().map(|m| m.name.clone()).collect();
    let mut text = if s.kind == "group" {
        fill(
            t.occasion_subject,
            &[
                ("subject", &s.name),
                ("municipalities", &join_and(&names, t.and)),
                ("inhabitants", &number::integer(s.total_inhabitants, lang)),
                ("workplaces", &number::integer(s.total_workplaces, lang)),
            ],
        )
    } else {
        fill(
            t.occasion_single,
            &[
                ("subject", &s.name),
                ("inhabitants", &number::integer(s.total_inhabitants, lang)),
                ("workplaces", &number::integer(s.total_workplaces, lang)),
            ],
        )
    };
    let mut current: Vec<String> = vec![];
    for m in &s.municipalities {
        if let Some(c) = &m.current_name
            && !current.contains(c)
        {
            current.push(c.clone());
        }
    }
    if !current.is_empty() {
        text.push(' ');
        text.push_str(&fill(
            t.occasion_current,
            &[("current", &join_and(&current, t.and))],
        ));
    }
    let question = crate::i18n::report(lang).question;
    vec![
        Block::Para(vec![
            Inline::Strong(format!("{question}:")),
            Inline::Text(format!(" {}", s.question)),
        ]),
        para(text),
        para(fill(
            t.occasion_session,
            &[("date", &note.policy_checked_text)],
        )),
    ]
}

fn effect(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let mut weights: Vec<&super::WeightNote> = note.weights.iter().collect();
    weights.sort_by(|a, b| b.share.total_cmp(&a.share));
    let top: Vec<String> = weights
        .iter()
        .take(3)
        .filter(|w| w.share > 0.0)
        .map(|w| format!("{} ({})", w.name, number::weight(w.share, lang)))
        .collect();
    let mut text = fill_who(cx, t.effect_weights, &[("weights", &join_and(&top, t.and))]);
    text.push(' ');
    if note.landscape.rules.is_empty() {
        text.push_str(t.effect_no_rules);
    } else {
        text.push_str(&fill_who(
            cx,
            t.effect_rules,
            &[
                (
                    "n",
                    &number::integer(note.landscape.rules.len() as u64, lang),
                ),
                ("annex", &cx.annex("landschap")),
            ],
        ));
    }
    vec![para(text)]
}

fn arguments(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let Some(leader) = note.leaders.first() else {
        return vec![para(t.argument_details)];
    };
    let mut items: Vec<Runs> = vec![];
    // The leader's three largest contributions, with the core's explanation.
    let mut criteria: Vec<&super::ExplainedScore> = leader.criteria.iter().collect();
    criteria.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    for c in criteria.iter().take(3).filter(|c| c.weight > 0.0) {
        items.push(vec![
            Inline::Strong(c.name.clone()),
            Inline::Text(format!(
                ": {}",
                fill(
                    t.argument_criterion,
                    &[
                        ("score", &number::score(c.score, lang)),
                        ("weight", &number::weight(c.weight, lang)),
                        ("explanation", &c.explanation),
                    ],
                )
            )),
        ]);
    }
    // Where the leader gains most on the runner-up (score difference × weight).
    if let (Some(first), Some(second)) = (note.ranking.first(), note.ranking.get(1)) {
        let best = note
            .weights
            .iter()
            .zip(first.scores.iter().zip(&second.scores))
            .map(|(w, (a, b))| (w, a.score, b.score, (a.score - b.score) * w.share))
            .filter(|x| x.3 > 0.0)
            .max_by(|x, y| x.3.total_cmp(&y.3));
        if let Some((w, a, b, _)) = best {
            items.push(plain(fill(
                t.argument_versus,
                &[
                    ("runner", &second.candidate.name),
                    ("leader", &first.candidate.name),
                    ("criterion", &w.name),
                    ("a", &number::score(a, lang)),
                    ("b", &number::score(b, lang)),
                ],
            )));
        }
    }
    if !note.landscape.workloads.is_empty() {
        let (same, _, _) = landscape_counts(note);
        items.push(plain(fill(
            t.argument_landscape,
            &[
                ("same", &number::integer(same as u64, lang)),
                (
                    "n",
                    &number::integer(note.landscape.workloads.len() as u64, lang),
                ),
                ("annex", &cx.annex("landschap")),
            ],
        )));
    }
    vec![
        Block::List {
            ordered: true,
            items,
        },
        para(t.argument_details),
    ]
}

fn caveats(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let mut items: Vec<Runs> = vec![];
    if let Some(r) = &note.robustness {
        items.extend(robustness(cx, r).into_iter().map(plain));
    }
    items.extend(note.warnings.iter().map(|w| plain(w.text.clone())));
    if !note.excluded.is_empty() {
        items.push(plain(fill(
            t.caveat_excluded,
            &[
                ("n", &number::integer(note.excluded.len() as u64, lang)),
                (
                    "candidates",
                    &number::integer((note.ranking.len() + note.excluded.len()) as u64, lang),
                ),
                ("annex", &cx.annex("uitgesloten")),
            ],
        )));
    }
    if let Some(s) = first_scenario(note)
        && let Some(b) = band(s, "unfavourable")
    {
        items.push(plain(fill(
            t.caveat_unfavourable,
            &[
                ("label", &s.label),
                ("year", &return_year(b.return_year, lang)),
                (
                    "balance",
                    &number::money(
                        b.cumulative_cash_flow.last().copied().unwrap_or_default(),
                        lang,
                    ),
                ),
            ],
        )));
        if let Some(a) = &s.allocation {
            let losers: Vec<String> = a.losers().into_iter().map(str::to_string).collect();
            if !losers.is_empty() {
                items.push(plain(fill(
                    t.caveat_losers,
                    &[("names", &join_and(&losers, t.and))],
                )));
            }
        }
    }
    for o in note
        .collaboration
        .obstacles
        .iter()
        .filter(|o| o.historical.is_none())
    {
        items.push(plain(fill(
            t.caveat_obstacle,
            &[("status", &o.status_name), ("text", &o.text)],
        )));
    }
    let uncertain = note
        .sources
        .iter()
        .filter(|s| s.status_note.is_some())
        .count();
    if uncertain > 0 {
        items.push(plain(fill(
            t.caveat_status,
            &[
                ("n", &number::integer(uncertain as u64, lang)),
                ("sources", &number::integer(note.sources.len() as u64, lang)),
                ("date", &note.policy_checked_text),
                ("annex", &cx.annex("bronnen")),
            ],
        )));
    }
    vec![Block::List {
        ordered: false,
        items,
    }]
}

fn finance(cx: &Context<'_>) -> Vec<Block> {
    let (note, t, lang) = (cx.note, cx.t, cx.lang);
    let Some(bc) = &note.business_case else {
        return vec![para(t.finance_none)];
    };
    let labels = crate::i18n::report(lang);
    let mut table = Table::new(vec![
        Column::text(t.scenario),
        Column::text(labels.band),
        Column::text(labels.return_year),
        Column::number(fill(
            t.end_balance_after,
            &[("horizon", &bc.horizon.to_string())],
        )),
    ]);
    for s in &bc.scenarios {
        for b in &s.bands {
            table.row(vec![
                s.label.clone(),
                b.name.clone(),
                return_year(b.return_year, lang),
                number::money(
                    b.cumulative_cash_flow.last().copied().unwrap_or_default(),
                    lang,
                ),
            ]);
        }
    }
    let mut out = vec![
        para(fill(
            t.finance_intro,
            &[
                ("horizon", &bc.horizon.to_string()),
                ("annex", &cx.annex("businesscase")),
            ],
        )),
        Block::Table(table),
    ];
    for s in &bc.scenarios {
        out.push(para(fill(
            t.finance_residual,
            &[
                ("label", &s.label),
                ("amount", &number::money(s.residual_book_value, lang)),
            ],
        )));
    }
    out
}

fn next_steps(cx: &Context<'_>) -> Vec<Block> {
    let (note, t) = (cx.note, cx.t);
    let mut items: Vec<Runs> = vec![];
    if let (Some(form), true) = (&note.collaboration.form_name, open_obstacles(note) > 0) {
        items.push(plain(fill(
            t.next_obstacles,
            &[("form", form), ("annex", &cx.annex("samenwerking"))],
        )));
    }
    if note.business_case.is_none() {
        items.push(plain(t.next_business_case));
    }
    if note.robustness.as_ref().is_some_and(|r| r.close_call) {
        items.push(plain(t.next_weights));
    }
    items.push(plain(t.next_proposal));
    vec![Block::List {
        ordered: true,
        items,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_joined_with_the_word_for_and() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&[]), "en"), "");
        assert_eq!(join_and(&v(&["A"]), "en"), "A");
        assert_eq!(join_and(&v(&["A", "B"]), "en"), "A en B");
        assert_eq!(join_and(&v(&["A", "B", "C"]), "and"), "A, B and C");
    }
}
