//! Ballot files: the fallback without a network. A participant saves their ballot from the
//! phone page (or writes one with `wolkwijzer ballot` on their own laptop); the facilitator
//! imports it into the open round with the same validation as the phone's form.
//!
//! ```toml
//! format = "wolkwijzer-ballot"
//! version = 1
//! round = "ABCD-EFGH"                  # the code of the round it belongs to
//! token = "…26 characters…"            # the participant: a second file with it replaces the first
//!
//! [ballot]                             # the same fields as the phone's form
//! municipality = "Utrecht"
//! "points.privacy" = 8
//! "ahp.privacy.control" = "1/3"
//! choice = "ssc"
//! ```
//!
//! Every problem is reported at once, with file, line, column, field and what is allowed.

use toml::de::DeValue;

use super::token;
use crate::core::round::{Ballot, Round, RoundSpec};
use crate::core::text::Lang;
use crate::io::error::{InputError, InputErrors};
use crate::io::walk::{Walker, get};

/// The `format` value of a ballot file.
pub const FORMAT: &str = "wolkwijzer-ballot";
/// The version written and read.
pub const VERSION: i64 = 1;
/// Largest ballot file read, bytes (a 7-criterion AHP ballot is under 2 KiB).
pub const MAX_BYTES: usize = 64 * 1024;

const TOP_KEYS: &[&str] = &["format", "version", "round", "token", "ballot"];

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The name a ballot file of round `code` is saved under.
pub fn file_name(code: &str) -> String {
    format!("stem-{}.toml", token::normalise_code(code))
}

/// The ballot as a file.
pub fn write(code: &str, spec: &RoundSpec, tok: &str, ballot: &Ballot) -> String {
    let mut out = String::from(
        "# Wolkwijzer: stem / ballot. Geef dit bestand aan de facilitator; hand this file to the facilitator.\n",
    );
    out.push_str(&format!("format = {}\n", quoted(FORMAT)));
    out.push_str(&format!("version = {VERSION}\n"));
    out.push_str(&format!("round = {}\n", quoted(code)));
    out.push_str(&format!("token = {}\n\n[ballot]\n", quoted(tok)));
    for (k, v) in ballot.to_fields(spec) {
        out.push_str(&format!("{} = {}\n", quoted(&k), quoted(&v)));
    }
    out
}

/// Reads a ballot file for `round`: its participant token and the validated ballot.
///
/// # Errors
/// Every problem, located: TOML syntax, unknown keys, another format or version, a file of
/// another round, a malformed token, and every problem of the ballot itself.
pub fn parse(file: &str, text: &str, round: &Round) -> Result<(String, Ballot), InputErrors> {
    if text.len() > MAX_BYTES {
        return Err(InputErrors(vec![InputError::file(
            file,
            format!(
                "a ballot file is at most {MAX_BYTES} bytes; this one has {}",
                text.len()
            ),
        )]));
    }
    let mut w = Walker::new(file, text);
    let doc = w.parse()?;
    let root = doc.get_ref();
    w.check_keys(root, "", TOP_KEYS);
    match get(root, "format") {
        Some(v) => {
            if w.string(v, "format").is_some_and(|f| f != FORMAT) {
                w.error_allowed(
                    v.span().start,
                    "format",
                    "this is not a wolkwijzer ballot",
                    quoted(FORMAT),
                );
            }
        }
        None => w.missing(0, "format", &format!("format = {}", quoted(FORMAT))),
    }
    match get(root, "version") {
        Some(v) => {
            w.integer(v, "version", VERSION, VERSION);
        }
        None => w.missing(0, "version", &format!("version = {VERSION}")),
    }
    match get(root, "round") {
        Some(v) => {
            if let Some(code) = w.string(v, "round")
                && token::normalise_code(&code) != token::normalise_code(&round.code)
            {
                w.error_allowed(
                    v.span().start,
                    "round",
                    format!(
                        "this ballot belongs to round {}, not to the open round",
                        crate::core::safe_text::cut(&code)
                    ),
                    quoted(&round.code),
                );
            }
        }
        None => w.missing(0, "round", "round = \"the code shown in the room\""),
    }
    let tok = match get(root, "token") {
        Some(v) => match w.string(v, "token") {
            Some(t) if token::is_token_shaped(&t) => Some(t),
            Some(_) => {
                w.error_allowed(
                    v.span().start,
                    "token",
                    "not a participant token",
                    format!(
                        "{} characters of {}",
                        token::TOKEN_CHARS,
                        std::str::from_utf8(token::ALPHABET).unwrap_or("")
                    ),
                );
                None
            }
            None => None,
        },
        None => {
            w.missing(0, "token", "token = \"…\" (written with the ballot)");
            None
        }
    };
    let Some(table_val) = get(root, "ballot") else {
        w.missing(0, "ballot", "[ballot] with the answers");
        return Err(sorted(w.errors));
    };
    let Some(table) = w.table(table_val, "ballot") else {
        return Err(sorted(w.errors));
    };
    let mut fields = vec![];
    let mut spans = vec![];
    let mut wrong_type = vec![];
    for (k, v) in table.iter() {
        let key = k.get_ref().to_string();
        let field = format!("ballot.{}", crate::core::safe_text::cut(&key));
        let value = match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Integer(i) => Some(i.as_str().to_string()),
            _ => {
                w.error_allowed(
                    v.span().start,
                    &field,
                    "not a text or a whole number",
                    "a text such as \"1/3\" or a whole number such as 8",
                );
                wrong_type.push(key.clone());
                None
            }
        };
        spans.push((key.clone(), k.span().start));
        if let Some(value) = value {
            fields.push((key, value));
        }
    }
    let ballot = match round.spec.validate_ballot(&fields) {
        Ok(b) => Some(b),
        Err(problems) => {
            let section = table_val.span().start;
            // A field already reported for its type is not reported again as missing.
            for p in problems
                .into_iter()
                .filter(|p| !wrong_type.contains(&p.field))
            {
                let at = spans
                    .iter()
                    .find(|(k, _)| *k == p.field)
                    .map_or(section, |(_, s)| *s);
                let field = if p.field.is_empty() {
                    "ballot".to_string()
                } else {
                    format!("ballot.{}", crate::core::safe_text::cut(&p.field))
                };
                let allowed = if p.kind == crate::core::round::ProblemKind::Unknown {
                    Some(round.spec.fields().join(", "))
                } else {
                    None
                };
                let message = crate::i18n::vote_problem(&p, Lang::En);
                match allowed {
                    Some(a) => w.error_allowed(at, &field, message, a),
                    None => w.error(at, &field, message),
                }
            }
            None
        }
    };
    match (tok, ballot) {
        (Some(t), Some(b)) if w.errors.is_empty() => Ok((t, b)),
        _ => Err(sorted(w.errors)),
    }
}

