//! The decision note as one [`Document`], built once and rendered by every prose format
//! (Markdown, Word; the HTML note takes its front matter and annex numbering from here).
//!
//! The note opens as a Dutch council document (see [`super::council`]): beslispunten,
//! samenvatting, aanleiding, beoogd effect, argumenten, kanttekeningen en risico's, financiële
//! consequenties, vervolg. What the workshop built — the question, the weights, the ranking
//! with its explanations, exclusions, the layer picture, the landscape, the business case, the
//! collaboration form and the sources — follows as numbered annexes (bijlagen).
//!
//! The assembly is a list: [`annexes`] returns the annex chapters in order, each an anchor, a
//! title and a function `fn(&Note) -> Vec<Block>`. A new chapter (a group session's, a
//! portfolio's) is one more entry there, with its data carried in the [`Note`].

use super::svg;
use super::{AllocationNote, BusinessCaseNote, Note, Reference, ScenarioNote, SourceNote};
use crate::core::criteria::Criterion;
use crate::core::text::{self, Lang};
use crate::i18n::{case_strings, council, fill, report as labels, strings};
use crate::report::doc::{
    Block, Callout, Column, Document, Figure, Inline, Runs, Table, anchored, heading, para, plain,
};
use crate::report::number;

/// One annex chapter of the note.
pub struct Annex {
    /// A stable anchor (HTML id, Word bookmark), Dutch like the HTML note's.
    pub anchor: &'static str,
    /// The chapter's title (without "Bijlage n.").
    pub title: String,
    /// The chapter's content, without its heading.
    pub blocks: fn(&Note) -> Vec<Block>,
}

/// The annexes of a note, in order. Chapters without content for this note (no layer picture
/// without admissible candidates, no landscape without workloads, no business case without a
/// `[business_case]`) are left out, so the numbering has no gaps.
pub fn annexes(note: &Note) -> Vec<Annex> {
    let t = labels(note.language());
    let mut v = vec![
        Annex {
            anchor: "vraag",
            title: if note.subject.kind == "group" {
                t.ch_subject_group
            } else {
                t.ch_subject_single
            }
            .to_string(),
            blocks: subject,
        },
        Annex {
            anchor: "gewichten",
            title: t.ch_weights.to_string(),
            blocks: weights,
        },
        Annex {
            anchor: "ranglijst",
            title: t.ch_ranking.to_string(),
            blocks: ranking,
        },
        Annex {
            anchor: "uitgesloten",
            title: t.ch_excluded.to_string(),
            blocks: excluded,
        },
    ];
    if !note.layers.candidates.is_empty() {
        v.push(Annex {
            anchor: "lagen",
            title: t.ch_layers.to_string(),
            blocks: layers,
        });
    }
    if !note.landscape.workloads.is_empty() {
        v.push(Annex {
            anchor: "landschap",
            title: t.ch_landscape.to_string(),
            blocks: landscape,
        });
    }
    if let Some(p) = &note.portfolio {
        v.push(Annex {
            anchor: "portefeuille",
            title: first_heading(&p.chapter),
            blocks: portfolio_chapter,
        });
    }
    if note.business_case.is_some() {
        v.push(Annex {
            anchor: "businesscase",
            title: t.ch_business_case.to_string(),
            blocks: business_case_chapter,
        });
    }
    if !note.session.is_empty() {
        v.push(Annex {
            anchor: "sessie",
            title: session_title(note),
            blocks: session_record,
        });
    }
    v.push(Annex {
        anchor: "samenwerking",
        title: t.ch_obstacles.to_string(),
        blocks: collaboration,
    });
    if note.portfolio.is_some() {
        v.push(Annex {
            anchor: "applicaties",
            title: crate::i18n::note_doc(note.language())
                .applications_annex
                .to_string(),
            blocks: portfolio_annex,
        });
    }
    v.push(Annex {
        anchor: "bronnen",
        title: t.ch_sources.to_string(),
        blocks: sources,
    });
    v
}

