//! A [`Document`]'s blocks as HTML fragments: real headings, `<th scope>`, number columns
//! marked `num` (right-aligned, tabular figures in the note's style sheet), warnings as
//! `warning` paragraphs, figures with their SVG, caption and data table. The page around it
//! (style sheet, cover, print rules) belongs to the report that uses it.

use std::fmt::Write;

use super::{Align, Block, Callout, Inline, Table};

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
            out.push_str(r#"<figure class="keep">"#);
            if let Some(svg) = &f.svg {
                out.push_str(svg);
            }
            let _ = write!(
                out,
                "<figcaption>{}. {}</figcaption></figure>",
                esc(&f.title),
                esc(&f.description)
            );
            table(out, &f.data);
        }
        Block::Pre(lines) => {
            let _ = write!(out, "<pre>{}</pre>", esc(&lines.join("\n")));
        }
        Block::Callout { kind, body } => {
            let class = match kind {
                Callout::Warning => "warning",
                Callout::Info => "muted",
            };
            let _ = write!(out, r#"<p class="{class}">{}</p>"#, inlines(body));
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

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>");
    if let Some(c) = &t.caption {
        let _ = write!(out, "<caption>{}</caption>", esc(c));
    }
    out.push_str("<thead><tr>");
    for c in &t.columns {
        let class = match c.align {
            Align::Right => r#" class="num""#,
            Align::Left => "",
        };
        let _ = write!(out, r#"<th scope="col"{class}>{}</th>"#, esc(&c.head));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let right = t.columns.get(i).is_some_and(|c| c.align == Align::Right);
            let class = if right { r#" class="num""# } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", inlines(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
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
                r#"<tbody><tr><td>&lt;x&gt;</td><td class="num">7,24</td></tr></tbody></table>"#
            )
        );
    }
}
