//! The frame's layout as pure functions of the terminal size: title bar, tabs, body, status
//! line and hint bar. The views draw into these areas and mouse clicks are resolved against the
//! same areas, so what is clicked is what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Action;
use super::screens;
use super::state::{Screen, State};

/// Below this width the "enlarge the window" message is shown.
pub const MIN_WIDTH: u16 = 60;
/// Below this height the "enlarge the window" message is shown.
pub const MIN_HEIGHT: u16 = 16;

/// The parts of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

/// The frame's parts, or `None` when the terminal is below the minimum size.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [title, tabs, _gap, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    Some(Areas {
        title,
        tabs,
        body,
        status,
        hints,
    })
}

/// The body of the frame at the state's terminal size (what the screens draw into), for
/// `update` to clamp what depends on it (a pane's scroll offset) with the drawn layout.
pub fn body_of(state: &State) -> Option<Rect> {
    areas(Rect::new(0, 0, state.size.0, state.size.1)).map(|a| a.body)
}

/// The tab labels and where each is drawn. When all full labels do not fit, inactive tabs
/// show only their number.
pub fn tabs(state: &State, area: Rect) -> Vec<(Rect, Screen, String)> {
    let t = crate::i18n::tui(state.lang);
    let r = crate::i18n::room(state.lang);
    let label = |names: &dyn Fn(Screen) -> &'static str| -> Vec<String> {
        Screen::ALL
            .iter()
            .map(|&s| format!("{} {}", s.index() + 1, names(s)))
            .collect()
    };
    let width = |labels: &[String], gap: usize| -> usize {
        labels
            .iter()
            .map(|l| l.chars().count() + gap)
            .sum::<usize>()
            + 1
    };
    let room = area.width as usize;
    // Every screen named, as fully as the width allows: full names, short names, tiny names
    // (closer together), and only then numbers with the active screen named.
    let full = label(&|s| t.screens[s.index()]);
    let short = label(&|s| r.screens_short[s.index()]);
    let tiny = label(&|s| r.screens_tiny[s.index()]);
    let (labels, gap) = if width(&full, 2) <= room {
        (full, 2)
    } else if width(&short, 2) <= room {
        (short, 2)
    } else if width(&tiny, 1) <= room {
        (tiny, 1)
    } else {
        let numbers = Screen::ALL
            .iter()
            .zip(full)
            .map(|(s, l)| {
                if *s == state.screen {
                    l
                } else {
                    format!("{}", s.index() + 1)
                }
            })
            .collect();
        (numbers, 2)
    };
    let mut x = area.x + 1;
    let mut out = vec![];
    for (s, l) in Screen::ALL.iter().zip(labels) {
        let w = l.chars().count() as u16;
        if x + w > area.right() {
            break;
        }
        out.push((Rect::new(x, area.y, w, 1), *s, l));
        x += w + gap as u16;
    }
    out
}

/// The action a click at (column, row) gives, resolved against the drawn layout.
pub fn hit(state: &State, column: u16, row: u16) -> Option<Action> {
    let area = Rect::new(0, 0, state.size.0, state.size.1);
    let a = areas(area)?;
    let inside = |r: Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
    if inside(a.tabs) {
        return tabs(state, a.tabs)
            .into_iter()
            .find(|(r, _, _)| inside(*r))
            .map(|(_, s, _)| Action::GoTo(s.index()));
    }
    if inside(a.body) {
        return screens::hit(state, a.body, column, row);
    }
    None
}

/// Splits a body into a list on the left and details on the right.
pub fn split(body: Rect) -> (Rect, Rect) {
    let left = if body.width >= 120 { 44 } else { 34 };
    let [l, _, r] = Layout::horizontal([
        Constraint::Length(left.min(body.width / 2)),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(body);
    (l, r)
}

/// The row of a list item in a bordered list at `area` (first item just inside the border).
pub fn list_row(area: Rect, column: u16, row: u16) -> Option<usize> {
    let inner_top = area.y + 1;
    if column < area.x || column >= area.right() || row < inner_top || row + 1 >= area.bottom() {
        return None;
    }
    Some((row - inner_top) as usize)
}
