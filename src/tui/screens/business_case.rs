//! Screen 8, business case (seed 003): per scenario the cumulative cash flow over the years for
//! the favourable, expected and unfavourable band with the return year marked, the yearly
//! table of Bijlage 1 (expected band), the inputs editable in place (horizon, risk bands, the
//! scenario's amounts) and, for a starter group, the allocation per participant with the
//! participants that lose while the group wins flagged. Every number comes from
//! `BusinessCaseSetup::evaluate`, recomputed after each edit; this file only lays out, parses
//! what is typed and hands it to the core.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::core::business_case::{
    Band, BandOutcome, BenefitValue, BusinessCaseSetup, Horizon, LevelChange, MeasuredLine,
    Scenario, ScenarioOutcome, ScenarioPlan, ScenarioResult,
};
use crate::core::text::Lang;
use crate::report::business_case::{band_name, euros, row_fields};
use crate::tui::action::{Action, Effect};
use crate::tui::state::{BcField, InputPurpose, Popup, State};
use crate::tui::widgets::{panel, row_style};

use super::situation::fit;

/// The chart's width below which the inputs do not grow: the money axis and seven years with
/// room between their labels.
const CHART_MIN_WIDTH: u16 = 48;

/// The parts of the screen, shared by drawing and mouse hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    header: Rect,
    chart: Rect,
    inputs: Rect,
    table: Rect,
    alloc: Rect,
    /// How many rows of the yearly table fit (8, 4 or 2).
    table_rows: usize,
}

fn setup(state: &State) -> Option<&BusinessCaseSetup> {
    state.profile.business_case.as_ref()
}

/// The lines of the scenario in focus that the room edits: the municipality's own lines, or
/// for a starter group the provider's costs (what is allocated).
fn editable(setup: &BusinessCaseSetup, i: usize) -> Option<&Scenario> {
    match &setup.scenarios.get(i)?.plan {
        ScenarioPlan::Single(l) => Some(&l.scenario),
        ScenarioPlan::Group(g) => Some(&g.provider),
    }
}

fn editable_mut(setup: &mut BusinessCaseSetup, i: usize) -> Option<&mut Scenario> {
    match &mut setup.scenarios.get_mut(i)?.plan {
        ScenarioPlan::Single(l) => Some(&mut l.scenario),
        ScenarioPlan::Group(g) => Some(&mut g.provider),
    }
}

fn levels(setup: &BusinessCaseSetup, i: usize) -> Option<&LevelChange> {
    match &setup.scenarios.get(i)?.plan {
        ScenarioPlan::Single(l) => l.levels.as_ref(),
        ScenarioPlan::Group(_) => None,
    }
}

/// The editable inputs of the scenario in focus, in the order they are listed.
pub fn fields(state: &State) -> Vec<BcField> {
    let Some(setup) = setup(state) else {
        return vec![];
    };
    let i = state.cursor.bc_scenario;
    let mut out = vec![
        BcField::Horizon,
        BcField::CostBand,
        BcField::BenefitBand,
        BcField::DelayBand,
    ];
    if let Some(s) = editable(setup, i) {
        out.extend((0..s.one_off.len()).map(BcField::OneOff));
        out.extend((0..s.investments.len()).map(BcField::Investment));
        out.extend((0..s.operating.len()).map(BcField::Operating));
        out.extend((0..s.benefits.len()).map(BcField::Benefit));
    }
    if let Some(l) = levels(setup, i) {
        out.extend((0..l.levels.len()).map(BcField::Level));
    }
    out
}

/// The result of the scenario in focus.
fn result(state: &State) -> Option<&ScenarioResult> {
    match &state.business_case {
        Some(Ok(r)) => r
            .scenarios
            .iter()
            .find(|s| s.index == state.cursor.bc_scenario),
        _ => None,
    }
}

/// The three bands of a scenario's result: its own, or the group's consolidated ones.
fn bands(r: &ScenarioResult) -> &[BandOutcome] {
    match &r.outcome {
        ScenarioOutcome::Single(c) => &c.bands,
        ScenarioOutcome::Group(g) => &g.consolidated_bands,
    }
}

fn band(r: &ScenarioResult, b: Band) -> Option<&BandOutcome> {
    bands(r).iter().find(|o| o.band == b)
}

fn participants(state: &State) -> usize {
    match result(state).map(|r| &r.outcome) {
        Some(ScenarioOutcome::Group(g)) => g.participants.len(),
        _ => 0,
    }
}

fn parts(state: &State, body: Rect) -> Parts {
    let h = body.height as usize;
    let n = participants(state);
    let alloc_h = if n > 0 { n + 3 } else { 0 };
    // The yearly table: all eight rows of Bijlage 1 when there is room, else the rows that
    // matter most; a starter group on a short screen keeps the chart and the allocation.
    let table_rows = if h.saturating_sub(1 + alloc_h) >= 26 {
        8
    } else if h.saturating_sub(1 + alloc_h) >= 16 {
        4
    } else if n == 0 || h >= 24 {
        2
    } else {
        0
    };
    let [header, top, table, alloc] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(if table_rows == 0 {
            0
        } else {
            table_rows as u16 + 3
        }),
        Constraint::Length(alloc_h as u16),
    ])
    .areas(body);
    // The inputs as wide as their longest label and value need (labels are not cut where
    // there is room): at most half the screen, or on a wider screen all but what the chart
    // needs to show seven years legibly; the chart takes the rest.
    let natural = fields(state)
        .iter()
        .map(|&f| label(state, f).chars().count() + value(state, f, false).chars().count() + 7)
        .max()
        .unwrap_or(36) as u16;
    let room = (body.width / 2).max(body.width.saturating_sub(CHART_MIN_WIDTH).min(72));
    let input_w = natural.clamp(36, 96).min(room);
    let [chart, _, inputs] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(input_w),
    ])
    .areas(top);
    Parts {
        header,
        chart,
        inputs,
        table,
        alloc,
        table_rows,
    }
}

