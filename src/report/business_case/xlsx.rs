//! `business-case --format xlsx`: the business case as an Excel workbook with live formulas,
//! written from the core's data (like the JSON), for finance to check and to play with.
//!
//! Sheets: the baseline (nulmeting per municipality and, for one municipality, the table of
//! 'ongewijzigd beleid' over input cells); one sheet per scenario; the allocation per
//! participant (starter group); the ranking with the weights. Yellow cells are inputs; every
//! total, cash flow, cumulative row and return year is a formula, so changing an input
//! recalculates the way the tool does:
//!
//! - the table of annex 1 (difference with the baseline) sums the lines per section with
//!   `SUMIF` on the section column, subtracts the baseline sheet's section totals when the
//!   scenario's lines are gross (one municipality), and runs the cumulative rows; the return
//!   year is the first year with a cumulative cash flow > 0 (a helper row holds the year
//!   where it is positive; the return year is its `MIN`);
//! - the risk bands (one municipality) apply the factor cells to the gross section totals:
//!   costs × cost factor, benefits × benefit factor then moved later by the delay in months
//!   with the tool's rule (each year spread over twelve months, the shifted running total
//!   rounded to cents). The tool applies the factors line by line before rounding; the sheet
//!   applies them per section, so a band's amounts can differ from the tool's by rounding
//!   cents (at most one cent per line and year);
//! - for a starter group the bands depend on the allocation of the provider's costs under each
//!   band, which is not a spreadsheet formula: the band rows there are the tool's values.
//!
//! Amounts are stored as numbers (two decimals, a EUR number format); the conversion from
//! `Decimal` to the file's doubles happens only here, at the edge. Money formulas round to
//! cents, so sums of cents stay cents and floating-point noise cannot make a cumulative cash
//! flow of 0 count as positive. Formulas carry no cached result, so LibreOffice (which by
//! default shows an .xlsx file's cached results) calculates them as Excel does.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

pub use rust_xlsxwriter::XlsxError;

use super::{BusinessCaseView, ScenarioView, band_name, kind_name, labels};
use crate::core::business_case::{Band, BandOutcome, ScenarioOutcome, Section, YearlyTable};
use crate::core::scoring::Evaluation;
use crate::core::text::Lang;
use crate::i18n::{CaseStrings, XlsxStrings, tui_bc, xlsx_strings};

/// Column of year 1 (C); column A holds labels, B the section.
const YEAR_COL: u16 = 2;

/// The workbook of a business case; `evaluation` adds the ranking-and-weights sheet.
pub fn business_case(
    v: &BusinessCaseView<'_>,
    evaluation: Option<&Evaluation>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let st = Styles::new(v.lang);
    add_business_case_sheets(&mut book, &st, v)?;
    if let Some(e) = evaluation {
        add_ranking_sheet(&mut book, &st, v.catalogue, &v.profile.title, v.lang, e)?;
    }
    finish(&mut book)
}

/// The workbook's bytes, without cached formula results (see [`without_cached_results`]).
pub(crate) fn finish(book: &mut Workbook) -> Result<Vec<u8>, XlsxError> {
    without_cached_results(&book.save_to_buffer()?)
}

/// Adds the business case's sheets: the baseline, one per scenario, and the allocation for a
/// starter group.
pub(crate) fn add_business_case_sheets(
    book: &mut Workbook,
    st: &Styles,
    v: &BusinessCaseView<'_>,
) -> Result<(), XlsxError> {
    let x = xlsx_strings(v.lang);
    let n = v.result.horizon.years() as usize;
    let scenarios = v.scenarios();

    // The baseline table, derived from the first single-municipality scenario: its gross
    // table minus its difference with the baseline.
    let baseline = scenarios.iter().find_map(|s| match &s.result.outcome {
        ScenarioOutcome::Single(c) => baseline_of(&c.scenario, &c.difference),
        ScenarioOutcome::Group(_) => None,
    });

    let base_refs = {
        let ws = book.add_worksheet();
        ws.set_name(x.sheet_baseline)?;
        sheet_setup(ws, n)?;
        baseline_sheet(ws, st, v, baseline.as_ref(), n)?
    };

    for (i, s) in scenarios.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(format!("{} {}", x.sheet_scenario, i + 1))?;
        sheet_setup(ws, n)?;
        // Live bands need the gross lines and the same baseline as the baseline sheet.
        let live = match (&s.result.outcome, &baseline, &base_refs) {
            (ScenarioOutcome::Single(c), Some(b), Some(refs))
                if baseline_of(&c.scenario, &c.difference).is_some_and(|t| t.rows == b.rows) =>
            {
                Some((&c.scenario, refs))
            }
            _ => None,
        };
        scenario_sheet(ws, st, v, s, live, n)?;
    }

    if scenarios.iter().any(|s| s.group.is_some()) {
        let ws = book.add_worksheet();
        ws.set_name(x.sheet_allocation)?;
        sheet_setup(ws, n)?;
        allocation_sheet(ws, st, v.lang, &scenarios, n)?;
    }
    Ok(())
}

