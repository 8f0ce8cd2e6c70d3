//! The document model every prose report is built as once: content → [`Document`] → format.
//!
//! A report's content function decides *what* is said (headings, paragraphs with emphasis,
//! tables with their alignment and number columns, figures with a data table behind them);
//! one renderer per format (text, Markdown, HTML, Word) decides *how* it looks. Numbers in
//! table cells are already formatted by `report::number` in the document's language, so a
//! renderer never formats a number itself.

use crate::core::text::Lang;

pub mod docx;
pub mod html;
pub mod markdown;
pub mod raster;
pub mod text;

/// A run of text inside a paragraph, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised text (italic).
    Emph(String),
    /// Strong text (bold).
    Strong(String),
    /// An identifier, path or command, shown in a fixed-width font.
    Code(String),
    /// A line break inside the paragraph or cell.
    Break,
    /// A cross-reference: `text` linking to the anchor `target` (an id without `#`) elsewhere
    /// in the document. HTML and Markdown link it; text and Word show the text.
    Link { text: String, target: String },
    /// An invisible anchor `id` that a [`Inline::Link`] can point at (a source's row). HTML
    /// and Markdown give it the id; text and Word have nothing to show.
    Anchor(String),
    /// A policy status as a badge: `class` is the status's stable id (`binding`,
    /// `self_binding`, …), `text` its name. HTML draws a coloured badge; the others the text.
    Status { class: String, text: String },
}

impl Inline {
    /// The text without its styling.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(s) | Inline::Emph(s) | Inline::Strong(s) | Inline::Code(s) => s,
            Inline::Link { text, .. } | Inline::Status { text, .. } => text,
            Inline::Anchor(_) => "",
            Inline::Break => "\n",
        }
    }
}

/// Paragraph content: a list of inline runs.
pub type Runs = Vec<Inline>;

/// Plain text as paragraph content.
pub fn plain(text: impl Into<String>) -> Runs {
    vec![Inline::Text(text.into())]
}

/// The text of `runs` without styling.
pub fn runs_text(runs: &[Inline]) -> String {
    runs.iter().map(Inline::text).collect()
}

/// The plain text of blocks, one line per heading (`# ` before it), paragraph, box, list item
/// or table row (cells joined by ` | `): what a test or a plain preview of a section reads.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } => format!("# {text}"),
            Block::Para(r) | Block::Callout { body: r, .. } => runs_text(r),
            Block::List { items, .. } => items
                .iter()
                .map(|i| runs_text(i))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(t) => t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| runs_text(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub head: String,
    pub align: Align,
    /// The cells are numbers (already formatted); renderers may use tabular figures and a
    /// spreadsheet may read them back as values.
    pub number: bool,
}

impl Column {
    /// A left-aligned text column.
    pub fn text(head: impl Into<String>) -> Self {
        Column {
            head: head.into(),
            align: Align::Left,
            number: false,
        }
    }

    /// A right-aligned number column.
    pub fn number(head: impl Into<String>) -> Self {
        Column {
            head: head.into(),
            align: Align::Right,
            number: true,
        }
    }
}

/// A table: columns and rows of formatted cells (one cell per column). A cell is paragraph
/// content, so it can carry emphasis and line breaks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Runs>>,
}

impl Table {
    /// A table with these columns and no rows yet.
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            caption: None,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row of plain cells.
    pub fn row(&mut self, cells: Vec<String>) -> &mut Self {
        self.rows.push(cells.into_iter().map(plain).collect());
        self
    }

