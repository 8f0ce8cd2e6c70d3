//! The decision note's portfolio chapter (issue 16): counts per placement, the roadmap per
//! year, the exceptions that need a decision, and the full per-application list as an annex.
//! Built as `report::doc` blocks; the lead plugs the chapter into the note. Until the shared
//! renderers of `report::doc` land, [`markdown`] and [`text`] here render these blocks for the
//! `portfolio` command and the golden tests.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::core::catalogue::DataClass;
use crate::core::portfolio::place::Exception;
use crate::core::portfolio::roadmap::MoveBasis;
use crate::report::cite::{self, Markup};
use crate::report::doc::{Block, Column, Inline, Table, plain};
use crate::report::number;
use crate::report::portfolio::{PortfolioView, date};

fn heading(level: u8, text: &str, id: &str) -> Block {
    Block::Heading {
        level,
        text: text.to_string(),
        id: Some(id.to_string()),
    }
}

/// Counts per placement as a table.
fn counts_table(v: &PortfolioView<'_>) -> Table {
    let s = v.s();
    Table {
        caption: Some(s.per_placement.to_string()),
        columns: vec![Column::text(s.placement), Column::number(s.count)],
        rows: v
            .placement
            .counts()
            .into_iter()
            .map(|(k, n)| vec![v.placement_name(k), number::integer(n as u64, v.lang)])
            .map(|r| r.into_iter().map(crate::report::doc::plain).collect())
            .collect(),
    }
}

/// The roadmap: per year and quarter, upcoming notice deadlines, what stays, what is undated.
pub fn roadmap_blocks(v: &PortfolioView<'_>) -> Vec<Block> {
    let s = v.s();
    let r = v.roadmap;
    let mut out = vec![
        heading(2, s.roadmap, "portfolio-roadmap"),
        Block::Para(plain(format!(
            "{}: {}. {}",
            s.as_of,
            date(r.as_of, v.lang),
            s.roadmap_rule
        ))),
    ];
    let mut per_quarter = Table {
        caption: Some(s.moves.to_string()),
        columns: vec![
            Column::text(s.year),
            Column::text(s.quarter),
            Column::number(s.moves),
            Column::number(s.yearly_cost),
        ],
        rows: vec![],
    };
    for q in &r.quarters {
        per_quarter.row(vec![
            number::year(q.year.unsigned_abs()),
            format!("Q{}", q.quarter),
            number::integer(q.moves.len() as u64, v.lang),
            number::money(q.yearly_cost, v.lang),
        ]);
    }
    out.push(Block::Table(per_quarter));
    if r.moves
        .iter()
        .any(|m| matches!(m.basis, MoveBasis::AfterRenewal { .. }))
    {
        out.push(Block::Para(plain(s.renewal_assumption)));
    }
    out.push(heading(3, s.upcoming, "portfolio-upcoming"));
    let mut upcoming = Table {
        caption: None,
        columns: vec![
            Column::text(s.notice_by),
            Column::text(s.package),
            Column::text(s.owner),
            Column::text(s.move_date),
            Column::text(s.placement),
        ],
        rows: vec![],
    };
    for &j in &r.upcoming_notice {
        let m = &r.moves[j];
        let a = &v.portfolio.applications[m.app];
        upcoming.row(vec![
            date(m.notice_deadline, v.lang),
            a.package.clone(),
            a.owner.clone(),
            date(m.date, v.lang),
            v.placement_name(v.placement.apps[m.app].key),
        ]);
    }
    if upcoming.rows.is_empty() {
        out.push(Block::Para(plain(s.none)));
    } else {
        out.push(Block::Table(upcoming));
    }
    for (title, id, list) in [
        (s.what_stays, "portfolio-stays", &r.stays),
        (s.undated, "portfolio-undated", &r.undated),
        (s.unplaced, "portfolio-unplaced", &r.unplaced),
    ] {
        out.push(heading(3, &format!("{title} ({})", list.len()), id));
        // Grouped by department, so a long list stays readable.
        let mut by_owner: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for &i in list {
            let a = &v.portfolio.applications[i];
            by_owner
                .entry(a.owner.as_str())
                .or_default()
                .push(a.package.as_str());
        }
        if by_owner.is_empty() {
            out.push(Block::Para(plain(s.none)));
        } else {
            out.push(Block::List {
                ordered: false,
                items: by_owner
                    .into_iter()
                    .map(|(o, mut p)| {
                        p.sort_unstable();
                        let owner = if o.is_empty() { "—" } else { o };
                        vec![
                            Inline::Strong(format!("{owner}: ")),
                            Inline::Text(p.join(", ")),
                        ]
                    })
                    .collect(),
            });
        }
    }
    out
}

