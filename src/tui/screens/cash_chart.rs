//! The business case chart (screen 8) drawn cell by cell, so every mark sits where its value
//! is: a year's label under that year's column (the return-year line on its own year), each
//! money label on the row of its amount (the zero line on the row labelled 0), and the three
//! bands told apart by glyph — favourable `▲`, expected `●` joined by `─`, unfavourable `▼` —
//! so the chart reads the same under `NO_COLOR` and to a colour-blind eye. Pure layout: the
//! numbers come in as values; `f64` only places marks, it never computes money.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::core::business_case::Band;

/// One band's line: the cumulative cash flow per year (year 1 first) and its return year.
#[derive(Debug, Clone, PartialEq)]
pub struct BandLine {
    pub band: Band,
    pub points: Vec<f64>,
    pub return_year: Option<u32>,
}

/// The glyph at a band's yearly points and the one joining them.
pub fn glyphs(band: Band) -> (&'static str, &'static str) {
    match band {
        Band::Favourable => ("▲", "·"),
        Band::Expected => ("●", "─"),
        Band::Unfavourable => ("▼", "·"),
    }
}

/// The styles the chart uses.
#[derive(Debug, Clone, Copy)]
pub struct ChartStyles {
    pub axis: Style,
    pub label: Style,
    pub marker: Style,
    pub favourable: Style,
    pub expected: Style,
    pub unfavourable: Style,
}

/// The chart: lines, bounds and ticks already chosen (see `business_case::round_bounds`).
pub struct CashChart<'a> {
    pub lines: &'a [BandLine],
    /// The money axis from `lo` to `hi` in `intervals` equal steps (0 is one of them).
    pub lo: f64,
    pub hi: f64,
    pub intervals: u32,
    /// The label of each money tick, bottom first (`intervals + 1` of them).
    pub y_labels: Vec<String>,
    /// The expected band's return year: a vertical `┊` on that year's column.
    pub marker_year: Option<u32>,
    pub styles: ChartStyles,
}

/// Where things go: the plot's first column, its width, its first row, rows per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub label_w: u16,
    pub x0: u16,
    pub width: u16,
    pub top: u16,
    pub rows_per_step: u16,
    pub years: u32,
}

impl Geometry {
    /// The column of year `y` (1-based).
    pub fn column(&self, y: u32) -> u16 {
        let n = self.years.max(2);
        let span = u32::from(self.width.saturating_sub(1));
        let off = (u64::from(y.clamp(1, n) - 1) * u64::from(span) * 2 + u64::from(n - 1))
            / (2 * u64::from(n - 1));
        self.x0 + off as u16
    }

    /// The last row of the plot (the row of `lo`).
    pub fn bottom(&self, intervals: u32) -> u16 {
        self.top + self.rows_per_step * intervals as u16
    }
}

impl CashChart<'_> {
    /// How many years the chart spans (at least 2).
    fn years(&self) -> u32 {
        self.lines
            .iter()
            .map(|l| l.points.len() as u32)
            .max()
            .unwrap_or(0)
            .max(2)
    }

    /// The geometry in `area` (plot, x axis and year labels; the legend is not drawn here),
    /// or `None` when the area is too small for two steps.
    pub fn geometry(&self, area: Rect) -> Option<Geometry> {
        let label_w = self
            .y_labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1) as u16;
        let k = self.intervals.max(1) as u16;
        // Plot rows: k steps of r rows plus the top row; then the axis and the year labels.
        let r = area.height.saturating_sub(3) / k;
        if r == 0 || area.width < label_w + 6 {
            return None;
        }
        Some(Geometry {
            label_w,
            x0: area.x + label_w + 2,
            width: area.width.saturating_sub(label_w + 3),
            top: area.y,
            rows_per_step: r,
            years: self.years(),
        })
    }

    /// The row of an amount (rounded to the nearest row).
    fn row(&self, g: &Geometry, v: f64) -> u16 {
        let steps = f64::from(self.intervals.max(1));
        let span = (self.hi - self.lo).max(f64::MIN_POSITIVE);
        let frac = ((self.hi - v) / span).clamp(0.0, 1.0);
        g.top + (frac * steps * f64::from(g.rows_per_step)).round() as u16
    }
}

