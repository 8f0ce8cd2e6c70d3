//! Screen 6, weights: how the room arrives at its weights, and beside it the ranking the core
//! computes from them — it re-orders live as a weight changes. `t` switches the method: direct
//! points (one slider per criterion), swing weighting (order the swings, rate them relative to
//! the top one), rank-order centroid or rank-sum (a plain ranking), and AHP pairwise comparison
//! (one pair at a time on Saaty's 1–9 scale, with the consistency check beside it). Every
//! method ends in one normalised weight vector that replaces the municipality's weights, and
//! the session records how it was obtained.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::{CR_WARNING_THRESHOLD, DEFAULT_RANDOM_INDEX};
use crate::core::profile::Weights;
use crate::io::store::WeightRecord;
use crate::tui::action::{Action, Effect};
use crate::tui::mcda::{self as m, Elicitation, Method};
use crate::tui::state::{State, Status};
use crate::tui::widgets::mcda::{num, pct};
use crate::tui::widgets::slider::{self, Slider};
use crate::tui::widgets::text::{CandidateLabels, wrap};
use crate::tui::widgets::{bar, panel, row_style, scroll};

/// The largest raw weight a slider reaches.
pub const MAX: f64 = 100.0;
/// One `+`/`-` step.
pub const STEP: f64 = 5.0;
const LABEL_W: u16 = 24;

/// Lines above a method's content inside the left panel: the method tabs and a blank line.
const TABS_H: u16 = 2;

/// The left panel without the method tabs: where a method draws.
fn content(left: Rect) -> Rect {
    Rect {
        y: left.y + TABS_H,
        height: left.height.saturating_sub(TABS_H),
        ..left
    }
}

fn stacked(left: Rect) -> bool {
    slider::stacked(Rect::new(0, 0, left.width.saturating_sub(4), 2), LABEL_W)
}

/// Lines per slider: two when the bar stacks under the label, plus a blank line when room.
fn spacing(left: Rect) -> u16 {
    let n = Criterion::ALL.len() as u16;
    let lines = if stacked(left) { 2 } else { 1 };
    if left.height >= n * (lines + 1) + 2 {
        lines + 1
    } else {
        lines
    }
}

/// Where slider `i` is drawn inside the left panel `left`.
fn slider_rect(left: Rect, i: usize) -> Rect {
    let left = content(left);
    let sp = spacing(left);
    // The blank line under the tabs goes when all sliders would not fit otherwise (eight
    // criteria at 80×24 since issue 11 added sovereignty).
    let top = u16::from(left.height >= Criterion::ALL.len() as u16 * sp + 2);
    Rect::new(
        left.x + 2,
        left.y + top + i as u16 * sp,
        left.width.saturating_sub(4),
        if stacked(left) { 2 } else { 1 },
    )
}

fn halves(area: Rect) -> (Rect, Rect) {
    let lw = (area.width * 9 / 20).max(40).min(area.width);
    (
        Rect { width: lw, ..area },
        Rect {
            x: area.x + lw + 1,
            width: area.width.saturating_sub(lw + 1),
            ..area
        },
    )
}

/// Draws the weights screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let (left, right) = halves(area);
    frame.render_widget(panel(s.weights, th, true), left);
    let e = elicitation(state);
    method_tabs(frame, left, state, e.method);
    match e.method {
        Method::Direct => {
            sliders(frame, left, state);
            ranking(frame, right, state);
        }
        Method::Swing | Method::Roc | Method::RankSum => {
            order_list(frame, content(left), state, e);
            ranking(frame, right, state);
        }
        Method::Ahp => {
            ahp_pairs(frame, content(left), state, e);
            let (h, compact) = ahp_panel_height(state, e, right);
            let top = Rect { height: h, ..right };
            let rest = Rect {
                y: right.y + h,
                height: right.height.saturating_sub(h),
                ..right
            };
            ahp_result(frame, top, state, e, compact);
            ranking(frame, rest, state);
        }
    }
}

