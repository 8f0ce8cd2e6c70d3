//! Screen 6, weights: one slider per criterion (the three core ones and the optional ones) and,
//! beside it, the ranking the core computes from them — it re-orders live as a weight changes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::criteria::Criterion;
use crate::tui::action::{Action, Effect};
use crate::tui::state::State;
use crate::tui::widgets::slider::{self, Slider};
use crate::tui::widgets::{panel, row_style};

/// The largest raw weight a slider reaches.
pub const MAX: f64 = 100.0;
/// One `+`/`-` step.
pub const STEP: f64 = 5.0;
const LABEL_W: u16 = 24;

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
    let sp = spacing(left);
    Rect::new(
        left.x + 2,
        left.y + 1 + i as u16 * sp,
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
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let (left, right) = halves(area);
    frame.render_widget(panel(s.weights, th, true), left);
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
            .map(|x| format!("{:.0}%", x * 100.0))
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

    let mut lines = vec![];
    match state.evaluation() {
        Err(_) => lines.push(Line::from(Span::styled(t.all_weights_zero, th.bad()))),
        Ok(e) => {
            let rows = (right.height as usize).saturating_sub(2);
            for r in e.ranking.iter().take(rows) {
                let name = state.catalogue.candidate_name(r.key, state.lang);
                let lead = r.rank == 1;
                let st = if lead { th.heading() } else { th.text() };
                let moved = state.movement(r.key, r.rank);
                let (arrow, ast) = match moved {
                    0 => ("   ".to_string(), th.dim()),
                    m if m > 0 => (format!("▲{m:<2}"), th.good()),
                    m => (format!("▼{:<2}", -m), th.bad()),
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{:>2}. ", r.rank), st),
                    Span::styled(arrow, ast),
                    Span::styled(format!(" {:>5.2}  ", r.total), st),
                    Span::styled(name, st),
                    Span::styled(if lead { "  ◀" } else { "" }, st),
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
    state.previous_ranks = state
        .evaluation()
        .map(|e| e.ranking.iter().map(|r| (r.key, r.rank)).collect())
        .unwrap_or_default();
    if let Some(w) = state.weights.get_mut(m) {
        w.set(c, value.clamp(0.0, MAX));
        state.revision += 1;
        state.recompute_member(m);
    }
}

/// Moving between sliders and changing them.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
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
pub fn hit(_state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = halves(area);
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