fn sorted(mut errors: Vec<InputError>) -> InputErrors {
    errors.sort_by_key(|e| (e.line, e.column));
    InputErrors(errors)
}

/// Reads and parses a ballot file from disk.
///
/// # Errors
/// The file cannot be read, or as [`parse`].
pub fn load(path: &std::path::Path, round: &Round) -> Result<(String, Ballot), InputErrors> {
    let text = crate::io::text_file::read_text_file(path)?;
    parse(&path.display().to_string(), &text, round)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::criteria::Criterion;
    use crate::core::round::{Answer, Question, Scope};

    fn round() -> Round {
        Round::open(
            "ABCD-EFGH".into(),
            RoundSpec {
                question: Question::Points,
                criteria: vec![Criterion::Privacy, Criterion::Control],
                ask_choice: false,
                scope: Scope::PerMunicipality,
                municipalities: vec!["Aa".into(), "Bee \"quoted\"".into()],
                named: false,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_written_ballot_reads_back() {
        let r = round();
        let b = Ballot {
            municipality: Some(1),
            name: None,
            answer: Answer::Points { points: vec![7, 3] },
            choice: None,
        };
        let tok = "A".repeat(26);
        let text = write(&r.code, &r.spec, &tok, &b);
        assert_eq!(parse("stem.toml", &text, &r), Ok((tok, b)));
    }

    #[test]
    fn problems_are_located_and_all_reported() {
        let r = round();
        let text = "format = \"wolkwijzer-ballot\"\nversion = 1\nround = \"ZZZZ-ZZZZ\"\ntoken = \"short\"\n\n[ballot]\nmunicipality = \"Aa\"\n\"points.privacy\" = 11\n\"points.control\" = true\nextra = \"1\"\n";
        let errs = parse("stem.toml", text, &r).unwrap_err().0;
        let got: Vec<(Option<usize>, Option<&str>)> =
            errs.iter().map(|e| (e.line, e.field.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                (Some(3), Some("round")),
                (Some(4), Some("token")),
                (Some(8), Some("ballot.points.privacy")),
                (Some(9), Some("ballot.points.control")),
                (Some(10), Some("ballot.extra")),
            ],
            "{errs:?}"
        );
        assert!(
            errs[2].message.contains("11 is not between 0 and 10"),
            "{}",
            errs[2].message
        );
        assert!(
            errs[4]
                .allowed
                .as_deref()
                .unwrap_or("")
                .contains("points.control")
        );
    }

    #[test]
    fn a_ballot_of_another_format_or_without_answers_is_refused() {
        let r = round();
        let errs = parse("x.toml", "format = \"other\"\nversion = 2\n", &r)
            .unwrap_err()
            .0;
        let fields: Vec<_> = errs.iter().filter_map(|e| e.field.clone()).collect();
        assert!(fields.contains(&"format".to_string()));
        assert!(fields.contains(&"version".to_string()));
        assert!(fields.contains(&"ballot".to_string()));
        let errs = parse("x.toml", "format = [", &r).unwrap_err().0;
        assert!(errs[0].message.starts_with("TOML syntax"));
    }
}