/// The elicitation of the municipality in focus.
fn elicitation(state: &State) -> &Elicitation {
    static FALLBACK: std::sync::OnceLock<Elicitation> = std::sync::OnceLock::new();
    state.elicit.get(state.member).unwrap_or_else(|| {
        FALLBACK.get_or_init(|| Elicitation::from_weights(&Weights::from_pairs(&[])))
    })
}

fn method_tabs(frame: &mut Frame, left: Rect, state: &State, active: Method) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let room = left.width.saturating_sub(4) as usize;
    let need: usize = x.methods.iter().map(|m| m.chars().count() + 2).sum();
    let mut spans = vec![];
    if need + 3 <= room {
        spans.push(Span::styled("t: ", th.dim()));
    }
    for mth in Method::ALL.iter() {
        let label = format!(" {} ", x.methods[mth.index()]);
        spans.push(if *mth == active {
            Span::styled(label, th.tab_active())
        } else {
            Span::styled(label, th.tab())
        });
    }
    let r = Rect::new(left.x + 2, left.y + 1, left.width.saturating_sub(4), 1);
    frame.render_widget(Line::from(spans), r);
}

fn sliders(frame: &mut Frame, left: Rect, state: &State) {
    let th = &state.theme;
    let w = state.member_weights();
    let eval = state.evaluation().ok();
    for (i, &c) in Criterion::ALL.iter().enumerate() {
        let r = slider_rect(left, i);
        if r.height == 0 || r.bottom() >= left.bottom() {
            continue;
        }
        let sel = i == state.cursor.weight;
        let share = eval
            .and_then(|e| e.weights.get(&c))
            .map(|x| pct(state.lang, *x, 0))
            .unwrap_or_default();
        let label = format!(
            "{}{}",
            if sel { "▶ " } else { "  " },
            c.name().get(state.lang)
        );
        frame.render_widget(
            &Slider {
                label: &label,
                note: &share,
                value: w.get(c),
                max: MAX,
                label_width: LABEL_W,
                label_style: row_style(th, sel),
                bar_style: if sel { th.heading() } else { th.bar() },
            },
            r,
        );
    }
}

/// The method's weights for the municipality in focus, when the method gives any.
fn preview(e: &Elicitation) -> Option<Vec<f64>> {
    e.result().and_then(|r| r.ok()).map(|w| w.weights)
}

/// Whether the municipality's weights are what the method on screen gives.
fn applied(state: &State, e: &Elicitation) -> bool {
    let Some(p) = preview(e) else { return true };
    let w = state.member_weights();
    let total: f64 = e.criteria.iter().map(|&c| w.get(c)).sum();
    total > 0.0
        && w.criteria() == e.criteria
        && e.criteria
            .iter()
            .zip(&p)
            .all(|(&c, v)| (w.get(c) / total - v).abs() < 1e-9)
}

