//! A long pane that scrolls: its lines wrapped (keeping their indent) to the pane's width, the
//! part at the pane's offset drawn, and a scrollbar on the right edge when there is more than
//! fits. The offset lives in the state (`State::scroll`, per screen) and is moved by
//! PgUp/PgDn/Home/End (and the mouse wheel over the pane); drawing clamps it, and `update`
//! clamps it with [`max_offset`] of the same lines, so the two cannot disagree.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::text::wrap;
use crate::tui::theme::Theme;

/// The rows inside a bordered pane with horizontal padding 1 (as `widgets::panel` draws it):
/// (text width, visible rows). The scrollbar is drawn on the right border, so it takes no
/// column of the text.
fn inner(area: Rect) -> (usize, usize) {
    let w = area.width.saturating_sub(2 + 2) as usize;
    let h = area.height.saturating_sub(2) as usize;
    (w.max(1), h)
}

/// The rows of an area without a border (inside a pane that draws its own): the text keeps
/// its last column free for the scrollbar.
fn inner_plain(area: Rect) -> (usize, usize) {
    let w = area.width.saturating_sub(1) as usize;
    (w.max(1), area.height as usize)
}

/// Where a pane's text goes: inside a border (as `widgets::panel` draws it), or in a bare area
/// whose last column is the scrollbar's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Geometry {
    Bordered,
    Plain,
}

fn dims(area: Rect, f: Geometry) -> (usize, usize) {
    match f {
        Geometry::Bordered => inner(area),
        Geometry::Plain => inner_plain(area),
    }
}

