//! The one key table: which key gives which action, with the description the help overlay and
//! the hint bar show. Terminal events (keys, mouse, resize) become actions here and nowhere else.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::i18n::TuiStrings;

use super::action::Action;
use super::screens::portfolio::PortfolioKey;
use super::state::{Popup, Screen, State};

/// A label in the room's language, picked from the TUI strings.
pub type Label = fn(&TuiStrings) -> &'static str;

/// Where a binding works (and so where the help and the hint bar show it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// On every screen.
    All,
    /// Only on these screens.
    On(&'static [Screen]),
    /// On every screen, for a starter group only.
    Group,
    /// On these screens, for a starter group only.
    GroupOn(&'static [Screen]),
}

impl Scope {
    /// Whether a binding with this scope works in `state`.
    pub fn applies(self, state: &State) -> bool {
        // The voting round view (issue 17) covers the screen: only the general keys work.
        if state.round.visible && self != Scope::All {
            return false;
        }
        match self {
            Scope::All => true,
            Scope::On(screens) => screens.contains(&state.screen),
            Scope::Group => state.is_group(),
            Scope::GroupOn(screens) => state.is_group() && screens.contains(&state.screen),
        }
    }
}

/// A group of keys with one meaning.
pub struct Binding {
    /// How the keys are written in the help and the hint bar.
    pub keys: &'static str,
    /// The description, per language.
    pub desc: Label,
    /// The hint bar's place (lower first: what must stay visible on a narrow screen) and
    /// word; `None` keeps it out of the hint bar.
    pub hint: Option<(u8, Label)>,
    /// Where it works.
    pub scope: Scope,
    /// The keys and the action each gives (empty: keys another binding handles, described
    /// here for the screens where they mean something else, like ←/→ for scenarios).
    pub map: Vec<(KeyCode, KeyModifiers, Action)>,
}

fn plain(code: KeyCode, action: Action) -> (KeyCode, KeyModifiers, Action) {
    (code, KeyModifiers::NONE, action)
}

fn room(t: &TuiStrings) -> &'static crate::i18n::RoomStrings {
    crate::i18n::room_of(t)
}

