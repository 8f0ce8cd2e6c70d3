//! Screen 2, situation: the municipality in focus (inhabitants, workplaces, current placement)
//! and the workloads with their data class, all editable in place; on the right the placement
//! rules for the selected workload's data class (with their status), or the group's members.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::catalogue::{DataClass, PlacementOption};
use crate::core::profile::{Municipality, Subject};
use crate::tui::action::{Action, Effect};
use crate::tui::layout;
use crate::tui::state::{InputPurpose, Popup, Screen, SituationField, State};
use crate::tui::widgets::{panel, row_style};

use super::start::thousands;

const FIELDS: usize = 3;

fn field_of(row: usize) -> SituationField {
    match row {
        0 => SituationField::Inhabitants,
        1 => SituationField::Workplaces,
        2 => SituationField::Current,
        i => SituationField::Workload(i - FIELDS),
    }
}

/// The line inside the panel where a row is drawn (a heading sits between fields and workloads).
fn line_of(row: usize) -> usize {
    if row < FIELDS { row } else { row + 2 }
}

fn rows(state: &State) -> usize {
    FIELDS + state.profile.workloads.len()
}

/// The municipality this screen shows and edits: the one in focus; with the group itself in
/// focus, the first member (the panel's title names it; `m` moves on).
fn shown(state: &State) -> usize {
    if state.focus_is_group() {
        return 0;
    }
    let n = state.profile.subject.members().len().max(1);
    state.member.min(n - 1)
}

fn member(state: &State) -> Option<&Municipality> {
    state.profile.subject.members().get(shown(state)).copied()
}

fn member_mut(state: &mut State) -> Option<&mut Municipality> {
    let i = shown(state);
    match &mut state.profile.subject {
        Subject::Single { municipality } => Some(municipality),
        Subject::Group { members, .. } => members.get_mut(i),
    }
}

fn option_name(state: &State, o: Option<PlacementOption>) -> String {
    let t = crate::i18n::tui(state.lang);
    o.and_then(|o| state.catalogue.option(o))
        .map(|i| i.name.get(state.lang).to_string())
        .unwrap_or_else(|| t.none_current.to_string())
}

/// Draws the situation screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let (left, right) = halves(area);
    let Some(m) = member(state) else { return };
    let cur = state.cursor.situation;
    let label_w = 20usize;
    let field = |i: usize, label: &str, value: String| -> Line<'static> {
        let sel = cur == i;
        Line::from(vec![
            Span::styled(if sel { "▶ " } else { "  " }, row_style(th, sel)),
            Span::styled(format!("{label:<label_w$}"), row_style(th, sel)),
            Span::styled(value, row_style(th, sel)),
        ])
    };
    let mut lines = vec![
        field(
            0,
            s.inhabitants,
            editing(state, 0).unwrap_or(thousands(m.inhabitants, state.lang)),
        ),
        field(
            1,
            s.workplaces,
            editing(state, 1).unwrap_or(thousands(m.workplaces, state.lang)),
        ),
        field(2, s.current, option_name(state, m.current)),
        Line::from(""),
        Line::from(Span::styled(
            format!("{} ({})", t.workloads, state.profile.workloads.len()),
            th.heading(),
        )),
    ];
    let class_w = 27usize;
    let name_w = (left.width as usize)
        .saturating_sub(4 + 2 + 3 + class_w)
        .clamp(12, 46);
    for (i, w) in state.profile.workloads.iter().enumerate() {
        let sel = cur == FIELDS + i;
        let st = row_style(th, sel);
        let name = fit(&w.name, name_w);
        lines.push(Line::from(vec![
            Span::styled(if sel { "▶ " } else { "  " }, st),
            Span::styled(format!("{name:<name_w$} "), st),
            Span::styled(if w.critical { "! " } else { "  " }, th.bad()),
            Span::styled(format!("{:<class_w$}", w.data.name().get(state.lang)), st),
        ]));
    }
    let title = format!("{} {}", s.municipality, m.name);
    frame.render_widget(Paragraph::new(lines).block(panel(&title, th, true)), left);

    if right.width == 0 {
        return;
    }
    let (title, info) = details(state);
    crate::tui::widgets::scroll::render(
        frame,
        right,
        panel(title, th, false),
        &info,
        state.cursor.scroll[Screen::Situation.index()],
        th,
    );
}

