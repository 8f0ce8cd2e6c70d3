//! `business-case --format csv`: one sheet, one row per (scenario, band, table row), per
//! detail line, and per participant's bill, with a `section` column and one column per year.
//! Money has two decimals, like the JSON.

use super::{BusinessCaseView, ScenarioView, band_id, money, row_fields};
use crate::core::business_case::{Section, YearlyTable};

fn row(fields: &[String]) -> String {
    crate::report::csv::line(fields)
}

/// The fixed columns before the years.
const HEAD: [&str; 9] = [
    "section",
    "scenario",
    "candidate",
    "stakeholder",
    "band",
    "part",
    "item",
    "return_year",
    "loses_while_group_wins",
];

#[allow(clippy::too_many_arguments)]
fn record(
    out: &mut String,
    section: &str,
    s: &ScenarioView<'_>,
    stakeholder: &str,
    band: &str,
    part: &str,
    item: &str,
    return_year: Option<u32>,
    loses: Option<bool>,
    years: impl Iterator<Item = String>,
) {
    let mut f = vec![
        section.to_string(),
        s.setup.label.clone(),
        s.setup.candidate.id(),
        stakeholder.to_string(),
        band.to_string(),
        part.to_string(),
        item.to_string(),
        return_year.map_or(String::new(), |y| y.to_string()),
        loses.map_or(String::new(), |l| l.to_string()),
    ];
    f.extend(years);
    out.push_str(&row(&f));
}

fn table_rows(
    out: &mut String,
    s: &ScenarioView<'_>,
    stakeholder: &str,
    band: &str,
    table: &YearlyTable,
    v: &BusinessCaseView<'_>,
) {
    for (id, _, f) in row_fields(super::labels(v.lang)) {
        record(
            out,
            "row",
            s,
            stakeholder,
            band,
            "",
            id,
            table.return_year,
            None,
            table.rows.iter().map(|r| money(f(r))),
        );
    }
}

fn scenario(out: &mut String, v: &BusinessCaseView<'_>, s: &ScenarioView<'_>) {
    let who = s.stakeholder;
    for l in &s.estimate.lines {
        let part = match l.section {
            Section::Benefits => "benefits",
            Section::OperatingCosts => "operating_costs",
            Section::Investments => "investments",
        };
        record(
            out,
            "line",
            s,
            who,
            "estimate",
            part,
            &l.label,
            None,
            None,
            l.amounts.iter().map(|a| money(*a)),
        );
    }
    table_rows(out, s, who, "estimate", s.estimate, v);
    for b in s.bands {
        table_rows(out, s, who, band_id(b.band), &b.difference, v);
    }
    if let Some(g) = &s.group {
        table_rows(out, s, "provider", "estimate", &g.case.provider, v);
        for (o, p) in g.case.participants.iter().zip(&g.plan.participants) {
            record(
                out,
                "bill",
                s,
                &p.name,
                "estimate",
                "",
                "bill",
                o.comparison.difference.return_year,
                Some(o.loses_while_group_wins),
                o.bills.iter().map(|b| money(*b)),
            );
            for b in &o.comparison.bands {
                table_rows(out, s, &p.name, band_id(b.band), &b.difference, v);
            }
        }
    }
}

/// The business case as CSV.
pub fn business_case(v: &BusinessCaseView<'_>) -> String {
    let years = v.result.horizon.len();
    let mut head: Vec<String> = HEAD.iter().map(|h| h.to_string()).collect();
    head.extend((1..=years).map(|y| format!("year_{y}")));
    let mut out = row(&head);
    for s in v.scenarios() {
        scenario(&mut out, v, &s);
    }
    out
}
