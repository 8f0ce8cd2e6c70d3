//! The decision note as one self-contained HTML file: inline CSS, no scripts, no external
//! fonts or images, charts as inline SVG with a table beside each. Readable on screen and on
//! A4 paper (print CSS: a page break before each chapter, rows and figures never split, table
//! headers repeated). Accessible: real headings, `<th scope>`, SVGs labelled by their
//! `<title>` and `<desc>`, colours that pass WCAG AA.

use super::Note;
use crate::i18n::report as labels;
use crate::report::doc::html::{Page, page};

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
.cover { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
.cover p { font-size: 1.15rem; margin: 0 0 1rem; color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 0.3rem 0 0; columns: 2; column-gap: 2rem; }
nav li { margin: 0.1rem 0; }
.muted { color: var(--muted); }
.warning { border-left: 4px solid #b45309; padding-left: 0.6rem; }
.status { display: inline-block; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 3px; font-size: 0.8rem; white-space: nowrap; }
.status.binding { color: #7a1f1f; }
.status.reference { color: #1f4e8c; }
.status.pending { color: #6b4a00; }
.status.self_binding { color: #5a2a7a; }
.status.background { color: #4a4a4a; }
tr:has(span:target) { background: #fff7d6; }
li { margin: 0.3rem 0; }
em { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; color: var(--navy); padding: 0 0 0.3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: var(--soft); color: var(--navy); border-bottom: 2px solid var(--navy); vertical-align: bottom; }
tbody th { font-weight: 400; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
table.wide { font-size: 0.75rem; table-layout: fixed; }
table.wide td, table.wide th { padding: 0.3rem 0.3rem; overflow-wrap: anywhere; }
code { font-size: 0.85em; color: var(--muted); }
pre { white-space: pre-wrap; font-size: 0.85rem; }
figure { margin: 1rem 0 0.4rem; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.3rem; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
hr { border: 0; border-top: 1px solid var(--rule); margin-top: 2.5rem; }
footer { color: var(--muted); font-size: 0.85rem; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .page-break { break-before: page; }
  h2 { margin-top: 0; }
  tr, figure, li, .keep { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  table.wide { font-size: 7.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole note as an HTML document: the note's [`Document`](crate::report::doc::Document)
/// (the same as the Markdown and Word notes) in the page of [`crate::report::doc::html::page`]
/// with this style sheet.
pub fn render(note: &Note) -> String {
    let t = labels(note.language());
    let doc = super::document::document(note);
    let title = format!("{} — {}", note.subject.question, t.doc_kind);
    page(
        &doc,
        &Page {
            title: &title,
            css: CSS,
            contents: t.contents,
        },
    )
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
            ("#1f4e8c", "#ffffff"), // links
            ("#7a1f1f", "#ffffff"), // unplaced box and unfavourable line in the charts
            ("#ffffff", "#1e6b45"), // full control
            ("#1b1f24", "#f4d58d"), // configuration
            ("#1b1f24", "#d9dde3"), // no influence
        ];
        for (fg, bg) in pairs {
            for c in [fg, bg] {
                assert!(
                    c == "#ffffff" || CSS.contains(c) || super::super::svg::STYLE.contains(c),
                    "{c} is not in the style sheets"
                );
            }
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "{fg} on {bg}: {ratio:.2} < 4.5");
        }
    }
}