/// The key table, in the order the help lists it.
pub fn bindings() -> Vec<Binding> {
    use KeyCode::*;
    const WEIGHTS: &[Screen] = &[Screen::Weights];
    const COMPARISON: &[Screen] = &[Screen::Comparison];
    const SUMMARY: &[Screen] = &[Screen::Summary];
    const LANDSCAPE: &[Screen] = &[Screen::Landscape];
    const BUSINESS_CASE: &[Screen] = &[Screen::BusinessCase];
    const VALUES: &[Screen] = &[Screen::Situation, Screen::Weights, Screen::BusinessCase];
    vec![
        Binding {
            keys: "?",
            desc: |t| t.key_help,
            hint: Some((0, |t| t.hint_help)),
            scope: Scope::All,
            map: vec![plain(Char('?'), Action::Help)],
        },
        Binding {
            keys: "Tab",
            desc: |t| t.key_next,
            hint: Some((20, |t| t.hint_next)),
            scope: Scope::All,
            map: vec![plain(Tab, Action::NextScreen)],
        },
        Binding {
            keys: "Shift-Tab",
            desc: |t| t.key_prev,
            hint: None,
            scope: Scope::All,
            map: vec![plain(BackTab, Action::PrevScreen)],
        },
        Binding {
            keys: "1–9 0",
            desc: |t| t.key_goto,
            hint: Some((3, |t| t.hint_screens)),
            scope: Scope::All,
            map: (0..9)
                .map(|i| plain(Char((b'1' + i as u8) as char), Action::GoTo(i)))
                .chain([plain(Char('0'), Action::GoTo(9))])
                .collect(),
        },
        Binding {
            keys: "↑↓←→",
            desc: |t| t.key_move,
            hint: Some((22, |t| t.hint_move)),
            scope: Scope::All,
            map: vec![
                plain(Up, Action::Up),
                plain(Down, Action::Down),
                plain(Left, Action::Left),
                plain(Right, Action::Right),
            ],
        },
        Binding {
            keys: "h j k l",
            desc: |t| t.key_move,
            hint: None,
            scope: Scope::All,
            map: vec![
                plain(Char('h'), Action::Left),
                plain(Char('j'), Action::Down),
                plain(Char('k'), Action::Up),
                plain(Char('l'), Action::Right),
            ],
        },
        Binding {
            keys: "← →",
            desc: |t| room(t).key_scenario,
            hint: Some((1, |t| room(t).hint_scenario)),
            scope: Scope::On(BUSINESS_CASE),
            map: vec![],
        },
        // tuib: the screens with a long pane that scrolls.
        Binding {
            keys: "PgUp/Dn Home/End",
            desc: |t| crate::i18n::screen_text_of(t).key_scroll,
            hint: Some((8, |t| crate::i18n::screen_text_of(t).hint_scroll)),
            scope: Scope::On(super::screens::SCROLLING),
            map: {
                use super::widgets::scroll::Scroll;
                vec![
                    plain(PageUp, Action::Scroll(Scroll::PageUp)),
                    plain(PageDown, Action::Scroll(Scroll::PageDown)),
                    plain(Home, Action::Scroll(Scroll::Home)),
                    plain(End, Action::Scroll(Scroll::End)),
                ]
            },
        },
        Binding {
            keys: "Enter",
            desc: |t| t.key_select,
            hint: Some((4, |t| t.hint_select)),
            scope: Scope::All,
            map: vec![plain(Enter, Action::Select)],
        },
        Binding {
            keys: "Esc",
            desc: |t| t.key_back,
            hint: None,
            scope: Scope::All,
            map: vec![plain(Esc, Action::Back)],
        },
        Binding {
            keys: "+ -",
            desc: |t| t.key_slider,
            hint: Some((1, |t| room(t).hint_value)),
            scope: Scope::On(VALUES),
            map: vec![
                plain(Char('+'), Action::Increase),
                plain(Char('='), Action::Increase),
                plain(Char('-'), Action::Decrease),
            ],
        },
        Binding {
            keys: "t",
            desc: |t| room(t).key_method,
            hint: Some((2, |t| room(t).hint_method)),
            scope: Scope::On(WEIGHTS),
            map: vec![plain(Char('t'), Action::NextMethod)],
        },
        Binding {
            keys: "K J",
            desc: |t| room(t).key_order,
            hint: Some((5, |t| room(t).hint_order)),
            scope: Scope::On(WEIGHTS),
            map: vec![
                plain(Char('K'), Action::MoveItemUp),
                plain(Char('J'), Action::MoveItemDown),
            ],
        },
        Binding {
            keys: "i",
            desc: |t| room(t).key_inconsistent,
            hint: Some((6, |t| room(t).hint_inconsistent)),
            scope: Scope::On(WEIGHTS),
            map: vec![plain(Char('i'), Action::NextInconsistent)],
        },
        Binding {
            keys: "v",
            desc: |t| room(t).key_sensitivity,
            hint: Some((1, |t| room(t).hint_sensitivity)),
            scope: Scope::On(COMPARISON),
            map: vec![plain(Char('v'), Action::ToggleSensitivity)],
        },
        Binding {
            keys: "g",
            desc: |t| t.key_group,
            hint: Some((1, |t| room(t).hint_group)),
            scope: Scope::GroupOn(COMPARISON),
            map: vec![plain(Char('g'), Action::ToggleGroup)],
        },
        Binding {
            keys: "m",
            desc: |t| t.key_member,
            hint: Some((2, |t| room(t).hint_member)),
            scope: Scope::Group,
            map: vec![plain(Char('m'), Action::NextMember)],
        },
        Binding {
            keys: "r",
            desc: |t| room(t).key_reveal,
            hint: Some((2, |t| room(t).hint_reveal)),
            scope: Scope::Group,
            map: vec![plain(Char('r'), Action::Reveal)],
        },
        Binding {
            keys: "a",
            desc: |t| room(t).key_adopt,
            hint: Some((3, |t| room(t).hint_adopt)),
            scope: Scope::GroupOn(COMPARISON),
            map: vec![plain(Char('a'), Action::AdoptMean)],
        },
        Binding {
            keys: "u",
            desc: |t| room(t).key_undo,
            hint: Some((7, |t| room(t).hint_undo)),
            scope: Scope::All,
            map: vec![plain(Char('u'), Action::Undo)],
        },
        Binding {
            keys: "U",
            desc: |t| room(t).key_reset,
            hint: None,
            scope: Scope::On(WEIGHTS),
            map: vec![plain(Char('U'), Action::ResetWeights)],
        },
        Binding {
            keys: "p / f o O x",
            desc: |t| crate::i18n::portfolio_of(t).key_portfolio,
            hint: None,
            scope: Scope::On(LANDSCAPE),
            map: vec![
                plain(Char('p'), Action::Portfolio(PortfolioKey::Toggle)),
                plain(Char('/'), Action::Portfolio(PortfolioKey::Search)),
                plain(Char('f'), Action::Portfolio(PortfolioKey::NextFilter)),
                plain(Char('o'), Action::Portfolio(PortfolioKey::Sort)),
                plain(Char('O'), Action::Portfolio(PortfolioKey::Reverse)),
                plain(Char('x'), Action::Portfolio(PortfolioKey::Clear)),
            ],
        },
        // Issue 16 (port2): import a portfolio file from the Start and Situation screens (`I`:
        // `i` is the weights screen's).
        Binding {
            keys: "I",
            desc: |t| crate::i18n::portfolio_of(t).key_import,
            hint: Some((12, |t| crate::i18n::portfolio_of(t).hint_import)),
            scope: Scope::On(&[Screen::Start, Screen::Situation]),
            map: vec![plain(Char('I'), Action::Portfolio(PortfolioKey::Import))],
        },
        Binding {
            keys: "V",
            desc: |t| crate::i18n::vote_tui_of(t).key_round,
            hint: None,
            scope: Scope::All,
            map: vec![plain(
                Char('V'),
                Action::Round(super::screens::round::RoundAction::Show),
            )],
        },
        // Decision screens (issue 15, part A).
        Binding {
            keys: "b",
            desc: |t| crate::i18n::decision_of(t).key_projector,
            hint: Some((1, |t| crate::i18n::decision_of(t).hint_projector)),
            scope: Scope::On(SUMMARY),
            map: vec![plain(Char('b'), Action::ToggleProjector)],
        },
        Binding {
            keys: "S",
            desc: |t| crate::i18n::decision_of(t).key_save_set,
            hint: Some((6, |t| crate::i18n::decision_of(t).hint_save_set)),
            scope: Scope::On(WEIGHTS),
            map: vec![plain(Char('S'), Action::SaveWeightSet)],
        },
        Binding {
            keys: "w",
            desc: |t| crate::i18n::decision_of(t).key_show_sets,
            hint: Some((2, |t| crate::i18n::decision_of(t).hint_show_sets)),
            scope: Scope::On(COMPARISON),
            map: vec![plain(Char('w'), Action::ToggleWeightSets)],
        },
        Binding {
            keys: "H",
            desc: |t| crate::i18n::decision_of(t).key_contrast,
            hint: Some((23, |t| crate::i18n::decision_of(t).hint_contrast)),
            scope: Scope::All,
            map: vec![plain(Char('H'), Action::ToggleContrast)],
        },
        Binding {
            keys: "n",
            desc: |t| t.key_notes,
            hint: Some((2, |t| room(t).hint_notes)),
            scope: Scope::All,
            map: vec![plain(Char('n'), Action::EditNotes)],
        },
        Binding {
            keys: "e",
            desc: |t| t.key_export,
            hint: Some((1, |t| room(t).hint_export)),
            scope: Scope::On(SUMMARY),
            map: vec![plain(Char('e'), Action::Export)],
        },
        Binding {
            keys: "L",
            desc: |t| t.key_lang,
            hint: Some((10, |t| t.key_lang)),
            scope: Scope::All,
            map: vec![plain(Char('L'), Action::ToggleLang)],
        },
        Binding {
            keys: "s",
            desc: |t| t.key_save,
            hint: Some((21, |t| t.hint_save)),
            scope: Scope::All,
            map: vec![plain(Char('s'), Action::SaveAs)],
        },
        Binding {
            keys: "q Ctrl-C",
            desc: |t| t.key_quit,
            hint: Some((11, |t| t.hint_quit)),
            scope: Scope::All,
            map: vec![
                plain(Char('q'), Action::Quit),
                (Char('c'), KeyModifiers::CONTROL, Action::Quit),
            ],
        },
    ]
}

