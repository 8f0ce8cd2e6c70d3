//! What the business-case report says, built once as a [`Document`]: the baseline
//! (nulmeting), the grounds a controller checks, and per scenario the detail lines, the yearly
//! table of Bijlage 1 per risk band with its return year, the one-risk-at-a-time sensitivity,
//! the known costs of the collaboration form, the effectiveness benefits (listed, never
//! summed) and, for a starter group, the provider's costs and the allocation per participant
//! with the flag for one that loses while the group wins. Amounts in whole euros (JSON, CSV
//! and the workbook keep the cents). `doc::text` and `doc::markdown` render it.

use super::{
    BusinessCaseView, GroupView, ScenarioView, band_name, euros, kind_name, labels,
    return_year_text, risk_name, row_fields,
};
use crate::core::business_case::{Band, Recurrence, Section, YearlyTable};
use crate::core::text::Lang;
use crate::i18n::CaseStrings;
use crate::report::cite::{self, Markup};
use crate::report::doc::{Block, Column, Document, Inline, Runs, Table, plain};
use crate::report::number;

/// A table with an unnamed label column and one number column per year.
fn year_table(years: usize, t: &CaseStrings) -> Table {
    let mut columns = vec![Column::text("")];
    columns.extend((1..=years).map(|y| Column::number(format!("{} {y}", t.year))));
    Table::new(columns)
}

/// The eight rows of Bijlage 1.
fn rows(table: &YearlyTable, t: &CaseStrings, lang: Lang) -> Table {
    let mut out = year_table(table.rows.len(), t);
    for (_, label, f) in row_fields(t) {
        let mut row = vec![label.to_string()];
        row.extend(table.rows.iter().map(|r| euros(f(r), lang)));
        out.row(row);
    }
    out
}

