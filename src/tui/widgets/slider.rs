//! A weight slider: label, bar, value. The bar's cells map linearly to 0..=max, so a click on
//! the bar sets the value under the mouse (`value_at`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// A slider drawn on one line.
pub struct Slider<'a> {
    pub label: &'a str,
    pub value: f64,
    pub max: f64,
    /// Width of the label column.
    pub label_width: u16,
    pub label_style: Style,
    pub bar_style: Style,
}

/// Where the bar of a slider at `area` is drawn.
pub fn bar_area(area: Rect, label_width: u16) -> Rect {
    let x = area.x + label_width + 1;
    let w = area.width.saturating_sub(label_width + 1 + 11);
    Rect::new(x.min(area.right()), area.y, w, area.height.min(1))
}

/// The value under column `x` on the bar of a slider at `area` (rounded to `step`).
pub fn value_at(area: Rect, label_width: u16, x: u16, max: f64, step: f64) -> Option<f64> {
    let bar = bar_area(area, label_width);
    if bar.width == 0 || x < bar.x || x > bar.right() {
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
        let label: String = self.label.chars().take(self.label_width as usize).collect();
        let line = Line::from(vec![
            Span::styled(
                format!("{label:<w$} ", w = self.label_width as usize),
                self.label_style,
            ),
            Span::styled("█".repeat(filled), self.bar_style),
            Span::styled("·".repeat(empty), self.label_style),
            Span::styled(
                format!(" {:>4}", self.value.round() as i64),
                self.label_style,
            ),
        ]);
        line.render(area, buf);
    }
}
