//! The frame: title bar, tabs, the current screen, status line, hint bar and popups; plus the
//! dispatch of screen-specific actions and clicks to the screen files (one file per screen).

pub mod business_case;
/// The business case chart, drawn cell by cell (issue 15, decision screens).
pub mod cash_chart;
pub mod comparison;
pub mod deployments;
pub mod landscape;
pub mod layers;
pub mod options;
/// The application portfolio, opened from the landscape screen (issue 16).
pub mod portfolio;
/// The voting round view (issue 17).
pub mod round;
pub mod situation;
pub mod start;
pub mod summary;
/// Named weight sets side by side on Comparison (issue 15, decision screens).
pub mod weight_sets;
pub mod weights;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Row, Table, Wrap};

use super::action::{Action, Effect};
use super::keymap;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::state::{InputPurpose, NoteEditor, Popup, Screen, State};
use super::widgets;
use crate::core::catalogue::Citation;
use crate::report::cite;

/// tuib: the screens whose long pane scrolls (PgUp/PgDn/Home/End; `widgets::scroll`).
pub const SCROLLING: &[Screen] = &[
    Screen::Situation,
    Screen::Options,
    Screen::Deployments,
    Screen::Landscape,
    Screen::Weights,
    Screen::Comparison,
    // sa: Summary (and its projector view) and the business case's inputs.
    Screen::Summary,
    Screen::BusinessCase,
];

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
        let name = if state.focus_is_group() {
            crate::i18n::room(state.lang).group.to_string()
        } else {
            state.focus_name()
        };
        let right = format!(
            "  {}: ◀ {} ▶ ({}/{}, m) ",
            t.switch_member,
            name,
            state.member + 1,
            state.focus_count()
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

    // The blind round: nothing derived from a member's hidden weights reaches the screen.
    let blind = state.blind_hidden()
        && match state.screen {
            Screen::Weights | Screen::Landscape | Screen::Summary => true,
            Screen::Comparison => !state.group_view,
            _ => false,
        };
    if state.round.visible {
        // The voting round view (issue 17) covers the screen while it is shown.
        round::render(frame, a.body, state);
    } else if blind {
        blind_panel(frame, a.body, state);
    } else {
        screen(frame, a.body, state);
    }

    if let Some(s) = &state.status {
        let st = if s.error { th.bad() } else { th.good() };
        let mark = if s.error { "✗" } else { "✓" };
        frame.render_widget(
            Line::from(Span::styled(format!(" {mark} {}", s.text(state.lang)), st)),
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
            purpose:
                InputPurpose::Number(_) | InputPurpose::BusinessCase(_) | InputPurpose::PortfolioSearch,
            ..
        }) => {}
        Some(Popup::Input { purpose, buffer }) => input(frame, area, state, *purpose, buffer),
        Some(Popup::Note(editor)) => note_editor(frame, area, state, editor),
        Some(Popup::PortfolioProblems(p)) => portfolio::render_problems(frame, area, state, p),
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

/// The current screen's body.
fn screen(frame: &mut Frame, body: Rect, state: &State) {
    match state.screen {
        Screen::Start => start::render(frame, body, state),
        Screen::Situation => situation::render(frame, body, state),
        Screen::Options => options::render(frame, body, state),
        Screen::Layers => layers::render(frame, body, state),
        Screen::Deployments => deployments::render(frame, body, state),
        Screen::Weights => weights::render(frame, body, state),
        Screen::Comparison => comparison::render(frame, body, state),
        Screen::BusinessCase => business_case::render(frame, body, state),
        Screen::Landscape => landscape::render(frame, body, state),
        Screen::Summary => summary::render(frame, body, state),
    }
}

/// The blind round's stand-in for a screen that would show a member's hidden weights or what
/// follows from them: whose turn it is, how many have entered, and the keys.
fn blind_panel(frame: &mut Frame, body: Rect, state: &State) {
    let r = crate::i18n::room(state.lang);
    let th = &state.theme;
    let name = state.focus_name();
    let (k, n) = state.entered_count();
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            crate::i18n::fill(r.blind_hidden, &[("name", &name)]),
            th.heading(),
        )),
        Line::from(""),
        Line::from(Span::styled(
            crate::i18n::fill(
                r.blind_count,
                &[("k", &k.to_string()), ("n", &n.to_string())],
            ),
            th.text(),
        )),
        Line::from(""),
    ];
    if state.screen == Screen::Weights {
        lines.push(Line::from(Span::styled(
            crate::i18n::fill(r.blind_enter, &[("name", &name)]),
            th.text(),
        )));
    }
    lines.push(Line::from(Span::styled(r.blind_back, th.dim())));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(widgets::panel(r.blind_title, th, true)),
        body,
    );
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
    let th = &state.theme;
    let mut spans = vec![];
    let mut used = 0usize;
    for (keys, word) in keymap::hints(state) {
        // The key badge " keys " and the word " word  ", as drawn below.
        let w = keys.chars().count() + 2 + word.chars().count() + 3;
        if used + w > width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {keys} "), th.tab_active()));
        spans.push(Span::styled(format!(" {word}  "), th.dim()));
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
    let r = crate::i18n::room(state.lang);
    // The keys that work here: this screen's own, the group's, and the general ones.
    let b = keymap::active(state);
    let w = 78.min(area.width);
    let rect = centered(area, w, b.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    // sb: the keys column as wide as its longest keys ("PgUp/Dn Home/End"), at least 10.
    let keys_w = b
        .iter()
        .map(|b| widgets::text::width(b.keys))
        .max()
        .unwrap_or(0)
        .clamp(10, 18) as u16;
    let rows = b.iter().map(|b| {
        Row::new(vec![
            Span::styled(b.keys, state.theme.heading()),
            Span::styled((b.desc)(t), state.theme.text()),
        ])
    });
    let screen = t.screens[state.screen.index()];
    let title = format!(
        "{} — {} ({screen}) — {}",
        t.help_title, r.help_here, t.help_close
    );
    frame.render_widget(
        Table::new(rows, [Constraint::Length(keys_w), Constraint::Min(10)])
            .block(popup_block(&title, state).padding(Padding::new(1, 1, 0, 0))),
        rect,
    );
}

/// The note editor: the kind as tabs, the text area, the keys.
fn note_editor(frame: &mut Frame, area: Rect, state: &State, editor: &NoteEditor) {
    let r = crate::i18n::room(state.lang);
    let th = &state.theme;
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(2).min(18);
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = popup_block(r.note_editor, state);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [kinds, text, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut spans = vec![];
    for (k, label) in crate::io::store::NoteKind::ALL.iter().zip(r.note_kinds) {
        let st = if *k == editor.kind {
            th.tab_active()
        } else {
            th.tab()
        };
        spans.push(Span::styled(format!(" {label} "), st));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Line::from(spans), kinds);
    let mut ta = editor.area.clone();
    ta.set_style(th.text());
    ta.set_cursor_line_style(th.text());
    ta.set_cursor_style(th.selected());
    frame.render_widget(&ta, text);
    frame.render_widget(
        Paragraph::new(Span::styled(r.note_editor_keys, th.dim())).wrap(Wrap { trim: true }),
        keys,
    );
}

fn input(frame: &mut Frame, area: Rect, state: &State, purpose: InputPurpose, buffer: &str) {
    let t = crate::i18n::tui(state.lang);
    let prompt = match purpose {
        InputPurpose::SavePath => t.save_prompt,
        InputPurpose::SaveBeforeQuit => t.quit_unsaved_prompt,
        InputPurpose::Number(_) | InputPurpose::BusinessCase(_) => t.number_prompt,
        InputPurpose::ExportPath => crate::i18n::tui_bc(state.lang).export_prompt,
        InputPurpose::PortfolioSearch => crate::i18n::portfolio_strings(state.lang).search,
        InputPurpose::PortfolioImport => crate::i18n::portfolio_strings(state.lang).import_prompt,
        InputPurpose::WeightSetName => crate::i18n::decision(state.lang).set_prompt,
    };
    // As wide as the screen allows (the path is read in full), the full target below it.
    let export = matches!(
        purpose,
        InputPurpose::ExportPath | InputPurpose::PortfolioImport
    );
    let w = area.width.saturating_sub(4).clamp(40.min(area.width), 110);
    let r = centered(area, w, if export { 9 } else { 7 });
    frame.render_widget(Clear, r);
    // Show the end of a long input: that is where the typing happens.
    let room = r.width.saturating_sub(8) as usize;
    let tail = |text: &str| -> String {
        let n = text.chars().count();
        if n <= room {
            text.to_string()
        } else {
            let kept: String = text.chars().skip(n + 1 - room).collect();
            format!("…{kept}")
        }
    };
    let mut lines = vec![
        Line::from(Span::styled(prompt, state.theme.text())),
        Line::from(""),
        Line::from(vec![
            Span::styled(tail(buffer), state.theme.selected()),
            Span::styled("▏", state.theme.heading()),
        ]),
    ];
    if export {
        let target = state.export_target(buffer).display().to_string();
        let label = crate::i18n::room(state.lang).export_target;
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), state.theme.dim()),
            Span::styled(tail(&target), state.theme.text()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
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