/// The order list of swing weighting, rank-order centroid and rank-sum.
fn order_list(frame: &mut Frame, area: Rect, state: &State, e: &Elicitation) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let inner = Rect::new(
        area.x + 2,
        area.y,
        area.width.saturating_sub(4),
        area.height.saturating_sub(1),
    );
    let intro = match e.method {
        Method::Swing => x.swing_intro,
        Method::Roc => x.roc_intro,
        _ => x.rank_sum_intro,
    };
    let weights = preview(e).unwrap_or_default();
    let mut lines = vec![Line::from(Span::styled(intro, th.dim())), Line::from("")];
    let name_w =
        (inner.width as usize).saturating_sub(if e.method == Method::Swing { 25 } else { 20 });
    for (p, &ci) in e.order.iter().enumerate() {
        let sel = p == e.row;
        let c = e.criteria[ci];
        // The full name wherever it fits; the short one ("Kosten") where it would be cut.
        let full = c.name().get(lang).to_string();
        let name = if full.chars().count() <= name_w.max(6) {
            full.to_string()
        } else {
            super::situation::fit(short(state, c), name_w.max(6))
        };
        let share = weights.get(ci).copied().unwrap_or(0.0);
        let mut spans = vec![Span::styled(
            format!(
                "{}{:>2}. {name:<name_w$} ",
                if sel { "▶" } else { " " },
                p + 1
            ),
            row_style(th, sel),
        )];
        if e.method == Method::Swing {
            spans.push(Span::styled(
                format!(" {:>3} ", e.ratings.get(p).copied().unwrap_or(0.0)),
                row_style(th, sel),
            ));
        }
        spans.push(Span::styled(
            bar(
                share * 10.0 / weights.iter().copied().fold(0.0, f64::max).max(1e-9),
                6,
            ),
            if sel { th.heading() } else { th.bar() },
        ));
        spans.push(Span::styled(
            format!(" {:>6}", pct(lang, share, 1)),
            row_style(th, sel),
        ));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines.push(apply_line(state, e));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn apply_line(state: &State, e: &Elicitation) -> Line<'static> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    if applied(state, e) && state.ahp_warning().is_some() {
        Line::from(Span::styled(
            format!("⚠ {} — {}", x.applied, x.cr_warning),
            th.bad(),
        ))
    } else if applied(state, e) {
        Line::from(Span::styled(format!("✓ {}", x.applied), th.good()))
    } else {
        Line::from(Span::styled(format!("Enter: {}", x.apply), th.heading()))
    }
}

/// Rows the AHP pair list gives the selected pair's scale above the list.
const AHP_HEAD: usize = 5;

fn short(state: &State, c: Criterion) -> &'static str {
    crate::report::label::criterion_short(c, state.lang)
}