/// The bindings that work in `state` (its screen, group or not), in the help's order.
pub fn active(state: &State) -> Vec<Binding> {
    bindings()
        .into_iter()
        .filter(|b| b.scope.applies(state))
        .filter(|b| !state.round.visible || b.map.iter().all(|(_, _, a)| under_round(a)))
        .collect()
}

/// Issue 17 (f17): the general actions the key table still gives while the voting round view
/// covers the screen — none changes what is underneath (no screen switch, no cursor, no
/// hidden slider): help, closing a popup, language, contrast, save, undo (of `a`), quit and
/// the view's own `V`.
fn under_round(action: &Action) -> bool {
    matches!(
        action,
        Action::Help
            | Action::Back
            | Action::ToggleLang
            | Action::ToggleContrast
            | Action::SaveAs
            | Action::Undo
            | Action::Quit
            | Action::Round(_)
    )
}

/// The hint bar's entries for `state`, most important first: the keys of an open dialog, or
/// the keys that work on this screen (its own first, then the general ones).
pub fn hints(state: &State) -> Vec<(&'static str, &'static str)> {
    let t = crate::i18n::tui(state.lang);
    let r = crate::i18n::room(state.lang);
    match &state.popup {
        Some(Popup::Input { .. }) => {
            return vec![("Enter", r.hint_confirm), ("Esc", r.hint_cancel)];
        }
        Some(Popup::Note(_)) => {
            return vec![
                ("F2", r.hint_keep),
                ("Tab", r.hint_kind),
                ("Esc", r.hint_close),
            ];
        }
        Some(Popup::Help) => return vec![("Esc ?", r.hint_close), ("L", t.key_lang)],
        Some(Popup::Why) => return vec![("Esc", r.hint_close), ("↑↓←→", t.hint_move)],
        Some(Popup::Restore(_)) => {
            return vec![("Enter", r.hint_restore), ("Esc", r.hint_fresh)];
        }
        Some(Popup::PortfolioProblems(_)) => {
            return vec![("↑↓", t.hint_move), ("Enter Esc", r.hint_close)];
        }
        None => {}
    }
    let mut out: Vec<(u8, &'static str, &'static str)> = active(state)
        .into_iter()
        .filter_map(|b| b.hint.map(|(rank, word)| (rank, b.keys, word(t))))
        .collect();
    // The voting round view (issue 17) lists its own keys in its panel; the bar keeps only
    // the general keys it does not take for itself.
    if state.round.visible {
        out.retain(|(_, keys, _)| !super::screens::round::TAKEN.contains(keys));
    }
    out.sort_by_key(|h| h.0);
    out.into_iter().map(|(_, k, w)| (k, w)).collect()
}

