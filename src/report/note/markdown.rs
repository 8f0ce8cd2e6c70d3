//! The decision note as Markdown, for pasting into a council proposal: the note's
//! [`Document`](crate::report::doc::Document) rendered by the one Markdown renderer.

use super::Note;

/// The whole note.
pub fn render(note: &Note) -> String {
    crate::report::doc::markdown::render(&super::document::document(note))
}