/// The chapter: counts per placement, the portfolio's yearly cost, the roadmap per year, and
/// the exceptions that need a decision (grouped by kind, with their sources).
pub fn portfolio_chapter(v: &PortfolioView<'_>) -> Vec<Block> {
    let s = v.s();
    let n = v.portfolio.applications.len();
    let mut out = vec![
        heading(1, s.title, "portfolio"),
        Block::Para(plain(format!(
            "{} {}. {}: {}.",
            number::integer(n as u64, v.lang),
            s.applications,
            s.total_cost,
            number::money(v.total_cost(), v.lang)
        ))),
        Block::Table(counts_table(v)),
    ];
    // Per year only: the quarters are in the annex-level roadmap view.
    let mut per_year = Table {
        caption: Some(s.moves.to_string()),
        columns: vec![
            Column::text(s.year),
            Column::number(s.moves),
            Column::number(s.yearly_cost),
        ],
        rows: vec![],
    };
    for (y, count, cost) in v.roadmap.per_year() {
        per_year.row(vec![
            number::year(y.unsigned_abs()),
            number::integer(count as u64, v.lang),
            number::money(cost, v.lang),
        ]);
    }
    out.push(heading(2, s.roadmap, "portfolio-roadmap-years"));
    out.push(Block::Para(plain(format!(
        "{}: {}. {}",
        s.as_of,
        date(v.roadmap.as_of, v.lang),
        s.roadmap_rule
    ))));
    out.push(Block::Table(per_year));
    out.push(Block::Para(plain(format!(
        "{}: {}. {}: {}. {}: {}.",
        s.what_stays,
        number::integer(v.roadmap.stays.len() as u64, v.lang),
        s.undated,
        number::integer(v.roadmap.undated.len() as u64, v.lang),
        s.unplaced,
        number::integer(v.roadmap.unplaced.len() as u64, v.lang),
    ))));

    out.push(heading(2, s.decisions, "portfolio-exceptions"));
    // Grouped by kind: one line per kind with the applications and the sources.
    let mut kinds: BTreeMap<u8, (String, Vec<String>, Vec<crate::core::catalogue::Citation>)> =
        BTreeMap::new();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in v.placement.apps.iter().enumerate() {
        for e in &p.exceptions {
            if let Exception::UnknownComponents { components } = e {
                for c in components {
                    *unknown.entry(c.clone()).or_default() += 1;
                }
                continue;
            }
            let title = match e {
                Exception::DataOutsideEea { .. } => s.exc_outside_eea.to_string(),
                Exception::NonEuJurisdiction { .. } => s.exc_non_eu_jurisdiction.to_string(),
                other => v.exception_text(other),
            };
            let entry = kinds
                .entry(severity(e))
                .or_insert_with(|| (title, vec![], e.citations()));
            entry.1.push(v.portfolio.applications[i].package.clone());
        }
    }
    if kinds.is_empty() && unknown.is_empty() {
        out.push(Block::Para(plain(s.no_exceptions)));
    } else {
        let items = kinds
            .into_values()
            .map(|(title, mut apps, cites)| {
                apps.sort();
                let mut runs = vec![
                    Inline::Strong(format!("{title} ({}): ", apps.len())),
                    Inline::Text(apps.join(", ")),
                ];
                if !cites.is_empty() {
                    runs.push(Inline::Emph(format!(
                        " — {}",
                        cite::list(v.catalogue, &cites, v.lang, Markup::Plain)
                    )));
                }
                runs
            })
            .collect();
        out.push(Block::List {
            ordered: false,
            items,
        });
        if !unknown.is_empty() {
            out.push(heading(
                3,
                s.unknown_components,
                "portfolio-unknown-components",
            ));
            out.push(Block::List {
                ordered: false,
                items: unknown
                    .into_iter()
                    .map(|(c, n)| {
                        plain(format!(
                            "{c} ({} {})",
                            number::integer(n as u64, v.lang),
                            s.applications
                        ))
                    })
                    .collect(),
            });
        }
    }
    out
}

/// The order of exception kinds in the chapter: law and policy first, then what blocks a
/// placement, then planning gaps.
fn severity(e: &Exception) -> u8 {
    match e {
        Exception::NonEuJurisdiction { .. } => 0,
        Exception::DataOutsideEea { .. } => 1,
        Exception::CriticalOnPublic => 2,
        Exception::NoCandidate => 3,
        Exception::Unclassified => 4,
        Exception::UnknownComponents { .. } => 5,
        Exception::DigidMoves => 6,
        Exception::NoContractEnd => 7,
        Exception::UnknownCollaboration { .. } => 8,
    }
}