/// The action a key gives in the current state (prompts take typed characters).
pub fn action_for_key(state: &State, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Action::Quit);
    }
    if let Some(Popup::Note(_)) = state.popup {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return Some(match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::F(2) => Action::Select,
            KeyCode::Char('s') if ctrl => Action::Select,
            KeyCode::Tab => Action::NoteKind,
            _ => Action::NoteKey(key),
        });
    }
    if let Some(Popup::Input { .. }) = state.popup {
        return match key.code {
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::InputBackspace),
            KeyCode::Char(c) => Some(Action::InputChar(c)),
            _ => None,
        };
    }
    // The voting round view (issue 17) takes its keys first; the rest go to the table.
    if state.round.visible
        && state.popup.is_none()
        && let Some(a) = super::screens::round::action_for_key(state, key)
    {
        return Some(a);
    }
    // Shift only makes capitals and symbols; it is not part of a binding.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    active(state).into_iter().find_map(|b| {
        b.map
            .into_iter()
            .find(|(code, m, _)| *code == key.code && *m == mods)
            .map(|(_, _, a)| a)
    })
}

/// The action a left click at (column, row) gives, resolved here against the layout that was
/// drawn for this state — before `update`, so `update` only ever sees what the click meant
/// (a screen, a row, a slider value), never a screen position it would have to interpret
/// against a layout that may have changed in between. A click closes the help and "why"
/// popups; it does nothing while a prompt, the note editor or the restore offer is open.
pub fn click(state: &State, column: u16, row: u16) -> Option<Action> {
    match state.popup {
        Some(Popup::Help | Popup::Why) => Some(Action::Back),
        Some(_) => None,
        // Issue 17 (f17): the round view covers the screen; a click reaches nothing under it.
        None if state.round.visible => None,
        None => super::layout::hit(state, column, row),
    }
}

/// The action a terminal event gives.
pub fn action_for_event(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => action_for_key(state, *k),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => click(state, m.column, m.row),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = std::collections::HashSet::new();
        for b in bindings() {
            for (code, m, _) in b.map {
                assert!(seen.insert((code, m)), "{code:?} {m:?} bound twice");
            }
        }
    }

    #[test]
    fn every_binding_has_a_description_in_both_languages() {
        for b in bindings() {
            assert!(!(b.desc)(&crate::i18n::TUI_NL).is_empty(), "{}", b.keys);
            assert!(!(b.desc)(&crate::i18n::TUI_EN).is_empty(), "{}", b.keys);
        }
    }
}