impl Widget for &CashChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(g) = self.geometry(area) else {
            return;
        };
        let st = &self.styles;
        let bottom = g.bottom(self.intervals);
        let axis_x = area.x + g.label_w + 1;
        // Money labels, each on its own row, right-aligned before the axis.
        for (k, label) in self.y_labels.iter().enumerate() {
            let v = self.lo + (self.hi - self.lo) * k as f64 / f64::from(self.intervals.max(1));
            let y = self.row(&g, v);
            let pad = g.label_w as usize - label.chars().count();
            buf.set_string(area.x + pad as u16, y, label, st.label);
            buf.set_string(axis_x, y, "┤", st.axis);
        }
        for y in g.top..=bottom {
            if buf[(axis_x, y)].symbol() == " " {
                buf.set_string(axis_x, y, "│", st.axis);
            }
        }
        // The zero line on the row labelled 0.
        if self.lo <= 0.0 && self.hi >= 0.0 {
            let y0 = self.row(&g, 0.0);
            for x in g.x0..g.x0 + g.width {
                buf.set_string(x, y0, "┄", st.axis);
            }
        }
        // The expected return year: a vertical line on its own year's column.
        if let Some(year) = self.marker_year.filter(|&y| y >= 1 && y <= g.years) {
            let x = g.column(year);
            for y in g.top..=bottom {
                buf.set_string(x, y, "┊", st.marker);
            }
        }
        // The x axis with a tick under every year, and the year labels that fit.
        buf.set_string(axis_x, bottom + 1, "└", st.axis);
        for x in g.x0..g.x0 + g.width {
            buf.set_string(x, bottom + 1, "─", st.axis);
        }
        for y in 1..=g.years {
            buf.set_string(g.column(y), bottom + 1, "┴", st.axis);
        }
        for y in year_labels(&g, self.marker_year) {
            let text = y.to_string();
            let w = text.chars().count() as u16;
            let x = g.column(y).saturating_sub((w - 1) / 2);
            buf.set_string(x, bottom + 2, &text, st.label);
        }
        // The bands: the joins first, then the yearly points; the expected band on top.
        let order = [Band::Favourable, Band::Unfavourable, Band::Expected];
        for band in order {
            let Some(line) = self.lines.iter().find(|l| l.band == band) else {
                continue;
            };
            let style = match band {
                Band::Favourable => st.favourable,
                Band::Expected => st.expected,
                Band::Unfavourable => st.unfavourable,
            };
            let (point, join) = glyphs(band);
            for (i, pair) in line.points.windows(2).enumerate() {
                let (x1, x2) = (g.column(i as u32 + 1), g.column(i as u32 + 2));
                for x in x1 + 1..x2 {
                    let f = f64::from(x - x1) / f64::from(x2 - x1);
                    let v = pair[0] + (pair[1] - pair[0]) * f;
                    buf.set_string(x, self.row(&g, v), join, style);
                }
            }
            for (i, &v) in line.points.iter().enumerate() {
                buf.set_string(g.column(i as u32 + 1), self.row(&g, v), point, style);
            }
        }
    }
}

