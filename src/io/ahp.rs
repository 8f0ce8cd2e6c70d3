//! AHP judgement files (`wolkwijzer weights ahp FILE`) → the criteria and a validated
//! [`PairwiseMatrix`]. Every problem is reported with file, line, column, field and the allowed
//! values, all at once. The format is documented in the README ("Weights and sensitivity").
//!
//! ```toml
//! criteria = ["privacy", "cost_predictability", "control"]
//! random_index = "saaty_1980"          # optional; the default
//!
//! [judgements]
//! # `a.b = x`: a is x times as important as b (Saaty: 1 equal, 3 moderate, 5 strong,
//! # 7 very strong, 9 extreme; 2, 4, 6, 8 between). The reverse as a fraction: "1/3".
//! privacy.cost_predictability = 3
//! privacy.control = 5
//! cost_predictability.control = "1/2"
//! ```
//!
//! Rules: at least two criteria, each a criterion id, none twice; one judgement per pair in
//! either direction (`a.b = 3` or `b.a = "1/3"`; both are allowed when they are reciprocal within
//! 5 %); values positive, on the scale 1/9 … 9 (0.105 is accepted for a typed 1/9); no criterion
//! compared with itself.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::error::{InputError, InputErrors};
use super::text_file::read_text_file;
use super::walk::{Val, Walker, get, join};
use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::{
    DEFAULT_RANDOM_INDEX, PairwiseMatrix, RANDOM_INDEX_TABLES, RECIPROCAL_TOLERANCE,
    RandomIndexTable, SCALE_MAX, SCALE_MIN,
};

/// A validated judgement file.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpInput {
    /// The criteria compared, in the file's order (the matrix's rows and columns).
    pub criteria: Vec<Criterion>,
    /// The exactly reciprocal judgement matrix.
    pub matrix: PairwiseMatrix,
    /// The random-index table for the consistency ratio.
    pub random_index: &'static RandomIndexTable,
}

const TOP_KEYS: &[&str] = &["criteria", "random_index", "judgements"];
const SCALE: &str = "a number or fraction from 1/9 to 9 (Saaty's scale), e.g. 3 or \"1/3\"";

/// Reads and validates a judgement file.
pub fn load(path: &Path) -> Result<AhpInput, InputErrors> {
    let text = read_text_file(path)?;
    parse(&path.display().to_string(), &text)
}

/// Parses and validates judgement text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<AhpInput, InputErrors> {
    let mut w = Walker::new(file, text);
    let doc = w.parse()?;
    let root = doc.get_ref();
    w.check_keys(root, "", TOP_KEYS);

    let criteria = criteria(&mut w, root);
    let random_index = match get(root, "random_index") {
        Some(v) => {
            let names: Vec<&str> = RANDOM_INDEX_TABLES.iter().map(|t| t.name).collect();
            w.id(
                v,
                "random_index",
                RandomIndexTable::by_name,
                &names.join(", "),
            )
        }
        None => Some(DEFAULT_RANDOM_INDEX),
    };
    let Some(judgements) = get(root, "judgements") else {
        w.missing(
            0,
            "judgements",
            "[judgements] with one judgement per pair of criteria",
        );
        return Err(in_file_order(w.errors));
    };
    let Some(criteria) = criteria else {
        return Err(in_file_order(w.errors));
    };
    let upper = judgement_table(&mut w, judgements, &criteria);
    let (Some(upper), Some(random_index)) = (upper, random_index) else {
        return Err(in_file_order(w.errors));
    };
    if !w.errors.is_empty() {
        return Err(in_file_order(w.errors));
    }
    let matrix = PairwiseMatrix::from_upper_triangle(criteria.len(), &upper)
        .map_err(|e| InputErrors(vec![InputError::file(file, e.to_string())]))?;
    w.finish(AhpInput {
        criteria,
        matrix,
        random_index,
    })
}

/// The errors sorted by position (the TOML tables are walked in key order, not file order).
fn in_file_order(mut errors: Vec<InputError>) -> InputErrors {
    errors.sort_by_key(|e| (e.line, e.column));
    InputErrors(errors)
}

fn criteria(w: &mut Walker<'_>, root: &DeTable<'_>) -> Option<Vec<Criterion>> {
    let Some(v) = get(root, "criteria") else {
        w.missing(
            0,
            "criteria",
            "criteria = [\"privacy\", ...], the criteria to compare",
        );
        return None;
    };
    let before = w.errors.len();
    let list = w.ids(v, "criteria", Criterion::from_id, &Criterion::allowed());
    if w.errors.len() > before {
        return None;
    }
    if list.len() < 2 {
        w.error_allowed(
            v.span().start,
            "criteria",
            format!("{} criterion to compare", list.len()),
            "at least 2 criteria",
        );
        return None;
    }
    Some(list)
}

