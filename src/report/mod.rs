//! Views of results as text, one file per format. Pure functions: results in, text out.

pub mod business_case;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod note;
pub mod number;
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

/// Formats a weight as a percentage with one decimal.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
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
