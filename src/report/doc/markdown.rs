//! A [`Document`] as Markdown (GitHub flavour: pipe tables with alignment, `<br>` for a line
//! break inside a cell). Pure: document in, text out.

use std::fmt::Write;

use super::{Align, Block, Callout, Document, Inline, Table};

/// The whole document. The title is not repeated: a document that wants it as a heading says
/// so in its blocks (the note opens with its question).
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    blocks(&mut out, &doc.blocks);
    out
}

/// Blocks, each followed by a blank line.
pub fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        block(out, b);
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, .. } => {
            let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
            let _ = writeln!(out, "{hashes} {text}\n");
        }
        Block::Para(runs) => {
            let _ = writeln!(out, "{}\n", inlines(runs, false));
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                if *ordered {
                    let _ = writeln!(out, "{}. {}", i + 1, inlines(item, false));
                } else {
                    let _ = writeln!(out, "- {}", inlines(item, false));
                }
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t),
        Block::Figure(f) => {
            let _ = writeln!(out, "**{}**\n\n{}\n", f.title, f.description);
            table(out, &f.data);
        }
        Block::Pre(lines) => {
            out.push_str("```\n");
            for l in lines {
                let _ = writeln!(out, "{l}");
            }
            out.push_str("```\n\n");
        }
        Block::Callout { kind, body } => {
            let mark = match kind {
                Callout::Warning => "⚠ ",
                Callout::Info => "",
            };
            let _ = writeln!(out, "> {mark}{}\n", inlines(body, false));
        }
        Block::PageBreak => {}
        Block::Rule => out.push_str("---\n\n"),
        Block::KeepTogether(inner) => blocks(out, inner),
    }
}

/// A pipe table: caption in bold above it, alignment in the separator row.
fn table(out: &mut String, t: &Table) {
    if let Some(c) = &t.caption {
        let _ = writeln!(out, "**{c}**\n");
    }
    out.push('|');
    for c in &t.columns {
        let _ = write!(out, " {} |", cell_text(&c.head));
    }
    out.push_str("\n|");
    for c in &t.columns {
        out.push_str(match c.align {
            Align::Left => "---|",
            Align::Right => "---:|",
        });
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for cell in row {
            let _ = write!(out, " {} |", inlines(cell, true));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// Escapes what would end a table cell.
fn cell_text(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Inline runs as Markdown; in a table cell `|` is escaped and a break is `<br>`.
pub fn inlines(runs: &[Inline], in_cell: bool) -> String {
    let mut out = String::new();
    for r in runs {
        let text = |s: &str| {
            if in_cell { cell_text(s) } else { s.to_string() }
        };
        // Markdown emphasis cannot start or end with white space (`**a: **b` is not bold):
        // the spaces go outside the markers.
        let marked = |out: &mut String, s: &str, mark: &str| {
            let inner = s.trim();
            let lead = &s[..s.len() - s.trim_start().len()];
            let trail = &s[s.trim_end().len()..];
            if inner.is_empty() {
                out.push_str(&text(s));
            } else {
                let _ = write!(
                    out,
                    "{}{mark}{}{mark}{}",
                    text(lead),
                    text(inner),
                    text(trail)
                );
            }
        };
        match r {
            Inline::Text(s) => out.push_str(&text(s)),
            Inline::Emph(s) if !s.is_empty() => marked(&mut out, s, "_"),
            Inline::Strong(s) if !s.is_empty() => marked(&mut out, s, "**"),
            Inline::Code(s) if !s.is_empty() => {
                let _ = write!(out, "`{}`", text(s));
            }
            Inline::Emph(_) | Inline::Strong(_) | Inline::Code(_) => {}
            Inline::Break => out.push_str(if in_cell { "<br>" } else { "  \n" }),
            Inline::Link { text: t, target } => {
                let _ = write!(out, "[{}](#{})", text(t), target);
            }
            Inline::Anchor(id) => {
                let _ = write!(out, r#"<a id="{id}"></a>"#);
            }
            Inline::Status { text: t, .. } => out.push_str(&text(t)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Column, heading, para};
    use super::*;
    use crate::core::text::Lang;

    #[test]
    fn tables_are_aligned_and_cells_escaped() {
        let mut t = Table::new(vec![Column::text("Naam"), Column::number("Score")]);
        t.runs_row(vec![
            vec![
                Inline::Text("a|b".into()),
                Inline::Break,
                Inline::Emph("c".into()),
            ],
            vec![Inline::Strong("7,24".into())],
        ]);
        let mut d = Document::new("T", Lang::Nl);
        d.push(heading(2, "Kop")).push(para("Tekst.")).table(t);
        assert_eq!(
            render(&d),
            "## Kop\n\nTekst.\n\n| Naam | Score |\n|---|---:|\n| a\\|b<br>_c_ | **7,24** |\n\n"
        );
    }

    #[test]
    fn emphasis_keeps_its_spaces_outside_the_markers() {
        let runs = vec![
            Inline::Strong("Kop (2): ".into()),
            Inline::Text("a, b".into()),
            Inline::Emph(" — bron".into()),
            Inline::Strong(" ".into()),
        ];
        assert_eq!(inlines(&runs, false), "**Kop (2):** a, b _— bron_ ");
    }

    #[test]
    fn lists_number_from_one_and_warnings_are_marked() {
        let mut d = Document::new("T", Lang::En);
        d.push(Block::List {
            ordered: true,
            items: vec![super::super::plain("one"), super::super::plain("two")],
        });
        d.warning("careful");
        assert_eq!(render(&d), "1. one\n2. two\n\n> ⚠ careful\n\n");
    }
}
