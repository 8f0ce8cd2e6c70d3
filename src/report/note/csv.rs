//! The decision note as CSV: the data behind every table, one block per table, blocks separated
//! by an empty line. Every row starts with the table's name, so a spreadsheet filter on the
//! first column selects one table. Numbers are machine-readable (decimal point, no grouping,
//! weights as fractions), exactly as in the JSON; labels are in the note's language.

use super::Note;

/// Collects blocks of rows.
struct Blocks {
    out: String,
}

impl Blocks {
    fn block(&mut self, table: &str, header: &[&str], rows: Vec<Vec<String>>) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        let mut head = vec!["table".to_string()];
        head.extend(header.iter().map(|h| h.to_string()));
        self.line(&head);
        for r in rows {
            let mut line = vec![table.to_string()];
            line.extend(r);
            self.line(&line);
        }
    }

    fn line(&mut self, fields: &[String]) {
        self.out.push_str(&crate::report::csv::line(fields));
    }
}

use super::document::refs;

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The whole note as CSV blocks.
pub fn render(note: &Note) -> String {
    let mut b = Blocks { out: String::new() };
    let s = &note.subject;
    b.block(
        "subject",
        &[
            "question",
            "kind",
            "name",
            "municipality",
            "inhabitants",
            "workplaces",
            "current",
        ],
        s.municipalities
            .iter()
            .map(|m| {
                vec![
                    s.question.clone(),
                    s.kind.to_string(),
                    s.name.clone(),
                    m.name.clone(),
                    m.inhabitants.to_string(),
                    m.workplaces.to_string(),
                    opt(m.current),
                ]
            })
            .collect(),
    );
    b.block(
        "weights",
        &["criterion", "name", "points", "share"],
        note.weights
            .iter()
            .map(|w| {
                vec![
                    w.criterion.to_string(),
                    w.name.clone(),
                    w.raw.to_string(),
                    w.share.to_string(),
                ]
            })
            .collect(),
    );
    let mut ranking_head = vec![
        "rank",
        "tied",
        "candidate",
        "name",
        "option",
        "service_model",
        "deployment",
        "total",
    ];
    ranking_head.extend(note.weights.iter().map(|w| w.criterion));
    b.block(
        "ranking",
        &ranking_head,
        note.ranking
            .iter()
            .map(|r| {
                let mut row = vec![
                    r.rank.to_string(),
                    r.tied.to_string(),
                    r.candidate.id.clone(),
                    r.candidate.name.clone(),
                    r.candidate.option.to_string(),
                    r.candidate.service_model.to_string(),
                    r.candidate.deployment.to_string(),
                    r.total.to_string(),
                ];
                row.extend(r.scores.iter().map(|c| c.score.to_string()));
                row
            })
            .collect(),
    );
    // Only when there is a warning: an empty block would have no rows to name it.
    if !note.warnings.is_empty() {
        b.block(
            "warnings",
            &["criterion", "score", "text"],
            note.warnings
                .iter()
                .map(|w| vec![w.criterion.to_string(), w.score.to_string(), w.text.clone()])
                .collect(),
        );
    }
    b.block(
        "leaders",
        &[
            "rank",
            "candidate",
            "criterion",
            "score",
            "weight",
            "contribution",
            "explanation",
            "sources",
        ],
        note.leaders
            .iter()
            .flat_map(|l| {
                l.criteria.iter().map(move |c| {
                    let sources = refs(&c.references);
                    vec![
                        l.rank.to_string(),
                        l.candidate.id.clone(),
                        c.criterion.to_string(),
                        c.score.to_string(),
                        c.weight.to_string(),
                        c.contribution.to_string(),
                        c.explanation.clone(),
                        sources,
                    ]
                })
            })
            .collect(),
    );
    b.block(
        "excluded",
        &["candidate", "name", "reason"],
        note.excluded
            .iter()
            .flat_map(|x| {
                x.reasons
                    .iter()
                    .map(|r| vec![x.candidate.id.clone(), x.candidate.name.clone(), r.clone()])
            })
            .collect(),
    );
    let l = &note.layers;
    b.block(
        "layers",
        &[
            "layer",
            "name",
            "candidate",
            "level",
            "kept",
            "given_up",
            "given_to",
            "operations_by",
            "facility_by",
        ],
        l.rows
            .iter()
            .flat_map(|row| {
                row.cells.iter().enumerate().map(move |(i, c)| {
                    vec![
                        row.layer.to_string(),
                        row.name.clone(),
                        l.candidates[i].id.clone(),
                        c.level.to_string(),
                        c.kept.clone(),
                        c.given_up.clone(),
                        c.given_to.clone().unwrap_or_default(),
                        l.operations[i].clone(),
                        l.facility[i].clone(),
                    ]
                })
            })
            .collect(),
    );
    b.block(
        "landscape",
        &[
            "workload",
            "data",
            "critical",
            "models",
            "candidate",
            "name",
            "score",
            "overall_rank",
            "rules",
        ],
        note.landscape
            .workloads
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    w.data.to_string(),
                    w.critical.to_string(),
                    w.models.join(" "),
                    w.placement
                        .as_ref()
                        .map(|p| p.id.clone())
                        .unwrap_or_default(),
                    w.placement
                        .as_ref()
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    opt(w.score),
                    opt(w.overall_rank),
                    w.rules.join(" "),
                ]
            })
            .collect(),
    );
    b.block(
        "rules",
        &["rule", "text", "effect", "applies_to", "status", "source"],
        note.landscape
            .rules
            .iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.text.clone(),
                    r.effect.to_string(),
                    r.applies_to.join("; "),
                    r.status.to_string(),
                    refs(&r.references),
                ]
            })
            .collect(),
    );
    if let Some(bc) = &note.business_case {
        b.block(
            "business_case_scenarios",
            &[
                "scenario",
                "kind",
                "candidate",
                "rank",
                "consolidated",
                "horizon",
                "return_year",
                "residual_book_value",
                "selection",
            ],
            bc.scenarios
                .iter()
                .map(|s| {
                    vec![
                        s.label.clone(),
                        s.kind.to_string(),
                        s.candidate.id.clone(),
                        opt(s.rank),
                        s.consolidated.to_string(),
                        bc.horizon.to_string(),
                        opt(s.return_year),
                        s.residual_book_value.to_string(),
                        bc.selection.to_string(),
                    ]
                })
                .collect(),
        );
        b.block(
            "business_case_years",
            &[
                "scenario",
                "year",
                "benefits",
                "operating_costs",
                "investments",
                "total_costs",
                "cash_flow",
                "cumulative_benefits",
                "cumulative_costs",
                "cumulative_cash_flow",
            ],
            bc.scenarios
                .iter()
                .flat_map(|s| {
                    s.years.iter().map(|y| {
                        vec![
                            s.label.clone(),
                            y.year.to_string(),
                            y.benefits.to_string(),
                            y.operating_costs.to_string(),
                            y.investments.to_string(),
                            y.total_costs.to_string(),
                            y.cash_flow.to_string(),
                            y.cumulative_benefits.to_string(),
                            y.cumulative_costs.to_string(),
                            y.cumulative_cash_flow.to_string(),
                        ]
                    })
                })
                .collect(),
        );
        b.block(
            "business_case_bands",
            &[
                "scenario",
                "band",
                "name",
                "cost_multiplier",
                "benefit_multiplier",
                "delay_months",
                "return_year",
                "year",
                "cumulative_cash_flow",
            ],
            bc.scenarios
                .iter()
                .flat_map(|s| {
                    s.bands.iter().flat_map(move |x| {
                        x.cumulative_cash_flow
                            .iter()
                            .zip(&s.years)
                            .map(move |(c, y)| {
                                vec![
                                    s.label.clone(),
                                    x.band.to_string(),
                                    x.name.clone(),
                                    x.cost_multiplier.to_string(),
                                    x.benefit_multiplier.to_string(),
                                    x.delay_months.to_string(),
                                    opt(x.return_year),
                                    y.year.to_string(),
                                    c.to_string(),
                                ]
                            })
                    })
                })
                .collect(),
        );
    }
    if let Some(bc) = note
        .business_case
        .as_ref()
        .filter(|bc| bc.scenarios.iter().any(|s| s.allocation.is_some()))
    {
        b.block(
            "business_case_bills",
            &[
                "scenario",
                "provider",
                "allocation_key",
                "tariff",
                "participant",
                "year",
                "bill",
            ],
            bc.scenarios
                .iter()
                .filter_map(|s| s.allocation.as_ref().map(|a| (s, a)))
                .flat_map(|(s, a)| {
                    a.participants.iter().flat_map(move |p| {
                        p.bills.iter().zip(&s.years).map(move |(bill, y)| {
                            vec![
                                s.label.clone(),
                                a.provider.clone(),
                                a.key.to_string(),
                                a.tariff.to_string(),
                                p.participant.clone(),
                                y.year.to_string(),
                                bill.to_string(),
                            ]
                        })
                    })
                })
                .collect(),
        );
        b.block(
            "business_case_participants",
            &[
                "scenario",
                "participant",
                "usage",
                "final_cumulative_cash_flow",
                "return_year_favourable",
                "return_year_expected",
                "return_year_unfavourable",
                "loses_while_group_wins",
            ],
            bc.scenarios
                .iter()
                .filter_map(|s| s.allocation.as_ref().map(|a| (s, a)))
                .flat_map(|(s, a)| {
                    a.participants.iter().map(move |p| {
                        let band = |id: &str| {
                            s.bands
                                .iter()
                                .position(|b| b.band == id)
                                .and_then(|i| p.return_years.get(i).copied().flatten())
                        };
                        vec![
                            s.label.clone(),
                            p.participant.clone(),
                            p.usage.to_string(),
                            p.final_cumulative_cash_flow.to_string(),
                            opt(band("favourable")),
                            opt(band("expected")),
                            opt(band("unfavourable")),
                            p.loses_while_group_wins.to_string(),
                        ]
                    })
                })
                .collect(),
        );
    }
    let c = &note.collaboration;
    b.block(
        "obstacles",
        &["form", "obstacle", "text", "status", "source", "historical"],
        c.obstacles
            .iter()
            .map(|o| {
                vec![
                    opt(c.form),
                    o.id.clone(),
                    o.text.clone(),
                    o.status.to_string(),
                    o.reference
                        .as_ref()
                        .map(|x| refs(std::slice::from_ref(x)))
                        .unwrap_or_default(),
                    o.historical.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    );
    b.block(
        "option_rules",
        &["option", "rule", "text", "status", "source"],
        c.rules
            .iter()
            .map(|r| {
                vec![
                    opt(c.option),
                    r.id.clone(),
                    r.text.clone(),
                    r.status.to_string(),
                    refs(&r.references),
                ]
            })
            .collect(),
    );
    b.block(
        "sources",
        &[
            "number",
            "source",
            "document",
            "identifier",
            "year",
            "kind",
            "status",
            "status_note",
            "sections",
            "checked",
        ],
        note.sources
            .iter()
            .map(|s| {
                vec![
                    s.number.to_string(),
                    s.id.clone(),
                    s.document.clone(),
                    s.identifier.clone(),
                    s.year.to_string(),
                    s.kind.to_string(),
                    s.status.to_string(),
                    s.status_note.clone().unwrap_or_default(),
                    s.sections.join("; "),
                    s.checked.clone(),
                ]
            })
            .collect(),
    );
    b.out
}
