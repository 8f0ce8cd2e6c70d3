//! Screen 1, start: pick a profile (the demo, a shipped one, the user's own) or resume the last
//! session; on the right, what the profile now open is about.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::{Action, Effect};
use crate::tui::layout;
use crate::tui::state::{StartKind, State};
use crate::tui::widgets::{panel, row_style};

fn tag(state: &State, kind: &StartKind) -> &'static str {
    let t = crate::i18n::tui(state.lang);
    match kind {
        StartKind::Demo => t.demo,
        StartKind::Shipped(_) => t.shipped,
        StartKind::Own(_) => t.own_profile,
        StartKind::Resume(_) => t.resume,
    }
}

/// The list on the left, as wide as its longest line needs (up to 55% of the body), and the
/// profile on the right: names of profiles are read from the back of the room, not cut.
fn split(state: &State, area: Rect) -> (Rect, Rect) {
    let longest = state
        .start_items
        .iter()
        .map(|i| 2 + tag(state, &i.kind).chars().count() + 2 + i.label.chars().count())
        .max()
        .unwrap_or(0) as u16;
    // Borders and padding take four columns.
    let left = (longest + 4).clamp(34, (area.width * 11 / 20).max(34));
    let [l, _, r] = Layout::horizontal([
        Constraint::Length(left.min(area.width)),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    (l, r)
}

/// Draws the start screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let (left, right) = split(state, area);
    let room = left.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = state
        .start_items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let tag = tag(state, &item.kind);
            let sel = i == state.cursor.start;
            let label = super::situation::fit(
                &item.label,
                room.saturating_sub(2 + tag.chars().count() + 2),
            );
            Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, row_style(th, sel)),
                Span::styled(format!("{tag}: "), row_style(th, sel)),
                Span::styled(label, row_style(th, sel)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel(t.screen_titles[0], th, true)),
        left,
    );

    let p = &state.profile;
    let mut info = vec![
        Line::from(Span::styled(t.start_intro, th.text())),
        Line::from(""),
        Line::from(Span::styled(p.title.clone(), th.heading())),
        Line::from(""),
    ];
    let members = p.subject.members();
    if p.subject.is_group() {
        info.push(Line::from(format!(
            "{}: {} ({})",
            s.group,
            p.subject.name(),
            members.len()
        )));
    }
    for m in members {
        info.push(Line::from(format!(
            "{} {}: {} {} · {} {}",
            s.municipality,
            m.name,
            thousands(m.inhabitants, state.lang),
            s.inhabitants.to_lowercase(),
            thousands(m.workplaces, state.lang),
            s.workplaces.to_lowercase()
        )));
    }
    info.push(Line::from(format!(
        "{}: {}",
        t.workloads,
        p.workloads.len()
    )));
    let r = crate::i18n::room(state.lang);
    info.push(Line::from(""));
    info.push(Line::from(Span::styled(r.start_keys, th.dim())));
    info.push(Line::from(Span::styled(
        match &state.own_profiles_dir {
            Some(d) => crate::i18n::fill(r.start_own, &[("dir", &d.display().to_string())]),
            None => r.start_no_dir.to_string(),
        },
        th.dim(),
    )));
    info.push(Line::from(Span::styled(r.start_cli, th.dim())));
    frame.render_widget(
        Paragraph::new(info)
            .wrap(Wrap { trim: true })
            .block(panel(t.profile_title, th, false)),
        right,
    );
}

/// A whole number grouped in the room's language: 45300 → "45.300" (nl), "45,300" (en), through
/// `report::number`.
pub fn thousands(n: u32, lang: crate::core::text::Lang) -> String {
    crate::report::number::integer(u64::from(n), lang)
}

/// Moving and opening.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let n = state.start_items.len();
    if super::move_cursor(&mut state.cursor.start, n, &action) {
        return None;
    }
    match action {
        Action::Select | Action::Right => {
            let item = state.start_items.get(state.cursor.start)?;
            state.opened = Some(state.cursor.start);
            Some(Effect::Open(item.kind.clone()))
        }
        _ => None,
    }
}

/// A click on a list row.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = split(state, area);
    layout::list_row(left, column, row)
        .filter(|&i| i < state.start_items.len())
        .map(Action::Pick)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_by_three() {
        use crate::core::text::Lang;
        assert_eq!(super::thousands(45300, Lang::Nl), "45.300");
        assert_eq!(super::thousands(45300, Lang::En), "45,300");
        assert_eq!(super::thousands(380, Lang::En), "380");
        assert_eq!(super::thousands(1_000_000, Lang::Nl), "1.000.000");
    }
}
