//! A weight slider: label, bar, value. On a wide area it is one line (label, bar, value); on a
//! narrow one it stacks (label and value, then the bar below). The bar's cells map linearly to
//! 0..=max, so a click on the bar sets the value under the mouse (`value_at`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// A slider.
pub struct Slider<'a> {
    pub label: &'a str,
    /// Shown after the value, e.g. the normalised share "30%".
    pub note: &'a str,
    pub value: f64,
    pub max: f64,
    /// Width of the label column (one-line layout).
    pub label_width: u16,
    pub label_style: Style,
    pub bar_style: Style,
}

/// Whether a slider in `area` stacks the bar under the label.
pub fn stacked(area: Rect, label_width: u16) -> bool {
    area.height >= 2 && area.width < label_width + 40
}

/// Where the bar of a slider at `area` is drawn.
pub fn bar_area(area: Rect, label_width: u16) -> Rect {
    if stacked(area, label_width) {
        return Rect::new(area.x + 2, area.y + 1, area.width.saturating_sub(2), 1);
    }
    let x = area.x + label_width + 1;
    let w = area.width.saturating_sub(label_width + 1 + 11);
    Rect::new(x.min(area.right()), area.y, w, area.height.min(1))
}

/// The value under (x, y) on the bar of a slider at `area` (rounded to `step`).
pub fn value_at(area: Rect, label_width: u16, x: u16, y: u16, max: f64, step: f64) -> Option<f64> {
    let bar = bar_area(area, label_width);
    if bar.width == 0 || y != bar.y || x < bar.x || x > bar.right() {
        return None;
    }
    let frac = ((x - bar.x) as f64 + 1.0) / bar.width as f64;
    Some(((frac.min(1.0) * max) / step).round() * step)
}

impl Widget for &Slider<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let bar = bar_area(area, self.label_width);
        let filled = if self.max > 0.0 {
            ((self.value / self.max).clamp(0.0, 1.0) * bar.width as f64).round() as usize
        } else {
            0
        };
        let empty = (bar.width as usize).saturating_sub(filled);
        let value = format!(" {:>4} {:>4}", self.value.round() as i64, self.note);
        let bar_spans = vec![
            Span::styled("█".repeat(filled), self.bar_style),
            Span::styled("·".repeat(empty), self.label_style),
        ];
        if stacked(area, self.label_width) {
            let room = (area.width as usize).saturating_sub(value.chars().count());
            let label: String = self.label.chars().take(room).collect();
            Line::from(vec![
                Span::styled(format!("{label:<room$}"), self.label_style),
                Span::styled(value, self.label_style),
            ])
            .render(Rect { height: 1, ..area }, buf);
            Line::from(bar_spans).render(bar, buf);
        } else {
            let label: String = self.label.chars().take(self.label_width as usize).collect();
            let mut spans = vec![Span::styled(
                format!("{label:<w$} ", w = self.label_width as usize),
                self.label_style,
            )];
            spans.extend(bar_spans);
            spans.push(Span::styled(value, self.label_style));
            Line::from(spans).render(area, buf);
        }
    }
}
