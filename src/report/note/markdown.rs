//! The decision note as Markdown: the same chapters as the HTML, with tables, for pasting into
//! a council proposal. Pure: `&Note` in, text out; every number goes through `report::number`.

use std::fmt::Write;

use super::{AllocationNote, BusinessCaseNote, Note, Reference, ScenarioNote};
use crate::core::text::{self, Lang};
use crate::i18n::{report as labels, strings};
use crate::report::number;

/// Escapes a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// "[1] §3.3, §4.1; [2] §2".
pub(super) fn refs(references: &[Reference]) -> String {
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

/// The whole note.
pub fn render(note: &Note) -> String {
    let mut out = String::new();
    subject(&mut out, note);
    weights(&mut out, note);
    ranking(&mut out, note);
    excluded(&mut out, note);
    layers(&mut out, note);
    landscape(&mut out, note);
    if let Some(bc) = &note.business_case {
        business_case(&mut out, bc, note.language());
    }
    collaboration(&mut out, note);
    sources(&mut out, note);
    let _ = writeln!(out, "---\n\n_{}_", labels(note.language()).colophon);
    out
}

fn subject(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let n = &note.subject;
    let _ = writeln!(out, "# {}\n", cell(&n.question));
    let _ = writeln!(out, "_{} · {}_\n", t.doc_kind, cell(&n.name));
    let title = if n.kind == "group" {
        t.ch_subject_group
    } else {
        t.ch_subject_single
    };
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(out, "**{}:** {}\n", t.question, n.question);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---|",
        s.municipality, s.inhabitants, s.workplaces, s.current
    );
    for m in &n.municipalities {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&m.name),
            number::integer(u64::from(m.inhabitants), lang),
            number::integer(u64::from(m.workplaces), lang),
            m.current_name.as_deref().unwrap_or("—")
        );
    }
    if n.municipalities.len() > 1 {
        let _ = writeln!(
            out,
            "| **{}** | **{}** | **{}** | |",
            t.total,
            number::integer(n.total_inhabitants, lang),
            number::integer(n.total_workplaces, lang)
        );
    }
    out.push('\n');
}

fn weights(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let _ = writeln!(out, "## {}\n\n{}\n", t.ch_weights, t.weights_intro);
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---:|",
        s.criterion, t.raw_weight, t.share
    );
    for w in &note.weights {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            w.name,
            number::decimal(w.raw, if w.raw.fract() == 0.0 { 0 } else { 2 }, lang),
            number::weight(w.share, lang)
        );
    }
    out.push('\n');
}

/// A leader's rank in a heading: `1.`, or `1=` when shared.
pub(super) fn heading_rank(rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank}=")
    } else {
        format!("{rank}.")
    }
}

fn ranking(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let _ = writeln!(
        out,
        "## {}\n\n{} {}–{}.\n",
        t.ch_ranking, t.ranking_intro, note.scale[0], note.scale[1]
    );
    let mut head = format!("| {} | {} | {} |", s.rank, s.candidate, s.total);
    let mut sep = "|---:|---|---:|".to_string();
    for w in &note.weights {
        head.push_str(&format!(" {} |", w.name));
        sep.push_str("---:|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
    for r in &note.ranking {
        let mut line = format!(
            "| {} | {} | **{}** |",
            text::rank_compact(r.rank, r.tied),
            cell(&r.candidate.name),
            number::score(r.total, lang)
        );
        for c in &r.scores {
            line.push_str(&format!(" {} |", number::score(c.score, lang)));
        }
        let _ = writeln!(out, "{line}");
    }
    if let Some(tb) = &note.tie_break {
        let _ = writeln!(out, "\n_{}_", tb);
    }
    if !note.warnings.is_empty() {
        out.push('\n');
    }
    for w in &note.warnings {
        let _ = writeln!(out, "> ⚠ {}", w.text);
    }
    if note.leaders.is_empty() {
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "\n### {}\n\n{}\n", t.leaders_title, t.leaders_intro);
    for l in &note.leaders {
        let _ = writeln!(
            out,
            "#### {} {} ({})\n",
            heading_rank(l.rank, l.tied),
            cell(&l.candidate.name),
            number::score(l.total, lang)
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
            s.criterion, s.score, s.weight, t.contribution
        );
        for c in &l.criteria {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.name,
                number::score(c.score, lang),
                number::weight(c.weight, lang),
                number::score(c.contribution, lang)
            );
        }
        out.push('\n');
        for c in &l.criteria {
            let sources = refs(&c.references);
            let _ = writeln!(
                out,
                "- **{}**: {} _({}: {})_",
                c.name, c.explanation, t.references, sources
            );
        }
        out.push('\n');
    }
}

fn excluded(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let _ = writeln!(out, "## {}\n", t.ch_excluded);
    if note.excluded.is_empty() {
        let _ = writeln!(out, "{}\n", s.nothing_excluded);
        return;
    }
    let _ = writeln!(out, "{}\n", t.excluded_intro);
    let _ = writeln!(out, "| {} | {} |\n|---|---|", s.candidate, s.reasons);
    for x in &note.excluded {
        let mut reasons: Vec<String> = x.reasons.iter().map(|r| cell(r)).collect();
        if !x.references.is_empty() {
            reasons.push(format!("_({}: {})_", t.references, refs(&x.references)));
        }
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell(&x.candidate.name),
            reasons.join("<br>")
        );
    }
    out.push('\n');
}