/// The years labelled under the axis: every year when they fit, else every k-th year, always
/// with the first, the last and the marked year.
fn year_labels(g: &Geometry, marked: Option<u32>) -> Vec<u32> {
    let n = g.years;
    let widest = n.to_string().len() as u16 + 1;
    let gap = g.column(2).saturating_sub(g.column(1)).max(1);
    let every = widest.div_ceil(gap).max(1) as u32;
    let mut out: Vec<u32> = (1..=n).filter(|y| (y - 1) % every == 0).collect();
    for must in [Some(n), marked] {
        let Some(m) = must.filter(|&m| m >= 1 && m <= n) else {
            continue;
        };
        if !out.contains(&m) {
            // Make room: drop the labels too close to it.
            out.retain(|&y| g.column(y).abs_diff(g.column(m)) > widest);
            out.push(m);
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(lines: &[BandLine], marker: Option<u32>) -> CashChart<'_> {
        CashChart {
            lines,
            lo: -2_000.0,
            hi: 2_000.0,
            intervals: 2,
            y_labels: vec!["-2.000".into(), "0".into(), "2.000".into()],
            marker_year: marker,
            styles: ChartStyles {
                axis: Style::default(),
                label: Style::default(),
                marker: Style::default(),
                favourable: Style::default(),
                expected: Style::default(),
                unfavourable: Style::default(),
            },
        }
    }

    fn draw(c: &CashChart, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        c.render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    fn col_of(line: &str, pat: &str) -> Option<usize> {
        line.find(pat).map(|b| line[..b].chars().count())
    }

    #[test]
    fn year_labels_sit_under_their_columns_and_the_marker_on_its_year() {
        let lines = [BandLine {
            band: Band::Expected,
            points: vec![-2000.0, -1000.0, -500.0, 0.0, 500.0, 1000.0, 2000.0],
            return_year: Some(5),
        }];
        let c = chart(&lines, Some(5));
        for w in [40u16, 61, 97] {
            let rows = draw(&c, w, 12);
            let g = c.geometry(Rect::new(0, 0, w, 12)).unwrap();
            let labels = &rows[(g.bottom(2) + 2) as usize];
            let axis = &rows[(g.bottom(2) + 1) as usize];
            let top = &rows[0];
            let five = col_of(labels, "5").unwrap();
            assert_eq!(five, g.column(5) as usize, "{labels}");
            assert_eq!(col_of(top, "┊"), Some(five), "{top}");
            assert_eq!(axis.chars().nth(five), Some('┴'), "{axis}");
        }
    }

    #[test]
    fn the_zero_line_is_on_the_row_labelled_zero() {
        let lines = [BandLine {
            band: Band::Expected,
            points: vec![-1500.0, -100.0, 1700.0],
            return_year: Some(3),
        }];
        let c = chart(&lines, None);
        for h in [8u16, 11, 15, 20] {
            let rows = draw(&c, 50, h);
            let zero = rows
                .iter()
                .position(|r| r.trim_start().starts_with("0 ") || r.trim_start().starts_with("0┤"))
                .unwrap();
            assert!(rows[zero].contains('┄'), "h {h}: {rows:#?}");
            assert_eq!(rows.iter().filter(|r| r.contains('┄')).count(), 1);
        }
    }

    #[test]
    fn bands_differ_by_glyph_not_only_colour() {
        let lines = [
            BandLine {
                band: Band::Favourable,
                points: vec![0.0, 1000.0],
                return_year: Some(1),
            },
            BandLine {
                band: Band::Expected,
                points: vec![-1000.0, 0.0],
                return_year: None,
            },
            BandLine {
                band: Band::Unfavourable,
                points: vec![-2000.0, -1500.0],
                return_year: None,
            },
        ];
        let text = draw(&chart(&lines, None), 40, 12).join("\n");
        for g in ["▲", "●", "▼"] {
            assert!(text.contains(g), "{g} missing:\n{text}");
        }
        let (a, b, c) = (
            glyphs(Band::Favourable),
            glyphs(Band::Expected),
            glyphs(Band::Unfavourable),
        );
        assert!(a.0 != b.0 && b.0 != c.0 && a.0 != c.0);
    }

    #[test]
    fn a_crowded_axis_keeps_the_first_last_and_marked_year() {
        let g = Geometry {
            label_w: 5,
            x0: 7,
            width: 12,
            top: 0,
            rows_per_step: 1,
            years: 10,
        };
        let l = year_labels(&g, Some(7));
        assert!(l.contains(&1) && l.contains(&10) && l.contains(&7), "{l:?}");
        for w in l.windows(2) {
            assert!(g.column(w[1]) - g.column(w[0]) > 2, "{l:?}");
        }
    }
}