    /// How wide each column should be, relative to the others (in characters): the mean
    /// length of its cells (long prose wraps, so it is capped), but never narrower than its
    /// longest word (capped too), so a short column does not break words in the middle; a
    /// number column as wide as its widest cell. The Word and HTML renderers share it.
    pub fn column_weights(&self) -> Vec<u32> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let cells: Vec<String> = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|r| runs_text(r))
                    .collect();
                let longest_word = |texts: &mut dyn Iterator<Item = &str>| {
                    texts
                        .flat_map(str::split_whitespace)
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(1)
                };
                let head_word = longest_word(&mut std::iter::once(c.head.as_str()));
                let cell_len = |c: &String| c.chars().count();
                let w = if c.number || c.align == Align::Right {
                    // Numbers never wrap: the widest cell or head word.
                    let widest = cells.iter().map(cell_len).max().unwrap_or(1);
                    widest.max(head_word).max(3)
                } else {
                    let mean = if cells.is_empty() {
                        0
                    } else {
                        cells.iter().map(cell_len).sum::<usize>() / cells.len()
                    };
                    let word = longest_word(&mut cells.iter().map(String::as_str)).max(head_word);
                    mean.min(60).max(word.min(16))
                };
                // Two characters for the cell's margins.
                u32::try_from(w + 2).unwrap_or(62)
            })
            .collect()
    }

    /// For each number (right-aligned) column, the characters it needs on one line: its widest
    /// cell, or the longest word of its head when that is longer (head words of more than
    /// `head_cap` characters do not count); `None` for a text column. A renderer gives such a
    /// column at least this width so no number (or head word) breaks.
    pub fn number_min_chars(&self, head_cap: usize) -> Vec<Option<u32>> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if !(c.number || c.align == Align::Right) {
                    return None;
                }
                let widest_cell = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .flat_map(|r| {
                        runs_text(r)
                            .lines()
                            .map(|l| l.chars().count())
                            .collect::<Vec<_>>()
                    })
                    .max()
                    .unwrap_or(0);
                let head_word = c
                    .head
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .filter(|&n| n <= head_cap)
                    .max()
                    .unwrap_or(0);
                Some(u32::try_from(widest_cell.max(head_word)).unwrap_or(u32::MAX))
            })
            .collect()
    }

    /// Adds a row of styled cells.
    pub fn runs_row(&mut self, cells: Vec<Runs>) -> &mut Self {
        self.rows.push(cells);
        self
    }
}

/// A chart with its title, a description for readers who cannot see it, an optional
/// rendering (SVG markup) and the data behind it as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub title: String,
    pub description: String,
    pub svg: Option<String>,
    pub data: Table,
}

/// The kind of a highlighted box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callout {
    /// Something the reader must not miss (an exclusion, an inconsistency, a close call).
    Warning,
    /// Background the reader may skip.
    Info,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1–4; `id` is a stable anchor for cross-references.
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
    },
    /// A paragraph.
    Para(Runs),
    /// A bulleted (or numbered) list.
    List { ordered: bool, items: Vec<Runs> },
    /// A table.
    Table(Table),
    /// A figure.
    Figure(Figure),
    /// Preformatted lines (bars, a TOML snippet).
    Pre(Vec<String>),
    /// A highlighted box.
    Callout { kind: Callout, body: Runs },
    /// Start a new page here when printed.
    PageBreak,
    /// A horizontal rule (before a colophon).
    Rule,
    /// Blocks that should stay on one page when printed (a heading with its table).
    KeepTogether(Vec<Block>),
}

/// A heading block without an anchor.
pub fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        id: None,
    }
}

/// A heading block with a stable anchor (HTML `id`, Word bookmark).
pub fn anchored(level: u8, text: impl Into<String>, id: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        id: Some(id.to_string()),
    }
}

/// A paragraph of plain text.
pub fn para(text: impl Into<String>) -> Block {
    Block::Para(plain(text))
}

