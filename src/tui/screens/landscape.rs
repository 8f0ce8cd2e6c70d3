//! Screen 8, landscape: the hybrid municipal landscape as a picture — one box per placement
//! with the workloads the core placed there — and, below, why the selected workload goes where
//! it goes, with the rules (and their status) that applied.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::catalogue::CandidateKey;
use crate::core::scoring::Evaluation;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{Screen, State};
use crate::tui::widgets::landscape::{Item, Landscape, PlacementBox, box_rects};
use crate::tui::widgets::panel;

/// Workload indices grouped per placement, in the order the boxes are drawn.
pub fn groups(e: &Evaluation) -> Vec<(Option<CandidateKey>, Vec<usize>)> {
    let mut out: Vec<(Option<CandidateKey>, Vec<usize>)> = vec![];
    for (i, w) in e.workloads.iter().enumerate() {
        match out.iter_mut().find(|(k, _)| *k == w.key) {
            Some((_, v)) => v.push(i),
            None => out.push((w.key, vec![i])),
        }
    }
    out
}

/// The workload under the cursor (index into `e.workloads`).
pub fn selected(e: &Evaluation, cursor: usize) -> Option<usize> {
    groups(e).into_iter().flat_map(|(_, v)| v).nth(cursor)
}

/// The boxes on top (as high as they need, leaving at least 7 lines), the detail below.
fn parts(area: Rect, boxes: &[PlacementBox]) -> (Rect, Rect) {
    let tall = Rect {
        height: u16::MAX / 2,
        ..area
    };
    let need = box_rects(boxes, tall)
        .iter()
        .map(|r| r.bottom().saturating_sub(area.y))
        .max()
        .unwrap_or(3);
    let top_h = need.min(area.height.saturating_sub(7)).max(3);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(1)]).areas(area);
    (top, bottom)
}

fn boxes(state: &State, e: &Evaluation) -> Vec<PlacementBox> {
    let s = crate::i18n::strings(state.lang);
    let sel = selected(e, state.cursor.landscape);
    groups(e)
        .into_iter()
        .map(|(k, v)| PlacementBox {
            title: match k {
                Some(k) => state.catalogue.candidate_name(k, state.lang),
                None => s.none_admissible.to_string(),
            },
            items: v
                .into_iter()
                .map(|i| {
                    let w = &e.workloads[i];
                    Item {
                        name: w.name.clone(),
                        tag: crate::report::label::data_class_short(w.data, state.lang).to_string(),
                        selected: Some(i) == sel,
                    }
                })
                .collect(),
        })
        .collect()
}

/// Draws the landscape screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    if state.portfolio.open {
        return super::portfolio::render(frame, area, state);
    }
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let Ok(e) = state.evaluation() else {
        frame.render_widget(
            Paragraph::new(Span::styled(t.all_weights_zero, th.bad())).block(panel(
                s.landscape,
                th,
                true,
            )),
            area,
        );
        return;
    };
    let b = boxes(state, e);
    let (top, _) = parts(area, &b);
    frame.render_widget(
        &Landscape {
            boxes: &b,
            theme: th,
        },
        top,
    );
    let (bottom, counts) = split_bottom(state, area, &b);
    // Issue 16: the portfolio's counts per placement beside the workload's reason.
    if let Some(counts) = counts {
        super::portfolio::render_counts(frame, counts, state);
    }
    let Some((name, lines)) = detail(state, e) else {
        return;
    };
    crate::tui::widgets::scroll::render(
        frame,
        bottom,
        panel(&name, th, false),
        &lines,
        state.cursor.scroll[Screen::Landscape.index()],
        th,
    );
}

/// The area below the boxes for the selected workload's reasons, and the portfolio's counts
/// beside it when there is room.
fn split_bottom(state: &State, area: Rect, b: &[PlacementBox]) -> (Rect, Option<Rect>) {
    let (_, bottom) = parts(area, b);
    if super::portfolio::has_panel(state) && bottom.width >= 60 {
        // The counts keep their full names; the reason keeps at least 34 columns.
        let want = super::portfolio::counts_width(state).min(bottom.width.saturating_sub(34));
        let [detail, counts] =
            Layout::horizontal([Constraint::Min(26), Constraint::Length(want)]).areas(bottom);
        (detail, Some(counts))
    } else {
        (bottom, None)
    }
}

/// The selected workload's name and why it goes where it goes: its placement, then the rules
/// that decided it, each with its source and status.
fn detail(state: &State, e: &Evaluation) -> Option<(String, Vec<Line<'static>>)> {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let w = &e.workloads[selected(e, state.cursor.landscape)?];
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} → ", w.data.name().get(lang)), th.text()),
        Span::styled(
            w.key
                .map(|k| state.catalogue.candidate_name(k, lang))
                .unwrap_or_else(|| s.none_admissible.to_string()),
            th.heading(),
        ),
        Span::styled(
            w.total
                .map(|t| format!("  ({})", crate::report::number::decimal(t, 2, state.lang)))
                .unwrap_or_default(),
            th.text(),
        ),
    ])];
    for r in &w.rules {
        let (mark, st) = if r.forbids_public {
            ("✗ ", th.bad())
        } else {
            ("• ", th.text())
        };
        lines.push(Line::from(vec![
            Span::styled(mark, st),
            Span::styled(r.text.get(lang).to_string(), th.text()),
        ]));
        lines.extend(super::source_lines(state, &r.citations));
    }
    Some((w.name.clone(), lines))
}

/// Moving through the workloads.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    if state.portfolio.open || matches!(action, Action::Portfolio(_)) {
        return super::portfolio::handle(state, action);
    }
    if super::portfolio::handle_counts(state, &action) {
        return None;
    }
    let i = Screen::Landscape.index();
    if let Action::Scroll(key) = action {
        let area = crate::tui::layout::body_of(state);
        if let (Some(area), Ok(e)) = (area, state.evaluation()) {
            let b = boxes(state, e);
            let (detail, _) = split_bottom(state, area, &b);
            if let Some((_, lines)) = self::detail(state, e) {
                state.cursor.scroll[i] =
                    crate::tui::widgets::scroll::moved(state.cursor.scroll[i], key, &lines, detail);
            }
        }
        return None;
    }
    let n = state.evaluation().map(|e| e.workloads.len()).unwrap_or(0);
    let before = state.cursor.landscape;
    let a = match action {
        Action::Right => Action::Down,
        Action::Left => Action::Up,
        a => a,
    };
    super::move_cursor(&mut state.cursor.landscape, n, &a);
    if state.cursor.landscape != before {
        // Another workload: its reasons from the top.
        state.cursor.scroll[i] = 0;
    }
    None
}

/// A click on a workload inside a box.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    if state.portfolio.open {
        return None;
    }
    let e = state.evaluation().ok()?;
    let b = boxes(state, e);
    let (top, _) = parts(area, &b);
    let mut k = 0;
    for (bx, r) in b.iter().zip(box_rects(&b, top)) {
        if column >= r.x && column < r.right() && row > r.y && row < r.bottom() - 1 {
            let j = (row - r.y - 1) as usize;
            if j < bx.items.len() {
                return Some(Action::Pick(k + j));
            }
        }
        k += bx.items.len();
    }
    None
}
