//! A small checker over a spanned TOML document: it reads typed values and collects every
//! problem with its line, column, field path and the allowed values, instead of stopping at the
//! first. Profiles and sessions are read with it.

use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{InputError, InputErrors, cut};
use crate::core::bounds::MAX_AMOUNT;

/// A spanned TOML value.
pub type Val<'i> = Spanned<DeValue<'i>>;

/// Reads values from one document and collects errors.
pub struct Walker<'t> {
    pub file: String,
    pub text: &'t str,
    pub errors: Vec<InputError>,
}

impl<'t> Walker<'t> {
    /// Starts a walk over `text`, naming it `file` in errors.
    pub fn new(file: &str, text: &'t str) -> Self {
        Walker {
            file: file.to_string(),
            text,
            errors: vec![],
        }
    }

    /// Parses the document; a syntax error is returned located.
    pub fn parse(&self) -> Result<Spanned<DeTable<'t>>, InputErrors> {
        DeTable::parse(self.text).map_err(|e| {
            let mut err =
                InputError::file(&self.file, format!("TOML syntax: {}", e.message().trim()));
            if let Some(span) = e.span() {
                err = err.at(self.text, span.start);
            }
            InputErrors(vec![err])
        })
    }

    /// Records an error at a span.
    pub fn error(&mut self, at: usize, field: &str, message: impl Into<String>) {
        let e = InputError::file(&self.file, message)
            .at(self.text, at)
            .field(field);
        self.errors.push(e);
    }

    /// Records an error with the allowed values.
    pub fn error_allowed(
        &mut self,
        at: usize,
        field: &str,
        message: impl Into<String>,
        allowed: impl Into<String>,
    ) {
        let e = InputError::file(&self.file, message)
            .at(self.text, at)
            .field(field)
            .allowed(allowed);
        self.errors.push(e);
    }

    /// Reports keys of `table` not in `allowed`.
    pub fn check_keys(&mut self, table: &DeTable<'_>, path: &str, allowed: &[&str]) {
        for (k, _) in table.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let field = join(path, &cut(k.get_ref()));
                self.error_allowed(
                    k.span().start,
                    &field,
                    format!("unknown key `{}`", cut(k.get_ref())),
                    allowed.join(", "),
                );
            }
        }
    }

    /// The value as a table.
    pub fn table<'a, 'i>(&mut self, v: &'a Val<'i>, field: &str) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.type_error(v, field, other, "a table");
                None
            }
        }
    }

    /// The value as an array.
    pub fn array<'a, 'i>(&mut self, v: &'a Val<'i>, field: &str) -> Option<&'a [Val<'i>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(&a[..]),
            other => {
                self.type_error(v, field, other, "an array");
                None
            }
        }
    }

    /// The value as a non-empty string (trimmed).
    pub fn string(&mut self, v: &Val<'_>, field: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    self.error(v.span().start, field, "must not be empty");
                    None
                } else {
                    Some(s.to_string())
                }
            }
            other => {
                self.type_error(v, field, other, "a string");
                None
            }
        }
    }

    /// The value as a boolean.
    pub fn boolean(&mut self, v: &Val<'_>, field: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.type_error(v, field, other, "true or false");
                None
            }
        }
    }

    /// The value as an integer within `min..=max`.
    pub fn integer(&mut self, v: &Val<'_>, field: &str, min: i64, max: i64) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let parsed = i64::from_str_radix(i.as_str(), i.radix()).ok();
                match parsed {
                    Some(n) if (min..=max).contains(&n) => Some(n),
                    _ => {
                        self.error_allowed(
                            v.span().start,
                            field,
                            format!("{} is out of range", cut(i.as_str())),
                            format!("a whole number from {min} to {max}"),
                        );
                        None
                    }
                }
            }
            other => {
                self.type_error(v, field, other, "a whole number");
                None
            }
        }
    }

    /// The value as a finite number (integer or float) within `min..=max`.
    pub fn number(&mut self, v: &Val<'_>, field: &str, min: f64, max: f64) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f64::from_str(f.as_str()).ok(),
            other => {
                self.type_error(v, field, other, "a number");
                return None;
            }
        };
        match n {
            Some(x) if x.is_finite() && x >= min && x <= max => Some(x),
            _ => {
                let shown = cut(&self.text[v.span()]);
                self.error_allowed(
                    v.span().start,
                    field,
                    format!("{shown} is out of range"),
                    format!("a number from {min} to {max}"),
                );
                None
            }
        }
    }

    /// The value as an amount of money in EUR: a string like "1234.56" or a whole number; never
    /// negative, at most two decimals, at most [`MAX_AMOUNT`] (ten billion).
    pub fn money(&mut self, v: &Val<'_>, field: &str) -> Option<Decimal> {
        let allowed = "an amount in EUR as a string (\"1234.56\") or a whole number, 0 to 10000000000, at most 2 decimals";
        let d = match v.get_ref() {
            DeValue::String(s) => Decimal::from_str(s.trim()).ok(),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(Decimal::from),
            DeValue::Float(_) => {
                self.error_allowed(
                    v.span().start,
                    field,
                    "money must not be a float (floats lose cents)",
                    allowed,
                );
                return None;
            }
            other => {
                self.type_error(v, field, other, allowed);
                return None;
            }
        };
        match d {
            Some(d) if d.is_sign_negative() && !d.is_zero() => {
                self.error_allowed(v.span().start, field, format!("{d} is negative"), allowed);
                None
            }
            Some(d) if d > MAX_AMOUNT => {
                self.error_allowed(
                    v.span().start,
                    field,
                    format!("{} is too large", cut(&d.to_string())),
                    allowed,
                );
                None
            }
            Some(d) if d.scale() > 2 && d.normalize().scale() > 2 => {
                self.error_allowed(
                    v.span().start,
                    field,
                    format!("{d} has more than two decimals"),
                    allowed,
                );
                None
            }
            Some(d) => Some(d.normalize()),
            None => {
                let shown = cut(&self.text[v.span()]);
                self.error_allowed(
                    v.span().start,
                    field,
                    format!("{shown} is not an amount"),
                    allowed,
                );
                None
            }
        }
    }

    /// The value as an exact decimal number within `min..=max`: a whole number, a float
    /// (read from its literal text, so `0.95` stays exactly 0.95) or a string like `"0.95"`.
    pub fn decimal(
        &mut self,
        v: &Val<'_>,
        field: &str,
        min: Decimal,
        max: Decimal,
    ) -> Option<Decimal> {
        let allowed = format!("a number from {min} to {max}");
        let d = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(Decimal::from),
            DeValue::Float(f) => Decimal::from_str(f.as_str())
                .or_else(|_| Decimal::from_scientific(f.as_str()))
                .ok(),
            DeValue::String(s) => Decimal::from_str(s.trim()).ok(),
            other => {
                self.type_error(v, field, other, &allowed);
                return None;
            }
        };
        match d {
            Some(d) if d >= min && d <= max => Some(d.normalize()),
            _ => {
                let shown = cut(&self.text[v.span()]);
                self.error_allowed(
                    v.span().start,
                    field,
                    format!("{shown} is out of range"),
                    allowed,
                );
                None
            }
        }
    }

    /// The value as one of a closed set of ids.
    pub fn id<T>(
        &mut self,
        v: &Val<'_>,
        field: &str,
        parse: fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        match v.get_ref() {
            DeValue::String(s) => match parse(s.as_ref()) {
                Some(t) => Some(t),
                None => {
                    self.error_allowed(
                        v.span().start,
                        field,
                        format!("unknown value \"{}\"", cut(s)),
                        allowed,
                    );
                    None
                }
            },
            other => {
                self.type_error(v, field, other, &format!("one of: {allowed}"));
                None
            }
        }
    }

    /// An array of ids; duplicates are reported.
    pub fn ids<T: PartialEq>(
        &mut self,
        v: &Val<'_>,
        field: &str,
        parse: fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Vec<T> {
        let mut out = vec![];
        if let Some(items) = self.array(v, field) {
            for (i, item) in items.iter().enumerate() {
                let f = format!("{field}[{i}]");
                if let Some(t) = self.id(item, &f, parse, allowed) {
                    if out.contains(&t) {
                        self.error(item.span().start, &f, "listed twice");
                    } else {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// Reports a missing required key at the table's position.
    pub fn missing(&mut self, at: usize, field: &str, what: &str) {
        self.error(at, field, format!("missing: {what}"));
    }

    fn type_error(&mut self, v: &Val<'_>, field: &str, got: &DeValue<'_>, expected: &str) {
        self.error_allowed(
            v.span().start,
            field,
            format!("expected {expected}, found {}", got.type_str()),
            expected.to_string(),
        );
    }

    /// Finishes: `Ok` when no error was recorded.
    pub fn finish<T>(self, value: T) -> Result<T, InputErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(InputErrors(self.errors))
        }
    }
}

/// Joins a field path: `a` + `b` → `a.b`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Looks a key up in a table.
pub fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Val<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// One step of a field path: a key or an array index.
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// `a.b[2].c` → a, b, 2, c.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = vec![];
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(end) = rest.find(']') {
            if let Ok(i) = rest[1..end].parse() {
                out.push(Step::Index(i));
            }
            rest = &rest[end + 1..];
        }
    }
    out
}

/// The byte offset of the field at a dotted `path` (`a.b[2].c`) in `root`: the key when the
/// last step is a key, else the value; or of the deepest part of the path that exists.
/// `None` when not even the first step exists.
pub fn locate(root: &DeTable<'_>, path: &str) -> Option<usize> {
    let mut best = None;
    let mut current: Option<&Val<'_>> = None;
    for step in steps(path) {
        let next = match (step, current.map(|v| v.get_ref())) {
            (Step::Key(k), None) => root.iter().find(|(key, _)| key.get_ref() == k),
            (Step::Key(k), Some(DeValue::Table(t))) => t.iter().find(|(key, _)| key.get_ref() == k),
            (Step::Index(i), Some(DeValue::Array(a))) => match a.get(i) {
                Some(v) => {
                    best = Some(v.span().start);
                    current = Some(v);
                    continue;
                }
                None => break,
            },
            _ => None,
        };
        match next {
            Some((key, v)) => {
                best = Some(key.span().start);
                current = Some(v);
            }
            None => break,
        }
    }
    best
}

/// The dotted path of the deepest field whose key or value holds byte `offset` (e.g. the field
/// a deserialisation error points at); empty when none does.
/// A serde error from reading TOML text as a typed value, located: line and column from its
/// span, the field path at that place (from `root`, the same text parsed as spanned tables),
/// and what serde expected as the allowed values. `prefix` starts the message ("invalid
/// session: "); long values are cut.
pub fn located_serde_error(
    file: &str,
    text: &str,
    root: Option<&DeTable<'_>>,
    prefix: &str,
    e: &toml::de::Error,
) -> InputError {
    let message = e.message().trim().to_string();
    let mut err = InputError::file(file, format!("{prefix}{}", cut(&message)));
    if let Some(span) = e.span() {
        err = err.at(text, span.start);
        if let Some(root) = root {
            let field = path_at(root, span.start);
            if !field.is_empty() {
                err = err.field(field);
            }
        }
    }
    if let Some(i) = message.find("expected ") {
        err = err.allowed(cut(&message[i + "expected ".len()..]));
    }
    err
}

pub fn path_at(root: &DeTable<'_>, offset: usize) -> String {
    // Table spans may cover only a `[header]`, so children are searched whatever the span.
    fn table(t: &DeTable<'_>, offset: usize, path: &str) -> Option<String> {
        t.iter().find_map(|(k, v)| {
            let here = join(path, k.get_ref());
            value(v, offset, &here).or_else(|| {
                let (ks, vs) = (k.span(), v.span());
                (ks.contains(&offset) || vs.contains(&offset) || vs.end == offset).then_some(here)
            })
        })
    }
    fn value(v: &Val<'_>, offset: usize, path: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::Table(t) => table(t, offset, path),
            DeValue::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
                let here = format!("{path}[{i}]");
                value(x, offset, &here).or_else(|| {
                    let s = x.span();
                    (s.contains(&offset) || s.end == offset).then_some(here)
                })
            }),
            _ => None,
        }
    }
    table(root, offset, "").unwrap_or_default()
}

