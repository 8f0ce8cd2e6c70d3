//! `business-case --format markdown`: the business case for a council proposal or a
//! steering-group memo, amounts in whole euros.

use std::fmt::Write;

use super::{
    BusinessCaseView, ScenarioView, band_name, euros, key_id, kind_name, labels, number,
    return_year_text, risk_name, row_fields,
};
use crate::core::business_case::{Band, Section, YearlyTable};
use crate::core::text::Lang;
use crate::i18n::CaseStrings;
use crate::report::markdown::cell;

fn header(out: &mut String, first: &str, n: usize, t: &CaseStrings) {
    let mut head = format!("| {} |", cell(first));
    let mut sep = "|---|".to_string();
    for y in 1..=n {
        head.push_str(&format!(" {} {y} |", t.year));
        sep.push_str("---:|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
}

fn row(out: &mut String, label: &str, values: impl Iterator<Item = String>) {
    let mut line = format!("| {} |", cell(label));
    for v in values {
        line.push_str(&format!(" {v} |"));
    }
    let _ = writeln!(out, "{line}");
}

fn rows(out: &mut String, table: &YearlyTable, t: &CaseStrings, lang: Lang) {
    header(out, "", table.rows.len(), t);
    for (_, label, f) in row_fields(t) {
        row(out, label, table.rows.iter().map(|r| euros(f(r), lang)));
    }
}

fn scenario(out: &mut String, v: &BusinessCaseView<'_>, s: &ScenarioView<'_>) {
    let t = labels(v.lang);
    let lang = v.lang;
    let k = s.setup.candidate;
    let _ = writeln!(
        out,
        "\n## {} {}: {}\n",
        t.scenario,
        s.result.index + 1,
        cell(&s.setup.label)
    );
    let _ = writeln!(
        out,
        "{} (`{}`), {}. {} ({}){}.\n",
        v.catalogue.candidate_name(k, lang),
        k.id(),
        kind_name(s.setup.kind, t),
        t.difference,
        t.whole_euros,
        if s.group.is_some() {
            format!("; {}", t.group_consolidated.to_lowercase())
        } else {
            String::new()
        }
    );
    let per_band: Vec<String> = Band::ALL
        .iter()
        .map(|band| {
            let y = s
                .bands
                .iter()
                .find(|b| b.band == *band)
                .and_then(|b| b.return_year);
            format!("{} **{}**", band_name(*band, t), return_year_text(y, t))
        })
        .collect();
    let _ = writeln!(out, "{}: {}.\n", t.return_years, per_band.join(", "));
    let _ = writeln!(out, "### {}\n", t.lines);
    header(out, "", s.estimate.rows.len(), t);
    for (section, name) in [
        (Section::Benefits, t.benefits),
        (Section::OperatingCosts, t.operating_costs),
        (Section::Investments, t.investments),
    ] {
        for l in s.estimate.lines.iter().filter(|l| l.section == section) {
            row(
                out,
                &format!("{name}: {}", super::grounds::line_label(&l.label, lang)),
                l.amounts.iter().map(|a| euros(*a, lang)),
            );
        }
    }
    for b in s.bands {
        let a = &b.adjustment;
        let _ = writeln!(
            out,
            "\n### {} ({} ×{}, {} ×{}, {} {} {})\n",
            band_name(b.band, t),
            t.costs_times,
            crate::report::number::factor(a.cost_multiplier, lang),
            t.benefits_times,
            crate::report::number::factor(a.benefit_multiplier, lang),
            t.delay,
            a.delay_months,
            t.months
        );
        rows(out, &b.difference, t, lang);
        let _ = writeln!(
            out,
            "\n{}: **{}**",
            t.return_year,
            return_year_text(b.return_year, t)
        );
    }
    if !s.sensitivity.is_empty() {
        let _ = writeln!(out, "\n{}:\n", t.sensitivity);
        for x in s.sensitivity {
            let _ = writeln!(
                out,
                "- {}: {} ({} {})",
                risk_name(x.dimension, t),
                return_year_text(x.return_year, t),
                t.end_balance,
                euros(x.final_cumulative_cash_flow, lang)
            );
        }
    }
    if !s.result.known_costs.is_empty() {
        let _ = writeln!(out, "\n{}:\n", t.known_costs);
        for kc in &s.result.known_costs {
            let amount = kc.per_participant.as_ref().map_or_else(
                || t.no_amount.to_string(),
                |a| {
                    format!(
                        "{}–{} {}",
                        euros(a.low, lang),
                        euros(a.high, lang),
                        t.per_municipality
                    )
                },
            );
            let _ = writeln!(
                out,
                "- {} ({amount}; {})",
                cell(&kc.label),
                crate::report::cite::list(
                    v.catalogue,
                    &kc.source,
                    lang,
                    crate::report::cite::Markup::Plain
                )
            );
        }
    }
    if !s.effectiveness.is_empty() {
        let _ = writeln!(out, "\n{}:\n", t.effectiveness);
        for e in &s.effectiveness {
            let _ = writeln!(out, "- **{}** {}", cell(&e.label), cell(&e.description));
        }
    }
    if let Some(g) = &s.group {
        let (key, _) = key_id(&g.plan.rule.key);
        let _ = writeln!(
            out,
            "\n### {} ({} {}, {} {})\n",
            t.allocation,
            t.key,
            key,
            t.tariff,
            g.plan.rule.tariff.id()
        );
        let years = g.case.allocations.len();
        let mut head = format!("| {} | {} |", t.participant, t.usage);
        let mut sep = "|---|---:|".to_string();
        for y in 1..=years {
            head.push_str(&format!(" {} {y} |", t.bill));
            sep.push_str("---:|");
        }
        head.push_str(&format!(
            " {} ±{}% | {} {}/{}/{} | {} | |",
            t.bill_band,
            number(g.uncertainty_pct),
            t.return_year,
            t.favourable,
            t.expected,
            t.unfavourable,
            t.end_balance
        ));
        sep.push_str("---:|---:|---:|---|");
        let _ = writeln!(out, "{head}\n{sep}");
        for ((o, p), band) in g
            .case
            .participants
            .iter()
            .zip(&g.plan.participants)
            .zip(&g.bill_bands)
        {
            let mut line = format!(
                "| {} | {} |",
                cell(&p.name),
                number(p.usage(&g.plan.rule.key))
            );
            for b in &o.bills {
                line.push_str(&format!(" {} |", euros(*b, lang)));
            }
            let band = band.as_ref().map_or("–".to_string(), |b| {
                format!("{}…{}", euros(b.low, lang), euros(b.high, lang))
            });
            let per_band: Vec<String> = o
                .comparison
                .bands
                .iter()
                .map(|b| b.return_year.map_or("–".to_string(), |y| y.to_string()))
                .collect();
            line.push_str(&format!(
                " {band} | {} | {} | {} |",
                per_band.join("/"),
                euros(o.comparison.difference.final_cumulative_cash_flow(), lang),
                if o.loses_while_group_wins {
                    format!("**{}**", t.loses)
                } else {
                    String::new()
                }
            ));
            let _ = writeln!(out, "{line}");
        }
    }
}

/// The business case as Markdown.
pub fn business_case(v: &BusinessCaseView<'_>) -> String {
    let t = labels(v.lang);
    let lang = v.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}\n", t.title, cell(&v.profile.title));
    let _ = writeln!(
        out,
        "{}: {} {}.\n",
        t.horizon,
        v.result.horizon.years(),
        t.years
    );
    let g = super::grounds::grounds(v, v.coverage.as_ref());
    if let Some(c) = &g.coverage {
        let _ = writeln!(out, "{}\n", cell(c));
    }
    let _ = writeln!(out, "## {}\n", t.nulmeting);
    let _ = writeln!(
        out,
        "| | {} | {} | {} |\n|---|---:|---:|---:|",
        t.visible, t.implicit, t.total
    );
    for m in &v.setup.municipalities {
        let n = &m.measurement;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&n.municipality),
            euros(n.visible_total(), lang),
            euros(n.implicit_total(), lang),
            euros(n.total(), lang)
        );
    }
    let _ = writeln!(out, "\n## {}\n", g.heading);
    for item in &g.items {
        let _ = writeln!(out, "- {}", cell(item));
    }
    for s in v.scenarios() {
        scenario(&mut out, v, &s);
    }
    out
}