/// The AHP judgements: the selected pair on the scale, then every pair in a list.
fn ahp_pairs(frame: &mut Frame, area: Rect, state: &State, e: &Elicitation) {
    let th = &state.theme;
    let lang = state.lang;
    let inner = ahp_inner(area);
    let pairs = e.pairs();
    let mut lines = ahp_head(state, e, inner.width);
    let head = lines.len();
    let room = pair_rows(inner, head);
    let first = e.pair.saturating_sub(room.saturating_sub(1));
    let name_w = ((inner.width as usize).saturating_sub(16) / 2).clamp(5, 22);
    // The full name wherever it fits; the short one only where it would be cut.
    let label = |c: Criterion| {
        let full = c.name().get(lang).to_string();
        if full.chars().count() <= name_w {
            full
        } else {
            short(state, c).to_string()
        }
    };
    for (k, &(i, j)) in pairs.iter().enumerate().skip(first).take(room) {
        let sel = k == e.pair;
        let a = e.ahp.get(i, j);
        let (l, r) = if a >= 1.0 {
            (num(lang, a, 0), "1".to_string())
        } else {
            ("1".to_string(), num(lang, 1.0 / a, 0))
        };
        let left = super::situation::fit(&label(e.criteria[i]), name_w);
        let right = super::situation::fit(&label(e.criteria[j]), name_w);
        let mut spans = vec![Span::styled(
            format!(
                "{}{left:>name_w$} {l:>1}:{r:<1} {right:<name_w$}",
                if sel { "▶ " } else { "  " }
            ),
            row_style(th, sel),
        )];
        if let Some(rank) = e.inconsistency_rank(i, j) {
            let warn = e
                .analysis
                .as_ref()
                .and_then(|a| a.consistency_ratio)
                .is_some_and(|cr| cr > CR_WARNING_THRESHOLD);
            if warn {
                spans.push(Span::styled(format!(" ⚠{rank}"), th.bad()));
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // More judgements than rows: a scrollbar beside the list (the cursor keeps its row in
    // view; PgUp/PgDn/Home/End move it a page or to the first or last pair).
    let list = Rect {
        x: area.x,
        y: inner.y + head as u16,
        width: area.width.saturating_sub(1),
        height: room as u16,
    };
    scroll::bar(
        frame,
        list,
        pairs.len().saturating_sub(room),
        first,
        room,
        th,
    );
}

/// Where the AHP judgements are drawn inside the method's content area.
fn ahp_inner(area: Rect) -> Rect {
    Rect::new(
        area.x + 2,
        area.y,
        area.width.saturating_sub(4),
        area.height.saturating_sub(1),
    )
}

/// How many judgements fit below the head of `head` lines.
fn pair_rows(inner: Rect, head: usize) -> usize {
    (inner.height as usize).saturating_sub(head)
}

/// The selected pair above the list: its two criteria, the scale with the chosen point, the
/// judgement in words and the keys, wrapped to `width` cells (keeping their indent) rather
/// than cut.
fn ahp_head(state: &State, e: &Elicitation, width: u16) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let pairs = e.pairs();
    let mut lines = vec![];
    if let Some(&(i, j)) = pairs.get(e.pair) {
        let (ci, cj) = (e.criteria[i], e.criteria[j]);
        let a = e.ahp.get(i, j);
        let pos = m::position_of(a);
        lines.push(Line::from(vec![
            Span::styled(ci.name().get(lang).to_string(), th.heading()),
            Span::styled(format!("  {}  ", x.versus), th.dim()),
            Span::styled(cj.name().get(lang).to_string(), th.heading()),
        ]));
        // The scale 9 … 1 … 9, the chosen point in brackets.
        let mut scale = vec![];
        for p in -m::AHP_SLIDER_MAX..=m::AHP_SLIDER_MAX {
            let v = p.unsigned_abs() + 1;
            // Left of the middle: the left criterion weighs more (position > 0).
            let here = -p == pos;
            scale.push(if here {
                Span::styled(format!("[{v}]"), th.selected())
            } else {
                Span::styled(format!(" {v} "), th.text())
            });
        }
        let room = width as usize;
        if room >= 51 {
            lines.push(Line::from(scale));
        } else {
            // Narrow: only the points 9 7 5 3 1 3 5 7 9 and the chosen one.
            let odd: Vec<Span> = (-m::AHP_SLIDER_MAX..=m::AHP_SLIDER_MAX)
                .zip(scale)
                .filter(|(p, _)| p % 2 == 0 || -*p == pos)
                .map(|(_, s)| s)
                .collect();
            lines.push(Line::from(odd));
        }
        lines.push(Line::from(Span::styled(
            judgement_sentence(state, e, i, j),
            th.text(),
        )));
        lines.push(Line::from(Span::styled(x.ahp_keys, th.dim())));
        lines.push(Line::from(""));
    }
    wrap(&lines, width as usize)
}

/// "Privacy is 5× as important as Cost (strong)" for pair (i, j).
fn judgement_sentence(state: &State, e: &Elicitation, i: usize, j: usize) -> String {
    let x = crate::i18n::mcda(state.lang);
    let lang = state.lang;
    let a = e.ahp.get(i, j);
    if (a - 1.0).abs() < 1e-9 {
        return x.equally.to_string();
    }
    let (more, less, v) = if a > 1.0 {
        (e.criteria[i], e.criteria[j], a)
    } else {
        (e.criteria[j], e.criteria[i], 1.0 / a)
    };
    let v = v.round() as usize;
    format!(
        "{} {} {v}× {} {} ({})",
        more.name().get(lang),
        x.is,
        x.as_important_as,
        less.name().get(lang),
        x.saaty_words[v.clamp(1, 9) - 1]
    )
}

/// The height of the AHP result pane at `right` and whether it is drawn compact: all its lines
/// as wrapped to the pane's width (so that the verdict and whether it was applied are not cut),
/// leaving the live ranking below at least three rows; where that does not fit, compact
/// (without the blank line and the random-index reference) leaving it at least two. Where even
/// that does not fit, the pane shows a scrollbar.
fn ahp_panel_height(state: &State, e: &Elicitation, right: Rect) -> (u16, bool) {
    let rows = |compact| {
        let lines = ahp_result_lines(state, e, right.width, compact);
        wrap(&lines, right.width.saturating_sub(4) as usize).len() as u16 + 2
    };
    let full = rows(false);
    if full <= right.height.saturating_sub(5) {
        return (full, false);
    }
    (rows(true).min(right.height.saturating_sub(4)), true)
}

/// AHP weights (eigenvector and geometric mean), λmax, CI, CR with its table, the warning.
fn ahp_result(frame: &mut Frame, area: Rect, state: &State, e: &Elicitation, compact: bool) {
    let x = crate::i18n::mcda(state.lang);
    let lines = ahp_result_lines(state, e, area.width, compact);
    scroll::render(
        frame,
        area,
        panel(x.ahp_title, &state.theme, false),
        &lines,
        0,
        &state.theme,
    );
}

/// The AHP result's lines for a pane `width` cells wide (`compact`: without the blank line and
/// the random-index reference).
fn ahp_result_lines(
    state: &State,
    e: &Elicitation,
    width: u16,
    compact: bool,
) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut lines = vec![];
    match &e.analysis {
        None => lines.push(Line::from(Span::styled(x.ahp_failed, th.bad()))),
        Some(a) => {
            let name_w = (width as usize).saturating_sub(4 + 18).clamp(6, 24);
            lines.push(Line::from(Span::styled(
                format!("{:<name_w$} {:>8} {:>8}", x.criterion, x.eigen, x.geo_mean),
                th.heading(),
            )));
            for (k, &c) in e.criteria.iter().enumerate() {
                lines.push(Line::from(Span::styled(
                    format!(
                        "{:<name_w$} {:>8} {:>8}",
                        super::situation::fit(c.name().get(lang), name_w),
                        pct(lang, a.eigenvector_weights[k], 1),
                        pct(lang, a.geometric_mean_weights[k], 1)
                    ),
                    th.text(),
                )));
            }
            if !compact {
                lines.push(Line::from(""));
            }
            let cr = a
                .consistency_ratio
                .map(|cr| num(lang, cr, 3))
                .unwrap_or_else(|| "—".into());
            lines.push(Line::from(Span::styled(
                format!(
                    "λmax {}   CI {}   CR {cr}",
                    num(lang, a.lambda_max, 3),
                    num(lang, a.consistency_index, 3)
                ),
                th.text(),
            )));
            let n = e.criteria.len();
            lines.extend((!compact).then(|| {
                Line::from(Span::styled(
                    format!(
                        "{} ({}, n = {n}): {}",
                        x.ri_table,
                        x.ri_saaty_1980,
                        DEFAULT_RANDOM_INDEX
                            .random_index(n)
                            .map(|ri| num(lang, ri, 2))
                            .unwrap_or_else(|| "—".into())
                    ),
                    th.dim(),
                ))
            }));
            if a.inconsistent {
                lines.push(Line::from(Span::styled(
                    format!("⚠ {}", x.cr_warning),
                    th.bad(),
                )));
            } else {
                lines.push(Line::from(Span::styled(
                    format!("✓ {}", x.cr_ok),
                    th.good(),
                )));
            }
            lines.push(apply_line(state, e));
        }
    }
    lines
}

fn ranking(frame: &mut Frame, right: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let mut lines = vec![];
    match state.evaluation() {
        Err(_) => lines.push(Line::from(Span::styled(t.all_weights_zero, th.bad()))),
        Ok(e) => {
            let rows = (right.height as usize).saturating_sub(2);
            // Rank, arrow and total take 13 cells; the leader's mark (3) only where the names
            // keep 20 cells beside it (the leader is also drawn in the heading style).
            let room = (right.width as usize).saturating_sub(4 + 13);
            let mark = room >= 23;
            let name_w = if mark { room - 3 } else { room }.max(8);
            let shown: Vec<_> = e.ranking.iter().take(rows).map(|r| r.key).collect();
            let names = CandidateLabels::new(&state.catalogue, &shown, state.lang, name_w);
            for r in e.ranking.iter().take(rows) {
                let name = names.get(r.key);
                let lead = r.rank == 1;
                let st = if lead { th.heading() } else { th.text() };
                let moved = state.movement(r.key, r.rank);
                let (arrow, ast) = match moved {
                    0 => ("   ".to_string(), th.dim()),
                    m if m > 0 => (format!("▲{m:<2}"), th.good()),
                    m => (format!("▼{:<2}", -m), th.bad()),
                };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{:>2}{} ", r.rank, if r.tied { "=" } else { "." }),
                        st,
                    ),
                    Span::styled(arrow, ast),
                    Span::styled(format!(" {:>4} ", num(state.lang, r.total, 2)), st),
                    Span::styled(name, st),
                    Span::styled(if lead && mark { "  ◀" } else { "" }, st),
                ]));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel(t.live_ranking, th, false)),
        right,
    );
}

