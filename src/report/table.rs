//! Plain-text tables for the terminal (`--format table`, the default).

use std::fmt::Write;

use super::cite::{self, Markup};
use super::{ScoreView, level_name, percent_in, score1_in, score2_in};
use crate::core::catalogue::{Catalogue, Layer, short_model};
use crate::core::text::{self, Lang};
use crate::i18n::strings;

/// Pads `s` to `w` characters (not bytes).
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// The `score` result as text tables.
pub fn score(v: &ScoreView<'_>) -> String {
    let t = strings(v.lang);
    let lang = v.lang;
    let e = v.evaluation;
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", v.profile.title);
    let _ = writeln!(out, "{}", t.weights);
    for c in &e.criteria {
        let _ = writeln!(
            out,
            "  {} {}",
            pad(c.name().get(lang), 24),
            percent_in(e.weights[c], lang)
        );
    }
    let _ = writeln!(out, "\n{}", t.ranking);
    let name_w = e
        .ranking
        .iter()
        .map(|r| v.catalogue.candidate_name(r.key, lang).chars().count())
        .max()
        .unwrap_or(10)
        .max(t.candidate.len());
    let mut head = format!(
        "  {}  {}  {}",
        pad(t.rank, 3),
        pad(t.candidate, name_w),
        pad(t.total, 6)
    );
    for c in &e.criteria {
        let short: String = c.name().get(lang).chars().take(8).collect();
        head.push_str(&format!("  {}", pad(&short, 8)));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for r in &e.ranking {
        let mut line = format!(
            "  {}  {}  {}",
            pad(&r.label(), 3),
            pad(&v.catalogue.candidate_name(r.key, lang), name_w),
            pad(&score2_in(r.total, lang), 6)
        );
        for c in &r.criteria {
            line.push_str(&format!("  {}", pad(&score1_in(c.score, lang), 8)));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if e.has_ties() {
        let _ = writeln!(out, "  {}", text::tie_break_note().get(lang));
    }
    for w in e.blind_spot_texts(v.catalogue) {
        let _ = writeln!(out, "  ⚠ {}", w.get(lang));
    }
    if let Some(top) = e.ranking.first() {
        let _ = writeln!(
            out,
            "\n{}: {}",
            t.why_top,
            v.catalogue.candidate_name(top.key, lang)
        );
        for c in &top.criteria {
            let _ = writeln!(
                out,
                "  {} ({}, {} {}): {}",
                c.criterion.name().get(lang),
                score1_in(c.score, lang),
                t.weight.to_lowercase(),
                percent_in(c.weight, lang),
                c.explanation.get(lang)
            );
            let _ = writeln!(
                out,
                "    {}: {}",
                t.sources,
                cite::list(v.catalogue, &c.sources, lang, Markup::Plain)
            );
        }
    }
    let _ = writeln!(out, "\n{}", t.excluded);
    if e.excluded.is_empty() {
        let _ = writeln!(out, "  {}", t.nothing_excluded);
    }
    for x in &e.excluded {
        let _ = writeln!(out, "  {}", v.catalogue.candidate_name(x.key, lang));
        for r in &x.reasons {
            let _ = writeln!(out, "    - {}", r.get(lang));
        }
        if !x.sources.is_empty() {
            let _ = writeln!(
                out,
                "      {}: {}",
                t.sources,
                cite::list(v.catalogue, &x.sources, lang, Markup::Plain)
            );
        }
    }
    let _ = writeln!(out, "\n{}", t.landscape);
    if let Some(n) = v.profile.public_cloud.stance.chosen_note() {
        let _ = writeln!(out, "  {}", n.get(lang));
    }
    for w in &e.workloads {
        let place = w
            .key
            .map(|k| v.catalogue.candidate_name(k, lang))
            .unwrap_or_else(|| t.none_admissible.to_string());
        let _ = writeln!(
            out,
            "  {} [{}] → {}",
            w.name,
            w.data.name().get(lang),
            place
        );
        let _ = writeln!(out, "    {}", w.explanation.get(lang));
        for r in &w.rules {
            let _ = writeln!(
                out,
                "    {} {}: {} ({})",
                if r.forbids_public { "✗" } else { "•" },
                r.id,
                r.text.get(lang),
                cite::list(v.catalogue, &r.citations, lang, Markup::Plain)
            );
        }
    }
    out
}

/// The catalogue as text.
pub fn catalogue(c: &Catalogue, lang: Lang) -> String {
    let t = strings(lang);
    let cf = |source: &str, section: &str| {
        cite::full(c, &c.citation(source, section), lang, Markup::Plain)
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", t.options);
    for o in &c.options {
        let _ = writeln!(
            out,
            "  {}. {} [{}] — {}",
            o.number,
            o.name.get(lang),
            o.id,
            o.summary.get(lang)
        );
        let _ = writeln!(out, "     {}: {}", t.sources, cf(&o.source, &o.section));
        for p in &o.pros {
            let _ = writeln!(
                out,
                "     + {} ({})",
                p.text(lang),
                cf(&p.source, &p.section)
            );
        }
        for p in &o.cons {
            let _ = writeln!(
                out,
                "     - {} ({})",
                p.text(lang),
                cf(&p.source, &p.section)
            );
        }
        for r in c.option_rules_for(o.id) {
            let _ = writeln!(
                out,
                "     § {} ({})",
                r.text.get(lang),
                cite::list(c, &r.citations(), lang, Markup::Plain)
            );
        }
    }
    let _ = writeln!(out, "\n{}", t.control_table);
    let w = 28;
    let mut head = format!("  {}", pad(t.layers, w));
    for m in &c.service_models {
        head.push_str(&format!("  {}", pad(short_model(m.id, lang), 19)));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for l in Layer::ALL {
        let name = c.layer(*l).map(|x| x.name.get(lang)).unwrap_or(l.id());
        let mut line = format!("  {}", pad(name, w));
        for m in &c.service_models {
            line.push_str(&format!(
                "  {}",
                pad(level_name(m.control_on(*l), lang), 19)
            ));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(m) = c.service_models.first() {
        let _ = writeln!(out, "  ({})", cf(&m.source, "§2.2 Tabel 1"));
    }
    let _ = writeln!(out, "\n{}", t.deployments);
    for d in &c.deployments {
        let _ = writeln!(
            out,
            "  {} [{}]: {} {}",
            d.name.get(lang),
            d.id,
            d.who.get(lang),
            d.summary.get(lang)
        );
        let _ = writeln!(out, "     {}: {}", t.sources, cf(&d.source, &d.section));
    }
    let _ = writeln!(out, "\n{}", t.characteristics);
    for ch in &c.characteristics {
        let owners: Vec<String> = c
            .options
            .iter()
            .filter(|o| {
                c.candidates
                    .iter()
                    .any(|k| k.option == o.id && k.has(ch.id))
            })
            .map(|o| o.id.id().to_string())
            .collect();
        let _ = writeln!(
            out,
            "  {} [{}]: {} ({}: {})",
            ch.name.get(lang),
            ch.id,
            ch.summary.get(lang),
            t.options.to_lowercase(),
            owners.join(", ")
        );
    }
    let _ = writeln!(out, "\n{}", t.candidates);
    for k in &c.candidates {
        let _ = writeln!(out, "  {} — {}", k.key(), k.why.get(lang));
    }
    let _ = writeln!(out, "\n{}", t.forms);
    for f in &c.forms {
        let _ = writeln!(
            out,
            "  {} [{}]: {} ({})",
            f.name.get(lang),
            f.id,
            f.summary.get(lang),
            cf(&f.source, &f.section)
        );
    }
    let _ = writeln!(out, "\n{}", t.obstacles);
    for o in &c.obstacles {
        let forms: Vec<&str> = o.forms.iter().map(|f| f.id()).collect();
        let _ = writeln!(
            out,
            "  - {} [{}] ({})",
            o.text.get(lang),
            forms.join(", "),
            cf(&o.source, &o.section)
        );
        if let Some(h) = &o.historical {
            let _ = writeln!(out, "    ({})", h.get(lang));
        }
    }
    let _ = writeln!(out, "\n{}", t.rules);
    for r in &c.placement_rules {
        let classes: Vec<&str> = r.applies_to.iter().map(|d| d.id()).collect();
        let _ = writeln!(
            out,
            "  {} ({} {}): {} — {}",
            r.id,
            t.applies_to.to_lowercase(),
            classes.join(", "),
            r.text.get(lang),
            cite::list(c, &r.citations(), lang, Markup::Plain),
        );
    }
    let _ = writeln!(out, "\n{}", t.option_rules);
    for r in &c.option_rules {
        let options: Vec<&str> = r.options.iter().map(|o| o.id()).collect();
        let _ = writeln!(
            out,
            "  {} ({} {}): {} — {}",
            r.id,
            t.applies_to.to_lowercase(),
            options.join(", "),
            r.text.get(lang),
            cite::list(c, &r.citations(), lang, Markup::Plain),
        );
    }
    let _ = writeln!(
        out,
        "\n{} ({}: {})",
        t.sources,
        t.policy_checked.to_lowercase(),
        cite::date(c.policy_checked(), lang)
    );
    for s in &c.sources {
        let id = if s.identifier.is_empty() {
            String::new()
        } else {
            format!(", {}", s.identifier)
        };
        let _ = writeln!(
            out,
            "  [{}] {}{} — {} ({} {})",
            cite::status(s.status, lang),
            cite::document(s, lang, Markup::Plain),
            id,
            s.note.get(lang),
            t.checked,
            cite::date(&s.checked, lang)
        );
        if let Some(n) = cite::status_note(s, lang) {
            let _ = writeln!(out, "      ! {n}");
        }
    }
    out
}
