//! Views of results as text. Pure functions: results in, text out. Prose reports (score,
//! catalogue, business case, sensitivity, note) are built once as a [`doc::Document`] and
//! rendered by one renderer per format (`doc::text`, `doc::markdown`, `doc::html`,
//! `doc::docx`); machine formats (JSON, CSV, XLSX) are written from the data. Numbers go
//! through [`number`], names of domain values through [`label`].

pub mod business_case;
/// The `catalogue` report, built once as a document.
pub mod catalogue;
pub mod cite;
pub mod csv;
pub mod doc;
pub mod json;
pub mod label;
pub mod note;
pub mod number;
/// The application portfolio: list and roadmap as table, Markdown, JSON, CSV (issue 16).
pub mod portfolio;
/// The `score` report, built once as a document.
pub mod score;
pub mod sensitivity;

use crate::core::catalogue::Catalogue;
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
