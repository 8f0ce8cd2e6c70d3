//! The layer matrix: Table 1 of seed 000 (layers × service models, with on-premises as the
//! first column) as a grid of control levels. Each level is written out and marked with a
//! symbol (●●● full, ●● configuration, ○ none), so colour is never the only carrier.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, Widget};

use crate::core::catalogue::{Catalogue, ControlLevel, Layer, ServiceModel, short_model};
use crate::core::text::Lang;

use crate::tui::theme::Theme;

/// The matrix with one highlighted service-model column.
pub struct LayerMatrix<'a> {
    pub catalogue: &'a Catalogue,
    pub lang: Lang,
    pub selected: ServiceModel,
    pub theme: &'a Theme,
}

/// The symbol of a control level.
pub fn symbol(level: ControlLevel) -> &'static str {
    match level {
        ControlLevel::Full => "●●●",
        ControlLevel::Configuration => "●● ",
        ControlLevel::None => "○  ",
    }
}

/// The name of a control level (one definition, in the label module).
pub use crate::report::label::level_name;

/// A short name of a control level for narrow columns (in the label module).
pub use crate::report::label::level_short as short_level;

impl Widget for &LayerMatrix<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = crate::i18n::strings(self.lang);
        let models = ServiceModel::ALL;
        let col_w =
            ((area.width.saturating_sub(28 + models.len() as u16)) / models.len() as u16).max(6);
        let header = Row::new(
            std::iter::once(Cell::from(Span::styled(s.layers, self.theme.heading()))).chain(
                models.iter().map(|&m| {
                    let name = match m {
                        ServiceModel::OnPremises if col_w < 14 => "On-prem",
                        _ => short_model(m, self.lang),
                    };
                    let label = if m == self.selected {
                        format!("▶ {name}")
                    } else {
                        format!("  {name}")
                    };
                    let st = if m == self.selected {
                        self.theme.selected()
                    } else {
                        self.theme.heading()
                    };
                    Cell::from(Span::styled(label, st))
                }),
            ),
        )
        .bottom_margin(1);
        let rows = Layer::ALL.iter().map(|&layer| {
            let name = self
                .catalogue
                .layer(layer)
                .map(|l| l.name.get(self.lang).to_string())
                .unwrap_or_else(|| layer.id().to_string());
            Row::new(
                std::iter::once(Cell::from(Span::styled(name, self.theme.text()))).chain(
                    models.iter().map(|&m| {
                        let level = self
                            .catalogue
                            .service_model(m)
                            .map(|i| i.control_on(layer))
                            .unwrap_or(ControlLevel::None);
                        let mut st = self.theme.level(level);
                        if m == self.selected {
                            st = st.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                        }
                        let text = if col_w >= 26 {
                            format!("{} {}", symbol(level), level_name(level, self.lang))
                        } else if col_w >= 16 {
                            format!("{} {}", symbol(level), short_level(level, self.lang))
                        } else {
                            symbol(level).to_string()
                        };
                        Cell::from(Line::from(Span::styled(text, st)))
                    }),
                ),
            )
            .bottom_margin(if area.height >= 11 { 1 } else { 0 })
        });
        let widths: Vec<Constraint> = std::iter::once(Constraint::Length(28))
            .chain(models.iter().map(|_| Constraint::Length(col_w)))
            .collect();
        Widget::render(Table::new(rows, widths).header(header), area, buf);
    }
}