/// The session record's title: the text of its first heading.
fn session_title(note: &Note) -> String {
    first_heading(&note.session)
}

/// The text of the first heading of `blocks`: the title of a chapter built elsewhere.
fn first_heading(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A chapter built elsewhere as an annex: without its first heading (the annex heading
/// replaces it) and the page breaks before it (the annex has its own), its other headings
/// under the annex (level 3 and 4).
fn as_annex(blocks: &[Block]) -> Vec<Block> {
    let mut first = true;
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::PageBreak if first => None,
            Block::Heading { level, text, id } => {
                if std::mem::take(&mut first) {
                    return None;
                }
                Some(Block::Heading {
                    level: (*level + 1).clamp(3, 4),
                    text: text.clone(),
                    id: id.clone(),
                })
            }
            other => Some(other.clone()),
        })
        .collect()
}

/// The session record as an annex.
pub fn session_record(note: &Note) -> Vec<Block> {
    as_annex(&note.session)
}

/// The portfolio chapter (counts per placement, roadmap per year, exceptions) as an annex.
fn portfolio_chapter(note: &Note) -> Vec<Block> {
    note.portfolio
        .as_ref()
        .map(|p| as_annex(&p.chapter))
        .unwrap_or_default()
}

/// The portfolio's per-application list as an annex.
fn portfolio_annex(note: &Note) -> Vec<Block> {
    note.portfolio
        .as_ref()
        .map(|p| as_annex(&p.annex))
        .unwrap_or_default()
}

/// An annex's heading text: "Bijlage 3. Ranglijst".
pub fn annex_title(lang: Lang, number: usize, title: &str) -> String {
    fill(
        council(lang).annex,
        &[("n", &number.to_string()), ("title", title)],
    )
}

/// The whole note as a document: title, council front matter, the annexes, the colophon.
pub fn document(note: &Note) -> Document {
    let lang = note.language();
    let t = labels(lang);
    let c = council(lang);
    let mut doc = Document::new(note.subject.question.clone(), lang);
    doc.push(anchored(1, note.subject.question.clone(), "titel"));
    doc.push(Block::Para(vec![Inline::Emph(format!(
        "{} · {}",
        t.doc_kind, note.subject.name
    ))]));
    let annexes = annexes(note);
    doc.extend(super::council::front_matter(note, &annexes));

    doc.push(Block::PageBreak);
    doc.push(anchored(2, c.annexes, "bijlagen"));
    doc.para(c.annexes_intro);
    doc.push(Block::List {
        ordered: false,
        items: annexes
            .iter()
            .enumerate()
            .map(|(i, a)| plain(annex_title(lang, i + 1, &a.title)))
            .collect(),
    });
    for (i, a) in annexes.iter().enumerate() {
        // The weights are short and follow the question on its page.
        if a.anchor != "gewichten" {
            doc.push(Block::PageBreak);
        }
        doc.push(anchored(2, annex_title(lang, i + 1, &a.title), a.anchor));
        doc.extend((a.blocks)(note));
    }
    doc.push(Block::Rule);
    doc.push(Block::Para(vec![Inline::Emph(t.colophon.to_string())]));
    doc
}

