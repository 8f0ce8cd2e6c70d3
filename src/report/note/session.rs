//! The decision note's record of the workshop itself, as document blocks (`report::doc`): how
//! the weights were obtained (method and the room's input, the AHP consistency with a warning
//! when inconsistent judgements were applied), how certain the outcome is (the gap, a close
//! call, the SMAA first-rank share), the room's notes by kind, the named weight sets side by
//! side; and for a starter group a chapter of its own (each member's weights after the reveal,
//! the disputed criteria, the consensus in plain words, each member's own first choice, the
//! candidates admissible for all). Pure: everything comes in as values; numbers go through
//! `report::number`.

use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::group::GroupEvaluation;
use crate::core::mcda::ahp::CR_WARNING_THRESHOLD;
use crate::core::mcda::elicitation::WeightMethod;
use crate::core::mcda::sensitivity::CLOSE_CALL_GAP;
use crate::core::mcda::smaa::SmaaResult;
use crate::core::scoring::Evaluation;
use crate::core::text::Lang;
use crate::i18n::{fill, session_note};
use crate::io::store::{NoteKind, RoomNote, WeightRecord, WeightSet};
use crate::report::doc::{Block, Callout, Column, Inline, Table, cells, plain};
use crate::report::number;

/// Everything the session chapter says, as values.
pub struct SessionChapter<'a> {
    pub catalogue: &'a Catalogue,
    /// The evaluation the note is about (for a starter group: the group decision).
    pub evaluation: &'a Evaluation,
    /// How the weights of that evaluation were obtained (`None`: direct points).
    pub weights_record: Option<&'a WeightRecord>,
    /// The SMAA result over the same candidates, in the order of `smaa_candidates`.
    pub smaa: Option<(&'a SmaaResult, &'a [crate::core::catalogue::CandidateKey])>,
    /// Free notes of a schema-1 session.
    pub free_notes: &'a str,
    pub notes: &'a [RoomNote],
    pub weight_sets: &'a [WeightSet],
    /// Each named set's first choice (candidate name), in `weight_sets` order, ranked as the
    /// evaluation above is ranked (`None`: nothing admissible); empty when not computed.
    pub set_winners: &'a [Option<String>],
    /// The business case as the Business case screen computed it (`None`: the profile has
    /// none, or it cannot be computed).
    pub business_case: Option<&'a BusinessCaseOutcome>,
    pub lang: Lang,
}

/// The outcome of the scenario in focus on the Business case screen, per risk band.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCaseOutcome {
    /// The scenario's label and 1-based number.
    pub scenario: String,
    pub number: usize,
    /// The candidate it costs out (its name).
    pub candidate: String,
    pub horizon: u32,
    /// Per band: the return year and the cumulative cash flow in the last year.
    pub bands: Vec<(
        crate::core::business_case::Band,
        Option<u32>,
        rust_decimal::Decimal,
    )>,
}

/// The group chapter's input.
pub struct GroupChapter<'a> {
    pub catalogue: &'a Catalogue,
    /// The group ranked by its plenary weights (`GroupWeighting::Plenary`).
    pub group: &'a GroupEvaluation,
    /// Whether the blind round was revealed (only then are member weights shown).
    pub revealed: bool,
    /// How many members entered their weights, of how many.
    pub entered: (usize, usize),
    pub lang: Lang,
}

fn heading(level: u8, text: &str, id: Option<&str>) -> Block {
    Block::Heading {
        level,
        text: text.to_string(),
        id: id.map(str::to_string),
    }
}

fn para(text: String) -> Block {
    Block::Para(plain(text))
}

fn warning(text: String) -> Block {
    Block::Callout {
        kind: Callout::Warning,
        body: plain(text),
    }
}

fn names(criteria: &[Criterion], idx: &[usize], lang: Lang) -> String {
    idx.iter()
        .filter_map(|&i| criteria.get(i))
        .map(|c| c.name().get(lang).to_string())
        .collect::<Vec<_>>()
        .join(" > ")
}

