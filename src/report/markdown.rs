//! Markdown output, for pasting into a council proposal.

use std::fmt::Write;

use super::cite::{self, Markup};
use super::{ScoreView, level_name, percent_in, score1_in, score2_in};
use crate::core::catalogue::{Catalogue, Layer, short_model};
use crate::core::text::{self, Lang};
use crate::i18n::strings;

/// Escapes table cell content.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The `score` result as Markdown.
pub fn score(v: &ScoreView<'_>) -> String {
    let t = strings(v.lang);
    let lang = v.lang;
    let e = v.evaluation;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(&v.profile.title));
    let _ = writeln!(out, "## {}\n", t.weights);
    let _ = writeln!(out, "| {} | {} |\n|---|---:|", t.criterion, t.weight);
    for c in &e.criteria {
        let _ = writeln!(
            out,
            "| {} | {} |",
            c.name().get(lang),
            percent_in(e.weights[c], lang)
        );
    }
    let _ = writeln!(out, "\n## {}\n", t.ranking);
    let mut head = format!("| {} | {} | {} |", t.rank, t.candidate, t.total);
    let mut sep = "|---:|---|---:|".to_string();
    for c in &e.criteria {
        head.push_str(&format!(" {} |", c.name().get(lang)));
        sep.push_str("---:|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
    for r in &e.ranking {
        let mut line = format!(
            "| {} | {} | {} |",
            r.label(),
            cell(&v.catalogue.candidate_name(r.key, lang)),
            score2_in(r.total, lang)
        );
        for c in &r.criteria {
            line.push_str(&format!(" {} |", score1_in(c.score, lang)));
        }
        let _ = writeln!(out, "{line}");
    }
    if e.has_ties() {
        let _ = writeln!(out, "\n_{}_", text::tie_break_note().get(lang));
    }
    let warnings = e.blind_spot_texts(v.catalogue);
    if !warnings.is_empty() {
        out.push('\n');
    }
    for w in warnings {
        let _ = writeln!(out, "> ⚠ {}", cell(w.get(lang)));
    }
    if let Some(top) = e.ranking.first() {
        let _ = writeln!(
            out,
            "\n### {}: {}\n",
            t.why_top,
            v.catalogue.candidate_name(top.key, lang)
        );
        for c in &top.criteria {
            let _ = writeln!(
                out,
                "- **{}** ({}): {} _({}: {})_",
                c.criterion.name().get(lang),
                score1_in(c.score, lang),
                c.explanation.get(lang),
                t.sources,
                cell(&cite::list(v.catalogue, &c.sources, lang, Markup::Plain))
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t.excluded);
    if e.excluded.is_empty() {
        let _ = writeln!(out, "{}", t.nothing_excluded);
    } else {
        let _ = writeln!(out, "| {} | {} |\n|---|---|", t.candidate, t.reasons);
        for x in &e.excluded {
            let mut reasons: Vec<String> = x.reasons.iter().map(|r| cell(r.get(lang))).collect();
            if !x.sources.is_empty() {
                reasons.push(format!(
                    "_({})_",
                    cell(&cite::list(v.catalogue, &x.sources, lang, Markup::Plain))
                ));
            }
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(&v.catalogue.candidate_name(x.key, lang)),
                reasons.join("<br>")
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", t.landscape);
    if let Some(n) = v.profile.public_cloud.stance.chosen_note() {
        let _ = writeln!(out, "_{}_\n", n.get(lang));
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        t.workload, t.data_class, t.placement, t.explanation
    );
    for w in &e.workloads {
        let place = w
            .key
            .map(|k| v.catalogue.candidate_name(k, lang))
            .unwrap_or_else(|| t.none_admissible.to_string());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&w.name),
            w.data.name().get(lang),
            cell(&place),
            {
                let mut parts = vec![cell(w.explanation.get(lang))];
                for r in &w.rules {
                    parts.push(cell(&format!(
                        "{} {}: {} ({})",
                        if r.forbids_public { "✗" } else { "•" },
                        r.id,
                        r.text.get(lang),
                        cite::list(v.catalogue, &r.citations, lang, Markup::Plain)
                    )));
                }
                parts.join("<br>")
            }
        );
    }
    out
}

/// The catalogue as Markdown.
pub fn catalogue(c: &Catalogue, lang: Lang) -> String {
    let t = strings(lang);
    let cf = |source: &str, section: &str| {
        cite::full(c, &c.citation(source, section), lang, Markup::Plain)
    };
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", t.options);
    for o in &c.options {
        let _ = writeln!(
            out,
            "### {}. {} (`{}`)\n\n{} _({})_\n",
            o.number,
            o.name.get(lang),
            o.id,
            o.summary.get(lang),
            cf(&o.source, &o.section)
        );
        for p in &o.pros {
            let _ = writeln!(
                out,
                "- ➕ {} _({})_",
                p.text(lang),
                cf(&p.source, &p.section)
            );
        }
        for p in &o.cons {
            let _ = writeln!(
                out,
                "- ➖ {} _({})_",
                p.text(lang),
                cf(&p.source, &p.section)
            );
        }
        for r in c.option_rules_for(o.id) {
            let _ = writeln!(
                out,
                "- § {} _({})_",
                r.text.get(lang),
                cite::list(c, &r.citations(), lang, Markup::Plain)
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "## {}\n", t.control_table);
    let mut head = format!("| {} |", t.layers);
    let mut sep = "|---|".to_string();
    for m in &c.service_models {
        head.push_str(&format!(" {} |", short_model(m.id, lang)));
        sep.push_str("---|");
    }
    let _ = writeln!(out, "{head}\n{sep}");
    for l in Layer::ALL {
        let name = c.layer(*l).map(|x| x.name.get(lang)).unwrap_or(l.id());
        let mut line = format!("| {name} |");
        for m in &c.service_models {
            line.push_str(&format!(" {} |", level_name(m.control_on(*l), lang)));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\n_{}_\n",
        c.service_models
            .first()
            .map(|m| cf(&m.source, "§2.2 Tabel 1"))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "## {}\n", t.deployments);
    for d in &c.deployments {
        let _ = writeln!(
            out,
            "- **{}** (`{}`): {} {} _({})_",
            d.name.get(lang),
            d.id,
            d.who.get(lang),
            d.summary.get(lang),
            cf(&d.source, &d.section)
        );
    }
    let _ = writeln!(out, "\n## {}\n", t.candidates);
    for k in &c.candidates {
        let _ = writeln!(out, "- `{}`: {}", k.key(), k.why.get(lang));
    }
    let _ = writeln!(out, "\n## {}\n", t.obstacles);
    for o in &c.obstacles {
        let historical = o
            .historical
            .as_ref()
            .map(|h| format!(" — {}", h.get(lang)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} _({})_{}",
            o.text.get(lang),
            cf(&o.source, &o.section),
            historical
        );
    }
    let _ = writeln!(out, "\n## {}\n", t.rules);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        t.rules, t.applies_to, t.status, t.sources
    );
    for r in &c.placement_rules {
        let classes: Vec<&str> = r.applies_to.iter().map(|d| d.id()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(r.text.get(lang)),
            classes.join(", "),
            cite::status(c.status_of(&r.source), lang),
            cell(&cite::list(c, &r.citations(), lang, Markup::Plain))
        );
    }
    let _ = writeln!(out, "\n## {}\n", t.option_rules);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        t.rules, t.applies_to, t.status, t.sources
    );
    for r in &c.option_rules {
        let options: Vec<&str> = r.options.iter().map(|o| o.id()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(r.text.get(lang)),
            options.join(", "),
            cite::status(c.status_of(&r.source), lang),
            cell(&cite::list(c, &r.citations(), lang, Markup::Plain))
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}: {}\n",
        t.sources,
        t.policy_checked,
        cite::date(c.policy_checked(), lang)
    );
    for s in &c.sources {
        let id = if s.identifier.is_empty() {
            String::new()
        } else {
            format!(", {}", s.identifier)
        };
        let note = cite::status_note(s, lang)
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {}{} — **{}**. {}{} _({} {})_",
            cite::document(s, lang, Markup::Markdown),
            id,
            cite::status(s.status, lang),
            s.note.get(lang),
            note,
            t.checked,
            cite::date(&s.checked, lang)
        );
    }
    out
}
