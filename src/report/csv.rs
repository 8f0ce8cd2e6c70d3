//! The one CSV writer of every export (`score`, `catalogue`, `business-case`, `report`,
//! `sensitivity`, `weights ahp`), and the `score` and `catalogue` CSVs.
//!
//! Every CSV is written as RFC 4180 with `,` and `.` decimals, for programs ([`line`]); every
//! cell is neutralised against formula injection and control characters first
//! (`core::safe_text::csv_cell`) and quoted when it holds a separator, quote or line break.
//! [`Dialect::ExcelNl`] (`--csv-dialect excel-nl`) rewrites such a CSV for a Dutch Excel, which
//! opens a file by double-click with `;` as separator and `,` as decimal mark: a UTF-8 byte
//! order mark (so Excel reads the accents), `;` between cells, CRLF line ends, and a decimal
//! comma in every cell that is a plain number (`-1250.5` → `-1250,5`); nothing else changes.

use super::ScoreView;
use crate::core::catalogue::{CandidateKey, Catalogue};
use crate::core::text::Lang;

/// How a CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// RFC 4180: `,` between cells, `.` decimals, LF line ends; for programs.
    #[default]
    Rfc4180,
    /// For a Dutch Excel: BOM, `;` between cells, decimal commas, CRLF line ends.
    ExcelNl,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::Rfc4180 => ',',
            Dialect::ExcelNl => ';',
        }
    }

    fn line_end(self) -> &'static str {
        match self {
            Dialect::Rfc4180 => "\n",
            Dialect::ExcelNl => "\r\n",
        }
    }
}

/// A CSV field: neutralised against formula injection and control characters (see
/// `core::safe_text::csv_cell`; every CSV export writes its cells through here), then quoted
/// when needed.
pub fn field(s: &str) -> String {
    field_in(s, Dialect::Rfc4180)
}

fn field_in(s: &str, dialect: Dialect) -> String {
    let s = crate::core::safe_text::csv_cell(s);
    if s.contains([dialect.separator(), '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One RFC 4180 row (with its line end) of the given cells.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",")
        + "\n"
}

/// A plain number as the RFC 4180 CSV writes it: `-1250.50`, `7`, `0.333333`.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// Reads a CSV this module wrote (RFC 4180): rows of cells, `None` for an empty line (the
/// separator between the blocks of the note's CSV).
fn parse(text: &str) -> Vec<Option<Vec<String>>> {
    let mut rows = vec![];
    let mut row: Vec<String> = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut started = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                started = true;
            }
            ',' => {
                row.push(std::mem::take(&mut cell));
                started = true;
            }
            '\n' => {
                if started || !cell.is_empty() {
                    row.push(std::mem::take(&mut cell));
                    rows.push(Some(std::mem::take(&mut row)));
                } else {
                    rows.push(None);
                }
                started = false;
            }
            '\r' => {}
            c => {
                cell.push(c);
                started = true;
            }
        }
    }
    if started || !cell.is_empty() {
        row.push(cell);
        rows.push(Some(row));
    }
    rows
}

/// An RFC 4180 CSV from this module rewritten in `dialect` (unchanged for RFC 4180).
pub fn to_dialect(csv: &str, dialect: Dialect) -> String {
    if dialect == Dialect::Rfc4180 {
        return csv.to_string();
    }
    let sep = dialect.separator().to_string();
    let mut out = String::from("\u{feff}");
    for row in parse(csv) {
        if let Some(cells) = row {
            let cells: Vec<String> = cells
                .iter()
                .map(|c| {
                    if is_plain_number(c) {
                        c.replace('.', ",")
                    } else {
                        field_in(c, dialect)
                    }
                })
                .collect();
            out.push_str(&cells.join(&sep));
        }
        out.push_str(dialect.line_end());
    }
    out
}

/// The four candidate columns (`candidate`, `option`, `service_model`, `deployment`), empty
/// where there is no candidate.
fn candidate_cells(k: Option<CandidateKey>) -> [String; 4] {
    match k {
        Some(k) => [
            k.id(),
            k.option.id().into(),
            k.service_model.id().into(),
            k.deployment.id().into(),
        ],
        None => Default::default(),
    }
}

/// A row of `head`, the four candidate columns of `k`, and `tail`.
fn row_with(head: &[String], k: Option<CandidateKey>, tail: &[String]) -> String {
    let mut cells = head.to_vec();
    cells.extend(candidate_cells(k));
    cells.extend_from_slice(tail);
    row(&cells)
}

fn row(fields: &[String]) -> String {
    line(fields)
}

