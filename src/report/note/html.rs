//! The decision note as one self-contained HTML file: inline CSS, no scripts, no external
//! fonts or images, charts as inline SVG with a table beside each. Readable on screen and on
//! A4 paper (print CSS: a page break before each chapter, rows and figures never split, table
//! headers repeated). Accessible: real headings, `<th scope>`, SVGs labelled by their
//! `<title>` and `<desc>`, colours that pass WCAG AA.

use std::fmt::Write;

use super::svg::{self, esc};
use super::{AllocationNote, BusinessCaseNote, LEADING, Note, Reference, ScenarioNote};
use crate::core::text::{self, Lang};
use crate::i18n::{case_strings, report as labels, strings};
use crate::report::number;

/// The style sheet. Colours (on white unless noted), with their contrast ratios: text #1b1f24
/// (16:1), headings #17375e (11:1), muted text #4a5563 (7.5:1), white on the dark bar
/// #17375e (11:1), white on full control #1e6b45 (6.6:1), #1b1f24 on configuration #f4d58d
/// (12:1) and on no influence #d9dde3 (12:1), links #1f4e8c (8:1).
const CSS: &str = r#"
:root { --ink: #1b1f24; --navy: #17375e; --muted: #4a5563; --rule: #c9d1db; --soft: #eef2f7; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Segoe UI", "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  line-height: 1.5; }
main { max-width: 58rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1, h2, h3, h4 { color: var(--navy); line-height: 1.25; break-after: avoid; }
h1 { font-size: 1.9rem; margin: 0.3rem 0 0.6rem; }
h2 { font-size: 1.45rem; margin: 2.4rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--navy); }
h3 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
p { margin: 0.4rem 0 0.8rem; }
a { color: #1f4e8c; }
.kind { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: var(--muted); margin: 0; }
.subject { font-size: 1.15rem; margin: 0 0 1rem; }
.cover { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
nav ul { list-style: none; padding: 0; margin: 0.3rem 0 0; columns: 2; column-gap: 2rem; }
nav li { margin: 0.1rem 0; }
.muted, .refs { color: var(--muted); }
.warning { border-left: 4px solid #b45309; padding-left: 0.6rem; }
.refs { font-size: 0.85rem; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; color: var(--navy); padding: 0 0 0.3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); color: var(--navy); border-bottom: 2px solid var(--navy); }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
tr.lead td, tr.lead th { background: #f6f8fb; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--navy); }
.ranking, .landscape { table-layout: fixed; }
.ranking th.crit { font-size: 0.78rem; hyphens: manual; white-space: normal; vertical-align: bottom; }
.ranking td, .ranking th { padding: 0.3rem 0.35rem; }
.ranking thead th { vertical-align: bottom; }
table.narrow { width: auto; min-width: 55%; }
table.money { font-size: 0.75rem; }
table.money td, table.money th { padding: 0.3rem 0.3rem; }
table.annex, table.bills, table.bands, table.outcome { table-layout: fixed; }
thead th.group { text-align: center; border-bottom: 1px solid var(--rule); }
th .muted { font-weight: 400; }
.loses { color: #7a1f1f; }
tr.loser th, tr.loser td { background: #fbeeee; }
section.scenario { margin-top: 1.6rem; }
@media print {
  section.scenario + section.scenario { break-before: page; }
  section.scenario table { margin: 0.3rem 0 0.6rem; }
  section.scenario table.money td, section.scenario table.money th { padding: 0.15rem 0.3rem; line-height: 1.35; }
}
section.scenario figure { margin: 0.6rem 0 0.8rem; }
section.scenario h4 { margin: 0.8rem 0 0.3rem; }
.level { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-weight: 600; }
.level.full { background: #1e6b45; color: #fff; }
.level.configuration { background: #f4d58d; color: var(--ink); }
.level.none { background: #d9dde3; color: var(--ink); }
.status { display: inline-block; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 3px; font-size: 0.8rem; white-space: nowrap; }
.status.binding { color: #7a1f1f; }
.status.reference { color: #1f4e8c; }
.status.pending { color: #6b4a00; }
.status.self_binding { color: #5a2a7a; }
.status.background { color: #4a4a4a; }
ul.explained { padding-left: 1.1rem; }
ul.explained li { margin: 0.35rem 0; }
figure { margin: 1rem 0 1.4rem; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.3rem; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg .label { font-size: 13px; fill: var(--ink); }
svg .value { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .tick { font-size: 12px; fill: var(--muted); }
svg .head { font-size: 13px; font-weight: 600; fill: var(--navy); }
svg .bar { fill: #7f9cbd; }
svg .bar.lead { fill: var(--navy); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg rect.level.full { fill: #1e6b45; }
svg rect.level.configuration { fill: #f4d58d; }
svg rect.level.none { fill: #d9dde3; }
svg .cell { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .cell.full { fill: #fff; }
svg .cell.small { font-size: 11.5px; font-weight: 400; }
svg .box { fill: #fff; stroke: var(--navy); stroke-width: 1.2; }
svg .box.unplaced { stroke: #7a1f1f; stroke-dasharray: 5 3; }
svg .boxhead { fill: var(--soft); }
svg .boxtitle { font-size: 13px; font-weight: 700; fill: var(--navy); }
svg .item { font-size: 12.5px; fill: var(--ink); }
svg .band { fill: #d6e2ef; }
svg .line { fill: none; stroke-width: 2.5; }
svg .line.estimate { stroke: var(--ink); stroke-width: 3.5; }
svg .line.favourable { stroke: #1e6b45; }
svg .line.expected { stroke: #1f4e8c; stroke-dasharray: 9 4; }
svg .line.unfavourable { stroke: #7a1f1f; stroke-dasharray: 3 3; }
svg .dot { stroke: #fff; stroke-width: 1.5; }
svg .dot.estimate { fill: var(--ink); }
svg .dot.favourable { fill: #1e6b45; }
svg .dot.expected { fill: #1f4e8c; }
svg .dot.unfavourable { fill: #7a1f1f; }
svg .marker { stroke: var(--muted); stroke-dasharray: 3 3; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; color: var(--muted); font-size: 0.85rem; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  section.chapter { break-before: page; }
  section.chapter.first, section.chapter.joined { break-before: auto; }
  h2 { margin-top: 0; }
  tr, figure, li, .keep { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// "[1] §3.3, §4.1; [2] §2", linked to the sources chapter.
fn refs(references: &[Reference]) -> String {
    references
        .iter()
        .map(|r| {
            let mut s = format!(r##"<a href="#bron-{0}">[{0}]</a>"##, r.source);
            if !r.sections.is_empty() {
                s.push(' ');
                s.push_str(&esc(&crate::report::cite::sections(&r.sections)));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn status(id: &str, name: &str) -> String {
    format!(r#"<span class="status {}">{}</span>"#, esc(id), esc(name))
}

/// The annex chapters in order: (anchor, heading with its annex number), as in every format
/// (see `document::annexes`).
fn chapters(note: &Note) -> Vec<(&'static str, String)> {
    let lang = note.language();
    super::document::annexes(note)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.anchor,
                super::document::annex_title(lang, i + 1, &a.title),
            )
        })
        .collect()
}

/// Opens an annex chapter. In print every chapter starts on a new page, except the weights,
/// which are short and follow the question.
fn open_chapter(out: &mut String, note: &Note, anchor: &str) {
    let title = chapters(note)
        .into_iter()
        .find(|(a, _)| *a == anchor)
        .map(|(_, t)| t)
        .unwrap_or_default();
    let class = if anchor == "gewichten" {
        "chapter joined"
    } else {
        "chapter"
    };
    let _ = write!(
        out,
        r#"<section class="{class}" id="{anchor}" aria-labelledby="h-{anchor}"><h2 id="h-{anchor}">{}</h2>"#,
        esc(&title)
    );
}

/// The council front matter (beslispunten … vervolg) as the note's first pages, from the same
/// blocks as the Markdown and Word notes.
fn front_matter(out: &mut String, note: &Note) {
    let annexes = super::document::annexes(note);
    out.push_str(r#"<section class="chapter first council" aria-labelledby="beslispunten">"#);
    crate::report::doc::html::blocks(out, &super::council::front_matter(note, &annexes));
    out.push_str("</section>");
}

/// The whole note as an HTML document.
pub fn render(note: &Note) -> String {
    let lang = note.language();
    let t = labels(lang);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} — {}</title><style>{CSS}</style></head><body><main>"#,
        note.lang,
        esc(&note.subject.question),
        esc(t.doc_kind)
    );
    let _ = write!(
        out,
        r#"<header class="cover"><p class="kind">{}</p><h1>{}</h1><p class="subject">{}</p><nav aria-label="{}"><ul>"#,
        esc(t.doc_kind),
        esc(&note.subject.question),
        esc(&note.subject.name),
        esc(t.contents)
    );
    let c = crate::i18n::council(lang);
    for (anchor, title, _) in super::council::CHAPTERS {
        let _ = write!(
            out,
            r##"<li><a href="#{anchor}">{}</a></li>"##,
            esc(title(c))
        );
    }
    for (anchor, title) in chapters(note) {
        let _ = write!(out, r##"<li><a href="#{anchor}">{}</a></li>"##, esc(&title));
    }
    out.push_str("</ul></nav></header>");
    front_matter(&mut out, note);
    subject(&mut out, note);
    weights(&mut out, note);
    ranking(&mut out, note);
    excluded(&mut out, note);
    layers(&mut out, note);
    landscape(&mut out, note);
    if let Some(bc) = &note.business_case {
        business_case(&mut out, note, bc);
    }
    if !note.session.is_empty() {
        open_chapter(&mut out, note, "sessie");
        crate::report::doc::html::blocks(&mut out, &super::document::session_record(note));
        out.push_str("</section>");
    }
    collaboration(&mut out, note);
    sources(&mut out, note);
    let _ = writeln!(
        out,
        "<footer><p>{}</p></footer></main></body></html>",
        esc(t.colophon)
    );
    out
}

fn subject(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let n = &note.subject;
    open_chapter(out, note, "vraag");
    let _ = write!(
        out,
        r#"<p><strong>{}:</strong> {}</p><table><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(t.question),
        esc(&n.question),
        esc(s.municipality),
        esc(s.inhabitants),
        esc(s.workplaces),
        esc(s.current)
    );
    for m in &n.municipalities {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            esc(&m.name),
            number::integer(u64::from(m.inhabitants), lang),
            number::integer(u64::from(m.workplaces), lang),
            esc(m.current_name.as_deref().unwrap_or("—"))
        );
    }
    if n.municipalities.len() > 1 {
        let _ = write!(
            out,
            r#"<tr class="total"><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td></td></tr>"#,
            esc(t.total),
            number::integer(n.total_inhabitants, lang),
            number::integer(n.total_workplaces, lang)
        );
    }
    out.push_str("</tbody></table></section>");
}

fn weights(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    open_chapter(out, note, "gewichten");
    let _ = write!(
        out,
        r#"<p>{}</p><table class="narrow"><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        esc(t.weights_intro),
        esc(s.criterion),
        esc(t.raw_weight),
        esc(t.share)
    );
    for w in &note.weights {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&w.name),
            number::decimal(w.raw, if w.raw.fract() == 0.0 { 0 } else { 2 }, lang),
            number::weight(w.share, lang)
        );
    }
    out.push_str("</tbody></table></section>");
}

fn ranking(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    open_chapter(out, note, "ranglijst");
    let _ = write!(
        out,
        "<p>{} {}–{}.</p>",
        esc(t.ranking_intro),
        note.scale[0],
        note.scale[1]
    );
    if !note.ranking.is_empty() {
        let _ = write!(
            out,
            "<figure>{}<figcaption>{}</figcaption></figure>",
            svg::ranking_bars(note, "fig-ranking"),
            esc(t.ranking_chart_desc)
        );
    }
    let _ = write!(
        out,
        r#"<table class="ranking"><caption>{}</caption>{}<thead><tr>"#,
        esc(t.ch_ranking),
        ranking_cols(note.weights.len()),
    );
    let _ = write!(
        out,
        r#"<th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th>"#,
        esc(s.rank),
        esc(s.candidate),
        esc(s.total)
    );
    for w in &note.weights {
        let _ = write!(
            out,
            r#"<th scope="col" class="num crit">{}</th>"#,
            soft_hyphens(&w.name)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for r in &note.ranking {
        let class = if r.rank <= LEADING {
            r#" class="lead""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<tr{class}><td class="num">{}</td><th scope="row">{}</th><td class="num"><strong>{}</strong></td>"#,
            text::rank_compact(r.rank, r.tied),
            esc(&r.candidate.name),
            number::score(r.total, lang)
        );
        for c in &r.scores {
            let _ = write!(
                out,
                r#"<td class="num">{}</td>"#,
                number::score(c.score, lang)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if let Some(tb) = &note.tie_break {
        let _ = write!(out, r#"<p class="muted">{}</p>"#, esc(tb));
    }
    for w in &note.warnings {
        let _ = write!(
            out,
            r#"<p class="warning" role="note">⚠ {}</p>"#,
            esc(&w.text)
        );
    }
    if !note.leaders.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><p>{}</p>",
            esc(t.leaders_title),
            esc(t.leaders_intro)
        );
    }
    for l in &note.leaders {
        let _ = write!(
            out,
            r#"<div class="leader"><h4>{} {} ({})</h4><table class="keep narrow"><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
            super::document::heading_rank(l.rank, l.tied),
            esc(&l.candidate.name),
            number::score(l.total, lang),
            esc(s.criterion),
            esc(s.score),
            esc(s.weight),
            esc(t.contribution)
        );
        for c in &l.criteria {
            let _ = write!(
                out,
                r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&c.name),
                number::score(c.score, lang),
                number::weight(c.weight, lang),
                number::score(c.contribution, lang)
            );
        }
        out.push_str(r#"</tbody></table><ul class="explained">"#);
        for c in &l.criteria {
            let sources = refs(&c.references);
            let _ = write!(
                out,
                r#"<li><strong>{}</strong>: {} <span class="refs">({}: {})</span></li>"#,
                esc(&c.name),
                esc(&c.explanation),
                esc(t.references),
                sources
            );
        }
        out.push_str("</ul></div>");
    }
    out.push_str("</section>");
}

/// Column widths of the ranking table: rank, candidate and total fixed, criteria share the rest.
fn ranking_cols(criteria: usize) -> String {
    let rest = 100.0 - 5.0 - 29.0 - 8.0;
    let each = rest / criteria.max(1) as f64;
    let mut s = String::from(
        r#"<colgroup><col style="width:5%"><col style="width:29%"><col style="width:8%">"#,
    );
    for _ in 0..criteria {
        let _ = write!(s, r#"<col style="width:{each:.2}%">"#);
    }
    s.push_str("</colgroup>");
    s
}

/// Soft hyphens in long criterion names so narrow A4 columns break them legibly.
fn soft_hyphens(name: &str) -> String {
    const BREAKS: &[(&str, &str)] = &[
        ("Kostenvoorspelbaarheid", "Kosten&shy;voorspel&shy;baarheid"),
        ("Cost predictability", "Cost predict&shy;ability"),
        ("Continuïteit", "Continu&shy;ïteit"),
        ("Flexibiliteit", "Flexi&shy;biliteit"),
        ("Flexibility", "Flexi&shy;bility"),
    ];
    let escaped = esc(name);
    BREAKS
        .iter()
        .find(|(plain, _)| *plain == name)
        .map(|(_, hyphenated)| hyphenated.to_string())
        .unwrap_or(escaped)
}

fn excluded(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    open_chapter(out, note, "uitgesloten");
    if note.excluded.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", esc(s.nothing_excluded));
        return;
    }
    let _ = write!(
        out,
        r#"<p>{}</p><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(t.excluded_intro),
        esc(s.candidate),
        esc(s.reasons)
    );
    for x in &note.excluded {
        let mut reasons: Vec<String> = x.reasons.iter().map(|r| esc(r)).collect();
        if !x.references.is_empty() {
            reasons.push(format!(
                r#"<span class="refs">({}: {})</span>"#,
                esc(t.references),
                refs(&x.references)
            ));
        }
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td>{}</td></tr>"#,
            esc(&x.candidate.name),
            reasons.join("<br>")
        );
    }
    out.push_str("</tbody></table></section>");
}

fn layers(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let l = &note.layers;
    if l.candidates.is_empty() {
        return;
    }
    open_chapter(out, note, "lagen");
    let _ = write!(
        out,
        "<p>{}</p><figure>{}<figcaption>{} <span class=\"refs\">({}: {})</span></figcaption></figure>",
        esc(t.layers_intro),
        svg::layer_matrix(note, "fig-layers"),
        esc(t.layers_chart),
        esc(t.references),
        refs(&l.references)
    );
    let _ = write!(
        out,
        r#"<table><thead><tr><th scope="col">{}</th>"#,
        esc(t.layer)
    );
    for c in &l.candidates {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(&c.name));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &l.rows {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}<br><span class="muted">{}</span></th>"#,
            esc(&row.name),
            esc(&row.examples)
        );
        for c in &row.cells {
            let _ = write!(
                out,
                r#"<td><span class="level {}">{}</span><br>{}: {}<br>{}: {}"#,
                c.level,
                esc(&c.level_name),
                esc(t.kept),
                esc(&c.kept),
                esc(t.given_up),
                esc(&c.given_up)
            );
            if let Some(to) = &c.given_to {
                let _ = write!(out, " {} {}", esc(t.given_to), esc(to));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    for (label, values) in [
        (t.operations_by, &l.operations),
        (t.facility_by, &l.facility),
    ] {
        let _ = write!(out, r#"<tr><th scope="row">{}</th>"#, esc(label));
        for v in values {
            let _ = write!(out, "<td>{}</td>", esc(v));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
}

fn landscape(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let l = &note.landscape;
    if l.workloads.is_empty() {
        return;
    }
    open_chapter(out, note, "landschap");
    if let Some(st) = &note.stance {
        let _ = write!(out, r#"<p class="warning">{}</p>"#, esc(st));
    }
    let _ = write!(
        out,
        "<p>{}</p><figure>{}<figcaption>{}</figcaption></figure>",
        esc(t.landscape_intro),
        svg::landscape_boxes(note, "fig-landscape"),
        esc(t.landscape_chart)
    );
    let _ = write!(
        out,
        r#"<table class="landscape"><colgroup><col style="width:32%"><col style="width:18%"><col style="width:26%"><col style="width:12%"><col style="width:12%"></colgroup><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        esc(s.workload),
        esc(s.data_class),
        esc(s.placement),
        esc(t.workload_score),
        esc(t.overall_rank)
    );
    for w in &l.workloads {
        let critical = if w.critical {
            format!(r#"<br><span class="muted">{}</span>"#, esc(t.critical))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}{critical}</th><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&w.name),
            esc(&w.data_name),
            esc(&w
                .placement
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_else(|| t.unplaced.to_string())),
            w.score.map(|x| number::score(x, lang)).unwrap_or_default(),
            w.overall_rank
                .map(|r| text::rank_compact(r, w.overall_tied))
                .unwrap_or_default()
        );
    }
    out.push_str("</tbody></table>");
    if !l.rules.is_empty() {
        let _ = write!(
            out,
            r#"<h3>{}</h3><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            esc(t.rules_title),
            esc(t.rule),
            esc(s.applies_to),
            esc(t.effect),
            esc(s.status)
        );
        for r in &l.rules {
            let _ = write!(
                out,
                r#"<tr><td>{} <span class="refs">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&r.text),
                refs(&r.references),
                esc(&r.applies_to.join(", ")),
                esc(&r.effect_name),
                status(r.status, &r.status_name)
            );
        }
        out.push_str("</tbody></table>");
    }
    let _ = write!(
        out,
        r#"<h3>{}</h3><ul class="explained">"#,
        esc(t.why_title)
    );
    for w in &l.why {
        let sources = if w.references.is_empty() {
            String::new()
        } else {
            format!(
                r#" <span class="refs">({}: {})</span>"#,
                esc(t.references),
                refs(&w.references)
            )
        };
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {}{sources}</li>",
            esc(&w.workloads.join(", ")),
            esc(&w.explanation)
        );
    }
    out.push_str("</ul></section>");
}

/// Column widths in percent, for a table with a fixed layout.
fn cols(widths: &[f64]) -> String {
    let mut s = String::from("<colgroup>");
    for w in widths {
        let _ = write!(s, r#"<col style="width:{w:.2}%">"#);
    }
    s.push_str("</colgroup>");
    s
}

/// `n` columns sharing what `first` leaves.
fn first_and_rest(first: f64, n: usize) -> Vec<f64> {
    let mut v = vec![first];
    v.extend(std::iter::repeat_n((100.0 - first) / n.max(1) as f64, n));
    v
}

/// A table header label with soft hyphens in the long words of the business case, so narrow
/// A4 columns break them legibly instead of letting them run into the next column.
fn hyphenated(label: &str) -> String {
    const BREAKS: &[(&str, &str)] = &[
        ("Exploitatiekosten", "Exploitatie&shy;kosten"),
        ("Investeringen", "Investe&shy;ringen"),
        ("geactiveerd", "geacti&shy;veerd"),
        ("Cumulatieve", "Cumula&shy;tieve"),
        ("Terugverdienjaar", "Terugverdien&shy;jaar"),
        ("kasstroom", "kas&shy;stroom"),
        ("Kasstroom", "Kas&shy;stroom"),
        ("Vertraging", "Vertra&shy;ging"),
        ("capitalised", "capital&shy;ised"),
        ("unfavourable", "un&shy;favour&shy;able"),
        ("favourable", "favour&shy;able"),
    ];
    BREAKS.iter().fold(esc(label), |text, (word, broken)| {
        text.replace(word, broken)
    })
}

/// A return year, or "not within the horizon".
fn return_year(y: Option<u32>, lang: Lang) -> String {
    y.map(number::year)
        .unwrap_or_else(|| esc(labels(lang).not_within_horizon))
}

/// The business case chapter: the selection rule, then per scenario the cash-flow chart, the
/// yearly table of seed 003 Bijlage 1 (the estimate), the return year per risk band and, for a
/// starter group, the bills and the outcome per participant with the losers flagged. Only
/// rendered when the note carries one.
pub fn business_case(out: &mut String, note: &Note, bc: &BusinessCaseNote) {
    let lang = note.language();
    let t = labels(lang);
    open_chapter(out, note, "businesscase");
    let _ = write!(
        out,
        "<p>{} {}</p><p>{}",
        esc(t.business_case_intro),
        esc(t.bands_intro),
        esc(&bc.selection_text)
    );
    if !bc.references.is_empty() {
        let _ = write!(
            out,
            r#" <span class="refs">({})</span>"#,
            refs(&bc.references)
        );
    }
    out.push_str("</p>");
    for (i, s) in bc.scenarios.iter().enumerate() {
        scenario(out, s, i + 1, lang);
    }
    out.push_str("</section>");
}

fn scenario(out: &mut String, s: &ScenarioNote, n: usize, lang: Lang) {
    let t = labels(lang);
    let standing = match s.rank {
        Some(r) => t.candidate_rank.replace("{rank}", &r.to_string()),
        None => t.candidate_excluded.to_string(),
    };
    let _ = write!(
        out,
        r#"<section class="scenario" aria-labelledby="h-scenario-{n}"><h3 id="h-scenario-{n}">{}: {}</h3><p>{} <span class="muted">({})</span>, {}; {}.{}</p>"#,
        esc(t.scenario),
        esc(&s.label),
        esc(&s.candidate.name),
        esc(&s.candidate.id),
        esc(&standing),
        esc(&s.kind_name),
        if s.consolidated {
            format!(" {}", esc(t.consolidated))
        } else {
            String::new()
        }
    );
    if !s.years.is_empty() {
        let _ = write!(
            out,
            r#"<figure class="keep">{}<figcaption>{}: {}</figcaption></figure>"#,
            svg::cash_flow(s, lang, &format!("fig-cashflow-{n}")),
            esc(t.cash_flow_chart),
            esc(&s.label)
        );
    }
    let _ = write!(
        out,
        r#"<div class="keep"><h4>{}</h4><table class="bands">{}<thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        esc(t.bands_title),
        cols(&[13.0, 11.0, 12.0, 18.0, 24.0, 22.0]),
        esc(t.band),
        esc(t.cost_factor),
        esc(t.benefit_factor),
        hyphenated(t.delay_months),
        hyphenated(t.return_year),
        hyphenated(t.end_balance)
    );
    for b in &s.bands {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td class="num">{}</td></tr>"#,
            hyphenated(&b.name),
            esc(&number::factor(b.cost_multiplier, lang)),
            esc(&number::factor(b.benefit_multiplier, lang)),
            b.delay_months,
            return_year(b.return_year, lang),
            esc(&number::money(
                b.cumulative_cash_flow.last().copied().unwrap_or_default(),
                lang
            ))
        );
    }
    out.push_str("</tbody></table></div>");
    let _ = write!(
        out,
        r#"<div class="keep"><h4>{}</h4><table class="money annex"><caption>{}</caption>{}<thead><tr><th scope="col" class="num">{}</th>"#,
        esc(t.estimate_title),
        esc(t.amounts_in_eur),
        cols(&first_and_rest(6.0, 8)),
        esc(t.year)
    );
    for h in [
        t.benefits,
        t.operating_costs,
        t.investments,
        t.total_costs,
        t.cash_flow,
        t.cumulative_benefits,
        t.cumulative_costs,
        t.cumulative_cash_flow,
    ] {
        let _ = write!(out, r#"<th scope="col" class="num">{}</th>"#, hyphenated(h));
    }
    out.push_str("</tr></thead><tbody>");
    for y in &s.years {
        let _ = write!(
            out,
            r#"<tr><th scope="row" class="num">{}</th>"#,
            number::year(y.year)
        );
        for v in [
            y.benefits,
            y.operating_costs,
            y.investments,
            y.total_costs,
            y.cash_flow,
            y.cumulative_benefits,
            y.cumulative_costs,
            y.cumulative_cash_flow,
        ] {
            let _ = write!(
                out,
                r#"<td class="num">{}</td>"#,
                esc(&number::euros(v, lang))
            );
        }
        out.push_str("</tr>");
    }
    let end = s
        .years
        .last()
        .map(|y| y.cumulative_cash_flow)
        .unwrap_or_default();
    let _ = write!(
        out,
        "</tbody></table><p>{} ({}): <strong>{}</strong>. {}: {}. {}: {}.</p></div>",
        esc(t.return_year),
        esc(&t.estimate.to_lowercase()),
        return_year(s.return_year, lang),
        esc(t.end_balance),
        esc(&number::money(end, lang)),
        esc(t.residual),
        esc(&number::money(s.residual_book_value, lang))
    );
    if let Some(a) = &s.allocation {
        allocation(out, s, a, lang);
    }
    out.push_str("</section>");
}

fn allocation(out: &mut String, s: &ScenarioNote, a: &AllocationNote, lang: Lang) {
    let t = labels(lang);
    let _ = write!(
        out,
        r#"<div class="keep"><h4>{}</h4><p>{}</p><table class="money bills"><caption>{} ({})</caption>{}<thead><tr><th scope="col" class="num">{}</th>"#,
        esc(t.allocation_title),
        esc(&t
            .allocation_rule
            .replace("{provider}", &a.provider)
            .replace("{key}", &a.key_name)
            .replace("{tariff}", &a.tariff_name)),
        esc(t.bills_title),
        esc(case_strings(lang).whole_euros),
        cols(&first_and_rest(7.0, a.participants.len() + 1)),
        esc(t.year)
    );
    for p in &a.participants {
        let _ = write!(
            out,
            r#"<th scope="col" class="num">{}</th>"#,
            esc(&p.participant)
        );
    }
    let _ = write!(
        out,
        r#"<th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        esc(t.total)
    );
    for (i, y) in s.years.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tr><th scope="row" class="num">{}</th>"#,
            number::year(y.year)
        );
        for p in &a.participants {
            let bill = p.bills.get(i).copied().unwrap_or_default();
            let _ = write!(
                out,
                r#"<td class="num">{}</td>"#,
                esc(&number::euros(bill, lang))
            );
        }
        let total = a.provider_costs.get(i).copied().unwrap_or_default();
        let _ = write!(
            out,
            r#"<td class="num total">{}</td></tr>"#,
            esc(&number::euros(total, lang))
        );
    }
    out.push_str("</tbody></table></div>");
    let bands = s.bands.len();
    let mut widths = vec![22.0, 13.0, 20.0];
    widths.extend(std::iter::repeat_n(45.0 / bands.max(1) as f64, bands));
    let _ = write!(
        out,
        r#"<div class="keep"><table class="outcome"><caption>{}</caption>{}<thead><tr><th scope="col" rowspan="2">{}</th><th scope="col" rowspan="2" class="num">{} ({})</th><th scope="col" rowspan="2" class="num">{}</th><th scope="colgroup" colspan="{bands}" class="group">{}</th></tr><tr>"#,
        esc(t.outcome_title),
        cols(&widths),
        esc(t.participant),
        esc(t.usage),
        esc(&a.key_name),
        hyphenated(t.end_balance),
        esc(t.return_year)
    );
    for b in &s.bands {
        let _ = write!(
            out,
            r#"<th scope="col" class="num">{}</th>"#,
            hyphenated(&b.name)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for p in &a.participants {
        let flag = if p.loses_while_group_wins {
            format!(r#"<br><strong class="loses">{}</strong>"#, esc(t.loses))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            r#"<tr{}><th scope="row">{}{flag}</th><td class="num">{}</td><td class="num">{}</td>"#,
            if p.loses_while_group_wins {
                r#" class="loser""#
            } else {
                ""
            },
            esc(&p.participant),
            esc(&number::factor(p.usage, lang)),
            esc(&number::money(p.final_cumulative_cash_flow, lang))
        );
        for y in &p.return_years {
            let _ = write!(
                out,
                r#"<td class="num">{}</td>"#,
                y.map_or_else(|| "—".to_string(), number::year)
            );
        }
        out.push_str("</tr>");
    }
    let losers = a.losers();
    let _ = write!(
        out,
        r#"</tbody></table><p class="muted">{}</p><p>{}</p></div>"#,
        esc(t.no_return_mark),
        esc(&if losers.is_empty() {
            t.nobody_loses.to_string()
        } else {
            t.loses_note.replace("{names}", &losers.join(", "))
        })
    );
}

fn collaboration(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let c = &note.collaboration;
    open_chapter(out, note, "samenwerking");
    if let (Some(name), Some(summary)) = (&c.form_name, &c.form_summary) {
        let _ = write!(
            out,
            "<p><strong>{}:</strong> {}. {}",
            esc(t.form),
            esc(name),
            esc(summary)
        );
        if let Some(r) = &c.reference {
            let _ = write!(
                out,
                r#" <span class="refs">({})</span>"#,
                refs(std::slice::from_ref(r))
            );
        }
        out.push_str("</p>");
    }
    let _ = write!(out, "<p>{}</p>", esc(&c.basis));
    if !c.rules.is_empty() {
        let _ = write!(
            out,
            r#"<h3>{}</h3><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            esc(t.option_rules_title),
            esc(t.rule),
            esc(s.status)
        );
        for r in &c.rules {
            let _ = write!(
                out,
                r#"<tr><td>{} <span class="refs">{}</span></td><td>{}</td></tr>"#,
                esc(&r.text),
                refs(&r.references),
                status(r.status, &r.status_name)
            );
        }
        out.push_str("</tbody></table>");
    }
    if c.form.is_some() {
        if c.obstacles.is_empty() {
            let _ = write!(out, "<p>{}</p>", esc(t.no_obstacles));
        } else {
            let _ = write!(
                out,
                r#"<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
                esc(t.obstacle),
                esc(s.status)
            );
            for o in &c.obstacles {
                let _ = write!(
                    out,
                    r#"<tr><td>{}{} <span class="refs">{}</span></td><td>{}</td></tr>"#,
                    esc(&o.text),
                    o.historical
                        .as_ref()
                        .map(|h| format!(r#" <em class="muted">({})</em>"#, esc(h)))
                        .unwrap_or_default(),
                    o.reference
                        .as_ref()
                        .map(|x| refs(std::slice::from_ref(x)))
                        .unwrap_or_default(),
                    status(o.status, &o.status_name)
                );
            }
            out.push_str("</tbody></table>");
        }
    }
    out.push_str("</section>");
}

fn sources(out: &mut String, note: &Note) {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    open_chapter(out, note, "bronnen");
    let _ = write!(
        out,
        r#"<p>{}</p><p>{}</p><table><thead><tr><th scope="col" class="num">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(t.sources_intro),
        esc(&t
            .policy_checked
            .replace("{date}", &note.policy_checked_text)),
        esc(t.document),
        esc(t.sections_used),
        esc(s.status)
    );
    for src in &note.sources {
        let publisher = if src.publisher.is_empty() {
            String::new()
        } else {
            format!("{}, ", esc(&src.publisher))
        };
        let when = if src.publisher.is_empty() {
            String::new()
        } else {
            format!(", {}", esc(&src.date))
        };
        let short = if src.short.is_empty() {
            String::new()
        } else {
            format!(" ({})", esc(&src.short))
        };
        let identifier = if src.identifier.is_empty() {
            String::new()
        } else {
            format!(", {}", esc(&src.identifier))
        };
        let status_note = src
            .status_note
            .as_ref()
            .map(|n| format!(r#"<br><span class="muted">⚠ {}</span>"#, esc(n)))
            .unwrap_or_default();
        // Age and checked date under the document: two more columns do not fit on A4.
        let age_checked = format!(
            "{}: {} · {}: {}",
            t.age,
            src.age_years
                .map(|n| t.years.replace("{n}", &n.to_string()))
                .unwrap_or_default(),
            t.checked,
            src.checked_text
        );
        let _ = write!(
            out,
            r#"<tr id="bron-{}"><td class="num">{}</td><th scope="row">{}<cite>{}</cite>{}{}{}<br><span class="muted">{}</span>{}<br><span class="muted">{}</span></th><td>{}</td><td>{}</td></tr>"#,
            src.number,
            src.number,
            publisher,
            esc(&src.title),
            short,
            when,
            identifier,
            esc(&src.note),
            status_note,
            esc(&age_checked),
            if src.sections.is_empty() {
                "—".to_string()
            } else {
                esc(&src.sections.join("; "))
            },
            status(src.status, &src.status_name)
        );
    }
    out.push_str("</tbody></table></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_colours_pass_wcag_aa() {
        // (text, background) pairs the style sheet uses for text.
        let pairs = [
            ("#1b1f24", "#ffffff"), // body text
            ("#17375e", "#ffffff"), // headings
            ("#17375e", "#eef2f7"), // table headers, box titles
            ("#4a5563", "#ffffff"), // muted text, references, chart ticks
            ("#4a5563", "#f6f8fb"), // muted text on leading rows
            ("#1f4e8c", "#ffffff"), // links
            ("#ffffff", "#1e6b45"), // full control
            ("#1b1f24", "#f4d58d"), // configuration
            ("#1b1f24", "#d9dde3"), // no influence
            ("#7a1f1f", "#ffffff"), // status: binding
            ("#1f4e8c", "#ffffff"), // status: reference
            ("#6b4a00", "#ffffff"), // status: pending
            ("#1b1f24", "#fbeeee"), // a participant that loses while the group wins
            ("#7a1f1f", "#fbeeee"), // its flag
        ];
        for (fg, bg) in pairs {
            for c in [fg, bg] {
                assert!(
                    c == "#ffffff" || CSS.contains(c),
                    "{c} is not in the style sheet"
                );
            }
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "{fg} on {bg}: {ratio:.2} < 4.5");
        }
    }

    #[test]
    fn soft_hyphens_only_in_known_long_names() {
        assert_eq!(
            soft_hyphens("Kostenvoorspelbaarheid"),
            "Kosten&shy;voorspel&shy;baarheid"
        );
        assert_eq!(soft_hyphens("Privacy & co"), "Privacy &amp; co");
    }
}
