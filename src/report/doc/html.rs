//! A [`Document`] as HTML: real headings, `<th scope>` (column heads, and the first cell of
//! each row as the row's head), number columns marked `num` (right-aligned, tabular figures in
//! the style sheet), warnings as `warning` paragraphs, figures with their SVG, caption and
//! data table, page breaks and keep-together groups for print. [`page`] wraps a whole document
//! as one self-contained page (cover, contents, one `<section>` per chapter, footer); the
//! style sheet belongs to the report that uses it.

use std::fmt::Write;

use super::{Align, Block, Callout, Document, Inline, Table};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Blocks as HTML.
pub fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        block(out, b);
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, id } => {
            let level = (*level).clamp(1, 6);
            // The title is the page's one `<h1>`; nothing links to it.
            let id = id.as_ref().filter(|_| level > 1);
            match id {
                Some(id) => {
                    let _ = write!(
                        out,
                        r#"<h{level} id="{}">{}</h{level}>"#,
                        esc(id),
                        esc(text)
                    );
                }
                None => {
                    let _ = write!(out, "<h{level}>{}</h{level}>", esc(text));
                }
            }
        }
        Block::Para(runs) => {
            let _ = write!(out, "<p>{}</p>", inlines(runs));
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", inlines(item));
            }
            let _ = write!(out, "</{tag}>");
        }
        Block::Table(t) => table(out, t),
        Block::Figure(f) => {
            // With a chart, the SVG carries the title and description itself (its `<title>`
            // and `<desc>` label it); the caption shows the title. Without one, the caption
            // says both.
            out.push_str(r#"<figure class="keep">"#);
            match &f.svg {
                Some(svg) => {
                    out.push_str(svg);
                    let _ = write!(out, "<figcaption>{}</figcaption>", esc(&f.title));
                }
                None => {
                    let _ = write!(
                        out,
                        "<figcaption>{}. {}</figcaption>",
                        esc(&f.title),
                        esc(&f.description)
                    );
                }
            }
            out.push_str("</figure>");
            table(out, &f.data);
        }
        Block::Pre(lines) => {
            let _ = write!(out, "<pre>{}</pre>", esc(&lines.join("\n")));
        }
        Block::Callout { kind, body } => {
            // A warning is a note for assistive technology and carries the sign the other
            // formats show.
            let (open, mark) = match kind {
                Callout::Warning => (r#"<p class="warning" role="note">"#, "⚠ "),
                Callout::Info => (r#"<p class="muted">"#, ""),
            };
            let _ = write!(out, "{open}{mark}{}</p>", inlines(body));
        }
        Block::PageBreak => out.push_str(r#"<div class="page-break" aria-hidden="true"></div>"#),
        Block::Rule => out.push_str("<hr>"),
        Block::KeepTogether(inner) => {
            out.push_str(r#"<div class="keep">"#);
            blocks(out, inner);
            out.push_str("</div>");
        }
    }
}

/// Tables with this many columns or more are set smaller (class `wide`), with fixed column
/// widths, so they fit A4.
const WIDE: usize = 6;

fn table(out: &mut String, t: &Table) {
    let wide = t.columns.len() >= WIDE;
    if wide {
        out.push_str(r#"<table class="wide">"#);
    } else {
        out.push_str("<table>");
    }
    if let Some(c) = &t.caption {
        let _ = write!(out, "<caption>{}</caption>", esc(c));
    }
    if wide {
        // A wide table gets fixed column widths in proportion to what the columns hold (the
        // same weights as in Word); the browser's own layout starves the prose columns.
        let weights = t.column_weights();
        let total = f64::from(weights.iter().sum::<u32>().max(1));
        out.push_str("<colgroup>");
        for w in weights {
            let _ = write!(
                out,
                r#"<col style="width:{:.1}%">"#,
                100.0 * f64::from(w) / total
            );
        }
        out.push_str("</colgroup>");
    }
    out.push_str("<thead><tr>");
    for c in &t.columns {
        let class = match c.align {
            Align::Right => r#" class="num""#,
            Align::Left => "",
        };
        let _ = write!(
            out,
            r#"<th scope="col"{class}>{}</th>"#,
            hyphenated(&c.head)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let right = t.columns.get(i).is_some_and(|c| c.align == Align::Right);
            let class = if right { r#" class="num""# } else { "" };
            // The first cell names the row.
            let (tag, scope) = if i == 0 {
                ("th", r#" scope="row""#)
            } else {
                ("td", "")
            };
            let _ = write!(out, "<{tag}{scope}{class}>{}</{tag}>", inlines(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// A column head with soft hyphens in the long Dutch and English words of the reports, so
/// narrow A4 columns break them legibly instead of letting them run into the next column.
fn hyphenated(label: &str) -> String {
    const BREAKS: &[(&str, &str)] = &[
        ("Kostenvoorspelbaarheid", "Kosten&shy;voorspel&shy;baarheid"),
        ("predictability", "predict&shy;ability"),
        ("Continuïteit", "Continu&shy;ïteit"),
        ("Flexibiliteit", "Flexi&shy;biliteit"),
        ("Flexibility", "Flexi&shy;bility"),
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
        ("Onafhankelijkheid", "Onafhanke&shy;lijkheid"),
        ("Independence", "Indepen&shy;dence"),
    ];
    BREAKS.iter().fold(esc(label), |text, (word, broken)| {
        if text.contains(word) && !text.contains(broken) {
            text.replace(word, broken)
        } else {
            text
        }
    })
}

/// The texts of a page around a document.
pub struct Page<'a> {
    /// The page's `<title>`.
    pub title: &'a str,
    /// The style sheet (screen and print).
    pub css: &'a str,
    /// The accessible name of the table of contents.
    pub contents: &'a str,
}

/// A whole document as one self-contained HTML page. The blocks before the first chapter
/// (level-2 heading) are the cover, followed by a table of contents linking every anchored
/// chapter; each chapter is a `<section>` labelled by its heading; a top-level [`Block::Rule`]
/// starts the footer. A [`Block::PageBreak`] becomes an element the style sheet breaks the
/// page before (`.page-break`).
pub fn page(doc: &Document, p: &Page<'_>) -> String {
    let mut out = String::with_capacity(128 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{}</style></head><body><main>"#,
        doc.lang.code(),
        esc(p.title),
        p.css
    );
    let first_chapter = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 2, .. }))
        .unwrap_or(doc.blocks.len());
    let (cover, rest) = doc.blocks.split_at(first_chapter);
    out.push_str(r#"<header class="cover">"#);
    blocks(&mut out, cover);
    let _ = write!(out, r#"<nav aria-label="{}"><ul>"#, esc(p.contents));
    for b in rest {
        if let Block::Heading {
            level: 2,
            text,
            id: Some(id),
        } = b
        {
            let _ = write!(
                out,
                r##"<li><a href="#{}">{}</a></li>"##,
                esc(id),
                esc(text)
            );
        }
    }
    out.push_str("</ul></nav></header>");
    let mut open: Option<&str> = None;
    for b in rest {
        match b {
            Block::Heading { level: 2, id, .. } => {
                if let Some(close) = open.take() {
                    out.push_str(close);
                }
                match id {
                    Some(id) => {
                        let _ = write!(
                            out,
                            r#"<section class="chapter" aria-labelledby="{}">"#,
                            esc(id)
                        );
                    }
                    None => out.push_str(r#"<section class="chapter">"#),
                }
                open = Some("</section>");
                block(&mut out, b);
            }
            Block::Rule if open != Some("</footer>") => {
                if let Some(close) = open.take() {
                    out.push_str(close);
                }
                out.push_str("<footer>");
                open = Some("</footer>");
            }
            other => block(&mut out, other),
        }
    }
    if let Some(close) = open {
        out.push_str(close);
    }
    out.push_str("</main></body></html>\n");
    out
}

/// Inline runs as HTML.
pub fn inlines(runs: &[Inline]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text(s) => out.push_str(&esc(s)),
            Inline::Emph(s) => {
                let _ = write!(out, "<em>{}</em>", esc(s));
            }
            Inline::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", esc(s));
            }
            Inline::Code(s) => {
                let _ = write!(out, "<code>{}</code>", esc(s));
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Link { text, target } => {
                let _ = write!(out, r##"<a href="#{}">{}</a>"##, esc(target), esc(text));
            }
            Inline::Anchor(id) => {
                let _ = write!(out, r#"<span id="{}"></span>"#, esc(id));
            }
            Inline::Status { class, text } => {
                let _ = write!(
                    out,
                    r#"<span class="status {}">{}</span>"#,
                    esc(class),
                    esc(text)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Column, anchored, plain};
    use super::*;

    #[test]
    fn headings_tables_and_text_are_escaped_and_scoped() {
        let mut t = Table::new(vec![Column::text("A & B"), Column::number("Score")]);
        t.row(vec!["<x>".into(), "7,24".into()]);
        let mut out = String::new();
        blocks(
            &mut out,
            &[
                anchored(2, "Beslispunten", "beslispunten"),
                Block::List {
                    ordered: true,
                    items: vec![plain("één")],
                },
                Block::Table(t),
            ],
        );
        assert_eq!(
            out,
            concat!(
                r#"<h2 id="beslispunten">Beslispunten</h2><ol><li>één</li></ol>"#,
                r#"<table><thead><tr><th scope="col">A &amp; B</th><th scope="col" class="num">Score</th></tr></thead>"#,
                r#"<tbody><tr><th scope="row">&lt;x&gt;</th><td class="num">7,24</td></tr></tbody></table>"#
            )
        );
    }
}
