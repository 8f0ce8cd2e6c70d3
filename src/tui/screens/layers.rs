//! Screen 4, control layers: Table 1 of seed 000 as an interactive matrix. Choosing a service
//! model (←/→ or a click on its column) shows per layer what the municipality keeps and what
//! it gives up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::catalogue::{ControlLevel, Layer, ServiceModel, short_model};
use crate::tui::action::{Action, Effect};
use crate::tui::state::State;
use crate::tui::widgets::matrix::{LayerMatrix, level_name, symbol};
use crate::tui::widgets::panel;

fn model(state: &State) -> ServiceModel {
    ServiceModel::ALL[state.cursor.model.min(ServiceModel::ALL.len() - 1)]
}

fn parts(area: Rect) -> (Rect, Rect) {
    let matrix_h = if area.height >= 30 { 15 } else { 9 };
    let [top, bottom] =
        Layout::vertical([Constraint::Length(matrix_h), Constraint::Min(1)]).areas(area);
    (top, bottom)
}

/// Draws the layers screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let m = model(state);
    let (top, bottom) = parts(area);
    let block = panel(s.control_table, th, true);
    let inner = block.inner(top);
    frame.render_widget(block, top);
    let [grid, legend] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(
        &LayerMatrix {
            catalogue: &state.catalogue,
            lang,
            selected: m,
            theme: th,
        },
        grid,
    );
    frame.render_widget(Span::styled(t.legend, th.dim()), legend);

    let mut keeps = vec![];
    let mut gives = vec![];
    for &layer in Layer::ALL {
        let level = state
            .catalogue
            .service_model(m)
            .map(|i| i.control_on(layer))
            .unwrap_or(ControlLevel::None);
        let name = state
            .catalogue
            .layer(layer)
            .map(|l| l.name.get(lang).to_string())
            .unwrap_or_default();
        let line = Line::from(vec![
            Span::styled(format!("{} ", symbol(level)), th.level(level)),
            Span::styled(format!("{name} — {}", level_name(level, lang)), th.text()),
        ]);
        match level {
            ControlLevel::None => gives.push(line),
            _ => keeps.push(line),
        }
    }
    let info = state.catalogue.service_model(m);
    let mut lines = vec![];
    if let Some(i) = info {
        lines.push(Line::from(Span::styled(
            i.summary.get(lang).to_string(),
            th.text(),
        )));
        lines.extend(super::source_lines(
            state,
            &[state.catalogue.citation(&i.source, &i.section)],
        ));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        format!("{}:", t.keeps),
        th.heading(),
    )));
    lines.extend(keeps);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("{}:", t.gives_up),
        th.heading(),
    )));
    if gives.is_empty() {
        lines.push(Line::from("—"));
    }
    lines.extend(gives);
    let title = info
        .map(|i| i.name.get(lang).to_string())
        .unwrap_or_else(|| short_model(m, lang).to_string());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(&title, th, false)),
        bottom,
    );
}

/// ←/→ choose the service model.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let n = ServiceModel::ALL.len();
    match action {
        Action::Left | Action::Up => state.cursor.model = state.cursor.model.saturating_sub(1),
        Action::Right | Action::Down | Action::Select => {
            state.cursor.model = (state.cursor.model + 1).min(n - 1)
        }
        Action::Pick(i) if i < n => state.cursor.model = i,
        _ => {}
    }
    None
}

/// A click on a model column of the matrix.
pub fn hit(_state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (top, _) = parts(area);
    if row < top.y || row >= top.bottom() {
        return None;
    }
    // The same arithmetic as the matrix widget: a 28-wide layer column, then four model
    // columns, one space between columns, inside the panel's border and padding.
    let inner_x = top.x + 2;
    let n = ServiceModel::ALL.len() as u16;
    let col_w = (top.width.saturating_sub(4).saturating_sub(28 + n) / n).max(6);
    let first = inner_x + 28 + 1;
    if column < first {
        return None;
    }
    let i = ((column - first) / (col_w + 1)) as usize;
    (i < ServiceModel::ALL.len()).then_some(Action::Pick(i))
}
