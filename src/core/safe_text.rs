//! One sanitiser for every text that leaves the program: terminal output (`score` table,
//! Markdown, every command's stdout and stderr), report files, the TUI and error messages.
//!
//! - Control characters (C0 except line feed and tab, DEL, C1 — so ESC sequences too) and the
//!   bidirectional-text controls that can make a name read differently from what it is
//!   (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C, and the line and paragraph
//!   separators U+2028, U+2029) are replaced by a visible escape such as `<U+202E>`.
//! - CSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//!   tab or a carriage return) get a leading `'` (OWASP's advice), except genuine numbers such
//!   as `-12.5`, which stay numbers.
//! - Values echoed in error messages are cut to [`ECHO_MAX`] characters with an ellipsis.

use std::borrow::Cow;

/// The most characters of a value echoed in an error message.
pub const ECHO_MAX: usize = 60;

/// Whether `c` must not reach a terminal or a document as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every unsafe character replaced by a visible `<U+XXXX>`; borrowed when clean.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` escaped and cut to [`ECHO_MAX`] characters with `…` and the full length, for echoing
/// a value in an error message.
pub fn cut(s: &str) -> String {
    cut_to(s, ECHO_MAX).into_owned()
}

/// `s` escaped and, when longer than `max` characters, cut with `…` and the full length: the
/// last guard in an error's display, so no value is ever echoed whole.
pub fn cut_to(s: &str, max: usize) -> Cow<'_, str> {
    let clean = escape(s);
    let count = clean.chars().count();
    if count <= max {
        clean
    } else {
        let head: String = clean.chars().take(max).collect();
        Cow::Owned(format!("{head}… ({count} characters)"))
    }
}

/// Whether `s` is a plain number (`-12.5`, `+3`, `1e5`), which a spreadsheet reads as a value,
/// not a formula.
fn is_number(s: &str) -> bool {
    let t = s.strip_prefix(['-', '+']).unwrap_or(s);
    !t.is_empty()
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && t.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A CSV cell's text, neutralised against formula injection and escaped (see the module
/// documentation). Quoting is the CSV writer's job.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let risky = s
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_number(s) {
        Cow::Owned(format!("'{}", escape(s)))
    } else {
        escape(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_become_visible() {
        assert_eq!(escape("a\u{1b}[31mb"), "a<U+001B>[31mb");
        assert_eq!(escape("evil\u{202E}gpj.exe"), "evil<U+202E>gpj.exe");
        assert_eq!(escape("c1\u{9b}x"), "c1<U+009B>x");
        assert_eq!(escape("cr\rx"), "cr<U+000D>x");
        assert!(matches!(escape("line\n\tok"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_get_a_quote_and_numbers_stay_numbers() {
        for f in [
            "=1+1",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert!(csv_cell(f).starts_with('\''), "{f}");
        }
        for n in ["-12.5", "+3", "0", "1.5e3", "-0.01"] {
            assert_eq!(csv_cell(n), n);
        }
        assert_eq!(csv_cell("Wolkendam"), "Wolkendam");
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(csv_cell("-inf"), "'-inf");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(1_000_000);
        let c = cut(&long);
        assert!(c.chars().count() < 100, "{c}");
        assert!(c.ends_with("… (1000000 characters)"), "{c}");
        assert_eq!(cut("short"), "short");
    }
}