/// Whole euros in the room's style ("12.500" / "12,500").
fn money(d: Decimal, lang: Lang) -> String {
    euros(d, lang)
}

/// Thousands of euros, rounded half away from zero ("-1.110" for -1,110,000).
fn thousands(d: Decimal, lang: Lang) -> String {
    euros(d / Decimal::ONE_THOUSAND, lang)
}

/// A factor or count in the room's style: "0,95" (nl), "0.95" (en).
fn factor(d: Decimal, lang: Lang) -> String {
    crate::report::number::factor(d, lang)
}

/// An axis label in euros (the axis is titled EUR): "-1,2 mln" / "-1.2 m" from a million
/// on, else rounded to thousands: "-173.000" / "-173,000".
fn axis_money(x: f64, lang: Lang) -> String {
    if x.abs() >= 999_500.0 {
        let m = crate::report::number::decimal(x / 1_000_000.0, 1, lang);
        match lang {
            Lang::Nl => format!("{m} mln"),
            Lang::En => format!("{m} m"),
        }
    } else {
        let k = Decimal::from_f64_retain((x / 1000.0).round()).unwrap_or_default();
        euros(k * Decimal::ONE_THOUSAND, lang)
    }
}

/// Parses a number typed in the room's style ("12.500,50" or "0.9" in Dutch) with the one
/// reader of typed numbers, `report::number::parse_input`. `None` when it is not a number.
pub fn parse_decimal(text: &str, lang: Lang) -> Option<Decimal> {
    crate::report::number::parse_input(text, lang).ok()
}

/// Three values "low / expected / high" (separated by `/`, or by spaces).
fn parse_band(text: &str, lang: Lang) -> Option<[Decimal; 3]> {
    let parts: Vec<&str> = if text.contains('/') {
        text.split('/').collect()
    } else {
        text.split_whitespace().collect()
    };
    if parts.len() != 3 {
        return None;
    }
    let v: Vec<Decimal> = parts
        .iter()
        .map(|p| parse_decimal(p, lang))
        .collect::<Option<_>>()?;
    Some([v[0], v[1], v[2]])
}

fn band_text(low: Decimal, exp: Decimal, high: Decimal, lang: Lang) -> String {
    format!(
        "{} / {} / {}",
        factor(low, lang),
        factor(exp, lang),
        factor(high, lang)
    )
}

/// The label of an input row.
fn label(state: &State, f: BcField) -> String {
    let t = crate::i18n::tui_bc(state.lang);
    let Some(setup) = setup(state) else {
        return String::new();
    };
    let i = state.cursor.bc_scenario;
    let s = editable(setup, i);
    // A label the core writes (`saving: personnel`) in words; the profile's own as written.
    let line = |kind: &str, name: Option<&str>| match name {
        Some(n) => format!(
            "{kind}: {}",
            crate::report::label::line_label(n, state.lang)
        ),
        None => kind.to_string(),
    };
    match f {
        BcField::Horizon => t.horizon.into(),
        BcField::CostBand => t.cost_band.into(),
        BcField::BenefitBand => t.benefit_band.into(),
        BcField::DelayBand => t.delay_band.into(),
        BcField::OneOff(k) => line(
            t.one_off,
            s.and_then(|s| s.one_off.get(k)).map(|x| x.label.as_str()),
        ),
        BcField::Investment(k) => line(
            t.investment,
            s.and_then(|s| s.investments.get(k))
                .map(|x| x.label.as_str()),
        ),
        BcField::Operating(k) => line(
            t.operating,
            s.and_then(|s| s.operating.get(k)).map(|x| x.label.as_str()),
        ),
        BcField::Benefit(k) => line(
            t.benefit,
            s.and_then(|s| s.benefits.get(k)).map(|x| x.label.as_str()),
        ),
        BcField::Level(k) => {
            let name = levels(setup, i)
                .and_then(|l| l.levels.get(k))
                .map(|(m, _)| match m {
                    MeasuredLine::Tco(c) => crate::report::label::tco_name(*c, state.lang),
                    MeasuredLine::Implicit => t.implicit,
                });
            line(t.level, name)
        }
    }
}

/// The value of an input row as shown, and as the edit prompt starts with.
fn value(state: &State, f: BcField, for_edit: bool) -> String {
    let t = crate::i18n::tui_bc(state.lang);
    let lang = state.lang;
    let Some(setup) = setup(state) else {
        return String::new();
    };
    let i = state.cursor.bc_scenario;
    let amount = |d: Decimal| {
        if for_edit {
            factor(d, lang)
        } else {
            money(d, lang)
        }
    };
    let risk = setup.scenarios.get(i).map(|s| s.risk);
    let s = editable(setup, i);
    match f {
        BcField::Horizon => {
            let y = setup.horizon.years().to_string();
            if for_edit {
                y
            } else {
                format!("{y} {}", t.years_unit)
            }
        }
        BcField::CostBand => risk.map_or_else(String::new, |r| {
            let b = r.cost_multiplier;
            band_text(b.low, b.expected, b.high, lang)
        }),
        BcField::BenefitBand => risk.map_or_else(String::new, |r| {
            let b = r.benefit_multiplier;
            band_text(b.low, b.expected, b.high, lang)
        }),
        BcField::DelayBand => risk.map_or_else(String::new, |r| {
            let b = r.delay_months;
            format!("{} / {} / {}", b.low, b.expected, b.high)
        }),
        BcField::OneOff(k) => s
            .and_then(|s| s.one_off.get(k))
            .map_or_else(String::new, |x| amount(x.amount)),
        BcField::Investment(k) => s
            .and_then(|s| s.investments.get(k))
            .map_or_else(String::new, |x| amount(x.amount)),
        BcField::Operating(k) => s
            .and_then(|s| s.operating.get(k))
            .map_or_else(String::new, |x| amount(x.amount)),
        BcField::Benefit(k) => match s.and_then(|s| s.benefits.get(k)).map(|b| &b.value) {
            Some(BenefitValue::Efficiency { fte, .. }) => {
                if for_edit {
                    factor(*fte, lang)
                } else {
                    format!("{} {}", factor(*fte, lang), t.fte)
                }
            }
            Some(BenefitValue::DirectCash { amount: a }) => amount(*a),
            None => String::new(),
        },
        BcField::Level(k) => levels(setup, i)
            .and_then(|l| l.levels.get(k))
            .map_or_else(String::new, |(_, d)| amount(*d)),
    }
}

