//! A [`Doc`] as plain text for the terminal (`--format table`, the default).

use std::fmt::Write;

use super::{Block, Doc, pad};

/// Renders a document as plain text: headings on their own line, blocks indented by two
/// spaces, table columns padded (numbers right-aligned).
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for (i, block) in doc.0.iter().enumerate() {
        match block {
            Block::Heading(level, text) => {
                if i > 0 {
                    out.push('\n');
                }
                let _ = writeln!(out, "{text}");
                if *level == 1 {
                    let _ = writeln!(out, "{}", "=".repeat(text.chars().count()));
                }
            }
            Block::Para(text) => {
                let _ = writeln!(out, "  {text}");
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "  - {item}");
                }
            }
            Block::Table { head, right, rows } => {
                let widths: Vec<usize> = (0..head.len())
                    .map(|c| {
                        rows.iter()
                            .filter_map(|r| r.get(c))
                            .chain(std::iter::once(&head[c]))
                            .map(|s| s.chars().count())
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |cells: &[String]| {
                    let padded: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(c, s)| pad(s, widths[c], right.get(c).copied().unwrap_or(false)))
                        .collect();
                    format!("  {}", padded.join("  ")).trim_end().to_string()
                };
                let _ = writeln!(out, "{}", line(head));
                for row in rows {
                    let _ = writeln!(out, "{}", line(row));
                }
            }
            Block::Pre(lines) => {
                for l in lines {
                    let _ = writeln!(out, "  {l}");
                }
            }
        }
    }
    out
}