/// The sentence(s) on how the weights were obtained, and a warning for inconsistent AHP.
fn method_blocks(record: Option<&WeightRecord>, lang: Lang) -> Vec<Block> {
    let x = session_note(lang);
    let Some(rec) = record else {
        return vec![para(x.method_direct.to_string())];
    };
    let order_of_ranks = |ranks: &[usize]| {
        let mut o: Vec<usize> = (0..ranks.len()).collect();
        o.sort_by_key(|&i| ranks[i]);
        names(&rec.criteria, &o, lang)
    };
    let mut out = vec![];
    match &rec.how {
        WeightMethod::DirectPoints { .. } => out.push(para(x.method_direct.to_string())),
        WeightMethod::Swing { order, ratings } => {
            let rated: Vec<String> = order
                .iter()
                .filter_map(|&i| {
                    Some(format!(
                        "{} {}",
                        rec.criteria.get(i)?.name().get(lang),
                        number::decimal(*ratings.get(i)?, 0, lang)
                    ))
                })
                .collect();
            out.push(para(fill(
                x.method_swing,
                &[
                    ("order", &names(&rec.criteria, order, lang)),
                    ("ratings", &rated.join(", ")),
                ],
            )));
        }
        WeightMethod::RankOrderCentroid { ranks } => out.push(para(fill(
            x.method_roc,
            &[("order", &order_of_ranks(ranks))],
        ))),
        WeightMethod::RankSum { ranks } => out.push(para(fill(
            x.method_rank_sum,
            &[("order", &order_of_ranks(ranks))],
        ))),
        WeightMethod::Ahp {
            consistency_ratio, ..
        } => {
            let n = rec.criteria.len();
            let pairs = (n * n.saturating_sub(1) / 2).to_string();
            match consistency_ratio {
                Some(cr) => {
                    let cr_text = number::decimal(*cr, 3, lang);
                    out.push(para(fill(
                        x.method_ahp,
                        &[("pairs", &pairs), ("cr", &cr_text)],
                    )));
                    if *cr > CR_WARNING_THRESHOLD {
                        out.push(warning(fill(
                            x.ahp_inconsistent,
                            &[
                                ("cr", &cr_text),
                                ("max", &number::decimal(CR_WARNING_THRESHOLD, 2, lang)),
                            ],
                        )));
                    }
                }
                None => out.push(para(fill(x.method_ahp_no_cr, &[("pairs", &pairs)]))),
            }
        }
        WeightMethod::GroupMean { members } => out.push(para(fill(
            x.method_group_mean,
            &[("k", &members.to_string())],
        ))),
        WeightMethod::GroupAhp { members, .. } => out.push(para(fill(
            x.method_group_ahp,
            &[("k", &members.to_string())],
        ))),
    }
    out
}