fn layers(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let l = &note.layers;
    if l.candidates.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n\n{}\n", t.ch_layers, t.layers_intro);
    let mut head = format!("| {} |", t.layer);
    let mut sep = "|---|".to_string();
    for c in &l.candidates {
        head.push_str(&format!(" {} |", cell(&c.name)));
        sep.push_str("---|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
    for row in &l.rows {
        let mut line = format!("| {} |", row.name);
        for c in &row.cells {
            let mut text = format!(
                "**{}** — {}: {}; {}: {}",
                c.level_name, t.kept, c.kept, t.given_up, c.given_up
            );
            if let Some(to) = &c.given_to {
                text.push_str(&format!(" {} {to}", t.given_to));
            }
            line.push_str(&format!(" {} |", cell(&text)));
        }
        let _ = writeln!(out, "{line}");
    }
    for (label, values) in [
        (t.operations_by, &l.operations),
        (t.facility_by, &l.facility),
    ] {
        let mut line = format!("| {label} |");
        for v in values {
            line.push_str(&format!(" {} |", cell(v)));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n_{}: {}_\n", t.references, refs(&l.references));
}

fn landscape(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let l = &note.landscape;
    if l.workloads.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n\n{}\n", t.ch_landscape, t.landscape_intro);
    if let Some(st) = &note.stance {
        let _ = writeln!(out, "_{st}_\n");
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|",
        s.workload, s.data_class, s.placement, t.workload_score, t.overall_rank
    );
    for w in &l.workloads {
        let name = if w.critical {
            format!("{} _({})_", cell(&w.name), t.critical)
        } else {
            cell(&w.name)
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            name,
            w.data_name,
            w.placement
                .as_ref()
                .map(|p| cell(&p.name))
                .unwrap_or_else(|| t.unplaced.to_string()),
            w.score.map(|x| number::score(x, lang)).unwrap_or_default(),
            w.overall_rank
                .map(|r| text::rank_compact(r, w.overall_tied))
                .unwrap_or_default()
        );
    }
    if !l.rules.is_empty() {
        let _ = writeln!(out, "\n### {}\n", t.rules_title);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t.rule, s.applies_to, t.effect, s.status, t.references
        );
        for r in &l.rules {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&r.text),
                cell(&r.applies_to.join(", ")),
                r.effect_name,
                r.status_name,
                refs(&r.references)
            );
        }
    }
    let _ = writeln!(out, "\n### {}\n", t.why_title);
    for w in &l.why {
        let sources = if w.references.is_empty() {
            String::new()
        } else {
            format!(" _({}: {})_", t.references, refs(&w.references))
        };
        let _ = writeln!(
            out,
            "- **{}**: {}{sources}",
            cell(&w.workloads.join(", ")),
            w.explanation
        );
    }
    out.push('\n');
}

/// A return year, or "not within the horizon".
fn return_year(y: Option<u32>, lang: Lang) -> String {
    y.map(number::year)
        .unwrap_or_else(|| labels(lang).not_within_horizon.to_string())
}

/// The business case chapter: per scenario shown, the yearly table of seed 003 Bijlage 1 (the
/// estimate), the return year per risk band and, for a starter group, the bills and the
/// outcome per participant with the losers flagged. Only rendered when the note carries one.
pub fn business_case(out: &mut String, bc: &BusinessCaseNote, lang: Lang) {
    let t = labels(lang);
    let _ = writeln!(
        out,
        "## {}\n\n{} {}\n",
        t.ch_business_case, t.business_case_intro, t.bands_intro
    );
    let mut selection = bc.selection_text.clone();
    if !bc.references.is_empty() {
        selection.push_str(&format!(" _({})_", refs(&bc.references)));
    }
    let _ = writeln!(out, "{selection}\n");
    for s in &bc.scenarios {
        scenario(out, s, lang);
    }
}

fn scenario(out: &mut String, s: &ScenarioNote, lang: Lang) {
    let t = labels(lang);
    let _ = writeln!(out, "### {}: {}\n", t.scenario, cell(&s.label));
    let standing = match s.rank {
        Some(r) => t.candidate_rank.replace("{rank}", &r.to_string()),
        None => t.candidate_excluded.to_string(),
    };
    let _ = writeln!(
        out,
        "{} (`{}`), {standing}; {}.{}\n",
        cell(&s.candidate.name),
        s.candidate.id,
        s.kind_name,
        if s.consolidated {
            format!(" {}", t.consolidated)
        } else {
            String::new()
        }
    );
    let _ = writeln!(out, "#### {}\n\n{}.\n", t.estimate_title, t.amounts_in_eur);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        t.year,
        t.benefits,
        t.operating_costs,
        t.investments,
        t.total_costs,
        t.cash_flow,
        t.cumulative_benefits,
        t.cumulative_costs,
        t.cumulative_cash_flow
    );
    for y in &s.years {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            number::year(y.year),
            number::euros(y.benefits, lang),
            number::euros(y.operating_costs, lang),
            number::euros(y.investments, lang),
            number::euros(y.total_costs, lang),
            number::euros(y.cash_flow, lang),
            number::euros(y.cumulative_benefits, lang),
            number::euros(y.cumulative_costs, lang),
            number::euros(y.cumulative_cash_flow, lang)
        );
    }
    let end = s
        .years
        .last()
        .map(|y| y.cumulative_cash_flow)
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "\n{} ({}): **{}**. {}: {}. {}: {}.\n",
        t.return_year,
        t.estimate.to_lowercase(),
        return_year(s.return_year, lang),
        t.end_balance,
        number::money(end, lang),
        t.residual,
        number::money(s.residual_book_value, lang)
    );
    let _ = writeln!(out, "#### {}\n", t.bands_title);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|---:|",
        t.band, t.cost_factor, t.benefit_factor, t.delay_months, t.return_year, t.end_balance
    );
    for b in &s.bands {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&b.name),
            number::factor(b.cost_multiplier, lang),
            number::factor(b.benefit_multiplier, lang),
            b.delay_months,
            return_year(b.return_year, lang),
            number::money(
                b.cumulative_cash_flow.last().copied().unwrap_or_default(),
                lang
            )
        );
    }
    out.push('\n');
    if let Some(a) = &s.allocation {
        allocation(out, s, a, lang);
    }
}

