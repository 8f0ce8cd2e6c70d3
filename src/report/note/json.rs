//! The decision note as JSON: the `Note` serialised, so it holds every number any other format
//! shows (money as strings, exact to the cent; scores and weights rounded to 6 decimals).

use super::Note;

/// The whole note as pretty JSON.
pub fn render(note: &Note) -> String {
    serde_json::to_string_pretty(note).unwrap_or_default() + "\n"
}