/// The detail lines, each labelled with its section.
fn lines(table: &YearlyTable, t: &CaseStrings, lang: Lang) -> Table {
    let mut out = year_table(table.rows.len(), t);
    for (section, name) in [
        (Section::Benefits, t.benefits),
        (Section::OperatingCosts, t.operating_costs),
        (Section::Investments, t.investments),
    ] {
        let mut of = table
            .lines
            .iter()
            .filter(|l| l.section == section)
            .peekable();
        if of.peek().is_some() {
            let mut row = vec![vec![Inline::Strong(name.to_string())]];
            row.resize(out.columns.len(), Vec::new());
            out.runs_row(row);
        }
        for l in of {
            let mut row = vec![super::grounds::line_label(&l.label, lang)];
            row.extend(l.amounts.iter().map(|a| euros(*a, lang)));
            out.row(row);
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn list(doc: &mut Document, items: Vec<Runs>) {
    doc.push(Block::List {
        ordered: false,
        items,
    });
}

fn scenario(doc: &mut Document, v: &BusinessCaseView<'_>, s: &ScenarioView<'_>) {
    let t = labels(v.lang);
    let lang = v.lang;
    let k = s.setup.candidate;
    doc.heading(
        2,
        format!("{} {}: {}", t.scenario, s.result.index + 1, s.setup.label),
    );
    doc.runs(vec![Inline::Text(format!(
        "{}, {}. {} ({}){}.",
        v.catalogue.candidate_name(k, lang),
        kind_name(s.setup.kind, t),
        t.difference,
        t.whole_euros,
        if s.group.is_some() {
            format!("; {}", t.group_consolidated.to_lowercase())
        } else {
            String::new()
        }
    ))]);
    let mut per_band = vec![Inline::Text(format!("{}: ", t.return_years))];
    for (i, band) in Band::ALL.iter().enumerate() {
        let y = s
            .bands
            .iter()
            .find(|b| b.band == *band)
            .and_then(|b| b.return_year);
        let sep = if i == 0 { "" } else { ", " };
        per_band.push(Inline::Text(format!("{sep}{} ", band_name(*band, t))));
        per_band.push(Inline::Strong(return_year_text(y, t)));
    }
    per_band.push(Inline::Text(".".into()));
    doc.runs(per_band);

    doc.heading(3, t.lines);
    doc.table(lines(s.estimate, t, lang));
    for b in s.bands {
        let a = &b.adjustment;
        doc.heading(
            3,
            format!(
                "{} ({} ×{}, {} ×{}, {} {} {})",
                band_name(b.band, t),
                t.costs_times,
                number::factor(a.cost_multiplier, lang),
                t.benefits_times,
                number::factor(a.benefit_multiplier, lang),
                t.delay,
                a.delay_months,
                t.months
            ),
        );
        doc.table(rows(&b.difference, t, lang));
        doc.runs(vec![
            Inline::Text(format!("{}: ", t.return_year)),
            Inline::Strong(return_year_text(b.return_year, t)),
        ]);
    }
    if !s.sensitivity.is_empty() {
        doc.para(format!("{}:", t.sensitivity));
        let items = s
            .sensitivity
            .iter()
            .map(|x| {
                plain(format!(
                    "{}: {} ({} {})",
                    risk_name(x.dimension, t),
                    return_year_text(x.return_year, t),
                    t.end_balance,
                    euros(x.final_cumulative_cash_flow, lang)
                ))
            })
            .collect();
        list(doc, items);
    }
    if !s.estimate.residual_book_value.is_zero() {
        doc.para(format!(
            "{}: {}",
            t.residual,
            euros(s.estimate.residual_book_value, lang)
        ));
    }
    if !s.result.known_costs.is_empty() {
        doc.para(format!("{}:", t.known_costs));
        let items = s
            .result
            .known_costs
            .iter()
            .map(|kc| {
                let amount = match &kc.per_participant {
                    Some(a) => format!(
                        "{}–{} {}, {}",
                        euros(a.low, lang),
                        euros(a.high, lang),
                        t.per_municipality,
                        match kc.recurrence {
                            Recurrence::Yearly => t.yearly,
                            Recurrence::OneOff => t.one_off,
                        }
                    ),
                    None => t.no_amount.to_string(),
                };
                plain(format!(
                    "{} ({amount}; {})",
                    crate::report::label::known_cost_label(&kc.id, &kc.label, lang),
                    cite::list(v.catalogue, &kc.source, lang, Markup::Plain)
                ))
            })
            .collect();
        list(doc, items);
    }
    if !s.effectiveness.is_empty() {
        doc.para(format!("{}:", t.effectiveness));
        let items = s
            .effectiveness
            .iter()
            .map(|e| {
                let mut runs = vec![Inline::Strong(e.label.clone())];
                if !e.description.is_empty() {
                    runs.push(Inline::Text(format!(": {}", e.description)));
                }
                runs
            })
            .collect();
        list(doc, items);
    }
    if let Some(g) = &s.group {
        allocation(doc, g, t, lang);
    }
}

/// A starter group: the provider's costs and what each participant pays and gains.
fn allocation(doc: &mut Document, g: &GroupView<'_>, t: &CaseStrings, lang: Lang) {
    doc.heading(
        3,
        format!(
            "{} ({} {}, {} {})",
            t.allocation,
            t.key,
            crate::report::label::key_name(&g.plan.rule.key, lang),
            t.tariff,
            crate::report::label::tariff_name(&g.plan.rule.tariff, lang)
        ),
    );
    doc.para(format!("{}:", t.provider_costs));
    doc.table(rows(&g.case.provider, t, lang));
    let years = g.case.allocations.len();
    let mut columns = vec![Column::text(t.participant), Column::number(t.usage)];
    columns.extend((1..=years).map(|y| Column::number(format!("{} {y}", t.bill))));
    columns.push(Column::number(format!(
        "{} ±{}%",
        t.bill_band,
        number::factor(g.uncertainty_pct, lang)
    )));
    columns.push(Column::number(format!(
        "{} {}/{}/{}",
        t.return_year, t.favourable, t.expected, t.unfavourable
    )));
    columns.push(Column::number(capitalised(t.end_balance)));
    let mut table = Table::new(columns);
    let mut losers = vec![];
    for ((o, p), band) in g
        .case
        .participants
        .iter()
        .zip(&g.plan.participants)
        .zip(&g.bill_bands)
    {
        let mut name = p.name.clone();
        if o.loses_while_group_wins {
            name.push_str(" (!)");
            losers.push(p.name.clone());
        }
        let mut row = vec![name, number::factor(p.usage(&g.plan.rule.key), lang)];
        row.extend(o.bills.iter().map(|b| euros(*b, lang)));
        row.push(band.as_ref().map_or("–".to_string(), |b| {
            format!("{}…{}", euros(b.low, lang), euros(b.high, lang))
        }));
        let per_band: Vec<String> = o
            .comparison
            .bands
            .iter()
            .map(|b| b.return_year.map_or("–".to_string(), |y| y.to_string()))
            .collect();
        row.push(per_band.join("/"));
        row.push(euros(
            o.comparison.difference.final_cumulative_cash_flow(),
            lang,
        ));
        table.row(row);
    }
    doc.table(table);
    for l in losers {
        doc.runs(vec![
            Inline::Text(format!("(!) {l}: ")),
            Inline::Strong(t.loses.to_string()),
        ]);
    }
}

/// The business case as a document.
pub fn business_case_doc(v: &BusinessCaseView<'_>) -> Document {
    let t = labels(v.lang);
    let lang = v.lang;
    let title = format!("{}: {}", t.title, v.profile.title);
    let mut doc = Document::new(title.clone(), lang);
    doc.heading(1, title);
    doc.para(format!(
        "{}: {} {}.",
        t.horizon,
        v.result.horizon.years(),
        t.years
    ));
    let g = super::grounds::grounds(v, v.coverage.as_ref());
    if let Some(c) = &g.coverage {
        doc.para(c.clone());
    }
    doc.heading(2, t.nulmeting);
    let mut baseline = Table::new(vec![
        Column::text(""),
        Column::number(t.visible),
        Column::number(t.implicit),
        Column::number(t.total),
    ]);
    for m in &v.setup.municipalities {
        let n = &m.measurement;
        let shock = n
            .shock_pct()
            .map(|p| format!(" (+{}%)", number::factor(p.round_dp(1), lang)))
            .unwrap_or_default();
        baseline.row(vec![
            n.municipality.clone(),
            euros(n.visible_total(), lang),
            format!("{}{shock}", euros(n.implicit_total(), lang)),
            euros(n.total(), lang),
        ]);
    }
    doc.table(baseline);
    doc.heading(2, g.heading);
    doc.list(g.items.clone());
    for s in v.scenarios() {
        scenario(&mut doc, v, &s);
    }
    doc
}