fn allocation(out: &mut String, s: &ScenarioNote, a: &AllocationNote, lang: Lang) {
    let t = labels(lang);
    let _ = writeln!(
        out,
        "#### {}\n\n{}\n",
        t.allocation_title,
        t.allocation_rule
            .replace("{provider}", &cell(&a.provider))
            .replace("{key}", &a.key_name)
            .replace("{tariff}", &a.tariff_name)
    );
    let _ = writeln!(
        out,
        "{} ({}).\n",
        t.bills_title,
        crate::i18n::case_strings(lang).whole_euros
    );
    let mut head = format!("| {} |", t.year);
    let mut sep = "|---:|".to_string();
    for p in &a.participants {
        head.push_str(&format!(" {} |", cell(&p.participant)));
        sep.push_str("---:|");
    }
    let _ = writeln!(out, "{head} {} |\n{sep}---:|", t.total);
    for (i, y) in s.years.iter().enumerate() {
        let mut line = format!("| {} |", number::year(y.year));
        for p in &a.participants {
            let bill = p.bills.get(i).copied().unwrap_or_default();
            line.push_str(&format!(" {} |", number::euros(bill, lang)));
        }
        let total = a.provider_costs.get(i).copied().unwrap_or_default();
        let _ = writeln!(out, "{line} {} |", number::euros(total, lang));
    }
    let _ = writeln!(out, "\n{}\n", t.outcome_title);
    let mut head = format!(
        "| {} | {} ({}) | {} |",
        t.participant, t.usage, a.key_name, t.end_balance
    );
    let mut sep = "|---|---:|---:|".to_string();
    for b in &s.bands {
        head.push_str(&format!(" {} {} |", t.return_year, b.name));
        sep.push_str("---:|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
    for p in &a.participants {
        let flag = if p.loses_while_group_wins {
            format!(" — **{}**", t.loses)
        } else {
            String::new()
        };
        let mut line = format!(
            "| {}{flag} | {} | {} |",
            cell(&p.participant),
            number::factor(p.usage, lang),
            number::money(p.final_cumulative_cash_flow, lang)
        );
        for y in &p.return_years {
            line.push_str(&format!(
                " {} |",
                y.map_or_else(|| "—".to_string(), number::year)
            ));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}", t.no_return_mark);
    let losers: Vec<&str> = a
        .participants
        .iter()
        .filter(|p| p.loses_while_group_wins)
        .map(|p| p.participant.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\n{}\n",
        if losers.is_empty() {
            t.nobody_loses.to_string()
        } else {
            t.loses_note.replace("{names}", &cell(&losers.join(", ")))
        }
    );
}

fn collaboration(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let c = &note.collaboration;
    let _ = writeln!(out, "## {}\n", t.ch_obstacles);
    if let (Some(name), Some(summary)) = (&c.form_name, &c.form_summary) {
        let mut line = format!("**{}:** {name}. {summary}", t.form);
        if let Some(r) = &c.reference {
            line.push_str(&format!(" _({})_", refs(std::slice::from_ref(r))));
        }
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "{}\n", c.basis);
    if !c.rules.is_empty() {
        let _ = writeln!(out, "### {}\n", t.option_rules_title);
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            t.rule, s.status, t.references
        );
        for r in &c.rules {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&r.text),
                r.status_name,
                refs(&r.references)
            );
        }
        out.push('\n');
    }
    if c.form.is_none() {
        return;
    }
    if c.obstacles.is_empty() {
        let _ = writeln!(out, "{}\n", t.no_obstacles);
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        t.obstacle, s.status, t.references
    );
    for o in &c.obstacles {
        let text = match &o.historical {
            Some(h) => format!("{} _({})_", o.text, h),
            None => o.text.clone(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&text),
            o.status_name,
            o.reference
                .as_ref()
                .map(|x| refs(std::slice::from_ref(x)))
                .unwrap_or_default()
        );
    }
    out.push('\n');
}

fn sources(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let _ = writeln!(
        out,
        "## {}\n\n{}\n\n{}\n",
        t.ch_sources,
        t.sources_intro,
        t.policy_checked
            .replace("{date}", &note.policy_checked_text)
    );
    let _ = writeln!(
        out,
        "| # | {} | {} | {} | {} | {} |\n|---:|---|---|---|---|---|",
        t.document, t.sections_used, s.status, t.age, t.checked
    );
    for src in &note.sources {
        let mut doc = src.document_markdown.clone();
        if !src.identifier.is_empty() {
            doc.push_str(&format!(", {}", src.identifier));
        }
        doc.push_str(&format!("<br>_{}_", src.note));
        if let Some(n) = &src.status_note {
            doc.push_str(&format!("<br>⚠ {n}"));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            src.number,
            cell(&doc),
            if src.sections.is_empty() {
                "—".to_string()
            } else {
                cell(&src.sections.join("; "))
            },
            src.status_name,
            src.age_years
                .map(|n| t.years.replace("{n}", &n.to_string()))
                .unwrap_or_default(),
            src.checked_text
        );
    }
    out.push('\n');
}
