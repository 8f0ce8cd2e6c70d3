//! A [`Doc`] as Markdown, for pasting into a council proposal.

use std::fmt::Write;

use super::{Block, Doc};
use crate::report::markdown::cell;

/// Renders a document as Markdown: `#` headings, pipe tables (numbers right-aligned),
/// preformatted blocks fenced.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for block in &doc.0 {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), cell(text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "{}\n", text.replace('\n', " "));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", item.replace('\n', " "));
                }
                out.push('\n');
            }
            Block::Table { head, right, rows } => {
                let cells =
                    |r: &[String]| r.iter().map(|s| cell(s)).collect::<Vec<_>>().join(" | ");
                let _ = writeln!(out, "| {} |", cells(head));
                let sep: Vec<&str> = (0..head.len())
                    .map(|c| {
                        if right.get(c).copied().unwrap_or(false) {
                            "---:"
                        } else {
                            "---"
                        }
                    })
                    .collect();
                let _ = writeln!(out, "|{}|", sep.join("|"));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
                out.push('\n');
            }
            Block::Pre(lines) => {
                let _ = writeln!(out, "```\n{}\n```\n", lines.join("\n"));
            }
        }
    }
    out
}
