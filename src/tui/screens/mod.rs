//! The frame: title bar, tabs, the current screen, status line, hint bar and popups; plus the
//! dispatch of screen-specific actions and clicks to the screen files (one file per screen).

pub mod business_case;
pub mod comparison;
pub mod deployments;
pub mod landscape;
pub mod layers;
pub mod options;
/// The voting round view (issue 17).
pub mod round;
pub mod situation;
pub mod start;
pub mod summary;
pub mod weights;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Row, Table, Wrap};

use super::action::{Action, Effect};
use super::keymap;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::state::{InputPurpose, Popup, Screen, State};
use super::widgets;
use crate::core::catalogue::Citation;
use crate::report::cite;

/// Draws the whole frame from the state. Reads only.
pub fn render(frame: &mut Frame, state: &State) {
    draw(frame, state);
    // The one text sanitiser: ratatui drops control characters itself, not the bidi
    // overrides (U+202E …) a name may carry; no cell may hold either.
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(crate::core::safe_text::is_unsafe) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    let Some(a) = layout::areas(area) else {
        too_small(frame, area, state);
        return;
    };
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;

    // Title bar: app, profile title; on the right the municipality in focus for a group.
    let room =
        a.title.width as usize - if state.is_group() { 40 } else { 14 }.min(a.title.width as usize);
    let heading = if state.profile.title.chars().count() <= room {
        state.profile.title.clone()
    } else {
        state.profile.subject.name().to_string()
    };
    let mut left = vec![
        Span::styled(format!(" {} ", t.app), th.title()),
        Span::styled(format!("· {heading}"), th.text()),
    ];
    if state.is_group() {
        let members = state.profile.subject.members();
        let name = members
            .get(state.member)
            .map(|m| m.name.as_str())
            .unwrap_or("");
        let right = format!(
            "  {}: ◀ {} ▶ ({}/{}, m) ",
            t.switch_member,
            name,
            state.member + 1,
            members.len()
        );
        let [l, r] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(right.chars().count() as u16),
        ])
        .areas(a.title);
        frame.render_widget(Line::from(left), l);
        frame.render_widget(Line::from(Span::styled(right, th.heading())), r);
    } else {
        left.push(Span::raw(" "));
        frame.render_widget(Line::from(left), a.title);
    }

    // Tabs.
    for (r, s, label) in layout::tabs(state, a.tabs) {
        let st = if s == state.screen {
            th.tab_active()
        } else {
            th.tab()
        };
        frame.render_widget(Span::styled(label, st), r);
    }

    match state.screen {
        // The voting round view (issue 17) covers the screen while it is shown.
        _ if state.round.visible => round::render(frame, a.body, state),
        Screen::Start => start::render(frame, a.body, state),
        Screen::Situation => situation::render(frame, a.body, state),
        Screen::Options => options::render(frame, a.body, state),
        Screen::Layers => layers::render(frame, a.body, state),
        Screen::Deployments => deployments::render(frame, a.body, state),
        Screen::Weights => weights::render(frame, a.body, state),
        Screen::Comparison => comparison::render(frame, a.body, state),
        Screen::BusinessCase => business_case::render(frame, a.body, state),
        Screen::Landscape => landscape::render(frame, a.body, state),
        Screen::Summary => summary::render(frame, a.body, state),
    }

    if let Some(s) = &state.status {
        let st = if s.error { th.bad() } else { th.good() };
        let mark = if s.error { "✗" } else { "✓" };
        frame.render_widget(
            Line::from(Span::styled(format!(" {mark} {}", s.text), st)),
            a.status,
        );
    }
    frame.render_widget(hint_bar(state, a.hints.width), a.hints);

    match &state.popup {
        None => {}
        Some(Popup::Help) => help(frame, area, state),
        Some(Popup::Why) => comparison::why(frame, area, state),
        // Numbers are edited in place, in their row on the situation and business case screens.
        Some(Popup::Input {
            purpose: InputPurpose::Number(_) | InputPurpose::BusinessCase(_),
            ..
        }) => {}
        Some(Popup::Input { purpose, buffer }) => input(frame, area, state, *purpose, buffer),
        Some(Popup::Restore(_)) => {
            let r = centered(area, 64, 7);
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(t.restore_question)
                    .wrap(Wrap { trim: true })
                    .block(popup_block(t.restore_title, state)),
                r,
            );
        }
    }
}