/// Adds the ranking-and-weights sheet: weights as input cells, the totals and ranks as
/// formulas over them.
pub(crate) fn add_ranking_sheet(
    book: &mut Workbook,
    st: &Styles,
    catalogue: &crate::core::catalogue::Catalogue,
    title: &str,
    lang: Lang,
    e: &Evaluation,
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(xlsx_strings(lang).sheet_ranking)?;
    ranking_sheet(ws, st, catalogue, title, lang, e)
}

/// The workbook with the cached results of its formulas removed. rust_xlsxwriter stores 0 as
/// every formula's result; Excel recalculates on opening anyway, but LibreOffice by default
/// shows cached results of an .xlsx as they are. A formula without a cached result is
/// calculated by both.
fn without_cached_results(xlsx: &[u8]) -> Result<Vec<u8>, XlsxError> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name()?.to_string();
        if name.starts_with("xl/worksheets/sheet") && name.ends_with(".xml") {
            let mut xml = String::new();
            file.read_to_string(&mut xml)?;
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            out.start_file(name, options)?;
            out.write_all(strip_formula_values(&xml).as_bytes())?;
        } else {
            out.raw_copy_file(file)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// Removes the `<v>…</v>` that directly follows a formula's `</f>`.
fn strip_formula_values(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("</f><v>") {
        out.push_str(&rest[..i + "</f>".len()]);
        rest = &rest[i + "</f>".len()..];
        match rest.find("</v>") {
            Some(end) => rest = &rest[end + "</v>".len()..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `scenario − difference`, without the lines that come out as zero in every year: the
/// baseline's own table. `None` when the checked arithmetic refuses it (it cannot for a
/// validated profile, whose tables were computed with the same sums); the workbook then has no
/// live baseline, as for a group.
fn baseline_of(scenario: &YearlyTable, difference: &YearlyTable) -> Option<YearlyTable> {
    let mut b = scenario.difference(difference).ok()?;
    b.lines.retain(|l| l.amounts.iter().any(|a| !a.is_zero()));
    // The baseline is never scaled by a band: no line of it is "fixed" apart from the rest.
    for l in &mut b.lines {
        l.fixed = false;
    }
    YearlyTable::from_lines(b.rows.len(), b.lines, b.residual_book_value).ok()
}

/// The cell formats of the workbook.
pub(crate) struct Styles {
    pub(crate) title: Format,
    pub(crate) heading: Format,
    pub(crate) header: Format,
    pub(crate) header_right: Format,
    pub(crate) note: Format,
    pub(crate) money: Format,
    pub(crate) money_bold: Format,
    pub(crate) money_input: Format,
    pub(crate) factor_input: Format,
    pub(crate) months_input: Format,
    pub(crate) factor: Format,
    pub(crate) months: Format,
    pub(crate) year: Format,
    pub(crate) year_left: Format,
    pub(crate) year_bold: Format,
    pub(crate) percent: Format,
    pub(crate) score: Format,
    pub(crate) bold: Format,
    /// The language of the labels.
    pub(crate) lang: Lang,
}

impl Styles {
    pub(crate) fn new(lang: Lang) -> Self {
        // The file stores number formats with '.' and ','; Excel shows them in the reader's
        // locale. The currency tag names the euro for the language.
        let money = match lang {
            Lang::Nl => "[$€-413] #,##0.00;[$€-413] -#,##0.00",
            Lang::En => "[$€-1809]#,##0.00;-[$€-1809]#,##0.00",
        };
        let input = Color::RGB(0xFFF2CC);
        let header_fill = Color::RGB(0xDDEBF7);
        Self {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(header_fill)
                .set_border_bottom(FormatBorder::Thin),
            header_right: Format::new()
                .set_bold()
                .set_background_color(header_fill)
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Right),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            money: Format::new().set_num_format(money),
            money_bold: Format::new().set_num_format(money).set_bold(),
            money_input: Format::new()
                .set_num_format(money)
                .set_background_color(input),
            factor_input: Format::new()
                .set_num_format("0.00")
                .set_background_color(input),
            months_input: Format::new()
                .set_num_format("0")
                .set_background_color(input),
            factor: Format::new().set_num_format("0.00"),
            months: Format::new().set_num_format("0"),
            year: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Right),
            year_left: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Left),
            // Left: "not within the horizon" then reads on to the right, like a year.
            year_bold: Format::new()
                .set_num_format("0")
                .set_bold()
                .set_align(FormatAlign::Left),
            percent: Format::new().set_num_format("0.00%"),
            score: Format::new().set_num_format("0.00"),
            bold: Format::new().set_bold(),
            lang,
        }
    }
}

fn sheet_setup(ws: &mut Worksheet, n: usize) -> Result<(), XlsxError> {
    ws.set_column_width(0, 52)?;
    ws.set_column_width(1, 20)?;
    for c in 0..=n as u16 {
        ws.set_column_width(YEAR_COL + c, 16)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
fn col_name(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// A relative A1 reference (row and column 0-based).
fn at(row: u32, col: u16) -> String {
    format!("{}{}", col_name(col), row + 1)
}

/// An absolute A1 reference.
fn abs(row: u32, col: u16) -> String {
    format!("${}${}", col_name(col), row + 1)
}

/// A sheet name quoted for a reference from another sheet.
fn sheet_ref(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A text inside a formula.
fn text_literal(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A label that starts a row: its first letter upper case ("zichtbaar" → "Zichtbaar").
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn money(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn section_name(s: Section, t: &CaseStrings) -> &'static str {
    match s {
        Section::Benefits => t.benefits,
        Section::OperatingCosts => t.operating_costs,
        Section::Investments => t.investments,
    }
}

/// The section of a line the scenario shares with the baseline: summed like its section, but
/// never scaled by a band's factors (the tool does not scale it either).
fn fixed_section(s: Section, t: &CaseStrings, lang: Lang) -> String {
    crate::i18n::fill(
        crate::i18n::grounds_strings(lang).fixed_section,
        &[("section", section_name(s, t))],
    )
}

/// The rows of a block of input lines.
struct LineBlock {
    /// First and last line row (`None` when there are no lines).
    rows: Option<(u32, u32)>,
}

impl LineBlock {
    /// `SUMIF` of one section in one year column, or `0` without lines.
    fn section_sum(&self, section: &str, col: u16) -> String {
        match self.rows {
            None => "0".into(),
            Some((first, last)) => format!(
                "SUMIF({}:{},{},{c}${}:{c}${})",
                abs(first, 1),
                abs(last, 1),
                text_literal(section),
                first + 1,
                last + 1,
                c = col_name(col),
            ),
        }
    }
}

/// Header row: label, section, Year 1..n, Total.
// The workbook's context (sheet, styles, labels, horizon) travels as plain arguments.
#[allow(clippy::too_many_arguments)]
fn header_row(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    first: &str,
    second: &str,
    n: usize,
    t: &CaseStrings,
    total: Option<&str>,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, first, &st.header)?;
    ws.write_string_with_format(row, 1, second, &st.header)?;
    for y in 0..n {
        let text = format!("{} {}", t.year, y + 1);
        ws.write_string_with_format(row, YEAR_COL + y as u16, text, &st.header_right)?;
    }
    if let Some(total) = total {
        ws.write_string_with_format(row, YEAR_COL + n as u16, total, &st.header_right)?;
    }
    Ok(())
}

/// Writes the lines of `table` as input cells under a heading; returns the block and the next
/// free row.
// The workbook's context (sheet, styles, labels, horizon) travels as plain arguments.
#[allow(clippy::too_many_arguments)]
fn write_lines(
    ws: &mut Worksheet,
    st: &Styles,
    mut row: u32,
    heading: &str,
    table: &YearlyTable,
    n: usize,
    t: &CaseStrings,
    x: &XlsxStrings,
) -> Result<(LineBlock, u32), XlsxError> {
    ws.write_string_with_format(row, 0, heading, &st.heading)?;
    row += 1;
    header_row(ws, st, row, x.line, x.section, n, t, Some(x.total))?;
    row += 1;
    let first = row;
    for line in &table.lines {
        ws.write_string(row, 0, super::grounds::line_label(&line.label, st.lang))?;
        if line.fixed {
            ws.write_string(row, 1, fixed_section(line.section, t, st.lang))?;
        } else {
            ws.write_string(row, 1, section_name(line.section, t))?;
        }
        for (y, a) in line.amounts.iter().enumerate().take(n) {
            ws.write_number_with_format(row, YEAR_COL + y as u16, money(*a), &st.money_input)?;
        }
        let sum = format!(
            "=SUM({}:{})",
            at(row, YEAR_COL),
            at(row, YEAR_COL + n as u16 - 1)
        );
        ws.write_formula_with_format(row, YEAR_COL + n as u16, Formula::new(sum), &st.money)?;
        row += 1;
    }
    let rows = (row > first).then(|| (first, row - 1));
    Ok((LineBlock { rows }, row + 1))
}

/// Where a table's section totals are, for references from other sheets.
#[derive(Clone)]
struct SectionRows {
    /// `'Sheet'!` prefix.
    sheet: String,
    benefits: u32,
    operating: u32,
    investments: u32,
    total_costs: u32,
}

impl SectionRows {
    fn cell(&self, row: u32, col: u16) -> String {
        format!("{}!{}", self.sheet, at(row, col))
    }
}

/// Annex 1 as formulas: per year, `benefits(col)`, `operating(col)` and `investments(col)` give
/// the section amounts as formula expressions; the rest follows.
// The workbook's context (sheet, styles, labels, horizon) travels as plain arguments.
#[allow(clippy::too_many_arguments)]
fn annex(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    n: usize,
    t: &CaseStrings,
    x: &XlsxStrings,
    sheet: &str,
    sections: [&dyn Fn(u16) -> String; 3],
) -> Result<(SectionRows, u32), XlsxError> {
    let last_col = YEAR_COL + n as u16 - 1;
    let total_col = YEAR_COL + n as u16;
    let benefits = row;
    let operating = row + 1;
    let investments = row + 2;
    let total_costs = row + 3;
    let cash_flow = row + 4;
    let cum_benefits = row + 5;
    let cum_costs = row + 6;
    let cum_cash = row + 7;
    let positive = row + 8;
    let return_year = row + 9;
    let names = [
        (benefits, t.benefits),
        (operating, t.operating_costs),
        (investments, t.investments),
        (total_costs, t.total_costs),
        (cash_flow, t.cash_flow),
        (cum_benefits, t.cumulative_benefits),
        (cum_costs, t.cumulative_costs),
        (cum_cash, t.cumulative_cash_flow),
        (positive, x.positive_year),
        (return_year, t.return_year),
    ];
    for (r, name) in names {
        let bold = r == cash_flow || r == cum_cash || r == return_year;
        if bold {
            ws.write_string_with_format(r, 0, name, &st.bold)?;
        } else {
            ws.write_string(r, 0, name)?;
        }
    }
    for y in 0..n {
        let c = YEAR_COL + y as u16;
        // Sums of cents stay cents: rounding keeps floating-point noise out of the "> 0" test.
        let f = |s: String| Formula::new(format!("=ROUND({s},2)"));
        for (r, which) in [(benefits, 0), (operating, 1), (investments, 2)] {
            ws.write_formula_with_format(r, c, f(sections[which](c)), &st.money)?;
        }
        let tc = format!("{}+{}", at(operating, c), at(investments, c));
        ws.write_formula_with_format(total_costs, c, f(tc), &st.money)?;
        let cf = format!("{}-{}", at(benefits, c), at(total_costs, c));
        ws.write_formula_with_format(cash_flow, c, f(cf), &st.money_bold)?;
        for (cum, of, style) in [
            (cum_benefits, benefits, &st.money),
            (cum_costs, total_costs, &st.money),
            (cum_cash, cash_flow, &st.money_bold),
        ] {
            let expr = if y == 0 {
                at(of, c)
            } else {
                format!("{}+{}", at(cum, c - 1), at(of, c))
            };
            ws.write_formula_with_format(cum, c, f(expr), style)?;
        }
    }
    for r in [benefits, operating, investments, total_costs, cash_flow] {
        let sum = format!("=SUM({}:{})", at(r, YEAR_COL), at(r, last_col));
        let style = if r == cash_flow {
            &st.money_bold
        } else {
            &st.money
        };
        ws.write_formula_with_format(r, total_col, Formula::new(sum), style)?;
    }
    return_year_rows(ws, st, [cum_cash, positive, return_year], n, t.not_within)?;
    let sections = SectionRows {
        sheet: sheet.to_string(),
        benefits,
        operating,
        investments,
        total_costs,
    };
    Ok((sections, return_year + 2))
}

fn baseline_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    v: &BusinessCaseView<'_>,
    baseline: Option<&YearlyTable>,
    n: usize,
) -> Result<Option<SectionRows>, XlsxError> {
    let t = labels(v.lang);
    let x = xlsx_strings(v.lang);
    let tco = tui_bc(v.lang).tco;
    ws.write_string_with_format(
        0,
        0,
        format!("{} — {}", t.title, v.profile.title),
        &st.title,
    )?;
    ws.write_string_with_format(1, 0, x.how_to_read, &st.note)?;
    let mut row = 3;
    for m in &v.setup.municipalities {
        let me = &m.measurement;
        let heading = format!("{} — {}", t.nulmeting, me.municipality);
        ws.write_string_with_format(row, 0, heading, &st.heading)?;
        row += 1;
        ws.write_string_with_format(row, 0, x.category, &st.header)?;
        ws.write_string_with_format(row, 1, "", &st.header)?;
        ws.write_string_with_format(row, YEAR_COL, "EUR", &st.header_right)?;
        row += 1;
        let first = row;
        for (i, c) in crate::core::business_case::TcoCategory::ALL
            .iter()
            .enumerate()
        {
            ws.write_string(row, 0, tco[i])?;
            ws.write_number_with_format(row, YEAR_COL, money(me.tco.get(*c)), &st.money_input)?;
            row += 1;
        }
        let visible = row;
        ws.write_string_with_format(visible, 0, capitalised(t.visible), &st.bold)?;
        let f = format!("=SUM({}:{})", at(first, YEAR_COL), at(row - 1, YEAR_COL));
        ws.write_formula_with_format(visible, YEAR_COL, Formula::new(f), &st.money_bold)?;
        row += 1;
        let first_implicit = row;
        for i in &me.implicit {
            ws.write_string(row, 0, &i.label)?;
            ws.write_number_with_format(row, YEAR_COL, money(i.amount), &st.money_input)?;
            row += 1;
        }
        let implicit = row;
        ws.write_string_with_format(implicit, 0, capitalised(t.implicit), &st.bold)?;
        let f = if implicit > first_implicit {
            format!(
                "=SUM({}:{})",
                at(first_implicit, YEAR_COL),
                at(implicit - 1, YEAR_COL)
            )
        } else {
            "=0".into()
        };
        ws.write_formula_with_format(implicit, YEAR_COL, Formula::new(f), &st.money_bold)?;
        let total = implicit + 1;
        ws.write_string_with_format(total, 0, capitalised(t.total), &st.bold)?;
        let f = format!("={}+{}", at(visible, YEAR_COL), at(implicit, YEAR_COL));
        ws.write_formula_with_format(total, YEAR_COL, Formula::new(f), &st.money_bold)?;
        let shock = total + 1;
        ws.write_string(shock, 0, x.shock)?;
        let f = format!(
            "=IF({v}=0,\"\",{i}/{v})",
            v = at(visible, YEAR_COL),
            i = at(implicit, YEAR_COL)
        );
        ws.write_formula_with_format(shock, YEAR_COL, Formula::new(f), &st.percent)?;
        row = shock + 2;
    }
    let Some(table) = baseline else {
        return Ok(None);
    };
    let (block, next) = write_lines(ws, st, row, x.baseline_lines, table, n, t, x)?;
    row = next;
    header_row(ws, st, row, x.baseline_table, "", n, t, Some(x.total))?;
    row += 1;
    let b = |c: u16| block.section_sum(t.benefits, c);
    let o = |c: u16| block.section_sum(t.operating_costs, c);
    let i = |c: u16| block.section_sum(t.investments, c);
    let name = sheet_ref(x.sheet_baseline);
    let (rows, _) = annex(ws, st, row, n, t, x, &name, [&b, &o, &i])?;
    Ok(Some(rows))
}

fn scenario_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    v: &BusinessCaseView<'_>,
    s: &ScenarioView<'_>,
    live: Option<(&YearlyTable, &SectionRows)>,
    n: usize,
) -> Result<(), XlsxError> {
    let t = labels(v.lang);
    let x = xlsx_strings(v.lang);
    let title = format!("{}: {}", t.scenario, s.setup.label);
    ws.write_string_with_format(0, 0, title, &st.title)?;
    ws.write_string(1, 0, x.candidate)?;
    ws.write_string(1, 1, v.catalogue.candidate_name(s.setup.candidate, v.lang))?;
    ws.write_string(2, 0, x.kind)?;
    ws.write_string(2, 1, kind_name(s.setup.kind, t))?;
    ws.write_string(3, 0, x.stakeholder)?;
    ws.write_string(3, 1, s.stakeholder)?;
    ws.write_string_with_format(4, 0, x.how_to_read, &st.note)?;

    // The risk bands: low, expected, high per quantity.
    let mut row = 6;
    ws.write_string_with_format(row, 0, x.bands_input, &st.heading)?;
    row += 1;
    ws.write_string_with_format(row, 0, "", &st.header)?;
    ws.write_string_with_format(row, 1, "", &st.header)?;
    for (k, h) in [x.low, t.expected, x.high].iter().enumerate() {
        ws.write_string_with_format(row, YEAR_COL + k as u16, *h, &st.header_right)?;
    }
    row += 1;
    let risk = &s.setup.risk;
    let (factor, months) = if live.is_some() {
        (&st.factor_input, &st.months_input)
    } else {
        (&st.factor, &st.months)
    };
    let cost_row = row;
    let benefit_row = row + 1;
    let delay_row = row + 2;
    ws.write_string(cost_row, 0, x.cost_multiplier)?;
    ws.write_string(benefit_row, 0, x.benefit_multiplier)?;
    ws.write_string(delay_row, 0, x.delay_months)?;
    for (k, (c, b, d)) in [
        (
            risk.cost_multiplier.low,
            risk.benefit_multiplier.low,
            risk.delay_months.low,
        ),
        (
            risk.cost_multiplier.expected,
            risk.benefit_multiplier.expected,
            risk.delay_months.expected,
        ),
        (
            risk.cost_multiplier.high,
            risk.benefit_multiplier.high,
            risk.delay_months.high,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let col = YEAR_COL + k as u16;
        ws.write_number_with_format(cost_row, col, money(c), factor)?;
        ws.write_number_with_format(benefit_row, col, money(b), factor)?;
        ws.write_number_with_format(delay_row, col, f64::from(d), months)?;
    }
    row = delay_row + 2;

    // The lines: gross with the baseline sheet subtracted, or the difference itself.
    let lines_table = live.map_or(s.estimate, |(gross, _)| gross);
    let heading = if live.is_some() {
        x.scenario_lines
    } else {
        x.difference_lines
    };
    let (block, next) = write_lines(ws, st, row, heading, lines_table, n, t, x)?;
    row = next;
    ws.write_string_with_format(row, 0, t.difference, &st.heading)?;
    row += 1;
    header_row(ws, st, row, "", "", n, t, Some(x.total))?;
    row += 1;
    let base = live.map(|(_, refs)| refs.clone());
    let minus = |r: fn(&SectionRows) -> u32, c: u16| {
        base.as_ref()
            .map_or(String::new(), |b| format!("-{}", b.cell(r(b), c)))
    };
    let b = |c: u16| {
        format!(
            "{}{}",
            block.section_sum(t.benefits, c),
            minus(|b| b.benefits, c)
        )
    };
    let fixed_op = fixed_section(Section::OperatingCosts, t, v.lang);
    let o = |c: u16| {
        let s = block.section_sum(t.operating_costs, c);
        let f = block.section_sum(&fixed_op, c);
        format!("{s}+{f}{}", minus(|b| b.operating, c))
    };
    let i = |c: u16| {
        let s = block.section_sum(t.investments, c);
        format!("{s}{}", minus(|b| b.investments, c))
    };
    let (_, next) = annex(ws, st, row, n, t, x, "", [&b, &o, &i])?;
    row = next;
    ws.write_string(row, 0, t.residual)?;
    ws.write_number_with_format(
        row,
        YEAR_COL + n as u16 - 1,
        money(s.estimate.residual_book_value),
        &st.money,
    )?;
    row += 2;

    // The bands.
    ws.write_string_with_format(row, 0, x.band_table, &st.heading)?;
    row += 1;
    if live.is_none() {
        ws.write_string_with_format(row, 0, x.band_by_tool, &st.note)?;
        row += 1;
    }
    for band in Band::ALL {
        let name = format!("{}: {}", x.band, band_name(band, t));
        header_row(ws, st, row, &name, "", n, t, None)?;
        row += 1;
        row = match &base {
            Some(refs) => live_band(
                ws,
                st,
                row,
                n,
                t,
                x,
                band,
                &block,
                refs,
                [cost_row, benefit_row, delay_row],
            )?,
            None => {
                let outcome = s.bands.iter().find(|o| o.band == band);
                tool_band(ws, st, row, n, t, outcome)?
            }
        };
    }
    Ok(())
}

/// Which factor column a band takes for costs, benefits and delay (low, expected, high).
fn band_columns(band: Band) -> [u16; 3] {
    let (low, exp, high) = (YEAR_COL, YEAR_COL + 1, YEAR_COL + 2);
    match band {
        Band::Favourable => [low, high, low],
        Band::Expected => [exp, exp, exp],
        Band::Unfavourable => [high, low, high],
    }
}

/// One band as formulas over the gross lines, the factor cells and the baseline sheet.
#[allow(clippy::too_many_arguments)]
fn live_band(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    n: usize,
    t: &CaseStrings,
    x: &XlsxStrings,
    band: Band,
    block: &LineBlock,
    base: &SectionRows,
    [cost_row, benefit_row, delay_row]: [u32; 3],
) -> Result<u32, XlsxError> {
    let [cc, bc, dc] = band_columns(band);
    let cm = abs(cost_row, cc);
    let bm = abs(benefit_row, bc);
    let delay = abs(delay_row, dc);
    let scaled = row;
    let scaled_cum = row + 1;
    let shifted = row + 2;
    let benefits = row + 3;
    let costs = row + 4;
    let cash = row + 5;
    let cum = row + 6;
    let positive = row + 7;
    let ret = row + 8;
    for (r, name) in [
        (scaled, x.scaled_benefits),
        (scaled_cum, x.scaled_cumulative),
        (shifted, x.shifted_cumulative),
        (benefits, t.benefits),
        (costs, t.total_costs),
        (cash, t.cash_flow),
        (cum, t.cumulative_cash_flow),
        (positive, x.positive_year),
        (ret, t.return_year),
    ] {
        ws.write_string(r, 0, name)?;
    }
    let last_col = YEAR_COL + n as u16 - 1;
    let cum_range = format!(
        "{}:{}",
        abs(scaled_cum, YEAR_COL),
        abs(scaled_cum, last_col)
    );
    for y in 0..n {
        let c = YEAR_COL + y as u16;
        let year = y + 1;
        // Sums of cents stay cents: rounding keeps floating-point noise out of the "> 0" test.
        let f = |s: String| Formula::new(format!("=ROUND({s},2)"));
        let gross_b = block.section_sum(t.benefits, c);
        ws.write_formula_with_format(scaled, c, f(format!("({gross_b})*{bm}")), &st.money)?;
        let prev = |r: u32| {
            if y == 0 {
                "0".to_string()
            } else {
                at(r, c - 1)
            }
        };
        let sc = format!("{}+{}", prev(scaled_cum), at(scaled, c));
        ws.write_formula_with_format(scaled_cum, c, f(sc), &st.money)?;
        // Year y receives (12 − r)/12 of year y − q and r/12 of year y − q − 1 (months =
        // 12q + r): the shifted running total is the scaled running total read q and q + 1
        // years back, rounded to cents.
        let q = format!("INT({delay}/12)");
        let r = format!("MOD({delay},12)");
        let back = |k: &str| format!("IF({year}-{q}-{k}>=1,INDEX({cum_range},1,{year}-{q}-{k}),0)");
        let sh = format!("({}*(12-{r})+{}*{r})/12", back("0"), back("1"));
        ws.write_formula_with_format(shifted, c, f(sh), &st.money)?;
        let bf = format!(
            "{}-{}-{}",
            at(shifted, c),
            prev(shifted),
            base.cell(base.benefits, c)
        );
        ws.write_formula_with_format(benefits, c, f(bf), &st.money)?;
        let op = block.section_sum(t.operating_costs, c);
        let fixed = block.section_sum(&fixed_section(Section::OperatingCosts, t, st.lang), c);
        let inv = block.section_sum(t.investments, c);
        let cf = format!(
            "ROUND(({op})*{cm},2)+ROUND({fixed},2)+ROUND(({inv})*{cm},2)-{}",
            base.cell(base.total_costs, c)
        );
        ws.write_formula_with_format(costs, c, f(cf), &st.money)?;
        let cash_f = format!("{}-{}", at(benefits, c), at(costs, c));
        ws.write_formula_with_format(cash, c, f(cash_f), &st.money_bold)?;
        let cum_f = if y == 0 {
            at(cash, c)
        } else {
            format!("{}+{}", at(cum, c - 1), at(cash, c))
        };
        ws.write_formula_with_format(cum, c, f(cum_f), &st.money_bold)?;
    }
    return_year_rows(ws, st, [cum, positive, ret], n, t.not_within)?;
    Ok(ret + 2)
}

/// The return year of seed annex 1 as formulas: per year the year number where the cumulative
/// cash flow (row `cum`) is above zero (row `positive`), and in `ret` the first such year, or
/// `not_within` when there is none.
fn return_year_rows(
    ws: &mut Worksheet,
    st: &Styles,
    [cum, positive, ret]: [u32; 3],
    n: usize,
    not_within: &str,
) -> Result<(), XlsxError> {
    for y in 0..n {
        let c = YEAR_COL + y as u16;
        let pos = format!("=IF({}>0,{},\"\")", at(cum, c), y + 1);
        ws.write_formula_with_format(positive, c, Formula::new(pos), &st.year)?;
    }
    let last_col = YEAR_COL + n as u16 - 1;
    let range = format!("{}:{}", at(positive, YEAR_COL), at(positive, last_col));
    let ry = format!(
        "=IF(COUNT({range})=0,{},MIN({range}))",
        text_literal(not_within)
    );
    ws.write_formula_with_format(ret, YEAR_COL, Formula::new(ry), &st.year_bold)?;
    Ok(())
}

/// Reads one amount from a row of annex 1.
type RowValue = fn(&crate::core::business_case::YearRow) -> Decimal;

/// One band as the tool computed it (starter group).
fn tool_band(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    n: usize,
    t: &CaseStrings,
    outcome: Option<&BandOutcome>,
) -> Result<u32, XlsxError> {
    let Some(o) = outcome else {
        return Ok(row + 1);
    };
    let rows: [(&str, RowValue); 4] = [
        (t.benefits, |r| r.benefits),
        (t.total_costs, |r| r.total_costs),
        (t.cash_flow, |r| r.cash_flow),
        (t.cumulative_cash_flow, |r| r.cumulative_cash_flow),
    ];
    for (k, (name, get)) in rows.iter().enumerate() {
        let r = row + k as u32;
        ws.write_string(r, 0, *name)?;
        for (y, yr) in o.difference.rows.iter().enumerate().take(n) {
            ws.write_number_with_format(r, YEAR_COL + y as u16, money(get(yr)), &st.money)?;
        }
    }
    let ret = row + rows.len() as u32;
    ws.write_string(ret, 0, t.return_year)?;
    match o.return_year {
        Some(y) => ws.write_number_with_format(ret, YEAR_COL, f64::from(y), &st.year_bold)?,
        None => ws.write_string_with_format(ret, YEAR_COL, t.not_within, &st.year_bold)?,
    };
    Ok(ret + 2)
}

fn allocation_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    lang: Lang,
    scenarios: &[ScenarioView<'_>],
    n: usize,
) -> Result<(), XlsxError> {
    let t = labels(lang);
    let x = xlsx_strings(lang);
    let mut row = 0;
    let last_col = YEAR_COL + n as u16 - 1;
    let total_col = YEAR_COL + n as u16;
    for s in scenarios {
        let Some(g) = &s.group else { continue };
        let title = format!("{} — {}: {}", t.allocation, t.scenario, s.setup.label);
        ws.write_string_with_format(row, 0, title, &st.title)?;
        row += 2;
        header_row(ws, st, row, t.provider_costs, "", n, t, Some(x.total))?;
        row += 1;
        let provider = row;
        ws.write_string(provider, 0, x.provider_total)?;
        ws.write_string(provider + 1, 0, x.list_total)?;
        ws.write_string(provider + 2, 0, t.coverage)?;
        for (y, a) in g.case.allocations.iter().enumerate().take(n) {
            let c = YEAR_COL + y as u16;
            ws.write_number_with_format(provider, c, money(a.total), &st.money)?;
            ws.write_number_with_format(provider + 1, c, money(a.list_total), &st.money)?;
            let f = format!("={}-{}", at(provider, c), at(provider + 1, c));
            ws.write_formula_with_format(provider + 2, c, Formula::new(f), &st.money)?;
        }
        for r in provider..provider + 3 {
            let f = format!("=SUM({}:{})", at(r, YEAR_COL), at(r, last_col));
            ws.write_formula_with_format(r, total_col, Formula::new(f), &st.money_bold)?;
        }
        row = provider + 4;
        // Participants: usage, bill per year, their own outcome.
        header_row(ws, st, row, t.participant, t.usage, n, t, Some(x.total))?;
        ws.write_string_with_format(row, 1, t.usage, &st.header_right)?;
        let balance = capitalised(t.end_balance);
        ws.write_string_with_format(row, total_col + 1, balance, &st.header_right)?;
        ws.write_string_with_format(row, total_col + 2, t.return_year, &st.header)?;
        ws.write_string_with_format(row, total_col + 3, t.loses, &st.header)?;
        ws.set_column_width(total_col + 1, 20)?;
        ws.set_column_width(total_col + 2, 22)?;
        ws.set_column_width(total_col + 3, 30)?;
        row += 1;
        let first = row;
        for (o, p) in g.case.participants.iter().zip(&g.plan.participants) {
            ws.write_string(row, 0, &p.name)?;
            let usage = p.usage(&g.plan.rule.key);
            ws.write_number_with_format(row, 1, money(usage), &st.score)?;
            for (y, b) in o.bills.iter().enumerate().take(n) {
                ws.write_number_with_format(row, YEAR_COL + y as u16, money(*b), &st.money)?;
            }
            let f = format!("=SUM({}:{})", at(row, YEAR_COL), at(row, last_col));
            ws.write_formula_with_format(row, total_col, Formula::new(f), &st.money_bold)?;
            let balance = o.comparison.difference.final_cumulative_cash_flow();
            ws.write_number_with_format(row, total_col + 1, money(balance), &st.money)?;
            match o.comparison.difference.return_year {
                Some(y) => {
                    ws.write_number_with_format(row, total_col + 2, f64::from(y), &st.year_left)?
                }
                None => ws.write_string(row, total_col + 2, t.not_within)?,
            };
            let loses = if o.loses_while_group_wins {
                x.yes
            } else {
                x.no
            };
            ws.write_string(row, total_col + 3, loses)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, x.bills_total, &st.bold)?;
        for c in YEAR_COL..=total_col {
            let f = format!("=SUM({}:{})", at(first, c), at(row - 1, c));
            ws.write_formula_with_format(row, c, Formula::new(f), &st.money_bold)?;
        }
        row += 3;
    }
    Ok(())
}

fn ranking_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    catalogue: &crate::core::catalogue::Catalogue,
    title: &str,
    lang: Lang,
    e: &Evaluation,
) -> Result<(), XlsxError> {
    let x = xlsx_strings(lang);
    let ws_title = format!("{} — {title}", x.sheet_ranking);
    ws.write_string_with_format(0, 0, ws_title, &st.title)?;
    ws.write_string_with_format(1, 0, x.weights_note, &st.note)?;
    ws.set_column_width(0, 52)?;
    ws.set_column_width(1, 8)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let k = e.criteria.len() as u16;
    for c in 0..=k {
        ws.set_column_width(2 + c, 18)?;
    }
    let header = 3;
    ws.write_string_with_format(header, 0, x.candidate, &st.header)?;
    ws.write_string_with_format(header, 1, x.rank, &st.header_right)?;
    for (i, c) in e.criteria.iter().enumerate() {
        let name = c.name().get(lang).to_string();
        ws.write_string_with_format(header, 2 + i as u16, name, &st.header_right)?;
    }
    ws.write_string_with_format(header, 2 + k, x.weighted_total, &st.header_right)?;
    let weights = header + 1;
    ws.write_string_with_format(weights, 0, x.weight, &st.bold)?;
    for (i, c) in e.criteria.iter().enumerate() {
        let w = e.weights.get(c).copied().unwrap_or(0.0);
        ws.write_number_with_format(weights, 2 + i as u16, w, &st.factor_input)?;
    }
    let first = weights + 1;
    let last = first + e.ranking.len().max(1) as u32 - 1;
    let wrange = format!("{}:{}", abs(weights, 2), abs(weights, 1 + k));
    for (j, r) in e.ranking.iter().enumerate() {
        let row = first + j as u32;
        ws.write_string(row, 0, catalogue.candidate_name(r.key, lang))?;
        for (i, c) in e.criteria.iter().enumerate() {
            let s = r.score(*c).map_or(0.0, |s| s.score);
            ws.write_number_with_format(row, 2 + i as u16, s, &st.score)?;
        }
        let scores = format!("{}:{}", at(row, 2), at(row, 1 + k));
        let total = format!("=SUMPRODUCT({scores},{wrange})/SUM({wrange})");
        ws.write_formula_with_format(row, 2 + k, Formula::new(total), &st.score)?;
        let rank = format!(
            "=RANK({},{}:{})",
            at(row, 2 + k),
            abs(first, 2 + k),
            abs(last, 2 + k)
        );
        ws.write_formula(row, 1, Formula::new(rank))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_and_references() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(at(0, 2), "C1");
        assert_eq!(abs(9, 3), "$D$10");
        assert_eq!(
            sheet_ref("Rangorde en gewichten"),
            "'Rangorde en gewichten'"
        );
        assert_eq!(text_literal("a \"b\""), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn cached_formula_results_are_removed_and_nothing_else() {
        let xml = r#"<c r="A1"><v>5</v></c><c r="B1"><f>A1+1</f><v>0</v></c><c r="C1" t="str"><f>"x"</f><v></v></c>"#;
        assert_eq!(
            strip_formula_values(xml),
            r#"<c r="A1"><v>5</v></c><c r="B1"><f>A1+1</f></c><c r="C1" t="str"><f>"x"</f></c>"#
        );
    }

    #[test]
    fn section_sums_anchor_their_rows() {
        let b = LineBlock {
            rows: Some((10, 14)),
        };
        assert_eq!(
            b.section_sum("Baten", 3),
            "SUMIF($B$11:$B$15,\"Baten\",D$11:D$15)"
        );
        assert_eq!(LineBlock { rows: None }.section_sum("Baten", 3), "0");
    }
}