/// Applies a typed value to an input of the scenario in focus. The core validates and
/// recomputes; a value it refuses leaves the profile as it was. Returns the status text.
pub fn commit(state: &mut State, field: BcField, text: &str) -> Result<String, String> {
    let t = crate::i18n::tui_bc(state.lang);
    let lang = state.lang;
    let Some(mut setup) = state.profile.business_case.clone() else {
        return Err(t.cannot_compute.into());
    };
    let i = state.cursor.bc_scenario;
    let amount = || match parse_decimal(text, lang) {
        Some(d) if d >= Decimal::ZERO => Ok(d),
        _ => Err(t.invalid_amount.to_string()),
    };
    let band_values = || match parse_band(text, lang) {
        Some(v) if v.iter().all(|d| *d >= Decimal::ZERO) => Ok(v),
        _ => Err(t.invalid_band.to_string()),
    };
    let missing = || t.cannot_compute.to_string();
    match field {
        BcField::Horizon => {
            let years = crate::report::number::parse_count(text, lang)
                .ok()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| t.invalid_horizon.to_string())?;
            setup.horizon = Horizon::new(years).map_err(|_| t.invalid_horizon.to_string())?;
        }
        BcField::CostBand | BcField::BenefitBand | BcField::DelayBand => {
            let [low, expected, high] = band_values()?;
            let risk = &mut setup.scenarios.get_mut(i).ok_or_else(missing)?.risk;
            match field {
                BcField::CostBand => {
                    risk.cost_multiplier.low = low;
                    risk.cost_multiplier.expected = expected;
                    risk.cost_multiplier.high = high;
                }
                BcField::BenefitBand => {
                    risk.benefit_multiplier.low = low;
                    risk.benefit_multiplier.expected = expected;
                    risk.benefit_multiplier.high = high;
                }
                _ => {
                    let months = |d: Decimal| {
                        (d.fract().is_zero())
                            .then(|| d.to_u32())
                            .flatten()
                            .ok_or_else(|| t.invalid_band.to_string())
                    };
                    risk.delay_months.low = months(low)?;
                    risk.delay_months.expected = months(expected)?;
                    risk.delay_months.high = months(high)?;
                }
            }
            risk.validate("risk").map_err(|e| match e {
                crate::core::business_case::BusinessCaseError::FavourableCostBelowOne {
                    ..
                } => crate::i18n::grounds_strings(lang)
                    .tui_favourable_below_one
                    .to_string(),
                _ => t.bands_not_ordered.to_string(),
            })?;
        }
        BcField::Level(k) => {
            let a = amount()?;
            let ScenarioPlan::Single(l) = &mut setup.scenarios.get_mut(i).ok_or_else(missing)?.plan
            else {
                return Err(missing());
            };
            let slot = l
                .levels
                .as_mut()
                .and_then(|c| c.levels.get_mut(k))
                .ok_or_else(missing)?;
            slot.1 = a;
        }
        BcField::OneOff(k)
        | BcField::Investment(k)
        | BcField::Operating(k)
        | BcField::Benefit(k) => {
            let a = amount()?;
            let s = editable_mut(&mut setup, i).ok_or_else(missing)?;
            match field {
                BcField::OneOff(_) => s.one_off.get_mut(k).ok_or_else(missing)?.amount = a,
                BcField::Investment(_) => s.investments.get_mut(k).ok_or_else(missing)?.amount = a,
                BcField::Operating(_) => s.operating.get_mut(k).ok_or_else(missing)?.amount = a,
                _ => match &mut s.benefits.get_mut(k).ok_or_else(missing)?.value {
                    BenefitValue::Efficiency { fte, .. } => *fte = a,
                    BenefitValue::DirectCash { amount } => *amount = a,
                },
            }
        }
    }
    let evaluated = setup
        .evaluate(None, |_| true)
        .map_err(|e| format!("{}: {e}", t.rejected))?;
    let year = evaluated
        .scenarios
        .iter()
        .find(|r| r.index == i)
        .and_then(|r| band(r, Band::Expected))
        .map(|b| b.return_year);
    state.profile.business_case = Some(setup);
    state.business_case = Some(Ok(evaluated));
    Ok(format!(
        "{}: {}",
        t.recalculated,
        return_text(year.flatten(), t)
    ))
}

/// A return year in words: "jaar 4", or "niet binnen de looptijd".
fn return_text(y: Option<u32>, t: &crate::i18n::BcTuiStrings) -> String {
    let c = crate::i18n::case_strings(t.lang);
    y.map_or_else(
        || c.not_within.to_string(),
        |y| format!("{} {y}", t.year_word),
    )
}

