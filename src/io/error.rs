//! Input errors: what is wrong and where (file, line, column, field, allowed values).

use std::fmt;

pub use crate::core::safe_text::cut;

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it (or `<built-in demo>`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Dotted path of the field, e.g. `workloads[2].data`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What would be accepted.
    pub allowed: Option<String>,
}

impl InputError {
    /// An error about a whole file.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            allowed: None,
        }
    }

    /// Sets the position from a byte offset into `text`.
    pub fn at(mut self, text: &str, offset: usize) -> Self {
        let (l, c) = line_col(text, offset);
        self.line = Some(l);
        self.column = Some(c);
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets the allowed values.
    pub fn allowed(mut self, allowed: impl Into<String>) -> Self {
        self.allowed = Some(allowed.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::core::safe_text::escape(&self.file))?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": ")?;
        // The last guard: nothing is echoed whole or with control characters.
        use crate::core::safe_text::cut_to;
        if let Some(field) = &self.field {
            write!(f, "{}: ", cut_to(field, 200))?;
        }
        write!(f, "{}", cut_to(&self.message, 400))?;
        if let Some(a) = &self.allowed {
            write!(f, " (allowed: {})", cut_to(a, 1000))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Every problem found in one input, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        InputErrors(vec![e])
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..start].chars().count() + 1;
    (line, column)
}

/// A file error in the room's language: the common kinds in words, others as the system says.
pub fn io_error(e: &std::io::Error, lang: crate::core::text::Lang) -> String {
    io_kind(e.kind(), lang).unwrap_or_else(|| e.to_string())
}

/// A file error kind in the room's language (`None`: a kind without words of its own).
pub fn io_kind(kind: std::io::ErrorKind, lang: crate::core::text::Lang) -> Option<String> {
    let r = crate::i18n::room(lang);
    let t = crate::i18n::screen_text(lang);
    use std::io::ErrorKind as K;
    Some(
        match kind {
            K::NotFound => r.io_not_found,
            K::PermissionDenied => r.io_denied,
            K::IsADirectory => r.io_is_dir,
            K::NotADirectory => t.io_not_dir,
            K::ReadOnlyFilesystem => t.io_read_only,
            K::StorageFull | K::QuotaExceeded => t.io_full,
            K::AlreadyExists => t.io_exists,
            _ => return None,
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "ab\nçd = 1\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        // 'ç' is two bytes; 'd' is the second character.
        assert_eq!(line_col(t, 5), (2, 2));
    }

    #[test]
    fn display_has_every_part() {
        let e = InputError::file("p.toml", "not a data class")
            .at("a\nb = 1", 2)
            .field("workloads[0].data")
            .allowed("public, internal");
        assert_eq!(
            e.to_string(),
            "p.toml:2:1: workloads[0].data: not a data class (allowed: public, internal)"
        );
    }
}