/// The note's chapter on the session: how the weights were obtained, how certain the outcome
/// is, the room's notes by kind, and the named weight sets.
pub fn session_chapter(input: &SessionChapter) -> Vec<Block> {
    let lang = input.lang;
    let x = session_note(lang);
    let e = input.evaluation;
    let mut out = vec![heading(2, x.session, Some("sessie"))];

    out.push(heading(3, x.how_weights, None));
    out.extend(method_blocks(input.weights_record, lang));
    out.push(Block::Table(Table {
        caption: None,
        columns: vec![Column::text(x.col_criterion), Column::number(x.col_weight)],
        rows: cells(
            e.weights
                .iter()
                .map(|(c, w)| vec![c.name().get(lang).to_string(), number::percent(*w, 1, lang)])
                .collect::<Vec<Vec<String>>>(),
        ),
    }));

    if let Some(leader) = e.ranking.first() {
        out.push(heading(3, x.certainty, None));
        let name = |k| input.catalogue.candidate_name(k, lang);
        match e.ranking.get(1) {
            Some(runner) => {
                let gap = leader.total - runner.total;
                out.push(para(fill(
                    x.lead,
                    &[
                        ("leader", &name(leader.key)),
                        ("total", &number::score(leader.total, lang)),
                        ("runner", &name(runner.key)),
                        ("runner_total", &number::score(runner.total, lang)),
                        ("gap", &number::score(gap, lang)),
                    ],
                )));
                if gap < CLOSE_CALL_GAP {
                    out.push(warning(fill(
                        x.close_call,
                        &[("limit", &number::score(CLOSE_CALL_GAP, lang))],
                    )));
                }
            }
            None => out.push(para(fill(
                x.lead_alone,
                &[
                    ("leader", &name(leader.key)),
                    ("total", &number::score(leader.total, lang)),
                ],
            ))),
        }
        if let Some((smaa, keys)) = input.smaa
            && let Some(i) = keys.iter().position(|&k| k == leader.key)
            && let Some(&share) = smaa.first_rank_acceptability.get(i)
        {
            out.push(para(fill(
                x.smaa,
                &[
                    ("samples", &number::integer(smaa.samples as u64, lang)),
                    ("leader", &name(leader.key)),
                    ("share", &number::percent(share, 0, lang)),
                ],
            )));
            if share < 0.5 {
                out.push(warning(x.smaa_weak.to_string()));
            }
        }
    }

    out.push(heading(3, x.notes, None));
    if input.notes.is_empty() && input.free_notes.trim().is_empty() {
        out.push(para(x.no_notes.to_string()));
    }
    if !input.free_notes.trim().is_empty() {
        out.push(heading(4, x.free_notes, None));
        out.extend(lines_as_paras(input.free_notes));
    }
    for (kind, title) in NoteKind::ALL.iter().zip(x.note_kinds) {
        let notes: Vec<&RoomNote> = input.notes.iter().filter(|n| n.kind == *kind).collect();
        if notes.is_empty() {
            continue;
        }
        out.push(heading(4, title, None));
        // One list item per note; the lines of a note after the first follow as paragraphs
        // of their own, so its line breaks survive every format.
        for n in notes {
            let mut lines = n.text.lines().filter(|l| !l.trim().is_empty());
            if let Some(first) = lines.next() {
                out.push(Block::List {
                    ordered: false,
                    items: vec![plain(first)],
                });
            }
            out.extend(lines.map(|l| para(l.to_string())));
        }
    }

    if !input.weight_sets.is_empty() {
        out.push(heading(3, x.weight_sets, None));
        let mut columns = vec![Column::text(x.col_criterion)];
        columns.extend(
            input
                .weight_sets
                .iter()
                .map(|s| Column::number(s.name.clone())),
        );
        let normalised: Vec<_> = input
            .weight_sets
            .iter()
            .map(|s| s.weights.normalised().unwrap_or_default())
            .collect();
        let rows = Criterion::ALL
            .iter()
            .filter(|c| {
                normalised
                    .iter()
                    .any(|n| n.get(c).is_some_and(|&w| w > 0.0))
            })
            .map(|c| {
                let mut row = vec![c.name().get(lang).to_string()];
                row.extend(
                    normalised
                        .iter()
                        .map(|n| number::percent(n.get(c).copied().unwrap_or(0.0), 1, lang)),
                );
                row
            })
            .collect();
        let mut rows: Vec<Vec<String>> = rows;
        if input.set_winners.len() == input.weight_sets.len() && !input.set_winners.is_empty() {
            let d = crate::i18n::decision(lang);
            let mut row = vec![d.sets_winner.to_string()];
            row.extend(
                input
                    .set_winners
                    .iter()
                    .map(|w| w.clone().unwrap_or_else(|| d.sets_nothing.to_string())),
            );
            rows.push(row);
        }
        out.push(Block::Table(Table {
            caption: None,
            columns,
            rows: cells(rows),
        }));
    }
    if let Some(bc) = input.business_case {
        out.extend(business_case_blocks(bc, lang));
    }
    out
}

/// The business case outcome: which scenario, and per band its return year and final
/// cumulative cash flow, with a warning when the expected band does not pay back.
fn business_case_blocks(bc: &BusinessCaseOutcome, lang: Lang) -> Vec<Block> {
    let d = crate::i18n::decision(lang);
    let c = crate::i18n::case_strings(lang);
    let mut out = vec![
        heading(3, d.note_bc_heading, None),
        para(fill(
            d.note_bc_scenario,
            &[
                (
                    "scenario",
                    &format!("{} \u{201c}{}\u{201d}", bc.number, bc.scenario),
                ),
                ("candidate", &bc.candidate),
                ("horizon", &bc.horizon.to_string()),
            ],
        )),
    ];
    let rows: Vec<Vec<String>> = bc
        .bands
        .iter()
        .map(|&(b, y, last)| {
            vec![
                crate::report::business_case::band_name(b, c).to_string(),
                y.map_or_else(|| c.not_within.to_string(), |y| format!("{} {y}", c.year)),
                number::euros(last, lang),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::text(d.note_bc_col_band),
            Column::text(d.note_bc_col_return),
            Column::number(d.note_bc_col_final),
        ],
        rows: cells(rows),
    }));
    let expected = bc
        .bands
        .iter()
        .find(|b| b.0 == crate::core::business_case::Band::Expected);
    if let Some((_, None, _)) = expected {
        out.push(warning(format!("{} {}", d.expected_band, c.not_within)));
    }
    out.push(para(d.note_bc_source.to_string()));
    out
}