/// Moving through the inputs, switching scenarios, editing in place.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let fs = fields(state);
    if let Action::Scroll(key) = action {
        state.cursor.bc_row = paged(state, fs.len(), key);
        return None;
    }
    if super::move_cursor(&mut state.cursor.bc_row, fs.len(), &action) {
        return None;
    }
    let n = setup(state).map_or(0, |s| s.scenarios.len());
    match action {
        Action::Left | Action::Right if n > 0 => {
            let cur = state.cursor.bc_scenario;
            state.cursor.bc_scenario = if action == Action::Right {
                (cur + 1) % n
            } else {
                (cur + n - 1) % n
            };
            let len = fields(state).len();
            state.cursor.bc_row = state.cursor.bc_row.min(len.saturating_sub(1));
        }
        Action::Select => {
            let f = *fs.get(state.cursor.bc_row)?;
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::BusinessCase(f),
                buffer: value(state, f, true),
            });
        }
        Action::Increase | Action::Decrease
            if fs.get(state.cursor.bc_row) == Some(&BcField::Horizon) =>
        {
            let y = setup(state)?.horizon.years();
            let next = if action == Action::Increase {
                y + 1
            } else {
                y.saturating_sub(1)
            };
            let text = next.to_string();
            let st = match commit(state, BcField::Horizon, &text) {
                Ok(text) => crate::tui::state::Status::new(false, |_| text.clone()),
                Err(text) => crate::tui::state::Status::new(true, |_| text.clone()),
            };
            state.status = Some(st);
        }
        _ => {}
    }
    None
}

/// The input row a scroll key moves the cursor to: a page is the rows the inputs pane shows
/// less one (as `widgets::scroll` pages), Home and End the first and the last input.
fn paged(state: &State, len: usize, key: crate::tui::widgets::scroll::Scroll) -> usize {
    use crate::tui::widgets::scroll::Scroll;
    let last = len.saturating_sub(1);
    let cur = state.cursor.bc_row.min(last);
    let rows = crate::tui::layout::body_of(state).map_or(1, |b| {
        usize::from(parts(state, b).inputs.height.saturating_sub(2))
    });
    let page = rows.saturating_sub(1).max(1);
    match key {
        Scroll::PageUp => cur.saturating_sub(page),
        Scroll::PageDown => (cur + page).min(last),
        Scroll::Home => 0,
        Scroll::End => last,
        Scroll::LineUp => cur.saturating_sub(1),
        Scroll::LineDown => (cur + 1).min(last),
    }
}

/// A click on an input row.
pub fn hit(state: &State, body: Rect, column: u16, row: u16) -> Option<Action> {
    setup(state)?;
    let p = parts(state, body);
    let r = p.inputs;
    if column < r.x || column >= r.right() || row <= r.y || row + 1 >= r.bottom() {
        return None;
    }
    let (_, owner, first) = input_rows(state, r);
    owner
        .get(first + usize::from(row - r.y - 1))
        .map(|&i| Action::Pick(i))
}

/// The scenario in focus as the screen computes it, for the note's session annex: its label,
/// candidate, horizon, and per band the return year and final cumulative cash flow (`None`
/// without a business case or when it cannot be computed).
pub fn outcome(state: &State) -> Option<crate::report::note::session::BusinessCaseOutcome> {
    let setup = setup(state)?;
    let r = result(state)?;
    let s = setup.scenarios.get(r.index)?;
    Some(crate::report::note::session::BusinessCaseOutcome {
        scenario: s.label.clone(),
        number: r.index + 1,
        candidate: state.catalogue.candidate_name(s.candidate, state.lang),
        horizon: setup.horizon.years(),
        bands: bands(r)
            .iter()
            .map(|o| {
                (
                    o.band,
                    o.return_year,
                    o.difference.final_cumulative_cash_flow(),
                )
            })
            .collect(),
    })
}

/// The expected band's return year of the scenario in focus, with the scenario's label and
/// the candidate it costs out (`None` without a computed business case).
pub fn expected_return(
    state: &State,
) -> Option<(String, Option<u32>, crate::core::catalogue::CandidateKey)> {
    let setup = setup(state)?;
    let r = result(state)?;
    let s = setup.scenarios.get(r.index)?;
    Some((
        s.label.clone(),
        band(r, Band::Expected)?.return_year,
        s.candidate,
    ))
}

/// The return-year line's tail when the scenario in focus costs out another candidate than
/// the recommendation: "⚠ rekent SSC · IaaS · Gedeelde cloud door, niet het advies".
pub fn other_candidate_warning(
    state: &State,
    costed: crate::core::catalogue::CandidateKey,
    recommended: crate::core::catalogue::CandidateKey,
) -> Option<String> {
    (costed != recommended).then(|| {
        crate::i18n::fill(
            crate::i18n::decision(state.lang).return_year_other,
            &[(
                "candidate",
                &state.catalogue.candidate_name(costed, state.lang),
            )],
        )
    })
}

/// Draws the business case screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui_bc(state.lang);
    let th = &state.theme;
    let title = crate::i18n::tui(state.lang).screen_titles[state.screen.index()];
    let Some(setup) = setup(state) else {
        frame.render_widget(
            Paragraph::new(t.none)
                .wrap(Wrap { trim: true })
                .style(th.text())
                .block(panel(title, th, true)),
            area,
        );
        return;
    };
    if let Some(Err(msg)) = &state.business_case {
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(t.cannot_compute, th.bad())),
                Line::from(""),
                Line::from(msg.clone()),
            ])
            .wrap(Wrap { trim: true })
            .block(panel(title, th, true)),
            area,
        );
        return;
    }
    let p = parts(state, area);
    header(frame, p.header, state, setup);
    if let Some(r) = result(state) {
        chart(frame, p.chart, state, r);
        table(frame, p.table, p.table_rows, state, r);
        if let ScenarioOutcome::Group(_) = &r.outcome {
            allocation(frame, p.alloc, state, setup, r);
        }
    }
    inputs(frame, p.inputs, state);
}