/// The wrapped lines of a pane at `area`, and how many rows are visible.
fn layout(lines: &[Line<'_>], area: Rect, f: Geometry) -> (Vec<Line<'static>>, usize) {
    let (w, h) = dims(area, f);
    (wrap(lines, w), h)
}

/// The largest useful offset of `lines` in a bordered pane at `area`: 0 when all fit.
pub fn max_offset(lines: &[Line<'_>], area: Rect) -> usize {
    let (wrapped, h) = layout(lines, area, Geometry::Bordered);
    wrapped.len().saturating_sub(h)
}

/// Draws `lines` in `block` at `area` from row `offset` (clamped), with a scrollbar when they
/// do not all fit.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    lines: &[Line<'_>],
    offset: usize,
    theme: &Theme,
) {
    let v = visible(lines, area, Geometry::Bordered, offset);
    frame.render_widget(Paragraph::new(v.shown).block(block), area);
    bar(
        frame,
        area.inner(Margin {
            vertical: 1,
            horizontal: 0,
        }),
        v.max,
        v.offset,
        v.rows,
        theme,
    );
}

/// The rows of a pane that are drawn, the largest offset, the offset clamped, and how many
/// rows are visible.
struct Visible {
    shown: Vec<Line<'static>>,
    max: usize,
    offset: usize,
    rows: usize,
}

fn visible(lines: &[Line<'_>], area: Rect, g: Geometry, offset: usize) -> Visible {
    let (wrapped, rows) = layout(lines, area, g);
    let max = wrapped.len().saturating_sub(rows);
    let offset = offset.min(max);
    let shown = wrapped.into_iter().skip(offset).take(rows).collect();
    Visible {
        shown,
        max,
        offset,
        rows,
    }
}

/// Draws `lines` in a bare `area` (inside a pane that drew its own border) from row `offset`
/// (clamped), with a scrollbar in the area's last column when they do not all fit.
pub fn render_plain(
    frame: &mut Frame,
    area: Rect,
    lines: &[Line<'_>],
    offset: usize,
    theme: &Theme,
) {
    let v = visible(lines, area, Geometry::Plain, offset);
    frame.render_widget(Paragraph::new(v.shown), area);
    bar(frame, area, v.max, v.offset, v.rows, theme);
}

/// The scrollbar on the right edge of `area`, when there is more than fits (`max` > 0).
pub fn bar(frame: &mut Frame, area: Rect, max: usize, offset: usize, rows: usize, theme: &Theme) {
    if max == 0 {
        return;
    }
    let mut state = ScrollbarState::new(max + 1)
        .position(offset.min(max))
        .viewport_content_length(rows);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(Some("▲"))
            .end_symbol(Some("▼"))
            .track_symbol(Some("│"))
            .thumb_symbol("█")
            .style(theme.border()),
        area,
        &mut state,
    );
}

/// A scroll key's new offset: a page is the visible rows less one (a line of context).
pub fn moved(offset: usize, key: Scroll, lines: &[Line<'_>], area: Rect) -> usize {
    moved_in(offset, key, lines, area, Geometry::Bordered)
}

/// [`moved`] for a pane drawn with [`render_plain`].
pub fn moved_plain(offset: usize, key: Scroll, lines: &[Line<'_>], area: Rect) -> usize {
    moved_in(offset, key, lines, area, Geometry::Plain)
}

fn moved_in(offset: usize, key: Scroll, lines: &[Line<'_>], area: Rect, f: Geometry) -> usize {
    let (wrapped, h) = layout(lines, area, f);
    let max = wrapped.len().saturating_sub(h);
    step(offset, key, max, h)
}

/// A scroll key's new position in a list of `max + 1` positions of which `rows` are visible
/// at once (an offset, or a cursor whose list keeps it in view).
pub fn step(offset: usize, key: Scroll, max: usize, rows: usize) -> usize {
    let page = rows.saturating_sub(1).max(1);
    match key {
        Scroll::PageUp => offset.min(max).saturating_sub(page),
        Scroll::PageDown => (offset + page).min(max),
        Scroll::Home => 0,
        Scroll::End => max,
        Scroll::LineUp => offset.min(max).saturating_sub(1),
        Scroll::LineDown => (offset + 1).min(max),
    }
}

/// How a pane scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    PageUp,
    PageDown,
    Home,
    End,
    /// The mouse wheel: one row.
    LineUp,
    LineDown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn lines(n: usize) -> Vec<Line<'static>> {
        (0..n).map(|i| Line::from(format!("regel {i}"))).collect()
    }

    #[test]
    fn offsets_stay_within_the_content() {
        let area = Rect::new(0, 0, 30, 12); // 10 visible rows
        let l = lines(25);
        assert_eq!(max_offset(&l, area), 15);
        assert_eq!(moved(0, Scroll::PageDown, &l, area), 9);
        assert_eq!(moved(9, Scroll::PageDown, &l, area), 15);
        assert_eq!(moved(15, Scroll::PageDown, &l, area), 15);
        assert_eq!(moved(15, Scroll::PageUp, &l, area), 6);
        assert_eq!(moved(6, Scroll::Home, &l, area), 0);
        assert_eq!(moved(0, Scroll::End, &l, area), 15);
        assert_eq!(moved(0, Scroll::LineUp, &l, area), 0);
        // A stale offset (the content became shorter) is clamped before it moves.
        assert_eq!(moved(100, Scroll::PageUp, &l, area), 6);
        assert_eq!(max_offset(&lines(5), area), 0);
    }

    #[test]
    fn the_scrollbar_shows_only_when_lines_do_not_fit() {
        let draw = |n: usize, offset: usize| {
            let mut t = Terminal::new(TestBackend::new(30, 12)).unwrap();
            t.draw(|f| {
                render(
                    f,
                    f.area(),
                    Block::bordered(),
                    &lines(n),
                    offset,
                    &Theme::default(),
                )
            })
            .unwrap();
            let buf = t.backend().buffer().clone();
            (0..12)
                .map(|y| {
                    (0..30)
                        .map(|x| buf[(x, y)].symbol().to_string())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        };
        let short = draw(5, 0);
        assert!(!short.iter().any(|r| r.contains('▼')), "{short:#?}");
        let long = draw(25, 100);
        assert!(long[1].ends_with('▲'), "{long:#?}");
        assert!(long[10].ends_with('▼'), "{long:#?}");
        // Clamped to the end: the last line is drawn.
        assert!(long.iter().any(|r| r.contains("regel 24")), "{long:#?}");
    }

    #[test]
    fn a_bare_pane_keeps_its_last_column_for_the_scrollbar() {
        let area = Rect::new(0, 0, 20, 5);
        let l = lines(12);
        assert_eq!(moved_plain(0, Scroll::End, &l, area), 7);
        assert_eq!(moved_plain(0, Scroll::PageDown, &l, area), 4);
        assert_eq!(moved_plain(0, Scroll::End, &lines(5), area), 0);
        let mut t = Terminal::new(TestBackend::new(20, 5)).unwrap();
        t.draw(|f| render_plain(f, f.area(), &l, 100, &Theme::default()))
            .unwrap();
        let buf = t.backend().buffer().clone();
        let row = |y: u16| {
            (0..20)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        assert!(
            row(0).starts_with("regel 7") && row(0).ends_with('▲'),
            "{}",
            row(0)
        );
        assert!(
            row(4).starts_with("regel 11") && row(4).ends_with('▼'),
            "{}",
            row(4)
        );
        // A cursor list: a page is the visible rows less one.
        assert_eq!(step(0, Scroll::PageDown, 15, 9), 8);
        assert_eq!(step(14, Scroll::End, 15, 9), 15);
    }
}
