//! The voting round's section of the decision note (its group chapter): what was asked, how
//! many voted, how far they agree, which criteria are disputed, each municipality's
//! aggregated weights and the options chosen. Ballots are anonymous unless the round was
//! named; then each participant's weights are listed. Built as `report::doc` blocks, so every
//! format renders it the same way.

use crate::core::catalogue::Catalogue;
use crate::core::round::{ConsensusLevel, Question, Round};
use crate::core::text::Lang;
use crate::report::doc::{Block, Callout, Column, Inline, Table, plain};
use crate::report::number;

/// The round section; empty when there is no round.
pub fn round_section(round: Option<&Round>, catalogue: &Catalogue, lang: Lang) -> Vec<Block> {
    let Some(round) = round else {
        return vec![];
    };
    let t = crate::i18n::vote_tui(lang);
    let s = crate::i18n::strings(lang);
    let mut out = vec![Block::Heading {
        level: 2,
        text: t.note_heading.to_string(),
        id: Some("stemronde".into()),
    }];
    let q = match round.spec.question {
        Question::Points => t.questions[0],
        Question::Swing => t.questions[1],
        Question::Ahp => t.questions[2],
    };
    out.push(Block::Para(vec![
        Inline::Text(format!("{} ", t.note_intro)),
        Inline::Text(format!("{}: ", t.question)),
        Inline::Strong(q.to_string()),
        Inline::Text(format!(
            "; {}: {}; {} {}.",
            t.scope,
            match round.spec.scope {
                crate::core::round::Scope::PerMunicipality => t.scope_per,
                crate::core::round::Scope::Everyone => t.scope_all,
            },
            round.ballots.len(),
            t.ballots
        )),
    ]));
    let reveal = match round.reveal() {
        Ok(r) => r,
        Err(crate::core::round::RevealError::Open) => {
            out.push(Block::Para(plain(t.note_open)));
            return out;
        }
        Err(e) => {
            out.push(Block::Callout {
                kind: Callout::Warning,
                body: plain(crate::i18n::vote_reveal_error(&e, lang)),
            });
            return out;
        }
    };
    let word = match reveal.consensus.level {
        ConsensusLevel::High => t.consensus_words[0],
        ConsensusLevel::Moderate => t.consensus_words[1],
        ConsensusLevel::Low => t.consensus_words[2],
    };
    out.push(Block::Para(vec![
        Inline::Text(format!("{}: ", t.consensus)),
        Inline::Strong(word.to_string()),
        Inline::Text(format!(
            " ({} {}; {} {}).",
            t.kendall,
            number::decimal(reveal.consensus.kendall_w, 2, lang),
            t.agreement,
            number::percent(reveal.consensus.weight_agreement, 1, lang)
        )),
    ]));
    let disputed = reveal.disputed();
    if disputed.is_empty() {
        out.push(Block::Para(plain(t.note_disputed_none)));
    } else {
        let names: Vec<String> = disputed
            .iter()
            .map(|c| c.name().get(lang).to_string())
            .collect();
        out.push(Block::Callout {
            kind: Callout::Warning,
            body: plain(format!("{}: {}.", capitalise(t.disputed), names.join(", "))),
        });
    }
    if reveal.inconsistent_ahp > 0 {
        out.push(Block::Callout {
            kind: Callout::Warning,
            body: plain(format!("{}: {}.", t.inconsistent, reveal.inconsistent_ahp)),
        });
    }
    // The distribution over all ballots.
    let mut dist = Table {
        caption: Some(format!("{} ({} {})", t.result, reveal.ballots, t.ballots)),
        columns: vec![
            Column::text(t.col_criterion),
            Column::number(t.col_median),
            Column::number(t.col_range),
            Column::number(t.col_spread),
            Column::text(t.disputed),
        ],
        rows: vec![],
    };
    for d in &reveal.distribution {
        dist.row(vec![
            d.criterion.name().get(lang).to_string(),
            number::weight(d.median, lang),
            format!(
                "{}–{}",
                number::weight(d.spread.min, lang),
                number::weight(d.spread.max, lang)
            ),
            format!("{} pp", number::decimal(d.spread.range * 100.0, 1, lang)),
            if d.spread.disputed { s.yes } else { s.no }.to_string(),
        ]);
    }
    out.push(Block::Table(dist));
    // Each municipality's aggregated weights.
    let name = |g: &crate::core::round::GroupResult| {
        if g.name.is_empty() {
            t.everyone.to_string()
        } else {
            g.name.clone()
        }
    };
    let mut per = Table {
        caption: Some(t.per_municipality.to_string()),
        columns: std::iter::once(Column::text(t.col_criterion))
            .chain(reveal.groups.iter().map(|g| Column::number(name(g))))
            .collect(),
        rows: vec![],
    };
    for (j, c) in reveal.criteria.iter().enumerate() {
        let mut row = vec![c.name().get(lang).to_string()];
        for g in &reveal.groups {
            row.push(
                g.weights
                    .as_ref()
                    .and_then(|w| w.get(j))
                    .map_or("–".to_string(), |w| number::weight(*w, lang)),
            );
        }
        per.row(row);
    }
    per.row(
        std::iter::once(t.col_ballots.to_string())
            .chain(
                reveal
                    .groups
                    .iter()
                    .map(|g| number::integer(g.ballots as u64, lang)),
            )
            .collect(),
    );
    if reveal.groups.iter().any(|g| g.consistency_ratio.is_some()) {
        per.row(
            std::iter::once(t.cr.to_string())
                .chain(reveal.groups.iter().map(|g| {
                    g.consistency_ratio
                        .map_or("–".to_string(), |cr| number::decimal(cr, 2, lang))
                }))
                .collect(),
        );
    }
    out.push(Block::Table(per));
    if !reveal.choices.is_empty() {
        let mut choices = Table {
            caption: Some(t.choices.to_string()),
            columns: vec![Column::text(s.option), Column::number(t.col_votes)],
            rows: vec![],
        };
        for (o, n) in &reveal.choices {
            let label = o.and_then(|o| catalogue.option(o)).map_or_else(
                || capitalise(t.no_preference),
                |i| i.name.get(lang).to_string(),
            );
            choices.row(vec![label, number::integer(*n as u64, lang)]);
        }
        out.push(Block::Table(choices));
    }
    if round.spec.named {
        out.push(Block::Para(plain(t.note_named)));
        let mut named = Table {
            caption: Some(t.note_names.to_string()),
            columns: std::iter::once(Column::text(t.col_name))
                .chain(
                    reveal
                        .criteria
                        .iter()
                        .map(|c| Column::number(c.name().get(lang))),
                )
                .collect(),
            rows: vec![],
        };
        for (n, w) in &reveal.named {
            named.row(
                std::iter::once(n.clone())
                    .chain(w.iter().map(|x| number::weight(*x, lang)))
                    .collect(),
            );
        }
        out.push(Block::Table(named));
    } else {
        out.push(Block::Para(plain(t.note_anonymous)));
    }
    out.push(Block::Callout {
        kind: Callout::Info,
        body: plain(t.note_method),
    });
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::criteria::Criterion;
    use crate::core::round::{RoundSpec, Scope};

    fn round(named: bool) -> Round {
        let spec = RoundSpec {
            question: Question::Points,
            criteria: vec![Criterion::Privacy, Criterion::Control],
            ask_choice: true,
            scope: Scope::PerMunicipality,
            municipalities: vec!["Aa".into(), "Bee".into()],
            named,
        };
        let mut r = Round::open("C".into(), spec.clone()).unwrap();
        for (tok, m, p, who) in [
            ("t1", "Aa", ["10", "0"], "Eva"),
            ("t2", "Bee", ["0", "10"], "Bram"),
        ] {
            let mut f: Vec<(String, String)> = vec![
                ("municipality".into(), m.into()),
                ("points.privacy".into(), p[0].into()),
                ("points.control".into(), p[1].into()),
                ("choice".into(), "ssc".into()),
            ];
            if named {
                f.push(("name".into(), who.into()));
            }
            r.cast(tok, spec.validate_ballot(&f).unwrap()).unwrap();
        }
        r
    }

    #[test]
    fn an_open_round_shows_nothing_of_the_ballots() {
        let r = round(false);
        let blocks = round_section(Some(&r), &crate::io::catalogue::built_in(), Lang::Nl);
        let s = crate::report::doc::plain_text(&blocks);
        assert!(s.contains("De ronde is nog open"), "{s}");
        assert!(!s.contains("100,0%"), "{s}");
        assert!(round_section(None, &crate::io::catalogue::built_in(), Lang::Nl).is_empty());
    }

    #[test]
    fn a_closed_round_shows_distribution_weights_and_choices_anonymously() {
        let mut r = round(false);
        r.close();
        let blocks = round_section(Some(&r), &crate::io::catalogue::built_in(), Lang::Nl);
        let s = crate::report::doc::plain_text(&blocks);
        assert!(s.contains("Omstreden: Privacy, Controle."), "{s}");
        assert!(s.contains("Privacy | 100,0% | 0,0%"), "{s}");
        assert!(s.contains("Stemmen | 1 | 1"), "{s}");
        assert!(s.contains("| 2"), "two votes for the SSC: {s}");
        assert!(s.contains("anoniem"), "{s}");
        assert!(!s.contains("Eva"));
    }

    #[test]
    fn a_closed_round_without_ballots_says_so_in_the_note_s_language() {
        let spec = round(false).spec;
        let mut r = Round::open("C".into(), spec).unwrap();
        r.close();
        let cat = crate::io::catalogue::built_in();
        let nl = crate::report::doc::plain_text(&round_section(Some(&r), &cat, Lang::Nl));
        assert!(nl.contains("Geen stemmen: er is niets te tonen."), "{nl}");
        let en = crate::report::doc::plain_text(&round_section(Some(&r), &cat, Lang::En));
        assert!(en.contains("No ballots: nothing to reveal."), "{en}");
    }

    #[test]
    fn a_named_round_lists_participants_by_name() {
        let mut r = round(true);
        r.close();
        let blocks = round_section(Some(&r), &crate::io::catalogue::built_in(), Lang::En);
        let s = crate::report::doc::plain_text(&blocks);
        assert!(s.contains("Bram | 0.0% | 100.0%"), "{s}");
        assert!(s.contains("Eva | 100.0% | 0.0%"), "{s}");
    }
}