fn header(frame: &mut Frame, area: Rect, state: &State, setup: &BusinessCaseSetup) {
    let t = crate::i18n::tui_bc(state.lang);
    let c = crate::i18n::case_strings(state.lang);
    let th = &state.theme;
    let i = state.cursor.bc_scenario;
    let Some(s) = setup.scenarios.get(i) else {
        return;
    };
    let lead = format!("◀ {} {}/{} ▶  ", c.scenario, i + 1, setup.scenarios.len());
    let cand = state.catalogue.candidate_name(s.candidate, state.lang);
    let name = format!("{} · {cand}", s.label);
    let width = area.width as usize;
    let mut status = coverage_status(state, setup, i, false);
    // The scenario's name before the reminder of the keys (the hint bar names ←/→ too): the
    // reminder only with more than one scenario and where the whole name still fits.
    let mut switch = format!("  ({})", t.switch);
    let len = |x: &str| x.chars().count();
    if setup.scenarios.len() < 2 || len(&lead) + len(&name) + len(&status) + len(&switch) > width {
        switch.clear();
    }
    let fixed = len(&lead) + len(&switch);
    // Keep room for at least the start of the scenario's name.
    if fixed + len(&status) + 16 > width {
        status = coverage_status(state, setup, i, true);
    }
    let room = width.saturating_sub(fixed + len(&status));
    // Where the whole does not fit, the scenario's own name (the candidate is in the chart's
    // coverage line and on Comparison).
    let text = if len(&name) <= room {
        name
    } else {
        fit(&s.label, room)
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(lead, th.heading()),
            Span::styled(text, th.text()),
            Span::styled(status, th.heading()),
            Span::styled(switch, th.dim()),
        ]),
        area,
    );
}

/// Whether the scenario in focus costs out what the ranking recommends (issue 11): " · ✓ …",
/// " · recommended: scenario n" or " · ⚠ … not costed out" (`short`: without the name of the
/// recommended candidate); empty without an evaluation.
fn coverage_status(state: &State, setup: &BusinessCaseSetup, i: usize, short: bool) -> String {
    use crate::core::business_case::{Coverage, coverage, leaders};
    let g = crate::i18n::grounds_strings(state.lang);
    // A group's business case answers to the group's ranking (as `business-case` does), not
    // to the member in focus; one municipality's is the evaluation already at hand.
    let lead = if state.profile.subject.is_group() {
        match &state.group_leaders {
            Some((p, l)) if *p == state.profile => l.clone(),
            _ => match crate::core::scoring::evaluate(&state.catalogue, &state.profile) {
                Ok(e) => leaders(&e.ranking),
                Err(_) => return String::new(),
            },
        }
    } else {
        match state.evaluation() {
            Ok(e) => leaders(&e.ranking),
            Err(_) => return String::new(),
        }
    };
    let text = match coverage(&lead, &setup.scenarios) {
        Coverage::Covered { scenarios, .. } if scenarios.contains(&i) => {
            g.tui_recommended.to_string()
        }
        Coverage::Covered { scenarios, .. } => crate::i18n::fill(
            g.tui_other_scenario,
            &[("n", &scenarios.first().map_or(0, |n| n + 1).to_string())],
        ),
        Coverage::NotCovered { .. } => match lead.first() {
            Some(_) if short => g.tui_not_covered_short.to_string(),
            Some(k) => crate::i18n::fill(
                g.tui_not_covered,
                &[("candidate", &state.catalogue.candidate_name(*k, state.lang))],
            ),
            None => return String::new(),
        },
    };
    format!(" · {text}")
}

/// Ranks a starter group's profile for the coverage line when the profile changed (called by
/// `update`, so drawing does not rank).
pub fn ensure_leaders(state: &mut State) {
    if state
        .group_leaders
        .as_ref()
        .is_some_and(|(p, _)| *p == state.profile)
    {
        return;
    }
    let lead = crate::core::scoring::evaluate(&state.catalogue, &state.profile)
        .map(|e| crate::core::business_case::leaders(&e.ranking))
        .unwrap_or_default();
    state.group_leaders = Some((state.profile.clone(), lead));
}

