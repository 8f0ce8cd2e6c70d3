//! Screen 3, the five placement options: what each means, the cloud characteristics its
//! variants have, and its pros and cons with their sources.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::catalogue::{Characteristic, Point};
use crate::tui::action::{Action, Effect};
use crate::tui::layout;
use crate::tui::state::{Screen, State};
use crate::tui::widgets::{panel, row_style};

/// Draws the options screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let (left, right) = layout::split(area);
    let lines: Vec<Line> = state
        .catalogue
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let sel = i == state.cursor.option;
            let st = row_style(th, sel);
            Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, st),
                Span::styled(format!("{}  {}", o.number, o.short.get(lang)), st),
            ])
        })
        .collect();
    let Some(o) = state.catalogue.options.get(state.cursor.option) else {
        return;
    };
    let mut lines = lines;
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.characteristics, th.heading())));
    let variants: Vec<_> = state
        .catalogue
        .candidates
        .iter()
        .filter(|c| c.option == o.id)
        .collect();
    for &ch in Characteristic::ALL {
        let has = variants.iter().any(|c| c.has(ch));
        let name = state
            .catalogue
            .characteristic(ch)
            .map(|i| i.name.get(lang).to_string())
            .unwrap_or_else(|| ch.id().to_string());
        lines.push(Line::from(vec![
            Span::styled(
                if has { "  ✓ " } else { "  ✗ " },
                if has { th.good() } else { th.dim() },
            ),
            Span::styled(name, if has { th.text() } else { th.dim() }),
        ]));
    }
    // A long characteristic wraps under its name instead of being cut at the border.
    let lines = crate::tui::widgets::text::wrap(&lines, left.width.saturating_sub(4) as usize);
    frame.render_widget(
        Paragraph::new(lines).block(panel(s.options, th, true)),
        left,
    );

    let (title, info) = details(state, o);
    crate::tui::widgets::scroll::render(
        frame,
        right,
        panel(&title, th, false),
        &info,
        state.cursor.scroll[Screen::Options.index()],
        th,
    );
}

/// The right pane of the option under the cursor: its title, and its summary, pros and cons
/// with their sources and the rules that apply to it (long: it scrolls).
fn details(state: &State, o: &crate::core::catalogue::OptionInfo) -> (String, Vec<Line<'static>>) {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut info = vec![
        Line::from(Span::styled(o.summary.get(lang).to_string(), th.text())),
        Line::from(""),
    ];
    let point = |p: &Point, mark: &'static str, good: bool| -> Vec<Line<'static>> {
        let mut v = vec![Line::from(vec![
            Span::styled(format!("{mark} "), if good { th.good() } else { th.bad() }),
            Span::styled(p.text(lang).to_string(), th.text()),
        ])];
        let cite = state.catalogue.citation(&p.source, &p.section);
        v.extend(super::source_lines(state, &[cite]));
        v
    };
    info.push(Line::from(Span::styled(s.pros, th.heading())));
    for p in &o.pros {
        info.extend(point(p, "+", true));
    }
    info.push(Line::from(""));
    info.push(Line::from(Span::styled(s.cons, th.heading())));
    for p in &o.cons {
        info.extend(point(p, "−", false));
    }
    let rules = state.catalogue.option_rules_for(o.id);
    if !rules.is_empty() {
        info.push(Line::from(""));
        info.push(Line::from(Span::styled(s.option_rules, th.heading())));
        for r in rules {
            info.push(Line::from(vec![
                Span::styled("§ ", th.heading()),
                Span::styled(r.text.get(lang).to_string(), th.text()),
            ]));
            info.extend(super::source_lines(state, &r.citations()));
        }
    }
    (format!("{}. {}", o.number, o.name.get(lang)), info)
}

/// Moving through the options.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let i = Screen::Options.index();
    if let Action::Scroll(key) = action {
        if let (Some(o), Some(body)) = (
            state.catalogue.options.get(state.cursor.option),
            layout::body_of(state),
        ) {
            let (_, right) = layout::split(body);
            let (_, info) = details(state, o);
            state.cursor.scroll[i] =
                crate::tui::widgets::scroll::moved(state.cursor.scroll[i], key, &info, right);
        }
        return None;
    }
    let n = state.catalogue.options.len();
    let before = state.cursor.option;
    super::move_cursor(&mut state.cursor.option, n, &action);
    // Another option: its details from the top.
    if state.cursor.option != before {
        state.cursor.scroll[i] = 0;
    }
    None
}

/// A click on an option.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = layout::split(area);
    layout::list_row(left, column, row)
        .filter(|&i| i < state.catalogue.options.len())
        .map(Action::Pick)
}
