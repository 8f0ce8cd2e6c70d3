//! Portfolio files → a validated `core::portfolio::Portfolio`. CSV (`;`/`,`, UTF-8 with or
//! without BOM, Windows-1252) and XLSX; headers matched by name in Dutch or English; every bad
//! cell reported as `file:row:column: header: what is wrong (allowed: …)`, all at once, and
//! nothing imported while any problem remains. Also reads the GEMMA component table
//! (`data/gemma_components.toml`). The format is documented in the README ("Application
//! portfolio").

pub mod columns;
pub mod components;
pub mod read;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use columns::{CellError, Field};

use crate::core::portfolio::{
    Application, Biv, DEFAULT_NOTICE_MONTHS, Hosting, MAX_COMPONENTS, Portfolio,
};
use crate::core::text::Lang;
use crate::i18n::{fill, portfolio_import};
use crate::io::{InputError, InputErrors};

/// Largest portfolio file: 64 MiB (30,000 applications take about 5 MiB as CSV).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The name the built-in sample portfolio has in messages.
pub const SAMPLE_NAME: &str = "<built-in sample portfolio>";

/// The built-in demo profile's portfolio (the sample of `profiles/`).
pub const SAMPLE: &str = include_str!("../../../profiles/middelgrote-gemeente-portfolio.csv");

/// An imported portfolio with what the import had to assume or skip.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub portfolio: Portfolio,
    /// What was detected (`CSV, ';', UTF-8`, `XLSX`).
    pub dialect: String,
    /// Fields without a column: their default applies to every row.
    pub missing: Vec<Field>,
    /// Headers that name no field (reported once, ignored).
    pub unknown_columns: Vec<String>,
    /// Rows with only empty cells, skipped.
    pub empty_rows: usize,
}

/// Reads a portfolio file (CSV, or XLSX by extension or content); problems in English.
pub fn load(path: &Path) -> Result<Imported, InputErrors> {
    load_in(path, Lang::En)
}

/// Reads a portfolio file, telling its problems in `lang`.
pub fn load_in(path: &Path, lang: Lang) -> Result<Imported, InputErrors> {
    load_file_in(path, lang).map(|(i, _)| i)
}

/// A portfolio file as a session remembers it (issue 16, the TUI's import): where it is and a
/// fingerprint of its bytes, so a resumed session re-reads it and says when it changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PortfolioFile {
    pub path: PathBuf,
    /// FNV-1a (64 bits) of the file's bytes, 16 hex digits: detects a changed file, not an
    /// attack (a session file is the user's own).
    pub fnv1a64: String,
}

/// The FNV-1a 64-bit fingerprint of `bytes` as 16 hex digits.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Reads a portfolio file once: the portfolio and the file's fingerprint; problems in English.
pub fn load_file(path: &Path) -> Result<(Imported, PortfolioFile), InputErrors> {
    load_file_in(path, Lang::En)
}

/// Reads a portfolio file once, telling its problems in `lang`.
pub fn load_file_in(path: &Path, lang: Lang) -> Result<(Imported, PortfolioFile), InputErrors> {
    let name = path.display().to_string();
    let bytes = read_bytes(path, &name, lang)?;
    let imported = parse_in(&name, &bytes, lang)?;
    Ok((
        imported,
        PortfolioFile {
            path: path.to_path_buf(),
            fnv1a64: fingerprint(&bytes),
        },
    ))
}

/// The portfolio a profile names with `portfolio = "…"`, relative to the profile file's folder;
/// the built-in sample for the built-in demo profile (`profile_path` `None`). Problems in English.
pub fn for_profile(profile_path: Option<&Path>, portfolio: &str) -> Result<Imported, InputErrors> {
    for_profile_in(profile_path, portfolio, Lang::En)
}

/// [`for_profile`], telling the problems in `lang`.
pub fn for_profile_in(
    profile_path: Option<&Path>,
    portfolio: &str,
    lang: Lang,
) -> Result<Imported, InputErrors> {
    match profile_path {
        Some(p) => load_in(&resolve(p, portfolio), lang),
        None => parse_in(SAMPLE_NAME, SAMPLE.as_bytes(), lang),
    }
}

/// A `portfolio = …` path resolved against the profile's folder.
pub fn resolve(profile_path: &Path, portfolio: &str) -> PathBuf {
    let p = Path::new(portfolio);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        profile_path.parent().unwrap_or(Path::new("")).join(p)
    }
}