/// A judgement value: a positive number or a fraction `"a/b"`, on Saaty's scale.
fn judgement(w: &mut Walker<'_>, v: &Val<'_>, field: &str) -> Option<f64> {
    let shown = &w.text[v.span()];
    let value = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::String(s) => fraction(s),
        other => {
            w.error_allowed(
                v.span().start,
                field,
                format!("expected a number, found {}", other.type_str()),
                SCALE,
            );
            return None;
        }
    };
    let Some(x) = value.filter(|x| x.is_finite()) else {
        w.error_allowed(
            v.span().start,
            field,
            format!("{shown} is not a number or fraction"),
            SCALE,
        );
        return None;
    };
    if x <= 0.0 {
        w.error_allowed(
            v.span().start,
            field,
            format!("{shown} is not positive; a judgement says how many times as important"),
            SCALE,
        );
        return None;
    }
    if !(SCALE_MIN * (1.0 - RECIPROCAL_TOLERANCE)..=SCALE_MAX).contains(&x) {
        w.error_allowed(
            v.span().start,
            field,
            format!("{shown} is outside Saaty's scale"),
            SCALE,
        );
        return None;
    }
    Some(x)
}

/// `"3"`, `"1/3"`, `"0.5"`, with optional spaces.
fn fraction(s: &str) -> Option<f64> {
    match s.split_once('/') {
        Some((a, b)) => {
            let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (b != 0.0).then(|| a / b)
        }
        None => s.trim().parse().ok(),
    }
}

/// One given judgement: value and where it was written.
struct Given {
    value: f64,
    /// The value as written.
    shown: String,
    field: String,
    /// Byte offset of the value.
    at: usize,
}

/// Reads `[judgements]`; returns the upper triangle (row by row) when every pair is given.
fn judgement_table(w: &mut Walker<'_>, v: &Val<'_>, criteria: &[Criterion]) -> Option<Vec<f64>> {
    let t = w.table(v, "judgements")?;
    let n = criteria.len();
    let listed = criteria
        .iter()
        .map(|c| c.id())
        .collect::<Vec<_>>()
        .join(", ");
    let index = |w: &mut Walker<'_>, key: &str, at: usize, field: &str| -> Option<usize> {
        match Criterion::from_id(key) {
            Some(c) => match criteria.iter().position(|&x| x == c) {
                Some(i) => Some(i),
                None => {
                    w.error_allowed(
                        at,
                        field,
                        format!("`{key}` is not among `criteria`"),
                        listed.clone(),
                    );
                    None
                }
            },
            None => {
                w.error_allowed(
                    at,
                    field,
                    format!("unknown criterion `{key}`"),
                    listed.clone(),
                );
                None
            }
        }
    };
    let mut given: Vec<Vec<Option<Given>>> =
        (0..n).map(|_| (0..n).map(|_| None).collect()).collect();
    // Pairs written in the file, valid or not: only pairs never written are "missing".
    let mut written = vec![vec![false; n]; n];
    let mut complete = true;
    for (k, row) in t.iter() {
        let row_field = join("judgements", k.get_ref());
        let Some(i) = index(w, k.get_ref(), k.span().start, &row_field) else {
            complete = false;
            continue;
        };
        let Some(row) = w.table(row, &row_field) else {
            complete = false;
            continue;
        };
        for (k2, val) in row.iter() {
            let field = join(&row_field, k2.get_ref());
            let Some(j) = index(w, k2.get_ref(), k2.span().start, &field) else {
                complete = false;
                continue;
            };
            if i == j {
                w.error_allowed(
                    k2.span().start,
                    &field,
                    "a criterion is not compared with itself",
                    "pairs of two different criteria",
                );
                complete = false;
                continue;
            }
            written[i][j] = true;
            let Some(value) = judgement(w, val, &field) else {
                complete = false;
                continue;
            };
            let this = Given {
                value,
                shown: w.text[val.span()].to_string(),
                field,
                at: val.span().start,
            };
            if let Some(reverse) = &given[j][i]
                && (value * reverse.value - 1.0).abs() > RECIPROCAL_TOLERANCE
            {
                // Reported where the second of the two is written, naming the first.
                let (first, second) = if reverse.at < this.at {
                    (reverse, &this)
                } else {
                    (&this, reverse)
                };
                w.error_allowed(
                    second.at,
                    &second.field,
                    format!(
                        "contradicts `{} = {}`: the two directions of a pair must be reciprocal",
                        first.field.trim_start_matches("judgements."),
                        first.shown,
                    ),
                    format!("{} (or give the pair only once)", reciprocal(first.value)),
                );
                complete = false;
            }
            given[i][j] = Some(this);
        }
    }
    let mut upper = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            match (&given[i][j], &given[j][i]) {
                (Some(g), _) => upper.push(g.value),
                (None, Some(g)) => upper.push(1.0 / g.value),
                (None, None) if written[i][j] || written[j][i] => {}
                (None, None) => {
                    w.missing(
                        v.span().start,
                        &join(&join("judgements", criteria[i].id()), criteria[j].id()),
                        &format!(
                            "how many times as important {} is as {} (1/9 to 9)",
                            criteria[i].id(),
                            criteria[j].id()
                        ),
                    );
                    complete = false;
                }
            }
        }
    }
    complete.then_some(upper)
}

/// The reciprocal of a judgement as the user would type it: "1/5" for 5, "5" for 0.2.
fn reciprocal(x: f64) -> String {
    let r = 1.0 / x;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round())
    } else if (x - x.round()).abs() < 1e-9 {
        format!("\"1/{}\"", x.round())
    } else {
        format!("{r:.3}")
    }
}
