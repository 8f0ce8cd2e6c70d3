//! `business-case --format table` (the default): plain-text tables for the terminal, amounts in
//! whole euros (JSON and CSV keep the cents).

use std::fmt::Write;

use super::{
    BusinessCaseView, ScenarioView, band_name, euros, key_id, kind_name, labels, number,
    return_year_text, risk_name, row_fields,
};
use crate::core::business_case::{Band, Recurrence, Section, YearlyTable};
use crate::core::text::Lang;
use crate::i18n::CaseStrings;

/// Characters of a label column before it is cut with "…".
const LABEL_MAX: usize = 46;

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n - 1).collect();
        c.push('…');
        c
    }
}

fn pad_right(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn pad_left(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

/// A grid: a label column and right-aligned value columns under `headers`.
fn grid(out: &mut String, indent: &str, headers: &[String], rows: &[(String, Vec<String>)]) {
    let label_w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(LABEL_MAX);
    let cols = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (_, values) in rows {
        for (i, v) in values.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(v.chars().count());
        }
    }
    let mut head = format!("{indent}{}", " ".repeat(label_w));
    for (h, w) in headers.iter().zip(&widths) {
        head.push_str("  ");
        head.push_str(&pad_left(h, *w));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for (label, values) in rows {
        let mut line = format!("{indent}{}", pad_right(&cut(label, LABEL_MAX), label_w));
        for (v, w) in values.iter().zip(&widths) {
            line.push_str("  ");
            line.push_str(&pad_left(v, *w));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn year_headers(n: usize, t: &CaseStrings) -> Vec<String> {
    (1..=n).map(|y| format!("{} {y}", t.year)).collect()
}

/// The eight rows of Bijlage 1.
fn rows(out: &mut String, indent: &str, table: &YearlyTable, t: &CaseStrings, lang: Lang) {
    let rows: Vec<(String, Vec<String>)> = row_fields(t)
        .iter()
        .map(|(_, label, f)| {
            (
                label.to_string(),
                table.rows.iter().map(|r| euros(f(r), lang)).collect(),
            )
        })
        .collect();
    grid(out, indent, &year_headers(table.rows.len(), t), &rows);
}

/// The detail lines by section, then the totals.
fn lines(out: &mut String, indent: &str, table: &YearlyTable, t: &CaseStrings, lang: Lang) {
    let mut rows: Vec<(String, Vec<String>)> = vec![];
    for (section, name) in [
        (Section::Benefits, t.benefits),
        (Section::OperatingCosts, t.operating_costs),
        (Section::Investments, t.investments),
    ] {
        let of: Vec<_> = table
            .lines
            .iter()
            .filter(|l| l.section == section)
            .collect();
        if of.is_empty() {
            continue;
        }
        rows.push((name.to_string(), vec![]));
        for l in of {
            rows.push((
                format!("  {}", super::grounds::line_label(&l.label, lang)),
                l.amounts.iter().map(|a| euros(*a, lang)).collect(),
            ));
        }
    }
    grid(out, indent, &year_headers(table.rows.len(), t), &rows);
}

fn scenario(out: &mut String, v: &BusinessCaseView<'_>, n: usize, s: &ScenarioView<'_>) {
    let t = labels(v.lang);
    let lang = v.lang;
    let k = s.setup.candidate;
    let _ = writeln!(
        out,
        "\n{} {n}: {} — {} [{}], {}",
        t.scenario,
        s.setup.label,
        v.catalogue.candidate_name(k, lang),
        k.id(),
        kind_name(s.setup.kind, t)
    );
    let _ = writeln!(out, "{} ({})", t.difference, t.whole_euros);
    if s.group.is_some() {
        let _ = writeln!(out, "{}", t.group_consolidated);
    }
    let _ = writeln!(out, "\n  {}", t.lines);
    lines(out, "  ", s.estimate, t, lang);
    for b in s.bands {
        let a = &b.adjustment;
        let _ = writeln!(
            out,
            "\n  {} ({} ×{}, {} ×{}, {} {} {})",
            band_name(b.band, t),
            t.costs_times,
            crate::report::number::factor(a.cost_multiplier, lang),
            t.benefits_times,
            crate::report::number::factor(a.benefit_multiplier, lang),
            t.delay,
            a.delay_months,
            t.months
        );
        rows(out, "  ", &b.difference, t, lang);
        let _ = writeln!(
            out,
            "  {}: {}",
            t.return_year,
            return_year_text(b.return_year, t)
        );
    }
    let per_band: Vec<String> = Band::ALL
        .iter()
        .map(|band| {
            let y = s
                .bands
                .iter()
                .find(|b| b.band == *band)
                .and_then(|b| b.return_year);
            format!("{} {}", band_name(*band, t), return_year_text(y, t))
        })
        .collect();
    let _ = writeln!(out, "\n  {}: {}", t.return_years, per_band.join(" · "));
    if !s.sensitivity.is_empty() {
        let parts: Vec<String> = s
            .sensitivity
            .iter()
            .map(|x| {
                format!(
                    "{} → {} ({} {})",
                    risk_name(x.dimension, t),
                    return_year_text(x.return_year, t),
                    t.end_balance,
                    euros(x.final_cumulative_cash_flow, lang)
                )
            })
            .collect();
        let _ = writeln!(out, "  {}: {}", t.sensitivity, parts.join("; "));
    }
    if !s.estimate.residual_book_value.is_zero() {
        let _ = writeln!(
            out,
            "  {}: {}",
            t.residual,
            euros(s.estimate.residual_book_value, lang)
        );
    }
    if !s.result.known_costs.is_empty() {
        let _ = writeln!(out, "  {}:", t.known_costs);
        for kc in &s.result.known_costs {
            let amount = match (&kc.per_participant, kc.recurrence) {
                (Some(a), r) => format!(
                    "{}–{} {}, {}",
                    euros(a.low, lang),
                    euros(a.high, lang),
                    t.per_municipality,
                    match r {
                        Recurrence::Yearly => t.yearly,
                        Recurrence::OneOff => t.one_off,
                    }
                ),
                (None, _) => t.no_amount.to_string(),
            };
            let _ = writeln!(
                out,
                "    - {} ({amount}; {})",
                kc.label,
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
        let _ = writeln!(out, "  {}:", t.effectiveness);
        for e in &s.effectiveness {
            if e.description.is_empty() {
                let _ = writeln!(out, "    - {}", e.label);
            } else {
                let _ = writeln!(out, "    - {}: {}", e.label, e.description);
            }
        }
    }
    if let Some(g) = &s.group {
        let (key, service) = key_id(&g.plan.rule.key);
        let key = match service {
            Some(svc) => format!("{key} ({svc})"),
            None => key.to_string(),
        };
        let _ = writeln!(
            out,
            "\n  {}: {} {}, {} {}",
            t.allocation,
            t.key,
            key,
            t.tariff,
            g.plan.rule.tariff.id()
        );
        let _ = writeln!(out, "\n  {}", t.provider_costs);
        rows(out, "  ", &g.case.provider, t, lang);
        let years = g.case.allocations.len();
        let mut headers = vec![t.usage.to_string()];
        headers.extend((1..=years).map(|y| format!("{} {y}", t.bill)));
        headers.push(format!("{} ±{}%", t.bill_band, number(g.uncertainty_pct)));
        headers.push(t.return_year.to_string());
        headers.push(capitalised(t.end_balance));
        let mut table_rows = vec![];
        let mut losers = vec![];
        for ((o, p), band) in g
            .case
            .participants
            .iter()
            .zip(&g.plan.participants)
            .zip(&g.bill_bands)
        {
            let mut values = vec![number(p.usage(&g.plan.rule.key))];
            values.extend(o.bills.iter().map(|b| euros(*b, lang)));
            values.push(match band {
                Some(b) => format!("{}…{}", euros(b.low, lang), euros(b.high, lang)),
                None => "–".into(),
            });
            let per_band: Vec<String> = o
                .comparison
                .bands
                .iter()
                .map(|b| b.return_year.map_or("–".to_string(), |y| y.to_string()))
                .collect();
            values.push(per_band.join("/"));
            values.push(euros(
                o.comparison.difference.final_cumulative_cash_flow(),
                lang,
            ));
            let mut name = p.name.clone();
            if o.loses_while_group_wins {
                name.push_str(" (!)");
                losers.push(p.name.clone());
            }
            table_rows.push((name, values));
        }
        let _ = writeln!(out, "\n  {}", t.participant);
        grid(out, "  ", &headers, &table_rows);
        let _ = writeln!(
            out,
            "  {} {}/{}/{}",
            t.return_year, t.favourable, t.expected, t.unfavourable
        );
        for l in losers {
            let _ = writeln!(out, "  (!) {l}: {}", t.loses);
        }
    }
}

/// The business case as text.
pub fn business_case(v: &BusinessCaseView<'_>) -> String {
    let t = labels(v.lang);
    let lang = v.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", t.title, v.profile.title);
    let _ = writeln!(
        out,
        "{}: {} {}",
        t.horizon,
        v.result.horizon.years(),
        t.years
    );
    let g = super::grounds::grounds(v, v.coverage.as_ref());
    if let Some(c) = &g.coverage {
        let _ = writeln!(out, "{c}");
    }
    let _ = writeln!(out, "\n{}", t.nulmeting);
    for m in &v.setup.municipalities {
        let n = &m.measurement;
        let shock = n
            .shock_pct()
            .map(|p| {
                format!(
                    " (+{}%)",
                    crate::report::number::factor(p.round_dp(1), lang)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {} {}, {} {}{shock}, {} {}",
            n.municipality,
            t.visible,
            euros(n.visible_total(), lang),
            t.implicit,
            euros(n.implicit_total(), lang),
            t.total,
            euros(n.total(), lang)
        );
    }
    let _ = writeln!(out, "\n{}", g.heading);
    for item in &g.items {
        let _ = writeln!(out, "  - {item}");
    }
    for s in v.scenarios() {
        scenario(&mut out, v, s.result.index + 1, &s);
    }
    out
}
