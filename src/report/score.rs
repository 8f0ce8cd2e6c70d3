//! What the `score` report says, built once as a [`Document`]: the weights, the ranking with
//! every criterion's score, why the leader leads (with sources), what is excluded and why, and
//! the workload landscape. `doc::text` renders it for the terminal (`--format table`),
//! `doc::markdown` for a council proposal; JSON and CSV are written from the data
//! (`report::json`, `report::csv`).

use super::ScoreView;
use super::cite::{self, Markup};
use super::doc::{Block, Column, Document, Inline, Runs, Table, plain};
use super::{label, number};
use crate::core::text;
use crate::i18n::strings;

/// The score report as a document.
pub fn score_doc(v: &ScoreView<'_>) -> Document {
    let t = strings(v.lang);
    let lang = v.lang;
    let e = v.evaluation;
    let name = |k| v.catalogue.candidate_name(k, lang);
    let mut doc = Document::new(v.profile.title.clone(), lang);
    doc.heading(1, v.profile.title.clone());

    doc.heading(2, t.weights);
    doc.grid(
        vec![t.criterion.into(), t.weight.into()],
        vec![false, true],
        e.criteria
            .iter()
            .map(|c| {
                vec![
                    label::criterion_name(*c, lang),
                    number::weight(e.weights[c], lang),
                ]
            })
            .collect(),
    );

    doc.heading(2, t.ranking);
    let mut columns = vec![
        Column::text(t.rank),
        Column::text(t.candidate),
        Column::number(t.total),
    ];
    columns.extend(
        e.criteria
            .iter()
            .map(|c| Column::number(label::criterion_short(*c, lang))),
    );
    let mut ranking = Table::new(columns);
    for r in &e.ranking {
        let mut row = vec![r.label(), name(r.key), number::score(r.total, lang)];
        row.extend(r.criteria.iter().map(|c| number::decimal(c.score, 1, lang)));
        ranking.row(row);
    }
    doc.table(ranking);
    if e.has_ties() {
        doc.runs(vec![Inline::Emph(text::tie_break_note().get(lang).into())]);
    }
    for w in e.blind_spot_texts(v.catalogue) {
        doc.warning(w.get(lang));
    }
    if e.criteria
        .iter()
        .any(|c| label::criterion_short(*c, lang) != c.name().get(lang))
    {
        // The short column heads, spelled out once.
        let legend: Vec<String> = e
            .criteria
            .iter()
            .map(|c| {
                format!(
                    "{} = {}",
                    label::criterion_short(*c, lang),
                    label::criterion_name(*c, lang)
                )
            })
            .collect();
        doc.runs(vec![Inline::Emph(legend.join("; "))]);
    }

    if let Some(top) = e.ranking.first() {
        doc.heading(3, format!("{}: {}", t.why_top, name(top.key)));
        let items = top
            .criteria
            .iter()
            .map(|c| {
                vec![
                    Inline::Strong(label::criterion_name(c.criterion, lang)),
                    Inline::Text(format!(
                        " ({}, {} {}): {}",
                        number::decimal(c.score, 1, lang),
                        t.weight.to_lowercase(),
                        number::weight(c.weight, lang),
                        c.explanation.get(lang)
                    )),
                    Inline::Break,
                    Inline::Emph(format!(
                        "{}: {}",
                        t.sources,
                        cite::list(v.catalogue, &c.sources, lang, Markup::Plain)
                    )),
                ]
            })
            .collect();
        doc.push(Block::List {
            ordered: false,
            items,
        });
    }

    doc.heading(2, t.excluded);
    if e.excluded.is_empty() {
        doc.para(t.nothing_excluded);
    }
    for x in &e.excluded {
        doc.runs(vec![Inline::Strong(name(x.key))]);
        let mut items: Vec<Runs> = x.reasons.iter().map(|r| plain(r.get(lang))).collect();
        if !x.sources.is_empty() {
            items.push(vec![Inline::Emph(format!(
                "{}: {}",
                t.sources,
                cite::list(v.catalogue, &x.sources, lang, Markup::Plain)
            ))]);
        }
        doc.push(Block::List {
            ordered: false,
            items,
        });
    }

    doc.heading(2, t.landscape);
    if let Some(n) = v.profile.public_cloud.stance.chosen_note() {
        doc.runs(vec![Inline::Emph(n.get(lang).into())]);
    }
    doc.grid(
        vec![t.workload.into(), t.data_class.into(), t.placement.into()],
        vec![false, false, false],
        e.workloads
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    label::data_class_name(w.data, lang),
                    w.key
                        .map(name)
                        .unwrap_or_else(|| t.none_admissible.to_string()),
                ]
            })
            .collect(),
    );
    for w in &e.workloads {
        doc.runs(vec![
            Inline::Strong(w.name.clone()),
            Inline::Text(format!(": {}", w.explanation.get(lang))),
        ]);
        if !w.rules.is_empty() {
            let items = w
                .rules
                .iter()
                .map(|r| {
                    plain(format!(
                        "{}{} ({})",
                        if r.forbids_public { "✗ " } else { "" },
                        r.text.get(lang),
                        cite::list(v.catalogue, &r.citations, lang, Markup::Plain)
                    ))
                })
                .collect();
            doc.push(Block::List {
                ordered: false,
                items,
            });
        }
    }
    doc
}