fn too_small(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let text = vec![
        Line::from(Span::styled(t.too_small, state.theme.heading())),
        Line::from(format!(
            "{}×{} → {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
    ];
    let h = 2.min(area.height);
    let r = Rect {
        y: area.y + area.height.saturating_sub(h) / 2,
        height: h,
        ..area
    };
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
}

fn hint_bar(state: &State, width: u16) -> Line<'static> {
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let mut spans = vec![];
    let mut used = 0usize;
    let mut hinted: Vec<(u8, &'static str, keymap::Label)> = keymap::bindings()
        .into_iter()
        .filter_map(|b| b.hint.map(|(rank, word)| (rank, b.keys, word)))
        .collect();
    hinted.sort_by_key(|h| h.0);
    for (_, keys, word) in hinted {
        // The key badge " keys " and the word " word  ", as drawn below.
        let w = keys.chars().count() + 2 + word(t).chars().count() + 3;
        if used + w > width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {keys} "), th.tab_active()));
        spans.push(Span::styled(format!(" {}  ", word(t)), th.dim()));
    }
    Line::from(spans)
}

/// A rectangle of at most `w`×`h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The frame of a popup.
pub fn popup_block<'a>(title: &str, state: &State) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(state.theme.border_focus())
        .title(Span::styled(format!(" {title} "), state.theme.heading()))
        .padding(Padding::new(2, 2, 1, 0))
}

fn help(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let b = keymap::bindings();
    // Borders, the rows and one spare line: it still fits 80×24 with the round's key (issue 17).
    let r = centered(area, 64, b.len() as u16 + 3);
    frame.render_widget(Clear, r);
    let rows = b.iter().map(|b| {
        Row::new(vec![
            Span::styled(b.keys, state.theme.heading()),
            Span::styled((b.desc)(t), state.theme.text()),
        ])
    });
    let title = format!("{} — {}", t.help_title, t.help_close);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(12), Constraint::Min(10)])
            .block(popup_block(&title, state)),
        r,
    );
}

fn input(frame: &mut Frame, area: Rect, state: &State, purpose: InputPurpose, buffer: &str) {
    let t = crate::i18n::tui(state.lang);
    let prompt = match purpose {
        InputPurpose::SavePath => t.save_prompt,
        InputPurpose::SaveBeforeQuit => t.quit_unsaved_prompt,
        InputPurpose::Notes => t.notes_prompt,
        InputPurpose::Number(_) | InputPurpose::BusinessCase(_) => t.number_prompt,
        InputPurpose::ExportPath => crate::i18n::tui_bc(state.lang).export_prompt,
    };
    let r = centered(area, 72, 7);
    frame.render_widget(Clear, r);
    // Show the end of a long input: that is where the typing happens.
    let room = r.width.saturating_sub(8) as usize;
    let shown: String = {
        let n = buffer.chars().count();
        buffer.chars().skip(n.saturating_sub(room)).collect()
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(prompt, state.theme.text())),
            Line::from(""),
            Line::from(vec![
                Span::styled(shown, state.theme.selected()),
                Span::styled("▏", state.theme.heading()),
            ]),
        ])
        .block(popup_block(t.app, state)),
        r,
    );
}

/// Lines for a list of citations, each with its status in the room's language.
pub fn source_lines(state: &State, cites: &[Citation]) -> Vec<Line<'static>> {
    cites
        .iter()
        .map(|c| {
            let text = cite::reference(&state.catalogue, c, state.lang, cite::Markup::Plain);
            Line::from(vec![
                Span::styled("  ↳ ", state.theme.dim()),
                Span::styled(text, state.theme.dim()),
                Span::raw(" "),
                widgets::status_badge(
                    state.catalogue.status_of(&c.source),
                    state.lang,
                    &state.theme,
                ),
            ])
        })
        .collect()
}

/// Screen-specific actions (moving, selecting, sliders).
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match state.screen {
        Screen::Start => start::handle(state, action),
        Screen::Situation => situation::handle(state, action),
        Screen::Options => options::handle(state, action),
        Screen::Layers => layers::handle(state, action),
        Screen::Deployments => deployments::handle(state, action),
        Screen::Weights => weights::handle(state, action),
        Screen::Comparison => comparison::handle(state, action),
        Screen::BusinessCase => business_case::handle(state, action),
        Screen::Landscape => landscape::handle(state, action),
        Screen::Summary => summary::handle(state, action),
    }
}

/// A click inside the body of the current screen.
pub fn hit(state: &State, body: Rect, column: u16, row: u16) -> Option<Action> {
    match state.screen {
        Screen::Start => start::hit(state, body, column, row),
        Screen::Situation => situation::hit(state, body, column, row),
        Screen::Options => options::hit(state, body, column, row),
        Screen::Layers => layers::hit(state, body, column, row),
        Screen::Deployments => deployments::hit(state, body, column, row),
        Screen::Weights => weights::hit(state, body, column, row),
        Screen::Comparison => comparison::hit(state, body, column, row),
        Screen::BusinessCase => business_case::hit(state, body, column, row),
        Screen::Landscape => landscape::hit(state, body, column, row),
        Screen::Summary => None,
    }
}

/// Moves a cursor within `0..len` for Up/Down/Pick; returns whether the action was a move.
pub fn move_cursor(cursor: &mut usize, len: usize, action: &Action) -> bool {
    if len == 0 {
        *cursor = 0;
        return matches!(action, Action::Up | Action::Down | Action::Pick(_));
    }
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(len - 1),
        Action::Pick(i) if *i < len => *cursor = *i,
        Action::Pick(_) => {}
        _ => return false,
    }
    true
}