fn set(state: &mut State, c: Criterion, value: f64) {
    let m = state.member;
    remember_ranks(state);
    // Direct points: the sliders are the record.
    if let Some(slot) = state.weight_records.get_mut(m) {
        *slot = None;
    }
    if let Some(w) = state.weights_at_mut(m) {
        w.set(c, value.clamp(0.0, MAX));
        mark_entered(state, m);
        state.recompute_member(m);
    }
}

/// A member changed its weights: it counts as entered (the facilitator sees the count), and a
/// plenary change moves the group decision, which every member's view does not.
fn mark_entered(state: &mut State, m: usize) {
    if let Some(e) = state.entered.get_mut(m) {
        *e = true;
    }
}

fn remember_ranks(state: &mut State) {
    state.previous_ranks = state
        .evaluation()
        .map(|e| e.ranking.iter().map(|r| (r.key, r.rank)).collect())
        .unwrap_or_default();
}

/// Replaces the weights of the municipality in focus with what its method gives and records
/// how they were obtained.
fn apply_method(state: &mut State) {
    let m = state.member;
    let Some(e) = state.elicit.get(m) else { return };
    let Some(Ok(result)) = e.result() else { return };
    let criteria = e.criteria.clone();
    remember_ranks(state);
    let mut w = Weights::from_pairs(&[]);
    w.0.clear();
    for (&c, v) in criteria.iter().zip(&result.weights) {
        w.set(c, v * MAX);
    }
    if let Some(slot) = state.weights_at_mut(m) {
        *slot = w;
    }
    mark_entered(state, m);
    if let Some(slot) = state.weight_records.get_mut(m) {
        *slot = Some(WeightRecord {
            member: m,
            criteria,
            how: result.method,
        });
    }
    state.recompute_member(m);
}