/// The right pane: the placement rules of the workload under the cursor, or the
/// municipalities with their figures (long for a group: it scrolls).
fn details(state: &State) -> (&'static str, Vec<Line<'static>>) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let cur = state.cursor.situation;
    let mut info: Vec<Line<'static>> = vec![
        Line::from(Span::styled(t.edit_hint, th.dim())),
        Line::from(""),
    ];
    match field_of(cur) {
        SituationField::Workload(i) => {
            if let Some(w) = state.profile.workloads.get(i) {
                info.push(Line::from(Span::styled(w.name.clone(), th.heading())));
                let models = if w.models.is_empty() {
                    t.any_model.to_string()
                } else {
                    w.models
                        .iter()
                        .map(|&m| crate::core::catalogue::short_model(m, state.lang))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                info.push(Line::from(format!("{}: {models}", t.models)));
                if w.critical {
                    info.push(Line::from(Span::styled(
                        format!("! {}", t.critical),
                        th.bad(),
                    )));
                }
                info.push(Line::from(""));
                info.extend(rule_lines(state, w.data));
            }
        }
        _ => {
            for (i, m) in state.profile.subject.members().iter().enumerate() {
                let st = if i == shown(state) {
                    th.heading()
                } else {
                    th.text()
                };
                info.push(Line::from(Span::styled(m.name.clone(), st)));
                info.push(Line::from(format!(
                    "  {} {} · {} {}",
                    thousands(m.inhabitants, state.lang),
                    s.inhabitants.to_lowercase(),
                    thousands(m.workplaces, state.lang),
                    s.workplaces.to_lowercase()
                )));
                info.push(Line::from(format!("  {}", option_name(state, m.current))));
            }
        }
    }
    let title = match field_of(cur) {
        SituationField::Workload(_) => s.rules,
        _ => t.members,
    };
    (title, info)
}

/// The number being typed into row `row`, with a cursor, while it is edited in place.
fn editing(state: &State, row: usize) -> Option<String> {
    match &state.popup {
        Some(Popup::Input {
            purpose: InputPurpose::Number(f),
            buffer,
        }) if *f == field_of(row) => Some(format!("{buffer}▏  (Enter · Esc)")),
        _ => None,
    }
}

/// The editable list on the left and, when there is room, the rules or members on the right.
fn halves(area: Rect) -> (Rect, Rect) {
    if area.width < 110 {
        return (area, Rect::default());
    }
    let lw = area.width * 2 / 3;
    (
        Rect { width: lw, ..area },
        Rect {
            x: area.x + lw + 1,
            width: area.width.saturating_sub(lw + 1),
            ..area
        },
    )
}

/// Cuts a text to `n` cells, marking the cut with "…"; a name of parts ("Hosting · IaaS ·
/// Privé") keeps its last part, which tells it from its neighbours (`widgets::text::fit_name`;
/// kept here under its old name for the screens that call it).
pub fn fit(text: &str, n: usize) -> String {
    crate::tui::widgets::text::fit_name(text, n)
}