/// A whole document: its title, language and blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>, lang: Lang) -> Self {
        Document {
            title: title.into(),
            lang,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading {
            level,
            text: text.into(),
            id: None,
        })
    }

    pub fn para(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Para(plain(text)))
    }

    pub fn runs(&mut self, runs: Runs) -> &mut Self {
        self.push(Block::Para(runs))
    }

    pub fn extend(&mut self, blocks: impl IntoIterator<Item = Block>) -> &mut Self {
        self.blocks.extend(blocks);
        self
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Self {
        self.push(Block::List {
            ordered: false,
            items: items.into_iter().map(plain).collect(),
        })
    }

    pub fn table(&mut self, table: Table) -> &mut Self {
        self.push(Block::Table(table))
    }

    /// A table of plain cells: column heads, which columns are numbers (right-aligned), rows.
    pub fn grid(
        &mut self,
        head: Vec<String>,
        right: Vec<bool>,
        rows: Vec<Vec<String>>,
    ) -> &mut Self {
        let columns = head
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                if right.get(i).copied().unwrap_or(false) {
                    Column::number(h)
                } else {
                    Column::text(h)
                }
            })
            .collect();
        let mut t = Table::new(columns);
        for r in rows {
            t.row(r);
        }
        self.table(t)
    }

    /// Preformatted lines.
    pub fn pre(&mut self, lines: Vec<String>) -> &mut Self {
        self.push(Block::Pre(lines))
    }

    pub fn warning(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Callout {
            kind: Callout::Warning,
            body: plain(text),
        })
    }

    /// The headings of the document, in order, with their level (for tests and a table of
    /// contents).
    pub fn headings(&self) -> Vec<(u8, String)> {
        fn walk(blocks: &[Block], out: &mut Vec<(u8, String)>) {
            for b in blocks {
                match b {
                    Block::Heading { level, text, .. } => out.push((*level, text.clone())),
                    Block::KeepTogether(inner) => walk(inner, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }
}

/// Rows of plain-text cells as table rows.
pub fn cells(rows: Vec<Vec<String>>) -> Vec<Vec<Runs>> {
    rows.into_iter()
        .map(|r| r.into_iter().map(plain).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_found_inside_keep_together_blocks() {
        let mut d = Document::new("Nota", Lang::Nl);
        d.heading(1, "Beslispunten");
        d.push(Block::KeepTogether(vec![Block::Heading {
            level: 2,
            text: "Kosten".into(),
            id: Some("kosten".into()),
        }]));
        d.para("tekst");
        assert_eq!(
            d.headings(),
            vec![(1, "Beslispunten".to_string()), (2, "Kosten".to_string())]
        );
    }

    #[test]
    fn a_number_column_needs_its_widest_cell_or_head_word() {
        let mut t = Table::new(vec![
            Column::text("Omschrijving"),
            Column::number("Jaar"),
            Column::number("Kasstroom cumulatief"),
        ]);
        t.row(vec!["a".into(), "2027".into(), "EUR 1.234.567,50".into()]);
        t.row(vec!["b".into(), "10".into(), "EUR 0".into()]);
        assert_eq!(
            t.number_min_chars(usize::MAX),
            vec![None, Some(4), Some(16)]
        );
        let mut long_head = Table::new(vec![Column::number("Exploitatiekosten")]);
        long_head.row(vec!["1.234".into()]);
        assert_eq!(long_head.number_min_chars(usize::MAX), vec![Some(17)]);
        assert_eq!(long_head.number_min_chars(9), vec![Some(5)]);
        let w = t.column_weights();
        // Never narrower than the head word, however short the numbers are.
        let mut narrow = Table::new(vec![Column::number("Kasstroomsaldo")]);
        narrow.row(vec!["1".into()]);
        assert_eq!(narrow.column_weights(), vec![14 + 2]);
        assert_eq!(w[1], 4 + 2);
        assert_eq!(w[2], 16 + 2);
    }

    #[test]
    fn runs_text_drops_styling_only() {
        let r = vec![
            Inline::Text("a ".into()),
            Inline::Strong("b".into()),
            Inline::Emph(" c".into()),
        ];
        assert_eq!(runs_text(&r), "a b c");
    }
}