fn lines_as_paras(text: &str) -> Vec<Block> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| para(l.to_string()))
        .collect()
}

/// Consensus in words from Kendall's W: high from 0.7, moderate from 0.4, low below (the
/// group view uses the same bands).
pub fn consensus_band(w: f64) -> usize {
    if w >= 0.7 {
        0
    } else if w >= 0.4 {
        1
    } else {
        2
    }
}

/// The note's chapter on a starter group: on what the group ranks, each member's weights after
/// the reveal (none before it), the disputed criteria, the consensus in plain words, each
/// member's own first choice beside the group's, and the candidates admissible for all.
pub fn group_chapter(input: &GroupChapter) -> Vec<Block> {
    let lang = input.lang;
    let x = session_note(lang);
    let g = input.group;
    let name = |k| input.catalogue.candidate_name(k, lang);
    let first = g.ranking.first().map(|r| r.key);
    let mut out = vec![
        heading(2, x.group, Some("groep")),
        para(fill(
            x.group_basis,
            &[(
                "first",
                &first.map(name).unwrap_or_else(|| x.none.to_string()),
            )],
        )),
    ];
    if !input.revealed {
        out.push(para(fill(
            x.blind_kept,
            &[
                ("k", &input.entered.0.to_string()),
                ("n", &input.entered.1.to_string()),
            ],
        )));
    } else {
        let mut columns = vec![Column::text(x.col_criterion)];
        columns.extend(g.members.iter().map(|m| Column::number(m.name.clone())));
        columns.push(Column::number(x.col_plenary));
        columns.push(Column::number(x.col_mean));
        columns.push(Column::number(x.col_spread));
        let rows = g
            .criteria
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mut row = vec![c.name().get(lang).to_string()];
                row.extend(
                    g.members
                        .iter()
                        .map(|m| number::percent(m.weights[k], 0, lang)),
                );
                row.push(number::percent(g.weights.weights[k], 0, lang));
                row.push(number::percent(
                    g.member_mean.get(k).copied().unwrap_or(0.0),
                    0,
                    lang,
                ));
                // The spread is a difference of shares: percentage points.
                let spread = g.analysis.spreads.get(k).map_or(0.0, |s| s.range);
                row.push(format!("{} pp", number::decimal(spread * 100.0, 0, lang)));
                row
            })
            .collect();
        out.push(Block::Table(Table {
            caption: None,
            columns,
            rows: cells(rows),
        }));
        let disputed: Vec<String> = g
            .disputed()
            .iter()
            .map(|c| c.name().get(lang).to_string())
            .collect();
        out.push(para(if disputed.is_empty() {
            x.disputed_none.to_string()
        } else {
            fill(x.disputed, &[("list", &disputed.join(", "))])
        }));
        let cons = &g.analysis.consensus;
        let band = consensus_band(cons.kendall_w);
        out.push(para(fill(
            x.consensus,
            &[
                ("word", x.consensus_words[band]),
                ("how", x.consensus_how[band]),
                ("w", &number::decimal(cons.kendall_w, 2, lang)),
                ("agree", &number::percent(cons.weight_agreement, 0, lang)),
            ],
        )));
        out.push(Block::Table(Table {
            caption: None,
            columns: vec![
                Column::text(x.col_member),
                Column::text(x.col_own_first),
                Column::text(x.col_same),
            ],
            rows: cells(
                g.members
                    .iter()
                    .map(|m| {
                        let own = m.top(1).first().copied();
                        vec![
                            m.name.clone(),
                            own.map(name).unwrap_or_else(|| x.none.to_string()),
                            if own.is_some() && own == first {
                                x.yes
                            } else {
                                x.no
                            }
                            .to_string(),
                        ]
                    })
                    .collect::<Vec<Vec<String>>>(),
            ),
        }));
    }
    let admissible: Vec<String> = g
        .analysis
        .admissible_for_all
        .iter()
        .map(|&i| name(g.candidates[i]))
        .collect();
    out.push(Block::Para(vec![Inline::Text(fill(
        x.admissible_all,
        &[(
            "list",
            &if admissible.is_empty() {
                x.none.to_string()
            } else {
                admissible.join("; ")
            },
        )],
    ))]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::group::{GroupWeighting, evaluate_group_as};
    use crate::report::doc::runs_text;

    fn all_text(blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Heading { text, .. } => out.push_str(&format!("# {text}\n")),
                Block::Para(r) => out.push_str(&format!("{}\n", runs_text(r))),
                Block::Callout { body, .. } => out.push_str(&format!("! {}\n", runs_text(body))),
                Block::List { items, .. } => {
                    for i in items {
                        out.push_str(&format!("- {}\n", runs_text(i)));
                    }
                }
                Block::Table(t) => {
                    let heads: Vec<&str> = t.columns.iter().map(|c| c.head.as_str()).collect();
                    out.push_str(&format!("| {} |\n", heads.join(" | ")));
                    for r in &t.rows {
                        out.push_str(&format!(
                            "| {} |\n",
                            r.iter()
                                .map(|c| runs_text(c))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        ));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn demo() -> (Catalogue, crate::core::profile::Profile, Evaluation) {
        let cat = crate::io::catalogue::built_in();
        let p = crate::io::profile::demo();
        let e = crate::core::scoring::evaluate(&cat, &p).unwrap();
        (cat, p, e)
    }

    fn chapter<'a>(
        cat: &'a Catalogue,
        e: &'a Evaluation,
        rec: Option<&'a WeightRecord>,
        notes: &'a [RoomNote],
        lang: Lang,
    ) -> SessionChapter<'a> {
        SessionChapter {
            catalogue: cat,
            evaluation: e,
            weights_record: rec,
            smaa: None,
            free_notes: "",
            notes,
            weight_sets: &[],
            set_winners: &[],
            business_case: None,
            lang,
        }
    }

    /// The session chapter's text for the demo's evaluation.
    fn say(
        cat: &Catalogue,
        e: &Evaluation,
        rec: Option<&WeightRecord>,
        notes: &[RoomNote],
        lang: Lang,
    ) -> String {
        all_text(&session_chapter(&chapter(cat, e, rec, notes, lang)))
    }

    #[test]
    fn an_inconsistent_ahp_result_is_named_with_its_cr_and_a_warning() {
        let (cat, _, e) = demo();
        let rec = WeightRecord {
            member: 0,
            criteria: e.criteria.clone(),
            how: WeightMethod::Ahp {
                judgements: vec![],
                derivation: crate::core::mcda::ahp::AhpDerivation::Eigenvector,
                consistency_ratio: Some(0.208),
                random_index_table: "saaty_1980".into(),
            },
        };
        let nl = say(&cat, &e, Some(&rec), &[], Lang::Nl);
        assert!(nl.contains("Consistentieratio (CR): 0,208"), "{nl}");
        assert!(
            nl.contains("! Let op: de AHP-oordelen spraken elkaar tegen (CR 0,208"),
            "{nl}"
        );
        let en = say(&cat, &e, Some(&rec), &[], Lang::En);
        assert!(
            en.contains("(CR 0.208, above Saaty's limit of 0.10)"),
            "{en}"
        );
        // A consistent one has no warning.
        let mut ok = rec.clone();
        if let WeightMethod::Ahp {
            consistency_ratio, ..
        } = &mut ok.how
        {
            *consistency_ratio = Some(0.05);
        }
        let text = say(&cat, &e, Some(&ok), &[], Lang::Nl);
        assert!(!text.contains("! Let op"), "{text}");
    }

    #[test]
    fn direct_points_and_the_weights_used_are_stated() {
        let (cat, _, e) = demo();
        let text = say(&cat, &e, None, &[], Lang::Nl);
        assert!(text.contains("De zaal gaf elk criterium punten"), "{text}");
        assert!(text.contains("| Privacy | 30,0% |"), "{text}");
        assert!(text.contains("De zaal maakte geen notities."), "{text}");
    }

    #[test]
    fn notes_are_grouped_by_kind_and_keep_their_lines() {
        let (cat, _, e) = demo();
        let notes = vec![
            RoomNote {
                kind: NoteKind::Question,
                text: "Wat kost de exit?".into(),
            },
            RoomNote {
                kind: NoteKind::Decision,
                text: "SSC verder uitwerken\nmet de buren".into(),
            },
        ];
        let text = say(&cat, &e, None, &notes, Lang::Nl);
        let d = text.find("# Besluiten").unwrap();
        let q = text.find("# Open vragen").unwrap();
        assert!(d < q, "decisions before open questions:\n{text}");
        assert!(
            text.contains("- SSC verder uitwerken\nmet de buren\n"),
            "{text}"
        );
        assert!(!text.contains("# Acties"), "no empty kind:\n{text}");
    }

    #[test]
    fn a_close_call_and_a_weak_smaa_share_are_warned_about() {
        let (cat, _, e) = demo();
        // The demo's first two are 7,24 and 7,11: a close call.
        let text = say(&cat, &e, None, &[], Lang::Nl);
        assert!(text.contains("! Nipte uitslag"), "{text}");
        let keys: Vec<_> = e.ranking.iter().map(|r| r.key).collect();
        let mut first = vec![0.0; keys.len()];
        first[0] = 0.31;
        let smaa = SmaaResult {
            samples: 10_000,
            draws: 10_000,
            seed: 1,
            rank_acceptability: vec![],
            first_rank_acceptability: first,
            central_weights: vec![],
            holistic_acceptability: vec![],
        };
        let mut c = chapter(&cat, &e, None, &[], Lang::Nl);
        c.smaa = Some((&smaa, &keys));
        let text = all_text(&session_chapter(&c));
        assert!(text.contains("Bij 10.000 willekeurige wegingen"), "{text}");
        assert!(text.contains("in 31% van de gevallen eerst"), "{text}");
        assert!(text.contains("! Dat is minder dan de helft"), "{text}");
    }

    #[test]
    fn named_weight_sets_are_compared_side_by_side() {
        let (cat, p, e) = demo();
        let mut raad = p.weights.clone();
        raad.set(Criterion::Privacy, 0.0);
        let sets = vec![
            WeightSet {
                name: "directie".into(),
                weights: p.weights.clone(),
            },
            WeightSet {
                name: "raad".into(),
                weights: raad,
            },
        ];
        let mut c = chapter(&cat, &e, None, &[], Lang::Nl);
        c.weight_sets = &sets;
        let text = all_text(&session_chapter(&c));
        assert!(text.contains("| Criterium | directie | raad |"), "{text}");
        assert!(text.contains("| Privacy | 30,0% | 0,0% |"), "{text}");
    }

    fn starters() -> (Catalogue, GroupEvaluation) {
        let cat = crate::io::catalogue::built_in();
        let p = crate::io::profile::parse(
            "startersgroep.toml",
            include_str!("../../../profiles/startersgroep.toml"),
        )
        .unwrap();
        let g = evaluate_group_as(&cat, &p, GroupWeighting::Plenary).unwrap();
        (cat, g)
    }

    #[test]
    fn the_group_chapter_shows_member_weights_only_after_the_reveal() {
        let (cat, g) = starters();
        let blind = all_text(&group_chapter(&GroupChapter {
            catalogue: &cat,
            group: &g,
            revealed: false,
            entered: (3, 4),
            lang: Lang::Nl,
        }));
        assert!(blind.contains("3 van 4 gemeenten"), "{blind}");
        for m in ["Aarle", "Bladel-Oost", "Eersel-Noord", "Reusel-Zuid"] {
            assert!(!blind.contains(m), "{m} in a blind chapter:\n{blind}");
        }
        let first = cat.candidate_name(g.ranking[0].key, Lang::Nl);
        assert!(blind.contains(&format!("Eerste: {first}.")), "{blind}");

        let open = all_text(&group_chapter(&GroupChapter {
            catalogue: &cat,
            group: &g,
            revealed: true,
            entered: (4, 4),
            lang: Lang::Nl,
        }));
        assert!(
            open.contains("| Criterium | Aarle | Bladel-Oost | Eersel-Noord | Reusel-Zuid | Groep | Gemiddelde | Spreiding |"),
            "{open}"
        );
        assert!(
            open.contains("Betwist (gewichten liggen meer dan 10 procentpunt uiteen): Privacy"),
            "{open}"
        );
        assert!(open.contains("Overeenstemming: matig."), "{open}");
        assert!(
            open.contains("| Bladel-Oost | Colocatie · Eigen beheer · Private cloud | nee |"),
            "{open}"
        );
        assert!(open.contains("Toelaatbaar voor alle gemeenten: "), "{open}");
    }
}
