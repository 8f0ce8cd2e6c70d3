//! From bytes to a sheet of text cells: CSV (`;` or `,`, UTF-8 with or without BOM, or
//! Windows-1252; RFC 4180 quoting with line breaks inside quotes, by the `csv` crate) or XLSX
//! (the first worksheet, by `calamine`). Row numbers are the file's: the line a CSV record
//! starts on, the worksheet row of an XLSX row.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::columns::NumberStyle;
use crate::core::text::Lang;
use crate::i18n::{PortfolioImportStrings, fill, portfolio_import};
use crate::io::InputError;

/// Longest cell, characters: 2,000 (a package name or a list of components is far shorter).
pub const MAX_CELL_CHARS: usize = 2_000;
/// Most columns: 200.
pub const MAX_COLUMNS: usize = 200;

/// A file read as rows of text cells; `rows[0]` is the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// (row number in the file, cells).
    pub rows: Vec<(usize, Vec<String>)>,
    /// How numbers in text cells are written.
    pub style: NumberStyle,
    /// What was detected, for the summary: e.g. `CSV, ';', UTF-8 with BOM`.
    pub dialect: String,
}

/// How the text was encoded.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            // Not UTF-8: older Excel exports are Windows-1252, which decodes every byte.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes.
fn sniff(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 || counts[0] == max {
        b';'
    } else if counts[1] == max {
        b','
    } else {
        b'\t'
    }
}

#[allow(clippy::result_large_err)]
fn check_cell(
    file: &str,
    row: usize,
    col: usize,
    cell: &str,
    t: &PortfolioImportStrings,
) -> Result<(), InputError> {
    if cell.chars().count() > MAX_CELL_CHARS {
        let mut e = InputError::file(
            file,
            fill(t.cell_too_long, &[("max", &MAX_CELL_CHARS.to_string())]),
        );
        e.line = Some(row);
        e.column = Some(col);
        return Err(e);
    }
    Ok(())
}

/// Reads CSV bytes.
pub fn csv(file: &str, bytes: &[u8], lang: Lang) -> Result<Sheet, Vec<InputError>> {
    let t = portfolio_import(lang);
    let max_columns = MAX_COLUMNS.to_string();
    let max_apps = crate::core::portfolio::MAX_APPLICATIONS.to_string();
    let (text, encoding) = decode(bytes);
    let delimiter = sniff(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = vec![];
    let mut errors = vec![];
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                if r.len() > MAX_COLUMNS {
                    let mut e =
                        InputError::file(file, fill(t.too_many_columns, &[("max", &max_columns)]));
                    e.line = Some(line);
                    errors.push(e);
                    continue;
                }
                let cells: Vec<String> = r.iter().map(str::to_string).collect();
                for (c, cell) in cells.iter().enumerate() {
                    if let Err(e) = check_cell(file, line, c + 1, cell, t) {
                        errors.push(e);
                    }
                }
                rows.push((line, cells));
            }
            Err(e) => {
                let mut ie = InputError::file(file, fill(t.not_csv, &[("error", &e.to_string())]));
                if let Some(p) = e.position() {
                    ie.line = Some(p.line() as usize);
                }
                errors.push(ie);
                break;
            }
        }
        if rows.len() > crate::core::portfolio::MAX_APPLICATIONS + 1 {
            errors.push(InputError::file(
                file,
                fill(t.too_many_applications, &[("max", &max_apps)]),
            ));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let name = match delimiter {
        b';' => "';'",
        b',' => "','",
        _ => "tab",
    };
    Ok(Sheet {
        rows,
        style: if delimiter == b',' {
            NumberStyle::English
        } else {
            NumberStyle::Dutch
        },
        dialect: format!("CSV, {name}, {encoding}"),
    })
}

/// A worksheet cell as text; dates as ISO (`2027-06-30`), whole numbers without decimals,
/// other numbers with a decimal comma (the sheet is read in Dutch style, so a number typed as a
/// number reads back exactly).
fn cell_text(d: &Data, t: &PortfolioImportStrings) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if !f.is_finite() {
                return Err(t.not_finite.into());
            }
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                // `{}` on f64 never writes an exponent.
                format!("{f}").replace('.', ",")
            }
        }
        Data::Bool(b) => if *b { "ja" } else { "nee" }.into(),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(fill(t.spreadsheet_error, &[("error", &format!("{e:?}"))]));
        }
    })
}

/// Reads the first worksheet of XLSX bytes. Numbers typed as numbers are read exactly as the
/// workbook stores them; text cells with amounts are read in Dutch style.
pub fn xlsx(file: &str, bytes: &[u8], lang: Lang) -> Result<Sheet, Vec<InputError>> {
    let t = portfolio_import(lang);
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            vec![InputError::file(
                file,
                fill(t.not_xlsx, &[("error", &e.to_string())]),
            )]
        })?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            return Err(vec![InputError::file(
                file,
                fill(t.no_first_sheet, &[("error", &e.to_string())]),
            )]);
        }
        None => {
            return Err(vec![InputError::file(file, t.no_worksheet)]);
        }
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    if range.width() + col0 as usize > MAX_COLUMNS {
        return Err(vec![InputError::file(
            file,
            fill(t.too_many_columns, &[("max", &MAX_COLUMNS.to_string())]),
        )]);
    }
    if range.height() > crate::core::portfolio::MAX_APPLICATIONS + 1 {
        return Err(vec![InputError::file(
            file,
            fill(
                t.too_many_applications,
                &[("max", &crate::core::portfolio::MAX_APPLICATIONS.to_string())],
            ),
        )]);
    }
    let mut rows = vec![];
    let mut errors = vec![];
    for (i, r) in range.rows().enumerate() {
        let number = row0 as usize + i + 1;
        // Columns left of the range are empty in the file: keep the file's column numbers.
        let mut cells = vec![String::new(); col0 as usize];
        for (j, d) in r.iter().enumerate() {
            let col = col0 as usize + j + 1;
            match cell_text(d, t) {
                Ok(text) => {
                    if let Err(e) = check_cell(file, number, col, &text, t) {
                        errors.push(e);
                    }
                    cells.push(text);
                }
                Err(msg) => {
                    let mut e = InputError::file(file, msg);
                    e.line = Some(number);
                    e.column = Some(col);
                    errors.push(e);
                    cells.push(String::new());
                }
            }
        }
        rows.push((number, cells));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Sheet {
        rows,
        style: NumberStyle::Dutch,
        dialect: "XLSX".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_delimiters_are_detected() {
        let s = csv("a.csv", b"\xEF\xBB\xBFPakket;Kosten\nA;1,5\n", Lang::En).unwrap();
        assert_eq!(s.dialect, "CSV, ';', UTF-8 with BOM");
        assert_eq!(s.rows[1].1, vec!["A", "1,5"]);
        let s = csv("a.csv", b"Package,Cost\n\"B, C\",2\n", Lang::En).unwrap();
        assert_eq!(s.style, NumberStyle::English);
        assert_eq!(s.rows[1].1[0], "B, C");
        let s = csv("a.csv", b"Pakket;Eigenaar\nCaf\xe9;Burgerzaken\n", Lang::En).unwrap();
        assert_eq!(s.dialect, "CSV, ';', Windows-1252");
        assert_eq!(s.rows[1].1[0], "Café");
    }

    #[test]
    fn quoted_newlines_keep_the_starting_line() {
        let s = csv(
            "a.csv",
            b"Pakket;Referentiecomponenten\n\"A\";\"X,\nY\"\nB;Z\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(s.rows[1].0, 2);
        assert_eq!(s.rows[2].0, 4);
    }
}