/// Moving between sliders, order rows and pairs; changing them; switching the method.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let m = state.member;
    if action == Action::SaveWeightSet {
        // The blind round: a member's weights would show on Comparison before the reveal.
        if state.is_group() && !state.reveal && !state.focus_is_group() {
            state.status = Some(Status::new(true, |l| {
                crate::i18n::decision(l).set_blind.into()
            }));
            return None;
        }
        state.popup = Some(crate::tui::state::Popup::Input {
            purpose: crate::tui::state::InputPurpose::WeightSetName,
            buffer: String::new(),
        });
        return None;
    }
    if action == Action::NextMethod {
        let fresh = Elicitation::from_weights(state.member_weights());
        // AHP starts from the weights as they are now, unless they came from AHP judgements
        // already (those are kept to be revised).
        let from_ahp = matches!(
            state.weight_records.get(m),
            Some(Some(WeightRecord {
                how: crate::core::mcda::elicitation::WeightMethod::Ahp { .. },
                ..
            }))
        );
        if let Some(e) = state.elicit.get_mut(m) {
            let next = e.method.next();
            // The criteria in play changed (a slider added one): start again from the weights.
            if e.criteria != fresh.criteria {
                *e = fresh;
            } else {
                if e.method == Method::Direct {
                    // Coming from the sliders: the order and swing ratings follow the weights.
                    e.order = fresh.order;
                    e.ratings = fresh.ratings;
                    e.row = 0;
                }
                if next == Method::Ahp && !from_ahp {
                    e.ahp = fresh.ahp;
                    e.analysis = fresh.analysis;
                    e.pair = 0;
                }
            }
            e.method = next;
        }
        // Weights shown = weights used: the new method's weights replace the old ones at once
        // (the sliders of direct points are the weights already).
        if state
            .elicit
            .get(m)
            .is_some_and(|e| e.method != Method::Direct)
        {
            apply_method(state);
            let x = crate::i18n::mcda(state.lang);
            let method = state.elicit.get(m).map_or(Method::Direct, |e| e.method);
            state.status = Some(applied_status(state, x.methods[method.index()]));
        }
        return None;
    }
    let method = state
        .elicit
        .get(m)
        .map(|e| e.method)
        .unwrap_or(Method::Direct);
    if let Action::Scroll(key) = action {
        scroll_keys(state, key, method);
        return None;
    }
    if method == Method::Direct {
        return direct(state, action);
    }
    let e = state.elicit.get_mut(m)?;
    let changed = match (method, action) {
        (_, Action::Up) => {
            e.move_cursor(false);
            false
        }
        (_, Action::Down) => {
            e.move_cursor(true);
            false
        }
        (Method::Ahp, Action::Pick(i)) => {
            e.pair = i.min(e.pairs().len().saturating_sub(1));
            false
        }
        (_, Action::Pick(i)) => {
            e.row = i.min(e.order.len().saturating_sub(1));
            false
        }
        (_, Action::Select) => true,
        (Method::Ahp, Action::NextInconsistent) => {
            e.next_inconsistent();
            false
        }
        // The scale reads 9 … 1 … 9 from left to right: left favours the left criterion.
        (Method::Ahp, Action::Left | Action::Increase) => e.judge_step(1),
        (Method::Ahp, Action::Right | Action::Decrease) => e.judge_step(-1),
        (_, Action::MoveItemUp) => e.reorder(true),
        (_, Action::MoveItemDown) => e.reorder(false),
        (Method::Swing, Action::Increase | Action::Right) => e.rate(m::SWING_STEP),
        (Method::Swing, Action::Decrease | Action::Left) => e.rate(-m::SWING_STEP),
        _ => false,
    };
    if changed {
        apply_method(state);
        let x = crate::i18n::mcda(state.lang);
        state.status = Some(applied_status(state, x.methods[method.index()]));
    }
    None
}