#[allow(clippy::result_large_err)]
fn read_bytes(path: &Path, name: &str, lang: Lang) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let t = portfolio_import(lang);
    let cannot = |e: std::io::Error| {
        InputError::file(
            name,
            fill(
                t.cannot_read,
                &[("error", &super::error::io_error(&e, lang))],
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(InputError::file(name, t.not_regular_file));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(InputError::file(
            name,
            fill(
                t.file_too_large,
                &[("mib", &(MAX_FILE_BYTES / 1024 / 1024).to_string())],
            ),
        ));
    }
    let mut bytes = vec![];
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// Parses portfolio bytes; XLSX when they start like a zip archive, CSV otherwise. Problems
/// in English.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Imported, InputErrors> {
    parse_in(file, bytes, Lang::En)
}

/// [`parse`], telling the problems in `lang`.
pub fn parse_in(file: &str, bytes: &[u8], lang: Lang) -> Result<Imported, InputErrors> {
    let sheet = if bytes.starts_with(b"PK\x03\x04") {
        read::xlsx(file, bytes, lang)
    } else {
        read::csv(file, bytes, lang)
    }
    .map_err(InputErrors)?;
    build(file, sheet, lang)
}

/// `e` with the values that would be accepted. `InputError`'s own display writes them as
/// "(allowed: …)" in English; in Dutch the message carries them as "(toegestaan: …)", so the
/// whole line reads in one language.
fn with_allowed(e: InputError, allowed: &str, lang: Lang) -> InputError {
    match lang {
        Lang::En => e.allowed(allowed),
        Lang::Nl => {
            let message = format!(
                "{} ({}: {allowed})",
                e.message,
                portfolio_import(lang).allowed
            );
            InputError { message, ..e }
        }
    }
}

fn cell_error(
    file: &str,
    row: usize,
    col: usize,
    header: &str,
    e: CellError,
    lang: Lang,
) -> InputError {
    let mut ie = with_allowed(InputError::file(file, e.0).field(header.trim()), &e.1, lang);
    ie.line = Some(row);
    ie.column = Some(col);
    ie
}

/// Turns a sheet into applications, checking every cell; problems in `lang`.
pub fn build(file: &str, sheet: read::Sheet, lang: Lang) -> Result<Imported, InputErrors> {
    let t = portfolio_import(lang);
    let mut rows = sheet.rows.into_iter();
    let Some((header_row, headers)) = rows.next() else {
        return Err(InputError::file(file, t.empty_file).into());
    };
    let mut errors = vec![];
    let mut at: BTreeMap<Field, usize> = BTreeMap::new();
    let mut unknown = vec![];
    for (i, h) in headers.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        match Field::from_header(h) {
            Some(f) => {
                if let Some(&first) = at.get(&f) {
                    let mut e = InputError::file(
                        file,
                        fill(t.second_column, &[("first", &(first + 1).to_string())]),
                    )
                    .field(h.trim());
                    e.line = Some(header_row);
                    e.column = Some(i + 1);
                    errors.push(e);
                } else {
                    at.insert(f, i);
                }
            }
            None => unknown.push(h.trim().to_string()),
        }
    }
    if !at.contains_key(&Field::Package) {
        let mut e = with_allowed(
            InputError::file(file, t.no_package_column),
            t.package_header_allowed,
            lang,
        );
        e.line = Some(header_row);
        errors.push(e);
        return Err(InputErrors(errors));
    }
    let missing: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| !at.contains_key(f))
        .filter(|f| {
            // The BIV parts count as present when the combined column is there, and vice versa.
            const PARTS: [Field; 3] = [
                Field::Availability,
                Field::Integrity,
                Field::Confidentiality,
            ];
            let covered = if PARTS.contains(f) {
                at.contains_key(&Field::Biv)
            } else {
                *f == Field::Biv && PARTS.iter().any(|p| at.contains_key(p))
            };
            !covered
        })
        .collect();

    let mut apps = vec![];
    let mut empty_rows = 0;
    for (row, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            empty_rows += 1;
            continue;
        }
        let get = |f: Field| -> (&str, usize, &str) {
            match at.get(&f) {
                Some(&i) => (
                    cells.get(i).map(String::as_str).unwrap_or(""),
                    i + 1,
                    headers[i].as_str(),
                ),
                None => ("", 0, ""),
            }
        };
        let before = errors.len();
        let mut check = |f: Field, r: Result<(), CellError>| {
            if let Err(e) = r {
                let (_, col, h) = get(f);
                errors.push(cell_error(file, row, col, h, e, lang));
            }
        };
        let (package, _, _) = get(Field::Package);
        let package = package.trim().to_string();
        if package.is_empty() {
            check(
                Field::Package,
                Err((t.package_empty.into(), t.any_text.into())),
            );
        }
        macro_rules! read {
            ($f:expr, $parse:expr, $default:expr) => {{
                match $parse(get($f).0, lang) {
                    Ok(v) => v,
                    Err(e) => {
                        check($f, Err(e));
                        $default
                    }
                }
            }};
        }
        let components = columns::list(get(Field::Components).0);
        if components.len() > MAX_COMPONENTS {
            check(
                Field::Components,
                Err((
                    fill(
                        t.too_many_components,
                        &[("n", &components.len().to_string())],
                    ),
                    fill(t.at_most, &[("max", &MAX_COMPONENTS.to_string())]),
                )),
            );
        }
        let data = read!(Field::DataClass, columns::data_class, None);
        let [a, i, c] = read!(Field::Biv, columns::biv, [None; 3]);
        let biv = Biv {
            availability: read!(Field::Availability, columns::level, None).or(a),
            integrity: read!(Field::Integrity, columns::level, None).or(i),
            confidentiality: read!(Field::Confidentiality, columns::level, None).or(c),
        };
        let app = Application {
            package,
            supplier: get(Field::Supplier).0.trim().to_string(),
            version: get(Field::Version).0.trim().to_string(),
            components,
            data,
            biv,
            bsn: read!(Field::Bsn, columns::yes_no, false),
            special: read!(Field::Special, columns::yes_no, false),
            wpg: read!(Field::Wpg, columns::yes_no, false),
            digid: read!(Field::Digid, columns::yes_no, false),
            hosting: read!(Field::Hosting, columns::hosting, None).unwrap_or(Hosting::OnPremises),
            location: read!(Field::Location, columns::region, None),
            jurisdiction: read!(Field::Jurisdiction, columns::region, None),
            saas_available: read!(Field::SaasAvailable, columns::yes_no, false),
            contract_end: read!(Field::ContractEnd, columns::date, None),
            notice_months: read!(Field::Notice, columns::months, None)
                .unwrap_or(DEFAULT_NOTICE_MONTHS),
            yearly_cost: read!(
                Field::Cost,
                |s, l| columns::amount(s, sheet.style, l),
                rust_decimal::Decimal::ZERO
            ),
            owner: get(Field::Owner).0.trim().to_string(),
            collaboration: Some(get(Field::Collaboration).0.trim())
                .filter(|c| !c.is_empty())
                .map(str::to_string),
        };
        if errors.len() == before {
            apps.push(app);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    if apps.is_empty() {
        return Err(InputError::file(file, t.no_applications).into());
    }
    Ok(Imported {
        portfolio: Portfolio { applications: apps },
        dialect: sheet.dialect,
        missing,
        unknown_columns: unknown,
        empty_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_bad_cells_at_once_and_nothing_imported() {
        let text = "Pakket;BSN;Kosten per jaar;Einddatum contract\nA;misschien;12,50;2027-02-30\n;ja;-3;\n";
        let e = parse("p.csv", text.as_bytes()).unwrap_err().to_string();
        let lines: Vec<&str> = e.lines().collect();
        assert_eq!(lines.len(), 4, "{e}");
        assert!(
            lines[0].starts_with("p.csv:2:2: BSN: not yes or no (allowed: "),
            "{e}"
        );
        assert!(
            lines[1].starts_with("p.csv:2:4: Einddatum contract: no such date"),
            "{e}"
        );
        assert!(lines[2].starts_with("p.csv:3:1: Pakket: empty"), "{e}");
        assert!(
            lines[3].starts_with("p.csv:3:3: Kosten per jaar: negative amount"),
            "{e}"
        );
    }

    #[test]
    fn unknown_columns_and_missing_defaults_are_named() {
        let i = parse("p.csv", b"Pakket;Opmerkingen\nA;iets\n").unwrap();
        assert_eq!(i.unknown_columns, vec!["Opmerkingen".to_string()]);
        assert!(i.missing.contains(&Field::Notice));
        assert_eq!(
            i.portfolio.applications[0].notice_months,
            DEFAULT_NOTICE_MONTHS
        );
    }

    #[test]
    fn the_fingerprint_is_fnv1a_and_sees_one_byte() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint(b"Pakket\nA\n"), fingerprint(b"Pakket\nB\n"));
    }

    #[test]
    fn the_sample_imports() {
        let i = parse(SAMPLE_NAME, SAMPLE.as_bytes()).unwrap();
        assert!(i.portfolio.applications.len() >= 250);
        assert!(i.unknown_columns.is_empty());
    }
}