#[cfg(test)]
mod locate_tests {
    use super::*;

    const DOC: &str = "a = 1\n[b]\nc = [ { d = 2 }, { e = \"x\" } ]\n[[f]]\ng = 1\n[[f]]\ng = 2\n";

    #[test]
    fn locate_finds_keys_and_items_and_the_deepest_existing_part() {
        let root = DeTable::parse(DOC).unwrap();
        let line = |o: usize| super::super::error::line_col(DOC, o).0;
        assert_eq!(locate(root.get_ref(), "a").map(line), Some(1));
        assert_eq!(locate(root.get_ref(), "b.c[1].e").map(line), Some(3));
        assert_eq!(locate(root.get_ref(), "f[1].g").map(line), Some(7));
        assert_eq!(locate(root.get_ref(), "f[1].nope").map(line), Some(6));
        assert_eq!(locate(root.get_ref(), "zz.y"), None);
    }

    #[test]
    fn path_at_names_the_field_at_an_offset() {
        let root = DeTable::parse(DOC).unwrap();
        let at = DOC.find("\"x\"").unwrap();
        assert_eq!(path_at(root.get_ref(), at), "b.c[1].e");
        assert_eq!(
            path_at(root.get_ref(), DOC.find("g = 2").unwrap() + 4),
            "f[1].g"
        );
    }
}