/// "[1] §3.3, §4.1; [2] §2".
pub fn refs(references: &[Reference]) -> String {
    references
        .iter()
        .map(|r| {
            if r.sections.is_empty() {
                format!("[{}]", r.source)
            } else {
                format!(
                    "[{}] {}",
                    r.source,
                    crate::report::cite::sections(&r.sections)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The anchor of source `n`'s row in the sources annex: `bron-3`.
pub fn source_anchor(n: usize) -> String {
    format!("bron-{n}")
}

/// "[1] §3.3, §4.1; [2] §2" as runs: each "[n]" a link to its row in the sources annex, the
/// sections in italics.
pub fn refs_runs(references: &[Reference]) -> Runs {
    let mut runs = Vec::new();
    for (i, r) in references.iter().enumerate() {
        if i > 0 {
            runs.push(Inline::Emph("; ".into()));
        }
        runs.push(Inline::Link {
            text: format!("[{}]", r.source),
            target: source_anchor(r.source),
        });
        if !r.sections.is_empty() {
            runs.push(Inline::Emph(format!(
                " {}",
                crate::report::cite::sections(&r.sections)
            )));
        }
    }
    merge_emphasis(runs)
}

/// Adjacent italic runs as one (Markdown writes `_a__b_` for two, which is not italic).
fn merge_emphasis(runs: Runs) -> Runs {
    let mut out: Runs = Vec::with_capacity(runs.len());
    for r in runs {
        match (out.last_mut(), r) {
            (Some(Inline::Emph(prev)), Inline::Emph(next)) => prev.push_str(&next),
            (_, r) => out.push(r),
        }
    }
    out
}

/// "(Bronnen: [1] §3.3)": the references in parentheses after `label`, linked.
fn refs_labelled(label: Option<&str>, references: &[Reference]) -> Runs {
    let mut runs = vec![Inline::Emph(match label {
        Some(l) => format!("({l}: "),
        None => "(".to_string(),
    })];
    runs.extend(refs_runs(references));
    runs.push(Inline::Emph(")".into()));
    merge_emphasis(runs)
}

/// A status as a badge: `binding` with its name.
fn status_badge(id: &str, name: &str) -> Runs {
    vec![Inline::Status {
        class: id.to_string(),
        text: name.to_string(),
    }]
}

/// A table cell: text followed by its references in italics, "… _[1] §3.3_" (the column
/// head says what they are; a separate column of references does not fit A4).
fn text_with_refs(text: &str, references: &[Reference]) -> Runs {
    let mut runs = vec![Inline::Text(text.to_string())];
    if !references.is_empty() {
        runs.push(Inline::Text(" ".into()));
        runs.extend(refs_runs(references));
    }
    runs
}

/// Text followed by its references in italics: "… (Bronnen: [1] §3.3)".
fn with_refs(text: String, lang: Lang, references: &[Reference]) -> Runs {
    let mut runs = vec![Inline::Text(text)];
    if !references.is_empty() {
        runs.push(Inline::Text(" ".into()));
        runs.extend(refs_labelled(Some(labels(lang).references), references));
    }
    runs
}

fn subject(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let n = &note.subject;
    let mut table = Table::new(vec![
        Column::text(s.municipality),
        Column::number(s.inhabitants),
        Column::number(s.workplaces),
        Column::text(s.current),
    ]);
    for m in &n.municipalities {
        table.row(vec![
            m.name.clone(),
            number::integer(u64::from(m.inhabitants), lang),
            number::integer(u64::from(m.workplaces), lang),
            m.current_name.clone().unwrap_or_else(|| "—".into()),
        ]);
    }
    if n.municipalities.len() > 1 {
        table.runs_row(vec![
            vec![Inline::Strong(t.total.into())],
            vec![Inline::Strong(number::integer(n.total_inhabitants, lang))],
            vec![Inline::Strong(number::integer(n.total_workplaces, lang))],
            vec![],
        ]);
    }
    vec![
        Block::Para(vec![
            Inline::Strong(format!("{}:", t.question)),
            Inline::Text(format!(" {}", n.question)),
        ]),
        Block::Table(table),
    ]
}

fn weights(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let mut table = Table::new(vec![
        Column::text(s.criterion),
        Column::number(t.raw_weight),
        Column::number(t.share),
    ]);
    for w in &note.weights {
        table.row(vec![
            w.name.clone(),
            number::decimal(w.raw, if w.raw.fract() == 0.0 { 0 } else { 2 }, lang),
            number::weight(w.share, lang),
        ]);
    }
    vec![para(t.weights_intro), Block::Table(table)]
}

/// A leader's rank in a heading: `1.`, or `1=` when shared.
pub(super) fn heading_rank(rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank}=")
    } else {
        format!("{rank}.")
    }
}

fn ranking(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let mut out = vec![para(format!(
        "{} {}–{}.",
        t.ranking_intro, note.scale[0], note.scale[1]
    ))];
    let mut columns = vec![
        Column {
            head: s.rank.into(),
            align: crate::report::doc::Align::Right,
            number: false,
        },
        Column::text(s.candidate),
        Column::number(s.total),
    ];
    // With more than six columns the full criterion names do not fit a number column of an A4
    // page ("Kostenvoorspelbaarheid"): short heads, spelled out under the table.
    let criterion = |id: &str| Criterion::ALL.iter().copied().find(|c| c.id() == id);
    let short = columns.len() + note.weights.len() > 6;
    let head = |w: &super::WeightNote| match criterion(w.criterion) {
        Some(c) if short => crate::report::label::criterion_short(c, lang).to_string(),
        _ => w.name.clone(),
    };
    columns.extend(note.weights.iter().map(|w| Column::number(head(w))));
    let legend: Vec<String> = note
        .weights
        .iter()
        .filter(|w| head(w) != w.name)
        .map(|w| format!("{} = {}", head(w), w.name))
        .collect();
    let mut table = Table::new(columns);
    for r in &note.ranking {
        let mut row = vec![
            plain(text::rank_compact(r.rank, r.tied)),
            plain(r.candidate.name.clone()),
            vec![Inline::Strong(number::score(r.total, lang))],
        ];
        row.extend(r.scores.iter().map(|c| plain(number::score(c.score, lang))));
        table.runs_row(row);
    }
    out.push(if note.ranking.is_empty() {
        Block::Table(table)
    } else {
        figure(svg::ranking_bars(note, "fig-ranking"), table)
    });
    if !legend.is_empty() {
        out.push(Block::Para(vec![Inline::Emph(legend.join("; "))]));
    }
    if let Some(tb) = &note.tie_break {
        out.push(Block::Para(vec![Inline::Emph(tb.clone())]));
    }
    for w in &note.warnings {
        out.push(Block::Callout {
            kind: Callout::Warning,
            body: plain(w.text.clone()),
        });
    }
    if note.leaders.is_empty() {
        return out;
    }
    out.push(heading(3, t.leaders_title));
    out.push(para(t.leaders_intro));
    for l in &note.leaders {
        let mut table = Table::new(vec![
            Column::text(s.criterion),
            Column::number(s.score),
            Column::number(s.weight),
            Column::number(t.contribution),
        ]);
        for c in &l.criteria {
            table.row(vec![
                c.name.clone(),
                number::score(c.score, lang),
                number::weight(c.weight, lang),
                number::score(c.contribution, lang),
            ]);
        }
        out.push(Block::KeepTogether(vec![
            heading(
                4,
                format!(
                    "{} {} ({})",
                    heading_rank(l.rank, l.tied),
                    l.candidate.name,
                    number::score(l.total, lang)
                ),
            ),
            Block::Table(table),
        ]));
        out.push(Block::List {
            ordered: false,
            items: l
                .criteria
                .iter()
                .map(|c| {
                    let mut runs = vec![
                        Inline::Strong(c.name.clone()),
                        Inline::Text(format!(": {} ", c.explanation)),
                    ];
                    runs.extend(refs_labelled(Some(t.references), &c.references));
                    runs
                })
                .collect(),
        });
    }
    out
}

fn excluded(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    if note.excluded.is_empty() {
        return vec![para(s.nothing_excluded)];
    }
    let mut table = Table::new(vec![Column::text(s.candidate), Column::text(s.reasons)]);
    for x in &note.excluded {
        let mut reasons: Runs = vec![];
        for r in &x.reasons {
            if !reasons.is_empty() {
                reasons.push(Inline::Break);
            }
            reasons.push(Inline::Text(r.clone()));
        }
        if !x.references.is_empty() {
            reasons.push(Inline::Break);
            reasons.extend(refs_labelled(Some(labels(lang).references), &x.references));
        }
        table.runs_row(vec![plain(x.candidate.name.clone()), reasons]);
    }
    vec![para(t.excluded_intro), Block::Table(table)]
}

fn layers(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let l = &note.layers;
    let mut columns = vec![Column::text(t.layer)];
    columns.extend(l.candidates.iter().map(|c| Column::text(c.name.clone())));
    let mut table = Table::new(columns);
    for row in &l.rows {
        let mut cells = vec![plain(row.name.clone())];
        for c in &row.cells {
            let mut text = format!(" — {}: {}; {}: {}", t.kept, c.kept, t.given_up, c.given_up);
            if let Some(to) = &c.given_to {
                text.push_str(&format!(" {} {to}", t.given_to));
            }
            cells.push(vec![
                Inline::Strong(c.level_name.clone()),
                Inline::Text(text),
            ]);
        }
        table.runs_row(cells);
    }
    for (label, values) in [
        (t.operations_by, &l.operations),
        (t.facility_by, &l.facility),
    ] {
        let mut cells = vec![plain(label)];
        cells.extend(values.iter().map(|v| plain(v.clone())));
        table.runs_row(cells);
    }
    vec![
        para(t.layers_intro),
        figure(svg::layer_matrix(note, "fig-layers"), table),
        Block::Para({
            let mut runs = vec![Inline::Emph(format!("{}: ", t.references))];
            runs.extend(refs_runs(&l.references));
            merge_emphasis(runs)
        }),
    ]
}

fn landscape(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let l = &note.landscape;
    let mut out = vec![para(t.landscape_intro)];
    if let Some(st) = &note.stance {
        out.push(Block::Para(vec![Inline::Emph(st.clone())]));
    }
    let mut table = Table::new(vec![
        Column::text(s.workload),
        Column::text(s.data_class),
        Column::text(s.placement),
        Column::number(t.workload_score),
        Column {
            head: t.overall_rank.into(),
            align: crate::report::doc::Align::Right,
            number: false,
        },
    ]);
    for w in &l.workloads {
        let mut name = vec![Inline::Text(w.name.clone())];
        if w.critical {
            name.push(Inline::Text(" ".into()));
            name.push(Inline::Emph(format!("({})", t.critical)));
        }
        table.runs_row(vec![
            name,
            plain(w.data_name.clone()),
            plain(
                w.placement
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| t.unplaced.to_string()),
            ),
            plain(w.score.map(|x| number::score(x, lang)).unwrap_or_default()),
            plain(
                w.overall_rank
                    .map(|r| text::rank_compact(r, w.overall_tied))
                    .unwrap_or_default(),
            ),
        ]);
    }
    out.push(figure(svg::landscape_boxes(note, "fig-landscape"), table));
    if !l.rules.is_empty() {
        let mut table = Table::new(vec![
            Column::text(t.rule),
            Column::text(s.applies_to),
            Column::text(t.effect),
            Column::text(s.status),
        ]);
        for r in &l.rules {
            table.runs_row(vec![
                text_with_refs(&r.text, &r.references),
                plain(r.applies_to.join(", ")),
                plain(r.effect_name.clone()),
                status_badge(r.status, &r.status_name),
            ]);
        }
        out.push(heading(3, t.rules_title));
        out.push(Block::Table(table));
    }
    out.push(heading(3, t.why_title));
    out.push(Block::List {
        ordered: false,
        items: l
            .why
            .iter()
            .map(|w| {
                let mut runs = vec![Inline::Strong(w.workloads.join(", "))];
                runs.extend(with_refs(
                    format!(": {}", w.explanation),
                    lang,
                    &w.references,
                ));
                runs
            })
            .collect(),
    });
    out
}

/// A return year, or "not within the horizon".
pub fn return_year(y: Option<u32>, lang: Lang) -> String {
    y.map(number::year)
        .unwrap_or_else(|| labels(lang).not_within_horizon.to_string())
}

fn business_case_chapter(note: &Note) -> Vec<Block> {
    note.business_case
        .as_ref()
        .map(|bc| business_case(bc, note.language()))
        .unwrap_or_default()
}

/// The business case chapter: per scenario shown, the yearly table of the estimate, the return
/// year per risk band and, for a starter group, the bills and the outcome per participant with
/// the losers flagged.
pub fn business_case(bc: &BusinessCaseNote, lang: Lang) -> Vec<Block> {
    let t = labels(lang);
    let mut out = vec![
        para(format!("{} {}", t.business_case_intro, t.bands_intro)),
        Block::Para({
            let mut runs = vec![Inline::Text(bc.selection_text.clone())];
            if !bc.references.is_empty() {
                runs.push(Inline::Text(" ".into()));
                runs.extend(refs_labelled(None, &bc.references));
            }
            runs
        }),
    ];
    for (i, s) in bc.scenarios.iter().enumerate() {
        scenario(&mut out, s, i + 1, lang);
    }
    out
}

/// A chart as a figure: its title, its description as the alt text, the SVG, and the table
/// of the figures it draws.
fn figure(chart: svg::Chart, data: Table) -> Block {
    Block::Figure(Figure {
        title: chart.title,
        description: chart.desc,
        svg: Some(chart.svg),
        data,
    })
}

/// The data behind a scenario's cash-flow chart: the cumulative cash flow per year of the
/// estimate and of every band.
fn cash_flow_data(s: &ScenarioNote, lang: Lang) -> Table {
    let t = labels(lang);
    let mut columns = vec![Column::number(t.year), Column::number(t.estimate)];
    columns.extend(s.bands.iter().map(|b| Column::number(b.name.clone())));
    let mut table = Table::new(columns);
    for (i, y) in s.years.iter().enumerate() {
        let mut row = vec![
            number::year(y.year),
            number::euros(y.cumulative_cash_flow, lang),
        ];
        row.extend(s.bands.iter().map(|b| {
            b.cumulative_cash_flow
                .get(i)
                .map(|v| number::euros(*v, lang))
                .unwrap_or_default()
        }));
        table.row(row);
    }
    table
}

fn scenario(out: &mut Vec<Block>, s: &ScenarioNote, n: usize, lang: Lang) {
    let t = labels(lang);
    out.push(heading(3, format!("{}: {}", t.scenario, s.label)));
    let standing = match s.rank {
        Some(r) => t.candidate_rank.replace("{rank}", &r.to_string()),
        None => t.candidate_excluded.to_string(),
    };
    // The candidate by name only: its id is for the JSON, not for the council.
    out.push(Block::Para(vec![Inline::Text(format!(
        "{}, {standing}; {}.{}",
        s.candidate.name,
        s.kind_name,
        if s.consolidated {
            format!(" {}", t.consolidated)
        } else {
            String::new()
        }
    ))]));
    let mut table = Table::new(
        [
            t.year,
            t.benefits,
            t.operating_costs,
            t.investments,
            t.total_costs,
            t.cash_flow,
            t.cumulative_benefits,
            t.cumulative_costs,
            t.cumulative_cash_flow,
        ]
        .into_iter()
        .map(Column::number)
        .collect(),
    );
    for y in &s.years {
        table.row(vec![
            number::year(y.year),
            number::euros(y.benefits, lang),
            number::euros(y.operating_costs, lang),
            number::euros(y.investments, lang),
            number::euros(y.total_costs, lang),
            number::euros(y.cash_flow, lang),
            number::euros(y.cumulative_benefits, lang),
            number::euros(y.cumulative_costs, lang),
            number::euros(y.cumulative_cash_flow, lang),
        ]);
    }
    if !s.years.is_empty() {
        out.push(figure(
            svg::cash_flow(s, lang, &format!("fig-cashflow-{n}")),
            cash_flow_data(s, lang),
        ));
    }
    out.push(Block::KeepTogether(vec![
        heading(4, t.estimate_title),
        para(format!("{}.", t.amounts_in_eur)),
        Block::Table(table),
    ]));
    let end = s
        .years
        .last()
        .map(|y| y.cumulative_cash_flow)
        .unwrap_or_default();
    out.push(Block::Para(vec![
        Inline::Text(format!(
            "{} ({}): ",
            t.return_year,
            t.estimate.to_lowercase()
        )),
        Inline::Strong(return_year(s.return_year, lang)),
        Inline::Text(format!(
            ". {}: {}. {}: {}.",
            t.end_balance,
            number::money(end, lang),
            t.residual,
            number::money(s.residual_book_value, lang)
        )),
    ]));
    let mut bands = Table::new(vec![
        Column::text(t.band),
        Column::number(t.cost_factor),
        Column::number(t.benefit_factor),
        Column::number(t.delay_months),
        Column::text(t.return_year),
        Column::number(t.end_balance),
    ]);
    for b in &s.bands {
        bands.row(vec![
            b.name.clone(),
            number::factor(b.cost_multiplier, lang),
            number::factor(b.benefit_multiplier, lang),
            b.delay_months.to_string(),
            return_year(b.return_year, lang),
            number::money(
                b.cumulative_cash_flow.last().copied().unwrap_or_default(),
                lang,
            ),
        ]);
    }
    out.push(Block::KeepTogether(vec![
        heading(4, t.bands_title),
        Block::Table(bands),
    ]));
    if let Some(a) = &s.allocation {
        allocation(out, s, a, lang);
    }
}

fn allocation(out: &mut Vec<Block>, s: &ScenarioNote, a: &AllocationNote, lang: Lang) {
    let t = labels(lang);
    out.push(heading(4, t.allocation_title));
    out.push(para(
        t.allocation_rule
            .replace("{provider}", &a.provider)
            .replace("{key}", &a.key_name)
            .replace("{tariff}", &a.tariff_name),
    ));
    out.push(para(format!(
        "{} ({}).",
        t.bills_title,
        case_strings(lang).whole_euros
    )));
    let mut columns = vec![Column::number(t.year)];
    columns.extend(
        a.participants
            .iter()
            .map(|p| Column::number(p.participant.clone())),
    );
    columns.push(Column::number(t.total));
    let mut bills = Table::new(columns);
    for (i, y) in s.years.iter().enumerate() {
        let mut row = vec![number::year(y.year)];
        row.extend(
            a.participants
                .iter()
                .map(|p| number::euros(p.bills.get(i).copied().unwrap_or_default(), lang)),
        );
        row.push(number::euros(
            a.provider_costs.get(i).copied().unwrap_or_default(),
            lang,
        ));
        bills.row(row);
    }
    out.push(Block::Table(bills));
    out.push(para(t.outcome_title));
    let mut columns = vec![
        Column::text(t.participant),
        Column::number(format!("{} ({})", t.usage, a.key_name)),
        Column::number(t.end_balance),
    ];
    columns.extend(
        s.bands
            .iter()
            .map(|b| Column::number(format!("{} {}", t.return_year, b.name))),
    );
    let mut outcome = Table::new(columns);
    for p in &a.participants {
        let mut name = vec![Inline::Text(p.participant.clone())];
        if p.loses_while_group_wins {
            name.push(Inline::Text(" — ".into()));
            name.push(Inline::Strong(t.loses.into()));
        }
        let mut row = vec![
            name,
            plain(number::factor(p.usage, lang)),
            plain(number::money(p.final_cumulative_cash_flow, lang)),
        ];
        row.extend(
            p.return_years
                .iter()
                .map(|y| plain(y.map_or_else(|| "—".to_string(), number::year))),
        );
        outcome.runs_row(row);
    }
    out.push(Block::Table(outcome));
    out.push(para(t.no_return_mark));
    let losers = a.losers();
    out.push(para(if losers.is_empty() {
        t.nobody_loses.to_string()
    } else {
        t.loses_note.replace("{names}", &losers.join(", "))
    }));
}

fn collaboration(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let c = &note.collaboration;
    let mut out = vec![];
    if let (Some(name), Some(summary)) = (&c.form_name, &c.form_summary) {
        let mut runs = vec![
            Inline::Strong(format!("{}:", t.form)),
            Inline::Text(format!(" {name}. {summary}")),
        ];
        if let Some(r) = &c.reference {
            runs.push(Inline::Text(" ".into()));
            runs.extend(refs_labelled(None, std::slice::from_ref(r)));
        }
        out.push(Block::Para(runs));
    }
    out.push(para(c.basis.clone()));
    if !c.rules.is_empty() {
        let mut table = Table::new(vec![Column::text(t.rule), Column::text(s.status)]);
        for r in &c.rules {
            table.runs_row(vec![
                text_with_refs(&r.text, &r.references),
                status_badge(r.status, &r.status_name),
            ]);
        }
        out.push(heading(3, t.option_rules_title));
        out.push(Block::Table(table));
    }
    if c.form.is_none() {
        return out;
    }
    if c.obstacles.is_empty() {
        out.push(para(t.no_obstacles));
        return out;
    }
    let mut table = Table::new(vec![Column::text(t.obstacle), Column::text(s.status)]);
    for o in &c.obstacles {
        let mut text = vec![Inline::Text(o.text.clone())];
        if let Some(h) = &o.historical {
            text.push(Inline::Text(" ".into()));
            text.push(Inline::Emph(format!("({h})")));
        }
        if let Some(r) = &o.reference {
            text.push(Inline::Text(" ".into()));
            text.extend(refs_runs(std::slice::from_ref(r)));
        }
        table.runs_row(vec![text, status_badge(o.status, &o.status_name)]);
    }
    out.push(Block::Table(table));
    out
}

/// A source as cited, with its title in italics: "KING (nu VNG), _Titel_, ca. 2012" or, for a
/// law, "_Wet …_ (Wgr)".
pub fn source_runs(src: &SourceNote) -> Runs {
    let short = if src.short.is_empty() {
        String::new()
    } else {
        format!(" ({})", src.short)
    };
    if src.publisher.is_empty() {
        vec![Inline::Emph(src.title.clone()), Inline::Text(short)]
    } else {
        vec![
            Inline::Text(format!("{}, ", src.publisher)),
            Inline::Emph(src.title.clone()),
            Inline::Text(format!("{short}, {}", src.date)),
        ]
    }
}

fn sources(note: &Note) -> Vec<Block> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let mut table = Table::new(vec![
        Column {
            head: "#".into(),
            align: crate::report::doc::Align::Right,
            number: false,
        },
        Column::text(t.document),
        Column::text(t.sections_used),
        Column::text(s.status),
    ]);
    for src in &note.sources {
        let mut doc = source_runs(src);
        if !src.identifier.is_empty() {
            doc.push(Inline::Text(format!(", {}", src.identifier)));
        }
        doc.push(Inline::Break);
        doc.push(Inline::Emph(src.note.clone()));
        if let Some(n) = &src.status_note {
            doc.push(Inline::Break);
            doc.push(Inline::Text(format!("⚠ {n}")));
        }
        // Age and checked date under the document: two more columns do not fit on A4.
        doc.push(Inline::Break);
        doc.push(Inline::Text(format!(
            "{}: {} · {}: {}",
            t.age,
            src.age_years
                .map(|n| t.years.replace("{n}", &n.to_string()))
                .unwrap_or_default(),
            t.checked,
            src.checked_text
        )));
        table.runs_row(vec![
            vec![
                Inline::Anchor(source_anchor(src.number)),
                Inline::Text(src.number.to_string()),
            ],
            doc,
            plain(if src.sections.is_empty() {
                "—".to_string()
            } else {
                src.sections.join("; ")
            }),
            status_badge(src.status, &src.status_name),
        ]);
    }
    vec![
        para(t.sources_intro),
        para(
            t.policy_checked
                .replace("{date}", &note.policy_checked_text),
        ),
        Block::Table(table),
    ]
}