/// Saves the weights in focus (the plenary weights when the focus is the group) under `name`;
/// a set of the same name (ignoring case) is replaced. The weights are stored as entered; the
/// comparison and the note normalise them as every ranking does.
///
/// # Errors
/// The status to show when the name is empty.
pub fn save_set(state: &mut State, name: &str) -> Result<(), Status> {
    // Control and bidi characters never reach a name; a name is a word or two, not a text.
    let name: String = name
        .chars()
        .filter(|&c| !crate::core::safe_text::is_unsafe(c))
        .collect::<String>()
        .trim()
        .chars()
        .take(40)
        .collect();
    if name.is_empty() {
        return Err(Status::new(true, |l| {
            crate::i18n::decision(l).set_name_empty.into()
        }));
    }
    let weights = state.member_weights().clone();
    let existing = state
        .weight_sets
        .iter_mut()
        .find(|s| s.name.to_lowercase() == name.to_lowercase());
    let replaced = existing.is_some();
    match existing {
        Some(s) => s.weights = weights,
        None => state.weight_sets.push(crate::io::store::WeightSet {
            name: name.clone(),
            weights,
        }),
    }
    state.status = Some(Status::new(false, |l| {
        let d = crate::i18n::decision(l);
        crate::i18n::fill(
            if replaced {
                d.set_replaced
            } else {
                d.set_saved
            },
            &[("name", &name)],
        )
    }));
    Ok(())
}