/// The placement rules for a data class: what each does here (✗ forbids public cloud, ✓ lifted
/// by the profile, • a condition), its text, and its source with its status. Nothing for a
/// class without rules.
pub fn rule_lines(state: &State, data: DataClass) -> Vec<Line<'static>> {
    let th = &state.theme;
    let rules = state
        .rules_by_class
        .iter()
        .find(|(d, _)| *d == data)
        .map(|(_, r)| r.as_slice())
        .unwrap_or(&[]);
    if rules.is_empty() {
        return vec![];
    }
    let mut out = vec![Line::from(Span::styled(
        data.name().get(state.lang).to_string(),
        th.heading(),
    ))];
    for r in rules {
        let forbids_in_catalogue = state
            .catalogue
            .placement_rules
            .iter()
            .any(|p| p.id == r.id && p.forbids == crate::core::catalogue::Forbids::Public);
        let (mark, st) = if r.forbids_public {
            ("✗ ", th.bad())
        } else if forbids_in_catalogue {
            ("✓ ", th.good())
        } else {
            ("• ", th.text())
        };
        out.push(Line::from(vec![
            Span::styled(mark, st),
            Span::styled(r.text.get(state.lang).to_string(), th.text()),
        ]));
        out.extend(super::source_lines(state, &r.citations));
    }
    out.push(Line::from(""));
    out
}

/// Applies a typed number to a field.
/// Sets a number of the municipality on screen, through the same checks as `validate`
/// (`io::gate`): a value the profile format refuses is refused here with the same message
/// (`Err`), and the profile stays as it was.
pub fn set_number(state: &mut State, field: SituationField, n: u32) -> Result<(), String> {
    let before = crate::io::gate::check_profile(&state.profile, &state.catalogue);
    let Some(m) = member_mut(state) else {
        return Ok(());
    };
    let old = match field {
        SituationField::Inhabitants => std::mem::replace(&mut m.inhabitants, n),
        SituationField::Workplaces => std::mem::replace(&mut m.workplaces, n),
        _ => return Ok(()),
    };
    let after = crate::io::gate::check_profile(&state.profile, &state.catalogue);
    if let Some(p) = after.iter().find(|p| !before.contains(p)) {
        if let Some(m) = member_mut(state) {
            match field {
                SituationField::Inhabitants => m.inhabitants = old,
                _ => m.workplaces = old,
            }
        }
        let allowed = p
            .allowed
            .as_deref()
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        return Err(format!("{}: {}{allowed}", p.path, p.message));
    }
    Ok(())
}

fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let i = all.iter().position(|&x| x == cur).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// Moving, editing numbers, cycling enumerations.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let i = Screen::Situation.index();
    if let Action::Scroll(key) = action {
        if let Some(body) = crate::tui::layout::body_of(state) {
            let (_, right) = halves(body);
            let (_, info) = details(state);
            state.cursor.scroll[i] =
                crate::tui::widgets::scroll::moved(state.cursor.scroll[i], key, &info, right);
        }
        return None;
    }
    let n = rows(state);
    if super::move_cursor(&mut state.cursor.situation, n, &action) {
        // Another row: its details from the top.
        state.cursor.scroll[i] = 0;
        return None;
    }
    let forward = match action {
        Action::Select | Action::Right | Action::Increase => true,
        Action::Left | Action::Decrease => false,
        _ => return None,
    };
    match field_of(state.cursor.situation) {
        f @ (SituationField::Inhabitants | SituationField::Workplaces) => {
            if action == Action::Select {
                let m = member(state)?;
                let v = if f == SituationField::Inhabitants {
                    m.inhabitants
                } else {
                    m.workplaces
                };
                state.popup = Some(Popup::Input {
                    purpose: InputPurpose::Number(f),
                    buffer: v.to_string(),
                });
            }
        }
        SituationField::Current => {
            let mut all: Vec<Option<PlacementOption>> = vec![None];
            all.extend(PlacementOption::ALL.iter().map(|&o| Some(o)));
            let m = member_mut(state)?;
            m.current = cycle(&all, m.current, forward);
        }
        SituationField::Workload(i) => {
            let w = state.profile.workloads.get_mut(i)?;
            w.data = cycle(DataClass::ALL, w.data, forward);
            state.recompute();
        }
    }
    None
}

/// A click on a row.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = halves(area);
    let line = layout::list_row(left, column, row)?;
    (0..rows(state))
        .find(|&r| line_of(r) == line)
        .map(Action::Pick)
}
