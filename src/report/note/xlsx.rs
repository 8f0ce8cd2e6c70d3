//! `report --format xlsx`: the note's data as an Excel workbook — the ranking with the weights
//! as input cells (totals and ranks are live formulas), the hybrid landscape with its rules,
//! and, when the profile has a business case, the business case sheets of
//! [`report::business_case::xlsx`](crate::report::business_case::xlsx) (baseline, one sheet per
//! scenario with live formulas, the allocation for a starter group).

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Note, ReportError};
use crate::core::catalogue::Catalogue;
use crate::core::profile::Profile;
use crate::core::scoring::Evaluation;
use crate::i18n::{report as labels, strings};
use crate::report::business_case::xlsx::{
    Styles, add_business_case_sheets, add_ranking_sheet, finish,
};

/// The workbook of a note: the business case sheets show the scenarios the note shows (those
/// of the leading candidate when the profile has any).
pub fn workbook(
    note: &Note,
    catalogue: &Catalogue,
    profile: &Profile,
    evaluation: &Evaluation,
) -> Result<Vec<u8>, ReportError> {
    let lang = note.language();
    let mut book = Workbook::new();
    let st = Styles::new(lang);
    add_ranking_sheet(
        &mut book,
        &st,
        catalogue,
        &note.subject.question,
        lang,
        evaluation,
    )?;
    if !note.landscape.workloads.is_empty() {
        landscape_sheet(&mut book, &st, note)?;
    }
    if let Some(setup) = &profile.business_case {
        let result = setup.evaluate(None, super::business_case::shown(setup, evaluation))?;
        let view = super::business_case::view(catalogue, profile, setup, &result, evaluation, lang);
        add_business_case_sheets(&mut book, &st, &view)?;
    }
    Ok(finish(&mut book)?)
}

/// The landscape: one row per workload (placement, its score and overall rank), then the rules
/// that apply to the workloads' data.
fn landscape_sheet(book: &mut Workbook, st: &Styles, note: &Note) -> Result<(), XlsxError> {
    let lang = note.language();
    let t = labels(lang);
    let s = strings(lang);
    let ws = book.add_worksheet();
    // Excel allows 31 characters in a sheet name.
    let name: String = t.ch_landscape.chars().take(31).collect();
    ws.set_name(name)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(
        0,
        0,
        format!("{} — {}", t.ch_landscape, note.subject.question),
        &st.title,
    )?;
    for (col, width) in [
        (0u16, 34.0),
        (1, 26.0),
        (2, 10.0),
        (3, 40.0),
        (4, 12.0),
        (5, 12.0),
    ] {
        ws.set_column_width(col, width)?;
    }
    let header = 2;
    let heads = [
        (s.workload, false),
        (s.data_class, false),
        (t.critical, false),
        (s.placement, false),
        (t.workload_score, true),
        (t.overall_rank, true),
    ];
    for (i, (h, right)) in heads.iter().enumerate() {
        let f = if *right { &st.header_right } else { &st.header };
        ws.write_string_with_format(header, i as u16, *h, f)?;
    }
    let yes_no = crate::i18n::xlsx_strings(lang);
    let mut row = header + 1;
    for w in &note.landscape.workloads {
        ws.write_string(row, 0, &w.name)?;
        ws.write_string(row, 1, &w.data_name)?;
        ws.write_string(row, 2, if w.critical { yes_no.yes } else { yes_no.no })?;
        match &w.placement {
            Some(p) => ws.write_string(row, 3, &p.name)?,
            None => ws.write_string(row, 3, t.unplaced)?,
        };
        if let Some(score) = w.score {
            ws.write_number_with_format(row, 4, score, &st.score)?;
        }
        if let Some(rank) = w.overall_rank {
            ws.write_number(row, 5, rank as f64)?;
        }
        row += 1;
    }
    if note.landscape.rules.is_empty() {
        return Ok(());
    }
    row += 1;
    ws.write_string_with_format(row, 0, t.rules_title, &st.bold)?;
    row += 1;
    for (i, h) in [t.rule, s.applies_to, t.effect, s.status, t.references]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, i as u16, *h, &st.header)?;
    }
    row += 1;
    for r in &note.landscape.rules {
        ws.write_string(row, 0, &r.text)?;
        ws.write_string(row, 1, r.applies_to.join(", "))?;
        ws.write_string(row, 2, &r.effect_name)?;
        ws.write_string(row, 3, &r.status_name)?;
        ws.write_string(row, 4, super::document::refs(&r.references))?;
        row += 1;
    }
    Ok(())
}