/// "Applied with …", or the AHP inconsistency warning when that is what was applied.
fn applied_status(state: &State, method: &str) -> Status {
    match state.ahp_warning() {
        Some(w) => Status::new(true, |_| w.clone()),
        None => Status::new(false, |l| {
            crate::i18n::fill(crate::i18n::room(l).method_applied, &[("method", method)])
        }),
    }
}

/// PgUp/PgDn/Home/End move the cursor a page, or to the first or last row: the AHP judgement
/// (whose list scrolls with it, as `ahp_pairs` draws it), the criterion in the order, or the
/// slider.
fn scroll_keys(state: &mut State, key: scroll::Scroll, method: Method) {
    let Some(body) = crate::tui::layout::body_of(state) else {
        return;
    };
    let (left, _) = halves(body);
    let inner = ahp_inner(content(left));
    let head = ahp_head(state, elicitation(state), inner.width).len();
    let n = Criterion::ALL.len();
    if method == Method::Direct {
        state.cursor.weight = scroll::step(state.cursor.weight, key, n - 1, n);
        return;
    }
    let Some(e) = state.elicit.get_mut(state.member) else {
        return;
    };
    if method == Method::Ahp {
        let last = e.pairs().len().saturating_sub(1);
        e.pair = scroll::step(e.pair, key, last, pair_rows(inner, head).max(1));
    } else {
        let last = e.order.len().saturating_sub(1);
        e.row = scroll::step(e.row, key, last, last + 1);
    }
}

/// Direct points: moving between sliders and changing them.
fn direct(state: &mut State, action: Action) -> Option<Effect> {
    let n = Criterion::ALL.len();
    if super::move_cursor(&mut state.cursor.weight, n, &action) {
        return None;
    }
    let c = Criterion::ALL[state.cursor.weight.min(n - 1)];
    let cur = state.member_weights().get(c);
    match action {
        Action::Increase | Action::Right => set(state, c, (cur + STEP).min(MAX)),
        Action::Decrease | Action::Left => set(state, c, (cur - STEP).max(0.0)),
        Action::SetWeight { row, value } if row < n => {
            state.cursor.weight = row;
            set(state, Criterion::ALL[row], value);
        }
        _ => {}
    }
    None
}

/// A click on a slider: its bar sets the value, its label selects it.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = halves(area);
    let e = elicitation(state);
    if e.method != Method::Direct {
        let c = content(left);
        if column < c.x || column >= c.right() {
            return None;
        }
        // Order rows start below the intro and a blank line; AHP pairs below the scale block.
        let first = match e.method {
            Method::Ahp => {
                let pairs = e.pairs().len();
                let room = (c.height.saturating_sub(1) as usize).saturating_sub(AHP_HEAD);
                let off = e.pair.saturating_sub(room.saturating_sub(1));
                let y0 = c.y + AHP_HEAD as u16;
                return (row >= y0)
                    .then(|| off + (row - y0) as usize)
                    .filter(|&i| i < pairs)
                    .map(Action::Pick);
            }
            _ => c.y + 2,
        };
        return (row >= first)
            .then(|| (row - first) as usize)
            .filter(|&i| i < e.order.len())
            .map(Action::Pick);
    }
    (0..Criterion::ALL.len()).find_map(|i| {
        let r = slider_rect(left, i);
        if row < r.y || row >= r.bottom() || column < r.x || column >= r.right() {
            return None;
        }
        match slider::value_at(r, LABEL_W, column, row, MAX, STEP) {
            Some(v) => Some(Action::SetWeight { row: i, value: v }),
            None => Some(Action::Pick(i)),
        }
    })
}
