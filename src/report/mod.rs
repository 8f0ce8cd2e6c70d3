//! Views of results as text, one file per format. Pure functions: results in, text out.

pub mod business_case;
pub mod cite;
pub mod csv;
pub mod doc;
pub mod json;
pub mod markdown;
pub mod note;
pub mod number;
/// The application portfolio: list and roadmap as table, Markdown, JSON, CSV (issue 16).
pub mod portfolio;
pub mod sensitivity;
pub mod table;

use crate::core::catalogue::{Catalogue, ControlLevel};
use crate::core::profile::Profile;
use crate::core::scoring::Evaluation;
use crate::core::text::Lang;

/// Everything a score report needs.
pub struct ScoreView<'a> {
    pub catalogue: &'a Catalogue,
    pub profile: &'a Profile,
    pub evaluation: &'a Evaluation,
    pub lang: Lang,
}

/// Formats a score with two decimals.
pub fn score2(x: f64) -> String {
    format!("{x:.2}")
}

/// Formats a total score with two decimals in the language's style (7,24 or 7.24).
pub fn score2_in(x: f64, lang: Lang) -> String {
    crate::core::text::decimal(x, 2, lang)
}

/// Formats a criterion score with one decimal in the language's style (7,5 or 7.5).
pub fn score1_in(x: f64, lang: Lang) -> String {
    crate::core::text::decimal(x, 1, lang)
}

/// Formats a weight as a percentage with one decimal.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Formats a weight as a percentage with one decimal in the language's style (30,0%).
pub fn percent_in(x: f64, lang: Lang) -> String {
    format!("{}%", crate::core::text::decimal(x * 100.0, 1, lang))
}

/// The name of a control level, as the room reads it.
pub fn level_name(l: ControlLevel, lang: Lang) -> &'static str {
    let t = crate::i18n::strings(lang);
    match l {
        ControlLevel::Full => t.full,
        ControlLevel::Configuration => t.configuration,
        ControlLevel::None => t.no_influence,
    }
}