/// The `score` result: ranking rows, then excluded rows, then workload rows, each with a
/// `section` column so one sheet can hold all three.
pub fn score(v: &ScoreView<'_>) -> String {
    let lang = v.lang;
    let mut out = row(&[
        "section",
        "rank",
        "tied",
        "candidate",
        "option",
        "service_model",
        "deployment",
        "total",
        "criterion",
        "score",
        "weight",
        "detail",
    ]
    .map(String::from));
    for r in &v.evaluation.ranking {
        for c in &r.criteria {
            out.push_str(&row_with(
                &["ranking".into(), r.rank.to_string(), r.tied.to_string()],
                Some(r.key),
                &[
                    format!("{:.6}", r.total),
                    c.criterion.id().into(),
                    format!("{:.6}", c.score),
                    format!("{:.6}", c.weight),
                    c.explanation.get(lang).into(),
                ],
            ));
        }
    }
    let e = v.evaluation;
    for (b, t) in e.blind_spots.iter().zip(e.blind_spot_texts(v.catalogue)) {
        let k = e.leader().map(|l| l.key);
        out.push_str(&row_with(
            &["warning".into(), String::new(), String::new()],
            k,
            &[
                String::new(),
                b.criterion.id().into(),
                format!("{:.6}", b.score),
                format!("{:.6}", 0.0),
                t.get(lang).into(),
            ],
        ));
    }
    for x in &v.evaluation.excluded {
        for reason in &x.reasons {
            out.push_str(&row_with(
                &["excluded".into(), String::new(), String::new()],
                Some(x.key),
                &[
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    reason.get(lang).into(),
                ],
            ));
        }
    }
    for w in &v.evaluation.workloads {
        let k = w.key;
        out.push_str(&row_with(
            &["workload".into(), String::new(), String::new()],
            k,
            &[
                w.total.map(|t| format!("{t:.6}")).unwrap_or_default(),
                w.name.clone(),
                String::new(),
                w.data.id().into(),
                w.explanation.get(lang).into(),
            ],
        ));
    }
    out
}

/// The catalogue's candidates with their attributes.
pub fn catalogue(c: &Catalogue, lang: Lang) -> String {
    let mut out = row(&[
        "candidate",
        "option",
        "service_model",
        "deployment",
        "tariff",
        "data_location",
        "data_access",
        "security",
        "operations",
        "facility",
        "characteristics",
        "exit_terms",
        "why",
    ]
    .map(String::from));
    for k in &c.candidates {
        out.push_str(&row(&[
            k.key().id(),
            k.option.id().into(),
            k.service_model.id().into(),
            k.deployment.id().into(),
            k.tariff.id().into(),
            k.data_location.id().into(),
            k.data_access.id().into(),
            k.security.id().into(),
            k.operations.id().into(),
            k.facility.id().into(),
            k.characteristics
                .iter()
                .map(|x| x.id())
                .collect::<Vec<_>>()
                .join(" "),
            k.exit_terms.id().into(),
            k.why.get(lang).into(),
        ]));
    }
    out
}

#[cfg(test)]
mod dialect_tests {
    use super::*;

    #[test]
    fn rfc4180_quotes_separators_quotes_and_line_breaks() {
        assert_eq!(
            line(&["a", "b,c", "say \"hi\"", "x\ny"]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\n"
        );
    }

    #[test]
    fn the_dutch_excel_dialect_has_a_bom_semicolons_and_decimal_commas() {
        let csv = format!(
            "{}{}\n{}",
            line(&["table", "label", "amount"]),
            line(&["a", "Kosten; baten", "-1250.50"]),
            line(&["b", "ssc-saas-community", "7"])
        );
        assert_eq!(
            to_dialect(&csv, Dialect::ExcelNl),
            "\u{feff}table;label;amount\r\na;\"Kosten; baten\";-1250,50\r\n\r\nb;ssc-saas-community;7\r\n"
        );
        assert_eq!(to_dialect(&csv, Dialect::Rfc4180), csv);
    }

    #[test]
    fn quoted_cells_survive_the_rewrite() {
        let csv = line(&["x", "a,b", "say \"hi\"", "1.5"]);
        assert_eq!(
            to_dialect(&csv, Dialect::ExcelNl),
            "\u{feff}x;a,b;\"say \"\"hi\"\"\";1,5\r\n"
        );
    }

    #[test]
    fn only_plain_numbers_get_a_decimal_comma() {
        assert!(is_plain_number("-1250.50"));
        assert!(is_plain_number("7"));
        assert!(!is_plain_number("2026-11-29"));
        assert!(!is_plain_number("§4.1"));
        assert!(!is_plain_number("1.2.3"));
        assert!(!is_plain_number(""));
    }
}