/// Bounds of the money axis on round numbers: the smallest step of 1, 2, 2.5, 4 or 5 times a
/// power of ten for which `lo` and `hi`, rounded out to whole steps, lie at most
/// `max_intervals` steps apart (at least 2); so each label reads as a round amount.
fn round_bounds(lo: f64, hi: f64, max_intervals: u32) -> (f64, f64, u32) {
    let span = (hi - lo).max(1000.0);
    let max = max_intervals.max(2);
    let mut magnitude = 10f64.powf((span / f64::from(max)).log10().floor());
    loop {
        for m in [1.0, 2.0, 2.5, 4.0, 5.0] {
            let step = m * magnitude;
            let low = (lo / step).floor() * step;
            let high = ((hi / step).ceil() * step).max(low + 2.0 * step);
            let k = ((high - low) / step).round() as u32;
            if k <= max {
                return (low, high, k);
            }
        }
        magnitude *= 10.0;
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// One band's line: its points (year, cumulative cash flow) and its return year.
type Series = (Band, Vec<(f64, f64)>, Option<u32>);

fn chart(frame: &mut Frame, area: Rect, state: &State, r: &ScenarioResult) {
    let t = crate::i18n::tui_bc(state.lang);
    let c = crate::i18n::case_strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let title = match r.outcome {
        ScenarioOutcome::Group(_) => t.group_chart,
        ScenarioOutcome::Single(_) => t.chart,
    };
    let block = panel(&format!("{title} (EUR)"), th, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let series: Vec<Series> = Band::ALL
        .iter()
        .filter_map(|&b| band(r, b))
        .map(|o| {
            let pts = o
                .difference
                .rows
                .iter()
                .map(|row| (row.year as f64, to_f64(row.cumulative_cash_flow)))
                .collect();
            (o.band, pts, o.return_year)
        })
        .collect();
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for (_, pts, _) in &series {
        for &(_, y) in pts {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    // Legend below the chart: each band's glyphs and its return year in words (never colour
    // alone), and the marker of the expected return year.
    let d = crate::i18n::decision(lang);
    let style_of = |b: Band| match b {
        Band::Favourable => th.good(),
        Band::Expected => th.heading(),
        Band::Unfavourable => th.bad(),
    };
    // A narrow chart keeps its rows for the graph: "> looptijd" for a return beyond the
    // horizon, and the return-year marker named inside the expected band's item.
    let narrow = inner.width < 60;
    let expected_year = series
        .iter()
        .find(|s| s.0 == Band::Expected)
        .and_then(|s| s.2);
    let mut items: Vec<[Span; 2]> = vec![];
    for (b, _, y) in &series {
        let year = y.map_or_else(
            || if narrow { t.beyond } else { c.not_within }.to_string(),
            |y| format!("{} {y}", t.year_word),
        );
        let mark = if narrow && *b == Band::Expected && y.is_some() {
            " ┊"
        } else {
            ""
        };
        let (point, join) = super::cash_chart::glyphs(*b);
        items.push([
            Span::styled(format!("{point}{join}{point} "), style_of(*b)),
            Span::styled(format!("{} {year}{mark}", band_name(*b, c)), th.text()),
        ]);
    }
    if expected_year.is_some() && !narrow {
        items.push([
            Span::styled("┊ ", th.text()),
            Span::styled(d.return_marker, th.text()),
        ]);
    }
    let mut legend: Vec<Line> = vec![];
    let mut line: Vec<Span> = vec![];
    let mut used = 0usize;
    for [mark, words] in items {
        let w = mark.content.chars().count() + words.content.chars().count();
        if used > 0 && used + 2 + w > inner.width as usize {
            legend.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.extend([mark, words]);
        used += w;
    }
    legend.push(Line::from(line));
    let legend_h = (legend.len() as u16).min(inner.height / 2);
    let [graph, _] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(legend_h)]).areas(inner);
    // Steps of at least two rows where the graph has them (the axis and its labels take 2).
    let plot_rows = u32::from(graph.height.saturating_sub(2));
    let (lo, hi, intervals) = round_bounds(lo, hi, (plot_rows.saturating_sub(1) / 2).clamp(2, 5));

    let step = (hi - lo) / f64::from(intervals);
    let lines: Vec<super::cash_chart::BandLine> = series
        .iter()
        .map(|(b, pts, y)| super::cash_chart::BandLine {
            band: *b,
            points: pts.iter().map(|p| p.1).collect(),
            return_year: *y,
        })
        .collect();
    let chart = super::cash_chart::CashChart {
        lines: &lines,
        lo,
        hi,
        intervals,
        y_labels: (0..=intervals)
            .map(|k| axis_money(lo + f64::from(k) * step, lang))
            .collect(),
        marker_year: expected_year,
        styles: super::cash_chart::ChartStyles {
            axis: th.dim(),
            label: th.dim(),
            marker: th.text(),
            favourable: style_of(Band::Favourable),
            expected: style_of(Band::Expected),
            unfavourable: style_of(Band::Unfavourable),
        },
    };
    frame.render_widget(&chart, graph);
    // The legend right under the year labels.
    let below = chart
        .geometry(graph)
        .map_or(graph.bottom(), |g| g.bottom(intervals) + 3);
    let leg = Rect {
        y: below.min(inner.bottom().saturating_sub(legend_h)),
        height: legend_h,
        ..inner
    };
    frame.render_widget(Paragraph::new(legend), leg);
}

fn table(frame: &mut Frame, area: Rect, rows: usize, state: &State, r: &ScenarioResult) {
    let t = crate::i18n::tui_bc(state.lang);
    let c = crate::i18n::case_strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let Some(expected) = band(r, Band::Expected) else {
        return;
    };
    let fields = row_fields(c);
    // The rows shown: all eight of Bijlage 1, or the ones that matter most when short.
    let pick: Vec<usize> = match rows {
        8 => (0..8).collect(),
        4 => vec![0, 3, 4, 7],
        _ => vec![4, 7],
    };
    let years = &expected.difference.rows;
    let cells: Vec<Vec<String>> = pick
        .iter()
        .map(|&k| {
            years
                .iter()
                .map(|y| thousands((fields[k].2)(y), lang))
                .collect()
        })
        .collect();
    let label_w = pick
        .iter()
        .map(|&k| fields[k].1.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let inner_w = area.width.saturating_sub(2);
    let val_w = cells
        .iter()
        .flatten()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(1) as u16;
    let long = |y: u32| format!("{} {y}", c.year);
    let head_w = long(years.len() as u32).chars().count() as u16;
    let fits = |w: u16| label_w + years.len() as u16 * (w + 1) <= inner_w;
    let (col_w, long_head) = if fits(val_w.max(head_w)) {
        (val_w.max(head_w), true)
    } else {
        (val_w.max(2), false)
    };
    let shown = ((inner_w.saturating_sub(label_w)) / (col_w + 1)) as usize;
    let shown = shown.min(years.len());
    let mut header = vec![Cell::from("")];
    header.extend(years.iter().take(shown).map(|y| {
        let h = if long_head {
            long(y.year)
        } else {
            y.year.to_string()
        };
        Cell::from(Line::from(h).right_aligned())
    }));
    let body = pick.iter().zip(&cells).map(|(&k, vals)| {
        let strong = matches!(fields[k].0, "cash_flow" | "cumulative_cash_flow");
        let st = if strong { th.heading() } else { th.text() };
        let mut row = vec![Cell::from(Span::styled(fields[k].1, st))];
        row.extend(
            vals.iter()
                .take(shown)
                .map(|v| Cell::from(Line::from(Span::styled(v.clone(), st)).right_aligned())),
        );
        Row::new(row)
    });
    let mut widths = vec![Constraint::Length(label_w)];
    widths.extend(std::iter::repeat_n(Constraint::Length(col_w), shown));
    let more = if shown < years.len() { " →" } else { "" };
    let title = format!("{} ({}){more}", t.table, t.thousands);
    frame.render_widget(
        Table::new(body, widths)
            .header(Row::new(header).style(th.dim()))
            .column_spacing(1)
            .block(panel(&title, th, false)),
        area,
    );
}

fn allocation(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    setup: &BusinessCaseSetup,
    r: &ScenarioResult,
) {
    let t = crate::i18n::tui_bc(state.lang);
    let c = crate::i18n::case_strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let (ScenarioOutcome::Group(g), Some(ScenarioPlan::Group(plan))) =
        (&r.outcome, setup.scenarios.get(r.index).map(|s| &s.plan))
    else {
        return;
    };
    let focus = state
        .profile
        .subject
        .members()
        .get(state.member)
        .map(|m| m.name.clone());
    let d = crate::i18n::decision(lang);
    let title = format!("{} ({})", d.allocation, t.thousands);
    let verdict = group_verdict(g.is_positive(), band(r, Band::Expected), lang);
    let verdict_style = match band(r, Band::Expected).map(|o| o.return_year) {
        Some(None) => th.bad(),
        _ => th.text(),
    };
    let name_w = plan
        .participants
        .iter()
        .map(|p| p.name.chars().count() + 2)
        .max()
        .unwrap_or(10)
        .max(c.participant.chars().count()) as u16;
    // On a narrow screen the short headings and "> looptijd" for a return beyond the horizon.
    let wide = area.width >= name_w + 15 + 11 + 23 + 12 + 8 + 4;
    let bill_head = if wide { t.bill_total } else { c.bill };
    let ret_of = |y: Option<u32>| match y {
        None if !wide => t.beyond.to_string(),
        y => return_text(y, t),
    };
    let num_w = |h: &str| h.chars().count().max(9) as u16;
    let ret_w = g
        .participants
        .iter()
        .map(|p| ret_of(p.comparison.difference.return_year).chars().count())
        .chain([c.return_year.chars().count()])
        .max()
        .unwrap_or(9) as u16;
    let header = Row::new(vec![
        Cell::from(c.participant),
        Cell::from(Line::from(bill_head).right_aligned()),
        Cell::from(Line::from(t.own_balance).right_aligned()),
        Cell::from(Line::from(c.return_year).right_aligned()),
        Cell::from(d.as_entered),
    ])
    .style(th.dim());
    let rows = g.participants.iter().enumerate().map(|(k, p)| {
        let name = plan
            .participants
            .get(k)
            .map_or(p.participant.as_str(), |x| x.name.as_str());
        let sel = focus.as_deref() == Some(name);
        let bill: Decimal = p.bills.iter().copied().sum();
        let balance = p.comparison.difference.final_cumulative_cash_flow();
        let flag = if p.loses_while_group_wins {
            Span::styled(t.loses, th.bad())
        } else if balance > Decimal::ZERO {
            Span::styled(t.wins, th.good())
        } else {
            Span::styled("–", th.dim())
        };
        let st = row_style(th, sel);
        Row::new(vec![
            Cell::from(Span::styled(
                format!("{}{name}", if sel { "▶ " } else { "  " }),
                st,
            )),
            Cell::from(Line::from(Span::styled(thousands(bill, lang), st)).right_aligned()),
            Cell::from(Line::from(Span::styled(thousands(balance, lang), st)).right_aligned()),
            Cell::from(
                Line::from(Span::styled(
                    ret_of(p.comparison.difference.return_year),
                    st,
                ))
                .right_aligned(),
            ),
            Cell::from(flag),
        ])
    });
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(name_w),
                Constraint::Length(num_w(bill_head)),
                Constraint::Length(num_w(t.own_balance)),
                Constraint::Length(ret_w),
                Constraint::Min(10),
            ],
        )
        .header(header)
        .column_spacing(2)
        .block(
            panel(&title, th, false)
                .title_bottom(Span::styled(format!(" {verdict} "), verdict_style)),
        ),
        area,
    );
}

/// The group's verdict in the allocation's title, naming each estimate: the allocation is
/// computed on the amounts as entered (no risk band), the chart on the bands; so "positive as
/// entered" is followed by the expected band's return year, or a warning when the expected
/// band does not pay back within the horizon.
pub fn group_verdict(
    positive_as_entered: bool,
    expected: Option<&BandOutcome>,
    lang: Lang,
) -> String {
    let d = crate::i18n::decision(lang);
    let c = crate::i18n::case_strings(lang);
    let entered = if positive_as_entered {
        d.group_positive_as_entered
    } else {
        d.group_negative_as_entered
    };
    match expected {
        Some(o) => match o.return_year {
            Some(y) => format!("{entered} · {} {y}", d.expected_returns_in),
            None => format!("{entered} · ⚠ {} {}", d.expected_band, c.not_within),
        },
        None => entered.to_string(),
    }
}

/// The inputs pane's lines: every input of the scenario in focus, one line each; the selected
/// one, when its label does not fit its line, over as many lines as its whole label needs
/// (continuations under the label's start, the value on the last). With the input each line
/// belongs to, and the first line shown: the selected input's lines are kept in view.
fn input_rows(state: &State, area: Rect) -> (Vec<Line<'static>>, Vec<usize>, usize) {
    let th = &state.theme;
    let inner_h = usize::from(area.height.saturating_sub(2)).max(1);
    let inner_w = usize::from(panel("", th, true).inner(area).width);
    let editing = match &state.popup {
        Some(Popup::Input {
            purpose: InputPurpose::BusinessCase(f),
            buffer,
        }) => Some((*f, buffer.as_str())),
        _ => None,
    };
    let mut lines: Vec<Line<'static>> = vec![];
    let mut owner: Vec<usize> = vec![];
    let mut selected = 0..0;
    for (k, f) in fields(state).into_iter().enumerate() {
        let sel = k == state.cursor.bc_row;
        let st = row_style(th, sel);
        let (val, val_st) = match editing {
            Some((ef, buf)) if ef == f && sel => (format!("{buf}▏"), th.selected()),
            _ => (value(state, f, false), st),
        };
        let val_w = val.chars().count();
        let label_w = inner_w.saturating_sub(val_w + 3);
        let whole = label(state, f);
        let start = lines.len();
        if sel && whole.chars().count() > label_w && label_w > 0 {
            // The whole label over several lines, wrapped to the label's column.
            let wrapped = crate::tui::widgets::text::wrap(&[Line::from(whole)], label_w);
            let n = wrapped.len();
            for (i, w) in wrapped.into_iter().enumerate() {
                let text = w.to_string();
                let mut spans = vec![
                    Span::styled(if i == 0 { "▶ " } else { "  " }, st),
                    Span::styled(format!("{text:<label_w$} "), st),
                ];
                if i + 1 == n {
                    spans.push(Span::styled(val.clone(), val_st));
                } else {
                    spans.push(Span::styled(" ".repeat(val_w), st));
                }
                lines.push(Line::from(spans));
                owner.push(k);
            }
        } else {
            let name = fit(&whole, label_w);
            lines.push(Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, st),
                Span::styled(format!("{name:<label_w$} "), st),
                Span::styled(val, val_st),
            ]));
            owner.push(k);
        }
        if sel {
            selected = start..lines.len();
        }
    }
    let first = selected.end.saturating_sub(inner_h).min(selected.start);
    (lines, owner, first)
}

