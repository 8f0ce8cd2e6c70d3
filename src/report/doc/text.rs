//! A [`Document`] as plain text for the terminal (`--format table`): headings on their own
//! line (the first level underlined), blocks indented by two spaces, table columns padded with
//! numbers right-aligned, emphasis dropped.

use std::fmt::Write;

use super::{Align, Block, Callout, Document, Inline, Table};

/// Pads `s` to `w` characters (not bytes), on the right or (for numbers) on the left.
pub fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The whole document.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    blocks(&mut out, &doc.blocks, true);
    out
}

fn blocks(out: &mut String, blocks: &[Block], mut first: bool) {
    for b in blocks {
        block(out, b, first);
        first = false;
    }
}

/// Inline runs as plain text; a break is a space.
fn plain(runs: &[Inline]) -> String {
    runs.iter()
        .map(|r| match r {
            Inline::Break => " ",
            other => other.text(),
        })
        .collect()
}

fn block(out: &mut String, b: &Block, first: bool) {
    match b {
        Block::Heading { level, text, .. } => {
            if !first {
                out.push('\n');
            }
            let _ = writeln!(out, "{text}");
            if *level == 1 {
                let _ = writeln!(out, "{}", "=".repeat(text.chars().count()));
            }
        }
        Block::Para(runs) => {
            let _ = writeln!(out, "  {}", plain(runs));
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                if *ordered {
                    let _ = writeln!(out, "  {}. {}", i + 1, plain(item));
                } else {
                    let _ = writeln!(out, "  - {}", plain(item));
                }
            }
        }
        Block::Table(t) => table(out, t),
        Block::Figure(f) => {
            let _ = writeln!(out, "  {}: {}", f.title, f.description);
            table(out, &f.data);
        }
        Block::Pre(lines) => {
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
        Block::Callout { kind, body } => {
            let mark = match kind {
                Callout::Warning => "! ",
                Callout::Info => "",
            };
            let _ = writeln!(out, "  {mark}{}", plain(body));
        }
        Block::PageBreak => {}
        Block::Rule => {
            let _ = writeln!(out, "  {}", "-".repeat(20));
        }
        Block::KeepTogether(inner) => blocks(out, inner, first),
    }
}

fn table(out: &mut String, t: &Table) {
    if let Some(c) = &t.caption {
        let _ = writeln!(out, "  {c}");
    }
    let head: Vec<String> = t.columns.iter().map(|c| c.head.clone()).collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| plain(c)).collect())
        .collect();
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
            .map(|(c, s)| {
                let right = t.columns.get(c).is_some_and(|c| c.align == Align::Right);
                pad(s, widths.get(c).copied().unwrap_or(0), right)
            })
            .collect();
        format!("  {}", padded.join("  ")).trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(&head));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::Lang;

    #[test]
    fn tables_pad_by_characters_and_align_numbers_right() {
        let mut d = Document::new("Titel", Lang::Nl);
        d.heading(1, "Titel");
        d.grid(
            vec!["Kandidaat".into(), "Score".into()],
            vec![false, true],
            vec![vec!["SSC · SaaS".into(), "7,24".into()]],
        );
        assert_eq!(
            render(&d),
            "Titel\n=====\n  Kandidaat   Score\n  SSC · SaaS   7,24\n"
        );
        assert_eq!(pad("7,3", 5, true), "  7,3");
    }
}
