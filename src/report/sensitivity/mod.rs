//! Views of `wolkwijzer sensitivity` and `wolkwijzer weights ahp`. Pure functions: results in,
//! text out.
//!
//! The table and Markdown formats render one shared document ([`Doc`], built in `content`), so
//! both say the same thing; JSON and CSV are built from the results directly.

mod content;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod text;

use crate::core::analysis::ProfileAnalysis;
use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::AhpAnalysis;
use crate::core::profile::Profile;
use crate::core::text::Lang;
use crate::io::ahp::AhpInput;

pub use content::{ahp_doc, sensitivity_doc};

/// Everything the sensitivity report needs.
pub struct SensitivityView<'a> {
    pub catalogue: &'a Catalogue,
    pub profile: &'a Profile,
    pub analysis: &'a ProfileAnalysis,
    pub lang: Lang,
}

/// Everything the AHP report needs.
pub struct AhpView<'a> {
    pub input: &'a AhpInput,
    pub analysis: &'a AhpAnalysis,
    pub lang: Lang,
}

/// One block of a report document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1–3.
    Heading(u8, String),
    /// A paragraph.
    Para(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table; `right[i]` right-aligns column `i` (numbers).
    Table {
        head: Vec<String>,
        right: Vec<bool>,
        rows: Vec<Vec<String>>,
    },
    /// Preformatted lines (bars, a TOML snippet).
    Pre(Vec<String>),
}

/// A report as a list of blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc(pub Vec<Block>);

impl Doc {
    fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.0.push(Block::Heading(level, text.into()));
    }

    fn para(&mut self, text: impl Into<String>) {
        self.0.push(Block::Para(text.into()));
    }

    fn list(&mut self, items: Vec<String>) {
        self.0.push(Block::List(items));
    }

    fn table(&mut self, head: Vec<String>, right: Vec<bool>, rows: Vec<Vec<String>>) {
        self.0.push(Block::Table { head, right, rows });
    }

    fn pre(&mut self, lines: Vec<String>) {
        self.0.push(Block::Pre(lines));
    }
}

/// Pads `s` to `w` characters (not bytes), on the right or (for numbers) on the left.
pub(crate) fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// A share as a percentage with one decimal.
pub(crate) fn share(x: f64) -> String {
    super::percent(x)
}

/// A criterion's name.
pub(crate) fn criterion_name(c: Criterion, lang: Lang) -> String {
    c.name().get(lang).to_string()
}

/// Rounds to 6 decimals so machine-readable output is stable across platforms.
pub(crate) fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A judgement as the room writes it: `3`, `1/3`, `1`, or two decimals when not whole.
pub(crate) fn judgement(x: f64) -> String {
    let whole = |v: f64| (v - v.round()).abs() < 1e-9;
    if x >= 1.0 {
        if whole(x) {
            format!("{}", x.round())
        } else {
            format!("{x:.2}")
        }
    } else if whole(1.0 / x) {
        format!("1/{}", (1.0 / x).round())
    } else {
        format!("{x:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgements_print_as_typed() {
        assert_eq!(judgement(3.0), "3");
        assert_eq!(judgement(1.0 / 3.0), "1/3");
        assert_eq!(judgement(1.0), "1");
        assert_eq!(judgement(2.5), "2.50");
        assert_eq!(judgement(0.4), "0.40");
    }

    #[test]
    fn padding_counts_characters() {
        assert_eq!(pad("SSC · SaaS", 12, false), "SSC · SaaS  ");
        assert_eq!(pad("7.3", 5, true), "  7.3");
        assert_eq!(pad("too long", 3, false), "too long");
    }
}