/// The inputs pane: [`input_rows`] drawn by `widgets::scroll` from the first line shown, with a
/// scrollbar on the right edge when they do not all fit, and the scroll keys in the top edge
/// where they fit beside the title.
fn inputs(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui_bc(state.lang);
    let th = &state.theme;
    let n = fields(state).len();
    let (lines, _, first) = input_rows(state, area);
    let mut title = t.inputs.to_string();
    if lines.len() > usize::from(area.height.saturating_sub(2)) {
        title = format!("{title} {}/{n}", state.cursor.bc_row + 1);
    }
    let mut block = panel(&title, th, true);
    let keys = super::summary::SCROLL_KEYS.chars().count();
    if title.chars().count() + keys + 8 <= area.width as usize {
        block = super::summary::with_scroll_keys(block, &lines, area, th);
    }
    crate::tui::widgets::scroll::render(frame, area, block, &lines, first, th);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn numbers_parse_in_the_rooms_style() {
        assert_eq!(parse_decimal("12.500", Lang::Nl), Some(dec!(12500)));
        assert_eq!(parse_decimal("12.500,50", Lang::Nl), Some(dec!(12500.50)));
        assert_eq!(parse_decimal("0,95", Lang::Nl), Some(dec!(0.95)));
        assert_eq!(parse_decimal("0.9", Lang::Nl), Some(dec!(0.9)));
        assert_eq!(parse_decimal("12,500.5", Lang::En), Some(dec!(12500.5)));
        assert_eq!(parse_decimal("1,000,000", Lang::En), Some(dec!(1000000)));
        assert_eq!(parse_decimal("-3", Lang::Nl), Some(dec!(-3)));
        assert_eq!(parse_decimal("", Lang::Nl), None);
        assert_eq!(parse_decimal("1,2,3", Lang::Nl), None);
        assert_eq!(parse_decimal("abc", Lang::En), None);
    }

    #[test]
    fn bands_need_three_values() {
        assert_eq!(
            parse_band("0,9 / 1 / 1,2", Lang::Nl),
            Some([dec!(0.9), dec!(1), dec!(1.2)])
        );
        assert_eq!(
            parse_band("0 3 12", Lang::En),
            Some([dec!(0), dec!(3), dec!(12)])
        );
        assert_eq!(parse_band("1 / 2", Lang::Nl), None);
    }

    #[test]
    fn axis_labels_are_euros_in_the_rooms_style() {
        assert_eq!(axis_money(-1_234_567.0, Lang::Nl), "-1,2 mln");
        assert_eq!(axis_money(-1_234_567.0, Lang::En), "-1.2 m");
        assert_eq!(axis_money(-172_837.0, Lang::Nl), "-173.000");
        assert_eq!(axis_money(420_400.0, Lang::En), "420,000");
        assert_eq!(thousands(dec!(-1110000), Lang::Nl), "-1.110");
        assert_eq!(
            round_bounds(-1_400_000.0, 1_000_000.0, 3),
            (-2_000_000.0, 1_000_000.0, 3)
        );
        assert_eq!(
            round_bounds(-5_700_000.0, 2_300_000.0, 3),
            (-8_000_000.0, 4_000_000.0, 3)
        );
        assert_eq!(
            round_bounds(-5_700_000.0, 2_300_000.0, 5),
            (-6_000_000.0, 4_000_000.0, 5)
        );
        assert_eq!(round_bounds(0.0, 0.0, 2), (0.0, 200.0, 2));
    }
}
