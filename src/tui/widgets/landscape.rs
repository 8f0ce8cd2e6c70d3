//! The landscape picture: one box per placement, with the workloads placed there inside it,
//! laid out in a grid that fits the area. Boxes that do not fit are clipped, never drawn
//! outside the area.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::theme::Theme;

/// A workload inside a box.
pub struct Item {
    pub name: String,
    pub tag: String,
    pub selected: bool,
}

/// A placement box.
pub struct PlacementBox {
    pub title: String,
    pub items: Vec<Item>,
}

/// The grid of boxes.
pub struct Landscape<'a> {
    pub boxes: &'a [PlacementBox],
    pub theme: &'a Theme,
}

/// The rectangles of the boxes in `area` (same order as `boxes`).
pub fn box_rects(boxes: &[PlacementBox], area: Rect) -> Vec<Rect> {
    if boxes.is_empty() || area.width < 4 || area.height < 3 {
        return vec![];
    }
    let cols = ((area.width / 38).max(1) as usize).min(boxes.len());
    let col_w = area.width / cols as u16;
    let mut out = vec![];
    let mut y = area.y;
    for row in boxes.chunks(cols) {
        let h = row.iter().map(|b| b.items.len()).max().unwrap_or(0) as u16 + 2;
        for (i, _) in row.iter().enumerate() {
            let r = Rect::new(area.x + i as u16 * col_w, y, col_w.saturating_sub(1), h);
            out.push(r.intersection(area));
        }
        y = y.saturating_add(h);
    }
    out
}

impl Widget for &Landscape<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (b, r) in self.boxes.iter().zip(box_rects(self.boxes, area)) {
            if r.width < 4 || r.height < 2 {
                continue;
            }
            // The title fits inside the corners ("╭ " … " ─╮"), keeping what tells it apart.
            let title = super::text::fit_name(&b.title, (r.width as usize).saturating_sub(5));
            let block = super::panel(&title, self.theme, b.items.iter().any(|i| i.selected));
            let inner = block.inner(r);
            block.render(r, buf);
            let lines: Vec<Line> = b
                .items
                .iter()
                .map(|i| {
                    let st = super::row_style(self.theme, i.selected);
                    let tag_w = i.tag.chars().count() + 2;
                    let room = (inner.width as usize).saturating_sub(2 + tag_w);
                    let name = super::text::fit(&i.name, room);
                    let pad = room.saturating_sub(name.chars().count());
                    Line::from(vec![
                        Span::styled(if i.selected { "▶ " } else { "• " }, st),
                        Span::styled(name, st),
                        Span::raw(" ".repeat(pad)),
                        Span::styled(format!("  {}", i.tag), self.theme.dim()),
                    ])
                })
                .collect();
            Paragraph::new(lines).render(inner, buf);
        }
    }
}