/// The annex: every application with its class (and where it came from), placement, move date
/// and exceptions.
pub fn portfolio_annex(v: &PortfolioView<'_>) -> Vec<Block> {
    let s = v.s();
    let mut t = Table {
        caption: None,
        columns: vec![
            Column::text(s.package),
            Column::text(s.owner),
            Column::text(s.data_class),
            Column::text(s.class_from),
            Column::text(s.today),
            Column::text(s.placement),
            Column::text(s.move_date),
            Column::text(s.exceptions),
        ],
        rows: vec![],
    };
    for (i, a) in v.portfolio.applications.iter().enumerate() {
        t.row(vec![
            a.package.clone(),
            a.owner.clone(),
            v.class_name(i),
            v.class_source(i),
            v.hosting_name(a.hosting).to_string(),
            v.placement_name(v.placement.apps[i].key),
            v.move_text(i),
            v.exceptions_text(i),
        ]);
    }
    vec![
        Block::PageBreak,
        heading(1, s.annex, "portfolio-annex"),
        Block::Table(t),
    ]
}

/// The portfolio as the decision note carries it: the data of the chapter and the annex for
/// the JSON note (ids, ISO dates, amounts as strings), and both as document blocks for the
/// prose formats (built once, when the note is built, since they need the placement and the
/// roadmap the note does not keep).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioNote {
    /// The date the roadmap counts from (`YYYY-MM-DD`).
    pub as_of: String,
    pub applications: usize,
    /// The portfolio's yearly cost today.
    pub yearly_cost: Decimal,
    pub counts: Vec<PlacementCountNote>,
    pub years: Vec<RoadmapYearNote>,
    /// How many applications stay where they are, have no move date, are not placed.
    pub stays: usize,
    pub undated: usize,
    pub unplaced: usize,
    /// Every application with its placement and exceptions, in the portfolio's order.
    pub list: Vec<ApplicationNote>,
    /// The chapter as blocks (its first heading is the chapter's title).
    #[serde(skip)]
    pub chapter: Vec<Block>,
    /// The per-application annex as blocks (its first heading is the annex's title).
    #[serde(skip)]
    pub annex: Vec<Block>,
}

/// How many applications go to one placement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementCountNote {
    /// The candidate id; `None` for the applications not placed.
    pub placement: Option<String>,
    pub name: String,
    pub count: usize,
}

/// The moves of one year of the roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapYearNote {
    pub year: i32,
    pub moves: usize,
    /// The yearly cost of the applications that move that year.
    pub yearly_cost: Decimal,
}

/// One application of the portfolio in the note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationNote {
    pub package: String,
    pub owner: String,
    pub data_class: Option<DataClass>,
    /// The candidate id; `None` when not placed.
    pub placement: Option<String>,
    pub stays: bool,
    /// The planned move date (`YYYY-MM-DD`), when it moves and the date is known.
    pub move_date: Option<String>,
    /// What the room must decide or fix for it.
    pub exceptions: Vec<Exception>,
}

impl PortfolioNote {
    /// The note's portfolio from a placed portfolio and its roadmap.
    pub fn build(v: &PortfolioView<'_>) -> PortfolioNote {
        let r = v.roadmap;
        PortfolioNote {
            as_of: r.as_of.iso(),
            applications: v.portfolio.applications.len(),
            yearly_cost: v.total_cost(),
            counts: v
                .placement
                .counts()
                .into_iter()
                .map(|(k, count)| PlacementCountNote {
                    placement: k.map(|k| k.id()),
                    name: v.placement_name(k),
                    count,
                })
                .collect(),
            years: r
                .per_year()
                .into_iter()
                .map(|(year, moves, yearly_cost)| RoadmapYearNote {
                    year,
                    moves,
                    yearly_cost,
                })
                .collect(),
            stays: r.stays.len(),
            undated: r.undated.len(),
            unplaced: r.unplaced.len(),
            list: v
                .portfolio
                .applications
                .iter()
                .zip(&v.placement.apps)
                .enumerate()
                .map(|(i, (a, p))| ApplicationNote {
                    package: a.package.clone(),
                    owner: a.owner.clone(),
                    data_class: p.classified.data,
                    placement: p.key.map(|k| k.id()),
                    stays: p.stays,
                    move_date: r.moves.iter().find(|m| m.app == i).map(|m| m.date.iso()),
                    exceptions: p.exceptions.clone(),
                })
                .collect(),
            chapter: portfolio_chapter(v),
            annex: portfolio_annex(v),
        }
    }
}

/// Renders blocks as Markdown, through the document model's Markdown renderer.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    crate::report::doc::markdown::blocks(&mut out, blocks);
    out
}

/// Renders blocks as terminal text, through the document model's text renderer.
pub fn text(blocks: &[Block]) -> String {
    crate::report::doc::text::render(&crate::report::doc::Document {
        title: String::new(),
        lang: crate::core::text::Lang::Nl,
        blocks: blocks.to_vec(),
    })
}
